/* Attendance reports: Markdown tables, CSV for spreadsheets, JSON. */
#include "echo/attendance.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "echo/escape.h"
#include "echo/json.h"

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

/* " | 45 | 75% | ", or " | absent | – | " */
static void minutes_cells(echo_buf *out, const echo_session_person *p, long long window)
{
	if (has_minutes(p))
		echo_buf_printf(out, " | %lld | %lld%% | ", p->seconds / 60, p->seconds * 100 / window);
	else
		echo_buf_printf(out, " | %s | – | ",
		                p->source == ECHO_MINUTES_UNKNOWN ? "present" : "absent");
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
	echo_buf_puts(out, ".\n");
}

/* ---- One session ------------------------------------------------------ */

static void session_markdown(echo_buf *out, const echo_session_credit *c)
{
	long long window = window_seconds(c);
	char a[24], z[24];
	echo_wallclock_format(c->start, a, sizeof a);
	echo_wallclock_format(c->end, z, sizeof z);
	echo_head_count h = echo_session_head_count(c);
	/* "2026-03-12, 12:00 to 13:00"; dates are repeated only when needed. */
	echo_buf_puts(out, "Session ");
	md_text(out, c->label);
	int same_label = strncmp(c->label, a, 10) == 0 && strlen(c->label) == 10;
	int same_day = strncmp(a, z, 10) == 0;
	echo_buf_printf(out, ", %s to %s (%lld minutes), from the %s export ",
	                same_label ? a + 11 : a, same_day ? z + 11 : z, window / 60,
	                echo_attendance_kind_name(c->kind));
	md_text(out, c->path);
	echo_buf_puts(out, ".\nCredit: ");
	rule_text(out, &c->rule, window);
	echo_buf_puts(out, ".\n");
	head_count_text(out, &h);
	if (c->kind == ECHO_ATTENDANCE_UNIQUE)
		echo_buf_puts(out, "Minutes are the export's totals, capped at the session length: "
		                   "time outside the session, and time on a second device, may be "
		                   "counted in them.\n");
	else if (c->kind == ECHO_ATTENDANCE_ROSTER)
		echo_buf_puts(out, "A roster says who was present, not for how long.\n");
	echo_buf_puts(out, "\n| Name | Email | Minutes | Share | Credit | Rows |\n"
	                   "|---|---|--:|--:|---|--:|\n");
	for (size_t i = 0; i < c->count; i++) {
		const echo_session_person *p = &c->people[i];
		if (p->kind == ECHO_PERSON_FACULTY || p->kind == ECHO_PERSON_ROOM)
			continue;
		echo_buf_puts(out, "| ");
		md_text(out, p->name);
		echo_buf_puts(out, " | ");
		md_text(out, p->email);
		minutes_cells(out, p, window);
		echo_buf_printf(out, "%s | %zu |\n", credit_word(p->credit), p->rows);
	}
	if (h.faculty) {
		echo_buf_puts(out, "\nHub team and faculty (not credited as learners):\n\n"
		                   "| Name | Role | Email | Minutes | Share | Rows |\n"
		                   "|---|---|---|--:|--:|--:|\n");
		for (size_t i = 0; i < c->count; i++) {
			const echo_session_person *p = &c->people[i];
			if (p->kind != ECHO_PERSON_FACULTY)
				continue;
			echo_buf_puts(out, "| ");
			md_text(out, p->name);
			echo_buf_puts(out, " | ");
			md_text(out, p->role);
			echo_buf_puts(out, " | ");
			md_text(out, p->email);
			minutes_cells(out, p, window);
			echo_buf_printf(out, "%zu |\n", p->rows);
		}
	}
	if (h.rooms) {
		echo_buf_puts(out, "\nRoom connections (not people: the people in a room count from "
		                   "its sign-in sheet):\n\n");
		for (size_t i = 0; i < c->count; i++) {
			const echo_session_person *p = &c->people[i];
			if (p->kind != ECHO_PERSON_ROOM)
				continue;
			echo_buf_puts(out, "- ");
			md_text(out, p->name);
			if (has_minutes(p))
				echo_buf_printf(out, ": %lld minutes", p->seconds / 60);
			echo_buf_putc(out, '\n');
		}
	}
	if (c->note_count) {
		echo_buf_puts(out, "\nRows that did not simply count:\n\n");
		for (size_t i = 0; i < c->note_count; i++) {
			const echo_attendance_note *n = &c->notes[i];
			/* A merged export's notes say which file the line is in. */
			if (strcmp(n->path, c->path) != 0) {
				echo_buf_puts(out, "- ");
				md_text(out, n->path);
				echo_buf_printf(out, " line %zu, ", n->line);
			} else {
				echo_buf_printf(out, "- line %zu, ", n->line);
			}
			md_text(out, n->name);
			echo_buf_printf(out, ": %s\n", note_text(n->kind));
		}
	}
}

static void session_csv(echo_buf *out, const echo_session_credit *c)
{
	long long window = window_seconds(c);
	echo_buf_puts(out, "name,email,minutes,share_percent,credit,rows,source,first_line,guest,"
	                   "matched_by_name,kind,role\r\n");
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
	case ECHO_TABLE_MARKDOWN: session_markdown(out, credit); break;
	case ECHO_TABLE_CSV: session_csv(out, credit); break;
	case ECHO_TABLE_JSON: session_json(out, credit); break;
	}
	return out->failed ? -1 : 0;
}

/* ---- A series --------------------------------------------------------- */

/* Sessions with credit needed for certification. */
static size_t needed(const echo_series_rule *r, size_t held)
{
	size_t n = ((size_t)r->min_percent * held + 99) / 100;
	return n > r->min_sessions ? n : r->min_sessions;
}

