/* The program report: for a period of a series, the sessions planned,
 * held and cancelled, who came (learners and faculty apart), the hours
 * issued and the people certified, the cases presented (a case and its
 * follow-ups once), by month, and the cases by site and profession; as the
 * data its template renders, as CSV and as JSON (echo-report/1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echo/calendar.h"
#include "echo/case.h"
#include "echo/escape.h"
#include "echo/html.h"
#include "echo/json.h"
#include "echo/minutes.h"
#include "minutes_build.h"

/* One row of the session table: a session held or cancelled, or a
 * training day, in the period. */
struct report_session {
	long date;
	int number;
	int training;
	int cancelled;
	const char *reason;       /* cancelled: as the series writes it, or NULL */
	size_t learners, faculty, credited;
	long long hours;          /* hundredths of an hour issued */
};

/* What a month, or the whole period, adds up to. */
struct report_tally {
	size_t held, cancelled, training;
	size_t learners, faculty;               /* unique people present */
	size_t learner_visits, faculty_visits;  /* person-sessions */
	long long hours;
	size_t cases, new_cases, follow_ups, presentations;
};

struct report_month {
	int year, month;
	struct report_tally t;
};

/* A count of case presentations by a text (a site, a profession). */
struct report_count {
	const char *name;
	size_t count;
};

struct echo_program_report {
	const echo_schedule *schedule;
	long from, until;
	const char *kind;         /* credit.kind, or NULL */
	long long hours_each;     /* credit.hours in hundredths; -1: not given */
	int has_rule;
	echo_buf rule;            /* the certification rule in words */
	size_t certified;         /* learners certified through the period */
	struct report_tally total;
	struct report_session *sessions;
	size_t session_count;
	struct report_month *months;
	size_t month_count;
	echo_skipped_date *skipped;   /* borrowed from the series */
	size_t skipped_count;
	struct report_count *sites, *professions;
	size_t site_count, profession_count;
};

static int no_memory(echo_diags *diags)
{
	echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
	return -1;
}

static void period_error(echo_diags *diags, const echo_stream *stream, const echo_schedule *sch,
                         const char *message)
{
	echo_diags_add(diags, ECHO_ERROR, stream->path, sch->at ? sch->at->start.line : 0,
	               sch->at ? sch->at->start.col : 0, "report-period", "%s", message);
}

static int in_period(const echo_program_report *r, long day)
{
	return day >= r->from && day <= r->until;
}

/* The month of a day in the period, added in order as met. */
static struct report_month *month_of(echo_program_report *r, long day)
{
	int y, m, d;
	echo_civil_from_days(day, &y, &m, &d);
	for (size_t i = 0; i < r->month_count; i++)
		if (r->months[i].year == y && r->months[i].month == m)
			return &r->months[i];
	return NULL;
}

/* Every month from the period's first to its last. */
static int make_months(echo_program_report *r)
{
	int y, m, d, y2, m2;
	echo_civil_from_days(r->from, &y, &m, &d);
	echo_civil_from_days(r->until, &y2, &m2, &d);
	size_t n = (size_t)((y2 - y) * 12 + (m2 - m) + 1);
	r->months = calloc(n, sizeof *r->months);
	if (!r->months)
		return -1;
	for (size_t i = 0; i < n; i++) {
		r->months[i].year = y;
		r->months[i].month = m;
		if (++m == 13) {
			m = 1;
			y++;
		}
	}
	r->month_count = n;
	return 0;
}

static int is_training(const echo_schedule *sch, long day, int number)
{
	for (size_t i = 0; sch->series && number == 0 && i < sch->series->training_count; i++)
		if (sch->series->training[i].date == day)
			return 1;
	return 0;
}

/* The head-count rule of the sessions (echo_session_person_present) for
 * one person's mark in a series. */
static int mark_present(const echo_series_mark *m)
{
	return m->source == ECHO_MINUTES_UNKNOWN || (m->source != ECHO_MINUTES_NONE && m->seconds > 0);
}

static int add_session(echo_program_report *r, struct report_session s)
{
	struct report_session *grown = realloc(r->sessions, (r->session_count + 1) * sizeof *grown);
	if (!grown)
		return -1;
	r->sessions = grown;
	grown[r->session_count++] = s;
	return 0;
}

