/* echo-agenda: session agendas, series calendars, didactic outlines and
 * iCalendar files for teleECHO hub facilitators. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <echo/ics.h>

#include "cli.h"
#include "echo_version.h"

/* --help, in parts: a string literal may not be longer than 4095 bytes. */
static const char *const usage[] = {
	"Usage: echo-agenda COMMAND [OPTION]... FILE...\n"
	"Plan teleECHO sessions and series: agendas with computed times, series\n"
	"calendars, didactic outlines and iCalendar files.\n"
	"\n"
	"Commands:\n"
	"  render [--to md|html|pdf|ics|json] [--tz ZONE]... [-o FILE] FILE\n"
	"                        a session's agenda, or a series' calendar\n"
	"  check [--format gcc|json] [--today DATE] FILE...\n"
	"                        check sessions, the cases they name, and series\n"
	"  outline [--to md|html|pdf] [-o FILE] FILE\n"
	"                        the didactic topics of a session or a series\n"
	"  new session|series [-o FILE]\n"
	"                        write a commented scaffold\n"
	"  schema session|series [--format json|markdown]\n"
	"                        print a format's JSON Schema or field table\n"
	"\n"
	"Options:\n"
	"  -o, --output=FILE      write to FILE (default: standard output)\n"
	"  -t, --to=FORMAT        md (default), html, pdf, ics or json\n"
	"      --tz=ZONE          also show times in ZONE, an IANA name such as\n"
	"                         America/New_York; repeat for more zones\n"
	"      --clock=12|24      show times as 1:05 pm or as 13:05 (default)\n"
	"      --remind=TIME      ics: an alarm TIME before each session, such as\n"
	"                         15m, 1h or 1d; repeat for more\n"
	"      --today=DATE       check: the day to judge case deadlines on\n"
	"                         (default: today, or SOURCE_DATE_EPOCH's day)\n"
	"  -f, --format=FORMAT    findings as gcc (default) or json (check)\n"
	"      --template=FILE    use FILE instead of the built-in template\n"
	"      --templates=DIR    take templates, page.html and style.css from DIR\n"
	CLI_PDF_USAGE
	"  -h, --help             show this help and exit\n"
	"  -V, --version          show the version and exit\n"
	"\n"
	"FILE may be '-' for standard input; case files named in a session are\n"
	"read relative to the session file's folder.  A case that fails its checks\n"
	"is reported and left off the agenda, which is still written.\n"
	"Exit status: 0 ok, 1 the input has problems, 2 usage or I/O error.\n",
	NULL,
};

enum { MAX_ZONES = 8, MAX_REMINDERS = 8 };

struct options {
	struct cli cli;
	int clock12;
	echo_tz *zones[MAX_ZONES];
	size_t zone_count;
	int reminders[MAX_REMINDERS];
	size_t reminder_count;
	int has_today;
	long today;
};

/* A loaded file, checked as a session or a series. */
struct input {
	echo_stream *stream;
	echo_agenda_kind kind;
	echo_session *session;
	echo_series *series;
	echo_diags diags;
};

/* "15m", "1h", "1h30m", "2d", "1w" -> minutes; -1 if malformed. */
static int parse_duration(const char *text)
{
	long total = 0;
	const char *p = text;
	if (!*p)
		return -1;
	while (*p) {
		if (*p < '0' || *p > '9')
			return -1;
		long n = 0;
		while (*p >= '0' && *p <= '9' && n < 100000)
			n = n * 10 + (*p++ - '0');
		long unit = *p == 'm' ? 1 : *p == 'h' ? 60 : *p == 'd' ? 1440 : *p == 'w' ? 10080 : 0;
		if (!unit)
			return -1;
		p++;
		total += n * unit;
		if (total > 4 * 10080)
			return -1;
	}
	return (int)total;
}

