/* Whole-file I/O: outputs written through what is there, all or none;
 * inputs remembered so that no output replaces one; bounded reads. */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700

#include "echo/file.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


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

/* The signals a tool removes its temporary files on.  They are held back
 * while a temporary file exists but is not yet known to echo_file_cleanup
 * (between mkstemp and registering it), while the list changes, and while
 * a set of outputs is committed or rolled back, so that a signal never
 * leaves a temporary file or half a set behind. */
static void block_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void restore_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* Temporary files staged and not yet committed or discarded, so that an
 * interrupted run can remove them (echo_file_cleanup, from a signal
 * handler).  Only changed with the signals blocked, so the handler never
 * sees the list half-updated. */
static char **live;
static size_t live_count, live_cap;

/* Called with the signals blocked. */
static int live_add(const char *tmp)
{
	char *copy = strdup(tmp);
	if (!copy)
		return -1;
	for (size_t i = 0; i < live_count; i++)
		if (!live[i]) {
			live[i] = copy;
			return 0;
		}
	if (live_count == live_cap) {
		size_t cap = live_cap ? live_cap * 2 : 16;
		char **grown = realloc(live, cap * sizeof *grown);
		if (!grown) {
			free(copy);
			return -1;
		}
		live = grown;
		live_cap = cap;
	}
	live[live_count++] = copy;
	return 0;
}

static void live_remove(const char *tmp)
{
	sigset_t old;
	block_signals(&old);
	for (size_t i = live_count; i-- > 0;)
		if (live[i] && strcmp(live[i], tmp) == 0) {
			free(live[i]);
			live[i] = NULL;
			break;
		}
	while (live_count && !live[live_count - 1])
		live_count--;
	restore_signals(&old);
}

void echo_file_cleanup(void)
{
	for (size_t i = 0; i < live_count; i++)
		if (live[i])
			unlink(live[i]);
}

/* Inputs -------------------------------------------------------------------- */

/* Every regular file this process read or was told is an input, by
 * device and inode: the same file by any name, link or hard link. */
struct input_id {
	dev_t dev;
	ino_t ino;
	char *name;
};
static struct input_id *inputs;
static size_t input_count, input_cap;

static const char *input_named(const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return NULL;
	for (size_t i = 0; i < input_count; i++)
		if (inputs[i].dev == st->st_dev && inputs[i].ino == st->st_ino)
			return inputs[i].name;
	return NULL;
}

static int protect_stat(const struct stat *st, const char *name)
{
	if (!S_ISREG(st->st_mode) || input_named(st))
		return 0;
	if (input_count == input_cap) {
		size_t cap = input_cap ? input_cap * 2 : 16;
		struct input_id *grown = realloc(inputs, cap * sizeof *grown);
		if (!grown)
			return -1;
		inputs = grown;
		input_cap = cap;
	}
	char *copy = strdup(name);
	if (!copy)
		return -1;
	inputs[input_count++] = (struct input_id){st->st_dev, st->st_ino, copy};
	return 0;
}

int echo_file_protect(const char *path)
{
	struct stat st;
	int is_stdin = strcmp(path, "-") == 0;
	if ((is_stdin ? fstat(0, &st) : stat(path, &st)) != 0)
		return 0;
	return protect_stat(&st, is_stdin ? "<stdin>" : path);
}

void echo_file_protect_clear(void)
{
	for (size_t i = 0; i < input_count; i++)
		free(inputs[i].name);
	free(inputs);
	inputs = NULL;
	input_count = input_cap = 0;
}

/* Outputs ------------------------------------------------------------------- */

enum target_kind {
	TARGET_NEW,      /* nothing there: staged, then linked in */
	TARGET_FILE,     /* a regular file: staged, then renamed over it */
	TARGET_STREAM,   /* a FIFO or a character device: written into */
	TARGET_FD        /* /dev/stdout, /dev/fd/N: written into descriptor N */
};

