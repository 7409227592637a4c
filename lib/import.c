/* Form exports to cases: a REDCap (or any) CSV export, the REDCap data
 * dictionary for its choice lists and date formats, and a mapping file
 * from the export's variables to case keys.  Every case is written with
 * echo_schema_write, then checked and screened, and its findings located
 * at the export's cell the value came from. */
#include "echo/intake.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_table.h"

/* CSV: csv_table.c, with these short names here. */
typedef echo_csv_table table;
typedef echo_csv_cell cell;
#define column echo_csv_table_column
#define cell_at echo_csv_table_cell
#define table_read echo_csv_table_read
#define table_free echo_csv_table_free

static echo_pos table_pos(table *t, size_t offset)
{
	return echo_lines_pos(t->lines, offset);
}

/* The data dictionary ------------------------------------------------------ */

typedef struct variable {
	const char *name;
	const char *type;         /* "radio", "checkbox", "calc", "text"... */
	const char *choices;      /* "1, Fentanyl | 2, Methamphetamine" */
	const char *validation;   /* "date_mdy"... */
} variable;

static long dict_column(const table *t, const char *prefix)
{
	if (!t->count)
		return -1;
	for (size_t j = 0; j < t->rows[0].count; j++)
		if (strncasecmp(t->rows[0].cells[j].text, prefix, strlen(prefix)) == 0)
			return (long)j;
	return -1;
}

static int dict_find(const table *d, const char *name, variable *v)
{
	long cn = dict_column(d, "Variable"), ct = dict_column(d, "Field Type"),
	     cc = dict_column(d, "Choices"), cv = dict_column(d, "Text Validation");
	for (size_t r = 1; d->count && r < d->count; r++) {
		const cell *c = cell_at(d, r, cn);
		if (c && strcmp(c->text, name) == 0) {
			const cell *t = cell_at(d, r, ct), *ch = cell_at(d, r, cc), *va = cell_at(d, r, cv);
			*v = (variable){c->text, t ? t->text : "", ch ? ch->text : "",
			                va ? va->text : ""};
			return 1;
		}
	}
	return 0;
}

/* The label of code in a choice list "1, Fentanyl | 2, Meth", copied to
 * out; 0 if the list has no such code. */
static int choice_label(const char *choices, const char *code, char *out, size_t cap)
{
	const char *p = choices;
	while (p && *p) {
		while (*p == ' ' || *p == '|')
			p++;
		const char *comma = strchr(p, ','), *bar = strchr(p, '|');
		if (!comma || (bar && bar < comma))
			return 0;
		size_t n = (size_t)(comma - p);
		while (n && p[n - 1] == ' ')
			n--;
		if (strlen(code) == n && strncmp(p, code, n) == 0) {
			const char *l = comma + 1, *e = bar ? bar : l + strlen(l);
			while (*l == ' ')
				l++;
			while (e > l && e[-1] == ' ')
				e--;
			snprintf(out, cap, "%.*s", (int)(e - l), l);
			return 1;
		}
		p = bar;
	}
	return 0;
}

/* The mapping file --------------------------------------------------------- */

struct echo_import {
	table csv, dict;
	int has_dict;
	echo_stream *map;
	const echo_node *fields;   /* variable: case key */
	const echo_node *set;      /* case key: constant value */
	const char *record;        /* the record id variable */
	const char *name;          /* the variable naming files */
	const char *dates;         /* ymd, mdy or dmy: for a date without a dictionary */
};

/* The case field a key path ends at: "patient.age", "questions[]",
 * "substance_use[].route", "screening[PHQ-9]" (a score). */
static const echo_field *resolve(const char *path)
{
	const echo_field *fields = echo_case_schema.fields, *f = NULL;
	char seg[128];
	while (*path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof seg || !fields)
			return NULL;
		memcpy(seg, path, n);
		seg[n] = '\0';
		path += n + (path[n] == '.');
		char *br = strchr(seg, '[');
		if (br)
			*br = '\0';
		f = echo_field_find(fields, seg);
		if (!f)
			return NULL;
		if (br) {
			int open = strcmp(br + 1, "]") == 0;
			if (f->type == ECHO_FIELD_LIST && f->item->type == ECHO_FIELD_MAP && open) {
				fields = f->item->fields;
				f = f->item;
			} else if (f->type == ECHO_FIELD_LIST && open && !*path) {
				return f->item;
			} else if (f->type == ECHO_FIELD_TEXT && open && !*path) {
				return f;
			} else if (strcmp(seg, "screening") == 0 && !open && !*path) {
				return echo_field_find(f->item->fields, "score");
			} else {
				return NULL;
			}
		} else {
			fields = f->type == ECHO_FIELD_MAP ? f->fields : NULL;
		}
	}
	return f && f->type != ECHO_FIELD_MAP && f->type != ECHO_FIELD_LIST ? f : NULL;
}

