/* Schema: validation, JSON Schema, scaffold and field reference, all driven
 * by the same declarative tables. */
#include "echo/schema.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "echo/calendar.h"
#include "echo/json.h"
#include "echo/suggest.h"
#include "markdown.h"

const echo_field *echo_field_find(const echo_field *fields, const char *key)
{
	/* The first byte turns most keys away without a call of strcmp. */
	for (; fields && fields->key; fields++)
		if (fields->key[0] == key[0] && strcmp(fields->key, key) == 0)
			return fields;
	return NULL;
}

/* The closest of candidates to word, if close enough to be a likely typo. */
static const char *suggest(const char *word, const char *const *candidates,
                           const echo_field *fields)
{
	size_t limit = strlen(word) < 4 ? 1 : 2;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; candidates && candidates[i]; i++) {
		size_t d = echo_edit_distance(word, candidates[i], limit);
		if (d < best_d) {
			best = candidates[i];
			best_d = d;
		}
	}
	for (; fields && fields->key; fields++) {
		size_t d = echo_edit_distance(word, fields->key, limit);
		if (d < best_d) {
			best = fields->key;
			best_d = d;
		}
	}
	return best;
}

struct validator {
	const echo_stream *stream;
	echo_diags *diags;
	size_t errors;
	char path[256];
	const echo_node *key;   /* the key naming the value being checked */
};

static void report(struct validator *v, echo_severity sev, const echo_node *at,
                   const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

static void report(struct validator *v, echo_severity sev, const echo_node *at,
                   const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	echo_diags_vadd(v->diags, sev, v->stream ? v->stream->path : NULL,
	                at ? at->start.line : 0, at ? at->start.col : 0, rule, fmt, ap);
	va_end(ap);
	if (sev == ECHO_ERROR)
		v->errors++;
}

static const char *describe(const echo_node *node)
{
	switch (node->type) {
	case ECHO_NODE_SEQ: return "a list";
	case ECHO_NODE_MAP: return "a mapping";
	case ECHO_NODE_BOOL: return "true/false";
	case ECHO_NODE_INT: return "a number";
	case ECHO_NODE_FLOAT: return "a number";
	case ECHO_NODE_NULL: return "nothing";
	default: return "text";
	}
}

static int in_values(const char *text, const char *const *values)
{
	for (size_t i = 0; values && values[i]; i++)
		if (strcmp(text, values[i]) == 0)
			return 1;
	return 0;
}

static int in_values_anycase(const char *text, const char *const *values)
{
	for (size_t i = 0; values && values[i]; i++) {
		size_t k = 0;
		while (text[k] && values[i][k] && (text[k] | 0x20) == (values[i][k] | 0x20))
			k++;
		if (!text[k] && !values[i][k])
			return 1;
	}
	return 0;
}

static void list_values(echo_buf *out, const char *const *values)
{
	for (size_t i = 0; values && values[i]; i++)
		echo_buf_printf(out, "%s%s", i ? ", " : "", values[i]);
}

const char *echo_email_problem(const char *text)
{
	const char *at = strchr(text, '@');
	if (!at || at == text)
		return "it needs a name, an @ and a domain (name@example.org)";
	if (strchr(at + 1, '@'))
		return "it has more than one @";
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c == 0x7f || strchr("<>(),;:\\\"[]", c))
			return "it has a space or a character an address cannot hold";
	}
	const char *domain = at + 1, *dot = strrchr(domain, '.');
	if (!*domain || !dot || dot == domain || !dot[1] || *domain == '-' || strstr(domain, ".."))
		return "its domain needs a dot (example.org)";
	for (const char *p = domain; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.' && (unsigned char)*p < 0x80)
			return "its domain has a character a domain cannot hold";
	return NULL;
}

/* Writes a, b and c at path[at], truncated to cap bytes with its NUL as
 * snprintf would: a path is built for every value checked and read only
 * when a message names it, so it is built without a format. */
