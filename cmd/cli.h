/* What the three tools share: exit codes, diagnostics output, templates
 * and page resources with their overrides, and writing results. */
#ifndef ECHO_CLI_H
#define ECHO_CLI_H

#include <stdio.h>

#include <echo/echo.h>

enum {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1,   /* the input has problems */
	EXIT_USAGE = 2       /* bad usage, or an I/O or system error */
};

/* What --to can name; each tool allows some (struct cli's formats). */
/* --to pdf is HTML printed to PDF: to stays CLI_TO_HTML, with pdf set, and
 * is taken wherever html is.  CLI_TO_EML: a tool that allows it. */
enum cli_to { CLI_TO_MD, CLI_TO_HTML, CLI_TO_ICS, CLI_TO_CSV, CLI_TO_JSON, CLI_TO_EML,
              CLI_TO_PDF };
#define CLI_FORMATS(...) cli_format_mask((const enum cli_to[]){__VA_ARGS__}, \
	sizeof((const enum cli_to[]){__VA_ARGS__}) / sizeof(enum cli_to))

/* Long options only, numbered past any character. */
enum { CLI_OPT_TEMPLATE = 0x1000, CLI_OPT_TEMPLATES, CLI_OPT_PDF_ENGINE };

/* The options every tool takes, to end each tool's long option table. */
#define CLI_COMMON_LONGOPTS \
	{"output", required_argument, NULL, 'o'}, \
	{"to", required_argument, NULL, 't'}, \
	{"format", required_argument, NULL, 'f'}, \
	{"verbose", no_argument, NULL, 'v'}, \
	{"template", required_argument, NULL, CLI_OPT_TEMPLATE}, \
	{"templates", required_argument, NULL, CLI_OPT_TEMPLATES}, \
	{"pdf-engine", required_argument, NULL, CLI_OPT_PDF_ENGINE}, \
	{"help", no_argument, NULL, 'h'}, \
	{"version", no_argument, NULL, 'V'}, \
	{NULL, 0, NULL, 0}
#define CLI_COMMON_SHORTOPTS "o:t:f:vhV"

struct cli {
	const char *prog;
	const char *const *usage;    /* --help text, in parts, ending with NULL */
	unsigned formats;            /* --to values this tool knows */
	const char *templates_dir;   /* --templates DIR */
	const char *template_file;   /* --template FILE: replaces the main one */
	echo_templates *templates;
	echo_html_shell *html_shell; /* page.html parsed by the first HTML page */
	const char *output;          /* -o PATH, or NULL */
	enum cli_to to;              /* --to, CLI_TO_MD by default */
	int to_given;
	int json_findings;           /* --format json */
	int markdown_schema;         /* --format markdown */
	int verbose;                 /* -v */
	int pdf;                     /* --to pdf: HTML pages printed to PDF */
	int no_toc;                  /* short documents: pages without contents */
	int print_css;               /* pages get print.css (pages to be printed) */
	const char *page_css;        /* a stylesheet resource pages get after
	                              * style.css ("certificate.css"), or NULL */
	const char *pdf_engine_name; /* --pdf-engine NAME|PATH, or NULL */
	echo_pdf_engine pdf_engine;  /* found by the first PDF page */
};

/* The lines every tool's --help has for --to pdf and --pdf-engine. */
#define CLI_PDF_USAGE \
	"      --pdf-engine=NAME  --to pdf: weasyprint (default) or chromium, or the\n" \
	"                         path of one of them\n"


unsigned cli_format_mask(const enum cli_to *formats, size_t count);

/* An option and the commands that take it ("minutes, attendance and
 * credit"): given to another, it is a mistake worth saying so. */
struct cli_scope {
	int given;
	const char *option;
	const char *commands;
};

/* The usage error (returned) for the first option given to command that
 * its commands do not name; EXIT_OK when there is none. */
int cli_check_scope(const struct cli *cli, const char *command, const struct cli_scope *scopes,
                    size_t count);

/* A date option's value (YYYY-MM-DD) as a day number; the usage error
 * (returned) when it is not a date in range, else EXIT_OK. */
int cli_day_option(const struct cli *cli, const char *option, const char *text, long *day);