static void map_error(echo_import *im, const echo_node *at, const char *rule, const char *fmt,
                      const char *arg, echo_diags *diags)
{
	echo_diags_add(diags, ECHO_ERROR, im->map->path, at ? at->start.line : 0,
	               at ? at->start.col : 0, rule, fmt, arg);
}

/* A variable the export has: a column, or a checkbox's columns var___N. */
static int in_export(const echo_import *im, const char *var)
{
	if (column(&im->csv, var) >= 0)
		return 1;
	size_t n = strlen(var);
	for (size_t j = 0; im->csv.count && j < im->csv.rows[0].count; j++) {
		const char *h = im->csv.rows[0].cells[j].text;
		if (strncasecmp(h, var, n) == 0 && strncmp(h + n, "___", 3) == 0)
			return 1;
	}
	return 0;
}

static int check_map(echo_import *im, echo_diags *diags)
{
	size_t errors = diags->errors;
	const echo_node *root = im->map->doc_count ? im->map->docs[0] : NULL;
	if (!root || root->type != ECHO_NODE_MAP) {
		map_error(im, root, "import-map", "a mapping file is a mapping of keys%s", "", diags);
		return -1;
	}
	static const char *const keys[] = {"schema", "record", "name", "dates", "set", "fields",
	                                   NULL};
	for (size_t i = 0; i < root->count; i++) {
		size_t k = 0;
		while (keys[k] && strcmp(keys[k], root->pairs[i].key->text) != 0)
			k++;
		if (!keys[k])
			map_error(im, root->pairs[i].key, "unknown-key",
			          "unknown key '%s' in a mapping file (schema, record, name, dates, set, "
			          "fields)", root->pairs[i].key->text, diags);
	}
	const char *schema = echo_node_get_text(root, "schema");
	if (!schema || strcmp(schema, "echo-import-map/1") != 0)
		map_error(im, echo_node_get(root, "schema") ? echo_node_get(root, "schema") : root,
		          "import-map", "a mapping file starts with 'schema: echo-import-map/1'%s", "",
		          diags);
	im->record = echo_node_get_text(root, "record");
	im->name = echo_node_get_text(root, "name");
	im->dates = echo_node_get_text(root, "dates");
	im->fields = echo_node_get(root, "fields");
	im->set = echo_node_get(root, "set");
	if (!im->record)
		map_error(im, root, "required", "missing required key 'record' (the record id "
		                                "variable, such as record_id)%s", "", diags);
	else if (column(&im->csv, im->record) < 0)
		map_error(im, echo_node_get(root, "record"), "import-variable",
		          "the export has no variable '%s'", im->record, diags);
	if (im->name && column(&im->csv, im->name) < 0)
		map_error(im, echo_node_get(root, "name"), "import-variable",
		          "the export has no variable '%s'", im->name, diags);
	if (im->dates && strcmp(im->dates, "ymd") && strcmp(im->dates, "mdy") &&
	    strcmp(im->dates, "dmy"))
		map_error(im, echo_node_get(root, "dates"), "enum",
		          "'dates' is '%s'; expected one of: ymd, mdy, dmy", im->dates, diags);
	if (!im->fields || im->fields->type != ECHO_NODE_MAP) {
		map_error(im, im->fields ? im->fields : root, "required",
		          "'fields' must map the export's variables to case keys%s", "", diags);
		return -1;
	}
	for (size_t i = 0; i < im->fields->count; i++) {
		const echo_pair *p = &im->fields->pairs[i];
		variable v;
		if (!in_export(im, p->key->text) &&
		    !(im->has_dict && dict_find(&im->dict, p->key->text, &v)))
			map_error(im, p->key, "import-variable",
			          "neither the export nor the dictionary has a variable '%s'",
			          p->key->text, diags);
		if (!echo_node_is_scalar(p->value) || !resolve(p->value->text))
			map_error(im, p->value, "import-key", "'%s' is not a case key that takes a value "
			          "(see echo-case schema --format markdown)",
			          echo_node_is_scalar(p->value) ? p->value->text : "", diags);
	}
	for (size_t i = 0; im->set && im->set->type == ECHO_NODE_MAP && i < im->set->count; i++)
		if (!resolve(im->set->pairs[i].key->text) ||
		    strchr(im->set->pairs[i].key->text, '['))
			map_error(im, im->set->pairs[i].key, "import-key",
			          "'%s' is not a case key that takes one value",
			          im->set->pairs[i].key->text, diags);
	return diags->errors > errors ? -1 : 0;
}

