/* De-identification: screening the patient-related text of a document
 * for PHI, honouring a reviewer's decisions, and redacting cases by byte
 * ranges so the YAML keeps its comments, key order and layout. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "echo/case.h"
#include "echo/phi.h"

/* The deid block: a reviewer's decisions on findings, in any format that
 * is screened. */
static const echo_field deid_item_fields[] = {
	{"text", ECHO_FIELD_STRING, ECHO_FIELD_REQUIRED, "The flagged text, exactly as it appears.",
	 NULL, NULL, NULL, 0, 0, "Gallup"},
	{"rule", ECHO_FIELD_STRING, ECHO_FIELD_REQUIRED, "The rule it was flagged under, such as phi-place.",
	 NULL, NULL, NULL, 0, 0, "phi-place"},
	{"reason", ECHO_FIELD_STRING, 0, "Why it is not PHI.", NULL, NULL, NULL, 0, 0,
	 "the name of a medication program, not a place"},
	{NULL, 0, 0, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
static const echo_field deid_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, deid_item_fields, NULL,
                                     0, 0, NULL};

const echo_field echo_deid_fields[] = {
	{"reviewed_by", ECHO_FIELD_STRING, ECHO_FIELD_REQUIRED, "Who reviewed the flagged items.",
	 NULL, NULL, NULL, 0, 0, "Privacy reviewer name"},
	{"reviewed_on", ECHO_FIELD_DATE, 0, "When they were reviewed.", NULL, NULL, NULL, 0, 0,
	 "2026-03-05"},
	{"items", ECHO_FIELD_LIST, ECHO_FIELD_REQUIRED | ECHO_FIELD_NONEMPTY,
	 "Items reviewed and found not to be PHI: each silences only that text under that rule.",
	 NULL, NULL, &deid_item, 0, 0, NULL},
	{NULL, 0, 0, NULL, NULL, NULL, NULL, 0, 0, NULL},
};

/* One possible identifier, located in the stream's source. */
struct finding {
	size_t start, end;          /* absolute byte offsets */
	echo_phi_category category;
	const echo_node *node;      /* the scalar it is in */
	int in_flow;                /* the scalar sits in a [..] or {..} */
	int reviewed;               /* a deid item covers it */
};

struct screen {
	const echo_stream *stream;
	const echo_screen_options *options;
	const echo_node *items;     /* deid.items, or NULL */
	unsigned char *used;        /* per deid item: matched something */
	struct finding *found;
	size_t count, cap;
	echo_phi_matches matches;
	int failed;
};

static void add_finding(struct screen *s, const struct finding *f)
{
	if (s->count == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct finding *n = realloc(s->found, cap * sizeof *n);
		if (!n) {
			s->failed = 1;
			return;
		}
		s->found = n;
		s->cap = cap;
	}
	s->found[s->count++] = *f;
}

static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '\'' || c == '-';
}

/* Is text one or more whole words of a known name, ignoring case and with
 * runs of white space folded ("Whitfield" and "Dana\n  Whitfield" are in
 * "Dana Whitfield, MD")? */
static int is_known_name(const echo_screen_options *o, const char *text, size_t len)
{
	char folded[256];
	size_t n = 0;
	for (size_t i = 0; i < len && n < sizeof folded; i++) {
		int space = text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t';
		if (space && n && folded[n - 1] == ' ')
			continue;
		folded[n++] = space ? ' ' : text[i];
	}
	if (n == 0 || n == sizeof folded)
		return 0;
	for (size_t k = 0; k < o->known_count; k++) {
		const char *name = o->known_names[k];
		size_t m = name ? strlen(name) : 0;
		for (size_t i = 0; i + n <= m; i++) {
			if ((i > 0 && word_char((unsigned char)name[i - 1])) ||
			    (i + n < m && word_char((unsigned char)name[i + n])))
				continue;
			size_t j = 0;
			while (j < n && tolower((unsigned char)name[i + j]) ==
			                    tolower((unsigned char)folded[j]))
				j++;
			if (j == n)
				return 1;
		}
	}
	return 0;
}

static void screen_scalar(struct screen *s, const echo_node *node, int in_flow)
{
	/* Computed nodes have no source; empty values have nothing to say. */
	if (node->style == ECHO_STYLE_COMPUTED || node->end.offset <= node->start.offset)
		return;
	const char *text = s->stream->source + node->start.offset;
	size_t len = node->end.offset - node->start.offset;
	s->matches.count = 0;
	if (echo_phi_scan(text, len, &s->matches) != 0) {
		s->failed = 1;
		return;
	}
	for (size_t i = 0; i < s->matches.count; i++) {
		const echo_phi_match *m = &s->matches.items[i];
		if (m->category == ECHO_PHI_NAME && s->options &&
		    is_known_name(s->options, text + m->start, m->end - m->start))
			continue;
		struct finding f = {node->start.offset + m->start, node->start.offset + m->end,
		                    m->category, node, in_flow, 0};
		add_finding(s, &f);
	}
}

