/* How deep a parsed Markdown tree nests: the one measure behind the text
 * field limit (schema.c) and the page limit (html.c).  Internal. */
#ifndef ECHO_MARKDOWN_H
#define ECHO_MARKDOWN_H

#include <stddef.h>

#include <cmark.h>

/* Deepest nesting of nodes that have children, the document itself not
 * counted.  With containers_only, list items, paragraphs and headings are
 * not counted either, so a list level or a block quote is one level, as a
 * writer counts them; without it every HTML element counts.  Returns
 * (size_t)-1 when memory runs out. */
size_t echo_markdown_depth(cmark_node *doc, int containers_only);

#endif
