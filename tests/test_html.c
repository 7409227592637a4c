/* C API tests for the HTML page: safe Markdown, heading ids, contents,
 * title, language and inlined style. */
#include <stdlib.h>
#include <string.h>

#include <echo/echo.h>

#include "testutil.h"

static const char shell[] =
	"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title><style></style>"
	"</head><body><nav id=\"toc\"></nav><main id=\"content\"></main></body></html>";

static char *page(const char *md, const char *title, int toc)
{
	echo_page p = {shell, sizeof shell - 1, "h1 > a { color: red }", 21, title, "en", toc};
	echo_buf out = ECHO_BUF_INIT;
	echo_diags d = ECHO_DIAGS_INIT;
	int rc = echo_html_page(&p, md, strlen(md), &out, &d);
	CHECK_INT(rc, 0);
	echo_diags_free(&d);
	return echo_buf_detach(&out, NULL);
}

int main(void)
{
	char *html = page("# Case A\n\n## Summary\n\ntext\n\n## Summary\n\n### Détails\n\n"
	                  "<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
	                  "[y](JaVaScRiPt:alert(1)) <img src=x onerror=alert(1)>\n",
	                  NULL, 1);
	CHECK(strstr(html, "<script") == NULL);
	CHECK(strstr(html, "onerror") == NULL);
	CHECK(strstr(html, "javascript:") == NULL && strstr(html, "JaVaScRiPt:") == NULL);
	CHECK(strstr(html, "<h1 id=\"case-a\">") != NULL);
	CHECK(strstr(html, "<h2 id=\"summary\">") != NULL);
	CHECK(strstr(html, "<h2 id=\"summary-2\">") != NULL);
	CHECK(strstr(html, "<h3 id=\"d\xc3\xa9tails\">") != NULL);
	CHECK(strstr(html, "<title>Case A</title>") != NULL);
	CHECK(strstr(html, "<html lang=\"en\">") != NULL);
	CHECK(strstr(html, "href=\"#summary-2\"") != NULL);
	CHECK(strstr(html, "h1 > a { color: red }") != NULL);
	CHECK(strncmp(html, "<!DOCTYPE html>", 15) == 0);
	free(html);

	/* A title is text, never markup; one heading needs no contents. */
	html = page("# Only\n", "</title><script>alert(1)</script>", 1);
	CHECK(strstr(html, "<script") == NULL);
	CHECK(strstr(html, "id=\"toc\"") == NULL);
	free(html);

	echo_page bad = {"<html><body></body></html>", 26, NULL, 0, NULL, NULL, 0};
	echo_buf out = ECHO_BUF_INIT;
	echo_diags d = ECHO_DIAGS_INIT;
	CHECK_INT(echo_html_page(&bad, "x", 1, &out, &d), -1);
	CHECK_INT(d.errors, 1);
	echo_buf_free(&out);
	echo_diags_free(&d);
	TEST_EXIT();
}