/* Screens every scalar value below node (keys are the format's own). */
static void screen_all(struct screen *s, const echo_node *node, int in_flow)
{
	if (!node)
		return;
	if (node->style == ECHO_STYLE_FLOW)
		in_flow = 1;
	if (node->type == ECHO_NODE_SEQ) {
		for (size_t i = 0; i < node->count; i++)
			screen_all(s, node->items[i], in_flow);
	} else if (node->type == ECHO_NODE_MAP) {
		for (size_t i = 0; i < node->count; i++)
			if (!node->pairs[i].key->duplicate)
				screen_all(s, node->pairs[i].value, in_flow);
	} else {
		screen_scalar(s, node, in_flow);
	}
}

/* Walks the schema: fields marked ECHO_FIELD_PATIENT are screened whole;
 * others are entered only to find marked fields inside. */
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
		if (f->flags & ECHO_FIELD_PATIENT) {
			screen_all(s, p->value, map->style == ECHO_STYLE_FLOW);
		} else if (f->type == ECHO_FIELD_MAP) {
			screen_fields(s, f->fields, p->value);
		} else if (f->type == ECHO_FIELD_LIST && f->item->type == ECHO_FIELD_MAP &&
		           p->value->type == ECHO_NODE_SEQ) {
			for (size_t k = 0; k < p->value->count; k++)
				screen_fields(s, f->item->fields, p->value->items[k]);
		}
	}
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *fa = a, *fb = b;
	if (fa->start != fb->start)
		return fa->start < fb->start ? -1 : 1;
	return fa->end < fb->end ? -1 : fa->end > fb->end;
}

/* Compares text with whitespace runs folded, so a reviewed name still
 * matches when a folded block scalar breaks it across lines. */
static int same_text(const char *a, size_t alen, const char *b)
{
	size_t i = 0;
	while (i < alen && *b) {
		int wa = a[i] == ' ' || a[i] == '\n' || a[i] == '\r' || a[i] == '\t';
		int wb = *b == ' ' || *b == '\n' || *b == '\r' || *b == '\t';
		if (wa && wb) {
			while (i < alen && (a[i] == ' ' || a[i] == '\n' || a[i] == '\r' || a[i] == '\t'))
				i++;
			while (*b == ' ' || *b == '\n' || *b == '\r' || *b == '\t')
				b++;
			continue;
		}
		if (a[i] != *b)
			return 0;
		i++;
		b++;
	}
	return i == alen && *b == '\0';
}

/* Screens a document and sorts out which findings a reviewer cleared. */
static int screen_document(struct screen *s, const echo_schema *schema,
                           const echo_screen_options *options, const echo_stream *stream,
                           const echo_node *root)
{
	memset(s, 0, sizeof *s);
	s->stream = stream;
	s->options = options;
	const echo_node *items = echo_node_get(echo_node_get(root, "deid"), "items");
	s->items = items && items->type == ECHO_NODE_SEQ ? items : NULL;
	if (s->items && !(s->used = calloc(s->items->count, 1)))
		return -1;
	screen_fields(s, schema->fields, root);
	if (s->failed)
		return -1;
	if (s->count)
		qsort(s->found, s->count, sizeof *s->found, cmp_finding);
	/* An aliased node is reached twice: keep one of each finding. */
	size_t n = 0;
	for (size_t i = 0; i < s->count; i++)
		if (n == 0 || s->found[n - 1].start != s->found[i].start ||
		    s->found[n - 1].end != s->found[i].end)
			s->found[n++] = s->found[i];
	s->count = n;
	for (size_t i = 0; s->items && i < s->count; i++) {
		struct finding *f = &s->found[i];
		const char *rule = echo_phi_rule(f->category);
		for (size_t k = 0; k < s->items->count; k++) {
			const char *text = echo_node_get_text(s->items->items[k], "text");
			const char *item_rule = echo_node_get_text(s->items->items[k], "rule");
			if (text && item_rule && strcmp(item_rule, rule) == 0 &&
			    same_text(stream->source + f->start, f->end - f->start, text)) {
				f->reviewed = 1;
				s->used[k] = 1;
			}
		}
	}
	return 0;
}

static void screen_free(struct screen *s)
{
	free(s->found);
	free(s->used);
	echo_phi_matches_free(&s->matches);
}

/* The finding's text for a message: one line, at most 60 bytes. */
static void quote_text(echo_buf *out, const char *text, size_t len)
{
	int space = 0;
	size_t shown = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			space = 1;
			continue;
		}
		if (space && shown)
			echo_buf_putc(out, ' ');
		space = 0;
		if (shown >= 60 && ((unsigned char)c & 0xc0) != 0x80) {
			echo_buf_puts(out, "…");
			return;
		}
		echo_buf_putc(out, c);
		shown++;
	}
}

