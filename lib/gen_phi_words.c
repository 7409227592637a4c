/* Build-time generator for the PHI scanner's word tables: reads the system
 * word list (Debian wamerican), the medical word list (Debian
 * hunspell-en-med) and lib/phi_lexicon.txt, writes phi_words.h.
 *
 * usage: gen_phi_words WORDS HUGE MEDICAL LEXICON NAMES GEONAMES LANGUAGES OUTPUT
 *                      [[--marked | --project] FOREIGN...]
 *
 * HUGE is the largest SCOWL list (Debian wamerican-huge): only its
 * lower-case words are taken, so that an everyday word the small list
 * lacks (waitlist, prescriber) is not taken for a name.
 *
 * NAMES is Text/Names.pm (Debian libtext-names-perl), whose here-documents
 * hold the US Census 1990 lists of given names and surnames; GEONAMES is
 * the English catalogue geonames.mo (Debian libgeonames-common), whose
 * translations are the GeoNames names of countries, regions and cities
 * (the cities' names of several words go to a set of their own, which
 * the scanner matches as runs of words: "Toms River", "Sierra Vista").
 * LANGUAGES is iso_639-2.json (Debian iso-codes): the one-word names of
 * languages (Oromo, Chamorro, Marshallese) are soft words, not names
 * alone, unless the census lists hold them as names; so, after the
 * option --countries, are the one-word names and common names of the
 * countries of iso_3166-1.json (Ghana, Eritrea; not Jordan or Chad).
 *
 * Each FOREIGN is a word list of another language: its lower-case words
 * that no English list knows go to a set of their own, which the scanner
 * consults for lower-case words only, so that "las pastillas de la
 * farmacia" is not a run of unknown words while a capitalised "Lucero" is
 * still one.  A FOREIGN is a plain list, one word a line (Debian wspanish,
 * wfrench, wportuguese, wbrazilian: /usr/share/dict/...), or a hunspell
 * .dic (hunspell-vi, myspell-tl, hunspell-sw: a count, then "word/FLAGS";
 * the stems only, Latin-1 read as such).  Two options go before a FOREIGN:
 *   --marked   only its words with a letter outside ASCII (Vietnamese:
 *              "cảm", "chị", but not "thanh" or "linh", which are names
 *              as often as words when written without their marks);
 *   --project  the project's own list of everyday words of languages no
 *              package covers (lib/phi_languages.txt: "#" comments, words
 *              separated by spaces, "@soft" before the words that are
 *              safe capitalised too); a word of it that the census lists
 *              hold as a given name or surname stops the build, so that
 *              the list cannot hide a name.
 *
 * The word list tells the scanner which capitalised words are proper nouns
 * (Marcus, Gallup) and which are also everyday words (Will, Hope, Grant);
 * the medical list, which words it does not know are clinical vocabulary
 * (tricuspid, xylazine) rather than names; the lexicon adds the
 * clinical allow list and the context keywords.  Words are stored as 32-bit
 * hashes; the seed is chosen so that no two distinct words collide. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phi_hash.h"

enum {
	WF_PROPER = 1,
	WF_COMMON = 2,
	WF_HARD = 4,
	WF_SOFT = 8,
	/* Only while reading: from the medical list. */
	WF_MED_LOWER = 16,
	WF_GIVEN = 32,          /* a given name in the census lists */
	WF_SURNAME = 64,        /* a surname in the census lists */
	WF_GEO = 128,           /* a place name in GeoNames */
	/* Only while reading: a lower-case word of the large list. */
	WF_HUGE_LOWER = 256,
	/* Only while reading: a language in ISO 639-2, soft unless a name. */
	WF_LANG = 512,
	/* Only while reading: a lower-case word of another language's list. */
	WF_FOREIGN_LOWER = 1024,
	/* Only while reading: a word of the project's list of other
	 * languages, which must not be a census name. */
	WF_PROJECT = 2048,
	/* Only while reading: a country in ISO 3166-1, soft unless a name. */
	WF_COUNTRY = 4096,
};
/* Words only in a membership set (the medical list, the large list): a
 * hash clash there only makes an unknown word look like a word, so the
 * seed need not avoid it. */
#define WF_SET (WF_MED_LOWER | WF_HUGE_LOWER | WF_FOREIGN_LOWER)
#define WF_KNOWN (WF_PROPER | WF_COMMON | WF_HARD | WF_SOFT | WF_GIVEN | \
                  WF_SURNAME | WF_GEO)

#define MAX_KW_NAMES 64

typedef struct entry {
	char *key;              /* lowercased */
	char *word;             /* as first written in the lexicon */
	unsigned dflags;
	uint64_t kw;            /* bit i: kw_names[i] */
	unsigned value;
	uint32_t hash;
	int foreign;            /* in the foreign set (write_header) */
} entry;

static entry *entries;
static size_t n_entries, cap_entries;
static char *kw_names[MAX_KW_NAMES];
static size_t n_kw_names;

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "gen_phi_words: %s%s%s\n", msg, arg ? ": " : "",
	        arg ? arg : "");
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory", NULL);
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static entry *add_entry(const char *word, size_t len)
{
	if (n_entries == cap_entries) {
		cap_entries = cap_entries ? cap_entries * 2 : 4096;
		entry *grown = realloc(entries, cap_entries * sizeof *entries);
		if (!grown)
			die("out of memory", NULL);
		entries = grown;
	}
	entry *e = &entries[n_entries++];
	memset(e, 0, sizeof *e);
	e->word = xstrndup(word, len);
	e->key = xstrndup(word, len);
	for (char *p = e->key; *p; p++) {
		*p = (char)phi_hash_lower((unsigned char)*p);
		if ((unsigned char)p[0] == 0xC3 && phi_latin1_upper((unsigned char)p[1]))
			p[1] = (char)((unsigned char)p[1] + 0x20);
	}
	return e;
}

