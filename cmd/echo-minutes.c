/* echo-minutes: after a teleECHO session, its minutes, a recommendation
 * summary for each presenter, attendance and continuing-education credit,
 * certification across a series, and a summary of a series' cases. */
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <echo/mail.h>
#include <echo/minutes.h>
#include <echo/notes.h>

#include "cli.h"
#include "echo_version.h"

static const char usage[] =
	"Usage: echo-minutes COMMAND [OPTION]... FILE...\n"
	"Write up teleECHO sessions: minutes, recommendation summaries for\n"
	"presenters, attendance and continuing-education credit, certification\n"
	"across a series, and a summary of a series' cases.\n"
	"\n"
	"Commands:\n"
	"  minutes [-a EXPORT]... [-n NOTES] [--to md|html|pdf|json] SESSION\n"
	"                        the minutes of a session\n"
	"  recommendations [--to md|html|pdf|json|eml] [-o FILE|DIR] CASE...\n"
	"  recommendations --session SESSION [--to md|html|pdf|json|eml] [-o FILE|DIR]\n"
	"                        a summary for each case's presenter\n"
	"  attendance --session SESSION [--to md|html|pdf|csv|json] EXPORT...\n"
	"                        minutes present and credit, one row per person\n"
	"  credit --series SERIES [--to md|html|pdf|csv|json] [DATE=]EXPORT...\n"
	"                        sessions credited and certification across a series\n"
	"  summary [--as-of DATE] [--to md|html|pdf|json] SESSION...\n"
	"                        cases, substances, themes and follow-ups of sessions\n"
	"  new notes [-o FILE]   write a commented notes scaffold\n"
	"  schema notes [--format json|markdown]\n"
	"                        print the notes format's JSON Schema or field table\n"
	"\n"
	"Options:\n"
	"  -o, --output=PATH      write to PATH (default: standard output); for\n"
	"                         recommendations a folder: one file per case\n"
	"  -t, --to=FORMAT        md (default), html, pdf, csv, json or eml\n"
	"      --attach-pdf       --to eml: attach the letter as a PDF\n"
	"      --sendmail[=PROG]  --to eml: pipe each message to 'PROG -t -i' (sendmail)\n"
	"      --dry-run          --sendmail: print what would be sent\n"
	"  -a, --attendance=FILE  minutes: the session's Zoom or Teams export;\n"
	"                         repeat to combine several\n"
	"      --roster=FILE      a sign-in sheet, one name per line: presence only\n"
	"                         (credit: [DATE=]FILE); a file whose first line is\n"
	"                         '# roster' may be given as an export instead\n"
	"  -n, --notes=FILE       minutes: the session's notes (echo-notes/1)\n"
	"  -s, --session=FILE     the session (echo-session/1, or echo-agenda JSON)\n"
	"      --series=FILE      the series (echo-series/1, or echo-agenda JSON)\n"
	"      --enrolled=FILE    a roster of the enrolled, 'Name <email>' lines: names\n"
	"                         without an email are matched to it, and the enrolled\n"
	"                         who did not come are listed\n"
	"      --threshold=N%     session credit: present for N% of the session\n"
	"                         (default: the file's credit.attendance_percent)\n"
	"      --min-minutes=N    session credit: and present for N minutes\n"
	"      --presence-counts  presence on a roster (minutes unknown) earns credit\n"
	"      --certify=RULE     certification: credit in 80% of the sessions held,\n"
	"                         in 10 sessions, or '80% and 10 sessions' (default:\n"
	"                         the series' certification.require)\n"
	"      --through=DATE     credit: the series so far, its sessions up to DATE\n"
	"      --cancelled=DATE   credit: a session that was not held; repeat for more\n"
	"      --as-of=DATE       summary: judge follow-ups due on DATE (default: the\n"
	"                         last session's date)\n"
	"  -f, --format=FORMAT    schema: json (default) or markdown\n"
	"  -v, --verbose          also show notes (rows outside the session, reviewed PHI)\n"
	"      --template=FILE    use FILE instead of the built-in template\n"
	"      --templates=DIR    take templates, page.html and style.css from DIR\n"
	CLI_PDF_USAGE
	"  -h, --help             show this help and exit\n"
	"  -V, --version          show the version and exit\n"
	"\n"
	"FILE may be '-' for standard input (one input at a time); a stream of\n"
	"cases separated by '---' gives one summary each.  Case files named in a\n"
	"session are read relative to its folder.  Nothing is written when an\n"
	"input has errors: a case with possible PHI stops minutes and summaries.\n"
	"Exit status: 0 ok, 1 the input has problems, 2 usage or I/O error.\n";

enum { MAX_CANCELLED = 64 };

/* A day number no session has. */
#define NO_DAY LONG_MIN

struct options {
	struct cli cli;
	const char **exports;        /* --attendance and --roster */
	size_t export_count;
	const char **rosters;        /* --roster ([DATE=]FILE) */
	size_t roster_count;
	const char *notes;
	const char *session;
	const char *series;
	const char *enrolled;
	int has_threshold;
	unsigned threshold;
	long min_minutes;
	int presence_counts;
	int has_certify;
	echo_series_rule certify;
	long through;                /* day number; 0: not given */
	int has_through;
	long cancelled[MAX_CANCELLED];
	size_t cancelled_count;
	long as_of;
	int has_as_of;
	int attach_pdf;              /* --attach-pdf */
	const char *sendmail;        /* --sendmail[=PROGRAM] */
	int dry_run;                 /* --dry-run */
};

/* Every text read, so a finding can show its source line. */
struct source {
	char *path;
	const char *text;
	size_t len;
	char *owned;                 /* export texts are kept here */
};

struct run {
	struct options *o;
	echo_diags diags;
	struct source *src;
	size_t nsrc, capsrc;
	echo_stream **streams;       /* YAML inputs, freed at the end */
	size_t nstreams, capstreams;
	int io_error;                /* a file could not be read: exit 2 */
};

/* Helpers ------------------------------------------------------------------------ */

static void *grow(void *items, size_t *cap, size_t count, size_t size)
{
	if (count < *cap)
		return items;
	size_t n = *cap ? *cap * 2 : 8;
	void *p = realloc(items, n * size);
	if (p)
		*cap = n;
	return p;
}

static void add_source(struct run *r, const char *path, const char *text, size_t len, char *owned)
{
	struct source *s = grow(r->src, &r->capsrc, r->nsrc, sizeof *s);
	char *copy = strdup(path);
	if (!s || !copy) {
		free(copy);
		free(owned);
		if (s)
			r->src = s;
		return;
	}
	r->src = s;
	r->src[r->nsrc++] = (struct source){copy, text, len, owned};
}

static void keep_stream(struct run *r, echo_stream *stream)
{
	echo_stream **s = grow(r->streams, &r->capstreams, r->nstreams, sizeof *s);
	if (!s) {
		echo_stream_free(stream);
		return;
	}
	r->streams = s;
	r->streams[r->nstreams++] = stream;
	add_source(r, stream->path, stream->source, stream->source_len, NULL);
}

static void run_free(struct run *r)
{
	for (size_t i = 0; i < r->nsrc; i++) {
		free(r->src[i].path);
		free(r->src[i].owned);
	}
	free(r->src);
	for (size_t i = 0; i < r->nstreams; i++)
		echo_stream_free(r->streams[i]);
	free(r->streams);
	echo_diags_free(&r->diags);
}

/* Prints the findings with the source line of whichever input each is in. */
static void print_findings(struct run *r)
{
	echo_buf out = ECHO_BUF_INIT;
	for (size_t i = 0; i < r->diags.count; i++) {
		const echo_diag *d = &r->diags.items[i];
		if (d->severity == ECHO_NOTE && !r->o->cli.verbose)
			continue;
		const struct source *src = NULL;
		for (size_t k = 0; !src && d->path && k < r->nsrc; k++)
			if (strcmp(r->src[k].path, d->path) == 0)
				src = &r->src[k];
		echo_diag_format(&out, d, src ? src->text : NULL, src ? src->len : 0);
	}
	fputs(echo_buf_cstr(&out), stderr);
	echo_buf_free(&out);
}

