/* echo-minutes report (minutes_report.c): its own options and run. */
#ifndef MINUTES_REPORT_H
#define MINUTES_REPORT_H

#include "cli.h"

/* Runs `report` with argv[0] the command's name and its options and
 * exports after it; returns the exit status. */
int minutes_report(struct cli *cli, int argc, char **argv);

#endif
