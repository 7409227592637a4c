/* echo-minutes: after a teleECHO session, its minutes, a recommendation
 * summary for each presenter, attendance and continuing-education credit,
 * certification across a series, and a summary of a series' cases. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <echo/notes.h>

#include "echo_version.h"
#include "minutes_options.h"

/* --help, in parts: a string literal may not be longer than 4095 bytes. */
static const char *const usage[] = {
	"Usage: echo-minutes COMMAND [OPTION]... FILE...\n"
	"Write up teleECHO sessions: minutes, recommendation summaries for\n"
	"presenters, attendance and continuing-education credit, certification\n"
	"across a series, and a summary of a series' cases.\n"
	"\n"
	"Commands:\n"
	"  minutes [-a EXPORT]... [-n NOTES] [--to md|html|pdf|json] SESSION\n"
	"                        the minutes of a session\n"
	"  recommendations [--to md|html|pdf|json|eml] [-o FILE|DIR] CASE...\n"
	"  recommendations --session SESSION [--to md|html|pdf|json|eml] [-o FILE|DIR]\n"
	"                        a summary for each case's presenter\n"
	"  attendance --session SESSION [--to md|html|pdf|csv|json] EXPORT...\n"
	"                        minutes present and credit, one row per person\n"
	"  credit --series SERIES [--to md|html|pdf|csv|json] [DATE=]EXPORT...\n"
	"                        credit, hours and certification across a series\n"
	"  certificates --series SERIES [--to html|pdf|eml] -o DIR/ [DATE=]EXPORT...\n"
	"                        a certificate (html, pdf, email) for each learner\n"
	"                        certified\n"
	"  summary [--as-of DATE] [--to md|html|pdf|json] SESSION...\n"
	"                        cases, substances, themes and follow-ups of sessions\n"
	"  report --series SERIES [--from DATE] [--until DATE] [--cases CASE]...\n"
	"         [--to md|html|pdf|csv|json] [DATE=]EXPORT...\n"
	"                        a program report: sessions, participants, hours,\n"
	"                        certificates and cases of a period\n"
	"  new notes [-o FILE]   write a commented notes scaffold\n"
	"  schema notes [--format json|markdown]\n"
	"                        print the notes format's JSON Schema or field table\n"
	"\n",
	"Options:\n"
	"  -o, --output=PATH      write to PATH (default: standard output); for\n"
	"                         recommendations a folder: one file per case\n"
	"  -t, --to=FORMAT        md (default), html, pdf, csv, json or eml\n"
	"      --attach-pdf       --to eml: attach the letter or certificate as a PDF\n"
	"      --sendmail[=PROG]  --to eml: pipe each message to 'PROG -t -i' (sendmail)\n"
	"      --dry-run          --sendmail: print what would be sent\n"
	"  -a, --attendance=FILE  minutes: the session's Zoom or Teams export;\n"
	"                         repeat to combine several\n"
	"      --roster=FILE      a sign-in sheet, one name per line: presence only\n"
	"                         (credit: [DATE=]FILE)\n"
	"  -n, --notes=FILE       minutes: the session's notes (echo-notes/1)\n"
	"  -s, --session=FILE     the session (echo-session/1, or echo-agenda JSON)\n"
	"      --series=FILE      the series (echo-series/1, or echo-agenda JSON)\n"
	"      --enrolled=FILE    a roster of the enrolled, 'Name <email>' lines: names\n"
	"                         without an email are matched to it, and the enrolled\n"
	"                         who did not come are listed\n"
	"      --threshold=N%     session credit: present for N% of the session\n"
	"                         (default: the file's credit.attendance_percent)\n"
	"      --min-minutes=N    session credit: and present for N minutes\n"
	"      --presence-counts  presence on a roster (minutes unknown) earns credit\n"
	"      --certify=RULE     certification: credit in 80% of the sessions held,\n"
	"                         in 10 sessions, or '80% and 10 sessions' (default:\n"
	"                         the series' certification.require)\n"
	"      --through=DATE     credit: the series so far, its sessions up to DATE\n"
	"      --completions=CSV  who completed the series' requirements\n"
	"      --person=EMAIL     certificates: only this learner's\n"
	"      --cancelled=DATE   credit: a session that was not held; repeat for more\n"
	"      --from=DATE, --until=DATE\n"
	"                         report: the period (default: the whole series)\n"
	"      --cases=FILE       report: a case presented; repeat for more\n"
	"      --as-of=DATE       summary: judge follow-ups due on DATE (default: the\n"
	"                         last session's date)\n"
	"  -f, --format=FORMAT    schema: json (default) or markdown\n"
	"  -v, --verbose          also show notes\n"
	"      --template=FILE    use FILE instead of the built-in template\n"
	"      --templates=DIR    take templates, page.html and style.css from DIR\n"
	CLI_PDF_USAGE
	"  -h, --help             show this help and exit\n"
	"  -V, --version          show the version and exit\n"
	"\n"
	"FILE may be '-' for standard input (one input at a time); a stream of\n"
	"cases separated by '---' gives one summary each.  Nothing is written\n"
	"when an input has errors: a case with possible PHI stops minutes.\n"
	"Exit status: 0 ok, 1 the input has problems, 2 usage or I/O error.\n",
	NULL,
};


