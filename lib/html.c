/* HTML: cmark renders Markdown in safe mode, with GFM pipe tables added on
 * its tree; libxml2 parses the page shell and the fragment, adds heading
 * ids and a table of contents, sets the title and language, inlines the
 * style sheet and serializes the page. */
#include "echo/html.h"

#include <cmark.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "echo/escape.h"
#include "markdown.h"

static const int parse_options = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_NOBLANKS * 0;

static xmlNode *find_element(xmlNode *node, const char *name, const char *id)
{
	for (; node; node = node->next) {
		if (node->type == XML_ELEMENT_NODE) {
			int name_ok = !name || xmlStrcasecmp(node->name, BAD_CAST name) == 0;
			int id_ok = 1;
			if (id) {
				xmlChar *v = xmlGetProp(node, BAD_CAST "id");
				id_ok = v && xmlStrcmp(v, BAD_CAST id) == 0;
				xmlFree(v);
			}
			if (name_ok && id_ok)
				return node;
			xmlNode *found = find_element(node->children, name, id);
			if (found)
				return found;
		}
	}
	return NULL;
}

static int heading_level(const xmlNode *node)
{
	if (node->type != XML_ELEMENT_NODE || (node->name[0] != 'h' && node->name[0] != 'H') ||
	    node->name[1] < '1' || node->name[1] > '6' || node->name[2])
		return 0;
	return node->name[1] - '0';
}

/* "Substance use (DSM-5)" -> "substance-use-dsm-5". */
static void slugify(const char *text, echo_buf *out)
{
	int dash = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && out->len)
				echo_buf_putc(out, '-');
			dash = 0;
			echo_buf_putc(out, (char)c);
		} else if (c >= 'A' && c <= 'Z') {
			if (dash && out->len)
				echo_buf_putc(out, '-');
			dash = 0;
			echo_buf_putc(out, (char)(c - 'A' + 'a'));
		} else if (c >= 0x80) {
			/* Keep non-ASCII letters: ids may be any Unicode text. */
			if (dash && out->len)
				echo_buf_putc(out, '-');
			dash = 0;
			echo_buf_putc(out, (char)c);
		} else {
			dash = 1;
		}
	}
	if (out->len == 0)
		echo_buf_puts(out, "section");
}

struct headings {
	xmlNode **nodes;
	size_t count, cap;
	int failed;
};

static void collect_headings(xmlNode *node, struct headings *h)
{
	for (; node; node = node->next) {
		if (heading_level(node)) {
			if (h->count == h->cap) {
				size_t cap = h->cap ? h->cap * 2 : 16;
				xmlNode **n = realloc(h->nodes, cap * sizeof *n);
				if (!n) {
					h->failed = 1;
					return;
				}
				h->nodes = n;
				h->cap = cap;
			}
			h->nodes[h->count++] = node;
		} else if (node->type == XML_ELEMENT_NODE) {
			collect_headings(node->children, h);
		}
	}
}

/* The ids in use in the page, as a hash set, so that giving every heading
 * a unique id stays linear however many headings share a title. */
struct id_set {
	char **slots;
	size_t cap, count;
	int failed;
};

static size_t id_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int id_set_has(const struct id_set *set, const char *id)
{
	if (!set->cap)
		return 0;
	for (size_t i = id_hash(id) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
		if (!set->slots[i])
			return 0;
		if (strcmp(set->slots[i], id) == 0)
			return 1;
	}
}

static void id_set_add(struct id_set *set, const char *id)
{
	if (set->failed || id_set_has(set, id))
		return;
	if (2 * (set->count + 1) > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		char **slots = calloc(cap, sizeof *slots);
		if (!slots) {
			set->failed = 1;
			return;
		}
		for (size_t k = 0; k < set->cap; k++) {
			if (!set->slots[k])
				continue;
			size_t i = id_hash(set->slots[k]) & (cap - 1);
			while (slots[i])
				i = (i + 1) & (cap - 1);
			slots[i] = set->slots[k];
		}
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	size_t i = id_hash(id) & (set->cap - 1);
	while (set->slots[i])
		i = (i + 1) & (set->cap - 1);
	if (!(set->slots[i] = strdup(id))) {
		set->failed = 1;
		return;
	}
	set->count++;
}

static void id_set_free(struct id_set *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
}

static void collect_ids(xmlNode *node, struct id_set *set)
{
	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *v = xmlGetProp(node, BAD_CAST "id");
		if (v)
			id_set_add(set, (const char *)v);
		xmlFree(v);
		collect_ids(node->children, set);
	}
}