static int add_zone(struct options *o, const char *name)
{
	if (o->zone_count == MAX_ZONES)
		return cli_usage_error(&o->cli, "--tz: at most %d extra zones", MAX_ZONES);
	echo_tz *tz;
	echo_tz_status st = echo_tz_load(name, &tz);
	if (st == ECHO_TZ_OK) {
		o->zones[o->zone_count++] = tz;
		return EXIT_OK;
	}
	char hint[256];
	if (st == ECHO_TZ_NOT_FOUND && echo_tz_suggest(name, hint, sizeof hint))
		return cli_usage_error(&o->cli, "--tz: unknown time zone '%s'; did you mean '%s'?", name,
		                       hint);
	return cli_usage_error(&o->cli,
	                       "--tz: unknown time zone '%s' (give an IANA name such as "
	                       "America/New_York)",
	                       name);
}

static int parse_options(struct options *o, int argc, char **argv)
{
	enum { OPT_TZ = 256, OPT_REMIND, OPT_CLOCK, OPT_TODAY };
	static const struct option longopts[] = {
		{"tz", required_argument, NULL, OPT_TZ},
		{"remind", required_argument, NULL, OPT_REMIND},
		{"clock", required_argument, NULL, OPT_CLOCK},
		{"today", required_argument, NULL, OPT_TODAY},
		CLI_COMMON_LONGOPTS,
	};
	int c, rc;
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_TZ:
			if ((rc = add_zone(o, optarg)) != EXIT_OK)
				return rc;
			break;
		case OPT_REMIND: {
			int minutes = parse_duration(optarg);
			if (minutes < 0)
				return cli_usage_error(&o->cli,
				                       "--remind: '%s' is not a time such as 15m, 1h or 1d "
				                       "(at most 4w)",
				                       optarg);
			if (o->reminder_count == MAX_REMINDERS)
				return cli_usage_error(&o->cli, "--remind: at most %d reminders",
				                       MAX_REMINDERS);
			o->reminders[o->reminder_count++] = minutes;
			break;
		}
		case OPT_TODAY: {
			int y, m, d;
			if (echo_date_parse(optarg, &y, &m, &d) != 0)
				return cli_usage_error(&o->cli, "--today: '%s' is not a date YYYY-MM-DD", optarg);
			o->has_today = 1;
			o->today = echo_days_from_civil(y, m, d);
			break;
		}
		case OPT_CLOCK:
			if (strcmp(optarg, "12") == 0)
				o->clock12 = 1;
			else if (strcmp(optarg, "24") == 0)
				o->clock12 = 0;
			else
				return cli_usage_error(&o->cli, "--clock: '%s' is not 12 or 24", optarg);
			break;
		default:
			if (cli_common_option(&o->cli, c, optarg) <= 0)
				return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

/* Loading ----------------------------------------------------------------------- */

static void load_input(struct input *in, const char *path)
{
	in->stream = echo_stream_load_file(path, NULL, &in->diags);
	if (!in->stream)
		return;
	echo_stream *s = in->stream;
	if (s->doc_count == 0) {
		if (in->diags.errors == 0)
			echo_diags_add(&in->diags, ECHO_ERROR, s->path, 1, 1, "empty",
			               "no session or series here: the file is empty");
		return;
	}
	if (s->doc_count > 1) {
		const echo_node *second = s->docs[1];
		echo_diags_add(&in->diags, ECHO_ERROR, s->path, second ? second->start.line : 1,
		               second ? second->start.col : 1, "second-document",
		               "one session or series per file; this is a second document");
	}
	echo_node *root = s->docs[0];
	in->kind = echo_agenda_kind_of(root);
	const echo_node *schema = echo_node_get(root, "schema");
	if (in->kind == ECHO_AGENDA_UNKNOWN && echo_node_is_scalar(schema) &&
	    schema->type != ECHO_NODE_NULL) {
		/* Another format altogether, such as a case: one finding, not one
		 * for every key it lacks. */
		echo_diags_add(&in->diags, ECHO_ERROR, s->path, schema->start.line, schema->start.col,
		               "schema",
		               "'schema: %s' is not a session or a series; echo-agenda reads "
		               "echo-session/1 and echo-series/1%s",
		               schema->text,
		               strncmp(schema->text, "echo-case/", 10) == 0 ? " (check cases with echo-case)"
		                                                            : "");
		return;
	}
	if (in->kind == ECHO_AGENDA_SERIES)
		in->series = echo_series_check(s, root, &in->diags);
	else
		in->session = echo_session_check(s, root, NULL, &in->diags);
	if (!in->series && !in->session)
		echo_diags_add(&in->diags, ECHO_ERROR, s->path, 0, 0, "memory", "out of memory");
}

static void free_input(struct input *in)
{
	echo_session_free(in->session);
	echo_series_free(in->series);
	echo_stream_free(in->stream);
	echo_diags_free(&in->diags);
}

/* Prints findings with the source line of whichever file each is in: the
 * session's or one of its cases'. */
static void print_diags(FILE *f, const struct input *in)
{
	echo_buf out = ECHO_BUF_INIT;
	for (size_t i = 0; i < in->diags.count; i++) {
		const echo_diag *d = &in->diags.items[i];
		const echo_stream *src = NULL;
		/* Notes (PHI findings a reviewer cleared) are for echo-case -v. */
		if (d->severity == ECHO_NOTE)
			continue;
		if (d->path && in->stream && strcmp(d->path, in->stream->path) == 0)
			src = in->stream;
		if (!src && d->path && in->session && in->session->series_stream &&
		    strcmp(d->path, in->session->series_stream->path) == 0)
			src = in->session->series_stream;
		for (size_t k = 0; !src && d->path && in->session && k < in->session->segment_count; k++) {
			const echo_stream *cs = in->session->segments[k].case_stream;
			if (cs && strcmp(d->path, cs->path) == 0)
				src = cs;
		}
		if (src && src->lines)   /* the stream's line index: no rescan per finding */
			echo_diag_format_lines(&out, d, src->lines);
		else
			echo_diag_format(&out, d, src ? src->source : NULL, src ? src->source_len : 0);
	}
	fputs(echo_buf_cstr(&out), f);
	echo_buf_free(&out);
}

/* Whether the input can be rendered: the session or series itself has no
 * errors (a withdrawn case does not stop an agenda). */
static int usable(const struct input *in)
{
	if (!in->stream || in->stream->doc_count != 1)
		return 0;
	return in->session ? in->session->usable : in->series ? in->series->usable : 0;
}

static int input_status(const struct input *in)
{
	if (!in->stream)
		return EXIT_USAGE;
	for (size_t i = 0; i < in->diags.count; i++)
		if (in->diags.items[i].rule && strcmp(in->diags.items[i].rule, "memory") == 0)
			return EXIT_USAGE;
	return in->diags.errors ? EXIT_FINDINGS : EXIT_OK;
}

static long long build_time(void);

/* check --------------------------------------------------------------------------- */

static int cmd_check(struct options *o, int argc, char **argv)
{
	if (argc == 0)
		return cli_usage_error(&o->cli, "check: no input files");
	int status = EXIT_OK;
	echo_diags all = ECHO_DIAGS_INIT;
	for (int i = 0; i < argc; i++) {
		struct input in = {0};
		load_input(&in, argv[i]);
		if (in.session)
			echo_session_deadline(in.session, o->has_today ? o->today
			                                               : echo_days_from_seconds(build_time()),
			                      &in.diags);
		int st = input_status(&in);
		if (st > status)
			status = st;
		if (o->cli.json_findings)
			echo_diags_take(&all, &in.diags);
		else
			print_diags(stderr, &in);
		free_input(&in);
	}
	if (o->cli.json_findings && cli_write_findings_json(&all) != 0)
		status = EXIT_USAGE;
	echo_diags_free(&all);
	return cli_stdout_status(&o->cli, status);
}

/* render and outline ----------------------------------------------------------------- */

/* SOURCE_DATE_EPOCH, for reproducible output, else now. */
static long long build_time(void)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (env && *env) {
		char *end;
		long long v = strtoll(env, &end, 10);
		if (!*end && v >= 0)
			return v;
	}
	return (long long)time(NULL);
}

