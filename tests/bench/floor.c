/* floor: the least work any case-to-HTML renderer must do, for the render
 * benchmark to compare echo-case against.  Per case: libyaml events (no
 * tree), the scalars joined as Markdown, cmark_markdown_to_html, the page
 * shell parsed with libxml2's HTML parser, the fragment parsed into
 * <main id="content">, the style sheet set, the page serialized and written
 * to a staged file renamed into place (create, write, close, rename).  No
 * validation, no templates, no table of contents.
 *
 *   floor --shell page.html --css style.css -o OUT FILE...
 *   floor --parse-only FILE...     libyaml events only: read and parse
 *
 * FILE may be '-' (a stream of cases on stdin).  OUT ending in '/' or naming
 * a folder gets one ID.html per case, as echo-case does; otherwise every
 * case goes into one page at OUT ('-' for stdout). */
#include <cmark.h>
#include <errno.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

static const int html_options = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;

struct text {
	char *data;
	size_t len, cap;
};

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "floor: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	exit(2);
}

static void text_add(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 4096;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *d = realloc(t->data, cap);
		if (!d)
			die("out of memory", NULL);
		t->data = d;
		t->cap = cap;
	}
	memcpy(t->data + t->len, s, n);
	t->len += n;
	t->data[t->len] = '\0';
}

static void text_puts(struct text *t, const char *s)
{
	text_add(t, s, strlen(s));
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		die(path, strerror(errno));
	struct text t = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		text_add(&t, chunk, n);
	if (ferror(f))
		die(path, "cannot read");
	if (f != stdin)
		fclose(f);
	if (!t.data)
		text_add(&t, "", 0);
	*len = t.len;
	return t.data;
}

/* A page file is written next to its final name and renamed into place,
 * as any writer that never leaves a half-written page must do. */
static void write_file(const char *path, const char *data, size_t len)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			die(path, "cannot write");
		return;
	}
	char staged[4096];
	if (snprintf(staged, sizeof staged, "%s.tmp", path) >= (int)sizeof staged)
		die(path, "name too long");
	FILE *f = fopen(staged, "wb");
	if (!f)
		die(staged, strerror(errno));
	if (fwrite(data, 1, len, f) != len || fclose(f) != 0)
		die(staged, "cannot write");
	if (rename(staged, path) != 0)
		die(path, strerror(errno));
}

/* Reads path and sets up parser on it; the caller frees the text after
 * yaml_parser_delete. */
static char *open_parser(const char *path, yaml_parser_t *parser)
{
	size_t len;
	char *source = read_file(path, &len);
	if (!yaml_parser_initialize(parser))
		die("out of memory", NULL);
	yaml_parser_set_input_string(parser, (const unsigned char *)source, len);
	return source;
}

/* --parse-only: what any checker must do before it checks anything. */
static int parse_only(int argc, char **argv)
{
	for (int a = 0; a < argc; a++) {
		yaml_parser_t parser;
		char *source = open_parser(argv[a], &parser);
		for (int done = 0; !done;) {
			yaml_event_t ev;
			if (!yaml_parser_parse(&parser, &ev))
				die("YAML error", parser.problem);
			done = ev.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&ev);
		}
		yaml_parser_delete(&parser);
		free(source);
	}
	return 0;
}

struct page_parts {
	const char *shell, *css;
	size_t shell_len, css_len;
};

static xmlNode *find_by_id(xmlNode *node, const char *id)
{
	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		xmlAttr *a = xmlHasProp(node, BAD_CAST "id");
		if (a && a->children && xmlStrcmp(a->children->content, BAD_CAST id) == 0)
			return node;
		xmlNode *found = find_by_id(node->children, id);
		if (found)
			return found;
	}
	return NULL;
}

static xmlNode *find_by_name(xmlNode *node, const char *name)
{
	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(node->name, BAD_CAST name) == 0)
			return node;
		xmlNode *found = find_by_name(node->children, name);
		if (found)
			return found;
	}
	return NULL;
}

/* Markdown to a whole page, appended to out. */
static void render_page(const struct page_parts *parts, const struct text *md, struct text *out)
{
	char *fragment = cmark_markdown_to_html(md->data, md->len,
	                                        CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8);
	htmlDocPtr doc = htmlReadMemory(parts->shell, (int)parts->shell_len, "page.html", "UTF-8",
	                                html_options);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNode *content = root ? find_by_id(root, "content") : NULL;
	if (!fragment || !content)
		die("page.html", "cannot parse it, or it has no id=\"content\"");
	xmlNode *list = NULL;
	xmlParserErrors err = xmlParseInNodeContext(content, fragment, (int)strlen(fragment),
	                                            html_options, &list);
	free(fragment);
	if (err != XML_ERR_OK && !list)
		die("cannot parse the HTML fragment", NULL);
	xmlAddChildList(content, list);
	xmlNode *style = find_by_name(root, "style");
	if (style)
		xmlAddChild(style, xmlNewDocTextLen(doc, BAD_CAST parts->css, (int)parts->css_len));
	xmlChar *mem = NULL;
	int size = 0;
	htmlDocDumpMemoryFormat(doc, &mem, &size, 0);
	xmlFreeDoc(doc);
	if (!mem)
		die("out of memory", NULL);
	text_add(out, (const char *)mem, (size_t)size);
	xmlFree(mem);
}

