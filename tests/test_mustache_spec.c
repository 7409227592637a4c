/* Runs one file of the official Mustache spec (YAML) against the template
 * engine: test_mustache_spec SPEC_DIR FILE.  Exit 0 if every test passes,
 * 1 if any fails, 77 (skip) if SPEC_DIR is absent, unless CI=true. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "echo/buf.h"
#include "echo/diag.h"
#include "echo/doc.h"
#include "echo/template.h"

/* The main template's name: not a name any spec partial uses. */
static const char main_name[] = "(spec test)";

/* Prints s as a C string literal, so whitespace differences show. */
static void print_quoted(const char *s, size_t len)
{
	putchar('"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	fputs("\"\n", stdout);
}

static void print_diags(const echo_diags *diags)
{
	echo_buf buf = ECHO_BUF_INIT;
	for (size_t i = 0; i < diags->count; i++)
		echo_diag_format(&buf, &diags->items[i], NULL, 0);
	fputs(echo_buf_cstr(&buf), stdout);
	echo_buf_free(&buf);
}

static const char *text_of(const echo_node *n, size_t *len)
{
	if (!n || !echo_node_is_scalar(n) || !n->text) {
		*len = 0;
		return NULL;
	}
	*len = n->text_len;
	return n->text;
}

/* Returns 1 if the test passes. */
static int run_test(const char *file, const echo_node *test)
{
	const char *name = echo_node_get_text(test, "name");
	size_t tlen, elen;
	const char *template = text_of(echo_node_get(test, "template"), &tlen);
	const char *expected = text_of(echo_node_get(test, "expected"), &elen);
	if (!name)
		name = "(unnamed)";
	if (!template || !expected) {
		printf("FAIL %s: %s: no template or expected text\n", file, name);
		return 0;
	}
	echo_templates *set = echo_templates_new();
	if (!set || echo_templates_add(set, main_name, template, tlen) != 0) {
		printf("FAIL %s: %s: out of memory\n", file, name);
		echo_templates_free(set);
		return 0;
	}
	const echo_node *partials = echo_node_get(test, "partials");
	for (size_t i = 0; partials && partials->type == ECHO_NODE_MAP && i < partials->count; i++) {
		size_t plen;
		const char *ptext = text_of(partials->pairs[i].value, &plen);
		if (echo_templates_add(set, partials->pairs[i].key->text,
		                       ptext ? ptext : "", plen) != 0) {
			printf("FAIL %s: %s: out of memory\n", file, name);
			echo_templates_free(set);
			return 0;
		}
	}
	echo_buf out = ECHO_BUF_INIT;
	echo_diags diags = ECHO_DIAGS_INIT;
	int rc = echo_templates_render(set, main_name, echo_node_get(test, "data"),
	                               NULL, &out, &diags);
	const char *got = echo_buf_cstr(&out);
	int ok = rc == 0 && out.len == elen && memcmp(got, expected, elen) == 0;
	if (!ok) {
		printf("FAIL %s: %s\n  template: ", file, name);
		print_quoted(template, tlen);
		printf("  expected: ");
		print_quoted(expected, elen);
		printf("  got:      ");
		print_quoted(got, out.len);
		if (rc != 0)
			printf("  render returned %d\n", rc);
		print_diags(&diags);
	}
	echo_diags_free(&diags);
	echo_buf_free(&out);
	echo_templates_free(set);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: test_mustache_spec SPEC_DIR FILE\n");
		return 2;
	}
	struct stat st;
	if (stat(argv[1], &st) != 0 || !S_ISDIR(st.st_mode)) {
		const char *ci = getenv("CI");
		if (ci && strcmp(ci, "true") == 0) {
			printf("FAIL: Mustache spec folder %s is missing\n", argv[1]);
			return 1;
		}
		printf("SKIP: Mustache spec folder %s is missing\n", argv[1]);
		return 77;
	}
	char *path = malloc(strlen(argv[1]) + strlen(argv[2]) + 2);
	if (!path)
		return 2;
	sprintf(path, "%s/%s", argv[1], argv[2]);
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *stream = echo_stream_load_file(path, NULL, &diags);
	int failed = 0, passed = 0;
	const echo_node *tests = stream && stream->doc_count
	                         ? echo_node_get(stream->docs[0], "tests") : NULL;
	if (diags.errors || !tests || tests->type != ECHO_NODE_SEQ || !tests->count) {
		printf("FAIL %s: cannot load the spec tests\n", path);
		print_diags(&diags);
		failed = 1;
	} else {
		for (size_t i = 0; i < tests->count; i++) {
			if (run_test(argv[2], tests->items[i]))
				passed++;
			else
				failed++;
		}
		printf("%s: %d of %zu passed\n", argv[2], passed, tests->count);
	}
	echo_stream_free(stream);
	echo_diags_free(&diags);
	free(path);
	return failed ? 1 : 0;
}
