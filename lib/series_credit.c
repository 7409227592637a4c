/* Attendance of a session and credit across a series, from the files as
 * given: exports and rosters read, each export matched to its session
 * (DATE=FILE, a date in its name, the meeting's date), cancellations
 * checked, each session's credit computed and the series certified. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echo/calendar.h"
#include "echo/file.h"
#include "echo/minutes.h"

/* A day number no session has. */
#define NO_DAY LONG_MIN

const char *echo_credit_export_path(const char *arg)
{
	const char *eq = strchr(arg, '=');
	return eq ? eq + 1 : arg;
}

/* Loading ------------------------------------------------------------------------ */

static int no_memory(echo_diags *diags)
{
	echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
	return -1;
}

static void keep_source(echo_credit_result *res, const char *path, char *text, size_t len)
{
	if (res->source_count == res->source_cap) {
		size_t n = res->source_cap ? res->source_cap * 2 : 8;
		echo_credit_source *s = realloc(res->sources, n * sizeof *s);
		if (!s) {
			free(text);
			return;
		}
		res->sources = s;
		res->source_cap = n;
	}
	char *copy = strdup(path);
	if (!copy) {
		free(text);
		return;
	}
	res->sources[res->source_count++] = (echo_credit_source){copy, text, len};
}

/* Reads a file for the attendance loader, its text kept for findings. */
static char *read_text(echo_credit_result *res, const char *path, size_t *len,
                       echo_diags *diags)
{
	char *text = echo_file_read(path, echo_attendance_default_limits.max_bytes, len, diags);
	if (!text)
		res->unreadable = 1;
	return text;
}

/* An export or roster. */
static echo_attendance *load_export(echo_credit_result *res, const char *path,
                                    const echo_credit_options *o, echo_diags *diags)
{
	size_t len;
	char *text = read_text(res, path, &len, diags);
	if (!text)
		return NULL;
	size_t ulen;
	char *utf8 = echo_attendance_utf8(text, len, &ulen);   /* Teams: UTF-16 */
	if (utf8) {
		free(text);
		text = utf8;
		len = ulen;
	}
	echo_attendance_kind kind = ECHO_ATTENDANCE_AUTO;
	for (size_t i = 0; i < o->roster_count; i++)
		if (strcmp(echo_credit_export_path(o->rosters[i]), path) == 0)
			kind = ECHO_ATTENDANCE_ROSTER;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	keep_source(res, name, text, len);
	return echo_attendance_load(name, text, len, kind, NULL, diags);
}

/* The roster of the enrolled, read as a roster whatever its first line:
 * "Name, MD <email>" lines and comments have commas. */
static echo_attendance *load_directory(echo_credit_result *res, const echo_credit_options *o,
                                       echo_diags *diags)
{
	if (!o->enrolled)
		return NULL;
	size_t len;
	char *text = read_text(res, o->enrolled, &len, diags);
	if (!text)
		return NULL;
	const char *name = strcmp(o->enrolled, "-") == 0 ? "<stdin>" : o->enrolled;
	keep_source(res, name, text, len);
	return echo_attendance_load(name, text, len, ECHO_ATTENDANCE_ROSTER, NULL, diags);
}

/* Loads exports; NULL in place of one that failed to load. */
static echo_attendance **load_exports(echo_credit_result *res, const char *const *paths,
                                      size_t count, const echo_credit_options *o,
                                      echo_diags *diags)
{
	echo_attendance **parts = calloc(count ? count : 1, sizeof *parts);
	if (!parts) {
		no_memory(diags);
		return NULL;
	}
	for (size_t i = 0; i < count; i++)
		parts[i] = load_export(res, paths[i], o, diags);
	return parts;
}

static void free_exports(echo_attendance **parts, size_t count)
{
	for (size_t i = 0; parts && i < count; i++)
		echo_attendance_free(parts[i]);
	free(parts);
}

/* Nothing so far stops the run: no error, no failed read, memory enough. */
static int going(const echo_credit_result *res, const echo_diags *diags)
{
	if (res->unreadable || diags->failed || diags->errors)
		return 0;
	for (size_t i = 0; i < diags->count; i++) {
		const char *rule = diags->items[i].rule;
		if (rule && (strcmp(rule, "memory") == 0 || strcmp(rule, "io") == 0))
			return 0;
	}
	return 1;
}

