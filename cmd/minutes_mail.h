/* echo-minutes' letters: summaries and email (minutes_mail.c). */
#ifndef ECHO_MINUTES_MAIL_H
#define ECHO_MINUTES_MAIL_H

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

/* Errors in r for every letter that has no address to go to or come from. */
void minutes_mail_check(struct cli_run *r, const echo_case_refs *cases,
                        const echo_session *session);

#endif
