/* C API tests of the template engine: what the Mustache spec does not
 * cover (errors and their positions, limits, escapers, caching, nodes built
 * in code, and this engine's own choices). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "echo/buf.h"
#include "echo/diag.h"
#include "echo/doc.h"
#include "echo/template.h"

#include "testutil.h"

/* Loads YAML test data; the stream stays alive until freed by the test. */
static echo_stream *load_yaml(const char *yaml)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("data.yaml", yaml, strlen(yaml), NULL, &diags);
	CHECK(s != NULL);
	CHECK_INT(diags.errors, 0);
	echo_diags_free(&diags);
	return s;
}

static const echo_node *root(const echo_stream *s)
{
	return s && s->doc_count ? s->docs[0] : NULL;
}

/* Adds templates given as name, text pairs, ending with NULL. */
static echo_templates *make_set(const char *name, ...)
{
	echo_templates *set = echo_templates_new();
	CHECK(set != NULL);
	va_list ap;
	va_start(ap, name);
	for (const char *n = name; n; n = va_arg(ap, const char *)) {
		const char *text = va_arg(ap, const char *);
		CHECK_INT(echo_templates_add(set, n, text, strlen(text)), 0);
	}
	va_end(ap);
	return set;
}

/* Renders and returns the output (caller frees), or NULL on failure. */
static char *render(echo_templates *set, const char *name, const echo_node *data,
                    const echo_render_options *opts, echo_diags *diags)
{
	echo_buf out = ECHO_BUF_INIT;
	if (echo_templates_render(set, name, data, opts, &out, diags) != 0) {
		echo_buf_free(&out);
		return NULL;
	}
	return echo_buf_detach(&out, NULL);
}

/* Renders one template with YAML data and checks the output. */
#define CHECK_RENDER(tmpl, yaml, want) \
	do { \
		echo_stream *s_ = load_yaml(yaml); \
		echo_templates *set_ = make_set("t", (tmpl), (const char *)NULL); \
		echo_diags d_ = ECHO_DIAGS_INIT; \
		char *rgot_ = render(set_, "t", root(s_), NULL, &d_); \
		CHECK_STR(rgot_, (want)); \
		CHECK_INT(d_.count, 0); \
		free(rgot_); \
		echo_diags_free(&d_); \
		echo_templates_free(set_); \
		echo_stream_free(s_); \
	} while (0)

/* Checks that rendering fails with exactly one diagnostic as given. */
static void check_error(echo_templates *set, const char *name,
                        const echo_render_options *opts, const char *path,
                        size_t line, size_t col, const char *rule, int lineno)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_buf out = ECHO_BUF_INIT;
	int rc = echo_templates_render(set, name, NULL, opts, &out, &diags);
	if (rc != -1 || diags.count != 1 || diags.errors != 1) {
		fprintf(stderr, "test_template.c:%d: want one error, got rc %d and %zu findings\n",
		        lineno, rc, diags.count);
		test_failures++;
	} else {
		const echo_diag *d = &diags.items[0];
		if (strcmp(d->path ? d->path : "", path) != 0 || d->line != line
		    || d->col != col || strcmp(d->rule ? d->rule : "", rule) != 0) {
			fprintf(stderr, "test_template.c:%d: got %s:%zu:%zu [%s] %s, want %s:%zu:%zu [%s]\n",
			        lineno, d->path, d->line, d->col, d->rule, d->message,
			        path, line, col, rule);
			test_failures++;
		}
	}
	echo_buf_free(&out);
	echo_diags_free(&diags);
}

#define CHECK_ERROR(set, name, opts, path, line, col, rule) \
	check_error(set, name, opts, path, line, col, rule, __LINE__)

