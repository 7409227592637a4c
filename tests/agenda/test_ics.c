/* The iCalendar output read back with libical: the RFC 5545 line rules
 * (CRLF, folding at 75 octets, never inside a UTF-8 character), the
 * VTIMEZONE made from the system zone data, and every occurrence of a
 * series (RRULE, RDATE, EXDATE, overrides) compared with dates and times
 * worked out by hand, across daylight-saving changes.  argv[1] is
 * examples/series. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <echo/echo.h>
#include <echo/ics.h>
#include <echo/session.h>

#include "testutil.h"

static const long long stamp = 1767225600;   /* 2026-01-01T00:00:00Z */

/* Physical lines: CRLF-terminated, at most 75 octets, continuation lines
 * start with a space, and no fold splits a UTF-8 character. */
static void check_lines(const char *text)
{
	size_t len = strlen(text);
	CHECK(len >= 2 && text[len - 2] == '\r' && text[len - 1] == '\n');
	const char *p = text;
	int line = 0;
	while (*p) {
		const char *end = strstr(p, "\r\n");
		CHECK(end != NULL);
		if (!end)
			return;
		line++;
		size_t n = (size_t)(end - p);
		if (n > 75)
			fprintf(stderr, "  line %d has %zu octets\n", line, n);
		CHECK(n <= 75);
		CHECK(memchr(p, '\n', n) == NULL && memchr(p, '\r', n) == NULL);
		/* A continuation never starts with a UTF-8 continuation byte, and
		 * a line never ends inside a multi-byte sequence. */
		if (*p == ' ' && n > 1)
			CHECK(((unsigned char)p[1] & 0xc0) != 0x80);
		if (n) {
			size_t k = n;
			while (k && ((unsigned char)p[k - 1] & 0xc0) == 0x80)
				k--;
			if (k && (unsigned char)p[k - 1] >= 0xc0) {
				unsigned char lead = (unsigned char)p[k - 1];
				size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
				CHECK(n - (k - 1) == need);
			}
		}
		p = end + 2;
	}
}

struct occurrences {
	long long at[64];
	size_t count;
};

static void collect(icalcomponent *comp, struct icaltime_span *span, void *data)
{
	struct occurrences *o = data;
	if (o->count < 64)
		o->at[o->count++] = (long long)span->start;
}

/* Expands the master event of a calendar (the one with an RRULE, else
 * every event) into UTC start times. */
static void expand(icalcomponent *cal, struct occurrences *occ)
{
	struct icaltimetype from = icaltime_from_string("20200101T000000Z");
	struct icaltimetype to = icaltime_from_string("20400101T000000Z");
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		if (icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY))
			continue;
		icalcomponent_foreach_recurrence(ev, from, to, collect, occ);
	}
}

static echo_series *series_from(const char *yaml, echo_stream **st, echo_diags *d)
{
	*st = echo_stream_load("series.yaml", yaml, strlen(yaml), NULL, d);
	echo_series *s = *st ? echo_series_check(*st, (*st)->docs[0], d) : NULL;
	CHECK(s && s->usable);
	return s;
}

static char *render_series(const echo_series *s, const int *reminders, size_t n)
{
	echo_ics_options o = {reminders, n, stamp};
	echo_buf out = ECHO_BUF_INIT;
	echo_diags d = ECHO_DIAGS_INIT;
	CHECK_INT(echo_ics_series(s, &o, &out, &d), 0);
	echo_diags_free(&d);
	return echo_buf_detach(&out, NULL);
}

/* The UTC offset the calendar's own VTIMEZONE gives at a local time. */
static int vtimezone_offset(icalcomponent *cal, const char *tzid, const char *local)
{
	icaltimezone *z = icalcomponent_get_timezone(cal, tzid);
	CHECK(z != NULL);
	if (!z)
		return -1;
	struct icaltimetype t = icaltime_from_string(local);
	int is_dst = 0;
	return icaltimezone_get_utc_offset(z, &t, &is_dst);
}

