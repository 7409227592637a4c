/* The case's view: the data the case template and the JSON output are
 * made from, with the fields the library computes. */
#include "echo/case.h"

#include <stdio.h>
#include <string.h>

#include "echo/view.h"
#include "view_markdown.h"

/* The computed fields, added to a view of a case: for each screening
 * entry instrument_name, band, range; at the top is_practice. */
static int case_enrich(echo_stream *stream, echo_node *view)
{
	const char *kind = echo_node_get_text(view, "kind");
	echo_node *practice = echo_stream_new_bool(stream, kind && strcmp(kind, "practice") == 0);
	if (!practice || echo_stream_map_set(stream, view, "is_practice", practice) != 0)
		return -1;
	echo_node *screening = echo_node_get(view, "screening");
	if (!screening || screening->type != ECHO_NODE_SEQ)
		return 0;
	for (size_t i = 0; i < screening->count; i++) {
		echo_node *item = screening->items[i];
		const char *name = echo_node_get_text(item, "instrument");
		const echo_node *score = echo_node_get(item, "score");
		const echo_instrument *inst = name ? echo_instrument_find(name) : NULL;
		if (!inst || !score || score->type != ECHO_NODE_INT)
			continue;
		const echo_band *band = echo_instrument_band(inst, (int)score->integer);
		char range[32];
		int n = snprintf(range, sizeof range, "%d–%d", inst->min, inst->max);
		echo_node *name_node = echo_stream_new_string(stream, inst->name, strlen(inst->name));
		echo_node *range_node = echo_stream_new_string(stream, range, (size_t)n);
		echo_node *measures = echo_stream_new_string(stream, inst->measures,
		                                             strlen(inst->measures));
		if (!name_node || !range_node || !measures ||
		    echo_stream_map_set(stream, item, "instrument_name", name_node) != 0 ||
		    echo_stream_map_set(stream, item, "range", range_node) != 0 ||
		    echo_stream_map_set(stream, item, "measures", measures) != 0)
			return -1;
		if (band) {
			echo_node *b = echo_stream_new_string(stream, band->label, strlen(band->label));
			if (!b || echo_stream_map_set(stream, item, "band", b) != 0)
				return -1;
		}
	}
	return 0;
}

echo_node *echo_case_view(echo_stream *stream, const echo_node *root, int markdown)
{
	echo_node *view = echo_view_copy(stream, root);
	if (!view || case_enrich(stream, view) != 0)
		return NULL;
	if (markdown && echo_schema_add_markdown(&echo_case_schema, stream, view) != 0)
		return NULL;
	return view;
}
