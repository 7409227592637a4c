/* Safe HTML: every payload of injection/payloads.txt is put into every
 * text field of a case (and of a session and a series), rendered to a page
 * the way `echo-case render --to html` and `echo-agenda render --to html`
 * do, and the page is parsed with libxml2's HTML parser: no element, attribute
 * or link that runs script may come out.
 *   usage: test_injection PAYLOADS EXAMPLES_DIR */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <echo/echo.h>
#include <echo/minutes.h>
#include <echo/notes.h>

#include "testutil.h"

/* Where a failure came from, for messages. */
static const char *what_now;
static const char *payload_now;

#define FAIL(...) \
	do { \
		fprintf(stderr, "%s: payload %s: ", what_now, payload_now); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		test_failures++; \
	} while (0)

/* ---- Checking a page ---------------------------------------------------- */

/* The value with leading whitespace and control characters removed, and
 * the ones inside dropped too, as browsers do in a URL scheme. */
static int dangerous_url(const char *value)
{
	char scheme[16];
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)value; *p && n < sizeof scheme - 1; p++) {
		if (*p <= ' ' || *p == 0x7f)
			continue;
		scheme[n++] = (char)tolower(*p);
	}
	scheme[n] = '\0';
	return strncmp(scheme, "javascript:", 11) == 0 || strncmp(scheme, "vbscript:", 9) == 0 ||
	       strncmp(scheme, "data:", 5) == 0;
}

static int is_url_attr(const char *name)
{
	static const char *const names[] = {
		"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
		"lowsrc", "dynsrc", "cite", "longdesc", "usemap", "codebase", "manifest", NULL,
	};
	for (size_t i = 0; names[i]; i++)
		if (strcasecmp(name, names[i]) == 0)
			return 1;
	return 0;
}

static void check_node(xmlNode *node, int *styles)
{
	for (xmlNode *n = node; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) {
			continue;
		}
		const char *name = (const char *)n->name;
		static const char *const banned[] = {
			"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
			"form", "svg", "math", "link", "textarea", "input", "button", "details", NULL,
		};
		for (size_t i = 0; banned[i]; i++)
			if (strcasecmp(name, banned[i]) == 0)
				FAIL("<%s> element in the page", name);
		if (strcasecmp(name, "style") == 0)
			(*styles)++;
		if (strcasecmp(name, "meta") == 0 && xmlHasProp(n, (const xmlChar *)"http-equiv"))
			FAIL("<meta http-equiv> in the page");
		for (xmlAttr *a = n->properties; a; a = a->next) {
			char full[128];
			snprintf(full, sizeof full, "%s%s%s", a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "",
			         a->ns && a->ns->prefix ? ":" : "", (const char *)a->name);
			if (strncasecmp(full, "on", 2) == 0)
				FAIL("<%s %s=...>: an event handler", name, full);
			if (strcasecmp(full, "srcdoc") == 0)
				FAIL("<%s srcdoc=...>", name);
			if (is_url_attr(full)) {
				xmlChar *v = xmlNodeGetContent((xmlNode *)a);
				if (v && dangerous_url((const char *)v))
					FAIL("<%s %s=\"%s\">: a script URL", name, full, (const char *)v);
				xmlFree(v);
			}
		}
		check_node(n->children, styles);
	}
}

static xmlNode *find_element(xmlNode *node, const char *name)
{
	for (xmlNode *n = node; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0)
			return n;
		xmlNode *in = find_element(n->children, name);
		if (in)
			return in;
	}
	return NULL;
}