static void test_monthly_series(void)
{
	/* 2nd and 4th Thursday, noon Central, 2026-02-01 to 2026-12-31:
	 * daylight time from March 8 to November 1; Thanksgiving and Christmas
	 * Eve skipped; October has a 5th Thursday (the 29th), not a session. */
	static const char yaml[] =
		"schema: echo-series/1\nprogram: Peer Recovery Support ECHO\n"
		"first_date: 2026-02-01\nend_date: 2026-12-31\n"
		"recurrence: {frequency: monthly, weekday: thursday, nth: [2, 4]}\n"
		"skip_dates: [{date: 2026-11-26, reason: Thanksgiving}, {date: 2026-12-24}]\n"
		"start: \"12:00\"\nduration: 60\ntime_zone: America/Chicago\n"
		"location: \"Zoom; link by email, \\\"as usual\\\"\"\n"
		"curriculum:\n"
		"  - title: \"Peer support — what it is, and isn’t: a long title that needs folding\"\n"
		"    objectives: [\"Describe the role; name its limits, and its strengths.\"]\n"
		"  - title: Two\n";
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *st;
	echo_series *s = series_from(yaml, &st, &d);
	if (!s) {
		echo_stream_free(st);
		echo_diags_free(&d);
		return;
	}
	static const int reminders[] = {15, 1440};
	char *text = render_series(s, reminders, 2);
	check_lines(text);
	icalcomponent *cal = icalparser_parse_string(text);
	CHECK(cal != NULL);
	if (cal) {
		CHECK_INT(icalcomponent_count_errors(cal), 0);
		/* Occurrences, in UTC, worked out by hand. */
		static const long long want[] = {
			1770919200,  /* Feb 12 18:00Z, CST */
			1772128800,  /* Feb 26 */
			1773334800,  /* Mar 12 17:00Z, CDT */
			1774544400,  /* Mar 26 */
			1775754000,  /* Apr  9 */
			1776963600,  /* Apr 23 */
			1778778000,  /* May 14 */
			1779987600,  /* May 28 */
			1781197200,  /* Jun 11 */
			1782406800,  /* Jun 25 */
			1783616400,  /* Jul  9 */
			1784826000,  /* Jul 23 */
			1786640400,  /* Aug 13 */
			1787850000,  /* Aug 27 */
			1789059600,  /* Sep 10 */
			1790269200,  /* Sep 24 */
			1791478800,  /* Oct  8 */
			1792688400,  /* Oct 22 (not the 5th Thursday, Oct 29) */
			1794506400,  /* Nov 12 18:00Z, CST again */
			1796925600,  /* Dec 10 (Nov 26 and Dec 24 skipped) */
		};
		struct occurrences occ = {{0}, 0};
		expand(cal, &occ);
		CHECK_INT(occ.count, sizeof want / sizeof want[0]);
		for (size_t i = 0; i < occ.count && i < sizeof want / sizeof want[0]; i++) {
			if (occ.at[i] != want[i])
				fprintf(stderr, "  occurrence %zu\n", i + 1);
			CHECK_INT(occ.at[i], want[i]);
		}
		/* The calendar's own VTIMEZONE gives the offsets. */
		CHECK_INT(vtimezone_offset(cal, "America/Chicago", "20260305T120000"), -6 * 3600);
		CHECK_INT(vtimezone_offset(cal, "America/Chicago", "20260312T120000"), -5 * 3600);
		CHECK_INT(vtimezone_offset(cal, "America/Chicago", "20261112T120000"), -6 * 3600);
		/* One override per topic, each on an occurrence. */
		int overrides = 0;
		for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
		     ev; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
			icalproperty *rid = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
			CHECK_INT(icaltime_as_timet(icalcomponent_get_dtstamp(ev)), stamp);
			CHECK_INT(icalcomponent_count_components(ev, ICAL_VALARM_COMPONENT), 2);
			if (!rid)
				continue;
			overrides++;
			struct icaltimetype r = icalcomponent_get_recurrenceid(ev);
			CHECK_STR(icalparameter_get_tzid(icalproperty_get_first_parameter(
				          rid, ICAL_TZID_PARAMETER)),
			          "America/Chicago");
			CHECK_INT(r.hour, 12);
			if (overrides == 1) {
				CHECK(strstr(icalcomponent_get_summary(ev), "what it is, and isn’t") != NULL);
				CHECK(strstr(icalcomponent_get_description(ev),
				             "- Describe the role; name its limits, and its strengths.") != NULL);
				CHECK_STR(icalcomponent_get_location(ev), "Zoom; link by email, \"as usual\"");
			}
		}
		CHECK_INT(overrides, 2);
		icalcomponent *alarm = icalcomponent_get_first_component(
			icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT), ICAL_VALARM_COMPONENT);
		struct icaltriggertype trig =
			icalproperty_get_trigger(icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY));
		CHECK_INT(icaldurationtype_as_int(trig.duration), -15 * 60);
		icalcomponent_free(cal);
	}
	/* Escaping, as written: ";" and "," in TEXT values. */
	CHECK(strstr(text, "LOCATION:Zoom\\; link by email\\, \"as usual\"\r\n") != NULL);
	CHECK(strstr(text, "TZID:America/Chicago\r\n") != NULL);
	CHECK(strstr(text, "EXDATE;TZID=America/Chicago:20261126T120000\r\n") != NULL);
	CHECK(strstr(text, "TRIGGER:-PT15M\r\n") != NULL);
	CHECK(strstr(text, "TRIGGER:-P1D\r\n") != NULL);
	free(text);
	echo_series_free(s);
	echo_stream_free(st);
	echo_diags_free(&d);
}

