/* Minutes of a session and recommendation summaries for presenters: the
 * data their templates render, and their JSON (echo-minutes/1).  One
 * builder per output, with a flag for JSON, so the two cannot drift. */
#include "echo/minutes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echo/case.h"
#include "echo/escape.h"
#include "echo/json.h"
#include "echo/notes.h"
#include "echo/schema.h"
#include "minutes_build.h"

/* Cases ------------------------------------------------------------------------ */

/* The case schema's categories, in its order, with headings. */
static const char *const categories[][2] = {
	{"medication", "Medication"},       {"behavioral", "Behavioral"},
	{"harm-reduction", "Harm reduction"}, {"psychosocial", "Psychosocial"},
	{"referral", "Referral"},           {"monitoring", "Monitoring"},
	{"peer-support", "Peer support"},   {"follow-up", "Follow-up"},
};
enum { CATEGORY_COUNT = sizeof categories / sizeof categories[0] };

const char *mb_category_key(size_t i)
{
	return i < CATEGORY_COUNT ? categories[i][0] : "other";
}

const char *mb_category_label(size_t i)
{
	return i < CATEGORY_COUNT ? categories[i][1] : "Other";
}

size_t mb_category_count(void)
{
	return CATEGORY_COUNT;
}

/* The category's index, or CATEGORY_COUNT for any other (an open list in
 * a later format version would land there rather than vanish). */
size_t mb_category_of(const echo_node *rec)
{
	const char *c = echo_node_get_text(rec, "category");
	for (size_t i = 0; c && i < CATEGORY_COUNT; i++)
		if (strcmp(c, categories[i][0]) == 0)
			return i;
	return CATEGORY_COUNT;
}

int echo_case_has_recommendations(const echo_node *root)
{
	const echo_node *recs = echo_node_get(root, "recommendations");
	return recs && recs->type == ECHO_NODE_SEQ && recs->count > 0;
}

int echo_case_check_recommendations(const echo_stream *stream, const echo_node *root,
                                    echo_severity severity, echo_diags *diags)
{
	if (!root || root->type != ECHO_NODE_MAP || echo_case_has_recommendations(root))
		return 0;
	const char *id = echo_node_get_text(root, "id");
	/* At the recommendations key when it is there but empty, else at the
	 * start of the case. */
	const echo_node *at = root;
	for (size_t i = 0; i < root->count; i++)
		if (echo_node_is_scalar(root->pairs[i].key) &&
		    strcmp(root->pairs[i].key->text, "recommendations") == 0)
			at = root->pairs[i].key;
	echo_diags_add(diags, severity, stream->path, at->start.line, at->start.col,
	               "no-recommendations",
	               "case %s has no recommendations: fill in its hub part (recommendations, "
	               "teaching_points, follow_up) after the session",
	               id ? id : "(no id)");
	return 1;
}

/* Recommendations grouped by category, in the schema's order: for a
 * template [{category, label, items: [recommendation]}], each item with
 * its text_md; for JSON [{category, items: [{text, by}]}]. */
echo_node *mb_groups(echo_view_builder *b, const echo_node *root, int json)
{
	echo_node *groups = echo_view_seq(b);
	const echo_node *recs = echo_node_get(root, "recommendations");
	if (!recs || recs->type != ECHO_NODE_SEQ)
		return groups;
	for (size_t c = 0; c <= CATEGORY_COUNT; c++) {
		echo_node *items = NULL;
		for (size_t i = 0; i < recs->count; i++) {
			const echo_node *r = recs->items[i];
			if (r->type != ECHO_NODE_MAP || mb_category_of(r) != c)
				continue;
			if (!items) {
				echo_node *g = echo_view_map(b);
				const char *name = c < CATEGORY_COUNT ? categories[c][0]
				                                      : echo_node_get_text(r, "category");
				echo_view_set_string(b, g, "category", name ? name : "other");
				if (!json)
					echo_view_set_string(b, g, "label", mb_category_label(c));
				items = echo_view_seq(b);
				echo_view_set(b, g, "items", items);
				echo_view_push(b, groups, g);
			}
			if (!json) {
				echo_view_push(b, items, r);
				continue;
			}
			echo_node *item = echo_view_map(b);
			echo_view_copy_key(b, item, "text", r, NULL);
			echo_view_copy_key(b, item, "by", r, NULL);
			echo_view_push(b, items, item);
		}
	}
	return groups;
}