static int is_upper_initial(const unsigned char *w)
{
	if (w[0] >= 'A' && w[0] <= 'Z')
		return 1;
	/* Latin-1 capitals in UTF-8: C3 80..C3 9E, except the multiplication
	 * sign C3 97. */
	return w[0] == 0xC3 && w[1] >= 0x80 && w[1] <= 0x9E && w[1] != 0x97;
}

static void read_dict(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("cannot open the dictionary (install Debian package wamerican)",
		    path);
	char line[512];
	while (fgets(line, sizeof line, f)) {
		size_t len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (len == 0)
			continue;
		/* Possessives are stripped by the scanner before lookup. */
		if (len > 2 && line[len - 2] == '\'' && line[len - 1] == 's')
			continue;
		size_t upper = 0, lower = 0;
		for (size_t i = 0; i < len; i++) {
			if (line[i] >= 'A' && line[i] <= 'Z')
				upper++;
			else if (line[i] >= 'a' && line[i] <= 'z')
				lower++;
		}
		/* Acronyms: the scanner never takes an all-capitals word for a
		 * name, so they would only add collisions. */
		if (upper >= 2 && lower == 0)
			continue;
		entry *e = add_entry(line, len);
		e->dflags = is_upper_initial((const unsigned char *)line)
		                    ? WF_PROPER : WF_COMMON;
	}
	if (ferror(f))
		die("read error", path);
	fclose(f);
}

static char *next_word(char **p);

/* The code point of the UTF-8 sequence at w, and its length in *n; a
 * byte that starts no valid sequence is itself (Latin-1), length 1. */
static unsigned utf8_decode(const unsigned char *w, size_t *n)
{
	if (w[0] < 0x80) {
		*n = 1;
		return w[0];
	}
	size_t len = w[0] >= 0xF0 ? 4 : w[0] >= 0xE0 ? 3 : w[0] >= 0xC2 ? 2 : 0;
	unsigned cp = len == 4 ? w[0] & 0x07u : len == 3 ? w[0] & 0x0Fu : w[0] & 0x1Fu;
	for (size_t k = 1; k < len; k++) {
		if ((w[k] & 0xC0) != 0x80) {
			len = 0;
			break;
		}
		cp = cp << 6 | (w[k] & 0x3Fu);
	}
	if (len == 0) {
		*n = 1;
		return w[0];
	}
	*n = len;
	return cp;
}

/* Is the line valid UTF-8?  Hunspell dictionaries of other languages may
 * be in Latin-1 (myspell-tl). */
static int utf8_valid(const unsigned char *w, size_t len)
{
	for (size_t k = 0; k < len;) {
		size_t n;
		unsigned cp = utf8_decode(w + k, &n);
		if (w[k] >= 0x80 && n == 1)
			return 0;
		(void)cp;
		k += n;
	}
	return 1;
}

/* A capital letter of the Latin scripts: Latin-1, Latin Extended-A and B
 * (the pairs), Vietnamese's Ơ and Ư, Latin Extended Additional (Ả, Ệ). */
static int cp_upper(unsigned cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return 1;
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;
	if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
		return cp % 2 == 0;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp % 2 == 1;
	if (cp == 0x178 || cp == 0x1A0 || cp == 0x1AF)
		return 1;
	if (cp >= 0x1E00 && cp <= 0x1EFF)
		return cp % 2 == 0;
	return 0;
}

/* Is the word a lower-case word of letters: no capital anywhere, and a
 * letter first? */
static int lower_word(const unsigned char *w, size_t len)
{
	size_t n;
	unsigned first = utf8_decode(w, &n);
	if (!((first >= 'a' && first <= 'z') || first >= 0xDF))
		return 0;
	for (size_t k = 0; k < len; k += n)
		if (cp_upper(utf8_decode(w + k, &n)))
			return 0;
	return 1;
}

/* The lower-case words of a larger word list, as everyday words (fl is
 * WF_HUGE_LOWER), or of another language's list (WF_FOREIGN_LOWER, with
 * WF_PROJECT for the project's own).  marked keeps only the words with a
 * letter outside ASCII. */
