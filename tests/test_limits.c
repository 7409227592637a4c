/* Every input limit (doc/limits.md), each tested just under and just over:
 * at the limit the input loads cleanly, one past it is refused with the
 * exact diagnostic. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <echo/attendance.h>
#include <echo/echo.h>

#include "testutil.h"

/* The findings as the tools print them, without source lines. */
static const char *text_of(const echo_diags *d)
{
	static echo_buf out;
	echo_buf_clear(&out);
	for (size_t i = 0; i < d->count; i++)
		echo_diag_format(&out, &d->items[i], NULL, 0);
	return echo_buf_cstr(&out);
}

/* Loads text under lim; returns the findings as text. */
static const char *load(const char *text, size_t len, const echo_limits *lim)
{
	static echo_diags d;
	echo_diags_free(&d);
	echo_stream *s = echo_stream_load("t.yaml", text, len, lim, &d);
	CHECK(s != NULL);
	echo_stream_free(s);
	return text_of(&d);
}

static void test_size(void)
{
	echo_limits lim = echo_default_limits;
	lim.max_bytes = 16;
	CHECK_STR(load("a: 123456789012\n", 16, &lim), "");
	CHECK_STR(load("a: 1234567890123\n", 17, &lim),
	          "t.yaml: error: input is 17 bytes, more than the limit of 16 [limit-size]\n");
	/* The default: 8 MiB. */
	CHECK_INT(echo_default_limits.max_bytes, 8u << 20);
}

static void test_depth(void)
{
	echo_limits lim = echo_default_limits;
	lim.max_depth = 3;
	CHECK_STR(load("a: {b: {c: 1}}\n", 15, &lim), "");
	CHECK_STR(load("a: {b: {c: {d: 1}}}\n", 20, &lim),
	          "t.yaml:1:12: error: nesting deeper than 3 levels [limit-depth]\n");

	/* The default, 64. */
	echo_buf doc = ECHO_BUF_INIT;
	for (int levels = 64; levels <= 65; levels++) {
		echo_buf_clear(&doc);
		for (int i = 0; i < levels; i++)
			echo_buf_putc(&doc, '[');
		for (int i = 0; i < levels; i++)
			echo_buf_putc(&doc, ']');
		const char *got = load(doc.data, doc.len, NULL);
		if (levels == 64)
			CHECK_STR(got, "");
		else
			CHECK_STR(got, "t.yaml:1:65: error: nesting deeper than 64 levels [limit-depth]\n");
	}
	echo_buf_free(&doc);
}

static void test_aliases(void)
{
	echo_limits lim = echo_default_limits;
	lim.max_aliases = 3;
	const char *three = "a: &x 1\nb: *x\nc: *x\nd: *x\n";
	const char *four = "a: &x 1\nb: *x\nc: *x\nd: *x\ne: *x\n";
	CHECK_STR(load(three, strlen(three), &lim), "");
	CHECK_STR(load(four, strlen(four), &lim),
	          "t.yaml:5:4: error: more than 3 aliases in one document [limit-aliases]\n");

	/* The default, 256. */
	echo_buf doc = ECHO_BUF_INIT;
	echo_buf_puts(&doc, "a: &x 1\nb:\n");
	for (int i = 0; i < 256; i++)
		echo_buf_puts(&doc, "  - *x\n");
	CHECK_STR(load(doc.data, doc.len, NULL), "");
	echo_buf_puts(&doc, "  - *x\n");
	CHECK_STR(load(doc.data, doc.len, NULL),
	          "t.yaml:259:5: error: more than 256 aliases in one document [limit-aliases]\n");
	echo_buf_free(&doc);
}

static void test_expansion(void)
{
	/* The map, its three keys, a: [1, 2, 3] (4 nodes), and 4 more for
	 * each *x: 16. */
	echo_limits lim = echo_default_limits;
	const char *doc = "a: &x [1, 2, 3]\nb: *x\nc: *x\n";
	lim.max_nodes = 16;
	CHECK_STR(load(doc, strlen(doc), &lim), "");
	lim.max_nodes = 15;
	CHECK_STR(load(doc, strlen(doc), &lim),
	          "t.yaml:3:4: error: document expands to more than 15 nodes (an alias bomb?) "
	          "[limit-nodes]\n");
	CHECK_INT(echo_default_limits.max_nodes, 1000000);
}