static void schedule_error(echo_diags *diags, const echo_stream *stream,
                           const echo_schedule *sch, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/* An error at where the schedule's dates come from. */
static void schedule_error(echo_diags *diags, const echo_stream *stream,
                           const echo_schedule *sch, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	echo_diags_vadd(diags, ECHO_ERROR, stream->path, sch->at ? sch->at->start.line : 0,
	                sch->at ? sch->at->start.col : 0, rule, fmt, ap);
	va_end(ap);
}

/* One session ------------------------------------------------------------------------ */

/* The session's credit rule: the file's, then the options'. */
static echo_credit_rule credit_rule(const echo_credit_options *o, const echo_schedule *sch)
{
	echo_credit_rule rule = sch->rule;
	if (o->has_threshold)
		rule.min_percent = o->threshold;
	if (o->min_minutes)
		rule.min_minutes = o->min_minutes;
	rule.presence_counts = o->presence_counts;
	return rule;
}

/* Who earned credit in a session (the library checks that the exports
 * are of its date).  NULL when there are errors. */
static echo_session_credit *session_attendance(const echo_schedule *sch,
                                               const echo_schedule_date *when,
                                               const echo_credit_rule *rule,
                                               echo_attendance *const *parts, size_t count,
                                               const echo_attendance *directory,
                                               echo_diags *diags)
{
	int ok = count > 0;
	char date[16];
	echo_date_format(when->date, date, sizeof date);
	for (size_t i = 0; i < count; i++)
		ok = ok && parts[i];
	if (!ok)
		return NULL;
	echo_attendance *merged = count > 1
	                              ? echo_attendance_merge((const echo_attendance *const *)parts,
	                                                      count, diags)
	                              : parts[0];
	echo_session_credit_options co = {
		.label = date, .has_window = 1, .start = when->start, .end = when->end,
		.has_utc_offset = when->has_utc_offset, .utc_offset = when->utc_offset,
		.rule = *rule, .directory = directory, .faculty = sch->faculty,
		.faculty_count = sch->faculty_count, .hours = sch->hours,
	};
	co.hours.hours = when->hours;
	echo_session_credit *credit = merged ? echo_session_credit_compute(merged, &co, diags)
	                                     : NULL;
	if (count > 1)
		echo_attendance_free(merged);
	return credit;
}

int echo_credit_session_compute(const echo_stream *stream, const echo_schedule *sch,
                                const char *const *exports, size_t count,
                                const echo_credit_options *opts, echo_credit_result *res,
                                echo_diags *diags)
{
	if (sch->is_series) {
		schedule_error(diags, stream, sch, "schedule",
		               "this is a series; attendance takes one session (use credit --series)");
		return -1;
	}
	size_t errors = diags->errors;
	echo_attendance *dir = load_directory(res, opts, diags);
	echo_credit_rule rule = credit_rule(opts, sch);
	echo_attendance **parts = load_exports(res, exports, count, opts, diags);
	if (parts && !res->unreadable && !diags->failed && diags->errors == errors)
		res->session = session_attendance(sch, &sch->dates[0], &rule, parts, count, dir, diags);
	free_exports(parts, count);
	echo_attendance_free(dir);
	res->held = sch->count;
	return res->session ? 0 : -1;
}

/* A series ------------------------------------------------------------------------ */

/* Where a finding about an export's date points: the meeting's start
 * time, or the top of the file. */
static size_t line_of(const echo_attendance *a)
{
	return a->start_line ? a->start_line : 1;
}

static size_t col_of(const echo_attendance *a)
{
	return a->start_line ? a->start_col : 1;
}

/* The sessions the report covers: up to --through; every --cancelled a
 * date among them. */
static size_t covered(const echo_stream *stream, const echo_schedule *sch,
                      const echo_credit_options *o, echo_diags *diags)
{
	size_t held = sch->count;
	char date[16];
	while (o->has_through && held && sch->dates[held - 1].date > o->through)
		held--;
	for (size_t c = 0; c < o->cancelled_count; c++) {
		int found = 0;
		for (size_t i = 0; i < held; i++)
			found |= sch->dates[i].date == o->cancelled[c];
		echo_date_format(o->cancelled[c], date, sizeof date);
		if (!found)
			schedule_error(diags, stream, sch, "attendance-date",
			               "--cancelled %s is not a session date of the series%s", date,
			               o->has_through ? " up to --through" : "");
	}
	return held;
}

/* The day of the session an export is of: DATE=FILE, else a date in the
 * file's name, else the date of the meeting or of its rows (that all its
 * rows are of that date is checked with the session).  NO_DAY when it
 * cannot be told or is not a session covered, with the finding. */
static long export_day(const char *arg, const char *path, const echo_attendance *part,
                       const echo_schedule *sch, size_t held, const char *through_option,
                       echo_diags *diags)
{
	const char *eq = strchr(arg, '=');
	const char *how = "the meeting's date";
	long day = NO_DAY;
	if (eq) {
		char text[16];
		int y, m, d;
		snprintf(text, sizeof text, "%.*s", (int)(eq - arg < 15 ? eq - arg : 15), arg);
		echo_date_status st = eq - arg != 10 ? ECHO_DATE_SHAPE : echo_date_read(text, &y, &m, &d);
		if (st != ECHO_DATE_OK || echo_date_parse(text, &y, &m, &d) != 0) {
			char why[96];
			echo_diags_add(diags, ECHO_ERROR, part->path, line_of(part), col_of(part),
			               "attendance-date", "'%s=' %s", text,
			               echo_date_problem(text, st, why, sizeof why));
			return NO_DAY;
		}
		day = echo_days_from_civil(y, m, d);
		how = "the date given";
	} else if (echo_attendance_name_day(path, &day) == 0) {
		how = "the date in its name";
	} else if (echo_attendance_day(part, &day) != 0) {
		echo_diags_add(diags, ECHO_ERROR, part->path, line_of(part), col_of(part),
		               "attendance-date",
		               "cannot tell which session this %s export is of: nothing in it is "
		               "dated, nor is its name; give it as DATE=%s",
		               echo_attendance_kind_name(part->kind), path);
		return NO_DAY;
	}
	size_t k = 0;
	char date[16];
	while (k < sch->count && sch->dates[k].date != day)
		k++;
	echo_date_format(day, date, sizeof date);
	if (k == sch->count) {
		echo_diags_add(diags, ECHO_ERROR, part->path, line_of(part), col_of(part),
		               "attendance-date", "%s, %s, is not a session date of the series", how,
		               date);
	} else if (k >= held) {
		/* Exports named by a glob may run past --through. */
		echo_diags_add(diags, ECHO_WARNING, part->path, line_of(part), col_of(part),
		               "attendance-date", "left out: the session on %s is after %s", date,
		               through_option);
		return NO_DAY;
	}
	return day;
}

/* The state of one series run, freed at its end. */
struct series_run {
	size_t n;
	const char **paths;
	long *days;
	echo_attendance **parts, **group;
	echo_series_session *sessions;
	char (*labels)[16];
	echo_attendance *dir;
};

static void series_run_free(struct series_run *w)
{
	free_exports(w->parts, w->n);
	free(w->group);
	free(w->days);
	free(w->paths);
	free(w->sessions);
	free(w->labels);
	echo_attendance_free(w->dir);
}

/* Each session's credit, from its exports. */
static void credit_sessions(struct series_run *w, const echo_stream *stream,
                            const echo_schedule *sch, const echo_credit_options *o,
                            echo_credit_result *res, echo_diags *diags)
{
	echo_credit_rule rule = credit_rule(o, sch);
	for (size_t k = 0; k < res->held; k++) {
		size_t m = 0;
		for (size_t i = 0; i < w->n; i++)
			if (w->days[i] == sch->dates[k].date)
				w->group[m++] = w->parts[i];
		int cancelled = 0;
		for (size_t c = 0; c < o->cancelled_count; c++)
			cancelled |= o->cancelled[c] == sch->dates[k].date;
		echo_date_format(sch->dates[k].date, w->labels[k], sizeof w->labels[k]);
		w->sessions[k] = (echo_series_session){
			.label = w->labels[k], .cancelled = cancelled, .path = stream->path,
			.line = sch->at ? sch->at->start.line : 0,
		};
		if (cancelled && m)
			echo_diags_add(diags, ECHO_ERROR, w->group[0]->path, line_of(w->group[0]),
			               col_of(w->group[0]), "attendance-date",
			               "the session on %s is marked --cancelled, but here is its export",
			               w->labels[k]);
		else if (!cancelled && !m)
			schedule_error(diags, stream, sch, "attendance-missing",
			               "session %s has no attendance: give its export, or mark it "
			               "--cancelled%s",
			               w->labels[k],
			               o->has_through ? "" : " (for the series so far, give --through DATE)");
		else if (m)
			w->sessions[k].credit = res->credits[k] = session_attendance(
				sch, &sch->dates[k], &rule, w->group, m, w->dir, diags);
	}
}

/* The series' requirements judged, with --completions when given. */
static int certify(echo_credit_result *res, const echo_schedule *sch,
                   const echo_credit_options *o, echo_diags *diags)
{
	if (o->completions) {
		size_t len;
		char *text = read_text(res, o->completions, &len, diags);
		if (!text)
			return -1;
		const char *name = strcmp(o->completions, "-") == 0 ? "<stdin>" : o->completions;
		keep_source(res, name, text, len);
		res->completions = echo_completions_load(name, text, len, sch->requirements,
		                                         sch->requirement_count, diags);
		if (!res->completions)
			return -1;
	}
	int *training = calloc(res->held ? res->held : 1, sizeof *training);
	if (!training)
		return no_memory(diags);
	for (size_t k = 0; k < res->held; k++)
		training[k] = sch->dates[k].training;
	int rc = echo_series_credit_certify(res->series, sch->requirements, sch->requirement_count,
	                                    res->completions, training, diags);
	free(training);
	return rc;
}

int echo_credit_series_compute(const echo_stream *stream, const echo_schedule *sch,
                               const char *const *args, size_t count,
                               const echo_credit_options *o, echo_credit_result *res,
                               echo_diags *diags)
{
	if (!sch->is_series) {
		schedule_error(diags, stream, sch, "schedule",
		               "this is one session; credit takes a series (use attendance --session)");
		return -1;
	}
	struct series_run w = {.n = count};
	w.paths = calloc(count ? count : 1, sizeof *w.paths);
	w.days = calloc(count ? count : 1, sizeof *w.days);
	w.group = calloc(count ? count : 1, sizeof *w.group);
	if (!w.paths || !w.days || !w.group)
		no_memory(diags);
	int go = going(res, diags);
	if (go) {
		res->held = covered(stream, sch, o, diags);
		for (size_t i = 0; i < count; i++)
			w.paths[i] = echo_credit_export_path(args[i]);
		w.parts = load_exports(res, w.paths, count, o, diags);
		size_t held = res->held ? res->held : 1;
		res->credits = calloc(held, sizeof *res->credits);
		w.sessions = calloc(held, sizeof *w.sessions);
		w.labels = calloc(held, sizeof *w.labels);
		if (!w.parts || !res->credits || !w.sessions || !w.labels)
			no_memory(diags);
	}
	for (size_t i = 0; go && w.parts && i < count; i++)
		w.days[i] = w.parts[i] ? export_day(args[i], w.paths[i], w.parts[i], sch, res->held,
		                                    o->through_option ? o->through_option
		                                                      : "--through",
		                                    diags)
		                       : NO_DAY;
	go = go && res->credits && w.sessions && w.labels && going(res, diags);
	if (go) {
		w.dir = load_directory(res, o, diags);
		credit_sessions(&w, stream, sch, o, res, diags);
	}
	if (go && res->held && going(res, diags)) {
		const echo_series_rule *cert = o->certify ? o->certify : &sch->certification;
		res->series = echo_series_credit_compute(w.sessions, res->held, cert, diags);
		if (res->series && certify(res, sch, o, diags) != 0) {
			echo_series_credit_free(res->series);
			res->series = NULL;
		}
	} else if (go && !res->held) {
		schedule_error(diags, stream, sch, "attendance-missing",
		               "no session of the series is on or before --through");
	}
	series_run_free(&w);
	return res->series ? 0 : -1;
}

void echo_credit_result_free(echo_credit_result *res)
{
	if (!res)
		return;
	echo_session_credit_free(res->session);
	echo_series_credit_free(res->series);
	echo_completions_free(res->completions);
	for (size_t k = 0; res->credits && k < res->held; k++)
		echo_session_credit_free(res->credits[k]);
	free(res->credits);
	for (size_t i = 0; i < res->source_count; i++) {
		free(res->sources[i].path);
		free(res->sources[i].text);
	}
	free(res->sources);
	memset(res, 0, sizeof *res);
}
