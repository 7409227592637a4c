/* Attendance import and credit: C API tests for every edge case (no
 * arguments), error goldens ("error DIR FILE": the exact diagnostics of a
 * bad export), example goldens ("examples EXAMPLES GOLDEN": the reports
 * of examples/attendance), and the examples of doc/attendance.md ("doc DOC
 * SOURCE DIR...").  GOLDEN_UPDATE=1 rewrites goldens. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <echo/attendance.h>

#include "testutil.h"

static echo_wallclock at(int y, int mo, int d, int h, int mi, int s)
{
	echo_wallclock t = 0;
	if (echo_wallclock_make(y, mo, d, h, mi, s, &t) != 0) {
		fprintf(stderr, "bad time in a test\n");
		exit(2);
	}
	return t;
}

/* 12:00 to 13:00 on 2026-03-12, the example session. */
static echo_session_credit_options noon(unsigned percent)
{
	echo_session_credit_options o;
	memset(&o, 0, sizeof o);
	o.has_window = 1;
	o.start = at(2026, 3, 12, 12, 0, 0);
	o.end = at(2026, 3, 12, 13, 0, 0);
	o.rule.min_percent = percent;
	return o;
}

static echo_attendance *load_kind(const char *text, echo_attendance_kind kind, echo_diags *d)
{
	return echo_attendance_load("t.csv", text, strlen(text), kind, NULL, d);
}

static echo_attendance *load(const char *text, echo_diags *d)
{
	return load_kind(text, ECHO_ATTENDANCE_AUTO, d);
}

/* The diagnostics, one "line:col: severity: message [rule]" each. */
static const char *diag_text(const echo_diags *d)
{
	static echo_buf b;
	echo_buf_clear(&b);
	for (size_t i = 0; i < d->count; i++) {
		const echo_diag *g = &d->items[i];
		echo_buf_printf(&b, "%zu:%zu: %s: %s [%s]\n", g->line, g->col,
		                echo_severity_name(g->severity), g->message, g->rule ? g->rule : "");
	}
	return echo_buf_cstr(&b);
}

/* The first error's "line:col: message [rule]". */
static const char *first_error(const char *text)
{
	static char out[1024];
	echo_diags d = ECHO_DIAGS_INIT;
	echo_attendance *a = load(text, &d);
	out[0] = '\0';
	if (a)
		snprintf(out, sizeof out, "(loaded)");
	for (size_t i = 0; i < d.count && !out[0]; i++)
		if (d.items[i].severity == ECHO_ERROR)
			snprintf(out, sizeof out, "%zu:%zu: %s [%s]", d.items[i].line, d.items[i].col,
			         d.items[i].message, d.items[i].rule);
	echo_attendance_free(a);
	echo_diags_free(&d);
	return out;
}

static const echo_session_person *person(const echo_session_credit *c, const char *key)
{
	for (size_t i = 0; i < c->count; i++)
		if (strcmp(c->people[i].key, key) == 0)
			return &c->people[i];
	fprintf(stderr, "no person %s\n", key);
	return NULL;
}

static long long minutes_of(const echo_session_credit *c, const char *key)
{
	const echo_session_person *p = person(c, key);
	return p ? p->seconds / 60 : -1;
}

static long long seconds_of(const echo_session_credit *c, const char *key)
{
	const echo_session_person *p = person(c, key);
	return p ? p->seconds : -1;
}

static size_t notes_of(const echo_session_credit *c, echo_attendance_note_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < c->note_count; i++)
		n += c->notes[i].kind == kind;
	return n;
}

#define HDR "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
#define DETAILS "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n" \
	"845 2213 0967,Rural ECHO,03/12/2026 11:52:10 AM,03/12/2026 01:04:40 PM,host@example.org,73,3\r\n\r\n"

/* A loaded export with a session computed over 12:00-13:00. */
struct run {
	echo_diags d;
	echo_attendance *a;
	echo_session_credit *c;
};

static void run_start(struct run *r, const char *text, const echo_session_credit_options *o)
{
	memset(r, 0, sizeof *r);
	echo_diags init = ECHO_DIAGS_INIT;
	r->d = init;
	r->a = load(text, &r->d);
	if (!r->a) {
		fprintf(stderr, "load failed:\n%s", diag_text(&r->d));
		test_failures++;
		return;
	}
	r->c = echo_session_credit_compute(r->a, o, &r->d);
	if (!r->c) {
		fprintf(stderr, "compute failed:\n%s", diag_text(&r->d));
		test_failures++;
	}
}

static void run_end(struct run *r)
{
	echo_session_credit_free(r->c);
	echo_attendance_free(r->a);
	echo_diags_free(&r->d);
}

/* ---- Times ------------------------------------------------------------ */

static echo_wallclock parse(const char *s)
{
	echo_wallclock t = -1;
	const char *why = NULL;
	if (echo_wallclock_parse(s, strlen(s), &t, &why) != 0)
		return -1;
	return t;
}

static const char *parse_why(const char *s)
{
	echo_wallclock t;
	const char *why = "(parsed)";
	echo_wallclock_parse(s, strlen(s), &t, &why);
	return why;
}

static void test_times(void)
{
	CHECK_INT(parse("03/12/2026 11:58:31 AM"), at(2026, 3, 12, 11, 58, 31));
	CHECK_INT(parse("3/12/2026 1:05 PM"), at(2026, 3, 12, 13, 5, 0));
	CHECK_INT(parse("  03/12/2026 01:05:00 pm "), at(2026, 3, 12, 13, 5, 0));
	/* 12-hour edges: 12 AM is midnight, 12 PM is noon. */
	CHECK_INT(parse("03/12/2026 12:00:00 AM"), at(2026, 3, 12, 0, 0, 0));
	CHECK_INT(parse("03/12/2026 12:30:15 AM"), at(2026, 3, 12, 0, 30, 15));
	CHECK_INT(parse("03/12/2026 12:00:00 PM"), at(2026, 3, 12, 12, 0, 0));
	CHECK_INT(parse("03/12/2026 12:59:59 PM"), at(2026, 3, 12, 12, 59, 59));
	CHECK_INT(parse("03/12/2026 11:59:59 PM"), at(2026, 3, 12, 23, 59, 59));
	CHECK_INT(parse("03/12/2026 01:00:00 AM"), at(2026, 3, 12, 1, 0, 0));
	/* 24-hour and ISO forms, and the webinar report's month names. */
	CHECK_INT(parse("03/12/2026 13:05"), at(2026, 3, 12, 13, 5, 0));
	CHECK_INT(parse("2026-03-12 13:05"), at(2026, 3, 12, 13, 5, 0));
	CHECK_INT(parse("2026-03-12T13:05:09"), at(2026, 3, 12, 13, 5, 9));
	CHECK_INT(parse("Mar 12, 2026 11:58:31"), at(2026, 3, 12, 11, 58, 31));
	CHECK_INT(parse("March 12, 2026 1:05 PM"), at(2026, 3, 12, 13, 5, 0));
	CHECK_INT(parse("Sept 1 2026 09:00"), at(2026, 9, 1, 9, 0, 0));
	CHECK_INT(parse("02/29/2028 10:00 AM"), at(2028, 2, 29, 10, 0, 0));
	CHECK_STR(parse_why("03/12/2026 13:05 PM"), "hour out of range (1-12 with AM or PM)");
	CHECK_STR(parse_why("03/12/2026 00:30 AM"), "hour out of range (1-12 with AM or PM)");
	CHECK_STR(parse_why("03/12/2026 24:00"), "hour out of range (0-23)");
	CHECK_STR(parse_why("03/12/2026 10:60"), "minute out of range");
	CHECK_STR(parse_why("03/12/2026 10:59:60"), "second out of range");
	CHECK_STR(parse_why("02/29/2026 10:00"), "no such day: the month is shorter");
	CHECK_STR(parse_why("03/12/1899 10:00"), "year out of range (1900-2999)");
	CHECK_STR(parse_why("03/12/3000 10:00"), "year out of range (1900-2999)");
	CHECK_STR(parse_why("13/12/2026 10:00"), "month out of range (dates are month first: MM/DD/YYYY)");
	CHECK_STR(parse_why("2026-03-12T13:05:00Z"),
	          "time zone offsets are not supported: times are local wall-clock times");
	CHECK_STR(parse_why("2026-03-12 13:05:00.250"), "fractions of a second are not supported");
	CHECK_STR(parse_why("03/12/2026"), "a date without a time");
	CHECK_STR(parse_why(""), "the time is empty");
	CHECK_STR(parse_why("--"), "expected a date and time such as 03/12/2026 11:58:31 AM");
	CHECK_STR(parse_why("03/12/26 10:00"), "expected a date and time such as 03/12/2026 11:58:31 AM");
	CHECK_STR(parse_why("03/12/2026 10:00 AM EST"), "unexpected text after the time");
	CHECK_STR(parse_why("03/12/2026 10h00"), "expected a time of day after the date, such as 11:58:31 AM");
	CHECK_STR(parse_why("Foo 12, 2026 10:00"), "expected a date and time such as 03/12/2026 11:58:31 AM");
	char buf[24];
	echo_wallclock_format(at(2026, 3, 12, 13, 5, 0), buf, sizeof buf);
	CHECK_STR(buf, "2026-03-12 13:05");
	echo_wallclock_format(at(2026, 12, 31, 23, 59, 59), buf, sizeof buf);
	CHECK_STR(buf, "2026-12-31 23:59:59");
	echo_wallclock t;
	CHECK_INT(echo_wallclock_make(2026, 2, 29, 0, 0, 0, &t), -1);
	/* The years every format accepts, 1900-2999 (doc/limits.md); before
	 * 1970 the time is negative and still formats as written. */
	CHECK_INT(echo_wallclock_make(1899, 12, 31, 23, 59, 0, &t), -1);
	CHECK_INT(echo_wallclock_make(3000, 1, 1, 0, 0, 0, &t), -1);
	CHECK_INT(echo_wallclock_make(1900, 1, 1, 0, 0, 0, &t), 0);
	echo_wallclock_format(t, buf, sizeof buf);
	CHECK_STR(buf, "1900-01-01 00:00");
	CHECK_INT(echo_wallclock_make(1969, 12, 31, 23, 30, 15, &t), 0);
	echo_wallclock_format(t, buf, sizeof buf);
	CHECK_STR(buf, "1969-12-31 23:30:15");
	CHECK_INT(echo_wallclock_day(t), -1);
	CHECK_INT(echo_wallclock_make(2999, 12, 31, 23, 59, 0, &t), 0);
	echo_wallclock_format(t, buf, sizeof buf);
	CHECK_STR(buf, "2999-12-31 23:59");
}

/* ---- Meeting reports --------------------------------------------------- */

