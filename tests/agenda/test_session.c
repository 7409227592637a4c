/* C API tests for sessions and series: timing, case loading (a failing
 * case is withdrawn, possible PHI included), series dates and topics,
 * template data, JSON and plain text.  argv[1] is tests/agenda/errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <echo/echo.h>
#include <echo/session.h>

#include "testutil.h"

static const char *dir;

static char *path_in(const char *base, const char *name)
{
	static char buf[4][1024];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", base, name);
	return buf[k];
}

static int has_rule(const echo_diags *d, const char *rule)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].rule && strncmp(d->items[i].rule, rule, strlen(rule)) == 0)
			return 1;
	return 0;
}

static const echo_diag *find_rule(const echo_diags *d, const char *rule)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].rule && strcmp(d->items[i].rule, rule) == 0)
			return &d->items[i];
	return NULL;
}

static void test_session_ok(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *st = echo_stream_load_file(path_in(dir, "ok-session.yaml"), NULL, &d);
	CHECK(st != NULL);
	if (!st)
		return;
	CHECK_INT(echo_agenda_kind_of(st->docs[0]), ECHO_AGENDA_SESSION);
	echo_session *s = echo_session_check(st, st->docs[0], NULL, &d);
	CHECK(s != NULL);
	CHECK_INT(d.count, 0);
	CHECK_INT(s->usable, 1);
	CHECK_INT(s->planned, 60);
	CHECK_INT(s->segment_count, 4);
	CHECK_INT(s->segments[1].kind, ECHO_SEGMENT_DIDACTIC);
	CHECK_INT(s->segments[2].start, 25);
	CHECK_INT(s->segments[2].parts[ECHO_CASE_RECOMMENDATIONS], 15);
	CHECK_INT(s->segments[3].start, 55);
	CHECK_INT(s->segments[2].withdrawn, 0);
	CHECK_STR(echo_node_get_text(s->segments[2].case_root, "id"), "TST-2026-001");
	/* 2026-03-12 12:00 CDT is 17:00 UTC. */
	CHECK_INT(s->start_utc, 1773334800);

	echo_buf out = ECHO_BUF_INIT;
	echo_session_text(s, &out);
	CHECK(strstr(echo_buf_cstr(&out), "12:25  Case 1 (TST-2026-001): presentation (10 min)") !=
	      NULL);
	CHECK(strstr(echo_buf_cstr(&out), "12:40    Recommendations (15 min)") != NULL);
	CHECK(strstr(echo_buf_cstr(&out), "13:00  End") != NULL);
	echo_buf_clear(&out);

	echo_tz *ny = NULL;
	CHECK_INT(echo_tz_load("America/New_York", &ny), ECHO_TZ_OK);
	echo_tz *zones[] = {ny};
	echo_agenda_options o = {zones, 1, 1};
	echo_session_json(s, &o, &out);
	const char *json = echo_buf_cstr(&out);
	CHECK(strstr(json, "\"format\": \"echo-agenda/1\"") != NULL);
	CHECK(strstr(json, "\"start\": \"2026-03-12T12:00:00-05:00\"") != NULL);
	CHECK(strstr(json, "\"start\": \"2026-03-12T13:25:00-04:00\"") != NULL);
	CHECK(strstr(json, "\"status\": \"ready\"") != NULL);
	echo_buf_free(&out);

	echo_node *data = echo_session_data(s, &o);
	CHECK(data != NULL);
	const echo_node *rows = echo_node_get(data, "rows");
	/* welcome, didactic, three case parts, wrap-up, end */
	CHECK(rows && rows->count == 7);
	if (rows && rows->count == 7) {
		const echo_node *cells = echo_node_get(rows->items[2], "cells");
		CHECK(cells && cells->count == 2);
		if (cells && cells->count == 2) {
			CHECK_STR(echo_node_get_text(cells->items[0], "time"), "12:25 pm CDT");
			CHECK_STR(echo_node_get_text(cells->items[1], "time"), "1:25 pm EDT");
		}
		CHECK_STR(echo_node_get_text(rows->items[6], "label"), "End");
	}
	CHECK_STR(echo_node_get_text(data, "date_long"), "Thursday, March 12, 2026");
	CHECK_STR(echo_node_get_text(data, "time_range"), "12:00 pm–1:00 pm CDT");
	echo_tz_free(ny);
	echo_session_free(s);
	echo_stream_free(st);
	echo_diags_free(&d);
}

