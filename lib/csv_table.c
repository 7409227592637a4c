/* CSV files as tables of cells that know where they start (csv_table.h). */
#include "csv_table.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "echo/doc.h"
#include "echo/file.h"

static void on_field(void *s, size_t len, void *ctx)
{
	echo_csv_table *t = ctx;
	if (t->count == 0 || t->failed)
		return;
	echo_csv_row *r = &t->rows[t->count - 1];
	if (r->count == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;
		echo_csv_cell *grown = realloc(r->cells, cap * sizeof *grown);
		if (!grown) {
			t->failed = 1;
			return;
		}
		r->cells = grown;
		r->cap = cap;
	}
	echo_csv_cell *c = &r->cells[r->count];
	c->text = strndup(s ? s : "", len);
	c->offset = t->field_start;
	if (!c->text)
		t->failed = 1;
	else
		r->count++;
	t->pending = 1;
}

static int new_row(echo_csv_table *t)
{
	if (t->count == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		echo_csv_row *grown = realloc(t->rows, cap * sizeof *grown);
		if (!grown)
			return -1;
		t->rows = grown;
		t->cap = cap;
	}
	t->rows[t->count++] = (echo_csv_row){NULL, 0, 0};
	return 0;
}

static void on_row(int c, void *ctx)
{
	echo_csv_table *t = ctx;
	(void)c;
	t->pending = 2;   /* a new row starts with the next field */
}

void echo_csv_table_free(echo_csv_table *t)
{
	for (size_t i = 0; i < t->count; i++) {
		for (size_t j = 0; j < t->rows[i].count; j++)
			free(t->rows[i].cells[j].text);
		free(t->rows[i].cells);
	}
	free(t->rows);
	free(t->data);
	echo_lines_free(t->lines);
}

/* Reads a CSV file, remembering where each cell starts: a byte at a time
 * through libcsv, which says when a field ends but not where it began. */
int echo_csv_table_parse(echo_csv_table *t, const char *path, char *data, size_t len,
                         echo_diags *diags)
{
	memset(t, 0, sizeof *t);
	t->path = path;
	t->data = data;
	t->len = len;
	size_t start = (t->len >= 3 && memcmp(t->data, "\xef\xbb\xbf", 3) == 0) ? 3 : 0;
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		return -1;
	t->pending = 2;
	for (size_t i = start; i < t->len && !t->failed; i++) {
		char ch = t->data[i];
		if (t->pending && !(t->pending == 2 && (ch == '\r' || ch == '\n'))) {
			if (t->pending == 2 && new_row(t) != 0)
				t->failed = 1;
			t->field_start = i;
			t->pending = 0;
		}
		if (csv_parse(&p, &ch, 1, on_field, on_row, t) != 1)
			break;
	}
	csv_fini(&p, on_field, on_row, t);
	csv_free(&p);
	t->lines = echo_lines_new(t->data, t->len);
	/* A row of nothing but empty cells (a trailing line) is no record. */
	while (t->count && t->rows[t->count - 1].count <= 1 &&
	       (!t->rows[t->count - 1].count || !*t->rows[t->count - 1].cells[0].text)) {
		free(t->rows[t->count - 1].count ? t->rows[t->count - 1].cells[0].text : NULL);
		free(t->rows[--t->count].cells);
	}
	if (t->failed || !t->lines) {
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "memory", "out of memory reading %s",
		               path);
		return -1;
	}
	return 0;
}


int echo_csv_table_read(echo_csv_table *t, const char *path, echo_diags *diags)
{
	size_t len = 0;
	char *data = echo_file_read(path, ECHO_INPUT_BUDGET_DEFAULT, &len, diags);
	memset(t, 0, sizeof *t);
	if (!data)
		return -1;
	if (echo_text_check(path, data, len, diags) != 0) {
		t->data = data;
		return -1;
	}
	return echo_csv_table_parse(t, path, data, len, diags);
}

long echo_csv_table_column(const echo_csv_table *t, const char *name)
{
	return echo_csv_table_column_after(t, name, -1);
}

long echo_csv_table_column_after(const echo_csv_table *t, const char *name, long after)
{
	if (!t->count)
		return -1;
	for (size_t j = (size_t)(after + 1); j < t->rows[0].count; j++)
		if (strcasecmp(t->rows[0].cells[j].text, name) == 0)
			return (long)j;
	return -1;
}

const echo_csv_cell *echo_csv_table_cell(const echo_csv_table *t, size_t r, long c)
{
	if (c < 0 || r >= t->count || (size_t)c >= t->rows[r].count)
		return NULL;
	return &t->rows[r].cells[c];
}
