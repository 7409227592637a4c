/* echo-minutes report: the program report of a series for a period, from
 * the series, its sessions' exports and the cases presented; the counting
 * is the library's (echo_program_report_build). */
#include <stdlib.h>
#include <string.h>

#include "minutes_options.h"

/* Writes the report as --to says: CSV and JSON as the library writes
 * them, Markdown and HTML through the template (HTML with the chart). */
static void write_report(struct cli_run *r, echo_stream *into, const echo_program_report *rep,
                         const echo_schedule *sch)
{
	const char *program = echo_node_get_text(sch->root, "program");
	struct cli_doc doc = {ECHO_BUF_INIT, ECHO_BUF_INIT, ECHO_BUF_INIT};
	echo_buf_printf(&doc.title, "Program report: %s", program ? program : "");
	int rc;
	if (r->cli->to == CLI_TO_CSV)
		rc = echo_program_report_csv(rep, &doc.text);
	else if (r->cli->to == CLI_TO_JSON)
		rc = echo_program_report_json(into, rep, &doc.text);
	else if ((rc = cli_run_templates(r, "report.md")) == 0)
		rc = cli_run_markdown(r, "report.md",
		                      echo_program_report_data(into, rep, r->cli->to == CLI_TO_HTML),
		                      &doc.text);
	cli_run_write_doc(r, rc, &doc);
}

int minutes_report(struct options *o, int argc, char **argv)
{
	if (!o->series)
		return cli_usage_error(&o->cli, "report: say which series with --series FILE");
	if (o->cli.to == CLI_TO_EML)
		return cli_usage_error(&o->cli, "report: --to md, html, pdf, csv or json");
	if (o->period.has_from && o->period.has_until && o->period.from > o->period.until)
		return cli_usage_error(&o->cli, "report: the period is empty: --from is after --until");
	if (argc == 0)
		return cli_usage_error(&o->cli, "report: no exports: give each session's Zoom export "
		                                "or roster (DATE=FILE when its date is not in it)");
	if (minutes_one_stdin(o, o->series, o->credit.enrolled, (const char *const *)argv,
	                      (size_t)argc, 1) ||
	    minutes_one_stdin(o, o->credit.completions ? o->credit.completions : "", NULL,
	                      o->cases, o->case_count, 0))
		return EXIT_USAGE;
	o->cli.page_css = "report.css";
	struct cli_run r = {.cli = &o->cli, .diags = ECHO_DIAGS_INIT};
	echo_schedule sch;
	memset(&sch, 0, sizeof sch);
	echo_stream *s = cli_run_load_one(&r, o->series, "series");
	if (s && echo_schedule_read(s, s->docs[0], &sch, &r.diags) != 0)
		s = NULL;
	echo_case_refs cases = {0};
	for (size_t i = 0; i < o->case_count; i++) {
		echo_stream *cs = echo_stream_load_file(o->cases[i], NULL, &r.diags);
		if (cs)
			cli_run_keep_stream(&r, cs);
		if (!cs || echo_case_refs_add_stream(&cases, cs, &r.diags) != 0)
			r.io_error = 1;
	}
	echo_credit_result res = {0};
	echo_program_report *rep = NULL;
	if (s && !r.io_error && r.diags.errors == 0)
		rep = echo_program_report_build(s, &sch, (const char *const *)argv, (size_t)argc,
		                                cases.items, cases.count, &o->period, &o->credit, &res,
		                                &r.diags);
	minutes_keep_sources(&r, &res);
	if (rep && r.diags.errors == 0)
		write_report(&r, s, rep, &sch);
	int status = cli_run_end(&r, rep != NULL);
	echo_program_report_free(rep);
	echo_credit_result_free(&res);
	echo_case_refs_free(&cases);
	echo_schedule_free(&sch);
	cli_run_free(&r);
	cli_release(&o->cli);
	return status;
}
