/* Load: libyaml events into a tree of located nodes, with limits on size,
 * depth, aliases and expansion, and encoding checks before parsing. */
#include "echo/doc.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "node.h"
#include "echo/file.h"
#include "echo/pos.h"
#include "utf8.h"

const echo_limits echo_default_limits = {
	.max_bytes = 8u * 1024 * 1024,
	.max_depth = 64,
	.max_aliases = 256,
	.max_nodes = 1000000,
	.max_documents = 10000,
};

/* The encoding a file of wide characters is in (by its byte order mark,
 * or by NUL bytes where ASCII text has its high bytes), or NULL.  UTF-32
 * is looked for first: its little-endian mark begins with UTF-16's. */
static const char *wide_encoding(const unsigned char *u, size_t len)
{
	if (len >= 4 && ((u[0] == 0xff && u[1] == 0xfe && !u[2] && !u[3]) ||
	                 (!u[0] && !u[1] && u[2] == 0xfe && u[3] == 0xff)))
		return "UTF-32";
	if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)))
		return "UTF-16";
	/* No mark: an ASCII first character tells, as YAML 1.2 says. */
	if (len >= 4 && ((u[0] && !u[1] && !u[2] && !u[3]) || (!u[0] && !u[1] && !u[2] && u[3])))
		return "UTF-32";
	if (len >= 2 && ((u[0] && u[0] < 0x80 && !u[1]) || (!u[0] && u[1] && u[1] < 0x80)))
		return "UTF-16";
	return NULL;
}

/* The code point of the valid UTF-8 sequence at u. */
static unsigned long control_point(const unsigned char *u)
{
	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xe0)
		return ((u[0] & 0x1fUL) << 6) | (u[1] & 0x3f);
	return ((u[0] & 0x0fUL) << 12) | ((u[1] & 0x3fUL) << 6) | (u[2] & 0x3f);
}

/* The bytes of w, eight ASCII bytes, that YAML does not allow: controls
 * but tab, line feed and carriage return, and DEL (each a byte's high
 * bit).  Each test is exact byte by byte: no sum carries into the next
 * byte, as every byte is below 0x80. */
static uint64_t yaml_controls(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t below = ~(w + 0x60 * ones) & highs;
	uint64_t del = (w + ones) & highs;
	uint64_t tab = w ^ (0x09 * ones), lf = w ^ (0x0a * ones), cr = w ^ (0x0d * ones);
	uint64_t allowed = ~((tab + 0x7f * ones) & (lf + 0x7f * ones) & (cr + 0x7f * ones)) & highs;
	return (below & ~allowed) | del;
}

/* Encoding checks that give a clearer message, with a position, than the
 * YAML parser would; with yaml, also the characters YAML does not allow.
 * Returns 0 if the text may be parsed. */
static int check_text(const char *path, const char *s, size_t len, int yaml,
                      echo_diags *diags)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *wide = wide_encoding(u, len);
	if (wide) {
		echo_diags_add(diags, ECHO_ERROR, path, 1, 1, "encoding",
		               "file is %s; save it as UTF-8", wide);
		return -1;
	}
	if (memchr(s, '\0', len)) {
		size_t at = (size_t)((const char *)memchr(s, '\0', len) - s);
		echo_pos pos = echo_pos_at(s, len, at);
		echo_diags_add(diags, ECHO_ERROR, path, pos.line, pos.col, "encoding",
		               "binary data (a NUL byte): this is not a text file");
		return -1;
	}
	size_t i = 0;
	while (i < len) {
		/* Eight bytes at a time while they are ASCII that may stand in
		 * the text: no byte with its high bit set, and with yaml none
		 * that yaml_controls finds. */
		while (len - i >= 8) {
			uint64_t w;
			memcpy(&w, u + i, 8);
			if ((w & 0x8080808080808080u) || (yaml && yaml_controls(w)))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char c = u[i];
		if (c < 0x80) {
			if (yaml && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f))
				goto control;
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = echo_utf8_decode(u + i, len - i, &cp);
		if (!n)
			goto bad;
		/* What YAML does not allow either: C1 controls but NEL, a byte
		 * order mark past the start, and the two noncharacters. */
		if (yaml && ((cp >= 0x80 && cp <= 0x9f && cp != 0x85) || (cp == 0xfeff && i != 0) ||
		             cp == 0xfffe || cp == 0xffff))
			goto control;
		i += n;
	}
	return 0;
control:;
	/* libyaml says so too, but at the start of the file. */
	echo_pos at = echo_pos_at(s, len, i);
	echo_diags_add(diags, ECHO_ERROR, path, at.line, at.col, "yaml-syntax",
	               "control character U+%04lX is not allowed; YAML text holds none but tab "
	               "and line breaks", control_point(u + i));
	return -1;
bad:;
	echo_pos pos = echo_pos_at(s, len, i);
	int cp1252 = u[i] >= 0x80 && u[i] <= 0x9f;
	echo_diags_add(diags, ECHO_ERROR, path, pos.line, pos.col, "encoding",
	               "invalid UTF-8 byte 0x%02X%s", u[i],
	               cp1252 ? " (text pasted from Windows-1252, such as Word's curly quotes? save the file as UTF-8)"
	                      : "; save the file as UTF-8");
	return -1;
}

