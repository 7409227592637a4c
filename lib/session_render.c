/* What is made from a checked session or series: the data the agenda,
 * series and outline templates render, the JSON form, and the plain-text
 * agenda that goes into calendar entries. */
#include "echo/session.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echo/escape.h"
#include "echo/json.h"
#include "echo/view.h"

/* Formatting (dates and clock times are the calendar's) ---------------------- */

/* "Thu, Mar 12, 2026": for table cells. */
static void format_short_date(echo_buf *out, long date)
{
	int y, m, d;
	echo_civil_from_days(date, &y, &m, &d);
	echo_buf_printf(out, "%.3s, %.3s %d, %d", echo_weekday_name(echo_weekday(date)),
	                echo_month_name(m), d, y);
}

/* A series date's notes, joined by "; ": the extra date's, its sessions[]
 * entry's, and where a moved topic came from.  The calendar and the
 * calendar file's description say the same. */
static void date_notes(echo_buf *out, const echo_node *root, const echo_series_date *d)
{
	const char *note = NULL;
	if (d->extra) {
		const echo_node *list = echo_node_get(root, "extra_dates");
		for (size_t j = 0; list && list->type == ECHO_NODE_SEQ && j < list->count; j++) {
			const char *dts = echo_node_get_text(list->items[j], "date");
			int y, m, dd;
			if (dts && echo_date_parse(dts, &y, &m, &dd) == 0 &&
			    echo_days_from_civil(y, m, dd) == d->date)
				note = echo_node_get_text(list->items[j], "note");
		}
	}
	const size_t len0 = out->len;
	const char *parts[] = {note, echo_node_get_text(d->entry, "note")};
	for (size_t p = 0; p < 2; p++)
		if (parts[p])
			echo_buf_printf(out, "%s%s", out->len > len0 ? "; " : "", parts[p]);
	if (d->moved_from) {
		echo_buf_puts(out, out->len > len0 ? "; moved from " : "moved from ");
		format_short_date(out, d->moved_from);
	}
}

/* Who presents on a series date: its sessions[] entry's presenter, else
 * its topic's, or NULL. */
static const char *date_presenter(const echo_series_date *d)
{
	const char *presenter = echo_node_get_text(d->entry, "presenter");
	if (!presenter && d->topic)
		presenter = echo_node_get_text(d->topic, "presenter");
	return presenter;
}

/* "12:00–13:00 CDT", with the weekday when the zone's date is not ref. */
static void format_range(echo_buf *out, const echo_tz *tz, int64_t from, int64_t to,
                         int clock12, long ref)
{
	echo_tz_info a, b;
	echo_tz_at(tz, from, &a);
	echo_tz_at(tz, to, &b);
	echo_format_clock(out, from + a.offset, clock12);
	if (strcmp(a.abbr, b.abbr) != 0)
		echo_buf_printf(out, " %s", a.abbr);
	echo_buf_puts(out, "–");
	echo_format_clock(out, to + b.offset, clock12);
	echo_buf_printf(out, " %s", b.abbr);
	long day = echo_days_from_seconds(from + a.offset);
	if (day != ref)
		echo_buf_printf(out, " (%s)", echo_weekday_name(echo_weekday(day)));
}

/* "America/New_York" -> "New York". */
static void zone_label(echo_buf *out, const char *name)
{
	const char *slash = strrchr(name, '/');
	for (const char *p = slash ? slash + 1 : name; *p; p++)
		echo_buf_putc(out, *p == '_' ? ' ' : *p);
}

/* Markdown ---------------------------------------------------------------------- */

/* Always sets the key, to "" when text is NULL: a list item must not let a
 * template find the same key further out. */
static void set_cell(echo_view_builder *b, echo_node *map, const char *key, const char *text)
{
	if (!text)
		text = "";
	echo_buf buf = ECHO_BUF_INIT;
	echo_markdown_cell(&buf, text, strlen(text));
	echo_view_set_buf(b, map, key, &buf);
	echo_buf_free(&buf);
}

/* Appends one text with following lines indented, trailing breaks dropped. */
static void append_item(echo_buf *out, const char *text, const char *indent)
{
	size_t len = strlen(text);
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	for (size_t i = 0; i < len; i++) {
		echo_buf_putc(out, text[i]);
		if (text[i] == '\n' && i + 1 < len && text[i + 1] != '\n')
			echo_buf_puts(out, indent);
	}
}

/* A Markdown text field: one text as it is, a list as a bullet list. */
static void text_md(echo_buf *out, const echo_node *v)
{
	if (!v || v->type == ECHO_NODE_NULL)
		return;
	if (echo_node_is_scalar(v)) {
		append_item(out, v->text, "");
		return;
	}
	if (v->type != ECHO_NODE_SEQ)
		return;
	for (size_t i = 0; i < v->count; i++) {
		if (!echo_node_is_scalar(v->items[i]) || v->items[i]->type == ECHO_NODE_NULL)
			continue;
		if (out->len)
			echo_buf_putc(out, '\n');
		echo_buf_puts(out, "- ");
		append_item(out, v->items[i]->text, "  ");
	}
}

/* An outline: points, and lists of sub-points under the point before. */
static void outline_md(echo_buf *out, const echo_node *v)
{
	if (!v || v->type != ECHO_NODE_SEQ)
		return;
	int have_point = 0;
	for (size_t i = 0; i < v->count; i++) {
		const echo_node *item = v->items[i];
		if (echo_node_is_scalar(item) && item->type != ECHO_NODE_NULL) {
			if (out->len)
				echo_buf_putc(out, '\n');
			echo_buf_puts(out, "- ");
			append_item(out, item->text, "  ");
			have_point = 1;
		} else if (item->type == ECHO_NODE_SEQ) {
			const char *indent = have_point ? "  " : "";
			for (size_t j = 0; j < item->count; j++) {
				const echo_node *sub = item->items[j];
				if (!echo_node_is_scalar(sub) || sub->type == ECHO_NODE_NULL)
					continue;
				if (out->len)
					echo_buf_putc(out, '\n');
				echo_buf_printf(out, "%s- ", indent);
				append_item(out, sub->text, have_point ? "    " : "  ");
			}
		}
	}
}

