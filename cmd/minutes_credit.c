/* echo-minutes attendance, credit and certificates: a session's
 * attendance and credit, a series' credit and certification, and the
 * certificates of those certified, as the library computes them. */
#include <stdlib.h>
#include <string.h>

#include "minutes_options.h"

void minutes_keep_sources(struct cli_run *r, const echo_credit_result *res)
{
	for (size_t i = 0; i < res->source_count; i++)
		cli_run_add_source(r, res->sources[i].path, res->sources[i].text, res->sources[i].len);
	if (res->unreadable)
		r->io_error = 1;
}

int minutes_one_stdin(struct options *o, const char *first, const char *second,
                      const char *const *paths, size_t n, int dated)
{
	int count = (strcmp(first, "-") == 0) + (second && strcmp(second, "-") == 0);
	for (size_t i = 0; i < n; i++)
		count += strcmp(dated ? echo_credit_export_path(paths[i]) : paths[i], "-") == 0;
	return count > 1 ? cli_usage_error(&o->cli, "only one input can be standard input") : EXIT_OK;
}

/* attendance and credit ------------------------------------------------------------ */

/* Writes the report of a session (attendance) or a series (credit): CSV
 * and JSON as the library writes them; Markdown and HTML through the
 * template, with the table's view and the schedule of the sessions held. */
static void write_report(struct cli_run *r, echo_stream *stream, echo_schedule sch,
                         const echo_credit_result *res)
{
	const char *program = echo_node_get_text(sch.root, "program");
	const char *name = res->series ? "credit.md" : "attendance.md";
	struct cli_doc doc = {ECHO_BUF_INIT, ECHO_BUF_INIT, ECHO_BUF_INIT};
	if (res->series)
		echo_buf_printf(&doc.title, "Credit: %s", program ? program : "");
	else
		echo_buf_printf(&doc.title, "Attendance: %s, %s", program ? program : "",
		                res->session->label);
	sch.count = res->held;
	int rc;
	if (r->cli->to == CLI_TO_CSV || r->cli->to == CLI_TO_JSON) {
		echo_table_format f = r->cli->to == CLI_TO_CSV ? ECHO_TABLE_CSV : ECHO_TABLE_JSON;
		rc = res->session ? echo_session_credit_write(&doc.text, res->session, f)
		                  : echo_series_credit_write(&doc.text, res->series, f);
	} else {
		const echo_node *table = res->session ? echo_session_credit_view(stream, res->session)
		                                      : echo_series_credit_view(stream, res->series);
		rc = cli_run_templates(r, name);
		if (rc == 0)
			rc = cli_run_markdown(r, name, table ? echo_report_data(stream, &sch, table) : NULL,
			                      &doc.text);
	}
	cli_run_write_doc(r, rc, &doc);
}

/* An error about --person: the option is where it is. */
static void person_error(struct cli_run *r, const char *fmt, const char *email)
{
	echo_diags_add(&r->diags, ECHO_ERROR, "--person", 0, 0, "certificates", fmt, email);
}

/* Errors in r for every certificate that has no address to go to or
 * come from (the series' missing contact said once). */
static void check_envelopes(struct cli_run *r, const echo_stream *stream,
                            const echo_schedule *sch, const echo_series_credit *s,
                            const echo_series_person *only)
{
	int said_from = 0;
	for (size_t i = 0; i < s->count; i++) {
		const echo_series_person *p = &s->people[i];
		if (!echo_certificate_due(p) || (only && p != only))
			continue;
		echo_mail mail;
		echo_buf subject = ECHO_BUF_INIT, id = ECHO_BUF_INIT;
		echo_diags local = ECHO_DIAGS_INIT;
		echo_certificate_envelope(stream, sch, p, "", 0, &mail, &subject, &id, &local);
		minutes_mail_findings(r, &local, &said_from);
		echo_buf_free(&subject);
		echo_buf_free(&id);
	}
}

/* --to eml: the certificate d of p becomes its message (into d's text),
 * kept for --sendmail or written with the folder's others. */