static void test_meeting(void)
{
	/* A byte-order mark, CRLF, the details block, quoted commas, and
	 * extra columns in any order. */
	const char *csv = "\xef\xbb\xbf" DETAILS
		"Guest,Leave Time,Join Time,User Email,Name (Original Name),In Waiting Room,Extra\r\n"
		"No,03/12/2026 12:30:00 PM,03/12/2026 12:00:00 PM,ana.ruiz@example.org,\"Ruiz, Ana, MD\",No,x\r\n"
		"Yes,03/12/2026 12:50:00 PM,03/12/2026 12:10:00 PM,,\"Lee, \"\"Sam\"\"\",No,\r\n";
	echo_diags d = ECHO_DIAGS_INIT;
	echo_attendance *a = load(csv, &d);
	CHECK(a != NULL);
	CHECK_INT(d.count, 0);
	if (!a)
		return;
	CHECK_INT(a->kind, ECHO_ATTENDANCE_MEETING);
	CHECK_STR(a->topic, "Rural ECHO");
	CHECK_STR(a->meeting_id, "845 2213 0967");
	CHECK_INT(a->has_window, 1);
	CHECK_INT(a->start, at(2026, 3, 12, 11, 52, 10));
	CHECK_INT(a->end, at(2026, 3, 12, 13, 4, 40));
	CHECK_INT(a->count, 2);
	CHECK_STR(a->rows[0].name, "Ruiz, Ana, MD");
	CHECK_STR(a->rows[0].email, "ana.ruiz@example.org");
	CHECK_INT(a->rows[0].line, 5);
	CHECK_INT(a->rows[0].guest, 0);
	CHECK_INT(a->rows[0].join, at(2026, 3, 12, 12, 0, 0));
	CHECK_STR(a->rows[1].name, "Lee, \"Sam\"");
	CHECK_INT(a->rows[1].line, 6);
	CHECK_INT(a->rows[1].guest, 1);
	echo_attendance_free(a);
	echo_diags_free(&d);

	/* No details block, LF only, newer lower-case headings; the window
	 * must then come from the caller. */
	const char *plain = "Name (original name),Email,Join time,Leave time,Duration (minutes),Guest\n"
		"Ana Ruiz,ana@example.org,03/12/2026 12:00 PM,03/12/2026 12:45 PM,45,No\n";
	a = load(plain, &d);
	CHECK(a != NULL && a->kind == ECHO_ATTENDANCE_MEETING && !a->has_window);
	echo_session_credit *c = a ? echo_session_credit_compute(a, NULL, &d) : NULL;
	CHECK(c == NULL);
	CHECK_STR(diag_text(&d),
	          "0:0: error: no session window: the meeting export has no meeting times; give the "
	          "session's scheduled start and end [attendance-window]\n");
	echo_diags_free(&d);
	echo_session_credit_options o = noon(75);
	c = a ? echo_session_credit_compute(a, &o, &d) : NULL;
	CHECK(c != NULL);
	if (c) {
		CHECK_INT(minutes_of(c, "ana@example.org"), 45);
		CHECK_INT(person(c, "ana@example.org")->credit, ECHO_CREDIT_MET);
		CHECK_STR(c->label, "2026-03-12");
	}
	echo_session_credit_free(c);
	echo_attendance_free(a);
	echo_diags_free(&d);

	/* The export's own window is used when the caller gives none. */
	struct run r;
	run_start(&r, DETAILS HDR "Ana,ana@example.org,03/12/2026 11:52:10 AM,03/12/2026 01:04:40 PM,73,No\r\n",
	          NULL);
	if (r.c) {
		CHECK_INT(r.c->start, at(2026, 3, 12, 11, 52, 10));
		CHECK_INT(seconds_of(r.c, "ana@example.org"), 72 * 60 + 30);
	}
	run_end(&r);
}

static void test_one_table_layout(void)
{
	/* The one-table layout repeats the meeting on every row, with the
	 * host's "User Email" before the participant's. */
	const char *csv = "Topic,Meeting ID,User Name,User Email,Start Time,End Time,Duration (Minutes),"
		"Participants,Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
		"Rural ECHO,845 2213 0967,Host,host@example.org,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,2,"
		"Ana Ruiz,ana@example.org,03/12/2026 12:05 PM,03/12/2026 12:55 PM,50,No\n"
		"Rural ECHO,845 2213 0967,Host,host@example.org,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,2,"
		"Ben Ode,ben@example.org,03/12/2026 12:10 PM,03/12/2026 12:20 PM,10,No\n";
	struct run r;
	run_start(&r, csv, NULL);
	if (r.c) {
		CHECK_INT(r.a->has_window, 1);
		CHECK_STR(r.a->topic, "Rural ECHO");
		CHECK_INT(r.c->count, 2);
		CHECK_INT(minutes_of(r.c, "ana@example.org"), 50);
		CHECK_INT(minutes_of(r.c, "ben@example.org"), 10);
	}
	run_end(&r);
}

static void test_rejoin_and_overlap(void)
{
	echo_session_credit_options o = noon(0);
	struct run r;
	run_start(&r, HDR
		/* Left and rejoined: 12:00-12:20 and 12:30-12:50 = 40 minutes. */
		"Ana Ruiz,ana@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:20:00 PM,20,No\r\n"
		"Ana Ruiz,ana@example.org,03/12/2026 12:30:00 PM,03/12/2026 12:50:00 PM,20,No\r\n"
		/* Laptop 12:00-12:40 and phone 12:30-12:55: union 55, not 65. */
		"Ben Ode,ben@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:40:00 PM,40,No\r\n"
		"Ben's iPhone,BEN@Example.org,03/12/2026 12:30:00 PM,03/12/2026 12:55:00 PM,25,No\r\n"
		/* A row inside another, and one that touches the end of it. */
		"Cy Dunn,cy@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:30:00 PM,30,No\r\n"
		"Cy Dunn,cy@example.org,03/12/2026 12:10:00 PM,03/12/2026 12:20:00 PM,10,No\r\n"
		"Cy Dunn,cy@example.org,03/12/2026 12:30:00 PM,03/12/2026 12:35:30 PM,6,No\r\n"
		/* An exact duplicate row counts once. */
		"Di Eng,di@example.org,03/12/2026 12:05:00 PM,03/12/2026 12:15:00 PM,10,No\r\n"
		"Di Eng,di@example.org,03/12/2026 12:05:00 PM,03/12/2026 12:15:00 PM,10,No\r\n"
		/* Someone whose name is a column title is still a person. */
		"Participant,,03/12/2026 12:00:00 PM,03/12/2026 12:01:00 PM,1,Yes\r\n"
		/* Rows out of order still merge. */
		"Ed Fox,ed@example.org,03/12/2026 12:40:00 PM,03/12/2026 12:50:00 PM,10,No\r\n"
		"Ed Fox,ed@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:45:00 PM,45,No\r\n", &o);
	if (r.c) {
		CHECK_INT(r.c->count, 6);
		CHECK_INT(minutes_of(r.c, "name:participant"), 1);
		CHECK_INT(minutes_of(r.c, "ana@example.org"), 40);
		CHECK_INT(person(r.c, "ana@example.org")->rows, 2);
		CHECK_INT(minutes_of(r.c, "ben@example.org"), 55);
		CHECK_INT(person(r.c, "ben@example.org")->rows, 2);
		CHECK_INT(seconds_of(r.c, "cy@example.org"), 35 * 60 + 30);
		CHECK_INT(minutes_of(r.c, "di@example.org"), 10);
		CHECK_INT(person(r.c, "di@example.org")->rows, 2);
		CHECK_INT(minutes_of(r.c, "ed@example.org"), 50);
		CHECK_INT(person(r.c, "ed@example.org")->first_line, 12);
		CHECK_INT(r.c->note_count, 1);
	}
	run_end(&r);
}

static void test_clipping(void)
{
	echo_session_credit_options o = noon(0);
	struct run r;
	run_start(&r, HDR
		"Early,early@example.org,03/12/2026 11:40:00 AM,03/12/2026 12:10:00 PM,30,No\r\n"
		"Late,late@example.org,03/12/2026 12:50:00 PM,03/12/2026 01:30:00 PM,40,No\r\n"
		"Both,both@example.org,03/12/2026 11:00:00 AM,03/12/2026 02:00:00 PM,180,No\r\n"
		"Before,before@example.org,03/12/2026 11:30:00 AM,03/12/2026 11:59:59 AM,30,No\r\n"
		"After,after@example.org,03/12/2026 01:00:00 PM,03/12/2026 01:10:00 PM,10,No\r\n"
		"Midnight,midnight@example.org,03/12/2026 12:10:00 AM,03/12/2026 12:50:00 AM,40,No\r\n", &o);
	if (r.c) {
		CHECK_INT(minutes_of(r.c, "early@example.org"), 10);
		CHECK_INT(minutes_of(r.c, "late@example.org"), 10);
		CHECK_INT(minutes_of(r.c, "both@example.org"), 60);
		CHECK_INT(minutes_of(r.c, "before@example.org"), 0);
		CHECK_INT(minutes_of(r.c, "after@example.org"), 0);
		/* 12:10 AM is ten past midnight, half a day before the session. */
		CHECK_INT(minutes_of(r.c, "midnight@example.org"), 0);
		CHECK_INT(person(r.c, "before@example.org")->credit, ECHO_CREDIT_NOT_MET);
		/* Connected only before the start: not present. */
		CHECK_INT(person(r.c, "before@example.org")->absent, 1);
		CHECK_INT(person(r.c, "before@example.org")->source, ECHO_MINUTES_NONE);
		CHECK_INT(echo_session_person_present(person(r.c, "before@example.org")), 0);
		CHECK_INT(notes_of(r.c, ECHO_ATT_OUTSIDE), 3);
		CHECK_STR(diag_text(&r.d),
		          "5:1: note: 'Before' was there only outside the session (2026-03-12 11:30 to "
		          "2026-03-12 11:59:59); no minutes counted [attendance-outside]\n"
		          "6:1: note: 'After' was there only outside the session (2026-03-12 13:00 to "
		          "2026-03-12 13:10); no minutes counted [attendance-outside]\n"
		          "7:1: note: 'Midnight' was there only outside the session (2026-03-12 00:10 to "
		          "2026-03-12 00:50); no minutes counted [attendance-outside]\n");
	}
	run_end(&r);
}

static void test_waiting_room(void)
{
	echo_session_credit_options o = noon(0);
	struct run r;
	run_start(&r, "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,"
		"Recording Consent,In Waiting Room\r\n"
		"Ana,ana@example.org,03/12/2026 11:55:00 AM,03/12/2026 12:05:00 PM,10,No,,Yes\r\n"
		"Ana,ana@example.org,03/12/2026 12:05:00 PM,03/12/2026 12:35:00 PM,30,No,Y,No\r\n"
		"Ben,ben@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:59:00 PM,59,No,,Yes\r\n", &o);
	if (r.c) {
		CHECK_INT(minutes_of(r.c, "ana@example.org"), 30);
		CHECK_INT(minutes_of(r.c, "ben@example.org"), 0);
		CHECK_INT(person(r.c, "ben@example.org")->absent, 1);
		CHECK_INT(person(r.c, "ben@example.org")->rows, 1);
		CHECK_INT(notes_of(r.c, ECHO_ATT_WAITING), 2);
	}
	run_end(&r);
}

/* ---- Names ------------------------------------------------------------ */

static const char *key(const char *name)
{
	static echo_buf k, alt;
	static char out[256];
	echo_buf_clear(&k);
	echo_buf_clear(&alt);
	echo_attendance_name_key(name, &k, &alt);
	if (alt.len)
		snprintf(out, sizeof out, "%s|%s", echo_buf_cstr(&k), echo_buf_cstr(&alt));
	else
		snprintf(out, sizeof out, "%s", echo_buf_cstr(&k));
	return out;
}

