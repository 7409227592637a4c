/* A CSV file as a table of cells, each with the offset of its first
 * byte, so that a finding can point at a cell: read a byte at a time
 * through libcsv, which says when a field ends but not where it began.
 * Shared by the imports (echo-intake) and completions (echo-attendance);
 * internal to the tools' libraries. */
#ifndef ECHO_CSV_TABLE_H
#define ECHO_CSV_TABLE_H

#include <stddef.h>

#include "echo/diag.h"
#include "echo/pos.h"

typedef struct echo_csv_cell {
	char *text;
	size_t offset;      /* of its first byte in the file */
} echo_csv_cell;

typedef struct echo_csv_row {
	echo_csv_cell *cells;
	size_t count, cap;
} echo_csv_row;

typedef struct echo_csv_table {
	const char *path;
	char *data;         /* owned */
	size_t len;
	echo_csv_row *rows;
	size_t count, cap;
	size_t field_start;
	int pending;        /* the next byte starts a field */
	int failed;
	echo_lines *lines;
} echo_csv_table;

/* Parses data (taken: freed with the table), named path in findings.  A
 * leading UTF-8 byte-order mark is skipped; trailing empty rows are
 * dropped.  Returns 0, or -1 with an error in diags when memory runs out
 * (the table must still be freed). */
int echo_csv_table_parse(echo_csv_table *t, const char *path, char *data, size_t len,
                         echo_diags *diags);
/* Reads path (ECHO_INPUT_BUDGET_DEFAULT, text checked) and parses it. */
int echo_csv_table_read(echo_csv_table *t, const char *path, echo_diags *diags);
void echo_csv_table_free(echo_csv_table *t);

/* The index of the header cell (row 0) named name, case ignored; -1. */
long echo_csv_table_column(const echo_csv_table *t, const char *name);
/* The same, looking only right of column after (-1: every column). */
long echo_csv_table_column_after(const echo_csv_table *t, const char *name, long after);
/* The cell at row r, column c; NULL when there is none. */
const echo_csv_cell *echo_csv_table_cell(const echo_csv_table *t, size_t r, long c);

#endif
