/* Cases without writing YAML (for echo-case): an interview that asks for a
 * case one field at a time, and imports of form exports (REDCap, other
 * CSV).  Both make the case's tree and write it with echo_schema_write. */
#ifndef ECHO_INTAKE_H
#define ECHO_INTAKE_H

#include <stddef.h>

#include <echo/echo.h>

/* Interview ---------------------------------------------------------------- */

typedef enum echo_ask_kind {
	ECHO_ASK_VALUE,    /* a value for a field (empty: skip an optional one) */
	ECHO_ASK_SECTION,  /* fill in an optional group of fields? yes or no */
	ECHO_ASK_MORE      /* add an item to a list? yes or no */
} echo_ask_kind;

/* One question.  Every string is owned by the interview and valid until
 * the ask function returns. */
typedef struct echo_question {
	echo_ask_kind kind;
	const char *path;         /* where the answer goes: "substance_use[2].route" */
	const echo_field *field;  /* the field asked about (the list's, for MORE) */
	const char *text;         /* the question: help, type, example, choices */
	int required;             /* an empty answer is not taken */
	const char *problem;      /* why the last answer was not taken, or NULL */
	const char *note;         /* about the answer taken before (a score's band), or NULL */
	size_t number;            /* 1 for the first question asked, then 2... */
} echo_question;

/* Asks q and puts the answer (one line, no line break) in answer, which is
 * empty on entry.  Returns 1 with an answer, 0 to stop the interview (its
 * answers stay saved), -1 on an error. */
typedef int (*echo_ask_fn)(void *ctx, const echo_question *q, echo_buf *answer);

typedef struct echo_interview echo_interview;

/* A new interview for a case, saving its answers to save_path (atomically,
 * through echo_file_write) whenever an answer is taken; NULL save_path
 * saves nothing.  Returns NULL when memory runs out.  Caller frees with
 * echo_interview_free (NULL is accepted). */
echo_interview *echo_interview_new(const char *save_path);
void echo_interview_free(echo_interview *iv);

/* Takes the answers saved in path (as the interview saves them) and the
 * question it stopped at, so that echo_interview_run asks from there on.
 * Returns 0, or -1 with the file's problems in diags. */
int echo_interview_resume(echo_interview *iv, const char *path, echo_diags *diags);

/* Walks the case format in order, asking through ask: each answer is
 * checked at once (type, range, date, instrument score) and screened for
 * PHI where the case is screened, and asked again with the problem said;
 * the same text given twice after a PHI finding is taken (a false
 * positive is then the reviewer's, as in any case).  Returns 1 when every
 * question is answered, 0 when ask stopped it, -1 on an error (in diags:
 * memory, or saving failed). */
int echo_interview_run(echo_interview *iv, echo_ask_fn ask, void *ctx, echo_diags *diags);

/* Appends the case answered so far as commented YAML (echo_schema_write).
 * With unfinished, the first lines say so and name the next question. */
void echo_interview_yaml(const echo_interview *iv, int unfinished, echo_buf *out);

/* Import ------------------------------------------------------------------- */

typedef struct echo_import echo_import;

/* Reads a CSV export (REDCap's, raw values or labels, or any form tool's),
 * the mapping file (echo-import-map/1, doc/case-format.md) and, when
 * dict_path is not NULL, the REDCap data dictionary.  Checks the mapping
 * against both: a variable neither has (import-variable), a key the case
 * format does not have or that takes no value (import-key).  Returns NULL
 * with the problems in diags.  Caller frees with echo_import_free (NULL is
 * accepted). */
echo_import *echo_import_open(const char *export_path, const char *map_path,
                              const char *dict_path, echo_diags *diags);
void echo_import_free(echo_import *im);

/* Called for each record's case: the file's stem (the record id, or the
 * mapping's name variable), its YAML, and its findings from echo_case_check
 * and echo_case_screen, located at the export's cell each value came from
 * (at the record's first row for a missing key).  Returns 0 to go on, -1
 * to stop. */
typedef int (*echo_import_fn)(void *ctx, const char *stem, const char *yaml, size_t len,
                              const echo_diags *found);

/* Makes one case per record (the rows of a repeating instrument, by
 * redcap_repeat_instance, are items of the mapped lists) and hands each to
 * each.  Returns 0, or -1 when memory runs out or each stopped. */
int echo_import_run(echo_import *im, echo_import_fn each, void *ctx, echo_diags *diags);

#endif