static void test_name_keys(void)
{
	CHECK_STR(key("Ana Ruiz"), "ana ruiz");
	CHECK_STR(key("  ANA   ruiz "), "ana ruiz");
	CHECK_STR(key("Renée Dubois"), "renee dubois");
	CHECK_STR(key("Dubois, Renée"), "renee dubois");
	CHECK_STR(key("Jordan Reyes, FNP"), "jordan reyes");
	CHECK_STR(key("Reyes, Jordan, FNP-BC"), "jordan reyes");
	CHECK_STR(key("Tomás Ibarra MD"), "tomas ibarra");
	CHECK_STR(key("Tomás Ibarra, MD, MPH"), "tomas ibarra");
	CHECK_STR(key("Ana Do"), "ana do");
	CHECK_STR(key("Dr. Miriam Castellano"), "miriam castellano");
	CHECK_STR(key("Dr Kim"), "dr kim");
	CHECK_STR(key("Grace O'Connell"), "grace oconnell");
	CHECK_STR(key("Grace O\u2019Connell"), "grace oconnell");
	CHECK_STR(key("Elena Ruiz-Sánchez"), "elena ruiz sanchez");
	CHECK_STR(key("Søren Ærø Straße"), "soren aero strasse");
	CHECK_STR(key("Łukasz Żółć"), "lukasz zolc");
	/* Device suffixes, possessives and models. */
	CHECK_STR(key("Mateo Alvarez - iPhone"), "mateo alvarez");
	CHECK_STR(key("Mateo Alvarez \u2013 iPad"), "mateo alvarez");
	CHECK_STR(key("Kwame's iPhone"), "kwame");
	CHECK_STR(key("Bobby Tsosie\u2019s iPad Pro"), "bobby tsosie");
	CHECK_STR(key("Ana on Galaxy S21"), "ana");
	CHECK_STR(key("Ana Ruiz (iPhone)"), "ana ruiz");
	CHECK_STR(key("iPhone"), "iphone");
	CHECK_STR(key("Phone Ng"), "phone ng");
	/* Parentheses: pronouns and roles dropped, an original name kept. */
	CHECK_STR(key("Lena Park (she/her)"), "lena park");
	CHECK_STR(key("Miriam Castellano (Host)"), "miriam castellano");
	CHECK_STR(key("Wei Chen (Chen Wei)"), "wei chen|chen wei");
	CHECK_STR(key("Ana R (Ana Ruiz)"), "ana r|ana ruiz");
	CHECK_STR(key("(Ana Ruiz)"), "ana ruiz");
	CHECK_STR(key("Call-in User_1"), "call in user 1");
	CHECK_STR(key("Иван Петров"), "Иван Петров");
	CHECK_STR(key("Ana 🙂 Ruiz"), "ana ruiz");
	CHECK_STR(key(""), "");
}

static void test_name_matching(void)
{
	echo_session_credit_options o = noon(0);
	struct run r;
	run_start(&r, HDR
		"Mateo Alvarez,mateo@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:25:00 PM,25,No\r\n"
		"\"Dubois, Renée\",renee@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:10:00 PM,10,No\r\n"
		"Wei Chen (Chen Wei),wei@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:10:00 PM,10,No\r\n"
		"Ana Maria Ruiz,ana@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:10:00 PM,10,No\r\n"
		"Sam Lee,sam.lee@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:05:00 PM,5,No\r\n"
		"Sam Lee,slee@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:05:00 PM,5,No\r\n"
		/* Rows without an email, matched by name: */
		"Mateo Alvarez - iPhone,,03/12/2026 12:24:00 PM,03/12/2026 12:40:00 PM,16,Yes\r\n"
		"renee dubois,,03/12/2026 12:20:00 PM,03/12/2026 12:30:00 PM,10,Yes\r\n"
		"Chen Wei,,03/12/2026 12:20:00 PM,03/12/2026 12:30:00 PM,10,Yes\r\n"
		"Ana Ruiz,,03/12/2026 12:20:00 PM,03/12/2026 12:30:00 PM,10,Yes\r\n"
		/* ... and not: two people are called Sam Lee; no one is Oliver. */
		"Sam Lee,,03/12/2026 12:20:00 PM,03/12/2026 12:30:00 PM,10,Yes\r\n"
		"Oliver B,,03/12/2026 12:20:00 PM,03/12/2026 12:30:00 PM,10,Yes\r\n"
		"Oliver B - iPad,,03/12/2026 12:40:00 PM,03/12/2026 12:45:00 PM,5,Yes\r\n", &o);
	if (r.c) {
		CHECK_INT(minutes_of(r.c, "mateo@example.org"), 40);
		CHECK_INT(person(r.c, "mateo@example.org")->by_name, 1);
		CHECK_INT(person(r.c, "mateo@example.org")->guest, 0);
		CHECK_INT(minutes_of(r.c, "renee@example.org"), 20);
		CHECK_INT(minutes_of(r.c, "wei@example.org"), 20);
		CHECK_INT(minutes_of(r.c, "ana@example.org"), 20);
		CHECK_INT(minutes_of(r.c, "sam.lee@example.org"), 5);
		CHECK_INT(minutes_of(r.c, "name:sam lee"), 10);
		/* Oliver's two devices are one person known only by name. */
		CHECK_INT(minutes_of(r.c, "name:oliver b"), 15);
		CHECK_INT(person(r.c, "name:oliver b")->rows, 2);
		CHECK_INT(person(r.c, "name:oliver b")->guest, 1);
		CHECK_STR(person(r.c, "name:oliver b")->email, "");
		CHECK_INT(r.c->count, 8);
		CHECK_INT(notes_of(r.c, ECHO_ATT_AMBIGUOUS), 1);
		CHECK_INT(notes_of(r.c, ECHO_ATT_UNMATCHED), 2);
		CHECK_STR(diag_text(&r.d),
		          "12:1: warning: 'Sam Lee' has no email and its name fits more than one person; "
		          "counted as a separate person [attendance-ambiguous]\n"
		          "13:1: warning: 'Oliver B' has no email and matches no one by name; counted as a "
		          "separate person [attendance-unmatched]\n"
		          "14:1: warning: 'Oliver B' has no email and matches no one by name; counted "
		          "as a separate person [attendance-unmatched]\n");
	}
	run_end(&r);
}

static void test_directory(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_attendance *dir = load("# roster: enrolled\nIngrid Solberg <ingrid@example.org>\n"
	                            "Nadia Petrova <nadia@example.org>\nWalk In\n", &d);
	CHECK(dir != NULL && dir->kind == ECHO_ATTENDANCE_ROSTER && dir->count == 3);
	echo_session_credit_options o = noon(75);
	o.directory = dir;
	struct run r;
	run_start(&r, HDR
		"Ingrid Solberg,,03/12/2026 12:01:00 PM,03/12/2026 12:56:00 PM,55,Yes\r\n"
		"Walk-In,,03/12/2026 12:00:00 PM,03/12/2026 12:30:00 PM,30,Yes\r\n"
		"Walk In,walkin@example.org,03/12/2026 12:30:00 PM,03/12/2026 12:40:00 PM,10,No\r\n", &o);
	echo_attendance_free(dir);   /* the result owns its strings */
	if (r.c) {
		CHECK_INT(r.c->count, 3);
		CHECK_INT(minutes_of(r.c, "ingrid@example.org"), 55);
		CHECK_STR(person(r.c, "ingrid@example.org")->name, "Ingrid Solberg");
		CHECK_INT(person(r.c, "ingrid@example.org")->credit, ECHO_CREDIT_MET);
		/* Enrolled and never came: listed, absent. */
		CHECK_INT(person(r.c, "nadia@example.org")->absent, 1);
		CHECK_INT(person(r.c, "nadia@example.org")->source, ECHO_MINUTES_NONE);
		CHECK_INT(person(r.c, "nadia@example.org")->first_line, 0);
		/* Enrolled by name only, then seen with an email: one person. */
		CHECK_INT(minutes_of(r.c, "walkin@example.org"), 40);
		CHECK_INT(r.c->note_count, 0);
	}
	run_end(&r);
	echo_diags_free(&d);
}

/* ---- Other kinds ------------------------------------------------------ */

#define SUPPORTED \
	"supported: Zoom meeting participants (with or without the meeting details), " \
	"Zoom unique users, Zoom webinar attendees, Microsoft Teams attendance (current or " \
	"legacy), or a roster (first line '# roster', or given with --roster)"

static const char *shown(const char *name)
{
	static char out[256];
	echo_buf b = ECHO_BUF_INIT;
	echo_attendance_display_name(name, &b);
	snprintf(out, sizeof out, "%s", echo_buf_cstr(&b));
	echo_buf_free(&b);
	return out;
}

static const echo_session_person *named(const echo_session_credit *c, const char *name)
{
	for (size_t i = 0; i < c->count; i++)
		if (strcmp(c->people[i].name, name) == 0)
			return &c->people[i];
	fprintf(stderr, "no one shown as %s\n", name);
	exit(1);
}

/* People, not connections: names shown cleaned up, rooms and dial-ins
 * recognised, the hub team apart, and one head count. */