static void read_dict_lower(const char *path, unsigned fl, int marked)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die(fl == WF_HUGE_LOWER
		            ? "cannot open the word list (install Debian package "
		              "wamerican-huge)"
		            : "cannot open the word list of another language (see the "
		              "list of packages in lib/meson.build)", path);
	size_t plen = strlen(path);
	int hunspell = plen > 4 && strcmp(path + plen - 4, ".dic") == 0;
	int project = (fl & WF_PROJECT) != 0;
	char line[1024];
	unsigned lineno = 0;
	unsigned soft = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		/* A hunspell .dic: the first line is the count; a word's flags
		 * follow a slash.  The project's list: "#" starts a comment, and
		 * "@soft" ("@words") starts words that are safe capitalised
		 * too, as soft words of the allow list are (the concepts and
		 * ceremonies people write with a capital: "the Himdag", "our
		 * Kuleana"), or only as words of the set, as before. */
		if (hunspell && lineno == 1)
			continue;
		if (project && line[0] == '@') {
			if (strncmp(line, "@soft", 5) == 0)
				soft = WF_SOFT;
			else if (strncmp(line, "@words", 6) == 0)
				soft = 0;
			else
				die("unknown directive in the list of other languages", line);
			continue;
		}
		size_t len = strcspn(line, project ? "\r\n#" : hunspell ? "/\r\n\t " : "\r\n");
		line[len] = '\0';
		char conv[2048];
		char *rest = line;
		if (!utf8_valid((const unsigned char *)line, len)) {
			size_t o = 0;
			for (size_t k = 0; k < len; k++) {
				unsigned char c = (unsigned char)line[k];
				if (c < 0x80) {
					conv[o++] = (char)c;
				} else {
					conv[o++] = (char)(0xC0 | c >> 6);
					conv[o++] = (char)(0x80 | (c & 0x3F));
				}
			}
			conv[o] = '\0';
			rest = conv;
		}
		for (char *w = project ? next_word(&rest) : rest; w && *w;
		     w = project ? next_word(&rest) : NULL) {
			size_t n = strlen(w);
			if (project && !lower_word((const unsigned char *)w, n)) {
				fprintf(stderr, "%s:%u: \"%s\": the words of other "
				        "languages are written in lower case\n", path,
				        lineno, w);
				exit(1);
			}
			if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's')
				continue;
			if (!lower_word((const unsigned char *)w, n) ||
			    ((fl & WF_HUGE_LOWER) && (unsigned char)w[0] >= 0x80))
				continue;
			if (marked) {
				int outside = 0;
				for (size_t k = 0; k < n; k++)
					outside |= (unsigned char)w[k] >= 0x80;
				if (!outside)
					continue;
			}
			entry *e = add_entry(w, n);
			e->dflags = fl | soft;
		}
	}
	if (ferror(f))
		die("read error", path);
	fclose(f);
}

/* A hunspell .dic file: a count, indented header lines, then "word/FLAGS".
 * Only words the general word list lacks are kept (see write_header). */
static void read_medical(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("cannot open the medical word list (install Debian package "
		    "hunspell-en-med)", path);
	char line[512];
	while (fgets(line, sizeof line, f)) {
		size_t len = strcspn(line, "/\r\n");
		line[len] = '\0';
		if (len == 0 || line[0] == ' ' || line[0] == '\t' ||
		    strchr(line, ' '))
			continue;
		if (strspn(line, "0123456789") == len)
			continue;
		if (line[len - 1] == '\'' ||
		    (len > 2 && line[len - 2] == '\'' && line[len - 1] == 's'))
			continue;
		/* Capitalised entries are brands but also eponyms, that is
		 * surnames (Winslow, Aarskog): a patient's relative may bear one,
		 * so only the lower-case vocabulary is taken. */
		if (is_upper_initial((const unsigned char *)line))
			continue;
		entry *e = add_entry(line, len);
		e->dflags = WF_MED_LOWER;
	}
	if (ferror(f))
		die("read error", path);
	fclose(f);
}

static void *read_all(const char *path, size_t *len, const char *package)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "gen_phi_words: cannot open %s (install Debian "
		        "package %s)\n", path, package);
		exit(1);
	}
	size_t cap = 1 << 20, n = 0;
	unsigned char *buf = xmalloc(cap);
	for (;;) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap);
		if (!buf)
			die("out of memory", NULL);
	}
	if (ferror(f))
		die("read error", path);
	fclose(f);
	*len = n;
	return buf;
}

/* Adds one name of a gazetteer with flag fl, if it is a single word of
 * letters (apostrophes and inner hyphens allowed). */
static void add_name(const char *w, size_t len, unsigned fl)
{
	if (len < 2 || len > 40)
		return;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)w[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80 ||
		      ((c == '-' || c == '\'') && i > 0 && i + 1 < len)))
			return;
	}
	entry *e = add_entry(w, len);
	e->dflags = fl;
}

/* Does the line p[0..n) contain the string w? */
static int line_has(const char *p, size_t n, const char *w)
{
	size_t l = strlen(w);
	for (size_t k = 0; k + l <= n; k++)
		if (memcmp(p + k, w, l) == 0)
			return 1;
	return 0;
}

/* Text/Names.pm: "$COMMON_SURNAMES = <<ENDNAMES;" and the like, then one
 * "NAME  freq cumfreq rank" per line (the surname list has a few lines
 * with two records) up to "ENDNAMES". */
static void read_names(const char *path)
{
	size_t len;
	char *buf = read_all(path, &len, "libtext-names-perl");
	unsigned fl = 0;
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && buf[e] != '\n')
			e++;
		char *line = buf + i;
		size_t n = e - i;
		if (n >= 8 && memcmp(line, "ENDNAMES", 8) == 0) {
			fl = 0;
		} else if (fl) {
			/* Upper-case words of the line are names. */
			size_t k = 0;
			while (k < n) {
				while (k < n && !(line[k] >= 'A' && line[k] <= 'Z'))
					k++;
				size_t a = k;
				while (k < n && line[k] >= 'A' && line[k] <= 'Z')
					k++;
				if (k > a)
					add_name(line + a, k - a, fl);
			}
		} else if (n > 10 && line[0] == '$' && line_has(line, n, "<<ENDNAMES")) {
			/* Within the line: the buffer is not cut at its end, and
			 * a search past it would find the surnames' header from
			 * the given names' and take every name for a surname. */
			fl = line_has(line, n, "SURNAMES") ? WF_SURNAME : WF_GIVEN;
		}
		i = e + 1;
	}
	free(buf);
}

