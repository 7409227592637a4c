/* Fuzz target: the YAML loader, the case validator and the PHI screen, the
 * path every `echo-case check` input takes. */
#include <stddef.h>
#include <stdint.h>

#include <echo/echo.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("fuzz.yaml", (const char *)data, size, NULL, &diags);
	if (s) {
		for (size_t i = 0; i < s->doc_count; i++) {
			echo_node *root = s->docs[i];
			if (echo_case_check(s, root, &diags) == 0) {
				echo_case_screen(s, root, &diags);
				/* Only a checked case has a view. */
				echo_case_view(s, root, 1);
			} else {
				echo_case_screen(s, root, &diags);
			}
		}
		echo_buf out = ECHO_BUF_INIT;
		echo_case_redact(s, &out);
		for (size_t i = 0; i < diags.count; i++)
			echo_diag_format(&out, &diags.items[i], s->source, s->source_len);
		echo_buf_free(&out);
	}
	echo_stream_free(s);
	echo_diags_free(&diags);
	return 0;
}