/* Walks one document's events and writes its scalars as Markdown, much as
 * a case template would: the short top-level values before the first
 * section and the keys of nested maps as "- **key:** value" items, every
 * other top-level value under a "## key" heading.  Keeps the id for the file name.  Returns 0 at the end of the
 * stream. */
static int next_case(yaml_parser_t *parser, struct text *md, char *id, size_t id_cap)
{
	int depth = 0, in_seq[64] = {0}, expect_key[64] = {0}, started = 0;
	char key[128] = "";
	int header = 1; /* still in the list of short values at the top */
	id[0] = '\0';
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(parser, &ev))
			die("YAML error", parser->problem);
		yaml_event_type_t type = ev.type;
		int is_value = depth > 0 && !in_seq[depth] && !expect_key[depth];
		if (type == YAML_SCALAR_EVENT) {
			const char *s = (const char *)ev.data.scalar.value;
			size_t n = ev.data.scalar.length;
			while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
				n--;
			int block = ev.data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
			            ev.data.scalar.style == YAML_FOLDED_SCALAR_STYLE || n > 100;
			if (depth > 0 && !in_seq[depth] && expect_key[depth]) {
				snprintf(key, sizeof key, "%.*s", (int)n, s);
			} else if (is_value && depth == 1 && (block || !header)) {
				header = 0;
				text_puts(md, "\n## ");
				text_puts(md, key);
				text_puts(md, "\n\n");
				text_add(md, s, n);
				text_puts(md, "\n\n");
			} else if (is_value) {
				if (depth == 1 && strcmp(key, "id") == 0 && n < id_cap) {
					memcpy(id, s, n);
					id[n] = '\0';
				}
				text_puts(md, "- **");
				text_puts(md, key);
				text_puts(md, ":** ");
				text_add(md, s, n);
				text_puts(md, "\n");
			} else {
				text_puts(md, "- ");
				text_add(md, s, n);
				text_puts(md, "\n");
			}
			if (depth > 0 && !in_seq[depth])
				expect_key[depth] = !expect_key[depth];
		} else if (type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT) {
			if (is_value) {
				header = header && depth > 1;
				text_puts(md, depth == 1 ? "\n## " : "- **");
				text_puts(md, key);
				text_puts(md, depth == 1 ? "\n\n" : ":**\n");
			}
			if (depth > 0 && !in_seq[depth])
				expect_key[depth] = 1;
			if (++depth >= 64)
				die("nesting too deep", NULL);
			in_seq[depth] = type == YAML_SEQUENCE_START_EVENT;
			expect_key[depth] = 1;
			started = 1;
		} else if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT) {
			if (depth == 2)
				text_puts(md, "\n");
			depth--;
		}
		yaml_event_delete(&ev);
		if (type == YAML_DOCUMENT_END_EVENT)
			return 1;
		if (type == YAML_STREAM_END_EVENT)
			return started;
	}
}

int main(int argc, char **argv)
{
	const char *shell_path = NULL, *css_path = NULL, *output = "-";
	if (argc > 2 && strcmp(argv[1], "--parse-only") == 0)
		return parse_only(argc - 2, argv + 2);
	int a = 1;
	for (; a + 1 < argc && argv[a][0] == '-' && argv[a][1]; a += 2) {
		if (strcmp(argv[a], "--shell") == 0)
			shell_path = argv[a + 1];
		else if (strcmp(argv[a], "--css") == 0)
			css_path = argv[a + 1];
		else if (strcmp(argv[a], "-o") == 0)
			output = argv[a + 1];
		else
			break;
	}
	if (!shell_path || !css_path || a >= argc) {
		fputs("usage: floor --shell page.html --css style.css [-o OUT] FILE...\n"
		      "       floor --parse-only FILE...\n", stderr);
		return 2;
	}
	struct stat st;
	int to_dir = strcmp(output, "-") != 0 &&
	             (output[strlen(output) - 1] == '/' ||
	              (stat(output, &st) == 0 && S_ISDIR(st.st_mode)));
	struct page_parts parts;
	parts.shell = read_file(shell_path, &parts.shell_len);
	parts.css = read_file(css_path, &parts.css_len);

	struct text md = {0}, page = {0}, path = {0};
	char id[256];
	text_add(&md, "", 0);
	for (; a < argc; a++) {
		yaml_parser_t parser;
		char *source = open_parser(argv[a], &parser);
		for (;;) {
			size_t mark = to_dir ? 0 : md.len;
			md.len = mark;
			if (mark)
				text_puts(&md, "\n---\n\n");
			if (!next_case(&parser, &md, id, sizeof id)) {
				md.len = mark;
				break;
			}
			if (!to_dir)
				continue;
			page.len = 0;
			render_page(&parts, &md, &page);
			path.len = 0;
			text_puts(&path, output);
			if (output[strlen(output) - 1] != '/')
				text_puts(&path, "/");
			text_puts(&path, id[0] ? id : "case");
			text_puts(&path, ".html");
			write_file(path.data, page.data, page.len);
		}
		yaml_parser_delete(&parser);
		free(source);
	}
	if (!to_dir) {
		render_page(&parts, &md, &page);
		write_file(output, page.data, page.len);
	}
	free(md.data);
	free(page.data);
	free(path.data);
	free((char *)parts.shell);
	free((char *)parts.css);
	return 0;
}