static int session_cmp(const void *a, const void *b)
{
	const struct report_session *x = a, *y = b;
	return x->date < y->date ? -1 : x->date > y->date;
}

/* The sessions and training days of the period, from the series and the
 * credit run; people's attendance in the month and the period. */
static int count_sessions(echo_program_report *r, const echo_credit_result *res)
{
	const echo_schedule *sch = r->schedule;
	const echo_series_credit *sc = res->series;
	for (size_t k = 0; k < res->held; k++) {
		const echo_schedule_date *d = &sch->dates[k];
		if (!in_period(r, d->date))
			continue;
		struct report_session s = {d->date, d->number, is_training(sch, d->date, d->number),
		                           sc->cancelled[k], NULL, 0, 0, 0, 0};
		if (s.cancelled)
			s.reason = "--cancelled";
		if (res->credits[k]) {
			echo_head_count hc = echo_session_head_count(res->credits[k]);
			s.learners = hc.learners;
			s.faculty = hc.faculty;
			s.credited = hc.credited;
			/* The hours each learner earned, as the credit outputs
			 * give them (a training day's own, a quarter-hour rule). */
			const echo_session_credit *c = res->credits[k];
			for (size_t i = 0; i < c->count; i++)
				if (c->people[i].kind != ECHO_PERSON_FACULTY && c->people[i].kind != ECHO_PERSON_ROOM)
					s.hours += c->people[i].hours;
		}
		struct report_month *m = month_of(r, d->date);
		struct report_tally *ts[] = {&r->total, &m->t};
		for (size_t i = 0; i < 2; i++) {
			ts[i]->training += s.training;
			ts[i]->held += !s.training && !s.cancelled;
			ts[i]->cancelled += s.cancelled;
			ts[i]->learner_visits += s.learners;
			ts[i]->faculty_visits += s.faculty;
			ts[i]->hours += s.hours;
		}
		if (add_session(r, s) != 0)
			return -1;
	}
	/* Sessions the series itself cancels are not in its dates. */
	for (size_t i = 0; sch->series && i < sch->series->cancelled_count; i++) {
		const echo_cancelled_date *c = &sch->series->cancelled[i];
		if (!in_period(r, c->date))
			continue;
		struct report_session s = {c->date, c->number, 0, 1, c->reason, 0, 0, 0, 0};
		r->total.cancelled++;
		month_of(r, c->date)->t.cancelled++;
		if (add_session(r, s) != 0)
			return -1;
	}
	if (r->session_count)
		qsort(r->sessions, r->session_count, sizeof *r->sessions, session_cmp);

	/* Unique people, in the period and in each month. */
	for (size_t p = 0; p < sc->count; p++) {
		const echo_series_person *person = &sc->people[p];
		if (person->kind == ECHO_PERSON_ROOM)
			continue;
		int faculty = person->kind == ECHO_PERSON_FACULTY, in_total = 0;
		struct report_month *last = NULL;
		for (size_t k = 0; k < sc->session_count; k++) {
			long day = sch->dates[k].date;
			if (!in_period(r, day) || !mark_present(&person->marks[k]))
				continue;
			struct report_month *m = month_of(r, day);
			if (m != last) {
				*(faculty ? &m->t.faculty : &m->t.learners) += 1;
				last = m;
			}
			in_total = 1;
		}
		*(faculty ? &r->total.faculty : &r->total.learners) += in_total;
		r->certified += person->certified && !faculty;
	}
	return 0;
}

/* Counts text once more in a list of counts (NULL or "" is left out). */
static int count_text(struct report_count **list, size_t *n, const char *text)
{
	if (!text || !*text)
		return 0;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*list)[i].name, text) == 0) {
			(*list)[i].count++;
			return 0;
		}
	struct report_count *grown = realloc(*list, (*n + 1) * sizeof *grown);
	if (!grown)
		return -1;
	*list = grown;
	grown[(*n)++] = (struct report_count){text, 1};
	return 0;
}

