/* echo-minutes library: C API tests of the notes check (PHI screening
 * with known names and reviews), the case's hub part, schedules read from
 * YAML and from echo-agenda's JSON, and the data templates get.
 *   test_minutes ERRORS_DIR EXAMPLES_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <echo/escape.h>
#include <echo/json.h>
#include <echo/minutes.h>
#include <echo/notes.h>
#include <echo/template.h>

#include "testutil.h"

static const char *errors_dir, *examples_dir;

static echo_stream *text_stream(const char *path, const char *text)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load(path, text, strlen(text), NULL, &d);
	CHECK(s != NULL);
	CHECK_INT(d.errors, 0);
	echo_diags_free(&d);
	return s;
}

/* The findings as "line:col: severity: message [rule]" lines. */
static const char *diag_text(const echo_diags *d)
{
	static char buf[4096];
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < d->count && n < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%zu:%zu: %s: %s [%s]\n",
		                      d->items[i].line, d->items[i].col,
		                      echo_severity_name(d->items[i].severity), d->items[i].message,
		                      d->items[i].rule ? d->items[i].rule : "");
	return buf;
}

static void test_notes(void)
{
	echo_stream *s = text_stream("notes.yaml",
		"schema: echo-notes/1\n"
		"session: 2026-03-12\n"
		"highlights:\n"
		"  - >-\n"
		"    Dr. Whitfield and Maya\n"
		"    Chen answered; Carlos Mendez asked about his mother.\n"
		"action_items:\n"
		"  - item: Send the guide to Jordan Reyes.\n"
		"    owner: Alex Moreno, MSW\n");
	const char *known[] = {"Dana Whitfield, MD", "Maya Chen, PharmD", NULL, "Alex Moreno, MSW",
	                       "Jordan Reyes, FNP"};
	echo_diags d = ECHO_DIAGS_INIT;
	size_t errors = echo_notes_check(s, s->docs[0], known, 5, &d);
	/* Known people, even across a line break, are not findings; the
	 * patient's relative is. */
	CHECK_INT(errors, 1);
	CHECK_STR(diag_text(&d), "6:20: error: possible name \"Carlos Mendez\" in notes that go to "
	                         "every participant [phi-name]\n");
	echo_diags_free(&d);
	/* Without known names, every name is a finding. */
	errors = echo_notes_check(s, s->docs[0], NULL, 0, &d);
	CHECK_INT(errors, 4);
	echo_diags_free(&d);
	echo_stream_free(s);

	s = text_stream("reviewed.yaml",
		"schema: echo-notes/1\n"
		"session: 2026-03-12\n"
		"highlights: Spokes in Gallup shared a vending machine.\n"
		"deid:\n"
		"  reviewed_by: A Reviewer\n"
		"  items:\n"
		"    - {text: Gallup, rule: phi-place}\n"
		"    - {text: Shiprock, rule: phi-place}\n");
	errors = echo_notes_check(s, s->docs[0], NULL, 0, &d);
	CHECK_INT(errors, 0);
	CHECK_STR(diag_text(&d),
	          "3:23: note: place smaller than a state \"Gallup\" (phi-place) cleared by A Reviewer [phi-reviewed]\n"
	          "8:7: warning: reviewed item \"Shiprock\" matches no finding; remove it so it "
	          "cannot hide a later one [deid-unused]\n");
	echo_diags_free(&d);
	echo_stream_free(s);

	s = text_stream("bad.yaml", "schema: echo-notes/1\nannouncements: [a, b]\n");
	errors = echo_notes_check(s, s->docs[0], NULL, 0, &d);
	CHECK_INT(errors, 1);
	CHECK(strstr(diag_text(&d), "'session'") != NULL);
	echo_diags_free(&d);
	echo_stream_free(s);
}

