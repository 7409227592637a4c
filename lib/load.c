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
#include "echo/file.h"

const echo_limits echo_default_limits = {
	.max_bytes = 8u * 1024 * 1024,
	.max_depth = 64,
	.max_aliases = 256,
	.max_nodes = 1000000,
	.max_documents = 10000,
};

echo_pos echo_pos_at(const char *text, size_t len, size_t offset)
{
	echo_pos pos = {1, 1, offset};
	if (offset > len)
		offset = len;
	for (size_t i = 0; i < offset; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n' || (c == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
			pos.line++;
			pos.col = 1;
		} else if ((c & 0xc0) != 0x80 && c != '\r') {
			pos.col++;
		}
	}
	return pos;
}

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
		unsigned char c = u[i];
		size_t n;
		uint32_t cp;
		if (c < 0x80) {
			if (yaml && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f))
				goto control;
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (u[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (u[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		/* What YAML does not allow either: C1 controls but NEL, a byte
		 * order mark past the start, and the two noncharacters. */
		if (yaml && ((cp >= 0x80 && cp <= 0x9f && cp != 0x85) || (cp == 0xfeff && i != 0) ||
		             cp == 0xfffe || cp == 0xffff))
			goto control;
		i += n + 1;
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

struct loader {
	echo_stream *stream;
	const echo_limits *limits;
	echo_diags *diags;
	size_t *line_starts;      /* byte offset of each 0-based line */
	size_t line_count;
	echo_node **stack;
	size_t depth;
	struct anchor {
		char *name;
		echo_node *node;
	} *anchors;
	size_t anchor_count, anchor_cap;
	size_t aliases;
	size_t expanded;
	int failed;               /* stop: error already reported */
};

static int index_lines(struct loader *ld)
{
	const char *s = ld->stream->source;
	size_t len = ld->stream->source_len;
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n')))
			n++;
	ld->line_starts = malloc(n * sizeof *ld->line_starts);
	if (!ld->line_starts)
		return -1;
	size_t k = 0;
	/* libyaml skips a UTF-8 byte order mark without counting it. */
	ld->line_starts[k++] = (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) ? 3 : 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n')))
			ld->line_starts[k++] = i + 1;
	ld->line_count = k;
	return 0;
}

/* libyaml marks count code points; nodes keep byte offsets too, so that
 * later stages can point into the source and redact byte ranges. */
static echo_pos pos_from_mark(const struct loader *ld, yaml_mark_t mark)
{
	echo_pos pos = {mark.line + 1, mark.column + 1, 0};
	if (mark.line >= ld->line_count) {
		pos.offset = ld->stream->source_len;
		return pos;
	}
	const char *s = ld->stream->source;
	size_t len = ld->stream->source_len;
	size_t i = ld->line_starts[mark.line];
	for (size_t c = 0; c < mark.column && i < len; c++) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
	}
	pos.offset = i;
	return pos;
}

static void fail(struct loader *ld, echo_pos pos, const char *rule,
                 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	echo_diags_vadd(ld->diags, ECHO_ERROR, ld->stream->path, pos.line, pos.col, rule, fmt, ap);
	va_end(ap);
	ld->failed = 1;
}

static echo_node *node_new(echo_stream *stream, echo_node_type type)
{
	echo_node *node = echo_arena_alloc(stream->arena, sizeof *node);
	if (node) {
		node->type = type;
		node->style = ECHO_STYLE_COMPUTED;
		node->weight = 1;
		node->text = "";
	}
	return node;
}

static int match_word(const char *t, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(t, *words) == 0)
			return 1;
	return 0;
}

/* YAML 1.2 core schema resolution of a plain scalar. */
static void resolve_plain(echo_node *node)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL", NULL};
	static const char *const trues[] = {"true", "True", "TRUE", NULL};
	static const char *const falses[] = {"false", "False", "FALSE", NULL};
	static const char *const infs[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL};
	static const char *const ninfs[] = {"-.inf", "-.Inf", "-.INF", NULL};
	static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};
	const char *t = node->text;
	node->type = ECHO_NODE_STRING;
	if (match_word(t, nulls)) {
		node->type = ECHO_NODE_NULL;
		return;
	}
	if (match_word(t, trues) || match_word(t, falses)) {
		node->type = ECHO_NODE_BOOL;
		node->boolean = match_word(t, trues);
		return;
	}
	if (match_word(t, infs) || match_word(t, ninfs) || match_word(t, nans)) {
		node->type = ECHO_NODE_FLOAT;
		node->number = match_word(t, nans) ? NAN : match_word(t, infs) ? INFINITY : -INFINITY;
		return;
	}
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

static int push_child(struct loader *ld, echo_node *node)
{
	if (ld->depth == 0) {
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
	if (parent->count == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 4;
		echo_pair *pairs = echo_arena_alloc(ld->stream->arena, cap * sizeof *pairs);
		if (!pairs)
			return -1;
		if (parent->count)
			memcpy(pairs, parent->pairs, parent->count * sizeof *pairs);
		parent->pairs = pairs;
		parent->cap = cap;
	}
	parent->pairs[parent->count].key = node;
	parent->pairs[parent->count].value = NULL;
	parent->count++;
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

/* Flags repeated keys, in O(n log n) so that a huge map cannot stall. */
static int check_duplicates(struct loader *ld, echo_node *map)
{
	if (map->count < 2)
		return 0;
	echo_pair **sorted = malloc(map->count * sizeof *sorted);
	if (!sorted)
		return -1;
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
	free(sorted);
	return 0;
}

static int add_anchor(struct loader *ld, const yaml_char_t *name, echo_node *node)
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

static int count_node(struct loader *ld, size_t weight, echo_pos pos)
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

static void syntax_error(struct loader *ld, const yaml_parser_t *parser)
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

static int handle_event(struct loader *ld, yaml_event_t *ev)
{
	echo_stream *stream = ld->stream;
	echo_pos start = pos_from_mark(ld, ev->start_mark);
	echo_pos end = pos_from_mark(ld, ev->end_mark);
	echo_node *node;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (stream->doc_count >= ld->limits->max_documents) {
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
		node = node_new(stream, ECHO_NODE_STRING);
		if (!node)
			return -1;
		node->text = echo_arena_strndup(stream->arena, (const char *)ev->data.scalar.value,
		                                ev->data.scalar.length);
		if (!node->text)
			return -1;
		node->text_len = ev->data.scalar.length;
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
		node = node_new(stream, ev->type == YAML_SEQUENCE_START_EVENT ? ECHO_NODE_SEQ
		                                                              : ECHO_NODE_MAP);
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

echo_stream *echo_stream_load(const char *path, const char *data, size_t len,
                              const echo_limits *limits, echo_diags *diags)
{
	if (!limits)
		limits = &echo_default_limits;
	echo_stream *stream = calloc(1, sizeof *stream);
	if (!stream)
		return NULL;
	stream->arena = echo_arena_new();
	stream->path = strdup(path ? path : "<input>");
	stream->source = malloc(len + 1);
	if (!stream->arena || !stream->path || !stream->source) {
		echo_stream_free(stream);
		return NULL;
	}
	if (len)
		memcpy(stream->source, data, len);
	stream->source[len] = '\0';
	stream->source_len = len;

	if (len > limits->max_bytes) {
		echo_diags_add(diags, ECHO_ERROR, stream->path, 0, 0, "limit-size",
		               "input is %zu bytes, more than the limit of %zu", len,
		               limits->max_bytes);
		return stream;
	}
	if (check_text(stream->path, data, len, 1, diags) != 0)
		return stream;

	struct loader ld = {.stream = stream, .limits = limits, .diags = diags};
	ld.stack = malloc((limits->max_depth + 1) * sizeof *ld.stack);
	if (!ld.stack || index_lines(&ld) != 0) {
		free(ld.stack);
		free(ld.line_starts);
		echo_stream_free(stream);
		return NULL;
	}
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		free(ld.stack);
		free(ld.line_starts);
		echo_stream_free(stream);
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)stream->source, len);
	int oom = 0;
	size_t docs_complete = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&ld, &parser);
			break;
		}
		int done = ev.type == YAML_STREAM_END_EVENT;
		int rc = handle_event(&ld, &ev);
		if (ev.type == YAML_DOCUMENT_END_EVENT)
			docs_complete = stream->doc_count;
		yaml_event_delete(&ev);
		if (rc != 0) {
			oom = !ld.failed;
			break;
		}
		if (done)
			break;
	}
	yaml_parser_delete(&parser);
	free(ld.stack);
	free(ld.line_starts);
	free(ld.anchors);
	if (oom) {
		echo_stream_free(stream);
		return NULL;
	}
	/* A document cut short by an error is not handed on half-built. */
	if (stream->doc_count > docs_complete)
		stream->doc_count = docs_complete;
	return stream;
}

