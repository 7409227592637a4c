/* C API tests for schema tables: validation rules, scaffold, JSON Schema. */
#include <stdlib.h>
#include <string.h>

#include <echo/echo.h>

#include "testutil.h"

static const char *const colours[] = {"red", "green", NULL};
static const char *const plus[] = {"90+", NULL};
static const echo_field inner[] = {
	{"name", ECHO_FIELD_STRING, ECHO_FIELD_REQUIRED, "A name.", NULL, NULL, NULL, 0, 0, "x"},
	{NULL, 0, 0, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
static const echo_field inner_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, inner, NULL, 0, 0, NULL};
static const echo_field fields[] = {
	{"title", ECHO_FIELD_STRING, ECHO_FIELD_REQUIRED, "Title.", NULL, NULL, NULL, 0, 0, "T"},
	{"notes", ECHO_FIELD_TEXT, 0, "Notes.", NULL, NULL, NULL, 0, 0, NULL},
	{"colour", ECHO_FIELD_ENUM, 0, "Colour.", colours, NULL, NULL, 0, 0, "red"},
	{"age", ECHO_FIELD_INT, 0, "Age.", plus, NULL, NULL, 0, 89, "3"},
	{"when", ECHO_FIELD_DATE, 0, "Date.", NULL, NULL, NULL, 0, 0, NULL},
	{"at", ECHO_FIELD_TIME, 0, "Time.", NULL, NULL, NULL, 0, 0, NULL},
	{"flag", ECHO_FIELD_BOOL, 0, "Flag.", NULL, NULL, NULL, 0, 0, NULL},
	{"people", ECHO_FIELD_LIST, ECHO_FIELD_NONEMPTY, "People.", NULL, NULL, &inner_item, 0, 0, NULL},
	{NULL, 0, 0, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
static const echo_schema schema = {"test/1", "Test", "A test format.", fields};

static echo_diags run(const char *text)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("t.yaml", text, strlen(text), NULL, &d);
	if (s->doc_count)
		echo_schema_validate(&schema, s, s->docs[0], &d);
	echo_stream_free(s);
	return d;
}

static int expect(const char *text, const char *rule, size_t line, size_t col, const char *needle)
{
	echo_diags d = run(text);
	int found = 0;
	for (size_t i = 0; i < d.count; i++)
		if (strcmp(d.items[i].rule, rule) == 0 && d.items[i].line == line &&
		    d.items[i].col == col && (!needle || strstr(d.items[i].message, needle)))
			found = 1;
	if (!found) {
		fprintf(stderr, "expected %s at %zu:%zu for:\n%s\ngot:\n", rule, line, col, text);
		for (size_t i = 0; i < d.count; i++)
			fprintf(stderr, "  %zu:%zu %s [%s]\n", d.items[i].line, d.items[i].col,
			        d.items[i].message, d.items[i].rule);
	}
	echo_diags_free(&d);
	return found;
}

static void test_validate(void)
{
	echo_diags d = run("title: ok\nnotes: [a, b]\ncolour: red\nage: 90+\nwhen: 2024-02-29\n"
	                   "at: 09:30\nflag: true\npeople:\n  - name: a\n");
	CHECK_INT(d.count, 0);
	echo_diags_free(&d);
	CHECK(expect("notes: x\n", "required", 1, 1, "'title'"));
	CHECK(expect("title: t\ncolor: red\n", "unknown-key", 2, 1, "did you mean 'colour'"));
	CHECK(expect("title: t\nzzzzzz: 1\n", "unknown-key", 2, 1, NULL));
	CHECK(expect("title: t\ncolour: gren\n", "enum", 2, 9, "did you mean 'green'"));
	CHECK(expect("title: t\ncolour: blue\n", "enum", 2, 9, "one of: red, green"));
	CHECK(expect("title: t\nage: 91\n", "range", 2, 6, "outside 0 to 89"));
	CHECK(expect("title: t\nage: old\n", "type", 2, 6, "whole number"));
	CHECK(expect("title: t\nage: 4.5\n", "type", 2, 6, NULL));
	CHECK(expect("title: t\nwhen: 2023-02-29\n", "format", 2, 7, NULL));
	CHECK(expect("title: t\nwhen: 03/14/2025\n", "format", 2, 7, NULL));
	CHECK(expect("title: t\nat: 25:00\n", "format", 2, 5, NULL));
	CHECK(expect("title: t\nflag: yes\n", "type", 2, 7, "true or false"));
	CHECK(expect("title: [a]\n", "type", 1, 8, "must be text"));
	CHECK(expect("title: t\nnotes: {a: 1}\n", "type", 2, 8, NULL));
	CHECK(expect("title: t\npeople: []\n", "required", 2, 9, "empty"));
	CHECK(expect("title: t\npeople:\n  - nam: x\n", "unknown-key", 3, 5, "people[1].nam"));
	CHECK(expect("title: t\npeople:\n  - nam: x\n", "required", 3, 5, "people[1].name"));
	CHECK(expect("title: t\npeople: x\n", "type", 2, 9, "must be a list"));
	CHECK(expect("- a\n", "type", 1, 1, "mapping"));
	/* All findings in one run, not only the first. */
	d = run("colour: blue\nage: 100\nextra: 1\n");
	CHECK_INT(d.errors, 4);
	echo_diags_free(&d);
}

static void test_helpers(void)
{
	int y, m, dd, h, mi;
	CHECK_INT(echo_date_parse("2024-02-29", &y, &m, &dd), 0);
	CHECK_INT(echo_date_parse("1900-02-29", &y, &m, &dd), -1);
	CHECK_INT(echo_date_parse("2000-02-29", &y, &m, &dd), 0);
	CHECK_INT(echo_date_parse("2025-13-01", &y, &m, &dd), -1);
	CHECK_INT(echo_date_parse("2025-04-31", &y, &m, &dd), -1);
	CHECK_INT(echo_time_parse("9:05", &h, &mi), 0);
	CHECK_INT(h * 100 + mi, 905);
	CHECK_INT(echo_time_parse("23:59", &h, &mi), 0);
	CHECK_INT(echo_time_parse("24:00", &h, &mi), -1);
	CHECK_INT(echo_time_parse("12:60", &h, &mi), -1);
	CHECK_INT(echo_edit_distance("sumary", "summary", 2), 1);
	CHECK_INT(echo_edit_distance("abc", "xyz", 1), 2);
}

/* The scaffold is valid YAML, and what it fills in passes validation. */
static void test_scaffold(void)
{
	echo_buf out = ECHO_BUF_INIT;
	echo_schema_scaffold(&echo_case_schema, &out);
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("new.yaml", out.data, out.len, NULL, &d);
	CHECK_INT(s->doc_count, 1);
	echo_case_check(s, s->docs[0], &d);
	for (size_t i = 0; i < d.count; i++)
		fprintf(stderr, "scaffold: %zu:%zu %s\n", d.items[i].line, d.items[i].col,
		        d.items[i].message);
	CHECK_INT(d.count, 0);
	/* Every key of the table appears in it, commented or not. */
	for (const echo_field *f = echo_case_schema.fields; f->key; f++) {
		char want[64];
		snprintf(want, sizeof want, "%s:", f->key);
		CHECK(strstr(out.data, want) != NULL);
	}
	echo_stream_free(s);
	echo_diags_free(&d);
	echo_buf_free(&out);
}

static void test_json_schema(void)
{
	echo_buf out = ECHO_BUF_INIT;
	echo_schema_json(&echo_case_schema, &out);
	/* JSON is a subset of YAML's flow syntax: the loader can check it. */
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("schema.json", out.data, out.len, NULL, &d);
	CHECK_INT(d.count, 0);
	echo_node *props = echo_node_get(s->docs[0], "properties");
	CHECK(echo_node_get(props, "questions") != NULL);
	echo_node *req = echo_node_get(s->docs[0], "required");
	CHECK(req && req->count == 5);
	echo_stream_free(s);
	echo_diags_free(&d);
	echo_buf_free(&out);
}

int main(void)
{
	test_validate();
	test_helpers();
	test_scaffold();
	test_json_schema();
	TEST_EXIT();
}
