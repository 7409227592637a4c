/* Whole-file I/O: outputs written through what is there, all or none;
 * inputs remembered so that no output replaces one; bounded reads. */
/* realpath() is XSI; renameat2() is Linux's (glibc 2.28). */
#define _XOPEN_SOURCE 700
#if defined(__linux__)
#define _GNU_SOURCE
#endif

#include "echo/file.h"

#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "signals.h"

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
 * while a set of outputs is committed or rolled back, so that a signal
 * never leaves half a set behind. */
void echo_signals_hold(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, old);
}

void echo_signals_restore(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

struct output;

/* A staged file is named TARGET.tmp.PID-SERIAL: the name is not kept, but
 * made again from the target and the serial number when it is needed, by
 * the signal handler too (no snprintf there).  Returns its length, or 0
 * when it does not fit in cap bytes; old adds ".old" (the backup of a
 * replaced file where there is no renameat2). */
static size_t tmp_format(char *buf, size_t cap, const char *target, long pid,
                         unsigned long serial, int old)
{
	size_t n = 0;
	for (const char *t = target; *t; t++) {
		if (n + 1 >= cap)
			return 0;
		buf[n++] = *t;
	}
	char digits[48];
	size_t d = 0;
	const char *tail[] = {".tmp.", NULL, "-", NULL, old ? ".old" : ""};
	for (int part = 0; part < 5; part++) {
		const char *text = tail[part];
		if (!text) {
			unsigned long v = part == 1 ? (unsigned long)pid : serial;
			d = sizeof digits - 1;
			digits[d] = '\0';
			do {
				digits[--d] = (char)('0' + v % 10);
				v /= 10;
			} while (v);
			text = digits + d;
		}
		for (; *text; text++) {
			if (n + 1 >= cap)
				return 0;
			buf[n++] = *text;
		}
	}
	buf[n] = '\0';
	return n;
}

/* Temporary files staged and not yet committed or discarded, so that an
 * interrupted run can remove them (echo_file_cleanup, from a signal
 * handler).  Blocks of slots that never move or go away, and each slot an
 * atomic pointer to the output (which never moves either): the handler
 * sees an output whole or not at all, with no signals held back (no
 * system call) per file. */
#define LIVE_SLOTS 256
struct live_block {
	_Atomic(const struct output *) outs[LIVE_SLOTS];
	_Atomic(struct live_block *) next;
};
static _Atomic(struct live_block *) live_head;
static struct live_block *live_tail;
static size_t live_used;            /* slots used in live_tail */
static long pid;                    /* in the names of staged files */

/* A slot for o, or NULL when memory runs out. */
static _Atomic(const struct output *) *live_add(const struct output *o)
{
	if (!live_tail || live_used == LIVE_SLOTS) {
		struct live_block *b = calloc(1, sizeof *b);
		if (!b)
			return NULL;
		for (size_t i = 0; i < LIVE_SLOTS; i++)
			atomic_init(&b->outs[i], NULL);
		atomic_init(&b->next, NULL);
		if (live_tail)
			atomic_store(&live_tail->next, b);
		else
			atomic_store(&live_head, b);
		live_tail = b;
		live_used = 0;
	}
	_Atomic(const struct output *) *slot = &live_tail->outs[live_used++];
	atomic_store(slot, o);
	return slot;
}

static void live_remove(_Atomic(const struct output *) *slot)
{
	if (slot)
		atomic_store(slot, NULL);
}

static void unlink_staged(const struct output *o);

void echo_file_cleanup(void)
{
	for (struct live_block *b = atomic_load(&live_head); b; b = atomic_load(&b->next))
		for (size_t i = 0; i < LIVE_SLOTS; i++) {
			const struct output *o = atomic_load(&b->outs[i]);
			if (o)
				unlink_staged(o);
		}
}

/* Inputs -------------------------------------------------------------------- */

/* Every regular file this process read or was told is an input, by
 * device and inode: the same file by any name, link or hard link.  A
 * hash set (open addressing, at most three quarters full), as every output is
 * looked up in it twice and a batch names thousands of inputs. */
struct input_id {
	dev_t dev;
	ino_t ino;
	const char *name;        /* in input_names; NULL: a free slot */
};
static struct input_id *inputs;
static size_t input_count, input_cap;
static struct echo_arena *input_names;

static size_t input_slot(dev_t dev, ino_t ino)
{
	uint64_t h = ((uint64_t)ino * 0x9e3779b97f4a7c15u) ^ (uint64_t)dev;
	return (size_t)(h ^ (h >> 29)) & (input_cap - 1);
}

static struct input_id *input_find(dev_t dev, ino_t ino)
{
	if (!input_cap)
		return NULL;
	for (size_t i = input_slot(dev, ino);; i = (i + 1) & (input_cap - 1)) {
		struct input_id *in = &inputs[i];
		if (!in->name || (in->dev == dev && in->ino == ino))
			return in;
	}
}

static const char *input_named(const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return NULL;
	struct input_id *in = input_find(st->st_dev, st->st_ino);
	return in ? in->name : NULL;
}

static int protect_stat(const struct stat *st, const char *name)
{
	if (!S_ISREG(st->st_mode) || input_named(st))
		return 0;
	if (4 * (input_count + 1) > 3 * input_cap) {
		struct input_id *old = inputs;
		size_t old_cap = input_cap, cap = input_cap ? input_cap * 2 : 64;
		struct input_id *grown = calloc(cap, sizeof *grown);
		if (!grown)
			return -1;
		inputs = grown;
		input_cap = cap;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].name)
				*input_find(old[i].dev, old[i].ino) = old[i];
		free(old);
	}
	if (!input_names)
		input_names = echo_arena_new();
	const char *copy = input_names ? echo_arena_strndup(input_names, name, strlen(name)) : NULL;
	if (!copy)
		return -1;
	*input_find(st->st_dev, st->st_ino) = (struct input_id){st->st_dev, st->st_ino, copy};
	input_count++;
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
	echo_arena_free(input_names);
	input_names = NULL;
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

