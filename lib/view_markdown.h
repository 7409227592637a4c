/* The Markdown keys a schema adds to a view, for templates: internal to
 * the view layer (view.c, and the formats' views such as case_view.c). */
#ifndef ECHO_VIEW_MARKDOWN_H
#define ECHO_VIEW_MARKDOWN_H

#include "echo/doc.h"
#include "echo/schema.h"

/* In a view (never the parsed document), next to every Markdown text
 * field F (ECHO_FIELD_TEXT) that has a value, sets F_md to Markdown for
 * it: the text itself, or a list written as a bullet list (no final
 * newline).  Next to every non-empty list field L, sets has_L to true, so
 * a heading can stand above it.  Returns 0, or -1 when memory runs out. */
int echo_schema_add_markdown(const echo_schema *schema, echo_stream *stream,
                             echo_node *view);

#endif