static void test_syntax_errors(void)
{
	echo_templates *set = make_set(
		"unclosed-section", "line one\n  {{#open}}\nno close\n",
		"stray-close", "a\nb {{/x}}",
		"mismatch", "{{#a}}\n  {{^b}}\n{{/a}}\n",
		"unclosed-tag", "ok\nx {{name",
		"unclosed-triple", "{{{name}}",
		"bad-delims", "a\n {{=<% =}}",
		"empty-tag", "x{{ }}",
		"space", "{{#a b}}{{/a b}}",
		"wide", "\xc3\xa9t\xc3\xa9 {{/x}}",
		"new-delims", "{{=<% %>=}}\n<%#a%>\n<%/b%>",
		"uses-bad", "fine {{>stray-close}}",
		(const char *)NULL);
	CHECK_ERROR(set, "unclosed-section", NULL, "unclosed-section", 2, 3, "template-syntax");
	CHECK_ERROR(set, "stray-close", NULL, "stray-close", 2, 3, "template-syntax");
	CHECK_ERROR(set, "mismatch", NULL, "mismatch", 3, 1, "template-syntax");
	CHECK_ERROR(set, "unclosed-tag", NULL, "unclosed-tag", 2, 3, "template-syntax");
	CHECK_ERROR(set, "unclosed-triple", NULL, "unclosed-triple", 1, 1, "template-syntax");
	CHECK_ERROR(set, "bad-delims", NULL, "bad-delims", 2, 2, "template-syntax");
	CHECK_ERROR(set, "empty-tag", NULL, "empty-tag", 1, 2, "template-syntax");
	CHECK_ERROR(set, "space", NULL, "space", 1, 1, "template-syntax");
	/* Columns count characters, not bytes. */
	CHECK_ERROR(set, "wide", NULL, "wide", 1, 5, "template-syntax");
	CHECK_ERROR(set, "new-delims", NULL, "new-delims", 3, 1, "template-syntax");
	/* An error in a partial is reported at the partial, and again on the
	 * next render (the failed parse is cached, not forgotten). */
	CHECK_ERROR(set, "uses-bad", NULL, "stray-close", 2, 3, "template-syntax");
	CHECK_ERROR(set, "uses-bad", NULL, "stray-close", 2, 3, "template-syntax");

	/* The message names what is wrong. */
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_buf out = ECHO_BUF_INIT;
	CHECK_INT(echo_templates_render(set, "mismatch", NULL, NULL, &out, &diags), -1);
	CHECK(diags.count == 1 && strstr(diags.items[0].message, "'a'")
	      && strstr(diags.items[0].message, "'b'"));
	echo_buf_clear(&out);
	echo_diags_free(&diags);
	CHECK_INT(echo_templates_render(set, "unclosed-section", NULL, NULL, &out, &diags), -1);
	CHECK(diags.count == 1 && strstr(diags.items[0].message, "'open'"));
	echo_diags_free(&diags);
	echo_buf_free(&out);
	echo_templates_free(set);
}

