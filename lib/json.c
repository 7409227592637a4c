/* JSON serialisation of nodes, for --to json and machine-readable output. */
#include "echo/json.h"

#include <stdio.h>

void echo_json_string(echo_buf *out, const char *text, size_t len)
{
	echo_buf_putc(out, '"');
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		const char *esc = NULL;
		char tmp[8];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (c < 0x20 || c == 0x7f) {
				snprintf(tmp, sizeof tmp, "\\u%04x", c);
				esc = tmp;
			}
		}
		if (esc) {
			echo_buf_append(out, text + run, i - run);
			echo_buf_puts(out, esc);
			run = i + 1;
		}
	}
	echo_buf_append(out, text + run, len - run);
	echo_buf_putc(out, '"');
}

static void newline(echo_buf *out, int indent)
{
	echo_buf_putc(out, '\n');
	for (int i = 0; i < indent; i++)
		echo_buf_puts(out, "  ");
}

void echo_json_node(echo_buf *out, const echo_node *node, int indent)
{
	if (!node) {
		echo_buf_puts(out, "null");
		return;
	}
	switch (node->type) {
	case ECHO_NODE_NULL:
		echo_buf_puts(out, "null");
		break;
	case ECHO_NODE_BOOL:
		echo_buf_puts(out, node->boolean ? "true" : "false");
		break;
	case ECHO_NODE_INT:
		echo_buf_printf(out, "%lld", node->integer);
		break;
	case ECHO_NODE_FLOAT:
		/* JSON has no inf or nan: keep them as their YAML text. */
		if (node->number != node->number || node->number * 0 != 0)
			echo_json_string(out, node->text, node->text_len);
		else
			echo_buf_printf(out, "%.17g", node->number);
		break;
	case ECHO_NODE_STRING:
		echo_json_string(out, node->text, node->text_len);
		break;
	case ECHO_NODE_SEQ:
		if (node->count == 0) {
			echo_buf_puts(out, "[]");
			break;
		}
		echo_buf_putc(out, '[');
		for (size_t i = 0; i < node->count; i++) {
			newline(out, indent + 1);
			echo_json_node(out, node->items[i], indent + 1);
			if (i + 1 < node->count)
				echo_buf_putc(out, ',');
		}
		newline(out, indent);
		echo_buf_putc(out, ']');
		break;
	case ECHO_NODE_MAP: {
		size_t shown = 0;
		echo_buf_putc(out, '{');
		for (size_t i = 0; i < node->count; i++) {
			const echo_pair *p = &node->pairs[i];
			if (p->key->duplicate)
				continue;
			if (shown++)
				echo_buf_putc(out, ',');
			newline(out, indent + 1);
			echo_json_string(out, p->key->text, p->key->text_len);
			echo_buf_puts(out, ": ");
			echo_json_node(out, p->value, indent + 1);
		}
		if (shown)
			newline(out, indent);
		echo_buf_putc(out, '}');
		break;
	}
	}
}