/* Where a staged file's previous one is kept during a commit. */
enum backup_kind {
	BACKUP_NONE,
	BACKUP_STAGED,   /* under the staged name (exchanged with renameat2) */
	BACKUP_OLD       /* under the staged name and ".old" (a second link) */
};

/* What a batch keeps per page until its commit, as small as rollback
 * allows: the names are in the set's arena, the staged file's name is
 * made again from the target and its serial number (tmp_format), and a
 * replaced file's inode and a stream's bytes share their space. */
struct output {
	const char *path;        /* as given, for messages (the set's arena) */
	const char *target;      /* where the bytes go, links followed; path when the same */
	union {
		struct {             /* TARGET_FILE: the file replaced */
			dev_t dev;
			ino_t ino;
		};
		struct {             /* TARGET_STREAM, TARGET_FD: written at commit */
			char *data;
			size_t len;
		};
	};
	_Atomic(const struct output *) *live;   /* the staged file's slot for echo_file_cleanup */
	uint32_t serial;         /* of the staged file's name (O_EXCL moves on past a wrap) */
	int fd;                  /* TARGET_FD */
	unsigned char kind;      /* enum target_kind */
	unsigned char create;    /* ECHO_OUTPUT_CREATE */
	unsigned char in_place;  /* ECHO_OUTPUT_IN_PLACE */
	unsigned char committed;
	unsigned char staged;    /* TARGET_NEW, TARGET_FILE: the staged file is there */
	unsigned char backup;    /* enum backup_kind, during commit */
};

/* The staged file's name (old: its ".old" backup) in buf when it fits,
 * else in memory the caller frees with tmp_free; NULL when memory runs
 * out. */
#define TMP_BUF 256
static char *tmp_name(const struct output *o, char *buf, int old)
{
	if (tmp_format(buf, TMP_BUF, o->target, pid, o->serial, old))
		return buf;
	size_t cap = strlen(o->target) + 64;
	char *name = malloc(cap);
	if (name)
		tmp_format(name, cap, o->target, pid, o->serial, old);
	return name;
}

static void tmp_free(char *name, const char *buf)
{
	if (name != buf)
		free(name);
}

/* From the signal handler too: a name longer than PATH_MAX could not
 * have been created. */
static void unlink_staged(const struct output *o)
{
	char buf[4096 + 64];
	if (tmp_format(buf, sizeof buf, o->target, pid, o->serial, 0))
		unlink(buf);
}

/* An index of the outputs by a hash of what identifies them: slots hold
 * an item's number + 1, 0 when free; open addressing, at most half full.
 * Eight bytes a slot, as a batch has one per page in each index. */
struct index {
	struct slot {
		uint32_t hash;
		uint32_t item;
	} *slots;
	size_t cap, used;
};

/* Outputs in blocks that never move: a batch of thousands grows without
 * copying (and for a moment holding twice) the whole array. */