echo_stream *echo_stream_load_file(const char *path, const echo_limits *limits,
                                   echo_diags *diags)
{
	if (!limits)
		limits = &echo_default_limits;
	size_t len;
	char *data = echo_file_read(path, limits->max_bytes, &len, diags);
	if (!data)
		return NULL;
	echo_stream *stream = echo_stream_load(strcmp(path, "-") == 0 ? "<stdin>" : path, data,
	                                       len, limits, diags);
	free(data);
	return stream;
}

void echo_stream_free(echo_stream *stream)
{
	if (!stream)
		return;
	echo_arena_free(stream->arena);
	free(stream->path);
	free(stream->source);
	free(stream->docs);
	free(stream);
}

int echo_node_is_scalar(const echo_node *node)
{
	return node && node->type != ECHO_NODE_SEQ && node->type != ECHO_NODE_MAP;
}

echo_node *echo_node_get(const echo_node *map, const char *key)
{
	if (!map || map->type != ECHO_NODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->count; i++) {
		const echo_pair *p = &map->pairs[i];
		if (!p->key->duplicate && p->value && strcmp(p->key->text, key) == 0)
			return p->value;
	}
	return NULL;
}

const char *echo_node_get_text(const echo_node *map, const char *key)
{
	echo_node *n = echo_node_get(map, key);
	return echo_node_is_scalar(n) && n->type != ECHO_NODE_NULL ? n->text : NULL;
}