static void test_people(void)
{
	CHECK_STR(shown("Lena Park (she/her)"), "Lena Park");
	CHECK_STR(shown("Bobby Tsosie's iPad"), "Bobby Tsosie");
	CHECK_STR(shown("Dubois, Renée"), "Renée Dubois");
	CHECK_STR(shown("carmen yazzie"), "Carmen Yazzie");
	CHECK_STR(shown("ÉLODIE MARTIN"), "Élodie Martin");
	CHECK_STR(shown("Jordan Reyes (Guest)"), "Jordan Reyes");
	CHECK_STR(shown("Ana Ruiz (External)"), "Ana Ruiz");
	CHECK_STR(shown("Jordan Reyes, FNP"), "Jordan Reyes, FNP");
	CHECK_STR(shown("Mateo Alvarez - iPhone"), "Mateo Alvarez");
	CHECK_STR(shown("+1 (505) 555-0142"), "Dial-in caller");
	CHECK_STR(shown("  Wei   Chen (Chen Wei) "), "Wei Chen");
	CHECK_STR(shown("Call-in User_1"), "Call-in User_1");
	CHECK_INT(echo_attendance_name_kind("Valley Clinic Conf Room"), ECHO_PERSON_ROOM);
	CHECK_INT(echo_attendance_name_kind("Zoom Room 2"), ECHO_PERSON_ROOM);
	CHECK_INT(echo_attendance_name_kind("Call-in User_1"), ECHO_PERSON_GENERIC);
	CHECK_INT(echo_attendance_name_kind("iPhone"), ECHO_PERSON_GENERIC);
	CHECK_INT(echo_attendance_name_kind("Galaxy S21"), ECHO_PERSON_GENERIC);
	CHECK_INT(echo_attendance_name_kind("505-555-0142"), ECHO_PERSON_GENERIC);
	CHECK_INT(echo_attendance_name_kind("Kwame's iPhone"), ECHO_PERSON_LEARNER);
	CHECK_INT(echo_attendance_name_kind("Ana Ruiz"), ECHO_PERSON_LEARNER);
	long day = 0;
	CHECK_INT(echo_attendance_name_day("exports/2026-03-12-participants.csv", &day), 0);
	CHECK_INT(day, at(2026, 3, 12, 0, 0, 0) / 86400);
	CHECK_INT(echo_attendance_name_day("2026-03-12/participants_86033127781.csv", &day), -1);
	CHECK_INT(echo_attendance_name_day("x12026-03-12.csv", &day), -1);
	CHECK_INT(echo_attendance_name_day("2026-02-30.csv", &day), -1);

	echo_attendance_faculty hub[] = {{"Dana Whitfield, MD", NULL, "Addiction medicine physician"},
	                                 {"Ana Ruiz", "ana@example.org", "facilitator"},
	                                 {"Absent Person", NULL, "pharmacist"}};
	echo_session_credit_options o = noon(75);
	o.faculty = hub;
	o.faculty_count = 3;
	struct run r;
	run_start(&r, HDR
		"Ana Ruiz,ana@example.org,03/12/2026 11:55 AM,03/12/2026 01:00 PM,65,No\r\n"
		"Dana Whitfield,,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\r\n"
		"Ben Ode,ben@example.org,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\r\n"
		"Early Bird,early@example.org,03/12/2026 11:40 AM,03/12/2026 11:58 AM,18,No\r\n"
		"Clinic Conference Room,,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\r\n"
		/* one dial-in reconnecting, and two at once */
		"Call-in User_1,,03/12/2026 12:00 PM,03/12/2026 12:20 PM,20,No\r\n"
		"Call-in User_1,,03/12/2026 12:25 PM,03/12/2026 01:00 PM,35,No\r\n"
		"iPhone,,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\r\n"
		"iPhone,,03/12/2026 12:05 PM,03/12/2026 12:55 PM,50,No\r\n", &o);
	if (r.c) {
		CHECK_INT(named(r.c, "Dana Whitfield, MD")->kind, ECHO_PERSON_FACULTY);
		CHECK_STR(named(r.c, "Dana Whitfield, MD")->role, "Addiction medicine physician");
		CHECK_INT(named(r.c, "Dana Whitfield, MD")->credit, ECHO_CREDIT_NOT_LEARNER);
		CHECK_INT(person(r.c, "ana@example.org")->kind, ECHO_PERSON_FACULTY);
		CHECK_INT(person(r.c, "ben@example.org")->credit, ECHO_CREDIT_MET);
		CHECK_INT(echo_session_person_present(person(r.c, "early@example.org")), 0);
		CHECK_INT(named(r.c, "Clinic Conference Room")->kind, ECHO_PERSON_ROOM);
		CHECK_INT(named(r.c, "Clinic Conference Room")->credit, ECHO_CREDIT_NOT_LEARNER);
		size_t callin = 0, phones = 0;
		for (size_t i = 0; i < r.c->count; i++) {
			callin += strcmp(r.c->people[i].name, "Call-in User_1") == 0;
			phones += strcmp(r.c->people[i].name, "iPhone") == 0;
			CHECK(strcmp(r.c->people[i].name, "Absent Person") != 0);
		}
		CHECK_INT(callin, 1);   /* a reconnection */
		CHECK_INT(phones, 2);   /* at the same time: two connections */
		CHECK_INT(named(r.c, "Call-in User_1")->seconds, 55 * 60);
		CHECK_INT(named(r.c, "Call-in User_1")->kind, ECHO_PERSON_GENERIC);
		echo_head_count h = echo_session_head_count(r.c);
		CHECK_INT(h.present, 6);   /* Ana, Dana, Ben, the dial-in, two phones */
		CHECK_INT(h.faculty, 2);
		CHECK_INT(h.learners, 4);
		CHECK_INT(h.rooms, 1);
		CHECK_INT(h.absent, 1);
		CHECK_INT(h.credited, 4);
	}
	run_end(&r);

	/* Across sessions: the hub team is never certified, and a dial-in
	 * name is never one person in two sessions. */
	echo_diags d = ECHO_DIAGS_INIT;
	echo_session_credit *c[2];
	for (int i = 0; i < 2; i++) {
		echo_attendance *a = load(HDR
			"Ana Ruiz,ana@example.org,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\r\n"
			"Ben Ode,ben@example.org,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\r\n"
			"Call-in User_1,,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\r\n", &d);
		echo_session_credit_options so = noon(75);
		so.faculty = hub + 1;
		so.faculty_count = 1;
		so.label = i ? "b" : "a";
		c[i] = a ? echo_session_credit_compute(a, &so, &d) : NULL;
		echo_attendance_free(a);
	}
	echo_series_session ss[2] = {{.credit = c[0]}, {.credit = c[1]}};
	echo_series_rule rule = {.min_percent = 100};
	echo_series_credit *s = c[0] && c[1] ? echo_series_credit_compute(ss, 2, &rule, &d) : NULL;
	CHECK(s != NULL);
	if (s) {
		size_t callin = 0;
		for (size_t i = 0; i < s->count; i++) {
			const echo_series_person *p = &s->people[i];
			callin += strcmp(p->name, "Call-in User_1") == 0;
			if (strcmp(p->key, "ana@example.org") == 0) {
				CHECK_INT(p->kind, ECHO_PERSON_FACULTY);
				CHECK_INT(p->certified, 0);
				CHECK_INT(p->present, 2);
			}
			if (strcmp(p->key, "ben@example.org") == 0)
				CHECK_INT(p->certified, 1);
		}
		CHECK_INT(callin, 2);
		echo_buf md = ECHO_BUF_INIT;
		echo_series_credit_write(&md, s, ECHO_TABLE_MARKDOWN);
		CHECK(strstr(echo_buf_cstr(&md), "3 learners, 1 certified; 1 of the hub team, listed "
		                                 "apart and never certified.") != NULL);
		CHECK(strstr(echo_buf_cstr(&md), "| Ana Ruiz | facilitator | 60 | 60 | 2 |\n") != NULL);
		echo_buf_free(&md);
	}
	echo_series_credit_free(s);
	echo_session_credit_free(c[0]);
	echo_session_credit_free(c[1]);
	echo_diags_free(&d);
}

/* A series whose sessions had nobody in them (only a room, or no rows that
 * count) is a series of nobody, not a crash (found by fuzz_attendance). */
static void test_series_of_nobody(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_attendance *a = load(HDR
		"Valley Clinic Conf Room,,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\r\n", &d);
	echo_session_credit_options so = noon(75);
	so.label = "a";
	echo_session_credit *c = a ? echo_session_credit_compute(a, &so, &d) : NULL;
	echo_series_session ss[2] = {{.credit = c}, {.label = "cancelled", .cancelled = 1}};
	echo_series_rule rule = {.min_percent = 50, .min_sessions = 1};
	echo_series_credit *s = c ? echo_series_credit_compute(ss, 2, &rule, &d) : NULL;
	CHECK(s != NULL);
	if (s)
		CHECK_INT(s->count, 0);
	echo_series_credit_free(s);
	echo_session_credit_free(c);
	echo_attendance_free(a);
	echo_diags_free(&d);
}

/* Rules are written so that they cannot be misread: 80% or 10 sessions. */
static void test_rule_parse(void)
{
	echo_series_rule r;
	const char *why = NULL;
	unsigned pct = 0;
	CHECK_INT(echo_series_rule_parse("80%", &r, &why), 0);
	CHECK_INT(r.min_percent, 80);
	CHECK_INT(r.min_sessions, 0);
	CHECK_INT(echo_series_rule_parse(" 10 sessions ", &r, &why), 0);
	CHECK_INT(r.min_percent, 0);
	CHECK_INT(r.min_sessions, 10);
	CHECK_INT(echo_series_rule_parse("80% and 10 sessions", &r, &why), 0);
	CHECK_INT(r.min_percent, 80);
	CHECK_INT(r.min_sessions, 10);
	CHECK_INT(echo_series_rule_parse("1 session", &r, &why), 0);
	CHECK_INT(r.min_sessions, 1);
	static const char *const bad[] = {"80", "", "0%", "101%", "0 sessions", "80% 10 sessions",
		"80% and 90%", "most", "80 percent", "10 sessions and 80% and 2 sessions", NULL};
	for (size_t i = 0; bad[i]; i++) {
		why = NULL;
		if (echo_series_rule_parse(bad[i], &r, &why) == 0 || !why)
			CHECK_STR(bad[i], "(refused)");
	}
	echo_series_rule_parse("80", &r, &why);
	CHECK_STR(why, "a bare number: write a share of the sessions held (80%) or a number of "
	               "sessions (10 sessions)");
	CHECK_INT(echo_percent_parse("75%", &pct, &why), 0);
	CHECK_INT(pct, 75);
	CHECK_INT(echo_percent_parse("75", &pct, &why), -1);
	CHECK_STR(why, "a bare number: write it as a percentage, such as 75%");
	CHECK_INT(echo_percent_parse("120%", &pct, &why), -1);
	/* The one wording of a rule. */
	echo_buf b = ECHO_BUF_INIT;
	echo_series_rule_parse("10 sessions", &r, &why);
	echo_series_rule_describe(&b, &r, 12);
	CHECK_STR(echo_buf_cstr(&b), "credit in at least 10 sessions of the 12 held");
	echo_buf_clear(&b);
	echo_series_rule_parse("75% and 10 sessions", &r, &why);
	echo_series_rule_describe(&b, &r, 12);
	CHECK_STR(echo_buf_cstr(&b), "credit in at least 75% of the sessions held and in at least "
	                             "10 sessions (10 of 12)");
	echo_buf_free(&b);
}

/* Files that are no export are refused, and said what they look like. */
static void test_not_exports(void)
{
	CHECK_STR(first_error("schema: echo-session/1\ntitle: Rural OUD ECHO\ncredit:\n"),
	          "1:1: not a supported attendance export: this looks like YAML (echo-session/1); "
	          SUPPORTED " [attendance-format]");
	CHECK_STR(first_error("# the sheet\ntitle: x\nschema: echo-series/1\n"),
	          "2:1: not a supported attendance export: this looks like YAML (echo-series/1); "
	          SUPPORTED " [attendance-format]");
	CHECK_STR(first_error("{\"format\": \"echo-attendance/1\"}\n"),
	          "1:1: not a supported attendance export: this looks like JSON; " SUPPORTED
	          " [attendance-format]");
	CHECK_STR(first_error("Ana Ruiz\nBen Ode\n"),
	          "1:1: not a supported attendance export: this looks like a plain list of names "
	          "without the roster line '# roster'; " SUPPORTED " [attendance-format]");
	CHECK_STR(first_error("title: Pain, OUD and more\nschema: echo-session/1\n"),
	          "1:1: not a supported attendance export: this looks like YAML (echo-session/1); "
	          SUPPORTED " [attendance-format]");
}

static void test_roster(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_attendance *a = load("\xef\xbb\xbf# Roster\r\nName\r\n\r\nAna Ruiz\r\n# a comment\r\n"
	                          "  Ben Ode <BEN@example.org>  \r\nRuiz, Ana\r\n", &d);
	CHECK(a != NULL);
	CHECK_STR(diag_text(&d), "");
	if (a) {
		CHECK_INT(a->kind, ECHO_ATTENDANCE_ROSTER);
		CHECK_INT(a->count, 3);
		CHECK_STR(a->rows[0].name, "Ana Ruiz");
		CHECK_INT(a->rows[0].line, 4);
		CHECK_STR(a->rows[1].name, "Ben Ode");
		CHECK_STR(a->rows[1].email, "BEN@example.org");
		CHECK_STR(a->rows[2].name, "Ruiz, Ana");
		echo_session_credit_options o = noon(75);
		echo_session_credit *c = echo_session_credit_compute(a, &o, &d);
		CHECK(c != NULL);
		if (c) {
			/* Ana twice ("Last, First"), Ben: presence, no minutes. */
			CHECK_INT(c->count, 2);
			CHECK_INT(person(c, "name:ana ruiz")->rows, 2);
			CHECK_INT(person(c, "name:ana ruiz")->source, ECHO_MINUTES_UNKNOWN);
			CHECK_INT(person(c, "name:ana ruiz")->credit, ECHO_CREDIT_UNKNOWN);
			CHECK_INT(person(c, "ben@example.org")->credit, ECHO_CREDIT_UNKNOWN);
			CHECK_INT(c->note_count, 0);
		}
		echo_session_credit_free(c);
		o.rule.presence_counts = 1;
		c = echo_session_credit_compute(a, &o, &d);
		if (c)
			CHECK_INT(person(c, "ben@example.org")->credit, ECHO_CREDIT_MET);
		echo_session_credit_free(c);
	}
	echo_attendance_free(a);

	/* Asked for a roster, a line with commas is one name. */
	a = load_kind("Ruiz, Ana\nOde, Ben\n", ECHO_ATTENDANCE_ROSTER, &d);
	CHECK(a != NULL && a->count == 2);
	if (a)
		CHECK_STR(a->rows[0].name, "Ruiz, Ana");
	echo_attendance_free(a);
	/* A roster as CSV, with no column that would be ignored. */
	a = load("First Name,Last Name,Email\nAna,Ruiz,ana@example.org\n\"Ode\",Ben,\n", &d);
	CHECK(a != NULL && a->kind == ECHO_ATTENDANCE_ROSTER && a->count == 2);
	if (a) {
		CHECK_STR(a->rows[0].name, "Ana Ruiz");
		CHECK_STR(a->rows[1].name, "Ode Ben");
	}
	echo_attendance_free(a);
	a = load_kind("Name,Email\nAna Ruiz,ana@example.org\n", ECHO_ATTENDANCE_ROSTER, &d);
	CHECK(a != NULL && a->count == 1);
	echo_attendance_free(a);
	CHECK_STR(diag_text(&d), "");
	echo_diags_free(&d);
	CHECK_STR(first_error("# roster\nAna Ruiz\nBen <not-an-email>\n"),
	          "3:5: '<not-an-email>' is not an email address [attendance-row]");
	CHECK_STR(first_error("# roster\n# only a comment\n"),
	          "1:1: the roster lists no one [attendance-empty]");
}

