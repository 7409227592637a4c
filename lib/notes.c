/* The notes format echo-notes/1: its schema table, and the check that
 * screens highlights and action items for PHI before they reach minutes
 * that go to every participant. */
#include "echo/notes.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "echo/phi.h"

#define END {NULL, 0, 0, NULL, NULL, NULL, NULL, 0, 0, NULL}
#define R ECHO_FIELD_REQUIRED
#define P ECHO_FIELD_PATIENT

static const char *const notes_ids[] = {"echo-notes/1", NULL};

static const echo_field action_fields[] = {
	{"item", ECHO_FIELD_TEXT, R | P, "What is to be done.", NULL, NULL, NULL, 0, 0,
	 "Send the low-dose start schedule to every spoke site."},
	{"owner", ECHO_FIELD_STRING, 0, "Who does it.", NULL, NULL, NULL, 0, 0,
	 "Maya Chen, PharmD"},
	{"due", ECHO_FIELD_DATE, 0, "By when.", NULL, NULL, NULL, 0, 0, "2026-03-19"},
	END,
};
static const echo_field action_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, action_fields, NULL,
                                       0, 0, NULL};

static const echo_field deid_item_fields[] = {
	{"text", ECHO_FIELD_STRING, R, "The flagged text, exactly as it appears.", NULL, NULL, NULL,
	 0, 0, "Gallup"},
	{"rule", ECHO_FIELD_STRING, R, "The rule it was flagged under, such as phi-place.", NULL,
	 NULL, NULL, 0, 0, "phi-place"},
	{"reason", ECHO_FIELD_STRING, 0, "Why it is not PHI.", NULL, NULL, NULL, 0, 0, NULL},
	END,
};
static const echo_field deid_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, deid_item_fields, NULL,
                                     0, 0, NULL};

static const echo_field deid_fields[] = {
	{"reviewed_by", ECHO_FIELD_STRING, R, "Who reviewed the flagged items.", NULL, NULL, NULL, 0,
	 0, "Privacy reviewer name"},
	{"reviewed_on", ECHO_FIELD_DATE, 0, "When they were reviewed.", NULL, NULL, NULL, 0, 0, NULL},
	{"items", ECHO_FIELD_LIST, R | ECHO_FIELD_NONEMPTY,
	 "Items reviewed and found not to be PHI: each silences only that text under that rule.",
	 NULL, NULL, &deid_item, 0, 0, NULL},
	END,
};

static const echo_field notes_fields[] = {
	{"schema", ECHO_FIELD_ENUM, R, "Format and version of this file.", notes_ids, NULL, NULL, 0,
	 0, "echo-notes/1"},
	{"session", ECHO_FIELD_DATE, R,
	 "Date of the session these notes are for: the session file's date.", NULL, NULL, NULL, 0, 0,
	 "2026-03-12"},
	{"recorded_by", ECHO_FIELD_STRING, 0, "Who took the notes.", NULL, NULL, NULL, 0, 0,
	 "Alex Moreno, MSW"},
	{"announcements", ECHO_FIELD_TEXT, 0,
	 "Announcements, besides those in the session file's announcements segment.", NULL, NULL,
	 NULL, 0, 0, NULL},
	{"highlights", ECHO_FIELD_TEXT, P,
	 "Highlights of the discussion that are not in a case file: questions from the spokes, "
	 "resources shared.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"action_items", ECHO_FIELD_LIST, 0, "Action items agreed at the session.", NULL, NULL,
	 &action_item, 0, 0, NULL},
	{"attendance_notes", ECHO_FIELD_TEXT, 0,
	 "About attendance: a room of people on one connection, a phone line the export misses.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"next_session", ECHO_FIELD_TEXT, 0, "The next session: its date, topic, how to submit a case.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"deid", ECHO_FIELD_MAP, 0,
	 "De-identification review: possible PHI findings a reviewer has checked and found safe.",
	 NULL, deid_fields, NULL, 0, 0, NULL},
	END,
};

const echo_schema echo_notes_schema = {
	"echo-notes/1",
	"teleECHO session notes",
	"What a coordinator records at a session besides the cases: announcements, discussion "
	"highlights and action items.",
	notes_fields,
};

/* Screening ------------------------------------------------------------------ */