/* Gives every heading a stable id from its text, unique in the page. */
static int number_headings(xmlDoc *doc, struct headings *h)
{
	echo_buf slug = ECHO_BUF_INIT, unique = ECHO_BUF_INIT;
	struct id_set taken = {0};
	collect_ids(xmlDocGetRootElement(doc), &taken);
	for (size_t i = 0; i < h->count; i++) {
		xmlChar *text = xmlNodeGetContent(h->nodes[i]);
		echo_buf_clear(&slug);
		slugify(text ? (const char *)text : "", &slug);
		xmlFree(text);
		echo_buf_clear(&unique);
		echo_buf_puts(&unique, echo_buf_cstr(&slug));
		for (int n = 2; id_set_has(&taken, echo_buf_cstr(&unique)); n++) {
			echo_buf_clear(&unique);
			echo_buf_printf(&unique, "%s-%d", echo_buf_cstr(&slug), n);
		}
		xmlSetProp(h->nodes[i], BAD_CAST "id", BAD_CAST echo_buf_cstr(&unique));
		id_set_add(&taken, echo_buf_cstr(&unique));
	}
	int failed = slug.failed || unique.failed || taken.failed;
	echo_buf_free(&slug);
	echo_buf_free(&unique);
	id_set_free(&taken);
	return failed ? -1 : 0;
}

static void build_toc(xmlNode *nav, struct headings *h)
{
	xmlNode *title = xmlNewChild(nav, NULL, BAD_CAST "h2", BAD_CAST "Contents");
	xmlSetProp(title, BAD_CAST "class", BAD_CAST "toc-title");
	xmlSetProp(nav, BAD_CAST "aria-labelledby", BAD_CAST "toc-title");
	xmlSetProp(title, BAD_CAST "id", BAD_CAST "toc-title");
	xmlNode *list = xmlNewChild(nav, NULL, BAD_CAST "ol", NULL);
	xmlNode *sub = NULL, *last = NULL;
	for (size_t i = 0; i < h->count; i++) {
		int level = heading_level(h->nodes[i]);
		if (level != 2 && level != 3)
			continue;
		if (level == 3 && !last)
			continue;
		xmlChar *text = xmlNodeGetContent(h->nodes[i]);
		xmlChar *id = xmlGetProp(h->nodes[i], BAD_CAST "id");
		xmlNode *parent = list;
		if (level == 3) {
			if (!sub)
				sub = xmlNewChild(last, NULL, BAD_CAST "ol", NULL);
			parent = sub;
		}
		xmlNode *li = xmlNewChild(parent, NULL, BAD_CAST "li", NULL);
		xmlNode *a = xmlNewTextChild(li, NULL, BAD_CAST "a", text);
		echo_buf href = ECHO_BUF_INIT;
		echo_buf_printf(&href, "#%s", id ? (const char *)id : "");
		xmlSetProp(a, BAD_CAST "href", BAD_CAST echo_buf_cstr(&href));
		echo_buf_free(&href);
		if (level == 2) {
			last = li;
			sub = NULL;
		}
		xmlFree(text);
		xmlFree(id);
	}
}

static int count_toc_headings(const struct headings *h)
{
	int n = 0;
	for (size_t i = 0; i < h->count; i++)
		if (heading_level(h->nodes[i]) == 2)
			n++;
	return n;
}

/* Pipe tables ---------------------------------------------------------------
 *
 * CommonMark has no tables, so a table reaches us as a paragraph.  A
 * paragraph is a table when its first line is a header row and its second
 * a delimiter row (|---|:--:|), as in GitHub Flavored Markdown.  Rows are
 * split on the source lines, where an escaped \| is still visible (the
 * parsed text has lost the backslash and smart punctuation has turned
 * "---" into a dash).  Each cell's text is then parsed as inline Markdown
 * and placed in custom blocks whose only literal HTML is our fixed <table>
 * tags, so safe mode still drops raw HTML written in a cell.  Reference
 * links defined elsewhere in the document do not resolve inside cells. */

enum { MAX_COLUMNS = 64 };

/* cmark_node_free does not take NULL. */
static void free_node(cmark_node *node)
{
	if (node)
		cmark_node_free(node);
}

struct cell_span {
	const char *text;
	size_t len;
};

struct source_lines {
	const char *text;
	size_t *start;     /* byte offset of each line, 1-based index */
	size_t *len;
	size_t count;
};

/* Line boundaries as cmark counts them: \n, \r\n and \r end a line. */
static int index_lines(struct source_lines *sl, const char *text, size_t len)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
			n++;
	sl->text = text;
	sl->start = malloc((n + 1) * sizeof *sl->start);
	sl->len = malloc((n + 1) * sizeof *sl->len);
	if (!sl->start || !sl->len)
		return -1;
	size_t line = 1, from = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n' && text[i] != '\r')
			continue;
		sl->start[line] = from;
		sl->len[line] = i - from;
		line++;
		if (i < len && text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		from = i + 1;
	}
	sl->count = line - 1;
	return 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Splits a row at unescaped pipes, dropping one outer pipe at each end.
 * Returns the number of cells, or -1 if there are too many or the row has
 * no pipe at all. */
