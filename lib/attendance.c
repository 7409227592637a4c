/* Attendance import: Zoom participant exports (meeting, unique users,
 * webinar) read with libcsv, plain rosters, and wall-clock times. */
#include "echo/attendance.h"

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "echo/calendar.h"
#include "echo/file.h"
#include "echo/suggest.h"
#include "utf8.h"

const echo_attendance_limits echo_attendance_default_limits = {
	.max_bytes = 64u * 1024 * 1024,
	.max_row_bytes = 64u * 1024,
	.max_rows = 1000000,
	.max_errors = 20,
};

const char *echo_attendance_kind_name(echo_attendance_kind kind)
{
	switch (kind) {
	case ECHO_ATTENDANCE_AUTO: return "auto";
	case ECHO_ATTENDANCE_MEETING: return "meeting";
	case ECHO_ATTENDANCE_UNIQUE: return "unique-users";
	case ECHO_ATTENDANCE_WEBINAR: return "webinar";
	case ECHO_ATTENDANCE_ROSTER: return "roster";
	case ECHO_ATTENDANCE_TEAMS: return "teams";
	case ECHO_ATTENDANCE_TEAMS_LEGACY: return "teams-legacy";
	}
	return "auto";
}

/* ---- Wall-clock times ------------------------------------------------- */

int echo_wallclock_make(int year, int month, int day, int hour, int minute,
                        int second, echo_wallclock *out)
{
	if (year < ECHO_YEAR_MIN || year > ECHO_YEAR_MAX || month < 1 || month > 12 || day < 1 ||
	    day > echo_days_in_month(year, month) || hour < 0 || hour > 23 ||
	    minute < 0 || minute > 59 || second < 0 || second > 59)
		return -1;
	*out = (echo_wallclock)echo_days_from_civil(year, month, day) * 86400 + hour * 3600LL +
	       minute * 60LL + second;
	return 0;
}

long echo_wallclock_day(echo_wallclock t)
{
	/* Before 1970 t is negative: the day is the floor. */
	return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

void echo_wallclock_format(echo_wallclock t, char *buf, size_t size)
{
	long day = echo_wallclock_day(t);
	int y, m, d;
	echo_civil_from_days(day, &y, &m, &d);
	int s = (int)(t - (echo_wallclock)day * 86400);
	if (s % 60)
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, s / 3600,
		         s / 60 % 60, s % 60);
	else
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", y, m, d, s / 3600, s / 60 % 60);
}

void echo_wallclock_iso(echo_wallclock t, int has_offset, int offset, char *buf, size_t size)
{
	long day = echo_wallclock_day(t);
	int y, m, d;
	echo_civil_from_days(day, &y, &m, &d);
	int s = (int)(t - (echo_wallclock)day * 86400);
	int n = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, s / 3600,
	                 s / 60 % 60, s % 60);
	if (!has_offset || n < 0 || (size_t)n >= size)
		return;
	int a = offset < 0 ? -offset : offset;
	snprintf(buf + n, size - (size_t)n, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 3600,
	         a / 60 % 60);
}

struct scan {
	const char *p, *e;
};

static int scan_digits(struct scan *sc, int min, int max, int *value)
{
	int n = 0, v = 0;
	while (sc->p < sc->e && *sc->p >= '0' && *sc->p <= '9' && n < max) {
		v = v * 10 + (*sc->p - '0');
		sc->p++;
		n++;
	}
	if (n < min || (sc->p < sc->e && *sc->p >= '0' && *sc->p <= '9'))
		return -1;
	*value = v;
	return 0;
}

static int scan_char(struct scan *sc, char c)
{
	if (sc->p < sc->e && *sc->p == c) {
		sc->p++;
		return 0;
	}
	return -1;
}

static size_t scan_spaces(struct scan *sc)
{
	size_t n = 0;
	while (sc->p < sc->e && (*sc->p == ' ' || *sc->p == '\t')) {
		sc->p++;
		n++;
	}
	return n;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "Mar", "March", "Sept": a full English month name or a prefix of at
 * least three letters. */
static int scan_month_name(struct scan *sc, int *month)
{
	static const char *const names[] = {"january", "february", "march", "april",
		"may", "june", "july", "august", "september", "october", "november",
		"december"};
	const char *s = sc->p;
	size_t n = 0;
	while (s + n < sc->e && is_alpha((unsigned char)s[n]))
		n++;
	if (n < 3)
		return -1;
	for (int i = 0; i < 12; i++) {
		size_t k = 0;
		while (k < n && names[i][k] && lower((unsigned char)s[k]) == names[i][k])
			k++;
		if (k == n) {
			*month = i + 1;
			sc->p += n;
			scan_char(sc, '.');
			return 0;
		}
	}
	return -1;
}

/* short_year: Teams writes "3/12/26, 11:55:02 AM": a two-digit year is
 * 2000 + YY there, and nowhere else. */
static int wallclock_parse(const char *text, size_t len, echo_wallclock *out,
                           const char **why, int short_year)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	struct scan sc = {text, text + len};
	scan_spaces(&sc);
	while (sc.e > sc.p && (sc.e[-1] == ' ' || sc.e[-1] == '\t'))
		sc.e--;
	if (sc.p == sc.e) {
		*why = "the time is empty";
		return -1;
	}
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, iso = 0;
	if (is_alpha((unsigned char)*sc.p)) {
		if (scan_month_name(&sc, &mo) != 0 || !scan_spaces(&sc) ||
		    scan_digits(&sc, 1, 2, &d) != 0)
			goto bad_date;
		scan_char(&sc, ',');
		if (!scan_spaces(&sc) || scan_digits(&sc, 4, 4, &y) != 0)
			goto bad_date;
	} else {
		const char *start = sc.p;
		int first;
		if (scan_digits(&sc, 1, 4, &first) != 0)
			goto bad_date;
		if (sc.p - start == 4 && scan_char(&sc, '-') == 0) {
			y = first;
			iso = 1;
			if (scan_digits(&sc, 2, 2, &mo) != 0 || scan_char(&sc, '-') != 0 ||
			    scan_digits(&sc, 2, 2, &d) != 0)
				goto bad_date;
		} else if (sc.p - start <= 2 && scan_char(&sc, '/') == 0) {
			mo = first;
			const char *ys = NULL;
			if (scan_digits(&sc, 1, 2, &d) != 0 || scan_char(&sc, '/') != 0)
				goto bad_date;
			ys = sc.p;
			if (short_year && scan_digits(&sc, 2, 2, &y) == 0)
				y += 2000;
			else if ((sc.p = ys, scan_digits(&sc, 4, 4, &y)) != 0)
				goto bad_date;
			/* "3/12/2026, 11:55:02 AM", as Teams writes it. */
			if (sc.p < sc.e && *sc.p == ',' && sc.p + 1 < sc.e && sc.p[1] == ' ')
				sc.p++;
		} else {
			goto bad_date;
		}
	}
	if (sc.p == sc.e) {
		*why = "a date without a time";
		return -1;
	}
	if (!(iso && scan_char(&sc, 'T') == 0) && !scan_spaces(&sc))
		goto bad_time;
	if (scan_digits(&sc, 1, 2, &h) != 0 || scan_char(&sc, ':') != 0 ||
	    scan_digits(&sc, 2, 2, &mi) != 0)
		goto bad_time;
	if (scan_char(&sc, ':') == 0 && scan_digits(&sc, 2, 2, &se) != 0)
		goto bad_time;
	int ampm = 0;   /* 1 AM, 2 PM */
	size_t spaces = scan_spaces(&sc);
	if (sc.e - sc.p >= 2 && (lower((unsigned char)sc.p[1]) == 'm') &&
	    (lower((unsigned char)sc.p[0]) == 'a' || lower((unsigned char)sc.p[0]) == 'p')) {
		ampm = lower((unsigned char)sc.p[0]) == 'a' ? 1 : 2;
		sc.p += 2;
	}
	if (sc.p != sc.e) {
		if (!spaces && !ampm && (*sc.p == 'Z' || *sc.p == '+' || *sc.p == '-'))
			*why = "time zone offsets are not supported: times are local wall-clock times";
		else if (!spaces && !ampm && *sc.p == '.')
			*why = "fractions of a second are not supported";
		else
			*why = "unexpected text after the time";
		return -1;
	}
	if (mo < 1 || mo > 12) {
		*why = iso ? "month out of range" : "month out of range (dates are month first: MM/DD/YYYY)";
		return -1;
	}
	if (d < 1 || d > echo_days_in_month(y, mo)) {
		*why = "no such day: the month is shorter";
		return -1;
	}
	if (y < ECHO_YEAR_MIN || y > ECHO_YEAR_MAX) {
		*why = "year out of range (" ECHO_YEAR_RANGE_TEXT ")";
		return -1;
	}
	if (ampm) {
		if (h < 1 || h > 12) {
			*why = "hour out of range (1-12 with AM or PM)";
			return -1;
		}
		/* 12:xx AM is just after midnight; 12:xx PM just after noon. */
		h = h % 12 + (ampm == 2 ? 12 : 0);
	} else if (h > 23) {
		*why = "hour out of range (0-23)";
		return -1;
	}
	if (mi > 59) {
		*why = "minute out of range";
		return -1;
	}
	if (se > 59) {
		*why = "second out of range";
		return -1;
	}
	return echo_wallclock_make(y, mo, d, h, mi, se, out);
bad_date:
	*why = "expected a date and time such as 03/12/2026 11:58:31 AM";
	return -1;
bad_time:
	*why = "expected a time of day after the date, such as 11:58:31 AM";
	return -1;
}

