/* The session (echo-session/1) and series (echo-series/1) formats: their
 * schema tables, and the checks that work out times and dates.  Output
 * built from a checked session or series is in session_render.c. */
#include "echo/session.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echo/case.h"

#define S ECHO_FIELD_SCREENED
#define C ECHO_FIELD_CLINICIAN
#define END {NULL, 0, 0, NULL, NULL, NULL, NULL, 0, 0, NULL}
#define R ECHO_FIELD_REQUIRED

/* Schema tables ------------------------------------------------------------- */

static const char *const session_ids[] = {"echo-session/1", NULL};
static const char *const series_ids[] = {"echo-series/1", NULL};
static const char *const credit_kinds[] = {"CME", "CE", "CNE", "CEU", "ACPE", "ASWB",
                                           "NAADAC", "MOC", "contact hours", NULL};
static const char *const hours_rules[] = {"session", "quarter-hour", NULL};
static const char *const frequencies[] = {"weekly", "monthly", NULL};
static const char *const weekday_names[] = {"monday", "tuesday", "wednesday", "thursday",
                                            "friday", "saturday", "sunday", NULL};
static const char *const last[] = {"last", NULL};

static const echo_field person_fields[] = {
	{"name", ECHO_FIELD_STRING, R | C, "Name and credentials.", NULL, NULL, NULL, 0, 0,
	 "Dana Whitfield, MD"},
	{"role", ECHO_FIELD_STRING, S, "Role on the hub team.", NULL, NULL, NULL, 0, 0,
	 "Addiction medicine physician"},
	END,
};
static const echo_field person_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, person_fields,
                                       NULL, 0, 0, NULL};

static const echo_field credit_fields[] = {
	{"kind", ECHO_FIELD_ENUM, ECHO_FIELD_OPEN | R, "Kind of continuing education credit.",
	 credit_kinds, NULL, NULL, 0, 0, "CME"},
	{"hours", ECHO_FIELD_NUMBER, R, "Credit hours for attending one session.", NULL, NULL,
	 NULL, 0, 24, "1.0"},
	{"attendance_percent", ECHO_FIELD_INT, 0,
	 "Share of the session, in percent, a participant must attend to claim credit.", NULL,
	 NULL, NULL, 0, 100, "75"},
	{"statement", ECHO_FIELD_TEXT, S, "Accreditation statement, as the accrediting body words it.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"hours_rule", ECHO_FIELD_ENUM, 0,
	 "How hours are counted: `session` (default), hours for each session credited; "
	 "`quarter-hour`, the time present in a credited session rounded down to a quarter hour, "
	 "at most its hours.", hours_rules, NULL, NULL, 0, 0, NULL},
	END,
};

/* Series only: a named requirement of the certification besides
 * attendance (echo-minutes credit --completions). */
static const echo_field requirement_fields[] = {
	{"id", ECHO_FIELD_STRING, R | ECHO_FIELD_CODE,
	 "Short name the completions file uses: lower-case letters, digits and hyphens, unique.",
	 NULL, NULL, NULL, 0, 0, "practicum"},
	{"title", ECHO_FIELD_STRING, R | S, "What is required, as certificates and reports name it.",
	 NULL, NULL, NULL, 0, 0, "Practicum work"},
	{"hours", ECHO_FIELD_NUMBER, 0,
	 "Hours to complete, for a requirement counted in hours (a 30-hour course); without it one "
	 "completion meets it.", NULL, NULL, NULL, 0.25, 10000, NULL},
	{"description", ECHO_FIELD_TEXT, S, "What it involves.", NULL, NULL, NULL, 0, 0, NULL},
	{"training_days", ECHO_FIELD_BOOL, 0,
	 "Whether credit in every training day meets it (needs `count_training_days: true`).", NULL,
	 NULL, NULL, 0, 0, NULL},
	END,
};
static const echo_field requirement_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL,
                                            requirement_fields, NULL, 0, 0, NULL};

/* Series only: what certifies a participant across the series. */
static const echo_field certification_fields[] = {
	{"require", ECHO_FIELD_STRING, R,
	 "Credit needed: in a share of the sessions held (`80%`), in a number of sessions "
	 "(`10 sessions`), or both (`80% and 10 sessions`); a bare number is an error.", NULL,
	 NULL, NULL, 0, 0, "80%"},
	{"title", ECHO_FIELD_STRING, S, "What is awarded, as the program names it.", NULL, NULL,
	 NULL, 0, 0, "Certificate of completion"},
	{"count_training_days", ECHO_FIELD_BOOL, 0,
	 "Whether training days count as sessions toward the certificate (default false).", NULL,
	 NULL, NULL, 0, 0, NULL},
	{"requirements", ECHO_FIELD_LIST, 0,
	 "Requirements besides attendance, each met by a completion (--completions) or by the "
	 "training days; certified means attendance and every one of them.", NULL, NULL,
	 &requirement_item, 0, 0, NULL},
	{"director", ECHO_FIELD_STRING, C,
	 "Who signs certificates beside the facilitator, such as the program's medical director.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"director_title", ECHO_FIELD_STRING, S, "The director's title under the signature line.",
	 NULL, NULL, NULL, 0, 0, "Medical director"},
	END,
};

static const echo_field point_item = {NULL, ECHO_FIELD_TEXT, 0,
                                      "A point, or a list of sub-points of the point before it.",
                                      NULL, NULL, NULL, 0, 0, NULL};

/* Welcome, announcements, discussion, break, wrap-up and evaluation. */
static const echo_field simple_fields[] = {
	{"minutes", ECHO_FIELD_INT, R, "Length in minutes.", NULL, NULL, NULL, 1, 480, "5"},
	{"title", ECHO_FIELD_STRING, S, "A title in place of the usual one.", NULL, NULL, NULL, 0,
	 0, NULL},
	{"lead", ECHO_FIELD_STRING, C, "Who leads it.", NULL, NULL, NULL, 0, 0, NULL},
	{"notes", ECHO_FIELD_TEXT, S, "Notes shown under the agenda, such as the announcements.",
	 NULL, NULL, NULL, 0, 0, NULL},
	END,
};

static const echo_field didactic_fields[] = {
	{"title", ECHO_FIELD_STRING, R | S, "Title of the talk.", NULL, NULL, NULL, 0, 0,
	 "Buprenorphine starts in the fentanyl era"},
	{"presenter", ECHO_FIELD_STRING, C, "Who gives it.", NULL, NULL, NULL, 0, 0,
	 "Dana Whitfield, MD"},
	{"minutes", ECHO_FIELD_INT, R, "Length in minutes.", NULL, NULL, NULL, 1, 480, "20"},
	{"objectives", ECHO_FIELD_TEXT, S, "Learning objectives: what participants will be able to do.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"outline", ECHO_FIELD_LIST, S,
	 "Outline: a list of points; an item that is itself a list holds sub-points of the point before it.",
	 NULL, NULL, &point_item, 0, 0, NULL},
	END,
};

static const echo_field case_minutes_fields[] = {
	{"presentation", ECHO_FIELD_INT, R, "The spoke presents the case.", NULL, NULL, NULL, 0, 240,
	 "10"},
	{"questions", ECHO_FIELD_INT, R, "Clarifying questions from spokes and hub.", NULL, NULL,
	 NULL, 0, 240, "5"},
	{"recommendations", ECHO_FIELD_INT, R, "Discussion and the hub's recommendations.", NULL,
	 NULL, NULL, 0, 240, "10"},
	END,
};

static const echo_field case_segment_fields[] = {
	{"file", ECHO_FIELD_STRING, R,
	 "The echo-case file, relative to this file's folder.", NULL, NULL, NULL, 0, 0,
	 "cases/OUD-2026-014.yaml"},
	{"presenter", ECHO_FIELD_STRING, C, "Who presents it, if not the case file's presenter.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"minutes", ECHO_FIELD_MAP, R, "Minutes for each part of the case.", NULL,
	 case_minutes_fields, NULL, 0, 0, NULL},
	END,
};

static const echo_field segment_fields[] = {
	{"welcome", ECHO_FIELD_MAP, 0, "Welcome and introductions.", NULL, simple_fields, NULL, 0,
	 0, NULL},
	{"announcements", ECHO_FIELD_MAP, 0, "Announcements.", NULL, simple_fields, NULL, 0, 0, NULL},
	{"didactic", ECHO_FIELD_MAP, 0, "A short teaching talk.", NULL, didactic_fields, NULL, 0, 0,
	 NULL},
	{"case", ECHO_FIELD_MAP, 0, "A de-identified case, time-boxed in three parts.", NULL,
	 case_segment_fields, NULL, 0, 0, NULL},
	{"discussion", ECHO_FIELD_MAP, 0, "Open discussion.", NULL, simple_fields, NULL, 0, 0, NULL},
	{"break", ECHO_FIELD_MAP, 0, "A break.", NULL, simple_fields, NULL, 0, 0, NULL},
	{"wrap_up", ECHO_FIELD_MAP, 0, "Wrap-up: key points and next session.", NULL, simple_fields,
	 NULL, 0, 0, NULL},
	{"evaluation", ECHO_FIELD_MAP, 0, "Evaluation and credit claim.", NULL, simple_fields, NULL,
	 0, 0, NULL},
	END,
};
static const echo_field segment_item = {NULL, ECHO_FIELD_MAP, 0,
                                        "One segment: a mapping with one key naming its kind.",
                                        NULL, segment_fields, NULL, 0, 0, NULL};