/* Sets key_md and has_key for a text or outline field of src. */
static void set_md(echo_view_builder *b, echo_node *map, const char *key, const echo_node *src,
                   int outline)
{
	const echo_node *v = echo_node_get(src, key);
	echo_buf md = ECHO_BUF_INIT;
	if (outline)
		outline_md(&md, v);
	else
		text_md(&md, v);
	char name[64];
	int has = md.len > 0;
	snprintf(name, sizeof name, "%s_md", key);
	echo_view_set_buf(b, map, name, &md);
	snprintf(name, sizeof name, "has_%s", key);
	echo_view_set_bool(b, map, name, has);
	if (md.failed)
		b->failed = 1;
	echo_buf_free(&md);
}

/* Shared parts ------------------------------------------------------------------ */

/* The location as Markdown, its link (or join_url's) clickable:
 * location_md, and join_url_md when join_url gives a link of its own. */
static void location_md(echo_view_builder *b, echo_node *data, const echo_node *root)
{
	const char *keys[] = {"location", "join_url"};
	for (int k = 0; k < 2; k++) {
		const char *text = echo_node_get_text(root, keys[k]);
		if (!text)
			continue;
		echo_buf md = ECHO_BUF_INIT;
		size_t len = 0;
		const char *url = echo_link_find(text, &len);
		if (url) {
			echo_escape_markdown_text(&md, text, (size_t)(url - text));
			echo_buf_puts(&md, "[");
			echo_escape_markdown_text(&md, url, len);
			echo_buf_puts(&md, "](");
			echo_buf_append(&md, url, len);
			echo_buf_puts(&md, ")");
			echo_escape_markdown_text(&md, url + len, strlen(url + len));
		} else {
			echo_escape_markdown_text(&md, text, strlen(text));
		}
		char name[32];
		snprintf(name, sizeof name, "%s_md", keys[k]);
		echo_view_set_buf(b, data, name, &md);
		echo_buf_free(&md);
	}
}

static void people(echo_view_builder *b, echo_node *data, const echo_node *root)
{
	const echo_node *team = echo_node_get(root, "hub_team");
	if (team && team->type == ECHO_NODE_SEQ && team->count) {
		echo_view_set(b, data, "hub_team", team);
		echo_view_set_bool(b, data, "has_hub_team", 1);
	}
	echo_view_copy_key(b, data, "location", root, NULL);
	location_md(b, data, root);
	echo_view_copy_key(b, data, "facilitator", root, NULL);
	const echo_node *credit = echo_node_get(root, "credit");
	if (credit && credit->type == ECHO_NODE_MAP) {
		echo_node *c = echo_view_map(b);
		echo_view_copy_key(b, c, "kind", credit, NULL);
		echo_buf units = ECHO_BUF_INIT;
		echo_credit_units(echo_node_get_text(credit, "kind"), &units);
		echo_view_set_string(b, c, "units", echo_buf_cstr(&units));
		echo_buf_free(&units);
		/* As written: "1.0", not the number 1. */
		echo_view_set_string(b, c, "hours", echo_node_get_text(credit, "hours"));
		echo_view_copy_key(b, c, "attendance_percent", credit, NULL);
		set_md(b, c, "statement", credit, 0);
		const echo_node *pct = echo_node_get(credit, "attendance_percent");
		const echo_node *dur = echo_node_get(root, "duration");
		if (pct && pct->type == ECHO_NODE_INT && dur && dur->type == ECHO_NODE_INT)
			echo_view_set_int(b, c, "attendance_minutes", (dur->integer * pct->integer + 99) / 100);
		echo_view_set(b, data, "credit", c);
	}
}

void echo_credit_units(const char *kind, echo_buf *out)
{
	size_t n = kind ? strlen(kind) : 0;
	if (n >= 5 && strcmp(kind + n - 5, "hours") == 0)
		echo_buf_puts(out, kind);
	else
		echo_buf_printf(out, "%s%shours", n ? kind : "", n ? " " : "");
}

/* Zone labels for table headers, hub first: [{label, zone}]. */
static echo_node *zone_headers(echo_view_builder *b, const echo_tz *hub,
                               const echo_agenda_options *o)
{
	echo_node *list = echo_view_seq(b);
	echo_buf buf = ECHO_BUF_INIT;
	for (size_t i = 0; i <= (o ? o->zone_count : 0); i++) {
		const echo_tz *tz = i == 0 ? hub : o->zones[i - 1];
		echo_node *z = echo_view_map(b);
		zone_label(&buf, echo_tz_name(tz));
		echo_view_set_buf(b, z, "label", &buf);
		echo_view_set_string(b, z, "zone", echo_tz_name(tz));
		echo_view_set_bool(b, z, "hub", i == 0);
		echo_view_push(b, list, z);
	}
	echo_buf_free(&buf);
	return list;
}

/* One cell per zone: [{time}] for an instant, or a range when to > from. */
static echo_node *time_cells(echo_view_builder *b, const echo_tz *hub, const echo_agenda_options *o,
                             int64_t from, int64_t to, long ref)
{
	echo_node *cells = echo_view_seq(b);
	echo_buf buf = ECHO_BUF_INIT;
	int clock12 = o && o->clock12;
	for (size_t i = 0; i <= (o ? o->zone_count : 0); i++) {
		const echo_tz *tz = i == 0 ? hub : o->zones[i - 1];
		echo_node *c = echo_view_map(b);
		if (to > from) {
			format_range(&buf, tz, from, to, clock12, ref);
		} else {
			echo_format_time(&buf, tz, from, clock12, 1);
			echo_tz_info info;
			echo_tz_at(tz, from, &info);
			long day = echo_days_from_seconds(from + info.offset);
			if (day != ref)
				echo_buf_printf(&buf, " (%s)", echo_weekday_name(echo_weekday(day)));
		}
		echo_view_set_buf(b, c, "time", &buf);
		echo_view_push(b, cells, c);
	}
	echo_buf_free(&buf);
	return cells;
}