static void test_recommendations(void)
{
	echo_stream *s = text_stream("case.yaml",
		"schema: echo-case/1\nid: T-1\npresenter: {name: P}\nsummary: s\nquestions: [q]\n"
		"recommendations: []\n");
	echo_diags d = ECHO_DIAGS_INIT;
	CHECK_INT(echo_case_has_recommendations(s->docs[0]), 0);
	CHECK_INT(echo_case_check_recommendations(s, s->docs[0], ECHO_ERROR, &d), 1);
	CHECK_STR(diag_text(&d), "6:1: error: case T-1 has no recommendations: fill in its hub "
	                         "part (recommendations, teaching_points, follow_up) after the "
	                         "session [no-recommendations]\n");
	echo_diags_free(&d);
	echo_stream_free(s);

	/* Grouped by category in the schema's order, whatever the order in
	 * the file. */
	s = text_stream("case.yaml",
		"schema: echo-case/1\nid: T-2\npresenter: {name: P}\nsummary: s\nquestions: [q]\n"
		"recommendations:\n"
		"  - {category: referral, text: r1}\n"
		"  - {category: medication, text: m1, by: pharmacist}\n"
		"  - {category: referral, text: r2}\n");
	CHECK_INT(echo_case_check_recommendations(s, s->docs[0], ECHO_ERROR, &d), 0);
	echo_buf json = ECHO_BUF_INIT;
	CHECK_INT(echo_recommendations_json(s, s->docs[0], NULL, 0, &json), 0);
	const char *j = echo_buf_cstr(&json);
	const char *med = strstr(j, "\"medication\""), *ref = strstr(j, "\"referral\"");
	CHECK(med && ref && med < ref);
	CHECK(strstr(j, "\"text\": \"r1\"") < strstr(j, "\"text\": \"r2\""));
	echo_node *data = echo_recommendations_data(s, s->docs[0], NULL);
	CHECK(data != NULL);
	const echo_node *groups = echo_node_get(data, "groups");
	CHECK(groups && groups->count == 2);
	if (groups && groups->count == 2) {
		CHECK_STR(echo_node_get_text(groups->items[0], "label"), "Medication");
		CHECK_INT(echo_node_get(groups->items[1], "items")->count, 2);
	}
	echo_buf_free(&json);
	echo_diags_free(&d);
	echo_stream_free(s);
}

static void test_schedules(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	char path[4096];
	snprintf(path, sizeof path, "%s/series/cars-weekly.yaml", examples_dir);
	echo_stream *s = echo_stream_load_file(path, NULL, &d);
	CHECK(s != NULL);
	if (!s)
		return;
	echo_schedule yaml;
	CHECK_INT(echo_schedule_read(s, s->docs[0], &yaml, &d), 0);
	CHECK_INT(yaml.is_series, 1);
	CHECK_INT(yaml.count, 12);
	CHECK_INT(yaml.rule.min_percent, 80);
	CHECK_INT(yaml.has_certification, 1);
	CHECK_INT(yaml.certification.min_percent, 80);
	char a[24], z[24];
	echo_wallclock_format(yaml.dates[0].start, a, sizeof a);
	echo_wallclock_format(yaml.dates[0].end, z, sizeof z);
	CHECK_STR(a, "2026-02-05 12:00");
	CHECK_STR(z, "2026-02-05 13:00");

	/* echo-agenda's JSON of the same series gives the same schedule. */
	echo_buf json = ECHO_BUF_INIT;
	echo_series_json(yaml.series, NULL, &json);
	echo_stream *js = echo_stream_load("<stdin>", echo_buf_cstr(&json), json.len, NULL, &d);
	CHECK(js != NULL);
	echo_schedule from_json;
	CHECK_INT(js ? echo_schedule_read(js, js->docs[0], &from_json, &d) : -1, 0);
	CHECK_INT(from_json.count, yaml.count);
	for (size_t i = 0; i < from_json.count && i < yaml.count; i++) {
		CHECK_INT(from_json.dates[i].date, yaml.dates[i].date);
		CHECK_INT(from_json.dates[i].start, yaml.dates[i].start);
		CHECK_INT(from_json.dates[i].end, yaml.dates[i].end);
	}
	CHECK_INT(from_json.certification.min_percent, 80);
	CHECK_STR(from_json.certification_title, "CARS ECHO certificate of completion");
	echo_node *table = echo_stream_new_map(js);
	echo_node *data = echo_report_data(js, &from_json, table);
	CHECK_STR(echo_node_get_text(data, "first_date"), "2026-02-05");
	CHECK_STR(echo_node_get_text(data, "last_date"), "2026-04-30");
	CHECK(echo_node_get(data, "credit") == table);
	CHECK(echo_node_get(data, "attendance") == NULL);
	echo_schedule_free(&from_json);
	echo_schedule_free(&yaml);
	echo_stream_free(js);
	echo_buf_free(&json);
	echo_stream_free(s);
	CHECK_INT(d.errors, 0);

	/* JSON without what a schedule needs is a located error. */
	s = text_stream("agenda.json", "{\"format\": \"echo-agenda/1\", \"kind\": \"series\",\n"
	                               " \"sessions\": [{\"date\": \"2026-03-12\"}]}\n");
	echo_schedule bad;
	CHECK_INT(echo_schedule_read(s, s->docs[0], &bad, &d), -1);
	CHECK_STR(diag_text(&d), "2:15: error: a session in echo-agenda JSON needs its date, start "
	                         "and end [schedule]\n");
	echo_schedule_free(&bad);
	echo_schedule_free(NULL);
	echo_stream_free(s);
	echo_diags_free(&d);
}