const char *echo_node_type_name(echo_node_type type)
{
	switch (type) {
	case ECHO_NODE_NULL: return "null";
	case ECHO_NODE_BOOL: return "boolean";
	case ECHO_NODE_INT: return "integer";
	case ECHO_NODE_FLOAT: return "number";
	case ECHO_NODE_STRING: return "text";
	case ECHO_NODE_SEQ: return "list";
	case ECHO_NODE_MAP: return "mapping";
	}
	return "value";
}

echo_node *echo_stream_new_string(echo_stream *stream, const char *text, size_t len)
{
	echo_node *node = node_new(stream, ECHO_NODE_STRING);
	if (!node)
		return NULL;
	node->text = echo_arena_strndup(stream->arena, text, len);
	node->text_len = len;
	return node->text ? node : NULL;
}

echo_node *echo_stream_new_int(echo_stream *stream, long long value)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof tmp, "%lld", value);
	echo_node *node = echo_stream_new_string(stream, tmp, (size_t)n);
	if (node) {
		node->type = ECHO_NODE_INT;
		node->integer = value;
		node->number = (double)value;
	}
	return node;
}

echo_node *echo_stream_new_bool(echo_stream *stream, int value)
{
	echo_node *node = echo_stream_new_string(stream, value ? "true" : "false",
	                                         value ? 4 : 5);
	if (node) {
		node->type = ECHO_NODE_BOOL;
		node->boolean = value != 0;
	}
	return node;
}

echo_node *echo_stream_new_seq(echo_stream *stream)
{
	return node_new(stream, ECHO_NODE_SEQ);
}

echo_node *echo_stream_new_map(echo_stream *stream)
{
	return node_new(stream, ECHO_NODE_MAP);
}

int echo_stream_seq_push(echo_stream *stream, echo_node *seq, echo_node *item)
{
	if (seq->count == seq->cap) {
		size_t cap = seq->cap ? seq->cap * 2 : 4;
		echo_node **items = echo_arena_alloc(stream->arena, cap * sizeof *items);
		if (!items)
			return -1;
		if (seq->count)
			memcpy(items, seq->items, seq->count * sizeof *items);
		seq->items = items;
		seq->cap = cap;
	}
	seq->items[seq->count++] = item;
	return 0;
}