struct output {
	char *path;              /* as given, for messages */
	char *target;            /* where the bytes go, links followed */
	enum target_kind kind;
	int fd;                  /* TARGET_FD */
	int create;              /* ECHO_OUTPUT_CREATE */
	int in_place;            /* ECHO_OUTPUT_IN_PLACE */
	dev_t dev;               /* TARGET_FILE: the file replaced */
	ino_t ino;
	char *tmp;               /* TARGET_NEW, TARGET_FILE: the staged file */
	char *data;              /* TARGET_STREAM, TARGET_FD: written at commit */
	size_t len;
	char *backup;            /* during commit: the replaced file, kept */
	int committed;
};

struct echo_output {
	struct output *items;
	size_t count, cap;
};

static void output_error(echo_diags *diags, const char *path, const char *fmt, const char *arg)
{
	echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "io", fmt, arg);
}

/* N when path is a descriptor's magic link, /proc/<pid>/fd/N (where
 * /dev/stdout and /dev/fd/N lead): the bytes go to that descriptor, as
 * the shell set it up, never to a file put in its place. */
static int fd_link(const char *path)
{
	const char *base = strrchr(path, '/');
	if (!base || !base[1])
		return -1;
	int n = 0;
	for (const char *p = base + 1; *p; p++) {
		if (*p < '0' || *p > '9' || n > 100000)
			return -1;
		n = n * 10 + (*p - '0');
	}
	char *dir = strndup(path, (size_t)(base - path));
	char *real = dir ? realpath(*dir ? dir : "/", NULL) : NULL;
	int is_fd = real && strncmp(real, "/proc/", 6) == 0 && strlen(real) > 9 &&
	            strcmp(real + strlen(real) - 3, "/fd") == 0;
	free(dir);
	free(real);
	return is_fd ? n : -1;
}

/* The target of a symbolic link, relative to the link's folder. */
static char *follow_link(const char *path)
{
	size_t cap = 256;
	for (;;) {
		char *buf = malloc(cap);
		if (!buf)
			return NULL;
		ssize_t n = readlink(path, buf, cap);
		if (n < 0) {
			free(buf);
			return NULL;
		}
		if ((size_t)n < cap) {
			buf[n] = '\0';
			const char *slash = strrchr(path, '/');
			if (buf[0] == '/' || !slash)
				return buf;
			size_t dlen = (size_t)(slash - path) + 1;
			char *joined = malloc(dlen + (size_t)n + 1);
			if (joined) {
				memcpy(joined, path, dlen);
				memcpy(joined + dlen, buf, (size_t)n + 1);
			}
			free(buf);
			return joined;
		}
		free(buf);
		cap *= 2;
	}
}

/* Works out where output to path goes: links are followed to their
 * target (which may not exist yet), and what is there decides how it is
 * written.  Returns 0, or -1 with an error. */
static int resolve(struct output *o, echo_diags *diags)
{
	char *cur = strdup(o->path);
	for (int hops = 0; cur; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0) {
			if (errno != ENOENT) {
				output_error(diags, o->path, "cannot write: %s", strerror(errno));
				free(cur);
				return -1;
			}
			o->kind = TARGET_NEW;
			break;
		}
		if (S_ISLNK(st.st_mode)) {
			int fd = fd_link(cur);
			if (fd >= 0) {
				o->kind = TARGET_FD;
				o->fd = fd;
				break;
			}
			if (hops == 40) {
				output_error(diags, o->path, "cannot write: %s", strerror(ELOOP));
				free(cur);
				return -1;
			}
			char *next = follow_link(cur);
			if (!next && errno != ENOMEM) {
				output_error(diags, o->path, "cannot write: %s", strerror(errno));
				free(cur);
				return -1;
			}
			free(cur);
			cur = next;
			continue;
		}
		if (S_ISREG(st.st_mode)) {
			o->kind = TARGET_FILE;
			o->dev = st.st_dev;
			o->ino = st.st_ino;
		} else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
			o->kind = TARGET_STREAM;
		} else {
			output_error(diags, o->path,
			             S_ISDIR(st.st_mode) ? "cannot write: %s is a directory"
			                                 : "cannot write: %s is not a regular file, a FIFO "
			                                   "or a character device",
			             strcmp(cur, o->path) == 0 ? "it" : cur);
			free(cur);
			return -1;
		}
		break;
	}
	if (!cur) {
		echo_diags_add(diags, ECHO_ERROR, o->path, 0, 0, "memory", "out of memory");
		return -1;
	}
	o->target = cur;
	return 0;
}

