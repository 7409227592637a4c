/* Attendance reports: views for the Markdown templates (attendance-table.md,
 * credit-table.md), CSV for spreadsheets, JSON. */
#include "echo/attendance.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "echo/calendar.h"
#include "echo/escape.h"
#include "echo/file.h"
#include "echo/json.h"
#include "echo/session.h"
#include "echo/template.h"
#include "echo/view.h"

/* ---- Cells ------------------------------------------------------------ */

/* Names come from participants: shown as they are, forming no markup and
 * no extra table cell. */
static void md_text(echo_buf *out, const char *s)
{
	echo_escape_markdown_text(out, s, strlen(s));
}

/* A CSV cell, quoted (by libcsv) only when it must be.  A cell a
 * spreadsheet would run as a formula ("=HYPERLINK(...)" as a display name)
 * gets a leading apostrophe, as OWASP advises. */
static void csv_cell(echo_buf *out, const char *s)
{
	echo_buf tmp = ECHO_BUF_INIT;
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r')
		echo_buf_putc(&tmp, '\'');
	echo_buf_puts(&tmp, s);
	const char *t = echo_buf_cstr(&tmp);
	size_t n = tmp.len;
	int quote = n && (t[0] == ' ' || t[n - 1] == ' ');
	for (size_t i = 0; i < n && !quote; i++)
		quote = t[i] == ',' || t[i] == '"' || t[i] == '\n' || t[i] == '\r';
	if (!quote) {
		echo_buf_append(out, t, n);
	} else {
		size_t need = csv_write(NULL, 0, t, n);
		char *q = malloc(need);
		if (!q)
			out->failed = 1;
		else {
			csv_write(q, need, t, n);
			echo_buf_append(out, q, need);
			free(q);
		}
	}
	if (tmp.failed)
		out->failed = 1;
	echo_buf_free(&tmp);
}

static void json_str(echo_buf *out, const char *s)
{
	echo_json_string(out, s, strlen(s));
}

static const char *credit_word(echo_credit_status c)
{
	switch (c) {
	case ECHO_CREDIT_MET: return "yes";
	case ECHO_CREDIT_NOT_MET: return "no";
	case ECHO_CREDIT_UNKNOWN: return "unknown";
	case ECHO_CREDIT_NOT_LEARNER: return "n/a";
	}
	return "no";
}

static const char *source_word(echo_minutes_source s)
{
	switch (s) {
	case ECHO_MINUTES_NONE: return "absent";
	case ECHO_MINUTES_INTERVALS: return "intervals";
	case ECHO_MINUTES_TOTAL: return "total";
	case ECHO_MINUTES_UNKNOWN: return "roster";
	}
	return "absent";
}

static const char *note_word(echo_attendance_note_kind k)
{
	switch (k) {
	case ECHO_ATT_UNMATCHED: return "unmatched";
	case ECHO_ATT_AMBIGUOUS: return "ambiguous";
	case ECHO_ATT_OUTSIDE: return "outside";
	case ECHO_ATT_WAITING: return "waiting-room";
	case ECHO_ATT_GENERIC: return "generic";
	case ECHO_ATT_ROOM: return "room";
	}
	return "unmatched";
}

static const char *note_text(echo_attendance_note_kind k)
{
	switch (k) {
	case ECHO_ATT_UNMATCHED:
		return "no email, and no one of that name: counted as a separate person";
	case ECHO_ATT_AMBIGUOUS:
		return "no email, and the name fits more than one person: counted as a separate person";
	case ECHO_ATT_OUTSIDE:
		return "there only before or after the session: no minutes";
	case ECHO_ATT_WAITING:
		return "time in the waiting room: not counted";
	case ECHO_ATT_GENERIC:
		return "a dial-in or device name: counted on its own, never matched by name";
	case ECHO_ATT_ROOM:
		return "a room's connection, not a person: not counted";
	}
	return "";
}

static long long window_seconds(const echo_session_credit *c)
{
	return c->end - c->start;
}

static void rule_text(echo_buf *out, const echo_credit_rule *r, long long window)
{
	echo_credit_rule_describe(out, r, window);
}

static const char *kind_word(echo_person_kind k)
{
	switch (k) {
	case ECHO_PERSON_LEARNER: return "learner";
	case ECHO_PERSON_FACULTY: return "faculty";
	case ECHO_PERSON_ROOM: return "room";
	case ECHO_PERSON_GENERIC: return "dial-in";
	}
	return "learner";
}

/* ---- Hours ------------------------------------------------------------ */

static void hours_put(echo_buf *out, long hundredths)
{
	char h[24];
	echo_hours_format(hundredths, h, sizeof h);
	echo_buf_puts(out, h);
}

