/* Fuzz target: the PHI scanner on raw text.  Beyond not crashing, its
 * matches must be in text order, inside the text, non-empty and not
 * overlapping, as echo_phi_scan promises; anything else aborts. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <echo/echo.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	echo_phi_matches m = ECHO_PHI_MATCHES_INIT;
	if (echo_phi_scan((const char *)data, size, &m) == 0) {
		size_t prev_end = 0;
		for (size_t i = 0; i < m.count; i++) {
			const echo_phi_match *x = &m.items[i];
			if (x->start >= x->end || x->end > size || x->start < prev_end)
				abort();
			if ((int)x->category < 0 || x->category >= ECHO_PHI_CATEGORY_COUNT)
				abort();
			if (!echo_phi_rule(x->category) || !echo_phi_tag(x->category))
				abort();
			prev_end = x->end;
		}
	}
	echo_phi_matches_free(&m);
	return 0;
}
