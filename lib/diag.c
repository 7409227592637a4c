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

/* The message, in memory of its own; NULL when memory runs out.  Most
 * messages fit in a line: formatted on the stack first, they are
 * formatted once. */
static char *format_message(const char *fmt, va_list ap)
{
	char line[256];
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(line, sizeof line, fmt, copy);
	va_end(copy);
	if (n < 0)
		return NULL;
	if ((size_t)n < sizeof line)
		return strdup(line);
	echo_buf msg = ECHO_BUF_INIT;
	echo_buf_vprintf(&msg, fmt, ap);
	return echo_buf_detach(&msg, NULL);
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
	int failed = 0;
	echo_diag d = {
		.severity = severity,
		.path = dup_or_null(path, &failed),
		.line = line,
		.col = col,
		.message = format_message(fmt, ap),
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

static void insertion_sort(echo_diag *items, size_t count)
{
	for (size_t i = 1; i < count; i++) {
		echo_diag d = items[i];
		size_t j = i;
		while (j > 0 && diag_cmp(&items[j - 1], &d) > 0) {
			items[j] = items[j - 1];
			j--;
		}
		items[j] = d;
	}
}

void echo_diags_sort(echo_diags *diags)
{
	/* A stable merge sort, bottom up: a document may have thousands of
	 * findings.  Runs of 16 are put in order first. */
	size_t n = diags->count;
	const size_t run = 16;
	for (size_t i = 0; i < n; i += run)
		insertion_sort(diags->items + i, n - i < run ? n - i : run);
	if (n <= run)
		return;
	echo_diag *tmp = malloc(n * sizeof *tmp);
	if (!tmp) {
		insertion_sort(diags->items, n);
		return;
	}
	echo_diag *from = diags->items, *to = tmp;
	for (size_t width = run; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t a = lo, b = mid, k = lo;
			while (a < mid && b < hi)
				to[k++] = diag_cmp(&from[b], &from[a]) < 0 ? from[b++] : from[a++];
			while (a < mid)
				to[k++] = from[a++];
			while (b < hi)
				to[k++] = from[b++];
		}
		echo_diag *t = from;
		from = to;
		to = t;
	}
	if (from != diags->items)
		memcpy(diags->items, from, n * sizeof *from);
	free(tmp);
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
	size_t run = 0;         /* where the bytes not yet appended start */
	for (size_t i = 0; i < len;) {
		size_t n = utf8_length(text + i, len - i);
		if (n == 0 || (n == 1 && is_control(u[i]))) {
			echo_buf_append(out, text + run, i - run);
			echo_buf_printf(out, "\\x%02x", u[i]);
			i++;
			run = i;
		} else if (n == 2 && u[i] == 0xc2 && u[i + 1] <= 0x9f) {
			/* A C1 control: U+009B alone starts an escape sequence. */
			echo_buf_append(out, text + run, i - run);
			echo_buf_printf(out, "\\u%04x", u[i + 1]);
			i += 2;
			run = i;
		} else {
			i += n;
		}
	}
	echo_buf_append(out, text + run, len - run);
}

/* n in decimal: a line or a column, for every finding printed. */
static void put_number(echo_buf *out, size_t n)
{
	char digits[24];
	size_t at = sizeof digits;
	do {
		digits[--at] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	echo_buf_append(out, digits + at, sizeof digits - at);
}

/* The first line, "path:line:col: error: message [rule]". */
static void format_head(echo_buf *out, const echo_diag *diag)
{
	/* Paths and messages quote the input (keys, values, file names):
	 * escaped, they cannot move the cursor, retitle the window or ring. */
	const char *path = diag->path ? diag->path : "<input>";
	echo_diag_escape(out, path, strlen(path));
	if (diag->line) {
		echo_buf_putc(out, ':');
		put_number(out, diag->line);
		echo_buf_putc(out, ':');
		put_number(out, diag->col ? diag->col : 1);
	}
	echo_buf_puts(out, ": ");
	echo_buf_puts(out, echo_severity_name(diag->severity));
	echo_buf_puts(out, ": ");
	echo_diag_escape(out, diag->message, strlen(diag->message));
	if (diag->rule) {
		echo_buf_puts(out, " [");
		echo_buf_puts(out, diag->rule);
		echo_buf_putc(out, ']');
	}
	echo_buf_putc(out, '\n');
}

/* The source line (n bytes at line) and a caret under the column. */
static void format_excerpt(echo_buf *out, const echo_diag *diag, const char *line, size_t n)
{
	/* Show the line only if it is printable text; a binary or mis-encoded
	 * line is better left out than echoed to a terminal. */
	for (size_t i = 0; i < n; i++)
		if (is_control((unsigned char)line[i]) ||
		    ((unsigned char)line[i] == 0xc2 && i + 1 < n &&
		     (unsigned char)line[i + 1] >= 0x80 && (unsigned char)line[i + 1] <= 0x9f))
			return;
	if (n == 0 || n > 200)
		return;
	echo_buf_puts(out, "  ");
	/* Bytes that are not UTF-8 would garble a terminal: show '?'. */
	size_t run = 0;         /* where the bytes not yet appended start */
	for (size_t i = 0; i < n;) {
		size_t k = utf8_length(line + i, n - i);
		if (k == 0) {
			echo_buf_append(out, line + run, i - run);
			echo_buf_putc(out, '?');
			i++;
			run = i;
		} else {
			i += k;
		}
	}
	echo_buf_append(out, line + run, n - run);
	echo_buf_puts(out, "\n  ");
	/* The caret's indent: a blank (or the line's tab) a character, at
	 * most one a byte of the line (n is 200 or fewer). */
	char indent[200];
	size_t col = 1, w = 0;
	for (size_t i = 0; i < n && col < diag->col; i++) {
		unsigned char c = (unsigned char)line[i];
		if ((c & 0xc0) == 0x80)
			continue;
		indent[w++] = c == '\t' ? '\t' : ' ';
		col++;
	}
	echo_buf_append(out, indent, w);
	echo_buf_puts(out, "^\n");
}

void echo_diag_format(echo_buf *out, const echo_diag *diag,
                      const char *source, size_t source_len)
{
	format_head(out, diag);
	size_t n;
	const char *line = source && diag->line ? echo_text_line(source, source_len, diag->line, &n)
	                                        : NULL;
	if (line)
		format_excerpt(out, diag, line, n);
}

void echo_diag_format_lines(echo_buf *out, const echo_diag *diag, const echo_lines *lines)
{
	format_head(out, diag);
	size_t n;
	const char *line = lines && diag->line ? echo_lines_line(lines, diag->line, &n) : NULL;
	if (line)
		format_excerpt(out, diag, line, n);
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