int echo_text_check(const char *path, const char *text, size_t len, echo_diags *diags)
{
	return check_text(path, text, len, 0, diags);
}

/* The reading state of a stream, kept between documents when the stream is
 * read one document at a time (echo_stream_next). */
struct echo_loader {
	echo_stream *stream;
	const echo_limits *limits;
	echo_diags *diags;        /* of the current call */
	yaml_parser_t parser;
	int parser_ready;
	echo_node **stack;
	size_t depth;
	struct anchor {
		char *name;
		echo_node *node;
	} *anchors;
	size_t anchor_count, anchor_cap;
	size_t aliases;
	size_t expanded;
	size_t documents;         /* roots read so far in the stream */
	echo_pair **sorted;       /* check_duplicates' scratch */
	size_t sorted_cap;
	int failed;               /* stop: error already reported */
	int done;                 /* the stream's end, or an error, was reached */
};

/* libyaml marks count code points; nodes keep byte offsets too, so that
 * later stages can point into the source and redact byte ranges.  Marks
 * come in source order, so the line index's cursor makes this one pass. */
static echo_pos pos_from_mark(const struct echo_loader *ld, yaml_mark_t mark)
{
	return echo_lines_mark(ld->stream->lines, mark.line, mark.column);
}

static void fail(struct echo_loader *ld, echo_pos pos, const char *rule,
                 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	echo_diags_vadd(ld->diags, ECHO_ERROR, ld->stream->path, pos.line, pos.col, rule, fmt, ap);
	va_end(ap);
	ld->failed = 1;
}

static int match_word(const char *t, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(t, *words) == 0)
			return 1;
	return 0;
}

/* The words of the YAML 1.2 core schema: null, booleans, infinities and
 * NaN.  Returns 1 and sets the node's type and value if text is one. */
static int resolve_word(echo_node *node)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL", NULL};
	static const char *const trues[] = {"true", "True", "TRUE", NULL};
	static const char *const falses[] = {"false", "False", "FALSE", NULL};
	static const char *const infs[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL};
	static const char *const ninfs[] = {"-.inf", "-.Inf", "-.INF", NULL};
	static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};
	const char *t = node->text;
	if (match_word(t, nulls)) {
		node->type = ECHO_NODE_NULL;
		return 1;
	}
	if (match_word(t, trues) || match_word(t, falses)) {
		node->type = ECHO_NODE_BOOL;
		node->boolean = match_word(t, trues);
		return 1;
	}
	if (match_word(t, infs) || match_word(t, ninfs) || match_word(t, nans)) {
		node->type = ECHO_NODE_FLOAT;
		node->number = match_word(t, nans) ? NAN : match_word(t, infs) ? INFINITY : -INFINITY;
		return 1;
	}
	return 0;
}

