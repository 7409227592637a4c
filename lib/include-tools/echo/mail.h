/* Letters as email: RFC 5322 messages built with GMime (multipart/
 * alternative text and HTML, a PDF attached when given), and handed to a
 * sendmail-compatible program.  Part of the echo-mail static library,
 * which only echo-minutes links. */
#ifndef ECHO_MAIL_H
#define ECHO_MAIL_H

#include <stddef.h>

#include "echo/buf.h"
#include "echo/diag.h"
#include "echo/doc.h"
#include "echo/minutes.h"
#include "echo/session.h"

/* One message.  All strings are UTF-8 and borrowed for the call. */
typedef struct echo_mail {
	const char *from_name;        /* may be NULL */
	const char *from_addr;        /* From and Reply-To */
	const char *to_name;          /* may be NULL */
	const char *to_addr;
	const char *subject;
	long long date;               /* seconds since 1970 (UTC) */
	const char *message_id;       /* without the angle brackets */
	const char *text;             /* text/plain part */
	size_t text_len;
	const char *html;             /* text/html part */
	size_t html_len;
	const char *attachment;       /* application/pdf, or NULL */
	size_t attachment_len;
	const char *attachment_name;  /* its file name */
} echo_mail;

/* The envelope of the letter to one case's presenter: From and Reply-To
 * the session's contact (from_name its program), To the case's
 * presenter.name and presenter.email, a Subject with the program, the
 * session date and the case id, the date given and a Message-ID made from
 * them and the contact's domain.  The strings point into the documents,
 * and into subject and message_id (buffers the caller frees with
 * echo_buf_free; mail's pointers are good until then).  session
 * may be NULL: then the case's own series and session date, and no
 * contact.  Returns 0, or -1 with errors in diags: a presenter without an
 * email ("mail-to", at the presenter), no contact ("mail-from"). */
int echo_recommendations_envelope(const echo_stream *stream, const echo_node *root,
                                  const echo_session *session, long long date, echo_mail *mail,
                                  echo_buf *subject, echo_buf *message_id, echo_diags *diags);

/* The envelope of the certificate of p, a learner of the series sch
 * (read from stream) whose certificate number is number: From and
 * Reply-To the series' contact (from_name its program), To p's name and
 * email, a Subject with the program, "certificate", the learner's name
 * and the series' title, the date given and a Message-ID made from them,
 * the number and the contact's domain.  Strings as for
 * echo_recommendations_envelope (subject and message_id the caller
 * frees).  Returns 0, or -1 with errors in diags: a learner known by name
 * only ("mail-to"), a series without a contact ("mail-from"), both at the
 * series. */
int echo_certificate_envelope(const echo_stream *stream, const echo_schedule *sch,
                              const echo_series_person *p, const char *number, long long date,
                              echo_mail *mail, echo_buf *subject, echo_buf *message_id,
                              echo_diags *diags);

/* Appends mail as an RFC 5322 message (LF line ends, 7-bit: the text
 * quoted-printable, the PDF base64) to out.  Returns 0, or -1 with an error
 * in diags ("mail"). */
int echo_mail_write(const echo_mail *mail, echo_buf *out, echo_diags *diags);

/* Runs program ("sendmail" and the like: found on PATH, else in /usr/sbin
 * and /usr/lib) with -t -i, the message (len bytes) on its standard
 * input; its own messages go to standard error.  Returns 0 when it exits
 * 0, else -1 with an error in diags ("sendmail"). */
int echo_mail_send(const char *program, const char *message, size_t len, echo_diags *diags);

#endif
