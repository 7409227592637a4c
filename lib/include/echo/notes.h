/* The notes format (echo-notes/1): what a coordinator records at a
 * session besides the cases: announcements, discussion highlights, action
 * items with owners.  echo-minutes puts them into the minutes. */
#ifndef ECHO_NOTES_H
#define ECHO_NOTES_H

#include "echo/export.h"
#include <stddef.h>

#include "echo/diag.h"
#include "echo/doc.h"
#include "echo/schema.h"

ECHO_EXPORT extern const echo_schema echo_notes_schema;

/* Checks a notes document: the schema, then screens the fields marked
 * ECHO_FIELD_PATIENT (highlights and action items: where a case's details
 * could slip in) for PHI, as echo_case_screen does for cases.  A name
 * finding that is (part of) one of known_names (the session's hub team,
 * facilitator and presenters; may be NULL when known_count is 0) is not
 * reported: these people are named in the minutes anyway.  Findings the
 * document's deid block lists (same text, same rule) are notes (rule
 * phi-reviewed); a deid item that matches nothing is a warning
 * (deid-unused).  Every finding is located in the notes file.  Returns the
 * number of errors added. */
ECHO_EXPORT size_t echo_notes_check(const echo_stream *stream, const echo_node *root,
                                    const char *const *known_names, size_t known_count,
                                    echo_diags *diags);

#endif