/* Handles one of the common options (see CLI_COMMON_LONGOPTS).  Returns 1
 * if c was one, 0 if it is not a common option, -1 after printing a usage
 * error for a bad value.  --help and --version print and exit. */
int cli_common_option(struct cli *cli, int c, const char *arg);

/* Prints a usage error ("prog: message", escaped as cli_message does)
 * and returns EXIT_USAGE. */
int cli_usage_error(const struct cli *cli, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Prints "prog: message" to stderr, control characters in the message
 * escaped (echo_diag_escape), so that a file name or an argument quoted
 * in it cannot reach the terminal as an escape sequence. */
void cli_message(const struct cli *cli, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Prints findings in the shared format, with source lines when stream is
 * given, to f. */
void cli_print_diags(FILE *f, const echo_diags *diags, const echo_stream *stream);

/* As cli_print_diags, leaving out notes unless verbose. */
void cli_print_findings(FILE *f, const echo_diags *diags, const echo_stream *stream, int verbose);

/* Loads the compiled-in templates, then overrides from --templates DIR
 * (any *.mustache there), then --template FILE as main_name.  Returns 0,
 * or -1 with an error in diags. */
int cli_templates_load(struct cli *cli, const char *main_name, echo_diags *diags);

/* page.html, style.css and print.css: from --templates DIR if there, else built in.
 * Caller frees with free(). */
char *cli_resource(const struct cli *cli, const char *name, size_t *len, echo_diags *diags);

/* Markdown -> standalone HTML page through page.html and style.css, which
 * are read and parsed by the first call and kept in cli for the others;
 * with --to pdf, that page printed to PDF (cli_print_pdf). */
int cli_render_page(struct cli *cli, const char *markdown, size_t len,
                    const char *title, echo_buf *out, echo_diags *diags);

/* As cli_render_page, HTML whatever --to says (a message's HTML part). */
int cli_render_html(struct cli *cli, const char *markdown, size_t len,
                    const char *title, echo_buf *out, echo_diags *diags);

/* Prints a standalone HTML page to PDF with the --pdf-engine (found by the
 * first call, kept in cli), appending the PDF to out.  Returns 0, or -1
 * with an error in diags (no engine: rule pdf-engine). */
int cli_print_pdf(struct cli *cli, const char *html, size_t len, echo_buf *out,
                  echo_diags *diags);

/* The file name extension for what --to writes: pdf, html, json, md... */
const char *cli_extension(const struct cli *cli);

/* Frees what cli holds: the templates and the parsed page shell. */
void cli_release(struct cli *cli);

/* Where -o points a command that can write one file per document: sets
 * *to_dir when it names a folder (one that exists, or any path ending in
 * '/').  Returns EXIT_OK, or a usage error when that folder does not
 * exist. */
int cli_output_folder(const struct cli *cli, int *to_dir);

/* Output name for a document: DIR/<stem>.<ext>, stem made safe for a file
 * name.  Caller frees. */
char *cli_output_path(const char *dir, const char *stem, const char *ext);

/* Marks the inputs a command names (its file arguments and input options,
 * "-" for standard input) and the --template file and --templates
 * folder's templates as files no output may replace, whether or not the
 * run gets as far as reading them (files it reads are marked as they are
 * read); then checks that -o, unless a folder, is none of them and can be
 * written.  Returns 0, or -1 after saying what is wrong. */
int cli_protect_inputs(const struct cli *cli, char *const *paths, size_t n);

void cli_print_version(const struct cli *cli);

/* How every tool starts: signal handling (staged temporary files are
 * removed on SIGINT, SIGTERM or SIGHUP), then a missing command, or
 * --help / --version given before one.  Returns -1 to go on, with
 * *command set to argv[1]; otherwise the exit status to return. */
int cli_begin(struct cli *cli, int argc, char **argv, const char **command);

/* Flushes standard output: status if all of it was written, else
 * EXIT_USAGE after saying so (a full disk, a closed stdout). */
int cli_stdout_status(const struct cli *cli, int status);

/* items with room for one more of size bytes past count, doubling *cap
 * as needed; NULL when memory runs out (items is then unchanged). */
void *cli_grow(void *items, size_t *cap, size_t count, size_t size);

/* A run over several inputs: the findings, and every text read, so that
 * each finding shows the source line of whichever input it is in. */
struct cli_source {
	char *path;
	const char *text;            /* borrowed */
	size_t len;
};

struct cli_run {
	struct cli *cli;
	echo_diags diags;
	struct cli_source *src;
	size_t nsrc, capsrc;
	echo_stream **streams;       /* inputs loaded by the run, freed with it */
	size_t nstreams, capstreams;
	int io_error;                /* a file could not be read: exit 2 */
};

/* Remembers a text (borrowed: it must outlive the run's printing). */
void cli_run_add_source(struct cli_run *r, const char *path, const char *text, size_t len);
/* Takes stream, freed with the run, and remembers its text. */
void cli_run_keep_stream(struct cli_run *r, echo_stream *stream);
void cli_run_free(struct cli_run *r);
/* Prints the findings to stderr, notes only when verbose. */
void cli_run_print(const struct cli_run *r);
/* The exit status the findings call for. */
int cli_run_status(const struct cli_run *r);
/* A YAML input with exactly one document (what: "session"), kept by the
 * run; NULL after the finding when it cannot be read, is empty or has a
 * second document. */
echo_stream *cli_run_load_one(struct cli_run *r, const char *path, const char *what);
/* Writes text to path (an error in the run when memory ran out). */
int cli_run_write(struct cli_run *r, const char *path, echo_buf *text);
/* Loads the templates unless the output is CSV or JSON. */
int cli_run_templates(struct cli_run *r, const char *main_name);
/* Appends the Markdown of the template name rendered with data (NULL:
 * memory ran out), whatever --to says. */
int cli_run_markdown(struct cli_run *r, const char *name, const echo_node *data, echo_buf *out);
/* Prints the findings and returns the exit status they call for; a run
 * that was not ready to write anything is one with findings. */
int cli_run_end(struct cli_run *r, int ready);

/* One rendered document of a set: its text (Markdown, or for --to json
 * the JSON document), the title of its HTML page, and the stem of its
 * file in a folder (DIR/<stem>.<ext>). */
struct cli_doc {
	echo_buf text;
	echo_buf stem;
	echo_buf title;
};

/* Writes a set of rendered documents to output.  Into a folder (to_dir):
 * one file each, an HTML page each for --to html, all put in place or
 * none.  To one file: Markdown documents joined by a rule ("---", a page
 * break in print), for --to html one page of them titled title; JSON and
 * CSV one after the other, as they are (callers give one).  Frees the
 * documents' buffers.  Returns 0, or -1 with the error in the run's
 * findings. */
int cli_run_write_set(struct cli_run *r, const char *output, int to_dir, struct cli_doc *docs,
                      size_t count, const char *title);
/* Frees the documents' buffers (for a set that is not written). */
void cli_docs_free(struct cli_doc *docs, size_t count);

/* One rendered document (rc 0) written to -o or standard output as a set
 * of one; a failure to render (rc not 0) or to write is the run's I/O
 * error (exit 2).  Frees the document. */
void cli_run_write_doc(struct cli_run *r, int rc, struct cli_doc *doc);

/* `check --format json`: the findings of every input as one
 * "echo-findings/1" document on standard output.  Returns 0, or -1 after
 * printing why it could not be written. */
int cli_write_findings_json(const echo_diags *all);

/* What `new` and `schema` write: text to -o or standard output (flags as
 * for echo_file_write_flags: ECHO_OUTPUT_CREATE for a scaffold, which
 * replaces no file), printing any error.  Returns the exit status. */
int cli_write_text(const struct cli *cli, const echo_buf *text, unsigned flags);
/* `new`: the scaffold, headed by the line that names its JSON Schema
 * (schema_file, such as "echo-case-1") to editors. */
int cli_write_scaffold(const struct cli *cli, const char *schema_file, const echo_buf *scaffold);
/* `schema`: the format's JSON Schema, or its field table for --format
 * markdown. */
int cli_write_schema(const struct cli *cli, const echo_schema *schema);

#endif