/* A session from text, in a folder, checked. */
static echo_session *session_from(const char *folder, const char *yaml, echo_stream **st,
                                  echo_diags *d)
{
	*st = echo_stream_load(path_in(folder, "session.yaml"), yaml, strlen(yaml), NULL, d);
	return *st ? echo_session_check(*st, (*st)->docs[0], NULL, d) : NULL;
}

static void test_session_problems(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *st = NULL;
	static const char overrun[] =
		"schema: echo-session/1\nprogram: P\ntitle: T\ndate: 2026-03-12\nstart: \"12:00\"\n"
		"time_zone: America/Chicago\nduration: 30\nsegments:\n"
		"  - didactic: {title: A talk, minutes: 20}\n"
		"  - discussion: {minutes: 15}\n"
		"  - wrap_up: {minutes: 5}\n";
	echo_session *s = session_from(dir, overrun, &st, &d);
	const echo_diag *e = find_rule(&d, "overrun");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->line, 10);   /* the discussion's minutes */
		CHECK_INT(e->col, 27);
		CHECK(strstr(e->message, "ends at 12:35, 5 minutes after") != NULL);
	}
	CHECK_INT(d.errors, 1);   /* one overrun: the wrap-up moves when it is fixed */
	CHECK_INT(s->usable, 0);
	echo_session_free(s);
	echo_stream_free(st);
	echo_diags_free(&d);

	/* A case with possible PHI is withdrawn, reported in its own file. */
	char tmp[] = "/tmp/echo-agenda-test-XXXXXX";
	CHECK(mkdtemp(tmp) != NULL);
	FILE *f = fopen(path_in(tmp, "phi-case.yaml"), "w");
	CHECK(f != NULL);
	if (f) {
		fputs("schema: echo-case/1\nid: TST-2026-009\npresenter:\n  name: A Presenter, MD\n"
		      "summary: Call her back at 505-555-0134 after the visit.\n"
		      "questions:\n  - What next?\n",
		      f);
		fclose(f);
	}
	static const char with_case[] =
		"schema: echo-session/1\nprogram: P\ntitle: T\ndate: 2026-03-12\nstart: \"12:00\"\n"
		"time_zone: America/Chicago\nduration: 25\nsegments:\n"
		"  - case:\n      file: phi-case.yaml\n"
		"      minutes: {presentation: 10, questions: 5, recommendations: 10}\n";
	s = session_from(tmp, with_case, &st, &d);
	CHECK(s && s->usable);
	CHECK(s && s->segments[0].withdrawn);
	CHECK(has_rule(&d, "phi-"));
	CHECK(has_rule(&d, "case-withdrawn"));
	if (s) {
		echo_buf out = ECHO_BUF_INIT;
		echo_session_text(s, &out);
		CHECK(strstr(echo_buf_cstr(&out), "withdrawn") != NULL);
		CHECK(strstr(echo_buf_cstr(&out), "505") == NULL);
		echo_session_json(s, NULL, &out);
		CHECK(strstr(echo_buf_cstr(&out), "\"status\": \"withdrawn\"") != NULL);
		CHECK(strstr(echo_buf_cstr(&out), "TST-2026-009") == NULL);
		echo_buf_free(&out);
	}
	echo_session_free(s);
	echo_stream_free(st);
	echo_diags_free(&d);

	/* Skipping cases (for tools that only need the times). */
	echo_session_options no_cases = {1, NULL};
	st = echo_stream_load(path_in(tmp, "session.yaml"), with_case, strlen(with_case), NULL, &d);
	s = echo_session_check(st, st->docs[0], &no_cases, &d);
	CHECK_INT(d.count, 0);
	CHECK(s && s->segments[0].case_stream == NULL);
	echo_session_free(s);
	echo_stream_free(st);
	echo_diags_free(&d);
	unlink(path_in(tmp, "phi-case.yaml"));
	rmdir(tmp);

	/* A '|' in a value that goes into a table cell is escaped, once. */
	static const char pipes[] =
		"schema: echo-session/1\nprogram: P\ntitle: T\ndate: 2026-03-12\nstart: \"12:00\"\n"
		"time_zone: America/Chicago\nduration: 20\nsegments:\n"
		"  - didactic: {title: 'Opioids | stimulants \\| alcohol', minutes: 20}\n";
	s = session_from(dir, pipes, &st, &d);
	CHECK_INT(d.count, 0);
	echo_node *data = s ? echo_session_data(s, NULL) : NULL;
	const echo_node *rows = data ? echo_node_get(data, "rows") : NULL;
	CHECK(rows && rows->count == 2);
	if (rows && rows->count == 2)
		CHECK_STR(echo_node_get_text(rows->items[0], "title"),
		          "Opioids \\| stimulants \\| alcohol");
	echo_session_free(s);
	echo_stream_free(st);
	echo_diags_free(&d);
}

