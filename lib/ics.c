/* iCalendar output with libical: libical builds and serializes the
 * components (CRLF line ends, folding at 75 octets, TEXT escaping); this
 * file decides what goes in them.  Times are local wall times with a
 * TZID naming the IANA zone, and the VTIMEZONE is made from the same zone
 * data the agenda uses (calendar_tz.c), not from libical's own copy. */
#include "echo/ics.h"

#include <libical/ical.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long floor_div(long long a, long long b)
{
	return (long)(a >= 0 ? a / b : -((-a + b - 1) / b));
}

/* A floating local time from seconds since the local epoch. */
static struct icaltimetype local_time(long long local)
{
	struct icaltimetype t = icaltime_null_time();
	long day = floor_div(local, 86400);
	int secs = (int)(local - (long long)day * 86400);
	echo_civil_from_days(day, &t.year, &t.month, &t.day);
	t.hour = secs / 3600;
	t.minute = secs / 60 % 60;
	t.second = secs % 60;
	t.is_date = 0;
	return t;
}

static long long to_local(const echo_tz *tz, long long utc)
{
	echo_tz_info info;
	echo_tz_at(tz, utc, &info);
	return utc + info.offset;
}

static int year_of(long long t)
{
	int y, m, d;
	echo_civil_from_days(floor_div(t, 86400), &y, &m, &d);
	return y;
}

/* VTIMEZONE -------------------------------------------------------------------- */

static icalcomponent *observance(int dst, long long onset_local, int from, int to,
                                 const char *name, const char *rrule)
{
	icalcomponent *c = icalcomponent_new(dst ? ICAL_XDAYLIGHT_COMPONENT
	                                         : ICAL_XSTANDARD_COMPONENT);
	if (!c)
		return NULL;
	icalcomponent_add_property(c, icalproperty_new_tzname(name));
	icalcomponent_add_property(c, icalproperty_new_tzoffsetfrom(from));
	icalcomponent_add_property(c, icalproperty_new_tzoffsetto(to));
	icalcomponent_add_property(c, icalproperty_new_dtstart(local_time(onset_local)));
	if (rrule)
		icalcomponent_add_property(c, icalproperty_new_rrule(icalrecurrencetype_from_string(rrule)));
	return c;
}

/* The zone's yearly rule, when it gives exactly the zone's transitions
 * over the years around from..to (and changes at a time of day a yearly
 * RRULE can state). */
static int rule_covers(const echo_tz *tz, const echo_tz_rule *r, int y0, int y1)
{
	if (r->start_time < 0 || r->start_time >= 86400 || r->end_time < 0 || r->end_time >= 86400)
		return 0;
	long long lo = (long long)echo_days_from_civil(y0, 1, 1) * 86400 - 86400;
	long long hi = (long long)echo_days_from_civil(y1 + 1, 1, 1) * 86400 + 86400;
	echo_tz_transition actual[64];
	size_t n = echo_tz_transitions(tz, lo, hi, actual, 64);
	if (n > 64)
		return 0;
	size_t k = 0;
	for (int y = year_of(lo); y <= year_of(hi); y++) {
		long long start = (long long)echo_nth_weekday(y, r->start_month, r->start_weekday,
		                                              r->start_week == 5 ? -1 : r->start_week) *
		                          86400 + r->start_time - r->std.offset;
		long long end = (long long)echo_nth_weekday(y, r->end_month, r->end_weekday,
		                                            r->end_week == 5 ? -1 : r->end_week) *
		                        86400 + r->end_time - r->dst.offset;
		long long first = start < end ? start : end, second = start < end ? end : start;
		const echo_tz_info *after1 = start < end ? &r->dst : &r->std;
		const echo_tz_info *after2 = start < end ? &r->std : &r->dst;
		long long at[2] = {first, second};
		const echo_tz_info *after[2] = {after1, after2};
		for (int i = 0; i < 2; i++) {
			if (at[i] <= lo || at[i] > hi)
				continue;
			if (k >= n || actual[k].at != at[i] || actual[k].after.offset != after[i]->offset ||
			    strcmp(actual[k].after.abbr, after[i]->abbr) != 0)
				return 0;
			k++;
		}
	}
	return k == n;
}