/* Names from an export are shown as they are, never as Markdown. */
static void test_untrusted_names(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	char path[4096];
	snprintf(path, sizeof path, "%s/session.yaml", errors_dir);
	echo_stream *s = echo_stream_load_file(path, NULL, &d);
	CHECK(s != NULL);
	if (!s)
		return;
	echo_session *session = echo_session_check(s, s->docs[0], NULL, &d);
	const char *csv =
		"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
		"\"*Bold* <javascript:y> | A\",a@example.org,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\n";
	echo_attendance *att = echo_attendance_load("t.csv", csv, strlen(csv), ECHO_ATTENDANCE_AUTO,
	                                            NULL, &d);
	echo_session_credit_options o = {.has_window = 1};
	echo_wallclock_make(2026, 3, 12, 12, 0, 0, &o.start);
	echo_wallclock_make(2026, 3, 12, 13, 0, 0, &o.end);
	echo_session_credit *c = att ? echo_session_credit_compute(att, &o, &d) : NULL;
	CHECK(session && c);
	if (session && c) {
		echo_minutes m = {session, NULL, c};
		echo_node *data = echo_minutes_data(&m);
		const echo_node *people = echo_node_get(echo_node_get(data, "attendance"), "people");
		CHECK(people && people->count == 1);
		if (people && people->count == 1)
			CHECK_STR(echo_node_get_text(people->items[0], "name"),
			          "\\*Bold\\* <javascript:y\\> \\| A");
		echo_buf json = ECHO_BUF_INIT;
		CHECK_INT(echo_minutes_json(&m, &json), 0);
		CHECK(strstr(echo_buf_cstr(&json), "\"name\": \"*Bold* <javascript:y> | A\"") != NULL);
		echo_buf_free(&json);
	}
	echo_session_credit_free(c);
	echo_attendance_free(att);
	echo_session_free(session);
	echo_stream_free(s);
	echo_diags_free(&d);
}

/* One case written twice, with anchors and aliases and spelled out, each
 * in a session of its own: minutes and recommendations are built beside
 * the parsed case, which stays as it was read. */
static const char aliased_case[] =
	"schema: echo-case/1\nid: TST-2026-007\nseries: Test ECHO\nsession: 2026-03-12\n"
	"presenter: {name: \"Test Presenter, MD\", role: &role nurse practitioner}\n"
	"summary: &sum A synthetic summary with *emphasis*.\n"
	"questions: &q\n  - First question?\n  - Second | question?\n"
	"screening:\n  - &phq {instrument: PHQ-9, score: 12}\n  - *phq\n"
	"recommendations:\n"
	"  - &rec {category: medication, text: Keep the dose., by: *role}\n"
	"  - *rec\n"
	"teaching_points: *q\n"
	"themes: &th [stigma]\n"
	"follow_up: *sum\n";
static const char spelled_case[] =
	"schema: echo-case/1\nid: TST-2026-007\nseries: Test ECHO\nsession: 2026-03-12\n"
	"presenter: {name: \"Test Presenter, MD\", role: nurse practitioner}\n"
	"summary: A synthetic summary with *emphasis*.\n"
	"questions:\n  - First question?\n  - Second | question?\n"
	"screening:\n  - {instrument: PHQ-9, score: 12}\n  - {instrument: PHQ-9, score: 12}\n"
	"recommendations:\n"
	"  - {category: medication, text: Keep the dose., by: nurse practitioner}\n"
	"  - {category: medication, text: Keep the dose., by: nurse practitioner}\n"
	"teaching_points:\n  - First question?\n  - Second | question?\n"
	"themes: [stigma]\n"
	"follow_up: A synthetic summary with *emphasis*.\n";

static int write_text(const char *dir, const char *name, const char *text)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	int rc = fputs(text, f) < 0 ? -1 : 0;
	return fclose(f) != 0 ? -1 : rc;
}