/* The other zones' ranges for a session's heading: [{label, range, last}]. */
static echo_node *other_zones(echo_view_builder *b, const echo_agenda_options *o, int64_t from,
                              int64_t to, long ref)
{
	echo_node *list = echo_view_seq(b);
	echo_buf buf = ECHO_BUF_INIT;
	for (size_t i = 0; o && i < o->zone_count; i++) {
		echo_node *z = echo_view_map(b);
		zone_label(&buf, echo_tz_name(o->zones[i]));
		echo_view_set_buf(b, z, "label", &buf);
		format_range(&buf, o->zones[i], from, to, o->clock12, ref);
		echo_view_set_buf(b, z, "range", &buf);
		echo_view_set_bool(b, z, "last", i + 1 == o->zone_count);
		echo_view_push(b, list, z);
	}
	echo_buf_free(&buf);
	return list;
}

/* Session data ------------------------------------------------------------------- */

static const char *const part_names[] = {"presentation", "clarifying questions",
                                         "recommendations"};

static const char *case_presenter(const echo_segment *seg, echo_buf *buf)
{
	const char *own = echo_node_get_text(seg->body, "presenter");
	if (own)
		return own;
	const echo_node *p = seg->case_root ? echo_node_get(seg->case_root, "presenter") : NULL;
	const char *name = echo_node_get_text(p, "name");
	if (!name)
		return NULL;
	echo_buf_clear(buf);
	echo_buf_puts(buf, name);
	const char *site = echo_node_get_text(p, "site");
	if (site)
		echo_buf_printf(buf, " (%s)", site);
	return echo_buf_cstr(buf);
}

static echo_node *agenda_row(echo_view_builder *b, const echo_session *s,
                             const echo_agenda_options *o, int minute, int minutes,
                             const char *label, const char *title, const char *who, int part)
{
	echo_node *row = echo_view_map(b);
	/* An instant: from == to (a 0 for "no end" would be 1970-01-01). */
	int64_t at = s->start_utc + 60LL * minute;
	echo_view_set(b, row, "cells", time_cells(b, s->tz, o, at, at, s->date));
	set_cell(b, row, "label", label);
	set_cell(b, row, "title", title);
	echo_view_set_bool(b, row, "has_title", title && title[0]);
	set_cell(b, row, "who", who);
	if (minutes >= 0)
		echo_view_set_int(b, row, "minutes", minutes);
	else
		echo_view_set_item(b, row, "minutes", NULL);
	echo_view_set_bool(b, row, "is_part", part);
	return row;
}