static void byday(char *out, size_t cap, int month, int week, int weekday)
{
	static const char *const days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
	snprintf(out, cap, "FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", month, week == 5 ? -1 : week,
	         days[weekday]);
}

void *echo_ics_vtimezone(const echo_tz *tz, long long from, long long to)
{
	icalcomponent *vtz = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT);
	if (!vtz)
		return NULL;
	icalcomponent_add_property(vtz, icalproperty_new_tzid(echo_tz_name(tz)));
	echo_tz_rule r;
	int y0 = year_of(from) - 1, y1 = year_of(to) + 1;
	if (echo_tz_rule_get(tz, &r) && rule_covers(tz, &r, y0, y1)) {
		char rule[96];
		long long end_day = echo_nth_weekday(y0, r.end_month, r.end_weekday,
		                                     r.end_week == 5 ? -1 : r.end_week);
		long long start_day = echo_nth_weekday(y0, r.start_month, r.start_weekday,
		                                       r.start_week == 5 ? -1 : r.start_week);
		byday(rule, sizeof rule, r.end_month, r.end_week, r.end_weekday);
		icalcomponent *std = observance(0, end_day * 86400 + r.end_time, r.dst.offset,
		                                r.std.offset, r.std.abbr, rule);
		byday(rule, sizeof rule, r.start_month, r.start_week, r.start_weekday);
		icalcomponent *dst = observance(1, start_day * 86400 + r.start_time, r.std.offset,
		                                r.dst.offset, r.dst.abbr, rule);
		if (!std || !dst) {
			icalcomponent_free(std);
			icalcomponent_free(dst);
			icalcomponent_free(vtz);
			return NULL;
		}
		icalcomponent_add_component(vtz, std);
		icalcomponent_add_component(vtz, dst);
		return vtz;
	}
	/* The offset in force at the start, then each change in the span. */
	echo_tz_info info;
	echo_tz_at(tz, from, &info);
	icalcomponent *first = observance(info.is_dst, 0, info.offset, info.offset, info.abbr, NULL);
	if (!first) {
		icalcomponent_free(vtz);
		return NULL;
	}
	icalcomponent_add_component(vtz, first);
	echo_tz_transition tr[256];
	size_t n = echo_tz_transitions(tz, from, to, tr, 256);
	for (size_t i = 0; i < n && i < 256; i++) {
		icalcomponent *c = observance(tr[i].after.is_dst, tr[i].at + tr[i].before.offset,
		                              tr[i].before.offset, tr[i].after.offset, tr[i].after.abbr,
		                              NULL);
		if (!c) {
			icalcomponent_free(vtz);
			return NULL;
		}
		icalcomponent_add_component(vtz, c);
	}
	return vtz;
}

/* Events ---------------------------------------------------------------------- */

/* A stable UID, so that importing a file again updates the events rather
 * than adding copies: a hash of what identifies the session or series. */
static void make_uid(char *out, size_t cap, const char *kind, const char *a, long date)
{
	unsigned long long h = 1469598103934665603ULL;
	const char *parts[] = {kind, a ? a : ""};
	for (int i = 0; i < 2; i++) {
		for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++)
			h = (h ^ *p) * 1099511628211ULL;
		h = (h ^ '\n') * 1099511628211ULL;
	}
	for (int i = 0; i < 8; i++)
		h = (h ^ (unsigned char)(date >> (8 * i))) * 1099511628211ULL;
	snprintf(out, cap, "%016llx@echo-agenda.echo-toolkit", h);
}

static icalproperty *with_tzid(icalproperty *p, const echo_tz *tz)
{
	if (p)
		icalproperty_add_parameter(p, icalparameter_new_tzid(echo_tz_name(tz)));
	return p;
}

struct event {
	const echo_tz *tz;
	const char *uid;
	long long start, end;           /* UTC */
	long long recurrence_id;        /* UTC, or -1 */
	const char *summary;
	const char *description;
	const char *location;
	const echo_ics_options *options;
	const echo_node *root;          /* the session or series: link, organizer */
	int sequence;
	int cancelled;
};

