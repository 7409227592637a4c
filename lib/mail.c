/* Letters and certificates as email: the envelope of a recommendation
 * letter or of a certificate, the message built with GMime, and handing
 * it to sendmail. */
#include "echo/mail.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmime/gmime.h>

extern char **environ;

/* The Message-ID: what.DATE.TOKEN@the contact's domain, TOKEN made of
 * letters, digits and hyphens; and the subject and id set in mail. */
static int message_id_make(echo_mail *mail, const char *what, const char *token,
                           echo_buf *subject, echo_buf *message_id, echo_diags *diags)
{
	const char *domain = strchr(mail->from_addr, '@');
	echo_buf_printf(message_id, "%s.%lld.", what, mail->date);
	for (const char *p = token; *p; p++)
		echo_buf_putc(message_id, (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
		                          (*p >= 'a' && *p <= 'z') || *p == '-' ? *p : '_');
	echo_buf_printf(message_id, "@%s", domain ? domain + 1 : "localhost");
	if (subject->failed || message_id->failed) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return -1;
	}
	mail->subject = subject->data;
	mail->message_id = message_id->data;
	return 0;
}

int echo_recommendations_envelope(const echo_stream *stream, const echo_node *root,
                                  const echo_session *session, long long date, echo_mail *mail,
                                  echo_buf *subject, echo_buf *message_id, echo_diags *diags)
{
	const echo_node *presenter = echo_node_get(root, "presenter");
	const char *program = session ? echo_session_get_text(session, "program")
	                              : echo_node_get_text(root, "series");
	const char *day = session ? echo_node_get_text(session->root, "date")
	                          : echo_node_get_text(root, "session");
	const char *id = echo_node_get_text(root, "id");
	/* The session's contact, else its series'. */
	const char *contact = session ? echo_session_get_text(session, "contact") : NULL;
	memset(mail, 0, sizeof *mail);
	mail->to_name = echo_node_get_text(presenter, "name");
	mail->to_addr = echo_node_get_text(presenter, "email");
	mail->from_name = program ? program : "teleECHO";
	mail->from_addr = contact;
	mail->date = date;
	int rc = 0;
	if (!mail->to_addr || !*mail->to_addr) {
		const echo_node *at = presenter ? presenter : root;
		echo_diags_add(diags, ECHO_ERROR, stream->path, at->start.line, at->start.col, "mail-to",
		               "case %s: presenter.email is needed to mail the letter", id ? id : "");
		rc = -1;
	}
	if (!contact || !*contact) {
		const echo_node *at = session ? session->root : root;
		echo_diags_add(diags, ECHO_ERROR, session ? session->stream->path : stream->path,
		               at->start.line, at->start.col, "mail-from",
		               session ? session->series
		                                 ? "neither the session nor its series has a contact: "
		                                   "the letters need an address to come from"
		                                 : "the session has no contact: the letters need an "
		                                   "address to come from"
		                       : "letters are mailed from a session's contact: give --session");
		rc = -1;
	}
	if (rc != 0)
		return -1;
	echo_buf_printf(subject, "%s: recommendations for case %s%s%s", mail->from_name,
	                id ? id : "", day ? ", session of " : "", day ? day : "");
	return message_id_make(mail, "recommendations", id ? id : "case", subject, message_id,
	                       diags);
}

int echo_certificate_envelope(const echo_stream *stream, const echo_schedule *sch,
                              const echo_series_person *p, const char *number, long long date,
                              echo_mail *mail, echo_buf *subject, echo_buf *message_id,
                              echo_diags *diags)
{
	const char *program = echo_node_get_text(sch->root, "program");
	const char *title = echo_node_get_text(sch->root, "title");
	const char *contact = echo_node_get_text(sch->root, "contact");
	const echo_node *at = sch->root;
	memset(mail, 0, sizeof *mail);
	mail->to_name = p->name;
	mail->to_addr = p->email;
	mail->from_name = program ? program : "teleECHO";
	mail->from_addr = contact;
	mail->date = date;
	int rc = 0;
	if (!p->email || !*p->email) {
		echo_diags_add(diags, ECHO_ERROR, stream->path, at->start.line, at->start.col, "mail-to",
		               "%s is known by name only (no email in any export, roster or "
		               "completions): the certificate cannot be mailed; give the email in "
		               "a roster or --enrolled", p->name);
		rc = -1;
	}
	if (!contact || !*contact) {
		echo_diags_add(diags, ECHO_ERROR, stream->path, at->start.line, at->start.col,
		               "mail-from", "the series has no contact: the certificates need an "
		               "address to come from");
		rc = -1;
	}
	if (rc != 0)
		return -1;
	echo_buf_printf(subject, "%s: certificate for %s%s%s", mail->from_name, p->name,
	                title ? ", " : "", title ? title : "");
	return message_id_make(mail, "certificate", number, subject, message_id, diags);
}

