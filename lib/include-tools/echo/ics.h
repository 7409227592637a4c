/* iCalendar (RFC 5545) files for a session or a whole series, made with
 * libical.  Built as its own library, echo-ics, so that only the tools
 * that write calendars link libical. */
#ifndef ECHO_ICS_H
#define ECHO_ICS_H

#include <stddef.h>

#include "echo/buf.h"
#include "echo/diag.h"
#include "echo/session.h"

typedef struct echo_ics_options {
	const int *reminders;     /* minutes before the start: one VALARM each */
	size_t reminder_count;
	long long stamp;          /* DTSTAMP, seconds since the epoch */
} echo_ics_options;

/* Appends a VCALENDAR with one VEVENT for the session: DTSTART and DTEND
 * in the hub's zone (TZID is the IANA name, with a VTIMEZONE for it), the
 * agenda as DESCRIPTION, and the reminders.  The session must be usable.
 * Returns 0, or -1 with an error (rule "ics") in diags. */
int echo_ics_session(const echo_session *session, const echo_ics_options *options,
                     echo_buf *out, echo_diags *diags);

/* Appends a VCALENDAR for the series: one recurring VEVENT (RRULE, RDATE
 * for extra dates, EXDATE for skipped ones) with an override (RECURRENCE-ID)
 * for each session that has a curriculum topic, carrying its title and
 * objectives.  When an extra date comes before the recurrence starts, so
 * that no RRULE can describe the series, there is one VEVENT per session
 * instead.  The series must be usable. */
int echo_ics_series(const echo_series *series, const echo_ics_options *options,
                    echo_buf *out, echo_diags *diags);

/* The UID of the series' session on date, into out (cap bytes): the
 * recurring event's, shared by all its occurrences (returns 1: the
 * occurrence is named by RECURRENCE-ID), or, when each session is an
 * event of its own, that session's (returns 0). */
int echo_ics_series_uid(const echo_series *series, long date, char *out, size_t cap);

/* The VTIMEZONE for tz covering the instants from..to: a yearly RRULE per
 * observance when the zone's current rule covers the span, else the
 * offset at from and each change up to to.  Caller frees with
 * icalcomponent_free; NULL when memory runs out.  (The return type is
 * icalcomponent *, left opaque so this header does not need libical.) */
void *echo_ics_vtimezone(const echo_tz *tz, long long from, long long to);

#endif
