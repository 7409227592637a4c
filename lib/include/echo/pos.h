/* Positions in a text: byte offsets to 1-based lines and columns, alone or
 * through a line index that makes many of them cost one pass. */
#ifndef ECHO_POS_H
#define ECHO_POS_H

#include "echo/export.h"
#include <stddef.h>

/* A position in the source: 1-based line and column (column in code
 * points), and the 0-based byte offset.  A line ends at LF, CR LF or a
 * lone CR. */
typedef struct echo_pos {
	size_t line;
	size_t col;
	size_t offset;
} echo_pos;

/* Byte offset -> position, scanning text from its start: for one position
 * in a short text.  An offset past len counts as len (the offset kept as
 * given).  Many positions in one text go through an echo_lines. */
ECHO_EXPORT echo_pos echo_pos_at(const char *text, size_t len, size_t offset);

/* The start of every line of a text, and a cursor at the last position
 * asked for: a position costs a binary search and a walk from the cursor
 * or from its line's start, so positions asked for in increasing order
 * cost one pass over the text in all.  Not for use by two threads at once
 * (the cursor moves). */
typedef struct echo_lines echo_lines;

/* Indexes len bytes of text, which must outlive the index and not change.
 * Returns NULL when memory runs out.  Caller frees with echo_lines_free
 * (NULL is accepted). */
ECHO_EXPORT echo_lines *echo_lines_new(const char *text, size_t len);
ECHO_EXPORT void echo_lines_free(echo_lines *lines);

/* As echo_pos_at(text, len, offset). */
ECHO_EXPORT echo_pos echo_lines_pos(echo_lines *lines, size_t offset);

/* A 0-based line and column (code points) as libyaml counts them, which
 * skips a UTF-8 byte order mark at the start -> the position with its byte
 * offset (line and col 1-based).  A line past the last gives the end of
 * the text; a column past the end of its line stops there. */
ECHO_EXPORT echo_pos echo_lines_mark(echo_lines *lines, size_t line, size_t col);

/* The first byte of 1-based line, *len set to its length without its
 * line break; NULL when the text has no such line (a text that ends with a
 * break has no line after it). */
ECHO_EXPORT const char *echo_lines_line(const echo_lines *lines, size_t line, size_t *len);

/* The same, scanning text from its start: for one line of a text. */
ECHO_EXPORT const char *echo_text_line(const char *text, size_t len, size_t line, size_t *line_len);

#endif