static uint32_t mo_word(const unsigned char *p, int swap)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	             (uint32_t)p[3] << 24;
	if (swap)
		v = (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
	return v;
}

/* GeoNames' names of several words ("Toms River", "Sierra Vista"), as
 * lower-case keys with one space between the words: the cities only (an
 * original string of digits, a GeoNames id), less any name that is also
 * a country's or a region's ("New Mexico" is a state, no town).  They go
 * to a set of their own, hashed with the final seed (write_header). */
static char **phrases, **regions;
static size_t n_phrases, cap_phrases, n_regions, cap_regions;

static void push_key(char ***list, size_t *n, size_t *cap, const char *w,
                     size_t len)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		char **grown = realloc(*list, *cap * sizeof **list);
		if (!grown)
			die("out of memory", NULL);
		*list = grown;
	}
	/* The same folding as add_entry, and a quote mark as the scanner
	 * reads it (U+2018 and U+2019 are an apostrophe). */
	char *k = xmalloc(len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c == 0xE2 && i + 2 < len && (unsigned char)w[i + 1] == 0x80 &&
		    ((unsigned char)w[i + 2] == 0x98 || (unsigned char)w[i + 2] == 0x99)) {
			k[o++] = '\'';
			i += 2;
			continue;
		}
		if (c == 0xC3 && i + 1 < len && phi_latin1_upper((unsigned char)w[i + 1])) {
			k[o++] = (char)c;
			k[o++] = (char)((unsigned char)w[++i] + 0x20);
			continue;
		}
		k[o++] = (char)phi_hash_lower(c);
	}
	k[o] = '\0';
	(*list)[(*n)++] = k;
}

/* A name of two to four words of letters (inner hyphens and apostrophes
 * allowed), one space apart, each of three letters or more but for the
 * particles and little words of place names ("La Grange", "Lake in the
 * Hills"): "Ha Long", "Pa Sang" and their like read as words in English
 * notes. */
static int phrase_name(const char *w, size_t len)
{
	static const char *const little[] = {
		"la", "el", "de", "do", "da", "du", "le", "of", "in", "the", "del",
		"des", "los", "las", "san", "st", NULL,
	};
	size_t words = 0, i = 0;
	while (i < len) {
		size_t a = i;
		while (i < len && w[i] != ' ') {
			unsigned char c = (unsigned char)w[i];
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80 ||
			      ((c == '-' || c == '\'') && i > a && i + 1 < len && w[i + 1] != ' ')))
				return 0;
			i++;
		}
		if (i == a)
			return 0;
		if (i - a < 3) {
			int ok = 0;
			for (const char *const *l = little; *l && !ok; l++)
				ok = strlen(*l) == i - a &&
				     phi_hash_lower((unsigned char)w[a]) == (unsigned char)(*l)[0] &&
				     phi_hash_lower((unsigned char)w[a + 1]) == (unsigned char)(*l)[1];
			if (!ok)
				return 0;
		}
		words++;
		i++;
	}
	return words >= 2 && words <= 4 && w[len - 1] != ' ';
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A GNU gettext catalogue: magic, revision, count, offset of the original
 * strings' table, offset of the translations' table; each table entry is
 * a length and an offset.  The translations are the place names; an
 * original string of digits is a city's GeoNames id, others are codes of
 * countries ("PR") and regions ("US.NM"). */
static void read_geonames(const char *path)
{
	size_t len;
	unsigned char *buf = read_all(path, &len, "libgeonames-common");
	if (len < 20)
		die("not a gettext catalogue", path);
	int swap = 0;
	if (mo_word(buf, 0) == 0x950412deu)
		swap = 0;
	else if (mo_word(buf, 1) == 0x950412deu)
		swap = 1;
	else
		die("not a gettext catalogue", path);
	uint32_t count = mo_word(buf + 8, swap), table = mo_word(buf + 16, swap);
	uint32_t ids = mo_word(buf + 12, swap);
	if (table > len || count > (len - table) / 8 || ids > len ||
	    count > (len - ids) / 8)
		die("truncated catalogue", path);
	for (uint32_t k = 0; k < count; k++) {
		uint32_t n = mo_word(buf + table + 8 * k, swap);
		uint32_t off = mo_word(buf + table + 8 * k + 4, swap);
		uint32_t idn = mo_word(buf + ids + 8 * k, swap);
		uint32_t idoff = mo_word(buf + ids + 8 * k + 4, swap);
		if (off > len || n > len - off || idoff > len || idn > len - idoff)
			die("truncated catalogue", path);
		const char *w = (const char *)buf + off;
		add_name(w, n, WF_GEO);
		int city = idn > 0;
		for (uint32_t c = 0; c < idn && city; c++)
			city = buf[idoff + c] >= '0' && buf[idoff + c] <= '9';
		if (!city)
			push_key(&regions, &n_regions, &cap_regions, w, n);
		else if (memchr(w, ' ', n) && phrase_name(w, n))
			push_key(&phrases, &n_phrases, &cap_phrases, w, n);
	}
	free(buf);
	/* A city that shares its name with a country or a region is left
	 * out, and so is a name listed twice. */
	qsort(regions, n_regions, sizeof *regions, cmp_str);
	qsort(phrases, n_phrases, sizeof *phrases, cmp_str);
	size_t out = 0;
	for (size_t i = 0; i < n_phrases; i++) {
		if ((out > 0 && strcmp(phrases[out - 1], phrases[i]) == 0) ||
		    bsearch(&phrases[i], regions, n_regions, sizeof *regions, cmp_str)) {
			free(phrases[i]);
			continue;
		}
		phrases[out++] = phrases[i];
	}
	n_phrases = out;
}