static int count_cmp(const void *a, const void *b)
{
	const struct report_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The day a case was presented: its session date. */
static long case_day(const echo_case_ref *c)
{
	return mb_day(echo_node_get_text(c->root, "session"));
}

/* The case given that cases[i]'s follow_up_of names; n when none. */
static size_t followed(const echo_case_ref *cases, size_t n, size_t i)
{
	const echo_node *of = echo_node_get(cases[i].root, "follow_up_of");
	const char *want = echo_node_is_scalar(of) && of->type != ECHO_NODE_NULL ? of->text : NULL;
	for (size_t j = 0; want && j < n; j++) {
		const char *id = echo_node_get_text(cases[j].root, "id");
		if (j != i && id && strcmp(id, want) == 0)
			return j;
	}
	return n;
}

/* A case's presentations: every follow_up_of names a case given, and no
 * chain of them comes back to where it started; a case
 * of another program, or without a session date, is left out with a
 * warning.  Counts the period's cases, new cases and follow-ups. */
static int count_cases(echo_program_report *r, const echo_case_ref *cases, size_t n,
                       echo_diags *diags)
{
	const char *program = echo_node_get_text(r->schedule->root, "program");
	size_t errors = diags->errors;
	for (size_t i = 0; i < n; i++) {
		const echo_node *of = echo_node_get(cases[i].root, "follow_up_of");
		const char *want = echo_node_is_scalar(of) && of->type != ECHO_NODE_NULL ? of->text
		                                                                        : NULL;
		int found = 0;
		for (size_t j = 0; want && j < n && !found; j++) {
			const char *id = echo_node_get_text(cases[j].root, "id");
			found = j != i && id && strcmp(id, want) == 0;
		}
		if (want && !found)
			echo_diags_add(diags, ECHO_ERROR, cases[i].stream->path, of->start.line,
			               of->start.col, "follow-up-of",
			               "follow_up_of names %s, which is none of the cases given; give its "
			               "file with --cases too", want);
		/* A cycle (A follows B follows A) has no first presentation. */
		size_t k = found ? followed(cases, n, i) : n;
		for (size_t steps = 0; k < n && k != i && steps < n; steps++)
			k = followed(cases, n, k);
		if (k == i)
			echo_diags_add(diags, ECHO_ERROR, cases[i].stream->path, of->start.line,
			               of->start.col, "follow-up-of",
			               "follow_up_of %s leads back to this case (%s): a chain of "
			               "follow-ups needs a first presentation that follows up nothing",
			               want, echo_node_get_text(cases[i].root, "id"));
	}
	if (diags->errors > errors)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const echo_node *root = cases[i].root;
		long day = case_day(&cases[i]);
		const echo_node *series = echo_node_get(root, "series");
		if (day == MB_NO_DAY || !in_period(r, day))
			continue;
		if (program && echo_node_is_scalar(series) && series->type != ECHO_NODE_NULL &&
		    strcmp(series->text, program) != 0) {
			echo_diags_add(diags, ECHO_WARNING, cases[i].stream->path, series->start.line,
			               series->start.col, "report-program",
			               "left out: this case is of %s; the report is of %s", series->text,
			               program);
			continue;
		}
		/* Its case's first presentation: the earliest of those it counts
		 * as (the first given on the same day). */
		const char *key = echo_case_counted_as(root);
		int first = 1, counted = 0;
		for (size_t j = 0; key && j < n; j++) {
			const char *other = echo_case_counted_as(cases[j].root);
			long d = case_day(&cases[j]);
			if (j == i || !other || strcmp(other, key) != 0 || d == MB_NO_DAY)
				continue;
			if (d < day || (d == day && j < i))
				first = 0;
			if (in_period(r, d) && (d < day || (d == day && j < i)))
				counted = 1;
		}
		struct report_month *m = month_of(r, day);
		struct report_tally *ts[] = {&r->total, &m->t};
		for (size_t t = 0; t < 2; t++) {
			ts[t]->presentations++;
			ts[t]->new_cases += first;
			ts[t]->follow_ups += !first;
		}
		r->total.cases += !counted;
		/* A month counts a case once too. */
		int in_month = 0;
		for (size_t j = 0; key && j < n && !in_month; j++) {
			const char *other = echo_case_counted_as(cases[j].root);
			long d = case_day(&cases[j]);
			in_month = j != i && other && strcmp(other, key) == 0 && d != MB_NO_DAY &&
			           month_of(r, d) == m && (d < day || (d == day && j < i));
		}
		m->t.cases += !in_month;
		const echo_node *presenter = echo_node_get(root, "presenter");
		if (count_text(&r->sites, &r->site_count, echo_node_get_text(presenter, "site")) != 0 ||
		    count_text(&r->professions, &r->profession_count,
		               echo_node_get_text(presenter, "role")) != 0)
			return no_memory(diags);
	}
	if (r->site_count)
		qsort(r->sites, r->site_count, sizeof *r->sites, count_cmp);
	if (r->profession_count)
		qsort(r->professions, r->profession_count, sizeof *r->professions, count_cmp);
	return 0;
}