/* Two exports of one session: a meeting restarted under a new ID, and a
 * sign-in sheet of the people in the room. */
static void test_merge(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	const char *first_text = HDR
		"Ana Ruiz,ana@example.org,03/12/2026 12:00 PM,03/12/2026 12:20 PM,20,No\r\n"
		"Ben Ode,ben@example.org,03/12/2026 12:00 PM,03/12/2026 12:20 PM,20,No\r\n";
	echo_attendance *first = echo_attendance_load("first.csv", first_text, strlen(first_text),
		ECHO_ATTENDANCE_AUTO, NULL, &d);
	const char *second_text = HDR
		"Ana Ruiz,ana@example.org,03/12/2026 12:15 PM,03/12/2026 12:50 PM,35,No\r\n"
		"Guest Caller,,03/12/2026 12:25 PM,03/12/2026 12:40 PM,15,Yes\r\n";
	echo_attendance *second = echo_attendance_load("second.csv", second_text,
		strlen(second_text), ECHO_ATTENDANCE_AUTO, NULL, &d);
	const char *room_text = "# roster\nCy Dunn <cy@example.org>\nBen Ode\nDi Eng\n";
	echo_attendance *room = echo_attendance_load("room.txt", room_text, strlen(room_text),
		ECHO_ATTENDANCE_AUTO, NULL, &d);
	CHECK(first && second && room);
	if (first && second && room) {
		const echo_attendance *parts[] = {room, first, second};
		echo_attendance *all = echo_attendance_merge(parts, 3, &d);
		CHECK(all != NULL);
		if (all) {
			CHECK_STR(all->path, "room.txt + first.csv + second.csv");
			CHECK_INT(all->kind, ECHO_ATTENDANCE_MEETING);
			CHECK_INT(all->count, 7);
			CHECK_STR(all->rows[0].path, "room.txt");
			CHECK_STR(all->rows[5].path, "second.csv");
			CHECK_INT(all->rows[5].line, 2);
			echo_session_credit_options o = noon(50);
			echo_session_credit *c = echo_session_credit_compute(all, &o, &d);
			CHECK(c != NULL);
			if (c) {
				/* 12:00-12:20 and 12:15-12:50 across the two meetings. */
				CHECK_INT(minutes_of(c, "ana@example.org"), 50);
				CHECK_INT(person(c, "ana@example.org")->rows, 2);
				/* In the meeting and on the sheet: the meeting's minutes. */
				CHECK_INT(minutes_of(c, "ben@example.org"), 20);
				CHECK_INT(person(c, "cy@example.org")->source, ECHO_MINUTES_UNKNOWN);
				/* A sheet name that fits no one is listed, with its file. */
				CHECK_INT(notes_of(c, ECHO_ATT_UNMATCHED), 2);
				CHECK_STR(c->notes[0].path, "room.txt");
				CHECK_INT(c->notes[0].line, 4);
				CHECK_STR(c->notes[1].path, "second.csv");
				echo_buf md = ECHO_BUF_INIT;
				echo_session_credit_write(&md, c, ECHO_TABLE_MARKDOWN);
				CHECK(strstr(echo_buf_cstr(&md), "\n- room.txt line 4, Di Eng: no email") != NULL);
				echo_buf_free(&md);
			}
			echo_session_credit_free(c);
		}
		echo_attendance_free(all);
	}
	echo_attendance_free(first);
	echo_attendance_free(second);
	echo_attendance_free(room);
	echo_diags_free(&d);
}

static void test_unique_users(void)
{
	echo_session_credit_options o = noon(75);
	struct run r;
	run_start(&r, DETAILS
		"Name (Original Name),User Email,Total Duration (Minutes),Guest\r\n"
		"Ana Ruiz,ana@example.org,73,No\r\n"
		"Ben Ode,ben@example.org,44,No\r\n"
		"Ben Ode - iPhone,,2,Yes\r\n"
		"Cy Dunn,cy@example.org,45,No\r\n", &o);
	if (r.c) {
		CHECK_INT(r.a->kind, ECHO_ATTENDANCE_UNIQUE);
		CHECK_INT(r.a->rows[0].total_minutes, 73);
		CHECK_INT(r.a->rows[0].has_times, 0);
		/* Capped at the session length. */
		CHECK_INT(minutes_of(r.c, "ana@example.org"), 60);
		CHECK_INT(person(r.c, "ana@example.org")->source, ECHO_MINUTES_TOTAL);
		/* Totals add up (a second device is added, not unioned). */
		CHECK_INT(minutes_of(r.c, "ben@example.org"), 46);
		CHECK_INT(person(r.c, "cy@example.org")->credit, ECHO_CREDIT_MET);
	}
	run_end(&r);
	CHECK_STR(first_error("Name (Original Name),User Email,Total Duration (Minutes),Guest\n"
	                      "Ana,ana@example.org,about an hour,No\n"),
	          "2:21: cannot read Total Duration (Minutes) 'about an hour': expected whole minutes "
	          "[attendance-row]");
}

static const char webinar[] =
	"\xef\xbb\xbf" "Attendee Report,,,,,,,,,,,\r\n"
	"Report Generated:,\"Mar 27, 2026 09:12 AM\",,,,,,,,,,\r\n"
	"Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,,,,,,,\r\n"
	"\"Rural ECHO\",\"872 5510 3346\",\"Mar 12, 2026 11:54 AM\",70,3,,,,,,,\r\n"
	"Host Details,,,,,,,,,,,\r\n"
	"Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name,,,,\r\n"
	"Yes,\"Host\",\"host@example.org\",\"Mar 12, 2026 11:54:05\",\"Mar 12, 2026 13:04:12\",71,No,United States,,,,\r\n"
	"Panelist Details,,,,,,,,,,,\r\n"
	"Attendee Details,,,,,,,,,,,\r\n"
	"Attended,User Name (Original Name),First Name,Last Name,Email,Registration Time,Approval Status,"
	"Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name\r\n"
	"Yes,\"Ana Ruiz\",\"Ana\",\"Ruiz\",\"ana@example.org\",\"Mar 1, 2026 10:00:00\",approved,"
	"\"Mar 12, 2026 12:01:10\",\"Mar 12, 2026 12:22:40\",22,No,United States\r\n"
	"Yes,\"Ana Ruiz\",\"Ana\",\"Ruiz\",\"ana@example.org\",\"Mar 1, 2026 10:00:00\",approved,"
	"\"Mar 12, 2026 12:24:05\",\"Mar 12, 2026 12:59:15\",36,No,United States\r\n"
	"No,\"\",\"Ben\",\"Ode\",\"ben@example.org\",\"Mar 2, 2026 10:00:00\",approved,--,--,--,,United States\r\n";

static void test_webinar(void)
{
	struct run r;
	run_start(&r, webinar, NULL);
	if (r.c) {
		CHECK_INT(r.a->kind, ECHO_ATTENDANCE_WEBINAR);
		CHECK_STR(r.a->meeting_id, "872 5510 3346");
		CHECK_INT(r.a->start, at(2026, 3, 12, 11, 54, 0));
		CHECK_INT(r.a->end, at(2026, 3, 12, 13, 4, 0));
		CHECK_INT(r.a->count, 4);
		CHECK_INT(r.a->rows[0].role, ECHO_ROLE_HOST);
		CHECK_INT(r.a->rows[0].line, 7);
		CHECK_INT(r.a->rows[1].role, ECHO_ROLE_ATTENDEE);
		CHECK_INT(r.a->rows[3].attended, 0);
		CHECK_STR(r.a->rows[3].name, "Ben Ode");
		CHECK_INT(minutes_of(r.c, "ana@example.org"), 56);
		CHECK_INT(person(r.c, "ben@example.org")->absent, 1);
		CHECK_INT(person(r.c, "ben@example.org")->source, ECHO_MINUTES_NONE);
	}
	run_end(&r);
	echo_diags d = ECHO_DIAGS_INIT;
	echo_attendance *a = load_kind(webinar, ECHO_ATTENDANCE_MEETING, &d);
	CHECK(a == NULL);
	CHECK_STR(diag_text(&d),
	          "6:1: error: expected a meeting export, found a webinar export [attendance-kind]\n");
	echo_diags_free(&d);
}

/* ---- Errors, with their lines ----------------------------------------- */