/* YAML 1.2 core schema resolution of a plain scalar. */
static void resolve_plain(echo_node *node)
{
	const char *t = node->text;
	node->type = ECHO_NODE_STRING;
	/* Every word of resolve_word has at most 6 bytes and starts with one
	 * of these (or is empty): most scalars are spared the comparisons. */
	if (node->text_len <= 6 && strchr("~nNtTfF.+-", t[0]) && resolve_word(node))
		return;
	const char *p = t;
	int base = 10;
	if (p[0] == '0' && p[1] == 'o' && p[2]) {
		base = 8;
		p += 2;
	} else if (p[0] == '0' && p[1] == 'x' && p[2]) {
		base = 16;
		p += 2;
	}
	char *end;
	errno = 0;
	if (base != 10 || ((*p == '-' || *p == '+') ? p[1] >= '0' && p[1] <= '9' : *p >= '0' && *p <= '9')) {
		long long v = strtoll(p, &end, base);
		if (*end == '\0' && errno == 0 && !(base != 10 && (*p == '-' || *p == '+'))) {
			node->type = ECHO_NODE_INT;
			node->integer = v;
			node->number = (double)v;
			return;
		}
	}
	/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
	p = t;
	if (*p == '-' || *p == '+')
		p++;
	size_t digits = 0;
	while (*p >= '0' && *p <= '9') {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			digits++;
		}
	}
	if (digits && (*p == 'e' || *p == 'E')) {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (digits && *p == '\0') {
		node->type = ECHO_NODE_FLOAT;
		node->number = strtod(t, NULL);
	}
}

static int push_child(struct echo_loader *ld, echo_node *node)
{
	if (ld->depth == 0) {
		ld->documents++;
		size_t n = ld->stream->doc_count;
		echo_node **docs = realloc(ld->stream->docs, (n + 1) * sizeof *docs);
		if (!docs)
			return -1;
		docs[n] = node;
		ld->stream->docs = docs;
		ld->stream->doc_count = n + 1;
		return 0;
	}
	echo_node *parent = ld->stack[ld->depth - 1];
	parent->weight += node->weight;
	if (parent->type == ECHO_NODE_SEQ)
		return echo_stream_seq_push(ld->stream, parent, node);
	/* A map collects keys and values alternately in pairs. */
	if (parent->count > 0 && parent->pairs[parent->count - 1].value == NULL) {
		parent->pairs[parent->count - 1].value = node;
		return 0;
	}
	if (echo_node_add_pair(ld->stream, parent, node, NULL) != 0)
		return -1;
	if (!echo_node_is_scalar(node))
		fail(ld, node->start, "yaml-key",
		     "a key must be plain text, not a %s", echo_node_type_name(node->type));
	return 0;
}

static int cmp_pair_key(const void *a, const void *b)
{
	const echo_pair *pa = *(const echo_pair *const *)a;
	const echo_pair *pb = *(const echo_pair *const *)b;
	int c = strcmp(pa->key->text, pb->key->text);
	if (c)
		return c;
	return pa->key->start.offset < pb->key->start.offset ? -1 : 1;
}

/* Does a map of a few keys have a key twice?  Every pair is compared,
 * the first bytes first: for the maps most documents have, that costs
 * less than sorting them. */
#define FEW_KEYS 16
static int few_keys_repeat(const echo_node *map)
{
	for (size_t i = 1; i < map->count; i++) {
		const char *k = map->pairs[i].key->text;
		for (size_t j = 0; j < i; j++) {
			const char *q = map->pairs[j].key->text;
			if (q[0] == k[0] && strcmp(q, k) == 0)
				return 1;
		}
	}
	return 0;
}

/* Flags repeated keys, in O(n log n) so that a huge map cannot stall. */
static int check_duplicates(struct echo_loader *ld, echo_node *map)
{
	if (map->count < 2)
		return 0;
	if (map->count <= FEW_KEYS && !few_keys_repeat(map))
		return 0;
	/* One scratch array for every map of the stream, not one each. */
	if (ld->sorted_cap < map->count) {
		free(ld->sorted);
		ld->sorted_cap = map->count > 64 ? map->count : 64;
		ld->sorted = malloc(ld->sorted_cap * sizeof *ld->sorted);
		if (!ld->sorted) {
			ld->sorted_cap = 0;
			return -1;
		}
	}
	echo_pair **sorted = ld->sorted;
	for (size_t i = 0; i < map->count; i++)
		sorted[i] = &map->pairs[i];
	qsort(sorted, map->count, sizeof *sorted, cmp_pair_key);
	for (size_t i = 1; i < map->count; i++) {
		echo_pair *first = sorted[i - 1];
		echo_pair *p = sorted[i];
		if (strcmp(first->key->text, p->key->text) != 0)
			continue;
		/* Point every repeat back at the first occurrence. */
		size_t j = i - 1;
		while (j > 0 && strcmp(sorted[j - 1]->key->text, p->key->text) == 0)
			j--;
		first = sorted[j];
		p->key->duplicate = 1;
		/* A second top-level "schema" is most often two files joined
		 * without a document marker between them. */
		int joined = ld->depth == 0 && strcmp(p->key->text, "schema") == 0;
		echo_diags_add(ld->diags, ECHO_ERROR, ld->stream->path, p->key->start.line,
		               p->key->start.col, "duplicate-key",
		               "duplicate key '%s' (first defined at line %zu)%s",
		               p->key->text, first->key->start.line,
		               joined ? "; joined files? start each document with a '---' line" : "");
	}
	return 0;
}