/* The period: --from and --until, by default the series' first and last
 * dates; it must hold a date of the series. */
static int read_period(echo_program_report *r, const echo_stream *stream,
                       const echo_report_period *period, echo_diags *diags)
{
	const echo_schedule *sch = r->schedule;
	long first = sch->count ? sch->dates[0].date : 0, last = sch->count ? sch->dates[sch->count - 1].date : 0;
	for (size_t i = 0; sch->series && i < sch->series->cancelled_count; i++) {
		long d = sch->series->cancelled[i].date;
		first = !sch->count || d < first ? d : first;
		last = !sch->count || d > last ? d : last;
	}
	r->from = period && period->has_from ? period->from : first;
	r->until = period && period->has_until ? period->until : last;
	/* Only both options given make an empty period; one given beyond the
	 * series' other end is a period without its sessions, said below. */
	if (r->from > r->until && period && period->has_from && period->has_until) {
		period_error(diags, stream, sch, "the period is empty: --from is after --until");
		return -1;
	}
	if (r->until < first || r->from > last) {
		char a[16], b[16];
		echo_date_format(first, a, sizeof a);
		echo_date_format(last, b, sizeof b);
		echo_diags_add(diags, ECHO_ERROR, stream->path, sch->at ? sch->at->start.line : 0,
		               sch->at ? sch->at->start.col : 0, "report-period",
		               "no session of the series is in the period; its sessions run from %s "
		               "to %s", a, b);
		return -1;
	}
	return 0;
}

echo_program_report *echo_program_report_build(const echo_stream *stream,
                                               const echo_schedule *schedule,
                                               const char *const *exports, size_t count,
                                               const echo_case_ref *cases, size_t case_count,
                                               const echo_report_period *period,
                                               const echo_credit_options *options,
                                               echo_credit_result *res, echo_diags *diags)
{
	if (!schedule->is_series) {
		echo_diags_add(diags, ECHO_ERROR, stream->path, schedule->at ? schedule->at->start.line : 0,
		               schedule->at ? schedule->at->start.col : 0, "schedule",
		               "this is one session; the report is of a series");
		return NULL;
	}
	echo_program_report *r = calloc(1, sizeof *r);
	if (!r) {
		no_memory(diags);
		return NULL;
	}
	r->schedule = schedule;
	r->rule = (echo_buf)ECHO_BUF_INIT;
	if (read_period(r, stream, period, diags) != 0 || make_months(r) != 0) {
		if (!r->months && !diags->errors)
			no_memory(diags);
		echo_program_report_free(r);
		return NULL;
	}
	/* Credit through the period's end: certification counts every
	 * session of the series up to then. */
	echo_credit_options o = *options;
	if (!o.has_through || o.through > r->until) {
		o.has_through = 1;
		o.through = r->until;
		o.through_option = "--until";
	}
	/* The credit a session earns, as the schedule read it. */
	r->kind = schedule->hours.kind;
	r->hours_each = schedule->hours.hours > 0 ? schedule->hours.hours : -1;
	r->has_rule = options->certify || schedule->has_certification;
	int ok = echo_credit_series_compute(stream, schedule, exports, count, &o, res, diags) == 0;
	if (ok && r->has_rule)
		echo_series_rule_describe(&r->rule, &res->series->rule, res->series->held);
	if (ok && schedule->series) {
		r->skipped = schedule->series->skipped;
		r->skipped_count = schedule->series->skipped_count;
	}
	ok = ok && count_sessions(r, res) == 0 && count_cases(r, cases, case_count, diags) == 0;
	if (!ok) {
		echo_program_report_free(r);
		return NULL;
	}
	return r;
}

