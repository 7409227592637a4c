/* echo-case's commands that make cases without YAML: new --interview on a
 * terminal, and import of form exports. */
#ifndef ECHO_CASE_INTAKE_H
#define ECHO_CASE_INTAKE_H

#include "cli.h"

/* new --interview [--resume FILE] [-o FILE]: asks for a case on the
 * terminal, saving the answers to the output after each one, then writes
 * the case and checks it.  Returns the exit status. */
int case_interview(struct cli *cli, const char *resume);

/* import --map MAP [--dictionary DICT] -o DIR/ EXPORT: one case file per
 * record of the export, all written or none.  Returns the exit status. */
int case_import(struct cli *cli, const char *map, const char *dictionary, int argc,
                char **argv);

#endif
