/* The document tree: looking up and building nodes, and where a scalar's
 * text comes from in the source.  Nodes live in their stream's arena. */
#include "echo/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "node.h"
#include "utf8.h"

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

/* Room for one more of count elements of size bytes in array (cap of
 * them): a full array is copied into one twice its size.  Returns the
 * array to use, or NULL when memory runs out. */
static void *reserve(echo_stream *stream, void *array, size_t count, size_t *cap, size_t size)
{
	if (count < *cap)
		return array;
	size_t n = *cap ? *cap * 2 : 4;
	void *grown = echo_arena_alloc(stream->arena, n * size);
	if (!grown)
		return NULL;
	if (count)
		memcpy(grown, array, count * size);
	*cap = n;
	return grown;
}

int echo_stream_seq_push(echo_stream *stream, echo_node *seq, echo_node *item)
{
	echo_node **items = reserve(stream, seq->items, seq->count, &seq->cap, sizeof *items);
	if (!items)
		return -1;
	seq->items = items;
	seq->items[seq->count++] = item;
	return 0;
}

int echo_node_add_pair(echo_stream *stream, echo_node *map, echo_node *key, echo_node *value)
{
	echo_pair *pairs = reserve(stream, map->pairs, map->count, &map->cap, sizeof *pairs);
	if (!pairs)
		return -1;
	map->pairs = pairs;
	map->pairs[map->count].key = key;
	map->pairs[map->count].value = value;
	map->count++;
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
	echo_node *k = echo_stream_new_string(stream, key, strlen(key));
	return k ? echo_node_add_pair(stream, map, k, value) : -1;
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
	map_emit(m, b, echo_utf8_encode((uint32_t)cp, b), at);
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
