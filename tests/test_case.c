/* C API tests for the case format: instruments at every band boundary,
 * case rules and enrichment. */
#include <string.h>

#include <echo/echo.h>

#include "testutil.h"

/* Published bands, written out again here so a typo in the table shows. */
static const struct {
	const char *name;
	int score;
	const char *band;
} expected[] = {
	{"PHQ-9", 0, "minimal"}, {"PHQ-9", 4, "minimal"}, {"PHQ-9", 5, "mild"}, {"PHQ-9", 9, "mild"},
	{"PHQ-9", 10, "moderate"}, {"PHQ-9", 14, "moderate"}, {"PHQ-9", 15, "moderately severe"},
	{"PHQ-9", 19, "moderately severe"}, {"PHQ-9", 20, "severe"}, {"PHQ-9", 27, "severe"},
	{"GAD-7", 0, "minimal"}, {"GAD-7", 4, "minimal"}, {"GAD-7", 5, "mild"}, {"GAD-7", 9, "mild"},
	{"GAD-7", 10, "moderate"}, {"GAD-7", 14, "moderate"}, {"GAD-7", 15, "severe"},
	{"GAD-7", 21, "severe"},
	{"AUDIT", 0, "low risk (zone I)"}, {"AUDIT", 7, "low risk (zone I)"},
	{"AUDIT", 8, "hazardous (zone II)"}, {"AUDIT", 15, "hazardous (zone II)"},
	{"AUDIT", 16, "harmful (zone III)"}, {"AUDIT", 19, "harmful (zone III)"},
	{"AUDIT", 20, "possible dependence (zone IV)"}, {"AUDIT", 40, "possible dependence (zone IV)"},
	{"AUDIT-C", 0, "negative"}, {"AUDIT-C", 2, "negative"},
	{"AUDIT-C", 3, "positive for women, negative for men"}, {"AUDIT-C", 4, "positive"},
	{"AUDIT-C", 7, "positive"}, {"AUDIT-C", 8, "positive, high risk"},
	{"AUDIT-C", 12, "positive, high risk"},
	{"DAST-10", 0, "no problems reported"}, {"DAST-10", 1, "low"}, {"DAST-10", 2, "low"},
	{"DAST-10", 3, "moderate"}, {"DAST-10", 5, "moderate"}, {"DAST-10", 6, "substantial"},
	{"DAST-10", 8, "substantial"}, {"DAST-10", 9, "severe"}, {"DAST-10", 10, "severe"},
	{"CAGE", 0, "negative"}, {"CAGE", 1, "negative"}, {"CAGE", 2, "clinically significant"},
	{"CAGE", 4, "clinically significant"},
	{"COWS", 0, "no active withdrawal"}, {"COWS", 4, "no active withdrawal"}, {"COWS", 5, "mild"},
	{"COWS", 12, "mild"}, {"COWS", 13, "moderate"}, {"COWS", 24, "moderate"},
	{"COWS", 25, "moderately severe"}, {"COWS", 36, "moderately severe"}, {"COWS", 37, "severe"},
	{"COWS", 48, "severe"},
	{"CIWA-Ar", 0, "minimal"}, {"CIWA-Ar", 7, "minimal"}, {"CIWA-Ar", 8, "moderate"},
	{"CIWA-Ar", 15, "moderate"}, {"CIWA-Ar", 16, "severe"}, {"CIWA-Ar", 67, "severe"},
	{"PCL-5", 0, "below the probable-PTSD cut-point"}, {"PCL-5", 30, "below the probable-PTSD cut-point"},
	{"PCL-5", 31, "probable PTSD"}, {"PCL-5", 80, "probable PTSD"},
	{"PHQ-2", 0, "negative"}, {"PHQ-2", 2, "negative"},
	{"PHQ-2", 3, "positive: follow with the PHQ-9"}, {"PHQ-2", 6, "positive: follow with the PHQ-9"},
	{"GAD-2", 0, "negative"}, {"GAD-2", 2, "negative"},
	{"GAD-2", 3, "positive: follow with the GAD-7"}, {"GAD-2", 6, "positive: follow with the GAD-7"},
	{"PC-PTSD-5", 0, "negative"}, {"PC-PTSD-5", 3, "negative"}, {"PC-PTSD-5", 4, "positive"},
	{"PC-PTSD-5", 5, "positive"},
	{"CRAFFT", 0, "low risk"}, {"CRAFFT", 1, "low risk"}, {"CRAFFT", 2, "positive: high risk"},
	{"CRAFFT", 6, "positive: high risk"},
	{"BARC-10", 10, "below the sustained-remission cut-off (47)"},
	{"BARC-10", 46, "below the sustained-remission cut-off (47)"},
	{"BARC-10", 47, "at or above the sustained-remission cut-off (47)"},
	{"BARC-10", 60, "at or above the sustained-remission cut-off (47)"},
};