static int has_rule(const echo_diags *diags, const char *rule)
{
	for (size_t i = 0; i < diags->count; i++)
		if (diags->items[i].rule && strcmp(diags->items[i].rule, rule) == 0)
			return 1;
	return 0;
}

/* The exit status the findings call for. */
static int status_of(struct run *r)
{
	if (r->io_error || has_rule(&r->diags, "memory") || has_rule(&r->diags, "io") ||
	    r->diags.failed)
		return EXIT_USAGE;
	return r->diags.errors ? EXIT_FINDINGS : EXIT_OK;
}

static void error_at(struct run *r, const echo_stream *s, const echo_node *at, const char *rule,
                     const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

static void error_at(struct run *r, const echo_stream *s, const echo_node *at, const char *rule,
                     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	echo_diags_vadd(&r->diags, ECHO_ERROR, s ? s->path : NULL, at ? at->start.line : 0,
	                at ? at->start.col : 0, rule, fmt, ap);
	va_end(ap);
}

/* "2026-03-12" -> day number; -1 if it is not a date in range. */
static int parse_day(const char *text, long *day)
{
	int y, m, d;
	if (echo_date_parse(text, &y, &m, &d) != 0)
		return -1;
	*day = echo_days_from_civil(y, m, d);
	return 0;
}

/* The usage error for an option's value that parse_day refused. */
static int day_usage_error(struct options *o, const char *option, const char *text)
{
	int y, m, d;
	char why[96];
	return cli_usage_error(&o->cli, "%s: '%s' %s", option, text,
	                       echo_date_problem(text, echo_date_read(text, &y, &m, &d), why,
	                                         sizeof why));
}

static void day_text(char *out, size_t cap, long day)
{
	echo_date_format(day, out, cap);
}

/* A YAML input with exactly one document. */
static echo_stream *load_yaml(struct run *r, const char *path, const char *what)
{
	echo_stream *s = echo_stream_load_file(path, NULL, &r->diags);
	if (!s) {
		r->io_error = 1;
		return NULL;
	}
	keep_stream(r, s);
	if (s->doc_count == 0) {
		if (r->diags.errors == 0)
			echo_diags_add(&r->diags, ECHO_ERROR, s->path, 1, 1, "empty",
			               "no %s here: the file is empty", what);
		return NULL;
	}
	if (s->doc_count > 1) {
		const echo_node *second = s->docs[1];
		echo_diags_add(&r->diags, ECHO_ERROR, s->path, second ? second->start.line : 1,
		               second ? second->start.col : 1, "second-document",
		               "one %s per file; this is a second document", what);
		return NULL;
	}
	return s;
}

/* An export or roster, its text kept for findings. */
static echo_attendance *load_export(struct run *r, const char *path)
{
	size_t len;
	char *text = echo_file_read(path, echo_attendance_default_limits.max_bytes, &len,
	                            &r->diags);
	if (!text) {
		r->io_error = 1;
		return NULL;
	}
	size_t ulen;
	char *utf8 = echo_attendance_utf8(text, len, &ulen);   /* Teams: UTF-16 */
	if (utf8) {
		free(text);
		text = utf8;
		len = ulen;
	}
	echo_attendance_kind kind = ECHO_ATTENDANCE_AUTO;
	for (size_t i = 0; i < r->o->roster_count; i++) {
		const char *eq = strchr(r->o->rosters[i], '=');
		if (strcmp(eq ? eq + 1 : r->o->rosters[i], path) == 0)
			kind = ECHO_ATTENDANCE_ROSTER;
	}
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	add_source(r, name, text, len, text);
	return echo_attendance_load(name, text, len, kind, NULL, &r->diags);
}

/* Output -------------------------------------------------------------------------- */

static int write_text(struct run *r, const char *path, echo_buf *text)
{
	if (text->failed) {
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return -1;
	}
	return echo_file_write(path, echo_buf_cstr(text), text->len, &r->diags);
}

/* Renders the template called name with data; to HTML with the given
 * title when asked. */
static int render(struct run *r, const char *name, const echo_node *data, const char *title,
                  echo_buf *out)
{
	if (!data) {
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return -1;
	}
	echo_render_options ropts = {.escape = echo_escape_markdown};
	echo_buf md = ECHO_BUF_INIT;
	int rc = echo_templates_render(r->o->cli.templates, name, data, &ropts, &md, &r->diags);
	if (rc == 0 && r->o->cli.to == CLI_TO_HTML)
		rc = cli_render_page(&r->o->cli, echo_buf_cstr(&md), md.len, title, out, &r->diags);
	else if (rc == 0)
		echo_buf_append(out, echo_buf_cstr(&md), md.len);
	echo_buf_free(&md);
	return rc == 0 && !out->failed ? 0 : -1;
}

static int load_templates(struct run *r, const char *main_name)
{
	if (r->o->cli.to == CLI_TO_CSV || r->o->cli.to == CLI_TO_JSON)
		return 0;
	if (cli_templates_load(&r->o->cli, main_name, &r->diags) != 0) {
		r->io_error = 1;
		return -1;
	}
	return 0;
}

/* Sessions -------------------------------------------------------------------------- */

/* A session file, checked with its cases.  For minutes and summaries a
 * case that failed its checks is an error: minutes go to every
 * participant, and a gap would look like a complete record.  The agenda's
 * warning that it left the case off is replaced by that error. */
static echo_session *load_session(struct run *r, const char *path, int with_cases)
{
	echo_stream *s = load_yaml(r, path, "session");
	if (!s)
		return NULL;
	echo_node *root = s->docs[0];
	if (echo_agenda_kind_of(root) != ECHO_AGENDA_SESSION) {
		const echo_node *schema = echo_node_get(root, "schema");
		if (echo_node_is_scalar(schema) && schema->type != ECHO_NODE_NULL)
			error_at(r, s, schema, "schema", "'schema: %s' is not a session; give an "
			         "echo-session/1 file", schema->text);
		else
			error_at(r, s, root, "schema", "not a session; give an echo-session/1 file");
		return NULL;
	}
	echo_diags local = ECHO_DIAGS_INIT;
	echo_session_options opts = {!with_cases, NULL};
	echo_session *session = echo_session_check(s, root, &opts, &local);
	if (!session) {
		echo_diags_free(&local);
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < local.count; i++) {
		echo_diag *d = &local.items[i];
		if (d->rule && strcmp(d->rule, "case-withdrawn") == 0)
			continue;
		echo_diags_add(&r->diags, d->severity, d->path, d->line, d->col, d->rule, "%s",
		               d->message);
	}
	echo_diags_free(&local);
	for (size_t i = 0; i < session->segment_count; i++) {
		const echo_segment *seg = &session->segments[i];
		if (seg->kind != ECHO_SEGMENT_CASE)
			continue;
		if (seg->case_stream)
			add_source(r, seg->case_stream->path, seg->case_stream->source,
			           seg->case_stream->source_len, NULL);
		if (with_cases && seg->withdrawn && seg->case_stream)
			error_at(r, s, echo_node_get(seg->body, "file"), "case-withdrawn",
			         "case file %s did not pass its checks: nothing is written while a case "
			         "has problems",
			         seg->case_path);
	}
	return session;
}

/* minutes -------------------------------------------------------------------------- */

/* Names of the session's people, which notes may name freely. */
static const char **known_names(const echo_session *s, const echo_node *notes, size_t *count)
{
	size_t cap = 16 + s->segment_count * 2, n = 0;
	const echo_node *team = echo_node_get(s->root, "hub_team");
	const echo_node *items = echo_node_get(notes, "action_items");
	cap += team && team->type == ECHO_NODE_SEQ ? team->count : 0;
	cap += items && items->type == ECHO_NODE_SEQ ? items->count : 0;
	const char **names = calloc(cap, sizeof *names);
	if (!names)
		return NULL;
	names[n++] = echo_node_get_text(s->root, "facilitator");
	names[n++] = echo_node_get_text(notes, "recorded_by");
	for (size_t i = 0; team && team->type == ECHO_NODE_SEQ && i < team->count; i++)
		names[n++] = echo_node_get_text(team->items[i], "name");
	for (size_t i = 0; items && items->type == ECHO_NODE_SEQ && i < items->count; i++)
		names[n++] = echo_node_get_text(items->items[i], "owner");
	for (size_t i = 0; i < s->segment_count; i++) {
		const echo_segment *seg = &s->segments[i];
		const char *who = echo_node_get_text(seg->body, "presenter");
		names[n++] = who ? who : echo_node_get_text(seg->body, "lead");
		names[n++] = echo_node_get_text(echo_node_get(seg->case_root, "presenter"), "name");
	}
	*count = n;
	return names;
}

/* The session's credit rule: the file's, then the options'. */
static echo_credit_rule credit_rule(const struct options *o, const echo_schedule *sch)
{
	echo_credit_rule rule = sch->rule;
	if (o->has_threshold)
		rule.min_percent = o->threshold;
	if (o->min_minutes)
		rule.min_minutes = o->min_minutes;
	rule.presence_counts = o->presence_counts;
	return rule;
}

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

/* Loads exports; NULL in place of one that failed to load. */
static echo_attendance **load_exports(struct run *r, const char *const *paths, size_t count)
{
	echo_attendance **parts = calloc(count ? count : 1, sizeof *parts);
	if (!parts) {
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < count; i++)
		parts[i] = load_export(r, paths[i]);
	return parts;
}

static void free_exports(echo_attendance **parts, size_t count)
{
	for (size_t i = 0; parts && i < count; i++)
		echo_attendance_free(parts[i]);
	free(parts);
}

/* Computes who earned credit in a session (the library checks that the
 * exports are of its date).  NULL when there are errors. */
static echo_session_credit *session_attendance(struct run *r, const echo_schedule *sch,
                                               const echo_schedule_date *when,
                                               const echo_credit_rule *rule,
                                               echo_attendance *const *parts, size_t count,
                                               const echo_attendance *directory)
{
	int ok = count > 0;
	char date[16];
	day_text(date, sizeof date, when->date);
	for (size_t i = 0; i < count; i++)
		ok = ok && parts[i];
	if (!ok)
		return NULL;
	echo_attendance *merged = count > 1
	                              ? echo_attendance_merge((const echo_attendance *const *)parts,
	                                                      count, &r->diags)
	                              : parts[0];
	echo_session_credit_options co = {
		.label = date, .has_window = 1, .start = when->start, .end = when->end,
		.has_utc_offset = when->has_utc_offset, .utc_offset = when->utc_offset,
		.rule = *rule, .directory = directory, .faculty = sch->faculty,
		.faculty_count = sch->faculty_count,
	};
	echo_session_credit *credit = merged ? echo_session_credit_compute(merged, &co, &r->diags)
	                                     : NULL;
	if (count > 1)
		echo_attendance_free(merged);
	return credit;
}

static echo_attendance *load_directory(struct run *r)
{
	if (!r->o->enrolled)
		return NULL;
	/* Read as a roster whatever its first line: "Name, MD <email>"
	 * lines and comments have commas. */
	size_t len;
	char *text = echo_file_read(r->o->enrolled, echo_attendance_default_limits.max_bytes, &len,
	                            &r->diags);
	if (!text) {
		r->io_error = 1;
		return NULL;
	}
	const char *name = strcmp(r->o->enrolled, "-") == 0 ? "<stdin>" : r->o->enrolled;
	add_source(r, name, text, len, text);
	return echo_attendance_load(name, text, len, ECHO_ATTENDANCE_ROSTER, NULL, &r->diags);
}

static int cmd_minutes(struct options *o, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage_error(&o->cli, "minutes: %s",
		                       argc ? "one session at a time"
		                            : "no session file (use '-' for standard input)");
	if (o->cli.to == CLI_TO_CSV)
		return cli_usage_error(&o->cli, "minutes: --to md, html or json");
	const char *output = o->cli.output ? o->cli.output : "-";
	int stdin_count = (strcmp(argv[0], "-") == 0) + (o->notes && strcmp(o->notes, "-") == 0);
	for (size_t i = 0; i < o->export_count; i++)
		stdin_count += strcmp(o->exports[i], "-") == 0;
	if (stdin_count > 1)
		return cli_usage_error(&o->cli, "only one input can be standard input");

	struct run r = {.o = o, .diags = ECHO_DIAGS_INIT};
	echo_session *session = load_session(&r, argv[0], 1);
	echo_stream *notes_stream = o->notes ? load_yaml(&r, o->notes, "notes document") : NULL;
	const echo_node *notes = notes_stream ? notes_stream->docs[0] : NULL;
	echo_session_credit *credit = NULL;
	int ready = session && session->usable && r.diags.errors == 0 && !r.io_error;
	if (session && session->usable) {
		for (size_t i = 0; i < session->segment_count; i++)
			if (session->segments[i].case_root)
				echo_case_check_recommendations(session->segments[i].case_stream,
				                                session->segments[i].case_root, ECHO_WARNING,
				                                &r.diags);
		if (notes) {
			size_t known_count = 0;
			const char **known = known_names(session, notes, &known_count);
			if (!known)
				echo_diags_add(&r.diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
			else
				echo_notes_check(notes_stream, notes, known, known_count, &r.diags);
			free(known);
			const echo_node *date = echo_node_get(notes, "session");
			const char *sdate = echo_node_get_text(session->root, "date");
			if (echo_node_is_scalar(date) && sdate && strcmp(date->text, sdate) != 0)
				error_at(&r, notes_stream, date, "notes-session",
				         "these notes are for the session on %s; the session is on %s",
				         date->text, sdate);
		}
		if (o->export_count) {
			echo_schedule sch;
			echo_attendance *dir = load_directory(&r);
			if (echo_schedule_read(session->stream, session->root, &sch, &r.diags) == 0) {
				echo_credit_rule rule = credit_rule(o, &sch);
				echo_attendance **parts = load_exports(&r, o->exports, o->export_count);
				if (parts)
					credit = session_attendance(&r, &sch, &sch.dates[0], &rule, parts,
					                            o->export_count, dir);
				free_exports(parts, o->export_count);
			}
			echo_schedule_free(&sch);
			echo_attendance_free(dir);
		}
	}
	ready = ready && r.diags.errors == 0 && status_of(&r) == EXIT_OK;
	if (ready && load_templates(&r, "minutes.md") == 0) {
		echo_minutes m = {session, notes, credit};
		echo_buf out = ECHO_BUF_INIT;
		int rc;
		if (o->cli.to == CLI_TO_JSON) {
			rc = echo_minutes_json(&m, &out);
		} else {
			echo_buf title = ECHO_BUF_INIT;
			echo_buf_printf(&title, "Minutes: %s", echo_node_get_text(session->root, "title"));
			rc = render(&r, "minutes.md", echo_minutes_data(&m), echo_buf_cstr(&title), &out);
			echo_buf_free(&title);
		}
		if (rc != 0 || write_text(&r, output, &out) != 0)
			r.io_error = 1;
		echo_buf_free(&out);
	}
	print_findings(&r);
	int status = status_of(&r);
	if (status == EXIT_OK && !ready)
		status = EXIT_FINDINGS;
	echo_session_credit_free(credit);
	echo_session_free(session);
	run_free(&r);
	cli_release(&o->cli);
	return status;
}

/* recommendations ------------------------------------------------------------------ */

struct case_ref {
	echo_stream *stream;
	echo_node *root;
};

/* The date on messages: SOURCE_DATE_EPOCH when set, for output that can
 * be reproduced, else now. */
static long long message_date(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t = epoch && *epoch ? strtoll(epoch, &end, 10) : -1;
	return t >= 0 && epoch && !*end ? t : (long long)time(NULL);
}

/* The letter to one case's presenter as an email: its Markdown as the
 * text part, its page as the HTML part and, with --attach-pdf, printed. */
static int letter_message(struct run *r, const struct case_ref *c, const echo_session *session,
                          const echo_buf *md, const char *title, echo_buf *out)
{
	struct options *o = r->o;
	echo_mail mail;
	echo_buf subject = ECHO_BUF_INIT, id = ECHO_BUF_INIT, html = ECHO_BUF_INIT, pdf = ECHO_BUF_INIT;
	echo_buf name = ECHO_BUF_INIT;
	int rc = echo_recommendations_envelope(c->stream, c->root, session, message_date(), &mail,
	                                       &subject, &id, &r->diags);
	if (rc == 0)
		rc = cli_render_html(&o->cli, echo_buf_cstr((echo_buf *)md), md->len, title, &html,
		                     &r->diags);
	if (rc == 0 && o->attach_pdf)
		rc = cli_print_pdf(&o->cli, echo_buf_cstr(&html), html.len, &pdf, &r->diags);
	if (rc == 0) {
		const char *case_id = echo_node_get_text(c->root, "id");
		echo_buf_printf(&name, "%s-recommendations.pdf", case_id ? case_id : "case");
		mail.text = echo_buf_cstr((echo_buf *)md);
		mail.text_len = md->len;
		mail.html = echo_buf_cstr(&html);
		mail.html_len = html.len;
		if (o->attach_pdf) {
			mail.attachment = pdf.data;
			mail.attachment_len = pdf.len;
			mail.attachment_name = echo_buf_cstr(&name);
		}
		rc = echo_mail_write(&mail, out, &r->diags);
	}
	if (rc != 0 && !r->diags.errors)
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "mail", "cannot build the message");
	echo_buf_free(&subject);
	echo_buf_free(&id);
	echo_buf_free(&html);
	echo_buf_free(&pdf);
	echo_buf_free(&name);
	return rc;
}

/* --sendmail: the messages are built first, all of them, then sent. */
struct outbox {
	echo_buf *messages;
	size_t count;
};
static struct outbox outbox;

static int post(struct run *r, echo_buf *message)
{
	echo_buf *m = realloc(outbox.messages, (outbox.count + 1) * sizeof *m);
	if (!m) {
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return -1;
	}
	outbox.messages = m;
	m[outbox.count++] = *message;
	*message = (echo_buf)ECHO_BUF_INIT;
	return 0;
}

/* A header's value as the message has it (unfolded), for --dry-run. */
static void print_header(const echo_buf *m, const char *name)
{
	size_t n = strlen(name);
	const char *p = m->data, *end = m->data + m->len;
	while (p < end && *p != '\n') {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > n && strncmp(p, name, n) == 0 && p[n] == ':') {
			printf("%s:", name);
			const char *v = p + n + 1;
			for (;;) {
				printf("%.*s", (int)(eol - v), v);
				if (eol + 1 < end && (eol[1] == ' ' || eol[1] == '\t')) {
					v = eol + 1;
					eol = memchr(v, '\n', (size_t)(end - v));
					if (!eol)
						eol = end;
				} else {
					break;
				}
			}
			putchar('\n');
			return;
		}
		p = eol + 1;
	}
}

