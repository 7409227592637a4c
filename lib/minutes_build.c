/* What the views of echo-minutes share (minutes_build.h): Markdown text
 * fields read as texts; dates as day numbers. */
#include "minutes_build.h"

#include <string.h>

#include "echo/calendar.h"

int mb_has_text(const echo_node *v)
{
	if (!v || v->type == ECHO_NODE_NULL)
		return 0;
	if (echo_node_is_scalar(v))
		return v->text_len > 0;
	for (size_t i = 0; v->type == ECHO_NODE_SEQ && i < v->count; i++)
		if (echo_node_is_scalar(v->items[i]) && v->items[i]->type != ECHO_NODE_NULL)
			return 1;
	return 0;
}

void mb_each_text(const echo_node *v, void (*fn)(void *ctx, const echo_node *text), void *ctx)
{
	if (!v || v->type == ECHO_NODE_NULL)
		return;
	if (echo_node_is_scalar(v)) {
		fn(ctx, v);
		return;
	}
	for (size_t i = 0; v->type == ECHO_NODE_SEQ && i < v->count; i++)
		if (echo_node_is_scalar(v->items[i]) && v->items[i]->type != ECHO_NODE_NULL)
			fn(ctx, v->items[i]);
}

/* One text as a bullet: trailing breaks dropped, later lines indented. */
static void bullet(void *ctx, const echo_node *text)
{
	echo_buf *out = ctx;
	size_t len = text->text_len;
	while (len && (text->text[len - 1] == '\n' || text->text[len - 1] == ' '))
		len--;
	if (!len)
		return;
	if (out->len)
		echo_buf_putc(out, '\n');
	echo_buf_puts(out, "- ");
	for (size_t i = 0; i < len; i++) {
		echo_buf_putc(out, text->text[i]);
		if (text->text[i] == '\n' && i + 1 < len && text->text[i + 1] != '\n')
			echo_buf_puts(out, "  ");
	}
}

void mb_bullets(echo_buf *out, const echo_node *v)
{
	mb_each_text(v, bullet, out);
}

static void push_text(void *ctx, const echo_node *text)
{
	struct mb_push_ctx *p = ctx;
	echo_view_push(p->b, p->seq, text);
}

void mb_push_texts(echo_view_builder *b, echo_node *seq, const echo_node *v)
{
	struct mb_push_ctx p = {b, seq};
	mb_each_text(v, push_text, &p);
}

void mb_date(echo_buf *out, long day)
{
	char text[16];
	echo_date_format(day, text, sizeof text);
	echo_buf_puts(out, text);
}

long mb_day(const char *text)
{
	int y, m, d;
	if (!text || echo_date_parse(text, &y, &m, &d) != 0)
		return MB_NO_DAY;
	return echo_days_from_civil(y, m, d);
}
