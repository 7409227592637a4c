/* HTML pages to PDF through a print engine found at run time: WeasyPrint
 * or headless Chromium.  The library runs the engine; it never prints. */
#ifndef ECHO_PDF_H
#define ECHO_PDF_H

#include <stddef.h>

#include "echo/buf.h"
#include "echo/diag.h"
#include "echo/export.h"

typedef enum echo_pdf_kind {
	ECHO_PDF_WEASYPRINT,   /* weasyprint IN OUT */
	ECHO_PDF_CHROMIUM      /* chromium --headless --print-to-pdf=OUT IN */
} echo_pdf_kind;

/* An engine: what kind it is and the program that runs it.  Caller-owned;
 * initialise with ECHO_PDF_ENGINE_INIT, release with echo_pdf_engine_free. */
typedef struct echo_pdf_engine {
	echo_pdf_kind kind;
	char *path;            /* the program, as found; owned */
} echo_pdf_engine;
#define ECHO_PDF_ENGINE_INIT {ECHO_PDF_WEASYPRINT, NULL}

/* Finds the engine name stands for: NULL for the default (weasyprint on
 * PATH, else chromium), "weasyprint" or "chromium" (also "chromium-browser",
 * "chrome", "google-chrome") looked up on PATH, or a path to a program,
 * whose kind is told by its file name as for those names.  Returns 0, or
 * -1 with an error in diags: "pdf-engine" naming the Debian package to
 * install when the engine is not there, or when name is none of those. */
ECHO_EXPORT int echo_pdf_engine_find(const char *name, echo_pdf_engine *engine, echo_diags *diags);

/* Frees what engine holds; the struct itself is the caller's. */
ECHO_EXPORT void echo_pdf_engine_free(echo_pdf_engine *engine);

/* Prints a standalone HTML page (len bytes) to PDF with engine: the page
 * goes to a temporary file in a private temporary folder, the engine
 * writes the PDF there, and the PDF is appended to out; the folder is
 * removed either way.  The engine runs with no standard input, its output
 * kept from the terminal, and is stopped after ECHO_PDF_TIMEOUT seconds.
 * The engine runs in a process group of its own; SIGINT, SIGTERM and
 * SIGHUP are held back except while it runs, so a tool's handler for them
 * meets the run only there (see echo_pdf_cleanup).
 * Returns 0, or -1 with an error in diags ("pdf": the engine failed, with
 * the first line it wrote to standard error; "io"; "memory"). */
#define ECHO_PDF_TIMEOUT 120
ECHO_EXPORT int echo_pdf_render(const echo_pdf_engine *engine, const char *html, size_t len,
                    echo_buf *out, echo_diags *diags);

/* For a handler of SIGINT, SIGTERM or SIGHUP (a process that dies of the
 * signal next): stops the engine of a run under way, with its process
 * group, waits for it, and removes the run's temporary folder.  Does
 * nothing when no run is under way. */
ECHO_EXPORT void echo_pdf_cleanup(void);

#endif
