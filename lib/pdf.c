/* Printing HTML pages to PDF with an engine found at run time (WeasyPrint,
 * headless Chromium): the page through a private temporary folder, the
 * engine run without a shell, its PDF read back. */
#define _XOPEN_SOURCE 700
#include "echo/pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"

extern char **environ;

/* The names each kind answers to, and the Debian package that has it. */
static const struct known {
	const char *name;
	echo_pdf_kind kind;
	const char *package;
} known[] = {
	{"weasyprint", ECHO_PDF_WEASYPRINT, "weasyprint"},
	{"chromium", ECHO_PDF_CHROMIUM, "chromium"},
	{"chromium-browser", ECHO_PDF_CHROMIUM, "chromium"},
	{"chrome", ECHO_PDF_CHROMIUM, "chromium"},
	{"google-chrome", ECHO_PDF_CHROMIUM, "chromium"},
};

static const struct known *known_name(const char *name)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(name, known[i].name) == 0)
			return &known[i];
	return NULL;
}

static int executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* name on PATH, as a malloc'd path, or NULL. */
static char *search_path(const char *name)
{
	const char *dirs = getenv("PATH");
	if (!dirs || !*dirs)
		dirs = "/usr/local/bin:/usr/bin:/bin";
	while (*dirs) {
		size_t n = strcspn(dirs, ":");
		echo_buf path = ECHO_BUF_INIT;
		echo_buf_append(&path, n ? dirs : ".", n ? n : 1);
		echo_buf_printf(&path, "/%s", name);
		char *p = echo_buf_detach(&path, NULL);
		if (p && executable(p))
			return p;
		free(p);
		dirs += n;
		if (*dirs == ':')
			dirs++;
	}
	return NULL;
}

int echo_pdf_engine_find(const char *name, echo_pdf_engine *engine, echo_diags *diags)
{
	engine->path = NULL;
	if (!name) {
		/* The default: WeasyPrint, else Chromium. */
		static const char *const tries[] = {"weasyprint", "chromium", "chromium-browser"};
		for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
			engine->path = search_path(tries[i]);
			if (engine->path) {
				engine->kind = known_name(tries[i])->kind;
				return 0;
			}
		}
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "pdf-engine",
		               "no PDF engine found: install the Debian package weasyprint (or "
		               "chromium, and give --pdf-engine chromium)");
		return -1;
	}
	const char *base = strrchr(name, '/');
	const struct known *k = known_name(base ? base + 1 : name);
	if (!k) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "pdf-engine",
		               "unknown PDF engine '%s': give weasyprint or chromium, or the path of "
		               "one of them", name);
		return -1;
	}
	engine->kind = k->kind;
	if (base) {
		engine->path = executable(name) ? strdup(name) : NULL;
		if (!engine->path) {
			echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "pdf-engine",
			               "PDF engine not found or not executable");
			return -1;
		}
		return 0;
	}
	engine->path = search_path(name);
	if (!engine->path) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "pdf-engine",
		               "PDF engine '%s' not found: install the Debian package %s", name,
		               k->package);
		return -1;
	}
	return 0;
}

void echo_pdf_engine_free(echo_pdf_engine *engine)
{
	if (!engine)
		return;
	free(engine->path);
	engine->path = NULL;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static char *join(const char *dir, const char *name)
{
	echo_buf b = ECHO_BUF_INIT;
	echo_buf_printf(&b, "%s/%s", dir, name);
	return echo_buf_detach(&b, NULL);
}

static int write_all(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return close(fd);
}

/* Appends the file at path to out.  Returns 0, or -1 (errno set). */
static int read_all(const char *path, echo_buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		echo_buf_append(out, chunk, n);
	int bad = ferror(f);
	fclose(f);
	return bad || out->failed ? -1 : 0;
}

/* The first line of what the engine wrote to standard error, for the
 * message; "" if nothing. */
static void first_line(const char *path, char *line, size_t cap)
{
	line[0] = '\0';
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, (int)cap, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0])
			break;
	}
	fclose(f);
}

/* What an interrupted run must undo (echo_pdf_cleanup, from a signal
 * handler): the engine's process group while it runs, and the staging
 * folder.  Signals are held back while the folder is made, filled, read
 * and removed, so the handler only ever runs while the tool waits on the
 * engine, holding no lock, and may walk the folder. */
static _Atomic pid_t live_engine;
static _Atomic(char *) live_dir;

