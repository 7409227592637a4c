/* Attendance benchmark (meson test --benchmark): a year of weekly sessions,
 * 150 participants each, 3 rows per participant (rejoins, second devices,
 * guests without email), imported and turned into the series credit
 * report.  Run at a quarter and at full size to show the time is linear
 * in rows; fails if the full year takes a second or more. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <echo/attendance.h>

enum { PEOPLE = 150, ROWS_EACH = 3, YEAR = 52 };

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Zoom's "03/12/2026 01:05:09 PM" for minute m (from 11:00) of day. */
static void zoom_time(echo_buf *b, int month, int day, int m, int s)
{
	int h = 11 + m / 60;
	m %= 60;
	echo_buf_printf(b, "%02d/%02d/2026 %02d:%02d:%02d %s", month, day, h > 12 ? h - 12 : h, m, s,
	                h >= 12 ? "PM" : "AM");
}

/* One session's meeting export: each person joins, drops, rejoins; every
 * fifth also on a phone that overlaps; every tenth without an email. */
static void make_export(echo_buf *b, int session, int month, int day)
{
	echo_buf_clear(b);
	echo_buf_puts(b, "\xef\xbb\xbfMeeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n"
	                 "845 2213 0967,Weekly ECHO,");
	zoom_time(b, month, day, 55, 0);
	echo_buf_putc(b, ',');
	zoom_time(b, month, day, 125, 0);
	echo_buf_puts(b, ",host@example.org,70,150\r\n\r\n"
	                 "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,"
	                 "Recording Consent,In Waiting Room\r\n");
	for (int p = 0; p < PEOPLE; p++) {
		int seed = (p * 7919 + session * 104729) % 1000;
		int start = 55 + seed % 20, drop = start + 10 + seed % 25, back = drop + 1 + seed % 4;
		int end = back + 5 + seed % 20;
		int last = 121 + seed % 5 > end + 2 ? 121 + seed % 5 : end + 2;
		int spans[ROWS_EACH][2] = {{start, drop}, {back, end}, {end + 1, last}};
		if (p % 5 == 0) {   /* a phone alongside the laptop */
			spans[2][0] = start + 5;
			spans[2][1] = drop + 8;
		}
		for (int r = 0; r < ROWS_EACH; r++) {
			int guest = p % 10 == 9 && r > 0;
			if (guest)
				echo_buf_printf(b, "\"Participant %03d - iPhone\",,", p);
			else
				echo_buf_printf(b, "\"Participant %03d, RN\",p%03d@example.org,", p, p);
			zoom_time(b, month, day, spans[r][0], seed % 60);
			echo_buf_putc(b, ',');
			zoom_time(b, month, day, spans[r][1], (seed * 3) % 60);
			echo_buf_printf(b, ",%d,%s,Y,No\r\n", spans[r][1] - spans[r][0], guest ? "Yes" : "No");
		}
	}
}

/* Imports n sessions and writes the series report; returns the time in
 * milliseconds (exports are made beforehand, outside the clock). */
static double run(echo_buf *exports, int n, size_t *rows, size_t *bytes, size_t *people)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_session_credit **c = calloc((size_t)n, sizeof *c);
	echo_series_session *ss = calloc((size_t)n, sizeof *ss);
	echo_buf out = ECHO_BUF_INIT;
	if (!c || !ss) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	*rows = 0;
	double t0 = now_ms();
	for (int i = 0; i < n; i++) {
		echo_attendance *a = echo_attendance_load("bench.csv", exports[i].data, exports[i].len,
		                                          ECHO_ATTENDANCE_AUTO, NULL, &d);
		if (!a) {
			fprintf(stderr, "session %d did not load\n", i);
			exit(1);
		}
		*rows += a->count;
		echo_session_credit_options o;
		memset(&o, 0, sizeof o);
		o.has_window = 1;
		o.start = a->start - a->start % 86400 + 12 * 3600;
		o.end = o.start + 3600;
		o.rule.min_percent = 75;
		c[i] = echo_session_credit_compute(a, &o, &d);
		echo_attendance_free(a);
		ss[i].credit = c[i];
	}
	echo_series_rule rule = {.min_percent = 80};
	echo_series_credit *s = echo_series_credit_compute(ss, (size_t)n, &rule, &d);
	if (!s || echo_series_credit_write(&out, s, ECHO_TABLE_MARKDOWN) != 0 ||
	    echo_series_credit_write(&out, s, ECHO_TABLE_CSV) != 0) {
		fprintf(stderr, "the series report failed\n");
		exit(1);
	}
	double ms = now_ms() - t0;
	*bytes = out.len;
	*people = s->count;
	echo_series_credit_free(s);
	for (int i = 0; i < n; i++)
		echo_session_credit_free(c[i]);
	free(c);
	free(ss);
	echo_buf_free(&out);
	echo_diags_free(&d);
	return ms;
}

int main(void)
{
	echo_buf exports[YEAR];
	size_t input = 0;
	for (int i = 0; i < YEAR; i++) {
		echo_buf_init(&exports[i]);
		int doy = 7 * i;   /* Thursdays of 2026, from January 1 */
		static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		int month = 0;
		while (doy >= mdays[month])
			doy -= mdays[month++];
		make_export(&exports[i], i, month + 1, doy + 1);
		input += exports[i].len;
	}
	printf("attendance: %d weekly sessions, %d participants, %d rows each; %.1f MB of CSV\n",
	       YEAR, PEOPLE, ROWS_EACH, input / 1e6);
	double full = 0;
	const int sizes[] = {YEAR / 4, YEAR};
	for (int k = 0; k < 2; k++) {
		double best = 1e9;
		size_t rows = 0, bytes = 0, people = 0;
		for (int rep = 0; rep < 5; rep++) {
			double ms = run(exports, sizes[k], &rows, &bytes, &people);
			if (ms < best)
				best = ms;
		}
		printf("  %2d sessions: %6zu rows -> %zu people, %zu bytes of report: %7.1f ms, %.2f us per row\n",
		       sizes[k], rows, people, bytes, best, best * 1e3 / (double)rows);
		full = best;
	}
	for (int i = 0; i < YEAR; i++)
		echo_buf_free(&exports[i]);
	if (full >= 1000) {
		fprintf(stderr, "too slow: a year took %.0f ms (the limit is 1000 ms)\n", full);
		return 1;
	}
	return 0;
}