static void test_documents(void)
{
	echo_limits lim = echo_default_limits;
	lim.max_documents = 2;
	CHECK_STR(load("a\n---\nb\n", 8, &lim), "");
	CHECK_STR(load("a\n---\nb\n---\nc\n", 14, &lim),
	          "t.yaml:4:1: error: more than 2 documents in one stream [limit-documents]\n");
	CHECK_INT(echo_default_limits.max_documents, 10000);
}

/* ---- Templates ---------------------------------------------------------- */

static const char *render(echo_templates *set, const char *name, const echo_node *data,
                          const echo_render_options *opts, size_t *len)
{
	static echo_diags d;
	static echo_buf out;
	echo_diags_free(&d);
	echo_buf_clear(&out);
	int rc = echo_templates_render(set, name, data, opts, &out, &d);
	*len = out.len;
	CHECK_INT(rc, d.count ? -1 : 0);
	return text_of(&d);
}

static void test_template_depth(void)
{
	/* p0 includes p1 ... p64 includes p65, which is text: from p1 that is
	 * 64 nested partials, the default limit; from p0, 65. */
	echo_templates *set = echo_templates_new();
	char name[16], text[32];
	for (int i = 0; i < 65; i++) {
		snprintf(name, sizeof name, "p%d", i);
		snprintf(text, sizeof text, "{{>p%d}}", i + 1);
		CHECK_INT(echo_templates_add(set, name, text, strlen(text)), 0);
	}
	CHECK_INT(echo_templates_add(set, "p65", "end", 3), 0);
	size_t len;
	CHECK_STR(render(set, "p1", NULL, NULL, &len), "");
	CHECK_INT(len, 3);
	CHECK_STR(render(set, "p0", NULL, NULL, &len),
	          "p64:1:1: error: partials and parents nested more than 64 deep (recursive partial?) [template-depth]\n");
	/* And a limit set by the caller. */
	echo_render_options opts = {NULL, 3, 0};
	CHECK_STR(render(set, "p62", NULL, &opts, &len), "");
	CHECK_STR(render(set, "p61", NULL, &opts, &len),
	          "p64:1:1: error: partials and parents nested more than 3 deep (recursive partial?) "
	          "[template-depth]\n");
	echo_templates_free(set);
}

static void test_template_output(void)
{
	/* 64 items of 1 MiB each: exactly the default 64 MiB, then one more
	 * byte. */
	echo_buf yaml = ECHO_BUF_INIT;
	echo_buf_puts(&yaml, "items: [");
	for (int i = 0; i < 64; i++)
		echo_buf_printf(&yaml, "%s%d", i ? ", " : "", i);
	echo_buf_puts(&yaml, "]\ns: ");
	for (int i = 0; i < 1 << 20; i++)
		echo_buf_putc(&yaml, 'x');
	echo_buf_putc(&yaml, '\n');
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("t.yaml", yaml.data, yaml.len, NULL, &d);
	CHECK_INT(d.count, 0);
	echo_templates *set = echo_templates_new();
	echo_templates_add(set, "fits", "{{#items}}{{s}}{{/items}}", 25);
	echo_templates_add(set, "over", "{{#items}}{{s}}{{/items}}!", 26);
	size_t len;
	CHECK_STR(render(set, "fits", s->docs[0], NULL, &len), "");
	CHECK_INT(len, 64u << 20);
	CHECK_STR(render(set, "over", s->docs[0], NULL, &len),
	          "over:1:26: error: output exceeds 67108864 bytes [template-size]\n");
	echo_render_options opts = {NULL, 0, 1000};
	CHECK_STR(render(set, "fits", s->docs[0], &opts, &len),
	          "fits:1:11: error: output exceeds 1000 bytes [template-size]\n");
	echo_templates_free(set);
	echo_stream_free(s);
	echo_buf_free(&yaml);
}

/* ---- Attendance CSV ----------------------------------------------------- */

#define HDR "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
#define ROW "Ana,a@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\r\n"

