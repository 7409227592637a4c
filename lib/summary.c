/* The summary of a series' cases: cases per session, how often each
 * substance, theme and kind of recommendation came up (the exposure ECHO
 * programs report against their learning objectives), and the cases due
 * back for follow-up. */
#include <stdlib.h>
#include <string.h>

#include "echo/case.h"
#include "echo/escape.h"
#include "echo/json.h"
#include "echo/minutes.h"
#include "echo/schema.h"
#include "minutes_build.h"

/* A tally of names (substances, themes): case and session counts, keyed
 * by the name in lower case; shown as first written. */
struct tally_item {
	char *key;
	const char *name;
	size_t cases, sessions;
	size_t last_session;      /* 1-based index of the last session counted */
	unsigned char *seen;      /* slots flags: the cases (by number) counted */
};

struct tally {
	struct tally_item *items;
	size_t count, cap;
	size_t slots;             /* case numbers run 1..slots */
	int failed;
};

static char *lower_trimmed(const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	char *k = malloc(n + 1);
	if (!k)
		return NULL;
	for (size_t i = 0; i < n; i++)
		k[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	k[n] = '\0';
	return k;
}

/* Counts name once for case number case_no (1-based, across the series)
 * in session session_no. */
static void tally_add(struct tally *t, const char *name, size_t session_no, size_t case_no)
{
	char *key = name ? lower_trimmed(name) : NULL;
	if (!key || !*key) {
		if (!key && name)
			t->failed = 1;
		free(key);
		return;
	}
	struct tally_item *it = NULL;
	for (size_t i = 0; i < t->count && !it; i++)
		if (strcmp(t->items[i].key, key) == 0)
			it = &t->items[i];
	if (!it) {
		if (t->count == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 16;
			struct tally_item *n = realloc(t->items, cap * sizeof *n);
			if (!n) {
				free(key);
				t->failed = 1;
				return;
			}
			t->items = n;
			t->cap = cap;
		}
		unsigned char *seen = calloc(t->slots + 1, 1);
		if (!seen) {
			free(key);
			t->failed = 1;
			return;
		}
		it = &t->items[t->count++];
		memset(it, 0, sizeof *it);
		it->key = key;
		it->name = name;
		it->seen = seen;
	} else {
		free(key);
	}
	/* A case and its follow-ups are one case, wherever they come. */
	if (case_no <= t->slots && !it->seen[case_no]) {
		it->cases++;
		it->seen[case_no] = 1;
	}
	if (it->last_session != session_no) {
		it->sessions++;
		it->last_session = session_no;
	}
}

static int tally_cmp(const void *a, const void *b)
{
	const struct tally_item *x = a, *y = b;
	if (x->cases != y->cases)
		return x->cases > y->cases ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void tally_free(struct tally *t)
{
	for (size_t i = 0; i < t->count; i++) {
		free(t->items[i].key);
		free(t->items[i].seen);
	}
	free(t->items);
}

/* For a template the names are table cells. */
static echo_node *tally_list(echo_view_builder *b, struct tally *t, int json)
{
	echo_buf buf = ECHO_BUF_INIT;
	if (t->failed)
		b->failed = 1;
	if (t->count)
		qsort(t->items, t->count, sizeof *t->items, tally_cmp);
	echo_node *list = echo_view_seq(b);
	for (size_t i = 0; i < t->count; i++) {
		echo_node *m = echo_view_map(b);
		if (json)
			echo_view_set_string(b, m, "name", t->items[i].name);
		else
			echo_markdown_cell(&buf, t->items[i].name, strlen(t->items[i].name));
		if (!json)
			echo_view_set_buf(b, m, "name", &buf);
		echo_view_set_int(b, m, "cases", (long long)t->items[i].cases);
		echo_view_set_int(b, m, "sessions", (long long)t->items[i].sessions);
		echo_view_push(b, list, m);
	}
	echo_buf_free(&buf);
	return list;
}

/* A follow-up: a case with a follow_up plan or date, as presented. */
struct follow {
	const echo_node *root;
	long presented, due;
};

static int follow_cmp(const void *a, const void *b)
{
	const struct follow *x = a, *y = b;
	if (x->due != y->due)
		return x->due == MB_NO_DAY ? 1 : y->due == MB_NO_DAY ? -1 : x->due < y->due ? -1 : 1;
	if (x->presented != y->presented)
		return x->presented < y->presented ? -1 : 1;
	const char *ix = echo_node_get_text(x->root, "id"), *iy = echo_node_get_text(y->root, "id");
	return strcmp(ix ? ix : "", iy ? iy : "");
}

/* A text as written for JSON, as a table cell for a template. */
static void set_cell(echo_view_builder *b, echo_buf *buf, echo_node *map, const char *key,
                     const char *text, int json)
{
	if (json) {
		echo_view_set_string(b, map, key, text ? text : "");
		return;
	}
	echo_markdown_cell(buf, text ? text : "", text ? strlen(text) : 0);
	echo_view_set_buf(b, map, key, buf);
}

/* One presentation of a case at a session, and the first presentation
 * of the case it counts as (its group). */
struct presentation {
	const echo_node *root;
	const echo_segment *segment;
	const echo_session *session;
	size_t group;
	echo_node *view;          /* its entry in the session's cases */
};

/* Whether a presentation is of the case key: the case itself (its id, or
 * a follow-up naming it), or another follow-up of it. */
static int same_case(const echo_node *root, const char *key)
{
	const char *as = echo_case_counted_as(root);
	return as && strcmp(as, key) == 0;
}

/* For the template: one row per case, its follow-up presentations under
 * it (the sessions' entries, shared). */
static echo_node *case_list(echo_view_builder *b, const struct presentation *pres, size_t n)
{
	echo_node *list = echo_view_seq(b);
	for (size_t p = 0; p < n && !b->failed; p++) {
		if (pres[p].group != p || !pres[p].view)
			continue;
		echo_node *m = echo_view_map(b), *follow_ups = echo_view_seq(b);
		echo_buf date = ECHO_BUF_INIT;
		mb_date(&date, pres[p].session->date);
		echo_view_set_buf(b, m, "date", &date);
		echo_view_set(b, m, "case", pres[p].view);
		for (size_t q = p + 1; q < n; q++)
			if (pres[q].group == p && pres[q].view) {
				echo_node *f = echo_view_map(b);
				mb_date(&date, pres[q].session->date);
				echo_view_set_buf(b, f, "date", &date);
				echo_view_set(b, f, "case", pres[q].view);
				echo_view_push(b, follow_ups, f);
			}
		echo_view_set(b, m, "follow_ups", follow_ups);
		echo_view_push(b, list, m);
		echo_buf_free(&date);
	}
	return list;
}

static echo_node *summary_build(echo_stream *into, echo_session *const *sessions, size_t count,
                                long as_of, int json)
{
	echo_view_builder b = {into, 0};
	echo_buf buf = ECHO_BUF_INIT;
	struct tally substances = {0}, themes = {0};
	size_t category_counts[16] = {0};
	struct follow *follows = NULL;
	size_t n_follow = 0, n_cases = 0, n_seen = 0;
	echo_node *data = echo_view_map(&b);
	if (json) {
		echo_view_set_string(&b, data, "format", "echo-minutes/1");
		echo_view_set_string(&b, data, "kind", "summary");
	}
	echo_view_set_string(&b, data, "program", count ? echo_node_get_text(sessions[0]->root, "program") : NULL);
	echo_view_set_int(&b, data, "session_count", (long long)count);
	if (count) {
		mb_date(&buf, sessions[0]->date);
		echo_view_set_buf(&b, data, "first_date", &buf);
		mb_date(&buf, sessions[count - 1]->date);
		echo_view_set_buf(&b, data, "last_date", &buf);
	}
	mb_date(&buf, as_of);
	echo_view_set_buf(&b, data, "as_of", &buf);
	if (!json) {
		echo_format_date(&buf, as_of);
		echo_view_set_buf(&b, data, "as_of_long", &buf);
	}

	size_t cases_total = 0;
	for (size_t i = 0; i < count; i++)
		for (size_t k = 0; k < sessions[i]->segment_count; k++)
			cases_total += sessions[i]->segments[k].case_root != NULL;
	follows = calloc(cases_total ? cases_total : 1, sizeof *follows);
	/* A case and its follow-up presentations are one case: each
	 * presentation's group is the first presentation it counts as. */
	struct presentation *pres = calloc(cases_total ? cases_total : 1, sizeof *pres);
	size_t n_pres = 0;
	if (!follows || !pres)
		b.failed = 1;
	substances.slots = themes.slots = cases_total;
	for (size_t i = 0; i < count && pres; i++)
		for (size_t k = 0; k < sessions[i]->segment_count; k++) {
			const echo_node *root = sessions[i]->segments[k].case_root;
			if (root)
				pres[n_pres++] = (struct presentation){root, &sessions[i]->segments[k],
				                                       sessions[i], 0, NULL};
		}
	for (size_t p = 0; p < n_pres; p++) {
		pres[p].group = p;
		const char *key = echo_case_counted_as(pres[p].root);
		for (size_t q = 0; key && q < p && pres[p].group == p; q++)
			if (same_case(pres[q].root, key))
				pres[p].group = pres[q].group;
		n_cases += pres[p].group == p;
	}

	echo_node *list = echo_view_seq(&b);
	for (size_t i = 0; i < count && !b.failed; i++) {
		const echo_session *s = sessions[i];
		echo_node *sm = echo_view_map(&b);
		echo_view_copy_key(&b, sm, "date", s->root, NULL);
		echo_view_copy_key(&b, sm, "number", s->root, NULL);
		echo_view_copy_key(&b, sm, "title", s->root, NULL);
		if (!json) {
			set_cell(&b, &buf, sm, "title_cell", echo_node_get_text(s->root, "title"), 0);
		}
		echo_node *didactics = echo_view_seq(&b);
		echo_node *cases = echo_view_seq(&b);
		for (size_t k = 0; k < s->segment_count; k++) {
			const echo_segment *seg = &s->segments[k];
			if (seg->kind == ECHO_SEGMENT_DIDACTIC) {
				const char *t = echo_node_get_text(seg->body, "title");
				echo_view_push(&b, didactics, echo_view_string(&b, t ? t : ""));
			}
			const echo_node *root = seg->case_root;
			if (!root)
				continue;
			size_t group = pres[n_seen].group, case_no = group + 1;
			n_seen++;
			echo_node *cm = echo_view_map(&b);
			const echo_node *presenter = echo_node_get(root, "presenter");
			const char *who = echo_node_get_text(seg->body, "presenter");
			if (!who)
				who = echo_node_get_text(presenter, "name");
			set_cell(&b, &buf, cm, "id", echo_node_get_text(root, "id"), json);
			set_cell(&b, &buf, cm, "presenter", who, json);
			if (group != n_seen - 1)
				set_cell(&b, &buf, cm, "follow_up_of", echo_case_counted_as(root), json);
			else if (json)
				echo_view_set_null(&b, cm, "follow_up_of");
			pres[n_seen - 1].view = cm;
			echo_node *subs = echo_view_seq(&b), *ths = echo_view_seq(&b);
			const echo_node *use = echo_node_get(root, "substance_use");
			for (size_t u = 0; use && use->type == ECHO_NODE_SEQ && u < use->count; u++) {
				const char *name = echo_node_get_text(use->items[u], "substance");
				if (!name)
					continue;
				tally_add(&substances, name, i + 1, case_no);
				echo_view_push(&b, subs, echo_view_string(&b, name));
				if (!json) {
					if (buf.len)
						echo_buf_puts(&buf, ", ");
					echo_markdown_cell(&buf, name, strlen(name));
				}
			}
			if (!json)
				echo_view_set_buf(&b, cm, "substances_text", &buf);
			const echo_node *tl = echo_node_get(root, "themes");
			for (size_t u = 0; tl && tl->type == ECHO_NODE_SEQ && u < tl->count; u++) {
				const echo_node *t = tl->items[u];
				if (!echo_node_is_scalar(t) || t->type == ECHO_NODE_NULL)
					continue;
				tally_add(&themes, t->text, i + 1, case_no);
				echo_view_push(&b, ths, t);
				if (!json) {
					if (buf.len)
						echo_buf_puts(&buf, ", ");
					echo_markdown_cell(&buf, t->text, strlen(t->text));
				}
			}
			if (!json)
				echo_view_set_buf(&b, cm, "themes_text", &buf);
			echo_view_set(&b, cm, "substances", subs);
			echo_view_set(&b, cm, "themes", ths);
			const echo_node *recs = echo_node_get(root, "recommendations");
			size_t n_recs = 0;
			for (size_t r = 0; recs && recs->type == ECHO_NODE_SEQ && r < recs->count; r++) {
				size_t c = mb_category_of(recs->items[r]);
				category_counts[c < 15 ? c : 15]++;
				n_recs++;
			}
			echo_view_set_int(&b, cm, "recommendations", (long long)n_recs);
			echo_view_push(&b, cases, cm);
			if (mb_has_text(echo_node_get(root, "follow_up")) ||
			    mb_day(echo_node_get_text(root, "follow_up_date")) != MB_NO_DAY)
				follows[n_follow++] = (struct follow){
					root, s->date, mb_day(echo_node_get_text(root, "follow_up_date"))};
		}
		echo_view_set(&b, sm, "didactics", didactics);
		echo_view_set(&b, sm, "cases", cases);
		if (!json) {
			echo_format_date(&buf, s->date);
			echo_view_set_buf(&b, sm, "date_long", &buf);
			for (size_t d = 0; didactics && d < didactics->count; d++) {
				if (buf.len)
					echo_buf_puts(&buf, "; ");
				const char *t = didactics->items[d]->text;
				echo_markdown_cell(&buf, t, strlen(t));
			}
			echo_view_set_buf(&b, sm, "didactic_text", &buf);
			echo_view_set_bool(&b, sm, "has_cases", cases && cases->count);
			echo_view_set_int(&b, sm, "case_count", cases ? (long long)cases->count : 0);
		}
		echo_view_push(&b, list, sm);
	}
	echo_view_set_int(&b, data, "case_count", (long long)n_cases);
	echo_view_set_int(&b, data, "presentation_count", (long long)n_pres);
	echo_view_set(&b, data, "sessions", list);
	if (!json)
		echo_view_set(&b, data, "cases", case_list(&b, pres, n_pres));
	echo_node *sl = tally_list(&b, &substances, json), *tl = tally_list(&b, &themes, json);
	echo_view_set(&b, data, "substances", sl);
	echo_view_set(&b, data, "themes", tl);
	echo_node *cats = echo_view_seq(&b);
	for (size_t c = 0; c <= mb_category_count() && c < 16; c++) {
		if (!category_counts[c])
			continue;
		echo_node *m = echo_view_map(&b);
		echo_view_set_string(&b, m, "category", mb_category_key(c));
		if (!json)
			echo_view_set_string(&b, m, "label", mb_category_label(c));
		echo_view_set_int(&b, m, "count", (long long)category_counts[c]);
		echo_view_push(&b, cats, m);
	}
	echo_view_set(&b, data, "categories", cats);

	/* One row per case: its last entry with a follow-up.  A case
	 * presented again after, or on, its due date has returned. */
	if (n_follow)
		qsort(follows, n_follow, sizeof *follows, follow_cmp);
	echo_node *fl = echo_view_seq(&b);
	size_t open = 0;
	for (size_t i = 0; i < n_follow && !b.failed; i++) {
		const struct follow *f = &follows[i];
		const char *id = echo_case_counted_as(f->root);
		int later_entry = 0;
		for (size_t k = 0; id && k < n_follow; k++) {
			later_entry |= k != i && same_case(follows[k].root, id) &&
			               (follows[k].presented > f->presented ||
			                (follows[k].presented == f->presented && k > i));
		}
		if (later_entry)
			continue;
		echo_node *m = echo_view_map(&b);
		const char *who = echo_node_get_text(echo_node_get(f->root, "presenter"), "name");
		set_cell(&b, &buf, m, "id", id, json);
		set_cell(&b, &buf, m, "presenter", who, json);
		/* Every presentation of the case, in order. */
		echo_node *dates = echo_view_seq(&b);
		long last = f->presented;
		size_t times = 0;
		for (size_t j = 0; j < count; j++)
			for (size_t k = 0; k < sessions[j]->segment_count; k++) {
				const echo_node *other = sessions[j]->segments[k].case_root;
				if (!other || !id || !same_case(other, id))
					continue;
				times++;
				last = sessions[j]->date > last ? sessions[j]->date : last;
				mb_date(&buf, sessions[j]->date);
				if (json) {
					echo_view_push(&b, dates, echo_view_string(&b, echo_buf_cstr(&buf)));
					echo_buf_clear(&buf);
				} else {
					echo_buf_puts(&buf, ", ");
				}
			}
		if (json) {
			echo_view_set(&b, m, "presented", dates);
		} else {
			if (buf.len >= 2)
				buf.data[buf.len -= 2] = '\0';
			echo_view_set_buf(&b, m, "presented", &buf);
		}
		const char *status;
		int returned = times > 1 && (last > f->presented ||
		                             (f->due != MB_NO_DAY && f->due <= last));
		if (returned) {
			status = "returned";
			mb_date(&buf, last);
			echo_view_set_buf(&b, m, "returned", &buf);
		} else if (f->due == MB_NO_DAY) {
			status = "no date";
		} else {
			status = f->due < as_of ? "overdue" : f->due == as_of ? "due" : "upcoming";
		}
		open += !returned;
		if (f->due != MB_NO_DAY) {
			mb_date(&buf, f->due);
			echo_view_set_buf(&b, m, "due", &buf);
		} else if (json) {
			echo_view_set_null(&b, m, "due");
		}
		echo_view_set_string(&b, m, "status", status);
		if (json) {
			echo_view_copy_key(&b, m, "follow_up", f->root, NULL);
		} else {
			const echo_node *plan = echo_node_get(f->root, "follow_up");
			if (plan && echo_node_is_scalar(plan))
				echo_markdown_cell(&buf, plan->text, strlen(plan->text));
			else
				for (size_t k = 0; plan && plan->type == ECHO_NODE_SEQ && k < plan->count; k++)
					if (echo_node_is_scalar(plan->items[k])) {
						if (buf.len)
							echo_buf_puts(&buf, "; ");
						echo_markdown_cell(&buf, plan->items[k]->text, strlen(plan->items[k]->text));
					}
			echo_view_set_buf(&b, m, "plan", &buf);
		}
		echo_view_push(&b, fl, m);
	}
	echo_view_set(&b, data, "follow_ups", fl);
	if (!json) {
		echo_view_set_bool(&b, data, "has_substances", substances.count > 0);
		echo_view_set_bool(&b, data, "has_themes", themes.count > 0);
		echo_view_set_bool(&b, data, "has_categories", cats && cats->count);
		echo_view_set_bool(&b, data, "has_follow_ups", fl && fl->count > 0);
		echo_view_set_int(&b, data, "open_follow_ups", (long long)open);
	}
	tally_free(&substances);
	tally_free(&themes);
	free(follows);
	free(pres);
	echo_buf_free(&buf);
	return b.failed ? NULL : data;
}

echo_node *echo_summary_data(echo_stream *into, echo_session *const *sessions, size_t count,
                             long as_of)
{
	return summary_build(into, sessions, count, as_of, 0);
}

int echo_summary_json(echo_stream *into, echo_session *const *sessions, size_t count,
                      long as_of, echo_buf *out)
{
	echo_node *data = summary_build(into, sessions, count, as_of, 1);
	if (!data)
		return -1;
	echo_json_node(out, data, 0);
	echo_buf_putc(out, '\n');
	return out->failed ? -1 : 0;
}

static int session_cmp(const void *a, const void *b)
{
	const echo_session *x = *(echo_session *const *)a, *y = *(echo_session *const *)b;
	return x->date < y->date ? -1 : x->date > y->date;
}

void echo_summary_order(echo_session **sessions, size_t count, echo_diags *diags)
{
	/* One program per summary: another's sessions are likely a slip. */
	const char *first = count ? echo_node_get_text(sessions[0]->root, "program") : NULL;
	for (size_t i = 1; i < count; i++) {
		const echo_node *program = echo_node_get(sessions[i]->root, "program");
		if (first && echo_node_is_scalar(program) && strcmp(program->text, first) != 0)
			echo_diags_add(diags, ECHO_WARNING, sessions[i]->stream->path,
			               program->start.line, program->start.col, "summary-program",
			               "this session is of %s; the summary is of %s, the first session's "
			               "program",
			               program->text, first);
	}
	if (count)
		qsort(sessions, count, sizeof *sessions, session_cmp);
}
