/* When sessions were held, for attendance: from a session or series file,
 * or from echo-agenda's JSON of one, so that `echo-agenda render --to
 * json | echo-minutes credit --series -` works. */
#include <stdlib.h>
#include <string.h>

#include "echo/minutes.h"
#include "echo/schema.h"
#include "minutes_build.h"

/* The credit threshold and the certification rule, as written: a rule
 * that can be misread (a bare number) or never met (more sessions than
 * the series has) is an error at its value. */
/* A number of hours as written (1, 1.5) in hundredths; -1 when absent. */
static long hundredths(const echo_node *n)
{
	if (n && n->type == ECHO_NODE_INT && n->integer >= 0 && n->integer <= 100000)
		return (long)n->integer * 100;
	if (n && n->type == ECHO_NODE_FLOAT && n->number >= 0 && n->number <= 100000)
		return (long)(n->number * 100 + 0.5);
	return -1;
}

/* certification.requirements of a series file, as the series check
 * found them (ids unique and well formed). */
static int requirements_of(echo_schedule *out, const echo_stream *stream, const echo_node *cert,
                           echo_diags *diags)
{
	const echo_node *list = echo_node_get(cert, "requirements");
	if (!list || list->type != ECHO_NODE_SEQ || !list->count)
		return 0;
	out->requirements = calloc(list->count, sizeof *out->requirements);
	if (!out->requirements) {
		echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "memory", "out of memory");
		return -1;
	}
	for (size_t i = 0; i < list->count; i++) {
		const echo_node *item = list->items[i];
		const char *id = echo_node_get_text(item, "id");
		const char *title = echo_node_get_text(item, "title");
		if (!id || !title)
			continue;
		const echo_node *by = echo_node_get(item, "training_days");
		long h = hundredths(echo_node_get(item, "hours"));
		out->requirements[out->requirement_count++] = (echo_requirement){
			id, title, echo_node_get_text(item, "description"), h > 0 ? h : 0,
			by && by->type == ECHO_NODE_BOOL && by->boolean, stream->path, item->start.line,
			item->start.col};
	}
	return 0;
}

static int rules_of(echo_schedule *out, const echo_stream *stream, const echo_node *root,
                    echo_diags *diags)
{
	const echo_node *credit = echo_node_get(root, "credit");
	const echo_node *pct = echo_node_get(credit, "attendance_percent");
	if (pct && pct->type == ECHO_NODE_INT && pct->integer > 0 && pct->integer <= 100)
		out->rule.min_percent = (unsigned)pct->integer;
	long per_session = hundredths(echo_node_get(credit, "hours"));
	const char *hours_rule = echo_node_get_text(credit, "hours_rule");
	out->hours = (echo_credit_hours){
		per_session > 0 ? per_session : 0, hours_rule && strcmp(hours_rule, "quarter-hour") == 0,
		echo_node_get_text(credit, "kind"), echo_node_get_text(credit, "statement")};
	for (size_t i = 0; i < out->count; i++)
		if (!out->dates[i].training || out->dates[i].hours < 0)
			out->dates[i].hours = out->hours.hours;
	const echo_node *cert = echo_node_get(root, "certification");
	if (out->series && requirements_of(out, stream, cert, diags) != 0)
		return -1;
	const echo_node *req = echo_node_get(cert, "require");
	if (!cert)
		return 0;
	const char *why = "give the rule as 80%, 10 sessions, or 80% and 10 sessions";
	echo_series_rule r = {0};
	if (!echo_node_is_scalar(req) || req->type == ECHO_NODE_NULL ||
	    echo_series_rule_parse(req->text, &r, &why) != 0) {
		const echo_node *at = req ? req : cert;
		echo_diags_add(diags, ECHO_ERROR, stream->path, at->start.line, at->start.col,
		               "certification", "certification.require%s%s%s: %s",
		               echo_node_is_scalar(req) ? " '" : "",
		               echo_node_is_scalar(req) ? req->text : "",
		               echo_node_is_scalar(req) ? "'" : "", why);
		return -1;
	}
	if (r.min_sessions > out->count) {
		echo_diags_add(diags, ECHO_ERROR, stream->path, req->start.line, req->start.col,
		               "certification", "certification.require '%s' asks for more sessions "
		               "than the series has (%zu): no one could be certified", req->text,
		               out->count);
		return -1;
	}
	r.path = stream->path;
	r.line = req->start.line;
	r.col = req->start.col;
	out->has_certification = 1;
	out->certification = r;
	out->certification_title = echo_node_get_text(cert, "title");
	return 0;
}

static echo_wallclock wall(long day, int minutes)
{
	return (echo_wallclock)day * 86400 + 60LL * minutes;
}

/* The local wall clock of a UTC instant's date tells the zone's offset. */
static void set_offset(echo_schedule_date *d, int64_t start_utc)
{
	d->has_utc_offset = 1;
	d->utc_offset = (int)(d->start - start_utc);
}

