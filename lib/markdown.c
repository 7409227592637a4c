/* Nesting depth of a parsed Markdown tree (markdown.h). */
#include "markdown.h"

size_t echo_markdown_depth(cmark_node *doc, int containers_only)
{
	size_t depth = 0, max = 0;
	cmark_iter *it = cmark_iter_new(doc);
	if (!it)
		return (size_t)-1;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (cmark_node_first_child(n) == NULL || t == CMARK_NODE_DOCUMENT)
			continue;
		if (containers_only &&
		    (t == CMARK_NODE_ITEM || t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING))
			continue;
		if (ev == CMARK_EVENT_ENTER && ++depth > max)
			max = depth;
		else if (ev == CMARK_EVENT_EXIT)
			depth--;
	}
	cmark_iter_free(it);
	return max;
}