static GMimeObject *text_part(const char *subtype, const char *text, size_t len)
{
	GMimeTextPart *part = g_mime_text_part_new_with_subtype(subtype);
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(text, len);
	GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream(stream,
	                                                               GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content((GMimePart *)part, content);
	g_mime_text_part_set_charset(part, "utf-8");
	g_object_unref(content);
	g_object_unref(stream);
	return (GMimeObject *)part;
}

int echo_mail_write(const echo_mail *m, echo_buf *out, echo_diags *diags)
{
	static int initialised;
	if (!initialised) {
		g_mime_init();
		initialised = 1;
	}
	GMimeMessage *msg = g_mime_message_new(TRUE);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, m->from_name, m->from_addr);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_REPLY_TO, m->from_name, m->from_addr);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, m->to_name, m->to_addr);
	g_mime_message_set_subject(msg, m->subject, "utf-8");
	GDateTime *when = g_date_time_new_from_unix_utc(m->date);
	g_mime_message_set_date(msg, when);
	g_date_time_unref(when);
	g_mime_message_set_message_id(msg, m->message_id);

	GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
	GMimeObject *plain = text_part("plain", m->text, m->text_len);
	GMimeObject *html = text_part("html", m->html, m->html_len);
	g_mime_multipart_add(alt, plain);
	g_mime_multipart_add(alt, html);
	g_object_unref(plain);
	g_object_unref(html);
	GMimeObject *body = (GMimeObject *)alt;
	if (m->attachment) {
		GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
		g_mime_multipart_add(mixed, body);
		g_object_unref(body);
		GMimePart *pdf = g_mime_part_new_with_type("application", "pdf");
		GMimeStream *stream = g_mime_stream_mem_new_with_buffer(m->attachment, m->attachment_len);
		GMimeDataWrapper *content =
			g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT);
		g_mime_part_set_content(pdf, content);
		g_object_unref(content);
		g_object_unref(stream);
		g_mime_part_set_filename(pdf, m->attachment_name ? m->attachment_name : "letter.pdf");
		g_mime_part_set_content_encoding(pdf, GMIME_CONTENT_ENCODING_BASE64);
		g_mime_multipart_add(mixed, (GMimeObject *)pdf);
		g_object_unref(pdf);
		body = (GMimeObject *)mixed;
	}
	g_mime_message_set_mime_part(msg, body);
	g_object_unref(body);
	/* Mail goes through 7-bit hops: text quoted-printable where needed. */
	g_mime_object_encode((GMimeObject *)msg, GMIME_ENCODING_CONSTRAINT_7BIT);

	GMimeStream *mem = g_mime_stream_mem_new();
	ssize_t n = g_mime_object_write_to_stream((GMimeObject *)msg, NULL, mem);
	int rc = 0;
	if (n < 0) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "mail", "cannot write the message");
		rc = -1;
	} else {
		GByteArray *bytes = g_mime_stream_mem_get_byte_array((GMimeStreamMem *)mem);
		echo_buf_append(out, (const char *)bytes->data, bytes->len);
		if (out->failed) {
			echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
			rc = -1;
		}
	}
	g_object_unref(mem);
	g_object_unref(msg);
	return rc;
}

static int executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* program itself when it names a path; else on PATH, then where sendmail
 * lives on systems that keep it off a user's PATH. */
static char *find_program(const char *program)
{
	if (strchr(program, '/'))
		return executable(program) ? strdup(program) : NULL;
	const char *dirs = getenv("PATH");
	echo_buf all = ECHO_BUF_INIT;
	echo_buf_printf(&all, "%s:/usr/sbin:/usr/lib", dirs && *dirs ? dirs : "/usr/bin:/bin");
	char *list = echo_buf_detach(&all, NULL);
	char *found = NULL;
	for (char *dir = list ? strtok(list, ":") : NULL; dir && !found; dir = strtok(NULL, ":")) {
		echo_buf path = ECHO_BUF_INIT;
		echo_buf_printf(&path, "%s/%s", dir, program);
		char *p = echo_buf_detach(&path, NULL);
		if (p && executable(p))
			found = p;
		else
			free(p);
	}
	free(list);
	return found;
}

int echo_mail_send(const char *program, const char *message, size_t len, echo_diags *diags)
{
	char *path = find_program(program);
	if (!path) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "sendmail",
		               "cannot find %s: install a mail transfer agent's sendmail (Debian's "
		               "msmtp-mta, for one) or give --sendmail=PROGRAM", program);
		return -1;
	}
	int fds[2];
	if (pipe(fds) != 0) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "sendmail", "cannot run %s: %s", path,
		               strerror(errno));
		free(path);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[0], 0);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_adddup2(&fa, 2, 1);
	char *argv[] = {path, "-t", "-i", NULL};
	pid_t pid;
	int err = posix_spawn(&pid, path, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[0]);
	if (err != 0) {
		close(fds[1]);
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "sendmail", "cannot run %s: %s", path,
		               strerror(err));
		free(path);
		return -1;
	}
	/* A sendmail that stops reading must not kill us with SIGPIPE. */
	struct sigaction ignore = {0}, old;
	ignore.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ignore, &old);
	int write_failed = 0;
	while (len && !write_failed) {
		ssize_t n = write(fds[1], message, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			write_failed = 1;
		else {
			message += n;
			len -= (size_t)n;
		}
	}
	close(fds[1]);
	sigaction(SIGPIPE, &old, NULL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	int rc = 0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || write_failed) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "sendmail",
		               "%s did not take the message (exit status %d)", path,
		               WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		rc = -1;
	}
	free(path);
	return rc;
}