/* An output that is one of the inputs is refused, whatever its name. */
static int check_input(const struct output *o, echo_diags *diags)
{
	if (o->in_place)
		return 0;
	struct stat st;
	int known = o->kind == TARGET_FILE ? stat(o->target, &st) == 0
	          : o->kind == TARGET_FD   ? fstat(o->fd, &st) == 0
	                                   : 0;
	const char *input = known ? input_named(&st) : NULL;
	if (!input)
		return 0;
	if (strcmp(input, "<stdin>") == 0)
		echo_diags_add(diags, ECHO_ERROR, o->path, 0, 0, "overwrite-input",
		               "refusing to write over the file standard input reads; nothing is "
		               "written");
	else
		echo_diags_add(diags, ECHO_ERROR, o->path, 0, 0, "overwrite-input",
		               "refusing to write over the input file %s%s; nothing is written", input,
		               strcmp(input, o->path) == 0 ? "" : " (the same file by another name)");
	return -1;
}

int echo_file_check(const char *path, echo_diags *diags)
{
	if (strcmp(path, "-") == 0) {
		struct stat st;
		const char *input = fstat(1, &st) == 0 ? input_named(&st) : NULL;
		if (input)
			echo_diags_add(diags, ECHO_ERROR, "<stdout>", 0, 0, "overwrite-input",
			               "standard output is the input file %s; nothing is written", input);
		return input ? -1 : 0;
	}
	struct output o;
	memset(&o, 0, sizeof o);
	o.path = (char *)path;
	int rc = resolve(&o, diags);
	if (rc == 0)
		rc = check_input(&o, diags);
	free(o.target);
	return rc;
}

/* Writes data to a new temporary file beside the target. */
static int stage(struct output *o, const char *data, size_t len, echo_diags *diags)
{
	size_t tlen = strlen(o->target);
	o->tmp = malloc(tlen + 16);
	if (!o->tmp) {
		echo_diags_add(diags, ECHO_ERROR, o->path, 0, 0, "memory", "out of memory");
		return -1;
	}
	snprintf(o->tmp, tlen + 16, "%s.tmp.XXXXXX", o->target);
	sigset_t old;
	block_signals(&old);
	int fd = mkstemp(o->tmp);
	int err = fd < 0 ? errno : 0;
	if (fd >= 0 && live_add(o->tmp) != 0) {
		unlink(o->tmp);
		close(fd);
		fd = -1;
		err = ENOMEM;
	}
	restore_signals(&old);
	if (fd < 0) {
		output_error(diags, o->path, "cannot create: %s", strerror(err));
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	/* mkstemp makes the file 0600; output is ordinary, readable text. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	/* No fsync: the rename is what keeps a failed or interrupted run from
	 * leaving half a file, and syncing every file of a batch costs more
	 * than rendering it.  Durability across a power cut is the file
	 * system's (ext4 orders data before a replacing rename). */
	if (write_all(fd, data, len) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (err) {
		output_error(diags, o->path, "cannot write: %s", strerror(err));
		return -1;
	}
	return 0;
}

static void output_discard(struct output *o)
{
	if (o->tmp) {
		unlink(o->tmp);
		live_remove(o->tmp);
	}
	free(o->path);
	free(o->target);
	free(o->tmp);
	free(o->data);
	free(o->backup);
}

echo_output *echo_output_new(void)
{
	return calloc(1, sizeof(echo_output));
}

void echo_output_free(echo_output *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->count; i++)
		output_discard(&set->items[i]);
	free(set->items);
	free(set);
}

int echo_output_add(echo_output *set, const char *path, const char *data, size_t len,
                    unsigned flags, echo_diags *diags)
{
	if (set->count == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 8;
		struct output *grown = realloc(set->items, cap * sizeof *grown);
		if (!grown) {
			echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "memory", "out of memory");
			return -1;
		}
		set->items = grown;
		set->cap = cap;
	}
	struct output *o = &set->items[set->count];
	memset(o, 0, sizeof *o);
	o->create = (flags & ECHO_OUTPUT_CREATE) != 0;
	o->in_place = (flags & ECHO_OUTPUT_IN_PLACE) != 0;
	o->path = strdup(path);
	if (!o->path) {
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "memory", "out of memory");
		return -1;
	}
	int rc = resolve(o, diags);
	if (rc == 0)
		rc = check_input(o, diags);
	if (rc == 0 && o->create && o->kind == TARGET_FILE) {
		output_error(diags, o->path, "%s already exists; not overwriting it", o->path);
		rc = -1;
	}
	for (size_t i = 0; rc == 0 && i < set->count; i++) {
		const struct output *p = &set->items[i];
		if (strcmp(p->target, o->target) == 0 ||
		    (o->kind == TARGET_FILE && p->kind == TARGET_FILE && p->dev == o->dev &&
		     p->ino == o->ino)) {
			output_error(diags, o->path, "written twice in one run (also as %s)", p->path);
			rc = -1;
		}
	}
	if (rc == 0 && (o->kind == TARGET_STREAM || o->kind == TARGET_FD)) {
		/* Nothing can be staged there: the bytes wait for the commit. */
		o->data = malloc(len ? len : 1);
		if (!o->data) {
			echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "memory", "out of memory");
			rc = -1;
		} else {
			memcpy(o->data, data, len);
			o->len = len;
		}
	} else if (rc == 0) {
		rc = stage(o, data, len, diags);
	}
	set->count++;
	if (rc != 0) {
		set->count--;
		output_discard(o);
	}
	return rc;
}

