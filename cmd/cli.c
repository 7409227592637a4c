/* Shared command-line plumbing for echo-case, echo-agenda and echo-minutes. */
#include "cli.h"

#include <dirent.h>
#include <signal.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "echo_version.h"

/* "prog: message" on stderr, the message escaped as diagnostics are: an
 * argument or a file name quoted in it reaches the terminal as text. */
static void vmessage(const struct cli *cli, const char *fmt, va_list ap)
{
	echo_buf text = ECHO_BUF_INIT, shown = ECHO_BUF_INIT;
	echo_buf_vprintf(&text, fmt, ap);
	echo_diag_escape(&shown, text.data ? text.data : "", text.len);
	fprintf(stderr, "%s: %s\n", cli->prog, echo_buf_cstr(&shown));
	echo_buf_free(&text);
	echo_buf_free(&shown);
}

void cli_message(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(cli, fmt, ap);
	va_end(ap);
}

static void cli_print_usage(const struct cli *cli)
{
	for (const char *const *part = cli->usage; *part; part++)
		fputs(*part, stdout);
}

int cli_usage_error(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(cli, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", cli->prog);
	return EXIT_USAGE;
}

unsigned cli_format_mask(const enum cli_to *formats, size_t count)
{
	unsigned mask = 0;
	for (size_t i = 0; i < count; i++)
		mask |= 1u << formats[i];
	return mask;
}

static const char *const format_names[] = {"md", "html", "ics", "csv", "json", "eml", "pdf"};

/* pdf is allowed wherever html is. */
static int format_allowed(const struct cli *cli, unsigned i)
{
	return (cli->formats & (1u << (i == CLI_TO_PDF ? CLI_TO_HTML : i))) != 0;
}

int cli_check_scope(const struct cli *cli, const char *command, const struct cli_scope *scopes,
                    size_t count)
{
	size_t len = strlen(command);
	for (size_t i = 0; i < count; i++) {
		const char *c = scopes[i].commands, *hit = strstr(c, command);
		int ok = hit && (hit == c || hit[-1] == ' ') && (hit[len] == '\0' || hit[len] == ',' ||
		                                                 hit[len] == ' ');
		if (scopes[i].given && !ok)
			return cli_usage_error(cli, "%s: %s is an option of %s", command, scopes[i].option,
			                       scopes[i].commands);
	}
	return EXIT_OK;
}

int cli_day_option(const struct cli *cli, const char *option, const char *text, long *day)
{
	int y, m, d;
	char why[96];
	if (echo_date_parse(text, &y, &m, &d) == 0) {
		*day = echo_days_from_civil(y, m, d);
		return EXIT_OK;
	}
	return cli_usage_error(cli, "%s: '%s' %s", option, text,
	                       echo_date_problem(text, echo_date_read(text, &y, &m, &d), why,
	                                         sizeof why));
}

int cli_common_option(struct cli *cli, int c, const char *arg)
{
	switch (c) {
	case 'o':
		cli->output = arg;
		return 1;
	case 't':
		for (unsigned i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
			if (format_allowed(cli, i) &&
			    (strcmp(arg, format_names[i]) == 0 ||
			     (i == CLI_TO_MD && strcmp(arg, "markdown") == 0))) {
				cli->pdf = i == CLI_TO_PDF;
				cli->to = cli->pdf ? CLI_TO_HTML : (enum cli_to)i;
				cli->to_given = 1;
				return 1;
			}
		/* Listed as --help lists them: pdf after html. */
		static const enum cli_to order[] = {CLI_TO_MD, CLI_TO_HTML, CLI_TO_PDF, CLI_TO_ICS,
		                                    CLI_TO_CSV, CLI_TO_JSON, CLI_TO_EML};
		echo_buf known = ECHO_BUF_INIT;
		unsigned left = 0;
		for (unsigned i = 0; i < sizeof order / sizeof order[0]; i++)
			left += format_allowed(cli, order[i]);
		for (unsigned i = 0; i < sizeof order / sizeof order[0]; i++)
			if (format_allowed(cli, order[i])) {
				left--;
				echo_buf_printf(&known, "%s%s", known.len ? (left ? ", " : " or ") : "",
				                format_names[order[i]]);
			}
		cli_usage_error(cli, "unknown output format '%s' (%s)", arg, echo_buf_cstr(&known));
		echo_buf_free(&known);
		return -1;
	case CLI_OPT_PDF_ENGINE:
		cli->pdf_engine_name = arg;
		return 1;
	case 'f':
		if (strcmp(arg, "gcc") == 0) {
			cli->json_findings = 0;
		} else if (strcmp(arg, "json") == 0) {
			cli->json_findings = 1;
			cli->markdown_schema = 0;
		} else if (strcmp(arg, "markdown") == 0) {
			cli->markdown_schema = 1;
		} else {
			cli_usage_error(cli, "unknown format '%s' (gcc or json for findings, json or "
			                     "markdown for schemas)", arg);
			return -1;
		}
		return 1;
	case 'v':
		cli->verbose = 1;
		return 1;
	case CLI_OPT_TEMPLATE:
		cli->template_file = arg;
		return 1;
	case CLI_OPT_TEMPLATES:
		cli->templates_dir = arg;
		return 1;
	case 'h':
		cli_print_usage(cli);
		exit(cli_stdout_status(cli, EXIT_OK));
	case 'V':
		cli_print_version(cli);
		exit(cli_stdout_status(cli, EXIT_OK));
	}
	return 0;
}

void cli_print_diags(FILE *f, const echo_diags *diags, const echo_stream *stream)
{
	cli_print_findings(f, diags, stream, 1);
}

void cli_print_findings(FILE *f, const echo_diags *diags, const echo_stream *stream, int verbose)
{
	echo_buf out = ECHO_BUF_INIT;
	for (size_t i = 0; i < diags->count; i++) {
		const echo_diag *d = &diags->items[i];
		if (d->severity == ECHO_NOTE && !verbose)
			continue;
		int same = stream && d->path && strcmp(d->path, stream->path) == 0;
		echo_diag_format_lines(&out, d, same ? stream->lines : NULL);
	}
	fputs(echo_buf_cstr(&out), f);
	echo_buf_free(&out);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && strcmp(s + n - m, suffix) == 0;
}

int cli_templates_load(struct cli *cli, const char *main_name, echo_diags *diags)
{
	cli->templates = echo_templates_new();
	if (!cli->templates || echo_templates_add_builtins(cli->templates) != 0) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return -1;
	}
	if (cli->templates_dir) {
		DIR *dir = cli->templates_dir ? opendir(cli->templates_dir) : NULL;
		if (!dir) {
			echo_diags_add(diags, ECHO_ERROR, cli->templates_dir, 0, 0, "io",
			               "cannot open template folder: %s", strerror(errno));
			return -1;
		}
		struct dirent *e;
		while ((e = readdir(dir))) {
			if (!has_suffix(e->d_name, ".mustache"))
				continue;
			char *path = cli_output_path(cli->templates_dir, e->d_name, NULL);
			char name[256];
			snprintf(name, sizeof name, "%.*s", (int)(strlen(e->d_name) - 9), e->d_name);
			int rc = path ? echo_templates_add_file(cli->templates, name, path, diags) : -1;
			if (!path)
				echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
			free(path);
			if (rc != 0) {
				closedir(dir);
				return -1;
			}
		}
		closedir(dir);
	}
	if (cli->template_file &&
	    echo_templates_add_file(cli->templates, main_name, cli->template_file, diags) != 0)
		return -1;
	return 0;
}

char *cli_resource(const struct cli *cli, const char *name, size_t *len, echo_diags *diags)
{
	if (cli->templates_dir) {
		char *path = cli_output_path(cli->templates_dir, name, NULL);
		FILE *probe = path ? fopen(path, "rb") : NULL;
		if (probe) {
			fclose(probe);
			char *text = echo_file_read(path, ECHO_TEMPLATE_MAX_BYTES, len, diags);
			if (text && echo_text_check(path, text, *len, diags) != 0) {
				free(text);
				text = NULL;
			}
			free(path);
			return text;
		}
		free(path);
	}
	size_t n;
	const char *text = echo_builtin_template(name, &n);
	char *copy = text ? malloc(n + 1) : NULL;
	if (!copy) {
		echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "io", "no such resource");
		return NULL;
	}
	memcpy(copy, text, n + 1);
	*len = n;
	return copy;
}