static int add_anchor(struct echo_loader *ld, const yaml_char_t *name, echo_node *node)
{
	if (!name)
		return 0;
	for (size_t i = 0; i < ld->anchor_count; i++)
		if (strcmp(ld->anchors[i].name, (const char *)name) == 0) {
			ld->anchors[i].node = node;
			return 0;
		}
	if (ld->anchor_count == ld->anchor_cap) {
		size_t cap = ld->anchor_cap ? ld->anchor_cap * 2 : 8;
		struct anchor *a = realloc(ld->anchors, cap * sizeof *a);
		if (!a)
			return -1;
		ld->anchors = a;
		ld->anchor_cap = cap;
	}
	char *copy = echo_arena_strndup(ld->stream->arena, (const char *)name,
	                                strlen((const char *)name));
	if (!copy)
		return -1;
	ld->anchors[ld->anchor_count].name = copy;
	ld->anchors[ld->anchor_count].node = node;
	ld->anchor_count++;
	return 0;
}

static int count_node(struct echo_loader *ld, size_t weight, echo_pos pos)
{
	ld->expanded += weight;
	if (ld->expanded > ld->limits->max_nodes) {
		fail(ld, pos, "limit-nodes",
		     "document expands to more than %zu nodes (an alias bomb?)",
		     ld->limits->max_nodes);
		return -1;
	}
	return 0;
}

static void syntax_error(struct echo_loader *ld, const yaml_parser_t *parser)
{
	yaml_mark_t mark = parser->problem_mark;
	if (parser->error == YAML_MEMORY_ERROR) {
		ld->failed = 1;
		echo_diags_add(ld->diags, ECHO_ERROR, ld->stream->path, 0, 0, "memory",
		               "out of memory while reading YAML");
		return;
	}
	echo_pos pos = pos_from_mark(ld, mark);
	const char *s = ld->stream->source;
	const char *problem = parser->problem ? parser->problem : "YAML syntax error";
	if (pos.offset < ld->stream->source_len && s[pos.offset] == '\t' &&
	    (strstr(problem, "cannot start any token") ||
	     strstr(problem, "tab character that violates indentation"))) {
		fail(ld, pos, "yaml-tab",
		     "a tab character cannot indent YAML; use spaces");
		return;
	}
	if (parser->context && parser->context_mark.line != mark.line)
		echo_diags_add(ld->diags, ECHO_ERROR, ld->stream->path, pos.line, pos.col,
		               "yaml-syntax", "%s %s (which starts at line %zu)", problem,
		               parser->context, parser->context_mark.line + 1);
	else if (parser->context)
		echo_diags_add(ld->diags, ECHO_ERROR, ld->stream->path, pos.line, pos.col,
		               "yaml-syntax", "%s %s", problem, parser->context);
	else
		echo_diags_add(ld->diags, ECHO_ERROR, ld->stream->path, pos.line, pos.col,
		               "yaml-syntax", "%s", problem);
	ld->failed = 1;
}