int echo_wallclock_parse(const char *text, size_t len, echo_wallclock *out,
                         const char **why)
{
	return wallclock_parse(text, len, out, why, 0);
}

/* ---- Columns ---------------------------------------------------------- */

enum col {
	C_NAME, C_EMAIL, C_JOIN, C_LEAVE, C_DURATION, C_TOTAL, C_GUEST,
	C_ATTENDED, C_WAITING, C_FIRST, C_LAST,
	C_MEETING_ID, C_WEBINAR_ID, C_TOPIC, C_START, C_END, C_ACTUAL_START,
	C_ACTUAL_DURATION, C_ROLE, C_UPN, C_ACTION, C_TIMESTAMP,
	NCOLS
};

static const char *const col_title[NCOLS] = {
	[C_NAME] = "Name (Original Name)", [C_EMAIL] = "User Email",
	[C_JOIN] = "Join Time", [C_LEAVE] = "Leave Time",
	[C_DURATION] = "Duration (Minutes)", [C_TOTAL] = "Total Duration (Minutes)",
	[C_GUEST] = "Guest", [C_ATTENDED] = "Attended", [C_WAITING] = "In Waiting Room",
	[C_FIRST] = "First Name", [C_LAST] = "Last Name", [C_MEETING_ID] = "Meeting ID",
	[C_WEBINAR_ID] = "Webinar ID", [C_TOPIC] = "Topic", [C_START] = "Start Time",
	[C_END] = "End Time", [C_ACTUAL_START] = "Actual Start Time",
	[C_ACTUAL_DURATION] = "Actual Duration (minutes)", [C_ROLE] = "Role",
	[C_UPN] = "Participant ID (UPN)", [C_ACTION] = "User Action",
	[C_TIMESTAMP] = "Timestamp",
};

/* Header names as Zoom has spelled them over the years, compared without
 * case and with runs of spaces as one.  A higher rank wins when a header
 * has several: in the one-table layout "User Name" is the host and
 * "Name (Original Name)" the participant. */
static const struct alias {
	enum col col;
	int rank;
	const char *text;
} aliases[] = {
	{C_NAME, 3, "name (original name)"},
	{C_NAME, 3, "user name (original name)"},
	{C_NAME, 2, "participant name"},
	{C_NAME, 1, "name"},
	{C_NAME, 1, "user name"},
	{C_NAME, 1, "participant"},
	{C_NAME, 1, "display name"},
	{C_NAME, 1, "full name"},
	{C_EMAIL, 1, "user email"},
	{C_EMAIL, 1, "email"},
	{C_EMAIL, 1, "email address"},
	{C_EMAIL, 1, "participant email"},
	{C_JOIN, 1, "join time"},
	{C_JOIN, 1, "first join"},
	{C_LEAVE, 1, "leave time"},
	{C_LEAVE, 1, "last leave"},
	{C_DURATION, 1, "duration (minutes)"},
	{C_DURATION, 1, "duration"},
	{C_DURATION, 1, "in-meeting duration"},
	{C_ROLE, 1, "role"},
	{C_UPN, 1, "participant id (upn)"},
	{C_ACTION, 1, "user action"},
	{C_TIMESTAMP, 1, "timestamp"},
	{C_DURATION, 1, "time in session (minutes)"},
	{C_TOTAL, 1, "total duration (minutes)"},
	{C_GUEST, 1, "guest"},
	{C_GUEST, 1, "is guest"},
	{C_ATTENDED, 1, "attended"},
	{C_WAITING, 1, "in waiting room"},
	{C_FIRST, 1, "first name"},
	{C_LAST, 1, "last name"},
	{C_MEETING_ID, 1, "meeting id"},
	{C_WEBINAR_ID, 1, "webinar id"},
	{C_TOPIC, 1, "topic"},
	{C_START, 1, "start time"},
	{C_END, 1, "end time"},
	{C_ACTUAL_START, 1, "actual start time"},
	{C_ACTUAL_DURATION, 1, "actual duration (minutes)"},
};

/* Columns of a header row: the index of each known column, or -1. */
struct header {
	int idx[NCOLS];
	size_t line;
	size_t nfields;
};

/* Lower case, spaces collapsed, at most size - 1 bytes. */
static void fold_header(const char *s, char *out, size_t size)
{
	size_t n = 0;
	int space = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s && n + 1 < size; s++) {
		if (*s == ' ' || *s == '\t') {
			space = 1;
			continue;
		}
		if (space && n + 2 < size)
			out[n++] = ' ';
		space = 0;
		out[n++] = (char)lower((unsigned char)*s);
	}
	out[n] = '\0';
}

static int alias_of(const char *field, int *rank)
{
	char f[64];
	fold_header(field, f, sizeof f);
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcmp(f, aliases[i].text) == 0) {
			*rank = aliases[i].rank;
			return (int)aliases[i].col;
		}
	return -1;
}

static void header_read(struct header *h, char **f, size_t n)
{
	int rank[NCOLS] = {0};
	for (int c = 0; c < NCOLS; c++)
		h->idx[c] = -1;
	h->nfields = n;
	for (size_t i = 0; i < n; i++) {
		int r, c = alias_of(f[i], &r);
		if (c < 0)
			continue;
		/* A repeated email or duration column: the participant's is the
		 * one after the name column (one-table layout). */
		if (h->idx[c] < 0 || r > rank[c] ||
		    (r == rank[c] && (c == C_EMAIL || c == C_DURATION) && h->idx[C_NAME] >= 0 &&
		     h->idx[c] < h->idx[C_NAME])) {
			h->idx[c] = (int)i;
			rank[c] = r;
		}
	}
}

static int header_is_details(const struct header *h)
{
	return h->idx[C_NAME] < 0 && (h->idx[C_MEETING_ID] >= 0 || h->idx[C_WEBINAR_ID] >= 0 ||
	                              h->idx[C_ACTUAL_START] >= 0);
}

static int header_is_participants(const struct header *h)
{
	static const enum col cols[] = {C_EMAIL, C_JOIN, C_LEAVE, C_DURATION, C_TOTAL,
	                                C_GUEST, C_ATTENDED, C_WAITING, C_ACTION, C_TIMESTAMP};
	if (h->idx[C_NAME] >= 0 || h->idx[C_FIRST] >= 0 || h->idx[C_LAST] >= 0)
		return 1;
	int n = 0;
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
		n += h->idx[cols[i]] >= 0;
	return n >= 2;
}

/* ---- The loader ------------------------------------------------------- */

enum state {
	ST_START,          /* nothing read yet */
	ST_DETAILS,        /* after a meeting or webinar details header */
	ST_EXPECT_HEADER,  /* after details or a section title */
	ST_SUMMARY,        /* Teams "1. Summary": key and value rows */
	ST_TABLE           /* in a participants table */
};

struct loader {
	echo_attendance *att;
	const char *path;
	const char *data;
	size_t len;
	size_t bom;                   /* 3 when the text starts with a BOM */
	const echo_attendance_limits *lim;
	echo_diags *diags;
	echo_attendance_kind want;
	size_t errors;
	int stop;
	int oom;

	/* The row libcsv is assembling. */
	echo_buf fields;              /* each field's bytes and a NUL */
	size_t *offs;
	size_t nfields, capfields;
	size_t row_line, row_offset;  /* where it starts */
	size_t rows_seen;

	enum state st;
	int webinar;
	echo_attendance_role role;
	struct header details;        /* the details header, for its data row */
	struct header table;
	size_t table_rows;            /* data rows under the current header */
	size_t tables;                /* participants headers read */
	int at_end;                   /* the row ends the file without a line break */
	size_t cap;
	int window_from_rows;         /* one-table layout: meeting times per row */
	char delim;                   /* ',' or '\t' (Teams) */
	int teams;                    /* a Teams report in sections */
	int short_year;               /* Teams dates: "3/12/26" is 2026 */
	size_t activities_from;       /* first row of "3. In-Meeting Activities" */
	int has_sum_start, has_sum_end;
	echo_wallclock sum_start, sum_end;
	long long sum_duration;       /* -1: not given */
	int legacy_any;               /* Teams legacy: the list's first and last */
	echo_wallclock legacy_first, legacy_last;
};