static void test_errors(void)
{
	CHECK_STR(first_error(""), "1:1: the file is empty [attendance-empty]");
	CHECK_STR(first_error("\xef\xbb\xbf \r\n\t\r\n"), "1:1: the file is empty [attendance-empty]");
	CHECK_STR(first_error(HDR), "1:1: the participants table has no rows: a session without "
	                            "attendance? [attendance-empty]");
	CHECK_STR(first_error(DETAILS), "1:1: no participants table: expected a header such as "
	          "'Name (Original Name),User Email,Join Time,Leave Time,...' [attendance-empty]");
	CHECK_STR(first_error("Meeting ID,Topic,Start Time,End Time\n"),
	          "1:1: the details header has no data row, and no participants follow [attendance-empty]");
	CHECK_STR(first_error("Nmae,Emial,Jion Time\nAna,ana@example.org,12:00\n"),
	          "1:1: not a supported attendance export: this looks like a table headed "
	          "'Nmae,Emial,Jion Time', which is no supported export's header; " SUPPORTED
	          " [attendance-format]");
	CHECK_STR(first_error("Name (Original Name),User Email,Jion Time,Leave Time,Country\n"),
	          "1:1: the participants header has no 'Join Time' column; is 'Jion Time' meant to be "
	          "'Join Time'? (other columns not recognised: 'Country') [attendance-columns]");
	CHECK_STR(first_error("Name (Original Name),User Email,Joined At,Leave Time\n"),
	          "1:1: the participants header has no 'Join Time' column (not recognised: 'Joined At'); "
	          "a unique-users export has 'Total Duration (Minutes)' instead [attendance-columns]");
	CHECK_STR(first_error("User Email,Join Time,Leave Time\n"),
	          "1:1: the participants header has no 'Name (Original Name)' column [attendance-columns]");
	/* Malformed CSV: a stray quote, text after a closing quote, a quote
	 * never closed (reported where it opened). */
	CHECK_STR(first_error(HDR "Ana \"Bee\" Ruiz,a@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n"),
	          "2:5: a quote inside an unquoted field; quote the whole field and double the quote "
	          "(\"\") [attendance-csv]");
	CHECK_STR(first_error(HDR "\"Ana\" Ruiz,a@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n"),
	          "2:7: text after the closing quote of a field; a quote inside a quoted field is "
	          "written twice (\"\") [attendance-csv]");
	CHECK_STR(first_error(HDR "Ana,a@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n"
	                      "Ben,\"b@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n"
	                      "Cy,c@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n"),
	          "3:5: a quoted field that is never closed (it runs to the end of the file) [attendance-csv]");
	/* A quoted field may hold a line break; the row keeps its first line. */
	CHECK_STR(first_error(HDR "\"Ana\nRuiz\",a@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n"
	                      "Ben,b@example.org,03/12/2026 12:00 PM,noon,5,No\n"),
	          "4:39: cannot read Leave Time 'noon': expected a date and time such as 03/12/2026 "
	          "11:58:31 AM [attendance-time]");
	CHECK_STR(first_error(HDR "Ana,a@example.org,03/12/2026 13:05 PM,03/12/2026 01:30 PM,25,No\n"),
	          "2:19: cannot read Join Time '03/12/2026 13:05 PM': hour out of range (1-12 with AM "
	          "or PM) [attendance-time]");
	CHECK_STR(first_error(HDR "Ana,a@example.org,03/12/2026 12:30 PM,03/12/2026 12:05 PM,0,No\n"),
	          "2:39: Leave Time 2026-03-12 12:05 is before Join Time 2026-03-12 12:30 [attendance-time]");
	CHECK_STR(first_error(HDR "Ana,a@example.org,03/12/2026 12:00 PM\n"),
	          "2:1: the row has 3 fields but the header on line 1 has 6 [attendance-row]");
	CHECK_STR(first_error(HDR "Ana,a@example.org,03/12/2026 12:00 PM"),
	          "2:1: the row has 3 fields but the header on line 1 has 6; the file ends inside "
	          "it: was the export cut short? [attendance-row]");
	CHECK_STR(first_error(HDR "Ruiz, Ana,a@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n"),
	          "2:67: the row has 7 fields but the header on line 1 has 6 (an unquoted comma in a "
	          "name?) [attendance-row]");
	CHECK_STR(first_error(HDR "Ana,a@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No,,surplus\n"),
	          "2:65: the row has 8 fields but the header on line 1 has 6 (an unquoted comma in a "
	          "name?) [attendance-row]");
	CHECK_STR(first_error(HDR "Ana,nobody,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n"),
	          "2:5: 'nobody' in User Email is not an email address [attendance-row]");
	CHECK_STR(first_error(HDR ",,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n"),
	          "2:1: the row has neither a name nor an email [attendance-row]");
	CHECK_STR(first_error(HDR "Ana,a@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n" HDR),
	          "3:1: a second header (the first is on line 1): two exports joined into one "
	          "file? [attendance-row]");
	CHECK_STR(first_error("Participants,,,\nAna,a@example.org,,\n"),
	          "1:1: not a supported attendance export: this looks like a table headed "
	          "'Participants,,,', which is no supported export's header; " SUPPORTED
	          " [attendance-format]");
	CHECK_STR(first_error("Attendee Report\nSurvey Details\n"),
	          "2:1: unknown section 'Survey Details' in a webinar report; expected Host Details, "
	          "Panelist Details or Attendee Details [attendance-section]");
	/* Encodings. */
	/* UTF-16 is decoded (Teams); a broken one is located. */
	CHECK_STR(first_error("\xff\xfeN"), "1:1: invalid UTF-16 (a NUL, a lone surrogate or an "
	                                     "odd byte) [encoding]");
	CHECK_STR(first_error(HDR "Ren\xe9" "e,a@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n"),
	          "2:4: invalid UTF-8 byte 0xE9; save the file as UTF-8 [encoding]");
	CHECK_STR(first_error(HDR "\x93" "Ana\x94,a@example.org\n"),
	          "2:1: invalid UTF-8 byte 0x93 (saved by Excel as Windows-1252? save it as CSV UTF-8) [encoding]");

	/* Every bad row is reported, up to the limit. */
	echo_diags d = ECHO_DIAGS_INIT;
	echo_attendance *a = load(HDR "Ana,a@example.org,soon,03/12/2026 12:05 PM,5,No\n"
	                          "Ben,b@example.org,03/12/2026 12:00 PM,later,5,No\n"
	                          "Cy,c@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n", &d);
	CHECK(a == NULL);
	CHECK_INT(d.errors, 2);
	CHECK_INT(d.items[0].line, 2);
	CHECK_INT(d.items[1].line, 3);
	echo_diags_free(&d);
}

static void test_limits(void)
{
	echo_attendance_limits lim = echo_attendance_default_limits;
	echo_diags d = ECHO_DIAGS_INIT;
	echo_buf big = ECHO_BUF_INIT;
	echo_buf_puts(&big, HDR);
	for (int i = 0; i < 30; i++)
		echo_buf_printf(&big, "P%d,p%d@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n", i, i);
	lim.max_rows = 10;
	echo_attendance *a = echo_attendance_load("t.csv", big.data, big.len, ECHO_ATTENDANCE_AUTO, &lim, &d);
	CHECK(a == NULL);
	CHECK_STR(diag_text(&d), "11:1: error: more than 10 rows [limit-rows]\n");
	echo_diags_free(&d);

	lim = echo_attendance_default_limits;
	lim.max_bytes = 100;
	a = echo_attendance_load("t.csv", big.data, big.len, ECHO_ATTENDANCE_AUTO, &lim, &d);
	CHECK(a == NULL);
	CHECK_STR(diag_text(&d), "0:0: error: input is larger than the limit of 100 bytes [limit-size]\n");
	echo_diags_free(&d);

	/* A row too long, and the quote never closed that makes one. */
	lim = echo_attendance_default_limits;
	lim.max_row_bytes = 200;
	echo_buf_clear(&big);
	echo_buf_puts(&big, HDR "\"Ana,a@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n");
	for (int i = 0; i < 10; i++)
		echo_buf_puts(&big, "Ben,b@example.org,03/12/2026 12:00 PM,03/12/2026 12:05 PM,5,No\n");
	a = echo_attendance_load("t.csv", big.data, big.len, ECHO_ATTENDANCE_AUTO, &lim, &d);
	CHECK(a == NULL);
	CHECK_STR(diag_text(&d), "2:1: error: the row is longer than 200 bytes (a quote that is never "
	                         "closed?) [limit-row]\n");
	echo_diags_free(&d);

	lim = echo_attendance_default_limits;
	lim.max_errors = 3;
	echo_buf_clear(&big);
	echo_buf_puts(&big, HDR);
	for (int i = 0; i < 10; i++)
		echo_buf_puts(&big, "Ana,a@example.org,never,03/12/2026 12:05 PM,5,No\n");
	a = echo_attendance_load("t.csv", big.data, big.len, ECHO_ATTENDANCE_AUTO, &lim, &d);
	CHECK(a == NULL);
	CHECK_INT(d.errors, 4);
	CHECK_STR(d.items[3].message, "more than 3 errors; stopping");
	CHECK_INT(d.items[3].line, 5);
	echo_diags_free(&d);
	echo_buf_free(&big);

	a = echo_attendance_load_file("/nonexistent/zoom.csv", ECHO_ATTENDANCE_AUTO, NULL, &d);
	CHECK(a == NULL && d.errors == 1 && strcmp(d.items[0].rule, "io") == 0);
	echo_diags_free(&d);
}

/* ---- Credit rules and the series --------------------------------------- */

static void test_credit_rules(void)
{
	const char *csv = HDR
		"Exact,exact@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:45:00 PM,45,No\r\n"
		"Short,short@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:44:59 PM,45,No\r\n"
		"Brief,brief@example.org,03/12/2026 12:00:00 PM,03/12/2026 12:00:01 PM,1,No\r\n";
	echo_session_credit_options o = noon(75);
	struct run r;
	run_start(&r, csv, &o);
	if (r.c) {
		CHECK_INT(person(r.c, "exact@example.org")->credit, ECHO_CREDIT_MET);
		CHECK_INT(person(r.c, "short@example.org")->credit, ECHO_CREDIT_NOT_MET);
	}
	run_end(&r);
	o = noon(0);
	o.rule.min_minutes = 45;
	run_start(&r, csv, &o);
	if (r.c) {
		CHECK_INT(person(r.c, "exact@example.org")->credit, ECHO_CREDIT_MET);
		CHECK_INT(person(r.c, "short@example.org")->credit, ECHO_CREDIT_NOT_MET);
	}
	run_end(&r);
	/* Both thresholds must hold. */
	o = noon(50);
	o.rule.min_minutes = 45;
	run_start(&r, csv, &o);
	if (r.c)
		CHECK_INT(person(r.c, "short@example.org")->credit, ECHO_CREDIT_NOT_MET);
	run_end(&r);
	/* None: any time present. */
	o = noon(0);
	run_start(&r, csv, &o);
	if (r.c)
		CHECK_INT(person(r.c, "brief@example.org")->credit, ECHO_CREDIT_MET);
	run_end(&r);
	/* A window given by the caller wins over the export's, and an empty
	 * window is refused. */
	o = noon(0);
	o.end = o.start;
	echo_diags d = ECHO_DIAGS_INIT;
	echo_attendance *a = load(csv, &d);
	CHECK(a && echo_session_credit_compute(a, &o, &d) == NULL);
	CHECK_STR(diag_text(&d), "0:0: error: the session ends before it starts [attendance-window]\n");
	echo_attendance_free(a);
	echo_diags_free(&d);
}

static echo_session_credit *session(const char *csv, int day, echo_credit_rule rule,
                                    echo_diags *d)
{
	echo_attendance *a = load(csv, d);
	if (!a)
		return NULL;
	echo_session_credit_options o;
	memset(&o, 0, sizeof o);
	o.has_window = 1;
	o.start = at(2026, 3, day, 12, 0, 0);
	o.end = at(2026, 3, day, 13, 0, 0);
	o.rule = rule;
	echo_session_credit *c = echo_session_credit_compute(a, &o, d);
	echo_attendance_free(a);
	return c;
}

static const echo_series_person *sperson(const echo_series_credit *s, const char *key)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->people[i].key, key) == 0)
			return &s->people[i];
	fprintf(stderr, "no series person %s\n", key);
	exit(1);
}