/* Writes a FIFO, a character device or a descriptor straight through. */
static int write_stream(struct output *o, echo_diags *diags)
{
	int fd = o->fd, err = 0;
	if (o->kind == TARGET_FD) {
		if (fd == 1)
			fflush(stdout);
		else if (fd == 2)
			fflush(stderr);
	} else {
		fd = open(o->target, O_WRONLY | O_NOCTTY);
		if (fd < 0) {
			output_error(diags, o->path, "cannot write: %s", strerror(errno));
			return -1;
		}
	}
	if (write_all(fd, o->data, o->len) != 0)
		err = errno;
	if (o->kind != TARGET_FD && close(fd) != 0 && !err)
		err = errno;
	if (err) {
		output_error(diags, o->path, "cannot write: %s", strerror(err));
		return -1;
	}
	return 0;
}

/* Puts one staged file in place, keeping the file it replaces as a
 * backup (a second link) until the whole set is in. */
static int put_in_place(struct output *o, echo_diags *diags)
{
	if (o->kind == TARGET_FILE) {
		struct stat st;
		if (lstat(o->target, &st) != 0 || !S_ISREG(st.st_mode) || st.st_dev != o->dev ||
		    st.st_ino != o->ino) {
			output_error(diags, o->path, "cannot write: %s changed while it was written",
			             o->target);
			return -1;
		}
		size_t n = strlen(o->tmp);
		o->backup = malloc(n + 5);
		if (!o->backup) {
			echo_diags_add(diags, ECHO_ERROR, o->path, 0, 0, "memory", "out of memory");
			return -1;
		}
		memcpy(o->backup, o->tmp, n);
		memcpy(o->backup + n, ".old", 5);
		/* A file system without hard links: the previous file is moved
		 * aside instead, and is missing for a moment. */
		int linked = link(o->target, o->backup) == 0;
		if (!linked && (errno == EEXIST || rename(o->target, o->backup) != 0)) {
			output_error(diags, o->path, "cannot write: %s", strerror(errno));
			free(o->backup);
			o->backup = NULL;
			return -1;
		}
		if (rename(o->tmp, o->target) != 0) {
			output_error(diags, o->path, "cannot write: %s", strerror(errno));
			if (linked)
				unlink(o->backup);
			else
				rename(o->backup, o->target);
			free(o->backup);
			o->backup = NULL;
			return -1;
		}
	} else {
		/* link() never replaces: a file that appeared meanwhile stays. */
		int err = link(o->tmp, o->target) == 0 ? 0 : errno;
		struct stat st;
		if (err == EEXIST) {
			output_error(diags, o->path, "%s already exists; not overwriting it", o->path);
			return -1;
		} else if (err && err != EPERM && err != ENOTSUP && err != ENOSYS) {
			output_error(diags, o->path, "cannot write: %s", strerror(err));
			return -1;
		} else if (err && lstat(o->target, &st) == 0) {
			/* No hard links here: rename, after looking. */
			output_error(diags, o->path, "%s already exists; not overwriting it", o->path);
			return -1;
		} else if (err && rename(o->tmp, o->target) != 0) {
			output_error(diags, o->path, "cannot write: %s", strerror(errno));
			return -1;
		}
		if (!err)
			unlink(o->tmp);
	}
	live_remove(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
	o->committed = 1;
	return 0;
}

/* Undoes put_in_place: the previous file back, or the new one removed. */
static void take_back(struct output *o, echo_diags *diags)
{
	if (o->backup) {
		if (rename(o->backup, o->target) != 0)
			echo_diags_add(diags, ECHO_ERROR, o->path, 0, 0, "io",
			               "cannot put the previous file back: %s; it is kept as %s",
			               strerror(errno), o->backup);
	} else {
		unlink(o->target);
	}
	o->committed = 0;
}

int echo_output_commit(echo_output *set, echo_diags *diags)
{
	int rc = 0;
	/* Inputs read since a file was staged count too. */
	for (size_t i = 0; i < set->count; i++)
		if (check_input(&set->items[i], diags) != 0)
			rc = -1;
	/* Streams first, with signals free (a FIFO may wait for a reader):
	 * what they took cannot be taken back, but then nothing is renamed. */
	for (size_t i = 0; rc == 0 && i < set->count; i++)
		if (set->items[i].data && write_stream(&set->items[i], diags) != 0)
			rc = -1;
	sigset_t old;
	block_signals(&old);
	for (size_t i = 0; rc == 0 && i < set->count; i++)
		if (set->items[i].tmp && put_in_place(&set->items[i], diags) != 0)
			rc = -1;
	for (size_t i = set->count; rc != 0 && i-- > 0;)
		if (set->items[i].committed)
			take_back(&set->items[i], diags);
	for (size_t i = 0; i < set->count; i++) {
		struct output *o = &set->items[i];
		if (o->backup && o->committed)
			unlink(o->backup);
		free(o->backup);
		o->backup = NULL;
	}
	restore_signals(&old);
	return rc;
}

int echo_file_write(const char *path, const char *data, size_t len, echo_diags *diags)
{
	return echo_file_write_flags(path, data, len, 0, diags);
}

int echo_file_write_flags(const char *path, const char *data, size_t len, unsigned flags,
                          echo_diags *diags)
{
	if (strcmp(path, "-") == 0) {
		if (echo_file_check(path, diags) != 0)
			return -1;
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0 || ferror(stdout)) {
			echo_diags_add(diags, ECHO_ERROR, "<stdout>", 0, 0, "io",
			               "cannot write to standard output: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	echo_output *set = echo_output_new();
	if (!set) {
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "memory", "out of memory");
		return -1;
	}
	int rc = echo_output_add(set, path, data, len, flags, diags);
	if (rc == 0)
		rc = echo_output_commit(set, diags);
	echo_output_free(set);
	return rc;
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
	int known = fstat(fileno(f), &st) == 0;
	if (known && S_ISDIR(st.st_mode)) {
		echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "io", "is a directory, not a file");
		if (!is_stdin)
			fclose(f);
		return NULL;
	}
	/* Whatever is read is an input: no output of this run replaces it. */
	if (known && protect_stat(&st, name) != 0) {
		echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "memory", "out of memory");
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

int echo_file_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
