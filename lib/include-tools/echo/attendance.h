/* Attendance: Zoom participant exports and plain rosters, minutes present
 * and credit per session, and certification across a series.
 *
 * This is its own library, echo-attendance (it parses CSV with libcsv,
 * which echo-case must not link): use the meson dependency
 * echo_attendance_dep.  The library never prints; see doc/attendance.md. */
#ifndef ECHO_ATTENDANCE_H
#define ECHO_ATTENDANCE_H

#include <stddef.h>

#include "echo/buf.h"
#include "echo/diag.h"

/* ---- Local wall-clock times ------------------------------------------ */

/* A time on the local wall clock, as Zoom writes it (in the account's
 * time zone, without an offset): seconds since 1970-01-01 00:00:00 of that
 * clock.  Exports and session windows are compared on the same clock, so
 * no time zone database is involved; an hour repeated or skipped by a
 * daylight-saving change is not corrected (see doc/attendance.md). */
typedef long long echo_wallclock;

/* Parses a date and time: "03/12/2026 11:58:31 AM", "3/12/2026 1:05 PM",
 * "03/12/2026 13:05:00", "Mar 12, 2026 11:58:31 AM", "2026-03-12 13:05",
 * "2026-03-12T13:05:00".  Month comes first in slashed dates; seconds are
 * optional; surrounding spaces are ignored.  Returns 0 and sets *out, or -1
 * and sets *why (static text: "hour 13 is out of range with PM").  why may
 * be NULL. */
int echo_wallclock_parse(const char *text, size_t len, echo_wallclock *out,
                         const char **why);

/* Builds a time from its parts; -1 if any part is out of range. */
int echo_wallclock_make(int year, int month, int day, int hour, int minute,
                        int second, echo_wallclock *out);

/* Writes "YYYY-MM-DD HH:MM" (":SS" added when the seconds are not zero)
 * into buf, which has room for size bytes (24 is always enough). */
void echo_wallclock_format(echo_wallclock t, char *buf, size_t size);
/* The day number (echo_days_from_civil) of a wall-clock time. */
long echo_wallclock_day(echo_wallclock t);

/* ---- Loading an export ----------------------------------------------- */

typedef enum echo_attendance_kind {
	ECHO_ATTENDANCE_AUTO,     /* loader argument only: detect the kind */
	ECHO_ATTENDANCE_MEETING,  /* Zoom meeting participants: join/leave rows */
	ECHO_ATTENDANCE_UNIQUE,   /* Zoom "unique users": one total per person */
	ECHO_ATTENDANCE_WEBINAR,  /* Zoom webinar attendee report, in sections */
	ECHO_ATTENDANCE_ROSTER    /* one name per line: presence, no minutes */
} echo_attendance_kind;

/* "meeting", "unique-users", "webinar", "roster" ("auto"). */
const char *echo_attendance_kind_name(echo_attendance_kind kind);

typedef enum echo_attendance_role {
	ECHO_ROLE_PARTICIPANT,    /* meeting reports and rosters */
	ECHO_ROLE_HOST,           /* webinar sections */
	ECHO_ROLE_PANELIST,
	ECHO_ROLE_ATTENDEE
} echo_attendance_role;

/* One row of an export, as read.  Strings are owned by the attendance
 * that holds the row and are never NULL ("" when blank). */
typedef struct echo_attendance_row {
	const char *name;         /* as exported, "(Original Name)" included */
	const char *email;        /* trimmed, case kept; "" when blank */
	echo_wallclock join;      /* valid when has_times */
	echo_wallclock leave;
	int has_times;
	long total_minutes;       /* unique-users total; -1 when not given */
	int guest;                /* 1 yes, 0 no, -1 not given */
	int attended;             /* 0: a webinar registrant who did not join */
	int waiting_room;         /* 1: time in the waiting room, not the session */
	echo_attendance_role role;
	size_t line;              /* 1-based line where the row starts */
	const char *path;         /* the export the row is from (merged exports
	                           * hold rows of several) */
} echo_attendance_row;

/* A loaded export.  Owns everything inside; free with
 * echo_attendance_free. */
typedef struct echo_attendance {
	char *path;               /* as given, for diagnostics */
	echo_attendance_kind kind;
	const char *topic;        /* from the details block; "" when absent */
	const char *meeting_id;   /* meeting or webinar ID; "" when absent */
	int has_window;           /* the export gave the meeting's start and end */
	echo_wallclock start;
	echo_wallclock end;
	size_t start_line;        /* where the start is written, for findings about */
	size_t start_col;         /*   the meeting's date (0: not known) */
	echo_attendance_row *rows;
	size_t count;
	struct echo_arena *arena;
} echo_attendance;

/* Input limits; hitting one is an error diagnostic, never a crash. */
typedef struct echo_attendance_limits {
	size_t max_bytes;         /* whole file */
	size_t max_row_bytes;     /* one CSV row (a quoted field may span lines) */
	size_t max_rows;          /* rows of every kind, headers included */
	size_t max_errors;        /* row errors reported before giving up */
} echo_attendance_limits;

