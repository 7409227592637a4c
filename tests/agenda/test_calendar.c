/* C API tests for calendar arithmetic: day numbers, month ends and leap
 * years, nth weekdays (a 5th-Thursday month), recurrence with skipped and
 * extra dates, and time zones across daylight-saving changes, read from
 * the system time zone database. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <echo/calendar.h>

#include "testutil.h"

static long day(int y, int m, int d)
{
	return echo_days_from_civil(y, m, d);
}

static char *iso(long days)
{
	static char buf[8][16];
	static int k;
	int y, m, d;
	echo_civil_from_days(days, &y, &m, &d);
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof buf[k], "%04d-%02d-%02d", y, m, d);
	return buf[k];
}

/* The dates as "YYYY-MM-DD YYYY-MM-DD ...". */
static char *joined(const echo_dates *dates)
{
	static char out[4096];
	out[0] = '\0';
	for (size_t i = 0; i < dates->count; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, iso(dates->items[i]));
	}
	return out;
}

static void test_days(void)
{
	CHECK_INT(day(1970, 1, 1), 0);
	CHECK_INT(day(1969, 12, 31), -1);
	CHECK_INT(day(2000, 3, 1), 11017);
	CHECK_STR(iso(day(2026, 3, 12)), "2026-03-12");
	/* Round trip over four centuries, leap days included. */
	int y = 1900, m = 1, d = 1;
	for (long n = day(1900, 1, 1); n < day(2300, 1, 1); n++) {
		int yy, mm, dd;
		echo_civil_from_days(n, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d || day(yy, mm, dd) != n) {
			CHECK(!"civil round trip");
			break;
		}
		if (++d > echo_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	CHECK_INT(echo_weekday(day(2026, 3, 12)), 3);   /* Thursday */
	CHECK_INT(echo_weekday(day(1970, 1, 1)), 3);
	CHECK_INT(echo_weekday(day(1969, 12, 29)), 0);  /* Monday, before the epoch */
	CHECK_INT(echo_days_in_month(2024, 2), 29);
	CHECK_INT(echo_days_in_month(2026, 2), 28);
	CHECK_INT(echo_days_in_month(2100, 2), 28);
	CHECK_INT(echo_days_in_month(2000, 2), 29);
	CHECK_INT(echo_days_in_month(2026, 4), 30);
	CHECK_INT(echo_days_in_month(2026, 12), 31);
	CHECK_INT(echo_weekday_parse("thursday"), 3);
	CHECK_INT(echo_weekday_parse("Thu"), 3);
	CHECK_INT(echo_weekday_parse("thurs"), -1);
	/* Times as people write them; US zone names, never Central European. */
	{
		static const struct { const char *text; int h, m; } times[] = {
			{"12:00", 12, 0}, {"9:05", 9, 5}, {"12:00 pm", 12, 0}, {"12 AM", 0, 0},
			{"1:30 PM", 13, 30}, {"11 a.m.", 11, 0}, {"noon", 12, 0}, {"Noon", 12, 0},
			{"12:00pm", 12, 0},
		};
		for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
			int hh = -1, mm = -1;
			CHECK_INT(echo_time_parse(times[i].text, &hh, &mm), 0);
			CHECK_INT(hh * 60 + mm, times[i].h * 60 + times[i].m);
		}
		static const char *const bad[] = {"24:00", "13 pm", "0 am", "12:60", "12", "1:5 pm",
		                                  "noonish", "12:00 pmx", ""};
		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			int hh, mm;
			CHECK_INT(echo_time_parse(bad[i], &hh, &mm), -1);
		}
		CHECK(strcmp(echo_tz_us_alias("CST", NULL), "America/Chicago") == 0);
		CHECK(strcmp(echo_tz_us_alias("central time", NULL), "America/Chicago") == 0);
		CHECK(strcmp(echo_tz_us_alias("Arizona", NULL), "America/Phoenix") == 0);
		CHECK(strcmp(echo_tz_us_alias("hawaii", NULL), "Pacific/Honolulu") == 0);
		CHECK(echo_tz_us_alias("CET", NULL) == NULL);
		CHECK(echo_tz_us_alias("Europe/Paris", NULL) == NULL);
	}
	CHECK_STR(echo_weekday_name(6), "Sunday");
	CHECK_STR(echo_month_name(11), "November");
}

