/* "Did you mean" suggestions for mistyped keys, values, headers and
 * zone names. */
#ifndef ECHO_SUGGEST_H
#define ECHO_SUGGEST_H

#include "echo/export.h"
#include <stddef.h>

/* Edit distance (Levenshtein) between two short strings, capped at limit
 * + 1: strings longer than 64 bytes, or whose lengths differ by more than
 * limit, are limit + 1 without being compared. */
ECHO_EXPORT size_t echo_edit_distance(const char *a, const char *b, size_t limit);

#endif
