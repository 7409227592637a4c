/* Certification beyond attendance: a completions file (who completed
 * which requirement, when), and each person of a series judged on the
 * series' requirements. */
#include "echo/attendance.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "csv_table.h"
#include "echo/calendar.h"
#include "echo/schema.h"

/* ---- Loading ---------------------------------------------------------- */

struct load {
	echo_csv_table t;
	echo_completions *res;
	echo_diags *diags;
	size_t errors;
};

static void cell_error(struct load *ld, const echo_csv_cell *c, size_t row, const char *rule,
                       const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/* An error at a cell (or at its row's start when the cell is missing). */
static void cell_error(struct load *ld, const echo_csv_cell *c, size_t row, const char *rule,
                       const char *fmt, ...)
{
	size_t offset = c ? c->offset
	                  : ld->t.rows[row].count ? ld->t.rows[row].cells[0].offset : 0;
	echo_pos pos = echo_lines_pos(ld->t.lines, offset);
	va_list ap;
	va_start(ap, fmt);
	echo_diags_vadd(ld->diags, ECHO_ERROR, ld->t.path, pos.line, pos.col, rule, fmt, ap);
	va_end(ap);
	ld->errors++;
}

static const char *text_of(const echo_csv_cell *c)
{
	return c ? c->text : "";
}

/* A copy in the arena, spaces around it trimmed, lower case if asked. */
static const char *keep(struct load *ld, const char *s, int lower)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char *d = echo_arena_strndup(ld->res->arena, s, n);
	for (size_t i = 0; d && lower && i < n; i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] - 'A' + 'a');
	return d;
}

/* "12", "7.5", "0.25": hours in hundredths; -1 when it is not so written
 * or more than 10,000 hours. */
static long hours_parse(const char *s)
{
	long whole = 0, frac = 0;
	int digits = 0, fdigits = 0;
	while (*s == ' ')
		s++;
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		if ((whole = whole * 10 + (*s - '0')) > 10000)
			return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, fdigits++) {
			if (fdigits < 2)
				frac = frac * 10 + (*s - '0');
			else if (*s != '0')
				return -1;
		}
	}
	while (*s == ' ')
		s++;
	if (*s || (!digits && !fdigits))
		return -1;
	if (fdigits == 1)
		frac *= 10;
	return whole * 100 + frac;
}

static const echo_requirement *find_requirement(const echo_requirement *reqs, size_t count,
                                                const char *id)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(reqs[i].id, id) == 0)
			return &reqs[i];
	return NULL;
}

/* One data row into *out; 0, or -1 after its errors. */
static int read_row(struct load *ld, size_t r, const long *col, const echo_requirement *reqs,
                    size_t count, echo_completion *out)
{
	const echo_csv_table *t = &ld->t;
	const echo_csv_cell *email = echo_csv_table_cell(t, r, col[0]);
	const echo_csv_cell *req = echo_csv_table_cell(t, r, col[1]);
	const echo_csv_cell *date = echo_csv_table_cell(t, r, col[2]);
	const echo_csv_cell *hours = echo_csv_table_cell(t, r, col[4]);
	size_t errors = ld->errors;
	out->email = keep(ld, text_of(email), 1);
	out->requirement = keep(ld, text_of(req), 0);
	out->name = keep(ld, text_of(echo_csv_table_cell(t, r, col[3])), 0);
	out->notes = keep(ld, text_of(echo_csv_table_cell(t, r, col[5])), 0);
	if (!out->email || !out->requirement || !out->name || !out->notes)
		return -2;   /* memory: the caller reports it */
	const char *why = echo_email_problem(out->email);
	if (!*out->email && *out->name)
		/* A completion certifies: a name matched loosely (as --enrolled
		 * matches names) could certify someone else of that name. */
		cell_error(ld, email, r, "completions",
		           "%s has no email: a completion is matched by email only, since a name "
		           "could match someone else; give the email they attend with", out->name);
	else if (why)
		cell_error(ld, email, r, "completions", "email '%s': %s", out->email, why);
	const echo_requirement *q = find_requirement(reqs, count, out->requirement);
	if (!q) {
		echo_buf ids = ECHO_BUF_INIT;
		for (size_t i = 0; i < count; i++)
			echo_buf_printf(&ids, "%s%s", i ? ", " : "", reqs[i].id);
		cell_error(ld, req, r, "completion-requirement",
		           "requirement '%s' is not one of the series' (%s)", out->requirement,
		           count ? echo_buf_cstr(&ids) : "it lists none");
		echo_buf_free(&ids);
	}
	int y, m, d;
	const char *dt = text_of(date);
	echo_date_status st = echo_date_read(dt, &y, &m, &d);
	if (st != ECHO_DATE_OK || echo_date_parse(dt, &y, &m, &d) != 0) {
		char problem[96];
		cell_error(ld, date, r, "completion-date", "date '%s' %s", dt,
		           echo_date_problem(dt, st, problem, sizeof problem));
	} else {
		out->date = echo_days_from_civil(y, m, d);
	}
	const char *h = text_of(hours);
	out->hours = *h ? hours_parse(h) : -1;
	if (*h && out->hours < 0)
		cell_error(ld, hours, r, "completions",
		           "hours '%s': give a number of hours such as 2 or 7.5 (at most 10000)", h);
	else if (q && q->hours && out->hours < 0)
		cell_error(ld, hours ? hours : req, r, "completions",
		           "requirement '%s' is counted in hours: give the hours completed",
		           q->id);
	out->line = echo_lines_pos(t->lines, email ? email->offset : t->rows[r].cells[0].offset).line;
	return ld->errors == errors ? 0 : -1;
}