static const echo_field session_fields[] = {
	{"schema", ECHO_FIELD_ENUM, R, "Format and version of this file.", session_ids, NULL, NULL,
	 0, 0, "echo-session/1"},
	{"program", ECHO_FIELD_STRING, R | S, "The teleECHO program or series.", NULL, NULL, NULL, 0, 0,
	 "Rural Opioid Use Disorder ECHO"},
	{"contact", ECHO_FIELD_STRING, C | ECHO_FIELD_EMAIL,
	 "The hub's email address: letters to presenters come from it and replies go to it. "
	 "Without one, the series' (series:).", NULL, NULL, NULL, 0, 0, NULL},
	{"title", ECHO_FIELD_STRING, R | S, "Title of this session.", NULL, NULL, NULL, 0, 0,
	 "Buprenorphine dosing"},
	{"number", ECHO_FIELD_INT, 0, "Session number within the series.", NULL, NULL, NULL, 1, 10000,
	 NULL},
	{"date", ECHO_FIELD_DATE, R, "Date of the session.", NULL, NULL, NULL, 0, 0, "2026-03-12"},
	{"start", ECHO_FIELD_TIME, R, "Start time, 24-hour, in the hub's time zone.", NULL, NULL,
	 NULL, 0, 0, "\"12:00\""},
	{"time_zone", ECHO_FIELD_STRING, R, "The hub's IANA time zone.", NULL, NULL, NULL, 0, 0,
	 "America/Chicago"},
	{"duration", ECHO_FIELD_INT, R, "Length of the session in minutes.", NULL, NULL, NULL, 5,
	 720, "60"},
	{"location", ECHO_FIELD_STRING, S | ECHO_FIELD_LINK,
	 "Where: the video platform and its link, or a room.", NULL, NULL, NULL,
	 0, 0, "Zoom (link sent to registered participants)"},
	{"join_url", ECHO_FIELD_STRING, S | ECHO_FIELD_LINK, "The link to join, if not in location.",
	 NULL, NULL, NULL,
	 0, 0, NULL},
	{"facilitator", ECHO_FIELD_STRING, C,
	 "Who facilitates the session. Letters without one are signed with the series'.", NULL,
	 NULL, NULL, 0, 0, "Alex Moreno, MSW"},
	{"facilitator_email", ECHO_FIELD_STRING, 0,
	 "The facilitator's email: the calendar's organizer.", NULL, NULL, NULL, 0, 0, NULL},
	{"series", ECHO_FIELD_STRING, 0,
	 "The series file this session belongs to, relative to this file's folder.", NULL, NULL,
	 NULL, 0, 0, NULL},
	{"change", ECHO_FIELD_STRING, S,
	 "Why the start or length differs from the series', when it does.", NULL, NULL, NULL, 0, 0,
	 NULL},
	{"revision", ECHO_FIELD_INT, 0,
	 "Raise by one each time a changed calendar is published: added to the series' SEQUENCE.",
	 NULL, NULL, NULL, 0, 100000, NULL},
	{"case_deadline", ECHO_FIELD_STRING, 0,
	 "When cases are due: days before the session, such as 5 days (else the series').", NULL,
	 NULL, NULL, 0, 0, NULL},
	{"hub_team", ECHO_FIELD_LIST, 0, "The hub's specialists.", NULL, NULL, &person_item, 0, 0,
	 NULL},
	{"credit", ECHO_FIELD_MAP, 0, "Continuing education credit.", NULL, credit_fields, NULL, 0,
	 0, NULL},
	{"segments", ECHO_FIELD_LIST, R | ECHO_FIELD_NONEMPTY, "The agenda, in order.", NULL, NULL,
	 &segment_item, 0, 0, NULL},
	{"deid", ECHO_FIELD_MAP, 0,
	 "De-identification review: possible PHI findings a reviewer has checked and found safe.",
	 NULL, echo_deid_fields, NULL, 0, 0, NULL},
	END,
};

const echo_schema echo_session_schema = {
	"echo-session/1",
	"teleECHO session",
	"One teleECHO session: when it is held and its agenda of didactic and case segments.",
	session_fields,
};

static const echo_field nth_item = {NULL, ECHO_FIELD_INT, 0, "1 to 5, or last.", last, NULL,
                                    NULL, 1, 5, NULL};

static const echo_field recurrence_fields[] = {
	{"frequency", ECHO_FIELD_ENUM, R, "weekly, or monthly on some weekdays of the month.",
	 frequencies, NULL, NULL, 0, 0, "weekly"},
	{"interval", ECHO_FIELD_INT, 0, "weekly: weeks between sessions (2 for every other week).",
	 NULL, NULL, NULL, 1, 52, "1"},
	{"weekday", ECHO_FIELD_ENUM, R | ECHO_FIELD_ANYCASE, "The day of the week, in any case.",
	 weekday_names, NULL, NULL, 0, 0, "thursday"},
	{"nth", ECHO_FIELD_LIST, 0,
	 "monthly: which of the month's weekdays, such as [2, 4] for the 2nd and 4th; last for the last.",
	 NULL, NULL, &nth_item, 0, 0, NULL},
	END,
};

static const echo_field extra_fields[] = {
	{"date", ECHO_FIELD_DATE, R, "The date.", NULL, NULL, NULL, 0, 0, "2026-06-04"},
	{"note", ECHO_FIELD_STRING, ECHO_FIELD_CALENDAR, "Why, shown in the calendar.", NULL, NULL,
	 NULL, 0, 0, "make-up session"},
	END,
};
static const echo_field extra_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, extra_fields, NULL,
                                      0, 0, NULL};

static const echo_field skip_fields[] = {
	{"date", ECHO_FIELD_DATE, R, "The date.", NULL, NULL, NULL, 0, 0, "2026-11-26"},
	{"reason", ECHO_FIELD_STRING, ECHO_FIELD_CALENDAR, "Why, shown in the calendar.", NULL, NULL,
	 NULL, 0, 0, "Thanksgiving"},
	END,
};
static const echo_field skip_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, skip_fields, NULL, 0,
                                     0, NULL};

static const echo_field cancel_fields[] = {
	{"date", ECHO_FIELD_DATE, R, "The session date.", NULL, NULL, NULL, 0, 0, "2026-03-12"},
	{"reason", ECHO_FIELD_STRING, ECHO_FIELD_CALENDAR, "Why, shown in the calendar.", NULL,
	 NULL, NULL, 0, 0, "ice storm"},
	{"topic", ECHO_FIELD_STRING, 0,
	 "What happens to its topic: dropped, moved to YYYY-MM-DD, or shift (it and every later "
	 "topic move one session on); needed when the date has a topic.",
	 NULL, NULL, NULL, 0, 0, "dropped"},
	END,
};
static const echo_field cancel_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, cancel_fields, NULL,
                                       0, 0, NULL};

static const echo_field training_fields[] = {
	{"date", ECHO_FIELD_DATE, R, "The date.", NULL, NULL, NULL, 0, 0, "2026-01-22"},
	{"title", ECHO_FIELD_STRING, R | S, "What it is.", NULL, NULL, NULL, 0, 0,
	 "In-person training, day 1"},
	{"start", ECHO_FIELD_TIME, R, "Start time in the hub's time zone.", NULL, NULL, NULL, 0, 0,
	 "\"09:00\""},
	{"duration", ECHO_FIELD_INT, R, "Length in minutes.", NULL, NULL, NULL, 5, 1440, "420"},
	{"location", ECHO_FIELD_STRING, S, "Where it is held.", NULL, NULL, NULL, 0, 0, NULL},
	{"hours", ECHO_FIELD_NUMBER, 0,
	 "Credit hours for attending it, when it counts toward the certificate (default: "
	 "credit.hours).", NULL, NULL, NULL, 0, 24, NULL},
	END,
};
static const echo_field training_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, training_fields,
                                         NULL, 0, 0, NULL};

static const echo_field entry_fields[] = {
	{"date", ECHO_FIELD_DATE, R, "The session date.", NULL, NULL, NULL, 0, 0, "2026-03-12"},
	{"note", ECHO_FIELD_STRING, S, "A note shown in the calendar, such as who presents a case.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"presenter", ECHO_FIELD_STRING, C, "Who presents that day, in place of the topic's presenter.",
	 NULL, NULL, NULL, 0, 0, NULL},
	END,
};
static const echo_field entry_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, entry_fields, NULL, 0,
                                      0, NULL};

static const echo_field topic_fields[] = {
	{"title", ECHO_FIELD_STRING, R | S, "Title of the didactic.", NULL, NULL, NULL, 0, 0,
	 "The ECHO model"},
	{"presenter", ECHO_FIELD_STRING, C, "Who gives it.", NULL, NULL, NULL, 0, 0, NULL},
	{"date", ECHO_FIELD_DATE, 0,
	 "Pins the topic to this session date; the other topics go to the other dates in order.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"objectives", ECHO_FIELD_TEXT, S, "Learning objectives.", NULL, NULL, NULL, 0, 0, NULL},
	{"outline", ECHO_FIELD_LIST, S,
	 "Outline: a list of points; an item that is itself a list holds sub-points of the point before it.",
	 NULL, NULL, &point_item, 0, 0, NULL},
	END,
};
static const echo_field topic_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, topic_fields, NULL, 0,
                                      0, NULL};