static void test_nth_weekday(void)
{
	/* October 2026 has five Thursdays: 1, 8, 15, 22, 29. */
	CHECK_STR(iso(echo_nth_weekday(2026, 10, 3, 1)), "2026-10-01");
	CHECK_STR(iso(echo_nth_weekday(2026, 10, 3, 2)), "2026-10-08");
	CHECK_STR(iso(echo_nth_weekday(2026, 10, 3, 4)), "2026-10-22");
	CHECK_STR(iso(echo_nth_weekday(2026, 10, 3, 5)), "2026-10-29");
	CHECK_STR(iso(echo_nth_weekday(2026, 10, 3, -1)), "2026-10-29");
	/* February 2026 has four: no 5th, and the last is the 4th. */
	CHECK(echo_nth_weekday(2026, 2, 3, 5) == LONG_MIN);
	CHECK_STR(iso(echo_nth_weekday(2026, 2, 3, -1)), "2026-02-26");
	/* Thanksgiving: the 4th Thursday of November. */
	CHECK_STR(iso(echo_nth_weekday(2026, 11, 3, 4)), "2026-11-26");
	/* A month that starts on the weekday, and one that ends on it. */
	CHECK_STR(iso(echo_nth_weekday(2026, 1, 3, 1)), "2026-01-01");
	CHECK_STR(iso(echo_nth_weekday(2026, 4, 3, -1)), "2026-04-30");
	CHECK(echo_nth_weekday(2026, 4, 3, 0) == LONG_MIN);
}

static void test_recurrence(void)
{
	echo_dates out = ECHO_DATES_INIT, hit = ECHO_DATES_INIT;

	/* Weekly from a Wednesday: the first Thursday on, across a month end
	 * and a year end. */
	echo_recurrence weekly = {0, 1, 3, 0, day(2025, 12, 17)};
	CHECK_INT(echo_recurrence_expand(&weekly, 4, 0, NULL, 0, NULL, 0, 100, &out, NULL), 0);
	CHECK_STR(joined(&out), "2025-12-18 2025-12-25 2026-01-01 2026-01-08");
	echo_dates_free(&out);

	/* Every other week until an end date (inclusive). */
	echo_recurrence biweekly = {0, 2, 3, 0, day(2026, 1, 8)};
	CHECK_INT(echo_recurrence_expand(&biweekly, 0, day(2026, 3, 5), NULL, 0, NULL, 0, 100, &out,
	                                 NULL), 0);
	CHECK_STR(joined(&out), "2026-01-08 2026-01-22 2026-02-05 2026-02-19 2026-03-05");
	CHECK_INT(echo_recurrence_next(&biweekly, day(2026, 1, 9)), day(2026, 1, 22));
	echo_dates_free(&out);

	/* A count is of sessions held: a skipped date moves the end along. */
	long skip[] = {day(2026, 1, 15)};
	CHECK_INT(echo_recurrence_expand(&weekly, 6, 0, NULL, 0, skip, 1, 100, &out, &hit), 0);
	CHECK_STR(joined(&out),
	          "2025-12-18 2025-12-25 2026-01-01 2026-01-08 2026-01-22 2026-01-29");
	CHECK_STR(joined(&hit), "2026-01-15");
	echo_dates_free(&out);
	echo_dates_free(&hit);

	/* The 2nd and 4th Thursday, with Thanksgiving and Christmas Eve
	 * skipped, through the 5th-Thursday months of October and December. */
	echo_recurrence monthly = {1, 1, 3, (1u << 1) | (1u << 3), day(2026, 9, 1)};
	long holidays[] = {day(2026, 12, 24), day(2026, 11, 26)};
	CHECK_INT(echo_recurrence_expand(&monthly, 0, day(2026, 12, 31), NULL, 0, holidays, 2, 100,
	                                 &out, &hit), 0);
	CHECK_STR(joined(&out), "2026-09-10 2026-09-24 2026-10-08 2026-10-22 2026-11-12 2026-12-10");
	CHECK_STR(joined(&hit), "2026-11-26 2026-12-24");
	echo_dates_free(&out);
	echo_dates_free(&hit);

	/* The 1st and last Thursday: in a four-Thursday month the last is the
	 * 4th; never the same date twice. */
	echo_recurrence first_last = {1, 1, 3, 1u | ECHO_NTH_LAST, day(2026, 1, 1)};
	CHECK_INT(echo_recurrence_expand(&first_last, 4, 0, NULL, 0, NULL, 0, 100, &out, NULL), 0);
	CHECK_STR(joined(&out), "2026-01-01 2026-01-29 2026-02-05 2026-02-26");
	echo_dates_free(&out);

	/* Only 5th Thursdays: months without one are passed over. */
	echo_recurrence fifth = {1, 1, 3, 1u << 4, day(2026, 1, 1)};
	CHECK_INT(echo_recurrence_expand(&fifth, 3, 0, NULL, 0, NULL, 0, 100, &out, NULL), 0);
	CHECK_STR(joined(&out), "2026-01-29 2026-04-30 2026-07-30");
	echo_dates_free(&out);

	/* Extra dates merge in order; one the rule already has is not doubled;
	 * they count towards count. */
	long extra[] = {day(2026, 1, 3), day(2026, 1, 8), day(2025, 12, 30)};
	CHECK_INT(echo_recurrence_expand(&weekly, 5, 0, extra, 3, NULL, 0, 100, &out, NULL), 0);
	CHECK_STR(joined(&out), "2025-12-18 2025-12-25 2025-12-30 2026-01-01 2026-01-03");
	echo_dates_free(&out);

	/* The limit stops a runaway end date. */
	CHECK_INT(echo_recurrence_expand(&weekly, 0, day(2400, 1, 1), NULL, 0, NULL, 0, 50, &out,
	                                 NULL), 1);
	CHECK_INT(out.count, 50);
	echo_dates_free(&out);
}