static int render_markdown(struct options *o, const char *name, echo_node *data, echo_buf *md,
                           echo_diags *diags)
{
	if (!data) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return -1;
	}
	echo_render_options ropts = {.escape = echo_escape_markdown};
	return echo_templates_render(o->cli.templates, name, data, &ropts, md, diags);
}

static int produce(struct options *o, struct input *in, int outline, echo_buf *out,
                   echo_diags *diags)
{
	echo_agenda_options ao = {o->zones, o->zone_count, o->clock12};
	if (o->cli.to == CLI_TO_JSON) {
		if (in->session)
			echo_session_json(in->session, &ao, out);
		else
			echo_series_json(in->series, &ao, out);
		return out->failed ? -1 : 0;
	}
	if (o->cli.to == CLI_TO_ICS) {
		echo_ics_options io = {o->reminders, o->reminder_count, build_time()};
		return in->session ? echo_ics_session(in->session, &io, out, diags)
		                   : echo_ics_series(in->series, &io, out, diags);
	}
	echo_node *data = in->session ? echo_session_data(in->session, &ao)
	                              : echo_series_data(in->series, &ao);
	const char *name = outline ? "outline.md" : in->session ? "agenda.md" : "series.md";
	echo_buf md = ECHO_BUF_INIT;
	int rc = render_markdown(o, name, data, &md, diags);
	if (rc == 0 && o->cli.to == CLI_TO_HTML) {
		/* A session's agenda is one page: no table of contents on it. */
		o->cli.no_toc = in->session && !outline;
		echo_buf title = ECHO_BUF_INIT;
		const echo_node *root = in->stream->docs[0];
		const char *program = echo_node_get_text(root, "program");
		const char *t = echo_node_get_text(root, "title");
		if (outline)
			echo_buf_printf(&title, "Didactic outlines: %s", program ? program : "");
		else if (in->session)
			echo_buf_printf(&title, "%s: %s", program ? program : "", t ? t : "");
		else
			echo_buf_printf(&title, "%s%s%s", program ? program : "", t ? ": " : "", t ? t : "");
		rc = cli_render_page(&o->cli, echo_buf_cstr(&md), md.len, echo_buf_cstr(&title), out,
		                     diags);
		echo_buf_free(&title);
	} else if (rc == 0) {
		echo_buf_append(out, echo_buf_cstr(&md), md.len);
		rc = out->failed ? -1 : 0;
	}
	echo_buf_free(&md);
	return rc;
}