echo_completions *echo_completions_load(const char *path, const char *data, size_t len,
                                        const echo_requirement *reqs, size_t count,
                                        echo_diags *diags)
{
	struct load ld = {.diags = diags};
	char *copy = malloc(len + 1);
	if (copy)
		memcpy(copy, data, len);
	ld.res = calloc(1, sizeof *ld.res);
	if (ld.res) {
		ld.res->path = strdup(path);
		ld.res->arena = echo_arena_new();
	}
	int oom = !copy || !ld.res || !ld.res->path || !ld.res->arena;
	if (oom) {
		free(copy);
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "memory", "out of memory");
		echo_completions_free(ld.res);
		return NULL;
	}
	copy[len] = '\0';
	size_t before = diags->errors;
	if (echo_text_check(path, copy, len, diags) != 0 ||
	    echo_csv_table_parse(&ld.t, ld.res->path, copy, len, diags) != 0) {
		if (!ld.t.data)
			free(copy);
		echo_csv_table_free(&ld.t);
		echo_completions_free(ld.res);
		return NULL;
	}
	/* email, requirement, date; then name, hours, notes (optional). */
	static const char *const names[] = {"email", "requirement", "date", "name", "hours", "notes"};
	long col[6];
	for (int i = 0; i < 6; i++)
		col[i] = echo_csv_table_column(&ld.t, names[i]);
	if (ld.t.count == 0)
		echo_diags_add(diags, ECHO_ERROR, path, 1, 1, "completions",
		               "no header: the first line names the columns email,requirement,date "
		               "(and optionally name, hours, notes)");
	/* A column named twice: which one is meant is anyone's guess. */
	for (int i = 0; i < 6 && ld.t.count; i++) {
		long again = col[i] < 0 ? -1 : echo_csv_table_column_after(&ld.t, names[i], col[i]);
		if (again >= 0)
			cell_error(&ld, &ld.t.rows[0].cells[again], 0, "completions",
			           "a second '%s' column (the first is column %ld): name each column "
			           "once", names[i], col[i] + 1);
	}
	for (int i = 0; i < 3 && ld.t.count; i++)
		if (col[i] < 0)
			cell_error(&ld, NULL, 0, "completions", "no '%s' column: the first line names the "
			           "columns email,requirement,date (and optionally name, hours, notes)",
			           names[i]);
	if (diags->errors == before && ld.t.count > 1) {
		ld.res->items = echo_arena_alloc(ld.res->arena, (ld.t.count - 1) * sizeof *ld.res->items);
		oom = !ld.res->items;
	}
	/* Every row's errors, up to 20. */
	for (size_t r = 1; ld.res->items && !oom && ld.errors < 20 && r < ld.t.count; r++) {
		int rc = read_row(&ld, r, col, reqs, count, &ld.res->items[ld.res->count]);
		if (rc == -2)
			oom = 1;
		else if (rc == 0)
			ld.res->count++;
	}
	echo_csv_table_free(&ld.t);
	if (oom)
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "memory", "out of memory");
	if (oom || diags->errors != before) {
		echo_completions_free(ld.res);
		return NULL;
	}
	return ld.res;
}

void echo_completions_free(echo_completions *completions)
{
	if (!completions)
		return;
	free(completions->path);
	echo_arena_free(completions->arena);
	free(completions);
}

/* ---- Certification ---------------------------------------------------- */

enum { MAX_STRANGERS = 20 };