/* A session file as minutes take it (echo_minutes_session: a case that
 * failed its checks is an error), its cases' texts kept for the findings. */
static echo_session *load_session(struct cli_run *r, const char *path)
{
	echo_stream *s = cli_run_load_one(r, path, "session");
	echo_session *session = s ? echo_minutes_session(s, s->docs[0], 1, &r->diags) : NULL;
	for (size_t i = 0; session && i < session->segment_count; i++) {
		const echo_stream *cs = session->segments[i].case_stream;
		if (session->segments[i].kind == ECHO_SEGMENT_CASE && cs)
			cli_run_add_source(r, cs->path, cs->source, cs->source_len);
	}
	return session;
}

/* minutes -------------------------------------------------------------------------- */

static int cmd_minutes(struct options *o, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage_error(&o->cli, "minutes: %s",
		                       argc ? "one session at a time"
		                            : "no session file (use '-' for standard input)");
	if (o->cli.to == CLI_TO_CSV)
		return cli_usage_error(&o->cli, "minutes: --to md, html or json");
	if (minutes_one_stdin(o, argv[0], o->notes, o->exports, o->export_count, 0))
		return EXIT_USAGE;

	struct cli_run r = {.cli = &o->cli, .diags = ECHO_DIAGS_INIT};
	echo_session *session = load_session(&r, argv[0]);
	echo_stream *notes_stream = o->notes ? cli_run_load_one(&r, o->notes, "notes document") : NULL;
	const echo_node *notes = notes_stream ? notes_stream->docs[0] : NULL;
	echo_credit_result att = {0};
	int ready = session && session->usable && r.diags.errors == 0 && !r.io_error;
	if (session && session->usable) {
		echo_minutes_gather(session, notes_stream, notes, o->exports, o->export_count, &o->credit, &att,
		                    &r.diags);
		minutes_keep_sources(&r, &att);
	}
	ready = ready && r.diags.errors == 0 && cli_run_status(&r) == EXIT_OK;
	if (ready && cli_run_templates(&r, "minutes.md") == 0) {
		echo_minutes m = {session, notes, att.session};
		struct cli_doc doc = {ECHO_BUF_INIT, ECHO_BUF_INIT, ECHO_BUF_INIT};
		echo_buf_printf(&doc.title, "Minutes: %s", echo_node_get_text(session->root, "title"));
		cli_run_write_doc(&r, o->cli.to == CLI_TO_JSON
		                          ? echo_minutes_json(&m, &doc.text)
		                          : cli_run_markdown(&r, "minutes.md", echo_minutes_data(&m),
		                                             &doc.text),
		                  &doc);
	}
	int status = cli_run_end(&r, ready);
	echo_session_free(session);
	cli_run_free(&r);
	echo_credit_result_free(&att);
	cli_release(&o->cli);
	return status;
}

/* recommendations ------------------------------------------------------------------ */

