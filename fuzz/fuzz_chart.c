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

/* Valid UTF-8 (no overlong form, surrogate or code point past U+10FFFF,
 * as cmark's validation lets through) with no C0 control but tab, line
 * feed and return. */
static int plain_text(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint8_t b = s[i];
		if (b < 0x80) {
			if (b < 0x20 && b != '\t' && b != '\n' && b != '\r')
				return 0;
			i++;
			continue;
		}
		size_t len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3
		           : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
		if (!len || i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
		uint8_t c = s[i + 1];
		if ((b == 0xe0 && c < 0xa0) || (b == 0xed && c >= 0xa0) || (b == 0xf0 && c < 0x90) ||
		    (b == 0xf4 && c >= 0x90))
			return 0;
		/* U+FFFE and U+FFFF are no XML characters either. */
		if (b == 0xef && c == 0xbf && s[i + 2] >= 0xbe)
			return 0;
		i += len;
	}
	return 1;
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
