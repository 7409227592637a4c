/* Views: the data a template or a JSON output is made from, built beside
 * the parsed document so that rendering never writes into it. */
#include "echo/view.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "view_markdown.h"

/* Copies ------------------------------------------------------------------ */

echo_node *echo_view_copy(echo_stream *stream, const echo_node *node)
{
	if (!node || echo_node_is_scalar(node))
		return (echo_node *)node;
	echo_node *copy = echo_arena_alloc(stream->arena, sizeof *copy);
	if (!copy)
		return NULL;
	*copy = *node;
	copy->items = NULL;
	copy->pairs = NULL;
	copy->cap = node->count;
	if (!node->count)
		return copy;
	if (node->type == ECHO_NODE_SEQ) {
		copy->items = echo_arena_alloc(stream->arena, node->count * sizeof *copy->items);
		if (!copy->items)
			return NULL;
		for (size_t i = 0; i < node->count; i++)
			if (!(copy->items[i] = echo_view_copy(stream, node->items[i])))
				return NULL;
		return copy;
	}
	copy->pairs = echo_arena_alloc(stream->arena, node->count * sizeof *copy->pairs);
	if (!copy->pairs)
		return NULL;
	for (size_t i = 0; i < node->count; i++) {
		/* A key is a scalar: shared, as every scalar is. */
		copy->pairs[i].key = node->pairs[i].key;
		copy->pairs[i].value = echo_view_copy(stream, node->pairs[i].value);
		if (node->pairs[i].value && !copy->pairs[i].value)
			return NULL;
	}
	return copy;
}

/* Building ---------------------------------------------------------------- */

static echo_node *built(echo_view_builder *b, echo_node *n)
{
	if (!n)
		b->failed = 1;
	return n;
}

echo_node *echo_view_string_len(echo_view_builder *b, const char *text, size_t len)
{
	return built(b, echo_stream_new_string(b->stream, text ? text : "", text ? len : 0));
}

echo_node *echo_view_string(echo_view_builder *b, const char *text)
{
	return echo_view_string_len(b, text, text ? strlen(text) : 0);
}

echo_node *echo_view_map(echo_view_builder *b)
{
	return built(b, echo_stream_new_map(b->stream));
}

echo_node *echo_view_seq(echo_view_builder *b)
{
	return built(b, echo_stream_new_seq(b->stream));
}

void echo_view_set(echo_view_builder *b, echo_node *map, const char *key, const echo_node *value)
{
	if (!map || !value || echo_stream_map_set(b->stream, map, key, (echo_node *)value) != 0)
		b->failed = 1;
}

void echo_view_set_string(echo_view_builder *b, echo_node *map, const char *key, const char *text)
{
	if (text)
		echo_view_set(b, map, key, echo_view_string(b, text));
}

void echo_view_set_item(echo_view_builder *b, echo_node *map, const char *key, const char *text)
{
	echo_view_set(b, map, key, echo_view_string(b, text));
}

void echo_view_set_buf(echo_view_builder *b, echo_node *map, const char *key, echo_buf *buf)
{
	if (buf->failed)
		b->failed = 1;
	echo_view_set(b, map, key, echo_view_string_len(b, echo_buf_cstr(buf), buf->len));
	echo_buf_clear(buf);
}

void echo_view_set_int(echo_view_builder *b, echo_node *map, const char *key, long long value)
{
	echo_view_set(b, map, key, built(b, echo_stream_new_int(b->stream, value)));
}

void echo_view_set_bool(echo_view_builder *b, echo_node *map, const char *key, int value)
{
	echo_view_set(b, map, key, built(b, echo_stream_new_bool(b->stream, value)));
}

void echo_view_set_null(echo_view_builder *b, echo_node *map, const char *key)
{
	echo_node *n = built(b, echo_stream_new_string(b->stream, "null", 4));
	if (n)
		n->type = ECHO_NODE_NULL;
	echo_view_set(b, map, key, n);
}

