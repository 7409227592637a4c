/* Node building shared by minutes.c, summary.c and schedule.c, in
 * minutes_build.c (categories and groups of recommendations in
 * minutes.c): computed nodes in a stream, failures gathered in one flag.
 * Internal to echo-minutes. */
#ifndef ECHO_MINUTES_BUILD_H
#define ECHO_MINUTES_BUILD_H

#include <limits.h>
#include <stddef.h>

#include "echo/buf.h"
#include "echo/doc.h"

struct mb {
	echo_stream *stream;
	int failed;
};

struct mb_push_ctx {
	struct mb *b;
	echo_node *seq;
};

/* Each returns NULL, or does nothing, and sets failed when memory runs
 * out; NULL values are not set. */
echo_node *mb_str(struct mb *b, const char *text);
echo_node *mb_map(struct mb *b);
echo_node *mb_seq(struct mb *b);
void mb_set(struct mb *b, echo_node *map, const char *key, const echo_node *value);
void mb_set_str(struct mb *b, echo_node *map, const char *key, const char *text);
/* Sets the buffer's text and clears the buffer. */
void mb_set_buf(struct mb *b, echo_node *map, const char *key, echo_buf *buf);
void mb_set_int(struct mb *b, echo_node *map, const char *key, long long v);
void mb_set_bool(struct mb *b, echo_node *map, const char *key, int v);
void mb_set_null(struct mb *b, echo_node *map, const char *key);
void mb_push(struct mb *b, echo_node *seq, const echo_node *item);
/* Sets key to src's value of the same key, if it has one. */
void mb_copy(struct mb *b, echo_node *map, const char *key, const echo_node *src);

/* A Markdown text field (one text or a list of texts): has it any text;
 * calls fn for each text; appends each as a bullet; pushes each to seq. */
int mb_has_text(const echo_node *v);
void mb_each_text(const echo_node *v, void (*fn)(void *ctx, const echo_node *text), void *ctx);
void mb_bullets(echo_buf *out, const echo_node *v);
void mb_push_texts(struct mb *b, echo_node *seq, const echo_node *v);

#define MB_NO_DAY LONG_MIN
/* YYYY-MM-DD <-> day number; MB_NO_DAY when text is not a date. */
void mb_date(echo_buf *out, long day);
long mb_day(const char *text);

/* Recommendation categories, in the case schema's order; index
 * mb_category_count() is any other. */
size_t mb_category_count(void);
const char *mb_category_key(size_t i);
const char *mb_category_label(size_t i);
size_t mb_category_of(const echo_node *recommendation);
/* Recommendations grouped by category (see minutes.c). */
echo_node *mb_groups(struct mb *b, const echo_node *root, int json);

#endif