int echo_stream_map_set(echo_stream *stream, echo_node *map, const char *key,
                        echo_node *value)
{
	for (size_t i = 0; i < map->count; i++)
		if (!map->pairs[i].key->duplicate && strcmp(map->pairs[i].key->text, key) == 0) {
			map->pairs[i].value = value;
			return 0;
		}
	if (map->count == map->cap) {
		size_t cap = map->cap ? map->cap * 2 : 4;
		echo_pair *pairs = echo_arena_alloc(stream->arena, cap * sizeof *pairs);
		if (!pairs)
			return -1;
		if (map->count)
			memcpy(pairs, map->pairs, map->count * sizeof *pairs);
		map->pairs = pairs;
		map->cap = cap;
	}
	echo_node *k = echo_stream_new_string(stream, key, strlen(key));
	if (!k)
		return -1;
	map->pairs[map->count].key = k;
	map->pairs[map->count].value = value;
	map->count++;
	return 0;
}

/* Where a scalar's text comes from ------------------------------------------
 *
 * The loader keeps a scalar's decoded text and its extent in the source;
 * these functions re-read the source the way libyaml decodes it (escapes,
 * quote doubling, line folding, block indentation) and record, for each
 * byte of the text, the source byte it was decoded from.  The result is
 * checked against the text, so a style this model gets wrong is reported
 * as unmapped rather than mapped wrongly. */

struct mapper {
	const char *src;
	const echo_node *node;
	size_t *map;
	size_t n;                /* text bytes mapped so far */
	int bad;
};

static void map_emit(struct mapper *m, const char *bytes, size_t len, size_t at)
{
	for (size_t i = 0; i < len && !m->bad; i++) {
		if (m->n >= m->node->text_len || m->node->text[m->n] != bytes[i]) {
			m->bad = 1;
			return;
		}
		m->map[m->n++] = at;
	}
}

static int map_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Length of the line break at s[i] (CR LF, CR, LF, NEL, LS, PS), or 0. */
static size_t map_break(const char *s, size_t i, size_t end)
{
	if (i >= end)
		return 0;
	if (s[i] == '\r')
		return i + 1 < end && s[i + 1] == '\n' ? 2 : 1;
	if (s[i] == '\n')
		return 1;
	if ((unsigned char)s[i] == 0xc2 && i + 1 < end && (unsigned char)s[i + 1] == 0x85)
		return 2;
	if ((unsigned char)s[i] == 0xe2 && i + 2 < end && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9))
		return 3;
	return 0;
}

/* A break is read as '\n', except LS and PS, which are kept as written. */
static void map_emit_break(struct mapper *m, size_t at, size_t len)
{
	if (len == 3)
		map_emit(m, m->src + at, 3, at);
	else
		map_emit(m, "\n", 1, at);
}

/* Past a scalar's anchor and tag (and the space, comments and breaks
 * between them), to its first byte. */
static size_t map_skip_properties(const char *s, size_t i, size_t end)
{
	for (;;) {
		size_t b;
		while (i < end && (map_blank(s[i]) || (b = map_break(s, i, end)) != 0))
			i += map_blank(s[i]) ? 1 : b;
		if (i < end && s[i] == '#') {
			while (i < end && !map_break(s, i, end))
				i++;
		} else if (i < end && (s[i] == '&' || s[i] == '!')) {
			while (i < end && !map_blank(s[i]) && !map_break(s, i, end))
				i++;
		} else {
			return i;
		}
	}
}

static void map_utf8(struct mapper *m, unsigned long cp, size_t at)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	map_emit(m, b, n, at);
}

/* One escape of a double-quoted scalar, at s[i] == '\\'; returns the
 * offset after it. */
static size_t map_escape(struct mapper *m, size_t i, size_t end)
{
	const char *s = m->src;
	static const char simple_in[] = "0abt\tnvfre \"/'\\";
	static const char simple_out[] = "\0\a\b\t\t\n\v\f\r\x1b \"/'\\";
	if (i + 1 >= end) {
		m->bad = 1;
		return end;
	}
	char c = s[i + 1];
	const char *hit = c ? strchr(simple_in, c) : NULL;
	if (hit) {
		map_emit(m, simple_out + (hit - simple_in), 1, i);
		return i + 2;
	}
	switch (c) {
	case 'N': map_emit(m, "\xc2\x85", 2, i); return i + 2;
	case '_': map_emit(m, "\xc2\xa0", 2, i); return i + 2;
	case 'L': map_emit(m, "\xe2\x80\xa8", 3, i); return i + 2;
	case 'P': map_emit(m, "\xe2\x80\xa9", 3, i); return i + 2;
	default: break;
	}
	size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
	if (!digits || i + 2 + digits > end) {
		m->bad = 1;
		return end;
	}
	unsigned long cp = 0;
	for (size_t k = 0; k < digits; k++) {
		char h = s[i + 2 + k];
		int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
		        : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
		if (v < 0) {
			m->bad = 1;
			return end;
		}
		cp = cp * 16 + (unsigned long)v;
	}
	map_utf8(m, cp, i);
	return i + 2 + digits;
}