static void test_series(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	/* The 2nd and 4th Thursday across the March change to daylight time
	 * and a skipped date, with an extra one. */
	static const char yaml[] =
		"schema: echo-series/1\nprogram: P\nfirst_date: 2026-02-01\nend_date: 2026-04-30\n"
		"recurrence: {frequency: monthly, weekday: thursday, nth: [2, 4]}\n"
		"skip_dates: [{date: 2026-03-26, reason: spring break}]\n"
		"extra_dates: [{date: 2026-04-30, note: make-up session}]\n"
		"start: \"12:00\"\nduration: 60\ntime_zone: America/Chicago\n"
		"curriculum: [{title: One}, {title: Two}, {title: Three}]\n";
	echo_stream *st = echo_stream_load("series.yaml", yaml, strlen(yaml), NULL, &d);
	CHECK_INT(echo_agenda_kind_of(st->docs[0]), ECHO_AGENDA_SERIES);
	echo_series *s = echo_series_check(st, st->docs[0], &d);
	CHECK_INT(d.count, 0);
	CHECK(s && s->usable);
	if (!s || !s->usable) {
		echo_series_free(s);
		echo_stream_free(st);
		echo_diags_free(&d);
		return;
	}
	/* Feb 12, Feb 26, Mar 12, (Mar 26 skipped), Apr 9, Apr 23, Apr 30. */
	CHECK_INT(s->date_count, 6);
	static const long long want[] = {
		1770919200,   /* 2026-02-12 18:00Z (CST) */
		1772128800,   /* 2026-02-26 18:00Z */
		1773334800,   /* 2026-03-12 17:00Z (CDT) */
		1775754000,   /* 2026-04-09 17:00Z */
		1776963600,   /* 2026-04-23 17:00Z */
		1777568400,   /* 2026-04-30 17:00Z, the extra date */
	};
	for (size_t i = 0; i < s->date_count && i < 6; i++)
		CHECK_INT(s->dates[i].start_utc, want[i]);
	CHECK_INT(s->dates[5].extra, 1);
	CHECK_INT(s->dates[4].extra, 0);
	CHECK_STR(echo_node_get_text(s->dates[2].topic, "title"), "Three");
	CHECK(s->dates[3].topic == NULL);
	CHECK_INT(s->skipped_count, 1);
	CHECK_STR(s->skipped[0].reason, "spring break");

	echo_node *data = echo_series_data(s, NULL);
	const echo_node *rows = data ? echo_node_get(data, "rows") : NULL;
	CHECK(rows && rows->count == 7);   /* six sessions and the skipped date */
	if (rows && rows->count == 7) {
		const echo_node *cells = echo_node_get(rows->items[1], "cells");
		CHECK_STR(echo_node_get_text(cells->items[0], "time"), "12:00–13:00 CST");
		cells = echo_node_get(rows->items[2], "cells");
		CHECK_STR(echo_node_get_text(cells->items[0], "time"), "12:00–13:00 CDT");
		CHECK_INT(echo_node_get(rows->items[3], "skipped")->boolean, 1);
		CHECK_STR(echo_node_get_text(rows->items[6], "note"), "make-up session");
	}
	CHECK_STR(echo_node_get_text(data, "schedule"), "The 2nd and 4th Thursday of each month");
	echo_buf out = ECHO_BUF_INIT;
	echo_series_text(s, &s->dates[2], &out);
	CHECK(strstr(echo_buf_cstr(&out), "session 3 of 6") != NULL);
	CHECK(strstr(echo_buf_cstr(&out), "Didactic: Three") != NULL);
	echo_buf_clear(&out);
	echo_series_json(s, NULL, &out);
	CHECK(strstr(echo_buf_cstr(&out), "\"date\": \"2026-03-26\"") != NULL);
	CHECK(strstr(echo_buf_cstr(&out), "\"start\": \"2026-04-30T12:00:00-05:00\"") != NULL);
	echo_buf_free(&out);
	echo_series_free(s);
	echo_stream_free(st);
	echo_diags_free(&d);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_session ERRORS-DIR\n");
		return 2;
	}
	dir = argv[1];
	test_session_ok();
	test_session_problems();
	test_series();
	TEST_EXIT();
}