echo_node *echo_session_data(echo_session *s, const echo_agenda_options *o)
{
	echo_view_builder b = {s->stream, 0};
	const echo_node *root = s->root;
	echo_node *data = echo_view_map(&b);
	echo_buf buf = ECHO_BUF_INIT, who = ECHO_BUF_INIT;
	int clock12 = o && o->clock12;
	int64_t end_utc = s->start_utc + 60LL * s->duration;

	echo_view_set_bool(&b, data, "is_session", 1);
	echo_view_copy_key(&b, data, "program", root, NULL);
	echo_view_copy_key(&b, data, "title", root, NULL);
	echo_view_copy_key(&b, data, "number", root, NULL);
	echo_view_copy_key(&b, data, "date", root, NULL);
	echo_format_date(&buf, s->date);
	echo_view_set_buf(&b, data, "date_long", &buf);
	echo_view_set_string(&b, data, "time_zone", echo_tz_name(s->tz));
	format_range(&buf, s->tz, s->start_utc, end_utc, clock12, s->date);
	echo_view_set_buf(&b, data, "time_range", &buf);
	echo_view_set_int(&b, data, "duration", s->duration);
	echo_view_set(&b, data, "other_zones", other_zones(&b, o, s->start_utc, end_utc, s->date));
	echo_view_set_bool(&b, data, "has_other_zones", o && o->zone_count);
	echo_view_set(&b, data, "zones", zone_headers(&b, s->tz, o));
	people(&b, data, root);

	echo_node *rows = echo_view_seq(&b), *didactics = echo_view_seq(&b), *cases = echo_view_seq(&b);
	echo_node *notes = echo_view_seq(&b);
	int n_didactic = 0, n_case = 0;
	for (size_t i = 0; i < s->segment_count; i++) {
		const echo_segment *seg = &s->segments[i];
		const echo_node *body = seg->body;
		const char *title = echo_node_get_text(body, "title");
		int64_t at = s->start_utc + 60LL * seg->start;
		switch (seg->kind) {
		case ECHO_SEGMENT_DIDACTIC: {
			const char *presenter = echo_node_get_text(body, "presenter");
			echo_view_push(&b, rows, agenda_row(&b, s, o, seg->start, seg->minutes, "Didactic", title,
			                          presenter, 0));
			echo_node *d = echo_view_map(&b);
			echo_view_set_int(&b, d, "number", ++n_didactic);
			echo_view_set_item(&b, d, "title", title);
			echo_view_set_item(&b, d, "presenter", presenter);
			echo_view_set_int(&b, d, "minutes", seg->minutes);
			echo_format_date(&buf, s->date);
			echo_buf_puts(&buf, ", ");
			echo_format_time(&buf, s->tz, at, clock12, 1);
			echo_view_set_buf(&b, d, "when", &buf);
			set_md(&b, d, "objectives", body, 0);
			set_md(&b, d, "outline", body, 1);
			echo_view_push(&b, didactics, d);
			break;
		}
		case ECHO_SEGMENT_CASE: {
			char label[64];
			const char *id = seg->withdrawn ? NULL : echo_node_get_text(seg->case_root, "id");
			n_case++;
			if (id)
				snprintf(label, sizeof label, "Case %d (%.40s)", n_case, id);
			else
				snprintf(label, sizeof label, "Case %d", n_case);
			const char *presenter = seg->withdrawn ? echo_node_get_text(body, "presenter")
			                                       : case_presenter(seg, &who);
			echo_node *c = echo_view_map(&b);
			echo_view_set_int(&b, c, "number", n_case);
			echo_view_set_item(&b, c, "label", label);
			echo_view_set_item(&b, c, "id", id);
			echo_view_set_item(&b, c, "presenter", presenter);
			echo_view_set_int(&b, c, "minutes", seg->minutes);
			echo_format_time(&buf, s->tz, at, clock12, 1);
			echo_view_set_buf(&b, c, "time", &buf);
			for (int p = 0; p < ECHO_CASE_PARTS; p++) {
				char key[32];
				snprintf(key, sizeof key, "%s_minutes",
				         p == 0 ? "presentation" : p == 1 ? "questions" : "recommendations");
				echo_view_set_int(&b, c, key, seg->parts[p]);
			}
			echo_view_set_bool(&b, c, "withdrawn", seg->withdrawn);
			if (seg->withdrawn) {
				echo_view_push(&b, rows, agenda_row(&b, s, o, seg->start, seg->minutes, label,
				                          "withdrawn (did not pass its checks); the time is "
				                          "held for discussion",
				                          NULL, 0));
			} else {
				set_md(&b, c, "questions", seg->case_root, 0);
				set_md(&b, c, "summary", seg->case_root, 0);
				echo_view_copy_key(&b, c, "series", seg->case_root, NULL);
				int t = seg->start;
				for (int p = 0; p < ECHO_CASE_PARTS; p++) {
					if (seg->parts[p] == 0)
						continue;
					const char *part_who = p == 0                         ? presenter
					                       : p == ECHO_CASE_RECOMMENDATIONS ? "Hub team"
					                                                         : NULL;
					echo_view_push(&b, rows,
					     p == 0 ? agenda_row(&b, s, o, t, seg->parts[p], label, part_names[p],
					                         part_who, 0)
					            : agenda_row(&b, s, o, t, seg->parts[p], label,
					                         p == 1 ? "Clarifying questions" : "Recommendations",
					                         part_who, 1));
					t += seg->parts[p];
				}
			}
			echo_view_push(&b, cases, c);
			break;
		}
		default: {
			const char *label = title ? title : echo_segment_label(seg->kind);
			echo_view_push(&b, rows, agenda_row(&b, s, o, seg->start, seg->minutes, label, NULL,
			                          echo_node_get_text(body, "lead"), 0));
			const echo_node *nv = echo_node_get(body, "notes");
			if (nv && nv->type != ECHO_NODE_NULL) {
				echo_node *n = echo_view_map(&b);
				echo_view_set_string(&b, n, "title", label);
				set_md(&b, n, "notes", body, 0);
				echo_view_push(&b, notes, n);
			}
			break;
		}
		}
	}
	echo_view_push(&b, rows, agenda_row(&b, s, o, s->planned, -1, "End", NULL, NULL, 0));
	echo_view_set(&b, data, "rows", rows);
	echo_view_set(&b, data, "didactics", didactics);
	echo_view_set(&b, data, "topics", didactics);
	echo_view_set_bool(&b, data, "has_didactics", n_didactic > 0);
	echo_view_set_bool(&b, data, "has_topics", n_didactic > 0);
	echo_view_set(&b, data, "cases", cases);
	echo_view_set_bool(&b, data, "has_cases", n_case > 0);
	echo_view_set(&b, data, "notes", notes);
	echo_view_set_bool(&b, data, "has_notes", notes && notes->count > 0);
	if (s->planned < s->duration)
		echo_view_set_int(&b, data, "unplanned_minutes", s->duration - s->planned);
	echo_buf_free(&buf);
	echo_buf_free(&who);
	return b.failed ? NULL : data;
}

/* Series data --------------------------------------------------------------------- */

static void describe_schedule(echo_buf *out, const echo_recurrence *r)
{
	const char *wd = echo_weekday_name(r->weekday);
	if (!r->monthly) {
		if (r->interval > 1)
			echo_buf_printf(out, "Every %d weeks on %s", r->interval, wd);
		else
			echo_buf_printf(out, "Every %s", wd);
		return;
	}
	static const char *const ord[] = {"1st", "2nd", "3rd", "4th", "5th", "last"};
	int n = 0, total = 0;
	for (int i = 0; i < 6; i++)
		if (r->nth & (i == 5 ? ECHO_NTH_LAST : 1u << i))
			total++;
	echo_buf_puts(out, "The ");
	for (int i = 0; i < 6; i++) {
		if (!(r->nth & (i == 5 ? ECHO_NTH_LAST : 1u << i)))
			continue;
		n++;
		echo_buf_printf(out, "%s%s", n == 1 ? "" : n == total ? " and " : ", ", ord[i]);
	}
	echo_buf_printf(out, " %s of each month", wd);
}

