/* C API tests for the loader: positions, types, streams, limits, encodings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <echo/echo.h>

#include "testutil.h"

static echo_stream *load(const char *text, echo_diags *d)
{
	return echo_stream_load("t.yaml", text, strlen(text), NULL, d);
}

static int has_rule(const echo_diags *d, const char *rule, size_t line, size_t col)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].rule && strcmp(d->items[i].rule, rule) == 0 &&
		    (line == 0 || (d->items[i].line == line && d->items[i].col == col)))
			return 1;
	return 0;
}

static void test_positions(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = load("a: 1\nbé: \"x\"\nc:\n  - k: |\n      text\n", &d);
	CHECK_INT(d.count, 0);
	CHECK_INT(s->doc_count, 1);
	echo_node *root = s->docs[0];
	CHECK_INT(root->type, ECHO_NODE_MAP);
	echo_node *b = echo_node_get(root, "bé");
	CHECK(b != NULL);
	/* Columns count characters; offsets count bytes. */
	CHECK_INT(b->start.line, 2);
	CHECK_INT(b->start.col, 5);
	CHECK_INT(b->start.offset, 10);
	CHECK_INT(b->style, ECHO_STYLE_DOUBLE);
	echo_node *k = echo_node_get(echo_node_get(root, "c")->items[0], "k");
	CHECK_INT(k->start.line, 4);
	CHECK_INT(k->start.col, 8);
	CHECK_STR(k->text, "text\n");
	CHECK_INT(k->style, ECHO_STYLE_LITERAL);
	echo_stream_free(s);
	echo_diags_free(&d);
}

static void test_types(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = load("i: 42\nn: -7\nf: 2.5\nt: true\nF: False\nz: ~\ne:\n"
	                      "s: '42'\nd: 2026-03-12\nh: 12:30\nx: 0x1F\nhuge: 99999999999999999999\n",
	                      &d);
	echo_node *r = s->docs[0];
	CHECK_INT(echo_node_get(r, "i")->type, ECHO_NODE_INT);
	CHECK_INT(echo_node_get(r, "i")->integer, 42);
	CHECK_INT(echo_node_get(r, "n")->integer, -7);
	CHECK_INT(echo_node_get(r, "f")->type, ECHO_NODE_FLOAT);
	CHECK(echo_node_get(r, "f")->number == 2.5);
	CHECK_INT(echo_node_get(r, "t")->type, ECHO_NODE_BOOL);
	CHECK_INT(echo_node_get(r, "F")->boolean, 0);
	CHECK_INT(echo_node_get(r, "z")->type, ECHO_NODE_NULL);
	CHECK_INT(echo_node_get(r, "e")->type, ECHO_NODE_NULL);
	CHECK_INT(echo_node_get(r, "s")->type, ECHO_NODE_STRING);
	CHECK_INT(echo_node_get(r, "d")->type, ECHO_NODE_STRING);
	CHECK_INT(echo_node_get(r, "h")->type, ECHO_NODE_STRING);
	CHECK_INT(echo_node_get(r, "x")->integer, 31);
	/* Out of range for an integer: kept as a number, not wrapped. */
	CHECK_INT(echo_node_get(r, "huge")->type, ECHO_NODE_FLOAT);
	echo_stream_free(s);
	echo_diags_free(&d);

	/* Every word of the core schema, and scalars that only begin like one. */
	s = load("a: NULL\nb: Null\nc: TRUE\nd: FALSE\ne: +.Inf\nf: -.INF\ng: .NaN\n"
	         "h: nullx\ni: ~x\nj: falsey\nk: .inf.\nl: -x\nm: +.infinity\n", &d);
	r = s->docs[0];
	CHECK_INT(echo_node_get(r, "a")->type, ECHO_NODE_NULL);
	CHECK_INT(echo_node_get(r, "b")->type, ECHO_NODE_NULL);
	CHECK_INT(echo_node_get(r, "c")->boolean, 1);
	CHECK_INT(echo_node_get(r, "d")->type, ECHO_NODE_BOOL);
	CHECK(echo_node_get(r, "e")->number > 1e308);
	CHECK(echo_node_get(r, "f")->number < -1e308);
	CHECK(echo_node_get(r, "g")->number != echo_node_get(r, "g")->number);
	for (const char *k = "hijklm"; *k; k++) {
		char key[2] = {*k, 0};
		CHECK_INT(echo_node_get(r, key)->type, ECHO_NODE_STRING);
	}
	echo_stream_free(s);
	echo_diags_free(&d);
}