static int handle_event(struct echo_loader *ld, yaml_event_t *ev)
{
	echo_stream *stream = ld->stream;
	echo_pos start = pos_from_mark(ld, ev->start_mark);
	echo_pos end = pos_from_mark(ld, ev->end_mark);
	echo_node *node;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (ld->documents >= ld->limits->max_documents) {
			fail(ld, start, "limit-documents",
			     "more than %zu documents in one stream",
			     ld->limits->max_documents);
			return -1;
		}
		ld->anchor_count = 0;
		ld->aliases = 0;
		return 0;
	case YAML_SCALAR_EVENT:
		if (count_node(ld, 1, start) != 0)
			return -1;
		node = echo_stream_new_string(stream, (const char *)ev->data.scalar.value,
		                              ev->data.scalar.length);
		if (!node)
			return -1;
		node->start = start;
		node->end = end;
		switch (ev->data.scalar.style) {
		case YAML_SINGLE_QUOTED_SCALAR_STYLE: node->style = ECHO_STYLE_SINGLE; break;
		case YAML_DOUBLE_QUOTED_SCALAR_STYLE: node->style = ECHO_STYLE_DOUBLE; break;
		case YAML_LITERAL_SCALAR_STYLE: node->style = ECHO_STYLE_LITERAL; break;
		case YAML_FOLDED_SCALAR_STYLE: node->style = ECHO_STYLE_FOLDED; break;
		default: node->style = ECHO_STYLE_PLAIN; break;
		}
		/* A plain scalar with an explicit tag (!!str) is not resolved. */
		if (node->style == ECHO_STYLE_PLAIN && ev->data.scalar.plain_implicit)
			resolve_plain(node);
		if (add_anchor(ld, ev->data.scalar.anchor, node) != 0)
			return -1;
		return push_child(ld, node);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (ld->depth >= ld->limits->max_depth) {
			fail(ld, start, "limit-depth", "nesting deeper than %zu levels",
			     ld->limits->max_depth);
			return -1;
		}
		if (count_node(ld, 1, start) != 0)
			return -1;
		node = ev->type == YAML_SEQUENCE_START_EVENT ? echo_stream_new_seq(stream)
		                                             : echo_stream_new_map(stream);
		if (!node)
			return -1;
		node->style = (ev->type == YAML_SEQUENCE_START_EVENT
		                       ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
		                       : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE)
		                      ? ECHO_STYLE_FLOW
		                      : ECHO_STYLE_PLAIN;
		node->start = start;
		if (add_anchor(ld, ev->type == YAML_SEQUENCE_START_EVENT
		                       ? ev->data.sequence_start.anchor
		                       : ev->data.mapping_start.anchor,
		               node) != 0)
			return -1;
		ld->stack[ld->depth++] = node;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		node = ld->stack[--ld->depth];
		node->end = end;
		if (node->type == ECHO_NODE_MAP && check_duplicates(ld, node) != 0)
			return -1;
		return push_child(ld, node);
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		if (++ld->aliases > ld->limits->max_aliases) {
			fail(ld, start, "limit-aliases", "more than %zu aliases in one document",
			     ld->limits->max_aliases);
			return -1;
		}
		for (size_t i = ld->anchor_count; i-- > 0;) {
			if (strcmp(ld->anchors[i].name, name) != 0)
				continue;
			node = ld->anchors[i].node;
			/* An alias to a collection still being built refers to
			 * itself: a cycle that no template could walk. */
			for (size_t d = 0; d < ld->depth; d++)
				if (ld->stack[d] == node) {
					fail(ld, start, "yaml-alias", "alias *%s refers to its own parent", name);
					return -1;
				}
			/* Aliases share the anchored node; count it as if copied. */
			if (count_node(ld, node->weight, start) != 0)
				return -1;
			return push_child(ld, node);
		}
		fail(ld, start, "yaml-alias", "unknown alias *%s", name);
		return -1;
	}
	default:
		return 0;
	}
}

/* A stream over data, which it takes (malloc'd, len + 1 bytes with a NUL
 * at len), checked for size and encoding and ready to read; NULL when
 * memory runs out (data is freed then). */