static int split_row(const char *s, size_t len, struct cell_span *cells)
{
	while (len && is_blank(*s)) {
		s++;
		len--;
	}
	while (len && is_blank(s[len - 1]))
		len--;
	int pipes = 0;
	if (len && s[0] == '|') {
		s++;
		len--;
		pipes++;
	}
	if (len && s[len - 1] == '|' && (len < 2 || s[len - 2] != '\\')) {
		len--;
		pipes++;
	}
	int n = 0;
	size_t from = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] == '\\' && i + 1 < len) {
			i++;
			continue;
		}
		if (i < len && s[i] != '|')
			continue;
		if (i < len)
			pipes++;
		if (n == MAX_COLUMNS)
			return -1;
		const char *c = s + from;
		size_t clen = i - from;
		while (clen && is_blank(*c)) {
			c++;
			clen--;
		}
		while (clen && is_blank(c[clen - 1]))
			clen--;
		cells[n].text = c;
		cells[n].len = clen;
		n++;
		from = i + 1;
	}
	return pipes ? n : -1;
}

/* 'l', 'c', 'r' or 0 for a delimiter cell; -1 if it is not one. */
static int alignment(const struct cell_span *c)
{
	size_t i = 0, n = c->len;
	int left = n && c->text[0] == ':', right = n > 1 && c->text[n - 1] == ':';
	if (left)
		i++;
	if (right)
		n--;
	if (i >= n)
		return -1;
	for (; i < n; i++)
		if (c->text[i] != '-')
			return -1;
	return left && right ? 'c' : right ? 'r' : left ? 'l' : 0;
}

static cmark_node *html_block(const char *enter, const char *exit)
{
	cmark_node *n = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	if (n && (!cmark_node_set_on_enter(n, enter) || !cmark_node_set_on_exit(n, exit))) {
		free_node(n);
		return NULL;
	}
	return n;
}

/* A cell: its text parsed as inline Markdown, the inlines moved into a
 * <th> or <td> block.  A no-break space in front keeps the text from
 * opening a block ("# x", "- x", "<div>") while reading like the start of
 * a line for emphasis and quotes; it is removed again after parsing. */
static cmark_node *make_cell(const struct cell_span *c, int header, int align, int options)
{
	static const char nbsp[] = "\xc2\xa0";
	char tag[64];
	snprintf(tag, sizeof tag, "<%s%s%s%s>", header ? "th" : "td",
	         align ? " style=\"text-align: " : "",
	         align == 'l' ? "left" : align == 'c' ? "center" : align == 'r' ? "right" : "",
	         align ? "\"" : "");
	cmark_node *cell = html_block(tag, header ? "</th>" : "</td>");
	echo_buf text = ECHO_BUF_INIT;
	echo_buf_puts(&text, nbsp);
	for (size_t i = 0; i < c->len; i++) {
		/* \| only hides a pipe from the row split: it is a plain '|' now,
		 * in code spans too, as GitHub has it. */
		if (c->text[i] == '\\' && i + 1 < c->len && c->text[i + 1] == '|')
			continue;
		echo_buf_putc(&text, c->text[i]);
	}
	cmark_node *doc = text.failed || !cell ? NULL
	                                       : cmark_parse_document(text.data, text.len, options);
	echo_buf_free(&text);
	cmark_node *para = doc ? cmark_node_first_child(doc) : NULL;
	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) {
		free_node(doc);
		free_node(cell);
		return NULL;
	}
	cmark_node *first = cmark_node_first_child(para);
	const char *lit = first ? cmark_node_get_literal(first) : NULL;
	if (lit && strncmp(lit, nbsp, 2) == 0) {
		if (lit[2]) {
			char *rest = strdup(lit + 2);
			if (!rest || !cmark_node_set_literal(first, rest)) {
				free(rest);
				free_node(doc);
				free_node(cell);
				return NULL;
			}
			free(rest);
		} else {
			free_node(first);
		}
	}
	cmark_node *child;
	while ((child = cmark_node_first_child(para))) {
		cmark_node_unlink(child);
		cmark_node_append_child(cell, child);
	}
	free_node(doc);
	return cell;
}

static cmark_node *make_row(const struct cell_span *cells, int n, int columns, const int *align,
                            int header, int options)
{
	cmark_node *row = html_block("<tr>", "</tr>");
	static const struct cell_span empty = {"", 0};
	for (int i = 0; row && i < columns; i++) {
		cmark_node *cell = make_cell(i < n ? &cells[i] : &empty, header, align[i], options);
		if (!cell) {
			free_node(row);
			return NULL;
		}
		cmark_node_append_child(row, cell);
	}
	return row;
}

/* One line of a paragraph: where its first inline starts. */
struct para_line {
	int line, col;
};