size_t echo_schema_screen(const echo_schema *schema, const echo_stream *stream,
                          const echo_node *root, const echo_screen_options *options,
                          echo_diags *diags)
{
	struct screen s;
	const char *context = options && options->context ? options->context : "";
	if (screen_document(&s, schema, options, stream, root) != 0) {
		screen_free(&s);
		echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "memory",
		               "out of memory while screening for PHI");
		return 1;
	}
	size_t errors = 0;
	const char *reviewer = echo_node_get_text(echo_node_get(root, "deid"), "reviewed_by");
	echo_buf text = ECHO_BUF_INIT;
	for (size_t i = 0; i < s.count; i++) {
		const struct finding *f = &s.found[i];
		echo_pos pos = echo_pos_at(stream->source, stream->source_len, f->start);
		echo_buf_clear(&text);
		quote_text(&text, stream->source + f->start, f->end - f->start);
		if (f->reviewed) {
			echo_diags_add(diags, ECHO_NOTE, stream->path, pos.line, pos.col, "phi-reviewed",
			               "%s \"%s\" (%s) cleared by %s", echo_phi_label(f->category),
			               echo_buf_cstr(&text), echo_phi_rule(f->category),
			               reviewer ? reviewer : "the deid review");
		} else {
			echo_diags_add(diags, ECHO_ERROR, stream->path, pos.line, pos.col,
			               echo_phi_rule(f->category), "possible %s \"%s\"%s",
			               echo_phi_label(f->category), echo_buf_cstr(&text), context);
			errors++;
		}
	}
	for (size_t k = 0; s.items && k < s.items->count; k++) {
		const echo_node *item = s.items->items[k];
		const char *t = echo_node_get_text(item, "text");
		if (s.used[k] || !t)
			continue;
		echo_diags_add(diags, ECHO_WARNING, stream->path, item->start.line, item->start.col,
		               "deid-unused",
		               "reviewed item \"%s\" matches no finding; remove it so it cannot hide a later one",
		               t);
	}
	echo_buf_free(&text);
	screen_free(&s);
	return errors;
}

size_t echo_case_screen(const echo_stream *stream, const echo_node *root, echo_diags *diags)
{
	return echo_schema_screen(&echo_case_schema, stream, root, NULL, diags);
}

/* Writes the scalar holding findings [first, last) with each replaced by
 * its tag.  A plain scalar that would start with '[' or sits in a flow
 * collection is written double-quoted, so the tag stays text. */
static void redact_scalar(echo_buf *out, const echo_stream *stream, const struct finding *found,
                          size_t first, size_t last)
{
	const echo_node *node = found[first].node;
	size_t pos = node->start.offset;
	int quote = node->style == ECHO_STYLE_PLAIN &&
	            (found[first].start == node->start.offset || found[first].in_flow);
	if (quote)
		echo_buf_putc(out, '"');
	for (size_t i = first; i <= last; i++) {
		size_t upto = i < last ? found[i].start : node->end.offset;
		for (size_t b = pos; b < upto; b++) {
			char c = stream->source[b];
			if (quote && (c == '"' || c == '\\'))
				echo_buf_putc(out, '\\');
			echo_buf_putc(out, c);
		}
		if (i == last)
			break;
		echo_buf_puts(out, echo_phi_tag(found[i].category));
		pos = found[i].end;
	}
	if (quote)
		echo_buf_putc(out, '"');
}

long echo_case_redact(const echo_stream *stream, echo_buf *out)
{
	long replaced = 0;
	size_t pos = 0;
	for (size_t d = 0; d < stream->doc_count; d++) {
		struct screen s;
		if (screen_document(&s, &echo_case_schema, NULL, stream, stream->docs[d]) != 0) {
			screen_free(&s);
			return -1;
		}
		/* Open findings only; one scalar at a time. */
		size_t n = 0;
		for (size_t i = 0; i < s.count; i++)
			if (!s.found[i].reviewed)
				s.found[n++] = s.found[i];
		for (size_t i = 0; i < n;) {
			size_t j = i;
			while (j < n && s.found[j].node == s.found[i].node)
				j++;
			const echo_node *node = s.found[i].node;
			echo_buf_append(out, stream->source + pos, node->start.offset - pos);
			redact_scalar(out, stream, s.found, i, j);
			pos = node->end.offset;
			replaced += (long)(j - i);
			i = j;
		}
		screen_free(&s);
	}
	echo_buf_append(out, stream->source + pos, stream->source_len - pos);
	return out->failed ? -1 : replaced;
}
