/* Dates and clock times written for people and for machines: the one
 * place every format and output takes its date and time text from. */
#include "echo/calendar.h"

long echo_days_from_seconds(int64_t seconds)
{
	return (long)(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

void echo_format_date(echo_buf *out, long date)
{
	int y, m, d;
	echo_civil_from_days(date, &y, &m, &d);
	echo_buf_printf(out, "%s, %s %d, %d", echo_weekday_name(echo_weekday(date)),
	                echo_month_name(m), d, y);
}

void echo_format_clock(echo_buf *out, int64_t local, int clock12)
{
	long day = echo_days_from_seconds(local);
	int secs = (int)(local - (int64_t)day * 86400);
	int h = secs / 3600, m = secs / 60 % 60;
	if (!clock12) {
		echo_buf_printf(out, "%02d:%02d", h, m);
		return;
	}
	echo_buf_printf(out, "%d:%02d %s", h % 12 ? h % 12 : 12, m, h < 12 ? "am" : "pm");
}

void echo_format_time(echo_buf *out, const echo_tz *tz, int64_t utc, int clock12, int abbr)
{
	echo_tz_info info;
	echo_tz_at(tz, utc, &info);
	echo_format_clock(out, utc + info.offset, clock12);
	if (abbr)
		echo_buf_printf(out, " %s", info.abbr);
}

void echo_format_iso(echo_buf *out, const echo_tz *tz, int64_t utc)
{
	echo_tz_info info;
	echo_tz_at(tz, utc, &info);
	int64_t local = utc + info.offset;
	long day = echo_days_from_seconds(local);
	int secs = (int)(local - (int64_t)day * 86400);
	int y, m, d;
	echo_civil_from_days(day, &y, &m, &d);
	int off = info.offset < 0 ? -info.offset : info.offset;
	echo_buf_printf(out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d, secs / 3600,
	                secs / 60 % 60, secs % 60, info.offset < 0 ? '-' : '+', off / 3600,
	                off / 60 % 60);
}