static void check_page(const char *html, size_t len)
{
	/* The raw text first: no tag a browser would run may be written, even
	 * one a lenient parser would drop. */
	for (const char *p = html; (p = strchr(p, '<')) != NULL; p++) {
		static const char *const raw[] = {"<script", "<iframe", "<svg", "<math", "<object",
		                                  "<embed", "<base", "<form", NULL};
		for (size_t i = 0; raw[i]; i++)
			if (strncasecmp(p, raw[i], strlen(raw[i])) == 0)
				FAIL("raw %s in the page", raw[i]);
	}
	htmlDocPtr doc = htmlReadMemory(html, (int)len, "page.html", "UTF-8",
	                                HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (!doc) {
		FAIL("the page does not parse");
		return;
	}
	int styles = 0;
	check_node(xmlDocGetRootElement(doc), &styles);
	if (styles != 1)
		FAIL("%d <style> elements, want the page's one", styles);
	xmlNode *title = find_element(xmlDocGetRootElement(doc), "title");
	if (!title) {
		FAIL("no <title>");
	} else {
		for (xmlNode *c = title->children; c; c = c->next)
			if (c->type != XML_TEXT_NODE)
				FAIL("<title> holds markup");
	}
	/* The title as written holds no tag either. */
	const char *t = strstr(html, "<title>");
	const char *e = t ? strstr(t, "</title>") : NULL;
	if (!t || !e || memchr(t + 7, '<', (size_t)(e - t - 7)))
		FAIL("<title> as written holds markup");
	xmlFreeDoc(doc);
}

/* ---- Rendering ---------------------------------------------------------- */

static echo_templates *templates;

/* Markdown from template `name` and data, then the page with the built-in
 * shell and style, as cli_render_page does; then the checks.  title NULL
 * takes the first heading. */
static void render_page(const char *name, const echo_node *data, const char *title)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_buf md = ECHO_BUF_INIT, page = ECHO_BUF_INIT;
	echo_render_options ropts = {.escape = echo_escape_markdown};
	if (echo_templates_render(templates, name, data, &ropts, &md, &diags) != 0) {
		FAIL("%s does not render", name);
	} else {
		size_t shell_len, css_len;
		const char *shell = echo_builtin_template("page.html", &shell_len);
		const char *css = echo_builtin_template("style.css", &css_len);
		for (int pass = 0; pass < 2; pass++) {
			echo_page p = {
				.shell = shell, .shell_len = shell_len, .css = css, .css_len = css_len,
				.title = pass ? NULL : title, .lang = "en", .toc = 1,
			};
			echo_buf_clear(&page);
			if (echo_html_page(&p, echo_buf_cstr(&md), md.len, &page, &diags) != 0)
				FAIL("no page");
			else
				check_page(echo_buf_cstr(&page), page.len);
			/* Escaped, the text went through (a Markdown link to an
			 * unsafe URL keeps only its text). */
			if (strstr(payload_now, "alert(1)") && payload_now[0] != '[' &&
			    payload_now[0] != '!' && !strstr(echo_buf_cstr(&page), "alert(1)"))
				FAIL("%s: the payload never reached the page", name);
		}
	}
	echo_buf_free(&md);
	echo_buf_free(&page);
	echo_diags_free(&diags);
}

/* ---- A case with the payload in every field ----------------------------- */

/* payload as a YAML double-quoted scalar. */
/* A one-line field (ECHO_FIELD_STRING) refuses line breaks and other
 * control characters (tests/errors/one-line-*): there the payload has
 * them as spaces, so the rest of it still reaches the page. */