static int cmd_render(struct options *o, int argc, char **argv, int outline)
{
	const char *cmd = outline ? "outline" : "render";
	if (argc != 1)
		return cli_usage_error(&o->cli, "%s: %s", cmd,
		                       argc ? "one input file at a time"
		                            : "no input file (use '-' for standard input)");
	if (outline && (o->cli.to == CLI_TO_ICS || o->cli.to == CLI_TO_JSON))
		return cli_usage_error(&o->cli, "outline: --to md or html");
	if (o->reminder_count && o->cli.to != CLI_TO_ICS)
		return cli_usage_error(&o->cli, "%s: --remind is for calendars: add --to ics", cmd);
	const char *output = o->cli.output ? o->cli.output : "-";

	echo_diags diags = ECHO_DIAGS_INIT;
	struct input in = {0};
	load_input(&in, argv[0]);
	print_diags(stderr, &in);
	int status = input_status(&in);
	/* --template replaces the main template of what the file turned out
	 * to be: an agenda, a series calendar or an outline. */
	const char *main_name = outline ? "outline.md" : in.series ? "series.md" : "agenda.md";
	if (status != EXIT_USAGE && usable(&in) && o->cli.to != CLI_TO_ICS && o->cli.to != CLI_TO_JSON &&
	    cli_templates_load(&o->cli, main_name, &diags) != 0)
		status = EXIT_USAGE;
	if (status != EXIT_USAGE && usable(&in)) {
		echo_buf out = ECHO_BUF_INIT;
		if (produce(o, &in, outline, &out, &diags) != 0 ||
		    echo_file_write(output, echo_buf_cstr(&out), out.len, &diags) != 0)
			status = EXIT_USAGE;
		echo_buf_free(&out);
	} else if (status == EXIT_OK) {
		status = EXIT_FINDINGS;
	}
	cli_print_diags(stderr, &diags, NULL);
	echo_diags_free(&diags);
	free_input(&in);
	cli_release(&o->cli);
	return status;
}

