/* Views: the data a template or a JSON output is made from.  A view is
 * built beside the parsed document, never in it: loaded nodes stay
 * read-only (doc.h), so one parse can be rendered, checked and written
 * back any number of times. */
#ifndef ECHO_VIEW_H
#define ECHO_VIEW_H

#include "echo/export.h"
#include "echo/buf.h"
#include "echo/doc.h"

/* A view of node: a copy of its maps and sequences, allocated in stream
 * (freed with it), whose scalars are the document's own, shared and
 * read-only.  Aliases are expanded, each use getting its own copy, so a
 * key added at one use shows at no other.  Keys may be added to the
 * copy's maps and items to its sequences (echo_stream_map_set,
 * echo_stream_seq_push); its scalars must not be changed.  A scalar node
 * is returned as it is.  Returns NULL when memory runs out. */
ECHO_EXPORT echo_node *echo_view_copy(echo_stream *stream, const echo_node *node);

/* Building a view: computed nodes allocated in stream (freed with it),
 * every failure to allocate gathered in one flag, so that whoever builds
 * a view checks once, at the end, and returns no view when failed is set.
 * Each function that makes a node returns NULL, and each that sets or
 * pushes does nothing, after setting failed; NULL values and containers
 * are never set, so a chain of calls is safe after a failure.  Values set
 * or pushed are shared, not copied: a scalar of the document may appear
 * in a view, since neither is ever changed. */
typedef struct echo_view_builder {
	echo_stream *stream;
	int failed;
} echo_view_builder;

/* A string of text (NULL is ""), or of the len bytes at text. */
ECHO_EXPORT echo_node *echo_view_string(echo_view_builder *b, const char *text);
ECHO_EXPORT echo_node *echo_view_string_len(echo_view_builder *b, const char *text, size_t len);
ECHO_EXPORT echo_node *echo_view_map(echo_view_builder *b);
ECHO_EXPORT echo_node *echo_view_seq(echo_view_builder *b);

/* map[key] = value (key is copied into the stream). */
ECHO_EXPORT void echo_view_set(echo_view_builder *b, echo_node *map, const char *key,
                               const echo_node *value);
/* map[key] = text; nothing when text is NULL, so that a template section
 * on the key is false. */
ECHO_EXPORT void echo_view_set_string(echo_view_builder *b, echo_node *map, const char *key,
                                      const char *text);
/* map[key] = text, or "" when text is NULL: for list items, where a
 * missing key would let a template find the same key further out. */
ECHO_EXPORT void echo_view_set_item(echo_view_builder *b, echo_node *map, const char *key,
                                    const char *text);
/* map[key] = the buffer's text, then clears the buffer (keeping its
 * memory for the next use).  A failed buffer fails the builder. */
ECHO_EXPORT void echo_view_set_buf(echo_view_builder *b, echo_node *map, const char *key,
                                   echo_buf *buf);
ECHO_EXPORT void echo_view_set_int(echo_view_builder *b, echo_node *map, const char *key,
                                   long long value);
ECHO_EXPORT void echo_view_set_bool(echo_view_builder *b, echo_node *map, const char *key,
                                    int value);
ECHO_EXPORT void echo_view_set_null(echo_view_builder *b, echo_node *map, const char *key);
/* seq += item. */
ECHO_EXPORT void echo_view_push(echo_view_builder *b, echo_node *seq, const echo_node *item);
/* map[key] = src[src_key] (src_key NULL: the same key) when src has that
 * key with a value other than null; otherwise nothing. */
ECHO_EXPORT void echo_view_copy_key(echo_view_builder *b, echo_node *map, const char *key,
                                    const echo_node *src, const char *src_key);

#endif
