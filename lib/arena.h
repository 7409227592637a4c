/* Bump allocator: a loaded stream owns all its nodes and strings in one
 * arena and frees them at once.  Internal to the library. */
#ifndef ECHO_ARENA_H
#define ECHO_ARENA_H

#include <stddef.h>

struct echo_arena;

struct echo_arena *echo_arena_new(void);
void echo_arena_free(struct echo_arena *arena);
/* Frees everything allocated so far, keeping the newest chunk for what
 * comes next: an arena reused for one document after another stays at the
 * size of the largest. */
void echo_arena_reset(struct echo_arena *arena);
/* Zeroed, aligned for any type; NULL when memory runs out. */
void *echo_arena_alloc(struct echo_arena *arena, size_t size);
/* Copies len bytes and a NUL. */
char *echo_arena_strndup(struct echo_arena *arena, const char *s, size_t len);

#endif