/* "1.00 CEU for each session credited", or with the quarter-hour rule
 * "the time present in a credited session, rounded down to a quarter
 * hour, at most 1.00 CEU": the one wording of how hours are earned.  A
 * series (series set), whose sessions may earn different hours, says
 * "each session's" in place of the number. */
void echo_credit_hours_describe(const echo_credit_hours *h, int series, echo_buf *out)
{
	echo_buf units = ECHO_BUF_INIT;
	echo_credit_units(h->kind, &units);
	const char *kind = echo_buf_cstr(&units);
	if (h->by_quarter_hour)
		echo_buf_puts(out, "the time present in a credited session, rounded down to a quarter "
		                   "hour, at most ");
	if (series) {
		echo_buf_printf(out, h->by_quarter_hour ? "its %s" : "each session credited earns its %s",
		                kind);
	} else {
		hours_put(out, h->hours);
		echo_buf_printf(out, " %s%s", kind, h->by_quarter_hour ? "" : " for each session credited");
	}
	echo_buf_free(&units);
}

/* JSON "credit": kind, hours, hours_rule and statement. */
static void hours_json(echo_buf *out, const echo_credit_hours *h, const char *hours_key)
{
	echo_buf_puts(out, "{\"kind\": ");
	if (h->kind)
		json_str(out, h->kind);
	else
		echo_buf_puts(out, "null");
	echo_buf_printf(out, ", \"%s\": ", hours_key);
	if (h->hours)
		hours_put(out, h->hours);
	else
		echo_buf_puts(out, "null");
	echo_buf_printf(out, ", \"hours_rule\": \"%s\", \"statement\": ",
	                h->by_quarter_hour ? "quarter-hour" : "session");
	if (h->statement)
		json_str(out, h->statement);
	else
		echo_buf_puts(out, "null");
	echo_buf_putc(out, '}');
}

/* A person's hours in JSON: null when no hours are stated. */
static void person_hours_json(echo_buf *out, const echo_credit_hours *h, long hours)
{
	echo_buf_puts(out, ", \"hours\": ");
	if (h->hours)
		hours_put(out, hours);
	else
		echo_buf_puts(out, "null");
}

void echo_credit_rule_describe(echo_buf *out, const echo_credit_rule *r, long long window)
{
	if (r->min_percent == 0 && r->min_minutes <= 0) {
		echo_buf_puts(out, "any time present");
	} else {
		if (r->min_percent > 0) {
			long long secs = ((long long)r->min_percent * window + 99) / 100;
			echo_buf_printf(out, "at least %u%% of the session (%lld minute%s", r->min_percent,
			                secs / 60, secs / 60 == 1 ? "" : "s");
			if (secs % 60)
				echo_buf_printf(out, " %lld second%s", secs % 60, secs % 60 == 1 ? "" : "s");
			echo_buf_puts(out, ")");
		}
		if (r->min_minutes > 0)
			echo_buf_printf(out, "%sat least %ld minute%s present",
			                r->min_percent > 0 ? " and " : "", r->min_minutes,
			                r->min_minutes == 1 ? "" : "s");
	}
	echo_buf_puts(out, r->presence_counts ? "; presence on a roster counts"
	                                      : "; presence on a roster alone does not count");
}

static int has_minutes(const echo_session_person *p)
{
	return p->source == ECHO_MINUTES_INTERVALS || p->source == ECHO_MINUTES_TOTAL;
}

/* "12 present: 10 learners (8 with credit) and 2 of the hub team; 3
 * absent; 1 room connection." */
static void head_count_text(echo_buf *out, const echo_head_count *h)
{
	echo_buf_printf(out, "%zu present: %zu learner%s (%zu with credit)", h->present,
	                h->learners, h->learners == 1 ? "" : "s", h->credited);
	if (h->faculty)
		echo_buf_printf(out, " and %zu of the hub team", h->faculty);
	if (h->absent)
		echo_buf_printf(out, "; %zu absent", h->absent);
	if (h->rooms)
		echo_buf_printf(out, "; %zu room connection%s", h->rooms, h->rooms == 1 ? "" : "s");
	echo_buf_putc(out, '.');
}

/* ---- One session ------------------------------------------------------ */

/* ---- Views for the templates ------------------------------------------ */

/* A view in the making, and a buffer for the text of its keys. */
struct view {
	echo_view_builder b;
	echo_buf buf;
};

/* Sets key to the buffer's text and clears the buffer. */
static void v_buf(struct view *v, echo_node *map, const char *key)
{
	echo_view_set_buf(&v->b, map, key, &v->buf);
}

/* Untrusted text, escaped for Markdown, for a triple-brace tag. */
static void v_md(struct view *v, echo_node *map, const char *key, const char *text)
{
	md_text(&v->buf, text);
	v_buf(v, map, key);
}