/* 64 MiB, 64 KiB per row, 1,000,000 rows, 20 errors: doc/attendance.md. */
extern const echo_attendance_limits echo_attendance_default_limits;

/* Loads an export from memory (data is copied as needed; it need not be
 * NUL-terminated).  path names the input in diagnostics.  kind is
 * ECHO_ATTENDANCE_AUTO to detect the format, or the kind the caller
 * expects (ECHO_ATTENDANCE_ROSTER reads any text as a roster).  limits may
 * be NULL for the defaults.  Every problem is an error in diags with its
 * line and column; then NULL is returned, as it is when memory runs out
 * (diags->failed or an "out of memory" error).  Caller frees the result
 * with echo_attendance_free. */
echo_attendance *echo_attendance_load(const char *path, const char *data, size_t len,
                                      echo_attendance_kind kind,
                                      const echo_attendance_limits *limits,
                                      echo_diags *diags);

/* Reads path ("-" is standard input) and loads it as above. */
echo_attendance *echo_attendance_load_file(const char *path, echo_attendance_kind kind,
                                           const echo_attendance_limits *limits,
                                           echo_diags *diags);

/* NULL is accepted. */
void echo_attendance_free(echo_attendance *att);

/* Combines several exports of one session (a meeting that was restarted
 * under a new ID; a participants export and a sign-in sheet of the people
 * in the room) into one, whose rows keep their own path and line.  Its
 * path is the parts' paths joined by " + ", its kind the parts' kind when
 * they agree (else the first part's), its window the span of the parts'
 * windows.  The parts are borrowed for the call only.  Returns NULL with
 * an error in diags when memory runs out; caller frees the result with
 * echo_attendance_free. */
echo_attendance *echo_attendance_merge(const echo_attendance *const *parts, size_t count,
                                       echo_diags *diags);

/* Appends to key the matching key of a display name: lower case, accents
 * folded (é → e), punctuation dropped, "(...)" parts, titles ("Dr."),
 * credentials (", MD") and device suffixes (" - iPhone", "'s iPad")
 * removed, and "Last, First" turned around.  When the name carries a
 * parenthesised original name ("Ana R (Ana Ruiz)"), alt (which may be NULL)
 * receives that name's key; otherwise alt is left empty.  Returns 0, or -1
 * when memory runs out. */
int echo_attendance_name_key(const char *name, echo_buf *key, echo_buf *alt);

/* ---- One session: minutes and credit ---------------------------------- */

/* When one session earns credit.  Every threshold that is set must be met;
 * with none set, any time present earns it. */
typedef struct echo_credit_rule {
	unsigned min_percent;     /* of the session window, 0-100; 0: unused */
	long min_minutes;         /* 0: unused */
	int presence_counts;      /* roster presence (minutes unknown) earns it */
} echo_credit_rule;

typedef struct echo_session_credit_options {
	const char *label;        /* names the session in output ("2026-03-12");
	                           * NULL: the window's date.  Copied. */
	int has_window;           /* 1: start..end is the scheduled session */
	echo_wallclock start;     /* otherwise the export's meeting start..end */
	echo_wallclock end;
	echo_credit_rule rule;
	/* Optional people known in advance (a roster of the enrolled, with
	 * "Name <email>" lines): rows without an email are matched to them by
	 * name, and the enrolled who did not come are listed as absent.
	 * Borrowed for the call only. */
	const echo_attendance *directory;
} echo_session_credit_options;

typedef enum echo_minutes_source {
	ECHO_MINUTES_NONE,        /* absent: no row in the session */
	ECHO_MINUTES_INTERVALS,   /* union of join..leave clipped to the window */
	ECHO_MINUTES_TOTAL,       /* the export's total, capped at the window */
	ECHO_MINUTES_UNKNOWN      /* present on a roster; minutes not known */
} echo_minutes_source;

typedef enum echo_credit_status {
	ECHO_CREDIT_NOT_MET,
	ECHO_CREDIT_MET,
	ECHO_CREDIT_UNKNOWN       /* present on a roster, presence does not count */
} echo_credit_status;

/* One person in one session.  Strings are owned by the session credit. */
typedef struct echo_session_person {
	const char *key;          /* email in lower case, or "name:" + name key */
	const char *name;         /* display name */
	const char *email;        /* "" when none is known */
	const char *name_key;     /* echo_attendance_name_key of name */
	long long seconds;        /* present within the window */
	echo_minutes_source source;
	echo_credit_status credit;
	size_t rows;              /* export rows merged into this person */
	size_t first_line;        /* 0 for an enrolled person with no row */
	int guest;                /* 1 if every row said Guest: Yes */
	int by_name;              /* some rows had no email and were matched by name */
	int absent;               /* enrolled or registered, but never joined */
} echo_session_person;

