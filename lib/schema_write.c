/* Writing a document of a format as commented YAML, from the format's
 * table: what an interview or an import produces, so that nobody who
 * makes a case by answering questions ever writes YAML by hand. */
#include "echo/schema.h"

#include <string.h>

#include "echo/escape.h"

struct writer {
	echo_buf *out;
	echo_write_mark mark;
	void *ctx;
	size_t line;      /* 1-based line of out at scanned */
	size_t scanned;   /* bytes of out counted into line */
};

static void pad(echo_buf *out, int indent)
{
	for (int i = 0; i < indent; i++)
		echo_buf_puts(out, "  ");
}

static size_t line_now(struct writer *w)
{
	for (; w->scanned < w->out->len; w->scanned++)
		if (w->out->data[w->scanned] == '\n')
			w->line++;
	return w->line;
}

/* A literal block keeps a multi-line text readable; it is only used where
 * it reads back as exactly the text: no control character but tab and
 * line feed, no leading space or tab on the first line (that would need an
 * indentation indicator), at most one final line break. */
static int literal_ok(const char *text, size_t len)
{
	if (!memchr(text, '\n', len) || text[0] == ' ' || text[0] == '\t' || text[0] == '\n')
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || c == 0xc2 || c == 0xe2 ||
		    c == 0xef)
			return 0;
		/* Trailing white space before a break would be kept, but an
		 * empty line's indentation would not: avoid both. */
		if (c == '\n' && i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
			return 0;
	}
	return len < 2 || !(text[len - 1] == '\n' && text[len - 2] == '\n');
}

static void write_scalar(struct writer *w, const echo_node *node, int indent)
{
	if (w->mark)
		w->mark(w->ctx, node, line_now(w));
	/* Numbers and booleans are written as the plain scalar they were read
	 * as, or made; a quoted "12" stays text. */
	int plain = (node->type == ECHO_NODE_INT || node->type == ECHO_NODE_FLOAT ||
	             node->type == ECHO_NODE_BOOL) &&
	            (node->style == ECHO_STYLE_PLAIN || node->style == ECHO_STYLE_COMPUTED);
	if (plain) {
		echo_buf_append(w->out, node->text, node->text_len);
	} else if (literal_ok(node->text, node->text_len)) {
		int ends = node->text[node->text_len - 1] == '\n';
		echo_buf_puts(w->out, ends ? "|\n" : "|-\n");
		size_t start = 0;
		for (size_t i = 0; i <= node->text_len; i++) {
			if (i < node->text_len && node->text[i] != '\n')
				continue;
			if (i == node->text_len && ends)
				break;
			if (i > start) {
				pad(w->out, indent);
				echo_buf_append(w->out, node->text + start, i - start);
			}
			echo_buf_putc(w->out, '\n');
			start = i + 1;
		}
		if (!w->out->failed) {
			w->out->data[--w->out->len] = '\0';  /* the caller ends the line */
		}
	} else {
		echo_escape_yaml_quoted(w->out, node->text, node->text_len);
	}
}

static void write_map(struct writer *w, const echo_field *fields, const echo_node *map,
                      int indent, int dash);

static int skip(const echo_node *value)
{
	return !value || value->type == ECHO_NODE_NULL ||
	       ((value->type == ECHO_NODE_MAP || value->type == ECHO_NODE_SEQ) && value->count == 0);
}

static void comment(struct writer *w, const echo_field *f, int indent)
{
	if (!f || !f->description)
		return;
	pad(w->out, indent);
	echo_buf_printf(w->out, "# %s\n", f->description);
}

static void write_value(struct writer *w, const echo_field *f, const echo_node *value, int indent)
{
	if (value->type == ECHO_NODE_MAP) {
		echo_buf_putc(w->out, '\n');
		write_map(w, f ? f->fields : NULL, value, indent + 1, 0);
	} else if (value->type == ECHO_NODE_SEQ) {
		echo_buf_putc(w->out, '\n');
		const echo_field *item = f ? f->item : NULL;
		for (size_t i = 0; i < value->count; i++) {
			const echo_node *v = value->items[i];
			if (v->type == ECHO_NODE_MAP && v->count > 0) {
				write_map(w, item ? item->fields : NULL, v, indent + 2, 1);
			} else if (!skip(v) && v->type != ECHO_NODE_SEQ) {
				pad(w->out, indent + 1);
				echo_buf_puts(w->out, "- ");
				write_scalar(w, v, indent + 2);
				echo_buf_putc(w->out, '\n');
			}
		}
	} else {
		echo_buf_putc(w->out, ' ');
		write_scalar(w, value, indent + 1);
		echo_buf_putc(w->out, '\n');
	}
}

static void write_pair(struct writer *w, const echo_field *f, const echo_pair *p, int indent,
                       int *dash)
{
	if (skip(p->value))
		return;
	if (*dash) {
		pad(w->out, indent - 1);
		echo_buf_puts(w->out, "- ");
		*dash = 0;
	} else {
		comment(w, f, indent);
		pad(w->out, indent);
	}
	echo_buf_append(w->out, p->key->text, p->key->text_len);
	echo_buf_putc(w->out, ':');
	write_value(w, f, p->value, indent);
}

/* Keys in the table's order, then any the table does not have. */
static void write_map(struct writer *w, const echo_field *fields, const echo_node *map,
                      int indent, int dash)
{
	for (const echo_field *f = fields; f && f->key; f++)
		for (size_t i = 0; i < map->count; i++)
			if (strcmp(map->pairs[i].key->text, f->key) == 0) {
				write_pair(w, f, &map->pairs[i], indent, &dash);
				break;
			}
	for (size_t i = 0; i < map->count; i++)
		if (!echo_field_find(fields, map->pairs[i].key->text))
			write_pair(w, NULL, &map->pairs[i], indent, &dash);
}

void echo_schema_write(const echo_schema *schema, const echo_node *root, echo_buf *out,
                       echo_write_mark mark, void *ctx)
{
	struct writer w = {out, mark, ctx, 1, 0};
	echo_buf_printf(out, "# %s (%s)\n", schema->title, schema->id);
	if (root && root->type == ECHO_NODE_MAP)
		write_map(&w, schema->fields, root, 0, 0);
}
