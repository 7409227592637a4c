/* echo-minutes' letters: each presenter's recommendations as a document
 * of a set (Markdown, a page, JSON) or as one email message (built by the
 * library with GMime), written to a folder or handed to sendmail once
 * every message is built; certificates go the same way. */
#include "minutes_mail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <echo/mail.h>

int minutes_mail_usage(struct cli *cli, const struct minutes_mail_options *o,
                       const char *command)
{
	if (cli->to != CLI_TO_EML && (o->attach_pdf || o->sendmail))
		return cli_usage_error(cli, "%s: --attach-pdf and --sendmail go with --to eml",
		                       command);
	if (o->dry_run && !o->sendmail)
		return cli_usage_error(cli, "%s: --dry-run goes with --sendmail", command);
	return EXIT_OK;
}

/* The date on messages: SOURCE_DATE_EPOCH when set, for output that can
 * be reproduced, else now. */
long long minutes_mail_date(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t = epoch && *epoch ? strtoll(epoch, &end, 10) : -1;
	return t >= 0 && epoch && !*end ? t : (long long)time(NULL);
}

int minutes_mail_build(struct cli_run *r, int attach_pdf, echo_mail *mail, const echo_buf *md,
                       const char *title, const char *pdf_name, echo_buf *out)
{
	echo_buf html = ECHO_BUF_INIT, pdf = ECHO_BUF_INIT;
	int rc = cli_render_html(r->cli, echo_buf_cstr((echo_buf *)md), md->len, title, &html,
	                         &r->diags);
	if (rc == 0 && attach_pdf)
		rc = cli_print_pdf(r->cli, echo_buf_cstr(&html), html.len, &pdf, &r->diags);
	if (rc == 0) {
		mail->text = echo_buf_cstr((echo_buf *)md);
		mail->text_len = md->len;
		mail->html = echo_buf_cstr(&html);
		mail->html_len = html.len;
		if (attach_pdf) {
			mail->attachment = pdf.data;
			mail->attachment_len = pdf.len;
			mail->attachment_name = pdf_name;
		}
		rc = echo_mail_write(mail, out, &r->diags);
	}
	if (rc != 0 && !r->diags.errors)
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "mail", "cannot build the message");
	echo_buf_free(&html);
	echo_buf_free(&pdf);
	return rc;
}

/* The letter to one case's presenter as an email: its Markdown as the
 * text part, its page as the HTML part and, with --attach-pdf, printed. */
static int minutes_letter(struct cli_run *r, int attach_pdf, const echo_case_ref *c,
                          const echo_session *session, const echo_buf *md, const char *title,
                          echo_buf *out)
{
	echo_mail mail;
	echo_buf subject = ECHO_BUF_INIT, id = ECHO_BUF_INIT, name = ECHO_BUF_INIT;
	int rc = echo_recommendations_envelope(c->stream, c->root, session, minutes_mail_date(),
	                                       &mail, &subject, &id, &r->diags);
	if (rc == 0) {
		const char *case_id = echo_node_get_text(c->root, "id");
		echo_buf_printf(&name, "%s-recommendations.pdf", case_id ? case_id : "case");
		rc = minutes_mail_build(r, attach_pdf, &mail, md, title, echo_buf_cstr(&name), out);
	}
	if (rc != 0 && !r->diags.errors)
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "mail", "cannot build the message");
	echo_buf_free(&subject);
	echo_buf_free(&id);
	echo_buf_free(&name);
	return rc;
}

/* --sendmail: the messages are built first, all of them, then sent. */
struct outbox {
	echo_buf *messages;
	size_t count;
};
static struct outbox outbox;

int minutes_mail_post(struct cli_run *r, echo_buf *message)
{
	echo_buf *m = realloc(outbox.messages, (outbox.count + 1) * sizeof *m);
	if (!m) {
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return -1;
	}
	outbox.messages = m;
	m[outbox.count++] = *message;
	*message = (echo_buf)ECHO_BUF_INIT;
	return 0;
}

/* A header's value as the message has it (unfolded), for --dry-run. */
static void print_header(const echo_buf *m, const char *name)
{
	size_t n = strlen(name);
	const char *p = m->data, *end = m->data + m->len;
	while (p < end && *p != '\n') {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > n && strncmp(p, name, n) == 0 && p[n] == ':') {
			printf("%s:", name);
			const char *v = p + n + 1;
			for (;;) {
				printf("%.*s", (int)(eol - v), v);
				if (eol + 1 < end && (eol[1] == ' ' || eol[1] == '\t')) {
					v = eol + 1;
					eol = memchr(v, '\n', (size_t)(end - v));
					if (!eol)
						eol = end;
				} else {
					break;
				}
			}
			putchar('\n');
			return;
		}
		p = eol + 1;
	}
}

