/* Attendance credit: who is who (email, else name), minutes present as a
 * union of intervals clipped to the session, credit per session, and
 * certification across a series. */
#include "echo/attendance.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* ---- Name keys -------------------------------------------------------- */

/* ASCII for the accented Latin letters of U+00C0-U+017F. */
static const struct fold {
	unsigned lo, hi;
	const char *ascii;
} folds[] = {
	{0xc0, 0xc5, "a"}, {0xc6, 0xc6, "ae"}, {0xc7, 0xc7, "c"}, {0xc8, 0xcb, "e"},
	{0xcc, 0xcf, "i"}, {0xd0, 0xd0, "d"}, {0xd1, 0xd1, "n"}, {0xd2, 0xd6, "o"},
	{0xd8, 0xd8, "o"}, {0xd9, 0xdc, "u"}, {0xdd, 0xdd, "y"}, {0xde, 0xde, "th"},
	{0xdf, 0xdf, "ss"}, {0xe0, 0xe5, "a"}, {0xe6, 0xe6, "ae"}, {0xe7, 0xe7, "c"},
	{0xe8, 0xeb, "e"}, {0xec, 0xef, "i"}, {0xf0, 0xf0, "d"}, {0xf1, 0xf1, "n"},
	{0xf2, 0xf6, "o"}, {0xf8, 0xf8, "o"}, {0xf9, 0xfc, "u"}, {0xfd, 0xfd, "y"},
	{0xfe, 0xfe, "th"}, {0xff, 0xff, "y"},
	{0x100, 0x105, "a"}, {0x106, 0x10d, "c"}, {0x10e, 0x111, "d"}, {0x112, 0x11b, "e"},
	{0x11c, 0x123, "g"}, {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
	{0x134, 0x135, "j"}, {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14b, "n"},
	{0x14c, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15a, 0x161, "s"},
	{0x162, 0x167, "t"}, {0x168, 0x173, "u"}, {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
	{0x179, 0x17e, "z"}, {0x17f, 0x17f, "s"},
};

/* Decodes one UTF-8 sequence (input is valid UTF-8: the loader checked). */
static unsigned utf8_next(const unsigned char **s)
{
	const unsigned char *u = *s;
	unsigned cp;
	size_t n;
	if (u[0] < 0x80) {
		cp = u[0];
		n = 1;
	} else if (u[0] < 0xe0 && u[1]) {
		cp = (u[0] & 0x1fu) << 6 | (u[1] & 0x3fu);
		n = 2;
	} else if (u[0] < 0xf0 && u[1] && u[2]) {
		cp = (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 | (u[2] & 0x3fu);
		n = 3;
	} else if (u[1] && u[2] && u[3]) {
		cp = (u[0] & 0x07u) << 18 | (u[1] & 0x3fu) << 12 | (u[2] & 0x3fu) << 6 | (u[3] & 0x3fu);
		n = 4;
	} else {
		cp = 0xfffd;
		n = 1;
	}
	*s = u + n;
	return cp;
}

#define MAX_TOKENS 24
#define TOKEN_BYTES 64

struct token {
	char text[TOKEN_BYTES];   /* folded: lower case ASCII, other scripts kept */
	size_t len;
	int upper;                /* written all in capitals (2+ letters) */
	int possessive;           /* ended in 's before folding */
};

struct tokens {
	struct token t[MAX_TOKENS];
	size_t n;
};

static int is_sep(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '-' || cp == '_' || cp == '.' || cp == '/' ||
	       cp == 0xa0 || cp == 0x2013 || cp == 0x2014 || cp == 0x2010 || cp == '|' ||
	       cp == ':' || cp == ';' || cp == '&' || cp == '+';
}

static int is_apostrophe(unsigned cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x2bc || cp == '`';
}

/* Splits text (len bytes) into folded words. */
static void tokenize(const char *text, size_t len, struct tokens *tk)
{
	const unsigned char *s = (const unsigned char *)text, *e = s + len;
	struct token *cur = NULL;
	int letters = 0, capitals = 0;
	int apos = 0;   /* the previous code point was an apostrophe */
	while (s < e) {
		const unsigned char *cp_start = s;
		unsigned cp = utf8_next(&s);
		if (is_sep(cp)) {
			cur = NULL;
			continue;
		}
		if (!cur) {
			if (tk->n == MAX_TOKENS)
				return;
			cur = &tk->t[tk->n++];
			memset(cur, 0, sizeof *cur);
			letters = capitals = apos = 0;
		}
		if (is_apostrophe(cp)) {
			apos = 1;
			continue;
		}
		char buf[8];
		size_t n = 0;
		if (cp < 0x80) {
			if (cp >= 'A' && cp <= 'Z') {
				capitals++;
				letters++;
				buf[n++] = (char)(cp + 32);
			} else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
				letters += cp >= 'a';
				buf[n++] = (char)cp;
			}
		} else {
			const char *ascii = NULL;
			for (size_t i = 0; i < sizeof folds / sizeof *folds; i++)
				if (cp >= folds[i].lo && cp <= folds[i].hi) {
					ascii = folds[i].ascii;
					break;
				}
			if (ascii) {
				letters++;
				capitals += (cp >= 0xc0 && cp <= 0xde) || (cp >= 0x100 && cp % 2 == 0);
				n = strlen(ascii);
				memcpy(buf, ascii, n);
			} else if ((cp >= 0x180 && cp < 0x2000) || (cp >= 0x3040 && cp < 0xa000) ||
			           (cp >= 0xac00 && cp < 0xd7b0)) {
				/* Letters of other scripts: kept as they are, without
				 * case folding.  Symbols and emoji are dropped. */
				n = (size_t)(s - cp_start);
				memcpy(buf, cp_start, n);
				letters++;
			}
		}
		if (!n)
			continue;
		cur->possessive = apos && n == 1 && buf[0] == 's';
		apos = 0;
		if (cur->len + n < TOKEN_BYTES) {
			memcpy(cur->text + cur->len, buf, n);
			cur->len += n;
			cur->text[cur->len] = '\0';
		}
		cur->upper = letters >= 2 && capitals == letters;
	}
	/* Drop tokens that folded to nothing ("--", an emoji). */
	size_t k = 0;
	for (size_t i = 0; i < tk->n; i++)
		if (tk->t[i].len)
			tk->t[k++] = tk->t[i];
	tk->n = k;
}

static int word_in(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(w, *list) == 0)
			return 1;
	return 0;
}

static const char *const credentials[] = {
	"md", "do", "mbbs", "mbchb", "rn", "bsn", "msn", "dnp", "np", "fnp", "fnpc", "fnpbc",
	"aprn", "pmhnp", "pmhnpbc", "pa", "pac", "pharmd", "rph", "bcpp", "phd", "psyd", "edd",
	"lcsw", "lmsw", "lisw", "msw", "bsw", "lpc", "lpcc", "lmhc", "lmft", "cadc", "ladc",
	"lcadc", "cpss", "crss", "cprs", "cps", "prss", "chw", "mph", "mha", "mba", "ms", "ma",
	"med", "ba", "bs", "facp", "fasam", "faafp", "dabam", "dfasam", "lpn", "ccm", "cma",
	"ncc", "lac", "ladac", "cpc", "mat", "jd", "rd", "ot", "pt", "dpt", "dds", "dmd", NULL,
};

static int vowels(const char *w)
{
	int n = 0;
	for (; *w; w++)
		n += strchr("aeiouy", *w) != NULL;
	return n;
}

/* "MD", "LCSW", "PharmD": a credential, not a name. */
static int is_credential(const struct token *t, int after_comma)
{
	if (word_in(t->text, credentials))
		return after_comma || t->upper;
	return after_comma && t->upper && t->len >= 2 && t->len <= 6 && vowels(t->text) <= 1;
}

static const char *const device_words[] = {
	"iphone", "ipad", "ipod", "android", "galaxy", "samsung", "pixel", "phone",
	"mobile", "tablet", "laptop", "desktop", "pc", "mac", "macbook", "imac",
	"chromebook", "surface", "kindle", "cellphone", "cell", "smartphone", NULL,
};
static const char *const model_words[] = {
	"pro", "max", "plus", "mini", "air", "ultra", "se", "fe", "lite", "note", "tab", NULL,
};
static const char *const connectors[] = {"on", "from", "via", "using", "by", NULL};
static const char *const titles[] = {"dr", "doctor", "prof", "professor", "mr", "mrs", "ms",
                                     "mx", "miss", NULL};

static int has_digit(const char *w)
{
	for (; *w; w++)
		if (*w >= '0' && *w <= '9')
			return 1;
	return 0;
}

/* " - iPhone", "Ana's iPad Pro", "Ana on Galaxy S21": drop the device. */
static void drop_device(struct tokens *tk)
{
	size_t i = tk->n;
	while (i > 1 && (word_in(tk->t[i - 1].text, model_words) || has_digit(tk->t[i - 1].text)))
		i--;
	if (i <= 1 || !word_in(tk->t[i - 1].text, device_words))
		return;
	size_t keep = i - 1;
	while (keep > 1 && word_in(tk->t[keep - 1].text, connectors))
		keep--;
	if (keep == 0)
		return;
	tk->n = keep;
	struct token *last = &tk->t[keep - 1];
	if (last->possessive && last->len > 1) {
		last->len--;
		last->text[last->len] = '\0';
		last->possessive = 0;
	}
}

/* The key of a name without parentheses: appended to key. */
static void key_of(const char *text, size_t len, echo_buf *key)
{
	/* "Last, First" and ", MD, MPH": split on commas first. */
	const char *parts[8];
	size_t plen[8], np = 0;
	const char *p = text, *e = text + len;
	while (np < 8) {
		const char *c = memchr(p, ',', (size_t)(e - p));
		parts[np] = p;
		plen[np] = c ? (size_t)(c - p) : (size_t)(e - p);
		np++;
		if (!c)
			break;
		p = c + 1;
	}
	struct tokens main, tk;
	main.n = 0;
	tokenize(parts[0], plen[0], &main);
	struct tokens rest;
	rest.n = 0;
	int name_parts = 0;
	for (size_t i = 1; i < np; i++) {
		tk.n = 0;
		tokenize(parts[i], plen[i], &tk);
		int all = tk.n > 0;
		for (size_t k = 0; k < tk.n && all; k++)
			all = is_credential(&tk.t[k], 1);
		if (all || tk.n == 0)
			continue;
		name_parts++;
		for (size_t k = 0; k < tk.n && rest.n < MAX_TOKENS; k++)
			rest.t[rest.n++] = tk.t[k];
	}
	if (name_parts == 1 && rest.n) {
		/* "Dubois, Renée" is Renée Dubois. */
		for (size_t k = 0; k < main.n && rest.n < MAX_TOKENS; k++)
			rest.t[rest.n++] = main.t[k];
		main = rest;
	} else {
		for (size_t k = 0; k < rest.n && main.n < MAX_TOKENS; k++)
			main.t[main.n++] = rest.t[k];
	}
	drop_device(&main);
	while (main.n > 1 && is_credential(&main.t[main.n - 1], 0))
		main.n--;
	/* "Dr. Ana Ruiz" but not "Dr Kim": one word would be too little. */
	size_t first = 0;
	while (main.n - first > 2 && word_in(main.t[first].text, titles))
		first++;
	for (size_t k = first; k < main.n; k++) {
		if (k > first)
			echo_buf_putc(key, ' ');
		echo_buf_append(key, main.t[k].text, main.t[k].len);
	}
}

/* Parenthesised text that is not a name: pronouns, roles. */
static int is_name_note(const char *s, size_t n)
{
	static const char *const notes[] = {"host", "co-host", "cohost", "guest", "me",
		"panelist", "attendee", "interpreter", "original name", NULL};
	if (memchr(s, '/', n))
		return 1;
	char w[32];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof w; i++)
		w[k++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	w[k] = '\0';
	char *t = w;
	while (*t == ' ')
		t++;
	for (char *end = t + strlen(t); end > t && end[-1] == ' ';)
		*--end = '\0';
	return word_in(t, notes);
}

int echo_attendance_name_key(const char *name, echo_buf *key, echo_buf *alt)
{
	/* Text outside parentheses and brackets is the name; the last
	 * parenthesised part that reads as a name is the original name. */
	echo_buf outside = ECHO_BUF_INIT;
	const char *alt_text = NULL;
	size_t alt_len = 0, depth = 0;
	const char *open = NULL;
	for (const char *s = name; *s; s++) {
		if (*s == '(' || *s == '[') {
			if (depth++ == 0)
				open = s + 1;
			echo_buf_putc(&outside, ' ');
		} else if ((*s == ')' || *s == ']') && depth) {
			if (--depth == 0 && !is_name_note(open, (size_t)(s - open))) {
				alt_text = open;
				alt_len = (size_t)(s - open);
			}
		} else if (!depth) {
			echo_buf_putc(&outside, *s);
		}
	}
	size_t before = key->len;
	key_of(echo_buf_cstr(&outside), outside.len, key);
	if (key->len == before && alt_text) {
		/* "(Ana Ruiz)" alone: the parentheses are the name. */
		key_of(alt_text, alt_len, key);
		alt_text = NULL;
	}
	if (alt && alt_text) {
		size_t was = alt->len;
		key_of(alt_text, alt_len, alt);
		/* "(iPhone)" names a device, not a person. */
		struct tokens tk;
		tk.n = 0;
		tokenize(alt_text, alt_len, &tk);
		if (tk.n && word_in(tk.t[0].text, device_words) && !alt->failed) {
			alt->len = was;
			if (alt->data)
				alt->data[was] = '\0';
		}
	}
	int failed = outside.failed || key->failed || (alt && alt->failed);
	echo_buf_free(&outside);
	return failed ? -1 : 0;
}

/* ---- What a name says about who it is -------------------------------- */

/* The text of a name outside parentheses and brackets. */
static void outside_parens(const char *name, echo_buf *out)
{
	size_t depth = 0;
	for (const char *s = name; *s; s++) {
		if (*s == '(' || *s == '[') {
			depth++;
			echo_buf_putc(out, ' ');
		} else if ((*s == ')' || *s == ']') && depth) {
			depth--;
		} else if (!depth) {
			echo_buf_putc(out, *s);
		}
	}
}

/* A phone number: at least 7 digits, and nothing but digits and
 * + - ( ) . and spaces. */
static int is_phone(const char *name)
{
	size_t digits = 0;
	for (const char *s = name; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (!strchr(" +-().\t", *s))
			return 0;
	}
	return digits >= 7;
}

static const char *const room_words[] = {"room", "rooms", "boardroom", "classroom",
                                         "auditorium", "confroom", NULL};
/* Names Zoom and Teams give connections that say nothing of who is on
 * them, each possibly followed by a number ("Call-in User_1"). */
static const char *const generic_names[] = {"call in user", "dial in user", "phone user",
	"zoom user", "teams user", "guest", "guest user", "unknown", "anonymous", "audio only",
	"phone", "telephone user", NULL};

echo_person_kind echo_attendance_name_kind(const char *name)
{
	if (is_phone(name))
		return ECHO_PERSON_GENERIC;
	echo_buf out = ECHO_BUF_INIT;
	outside_parens(name, &out);
	struct tokens tk;
	tk.n = 0;
	tokenize(echo_buf_cstr(&out), out.len, &tk);
	echo_buf_free(&out);
	if (tk.n == 0)
		return ECHO_PERSON_LEARNER;
	for (size_t i = 0; i < tk.n; i++)
		if (word_in(tk.t[i].text, room_words))
			return ECHO_PERSON_ROOM;
	/* Drop trailing numbers ("_1", "2"), then compare what is left. */
	size_t n = tk.n;
	while (n > 1 && has_digit(tk.t[n - 1].text) && strspn(tk.t[n - 1].text, "0123456789") ==
	                                                   tk.t[n - 1].len)
		n--;
	char joined[128];
	size_t len = 0;
	for (size_t i = 0; i < n && len + tk.t[i].len + 2 < sizeof joined; i++) {
		if (i)
			joined[len++] = ' ';
		memcpy(joined + len, tk.t[i].text, tk.t[i].len);
		len += tk.t[i].len;
	}
	joined[len] = '\0';
	if (word_in(joined, generic_names))
		return ECHO_PERSON_GENERIC;
	/* "iPhone", "Galaxy S21", "iPad Pro": a device and nothing else. */
	int device = 0;
	for (size_t i = 0; i < tk.n; i++) {
		if (word_in(tk.t[i].text, device_words))
			device = 1;
		else if (!word_in(tk.t[i].text, model_words) && !has_digit(tk.t[i].text))
			return ECHO_PERSON_LEARNER;
	}
	return device ? ECHO_PERSON_GENERIC : ECHO_PERSON_LEARNER;
}

/* An ASCII word as folded for the word lists. */
static void fold_word(const char *s, size_t n, char *out, size_t size)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < size; i++)
		if (is_apostrophe((unsigned char)s[i]))
			continue;
		else
			out[k++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	out[k] = '\0';
}