void echo_view_push(echo_view_builder *b, echo_node *seq, const echo_node *item)
{
	if (!seq || !item || echo_stream_seq_push(b->stream, seq, (echo_node *)item) != 0)
		b->failed = 1;
}

void echo_view_copy_key(echo_view_builder *b, echo_node *map, const char *key,
                        const echo_node *src, const char *src_key)
{
	const echo_node *v = echo_node_get(src, src_key ? src_key : key);
	if (v && v->type != ECHO_NODE_NULL)
		echo_view_set(b, map, key, v);
}

/* Markdown keys of text fields ------------------------------------------ */

static void append_trimmed(echo_buf *out, const char *text, size_t len, const char *indent)
{
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	for (size_t i = 0; i < len; i++) {
		echo_buf_putc(out, text[i]);
		if (text[i] == '\n' && indent && i + 1 < len && text[i + 1] != '\n')
			echo_buf_puts(out, indent);
	}
}

static int add_markdown_map(const echo_field *fields, echo_stream *stream, echo_node *map);

static int add_markdown_value(const echo_field *f, echo_stream *stream, echo_node *map,
                              echo_node *value)
{
	if (f->type == ECHO_FIELD_MAP && value->type == ECHO_NODE_MAP)
		return add_markdown_map(f->fields, stream, value);
	if (f->type == ECHO_FIELD_LIST && value->type == ECHO_NODE_SEQ && value->count) {
		/* Lets a template write a heading once, above a non-empty list. */
		char key[96];
		snprintf(key, sizeof key, "has_%s", f->key);
		echo_node *yes = echo_stream_new_bool(stream, 1);
		if (!yes || echo_stream_map_set(stream, map, key, yes) != 0)
			return -1;
	}
	if (f->type == ECHO_FIELD_LIST && value->type == ECHO_NODE_SEQ &&
	    f->item->type == ECHO_FIELD_MAP) {
		for (size_t i = 0; i < value->count; i++)
			if (value->items[i]->type == ECHO_NODE_MAP &&
			    add_markdown_map(f->item->fields, stream, value->items[i]) != 0)
				return -1;
		return 0;
	}
	if (f->type != ECHO_FIELD_TEXT || value->type == ECHO_NODE_NULL || value->type == ECHO_NODE_MAP)
		return 0;
	echo_buf md = ECHO_BUF_INIT;
	if (value->type == ECHO_NODE_SEQ) {
		for (size_t i = 0; i < value->count; i++) {
			const echo_node *item = value->items[i];
			if (!echo_node_is_scalar(item) || item->type == ECHO_NODE_NULL)
				continue;
			if (md.len)
				echo_buf_putc(&md, '\n');
			echo_buf_puts(&md, "- ");
			append_trimmed(&md, item->text, item->text_len, "  ");
		}
	} else {
		append_trimmed(&md, value->text, value->text_len, NULL);
	}
	char key[96];
	snprintf(key, sizeof key, "%s_md", f->key);
	echo_node *node = md.failed ? NULL : echo_stream_new_string(stream, md.data ? md.data : "", md.len);
	echo_buf_free(&md);
	if (!node || echo_stream_map_set(stream, map, key, node) != 0)
		return -1;
	return 0;
}

static int add_markdown_map(const echo_field *fields, echo_stream *stream, echo_node *map)
{
	/* Keys are added while walking: stop at the pairs the source had. */
	size_t count = map->count;
	for (size_t i = 0; i < count; i++) {
		echo_pair *p = &map->pairs[i];
		if (p->key->duplicate || !echo_node_is_scalar(p->key))
			continue;
		const echo_field *f = echo_field_find(fields, p->key->text);
		if (f && add_markdown_value(f, stream, map, p->value) != 0)
			return -1;
	}
	return 0;
}

int echo_schema_add_markdown(const echo_schema *schema, echo_stream *stream, echo_node *root)
{
	if (!root || root->type != ECHO_NODE_MAP)
		return 0;
	return add_markdown_map(schema->fields, stream, root);
}

