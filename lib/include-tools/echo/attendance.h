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
#include "echo/doc.h"

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

/* Writes ISO 8601 "2026-05-14T12:00:00-06:00" with the given offset
 * (seconds east of UTC), or without one ("2026-05-14T12:00:00") when
 * has_offset is 0.  32 bytes are always enough. */
void echo_wallclock_iso(echo_wallclock t, int has_offset, int offset, char *buf, size_t size);

/* ---- Loading an export ----------------------------------------------- */

typedef enum echo_attendance_kind {
	ECHO_ATTENDANCE_AUTO,     /* loader argument only: detect the kind */
	ECHO_ATTENDANCE_MEETING,  /* Zoom meeting participants: join/leave rows */
	ECHO_ATTENDANCE_UNIQUE,   /* Zoom "unique users": one total per person */
	ECHO_ATTENDANCE_WEBINAR,  /* Zoom webinar attendee report, in sections */
	ECHO_ATTENDANCE_ROSTER,   /* one name per line: presence, no minutes */
	ECHO_ATTENDANCE_TEAMS,    /* Microsoft Teams attendance report (sections) */
	ECHO_ATTENDANCE_TEAMS_LEGACY  /* Teams "Full Name, User Action, Timestamp" */
} echo_attendance_kind;

/* "meeting", "unique-users", "webinar", "roster", "teams", "teams-legacy"
 * ("auto"). */
const char *echo_attendance_kind_name(echo_attendance_kind kind);

typedef enum echo_attendance_role {
	ECHO_ROLE_PARTICIPANT,    /* meeting reports and rosters */
	ECHO_ROLE_HOST,           /* webinar sections */
	ECHO_ROLE_PANELIST,
	ECHO_ROLE_ATTENDEE,
	ECHO_ROLE_ORGANIZER,      /* Teams Role column */
	ECHO_ROLE_PRESENTER
} echo_attendance_role;

/* What a row's name, or a person, is: echo_attendance_name_kind. */
typedef enum echo_person_kind {
	ECHO_PERSON_LEARNER,      /* a participant */
	ECHO_PERSON_FACULTY,      /* in the hub team or the facilitator */
	ECHO_PERSON_ROOM,         /* a room's connection, not a person */
	ECHO_PERSON_GENERIC       /* a dial-in or device name ("Call-in User_1",
	                           * "iPhone"): one session only, never matched */
} echo_person_kind;

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
	size_t join_col;          /* column of the join time (1 when unknown) */
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

/* When data is UTF-16 with a byte-order mark (as Teams writes its
 * reports), a malloc'd UTF-8 copy without the mark, NUL-terminated, its
 * length in *out_len: the text the loader reads, for showing the source
 * lines of its findings.  NULL otherwise, or when the UTF-16 is broken
 * (the loader reports where) or memory runs out.  Caller frees. */
char *echo_attendance_utf8(const char *data, size_t len, size_t *out_len);

/* The day an export is of, in days since 1970-01-01 of its wall clock:
 * the meeting's start when the export gives it, else the first dated
 * row's join (Zoom's participants_86033127781.csv has no date in its
 * name, but every row has one).  Returns 0, or -1 when nothing in it is
 * dated (a roster).  That every row is of that day is checked when the
 * session is computed. */
int echo_attendance_day(const echo_attendance *att, long *day);

/* The first date YYYY-MM-DD in the file name of path (not in its
 * folders), as days since 1970-01-01: "2026-03-12-participants.csv".
 * Returns 0, or -1 when the name has none. */
int echo_attendance_name_day(const char *path, long *day);

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

/* Appends to out the name as reports print it: "(she/her)", "(Guest)",
 * "(External)" and other parenthesised notes dropped, a device suffix
 * dropped ("Bobby Tsosie's iPad" -> "Bobby Tsosie"), "Dubois, Renée"
 * turned to "Renée Dubois", a name written all in lower or upper case
 * capitalised ("carmen yazzie" -> "Carmen Yazzie"), spaces collapsed;
 * a phone number is never printed: "Dial-in caller".  Returns 0, or -1
 * when memory runs out. */
int echo_attendance_display_name(const char *name, echo_buf *out);