static const char *load_csv(const char *data, size_t len, const echo_attendance_limits *lim)
{
	static echo_diags d;
	echo_diags_free(&d);
	echo_attendance *a = echo_attendance_load("t.csv", data, len, ECHO_ATTENDANCE_AUTO, lim, &d);
	CHECK((a != NULL) == (d.errors == 0));
	echo_attendance_free(a);
	return text_of(&d);
}

static void test_csv_size(void)
{
	echo_attendance_limits lim = echo_attendance_default_limits;
	const char *csv = HDR ROW;
	lim.max_bytes = strlen(csv);
	CHECK_STR(load_csv(csv, strlen(csv), &lim), "");
	lim.max_bytes--;
	CHECK_STR(load_csv(csv, strlen(csv), &lim),
	          "t.csv: error: input is larger than the limit of 142 bytes [limit-size]\n");
	CHECK_INT(echo_attendance_default_limits.max_bytes, 64u << 20);
}

static void test_csv_row_length(void)
{
	/* A row's length counts its line break. */
	echo_attendance_limits lim = echo_attendance_default_limits;
	const char *csv = HDR ROW ROW;
	lim.max_row_bytes = strlen(HDR);
	CHECK_STR(load_csv(csv, strlen(csv), &lim), "");
	lim.max_row_bytes--;
	CHECK_STR(load_csv(csv, strlen(csv), &lim),
	          "t.csv:1:1: error: the row is longer than 78 bytes (a quote that is never closed?) "
	          "[limit-row]\n");
	/* The default, 64 KiB, with a long name. */
	echo_buf big = ECHO_BUF_INIT;
	for (size_t extra = 0; extra < 2; extra++) {
		echo_buf_clear(&big);
		echo_buf_puts(&big, HDR);
		size_t fixed = strlen(ROW) - 3;   /* ROW without "Ana" */
		for (size_t i = 0; i < (64u << 10) - fixed + extra; i++)
			echo_buf_putc(&big, 'A');
		echo_buf_puts(&big, &ROW[3]);
		const char *got = load_csv(big.data, big.len, NULL);
		CHECK_STR(got, extra ? "t.csv:2:1: error: the row is longer than 65536 bytes (a quote "
		                       "that is never closed?) [limit-row]\n" : "");
	}
	echo_buf_free(&big);
}

static void test_csv_rows(void)
{
	/* Rows count the header. */
	echo_attendance_limits lim = echo_attendance_default_limits;
	echo_buf csv = ECHO_BUF_INIT;
	echo_buf_puts(&csv, HDR);
	for (int i = 0; i < 9; i++)
		echo_buf_puts(&csv, ROW);
	lim.max_rows = 10;
	CHECK_STR(load_csv(csv.data, csv.len, &lim), "");
	echo_buf_puts(&csv, ROW);
	CHECK_STR(load_csv(csv.data, csv.len, &lim), "t.csv:11:1: error: more than 10 rows [limit-rows]\n");
	/* A roster counts lines. */
	echo_buf_clear(&csv);
	echo_buf_puts(&csv, "# roster\n");
	for (int i = 0; i < 10; i++)
		echo_buf_printf(&csv, "Person %d\n", i);
	CHECK_STR(load_csv(csv.data, csv.len, &lim), "");
	echo_buf_puts(&csv, "One more\n");
	CHECK_STR(load_csv(csv.data, csv.len, &lim), "t.csv:12:1: error: more than 10 rows [limit-rows]\n");
	echo_buf_free(&csv);
	CHECK_INT(echo_attendance_default_limits.max_rows, 1000000);
	CHECK_INT(echo_attendance_default_limits.max_row_bytes, 64u << 10);
}

/* A case whose summary is the given text, as a literal block; the
 * findings of echo_case_check as text. */
