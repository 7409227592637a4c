/* C API tests for the HTML page: safe Markdown, heading ids, contents,
 * title, language, inlined style, and pipe tables. */
#include <stdlib.h>
#include <string.h>

#include <echo/echo.h>

#include "testutil.h"

static const char shell[] =
	"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title><style></style>"
	"</head><body><nav id=\"toc\"></nav><main id=\"content\"></main></body></html>";

static char *page(const char *md, const char *title, int toc)
{
	echo_page p = {shell, sizeof shell - 1, "h1 > a { color: red }", 21, title, "en", toc, 0};
	echo_buf out = ECHO_BUF_INIT;
	echo_diags d = ECHO_DIAGS_INIT;
	int rc = echo_html_page(&p, md, strlen(md), &out, &d);
	CHECK_INT(rc, 0);
	echo_diags_free(&d);
	return echo_buf_detach(&out, NULL);
}

/* One shell for many pages gives each page the bytes echo_html_page gives
 * it alone, whatever came before: the contents moved after the title or
 * dropped, a fragment the HTML parser reports errors for (a control
 * character), an empty page, a table. */
static void check_reused_shell(const char *shell_text, int toc, int running)
{
	static const char *const pages[] = {
		"# Case A\n\n## One\n\ntext\n\n## Two\n\n### Three\n",
		"## No title\n\nonly one section\n",
		"# Case \"C\" </style>\n\n> Do not forward\n\n- Series: S\n- Date: D\n\n## Body\n",
		"# Case B\n\n## Summary\n\nhas a \x0e control character\n\n## Plan\n\n- a\n- b\n",
		"",
		"Text first.\n\n## Left\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n## Right\n\nend\n",
		"<!-- echo-page: agenda -->\n# Agenda\n\n## Agenda\n\nrows\n",
	};
	const size_t n = sizeof pages / sizeof pages[0];
	echo_page p = {shell_text, strlen(shell_text), "p { margin: 0 }", 15, NULL, "en", toc, running};
	echo_diags d = ECHO_DIAGS_INIT;
	echo_html_shell *reused = echo_html_shell_new(&p, &d);
	CHECK(reused != NULL);
	for (size_t round = 0; reused && round < 3 * n; round++) {
		size_t i = (round * 2 + round / n) % n;
		const char *title = round % 4 == 3 ? "Given title" : NULL;
		echo_buf alone = ECHO_BUF_INIT, again = ECHO_BUF_INIT;
		p.title = title;
		CHECK_INT(echo_html_page(&p, pages[i], strlen(pages[i]), &alone, &d), 0);
		CHECK_INT(echo_html_shell_page(reused, title, pages[i], strlen(pages[i]), &again, &d), 0);
		CHECK(alone.len == again.len && memcmp(alone.data, again.data, alone.len) == 0);
		echo_buf_free(&alone);
		echo_buf_free(&again);
	}
	CHECK_INT(d.errors, 0);
	echo_html_shell_free(reused);
	echo_diags_free(&d);
}