/* How a name is recognised as not one person's (doc/attendance.md): a
 * room ("Valley Clinic Conf Room", "Zoom Room"), or a generic dial-in or
 * device name ("Call-in User_1", "iPhone", a phone number). */
echo_person_kind echo_attendance_name_kind(const char *name);

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

/* The continuing-education hours a credited session earns, in hundredths
 * of an hour (1.5 hours is 150), so that sums are exact. */
typedef struct echo_credit_hours {
	long hours;               /* a session attended in full; 0: none stated */
	int by_quarter_hour;      /* credit.hours_rule quarter-hour: the time
	                           * present, rounded down to a quarter hour, at
	                           * most hours (presence on a roster: hours) */
	const char *kind;         /* "CME", "CEU", "contact hours"...; NULL: not stated */
	const char *statement;    /* the accreditation statement; NULL: none */
} echo_credit_hours;

/* Writes hundredths of an hour as "1.00", "7.25" into buf (24 bytes are
 * always enough): the one way hours are shown. */
void echo_hours_format(long hundredths, char *buf, size_t size);

/* Appends how credit earns hours, in the one wording every output uses:
 * "1.00 CEU for each session credited", or with the quarter-hour rule
 * "the time present in a credited session, rounded down to a quarter
 * hour, at most 1.00 CEU"; for a series (series set), whose sessions may
 * earn different hours, "its CEU" in place of the number. */
void echo_credit_hours_describe(const echo_credit_hours *h, int series, echo_buf *out);

/* Someone of the hub (hub_team, facilitator): reported apart, with a
 * role, and never credited or certified as a learner. */
typedef struct echo_attendance_faculty {
	const char *name;         /* as the session or series file writes it */
	const char *email;        /* NULL or "" when not given */
	const char *role;         /* "Addiction medicine physician", "facilitator" */
} echo_attendance_faculty;

typedef struct echo_session_credit_options {
	const char *label;        /* names the session in output ("2026-03-12");
	                           * NULL: the window's date.  Copied. */
	int has_window;           /* 1: start..end is the scheduled session */
	echo_wallclock start;     /* otherwise the export's meeting start..end */
	echo_wallclock end;
	int has_utc_offset;       /* the session's zone is known: JSON writes */
	int utc_offset;           /*   times with this offset (seconds east) */
	echo_credit_rule rule;
	/* Optional people known in advance (a roster of the enrolled, with
	 * "Name <email>" lines): rows without an email are matched to them by
	 * name, and the enrolled who did not come are listed as absent.
	 * Borrowed for the call only. */
	const echo_attendance *directory;
	const echo_attendance_faculty *faculty;   /* borrowed; may be NULL */
	size_t faculty_count;
	echo_credit_hours hours;  /* what credit earns; strings copied */
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
	ECHO_CREDIT_UNKNOWN,      /* present on a roster, presence does not count */
	ECHO_CREDIT_NOT_LEARNER   /* faculty, or a room connection: not credited */
} echo_credit_status;


/* One person in one session.  Strings are owned by the session credit. */
typedef struct echo_session_person {
	const char *key;          /* email in lower case, "name:" + name key, or
	                           * "generic:" + session + name key + "#n" */
	const char *name;         /* display name (echo_attendance_display_name) */
	const char *email;        /* "" when none is known */
	const char *name_key;     /* echo_attendance_name_key of name */
	long long seconds;        /* present within the window */
	echo_minutes_source source;
	echo_credit_status credit;
	size_t rows;              /* export rows merged into this person */
	size_t first_line;        /* 0 for an enrolled person with no row */
	int guest;                /* 1 if every row said Guest: Yes */
	int by_name;              /* some rows had no email and were matched by name */
	int absent;               /* enrolled or registered, but never joined, or
	                           * joined only outside the session (0 minutes) */
	echo_person_kind kind;
	const char *role;         /* faculty: the role; "" otherwise */
	long hours;               /* hundredths of an hour earned (credit met) */
} echo_session_person;