static void test_streams(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = load("a: 1\n---\na: 2\n---\n- x\n", &d);
	CHECK_INT(s->doc_count, 3);
	CHECK_INT(echo_node_get(s->docs[1], "a")->start.line, 3);
	CHECK_INT(s->docs[2]->type, ECHO_NODE_SEQ);
	echo_stream_free(s);
	s = load("", &d);
	CHECK_INT(s->doc_count, 0);
	CHECK_INT(d.count, 0);
	echo_stream_free(s);
	/* A syntax error keeps the documents before it, not the broken one. */
	s = load("a: 1\n---\nb: [1\n", &d);
	CHECK_INT(s->doc_count, 1);
	CHECK(has_rule(&d, "yaml-syntax", 0, 0));
	echo_stream_free(s);
	echo_diags_free(&d);
}

static void test_aliases(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = load("a: &x {k: v}\nb: *x\n", &d);
	CHECK_INT(d.count, 0);
	CHECK(echo_node_get(s->docs[0], "a") == echo_node_get(s->docs[0], "b"));
	echo_stream_free(s);

	/* Billion laughs: each level doubles; expansion is refused, fast. */
	echo_buf bomb = ECHO_BUF_INIT;
	echo_buf_puts(&bomb, "a0: &a0 [x, x]\n");
	for (int i = 1; i < 40; i++)
		echo_buf_printf(&bomb, "a%d: &a%d [*a%d, *a%d]\n", i, i, i - 1, i - 1);
	echo_limits lim = echo_default_limits;
	lim.max_aliases = 1000;
	s = echo_stream_load("bomb.yaml", bomb.data, bomb.len, &lim, &d);
	CHECK(has_rule(&d, "limit-nodes", 0, 0));
	CHECK_INT(s->doc_count, 0);
	echo_stream_free(s);
	echo_diags_free(&d);
	s = echo_stream_load("bomb.yaml", bomb.data, bomb.len, NULL, &d);
	CHECK(has_rule(&d, "limit-aliases", 0, 0) || has_rule(&d, "limit-nodes", 0, 0));
	echo_stream_free(s);
	echo_buf_free(&bomb);
	echo_diags_free(&d);

	s = load("a: *nope\n", &d);
	CHECK(has_rule(&d, "yaml-alias", 1, 4) || has_rule(&d, "yaml-syntax", 0, 0));
	echo_stream_free(s);
	echo_diags_free(&d);
}

static void test_limits(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_limits lim = echo_default_limits;
	lim.max_depth = 3;
	echo_stream *s = echo_stream_load("t", "a: {b: {c: 1}}\n", 15, &lim, &d);
	CHECK_INT(d.count, 0);
	echo_stream_free(s);
	s = echo_stream_load("t", "a: {b: {c: {d: 1}}}\n", 20, &lim, &d);
	CHECK(has_rule(&d, "limit-depth", 1, 12));
	echo_stream_free(s);
	echo_diags_free(&d);

	lim = echo_default_limits;
	lim.max_documents = 2;
	s = echo_stream_load("t", "a\n---\nb\n", 8, &lim, &d);
	CHECK_INT(d.count, 0);
	echo_stream_free(s);
	s = echo_stream_load("t", "a\n---\nb\n---\nc\n", 14, &lim, &d);
	CHECK(has_rule(&d, "limit-documents", 4, 1));
	echo_stream_free(s);
	echo_diags_free(&d);

	lim = echo_default_limits;
	lim.max_bytes = 10;
	s = echo_stream_load("t", "a: 123456", 9, &lim, &d);
	CHECK_INT(d.count, 0);
	echo_stream_free(s);
	s = echo_stream_load("t", "a: 1234567890", 13, &lim, &d);
	CHECK(has_rule(&d, "limit-size", 0, 0));
	echo_stream_free(s);
	echo_diags_free(&d);

	/* Deep flow nesting is refused at the limit, not by the stack. */
	echo_buf deep = ECHO_BUF_INIT;
	for (int i = 0; i < 100000; i++)
		echo_buf_putc(&deep, '[');
	s = echo_stream_load("t", deep.data, deep.len, NULL, &d);
	CHECK(has_rule(&d, "limit-depth", 0, 0) || has_rule(&d, "yaml-syntax", 0, 0));
	echo_stream_free(s);
	echo_buf_free(&deep);
	echo_diags_free(&d);
}

