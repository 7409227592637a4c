/* Markdown to a standalone HTML page: cmark in safe mode renders the
 * body, libxml2 assembles it into the page shell. */
#ifndef ECHO_HTML_H
#define ECHO_HTML_H

#include "echo/export.h"
#include <stddef.h>

#include "echo/buf.h"
#include "echo/diag.h"

/* The page around the content.  All strings are borrowed for the call. */
typedef struct echo_page {
	const char *shell;      /* HTML5 page with <main id="content">, <nav id="toc">
	                           and a <style> element in <head> */
	size_t shell_len;
	const char *css;        /* inlined into the <style> element */
	size_t css_len;
	const char *title;      /* NULL: the text of the first heading */
	const char *lang;       /* NULL: "en" */
	int toc;                /* build a table of contents from h2 and h3 */
	int running;            /* for print: each page heads its @page margin
	                           boxes with literal strings (see below) */
} echo_page;

/* Renders markdown (CommonMark; raw HTML and unsafe links are dropped)
 * into the page and appends the serialized document to out.  Headings get
 * stable ids made from their text.  Returns 0, or -1 with a diagnostic
 * (rule "html") if the shell cannot be used or memory runs out, or
 * (rule "limit-markdown-depth") if the Markdown nests more than 200
 * elements deep, which the HTML parser would cut off. */
ECHO_EXPORT int echo_html_page(const echo_page *page, const char *markdown, size_t len,
                               echo_buf *out, echo_diags *diags);

/* A fenced block whose info string is echo-chart is drawn as an SVG bar
 * chart (doc/minutes.md) of at most this many bar groups; a block of more,
 * or one that is not such a chart, stays as code. */
#define ECHO_CHART_MAX_GROUPS 500

/* A page shell parsed once, for a run that renders many pages: the same
 * output as echo_html_page, without parsing the shell for every page. */
typedef struct echo_html_shell echo_html_shell;

/* With page->running, every page gets a second <style> element after the
 * first, setting the content of three @page margin boxes to its own text,
 * so that every print engine repeats it on every page (Chromium has margin
 * boxes but no string-set): @top-left the first heading's text; @top-right
 * the series and date, from what is under the heading (a paragraph that is
 * one emphasis, then the items of the list after it labelled with a
 * strong "Series:", "Session:" or "Date:", joined by " · "; with neither,
 * the list's first item); @bottom-left a quotation right under the
 * heading (a handout's notice).  A box with no
 * such element is left as the CSS has it. */

/* Parses page->shell and inlines page->css; keeps page->lang, page->running
 * and page->toc (page->title is not used: each page gives its own).  The
 * strings are borrowed for the call only.  Returns a shell the caller
 * frees with echo_html_shell_free, or NULL with a diagnostic (rule
 * "html"). */
ECHO_EXPORT echo_html_shell *echo_html_shell_new(const echo_page *page, echo_diags *diags);

/* As echo_html_page, through shell; title NULL: the text of the first
 * heading.  The shell is changed by the call and is restored by the next
 * one; it is not shared between threads. */
ECHO_EXPORT int echo_html_shell_page(echo_html_shell *shell, const char *title, const char *markdown,
                                     size_t len, echo_buf *out, echo_diags *diags);

/* Whether the pages rendered next get a table of contents (a letter or a
 * one-page agenda reads better without one). */
ECHO_EXPORT void echo_html_shell_set_toc(echo_html_shell *shell, int toc);

/* Frees shell; NULL is ignored. */
ECHO_EXPORT void echo_html_shell_free(echo_html_shell *shell);

#endif