static size_t sessions_needed(const echo_series_credit *s)
{
	return needed(&s->rule, s->held);
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
	echo_buf_printf(out, " (%zu of %zu)", needed(r, held), held);
}

/* One cell per session: minutes (✓ for credit), "present", "–". */
static void mark_cells(echo_buf *out, const echo_series_credit *s, const echo_series_person *p)
{
	for (size_t j = 0; j < s->session_count; j++) {
		const echo_series_mark *m = &p->marks[j];
		const char *tick = m->credit == ECHO_CREDIT_MET ? " ✓" : "";
		if (s->cancelled[j])
			echo_buf_puts(out, "  |");
		else if (m->source == ECHO_MINUTES_NONE)
			echo_buf_puts(out, " – |");
		else if (m->source == ECHO_MINUTES_UNKNOWN)
			echo_buf_printf(out, " present%s |", tick);
		else
			echo_buf_printf(out, " %lld%s |", m->seconds / 60, tick);
	}
}

/* "| Name | Email | 2026-02-26 | ... | Credited | ...", and its rule. */
static void series_header(echo_buf *out, const echo_series_credit *s, const char *second,
                          const char *tail, const char *tail_rule)
{
	echo_buf_printf(out, "| Name | %s |", second);
	for (size_t j = 0; j < s->session_count; j++) {
		echo_buf_putc(out, ' ');
		md_text(out, s->labels[j]);
		echo_buf_puts(out, s->cancelled[j] ? " (cancelled) |" : " |");
	}
	echo_buf_printf(out, "%s\n|---|---|", tail);
	for (size_t j = 0; j < s->session_count; j++)
		echo_buf_puts(out, "--:|");
	echo_buf_printf(out, "%s\n", tail_rule);
}

static void series_markdown(echo_buf *out, const echo_series_credit *s)
{
	size_t certified = 0, faculty = 0;
	for (size_t i = 0; i < s->count; i++) {
		certified += s->people[i].certified;
		faculty += s->people[i].kind == ECHO_PERSON_FACULTY;
	}
	echo_buf_printf(out, "Series of %zu session%s, %zu held. Certification: ",
	                s->session_count, s->session_count == 1 ? "" : "s", s->held);
	echo_series_rule_describe(out, &s->rule, s->held);
	echo_buf_printf(out, ".\n%zu learner%s, %zu certified", s->count - faculty,
	                s->count - faculty == 1 ? "" : "s", certified);
	if (faculty)
		echo_buf_printf(out, "; %zu of the hub team, listed apart and never certified", faculty);
	echo_buf_puts(out, ". Each session shows the minutes present; ✓ marks credit.\n\n");
	series_header(out, s, "Email", " Credited | Share | Certified |", "--:|--:|---|");
	for (size_t i = 0; i < s->count; i++) {
		const echo_series_person *p = &s->people[i];
		if (p->kind == ECHO_PERSON_FACULTY)
			continue;
		echo_buf_puts(out, "| ");
		md_text(out, p->name);
		echo_buf_puts(out, " | ");
		md_text(out, p->email);
		echo_buf_puts(out, " |");
		mark_cells(out, s, p);
		echo_buf_printf(out, " %zu | %u%% | %s |\n", p->credited, p->percent,
		                p->certified ? "yes" : "no");
	}
	if (!faculty)
		return;
	echo_buf_puts(out, "\nHub team and faculty (never certified as learners):\n\n");
	series_header(out, s, "Role", " Present |", "--:|");
	for (size_t i = 0; i < s->count; i++) {
		const echo_series_person *p = &s->people[i];
		if (p->kind != ECHO_PERSON_FACULTY)
			continue;
		echo_buf_puts(out, "| ");
		md_text(out, p->name);
		echo_buf_puts(out, " | ");
		md_text(out, p->role);
		echo_buf_puts(out, " |");
		mark_cells(out, s, p);
		echo_buf_printf(out, " %zu |\n", p->present);
	}
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
	                   "kind,role\r\n");
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
		echo_buf_puts(out, "\r\n");
	}
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
	                "\"min_sessions\": %zu},\n  \"sessions_needed\": %zu,\n  \"people\": [",
	                s->held, s->rule.min_percent, s->rule.min_sessions, sessions_needed(s));
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
		                "\"certified\": %s,\n     \"marks\": [",
		                p->present, p->credited, p->percent, p->certified ? "true" : "false");
		for (size_t j = 0; j < s->session_count; j++) {
			const echo_series_mark *m = &p->marks[j];
			if (j)
				echo_buf_puts(out, ", ");
			if (s->cancelled[j] || m->source == ECHO_MINUTES_NONE)
				echo_buf_puts(out, "null");
			else if (m->source == ECHO_MINUTES_UNKNOWN)
				echo_buf_printf(out, "{\"minutes\": null, \"credit\": \"%s\"}",
				                credit_word(m->credit));
			else
				echo_buf_printf(out, "{\"minutes\": %lld, \"credit\": \"%s\"}",
				                m->seconds / 60, credit_word(m->credit));
		}
		echo_buf_puts(out, "]}");
	}
	echo_buf_puts(out, s->count ? "\n  ]\n}\n" : "]\n}\n");
}

int echo_series_credit_write(echo_buf *out, const echo_series_credit *series,
                             echo_table_format format)
{
	switch (format) {
	case ECHO_TABLE_MARKDOWN: series_markdown(out, series); break;
	case ECHO_TABLE_CSV: series_csv(out, series); break;
	case ECHO_TABLE_JSON: series_json(out, series); break;
	}
	return out->failed ? -1 : 0;
}
