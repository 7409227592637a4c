/* What the views of echo-minutes share (minutes.c, summary.c, schedule.c,
 * report.c, certificate.c), in minutes_build.c (categories and groups of
 * recommendations in minutes.c): Markdown text fields read as texts, dates
 * as day numbers, recommendation categories.  Nodes are built with the
 * library's one view builder (echo_view_*, view.h).  Internal to
 * echo-minutes. */
#ifndef ECHO_MINUTES_BUILD_H
#define ECHO_MINUTES_BUILD_H

#include <limits.h>
#include <stddef.h>

#include "echo/buf.h"
#include "echo/doc.h"
#include "echo/view.h"

struct mb_push_ctx {
	echo_view_builder *b;
	echo_node *seq;
};

/* A Markdown text field (one text or a list of texts): has it any text;
 * calls fn for each text; appends each as a bullet; pushes each to seq. */
int mb_has_text(const echo_node *v);
void mb_each_text(const echo_node *v, void (*fn)(void *ctx, const echo_node *text), void *ctx);
void mb_bullets(echo_buf *out, const echo_node *v);
void mb_push_texts(echo_view_builder *b, echo_node *seq, const echo_node *v);

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
echo_node *mb_groups(echo_view_builder *b, const echo_node *root, int json);

#endif