/* URL and CONFERENCE (RFC 7986) for the link to join; ORGANIZER for a
 * facilitator with an email (a name alone is no address to reply to). */
static void add_people_and_link(icalcomponent *ev, const struct event *e)
{
	size_t len = 0;
	const char *url = e->root ? echo_agenda_join_url(e->root, &len) : NULL;
	if (url) {
		char *u = malloc(len + 1);
		if (u) {
			memcpy(u, url, len);
			u[len] = 0;
			icalcomponent_add_property(ev, icalproperty_new_url(u));
			icalproperty *conf = icalproperty_new_conference(u);
			if (conf) {
				icalproperty_add_parameter(conf, icalparameter_new_value(ICAL_VALUE_URI));
				icalproperty_add_parameter(conf, icalparameter_new_feature(ICAL_FEATURE_VIDEO));
				icalproperty_add_parameter(conf, icalparameter_new_label("Join the session"));
				icalcomponent_add_property(ev, conf);
			}
			free(u);
		}
	}
	const char *email = e->root ? echo_node_get_text(e->root, "facilitator_email") : NULL;
	const char *name = e->root ? echo_node_get_text(e->root, "facilitator") : NULL;
	if (email && *email) {
		echo_buf addr = ECHO_BUF_INIT;
		echo_buf_printf(&addr, "mailto:%s", email);
		icalproperty *org = addr.failed ? NULL : icalproperty_new_organizer(echo_buf_cstr(&addr));
		if (org && name)
			icalproperty_add_parameter(org, icalparameter_new_cn(name));
		if (org)
			icalcomponent_add_property(ev, org);
		echo_buf_free(&addr);
	}
}

static icalcomponent *make_event(const struct event *e)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	if (!ev)
		return NULL;
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(
		icaltime_from_timet_with_zone((time_t)e->options->stamp, 0, utc)));
	if (e->recurrence_id >= 0)
		icalcomponent_add_property(ev, with_tzid(icalproperty_new_recurrenceid(
			local_time(to_local(e->tz, e->recurrence_id))), e->tz));
	icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtstart(
		local_time(to_local(e->tz, e->start))), e->tz));
	icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtend(
		local_time(to_local(e->tz, e->end))), e->tz));
	icalcomponent_add_property(ev, icalproperty_new_sequence(e->sequence));
	if (e->cancelled)
		icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CANCELLED));
	icalcomponent_add_property(ev, icalproperty_new_summary(e->summary));
	if (e->description)
		icalcomponent_add_property(ev, icalproperty_new_description(e->description));
	if (e->location)
		icalcomponent_add_property(ev, icalproperty_new_location(e->location));
	add_people_and_link(ev, e);
	return ev;
}

static int add_alarms(icalcomponent *ev, const struct event *e)
{
	for (size_t i = 0; i < e->options->reminder_count; i++) {
		struct icaltriggertype trigger;
		memset(&trigger, 0, sizeof trigger);
		trigger.time = icaltime_null_time();
		trigger.duration = icaldurationtype_from_int(-60 * e->options->reminders[i]);
		echo_buf text = ECHO_BUF_INIT;
		echo_buf_printf(&text, "Reminder: %s", e->summary);
		icalcomponent *alarm = icalcomponent_new(ICAL_VALARM_COMPONENT);
		if (!alarm || text.failed) {
			echo_buf_free(&text);
			icalcomponent_free(alarm);
			return -1;
		}
		icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
		icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
		icalcomponent_add_property(alarm, icalproperty_new_description(echo_buf_cstr(&text)));
		echo_buf_free(&text);
		icalcomponent_add_component(ev, alarm);
	}
	return 0;
}

static icalcomponent *new_calendar(const char *name)
{
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	if (!cal)
		return NULL;
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//echo-toolkit//echo-agenda//EN"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	if (name) {
		/* Calendar programs name the imported calendar from this. */
		icalproperty *p = icalproperty_new_x(name);
		if (p) {
			icalproperty_set_x_name(p, "X-WR-CALNAME");
			icalcomponent_add_property(cal, p);
		}
	}
	return cal;
}

