/* echo-minutes' options, shared by its command files (echo-minutes.c,
 * minutes_credit.c, minutes_report.c). */
#ifndef MINUTES_OPTIONS_H
#define MINUTES_OPTIONS_H

#include <echo/minutes.h>

#include "cli.h"
#include "minutes_mail.h"

enum { MAX_CANCELLED = 64 };

struct options {
	struct cli cli;
	const char **exports;        /* --attendance and --roster */
	size_t export_count;
	const char **rosters;        /* --roster ([DATE=]FILE) */
	size_t roster_count;
	const char *notes;
	const char *session;
	const char *series;
	/* --enrolled, --threshold, --min-minutes, --presence-counts,
	 * --certify, --through, --cancelled and the rosters, as the library
	 * takes them (pointing into certify, cancelled and rosters). */
	echo_credit_options credit;
	echo_series_rule certify;
	long cancelled[MAX_CANCELLED];
	long as_of;
	int has_as_of;
	struct minutes_mail_options mail;   /* --attach-pdf, --sendmail, --dry-run */
	const char *person;          /* certificates --person EMAIL */
	echo_report_period period;   /* report --from, --until */
	const char **cases;          /* report --cases, in order */
	size_t case_count;
};

/* The texts a credit run read, for the findings' source lines. */
void minutes_keep_sources(struct cli_run *r, const echo_credit_result *res);

/* At most one input may be standard input: first, second (may be NULL)
 * and each of paths (with dated, the file of a DATE=FILE argument).
 * Returns EXIT_OK or the usage error. */
int minutes_one_stdin(struct options *o, const char *first, const char *second,
                      const char *const *paths, size_t n, int dated);

/* The commands of minutes_credit.c: a session's attendance, a series'
 * credit, and its certificates; and of minutes_report.c, a series'
 * program report for a period. */
int minutes_attendance(struct options *o, int argc, char **argv);
int minutes_credit(struct options *o, int argc, char **argv);
int minutes_certificates(struct options *o, int argc, char **argv);
int minutes_report(struct options *o, int argc, char **argv);

#endif
