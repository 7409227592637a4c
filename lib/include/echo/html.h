/* Markdown to a standalone HTML page: cmark in safe mode renders the
 * body, libxml2 assembles it into the page shell. */
#ifndef ECHO_HTML_H
#define ECHO_HTML_H

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
} echo_page;

/* Renders markdown (CommonMark; raw HTML and unsafe links are dropped)
 * into the page and appends the serialized document to out.  Headings get
 * stable ids made from their text.  Returns 0, or -1 with a diagnostic
 * (rule "html") if the shell cannot be used or memory runs out, or
 * (rule "limit-markdown-depth") if the Markdown nests more than 200
 * elements deep, which the HTML parser would cut off. */
int echo_html_page(const echo_page *page, const char *markdown, size_t len,
                   echo_buf *out, echo_diags *diags);

#endif