static const char *check_summary(const char *summary)
{
	static echo_diags d;
	echo_diags_free(&d);
	echo_buf doc = ECHO_BUF_INIT;
	echo_buf_puts(&doc, "schema: echo-case/1\nid: T-1\npresenter: {name: A}\n"
	                    "questions: [Why?]\nsummary: |-\n  ");
	for (const char *p = summary; *p; p++) {
		echo_buf_putc(&doc, *p);
		if (*p == '\n')
			echo_buf_puts(&doc, "  ");
	}
	echo_buf_putc(&doc, '\n');
	echo_stream *s = echo_stream_load("t.yaml", doc.data, doc.len, NULL, &d);
	CHECK(s != NULL && s->doc_count == 1);
	if (s && s->doc_count == 1)
		echo_case_check(s, s->docs[0], &d);
	echo_stream_free(s);
	echo_buf_free(&doc);
	return text_of(&d);
}

static void test_text_size(void)
{
	echo_buf text = ECHO_BUF_INIT;
	while (text.len < ECHO_TEXT_MAX_BYTES)
		echo_buf_puts(&text, text.len % 64 == 63 ? "\n" : "a");
	CHECK_INT(text.len, 65536);
	CHECK_STR(check_summary(echo_buf_cstr(&text)), "");
	echo_buf_putc(&text, 'b');
	CHECK_STR(check_summary(echo_buf_cstr(&text)),
	          "t.yaml:5:10: error: 'summary' is 65537 bytes of text; the limit for one text "
	          "field is 65536 [limit-text]\n");
	echo_buf_free(&text);
}

static void test_text_depth(void)
{
	echo_buf text = ECHO_BUF_INIT;
	for (int levels = 32; levels <= 33; levels++) {
		/* Block quotes; then emphasis inside, which nests too. */
		echo_buf_clear(&text);
		for (int i = 0; i < levels; i++)
			echo_buf_puts(&text, "> ");
		echo_buf_puts(&text, "deep");
		const char *got = check_summary(echo_buf_cstr(&text));
		if (levels == 32)
			CHECK_STR(got, "");
		else
			CHECK_STR(got, "t.yaml:5:10: error: 'summary' nests block quotes, lists or "
			               "emphasis 33 deep; the limit is 32 [limit-markdown-depth]\n");
		echo_buf_clear(&text);
		for (int i = 0; i < levels - 1; i++)
			echo_buf_puts(&text, "> ");
		echo_buf_puts(&text, "*deep*");
		got = check_summary(echo_buf_cstr(&text));
		if (levels == 32)
			CHECK_STR(got, "");
		else
			CHECK_STR(got, "t.yaml:5:10: error: 'summary' nests block quotes, lists or "
			               "emphasis 33 deep; the limit is 32 [limit-markdown-depth]\n");
	}
	/* Texts with few of the bytes that open a container (> - + * _ [ <,
	 * a digit's . or )) are not parsed to measure their depth: every
	 * container still counts, whatever opens it. */
	static const char *const openers[] = {"1. ", "2) ", "- ", "+ ", "* "};
	for (size_t k = 0; k < sizeof openers / sizeof *openers; k++) {
		echo_buf_clear(&text);
		for (int i = 0; i < 33; i++)
			echo_buf_puts(&text, openers[k]);
		echo_buf_puts(&text, "deep");
		CHECK_STR(check_summary(echo_buf_cstr(&text)),
		          "t.yaml:5:10: error: 'summary' nests block quotes, lists or "
		          "emphasis 33 deep; the limit is 32 [limit-markdown-depth]\n");
	}
	echo_buf_clear(&text);
	for (int i = 0; i < 32; i++)
		echo_buf_puts(&text, "> ");
	echo_buf_puts(&text, "see <https://example.org/a>");
	CHECK_STR(check_summary(echo_buf_cstr(&text)),
	          "t.yaml:5:10: error: 'summary' nests block quotes, lists or "
	          "emphasis 33 deep; the limit is 32 [limit-markdown-depth]\n");
	echo_buf_clear(&text);
	for (int i = 0; i < 31; i++)
		echo_buf_puts(&text, "> ");
	echo_buf_puts(&text, "_[deep](https://example.org/)_");
	CHECK_STR(check_summary(echo_buf_cstr(&text)),
	          "t.yaml:5:10: error: 'summary' nests block quotes, lists or "
	          "emphasis 33 deep; the limit is 32 [limit-markdown-depth]\n");
	echo_buf_free(&text);
}