/* "Jordan Reyes, FNP (Family nurse practitioner, Mesa Valley Rural Health
 * Clinic)": the case's presenter, unless the session names another. */
static void presenter_line(echo_buf *out, const echo_node *root, const echo_node *segment)
{
	const char *own = echo_node_get_text(segment, "presenter");
	if (own) {
		echo_buf_puts(out, own);
		return;
	}
	const echo_node *p = echo_node_get(root, "presenter");
	const char *name = echo_node_get_text(p, "name");
	const char *role = echo_node_get_text(p, "role"), *site = echo_node_get_text(p, "site");
	int has_role = role && *role, has_site = site && *site;
	echo_buf_puts(out, name ? name : "");
	if (has_role || has_site)
		echo_buf_printf(out, " (%s%s%s)", has_role ? role : "", has_role && has_site ? ", " : "",
		                has_site ? site : "");
}

/* The hub part of one case, as minutes and summaries show it.  For a
 * template the entry takes the case's view (echo_case_view: its Markdown
 * keys F_md and has_L, built in case_stream beside the parsed case, which
 * stays as it was read); JSON gets the values as written. */
static void case_entry(echo_view_builder *b, echo_node *entry, echo_stream *case_stream,
                       const echo_node *root, const echo_node *segment, int json)
{
	echo_buf buf = ECHO_BUF_INIT;
	echo_view_copy_key(b, entry, "id", root, NULL);
	if (json) {
		echo_view_copy_key(b, entry, "kind", root, NULL);
		echo_view_copy_key(b, entry, "presenter", root, NULL);
		if (echo_node_get_text(segment, "presenter"))
			echo_view_set(b, entry, "presented_by", echo_node_get(segment, "presenter"));
		echo_view_copy_key(b, entry, "questions", root, NULL);
		echo_view_set(b, entry, "recommendations", mb_groups(b, root, 1));
		echo_view_copy_key(b, entry, "teaching_points", root, NULL);
		echo_view_copy_key(b, entry, "themes", root, NULL);
		echo_view_copy_key(b, entry, "follow_up", root, NULL);
		echo_view_copy_key(b, entry, "follow_up_date", root, NULL);
		echo_buf_free(&buf);
		return;
	}
	if (!(root = echo_case_view(case_stream, root, 1))) {
		b->failed = 1;
		echo_buf_free(&buf);
		return;
	}
	presenter_line(&buf, root, segment);
	echo_view_set_buf(b, entry, "presenter", &buf);
	const echo_node *p = echo_node_get(root, "presenter");
	echo_view_set_string(b, entry, "presenter_name", echo_node_get_text(p, "name"));
	echo_view_set_string(b, entry, "presenter_role", echo_node_get_text(p, "role"));
	echo_view_set_string(b, entry, "presenter_site", echo_node_get_text(p, "site"));
	echo_view_copy_key(b, entry, "is_practice", root, NULL);
	echo_view_copy_key(b, entry, "questions_md", root, NULL);
	echo_node *groups = mb_groups(b, root, 0);
	echo_view_set(b, entry, "groups", groups);
	echo_view_set_bool(b, entry, "has_recommendations", groups && groups->count);
	echo_view_copy_key(b, entry, "teaching_points_md", root, NULL);
	echo_view_copy_key(b, entry, "themes", root, NULL);
	echo_view_copy_key(b, entry, "has_themes", root, NULL);
	echo_view_copy_key(b, entry, "follow_up_md", root, NULL);
	const char *due = echo_node_get_text(root, "follow_up_date");
	long day = mb_day(due);
	if (day != MB_NO_DAY) {
		echo_view_set_string(b, entry, "follow_up_date", due);
		echo_format_date(&buf, day);
		echo_view_set_buf(b, entry, "follow_up_date_long", &buf);
	}
	echo_view_set_bool(b, entry, "has_follow_up",
	            mb_has_text(echo_node_get(root, "follow_up")) || day != MB_NO_DAY);
	echo_buf_free(&buf);
}