void echo_program_report_free(echo_program_report *report)
{
	if (!report)
		return;
	free(report->sessions);
	free(report->months);
	free(report->sites);
	free(report->professions);
	echo_buf_free(&report->rule);
	free(report);
}

/* Output ------------------------------------------------------------------------ */

/* Hundredths of an hour as every output shows them: "12.50", "3.00". */
static void hours_text(long long h, char *buf, size_t size)
{
	echo_hours_format((long)h, buf, size);
}

static size_t skipped_in(const echo_program_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->skipped_count; i++)
		n += in_period(r, r->skipped[i].date);
	return n;
}

static void month_text(const struct report_month *m, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d", m->year % 10000, m->month % 100);
}

/* The tally's keys, for the view and the JSON alike. */
static void set_tally(echo_view_builder *b, echo_node *map, const struct report_tally *t)
{
	char h[32];
	echo_view_set_int(b, map, "sessions_planned", (long long)(t->held + t->cancelled));
	echo_view_set_int(b, map, "sessions_held", (long long)t->held);
	echo_view_set_int(b, map, "sessions_cancelled", (long long)t->cancelled);
	echo_view_set_int(b, map, "training_days", (long long)t->training);
	echo_view_set_int(b, map, "learners", (long long)t->learners);
	echo_view_set_int(b, map, "faculty", (long long)t->faculty);
	echo_view_set_int(b, map, "learner_attendance", (long long)t->learner_visits);
	echo_view_set_int(b, map, "faculty_attendance", (long long)t->faculty_visits);
	hours_text(t->hours, h, sizeof h);
	echo_view_set_string(b, map, "hours_issued", h);
	echo_view_set_int(b, map, "cases", (long long)t->cases);
	echo_view_set_int(b, map, "new_cases", (long long)t->new_cases);
	echo_view_set_int(b, map, "follow_ups", (long long)t->follow_ups);
	echo_view_set_int(b, map, "presentations", (long long)t->presentations);
}

static echo_node *count_list(echo_view_builder *b, const struct report_count *c, size_t n,
                             const char *key, int json)
{
	echo_buf buf = ECHO_BUF_INIT;
	echo_node *list = echo_view_seq(b);
	for (size_t i = 0; i < n; i++) {
		echo_node *m = echo_view_map(b);
		if (json)
			echo_buf_puts(&buf, c[i].name);
		else
			echo_markdown_cell(&buf, c[i].name, strlen(c[i].name));
		echo_view_set_buf(b, m, key, &buf);
		echo_view_set_int(b, m, "presentations", (long long)c[i].count);
		echo_view_push(b, list, m);
	}
	echo_buf_free(&buf);
	return list;
}

/* The chart's data: one line per session held (learners | faculty),
 * as html.c's echo-chart block reads it. */
static void chart_text(const echo_program_report *r, echo_buf *out)
{
	char date[16];
	echo_buf_puts(out, "title: Attendance per session\n");
	echo_buf_puts(out, "desc: Learners and faculty present at each session held in the period; "
	                   "the numbers are also in the table of sessions.\n");
	echo_buf_puts(out, "series: Learners | Faculty\n");
	for (size_t i = 0; i < r->session_count; i++) {
		const struct report_session *s = &r->sessions[i];
		if (s->cancelled)
			continue;
		echo_date_format(s->date, date, sizeof date);
		echo_buf_printf(out, "%s | %zu | %zu\n", date, s->learners, s->faculty);
	}
}