/* The lines of a paragraph, or -1 if an inline spans two lines (then it
 * cannot be a table). */
static int paragraph_lines(cmark_node *para, struct para_line *lines, int max)
{
	int n = 0, at_start = 1;
	for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			at_start = 1;
			continue;
		}
		int line = cmark_node_get_start_line(c);
		if (line <= 0 || cmark_node_get_end_line(c) != line)
			return -1;
		if (at_start) {
			if (n == max)
				return -1;
			lines[n].line = line;
			lines[n].col = cmark_node_get_start_column(c);
			n++;
			at_start = 0;
		}
	}
	return n;
}

static int line_text(const struct source_lines *sl, const struct para_line *pl,
                     struct cell_span *out)
{
	if (pl->line < 1 || (size_t)pl->line > sl->count || pl->col < 1)
		return -1;
	size_t start = sl->start[pl->line], len = sl->len[pl->line];
	size_t skip = (size_t)pl->col - 1;
	/* cmark skips a byte order mark before counting columns. */
	if (pl->line == 1 && len >= 3 && memcmp(sl->text, "\xef\xbb\xbf", 3) == 0)
		skip += 3;
	if (skip > len)
		return -1;
	out->text = sl->text + start + skip;
	out->len = len - skip;
	return 0;
}

/* Rebuilds one paragraph as a table if it is one.  Returns -1 only when
 * memory runs out. */
static int table_from_paragraph(cmark_node *para, const struct source_lines *sl, int options)
{
	int max = 1;
	for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c))
		max++;
	struct para_line *lines = malloc((size_t)max * sizeof *lines);
	struct cell_span head[MAX_COLUMNS], delim[MAX_COLUMNS], cells[MAX_COLUMNS];
	int align[MAX_COLUMNS];
	if (!lines)
		return -1;
	int n = paragraph_lines(para, lines, max);
	struct cell_span raw;
	int columns = -1;
	if (n >= 2 && lines[0].line == cmark_node_get_start_line(para) &&
	    line_text(sl, &lines[0], &raw) == 0 && (columns = split_row(raw.text, raw.len, head)) > 0 &&
	    line_text(sl, &lines[1], &raw) == 0 &&
	    split_row(raw.text, raw.len, delim) == columns) {
		for (int i = 0; i < columns && columns > 0; i++)
			if ((align[i] = alignment(&delim[i])) < 0)
				columns = -1;
	} else {
		columns = -1;
	}
	if (columns <= 0) {
		free(lines);
		return 0;
	}
	cmark_node *table = html_block("<table>", "</table>");
	cmark_node *thead = html_block("<thead>", "</thead>");
	cmark_node *row = make_row(head, columns, columns, align, 1, options);
	int ok = table && thead && row;
	if (ok) {
		cmark_node_append_child(thead, row);
		cmark_node_append_child(table, thead);
		thead = NULL;
	} else {
		free_node(row);
	}
	if (ok && n > 2) {
		cmark_node *tbody = html_block("<tbody>", "</tbody>");
		ok = tbody != NULL;
		for (int i = 2; ok && i < n; i++) {
			int k = 0;
			if (line_text(sl, &lines[i], &raw) == 0 &&
			    (k = split_row(raw.text, raw.len, cells)) < 0) {
				/* A row without a pipe is a one-cell row, as on GitHub. */
				cells[0] = raw;
				k = 1;
			}
			cmark_node *r = make_row(cells, k, columns, align, 0, options);
			if (!r)
				ok = 0;
			else
				cmark_node_append_child(tbody, r);
		}
		if (ok)
			cmark_node_append_child(table, tbody);
		else
			free_node(tbody);
	}
	free(lines);
	free_node(thead);
	if (!ok) {
		free_node(table);
		return -1;
	}
	cmark_node_insert_before(para, table);
	free_node(para);
	return 0;
}

/* Each fenced block whose info string is echo-chart, drawn as a bar chart
 * (chart.c) in its place; one whose data is not a chart stays as code.
 * Returns 0, or -1 if memory runs out. */
static int add_charts(cmark_node *doc)
{
	cmark_node **blocks = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while (it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		const char *info = cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
		                       ? cmark_node_get_fence_info(node) : NULL;
		if (ev != CMARK_EVENT_ENTER || !info || strcmp(info, "echo-chart") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			cmark_node **grown = realloc(blocks, cap * sizeof *grown);
			if (!grown) {
				rc = -1;
				break;
			}
			blocks = grown;
		}
		blocks[n++] = node;
	}
	cmark_iter_free(it);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const char *data = cmark_node_get_literal(blocks[i]);
		echo_buf svg = ECHO_BUF_INIT;
		if (data && echo_chart_svg(data, strlen(data), (int)i + 1, &svg) == 0 && !svg.failed) {
			cmark_node *chart = html_block(svg.data, "");
			if (!chart)
				rc = -1;
			else {
				cmark_node_insert_before(blocks[i], chart);
				cmark_node_free(blocks[i]);
			}
		}
		echo_buf_free(&svg);
	}
	free(blocks);
	return it ? rc : -1;
}

