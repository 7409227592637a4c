/* De-identification: screening the patient-related text of a document
 * for PHI, honouring a reviewer's decisions, and redacting documents by
 * byte ranges so the YAML keeps its comments, key order and layout.  Each
 * works on a schema's field table, whatever the format. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "echo/escape.h"
#include "echo/phi.h"
#include "echo/schema.h"

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

/* One possible identifier: where it is in its scalar's text, and the
 * source bytes that text was decoded from. */
struct finding {
	size_t start, end;          /* source byte offsets */
	size_t tstart, tend;        /* in node->text */
	echo_phi_category category;
	const echo_node *node;      /* the scalar it is in */
	int in_flow;                /* the scalar sits in a [..] or {..} */
	int mapped;                 /* start..end are exact; else both are the scalar's start */
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
	size_t *map;                /* decoded -> source offsets of one scalar */
	size_t map_cap;
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

/* The source offset just past the bytes that text byte k came from. */
static size_t unit_end(const size_t *map, size_t len, size_t k)
{
	size_t j = k + 1;
	while (j < len && map[j] == map[k])
		j++;
	return map[j];
}

/* Does text read as a program's own case code: a short letter prefix
 * that is not an identifier's label, then groups that each hold a digit
 * ("OUD-2026-014")?  "Halvorsen-MRN-00448812" and "MRN-00448812" do not. */
static int is_program_code(const char *text, size_t len)
{
	static const char *const labels[] = {"MRN", "MR", "SSN", "SS", "DOB", "ID", "PT", "PID",
	                                     "ACCT", "ACC", "CHART", "ACCOUNT", "MEMBER", "MBR",
	                                     "NYSID", "DL", "LIC", "CASE", "FILE", "BOOKING", NULL};
	size_t i = 0;
	while (i < len && isalpha((unsigned char)text[i]))
		i++;
	if (i == 0 || i > 8 || i == len || text[i] != '-')
		return 0;
	for (size_t k = 0; labels[k]; k++)
		if (strlen(labels[k]) == i && strncasecmp(labels[k], text, i) == 0)
			return 0;
	while (i < len) {
		if (text[i] != '-')
			return 0;
		size_t g = ++i;
		int digit = 0;
		while (i < len && isalnum((unsigned char)text[i]))
			digit |= isdigit((unsigned char)text[i++]) != 0;
		if (i == g || !digit)
			return 0;
	}
	return 1;
}

/* What the scan found in the short texts it read last, one slot per
 * text: a batch repeats the same values from case to case (a series, a
 * role, a route, "at intake", a stock sentence), and the scan is a
 * function of the text alone, so a text read before needs only its bytes
 * compared.  The slot holds the text itself, so it never answers for
 * another; a text with more matches than a slot holds is not kept.  A
 * text may stand in either slot of a pair, the one last used first, so
 * that values seen once (a case's id) push out no value that comes back.
 * One memory per thread, on the heap: it starts small, so that screening
 * one case touches a page or two of it, and doubles when it has taken in
 * as many texts as it has slots. */
#define SCAN_MEMO_FIRST_BITS 6
#define SCAN_MEMO_BITS 11
#define SCAN_MEMO_TEXT 128
#define SCAN_MEMO_MATCHES 4
struct scan_memo {
	uint64_t hash;
	unsigned char len;          /* of the text, 0 for an empty slot */
	unsigned char count;
	struct {
		unsigned char category, start, end;
	} found[SCAN_MEMO_MATCHES];
	char text[SCAN_MEMO_TEXT];
};
static _Thread_local struct {
	struct scan_memo *slots;
	unsigned bits;              /* 1 << bits slots */
	unsigned taken;             /* texts taken in since it last grew */
} scan_memory;

/* A new table of 1 << bits slots with the texts of the old one; -1 when
 * memory runs out (the old one is kept). */
static int scan_memory_resize(unsigned bits)
{
	struct scan_memo *slots = calloc((size_t)1 << bits, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; scan_memory.slots && i < (size_t)1 << scan_memory.bits; i++) {
		const struct scan_memo *m = &scan_memory.slots[i];
		struct scan_memo *pair = &slots[m->hash >> (64 - bits) & ~(uint64_t)1];
		if (m->len)
			pair[pair[0].len != 0] = *m;
	}
	free(scan_memory.slots);
	scan_memory.slots = slots;
	scan_memory.bits = bits;
	scan_memory.taken = 0;
	return 0;
}

static uint64_t text_hash(const char *text, size_t len)
{
	uint64_t h = len * 0x9e3779b97f4a7c15u;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, text + i, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9u;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 0x94d049bb133111ebu;
	h ^= h >> 32;
	return h * 0x9e3779b97f4a7c15u;
}

/* echo_phi_scan of the text into matches (emptied first), from the memory
 * when the text was read before.  Returns 0, or -1 when memory runs out. */
static int scan_text(const char *text, size_t len, echo_phi_matches *matches)
{
	matches->count = 0;
	if (len > SCAN_MEMO_TEXT ||
	    (!scan_memory.slots && scan_memory_resize(SCAN_MEMO_FIRST_BITS) != 0))
		return echo_phi_scan(text, len, matches);
	uint64_t hash = text_hash(text, len);
	struct scan_memo *m = &scan_memory.slots[hash >> (64 - scan_memory.bits) & ~(uint64_t)1];
	int way = m[0].len == len && m[0].hash == hash && memcmp(m[0].text, text, len) == 0 ? 0
	        : m[1].len == len && m[1].hash == hash && memcmp(m[1].text, text, len) == 0 ? 1
	                                                                                    : -1;
	if (way == 1) {
		struct scan_memo last = m[0];
		m[0] = m[1];
		m[1] = last;
	}
	if (way >= 0) {
		if (m->count > matches->cap) {
			echo_phi_match *grown = realloc(matches->items, m->count * sizeof *grown);
			if (!grown)
				return -1;
			matches->items = grown;
			matches->cap = m->count;
		}
		for (size_t k = 0; k < m->count; k++) {
			matches->items[k].category = (echo_phi_category)m->found[k].category;
			matches->items[k].start = m->found[k].start;
			matches->items[k].end = m->found[k].end;
		}
		matches->count = m->count;
		return 0;
	}
	if (echo_phi_scan(text, len, matches) != 0)
		return -1;
	if (matches->count > SCAN_MEMO_MATCHES)
		return 0;
	if (++scan_memory.taken > 1u << scan_memory.bits && scan_memory.bits < SCAN_MEMO_BITS &&
	    scan_memory_resize(scan_memory.bits + 1) == 0)
		m = &scan_memory.slots[hash >> (64 - scan_memory.bits) & ~(uint64_t)1];
	m[1] = m[0];
	m->hash = hash;
	m->len = (unsigned char)len;
	m->count = (unsigned char)matches->count;
	for (size_t k = 0; k < matches->count; k++) {
		m->found[k].category = (unsigned char)matches->items[k].category;
		m->found[k].start = (unsigned char)matches->items[k].start;
		m->found[k].end = (unsigned char)matches->items[k].end;
	}
	memcpy(m->text, text, len);
	return 0;
}

/* Screens what a scalar means (its decoded text), and locates each match
 * at the source bytes it was decoded from.  mode: the field's screening
 * flags (a clinician's name, where names are expected; a program code;
 * the series' calendar, where dates are). */
static void screen_scalar(struct screen *s, const echo_node *node, int in_flow, unsigned mode)
{
	int clinician = (mode & ECHO_FIELD_CLINICIAN) && !(mode & ECHO_FIELD_PATIENT);
	int code = (mode & ECHO_FIELD_CODE) && !(mode & ECHO_FIELD_PATIENT);
	int calendar = (mode & ECHO_FIELD_CALENDAR) && !(mode & ECHO_FIELD_PATIENT);
	int email = (mode & ECHO_FIELD_EMAIL) && !(mode & ECHO_FIELD_PATIENT);
	int link = (mode & ECHO_FIELD_LINK) && !(mode & ECHO_FIELD_PATIENT);
	/* Computed nodes have no source; empty values have nothing to say. */
	if (node->style == ECHO_STYLE_COMPUTED || node->text_len == 0)
		return;
	if (scan_text(node->text, node->text_len, &s->matches) != 0) {
		s->failed = 1;
		return;
	}
	if (s->matches.count == 0)
		return;
	if (node->text_len + 1 > s->map_cap) {
		size_t *map = realloc(s->map, (node->text_len + 1) * sizeof *map);
		if (!map) {
			s->failed = 1;
			return;
		}
		s->map = map;
		s->map_cap = node->text_len + 1;
	}
	int mapped = echo_node_source_map(s->stream, node, s->map) == 0;
	size_t at = echo_node_source_start(s->stream, node);
	for (size_t i = 0; i < s->matches.count; i++) {
		const echo_phi_match *m = &s->matches.items[i];
		if (m->end <= m->start || m->end > node->text_len)
			continue;
		if (code && m->category == ECHO_PHI_ID &&
		    is_program_code(node->text + m->start, m->end - m->start))
			continue;
		if (calendar && m->category == ECHO_PHI_DATE)
			continue;
		/* An email field holds the person's own address, whole. */
		if (email && m->category == ECHO_PHI_EMAIL && m->start == 0 && m->end == node->text_len)
			continue;
		if (link && m->category == ECHO_PHI_URL)
			continue;
		if (m->category == ECHO_PHI_NAME &&
		    (clinician || (s->options && is_known_name(s->options, node->text + m->start,
		                                               m->end - m->start))))
			continue;
		struct finding f = {at, at, m->start, m->end, m->category, node, in_flow, mapped, 0};
		if (mapped) {
			f.start = s->map[m->start];
			f.end = unit_end(s->map, node->text_len, m->end - 1);
		}
		add_finding(s, &f);
	}
}

/* Screens every scalar value below node (keys are the format's own). */
static void screen_all(struct screen *s, const echo_node *node, int in_flow, unsigned mode)
{
	if (!node)
		return;
	if (node->style == ECHO_STYLE_FLOW)
		in_flow = 1;
	if (node->type == ECHO_NODE_SEQ) {
		for (size_t i = 0; i < node->count; i++)
			screen_all(s, node->items[i], in_flow, mode);
	} else if (node->type == ECHO_NODE_MAP) {
		for (size_t i = 0; i < node->count; i++)
			if (!node->pairs[i].key->duplicate)
				screen_all(s, node->pairs[i].value, in_flow, mode);
	} else {
		screen_scalar(s, node, in_flow, mode);
	}
}

/* Walks the schema: a field with one of ECHO_FIELD_SCREENS is screened,
 * all of it; a mapping (or list of mappings) is entered to find such
 * fields inside, and hands its own flags down to fields without any.
 * Inside a screened mapping, keys the schema does not know are screened
 * too (they are errors, but their text is still read). */
static void screen_fields(struct screen *s, const echo_field *fields, const echo_node *map,
                          unsigned inherit)
{
	if (!map || map->type != ECHO_NODE_MAP)
		return;
	int in_flow = map->style == ECHO_STYLE_FLOW;
	for (size_t i = 0; i < map->count; i++) {
		const echo_pair *p = &map->pairs[i];
		if (p->key->duplicate || !echo_node_is_scalar(p->key) || !p->value)
			continue;
		const echo_field *f = echo_field_find(fields, p->key->text);
		if (!f) {
			if (inherit)
				screen_all(s, p->value, in_flow, inherit);
			continue;
		}
		unsigned mode = (f->flags & ECHO_FIELD_SCREENS) ? f->flags & ECHO_FIELD_SCREENS : inherit;
		const echo_node *v = p->value;
		if (f->type == ECHO_FIELD_MAP && v->type == ECHO_NODE_MAP) {
			screen_fields(s, f->fields, v, mode);
		} else if (f->type == ECHO_FIELD_LIST && f->item->type == ECHO_FIELD_MAP &&
		           v->type == ECHO_NODE_SEQ) {
			for (size_t k = 0; k < v->count; k++) {
				if (v->items[k]->type == ECHO_NODE_MAP)
					screen_fields(s, f->item->fields, v->items[k], mode);
				else if (mode)
					screen_all(s, v->items[k], in_flow || v->style == ECHO_STYLE_FLOW,
					           mode);
			}
		} else if (mode) {
			screen_all(s, v, in_flow, mode | (f->flags & ECHO_FIELD_EMAIL));
		}
	}
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *fa = a, *fb = b;
	if (fa->start != fb->start)
		return fa->start < fb->start ? -1 : 1;
	if (fa->node != fb->node)
		return fa->node->start.offset < fb->node->start.offset ? -1 : 1;
	if (fa->tstart != fb->tstart)
		return fa->tstart < fb->tstart ? -1 : 1;
	return fa->tend < fb->tend ? -1 : fa->tend > fb->tend;
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Compares text with whitespace runs folded, so a reviewed name still
 * matches when a folded block scalar breaks it across lines. */
static int same_text(const char *a, size_t alen, const char *b)
{
	size_t i = 0;
	while (i < alen && *b) {
		if (is_space(a[i]) && is_space(*b)) {
			while (i < alen && is_space(a[i]))
				i++;
			while (is_space(*b))
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

static const char *finding_text(const struct finding *f)
{
	return f->node->text + f->tstart;
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
	if (s->items && !(s->used = calloc(s->items->count ? s->items->count : 1, 1)))
		return -1;
	screen_fields(s, schema->fields, root, 0);
	if (s->failed)
		return -1;
	if (s->count)
		qsort(s->found, s->count, sizeof *s->found, cmp_finding);
	/* An aliased node is reached twice: keep one of each finding. */
	size_t n = 0;
	for (size_t i = 0; i < s->count; i++)
		if (n == 0 || s->found[n - 1].node != s->found[i].node ||
		    s->found[n - 1].tstart != s->found[i].tstart ||
		    s->found[n - 1].tend != s->found[i].tend)
			s->found[n++] = s->found[i];
	s->count = n;
	for (size_t i = 0; s->items && i < s->count; i++) {
		struct finding *f = &s->found[i];
		const char *rule = echo_phi_rule(f->category);
		for (size_t k = 0; k < s->items->count; k++) {
			const char *text = echo_node_get_text(s->items->items[k], "text");
			const char *item_rule = echo_node_get_text(s->items->items[k], "rule");
			if (text && item_rule && strcmp(item_rule, rule) == 0 &&
			    same_text(finding_text(f), f->tend - f->tstart, text)) {
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
	free(s->map);
	echo_phi_matches_free(&s->matches);
}

/* The finding's text for a message: one line, at most 60 characters, with
 * control characters (which escapes can write) shown as '?'. */
static void quote_text(echo_buf *out, const char *text, size_t len)
{
	int space = 0;
	size_t shown = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (is_space(c)) {
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
		echo_buf_putc(out, (unsigned char)c < 0x20 || c == 0x7f ? '?' : c);
		if (((unsigned char)c & 0xc0) != 0x80)
			shown++;
	}
}

/* The text a deid item gives for a finding: white space runs folded to
 * one space, as same_text compares them. */
static void item_text(echo_buf *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (is_space(text[i])) {
			while (i + 1 < len && is_space(text[i + 1]))
				i++;
			echo_buf_putc(out, ' ');
		} else {
			echo_buf_putc(out, text[i]);
		}
	}
}

static int is_placeholder(const char *text)
{
	return text && strncmp(text, ECHO_DEID_TODO, strlen(ECHO_DEID_TODO)) == 0;
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
	const echo_node *deid = echo_node_get(root, "deid");
	const char *reviewer = echo_node_get_text(deid, "reviewed_by");
	echo_buf text = ECHO_BUF_INIT, item = ECHO_BUF_INIT;
	for (size_t i = 0; i < s.count; i++) {
		const struct finding *f = &s.found[i];
		/* Findings are in source order: one pass over the source. */
		echo_pos pos = stream->lines ? echo_lines_pos(stream->lines, f->start)
		                             : echo_pos_at(stream->source, stream->source_len, f->start);
		echo_buf_clear(&text);
		quote_text(&text, finding_text(f), f->tend - f->tstart);
		if (f->reviewed) {
			echo_diags_add(diags, ECHO_NOTE, stream->path, pos.line, pos.col, "phi-reviewed",
			               "%s \"%s\" (%s) cleared by %s", echo_phi_label(f->category),
			               echo_buf_cstr(&text), echo_phi_rule(f->category),
			               reviewer ? reviewer : "the deid review");
		} else {
			echo_diags_add(diags, ECHO_ERROR, stream->path, pos.line, pos.col,
			               echo_phi_rule(f->category), "possible %s \"%s\"%s",
			               echo_phi_label(f->category), echo_buf_cstr(&text), context);
			echo_buf_clear(&item);
			item_text(&item, finding_text(f), f->tend - f->tstart);
			echo_diags_set_text(diags, echo_buf_cstr(&item), item.len);
			errors++;
		}
	}
	/* A review written by echo-case review is not done until a person
	 * has put their name and a reason in place of the placeholders. */
	const echo_node *by = echo_node_get(deid, "reviewed_by");
	if (is_placeholder(reviewer)) {
		echo_diags_add(diags, ECHO_ERROR, stream->path, by->start.line, by->start.col,
		               "deid-todo", "the deid review has no reviewer yet: put your name here");
		errors++;
	}
	for (size_t k = 0; s.items && k < s.items->count; k++) {
		const echo_node *it = s.items->items[k];
		const char *t = echo_node_get_text(it, "text");
		const echo_node *reason = echo_node_get(it, "reason");
		if (echo_node_is_scalar(reason) && is_placeholder(reason->text)) {
			echo_diags_add(diags, ECHO_ERROR, stream->path, reason->start.line,
			               reason->start.col, "deid-todo",
			               "reviewed item \"%s\" has no reason yet: check it is not PHI and say why",
			               t ? t : "");
			errors++;
		}
		if (s.used[k] || !t)
			continue;
		echo_diags_add(diags, ECHO_WARNING, stream->path, it->start.line, it->start.col,
		               "deid-unused",
		               "reviewed item \"%s\" matches no finding; remove it so it cannot hide a later one",
		               t);
	}
	echo_buf_free(&text);
	echo_buf_free(&item);
	screen_free(&s);
	return errors;
}

/* One double-quoted YAML scalar: escape.c is its home. */
static void put_quoted(echo_buf *out, const char *text, size_t len)
{
	echo_escape_yaml_quoted(out, text, len);
}

/* Writes the scalar holding findings [first, last), the source bytes of
 * each replaced by its tag.  A plain scalar that would start with '[' or
 * sits in a flow collection is written double-quoted, so the tag stays
 * text.  A scalar whose source could not be mapped is written again,
 * double-quoted, from its decoded text. */
static void redact_scalar(echo_buf *out, const echo_stream *stream, const struct finding *found,
                          size_t first, size_t last)
{
	const echo_node *node = found[first].node;
	size_t token = echo_node_source_start(stream, node);
	echo_buf_append(out, stream->source + node->start.offset, token - node->start.offset);
	int mapped = 1;
	for (size_t i = first; i < last; i++)
		mapped = mapped && found[i].mapped;
	if (!mapped) {
		echo_buf text = ECHO_BUF_INIT;
		size_t t = 0;
		for (size_t i = first; i < last; i++) {
			if (found[i].tstart < t)
				continue;
			echo_buf_append(&text, node->text + t, found[i].tstart - t);
			echo_buf_puts(&text, echo_phi_tag(found[i].category));
			t = found[i].tend;
		}
		echo_buf_append(&text, node->text + t, node->text_len - t);
		put_quoted(out, text.data ? text.data : "", text.len);
		echo_buf_free(&text);
		/* Keep the line breaks a block scalar's extent ends with. */
		size_t end = node->end.offset;
		while (end > token && is_space(stream->source[end - 1]))
			end--;
		echo_buf_append(out, stream->source + end, node->end.offset - end);
		return;
	}
	size_t pos = token;
	int quote = node->style == ECHO_STYLE_PLAIN &&
	            (found[first].start == token || found[first].in_flow);
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
		/* Two matches in one escape share its bytes: one tag. */
		if (found[i].end > pos || found[i].start >= pos)
			echo_buf_puts(out, echo_phi_tag(found[i].category));
		if (found[i].end > pos)
			pos = found[i].end;
	}
	if (quote)
		echo_buf_putc(out, '"');
}

long echo_schema_redact(const echo_schema *schema, const echo_stream *stream, echo_buf *out)
{
	long replaced = 0;
	size_t pos = 0;
	for (size_t d = 0; d < stream->doc_count; d++) {
		struct screen s;
		if (screen_document(&s, schema, NULL, stream, stream->docs[d]) != 0) {
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
			/* An alias to a scalar already written has no bytes of its own. */
			if (node->start.offset >= pos) {
				echo_buf_append(out, stream->source + pos, node->start.offset - pos);
				redact_scalar(out, stream, s.found, i, j);
				pos = node->end.offset;
			}
			replaced += (long)(j - i);
			i = j;
		}
		screen_free(&s);
	}
	echo_buf_append(out, stream->source + pos, stream->source_len - pos);
	return out->failed ? -1 : replaced;
}

/* Review: writing the deid block ------------------------------------------ */

struct editor {
	const echo_stream *stream;
	const char *nl;             /* the file's line ending */
	echo_buf *out;
	size_t pos;                 /* source copied up to here */
};

/* Copies the source up to at, then writes text there. */
static void edit_insert(struct editor *e, size_t at, const char *text, size_t len)
{
	echo_buf_append(e->out, e->stream->source + e->pos, at - e->pos);
	echo_buf_append(e->out, text, len);
	e->pos = at;
}

/* Where the source of node ends: its last scalar's end, or a flow
 * collection's closing bracket; a block collection's own end is the next
 * token's start, and an alias's node lies earlier, so the largest end
 * below node is taken. */
static size_t last_end(const echo_node *node)
{
	if (echo_node_is_scalar(node) || node->style == ECHO_STYLE_FLOW)
		return node->end.offset;
	size_t end = node->start.offset;
	for (size_t i = 0; i < node->count; i++) {
		size_t e = node->type == ECHO_NODE_SEQ ? last_end(node->items[i])
		                                       : last_end(node->pairs[i].value);
		if (e > end)
			end = e;
	}
	return end;
}

/* The start of the line after the one holding offset at (or the end of
 * the source); *newline is set when the source ends without one. */
static size_t next_line(const echo_stream *stream, size_t at, int *newline)
{
	const char *s = stream->source;
	*newline = 0;
	if (at > 0 && (s[at - 1] == '\n' || s[at - 1] == '\r'))
		return at;
	while (at < stream->source_len && s[at] != '\n' && s[at] != '\r')
		at++;
	if (at >= stream->source_len) {
		*newline = 1;
		return at;
	}
	if (s[at] == '\r' && at + 1 < stream->source_len && s[at + 1] == '\n')
		at++;
	return at + 1;
}

/* Inserts the lines in b on the line after node ends, starting a line
 * first where the source ends without one. */
static void insert_after(struct editor *e, const echo_stream *stream, const echo_node *node,
                         const echo_buf *b)
{
	int newline;
	size_t at = next_line(stream, last_end(node), &newline);
	echo_buf tmp = ECHO_BUF_INIT;
	if (newline)
		echo_buf_puts(&tmp, e->nl);
	echo_buf_append(&tmp, b->data ? b->data : "", b->len);
	edit_insert(e, at, tmp.data ? tmp.data : "", tmp.len);
	echo_buf_free(&tmp);
}

static void pad(echo_buf *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		echo_buf_putc(b, ' ');
}

/* Appends the items for findings, as block sequence entries at column
 * indent (0-based). */
static void put_items(echo_buf *b, const struct editor *e, const struct finding *found,
                      size_t count, size_t indent, const char *reason)
{
	echo_buf text = ECHO_BUF_INIT;
	for (size_t i = 0; i < count; i++) {
		const struct finding *f = &found[i];
		echo_buf_clear(&text);
		item_text(&text, finding_text(f), f->tend - f->tstart);
		pad(b, indent);
		echo_buf_puts(b, "- text: ");
		put_quoted(b, text.data ? text.data : "", text.len);
		echo_buf_printf(b, "%s", e->nl);
		pad(b, indent + 2);
		echo_buf_printf(b, "rule: %s%s", echo_phi_rule(f->category), e->nl);
		pad(b, indent + 2);
		echo_buf_puts(b, "reason: ");
		put_quoted(b, reason, strlen(reason));
		echo_buf_puts(b, e->nl);
	}
	echo_buf_free(&text);
}

/* Keeps the first finding of each text and rule, so a name said twice is
 * one item. */
static size_t unique_open(struct finding *found, size_t count)
{
	size_t n = 0;
	for (size_t i = 0; i < count; i++) {
		const struct finding *f = &found[i];
		if (f->reviewed)
			continue;
		int seen = 0;
		for (size_t k = 0; k < n && !seen; k++) {
			const struct finding *g = &found[k];
			seen = g->category == f->category && g->tend - g->tstart == f->tend - f->tstart &&
			       memcmp(finding_text(g), finding_text(f), f->tend - f->tstart) == 0;
		}
		if (!seen)
			found[n++] = *f;
	}
	return n;
}

static void refuse(echo_diags *diags, const echo_stream *stream, const echo_node *at,
                   const char *what)
{
	echo_diags_add(diags, ECHO_ERROR, stream->path, at ? at->start.line : 0,
	               at ? at->start.col : 0, "review-layout",
	               "cannot add the review here: %s; write the deid block by hand", what);
}

/* The reviewer's line (unless reviewer is NULL) and, with a date given and
 * dated set, the review's date, at column col. */
static void put_reviewer(echo_buf *b, const struct editor *e, size_t col, const char *reviewer,
                         const echo_deid_review *review, int dated)
{
	if (reviewer) {
		pad(b, col);
		echo_buf_puts(b, "reviewed_by: ");
		put_quoted(b, reviewer, strlen(reviewer));
		echo_buf_puts(b, e->nl);
	}
	if (dated && review && review->reviewed_on) {
		pad(b, col);
		echo_buf_printf(b, "reviewed_on: %s%s", review->reviewed_on, e->nl);
	}
}

/* Adds the open findings of one document to its deid block.  Returns the
 * items added, or -1 (diags say why). */
static long review_document(struct editor *e, const echo_schema *schema,
                            const echo_screen_options *options, const echo_node *root,
                            const echo_deid_review *review, echo_diags *diags)
{
	struct screen s;
	const echo_stream *stream = e->stream;
	if (screen_document(&s, schema, options, stream, root) != 0) {
		screen_free(&s);
		echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "memory", "out of memory");
		return -1;
	}
	size_t n = unique_open(s.found, s.count);
	long added = (long)n;
	if (n == 0) {
		screen_free(&s);
		return 0;
	}
	const char *reviewer = review && review->reviewer ? review->reviewer : ECHO_DEID_TODO;
	const char *reason = review && review->reason ? review->reason : ECHO_DEID_TODO
	                     ": check this is not PHI and say why";
	echo_buf b = ECHO_BUF_INIT;
	const echo_node *deid = echo_node_get(root, "deid");
	const echo_node *deid_key = NULL;
	for (size_t i = 0; root && root->type == ECHO_NODE_MAP && i < root->count; i++)
		if (root->pairs[i].value == deid && !root->pairs[i].key->duplicate)
			deid_key = root->pairs[i].key;
	if (!root || root->type != ECHO_NODE_MAP || root->style == ECHO_STYLE_FLOW ||
	    root->count == 0) {
		refuse(diags, stream, root, "the document is not a block mapping of keys");
		added = -1;
	} else if (deid && deid->type == ECHO_NODE_NULL &&
	           (deid->style != ECHO_STYLE_PLAIN || deid->text_len || !deid_key)) {
		refuse(diags, stream, deid_key, "'deid' is written as null; leave it empty or remove it");
		added = -1;
	} else if (!deid || deid->type == ECHO_NODE_NULL) {
		/* A new block after the document's last line, or in place of an
		 * empty deid. */
		size_t col = root->pairs[0].key->start.col - 1;
		int newline;
		size_t at;
		if (deid) {
			/* Just past the key's ':'. */
			at = deid_key->end.offset;
			while (at < stream->source_len && stream->source[at] != ':')
				at++;
			at = at < stream->source_len ? at + 1 : at;
			echo_buf_puts(&b, e->nl);
			col += 2;
		} else {
			at = next_line(stream, last_end(root), &newline);
			if (newline)
				echo_buf_puts(&b, e->nl);
			pad(&b, col);
			echo_buf_printf(&b, "deid:%s", e->nl);
			col += 2;
		}
		put_reviewer(&b, e, col, reviewer, review, 1);
		pad(&b, col);
		echo_buf_printf(&b, "items:%s", e->nl);
		put_items(&b, e, s.found, n, col + 2, reason);
		if (deid && b.len >= strlen(e->nl))
			b.len -= strlen(e->nl);   /* the empty value's line keeps its own break */
		edit_insert(e, at, b.data ? b.data : "", b.len);
	} else if (deid->type != ECHO_NODE_MAP || deid->style == ECHO_STYLE_FLOW || !deid->count) {
		refuse(diags, stream, deid_key, "'deid' is not a block mapping");
		added = -1;
	} else {
		const echo_node *items = echo_node_get(deid, "items");
		size_t col = deid->pairs[0].key->start.col - 1;
		put_reviewer(&b, e, col, echo_node_get(deid, "reviewed_by") ? NULL : reviewer, review,
		             !echo_node_get(deid, "reviewed_on"));
		if (!items) {
			pad(&b, col);
			echo_buf_printf(&b, "items:%s", e->nl);
			put_items(&b, e, s.found, n, col + 2, reason);
			insert_after(e, stream, deid, &b);
		} else if (items->type == ECHO_NODE_SEQ && items->style != ECHO_STYLE_FLOW &&
		           items->count) {
			if (b.len) {
				/* reviewed_by and reviewed_on go before the items, at the deid's indentation. */
				size_t at = deid->pairs[0].key->start.offset - (deid->pairs[0].key->start.col - 1);
				edit_insert(e, at, b.data, b.len);
				echo_buf_clear(&b);
			}
			size_t dash = items->items[0]->start.col - 1;
			/* The first item's '-' is where the sequence starts. */
			if (items->start.col >= 1 && items->start.col - 1 < dash)
				dash = items->start.col - 1;
			put_items(&b, e, s.found, n, dash, reason);
			insert_after(e, stream, items, &b);
		} else {
			const echo_node *key = NULL;
			for (size_t i = 0; i < deid->count; i++)
				if (deid->pairs[i].value == items)
					key = deid->pairs[i].key;
			refuse(diags, stream, key, "'deid.items' is not a list of items written one per line");
			added = -1;
		}
	}
	echo_buf_free(&b);
	screen_free(&s);
	return added;
}

long echo_schema_review(const echo_schema *schema, const echo_stream *stream,
                        const echo_screen_options *options, const echo_deid_review *review,
                        echo_buf *out, echo_diags *diags)
{
	struct editor e = {stream, "\n", out, 0};
	if (memchr(stream->source, '\r', stream->source_len))
		e.nl = "\r\n";
	long added = 0;
	for (size_t d = 0; d < stream->doc_count; d++) {
		long n = review_document(&e, schema, options, stream->docs[d], review, diags);
		if (n < 0)
			return -1;
		added += n;
	}
	echo_buf_append(out, stream->source + e.pos, stream->source_len - e.pos);
	return out->failed ? -1 : added;
}