static void put_quoted_as(echo_buf *out, const char *s, int one_line)
{
	echo_buf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (one_line && (*p < 0x20 || *p == 0x7f))
			echo_buf_putc(out, ' ');
		else if (one_line && p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			echo_buf_putc(out, ' '), p++;
		else if (one_line && p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
			echo_buf_putc(out, ' '), p += 2;
		else if (*p == '"' || *p == '\\')
			echo_buf_printf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			echo_buf_printf(out, "\\x%02x", *p);
		else
			echo_buf_putc(out, (char)*p);
	}
	echo_buf_putc(out, '"');
}

static void put_quoted(echo_buf *out, const char *s)
{
	put_quoted_as(out, s, 0);
}

static void put_value(echo_buf *out, const echo_field *f, const char *payload);

/* Markdown texts written as a list of texts rather than one. */
static int text_as_list;

/* Every field of the table, as a flow mapping: text fields (and enums and
 * the like, which templates also print) hold the payload. */
static void put_fields(echo_buf *out, const echo_field *fields, const char *payload)
{
	echo_buf_putc(out, '{');
	for (const echo_field *f = fields; f->key; f++) {
		if (f != fields)
			echo_buf_puts(out, ", ");
		echo_buf_printf(out, "%s: ", f->key);
		if (strcmp(f->key, "schema") == 0)
			echo_buf_puts(out, "echo-case/1");
		else
			put_value(out, f, payload);
	}
	echo_buf_putc(out, '}');
}

static void put_value(echo_buf *out, const echo_field *f, const char *payload)
{
	switch (f->type) {
	case ECHO_FIELD_INT:
	case ECHO_FIELD_NUMBER:
		echo_buf_printf(out, "%d", f->min < f->max ? (int)f->min : 1);
		break;
	case ECHO_FIELD_BOOL:
		echo_buf_puts(out, "true");
		break;
	case ECHO_FIELD_MAP:
		put_fields(out, f->fields, payload);
		break;
	case ECHO_FIELD_LIST:
		echo_buf_putc(out, '[');
		put_value(out, f->item, payload);
		echo_buf_puts(out, ", ");
		put_value(out, f->item, payload);
		echo_buf_putc(out, ']');
		break;
	case ECHO_FIELD_TEXT:
		if (!text_as_list) {
			put_quoted(out, payload);
			break;
		}
		/* A text can also be a list of texts. */
		echo_buf_putc(out, '[');
		put_quoted(out, payload);
		echo_buf_puts(out, ", ");
		put_quoted(out, payload);
		echo_buf_putc(out, ']');
		break;
	default:   /* string, enum, date, time: printed as they are */
		put_quoted_as(out, payload, f->type == ECHO_FIELD_STRING);
		break;
	}
}

static void test_case(const char *payload, int texts_as_lists)
{
	echo_buf yaml = ECHO_BUF_INIT;
	text_as_list = texts_as_lists;
	put_fields(&yaml, echo_case_schema.fields, payload);
	echo_buf_putc(&yaml, '\n');
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("inj.yaml", yaml.data, yaml.len, NULL, &diags);
	if (!s || s->doc_count != 1) {
		FAIL("the case does not load: %s", diags.count ? diags.items[0].message : "?");
	} else {
		echo_node *root = s->docs[0];
		echo_case_check(s, root, &diags);
		echo_case_screen(s, root, &diags);
		/* The findings are ignored: the page must be safe regardless. */
		echo_node *view = echo_case_view(s, root, 1);
		if (!view) {
			FAIL("out of memory");
		} else {
			const char *id = echo_node_get_text(root, "id");
			char title[512];
			snprintf(title, sizeof title, "Case %s", id ? id : "");
			what_now = "case";
			render_page("case.md", view, title);
			/* The presenter's summary from echo-minutes, same case. */
			what_now = "recommendations";
			echo_node *data = echo_recommendations_data(s, root, NULL);
			if (!data)
				FAIL("out of memory");
			else
				render_page("recommendations.md", data, title);
		}
	}
	echo_stream_free(s);
	echo_diags_free(&diags);
	echo_buf_free(&yaml);
}

/* ---- Sessions and series: the examples with the payload in every text --- */

struct range {
	size_t start, end;
	int one_line;
};

struct ranges {
	struct range *items;
	size_t count, cap;
};

static void add_range(struct ranges *r, const echo_node *n, int one_line)
{
	if (r->count == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->items = realloc(r->items, r->cap * sizeof *r->items);
		if (!r->items)
			abort();
	}
	r->items[r->count].start = n->start.offset;
	r->items[r->count].end = n->end.offset;
	r->items[r->count].one_line = one_line;
	r->count++;
}

/* Collects the scalars the schema calls text (string or Markdown); an
 * email field is validated as an address, so no payload gets that far. */
static void collect(const echo_node *node, const echo_field *field, struct ranges *r)
{
	if (!node || !field || (field->flags & ECHO_FIELD_EMAIL))
		return;
	switch (field->type) {
	case ECHO_FIELD_STRING:
	case ECHO_FIELD_TEXT:
		if (node->type == ECHO_NODE_STRING && node->style != ECHO_STYLE_LITERAL &&
		    node->style != ECHO_STYLE_FOLDED)
			add_range(r, node, field->type == ECHO_FIELD_STRING);
		else if (node->type == ECHO_NODE_SEQ)
			for (size_t i = 0; i < node->count; i++)
				collect(node->items[i], field, r);
		break;
	case ECHO_FIELD_MAP:
		if (node->type != ECHO_NODE_MAP)
			break;
		for (size_t i = 0; i < node->count; i++) {
			const char *key = node->pairs[i].key->text;
			if (strcmp(key, "schema") == 0 || strcmp(key, "file") == 0 ||
			    strcmp(key, "time_zone") == 0)
				continue;
			collect(node->pairs[i].value, echo_field_find(field->fields, key), r);
		}
		break;
	case ECHO_FIELD_LIST:
		if (node->type == ECHO_NODE_SEQ)
			for (size_t i = 0; i < node->count; i++)
				collect(node->items[i], field->item, r);
		break;
	default:
		break;
	}
}

static int by_start(const void *a, const void *b)
{
	const struct range *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static char *read_all(const char *path, size_t *len)
{
	echo_diags d = ECHO_DIAGS_INIT;
	char *text = echo_file_read(path, 1 << 20, len, &d);
	if (!text)
		fprintf(stderr, "%s: cannot read\n", path);
	echo_diags_free(&d);
	return text;
}

/* The example at path with every text field the schema defines replaced
 * by the payload; loaded under the example's own path, so the files it
 * names resolve.  *replaced counts the fields.  Caller frees the stream. */
static echo_stream *load_with_payload(const char *path, const echo_schema *schema,
                                      const char *payload, size_t *replaced,
                                      echo_diags *diags)
{
	size_t len;
	char *text = read_all(path, &len);
	if (!text) {
		test_failures++;
		return NULL;
	}
	echo_stream *orig = echo_stream_load(path, text, len, NULL, diags);
	struct ranges r = {NULL, 0, 0};
	echo_field top = {.key = "", .type = ECHO_FIELD_MAP, .fields = schema->fields};
	collect(orig->docs[0], &top, &r);
	qsort(r.items, r.count, sizeof *r.items, by_start);
	*replaced = r.count;
	echo_buf yaml = ECHO_BUF_INIT;
	size_t at = 0;
	for (size_t i = 0; i < r.count; i++) {
		echo_buf_append(&yaml, text + at, r.items[i].start - at);
		put_quoted_as(&yaml, payload, r.items[i].one_line);
		at = r.items[i].end;
	}
	echo_buf_append(&yaml, text + at, len - at);
	echo_stream_free(orig);
	free(r.items);
	free(text);
	echo_stream *s = echo_stream_load(path, yaml.data, yaml.len, NULL, diags);
	echo_buf_free(&yaml);
	return s;
}

static const char *notes_path;

/* A payload may also look like an identifier ("@import" like a handle):
 * the screen's findings make a document unusable for the tools, but this
 * test is about escaping, so a document whose only errors are PHI
 * findings is rendered all the same. */
static int only_phi_errors(const echo_diags *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		const echo_diag *d = &diags->items[i];
		if (d->severity == ECHO_ERROR && !(d->rule && strncmp(d->rule, "phi-", 4) == 0))
			return 0;
	}
	return 1;
}

/* A session or series example with the payload in every text field,
 * rendered with its templates; a session's minutes also take the notes
 * example with the payload in every text field. */
static void test_agenda(const char *path, const echo_schema *schema, const char *payload,
                        size_t *replaced)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *s = load_with_payload(path, schema, payload, replaced, &diags);
	echo_node *root = s && s->doc_count ? s->docs[0] : NULL;
	if (!root) {
		FAIL("does not load");
	} else if (schema == &echo_session_schema) {
		echo_session *session = echo_session_check(s, root, NULL, &diags);
		if (!session || (!session->usable && !only_phi_errors(&diags))) {
			FAIL("the session is not usable");
		} else {
			const char *program = echo_node_get_text(root, "program");
			const char *t = echo_node_get_text(root, "title");
			echo_buf title = ECHO_BUF_INIT;
			echo_buf_printf(&title, "%s: %s", program ? program : "", t ? t : "");
			echo_node *data = echo_session_data(session, NULL);
			render_page("agenda.md", data, echo_buf_cstr(&title));
			render_page("outline.md", data, echo_buf_cstr(&title));
			/* The same session's minutes (echo-minutes), with notes. */
			size_t in_notes = 0;
			echo_stream *notes = load_with_payload(notes_path, &echo_notes_schema, payload,
			                                       &in_notes, &diags);
			CHECK(in_notes >= 5);
			echo_minutes minutes = {
				.session = session,
				.notes = notes && notes->doc_count ? notes->docs[0] : NULL,
			};
			CHECK(minutes.notes != NULL);
			echo_node *mdata = echo_minutes_data(&minutes);
			if (!mdata)
				FAIL("out of memory");
			else
				render_page("minutes.md", mdata, echo_buf_cstr(&title));
			echo_stream_free(notes);
			echo_buf_free(&title);
		}
		echo_session_free(session);
	} else {
		echo_series *series = echo_series_check(s, root, &diags);
		if (!series || (!series->usable && !only_phi_errors(&diags))) {
			FAIL("the series is not usable");
		} else {
			const char *program = echo_node_get_text(root, "program");
			echo_buf title = ECHO_BUF_INIT;
			echo_buf_printf(&title, "Didactic outlines: %s", program ? program : "");
			echo_node *data = echo_series_data(series, NULL);
			render_page("series.md", data, echo_buf_cstr(&title));
			render_page("outline.md", data, echo_buf_cstr(&title));
			echo_buf_free(&title);
		}
		echo_series_free(series);
	}
	echo_stream_free(s);
	echo_diags_free(&diags);
}