static void test_series(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_credit_rule rule = {75, 0, 1};
	echo_session_credit *c[5];
	c[0] = session(HDR
		"Ana Ruiz,ana@example.org,03/05/2026 12:00 PM,03/05/2026 01:00 PM,60,No\n"
		"Ben Ode,ben@example.org,03/05/2026 12:00 PM,03/05/2026 01:00 PM,60,No\n"
		"Cy Dunn,,03/05/2026 12:00 PM,03/05/2026 01:00 PM,60,Yes\n", 5, rule, &d);
	c[1] = session(HDR
		"Ana Ruiz,ANA@example.org,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\n"
		"Ben Ode,ben@example.org,03/12/2026 12:00 PM,03/12/2026 12:30 PM,30,No\n"
		"Cy Dunn,cy@example.org,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\n", 12, rule, &d);
	c[2] = session("# roster\nBen Ode\nRuiz, Ana\n", 19, rule, &d);
	c[3] = NULL;   /* cancelled */
	c[4] = session(HDR
		"Ana Ruiz - iPhone,,03/26/2026 12:00 PM,03/26/2026 01:00 PM,60,Yes\n"
		"Dee Fox,,03/26/2026 12:00 PM,03/26/2026 01:00 PM,60,Yes\n", 26, rule, &d);
	CHECK(c[0] && c[1] && c[2] && c[4]);
	echo_series_session ss[5];
	memset(ss, 0, sizeof ss);
	const char *labels[] = {"03-05", "03-12", "03-19", "03-26 (snow)", "03-26"};
	for (int i = 0; i < 5; i++) {
		ss[i].label = labels[i];
		ss[i].credit = c[i];
	}
	ss[3].cancelled = 1;
	echo_series_rule srule = {.min_percent = 80};
	echo_diags_free(&d);
	echo_series_credit *s = echo_series_credit_compute(ss, 5, &srule, &d);
	CHECK(s != NULL);
	CHECK_STR(diag_text(&d), "");
	if (s) {
		CHECK_INT(s->held, 4);
		CHECK_INT(s->count, 4);
		/* Ana: by email, by case, a roster name turned around, a phone. */
		const echo_series_person *p = sperson(s, "ana@example.org");
		CHECK_INT(p->present, 4);
		CHECK_INT(p->credited, 4);
		CHECK_INT(p->percent, 100);
		CHECK_INT(p->certified, 1);
		CHECK_INT(p->marks[2].source, ECHO_MINUTES_UNKNOWN);
		CHECK_INT(p->marks[3].source, ECHO_MINUTES_NONE);
		CHECK_INT(p->marks[4].seconds, 3600);
		/* Ben: 3 of 4 held is 75%, under 80%. */
		p = sperson(s, "ben@example.org");
		CHECK_INT(p->present, 3);
		CHECK_INT(p->credited, 2);
		CHECK_INT(p->percent, 50);
		CHECK_INT(p->certified, 0);
		/* Cy: a guest without email first, with an email later. */
		p = sperson(s, "cy@example.org");
		CHECK_INT(p->credited, 2);
		CHECK_STR(p->name, "Cy Dunn");
		/* Dee: known only by name. */
		p = sperson(s, "name:dee fox");
		CHECK_INT(p->credited, 1);
		CHECK_STR(p->email, "");
	}
	echo_series_credit_free(s);
	srule.min_percent = 50;
	srule.min_sessions = 3;
	s = echo_series_credit_compute(ss, 5, &srule, &d);
	if (s) {
		CHECK_INT(sperson(s, "cy@example.org")->certified, 0);
		CHECK_INT(sperson(s, "ana@example.org")->certified, 1);
		echo_buf out = ECHO_BUF_INIT;
		CHECK_INT(echo_series_credit_write(&out, s, ECHO_TABLE_MARKDOWN), 0);
		CHECK(strstr(echo_buf_cstr(&out), "(3 of 4)") != NULL);
		CHECK(strstr(echo_buf_cstr(&out), "| 03-26 (snow) (cancelled) |") != NULL);
		CHECK(strstr(echo_buf_cstr(&out), "| Ana Ruiz | ana@example.org | 60 ✓ | 60 ✓ | present ✓ |  | 60 ✓ | 4 | 100% | yes |") != NULL);
		echo_buf_free(&out);
	}
	echo_series_credit_free(s);

	/* A session held without attendance is an error, where it is listed. */
	ss[1].credit = NULL;
	ss[1].path = "series.yaml";
	ss[1].line = 14;
	s = echo_series_credit_compute(ss, 5, &srule, &d);
	CHECK(s == NULL);
	CHECK_STR(diag_text(&d), "14:1: error: session 03-12 has no attendance: give its export, "
	                         "or mark it cancelled [attendance-missing]\n");
	echo_diags_free(&d);
	ss[0].cancelled = ss[1].cancelled = ss[2].cancelled = ss[4].cancelled = 1;
	s = echo_series_credit_compute(ss, 5, &srule, &d);
	CHECK(s == NULL);
	CHECK_STR(diag_text(&d), "0:0: error: the series has no session that was held [attendance-missing]\n");
	echo_diags_free(&d);
	for (int i = 0; i < 5; i++)
		echo_session_credit_free(c[i]);
}

static void test_writers(void)
{
	echo_session_credit_options o = noon(75);
	struct run r;
	run_start(&r, HDR
		"\"=HYPERLINK(\"\"http://x\"\")\",,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,Yes\r\n"
		"\"A | B *bold* <b>\",ab@example.org,03/12/2026 12:00 PM,03/12/2026 12:10 PM,10,No\r\n"
		"\"Ruiz, Ana\",ana@example.org,03/12/2026 12:00 PM,03/12/2026 01:00 PM,60,No\r\n", &o);
	if (r.c) {
		echo_buf md = ECHO_BUF_INIT, csv = ECHO_BUF_INIT, json = ECHO_BUF_INIT;
		CHECK_INT(echo_session_credit_write(&md, r.c, ECHO_TABLE_MARKDOWN), 0);
		CHECK_INT(echo_session_credit_write(&csv, r.c, ECHO_TABLE_CSV), 0);
		CHECK_INT(echo_session_credit_write(&json, r.c, ECHO_TABLE_JSON), 0);
		CHECK(strstr(echo_buf_cstr(&md), "| A \\| B \\*bold\\* \\<b\\> | ab@example.org | 10 | 16% | no | 1 |\n") != NULL);
		/* The shown name drops the parenthesised part, and is still
		 * defused as a formula; "Ruiz, Ana" is shown as Ana Ruiz. */
		CHECK(strstr(echo_buf_cstr(&md), "- line 2, =Hyperlink: no email") != NULL);
		CHECK(strstr(echo_buf_cstr(&csv), "\r\n'=Hyperlink,,60,100,yes,1,intervals,2,yes,no,learner,,,,\r\n") != NULL);
		CHECK(strstr(echo_buf_cstr(&csv), "\r\nAna Ruiz,ana@example.org,60,100,yes,1,") != NULL);
		CHECK(strstr(echo_buf_cstr(&json), "{\"name\": \"=Hyperlink\", \"email\": \"\", "
		             "\"key\": \"name:hyperlink\", \"minutes\": 60") != NULL);
		CHECK(strstr(echo_buf_cstr(&json), "{\n  \"format\": \"echo-attendance/1\",\n  \"kind\": \"session\",\n") == echo_buf_cstr(&json));
		CHECK(strstr(echo_buf_cstr(&json), "\"notes\": [\n    {\"path\": \"t.csv\", \"line\": 2, \"kind\": \"unmatched\"") != NULL);
		echo_buf_free(&md);
		echo_buf_free(&csv);
		echo_buf_free(&json);
	}
	run_end(&r);
	echo_attendance_free(NULL);
	echo_session_credit_free(NULL);
	echo_series_credit_free(NULL);
	CHECK_STR(echo_attendance_kind_name(ECHO_ATTENDANCE_UNIQUE), "unique-users");
}

/* ---- Goldens ---------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	echo_buf b = ECHO_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		echo_buf_append(&b, chunk, n);
	fclose(f);
	return echo_buf_detach(&b, len);
}

/* Compares text with the golden file, or rewrites it (GOLDEN_UPDATE=1). */
static int golden(const char *path, const char *text)
{
	const char *update = getenv("GOLDEN_UPDATE");
	if (update && strcmp(update, "1") == 0) {
		FILE *f = fopen(path, "wb");
		if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
			fprintf(stderr, "cannot write %s\n", path);
			return 1;
		}
		return 0;
	}
	size_t len;
	char *want = slurp(path, &len);
	if (!want) {
		fprintf(stderr, "cannot read %s (GOLDEN_UPDATE=1 writes it)\n", path);
		return 1;
	}
	int bad = strcmp(want, text) != 0;
	if (bad) {
		fprintf(stderr, "%s differs. Got:\n%s", path, text);
		size_t i = 0;
		while (want[i] && want[i] == text[i])
			i++;
		fprintf(stderr, "\n(first difference at byte %zu)\n", i);
	}
	free(want);
	return bad;
}

/* The diagnostics of loading dir/file, as a tool will print them. */
static int error_golden(const char *dir, const char *file)
{
	char path[4096], out_path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	size_t len;
	char *data = slurp(path, &len);
	if (!data) {
		fprintf(stderr, "cannot read %s\n", path);
		return 1;
	}
	echo_diags d = ECHO_DIAGS_INIT;
	echo_attendance *a = echo_attendance_load(file, data, len, ECHO_ATTENDANCE_AUTO, NULL, &d);
	echo_buf out = ECHO_BUF_INIT;
	size_t ulen = 0;
	char *utf8 = echo_attendance_utf8(data, len, &ulen);   /* the text as read */
	for (size_t i = 0; i < d.count; i++)
		echo_diag_format(&out, &d.items[i], utf8 ? utf8 : data, utf8 ? ulen : len);
	free(utf8);
	int bad = 0;
	if (a) {
		fprintf(stderr, "%s loaded without an error\n", file);
		bad = 1;
	}
	const char *dot = strrchr(file, '.');
	snprintf(out_path, sizeof out_path, "%s/%.*s.err", dir, (int)(dot ? dot - file : (long)strlen(file)), file);
	bad |= golden(out_path, echo_buf_cstr(&out));
	echo_buf_free(&out);
	echo_attendance_free(a);
	echo_diags_free(&d);
	free(data);
	return bad;
}

/* The example series: four sessions in four formats, the enrolled list
 * as directory, 75% of each session for credit (roster presence counts),
 * 75% of the sessions for the certificate. */
static int examples_golden(const char *ex, const char *gold)
{
	static const struct {
		const char *file, *label;
		int day, month;
	} sessions[] = {
		{"2026-02-26-roster.txt", "2026-02-26", 26, 2},
		{"2026-03-12-participants.csv", "2026-03-12", 12, 3},
		{"2026-03-26-webinar.csv", "2026-03-26", 26, 3},
		{"2026-04-09-participants.csv", "2026-04-09", 9, 4},
	};
	enum { N = sizeof sessions / sizeof *sessions };
	char path[4096];
	int bad = 0;
	echo_diags d = ECHO_DIAGS_INIT;
	snprintf(path, sizeof path, "%s/enrolled.txt", ex);
	echo_attendance *dir = echo_attendance_load_file(path, ECHO_ATTENDANCE_ROSTER, NULL, &d);
	echo_session_credit *c[N] = {0};
	echo_series_session ss[N];
	memset(ss, 0, sizeof ss);
	echo_buf out = ECHO_BUF_INIT, diags = ECHO_BUF_INIT;
	for (int i = 0; i < N && dir; i++) {
		snprintf(path, sizeof path, "%s/%s", ex, sessions[i].file);
		size_t len;
		char *data = slurp(path, &len);
		echo_attendance *a = data ? echo_attendance_load(sessions[i].file, data, len,
		                                                 ECHO_ATTENDANCE_AUTO, NULL, &d) : NULL;
		free(data);
		if (!a)
			continue;
		echo_session_credit_options o;
		memset(&o, 0, sizeof o);
		o.label = sessions[i].label;
		o.has_window = 1;
		o.start = at(2026, sessions[i].month, sessions[i].day, 12, 0, 0);
		o.end = at(2026, sessions[i].month, sessions[i].day, 13, 0, 0);
		o.rule.min_percent = 75;
		o.rule.presence_counts = 1;
		o.directory = dir;
		c[i] = echo_session_credit_compute(a, &o, &d);
		echo_attendance_free(a);
		ss[i].credit = c[i];
		static const char *const ext[] = {"md", "csv", "json"};
		for (int f = 0; f < 3 && c[i]; f++) {
			echo_buf_clear(&out);
			echo_session_credit_write(&out, c[i], (echo_table_format)f);
			snprintf(path, sizeof path, "%s/%s.%s", gold, sessions[i].label, ext[f]);
			bad |= golden(path, echo_buf_cstr(&out));
		}
	}
	/* The same meeting as a unique-users export, for comparison. */
	snprintf(path, sizeof path, "%s/2026-03-12-unique-users.csv", ex);
	echo_attendance *u = echo_attendance_load_file(path, ECHO_ATTENDANCE_AUTO, NULL, &d);
	if (u) {
		free(u->path);
		u->path = strdup("2026-03-12-unique-users.csv");
		echo_session_credit_options o;
		memset(&o, 0, sizeof o);
		o.has_window = 1;
		o.start = at(2026, 3, 12, 12, 0, 0);
		o.end = at(2026, 3, 12, 13, 0, 0);
		o.rule.min_percent = 75;
		o.directory = dir;
		echo_session_credit *uc = echo_session_credit_compute(u, &o, &d);
		echo_buf_clear(&out);
		if (uc)
			echo_session_credit_write(&out, uc, ECHO_TABLE_MARKDOWN);
		snprintf(path, sizeof path, "%s/2026-03-12-unique-users.md", gold);
		bad |= golden(path, echo_buf_cstr(&out));
		echo_session_credit_free(uc);
	}
	echo_attendance_free(u);
	echo_series_rule rule = {.min_percent = 75};
	echo_series_credit *s = echo_series_credit_compute(ss, N, &rule, &d);
	static const char *const ext[] = {"md", "csv", "json"};
	for (int f = 0; f < 3 && s; f++) {
		echo_buf_clear(&out);
		echo_series_credit_write(&out, s, (echo_table_format)f);
		snprintf(path, sizeof path, "%s/series.%s", gold, ext[f]);
		bad |= golden(path, echo_buf_cstr(&out));
	}
	if (!s || d.errors) {
		fprintf(stderr, "the examples did not load\n");
		bad = 1;
	}
	/* Every warning and note of the run is part of the golden too. */
	for (size_t i = 0; i < d.count; i++)
		echo_diag_format(&diags, &d.items[i], NULL, 0);
	snprintf(path, sizeof path, "%s/diagnostics.txt", gold);
	bad |= golden(path, echo_buf_cstr(&diags));
	echo_series_credit_free(s);
	for (int i = 0; i < N; i++)
		echo_session_credit_free(c[i]);
	echo_attendance_free(dir);
	echo_buf_free(&out);
	echo_buf_free(&diags);
	echo_diags_free(&d);
	return bad;
}