static int mail_certificate(struct cli_run *r, const struct minutes_mail_options *o,
                            const echo_stream *stream, const echo_schedule *sch,
                            const echo_series_person *p, struct cli_doc *d)
{
	echo_mail mail;
	echo_buf subject = ECHO_BUF_INIT, id = ECHO_BUF_INIT, name = ECHO_BUF_INIT;
	echo_buf msg = ECHO_BUF_INIT;
	int rc = echo_certificate_envelope(stream, sch, p, echo_buf_cstr(&d->stem),
	                                   minutes_mail_date(), &mail, &subject, &id, &r->diags);
	echo_buf_printf(&name, "%s.pdf", echo_buf_cstr(&d->stem));
	if (rc == 0)
		rc = minutes_mail_build(r, o->attach_pdf, &mail, &d->text, echo_buf_cstr(&d->title),
		                        echo_buf_cstr(&name), &msg);
	echo_buf_free(&d->text);
	d->text = msg;
	if (rc == 0 && o->sendmail)
		rc = minutes_mail_post(r, &d->text);
	echo_buf_free(&subject);
	echo_buf_free(&id);
	echo_buf_free(&name);
	return rc;
}

/* One certificate for each learner certified (or for --person), written
 * into the -o folder all or none, or mailed (--to eml). */
static void write_certificates(struct cli_run *r, const struct minutes_mail_options *mo,
                               echo_stream *stream, const echo_schedule *sch,
                               const echo_series_credit *s, const char *person)
{
	int eml = r->cli->to == CLI_TO_EML;
	const echo_series_person *only = person ? echo_series_credit_find(s, person) : NULL;
	if (person && !only)
		person_error(r, "%s is in no session's attendance of the series", person);
	else if (only && only->kind == ECHO_PERSON_FACULTY)
		person_error(r, "%s is of the hub team: certificates are for learners", person);
	else if (only && !echo_certificate_due(only)) {
		echo_buf lacking = ECHO_BUF_INIT;
		echo_series_person_lacking(s, only, &lacking);
		echo_diags_add(&r->diags, ECHO_ERROR, "--person", 0, 0, "certificates",
		               "%s is not certified: still lacking %s", person,
		               echo_buf_cstr(&lacking));
		echo_buf_free(&lacking);
	}
	if (!r->diags.errors && eml)
		check_envelopes(r, stream, sch, s, only);
	if (r->diags.errors || cli_run_templates(r, "certificate.md") != 0)
		return;
	struct cli_doc *docs = calloc(s->count ? s->count : 1, sizeof *docs);
	size_t n = 0;
	int rc = docs ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < s->count; i++) {
		const echo_series_person *p = &s->people[i];
		if (!echo_certificate_due(p) || (only && p != only))
			continue;
		struct cli_doc *d = &docs[n++];
		*d = (struct cli_doc){ECHO_BUF_INIT, ECHO_BUF_INIT, ECHO_BUF_INIT};
		echo_buf_printf(&d->title, "Certificate: %s", p->name);
		rc = echo_certificate_number(sch, p, &d->stem);
		if (rc == 0)
			rc = cli_run_markdown(r, "certificate.md", echo_certificate_data(stream, sch, s, p),
			                      &d->text);
		if (rc == 0 && eml)
			rc = mail_certificate(r, mo, stream, sch, p, d);
	}
	if (eml && mo->sendmail) {
		if (minutes_mail_send(r, rc == 0 ? mo->sendmail : NULL, mo->dry_run) != 0 || rc != 0)
			r->io_error = 1;
		cli_docs_free(docs, n);
		free(docs);
		return;
	}
	if (rc == 0 && n == 0)
		echo_diags_add(&r->diags, ECHO_ERROR, stream->path, 0, 0, "certificates",
		               "no learner is certified yet: no certificate to write");
	else if (rc == 0)
		rc = cli_run_write_set(r, r->cli->output, 1, docs, n, "Certificates");
	else
		cli_docs_free(docs, n);
	if (rc != 0)
		r->io_error = 1;
	free(docs);
}

enum report { REPORT_ATTENDANCE, REPORT_CREDIT, REPORT_CERTIFICATES };

/* attendance (a session's, --session), credit (a series', --series) and
 * certificates: the exports read and credited by the library, one report
 * or a folder of certificates written. */
