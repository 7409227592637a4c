/* What the loader needs of the node model beyond the public builders.
 * Internal to the library. */
#ifndef ECHO_NODE_H
#define ECHO_NODE_H

#include "echo/doc.h"

/* Appends a pair to map (value may be NULL, to be set later), even when
 * the key is there already.  Returns 0, or -1 when memory runs out. */
int echo_node_add_pair(echo_stream *stream, echo_node *map, echo_node *key, echo_node *value);

#endif