static void test_encodings(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = load("a: ok\nb: caf\xe9 au lait\n", &d);
	CHECK(has_rule(&d, "encoding", 2, 7));
	echo_stream_free(s);
	echo_diags_free(&d);

	s = echo_stream_load("t", "\xff\xfe" "a\0:\0", 6, NULL, &d);
	CHECK(has_rule(&d, "encoding", 1, 1));
	CHECK(strstr(d.items[0].message, "UTF-16") != NULL);
	echo_stream_free(s);
	echo_diags_free(&d);

	s = echo_stream_load("t", "a: 1\n\0\x01\x02", 8, NULL, &d);
	CHECK(has_rule(&d, "encoding", 2, 1));
	echo_stream_free(s);
	echo_diags_free(&d);

	/* A byte order mark and CRLF line ends just work, positions intact. */
	s = load("\xef\xbb\xbf" "a: 1\r\nb: two\r\n", &d);
	CHECK_INT(d.count, 0);
	echo_node *b = echo_node_get(s->docs[0], "b");
	CHECK_STR(b->text, "two");
	CHECK_INT(b->start.line, 2);
	CHECK_INT(b->start.col, 4);
	CHECK_INT(b->start.offset, 3 + 6 + 3);
	echo_stream_free(s);
	echo_diags_free(&d);

	s = load("a:\n\t- b\n", &d);
	CHECK(has_rule(&d, "yaml-tab", 2, 1));
	echo_stream_free(s);
	echo_diags_free(&d);

	/* Printable ASCII is checked eight bytes at a time: a control
	 * character, a DEL or a bad byte is found at any offset in a run. */
	static const char bad[] = {'\x01', '\x1f', '\x7f', '\xff', '\x80'};
	for (size_t k = 0; k < sizeof bad; k++)
		for (size_t at = 0; at < 20; at++) {
			char doc[64];
			memcpy(doc, "a: ", 3);
			memset(doc + 3, 'x', 24);
			memcpy(doc + 27, "\nb: 1\n", 7);
			doc[3 + at] = bad[k];
			s = echo_stream_load("t.yaml", doc, 33, NULL, &d);
			CHECK(has_rule(&d, k < 3 ? "yaml-syntax" : "encoding", 1, 4 + at));
			CHECK_INT(d.count, 1);
			echo_stream_free(s);
			echo_diags_free(&d);
		}
	s = load("a: xxxxxxxxxxxxxxxxxxxxxxxx\tyyyyyyy\r\nb: xxxxxxxxxxxxxxxxxxxxxxx~\n", &d);
	CHECK_INT(d.count, 0);
	echo_stream_free(s);
	echo_diags_free(&d);
}

/* Is the only diagnostic of yaml a repeated key on line (or none, for
 * line 0)? */
static int duplicate_at(const char *yaml, size_t line)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = load(yaml, &d);
	int ok = line ? d.count == 1 && has_rule(&d, "duplicate-key", line, 1) : d.count == 0;
	echo_stream_free(s);
	echo_diags_free(&d);
	return ok;
}

static void test_duplicates(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = load("a: 1\nb: 2\na: 3\n", &d);
	CHECK(has_rule(&d, "duplicate-key", 3, 1));
	CHECK_INT(echo_node_get(s->docs[0], "a")->integer, 1);
	echo_stream_free(s);
	echo_diags_free(&d);

	/* Keys that share a first letter, and maps on both sides of the size
	 * below which every pair is compared instead of sorting the keys. */
	CHECK(duplicate_at("ab: 1\naa: 2\nb: 3\nab: 4\n", 4));
	for (int keys = 15; keys <= 18; keys++) {
		char yaml[512];
		size_t at = 0;
		for (int k = 0; k < keys; k++)
			at += (size_t)snprintf(yaml + at, sizeof yaml - at, "k%d: %d\n", k, k);
		CHECK(duplicate_at(yaml, 0));
		snprintf(yaml + at, sizeof yaml - at, "k%d: again\n", keys / 2);
		CHECK(duplicate_at(yaml, (size_t)keys + 1));
	}
}

