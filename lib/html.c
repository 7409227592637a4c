/* HTML: cmark renders Markdown in safe mode; libxml2 parses the page shell
 * and the fragment, adds heading ids and a table of contents, sets the
 * title and language, inlines the style sheet and serializes the page. */
#include "echo/html.h"

#include <cmark.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

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

static int id_taken(xmlDoc *doc, const char *id)
{
	return find_element(xmlDocGetRootElement(doc), NULL, id) != NULL;
}

/* Gives every heading a stable id from its text, unique in the page. */
static int number_headings(xmlDoc *doc, struct headings *h)
{
	echo_buf slug = ECHO_BUF_INIT, unique = ECHO_BUF_INIT;
	for (size_t i = 0; i < h->count; i++) {
		xmlChar *text = xmlNodeGetContent(h->nodes[i]);
		echo_buf_clear(&slug);
		slugify(text ? (const char *)text : "", &slug);
		xmlFree(text);
		echo_buf_clear(&unique);
		echo_buf_puts(&unique, echo_buf_cstr(&slug));
		for (int n = 2; id_taken(doc, echo_buf_cstr(&unique)); n++) {
			echo_buf_clear(&unique);
			echo_buf_printf(&unique, "%s-%d", echo_buf_cstr(&slug), n);
		}
		xmlSetProp(h->nodes[i], BAD_CAST "id", BAD_CAST echo_buf_cstr(&unique));
	}
	int failed = slug.failed || unique.failed;
	echo_buf_free(&slug);
	echo_buf_free(&unique);
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

int echo_html_page(const echo_page *page, const char *markdown, size_t len,
                   echo_buf *out, echo_diags *diags)
{
	char *fragment = cmark_markdown_to_html(markdown, len,
	                                        CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8);
	if (!fragment) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "html", "out of memory rendering Markdown");
		return -1;
	}
	htmlDocPtr doc = htmlReadMemory(page->shell, (int)page->shell_len, "page.html", "UTF-8",
	                                parse_options);
	/* The fragment is parsed inside a body of its own, then moved over. */
	size_t flen = strlen(fragment);
	echo_buf wrapped = ECHO_BUF_INIT;
	echo_buf_puts(&wrapped, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
	echo_buf_append(&wrapped, fragment, flen);
	echo_buf_puts(&wrapped, "</body></html>");
	free(fragment);
	htmlDocPtr frag = wrapped.failed ? NULL
	                                 : htmlReadMemory(wrapped.data, (int)wrapped.len,
	                                                  "fragment.html", "UTF-8", parse_options);
	echo_buf_free(&wrapped);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNode *content = root ? find_element(root, NULL, "content") : NULL;
	if (!doc || !frag || !content) {
		echo_diags_add(diags, ECHO_ERROR, "page.html", 0, 0, "html",
		               doc && frag ? "the page shell has no element with id=\"content\""
		                           : "cannot parse the page");
		xmlFreeDoc(doc);
		xmlFreeDoc(frag);
		return -1;
	}
	xmlNode *fbody = find_element(xmlDocGetRootElement(frag), "body", NULL);
	for (xmlNode *n = fbody ? fbody->children : NULL; n;) {
		xmlNode *next = n->next;
		xmlUnlinkNode(n);
		xmlNode *copy = xmlDocCopyNode(n, doc, 1);
		xmlFreeNode(n);
		if (copy)
			xmlAddChild(content, copy);
		n = next;
	}
	xmlFreeDoc(frag);

	struct headings h = {0};
	collect_headings(content->children, &h);
	int rc = h.failed ? -1 : number_headings(doc, &h);

	xmlSetProp(root, BAD_CAST "lang", BAD_CAST(page->lang ? page->lang : "en"));

	xmlNode *title = find_element(root, "title", NULL);
	if (title) {
		xmlChar *first = NULL;
		const char *text = page->title;
		if (!text && h.count)
			text = (const char *)(first = xmlNodeGetContent(h.nodes[0]));
		/* xmlNodeSetContent would read entities; a text node is literal. */
		xmlNodeSetContent(title, NULL);
		xmlAddChild(title, xmlNewDocText(doc, BAD_CAST(text ? text : "echo-toolkit")));
		xmlFree(first);
	}

	xmlNode *nav = find_element(root, NULL, "toc");
	if (nav) {
		if (page->toc && count_toc_headings(&h) >= 2) {
			build_toc(nav, &h);
		} else {
			xmlUnlinkNode(nav);
			xmlFreeNode(nav);
		}
	}
	free(h.nodes);

	xmlNode *style = find_element(root, "style", NULL);
	if (style) {
		xmlNodeSetContent(style, NULL);
		if (page->css && page->css_len)
			xmlAddChild(style, xmlNewDocTextLen(doc, BAD_CAST page->css, (int)page->css_len));
	}

	/* Serialize as UTF-8 text rather than named entities. */
	xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
	if (ob)
		htmlDocContentDumpFormatOutput(ob, doc, NULL, 0);
	xmlFreeDoc(doc);
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
