/* After a session: its minutes, a recommendation summary for each
 * presenter, and a summary of a series' cases, as the data their
 * templates render and as JSON (format "echo-minutes/1", described in
 * doc/minutes.md).
 *
 * This is its own library, echo-minutes (it reads attendance with
 * echo-attendance, which links libcsv): use the meson dependency
 * echo_minutes_dep.  The library never prints. */
#ifndef ECHO_MINUTES_H
#define ECHO_MINUTES_H

#include <stddef.h>

#include "echo/attendance.h"
#include "echo/buf.h"
#include "echo/diag.h"
#include "echo/doc.h"
#include "echo/session.h"

/* ---- When sessions were held ----------------------------------------- */

/* One held session: its date and its scheduled window on the hub's wall
 * clock, which is what Zoom's exports are compared with. */
typedef struct echo_schedule_date {
	long date;                /* day number */
	int number;               /* 1-based within the series; the session's number or 0 */
	echo_wallclock start;
	echo_wallclock end;
	int has_utc_offset;       /* the zone's offset at the start is known */
	int utc_offset;           /* seconds east of UTC */
	int training;             /* a training day, not a teleECHO session */
	long hours;               /* hundredths of an hour credit earns there */
} echo_schedule_date;

/* The sessions of a session file (echo-session/1), a series file
 * (echo-series/1), or echo-agenda's JSON of either (echo-agenda/1), with
 * the credit and certification rules they state.  Free with
 * echo_schedule_free. */
typedef struct echo_schedule {
	const echo_node *root;            /* program, title, credit: as written */
	int is_series;
	echo_schedule_date *dates;        /* in order */
	size_t count;
	echo_credit_rule rule;            /* credit.attendance_percent, if given */
	echo_credit_hours hours;          /* credit.hours, kind, statement and
	                                   * hours_rule (strings borrowed) */
	int has_certification;            /* certification.percent was given */
	echo_series_rule certification;
	const char *certification_title;  /* or NULL */
	echo_requirement *requirements;   /* certification.requirements (a series
	                                   * file's), strings borrowed from root */
	size_t requirement_count;
	const echo_node *at;              /* where the dates come from, for errors */
	/* The hub team and the facilitator, who are not learners; strings
	 * borrowed from root. */
	echo_attendance_faculty *faculty;
	size_t faculty_count;
	echo_session *session;            /* owned: a session file, checked */
	echo_series *series;              /* owned: a series file, checked */
} echo_schedule;

/* Reads root (in stream) as one of the three.  Case files a session names
 * are not loaded.  Problems are errors in diags, located in the file
 * (rule "schedule" for echo-agenda JSON that lacks what is needed); then
 * -1 is returned, as it is when memory runs out.  The stream must outlive
 * the schedule. */
int echo_schedule_read(echo_stream *stream, echo_node *root, echo_schedule *out,
                       echo_diags *diags);
/* NULL is accepted. */
void echo_schedule_free(echo_schedule *schedule);

/* The data the attendance and credit templates render: program, title,
 * date and date_long (a session) or first_date and last_date (a series),
 * certification_title, and the table's view (echo_session_credit_view or
 * echo_series_credit_view) as attendance (a session) or credit (a
 * series).  Built in stream (the schedule's), where the view must be
 * too.  NULL when memory runs out or table is NULL. */
echo_node *echo_report_data(echo_stream *stream, const echo_schedule *schedule,
                            const echo_node *table);

/* ---- Attendance of a session, credit across a series ------------------ */

/* How a run reads its files and credits a session, beyond what the
 * session or series file states.  Everything is borrowed. */
typedef struct echo_credit_options {
	int has_threshold;        /* 1: threshold replaces credit.attendance_percent */
	unsigned threshold;       /* percent of the session, 0-100 */
	long min_minutes;         /* and present this long; 0: the file's */
	int presence_counts;      /* presence on a roster earns credit */
	const char *enrolled;     /* a roster of the enrolled ("Name <email>"), or NULL */
	const char *const *rosters;  /* exports ([DATE=]FILE) read as rosters */
	size_t roster_count;
	/* A series only. */
	const echo_series_rule *certify;  /* NULL: the series' certification.require */
	const char *completions;  /* a completions CSV (echo_completions_load), or NULL */
	int has_through;          /* 1: the sessions up to through (a day number) */
	long through;
	const char *through_option;  /* its name in messages; NULL: "--through" */
	const long *cancelled;    /* day numbers of sessions not held */
	size_t cancelled_count;
} echo_credit_options;

