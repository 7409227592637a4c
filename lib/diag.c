/* Diagnostics list and the one shared output format. */
#include "echo/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echo/json.h"

void echo_diags_free(echo_diags *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		free(diags->items[i].path);
		free(diags->items[i].message);
		free(diags->items[i].rule);
		free(diags->items[i].text);
	}
	free(diags->items);
	memset(diags, 0, sizeof *diags);
}

static char *dup_or_null(const char *s, int *failed)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*failed = 1;
	return d;
}

void echo_diags_add(echo_diags *diags, echo_severity severity,
                    const char *path, size_t line, size_t col,
                    const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	echo_diags_vadd(diags, severity, path, line, col, rule, fmt, ap);
	va_end(ap);
}

void echo_diags_vadd(echo_diags *diags, echo_severity severity,
                     const char *path, size_t line, size_t col,
                     const char *rule, const char *fmt, va_list ap)
{
	if (diags->count == diags->cap) {
		size_t cap = diags->cap ? diags->cap * 2 : 16;
		echo_diag *items = realloc(diags->items, cap * sizeof *items);
		if (!items) {
			diags->failed = 1;
			return;
		}
		diags->items = items;
		diags->cap = cap;
	}
	echo_buf msg = ECHO_BUF_INIT;
	echo_buf_vprintf(&msg, fmt, ap);
	int failed = 0;
	echo_diag d = {
		.severity = severity,
		.path = dup_or_null(path, &failed),
		.line = line,
		.col = col,
		.message = echo_buf_detach(&msg, NULL),
		.rule = dup_or_null(rule, &failed),
	};
	if (failed || !d.message) {
		free(d.path);
		free(d.message);
		free(d.rule);
		diags->failed = 1;
		return;
	}
	diags->items[diags->count++] = d;
	if (severity == ECHO_ERROR)
		diags->errors++;
	else if (severity == ECHO_WARNING)
		diags->warnings++;
}