/* Records ------------------------------------------------------------------ */

typedef struct origin {
	const echo_node *node;
	size_t offset;            /* in the export */
	size_t line;              /* in the written case */
} origin;

typedef struct builder {
	echo_import *im;
	echo_stream *out;
	origin *origins;
	size_t count, cap;
	int failed;
} builder;

static echo_node *child(builder *b, echo_node *map, const char *key, int seq)
{
	echo_node *c = echo_node_get(map, key);
	if (c)
		return c;
	c = seq ? echo_stream_new_seq(b->out) : echo_stream_new_map(b->out);
	if (!c || echo_stream_map_set(b->out, map, key, c) != 0) {
		b->failed = 1;
		return NULL;
	}
	return c;
}

static void remember(builder *b, const echo_node *node, size_t offset)
{
	if (b->count == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 32;
		origin *grown = realloc(b->origins, cap * sizeof *grown);
		if (!grown) {
			b->failed = 1;
			return;
		}
		b->origins = grown;
		b->cap = cap;
	}
	b->origins[b->count++] = (origin){node, offset, 0};
}

/* Puts value at path in map; instance (1, 2...) picks the item of a
 * repeating instrument's row, 0 appends. */
static void put(builder *b, echo_node *map, const char *path, echo_node *value, long instance)
{
	char seg[128];
	size_t n = strcspn(path, ".");
	snprintf(seg, sizeof seg, "%.*s", (int)n, path);
	const char *rest = path[n] ? path + n + 1 : NULL;
	char *br = strchr(seg, '[');
	if (!br) {
		if (!rest) {
			if (echo_stream_map_set(b->out, map, seg, value) != 0)
				b->failed = 1;
		} else {
			echo_node *m = child(b, map, seg, 0);
			if (m)
				put(b, m, rest, value, instance);
		}
		return;
	}
	*br = '\0';
	echo_node *seq = child(b, map, seg, 1);
	if (!seq)
		return;
	if (br[1] != ']') {   /* screening[PHQ-9] */
		echo_node *item = echo_stream_new_map(b->out);
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(br + 1, "]"), br + 1);
		echo_node *inst = echo_stream_new_string(b->out, name, strlen(name));
		if (!item || !inst || echo_stream_map_set(b->out, item, "instrument", inst) != 0 ||
		    echo_stream_map_set(b->out, item, "score", value) != 0 ||
		    echo_stream_seq_push(b->out, seq, item) != 0)
			b->failed = 1;
		return;
	}
	if (!rest) {
		if (echo_stream_seq_push(b->out, seq, value) != 0)
			b->failed = 1;
		return;
	}
	size_t at = instance > 0 ? (size_t)instance - 1 : seq->count;
	while (seq->count <= at) {
		echo_node *m = echo_stream_new_map(b->out);
		if (!m || echo_stream_seq_push(b->out, seq, m) != 0) {
			b->failed = 1;
			return;
		}
	}
	put(b, seq->items[at], rest, value, instance);
}

/* A date as written in the export (Y-M-D, M-D-Y or D-M-Y, with - or /)
 * as YYYY-MM-DD; the text unchanged if it does not read so. */
static void convert_date(const char *text, const char *format, char *out, size_t cap)
{
	int a, b, c;
	char s1, s2;
	snprintf(out, cap, "%s", text);
	if (sscanf(text, "%d%c%d%c%d", &a, &s1, &b, &s2, &c) != 5 || (s1 != '-' && s1 != '/') ||
	    s2 != s1)
		return;
	if (format && strstr(format, "mdy"))
		snprintf(out, cap, "%04d-%02d-%02d", c, a, b);
	else if (format && strstr(format, "dmy"))
		snprintf(out, cap, "%04d-%02d-%02d", c, b, a);
	else
		snprintf(out, cap, "%04d-%02d-%02d", a, b, c);
}