/* ---- Payloads ----------------------------------------------------------- */

/* The payloads: one a line, "\n" standing for a line break. */
static size_t read_payloads(const char *path, char ***out)
{
	size_t len;
	char *text = read_all(path, &len);
	if (!text)
		return 0;
	char **list = NULL;
	size_t count = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *p = strdup(line), *w = p;
		for (const char *r = line; *r; r++) {
			if (r[0] == '\\' && r[1] == 'n') {
				*w++ = '\n';
				r++;
			} else {
				*w++ = *r;
			}
		}
		*w = '\0';
		list = realloc(list, (count + 1) * sizeof *list);
		list[count++] = p;
	}
	free(text);
	*out = list;
	return count;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: test_injection PAYLOADS EXAMPLES_DIR\n");
		return 2;
	}
	/* The checker itself: each of these pages must be caught. */
	static const char *const bad[] = {
		"<html><head><title>t</title><style></style></head><body><script>x</script></body></html>",
		"<html><head><title>t</title><style></style></head><body><img src=x OnError=y></body></html>",
		"<html><head><title>t</title><style></style></head><body><a href=' \tJaVa\nscript:x'>a</a></body></html>",
		"<html><head><title>t</title><style></style></head><body><a href='data:text/html,x'>a</a></body></html>",
		"<html><head><title>t<b>x</b></title><style></style></head><body></body></html>",
		"<html><head><title>t</title><style></style><meta http-equiv=refresh content=0></head></html>",
		"<html><head><title>t</title><style></style></head><body><svg><a xlink:href='javascript:x'>a</a></svg></body></html>",
	};
	what_now = "self-test";
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int before = test_failures;
		payload_now = bad[i];
		check_page(bad[i], strlen(bad[i]));
		if (test_failures == before) {
			fprintf(stderr, "self-test: page %zu was not caught\n", i);
			return 1;
		}
		test_failures = before;
	}
	fprintf(stderr, "(the failures above are the checker's self-test, as expected)\n");

	char **payloads = NULL;
	size_t count = read_payloads(argv[1], &payloads);
	CHECK(count >= 25);
	templates = echo_templates_new();
	CHECK(templates && echo_templates_add_builtins(templates) == 0);
	char session_path[4096], series_path[4096], notes[4096];
	snprintf(notes, sizeof notes, "%s/series/notes/rural-oud-2026-03-12.yaml", argv[2]);
	notes_path = notes;
	snprintf(session_path, sizeof session_path, "%s/series/sessions/rural-oud-2026-03-12.yaml", argv[2]);
	snprintf(series_path, sizeof series_path, "%s/series/cars-weekly.yaml", argv[2]);
	size_t in_session = 0, in_series = 0;
	for (size_t i = 0; i < count; i++) {
		payload_now = payloads[i];
		what_now = "case";
		test_case(payloads[i], 0);
		test_case(payloads[i], 1);
		what_now = "session";
		test_agenda(session_path, &echo_session_schema, payloads[i], &in_session);
		what_now = "series";
		test_agenda(series_path, &echo_series_schema, payloads[i], &in_series);
		free(payloads[i]);
	}
	/* The examples give the payload many places to go. */
	CHECK(in_session >= 10);
	CHECK(in_series >= 10);
	free(payloads);
	printf("%zu payloads, each in every text field of a case (%zu texts of a session, "
	       "%zu of a series; the notes in the minutes too)\n", count, in_session, in_series);
	echo_templates_free(templates);
	xmlCleanupParser();
	TEST_EXIT();
}