/* A text a run read, kept so that a finding can show its source line. */
typedef struct echo_credit_source {
	char *path;               /* as in the findings ("<stdin>" for "-") */
	char *text;
	size_t len;
} echo_credit_source;

/* What a run found; zero it before the call and free it with
 * echo_credit_result_free. */
typedef struct echo_credit_result {
	echo_session_credit *session;   /* echo_credit_session_compute */
	echo_series_credit *series;     /* echo_credit_series_compute */
	size_t held;                    /* sessions the report covers (--through) */
	echo_session_credit **credits;  /* series: held entries, NULL when none */
	echo_completions *completions;  /* series: --completions, as read */
	echo_credit_source *sources;    /* every export and roster read */
	size_t source_count, source_cap;
	int unreadable;                 /* a file could not be read (exit 2) */
} echo_credit_result;

/* The file of an export argument given as DATE=FILE or FILE. */
const char *echo_credit_export_path(const char *arg);

/* One session's attendance and credit: reads the exports (several are
 * one session, merged) and the roster of the enrolled, and computes who
 * earned credit under the schedule's rule and the options'.  schedule is
 * a session's, read from stream.  Findings go to diags; res->session is
 * set and 0 returned, or -1 when there are errors (a series is one).
 * The schedule and stream are borrowed. */
int echo_credit_session_compute(const echo_stream *stream, const echo_schedule *schedule,
                                const char *const *exports, size_t count,
                                const echo_credit_options *opts, echo_credit_result *res,
                                echo_diags *diags);

/* A series' credit and certification: each argument ([DATE=]FILE) is
 * matched to its session by the date given, else a date in the file's
 * name, else the meeting's date; every session covered (up to --through)
 * needs an export unless cancelled; each session's credit is computed
 * and the series certified by the options' rule or the series', and by
 * its requirements (echo_series_credit_certify, with the completions
 * file when given).  Sets
 * res->series and res->held and returns 0, or -1 with the findings in
 * diags.  Borrowed as above. */
int echo_credit_series_compute(const echo_stream *stream, const echo_schedule *schedule,
                               const char *const *args, size_t count,
                               const echo_credit_options *opts, echo_credit_result *res,
                               echo_diags *diags);

/* Frees what res holds and zeroes it; NULL is accepted. */
void echo_credit_result_free(echo_credit_result *res);

/* ---- Certificates ------------------------------------------------------ */

/* 1 if p gets a certificate: certified (attendance and every
 * requirement), and a learner, never hub faculty. */
int echo_certificate_due(const echo_series_person *p);

/* The person of s with this email (case ignored), or NULL. */
const echo_series_person *echo_series_credit_find(const echo_series_credit *s,
                                                  const char *email);

/* Appends p's certificate number: the series' id (or "ECHO"), then 12
 * Crockford base-32 digits in groups of four, from a 64-bit FNV-1a hash
 * of the id (or the program and title) and p's key, the email in lower
 * case: "CARS-2027-8Q2M-0TZK-4D7A".  The same series and email give the
 * same number in every run (doc/minutes.md).  Returns 0, or -1 when
 * memory runs out. */
int echo_certificate_number(const echo_schedule *schedule, const echo_series_person *p,
                            echo_buf *out);

/* The data the certificate template renders for p (keys in
 * doc/minutes.md), built in into (a stream the caller keeps while it uses
 * the data): program, title, certification_title, name, number, dates,
 * sessions, hours and kind, statement, requirements met and signature
 * lines (the facilitator, certification.director).  s is the series'
 * credit computed from schedule.  NULL when memory runs out. */
echo_node *echo_certificate_data(echo_stream *into, const echo_schedule *schedule,
                                 const echo_series_credit *s, const echo_series_person *p);

/* ---- The hub part of a case ------------------------------------------- */

/* 1 if the case has at least one recommendation. */
int echo_case_has_recommendations(const echo_node *root);