/* Plain, single- and double-quoted scalars: s[i..end) is the content
 * (inside the quotes).  Line folding as libyaml's scan_flow_scalar and
 * scan_plain_scalar do it. */
static void map_flow(struct mapper *m, size_t i, size_t end, char quote)
{
	const char *s = m->src;
	int leading_blanks = 0;
	while (i < end && !m->bad) {
		size_t b;
		while (i < end && !m->bad && !map_blank(s[i]) && !map_break(s, i, end)) {
			if (quote == '\'' && s[i] == '\'' && i + 1 < end && s[i + 1] == '\'') {
				map_emit(m, "'", 1, i);
				i += 2;
			} else if (quote == '"' && s[i] == '\\' && (b = map_break(s, i + 1, end)) != 0) {
				i += 1 + b;       /* an escaped line break joins the lines */
				leading_blanks = 1;
				break;
			} else if (quote == '"' && s[i] == '\\') {
				i = map_escape(m, i, end);
			} else {
				map_emit(m, s + i, 1, i);
				i++;
			}
		}
		/* A run of blanks and breaks: blanks are kept inside a line,
		 * one break folds to a space, more keep all but the first. */
		size_t ws = i, lead_at = 0, lead_len = 0, trailing = 0;
		int escaped = leading_blanks;
		while (i < end && !m->bad) {
			if (map_blank(s[i])) {
				i++;
			} else if ((b = map_break(s, i, end)) != 0) {
				if (!leading_blanks) {
					leading_blanks = 1;
					lead_at = i;
					lead_len = b;
				} else {
					if (!trailing && lead_len == 3)
						map_emit_break(m, lead_at, lead_len);
					trailing++;
					map_emit_break(m, i, b);
				}
				i += b;
			} else {
				break;
			}
		}
		if (!leading_blanks) {
			for (size_t k = ws; k < i; k++)
				map_emit(m, s + k, 1, k);
		} else if (!escaped && !trailing) {
			if (lead_len == 3)
				map_emit_break(m, lead_at, lead_len);
			else
				map_emit(m, " ", 1, lead_at);
		}
		leading_blanks = 0;
	}
	m->map[m->n < m->node->text_len ? m->n : m->node->text_len] = end;
}

/* Skips up to indent spaces of each line, counting the empty lines after
 * s[*i]; returns the column reached on the first line that is not empty. */
static size_t map_block_breaks(const char *s, size_t *i, size_t end, size_t indent,
                               size_t *first_break, size_t *breaks)
{
	for (;;) {
		size_t col = 0;
		while (*i < end && col < indent && s[*i] == ' ') {
			(*i)++;
			col++;
		}
		size_t b = map_break(s, *i, end);
		if (!b)
			return col;
		if (!*breaks)
			*first_break = *i;
		(*breaks)++;
		*i += b;
	}
}

static void map_pending_breaks(struct mapper *m, size_t at, size_t count, size_t end,
                               size_t indent)
{
	const char *s = m->src;
	for (size_t k = 0; k < count && !m->bad; k++) {
		size_t b = map_break(s, at, end);
		map_emit_break(m, at, b);
		at += b;
		for (size_t col = 0; at < end && col < indent && s[at] == ' '; col++)
			at++;
	}
}

/* Literal and folded block scalars, s[i] being '|' or '>'; end is the end
 * of the source (the block ends where its indentation does). */
