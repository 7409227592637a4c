/* echo-case: check, render and scaffold teleECHO case files. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "case_intake.h"
#include "cli.h"
#include "echo_version.h"

/* --help, in parts: a string literal may not be longer than 4095 bytes. */
static const char *const usage[] = {
	"Usage: echo-case COMMAND [OPTION]... [FILE]...\n"
	"Check, screen and render teleECHO case files (echo-case/1).\n"
	"\n"
	"Commands:\n"
	"  new [-o FILE]                  write a commented case scaffold\n"
	"  new --interview [--resume FILE] -o FILE\n"
	"                                 ask for a case on the terminal, then check it\n"
	"  check [--format gcc|json] FILE...\n"
	"                                 validate cases and screen them for PHI\n"
	"  render [--to md|html|pdf|json] [-o FILE|DIR] FILE...\n"
	"                                 render cases to a handout\n"
	"  redact [-o FILE] FILE          replace possible PHI with category tags\n"
	"  review [--reviewer=NAME] [--reason=TEXT] [--reviewed-on=DATE] [-i | -o FILE] FILE\n"
	"                                 list every open PHI finding in the deid block\n"
	"  import --map MAP [--dictionary DICT] -o DIR/ EXPORT.csv\n"
	"                                 turn a REDCap or other CSV export into cases\n"
	"  schema [--format json|markdown]\n"
	"                                 print the case format's JSON Schema\n"
	"\n"
	"Options:\n"
	"  -o, --output=PATH      write to PATH (a folder: one file per case)\n"
	"  -t, --to=FORMAT        md, html, pdf or json (render; default md)\n"
	"  -f, --format=FORMAT    findings as gcc (default) or json (check)\n"
	"  -v, --verbose          also show PHI findings a reviewer cleared\n"
	"  -i, --in-place         review: rewrite FILE itself (atomically)\n"
	"      --reviewer=NAME    review: who reviewed (default: a TODO to fill in)\n"
	"      --reason=TEXT      review: why every new item is not PHI (default: a TODO)\n"
	"      --reviewed-on=DATE review: the review's date (default: today)\n"
	"      --interview        new: ask for the case one question at a time\n"
	"      --resume=FILE      new --interview: go on with the answers saved in FILE\n"
	"      --map=FILE         import: which export variable is which case key\n"
	"      --dictionary=FILE  import: the REDCap data dictionary (CSV)\n"
	"      --template=FILE    use FILE instead of the built-in case template\n"
	"      --templates=DIR    take templates, page.html and style.css from DIR\n"
	CLI_PDF_USAGE
	"  -h, --help             show this help and exit\n"
	"  -V, --version          show the version and exit\n"
	"\n"
	"FILE may be '-' for standard input; a stream may hold several cases\n"
	"separated by '---'.  Exit status: 0 ok, 1 the input has problems,\n"
	"2 usage or I/O error.\n",
	NULL,
};

struct options {
	struct cli cli;
	int in_place;              /* review -i */
	const char *reviewer;      /* review --reviewer */
	const char *reason;        /* review --reason */
	char reviewed_on[16];      /* review --reviewed-on, YYYY-MM-DD; "" for today */
	int interview;             /* new --interview */
	const char *resume, *map, *dictionary;   /* --resume, --map, --dictionary */
};

enum {
	OPT_REVIEWER = 0x2000, OPT_REASON, OPT_REVIEWED_ON, OPT_INTERVIEW, OPT_RESUME, OPT_MAP,
	OPT_DICTIONARY
};

/* One loaded input with its findings. */
struct input {
	echo_stream *stream;
	echo_diags diags;
};