struct finding {
	size_t start, end;
	echo_phi_category category;
};

struct screen {
	const echo_stream *stream;
	const char *const *known;
	size_t known_count;
	struct finding *found;
	size_t count, cap;
	echo_phi_matches matches;
	int failed;
};

static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '\'' || c == '-';
}

/* Is text (len bytes) one or more whole words of a known name, ignoring
 * case?  "Whitfield" and "Dana Whitfield" are in "Dana Whitfield, MD". */
static int is_known(const struct screen *s, const char *text, size_t len)
{
	for (size_t k = 0; k < s->known_count; k++) {
		const char *name = s->known[k];
		size_t n = name ? strlen(name) : 0;
		for (size_t i = 0; len && i + len <= n; i++) {
			if (i > 0 && word_char((unsigned char)name[i - 1]))
				continue;
			if (i + len < n && word_char((unsigned char)name[i + len]))
				continue;
			size_t j = 0;
			while (j < len && tolower((unsigned char)name[i + j]) ==
			                      tolower((unsigned char)text[j]))
				j++;
			if (j == len)
				return 1;
		}
	}
	return 0;
}

/* As is_known, with runs of white space in text folded to one space: a
 * folded block scalar breaks a name across lines. */
static int is_known_folded(const struct screen *s, const char *text, size_t len)
{
	char buf[256];
	size_t n = 0;
	for (size_t i = 0; i < len && n < sizeof buf; i++) {
		int space = text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t';
		if (space && n && buf[n - 1] == ' ')
			continue;
		buf[n++] = space ? ' ' : text[i];
	}
	return n < sizeof buf && is_known(s, buf, n);
}

static void screen_scalar(struct screen *s, const echo_node *node)
{
	if (node->style == ECHO_STYLE_COMPUTED || node->end.offset <= node->start.offset)
		return;
	const char *text = s->stream->source + node->start.offset;
	s->matches.count = 0;
	if (echo_phi_scan(text, node->end.offset - node->start.offset, &s->matches) != 0) {
		s->failed = 1;
		return;
	}
	for (size_t i = 0; i < s->matches.count; i++) {
		const echo_phi_match *m = &s->matches.items[i];
		if (m->category == ECHO_PHI_NAME &&
		    is_known_folded(s, text + m->start, m->end - m->start))
			continue;
		if (s->count == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 16;
			struct finding *f = realloc(s->found, cap * sizeof *f);
			if (!f) {
				s->failed = 1;
				return;
			}
			s->found = f;
			s->cap = cap;
		}
		s->found[s->count++] = (struct finding){node->start.offset + m->start,
		                                        node->start.offset + m->end, m->category};
	}
}

static void screen_all(struct screen *s, const echo_node *node)
{
	if (!node)
		return;
	if (node->type == ECHO_NODE_SEQ) {
		for (size_t i = 0; i < node->count; i++)
			screen_all(s, node->items[i]);
	} else if (node->type == ECHO_NODE_MAP) {
		for (size_t i = 0; i < node->count; i++)
			if (!node->pairs[i].key->duplicate)
				screen_all(s, node->pairs[i].value);
	} else {
		screen_scalar(s, node);
	}
}

/* Fields marked ECHO_FIELD_PATIENT are screened whole; lists of maps are
 * entered to find marked fields inside. */
