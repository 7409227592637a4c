/* Writing what the tools made, shared by the three: pages (Markdown to
 * HTML through page.html and style.css, and HTML printed to PDF), a set of
 * rendered documents (a folder of files, all or none, or one file), and
 * what `new` and `schema` write. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "echo_version.h"

/* Appends the stylesheet resource name to *css (freed, and set to NULL,
 * when it cannot be). */
static void add_css(struct cli *cli, const char *name, char **css, size_t *css_len,
                    echo_diags *diags)
{
	size_t more_len = 0;
	char *more = cli_resource(cli, name, &more_len, diags);
	char *both = more ? realloc(*css, *css_len + 1 + more_len + 1) : NULL;
	if (both) {
		both[*css_len] = '\n';
		memcpy(both + *css_len + 1, more, more_len + 1);
		*css = both;
		*css_len += 1 + more_len;
	} else {
		if (more)
			echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		free(*css);
		*css = NULL;
	}
	free(more);
}

int cli_render_html(struct cli *cli, const char *markdown, size_t len,
                    const char *title, echo_buf *out, echo_diags *diags)
{
	if (!cli->html_shell) {
		size_t shell_len = 0, css_len = 0;
		char *shell = cli_resource(cli, "page.html", &shell_len, diags);
		char *css = shell ? cli_resource(cli, "style.css", &css_len, diags) : NULL;
		/* Paged media for the print engine only (print.css). */
		if (css && (cli->pdf || cli->print_css))
			add_css(cli, "print.css", &css, &css_len, diags);
		/* A kind of page's own look (certificate.css), last. */
		if (css && cli->page_css)
			add_css(cli, cli->page_css, &css, &css_len, diags);
		if (shell && css) {
			echo_page page = {
				.shell = shell, .shell_len = shell_len,
				.css = css, .css_len = css_len,
				.lang = "en", .toc = 1,
				.running = cli->pdf || cli->print_css,
			};
			cli->html_shell = echo_html_shell_new(&page, diags);
		}
		free(shell);
		free(css);
		if (!cli->html_shell)
			return -1;
	}
	echo_html_shell_set_toc(cli->html_shell, !cli->no_toc);
	return echo_html_shell_page(cli->html_shell, title, markdown, len, out, diags);
}

int cli_print_pdf(struct cli *cli, const char *html, size_t len, echo_buf *out,
                  echo_diags *diags)
{
	/* Binary output is not for a terminal (as gzip and curl refuse it). */
	if (cli->pdf && (!cli->output || strcmp(cli->output, "-") == 0) && isatty(STDOUT_FILENO)) {
		echo_diags_add(diags, ECHO_ERROR, "<stdout>", 0, 0, "pdf-terminal",
		               "standard output is a terminal, and a PDF is not written to one: give "
		               "-o FILE.pdf or redirect standard output");
		return -1;
	}
	if (!cli->pdf_engine.path &&
	    echo_pdf_engine_find(cli->pdf_engine_name, &cli->pdf_engine, diags) != 0)
		return -1;
	return echo_pdf_render(&cli->pdf_engine, html, len, out, diags);
}

int cli_render_page(struct cli *cli, const char *markdown, size_t len,
                    const char *title, echo_buf *out, echo_diags *diags)
{
	if (!cli->pdf)
		return cli_render_html(cli, markdown, len, title, out, diags);
	echo_buf html = ECHO_BUF_INIT;
	int rc = cli_render_html(cli, markdown, len, title, &html, diags);
	if (rc == 0 && html.failed) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		rc = -1;
	}
	if (rc == 0)
		rc = cli_print_pdf(cli, html.data, html.len, out, diags);
	echo_buf_free(&html);
	return rc;
}

int cli_output_folder(const struct cli *cli, int *to_dir)
{
	const char *output = cli->output ? cli->output : "-";
	*to_dir = strcmp(output, "-") != 0 &&
	          (echo_file_is_dir(output) || output[strlen(output) - 1] == '/');
	if (*to_dir && !echo_file_is_dir(output)) {
		/* "afile/" or a link to /dev/null: there, but no folder. */
		struct stat st;
		if (stat(output, &st) == 0 || errno == ENOTDIR)
			return cli_usage_error(cli, "output %s is not a folder", output);
		return cli_usage_error(cli, "output folder %s does not exist", output);
	}
	return EXIT_OK;
}

/* A document as --to writes it: an HTML page titled title from its
 * Markdown, or the text as it is (Markdown, CSV, JSON). */
static int as_output(struct cli_run *r, const echo_buf *text, const char *title, echo_buf *out)
{
	if (r->cli->to == CLI_TO_HTML)
		return cli_render_page(r->cli, echo_buf_cstr((echo_buf *)text), text->len, title, out,
		                       &r->diags);
	echo_buf_append(out, text->data ? text->data : "", text->len);
	return out->failed ? -1 : 0;
}