/* Everyone the file names in hub_team, then its facilitator. */
static int faculty_of(echo_schedule *out, const echo_stream *stream, const echo_node *root,
                      echo_diags *diags)
{
	const echo_node *team = echo_node_get(root, "hub_team");
	size_t n = team && team->type == ECHO_NODE_SEQ ? team->count : 0;
	out->faculty = calloc(n + 1, sizeof *out->faculty);
	if (!out->faculty) {
		echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "memory", "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = echo_node_get_text(team->items[i], "name");
		if (!name)
			continue;
		const char *role = echo_node_get_text(team->items[i], "role");
		out->faculty[out->faculty_count++] = (echo_attendance_faculty){
			name, echo_node_get_text(team->items[i], "email"), role ? role : "hub team"};
	}
	const char *facilitator = echo_node_get_text(root, "facilitator");
	if (facilitator)
		out->faculty[out->faculty_count++] =
			(echo_attendance_faculty){facilitator, NULL, "facilitator"};
	return 0;
}

/* "-05:00" at the end of an ISO time, in seconds east of UTC. */
static int iso_offset(const echo_node *n, int *offset)
{
	if (!echo_node_is_scalar(n) || n->text_len < 6)
		return -1;
	const char *t = n->text + n->text_len - 6;
	if ((t[0] != '+' && t[0] != '-') || t[3] != ':')
		return n->text[n->text_len - 1] == 'Z' ? (*offset = 0, 0) : -1;
	int h = (t[1] - '0') * 10 + (t[2] - '0'), m = (t[4] - '0') * 10 + (t[5] - '0');
	*offset = (t[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return 0;
}

/* The key node of key in map, for positions. */
static const echo_node *key_node(const echo_node *map, const char *key)
{
	for (size_t i = 0; map && map->type == ECHO_NODE_MAP && i < map->count; i++)
		if (echo_node_is_scalar(map->pairs[i].key) && strcmp(map->pairs[i].key->text, key) == 0)
			return map->pairs[i].key;
	return map;
}

static int bad(echo_diags *diags, const echo_stream *stream, const echo_node *at,
               const char *message)
{
	echo_diags_add(diags, ECHO_ERROR, stream->path, at ? at->start.line : 1,
	               at ? at->start.col : 1, "schedule", "%s", message);
	return -1;
}

/* "2026-03-12T12:00:00-05:00": the local time, offset dropped. */
static int iso_wall(const echo_node *n, echo_wallclock *out)
{
	if (!echo_node_is_scalar(n) || n->text_len < 16)
		return -1;
	size_t len = n->text_len >= 19 ? 19 : 16;
	return echo_wallclock_parse(n->text, len, out, NULL);
}

static int read_agenda_json(echo_stream *stream, echo_node *root, echo_schedule *out,
                            echo_diags *diags)
{
	const char *kind = echo_node_get_text(root, "kind");
	out->is_series = kind && strcmp(kind, "series") == 0;
	if (!kind || (!out->is_series && strcmp(kind, "session") != 0))
		return bad(diags, stream, key_node(root, "kind"),
		           "echo-agenda JSON of kind session or series expected");
	const echo_node *list = out->is_series ? echo_node_get(root, "sessions") : root;
	size_t n = out->is_series ? (list && list->type == ECHO_NODE_SEQ ? list->count : 0) : 1;
	if (out->is_series && (!list || list->type != ECHO_NODE_SEQ))
		return bad(diags, stream, root, "echo-agenda JSON of a series without its sessions");
	out->at = out->is_series ? key_node(root, "sessions") : key_node(root, "date");
	out->dates = calloc(n ? n : 1, sizeof *out->dates);
	if (!out->dates) {
		echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "memory", "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const echo_node *s = out->is_series ? list->items[i] : root;
		echo_schedule_date *d = &out->dates[i];
		long day = mb_day(echo_node_get_text(s, "date"));
		if (day == MB_NO_DAY || iso_wall(echo_node_get(s, "start"), &d->start) != 0 ||
		    iso_wall(echo_node_get(s, "end"), &d->end) != 0 || d->end <= d->start)
			return bad(diags, stream, s,
			           "a session in echo-agenda JSON needs its date, start and end");
		d->date = day;
		d->has_utc_offset = iso_offset(echo_node_get(s, "start"), &d->utc_offset) == 0;
		const echo_node *num = echo_node_get(s, "number");
		d->number = num && num->type == ECHO_NODE_INT ? (int)num->integer : 0;
	}
	out->count = n;
	return 0;
}

int echo_schedule_read(echo_stream *stream, echo_node *root, echo_schedule *out,
                       echo_diags *diags)
{
	memset(out, 0, sizeof *out);
	out->root = root;
	const char *format = echo_node_get_text(root, "format");
	if (format && strcmp(format, "echo-agenda/1") == 0) {
		if (read_agenda_json(stream, root, out, diags) != 0 ||
		    faculty_of(out, stream, root, diags) != 0)
			return -1;
		return rules_of(out, stream, root, diags);
	}
	size_t errors = diags->errors;
	echo_agenda_kind kind = echo_agenda_kind_of(root);
	if (kind == ECHO_AGENDA_SERIES) {
		out->is_series = 1;
		out->series = echo_series_check(stream, root, diags);
		if (!out->series) {
			echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "memory", "out of memory");
			return -1;
		}
		if (!out->series->usable || diags->errors > errors)
			return -1;
		const echo_series *s = out->series;
		/* The sessions held (not the cancelled ones), and the training
		 * days when the certification counts them, in date order. */
		size_t training = s->training_counts ? s->training_count : 0;
		size_t n = s->date_count + training;
		out->dates = calloc(n ? n : 1, sizeof *out->dates);
		if (!out->dates) {
			echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "memory", "out of memory");
			return -1;
		}
		size_t ih = 0, it = 0;
		for (size_t i = 0; i < n; i++) {
			echo_schedule_date *d = &out->dates[i];
			if (it < training && (ih == s->date_count || s->training[it].date <= s->dates[ih].date)) {
				const echo_training_day *t = &s->training[it++];
				*d = (echo_schedule_date){t->date, 0, wall(t->date, t->start),
				                          wall(t->date, t->start + t->duration), 0, 0, 1,
				                          hundredths(echo_node_get(t->node, "hours"))};
				set_offset(d, t->start_utc);
				continue;
			}
			const echo_series_date *sd = &s->dates[ih++];
			*d = (echo_schedule_date){sd->date, sd->number, wall(sd->date, s->start),
			                          wall(sd->date, s->start + s->duration), 0, 0, 0, 0};
			set_offset(d, sd->start_utc);
		}
		out->count = n;
		out->at = key_node(root, "recurrence");
	} else if (kind == ECHO_AGENDA_SESSION) {
		echo_session_options no_cases = {1, NULL};
		out->session = echo_session_check(stream, root, &no_cases, diags);
		if (!out->session) {
			echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "memory", "out of memory");
			return -1;
		}
		if (!out->session->usable || diags->errors > errors)
			return -1;
		const echo_session *s = out->session;
		out->dates = calloc(1, sizeof *out->dates);
		if (!out->dates) {
			echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "memory", "out of memory");
			return -1;
		}
		const echo_node *num = echo_node_get(root, "number");
		out->dates[0] = (echo_schedule_date){
			s->date, num && num->type == ECHO_NODE_INT ? (int)num->integer : 0,
			wall(s->date, s->start), wall(s->date, s->start + s->duration), 0, 0, 0, 0};
		set_offset(&out->dates[0], s->start_utc);
		out->count = 1;
		out->at = key_node(root, "date");
	} else {
		const echo_node *schema = echo_node_get(root, "schema");
		const echo_node *at = schema ? schema : root;
		echo_diags_add(diags, ECHO_ERROR, stream->path, at ? at->start.line : 1,
		               at ? at->start.col : 1, "schema",
		               "not a session or a series: give an echo-session/1 or echo-series/1 "
		               "file, or echo-agenda's JSON of one");
		return -1;
	}
	if (faculty_of(out, stream, root, diags) != 0)
		return -1;
	return rules_of(out, stream, root, diags);
}