/* Reports a case without recommendations (its hub part is not filled in)
 * at the start of the document, rule "no-recommendations", with the given
 * severity.  Returns 1 if it reported one, else 0. */
int echo_case_check_recommendations(const echo_stream *stream, const echo_node *root,
                                    echo_severity severity, echo_diags *diags);

/* ---- Minutes ----------------------------------------------------------- */

/* A session file (root, in stream) checked for minutes, summaries and
 * recommendations: not a session is an error at its schema key; with
 * with_cases its cases are loaded and a case that failed its checks is an
 * error ("case-withdrawn"), since minutes go to every participant and a
 * gap would look like a complete record.  Caller frees the result with
 * echo_session_free; NULL when it is not a session or memory runs out. */
echo_session *echo_minutes_session(echo_stream *stream, echo_node *root, int with_cases,
                                   echo_diags *diags);

/* Checks a session's notes (root notes, in stream): the notes format, the
 * PHI screen (the session's people may be named), and that they are of
 * the session's date.  Everything is borrowed. */
void echo_minutes_check_notes(const echo_session *session, const echo_stream *stream,
                              const echo_node *notes, echo_diags *diags);

/* What minutes take besides the session (checked and usable), checked: a
 * case without recommendations is a warning; notes (root notes in
 * notes_stream, or NULL) are checked as echo_minutes_check_notes does;
 * with exports, the session's attendance is computed
 * (echo_credit_session_compute) into attendance, zeroed by the caller and
 * freed with echo_credit_result_free.  Everything else is borrowed. */
void echo_minutes_gather(const echo_session *session, const echo_stream *notes_stream,
                         const echo_node *notes, const char *const *exports,
                         size_t export_count, const echo_credit_options *options,
                         echo_credit_result *attendance, echo_diags *diags);

/* What minutes are made from.  Everything is borrowed. */
typedef struct echo_minutes {
	/* Checked, usable, and no case withdrawn: minutes go to every
	 * participant, so a case that failed its checks (PHI included) stops
	 * them rather than leaving a gap. */
	echo_session *session;
	const echo_node *notes;                  /* an echo-notes/1 root, or NULL */
	const echo_session_credit *attendance;   /* NULL: not recorded */
} echo_minutes;

/* The data the minutes template renders (keys in doc/minutes.md), built
 * in the session's stream and the cases' (each case's view,
 * echo_case_view) and freed with them; the parsed session, notes and
 * cases are not changed.  Returns NULL when memory runs out. */
echo_node *echo_minutes_data(const echo_minutes *minutes);

/* Appends the JSON form: format "echo-minutes/1", kind "minutes".
 * Returns 0, or -1 when memory runs out. */
int echo_minutes_json(const echo_minutes *minutes, echo_buf *out);

/* ---- Recommendation summaries ------------------------------------------ */

/* The data the recommendations template renders for one case that passed
 * echo_case_check and echo_case_screen, built in its stream beside root,
 * which is not changed.  session (may be NULL) is the session the case
 * was presented at: its program, date, facilitator and hub team head the
 * summary; without it the case's own series and session date do.
 * Returns NULL when memory runs out. */
echo_node *echo_recommendations_data(echo_stream *stream, const echo_node *root,
                                     const echo_session *session);

/* Appends one summary as a JSON object (no format key: the caller puts
 * summaries in an "echo-minutes/1" document of kind "recommendations"),
 * its first line not indented and the others by indent levels of two
 * spaces.  Returns 0, or -1 when memory runs out. */
int echo_recommendations_json(echo_stream *stream, const echo_node *root,
                              const echo_session *session, int indent, echo_buf *out);

/* A case of a recommendations run: its root and the stream it is in. */
typedef struct echo_case_ref {
	echo_stream *stream;
	echo_node *root;
} echo_case_ref;

/* The cases of a recommendations run, grown as cases are added; zero it
 * before the first call and free it with echo_case_refs_free. */
typedef struct echo_case_refs {
	echo_case_ref *items;
	size_t count, cap;
} echo_case_refs;