static echo_node *v_seq(struct view *v, echo_node *map, const char *key)
{
	echo_node *seq = echo_view_seq(&v->b);
	echo_view_set(&v->b, map, key, seq);
	return seq;
}

static echo_node *v_push(struct view *v, echo_node *seq)
{
	echo_node *item = echo_view_map(&v->b);
	echo_view_push(&v->b, seq, item);
	return item;
}

static echo_node *v_done(struct view *v, echo_node *root)
{
	echo_buf_free(&v->buf);
	return v->b.failed ? NULL : root;
}

/* has_hours, hours_rule (how they are earned), credit_kind, statement:
 * the credit a report states. */
static void hours_view(struct view *v, echo_node *root, const echo_credit_hours *h, int series)
{
	echo_view_set_bool(&v->b, root, "has_hours", h->hours > 0);
	echo_credit_hours_describe(h, series, &v->buf);
	v_buf(v, root, "hours_rule");
	echo_view_set_string(&v->b, root, "credit_kind", h->kind ? h->kind : "");
	echo_view_set_bool(&v->b, root, "has_statement", h->statement != NULL);
	echo_view_set_string(&v->b, root, "statement", h->statement ? h->statement : "");
}

static void v_hours(struct view *v, echo_node *item, const char *key, long hours)
{
	hours_put(&v->buf, hours);
	v_buf(v, item, key);
}

/* minutes and share: "45", "75%"; or "absent" / "present", "–". */
static void minutes_view(struct view *v, echo_node *item, const echo_session_person *p,
                         long long window)
{
	if (has_minutes(p)) {
		echo_view_set_int(&v->b, item, "minutes", p->seconds / 60);
		echo_buf_printf(&v->buf, "%lld%%", p->seconds * 100 / window);
		v_buf(v, item, "share");
	} else {
		echo_view_set_string(&v->b, item, "minutes", p->source == ECHO_MINUTES_UNKNOWN ? "present" : "absent");
		echo_view_set_string(&v->b, item, "share", "–");
	}
}

echo_node *echo_session_credit_view(echo_stream *into, const echo_session_credit *c)
{
	struct view v = {{into, 0}, ECHO_BUF_INIT};
	echo_node *root = echo_view_map(&v.b);
	long long window = window_seconds(c);
	char a[24], z[24];
	echo_wallclock_format(c->start, a, sizeof a);
	echo_wallclock_format(c->end, z, sizeof z);
	echo_head_count h = echo_session_head_count(c);
	/* "2026-03-12, 12:00 to 13:00"; dates are repeated only when needed. */
	int same_label = strncmp(c->label, a, 10) == 0 && strlen(c->label) == 10;
	int same_day = strncmp(a, z, 10) == 0;
	v_md(&v, root, "label", c->label);
	echo_view_set_string(&v.b, root, "from", same_label ? a + 11 : a);
	echo_view_set_string(&v.b, root, "to", same_day ? z + 11 : z);
	echo_view_set_int(&v.b, root, "minutes", window / 60);
	echo_view_set_string(&v.b, root, "export_kind", echo_attendance_kind_name(c->kind));
	v_md(&v, root, "export", c->path);
	rule_text(&v.buf, &c->rule, window);
	v_buf(&v, root, "rule");
	head_count_text(&v.buf, &h);
	v_buf(&v, root, "head_count");
	hours_view(&v, root, &c->hours, 0);
	echo_view_set_bool(&v.b, root, "unique_users", c->kind == ECHO_ATTENDANCE_UNIQUE);
	echo_view_set_bool(&v.b, root, "roster", c->kind == ECHO_ATTENDANCE_ROSTER);
	echo_node *learners = v_seq(&v, root, "learners");
	echo_node *faculty = v_seq(&v, root, "faculty");
	echo_node *rooms = v_seq(&v, root, "rooms");
	for (size_t i = 0; i < c->count; i++) {
		const echo_session_person *p = &c->people[i];
		echo_node *item = v_push(&v, p->kind == ECHO_PERSON_FACULTY ? faculty
		                             : p->kind == ECHO_PERSON_ROOM  ? rooms
		                                                            : learners);
		v_md(&v, item, "name", p->name);
		if (p->kind == ECHO_PERSON_ROOM) {
			echo_view_set_bool(&v.b, item, "has_minutes", has_minutes(p));
			echo_view_set_int(&v.b, item, "minutes", p->seconds / 60);
			continue;
		}
		v_md(&v, item, "email", p->email);
		v_md(&v, item, "role", p->role);
		minutes_view(&v, item, p, window);
		echo_view_set_string(&v.b, item, "credit", credit_word(p->credit));
		v_hours(&v, item, "hours", p->hours);
		echo_view_set_int(&v.b, item, "rows", (long long)p->rows);
	}
	echo_view_set_bool(&v.b, root, "has_faculty", h.faculty > 0);
	echo_view_set_bool(&v.b, root, "has_rooms", h.rooms > 0);
	echo_view_set_bool(&v.b, root, "has_notes", c->note_count > 0);
	echo_node *notes = v_seq(&v, root, "notes");
	for (size_t i = 0; i < c->note_count; i++) {
		const echo_attendance_note *n = &c->notes[i];
		echo_node *item = v_push(&v, notes);
		/* A merged export's notes say which file the line is in. */
		echo_view_set_bool(&v.b, item, "other_file", strcmp(n->path, c->path) != 0);
		v_md(&v, item, "path", n->path);
		echo_view_set_int(&v.b, item, "line", (long long)n->line);
		v_md(&v, item, "name", n->name);
		echo_view_set_string(&v.b, item, "text", note_text(n->kind));
	}
	return v_done(&v, root);
}