static int send_outbox(struct run *r)
{
	int rc = 0;
	for (size_t i = 0; i < outbox.count; i++) {
		echo_buf *m = &outbox.messages[i];
		if (r->o->dry_run) {
			printf("would send %zu bytes with %s -t -i:\n", m->len, r->o->sendmail);
			print_header(m, "From");
			print_header(m, "To");
			print_header(m, "Subject");
			if (i + 1 < outbox.count)
				putchar('\n');
		} else if (rc == 0 &&
		           echo_mail_send(r->o->sendmail, m->data, m->len, &r->diags) != 0) {
			rc = -1;
		}
		echo_buf_free(m);
	}
	free(outbox.messages);
	outbox = (struct outbox){0};
	return rc;
}

static int write_summaries(struct run *r, const char *output, int to_dir, struct case_ref *cases,
                           size_t count, const echo_session *session)
{
	struct options *o = r->o;
	echo_buf all = ECHO_BUF_INIT, md = ECHO_BUF_INIT;
	o->cli.no_toc = 1;   /* a letter, not a report */
	o->cli.print_css = o->attach_pdf;
	/* One file per case in a folder: all of them, or none. */
	echo_output *set = to_dir ? echo_output_new() : NULL;
	int rc = to_dir && !set ? -1 : 0;
	if (o->cli.to == CLI_TO_JSON && !to_dir)
		echo_buf_puts(&all, "{\n  \"format\": \"echo-minutes/1\",\n  \"kind\": \"recommendations\",\n"
		                    "  \"summaries\": [");
	for (size_t i = 0; i < count && rc == 0; i++) {
		struct case_ref *c = &cases[i];
		const char *id = echo_node_get_text(c->root, "id");
		echo_buf one = ECHO_BUF_INIT;
		char title[256];
		snprintf(title, sizeof title, "Recommendations for case %s", id ? id : "");
		if (o->cli.to == CLI_TO_JSON) {
			if (to_dir)
				echo_buf_puts(&one, "{\n  \"format\": \"echo-minutes/1\",\n  \"kind\": "
				                    "\"recommendations\",\n  \"summaries\": [\n    ");
			else
				echo_buf_puts(&all, i ? ",\n    " : "\n    ");
			rc = echo_recommendations_json(c->stream, c->root, session, 2, to_dir ? &one : &all);
			if (to_dir)
				echo_buf_puts(&one, "\n  ]\n}\n");
		} else {
			echo_node *data = echo_recommendations_data(c->stream, c->root, session);
			echo_render_options ropts = {.escape = echo_escape_markdown};
			echo_buf_clear(&md);
			rc = data ? echo_templates_render(o->cli.templates, "recommendations.md", data, &ropts,
			                                  &md, &r->diags)
			          : -1;
			if (rc == 0 && o->cli.to == CLI_TO_EML) {
				rc = letter_message(r, c, session, &md, title, &one);
			} else if (rc == 0 && to_dir) {
				if (o->cli.to == CLI_TO_HTML)
					rc = cli_render_page(&o->cli, echo_buf_cstr(&md), md.len, title, &one,
					                     &r->diags);
				else
					echo_buf_append(&one, echo_buf_cstr(&md), md.len);
			} else if (rc == 0) {
				/* A rule between summaries: a page break in print. */
				if (i)
					echo_buf_puts(&all, "\n---\n\n");
				echo_buf_append(&all, echo_buf_cstr(&md), md.len);
			}
		}
		if (rc == 0 && o->sendmail) {
			rc = post(r, &one);
		} else if (rc == 0 && to_dir) {
			echo_buf stem = ECHO_BUF_INIT;
			echo_buf_printf(&stem, "%s-recommendations", id ? id : "case");
			char *path = cli_output_path(output, echo_buf_cstr(&stem), cli_extension(&o->cli));
			rc = path && !one.failed ? echo_output_add(set, path, echo_buf_cstr(&one), one.len, 0,
			                                           &r->diags)
			                         : -1;
			free(path);
			echo_buf_free(&stem);
		}
		echo_buf_free(&one);
	}
	if (rc == 0 && to_dir && !o->sendmail)
		rc = echo_output_commit(set, &r->diags);
	echo_output_free(set);
	if (o->sendmail && (send_outbox(r) != 0 || rc != 0))
		rc = -1;
	if (rc == 0 && !to_dir && !o->sendmail) {
		if (o->cli.to == CLI_TO_JSON) {
			echo_buf_puts(&all, count ? "\n  ]\n}\n" : "]\n}\n");
			rc = write_text(r, output, &all);
		} else if (o->cli.to == CLI_TO_HTML) {
			echo_buf page = ECHO_BUF_INIT;
			const char *id = count == 1 ? echo_node_get_text(cases[0].root, "id") : NULL;
			char title[256];
			snprintf(title, sizeof title, id ? "Recommendations for case %s" : "Recommendation summaries",
			         id ? id : "");
			rc = cli_render_page(&o->cli, echo_buf_cstr(&all), all.len, title, &page, &r->diags);
			if (rc == 0)
				rc = write_text(r, output, &page);
			echo_buf_free(&page);
		} else {
			rc = write_text(r, output, &all);
		}
	}
	echo_buf_free(&all);
	echo_buf_free(&md);
	return rc;
}