static void test_files(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load_file("/nonexistent/case.yaml", NULL, &d);
	CHECK(s == NULL);
	CHECK(has_rule(&d, "io", 0, 0));
	echo_diags_free(&d);
	s = echo_stream_load_file("/", NULL, &d);
	CHECK(s == NULL);
	CHECK(strstr(d.items[0].message, "directory") != NULL);
	echo_diags_free(&d);
}

static void test_build(void)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = load("a: 1\n", &d);
	echo_node *m = s->docs[0];
	CHECK_INT(echo_stream_map_set(s, m, "b", echo_stream_new_int(s, 7)), 0);
	CHECK_INT(echo_stream_map_set(s, m, "a", echo_stream_new_bool(s, 1)), 0);
	CHECK_INT(m->count, 2);
	CHECK_INT(echo_node_get(m, "a")->type, ECHO_NODE_BOOL);
	CHECK_STR(echo_node_get_text(m, "b"), "7");
	echo_node *seq = echo_stream_new_seq(s);
	for (int i = 0; i < 100; i++)
		CHECK_INT(echo_stream_seq_push(s, seq, echo_stream_new_int(s, i)), 0);
	CHECK_INT(seq->count, 100);
	CHECK_INT(seq->items[99]->integer, 99);
	echo_stream_free(s);
	echo_diags_free(&d);

	echo_pos p = echo_pos_at("ab\ncé\nx", 9, 7);
	CHECK_INT(p.line, 3);
	CHECK_INT(p.col, 1);
}

/* Each text byte maps to the source byte it was decoded from. */
static void check_map(const char *yaml, const char *key, const char *text, const char *probe,
                      size_t line, size_t col)
{
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = load(yaml, &d);
	CHECK_INT(d.count, 0);
	const echo_node *n = echo_node_get(s->docs[0], key);
	CHECK(n != NULL);
	CHECK_STR(n->text, text);
	size_t *map = calloc(n->text_len + 1, sizeof *map);
	CHECK_INT(echo_node_source_map(s, n, map), 0);
	const char *at = strstr(n->text, probe);
	CHECK(at != NULL);
	echo_pos pos = echo_pos_at(s->source, s->source_len, map[at - n->text]);
	CHECK_INT(pos.line, line);
	CHECK_INT(pos.col, col);
	for (size_t i = 1; i <= n->text_len; i++)
		CHECK(map[i] >= map[i - 1]);
	free(map);
	echo_stream_free(s);
	echo_diags_free(&d);
}

static void test_source_map(void)
{
	check_map("k: \"a\\x20Gonzalez \\u00e9\"\n", "k", "a Gonzalez \xc3\xa9", "Gonzalez", 1, 10);
	check_map("k: \"one \\\n   two\"\n", "k", "one two", "two", 2, 4);
	check_map("k: 'it''s\n  Rosa\n\n  Delgado'\n", "k", "it's Rosa\nDelgado", "Delgado", 4, 3);
	check_map("k: plain\n  Tomas\n    Herrera\n", "k", "plain Tomas Herrera", "Herrera", 3, 5);
	check_map("k: >\n  Daniel\n  Whitcomb\n\n    more\n", "k", "Daniel Whitcomb\n\n  more\n",
	          "Whitcomb", 3, 3);
	check_map("k: |-\n  Ana\n    Castillo\n", "k", "Ana\n  Castillo", "Castillo", 3, 5);
	check_map("k: &a !!str \"x\\ty\"\n", "k", "x\ty", "y", 1, 17);
	check_map("k: |2\n    two extra\n", "k", "  two extra\n", "two", 2, 5);
}

/* The line index gives what a scan from the start gives, asked in any
 * order: LF, CR LF and lone CR breaks, UTF-8, a byte order mark. */
