/* Views: the data a template or a JSON output is made from.  A view is
 * built beside the parsed document, never in it: loaded nodes stay
 * read-only (doc.h), so one parse can be rendered, checked and written
 * back any number of times. */
#ifndef ECHO_VIEW_H
#define ECHO_VIEW_H

#include "echo/export.h"
#include "echo/doc.h"

/* A view of node: a copy of its maps and sequences, allocated in stream
 * (freed with it), whose scalars are the document's own, shared and
 * read-only.  Aliases are expanded, each use getting its own copy, so a
 * key added at one use shows at no other.  Keys may be added to the
 * copy's maps and items to its sequences (echo_stream_map_set,
 * echo_stream_seq_push); its scalars must not be changed.  A scalar node
 * is returned as it is.  Returns NULL when memory runs out. */
ECHO_EXPORT echo_node *echo_view_copy(echo_stream *stream, const echo_node *node);

#endif