echo_node *echo_series_data(echo_series *s, const echo_agenda_options *o)
{
	echo_view_builder b = {s->stream, 0};
	const echo_node *root = s->root;
	echo_node *data = echo_view_map(&b);
	echo_buf buf = ECHO_BUF_INIT;
	int clock12 = o && o->clock12;

	echo_view_set_bool(&b, data, "is_series", 1);
	echo_view_copy_key(&b, data, "program", root, NULL);
	echo_view_copy_key(&b, data, "title", root, NULL);
	set_md(&b, data, "description", root, 0);
	echo_view_set_string(&b, data, "time_zone", echo_tz_name(s->tz));
	echo_view_set_int(&b, data, "duration", s->duration);
	echo_view_set_int(&b, data, "session_count", (long long)s->date_count);
	describe_schedule(&buf, &s->rule);
	echo_view_set_buf(&b, data, "schedule", &buf);
	if (s->date_count) {
		/* The wall-clock time: the zone's abbreviation may change over the
		 * series, and the table gives it for each date. */
		const echo_series_date *first = &s->dates[0];
		int64_t from = (int64_t)first->date * 86400 + 60LL * s->start;
		echo_format_clock(&buf, from, clock12);
		echo_buf_puts(&buf, "–");
		echo_format_clock(&buf, from + 60LL * s->duration, clock12);
		echo_view_set_buf(&b, data, "time_range", &buf);
		echo_format_date(&buf, first->date);
		echo_view_set_buf(&b, data, "first_date_long", &buf);
		echo_format_date(&buf, s->dates[s->date_count - 1].date);
		echo_view_set_buf(&b, data, "last_date_long", &buf);
	}
	echo_view_set_bool(&b, data, "has_other_zones", o && o->zone_count);
	echo_view_set(&b, data, "zones", zone_headers(&b, s->tz, o));
	people(&b, data, root);

	/* Rows: sessions, skipped and cancelled dates and training days, in
	 * date order (a training day before a session on the same day). */
	echo_node *rows = echo_view_seq(&b), *topics = echo_view_seq(&b), *skipped = echo_view_seq(&b);
	size_t ih = 0, is = 0, ic = 0, it = 0;
	for (;;) {
		long dh = ih < s->date_count ? s->dates[ih].date : LONG_MAX;
		long ds = is < s->skipped_count ? s->skipped[is].date : LONG_MAX;
		long dc = ic < s->cancelled_count ? s->cancelled[ic].date : LONG_MAX;
		long dt = it < s->training_count ? s->training[it].date : LONG_MAX;
		long day = dh < ds ? dh : ds;
		day = dc < day ? dc : day;
		day = dt < day ? dt : day;
		if (day == LONG_MAX)
			break;
		echo_node *row = echo_view_map(&b);
		format_short_date(&buf, day);
		echo_view_set_buf(&b, row, "date_short", &buf);
		echo_format_date(&buf, day);
		echo_view_set_buf(&b, row, "date_long", &buf);
		int kind = dt == day ? 't' : ds == day ? 's' : dc == day ? 'c' : 'h';
		echo_view_set_bool(&b, row, "skipped", kind == 's');
		echo_view_set_bool(&b, row, "cancelled", kind == 'c');
		echo_view_set_bool(&b, row, "training", kind == 't');
		echo_view_set_bool(&b, row, "is_session", kind == 'h');
		if (kind == 't') {
			const echo_training_day *t = &s->training[it++];
			echo_view_set(&b, row, "cells", time_cells(&b, s->tz, o, t->start_utc,
			                                 t->start_utc + 60LL * t->duration, t->date));
			set_cell(&b, row, "title", t->title);
			set_cell(&b, row, "location", t->location);
			echo_view_push(&b, rows, row);
			continue;
		}
		if (kind == 's' || kind == 'c') {
			const char *reason = kind == 's' ? s->skipped[is].reason : s->cancelled[ic].reason;
			set_cell(&b, row, "reason", reason);
			echo_view_set_bool(&b, row, "has_reason", reason != NULL);
		}
		if (kind == 's') {
			const echo_skipped_date *sk = &s->skipped[is++];
			echo_node *cells = echo_view_seq(&b);
			for (size_t z = 0; z <= (o ? o->zone_count : 0); z++) {
				echo_node *c = echo_view_map(&b);
				echo_view_set_string(&b, c, "time", "");
				echo_view_push(&b, cells, c);
			}
			echo_view_set(&b, row, "cells", cells);
			echo_view_push(&b, rows, row);
			echo_node *sk_node = echo_view_map(&b);
			echo_format_date(&buf, sk->date);
			echo_view_set_buf(&b, sk_node, "date_long", &buf);
			echo_view_set_item(&b, sk_node, "reason", sk->reason);
			echo_view_push(&b, skipped, sk_node);
			continue;
		}
		if (kind == 'c') {
			const echo_cancelled_date *c = &s->cancelled[ic++];
			echo_view_set_int(&b, row, "number", c->number);
			echo_view_set(&b, row, "cells", time_cells(&b, s->tz, o, c->start_utc,
			                                 c->start_utc + 60LL * s->duration, c->date));
			set_cell(&b, row, "topic", c->topic ? echo_node_get_text(c->topic, "title") : NULL);
			if (c->fate == ECHO_TOPIC_DROPPED)
				echo_buf_puts(&buf, "its topic is dropped");
			else if (c->fate == ECHO_TOPIC_SHIFT)
				echo_buf_puts(&buf, "the topics from here on move one session later");
			else if (c->fate == ECHO_TOPIC_MOVED) {
				echo_buf_puts(&buf, "its topic moves to ");
				format_short_date(&buf, c->moved_to);
			}
			echo_view_set_buf(&b, row, "fate", &buf);
			echo_view_push(&b, rows, row);
			continue;
		}
		const echo_series_date *d = &s->dates[ih++];
		echo_view_set_int(&b, row, "number", d->number);
		echo_view_set(&b, row, "cells",
		    time_cells(&b, s->tz, o, d->start_utc, d->start_utc + 60LL * s->duration, d->date));
		echo_view_set_bool(&b, row, "extra", d->extra);
		echo_buf notes = ECHO_BUF_INIT;
		date_notes(&notes, root, d);
		set_cell(&b, row, "note", notes.len ? echo_buf_cstr(&notes) : NULL);
		echo_view_set_bool(&b, row, "has_note", notes.len > 0);
		echo_buf_free(&notes);
		const char *presenter = date_presenter(d);
		set_cell(&b, row, "topic", d->topic ? echo_node_get_text(d->topic, "title") : NULL);
		set_cell(&b, row, "presenter", presenter);
		if (d->topic) {
			echo_node *t = echo_view_map(&b);
			echo_view_set_int(&b, t, "number", d->number);
			echo_view_set_item(&b, t, "title", echo_node_get_text(d->topic, "title"));
			echo_view_set_item(&b, t, "presenter", presenter);
			echo_format_date(&buf, d->date);
			echo_buf_puts(&buf, ", ");
			echo_format_time(&buf, s->tz, d->start_utc, clock12, 1);
			echo_view_set_buf(&b, t, "when", &buf);
			set_md(&b, t, "objectives", d->topic, 0);
			set_md(&b, t, "outline", d->topic, 1);
			echo_view_push(&b, topics, t);
		}
		echo_view_push(&b, rows, row);
	}
	echo_view_set(&b, data, "rows", rows);
	echo_view_set(&b, data, "topics", topics);
	echo_view_set_bool(&b, data, "has_topics", topics && topics->count > 0);
	echo_view_set(&b, data, "skipped", skipped);
	echo_view_set_bool(&b, data, "has_skipped", s->skipped_count > 0);
	echo_view_set_int(&b, data, "cancelled_count", (long long)s->cancelled_count);
	echo_view_set_bool(&b, data, "has_cancelled", s->cancelled_count > 0);
	echo_view_set_int(&b, data, "training_count", (long long)s->training_count);
	echo_buf_free(&buf);
	return b.failed ? NULL : data;
}