typedef enum echo_attendance_note_kind {
	ECHO_ATT_UNMATCHED,       /* no email, and no one of that name: counted alone */
	ECHO_ATT_AMBIGUOUS,       /* no email, and several people of that name */
	ECHO_ATT_OUTSIDE,         /* join..leave wholly outside the session */
	ECHO_ATT_WAITING,         /* time in the waiting room: not counted */
	ECHO_ATT_GENERIC,         /* a dial-in or device name: counted alone */
	ECHO_ATT_ROOM             /* a room connection: not a person */
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
	int has_utc_offset;       /* as in the options */
	int utc_offset;
	echo_credit_rule rule;
	echo_credit_hours hours;  /* as in the options; strings owned */
	echo_session_person *people;
	size_t count;
	echo_attendance_note *notes;
	size_t note_count;
	struct echo_arena *arena;
} echo_session_credit;

/* The one head-count rule: present means minutes in the session (> 0), or
 * a roster's presence; a room connection is not a person.  1 or 0. */
int echo_session_person_present(const echo_session_person *p);

/* Head count of a session, as attendance, minutes and credit report it. */
typedef struct echo_head_count {
	size_t present;           /* people present: learners and faculty */
	size_t learners;          /* learners present (generic names included) */
	size_t faculty;           /* faculty present */
	size_t rooms;             /* room connections */
	size_t absent;            /* listed but not present */
	size_t credited;          /* learners with credit */
} echo_head_count;

echo_head_count echo_session_head_count(const echo_session_credit *credit);

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
	const char *path;         /* where the rule is written, for an error */
	size_t line, col;         /*   about it (NULL/0: an option) */
} echo_series_rule;

/* Reads a session threshold as written, "75%" (0-100).  A bare number is
 * refused: it could be read as minutes.  Returns 0, or -1 and sets *why
 * (static text). */
int echo_percent_parse(const char *text, unsigned *percent, const char **why);

/* Reads a certification rule as written in a series file or an option:
 * "80%" of the sessions held, "10 sessions", or both joined by "and"
 * ("80% and 10 sessions").  A bare number ("80": 80% or 80 sessions?),
 * 0%, 0 sessions and anything else are refused.  Returns 0 and sets the
 * rule's thresholds (its position is left alone), or -1 and sets *why
 * (static text). */
int echo_series_rule_parse(const char *text, echo_series_rule *rule, const char **why);

/* The sessions with credit the rule needs of held: the one count. */
size_t echo_series_rule_needed(const echo_series_rule *rule, size_t held);

/* "credit in at least 80% of the sessions held (10 of 12)" and the like,
 * appended to out: the one wording of a rule in every report. */
void echo_series_rule_describe(echo_buf *out, const echo_series_rule *rule, size_t held);

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
	long hours;               /* hundredths of an hour earned there */
} echo_series_mark;

/* Where a person stands on one requirement of the certification. */
typedef struct echo_requirement_status {
	int met;
	long hours;               /* hundredths recorded (completions' hours) */
	long date;                /* day of the last completion; -1: none */
	int by_training_days;     /* met by credit in every training day */
} echo_requirement_status;

