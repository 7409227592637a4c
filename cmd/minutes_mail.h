/* echo-minutes' letters as email (minutes_mail.c). */
#ifndef ECHO_MINUTES_MAIL_H
#define ECHO_MINUTES_MAIL_H

#include <echo/minutes.h>

#include "cli.h"

/* Errors in r for every letter that has no address to go to or come from. */
void minutes_mail_check(struct cli_run *r, const echo_case_refs *cases,
                        const echo_session *session);

/* The letter to one case's presenter as a message in out: md as the text
 * part, its page as the HTML part and, with attach_pdf, that page printed.
 * Returns 0, or -1 with an error in r. */
int minutes_letter(struct cli_run *r, int attach_pdf, const echo_case_ref *c,
                   const echo_session *session, const echo_buf *md, const char *title,
                   echo_buf *out);

/* --sendmail: minutes_post keeps a built message (taking its buffer);
 * minutes_send hands each kept message to 'sendmail -t -i' (with dry_run,
 * prints its From, To and Subject instead) and forgets them.  Both return
 * 0, or -1 with an error in r. */
int minutes_post(struct cli_run *r, echo_buf *message);
int minutes_send(struct cli_run *r, const char *sendmail, int dry_run);

#endif