/* JSON ---------------------------------------------------------------------------- */

static echo_node *iso_node(echo_view_builder *b, const echo_tz *tz, int64_t utc)
{
	echo_buf buf = ECHO_BUF_INIT;
	echo_format_iso(&buf, tz, utc);
	if (buf.failed)
		b->failed = 1;
	echo_node *n = echo_view_string_len(b, echo_buf_cstr(&buf), buf.len);
	echo_buf_free(&buf);
	return n;
}

/* start and end in the hub's zone, and under "local" in the others. */
static void set_times(echo_view_builder *b, echo_node *map, const echo_tz *hub,
                      const echo_agenda_options *o, int64_t from, int64_t to)
{
	echo_view_set(b, map, "start", iso_node(b, hub, from));
	echo_view_set(b, map, "end", iso_node(b, hub, to));
	if (!o || !o->zone_count)
		return;
	echo_node *local = echo_view_seq(b);
	for (size_t i = 0; i < o->zone_count; i++) {
		echo_node *z = echo_view_map(b);
		echo_view_set_string(b, z, "zone", echo_tz_name(o->zones[i]));
		echo_view_set(b, z, "start", iso_node(b, o->zones[i], from));
		echo_view_set(b, z, "end", iso_node(b, o->zones[i], to));
		echo_view_push(b, local, z);
	}
	echo_view_set(b, map, "local", local);
}

static void json_people(echo_view_builder *b, echo_node *out, const echo_node *root)
{
	echo_view_copy_key(b, out, "location", root, NULL);
	echo_view_copy_key(b, out, "facilitator", root, NULL);
	echo_view_copy_key(b, out, "hub_team", root, NULL);
	echo_view_copy_key(b, out, "credit", root, NULL);
}

void echo_session_json(echo_session *s, const echo_agenda_options *o, echo_buf *out)
{
	echo_view_builder b = {s->stream, 0};
	const echo_node *root = s->root;
	echo_node *j = echo_view_map(&b);
	echo_view_set_string(&b, j, "format", "echo-agenda/1");
	echo_view_set_string(&b, j, "kind", "session");
	echo_view_copy_key(&b, j, "program", root, NULL);
	echo_view_copy_key(&b, j, "title", root, NULL);
	echo_view_copy_key(&b, j, "number", root, NULL);
	echo_view_copy_key(&b, j, "date", root, NULL);
	echo_view_set_string(&b, j, "time_zone", echo_tz_name(s->tz));
	set_times(&b, j, s->tz, o, s->start_utc, s->start_utc + 60LL * s->duration);
	echo_view_set_int(&b, j, "duration_minutes", s->duration);
	echo_view_set_int(&b, j, "planned_minutes", s->planned);
	json_people(&b, j, root);
	echo_node *segs = echo_view_seq(&b);
	for (size_t i = 0; i < s->segment_count; i++) {
		const echo_segment *seg = &s->segments[i];
		echo_node *m = echo_view_map(&b);
		int64_t from = s->start_utc + 60LL * seg->start;
		echo_view_set_string(&b, m, "kind", echo_segment_key(seg->kind));
		echo_view_set_int(&b, m, "minutes", seg->minutes);
		set_times(&b, m, s->tz, o, from, from + 60LL * seg->minutes);
		if (seg->kind == ECHO_SEGMENT_DIDACTIC) {
			echo_view_copy_key(&b, m, "title", seg->body, NULL);
			echo_view_copy_key(&b, m, "presenter", seg->body, NULL);
			echo_view_copy_key(&b, m, "objectives", seg->body, NULL);
			echo_view_copy_key(&b, m, "outline", seg->body, NULL);
		} else if (seg->kind == ECHO_SEGMENT_CASE) {
			echo_view_copy_key(&b, m, "file", seg->body, NULL);
			echo_view_set_string(&b, m, "status", seg->withdrawn ? "withdrawn" : "ready");
			if (!seg->withdrawn) {
				echo_buf who = ECHO_BUF_INIT;
				echo_view_copy_key(&b, m, "id", seg->case_root, NULL);
				echo_view_set_string(&b, m, "presenter", case_presenter(seg, &who));
				echo_view_copy_key(&b, m, "questions", seg->case_root, NULL);
				echo_buf_free(&who);
			}
			echo_node *parts = echo_view_seq(&b);
			static const char *const keys[] = {"presentation", "questions", "recommendations"};
			int t = seg->start;
			for (int p = 0; p < ECHO_CASE_PARTS; p++) {
				echo_node *pm = echo_view_map(&b);
				int64_t pf = s->start_utc + 60LL * t;
				echo_view_set_string(&b, pm, "part", keys[p]);
				echo_view_set_int(&b, pm, "minutes", seg->parts[p]);
				set_times(&b, pm, s->tz, o, pf, pf + 60LL * seg->parts[p]);
				echo_view_push(&b, parts, pm);
				t += seg->parts[p];
			}
			echo_view_set(&b, m, "parts", parts);
		} else {
			const char *title = echo_node_get_text(seg->body, "title");
			echo_view_set_string(&b, m, "title", title ? title : echo_segment_label(seg->kind));
			echo_view_copy_key(&b, m, "lead", seg->body, NULL);
			echo_view_copy_key(&b, m, "notes", seg->body, NULL);
		}
		echo_view_push(&b, segs, m);
	}
	echo_view_set(&b, j, "segments", segs);
	if (b.failed) {
		out->failed = 1;
		return;
	}
	echo_json_node(out, j, 0);
	echo_buf_putc(out, '\n');
}