static void test_weekly_with_early_extra(void)
{
	/* Every other Monday, 09:00 Pacific, with a kickoff before the rule
	 * starts: one event per session, no RRULE. */
	static const char yaml[] =
		"schema: echo-series/1\nprogram: P\nfirst_date: 2026-03-02\ncount: 3\n"
		"recurrence: {frequency: weekly, interval: 2, weekday: monday}\n"
		"extra_dates: [{date: 2026-02-25, note: kickoff}]\n"
		"start: \"09:00\"\nduration: 90\ntime_zone: America/Los_Angeles\n";
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *st;
	echo_series *s = series_from(yaml, &st, &d);
	if (s) {
		char *text = render_series(s, NULL, 0);
		check_lines(text);
		CHECK(strstr(text, "RRULE:FREQ=WEEKLY") == NULL);
		icalcomponent *cal = icalparser_parse_string(text);
		struct occurrences occ = {{0}, 0};
		if (cal)
			expand(cal, &occ);
		/* Feb 25 17:00Z (PST); Mar 2 17:00Z; Mar 16 16:00Z (PDT). */
		CHECK_INT(occ.count, 3);
		CHECK_INT(occ.at[0], 1772038800);
		CHECK_INT(occ.at[1], 1772470800);
		CHECK_INT(occ.at[2], 1773676800);
		icalcomponent_free(cal);
		free(text);
	}
	echo_series_free(s);
	echo_stream_free(st);
	echo_diags_free(&d);
}

static void test_weekly_rrule(void)
{
	/* Weekly by count, with a skipped date that moves the end along:
	 * RRULE with UNTIL in UTC and an EXDATE. */
	static const char yaml[] =
		"schema: echo-series/1\nprogram: P\nfirst_date: 2026-10-22\ncount: 4\n"
		"recurrence: {frequency: weekly, weekday: thursday}\n"
		"skip_dates: [{date: 2026-10-29}]\n"
		"start: \"12:00\"\nduration: 60\ntime_zone: Europe/London\n";
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *st;
	echo_series *s = series_from(yaml, &st, &d);
	if (s) {
		char *text = render_series(s, NULL, 0);
		CHECK(strstr(text, "RRULE:FREQ=WEEKLY;UNTIL=20261119T120000Z;BYDAY=TH\r\n") != NULL ||
		      strstr(text, "RRULE:FREQ=WEEKLY;UNTIL=20261119T120000Z;INTERVAL=1;BYDAY=TH\r\n") !=
		              NULL);
		CHECK(strstr(text, "EXDATE;TZID=Europe/London:20261029T120000\r\n") != NULL);
		icalcomponent *cal = icalparser_parse_string(text);
		struct occurrences occ = {{0}, 0};
		if (cal)
			expand(cal, &occ);
		/* Oct 22 11:00Z (BST), then GMT from Oct 25: Nov 5, 12, 19 12:00Z. */
		CHECK_INT(occ.count, 4);
		CHECK_INT(occ.at[0], 1792666800);
		CHECK_INT(occ.at[1], 1793880000);
		CHECK_INT(occ.at[3], 1795089600);
		icalcomponent_free(cal);
		free(text);
	}
	echo_series_free(s);
	echo_stream_free(st);
	echo_diags_free(&d);
}