static void add_error(struct loader *ld, size_t line, size_t col, const char *rule,
                      const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

static void add_error(struct loader *ld, size_t line, size_t col, const char *rule,
                      const char *fmt, ...)
{
	if (ld->stop)
		return;
	if (ld->errors == ld->lim->max_errors) {
		echo_diags_add(ld->diags, ECHO_ERROR, ld->path, line, col, "limit-errors",
		               "more than %zu errors; stopping", ld->errors);
		ld->errors++;
		ld->stop = 1;
		return;
	}
	echo_buf msg = ECHO_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	echo_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	echo_diags_add(ld->diags, ECHO_ERROR, ld->path, line, col, rule, "%s",
	               echo_buf_cstr(&msg));
	echo_buf_free(&msg);
	ld->errors++;
}

/* An error that ends the load at once (a broken structure, not a row). */
#define FATAL(ld, line, col, rule, ...) \
	do { \
		add_error((ld), (line), (col), (rule), __VA_ARGS__); \
		(ld)->stop = 1; \
	} while (0)

static void out_of_memory(struct loader *ld)
{
	if (!ld->oom)
		echo_diags_add(ld->diags, ECHO_ERROR, ld->path, 0, 0, "io", "out of memory");
	ld->oom = 1;
	ld->stop = 1;
}

/* Column (code points, 1-based) of byte offset at within its line. */
static size_t column_at(const struct loader *ld, size_t line_start, size_t at)
{
	if (line_start < ld->bom)
		line_start = ld->bom;
	size_t col = 1;
	for (size_t i = line_start; i < at && i < ld->len; i++)
		if (((unsigned char)ld->data[i] & 0xc0) != 0x80)
			col++;
	return col;
}

/* Locates field k of the current row in the source, for a diagnostic.
 * libcsv parses; this walk only counts delimiters outside quotes. */
static void field_pos(const struct loader *ld, size_t k, size_t *line, size_t *col)
{
	size_t i = ld->row_offset, ln = ld->row_line, line_start = ld->row_offset;
	size_t field = 0;
	int quoted = 0;
	while (i < ld->len && field < k) {
		char c = ld->data[i];
		if (c == '"')
			quoted = !quoted;
		else if (c == ld->delim && !quoted)
			field++;
		else if ((c == '\n' || c == '\r') && !quoted)
			break;
		if (c == '\n' || (c == '\r' && (i + 1 >= ld->len || ld->data[i + 1] != '\n'))) {
			ln++;
			line_start = i + 1;
		}
		i++;
	}
	while (i < ld->len && (ld->data[i] == ' ' || ld->data[i] == '\t'))
		i++;
	*line = ln;
	*col = column_at(ld, line_start, i);
}

static void row_error(struct loader *ld, int field, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void row_error(struct loader *ld, int field, const char *rule, const char *fmt, ...)
{
	size_t line = ld->row_line, col = 1;
	if (field > 0)
		field_pos(ld, (size_t)field, &line, &col);
	echo_buf msg = ECHO_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	echo_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	add_error(ld, line, col, rule, "%s", echo_buf_cstr(&msg));
	echo_buf_free(&msg);
}

static const char *trimmed(const char *s, size_t *len)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

/* A copy in the arena, trimmed, with line breaks and tabs (possible in a
 * quoted field) turned into spaces so that a name stays on one line. */
static const char *keep(struct loader *ld, const char *s)
{
	size_t n;
	s = trimmed(s, &n);
	char *p = echo_arena_strndup(ld->att->arena, s, n);
	if (!p) {
		out_of_memory(ld);
		return "";
	}
	for (char *q = p; *q; q++)
		if (*q == '\n' || *q == '\r' || *q == '\t')
			*q = ' ';
	return p;
}

static int ieq(const char *a, const char *b)
{
	size_t n;
	a = trimmed(a, &n);
	if (strlen(b) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

static int is_blank(const char *s)
{
	size_t n;
	trimmed(s, &n);
	return n == 0;
}

/* The value of column c in a row, "" when the column is absent. */
static const char *cell(const struct header *h, char **f, size_t n, enum col c)
{
	int i = h->idx[c];
	return i >= 0 && (size_t)i < n ? f[i] : "";
}

static int parse_time_cell(struct loader *ld, const struct header *h, char **f, size_t n,
                           enum col c, echo_wallclock *out)
{
	const char *why, *s = cell(h, f, n, c);
	if (wallclock_parse(s, strlen(s), out, &why, ld->short_year) == 0)
		return 0;
	row_error(ld, h->idx[c], "attendance-time", "cannot read %s '%s': %s", col_title[c], s, why);
	return -1;
}

static int parse_minutes(const char *s, long *out)
{
	size_t n;
	s = trimmed(s, &n);
	if (n == 0 || n > 7)
		return -1;
	long v = 0;
	size_t i = 0;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (s[i] - '0');
	/* Some exports write minutes with decimals: round up, as Zoom does. */
	if (i < n && s[i] == '.' && i + 1 < n) {
		int frac = 0;
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			frac |= s[i] != '0';
		v += frac;
	}
	if (i != n)
		return -1;
	*out = v;
	return 0;
}

static int yes_no(const char *s)
{
	if (ieq(s, "yes") || ieq(s, "y") || ieq(s, "true"))
		return 1;
	if (ieq(s, "no") || ieq(s, "n") || ieq(s, "false"))
		return 0;
	return -1;
}

static echo_attendance_row *new_row(struct loader *ld)
{
	echo_attendance *att = ld->att;
	if (att->count == ld->cap) {
		size_t cap = ld->cap ? ld->cap * 2 : 64;
		echo_attendance_row *rows = realloc(att->rows, cap * sizeof *rows);
		if (!rows) {
			out_of_memory(ld);
			return NULL;
		}
		att->rows = rows;
		ld->cap = cap;
	}
	echo_attendance_row *r = &att->rows[att->count++];
	memset(r, 0, sizeof *r);
	r->name = r->email = "";
	r->total_minutes = -1;
	r->guest = -1;
	r->attended = 1;
	r->role = ld->role;
	r->line = ld->row_line;
	r->path = att->path;
	return r;
}

/* A section title of a webinar report: one text in the first field. */
static int is_title_row(char **f, size_t n)
{
	if (n == 0 || is_blank(f[0]))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!is_blank(f[i]))
			return 0;
	return 1;
}

static int title_role(const char *t, echo_attendance_role *role)
{
	static const struct {
		const char *text;
		echo_attendance_role role;
	} titles[] = {
		{"attendee report", ECHO_ROLE_ATTENDEE},
		{"host details", ECHO_ROLE_HOST},
		{"panelist details", ECHO_ROLE_PANELIST},
		{"attendee details", ECHO_ROLE_ATTENDEE},
		{"other attended", ECHO_ROLE_ATTENDEE},
	};
	for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
		if (ieq(t, titles[i].text)) {
			*role = titles[i].role;
			return (int)i;
		}
	return -1;
}

/* "1h 8m 8s", "52m 10s", "45s": Teams durations, in seconds; -1 if not
 * one. */
static long long parse_hms(const char *s)
{
	size_t n;
	s = trimmed(s, &n);
	long long total = 0;
	size_t i = 0;
	int parts = 0;
	while (i < n) {
		long long v = 0;
		size_t d = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9' && d < 7) {
			v = v * 10 + (s[i++] - '0');
			d++;
		}
		if (!d || i >= n)
			return -1;
		char u = (char)lower((unsigned char)s[i++]);
		if (u == 'h')
			total += v * 3600;
		else if (u == 'm')
			total += v * 60;
		else if (u == 's')
			total += v;
		else
			return -1;
		parts++;
		while (i < n && s[i] == ' ')
			i++;
	}
	return parts ? total : -1;
}

/* A row of the Teams summary: "Start time", "3/12/26, 11:55:02 AM".  Keys
 * that do not bear on attendance are skipped. */
static void on_summary(struct loader *ld, char **f, size_t n)
{
	const char *key = n ? f[0] : "", *value = n > 1 ? f[1] : "";
	const char *why;
	echo_wallclock t;
	int start = ieq(key, "start time"), end = ieq(key, "end time");
	if (ieq(key, "meeting title")) {
		ld->att->topic = keep(ld, value);
	} else if (start || end) {
		if (wallclock_parse(value, strlen(value), &t, &why, 1) != 0) {
			row_error(ld, 1, "attendance-time", "cannot read %s '%s': %s", start ? "Start time"
			          : "End time", value, why);
			return;
		}
		if (start) {
			ld->sum_start = t;
			ld->has_sum_start = 1;
			field_pos(ld, 1, &ld->att->start_line, &ld->att->start_col);
		} else {
			ld->sum_end = t;
			ld->has_sum_end = 1;
		}
	} else if (ieq(key, "meeting duration")) {
		ld->sum_duration = parse_hms(value);
		if (ld->sum_duration < 0)
			row_error(ld, 1, "attendance-time", "cannot read Meeting duration '%s': expected "
			          "a duration such as 1h 8m 8s", value);
	}
	if (ld->has_sum_start && (ld->has_sum_end || ld->sum_duration >= 0)) {
		ld->att->has_window = 1;
		ld->att->start = ld->sum_start;
		ld->att->end = ld->has_sum_end ? ld->sum_end : ld->sum_start + ld->sum_duration;
	}
}

/* Teams section titles: 1, 2, 3, or 0. */
static int teams_section_of(const char *t)
{
	static const char *const titles[] = {"1. summary", "2. participants",
	                                     "3. in-meeting activities"};
	for (size_t i = 0; i < 3; i++)
		if (ieq(t, titles[i]))
			return (int)i + 1;
	return 0;
}

static void not_supported(struct loader *ld, const char *what);

static void on_title(struct loader *ld, const char *t)
{
	echo_attendance_role role;
	int section = teams_section_of(t);
	if (section && (ld->teams || ld->st == ST_START)) {
		ld->teams = ld->short_year = 1;
		if (section == 3)
			ld->activities_from = ld->att->count;
		ld->st = section == 1 ? ST_SUMMARY : ST_EXPECT_HEADER;
		return;
	}
	if (ld->teams) {
		FATAL(ld, ld->row_line, 1, "attendance-section",
		      "unknown section '%s' in a Teams attendance report; expected 1. Summary, "
		      "2. Participants or 3. In-Meeting Activities", t);
		return;
	}
	int which = title_role(t, &role);
	if (which < 0 && !ld->webinar) {
		not_supported(ld, NULL);
		return;
	}
	if (which < 0) {
		FATAL(ld, ld->row_line, 1, "attendance-section",
		      "unknown section '%s' in a webinar report; expected Host Details, "
		      "Panelist Details or Attendee Details", t);
		return;
	}
	ld->webinar = 1;
	ld->role = role;
	ld->st = ST_EXPECT_HEADER;
}

/* For an error message: the header field that may be the missing column
 * misspelt, then the other columns that are not recognised.  Returns 1 if
 * a misspelling was suggested. */
static int unknown_columns(echo_buf *out, char **f, size_t n, const char *missing)
{
	char want[64];
	fold_header(missing, want, sizeof want);
	size_t near = n, best = 3;
	for (size_t i = 0; i < n; i++) {
		int r;
		char a[64];
		if (is_blank(f[i]) || alias_of(f[i], &r) >= 0)
			continue;
		fold_header(f[i], a, sizeof a);
		size_t dist = echo_edit_distance(a, want, 2);
		if (dist < best) {
			best = dist;
			near = i;
		}
	}
	size_t len;
	const char *t;
	if (near < n) {
		t = trimmed(f[near], &len);
		echo_buf_printf(out, "; is '%.*s' meant to be '%s'?", (int)len, t, missing);
	}
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		int r;
		if (i == near || is_blank(f[i]) || alias_of(f[i], &r) >= 0)
			continue;
		t = trimmed(f[i], &len);
		echo_buf_printf(out, "%s'%.*s'", any ? ", " : near < n ? " (other columns not recognised: "
		                                                        : " (not recognised: ",
		                (int)len, t);
		any = 1;
	}
	if (any)
		echo_buf_putc(out, ')');
	return near < n;
}

/* A roster as CSV ("Name,Email", "First Name,Last Name,Email"): only
 * name, email and guest columns, so that no column is ignored unseen. */
static int is_roster_header(char **f, size_t n)
{
	int names = 0;
	for (size_t i = 0; i < n; i++) {
		int r, c = alias_of(f[i], &r);
		if (c == C_NAME || c == C_FIRST || c == C_LAST)
			names = 1;
		else if (c != C_EMAIL && c != C_GUEST && !is_blank(f[i]))
			return 0;
	}
	return names;
}

static void on_header(struct loader *ld, char **f, size_t n)
{
	struct header *h = &ld->table;
	header_read(h, f, n);
	h->line = ld->row_line;
	echo_attendance_kind kind;
	if (ld->teams)
		kind = ECHO_ATTENDANCE_TEAMS;
	else if (h->idx[C_ACTION] >= 0 && h->idx[C_TIMESTAMP] >= 0)
		kind = ECHO_ATTENDANCE_TEAMS_LEGACY;
	else if (ld->webinar || h->idx[C_ATTENDED] >= 0)
		kind = ECHO_ATTENDANCE_WEBINAR;
	else if (is_roster_header(f, n))
		kind = ECHO_ATTENDANCE_ROSTER;
	else if (h->idx[C_TOTAL] >= 0 && h->idx[C_JOIN] < 0 && h->idx[C_LEAVE] < 0)
		kind = ECHO_ATTENDANCE_UNIQUE;
	else
		kind = ECHO_ATTENDANCE_MEETING;

	enum col need[3];
	size_t nneed = 0;
	need[nneed++] = C_NAME;
	if (kind == ECHO_ATTENDANCE_UNIQUE) {
		need[nneed++] = C_TOTAL;
	} else if (kind == ECHO_ATTENDANCE_TEAMS_LEGACY) {
		need[nneed++] = C_ACTION;
		need[nneed++] = C_TIMESTAMP;
	} else if (kind != ECHO_ATTENDANCE_ROSTER) {
		need[nneed++] = C_JOIN;
		need[nneed++] = C_LEAVE;
	}
	for (size_t i = 0; i < nneed; i++) {
		if (h->idx[need[i]] >= 0)
			continue;
		echo_buf msg = ECHO_BUF_INIT;
		echo_buf_printf(&msg, "the participants header has no '%s' column", col_title[need[i]]);
		if (need[i] == C_NAME && h->idx[C_FIRST] >= 0) {
			;   /* First Name and Last Name will do */
		} else {
			if (!unknown_columns(&msg, f, n, col_title[need[i]]) &&
			    kind == ECHO_ATTENDANCE_MEETING && need[i] != C_NAME)
				echo_buf_puts(&msg, "; a unique-users export has 'Total Duration (Minutes)' instead");
			FATAL(ld, h->line, 1, "attendance-columns", "%s", echo_buf_cstr(&msg));
		}
		echo_buf_free(&msg);
		if (ld->stop)
			return;
	}
	if (ld->want != ECHO_ATTENDANCE_AUTO && ld->want != kind) {
		FATAL(ld, h->line, 1, "attendance-kind", "expected a %s export, found a %s export",
		      echo_attendance_kind_name(ld->want), echo_attendance_kind_name(kind));
		return;
	}
	if (ld->att->kind != ECHO_ATTENDANCE_AUTO && ld->att->kind != kind) {
		FATAL(ld, h->line, 1, "attendance-kind", "a %s table after a %s table in one export",
		      echo_attendance_kind_name(kind), echo_attendance_kind_name(ld->att->kind));
		return;
	}
	ld->att->kind = kind;
	if (kind == ECHO_ATTENDANCE_TEAMS_LEGACY)
		ld->short_year = 1;
	ld->window_from_rows = h->idx[C_START] >= 0 && h->idx[C_END] >= 0 && !ld->att->has_window;
	ld->table_rows = 0;
	ld->tables++;
	ld->st = ST_TABLE;
}

static void on_details(struct loader *ld, char **f, size_t n)
{
	const struct header *h = &ld->details;
	echo_attendance *att = ld->att;
	att->topic = keep(ld, cell(h, f, n, C_TOPIC));
	att->meeting_id = keep(ld, cell(h, f, n, h->idx[C_WEBINAR_ID] >= 0 ? C_WEBINAR_ID : C_MEETING_ID));
	ld->st = ST_EXPECT_HEADER;
	echo_wallclock start, end;
	if (h->idx[C_START] >= 0 && h->idx[C_END] >= 0) {
		if (parse_time_cell(ld, h, f, n, C_START, &start) != 0 ||
		    parse_time_cell(ld, h, f, n, C_END, &end) != 0)
			return;
	} else if (h->idx[C_ACTUAL_START] >= 0) {
		long minutes;
		if (parse_time_cell(ld, h, f, n, C_ACTUAL_START, &start) != 0)
			return;
		if (h->idx[C_ACTUAL_DURATION] < 0)
			return;   /* a start alone is no window */
		if (parse_minutes(cell(h, f, n, C_ACTUAL_DURATION), &minutes) != 0) {
			row_error(ld, h->idx[C_ACTUAL_DURATION], "attendance-row",
			          "cannot read %s '%s': expected whole minutes",
			          col_title[C_ACTUAL_DURATION], cell(h, f, n, C_ACTUAL_DURATION));
			return;
		}
		end = start + minutes * 60LL;
	} else {
		return;
	}
	if (end < start) {
		row_error(ld, h->idx[C_END], "attendance-time", "the meeting ends before it starts");
		return;
	}
	att->has_window = 1;
	att->start = start;
	att->end = end;
	int at = h->idx[C_START] >= 0 ? h->idx[C_START] : h->idx[C_ACTUAL_START];
	att->start_line = ld->row_line;
	att->start_col = 1;
	if (at > 0)
		field_pos(ld, (size_t)at, &att->start_line, &att->start_col);
}

/* Distinct text in the name or email column of a second header row. */
/* A header row where data should be: its first field is a column title
 * (so is someone's name, "Participant", now and then: the second field
 * must be one too), and the row reads as a header. */
static int looks_like_header(char **f, size_t n)
{
	int rank;
	if (n < 2 || alias_of(f[0], &rank) < 0 || alias_of(f[1], &rank) < 0)
		return 0;
	struct header h;
	header_read(&h, f, n);
	return header_is_participants(&h) || header_is_details(&h);
}

/* "Ana Ruiz (External)": the name ends with a parenthesised note. */
static int ends_with_note(const char *name, const char *note)
{
	size_t n = strlen(name), k = strlen(note);
	while (n && name[n - 1] == ' ')
		n--;
	if (n < k + 2 || name[n - 1] != ')' || name[n - k - 2] != '(')
		return 0;
	for (size_t i = 0; i < k; i++)
		if (lower((unsigned char)name[n - k - 1 + i]) != note[i])
			return 0;
	return 1;
}

static int teams_role(const char *s, echo_attendance_role *role)
{
	if (ieq(s, "organizer") || ieq(s, "co-organizer") || ieq(s, "organiser"))
		*role = ECHO_ROLE_ORGANIZER;
	else if (ieq(s, "presenter"))
		*role = ECHO_ROLE_PRESENTER;
	else if (ieq(s, "attendee"))
		*role = ECHO_ROLE_ATTENDEE;
	else
		return -1;
	return 0;
}

/* A row of the legacy Teams list: "Joined", "Joined before" or "Left" at
 * a time.  A join opens an interval of its name, the next "Left" of that
 * name closes it; the list's first and last times stand in for a missing
 * join or leave (see doc/attendance.md). */
static void legacy_event(struct loader *ld, const struct header *h, char **f, size_t n,
                         echo_attendance_row *r)
{
	echo_wallclock t;
	if (parse_time_cell(ld, h, f, n, C_TIMESTAMP, &t) != 0)
		return;
	const char *action = cell(h, f, n, C_ACTION);
	int join = ieq(action, "joined") || ieq(action, "joined before");
	if (!join && !ieq(action, "left")) {
		row_error(ld, h->idx[C_ACTION], "attendance-row",
		          "cannot read User Action '%s': expected Joined, Joined before or Left", action);
		return;
	}
	if (!ld->legacy_any || t < ld->legacy_first)
		ld->legacy_first = t;
	if (!ld->legacy_any || t > ld->legacy_last)
		ld->legacy_last = t;
	ld->legacy_any = 1;
	echo_attendance *att = ld->att;
	if (!join) {
		/* The newest open interval of the name; lists are short. */
		for (size_t i = att->count; i-- > 0;) {
			echo_attendance_row *o = &att->rows[i];
			if (!o->has_times && strcmp(o->name, r->name) == 0) {
				if (t < o->join) {
					row_error(ld, h->idx[C_TIMESTAMP], "attendance-time",
					          "'%s' leaves before joining (line %zu)", r->name, o->line);
					return;
				}
				o->leave = t;
				o->has_times = 1;
				return;
			}
		}
	}
	echo_attendance_row *dst = new_row(ld);
	if (!dst)
		return;
	dst->name = r->name;
	dst->email = r->email;
	dst->guest = r->guest;
	dst->role = r->role;
	dst->join = join ? t : ld->legacy_first;
	dst->leave = t;
	dst->has_times = !join;
	size_t line;
	dst->join_col = 1;
	if (h->idx[C_TIMESTAMP] > 0) {
		field_pos(ld, (size_t)h->idx[C_TIMESTAMP], &line, &dst->join_col);
		if (line != dst->line)
			dst->join_col = 1;
	}
	ld->table_rows++;
}

static void on_data(struct loader *ld, char **f, size_t n)
{
	const struct header *h = &ld->table;
	echo_attendance_kind kind = ld->att->kind;
	if (looks_like_header(f, n)) {
		FATAL(ld, ld->row_line, 1, "attendance-row",
		      "a second header (the first is on line %zu): two exports joined into one file?",
		      h->line);
		return;
	}
	/* Fields beyond the header are tolerated only when empty (trailing
	 * commas); text there means the row does not line up. */
	for (size_t i = h->nfields; i < n; i++)
		if (!is_blank(f[i])) {
			row_error(ld, (int)i, "attendance-row",
			          "the row has %zu fields but the header on line %zu has %zu "
			          "(an unquoted comma in a name?)", n, h->line, h->nfields);
			return;
		}
	int need = h->idx[C_NAME];
	for (int c = 0; c < NCOLS; c++)
		if (h->idx[c] > need && c != C_FIRST && c != C_LAST &&
		    (c <= C_WAITING || c == C_ACTION || c == C_TIMESTAMP))
			need = h->idx[c];
	if (need >= 0 && (size_t)need >= n) {
		row_error(ld, -1, "attendance-row",
		          "the row has %zu field%s but the header on line %zu has %zu%s",
		          n, n == 1 ? "" : "s", h->line, h->nfields,
		          ld->at_end ? "; the file ends inside it: was the export cut short?" : "");
		return;
	}
	echo_attendance_row r;
	memset(&r, 0, sizeof r);
	r.total_minutes = -1;
	r.attended = 1;

	const char *name = cell(h, f, n, C_NAME);
	const char *email = cell(h, f, n, C_EMAIL);
	if (is_blank(name) && (h->idx[C_FIRST] >= 0 || h->idx[C_LAST] >= 0)) {
		/* Webinar registrants: the first and last name fields. */
		echo_buf full = ECHO_BUF_INIT;
		size_t a, b;
		const char *first = trimmed(cell(h, f, n, C_FIRST), &a);
		const char *last = trimmed(cell(h, f, n, C_LAST), &b);
		echo_buf_printf(&full, "%.*s%s%.*s", (int)a, first, a && b ? " " : "", (int)b, last);
		r.name = keep(ld, echo_buf_cstr(&full));
		echo_buf_free(&full);
	} else {
		r.name = keep(ld, name);
	}
	r.email = keep(ld, email);
	if (!*r.email && strchr(cell(h, f, n, C_UPN), '@'))
		r.email = keep(ld, cell(h, f, n, C_UPN));
	if (*r.email && !strchr(r.email, '@')) {
		row_error(ld, h->idx[C_EMAIL], "attendance-row",
		          "'%s' in %s is not an email address", r.email, col_title[C_EMAIL]);
		return;
	}
	if (!*r.name) {
		if (!*r.email) {
			row_error(ld, h->idx[C_NAME], "attendance-row", "the row has neither a name nor an email");
			return;
		}
		r.name = r.email;
	}
	if (h->idx[C_GUEST] >= 0)
		r.guest = yes_no(cell(h, f, n, C_GUEST));
	else
		r.guest = ends_with_note(r.name, "guest") || ends_with_note(r.name, "external") ? 1 : -1;
	r.role = ld->role;
	if (h->idx[C_ROLE] >= 0 && !is_blank(cell(h, f, n, C_ROLE)) &&
	    teams_role(cell(h, f, n, C_ROLE), &r.role) != 0) {
		row_error(ld, h->idx[C_ROLE], "attendance-row",
		          "cannot read Role '%s': expected Organizer, Co-organizer, Presenter or Attendee",
		          cell(h, f, n, C_ROLE));
		return;
	}
	r.waiting_room = h->idx[C_WAITING] >= 0 && yes_no(cell(h, f, n, C_WAITING)) == 1;
	if (h->idx[C_ATTENDED] >= 0) {
		int a = yes_no(cell(h, f, n, C_ATTENDED));
		if (a < 0) {
			row_error(ld, h->idx[C_ATTENDED], "attendance-row",
			          "cannot read Attended '%s': expected Yes or No", cell(h, f, n, C_ATTENDED));
			return;
		}
		r.attended = a;
	}

	if (kind == ECHO_ATTENDANCE_UNIQUE) {
		if (parse_minutes(cell(h, f, n, C_TOTAL), &r.total_minutes) != 0) {
			row_error(ld, h->idx[C_TOTAL], "attendance-row",
			          "cannot read %s '%s': expected whole minutes", col_title[C_TOTAL],
			          cell(h, f, n, C_TOTAL));
			return;
		}
	} else if (kind == ECHO_ATTENDANCE_TEAMS_LEGACY) {
		legacy_event(ld, h, f, n, &r);
		return;
	} else if (r.attended && kind != ECHO_ATTENDANCE_ROSTER) {
		if (parse_time_cell(ld, h, f, n, C_JOIN, &r.join) != 0 ||
		    parse_time_cell(ld, h, f, n, C_LEAVE, &r.leave) != 0)
			return;
		if (r.leave < r.join) {
			char a[24], b[24];
			echo_wallclock_format(r.join, a, sizeof a);
			echo_wallclock_format(r.leave, b, sizeof b);
			row_error(ld, h->idx[C_LEAVE], "attendance-time",
			          "Leave Time %s is before Join Time %s", b, a);
			return;
		}
		r.has_times = 1;
	}
	if (ld->window_from_rows && ld->table_rows == 0) {
		/* One-table layout: every row repeats the meeting's times. */
		echo_wallclock s, e;
		if (parse_time_cell(ld, h, f, n, C_START, &s) != 0 ||
		    parse_time_cell(ld, h, f, n, C_END, &e) != 0)
			return;
		if (e >= s) {
			ld->att->has_window = 1;
			ld->att->start = s;
			ld->att->end = e;
			ld->att->start_line = ld->row_line;
			ld->att->start_col = 1;
			if (h->idx[C_START] > 0)
				field_pos(ld, (size_t)h->idx[C_START], &ld->att->start_line,
				          &ld->att->start_col);
		}
		if (h->idx[C_TOPIC] >= 0)
			ld->att->topic = keep(ld, cell(h, f, n, C_TOPIC));
		if (h->idx[C_MEETING_ID] >= 0)
			ld->att->meeting_id = keep(ld, cell(h, f, n, C_MEETING_ID));
	}
	ld->table_rows++;
	echo_attendance_row *dst = new_row(ld);
	if (!dst)
		return;
	r.line = ld->row_line;
	r.join_col = 1;
	if (r.has_times && h->idx[C_JOIN] > 0) {
		size_t line;
		field_pos(ld, (size_t)h->idx[C_JOIN], &line, &r.join_col);
		if (line != r.line)
			r.join_col = 1;
	}
	*dst = r;
}

#define SUPPORTED_EXPORTS \
	"supported: Zoom meeting participants (with or without the meeting details), " \
	"Zoom unique users, Zoom webinar attendees, Microsoft Teams attendance (current or " \
	"legacy), or a roster (first line '# roster', or given with --roster)"

/* The line of text at offset off, without its line break. */
static size_t line_len(const struct loader *ld, size_t off)
{
	size_t n = 0;
	while (off + n < ld->len && ld->data[off + n] != '\n' && ld->data[off + n] != '\r')
		n++;
	return n;
}

/* What a file that is no supported export looks like, for the error:
 * "YAML (echo-session/1)", "JSON", "a table headed '...'". */
static void describe(const struct loader *ld, echo_buf *out)
{
	size_t pos = ld->bom, first = SIZE_MAX;
	for (int lines = 0; pos < ld->len && lines < 200; lines++) {
		size_t n = line_len(ld, pos);
		const char *s = ld->data + pos;
		if (n >= 7 && memcmp(s, "schema:", 7) == 0) {
			size_t a = 7;
			while (a < n && (s[a] == ' ' || s[a] == '"' || s[a] == '\''))
				a++;
			size_t b = a;
			while (b < n && s[b] != ' ' && s[b] != '"' && s[b] != '\'' && s[b] != '#' && b - a < 40)
				b++;
			echo_buf_printf(out, "YAML (%.*s)", (int)(b - a), s + a);
			return;
		}
		size_t i = 0;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (first == SIZE_MAX && i < n && s[i] != '#')
			first = pos;
		pos += n;
		while (pos < ld->len && (ld->data[pos] == '\n' || ld->data[pos] == '\r'))
			pos++;
	}
	if (first == SIZE_MAX) {
		echo_buf_puts(out, "comments only");
		return;
	}
	const char *s = ld->data + first;
	size_t n = line_len(ld, first), key = 0;
	while (key < n && (is_alpha((unsigned char)s[key]) || s[key] == '_' ||
	                   (key && s[key] >= '0' && s[key] <= '9')))
		key++;
	if (*s == '{' || *s == '[')
		echo_buf_puts(out, "JSON");
	else if (*s == '<')
		echo_buf_puts(out, "HTML or XML");
	else if ((n >= 3 && memcmp(s, "---", 3) == 0) || (key && key < n && s[key] == ':' &&
	                                                  (key + 1 == n || s[key + 1] == ' ')))
		echo_buf_puts(out, "YAML");
	else if (memchr(s, ',', n) || memchr(s, '\t', n))
		echo_buf_printf(out, "a table headed '%.*s%s', which is no supported export's header",
		                (int)(n > 60 ? 60 : n), s, n > 60 ? "..." : "");
	else
		echo_buf_puts(out, "a plain list of names without the roster line '# roster'");
}

static void not_supported(struct loader *ld, const char *what)
{
	echo_buf d = ECHO_BUF_INIT;
	if (what)
		echo_buf_puts(&d, what);
	else
		describe(ld, &d);
	FATAL(ld, ld->row_line ? ld->row_line : 1, 1, "attendance-format",
	      "not a supported attendance export: this looks like %s; %s", echo_buf_cstr(&d),
	      SUPPORTED_EXPORTS);
	echo_buf_free(&d);
}

static void on_row(struct loader *ld, char **f, size_t n)
{
	/* Trailing empty fields (webinar rows are padded with commas) do not
	 * count for titles. */
	if (ld->st == ST_TABLE && !((ld->webinar || ld->teams) && is_title_row(f, n))) {
		on_data(ld, f, n);
		return;
	}
	if (ld->st == ST_SUMMARY && !(is_title_row(f, n) && teams_section_of(f[0]))) {
		on_summary(ld, f, n);
		return;
	}
	if (is_title_row(f, n)) {
		if (ld->st == ST_DETAILS) {
			FATAL(ld, ld->row_line, 1, "attendance-section",
			      "expected the data row of the details header on line %zu", ld->details.line);
			return;
		}
		on_title(ld, f[0]);
		return;
	}
	if (n >= 1 && (ieq(f[0], "report generated:") || ieq(f[0], "report generated") ||
	               ieq(f[0], "report generated time"))) {
		ld->webinar = 1;
		return;
	}
	if (ld->st == ST_DETAILS) {
		on_details(ld, f, n);
		return;
	}
	struct header h;
	header_read(&h, f, n);
	h.line = ld->row_line;
	if (header_is_details(&h)) {
		if (h.idx[C_WEBINAR_ID] >= 0 || h.idx[C_ACTUAL_START] >= 0)
			ld->webinar = 1;
		ld->details = h;
		ld->st = ST_DETAILS;
		return;
	}
	if (header_is_participants(&h)) {
		on_header(ld, f, n);
		return;
	}
	if (ld->st == ST_START)
		not_supported(ld, NULL);
	else
		FATAL(ld, ld->row_line, 1, "attendance-columns",
		      "expected the participants header ('Name (Original Name),User Email,"
		      "Join Time,...') here");
}

static void csv_field(void *s, size_t len, void *data)
{
	struct loader *ld = data;
	if (ld->stop)
		return;
	if (ld->nfields == ld->capfields) {
		size_t cap = ld->capfields ? ld->capfields * 2 : 32;
		size_t *offs = realloc(ld->offs, cap * sizeof *offs);
		if (!offs) {
			out_of_memory(ld);
			return;
		}
		ld->offs = offs;
		ld->capfields = cap;
	}
	ld->offs[ld->nfields++] = ld->fields.len;
	echo_buf_append(&ld->fields, s ? s : "", s ? len : 0);
	echo_buf_putc(&ld->fields, '\0');
}

static void csv_row(int c, void *data)
{
	struct loader *ld = data;
	ld->at_end = c == -1;   /* csv_fini ended the row: no line break */
	if (!ld->stop && ld->fields.failed)
		out_of_memory(ld);
	if (!ld->stop && ++ld->rows_seen > ld->lim->max_rows)
		FATAL(ld, ld->row_line, 1, "limit-rows", "more than %zu rows", ld->lim->max_rows);
	if (!ld->stop) {
		char *stack[64] = {0};   /* zeroed: gcc -O2 cannot see that nfields bounds the reads */
		char **f = ld->nfields <= 64 ? stack : malloc(ld->nfields * sizeof *f);
		if (!f) {
			out_of_memory(ld);
		} else {
			for (size_t i = 0; i < ld->nfields; i++)
				f[i] = ld->fields.data + ld->offs[i];
			on_row(ld, f, ld->nfields);
			if (f != stack)
				free(f);
		}
	}
	ld->nfields = 0;
	echo_buf_clear(&ld->fields);
	ld->row_line = 0;
}

/* Text checks that give a clearer message, with a position, than CSV
 * parsing would.  Returns 0 if the text may be parsed. */
static int check_text(struct loader *ld)
{
	const unsigned char *u = (const unsigned char *)ld->data;
	size_t len = ld->len;
	size_t line = 1, line_start = 0;
	for (size_t i = ld->bom; i < len;) {
		unsigned char c = u[i];
		if (c == '\n') {
			line++;
			line_start = i + 1;
			i++;
			continue;
		}
		if (c == '\0') {
			add_error(ld, line, column_at(ld, line_start, i), "encoding",
			          "binary data (a NUL byte): this is not a text file");
			return -1;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = echo_utf8_decode(u + i, len - i, &cp);
		if (!n) {
			add_error(ld, line, column_at(ld, line_start, i), "encoding",
			          "invalid UTF-8 byte 0x%02X%s", c,
			          c >= 0x80 && c <= 0x9f
			              ? " (saved by Excel as Windows-1252? save it as CSV UTF-8)"
			              : "; save the file as UTF-8");
			return -1;
		}
		i += n;
	}
	return 0;
}

static void load_csv(struct loader *ld);

/* A roster: one person per line, "Name" or "Name <email>"; blank lines and
 * lines starting with # are skipped, and so is a first line "Name".  A
 * roster with a CSV header ("Name,Email") is read as CSV. */
static void load_roster(struct loader *ld, size_t first_off)
{
	/* "Name,Email": a CSV roster header, split without quotes. */
	const char *s0 = ld->data + first_off;
	const char *nl0 = memchr(s0, '\n', ld->len - first_off);
	size_t n0 = nl0 ? (size_t)(nl0 - s0) : ld->len - first_off;
	if (n0 < 200 && memchr(s0, ',', n0)) {
		char line[200], *f[16];
		size_t nf = 0;
		memcpy(line, s0, n0);
		line[n0] = '\0';
		for (char *p = line; nf < 16; ) {
			f[nf++] = p;
			char *c = strchr(p, ',');
			if (!c)
				break;
			*c = '\0';
			p = c + 1;
		}
		for (size_t i = 0; i < nf; i++) {
			char *e = f[i] + strlen(f[i]);
			while (e > f[i] && (e[-1] == '\r' || e[-1] == '"' || e[-1] == ' '))
				*--e = '\0';
			while (*f[i] == '"' || *f[i] == ' ')
				f[i]++;
		}
		if (is_roster_header(f, nf)) {
			load_csv(ld);
			return;
		}
	}
	ld->att->kind = ECHO_ATTENDANCE_ROSTER;
	size_t pos = ld->bom, line = 1;
	int first = 1;
	while (pos < ld->len && !ld->stop) {
		const char *s = ld->data + pos;
		const char *nl = memchr(s, '\n', ld->len - pos);
		size_t n = nl ? (size_t)(nl - s) : ld->len - pos;
		size_t next = pos + n + (nl ? 1 : 0);
		while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		size_t lead = 0;
		while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
			lead++;
		ld->row_line = line;
		ld->row_offset = pos;
		if (n > ld->lim->max_row_bytes) {
			FATAL(ld, line, 1, "limit-row", "line is longer than %zu bytes", ld->lim->max_row_bytes);
			break;
		}
		if (n > lead && s[lead] != '#') {
			char *text = echo_arena_strndup(ld->att->arena, s + lead, n - lead);
			if (!text) {
				out_of_memory(ld);
				break;
			}
			if (first && (ieq(text, "name") || ieq(text, "names"))) {
				first = 0;
				goto next;
			}
			first = 0;
			if (++ld->rows_seen > ld->lim->max_rows) {
				FATAL(ld, line, 1, "limit-rows", "more than %zu rows", ld->lim->max_rows);
				break;
			}
			const char *name = text, *email = "";
			size_t tl = strlen(text);
			char *lt = strrchr(text, '<');
			if (tl && text[tl - 1] == '>' && lt) {
				text[tl - 1] = '\0';
				email = keep(ld, lt + 1);
				*lt = '\0';
				name = keep(ld, text);
				if (!strchr(email, '@') || strchr(email, ' ')) {
					add_error(ld, line, column_at(ld, pos, (size_t)(lt - text) + pos + lead),
					          "attendance-row", "'<%s>' is not an email address", email);
					goto next;
				}
			} else {
				name = keep(ld, text);
			}
			if (!*name)
				name = email;
			if (!*name) {
				add_error(ld, line, 1, "attendance-row", "a line with an empty name");
				goto next;
			}
			echo_attendance_row *r = new_row(ld);
			if (!r)
				break;
			r->name = name;
			r->email = email;
			r->line = line;
		}
	next:
		pos = next;
		line++;
	}
	if (!ld->stop && ld->att->count == 0 && ld->errors == 0)
		add_error(ld, 1, 1, "attendance-empty", "the roster lists no one");
}

/* Teams: the activities' per-join rows replace the participants' first
 * join to last leave, and the legacy list's open joins last to its end. */
static void finish_teams(struct loader *ld)
{
	echo_attendance *att = ld->att;
	if (att->kind == ECHO_ATTENDANCE_TEAMS && ld->activities_from < att->count) {
		memmove(att->rows, att->rows + ld->activities_from,
		        (att->count - ld->activities_from) * sizeof *att->rows);
		att->count -= ld->activities_from;
	}
	if (att->kind == ECHO_ATTENDANCE_TEAMS_LEGACY)
		for (size_t i = 0; i < att->count; i++)
			if (!att->rows[i].has_times) {
				att->rows[i].leave = ld->legacy_last;
				att->rows[i].has_times = 1;
			}
}

static void load_csv(struct loader *ld)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		out_of_memory(ld);
		return;
	}
	csv_set_delim(&p, (unsigned char)ld->delim);
	size_t pos = ld->bom, line = 1;
	while (pos < ld->len && !ld->stop) {
		/* One physical line at a time, so that each row knows its line;
		 * a quoted field may carry a row over several lines. */
		size_t end = pos;
		while (end < ld->len && ld->data[end] != '\n' && ld->data[end] != '\r')
			end++;
		int blank = 1;
		for (size_t i = pos; i < end && blank; i++)
			blank = ld->data[i] == ' ' || ld->data[i] == '\t';
		if (end < ld->len)
			end += ld->data[end] == '\r' && end + 1 < ld->len && ld->data[end + 1] == '\n' ? 2 : 1;
		if (!ld->row_line && !blank) {
			ld->row_line = line;
			ld->row_offset = pos;
		}
		if (ld->row_line && end - ld->row_offset > ld->lim->max_row_bytes) {
			FATAL(ld, ld->row_line, 1, "limit-row",
			      "the row is longer than %zu bytes (a quote that is never closed?)",
			      ld->lim->max_row_bytes);
			break;
		}
		size_t got = csv_parse(&p, ld->data + pos, end - pos, csv_field, csv_row, ld);
		if (got < end - pos && !ld->stop) {
			if (csv_error(&p) == CSV_EPARSE) {
				size_t at = pos + got;
				FATAL(ld, line, column_at(ld, pos, at), "attendance-csv", "%s",
				      ld->data[at] == '"'
				          ? "a quote inside an unquoted field; quote the whole field and double the quote (\"\")"
				          : "text after the closing quote of a field; a quote inside a quoted field is written twice (\"\")");
			} else {
				out_of_memory(ld);
			}
		}
		pos = end;
		line++;
	}
	if (!ld->stop && csv_fini(&p, csv_field, csv_row, ld) != 0) {
		/* Find the quote that opened the field still open at the end. */
		size_t open = ld->row_offset, ln = ld->row_line, open_line = ld->row_line;
		size_t line_start = ld->row_offset, open_start = ld->row_offset;
		int quoted = 0;
		for (size_t i = ld->row_offset; i < ld->len; i++) {
			char c = ld->data[i];
			if (c == '"') {
				if (!quoted) {
					open = i;
					open_line = ln;
					open_start = line_start;
				}
				quoted = !quoted;
			}
			if (c == '\n') {
				ln++;
				line_start = i + 1;
			}
		}
		FATAL(ld, open_line, column_at(ld, open_start, open), "attendance-csv",
		      "a quoted field that is never closed (it runs to the end of the file)");
	}
	csv_free(&p);
	if (ld->stop)
		return;
	finish_teams(ld);
	if (ld->st == ST_DETAILS) {
		add_error(ld, ld->details.line, 1, "attendance-empty",
		          "the details header has no data row, and no participants follow");
	} else if (ld->tables == 0) {
		add_error(ld, 1, 1, "attendance-empty",
		          "no participants table: expected a header such as 'Name (Original Name),"
		          "User Email,Join Time,Leave Time,...'");
	} else if (ld->att->count == 0 && ld->errors == 0) {
		add_error(ld, ld->table.line, 1, "attendance-empty",
		          "the participants table has no rows: a session without attendance?");
	}
}