/* Stages one document of a set in its own file: DIR/<stem>.<ext>. */
static int stage_doc(struct cli_run *r, echo_output *set, const char *dir, struct cli_doc *d)
{
	echo_buf page = ECHO_BUF_INIT;
	int rc = as_output(r, &d->text, echo_buf_cstr(&d->title), &page);
	char *path = rc == 0 ? cli_output_path(dir, echo_buf_cstr(&d->stem), cli_extension(r->cli))
	                     : NULL;
	rc = path && !d->stem.failed
	         ? echo_output_add(set, path, echo_buf_cstr(&page), page.len, 0, &r->diags)
	         : -1;
	free(path);
	echo_buf_free(&page);
	return rc;
}

int cli_run_write_set(struct cli_run *r, const char *output, int to_dir, struct cli_doc *docs,
                      size_t count, const char *title)
{
	int rc = 0;
	for (size_t i = 0; i < count; i++)
		if (docs[i].text.failed)
			rc = -1;
	if (rc != 0)
		echo_diags_add(&r->diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
	if (rc == 0 && to_dir) {
		/* One file per document in a folder: all of them, or none. */
		echo_output *set = echo_output_new();
		rc = set ? 0 : -1;
		for (size_t i = 0; i < count && rc == 0; i++)
			rc = stage_doc(r, set, output, &docs[i]);
		if (rc == 0)
			rc = echo_output_commit(set, &r->diags);
		echo_output_free(set);
	} else if (rc == 0) {
		echo_buf all = ECHO_BUF_INIT, page = ECHO_BUF_INIT;
		for (size_t i = 0; i < count; i++) {
			/* A rule between Markdown documents: a page break in print. */
			if (i && (r->cli->to == CLI_TO_MD || r->cli->to == CLI_TO_HTML))
				echo_buf_puts(&all, "\n---\n\n");
			echo_buf_append(&all, echo_buf_cstr(&docs[i].text), docs[i].text.len);
		}
		rc = as_output(r, &all, title, &page);
		if (rc == 0)
			rc = cli_run_write(r, output, &page);
		echo_buf_free(&page);
		echo_buf_free(&all);
	}
	cli_docs_free(docs, count);
	return rc;
}

void cli_docs_free(struct cli_doc *docs, size_t count)
{
	for (size_t i = 0; docs && i < count; i++) {
		echo_buf_free(&docs[i].text);
		echo_buf_free(&docs[i].stem);
		echo_buf_free(&docs[i].title);
	}
}

void cli_run_write_doc(struct cli_run *r, int rc, struct cli_doc *doc)
{
	/* The title's bytes outlive the set's freeing of doc. */
	echo_buf title = doc->title;
	doc->title = (echo_buf)ECHO_BUF_INIT;
	if (rc == 0)
		rc = cli_run_write_set(r, r->cli->output ? r->cli->output : "-", 0, doc, 1,
		                       echo_buf_cstr(&title));
	cli_docs_free(doc, 1);
	echo_buf_free(&title);
	if (rc != 0)
		r->io_error = 1;
}

int cli_write_findings_json(const echo_diags *all)
{
	echo_buf out = ECHO_BUF_INIT;
	echo_buf_printf(&out, "{\n  \"format\": \"echo-findings/1\",\n  \"errors\": %zu,\n"
	                      "  \"warnings\": %zu,\n  \"findings\": ",
	                all->errors, all->warnings);
	echo_diags_format_json(&out, all);
	echo_buf_puts(&out, "\n}\n");
	echo_diags diags = ECHO_DIAGS_INIT;
	int rc = out.failed || echo_file_write("-", out.data, out.len, &diags) != 0 ? -1 : 0;
	if (rc != 0)
		cli_print_diags(stderr, &diags, NULL);
	echo_diags_free(&diags);
	echo_buf_free(&out);
	return rc;
}

int cli_write_text(const struct cli *cli, const echo_buf *text, unsigned flags)
{
	if (text->failed)
		return EXIT_USAGE;
	echo_diags diags = ECHO_DIAGS_INIT;
	int rc = echo_file_write_flags(cli->output ? cli->output : "-",
	                               text->data ? text->data : "", text->len, flags, &diags);
	cli_print_diags(stderr, &diags, NULL);
	echo_diags_free(&diags);
	return rc == 0 ? EXIT_OK : EXIT_USAGE;
}

int cli_write_scaffold(const struct cli *cli, const char *schema_file, const echo_buf *scaffold)
{
	echo_buf out = ECHO_BUF_INIT;
	echo_buf_printf(&out, "# yaml-language-server: $schema=" ECHO_SCHEMA_DIR "/%s.schema.json\n",
	                schema_file);
	echo_buf_append(&out, scaffold->data ? scaffold->data : "", scaffold->len);
	if (scaffold->failed)
		out.failed = 1;
	int rc = cli_write_text(cli, &out, ECHO_OUTPUT_CREATE);
	echo_buf_free(&out);
	return rc;
}

int cli_write_schema(const struct cli *cli, const echo_schema *schema)
{
	echo_buf out = ECHO_BUF_INIT;
	if (cli->markdown_schema)
		echo_schema_markdown(schema, &out);
	else
		echo_schema_json(schema, &out);
	int rc = cli_write_text(cli, &out, 0);
	echo_buf_free(&out);
	return rc;
}