static void test_line_index(void)
{
	const char text[] = "\xef\xbb\xbf" "ab\r\ncé\rx\n\ny\xe2\x80\xa8z\r";
	size_t len = sizeof text - 1;
	echo_lines *lines = echo_lines_new(text, len);
	CHECK(lines != NULL);
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k <= len + 1; k++) {
			size_t at = pass ? len + 1 - k : k;
			echo_pos want = echo_pos_at(text, len, at);
			echo_pos got = echo_lines_pos(lines, at);
			CHECK_INT(got.line, want.line);
			CHECK_INT(got.col, want.col);
			CHECK_INT(got.offset, want.offset);
		}
	/* libyaml's marks: the byte order mark is not a column. */
	CHECK_INT(echo_lines_mark(lines, 0, 0).offset, 3);
	CHECK_INT(echo_lines_mark(lines, 1, 2).offset, 10);
	CHECK_INT(echo_lines_mark(lines, 1, 1).offset, 8);
	CHECK_INT(echo_lines_mark(lines, 4, 2).offset, 18);
	CHECK_INT(echo_lines_mark(lines, 9, 0).offset, len);
	for (size_t line = 0; line <= 7; line++) {
		size_t n = 99, m = 99;
		const char *a = echo_lines_line(lines, line, &n);
		const char *b = echo_text_line(text, len, line, &m);
		CHECK(a == b);
		if (a && b)
			CHECK_INT(n, m);
	}
	size_t n;
	CHECK(echo_lines_line(lines, 2, &n) == text + 7);
	CHECK_INT(n, 3);
	CHECK(echo_lines_line(lines, 6, &n) == NULL);
	CHECK(echo_lines_line(lines, 5, &n) == text + 14);
	CHECK_INT(n, 5);
	echo_lines_free(lines);

	/* LF-only and ASCII texts take shorter ways (memchr for the breaks,
	 * a column per byte): the same answers. */
	static const char *const plain[] = {"ab\ncd\n\nefg", "x\n", "", "\n\n", "one line"};
	for (size_t t = 0; t < sizeof plain / sizeof *plain; t++) {
		const char *p = plain[t];
		size_t plen = strlen(p);
		lines = echo_lines_new(p, plen);
		CHECK(lines != NULL);
		for (size_t at = 0; at <= plen + 1; at++) {
			echo_pos want = echo_pos_at(p, plen, at);
			echo_pos got = echo_lines_pos(lines, at);
			CHECK_INT(got.line, want.line);
			CHECK_INT(got.col, want.col);
		}
		for (size_t line = 0; line < 5; line++)
			for (size_t col = 0; col < 6; col++) {
				/* col bytes past the line's start, or the end of the text
				 * (also for a line past the last). */
				size_t start = 0, l = 0;
				for (; l < line && start < plen; start++)
					l += p[start] == '\n';
				size_t want = l < line || start + col > plen ? plen : start + col;
				CHECK_INT(echo_lines_mark(lines, line, col).offset, want);
			}
		echo_lines_free(lines);
	}

	/* A finding's source line, in a file whose lines end with a lone CR
	 * as libyaml counts them (the excerpt looked for LFs only). */
	echo_diag cr = {.severity = ECHO_ERROR, .path = "t.yaml", .line = 2, .col = 4,
	                .message = "m", .rule = "r"};
	echo_buf out = ECHO_BUF_INIT;
	echo_diag_format(&out, &cr, "a: 1\rb: x\rc: 2\r", 15);
	CHECK_STR(echo_buf_cstr(&out), "t.yaml:2:4: error: m [r]\n  b: x\n     ^\n");
	echo_buf_free(&out);

	/* Escapes between runs of plain text, a byte that is not UTF-8 in
	 * the excerpt, the caret's indent keeping the line's tab, numbers of
	 * several digits, and a message longer than a line. */
	echo_diag esc = {.severity = ECHO_WARNING, .path = "a\x1b[2Jb.yaml", .line = 1203,
	                 .col = 5, .message = "x\x7fy \xc2\x9b z \xc3\xa9", .rule = "r"};
	echo_diag_format(&out, &esc, NULL, 0);
	CHECK_STR(echo_buf_cstr(&out),
	          "a\\x1b[2Jb.yaml:1203:5: warning: x\\x7fy \\u009b z \xc3\xa9 [r]\n");
	echo_buf_free(&out);
	echo_diag tab = {.severity = ECHO_ERROR, .path = "t", .line = 1, .col = 5,
	                 .message = "m", .rule = "r"};
	echo_diag_format(&out, &tab, "\t\xc3\xa9\xffxyz\n", 8);
	CHECK_STR(echo_buf_cstr(&out), "t:1:5: error: m [r]\n  \t\xc3\xa9?xyz\n  \t   ^\n");
	echo_buf_free(&out);
	char long_text[400];
	memset(long_text, 'w', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	echo_diags many = ECHO_DIAGS_INIT;
	echo_diags_add(&many, ECHO_ERROR, "t", 1, 1, "r", "%s and %d", long_text, 10000);
	CHECK(many.count == 1 && strlen(many.items[0].message) == 399 + strlen(" and 10000"));
	echo_diags_free(&many);

	/* One line of 40,000 flow items: positions in one pass, not one
	 * rescan of the line per node (that took minutes). */
	echo_buf big = ECHO_BUF_INIT;
	echo_buf_puts(&big, "k: [");
	for (int i = 0; i < 40000; i++)
		echo_buf_printf(&big, "%sé%d", i ? ", " : "", i);
	echo_buf_puts(&big, "]\n");
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("big.yaml", big.data, big.len, NULL, &d);
	CHECK_INT(d.count, 0);
	const echo_node *seq = echo_node_get(s->docs[0], "k");
	CHECK_INT(seq->count, 40000);
	const echo_node *last = seq->items[39999];
	CHECK_INT(last->start.offset, big.len - 9);
	CHECK_INT(last->start.col, echo_pos_at(big.data, big.len, last->start.offset).col);
	echo_stream_free(s);
	echo_diags_free(&d);
	echo_buf_free(&big);
}