static char *tree_json(const echo_node *node)
{
	echo_buf out = ECHO_BUF_INIT;
	echo_json_node(&out, node, 0);
	char *text = strdup(echo_buf_cstr(&out));
	echo_buf_free(&out);
	return text;
}

/* Renders the minutes and the recommendations of the session in dir/name
 * (its one case must be unchanged by both); appends the Markdown to md. */
static void render_session(const char *dir, const char *name, echo_templates *set, echo_buf *md)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load_file(path, NULL, &d);
	echo_session *session = s ? echo_minutes_session(s, s->docs[0], 1, &d) : NULL;
	CHECK(session != NULL);
	CHECK_INT(d.errors, 0);
	const echo_node *root = NULL;
	echo_stream *case_stream = NULL;
	for (size_t i = 0; session && i < session->segment_count; i++)
		if (session->segments[i].case_root) {
			root = session->segments[i].case_root;
			case_stream = session->segments[i].case_stream;
		}
	CHECK(root != NULL);
	if (root) {
		char *before = tree_json(root);
		echo_render_options ropts = {.escape = echo_escape_markdown};
		for (int pass = 0; pass < 2; pass++) {
			echo_minutes m = {session, NULL, NULL};
			echo_node *data = echo_minutes_data(&m);
			CHECK(data != NULL);
			CHECK_INT(echo_templates_render(set, "minutes.md", data, &ropts, md, &d), 0);
			data = echo_recommendations_data(case_stream, root, session);
			CHECK(data != NULL);
			CHECK_INT(echo_templates_render(set, "recommendations.md", data, &ropts, md, &d),
			          0);
		}
		/* Nothing was added to the parsed case: not at the top
		 * (is_practice, summary_md), not in an aliased entry (band,
		 * text_md), not where an alias points (has_themes). */
		char *after = tree_json(root);
		CHECK_STR(after, before);
		CHECK(strstr(after, "is_practice") == NULL && strstr(after, "_md") == NULL &&
		      strstr(after, "band") == NULL && strstr(after, "has_") == NULL);
		free(before);
		free(after);
	}
	CHECK_INT(d.errors, 0);
	echo_session_free(session);
	echo_stream_free(s);
	echo_diags_free(&d);
}

static void test_render_leaves_case(void)
{
	char dir[] = "/tmp/echo-minutes-view-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	const char *session =
		"schema: echo-session/1\nprogram: Test ECHO\ntitle: Test session\ndate: 2026-03-12\n"
		"start: \"12:00\"\ntime_zone: America/Chicago\nduration: 30\n"
		"facilitator: Test Facilitator, MSW\n"
		"segments:\n  - case:\n      file: %s\n      minutes: {presentation: 10, "
		"questions: 5, recommendations: 15}\n";
	char text[1024];
	int ok = write_text(dir, "aliased.yaml", aliased_case) == 0 &&
	         write_text(dir, "spelled.yaml", spelled_case) == 0;
	snprintf(text, sizeof text, session, "aliased.yaml");
	ok = ok && write_text(dir, "session-a.yaml", text) == 0;
	snprintf(text, sizeof text, session, "spelled.yaml");
	ok = ok && write_text(dir, "session-b.yaml", text) == 0;
	CHECK(ok);
	echo_templates *set = echo_templates_new();
	CHECK(set && echo_templates_add_builtins(set) == 0);
	if (ok && set) {
		echo_buf a = ECHO_BUF_INIT, b = ECHO_BUF_INIT;
		render_session(dir, "session-a.yaml", set, &a);
		render_session(dir, "session-b.yaml", set, &b);
		/* Aliases render as the values they stand for, twice alike. */
		CHECK_STR(echo_buf_cstr(&a), echo_buf_cstr(&b));
		CHECK(strstr(echo_buf_cstr(&a), "Keep the dose.") != NULL);
		echo_buf_free(&a);
		echo_buf_free(&b);
	}
	echo_templates_free(set);
	const char *names[] = {"aliased.yaml", "spelled.yaml", "session-a.yaml", "session-b.yaml"};
	for (size_t i = 0; i < 4; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		remove(path);
	}
	CHECK_INT(rmdir(dir), 0);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: test_minutes ERRORS_DIR EXAMPLES_DIR\n");
		return 2;
	}
	errors_dir = argv[1];
	examples_dir = argv[2];
	test_notes();
	test_recommendations();
	test_schedules();
	test_untrusted_names();
	test_render_leaves_case();
	if (test_failures)
		fprintf(stderr, "%d check(s) failed\n", test_failures);
	return test_failures ? 1 : 0;
}