static void map_block(struct mapper *m, size_t i, size_t end)
{
	const char *s = m->src;
	int literal = s[i++] == '|';
	int chomp = 0;
	for (int k = 0; k < 2 && i < end; k++) {
		if (s[i] == '+' || s[i] == '-')
			chomp = s[i++] == '+' ? 1 : -1;
		else if (s[i] >= '1' && s[i] <= '9')
			i++;
	}
	while (i < end && map_blank(s[i]))
		i++;
	if (i < end && s[i] == '#')
		while (i < end && !map_break(s, i, end))
			i++;
	size_t b = map_break(s, i, end);
	if (!b) {
		m->bad = 1;
		return;
	}
	i += b;
	/* The indentation: the first line with text, less the spaces the text
	 * itself starts with (an indentation indicator counts from a parent
	 * indentation this node does not know). */
	const char *t = m->node->text;
	size_t lead = 0, ts = 0, ss = 0, j = i;
	while (lead < m->node->text_len && t[lead] == '\n')
		lead++;
	while (lead + ts < m->node->text_len && t[lead + ts] == ' ')
		ts++;
	for (;;) {
		size_t sp = 0;
		while (j + sp < end && s[j + sp] == ' ')
			sp++;
		size_t lb = map_break(s, j + sp, end);
		if (!lb || j + sp >= end) {
			ss = sp;
			break;
		}
		j += sp + lb;
	}
	if (ss <= ts) {
		m->bad = 1;
		return;
	}
	size_t indent = ss - ts;
	size_t pend_at = 0, pending = 0, lead_at = 0, lead_len = 0;
	int have_lead = 0, leading_blank = 0;
	size_t col = map_block_breaks(s, &i, end, indent, &pend_at, &pending);
	while (i < end && col == indent && !m->bad) {
		int trailing_blank = map_blank(s[i]);
		if (!literal && have_lead && lead_len != 3 && !leading_blank && !trailing_blank) {
			if (!pending)
				map_emit(m, " ", 1, lead_at);
		} else if (have_lead) {
			map_emit_break(m, lead_at, lead_len);
		}
		have_lead = 0;
		map_pending_breaks(m, pend_at, pending, end, indent);
		pending = 0;
		leading_blank = map_blank(s[i]);
		while (i < end && !map_break(s, i, end)) {
			map_emit(m, s + i, 1, i);
			i++;
		}
		if (i >= end)
			break;
		have_lead = 1;
		lead_at = i;
		lead_len = map_break(s, i, end);
		i += lead_len;
		col = map_block_breaks(s, &i, end, indent, &pend_at, &pending);
	}
	size_t last = i;
	if (chomp != -1 && have_lead) {
		map_emit_break(m, lead_at, lead_len);
		last = lead_at + lead_len;
	}
	if (chomp == 1) {
		map_pending_breaks(m, pend_at, pending, end, indent);
		last = i;
	}
	m->map[m->n < m->node->text_len ? m->n : m->node->text_len] = last;
}

size_t echo_node_source_start(const echo_stream *stream, const echo_node *node)
{
	if (!node || node->style == ECHO_STYLE_COMPUTED || node->start.offset > stream->source_len)
		return node ? node->start.offset : 0;
	size_t end = node->end.offset <= stream->source_len ? node->end.offset : stream->source_len;
	return map_skip_properties(stream->source, node->start.offset, end);
}

int echo_node_source_map(const echo_stream *stream, const echo_node *node, size_t *map)
{
	if (!echo_node_is_scalar(node) || node->style == ECHO_STYLE_COMPUTED ||
	    node->style == ECHO_STYLE_FLOW || node->end.offset > stream->source_len ||
	    node->start.offset > node->end.offset)
		return -1;
	struct mapper m = {stream->source, node, map, 0, 0};
	size_t end = node->end.offset;
	size_t i = echo_node_source_start(stream, node);
	const char *s = stream->source;
	switch (node->style) {
	case ECHO_STYLE_PLAIN:
		map_flow(&m, i, end, 0);
		break;
	case ECHO_STYLE_SINGLE:
	case ECHO_STYLE_DOUBLE:
		if (i >= end || end - i < 2 || s[i] != s[end - 1] ||
		    s[i] != (node->style == ECHO_STYLE_SINGLE ? '\'' : '"'))
			return -1;
		map_flow(&m, i + 1, end - 1, s[i]);
		break;
	case ECHO_STYLE_LITERAL:
	case ECHO_STYLE_FOLDED:
		if (i >= end || (s[i] != '|' && s[i] != '>'))
			return -1;
		map_block(&m, i, stream->source_len);
		break;
	default:
		return -1;
	}
	return m.bad || m.n != node->text_len ? -1 : 0;
}