/* The library example of doc/attendance.md, run from examples/attendance;
 * the doc check below keeps the two texts the same. */
static int doc_snippet(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_attendance *dir = echo_attendance_load_file("enrolled.txt", ECHO_ATTENDANCE_ROSTER, NULL, &d);
	echo_attendance *att = echo_attendance_load_file("2026-03-12-participants.csv",
	                                                 ECHO_ATTENDANCE_AUTO, NULL, &d);
	echo_session_credit_options o = {.label = "2026-03-12", .has_window = 1, .directory = dir,
	                          .rule = {.min_percent = 75}};
	echo_wallclock_make(2026, 3, 12, 12, 0, 0, &o.start);
	echo_wallclock_make(2026, 3, 12, 13, 0, 0, &o.end);
	echo_session_credit *c = att ? echo_session_credit_compute(att, &o, &d) : NULL;
	echo_series_session s[] = {{.credit = c}};
	echo_series_rule rule = {.min_percent = 80};
	echo_series_credit *series = c ? echo_series_credit_compute(s, 1, &rule, &d) : NULL;
	echo_buf out = ECHO_BUF_INIT;
	if (series)
		echo_series_credit_write(&out, series, ECHO_TABLE_MARKDOWN);
	/* ... print d with echo_diag_format, write out ... then free everything */
	int bad = !series || d.errors || !strstr(echo_buf_cstr(&out), "| Aisha Bello | aisha.bello@example.org | 45 ✓ | 1 | 100% | yes |");
	if (bad)
		fprintf(stderr, "the doc example failed:\n%s%s", diag_text(&d), echo_buf_cstr(&out));
	echo_buf_free(&out);
	echo_series_credit_free(series);
	echo_session_credit_free(c);
	echo_attendance_free(att);
	echo_attendance_free(dir);
	echo_diags_free(&d);
	return bad;
}

/* Is line (len bytes) a whole line of text? */
static int has_line(const char *text, const char *line, size_t len)
{
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		size_t m = n && p[n - 1] == '\r' ? n - 1 : n;
		if (m == len && memcmp(p, line, len) == 0)
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

/* Every line of the doc's text blocks is a line of an example, a golden or
 * an error golden ("..." aside); its C block is in this file, verbatim
 * but for one more indent, and runs. */
static int doc_check(const char *doc_path, const char *source_path, char **dirs, int ndirs)
{
	size_t len;
	char *doc = slurp(doc_path, &len), *source = slurp(source_path, &len);
	echo_buf files = ECHO_BUF_INIT;
	int bad = !doc || !source;
	for (int i = 0; i < ndirs; i++) {
		DIR *dp = opendir(dirs[i]);
		struct dirent *e;
		while (dp && (e = readdir(dp))) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", dirs[i], e->d_name);
			char *text = e->d_name[0] == '.' ? NULL : slurp(path, &len);
			size_t ulen;
			char *utf8 = text ? echo_attendance_utf8(text, len, &ulen) : NULL;   /* Teams */
			if (utf8) {
				free(text);
				text = utf8;
			}
			if (text) {
				const char *t = strncmp(text, "\xef\xbb\xbf", 3) == 0 ? text + 3 : text;
				echo_buf_append(&files, t, strlen(t));
				echo_buf_putc(&files, '\n');
			}
			free(text);
		}
		if (dp)
			closedir(dp);
		else
			bad = 1;
	}
	const char *all = echo_buf_cstr(&files);
	int block = 0;   /* 1 in ```text, 2 in ```c */
	size_t lineno = 0, checked = 0;
	for (const char *p = doc; !bad && p && *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		lineno++;
		if (!block && n >= 7 && memcmp(p, "```text", 7) == 0)
			block = 1;
		else if (!block && n == 4 && memcmp(p, "```c", 4) == 0)
			block = 2;
		else if (block && n == 3 && memcmp(p, "```", 3) == 0)
			block = 0;
		else if (block == 1 && !(n == 3 && memcmp(p, "...", 3) == 0)) {
			checked++;
			if (!has_line(all, p, n)) {
				fprintf(stderr, "%s:%zu: not in any example or golden: %.*s\n", doc_path, lineno, (int)n, p);
				bad = 1;
			}
		} else if (block == 2) {
			checked++;
			char want[512];
			snprintf(want, sizeof want, "\t%.*s", (int)n, p);
			if (n && !has_line(source, want, strlen(want))) {
				fprintf(stderr, "%s:%zu: not in %s: %.*s\n", doc_path, lineno, source_path, (int)n, p);
				bad = 1;
			}
		}
		p = e ? e + 1 : NULL;
	}
	if (checked < 20)
		bad = 1;
	free(doc);
	free(source);
	echo_buf_free(&files);
	return bad | doc_snippet();
}

/* The Teams samples (tests/attendance/teams/): the current download, the
 * same re-saved as UTF-8, and the legacy list, each against its golden
 * report; the current and the re-saved must read alike. */
static int teams_golden(const char *dir, const char *gold)
{
	static const struct {
		const char *file;
		echo_attendance_kind kind;
	} files[] = {
		{"2026-05-14-teams.csv", ECHO_ATTENDANCE_TEAMS},
		{"2026-05-14-teams-utf8.csv", ECHO_ATTENDANCE_TEAMS},
		{"2026-05-14-teams-excel.csv", ECHO_ATTENDANCE_TEAMS},
		{"2026-05-14-teams-legacy.csv", ECHO_ATTENDANCE_TEAMS_LEGACY},
		{"2026-05-14-teams-legacy-excel.csv", ECHO_ATTENDANCE_TEAMS_LEGACY},
	};
	enum { N = sizeof files / sizeof *files };
	char path[4096];
	int bad = 0;
	echo_buf md[N];
	for (int i = 0; i < N; i++)
		echo_buf_init(&md[i]);
	for (int i = 0; i < N; i++) {
		echo_diags d = ECHO_DIAGS_INIT;
		snprintf(path, sizeof path, "%s/%s", dir, files[i].file);
		size_t len;
		char *data = slurp(path, &len);
		echo_attendance *a = data ? echo_attendance_load(files[i].file, data, len,
		                                                 ECHO_ATTENDANCE_AUTO, NULL, &d) : NULL;
		free(data);
		echo_session_credit_options o;
		memset(&o, 0, sizeof o);
		o.label = "2026-05-14";
		o.has_window = 1;
		o.start = at(2026, 5, 14, 12, 0, 0);
		o.end = at(2026, 5, 14, 13, 0, 0);
		o.rule.min_percent = 75;
		echo_session_credit *c = a ? echo_session_credit_compute(a, &o, &d) : NULL;
		if (!a || a->kind != files[i].kind || !c) {
			fprintf(stderr, "%s: not read as %s\n%s", files[i].file,
			        echo_attendance_kind_name(files[i].kind), diag_text(&d));
			bad = 1;
		} else {
			echo_session_credit_write(&md[i], c, ECHO_TABLE_MARKDOWN);
			echo_buf_puts(&md[i], "\n");
			echo_buf_puts(&md[i], diag_text(&d));
			const char *dot = strrchr(files[i].file, '.');
			snprintf(path, sizeof path, "%s/%.*s.md", gold, (int)(dot - files[i].file),
			         files[i].file);
			bad |= golden(path, echo_buf_cstr(&md[i]));
		}
		echo_session_credit_free(c);
		echo_attendance_free(a);
		echo_diags_free(&d);
	}
	/* A re-saved copy (UTF-8, or Excel's CSV) differs only in its name;
	 * the reports from its first table on, and the diagnostics, agree. */
	static const int same[][2] = {{0, 1}, {0, 2}, {3, 4}};
	for (size_t k = 0; k < sizeof same / sizeof *same; k++) {
		const char *x = strstr(echo_buf_cstr(&md[same[k][0]]), "\n\n");
		const char *y = strstr(echo_buf_cstr(&md[same[k][1]]), "\n\n");
		if (!x || !y || strcmp(x, y) != 0) {
			fprintf(stderr, "%s reads differently from %s\n", files[same[k][1]].file,
			        files[same[k][0]].file);
			bad = 1;
		}
	}
	for (int i = 0; i < N; i++)
		echo_buf_free(&md[i]);
	return bad;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "teams") == 0)
		return teams_golden(argv[2], argv[3]);
	if (argc >= 5 && strcmp(argv[1], "doc") == 0)
		return doc_check(argv[2], argv[3], argv + 4, argc - 4);
	if (argc == 4 && strcmp(argv[1], "error") == 0)
		return error_golden(argv[2], argv[3]);
	if (argc == 4 && strcmp(argv[1], "examples") == 0)
		return examples_golden(argv[2], argv[3]);
	if (argc != 1) {
		fprintf(stderr, "usage: test_attendance [error DIR FILE | examples EXAMPLES GOLDEN | "
		        "doc DOC SOURCE DIR...]\n");
		return 2;
	}
	test_times();
	test_meeting();
	test_one_table_layout();
	test_rejoin_and_overlap();
	test_clipping();
	test_waiting_room();
	test_name_keys();
	test_name_matching();
	test_directory();
	test_roster();
	test_not_exports();
	test_rule_parse();
	test_people();
	test_series_of_nobody();
	test_merge();
	test_unique_users();
	test_webinar();
	test_errors();
	test_limits();
	test_credit_rules();
	test_series();
	test_writers();
	TEST_EXIT();
}