/* Serializes cal into out and frees it. */
static int finish(icalcomponent *cal, echo_buf *out, echo_diags *diags)
{
	char *text = cal ? icalcomponent_as_ical_string_r(cal) : NULL;
	icalcomponent_free(cal);
	if (!text) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "ics", "cannot write the calendar: %s",
		               icalerror_strerror(icalerrno));
		return -1;
	}
	echo_buf_puts(out, text);
	icalmemory_free_buffer(text);
	return out->failed ? -1 : 0;
}

static int failed(icalcomponent *cal, echo_diags *diags)
{
	icalcomponent_free(cal);
	echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "ics", "out of memory making the calendar");
	return -1;
}

/* Defined with the series' events below. */
static void series_span(const echo_series *s, long long *from, long long *to);
static int add_series_events(icalcomponent *cal, const echo_series *s, const echo_ics_options *o,
                             long left_out);

int echo_ics_session(const echo_session *s, const echo_ics_options *o, echo_buf *out,
                     echo_diags *diags)
{
	const char *program = echo_node_get_text(s->root, "program");
	const char *title = echo_node_get_text(s->root, "title");
	icalcomponent *cal = new_calendar(NULL);
	long long end = s->start_utc + 60LL * s->duration, from = s->start_utc, to = end;
	char uid[96];
	make_uid(uid, sizeof uid, "session", program, s->date);
	struct event e = {s->tz, uid, s->start_utc, end, -1, NULL, NULL,
	                  echo_node_get_text(s->root, "location"), o, s->root, s->revision, 0};
	/* A session of a series is that series' occurrence: the same UID with
	 * the occurrence's RECURRENCE-ID.  A calendar keeps one event per UID
	 * and an import replaces it whole (RFC 5546 PUBLISH; khal does so), so
	 * the file carries the whole series too, with this occurrence the
	 * session's: importing it after the series, or alone, keeps every
	 * other session. */
	int whole_series = 0;
	if (s->series && s->occurrence && s->series->date_count) {
		whole_series = echo_ics_series_uid(s->series, s->date, uid, sizeof uid);
		if (whole_series)
			e.recurrence_id = s->occurrence->start_utc;
		e.sequence += s->series->revision;
	}
	if (whole_series) {
		long long sf, st;
		series_span(s->series, &sf, &st);
		from = sf < from ? sf : from;
		to = st > to ? st : to;
	}
	void *vtz = cal ? echo_ics_vtimezone(s->tz, from, to) : NULL;
	if (!cal || !vtz) {
		icalcomponent_free(vtz);
		return failed(cal, diags);
	}
	icalcomponent_add_component(cal, vtz);
	if (whole_series && add_series_events(cal, s->series, o, s->date) != 0)
		return failed(cal, diags);
	echo_buf summary = ECHO_BUF_INIT, text = ECHO_BUF_INIT;
	echo_buf_printf(&summary, "%s: %s", program ? program : "", title ? title : "");
	echo_session_text(s, &text);
	e.summary = echo_buf_cstr(&summary);
	e.description = echo_buf_cstr(&text);
	icalcomponent *ev = summary.failed || text.failed ? NULL : make_event(&e);
	int rc = ev ? add_alarms(ev, &e) : -1;
	echo_buf_free(&summary);
	echo_buf_free(&text);
	if (!ev || rc != 0) {
		icalcomponent_free(ev);
		return failed(cal, diags);
	}
	icalcomponent_add_component(cal, ev);
	return finish(cal, out, diags);
}

/* Series ---------------------------------------------------------------------- */

/* A planned session, held or cancelled. */
struct planned {
	long date;
	long long start_utc;
	int extra;
};

/* The first and last planned sessions from the recurrence, and whether
 * the first planned session is one (so one recurring event can start the
 * series). */
static int rule_span(const echo_series *s, struct planned *first, struct planned *last)
{
	int found = 0;
	long very_first = LONG_MAX;
	for (int pass = 0; pass < 2; pass++) {
		size_t n = pass ? s->cancelled_count : s->date_count;
		for (size_t i = 0; i < n; i++) {
			struct planned p = pass ? (struct planned){s->cancelled[i].date,
			                                           s->cancelled[i].start_utc,
			                                           s->cancelled[i].extra}
			                        : (struct planned){s->dates[i].date, s->dates[i].start_utc,
			                                           s->dates[i].extra};
			if (p.date < very_first)
				very_first = p.date;
			if (p.extra)
				continue;
			if (!found || p.date < first->date)
				*first = p;
			if (!found || p.date > last->date)
				*last = p;
			found = 1;
		}
	}
	return found && first->date == very_first;
}

