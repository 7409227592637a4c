/* Bump allocator in chunks that grow with use. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct chunk {
	struct chunk *next;
	size_t used;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

struct echo_arena {
	struct chunk *head;
	size_t next_size;
};

struct echo_arena *echo_arena_new(void)
{
	struct echo_arena *arena = calloc(1, sizeof *arena);
	if (arena)
		arena->next_size = 16 * 1024;
	return arena;
}

static void free_chunks(struct chunk *c)
{
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
}

void echo_arena_free(struct echo_arena *arena)
{
	if (!arena)
		return;
	free_chunks(arena->head);
	free(arena);
}

void echo_arena_reset(struct echo_arena *arena)
{
	struct chunk *keep = arena->head;
	if (!keep)
		return;
	free_chunks(keep->next);
	keep->next = NULL;
	keep->used = 0;
}

/* size bytes of the arena at a multiple of align (a power of two), not
 * cleared.  Strings take align 1, so that thousands of short names kept
 * for a batch do not each round up to max_align_t. */
static void *arena_take(struct echo_arena *arena, size_t size, size_t align)
{
	if (size > SIZE_MAX / 2)
		return NULL;
	struct chunk *c = arena->head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (!c || at > c->size || c->size - at < size) {
		size_t want = arena->next_size;
		while (want < size)
			want *= 2;
		c = malloc(sizeof *c + want);
		if (!c)
			return NULL;
		c->size = want;
		c->used = 0;
		c->next = arena->head;
		arena->head = c;
		if (arena->next_size < 1024 * 1024)
			arena->next_size *= 2;
		at = 0;
	}
	void *p = c->data + at;
	c->used = at + size;
	return p;
}

void *echo_arena_alloc(struct echo_arena *arena, size_t size)
{
	void *p = arena_take(arena, size, alignof(max_align_t));
	if (p)
		memset(p, 0, size);
	return p;
}

char *echo_arena_strndup(struct echo_arena *arena, const char *s, size_t len)
{
	/* Every byte is written below: no need to clear them first. */
	char *p = arena_take(arena, len + 1, 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