#define OUTPUT_BLOCK 256
struct echo_output {
	struct output **blocks;
	size_t count, nblocks;
	struct echo_arena *names;    /* every output's path and target */
	struct index by_path;    /* the path as given, when it is not the target */
	struct index by_target;  /* where the bytes go */
	struct index by_inode;   /* TARGET_FILE: the file replaced */
};

static struct output *item(const echo_output *set, size_t i)
{
	return &set->blocks[i / OUTPUT_BLOCK][i % OUTPUT_BLOCK];
}

static uint64_t hash_bytes(const void *data, size_t len, uint64_t h)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3u;     /* FNV-1a */
	return h;
}

static uint32_t fold(uint64_t h)
{
	return (uint32_t)(h ^ (h >> 32));
}

static uint32_t hash_string(const char *s)
{
	return fold(hash_bytes(s, strlen(s), 0xcbf29ce484222325u));
}

static uint32_t hash_inode(dev_t dev, ino_t ino)
{
	return fold(hash_bytes(&ino, sizeof ino, hash_bytes(&dev, sizeof dev, 0xcbf29ce484222325u)));
}

/* Calls match(item, key) for each item of that hash until it returns 1;
 * returns that item, or -1. */
static long index_find(const struct index *ix, uint32_t hash,
                       int (*match)(const struct output *o, const void *key),
                       const echo_output *set, const void *key)
{
	if (!ix->cap)
		return -1;
	for (size_t i = hash & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
		const struct slot *sl = &ix->slots[i];
		if (!sl->item)
			return -1;
		if (sl->hash == hash && match(item(set, sl->item - 1), key))
			return (long)(sl->item - 1);
	}
}

static void index_put(struct index *ix, uint32_t hash, size_t item)
{
	size_t i = hash & (ix->cap - 1);
	while (ix->slots[i].item)
		i = (i + 1) & (ix->cap - 1);
	ix->slots[i] = (struct slot){hash, (uint32_t)(item + 1)};
	ix->used++;
}

static int index_add(struct index *ix, uint32_t hash, size_t item)
{
	if (item >= UINT32_MAX - 1)
		return -1;
	if (2 * (ix->used + 1) > ix->cap) {
		struct index grown = {calloc(ix->cap ? ix->cap * 2 : 64, sizeof *grown.slots),
		                      ix->cap ? ix->cap * 2 : 64, 0};
		if (!grown.slots)
			return -1;
		for (size_t i = 0; i < ix->cap; i++)
			if (ix->slots[i].item)
				index_put(&grown, ix->slots[i].hash, ix->slots[i].item - 1);
		free(ix->slots);
		*ix = grown;
	}
	index_put(ix, hash, item);
	return 0;
}

static int match_path(const struct output *o, const void *key)
{
	return strcmp(o->path, key) == 0;
}

static int match_target(const struct output *o, const void *key)
{
	return strcmp(o->target, key) == 0;
}

/* An output named by its target, which is in by_target only. */
static int match_path_target(const struct output *o, const void *key)
{
	return o->target == o->path && strcmp(o->path, key) == 0;
}

static int match_inode(const struct output *o, const void *key)
{
	const struct output *k = key;
	return o->kind == TARGET_FILE && o->dev == k->dev && o->ino == k->ino;
}

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
	/* Most outputs are where they are named: one copy of the name. */
	if (strcmp(cur, o->path) == 0) {
		free(cur);
		o->target = o->path;
	} else {
		o->target = cur;
	}
	return 0;
}

/* An output that is one of the inputs is refused, whatever its name. */
static int check_input(const struct output *o, echo_diags *diags)
{
	if (o->in_place)
		return 0;
	struct stat st;
	const char *input = NULL;
	if (o->kind == TARGET_FILE) {
		/* The file resolve found, without another stat: put_in_place
		 * makes sure it is still the one there. */
		struct input_id *in = input_find(o->dev, o->ino);
		input = in ? in->name : NULL;
	} else if (o->kind == TARGET_FD && fstat(o->fd, &st) == 0) {
		input = input_named(&st);
	}
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
	o.path = path;
	int rc = resolve(&o, diags);
	if (rc == 0)
		rc = check_input(&o, diags);
	if (o.target && o.target != o.path)
		free((char *)o.target);
	return rc;
}

/* Writes data to a new temporary file beside the target, TARGET.tmp.N
 * made with O_EXCL (so never someone else's file) and the umask's mode. */
