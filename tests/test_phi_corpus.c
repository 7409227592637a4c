/* Measures the PHI scanner on the labelled corpus in tests/phi/: recall
 * per category, for structured identifiers and for names and places, precision,
 * how many clean snippets get flagged, and how many identifiers redaction
 * would leave a word of readable.
 *
 * usage: test_phi_corpus [-v] FILE... [--heldout FILE...]
 *
 * Files before --heldout are gated by the targets below (exit 1 when one
 * is missed); held-out files are scored and printed but never gate, so
 * they stay a fair check on text the scanner was not tuned on.  -v lists
 * every miss and every spurious match.  Exit 2 on a malformed corpus. */
#include "echo/phi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECALL_STRUCTURED 0.99
#define RECALL_NAMES 0.97
#define CLEAN_FLAGGED_MAX 0.05
#define READABLE_MAX 0.02

typedef struct gold {
	int category;
	size_t start, end;
} gold;

typedef struct tally {
	size_t items[ECHO_PHI_CATEGORY_COUNT];
	size_t found[ECHO_PHI_CATEGORY_COUNT];
	size_t matches[ECHO_PHI_CATEGORY_COUNT];
	size_t spurious[ECHO_PHI_CATEGORY_COUNT];
	size_t phi_blocks, clean_blocks, clean_flagged;
	/* Gold items with a word (a run of letters and digits) that no match
	 * covers: what redaction would leave readable. */
	size_t readable;
} tally;

static int verbose;

