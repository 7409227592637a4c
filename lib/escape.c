/* Escaping for every output: one routine per kind of text, so that two
 * outputs never disagree about a character. */
#include "echo/escape.h"

#include <string.h>

void echo_escape_html(echo_buf *out, const char *text, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (text[i]) {
		case '&': rep = "&amp;"; break;
		case '"': rep = "&quot;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		echo_buf_append(out, text + start, i - start);
		echo_buf_puts(out, rep);
		start = i + 1;
	}
	echo_buf_append(out, text + start, len - start);
}

void echo_escape_css_string(echo_buf *out, const char *text, size_t len)
{
	echo_buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '"' || c == '\\')
			echo_buf_printf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&')
			echo_buf_printf(out, "\\%x ", c);
		else
			echo_buf_putc(out, (char)c);
	}
	echo_buf_putc(out, '"');
}

/* CommonMark into a table cell; with lt, '<' as "&lt;" too. */
static void markdown_cell(echo_buf *out, const char *text, size_t len, int lt)
{
	size_t backslashes = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == '|' && backslashes % 2 == 0)
			echo_buf_putc(out, '\\');
		if (c == '\n' || c == '\r') {
			/* A table row is one line; CRLF is one break, so one space. */
			if (!(c == '\n' && i > 0 && text[i - 1] == '\r'))
				echo_buf_putc(out, ' ');
		} else if (lt && c == '<') {
			echo_buf_puts(out, "&lt;");
		} else {
			echo_buf_putc(out, c);
		}
		backslashes = c == '\\' ? backslashes + 1 : 0;
	}
}

void echo_escape_markdown(echo_buf *out, const char *text, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '<')
			continue;
		echo_buf_append(out, text + start, i - start);
		echo_buf_puts(out, "&lt;");
		start = i + 1;
	}
	echo_buf_append(out, text + start, len - start);
}

void echo_escape_markdown_cell(echo_buf *out, const char *text, size_t len)
{
	markdown_cell(out, text, len, 1);
}

void echo_markdown_cell(echo_buf *out, const char *text, size_t len)
{
	markdown_cell(out, text, len, 0);
}

/* Plain text as literal Markdown; '<' escaped too when lt. */
static void markdown_text(echo_buf *out, const char *text, size_t len, int lt)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 || c == 0x7f) {
			echo_buf_putc(out, ' ');
			continue;
		}
		if (strchr("\\`*_[]>|&~#!$", c) || (lt && c == '<'))
			echo_buf_putc(out, '\\');
		echo_buf_putc(out, (char)c);
	}
}

void echo_escape_markdown_text(echo_buf *out, const char *text, size_t len)
{
	markdown_text(out, text, len, 1);
}

void echo_escape_markdown_value(echo_buf *out, const char *text, size_t len)
{
	markdown_text(out, text, len, 0);
}

/* Every YAML writer quotes through here: what YAML would read as a
 * break, a control or a byte order mark is escaped. */
void echo_escape_yaml_quoted(echo_buf *out, const char *text, size_t len)
{
	echo_buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '"' || c == '\\') {
			echo_buf_putc(out, '\\');
			echo_buf_putc(out, (char)c);
		} else if (c == '\n') {
			echo_buf_puts(out, "\\n");
		} else if (c == '\t') {
			echo_buf_puts(out, "\\t");
		} else if (c < 0x20 || c == 0x7f) {
			echo_buf_printf(out, "\\x%02X", c);
		} else if (c == 0xc2 && i + 1 < len && (unsigned char)text[i + 1] == 0x85) {
			echo_buf_puts(out, "\\N");
			i++;
		} else if (c == 0xe2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
		           ((unsigned char)text[i + 2] == 0xa8 || (unsigned char)text[i + 2] == 0xa9)) {
			echo_buf_puts(out, (unsigned char)text[i + 2] == 0xa8 ? "\\L" : "\\P");
			i += 2;
		} else if (c == 0xef && i + 2 < len && (unsigned char)text[i + 1] == 0xbb &&
		           (unsigned char)text[i + 2] == 0xbf) {
			echo_buf_puts(out, "\\uFEFF");
			i += 2;
		} else {
			echo_buf_putc(out, (char)c);
		}
	}
	echo_buf_putc(out, '"');
}
