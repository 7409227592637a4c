/* YAML documents as a tree of located nodes, loaded with libyaml. */
#ifndef ECHO_DOC_H
#define ECHO_DOC_H

#include "echo/export.h"
#include <stddef.h>

#include "echo/diag.h"
#include "echo/pos.h"

typedef enum echo_node_type {
	ECHO_NODE_NULL,
	ECHO_NODE_BOOL,
	ECHO_NODE_INT,
	ECHO_NODE_FLOAT,
	ECHO_NODE_STRING,
	ECHO_NODE_SEQ,
	ECHO_NODE_MAP
} echo_node_type;

typedef enum echo_scalar_style {
	ECHO_STYLE_PLAIN,
	ECHO_STYLE_SINGLE,
	ECHO_STYLE_DOUBLE,
	ECHO_STYLE_LITERAL,
	ECHO_STYLE_FOLDED,
	ECHO_STYLE_COMPUTED,  /* made by the library, not read from a file */
	ECHO_STYLE_FLOW       /* a collection written [a, b] or {k: v} */
} echo_scalar_style;

typedef struct echo_node echo_node;

typedef struct echo_pair {
	echo_node *key;
	echo_node *value;
} echo_pair;

/* A node is read-only for users of the library and owned by the stream
 * that loaded it (or, for computed nodes, the stream they were added to).
 *
 * Scalars of every type keep their text (NUL-terminated, text_len bytes):
 * plain scalars are resolved with the YAML 1.2 core schema (null, true,
 * false, integers, floats); quoted and block scalars are always strings.
 * start..end is the node's extent in the source: for a scalar, from its
 * first byte (a quote or block indicator included) to just past its last. */
struct echo_node {
	echo_node_type type;
	echo_scalar_style style;
	const char *text;
	size_t text_len;
	int boolean;
	long long integer;
	double number;
	echo_node **items;    /* ECHO_NODE_SEQ: count items */
	echo_pair *pairs;     /* ECHO_NODE_MAP: count pairs, in source order */
	size_t count;
	size_t cap;
	echo_pos start;
	echo_pos end;
	int duplicate;        /* a map key that repeats an earlier key */
	size_t weight;        /* nodes in this subtree, aliases expanded */
};

/* Input limits; hitting one is an error diagnostic, never a crash. */
typedef struct echo_limits {
	size_t max_bytes;       /* input size */
	size_t max_depth;       /* nesting of sequences and maps */
	size_t max_aliases;     /* alias (*name) uses in one document */
	size_t max_nodes;       /* nodes after alias expansion, per stream */
	size_t max_documents;   /* documents in one stream */
} echo_limits;

/* Defaults: 8 MiB, depth 64, 256 aliases, 1,000,000 nodes, 10,000
 * documents.  See doc/limits.md. */
ECHO_EXPORT extern const echo_limits echo_default_limits;

/* A loaded YAML stream: the source bytes, and one root node per document
 * (or, read one document at a time, the current document).  Everything
 * inside is owned by the stream; free with echo_stream_free. */
typedef struct echo_stream {
	char *path;          /* as given, for diagnostics */
	char *source;        /* the bytes as read (NUL-terminated) */
	size_t source_len;
	echo_node **docs;
	size_t doc_count;
	/* The line index of source, for positions (echo_lines_pos) in a
	 * stream of any size: a cache, used through a const stream too. */
	echo_lines *lines;
	struct echo_arena *arena;
	struct echo_loader *loader;   /* reading state, private */
} echo_stream;

/* Loads a YAML stream from memory (data is copied).  path names the input
 * in diagnostics.  limits may be NULL for the defaults.  Problems (syntax,
 * invalid UTF-8, limits, duplicate keys) go to diags as errors.  Returns a
 * stream even when it has errors, with the documents read so far, or NULL
 * when memory ran out.  Caller frees with echo_stream_free. */
ECHO_EXPORT echo_stream *echo_stream_load(const char *path, const char *data, size_t len,
                                          const echo_limits *limits, echo_diags *diags);