const char *cli_extension(const struct cli *cli)
{
	return cli->pdf ? "pdf" : format_names[cli->to];
}

void cli_release(struct cli *cli)
{
	echo_templates_free(cli->templates);
	cli->templates = NULL;
	echo_html_shell_free(cli->html_shell);
	cli->html_shell = NULL;
	echo_pdf_engine_free(&cli->pdf_engine);
}

char *cli_output_path(const char *dir, const char *stem, const char *ext)
{
	echo_buf path = ECHO_BUF_INIT;
	echo_buf_puts(&path, dir);
	if (path.len && path.data[path.len - 1] != '/')
		echo_buf_putc(&path, '/');
	if (ext) {
		/* A case id becomes a file name: keep it to safe characters. */
		for (const char *p = stem; *p; p++) {
			char c = *p;
			int safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
			echo_buf_putc(&path, safe && !(c == '.' && p == stem) ? c : '_');
		}
		echo_buf_printf(&path, ".%s", ext);
	} else {
		echo_buf_puts(&path, stem);
	}
	return echo_buf_detach(&path, NULL);
}

static int protect(const struct cli *cli, const char *path)
{
	if (echo_file_protect(path) == 0)
		return 0;
	cli_message(cli, "out of memory");
	return -1;
}

int cli_protect_inputs(const struct cli *cli, char *const *paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (paths[i] && protect(cli, paths[i]) != 0)
			return -1;
	if (cli->template_file && protect(cli, cli->template_file) != 0)
		return -1;
	/* What cli_templates_load and cli_resource read from the folder. */
	int rc = 0;
	DIR *dir = cli->templates_dir ? opendir(cli->templates_dir) : NULL;
	struct dirent *e;
	while (rc == 0 && dir && (e = readdir(dir))) {
		if (!has_suffix(e->d_name, ".mustache") && strcmp(e->d_name, "page.html") != 0 &&
		    !has_suffix(e->d_name, ".css"))
			continue;
		char *path = cli_output_path(cli->templates_dir, e->d_name, NULL);
		rc = path ? protect(cli, path) : -1;
		free(path);
	}
	if (dir)
		closedir(dir);
	/* -o naming one of them is a mistake to stop at before any work (a
	 * folder's file names are only known later, and checked then). */
	const char *out = cli->output;
	if (rc == 0 && out && strcmp(out, "-") != 0 && !echo_file_is_dir(out) &&
	    out[strlen(out) - 1] != '/') {
		echo_diags diags = ECHO_DIAGS_INIT;
		rc = echo_file_check(out, &diags);
		cli_print_diags(stderr, &diags, NULL);
		echo_diags_free(&diags);
	}
	return rc;
}