static void path_put(char *path, size_t cap, size_t at, const char *a, const char *b,
                     const char *c)
{
	const char *parts[] = {a, b, c};
	for (size_t k = 0; k < 3 && at + 1 < cap; k++) {
		size_t n = strlen(parts[k]);
		if (n > cap - 1 - at)
			n = cap - 1 - at;
		memcpy(path + at, parts[k], n);
		at += n;
	}
	if (at < cap)
		path[at] = '\0';
}

/* The decimal digits of n, in buf (at least 21 bytes). */
static const char *decimal(char *buf, size_t n)
{
	char *p = buf + 20;
	*p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	return p;
}

static void validate_value(struct validator *v, const echo_field *field,
                           const echo_node *node);

static void validate_map(struct validator *v, const echo_field *fields,
                         const echo_node *node, const echo_node *named_by)
{
	size_t base = strlen(v->path);
	for (size_t i = 0; i < node->count; i++) {
		const echo_pair *p = &node->pairs[i];
		if (p->key->duplicate || !echo_node_is_scalar(p->key))
			continue;
		const echo_field *f = echo_field_find(fields, p->key->text);
		if (!f) {
			const char *s = suggest(p->key->text, NULL, fields);
			if (s)
				report(v, ECHO_ERROR, p->key, "unknown-key",
				       "unknown key '%s%s%s'; did you mean '%s'?", v->path,
				       base ? "." : "", p->key->text, s);
			else
				report(v, ECHO_ERROR, p->key, "unknown-key", "unknown key '%s%s%s'",
				       v->path, base ? "." : "", p->key->text);
			continue;
		}
		path_put(v->path, sizeof v->path, base, base ? "." : "", p->key->text, "");
		v->key = p->key;
		validate_value(v, f, p->value);
		v->path[base] = '\0';
	}
	for (const echo_field *f = fields; f->key; f++) {
		if (!(f->flags & ECHO_FIELD_REQUIRED) || echo_node_get(node, f->key))
			continue;
		report(v, ECHO_ERROR, named_by ? named_by : node, "required",
		       "missing required key '%s%s%s'",
		       v->path, base ? "." : "", f->key);
	}
}

static int is_empty(const echo_node *node)
{
	return node->type == ECHO_NODE_NULL ||
	       (node->type == ECHO_NODE_STRING && node->text_len == 0) ||
	       (node->type == ECHO_NODE_SEQ && node->count == 0);
}

/* The first character that has no place in one line of text: a line
 * break or another control character (C0 but tab, DEL, C1, and the
 * Unicode line and paragraph separators).  Returns its offset and sets
 * *cp to the code point, or returns len when there is none. */
static size_t first_break(const char *text, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)text;
	for (size_t i = 0; i < len; i++) {
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7f) {
			*cp = u[i];
			return i;
		}
		if (u[i] == 0xc2 && i + 1 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f) {
			*cp = u[i + 1];
			return i;
		}
		if (u[i] == 0xe2 && i + 2 < len && u[i + 1] == 0x80 &&
		    (u[i + 2] == 0xa8 || u[i + 2] == 0xa9)) {
			*cp = u[i + 2] == 0xa8 ? 0x2028u : 0x2029u;
			return i;
		}
	}
	return len;
}

/* Deepest nesting of containers (block quotes, lists, emphasis, links...)
 * in a Markdown text: a list and its items count as one level. */
static size_t markdown_depth(const char *text, size_t len)
{
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	if (!doc)
		return (size_t)-1;
	size_t depth = echo_markdown_depth(doc, 1);
	cmark_node_free(doc);
	return depth;
}

