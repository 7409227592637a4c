/* Diagnostics: located findings collected by every stage of the library.
 * The library never prints; tools format a list with echo_diag_format. */
#ifndef ECHO_DIAG_H
#define ECHO_DIAG_H

#include "echo/export.h"
#include <stdarg.h>
#include <stddef.h>

#include "echo/buf.h"
#include "echo/pos.h"

typedef enum echo_severity {
	ECHO_NOTE,
	ECHO_WARNING,
	ECHO_ERROR
} echo_severity;

/* One finding.  path, message and rule are owned by the list that holds
 * the diagnostic.  line and col are 1-based; 0 means "no position" (for
 * example a file that cannot be opened).  col counts characters (UTF-8
 * code points), as editors do. */
typedef struct echo_diag {
	echo_severity severity;
	char *path;
	size_t line;
	size_t col;
	char *message;
	char *rule;
	/* The text a finding is about, as the document means it (escapes
	 * decoded): for a PHI finding, what a deid item's text must say.
	 * NULL for most findings. */
	char *text;
} echo_diag;

/* A caller-owned list.  Initialise with ECHO_DIAGS_INIT, release with
 * echo_diags_free. */
typedef struct echo_diags {
	echo_diag *items;
	size_t count;
	size_t cap;
	size_t errors;
	size_t warnings;
	int failed;   /* an allocation failed; the list may be incomplete */
} echo_diags;

#define ECHO_DIAGS_INIT {NULL, 0, 0, 0, 0, 0}

ECHO_EXPORT void echo_diags_free(echo_diags *diags);
/* Appends a finding; strings are copied.  path and rule may be NULL. */
ECHO_EXPORT void echo_diags_add(echo_diags *diags, echo_severity severity,
                                const char *path, size_t line, size_t col,
                                const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 7, 8)))
#endif
	;
/* As echo_diags_add, for callers with a va_list of their own. */
ECHO_EXPORT void echo_diags_vadd(echo_diags *diags, echo_severity severity,
                                 const char *path, size_t line, size_t col,
                                 const char *rule, const char *fmt, va_list ap);

/* Sets the text (len bytes, copied) of the finding added last. */
ECHO_EXPORT void echo_diags_set_text(echo_diags *diags, const char *text, size_t len);

/* Moves every finding of src to the end of dst; src is left empty. */
ECHO_EXPORT void echo_diags_take(echo_diags *dst, echo_diags *src);
/* Orders findings by path, line, column (stable). */
ECHO_EXPORT void echo_diags_sort(echo_diags *diags);

ECHO_EXPORT const char *echo_severity_name(echo_severity severity);

/* Appends len bytes of text with everything that could control a terminal
 * escaped: C0 controls but tab, and DEL, as \xNN; C1 controls as \u00NN;
 * bytes that are not UTF-8 as \xNN.  Every message that quotes input goes
 * through it (echo_diag_format does so for the path and the message). */
ECHO_EXPORT void echo_diag_escape(echo_buf *out, const char *text, size_t len);

/* Formats one finding as "path:line:col: error: message [rule]\n".  When
 * source (the text the path was loaded from, len bytes) is given and the
 * finding has a line, the source line and a caret under the column follow;
 * a source line with a control character in it is left out. */
ECHO_EXPORT void echo_diag_format(echo_buf *out, const echo_diag *diag,
                                  const char *source, size_t source_len);
/* The same, the source line found through lines, the source's line index
 * (a stream's, say), or none when lines is NULL: for many findings in one
 * text, which echo_diag_format would scan from the start for each. */
ECHO_EXPORT void echo_diag_format_lines(echo_buf *out, const echo_diag *diag, const echo_lines *lines);

/* Formats the whole list as a JSON array of findings (see doc/json.md). */
ECHO_EXPORT void echo_diags_format_json(echo_buf *out, const echo_diags *diags);

#endif