typedef struct echo_series_person {
	const char *key;
	const char *name;
	const char *email;
	echo_person_kind kind;    /* faculty in any session: faculty */
	const char *role;         /* faculty: the role */
	size_t present;           /* sessions with any presence */
	size_t credited;          /* sessions whose credit rule was met */
	unsigned percent;         /* credited * 100 / sessions held, rounded down */
	int attendance_met;       /* the series rule is met (faculty: never) */
	int certified;            /* attendance_met and every requirement met */
	echo_series_mark *marks;  /* one per session, in the order given */
	long hours;               /* hundredths of an hour: the marks' sum */
	echo_requirement_status *requirements;  /* one per requirement of the
	                           * series (echo_series_credit_certify); NULL
	                           * when it has none */
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
	echo_credit_hours hours;  /* kind and statement (of the first session
	                           * that states them); hours: the most one
	                           * session earns (0: none states hours) */
	const struct echo_requirement *requirements;  /* copied by
	                           * echo_series_credit_certify */
	size_t requirement_count;
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

/* ---- Requirements beyond attendance ----------------------------------- */

/* A named requirement of a certification (certification.requirements):
 * a training, a practicum, a 30-hour course.  Strings borrowed from the
 * series file. */
typedef struct echo_requirement {
	const char *id;           /* "practicum": what completions name */
	const char *title;
	const char *description;  /* or NULL */
	long hours;               /* hundredths needed (a course of hours); 0:
	                           * one completion meets it */
	int by_training_days;     /* credit in every training day meets it too */
	const char *path;         /* where it is written, for findings */
	size_t line, col;
} echo_requirement;

/* One row of a completions file: someone completed a requirement. */
typedef struct echo_completion {
	const char *email;        /* lower case */
	const char *name;         /* "" when not given */
	const char *requirement;  /* a requirement's id */
	long date;                /* day number */
	long hours;               /* hundredths; -1 when not given */
	const char *notes;        /* "" when not given */
	size_t line;
} echo_completion;

/* A loaded completions file; free with echo_completions_free. */
typedef struct echo_completions {
	char *path;
	echo_completion *items;
	size_t count;
	struct echo_arena *arena;
} echo_completions;

/* Loads a completions CSV (doc/attendance.md): a header naming the
 * columns email, requirement and date (YYYY-MM-DD), and optionally name,
 * hours and notes, in any order.  A row with a bad email or date, an
 * unknown requirement (one not among the count reqs) or bad hours is an
 * error at its line and column (rules completions, completion-date,
 * completion-requirement); then, or when memory runs out, NULL is
 * returned.  data need not be NUL-terminated.  Caller frees with
 * echo_completions_free. */
echo_completions *echo_completions_load(const char *path, const char *data, size_t len,
                                        const echo_requirement *reqs, size_t count,
                                        echo_diags *diags);
/* NULL is accepted. */
void echo_completions_free(echo_completions *completions);

/* Judges each person of series on the count requirements (copied into
 * series): met by a completion of theirs (matched by email, case
 * ignored; an hour-based one when the completions' hours add up), or,
 * for one met by training days, by credit in every session whose flag in
 * training (session_count flags; may be NULL) is set.  A person is then
 * certified when the attendance rule and every requirement are met.
 * done may be NULL (no completions); a completion of someone not in the
 * series is a warning at its line (rule completion-person).  Returns 0,
 * or -1 with an error in diags when memory runs out. */
int echo_series_credit_certify(echo_series_credit *series, const echo_requirement *reqs,
                               size_t count, const echo_completions *done, const int *training,
                               echo_diags *diags);

/* Appends what p still lacks for certification, "; " between items:
 * "attendance (credit in 2 more sessions)", a requirement's title, "30-hour
 * course (12.50 of 30.00 hours)".  Nothing when certified or faculty. */
void echo_series_person_lacking(const echo_series_credit *series, const echo_series_person *p,
                                echo_buf *out);

/* ---- Output ---------------------------------------------------------- */

typedef enum echo_table_format {
	ECHO_TABLE_MARKDOWN,      /* a summary line, a pipe table, the notes */
	ECHO_TABLE_CSV,           /* RFC 4180, one header row */
	ECHO_TABLE_JSON
} echo_table_format;

/* "at least 75% of the session (45 minutes); presence on a roster alone
 * does not count": the one wording of a session's credit rule, for a
 * window of the given seconds, appended to out. */
void echo_credit_rule_describe(echo_buf *out, const echo_credit_rule *rule, long long window);

/* The data the Markdown tables render (templates attendance-table.md and
 * credit-table.md; keys in doc/minutes.md), built in into, a stream the
 * caller keeps for as long as it uses the view.  Texts from files (names,
 * emails, roles, labels, paths) are escaped for Markdown already, for
 * triple-brace tags.  NULL when memory runs out. */
echo_node *echo_session_credit_view(echo_stream *into, const echo_session_credit *credit);
echo_node *echo_series_credit_view(echo_stream *into, const echo_series_credit *series);

/* Append a session's or a series' report to out (columns in
 * doc/attendance.md): Markdown is the view rendered through the built-in
 * table template; CSV and JSON are written from the same data.  Names from
 * exports are untrusted: Markdown escapes them, and CSV defuses cells a
 * spreadsheet would run as a formula.  Return 0, or -1 when memory runs
 * out. */
int echo_session_credit_write(echo_buf *out, const echo_session_credit *credit,
                              echo_table_format format);
int echo_series_credit_write(echo_buf *out, const echo_series_credit *series,
                             echo_table_format format);

#endif