/* One cell's value made the case field's type. */
static echo_node *make_value(builder *b, const echo_field *f, const variable *v,
                             const char *text)
{
	char buf[256];
	const char *t = text;
	if (v && *v->choices && strcmp(v->type, "calc") != 0 &&
	    choice_label(v->choices, text, buf, sizeof buf))
		t = buf;
	if (f->type == ECHO_FIELD_DATE) {
		convert_date(text, v && *v->validation ? v->validation : b->im->dates, buf, sizeof buf);
		t = buf;
	}
	for (size_t i = 0; f->type == ECHO_FIELD_ENUM && f->values && f->values[i]; i++)
		if (strcasecmp(f->values[i], t) == 0)
			t = f->values[i];
	char *end;
	long long n = strtoll(t, &end, 10);
	if (f->type == ECHO_FIELD_INT && *t && !*end) {
		/* HIPAA's ages: over 89 is "90+" (45 CFR 164.514(b)(2)(i)(C)). */
		if (f->values && f->max > 0 && n > f->max)
			return echo_stream_new_string(b->out, f->values[0], strlen(f->values[0]));
		return echo_stream_new_int(b->out, n);
	}
	return echo_stream_new_string(b->out, t, strlen(t));
}

static int checked(const char *text)
{
	return strcmp(text, "1") == 0 || strcasecmp(text, "checked") == 0;
}

/* Every mapped variable of one export row into the case. */
static void add_row(builder *b, echo_node *root, size_t r, long instance)
{
	echo_import *im = b->im;
	const table *t = &im->csv;
	for (size_t i = 0; i < im->fields->count && !b->failed; i++) {
		const char *var = im->fields->pairs[i].key->text, *path = im->fields->pairs[i].value->text;
		const echo_field *f = resolve(path);
		variable v, *vp = im->has_dict && dict_find(&im->dict, var, &v) ? &v : NULL;
		long c = column(t, var);
		const cell *x = cell_at(t, r, c);
		if (x && *x->text) {
			echo_node *value = make_value(b, f, vp, x->text);
			if (!value) {
				b->failed = 1;
				return;
			}
			remember(b, value, x->offset);
			put(b, root, path, value, instance);
			continue;
		}
		/* A checkbox: one column var___CODE each, its choice's label
		 * the value of each checked one. */
		size_t n = strlen(var);
		for (size_t j = 0; c < 0 && j < t->rows[0].count; j++) {
			const char *h = t->rows[0].cells[j].text;
			const cell *y = cell_at(t, r, (long)j);
			if (strncasecmp(h, var, n) != 0 || strncmp(h + n, "___", 3) != 0 || !y ||
			    !checked(y->text))
				continue;
			char label[256];
			const char *code = h + n + 3;
			if (!vp || !choice_label(vp->choices, code, label, sizeof label))
				snprintf(label, sizeof label, "%s", code);
			echo_node *value = make_value(b, f, NULL, label);
			if (!value) {
				b->failed = 1;
				return;
			}
			remember(b, value, y->offset);
			put(b, root, path, value, instance);
		}
	}
}

static void mark_line(void *ctx, const echo_node *value, size_t line)
{
	builder *b = ctx;
	for (size_t i = 0; i < b->count; i++)
		if (b->origins[i].node == value)
			b->origins[i].line = line;
}

echo_import *echo_import_open(const char *export_path, const char *map_path,
                              const char *dict_path, echo_diags *diags)
{
	echo_import *im = calloc(1, sizeof *im);
	if (!im)
		return NULL;
	size_t errors = diags->errors;
	int ok = table_read(&im->csv, export_path, diags) == 0;
	if (ok && dict_path) {
		im->has_dict = 1;
		ok = table_read(&im->dict, dict_path, diags) == 0;
		if (ok && dict_column(&im->dict, "Variable") < 0) {
			echo_diags_add(diags, ECHO_ERROR, dict_path, 1, 1, "import-dictionary",
			               "not a REDCap data dictionary: it has no 'Variable / Field Name' "
			               "column");
			ok = 0;
		}
	}
	if (ok) {
		im->map = echo_stream_load_file(map_path, NULL, diags);
		ok = im->map && diags->errors == errors && check_map(im, diags) == 0;
	}
	if (!ok) {
		echo_import_free(im);
		return NULL;
	}
	return im;
}

