/* Whole-file I/O: atomic writes, bounded reads, and the templates compiled
 * into the library. */
#include "echo/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "echo/template.h"

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Temporary files staged and not yet committed or discarded, so that an
 * interrupted run can remove them (echo_file_cleanup, from a signal
 * handler).  The handler only reads: entries are our own copies, set to
 * NULL before they are freed, and a grown array is swapped in whole. */
static char **volatile live;
static volatile size_t live_count;
static size_t live_cap;

static void live_add(const char *tmp)
{
	char *copy = strdup(tmp);
	if (!copy)
		return;
	for (size_t i = 0; i < live_count; i++)
		if (!live[i]) {
			live[i] = copy;
			return;
		}
	if (live_count == live_cap) {
		size_t cap = live_cap ? live_cap * 2 : 16;
		char **grown = malloc(cap * sizeof *grown);
		if (!grown) {
			free(copy);
			return;
		}
		for (size_t i = 0; i < live_count; i++)
			grown[i] = live[i];
		char **old = live;
		live = grown;
		live_cap = cap;
		free(old);
	}
	live[live_count] = copy;
	live_count = live_count + 1;
}

static void live_remove(const char *tmp)
{
	for (size_t i = 0; i < live_count; i++)
		if (live[i] && strcmp(live[i], tmp) == 0) {
			char *copy = live[i];
			live[i] = NULL;
			free(copy);
			return;
		}
}

void echo_file_cleanup(void)
{
	for (size_t i = 0; i < live_count; i++)
		if (live[i])
			unlink(live[i]);
}

char *echo_file_stage(const char *path, const char *data, size_t len, echo_diags *diags)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	if (!tmp) {
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "io", "out of memory");
		return NULL;
	}
	snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "io", "cannot create: %s",
		               strerror(errno));
		free(tmp);
		return NULL;
	}
	live_add(tmp);
	/* mkstemp makes the file 0600; output is ordinary, readable text. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	/* No fsync: the rename is what keeps a failed or interrupted run from
	 * leaving half a file, and syncing every file of a batch costs more
	 * than rendering it.  Durability across a power cut is the file
	 * system's (ext4 orders data before a replacing rename). */
	int err = 0;
	if (write_all(fd, data, len) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (err) {
		unlink(tmp);
		live_remove(tmp);
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "io", "cannot write: %s", strerror(err));
		free(tmp);
		return NULL;
	}
	return tmp;
}

int echo_file_commit(char *tmp, const char *path, echo_diags *diags)
{
	int rc = 0;
	live_remove(tmp);
	if (rename(tmp, path) != 0) {
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "io", "cannot write: %s", strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

void echo_file_discard(char *tmp)
{
	if (tmp) {
		unlink(tmp);
		live_remove(tmp);
	}
	free(tmp);
}

int echo_file_write(const char *path, const char *data, size_t len, echo_diags *diags)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0 || ferror(stdout)) {
			echo_diags_add(diags, ECHO_ERROR, "<stdout>", 0, 0, "io",
			               "cannot write to standard output: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	char *tmp = echo_file_stage(path, data, len, diags);
	return tmp ? echo_file_commit(tmp, path, diags) : -1;
}

char *echo_file_read(const char *path, size_t max, size_t *len, echo_diags *diags)
{
	int is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "io", "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "io", "is a directory, not a file");
		if (!is_stdin)
			fclose(f);
		return NULL;
	}
	char *data = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			char *d = realloc(data, cap + 1);
			if (!d) {
				free(data);
				data = NULL;
				echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "io", "out of memory");
				break;
			}
			data = d;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (n > max) {
			echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "limit-size",
			               "input is larger than the limit of %zu bytes", max);
			free(data);
			data = NULL;
			break;
		}
		if (got == 0) {
			if (ferror(f)) {
				echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "io", "cannot read: %s",
				               strerror(errno));
				free(data);
				data = NULL;
			}
			break;
		}
	}
	if (!is_stdin)
		fclose(f);
	if (data) {
		data[n] = '\0';
		if (len)
			*len = n;
	}
	return data;
}

int echo_file_same(const char *a, const char *b)
{
	struct stat sa, sb;
	if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
		return 0;
	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int echo_file_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *echo_builtin_template(const char *name, size_t *len)
{
	for (const struct echo_builtin *b = echo_builtins; b->name; b++)
		if (strcmp(b->name, name) == 0) {
			if (len)
				*len = b->len;
			return b->text;
		}
	return NULL;
}

int echo_templates_add_builtins(struct echo_templates *set)
{
	static const char suffix[] = ".mustache";
	const size_t slen = sizeof suffix - 1;
	for (const struct echo_builtin *b = echo_builtins; b->name; b++) {
		size_t n = strlen(b->name);
		if (n <= slen || strcmp(b->name + n - slen, suffix) != 0)
			continue;
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)(n - slen), b->name);
		if (echo_templates_add(set, name, b->text, b->len) != 0)
			return -1;
	}
	return 0;
}