static const echo_field series_fields[] = {
	{"schema", ECHO_FIELD_ENUM, R, "Format and version of this file.", series_ids, NULL, NULL, 0,
	 0, "echo-series/1"},
	{"program", ECHO_FIELD_STRING, R | S, "The teleECHO program.", NULL, NULL, NULL, 0, 0,
	 "Peer Recovery Support ECHO"},
	{"id", ECHO_FIELD_STRING, ECHO_FIELD_CODE,
	 "A short code for this run of the series, such as CARS-2027: certificate numbers begin "
	 "with it.", NULL, NULL, NULL, 0, 0, NULL},
	{"contact", ECHO_FIELD_STRING, C | ECHO_FIELD_EMAIL,
	 "The hub's email address: letters to presenters come from it and replies go to it.", NULL,
	 NULL, NULL, 0, 0, NULL},
	{"title", ECHO_FIELD_STRING, S, "This run of the series, such as a cohort or a year.", NULL,
	 NULL, NULL, 0, 0, NULL},
	{"description", ECHO_FIELD_TEXT, S, "What the series is for and who it is for.", NULL, NULL,
	 NULL, 0, 0, NULL},
	{"first_date", ECHO_FIELD_DATE, R, "No session before this date.", NULL, NULL, NULL, 0, 0,
	 "2026-01-08"},
	{"end_date", ECHO_FIELD_DATE, 0, "No session after this date (or give count).", NULL, NULL,
	 NULL, 0, 0, NULL},
	{"count", ECHO_FIELD_INT, 0, "Number of sessions; skipped dates do not count (or give end_date).",
	 NULL, NULL, NULL, 1, ECHO_SERIES_MAX, "12"},
	{"recurrence", ECHO_FIELD_MAP, R, "When sessions recur.", NULL, recurrence_fields, NULL, 0,
	 0, NULL},
	{"extra_dates", ECHO_FIELD_LIST, 0, "Sessions outside the recurrence.", NULL, NULL,
	 &extra_item, 0, 0, NULL},
	{"skip_dates", ECHO_FIELD_LIST, 0, "Dates the recurrence holds but the series skips (holidays).",
	 NULL, NULL, &skip_item, 0, 0, NULL},
	{"cancelled", ECHO_FIELD_LIST, 0,
	 "Planned sessions that did not happen: each keeps its number, and its topic goes where it says.",
	 NULL, NULL, &cancel_item, 0, 0, NULL},
	{"training_days", ECHO_FIELD_LIST, 0,
	 "Events that are not teleECHO sessions, such as in-person training days.", NULL, NULL,
	 &training_item, 0, 0, NULL},
	{"sessions", ECHO_FIELD_LIST, 0, "Notes and presenters for particular session dates.", NULL,
	 NULL, &entry_item, 0, 0, NULL},
	{"start", ECHO_FIELD_TIME, R, "Start time, 24-hour, in the hub's time zone.", NULL, NULL,
	 NULL, 0, 0, "\"12:00\""},
	{"duration", ECHO_FIELD_INT, R, "Length of each session in minutes.", NULL, NULL, NULL, 5,
	 720, "60"},
	{"time_zone", ECHO_FIELD_STRING, R, "The hub's IANA time zone.", NULL, NULL, NULL, 0, 0,
	 "America/Chicago"},
	{"location", ECHO_FIELD_STRING, S | ECHO_FIELD_LINK,
	 "Where: the video platform and its link, or a room.", NULL, NULL, NULL,
	 0, 0, NULL},
	{"join_url", ECHO_FIELD_STRING, S | ECHO_FIELD_LINK, "The link to join, if not in location.",
	 NULL, NULL, NULL,
	 0, 0, NULL},
	{"facilitator", ECHO_FIELD_STRING, C, "Who facilitates.", NULL, NULL, NULL, 0, 0, NULL},
	{"facilitator_email", ECHO_FIELD_STRING, 0,
	 "The facilitator's email: the calendar's organizer.", NULL, NULL, NULL, 0, 0, NULL},
	{"revision", ECHO_FIELD_INT, 0,
	 "Raise by one each time a changed calendar is published: its SEQUENCE.", NULL, NULL, NULL,
	 0, 100000, NULL},
	{"case_deadline", ECHO_FIELD_STRING, 0,
	 "When cases are due: days before the session, such as 5 days.", NULL, NULL, NULL, 0, 0,
	 NULL},
	{"hub_team", ECHO_FIELD_LIST, 0, "The hub's specialists.", NULL, NULL, &person_item, 0, 0,
	 NULL},
	{"credit", ECHO_FIELD_MAP, 0, "Continuing education credit for each session.", NULL,
	 credit_fields, NULL, 0, 0, NULL},
	{"certification", ECHO_FIELD_MAP, 0,
	 "Certification for the series: credit in enough of its sessions (echo-minutes credit).",
	 NULL, certification_fields, NULL, 0, 0, NULL},
	{"curriculum", ECHO_FIELD_LIST, 0, "Didactic topics, given to sessions in order.", NULL, NULL,
	 &topic_item, 0, 0, NULL},
	{"deid", ECHO_FIELD_MAP, 0,
	 "De-identification review: possible PHI findings a reviewer has checked and found safe.",
	 NULL, echo_deid_fields, NULL, 0, 0, NULL},
	END,
};

const echo_schema echo_series_schema = {
	"echo-series/1",
	"teleECHO series",
	"A recurring teleECHO series: its dates, time, hub team and curriculum.",
	series_fields,
};

/* Scaffolds ------------------------------------------------------------------ */

/* The generic scaffold cannot show a list whose items each pick one of
 * several keys, so the session's segments are written out by hand. */
static const char segments_scaffold[] =
	"# The agenda, in order: each item names one kind (welcome, announcements,\n"
	"# didactic, case, discussion, break, wrap_up or evaluation), and the\n"
	"# minutes add up to the duration.\n"
	"segments:\n"
	"  - welcome:\n"
	"      minutes: 5\n"
	"  - didactic:\n"
	"      title: Buprenorphine starts in the fentanyl era\n"
	"      presenter: Dana Whitfield, MD\n"
	"      minutes: 20\n"
	"      objectives:\n"
	"        - Choose between a standard and a low-dose buprenorphine start.\n"
	"      outline:\n"
	"        - Standard starts\n"
	"        - Low-dose starts\n"
	"        - - overlapping with a full agonist\n"
	"          - a day-by-day schedule\n"
	"  - case:\n"
	"      # The case file, relative to this file's folder.\n"
	"      file: cases/OUD-2026-014.yaml\n"
	"      minutes:\n"
	"        presentation: 10\n"
	"        questions: 5\n"
	"        recommendations: 15\n"
	"  - wrap_up:\n"
	"      minutes: 5\n";

void echo_session_scaffold(echo_buf *out)
{
	echo_buf all = ECHO_BUF_INIT;
	echo_schema_scaffold(&echo_session_schema, &all);
	const char *text = echo_buf_cstr(&all);
	const char *seg = strstr(text, "# The agenda, in order.\nsegments:\n");
	echo_buf_append(out, text, seg ? (size_t)(seg - text) : all.len);
	echo_buf_puts(out, segments_scaffold);
	echo_buf_free(&all);
}

void echo_series_scaffold(echo_buf *out)
{
	echo_buf all = ECHO_BUF_INIT;
	echo_schema_scaffold(&echo_series_schema, &all);
	/* A series needs an end: offer count, the commoner one. */
	const char *text = echo_buf_cstr(&all);
	const char *count = strstr(text, "\n# count: ");
	if (count) {
		echo_buf_append(out, text, (size_t)(count - text) + 1);
		echo_buf_puts(out, count + 3);
	} else {
		echo_buf_append(out, text, all.len);
	}
	echo_buf_free(&all);
}

/* Segment kinds ------------------------------------------------------------- */

static const char *const segment_keys[] = {"welcome", "announcements", "didactic", "case",
                                           "discussion", "break", "wrap_up", "evaluation"};
static const char *const segment_labels[] = {"Welcome and introductions", "Announcements",
                                             "Didactic", "Case", "Discussion", "Break",
                                             "Wrap-up", "Evaluation"};

const char *echo_segment_key(echo_segment_kind kind)
{
	return segment_keys[kind];
}

const char *echo_segment_label(echo_segment_kind kind)
{
	return segment_labels[kind];
}

echo_agenda_kind echo_agenda_kind_of(const echo_node *root)
{
	if (!root || root->type != ECHO_NODE_MAP)
		return ECHO_AGENDA_UNKNOWN;
	const char *schema = echo_node_get_text(root, "schema");
	if (schema && strcmp(schema, "echo-session/1") == 0)
		return ECHO_AGENDA_SESSION;
	if (schema && strcmp(schema, "echo-series/1") == 0)
		return ECHO_AGENDA_SERIES;
	if (echo_node_get(root, "segments"))
		return ECHO_AGENDA_SESSION;
	if (echo_node_get(root, "recurrence") || echo_node_get(root, "curriculum"))
		return ECHO_AGENDA_SERIES;
	return ECHO_AGENDA_UNKNOWN;
}

/* Helpers ------------------------------------------------------------------------ */