/* Characters (UTF-8 code points) in the first len bytes of text. */
static size_t chars_before(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static void check_one_line(struct validator *v, const echo_node *node, const char *key)
{
	unsigned cp;
	size_t at = first_break(node->text, node->text_len, &cp);
	if (at == node->text_len)
		return;
	if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
		report(v, ECHO_ERROR, node, "one-line",
		       "'%s' must be one line, but it has a line break after %zu character%s", key,
		       chars_before(node->text, at), chars_before(node->text, at) == 1 ? "" : "s");
	else
		report(v, ECHO_ERROR, node, "one-line",
		       "'%s' has a control character (U+%04X) after %zu character%s", key, cp,
		       chars_before(node->text, at), chars_before(node->text, at) == 1 ? "" : "s");
}

/* At least the nesting depth of a Markdown text, counted without parsing
 * it: every container has a marker of its own, '>' for a block quote, a
 * bullet or a number and '.' or ')' for a list, '*' or '_' for emphasis,
 * '[' for a link or an image, '<' for an autolink, so containers nested n
 * deep need n such bytes.  Most texts have fewer than the limit, and
 * cmark need not parse them. */
static size_t markers_in(const char *text, size_t len)
{
	/* strcspn skips the bytes that are no marker many at a time; text
	 * ends in a NUL, and may hold others. */
	static const char markers[] = "><-+*_[.)";
	size_t n = 0;
	for (size_t i = strcspn(text, markers); i < len; i += 1 + strcspn(text + i + 1, markers)) {
		if (text[i] == '.' || text[i] == ')')
			n += i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9';
		else if (text[i] != '\0')
			n++;
	}
	return n;
}

static void check_markdown(struct validator *v, const echo_node *node, const char *key)
{
	if (node->text_len > ECHO_TEXT_MAX_BYTES) {
		report(v, ECHO_ERROR, node, "limit-text",
		       "'%s' is %zu bytes of text; the limit for one text field is %d", key,
		       node->text_len, ECHO_TEXT_MAX_BYTES);
		return;
	}
	if (markers_in(node->text, node->text_len) <= ECHO_TEXT_MAX_DEPTH)
		return;
	size_t depth = markdown_depth(node->text, node->text_len);
	if (depth == (size_t)-1)
		report(v, ECHO_ERROR, node, "limit-text", "out of memory reading '%s'", key);
	else if (depth > ECHO_TEXT_MAX_DEPTH)
		report(v, ECHO_ERROR, node, "limit-markdown-depth",
		       "'%s' nests block quotes, lists or emphasis %zu deep; the limit is %d", key,
		       depth, ECHO_TEXT_MAX_DEPTH);
}

static void validate_value(struct validator *v, const echo_field *field,
                           const echo_node *node)
{
	const char *key = v->path;
	if (is_empty(node)) {
		if (field->flags & (ECHO_FIELD_REQUIRED | ECHO_FIELD_NONEMPTY))
			report(v, ECHO_ERROR, node, "required", "'%s' is empty", key);
		return;
	}
	int scalar = echo_node_is_scalar(node);
	switch (field->type) {
	case ECHO_FIELD_STRING:
		if (!scalar)
			report(v, ECHO_ERROR, node, "type", "'%s' must be text, not %s", key,
			       describe(node));
		else
			check_one_line(v, node, key);
		if (scalar && (field->flags & ECHO_FIELD_EMAIL) && echo_email_problem(node->text))
			report(v, ECHO_ERROR, node, "format", "'%s' is '%s', not an email address: %s",
			       key, node->text, echo_email_problem(node->text));
		break;
	case ECHO_FIELD_TEXT:
		if (node->type == ECHO_NODE_MAP) {
			report(v, ECHO_ERROR, node, "type",
			       "'%s' must be text or a list of texts, not a mapping (is a ':' missing quotes?)",
			       key);
		} else if (node->type == ECHO_NODE_SEQ) {
			for (size_t i = 0; i < node->count; i++) {
				char item[300], digits[21];
				size_t at = strlen(key) < sizeof item ? strlen(key) : sizeof item - 1;
				memcpy(item, key, at);
				path_put(item, sizeof item, at, "[", decimal(digits, i + 1), "]");
				if (!echo_node_is_scalar(node->items[i]))
					report(v, ECHO_ERROR, node->items[i], "type",
					       "'%s' must be text, not %s", item, describe(node->items[i]));
				else
					check_markdown(v, node->items[i], item);
			}
		} else {
			check_markdown(v, node, key);
		}
		break;
	case ECHO_FIELD_INT:
	case ECHO_FIELD_NUMBER: {
		if (scalar && in_values(node->text, field->values))
			break;
		int ok = node->type == ECHO_NODE_INT ||
		         (field->type == ECHO_FIELD_NUMBER && node->type == ECHO_NODE_FLOAT);
		if (!ok) {
			echo_buf alt = ECHO_BUF_INIT;
			if (field->values) {
				echo_buf_puts(&alt, " or ");
				list_values(&alt, field->values);
			}
			report(v, ECHO_ERROR, node, "type", "'%s' must be %s%s, not %s%s%s%s", key,
			       field->type == ECHO_FIELD_INT ? "a whole number" : "a number",
			       echo_buf_cstr(&alt), describe(node), scalar ? " '" : "",
			       scalar ? node->text : "", scalar ? "'" : "");
			echo_buf_free(&alt);
			break;
		}
		if (field->min < field->max && (node->number < field->min || node->number > field->max)) {
			echo_buf alt = ECHO_BUF_INIT;
			if (field->values) {
				echo_buf_puts(&alt, " (or ");
				list_values(&alt, field->values);
				echo_buf_putc(&alt, ')');
			}
			/* Below the least value, the upper end says nothing useful
			 * ("-1, outside 1 to 2000" reads as if -1 were too many). */
			if (node->number < field->min)
				report(v, ECHO_ERROR, node, "range", "'%s' is %s; it must be at least %g%s",
				       key, node->text, field->min, echo_buf_cstr(&alt));
			else
				report(v, ECHO_ERROR, node, "range", "'%s' is %s, outside %g to %g%s", key,
				       node->text, field->min, field->max, echo_buf_cstr(&alt));
			echo_buf_free(&alt);
		}
		break;
	}
	case ECHO_FIELD_BOOL:
		if (node->type != ECHO_NODE_BOOL)
			report(v, ECHO_ERROR, node, "type", "'%s' must be true or false, not %s", key,
			       describe(node));
		break;
	case ECHO_FIELD_ENUM:
		if (!scalar) {
			report(v, ECHO_ERROR, node, "type", "'%s' must be one value, not %s", key,
			       describe(node));
		} else if (!in_values(node->text, field->values) &&
		           !((field->flags & ECHO_FIELD_ANYCASE) && in_values_anycase(node->text, field->values))) {
			echo_buf allowed = ECHO_BUF_INIT;
			list_values(&allowed, field->values);
			const char *s = suggest(node->text, field->values, NULL);
			echo_severity sev = (field->flags & ECHO_FIELD_OPEN) ? ECHO_WARNING : ECHO_ERROR;
			if (s)
				report(v, sev, node, "enum", "'%s' is '%s'; did you mean '%s'?", key,
				       node->text, s);
			else
				report(v, sev, node, "enum", "'%s' is '%s'; expected one of: %s", key,
				       node->text, echo_buf_cstr(&allowed));
			echo_buf_free(&allowed);
		}
		break;
	case ECHO_FIELD_DATE: {
		int y, m, d;
		echo_date_status st = scalar ? echo_date_read(node->text, &y, &m, &d) : ECHO_DATE_SHAPE;
		char why[96];
		if (st == ECHO_DATE_SHAPE)
			report(v, ECHO_ERROR, node, "format",
			       "'%s' must be a date written YYYY-MM-DD, not '%s'", key,
			       scalar ? node->text : describe(node));
		else if (st != ECHO_DATE_OK)
			report(v, ECHO_ERROR, node, st == ECHO_DATE_RANGE ? "range" : "format",
			       "'%s' is %s, which %s", key, node->text,
			       echo_date_problem(node->text, st, why, sizeof why));
		break;
	}
	case ECHO_FIELD_TIME: {
		int h, m;
		if (!scalar || echo_time_parse(node->text, &h, &m) != 0)
			report(v, ECHO_ERROR, node, "format",
			       "'%s' must be a time such as 13:05, 1:05 pm or noon, not '%s'", key,
			       scalar ? node->text : describe(node));
		break;
	}
	case ECHO_FIELD_MAP:
		if (node->type != ECHO_NODE_MAP)
			report(v, ECHO_ERROR, node, "type", "'%s' must be a mapping of keys, not %s",
			       key, describe(node));
		else
			validate_map(v, field->fields, node, v->key);
		break;
	case ECHO_FIELD_LIST: {
		if (node->type != ECHO_NODE_SEQ) {
			report(v, ECHO_ERROR, node, "type", "'%s' must be a list (lines starting with '- '), not %s",
			       key, describe(node));
			break;
		}
		size_t base = strlen(v->path);
		for (size_t i = 0; i < node->count; i++) {
			char digits[21];
			path_put(v->path, sizeof v->path, base, "[", decimal(digits, i + 1), "]");
			v->key = NULL;
			validate_value(v, field->item, node->items[i]);
			v->path[base] = '\0';
		}
		break;
	}
	}
}

size_t echo_schema_validate(const echo_schema *schema, const echo_stream *stream,
                            const echo_node *root, echo_diags *diags)
{
	struct validator v = {.stream = stream, .diags = diags};
	if (!root || root->type != ECHO_NODE_MAP) {
		report(&v, ECHO_ERROR, root, "type",
		       "expected an %s document (a mapping of keys), not %s", schema->id,
		       root ? describe(root) : "nothing");
		return v.errors;
	}
	validate_map(&v, schema->fields, root, NULL);
	return v.errors;
}

/* JSON Schema ------------------------------------------------------------- */

static void json_field(echo_buf *out, const echo_field *field, int indent);

static void json_indent(echo_buf *out, int indent)
{
	echo_buf_putc(out, '\n');
	for (int i = 0; i < indent; i++)
		echo_buf_puts(out, "  ");
}

static void json_key(echo_buf *out, const char *key, int indent)
{
	json_indent(out, indent);
	echo_json_string(out, key, strlen(key));
	echo_buf_puts(out, ": ");
}

static void json_values(echo_buf *out, const char *const *values)
{
	echo_buf_putc(out, '[');
	for (size_t i = 0; values && values[i]; i++) {
		if (i)
			echo_buf_puts(out, ", ");
		echo_json_string(out, values[i], strlen(values[i]));
	}
	echo_buf_putc(out, ']');
}

static void json_properties(echo_buf *out, const echo_field *fields, int indent)
{
	json_key(out, "type", indent);
	echo_buf_puts(out, "\"object\",");
	json_key(out, "additionalProperties", indent);
	echo_buf_puts(out, "false,");
	json_key(out, "required", indent);
	echo_buf_putc(out, '[');
	int n = 0;
	for (const echo_field *f = fields; f->key; f++)
		if (f->flags & ECHO_FIELD_REQUIRED) {
			if (n++)
				echo_buf_puts(out, ", ");
			echo_json_string(out, f->key, strlen(f->key));
		}
	echo_buf_puts(out, "],");
	json_key(out, "properties", indent);
	echo_buf_putc(out, '{');
	for (const echo_field *f = fields; f->key; f++) {
		json_key(out, f->key, indent + 1);
		json_field(out, f, indent + 1);
		if (f[1].key)
			echo_buf_putc(out, ',');
	}
	json_indent(out, indent);
	echo_buf_putc(out, '}');
}

static void json_field(echo_buf *out, const echo_field *field, int indent)
{
	static const char scalar_types[] = "[\"string\", \"number\", \"boolean\"]";
	echo_buf_putc(out, '{');
	if (field->description) {
		json_key(out, "description", indent + 1);
		echo_json_string(out, field->description, strlen(field->description));
		echo_buf_putc(out, ',');
	}
	/* Optional keys may be left empty (null), as the scaffold leaves them. */
	int nullable = !(field->flags & (ECHO_FIELD_REQUIRED | ECHO_FIELD_NONEMPTY));
	json_key(out, "anyOf", indent + 1);
	echo_buf_putc(out, '[');
	json_indent(out, indent + 2);
	switch (field->type) {
	case ECHO_FIELD_STRING:
		if (field->flags & ECHO_FIELD_EMAIL) {
			echo_buf_puts(out, "{\"type\": \"string\", \"format\": \"email\", "
			                   "\"pattern\": \"^[^@\\\\s<>(),;:]+@[^@\\\\s<>(),;:]+\\\\.[^@\\\\s<>(),;:]+$\"}");
			break;
		}
		echo_buf_printf(out, "{\"type\": %s, \"pattern\": \"^[^\\\\u0000-\\\\u0008\\\\u000a-\\\\u001f\\\\u007f-\\\\u009f\\\\u2028\\\\u2029]*$\"}",
		                scalar_types);
		break;
	case ECHO_FIELD_TEXT:
		echo_buf_printf(out, "{\"type\": %s},", scalar_types);
		json_indent(out, indent + 2);
		echo_buf_printf(out, "{\"type\": \"array\", \"items\": {\"type\": %s}%s}", scalar_types,
		                (field->flags & ECHO_FIELD_NONEMPTY) ? ", \"minItems\": 1" : "");
		break;
	case ECHO_FIELD_INT:
	case ECHO_FIELD_NUMBER:
		echo_buf_printf(out, "{\"type\": \"%s\"",
		                field->type == ECHO_FIELD_INT ? "integer" : "number");
		if (field->min < field->max)
			echo_buf_printf(out, ", \"minimum\": %g, \"maximum\": %g", field->min, field->max);
		echo_buf_putc(out, '}');
		if (field->values) {
			echo_buf_puts(out, ",");
			json_indent(out, indent + 2);
			echo_buf_puts(out, "{\"enum\": ");
			json_values(out, field->values);
			echo_buf_putc(out, '}');
		}
		break;
	case ECHO_FIELD_BOOL:
		echo_buf_puts(out, "{\"type\": \"boolean\"}");
		break;
	case ECHO_FIELD_ENUM:
		echo_buf_puts(out, "{\"enum\": ");
		json_values(out, field->values);
		echo_buf_putc(out, '}');
		if (field->flags & ECHO_FIELD_ANYCASE) {
			/* The values in any case: [Tt][Hh]... (JSON Schema patterns
			 * have no flag for it). */
			echo_buf_puts(out, ",");
			json_indent(out, indent + 2);
			echo_buf_puts(out, "{\"type\": \"string\", \"pattern\": \"^(");
			for (size_t i = 0; field->values[i]; i++) {
				if (i)
					echo_buf_putc(out, '|');
				for (const char *c = field->values[i]; *c; c++) {
					char lo = (char)(*c | 0x20), up = (char)(lo & ~0x20);
					if (lo >= 'a' && lo <= 'z')
						echo_buf_printf(out, "[%c%c]", up, lo);
					else
						echo_buf_putc(out, *c);
				}
			}
			echo_buf_puts(out, ")$\"}");
		}
		if (field->flags & ECHO_FIELD_OPEN) {
			echo_buf_puts(out, ",");
			json_indent(out, indent + 2);
			echo_buf_puts(out, "{\"type\": \"string\"}");
		}
		break;
	case ECHO_FIELD_DATE:
		echo_buf_puts(out, "{\"type\": \"string\", \"format\": \"date\", \"pattern\": \"^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$\"}");
		break;
	case ECHO_FIELD_TIME:
		echo_buf_puts(out, "{\"type\": \"string\", \"pattern\": \"^(([01]?[0-9]|2[0-3]):[0-5][0-9]|(0?[1-9]|1[0-2])(:[0-5][0-9])? ?[AaPp]\\\\.?[Mm]\\\\.?|[Nn][Oo][Oo][Nn])$\"}");
		break;
	case ECHO_FIELD_MAP:
		echo_buf_putc(out, '{');
		json_properties(out, field->fields, indent + 3);
		json_indent(out, indent + 2);
		echo_buf_putc(out, '}');
		break;
	case ECHO_FIELD_LIST:
		echo_buf_printf(out, "{\"type\": \"array\"%s, \"items\": ",
		                (field->flags & ECHO_FIELD_NONEMPTY) ? ", \"minItems\": 1" : "");
		json_field(out, field->item, indent + 2);
		echo_buf_putc(out, '}');
		break;
	}
	if (nullable) {
		echo_buf_putc(out, ',');
		json_indent(out, indent + 2);
		echo_buf_puts(out, "{\"type\": \"null\"}");
	}
	json_indent(out, indent + 1);
	echo_buf_putc(out, ']');
	json_indent(out, indent);
	echo_buf_putc(out, '}');
}

void echo_schema_json(const echo_schema *schema, echo_buf *out)
{
	echo_buf_puts(out, "{");
	json_key(out, "$schema", 1);
	echo_buf_puts(out, "\"https://json-schema.org/draft/2020-12/schema\",");
	json_key(out, "$id", 1);
	echo_buf_printf(out, "\"https://echo-toolkit.example.org/schema/%s.json\",", schema->id);
	json_key(out, "title", 1);
	echo_json_string(out, schema->title, strlen(schema->title));
	echo_buf_putc(out, ',');
	json_key(out, "description", 1);
	echo_json_string(out, schema->description, strlen(schema->description));
	echo_buf_putc(out, ',');
	json_properties(out, schema->fields, 1);
	echo_buf_puts(out, "\n}\n");
}

/* Scaffold ---------------------------------------------------------------- */

static void scaffold_fields(echo_buf *out, const echo_field *fields, int indent,
                            int commented, int first_dash);

static void scaffold_pad(echo_buf *out, int indent, int commented)
{
	if (commented)
		echo_buf_puts(out, "# ");
	for (int i = 0; i < indent; i++)
		echo_buf_puts(out, "  ");
}

static void scaffold_comment(echo_buf *out, const echo_field *f, int indent)
{
	if (!f->description)
		return;
	for (int i = 0; i < indent; i++)
		echo_buf_puts(out, "  ");
	echo_buf_printf(out, "# %s", f->description);
	if (f->type == ECHO_FIELD_ENUM && f->values) {
		echo_buf_puts(out, " One of: ");
		list_values(out, f->values);
		echo_buf_putc(out, '.');
	}
	echo_buf_putc(out, '\n');
}

static void scaffold_fields(echo_buf *out, const echo_field *fields, int indent,
                            int commented, int first_dash)
{
	for (const echo_field *f = fields; f->key; f++) {
		int off = commented || !(f->flags & ECHO_FIELD_REQUIRED);
		int dash = first_dash && f == fields;
		if (!dash)
			scaffold_comment(out, f, indent);
		if (dash) {
			scaffold_pad(out, indent - 1, off);
			echo_buf_puts(out, "- ");
		} else {
			scaffold_pad(out, indent, off);
		}
		echo_buf_printf(out, "%s:", f->key);
		if (f->type == ECHO_FIELD_MAP) {
			echo_buf_putc(out, '\n');
			scaffold_fields(out, f->fields, indent + 1, off, 0);
		} else if (f->type == ECHO_FIELD_LIST && f->item->type == ECHO_FIELD_MAP) {
			echo_buf_putc(out, '\n');
			scaffold_fields(out, f->item->fields, indent + 2, off, 1);
		} else if (f->type == ECHO_FIELD_LIST || (f->type == ECHO_FIELD_TEXT &&
		                                           (f->flags & ECHO_FIELD_NONEMPTY))) {
			echo_buf_putc(out, '\n');
			scaffold_pad(out, indent + 1, off);
			echo_buf_printf(out, "- %s\n", f->example ? f->example : "");
		} else if (f->example) {
			echo_buf_printf(out, " %s\n", f->example);
		} else {
			echo_buf_putc(out, '\n');
		}
	}
}

void echo_schema_scaffold(const echo_schema *schema, echo_buf *out)
{
	echo_buf_printf(out, "# %s (%s)\n", schema->title, schema->id);
	echo_buf_puts(out, "# Required keys have example values; optional keys are commented\n"
	                   "# out: remove the '# ' to use one.\n---\n");
	scaffold_fields(out, schema->fields, 0, 0, 0);
}

/* Field reference ---------------------------------------------------------- */

static void markdown_type(echo_buf *out, const echo_field *f)
{
	switch (f->type) {
	case ECHO_FIELD_STRING:
		echo_buf_puts(out, (f->flags & ECHO_FIELD_EMAIL) ? "email address" : "text");
		break;
	case ECHO_FIELD_TEXT: echo_buf_puts(out, "Markdown, one text or a list"); break;
	case ECHO_FIELD_INT:
	case ECHO_FIELD_NUMBER:
		echo_buf_puts(out, f->type == ECHO_FIELD_INT ? "whole number" : "number");
		if (f->min < f->max)
			echo_buf_printf(out, " %g–%g", f->min, f->max);
		for (size_t i = 0; f->values && f->values[i]; i++)
			echo_buf_printf(out, " or `%s`", f->values[i]);
		break;
	case ECHO_FIELD_BOOL: echo_buf_puts(out, "true/false"); break;
	case ECHO_FIELD_ENUM:
		echo_buf_puts(out, (f->flags & ECHO_FIELD_OPEN) ? "usually one of " : "one of ");
		for (size_t i = 0; f->values && f->values[i]; i++)
			echo_buf_printf(out, "%s`%s`", i ? ", " : "", f->values[i]);
		break;
	case ECHO_FIELD_DATE: echo_buf_puts(out, "date YYYY-MM-DD"); break;
	case ECHO_FIELD_TIME: echo_buf_puts(out, "time HH:MM, 1:05 pm or noon"); break;
	case ECHO_FIELD_MAP: echo_buf_puts(out, "mapping"); break;
	case ECHO_FIELD_LIST:
		echo_buf_puts(out, "list");
		if (f->item->type != ECHO_FIELD_MAP) {
			echo_buf_puts(out, " of ");
			markdown_type(out, f->item);
		}
		break;
	}
}

static void markdown_fields(echo_buf *out, const echo_field *fields, const char *prefix)
{
	for (const echo_field *f = fields; f->key; f++) {
		echo_buf_printf(out, "| `%s%s` | ", prefix, f->key);
		markdown_type(out, f);
		const char *screened =
			(f->flags & ECHO_FIELD_PATIENT) ? " *Screened for PHI.*"
			: (f->flags & ECHO_FIELD_EMAIL) && (f->flags & ECHO_FIELD_SCREENS) ? " *Screened for PHI; the person's own email address is expected here.*"
			: (f->flags & ECHO_FIELD_CLINICIAN) ? " *Screened for PHI; a clinician's name is expected here.*"
			: (f->flags & ECHO_FIELD_CODE) ? " *Screened for PHI; a program code is expected here.*"
			: (f->flags & ECHO_FIELD_CALENDAR) ? " *Screened for PHI; dates and holidays are expected here.*"
			: (f->flags & ECHO_FIELD_LINK) ? " *Screened for PHI; a link is expected here.*"
			: (f->flags & ECHO_FIELD_SCREENS) ? " *Screened for PHI.*"
			                                  : "";
		echo_buf_printf(out, " | %s | %s%s |\n",
		                (f->flags & ECHO_FIELD_REQUIRED) ? "yes" : "",
		                f->description ? f->description : "", screened);
		char sub[128];
		if (f->type == ECHO_FIELD_MAP) {
			snprintf(sub, sizeof sub, "%s%s.", prefix, f->key);
			markdown_fields(out, f->fields, sub);
		} else if (f->type == ECHO_FIELD_LIST && f->item->type == ECHO_FIELD_MAP) {
			snprintf(sub, sizeof sub, "%s%s[].", prefix, f->key);
			markdown_fields(out, f->item->fields, sub);
		}
	}
}

void echo_schema_markdown(const echo_schema *schema, echo_buf *out)
{
	echo_buf_puts(out, "| Key | Type | Required | Description |\n");
	echo_buf_puts(out, "|---|---|---|---|\n");
	markdown_fields(out, schema->fields, "");
}