/* Upper or lower case of the first letter at s (ASCII and Latin-1 in
 * UTF-8); returns the bytes it took. */
static size_t set_case(char *s, int upper)
{
	unsigned char *u = (unsigned char *)s;
	if (u[0] < 0x80) {
		if (upper && u[0] >= 'a' && u[0] <= 'z')
			u[0] = (unsigned char)(u[0] - 32);
		else if (!upper && u[0] >= 'A' && u[0] <= 'Z')
			u[0] = (unsigned char)(u[0] + 32);
		return 1;
	}
	if (u[0] == 0xc3 && u[1]) {
		if (upper && u[1] >= 0xa0 && u[1] <= 0xbe && u[1] != 0xb7)
			u[1] = (unsigned char)(u[1] - 0x20);
		else if (!upper && u[1] >= 0x80 && u[1] <= 0x9e && u[1] != 0x97)
			u[1] = (unsigned char)(u[1] + 0x20);
		return 2;
	}
	size_t n = 1;
	while (u[n] && (u[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* A name written all in lower (or all in upper) case, capitalised. */
static void fix_case(char *s)
{
	int lower_seen = 0, upper_seen = 0;
	for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
		lower_seen |= (*u >= 'a' && *u <= 'z') || (*u == 0xc3 && u[1] >= 0xa0 && u[1] <= 0xbe);
		upper_seen |= (*u >= 'A' && *u <= 'Z') || (*u == 0xc3 && u[1] >= 0x80 && u[1] <= 0x9e);
	}
	if (lower_seen == upper_seen)
		return;   /* mixed case (or no letters): as written */
	int start = 1;
	for (char *p = s; *p;) {
		if (*p == ' ' || *p == '-' || *p == '\'') {
			start = 1;
			p++;
			continue;
		}
		int letter = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		             (unsigned char)*p >= 0x80;
		p += set_case(p, start);
		start = start && !letter;
	}
}

int echo_attendance_display_name(const char *name, echo_buf *out)
{
	if (is_phone(name)) {
		echo_buf_puts(out, "Dial-in caller");
		return out->failed ? -1 : 0;
	}
	echo_buf text = ECHO_BUF_INIT;
	outside_parens(name, &text);
	if (echo_buf_cstr(&text)[strspn(echo_buf_cstr(&text), " \t")] == '\0') {
		echo_buf_clear(&text);
		echo_buf_puts(&text, name);   /* "(Ana Ruiz)": the parentheses are the name */
	}
	/* Words, spaces collapsed. */
	char *w[MAX_TOKENS * 2];
	size_t nw = 0;
	char *copy = echo_buf_detach(&text, NULL);
	if (!copy)
		return -1;
	for (char *p = strtok(copy, " \t"); p && nw < sizeof w / sizeof *w; p = strtok(NULL, " \t"))
		w[nw++] = p;
	/* A device at the end: "Bobby Tsosie's iPad", "Ana - iPhone 13". */
	size_t end = nw;
	char f[TOKEN_BYTES];
	while (end > 1) {
		fold_word(w[end - 1], strlen(w[end - 1]), f, sizeof f);
		if (!word_in(f, model_words) && !has_digit(f))
			break;
		end--;
	}
	if (end > 1) {
		fold_word(w[end - 1], strlen(w[end - 1]), f, sizeof f);
		if (word_in(f, device_words)) {
			size_t keep = end - 1;
			while (keep > 1) {
				fold_word(w[keep - 1], strlen(w[keep - 1]), f, sizeof f);
				if (!word_in(f, connectors) && strcmp(f, "-") != 0 &&
				    strcmp(w[keep - 1], "\xe2\x80\x93") != 0)
					break;
				keep--;
			}
			char *last = w[keep - 1];
			size_t ll = strlen(last);
			if (ll > 2 && (strcmp(last + ll - 2, "'s") == 0))
				last[ll - 2] = '\0';
			else if (ll > 4 && strcmp(last + ll - 4, "\xe2\x80\x99s") == 0)
				last[ll - 4] = '\0';
			nw = keep;
		}
	}
	echo_buf joined = ECHO_BUF_INIT;
	for (size_t i = 0; i < nw; i++) {
		if (i)
			echo_buf_putc(&joined, ' ');
		echo_buf_puts(&joined, w[i]);
	}
	free(copy);
	/* "Dubois, Renée" is Renée Dubois; "Jordan Reyes, FNP" stays. */
	const char *j = echo_buf_cstr(&joined);
	const char *comma = strchr(j, ',');
	if (comma && !strchr(comma + 1, ',')) {
		struct tokens tk;
		tk.n = 0;
		tokenize(comma + 1, strlen(comma + 1), &tk);
		int all_credentials = tk.n > 0;
		for (size_t i = 0; i < tk.n && all_credentials; i++)
			all_credentials = is_credential(&tk.t[i], 1);
		const char *given = comma + 1;
		while (*given == ' ')
			given++;
		if (!all_credentials && tk.n && *given) {
			echo_buf swapped = ECHO_BUF_INIT;
			echo_buf_printf(&swapped, "%s %.*s", given, (int)(comma - j), j);
			echo_buf_free(&joined);
			joined = swapped;
		}
	}
	char *final = echo_buf_detach(&joined, NULL);
	if (!final)
		return -1;
	fix_case(final);
	echo_buf_puts(out, final);
	free(final);
	return out->failed ? -1 : 0;
}

/* "ana maria ruiz" loosely is "ana ruiz": first and last word. */
static void loose_key(const char *key, echo_buf *out)
{
	const char *sp = strchr(key, ' '), *last = strrchr(key, ' ');
	if (!sp || sp == last) {
		echo_buf_puts(out, key);
		return;
	}
	echo_buf_append(out, key, (size_t)(sp - key));
	echo_buf_puts(out, last);
}

/* ---- A string map ----------------------------------------------------- */

#define NONE SIZE_MAX
#define AMBIGUOUS (SIZE_MAX - 1)

struct map {
	struct slot {
		const char *key;   /* owned by an arena */
		size_t val;
	} *slots;
	size_t cap, count;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static int map_grow(struct map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256;
	struct slot *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		size_t j = hash(m->slots[i].key) & (cap - 1);
		while (slots[j].key)
			j = (j + 1) & (cap - 1);
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

static size_t map_get(const struct map *m, const char *key)
{
	if (!m->cap || !*key)
		return NONE;
	size_t j = hash(key) & (m->cap - 1);
	while (m->slots[j].key) {
		if (strcmp(m->slots[j].key, key) == 0)
			return m->slots[j].val;
		j = (j + 1) & (m->cap - 1);
	}
	return NONE;
}

/* The value slot of key, added with NONE if new; NULL when memory runs
 * out.  key must outlive the map. */
static size_t *map_slot(struct map *m, const char *key)
{
	if ((m->count + 1) * 2 > m->cap && map_grow(m) != 0)
		return NULL;
	size_t j = hash(key) & (m->cap - 1);
	while (m->slots[j].key) {
		if (strcmp(m->slots[j].key, key) == 0)
			return &m->slots[j].val;
		j = (j + 1) & (m->cap - 1);
	}
	m->slots[j].key = key;
	m->slots[j].val = NONE;
	m->count++;
	return &m->slots[j].val;
}

/* Records that key names person; two people under one key make it
 * ambiguous. */
static int map_name(struct map *m, const char *key, size_t person)
{
	if (!*key)
		return 0;
	size_t *v = map_slot(m, key);
	if (!v)
		return -1;
	if (*v == NONE)
		*v = person;
	else if (*v != person)
		*v = AMBIGUOUS;
	return 0;
}

static void map_free(struct map *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}

/* Keys of one name, copied into arena. */
struct keys {
	const char *full, *loose, *alt;
};

static int keys_of(struct echo_arena *arena, const char *name, struct keys *k)
{
	echo_buf full = ECHO_BUF_INIT, alt = ECHO_BUF_INIT, loose = ECHO_BUF_INIT;
	int rc = echo_attendance_name_key(name, &full, &alt);
	loose_key(echo_buf_cstr(&full), &loose);
	k->full = echo_arena_strndup(arena, echo_buf_cstr(&full), full.len);
	k->loose = echo_arena_strndup(arena, echo_buf_cstr(&loose), loose.len);
	k->alt = echo_arena_strndup(arena, echo_buf_cstr(&alt), alt.len);
	if (loose.failed || !k->full || !k->loose || !k->alt)
		rc = -1;
	echo_buf_free(&full);
	echo_buf_free(&alt);
	echo_buf_free(&loose);
	return rc;
}

/* People known by name: full and loose keys. */
struct names {
	struct map full, loose;
};

static int names_add(struct names *n, const struct keys *k, size_t person)
{
	return map_name(&n->full, k->full, person) | map_name(&n->full, k->alt, person) |
	       map_name(&n->loose, k->loose, person);
}

/* The one person a name fits: NONE, AMBIGUOUS, or an index. */
static size_t names_find(const struct names *n, const struct keys *k)
{
	size_t v = map_get(&n->full, k->full);
	if (v == NONE)
		v = map_get(&n->full, k->alt);
	if (v == NONE)
		v = map_get(&n->loose, k->loose);
	return v;
}

static void names_free(struct names *n)
{
	map_free(&n->full);
	map_free(&n->loose);
}

static char *lower_email(struct echo_arena *arena, const char *email)
{
	size_t n = strlen(email);
	char *k = echo_arena_strndup(arena, email, n);
	if (k)
		for (char *p = k; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
	return k;
}

static char *name_id(struct echo_arena *arena, const char *key)
{
	size_t n = strlen(key);
	char *k = echo_arena_alloc(arena, n + 6);
	if (k) {
		memcpy(k, "name:", 5);
		memcpy(k + 5, key, n + 1);
	}
	return k;
}

/* ---- One session ------------------------------------------------------ */

struct person {
	echo_session_person out;
	int intervals, total, unknown, attended, guest_all, any_guest_info;
	long long total_seconds;
	echo_wallclock last_leave;   /* generic names: where a reconnection may start */
};

struct interval {
	size_t person;
	echo_wallclock start, end;
};

struct session_build {
	echo_session_credit *res;
	const echo_attendance *att;
	const echo_attendance *directory;
	echo_diags *diags;
	struct person *people;
	size_t count, cap;
	struct map by_key;        /* email or "name:" key */
	struct names names;
	struct interval *iv;
	size_t niv, capiv;
	echo_attendance_note *notes;
	size_t nnotes, capnotes;
	int any_email;            /* the export has emails to match names against */
	int oom;
};

/* A copy owned by the result: exports and directories are borrowed. */
static const char *own(struct session_build *b, const char *s)
{
	char *d = echo_arena_strndup(b->res->arena, s, strlen(s));
	if (!d) {
		b->oom = 1;
		return "";
	}
	return d;
}

static size_t person_new(struct session_build *b, const char *key, const char *name,
                         const char *email, const struct keys *k)
{
	if (b->count == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct person *p = realloc(b->people, cap * sizeof *p);
		if (!p) {
			b->oom = 1;
			return NONE;
		}
		b->people = p;
		b->cap = cap;
	}
	size_t *slot = map_slot(&b->by_key, key);
	if (!slot) {
		b->oom = 1;
		return NONE;
	}
	size_t i = b->count++;
	*slot = i;
	struct person *p = &b->people[i];
	memset(p, 0, sizeof *p);
	p->out.key = key;
	p->out.name = own(b, name);
	p->out.email = own(b, email);
	p->out.name_key = k->full;
	p->out.absent = 1;
	p->out.role = "";
	p->guest_all = 1;
	return i;
}

/* The name a row's person is shown under. */
static const char *shown_name(struct session_build *b, const char *name)
{
	echo_buf out = ECHO_BUF_INIT;
	if (echo_attendance_display_name(name, &out) != 0)
		b->oom = 1;
	const char *d = own(b, echo_buf_cstr(&out));
	echo_buf_free(&out);
	return d;
}

static void add_note(struct session_build *b, echo_attendance_note_kind kind,
                     const echo_attendance_row *r)
{
	if (b->nnotes == b->capnotes) {
		size_t cap = b->capnotes ? b->capnotes * 2 : 16;
		echo_attendance_note *n = realloc(b->notes, cap * sizeof *n);
		if (!n) {
			b->oom = 1;
			return;
		}
		b->notes = n;
		b->capnotes = cap;
	}
	const char *path = r->path ? r->path : b->att->path;
	/* Notes name rows as reports print names: never a phone number. */
	echo_buf shown = ECHO_BUF_INIT;
	if (echo_attendance_display_name(r->name, &shown) != 0)
		b->oom = 1;
	const char *name = own(b, echo_buf_cstr(&shown));
	echo_buf_free(&shown);
	b->notes[b->nnotes++] = (echo_attendance_note){kind, r->line, name, own(b, path)};
	char a[24] = "", z[24] = "";
	if (r->has_times) {
		echo_wallclock_format(r->join, a, sizeof a);
		echo_wallclock_format(r->leave, z, sizeof z);
	}
	switch (kind) {
	case ECHO_ATT_UNMATCHED:
		echo_diags_add(b->diags, ECHO_WARNING, path, r->line, 1, "attendance-unmatched",
		               "'%s' has no email and matches no one by name; counted as a separate person",
		               name);
		break;
	case ECHO_ATT_AMBIGUOUS:
		echo_diags_add(b->diags, ECHO_WARNING, path, r->line, 1, "attendance-ambiguous",
		               "'%s' has no email and its name fits more than one person; counted as a separate person",
		               name);
		break;
	case ECHO_ATT_OUTSIDE:
		echo_diags_add(b->diags, ECHO_NOTE, path, r->line, 1, "attendance-outside",
		               "'%s' was there only outside the session (%s to %s); no minutes counted",
		               name, a, z);
		break;
	case ECHO_ATT_WAITING:
		echo_diags_add(b->diags, ECHO_NOTE, path, r->line, 1, "attendance-waiting",
		               "'%s' was in the waiting room (%s to %s); not counted as present",
		               name, a, z);
		break;
	case ECHO_ATT_GENERIC:
		echo_diags_add(b->diags, ECHO_NOTE, path, r->line, 1, "attendance-generic",
		               "'%s' is a dial-in or device name: counted on its own in this session, "
		               "never matched by name", name);
		break;
	case ECHO_ATT_ROOM:
		echo_diags_add(b->diags, ECHO_NOTE, path, r->line, 1, "attendance-room",
		               "'%s' is a room's connection, not a person: its people count from the "
		               "room's sign-in sheet (--roster)", name);
		break;
	}
}

/* A roster line: present, with neither times nor a total.  Decided per
 * row, as a merged export may hold a roster's rows and a meeting's. */
static int is_roster_row(const echo_attendance_row *r)
{
	return r->attended && !r->has_times && r->total_minutes < 0;
}

/* The person a row belongs to, created if need be. */
static size_t person_of_row(struct session_build *b, const echo_attendance_row *r,
                            const struct keys *k, int enrolled)
{
	struct echo_arena *arena = b->res->arena;
	if (*r->email) {
		char *key = lower_email(arena, r->email);
		if (!key) {
			b->oom = 1;
			return NONE;
		}
		size_t i = map_get(&b->by_key, key);
		if (i == NONE && !enrolled) {
			/* Someone enrolled by name only, now seen with an email. */
			size_t j = names_find(&b->names, k);
			if (j != NONE && j != AMBIGUOUS && !*b->people[j].out.email) {
				size_t *slot = map_slot(&b->by_key, key);
				if (!slot) {
					b->oom = 1;
					return NONE;
				}
				*slot = j;
				b->people[j].out.email = own(b, r->email);
				b->people[j].out.key = key;
				i = j;
			}
		}
		if (i == NONE)
			i = person_new(b, key, enrolled ? r->name : shown_name(b, r->name), r->email, k);
		if (i != NONE && names_add(&b->names, k, i) != 0)
			b->oom = 1;
		return i;
	}
	if (!enrolled) {
		size_t i = names_find(&b->names, k);
		if (i != NONE && i != AMBIGUOUS) {
			b->people[i].out.by_name = 1;
			return i;
		}
		/* A roster without a directory has no one to match against: its
		 * names are matched across the series instead. */
		if (i == AMBIGUOUS || (b->att->kind != ECHO_ATTENDANCE_ROSTER && b->any_email) ||
		    b->directory)
			add_note(b, i == AMBIGUOUS ? ECHO_ATT_AMBIGUOUS : ECHO_ATT_UNMATCHED, r);
	}
	char *key = name_id(arena, *k->full ? k->full : r->name);
	if (!key) {
		b->oom = 1;
		return NONE;
	}
	size_t i = map_get(&b->by_key, key);
	if (i == NONE) {
		i = person_new(b, key, enrolled ? r->name : shown_name(b, r->name), "", k);
		if (enrolled && i != NONE && names_add(&b->names, k, i) != 0)
			b->oom = 1;
	}
	return i;
}

static void account(struct session_build *b, size_t i, const echo_attendance_row *r);

/* A room's connection: a person of its own kind, never matched by name. */
static size_t room_of_row(struct session_build *b, const echo_attendance_row *r,
                          const struct keys *k)
{
	echo_buf key = ECHO_BUF_INIT;
	echo_buf_printf(&key, "room:%s", *k->full ? k->full : r->name);
	char *id = echo_arena_strndup(b->res->arena, echo_buf_cstr(&key), key.len);
	echo_buf_free(&key);
	if (!id) {
		b->oom = 1;
		return NONE;
	}
	size_t i = map_get(&b->by_key, id);
	if (i == NONE) {
		i = person_new(b, id, shown_name(b, r->name), r->email, k);
		if (i != NONE) {
			b->people[i].out.kind = ECHO_PERSON_ROOM;
			add_note(b, ECHO_ATT_ROOM, r);
		}
	}
	return i;
}

struct generic_row {
	size_t row;
	const char *key;          /* the name's key */
	echo_wallclock join;
};

static int generic_cmp(const void *a, const void *b)
{
	const struct generic_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (x->join != y->join)
		return x->join < y->join ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Rows of dial-in and device names ("Call-in User_1", "iPhone"): never
 * matched to anyone by name.  Rows of one such name are one connection
 * reconnecting when their times do not overlap (each row starts after the
 * previous one left), else that many connections. */
static void generic_people(struct session_build *b, struct generic_row *g, size_t n)
{
	const echo_attendance_row *rows = b->att->rows;
	if (n)
		qsort(g, n, sizeof *g, generic_cmp);   /* by name, then by join time */
	size_t first_of_name = 0, connections = 0;
	for (size_t i = 0; i < n && !b->oom; i++) {
		const echo_attendance_row *r = &rows[g[i].row];
		if (i == 0 || strcmp(g[i].key, g[i - 1].key) != 0) {
			first_of_name = b->count;
			connections = 0;
		}
		size_t who = NONE;
		for (size_t p = first_of_name; p < b->count && who == NONE; p++)
			if (!r->has_times || b->people[p].last_leave <= r->join)
				who = p;
		if (who == NONE) {
			echo_buf key = ECHO_BUF_INIT;
			echo_buf_printf(&key, "generic:%s:%s#%zu", b->res->label, g[i].key, ++connections);
			char *id = echo_arena_strndup(b->res->arena, echo_buf_cstr(&key), key.len);
			echo_buf_free(&key);
			struct keys k = {g[i].key, g[i].key, ""};
			who = id ? person_new(b, id, shown_name(b, r->name), "", &k) : NONE;
			if (who == NONE) {
				b->oom = 1;
				break;
			}
			b->people[who].out.kind = ECHO_PERSON_GENERIC;
			add_note(b, ECHO_ATT_GENERIC, r);
		}
		if (r->has_times && r->leave > b->people[who].last_leave)
			b->people[who].last_leave = r->leave;
		account(b, who, r);
	}
}

/* The hub team and the facilitator: known in advance like the enrolled,
 * so that their rows match them, and marked as faculty. */
static void faculty_people(struct session_build *b, const echo_session_credit_options *opts)
{
	for (size_t i = 0; i < opts->faculty_count && !b->oom; i++) {
		const echo_attendance_faculty *f = &opts->faculty[i];
		if (!f->name || !*f->name)
			continue;
		echo_attendance_row r = {.name = f->name, .email = f->email ? f->email : "",
		                         .attended = 1, .total_minutes = -1, .guest = -1};
		struct keys k;
		if (keys_of(b->res->arena, f->name, &k) != 0) {
			b->oom = 1;
			break;
		}
		/* Someone of the directory by that name is the one meant. */
		size_t p = *r.email ? NONE : names_find(&b->names, &k);
		if (p == NONE || p == AMBIGUOUS)
			p = person_of_row(b, &r, &k, 1);
		if (p == NONE || b->people[p].out.kind == ECHO_PERSON_FACULTY)
			continue;
		b->people[p].out.kind = ECHO_PERSON_FACULTY;
		b->people[p].out.role = own(b, f->role ? f->role : "");
		/* "Dana Whitfield, MD" is shown as the export or directory has it. */
	}
}

static void account(struct session_build *b, size_t i, const echo_attendance_row *r)
{
	struct person *p = &b->people[i];
	echo_session_credit *res = b->res;
	p->out.rows++;
	if (!p->out.first_line || r->line < p->out.first_line)
		p->out.first_line = r->line;
	if (r->guest >= 0) {
		p->any_guest_info = 1;
		p->guest_all &= r->guest == 1;
	}
	if (!r->attended)
		return;
	if (r->waiting_room) {
		add_note(b, ECHO_ATT_WAITING, r);
		return;
	}
	p->attended = 1;
	p->out.absent = 0;
	if (is_roster_row(r)) {
		p->unknown = 1;
	} else if (r->total_minutes >= 0) {
		p->total = 1;
		p->total_seconds += r->total_minutes * 60LL;
	} else if (r->has_times) {
		p->intervals = 1;
		echo_wallclock s = r->join > res->start ? r->join : res->start;
		echo_wallclock e = r->leave < res->end ? r->leave : res->end;
		if (e <= s) {
			if (r->leave > r->join || r->join < res->start || r->join >= res->end)
				add_note(b, ECHO_ATT_OUTSIDE, r);
			return;
		}
		if (b->niv == b->capiv) {
			size_t cap = b->capiv ? b->capiv * 2 : 256;
			struct interval *iv = realloc(b->iv, cap * sizeof *iv);
			if (!iv) {
				b->oom = 1;
				return;
			}
			b->iv = iv;
			b->capiv = cap;
		}
		b->iv[b->niv++] = (struct interval){i, s, e};
	}
}

static int interval_cmp(const void *a, const void *b)
{
	const struct interval *x = a, *y = b;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

static int person_cmp(const void *a, const void *b)
{
	const echo_session_person *x = a, *y = b;
	int c = strcmp(x->name_key, y->name_key);
	if (c)
		return c;
	c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->key, y->key);
}

static int note_cmp(const void *a, const void *b)
{
	const echo_attendance_note *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

int echo_session_person_present(const echo_session_person *p)
{
	if (p->kind == ECHO_PERSON_ROOM || p->absent)
		return 0;
	return p->source == ECHO_MINUTES_UNKNOWN ||
	       ((p->source == ECHO_MINUTES_INTERVALS || p->source == ECHO_MINUTES_TOTAL) &&
	        p->seconds > 0);
}

echo_head_count echo_session_head_count(const echo_session_credit *c)
{
	echo_head_count h = {0};
	for (size_t i = 0; c && i < c->count; i++) {
		const echo_session_person *p = &c->people[i];
		if (p->kind == ECHO_PERSON_ROOM) {
			h.rooms++;
			continue;
		}
		if (!echo_session_person_present(p)) {
			h.absent++;
			continue;
		}
		h.present++;
		if (p->kind == ECHO_PERSON_FACULTY)
			h.faculty++;
		else
			h.learners++;
		h.credited += p->credit == ECHO_CREDIT_MET;
	}
	return h;
}

static echo_credit_status credit_of(const echo_session_person *p, const echo_credit_rule *rule,
                                    long long window)
{
	if (p->source == ECHO_MINUTES_UNKNOWN)
		return rule->presence_counts ? ECHO_CREDIT_MET : ECHO_CREDIT_UNKNOWN;
	if (p->seconds <= 0)
		return ECHO_CREDIT_NOT_MET;
	if (rule->min_minutes > 0 && p->seconds < rule->min_minutes * 60LL)
		return ECHO_CREDIT_NOT_MET;
	if (rule->min_percent > 0 && p->seconds * 100 < (long long)rule->min_percent * window)
		return ECHO_CREDIT_NOT_MET;
	return ECHO_CREDIT_MET;
}

static long day_of(echo_wallclock t)
{
	return (long)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
}

/* An export of another day than the session's is an error, at the
 * meeting's date when the export gives one, and at the first row of
 * another day in each file, whether or not it has a header.  A row
 * counts as of the session's day when it joins or leaves on it. */
static int check_dates(const echo_attendance *att, echo_wallclock start, echo_diags *diags)
{
	long day = day_of(start);
	char want[24], got[24];
	echo_wallclock_format(start, want, sizeof want);
	want[10] = '\0';
	int bad = 0;
	if (att->has_window && day_of(att->start) != day) {
		echo_wallclock_format(att->start, got, sizeof got);
		got[10] = '\0';
		echo_diags_add(diags, ECHO_ERROR, att->path, att->start_line ? att->start_line : 1,
		               att->start_line ? att->start_col : 1, "attendance-date",
		               "this export is of a meeting on %s, not of the session on %s", got, want);
		bad = 1;
	}
	const char *reported = NULL;   /* one finding per file: the first row */
	for (size_t i = 0; i < att->count && bad != 1; i++) {
		const echo_attendance_row *r = &att->rows[i];
		const char *path = r->path ? r->path : att->path;
		if (!r->has_times || day_of(r->join) == day || day_of(r->leave) == day ||
		    (reported && strcmp(reported, path) == 0))
			continue;
		size_t others = 0;
		for (size_t k = i + 1; k < att->count; k++) {
			const echo_attendance_row *o = &att->rows[k];
			others += o->has_times && day_of(o->join) != day && day_of(o->leave) != day &&
			          strcmp(o->path ? o->path : att->path, path) == 0;
		}
		echo_wallclock_format(r->join, got, sizeof got);
		got[10] = '\0';
		echo_diags_add(diags, ECHO_ERROR, path, r->line, r->join_col ? r->join_col : 1,
		               "attendance-date",
		               "'%s' joined on %s, not on the session's date %s%s: an export of "
		               "another session?", r->name, got, want,
		               others ? " (and so do later rows)" : "");
		reported = path;
		bad = 2;
	}
	return bad ? -1 : 0;
}

void echo_session_credit_free(echo_session_credit *credit)
{
	if (!credit)
		return;
	free(credit->label);
	free(credit->path);
	echo_arena_free(credit->arena);
	free(credit);
}

void echo_hours_format(long hundredths, char *buf, size_t size)
{
	snprintf(buf, size, "%ld.%02ld", hundredths / 100, hundredths % 100);
}

/* The hours credit earns a person: the session's, or with the
 * quarter-hour rule the time present rounded down to a quarter hour (25
 * hundredths), never more than the session's. */
static long hours_earned(const echo_credit_hours *h, const echo_session_person *p)
{
	if (p->credit != ECHO_CREDIT_MET)
		return 0;
	if (!h->by_quarter_hour || p->source == ECHO_MINUTES_UNKNOWN)
		return h->hours;
	long quarters = (long)(p->seconds / 900) * 25;
	return quarters < h->hours ? quarters : h->hours;
}

echo_session_credit *echo_session_credit_compute(const echo_attendance *att,
                                                 const echo_session_credit_options *opts,
                                                 echo_diags *diags)
{
	static const echo_session_credit_options none;
	if (!opts)
		opts = &none;
	echo_wallclock start, end;
	if (opts->has_window) {
		start = opts->start;
		end = opts->end;
	} else if (att->has_window) {
		start = att->start;
		end = att->end;
	} else {
		echo_diags_add(diags, ECHO_ERROR, att->path, 0, 0, "attendance-window",
		               "no session window: the %s export has no meeting times; give the "
		               "session's scheduled start and end", echo_attendance_kind_name(att->kind));
		return NULL;
	}
	if (end <= start) {
		echo_diags_add(diags, ECHO_ERROR, att->path, 0, 0, "attendance-window",
		               "the session ends before it starts");
		return NULL;
	}
	char date[24];
	echo_wallclock_format(start, date, sizeof date);
	date[10] = '\0';
	if (opts->has_window && check_dates(att, start, diags) != 0)
		return NULL;
	echo_session_credit *res = calloc(1, sizeof *res);
	if (res) {
		res->label = strdup(opts->label ? opts->label : date);
		res->path = strdup(att->path);
		res->arena = echo_arena_new();
	}
	if (!res || !res->label || !res->path || !res->arena) {
		echo_session_credit_free(res);
		echo_diags_add(diags, ECHO_ERROR, att->path, 0, 0, "io", "out of memory");
		return NULL;
	}
	res->kind = att->kind;
	res->start = start;
	res->end = end;
	res->has_utc_offset = opts->has_utc_offset;
	res->utc_offset = opts->utc_offset;
	res->rule = opts->rule;
	res->hours = opts->hours;
	res->hours.kind = opts->hours.kind ? echo_arena_strndup(res->arena, opts->hours.kind,
	                                                        strlen(opts->hours.kind))
	                                   : NULL;
	res->hours.statement = opts->hours.statement
	                           ? echo_arena_strndup(res->arena, opts->hours.statement,
	                                                strlen(opts->hours.statement))
	                           : NULL;

	struct session_build b = {.res = res, .att = att, .directory = opts->directory,
	                          .diags = diags};
	struct keys *rowkeys = calloc(att->count ? att->count : 1, sizeof *rowkeys);
	if (!rowkeys)
		b.oom = 1;
	/* The enrolled first, then rows with an email, then rows without one,
	 * so that a name is matched against everyone who has an email. */
	const echo_attendance *dir = opts->directory;
	for (size_t i = 0; dir && i < dir->count && !b.oom; i++) {
		struct keys k;
		if (keys_of(res->arena, dir->rows[i].name, &k) != 0) {
			b.oom = 1;
			break;
		}
		size_t p = person_of_row(&b, &dir->rows[i], &k, 1);
		if (p != NONE && *dir->rows[i].email)
			b.people[p].out.name = own(&b, dir->rows[i].name);
	}
	faculty_people(&b, opts);
	for (size_t i = 0; i < att->count; i++)
		b.any_email |= *att->rows[i].email != '\0';
	struct generic_row *generic = calloc(att->count ? att->count : 1, sizeof *generic);
	size_t ngeneric = 0;
	if (!generic)
		b.oom = 1;
	for (int pass = 0; pass < 2 && !b.oom; pass++)
		for (size_t i = 0; i < att->count && !b.oom; i++) {
			const echo_attendance_row *r = &att->rows[i];
			if ((pass == 0) != (*r->email != '\0'))
				continue;
			if (keys_of(res->arena, r->name, &rowkeys[i]) != 0) {
				b.oom = 1;
				break;
			}
			echo_person_kind kind = echo_attendance_name_kind(r->name);
			if (kind == ECHO_PERSON_GENERIC && !*r->email) {
				generic[ngeneric++] = (struct generic_row){
					i, *rowkeys[i].full ? rowkeys[i].full : "?", r->join};
				continue;
			}
			size_t p = kind == ECHO_PERSON_ROOM ? room_of_row(&b, r, &rowkeys[i])
			                                    : person_of_row(&b, r, &rowkeys[i], 0);
			if (p != NONE)
				account(&b, p, r);
		}
	if (!b.oom)
		generic_people(&b, generic, ngeneric);
	free(generic);
	free(rowkeys);

	/* Union of intervals per person: sorted, then swept. */
	if (!b.oom && b.niv) {
		qsort(b.iv, b.niv, sizeof *b.iv, interval_cmp);
		size_t i = 0;
		while (i < b.niv) {
			size_t who = b.iv[i].person;
			echo_wallclock s = b.iv[i].start, e = b.iv[i].end;
			long long sum = 0;
			for (i++; i < b.niv && b.iv[i].person == who; i++) {
				if (b.iv[i].start > e) {
					sum += e - s;
					s = b.iv[i].start;
					e = b.iv[i].end;
				} else if (b.iv[i].end > e) {
					e = b.iv[i].end;
				}
			}
			b.people[who].out.seconds = sum + (e - s);
		}
	}
	long long window = end - start;
	if (!b.oom) {
		res->people = echo_arena_alloc(res->arena, (b.count ? b.count : 1) * sizeof *res->people);
		res->notes = echo_arena_alloc(res->arena, (b.nnotes ? b.nnotes : 1) * sizeof *res->notes);
		if (!res->people || !res->notes)
			b.oom = 1;
	}
	if (!b.oom) {
		for (size_t i = 0; i < b.count; i++) {
			struct person *p = &b.people[i];
			echo_session_person *o = &p->out;
			if (p->intervals)
				o->source = ECHO_MINUTES_INTERVALS;
			else if (p->total) {
				o->source = ECHO_MINUTES_TOTAL;
				o->seconds = p->total_seconds < window ? p->total_seconds : window;
			} else if (p->unknown)
				o->source = ECHO_MINUTES_UNKNOWN;
			else
				o->source = ECHO_MINUTES_NONE;
			/* Connected, but only before or after the session (the
			 * waiting room, the lobby): not present. */
			if (o->source == ECHO_MINUTES_INTERVALS && o->seconds == 0) {
				o->source = ECHO_MINUTES_NONE;
				o->absent = 1;
			}
			o->guest = p->any_guest_info && p->guest_all;
			o->credit = credit_of(o, &res->rule, window);
			if (o->kind == ECHO_PERSON_FACULTY || o->kind == ECHO_PERSON_ROOM)
				o->credit = ECHO_CREDIT_NOT_LEARNER;
			o->hours = hours_earned(&res->hours, o);
			/* Faculty who did not come are not news. */
			if (o->kind == ECHO_PERSON_FACULTY && o->rows == 0)
				continue;
			res->people[res->count++] = *o;
		}
		if (res->count)
			qsort(res->people, res->count, sizeof *res->people, person_cmp);
		if (b.nnotes)
			memcpy(res->notes, b.notes, b.nnotes * sizeof *b.notes);
		res->note_count = b.nnotes;
		if (res->note_count)
			qsort(res->notes, res->note_count, sizeof *res->notes, note_cmp);
	}
	free(b.people);
	free(b.iv);
	free(b.notes);
	map_free(&b.by_key);
	names_free(&b.names);
	if (b.oom) {
		echo_diags_add(diags, ECHO_ERROR, att->path, 0, 0, "io", "out of memory");
		echo_session_credit_free(res);
		return NULL;
	}
	return res;
}

/* ---- Rules as written ------------------------------------------------ */

/* A whole number at *s, then spaces; -1 when there is none. */
static long number_at(const char **s)
{
	const char *p = *s;
	long v = 0;
	int digits = 0;
	while (*p >= '0' && *p <= '9' && digits < 6) {
		v = v * 10 + (*p++ - '0');
		digits++;
	}
	if (!digits || (*p >= '0' && *p <= '9'))
		return -1;
	*s = p;
	return v;
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int echo_percent_parse(const char *text, unsigned *percent, const char **why)
{
	const char *dummy, *s = skip_spaces(text);
	if (!why)
		why = &dummy;
	long v = number_at(&s);
	if (v < 0) {
		*why = "expected a percentage such as 75%";
		return -1;
	}
	s = skip_spaces(s);
	if (*s != '%') {
		*why = "a bare number: write it as a percentage, such as 75%";
		return -1;
	}
	if (*skip_spaces(s + 1)) {
		*why = "unexpected text after the percentage";
		return -1;
	}
	if (v > 100) {
		*why = "a percentage above 100%";
		return -1;
	}
	*percent = (unsigned)v;
	return 0;
}

int echo_series_rule_parse(const char *text, echo_series_rule *rule, const char **why)
{
	const char *dummy, *s = skip_spaces(text);
	if (!why)
		why = &dummy;
	unsigned pct = 0;
	size_t sessions = 0;
	int parts = 0;
	for (;;) {
		long v = number_at(&s);
		if (v < 0) {
			*why = "expected 80% (of the sessions held), 10 sessions, or both joined by 'and'";
			return -1;
		}
		s = skip_spaces(s);
		if (*s == '%') {
			if (pct || v == 0 || v > 100) {
				*why = pct ? "two percentages" : "a percentage must be 1% to 100%";
				return -1;
			}
			pct = (unsigned)v;
			s++;
		} else if (strncmp(s, "sessions", 8) == 0 || strncmp(s, "session", 7) == 0) {
			if (sessions || v == 0) {
				*why = sessions ? "two numbers of sessions" : "0 sessions certifies no one's work";
				return -1;
			}
			sessions = (size_t)v;
			s += s[7] == 's' ? 8 : 7;
		} else {
			*why = *s ? "expected % or 'sessions' after the number"
			          : "a bare number: write a share of the sessions held (80%) or a "
			            "number of sessions (10 sessions)";
			return -1;
		}
		parts++;
		s = skip_spaces(s);
		if (!*s)
			break;
		if (strncmp(s, "and", 3) != 0 || parts == 2) {
			*why = "unexpected text after the rule (write 80% and 10 sessions)";
			return -1;
		}
		s = skip_spaces(s + 3);
	}
	rule->min_percent = pct;
	rule->min_sessions = sessions;
	return 0;
}

/* ---- A series --------------------------------------------------------- */

struct sperson {
	echo_series_person out;
	const char *name_key;
	size_t marks;             /* offset into the marks array */
};

struct series_build {
	echo_series_credit *res;
	size_t sessions;
	struct sperson *people;
	size_t count, cap;
	echo_series_mark *marks;
	size_t nmarks, capmarks;
	struct map by_key;
	struct names names;
	int oom;
};

static size_t sperson_new(struct series_build *b, const echo_session_person *sp,
                          const char *key)
{
	if (b->count == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct sperson *p = realloc(b->people, cap * sizeof *p);
		if (!p)
			return NONE;
		b->people = p;
		b->cap = cap;
	}
	while (b->nmarks + b->sessions > b->capmarks) {
		size_t cap = b->capmarks ? b->capmarks * 2 : 256 + b->sessions;
		echo_series_mark *m = realloc(b->marks, cap * sizeof *m);
		if (!m)
			return NONE;
		b->marks = m;
		b->capmarks = cap;
	}
	size_t *slot = map_slot(&b->by_key, key);
	if (!slot)
		return NONE;
	struct echo_arena *arena = b->res->arena;
	size_t i = b->count++;
	*slot = i;
	struct sperson *p = &b->people[i];
	memset(p, 0, sizeof *p);
	p->out.key = key;
	p->out.name = echo_arena_strndup(arena, sp->name, strlen(sp->name));
	p->out.email = echo_arena_strndup(arena, sp->email, strlen(sp->email));
	p->out.kind = ECHO_PERSON_LEARNER;
	p->out.role = "";
	p->name_key = echo_arena_strndup(arena, sp->name_key, strlen(sp->name_key));
	p->marks = b->nmarks;
	memset(b->marks + b->nmarks, 0, b->sessions * sizeof *b->marks);
	b->nmarks += b->sessions;
	if (!p->out.name || !p->out.email || !p->name_key)
		return NONE;
	return i;
}

static int source_rank(echo_minutes_source s)
{
	switch (s) {
	case ECHO_MINUTES_INTERVALS: return 3;
	case ECHO_MINUTES_TOTAL: return 2;
	case ECHO_MINUTES_UNKNOWN: return 1;
	case ECHO_MINUTES_NONE: return 0;
	}
	return 0;
}

static void mark(struct series_build *b, size_t who, size_t session,
                 const echo_session_person *sp)
{
	echo_series_mark *m = &b->marks[b->people[who].marks + session];
	if (sp->source == ECHO_MINUTES_NONE && m->source != ECHO_MINUTES_NONE)
		return;
	/* The same person twice in one session (once by email, once by a
	 * name matched only across sessions): keep the better record. */
	if (sp->seconds > m->seconds)
		m->seconds = sp->seconds;
	if (source_rank(sp->source) > source_rank(m->source))
		m->source = sp->source;
	if (sp->hours > m->hours)
		m->hours = sp->hours;
	if (sp->credit == ECHO_CREDIT_MET || m->credit == ECHO_CREDIT_MET)
		m->credit = ECHO_CREDIT_MET;
	else if (sp->credit == ECHO_CREDIT_UNKNOWN || m->credit == ECHO_CREDIT_UNKNOWN)
		m->credit = ECHO_CREDIT_UNKNOWN;
	else
		m->credit = ECHO_CREDIT_NOT_MET;
}

static int sperson_cmp(const void *a, const void *b)
{
	const struct sperson *x = a, *y = b;
	int c = strcmp(x->name_key, y->name_key);
	if (c)
		return c;
	c = strcmp(x->out.name, y->out.name);
	return c ? c : strcmp(x->out.key, y->out.key);
}

void echo_series_credit_free(echo_series_credit *series)
{
	if (!series)
		return;
	echo_arena_free(series->arena);
	free(series);
}

echo_series_credit *echo_series_credit_compute(const echo_series_session *sessions,
                                               size_t count,
                                               const echo_series_rule *rule,
                                               echo_diags *diags)
{
	static const echo_series_rule no_rule;
	if (!rule)
		rule = &no_rule;
	int missing = 0;
	size_t held = 0;
	for (size_t i = 0; i < count; i++) {
		const echo_series_session *s = &sessions[i];
		if (s->cancelled)
			continue;
		held++;
		if (!s->credit) {
			const char *label = s->label ? s->label : "?";
			echo_diags_add(diags, ECHO_ERROR, s->path ? s->path : label, s->path ? s->line : 0,
			               s->path && s->line ? 1 : 0, "attendance-missing",
			               "session %s has no attendance: give its export, or mark it cancelled",
			               label);
			missing++;
		}
	}
	if (missing)
		return NULL;
	if (held == 0) {
		echo_diags_add(diags, ECHO_ERROR, count && sessions[0].path ? sessions[0].path : "<series>",
		               0, 0, "attendance-missing", "the series has no session that was held");
		return NULL;
	}
	if (rule->min_sessions > held) {
		echo_diags_add(diags, ECHO_ERROR, rule->path, rule->path ? rule->line : 0,
		               rule->path ? rule->col : 0, "attendance-rule",
		               "certification needs credit in %zu sessions, but only %zu %s held: no "
		               "one could be certified", rule->min_sessions, held,
		               held == 1 ? "was" : "were");
		return NULL;
	}
	echo_series_credit *res = calloc(1, sizeof *res);
	if (res)
		res->arena = echo_arena_new();
	if (!res || !res->arena) {
		free(res);
		echo_diags_add(diags, ECHO_ERROR, "<series>", 0, 0, "io", "out of memory");
		return NULL;
	}
	res->rule = *rule;
	res->session_count = count;
	res->held = held;
	res->labels = echo_arena_alloc(res->arena, (count ? count : 1) * sizeof *res->labels);
	res->cancelled = echo_arena_alloc(res->arena, (count ? count : 1) * sizeof *res->cancelled);
	struct series_build b = {.res = res, .sessions = count};
	if (!res->labels || !res->cancelled)
		b.oom = 1;
	for (size_t i = 0; i < count && !b.oom; i++) {
		const char *label = sessions[i].label ? sessions[i].label
		                  : sessions[i].credit ? sessions[i].credit->label : "";
		res->labels[i] = echo_arena_strndup(res->arena, label, strlen(label));
		res->cancelled[i] = sessions[i].cancelled;
		if (!res->labels[i])
			b.oom = 1;
		/* Kind and statement: the first session's that states them. */
		const echo_session_credit *c = sessions[i].credit;
		if (c && !sessions[i].cancelled && c->hours.hours > res->hours.hours)
			res->hours.hours = c->hours.hours;
		if (c && !sessions[i].cancelled)
			res->hours.by_quarter_hour |= c->hours.by_quarter_hour;
		if (c && !sessions[i].cancelled && !res->hours.kind && c->hours.kind)
			res->hours.kind = echo_arena_strndup(res->arena, c->hours.kind,
			                                     strlen(c->hours.kind));
		if (c && !sessions[i].cancelled && !res->hours.statement && c->hours.statement)
			res->hours.statement = echo_arena_strndup(res->arena, c->hours.statement,
			                                          strlen(c->hours.statement));
	}
	/* People with an email first, across all sessions; then those known
	 * only by name, matched to them when one fits. */
	for (int pass = 0; pass < 2 && !b.oom; pass++)
		for (size_t i = 0; i < count && !b.oom; i++) {
			const echo_session_credit *c = sessions[i].credit;
			if (!c || sessions[i].cancelled)
				continue;
			for (size_t j = 0; j < c->count && !b.oom; j++) {
				const echo_session_person *sp = &c->people[j];
				if ((pass == 0) != (*sp->email != '\0') || sp->kind == ECHO_PERSON_ROOM)
					continue;
				struct keys k = {sp->name_key, NULL, ""};
				echo_buf loose = ECHO_BUF_INIT;
				loose_key(sp->name_key, &loose);
				k.loose = echo_arena_strndup(res->arena, echo_buf_cstr(&loose), loose.len);
				echo_buf_free(&loose);
				if (!k.loose) {
					b.oom = 1;
					break;
				}
				size_t who = map_get(&b.by_key, sp->key);
				/* A dial-in or device name is no one in particular. */
				if (who == NONE && pass == 1 && sp->kind != ECHO_PERSON_GENERIC) {
					size_t w = names_find(&b.names, &k);
					if (w != AMBIGUOUS)
						who = w;
				}
				if (who == NONE) {
					char *key = echo_arena_strndup(res->arena, sp->key, strlen(sp->key));
					who = key ? sperson_new(&b, sp, key) : NONE;
					if (who == NONE) {
						b.oom = 1;
						break;
					}
				}
				if (pass == 0 && names_add(&b.names, &k, who) != 0)
					b.oom = 1;
				if (!b.oom)
					mark(&b, who, i, sp);
				if (!b.oom && sp->kind == ECHO_PERSON_FACULTY) {
					struct sperson *f = &b.people[who];
					f->out.kind = ECHO_PERSON_FACULTY;
					if (!*f->out.role)
						f->out.role = echo_arena_strndup(res->arena, sp->role, strlen(sp->role));
					if (!f->out.role)
						b.oom = 1;
				} else if (!b.oom && sp->kind == ECHO_PERSON_GENERIC) {
					b.people[who].out.kind = ECHO_PERSON_GENERIC;
				}
			}
		}
	if (!b.oom) {
		res->people = echo_arena_alloc(res->arena, (b.count ? b.count : 1) * sizeof *res->people);
		if (!res->people)
			b.oom = 1;
	}
	if (!b.oom) {
		if (b.count)
			qsort(b.people, b.count, sizeof *b.people, sperson_cmp);
		for (size_t i = 0; i < b.count && !b.oom; i++) {
			struct sperson *p = &b.people[i];
			echo_series_mark *m = echo_arena_alloc(res->arena, (count ? count : 1) * sizeof *m);
			if (!m) {
				b.oom = 1;
				break;
			}
			memcpy(m, b.marks + p->marks, count * sizeof *m);
			p->out.marks = m;
			for (size_t s = 0; s < count; s++) {
				if (res->cancelled[s])
					continue;
				if ((m[s].seconds > 0 && m[s].source != ECHO_MINUTES_NONE) ||
				    m[s].source == ECHO_MINUTES_UNKNOWN)
					p->out.present++;
				if (m[s].credit == ECHO_CREDIT_MET)
					p->out.credited++;
				p->out.hours += m[s].hours;
			}
			p->out.percent = (unsigned)(p->out.credited * 100 / held);
			p->out.attendance_met = p->out.kind != ECHO_PERSON_FACULTY &&
			                        p->out.credited * 100 >= (size_t)rule->min_percent * held &&
			                        p->out.credited >= rule->min_sessions;
			p->out.certified = p->out.attendance_met;
			res->people[i] = p->out;
		}
		res->count = b.count;
	}
	free(b.people);
	free(b.marks);
	map_free(&b.by_key);
	names_free(&b.names);
	if (b.oom) {
		echo_diags_add(diags, ECHO_ERROR, "<series>", 0, 0, "io", "out of memory");
		echo_series_credit_free(res);
		return NULL;
	}
	return res;
}