int echo_ics_series_uid(const echo_series *s, long date, char *out, size_t cap)
{
	const char *program = echo_node_get_text(s->root, "program");
	struct planned first, last;
	if (rule_span(s, &first, &last)) {
		make_uid(out, cap, "series", program, first.date);
		return 1;
	}
	make_uid(out, cap, "series-session", program, date);
	return 0;
}

static void rrule_text(echo_buf *out, const echo_series *s, long long until_utc)
{
	static const char *const days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
	const echo_recurrence *r = &s->rule;
	if (!r->monthly) {
		echo_buf_printf(out, "FREQ=WEEKLY;INTERVAL=%d;BYDAY=%s", r->interval, days[r->weekday]);
	} else {
		echo_buf_puts(out, "FREQ=MONTHLY;BYDAY=");
		int n = 0;
		for (int i = 0; i < 6; i++)
			if (r->nth & (i == 5 ? ECHO_NTH_LAST : 1u << i))
				echo_buf_printf(out, "%s%d%s", n++ ? "," : "", i == 5 ? -1 : i + 1,
				                days[r->weekday]);
	}
	struct icaltimetype u = icaltime_from_timet_with_zone((time_t)until_utc, 0,
	                                                      icaltimezone_get_utc_timezone());
	echo_buf_printf(out, ";UNTIL=%04d%02d%02dT%02d%02d%02dZ", u.year, u.month, u.day, u.hour,
	                u.minute, u.second);
}

static int add_event(icalcomponent *cal, const struct event *e)
{
	icalcomponent *ev = make_event(e);
	if (!ev || (!e->cancelled && add_alarms(ev, e) != 0)) {
		icalcomponent_free(ev);
		return -1;
	}
	icalcomponent_add_component(cal, ev);
	return 0;
}

static int series_event(icalcomponent *cal, const echo_series *s, const echo_ics_options *o,
                        const char *uid, const echo_series_date *d, long long recurrence_id)
{
	const char *program = echo_node_get_text(s->root, "program");
	const char *topic = d && d->topic ? echo_node_get_text(d->topic, "title") : NULL;
	echo_buf summary = ECHO_BUF_INIT, text = ECHO_BUF_INIT;
	echo_buf_printf(&summary, "%s%s%s", program ? program : "", topic ? ": " : "",
	                topic ? topic : "");
	echo_series_text(s, d, &text);
	struct event e = {s->tz, uid, d->start_utc, d->start_utc + 60LL * s->duration,
	                  recurrence_id, echo_buf_cstr(&summary), echo_buf_cstr(&text),
	                  echo_node_get_text(s->root, "location"), o, s->root, s->revision, 0};
	int rc = summary.failed || text.failed ? -1 : add_event(cal, &e);
	echo_buf_free(&summary);
	echo_buf_free(&text);
	return rc;
}

/* A cancelled session: the occurrence, marked cancelled (RFC 5545
 * STATUS:CANCELLED), so a calendar shows it struck out, not gone. */
static int cancelled_event(icalcomponent *cal, const echo_series *s, const echo_ics_options *o,
                           const char *uid, const echo_cancelled_date *c, long long recurrence_id)
{
	const char *program = echo_node_get_text(s->root, "program");
	echo_buf summary = ECHO_BUF_INIT, text = ECHO_BUF_INIT;
	echo_buf_printf(&summary, "Cancelled: %s", program ? program : "");
	echo_buf_printf(&text, "Session %d is cancelled", c->number);
	if (c->reason)
		echo_buf_printf(&text, ": %s", c->reason);
	echo_buf_puts(&text, ".\n");
	const char *title = c->topic ? echo_node_get_text(c->topic, "title") : NULL;
	if (title && c->fate == ECHO_TOPIC_DROPPED)
		echo_buf_printf(&text, "Its topic, %s, is dropped.\n", title);
	else if (title && c->fate == ECHO_TOPIC_MOVED) {
		echo_buf_printf(&text, "Its topic, %s, moves to ", title);
		echo_format_date(&text, c->moved_to);
		echo_buf_puts(&text, ".\n");
	} else if (c->fate == ECHO_TOPIC_SHIFT)
		echo_buf_puts(&text, "The topics from this session on move one session later.\n");
	struct event e = {s->tz, uid, c->start_utc, c->start_utc + 60LL * s->duration,
	                  recurrence_id, echo_buf_cstr(&summary), echo_buf_cstr(&text),
	                  echo_node_get_text(s->root, "location"), o, s->root, s->revision, 1};
	int rc = summary.failed || text.failed ? -1 : add_event(cal, &e);
	echo_buf_free(&summary);
	echo_buf_free(&text);
	return rc;
}