typedef enum echo_attendance_note_kind {
	ECHO_ATT_UNMATCHED,       /* no email, and no one of that name: counted alone */
	ECHO_ATT_AMBIGUOUS,       /* no email, and several people of that name */
	ECHO_ATT_OUTSIDE,         /* join..leave wholly outside the session */
	ECHO_ATT_WAITING          /* time in the waiting room: not counted */
} echo_attendance_note_kind;

/* A row that did not simply count: every one is listed, never dropped. */
typedef struct echo_attendance_note {
	echo_attendance_note_kind kind;
	size_t line;
	const char *name;         /* the row's name as exported */
	const char *path;         /* the export the row is from */
} echo_attendance_note;

/* The result for one session; free with echo_session_credit_free.  people
 * are sorted by display name (then key); notes by line. */
typedef struct echo_session_credit {
	char *label;
	char *path;               /* the export's path */
	echo_attendance_kind kind;
	echo_wallclock start;
	echo_wallclock end;
	echo_credit_rule rule;
	echo_session_person *people;
	size_t count;
	echo_attendance_note *notes;
	size_t note_count;
	struct echo_arena *arena;
} echo_session_credit;

/* Computes minutes and credit per person for one session.  att is
 * borrowed.  Rows with an email are one person per address (case
 * ignored); rows without one are matched by name (see doc/attendance.md).
 * Each person's time is the union of their join..leave intervals clipped
 * to the window, so a rejoin adds up and a second device is not counted
 * twice.  Unmatched and ambiguous rows are warnings in diags and notes in
 * the result; rows outside the window and waiting-room rows are notes.
 * Returns NULL with an error in diags when there is no usable window or
 * memory runs out.  Caller frees with echo_session_credit_free. */
echo_session_credit *echo_session_credit_compute(const echo_attendance *att,
                                                 const echo_session_credit_options *opts,
                                                 echo_diags *diags);

/* NULL is accepted. */
void echo_session_credit_free(echo_session_credit *credit);

/* ---- A series: certification ---------------------------------------- */

/* When a series certifies a person: credit in at least min_percent of the
 * sessions held and in at least min_sessions of them. */
typedef struct echo_series_rule {
	unsigned min_percent;     /* 0-100 */
	size_t min_sessions;      /* 0: unused */
} echo_series_rule;

typedef struct echo_series_session {
	const char *label;        /* NULL: the credit's label */
	const echo_session_credit *credit;  /* borrowed; NULL: no attendance */
	int cancelled;            /* not held: left out of the count */
	const char *path;         /* where the session is listed, for an error */
	size_t line;              /*   about it (NULL/0: none) */
} echo_series_session;

/* One person in one session of a series. */
typedef struct echo_series_mark {
	echo_minutes_source source;   /* ECHO_MINUTES_NONE: absent */
	echo_credit_status credit;
	long long seconds;
} echo_series_mark;

typedef struct echo_series_person {
	const char *key;
	const char *name;
	const char *email;
	size_t present;           /* sessions with any presence */
	size_t credited;          /* sessions whose credit rule was met */
	unsigned percent;         /* credited * 100 / sessions held, rounded down */
	int certified;
	echo_series_mark *marks;  /* one per session, in the order given */
} echo_series_person;

/* The result for a series; free with echo_series_credit_free.  people are
 * sorted by display name (then key). */
typedef struct echo_series_credit {
	echo_series_rule rule;
	size_t session_count;
	size_t held;              /* sessions not cancelled */
	const char **labels;      /* session_count labels */
	int *cancelled;           /* session_count flags */
	echo_series_person *people;
	size_t count;
	struct echo_arena *arena;
} echo_series_credit;

/* Combines session results into a series.  People are the same person
 * across sessions by email; a person known only by name is matched by
 * name to one with an email when exactly one fits.  A session that is
 * neither cancelled nor given its attendance is an error (rule
 * attendance-missing); then, or when memory runs out, NULL is returned.
 * The sessions are borrowed for the call only.  Caller frees with
 * echo_series_credit_free. */
echo_series_credit *echo_series_credit_compute(const echo_series_session *sessions,
                                               size_t count,
                                               const echo_series_rule *rule,
                                               echo_diags *diags);

/* NULL is accepted. */
void echo_series_credit_free(echo_series_credit *series);

/* ---- Output ---------------------------------------------------------- */

typedef enum echo_table_format {
	ECHO_TABLE_MARKDOWN,      /* a summary line, a pipe table, the notes */
	ECHO_TABLE_CSV,           /* RFC 4180, one header row */
	ECHO_TABLE_JSON
} echo_table_format;

/* Append a session's or a series' report to out (columns in
 * doc/attendance.md).  Names from exports are untrusted: Markdown escapes
 * them, and CSV defuses cells a spreadsheet would run as a formula.
 * Return 0, or -1 when memory runs out. */
int echo_session_credit_write(echo_buf *out, const echo_session_credit *credit,
                              echo_table_format format);
int echo_series_credit_write(echo_buf *out, const echo_series_credit *series,
                             echo_table_format format);

#endif