static int cmd_recommendations(struct options *o, int argc, char **argv)
{
	if (o->session && argc)
		return cli_usage_error(&o->cli, "recommendations: give case files or --session, not both");
	if (!o->session && argc == 0)
		return cli_usage_error(&o->cli, "recommendations: no case files (use '-' for standard "
		                                "input, or --session for a session's cases)");
	if (o->cli.to == CLI_TO_CSV)
		return cli_usage_error(&o->cli, "recommendations: --to md, html, pdf, json or eml");
	if (o->cli.to != CLI_TO_EML && (o->attach_pdf || o->sendmail))
		return cli_usage_error(&o->cli, "recommendations: --attach-pdf and --sendmail go with "
		                                "--to eml");
	if (o->dry_run && !o->sendmail)
		return cli_usage_error(&o->cli, "recommendations: --dry-run goes with --sendmail");
	const char *output = o->cli.output ? o->cli.output : "-";
	int to_dir = strcmp(output, "-") != 0 &&
	             (echo_file_is_dir(output) || output[strlen(output) - 1] == '/');
	if (to_dir && !echo_file_is_dir(output))
		return cli_usage_error(&o->cli, "output folder %s does not exist", output);
	if (o->cli.to == CLI_TO_EML && !to_dir == !o->sendmail)
		return cli_usage_error(&o->cli, "recommendations --to eml: one message per presenter, "
		                                "into a folder (-o DIR/) or to --sendmail");

	struct run r = {.o = o, .diags = ECHO_DIAGS_INIT};
	struct case_ref *cases = NULL;
	size_t count = 0, cap = 0;
	echo_session *session = NULL;
	if (o->session) {
		session = load_session(&r, o->session, 1);
		for (size_t i = 0; session && !r.io_error && i < session->segment_count; i++) {
			echo_segment *seg = &session->segments[i];
			if (!seg->case_root)
				continue;
			struct case_ref *c = grow(cases, &cap, count, sizeof *c);
			if (!c)
				break;
			cases = c;
			cases[count++] = (struct case_ref){seg->case_stream, (echo_node *)seg->case_root};
		}
	} else {
		for (int i = 0; i < argc; i++) {
			echo_stream *s = echo_stream_load_file(argv[i], NULL, &r.diags);
			if (!s) {
				r.io_error = 1;
				continue;
			}
			keep_stream(&r, s);
			if (s->doc_count == 0 && r.diags.errors == 0)
				echo_diags_add(&r.diags, ECHO_ERROR, s->path, 1, 1, "empty",
				               "no case here: the file is empty");
			echo_diags local = ECHO_DIAGS_INIT;
			for (size_t d = 0; d < s->doc_count; d++) {
				echo_case_check(s, s->docs[d], &local);
				echo_case_screen(s, s->docs[d], &local);
				struct case_ref *c = grow(cases, &cap, count, sizeof *c);
				if (!c)
					break;
				cases = c;
				cases[count++] = (struct case_ref){s, s->docs[d]};
			}
			echo_diags_sort(&local);
			echo_diags_take(&r.diags, &local);
			echo_diags_free(&local);
		}
	}
	/* A summary without recommendations has nothing to send. */
	for (size_t i = 0; i < count; i++)
		echo_case_check_recommendations(cases[i].stream, cases[i].root, ECHO_ERROR, &r.diags);
	/* A letter without an address to go to or come from is a finding. */
	for (size_t i = 0; o->cli.to == CLI_TO_EML && i < count; i++) {
		echo_mail mail;
		echo_buf subject = ECHO_BUF_INIT, id = ECHO_BUF_INIT;
		echo_diags local = ECHO_DIAGS_INIT;
		echo_recommendations_envelope(cases[i].stream, cases[i].root, session, 0, &mail,
		                              &subject, &id, &local);
		/* The session's missing contact is said once, not once a case. */
		for (size_t k = 0; k < local.count; k++) {
			const echo_diag *d = &local.items[k];
			if (!(d->rule && strcmp(d->rule, "mail-from") == 0 && has_rule(&r.diags, "mail-from")))
				echo_diags_add(&r.diags, d->severity, d->path, d->line, d->col, d->rule, "%s",
				               d->message);
		}
		echo_diags_free(&local);
		echo_buf_free(&subject);
		echo_buf_free(&id);
	}
	int ready = status_of(&r) == EXIT_OK && (!o->session || (session && session->usable));
	if (ready && count == 0) {
		echo_diags_add(&r.diags, ECHO_ERROR, session ? session->stream->path : NULL, 0, 0,
		               "no-cases", "the session presents no cases");
		ready = 0;
	}
	if (ready && load_templates(&r, "recommendations.md") == 0 &&
	    write_summaries(&r, output, to_dir, cases, count, session) != 0)
		r.io_error = 1;
	print_findings(&r);
	int status = status_of(&r);
	if (status == EXIT_OK && !ready)
		status = EXIT_FINDINGS;
	free(cases);
	echo_session_free(session);
	run_free(&r);
	cli_release(&o->cli);
	return status;
}