static void test_bands(void)
{
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		const echo_instrument *inst = echo_instrument_find(expected[i].name);
		CHECK(inst != NULL);
		if (!inst)
			continue;
		const echo_band *b = echo_instrument_band(inst, expected[i].score);
		CHECK(b != NULL);
		if (b)
			CHECK_STR(b->label, expected[i].band);
	}
	/* Bands cover the whole range with no gap or overlap, and nothing
	 * outside it. */
	for (const echo_instrument *inst = echo_instruments; inst->name; inst++) {
		CHECK(echo_instrument_band(inst, inst->min - 1) == NULL);
		CHECK(echo_instrument_band(inst, inst->max + 1) == NULL);
		int next = inst->min;
		for (const echo_band *b = inst->bands; b->label; b++) {
			CHECK_INT(b->low, next);
			next = b->high + 1;
		}
		CHECK_INT(next, inst->max + 1);
	}
	CHECK(echo_instrument_find("phq9") == echo_instrument_find("PHQ-9"));
	CHECK(echo_instrument_find("ciwa") == echo_instrument_find("CIWA-Ar"));
	CHECK(echo_instrument_find("audit c") == echo_instrument_find("AUDIT-C"));
	CHECK(echo_instrument_find("BDI-II") == NULL);
	CHECK(echo_instrument_find("barc10") == echo_instrument_find("BARC-10"));
	CHECK(echo_instrument_find("PC PTSD 5") == echo_instrument_find("PC-PTSD-5"));
}

static const char base[] = "schema: echo-case/1\nid: T-1\npresenter: {name: A}\n"
                           "summary: s\nquestions: [q]\n";

static size_t count_rule(const char *extra, const char *rule, size_t *line)
{
	char text[1024];
	snprintf(text, sizeof text, "%s%s", base, extra);
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("c.yaml", text, strlen(text), NULL, &d);
	echo_case_check(s, s->docs[0], &d);
	size_t n = 0;
	for (size_t i = 0; i < d.count; i++)
		if (strcmp(d.items[i].rule, rule) == 0) {
			n++;
			if (line)
				*line = d.items[i].line;
		}
	echo_stream_free(s);
	echo_diags_free(&d);
	return n;
}