static void test_vtimezones(void)
{
	/* No daylight time: one observance.  Southern hemisphere: RRULEs. */
	static const char *const zones[] = {"America/Phoenix", "Australia/Sydney", "Asia/Kolkata",
	                                    "Europe/London", "America/New_York"};
	long long from = 1767225600, to = 1830297600;   /* 2026 to 2028 */
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		echo_tz *tz = NULL;
		CHECK_INT(echo_tz_load(zones[i], &tz), ECHO_TZ_OK);
		if (!tz)
			continue;
		icalcomponent *vtz = echo_ics_vtimezone(tz, from, to);
		CHECK(vtz != NULL);
		int subs = icalcomponent_count_components(vtz, ICAL_ANY_COMPONENT);
		CHECK(subs == (i == 0 || i == 2 ? 1 : 2));
		/* Compare the VTIMEZONE's offset with the zone data on the 1st and
		 * 15th of every month. */
		icaltimezone *z = icaltimezone_new();
		CHECK(icaltimezone_set_component(z, vtz));
		for (long long t = from; t < to; t += 86400 * 14) {
			echo_tz_info info;
			echo_tz_at(tz, t, &info);
			struct icaltimetype u = icaltime_from_timet_with_zone((time_t)t, 0,
			                                                      icaltimezone_get_utc_timezone());
			int is_dst;
			int off = icaltimezone_get_utc_offset_of_utc_time(z, &u, &is_dst);
			if (off != info.offset) {
				fprintf(stderr, "  %s at %lld\n", zones[i], t);
				CHECK_INT(off, info.offset);
				break;
			}
		}
		icaltimezone_free(z, 1);
		echo_tz_free(tz);
	}
}

static void test_session(const char *examples)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/sessions/rural-oud-2026-03-12.yaml", examples);
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *st = echo_stream_load_file(path, NULL, &d);
	CHECK(st != NULL);
	if (!st)
		return;
	echo_session *s = echo_session_check(st, st->docs[0], NULL, &d);
	CHECK_INT(d.errors, 0);
	if (s && s->usable) {
		echo_ics_options o = {NULL, 0, stamp};
		echo_buf out = ECHO_BUF_INIT;
		CHECK_INT(echo_ics_session(s, &o, &out, &d), 0);
		check_lines(echo_buf_cstr(&out));
		icalcomponent *cal = icalparser_parse_string(echo_buf_cstr(&out));
		struct occurrences occ = {{0}, 0};
		if (cal)
			expand(cal, &occ);
		CHECK_INT(occ.count, 1);
		CHECK_INT(occ.at[0], 1773334800);   /* 2026-03-12 17:00Z */
		icalcomponent *ev = cal ? icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT)
		                        : NULL;
		CHECK(ev != NULL);
		if (ev) {
			const char *desc = icalcomponent_get_description(ev);
			CHECK(strstr(desc, "12:33  Case 1 (OUD-2026-014): presentation (10 min)") != NULL);
			CHECK(strstr(desc, "13:30  End") != NULL);
			/* DTEND is local time in the calendar's own VTIMEZONE. */
			icaltimezone *z = icalcomponent_get_timezone(cal, "America/Chicago");
			CHECK(z != NULL);
			CHECK_INT(icaltime_as_timet_with_zone(icalcomponent_get_dtend(ev), z),
			          1773334800 + 90 * 60);
		}
		icalcomponent_free(cal);
		echo_buf_free(&out);
	}
	echo_session_free(s);
	echo_stream_free(st);
	echo_diags_free(&d);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_ics EXAMPLES-SERIES-DIR\n");
		return 2;
	}
	test_monthly_series();
	test_weekly_with_early_extra();
	test_weekly_rrule();
	test_vtimezones();
	test_session(argv[1]);
	icaltimezone_free_builtin_timezones();
	TEST_EXIT();
}