static int same_email(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

/* Credit in every training day (and at least one). */
static int all_training(const echo_series_credit *s, const echo_series_person *p,
                        const int *training)
{
	size_t days = 0;
	for (size_t j = 0; training && j < s->session_count; j++) {
		if (!training[j] || s->cancelled[j])
			continue;
		days++;
		if (p->marks[j].credit != ECHO_CREDIT_MET)
			return 0;
	}
	return days > 0;
}

int echo_series_credit_certify(echo_series_credit *s, const echo_requirement *reqs,
                               size_t count, const echo_completions *done, const int *training,
                               echo_diags *diags)
{
	echo_requirement *copy = echo_arena_alloc(s->arena, (count ? count : 1) * sizeof *copy);
	int oom = !copy;
	for (size_t k = 0; !oom && k < count; k++) {
		copy[k] = reqs[k];
		copy[k].id = echo_arena_strndup(s->arena, reqs[k].id, strlen(reqs[k].id));
		copy[k].title = echo_arena_strndup(s->arena, reqs[k].title, strlen(reqs[k].title));
		copy[k].description = reqs[k].description
		                          ? echo_arena_strndup(s->arena, reqs[k].description,
		                                               strlen(reqs[k].description))
		                          : NULL;
		copy[k].path = NULL;
		oom = !copy[k].id || !copy[k].title || (reqs[k].description && !copy[k].description);
	}
	for (size_t i = 0; !oom && count && i < s->count; i++) {
		echo_series_person *p = &s->people[i];
		p->requirements = echo_arena_alloc(s->arena, count * sizeof *p->requirements);
		if (!p->requirements) {
			oom = 1;
			break;
		}
		for (size_t k = 0; k < count; k++) {
			echo_requirement_status *st = &p->requirements[k];
			st->date = -1;
			for (size_t c = 0; done && c < done->count; c++) {
				const echo_completion *e = &done->items[c];
				if (!*p->email || !same_email(p->email, e->email) ||
				    strcmp(e->requirement, copy[k].id) != 0)
					continue;
				st->hours += e->hours > 0 ? e->hours : 0;
				st->date = e->date > st->date ? e->date : st->date;
			}
			st->met = st->date >= 0 && (!copy[k].hours || st->hours >= copy[k].hours);
			if (!st->met && copy[k].by_training_days && all_training(s, p, training))
				st->met = st->by_training_days = 1;
		}
	}
	/* A completion of someone the attendance never saw: the first
	 * MAX_STRANGERS at their lines, the rest counted in one more warning
	 * (a file of a whole program against one session's attendance would
	 * otherwise print a warning per row). */
	size_t strangers = 0, last = 0;
	for (size_t c = 0; !oom && done && c < done->count; c++) {
		size_t i = 0;
		while (i < s->count && !(*s->people[i].email &&
		                         same_email(s->people[i].email, done->items[c].email)))
			i++;
		if (i < s->count)
			continue;
		if (++strangers <= MAX_STRANGERS)
			echo_diags_add(diags, ECHO_WARNING, done->path, done->items[c].line, 1,
			               "completion-person",
			               "%s is in no session's attendance: this completion counts for no "
			               "one", done->items[c].email);
		last = done->items[c].line;
	}
	if (strangers > MAX_STRANGERS)
		echo_diags_add(diags, ECHO_WARNING, done->path, last, 1, "completion-person",
		               "%zu more completions (the last on this line) are of people in no session's "
		               "attendance", strangers - MAX_STRANGERS);
	if (oom) {
		echo_diags_add(diags, ECHO_ERROR, "<series>", 0, 0, "memory", "out of memory");
		return -1;
	}
	s->requirements = copy;
	s->requirement_count = count;
	for (size_t i = 0; i < s->count; i++) {
		echo_series_person *p = &s->people[i];
		p->certified = p->attendance_met;
		for (size_t k = 0; k < count; k++)
			p->certified = p->certified && p->requirements[k].met;
	}
	return 0;
}

void echo_series_person_lacking(const echo_series_credit *s, const echo_series_person *p,
                                echo_buf *out)
{
	if (p->certified || p->kind == ECHO_PERSON_FACULTY)
		return;
	const char *sep = "";
	if (!p->attendance_met) {
		size_t need = echo_series_rule_needed(&s->rule, s->held), more = need > p->credited ? need - p->credited : 0;
		echo_buf_printf(out, "attendance (credit in %zu more session%s)", more,
		                more == 1 ? "" : "s");
		sep = "; ";
	}
	for (size_t k = 0; p->requirements && k < s->requirement_count; k++) {
		const echo_requirement *q = &s->requirements[k];
		if (p->requirements[k].met)
			continue;
		echo_buf_printf(out, "%s%s", sep, q->title);
		if (q->hours) {
			char have[24], need[24];
			echo_hours_format(p->requirements[k].hours, have, sizeof have);
			echo_hours_format(q->hours, need, sizeof need);
			echo_buf_printf(out, " (%s of %s hours)", have, need);
		}
		sep = "; ";
	}
}