static unsigned kw_index(const char *name)
{
	for (size_t i = 0; i < n_kw_names; i++)
		if (strcmp(kw_names[i], name) == 0)
			return (unsigned)i;
	if (n_kw_names == MAX_KW_NAMES)
		die("too many keyword classes", name);
	kw_names[n_kw_names] = xstrndup(name, strlen(name));
	return (unsigned)n_kw_names++;
}

/* The next space-separated word of *p, NUL-terminated in place, or NULL.
 * (Plain C11: the generator is built for the build machine without the
 * project's POSIX flags, so no strtok_r.) */
static char *next_word(char **p)
{
	char *s = *p;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	char *w = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = '\0';
	*p = s;
	return w;
}

static void read_lexicon(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("cannot open", path);
	char line[1024];
	unsigned cur_dflags = 0;
	uint64_t cur_kw = 0;
	unsigned cur_value = 0;
	int have_section = 0;
	unsigned lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		size_t len = strcspn(line, "\r\n#");
		line[len] = '\0';
		if (line[0] == '@') {
			have_section = 1;
			cur_dflags = 0;
			cur_kw = 0;
			cur_value = 0;
			char *rest = line;
			char *tok = next_word(&rest);
			if (strcmp(tok, "@hard") == 0) {
				cur_dflags = WF_HARD;
			} else if (strcmp(tok, "@soft") == 0) {
				cur_dflags = WF_SOFT;
			} else if (strcmp(tok, "@kw") == 0) {
				while ((tok = next_word(&rest))) {
					if (strncmp(tok, "value=", 6) == 0)
						cur_value = (unsigned)atoi(tok + 6);
					else
						cur_kw |= UINT64_C(1) << kw_index(tok);
				}
				if (!cur_kw)
					die("@kw without a class", path);
			} else {
				die("unknown directive", tok);
			}
			continue;
		}
		char *rest = line;
		for (char *tok = next_word(&rest); tok; tok = next_word(&rest)) {
			if (!have_section) {
				fprintf(stderr, "%s:%u: word before any section\n",
				        path, lineno);
				exit(1);
			}
			entry *e = add_entry(tok, strlen(tok));
			e->dflags = cur_dflags;
			e->kw = cur_kw;
			e->value = cur_value;
		}
	}
	if (ferror(f))
		die("read error", path);
	fclose(f);
}

static int cmp_key(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	return strcmp(x->key, y->key);
}