void echo_series_json(echo_series *s, const echo_agenda_options *o, echo_buf *out)
{
	echo_view_builder b = {s->stream, 0};
	const echo_node *root = s->root;
	echo_node *j = echo_view_map(&b);
	echo_buf buf = ECHO_BUF_INIT;
	echo_view_set_string(&b, j, "format", "echo-agenda/1");
	echo_view_set_string(&b, j, "kind", "series");
	echo_view_copy_key(&b, j, "program", root, NULL);
	echo_view_copy_key(&b, j, "title", root, NULL);
	echo_view_set_string(&b, j, "time_zone", echo_tz_name(s->tz));
	echo_view_set_int(&b, j, "duration_minutes", s->duration);
	echo_view_copy_key(&b, j, "recurrence", root, NULL);
	json_people(&b, j, root);
	echo_view_copy_key(&b, j, "certification", root, NULL);
	echo_node *dates = echo_view_seq(&b);
	for (size_t i = 0; i < s->date_count; i++) {
		const echo_series_date *d = &s->dates[i];
		echo_node *m = echo_view_map(&b);
		char day[16];
		echo_date_format(d->date, day, sizeof day);
		echo_buf_puts(&buf, day);
		echo_view_set_int(&b, m, "number", d->number);
		echo_view_set_buf(&b, m, "date", &buf);
		set_times(&b, m, s->tz, o, d->start_utc, d->start_utc + 60LL * s->duration);
		echo_view_set_bool(&b, m, "extra", d->extra);
		if (d->topic)
			echo_view_set(&b, m, "topic", d->topic);
		if (d->moved_from) {
			echo_date_format(d->moved_from, day, sizeof day);
			echo_view_set_string(&b, m, "moved_from", day);
		}
		if (d->entry) {
			echo_view_copy_key(&b, m, "note", d->entry, NULL);
			echo_view_copy_key(&b, m, "presenter", d->entry, NULL);
		}
		echo_view_push(&b, dates, m);
	}
	echo_view_set(&b, j, "sessions", dates);
	if (s->cancelled_count) {
		static const char *const fates[] = {NULL, "dropped", "moved", "shift"};
		echo_node *cancelled = echo_view_seq(&b);
		for (size_t i = 0; i < s->cancelled_count; i++) {
			const echo_cancelled_date *c = &s->cancelled[i];
			echo_node *m = echo_view_map(&b);
			char day[16];
			echo_date_format(c->date, day, sizeof day);
			echo_view_set_int(&b, m, "number", c->number);
			echo_view_set_string(&b, m, "date", day);
			echo_view_set_string(&b, m, "reason", c->reason);
			if (c->topic)
				echo_view_set(&b, m, "topic", c->topic);
			echo_view_set_string(&b, m, "topic_fate", fates[c->fate]);
			if (c->fate == ECHO_TOPIC_MOVED) {
				echo_date_format(c->moved_to, day, sizeof day);
				echo_view_set_string(&b, m, "moved_to", day);
			}
			echo_view_push(&b, cancelled, m);
		}
		echo_view_set(&b, j, "cancelled", cancelled);
	}
	if (s->training_count) {
		echo_node *training = echo_view_seq(&b);
		for (size_t i = 0; i < s->training_count; i++) {
			const echo_training_day *t = &s->training[i];
			echo_node *m = echo_view_map(&b);
			char day[16];
			echo_date_format(t->date, day, sizeof day);
			echo_view_set_string(&b, m, "date", day);
			echo_view_set_string(&b, m, "title", t->title);
			set_times(&b, m, s->tz, o, t->start_utc, t->start_utc + 60LL * t->duration);
			echo_view_set_int(&b, m, "duration_minutes", t->duration);
			echo_view_set_string(&b, m, "location", t->location);
			echo_view_set_bool(&b, m, "counts_for_certification", s->training_counts);
			echo_view_push(&b, training, m);
		}
		echo_view_set(&b, j, "training_days", training);
	}
	echo_node *skipped = echo_view_seq(&b);
	for (size_t i = 0; i < s->skipped_count; i++) {
		echo_node *m = echo_view_map(&b);
		char day[16];
		echo_date_format(s->skipped[i].date, day, sizeof day);
		echo_buf_puts(&buf, day);
		echo_view_set_buf(&b, m, "date", &buf);
		echo_view_set_string(&b, m, "reason", s->skipped[i].reason);
		echo_view_push(&b, skipped, m);
	}
	echo_view_set(&b, j, "skipped", skipped);
	echo_buf_free(&buf);
	if (b.failed) {
		out->failed = 1;
		return;
	}
	echo_json_node(out, j, 0);
	echo_buf_putc(out, '\n');
}

/* Plain text ------------------------------------------------------------------------ */

/* A text field as plain lines: "- item" for a list. */
static void plain_list(echo_buf *out, const char *heading, const echo_node *v)
{
	if (!v || v->type == ECHO_NODE_NULL)
		return;
	echo_buf_printf(out, "\n%s:\n", heading);
	if (echo_node_is_scalar(v)) {
		append_item(out, v->text, "");
		echo_buf_putc(out, '\n');
		return;
	}
	for (size_t i = 0; v->type == ECHO_NODE_SEQ && i < v->count; i++) {
		const echo_node *item = v->items[i];
		if (echo_node_is_scalar(item) && item->type != ECHO_NODE_NULL) {
			echo_buf_puts(out, "- ");
			append_item(out, item->text, "  ");
			echo_buf_putc(out, '\n');
		} else if (item->type == ECHO_NODE_SEQ) {
			for (size_t k = 0; k < item->count; k++)
				if (echo_node_is_scalar(item->items[k]) && item->items[k]->type != ECHO_NODE_NULL) {
					echo_buf_puts(out, "  - ");
					append_item(out, item->items[k]->text, "    ");
					echo_buf_putc(out, '\n');
				}
		}
	}
}

