/* Civil dates as day numbers and the recurrence rules of a series.  Time
 * zones are in calendar_tz.c, dates and times as text in
 * calendar_format.c. */
#include "echo/calendar.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, with eras of 400 years so that no step overflows. */
long echo_days_from_civil(int year, int month, int day)
{
	long y = (long)year - (month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void echo_civil_from_days(long days, int *year, int *month, int *day)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

int echo_weekday(long days)
{
	/* 1970-01-01 was a Thursday (3). */
	long w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

int echo_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

echo_date_status echo_date_read(const char *text, int *year, int *month, int *day)
{
	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return ECHO_DATE_SHAPE;
	int y = digits(text, 4), m = digits(text + 5, 2), d = digits(text + 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return ECHO_DATE_SHAPE;
	if (m < 1 || m > 12 || d < 1 || d > echo_days_in_month(y, m))
		return ECHO_DATE_NO_SUCH_DAY;
	if (y < ECHO_YEAR_MIN || y > ECHO_YEAR_MAX)
		return ECHO_DATE_RANGE;
	*year = y;
	*month = m;
	*day = d;
	return ECHO_DATE_OK;
}

int echo_date_parse(const char *text, int *year, int *month, int *day)
{
	return echo_date_read(text, year, month, day) == ECHO_DATE_OK ? 0 : -1;
}

const char *echo_date_problem(const char *text, echo_date_status status, char *buf,
                              size_t size)
{
	int y = digits(text, 4), m = status == ECHO_DATE_NO_SUCH_DAY ? digits(text + 5, 2) : 0;
	switch (status) {
	case ECHO_DATE_OK:
		snprintf(buf, size, "is a valid date");
		break;
	case ECHO_DATE_SHAPE:
		snprintf(buf, size, "is not a date YYYY-MM-DD");
		break;
	case ECHO_DATE_NO_SUCH_DAY:
		if (m < 1 || m > 12)
			snprintf(buf, size, "does not exist (there is no month %d)", m);
		else
			snprintf(buf, size, "does not exist (%s %d has %d days)", echo_month_name(m), y,
			         echo_days_in_month(y, m));
		break;
	case ECHO_DATE_RANGE:
		snprintf(buf, size, "is outside the years %d to %d that dates may have",
		         ECHO_YEAR_MIN, ECHO_YEAR_MAX);
		break;
	}
	return buf;
}

void echo_date_format(long day, char *buf, size_t size)
{
	int y, m, d;
	echo_civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

/* "pm", "PM", "p.m." after a 12-hour time: 0 for am, 12 for pm, -1. */
static int meridiem(const char *p)
{
	while (*p == ' ')
		p++;
	char c = (char)(*p | 0x20);
	if (c != 'a' && c != 'p')
		return -1;
	p++;
	if (*p == '.')
		p++;
	if ((*p | 0x20) != 'm')
		return -1;
	p++;
	if (*p == '.')
		p++;
	return *p ? -1 : c == 'p' ? 12 : 0;
}

int echo_time_parse(const char *text, int *h, int *min)
{
	size_t len = strlen(text);
	static const char noon[] = "noon";
	if (len == 4) {
		size_t k = 0;
		while (k < 4 && (text[k] | 0x20) == noon[k])
			k++;
		if (k == 4) {
			*h = 12;
			*min = 0;
			return 0;
		}
	}
	/* Hours: one or two digits, then ":MM" or nothing (only before am/pm). */
	size_t i = 0;
	int hh = 0;
	while (i < 2 && text[i] >= '0' && text[i] <= '9')
		hh = hh * 10 + (text[i++] - '0');
	if (i == 0)
		return -1;
	int mm = 0, has_minutes = 0;
	if (text[i] == ':') {
		if (digits(text + i + 1, 2) < 0)
			return -1;
		mm = digits(text + i + 1, 2);
		i += 3;
		has_minutes = 1;
	}
	if (!text[i]) {
		if (!has_minutes || hh > 23 || mm > 59)
			return -1;
		*h = hh;
		*min = mm;
		return 0;
	}
	int pm = meridiem(text + i);
	if (pm < 0 || hh < 1 || hh > 12 || mm > 59)
		return -1;
	*h = hh % 12 + pm;
	*min = mm;
	return 0;
}

static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                     "July", "August", "September", "October", "November",
                                     "December"};

const char *echo_weekday_name(int weekday)
{
	return weekday >= 0 && weekday < 7 ? weekdays[weekday] : NULL;
}

const char *echo_month_name(int month)
{
	return month >= 1 && month <= 12 ? months[month - 1] : NULL;
}

int echo_weekday_parse(const char *name)
{
	size_t n = strlen(name);
	for (int i = 0; i < 7; i++) {
		const char *w = weekdays[i];
		size_t wn = strlen(w);
		if (n != 3 && n != wn)
			continue;
		size_t k = 0;
		while (k < n && (name[k] | 0x20) == (w[k] | 0x20))
			k++;
		if (k == n)
			return i;
	}
	return -1;
}

long echo_nth_weekday(int year, int month, int weekday, int nth)
{
	if (nth == -1) {
		int last = echo_days_in_month(year, month);
		long d = echo_days_from_civil(year, month, last);
		return d - (echo_weekday(d) - weekday + 7) % 7;
	}
	if (nth < 1 || nth > 5)
		return LONG_MIN;
	long first = echo_days_from_civil(year, month, 1);
	long d = first + (weekday - echo_weekday(first) + 7) % 7 + 7L * (nth - 1);
	int y, m, dd;
	echo_civil_from_days(d, &y, &m, &dd);
	return m == month ? d : LONG_MIN;
}

/* Recurrence ---------------------------------------------------------------- */

void echo_dates_free(echo_dates *dates)
{
	free(dates->items);
	dates->items = NULL;
	dates->count = dates->cap = 0;
}

static int dates_push(echo_dates *dates, long day)
{
	if (!dates)
		return 0;
	if (dates->count == dates->cap) {
		size_t cap = dates->cap ? dates->cap * 2 : 16;
		long *items = realloc(dates->items, cap * sizeof *items);
		if (!items)
			return -1;
		dates->items = items;
		dates->cap = cap;
	}
	dates->items[dates->count++] = day;
	return 0;
}

/* The rule's first date on or after day within one month, or LONG_MIN. */
static long monthly_in(const echo_recurrence *rule, int year, int month, long day)
{
	long best = LONG_MIN;
	for (int n = 1; n <= 6; n++) {
		unsigned bit = n == 6 ? ECHO_NTH_LAST : 1u << (n - 1);
		if (!(rule->nth & bit))
			continue;
		long d = echo_nth_weekday(year, month, rule->weekday, n == 6 ? -1 : n);
		if (d != LONG_MIN && d >= day && (best == LONG_MIN || d < best))
			best = d;
	}
	return best;
}

long echo_recurrence_next(const echo_recurrence *rule, long day)
{
	if (day < rule->first)
		day = rule->first;
	if (!rule->monthly) {
		long anchor = rule->first + (rule->weekday - echo_weekday(rule->first) + 7) % 7;
		if (day <= anchor)
			return anchor;
		long step = 7L * (rule->interval > 0 ? rule->interval : 1);
		return anchor + (day - anchor + step - 1) / step * step;
	}
	if (!(rule->nth & (ECHO_NTH_LAST | 0x1f)))
		return LONG_MAX;
	int y, m, d;
	echo_civil_from_days(day, &y, &m, &d);
	/* Every month has a 1st-4th and a last weekday, so this ends within two
	 * months; a rule of only 5th weekdays within about three. */
	for (int i = 0; i < 24; i++) {
		long found = monthly_in(rule, y, m, day);
		if (found != LONG_MIN)
			return found;
		if (++m > 12) {
			m = 1;
			y++;
		}
		day = echo_days_from_civil(y, m, 1);
	}
	return LONG_MAX;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

static int contains(const long *sorted, size_t n, long day)
{
	return sorted && bsearch(&day, sorted, n, sizeof *sorted, cmp_long) != NULL;
}

int echo_recurrence_expand(const echo_recurrence *rule, size_t count, long until,
                           const long *extra, size_t extra_count,
                           const long *skip, size_t skip_count, size_t max,
                           echo_dates *out, echo_dates *skipped_hit)
{
	long *extras = NULL, *skips = NULL;
	int rc = 0;
	if (extra_count) {
		extras = malloc(extra_count * sizeof *extras);
		if (!extras)
			return -1;
		memcpy(extras, extra, extra_count * sizeof *extras);
		qsort(extras, extra_count, sizeof *extras, cmp_long);
	}
	if (skip_count) {
		skips = malloc(skip_count * sizeof *skips);
		if (!skips) {
			free(extras);
			return -1;
		}
		memcpy(skips, skip, skip_count * sizeof *skips);
		qsort(skips, skip_count, sizeof *skips, cmp_long);
	}
	size_t e = 0;
	long next = echo_recurrence_next(rule, rule->first);
	long last = LONG_MIN;
	for (;;) {
		if (count ? out->count >= count : 0)
			break;
		long candidate = next;
		int from_rule = 1;
		if (e < extra_count && extras[e] <= candidate) {
			candidate = extras[e++];
			from_rule = candidate == next;
		}
		if (candidate == LONG_MAX || (!count && candidate > until))
			break;
		if (from_rule)
			next = echo_recurrence_next(rule, candidate + 1);
		if (candidate == last)
			continue;
		if (contains(skips, skip_count, candidate)) {
			if (from_rule && dates_push(skipped_hit, candidate) != 0) {
				rc = -1;
				break;
			}
			continue;
		}
		if (out->count >= max) {
			rc = 1;
			break;
		}
		if (dates_push(out, candidate) != 0) {
			rc = -1;
			break;
		}
		last = candidate;
	}
	free(extras);
	free(skips);
	return rc;
}
