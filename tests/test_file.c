/* Output safety through the library: a set of outputs rolls back when one
 * cannot be put in place, ECHO_OUTPUT_CREATE never replaces a file that
 * appears meanwhile, links are written through, and an input is refused
 * by any name. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <echo/file.h>

#include "testutil.h"

static char dir[64];

static char *path_of(const char *name)
{
	static char buf[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static void put(const char *name, const char *text)
{
	FILE *f = fopen(path_of(name), "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The file's text, or "" when it cannot be read. */
static const char *text_of(const char *name)
{
	static char buf[256];
	buf[0] = '\0';
	FILE *f = fopen(path_of(name), "r");
	if (f) {
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
	}
	return buf;
}

static int entries(void)
{
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static int has_rule(const echo_diags *diags, const char *rule)
{
	for (size_t i = 0; i < diags->count; i++)
		if (diags->items[i].rule && strcmp(diags->items[i].rule, rule) == 0)
			return 1;
	return 0;
}

/* Three pages, two of which replace files; the one named in_the_way gets
 * a folder in its place after staging, so its rename fails at commit:
 * the others are rolled back, the folder is as it was. */
static void test_rollback(const char *in_the_way)
{
	put("a.md", "old a\n");
	put("b.md", "old b\n");
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_output *set = echo_output_new();
	CHECK(set != NULL);
	CHECK_INT(echo_output_add(set, path_of("a.md"), "new a\n", 6, 0, &diags), 0);
	CHECK_INT(echo_output_add(set, path_of("c.md"), "new c\n", 6, 0, &diags), 0);
	CHECK_INT(echo_output_add(set, path_of("b.md"), "new b\n", 6, 0, &diags), 0);
	CHECK_INT(entries(), 5); /* two files, three staged */
	if (strcmp(in_the_way, "c.md") == 0) {
		CHECK_INT(mkdir(path_of("c.md"), 0755), 0);
	} else {
		CHECK_INT(unlink(path_of(in_the_way)), 0);
		CHECK_INT(mkdir(path_of(in_the_way), 0755), 0);
	}
	CHECK_INT(echo_output_commit(set, &diags), -1);
	CHECK(diags.errors > 0);
	echo_output_free(set);
	CHECK_STR(text_of("a.md"), strcmp(in_the_way, "a.md") == 0 ? "" : "old a\n");
	CHECK_STR(text_of("b.md"), strcmp(in_the_way, "b.md") == 0 ? "" : "old b\n");
	struct stat st;
	CHECK_INT(stat(path_of(in_the_way), &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	/* a.md, b.md (one may be the folder), and c.md only if it is the
	 * folder: no backup, no temporary. */
	CHECK_INT(entries(), strcmp(in_the_way, "c.md") == 0 ? 3 : 2);
	rmdir(path_of(in_the_way));
	unlink(path_of("a.md"));
	unlink(path_of("b.md"));
	unlink(path_of("c.md"));
	echo_diags_free(&diags);
}

/* A set that goes in: every page new, no backup left. */
static void test_commit(void)
{
	put("a.md", "old a\n");
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_output *set = echo_output_new();
	CHECK_INT(echo_output_add(set, path_of("a.md"), "new a\n", 6, 0, &diags), 0);
	CHECK_INT(echo_output_add(set, path_of("b.md"), "new b\n", 6, 0, &diags), 0);
	CHECK_INT(echo_output_commit(set, &diags), 0);
	echo_output_free(set);
	CHECK_STR(text_of("a.md"), "new a\n");
	CHECK_STR(text_of("b.md"), "new b\n");
	CHECK_INT(entries(), 2);
	CHECK_INT(diags.count, 0);
	/* The same target twice in one set is refused. */
	set = echo_output_new();
	CHECK_INT(echo_output_add(set, path_of("a.md"), "x", 1, 0, &diags), 0);
	CHECK_INT(echo_output_add(set, path_of("./a.md"), "y", 1, 0, &diags), -1);
	echo_output_free(set);
	CHECK_STR(text_of("a.md"), "new a\n");
	unlink(path_of("a.md"));
	unlink(path_of("b.md"));
	echo_diags_free(&diags);
}

/* Thousands of outputs in one set: each found by its path, a second one
 * to a target or a file refused with the first one's name, nothing left
 * staged after the set is freed. */
static void test_many(void)
{
	put("old.md", "old\n");
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_output *set = echo_output_new();
	char name[32];
	for (int i = 0; i < 3000; i++) {
		snprintf(name, sizeof name, "p%04d.md", i);
		CHECK_INT(echo_output_add(set, path_of(name), "x", 1, 0, &diags), 0);
	}
	CHECK_INT(echo_output_add(set, path_of("old.md"), "y", 1, 0, &diags), 0);
	CHECK_INT(entries(), 3002);
	CHECK(echo_output_has(set, path_of("p0000.md")));
	CHECK(echo_output_has(set, path_of("p2999.md")));
	CHECK(!echo_output_has(set, path_of("p3000.md")));
	CHECK(!echo_output_has(set, path_of("./p0007.md")));
	/* The same target again, and the same file by another name. */
	CHECK_INT(echo_output_add(set, path_of("p0007.md"), "z", 1, 0, &diags), -1);
	CHECK(link(path_of("old.md"), path_of("hard.md")) == 0);
	CHECK_INT(echo_output_add(set, path_of("hard.md"), "z", 1, 0, &diags), -1);
	CHECK_INT(diags.count, 2);
	if (diags.count == 2) {
		CHECK(strstr(diags.items[0].message, "p0007.md") != NULL);
		CHECK(strstr(diags.items[1].message, "old.md") != NULL);
	}
	echo_output_free(set);
	CHECK_INT(entries(), 2);
	unlink(path_of("old.md"));
	unlink(path_of("hard.md"));
	echo_diags_free(&diags);
}

/* ECHO_OUTPUT_CREATE: a file that appears between staging and commit is
 * kept, and so is one already there. */
static void test_create(void)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_output *set = echo_output_new();
	CHECK_INT(echo_output_add(set, path_of("new.yaml"), "scaffold\n", 9, ECHO_OUTPUT_CREATE,
	                          &diags), 0);
	put("new.yaml", "mine\n");
	CHECK_INT(echo_output_commit(set, &diags), -1);
	echo_output_free(set);
	CHECK_STR(text_of("new.yaml"), "mine\n");
	CHECK(diags.count && strstr(diags.items[diags.count - 1].message, "already exists"));
	CHECK_INT(echo_file_write_flags(path_of("new.yaml"), "x", 1, ECHO_OUTPUT_CREATE, &diags), -1);
	CHECK_STR(text_of("new.yaml"), "mine\n");
	CHECK_INT(entries(), 1);
	unlink(path_of("new.yaml"));
	CHECK_INT(echo_file_write_flags(path_of("new.yaml"), "x\n", 2, ECHO_OUTPUT_CREATE, &diags), 0);
	CHECK_STR(text_of("new.yaml"), "x\n");
	unlink(path_of("new.yaml"));
	echo_diags_free(&diags);
}

/* A link is written through: its target changes, the link stays, the
 * temporary was beside the target. */
static void test_links(void)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	put("target.md", "old\n");
	CHECK_INT(symlink("target.md", path_of("link.md")), 0);
	CHECK_INT(symlink("missing.md", path_of("dangling.md")), 0);
	CHECK_INT(echo_file_write(path_of("link.md"), "new\n", 4, &diags), 0);
	CHECK_INT(echo_file_write(path_of("dangling.md"), "made\n", 5, &diags), 0);
	struct stat st;
	CHECK(lstat(path_of("link.md"), &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(lstat(path_of("dangling.md"), &st) == 0 && S_ISLNK(st.st_mode));
	CHECK_STR(text_of("target.md"), "new\n");
	CHECK_STR(text_of("missing.md"), "made\n");
	CHECK_INT(entries(), 4);
	CHECK_INT(diags.count, 0);
	unlink(path_of("target.md"));
	unlink(path_of("link.md"));
	unlink(path_of("dangling.md"));
	unlink(path_of("missing.md"));
	echo_diags_free(&diags);
}

/* What was read is an input: refused by its name, a hard link, a symbolic
 * link; a protected file too, before it is read. */
static void test_inputs(void)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	put("in.yaml", "input\n");
	put("later.yaml", "later\n");
	CHECK_INT(link(path_of("in.yaml"), path_of("hard.yaml")), 0);
	CHECK_INT(symlink("in.yaml", path_of("soft.yaml")), 0);
	char *text = echo_file_read(path_of("in.yaml"), 1024, NULL, &diags);
	CHECK(text != NULL);
	free(text);
	CHECK_INT(echo_file_protect(path_of("later.yaml")), 0);
	CHECK_INT(echo_file_protect(path_of("absent.yaml")), 0);
	const char *targets[] = {"in.yaml", "hard.yaml", "soft.yaml", "later.yaml"};
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		echo_diags d = ECHO_DIAGS_INIT;
		CHECK_INT(echo_file_check(path_of(targets[i]), &d), -1);
		CHECK_INT(echo_file_write(path_of(targets[i]), "out\n", 4, &d), -1);
		CHECK(has_rule(&d, "overwrite-input"));
		echo_diags_free(&d);
	}
	CHECK_STR(text_of("in.yaml"), "input\n");
	CHECK_STR(text_of("later.yaml"), "later\n");
	CHECK_INT(echo_file_write(path_of("absent.yaml"), "out\n", 4, &diags), 0);
	CHECK_INT(entries(), 5);
	echo_file_protect_clear();
	CHECK_INT(echo_file_write(path_of("later.yaml"), "out\n", 4, &diags), 0);
	CHECK_STR(text_of("later.yaml"), "out\n");
	const char *all[] = {"in.yaml", "hard.yaml", "soft.yaml", "later.yaml", "absent.yaml"};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		unlink(path_of(all[i]));
	CHECK_INT(diags.errors, 0);
	echo_diags_free(&diags);
}

/* Hundreds of inputs (the set of them grows and is rehashed): each is
 * refused as an output, even one it learns of after the output was
 * staged, and none once they are forgotten. */
static void test_many_inputs(void)
{
	echo_diags diags = ECHO_DIAGS_INIT;
	char name[32];
	for (int i = 0; i < 500; i++) {
		snprintf(name, sizeof name, "in%03d.yaml", i);
		put(name, "input\n");
		CHECK_INT(echo_file_protect(path_of(name)), 0);
	}
	put("late.yaml", "late\n");
	echo_output *set = echo_output_new();
	for (int i = 0; i < 500; i += 7) {
		snprintf(name, sizeof name, "in%03d.yaml", i);
		CHECK_INT(echo_output_add(set, path_of(name), "out\n", 4, 0, &diags), -1);
	}
	CHECK_INT(diags.errors, 72);
	CHECK(has_rule(&diags, "overwrite-input"));
	echo_diags_free(&diags);
	CHECK_INT(echo_output_add(set, path_of("late.yaml"), "out\n", 4, 0, &diags), 0);
	CHECK_INT(echo_file_protect(path_of("late.yaml")), 0);
	CHECK_INT(echo_output_commit(set, &diags), -1);
	CHECK(has_rule(&diags, "overwrite-input"));
	echo_output_free(set);
	CHECK_STR(text_of("late.yaml"), "late\n");
	CHECK_INT(entries(), 501);
	echo_diags_free(&diags);
	echo_file_protect_clear();
	CHECK_INT(echo_file_write(path_of("in499.yaml"), "out\n", 4, &diags), 0);
	CHECK_STR(text_of("in499.yaml"), "out\n");
	CHECK_INT(diags.errors, 0);
	for (int i = 0; i < 500; i++) {
		snprintf(name, sizeof name, "in%03d.yaml", i);
		unlink(path_of(name));
	}
	unlink(path_of("late.yaml"));
	echo_diags_free(&diags);
}

int main(void)
{
	snprintf(dir, sizeof dir, "%s/echo-file-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_rollback("c.md"); /* the last page, a new one */
	test_rollback("b.md"); /* the last page, a replacement */
	test_rollback("a.md"); /* the first */
	test_commit();
	test_many();
	test_create();
	test_links();
	test_inputs();
	test_many_inputs();
	rmdir(dir);
	TEST_EXIT();
}
