/* Growable byte buffer. */
#include "echo/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void echo_buf_init(echo_buf *buf)
{
	buf->data = NULL;
	buf->len = 0;
	buf->cap = 0;
	buf->failed = 0;
}

void echo_buf_free(echo_buf *buf)
{
	free(buf->data);
	echo_buf_init(buf);
}

void echo_buf_clear(echo_buf *buf)
{
	buf->len = 0;
	buf->failed = 0;
	if (buf->data)
		buf->data[0] = '\0';
}

static int grow(echo_buf *buf, size_t extra)
{
	if (buf->failed)
		return -1;
	if (extra >= SIZE_MAX / 2 - buf->len) {
		buf->failed = 1;
		return -1;
	}
	size_t need = buf->len + extra + 1;
	if (need <= buf->cap)
		return 0;
	size_t cap = buf->cap ? buf->cap : 256;
	while (cap < need)
		cap *= 2;
	char *data = realloc(buf->data, cap);
	if (!data) {
		buf->failed = 1;
		return -1;
	}
	buf->data = data;
	buf->cap = cap;
	return 0;
}

void echo_buf_append(echo_buf *buf, const char *data, size_t len)
{
	if (grow(buf, len) != 0)
		return;
	if (len)
		memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

void echo_buf_puts(echo_buf *buf, const char *str)
{
	echo_buf_append(buf, str, strlen(str));
}

void echo_buf_putc(echo_buf *buf, char c)
{
	if (grow(buf, 1) != 0)
		return;
	buf->data[buf->len++] = c;
	buf->data[buf->len] = '\0';
}

void echo_buf_vprintf(echo_buf *buf, const char *fmt, va_list ap)
{
	if (buf->failed)
		return;
	/* Formatted into the room there is first: most of the time it
	 * fits, and the text is formatted once. */
	size_t room = buf->data ? buf->cap - buf->len : 0;
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(room ? buf->data + buf->len : NULL, room, fmt, copy);
	va_end(copy);
	if (n < 0) {
		buf->failed = 1;
		return;
	}
	if ((size_t)n < room) {
		buf->len += (size_t)n;
		return;
	}
	if (grow(buf, (size_t)n) != 0)
		return;
	vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
	buf->len += (size_t)n;
}

void echo_buf_printf(echo_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	echo_buf_vprintf(buf, fmt, ap);
	va_end(ap);
}

const char *echo_buf_cstr(echo_buf *buf)
{
	if (buf->failed || !buf->data)
		return "";
	return buf->data;
}

char *echo_buf_detach(echo_buf *buf, size_t *len)
{
	if (buf->failed) {
		echo_buf_free(buf);
		return NULL;
	}
	if (!buf->data)
		grow(buf, 0);
	if (buf->failed) {
		echo_buf_free(buf);
		return NULL;
	}
	buf->data[buf->len] = '\0';
	char *data = buf->data;
	if (len)
		*len = buf->len;
	echo_buf_init(buf);
	return data;
}