/* Minutes -------------------------------------------------------------------- */

/* The attendance part: who was there, and how many earned credit. */
static echo_node *attendance_entry(echo_view_builder *b, const echo_session_credit *c, int json)
{
	echo_node *a = echo_view_map(b);
	echo_buf buf = ECHO_BUF_INIT;
	echo_view_set_bool(b, a, "recorded", c != NULL);
	if (!c) {
		echo_buf_free(&buf);
		return a;
	}
	/* The head count attendance and credit report too. */
	echo_head_count h = echo_session_head_count(c);
	echo_view_set_int(b, a, "present", (long long)h.present);
	echo_view_set_int(b, a, "credited", (long long)h.credited);
	echo_view_set_int(b, a, "faculty", (long long)h.faculty);
	if (json) {
		echo_view_set_string(b, a, "export", c->path);
		echo_view_set_string(b, a, "export_kind", echo_attendance_kind_name(c->kind));
		echo_node *rule = echo_view_map(b);
		echo_view_set_int(b, rule, "min_percent", c->rule.min_percent);
		echo_view_set_int(b, rule, "min_minutes", c->rule.min_minutes);
		echo_view_set_bool(b, rule, "presence_counts", c->rule.presence_counts);
		echo_view_set(b, a, "rule", rule);
	}
	echo_node *people = echo_view_seq(b);
	for (size_t i = 0; i < c->count; i++) {
		const echo_session_person *p = &c->people[i];
		if (!echo_session_person_present(p))
			continue;
		int minutes = p->source == ECHO_MINUTES_INTERVALS || p->source == ECHO_MINUTES_TOTAL;
		if (!json) {
			/* Names come from the export: escaped, and joined by the
			 * template into one paragraph. */
			echo_node *person = echo_view_map(b);
			echo_escape_markdown_value(&buf, p->name, strlen(p->name));
			echo_view_set_buf(b, person, "name", &buf);
			echo_view_set_bool(b, person, "last", 0);
			echo_view_push(b, people, person);
			continue;
		}
		echo_node *person = echo_view_map(b);
		echo_view_set_string(b, person, "name", p->name);
		if (minutes)
			echo_view_set_int(b, person, "minutes", p->seconds / 60);
		else
			echo_view_set_null(b, person, "minutes");
		echo_view_set_string(b, person, "credit", p->credit == ECHO_CREDIT_MET       ? "yes"
		                                : p->credit == ECHO_CREDIT_UNKNOWN ? "unknown"
		                                                                   : "no");
		echo_view_push(b, people, person);
	}
	if (!json && people && people->count)
		echo_view_set_bool(b, people->items[people->count - 1], "last", 1);
	echo_view_set(b, a, "people", people);
	if (!json) {
		echo_credit_rule_describe(&buf, &c->rule, c->end - c->start);
		echo_view_set_buf(b, a, "rule", &buf);
		echo_view_set_bool(b, a, "roster", c->kind == ECHO_ATTENDANCE_ROSTER);
	}
	echo_buf_free(&buf);
	return a;
}

/* Texts joined into one table cell, "; " between them. */
struct cell_ctx {
	echo_buf *out;
	int n;
};

static void cell_join(void *ctx, const echo_node *text)
{
	struct cell_ctx *c = ctx;
	size_t len = text->text_len;
	while (len && (text->text[len - 1] == '\n' || text->text[len - 1] == ' '))
		len--;
	if (c->n++)
		echo_buf_puts(c->out, "; ");
	echo_markdown_cell(c->out, text->text, strnlen(text->text, len));
}

/* A Markdown text field: one text as a paragraph, a list as bullets. */
static void text_md(echo_buf *out, const echo_node *v)
{
	if (v && echo_node_is_scalar(v) && v->type != ECHO_NODE_NULL) {
		echo_buf_append(out, v->text, v->text_len);
		while (out->len && (out->data[out->len - 1] == '\n' || out->data[out->len - 1] == ' '))
			out->data[--out->len] = '\0';
		return;
	}
	mb_bullets(out, v);
}

