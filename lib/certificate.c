/* Certificates of a series: who gets one, its number, and the data the
 * certificate template renders. */
#include <stdint.h>
#include <string.h>

#include "echo/calendar.h"
#include "echo/escape.h"
#include "echo/minutes.h"
#include "minutes_build.h"

int echo_certificate_due(const echo_series_person *p)
{
	return p->certified && p->kind != ECHO_PERSON_FACULTY && p->kind != ECHO_PERSON_ROOM;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

const echo_series_person *echo_series_credit_find(const echo_series_credit *s, const char *email)
{
	for (size_t i = 0; i < s->count; i++) {
		const char *a = s->people[i].email, *b = email;
		while (*a && lower((unsigned char)*a) == lower((unsigned char)*b))
			a++, b++;
		if (!*a && !*b && *s->people[i].email)
			return &s->people[i];
	}
	return NULL;
}

/* FNV-1a, 64 bits: small, and the same on every machine. */
static uint64_t fnv(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

int echo_certificate_number(const echo_schedule *sch, const echo_series_person *p, echo_buf *out)
{
	static const char digits[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";   /* Crockford */
	const char *id = echo_node_get_text(sch->root, "id");
	uint64_t h = 14695981039346656037ULL;
	if (id) {
		h = fnv(h, id);
	} else {
		const char *program = echo_node_get_text(sch->root, "program");
		const char *title = echo_node_get_text(sch->root, "title");
		h = fnv(fnv(fnv(h, program ? program : ""), "\n"), title ? title : "");
	}
	h = fnv(fnv(h, "\n"), p->key);   /* the email in lower case */
	echo_buf_puts(out, id ? id : "ECHO");
	for (int i = 0; i < 12; i++) {
		if (i % 4 == 0)
			echo_buf_putc(out, '-');
		echo_buf_putc(out, digits[(h >> (59 - 5 * i)) & 31]);
	}
	return out->failed ? -1 : 0;
}

/* Text from a file, escaped for a triple-brace tag. */
static void set_md(echo_view_builder *b, echo_node *map, const char *key, const char *text,
                   echo_buf *buf)
{
	echo_buf_clear(buf);
	echo_escape_markdown_text(buf, text, strlen(text));
	echo_view_set_buf(b, map, key, buf);
}

static void set_date(echo_view_builder *b, echo_node *map, const char *key, long day, echo_buf *buf)
{
	echo_buf_clear(buf);
	echo_format_date(buf, day);
	echo_view_set_buf(b, map, key, buf);
}

/* A signature line: the name, and what the person signs as. */
static void signature(echo_view_builder *b, echo_node *seq, const char *name, const char *as,
                      echo_buf *buf)
{
	if (!name)
		return;
	echo_node *item = echo_view_map(b);
	set_md(b, item, "name", name, buf);
	set_md(b, item, "as", as, buf);
	echo_view_push(b, seq, item);
}

echo_node *echo_certificate_data(echo_stream *into, const echo_schedule *sch,
                                 const echo_series_credit *s, const echo_series_person *p)
{
	echo_view_builder b = {into, 0};
	echo_buf buf = ECHO_BUF_INIT;
	char h[24];
	echo_node *data = echo_view_map(&b);
	const echo_node *root = sch->root, *cert = echo_node_get(root, "certification");
	echo_view_copy_key(&b, data, "program", root, NULL);
	echo_view_copy_key(&b, data, "title", root, NULL);
	const char *award = echo_node_get_text(cert, "title");
	echo_view_set_string(&b, data, "certification_title", award ? award : "Certificate of completion");
	set_md(&b, data, "name", p->name, &buf);
	echo_certificate_number(sch, p, &buf);
	echo_view_set_buf(&b, data, "number", &buf);
	size_t held = s->session_count;
	if (held) {
		set_date(&b, data, "first_date_long", sch->dates[0].date, &buf);
		set_date(&b, data, "last_date_long", sch->dates[held - 1].date, &buf);
		/* Issued on the last day the report covers, so that a run next
		 * year writes the same certificate. */
		mb_date(&buf, sch->dates[held - 1].date);
		echo_view_set_buf(&b, data, "issued", &buf);
	}
	echo_view_set_int(&b, data, "sessions_credited", (long long)p->credited);
	echo_view_set_int(&b, data, "sessions_held", (long long)s->held);
	echo_view_set_bool(&b, data, "has_hours", s->hours.hours > 0);
	echo_hours_format(p->hours, h, sizeof h);
	echo_view_set_string(&b, data, "hours", h);
	echo_view_set_string(&b, data, "credit_kind", s->hours.kind);
	echo_credit_units(s->hours.kind, &buf);
	echo_view_set_buf(&b, data, "units", &buf);
	echo_view_set_string(&b, data, "statement", s->hours.statement);
	echo_node *reqs = echo_view_seq(&b);
	echo_buf done = ECHO_BUF_INIT;   /* "A (the training days) and B (...)" */
	for (size_t k = 0; p->requirements && k < s->requirement_count; k++) {
		echo_node *item = echo_view_map(&b);
		set_md(&b, item, "title", s->requirements[k].title, &buf);
		if (p->requirements[k].by_training_days)
			echo_buf_puts(&buf, "the training days");
		else if (p->requirements[k].date >= 0)
			echo_format_date(&buf, p->requirements[k].date);
		echo_buf_printf(&done, "%s", k == 0 ? "" : k + 1 == s->requirement_count ? " and " : ", ");
		echo_escape_markdown_text(&done, s->requirements[k].title,
		                          strlen(s->requirements[k].title));
		echo_buf_printf(&done, " (%s", echo_buf_cstr(&buf));
		echo_view_set_buf(&b, item, "when", &buf);
		echo_view_set_bool(&b, item, "has_hours", s->requirements[k].hours > 0);
		if (s->requirements[k].hours) {
			echo_hours_format(p->requirements[k].hours, h, sizeof h);
			echo_view_set_string(&b, item, "hours", h);
			echo_buf_printf(&done, ", %s hours", h);
		}
		echo_buf_putc(&done, ')');
		echo_view_push(&b, reqs, item);
	}
	echo_view_set_buf(&b, data, "completed", &done);
	echo_buf_free(&done);
	echo_view_set(&b, data, "requirements", reqs);
	echo_view_set_bool(&b, data, "has_requirements", s->requirement_count > 0);
	echo_node *sigs = echo_view_seq(&b);
	const char *director_title = echo_node_get_text(cert, "director_title");
	signature(&b, sigs, echo_node_get_text(root, "facilitator"), "Facilitator", &buf);
	signature(&b, sigs, echo_node_get_text(cert, "director"),
	          director_title ? director_title : "Program director", &buf);
	echo_view_set(&b, data, "signatures", sigs);
	echo_buf_free(&buf);
	return b.failed || buf.failed ? NULL : data;
}