/* A page's kind, from a comment of its own at the top level of the
 * Markdown, "<!-- echo-page: NAME -->" (NAME of a-z, 0-9 and '-'), which a
 * template writes so that style.css can style that kind of page (the
 * agenda's compact print layout) and which Markdown readers do not show.
 * The first such comment is taken out of the tree and its NAME copied
 * into kind (size bytes); kind is "" without one. */
static void take_page_kind(cmark_node *doc, char *kind, size_t size)
{
	static const char open[] = "<!-- echo-page: ", close[] = " -->";
	kind[0] = '\0';
	for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		const char *lit = cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK
		                      ? cmark_node_get_literal(n) : NULL;
		if (!lit || strncmp(lit, open, sizeof open - 1) != 0)
			continue;
		const char *name = lit + sizeof open - 1, *end = name;
		while ((*end >= 'a' && *end <= 'z') || (*end >= '0' && *end <= '9') || *end == '-')
			end++;
		size_t len = (size_t)(end - name);
		if (len == 0 || len >= size || strncmp(end, close, sizeof close - 1) != 0 ||
		    strspn(end + sizeof close - 1, "\r\n") != strlen(end + sizeof close - 1))
			continue;
		memcpy(kind, name, len);
		kind[len] = '\0';
		cmark_node_free(n);
		return;
	}
}

static int add_tables(cmark_node *doc, const char *markdown, size_t len, int options)
{
	/* Collect first: the tree is rewritten below. */
	cmark_node **paras = NULL;
	size_t count = 0, cap = 0;
	int rc = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while (it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH)
			continue;
		/* Only a paragraph with a pipe in its first text can be a table. */
		int candidate = 0;
		for (cmark_node *c = cmark_node_first_child(node);
		     c && cmark_node_get_type(c) != CMARK_NODE_SOFTBREAK; c = cmark_node_next(c)) {
			const char *lit = cmark_node_get_literal(c);
			if (lit && strchr(lit, '|'))
				candidate = 1;
		}
		if (!candidate)
			continue;
		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			cmark_node **p = realloc(paras, ncap * sizeof *p);
			if (!p) {
				rc = -1;
				break;
			}
			paras = p;
			cap = ncap;
		}
		paras[count++] = node;
	}
	cmark_iter_free(it);
	if (!it)
		rc = -1;
	struct source_lines sl = {0};
	if (rc == 0 && count && index_lines(&sl, markdown, len) != 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < count; i++)
		rc = table_from_paragraph(paras[i], &sl, options);
	free(sl.start);
	free(sl.len);
	free(paras);
	return rc;
}

/* cmark writes a custom block's content on lines of its own; a cell's
 * text should not start or end with that line break. */
static void trim_cells(xmlNode *node)
{
	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(node->name, BAD_CAST "td") == 0 ||
		    xmlStrcasecmp(node->name, BAD_CAST "th") == 0) {
			xmlNode *first = node->children, *lastc = node->last;
			if (first && first->type == XML_TEXT_NODE && first->content) {
				const xmlChar *p = first->content;
				while (*p == '\n')
					p++;
				xmlChar *copy = xmlStrdup(p);
				xmlNodeSetContent(first, NULL);
				xmlNodeAddContent(first, copy);
				xmlFree(copy);
				lastc = node->last;
			}
			if (lastc && lastc->type == XML_TEXT_NODE && lastc->content) {
				int n = xmlStrlen(lastc->content);
				while (n && lastc->content[n - 1] == '\n')
					n--;
				xmlChar *copy = xmlStrndup(lastc->content, n);
				xmlNodeSetContent(lastc, NULL);
				xmlNodeAddContent(lastc, copy);
				xmlFree(copy);
			}
			continue;
		}
		trim_cells(node->children);
	}
}

/* libxml2's HTML parser stops at 256 nested elements and drops the rest
 * of the page without an error, so a page that nests deeper is refused
 * before it is parsed.  The margin leaves room for the page shell. */
enum { MAX_PAGE_DEPTH = 200 };

/* The page shell, parsed once and reused for every page of a run.  A page
 * adds the fragment at the end of the content element, fills in the title
 * and the table of contents and may move or drop the toc element; before
 * the next page the shell is put back as it was parsed (shell_reset). */
struct echo_html_shell {
	xmlDoc *doc;
	xmlNode *root, *content, *title, *nav;
	xmlNode *added;                /* the first node of the last page's fragment */
	xmlNode *nav_parent, *nav_prev; /* where the toc element stands in the shell */
	xmlNode *nav_last;             /* its last child in the shell */
	xmlNode *style;                /* the shell's <style> element, or NULL */
	xmlNode *running;              /* the last page's margin-box <style>, or NULL */
	int with_running;              /* page->running */
	int toc;
	int used;                      /* a page has been rendered in it */
	int kind_set;                  /* the last page set data-page on the content */
};