static void test_rules(void)
{
	size_t line = 0;
	CHECK_INT(count_rule("", "required", NULL), 0);
	CHECK_INT(count_rule("kind: practice\npatient: {age: 30}\n", "practice-patient", &line), 1);
	CHECK_INT(line, 7);
	CHECK_INT(count_rule("kind: practice\n", "practice-patient", NULL), 0);
	CHECK_INT(count_rule("screening:\n  - {instrument: PHQ-9, score: 28}\n", "score-range", &line), 1);
	CHECK_INT(line, 7);
	CHECK_INT(count_rule("screening:\n  - {instrument: PHQ-9, score: 27}\n", "score-range", NULL), 0);
	CHECK_INT(count_rule("screening:\n  - {instrument: COWS, score: -1}\n", "score-range", NULL), 1);
	/* BARC-10 has ten items of 1 to 6 each: a total under 10 cannot be. */
	CHECK_INT(count_rule("screening:\n  - {instrument: BARC-10, score: 9}\n", "score-range", NULL), 1);
	CHECK_INT(count_rule("screening:\n  - {instrument: barc 10, score: 10}\n", "score-range", NULL), 0);
	/* BARC-10's ten items score 1 to 6 each: a total under 10 is impossible. */
	CHECK_INT(count_rule("screening:\n  - {instrument: BARC-10, score: 9}\n", "score-range", NULL), 1);
	CHECK_INT(count_rule("screening:\n  - {instrument: barc 10, score: 10}\n", "score-range", NULL), 0);
	CHECK_INT(count_rule("screening:\n  - {instrument: BDI-II, score: 9}\n", "instrument-unknown", NULL), 1);
	CHECK_INT(count_rule("patient: {age: 90+}\n", "range", NULL), 0);
	CHECK_INT(count_rule("patient: {age: 95}\n", "range", NULL), 1);
	CHECK_INT(count_rule("questions: []\n", "duplicate-key", NULL), 1);
	CHECK_INT(count_rule("schema2: x\n", "unknown-key", NULL), 1);
}

static void test_enrich(void)
{
	char text[1024];
	snprintf(text, sizeof text, "%sscreening:\n  - {instrument: ciwa, score: 16}\n", base);
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("c.yaml", text, strlen(text), NULL, &d);
	CHECK_INT(echo_case_check(s, s->docs[0], &d), 0);
	echo_node *view = echo_case_view(s, s->docs[0], 0);
	CHECK(view != NULL);
	echo_node *item = echo_node_get(view, "screening")->items[0];
	CHECK_STR(echo_node_get_text(item, "band"), "severe");
	CHECK_STR(echo_node_get_text(item, "instrument_name"), "CIWA-Ar");
	CHECK_STR(echo_node_get_text(item, "range"), "0–67");
	CHECK_INT(echo_node_get(view, "is_practice")->boolean, 0);
	CHECK(echo_node_get(view, "summary_md") == NULL);
	/* The parsed document is left as it was read. */
	CHECK(echo_node_get(s->docs[0], "is_practice") == NULL);
	CHECK(echo_node_get(echo_node_get(s->docs[0], "screening")->items[0], "band") == NULL);
	view = echo_case_view(s, s->docs[0], 1);
	CHECK(view && echo_node_get_text(view, "summary_md") != NULL);
	CHECK(echo_node_get(s->docs[0], "summary_md") == NULL);
	echo_stream_free(s);
	echo_diags_free(&d);
}

/* The Markdown keys of the template's view: a text field written as a
 * list becomes a bullet list, a line break in an item indented under it;
 * a non-empty list field gets has_L. */
static void test_markdown_view(void)
{
	const char text[] = "schema: echo-case/1\nid: T-1\npresenter: {name: A}\nsummary: s\n"
	                    "questions:\n  - one\n  - |\n    two\n    lines\n"
	                    "themes: [a]\nteaching_points: []\n";
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("c.yaml", text, strlen(text), NULL, &d);
	CHECK_INT(echo_case_check(s, s->docs[0], &d), 0);
	echo_node *view = echo_case_view(s, s->docs[0], 1);
	CHECK(view != NULL);
	CHECK_STR(echo_node_get_text(view, "questions_md"), "- one\n- two\n  lines");
	CHECK_STR(echo_node_get_text(view, "summary_md"), "s");
	CHECK(echo_node_get(view, "has_questions") == NULL);
	CHECK(echo_node_get(view, "has_themes") && echo_node_get(view, "has_themes")->boolean);
	CHECK(echo_node_get(view, "has_teaching_points") == NULL);
	CHECK(echo_node_get(s->docs[0], "questions_md") == NULL);
	echo_stream_free(s);
	echo_diags_free(&d);
}

int main(void)
{
	test_bands();
	test_rules();
	test_enrich();
	test_markdown_view();
	TEST_EXIT();
}