static const echo_node *announcement_source(const echo_segment *seg)
{
	if (seg->kind != ECHO_SEGMENT_ANNOUNCEMENTS)
		return NULL;
	return echo_node_get(seg->body, "notes");
}

static echo_node *minutes_build(const echo_minutes *m, int json)
{
	echo_session *s = m->session;
	echo_stream *stream = s->stream;
	echo_view_builder b = {stream, 0};
	echo_buf buf = ECHO_BUF_INIT;
	const echo_node *root = s->root;
	const echo_node *notes = m->notes;
	echo_node *data;
	if (json) {
		data = echo_view_map(&b);
		echo_view_set_string(&b, data, "format", "echo-minutes/1");
		echo_view_set_string(&b, data, "kind", "minutes");
		echo_view_copy_key(&b, data, "program", root, NULL);
		echo_view_copy_key(&b, data, "title", root, NULL);
		echo_view_copy_key(&b, data, "number", root, NULL);
		echo_view_copy_key(&b, data, "date", root, NULL);
		echo_view_set_string(&b, data, "time_zone", echo_tz_name(s->tz));
		echo_format_iso(&buf, s->tz, s->start_utc);
		echo_view_set_buf(&b, data, "start", &buf);
		echo_format_iso(&buf, s->tz, s->start_utc + 60LL * s->duration);
		echo_view_set_buf(&b, data, "end", &buf);
		echo_view_set_int(&b, data, "duration_minutes", s->duration);
		echo_view_copy_key(&b, data, "location", root, NULL);
		echo_view_copy_key(&b, data, "facilitator", root, NULL);
		echo_view_copy_key(&b, data, "hub_team", root, NULL);
		echo_view_copy_key(&b, data, "credit", root, NULL);
	} else {
		/* The agenda's data gives the heading, the hub team, the credit
		 * and the didactics with their objectives; the rest is added. */
		data = echo_session_data(s, NULL);
		if (!data)
			b.failed = 1;
	}

	echo_node *didactics = json ? echo_view_seq(&b) : NULL;
	echo_node *cases = echo_view_seq(&b);
	echo_node *announcements = echo_view_seq(&b);
	echo_buf ann_md = ECHO_BUF_INIT;
	int n_case = 0;
	for (size_t i = 0; i < s->segment_count; i++) {
		const echo_segment *seg = &s->segments[i];
		const echo_node *ann = announcement_source(seg);
		if (json)
			mb_push_texts(&b, announcements, ann);
		else
			mb_bullets(&ann_md, ann);
		if (json && seg->kind == ECHO_SEGMENT_DIDACTIC) {
			echo_node *d = echo_view_map(&b);
			echo_view_copy_key(&b, d, "title", seg->body, NULL);
			echo_view_copy_key(&b, d, "presenter", seg->body, NULL);
			echo_view_copy_key(&b, d, "objectives", seg->body, NULL);
			echo_view_push(&b, didactics, d);
		}
		if (seg->kind != ECHO_SEGMENT_CASE || !seg->case_root)
			continue;
		echo_node *c = echo_view_map(&b);
		echo_view_set_int(&b, c, "number", ++n_case);
		if (json)
			echo_view_copy_key(&b, c, "file", seg->body, NULL);
		case_entry(&b, c, seg->case_stream, seg->case_root, seg->body, json);
		echo_view_push(&b, cases, c);
	}
	if (json)
		mb_push_texts(&b, announcements, echo_node_get(notes, "announcements"));
	else
		mb_bullets(&ann_md, echo_node_get(notes, "announcements"));
	if (json) {
		echo_view_set(&b, data, "didactics", didactics);
		echo_view_set(&b, data, "cases", cases);
		echo_view_set(&b, data, "announcements", announcements);
		echo_view_copy_key(&b, data, "highlights", notes, NULL);
		echo_view_copy_key(&b, data, "action_items", notes, NULL);
		echo_view_copy_key(&b, data, "attendance_notes", notes, NULL);
		echo_view_copy_key(&b, data, "next_session", notes, NULL);
		echo_view_copy_key(&b, data, "recorded_by", notes, NULL);
	} else {
		echo_view_set(&b, data, "cases", cases);
		echo_view_set_bool(&b, data, "has_announcements", ann_md.len > 0);
		echo_view_set_buf(&b, data, "announcements_md", &ann_md);
		const echo_node *hl = echo_node_get(notes, "highlights");
		mb_bullets(&buf, hl);
		echo_view_set_bool(&b, data, "has_highlights", buf.len > 0);
		echo_view_set_buf(&b, data, "highlights_md", &buf);
		const echo_node *items = echo_node_get(notes, "action_items");
		echo_node *actions = echo_view_seq(&b);
		for (size_t i = 0; items && items->type == ECHO_NODE_SEQ && i < items->count; i++) {
			const echo_node *it = items->items[i];
			/* Rows of a table: each value one cell. */
			echo_node *a = echo_view_map(&b);
			struct cell_ctx cc = {&buf, 0};
			mb_each_text(echo_node_get(it, "item"), cell_join, &cc);
			echo_view_set_buf(&b, a, "item", &buf);
			const char *owner = echo_node_get_text(it, "owner");
			echo_markdown_cell(&buf, owner ? owner : "", owner ? strlen(owner) : 0);
			echo_view_set_buf(&b, a, "owner", &buf);
			const char *due = echo_node_get_text(it, "due");
			echo_view_set_string(&b, a, "due", due ? due : "");
			echo_view_push(&b, actions, a);
		}
		echo_view_set(&b, data, "action_items", actions);
		echo_view_set_bool(&b, data, "has_action_items", actions && actions->count);
		text_md(&buf, echo_node_get(notes, "attendance_notes"));
		echo_view_set_bool(&b, data, "has_attendance_notes", buf.len > 0);
		echo_view_set_buf(&b, data, "attendance_notes_md", &buf);
		text_md(&buf, echo_node_get(notes, "next_session"));
		echo_view_set_bool(&b, data, "has_next_session", buf.len > 0);
		echo_view_set_buf(&b, data, "next_session_md", &buf);
		echo_view_set_string(&b, data, "recorded_by", echo_node_get_text(notes, "recorded_by"));
	}
	echo_view_set(&b, data, "attendance", attendance_entry(&b, m->attendance, json));
	echo_buf_free(&ann_md);
	echo_buf_free(&buf);
	return b.failed ? NULL : data;
}