static int stage(struct output *o, const char *data, size_t len, echo_diags *diags)
{
	static uint32_t serial;
	/* Asked once, not once a file: after a fork the names may repeat,
	 * and O_EXCL then moves on to the next. */
	if (!pid)
		pid = (long)getpid();
	int fd = -1, err = 0, named = 0;
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		char buf[TMP_BUF];
		o->serial = serial++;
		char *name = tmp_name(o, buf, 0);
		if (!name) {
			err = ENOMEM;
			break;
		}
		named = 1;
		/* Known to echo_file_cleanup before it exists: a signal between
		 * the two leaves nothing behind. */
		o->live = live_add(o);
		if (!o->live) {
			tmp_free(name, buf);
			err = ENOMEM;
			break;
		}
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, 0666);
		err = fd < 0 ? errno : 0;
		tmp_free(name, buf);
		if (fd < 0) {
			live_remove(o->live);
			o->live = NULL;
			if (err != EEXIST)
				break;
		}
	}
	if (fd < 0) {
		if (!named || err == ENOMEM)
			echo_diags_add(diags, ECHO_ERROR, o->path, 0, 0, "memory", "out of memory");
		else
			output_error(diags, o->path, "cannot create: %s", strerror(err));
		return -1;
	}
	o->staged = 1;
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

static int is_stream(const struct output *o)
{
	return o->kind == TARGET_STREAM || o->kind == TARGET_FD;
}

/* Removes what o staged; its names stay in the set's arena. */
static void output_discard(struct output *o)
{
	if (o->staged) {
		unlink_staged(o);
		live_remove(o->live);
		o->live = NULL;
		o->staged = 0;
	}
	if (is_stream(o)) {
		free(o->data);
		o->data = NULL;
	}
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
		output_discard(item(set, i));
	for (size_t i = 0; i < set->nblocks; i++)
		free(set->blocks[i]);
	free(set->blocks);
	echo_arena_free(set->names);
	free(set->by_path.slots);
	free(set->by_target.slots);
	free(set->by_inode.slots);
	free(set);
}

int echo_output_add(echo_output *set, const char *path, const char *data, size_t len,
                    unsigned flags, echo_diags *diags)
{
	if (set->count == set->nblocks * OUTPUT_BLOCK) {
		struct output **grown = realloc(set->blocks, (set->nblocks + 1) * sizeof *grown);
		struct output *block = grown ? malloc(OUTPUT_BLOCK * sizeof *block) : NULL;
		if (grown)
			set->blocks = grown;
		if (!block) {
			echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "memory", "out of memory");
			return -1;
		}
		set->blocks[set->nblocks++] = block;
	}
	struct output *o = item(set, set->count);
	memset(o, 0, sizeof *o);
	o->create = (flags & ECHO_OUTPUT_CREATE) != 0;
	o->in_place = (flags & ECHO_OUTPUT_IN_PLACE) != 0;
	if (!set->names)
		set->names = echo_arena_new();
	o->path = set->names ? echo_arena_strndup(set->names, path, strlen(path)) : NULL;
	if (!o->path) {
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "memory", "out of memory");
		return -1;
	}
	int rc = resolve(o, diags);
	if (rc == 0 && o->target != o->path) {
		char *found = (char *)o->target;
		o->target = echo_arena_strndup(set->names, found, strlen(found));
		free(found);
		if (!o->target) {
			echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "memory", "out of memory");
			return -1;
		}
	}
	if (rc == 0)
		rc = check_input(o, diags);
	if (rc == 0 && o->create && o->kind == TARGET_FILE) {
		output_error(diags, o->path, "%s already exists; not overwriting it", o->path);
		rc = -1;
	}
	if (rc == 0) {
		/* The earliest output with this target or this file. */
		long same = index_find(&set->by_target, hash_string(o->target), match_target, set,
		                       o->target);
		long file = o->kind == TARGET_FILE
		            ? index_find(&set->by_inode, hash_inode(o->dev, o->ino), match_inode, set, o)
		            : -1;
		if (same < 0 || (file >= 0 && file < same))
			same = file;
		if (same >= 0) {
			output_error(diags, o->path, "written twice in one run (also as %s)",
			             item(set, (size_t)same)->path);
			rc = -1;
		}
	}
	if (rc == 0 && is_stream(o)) {
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
	size_t n = set->count;
	if (rc == 0 && ((o->target != o->path &&
	                 index_add(&set->by_path, hash_string(o->path), n) != 0) ||
	                index_add(&set->by_target, hash_string(o->target), n) != 0 ||
	                (o->kind == TARGET_FILE &&
	                 index_add(&set->by_inode, hash_inode(o->dev, o->ino), n) != 0))) {
		echo_diags_add(diags, ECHO_ERROR, path, 0, 0, "memory", "out of memory");
		rc = -1;
	}
	if (rc != 0) {
		output_discard(o);
		return rc;
	}
	set->count++;
	return 0;
}