static int cmd_report(struct options *o, int argc, char **argv, enum report kind)
{
	int series = kind != REPORT_ATTENDANCE;
	const char *cmd = kind == REPORT_CERTIFICATES ? "certificates" : series ? "credit"
	                                                                         : "attendance";
	const char *what = series ? "series" : "session";
	const char *file = series ? o->series : o->session;
	if (!file)
		return cli_usage_error(&o->cli, "%s: say which %s with --%s FILE", cmd, what, what);
	if (argc == 0)
		return cli_usage_error(&o->cli, "%s%s", series ? cmd : "", series
		    ? ": no exports: give each session's Zoom export or roster (DATE=FILE when "
		      "its date is not in it)"
		    : "attendance: no export for the session: give its Zoom export or a roster (a "
		      "session without attendance has no report)");
	if (minutes_one_stdin(o, file, o->credit.enrolled, (const char *const *)argv, (size_t)argc, 1))
		return EXIT_USAGE;
	if (o->credit.completions &&
	    minutes_one_stdin(o, o->credit.completions, NULL, (const char *const *)argv,
	                      (size_t)argc, 1))
		return EXIT_USAGE;
	int to_dir = 0;
	if (kind == REPORT_CERTIFICATES) {
		int eml = o->cli.to == CLI_TO_EML;
		if (o->cli.to != CLI_TO_HTML && !eml && o->cli.to_given)
			return cli_usage_error(&o->cli, "certificates: --to html, pdf or eml");
		if (minutes_mail_usage(&o->cli, &o->mail, "certificates") != EXIT_OK)
			return EXIT_USAGE;
		o->cli.to = eml ? CLI_TO_EML : CLI_TO_HTML;
		o->cli.no_toc = 1;                 /* a certificate, not a report */
		o->cli.page_css = "certificate.css";
		o->cli.print_css = o->mail.attach_pdf;
		if (cli_output_folder(&o->cli, &to_dir) != EXIT_OK)
			return EXIT_USAGE;
		if (eml && !to_dir == !o->mail.sendmail)
			return cli_usage_error(&o->cli, "certificates --to eml: one message per learner, "
			                                "into a folder (-o DIR/) or to --sendmail");
		if (!to_dir && !eml)
			return cli_usage_error(&o->cli, "certificates: one file per learner: give the "
			                                "folder with -o DIR/");
	}
	struct cli_run r = {.cli = &o->cli, .diags = ECHO_DIAGS_INIT};
	echo_schedule sch;
	memset(&sch, 0, sizeof sch);
	echo_stream *s = cli_run_load_one(&r, file, what);
	if (s && echo_schedule_read(s, s->docs[0], &sch, &r.diags) != 0)
		s = NULL;
	if (series && s && sch.is_series && !o->credit.certify && !sch.has_certification) {
		cli_run_print(&r);
		echo_schedule_free(&sch);
		cli_run_free(&r);
		return cli_usage_error(&o->cli, "%s: the series states no certification rule; "
		                                "give --certify 80%% or add certification to it", cmd);
	}
	echo_credit_result res = {0};
	const char *const *args = (const char *const *)argv;
	if (s && series)
		echo_credit_series_compute(s, &sch, args, (size_t)argc, &o->credit, &res, &r.diags);
	else if (s)
		echo_credit_session_compute(s, &sch, args, (size_t)argc, &o->credit, &res, &r.diags);
	minutes_keep_sources(&r, &res);
	int done = series ? res.series != NULL : res.session != NULL;
	if (done && r.diags.errors == 0 && kind == REPORT_CERTIFICATES)
		write_certificates(&r, &o->mail, s, &sch, res.series, o->person);
	else if (done && r.diags.errors == 0)
		write_report(&r, s, sch, &res);
	int status = cli_run_end(&r, done);
	echo_credit_result_free(&res);
	echo_schedule_free(&sch);
	cli_run_free(&r);
	cli_release(&o->cli);
	return status;
}

int minutes_attendance(struct options *o, int argc, char **argv)
{
	return cmd_report(o, argc, argv, REPORT_ATTENDANCE);
}

int minutes_credit(struct options *o, int argc, char **argv)
{
	return cmd_report(o, argc, argv, REPORT_CREDIT);
}

int minutes_certificates(struct options *o, int argc, char **argv)
{
	return cmd_report(o, argc, argv, REPORT_CERTIFICATES);
}

