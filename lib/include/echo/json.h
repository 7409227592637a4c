/* JSON output of nodes and strings. */
#ifndef ECHO_JSON_H
#define ECHO_JSON_H

#include "echo/export.h"
#include <stddef.h>

#include "echo/buf.h"
#include "echo/doc.h"

/* Appends text as a quoted JSON string (UTF-8 kept, control characters
 * escaped). */
ECHO_EXPORT void echo_json_string(echo_buf *out, const char *text, size_t len);

/* Appends node as JSON, indented by two spaces per level starting at
 * indent levels (the first line is not indented).  NULL writes null. */
ECHO_EXPORT void echo_json_node(echo_buf *out, const echo_node *node, int indent);

#endif