static int cmd_recommendations(struct options *o, int argc, char **argv)
{
	if (o->session && argc)
		return cli_usage_error(&o->cli, "recommendations: give case files or --session, not both");
	if (!o->session && argc == 0)
		return cli_usage_error(&o->cli, "recommendations: no case files (use '-' for standard "
		                                "input, or --session for a session's cases)");
	if (o->cli.to == CLI_TO_CSV)
		return cli_usage_error(&o->cli, "recommendations: --to md, html, pdf, json or eml");
	if (minutes_mail_usage(&o->cli, &o->mail, "recommendations") != EXIT_OK)
		return EXIT_USAGE;
	int to_dir;
	if (cli_output_folder(&o->cli, &to_dir) != EXIT_OK)
		return EXIT_USAGE;
	if (o->cli.to == CLI_TO_EML && !to_dir == !o->mail.sendmail)
		return cli_usage_error(&o->cli, "recommendations --to eml: one message per presenter, "
		                                "into a folder (-o DIR/) or to --sendmail");

	struct cli_run r = {.cli = &o->cli, .diags = ECHO_DIAGS_INIT};
	echo_case_refs cs = {0};
	echo_session *session = o->session ? load_session(&r, o->session) : NULL;
	if (session && !r.io_error)
		echo_case_refs_add_session(&cs, session);
	for (int i = 0; !o->session && i < argc; i++) {
		echo_stream *s = echo_stream_load_file(argv[i], NULL, &r.diags);
		if (s)
			cli_run_keep_stream(&r, s);
		if (!s || echo_case_refs_add_stream(&cs, s, &r.diags) != 0)
			r.io_error = 1;
	}
	echo_case_refs_check_recommendations(&cs, &r.diags);
	if (o->cli.to == CLI_TO_EML)
		minutes_mail_check(&r, &cs, session);
	int ready = cli_run_status(&r) == EXIT_OK && (!o->session || (session && session->usable));
	if (ready && cs.count == 0) {
		echo_diags_add(&r.diags, ECHO_ERROR, session ? session->stream->path : NULL, 0, 0,
		               "no-cases", "the session presents no cases");
		ready = 0;
	}
	if (ready && cli_run_templates(&r, "recommendations.md") == 0 &&
	    minutes_write_letters(&r, &o->mail, to_dir, cs.items, cs.count, session) != 0)
		r.io_error = 1;
	int status = cli_run_end(&r, ready);
	echo_case_refs_free(&cs);
	echo_session_free(session);
	cli_run_free(&r);
	cli_release(&o->cli);
	return status;
}

/* summary ------------------------------------------------------------------------------ */

static int cmd_summary(struct options *o, int argc, char **argv)
{
	if (argc == 0)
		return cli_usage_error(&o->cli, "summary: no session files");
	if (o->cli.to == CLI_TO_CSV)
		return cli_usage_error(&o->cli, "summary: --to md, html or json");
	struct cli_run r = {.cli = &o->cli, .diags = ECHO_DIAGS_INIT};
	echo_session **sessions = calloc((size_t)argc, sizeof *sessions);
	int ready = sessions != NULL;
	for (int i = 0; sessions && i < argc; i++) {
		sessions[i] = load_session(&r, argv[i]);
		ready = ready && sessions[i] && sessions[i]->usable;
	}
	if (ready)
		echo_summary_order(sessions, (size_t)argc, &r.diags);
	ready = ready && cli_run_status(&r) == EXIT_OK && r.diags.errors == 0;
	if (ready && cli_run_templates(&r, "summary.md") == 0) {
		echo_stream *into = sessions[0]->stream;   /* the data is built in it */
		long as_of = o->has_as_of ? o->as_of : sessions[argc - 1]->date;
		const char *program = echo_node_get_text(sessions[0]->root, "program");
		struct cli_doc doc = {ECHO_BUF_INIT, ECHO_BUF_INIT, ECHO_BUF_INIT};
		echo_buf_printf(&doc.title, "Case summary: %s", program ? program : "");
		cli_run_write_doc(&r, o->cli.to == CLI_TO_JSON
		                          ? echo_summary_json(into, sessions, (size_t)argc, as_of, &doc.text)
		                          : cli_run_markdown(&r, "summary.md",
		                                             echo_summary_data(into, sessions,
		                                                               (size_t)argc, as_of),
		                                             &doc.text),
		                  &doc);
	}
	int status = cli_run_end(&r, ready);
	for (int i = 0; sessions && i < argc; i++)
		echo_session_free(sessions[i]);
	free(sessions);
	cli_run_free(&r);
	cli_release(&o->cli);
	return status;
}

