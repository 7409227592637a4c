/* Calendar arithmetic: civil dates as day numbers, IANA time zones read
 * from the system time zone database, dates and times as text, and
 * session recurrence rules.
 * Nothing here touches TZ, tzset() or other process-wide state, so it is
 * safe to use from several threads at once. */
#ifndef ECHO_CALENDAR_H
#define ECHO_CALENDAR_H

#include "echo/export.h"
#include <stddef.h>
#include <stdint.h>

#include "echo/buf.h"

/* Dates ------------------------------------------------------------------- */

/* A civil date as a day number: days since 1970-01-01 (negative before).
 * month is 1-12, day 1-31; the proleptic Gregorian calendar. */
ECHO_EXPORT long echo_days_from_civil(int year, int month, int day);
ECHO_EXPORT void echo_civil_from_days(long days, int *year, int *month, int *day);
/* 0 Monday ... 6 Sunday. */
ECHO_EXPORT int echo_weekday(long days);
ECHO_EXPORT int echo_days_in_month(int year, int month);
/* The years every format accepts in a date (doc/limits.md): outside them a
 * date is refused with a located error rather than written wrong (a year
 * 9999 session ends in year 10000, which iCalendar cannot write). */
#define ECHO_YEAR_MIN 1900
#define ECHO_YEAR_MAX 2999
#define ECHO_YEAR_RANGE_TEXT "1900-2999"

typedef enum echo_date_status {
	ECHO_DATE_OK,
	ECHO_DATE_SHAPE,        /* not written YYYY-MM-DD */
	ECHO_DATE_NO_SUCH_DAY,  /* written so, but no such day: 2026-02-30, 2026-13-01 */
	ECHO_DATE_RANGE         /* a year outside ECHO_YEAR_MIN..ECHO_YEAR_MAX */
} echo_date_status;

/* Reads a YYYY-MM-DD date (the whole of text) into year, month and day,
 * which are set only when it returns ECHO_DATE_OK. */
ECHO_EXPORT echo_date_status echo_date_read(const char *text, int *year, int *month, int *day);
/* 0 and the date if text is a valid YYYY-MM-DD date in range, else -1. */
ECHO_EXPORT int echo_date_parse(const char *text, int *year, int *month, int *day);
/* What is wrong with a date that is not ECHO_DATE_OK, as a clause for a
 * message: "does not exist (February 2026 has 28 days)".  Writes into buf
 * (size bytes) and returns it. */
ECHO_EXPORT const char *echo_date_problem(const char *text, echo_date_status status, char *buf,
                                          size_t size);
/* Writes day as "YYYY-MM-DD" into buf (at least 11 bytes). */
ECHO_EXPORT void echo_date_format(long day, char *buf, size_t size);
/* Reads a time of day as people write it: "13:05" (24-hour), "1:05 pm",
 * "12 PM", "11:30 a.m.", "noon"; returns 0 and fills h, min, else -1. */
ECHO_EXPORT int echo_time_parse(const char *text, int *h, int *min);

/* "Monday" ... "Sunday" for 0-6, "January" ... for 1-12; NULL if out of
 * range.  Static data. */
ECHO_EXPORT const char *echo_weekday_name(int weekday);
ECHO_EXPORT const char *echo_month_name(int month);
/* The weekday for a lower-case English name or its first three letters
 * ("thursday", "thu"), or -1. */
ECHO_EXPORT int echo_weekday_parse(const char *name);
/* The day number of the nth (1-5) weekday of a month, or of the last one
 * when nth is -1; LONG_MIN when the month has no such day (a 5th
 * Thursday). */
ECHO_EXPORT long echo_nth_weekday(int year, int month, int weekday, int nth);

/* Time zones --------------------------------------------------------------- */

/* A loaded zone; immutable once loaded.  Free with echo_tz_free. */
typedef struct echo_tz echo_tz;

typedef enum echo_tz_status {
	ECHO_TZ_OK,
	ECHO_TZ_BAD_NAME,    /* not an IANA name: empty, absolute, "..", odd characters */
	ECHO_TZ_NOT_FOUND,   /* no such file in the database */
	ECHO_TZ_CORRUPT,     /* the file is not valid TZif data */
	ECHO_TZ_NO_MEMORY
} echo_tz_status;

/* The offset in force at one instant. */
typedef struct echo_tz_info {
	int offset;          /* seconds east of UTC: -21600 for CST */
	int is_dst;
	char abbr[16];       /* "CST"; numeric for zones without letters ("-03") */
} echo_tz_info;

/* A change of offset (or of abbreviation) at a UTC instant. */
typedef struct echo_tz_transition {
	int64_t at;          /* UTC seconds since the epoch */
	echo_tz_info before;
	echo_tz_info after;
} echo_tz_transition;

/* The zone's rule for the years after its last listed transition (the TZif
 * footer), when it is the common kind: daylight time from the wth weekday
 * of one month to that of another (week 5 meaning the last), changing at
 * a local time of day.  Calendar files state it as a yearly RRULE. */
typedef struct echo_tz_rule {
	echo_tz_info std, dst;
	int start_month, start_week, start_weekday;   /* weekday 0 Monday */
	int start_time;      /* seconds after local midnight, standard time */
	int end_month, end_week, end_weekday;
	int end_time;        /* seconds after local midnight, daylight time */
} echo_tz_rule;