void echo_schedule_free(echo_schedule *schedule)
{
	if (!schedule)
		return;
	free(schedule->dates);
	free(schedule->faculty);
	free(schedule->requirements);
	echo_session_free(schedule->session);
	echo_series_free(schedule->series);
	memset(schedule, 0, sizeof *schedule);
}

echo_node *echo_report_data(echo_stream *stream, const echo_schedule *schedule,
                            const echo_node *table)
{
	echo_view_builder b = {stream, 0};
	echo_buf buf = ECHO_BUF_INIT;
	echo_node *data = echo_view_map(&b);
	const echo_node *root = schedule->root;
	echo_view_copy_key(&b, data, "program", root, NULL);
	echo_view_copy_key(&b, data, "title", root, NULL);
	echo_view_set_bool(&b, data, "is_series", schedule->is_series);
	if (schedule->count) {
		long first = schedule->dates[0].date, last = schedule->dates[schedule->count - 1].date;
		mb_date(&buf, first);
		echo_view_set_buf(&b, data, schedule->is_series ? "first_date" : "date", &buf);
		echo_format_date(&buf, first);
		echo_view_set_buf(&b, data, schedule->is_series ? "first_date_long" : "date_long", &buf);
		if (schedule->is_series) {
			mb_date(&buf, last);
			echo_view_set_buf(&b, data, "last_date", &buf);
			echo_format_date(&buf, last);
			echo_view_set_buf(&b, data, "last_date_long", &buf);
		}
	}
	echo_view_set_string(&b, data, "certification_title", schedule->certification_title);
	echo_view_set(&b, data, schedule->is_series ? "credit" : "attendance", table);
	echo_buf_free(&buf);
	return b.failed ? NULL : data;
}
