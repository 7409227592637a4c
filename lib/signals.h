/* The signals a tool stops on (SIGINT, SIGTERM, SIGHUP), held back while
 * the library does what such a stop must not cut in two: committing a set
 * of outputs (file.c), making or removing a PDF engine's folder (pdf.c).
 * Internal. */
#ifndef ECHO_SIGNALS_H
#define ECHO_SIGNALS_H

#include <signal.h>

/* Holds the three back; *old gets the mask as it was. */
void echo_signals_hold(sigset_t *old);

/* Puts back the mask echo_signals_hold saved. */
void echo_signals_restore(const sigset_t *old);

#endif
