/* The session format (echo-session/1: one teleECHO session's agenda) and
 * the series format (echo-series/1: a recurring slot and its curriculum):
 * schema tables, checks, computed times, and the data templates and JSON
 * output are made from. */
#ifndef ECHO_SESSION_H
#define ECHO_SESSION_H

#include "echo/export.h"
#include <stddef.h>
#include <stdint.h>

#include "echo/buf.h"
#include "echo/calendar.h"
#include "echo/diag.h"
#include "echo/doc.h"
#include "echo/schema.h"

ECHO_EXPORT extern const echo_schema echo_session_schema;
ECHO_EXPORT extern const echo_schema echo_series_schema;

typedef enum echo_agenda_kind {
	ECHO_AGENDA_UNKNOWN,
	ECHO_AGENDA_SESSION,
	ECHO_AGENDA_SERIES
} echo_agenda_kind;

/* Commented YAML scaffolds for `echo-agenda new`: the schema's, with the
 * session's segments written out and the series' count given. */
ECHO_EXPORT void echo_session_scaffold(echo_buf *out);
ECHO_EXPORT void echo_series_scaffold(echo_buf *out);

/* What a document is: by its schema key, else by its keys (segments or
 * recurrence); ECHO_AGENDA_UNKNOWN if neither. */
ECHO_EXPORT echo_agenda_kind echo_agenda_kind_of(const echo_node *root);

typedef enum echo_segment_kind {
	ECHO_SEGMENT_WELCOME,
	ECHO_SEGMENT_ANNOUNCEMENTS,
	ECHO_SEGMENT_DIDACTIC,
	ECHO_SEGMENT_CASE,
	ECHO_SEGMENT_DISCUSSION,
	ECHO_SEGMENT_BREAK,
	ECHO_SEGMENT_WRAP_UP,
	ECHO_SEGMENT_EVALUATION
} echo_segment_kind;

/* The key a kind is written under ("wrap_up") and its heading ("Wrap-up"). */
ECHO_EXPORT const char *echo_segment_key(echo_segment_kind kind);
ECHO_EXPORT const char *echo_segment_label(echo_segment_kind kind);

enum {
	ECHO_CASE_PRESENTATION,
	ECHO_CASE_QUESTIONS,       /* clarifying questions */
	ECHO_CASE_RECOMMENDATIONS,
	ECHO_CASE_PARTS
};

/* One segment of a session, in order.  Nodes point into the session's
 * stream. */
typedef struct echo_segment {
	echo_segment_kind kind;
	const echo_node *key;        /* the kind key, for positions */
	const echo_node *body;       /* the mapping under it */
	int minutes;                 /* for a case, the sum of its parts */
	int parts[ECHO_CASE_PARTS];  /* case: minutes of each part */
	int start;                   /* minutes after the session's start */
	/* Cases: the file named, loaded and checked.  withdrawn is set when it
	 * could not be read or did not pass its checks: the agenda keeps the
	 * time and shows the slot as withdrawn, without the case. */
	char *case_path;             /* resolved against the session's folder */
	echo_stream *case_stream;    /* owned by the session; NULL if unreadable */
	const echo_node *case_root;
	int withdrawn;
} echo_segment;

/* A checked session.  Read-only for callers; free with echo_session_free. */
typedef struct echo_session {
	echo_stream *stream;         /* borrowed: the caller keeps it alive */
	echo_node *root;
	int usable;                  /* no errors in the session file itself (a failing
	                                case does not count): it can be rendered */
	long date;                   /* day number */
	int start;                   /* minutes after local midnight */
	int duration;                /* minutes */
	int64_t start_utc;           /* seconds since the epoch */
	echo_tz *tz;
	echo_segment *segments;
	size_t segment_count;
	int planned;                 /* minutes the segments fill */
	int revision;                /* revision: added to the series' for SEQUENCE */
	int case_deadline;           /* days before the session cases are due, or -1 */
	/* The series file named by series:, loaded and checked; NULL without
	 * one or when it cannot be used. */
	echo_stream *series_stream;  /* owned */
	struct echo_series *series;  /* owned */
	const struct echo_series_date *occurrence;   /* the series' session on date */
} echo_session;