echo_html_shell *echo_html_shell_new(const echo_page *page, echo_diags *diags)
{
	echo_html_shell *s = calloc(1, sizeof *s);
	if (!s) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "html", "out of memory");
		return NULL;
	}
	s->doc = htmlReadMemory(page->shell, (int)page->shell_len, "page.html", "UTF-8",
	                        parse_options);
	s->root = s->doc ? xmlDocGetRootElement(s->doc) : NULL;
	s->content = s->root ? find_element(s->root, NULL, "content") : NULL;
	if (!s->content) {
		echo_diags_add(diags, ECHO_ERROR, "page.html", 0, 0, "html",
		               s->root ? "the page shell has no element with id=\"content\""
		                       : "cannot parse the page");
		echo_html_shell_free(s);
		return NULL;
	}
	s->toc = page->toc;
	xmlSetProp(s->root, BAD_CAST "lang", BAD_CAST(page->lang ? page->lang : "en"));
	s->title = find_element(s->root, "title", NULL);
	s->nav = find_element(s->root, NULL, "toc");
	if (s->nav == s->root)
		s->nav = NULL;
	if (s->nav) {
		s->nav_parent = s->nav->parent;
		s->nav_prev = s->nav->prev;
		s->nav_last = s->nav->last;
	}
	s->with_running = page->running;
	xmlNode *style = s->style = find_element(s->root, "style", NULL);
	if (style) {
		xmlNodeSetContent(style, NULL);
		if (page->css && page->css_len)
			xmlAddChild(style, xmlNewDocTextLen(s->doc, BAD_CAST page->css, (int)page->css_len));
	}
	return s;
}

void echo_html_shell_set_toc(echo_html_shell *shell, int toc)
{
	shell->toc = toc;
}

void echo_html_shell_free(echo_html_shell *shell)
{
	if (!shell)
		return;
	/* A toc element the last page took out of the tree is freed with it. */
	if (shell->nav && !shell->nav->parent)
		xmlFreeNode(shell->nav);
	xmlFreeDoc(shell->doc);
	free(shell);
}

/* Takes the last page out of the shell: its fragment, and the table of
 * contents built in the toc element, which goes back to its place.  (Its
 * aria-labelledby is left: a page sets it when it keeps the element.) */
static void shell_reset(echo_html_shell *s)
{
	xmlNode *nav = s->nav;
	if (!s->used)
		return;
	s->used = 0;
	if (s->kind_set)
		xmlUnsetProp(s->content, BAD_CAST "data-page");
	s->kind_set = 0;
	if (s->running) {
		xmlUnlinkNode(s->running);
		xmlFreeNode(s->running);
		s->running = NULL;
	}
	if (nav)
		xmlUnlinkNode(nav);
	for (xmlNode *n = s->added; n;) {
		xmlNode *next = n->next;
		xmlUnlinkNode(n);
		xmlFreeNode(n);
		n = next;
	}
	s->added = NULL;
	if (!nav)
		return;
	for (xmlNode *n = s->nav_last ? s->nav_last->next : nav->children; n;) {
		xmlNode *next = n->next;
		xmlUnlinkNode(n);
		xmlFreeNode(n);
		n = next;
	}
	if (s->nav_prev)
		xmlAddNextSibling(s->nav_prev, nav);
	else if (s->nav_parent->children)
		xmlAddPrevSibling(s->nav_parent->children, nav);
	else
		xmlAddChild(s->nav_parent, nav);
}

/* Links list (unlinked siblings) after the last child of the content
 * element as it is: xmlAddChildList would merge a leading text node into
 * the shell's. */
static void link_fragment(echo_html_shell *s, xmlNode *list)
{
	xmlNode *before = s->content->last, *tail = list;
	for (xmlNode *n = list; n; n = n->next) {
		n->parent = s->content;
		tail = n;
	}
	if (before) {
		before->next = list;
		list->prev = before;
	} else {
		s->content->children = list;
	}
	s->content->last = tail;
	s->added = list;
}

/* The fragment parsed as a document of its own, its nodes copied into the
 * shell's: what libxml2's HTML parser does with markup it reports errors
 * for (a control character, say), which xmlParseInNodeContext would drop
 * whole.  Returns 0, or -1 if memory runs out. */