/* Renders a view through one of the built-in templates. */
static void render_builtin(echo_buf *out, const char *name,
                           echo_node *(*view)(echo_stream *, const void *), const void *data)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *into = echo_stream_load("<view>", "", 0, NULL, &diags);
	echo_templates *set = echo_templates_new();
	echo_node *root = into ? view(into, data) : NULL;
	echo_render_options ropts = {.escape = echo_escape_markdown};
	if (!set || !root || echo_templates_add_builtins(set) != 0 ||
	    echo_templates_render(set, name, root, &ropts, out, &diags) != 0)
		out->failed = 1;
	echo_templates_free(set);
	echo_stream_free(into);
	echo_diags_free(&diags);
}

static echo_node *session_view(echo_stream *into, const void *data)
{
	return echo_session_credit_view(into, data);
}

static echo_node *series_view(echo_stream *into, const void *data)
{
	return echo_series_credit_view(into, data);
}

/* The hours, credit_kind and statement cells (after a comma each); hours
 * are empty when none are stated. */
static void hours_csv(echo_buf *out, const echo_credit_hours *h, long hours)
{
	echo_buf_putc(out, ',');
	if (h->hours)
		hours_put(out, hours);
	echo_buf_putc(out, ',');
	csv_cell(out, h->kind ? h->kind : "");
	echo_buf_putc(out, ',');
	csv_cell(out, h->statement ? h->statement : "");
}

static void session_csv(echo_buf *out, const echo_session_credit *c)
{
	long long window = window_seconds(c);
	echo_buf_puts(out, "name,email,minutes,share_percent,credit,rows,source,first_line,guest,"
	                   "matched_by_name,kind,role,hours,credit_kind,statement\r\n");
	for (size_t i = 0; i < c->count; i++) {
		const echo_session_person *p = &c->people[i];
		csv_cell(out, p->name);
		echo_buf_putc(out, ',');
		csv_cell(out, p->email);
		if (has_minutes(p))
			echo_buf_printf(out, ",%lld,%lld", p->seconds / 60, p->seconds * 100 / window);
		else
			echo_buf_puts(out, ",,");
		echo_buf_printf(out, ",%s,%zu,%s,", credit_word(p->credit), p->rows,
		                source_word(p->source));
		if (p->first_line)
			echo_buf_printf(out, "%zu", p->first_line);
		echo_buf_printf(out, ",%s,%s,%s,", p->guest ? "yes" : "no", p->by_name ? "yes" : "no",
		                kind_word(p->kind));
		csv_cell(out, p->role);
		hours_csv(out, &c->hours, p->hours);
		echo_buf_puts(out, "\r\n");
	}
}

static void rule_json(echo_buf *out, const echo_credit_rule *r)
{
	echo_buf_printf(out, "{\"min_percent\": %u, \"min_minutes\": %ld, \"presence_counts\": %s}",
	                r->min_percent, r->min_minutes, r->presence_counts ? "true" : "false");
}