/* A training day: an event of its own, not an occurrence of the series. */
static int training_event(icalcomponent *cal, const echo_series *s, const echo_ics_options *o,
                          const echo_training_day *t)
{
	const char *program = echo_node_get_text(s->root, "program");
	char uid[96];
	make_uid(uid, sizeof uid, "training", program, t->date);
	echo_buf summary = ECHO_BUF_INIT;
	echo_buf_printf(&summary, "%s: %s", program ? program : "", t->title ? t->title : "");
	struct event e = {s->tz, uid, t->start_utc, t->start_utc + 60LL * t->duration, -1,
	                  echo_buf_cstr(&summary), NULL, t->location, o, NULL, s->revision, 0};
	int rc = summary.failed ? -1 : add_event(cal, &e);
	echo_buf_free(&summary);
	return rc;
}

static void add_rdate(icalcomponent *ev, const echo_series *s, long long start_utc)
{
	struct icaldatetimeperiodtype rdate;
	memset(&rdate, 0, sizeof rdate);
	rdate.time = local_time(to_local(s->tz, start_utc));
	rdate.period = icalperiodtype_null_period();
	icalcomponent_add_property(ev, with_tzid(icalproperty_new_rdate(rdate), s->tz));
}

/* The master event: the first rule date, recurring, with the series'
 * extra and skipped dates. */
static int master_event(icalcomponent *cal, const echo_series *s, const echo_ics_options *o,
                        const char *uid, const struct planned *first, const struct planned *last)
{
	const char *program = echo_node_get_text(s->root, "program");
	const char *title = echo_node_get_text(s->root, "title");
	echo_buf summary = ECHO_BUF_INIT, text = ECHO_BUF_INIT, rule = ECHO_BUF_INIT;
	echo_buf_printf(&summary, "%s%s%s", program ? program : "", title ? ": " : "",
	                title ? title : "");
	echo_series_text(s, NULL, &text);
	struct event e = {s->tz, uid, first->start_utc, first->start_utc + 60LL * s->duration, -1,
	                  echo_buf_cstr(&summary), echo_buf_cstr(&text),
	                  echo_node_get_text(s->root, "location"), o, s->root, s->revision, 0};
	icalcomponent *ev = summary.failed || text.failed ? NULL : make_event(&e);
	int rc = ev ? 0 : -1;
	if (ev && last->date != first->date) {
		rrule_text(&rule, s, last->start_utc);
		struct icalrecurrencetype rt = icalrecurrencetype_from_string(echo_buf_cstr(&rule));
		if (rule.failed || rt.freq == ICAL_NO_RECURRENCE)
			rc = -1;
		else
			icalcomponent_add_property(ev, icalproperty_new_rrule(rt));
	}
	for (size_t i = 0; ev && i < s->date_count; i++)
		if (s->dates[i].extra)
			add_rdate(ev, s, s->dates[i].start_utc);
	for (size_t i = 0; ev && i < s->cancelled_count; i++)
		if (s->cancelled[i].extra)
			add_rdate(ev, s, s->cancelled[i].start_utc);
	for (size_t i = 0; ev && i < s->skipped_count; i++) {
		long day = s->skipped[i].date;
		if (day <= first->date || day >= last->date)
			continue;
		long long utc = echo_tz_to_utc(s->tz, (long long)day * 86400 + 60LL * s->start, NULL);
		icalcomponent_add_property(ev, with_tzid(icalproperty_new_exdate(
			local_time(to_local(s->tz, utc))), s->tz));
	}
	if (ev && rc == 0)
		rc = add_alarms(ev, &e);
	echo_buf_free(&summary);
	echo_buf_free(&text);
	echo_buf_free(&rule);
	if (rc != 0) {
		icalcomponent_free(ev);
		return -1;
	}
	icalcomponent_add_component(cal, ev);
	return 0;
}