echo_node *echo_minutes_data(const echo_minutes *minutes)
{
	return minutes_build(minutes, 0);
}

int echo_minutes_json(const echo_minutes *minutes, echo_buf *out)
{
	echo_node *data = minutes_build(minutes, 1);
	if (!data)
		return -1;
	echo_json_node(out, data, 0);
	echo_buf_putc(out, '\n');
	return out->failed ? -1 : 0;
}

/* Recommendation summaries ----------------------------------------------------- */

static echo_node *summary_build(echo_stream *stream, const echo_node *root, const echo_session *s,
                                int json)
{
	echo_view_builder b = {stream, 0};
	echo_buf buf = ECHO_BUF_INIT;
	echo_node *data = echo_view_map(&b);
	/* The session the case was presented at heads the summary; without
	 * it, the case's own series and session date. */
	const char *program = s ? echo_session_get_text(s, "program")
	                        : echo_node_get_text(root, "series");
	const char *date = s ? echo_node_get_text(s->root, "date")
	                     : echo_node_get_text(root, "session");
	const echo_node *segment = NULL;
	for (size_t i = 0; s && i < s->segment_count; i++)
		if (s->segments[i].case_root == root)
			segment = s->segments[i].body;
	echo_view_set_string(&b, data, "program", program);
	echo_view_set_string(&b, data, "session_date", date);
	if (s)
		echo_view_copy_key(&b, data, "title", s->root, NULL);
	case_entry(&b, data, stream, root, segment, json);
	if (s) {
		/* The sign-off and contact line: the session's, else its series'. */
		echo_view_set_string(&b, data, "facilitator", echo_session_get_text(s, "facilitator"));
		echo_view_copy_key(&b, data, "hub_team", s->root, NULL);
		echo_view_set_string(&b, data, "contact", echo_session_get_text(s, "contact"));
	}
	if (!json) {
		/* Who the letter goes to, for its greeting and its envelope. */
		echo_view_set_string(&b, data, "presenter_email",
		           echo_node_get_text(echo_node_get(root, "presenter"), "email"));
		long day = mb_day(date);
		if (day != MB_NO_DAY) {
			echo_format_date(&buf, day);
			echo_view_set_buf(&b, data, "session_date_long", &buf);
		}
		const echo_node *team = s ? echo_node_get(s->root, "hub_team") : NULL;
		echo_view_set_bool(&b, data, "has_hub_team", team && team->type == ECHO_NODE_SEQ && team->count);
	}
	echo_buf_free(&buf);
	return b.failed ? NULL : data;
}