/* new and schema ------------------------------------------------------------------------ */

static int notes_arg(struct options *o, const char *cmd, int argc, char **argv)
{
	return argc == 1 && strcmp(argv[0], "notes") == 0
	           ? EXIT_OK
	           : cli_usage_error(&o->cli, "%s: the format is notes (%s notes)", cmd, cmd);
}

static int cmd_new(struct options *o, int argc, char **argv)
{
	if (notes_arg(o, "new", argc, argv) != 0)
		return EXIT_USAGE;
	echo_buf out = ECHO_BUF_INIT;
	echo_schema_scaffold(&echo_notes_schema, &out);
	int rc = cli_write_scaffold(&o->cli, "echo-notes-1", &out);
	echo_buf_free(&out);
	return rc;
}

static int cmd_schema(struct options *o, int argc, char **argv)
{
	return notes_arg(o, "schema", argc, argv) != 0 ? EXIT_USAGE
	                                               : cli_write_schema(&o->cli, &echo_notes_schema);
}

/* Options -------------------------------------------------------------------------------- */

/* Appends path to a list of option values; -1 when memory runs out. */
static int add_path(const char ***list, size_t *count, const char *path)
{
	const char **grown = realloc(*list, (*count + 1) * sizeof *grown);
	if (!grown)
		return -1;
	*list = grown;
	grown[(*count)++] = path;
	return 0;
}