int cli_stdout_status(const struct cli *cli, int status)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_message(cli, "cannot write to standard output: %s",
		            errno ? strerror(errno) : "write error");
		return EXIT_USAGE;
	}
	return status;
}

static void on_signal(int sig)
{
	echo_pdf_cleanup();
	echo_file_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void handle_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		/* One handler at a time: it removes the temporaries, then dies. */
		sigemptyset(&sa.sa_mask);
		for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
			sigaddset(&sa.sa_mask, sigs[k]);
		/* A signal the shell told us to ignore stays ignored. */
		struct sigaction old;
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

/* ECHO_INPUT_BUDGET: a number of bytes, or of KiB, MiB or GiB with a
 * K, M or G after it.  Returns 0, or -1 if it is not one. */
static int read_budget(const char *text, size_t *bytes)
{
	char *end;
	errno = 0;
	if (*text < '0' || *text > '9')
		return -1;
	unsigned long long n = strtoull(text, &end, 10);
	unsigned shift = 0;
	if (*end && !end[1])
		shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 99;
	else if (*end)
		shift = 99;
	if (errno || shift == 99 || n > (SIZE_MAX >> shift))
		return -1;
	*bytes = (size_t)n << shift;
	return 0;
}

int cli_begin(struct cli *cli, int argc, char **argv, const char **command)
{
	handle_signals();
	const char *budget = getenv(ECHO_INPUT_BUDGET_ENV);
	if (budget && *budget) {
		size_t bytes;
		if (read_budget(budget, &bytes) != 0) {
			return cli_usage_error(cli, "%s is '%s'; give a number of bytes, or of KiB, MiB "
			                       "or GiB with a K, M or G after it", ECHO_INPUT_BUDGET_ENV,
			                       budget);
		}
		echo_file_budget_set(bytes);
	}
	if (argc < 2)
		return cli_usage_error(cli, "no command given");
	*command = argv[1];
	if (strcmp(*command, "--help") == 0 || strcmp(*command, "-h") == 0) {
		cli_print_usage(cli);
		return cli_stdout_status(cli, EXIT_OK);
	}
	if (strcmp(*command, "--version") == 0 || strcmp(*command, "-V") == 0) {
		cli_print_version(cli);
		return cli_stdout_status(cli, EXIT_OK);
	}
	return -1;
}

void cli_print_version(const struct cli *cli)
{
	printf("%s %s\n", cli->prog, ECHO_VERSION);
}

/* A run over several inputs ---------------------------------------------------- */

void *cli_grow(void *items, size_t *cap, size_t count, size_t size)
{
	if (count < *cap)
		return items;
	size_t n = *cap ? *cap * 2 : 8;
	void *p = realloc(items, n * size);
	if (p)
		*cap = n;
	return p;
}

void cli_run_add_source(struct cli_run *r, const char *path, const char *text, size_t len)
{
	struct cli_source *s = cli_grow(r->src, &r->capsrc, r->nsrc, sizeof *s);
	char *copy = strdup(path);
	if (s)
		r->src = s;
	if (!s || !copy) {
		free(copy);
		return;
	}
	r->src[r->nsrc++] = (struct cli_source){copy, text, len};
}

void cli_run_keep_stream(struct cli_run *r, echo_stream *stream)
{
	echo_stream **s = cli_grow(r->streams, &r->capstreams, r->nstreams, sizeof *s);
	if (!s) {
		echo_stream_free(stream);
		return;
	}
	r->streams = s;
	r->streams[r->nstreams++] = stream;
	cli_run_add_source(r, stream->path, stream->source, stream->source_len);
}

void cli_run_free(struct cli_run *r)
{
	for (size_t i = 0; i < r->nsrc; i++)
		free(r->src[i].path);
	free(r->src);
	for (size_t i = 0; i < r->nstreams; i++)
		echo_stream_free(r->streams[i]);
	free(r->streams);
	echo_diags_free(&r->diags);
}

void cli_run_print(const struct cli_run *r)
{
	echo_buf out = ECHO_BUF_INIT;
	/* Each source's line index, made when a finding first needs it, so
	 * that a source line costs the same for the thousandth finding as for
	 * the first. */
	echo_lines **lines = r->nsrc ? calloc(r->nsrc, sizeof *lines) : NULL;
	for (size_t i = 0; i < r->diags.count; i++) {
		const echo_diag *d = &r->diags.items[i];
		if (d->severity == ECHO_NOTE && !r->cli->verbose)
			continue;
		size_t k = 0;
		while (d->path && k < r->nsrc && strcmp(r->src[k].path, d->path) != 0)
			k++;
		const struct cli_source *src = d->path && k < r->nsrc ? &r->src[k] : NULL;
		if (src && lines && !lines[k])
			lines[k] = echo_lines_new(src->text, src->len);
		if (src && lines && lines[k])
			echo_diag_format_lines(&out, d, lines[k]);
		else
			echo_diag_format(&out, d, src ? src->text : NULL, src ? src->len : 0);
	}
	for (size_t k = 0; lines && k < r->nsrc; k++)
		echo_lines_free(lines[k]);
	free(lines);
	fputs(echo_buf_cstr(&out), stderr);
	echo_buf_free(&out);
}

static int has_rule(const echo_diags *diags, const char *rule)
{
	for (size_t i = 0; i < diags->count; i++)
		if (diags->items[i].rule && strcmp(diags->items[i].rule, rule) == 0)
			return 1;
	return 0;
}

int cli_run_status(const struct cli_run *r)
{
	if (r->io_error || has_rule(&r->diags, "memory") || has_rule(&r->diags, "io") ||
	    r->diags.failed)
		return EXIT_USAGE;
	return r->diags.errors ? EXIT_FINDINGS : EXIT_OK;
}

echo_stream *cli_run_load_one(struct cli_run *r, const char *path, const char *what)
{
	echo_stream *s = echo_stream_load_file(path, NULL, &r->diags);
	if (!s) {
		r->io_error = 1;
		return NULL;
	}
	cli_run_keep_stream(r, s);
	if (s->doc_count == 0) {
		if (r->diags.errors == 0)
			echo_diags_add(&r->diags, ECHO_ERROR, s->path, 1, 1, "empty",
			               "no %s here: the file is empty", what);
		return NULL;
	}
	if (s->doc_count > 1) {
		const echo_node *second = s->docs[1];
		echo_diags_add(&r->diags, ECHO_ERROR, s->path, second ? second->start.line : 1,
		               second ? second->start.col : 1, "second-document",
		               "one %s per file; this is a second document", what);
		return NULL;
	}
	return s;
}

int cli_run_write(struct cli_run *r, const char *path, echo_buf *text)
{
	if (text->failed) {
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return -1;
	}
	return echo_file_write(path, echo_buf_cstr(text), text->len, &r->diags);
}

int cli_run_markdown(struct cli_run *r, const char *name, const echo_node *data, echo_buf *out)
{
	if (!data) {
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return -1;
	}
	echo_render_options ropts = {.escape = echo_escape_markdown};
	return echo_templates_render(r->cli->templates, name, data, &ropts, out, &r->diags);
}

int cli_run_templates(struct cli_run *r, const char *main_name)
{
	if (r->cli->to == CLI_TO_CSV || r->cli->to == CLI_TO_JSON)
		return 0;
	if (cli_templates_load(r->cli, main_name, &r->diags) != 0) {
		r->io_error = 1;
		return -1;
	}
	return 0;
}

int cli_run_end(struct cli_run *r, int ready)
{
	cli_run_print(r);
	int status = cli_run_status(r);
	return status == EXIT_OK && !ready ? EXIT_FINDINGS : status;
}
