/* Fuzz target: Markdown to a standalone page, with the built-in page.html
 * and style.css, as `render --to html` does.  The first byte picks the
 * options (title given or taken from the first heading, table of contents
 * or not); a title, when given, is the first line of the input. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <echo/echo.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned flags = data[0];
	const char *md = (const char *)data + 1;
	size_t len = size - 1;
	char title[256] = "";
	if (flags & 2) {
		const char *nl = memchr(md, '\n', len);
		size_t tl = nl ? (size_t)(nl - md) : len;
		if (tl >= sizeof title)
			tl = sizeof title - 1;
		memcpy(title, md, tl);
		title[tl] = '\0';
	}
	size_t shell_len = 0, css_len = 0;
	const char *shell = echo_builtin_template("page.html", &shell_len);
	const char *css = echo_builtin_template("style.css", &css_len);
	if (!shell || !css)
		return 0;
	echo_page page = {
		.shell = shell, .shell_len = shell_len,
		.css = css, .css_len = css_len,
		.title = (flags & 2) ? title : NULL,
		.lang = (flags & 4) ? "fr" : NULL,
		.toc = flags & 1,
	};
	echo_buf out = ECHO_BUF_INIT;
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_html_page(&page, md, len, &out, &diags);
	echo_buf_free(&out);
	echo_diags_free(&diags);
	return 0;
}