static void test_missing(void)
{
	echo_templates *set = make_set("a", "x{{>nope}}y", (const char *)NULL);
	CHECK(echo_templates_has(set, "a"));
	CHECK(!echo_templates_has(set, "nope"));
	CHECK_ERROR(set, "nope", NULL, "nope", 0, 0, "template-missing");
	/* A missing partial is no error: the spec renders it as nothing. */
	echo_diags diags = ECHO_DIAGS_INIT;
	char *got = render(set, "a", NULL, NULL, &diags);
	CHECK_STR(got, "xy");
	CHECK_INT(diags.count, 0);
	free(got);
	echo_templates_free(set);
	echo_templates_free(NULL);
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_depth(void)
{
	double start = seconds();
	echo_templates *set = make_set(
		"self", "x{{>self}}",
		"fanout", "{{>fanout}}{{>fanout}}",
		"parent", "{{<parent}}{{/parent}}",
		"dyn", "{{>*name}}",
		"block", "{{<p}}{{$a}}[{{$a}}{{/a}}]{{/a}}{{/p}}",
		"p", "{{$a}}{{/a}}",
		"a", "{{>b}}", "b", "{{>c}}", "c", "{{>d}}", "d", "end",
		(const char *)NULL);
	CHECK_ERROR(set, "self", NULL, "self", 1, 2, "template-depth");
	CHECK_ERROR(set, "fanout", NULL, "fanout", 1, 1, "template-depth");
	CHECK_ERROR(set, "parent", NULL, "parent", 1, 1, "template-depth");
	CHECK_ERROR(set, "block", NULL, "block", 1, 14, "template-depth");

	/* The same through a dynamic name. */
	echo_stream *s = load_yaml("name: dyn\n");
	echo_diags diags = ECHO_DIAGS_INIT;
	CHECK(render(set, "dyn", root(s), NULL, &diags) == NULL);
	CHECK(diags.count == 1 && strcmp(diags.items[0].rule, "template-depth") == 0);
	echo_diags_free(&diags);
	echo_stream_free(s);

	/* max_depth counts nested partials: a -> b -> c -> d is three deep. */
	echo_render_options opts = {NULL, 3, 0};
	char *got = render(set, "a", NULL, &opts, &diags);
	CHECK_STR(got, "end");
	free(got);
	opts.max_depth = 2;
	CHECK_ERROR(set, "a", &opts, "c", 1, 1, "template-depth");
	echo_diags_free(&diags);
	echo_templates_free(set);
	CHECK(seconds() - start < 5.0);
}

static void test_output_limit(void)
{
	echo_stream *s = load_yaml("items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"
	                           "big: '<<<<<<<<<<'\n");
	echo_templates *set = make_set(
		"list", "{{#items}}0123456789{{/items}}",
		"value", "{{big}}",
		"bomb", "{{>b1}}{{>b1}}{{>b1}}{{>b1}}",
		"b1", "{{>b2}}{{>b2}}{{>b2}}{{>b2}}",
		"b2", "{{>b3}}{{>b3}}{{>b3}}{{>b3}}",
		"b3", "0123456789{{big}}",
		(const char *)NULL);
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_render_options opts = {NULL, 0, 100};
	char *got = render(set, "list", root(s), &opts, &diags);
	CHECK(got && strlen(got) == 100);   /* exactly at the limit is fine */
	free(got);
	CHECK_INT(diags.count, 0);
	opts.max_output = 99;
	echo_buf out = ECHO_BUF_INIT;
	CHECK_INT(echo_templates_render(set, "list", root(s), &opts, &out, &diags), -1);
	CHECK(diags.count == 1 && strcmp(diags.items[0].rule, "template-size") == 0);
	echo_diags_free(&diags);
	/* Escaping counts: ten '<' are 40 bytes. */
	opts.max_output = 39;
	echo_buf_clear(&out);
	CHECK_INT(echo_templates_render(set, "value", root(s), &opts, &out, &diags), -1);
	CHECK(diags.count == 1 && strcmp(diags.items[0].rule, "template-size") == 0);
	echo_diags_free(&diags);
	opts.max_output = 1000;
	echo_buf_clear(&out);
	CHECK_INT(echo_templates_render(set, "bomb", root(s), &opts, &out, &diags), -1);
	CHECK(diags.count == 1 && strcmp(diags.items[0].rule, "template-size") == 0);
	echo_diags_free(&diags);
	echo_buf_free(&out);
	echo_templates_free(set);
	echo_stream_free(s);
}

static void check_escape(echo_escape_fn fn, const char *in, const char *want)
{
	echo_buf out = ECHO_BUF_INIT;
	fn(&out, in, strlen(in));
	CHECK_STR(echo_buf_cstr(&out), want);
	echo_buf_free(&out);
}

static void test_escapers(void)
{
	check_escape(echo_escape_html, "a & b \"c\" <d> 'e'",
	             "a &amp; b &quot;c&quot; &lt;d&gt; &#39;e&#39;");
	check_escape(echo_escape_html, "", "");
	check_escape(echo_escape_markdown, "*a* <b>|c\n& d",
	             "*a* &lt;b>|c\n& d");
	check_escape(echo_escape_markdown_cell, "a|b\r\nc\nd\re<f>",
	             "a\\|b c d e&lt;f>");
	check_escape(echo_escape_markdown_cell, "", "");
	/* A '|' the writer escaped is left as it is: doubled, as "\\|", it
	 * would end the cell in a table row. */
	check_escape(echo_escape_markdown_cell, "a\\|b \\\\|c", "a\\|b \\\\\\|c");
	check_escape(echo_markdown_cell, "a|b\\|c\r\nd\re<f>", "a\\|b\\|c d e<f>");
	/* Plain text shown as it is: every markup character escaped, controls
	 * made spaces; the value form leaves '<' to echo_escape_markdown. */
	check_escape(echo_escape_markdown_text, "*Ann* <b>|[x](y)\t#1 & \\ ~!$`_",
	             "\\*Ann\\* \\<b\\>\\|\\[x\\](y) \\#1 \\& \\\\ \\~\\!\\$\\`\\_");
	check_escape(echo_escape_markdown_value, "*Ann* <b>\n", "\\*Ann\\* <b\\> ");

	/* Through a render: the escaper applies to {{x}} only. */
	echo_stream *s = load_yaml("x: 'a|<b>'\n");
	echo_templates *set = make_set("t", "| {{x}} | {{{x}}} |", (const char *)NULL);
	echo_render_options opts = {echo_escape_markdown_cell, 0, 0};
	echo_diags diags = ECHO_DIAGS_INIT;
	char *got = render(set, "t", root(s), &opts, &diags);
	CHECK_STR(got, "| a\\|&lt;b> | a|<b> |");
	free(got);
	echo_templates_free(set);
	echo_stream_free(s);
}

static void test_cache(void)
{
	echo_stream *s = load_yaml("who: [Ann, Bo]\n");
	echo_templates *set = make_set("t", "{{#who}}<{{.}}>{{/who}}\n{{>p}}",
	                               "p", "  {{#who}}\n  - {{.}}\n  {{/who}}\n",
	                               (const char *)NULL);
	echo_diags diags = ECHO_DIAGS_INIT;
	char *one = render(set, "t", root(s), NULL, &diags);
	char *two = render(set, "t", root(s), NULL, &diags);
	CHECK_STR(one, "<Ann><Bo>\n  - Ann\n  - Bo\n");
	CHECK_STR(two, one);
	free(one);
	free(two);
	/* Replacing a template drops its cached parse. */
	CHECK_INT(echo_templates_add(set, "p", "[{{who.0}}]", 11), 0);
	one = render(set, "t", root(s), NULL, &diags);
	CHECK_STR(one, "<Ann><Bo>\n[]");
	free(one);
	/* A syntax error can be fixed by replacing the template. */
	CHECK_INT(echo_templates_add(set, "p", "{{#x}}", 6), 0);
	CHECK(render(set, "t", root(s), NULL, &diags) == NULL);
	CHECK_INT(diags.count, 1);
	CHECK_INT(echo_templates_add(set, "p", "ok", 2), 0);
	one = render(set, "t", root(s), NULL, &diags);
	CHECK_STR(one, "<Ann><Bo>\nok");
	free(one);
	/* Output is appended to what the buffer holds. */
	echo_buf out = ECHO_BUF_INIT;
	echo_buf_puts(&out, "before:");
	CHECK_INT(echo_templates_render(set, "p", NULL, NULL, &out, &diags), 0);
	CHECK_STR(echo_buf_cstr(&out), "before:ok");
	echo_buf_free(&out);
	echo_diags_free(&diags);
	echo_templates_free(set);
	echo_stream_free(s);
}

static void test_built_nodes(void)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("built", "", 0, NULL, &diags);
	CHECK(s != NULL);
	echo_node *map = echo_stream_new_map(s);
	echo_node *list = echo_stream_new_seq(s);
	echo_node *item = echo_stream_new_map(s);
	CHECK(map && list && item);
	CHECK_INT(echo_stream_map_set(s, map, "title", echo_stream_new_string(s, "A & B", 5)), 0);
	CHECK_INT(echo_stream_map_set(s, map, "count", echo_stream_new_int(s, -42)), 0);
	CHECK_INT(echo_stream_map_set(s, map, "done", echo_stream_new_bool(s, 0)), 0);
	CHECK_INT(echo_stream_map_set(s, item, "name", echo_stream_new_string(s, "first", 5)), 0);
	CHECK_INT(echo_stream_seq_push(s, list, item), 0);
	CHECK_INT(echo_stream_seq_push(s, list, echo_stream_new_string(s, "plain", 5)), 0);
	CHECK_INT(echo_stream_map_set(s, map, "items", list), 0);
	/* Setting a key again replaces its value. */
	CHECK_INT(echo_stream_map_set(s, map, "count", echo_stream_new_int(s, 7)), 0);
	echo_templates *set = make_set("t",
		"{{title}} {{count}} {{done}}{{^done}} (open){{/done}}:"
		"{{#items}} [{{name}}{{^name}}{{.}}{{/name}} of {{title}}]{{/items}}",
		(const char *)NULL);
	char *got = render(set, "t", map, NULL, &diags);
	CHECK_STR(got, "A &amp; B 7 false (open): [first of A &amp; B] [plain of A &amp; B]");
	free(got);
	CHECK_INT(diags.count, 0);
	echo_diags_free(&diags);
	echo_templates_free(set);
	echo_stream_free(s);
}

