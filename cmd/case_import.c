/* echo-case import: form exports to case files (lib/import.c reads them),
 * every file written or none. */
#include <echo/intake.h>

#include "case_intake.h"

int case_import(struct cli *cli, const char *map, const char *dictionary, int argc,
                char **argv)
{
	(void)map; (void)dictionary; (void)argc; (void)argv;
	return cli_usage_error(cli, "import: not yet");
}