static echo_node *report_build(echo_stream *into, const echo_program_report *r, int json,
                               int chart)
{
	echo_view_builder b = {into, 0};
	echo_buf buf = ECHO_BUF_INIT;
	char h[32], text[16];
	const echo_schedule *sch = r->schedule;
	echo_node *data = echo_view_map(&b);
	if (json)
		echo_view_set_string(&b, data, "format", "echo-report/1");
	echo_view_copy_key(&b, data, "program", sch->root, NULL);
	echo_view_copy_key(&b, data, "title", sch->root, NULL);
	mb_date(&buf, r->from);
	echo_view_set_buf(&b, data, "from", &buf);
	mb_date(&buf, r->until);
	echo_view_set_buf(&b, data, "until", &buf);
	if (!json) {
		echo_format_date(&buf, r->from);
		echo_view_set_buf(&b, data, "from_long", &buf);
		echo_format_date(&buf, r->until);
		echo_view_set_buf(&b, data, "until_long", &buf);
	}
	if (r->kind)
		echo_view_set_string(&b, data, "credit_kind", r->kind);
	else if (json)
		echo_view_set_null(&b, data, "credit_kind");
	if (r->hours_each >= 0) {
		hours_text(r->hours_each, h, sizeof h);
		echo_view_set_string(&b, data, "hours_per_session", h);
		if (!json) {
			/* "1.00 CEU for each session credited" unless a training
			 * day earns other hours than the sessions. */
			int varies = 0;
			for (size_t i = 0; i < sch->count; i++)
				varies |= sch->dates[i].hours != sch->hours.hours;
			echo_credit_hours_describe(&sch->hours, varies, &buf);
			echo_view_set_buf(&b, data, "hours_rule", &buf);
		}
	} else if (json) {
		echo_view_set_null(&b, data, "hours_per_session");
	}
	echo_node *total = echo_view_map(&b);
	set_tally(&b, total, &r->total);
	echo_view_set_int(&b, total, "sessions_skipped", (long long)skipped_in(r));
	if (r->has_rule)
		echo_view_set_int(&b, total, "certified", (long long)r->certified);
	else if (json)
		echo_view_set_null(&b, total, "certified");
	echo_view_set(&b, data, "total", total);
	if (r->has_rule)
		echo_view_set_string(&b, data, "certification_rule", echo_buf_cstr((echo_buf *)&r->rule));
	else if (json)
		echo_view_set_null(&b, data, "certification_rule");
	echo_view_set_string(&b, data, "certification_title", sch->certification_title);

	echo_node *sessions = echo_view_seq(&b);
	for (size_t i = 0; i < r->session_count; i++) {
		const struct report_session *s = &r->sessions[i];
		echo_node *m = echo_view_map(&b);
		mb_date(&buf, s->date);
		echo_view_set_buf(&b, m, "date", &buf);
		if (s->number)
			echo_view_set_int(&b, m, "number", s->number);
		else if (json)
			echo_view_set_null(&b, m, "number");
		echo_view_set_string(&b, m, "kind", s->training ? "training" : "session");
		echo_view_set_string(&b, m, "status", s->cancelled ? "cancelled" : "held");
		if (s->reason && !json)
			echo_markdown_cell(&buf, s->reason, strlen(s->reason));
		else if (s->reason)
			echo_buf_puts(&buf, s->reason);
		if (s->reason)
			echo_view_set_buf(&b, m, "reason", &buf);
		else if (json)
			echo_view_set_null(&b, m, "reason");
		echo_view_set_int(&b, m, "learners", (long long)s->learners);
		echo_view_set_int(&b, m, "faculty", (long long)s->faculty);
		echo_view_set_int(&b, m, "credited", (long long)s->credited);
		hours_text(s->hours, h, sizeof h);
		echo_view_set_string(&b, m, "hours_issued", h);
		if (!json) {
			echo_view_set_bool(&b, m, "cancelled", s->cancelled);
			echo_view_set_bool(&b, m, "training", s->training);
		}
		echo_view_push(&b, sessions, m);
	}
	echo_view_set(&b, data, "sessions", sessions);

	echo_node *skipped = echo_view_seq(&b);
	for (size_t i = 0; i < r->skipped_count; i++) {
		if (!in_period(r, r->skipped[i].date))
			continue;
		echo_node *m = echo_view_map(&b);
		mb_date(&buf, r->skipped[i].date);
		echo_view_set_buf(&b, m, "date", &buf);
		const char *why = r->skipped[i].reason;
		if (why && !json)
			echo_markdown_cell(&buf, why, strlen(why));
		else if (why)
			echo_buf_puts(&buf, why);
		if (why)
			echo_view_set_buf(&b, m, "reason", &buf);
		else if (json)
			echo_view_set_null(&b, m, "reason");
		echo_view_push(&b, skipped, m);
	}
	echo_view_set(&b, data, "skipped", skipped);

	echo_node *months = echo_view_seq(&b);
	for (size_t i = 0; i < r->month_count; i++) {
		echo_node *m = echo_view_map(&b);
		month_text(&r->months[i], text, sizeof text);
		echo_view_set_string(&b, m, "month", text);
		set_tally(&b, m, &r->months[i].t);
		echo_view_push(&b, months, m);
	}
	echo_view_set(&b, data, "months", months);
	echo_view_set(&b, data, "cases_by_site", count_list(&b, r->sites, r->site_count, "site", json));
	echo_view_set(&b, data, "cases_by_profession",
	       count_list(&b, r->professions, r->profession_count, "profession", json));
	if (!json) {
		echo_view_set_bool(&b, data, "has_rule", r->has_rule);
		echo_view_set_bool(&b, data, "has_skipped", skipped && skipped->count);
		echo_view_set_bool(&b, data, "has_sites", r->site_count > 0);
		echo_view_set_bool(&b, data, "has_professions", r->profession_count > 0);
		/* A period of more sessions than a chart draws has none: its
		 * block would be printed as the code it is. */
		size_t held = 0;
		for (size_t i = 0; i < r->session_count; i++)
			held += !r->sessions[i].cancelled;
		if (chart && held <= ECHO_CHART_MAX_GROUPS) {
			chart_text(r, &buf);
			echo_view_set_buf(&b, data, "chart", &buf);
		}
	}
	echo_buf_free(&buf);
	return b.failed ? NULL : data;
}