static void test_values(void)
{
	/* Floats print the shortest text that reads back the same. */
	CHECK_RENDER("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} {{h}}",
	             "{a: 0.1, b: 1.0, c: 2.50, d: 1e3, e: -0.000015, f: 1e21,"
	             " g: 1.5e-7, h: 123456789.125}",
	             "0.1 1 2.5 1000 -0.000015 1e+21 1.5e-7 123456789.125");
	CHECK_RENDER("{{a}} {{b}}", "{a: 0x1F, b: .inf}", "0x1F .inf");
	/* An empty string is falsey; zero and an empty map are not. */
	CHECK_RENDER("{{#s}}s{{/s}}{{^s}}!s{{/s}} {{#z}}z{{/z}} {{#m}}m{{/m}}",
	             "{s: '', z: 0, m: {}}", "!s z m");
	/* Lists and maps interpolate as nothing. */
	CHECK_RENDER("[{{l}}{{m}}]", "{l: [1], m: {a: 1}}", "[]");
	/* No data at all is an empty context. */
	CHECK_RENDER("[{{x}}{{#x}}no{{/x}}{{^x}}yes{{/x}}]", "", "[yes]");
	/* A duplicate key is reported by the loader; lookups take the first. */
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("dup.yaml", "a: 1\na: 2\n", 10, NULL, &diags);
	echo_templates *set = make_set("t", "{{a}}", (const char *)NULL);
	echo_diags rd = ECHO_DIAGS_INIT;
	char *got = render(set, "t", root(s), NULL, &rd);
	CHECK_STR(got, "1");
	free(got);
	echo_diags_free(&rd);
	echo_diags_free(&diags);
	echo_templates_free(set);
	echo_stream_free(s);
}