echo_node *echo_recommendations_data(echo_stream *stream, const echo_node *root,
                                     const echo_session *session)
{
	return summary_build(stream, root, session, 0);
}

int echo_recommendations_json(echo_stream *stream, const echo_node *root,
                              const echo_session *session, int indent, echo_buf *out)
{
	echo_node *data = summary_build(stream, root, session, 1);
	if (!data)
		return -1;
	echo_json_node(out, data, indent);
	return out->failed ? -1 : 0;
}

/* Sessions and notes, as minutes take them ------------------------------------ */

echo_session *echo_minutes_session(echo_stream *stream, echo_node *root, int with_cases,
                                   echo_diags *diags)
{
	if (echo_agenda_kind_of(root) != ECHO_AGENDA_SESSION) {
		const echo_node *schema = echo_node_get(root, "schema");
		if (echo_node_is_scalar(schema) && schema->type != ECHO_NODE_NULL)
			echo_diags_add(diags, ECHO_ERROR, stream->path, schema->start.line,
			               schema->start.col, "schema",
			               "'schema: %s' is not a session; give an echo-session/1 file",
			               schema->text);
		else
			echo_diags_add(diags, ECHO_ERROR, stream->path, root ? root->start.line : 0,
			               root ? root->start.col : 0, "schema",
			               "not a session; give an echo-session/1 file");
		return NULL;
	}
	echo_diags local = ECHO_DIAGS_INIT;
	echo_session_options opts = {!with_cases, NULL};
	echo_session *session = echo_session_check(stream, root, &opts, &local);
	if (!session) {
		echo_diags_free(&local);
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return NULL;
	}
	/* The agenda's warning that it left a case off becomes an error. */
	for (size_t i = 0; i < local.count; i++) {
		echo_diag *d = &local.items[i];
		if (d->rule && strcmp(d->rule, "case-withdrawn") == 0)
			continue;
		echo_diags_add(diags, d->severity, d->path, d->line, d->col, d->rule, "%s", d->message);
	}
	echo_diags_free(&local);
	for (size_t i = 0; with_cases && i < session->segment_count; i++) {
		const echo_segment *seg = &session->segments[i];
		const echo_node *file = echo_node_get(seg->body, "file");
		if (seg->kind == ECHO_SEGMENT_CASE && seg->withdrawn && seg->case_stream)
			echo_diags_add(diags, ECHO_ERROR, stream->path, file ? file->start.line : 0,
			               file ? file->start.col : 0, "case-withdrawn",
			               "case file %s did not pass its checks: nothing is written while a "
			               "case has problems",
			               seg->case_path);
	}
	return session;
}

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