static int parse_options(struct options *o, int argc, char **argv)
{
	enum {
		OPT_SERIES = 256, OPT_ENROLLED, OPT_THRESHOLD, OPT_MIN_MINUTES, OPT_PRESENCE,
		OPT_CERTIFY, OPT_THROUGH, OPT_CANCELLED, OPT_AS_OF, OPT_ROSTER, OPT_ATTACH_PDF,
		OPT_SENDMAIL, OPT_DRY_RUN, OPT_COMPLETIONS, OPT_PERSON, OPT_FROM, OPT_UNTIL, OPT_CASES
	};
	static const struct option longopts[] = {
		{"attendance", required_argument, NULL, 'a'}, {"notes", required_argument, NULL, 'n'},
		{"session", required_argument, NULL, 's'}, {"series", required_argument, NULL, OPT_SERIES},
		{"enrolled", required_argument, NULL, OPT_ENROLLED},
		{"roster", required_argument, NULL, OPT_ROSTER},
		{"threshold", required_argument, NULL, OPT_THRESHOLD},
		{"min-minutes", required_argument, NULL, OPT_MIN_MINUTES},
		{"presence-counts", no_argument, NULL, OPT_PRESENCE},
		{"certify", required_argument, NULL, OPT_CERTIFY},
		{"through", required_argument, NULL, OPT_THROUGH},
		{"cancelled", required_argument, NULL, OPT_CANCELLED},
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"attach-pdf", no_argument, NULL, OPT_ATTACH_PDF},
		{"sendmail", optional_argument, NULL, OPT_SENDMAIL},
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		{"completions", required_argument, NULL, OPT_COMPLETIONS},
		{"person", required_argument, NULL, OPT_PERSON},
		{"from", required_argument, NULL, OPT_FROM},
		{"until", required_argument, NULL, OPT_UNTIL},
		{"cases", required_argument, NULL, OPT_CASES},
		CLI_COMMON_LONGOPTS,
	};
	int c;
	const char *why;
	while ((c = getopt_long(argc, argv, "o:t:a:n:s:f:vhV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ROSTER:
		case 'a':
			/* minutes reads a --roster as one of its exports */
			if (add_path(&o->exports, &o->export_count, optarg) != 0 ||
			    (c == OPT_ROSTER && add_path(&o->rosters, &o->roster_count, optarg) != 0))
				return EXIT_USAGE;
			break;
		case 'n': o->notes = optarg; break;
		case 's': o->session = optarg; break;
		case OPT_SERIES: o->series = optarg; break;
		case OPT_ENROLLED: o->credit.enrolled = optarg; break;
		case OPT_THRESHOLD:
			if (echo_percent_parse(optarg, &o->credit.threshold, &why) != 0)
				return cli_usage_error(&o->cli, "--threshold '%s': %s", optarg, why);
			o->credit.has_threshold = 1;
			break;
		case OPT_MIN_MINUTES: {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (end == optarg || *end || v < 1 || v > 1440)
				return cli_usage_error(&o->cli, "--min-minutes: '%s' is not a number of "
				                                "minutes (1-1440)", optarg);
			o->credit.min_minutes = v;
			break;
		}
		case OPT_PRESENCE: o->credit.presence_counts = 1; break;
		case OPT_ATTACH_PDF: o->mail.attach_pdf = 1; break;
		case OPT_SENDMAIL: o->mail.sendmail = optarg ? optarg : "sendmail"; break;
		case OPT_DRY_RUN: o->mail.dry_run = 1; break;
		case OPT_COMPLETIONS: o->credit.completions = optarg; break;
		case OPT_PERSON: o->person = optarg; break;
		case OPT_FROM:
		case OPT_UNTIL: {
			int from = c == OPT_FROM;
			if (cli_day_option(&o->cli, from ? "--from" : "--until", optarg,
			                   from ? &o->period.from : &o->period.until) != EXIT_OK)
				return EXIT_USAGE;
			*(from ? &o->period.has_from : &o->period.has_until) = 1;
			break;
		}
		case OPT_CASES:
			if (add_path(&o->cases, &o->case_count, optarg) != 0)
				return EXIT_USAGE;
			break;
		case OPT_CERTIFY:
			memset(&o->certify, 0, sizeof o->certify);
			if (echo_series_rule_parse(optarg, &o->certify, &why) != 0)
				return cli_usage_error(&o->cli, "--certify '%s': %s", optarg, why);
			o->certify.path = "--certify";   /* where a rule never met is written */
			o->credit.certify = &o->certify;
			break;
		case OPT_THROUGH:
			if (cli_day_option(&o->cli, "--through", optarg, &o->credit.through) != EXIT_OK)
				return EXIT_USAGE;
			o->credit.has_through = 1;
			break;
		case OPT_CANCELLED:
			if (o->credit.cancelled_count == MAX_CANCELLED)
				return cli_usage_error(&o->cli, "--cancelled: at most %d dates", MAX_CANCELLED);
			if (cli_day_option(&o->cli, "--cancelled", optarg,
			                   &o->cancelled[o->credit.cancelled_count]) != EXIT_OK)
				return EXIT_USAGE;
			o->credit.cancelled_count++;
			break;
		case OPT_AS_OF:
			if (cli_day_option(&o->cli, "--as-of", optarg, &o->as_of) != EXIT_OK)
				return EXIT_USAGE;
			o->has_as_of = 1;
			break;
		default:
			if (cli_common_option(&o->cli, c, optarg) <= 0)
				return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

/* Options that belong to other commands are mistakes worth saying so. */
static int check_scope(struct options *o, const char *command)
{
	static const char attendance_commands[] =
		"minutes, attendance, credit, certificates and report";
	static const char series_commands[] = "credit, certificates and report";
	static const char mail_commands[] = "recommendations and certificates";
	const struct cli_scope scoped[] = {
		{o->export_count > o->roster_count, "--attendance", "minutes"},
		{o->roster_count > 0, "--roster", attendance_commands},
		{o->notes != NULL, "--notes", "minutes"},
		{o->session != NULL, "--session", "attendance and recommendations"},
		{o->series != NULL, "--series", series_commands},
		{o->credit.completions != NULL, "--completions", series_commands},
		{o->person != NULL, "--person", "certificates"},
		{o->period.has_from, "--from", "report"},
		{o->period.has_until, "--until", "report"},
		{o->case_count > 0, "--cases", "report"},
		{o->credit.enrolled != NULL, "--enrolled", attendance_commands},
		{o->credit.has_threshold, "--threshold", attendance_commands},
		{o->credit.min_minutes > 0, "--min-minutes", attendance_commands},
		{o->credit.presence_counts, "--presence-counts", attendance_commands},
		{o->credit.certify != NULL, "--certify", series_commands},
		{o->credit.has_through, "--through", series_commands},
		{o->credit.cancelled_count > 0, "--cancelled", series_commands},
		{o->has_as_of, "--as-of", "summary"},
		{o->cli.to == CLI_TO_EML, "--to eml", mail_commands},
		{o->mail.attach_pdf, "--attach-pdf", mail_commands},
		{o->mail.sendmail != NULL, "--sendmail", mail_commands},
		{o->mail.dry_run, "--dry-run", mail_commands},
	};
	return cli_check_scope(&o->cli, command, scoped, sizeof scoped / sizeof scoped[0]);
}

/* Every input the command line names, so that no output replaces one
 * even when the run stops before reading it. */
static int protect_inputs(struct options *o, int argc, char **argv)
{
	char **paths = calloc(o->export_count + o->case_count + (size_t)argc * 2 + 6, sizeof *paths);
	if (!paths) {
		cli_message(&o->cli, "out of memory");
		return -1;
	}
	size_t n = 0;
	for (size_t i = 0; i < o->export_count; i++)
		paths[n++] = (char *)o->exports[i];
	for (size_t i = 0; i < o->case_count; i++)
		paths[n++] = (char *)o->cases[i];
	const char *named[] = {o->notes, o->session, o->series, o->credit.enrolled,
	                       o->credit.completions};
	for (size_t i = 0; i < 5; i++)
		paths[n++] = (char *)named[i];
	for (int i = 0; i < argc; i++) {
		paths[n++] = argv[i];
		/* credit's DATE=EXPORT names a file too */
		if (echo_credit_export_path(argv[i]) != argv[i])
			paths[n++] = (char *)echo_credit_export_path(argv[i]);
	}
	int rc = cli_protect_inputs(&o->cli, paths, n);
	free(paths);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = {.cli = {.prog = "echo-minutes", .usage = usage,
	                             .formats = CLI_FORMATS(CLI_TO_MD, CLI_TO_HTML, CLI_TO_CSV,
	                                                    CLI_TO_JSON, CLI_TO_EML)}};
	const char *command;
	int started = cli_begin(&o.cli, argc, argv, &command);
	if (started >= 0)
		return started;
	/* new and schema, last, read no inputs. */
	static const struct {
		const char *name;
		int (*run)(struct options *o, int argc, char **argv);
	} commands[] = {{"minutes", cmd_minutes}, {"recommendations", cmd_recommendations},
	                {"attendance", minutes_attendance}, {"credit", minutes_credit},
	                {"certificates", minutes_certificates}, {"report", minutes_report},
	                {"summary", cmd_summary}, {"new", cmd_new}, {"schema", cmd_schema}};
	size_t k = 0, n_commands = sizeof commands / sizeof commands[0];
	while (k < n_commands && strcmp(command, commands[k].name) != 0)
		k++;
	int reads = k < n_commands - 2;
	int rc = k < n_commands ? parse_options(&o, argc - 1, argv + 1)
	                        : cli_usage_error(&o.cli, "unknown command '%s'", command);
	if (rc == EXIT_OK && reads)
		rc = check_scope(&o, command);
	int nargs = argc - 1 - optind;
	char **args = argv + 1 + optind, **all = NULL;
	if (rc == EXIT_OK && o.roster_count && strcmp(command, "minutes") != 0) {
		/* --roster files are exports read as rosters. */
		all = calloc((size_t)nargs + o.roster_count + 1, sizeof *all);
		if (!all)
			return EXIT_USAGE;
		memcpy(all, args, (size_t)nargs * sizeof *all);
		for (size_t i = 0; i < o.roster_count; i++)
			all[nargs++] = (char *)o.rosters[i];
		args = all;
	}
	o.credit.rosters = o.rosters;
	o.credit.roster_count = o.roster_count;
	o.credit.cancelled = o.cancelled;
	if (rc == EXIT_OK && reads && protect_inputs(&o, nargs, args) != 0)
		rc = EXIT_USAGE;
	if (rc == EXIT_OK)
		rc = commands[k].run(&o, nargs, args);
	free(o.exports);
	free(o.rosters);
	free(o.cases);
	free(all);
	return rc;
}
