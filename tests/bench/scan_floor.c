/* scan_floor: the least work any PHI check of a case must do, for the
 * render benchmark's narrative rows: libyaml events, and the project's own
 * scanner (echo_phi_scan) over every scalar.  No tree, no positions, no
 * diagnostics, no schema.
 *
 *   scan_floor FILE...
 *
 * Prints the number of matches; exit status 0, or 2 when a file cannot be
 * read or parsed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "echo/phi.h"

static int fail(const char *path, const char *what)
{
	fprintf(stderr, "scan_floor: %s: %s\n", path, what);
	return 2;
}

static int scan_file(const char *path, size_t *found)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return fail(path, strerror(errno));
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		fclose(f);
		return fail(path, "out of memory");
	}
	yaml_parser_set_input_file(&parser, f);
	echo_phi_matches matches = ECHO_PHI_MATCHES_INIT;
	int rc = 0;
	for (int done = 0; !done && rc == 0;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = fail(path, parser.problem ? parser.problem : "YAML error");
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (ev.type == YAML_SCALAR_EVENT) {
			matches.count = 0;
			if (echo_phi_scan((const char *)ev.data.scalar.value, ev.data.scalar.length,
			                  &matches) != 0)
				rc = fail(path, "out of memory");
			*found += matches.count;
		}
		yaml_event_delete(&ev);
	}
	echo_phi_matches_free(&matches);
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: scan_floor FILE...\n", stderr);
		return 2;
	}
	size_t found = 0;
	for (int a = 1; a < argc; a++)
		if (scan_file(argv[a], &found) != 0)
			return 2;
	printf("%zu\n", found);
	return 0;
}
