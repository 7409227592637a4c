/* echo-case import: form exports to case files (lib/import.c makes and
 * checks them), staged and put in place all or none. */
#include <stdlib.h>
#include <string.h>

#include <echo/intake.h>

#include "case_intake.h"

struct run {
	struct cli *cli;
	echo_output *set;
	echo_diags io;
	size_t records, with_errors;
	int failed;
};

static int each_case(void *ctx, const char *stem, const char *yaml, size_t len,
                     const echo_diags *found)
{
	struct run *run = ctx;
	/* The record's findings, then its line: in this order on a terminal
	 * or in a log that takes both streams. */
	fflush(stdout);
	cli_print_findings(stderr, found, NULL, 0);
	char *path = cli_output_path(run->cli->output, stem, "yaml");
	if (!path)
		return -1;
	run->records++;
	if (echo_output_has(run->set, path)) {
		cli_message(run->cli, "two records would both write %s; nothing written", path);
		run->failed = 1;
	} else if (echo_output_add(run->set, path, yaml, len, 0, &run->io) != 0) {
		run->failed = 1;
	}
	if (found->errors)
		run->with_errors++;
	printf("%s: %zu error%s, %zu warning%s\n", path, found->errors,
	       found->errors == 1 ? "" : "s", found->warnings, found->warnings == 1 ? "" : "s");
	fflush(stdout);
	free(path);
	return run->failed ? -1 : 0;
}

int case_import(struct cli *cli, const char *map, const char *dictionary, int argc,
                char **argv)
{
	if (argc != 1)
		return cli_usage_error(cli, "import: give exactly one export file");
	if (!map)
		return cli_usage_error(cli, "import: give the mapping file with --map MAP.yaml");
	if (!cli->output || !echo_file_is_dir(cli->output))
		return cli_usage_error(cli, "import: give an existing folder for the cases with -o DIR/");
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_import *im = echo_import_open(argv[0], map, dictionary, &diags);
	int status = EXIT_OK;
	if (!im) {
		cli_print_findings(stderr, &diags, NULL, 0);
		/* A file that cannot be read is an I/O error; a bad mapping, a
		 * finding. */
		status = diags.count && diags.items[0].rule && strcmp(diags.items[0].rule, "io") == 0
		                 ? EXIT_USAGE
		                 : EXIT_FINDINGS;
		echo_diags_free(&diags);
		return status;
	}
	struct run run = {cli, echo_output_new(), ECHO_DIAGS_INIT, 0, 0, 0};
	if (!run.set || echo_import_run(im, each_case, &run, &diags) != 0 || run.failed)
		status = EXIT_USAGE;
	/* Every case file, or none. */
	if (status == EXIT_OK && echo_output_commit(run.set, &run.io) != 0)
		status = EXIT_USAGE;
	cli_print_diags(stderr, &diags, NULL);
	cli_print_diags(stderr, &run.io, NULL);
	if (status == EXIT_OK) {
		printf("%zu case%s written to %s", run.records, run.records == 1 ? "" : "s", cli->output);
		if (run.with_errors)
			printf("; %zu with problems to fix: echo-case check them after editing", run.with_errors);
		printf("\n");
		if (run.with_errors)
			status = EXIT_FINDINGS;
	}
	echo_output_free(run.set);
	echo_diags_free(&run.io);
	echo_diags_free(&diags);
	echo_import_free(im);
	return cli_stdout_status(cli, status);
}