static void session_json(echo_buf *out, const echo_session_credit *c)
{
	long long window = window_seconds(c);
	char a[32], z[32];
	echo_wallclock_iso(c->start, c->has_utc_offset, c->utc_offset, a, sizeof a);
	echo_wallclock_iso(c->end, c->has_utc_offset, c->utc_offset, z, sizeof z);
	echo_head_count h = echo_session_head_count(c);
	echo_buf_puts(out, "{\n  \"format\": \"echo-attendance/1\",\n  \"kind\": \"session\",\n"
	                   "  \"session\": ");
	json_str(out, c->label);
	echo_buf_puts(out, ",\n  \"export\": ");
	json_str(out, c->path);
	echo_buf_printf(out, ",\n  \"export_kind\": \"%s\",\n  \"start\": \"%s\",\n  \"end\": \"%s\",\n"
	                "  \"minutes\": %lld,\n  \"rule\": ", echo_attendance_kind_name(c->kind),
	                a, z, window / 60);
	rule_json(out, &c->rule);
	echo_buf_puts(out, ",\n  \"credit\": ");
	hours_json(out, &c->hours, "hours");
	echo_buf_printf(out, ",\n  \"head_count\": {\"present\": %zu, \"learners\": %zu, "
	                "\"faculty\": %zu, \"rooms\": %zu, \"absent\": %zu, \"credited\": %zu}",
	                h.present, h.learners, h.faculty, h.rooms, h.absent, h.credited);
	echo_buf_puts(out, ",\n  \"people\": [");
	for (size_t i = 0; i < c->count; i++) {
		const echo_session_person *p = &c->people[i];
		echo_buf_puts(out, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
		json_str(out, p->name);
		echo_buf_puts(out, ", \"email\": ");
		json_str(out, p->email);
		echo_buf_puts(out, ", \"key\": ");
		json_str(out, p->key);
		if (has_minutes(p))
			echo_buf_printf(out, ", \"minutes\": %lld, \"seconds\": %lld, \"share_percent\": %lld",
			                p->seconds / 60, p->seconds, p->seconds * 100 / window);
		else
			echo_buf_puts(out, ", \"minutes\": null, \"seconds\": null, \"share_percent\": null");
		echo_buf_printf(out, ", \"credit\": \"%s\", \"source\": \"%s\", \"rows\": %zu, "
		                "\"first_line\": %zu, \"guest\": %s, \"matched_by_name\": %s, "
		                "\"present\": %s, \"kind\": \"%s\", \"role\": ",
		                credit_word(p->credit), source_word(p->source), p->rows, p->first_line,
		                p->guest ? "true" : "false", p->by_name ? "true" : "false",
		                echo_session_person_present(p) ? "true" : "false", kind_word(p->kind));
		json_str(out, p->role);
		person_hours_json(out, &c->hours, p->hours);
		echo_buf_putc(out, '}');
	}
	echo_buf_puts(out, c->count ? "\n  ],\n  \"notes\": [" : "],\n  \"notes\": [");
	for (size_t i = 0; i < c->note_count; i++) {
		const echo_attendance_note *n = &c->notes[i];
		echo_buf_puts(out, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
		json_str(out, n->path);
		echo_buf_printf(out, ", \"line\": %zu, \"kind\": \"%s\", \"name\": ", n->line,
		                note_word(n->kind));
		json_str(out, n->name);
		echo_buf_putc(out, '}');
	}
	echo_buf_puts(out, c->note_count ? "\n  ]\n}\n" : "]\n}\n");
}

int echo_session_credit_write(echo_buf *out, const echo_session_credit *credit,
                              echo_table_format format)
{
	switch (format) {
	case ECHO_TABLE_MARKDOWN: render_builtin(out, "attendance-table.md", session_view, credit); break;
	case ECHO_TABLE_CSV: session_csv(out, credit); break;
	case ECHO_TABLE_JSON: session_json(out, credit); break;
	}
	return out->failed ? -1 : 0;
}

/* ---- A series --------------------------------------------------------- */

size_t echo_series_rule_needed(const echo_series_rule *r, size_t held)
{
	size_t n = ((size_t)r->min_percent * held + 99) / 100;
	return n > r->min_sessions ? n : r->min_sessions;
}

static size_t sessions_needed(const echo_series_credit *s)
{
	return echo_series_rule_needed(&s->rule, s->held);
}

void echo_series_rule_describe(echo_buf *out, const echo_series_rule *r, size_t held)
{
	if (r->min_percent)
		echo_buf_printf(out, "credit in at least %u%% of the sessions held", r->min_percent);
	if (r->min_percent && r->min_sessions)
		echo_buf_printf(out, " and in at least %zu session%s", r->min_sessions,
		                r->min_sessions == 1 ? "" : "s");
	else if (r->min_sessions) {
		echo_buf_printf(out, "credit in at least %zu session%s of the %zu held", r->min_sessions,
		                r->min_sessions == 1 ? "" : "s", held);
		return;
	} else if (!r->min_percent)
		echo_buf_puts(out, "credit in any session");
	echo_buf_printf(out, " (%zu of %zu)", echo_series_rule_needed(r, held), held);
}

/* One cell per session: minutes (✓ for credit), "present", "–"; a
 * cancelled session's is empty. */
static void marks_view(struct view *v, echo_node *item, const echo_series_credit *s,
                       const echo_series_person *p)
{
	echo_node *marks = v_seq(v, item, "marks");
	for (size_t j = 0; j < s->session_count; j++) {
		const echo_series_mark *m = &p->marks[j];
		const char *tick = m->credit == ECHO_CREDIT_MET ? " ✓" : "";
		if (s->cancelled[j])
			;
		else if (m->source == ECHO_MINUTES_NONE)
			echo_buf_puts(&v->buf, "–");
		else if (m->source == ECHO_MINUTES_UNKNOWN)
			echo_buf_printf(&v->buf, "present%s", tick);
		else
			echo_buf_printf(&v->buf, "%lld%s", m->seconds / 60, tick);
		v_buf(v, v_push(v, marks), "cell");
	}
}

/* A person's standing on a requirement: "yes", "training days", "no",
 * or for one counted in hours "12.50 of 30.00". */
static void requirement_cell(echo_buf *out, const echo_requirement *q,
                             const echo_requirement_status *st)
{
	if (st->by_training_days)
		echo_buf_puts(out, "training days");
	else if (q->hours && !st->met) {
		hours_put(out, st->hours);
		echo_buf_puts(out, " of ");
		hours_put(out, q->hours);
	} else
		echo_buf_puts(out, st->met ? "yes" : "no");
}

echo_node *echo_series_credit_view(echo_stream *into, const echo_series_credit *s)
{
	struct view v = {{into, 0}, ECHO_BUF_INIT};
	echo_node *root = echo_view_map(&v.b);
	size_t certified = 0, faculty = 0;
	for (size_t i = 0; i < s->count; i++) {
		certified += s->people[i].certified;
		faculty += s->people[i].kind == ECHO_PERSON_FACULTY;
	}
	echo_view_set_int(&v.b, root, "session_count", (long long)s->session_count);
	echo_view_set_bool(&v.b, root, "one_session", s->session_count == 1);
	echo_view_set_int(&v.b, root, "held", (long long)s->held);
	echo_series_rule_describe(&v.buf, &s->rule, s->held);
	v_buf(&v, root, "rule");
	echo_view_set_int(&v.b, root, "learner_count", (long long)(s->count - faculty));
	echo_view_set_bool(&v.b, root, "one_learner", s->count - faculty == 1);
	echo_view_set_int(&v.b, root, "certified_count", (long long)certified);
	echo_view_set_int(&v.b, root, "faculty_count", (long long)faculty);
	echo_view_set_bool(&v.b, root, "has_faculty", faculty > 0);
	hours_view(&v, root, &s->hours, 1);
	echo_view_set_bool(&v.b, root, "has_requirements", s->requirement_count > 0);
	/* "2-day training, practicum work (30.00 hours)" */
	for (size_t k = 0; k < s->requirement_count; k++) {
		echo_buf_puts(&v.buf, k ? ", " : "");
		md_text(&v.buf, s->requirements[k].title);
		if (s->requirements[k].hours) {
			echo_buf_puts(&v.buf, " (");
			hours_put(&v.buf, s->requirements[k].hours);
			echo_buf_puts(&v.buf, " hours)");
		}
	}
	v_buf(&v, root, "requirements_text");
	echo_node *reqs = v_seq(&v, root, "requirements");
	for (size_t k = 0; k < s->requirement_count; k++) {
		echo_node *item = v_push(&v, reqs);
		v_md(&v, item, "id", s->requirements[k].id);
		v_md(&v, item, "title", s->requirements[k].title);
		echo_view_set_bool(&v.b, item, "has_hours", s->requirements[k].hours > 0);
		v_hours(&v, item, "hours", s->requirements[k].hours);
	}
	echo_node *sessions = v_seq(&v, root, "sessions");
	for (size_t j = 0; j < s->session_count; j++) {
		echo_node *item = v_push(&v, sessions);
		v_md(&v, item, "label", s->labels[j]);
		echo_view_set_bool(&v.b, item, "cancelled", s->cancelled[j]);
	}
	echo_node *learners = v_seq(&v, root, "learners");
	echo_node *hub = v_seq(&v, root, "faculty");
	for (size_t i = 0; i < s->count; i++) {
		const echo_series_person *p = &s->people[i];
		echo_node *item = v_push(&v, p->kind == ECHO_PERSON_FACULTY ? hub : learners);
		v_md(&v, item, "name", p->name);
		v_md(&v, item, "email", p->email);
		v_md(&v, item, "role", p->role);
		marks_view(&v, item, s, p);
		echo_view_set_int(&v.b, item, "credited", (long long)p->credited);
		echo_view_set_int(&v.b, item, "percent", p->percent);
		echo_view_set_string(&v.b, item, "certified", p->certified ? "yes" : "no");
		echo_view_set_int(&v.b, item, "present", (long long)p->present);
		v_hours(&v, item, "hours", p->hours);
		echo_view_set_string(&v.b, item, "attendance_met", p->attendance_met ? "yes" : "no");
		echo_node *met = v_seq(&v, item, "requirements");
		for (size_t k = 0; p->requirements && k < s->requirement_count; k++) {
			requirement_cell(&v.buf, &s->requirements[k], &p->requirements[k]);
			v_buf(&v, v_push(&v, met), "cell");
		}
		echo_series_person_lacking(s, p, &v.buf);
		echo_buf tmp = v.buf;
		v.buf = (echo_buf)ECHO_BUF_INIT;
		v_md(&v, item, "lacking", echo_buf_cstr(&tmp));
		echo_buf_free(&tmp);
	}
	return v_done(&v, root);
}

static void series_csv(echo_buf *out, const echo_series_credit *s)
{
	echo_buf_puts(out, "name,email");
	static const char *const suffix[] = {" minutes", " credit"};
	for (int g = 0; g < 2; g++)
		for (size_t j = 0; j < s->session_count; j++) {
			echo_buf tmp = ECHO_BUF_INIT;
			echo_buf_printf(&tmp, "%s%s", s->labels[j], suffix[g]);
			echo_buf_putc(out, ',');
			csv_cell(out, echo_buf_cstr(&tmp));
			echo_buf_free(&tmp);
		}
	echo_buf_puts(out, ",sessions_present,sessions_credited,sessions_held,percent,certified,"
	                   "kind,role,hours,credit_kind,statement,attendance_met");
	for (size_t k = 0; k < s->requirement_count; k++) {
		echo_buf_putc(out, ',');
		csv_cell(out, s->requirements[k].id);
	}
	echo_buf_puts(out, ",lacking\r\n");
	for (size_t i = 0; i < s->count; i++) {
		const echo_series_person *p = &s->people[i];
		csv_cell(out, p->name);
		echo_buf_putc(out, ',');
		csv_cell(out, p->email);
		for (size_t j = 0; j < s->session_count; j++) {
			const echo_series_mark *m = &p->marks[j];
			if (s->cancelled[j] || m->source == ECHO_MINUTES_NONE)
				echo_buf_putc(out, ',');
			else if (m->source == ECHO_MINUTES_UNKNOWN)
				echo_buf_puts(out, ",present");
			else
				echo_buf_printf(out, ",%lld", m->seconds / 60);
		}
		for (size_t j = 0; j < s->session_count; j++) {
			const echo_series_mark *m = &p->marks[j];
			if (s->cancelled[j] || m->source == ECHO_MINUTES_NONE)
				echo_buf_putc(out, ',');
			else
				echo_buf_printf(out, ",%s", credit_word(m->credit));
		}
		echo_buf_printf(out, ",%zu,%zu,%zu,%u,%s,%s,", p->present, p->credited, s->held,
		                p->percent, p->certified ? "yes" : "no", kind_word(p->kind));
		csv_cell(out, p->role);
		hours_csv(out, &s->hours, p->hours);
		echo_buf_printf(out, ",%s", p->attendance_met ? "yes" : "no");
		echo_buf tmp = ECHO_BUF_INIT;
		for (size_t k = 0; p->requirements && k < s->requirement_count; k++) {
			requirement_cell(&tmp, &s->requirements[k], &p->requirements[k]);
			echo_buf_putc(out, ',');
			csv_cell(out, echo_buf_cstr(&tmp));
			echo_buf_clear(&tmp);
		}
		echo_series_person_lacking(s, p, &tmp);
		echo_buf_putc(out, ',');
		csv_cell(out, echo_buf_cstr(&tmp));
		if (tmp.failed)
			out->failed = 1;
		echo_buf_free(&tmp);
		echo_buf_puts(out, "\r\n");
	}
}

/* A person's hours, attendance_met, requirements and lacking. */
static void person_requirements_json(echo_buf *out, const echo_series_credit *s,
                                     const echo_series_person *p)
{
	person_hours_json(out, &s->hours, p->hours);
	echo_buf_printf(out, ", \"attendance_met\": %s,\n     \"requirements\": [",
	                p->attendance_met ? "true" : "false");
	for (size_t k = 0; p->requirements && k < s->requirement_count; k++) {
		const echo_requirement_status *st = &p->requirements[k];
		echo_buf_puts(out, k ? ", {\"id\": " : "{\"id\": ");
		json_str(out, s->requirements[k].id);
		echo_buf_printf(out, ", \"met\": %s, \"by\": %s, \"hours\": ", st->met ? "true" : "false",
		                !st->met ? "null" : st->by_training_days ? "\"training_days\""
		                                                         : "\"completion\"");
		hours_put(out, st->hours);
		echo_buf_puts(out, ", \"date\": ");
		if (st->date >= 0) {
			char d[16];
			echo_date_format(st->date, d, sizeof d);
			echo_buf_printf(out, "\"%s\"", d);
		} else
			echo_buf_puts(out, "null");
		echo_buf_putc(out, '}');
	}
	echo_buf_puts(out, "], \"lacking\": [");
	const char *sep = "";
	if (!p->attendance_met && p->kind != ECHO_PERSON_FACULTY) {
		echo_buf_puts(out, "\"attendance\"");
		sep = ", ";
	}
	for (size_t k = 0; p->requirements && k < s->requirement_count; k++)
		if (!p->requirements[k].met && p->kind != ECHO_PERSON_FACULTY) {
			echo_buf_puts(out, sep);
			json_str(out, s->requirements[k].id);
			sep = ", ";
		}
	echo_buf_putc(out, ']');
}

static void series_json(echo_buf *out, const echo_series_credit *s)
{
	echo_buf_puts(out, "{\n  \"format\": \"echo-attendance/1\",\n  \"kind\": \"series\",\n"
	                   "  \"sessions\": [");
	for (size_t j = 0; j < s->session_count; j++) {
		echo_buf_puts(out, j ? ", {\"label\": " : "{\"label\": ");
		json_str(out, s->labels[j]);
		echo_buf_printf(out, ", \"cancelled\": %s}", s->cancelled[j] ? "true" : "false");
	}
	echo_buf_printf(out, "],\n  \"held\": %zu,\n  \"rule\": {\"min_percent\": %u, "
	                "\"min_sessions\": %zu},\n  \"sessions_needed\": %zu,\n  \"credit\": ",
	                s->held, s->rule.min_percent, s->rule.min_sessions, sessions_needed(s));
	hours_json(out, &s->hours, "max_session_hours");
	echo_buf_puts(out, ",\n  \"requirements\": [");
	for (size_t k = 0; k < s->requirement_count; k++) {
		const echo_requirement *q = &s->requirements[k];
		echo_buf_puts(out, k ? ",\n    {\"id\": " : "\n    {\"id\": ");
		json_str(out, q->id);
		echo_buf_puts(out, ", \"title\": ");
		json_str(out, q->title);
		echo_buf_puts(out, ", \"hours\": ");
		if (q->hours)
			hours_put(out, q->hours);
		else
			echo_buf_puts(out, "null");
		echo_buf_printf(out, ", \"training_days\": %s}", q->by_training_days ? "true" : "false");
	}
	echo_buf_puts(out, s->requirement_count ? "\n  ],\n  \"people\": [" : "],\n  \"people\": [");
	for (size_t i = 0; i < s->count; i++) {
		const echo_series_person *p = &s->people[i];
		echo_buf_puts(out, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
		json_str(out, p->name);
		echo_buf_puts(out, ", \"email\": ");
		json_str(out, p->email);
		echo_buf_puts(out, ", \"key\": ");
		json_str(out, p->key);
		echo_buf_printf(out, ", \"kind\": \"%s\", \"role\": ", kind_word(p->kind));
		json_str(out, p->role);
		echo_buf_printf(out, ", \"present\": %zu, \"credited\": %zu, \"percent\": %u, "
		                "\"certified\": %s",
		                p->present, p->credited, p->percent, p->certified ? "true" : "false");
		person_requirements_json(out, s, p);
		echo_buf_puts(out, ",\n     \"marks\": [");
		for (size_t j = 0; j < s->session_count; j++) {
			const echo_series_mark *m = &p->marks[j];
			if (j)
				echo_buf_puts(out, ", ");
			if (s->cancelled[j] || m->source == ECHO_MINUTES_NONE)
				echo_buf_puts(out, "null");
			else {
				if (m->source == ECHO_MINUTES_UNKNOWN)
					echo_buf_puts(out, "{\"minutes\": null");
				else
					echo_buf_printf(out, "{\"minutes\": %lld", m->seconds / 60);
				echo_buf_printf(out, ", \"credit\": \"%s\"", credit_word(m->credit));
				person_hours_json(out, &s->hours, m->hours);
				echo_buf_putc(out, '}');
			}
		}
		echo_buf_puts(out, "]}");
	}
	echo_buf_puts(out, s->count ? "\n  ]\n}\n" : "]\n}\n");
}

int echo_series_credit_write(echo_buf *out, const echo_series_credit *series,
                             echo_table_format format)
{
	switch (format) {
	case ECHO_TABLE_MARKDOWN: render_builtin(out, "credit-table.md", series_view, series); break;
	case ECHO_TABLE_CSV: series_csv(out, series); break;
	case ECHO_TABLE_JSON: series_json(out, series); break;
	}
	return out->failed ? -1 : 0;
}
