/* C API tests for views: rendering a case builds its data beside the
 * parsed document and leaves the document as it was read, aliases
 * included. */
#include <stdlib.h>
#include <string.h>

#include <echo/echo.h>

#include "testutil.h"

/* One case written twice: with anchors and aliases, and spelled out. */
static const char aliased[] =
	"schema: echo-case/1\n"
	"id: T-7\n"
	"presenter: {name: Avery Quinn, role: &role nurse practitioner}\n"
	"summary: &sum A synthetic summary with *emphasis*.\n"
	"questions: &q\n  - First question?\n  - Second | question?\n"
	"screening:\n"
	"  - &phq {instrument: PHQ-9, score: 12, when: at intake}\n"
	"  - *phq\n"
	"  - {instrument: CIWA-Ar, score: 16}\n"
	"treatment: &tr {current: Buprenorphine 16 mg daily., past: [One, Two]}\n"
	"recommendations:\n"
	"  - &rec {category: medication, text: Keep the dose., by: *role}\n"
	"  - *rec\n"
	"strengths: *sum\n";

static const char spelled[] =
	"schema: echo-case/1\n"
	"id: T-7\n"
	"presenter: {name: Avery Quinn, role: nurse practitioner}\n"
	"summary: A synthetic summary with *emphasis*.\n"
	"questions:\n  - First question?\n  - Second | question?\n"
	"screening:\n"
	"  - {instrument: PHQ-9, score: 12, when: at intake}\n"
	"  - {instrument: PHQ-9, score: 12, when: at intake}\n"
	"  - {instrument: CIWA-Ar, score: 16}\n"
	"treatment: {current: Buprenorphine 16 mg daily., past: [One, Two]}\n"
	"recommendations:\n"
	"  - {category: medication, text: Keep the dose., by: nurse practitioner}\n"
	"  - {category: medication, text: Keep the dose., by: nurse practitioner}\n"
	"strengths: A synthetic summary with *emphasis*.\n";

static echo_stream *load(const char *text)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("case.yaml", text, strlen(text), NULL, &d);
	CHECK(s && s->doc_count == 1);
	if (s && s->doc_count == 1)
		CHECK_INT(echo_case_check(s, s->docs[0], &d), 0);
	echo_diags_free(&d);
	return s;
}

static char *json(const echo_node *node)
{
	echo_buf out = ECHO_BUF_INIT;
	echo_json_node(&out, node, 0);
	CHECK(!out.failed);
	char *text = strdup(echo_buf_cstr(&out));
	echo_buf_free(&out);
	return text;
}

/* The case page in Markdown and the JSON output, as echo-case makes them. */
static void render(echo_stream *s, echo_templates *set, char **md, char **js)
{
	echo_node *view = echo_case_view(s, s->docs[0], 1);
	CHECK(view != NULL);
	echo_buf out = ECHO_BUF_INIT;
	echo_diags d = ECHO_DIAGS_INIT;
	echo_render_options ropts = {.escape = echo_escape_markdown};
	CHECK_INT(echo_templates_render(set, "case.md", view, &ropts, &out, &d), 0);
	*md = strdup(echo_buf_cstr(&out));
	echo_buf_free(&out);
	echo_diags_free(&d);
	*js = json(echo_case_view(s, s->docs[0], 0));
}

static void test_render_leaves_document(void)
{
	echo_templates *set = echo_templates_new();
	CHECK(set && echo_templates_add_builtins(set) == 0);
	echo_stream *a = load(aliased), *b = load(spelled);
	if (!a || !b || a->doc_count != 1 || b->doc_count != 1 || !set) {
		echo_stream_free(a);
		echo_stream_free(b);
		echo_templates_free(set);
		return;
	}
	char *before = json(a->docs[0]);
	char *md_a, *js_a, *md_b, *js_b;
	render(a, set, &md_a, &js_a);
	render(b, set, &md_b, &js_b);
	/* Nothing was added to the parsed tree: not at the top (is_practice,
	 * summary_md), not in an aliased screening entry (band). */
	char *after = json(a->docs[0]);
	CHECK_STR(after, before);
	CHECK(strstr(after, "is_practice") == NULL && strstr(after, "band") == NULL);
	CHECK(echo_node_get(a->docs[0], "summary_md") == NULL);
	/* Aliases render as the values they stand for. */
	CHECK_STR(md_a, md_b);
	CHECK_STR(js_a, js_b);
	CHECK(strstr(md_a, "moderate") != NULL && strstr(js_a, "\"band\": \"severe\"") != NULL);
	/* A second render from the same tree is the same again. */
	char *md_2, *js_2;
	render(a, set, &md_2, &js_2);
	CHECK_STR(md_2, md_a);
	CHECK_STR(js_2, js_a);
	free(before);
	free(after);
	free(md_a);
	free(js_a);
	free(md_b);
	free(js_b);
	free(md_2);
	free(js_2);
	echo_stream_free(a);
	echo_stream_free(b);
	echo_templates_free(set);
}

/* A copy has maps and lists of its own, at each use of an alias, and the
 * document's scalars. */
static void test_copy(void)
{
	const char text[] = "a: &m {k: v, l: [1, 2]}\nb: *m\nc: text\n";
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("t.yaml", text, strlen(text), NULL, &d);
	CHECK(s && s->doc_count == 1);
	if (!s || s->doc_count != 1) {
		echo_stream_free(s);
		echo_diags_free(&d);
		return;
	}
	echo_node *root = s->docs[0];
	echo_node *view = echo_view_copy(s, root);
	CHECK(view && view != root && view->count == root->count);
	echo_node *va = echo_node_get(view, "a"), *vb = echo_node_get(view, "b");
	CHECK(va && vb && va != vb && va != echo_node_get(root, "a"));
	CHECK(echo_node_get(view, "c") == echo_node_get(root, "c"));
	CHECK(echo_node_get(va, "l") != echo_node_get(echo_node_get(root, "a"), "l"));
	CHECK(echo_node_get(va, "l")->items[0] == echo_node_get(echo_node_get(root, "a"), "l")->items[0]);
	/* A key added at one use of the alias shows at neither the other use
	 * nor the document. */
	CHECK_INT(echo_stream_map_set(s, va, "added", echo_stream_new_bool(s, 1)), 0);
	CHECK_INT(echo_stream_seq_push(s, echo_node_get(vb, "l"), echo_stream_new_int(s, 3)), 0);
	CHECK(echo_node_get(vb, "added") == NULL);
	CHECK(echo_node_get(echo_node_get(root, "a"), "added") == NULL);
	CHECK_INT(echo_node_get(echo_node_get(root, "b"), "l")->count, 2);
	CHECK_INT(echo_node_get(va, "l")->count, 2);
	CHECK(echo_view_copy(s, NULL) == NULL);
	echo_stream_free(s);
	echo_diags_free(&d);
}

int main(void)
{
	test_render_leaves_document();
	test_copy();
	TEST_EXIT();
}