/* The times the series' events span, UTC: for its VTIMEZONE. */
static void series_span(const echo_series *s, long long *from, long long *to)
{
	*from = s->dates[0].start_utc;
	*to = s->dates[s->date_count - 1].start_utc + 60LL * s->duration;
	for (size_t i = 0; i < s->cancelled_count; i++) {
		if (s->cancelled[i].start_utc < *from)
			*from = s->cancelled[i].start_utc;
		if (s->cancelled[i].start_utc + 60LL * s->duration > *to)
			*to = s->cancelled[i].start_utc + 60LL * s->duration;
	}
	for (size_t i = 0; i < s->training_count; i++) {
		const echo_training_day *t = &s->training[i];
		if (t->start_utc < *from)
			*from = t->start_utc;
		if (t->start_utc + 60LL * t->duration > *to)
			*to = t->start_utc + 60LL * t->duration;
	}
}

/* The series' events into cal: the recurring master with its topic and
 * cancelled overrides (or, when one event cannot start the series, an
 * event per session), and the training days.  The series' override for
 * day left_out (a day number, or -1) is not added: a session file gives
 * its own.  Returns 0, or -1 if memory runs out. */
static int add_series_events(icalcomponent *cal, const echo_series *s, const echo_ics_options *o,
                             long left_out)
{
	const char *program = echo_node_get_text(s->root, "program");
	struct planned first, last;
	char uid[96];
	/* One recurring event needs its first instance to be the first session. */
	if (rule_span(s, &first, &last)) {
		make_uid(uid, sizeof uid, "series", program, first.date);
		if (master_event(cal, s, o, uid, &first, &last) != 0)
			return -1;
		for (size_t i = 0; i < s->date_count; i++) {
			const echo_series_date *d = &s->dates[i];
			/* A date with its own topic, presenter or note is an override. */
			if ((d->topic || d->entry) && d->date != left_out &&
			    series_event(cal, s, o, uid, d, d->start_utc) != 0)
				return -1;
		}
		for (size_t i = 0; i < s->cancelled_count; i++) {
			const echo_cancelled_date *c = &s->cancelled[i];
			if (cancelled_event(cal, s, o, uid, c, c->start_utc) != 0)
				return -1;
		}
	} else {
		for (size_t i = 0; i < s->date_count; i++) {
			const echo_series_date *d = &s->dates[i];
			make_uid(uid, sizeof uid, "series-session", program, d->date);
			if (d->date != left_out && series_event(cal, s, o, uid, d, -1) != 0)
				return -1;
		}
		for (size_t i = 0; i < s->cancelled_count; i++) {
			const echo_cancelled_date *c = &s->cancelled[i];
			make_uid(uid, sizeof uid, "series-session", program, c->date);
			if (cancelled_event(cal, s, o, uid, c, -1) != 0)
				return -1;
		}
	}
	for (size_t i = 0; i < s->training_count; i++)
		if (training_event(cal, s, o, &s->training[i]) != 0)
			return -1;
	return 0;
}

int echo_ics_series(const echo_series *s, const echo_ics_options *o, echo_buf *out,
                    echo_diags *diags)
{
	const char *program = echo_node_get_text(s->root, "program");
	icalcomponent *cal = new_calendar(program);
	if (!cal || s->date_count == 0)
		return failed(cal, diags);
	long long from, to;
	series_span(s, &from, &to);
	void *vtz = echo_ics_vtimezone(s->tz, from, to);
	if (!vtz)
		return failed(cal, diags);
	icalcomponent_add_component(cal, vtz);
	if (add_series_events(cal, s, o, -1) != 0)
		return failed(cal, diags);
	return finish(cal, out, diags);
}