/* new and schema -------------------------------------------------------------------- */

static const echo_schema *schema_arg(struct options *o, const char *cmd, int argc, char **argv)
{
	if (argc != 1 || (strcmp(argv[0], "session") != 0 && strcmp(argv[0], "series") != 0)) {
		cli_usage_error(&o->cli, "%s: say which format: session or series", cmd);
		return NULL;
	}
	return strcmp(argv[0], "session") == 0 ? &echo_session_schema : &echo_series_schema;
}

static int cmd_new(struct options *o, int argc, char **argv)
{
	const echo_schema *schema = schema_arg(o, "new", argc, argv);
	if (!schema)
		return EXIT_USAGE;
	echo_buf out = ECHO_BUF_INIT;
	if (schema == &echo_session_schema)
		echo_session_scaffold(&out);
	else
		echo_series_scaffold(&out);
	int rc = cli_write_scaffold(&o->cli, schema == &echo_session_schema ? "echo-session-1"
	                                                                     : "echo-series-1",
	                            &out);
	echo_buf_free(&out);
	return rc;
}

static int cmd_schema(struct options *o, int argc, char **argv)
{
	const echo_schema *schema = schema_arg(o, "schema", argc, argv);
	return schema ? cli_write_schema(&o->cli, schema) : EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct options o = {.cli = {.prog = "echo-agenda", .usage = usage,
	                             .formats = CLI_FORMATS(CLI_TO_MD, CLI_TO_HTML, CLI_TO_ICS,
	                                                    CLI_TO_JSON)}};
	const char *command;
	int started = cli_begin(&o.cli, argc, argv, &command);
	if (started >= 0)
		return started;
	int rc = parse_options(&o, argc - 1, argv + 1);
	int nargs = argc - 1 - optind;
	char **args = argv + 1 + optind;
	/* new and schema name formats, not files. */
	int reads = strcmp(command, "new") != 0 && strcmp(command, "schema") != 0;
	if (rc == EXIT_OK && cli_protect_inputs(&o.cli, args, reads ? (size_t)nargs : 0) != 0)
		rc = EXIT_USAGE;
	if (rc != EXIT_OK)
		;
	else if (strcmp(command, "check") == 0)
		rc = cmd_check(&o, nargs, args);
	else if (strcmp(command, "render") == 0)
		rc = cmd_render(&o, nargs, args, 0);
	else if (strcmp(command, "outline") == 0)
		rc = cmd_render(&o, nargs, args, 1);
	else if (strcmp(command, "new") == 0)
		rc = cmd_new(&o, nargs, args);
	else if (strcmp(command, "schema") == 0)
		rc = cmd_schema(&o, nargs, args);
	else
		rc = cli_usage_error(&o.cli, "unknown command '%s'", command);
	for (size_t i = 0; i < o.zone_count; i++)
		echo_tz_free(o.zones[i]);
	return rc;
}