int main(void)
{
	check_reused_shell(shell, 1, 0);
	check_reused_shell(shell, 0, 0);
	check_reused_shell(shell, 1, 1);
	check_reused_shell("<!DOCTYPE html><html><head><title>x</title></head><body>\n"
	                   "<main id=\"content\">\n<p>kept</p>\n"
	                   "<nav id=\"toc\" aria-labelledby=\"own\"><b id=\"own\">On this page</b></nav>"
	                   "\n</main>\n</body></html>",
	                   1, 1);

	/* Printing: the page's own strings in the margin boxes, as CSS strings
	 * that cannot close the <style> element; none on a page with no title. */
	{
		echo_page p = {shell, sizeof shell - 1, "", 0, NULL, "en", 1, 1};
		echo_buf got = ECHO_BUF_INIT;
		echo_diags dd = ECHO_DIAGS_INIT;
		echo_html_shell *s = echo_html_shell_new(&p, &dd);
		const char *md = "# Case `\"C\" </style>`\n\n> De-identified:\n> do not forward\n\n"
		                 "*Series:  Rural\\ ECHO*\n\n## One\n\n## Two\n";
		CHECK_INT(echo_html_shell_page(s, NULL, md, strlen(md), &got, &dd), 0);
		CHECK(strstr(echo_buf_cstr(&got),
		             "<style>@page {\n"
		             "  @top-left { content: \"Case \\\"C\\\" \\3c /style\\3e \"; }\n"
		             "  @top-right { content: \"Series: Rural\\\\ ECHO\"; }\n"
		             "  @bottom-left { content: \"De-identified: do not forward\"; }\n"
		             "}\n</style>") != NULL);
		echo_buf_free(&got);
		md = "# Letter\n\n- To: A\n- Date: 2027-03-11\n\nDear A,\n";
		CHECK_INT(echo_html_shell_page(s, NULL, md, strlen(md), &got, &dd), 0);
		CHECK(strstr(echo_buf_cstr(&got), "@top-right { content: \"To: A\"; }\n}") != NULL);
		CHECK(strstr(echo_buf_cstr(&got), "bottom-left") == NULL);
		echo_buf_free(&got);
		md = "# Case X\n\n> Do not forward\n\n- **Series:** S\n- **Presenter:** P\n"
		     "- **Session:** 2027-03-11\n";
		CHECK_INT(echo_html_shell_page(s, NULL, md, strlen(md), &got, &dd), 0);
		CHECK(strstr(echo_buf_cstr(&got),
		             "@top-right { content: \"Series: S · Session: 2027-03-11\"; }") != NULL);
		echo_buf_free(&got);
		md = "# Agenda\n\n*Series S, session 7*\n\n- **Date:** Thursday\n- **Time:** noon\n";
		CHECK_INT(echo_html_shell_page(s, NULL, md, strlen(md), &got, &dd), 0);
		CHECK(strstr(echo_buf_cstr(&got),
		             "@top-right { content: \"Series S, session 7 · Date: Thursday\"; }") != NULL);
		echo_buf_free(&got);
		md = "Text, no title.\n";
		CHECK_INT(echo_html_shell_page(s, NULL, md, strlen(md), &got, &dd), 0);
		CHECK(strstr(echo_buf_cstr(&got), "@page") == NULL);
		echo_buf_free(&got);
		CHECK_INT(dd.errors, 0);
		echo_html_shell_free(s);
		echo_diags_free(&dd);
	}

	/* A page's kind, from the template's comment "<!-- echo-page: NAME -->",
	 * is the content element's data-page, for style.css and print.css; the
	 * comment itself is not in the page; a comment of another shape, or
	 * one inside another block, is raw HTML, dropped, and sets nothing. */
	{
		char *k = page("<!-- echo-page: agenda -->\n# Session\n\ntext\n", NULL, 0);
		CHECK(strstr(k, "<main id=\"content\" data-page=\"agenda\">") != NULL);
		CHECK(strstr(k, "echo-page") == NULL && strstr(k, "raw HTML") == NULL);
		free(k);
		static const char *const not_kinds[] = {
			"<!-- echo-page: Agenda -->\n# S\n",
			"<!-- echo-page:agenda -->\n# S\n",
			"<!-- echo-page: agenda --> and more\n# S\n",
			"<!-- echo-page:  -->\n# S\n",
			"> <!-- echo-page: agenda -->\n\n# S\n",
		};
		for (size_t i = 0; i < sizeof not_kinds / sizeof not_kinds[0]; i++) {
			k = page(not_kinds[i], NULL, 0);
			CHECK(strstr(k, "data-page") == NULL);
			CHECK(strstr(k, "echo-page") == NULL);
			free(k);
		}
	}

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

	/* Pipe tables: a header, a delimiter row with alignments, body rows;
	 * cells are inline Markdown; \| is a pipe inside a cell; raw HTML in a
	 * cell is dropped as anywhere else; a short row is padded. */
	html = page("| Time | Segment | Min |\n|:--|---|--:|\n"
	            "| 12:00 | *Welcome* and `a\\|b` | 5 |\n"
	            "| 12:05 | Opioids \\| stimulants <script>alert(1)</script> |\n"
	            "| 12:10 | # not a heading | - not a list |\n",
	            NULL, 0);
	CHECK(strstr(html, "<table>") != NULL);
	CHECK(strstr(html, "<thead>\n<tr>\n<th style=\"text-align: left\">Time</th>") != NULL);
	CHECK(strstr(html, "<th>Segment</th>") != NULL);
	CHECK(strstr(html, "<th style=\"text-align: right\">Min</th>") != NULL);
	CHECK(strstr(html, "<td><em>Welcome</em> and <code>a|b</code></td>") != NULL);
	CHECK(strstr(html, "<td style=\"text-align: right\">5</td>") != NULL);
	CHECK(strstr(html, "<td>Opioids | stimulants ") != NULL);
	CHECK(strstr(html, "<script") == NULL);
	CHECK(strstr(html, "alert(1)") != NULL);   /* the text stays; the tags go */
	CHECK(strstr(html, "<td style=\"text-align: right\"></td>") != NULL);
	CHECK(strstr(html, "<td># not a heading</td>") != NULL);
	CHECK(strstr(html, "<td style=\"text-align: right\">- not a list</td>") != NULL);
	CHECK(strstr(html, "<h1") == NULL);
	CHECK(strstr(html, "<p>|") == NULL);
	free(html);

	/* Not tables: no delimiter row; column counts that differ; a table
	 * inside a list item is still one; a code block is left alone. */
	html = page("a | b\nc | d\n\n| a | b |\n|---|\n\n"
	            "- item\n\n  | x | y |\n  |---|---|\n  | 1 | 2 |\n\n"
	            "```\n| a | b |\n|---|---|\n```\n",
	            NULL, 0);
	CHECK(strstr(html, "<p>a | b\nc | d</p>") != NULL);
	CHECK(strstr(html, "<p>| a | b |") != NULL);
	CHECK(strstr(html, "<li>\n<p>item</p>\n<table>") != NULL);
	CHECK(strstr(html, "<td>1</td>") != NULL);
	CHECK(strstr(html, "<pre><code>| a | b |\n|---|---|\n</code></pre>") != NULL);
	free(html);

	/* Nesting: at the page limit (200 elements: 199 block quotes and a
	 * paragraph) every later section is in the page; one deeper is refused
	 * instead of being cut off by the HTML parser. */
	for (int quotes = 199; quotes <= 200; quotes++) {
		echo_buf md = ECHO_BUF_INIT;
		echo_buf_puts(&md, "# Top\n\n");
		for (int i = 0; i < quotes; i++)
			echo_buf_puts(&md, "> ");
		echo_buf_puts(&md, "deep\n\n");
		for (int i = 1; i <= 5; i++)
			echo_buf_printf(&md, "## Later %d\n\ntext\n\n", i);
		echo_page p = {shell, sizeof shell - 1, NULL, 0, NULL, NULL, 0, 0};
		echo_buf got = ECHO_BUF_INIT;
		echo_diags dd = ECHO_DIAGS_INIT;
		int rc = echo_html_page(&p, md.data, md.len, &got, &dd);
		if (quotes == 199) {
			CHECK_INT(rc, 0);
			for (int i = 1; i <= 5; i++) {
				char h[64];
				snprintf(h, sizeof h, "<h2 id=\"later-%d\">Later %d</h2>", i, i);
				CHECK(strstr(echo_buf_cstr(&got), h) != NULL);
			}
			CHECK(strstr(echo_buf_cstr(&got), "</html>") != NULL);
		} else {
			CHECK_INT(rc, -1);
			CHECK_INT(dd.count, 1);
			if (dd.count)
				CHECK_STR(dd.items[0].message,
				          "the page nests 201 elements deep; the limit is 200");
		}
		echo_buf_free(&md);
		echo_buf_free(&got);
		echo_diags_free(&dd);
	}

	/* A chart's description cut to its limit ends before a character,
	 * never inside one: 198 letters and a two-byte "»" across the cut
	 * keep the letters and drop the whole character. */
	{
		echo_buf md = ECHO_BUF_INIT;
		echo_buf_puts(&md, "```echo-chart\ntitle: Sessions\nseries: present | credited\n"
		                   "2026-03-05 | 4 | 3\ndesc: ");
		for (int i = 0; i < 198; i++)
			echo_buf_puts(&md, "a");
		echo_buf_puts(&md, "\xc2\xbb more\n```\n");
		char *chart = page(echo_buf_cstr(&md), NULL, 0);
		CHECK(strstr(chart, "aaaa</desc>") != NULL);
		CHECK(strstr(chart, "\xc2</desc>") == NULL);
		free(chart);
		echo_buf_free(&md);
	}

	echo_page bad = {"<html><body></body></html>", 26, NULL, 0, NULL, NULL, 0, 0};
	echo_buf out = ECHO_BUF_INIT;
	echo_diags d = ECHO_DIAGS_INIT;
	CHECK_INT(echo_html_page(&bad, "x", 1, &out, &d), -1);
	CHECK_INT(d.errors, 1);
	echo_buf_free(&out);
	echo_diags_free(&d);
	TEST_EXIT();
}