static int cmp_hash(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* Sorts by key and folds duplicates ("Will" and "will") into one entry. */
/* iso_639-2.json (languages) or iso_3166-1.json (countries): every
 * "name" or "common_name" value of one word, with flag. */
static void read_iso_names(const char *path, unsigned flag)
{
	size_t len;
	unsigned char *buf = read_all(path, &len, "iso-codes");
	static const char key[] = "name\": \"";
	const char *p = (const char *)buf, *end = p + len;
	while ((p = strstr(p, key)) != NULL) {
		/* "name" or "common_name", not "official_name". */
		int wanted = p > (const char *)buf && (p[-1] == '"' ||
		             (p - (const char *)buf >= 8 && strncmp(p - 8, "\"common_", 8) == 0));
		p += sizeof key - 1;
		if (!wanted)
			continue;
		const char *q = p;
		while (q < end && *q != '"' && *q != '\\' && *q != '\n')
			q++;
		if (q >= end || *q != '"')
			break;
		int one_word = 1;
		for (const char *r = p; r < q; r++)
			if (*r == ' ' || *r == ',' || *r == ';' || *r == '(')
				one_word = 0;
		if (one_word)
			add_name(p, (size_t)(q - p), flag);
		p = q;
	}
	free(buf);
}

static void merge_entries(void)
{
	qsort(entries, n_entries, sizeof *entries, cmp_key);
	size_t out = 0;
	for (size_t i = 0; i < n_entries; i++) {
		if (out > 0 && strcmp(entries[out - 1].key, entries[i].key) == 0) {
			entry *d = &entries[out - 1];
			d->dflags |= entries[i].dflags;
			d->kw |= entries[i].kw;
			if (entries[i].value)
				d->value = entries[i].value;
			/* Prefer the lexicon's spelling for the keyword table. */
			if (entries[i].kw && !(d->kw & ~entries[i].kw)) {
				free(d->word);
				d->word = entries[i].word;
			} else {
				free(entries[i].word);
			}
			free(entries[i].key);
			continue;
		}
		entries[out++] = entries[i];
	}
	n_entries = out;
	int named = 0;
	for (size_t i = 0; i < n_entries; i++) {
		entry *d = &entries[i];
		if ((d->dflags & WF_PROJECT) && (d->dflags & (WF_GIVEN | WF_SURNAME))) {
			fprintf(stderr, "gen_phi_words: \"%s\" of the list of other "
			        "languages is a %s in the census lists: leave it out, "
			        "so that it cannot hide a name\n", d->word,
			        d->dflags & WF_GIVEN ? "given name" : "surname");
			named = 1;
		}
		d->dflags &= ~(unsigned)WF_PROJECT;
		if (!(d->dflags & (WF_LANG | WF_COUNTRY)))
			continue;
		d->dflags &= ~(unsigned)(WF_LANG | WF_COUNTRY);
		if (!(d->dflags & (WF_GIVEN | WF_SURNAME)))
			d->dflags |= WF_SOFT;
	}
	if (named)
		exit(1);
}

static uint32_t hash_key(const char *key, uint32_t seed)
{
	uint32_t h = phi_hash_init(seed);
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = phi_hash_step(h, *p);
	return phi_hash_final(h);
}

static uint32_t choose_seed(void)
{
	for (uint32_t seed = 1; seed < 10000; seed++) {
		for (size_t i = 0; i < n_entries; i++)
			entries[i].hash = hash_key(entries[i].key, seed);
		qsort(entries, n_entries, sizeof *entries, cmp_hash);
		/* Zero marks an empty slot in the scanner's tables. */
		int clash = 0;
		size_t prev = SIZE_MAX;
		for (size_t i = 0; i < n_entries && !clash; i++) {
			if (!(entries[i].dflags & WF_KNOWN) && !entries[i].kw)
				continue;
			clash = entries[i].hash == 0 ||
			        (prev != SIZE_MAX && entries[i].hash == entries[prev].hash);
			prev = i;
		}
		if (!clash)
			return seed;
	}
	die("no collision-free seed found", NULL);
	return 0;
}

static void emit_kw_expr(FILE *f, uint64_t kw)
{
	int first = 1;
	for (size_t i = 0; i < n_kw_names; i++) {
		if (!(kw & (UINT64_C(1) << i)))
			continue;
		fputs(first ? "" : "|", f);
		first = 0;
		fputs("KW_", f);
		for (const char *p = kw_names[i]; *p; p++)
			fputc((*p >= 'a' && *p <= 'z') ? *p - 32 : *p, f);
	}
}

static void emit_c_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(f, "\\%03o", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

/* A membership set of hashes: open addressing, linear probing, zero
 * empty, load factor at most 0.7. */
static uint32_t *set_alloc(size_t n, size_t *slots)
{
	*slots = 1;
	while (*slots * 7 < n * 10)
		*slots *= 2;
	uint32_t *tab = calloc(*slots, sizeof *tab);
	if (!tab)
		die("out of memory", NULL);
	return tab;
}

static void set_insert(uint32_t *tab, size_t slots, uint32_t h)
{
	size_t j = h & (slots - 1);
	while (tab[j])
		j = (j + 1) & (slots - 1);
	tab[j] = h;
}

static void emit_set(FILE *f, const char *name, const char *size,
                     const uint32_t *tab, size_t slots)
{
	fprintf(f, "static const uint32_t %s[%s] = {\n", name, size);
	for (size_t i = 0; i < slots; i++)
		fprintf(f, "%s0x%08x,%s", i % 8 ? " " : "\t", (unsigned)tab[i],
		        i % 8 == 7 ? "\n" : "");
	fprintf(f, "%s};\n\n", slots % 8 ? "\n" : "");
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The filter in front of a set (phi_hash.h) of the n hashes h (sorted,
 * no two alike): a 64-bit word for about eight of them, which lets about
 * one in thirty of the hashes the set lacks through.  The share is
 * measured on hashes not in the set and written beside the filter. */
static void emit_filter(FILE *f, const char *name, const char *macro,
                        const uint32_t *h, size_t n)
{
	unsigned bits = 0;
	while (((size_t)8 << bits) < n)
		bits++;
	size_t words = (size_t)1 << bits;
	uint64_t *filter = calloc(words, sizeof *filter);
	if (!filter)
		die("out of memory", NULL);
	for (size_t i = 0; i < n; i++)
		filter[phi_filter_word(h[i], bits)] |= phi_filter_bits(h[i]);
	size_t passed = 0, tried = 0;
	for (uint32_t x = 0x2545f491u; tried < 100000; x = x * 1664525u + 1013904223u) {
		if (bsearch(&x, h, n, sizeof *h, cmp_u32))
			continue;
		tried++;
		passed += phi_filter_may_hold(filter, bits, x);
	}
	fprintf(f, "/* %zu members; %.1f%% of other hashes pass. */\n", n,
	        100.0 * (double)passed / (double)tried);
	fprintf(f, "#define %s_BITS %u\n", macro, bits);
	fprintf(f, "static const uint64_t %s[%zu] = {\n", name, words);
	for (size_t i = 0; i < words; i++)
		fprintf(f, "%s0x%016llxu,%s", i % 4 ? " " : "\t",
		        (unsigned long long)filter[i], i % 4 == 3 ? "\n" : "");
	fprintf(f, "%s};\n\n", words % 4 ? "\n" : "");
	free(filter);
}

/* The filter of a table's members (its slots but the empty ones). */
static void emit_table_filter(FILE *f, const char *name, const char *macro,
                              const uint32_t *tab, size_t slots)
{
	uint32_t *h = xmalloc(slots * sizeof *h);
	size_t n = 0;
	for (size_t i = 0; i < slots; i++)
		if (tab[i])
			h[n++] = tab[i];
	qsort(h, n, sizeof *h, cmp_u32);
	emit_filter(f, name, macro, h, n);
	free(h);
}

static void write_header(const char *path, uint32_t seed)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
		die("output path too long", path);
	FILE *f = fopen(tmp, "w");
	if (!f)
		die("cannot write", tmp);
	/* A medical word the general list knows adds nothing: that list
	 * already says whether it is a name. */
	size_t n_dict = 0, n_kw = 0, n_med = 0, n_huge = 0, n_foreign = 0;
	for (size_t i = 0; i < n_entries; i++) {
		unsigned fl = entries[i].dflags;
		/* A foreign word English knows in lower case is that English
		 * word; one that is also a name or a place ("ella", "su", "para")
		 * is still a word in lower case, where the name rules' cues
		 * decide. */
		entries[i].foreign = (fl & WF_FOREIGN_LOWER) &&
		                     !(fl & (WF_COMMON | WF_HARD | WF_SOFT)) &&
		                     !(fl == (WF_HUGE_LOWER | WF_FOREIGN_LOWER)) &&
		                     !(fl == (WF_MED_LOWER | WF_FOREIGN_LOWER));
		if (fl & WF_KNOWN)
			fl &= WF_KNOWN;
		fl &= ~(unsigned)WF_FOREIGN_LOWER;
		entries[i].dflags = fl;
		n_foreign += entries[i].foreign;
		n_dict += (fl & WF_KNOWN) != 0;
		n_med += (fl & WF_MED_LOWER) && !(fl & WF_KNOWN);
		n_huge += fl == WF_HUGE_LOWER;
		n_kw += entries[i].kw != 0;
	}
	fprintf(f, "/* Generated by gen_phi_words from the system word list and "
	           "phi_lexicon.txt.\n * Do not edit. */\n");
	fprintf(f, "#define PHI_HASH_SEED %uu\n", (unsigned)seed);
	fprintf(f, "#define PHI_DICT_COUNT %zu\n", n_dict);
	if (n_kw >= 65535)
		die("too many keywords", NULL);
	fprintf(f, "#define PHI_KEYWORD_COUNT %zu\n\n", n_kw);
	/* The word list in lines (phi_hash.h), at most three quarters
	 * full: a lookup is one cache line, seldom two, where a binary
	 * search over 95,000 words is seventeen unpredictable branches. */
	unsigned dict_line_bits = PHI_DICT_MIN_LINE_BITS;
	while (((size_t)PHI_DICT_LINE_WORDS << dict_line_bits) * 3 < n_dict * 4)
		dict_line_bits++;
	size_t dict_lines = (size_t)1 << dict_line_bits;
	/* Open addressing with linear probing for the other tables. */
	size_t kw_slots = 1, med_slots = 1;
	/* The medical set is probed only for capitalised words the general
	 * list does not know, so it may be fuller. */
	while (med_slots * 7 < n_med * 10)
		med_slots *= 2;
	/* The large list is probed only for lower-case words the others do
	 * not know. */
	size_t huge_slots, foreign_slots;
	uint32_t *hh = set_alloc(n_huge, &huge_slots);
	uint32_t *fh = set_alloc(n_foreign, &foreign_slots);
	while (kw_slots * 3 < n_kw * 5)
		kw_slots *= 2;
	uint32_t *dl = calloc(dict_lines * PHI_DICT_LINE_WORDS, sizeof *dl);
	unsigned *ki = calloc(kw_slots, sizeof *ki);
	uint32_t *mh = calloc(med_slots, sizeof *mh);
	if (!dl || !ki || !mh)
		die("out of memory", NULL);
	size_t kw_no = 0;
	for (size_t i = 0; i < n_entries; i++) {
		if (entries[i].foreign)
			set_insert(fh, foreign_slots, entries[i].hash);
		if (entries[i].dflags == WF_HUGE_LOWER) {
			set_insert(hh, huge_slots, entries[i].hash);
		} else if ((entries[i].dflags & WF_MED_LOWER) &&
		           !(entries[i].dflags & WF_KNOWN)) {
			set_insert(mh, med_slots, entries[i].hash);
		} else if ((unsigned char)entries[i].dflags) {
			/* Flags beyond the byte are only read here; a word whose
			 * byte is 0 reads as a word the list lacks, as before. */
			uint32_t h = entries[i].hash;
			size_t home = phi_dict_home(h, dict_line_bits);
			for (unsigned past = 0;; past++) {
				if (past > PHI_DICT_MAX_PAST)
					die("the word list's lines are too full", entries[i].key);
				uint32_t *line = dl + ((home + past) & (dict_lines - 1)) * PHI_DICT_LINE_WORDS;
				size_t k = 0;
				while (k < PHI_DICT_LINE_WORDS && line[k])
					k++;
				if (k < PHI_DICT_LINE_WORDS) {
					line[k] = phi_dict_key(h, dict_line_bits, past) |
					          (unsigned char)entries[i].dflags;
					break;
				}
			}
		}
		if (entries[i].kw) {
			size_t j = entries[i].hash & (kw_slots - 1);
			while (ki[j])
				j = (j + 1) & (kw_slots - 1);
			ki[j] = (unsigned)++kw_no;
		}
	}
	fprintf(f, "#define PHI_DICT_LINE_BITS %u\n", dict_line_bits);
	fprintf(f, "#define PHI_KEYWORD_SLOTS %zu\n", kw_slots);
	fprintf(f, "#define PHI_MEDICAL_SLOTS %zu\n", med_slots);
	fprintf(f, "#define PHI_EVERYDAY_SLOTS %zu\n", huge_slots);
	fprintf(f, "#define PHI_FOREIGN_SLOTS %zu\n\n", foreign_slots);
	fprintf(f, "static _Alignas(64) const uint32_t phi_dict[%zu][PHI_DICT_LINE_WORDS] = {\n",
	        dict_lines);
	for (size_t i = 0; i < dict_lines * PHI_DICT_LINE_WORDS; i++)
		fprintf(f, "%s0x%08x%s", i % PHI_DICT_LINE_WORDS ? ", " : "\t{", (unsigned)dl[i],
		        i % PHI_DICT_LINE_WORDS == PHI_DICT_LINE_WORDS - 1 ? "},\n" : "");
	fprintf(f, "};\n\n");
	fprintf(f, "/* Entry 0 is unused: a slot of 0 is empty. */\n");
	fprintf(f, "static const struct phi_keyword "
	           "phi_keywords[PHI_KEYWORD_COUNT + 1] = {\n\t{0, \"\", 0, 0},\n");
	for (size_t i = 0; i < n_entries; i++) {
		if (!entries[i].kw)
			continue;
		if (strlen(entries[i].key) >= PHI_KEYWORD_BYTES)
			die("a context word is longer than PHI_KEYWORD_BYTES allows", entries[i].key);
		fprintf(f, "\t{0x%08xu, ", (unsigned)entries[i].hash);
		emit_c_string(f, entries[i].key);
		fputs(", ", f);
		emit_kw_expr(f, entries[i].kw);
		fprintf(f, ", %u},\n", entries[i].value);
	}
	fprintf(f, "};\n\n");
	fprintf(f, "static const uint16_t phi_keyword_slots[PHI_KEYWORD_SLOTS] = {\n");
	for (size_t i = 0; i < kw_slots; i++)
		fprintf(f, "%s%u,%s", i % 16 ? " " : "\t", ki[i],
		        i % 16 == 15 ? "\n" : "");
	fprintf(f, "%s};\n\n", kw_slots % 16 ? "\n" : "");
	emit_set(f, "phi_medical_hash", "PHI_MEDICAL_SLOTS", mh, med_slots);
	emit_set(f, "phi_everyday_hash", "PHI_EVERYDAY_SLOTS", hh, huge_slots);
	emit_set(f, "phi_foreign_hash", "PHI_FOREIGN_SLOTS", fh, foreign_slots);
	/* The three sets are asked of words that are mostly not in them
	 * (any lower-case word no English list knows goes to the foreign
	 * set, with a dozen of its endings changed): a filter each. */
	emit_table_filter(f, "phi_medical_filter", "PHI_MEDICAL_FILTER", mh, med_slots);
	emit_table_filter(f, "phi_everyday_filter", "PHI_EVERYDAY_FILTER", hh, huge_slots);
	emit_table_filter(f, "phi_foreign_filter", "PHI_FOREIGN_FILTER", fh, foreign_slots);
	/* The names of several words: a clash only makes a run of words
	 * look like a town, one chance in about a million per run. */
	size_t phrase_slots;
	uint32_t *ph = set_alloc(n_phrases, &phrase_slots);
	for (size_t i = 0; i < n_phrases; i++)
		set_insert(ph, phrase_slots, hash_key(phrases[i], seed) | 1u);
	fprintf(f, "#define PHI_PLACE_PHRASE_SLOTS %zu\n", phrase_slots);
	emit_set(f, "phi_place_phrase_hash", "PHI_PLACE_PHRASE_SLOTS", ph,
	         phrase_slots);
	free(ph);
	/* Their first words, a filter only: a word none of them begins
	 * with begins no name, and the scanner asks no more of it. */
	uint32_t *first = xmalloc((n_phrases ? n_phrases : 1) * sizeof *first);
	for (size_t i = 0; i < n_phrases; i++) {
		size_t len = strcspn(phrases[i], " ");
		char *word = xstrndup(phrases[i], len);
		first[i] = hash_key(word, seed);
		free(word);
	}
	qsort(first, n_phrases, sizeof *first, cmp_u32);
	size_t n_first = 0;
	for (size_t i = 0; i < n_phrases; i++)
		if (n_first == 0 || first[n_first - 1] != first[i])
			first[n_first++] = first[i];
	emit_filter(f, "phi_place_first_filter", "PHI_PLACE_FIRST_FILTER", first, n_first);
	free(first);
	free(fh);
	free(hh);
	free(mh);
	free(dl);
	free(ki);
	if (ferror(f) || fclose(f) != 0)
		die("write error", tmp);
	if (rename(tmp, path) != 0)
		die("cannot rename into place", path);
}

int main(int argc, char **argv)
{
	if (argc < 9) {
		fprintf(stderr, "usage: gen_phi_words WORDS HUGE MEDICAL LEXICON "
		        "NAMES GEONAMES LANGUAGES OUTPUT [[--marked | --project] "
		        "FOREIGN...] [--countries COUNTRIES]\n");
		return 2;
	}
	read_dict(argv[1]);
	read_dict_lower(argv[2], WF_HUGE_LOWER, 0);
	int marked = 0;
	unsigned project = 0;
	const char *countries = NULL;
	for (int a = 9; a < argc; a++) {
		if (strcmp(argv[a], "--marked") == 0) {
			marked = 1;
			continue;
		}
		if (strcmp(argv[a], "--project") == 0) {
			project = WF_PROJECT;
			continue;
		}
		if (strcmp(argv[a], "--countries") == 0 && a + 1 < argc) {
			countries = argv[++a];
			continue;
		}
		read_dict_lower(argv[a], WF_FOREIGN_LOWER | project, marked);
		marked = 0;
		project = 0;
	}
	read_medical(argv[3]);
	read_lexicon(argv[4]);
	read_names(argv[5]);
	read_geonames(argv[6]);
	read_iso_names(argv[7], WF_LANG);
	if (countries)
		read_iso_names(countries, WF_COUNTRY);
	merge_entries();
	uint32_t seed = choose_seed();
	write_header(argv[8], seed);
	return 0;
}