/* attendance and credit ------------------------------------------------------------ */

static echo_table_format table_format(enum cli_to to)
{
	return to == CLI_TO_CSV ? ECHO_TABLE_CSV : to == CLI_TO_JSON ? ECHO_TABLE_JSON : ECHO_TABLE_MARKDOWN;
}

/* Writes a report: CSV and JSON as the library writes them; Markdown and
 * HTML through the template called name. */
static int write_report(struct run *r, const char *output, echo_stream *stream,
                        const echo_schedule *sch, const char *name, echo_buf *report,
                        const char *title)
{
	if (r->o->cli.to == CLI_TO_CSV || r->o->cli.to == CLI_TO_JSON)
		return write_text(r, output, report);
	if (load_templates(r, name) != 0)
		return -1;
	echo_buf out = ECHO_BUF_INIT;
	int rc = render(r, name, echo_report_data(stream, sch, echo_buf_cstr(report), report->len),
	                title, &out);
	if (rc == 0)
		rc = write_text(r, output, &out);
	echo_buf_free(&out);
	return rc;
}

/* Loads the --session or --series file as a schedule. */
static echo_stream *load_schedule(struct run *r, const char *path, const char *what,
                                  echo_schedule *sch)
{
	echo_stream *s = load_yaml(r, path, what);
	if (!s)
		return NULL;
	if (echo_schedule_read(s, s->docs[0], sch, &r->diags) != 0)
		return NULL;
	return s;
}

static int check_inputs(struct options *o, const char *first, int argc, char **argv)
{
	int stdin_count = (strcmp(first, "-") == 0) + (o->enrolled && strcmp(o->enrolled, "-") == 0);
	for (int i = 0; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		stdin_count += strcmp(eq ? eq + 1 : argv[i], "-") == 0;
	}
	if (stdin_count > 1) {
		cli_usage_error(&o->cli, "only one input can be standard input");
		return -1;
	}
	return 0;
}

static int cmd_attendance(struct options *o, int argc, char **argv)
{
	if (!o->session)
		return cli_usage_error(&o->cli, "attendance: say which session with --session FILE");
	if (argc == 0)
		return cli_usage_error(&o->cli,
		                       "attendance: no export for the session: give its Zoom export or "
		                       "a roster (a session without attendance has no report)");
	if (check_inputs(o, o->session, argc, argv) != 0)
		return EXIT_USAGE;
	struct run r = {.o = o, .diags = ECHO_DIAGS_INIT};
	echo_schedule sch;
	memset(&sch, 0, sizeof sch);
	echo_stream *s = load_schedule(&r, o->session, "session", &sch);
	echo_session_credit *credit = NULL;
	if (s && sch.is_series)
		error_at(&r, s, sch.at, "schedule",
		         "this is a series; attendance takes one session (use credit --series)");
	else if (s) {
		echo_attendance *dir = load_directory(&r);
		echo_credit_rule rule = credit_rule(o, &sch);
		echo_attendance **parts = load_exports(&r, (const char *const *)argv, (size_t)argc);
		if (parts && status_of(&r) == EXIT_OK)
			credit = session_attendance(&r, &sch, &sch.dates[0], &rule, parts, (size_t)argc, dir);
		free_exports(parts, (size_t)argc);
		echo_attendance_free(dir);
	}
	if (credit && r.diags.errors == 0) {
		echo_buf report = ECHO_BUF_INIT, title = ECHO_BUF_INIT;
		const char *program = echo_node_get_text(sch.root, "program");
		echo_buf_printf(&title, "Attendance: %s, %s", program ? program : "", credit->label);
		if (echo_session_credit_write(&report, credit, table_format(o->cli.to)) != 0 ||
		    write_report(&r, o->cli.output ? o->cli.output : "-", s, &sch, "attendance.md", &report,
		                 echo_buf_cstr(&title)) != 0)
			r.io_error = 1;
		echo_buf_free(&report);
		echo_buf_free(&title);
	}
	print_findings(&r);
	int status = status_of(&r);
	if (status == EXIT_OK && !credit)
		status = EXIT_FINDINGS;
	echo_session_credit_free(credit);
	echo_schedule_free(&sch);
	run_free(&r);
	cli_release(&o->cli);
	return status;
}