static void die(const char *path, size_t line, const char *msg)
{
	fprintf(stderr, "test_phi_corpus: %s:%zu: %s\n", path, line, msg);
	exit(2);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf) {
			fprintf(stderr, "test_phi_corpus: out of memory\n");
			exit(2);
		}
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		cap *= 2;
		buf = realloc(buf, cap);
	}
	if (ferror(f)) {
		perror(path);
		exit(2);
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int names_alike(int a, int b)
{
	int na = a == ECHO_PHI_NAME || a == ECHO_PHI_PLACE;
	int nb = b == ECHO_PHI_NAME || b == ECHO_PHI_PLACE;
	return a == b || (na && nb);
}

static size_t line_of(const char *text, size_t off, size_t first_line)
{
	size_t line = first_line;
	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

static void show(const char *what, const char *path, size_t line, int cat,
                 const char *text, size_t start, size_t end)
{
	printf("  %s:%zu: %s %s \"%.*s\"\n", path, line, what,
	       echo_phi_rule((echo_phi_category)cat), (int)(end - start),
	       text + start);
}

/* Strips the [[category:text]] markup from raw[0..n) into text and gold. */
static size_t strip_markup(const char *path, size_t line, const char *raw,
                           size_t n, char *text, gold *g, size_t *ng)
{
	size_t out = 0;
	*ng = 0;
	for (size_t i = 0; i < n;) {
		if (raw[i] == '[' && i + 1 < n && raw[i + 1] == '[') {
			size_t c = i + 2, colon = c;
			while (colon < n && raw[colon] != ':' && raw[colon] != ']')
				colon++;
			if (colon >= n || raw[colon] != ':')
				die(path, line, "markup without a category");
			char name[32] = "phi-";
			size_t cl = colon - c;
			if (cl == 0 || cl > sizeof name - 5)
				die(path, line, "bad category in markup");
			memcpy(name + 4, raw + c, cl);
			name[4 + cl] = '\0';
			int cat = echo_phi_category_from_rule(name);
			if (cat < 0)
				die(path, line, "unknown category in markup");
			size_t j = colon + 1, start = out;
			while (j + 1 < n && !(raw[j] == ']' && raw[j + 1] == ']')) {
				if (raw[j] == '[' && raw[j + 1] == '[')
					die(path, line, "nested markup");
				text[out++] = raw[j++];
			}
			if (j + 1 >= n)
				die(path, line, "unclosed markup");
			if (out == start)
				die(path, line, "empty markup");
			g[*ng].category = cat;
			g[*ng].start = start;
			g[*ng].end = out;
			(*ng)++;
			i = j + 2;
			continue;
		}
		text[out++] = raw[i++];
	}
	text[out] = '\0';
	return out;
}

static int word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Words a gold span may include that identify no one: honorifics, and
 * the little words of "the 14th of March", "last Thursday", "95 years
 * old", "Mr. and Mrs. Whitfield".  Redaction may leave them. */
static int filler_word(const char *w, size_t n)
{
	static const char *const fillers[] = {
		"mr", "mrs", "ms", "mx", "miss", "dr", "the", "of", "in", "on",
		"at", "and", "last", "years", "year", "old", "a", NULL,
	};
	for (const char *const *f = fillers; *f; f++) {
		size_t k = 0;
		while (k < n && (*f)[k] && ((w[k] | 0x20) == (*f)[k]))
			k++;
		if (k == n && (*f)[k] == '\0')
			return 1;
	}
	return 0;
}

/* Does text[a..e) hold a word, other than a filler, that the matches do
 * not cover whole? */
static int readable_word(const char *text, size_t a, size_t e,
                         const echo_phi_matches *m)
{
	size_t i = a;
	while (i < e) {
		if (!word_byte((unsigned char)text[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < e && word_byte((unsigned char)text[j]))
			j++;
		int covered = filler_word(text + i, j - i);
		for (size_t k = 0; k < m->count && !covered; k++)
			covered = m->items[k].start <= i && j <= m->items[k].end;
		if (!covered)
			return 1;
		i = j;
	}
	return 0;
}

static void score_block(const char *path, size_t first_line, int is_clean,
                        const char *raw, size_t n, tally *t)
{
	char *text = malloc(n + 1);
	gold *g = malloc((n / 4 + 1) * sizeof *g);
	if (!text || !g) {
		fprintf(stderr, "test_phi_corpus: out of memory\n");
		exit(2);
	}
	size_t ng, len = strip_markup(path, first_line, raw, n, text, g, &ng);
	if (is_clean && ng)
		die(path, first_line, "a clean block has markup");
	if (!is_clean && !ng)
		die(path, first_line, "a phi block has no markup");
	echo_phi_matches m = ECHO_PHI_MATCHES_INIT;
	if (echo_phi_scan(text, len, &m) != 0) {
		fprintf(stderr, "test_phi_corpus: scan failed\n");
		exit(2);
	}
	for (size_t i = 0; i < m.count; i++) {
		const echo_phi_match *x = &m.items[i];
		if (x->start >= x->end || x->end > len ||
		    (i > 0 && x->start < m.items[i - 1].end)) {
			fprintf(stderr, "%s:%zu: matches out of order or overlapping\n",
			        path, first_line);
			exit(1);
		}
	}
	if (is_clean) {
		t->clean_blocks++;
		t->clean_flagged += m.count > 0;
	} else {
		t->phi_blocks++;
	}
	for (size_t k = 0; k < ng; k++) {
		int hit = 0;
		for (size_t i = 0; i < m.count && !hit; i++) {
			const echo_phi_match *x = &m.items[i];
			hit = x->start < g[k].end && g[k].start < x->end &&
			      names_alike((int)x->category, g[k].category);
		}
		t->items[g[k].category]++;
		t->found[g[k].category] += hit;
		if (readable_word(text, g[k].start, g[k].end, &m)) {
			t->readable++;
			if (verbose)
				show("readable", path, line_of(text, g[k].start, first_line),
				     g[k].category, text, g[k].start, g[k].end);
		}
		if (!hit && verbose)
			show("missed", path, line_of(text, g[k].start, first_line),
			     g[k].category, text, g[k].start, g[k].end);
	}
	for (size_t i = 0; i < m.count; i++) {
		const echo_phi_match *x = &m.items[i];
		int overlaps = 0;
		for (size_t k = 0; k < ng && !overlaps; k++)
			overlaps = x->start < g[k].end && g[k].start < x->end;
		t->matches[x->category]++;
		if (!overlaps) {
			t->spurious[x->category]++;
			if (verbose)
				show("spurious", path, line_of(text, x->start, first_line),
				     (int)x->category, text, x->start, x->end);
		}
	}
	echo_phi_matches_free(&m);
	free(text);
	free(g);
}

static int blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static void score_file(const char *path, tally *t)
{
	size_t len;
	char *buf = read_file(path, &len);
	size_t pos = 0, line = 1;
	while (pos < len) {
		/* Skip blank lines, then take lines up to the next blank one. */
		size_t eol = pos;
		while (eol < len && buf[eol] != '\n')
			eol++;
		if (blank_line(buf + pos, eol - pos)) {
			pos = eol + 1;
			line++;
			continue;
		}
		size_t block = pos, block_line = line, end = pos;
		while (end < len) {
			size_t e = end;
			while (e < len && buf[e] != '\n')
				e++;
			if (blank_line(buf + end, e - end))
				break;
			end = e < len ? e + 1 : e;
			line++;
		}
		size_t first_eol = block;
		while (first_eol < end && buf[first_eol] != '\n')
			first_eol++;
		int is_phi = strncmp(buf + block, "# phi", 5) == 0;
		int is_clean = strncmp(buf + block, "# clean", 7) == 0;
		if (!is_phi && !is_clean) {
			for (size_t q = block; q < end; q++)
				if ((q == block || buf[q - 1] == '\n') && buf[q] != '#')
					die(path, block_line, "block without a # phi or # clean line");
			pos = end;
			continue;
		}
		size_t body = first_eol < end ? first_eol + 1 : end;
		size_t body_len = end - body;
		while (body_len > 0 && (buf[body + body_len - 1] == '\n' ||
		                        buf[body + body_len - 1] == '\r'))
			body_len--;
		if (body_len == 0)
			die(path, block_line, "empty block");
		score_block(path, block_line + 1, is_clean, buf + body, body_len, t);
		pos = end;
	}
	free(buf);
}

static int structured(int c)
{
	return c != ECHO_PHI_NAME && c != ECHO_PHI_PLACE;
}

/* Prints the table; returns the number of targets missed. */
static int report(const char *title, const tally *t, int gate)
{
	int failures = 0;
	size_t items = 0, found = 0, matches = 0, spurious = 0;
	size_t s_items = 0, s_found = 0, n_items = 0, n_found = 0;
	printf("\n%s: %zu snippets with PHI, %zu clean\n", title, t->phi_blocks,
	       t->clean_blocks);
	printf("%-12s %6s %6s %7s %8s %9s %10s\n", "category", "items", "found",
	       "recall", "matches", "spurious", "precision");
	for (int c = 0; c < ECHO_PHI_CATEGORY_COUNT; c++) {
		const char *rule = echo_phi_rule((echo_phi_category)c);
		double recall = t->items[c] ? (double)t->found[c] / (double)t->items[c] : 0;
		double prec = t->matches[c]
		                      ? 1.0 - (double)t->spurious[c] / (double)t->matches[c]
		                      : 1.0;
		printf("%-12s %6zu %6zu %7.3f %8zu %9zu %10.3f\n", rule, t->items[c],
		       t->found[c], recall, t->matches[c], t->spurious[c], prec);
		items += t->items[c];
		found += t->found[c];
		matches += t->matches[c];
		spurious += t->spurious[c];
		size_t *gi = structured(c) ? &s_items : &n_items;
		size_t *gf = structured(c) ? &s_found : &n_found;
		*gi += t->items[c];
		*gf += t->found[c];
		if (gate && t->items[c] == 0) {
			printf("FAIL: the corpus has no %s items\n", rule);
			failures++;
		}
	}
	printf("%-12s %6zu %6zu %7.3f %8zu %9zu %10.3f\n", "all", items, found,
	       items ? (double)found / (double)items : 0, matches, spurious,
	       matches ? 1.0 - (double)spurious / (double)matches : 1.0);
	double s_recall = s_items ? (double)s_found / (double)s_items : 0;
	double n_recall = n_items ? (double)n_found / (double)n_items : 0;
	double readable = items ? (double)t->readable / (double)items : 0;
	printf("recall, structured identifiers: %zu of %zu (%.3f)\n", s_found,
	       s_items, s_recall);
	printf("recall, names and places: %zu of %zu (%.3f)\n", n_found, n_items,
	       n_recall);
	printf("identifiers with a word left readable after redaction: %zu of %zu "
	       "(%.1f%%)\n", t->readable, items, 100.0 * readable);
	if (gate && s_recall < RECALL_STRUCTURED) {
		printf("FAIL: structured recall %.3f is below %.2f\n", s_recall,
		       RECALL_STRUCTURED);
		failures++;
	}
	if (gate && n_recall < RECALL_NAMES) {
		printf("FAIL: name and place recall %.3f is below %.2f\n", n_recall,
		       RECALL_NAMES);
		failures++;
	}
	if (gate && readable > READABLE_MAX) {
		printf("FAIL: %.1f%% of identifiers left readable, above %.0f%%\n",
		       100.0 * readable, 100.0 * READABLE_MAX);
		failures++;
	}
	double flagged = t->clean_blocks ? (double)t->clean_flagged / (double)t->clean_blocks : 0;
	printf("clean snippets flagged: %zu of %zu (%.1f%%)\n", t->clean_flagged,
	       t->clean_blocks, 100.0 * flagged);
	if (gate && t->clean_blocks == 0) {
		printf("FAIL: the corpus has no clean snippets\n");
		failures++;
	} else if (gate && flagged > CLEAN_FLAGGED_MAX) {
		printf("FAIL: %.1f%% of clean snippets flagged, above %.0f%%\n",
		       100.0 * flagged, 100.0 * CLEAN_FLAGGED_MAX);
		failures++;
	}
	return failures;
}

int main(int argc, char **argv)
{
	tally gated, heldout;
	memset(&gated, 0, sizeof gated);
	memset(&heldout, 0, sizeof heldout);
	int in_heldout = 0, nfiles = 0, nheld = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") == 0) {
			verbose = 1;
		} else if (strcmp(argv[i], "--heldout") == 0) {
			in_heldout = 1;
		} else if (in_heldout) {
			score_file(argv[i], &heldout);
			nheld++;
		} else {
			score_file(argv[i], &gated);
			nfiles++;
		}
	}
	if (nfiles == 0) {
		fprintf(stderr, "usage: test_phi_corpus [-v] FILE... [--heldout FILE...]\n");
		return 2;
	}
	int failures = report("corpus (gated)", &gated, 1);
	if (nheld)
		report("held-out corpus (reported, not gated)", &heldout, 0);
	return failures ? 1 : 0;
}