static echo_stream *stream_open(const char *path, char *data, size_t len,
                                const echo_limits *limits, echo_diags *diags)
{
	if (!limits)
		limits = &echo_default_limits;
	echo_stream *stream = calloc(1, sizeof *stream);
	struct echo_loader *ld = calloc(1, sizeof *ld);
	if (!stream || !ld) {
		free(stream);
		free(ld);
		free(data);
		return NULL;
	}
	stream->loader = ld;
	stream->source = data;
	stream->source_len = len;
	stream->arena = echo_arena_new();
	stream->path = strdup(path ? path : "<input>");
	stream->lines = echo_lines_new(data, len);
	ld->stream = stream;
	ld->limits = limits;
	ld->done = 1;
	if (!stream->arena || !stream->path || !stream->lines) {
		echo_stream_free(stream);
		return NULL;
	}
	if (len > limits->max_bytes) {
		echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "limit-size",
		               "input is %zu bytes, more than the limit of %zu", len,
		               limits->max_bytes);
		return stream;
	}
	if (check_text(stream->path, data, len, 1, diags) != 0)
		return stream;
	ld->stack = malloc((limits->max_depth + 1) * sizeof *ld->stack);
	if (!ld->stack || !yaml_parser_initialize(&ld->parser)) {
		echo_stream_free(stream);
		return NULL;
	}
	ld->parser_ready = 1;
	yaml_parser_set_input_string(&ld->parser, (const unsigned char *)stream->source, len);
	ld->done = 0;
	return stream;
}

/* Reads events up to the end of the next document, whose root is added to
 * stream->docs.  Returns 1 for a document, 0 at the end of the stream or
 * after an error (in diags), -1 when memory runs out. */
static int read_document(struct echo_loader *ld, echo_diags *diags)
{
	if (ld->done)
		return 0;
	echo_stream *stream = ld->stream;
	size_t docs_complete = stream->doc_count;
	ld->diags = diags;
	int rc = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&ld->parser, &ev)) {
			syntax_error(ld, &ld->parser);
			rc = ld->failed ? 0 : -1;
			break;
		}
		int type = ev.type;
		int failed = handle_event(ld, &ev);
		yaml_event_delete(&ev);
		if (failed) {
			rc = ld->failed ? 0 : -1;
			break;
		}
		if (type == YAML_DOCUMENT_END_EVENT) {
			ld->diags = NULL;
			return 1;
		}
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	/* A document cut short by an error is not handed on half-built. */
	stream->doc_count = docs_complete;
	ld->done = 1;
	ld->diags = NULL;
	return rc;
}

echo_stream *echo_stream_open(const char *path, const char *data, size_t len,
                              const echo_limits *limits, echo_diags *diags)
{
	char *copy = malloc(len + 1);
	if (!copy)
		return NULL;
	if (len)
		memcpy(copy, data, len);
	copy[len] = '\0';
	return stream_open(path, copy, len, limits, diags);
}

echo_stream *echo_stream_open_file(const char *path, const echo_limits *limits,
                                   echo_diags *diags)
{
	if (!limits)
		limits = &echo_default_limits;
	size_t len;
	char *data = echo_file_read(path, limits->max_bytes, &len, diags);
	if (!data)
		return NULL;
	return stream_open(strcmp(path, "-") == 0 ? "<stdin>" : path, data, len, limits, diags);
}

int echo_stream_next(echo_stream *stream, echo_diags *diags)
{
	/* The document read before goes, with every node built since. */
	echo_arena_reset(stream->arena);
	stream->doc_count = 0;
	return read_document(stream->loader, diags);
}

/* Reads every document of a freshly opened stream. */
static echo_stream *read_all(echo_stream *stream, echo_diags *diags)
{
	if (!stream)
		return NULL;
	int rc;
	while ((rc = read_document(stream->loader, diags)) > 0)
		;
	if (rc < 0) {
		echo_stream_free(stream);
		return NULL;
	}
	return stream;
}

echo_stream *echo_stream_load(const char *path, const char *data, size_t len,
                              const echo_limits *limits, echo_diags *diags)
{
	return read_all(echo_stream_open(path, data, len, limits, diags), diags);
}

echo_stream *echo_stream_load_file(const char *path, const echo_limits *limits,
                                   echo_diags *diags)
{
	return read_all(echo_stream_open_file(path, limits, diags), diags);
}

void echo_stream_free(echo_stream *stream)
{
	if (!stream)
		return;
	struct echo_loader *ld = stream->loader;
	if (ld) {
		if (ld->parser_ready)
			yaml_parser_delete(&ld->parser);
		free(ld->stack);
		free(ld->anchors);
		free(ld->sorted);
		free(ld);
	}
	echo_lines_free(stream->lines);
	echo_arena_free(stream->arena);
	free(stream->path);
	free(stream->source);
	free(stream->docs);
	free(stream);
}