void echo_minutes_check_notes(const echo_session *session, const echo_stream *stream,
                              const echo_node *notes, echo_diags *diags)
{
	size_t known_count = 0;
	const char **known = known_names(session, notes, &known_count);
	if (!known)
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
	else
		echo_notes_check(stream, notes, known, known_count, diags);
	free(known);
	const echo_node *date = echo_node_get(notes, "session");
	const char *sdate = echo_node_get_text(session->root, "date");
	if (echo_node_is_scalar(date) && sdate && strcmp(date->text, sdate) != 0)
		echo_diags_add(diags, ECHO_ERROR, stream->path, date->start.line, date->start.col,
		               "notes-session",
		               "these notes are for the session on %s; the session is on %s",
		               date->text, sdate);
}

void echo_minutes_gather(const echo_session *session, const echo_stream *notes_stream,
                         const echo_node *notes, const char *const *exports,
                         size_t export_count, const echo_credit_options *options,
                         echo_credit_result *attendance, echo_diags *diags)
{
	for (size_t i = 0; i < session->segment_count; i++)
		if (session->segments[i].case_root)
			echo_case_check_recommendations(session->segments[i].case_stream,
			                                session->segments[i].case_root, ECHO_WARNING, diags);
	if (notes)
		echo_minutes_check_notes(session, notes_stream, notes, diags);
	if (!export_count)
		return;
	echo_schedule sch;
	if (echo_schedule_read(session->stream, session->root, &sch, diags) == 0)
		echo_credit_session_compute(session->stream, &sch, exports, export_count, options,
		                            attendance, diags);
	echo_schedule_free(&sch);
}

static int refs_add(echo_case_refs *refs, echo_stream *stream, echo_node *root)
{
	if (refs->count == refs->cap) {
		size_t cap = refs->cap ? refs->cap * 2 : 8;
		echo_case_ref *grown = realloc(refs->items, cap * sizeof *grown);
		if (!grown)
			return -1;
		refs->items = grown;
		refs->cap = cap;
	}
	refs->items[refs->count++] = (echo_case_ref){stream, root};
	return 0;
}

int echo_case_refs_add_stream(echo_case_refs *refs, echo_stream *stream, echo_diags *diags)
{
	if (stream->doc_count == 0 && diags->errors == 0)
		echo_diags_add(diags, ECHO_ERROR, stream->path, 1, 1, "empty",
		               "no case here: the file is empty");
	echo_diags local = ECHO_DIAGS_INIT;
	int rc = 0;
	for (size_t d = 0; d < stream->doc_count && rc == 0; d++) {
		echo_case_check(stream, stream->docs[d], &local);
		echo_case_screen(stream, stream->docs[d], &local);
		rc = refs_add(refs, stream, stream->docs[d]);
	}
	echo_diags_sort(&local);
	echo_diags_take(diags, &local);
	echo_diags_free(&local);
	return rc;
}

int echo_case_refs_add_session(echo_case_refs *refs, const echo_session *session)
{
	for (size_t i = 0; i < session->segment_count; i++)
		if (session->segments[i].case_root &&
		    refs_add(refs, session->segments[i].case_stream,
		             (echo_node *)session->segments[i].case_root) != 0)
			return -1;
	return 0;
}

void echo_case_refs_check_recommendations(const echo_case_refs *refs, echo_diags *diags)
{
	for (size_t i = 0; i < refs->count; i++)
		echo_case_check_recommendations(refs->items[i].stream, refs->items[i].root, ECHO_ERROR,
		                                diags);
}

void echo_case_refs_free(echo_case_refs *refs)
{
	if (!refs)
		return;
	free(refs->items);
	memset(refs, 0, sizeof *refs);
}

int echo_recommendations_document(const echo_case_ref *cases, size_t count,
                                  const echo_session *session, echo_buf *out)
{
	echo_buf_puts(out, "{\n  \"format\": \"echo-minutes/1\",\n  \"kind\": \"recommendations\",\n"
	                   "  \"summaries\": [");
	for (size_t i = 0; i < count; i++) {
		echo_buf_puts(out, i ? ",\n    " : "\n    ");
		if (echo_recommendations_json(cases[i].stream, cases[i].root, session, 2, out) != 0)
			return -1;
	}
	echo_buf_puts(out, count ? "\n  ]\n}\n" : "]\n}\n");
	return out->failed ? -1 : 0;
}