/* Writes len bytes of 'x' (a line of YAML when len > 3) to a file in dir. */
static const char *put_file(const char *dir, const char *name, size_t len)
{
	static char path[3][256];
	static int which;
	char *p = path[which++ % 3];
	snprintf(p, sizeof path[0], "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	CHECK(f != NULL);
	if (f) {
		fputs(len > 3 ? "a: " : "", f);
		for (size_t i = len > 3 ? 4 : 0; i < len; i++)
			fputc('x', f);
		fputs(len > 3 ? "\n" : "", f);
		fclose(f);
	}
	return p;
}

/* Reads path through echo_file_read (at most max bytes); the findings. */
static const char *read_file(const char *path, size_t max)
{
	static echo_diags d;
	echo_diags_free(&d);
	size_t len = 0;
	char *text = echo_file_read(path, max, &len, &d);
	CHECK((text != NULL) == (d.errors == 0));
	free(text);
	return text_of(&d);
}

/* Every file of a run counts against one budget: a run may read up to it,
 * the byte past it is refused, naming the file that passed it. */
static void test_budget(void)
{
	char dir[] = "/tmp/echo-budget-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	CHECK_INT(ECHO_INPUT_BUDGET_DEFAULT, 256u << 20);
	echo_file_budget_set(100);
	const char *a = put_file(dir, "a.yaml", 60);
	CHECK_STR(read_file(a, 1000), "");
	CHECK_INT(echo_file_budget_used(), 60);
	/* The loader reads through it too: 40 more is exactly the budget. */
	const char *b = put_file(dir, "b.yaml", 40);
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load_file(b, NULL, &d);
	CHECK(s != NULL && d.errors == 0);
	echo_stream_free(s);
	CHECK_INT(echo_file_budget_used(), 100);
	/* One byte more, from a template file, is past it. */
	const char *c = put_file(dir, "c.mustache", 1);
	echo_templates *set = echo_templates_new();
	CHECK(echo_templates_add_file(set, "c", c, &d) == -1);
	echo_templates_free(set);
	echo_buf want = ECHO_BUF_INIT;
	echo_buf_printf(&want, "%s: error: this file takes the inputs of this run past their "
	                "budget of 100 bytes (100 read before it); set ECHO_INPUT_BUDGET to allow "
	                "more [limit-budget]\n", c);
	CHECK_STR(text_of(&d), echo_buf_cstr(&want));
	echo_diags_free(&d);
	CHECK_INT(echo_file_budget_used(), 100);
	/* Once passed, a later file is not read at all. */
	echo_buf_clear(&want);
	echo_buf_printf(&want, "%s: error: not read: %s took the inputs of this run past their "
	                "budget of 100 bytes [limit-budget]\n", a, c);
	CHECK_STR(read_file(a, 1000), echo_buf_cstr(&want));
	/* A new budget starts from nothing read: one file at it, one past. */
	echo_file_budget_set(60);
	CHECK_STR(read_file(a, 1000), "");
	echo_file_budget_set(59);
	echo_buf_clear(&want);
	echo_buf_printf(&want, "%s: error: this file takes the inputs of this run past their "
	                "budget of 59 bytes (0 read before it); set ECHO_INPUT_BUDGET to allow "
	                "more [limit-budget]\n", a);
	CHECK_STR(read_file(a, 1000), echo_buf_cstr(&want));
	/* A file's own limit, when it is the smaller, is what it is told. */
	echo_file_budget_set(1000);
	echo_buf_clear(&want);
	echo_buf_printf(&want, "%s: error: input is larger than the limit of 50 bytes "
	                "[limit-size]\n", a);
	CHECK_STR(read_file(a, 50), echo_buf_cstr(&want));
	echo_buf_free(&want);
	remove(a);
	remove(b);
	remove(c);
	remove(dir);
	echo_file_budget_set(ECHO_INPUT_BUDGET_DEFAULT);
}

int main(void)
{
	test_size();
	test_depth();
	test_aliases();
	test_expansion();
	test_documents();
	test_template_depth();
	test_template_output();
	test_csv_size();
	test_csv_row_length();
	test_csv_rows();
	test_text_size();
	test_text_depth();
	test_budget();
	TEST_EXIT();
}