static void at(echo_diags *diags, const echo_stream *stream, echo_severity sev,
               const echo_node *node, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

static void at(echo_diags *diags, const echo_stream *stream, echo_severity sev,
               const echo_node *node, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	echo_diags_vadd(diags, sev, stream->path, node ? node->start.line : 1,
	                node ? node->start.col : 1, rule, fmt, ap);
	va_end(ap);
}

/* The key node under which value sits in map, for positions. */
static const echo_node *key_of(const echo_node *map, const char *key)
{
	if (!map || map->type != ECHO_NODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->count; i++)
		if (!map->pairs[i].key->duplicate && echo_node_is_scalar(map->pairs[i].key) &&
		    strcmp(map->pairs[i].key->text, key) == 0)
			return map->pairs[i].key;
	return NULL;
}

static int get_int(const echo_node *map, const char *key, int *out)
{
	const echo_node *n = echo_node_get(map, key);
	if (!n || n->type != ECHO_NODE_INT || n->integer < INT_MIN / 2 || n->integer > INT_MAX / 2)
		return -1;
	*out = (int)n->integer;
	return 0;
}

static int get_date(const echo_node *node, long *out)
{
	int y, m, d;
	if (!echo_node_is_scalar(node) || node->type == ECHO_NODE_NULL ||
	    echo_date_parse(node->text, &y, &m, &d) != 0)
		return -1;
	*out = echo_days_from_civil(y, m, d);
	return 0;
}

static int get_time(const echo_node *map, const char *key, int *minutes)
{
	const char *text = echo_node_get_text(map, key);
	int h, m;
	if (!text || echo_time_parse(text, &h, &m) != 0)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

/* Loads the zone named at key; reports an unknown one there. */
static echo_tz *load_zone(const echo_stream *stream, const echo_node *root, echo_diags *diags)
{
	const echo_node *node = echo_node_get(root, "time_zone");
	if (!echo_node_is_scalar(node) || node->type == ECHO_NODE_NULL || !node->text_len)
		return NULL;   /* the schema has reported it */
	echo_tz *tz = NULL;
	const char *what = NULL;
	const char *alias = echo_tz_us_alias(node->text, &what);
	echo_tz_status st = echo_tz_load(alias ? alias : node->text, &tz);
	if (st == ECHO_TZ_OK) {
		if (alias)
			at(diags, stream, ECHO_WARNING, node, "tz-alias",
			   "time zone '%s' read as %s, %s; write time_zone: %s", node->text, alias, what,
			   alias);
		return tz;
	}
	if (st == ECHO_TZ_NO_MEMORY) {
		at(diags, stream, ECHO_ERROR, node, "memory", "out of memory");
		return NULL;
	}
	char hint[256];
	if (st == ECHO_TZ_CORRUPT)
		at(diags, stream, ECHO_ERROR, node, "tz-unknown",
		   "time zone '%s' is not usable: its file in the time zone database is damaged",
		   node->text);
	else if (echo_tz_suggest(node->text, hint, sizeof hint))
		at(diags, stream, ECHO_ERROR, node, "tz-unknown",
		   "unknown time zone '%s'; did you mean '%s'?", node->text, hint);
	else
		at(diags, stream, ECHO_ERROR, node, "tz-unknown",
		   "unknown time zone '%s': give an IANA name such as America/Chicago", node->text);
	return NULL;
}

static void clock_text(char *out, size_t cap, const echo_tz *tz, int64_t utc, int fallback)
{
	if (tz) {
		echo_buf b = ECHO_BUF_INIT;
		echo_format_time(&b, tz, utc, 0, 0);
		snprintf(out, cap, "%s", echo_buf_cstr(&b));
		echo_buf_free(&b);
	} else {
		snprintf(out, cap, "%02d:%02d", fallback / 60 % 24, fallback % 60);
	}
}

/* Links ---------------------------------------------------------------------------- */

/* A URL ends at white space, or before a closing bracket or a final
 * punctuation mark that the sentence around it owns. */
static size_t url_length(const char *p)
{
	size_t n = 0;
	while (p[n] && p[n] != ' ' && p[n] != '\t' && p[n] != '\n' && p[n] != '<' && p[n] != '>' &&
	       p[n] != '"' && p[n] != ')' && p[n] != ']')
		n++;
	while (n && strchr(".,;:!?", p[n - 1]))
		n--;
	return n;
}

const char *echo_link_find(const char *text, size_t *len)
{
	for (const char *p = text; p && *p; p++) {
		if ((strncmp(p, "https://", 8) == 0 && url_length(p) > 8) ||
		    (strncmp(p, "http://", 7) == 0 && url_length(p) > 7)) {
			*len = url_length(p);
			return p;
		}
	}
	return NULL;
}

const char *echo_agenda_join_url(const echo_node *root, size_t *len)
{
	const char *url = echo_link_find(echo_node_get_text(root, "join_url"), len);
	return url ? url : echo_link_find(echo_node_get_text(root, "location"), len);
}

/* Sessions ----------------------------------------------------------------------- */

static char *resolve(const char *base, const char *file)
{
	echo_buf path = ECHO_BUF_INIT;
	const char *slash = strrchr(base, '/');
	int from_stdin = strcmp(base, "-") == 0 || strcmp(base, "<stdin>") == 0;
	if (file[0] != '/' && slash && !from_stdin)
		echo_buf_append(&path, base, (size_t)(slash - base + 1));
	echo_buf_puts(&path, file);
	return echo_buf_detach(&path, NULL);
}

/* Loads and checks the case a segment names.  Findings in the case file
 * go to case_diags; problems with the reference itself to diags. */
static int load_case(echo_session *s, echo_segment *seg, const echo_session_options *o,
                     echo_diags *diags, echo_diags *case_diags)
{
	const echo_node *file = echo_node_get(seg->body, "file");
	if (!echo_node_is_scalar(file) || file->type == ECHO_NODE_NULL || !file->text_len) {
		seg->withdrawn = 1;
		return 0;
	}
	seg->case_path = resolve(s->stream->path, file->text);
	if (!seg->case_path)
		return -1;
	echo_diags local = ECHO_DIAGS_INIT;
	seg->case_stream = echo_stream_load_file(seg->case_path, o ? o->limits : NULL, &local);
	if (!seg->case_stream) {
		seg->withdrawn = 1;
		/* Report the failure where the file is named, not at a file that
		 * has no lines. */
		const char *why = local.count ? local.items[0].message : "cannot read it";
		at(diags, s->stream, ECHO_ERROR, file, "case-file", "case file %s: %s", seg->case_path,
		   why);
		echo_diags_free(&local);
		return 0;
	}
	echo_stream *cs = seg->case_stream;
	size_t before = local.errors;
	if (cs->doc_count == 0 && local.errors == 0)
		echo_diags_add(&local, ECHO_ERROR, cs->path, 1, 1, "empty",
		               "no case here: the file is empty");
	/* The same checks as echo-case check: the schema and case rules, then
	 * PHI screening, so a case with possible PHI is withdrawn like any
	 * other failing case. */
	for (size_t i = 0; i < cs->doc_count; i++) {
		echo_case_check(cs, cs->docs[i], &local);
		echo_case_screen(cs, cs->docs[i], &local);
	}
	if (cs->doc_count > 1) {
		at(diags, s->stream, ECHO_ERROR, file, "case-file",
		   "case file %s holds %zu cases; a case segment names a file with one", seg->case_path,
		   cs->doc_count);
		seg->withdrawn = 1;
	}
	if (local.errors > before || cs->doc_count == 0)
		seg->withdrawn = 1;
	else if (cs->doc_count == 1)
		seg->case_root = cs->docs[0];
	if (seg->withdrawn && cs->doc_count <= 1)
		at(diags, s->stream, ECHO_WARNING, file, "case-withdrawn",
		   "case withdrawn from the agenda: %s did not pass its checks", seg->case_path);
	echo_diags_sort(&local);
	echo_diags_take(case_diags, &local);
	echo_diags_free(&local);
	return 0;
}

/* Finds the kind of one segment item; reports items naming none or two. */
static int segment_kind(const echo_stream *stream, const echo_node *item, echo_segment *seg,
                        echo_diags *diags)
{
	if (!item || item->type != ECHO_NODE_MAP)
		return -1;
	int found = -1, unknown = 0;
	for (size_t i = 0; i < item->count; i++) {
		const echo_pair *p = &item->pairs[i];
		if (p->key->duplicate || !echo_node_is_scalar(p->key))
			continue;
		int k = -1;
		for (int j = 0; j < 8; j++)
			if (strcmp(p->key->text, segment_keys[j]) == 0)
				k = j;
		if (k < 0) {
			unknown = 1;   /* the schema reports it, with a suggestion */
			continue;
		}
		if (found >= 0) {
			at(diags, stream, ECHO_ERROR, p->key, "segment-kind",
			   "one kind per segment: this one is '%s' and '%s'; start a new '- ' item for '%s'",
			   segment_keys[found], segment_keys[k], segment_keys[k]);
			return -1;
		}
		found = k;
		seg->key = p->key;
		seg->body = p->value;
	}
	if (found < 0) {
		if (!unknown)
			at(diags, stream, ECHO_ERROR, item, "segment-kind",
			   "a segment names its kind: welcome, announcements, didactic, case, discussion, "
			   "break, wrap_up or evaluation");
		return -1;
	}
	seg->kind = (echo_segment_kind)found;
	if (!seg->body || seg->body->type != ECHO_NODE_MAP)
		return -1;
	if (seg->kind == ECHO_SEGMENT_CASE) {
		const echo_node *m = echo_node_get(seg->body, "minutes");
		static const char *const parts[] = {"presentation", "questions", "recommendations"};
		seg->minutes = 0;
		for (int i = 0; i < ECHO_CASE_PARTS; i++) {
			if (get_int(m, parts[i], &seg->parts[i]) != 0 || seg->parts[i] < 0)
				return -1;
			seg->minutes += seg->parts[i];
		}
		return 0;
	}
	return get_int(seg->body, "minutes", &seg->minutes) == 0 && seg->minutes > 0 ? 0 : -1;
}

/* The node to point at when a segment crosses the end at minute limit. */
static const echo_node *crossing_node(const echo_segment *seg, int limit)
{
	if (seg->kind != ECHO_SEGMENT_CASE)
		return echo_node_get(seg->body, "minutes");
	static const char *const parts[] = {"presentation", "questions", "recommendations"};
	const echo_node *m = echo_node_get(seg->body, "minutes");
	int t = seg->start;
	for (int i = 0; i < ECHO_CASE_PARTS; i++) {
		t += seg->parts[i];
		if (t > limit)
			return echo_node_get(m, parts[i]);
	}
	return m;
}

static void check_timing(echo_session *s, echo_diags *diags)
{
	int t = 0;
	for (size_t i = 0; i < s->segment_count; i++) {
		s->segments[i].start = t;
		t += s->segments[i].minutes;
	}
	s->planned = t;
	char end_text[32], at_text[32];
	clock_text(end_text, sizeof end_text, s->tz, s->start_utc + 60LL * s->duration,
	           s->start + s->duration);
	for (size_t i = 0; i < s->segment_count; i++) {
		const echo_segment *seg = &s->segments[i];
		int seg_end = seg->start + seg->minutes;
		if (seg->start > s->duration || seg_end <= s->duration)
			continue;
		/* Only the segment that crosses the end: the ones after it move
		 * when it is fixed. */
		int over = seg_end - s->duration;
		clock_text(at_text, sizeof at_text, s->tz, s->start_utc + 60LL * seg_end,
		           s->start + seg_end);
		at(diags, s->stream, ECHO_ERROR, crossing_node(seg, s->duration), "overrun",
		   "segment %zu (%s) ends at %s, %d minute%s after the session ends at %s: the "
		   "segments add up to %d of %d minutes",
		   i + 1, segment_keys[seg->kind], at_text, over, over == 1 ? "" : "s", end_text, t,
		   s->duration);
		break;
	}
	if (t < s->duration && s->segment_count) {
		const echo_segment *lastseg = &s->segments[s->segment_count - 1];
		int spare = s->duration - t;
		clock_text(at_text, sizeof at_text, s->tz, s->start_utc + 60LL * t, s->start + t);
		at(diags, s->stream, ECHO_WARNING, lastseg->key, "unplanned",
		   "the segments end at %s, %d minute%s before the session ends at %s: %d minute%s "
		   "unplanned",
		   at_text, spare, spare == 1 ? "" : "s", end_text, spare,
		   spare == 1 ? " is" : "s are");
	}
}

/* Screens a session or series for PHI: every field that reaches a page.
 * The people it names as facilitator, hub team or presenters may be named
 * in its titles and notes too. */
static void screen_agenda(const echo_schema *schema, echo_stream *stream, const echo_node *root,
                          echo_diags *diags)
{
	const char *names[64];
	size_t n = 0;
	names[n++] = echo_node_get_text(root, "facilitator");
	const echo_node *lists[] = {echo_node_get(root, "hub_team"), echo_node_get(root, "segments"),
	                            echo_node_get(root, "curriculum")};
	for (size_t l = 0; l < 3; l++) {
		const echo_node *list = lists[l];
		for (size_t i = 0; list && list->type == ECHO_NODE_SEQ && i < list->count; i++) {
			const echo_node *item = list->items[i];
			/* A segment is a one-key mapping around its body. */
			if (l == 1 && item->type == ECHO_NODE_MAP && item->count == 1)
				item = item->pairs[0].value;
			const char *keys[] = {"name", "presenter", "lead"};
			for (size_t k = 0; k < 3 && n < sizeof names / sizeof names[0]; k++) {
				const char *who = echo_node_get_text(item, keys[k]);
				if (who)
					names[n++] = who;
			}
		}
	}
	echo_screen_options o = {.known_names = names, .known_count = n};
	echo_schema_screen(schema, stream, root, &o, diags);
}

/* The series a session names: loaded, checked (its findings in its own
 * file, to other), and the session held against it. */
static int check_against_series(echo_session *s, const echo_session_options *o,
                                echo_diags *diags, echo_diags *other)
{
	const echo_node *ref = echo_node_get(s->root, "series");
	if (!echo_node_is_scalar(ref) || ref->type == ECHO_NODE_NULL || !ref->text_len)
		return 0;
	char *path = resolve(s->stream->path, ref->text);
	if (!path)
		return -1;
	echo_diags local = ECHO_DIAGS_INIT;
	s->series_stream = echo_stream_load_file(path, o ? o->limits : NULL, &local);
	if (!s->series_stream || s->series_stream->doc_count != 1 ||
	    echo_agenda_kind_of(s->series_stream->docs[0]) != ECHO_AGENDA_SERIES) {
		at(diags, s->stream, ECHO_ERROR, ref, "series-file", "series file %s: %s", path,
		   local.count ? local.items[0].message : "not one echo-series/1 document");
		echo_diags_free(&local);
		free(path);
		return 0;
	}
	size_t errors = local.errors;
	s->series = echo_series_check(s->series_stream, s->series_stream->docs[0], &local);
	if (!s->series) {
		echo_diags_free(&local);
		free(path);
		return -1;
	}
	int usable = s->series->usable && local.errors == errors;
	echo_diags_take(other, &local);
	echo_diags_free(&local);
	if (!usable) {
		at(diags, s->stream, ECHO_ERROR, ref, "series-file",
		   "series file %s has errors, so the session cannot be checked against it", path);
		free(path);
		return 0;
	}
	free(path);
	const echo_series *ser = s->series;
	const echo_node *date = echo_node_get(s->root, "date");
	for (size_t i = 0; i < ser->date_count; i++)
		if (ser->dates[i].date == s->date)
			s->occurrence = &ser->dates[i];
	if (!s->occurrence) {
		for (size_t i = 0; i < ser->cancelled_count; i++)
			if (ser->cancelled[i].date == s->date) {
				at(diags, s->stream, ECHO_ERROR, date, "series-date",
				   "the series cancels its session of %s%s%s", date->text,
				   ser->cancelled[i].reason ? ": " : "",
				   ser->cancelled[i].reason ? ser->cancelled[i].reason : "");
				return 0;
			}
		long best = ser->date_count ? ser->dates[0].date : s->date;
		for (size_t i = 0; i < ser->date_count; i++) {
			long a = labs(ser->dates[i].date - s->date), b = labs(best - s->date);
			if (a < b)
				best = ser->dates[i].date;
		}
		echo_buf near = ECHO_BUF_INIT;
		echo_format_date(&near, best);
		at(diags, s->stream, ECHO_ERROR, date, "series-date",
		   "%s is not a session date of the series; the nearest is %s", date->text,
		   echo_buf_cstr(&near));
		echo_buf_free(&near);
		return 0;
	}
	const char *change = echo_node_get_text(s->root, "change");
	if (!change && s->start != ser->start) {
		at(diags, s->stream, ECHO_ERROR, echo_node_get(s->root, "start"), "series-mismatch",
		   "the session starts at %02d:%02d, the series at %02d:%02d: say why under change:, "
		   "or start at %02d:%02d",
		   s->start / 60, s->start % 60, ser->start / 60, ser->start % 60, ser->start / 60,
		   ser->start % 60);
	}
	if (!change && s->duration != ser->duration)
		at(diags, s->stream, ECHO_ERROR, echo_node_get(s->root, "duration"), "series-mismatch",
		   "the session lasts %d minutes, the series' sessions %d: say why under change:, or "
		   "make it %d",
		   s->duration, ser->duration, ser->duration);
	if (strcmp(echo_tz_name(s->tz), echo_tz_name(ser->tz)) != 0)
		at(diags, s->stream, ECHO_ERROR, echo_node_get(s->root, "time_zone"), "series-mismatch",
		   "the session's time zone is %s, the series' %s", echo_tz_name(s->tz),
		   echo_tz_name(ser->tz));
	const echo_node *num = echo_node_get(s->root, "number");
	if (num && num->type == ECHO_NODE_INT && num->integer != s->occurrence->number)
		at(diags, s->stream, ECHO_WARNING, num, "series-mismatch",
		   "this is session %d of the series, not %lld", s->occurrence->number, num->integer);
	if (s->case_deadline < 0)
		s->case_deadline = ser->case_deadline;
	return 0;
}

/* A case checked against the session it is on: its status, date and
 * series (warnings in the case file). */
static void check_case_fits(const echo_session *s, const echo_segment *seg, echo_diags *diags)
{
	const echo_node *root = seg->case_root;
	const echo_stream *cs = seg->case_stream;
	const char *id = echo_node_get_text(root, "id");
	const echo_node *series = echo_node_get(root, "series");
	const char *program = echo_node_get_text(s->root, "program");
	const char *title = s->series ? echo_node_get_text(s->series->root, "title") : NULL;
	if (echo_node_is_scalar(series) && series->type != ECHO_NODE_NULL && program &&
	    strcmp(series->text, program) != 0 && (!title || strcmp(series->text, title) != 0))
		at(diags, cs, ECHO_WARNING, series, "case-series",
		   "case %s is from the series '%s', not %s", id ? id : "", series->text, program);
	const echo_node *date = echo_node_get(root, "session");
	long d;
	long back;
	/* A case due back for follow-up is on the agenda of that session. */
	int follow_up = get_date(echo_node_get(root, "follow_up_date"), &back) == 0 && back == s->date;
	if (get_date(date, &d) == 0 && d != s->date && !follow_up) {
		char day[16];
		echo_date_format(s->date, day, sizeof day);
		at(diags, cs, ECHO_WARNING, date, "case-date",
		   "case %s is for the session of %s, but the agenda of %s lists it", id ? id : "",
		   date->text, day);
	}
	const echo_node *status = echo_node_get(root, "status");
	if (echo_node_is_scalar(status) && strcmp(status->text, "draft") == 0)
		at(diags, cs, ECHO_WARNING, status, "case-status",
		   "case %s is still a draft; set status: submitted when it is ready", id ? id : "");
}

/* Cases due case_deadline days before the session: after that day, each
 * case that is missing or still a draft is late. */
const char *echo_session_get_text(const echo_session *s, const char *key)
{
	const char *text = echo_node_get_text(s->root, key);
	if ((!text || !*text) && s->series)
		text = echo_node_get_text(s->series->root, key);
	return text && *text ? text : NULL;
}

void echo_session_deadline(const echo_session *s, long today, echo_diags *diags)
{
	if (!s || s->case_deadline < 0)
		return;
	long due = s->date - s->case_deadline;
	if (today <= due || today > s->date)
		return;
	echo_buf when = ECHO_BUF_INIT;
	echo_format_date(&when, due);
	for (size_t i = 0; i < s->segment_count; i++) {
		const echo_segment *seg = &s->segments[i];
		if (seg->kind != ECHO_SEGMENT_CASE)
			continue;
		const echo_node *file = echo_node_get(seg->body, "file");
		const echo_node *status = echo_node_get(seg->case_root, "status");
		int missing = !seg->case_stream;
		int draft = echo_node_is_scalar(status) && strcmp(status->text, "draft") == 0;
		if (missing || draft)
			at(diags, s->stream, ECHO_WARNING, file, "case-late",
			   "case %s is late: %s, and cases were due %s (%d day%s before the session)",
			   echo_node_is_scalar(file) ? file->text : "", missing ? "it is not in" : "it is a draft",
			   echo_buf_cstr(&when), s->case_deadline, s->case_deadline == 1 ? "" : "s");
	}
	echo_buf_free(&when);
}

echo_session *echo_session_check(echo_stream *stream, echo_node *root,
                                 const echo_session_options *options, echo_diags *diags)
{
	echo_session *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->stream = stream;
	s->root = root;
	echo_diags local = ECHO_DIAGS_INIT, cases = ECHO_DIAGS_INIT;
	echo_schema_validate(&echo_session_schema, stream, root, &local);
	if (!root || root->type != ECHO_NODE_MAP)
		goto done;

	s->tz = load_zone(stream, root, &local);
	int ok = s->tz != NULL;
	int y, m, d;
	const char *date = echo_node_get_text(root, "date");
	if (date && echo_date_parse(date, &y, &m, &d) == 0)
		s->date = echo_days_from_civil(y, m, d);
	else
		ok = 0;
	if (get_time(root, "start", &s->start) != 0 || get_int(root, "duration", &s->duration) != 0 ||
	    s->duration <= 0)
		ok = 0;
	if (ok) {
		int gap;
		s->start_utc = echo_tz_to_utc(s->tz, (int64_t)s->date * 86400 + 60LL * s->start, &gap);
		if (gap)
			at(&local, stream, ECHO_WARNING, echo_node_get(root, "start"), "time-gap",
			   "%s does not exist on %s in %s (the clocks go forward); the session starts an "
			   "hour later by the clock",
			   echo_node_get_text(root, "start"), date, echo_tz_name(s->tz));
	}

	const echo_node *segs = echo_node_get(root, "segments");
	int timing = ok;
	if (segs && segs->type == ECHO_NODE_SEQ && segs->count) {
		s->segments = calloc(segs->count, sizeof *s->segments);
		if (!s->segments)
			goto fail;
		s->segment_count = segs->count;
		for (size_t i = 0; i < segs->count; i++)
			if (segment_kind(stream, segs->items[i], &s->segments[i], &local) != 0)
				timing = 0;
	} else {
		timing = 0;
	}
	if (timing)
		check_timing(s, &local);
	if (get_int(root, "revision", &s->revision) != 0)
		s->revision = 0;
	s->case_deadline = echo_case_deadline_read(stream, root, &local);
	if (ok && !(options && options->skip_cases) &&
	    check_against_series(s, options, &local, &cases) != 0)
		goto fail;
	screen_agenda(&echo_session_schema, stream, root, &local);
	/* Judged before the cases: a case that fails is left off the agenda,
	 * it does not stop it. */
	s->usable = timing && local.errors == 0;

	for (size_t i = 0; i < s->segment_count; i++) {
		echo_segment *seg = &s->segments[i];
		if (seg->kind != ECHO_SEGMENT_CASE || !seg->body || seg->body->type != ECHO_NODE_MAP)
			continue;
		if (options && options->skip_cases)
			continue;
		if (load_case(s, seg, options, &local, &cases) != 0)
			goto fail;
		if (seg->case_root && !seg->withdrawn)
			check_case_fits(s, seg, &cases);
	}
done:
	echo_diags_sort(&local);
	echo_diags_take(diags, &local);
	echo_diags_take(diags, &cases);
	echo_diags_free(&local);
	echo_diags_free(&cases);
	return s;
fail:
	echo_diags_free(&local);
	echo_diags_free(&cases);
	echo_session_free(s);
	return NULL;
}

void echo_session_free(echo_session *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->segment_count; i++) {
		free(s->segments[i].case_path);
		echo_stream_free(s->segments[i].case_stream);
	}
	free(s->segments);
	echo_tz_free(s->tz);
	echo_series_free(s->series);
	echo_stream_free(s->series_stream);
	free(s);
}

/* Series ------------------------------------------------------------------------- */

/* Day numbers of the date keys of a list of mappings. */
static long *list_dates(const echo_node *list, size_t *count)
{
	*count = 0;
	if (!list || list->type != ECHO_NODE_SEQ || !list->count)
		return NULL;
	long *days = malloc(list->count * sizeof *days);
	if (!days)
		return NULL;
	for (size_t i = 0; i < list->count; i++) {
		long d;
		if (get_date(echo_node_get(list->items[i], "date"), &d) == 0)
			days[(*count)++] = d;
	}
	return days;
}

static int has_date(const long *days, size_t n, long day)
{
	for (size_t i = 0; i < n; i++)
		if (days[i] == day)
			return 1;
	return 0;
}

static void describe_rule(echo_buf *out, const echo_recurrence *r)
{
	const char *wd = echo_weekday_name(r->weekday);
	if (!r->monthly) {
		if (r->interval > 1)
			echo_buf_printf(out, "a %s every %d weeks", wd, r->interval);
		else
			echo_buf_printf(out, "a %s", wd);
		return;
	}
	static const char *const ord[] = {"1st", "2nd", "3rd", "4th", "5th", "last"};
	int n = 0;
	echo_buf_puts(out, "the ");
	for (int i = 0; i < 6; i++) {
		unsigned bit = i == 5 ? ECHO_NTH_LAST : 1u << i;
		if (r->nth & bit)
			echo_buf_printf(out, "%s%s", n++ ? " or " : "", ord[i]);
	}
	echo_buf_printf(out, " %s of a month", wd);
}

/* Reads the recurrence; returns 0 if it can be expanded. */
static int read_rule(echo_series *s, echo_diags *diags)
{
	const echo_node *rec = echo_node_get(s->root, "recurrence");
	if (!rec || rec->type != ECHO_NODE_MAP)
		return -1;
	const char *freq = echo_node_get_text(rec, "frequency");
	const char *wd = echo_node_get_text(rec, "weekday");
	if (!freq || !wd || (s->rule.weekday = echo_weekday_parse(wd)) < 0)
		return -1;
	if (strcmp(freq, "weekly") != 0 && strcmp(freq, "monthly") != 0)
		return -1;
	s->rule.monthly = strcmp(freq, "monthly") == 0;
	s->rule.interval = 1;
	const echo_node *nth = echo_node_get(rec, "nth");
	const echo_node *interval = echo_node_get(rec, "interval");
	if (interval && interval->type != ECHO_NODE_NULL) {
		if (s->rule.monthly) {
			at(diags, s->stream, ECHO_ERROR, key_of(rec, "interval"), "recurrence",
			   "interval is for weekly series; a monthly one lists its weekdays under nth");
			return -1;
		}
		if (get_int(rec, "interval", &s->rule.interval) != 0 || s->rule.interval < 1)
			return -1;
	}
	if (!s->rule.monthly) {
		if (nth && nth->type != ECHO_NODE_NULL) {
			at(diags, s->stream, ECHO_ERROR, key_of(rec, "nth"), "recurrence",
			   "nth is for monthly series; set frequency: monthly for the 2nd and 4th %s and "
			   "the like", wd);
			return -1;
		}
		return 0;
	}
	if (!nth || nth->type != ECHO_NODE_SEQ || nth->count == 0) {
		at(diags, s->stream, ECHO_ERROR, key_of(rec, "frequency"), "recurrence",
		   "a monthly series lists which weekdays of the month under nth, such as [2, 4]");
		return -1;
	}
	for (size_t i = 0; i < nth->count; i++) {
		const echo_node *n = nth->items[i];
		if (echo_node_is_scalar(n) && strcmp(n->text, "last") == 0)
			s->rule.nth |= ECHO_NTH_LAST;
		else if (n->type == ECHO_NODE_INT && n->integer >= 1 && n->integer <= 5)
			s->rule.nth |= 1u << (n->integer - 1);
		else
			return -1;
	}
	return 0;
}

/* The date in days[] nearest to day (the earlier of two as near). */
static long nearest(const long *days, size_t n, long day)
{
	long best = n ? days[0] : day;
	for (size_t i = 1; i < n; i++) {
		long a = days[i] > day ? days[i] - day : day - days[i];
		long b = best > day ? best - day : day - best;
		if (a < b)
			best = days[i];
	}
	return best;
}

/* An error at dn: day is not a session date of the series. */
static void not_a_date(const echo_series *s, echo_diags *diags, const echo_node *dn,
                       const char *rule, long day, const long *days, size_t n, const char *so)
{
	echo_buf r = ECHO_BUF_INIT, near = ECHO_BUF_INIT;
	describe_rule(&r, &s->rule);
	echo_format_date(&near, nearest(days, n, day));
	at(diags, s->stream, ECHO_ERROR, dn, rule,
	   "%s (a %s) is not a session date of this series, which meets on %s; the nearest is "
	   "%s%s%s",
	   dn->text, echo_weekday_name(echo_weekday(day)), echo_buf_cstr(&r), echo_buf_cstr(&near),
	   so ? "; " : "", so ? so : "");
	echo_buf_free(&r);
	echo_buf_free(&near);
}

static long index_of(const long *days, size_t n, long day)
{
	for (size_t i = 0; i < n; i++)
		if (days[i] == day)
			return (long)i;
	return -1;
}

/* "5 days" (or "1 day") before a session; -1 if not so written. */
static int read_deadline(const char *text)
{
	int n = 0, k = 0;
	while (text[k] >= '0' && text[k] <= '9' && n < 1000)
		n = n * 10 + (text[k++] - '0');
	if (k == 0 || text[k] != ' ')
		return -1;
	const char *unit = text + k + 1;
	if (strcmp(unit, "days") == 0 || strcmp(unit, "day") == 0 ||
	    strcmp(unit, "days before") == 0 || strcmp(unit, "day before") == 0)
		return n;
	if (strcmp(unit, "weeks") == 0 || strcmp(unit, "week") == 0 ||
	    strcmp(unit, "weeks before") == 0 || strcmp(unit, "week before") == 0)
		return 7 * n;
	return -1;
}

int echo_case_deadline_read(const echo_stream *stream, const echo_node *root, echo_diags *diags)
{
	const echo_node *n = echo_node_get(root, "case_deadline");
	if (!echo_node_is_scalar(n) || n->type == ECHO_NODE_NULL)
		return -1;
	int days = read_deadline(n->text);
	if (days < 0)
		at(diags, stream, ECHO_ERROR, n, "case-deadline",
		   "case_deadline '%s': give the days before the session, such as 5 days or 1 week",
		   n->text);
	return days;
}

/* cancelled[].topic: "dropped", "shift" or "moved to YYYY-MM-DD". */
static int read_fate(const echo_node *n, echo_topic_fate *fate, long *to)
{
	*fate = ECHO_TOPIC_NONE;
	if (!n || n->type == ECHO_NODE_NULL)
		return 0;
	if (!echo_node_is_scalar(n))
		return -1;
	if (strcmp(n->text, "dropped") == 0) {
		*fate = ECHO_TOPIC_DROPPED;
		return 0;
	}
	if (strcmp(n->text, "shift") == 0) {
		*fate = ECHO_TOPIC_SHIFT;
		return 0;
	}
	int y, m, d;
	if (strncmp(n->text, "moved to ", 9) == 0 && echo_date_parse(n->text + 9, &y, &m, &d) == 0) {
		*fate = ECHO_TOPIC_MOVED;
		*to = echo_days_from_civil(y, m, d);
		return 0;
	}
	return -1;
}

static const char *topic_title(const echo_node *topic)
{
	const char *t = echo_node_get_text(topic, "title");
	return t ? t : "";
}

/* Cancellations, pinned topics and the rotation over the planned dates;
 * fills s->dates with the sessions held and s->cancelled. */
static int assign_dates(echo_series *s, const echo_dates *dates, long first, echo_diags *diags)
{
	const echo_node *root = s->root;
	size_t n = dates->count;
	const echo_node *cur = echo_node_get(root, "curriculum");
	size_t topics = cur && cur->type == ECHO_NODE_SEQ ? cur->count : 0;
	const echo_node *cl = echo_node_get(root, "cancelled");
	size_t ncl = cl && cl->type == ECHO_NODE_SEQ ? cl->count : 0;
	const echo_node **topic_of = calloc(n + 1, sizeof *topic_of);
	const echo_node **cancel_of = calloc(n + 1, sizeof *cancel_of);
	const echo_node **entry_of = calloc(n + 1, sizeof *entry_of);
	echo_topic_fate *fate = calloc(n + 1, sizeof *fate);
	long *moved_to = calloc(n + 1, sizeof *moved_to), *moved_from = calloc(n + 1, sizeof *moved_from);
	char *pinned = calloc(n + 1, 1), *used = calloc(topics + 1, 1);
	int result = 0;
	if (!topic_of || !cancel_of || !entry_of || !fate || !moved_to || !moved_from || !pinned ||
	    !used) {
		result = -2;
		goto out;
	}
	for (size_t i = 0; i < ncl; i++) {
		const echo_node *item = cl->items[i], *dn = echo_node_get(item, "date");
		long d, k;
		if (get_date(dn, &d) != 0)
			continue;
		if ((k = index_of(dates->items, n, d)) < 0) {
			not_a_date(s, diags, dn, "cancel-unused", d, dates->items, n, NULL);
			result = -1;
			continue;
		}
		if (cancel_of[k]) {
			at(diags, s->stream, ECHO_ERROR, dn, "cancel-unused", "%s is cancelled twice",
			   dn->text);
			result = -1;
			continue;
		}
		cancel_of[k] = item;
		const echo_node *tn = echo_node_get(item, "topic");
		if (read_fate(tn, &fate[k], &moved_to[k]) != 0) {
			at(diags, s->stream, ECHO_ERROR, tn, "cancel-topic",
			   "topic '%s': say what happens to the topic: dropped, moved to YYYY-MM-DD, or "
			   "shift (it and every later topic move one session on)",
			   echo_node_is_scalar(tn) ? tn->text : "");
			result = -1;
		}
	}
	/* Pinned topics first, then the others in order on the dates left. */
	for (size_t t = 0; t < topics; t++) {
		const echo_node *dn = echo_node_get(cur->items[t], "date");
		long d, k;
		if (!dn || dn->type == ECHO_NODE_NULL || get_date(dn, &d) != 0)
			continue;
		used[t] = 1;
		if ((k = index_of(dates->items, n, d)) < 0) {
			not_a_date(s, diags, dn, "topic-date", d, dates->items, n, NULL);
			result = -1;
		} else if (cancel_of[k]) {
			at(diags, s->stream, ECHO_ERROR, dn, "topic-date",
			   "%s is cancelled; pin the topic to another date", dn->text);
			result = -1;
		} else if (topic_of[k]) {
			at(diags, s->stream, ECHO_ERROR, dn, "topic-date",
			   "%s already has the topic '%s' pinned to it", dn->text, topic_title(topic_of[k]));
			result = -1;
		} else {
			topic_of[k] = cur->items[t];
			pinned[k] = 1;
		}
	}
	size_t next = 0;
	for (size_t t = 0; t < topics; t++) {
		if (used[t] || cur->items[t]->type != ECHO_NODE_MAP)
			continue;
		while (next < n && (pinned[next] || (cancel_of[next] && fate[next] == ECHO_TOPIC_SHIFT)))
			next++;
		if (next == n)
			break;
		topic_of[next++] = cur->items[t];
		used[t] = 1;
	}
	size_t left = 0, first_left = 0;
	for (size_t t = 0; t < topics; t++)
		if (!used[t] && !left++)
			first_left = t;
	if (left == 1)
		at(diags, s->stream, ECHO_WARNING, cur->items[first_left], "curriculum-unused",
		   "topic %zu has no session: the series has %zu", first_left + 1, n);
	else if (left)
		at(diags, s->stream, ECHO_WARNING, cur->items[first_left], "curriculum-unused",
		   "topics %zu to %zu have no session: the series has %zu", first_left + 1, topics, n);
	/* A cancelled session's topic goes where it says, never silently on. */
	for (size_t k = 0; k < n; k++) {
		if (!cancel_of[k] || !topic_of[k])
			continue;
		const echo_node *tn = echo_node_get(cancel_of[k], "topic");
		if (fate[k] == ECHO_TOPIC_NONE) {
			at(diags, s->stream, ECHO_ERROR, echo_node_get(cancel_of[k], "date"), "cancel-topic",
			   "the cancelled session had the topic '%s': say what happens to it with "
			   "topic: dropped, topic: moved to YYYY-MM-DD, or topic: shift",
			   topic_title(topic_of[k]));
			result = -1;
		} else if (fate[k] == ECHO_TOPIC_MOVED) {
			long j = index_of(dates->items, n, moved_to[k]);
			char day[16];
			echo_date_format(moved_to[k], day, sizeof day);
			if (j < 0) {
				not_a_date(s, diags, tn, "cancel-topic", moved_to[k], dates->items, n,
				           "add it as an extra date to hold the topic there");
				result = -1;
			} else if (cancel_of[j]) {
				at(diags, s->stream, ECHO_ERROR, tn, "cancel-topic", "%s is cancelled too", day);
				result = -1;
			} else if (topic_of[j]) {
				at(diags, s->stream, ECHO_ERROR, tn, "cancel-topic",
				   "%s already has the topic '%s'; move this one to a date without a topic "
				   "(an extra date), or drop it",
				   day, topic_title(topic_of[j]));
				result = -1;
			} else {
				topic_of[j] = topic_of[k];
				moved_from[j] = dates->items[k];
			}
		}
	}
	/* Notes and presenters for particular dates. */
	const echo_node *el = echo_node_get(root, "sessions");
	for (size_t i = 0; el && el->type == ECHO_NODE_SEQ && i < el->count; i++) {
		const echo_node *dn = echo_node_get(el->items[i], "date");
		long d, k;
		if (get_date(dn, &d) != 0)
			continue;
		if ((k = index_of(dates->items, n, d)) < 0) {
			not_a_date(s, diags, dn, "session-date", d, dates->items, n, NULL);
			result = -1;
		} else if (cancel_of[k]) {
			at(diags, s->stream, ECHO_ERROR, dn, "session-date", "%s is cancelled", dn->text);
			result = -1;
		} else if (entry_of[k]) {
			at(diags, s->stream, ECHO_ERROR, dn, "session-date",
			   "%s is listed twice under sessions", dn->text);
			result = -1;
		} else {
			entry_of[k] = el->items[i];
		}
	}
	if (result != 0)
		goto out;
	s->dates = calloc(n, sizeof *s->dates);
	s->cancelled = ncl ? calloc(ncl, sizeof *s->cancelled) : NULL;
	if (!s->dates || (ncl && !s->cancelled)) {
		result = -2;
		goto out;
	}
	int gap_reported = 0;
	for (size_t k = 0; k < n; k++) {
		long day = dates->items[k];
		int gap = 0;
		int64_t utc = s->tz ? echo_tz_to_utc(s->tz, (int64_t)day * 86400 + 60LL * s->start, &gap)
		                    : 0;
		int extra = echo_recurrence_next(&s->rule, day) != day || day < first;
		if (cancel_of[k]) {
			echo_cancelled_date *c = &s->cancelled[s->cancelled_count++];
			*c = (echo_cancelled_date){(int)k + 1, day, utc, extra,
			                           echo_node_get_text(cancel_of[k], "reason"), topic_of[k],
			                           fate[k], moved_to[k]};
			continue;
		}
		echo_series_date *sd = &s->dates[s->date_count++];
		*sd = (echo_series_date){(int)k + 1, day, utc, extra, topic_of[k], pinned[k],
		                         moved_from[k], entry_of[k]};
		if (gap && !gap_reported) {
			gap_reported = 1;
			echo_buf when = ECHO_BUF_INIT;
			echo_format_date(&when, day);
			at(diags, s->stream, ECHO_WARNING, echo_node_get(root, "start"), "time-gap",
			   "%s does not exist on %s in %s (the clocks go forward); that session "
			   "starts an hour later by the clock",
			   echo_node_get_text(root, "start"), echo_buf_cstr(&when), echo_tz_name(s->tz));
			echo_buf_free(&when);
		}
	}
	if (s->date_count == 0) {
		at(diags, s->stream, ECHO_ERROR, key_of(root, "cancelled"), "series-empty",
		   "every session of the series is cancelled");
		result = -1;
	}
	if (ncl && !echo_node_get(root, "revision"))
		at(diags, s->stream, ECHO_WARNING, key_of(root, "cancelled"), "revision",
		   "calendars that imported this series keep a change they already have at the same "
		   "revision: add revision: 1, and raise it each time you publish a change");
out:
	free(topic_of);
	free(cancel_of);
	free(entry_of);
	free(fate);
	free(moved_to);
	free(moved_from);
	free(pinned);
	free(used);
	return result;
}

/* certification.requirements: ids that completions can name (lower-case
 * letters, digits, hyphens), each once; met by training days only where
 * the training days' attendance is read (count_training_days). */
static void check_requirements(const echo_series *s, const echo_node *list, echo_diags *diags)
{
	for (size_t i = 0; list && list->type == ECHO_NODE_SEQ && i < list->count; i++) {
		const echo_node *item = list->items[i];
		const echo_node *id = echo_node_get(item, "id");
		if (!echo_node_is_scalar(id) || id->type == ECHO_NODE_NULL)
			continue;
		size_t k = 0;
		while (id->text[k] && ((id->text[k] >= 'a' && id->text[k] <= 'z') ||
		                       (id->text[k] >= '0' && id->text[k] <= '9') || id->text[k] == '-'))
			k++;
		if (k == 0 || id->text[k])
			at(diags, s->stream, ECHO_ERROR, id, "requirement",
			   "requirement id '%s': use lower-case letters, digits and hyphens (practicum, "
			   "ethics-15)", id->text);
		for (size_t j = 0; j < i; j++) {
			const echo_node *other = echo_node_get(list->items[j], "id");
			if (echo_node_is_scalar(other) && strcmp(other->text, id->text) == 0) {
				at(diags, s->stream, ECHO_ERROR, id, "requirement",
				   "requirement id '%s' is used twice (first at line %zu): completions could "
				   "not say which is meant", id->text, other->start.line);
				break;
			}
		}
		const echo_node *by = echo_node_get(item, "training_days");
		if (by && by->type == ECHO_NODE_BOOL && by->boolean &&
		    (!s->training_counts || !s->training_count))
			at(diags, s->stream, ECHO_ERROR, by, "requirement",
			   "requirement '%s' is met by the training days, but %s", id->text,
			   s->training_count ? "their attendance is not read: add count_training_days: "
			                       "true to certification"
			                     : "the series has no training_days");
	}
}

/* Training days: events of their own, outside the sessions. */
static int read_training(echo_series *s, const echo_dates *dates, echo_diags *diags)
{
	const echo_node *list = echo_node_get(s->root, "training_days");
	if (!list || list->type != ECHO_NODE_SEQ || !list->count)
		return 0;
	s->training = calloc(list->count, sizeof *s->training);
	if (!s->training)
		return -2;
	for (size_t i = 0; i < list->count; i++) {
		const echo_node *item = list->items[i];
		echo_training_day t = {0};
		const echo_node *dn = echo_node_get(item, "date");
		if (get_date(dn, &t.date) != 0 || get_time(item, "start", &t.start) != 0 ||
		    get_int(item, "duration", &t.duration) != 0 || t.duration <= 0)
			continue;
		t.title = echo_node_get_text(item, "title");
		t.location = echo_node_get_text(item, "location");
		t.node = item;
		t.start_utc = s->tz ? echo_tz_to_utc(s->tz, (int64_t)t.date * 86400 + 60LL * t.start,
		                                     NULL)
		                    : 0;
		if (index_of(dates->items, dates->count, t.date) >= 0)
			at(diags, s->stream, ECHO_WARNING, dn, "training-day",
			   "%s is also a session date; the session is held as well (skip it if the "
			   "training day replaces it)",
			   dn->text);
		size_t k = s->training_count++;
		while (k > 0 && s->training[k - 1].date > t.date) {
			s->training[k] = s->training[k - 1];
			k--;
		}
		s->training[k] = t;
	}
	const echo_node *cert = echo_node_get(s->root, "certification");
	const echo_node *counts = echo_node_get(cert, "count_training_days");
	s->training_counts = counts && counts->type == ECHO_NODE_BOOL && counts->boolean;
	return 0;
}

static int expand_series(echo_series *s, echo_diags *diags)
{
	const echo_node *root = s->root;
	long first, until = 0;
	if (get_date(echo_node_get(root, "first_date"), &first) != 0)
		return -1;
	s->rule.first = first;
	const echo_node *end = echo_node_get(root, "end_date");
	const echo_node *count_node = echo_node_get(root, "count");
	int has_end = end && end->type != ECHO_NODE_NULL;
	int has_count = count_node && count_node->type != ECHO_NODE_NULL;
	if (has_end && has_count) {
		at(diags, s->stream, ECHO_ERROR, key_of(root, "count"), "series-end",
		   "give end_date or count, not both");
		return -1;
	}
	if (!has_end && !has_count) {
		at(diags, s->stream, ECHO_ERROR, key_of(root, "first_date"), "series-end",
		   "a series needs an end: add end_date (the last possible date) or count (the number "
		   "of sessions)");
		return -1;
	}
	int count = 0;
	/* A count below 1 is the schema's range error; expanding it as a
	 * size_t would add a second, wrong "more than 2000 sessions". */
	if (has_count && (get_int(root, "count", &count) != 0 || count < 1))
		return -1;
	if (has_end) {
		if (get_date(end, &until) != 0)
			return -1;
		if (until < first) {
			at(diags, s->stream, ECHO_ERROR, end, "series-end",
			   "end_date %s is before first_date %s", end->text,
			   echo_node_get_text(root, "first_date"));
			return -1;
		}
	}
	if (read_rule(s, diags) != 0)
		return -1;

	const echo_node *extra_list = echo_node_get(root, "extra_dates");
	const echo_node *skip_list = echo_node_get(root, "skip_dates");
	size_t n_extra, n_skip;
	long *extra = list_dates(extra_list, &n_extra);
	long *skip = list_dates(skip_list, &n_skip);
	echo_dates dates = ECHO_DATES_INIT, hit = ECHO_DATES_INIT;
	int rc = echo_recurrence_expand(&s->rule, (size_t)count, until, extra, n_extra, skip, n_skip,
	                                ECHO_SERIES_MAX, &dates, &hit);
	if (rc < 0 || ((extra_list && extra_list->type == ECHO_NODE_SEQ && extra_list->count &&
	                !extra) ||
	               (skip_list && skip_list->type == ECHO_NODE_SEQ && skip_list->count && !skip))) {
		free(extra);
		free(skip);
		echo_dates_free(&dates);
		echo_dates_free(&hit);
		return -2;
	}
	int result = 0;
	if (rc == 1) {
		at(diags, s->stream, ECHO_ERROR, key_of(root, has_count ? "count" : "end_date"),
		   "series-length", "the series has more than %d sessions; is the end right?",
		   ECHO_SERIES_MAX);
		result = -1;
	} else if (dates.count == 0) {
		at(diags, s->stream, ECHO_ERROR, key_of(root, "first_date"), "series-empty",
		   "the series has no session dates between first_date and end_date");
		result = -1;
	}

	long rule_first = echo_recurrence_next(&s->rule, first);
	/* A weekly series' first date is usually its first session, so a
	 * mismatch is likely a slip; a monthly one's is often the 1st. */
	if (result == 0 && !s->rule.monthly && rule_first != first &&
	    !has_date(extra, n_extra, first)) {
		echo_buf rule = ECHO_BUF_INIT, when = ECHO_BUF_INIT;
		describe_rule(&rule, &s->rule);
		echo_format_date(&when, dates.items[0]);
		at(diags, s->stream, ECHO_WARNING, echo_node_get(root, "first_date"), "first-date",
		   "first_date %s is not %s; the first session is %s",
		   echo_node_get_text(root, "first_date"), echo_buf_cstr(&rule), echo_buf_cstr(&when));
		echo_buf_free(&rule);
		echo_buf_free(&when);
	}
	/* Skipped and extra dates that do not do what they say. */
	for (size_t i = 0; skip_list && skip_list->type == ECHO_NODE_SEQ && i < skip_list->count; i++) {
		const echo_node *dn = echo_node_get(skip_list->items[i], "date");
		long d;
		if (get_date(dn, &d) != 0 || has_date(hit.items, hit.count, d))
			continue;
		if (has_date(extra, n_extra, d)) {
			at(diags, s->stream, ECHO_WARNING, dn, "skip-unused",
			   "%s is both an extra date and a skipped one; it is skipped", dn->text);
			continue;
		}
		not_a_date(s, diags, dn, "skip-unused", d, dates.items, dates.count, "nothing is skipped");
		result = result == 0 ? -1 : result;
	}
	for (size_t i = 0; extra_list && extra_list->type == ECHO_NODE_SEQ && i < extra_list->count;
	     i++) {
		const echo_node *dn = echo_node_get(extra_list->items[i], "date");
		long d;
		if (get_date(dn, &d) != 0)
			continue;
		if (d >= first && echo_recurrence_next(&s->rule, d) == d)
			at(diags, s->stream, ECHO_WARNING, dn, "extra-unused",
			   "%s is already a session date of this series", dn->text);
		else if (has_end && d > until)
			at(diags, s->stream, ECHO_WARNING, dn, "extra-unused",
			   "%s is after end_date, so it is not a session", dn->text);
		else if (has_count && dates.count && d > dates.items[dates.count - 1])
			at(diags, s->stream, ECHO_WARNING, dn, "extra-unused",
			   "%s comes after the series' last session (count ends it), so it is not a session",
			   dn->text);
	}

	/* Checked after an error in the dates too, so that every finding
	 * shows at once. */
	if (rc != 1 && dates.count) {
		int assigned = assign_dates(s, &dates, first, diags);
		if (assigned == 0)
			assigned = read_training(s, &dates, diags);
		if (assigned == 0)
			check_requirements(s, echo_node_get(echo_node_get(s->root, "certification"),
			                                    "requirements"), diags);
		if (result == 0 || assigned == -2)
			result = assigned;
	}
	if (result == 0) {
		s->skipped = hit.count ? calloc(hit.count, sizeof *s->skipped) : NULL;
		if (hit.count && !s->skipped)
			result = -2;
	}
	if (result == 0) {
		s->skipped_count = hit.count;
		for (size_t i = 0; i < hit.count; i++) {
			s->skipped[i].date = hit.items[i];
			for (size_t j = 0; skip_list && j < skip_list->count; j++) {
				long d;
				if (get_date(echo_node_get(skip_list->items[j], "date"), &d) == 0 &&
				    d == hit.items[i])
					s->skipped[i].reason = echo_node_get_text(skip_list->items[j], "reason");
			}
		}
	}
	free(extra);
	free(skip);
	echo_dates_free(&dates);
	echo_dates_free(&hit);
	return result;
}

echo_series *echo_series_check(echo_stream *stream, echo_node *root, echo_diags *diags)
{
	echo_series *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->stream = stream;
	s->root = root;
	echo_diags local = ECHO_DIAGS_INIT;
	echo_schema_validate(&echo_series_schema, stream, root, &local);
	if (root && root->type == ECHO_NODE_MAP) {
		s->tz = load_zone(stream, root, &local);
		int ok = s->tz && get_time(root, "start", &s->start) == 0 &&
		         get_int(root, "duration", &s->duration) == 0;
		if (get_int(root, "revision", &s->revision) != 0)
			s->revision = 0;
		s->case_deadline = echo_case_deadline_read(stream, root, &local);
		int rc = expand_series(s, &local);
		screen_agenda(&echo_series_schema, stream, root, &local);
		if (rc == -2) {
			echo_diags_free(&local);
			echo_series_free(s);
			return NULL;
		}
		s->usable = ok && rc == 0 && local.errors == 0;
	}
	echo_diags_sort(&local);
	echo_diags_take(diags, &local);
	echo_diags_free(&local);
	return s;
}

void echo_series_free(echo_series *s)
{
	if (!s)
		return;
	free(s->dates);
	free(s->skipped);
	free(s->cancelled);
	free(s->training);
	echo_tz_free(s->tz);
	free(s);
}
