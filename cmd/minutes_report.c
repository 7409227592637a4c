/* echo-minutes report: the program report of a series for a period, from
 * the series, its sessions' exports and the cases presented; the counting
 * is the library's (echo_program_report_build). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <echo/minutes.h>

#include "minutes_report.h"

struct report_options {
	const char *series;
	const char **cases;       /* --cases, in order */
	size_t case_count, case_cap;
	echo_report_period period;
};

static int parse(struct cli *cli, struct report_options *o, int argc, char **argv)
{
	enum { OPT_SERIES = 256, OPT_FROM, OPT_UNTIL, OPT_CASES };
	static const struct option longopts[] = {
		{"series", required_argument, NULL, OPT_SERIES},
		{"from", required_argument, NULL, OPT_FROM},
		{"until", required_argument, NULL, OPT_UNTIL},
		{"cases", required_argument, NULL, OPT_CASES},
		CLI_COMMON_LONGOPTS,
	};
	int c;
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_SERIES: o->series = optarg; break;
		case OPT_FROM:
			if (cli_day_option(cli, "--from", optarg, &o->period.from) != EXIT_OK)
				return EXIT_USAGE;
			o->period.has_from = 1;
			break;
		case OPT_UNTIL:
			if (cli_day_option(cli, "--until", optarg, &o->period.until) != EXIT_OK)
				return EXIT_USAGE;
			o->period.has_until = 1;
			break;
		case OPT_CASES: {
			const char **grown = cli_grow(o->cases, &o->case_cap, o->case_count, sizeof *grown);
			if (!grown)
				return cli_usage_error(cli, "out of memory");
			o->cases = grown;
			o->cases[o->case_count++] = optarg;
			break;
		}
		default:
			if (cli_common_option(cli, c, optarg) <= 0)
				return EXIT_USAGE;
		}
	}
	if (!o->series)
		return cli_usage_error(cli, "report: say which series with --series FILE");
	if (cli->to == CLI_TO_EML)
		return cli_usage_error(cli, "report: --to md, html, pdf, csv or json");
	if (o->period.has_from && o->period.has_until && o->period.from > o->period.until)
		return cli_usage_error(cli, "report: the period is empty: --from is after --until");
	if (optind >= argc)
		return cli_usage_error(cli, "report: no exports: give each session's Zoom export or "
		                            "roster (DATE=FILE when its date is not in it)");
	return EXIT_OK;
}

/* Every file the command names, so that no output replaces one; and at
 * most one of them standard input. */
static int protect(struct cli *cli, const struct report_options *o, int n, char **exports)
{
	char **paths = calloc(o->case_count + (size_t)n + 1, sizeof *paths);
	if (!paths)
		return cli_usage_error(cli, "out of memory");
	size_t count = 0;
	paths[count++] = (char *)o->series;
	for (size_t i = 0; i < o->case_count; i++)
		paths[count++] = (char *)o->cases[i];
	for (int i = 0; i < n; i++)
		paths[count++] = (char *)echo_credit_export_path(exports[i]);
	int stdin_count = 0;
	for (size_t i = 0; i < count; i++)
		stdin_count += strcmp(paths[i], "-") == 0;
	int rc = stdin_count > 1 ? cli_usage_error(cli, "only one input can be standard input")
	         : cli_protect_inputs(cli, paths, count) != 0 ? EXIT_USAGE
	                                                      : EXIT_OK;
	free(paths);
	return rc;
}

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

int minutes_report(struct cli *cli, int argc, char **argv)
{
	struct report_options o = {0};
	int rc = parse(cli, &o, argc, argv);
	int n = argc - optind;
	char **exports = argv + optind;
	if (rc == EXIT_OK)
		rc = protect(cli, &o, n, exports);
	if (rc != EXIT_OK) {
		free(o.cases);
		return rc;
	}
	struct cli_run r = {.cli = cli, .diags = ECHO_DIAGS_INIT};
	echo_schedule sch;
	memset(&sch, 0, sizeof sch);
	echo_stream *s = cli_run_load_one(&r, o.series, "series");
	if (s && echo_schedule_read(s, s->docs[0], &sch, &r.diags) != 0)
		s = NULL;
	echo_case_refs cases = {0};
	for (size_t i = 0; i < o.case_count; i++) {
		echo_stream *cs = echo_stream_load_file(o.cases[i], NULL, &r.diags);
		if (cs)
			cli_run_keep_stream(&r, cs);
		if (!cs || echo_case_refs_add_stream(&cases, cs, &r.diags) != 0)
			r.io_error = 1;
	}
	echo_credit_options credit = {0};
	echo_credit_result res = {0};
	echo_program_report *rep = NULL;
	if (s && !r.io_error && r.diags.errors == 0)
		rep = echo_program_report_build(s, &sch, (const char *const *)exports, (size_t)n,
		                                cases.items, cases.count, &o.period, &credit, &res,
		                                &r.diags);
	for (size_t i = 0; i < res.source_count; i++)
		cli_run_add_source(&r, res.sources[i].path, res.sources[i].text, res.sources[i].len);
	if (res.unreadable)
		r.io_error = 1;
	if (rep && r.diags.errors == 0)
		write_report(&r, s, rep, &sch);
	int status = cli_run_end(&r, rep != NULL);
	echo_program_report_free(rep);
	echo_credit_result_free(&res);
	echo_case_refs_free(&cases);
	echo_schedule_free(&sch);
	cli_run_free(&r);
	cli_release(cli);
	free(o.cases);
	return status;
}