typedef struct echo_session_options {
	int skip_cases;              /* do not load case files (nor the series) */
	const echo_limits *limits;   /* for case files; NULL: defaults */
} echo_session_options;

/* Checks a session document (root, in stream) and works out its times:
 * the schema; the date, start and time zone; segments that overrun the
 * session (error "overrun", at the minutes that cross the end) or leave
 * time unplanned (warning "unplanned").  Case files are loaded relative
 * to the folder of stream->path and checked with echo_case_check; a case
 * that fails is reported in its own file and marked withdrawn.  Findings
 * are appended in reading order: the session's by line, then each case
 * file's.  options may be NULL.  Returns NULL only when memory runs out;
 * the caller frees with echo_session_free, then frees stream. */
ECHO_EXPORT echo_session *echo_session_check(echo_stream *stream, echo_node *root,
                                             const echo_session_options *options,
                                             echo_diags *diags);
/* NULL is accepted. */
ECHO_EXPORT void echo_session_free(echo_session *session);

/* The text the session gives under key, else the text its series
 * (series:) gives: the hub's contact, the facilitator, the program, which
 * a session need not repeat.  NULL when neither gives a scalar other than
 * null or "".  Borrowed from the session or its series. */
ECHO_EXPORT const char *echo_session_get_text(const echo_session *session, const char *key);

/* The case deadline on day today (a day number): from the day cases were
 * due (case_deadline days before the session, the session's or its
 * series') to the session, each case segment whose file is not in or
 * is still a draft is a warning "case-late" at its file key.  Nothing
 * without a deadline.  The session must have been checked with its
 * cases. */
ECHO_EXPORT void echo_session_deadline(const echo_session *session, long today, echo_diags *diags);

/* One held session of a series. */
typedef struct echo_series_date {
	int number;                  /* 1-based, among the planned sessions: a
	                                cancelled one keeps its number */
	long date;                   /* day number */
	int64_t start_utc;
	int extra;                   /* an extra date, not from the recurrence */
	const echo_node *topic;      /* the curriculum item, or NULL */
	int pinned;                  /* the topic names this date (curriculum[].date) */
	long moved_from;             /* the topic moved here from that cancelled
	                                date, or 0 */
	const echo_node *entry;      /* its sessions[] item (note, presenter), or NULL */
} echo_series_date;

/* What happens to the topic of a cancelled session: written in
 * cancelled[].topic. */
typedef enum echo_topic_fate {
	ECHO_TOPIC_NONE,             /* the date had no topic */
	ECHO_TOPIC_DROPPED,          /* "dropped": not given */
	ECHO_TOPIC_MOVED,            /* "moved to YYYY-MM-DD" */
	ECHO_TOPIC_SHIFT             /* "shift": it and every later topic move one
	                                session on */
} echo_topic_fate;

/* A planned session that did not happen: it keeps its number, and its
 * topic goes where cancelled[].topic says. */
typedef struct echo_cancelled_date {
	int number;
	long date;
	int64_t start_utc;
	int extra;
	const char *reason;          /* or NULL */
	const echo_node *topic;      /* the topic it would have had, or NULL */
	echo_topic_fate fate;
	long moved_to;               /* ECHO_TOPIC_MOVED: the day it moved to */
} echo_cancelled_date;

/* An event that is not a teleECHO session (an in-person training day):
 * its own time, length and place, outside the curriculum and the
 * numbering; attendance counts it only when the certification says so. */
typedef struct echo_training_day {
	long date;
	int start, duration;         /* minutes */
	int64_t start_utc;
	const char *title, *location;   /* location may be NULL */
	const echo_node *node;
} echo_training_day;

/* A date the recurrence would have held, skipped. */
typedef struct echo_skipped_date {
	long date;
	const char *reason;          /* or NULL */
} echo_skipped_date;