/* UTF-16 with a byte-order mark to UTF-8; NULL when memory runs out or
 * the text is not UTF-16 (then *bad_line and *bad_col say where). */
static char *utf16_decode(const unsigned char *u, size_t len, size_t *out_len,
                          size_t *bad_line, size_t *bad_col)
{
	int le = u[0] == 0xff;
	echo_buf out = ECHO_BUF_INIT;
	size_t line = 1, col = 1;
	*bad_line = 0;
	for (size_t i = 2; i < len; i += 2) {
		if (i + 1 >= len) {
			*bad_line = line;
			*bad_col = col;
			break;
		}
		unsigned cp = le ? (unsigned)(u[i] | u[i + 1] << 8) : (unsigned)(u[i] << 8 | u[i + 1]);
		if (cp >= 0xd800 && cp <= 0xdbff && i + 3 < len) {
			unsigned lo = le ? (unsigned)(u[i + 2] | u[i + 3] << 8)
			                 : (unsigned)(u[i + 2] << 8 | u[i + 3]);
			if (lo >= 0xdc00 && lo <= 0xdfff) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			}
		}
		if ((cp >= 0xd800 && cp <= 0xdfff) || cp == 0) {
			*bad_line = line;
			*bad_col = col;
			break;
		}
		char b[4];
		size_t n = echo_utf8_encode(cp, b);
		echo_buf_append(&out, b, n);
		if (cp == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	if (*bad_line || out.failed) {
		echo_buf_free(&out);
		return NULL;
	}
	size_t n = out.len;
	echo_buf_putc(&out, '\0');
	if (out.failed) {
		echo_buf_free(&out);
		return NULL;
	}
	*out_len = n;
	return echo_buf_detach(&out, NULL);
}

static int has_utf16_bom(const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	return len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff));
}