static int add_fragment_document(echo_html_shell *s, const char *fragment, size_t len)
{
	echo_buf wrapped = ECHO_BUF_INIT;
	echo_buf_puts(&wrapped, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
	echo_buf_append(&wrapped, fragment, len);
	echo_buf_puts(&wrapped, "</body></html>");
	htmlDocPtr frag = wrapped.failed || wrapped.len > INT_MAX
	                          ? NULL
	                          : htmlReadMemory(wrapped.data, (int)wrapped.len, "fragment.html",
	                                           "UTF-8", parse_options);
	echo_buf_free(&wrapped);
	if (!frag)
		return -1;
	xmlNode *fbody = find_element(xmlDocGetRootElement(frag), "body", NULL);
	xmlNode *list = NULL, *last = NULL;
	for (xmlNode *n = fbody ? fbody->children : NULL; n; n = n->next) {
		xmlNode *copy = xmlDocCopyNode(n, s->doc, 1);
		if (!copy)
			continue;
		if (last) {
			last->next = copy;
			copy->prev = last;
		} else {
			list = copy;
		}
		last = copy;
	}
	xmlFreeDoc(frag);
	if (list)
		link_fragment(s, list);
	return 0;
}

/* Parses the rendered fragment into the content element, in place.
 * Returns 0, or -1 if it cannot be parsed. */
static int add_fragment(echo_html_shell *s, const char *fragment, size_t len)
{
	if (len == 0)
		return 0;
	if (len > INT_MAX)
		return -1;
	xmlNode *list = NULL;
	xmlParserErrors err = xmlParseInNodeContext(s->content, fragment, (int)len, parse_options,
	                                            &list);
	if (err != XML_ERR_OK) {
		xmlFreeNodeList(list);
		return add_fragment_document(s, fragment, len);
	}
	if (list)
		link_fragment(s, list);
	return 0;
}

static int is_element(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, BAD_CAST name) == 0;
}

static xmlNode *first_element(xmlNode *n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

/* Appends node's text to t, its white space collapsed as a running
 * string's is, after " · " if t has text already. */
static void running_text(echo_buf *t, xmlNode *node)
{
	xmlChar *text = xmlNodeGetContent(node);
	size_t start = t->len;
	if (t->len)
		echo_buf_puts(t, " · ");
	size_t begin = t->len;
	for (const char *p = (const char *)text; p && *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') {
			if (t->len > begin && t->data[t->len - 1] != ' ')
				echo_buf_putc(t, ' ');
		} else {
			echo_buf_putc(t, *p);
		}
	}
	xmlFree(text);
	if (t->len > begin && t->data[t->len - 1] == ' ')
		t->len--;
	if (t->len == begin)
		t->len = start;
}

/* Sets a margin box's content to text, if there is any. */
static void running_box(echo_buf *css, const char *box, const echo_buf *text)
{
	if (!text->len || text->failed)
		return;
	echo_buf_printf(css, "  @%s { content: ", box);
	echo_escape_css_string(css, text->data, text->len);
	echo_buf_puts(css, "; }\n");
}

/* Whether list item li is labelled (starts with a strong "Label:") with
 * one of the labels that say which series and day a page is of. */
static int dated_item(xmlNode *li)
{
	static const char *const labels[] = {"Series:", "Session:", "Date:"};
	xmlNode *first = li->children;
	if (first && first->type == XML_ELEMENT_NODE && is_element(first, "p"))
		first = first->children;
	if (!is_element(first, "strong"))
		return 0;
	xmlChar *label = xmlNodeGetContent(first);
	int found = 0;
	for (size_t i = 0; label && !found && i < sizeof labels / sizeof labels[0]; i++)
		found = xmlStrcmp(label, BAD_CAST labels[i]) == 0;
	xmlFree(label);
	return found;
}

/* The page's running strings as a <style> after the shell's (see
 * echo_page.running): the heading, the notice quoted under it, and the
 * line that says the series and date.  Returns 0, or -1 if memory runs
 * out. */
static int add_running(echo_html_shell *s)
{
	xmlNode *h1 = first_element(s->content->children);
	if (!is_element(h1, "h1"))
		return 0;
	echo_buf title = ECHO_BUF_INIT, meta = ECHO_BUF_INIT, notice = ECHO_BUF_INIT;
	running_text(&title, h1);
	xmlNode *n = first_element(h1->next);
	if (is_element(n, "nav"))
		n = first_element(n->next);
	if (is_element(n, "blockquote")) {
		running_text(&notice, n);
		n = first_element(n->next);
	}
	xmlNode *child = n ? first_element(n->children) : NULL;
	if (is_element(n, "p") && is_element(child, "em") && !first_element(child->next)) {
		running_text(&meta, child);
		n = first_element(n->next);
	}
	if (is_element(n, "ul")) {
		xmlNode *first = first_element(n->children);
		for (xmlNode *li = first; li; li = first_element(li->next))
			if (is_element(li, "li") && dated_item(li))
				running_text(&meta, li);
		if (!meta.len && is_element(first, "li"))
			running_text(&meta, first);
	}
	echo_buf css = ECHO_BUF_INIT;
	echo_buf_puts(&css, "@page {\n");
	running_box(&css, "top-left", &title);
	running_box(&css, "top-right", &meta);
	running_box(&css, "bottom-left", &notice);
	echo_buf_puts(&css, "}\n");
	int failed = title.failed || meta.failed || notice.failed;
	echo_buf_free(&title);
	echo_buf_free(&meta);
	echo_buf_free(&notice);
	xmlNode *style = failed || css.failed || css.len > INT_MAX
	                         ? NULL
	                         : xmlNewDocNode(s->doc, NULL, BAD_CAST "style", NULL);
	xmlNode *text = style ? xmlNewDocTextLen(s->doc, BAD_CAST css.data, (int)css.len) : NULL;
	echo_buf_free(&css);
	if (!text) {
		xmlFreeNode(style);
		return -1;
	}
	xmlAddChild(style, text);
	xmlNode *head = s->style ? NULL : find_element(s->root, "head", NULL);
	if (s->style)
		xmlAddNextSibling(s->style, style);
	else
		xmlAddChild(head ? head : s->root, style);
	s->running = style;
	return 0;
}

