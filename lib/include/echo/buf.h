/* Growable byte buffer used for every piece of generated output. */
#ifndef ECHO_BUF_H
#define ECHO_BUF_H

#include "echo/export.h"
#include <stdarg.h>
#include <stddef.h>

/* A caller-owned buffer.  Initialise with ECHO_BUF_INIT or echo_buf_init,
 * release with echo_buf_free.  data is always NUL-terminated once anything
 * has been appended (or after echo_buf_cstr).  On allocation failure the
 * buffer sets failed and ignores further appends, so callers check once at
 * the end instead of after every append. */
typedef struct echo_buf {
	char *data;
	size_t len;
	size_t cap;
	int failed;
} echo_buf;

#define ECHO_BUF_INIT {NULL, 0, 0, 0}

ECHO_EXPORT void echo_buf_init(echo_buf *buf);
/* Frees the storage; the buffer may be reused after echo_buf_init. */
ECHO_EXPORT void echo_buf_free(echo_buf *buf);
ECHO_EXPORT void echo_buf_clear(echo_buf *buf);
ECHO_EXPORT void echo_buf_append(echo_buf *buf, const char *data, size_t len);
ECHO_EXPORT void echo_buf_puts(echo_buf *buf, const char *str);
ECHO_EXPORT void echo_buf_putc(echo_buf *buf, char c);
ECHO_EXPORT void echo_buf_printf(echo_buf *buf, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
ECHO_EXPORT void echo_buf_vprintf(echo_buf *buf, const char *fmt, va_list ap);
/* Returns a NUL-terminated view of the contents (never NULL; "" when the
 * buffer is empty or failed).  Owned by the buffer. */
ECHO_EXPORT const char *echo_buf_cstr(echo_buf *buf);
/* Hands the storage to the caller (free with free()) and resets the
 * buffer.  Returns NULL if the buffer failed. */
ECHO_EXPORT char *echo_buf_detach(echo_buf *buf, size_t *len);

#endif