void echo_diags_set_text(echo_diags *diags, const char *text, size_t len)
{
	if (!diags->count || !text)
		return;
	echo_diag *d = &diags->items[diags->count - 1];
	char *copy = malloc(len + 1);
	if (!copy) {
		diags->failed = 1;
		return;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	free(d->text);
	d->text = copy;
}

void echo_diags_take(echo_diags *dst, echo_diags *src)
{
	for (size_t i = 0; i < src->count; i++) {
		echo_diag *d = &src->items[i];
		size_t before = dst->count;
		echo_diags_add(dst, d->severity, d->path, d->line, d->col, d->rule,
		               "%s", d->message);
		if (d->text && dst->count > before)
			echo_diags_set_text(dst, d->text, strlen(d->text));
	}
	if (src->failed)
		dst->failed = 1;
	echo_diags_free(src);
}

static int diag_cmp(const echo_diag *a, const echo_diag *b)
{
	int c = strcmp(a->path ? a->path : "", b->path ? b->path : "");
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void echo_diags_sort(echo_diags *diags)
{
	/* Insertion sort: stable, and lists are short. */
	for (size_t i = 1; i < diags->count; i++) {
		echo_diag d = diags->items[i];
		size_t j = i;
		while (j > 0 && diag_cmp(&diags->items[j - 1], &d) > 0) {
			diags->items[j] = diags->items[j - 1];
			j--;
		}
		diags->items[j] = d;
	}
}

const char *echo_severity_name(echo_severity severity)
{
	switch (severity) {
	case ECHO_ERROR: return "error";
	case ECHO_WARNING: return "warning";
	case ECHO_NOTE: return "note";
	}
	return "error";
}

/* Finds the bytes of 1-based line number line. */
static int find_line(const char *src, size_t len, size_t line,
                     size_t *start, size_t *end)
{
	size_t cur = 1, i = 0;
	while (cur < line && i < len) {
		if (src[i] == '\n')
			cur++;
		i++;
	}
	if (cur != line || (i >= len && line > 1 && (i == 0 || src[i - 1] != '\n')))
		return -1;
	size_t e = i;
	while (e < len && src[e] != '\n' && src[e] != '\r')
		e++;
	*start = i;
	*end = e;
	return 0;
}

/* Length of the UTF-8 sequence at s, or 0 if it is not valid UTF-8. */
static size_t utf8_length(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] < 0x80 ? 1 : u[0] >= 0xc2 && u[0] <= 0xdf ? 2
	         : u[0] >= 0xe0 && u[0] <= 0xef ? 3 : u[0] >= 0xf0 && u[0] <= 0xf4 ? 4 : 0;
	if (n == 0 || n > len)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((u[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* A byte that must not reach a terminal as it is: C0 controls but tab,
 * and DEL. */
static int is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

void echo_diag_escape(echo_buf *out, const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_length(text + i, len - i);
		if (n == 0 || (n == 1 && is_control(u[i]))) {
			echo_buf_printf(out, "\\x%02x", u[i]);
			i++;
		} else if (n == 2 && u[i] == 0xc2 && u[i + 1] <= 0x9f) {
			/* A C1 control: U+009B alone starts an escape sequence. */
			echo_buf_printf(out, "\\u%04x", u[i + 1]);
			i += 2;
		} else {
			echo_buf_append(out, text + i, n);
			i += n;
		}
	}
}

void echo_diag_format(echo_buf *out, const echo_diag *diag,
                      const char *source, size_t source_len)
{
	/* Paths and messages quote the input (keys, values, file names):
	 * escaped, they cannot move the cursor, retitle the window or ring. */
	const char *path = diag->path ? diag->path : "<input>";
	echo_diag_escape(out, path, strlen(path));
	if (diag->line)
		echo_buf_printf(out, ":%zu:%zu", diag->line, diag->col ? diag->col : 1);
	echo_buf_printf(out, ": %s: ", echo_severity_name(diag->severity));
	echo_diag_escape(out, diag->message, strlen(diag->message));
	if (diag->rule)
		echo_buf_printf(out, " [%s]", diag->rule);
	echo_buf_putc(out, '\n');
	size_t s, e;
	if (!source || !diag->line || find_line(source, source_len, diag->line, &s, &e) != 0)
		return;
	/* Show the line only if it is printable text; a binary or mis-encoded
	 * line is better left out than echoed to a terminal. */
	for (size_t i = s; i < e; i++)
		if (is_control((unsigned char)source[i]) ||
		    ((unsigned char)source[i] == 0xc2 && i + 1 < e &&
		     (unsigned char)source[i + 1] >= 0x80 && (unsigned char)source[i + 1] <= 0x9f))
			return;
	if (e == s || e - s > 200)
		return;
	echo_buf_puts(out, "  ");
	/* Bytes that are not UTF-8 would garble a terminal: show '?'. */
	for (size_t i = s; i < e;) {
		size_t n = utf8_length(source + i, e - i);
		if (n == 0) {
			echo_buf_putc(out, '?');
			i++;
		} else {
			echo_buf_append(out, source + i, n);
			i += n;
		}
	}
	echo_buf_puts(out, "\n  ");
	size_t col = 1;
	for (size_t i = s; i < e && col < diag->col; i++) {
		unsigned char c = (unsigned char)source[i];
		if ((c & 0xc0) == 0x80)
			continue;
		echo_buf_putc(out, c == '\t' ? '\t' : ' ');
		col++;
	}
	echo_buf_puts(out, "^\n");
}

void echo_diags_format_json(echo_buf *out, const echo_diags *diags)
{
	echo_buf_putc(out, '[');
	for (size_t i = 0; i < diags->count; i++) {
		const echo_diag *d = &diags->items[i];
		echo_buf_puts(out, i ? ",\n  " : "\n  ");
		echo_buf_puts(out, "{\"path\": ");
		if (d->path)
			echo_json_string(out, d->path, strlen(d->path));
		else
			echo_buf_puts(out, "null");
		echo_buf_printf(out, ", \"line\": %zu, \"column\": %zu, \"severity\": \"%s\", \"rule\": ",
		                d->line, d->col, echo_severity_name(d->severity));
		if (d->rule)
			echo_json_string(out, d->rule, strlen(d->rule));
		else
			echo_buf_puts(out, "null");
		echo_buf_puts(out, ", \"message\": ");
		echo_json_string(out, d->message, strlen(d->message));
		/* An open PHI finding: the deid item that would clear it. */
		if (d->text && d->rule && d->severity == ECHO_ERROR) {
			echo_buf_puts(out, ", \"deid_item\": {\"text\": ");
			echo_json_string(out, d->text, strlen(d->text));
			echo_buf_puts(out, ", \"rule\": ");
			echo_json_string(out, d->rule, strlen(d->rule));
			echo_buf_putc(out, '}');
		}
		echo_buf_putc(out, '}');
	}
	echo_buf_puts(out, diags->count ? "\n]" : "]");
}
