/* Fuzz target: an echo-chart block's data (echo_chart_svg, as html.c
 * draws a fenced echo-chart block).  Beyond the sanitizers, it aborts
 * when a chart is drawn with a negative width or height, or, for data
 * as html.c passes it (UTF-8, as cmark validates it, without control
 * characters, which XML forbids and the page's HTML parser drops), whose
 * SVG is not well-formed XML (a label or title let through unescaped). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "chart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Valid UTF-8 with no C0 control but tab, line feed and return. */
static int plain_text(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	char *copy = malloc(n + 1);
	if (!copy)
		return 0;
	memcpy(copy, s, n);
	copy[n] = '\0';
	int ok = xmlCheckUTF8((const xmlChar *)copy) != 0;
	free(copy);
	return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	if (!init) {
		xmlSetGenericErrorFunc(NULL, quiet);
		init = 1;
	}
	echo_buf out = ECHO_BUF_INIT;
	if (echo_chart_svg((const char *)data, size, 1, &out) == 0 && !out.failed) {
		const char *svg = echo_buf_cstr(&out);
		if (strstr(svg, "height=\"-") || strstr(svg, "width=\"-"))
			abort();
		if (!plain_text(data, size)) {
			echo_buf_free(&out);
			return 0;
		}
		xmlDoc *doc = xmlReadMemory(svg, (int)out.len, "chart.svg", NULL,
		                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (!doc)
			abort();
		xmlFreeDoc(doc);
	}
	echo_buf_free(&out);
	return 0;
}