static void plain_people(echo_buf *out, const echo_node *root)
{
	const char *fac = echo_node_get_text(root, "facilitator");
	const char *loc = echo_node_get_text(root, "location");
	if (fac || loc)
		echo_buf_putc(out, '\n');
	if (fac)
		echo_buf_printf(out, "Facilitator: %s\n", fac);
	if (loc)
		echo_buf_printf(out, "Location: %s\n", loc);
}

void echo_session_text(const echo_session *s, echo_buf *out)
{
	const echo_node *root = s->root;
	echo_buf who = ECHO_BUF_INIT;
	echo_buf_printf(out, "%s: %s\n", echo_node_get_text(root, "program"),
	                echo_node_get_text(root, "title"));
	echo_format_date(out, s->date);
	echo_buf_puts(out, ", ");
	format_range(out, s->tz, s->start_utc, s->start_utc + 60LL * s->duration, 0, s->date);
	echo_buf_puts(out, "\n\n");
	int n_case = 0;
	for (size_t i = 0; i < s->segment_count; i++) {
		const echo_segment *seg = &s->segments[i];
		int64_t at = s->start_utc + 60LL * seg->start;
		const char *title = echo_node_get_text(seg->body, "title");
		echo_format_time(out, s->tz, at, 0, 0);
		echo_buf_puts(out, "  ");
		if (seg->kind == ECHO_SEGMENT_DIDACTIC) {
			const char *p = echo_node_get_text(seg->body, "presenter");
			echo_buf_printf(out, "Didactic: %s (%d min)%s%s\n", title ? title : "", seg->minutes,
			                p ? ", " : "", p ? p : "");
		} else if (seg->kind == ECHO_SEGMENT_CASE) {
			n_case++;
			if (seg->withdrawn) {
				echo_buf_printf(out, "Case %d: withdrawn; the time is held for discussion "
				                     "(%d min)\n", n_case, seg->minutes);
				continue;
			}
			const char *id = echo_node_get_text(seg->case_root, "id");
			const char *p = case_presenter(seg, &who);
			echo_buf_printf(out, "Case %d (%s): presentation (%d min)%s%s\n", n_case,
			                id ? id : "", seg->parts[0], p ? ", " : "", p ? p : "");
			int t = seg->start + seg->parts[0];
			for (int k = 1; k < ECHO_CASE_PARTS; k++) {
				if (!seg->parts[k])
					continue;
				echo_format_time(out, s->tz, s->start_utc + 60LL * t, 0, 0);
				echo_buf_printf(out, "    %s (%d min)\n",
				                k == 1 ? "Clarifying questions" : "Recommendations", seg->parts[k]);
				t += seg->parts[k];
			}
		} else {
			const char *lead = echo_node_get_text(seg->body, "lead");
			echo_buf_printf(out, "%s (%d min)%s%s\n",
			                title ? title : echo_segment_label(seg->kind), seg->minutes,
			                lead ? ", " : "", lead ? lead : "");
		}
	}
	echo_format_time(out, s->tz, s->start_utc + 60LL * s->planned, 0, 0);
	echo_buf_puts(out, "  End\n");
	for (size_t i = 0; i < s->segment_count; i++)
		if (s->segments[i].kind == ECHO_SEGMENT_DIDACTIC)
			plain_list(out, "Learning objectives", echo_node_get(s->segments[i].body, "objectives"));
	plain_people(out, root);
	echo_buf_free(&who);
}

void echo_series_text(const echo_series *s, const echo_series_date *d, echo_buf *out)
{
	const echo_node *root = s->root;
	if (!d) {
		const char *title = echo_node_get_text(root, "title");
		echo_buf_printf(out, "%s%s%s\n", echo_node_get_text(root, "program"), title ? ": " : "",
		                title ? title : "");
		describe_schedule(out, &s->rule);
		int64_t from = 60LL * s->start;
		echo_buf_puts(out, ", ");
		echo_format_clock(out, from, 0);
		echo_buf_puts(out, "–");
		echo_format_clock(out, from + 60LL * s->duration, 0);
		echo_buf_printf(out, " %s time\n", echo_tz_name(s->tz));
		if (s->date_count) {
			echo_buf_printf(out, "%zu sessions, from ", s->date_count);
			echo_format_date(out, s->dates[0].date);
			echo_buf_puts(out, " to ");
			echo_format_date(out, s->dates[s->date_count - 1].date);
			echo_buf_putc(out, '\n');
		}
		for (size_t i = 0; i < s->skipped_count; i++) {
			echo_buf_puts(out, i ? ", " : "No session on ");
			echo_format_date(out, s->skipped[i].date);
			if (s->skipped[i].reason)
				echo_buf_printf(out, " (%s)", s->skipped[i].reason);
		}
		if (s->skipped_count)
			echo_buf_puts(out, "\n");
		plain_people(out, root);
		return;
	}
	echo_buf_printf(out, "%s, session %d of %zu\n", echo_node_get_text(root, "program"),
	                d->number, s->date_count + s->cancelled_count);
	echo_format_date(out, d->date);
	echo_buf_puts(out, ", ");
	format_range(out, s->tz, d->start_utc, d->start_utc + 60LL * s->duration, 0, d->date);
	echo_buf_putc(out, '\n');
	const char *p = date_presenter(d);
	if (d->topic) {
		const char *title = echo_node_get_text(d->topic, "title");
		echo_buf_printf(out, "\nDidactic: %s\n", title ? title : "");
	}
	if (p)
		echo_buf_printf(out, "%sPresenter: %s\n", d->topic ? "" : "\n", p);
	echo_buf notes = ECHO_BUF_INIT;
	date_notes(&notes, root, d);
	if (notes.len)
		echo_buf_printf(out, "Note: %s\n", echo_buf_cstr(&notes));
	echo_buf_free(&notes);
	if (d->topic)
		plain_list(out, "Learning objectives", echo_node_get(d->topic, "objectives"));
	plain_people(out, root);
}
