/* Positions: byte offsets <-> lines and columns, through a line index. */
#include "echo/pos.h"

#include <stdlib.h>
#include <string.h>

/* A line break ends at s[i]: LF, or a CR not followed by LF. */
static int ends_line(const char *s, size_t len, size_t i)
{
	return s[i] == '\n' || (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n'));
}

/* A byte that starts a column: not a UTF-8 continuation byte, and not
 * the CR of a CR LF (a lone CR ends the line first). */
static int starts_column(unsigned char c)
{
	return (c & 0xc0) != 0x80 && c != '\r';
}

echo_pos echo_pos_at(const char *text, size_t len, size_t offset)
{
	echo_pos pos = {1, 1, offset};
	if (offset > len)
		offset = len;
	for (size_t i = 0; i < offset; i++) {
		if (ends_line(text, len, i)) {
			pos.line++;
			pos.col = 1;
		} else if (starts_column((unsigned char)text[i])) {
			pos.col++;
		}
	}
	return pos;
}

struct cursor {
	size_t line;     /* 0-based index into starts */
	size_t col;      /* 0-based, as counted by the kind of query */
	size_t offset;
	int valid;
};

struct echo_lines {
	const char *text;
	size_t len;
	size_t *starts;  /* byte offset of each 0-based line */
	size_t count;
	size_t bom;      /* 3 when the text starts with a UTF-8 byte order mark */
	int ascii;       /* no byte above 0x7f: a column is a byte */
	struct cursor pos, mark;
};

/* Whether no byte of text is above 0x7f; a loop the compiler vectorises. */
static int all_ascii(const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	unsigned char any = 0;
	for (size_t i = 0; i < len; i++)
		any |= u[i];
	return any < 0x80;
}

echo_lines *echo_lines_new(const char *text, size_t len)
{
	echo_lines *lines = calloc(1, sizeof *lines);
	if (!lines)
		return NULL;
	/* Without a CR every line ends at an LF, and memchr finds them. */
	int lf_only = memchr(text, '\r', len) == NULL;
	size_t n = 1;
	if (lf_only) {
		for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))); p++)
			n++;
	} else {
		for (size_t i = 0; i < len; i++)
			n += ends_line(text, len, i);
	}
	lines->starts = malloc(n * sizeof *lines->starts);
	if (!lines->starts) {
		free(lines);
		return NULL;
	}
	lines->text = text;
	lines->len = len;
	lines->bom = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	lines->ascii = all_ascii(text, len);
	lines->starts[0] = 0;
	lines->count = 1;
	if (lf_only) {
		for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))); p++)
			lines->starts[lines->count++] = (size_t)(p - text) + 1;
	} else {
		for (size_t i = 0; i < len; i++)
			if (ends_line(text, len, i))
				lines->starts[lines->count++] = i + 1;
	}
	return lines;
}

void echo_lines_free(echo_lines *lines)
{
	if (!lines)
		return;
	free(lines->starts);
	free(lines);
}

/* The 0-based line holding offset (offset <= len). */
static size_t line_of(const echo_lines *lines, size_t offset)
{
	size_t lo = 0, hi = lines->count;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (lines->starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

echo_pos echo_lines_pos(echo_lines *lines, size_t offset)
{
	echo_pos pos = {1, 1, offset};
	if (offset > lines->len)
		offset = lines->len;
	struct cursor *c = &lines->pos;
	size_t line = line_of(lines, offset);
	if (!c->valid || c->line != line || c->offset > offset) {
		c->line = line;
		c->col = 0;
		c->offset = lines->starts[line];
		c->valid = 1;
	}
	const char *s = lines->text;
	for (size_t i = c->offset; i < offset; i++)
		c->col += starts_column((unsigned char)s[i]);
	c->offset = offset;
	pos.line = line + 1;
	pos.col = c->col + 1;
	return pos;
}

echo_pos echo_lines_mark(echo_lines *lines, size_t line, size_t col)
{
	echo_pos pos = {line + 1, col + 1, lines->len};
	if (line >= lines->count)
		return pos;
	if (lines->ascii) {
		/* No BOM (it is not ASCII) and a column per byte. */
		size_t start = lines->starts[line];
		pos.offset = col < lines->len - start ? start + col : lines->len;
		return pos;
	}
	struct cursor *c = &lines->mark;
	if (!c->valid || c->line != line || c->col > col) {
		c->line = line;
		c->col = 0;
		c->offset = line == 0 ? lines->bom : lines->starts[line];
		c->valid = 1;
	}
	const char *s = lines->text;
	size_t len = lines->len, i = c->offset;
	for (; c->col < col && i < len; c->col++) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
	}
	/* Stopped by the end of the text: the cursor's column is not col. */
	c->offset = i;
	pos.offset = i;
	return pos;
}

/* The line that starts at text[start]. */
static const char *line_at(const char *text, size_t len, size_t start, size_t *line_len)
{
	size_t e = start;
	while (e < len && text[e] != '\n' && text[e] != '\r')
		e++;
	*line_len = e - start;
	return text + start;
}

const char *echo_lines_line(const echo_lines *lines, size_t line, size_t *len)
{
	if (line == 0 || line > lines->count || (line > 1 && lines->starts[line - 1] >= lines->len))
		return NULL;
	return line_at(lines->text, lines->len, lines->starts[line - 1], len);
}

const char *echo_text_line(const char *text, size_t len, size_t line, size_t *line_len)
{
	size_t cur = 1, i = 0;
	for (; cur < line && i < len; i++)
		cur += ends_line(text, len, i);
	if (line == 0 || cur != line || (line > 1 && i >= len))
		return NULL;
	return line_at(text, len, i, line_len);
}