char *echo_attendance_utf8(const char *data, size_t len, size_t *out_len)
{
	size_t line, col;
	if (!has_utf16_bom(data, len))
		return NULL;
	return utf16_decode((const unsigned char *)data, len, out_len, &line, &col);
}

/* "# roster" as the first line that is not blank: a roster by its own
 * declaration. */
static int roster_signature(const struct loader *ld)
{
	size_t pos = ld->bom;
	while (pos < ld->len && (ld->data[pos] == ' ' || ld->data[pos] == '\t' ||
	                         ld->data[pos] == '\r' || ld->data[pos] == '\n'))
		pos++;
	const char *s = ld->data + pos;
	size_t n = line_len(ld, pos);
	if (n < 2 || s[0] != '#')
		return 0;
	size_t i = 1;
	while (i < n && s[i] == ' ')
		i++;
	static const char word[] = "roster";
	for (size_t k = 0; k < 6; k++)
		if (i + k >= n || lower((unsigned char)s[i + k]) != word[k])
			return 0;
	return i + 6 == n || !is_alpha((unsigned char)s[i + 6]);
}

static int first_line_has_comma(const struct loader *ld, size_t *first_line,
                                size_t *first_off)
{
	size_t pos = ld->bom, line = 1;
	*first_line = 0;
	while (pos < ld->len) {
		const char *s = ld->data + pos;
		const char *nl = memchr(s, '\n', ld->len - pos);
		size_t n = nl ? (size_t)(nl - s) : ld->len - pos;
		size_t i = 0;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i < n && s[i] == '#' && !*first_line) {
			*first_line = line;   /* a roster's comment: text, not data */
			*first_off = pos;
		} else if (i < n && s[i] != '#') {
			*first_line = line;
			*first_off = pos;
			if (memchr(s, ',', n) || memchr(s, '\t', n))
				return 1;
			/* A webinar or Teams report starts with its title alone. */
			char t[32];
			size_t k = 0;
			for (; i < n && k + 1 < sizeof t && s[i] != '\r'; i++)
				t[k++] = s[i];
			t[k] = '\0';
			return ieq(t, "attendee report") || teams_section_of(t) == 1;
		}
		pos += n + 1;
		line++;
	}
	return 0;
}