typedef struct echo_series {
	echo_stream *stream;         /* borrowed */
	echo_node *root;
	int usable;                  /* no errors: it can be rendered */
	echo_recurrence rule;
	int start, duration;
	echo_tz *tz;
	echo_series_date *dates;     /* the sessions held, in order */
	size_t date_count;
	echo_skipped_date *skipped;  /* rule dates skipped before the end */
	size_t skipped_count;
	echo_cancelled_date *cancelled;   /* planned sessions cancelled, in order */
	size_t cancelled_count;
	echo_training_day *training;      /* training days, in date order */
	size_t training_count;
	int training_counts;         /* certification.count_training_days */
	int revision;                /* revision: the calendar's SEQUENCE */
	int case_deadline;           /* case_deadline in days before a session, or -1 */
} echo_series;

/* The case_deadline of a session or series (root) in days before the
 * session ("5 days", "1 week"); -1 when not given, or when it is not so
 * written (an error "case-deadline" at it, in diags). */
ECHO_EXPORT int echo_case_deadline_read(const echo_stream *stream, const echo_node *root, echo_diags *diags);

/* The first http or https URL in text (NULL is accepted), its length in
 * *len; NULL if none.  Points into text. */
ECHO_EXPORT const char *echo_link_find(const char *text, size_t *len);
/* Where to join a session or series (root): the URL in join_url, else the
 * one in location; NULL if neither has one.  Points into the document. */
ECHO_EXPORT const char *echo_agenda_join_url(const echo_node *root, size_t *len);

/* At most this many sessions in one series. */
#define ECHO_SERIES_MAX 2000

/* Checks a series document and expands its dates: the schema, the
 * recurrence ("series-end" for a missing or doubled end, "series-length"
 * past ECHO_SERIES_MAX), skipped and extra dates that do not fit
 * (warnings), and a curriculum longer than the series (warning).  Returns
 * NULL only when memory runs out; free with echo_series_free. */
ECHO_EXPORT echo_series *echo_series_check(echo_stream *stream, echo_node *root, echo_diags *diags);
ECHO_EXPORT void echo_series_free(echo_series *series);

/* Output --------------------------------------------------------------------- */

/* How times are shown. */
typedef struct echo_agenda_options {
	echo_tz *const *zones;       /* extra zones besides the hub's; borrowed */
	size_t zone_count;
	int clock12;                 /* "12:05 pm" rather than "12:05" */
} echo_agenda_options;

/* The data the agenda, series and outline templates render, as a map
 * built in the document's stream (freed with it).  The keys are listed in
 * doc/agenda-formats.md.  The session or series must be usable.
 * options may be NULL.  Return NULL when memory runs out. */
ECHO_EXPORT echo_node *echo_session_data(echo_session *session, const echo_agenda_options *options);
ECHO_EXPORT echo_node *echo_series_data(echo_series *series, const echo_agenda_options *options);

/* Appends the JSON form (format "echo-agenda/1", see doc/agenda-formats.md). */
ECHO_EXPORT void echo_session_json(echo_session *session, const echo_agenda_options *options,
                                   echo_buf *out);
ECHO_EXPORT void echo_series_json(echo_series *series, const echo_agenda_options *options,
                                  echo_buf *out);

/* A plain-text agenda for a calendar entry's description: each segment's
 * start time in the hub's zone, its title and presenter. */
ECHO_EXPORT void echo_session_text(const echo_session *session, echo_buf *out);
/* The same for one date of a series: its topic, presenter and objectives;
 * with date NULL, the series: its schedule, dates and skipped dates. */
ECHO_EXPORT void echo_series_text(const echo_series *series, const echo_series_date *date,
                                  echo_buf *out);

/* Appends the units of a credit kind: "CEU hours", "CME hours"; a kind
 * that is hours already ("contact hours") as it is; "hours" for NULL.
 * The one wording of credit units in every output. */
ECHO_EXPORT void echo_credit_units(const char *kind, echo_buf *out);

/* Dates and times as text (echo_format_date, echo_format_time) are in
 * calendar.h. */

#endif