/* Reads path ("-" is standard input) and loads it as echo_stream_load.
 * Returns NULL, with an error in diags, if the file cannot be read (missing,
 * a directory, unreadable, too large). */
ECHO_EXPORT echo_stream *echo_stream_load_file(const char *path, const echo_limits *limits,
                                               echo_diags *diags);

/* Reading a stream one document at a time, so that a stream of any length
 * needs the memory of its largest document (and of its source): open it as
 * echo_stream_load or echo_stream_load_file would load it (the same
 * checks and errors, and NULL in the same cases), with no document read
 * yet; then each echo_stream_next frees the document read before (its
 * nodes, and every node built in the stream since) and reads the next
 * into docs[0] (doc_count 1).  It returns 1 for a document, 0 at the end
 * of the stream or after an error (in diags, as echo_stream_load reports
 * it; a document cut short is not returned), -1 when memory runs out.
 * Limits on documents and nodes count over the whole stream.  Caller
 * frees with echo_stream_free. */
ECHO_EXPORT echo_stream *echo_stream_open(const char *path, const char *data, size_t len,
                                          const echo_limits *limits, echo_diags *diags);
ECHO_EXPORT echo_stream *echo_stream_open_file(const char *path, const echo_limits *limits,
                                               echo_diags *diags);
ECHO_EXPORT int echo_stream_next(echo_stream *stream, echo_diags *diags);

/* NULL is accepted. */
ECHO_EXPORT void echo_stream_free(echo_stream *stream);

/* Checks that len bytes read from path are UTF-8 text, as every loader
 * does before parsing: not UTF-16 or UTF-32, no NUL byte, no invalid
 * sequence.  Returns 0, or -1 with an error at the first bad byte (rule
 * "encoding") in diags. */
ECHO_EXPORT int echo_text_check(const char *path, const char *text, size_t len, echo_diags *diags);

/* Looks up key in a map node; NULL if node is not a map or has no such key.
 * With duplicate keys the first one wins. */
ECHO_EXPORT echo_node *echo_node_get(const echo_node *map, const char *key);
/* The text of a scalar child, or NULL if missing or not a scalar. */
ECHO_EXPORT const char *echo_node_get_text(const echo_node *map, const char *key);
ECHO_EXPORT int echo_node_is_scalar(const echo_node *node);
ECHO_EXPORT const char *echo_node_type_name(echo_node_type type);

/* Building computed nodes, allocated in the stream's arena and freed with
 * it.  They return NULL when memory runs out. */
ECHO_EXPORT echo_node *echo_stream_new_string(echo_stream *stream, const char *text,
                                              size_t len);
ECHO_EXPORT echo_node *echo_stream_new_int(echo_stream *stream, long long value);
ECHO_EXPORT echo_node *echo_stream_new_bool(echo_stream *stream, int value);
ECHO_EXPORT echo_node *echo_stream_new_seq(echo_stream *stream);
ECHO_EXPORT echo_node *echo_stream_new_map(echo_stream *stream);
/* Appends to a sequence / sets a key in a map (replacing an existing key's
 * value).  Return 0 on success, -1 when memory runs out. */
ECHO_EXPORT int echo_stream_seq_push(echo_stream *stream, echo_node *seq, echo_node *item);
ECHO_EXPORT int echo_stream_map_set(echo_stream *stream, echo_node *map, const char *key,
                                    echo_node *value);

/* Where a scalar's text comes from.  The first byte of the scalar itself,
 * past any anchor and tag (its quote or block indicator included). */
ECHO_EXPORT size_t echo_node_source_start(const echo_stream *stream, const echo_node *node);
/* Fills map (caller-owned, node->text_len + 1 entries) with the source
 * offset each byte of node->text was decoded from: an escape's bytes all
 * map to its backslash, a folded line break's space to the break, a
 * doubled quote to its first quote.  map[text_len] is the offset just past
 * the last source byte that makes text.  Offsets never decrease.  Returns
 * 0, or -1 when node is not a scalar read from stream's source or its
 * source does not decode to its text (map is then partly written). */
ECHO_EXPORT int echo_node_source_map(const echo_stream *stream, const echo_node *node, size_t *map);

#endif
