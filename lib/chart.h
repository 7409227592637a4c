/* Bar charts for HTML pages (chart.c): the data of a fenced code block
 * whose info string is echo-chart, drawn as an inline SVG.  Internal to
 * libecho (html.c). */
#ifndef ECHO_CHART_H
#define ECHO_CHART_H

#include <stddef.h>

#include "echo/buf.h"

/* Reads data (len bytes) as lines "title: T", "desc: D", "series: A | B"
 * (at most 4), then one line per bar group, "label | n | n" (whole
 * numbers, at most 500 groups), and appends the chart as a <figure> with
 * an SVG of role img, titled and described, its ids numbered by id.
 * Returns 0, or -1 when the data is not such a chart (nothing appended)
 * or memory runs out. */
int echo_chart_svg(const char *data, size_t len, int id, echo_buf *out);

#endif
