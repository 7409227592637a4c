/* echo-minutes' letters: summaries and email (minutes_mail.c). */
#ifndef ECHO_MINUTES_MAIL_H
#define ECHO_MINUTES_MAIL_H

#include <echo/mail.h>
#include <echo/minutes.h>

#include "cli.h"

/* --attach-pdf, --sendmail[=PROGRAM] (NULL: none), --dry-run. */
struct minutes_mail_options {
	int attach_pdf;
	const char *sendmail;
	int dry_run;
};

/* Writes the recommendation summaries of cases as --to says: one document
 * each into a folder (to_dir) or all in one output, or as messages with
 * --to eml (into the folder, or to sendmail).  Returns 0, or -1 with an
 * error in r. */
int minutes_write_letters(struct cli_run *r, const struct minutes_mail_options *o, int to_dir,
                          echo_case_ref *cases, size_t count, const echo_session *session);

/* --attach-pdf and --sendmail go with --to eml, --dry-run with
 * --sendmail: EXIT_OK, or the usage error (said for command). */
int minutes_mail_usage(struct cli *cli, const struct minutes_mail_options *o,
                       const char *command);

/* The date messages carry: SOURCE_DATE_EPOCH when set, else now. */
long long minutes_mail_date(void);

/* Appends to out the message of mail (its envelope filled in), md (a
 * Markdown page titled title) as its text part, the page as its HTML
 * part and, with attach_pdf, the page printed as pdf_name.  Returns 0, or
 * -1 with an error in r. */
int minutes_mail_build(struct cli_run *r, int attach_pdf, echo_mail *mail, const echo_buf *md,
                       const char *title, const char *pdf_name, echo_buf *out);

/* --sendmail: keeps message (taking its bytes, leaving it empty) until
 * minutes_mail_send, which hands every message kept to sendmail (or with
 * dry_run prints their From, To and Subject) and forgets them; with
 * sendmail NULL (a message could not be built) it forgets them unsent.  Both
 * return 0, or -1 with an error in r. */
int minutes_mail_post(struct cli_run *r, echo_buf *message);
int minutes_mail_send(struct cli_run *r, const char *sendmail, int dry_run);

/* Moves the findings of an envelope into r (freeing envelope), the
 * missing contact ("mail-from") said only once: *said_from, 0 at first,
 * remembers it. */
void minutes_mail_findings(struct cli_run *r, echo_diags *envelope, int *said_from);

/* Errors in r for every letter that has no address to go to or come from. */
void minutes_mail_check(struct cli_run *r, const echo_case_refs *cases,
                        const echo_session *session);

#endif
