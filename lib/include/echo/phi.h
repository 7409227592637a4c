/* Screening text for protected health information: the HIPAA Safe Harbor
 * identifiers (45 CFR 164.514(b)(2)).  See doc/phi.md for the signals used
 * and their blind spots. */
#ifndef ECHO_PHI_H
#define ECHO_PHI_H

#include "echo/export.h"
#include <stddef.h>

#include "echo/diag.h"
#include "echo/doc.h"
#include "echo/schema.h"

typedef enum echo_phi_category {
	ECHO_PHI_NAME,
	ECHO_PHI_PLACE,     /* street address, city, county, other sub-state */
	ECHO_PHI_ZIP,
	ECHO_PHI_DATE,      /* any date element but the year */
	ECHO_PHI_AGE,       /* ages over 89 */
	ECHO_PHI_PHONE,
	ECHO_PHI_FAX,
	ECHO_PHI_EMAIL,
	ECHO_PHI_SSN,
	ECHO_PHI_MRN,
	ECHO_PHI_PLAN,      /* health plan beneficiary number */
	ECHO_PHI_ACCOUNT,
	ECHO_PHI_LICENSE,   /* certificate and license numbers */
	ECHO_PHI_VEHICLE,
	ECHO_PHI_DEVICE,
	ECHO_PHI_URL,
	ECHO_PHI_IP,
	ECHO_PHI_ID,        /* any other unique identifying number or code */
	ECHO_PHI_CATEGORY_COUNT
} echo_phi_category;

/* One match: the bytes text[start..end) look like an identifier. */
typedef struct echo_phi_match {
	echo_phi_category category;
	size_t start;
	size_t end;
} echo_phi_match;

/* Caller-owned list; initialise with ECHO_PHI_MATCHES_INIT and release
 * with echo_phi_matches_free. */
typedef struct echo_phi_matches {
	echo_phi_match *items;
	size_t count;
	size_t cap;
} echo_phi_matches;

#define ECHO_PHI_MATCHES_INIT {NULL, 0, 0}

ECHO_EXPORT void echo_phi_matches_free(echo_phi_matches *matches);

/* Scans len bytes of UTF-8 text and appends matches, in text order, not
 * overlapping.  Time is linear in len.  Returns 0, or -1 when memory runs
 * out. */
ECHO_EXPORT int echo_phi_scan(const char *text, size_t len, echo_phi_matches *matches);

/* "phi-phone" and the like: the diagnostic rule of a category. */
ECHO_EXPORT const char *echo_phi_rule(echo_phi_category category);
/* "[PHONE]" and the like: what redaction puts in place of a match. */
ECHO_EXPORT const char *echo_phi_tag(echo_phi_category category);
/* "phone number" and the like: for messages ("possible phone number"). */
ECHO_EXPORT const char *echo_phi_label(echo_phi_category category);
/* The category of a rule name, or -1 if it is not one. */
ECHO_EXPORT int echo_phi_category_from_rule(const char *rule);

/* Screening a document --------------------------------------------------- */

/* The fields of a deid block (reviewed_by, reviewed_on, items of text,
 * rule and reason), for format tables whose documents are screened. */
ECHO_EXPORT extern const echo_field echo_deid_fields[];

typedef struct echo_screen_options {
	/* A name finding that is one or more whole words of one of these
	 * (ignoring case) is not reported: people the document is about by
	 * role, such as a session's hub team.  May be NULL if known_count is 0. */
	const char *const *known_names;
	size_t known_count;
	/* Appended to each finding's message, such as " in notes that go to
	 * every participant"; NULL for nothing. */
	const char *context;
} echo_screen_options;

/* Screens the fields of root that the schema marks with one of
 * ECHO_FIELD_SCREENS (everything inside them) for PHI: what each scalar
 * means, its escapes decoded and its lines joined, not how it is written.
 * In ECHO_FIELD_CLINICIAN fields name findings are dropped.  Each finding
 * is an error whose rule is its category (phi-phone...), located at the
 * line and column of the source byte its first character was decoded from,
 * with the finding's decoded text set (echo_diags_set_text) for a deid
 * item.  Findings that the document's deid block lists (same text, white
 * space folded, same rule) are notes instead (rule phi-reviewed); a deid
 * item that matches nothing is a warning (deid-unused); a reviewer or a
 * reason still reading ECHO_DEID_TODO is an error (deid-todo).  options may
 * be NULL.  Returns the number of errors added. */
ECHO_EXPORT size_t echo_schema_screen(const echo_schema *schema, const echo_stream *stream,
                                      const echo_node *root, const echo_screen_options *options,
                                      echo_diags *diags);

/* Appends to out the stream's source with every open finding (one
 * echo_schema_screen reports as an error: its deid block does not clear
 * it) of every document replaced by its tag ([PHONE], [NAME]...), working on
 * byte ranges so comments, key order and layout are kept.  Returns the
 * number of replacements, or -1 when memory runs out. */
ECHO_EXPORT long echo_schema_redact(const echo_schema *schema, const echo_stream *stream, echo_buf *out);

/* What echo_schema_review writes: the reviewer's name and the reason given
 * for every new item; NULL for the ECHO_DEID_TODO placeholder, which the
 * screen reports until a person replaces it. */
typedef struct echo_deid_review {
	const char *reviewer;
	const char *reason;
	/* The review's date (YYYY-MM-DD), written as deid.reviewed_on where
	 * the block has none; NULL: not written. */
	const char *reviewed_on;
} echo_deid_review;

#define ECHO_DEID_TODO "TODO"

/* Writes stream's source to out with each document's open findings (one
 * item per distinct text and rule) added to its deid block, the block or
 * its items made if missing.  Everything else is copied byte for byte:
 * comments, key order and layout are kept.  review may be NULL.  Returns
 * the number of items added, or -1 when memory runs out or a document is
 * laid out so that the block cannot be added safely (a flow mapping, a
 * deid block or items list written on one line: error review-layout in
 * diags); out is then incomplete. */
ECHO_EXPORT long echo_schema_review(const echo_schema *schema, const echo_stream *stream,
                                    const echo_screen_options *options, const echo_deid_review *review,
                                    echo_buf *out, echo_diags *diags);

#endif