static void screen_fields(struct screen *s, const echo_field *fields, const echo_node *map)
{
	if (!map || map->type != ECHO_NODE_MAP)
		return;
	for (size_t i = 0; i < map->count; i++) {
		const echo_pair *p = &map->pairs[i];
		if (p->key->duplicate || !echo_node_is_scalar(p->key))
			continue;
		const echo_field *f = echo_field_find(fields, p->key->text);
		if (!f)
			continue;
		if (f->flags & ECHO_FIELD_PATIENT)
			screen_all(s, p->value);
		else if (f->type == ECHO_FIELD_LIST && f->item->type == ECHO_FIELD_MAP &&
		         p->value->type == ECHO_NODE_SEQ)
			for (size_t k = 0; k < p->value->count; k++)
				screen_fields(s, f->item->fields, p->value->items[k]);
	}
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* text (len bytes) equals want, with runs of white space folded: a folded
 * block scalar may break a reviewed phrase across lines. */
static int same_text(const char *text, size_t len, const char *want)
{
	size_t i = 0;
	while (i < len && *want) {
		if (is_space(text[i]) && is_space(*want)) {
			while (i < len && is_space(text[i]))
				i++;
			while (is_space(*want))
				want++;
			continue;
		}
		if (text[i] != *want)
			return 0;
		i++;
		want++;
	}
	return i == len && !*want;
}

/* The finding's text for a message: one line, at most 60 bytes. */
static void quote_text(echo_buf *out, const char *text, size_t len)
{
	int space = 0;
	size_t shown = 0;
	for (size_t i = 0; i < len; i++) {
		if (is_space(text[i])) {
			space = 1;
			continue;
		}
		if (space && shown)
			echo_buf_putc(out, ' ');
		space = 0;
		if (shown >= 60 && ((unsigned char)text[i] & 0xc0) != 0x80) {
			echo_buf_puts(out, "…");
			return;
		}
		echo_buf_putc(out, text[i]);
		shown++;
	}
}

size_t echo_notes_check(const echo_stream *stream, const echo_node *root,
                        const char *const *known_names, size_t known_count,
                        echo_diags *diags)
{
	size_t errors = echo_schema_validate(&echo_notes_schema, stream, root, diags);
	if (!root || root->type != ECHO_NODE_MAP)
		return errors;
	struct screen s = {.stream = stream, .known = known_names, .known_count = known_count};
	screen_fields(&s, echo_notes_schema.fields, root);
	const echo_node *deid = echo_node_get(root, "deid");
	const echo_node *items = echo_node_get(deid, "items");
	if (items && items->type != ECHO_NODE_SEQ)
		items = NULL;
	unsigned char *used = items && items->count ? calloc(items->count, 1) : NULL;
	if (s.failed || (items && items->count && !used)) {
		echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "memory",
		               "out of memory while screening for PHI");
		free(used);
		free(s.found);
		echo_phi_matches_free(&s.matches);
		return errors + 1;
	}
	if (s.count)
		qsort(s.found, s.count, sizeof *s.found, cmp_finding);
	const char *reviewer = echo_node_get_text(deid, "reviewed_by");
	echo_buf text = ECHO_BUF_INIT;
	for (size_t i = 0; i < s.count; i++) {
		const struct finding *f = &s.found[i];
		/* An aliased node is reached twice: one finding each. */
		if (i && f->start == s.found[i - 1].start && f->end == s.found[i - 1].end)
			continue;
		const char *rule = echo_phi_rule(f->category);
		const char *at = stream->source + f->start;
		int reviewed = 0;
		for (size_t k = 0; items && k < items->count; k++) {
			const char *t = echo_node_get_text(items->items[k], "text");
			const char *r = echo_node_get_text(items->items[k], "rule");
			if (t && r && strcmp(r, rule) == 0 && same_text(at, f->end - f->start, t)) {
				reviewed = 1;
				used[k] = 1;
			}
		}
		echo_pos pos = echo_pos_at(stream->source, stream->source_len, f->start);
		echo_buf_clear(&text);
		quote_text(&text, at, f->end - f->start);
		if (reviewed) {
			echo_diags_add(diags, ECHO_NOTE, stream->path, pos.line, pos.col, "phi-reviewed",
			               "%s \"%s\" (%s) cleared by %s", echo_phi_label(f->category),
			               echo_buf_cstr(&text), rule, reviewer ? reviewer : "the deid review");
		} else {
			echo_diags_add(diags, ECHO_ERROR, stream->path, pos.line, pos.col, rule,
			               "possible %s \"%s\" in notes that go to every participant",
			               echo_phi_label(f->category), echo_buf_cstr(&text));
			errors++;
		}
	}
	for (size_t k = 0; items && k < items->count; k++) {
		const echo_node *item = items->items[k];
		const char *t = echo_node_get_text(item, "text");
		if (used[k] || !t)
			continue;
		echo_diags_add(diags, ECHO_WARNING, stream->path, item->start.line, item->start.col,
		               "deid-unused",
		               "reviewed item \"%s\" matches no finding; remove it so it cannot hide a "
		               "later one",
		               t);
	}
	echo_buf_free(&text);
	free(used);
	free(s.found);
	echo_phi_matches_free(&s.matches);
	return errors;
}