/* Adds every document of stream (borrowed: it must outlive refs), each
 * checked (echo_case_check) and screened for PHI (echo_case_screen), its
 * findings added to diags in source order; a stream without a document is
 * an error ("empty").  Returns 0, or -1 when memory runs out. */
int echo_case_refs_add_stream(echo_case_refs *refs, echo_stream *stream, echo_diags *diags);
/* Adds the cases a session presents, as it loaded them.  Returns 0, or
 * -1 when memory runs out. */
int echo_case_refs_add_session(echo_case_refs *refs, const echo_session *session);
/* A summary without recommendations has nothing to send: each case
 * without one is an error (echo_case_check_recommendations). */
void echo_case_refs_check_recommendations(const echo_case_refs *refs, echo_diags *diags);
void echo_case_refs_free(echo_case_refs *refs);

/* Appends an "echo-minutes/1" document of kind "recommendations" holding
 * the summaries of count cases (borrowed), as echo_recommendations_json
 * writes each.  Returns 0, or -1 when memory runs out. */
int echo_recommendations_document(const echo_case_ref *cases, size_t count,
                                  const echo_session *session, echo_buf *out);

/* ---- A series' cases ---------------------------------------------------- */

/* The summary of several sessions' cases: cases per session, how often
 * each substance, theme and kind of recommendation came up, and the
 * follow-ups due, judged on day as_of (a day number).  The sessions must
 * be checked and usable with no case withdrawn; they are borrowed for the
 * call.  The data is built in into, any stream the caller keeps for as
 * long as it uses the data (an empty one will do).  Returns NULL when
 * memory runs out. */
echo_node *echo_summary_data(echo_stream *into, echo_session *const *sessions, size_t count,
                             long as_of);

/* Puts sessions in date order for a summary; a session of another
 * program than the first given is a warning ("summary-program"). */
void echo_summary_order(echo_session **sessions, size_t count, echo_diags *diags);

/* Appends the JSON form: format "echo-minutes/1", kind "summary".
 * Returns 0, or -1 when memory runs out. */
int echo_summary_json(echo_stream *into, echo_session *const *sessions, size_t count,
                      long as_of, echo_buf *out);

/* ---- The program report ------------------------------------------------ */

/* The period a report covers (day numbers); without from, the series'
 * first date, without until its last. */
typedef struct echo_report_period {
	int has_from;
	long from;
	int has_until;
	long until;
} echo_report_period;

/* A program report (doc/minutes.md): free with echo_program_report_free. */
typedef struct echo_program_report echo_program_report;

/* Builds the report of a series (schedule, read from stream) for a
 * period: the series' credit is computed through the period's end
 * (echo_credit_series_compute with the exports and options, into res,
 * zeroed by the caller and freed with echo_credit_result_free; every
 * session held up to then needs its export), and the cases (borrowed;
 * those presented in the period count) are counted, a case and its
 * follow-ups once: a follow_up_of that names none of the cases given is
 * an error at it.  A period that is empty or holds no date of the series
 * is an error ("report-period").  Returns the report, or NULL with the
 * findings in diags.  Everything given is borrowed and must outlive the
 * report. */
echo_program_report *echo_program_report_build(const echo_stream *stream,
                                               const echo_schedule *schedule,
                                               const char *const *exports, size_t count,
                                               const echo_case_ref *cases, size_t case_count,
                                               const echo_report_period *period,
                                               const echo_credit_options *options,
                                               echo_credit_result *res, echo_diags *diags);
/* NULL is accepted. */
void echo_program_report_free(echo_program_report *report);

/* The data the report template renders (keys in doc/minutes.md), built in
 * into; with chart, `chart` holds the attendance chart's data as an
 * echo-chart block reads it (for an HTML page).  NULL when memory runs
 * out. */
echo_node *echo_program_report_data(echo_stream *into, const echo_program_report *report,
                                    int chart);

/* Appends the JSON form, format "echo-report/1" (doc/json.md), built in
 * into.  Returns 0, or -1 when memory runs out. */
int echo_program_report_json(echo_stream *into, const echo_program_report *report,
                             echo_buf *out);

/* Appends the CSV form: a row per month, then the total.  Returns 0, or
 * -1 when memory runs out. */
int echo_program_report_csv(const echo_program_report *report, echo_buf *out);

#endif
