/* Declarative schema tables: one table per format drives validation, the
 * documentation's field list, the commented scaffold and the JSON Schema. */
#ifndef ECHO_SCHEMA_H
#define ECHO_SCHEMA_H

#include "echo/export.h"
#include "echo/buf.h"
#include "echo/diag.h"
#include "echo/doc.h"

/* Limits on each Markdown text (doc/limits.md): its size, and how deep
 * block quotes, lists and emphasis may nest in it.  Past them a page could
 * take gigabytes to render, or nest deeper than the HTML parser follows. */
#define ECHO_TEXT_MAX_BYTES (64 * 1024)
#define ECHO_TEXT_MAX_DEPTH 32

typedef enum echo_field_type {
	ECHO_FIELD_STRING,   /* one line of text (any scalar): a line break or
	                        another control character is an error (one-line) */
	ECHO_FIELD_TEXT,     /* CommonMark: one text, or a list of texts, each
	                        within ECHO_TEXT_MAX_BYTES and ECHO_TEXT_MAX_DEPTH */
	ECHO_FIELD_INT,      /* an integer; values lists literal alternatives */
	ECHO_FIELD_NUMBER,
	ECHO_FIELD_BOOL,
	ECHO_FIELD_ENUM,     /* one of values */
	ECHO_FIELD_DATE,     /* YYYY-MM-DD */
	ECHO_FIELD_TIME,     /* HH:MM, 24-hour */
	ECHO_FIELD_MAP,      /* keys described by fields */
	ECHO_FIELD_LIST      /* items described by item */
} echo_field_type;

enum {
	ECHO_FIELD_REQUIRED = 1 << 0,   /* the key must be present, not empty */
	ECHO_FIELD_NONEMPTY = 1 << 1,   /* a list needs at least one item */
	ECHO_FIELD_PATIENT = 1 << 2,    /* about the patient: all text in it is screened for PHI */
	ECHO_FIELD_OPEN = 1 << 3,       /* ENUM: other values are a warning, not an error */
	ECHO_FIELD_SCREENED = 1 << 4,   /* reaches a shared document: all text in it is screened */
	ECHO_FIELD_CLINICIAN = 1 << 5,  /* a clinician's own name: screened, but names are expected
	                                   there (every other kind of identifier is a finding) */
	ECHO_FIELD_CODE = 1 << 6,       /* a code the program assigns (OUD-2026-014): screened, but
	                                   an identifying number shaped as such a code is expected */
	ECHO_FIELD_CALENDAR = 1 << 7,   /* about the series' own calendar (why a date is skipped):
	                                   screened, but dates and holidays are expected there */
	ECHO_FIELD_EMAIL = 1 << 8,      /* STRING: one email address (rule format); with a
	                                   screening flag, an email address is expected there */
	ECHO_FIELD_ANYCASE = 1 << 9,    /* ENUM: the values match in any case (Thursday) */
	ECHO_FIELD_LINK = 1 << 10       /* where to join (a video link): screened, but a URL is
	                                   expected there */
};

/* The flags that make a field's text screened for PHI. */
#define ECHO_FIELD_SCREENS \
	(ECHO_FIELD_PATIENT | ECHO_FIELD_SCREENED | ECHO_FIELD_CLINICIAN | ECHO_FIELD_CODE | \
	 ECHO_FIELD_CALENDAR | ECHO_FIELD_LINK)

/* One key of a format.  Tables are static data; arrays of fields end with
 * an entry whose key is NULL. */
typedef struct echo_field {
	const char *key;
	echo_field_type type;
	unsigned flags;
	const char *description;
	const char *const *values;          /* ENUM/INT: NULL-terminated */
	const struct echo_field *fields;    /* MAP */
	const struct echo_field *item;      /* LIST: one field, key unused */
	double min, max;                    /* INT/NUMBER: range if min < max */
	const char *example;                /* a value for the scaffold */
} echo_field;

typedef struct echo_schema {
	const char *id;            /* "echo-case/1": the value of the schema key */
	const char *title;
	const char *description;
	const echo_field *fields;
} echo_schema;

/* Checks root against the schema and appends findings (rules: type,
 * required, unknown-key, enum, range, format, one-line, limit-text,
 * limit-markdown-depth).  Returns the number of
 * errors added. */
ECHO_EXPORT size_t echo_schema_validate(const echo_schema *schema, const echo_stream *stream,
                                        const echo_node *root, echo_diags *diags);

/* Appends a JSON Schema (draft 2020-12) for the format. */
ECHO_EXPORT void echo_schema_json(const echo_schema *schema, echo_buf *out);
/* Appends a commented YAML scaffold: required keys with example values,
 * optional keys commented out, each with its description. */
ECHO_EXPORT void echo_schema_scaffold(const echo_schema *schema, echo_buf *out);
/* Called by echo_schema_write for each scalar it writes: the value and the
 * 1-based line of out where it begins (to locate findings in what was
 * written back at what it was made from). */
typedef void (*echo_write_mark)(void *ctx, const echo_node *value, size_t line);
/* Appends root, a map the schema describes, as YAML that reads back as
 * the same values: a first comment naming the format, then the keys in
 * the table's order (keys the table lacks after them), each with its
 * description as a comment; text double-quoted (a multi-line text as a
 * literal block where that reads back exactly), numbers and booleans
 * plain as they were read or made.  Empty values, maps and lists are left
 * out.  mark may be NULL. */
ECHO_EXPORT void echo_schema_write(const echo_schema *schema, const echo_node *root,
                                   echo_buf *out, echo_write_mark mark, void *ctx);
/* Appends the field reference as a Markdown table, for doc/. */
ECHO_EXPORT void echo_schema_markdown(const echo_schema *schema, echo_buf *out);

/* The field describing the value at key in a map described by fields, or
 * NULL. */
ECHO_EXPORT const echo_field *echo_field_find(const echo_field *fields, const char *key);

/* NULL if text is one email address as a field may hold it (local@domain,
 * the domain with a dot, no spaces, angle brackets or commas), else what is
 * wrong with it.  Static text. */
ECHO_EXPORT const char *echo_email_problem(const char *text);

/* Edit distances for "did you mean" are in suggest.h; dates and times
 * (echo_date_parse, echo_time_parse) in calendar.h; views, with the
 * Markdown keys of a format's text fields, in view.h and the formats'
 * headers (echo_case_view). */

#endif