echo_node *echo_program_report_data(echo_stream *into, const echo_program_report *report,
                                    int chart)
{
	return report_build(into, report, 0, chart);
}

/* JSON numbers for the hours, which the view keeps as text. */
static void hours_as_numbers(echo_node *n)
{
	if (!n)
		return;
	if (n->type == ECHO_NODE_MAP) {
		for (size_t i = 0; i < n->count; i++) {
			const char *k = n->pairs[i].key->text;
			echo_node *v = n->pairs[i].value;
			if ((strcmp(k, "hours_issued") == 0 || strcmp(k, "hours_per_session") == 0) &&
			    v->type == ECHO_NODE_STRING) {
				v->type = ECHO_NODE_FLOAT;
				v->number = strtod(v->text, NULL);
			}
			hours_as_numbers(v);
		}
	} else if (n->type == ECHO_NODE_SEQ) {
		for (size_t i = 0; i < n->count; i++)
			hours_as_numbers(n->items[i]);
	}
}

int echo_program_report_json(echo_stream *into, const echo_program_report *report,
                             echo_buf *out)
{
	echo_node *data = report_build(into, report, 1, 0);
	if (!data)
		return -1;
	hours_as_numbers(data);
	echo_json_node(out, data, 0);
	echo_buf_putc(out, '\n');
	return out->failed ? -1 : 0;
}

static void csv_row(echo_buf *out, const char *period, const struct report_tally *t,
                    const char *certified)
{
	char h[32];
	hours_text(t->hours, h, sizeof h);
	echo_buf_printf(out, "%s,%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu,%s,%s,%zu,%zu,%zu\r\n", period,
	                t->held + t->cancelled, t->held, t->cancelled, t->training, t->learners,
	                t->faculty, t->learner_visits, t->faculty_visits, h, certified, t->cases,
	                t->new_cases, t->follow_ups);
}

int echo_program_report_csv(const echo_program_report *report, echo_buf *out)
{
	char month[16], certified[32] = "";
	echo_buf_puts(out, "period,sessions_planned,sessions_held,sessions_cancelled,training_days,"
	                   "learners,faculty,learner_attendance,faculty_attendance,hours_issued,"
	                   "certified,cases,new_cases,follow_ups\r\n");
	for (size_t i = 0; i < report->month_count; i++) {
		month_text(&report->months[i], month, sizeof month);
		csv_row(out, month, &report->months[i].t, "");
	}
	if (report->has_rule)
		snprintf(certified, sizeof certified, "%zu", report->certified);
	csv_row(out, "total", &report->total, certified);
	return out->failed ? -1 : 0;
}