static int cmd_credit(struct options *o, int argc, char **argv)
{
	if (!o->series)
		return cli_usage_error(&o->cli, "credit: say which series with --series FILE");
	if (argc == 0)
		return cli_usage_error(&o->cli, "credit: no exports: give each session's Zoom export or "
		                                "roster (DATE=FILE when its date is not in it)");
	if (check_inputs(o, o->series, argc, argv) != 0)
		return EXIT_USAGE;
	struct run r = {.o = o, .diags = ECHO_DIAGS_INIT};
	echo_schedule sch;
	memset(&sch, 0, sizeof sch);
	echo_stream *s = load_schedule(&r, o->series, "series", &sch);
	if (s && sch.is_series && !o->has_certify && !sch.has_certification) {
		print_findings(&r);
		echo_schedule_free(&sch);
		run_free(&r);
		return cli_usage_error(&o->cli, "credit: the series states no certification rule; "
		                                "give --certify 80%% or add certification to it");
	}
	if (s && !sch.is_series)
		error_at(&r, s, sch.at, "schedule",
		         "this is one session; credit takes a series (use attendance --session)");
	size_t n = (size_t)argc, held = 0;
	const char **paths = calloc(n, sizeof *paths);
	long *days = calloc(n, sizeof *days);
	echo_attendance **parts = NULL, **group = calloc(n, sizeof *group);
	echo_session_credit **credits = NULL;
	echo_series_session *sessions = NULL;
	char (*labels)[16] = NULL;
	echo_series_credit *series = NULL;
	echo_attendance *dir = NULL;
	char date[16];
	if (!paths || !days || !group)
		echo_diags_add(&r.diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
	int go = s && sch.is_series && status_of(&r) == EXIT_OK;
	if (go) {
		/* The sessions the report covers: up to --through. */
		held = sch.count;
		while (o->has_through && held && sch.dates[held - 1].date > o->through)
			held--;
		for (size_t c = 0; c < o->cancelled_count; c++) {
			int found = 0;
			for (size_t i = 0; i < held; i++)
				found |= sch.dates[i].date == o->cancelled[c];
			day_text(date, sizeof date, o->cancelled[c]);
			if (!found)
				error_at(&r, s, sch.at, "attendance-date",
				         "--cancelled %s is not a session date of the series%s", date,
				         o->has_through ? " up to --through" : "");
		}
		for (size_t i = 0; i < n; i++) {
			const char *eq = strchr(argv[i], '=');
			paths[i] = eq ? eq + 1 : argv[i];
		}
		parts = load_exports(&r, paths, n);
		credits = calloc(held ? held : 1, sizeof *credits);
		sessions = calloc(held ? held : 1, sizeof *sessions);
		labels = calloc(held ? held : 1, sizeof *labels);
		if (!parts || !credits || !sessions || !labels)
			echo_diags_add(&r.diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
	}
	/* Each export's session: DATE=FILE, else a date in the file's name,
	 * else the date of the meeting or of its rows; that all its rows are
	 * of that date is checked with the session. */
	for (size_t i = 0; go && parts && i < n; i++) {
		const char *eq = strchr(argv[i], '=');
		const char *how = "the meeting's date";
		days[i] = NO_DAY;
		if (!parts[i])
			continue;
		if (eq) {
			char text[16];
			snprintf(text, sizeof text, "%.*s", (int)(eq - argv[i] < 15 ? eq - argv[i] : 15),
			         argv[i]);
			if (eq - argv[i] != 10 || parse_day(text, &days[i]) != 0) {
				int y, m, d;
				char why[96];
				echo_date_status st = eq - argv[i] != 10 ? ECHO_DATE_SHAPE
				                                         : echo_date_read(text, &y, &m, &d);
				echo_diags_add(&r.diags, ECHO_ERROR, parts[i]->path, line_of(parts[i]),
				               col_of(parts[i]), "attendance-date", "'%s=' %s", text,
				               echo_date_problem(text, st, why, sizeof why));
				continue;
			}
			how = "the date given";
		} else if (echo_attendance_name_day(paths[i], &days[i]) == 0) {
			how = "the date in its name";
		} else if (echo_attendance_day(parts[i], &days[i]) != 0) {
			echo_diags_add(&r.diags, ECHO_ERROR, parts[i]->path, line_of(parts[i]),
			               col_of(parts[i]), "attendance-date",
			               "cannot tell which session this %s export is of: nothing in it is "
			               "dated, nor is its name; give it as DATE=%s",
			               echo_attendance_kind_name(parts[i]->kind), paths[i]);
			continue;
		}
		size_t k = 0;
		while (k < sch.count && sch.dates[k].date != days[i])
			k++;
		day_text(date, sizeof date, days[i]);
		if (k == sch.count)
			echo_diags_add(&r.diags, ECHO_ERROR, parts[i]->path, line_of(parts[i]),
			               col_of(parts[i]), "attendance-date",
			               "%s, %s, is not a session date of the series", how, date);
		else if (k >= held) {
			/* Exports named by a glob may run past --through. */
			echo_diags_add(&r.diags, ECHO_WARNING, parts[i]->path, line_of(parts[i]),
			               col_of(parts[i]), "attendance-date",
			               "left out: the session on %s is after --through", date);
			days[i] = NO_DAY;
		}
	}
	go = go && credits && sessions && labels && status_of(&r) == EXIT_OK;
	if (go)
		dir = load_directory(&r);
	echo_credit_rule rule = credit_rule(o, &sch);
	for (size_t k = 0; go && k < held; k++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (days[i] == sch.dates[k].date)
				group[m++] = parts[i];
		int cancelled = 0;
		for (size_t c = 0; c < o->cancelled_count; c++)
			cancelled |= o->cancelled[c] == sch.dates[k].date;
		day_text(labels[k], sizeof labels[k], sch.dates[k].date);
		sessions[k] = (echo_series_session){
			.label = labels[k], .cancelled = cancelled, .path = s->path,
			.line = sch.at ? sch.at->start.line : 0,
		};
		if (cancelled && m)
			echo_diags_add(&r.diags, ECHO_ERROR, group[0]->path, line_of(group[0]),
			               col_of(group[0]), "attendance-date",
			               "the session on %s is marked --cancelled, but here is its export",
			               labels[k]);
		else if (!cancelled && !m)
			echo_diags_add(&r.diags, ECHO_ERROR, s->path, sch.at ? sch.at->start.line : 0,
			               sch.at ? sch.at->start.col : 0, "attendance-missing",
			               "session %s has no attendance: give its export, or mark it "
			               "--cancelled%s",
			               labels[k],
			               o->has_through ? "" : " (for the series so far, give --through DATE)");
		else if (m)
			sessions[k].credit = credits[k] =
				session_attendance(&r, &sch, &sch.dates[k], &rule, group, m, dir);
	}
	if (go && held && status_of(&r) == EXIT_OK) {
		echo_series_rule cert = o->has_certify ? o->certify : sch.certification;
		series = echo_series_credit_compute(sessions, held, &cert, &r.diags);
	} else if (go && !held) {
		error_at(&r, s, sch.at, "attendance-missing", "no session of the series is on or "
		         "before --through");
	}
	if (series && r.diags.errors == 0) {
		echo_buf report = ECHO_BUF_INIT, title = ECHO_BUF_INIT;
		const char *program = echo_node_get_text(sch.root, "program");
		echo_buf_printf(&title, "Credit: %s", program ? program : "");
		echo_schedule shown = sch;
		shown.count = held;
		if (echo_series_credit_write(&report, series, table_format(o->cli.to)) != 0 ||
		    write_report(&r, o->cli.output ? o->cli.output : "-", s, &shown, "credit.md", &report,
		                 echo_buf_cstr(&title)) != 0)
			r.io_error = 1;
		echo_buf_free(&report);
		echo_buf_free(&title);
	}
	print_findings(&r);
	int status = status_of(&r);
	if (status == EXIT_OK && !series)
		status = EXIT_FINDINGS;
	echo_series_credit_free(series);
	for (size_t k = 0; credits && k < held; k++)
		echo_session_credit_free(credits[k]);
	free(credits);
	free(sessions);
	free(labels);
	free_exports(parts, n);
	free(group);
	free(days);
	free(paths);
	echo_attendance_free(dir);
	echo_schedule_free(&sch);
	run_free(&r);
	cli_release(&o->cli);
	return status;
}

/* summary ------------------------------------------------------------------------------ */

static int session_cmp(const void *a, const void *b)
{
	const echo_session *x = *(echo_session *const *)a, *y = *(echo_session *const *)b;
	return x->date < y->date ? -1 : x->date > y->date;
}

static int cmd_summary(struct options *o, int argc, char **argv)
{
	if (argc == 0)
		return cli_usage_error(&o->cli, "summary: no session files");
	if (o->cli.to == CLI_TO_CSV)
		return cli_usage_error(&o->cli, "summary: --to md, html or json");
	struct run r = {.o = o, .diags = ECHO_DIAGS_INIT};
	echo_session **sessions = calloc((size_t)argc, sizeof *sessions);
	int ready = sessions != NULL;
	for (int i = 0; sessions && i < argc; i++) {
		sessions[i] = load_session(&r, argv[i], 1);
		ready = ready && sessions[i] && sessions[i]->usable;
	}
	/* One program per summary: another's sessions are likely a slip. */
	for (int i = 1; ready && i < argc; i++) {
		const char *first = echo_node_get_text(sessions[0]->root, "program");
		const echo_node *program = echo_node_get(sessions[i]->root, "program");
		if (first && echo_node_is_scalar(program) && strcmp(program->text, first) != 0)
			echo_diags_add(&r.diags, ECHO_WARNING, sessions[i]->stream->path,
			               program->start.line, program->start.col, "summary-program",
			               "this session is of %s; the summary is of %s, the first session's "
			               "program",
			               program->text, first);
	}
	ready = ready && status_of(&r) == EXIT_OK && r.diags.errors == 0;
	echo_stream *into = ready ? echo_stream_load("<summary>", "", 0, NULL, &r.diags) : NULL;
	if (ready && into && load_templates(&r, "summary.md") == 0) {
		qsort(sessions, (size_t)argc, sizeof *sessions, session_cmp);
		long as_of = o->has_as_of ? o->as_of : sessions[argc - 1]->date;
		echo_buf out = ECHO_BUF_INIT;
		int rc;
		if (o->cli.to == CLI_TO_JSON) {
			rc = echo_summary_json(into, sessions, (size_t)argc, as_of, &out);
		} else {
			echo_buf title = ECHO_BUF_INIT;
			const char *program = echo_node_get_text(sessions[0]->root, "program");
			echo_buf_printf(&title, "Case summary: %s", program ? program : "");
			rc = render(&r, "summary.md", echo_summary_data(into, sessions, (size_t)argc, as_of),
			            echo_buf_cstr(&title), &out);
			echo_buf_free(&title);
		}
		if (rc != 0 || write_text(&r, o->cli.output ? o->cli.output : "-", &out) != 0)
			r.io_error = 1;
		echo_buf_free(&out);
	}
	print_findings(&r);
	int status = status_of(&r);
	if (status == EXIT_OK && !ready)
		status = EXIT_FINDINGS;
	echo_stream_free(into);
	for (int i = 0; sessions && i < argc; i++)
		echo_session_free(sessions[i]);
	free(sessions);
	run_free(&r);
	cli_release(&o->cli);
	return status;
}

/* new and schema ------------------------------------------------------------------------ */

static int notes_arg(struct options *o, const char *cmd, int argc, char **argv)
{
	if (argc != 1 || strcmp(argv[0], "notes") != 0) {
		cli_usage_error(&o->cli, "%s: the format is notes (%s notes)", cmd, cmd);
		return -1;
	}
	return 0;
}

static int write_plain(struct options *o, echo_buf *out, unsigned flags)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	int rc = out->failed ? -1
	                     : echo_file_write_flags(o->cli.output ? o->cli.output : "-",
	                                             echo_buf_cstr(out), out->len, flags, &diags);
	cli_print_diags(stderr, &diags, NULL);
	echo_diags_free(&diags);
	return rc == 0 ? EXIT_OK : EXIT_USAGE;
}

static int cmd_new(struct options *o, int argc, char **argv)
{
	if (notes_arg(o, "new", argc, argv) != 0)
		return EXIT_USAGE;
	echo_buf out = ECHO_BUF_INIT;
	echo_buf_puts(&out, "# yaml-language-server: $schema=" ECHO_SCHEMA_DIR
	                    "/echo-notes-1.schema.json\n");
	echo_schema_scaffold(&echo_notes_schema, &out);
	int rc = write_plain(o, &out, ECHO_OUTPUT_CREATE);
	echo_buf_free(&out);
	return rc;
}

static int cmd_schema(struct options *o, int argc, char **argv)
{
	if (notes_arg(o, "schema", argc, argv) != 0)
		return EXIT_USAGE;
	echo_buf out = ECHO_BUF_INIT;
	if (o->cli.markdown_schema)
		echo_schema_markdown(&echo_notes_schema, &out);
	else
		echo_schema_json(&echo_notes_schema, &out);
	int rc = write_plain(o, &out, 0);
	echo_buf_free(&out);
	return rc;
}

/* Options -------------------------------------------------------------------------------- */

/* "80%" or "80" (percent), within 0-100. */
static int parse_options(struct options *o, int argc, char **argv)
{
	enum {
		OPT_SERIES = 256, OPT_ENROLLED, OPT_THRESHOLD, OPT_MIN_MINUTES, OPT_PRESENCE,
		OPT_CERTIFY, OPT_THROUGH, OPT_CANCELLED, OPT_AS_OF, OPT_ROSTER, OPT_ATTACH_PDF,
		OPT_SENDMAIL, OPT_DRY_RUN
	};
	static const struct option longopts[] = {
		{"attendance", required_argument, NULL, 'a'},
		{"notes", required_argument, NULL, 'n'},
		{"session", required_argument, NULL, 's'},
		{"series", required_argument, NULL, OPT_SERIES},
		{"enrolled", required_argument, NULL, OPT_ENROLLED},
		{"roster", required_argument, NULL, OPT_ROSTER},
		{"threshold", required_argument, NULL, OPT_THRESHOLD},
		{"min-minutes", required_argument, NULL, OPT_MIN_MINUTES},
		{"presence-counts", no_argument, NULL, OPT_PRESENCE},
		{"certify", required_argument, NULL, OPT_CERTIFY},
		{"through", required_argument, NULL, OPT_THROUGH},
		{"cancelled", required_argument, NULL, OPT_CANCELLED},
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"attach-pdf", no_argument, NULL, OPT_ATTACH_PDF},
		{"sendmail", optional_argument, NULL, OPT_SENDMAIL},
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		CLI_COMMON_LONGOPTS,
	};
	int c;
	const char *why;
	while ((c = getopt_long(argc, argv, "o:t:a:n:s:f:vhV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ROSTER:
		case 'a': {
			/* minutes reads a --roster as one of its exports */
			const char **e = realloc(o->exports, (o->export_count + 1) * sizeof *e);
			const char **ro = c == 'a' ? o->rosters
			                           : realloc(o->rosters, (o->roster_count + 1) * sizeof *ro);
			if (e)
				o->exports = e;
			if (ro)
				o->rosters = ro;
			if (!e || (c != 'a' && !ro))
				return EXIT_USAGE;
			o->exports[o->export_count++] = optarg;
			if (c != 'a')
				o->rosters[o->roster_count++] = optarg;
			break;
		}
		case 'n': o->notes = optarg; break;
		case 's': o->session = optarg; break;
		case OPT_SERIES: o->series = optarg; break;
		case OPT_ENROLLED: o->enrolled = optarg; break;
		case OPT_THRESHOLD:
			if (echo_percent_parse(optarg, &o->threshold, &why) != 0)
				return cli_usage_error(&o->cli, "--threshold '%s': %s", optarg, why);
			o->has_threshold = 1;
			break;
		case OPT_MIN_MINUTES: {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (end == optarg || *end || v < 1 || v > 1440)
				return cli_usage_error(&o->cli, "--min-minutes: '%s' is not a number of "
				                                "minutes (1-1440)", optarg);
			o->min_minutes = v;
			break;
		}
		case OPT_PRESENCE: o->presence_counts = 1; break;
		case OPT_ATTACH_PDF: o->attach_pdf = 1; break;
		case OPT_SENDMAIL: o->sendmail = optarg ? optarg : "sendmail"; break;
		case OPT_DRY_RUN: o->dry_run = 1; break;
		case OPT_CERTIFY:
			memset(&o->certify, 0, sizeof o->certify);
			if (echo_series_rule_parse(optarg, &o->certify, &why) != 0)
				return cli_usage_error(&o->cli, "--certify '%s': %s", optarg, why);
			o->certify.path = "--certify";   /* where a rule never met is written */
			o->has_certify = 1;
			break;
		case OPT_THROUGH:
			if (parse_day(optarg, &o->through) != 0)
				return day_usage_error(o, "--through", optarg);
			o->has_through = 1;
			break;
		case OPT_CANCELLED:
			if (o->cancelled_count == MAX_CANCELLED)
				return cli_usage_error(&o->cli, "--cancelled: at most %d dates", MAX_CANCELLED);
			if (parse_day(optarg, &o->cancelled[o->cancelled_count]) != 0)
				return day_usage_error(o, "--cancelled", optarg);
			o->cancelled_count++;
			break;
		case OPT_AS_OF:
			if (parse_day(optarg, &o->as_of) != 0)
				return day_usage_error(o, "--as-of", optarg);
			o->has_as_of = 1;
			break;
		default:
			if (cli_common_option(&o->cli, c, optarg) <= 0)
				return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

/* Options that belong to other commands are mistakes worth saying so. */
static int check_scope(struct options *o, const char *command)
{
	static const char attendance_commands[] = "minutes, attendance and credit";
	struct {
		int given;
		const char *option;
		const char *commands;
	} scoped[] = {
		{o->export_count > o->roster_count, "--attendance", "minutes"},
		{o->roster_count > 0, "--roster", attendance_commands},
		{o->notes != NULL, "--notes", "minutes"},
		{o->session != NULL, "--session", "attendance and recommendations"},
		{o->series != NULL, "--series", "credit"},
		{o->enrolled != NULL, "--enrolled", attendance_commands},
		{o->has_threshold, "--threshold", attendance_commands},
		{o->min_minutes > 0, "--min-minutes", attendance_commands},
		{o->presence_counts, "--presence-counts", attendance_commands},
		{o->has_certify, "--certify", "credit"},
		{o->has_through, "--through", "credit"},
		{o->cancelled_count > 0, "--cancelled", "credit"},
		{o->has_as_of, "--as-of", "summary"},
		{o->cli.to == CLI_TO_EML, "--to eml", "recommendations"},
		{o->attach_pdf, "--attach-pdf", "recommendations"},
		{o->sendmail != NULL, "--sendmail", "recommendations"},
		{o->dry_run, "--dry-run", "recommendations"},
	};
	size_t len = strlen(command);
	for (size_t i = 0; i < sizeof scoped / sizeof scoped[0]; i++) {
		const char *c = scoped[i].commands, *hit = strstr(c, command);
		int ok = hit && (hit == c || hit[-1] == ' ') && (hit[len] == '\0' || hit[len] == ',' ||
		                                                 hit[len] == ' ');
		if (scoped[i].given && !ok)
			return cli_usage_error(&o->cli, "%s: %s is an option of %s", command,
			                       scoped[i].option, scoped[i].commands);
	}
	return EXIT_OK;
}

/* Every input the command line names, so that no output replaces one
 * even when the run stops before reading it. */
static int protect_inputs(struct options *o, int argc, char **argv)
{
	size_t n = 0;
	char **paths = calloc(o->export_count + (size_t)argc * 2 + 5, sizeof *paths);
	if (!paths) {
		cli_message(&o->cli, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < o->export_count; i++)
		paths[n++] = (char *)o->exports[i];
	paths[n++] = (char *)o->notes;
	paths[n++] = (char *)o->session;
	paths[n++] = (char *)o->series;
	paths[n++] = (char *)o->enrolled;
	for (int i = 0; i < argc; i++) {
		/* credit's DATE=EXPORT */
		const char *eq = strchr(argv[i], '=');
		paths[n++] = argv[i];
		if (eq)
			paths[n++] = (char *)eq + 1;
	}
	int rc = cli_protect_inputs(&o->cli, paths, n);
	free(paths);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = {.cli = {.prog = "echo-minutes", .usage = usage,
	                             .formats = CLI_FORMATS(CLI_TO_MD, CLI_TO_HTML, CLI_TO_CSV,
	                                                    CLI_TO_JSON, CLI_TO_EML)}};
	const char *command;
	int started = cli_begin(&o.cli, argc, argv, &command);
	if (started >= 0)
		return started;
	static const char *const commands[] = {"minutes", "recommendations", "attendance", "credit",
	                                       "summary", "new", "schema"};
	int known = 0;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		known |= strcmp(command, commands[i]) == 0;
	int rc = known ? parse_options(&o, argc - 1, argv + 1)
	               : cli_usage_error(&o.cli, "unknown command '%s'", command);
	if (rc == EXIT_OK && strcmp(command, "new") != 0 && strcmp(command, "schema") != 0)
		rc = check_scope(&o, command);
	int nargs = argc - 1 - optind;
	char **args = argv + 1 + optind, **all = NULL;
	if (rc == EXIT_OK && o.roster_count && strcmp(command, "minutes") != 0) {
		/* --roster files are exports read as rosters. */
		all = calloc((size_t)nargs + o.roster_count + 1, sizeof *all);
		if (!all)
			return EXIT_USAGE;
		memcpy(all, args, (size_t)nargs * sizeof *all);
		for (size_t i = 0; i < o.roster_count; i++)
			all[nargs++] = (char *)o.rosters[i];
		args = all;
	}
	if (rc == EXIT_OK && strcmp(command, "new") != 0 && strcmp(command, "schema") != 0 &&
	    protect_inputs(&o, nargs, args) != 0)
		rc = EXIT_USAGE;
	if (rc != EXIT_OK)
		;
	else if (strcmp(command, "minutes") == 0)
		rc = cmd_minutes(&o, nargs, args);
	else if (strcmp(command, "recommendations") == 0)
		rc = cmd_recommendations(&o, nargs, args);
	else if (strcmp(command, "attendance") == 0)
		rc = cmd_attendance(&o, nargs, args);
	else if (strcmp(command, "credit") == 0)
		rc = cmd_credit(&o, nargs, args);
	else if (strcmp(command, "summary") == 0)
		rc = cmd_summary(&o, nargs, args);
	else if (strcmp(command, "new") == 0)
		rc = cmd_new(&o, nargs, args);
	else
		rc = cmd_schema(&o, nargs, args);
	free(o.exports);
	free(o.rosters);
	free(all);
	return rc;
}