static void test_whitespace(void)
{
	/* Indentation of a standalone partial covers lines of template text,
	 * not line breaks inside values, and leaves empty lines empty. */
	echo_stream *s = load_yaml("v: \"x\\ny\"\n");
	echo_templates *set = make_set(
		"t", "list:\n  {{>p}}\nend\n",
		"p", "- {{v}}\n\n- {{>q}}\n",
		"q", "q1\nq2",
		(const char *)NULL);
	echo_diags diags = ECHO_DIAGS_INIT;
	char *got = render(set, "t", root(s), NULL, &diags);
	/* An inline partial inside an indented one keeps the outer indent. */
	CHECK_STR(got, "list:\n  - x\ny\n\n  - q1\n  q2\nend\n");
	free(got);
	echo_templates_free(set);
	echo_stream_free(s);
	/* Set delimiters last to the end of the template only. */
	CHECK_RENDER("{{=| |=}}|x| {{x}}", "{x: 1}", "1 {{x}}");
	/* Standalone section lines with CRLF. */
	CHECK_RENDER("a\r\n  {{#x}}  \r\nb\r\n{{/x}}\r\nc", "{x: true}", "a\r\nb\r\nc");
}

int main(void)
{
	test_syntax_errors();
	test_missing();
	test_depth();
	test_output_limit();
	test_escapers();
	test_cache();
	test_built_nodes();
	test_values();
	test_whitespace();
	TEST_EXIT();
}