int minutes_mail_send(struct cli_run *r, const char *sendmail, int dry_run)
{
	int rc = 0;
	for (size_t i = 0; i < outbox.count; i++) {
		echo_buf *m = &outbox.messages[i];
		if (!sendmail) {
			/* a message failed: none is sent */
		} else if (dry_run) {
			printf("would send %zu bytes with %s -t -i:\n", m->len, sendmail);
			print_header(m, "From");
			print_header(m, "To");
			print_header(m, "Subject");
			if (i + 1 < outbox.count)
				putchar('\n');
		} else if (rc == 0 &&
		           echo_mail_send(sendmail, m->data, m->len, &r->diags) != 0) {
			rc = -1;
		}
		echo_buf_free(m);
	}
	free(outbox.messages);
	outbox = (struct outbox){0};
	return rc;
}


void minutes_mail_findings(struct cli_run *r, echo_diags *envelope, int *said_from)
{
	for (size_t k = 0; k < envelope->count; k++) {
		const echo_diag *d = &envelope->items[k];
		int from = d->rule && strcmp(d->rule, "mail-from") == 0;
		if (!(from && *said_from))
			echo_diags_add(&r->diags, d->severity, d->path, d->line, d->col, d->rule, "%s",
			               d->message);
		*said_from |= from;
	}
	echo_diags_free(envelope);
}

/* A letter without an address to go to or come from is a finding; the
 * session's missing contact is said once, not once a case. */
void minutes_mail_check(struct cli_run *r, const echo_case_refs *cases,
                        const echo_session *session)
{
	int said_from = 0;
	for (size_t i = 0; i < cases->count; i++) {
		echo_mail mail;
		echo_buf subject = ECHO_BUF_INIT, id = ECHO_BUF_INIT;
		echo_diags local = ECHO_DIAGS_INIT;
		echo_recommendations_envelope(cases->items[i].stream, cases->items[i].root, session, 0,
		                              &mail, &subject, &id, &local);
		minutes_mail_findings(r, &local, &said_from);
		echo_buf_free(&subject);
		echo_buf_free(&id);
	}
}

/* The summaries, one document each (for --to json one document of all,
 * unless each goes to its own file), written as a set. */
int minutes_write_letters(struct cli_run *r, const struct minutes_mail_options *o, int to_dir,
                          echo_case_ref *cases, size_t count, const echo_session *session)
{
	int json = r->cli->to == CLI_TO_JSON, each = to_dir || !json;
	int eml = r->cli->to == CLI_TO_EML;
	r->cli->no_toc = 1;   /* a letter, not a report */
	r->cli->print_css = o->attach_pdf;
	struct cli_doc *docs = calloc(each ? count : 1, sizeof *docs);
	int rc = docs ? 0 : -1;
	if (rc == 0 && !each)
		rc = echo_recommendations_document(cases, count, session, &docs[0].text);
	for (size_t i = 0; i < count && each && rc == 0; i++) {
		const char *id = echo_node_get_text(cases[i].root, "id");
		/* 255 bytes at most, as before. */
		echo_buf_printf(&docs[i].title, "Recommendations for case %.230s", id ? id : "");
		echo_buf_printf(&docs[i].stem, "%s-recommendations", id ? id : "case");
		rc = json ? echo_recommendations_document(&cases[i], 1, session, &docs[i].text)
		          : cli_run_markdown(r, "recommendations.md",
		                             echo_recommendations_data(cases[i].stream, cases[i].root,
		                                                       session),
		                             &docs[i].text);
		if (rc == 0 && eml) {
			echo_buf msg = ECHO_BUF_INIT;
			rc = minutes_letter(r, o->attach_pdf, &cases[i], session, &docs[i].text,
			                    echo_buf_cstr(&docs[i].title), &msg);
			echo_buf_free(&docs[i].text);
			docs[i].text = msg;
			if (rc == 0 && o->sendmail)
				rc = minutes_mail_post(r, &docs[i].text);
		}
	}
	if (o->sendmail) {
		if (minutes_mail_send(r, rc == 0 ? o->sendmail : NULL, o->dry_run) != 0)
			rc = -1;
		cli_docs_free(docs, count);
		free(docs);
		return rc;
	}
	const char *id = count == 1 ? echo_node_get_text(cases[0].root, "id") : NULL;
	if (rc == 0)
		rc = cli_run_write_set(r, r->cli->output ? r->cli->output : "-", to_dir, docs,
		                       each ? count : 1,
		                       id ? echo_buf_cstr(&docs[0].title) : "Recommendation summaries");
	else
		cli_docs_free(docs, each ? count : 1);
	free(docs);
	return rc;
}
