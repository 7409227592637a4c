/* Mustache templates (the logic-less spec, lambdas excluded) rendered
 * against document nodes. */
#ifndef ECHO_TEMPLATE_H
#define ECHO_TEMPLATE_H

#include "echo/export.h"
#include <stddef.h>

#include "echo/buf.h"
#include "echo/diag.h"
#include "echo/doc.h"
#include "echo/escape.h"

/* The escapers (echo_escape_fn, echo_escape_html, echo_escape_markdown...)
 * are in escape.h. */

/* A set of named templates (partials and parents are looked up in the same
 * set by name).  Texts are copied on add and parsed once, on first use.
 * Caller frees with echo_templates_free. */
typedef struct echo_templates echo_templates;

/* Returns NULL when memory runs out. */
ECHO_EXPORT echo_templates *echo_templates_new(void);
/* NULL is accepted. */
ECHO_EXPORT void echo_templates_free(echo_templates *set);
/* Adds or replaces the template called name.  Returns 0, or -1 when memory
 * runs out. */
ECHO_EXPORT int echo_templates_add(echo_templates *set, const char *name,
                                   const char *text, size_t len);
/* Largest template file echo_templates_add_file reads. */
#define ECHO_TEMPLATE_MAX_BYTES ((size_t)1024 * 1024)
/* Reads path ("-": standard input) and adds it as the template called
 * name, after checking that it is UTF-8 text (echo_text_check): a NUL
 * byte or an invalid sequence is an error at the first bad byte.  Its
 * syntax errors, when it is rendered, name path, not name.  Returns 0, or
 * -1 with an error in diags (the file, its encoding, or memory). */
ECHO_EXPORT int echo_templates_add_file(echo_templates *set, const char *name, const char *path,
                                        echo_diags *diags);
/* 1 if the set holds a template of that name. */
ECHO_EXPORT int echo_templates_has(const echo_templates *set, const char *name);

typedef struct echo_render_options {
	echo_escape_fn escape;    /* NULL: echo_escape_html */
	size_t max_depth;         /* nested partials/parents; 0: 64 */
	size_t max_output;        /* bytes written; 0: 64 MiB */
} echo_render_options;

/* Renders the template called name with data as the root context (data may
 * be NULL: an empty context).  A partial missing from the set renders as
 * empty, as the spec requires.  Returns 0 on success; -1 on a template
 * syntax error (reported at the template's name:line:col, rule
 * "template-syntax"), a limit (rules "template-depth", "template-size"),
 * an unknown template name ("template-missing") or memory exhaustion.
 * On failure out may hold partial output, which the caller discards.
 * options may be NULL. */
ECHO_EXPORT int echo_templates_render(echo_templates *set, const char *name,
                                      const echo_node *data,
                                      const echo_render_options *options,
                                      echo_buf *out, echo_diags *diags);

/* The text of a template compiled into the library ("case.md.mustache",
 * "page.html", "style.css"), or NULL.  Static data. */
ECHO_EXPORT const char *echo_builtin_template(const char *name, size_t *len);
/* Adds every compiled-in Mustache template to set, under its file name
 * without ".mustache" ("case.md").  Returns 0, or -1 when memory runs out. */
ECHO_EXPORT int echo_templates_add_builtins(echo_templates *set);

#endif