int echo_output_has(const echo_output *set, const char *path)
{
	uint32_t h = hash_string(path);
	return index_find(&set->by_path, h, match_path, set, path) >= 0 ||
	       index_find(&set->by_target, h, match_path_target, set, path) >= 0;
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

/* The staged file is in place: it is no longer a temporary. */
static void staged_done(struct output *o)
{
	live_remove(o->live);
	o->live = NULL;
	o->staged = 0;
	o->committed = 1;
}

/* One system call instead of two or three where Linux has renameat2:
 * move_in renames the staged file to a new path, failing rather than
 * replacing (RENAME_NOREPLACE, as link() would); swap_in exchanges it
 * with the file it replaces (RENAME_EXCHANGE), which is then the backup
 * under the staged name.  -1 with errno EINVAL or ENOSYS where the file
 * system or the kernel cannot, and the caller does it the portable way. */
static int move_in(struct output *o, const char *tmp)
{
#if defined(RENAME_NOREPLACE)
	return renameat2(AT_FDCWD, tmp, AT_FDCWD, o->target, RENAME_NOREPLACE);
#else
	(void)o;
	(void)tmp;
	errno = ENOSYS;
	return -1;
#endif
}

static int swap_in(struct output *o, const char *tmp)
{
#if defined(RENAME_EXCHANGE)
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, o->target, RENAME_EXCHANGE) != 0)
		return -1;
	staged_done(o);
	o->backup = BACKUP_STAGED;
	return 0;
#else
	(void)o;
	(void)tmp;
	errno = ENOSYS;
	return -1;
#endif
}

/* Puts one staged file (named tmp) in place, keeping the file it
 * replaces as a backup (a second link, or the staged name swapped) until
 * the whole set is in. */
static int replace_in(struct output *o, const char *tmp, echo_diags *diags)
{
	struct stat st;
	if (lstat(o->target, &st) != 0 || !S_ISREG(st.st_mode) || st.st_dev != o->dev ||
	    st.st_ino != o->ino) {
		output_error(diags, o->path, "cannot write: %s changed while it was written",
		             o->target);
		return -1;
	}
	if (swap_in(o, tmp) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
		output_error(diags, o->path, "cannot write: %s", strerror(errno));
		return -1;
	}
	char buf[TMP_BUF];
	char *backup = tmp_name(o, buf, 1);
	if (!backup) {
		echo_diags_add(diags, ECHO_ERROR, o->path, 0, 0, "memory", "out of memory");
		return -1;
	}
	/* A file system without hard links: the previous file is moved
	 * aside instead, and is missing for a moment. */
	int linked = link(o->target, backup) == 0, rc = 0;
	if (!linked && (errno == EEXIST || rename(o->target, backup) != 0)) {
		output_error(diags, o->path, "cannot write: %s", strerror(errno));
		rc = -1;
	} else if (rename(tmp, o->target) != 0) {
		output_error(diags, o->path, "cannot write: %s", strerror(errno));
		if (linked)
			unlink(backup);
		else
			rename(backup, o->target);
		rc = -1;
	} else {
		staged_done(o);
		o->backup = BACKUP_OLD;
	}
	tmp_free(backup, buf);
	return rc;
}

/* Puts a staged file at a new path, never over one that appeared
 * meanwhile. */
static int create_in(struct output *o, const char *tmp, echo_diags *diags)
{
	/* Never a replace (RENAME_NOREPLACE, or link()): a file that
	 * appeared meanwhile stays. */
	int err = move_in(o, tmp) == 0 ? 0 : errno;
	if (!err) {
		staged_done(o);
		return 0;
	}
	if (err == EINVAL || err == ENOSYS || err == ENOTSUP)
		err = link(tmp, o->target) == 0 ? 0 : errno;
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
	} else if (err && rename(tmp, o->target) != 0) {
		output_error(diags, o->path, "cannot write: %s", strerror(errno));
		return -1;
	}
	if (!err)
		unlink(tmp);
	staged_done(o);
	return 0;
}

static int put_in_place(struct output *o, echo_diags *diags)
{
	char buf[TMP_BUF];
	char *tmp = tmp_name(o, buf, 0);
	if (!tmp) {
		echo_diags_add(diags, ECHO_ERROR, o->path, 0, 0, "memory", "out of memory");
		return -1;
	}
	int rc = o->kind == TARGET_FILE ? replace_in(o, tmp, diags) : create_in(o, tmp, diags);
	tmp_free(tmp, buf);
	return rc;
}