echo_attendance *echo_attendance_load(const char *path, const char *data, size_t len,
                                      echo_attendance_kind kind,
                                      const echo_attendance_limits *limits,
                                      echo_diags *diags)
{
	if (!limits)
		limits = &echo_attendance_default_limits;
	if (!path)
		path = "<input>";
	echo_attendance *att = calloc(1, sizeof *att);
	if (att) {
		att->path = strdup(path);
		att->arena = echo_arena_new();
	}
	if (!att || !att->path || !att->arena) {
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "io", "out of memory");
		echo_attendance_free(att);
		return NULL;
	}
	att->topic = att->meeting_id = "";
	struct loader ld = {
		.att = att,
		.path = path,
		.data = data,
		.len = len,
		.lim = limits,
		.diags = diags,
		.want = kind,
		.role = ECHO_ROLE_PARTICIPANT,
		.activities_from = SIZE_MAX,
		.sum_duration = -1,
	};
	char *decoded = NULL;
	echo_buf_init(&ld.fields);
	if (len > limits->max_bytes) {
		add_error(&ld, 0, 0, "limit-size", "input is larger than the limit of %zu bytes",
		          limits->max_bytes);
		goto done;
	}
	if (has_utf16_bom(data, len)) {
		/* Teams writes its reports in UTF-16; positions are the same in
		 * code points. */
		size_t bad_line, bad_col;
		decoded = utf16_decode((const unsigned char *)data, len, &ld.len, &bad_line, &bad_col);
		if (!decoded) {
			if (bad_line)
				add_error(&ld, bad_line, bad_col, "encoding",
				          "invalid UTF-16 (a NUL, a lone surrogate or an odd byte)");
			else
				out_of_memory(&ld);
			goto done;
		}
		ld.data = decoded;
	}
	if (ld.len >= 3 && memcmp(ld.data, "\xef\xbb\xbf", 3) == 0)
		ld.bom = 3;
	if (check_text(&ld) != 0)
		goto done;
	for (size_t i = ld.bom; i < ld.len && !ld.delim; i++)
		if (ld.data[i] == ',' || ld.data[i] == '\t')
			ld.delim = ld.data[i];
	if (!ld.delim)
		ld.delim = ',';
	size_t first_line, first_off = 0;
	int csv = first_line_has_comma(&ld, &first_line, &first_off);
	if (first_line == 0) {
		add_error(&ld, 1, 1, "attendance-empty", "the file is empty");
		goto done;
	}
	if (kind == ECHO_ATTENDANCE_ROSTER || (kind == ECHO_ATTENDANCE_AUTO && roster_signature(&ld)))
		load_roster(&ld, first_off);
	else if (kind == ECHO_ATTENDANCE_AUTO && !csv) {
		ld.row_line = first_line;
		not_supported(&ld, NULL);
	} else
		load_csv(&ld);
