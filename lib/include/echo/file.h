/* Reading and writing whole files safely. */
#ifndef ECHO_FILE_H
#define ECHO_FILE_H

#include <stddef.h>

#include "echo/diag.h"

/* Writes len bytes to path atomically: a temporary file in the same folder,
 * then renamed over path, so a failed or interrupted run leaves any
 * previous file intact.  "-" writes standard output and checks that the
 * write succeeded.  Returns 0, or -1 with an "io" error in diags. */
int echo_file_write(const char *path, const char *data, size_t len,
                    echo_diags *diags);

/* The two halves of echo_file_write, for writing several files all or
 * none: echo_file_stage writes a temporary file beside path and returns its
 * name (or NULL with an "io" error); echo_file_commit renames it over path,
 * echo_file_discard removes it.  Both take ownership of the name and free
 * it; echo_file_discard accepts NULL. */
char *echo_file_stage(const char *path, const char *data, size_t len, echo_diags *diags);
int echo_file_commit(char *tmp, const char *path, echo_diags *diags);
void echo_file_discard(char *tmp);

/* Removes every temporary file that echo_file_stage made and that is not
 * yet committed or discarded.  Async-signal-safe: a tool calls it from its
 * SIGINT/SIGTERM handler, so an interrupted run leaves no temporary
 * behind (the previous outputs are untouched either way). */
void echo_file_cleanup(void);

/* Reads a whole file ("-": standard input) of at most max bytes into a
 * malloc'd NUL-terminated buffer the caller frees.  Returns NULL with an
 * error in diags when it cannot. */
char *echo_file_read(const char *path, size_t max, size_t *len, echo_diags *diags);

/* 1 if a and b name the same existing file. */
int echo_file_same(const char *a, const char *b);
/* 1 if path is an existing directory. */
int echo_file_is_dir(const char *path);

/* The text of a template compiled into the library ("case.md.mustache",
 * "page.html", "style.css"), or NULL.  Static data. */
const char *echo_builtin_template(const char *name, size_t *len);
/* Adds every compiled-in Mustache template to set, under its file name
 * without ".mustache" ("case.md").  Returns 0, or -1 when memory runs out. */
struct echo_templates;
int echo_templates_add_builtins(struct echo_templates *set);

#endif