/* Undoes put_in_place: the previous file back, or the new one removed. */
static void take_back(struct output *o, echo_diags *diags)
{
	if (o->backup) {
		char buf[TMP_BUF];
		char *backup = tmp_name(o, buf, o->backup == BACKUP_OLD);
		if (!backup || rename(backup, o->target) != 0)
			echo_diags_add(diags, ECHO_ERROR, o->path, 0, 0, "io",
			               "cannot put the previous file back: %s; it is kept as %s",
			               backup ? strerror(errno) : "out of memory",
			               backup ? backup : "a backup beside it");
		tmp_free(backup, buf);
		o->backup = BACKUP_NONE;
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
		if (check_input(item(set, i), diags) != 0)
			rc = -1;
	/* Streams first, with signals free (a FIFO may wait for a reader):
	 * what they took cannot be taken back, but then nothing is renamed. */
	for (size_t i = 0; rc == 0 && i < set->count; i++)
		if (is_stream(item(set, i)) && write_stream(item(set, i), diags) != 0)
			rc = -1;
	sigset_t old;
	echo_signals_hold(&old);
	for (size_t i = 0; rc == 0 && i < set->count; i++)
		if (item(set, i)->staged && put_in_place(item(set, i), diags) != 0)
			rc = -1;
	for (size_t i = set->count; rc != 0 && i-- > 0;)
		if (item(set, i)->committed)
			take_back(item(set, i), diags);
	for (size_t i = 0; i < set->count; i++) {
		struct output *o = item(set, i);
		if (o->backup && o->committed) {
			char buf[TMP_BUF];
			char *backup = tmp_name(o, buf, o->backup == BACKUP_OLD);
			if (backup)
				unlink(backup);
			tmp_free(backup, buf);
		}
		o->backup = BACKUP_NONE;
	}
	echo_signals_restore(&old);
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

/* The input budget: bytes every echo_file_read of this run may read
 * together, so that many inputs each under its own limit still cannot ask
 * for unbounded memory. */
static size_t budget = ECHO_INPUT_BUDGET_DEFAULT, budget_used;
/* The file that passed it: later files are not read at all. */
static char *budget_passer;

void echo_file_budget_set(size_t bytes)
{
	budget = bytes;
	budget_used = 0;
	free(budget_passer);
	budget_passer = NULL;
}

size_t echo_file_budget_used(void)
{
	return budget_used;
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
	/* The whole file is read into one buffer of its size: stdio's own
	 * buffer (and the fstat it sizes it by) would only copy it twice. */
	if (!is_stdin)
		setvbuf(f, NULL, _IONBF, 0);
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
	if (budget_passer) {
		echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "limit-budget",
		               "not read: %s took the inputs of this run past their budget of %zu "
		               "bytes", budget_passer, budget);
		if (!is_stdin)
			fclose(f);
		return NULL;
	}
	/* The most this file may hold: its own limit, and what is left of the
	 * budget; one byte past it is read to tell.  A regular file's buffer
	 * is its size (and one byte to see the end) from the start; others
	 * grow by doubling, never past what may be held. */
	size_t left = budget - budget_used;
	size_t allowed = max < left ? max : left;
	if (allowed > SIZE_MAX / 4)
		allowed = SIZE_MAX / 4;
	char *data = NULL;
	size_t n = 0, cap = 0;
	if (known && S_ISREG(st.st_mode) && st.st_size >= 0)
		cap = ((uintmax_t)st.st_size < allowed ? (size_t)st.st_size : allowed) + 1;
	for (;;) {
		if (!data || n == cap) {
			size_t want = !data ? (cap ? cap : 65536) : cap < 32768 ? 65536 : cap * 2;
			cap = want > allowed + 1 ? allowed + 1 : want;
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
		if (n > allowed) {
			if (n > max)
				echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "limit-size",
				               "input is larger than the limit of %zu bytes", max);
			else {
				echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "limit-budget",
				               "this file takes the inputs of this run past their budget "
				               "of %zu bytes (%zu read before it); set %s to allow more",
				               budget, budget_used, ECHO_INPUT_BUDGET_ENV);
				budget_passer = strdup(name);
			}
			free(data);
			data = NULL;
			break;
		}
		if (got == 0 || feof(f)) {
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
		budget_used += n;
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