/* Wall time in a zone -> UTC, checked against a UTC date and time. */
static void check_utc(const echo_tz *tz, int y, int m, int d, int hh, int mm, int uy, int um,
                      int ud, int uhh, int umm, const char *abbr, int want_gap)
{
	int gap = -1;
	int64_t local = (int64_t)day(y, m, d) * 86400 + hh * 3600 + mm * 60;
	int64_t utc = echo_tz_to_utc(tz, local, &gap);
	int64_t want = (int64_t)day(uy, um, ud) * 86400 + uhh * 3600 + umm * 60;
	if (utc != want || gap != want_gap)
		fprintf(stderr, "  %s %04d-%02d-%02d %02d:%02d\n", echo_tz_name(tz), y, m, d, hh, mm);
	CHECK_INT(utc, want);
	CHECK_INT(gap, want_gap);
	echo_tz_info info;
	echo_tz_at(tz, utc, &info);
	CHECK_STR(info.abbr, abbr);
}

static echo_tz *zone(const char *name)
{
	echo_tz *tz = NULL;
	CHECK_INT(echo_tz_load(name, &tz), ECHO_TZ_OK);
	return tz;
}

static void test_zones(void)
{
	echo_tz *chicago = zone("America/Chicago");
	if (chicago) {
		/* Noon on the Thursdays either side of 2026-03-08 and 2026-11-01. */
		check_utc(chicago, 2026, 3, 5, 12, 0, 2026, 3, 5, 18, 0, "CST", 0);
		check_utc(chicago, 2026, 3, 12, 12, 0, 2026, 3, 12, 17, 0, "CDT", 0);
		check_utc(chicago, 2026, 10, 29, 12, 0, 2026, 10, 29, 17, 0, "CDT", 0);
		check_utc(chicago, 2026, 11, 5, 12, 0, 2026, 11, 5, 18, 0, "CST", 0);
		/* 02:30 never happens on 2026-03-08: it reads as 03:30 CDT. */
		check_utc(chicago, 2026, 3, 8, 2, 30, 2026, 3, 8, 8, 30, "CDT", 1);
		/* 01:30 happens twice on 2026-11-01: the first, in CDT. */
		check_utc(chicago, 2026, 11, 1, 1, 30, 2026, 11, 1, 6, 30, "CDT", 0);
		/* Past 2037, where the TZif table ends, the footer rule applies. */
		check_utc(chicago, 2045, 7, 13, 12, 0, 2045, 7, 13, 17, 0, "CDT", 0);
		check_utc(chicago, 2045, 12, 14, 12, 0, 2045, 12, 14, 18, 0, "CST", 0);
		/* Before 2007 the US changed on other Sundays. */
		check_utc(chicago, 2005, 3, 31, 12, 0, 2005, 3, 31, 18, 0, "CST", 0);
		check_utc(chicago, 2005, 4, 7, 12, 0, 2005, 4, 7, 17, 0, "CDT", 0);
		echo_tz_transition tr[4];
		size_t n = echo_tz_transitions(chicago, (int64_t)day(2026, 1, 1) * 86400,
		                               (int64_t)day(2027, 1, 1) * 86400, tr, 4);
		CHECK_INT(n, 2);
		CHECK_INT(tr[0].at, (int64_t)day(2026, 3, 8) * 86400 + 8 * 3600);
		CHECK_STR(tr[0].before.abbr, "CST");
		CHECK_STR(tr[0].after.abbr, "CDT");
		CHECK_INT(tr[1].after.offset, -6 * 3600);
		n = echo_tz_transitions(chicago, (int64_t)day(2050, 1, 1) * 86400,
		                        (int64_t)day(2051, 1, 1) * 86400, tr, 4);
		CHECK_INT(n, 2);
		CHECK_INT(tr[0].at, (int64_t)day(2050, 3, 13) * 86400 + 8 * 3600);
		echo_tz_rule rule;
		CHECK_INT(echo_tz_rule_get(chicago, &rule), 1);
		CHECK_INT(rule.start_month, 3);
		CHECK_INT(rule.start_week, 2);
		CHECK_INT(rule.start_weekday, 6);
		CHECK_INT(rule.end_month, 11);
		CHECK_INT(rule.end_week, 1);
		CHECK_INT(rule.start_time, 7200);
	}
	echo_tz_free(chicago);

	/* Arizona keeps standard time; the Navajo Nation does not. */
	echo_tz *phoenix = zone("America/Phoenix");
	if (phoenix) {
		check_utc(phoenix, 2026, 7, 9, 12, 0, 2026, 7, 9, 19, 0, "MST", 0);
		echo_tz_rule rule;
		CHECK_INT(echo_tz_rule_get(phoenix, &rule), 0);
	}
	echo_tz_free(phoenix);

	/* The southern hemisphere: daylight time spans the new year. */
	echo_tz *sydney = zone("Australia/Sydney");
	if (sydney) {
		check_utc(sydney, 2026, 1, 8, 12, 0, 2026, 1, 8, 1, 0, "AEDT", 0);
		check_utc(sydney, 2026, 7, 9, 12, 0, 2026, 7, 9, 2, 0, "AEST", 0);
		check_utc(sydney, 2046, 1, 11, 12, 0, 2046, 1, 11, 1, 0, "AEDT", 0);
	}
	echo_tz_free(sydney);

	/* Europe changes on the last Sunday of March, weeks after the US. */
	echo_tz *london = zone("Europe/London");
	if (london) {
		check_utc(london, 2026, 3, 26, 12, 0, 2026, 3, 26, 12, 0, "GMT", 0);
		check_utc(london, 2026, 4, 2, 12, 0, 2026, 4, 2, 11, 0, "BST", 0);
	}
	echo_tz_free(london);

	/* A zone half an hour off the hour. */
	echo_tz *kolkata = zone("Asia/Kolkata");
	if (kolkata)
		check_utc(kolkata, 2026, 3, 12, 22, 30, 2026, 3, 12, 17, 0, "IST", 0);
	echo_tz_free(kolkata);

	echo_tz *tz = NULL;
	CHECK_INT(echo_tz_load("America/Chicgo", &tz), ECHO_TZ_NOT_FOUND);
	CHECK_INT(echo_tz_load("../../etc/passwd", &tz), ECHO_TZ_BAD_NAME);
	CHECK_INT(echo_tz_load("/etc/localtime", &tz), ECHO_TZ_BAD_NAME);
	CHECK_INT(echo_tz_load("America/.hidden", &tz), ECHO_TZ_BAD_NAME);
	CHECK_INT(echo_tz_load("", &tz), ECHO_TZ_BAD_NAME);
	CHECK_INT(echo_tz_load("Central Time", &tz), ECHO_TZ_BAD_NAME);
	CHECK_INT(echo_tz_load("America", &tz), ECHO_TZ_NOT_FOUND);   /* a folder */
	CHECK_INT(echo_tz_load("zone1970.tab", &tz), ECHO_TZ_CORRUPT); /* not TZif */
	CHECK(tz == NULL);

	char hint[64];
	CHECK_INT(echo_tz_suggest("America/Chicgo", hint, sizeof hint), 1);
	CHECK_STR(hint, "America/Chicago");
	CHECK_INT(echo_tz_suggest("america/new_york", hint, sizeof hint), 1);
	CHECK_STR(hint, "America/New_York");
	CHECK_INT(echo_tz_suggest("America/New York", hint, sizeof hint), 1);
	CHECK_STR(hint, "America/New_York");
	CHECK_INT(echo_tz_suggest("Mars/Olympus_Mons", hint, sizeof hint), 0);
}

int main(void)
{
	test_days();
	test_nth_weekday();
	test_recurrence();
	test_zones();
	TEST_EXIT();
}