int echo_html_shell_page(echo_html_shell *s, const char *title, const char *markdown,
                         size_t len, echo_buf *out, echo_diags *diags)
{
	const int options = CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8;
	cmark_node *md_doc = cmark_parse_document(markdown, len, options);
	char *fragment = NULL;
	size_t depth = md_doc ? echo_markdown_depth(md_doc, 0) : 0;
	if (depth > MAX_PAGE_DEPTH && depth != (size_t)-1) {
		cmark_node_free(md_doc);
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "limit-markdown-depth",
		               "the page nests %zu elements deep; the limit is %d", depth,
		               MAX_PAGE_DEPTH);
		return -1;
	}
	char kind[32] = "";
	if (md_doc)
		take_page_kind(md_doc, kind, sizeof kind);
	if (md_doc && add_charts(md_doc) == 0 && add_tables(md_doc, markdown, len, options) == 0)
		fragment = cmark_render_html(md_doc, options);
	cmark_node_free(md_doc);
	if (!fragment) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "html", "out of memory rendering Markdown");
		return -1;
	}
	shell_reset(s);
	s->used = 1;
	int parsed = add_fragment(s, fragment, strlen(fragment));
	free(fragment);
	if (parsed != 0) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "html", "cannot parse the page");
		return -1;
	}
	xmlNode *content = s->content;
	trim_cells(content->children);
	if (kind[0]) {
		xmlSetProp(content, BAD_CAST "data-page", BAD_CAST kind);
		s->kind_set = 1;
	}

	struct headings h = {0};
	collect_headings(content->children, &h);
	int rc = h.failed ? -1 : number_headings(s->doc, &h);

	if (s->title) {
		xmlChar *first = NULL;
		const char *text = title;
		if (!text && h.count)
			text = (const char *)(first = xmlNodeGetContent(h.nodes[0]));
		/* xmlNodeSetContent would read entities; a text node is literal. */
		xmlNodeSetContent(s->title, NULL);
		xmlAddChild(s->title, xmlNewDocText(s->doc, BAD_CAST(text ? text : "echo-toolkit")));
		xmlFree(first);
	}

	xmlNode *nav = s->nav;
	if (nav) {
		if (s->toc && count_toc_headings(&h) >= 2) {
			build_toc(nav, &h);
			/* A reader meets the title first, then the contents. */
			xmlNode *first = content->children;
			while (first && first->type != XML_ELEMENT_NODE)
				first = first->next;
			if (first && heading_level(first) == 1) {
				xmlUnlinkNode(nav);
				xmlAddNextSibling(first, nav);
			}
		} else {
			xmlUnlinkNode(nav);
		}
	}
	free(h.nodes);
	if (rc == 0 && s->with_running)
		rc = add_running(s);

	/* Serialize as UTF-8 text rather than named entities. */
	xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
	if (ob)
		htmlDocContentDumpFormatOutput(ob, s->doc, NULL, 0);
	if (!ob || ob->error || rc != 0) {
		if (ob)
			xmlOutputBufferClose(ob);
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "html", "out of memory writing HTML");
		return -1;
	}
	xmlOutputBufferFlush(ob);
	echo_buf_append(out, (const char *)xmlOutputBufferGetContent(ob),
	                xmlOutputBufferGetSize(ob));
	xmlOutputBufferClose(ob);
	return out->failed ? -1 : 0;
}

int echo_html_page(const echo_page *page, const char *markdown, size_t len,
                   echo_buf *out, echo_diags *diags)
{
	echo_html_shell *shell = echo_html_shell_new(page, diags);
	if (!shell)
		return -1;
	int rc = echo_html_shell_page(shell, page->title, markdown, len, out, diags);
	echo_html_shell_free(shell);
	return rc;
}
