/* Fuzz target: the Mustache engine, with the template and the data both
 * taken from the input.  The input is split at the first NUL byte: the
 * template text before it, YAML data after it.  The same template is also
 * rendered as a partial of itself and of a second template, so partials,
 * parents and the depth limit are reached. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <echo/echo.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *sep = memchr(text, '\0', size);
	size_t tlen = sep ? (size_t)(sep - text) : size;
	const char *yaml = sep ? sep + 1 : "";
	size_t ylen = sep ? size - tlen - 1 : 0;

	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("data.yaml", yaml, ylen, NULL, &diags);
	const echo_node *root = s && s->doc_count ? s->docs[0] : NULL;
	echo_templates *set = echo_templates_new();
	if (set && echo_templates_add(set, "t", text, tlen) == 0 &&
	    echo_templates_add(set, "p", "{{>t}}|{{<t}}{{$b}}x{{/b}}{{/t}}", 32) == 0) {
		echo_render_options opts[] = {
			{echo_escape_html, 16, 1 << 20},
			{echo_escape_markdown, 0, 1 << 20},
			{echo_escape_markdown_cell, 8, 4096},
		};
		for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
			echo_buf out = ECHO_BUF_INIT;
			echo_templates_render(set, i == 1 ? "p" : "t", root, &opts[i], &out, &diags);
			echo_buf_free(&out);
		}
	}
	echo_templates_free(set);
	echo_stream_free(s);
	echo_diags_free(&diags);
	return 0;
}