void echo_import_free(echo_import *im)
{
	if (!im)
		return;
	table_free(&im->csv);
	table_free(&im->dict);
	echo_stream_free(im->map);
	free(im);
}

/* The findings of one written case, moved to the export's cells. */
static void relocate(builder *b, const echo_diags *found, const char *id, size_t first_row,
                     echo_diags *out)
{
	echo_import *im = b->im;
	echo_pos first = table_pos(&im->csv, first_row);
	for (size_t i = 0; i < found->count; i++) {
		const echo_diag *d = &found->items[i];
		echo_pos at = first;
		at.col = 1;
		for (size_t k = 0; k < b->count; k++)
			if (b->origins[k].line == d->line) {
				at = table_pos(&im->csv, b->origins[k].offset);
				break;
			}
		echo_diags_add(out, d->severity, im->csv.path, at.line, at.col, d->rule,
		               "record %s: %s", id, d->message);
		if (d->text)
			echo_diags_set_text(out, d->text, strlen(d->text));
	}
}

int echo_import_run(echo_import *im, echo_import_fn each, void *ctx, echo_diags *diags)
{
	table *t = &im->csv;
	long cid = column(t, im->record), cname = im->name ? column(t, im->name) : cid;
	long crep = column(t, "redcap_repeat_instrument"), cinst = column(t, "redcap_repeat_instance");
	int rc = 0;
	for (size_t r = 1; r < t->count && rc == 0; r++) {
		const cell *id = cell_at(t, r, cid);
		if (!id || !*id->text)
			continue;
		size_t seen = 1;
		while (seen < r && strcmp(cell_at(t, seen, cid) ? cell_at(t, seen, cid)->text : "",
		                          id->text) != 0)
			seen++;
		if (seen < r)
			continue;   /* a later row of a record already made */
		echo_diags none = ECHO_DIAGS_INIT;
		builder b = {im, echo_stream_load("import", "", 0, NULL, &none), NULL, 0, 0, 0};
		echo_diags_free(&none);
		echo_node *root = b.out ? echo_stream_new_map(b.out) : NULL;
		if (!root) {
			echo_stream_free(b.out);
			return -1;
		}
		echo_node *schema = echo_stream_new_string(b.out, echo_case_schema.id,
		                                           strlen(echo_case_schema.id));
		if (!schema || echo_stream_map_set(b.out, root, "schema", schema) != 0)
			b.failed = 1;
		for (size_t i = 0; im->set && im->set->type == ECHO_NODE_MAP && i < im->set->count; i++)
			put(&b, root, im->set->pairs[i].key->text, im->set->pairs[i].value, 0);
		for (size_t s = r; s < t->count && !b.failed; s++) {
			const cell *other = cell_at(t, s, cid);
			if (!other || strcmp(other->text, id->text) != 0)
				continue;
			const cell *rep = cell_at(t, s, crep), *inst = cell_at(t, s, cinst);
			long instance = rep && *rep->text && inst ? strtol(inst->text, NULL, 10) : 0;
			add_row(&b, root, s, instance > 0 ? instance : 0);
		}
		echo_buf yaml = ECHO_BUF_INIT;
		echo_schema_write(&echo_case_schema, root, &yaml, mark_line, &b);
		const cell *name = cell_at(t, r, cname);
		const char *stem = name && *name->text ? name->text : id->text;
		echo_diags found = ECHO_DIAGS_INIT, located = ECHO_DIAGS_INIT;
		echo_stream *s = !b.failed && !yaml.failed
		                         ? echo_stream_load(stem, yaml.data, yaml.len, NULL, &found)
		                         : NULL;
		if (!s) {
			rc = -1;
		} else {
			echo_case_check(s, s->docs[0], &found);
			echo_case_screen(s, s->docs[0], &found);
			echo_diags_sort(&found);
			relocate(&b, &found, id->text, id->offset, &located);
			rc = each(ctx, stem, yaml.data, yaml.len, &located) == 0 ? 0 : -1;
		}
		echo_stream_free(s);
		echo_diags_free(&found);
		echo_diags_free(&located);
		echo_buf_free(&yaml);
		free(b.origins);
		echo_stream_free(b.out);
	}
	if (rc < 0 && !diags->errors)
		echo_diags_add(diags, ECHO_ERROR, t->path, 0, 0, "memory", "out of memory importing");
	return rc;
}
