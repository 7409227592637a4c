/* Escaping text for the outputs: HTML, CommonMark values, plain text shown
 * as it is in Markdown, and table cells.  Every output takes its escaping
 * from here. */
#ifndef ECHO_ESCAPE_H
#define ECHO_ESCAPE_H

#include "echo/export.h"
#include <stddef.h>

#include "echo/buf.h"

/* Writes text (len bytes) to out, escaped for the output format: the type
 * of a template's escaper (echo_render_options). */
typedef void (*echo_escape_fn)(echo_buf *out, const char *text, size_t len);

/* HTML escaping as the Mustache spec asks: & " < > and '. */
ECHO_EXPORT void echo_escape_html(echo_buf *out, const char *text, size_t len);
/* text as a quoted CSS string ("..."), safe inside an HTML <style>
 * element: '"' and '\\' escaped, '<', '>', '&' and control characters as
 * hexadecimal escapes, so no "</style>" can form. */
ECHO_EXPORT void echo_escape_css_string(echo_buf *out, const char *text, size_t len);
/* For Markdown output: values are CommonMark already, so they pass through,
 * except that raw HTML cannot be formed ('<' becomes "&lt;"). */
ECHO_EXPORT void echo_escape_markdown(echo_buf *out, const char *text, size_t len);
/* For a Markdown table cell: as echo_escape_markdown, and the cell stays
 * one cell on one line (as echo_markdown_cell). */
ECHO_EXPORT void echo_escape_markdown_cell(echo_buf *out, const char *text, size_t len);

/* Untrusted plain text (a name from an attendance export, a file name) as
 * Markdown that shows it as it is: each of \ ` * _ [ ] < > | & ~ # ! $ is
 * backslash-escaped, and every control character becomes a space, so the
 * text stays on its line, in its cell, and forms no markup. */
ECHO_EXPORT void echo_escape_markdown_text(echo_buf *out, const char *text, size_t len);
/* The same for a value a template writes with {{name}} under
 * echo_escape_markdown: '<' is left to that escaper, which writes
 * "&lt;" (a "\<" would reach the page as "\&lt;"). */
ECHO_EXPORT void echo_escape_markdown_value(echo_buf *out, const char *text, size_t len);

/* CommonMark text made one table cell: line breaks (CRLF counted once)
 * become spaces and each '|' is escaped, except one the writer escaped
 * already (after an odd run of backslashes), which would otherwise end the
 * cell as "\\|". */
ECHO_EXPORT void echo_markdown_cell(echo_buf *out, const char *text, size_t len);

/* Writes text (len bytes of UTF-8) as one double-quoted YAML scalar,
 * quotes included, that reads back as exactly text: '"' and '\\'
 * escaped, line breaks, tabs and other controls, NEL, the line and
 * paragraph separators and a byte order mark as escapes. */
ECHO_EXPORT void echo_escape_yaml_quoted(echo_buf *out, const char *text, size_t len);

#endif