static int parse_options(struct options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"in-place", no_argument, NULL, 'i'},
		{"reviewer", required_argument, NULL, OPT_REVIEWER},
		{"reason", required_argument, NULL, OPT_REASON},
		{"reviewed-on", required_argument, NULL, OPT_REVIEWED_ON},
		{"interview", no_argument, NULL, OPT_INTERVIEW},
		{"resume", required_argument, NULL, OPT_RESUME},
		{"map", required_argument, NULL, OPT_MAP},
		{"dictionary", required_argument, NULL, OPT_DICTIONARY},
		CLI_COMMON_LONGOPTS};
	int c;
	while ((c = getopt_long(argc, argv, "i" CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'i') {
			o->in_place = 1;
		} else if (c == OPT_REVIEWER || c == OPT_REASON) {
			if (!*optarg)
				return cli_usage_error(&o->cli, "--%s needs a value",
				                       c == OPT_REVIEWER ? "reviewer" : "reason");
			*(c == OPT_REVIEWER ? &o->reviewer : &o->reason) = optarg;
		} else if (c == OPT_REVIEWED_ON) {
			long day;
			if (cli_day_option(&o->cli, "--reviewed-on", optarg, &day) != EXIT_OK)
				return EXIT_USAGE;
			echo_date_format(day, o->reviewed_on, sizeof o->reviewed_on);
		} else if (c == OPT_INTERVIEW) {
			o->interview = 1;
		} else if (c == OPT_RESUME || c == OPT_MAP || c == OPT_DICTIONARY) {
			*(c == OPT_RESUME ? &o->resume : c == OPT_MAP ? &o->map : &o->dictionary) = optarg;
		} else if (cli_common_option(&o->cli, c, optarg) <= 0) {
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

/* Reads a file one case at a time, checks each and hands it to each (when
 * given) before the next is read, so that a stream of any length needs
 * the memory of one case. */
static void load_input(struct input *in, const char *path,
                       void (*each)(void *ctx, struct input *in, echo_node *doc), void *ctx)
{
	in->stream = echo_stream_open_file(path, NULL, &in->diags);
	if (!in->stream)
		return;
	size_t docs = 0;
	int rc;
	while ((rc = echo_stream_next(in->stream, &in->diags)) > 0) {
		echo_node *doc = in->stream->docs[0];
		echo_case_check(in->stream, doc, &in->diags);
		echo_case_screen(in->stream, doc, &in->diags);
		if (each)
			each(ctx, in, doc);
		docs++;
	}
	if (rc < 0) {
		echo_stream_free(in->stream);
		in->stream = NULL;
		return;
	}
	if (docs == 0 && in->diags.errors == 0)
		echo_diags_add(&in->diags, ECHO_ERROR, in->stream->path, 1, 1, "empty",
		               "no case here: the file is empty");
	echo_diags_sort(&in->diags);
}

static void free_input(struct input *in)
{
	echo_stream_free(in->stream);
	echo_diags_free(&in->diags);
}

static int cmd_check(struct options *o, int argc, char **argv)
{
	if (argc == 0)
		return cli_usage_error(&o->cli, "check: no input files");
	int status = EXIT_OK;
	echo_diags all = ECHO_DIAGS_INIT;
	for (int i = 0; i < argc; i++) {
		struct input in = {0};
		load_input(&in, argv[i], NULL, NULL);
		if (!in.stream)
			status = EXIT_USAGE;
		else if (in.diags.errors && status == EXIT_OK)
			status = EXIT_FINDINGS;
		if (o->cli.json_findings)
			echo_diags_take(&all, &in.diags);
		else
			cli_print_findings(stderr, &in.diags, in.stream, o->cli.verbose);
		free_input(&in);
	}
	if (o->cli.json_findings && cli_write_findings_json(&all) != 0)
		status = EXIT_USAGE;
	echo_diags_free(&all);
	return cli_stdout_status(&o->cli, status);
}

/* Renders one checked case into Markdown, or JSON. */
static int render_case(struct options *o, echo_stream *stream, const echo_node *doc,
                       echo_buf *out, echo_diags *diags)
{
	int json = o->cli.to == CLI_TO_JSON;
	echo_node *view = echo_case_view(stream, doc, !json);
	if (!view)
		return -1;
	if (json) {
		echo_json_node(out, view, 1);
		return out->failed ? -1 : 0;
	}
	echo_render_options ropts = {.escape = echo_escape_markdown};
	return echo_templates_render(o->cli.templates, "case.md", view, &ropts, out, diags);
}

static int finish_output(struct options *o, echo_buf *md, const char *title, echo_buf *out,
                         echo_diags *diags)
{
	if (o->cli.to == CLI_TO_HTML)
		return cli_render_page(&o->cli, md->data ? md->data : "", md->len, title, out, diags);
	echo_buf_append(out, md->data ? md->data : "", md->len);
	return out->failed ? -1 : 0;
}

/* Files rendered into a folder, staged until every input proved clean
 * (echo_output_has tells two cases with one id). */
struct staged {
	echo_output *set;
};

static int stage_add(struct staged *st, const char *path, const echo_buf *page,
                     echo_diags *diags)
{
	return echo_output_add(st->set, path, page->data ? page->data : "", page->len, 0, diags);
}

/* Renders one checked document: to its own staged file in a folder, or
 * appended to the single output. */
static int render_document(struct options *o, echo_stream *s, echo_node *doc,
                           const char *folder, struct staged *st, echo_buf *all,
                           size_t *cases, char **first_title, echo_diags *diags)
{
	const char *id = echo_node_get_text(doc, "id");
	char title[256];
	snprintf(title, sizeof title, "Case %s", id ? id : "");
	echo_buf one = ECHO_BUF_INIT;
	int rc = render_case(o, s, doc, &one, diags);
	if (rc == 0 && folder) {
		echo_buf page = ECHO_BUF_INIT;
		char *path = cli_output_path(folder, id ? id : "case", cli_extension(&o->cli));
		if (o->cli.to == CLI_TO_JSON)
			echo_buf_puts(&one, "\n");
		if (!path) {
			rc = -1;
		} else if (echo_output_has(st->set, path)) {
			/* Two cases with one id would overwrite each other. */
			echo_diags_add(diags, ECHO_ERROR, s->path, doc->start.line, doc->start.col,
			               "duplicate-id", "another case has the id '%s' and writes %s too",
			               id ? id : "", path);
			rc = 1;
		} else if (finish_output(o, &one, title, &page, diags) != 0 ||
		           stage_add(st, path, &page, diags) != 0) {
			rc = -1;
		}
		free(path);
		echo_buf_free(&page);
	} else if (rc == 0) {
		if (o->cli.to == CLI_TO_JSON)
			echo_buf_puts(all, *cases ? ",\n  " : "[\n  ");
		else if (*cases)
			echo_buf_puts(all, "\n---\n\n");
		echo_buf_append(all, one.data ? one.data : "", one.len);
		if (!*first_title)
			*first_title = strdup(title);
	}
	(*cases)++;
	echo_buf_free(&one);
	return rc;
}

/* A render over inputs read one case at a time. */
struct render_run {
	struct options *o;
	const char *folder;
	struct staged *st;
	echo_buf *all;
	size_t *cases;
	char **first_title;
	int go;                  /* render this file's cases */
	int rc;                  /* of the first that failed */
	echo_diags diags;        /* rendering's, for this file */
};

static void render_each(void *ctx, struct input *in, echo_node *doc)
{
	struct render_run *run = ctx;
	if (!run->go || in->diags.errors)
		return;
	run->rc = render_document(run->o, in->stream, doc, run->folder, run->st, run->all,
	                          run->cases, run->first_title, &run->diags);
	if (run->rc != 0)
		run->go = 0;
}

static int cmd_render(struct options *o, int argc, char **argv)
{
	if (argc == 0)
		return cli_usage_error(&o->cli, "render: no input files (use '-' for standard input)");
	const char *output = o->cli.output ? o->cli.output : "-";
	int to_dir;
	if (cli_output_folder(&o->cli, &to_dir) != EXIT_OK)
		return EXIT_USAGE;

	echo_diags diags = ECHO_DIAGS_INIT;
	if (cli_templates_load(&o->cli, "case.md", &diags) != 0) {
		cli_print_diags(stderr, &diags, NULL);
		echo_diags_free(&diags);
		cli_release(&o->cli);
		return EXIT_USAGE;
	}
	/* One input in memory at a time, so a batch of any size runs in flat
	 * memory.  Nothing is put in place unless every case is clean: a
	 * handout set with a case missing would look complete. */
	int status = EXIT_OK;
	struct staged st = {echo_output_new()};
	if (!st.set)
		status = EXIT_USAGE;
	echo_buf all = ECHO_BUF_INIT, single = ECHO_BUF_INIT;
	size_t cases = 0;
	char *first_title = NULL;
	struct render_run run = {o, to_dir ? output : NULL, &st, &all, &cases, &first_title, 0, 0,
	                         ECHO_DIAGS_INIT};
	for (int i = 0; i < argc; i++) {
		struct input in = {0};
		/* Cases are rendered as they are read, while the file is clean
		 * so far; what that yields counts only if all of it is. */
		run.go = status == EXIT_OK;
		run.rc = 0;
		load_input(&in, argv[i], render_each, &run);
		cli_print_findings(stderr, &in.diags, in.stream, o->cli.verbose);
		if (!in.stream)
			status = EXIT_USAGE;
		else if (in.diags.errors && status == EXIT_OK)
			status = EXIT_FINDINGS;
		if (status == EXIT_OK) {
			echo_diags_take(&diags, &run.diags);
			if (run.rc != 0)
				status = run.rc > 0 ? EXIT_FINDINGS : EXIT_USAGE;
		}
		echo_diags_free(&run.diags);
		free_input(&in);
	}
	if (status == EXIT_OK && !to_dir) {
		if (o->cli.to == CLI_TO_JSON)
			echo_buf_puts(&all, cases ? "\n]\n" : "[]\n");
		const char *page_title = cases == 1 ? first_title : "teleECHO cases";
		if (finish_output(o, &all, page_title, &single, &diags) != 0 ||
		    echo_file_write(output, single.data ? single.data : "", single.len, &diags) != 0)
			status = EXIT_USAGE;
	}
	/* All the pages, or none. */
	if (status == EXIT_OK && to_dir && echo_output_commit(st.set, &diags) != 0)
		status = EXIT_USAGE;
	echo_output_free(st.set);
	cli_print_diags(stderr, &diags, NULL);
	free(first_title);
	echo_buf_free(&single);
	echo_buf_free(&all);
	echo_diags_free(&diags);
	cli_release(&o->cli);
	return status;
}

/* Writes a copy of one case file with possible PHI replaced by tags.  The
 * copy must load and pass check, or nothing is written. */
static int cmd_redact(struct options *o, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage_error(&o->cli, "redact: give exactly one input file");
	const char *output = o->cli.output ? o->cli.output : "-";
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *stream = echo_stream_load_file(argv[0], NULL, &diags);
	int status = EXIT_OK;
	if (!stream) {
		status = EXIT_USAGE;
	} else if (diags.errors) {
		status = EXIT_FINDINGS;
	} else {
		echo_buf out = ECHO_BUF_INIT;
		long n = echo_case_redact(stream, &out);
		struct input again = {0};
		if (n >= 0) {
			/* Redaction is only done when the result is a clean case. */
			again.stream = echo_stream_load(stream->path, out.data ? out.data : "", out.len,
			                                NULL, &again.diags);
			for (size_t i = 0; again.stream && i < again.stream->doc_count; i++) {
				echo_case_check(again.stream, again.stream->docs[i], &again.diags);
				echo_case_screen(again.stream, again.stream->docs[i], &again.diags);
			}
		}
		if (n < 0 || !again.stream) {
			status = EXIT_USAGE;
		} else if (again.diags.errors) {
			cli_message(&o->cli, "the redacted copy would still have problems; nothing written:");
			cli_print_findings(stderr, &again.diags, again.stream, 0);
			status = EXIT_FINDINGS;
		} else if (echo_file_write_flags(output, out.data ? out.data : "", out.len,
		                                 o->in_place ? ECHO_OUTPUT_IN_PLACE : 0, &diags) != 0) {
			status = EXIT_USAGE;
		} else {
			cli_message(&o->cli, "%ld item%s redacted", n, n == 1 ? "" : "s");
		}
		free_input(&again);
		echo_buf_free(&out);
	}
	cli_print_findings(stderr, &diags, stream, 0);
	echo_diags_free(&diags);
	echo_stream_free(stream);
	return status;
}

/* Errors other than open PHI findings and review placeholders: what a
 * review must leave exactly as it found. */
static size_t other_errors(const echo_diags *diags)
{
	size_t n = 0;
	for (size_t i = 0; i < diags->count; i++) {
		const echo_diag *d = &diags->items[i];
		if (d->severity == ECHO_ERROR && !(d->rule && (strncmp(d->rule, "phi-", 4) == 0 ||
		                                               strcmp(d->rule, "deid-todo") == 0)))
			n++;
	}
	return n;
}

static size_t open_findings(const echo_diags *diags)
{
	size_t n = 0;
	for (size_t i = 0; i < diags->count; i++)
		n += diags->items[i].severity == ECHO_ERROR && diags->items[i].text != NULL;
	return n;
}

/* Writes a copy of a case file (or the file itself, with -i) with every
 * open PHI finding listed in its deid block for a reviewer to confirm.
 * The copy must load, keep every other finding as it was and have no open
 * PHI finding, or nothing is written. */
static int cmd_review(struct options *o, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage_error(&o->cli, "review: give exactly one input file");
	if (o->in_place && o->cli.output)
		return cli_usage_error(&o->cli, "review: give -i or -o, not both");
	if (o->in_place && strcmp(argv[0], "-") == 0)
		return cli_usage_error(&o->cli, "review: -i cannot rewrite standard input");
	const char *output = o->in_place ? argv[0] : o->cli.output ? o->cli.output : "-";
	struct input in = {0};
	in.stream = echo_stream_load_file(argv[0], NULL, &in.diags);
	for (size_t i = 0; in.stream && i < in.stream->doc_count; i++) {
		echo_case_check(in.stream, in.stream->docs[i], &in.diags);
		echo_case_screen(in.stream, in.stream->docs[i], &in.diags);
	}
	if (in.stream && in.stream->doc_count == 0 && in.diags.errors == 0)
		echo_diags_add(&in.diags, ECHO_ERROR, in.stream->path, 1, 1, "empty",
		               "no case here: the file is empty");
	echo_diags_sort(&in.diags);
	int status = EXIT_OK;
	echo_diags diags = ECHO_DIAGS_INIT;
	if (!in.stream) {
		cli_print_findings(stderr, &in.diags, NULL, 0);
		free_input(&in);
		return EXIT_USAGE;
	}
	/* Offsets are only trusted in a file that loads whole. */
	int loads = 1;
	for (size_t i = 0; i < in.diags.count; i++)
		if (in.diags.items[i].severity == ECHO_ERROR && in.diags.items[i].rule &&
		    (strncmp(in.diags.items[i].rule, "yaml-", 5) == 0 ||
		     strncmp(in.diags.items[i].rule, "limit-", 6) == 0 ||
		     strcmp(in.diags.items[i].rule, "encoding") == 0 ||
		     strcmp(in.diags.items[i].rule, "duplicate-key") == 0 ||
		     strcmp(in.diags.items[i].rule, "empty") == 0))
			loads = 0;
	echo_buf out = ECHO_BUF_INIT;
	struct input again = {0};
	if (!o->reviewed_on[0]) {
		/* Today, on the reviewer's own calendar. */
		time_t now = time(NULL);
		struct tm local;
		if (localtime_r(&now, &local))
			strftime(o->reviewed_on, sizeof o->reviewed_on, "%Y-%m-%d", &local);
	}
	echo_deid_review review = {o->reviewer, o->reason,
	                           o->reviewed_on[0] ? o->reviewed_on : NULL};
	long n = loads ? echo_case_review(in.stream, &review, &out, &diags) : -1;
	if (!loads) {
		cli_message(&o->cli, "%s does not load cleanly; nothing written:", in.stream->path);
		cli_print_findings(stderr, &in.diags, in.stream, 0);
		status = EXIT_FINDINGS;
	} else if (n < 0) {
		cli_print_diags(stderr, &diags, in.stream);
		status = diags.errors ? EXIT_FINDINGS : EXIT_USAGE;
	} else if (n == 0 && o->in_place) {
		cli_message(&o->cli, "no open PHI findings in %s; nothing to add", in.stream->path);
	} else {
		again.stream = echo_stream_load(in.stream->path, out.data ? out.data : "", out.len, NULL,
		                                &again.diags);
		for (size_t i = 0; again.stream && i < again.stream->doc_count; i++) {
			echo_case_check(again.stream, again.stream->docs[i], &again.diags);
			echo_case_screen(again.stream, again.stream->docs[i], &again.diags);
		}
		if (!again.stream) {
			status = EXIT_USAGE;
		} else if (again.stream->doc_count != in.stream->doc_count ||
		           other_errors(&again.diags) != other_errors(&in.diags) ||
		           open_findings(&again.diags)) {
			cli_message(&o->cli, "the reviewed copy would not read as the original does; "
			                     "nothing written:");
			cli_print_findings(stderr, &again.diags, again.stream, 0);
			status = EXIT_FINDINGS;
		} else if (echo_file_write_flags(output, out.data ? out.data : "", out.len,
		                                 o->in_place ? ECHO_OUTPUT_IN_PLACE : 0, &diags) != 0) {
			cli_print_diags(stderr, &diags, NULL);
			status = EXIT_USAGE;
		} else if (n > 0) {
			cli_message(&o->cli, "%ld item%s added to the deid block%s", n, n == 1 ? "" : "s",
			            o->reason && o->reviewer ? ""
			                                     : "; replace each TODO once you have checked it");
		}
	}
	free_input(&again);
	echo_buf_free(&out);
	echo_diags_free(&diags);
	free_input(&in);
	return status;
}

static int cmd_new(struct options *o, int argc)
{
	if (argc > 0)
		return cli_usage_error(&o->cli, "new: takes no input files");
	if (o->interview || o->resume)
		return case_interview(&o->cli, o->resume);
	echo_buf out = ECHO_BUF_INIT;
	echo_schema_scaffold(&echo_case_schema, &out);
	int rc = cli_write_scaffold(&o->cli, "echo-case-1", &out);
	echo_buf_free(&out);
	return rc;
}

static int cmd_schema(struct options *o, int argc)
{
	if (argc > 0)
		return cli_usage_error(&o->cli, "schema: takes no input files");
	return cli_write_schema(&o->cli, &echo_case_schema);
}

int main(int argc, char **argv)
{
	struct options o = {.cli = {.prog = "echo-case", .usage = usage,
	                             .formats = CLI_FORMATS(CLI_TO_MD, CLI_TO_HTML, CLI_TO_JSON)}};
	const char *command;
	int started = cli_begin(&o.cli, argc, argv, &command);
	if (started >= 0)
		return started;
	int rc = parse_options(&o, argc - 1, argv + 1);
	if (rc != EXIT_OK)
		return rc;
	int nargs = argc - 1 - optind;
	char **args = argv + 1 + optind;
	/* check writes nothing before it has read every input, and reading
	 * a file protects it: no need to stat each one first. */
	if (strcmp(command, "check") == 0)
		return cmd_check(&o, nargs, args);
	if (cli_protect_inputs(&o.cli, args, (size_t)nargs) != 0)
		return EXIT_USAGE;
	if (strcmp(command, "render") == 0)
		return cmd_render(&o, nargs, args);
	if (strcmp(command, "new") == 0)
		return cmd_new(&o, nargs);
	if (strcmp(command, "redact") == 0)
		return cmd_redact(&o, nargs, args);
	if (strcmp(command, "schema") == 0)
		return cmd_schema(&o, nargs);
	if (strcmp(command, "review") == 0)
		return cmd_review(&o, nargs, args);
	if (strcmp(command, "import") == 0)
		return case_import(&o.cli, o.map, o.dictionary, nargs, args);
	return cli_usage_error(&o.cli, "unknown command '%s'", command);
}
