/* Reading and writing whole files safely: outputs never replace an input
 * or a node that is not a regular file, and appear all or none. */
#ifndef ECHO_FILE_H
#define ECHO_FILE_H

#include "echo/export.h"
#include <stddef.h>

#include "echo/diag.h"

/* Writing.  What is at the output path decides how it is written:
 *  - nothing, or a regular file: the bytes go to a temporary file beside
 *    it, which is then linked in (a new path) or renamed over the file, so
 *    a failed or interrupted run leaves any previous file intact;
 *  - a symbolic link: its target is written the same way, and the link
 *    stays;
 *  - a FIFO or a character device (/dev/null, /dev/full, a terminal):
 *    written straight into, write errors reported;
 *  - /dev/stdout, /dev/fd/N: written straight into descriptor N;
 *  - anything else (a directory, a block device, a socket) is refused.
 * No node that is not a regular file is ever replaced, and an output that
 * is an input of the run (echo_file_protect), by any name, is refused with
 * an "overwrite-input" error and nothing written.  Errors go to diags
 * ("io", "overwrite-input", "memory"). */

/* ECHO_OUTPUT_CREATE: never replace an existing file, even one that
 * appears while the output is written (the staged file is renamed in with
 * RENAME_NOREPLACE, or linked in with link(), which fail rather than
 * replace). */
/* ECHO_OUTPUT_IN_PLACE: the output is its own input, rewritten on
 * purpose (an in-place edit such as echo-case review -i): the check that
 * no input is replaced is skipped for it, and only for it. */
enum { ECHO_OUTPUT_CREATE = 1, ECHO_OUTPUT_IN_PLACE = 2 };

/* Writes len bytes to path as above; "-" writes standard output and
 * checks that the write succeeded.  Returns 0, or -1 with an error. */
ECHO_EXPORT int echo_file_write(const char *path, const char *data, size_t len, echo_diags *diags);
/* The same, with ECHO_OUTPUT_* flags. */
ECHO_EXPORT int echo_file_write_flags(const char *path, const char *data, size_t len, unsigned flags,
                                      echo_diags *diags);

/* A set of outputs written all or none.  echo_output_add stages one file
 * (or, for a FIFO, a device or a descriptor, keeps a copy of the bytes);
 * echo_output_commit checks every output against the inputs again, writes
 * the streams, then puts every staged file in place with signals
 * (SIGINT, SIGTERM, SIGHUP) held back; if one fails, those already in
 * place are rolled back to the files they replaced, and the folder is as
 * it was.  Both return 0, or -1 with an error in diags.  The caller owns
 * the set and frees it with echo_output_free (NULL is accepted), which
 * removes whatever was staged and not committed.  echo_output_new returns
 * NULL when memory runs out. */
typedef struct echo_output echo_output;
ECHO_EXPORT echo_output *echo_output_new(void);
ECHO_EXPORT int echo_output_add(echo_output *set, const char *path, const char *data, size_t len,
                                unsigned flags, echo_diags *diags);
ECHO_EXPORT int echo_output_commit(echo_output *set, echo_diags *diags);
/* 1 if an output was added to set under this path (as given), else 0: in
 * constant time, for a run that names thousands of outputs. */
ECHO_EXPORT int echo_output_has(const echo_output *set, const char *path);
ECHO_EXPORT void echo_output_free(echo_output *set);

/* Removes every temporary file staged and not yet committed or discarded.
 * Async-signal-safe: a tool calls it from its SIGINT/SIGTERM/SIGHUP
 * handler, so an interrupted run leaves no temporary behind (the previous
 * outputs are untouched either way). */
ECHO_EXPORT void echo_file_cleanup(void);

/* Inputs.  The library remembers, for the whole process, every regular
 * file it reads (echo_file_read, and so every loader) by device and
 * inode; echo_file_protect adds a file an output must not replace
 * although it may not be read ("-": standard input, whatever it is
 * redirected from).  Returns 0, or -1 when memory runs out; a path that
 * does not exist is not an input and is skipped.  echo_file_protect_clear
 * forgets them all, for a program that runs several jobs. */
ECHO_EXPORT int echo_file_protect(const char *path);
/* Checks, before any work, that output to path ("-": standard output)
 * would replace no input known so far and can be written the way above.
 * Returns 0, or -1 with an error in diags.  The writing functions check
 * again. */
ECHO_EXPORT int echo_file_check(const char *path, echo_diags *diags);
ECHO_EXPORT void echo_file_protect_clear(void);

/* Reads a whole file ("-": standard input) of at most max bytes into a
 * malloc'd NUL-terminated buffer the caller frees.  Returns NULL with an
 * error in diags when it cannot: "io"; "limit-size" past max; and
 * "limit-budget" when the file would take the bytes read by every
 * echo_file_read of the process (every loader's input, exports, rosters,
 * templates) past the input budget.  The buffer is never larger than the
 * smaller of the two, so a refused file costs no more memory than that. */
ECHO_EXPORT char *echo_file_read(const char *path, size_t max, size_t *len, echo_diags *diags);

/* The input budget: 256 MiB unless set.  The tools take it from the
 * environment variable ECHO_INPUT_BUDGET_ENV names. */
#define ECHO_INPUT_BUDGET_DEFAULT ((size_t)256 * 1024 * 1024)
#define ECHO_INPUT_BUDGET_ENV "ECHO_INPUT_BUDGET"
/* Sets the budget to bytes and starts counting again from none read (a
 * program that runs several jobs calls it before each). */
ECHO_EXPORT void echo_file_budget_set(size_t bytes);
/* Bytes read against the budget so far. */
ECHO_EXPORT size_t echo_file_budget_used(void);

/* 1 if path is an existing directory. */
ECHO_EXPORT int echo_file_is_dir(const char *path);

#endif
