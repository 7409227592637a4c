/* The case format (echo-case/1): its schema table, the screening
 * instruments the library knows, case-specific checks and the case's
 * view (the data its template renders). */
#ifndef ECHO_CASE_H
#define ECHO_CASE_H

#include "echo/export.h"
#include "echo/buf.h"
#include "echo/diag.h"
#include "echo/doc.h"
#include "echo/phi.h"
#include "echo/schema.h"

ECHO_EXPORT extern const echo_schema echo_case_schema;

typedef struct echo_band {
	int low, high;          /* inclusive score range */
	const char *label;      /* "moderate" */
} echo_band;

/* A screening instrument with its published score range and bands. */
typedef struct echo_instrument {
	const char *name;       /* canonical: "PHQ-9" */
	const char *measures;   /* "depression" */
	int min, max;
	const echo_band *bands; /* ends with a NULL label */
	const char *source;     /* citation for the bands */
} echo_instrument;

/* Looks up an instrument by name, ignoring case, spaces and hyphens
 * ("phq9", "CIWA-Ar", "ciwa").  NULL if unknown.  Static data. */
ECHO_EXPORT const echo_instrument *echo_instrument_find(const char *name);
/* The band a score falls in, or NULL if out of range. */
ECHO_EXPORT const echo_band *echo_instrument_band(const echo_instrument *inst, int score);
/* All known instruments, ending with a NULL name. */
ECHO_EXPORT extern const echo_instrument echo_instruments[];

/* The case a presentation counts as, in reports and summaries: the id it
 * names in follow_up_of (a follow-up presentation), else its own id; NULL
 * when it has neither.  Points into root. */
ECHO_EXPORT const char *echo_case_counted_as(const echo_node *root);

/* Checks one case document: the schema, then rules the table cannot say
 * (a practice case has no patient block, instrument scores in range).
 * Returns the number of errors added to diags. */
ECHO_EXPORT size_t echo_case_check(const echo_stream *stream, const echo_node *root,
                                   echo_diags *diags);

/* The data the case template (markdown 1) or the JSON output (markdown 0)
 * is made from: a view of root (echo_view_copy, in stream and freed with
 * it) with the fields the library computes (for each screening entry
 * `instrument_name`, `band`, `range`; at the top `is_practice`) and, for
 * the template, the Markdown keys of its text fields (F_md, and has_L
 * above a non-empty list L).  root must have passed echo_case_check; it
 * is not changed.  Returns NULL when memory runs out. */
ECHO_EXPORT echo_node *echo_case_view(echo_stream *stream, const echo_node *root, int markdown);

/* Screens a case for PHI: the patient-related text (ECHO_FIELD_PATIENT)
 * and every other field that reaches a shared document (the id, the
 * presenter's site, teaching points, themes...; ECHO_FIELD_SCREENED, and
 * the presenter's name for anything but a name, ECHO_FIELD_CLINICIAN), as
 * echo_schema_screen does.  Returns the number of errors added. */
ECHO_EXPORT size_t echo_case_screen(const echo_stream *stream, const echo_node *root,
                                    echo_diags *diags);

/* echo_schema_redact for cases: out gets the stream's source with every
 * open PHI finding of every document replaced by its tag ([PHONE],
 * [NAME]...), working on byte ranges so comments, key order and layout
 * are kept.  Returns the number of replacements, or -1 when memory runs
 * out. */
ECHO_EXPORT long echo_case_redact(const echo_stream *stream, echo_buf *out);

/* echo_schema_review for cases: out gets the stream's source with every
 * open finding added to its case's deid block.  review may be NULL. */
ECHO_EXPORT long echo_case_review(const echo_stream *stream, const echo_deid_review *review, echo_buf *out,
                                  echo_diags *diags);

#endif
