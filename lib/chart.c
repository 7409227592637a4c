/* Bar charts for pages: an echo-chart block's data drawn as an inline SVG
 * that reads in print and to a screen reader (role img, its title and
 * description; the numbers written on the bars; each series told apart by
 * its fill pattern as well as its shade). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "echo/escape.h"
#include "echo/html.h"

enum { MAX_SERIES = 4, MAX_ROWS = ECHO_CHART_MAX_GROUPS, MAX_TEXT = 200 };

struct chart {
	char title[MAX_TEXT], desc[MAX_TEXT];
	char series[MAX_SERIES][MAX_TEXT];
	size_t series_count;
	struct {
		char label[MAX_TEXT];
		long values[MAX_SERIES];
	} *rows;
	size_t row_count;
};

/* Copies the trimmed span [s, e) into out, cut to MAX_TEXT - 1 bytes. */
static void copy_trimmed(char *out, const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	size_t n = (size_t)(e - s) < MAX_TEXT - 1 ? (size_t)(e - s) : MAX_TEXT - 1;
	/* Cut short, a text ends before a character, never inside one: a
	 * lead byte without its continuation bytes is no UTF-8. */
	if (n < (size_t)(e - s))
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* Splits a line at '|' into at most max cells. */
static size_t split(const char *s, const char *e, char cells[][MAX_TEXT], size_t max)
{
	size_t n = 0;
	while (n < max) {
		const char *bar = memchr(s, '|', (size_t)(e - s));
		copy_trimmed(cells[n++], s, bar ? bar : e);
		if (!bar)
			break;
		s = bar + 1;
	}
	return n;
}

static int parse_line(struct chart *c, const char *s, const char *e)
{
	if (e == s || (e - s == 1 && *s == '\r'))
		return 0;
	if (e - s > 6 && strncmp(s, "title:", 6) == 0) {
		copy_trimmed(c->title, s + 6, e);
	} else if (e - s > 5 && strncmp(s, "desc:", 5) == 0) {
		copy_trimmed(c->desc, s + 5, e);
	} else if (e - s > 7 && strncmp(s, "series:", 7) == 0) {
		c->series_count = split(s + 7, e, c->series, MAX_SERIES);
	} else if (c->series_count && c->row_count < MAX_ROWS) {
		char cells[MAX_SERIES + 1][MAX_TEXT];
		size_t n = split(s, e, cells, MAX_SERIES + 1);
		if (n != c->series_count + 1)
			return -1;
		copy_trimmed(c->rows[c->row_count].label, cells[0], cells[0] + strlen(cells[0]));
		for (size_t i = 0; i < c->series_count; i++) {
			char *end;
			long v = strtol(cells[i + 1], &end, 10);
			if (end == cells[i + 1] || *end || v < 0 || v > 1000000000)
				return -1;
			c->rows[c->row_count].values[i] = v;
		}
		c->row_count++;
	} else {
		return -1;
	}
	return 0;
}

static void text(echo_buf *out, const char *s)
{
	echo_escape_html(out, s, strlen(s));
}

/* A round top for the scale: 1, 2 or 5 times a power of ten. */
static long nice_max(long v)
{
	long step = 1;
	while (step * 10 <= v)
		step *= 10;
	for (long m = 1; m <= 10; m++)
		if (step * m >= v && (m == 1 || m == 2 || m == 5 || m == 10))
			return step * m;
	return step * 10;
}

static void draw(const struct chart *c, int id, echo_buf *out)
{
	const int bar = 14, gap = 3, group_gap = 14, left = 44, top = 44, plot = 180, bottom = 40;
	int group = (int)c->series_count * (bar + gap) - gap + group_gap;
	int width = left + (int)c->row_count * group + 10, height = top + plot + bottom;
	long max = 0;
	for (size_t r = 0; r < c->row_count; r++)
		for (size_t i = 0; i < c->series_count; i++)
			max = c->rows[r].values[i] > max ? c->rows[r].values[i] : max;
	max = nice_max(max ? max : 1);
	/* Fills told apart without colour: solid, hatched, dotted, open. */
	static const char *const shade[MAX_SERIES] = {"#1f3b5a", "#1f3b5a", "#1f3b5a", "#ffffff"};
	echo_buf_printf(out, "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
	                     "role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	                     "aria-labelledby=\"chart%d-title chart%d-desc\">",
	                width, height, width, height, id, id);
	echo_buf_printf(out, "<title id=\"chart%d-title\">", id);
	text(out, c->title);
	echo_buf_printf(out, "</title><desc id=\"chart%d-desc\">", id);
	text(out, c->desc);
	echo_buf_puts(out, "</desc>");
	echo_buf_printf(out, "<defs><pattern id=\"chart%d-p1\" width=\"6\" height=\"6\" "
	                     "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	                     "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"></rect>"
	                     "<rect width=\"3\" height=\"6\" fill=\"#1f3b5a\"></rect></pattern>"
	                     "<pattern id=\"chart%d-p2\" width=\"5\" height=\"5\" "
	                     "patternUnits=\"userSpaceOnUse\"><rect width=\"5\" height=\"5\" "
	                     "fill=\"#ffffff\"></rect><circle cx=\"2.5\" cy=\"2.5\" r=\"1.4\" "
	                     "fill=\"#1f3b5a\"></circle></pattern></defs>",
	                id, id);
	/* The scale: 0, half and the top, with grid lines. */
	for (int t = 0; t <= 2; t++) {
		int y = top + plot - plot * t / 2;
		echo_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999999\" "
		                     "stroke-width=\"%s\"></line>",
		                left - 4, y, width - 10, y, t ? "0.5" : "1");
		echo_buf_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%ld"
		                     "</text>",
		                left - 6, y + 4, max * t / 2);
	}
	/* The legend, each swatch as its bars are filled. */
	int lx = left;
	for (size_t i = 0; i < c->series_count; i++) {
		if (i == 0)
			echo_buf_printf(out, "<rect x=\"%d\" y=\"12\" width=\"12\" height=\"12\" fill=\"%s\" "
			                     "stroke=\"#1f3b5a\"></rect>", lx, shade[0]);
		else if (i < 3)
			echo_buf_printf(out, "<rect x=\"%d\" y=\"12\" width=\"12\" height=\"12\" "
			                     "fill=\"url(#chart%d-p%zu)\" stroke=\"#1f3b5a\"></rect>", lx, id, i);
		else
			echo_buf_printf(out, "<rect x=\"%d\" y=\"12\" width=\"12\" height=\"12\" fill=\"%s\" "
			                     "stroke=\"#1f3b5a\"></rect>", lx, shade[3]);
		echo_buf_printf(out, "<text x=\"%d\" y=\"22\" font-size=\"12\">", lx + 16);
		text(out, c->series[i]);
		echo_buf_puts(out, "</text>");
		lx += 24 + 8 * (int)strlen(c->series[i]);
	}
	for (size_t r = 0; r < c->row_count; r++) {
		int x0 = left + (int)r * group + group_gap / 2;
		for (size_t i = 0; i < c->series_count; i++) {
			long v = c->rows[r].values[i];
			int h = (int)(plot * v / max), x = x0 + (int)i * (bar + gap), y = top + plot - h;
			if (i == 1 || i == 2)
				echo_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
				                     "fill=\"url(#chart%d-p%zu)\" stroke=\"#1f3b5a\"></rect>",
				                x, y, bar, h, id, i);
			else
				echo_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
				                     "fill=\"%s\" stroke=\"#1f3b5a\"></rect>",
				                x, y, bar, h, shade[i]);
			echo_buf_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\" "
			                     "text-anchor=\"middle\">%ld</text>",
			                x + bar / 2, y - 3, v);
		}
		/* "2026-02-05" reads as "02-05" under its bars. */
		const char *label = c->rows[r].label;
		size_t len = strlen(label);
		echo_buf_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">",
		                x0 + (group - group_gap) / 2, top + plot + 14);
		text(out, len == 10 && label[4] == '-' ? label + 5 : label);
		echo_buf_puts(out, "</text>");
	}
	echo_buf_puts(out, "</svg></figure>");
}

int echo_chart_svg(const char *data, size_t len, int id, echo_buf *out)
{
	struct chart *c = calloc(1, sizeof *c);
	if (!c || !(c->rows = calloc(MAX_ROWS, sizeof *c->rows))) {
		free(c);
		return -1;
	}
	int ok = 1;
	const char *s = data, *end = data + len;
	while (ok && s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		ok = parse_line(c, s, e) == 0;
		s = nl ? nl + 1 : end;
	}
	ok = ok && c->series_count && c->row_count;
	if (ok)
		draw(c, id, out);
	free(c->rows);
	free(c);
	return ok ? 0 : -1;
}