/* Read one document at a time, a stream gives the documents and errors
 * that loading it whole gives. */
static void test_next(void)
{
	static const char *const texts[] = {
		"a: 1\n---\nb: &x [1]\nc: *x\n---\n- 3\n",
		"a: 1\n---\nb: [1\n---\nc: 2\n",
		"a: 1\n---\nb: 2\nb: 3\n",
		"",
		"x: *nope\n",
	};
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		echo_diags whole = ECHO_DIAGS_INIT, each = ECHO_DIAGS_INIT;
		echo_stream *all = load(texts[t], &whole);
		echo_stream *s = echo_stream_open("t.yaml", texts[t], strlen(texts[t]), NULL, &each);
		CHECK(all && s);
		size_t n = 0;
		int rc;
		while ((rc = echo_stream_next(s, &each)) == 1) {
			CHECK_INT(s->doc_count, 1);
			CHECK(n < all->doc_count);
			if (n < all->doc_count) {
				CHECK_INT(s->docs[0]->type, all->docs[n]->type);
				CHECK_INT(s->docs[0]->count, all->docs[n]->count);
				CHECK_INT(s->docs[0]->start.offset, all->docs[n]->start.offset);
			}
			n++;
		}
		CHECK_INT(rc, 0);
		CHECK_INT(s->doc_count, 0);
		CHECK_INT(echo_stream_next(s, &each), 0);
		CHECK_INT(n, all->doc_count);
		CHECK_INT(each.count, whole.count);
		for (size_t i = 0; i < each.count && i < whole.count; i++) {
			CHECK_STR(each.items[i].message, whole.items[i].message);
			CHECK_INT(each.items[i].line, whole.items[i].line);
		}
		echo_stream_free(all);
		echo_stream_free(s);
		echo_diags_free(&whole);
		echo_diags_free(&each);
	}
	/* The limit on documents counts the whole stream. */
	echo_limits lim = echo_default_limits;
	lim.max_documents = 2;
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_open("t.yaml", "1\n---\n2\n---\n3\n", 14, &lim, &d);
	CHECK_INT(echo_stream_next(s, &d), 1);
	CHECK_INT(echo_stream_next(s, &d), 1);
	CHECK_INT(echo_stream_next(s, &d), 0);
	CHECK(has_rule(&d, "limit-documents", 4, 1));
	echo_stream_free(s);
	echo_diags_free(&d);
}

int main(void)
{
	test_line_index();
	test_next();
	test_positions();
	test_types();
	test_streams();
	test_aliases();
	test_limits();
	test_encodings();
	test_duplicates();
	test_files();
	test_build();
	test_source_map();
	TEST_EXIT();
}