static int remove_tree(const char *dir)
{
	return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void echo_pdf_cleanup(void)
{
	pid_t pid = atomic_exchange(&live_engine, 0);
	if (pid > 0) {
		/* The engine and what it started (Chromium's helpers). */
		kill(-pid, SIGKILL);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	char *dir = atomic_exchange(&live_dir, NULL);
	if (dir)
		remove_tree(dir);
}

/* Runs argv in a process group of its own, with no standard input and its
 * output to log; signals are let through (to the tool's handler) only
 * while it runs, and held again on return.  Returns the exit status, -1 if
 * it could not start (errno set), or -2 when it ran past the time limit
 * and was stopped. */
static int run(char *const argv[], const char *log, const sigset_t *unheld)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	if (posix_spawn_file_actions_init(&fa) != 0)
		return -1;
	if (posix_spawnattr_init(&attr) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return -1;
	}
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	/* Its own group, so that stopping it stops its helpers too; the
	 * signal mask the tool had, not the one held here. */
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigmask(&attr, unheld);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	atomic_store(&live_engine, pid);
	sigset_t held;
	sigprocmask(SIG_SETMASK, unheld, &held);
	struct timespec tick = {0, 20 * 1000 * 1000};
	long ticks = (long)ECHO_PDF_TIMEOUT * 50;
	int status = 0, result = 0;
	for (;;) {
		/* Ended, but not yet reaped (WNOWAIT): while the engine is a
		 * zombie its group's number cannot be taken by another. */
		siginfo_t info;
		info.si_pid = 0;
		int w = waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT);
		if (w == 0 && info.si_pid == pid)
			break;
		if (w < 0 && errno != EINTR) {
			result = -1;
			break;
		}
		if (ticks-- == 0) {
			result = -2;
			break;
		}
		nanosleep(&tick, NULL);
	}
	echo_signals_restore(&held);
	atomic_store(&live_engine, 0);
	/* Helpers the engine left behind, and the engine if it is past its
	 * time, go with it. */
	if (result != -1)
		kill(-pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (result != 0)
		return result;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int echo_pdf_render(const echo_pdf_engine *engine, const char *html, size_t len,
                    echo_buf *out, echo_diags *diags)
{
	const char *tmp = getenv("TMPDIR");
	echo_buf tb = ECHO_BUF_INIT;
	echo_buf_printf(&tb, "%s/echo-pdf-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char *dir = echo_buf_detach(&tb, NULL);
	char *in = NULL, *pdf = NULL, *log = NULL, *arg_out = NULL, *arg_in = NULL,
	     *arg_profile = NULL;
	int rc = -1;
	if (!dir) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		return -1;
	}
	sigset_t unheld;
	echo_signals_hold(&unheld);
	if (!mkdtemp(dir)) {
		echo_signals_restore(&unheld);
		echo_diags_add(diags, ECHO_ERROR, dir, 0, 0, "io",
		               "cannot make a temporary folder for the PDF engine: %s", strerror(errno));
		free(dir);
		return -1;
	}
	atomic_store(&live_dir, dir);
	in = join(dir, "page.html");
	pdf = join(dir, "page.pdf");
	log = join(dir, "engine.log");
	if (!in || !pdf || !log) {
		echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
		goto done;
	}
	if (write_all(in, html, len) != 0) {
		echo_diags_add(diags, ECHO_ERROR, in, 0, 0, "io", "cannot write the page for the PDF "
		               "engine: %s", strerror(errno));
		goto done;
	}
	char *argv[16];
	size_t n = 0;
	argv[n++] = engine->path;
	if (engine->kind == ECHO_PDF_WEASYPRINT) {
		argv[n++] = "--quiet";
		argv[n++] = in;
		argv[n++] = pdf;
	} else {
		echo_buf b = ECHO_BUF_INIT;
		echo_buf_printf(&b, "--print-to-pdf=%s", pdf);
		arg_out = echo_buf_detach(&b, NULL);
		echo_buf_printf(&b, "--user-data-dir=%s/profile", dir);
		arg_profile = echo_buf_detach(&b, NULL);
		echo_buf_printf(&b, "file://%s", in);
		arg_in = echo_buf_detach(&b, NULL);
		if (!arg_out || !arg_profile || !arg_in) {
			echo_diags_add(diags, ECHO_ERROR, NULL, 0, 0, "memory", "out of memory");
			goto done;
		}
		argv[n++] = "--headless";
		argv[n++] = "--no-sandbox";
		argv[n++] = "--disable-gpu";
		argv[n++] = "--disable-background-networking";
		argv[n++] = "--no-first-run";
		argv[n++] = "--no-pdf-header-footer";
		argv[n++] = arg_profile;
		argv[n++] = arg_out;
		argv[n++] = arg_in;
	}
	argv[n] = NULL;
	int status = run(argv, log, &unheld);
	struct stat st;
	if (status == -1) {
		echo_diags_add(diags, ECHO_ERROR, engine->path, 0, 0, "pdf",
		               "cannot run the PDF engine: %s", strerror(errno));
	} else if (status == -2) {
		echo_diags_add(diags, ECHO_ERROR, engine->path, 0, 0, "pdf",
		               "the PDF engine took longer than %d seconds and was stopped",
		               ECHO_PDF_TIMEOUT);
	} else if (status != 0 || stat(pdf, &st) != 0 || st.st_size < 5) {
		char line[512];
		first_line(log, line, sizeof line);
		echo_diags_add(diags, ECHO_ERROR, engine->path, 0, 0, "pdf",
		               "the PDF engine failed (exit status %d)%s%s", status, line[0] ? ": " : "",
		               line);
	} else {
		size_t before = out->len;
		if (read_all(pdf, out) != 0) {
			echo_diags_add(diags, ECHO_ERROR, pdf, 0, 0, out->failed ? "memory" : "io",
			               "cannot read the PDF the engine wrote");
		} else if (out->len - before < 5 || memcmp(out->data + before, "%PDF-", 5) != 0) {
			echo_diags_add(diags, ECHO_ERROR, engine->path, 0, 0, "pdf",
			               "the PDF engine wrote something that is not a PDF");
		} else {
			rc = 0;
		}
	}
done:
	atomic_store(&live_dir, NULL);
	remove_tree(dir);
	echo_signals_restore(&unheld);
	free(dir);
	free(in);
	free(pdf);
	free(log);
	free(arg_out);
	free(arg_in);
	free(arg_profile);
	return rc;
}