done:
	free(decoded);
	echo_buf_free(&ld.fields);
	free(ld.offs);
	if (ld.errors || ld.oom) {
		echo_attendance_free(att);
		return NULL;
	}
	return att;
}

echo_attendance *echo_attendance_load_file(const char *path, echo_attendance_kind kind,
                                           const echo_attendance_limits *limits,
                                           echo_diags *diags)
{
	if (!limits)
		limits = &echo_attendance_default_limits;
	size_t len;
	char *data = echo_file_read(path, limits->max_bytes, &len, diags);
	if (!data)
		return NULL;
	echo_attendance *att = echo_attendance_load(strcmp(path, "-") == 0 ? "<stdin>" : path,
	                                            data, len, kind, limits, diags);
	free(data);
	return att;
}

echo_attendance *echo_attendance_merge(const echo_attendance *const *parts, size_t count,
                                       echo_diags *diags)
{
	echo_attendance *att = calloc(1, sizeof *att);
	echo_buf path = ECHO_BUF_INIT;
	size_t rows = 0;
	for (size_t i = 0; i < count; i++) {
		echo_buf_printf(&path, "%s%s", i ? " + " : "", parts[i]->path);
		rows += parts[i]->count;
	}
	if (att) {
		att->path = echo_buf_detach(&path, NULL);
		att->arena = echo_arena_new();
		att->rows = calloc(rows ? rows : 1, sizeof *att->rows);
	}
	int oom = !att || !att->path || !att->arena || !att->rows;
	/* Mixed kinds: a roster's rows count as presence by themselves (see
	 * is_roster_row), and the merged export takes the first other kind, so
	 * that roster names are matched against the others' people. */
	for (size_t i = 0; !oom && i < count; i++) {
		const echo_attendance *p = parts[i];
		if (i == 0 || (att->kind == ECHO_ATTENDANCE_ROSTER && p->kind != ECHO_ATTENDANCE_ROSTER))
			att->kind = p->kind;
		if (p->has_window) {
			if (!att->has_window || p->start < att->start)
				att->start = p->start;
			if (!att->has_window || p->end > att->end)
				att->end = p->end;
			att->has_window = 1;
		}
		char *own_path = echo_arena_strndup(att->arena, p->path, strlen(p->path));
		oom = !own_path;
		for (size_t k = 0; !oom && k < p->count; k++) {
			echo_attendance_row r = p->rows[k];
			r.name = echo_arena_strndup(att->arena, r.name, strlen(r.name));
			r.email = echo_arena_strndup(att->arena, r.email, strlen(r.email));
			r.path = own_path;
			oom = !r.name || !r.email;
			att->rows[att->count++] = r;
		}
	}
	if (!oom) {
		const char *topic = count ? parts[0]->topic : "";
		const char *id = count ? parts[0]->meeting_id : "";
		att->topic = echo_arena_strndup(att->arena, topic, strlen(topic));
		att->meeting_id = echo_arena_strndup(att->arena, id, strlen(id));
		oom = !att->topic || !att->meeting_id;
	}
	if (oom) {
		echo_buf_free(&path);
		echo_attendance_free(att);
		echo_diags_add(diags, ECHO_ERROR, count ? parts[0]->path : NULL, 0, 0, "io",
		               "out of memory");
		return NULL;
	}
	return att;
}

int echo_attendance_name_day(const char *path, long *day)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (const char *p = base; strlen(p) >= 10; p++) {
		if ((p != base && p[-1] >= '0' && p[-1] <= '9') || (p[10] >= '0' && p[10] <= '9'))
			continue;
		echo_wallclock t;
		char text[24];
		memcpy(text, p, 10);
		memcpy(text + 10, " 00:00", 7);
		if (text[4] == '-' && text[7] == '-' &&
		    echo_wallclock_parse(text, strlen(text), &t, NULL) == 0) {
			*day = (long)(t / 86400);
			return 0;
		}
	}
	return -1;
}

int echo_attendance_day(const echo_attendance *att, long *day)
{
	echo_wallclock t = 0;
	int found = att->has_window;
	if (found)
		t = att->start;
	for (size_t i = 0; !found && i < att->count; i++)
		if (att->rows[i].has_times) {
			t = att->rows[i].join;
			found = 1;
		}
	if (!found)
		return -1;
	*day = (long)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
	return 0;
}

void echo_attendance_free(echo_attendance *att)
{
	if (!att)
		return;
	free(att->path);
	free(att->rows);
	echo_arena_free(att->arena);
	free(att);
}