/* Loads a zone by IANA name ("America/Chicago") from the folder named by
 * the TZDIR environment variable, else /usr/share/zoneinfo.  On success
 * *out is set; the caller frees it with echo_tz_free. */
ECHO_EXPORT echo_tz_status echo_tz_load(const char *name, echo_tz **out);
/* NULL is accepted. */
ECHO_EXPORT void echo_tz_free(echo_tz *tz);
/* The name the zone was loaded under.  Owned by the zone. */
ECHO_EXPORT const char *echo_tz_name(const echo_tz *tz);

/* The offset, daylight flag and abbreviation in force at a UTC instant. */
ECHO_EXPORT void echo_tz_at(const echo_tz *tz, int64_t utc, echo_tz_info *info);

/* Converts a wall-clock time in the zone (seconds since 1970-01-01 00:00
 * local) to UTC.  A time that occurs twice (clocks going back) is taken at
 * its first occurrence.  A time that never occurs (clocks going forward)
 * is moved forward by the gap, as clocks would show it, and *gap (may be
 * NULL) is set to 1; otherwise *gap is 0. */
ECHO_EXPORT int64_t echo_tz_to_utc(const echo_tz *tz, int64_t local, int *gap);

/* Appends to out (at most max) the transitions with from < at <= to, in
 * order; returns how many there were in all (which may exceed max). */
ECHO_EXPORT size_t echo_tz_transitions(const echo_tz *tz, int64_t from, int64_t to,
                                       echo_tz_transition *out, size_t max);

/* Fills rule and returns 1 if the zone has a rule of that kind, else 0. */
ECHO_EXPORT int echo_tz_rule_get(const echo_tz *tz, echo_tz_rule *rule);

/* For "did you mean": the zone name in the database closest to name, if
 * one is close (a typo or wrong case), copied into out.  Returns 1 if
 * found. */
ECHO_EXPORT int echo_tz_suggest(const char *name, char *out, size_t cap);

/* The IANA zone for a US zone name as people write it ("CST", "Central",
 * "CT", "Eastern", "Mountain", "Pacific", "Arizona", "Alaska", "Hawaii",
 * in any case), with *what (may be NULL) saying what it was read as; NULL
 * if name is none of them.  Static data. */
ECHO_EXPORT const char *echo_tz_us_alias(const char *name, const char **what);

/* Formatting --------------------------------------------------------------- */

/* The day number of a time given in seconds since 1970-01-01 00:00 (a UTC
 * instant, or a wall-clock time as echo_tz_to_utc takes it). */
ECHO_EXPORT long echo_days_from_seconds(int64_t seconds);
/* "Thursday, March 12, 2026". */
ECHO_EXPORT void echo_format_date(echo_buf *out, long date);
/* The time of day of a wall-clock time (seconds as above): "12:05", or
 * "12:05 pm" with clock12. */
ECHO_EXPORT void echo_format_clock(echo_buf *out, int64_t local, int clock12);
/* "12:05" or "12:05 pm", then " CDT" with the abbreviation, for a UTC
 * instant in a zone. */
ECHO_EXPORT void echo_format_time(echo_buf *out, const echo_tz *tz, int64_t utc, int clock12, int abbr);
/* "2026-03-12T12:00:00-05:00": RFC 3339, the zone's offset at utc. */
ECHO_EXPORT void echo_format_iso(echo_buf *out, const echo_tz *tz, int64_t utc);

/* Recurrence ---------------------------------------------------------------- */

enum {
	ECHO_NTH_LAST = 1 << 5   /* in echo_recurrence.nth: the last weekday */
};

/* A rule generating session dates: weekly (every interval weeks on
 * weekday), or monthly on some of the 1st-5th or last weekdays. */
typedef struct echo_recurrence {
	int monthly;         /* 0 weekly, 1 monthly */
	int interval;        /* weekly: weeks between sessions, 1 or more */
	int weekday;         /* 0 Monday ... 6 Sunday */
	unsigned nth;        /* monthly: bit n-1 for the nth weekday, ECHO_NTH_LAST */
	long first;          /* no date before this day */
} echo_recurrence;

/* The first date the rule generates on or after day. */
ECHO_EXPORT long echo_recurrence_next(const echo_recurrence *rule, long day);

/* A caller-owned list of day numbers; free with echo_dates_free. */
typedef struct echo_dates {
	long *items;
	size_t count, cap;
} echo_dates;

#define ECHO_DATES_INIT {NULL, 0, 0}

ECHO_EXPORT void echo_dates_free(echo_dates *dates);

/* The dates of a series: the rule's dates from rule->first on, plus extra
 * dates, less skipped ones, in order and without repeats.  It ends after
 * count dates (skipped dates do not count), or with count 0 at the last
 * date on or before until.  At most max dates are produced.  Each rule
 * date that was skipped is added to skipped_hit (may be NULL), so a
 * calendar can list it as an exception.  Returns 0, 1 if max was reached
 * before the end, or -1 when memory runs out. */
ECHO_EXPORT int echo_recurrence_expand(const echo_recurrence *rule, size_t count, long until,
                                       const long *extra, size_t extra_count,
                                       const long *skip, size_t skip_count, size_t max,
                                       echo_dates *out, echo_dates *skipped_hit);

#endif
