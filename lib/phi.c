/* Screening free text for HIPAA Safe Harbor identifiers.  Hand-written
 * scanners over a token stream: each rule looks at a bounded window of
 * tokens around the current one, so a scan is linear in its input.
 * doc/phi.md describes the rules, the name signals and the blind spots. */
#include "echo/phi.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "phi_hash.h"

/* Context-word classes.  phi_lexicon.txt names them in lower case and the
 * generated phi_words.h refers to these macros. */
#define KW_BIT(n) (UINT64_C(1) << (n))
#define KW_RELATION KW_BIT(0)
#define KW_EMPLOYER KW_BIT(1)
#define KW_INTRO KW_BIT(2)
#define KW_HONOR KW_BIT(3)
#define KW_EMPLOYVERB KW_BIT(4)
#define KW_PLACEPREP KW_BIT(5)
#define KW_RESIDE KW_BIT(6)
#define KW_MOTION KW_BIT(7)
#define KW_STREETPREP KW_BIT(8)
#define KW_PLACESUFFIX KW_BIT(9)
#define KW_STREET KW_BIT(10)
#define KW_STREETSTRONG KW_BIT(11)
#define KW_DIRECTION KW_BIT(12)
#define KW_UNITLABEL KW_BIT(13)
#define KW_PARTICLE KW_BIT(14)
#define KW_ABBRPLACE KW_BIT(15)
#define KW_MONTH KW_BIT(16)
#define KW_MONTHABBR KW_BIT(17)
#define KW_WEEKDAY KW_BIT(18)
#define KW_WEEKDAYABBR KW_BIT(19)
#define KW_STATE KW_BIT(20)
#define KW_STATE1 KW_BIT(21)
#define KW_STATE2 KW_BIT(22)
#define KW_STATEABBR KW_BIT(23)
#define KW_DATEPREP KW_BIT(24)
#define KW_DATECTX KW_BIT(25)
#define KW_UNIT KW_BIT(26)
#define KW_NEGPREV KW_BIT(27)
#define KW_AGEWORD KW_BIT(28)
#define KW_PRONOUN KW_BIT(29)
#define KW_AGEBECOME KW_BIT(30)
#define KW_KMRN KW_BIT(31)
#define KW_KSSN KW_BIT(32)
#define KW_KPLAN KW_BIT(33)
#define KW_KACCOUNT KW_BIT(34)
#define KW_KCARD KW_BIT(35)
#define KW_KLICENSE KW_BIT(36)
#define KW_KVEHICLE KW_BIT(37)
#define KW_KDEVICE KW_BIT(38)
#define KW_KID KW_BIT(39)
#define KW_KFAX KW_BIT(40)
#define KW_KPHONE KW_BIT(41)
#define KW_KZIP KW_BIT(42)
#define KW_NEEDQUAL KW_BIT(43)
#define KW_QUAL KW_BIT(44)
#define KW_FILLER KW_BIT(45)
#define KW_SCHEME KW_BIT(46)
#define KW_TLD KW_BIT(47)
#define KW_EXT KW_BIT(48)
#define KW_AGEYEAR KW_BIT(49)
#define KW_BUSINESS KW_BIT(50)
#define KW_FACILITY KW_BIT(51)
#define KW_SPEECH KW_BIT(52)
#define KW_PRODUCT KW_BIT(53)
#define KW_SLANG KW_BIT(54)
#define KW_HOLIDAY KW_BIT(55)
#define KW_MAKE KW_BIT(56)
#define KW_INSTITUTION KW_BIT(57)

#define KW_KINDS (KW_KMRN | KW_KSSN | KW_KPLAN | KW_KACCOUNT | KW_KCARD | \
                  KW_KLICENSE | KW_KVEHICLE | KW_KDEVICE | KW_KID | \
                  KW_KFAX | KW_KPHONE | KW_KZIP)

struct phi_keyword {
	uint32_t hash;
	const char *word;
	uint64_t flags;
	uint8_t value;
};

/* Dictionary flags: how the system word list and the allow list know a
 * word. */
enum {
	WF_PROPER = 1,  /* capitalised in the word list: Marcus, Gallup */
	WF_COMMON = 2,  /* in lower case too: will, hope, grant */
	WF_HARD = 4,    /* allow list: never a name (Suboxone, Medicaid) */
	WF_SOFT = 8,    /* allow list: not a name alone (Navajo, Christian) */
	WF_MEDICAL = 16, /* only in the medical word list: tricuspid, xylazine */
	WF_GIVEN = 32,   /* a given name in the census lists: Mark, Keisha */
	WF_SURNAME = 64, /* a surname in the census lists: Begay, Smith */
	WF_GEO = 128,    /* a place name in GeoNames: Gallup, Walker */
};
#define WF_PERSON (WF_GIVEN | WF_SURNAME)
/* The flags that say a word is in a word list as a word (or a name in the
 * general list): the gazetteers alone do not. */
#define WF_WORDISH (WF_PROPER | WF_COMMON | WF_HARD | WF_SOFT)

#include "phi_words.h"

/* ------------------------------------------------------------------ */
/* Categories                                                          */

static const struct {
	const char *rule;
	const char *tag;
	const char *label;
} category_info[ECHO_PHI_CATEGORY_COUNT] = {
	[ECHO_PHI_NAME] = {"phi-name", "[NAME]", "name"},
	[ECHO_PHI_PLACE] = {"phi-place", "[PLACE]", "place smaller than a state"},
	[ECHO_PHI_ZIP] = {"phi-zip", "[ZIP]", "ZIP code"},
	[ECHO_PHI_DATE] = {"phi-date", "[DATE]", "date"},
	[ECHO_PHI_AGE] = {"phi-age", "[AGE]", "age over 89"},
	[ECHO_PHI_PHONE] = {"phi-phone", "[PHONE]", "phone number"},
	[ECHO_PHI_FAX] = {"phi-fax", "[FAX]", "fax number"},
	[ECHO_PHI_EMAIL] = {"phi-email", "[EMAIL]", "email address"},
	[ECHO_PHI_SSN] = {"phi-ssn", "[SSN]", "social security number"},
	[ECHO_PHI_MRN] = {"phi-mrn", "[MRN]", "medical record number"},
	[ECHO_PHI_PLAN] = {"phi-plan", "[PLAN-ID]",
	                   "health plan beneficiary number"},
	[ECHO_PHI_ACCOUNT] = {"phi-account", "[ACCOUNT]", "account number"},
	[ECHO_PHI_LICENSE] = {"phi-license", "[LICENSE]",
	                      "certificate or license number"},
	[ECHO_PHI_VEHICLE] = {"phi-vehicle", "[VEHICLE]",
	                      "vehicle identifier"},
	[ECHO_PHI_DEVICE] = {"phi-device", "[DEVICE]", "device identifier"},
	[ECHO_PHI_URL] = {"phi-url", "[URL]", "URL"},
	[ECHO_PHI_IP] = {"phi-ip", "[IP]", "IP address"},
	[ECHO_PHI_ID] = {"phi-id", "[ID]", "identifying number"},
};

const char *echo_phi_rule(echo_phi_category category)
{
	if ((unsigned)category >= ECHO_PHI_CATEGORY_COUNT)
		return NULL;
	return category_info[category].rule;
}

const char *echo_phi_tag(echo_phi_category category)
{
	if ((unsigned)category >= ECHO_PHI_CATEGORY_COUNT)
		return NULL;
	return category_info[category].tag;
}

const char *echo_phi_label(echo_phi_category category)
{
	if ((unsigned)category >= ECHO_PHI_CATEGORY_COUNT)
		return NULL;
	return category_info[category].label;
}

int echo_phi_category_from_rule(const char *rule)
{
	if (!rule)
		return -1;
	for (int c = 0; c < ECHO_PHI_CATEGORY_COUNT; c++)
		if (strcmp(rule, category_info[c].rule) == 0)
			return c;
	return -1;
}

void echo_phi_matches_free(echo_phi_matches *matches)
{
	if (!matches)
		return;
	free(matches->items);
	matches->items = NULL;
	matches->count = 0;
	matches->cap = 0;
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

enum tok_kind { TK_BOF, TK_EOF, TK_WORD, TK_NUM, TK_ALNUM, TK_PUNCT };

enum {
	TF_SPACE = 1,   /* whitespace before the token */
	TF_NL = 2,      /* a line break before it */
	TF_PARA = 4,    /* a blank line before it */
};

enum shape {
	SH_LOWER,       /* starts with a lower-case letter */
	SH_TITLE,       /* Marcus, O'Connell, Mary-Kate */
	SH_UPPER,       /* MRN, PHQ-9, CIWA-Ar: acronyms */
	SH_CAMEL,       /* GoFundMe, PrEP: brands */
	SH_CAMEL_NAME,  /* McKinley, DeShawn, LaToya */
	SH_INITIAL,     /* a single capital letter */
};

typedef struct tok {
	size_t start, end;
	size_t base_end;        /* end without a possessive 's */
	uint64_t kw;            /* KW_* of the word, any case */
	uint32_t hash;          /* of the lower-cased base */
	uint32_t num;           /* value of the leading digits, saturating */
	uint32_t ndigits, nletters;
	uint8_t kind, flags, shape, wflags, kwval;
	uint8_t c;              /* TK_PUNCT: the ASCII character it stands for */
	uint8_t hyphen;         /* the word has an inner hyphen */
	uint8_t possessive;
	uint8_t interleaved;    /* a digit follows a letter: 7KJM221 */
	uint8_t lead_digits;    /* ALNUM: digits before the first letter */
} tok;

#define NUM_CAP 999999999u

/* How many tokens behind the current one stay available, and how many are
 * lexed ahead of it.  Every rule's window fits inside these.  The window
 * is compacted once COMPACT tokens are behind, so moving the kept tokens
 * costs little per token. */
#define KEEP 64
#define LOOKAHEAD 64
#define COMPACT 4096

typedef struct deferred {
	size_t start, end;
	uint32_t hash;
} deferred;

typedef struct scan {
	const unsigned char *p;
	size_t len;
	size_t pos;             /* lexer position */
	tok *toks;              /* window: absolute index base .. base+n-1 */
	size_t base, n, cap;
	int lexed_all;
	tok bof, eof;
	int oom;

	echo_phi_match *m;      /* matches so far, in order */
	size_t mn, mcap;
	size_t last_end;
	int last_cat;

	/* A labelled value found ahead of the scan ("MRN at UNM is 1183920"),
	 * emitted when the scan reaches it. */
	int pend;
	size_t pend_start, pend_end;
	int pend_cat;
	/* The category of the last labelled value in this sentence, for the
	 * unlabelled values that follow it ("... and A00451190 at IHS"). */
	int sticky;
	/* Where a health plan was last named, for "card number". */
	size_t plan_seen;
	int have_plan_seen;

	/* Words accepted as names, so that a later bare mention is found too;
	 * and capitalised words left unflagged, rechecked at the end. */
	uint32_t *learn_key;
	uint8_t *learn_cat;
	size_t learn_n, learn_cap;
	deferred *def;
	size_t def_n, def_cap;
} scan;

/* Byte classes, looked up once per byte by the lexer. */
enum { BC_DIGIT = 1, BC_LOWER = 2, BC_UPPER = 4, BC_SPACE = 8 };
#define BC(c)                                                              \
	((c) >= '0' && (c) <= '9'   ? BC_DIGIT                                 \
	 : (c) >= 'a' && (c) <= 'z' ? BC_LOWER                                 \
	 : (c) >= 'A' && (c) <= 'Z' ? BC_UPPER                                 \
	 : ((c) == ' ' || ((c) >= '\t' && (c) <= '\r')) ? BC_SPACE : 0)
#define BC4(c) BC(c), BC((c) + 1), BC((c) + 2), BC((c) + 3)
#define BC16(c) BC4(c), BC4((c) + 4), BC4((c) + 8), BC4((c) + 12)
#define BC64(c) BC16(c), BC16((c) + 16), BC16((c) + 32), BC16((c) + 48)
static const uint8_t byte_class[256] = {
	BC64(0), BC64(64), BC64(128), BC64(192),
};

static int is_digit(unsigned char c)
{
	return byte_class[c] & BC_DIGIT;
}

static int is_alpha(unsigned char c)
{
	return byte_class[c] & (BC_LOWER | BC_UPPER);
}

static int is_alnum(unsigned char c)
{
	return byte_class[c] & (BC_DIGIT | BC_LOWER | BC_UPPER);
}

/* Whitespace at p[i]; *w is its width (NBSP is two bytes). */
static int space_at(const unsigned char *p, size_t n, size_t i, size_t *w)
{
	unsigned char c = p[i];
	if (byte_class[c] & BC_SPACE) {
		*w = 1;
		return 1;
	}
	if (c == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {
		*w = 2;
		return 1;
	}
	return 0;
}

/* Typographic punctuation in UTF-8, mapped to the ASCII it stands for. */
static int u8_punct(const unsigned char *p, size_t n, size_t i, size_t *w,
                    unsigned char *c)
{
	if (p[i] == 0xE2 && i + 2 < n && p[i + 1] == 0x80) {
		unsigned char d = p[i + 2];
		*w = 3;
		switch (d) {
		case 0x98: case 0x99: *c = '\''; return 1;
		case 0x9C: case 0x9D: *c = '"'; return 1;
		case 0x90: case 0x91: case 0x92: case 0x93: case 0x94:
		case 0x95: *c = '-'; return 1;
		case 0xA2: *c = '*'; return 1;
		case 0xA6: *c = '.'; return 1;
		default: return 0;
		}
	}
	if (p[i] == 0xC2 && i + 1 < n &&
	    (p[i + 1] == 0xAB || p[i + 1] == 0xBB)) {
		*w = 2;
		*c = '"';
		return 1;
	}
	return 0;
}

/* A byte that can continue a word: ASCII letters and digits, and any
 * UTF-8 byte that is not typographic punctuation or a no-break space. */
static int word_byte(const unsigned char *p, size_t n, size_t i)
{
	size_t w;
	unsigned char c;
	if (is_alnum(p[i]))
		return 1;
	if (p[i] < 0x80)
		return 0;
	if (space_at(p, n, i, &w) || u8_punct(p, n, i, &w, &c))
		return 0;
	return 1;
}

static uint32_t hash_range(const unsigned char *p, size_t a, size_t e)
{
	uint32_t h = phi_hash_init(PHI_HASH_SEED);
	for (size_t k = a; k < e; k++) {
		unsigned char c = p[k];
		if (c == 0xE2 && k + 2 < e && p[k + 1] == 0x80 &&
		    (p[k + 2] == 0x98 || p[k + 2] == 0x99)) {
			c = '\'';
			k += 2;
		}
		h = phi_hash_step(h, phi_hash_lower(c));
	}
	return phi_hash_final(h);
}

/* Does p[a..e) spell word (lower case), apart from case? */
static int range_is(const unsigned char *p, size_t a, size_t e,
                    const char *word)
{
	size_t k = a;
	const unsigned char *w = (const unsigned char *)word;
	while (k < e && *w) {
		unsigned char c = p[k];
		if (c == 0xE2 && k + 2 < e && p[k + 1] == 0x80 &&
		    (p[k + 2] == 0x98 || p[k + 2] == 0x99)) {
			c = '\'';
			k += 2;
		}
		if (phi_hash_lower(c) != *w)
			return 0;
		k++;
		w++;
	}
	return k == e && *w == '\0';
}

/* Both tables are open-addressing hash tables built by the generator. */
static const struct phi_keyword *keyword_find(uint32_t h)
{
	for (size_t i = h & (PHI_KEYWORD_SLOTS - 1);; i = (i + 1) & (PHI_KEYWORD_SLOTS - 1)) {
		unsigned k = phi_keyword_slots[i];
		if (k == 0)
			return NULL;
		if (phi_keywords[k].hash == h)
			return &phi_keywords[k];
	}
}

/* The word list is stored as hashes only: an unknown word has about one
 * chance in 60,000 of looking known.  Known words never clash (the
 * generator picks a seed for that). */
static unsigned dict_flags(uint32_t h)
{
	for (size_t i = h & (PHI_DICT_SLOTS - 1);; i = (i + 1) & (PHI_DICT_SLOTS - 1)) {
		if (phi_dict_hash[i] == 0)
			return 0;
		if (phi_dict_hash[i] == h)
			return phi_dict_flags[i];
	}
}

static int medical_word(uint32_t h)
{
	for (size_t i = h & (PHI_MEDICAL_SLOTS - 1);; i = (i + 1) & (PHI_MEDICAL_SLOTS - 1)) {
		if (phi_medical_hash[i] == 0)
			return 0;
		if (phi_medical_hash[i] == h)
			return 1;
	}
}

/* Lower-case words of the large word list that the general one lacks. */
static int everyday_word(uint32_t h)
{
	for (size_t i = h & (PHI_EVERYDAY_SLOTS - 1);; i = (i + 1) & (PHI_EVERYDAY_SLOTS - 1)) {
		if (phi_everyday_hash[i] == 0)
			return 0;
		if (phi_everyday_hash[i] == h)
			return 1;
	}
}

static unsigned dict_flags_str(const char *s, size_t n)
{
	return dict_flags(hash_range((const unsigned char *)s, 0, n));
}

static int upper_at(const unsigned char *p, size_t a, size_t e)
{
	if (p[a] >= 'A' && p[a] <= 'Z')
		return 1;
	return p[a] == 0xC3 && a + 1 < e && p[a + 1] >= 0x80 &&
	       p[a + 1] <= 0x9E && p[a + 1] != 0x97;
}

static uint8_t word_shape(const unsigned char *p, size_t a, size_t e)
{
	if (!upper_at(p, a, e))
		return SH_LOWER;
	size_t lower = 0, letters = 0, camel = 0;
	for (size_t k = a; k < e; k++) {
		unsigned char c = p[k];
		if (c >= 'a' && c <= 'z') {
			lower++;
			letters++;
		} else if (c >= 'A' && c <= 'Z') {
			letters++;
			if (!camel && k > a && p[k - 1] >= 'a' && p[k - 1] <= 'z')
				camel = k - a;
		} else if (c >= 0x80) {
			letters++;
			lower += !(c == 0xC3 && k + 1 < e && p[k + 1] <= 0x9E);
		}
	}
	if (letters == 1 && e - a <= 2)
		return SH_INITIAL;
	if (lower == 0)
		return SH_UPPER;
	/* CIWA-Ar, EDs, MRIs: an acronym with a suffix. */
	if (e - a > 1 && p[a + 1] >= 'A' && p[a + 1] <= 'Z')
		return SH_UPPER;
	if (camel) {
		static const char *const prefixes[] = {
			"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van",
			"Von",
		};
		for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
			if (strlen(prefixes[i]) == camel &&
			    memcmp(p + a, prefixes[i], camel) == 0)
				return SH_CAMEL_NAME;
		return SH_CAMEL;
	}
	return SH_TITLE;
}

struct affix {
	const char *s;
	size_t n;
};
#define AFFIX(lit) {lit, sizeof lit - 1}

/* "Unhoused", "Overdosed": an unknown capitalised word that is an everyday
 * word once a common prefix or suffix is taken off is not a name. */
static int morph_common(const unsigned char *p, size_t a, size_t e)
{
	char buf[48];
	size_t n = e - a;
	if (n < 5 || n >= sizeof buf)
		return 0;
	for (size_t k = 0; k < n; k++) {
		if (!is_alpha(p[a + k]))
			return 0;
		buf[k] = (char)phi_hash_lower(p[a + k]);
	}
	static const struct affix suffixes[] = {
		AFFIX("s"), AFFIX("es"), AFFIX("ed"), AFFIX("d"), AFFIX("ing"),
		AFFIX("ly"), AFFIX("er"), AFFIX("ers"), AFFIX("ness"),
	};
	static const struct affix prefixes[] = {
		AFFIX("un"), AFFIX("re"), AFFIX("non"), AFFIX("pre"),
		AFFIX("over"), AFFIX("under"), AFFIX("mis"), AFFIX("self"),
		AFFIX("anti"), AFFIX("post"), AFFIX("sub"), AFFIX("dis"),
		AFFIX("co"),
	};
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		size_t sl = suffixes[i].n;
		if (n - sl >= 4 && memcmp(buf + n - sl, suffixes[i].s, sl) == 0 &&
		    (dict_flags_str(buf, n - sl) & WF_COMMON))
			return 1;
	}
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
		size_t pl = prefixes[i].n;
		if (n - pl >= 4 && memcmp(buf, prefixes[i].s, pl) == 0 &&
		    (dict_flags_str(buf + pl, n - pl) & WF_COMMON))
			return 1;
	}
	return 0;
}

/* Flags of a hyphenated capitalised word the word list does not know,
 * from its parts: Mary-Kate is a name, Spanish-speaking is not. */
static unsigned hyphen_flags(const unsigned char *p, size_t a, size_t e)
{
	int hard = 0, weak = 0, pcommon = 0, unknown = 0;
	size_t k = a;
	while (k < e) {
		size_t j = k;
		while (j < e && p[j] != '-')
			j++;
		if (j == k || !upper_at(p, k, j)) {
			weak = 1;
		} else {
			uint32_t h = hash_range(p, k, j);
			unsigned f = dict_flags(h);
			if (!f && medical_word(h))
				f = WF_COMMON;
			int digit = 0;
			for (size_t q = k; q < j; q++)
				digit |= is_digit(p[q]);
			if (digit)
				weak = 1;
			else if (f & WF_HARD)
				hard = 1;
			else if (f & WF_SOFT)
				weak = 1;
			else if ((f & WF_PROPER) && (f & WF_COMMON))
				pcommon = 1;
			else if (f & WF_PROPER)
				;
			else if ((f & WF_COMMON) || morph_common(p, k, j))
				weak = 1;
			else
				unknown = 1;
		}
		k = j + 1;
	}
	if (hard)
		return WF_HARD;
	if (weak)
		return WF_COMMON;
	if (pcommon)
		return WF_PROPER | WF_COMMON;
	if (unknown)
		return 0;
	return WF_PROPER;
}

/* A lower-case word is an everyday one when it, or once a common affix
 * is off, is in a word list; numbers and letters alone count too
 * ("x-ray", "24-hour"). */
static int part_known(const unsigned char *p, size_t a, size_t e)
{
	if (e - a <= 2)
		return 1;
	int digits = 1;
	for (size_t k = a; k < e; k++)
		digits &= is_digit(p[k]);
	if (digits)
		return 1;
	uint32_t h = hash_range(p, a, e);
	if ((dict_flags(h) & (WF_COMMON | WF_HARD | WF_SOFT)) || medical_word(h) ||
	    everyday_word(h))
		return 1;
	const struct phi_keyword *k = keyword_find(h);
	if (k && range_is(p, a, e, k->word))
		return 1;
	return morph_common(p, a, e);
}

/* "buprenorphine-naloxone", "follow-up": WF_COMMON when every part is an
 * everyday word, else nothing ("gail-marie"). */
static unsigned hyphen_parts_known(const unsigned char *p, size_t a, size_t e)
{
	size_t k = a;
	while (k < e) {
		size_t j = k;
		while (j < e && p[j] != '-')
			j++;
		if (!part_known(p, k, j))
			return 0;
		k = j + 1;
	}
	return WF_COMMON;
}

static void word_info(scan *s, tok *t)
{
	const unsigned char *p = s->p;
	size_t a = t->start, e = t->end;
	t->base_end = e;
	if (e - a > 2 && p[e - 2] == '\'' && (p[e - 1] == 's' || p[e - 1] == 'S')) {
		t->base_end = e - 2;
		t->possessive = 1;
	} else if (e - a > 4 && p[e - 4] == 0xE2 && p[e - 3] == 0x80 &&
	           p[e - 2] == 0x99 && (p[e - 1] == 's' || p[e - 1] == 'S')) {
		t->base_end = e - 4;
		t->possessive = 1;
	}
	t->hash = hash_range(p, a, t->base_end);
	const struct phi_keyword *k = keyword_find(t->hash);
	if (k && range_is(p, a, t->base_end, k->word)) {
		t->kw = k->flags;
		t->kwval = k->value;
	}
	t->shape = word_shape(p, a, t->base_end);
	/* Every word is looked up: the screen accepts only words it knows. */
	unsigned f = dict_flags(t->hash);
	if (!(f & WF_WORDISH) && medical_word(t->hash))
		f |= WF_MEDICAL;
	/* The large list only for lower case: its lower-case "rancho",
	 * "lunas" must not make a capitalised name an everyday word. */
	if (!(f & (WF_WORDISH | WF_MEDICAL)) && t->shape == SH_LOWER &&
	    everyday_word(t->hash))
		f |= WF_COMMON;
	if (!(f & WF_WORDISH) && t->hyphen)
		f |= t->shape == SH_LOWER ? hyphen_parts_known(p, a, t->base_end)
		                          : hyphen_flags(p, a, t->base_end);
	else if (!(f & WF_WORDISH) && morph_common(p, a, t->base_end))
		f |= WF_COMMON;
	t->wflags = (uint8_t)f;
}

/* Lexes one token at s->pos into *t. */
static void lex_one(scan *s, tok *t)
{
	const unsigned char *p = s->p;
	size_t n = s->len, i = s->pos, w;
	unsigned flags = 0, newlines = 0;
	memset(t, 0, sizeof *t);
	while (i < n && space_at(p, n, i, &w)) {
		flags |= TF_SPACE;
		if (p[i] == '\n') {
			flags |= TF_NL;
			if (++newlines >= 2)
				flags |= TF_PARA;
		}
		i += w;
	}
	t->flags = (uint8_t)flags;
	t->start = i;
	if (i >= n) {
		t->kind = TK_EOF;
		t->end = n;
		s->pos = n;
		return;
	}
	unsigned char c = p[i], pc;
	size_t j = i;
	if (is_digit(c)) {
		int seen_letter = 0;
		while (j < n && is_alnum(p[j])) {
			if (is_digit(p[j])) {
				if (t->ndigits < NUM_CAP)
					t->ndigits++;
				if (!seen_letter) {
					t->num = t->num > NUM_CAP / 10
					                 ? NUM_CAP
					                 : t->num * 10 + (uint32_t)(p[j] - '0');
					if (t->lead_digits < 255)
						t->lead_digits++;
				} else {
					t->interleaved = 1;
				}
			} else {
				seen_letter = 1;
				if (t->nletters < NUM_CAP)
					t->nletters++;
			}
			j++;
		}
		t->kind = t->nletters ? TK_ALNUM : TK_NUM;
		t->end = j;
		s->pos = j;
		return;
	}
	if (word_byte(p, n, i)) {
		int prev_alnum = 0, seen_letter = 0;
		while (j < n) {
			unsigned char d = p[j];
			if (is_alnum(d) || (d >= 0x80 && word_byte(p, n, j))) {
				if (is_digit(d)) {
					if (t->ndigits < NUM_CAP)
						t->ndigits++;
					if (seen_letter)
						t->interleaved = 1;
				} else {
					seen_letter = 1;
					if (t->nletters < NUM_CAP)
						t->nletters++;
				}
				prev_alnum = 1;
				j++;
				continue;
			}
			if (d == '-' && prev_alnum && j + 1 < n && word_byte(p, n, j + 1)) {
				t->hyphen = 1;
				prev_alnum = 0;
				j++;
				continue;
			}
			if (d == '\'' && prev_alnum && j + 1 < n && is_alpha(p[j + 1])) {
				prev_alnum = 0;
				j++;
				continue;
			}
			if (d >= 0x80 && u8_punct(p, n, j, &w, &pc) && pc == '\'' &&
			    d == 0xE2 && p[j + 2] == 0x99 && prev_alnum &&
			    j + w < n && is_alpha(p[j + w])) {
				prev_alnum = 0;
				j += w;
				continue;
			}
			break;
		}
		t->kind = TK_WORD;
		t->end = j;
		s->pos = j;
		word_info(s, t);
		return;
	}
	t->kind = TK_PUNCT;
	if (c >= 0x80 && u8_punct(p, n, i, &w, &pc)) {
		t->c = pc;
		t->end = i + w;
	} else {
		t->c = c < 0x20 ? '?' : c;
		t->end = i + 1;
	}
	s->pos = t->end;
}

/* Lexes until the token with absolute index upto exists (or the text
 * ends).  Returns -1 when memory runs out. */
static int fill(scan *s, size_t upto)
{
	while (!s->lexed_all && s->base + s->n <= upto) {
		if (s->n == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 256;
			tok *grown = realloc(s->toks, cap * sizeof *grown);
			if (!grown)
				return -1;
			s->toks = grown;
			s->cap = cap;
		}
		tok *t = &s->toks[s->n];
		lex_one(s, t);
		if (t->kind == TK_EOF) {
			s->eof = *t;
			s->eof.flags |= TF_SPACE | TF_NL | TF_PARA;
			s->lexed_all = 1;
		} else {
			s->n++;
		}
	}
	return 0;
}

/* Forgets tokens far behind i so the window stays small. */
static void compact(scan *s, size_t i)
{
	if (i < s->base + COMPACT)
		return;
	size_t drop = i - KEEP - s->base;
	memmove(s->toks, s->toks + drop, (s->n - drop) * sizeof *s->toks);
	s->base += drop;
	s->n -= drop;
}

static const tok *T(const scan *s, size_t i)
{
	if (i < s->base)
		return &s->bof;
	if (i - s->base < s->n)
		return &s->toks[i - s->base];
	return &s->eof;
}

/* The token k places before i. */
static const tok *P(const scan *s, size_t i, size_t k)
{
	return k > i ? &s->bof : T(s, i - k);
}

/* ------------------------------------------------------------------ */
/* Token predicates                                                    */

static int is_num(const tok *t)
{
	return t->kind == TK_NUM;
}

static int is_punct(const tok *t, char c)
{
	return t->kind == TK_PUNCT && t->c == (unsigned char)c;
}

/* No whitespace between this token and the one before. */
static int adj(const tok *t)
{
	return !(t->flags & TF_SPACE);
}

static int has_kw(const tok *t, uint64_t f)
{
	return t->kind == TK_WORD && (t->kw & f) != 0;
}

/* w is a lower-case ASCII literal without apostrophes; the length and
 * first-letter tests turn most calls away before the full comparison. */
static inline int word_is(const scan *s, const tok *t, const char *w)
{
	return t->kind == TK_WORD && t->base_end - t->start == strlen(w) &&
	       phi_hash_lower(s->p[t->start]) == (unsigned char)w[0] &&
	       range_is(s->p, t->start, t->base_end, w);
}

static int capitalised(const tok *t)
{
	return t->kind == TK_WORD &&
	       (t->shape == SH_TITLE || t->shape == SH_CAMEL ||
	        t->shape == SH_CAMEL_NAME);
}

static int num_digits(const tok *t, unsigned lo, unsigned hi)
{
	return t->kind == TK_NUM && t->ndigits >= lo && t->ndigits <= hi;
}

static int has_digit(const tok *t)
{
	return (t->kind == TK_NUM || t->kind == TK_ALNUM || t->kind == TK_WORD) &&
	       t->ndigits > 0;
}

/* An identifier-like token: digits, or letters and digits. */
static int code_tok(const tok *t)
{
	return t->kind == TK_NUM || t->kind == TK_ALNUM ||
	       (t->kind == TK_WORD && (t->ndigits > 0 || t->shape == SH_UPPER ||
	                               t->shape == SH_INITIAL));
}

/* Mr., Ms., Dr.: capitalised, so that "45 ms." is not one. */
static int honorific(const tok *t)
{
	return has_kw(t, KW_HONOR) && (t->shape == SH_TITLE || t->shape == SH_UPPER);
}

static size_t tlen(const tok *t)
{
	return t->end - t->start;
}

/* The token does not continue a longer run of digits, codes or dotted
 * numbers to its left. */
static int left_boundary(const scan *s, size_t i)
{
	const tok *t = T(s, i), *q = P(s, i, 1);
	if (q->kind == TK_BOF || !adj(t))
		return 1;
	if (q->kind != TK_PUNCT)
		return 0;
	return !(q->c == '-' || q->c == '/' || q->c == '.' || q->c == '@' ||
	         q->c == ':' || q->c == '+' || q->c == '#' || q->c == '_');
}

/* Nothing glued to the right of token i that would make it part of a
 * longer number or code. */
static int right_boundary(const scan *s, size_t i)
{
	const tok *n1 = T(s, i + 1), *n2 = T(s, i + 2);
	if (!adj(n1) || n1->kind == TK_EOF)
		return 1;
	if (n1->kind != TK_PUNCT)
		return 0;
	if (n1->c == '-' || n1->c == '/' || n1->c == '.' || n1->c == ':' ||
	    n1->c == '@')
		return !(adj(n2) && n2->kind != TK_PUNCT && n2->kind != TK_EOF);
	return 1;
}

/* ------------------------------------------------------------------ */
/* Matches                                                             */

static void emit(scan *s, int cat, size_t start, size_t end)
{
	if (end <= start || start < s->last_end)
		return;
	if (s->mn == s->mcap) {
		size_t cap = s->mcap ? s->mcap * 2 : 16;
		echo_phi_match *grown = realloc(s->m, cap * sizeof *grown);
		if (!grown) {
			s->oom = 1;
			return;
		}
		s->m = grown;
		s->mcap = cap;
	}
	s->m[s->mn].category = (echo_phi_category)cat;
	s->m[s->mn].start = start;
	s->m[s->mn].end = end;
	s->mn++;
	s->last_end = end;
	s->last_cat = cat;
}

static void set_pending(scan *s, int cat, size_t start, size_t end)
{
	if (start < s->last_end)
		return;
	s->pend = 1;
	s->pend_cat = cat;
	s->pend_start = start;
	s->pend_end = end;
}

/* Learned names: an open-addressing set of word hashes. */
static int learned(const scan *s, uint32_t h, int *cat)
{
	if (!s->learn_cap)
		return 0;
	uint32_t key = h ? h : 1;
	for (size_t i = key & (s->learn_cap - 1);; i = (i + 1) & (s->learn_cap - 1)) {
		if (s->learn_key[i] == 0)
			return 0;
		if (s->learn_key[i] == key) {
			if (cat)
				*cat = s->learn_cat[i];
			return 1;
		}
	}
}

static void learn(scan *s, uint32_t h, int cat)
{
	if (learned(s, h, NULL))
		return;
	if ((s->learn_n + 1) * 2 > s->learn_cap) {
		size_t cap = s->learn_cap ? s->learn_cap * 2 : 64;
		uint32_t *keys = calloc(cap, sizeof *keys);
		uint8_t *cats = calloc(cap, sizeof *cats);
		if (!keys || !cats) {
			free(keys);
			free(cats);
			s->oom = 1;
			return;
		}
		for (size_t i = 0; i < s->learn_cap; i++) {
			if (!s->learn_key[i])
				continue;
			size_t j = s->learn_key[i] & (cap - 1);
			while (keys[j])
				j = (j + 1) & (cap - 1);
			keys[j] = s->learn_key[i];
			cats[j] = s->learn_cat[i];
		}
		free(s->learn_key);
		free(s->learn_cat);
		s->learn_key = keys;
		s->learn_cat = cats;
		s->learn_cap = cap;
	}
	uint32_t key = h ? h : 1;
	size_t j = key & (s->learn_cap - 1);
	while (s->learn_key[j])
		j = (j + 1) & (s->learn_cap - 1);
	s->learn_key[j] = key;
	s->learn_cat[j] = (uint8_t)cat;
	s->learn_n++;
}

static void defer(scan *s, const tok *t)
{
	if (s->def_n == s->def_cap) {
		size_t cap = s->def_cap ? s->def_cap * 2 : 16;
		deferred *grown = realloc(s->def, cap * sizeof *grown);
		if (!grown) {
			s->oom = 1;
			return;
		}
		s->def = grown;
		s->def_cap = cap;
	}
	s->def[s->def_n].start = t->start;
	s->def[s->def_n].end = t->base_end;
	s->def[s->def_n].hash = t->hash;
	s->def_n++;
}

/* ------------------------------------------------------------------ */
/* URLs, email addresses, IP addresses: scanned on the raw bytes       */

static int url_byte(unsigned char c)
{
	return c > ' ' && c != '<' && c != '>' && c != '"' && c != '`' &&
	       c != '{' && c != '}' && c != '|' && c != '\\' && c != '^';
}

/* End of a URL starting at byte a: up to whitespace, minus the trailing
 * punctuation that belongs to the sentence. */
static size_t url_extent(const scan *s, size_t a)
{
	const unsigned char *p = s->p;
	size_t e = a;
	while (e < s->len && url_byte(p[e]))
		e++;
	while (e > a && strchr(".,;:!?)]'", p[e - 1]) && p[e - 1] != '\0')
		e--;
	return e;
}

static int email_local(unsigned char c)
{
	return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
	       c == '-' || c == '\'';
}

/* An email address starting at token i; returns its end or 0. */
static size_t email_at(const scan *s, size_t i)
{
	const unsigned char *p = s->p;
	size_t a = T(s, i)->start, e = a;
	/* The local part goes on with punctuation glued to this token. */
	const tok *n1 = T(s, i + 1);
	if (!adj(n1) || !(is_punct(n1, '@') || is_punct(n1, '.') ||
	                  is_punct(n1, '_') || is_punct(n1, '+') ||
	                  is_punct(n1, '%') || is_punct(n1, '-')))
		return 0;
	if (a > 0 && (email_local(p[a - 1]) || p[a - 1] == '@'))
		return 0;
	if (!is_alnum(p[a]))
		return 0;
	/* Most tokens have no '@' ahead: find out cheaply. */
	size_t window = s->len - a < 65 ? s->len - a : 65;
	if (!memchr(p + a, '@', window))
		return 0;
	while (e < s->len && e - a < 64 && email_local(p[e]))
		e++;
	if (e >= s->len || p[e] != '@' || e == a)
		return 0;
	size_t d = e + 1, k = d, dots = 0, last_dot = 0;
	while (k < s->len && k - d < 253 &&
	       (is_alnum(p[k]) || p[k] == '-' || p[k] == '.')) {
		if (p[k] == '.') {
			if (k == d || p[k - 1] == '.')
				break;
			dots++;
			last_dot = k;
		}
		k++;
	}
	while (k > d && (p[k - 1] == '.' || p[k - 1] == '-')) {
		k--;
		if (p[k] == '.' && last_dot == k) {
			dots--;
			last_dot = 0;
			for (size_t q = d; q < k; q++)
				if (p[q] == '.')
					last_dot = q;
		}
	}
	if (!dots || !last_dot)
		return 0;
	size_t tld = 0;
	for (size_t q = last_dot + 1; q < k; q++) {
		if (!is_alpha(p[q]))
			return 0;
		tld++;
	}
	return tld >= 2 ? k : 0;
}

/* A URL starting at token i: with a scheme, with www., or a bare domain
 * name ending in a common top-level domain.  Returns its end or 0. */
static size_t url_at(const scan *s, size_t i)
{
	const tok *t = T(s, i);
	const unsigned char *p = s->p;
	if (t->kind != TK_WORD && t->kind != TK_NUM && t->kind != TK_ALNUM)
		return 0;
	const tok *n1 = T(s, i + 1);
	if (!adj(n1) || !(is_punct(n1, '.') || is_punct(n1, ':')))
		return 0;
	if (t->start > 0) {
		unsigned char b = p[t->start - 1];
		if (is_alnum(b) || b == '.' || b == '/' || b == '@' || b == '-' ||
		    b == '_')
			return 0;
	}
	if (has_kw(t, KW_SCHEME) && is_punct(T(s, i + 1), ':') &&
	    adj(T(s, i + 1)) && t->end + 3 < s->len &&
	    p[t->end + 1] == '/' && p[t->end + 2] == '/' &&
	    url_byte(p[t->end + 3])) {
		size_t e = url_extent(s, t->start);
		return e > t->end + 3 ? e : 0;
	}
	/* Bare domain: label(.label)+ with a known top-level domain. */
	size_t j = i, labels = 1;
	while (labels < 8) {
		const tok *dot = T(s, j + 1), *lab = T(s, j + 2);
		if (!is_punct(dot, '.') || !adj(dot) || !adj(lab) ||
		    (lab->kind != TK_WORD && lab->kind != TK_NUM &&
		     lab->kind != TK_ALNUM))
			break;
		j += 2;
		labels++;
	}
	if (labels < 2)
		return 0;
	int www = word_is(s, t, "www");
	/* The domain ends at the last label that is a top-level domain. */
	while (j > i && !has_kw(T(s, j), KW_TLD))
		j -= 2;
	if (j == i && !www)
		return 0;
	const tok *last = T(s, j);
	size_t e = last->end;
	if (e < s->len && (is_alnum(p[e]) || p[e] == '@' || p[e] == '-' ||
	                   p[e] == '_'))
		return 0;
	if (www || (e < s->len && p[e] == '/'))
		e = url_extent(s, t->start);
	return e;
}

/* Dotted-quad IPv4 or colon-hex IPv6 at token i; returns its end or 0. */
static size_t ip_at(const scan *s, size_t i)
{
	const tok *t = T(s, i);
	const unsigned char *p = s->p;
	size_t a = t->start;
	const tok *n1 = T(s, i + 1);
	if (!adj(n1) || !(is_punct(n1, '.') || is_punct(n1, ':')))
		return 0;
	if (a > 0 && (is_alnum(p[a - 1]) || p[a - 1] == '.' || p[a - 1] == ':'))
		return 0;
	if (t->kind == TK_NUM) {
		size_t k = a;
		int parts = 0;
		for (;;) {
			unsigned v = 0, d = 0;
			while (k < s->len && is_digit(p[k]) && d < 4) {
				v = v * 10 + (unsigned)(p[k] - '0');
				d++;
				k++;
			}
			if (d == 0 || d > 3 || v > 255)
				break;
			if (++parts == 4)
				break;
			if (k >= s->len || p[k] != '.')
				break;
			k++;
		}
		if (parts == 4) {
			if (k < s->len && (is_alnum(p[k]) ||
			                   (p[k] == '.' && k + 1 < s->len &&
			                    is_digit(p[k + 1]))))
				return 0;
			return k;
		}
	}
	/* IPv6: hex groups and colons, with "::" or all eight groups.  The
	 * first group is glued to a colon. */
	if (tlen(t) > 4 || !is_punct(T(s, i + 1), ':') || !adj(T(s, i + 1)))
		return 0;
	size_t k = a, colons = 0, groups = 0, dbl = 0, glen = 0;
	while (k < s->len && k - a < 45) {
		unsigned char c = p[k];
		if (is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
			if (++glen > 4)
				return 0;
			if (glen == 1)
				groups++;
		} else if (c == ':') {
			if (k > a && p[k - 1] == ':')
				dbl++;
			colons++;
			glen = 0;
		} else {
			break;
		}
		k++;
	}
	if (k < s->len && (is_alnum(p[k]) || p[k] == '_'))
		return 0;
	while (k > a && p[k - 1] == ':' && !(k - a >= 2 && p[k - 2] == ':'))
		k--, colons--;
	if (dbl > 1 || groups < 3 || colons < 2)
		return 0;
	if (!dbl && colons != 7)
		return 0;
	return k;
}

/* ------------------------------------------------------------------ */
/* Numbers: phone, SSN, card, dates                                    */

static int is_toll_free(uint32_t area)
{
	return area == 800 || area == 833 || area == 844 || area == 855 ||
	       area == 866 || area == 877 || area == 888;
}

/* First digit of a NUM token. */
static unsigned first_digit(const scan *s, const tok *t)
{
	return (unsigned)(s->p[t->start] - '0');
}

/* A separator between phone digit groups at token j: '-' or '.' glued to
 * both sides, or plain space.  Returns the index of the next group. */
static int phone_sep(const scan *s, size_t j, size_t *next)
{
	const tok *t = T(s, j);
	if ((is_punct(t, '-') || is_punct(t, '.')) && adj(t) &&
	    adj(T(s, j + 1))) {
		*next = j + 1;
		return 1;
	}
	if (t->kind == TK_NUM && (t->flags & TF_SPACE) && !(t->flags & TF_NL)) {
		*next = j;
		return 1;
	}
	return 0;
}

/* A North American phone number at token i.  Returns its end byte and
 * sets *last to its last token, or 0. */
static size_t phone_at(const scan *s, size_t i, size_t *last)
{
	size_t j = i;
	const tok *t = T(s, i);
	int country = 0;
	if (!left_boundary(s, i))
		return 0;
	if (is_punct(t, '+') && is_num(T(s, j + 1)) && T(s, j + 1)->num == 1 &&
	    T(s, j + 1)->ndigits == 1 && adj(T(s, j + 1))) {
		j += 2;
		country = 1;
	} else if (is_num(t) && t->ndigits == 1 && t->num == 1) {
		j += 1;
		country = 1;
	}
	if (country) {
		const tok *u = T(s, j);
		if ((is_punct(u, '-') || is_punct(u, '.')) && adj(u))
			j++;
		else if (!(u->flags & TF_SPACE))
			return 0;
	}
	const tok *area = NULL;
	size_t k;
	if (is_punct(T(s, j), '(') && num_digits(T(s, j + 1), 3, 3) &&
	    adj(T(s, j + 1)) && is_punct(T(s, j + 2), ')') && adj(T(s, j + 2))) {
		area = T(s, j + 1);
		j += 3;
		if (is_punct(T(s, j), '-') && adj(T(s, j)))
			j++;
		if (!num_digits(T(s, j), 3, 3))
			return 0;
	} else if (num_digits(T(s, j), 3, 3) && phone_sep(s, j + 1, &k) &&
	           num_digits(T(s, k), 3, 3)) {
		area = T(s, j);
		j = k;
	}
	const tok *exch = T(s, j);
	if (!num_digits(exch, 3, 3))
		return 0;
	if (!area) {
		/* Seven digits: only with a glued hyphen, 555-0142. */
		if (country || !is_punct(T(s, j + 1), '-') || !adj(T(s, j + 1)))
			return 0;
	}
	if (!phone_sep(s, j + 1, &k) || !num_digits(T(s, k), 4, 4))
		return 0;
	if (area && (first_digit(s, area) < 2 || is_toll_free(area->num)))
		return 0;
	if (first_digit(s, exch) < 2)
		return 0;
	if (!right_boundary(s, k) || (adj(T(s, k + 1)) && is_num(T(s, k + 1))))
		return 0;
	size_t end = T(s, k)->end;
	*last = k;
	/* Extension: "ext. 12", "x12". */
	size_t q = k + 1;
	if (is_punct(T(s, q), ','))
		q++;
	const tok *x = T(s, q);
	if (has_kw(x, KW_EXT) && x->shape != SH_UPPER) {
		q++;
		if (is_punct(T(s, q), '.') && adj(T(s, q)))
			q++;
		if (num_digits(T(s, q), 1, 5)) {
			end = T(s, q)->end;
			*last = q;
		}
	} else if (x->kind == TK_WORD && x->ndigits > 0 &&
	           (s->p[x->start] == 'x' || s->p[x->start] == 'X') &&
	           x->ndigits == tlen(x) - 1 && x->ndigits <= 5) {
		end = x->end;
		*last = q;
	}
	return end;
}

/* 900-12-3456 */
static size_t ssn_at(const scan *s, size_t i, size_t *last)
{
	if (!num_digits(T(s, i), 3, 3) || !left_boundary(s, i))
		return 0;
	if (!is_punct(T(s, i + 1), '-') || !adj(T(s, i + 1)) ||
	    !num_digits(T(s, i + 2), 2, 2) || !adj(T(s, i + 2)) ||
	    !is_punct(T(s, i + 3), '-') || !adj(T(s, i + 3)) ||
	    !num_digits(T(s, i + 4), 4, 4) || !adj(T(s, i + 4)))
		return 0;
	if (!right_boundary(s, i + 4))
		return 0;
	*last = i + 4;
	return T(s, i + 4)->end;
}

/* 4111 1111 1111 1111 or with hyphens: a payment card number. */
static size_t card_at(const scan *s, size_t i, size_t *last)
{
	if (!num_digits(T(s, i), 4, 4) || !left_boundary(s, i))
		return 0;
	size_t j = i;
	int hyphen = is_punct(T(s, i + 1), '-');
	for (int g = 1; g < 4; g++) {
		if (hyphen) {
			if (!is_punct(T(s, j + 1), '-') || !adj(T(s, j + 1)) ||
			    !adj(T(s, j + 2)))
				return 0;
			j += 2;
		} else {
			j += 1;
			if (!(T(s, j)->flags & TF_SPACE) || (T(s, j)->flags & TF_NL))
				return 0;
		}
		if (!num_digits(T(s, j), 4, 4))
			return 0;
	}
	if (!right_boundary(s, j) || (is_num(T(s, j + 1)) &&
	                              !(T(s, j + 1)->flags & TF_NL)))
		return 0;
	*last = j;
	return T(s, j)->end;
}

static int is_year(const tok *t)
{
	return num_digits(t, 4, 4) && t->num >= 1900 && t->num <= 2099;
}

enum { ND_NONE, ND_STRONG, ND_SLASH2 };

/* A numeric date at token i: 03/14/2025, 3/14/25, 12-01-2024,
 * 2025-03-14, 07.04.1961, 3/2024 (ND_STRONG), or 3/14 (ND_SLASH2, which
 * needs its context checked).  *last is its last token. */
static int numdate_at(const scan *s, size_t i, size_t *last)
{
	const tok *a = T(s, i), *sep = T(s, i + 1), *b = T(s, i + 2);
	if (!is_num(a) || !left_boundary(s, i))
		return ND_NONE;
	if (sep->kind != TK_PUNCT || !adj(sep) || !adj(b) || !is_num(b))
		return ND_NONE;
	char c = (char)sep->c;
	if (c != '/' && c != '-' && c != '.')
		return ND_NONE;
	const tok *sep2 = T(s, i + 3), *d = T(s, i + 4);
	int three = is_punct(sep2, c) && adj(sep2) && adj(d) && is_num(d);
	if (a->ndigits == 4) {
		/* ISO: 2025-03-14 or 2025/03/14. */
		if (!three || c == '.' || !is_year(a) || b->ndigits > 2 ||
		    d->ndigits > 2 || b->num < 1 || b->num > 12 || d->num < 1 ||
		    d->num > 31 || !right_boundary(s, i + 4))
			return ND_NONE;
		*last = i + 4;
		return ND_STRONG;
	}
	if (a->ndigits > 2 || b->ndigits > 4)
		return ND_NONE;
	if (three) {
		if (d->ndigits != 2 && d->ndigits != 4)
			return ND_NONE;
		if (b->ndigits > 2 || !right_boundary(s, i + 4))
			return ND_NONE;
		unsigned x = a->num, y = b->num;
		if (x < 1 || y < 1 || !((x <= 12 && y <= 31) || (x <= 31 && y <= 12)))
			return ND_NONE;
		if (c == '.' && d->ndigits != 4)
			return ND_NONE;
		if (c == '-' && d->ndigits != 4 &&
		    !(a->ndigits == 2 && b->ndigits == 2))
			return ND_NONE;
		*last = i + 4;
		return ND_STRONG;
	}
	if (c != '/' || !right_boundary(s, i + 2))
		return ND_NONE;
	if (adj(T(s, i + 3)) && (is_num(T(s, i + 3)) || T(s, i + 3)->kind == TK_WORD))
		return ND_NONE;
	if (is_year(b) && a->num >= 1 && a->num <= 12) {
		*last = i + 2;
		return ND_STRONG;
	}
	if (b->ndigits > 2 || a->num < 1 || a->num > 12 || b->num < 1 ||
	    b->num > 31)
		return ND_NONE;
	*last = i + 2;
	return ND_SLASH2;
}

/* Does the last match sit just before token i, with only list glue
 * between: "1/3, 1/4, and 1/10". */
static int follows_match(const scan *s, size_t i, int cat)
{
	if (s->mn == 0 || s->last_cat != cat)
		return 0;
	for (size_t k = 1; k <= 4; k++) {
		const tok *q = P(s, i, k);
		if (q->kind == TK_BOF)
			return 0;
		if (q->end <= s->last_end)
			return q->end == s->last_end;
		if (!(is_punct(q, ',') || is_punct(q, '-') || is_punct(q, ';') ||
		      word_is(s, q, "and") || word_is(s, q, "or") ||
		      word_is(s, q, "to") || word_is(s, q, "through")))
			return 0;
	}
	return 0;
}

/* Is "3/14" at token i a date?  Doses (8/2 mg), blood pressure, scores
 * (7/10 pain) and fractions (1/2 pack) are not. */
static int slash_date_ok(const scan *s, size_t i, size_t last)
{
	const tok *a = T(s, i), *b = T(s, last), *n1 = T(s, last + 1);
	if (has_kw(n1, KW_UNIT) || is_punct(n1, '%'))
		return 0;
	for (size_t k = 1; k <= 2; k++)
		if (has_kw(P(s, i, k), KW_NEGPREV))
			return 0;
	const tok *p1 = P(s, i, 1);
	if (p1->kind == TK_WORD && (p1->wflags & WF_HARD) &&
	    !(p1->kw & (KW_DATECTX | KW_WEEKDAY)))
		return 0;
	if (is_punct(p1, '('))
		p1 = P(s, i, 2);
	if (has_kw(p1, KW_DATECTX | KW_WEEKDAY) || is_punct(p1, ':'))
		return 1;
	if (follows_match(s, i, ECHO_PHI_DATE))
		return 1;
	if (b->num == 10)
		return 0;
	if (a->num < b->num && b->num <= 8)
		return 0;
	return 1;
}

/* A day of the month: 14, 14th, 1st. */
static int day_tok(const scan *s, const tok *t)
{
	if (t->kind == TK_NUM)
		return t->ndigits <= 2 && t->num >= 1 && t->num <= 31 ? (int)t->num : 0;
	if (t->kind != TK_ALNUM || t->lead_digits > 2 || t->interleaved ||
	    t->nletters != 2 || t->num < 1 || t->num > 31)
		return 0;
	const unsigned char *q = s->p + t->end - 2;
	char a = (char)phi_hash_lower(q[0]), b = (char)phi_hash_lower(q[1]);
	if ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
	    (a == 'r' && b == 'd') || (a == 't' && b == 'h'))
		return (int)t->num;
	return 0;
}

static int month_tok(const tok *t)
{
	if (t->kind != TK_WORD || !(t->kw & KW_MONTH))
		return 0;
	if (t->shape != SH_TITLE && t->shape != SH_UPPER)
		return 0;
	return t->kwval;
}

/* A dose unit after a number: "May 2 mg" is not a date. */
static int dose_unit(const scan *s, const tok *t)
{
	return has_kw(t, KW_UNIT) && !word_is(s, t, "of");
}

/* After the month at token j (and its optional '.'), an optional day and
 * an optional year.  Returns the last token of the date, or j's. */
static size_t month_tail(const scan *s, size_t j, int *has_day, int *has_year)
{
	size_t last = j, k = j + 1;
	*has_day = *has_year = 0;
	/* "Mar. 3": the period belongs to an abbreviation, not to "January." */
	if ((T(s, j)->kw & KW_MONTHABBR) && is_punct(T(s, k), '.') && adj(T(s, k))) {
		last = k;
		k++;
	}
	if (day_tok(s, T(s, k)) && !dose_unit(s, T(s, k + 1)) &&
	    !(is_punct(T(s, k + 1), '/') && adj(T(s, k + 1))) &&
	    !(is_punct(T(s, k + 1), ':') && adj(T(s, k + 1)))) {
		*has_day = 1;
		last = k;
		k++;
		if (is_punct(T(s, k), ',') && is_year(T(s, k + 1))) {
			*has_year = 1;
			last = k + 1;
		} else if (is_year(T(s, k))) {
			*has_year = 1;
			last = k;
		}
		return last;
	}
	if (is_punct(T(s, k), ',') && is_year(T(s, k + 1))) {
		*has_year = 1;
		return k + 1;
	}
	if (is_year(T(s, k))) {
		*has_year = 1;
		return k;
	}
	return last;
}

/* "mid-March", "early-May": the month of a prefixed word, or 0. */
static int prefixed_month(const scan *s, const tok *t)
{
	if (t->kind != TK_WORD || !t->hyphen)
		return 0;
	const unsigned char *p = s->p;
	size_t dash = t->start;
	while (dash < t->base_end && p[dash] != '-')
		dash++;
	if (!(range_is(p, t->start, dash, "mid") ||
	      range_is(p, t->start, dash, "early") ||
	      range_is(p, t->start, dash, "late")))
		return 0;
	const struct phi_keyword *k = keyword_find(hash_range(p, dash + 1, t->base_end));
	if (!k || !(k->flags & KW_MONTH) || (k->flags & KW_MONTHABBR) ||
	    !range_is(p, dash + 1, t->base_end, k->word))
		return 0;
	return k->value;
}

/* Dates written with a month name, a weekday, or numbers.  Returns the
 * end byte of a match it emitted, or 0. */
static size_t try_date(scan *s, size_t i)
{
	const tok *t = T(s, i);
	size_t start = t->start, j = i, last;
	int has_day, has_year;
	if (t->kind == TK_WORD && t->shape == SH_LOWER && !t->hyphen)
		return 0;

	if (capitalised(t) && has_kw(t, KW_WEEKDAY)) {
		j = i + 1;
		if ((is_punct(T(s, j), ',') || is_punct(T(s, j), '.')) &&
		    adj(T(s, j)))
			j++;
		int nd = numdate_at(s, j, &last);
		if (nd != ND_NONE) {
			emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
			return T(s, last)->end;
		}
		/* "Friday the 14th", "Friday the 14th of March" */
		if (word_is(s, T(s, j), "the") && day_tok(s, T(s, j + 1)) &&
		    T(s, j + 1)->kind == TK_ALNUM) {
			size_t d = j + 1;
			last = d;
			if (word_is(s, T(s, d + 1), "of") && month_tok(T(s, d + 2)))
				last = month_tail(s, d + 2, &has_day, &has_year);
			emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
			return T(s, last)->end;
		}
		if (!month_tok(T(s, j)) && !day_tok(s, T(s, j)))
			return 0;
		t = T(s, j);
	}
	if (is_num(t) || t->kind == TK_ALNUM) {
		int nd = numdate_at(s, j, &last);
		if (nd == ND_STRONG || (nd == ND_SLASH2 && (j != i ||
		                                            slash_date_ok(s, j, last)))) {
			emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
			return T(s, last)->end;
		}
	}
	int m = month_tok(t);
	if (m) {
		const tok *p1 = P(s, j, 1);
		/* "her daughter April", "Ms. June": a name, not a date. */
		if (j == i && (has_kw(p1, KW_RELATION | KW_INTRO) ||
		               (is_punct(p1, '.') && honorific(P(s, j, 2))) ||
		               honorific(p1)))
			return 0;
		last = month_tail(s, j, &has_day, &has_year);
		int abbr = (t->kw & KW_MONTHABBR) != 0;
		if (!has_day && !has_year) {
			/* "since Dec.": an abbreviation with its period after a
			 * date preposition; "Dec" alone may be a name. */
			if (abbr && last > j && has_kw(P(s, j, 1), KW_DATEPREP)) {
				emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
				return T(s, last)->end;
			}
			if (abbr || t->shape != SH_TITLE)
				return 0;
			/* "May" alone is mostly the verb; as a month it comes
			 * after "in", "since", "last"... */
			if (m == 5 && !has_kw(P(s, j, 1), KW_DATEPREP))
				return 0;
		}
		emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
		return T(s, last)->end;
	}
	int pm = prefixed_month(s, t);
	if (pm) {
		int hd, hy;
		size_t e = t->end;
		size_t l = month_tail(s, j, &hd, &hy);
		if (hy && !hd)
			e = T(s, l)->end;
		emit(s, ECHO_PHI_DATE, start, e);
		return e;
	}
	int d = day_tok(s, t);
	if (d) {
		/* 14 Mar 2025, the 14th of March, 1st of October. */
		size_t k = j + 1;
		if (word_is(s, T(s, k), "of"))
			k++;
		if (month_tok(T(s, k)) && !(T(s, k)->flags & TF_NL) &&
		    !is_punct(P(s, j, 1), '/')) {
			last = month_tail(s, k, &has_day, &has_year);
			if (has_day) {
				/* "14 March 21 ...": keep only the first date. */
				last = k;
				if (is_punct(T(s, k + 1), '.') && adj(T(s, k + 1)))
					last = k + 1;
				if (is_year(T(s, last + 1)))
					last++;
			}
			emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
			return T(s, last)->end;
		}
		/* "on the 3rd," */
		if (t->kind == TK_ALNUM && word_is(s, P(s, j, 1), "the") &&
		    has_kw(P(s, j, 2), KW_DATECTX)) {
			const tok *n1 = T(s, j + 1);
			/* Not "on the 2nd and 4th Thursday": a schedule. */
			if (n1->kind == TK_EOF || is_punct(n1, ',') || is_punct(n1, '.') ||
			    is_punct(n1, ';') || is_punct(n1, ')') ||
			    word_is(s, n1, "at")) {
				emit(s, ECHO_PHI_DATE, start, t->end);
				return t->end;
			}
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Ages over 89                                                        */

static int starts_with_ci(const scan *s, const tok *t, const char *w)
{
	size_t n = strlen(w);
	if (t->kind != TK_WORD || tlen(t) < n)
		return 0;
	return range_is(s->p, t->start, t->start + n, w);
}

static size_t try_age(scan *s, size_t i)
{
	const tok *t = T(s, i);
	const unsigned char *p = s->p;
	if (t->kind == TK_WORD) {
		unsigned char c = (unsigned char)phi_hash_lower(p[t->start]);
		if (c != 'n' && c != 'h' && c != 'o')
			return 0;
	} else if (t->kind != TK_NUM && t->kind != TK_ALNUM) {
		return 0;
	} else if (t->num < 90 || t->num > 125) {
		return 0;
	}
	const tok *n1 = T(s, i + 1), *n2 = T(s, i + 2);
	if (is_num(t) && t->ndigits <= 3 && t->num >= 90 && t->num <= 125 &&
	    left_boundary(s, i)) {
		int age = 0;
		/* 92-year-old, 92-yo */
		if (is_punct(n1, '-') && adj(n1) && adj(n2) &&
		    (starts_with_ci(s, n2, "year") || word_is(s, n2, "yo") ||
		     starts_with_ci(s, n2, "yr")))
			age = 1;
		/* 94 years old, 92 yrs, 93 years of age, 91 y/o, 90 yo, 92 y.o. */
		if (has_kw(n1, KW_AGEYEAR) && !word_is(s, n1, "y")) {
			const tok *q = T(s, i + 2);
			if (is_punct(q, '-') && adj(q))
				q = T(s, i + 3);
			if (word_is(s, q, "old") ||
			    (word_is(s, q, "of") && word_is(s, T(s, i + 3), "age")))
				age = 1;
		}
		if (word_is(s, n1, "yo") || starts_with_ci(s, n1, "year-old") ||
		    starts_with_ci(s, n1, "years-old"))
			age = 1;
		if (word_is(s, n1, "y") && adj(n2) &&
		    (is_punct(n2, '/') || is_punct(n2, '.')) &&
		    word_is(s, T(s, i + 3), "o"))
			age = 1;
		const tok *p1 = P(s, i, 1);
		size_t back = 1;
		if (is_punct(p1, ':')) {
			back = 2;
			p1 = P(s, i, 2);
		}
		int unit_after = (has_kw(n1, KW_UNIT) && !has_kw(n1, KW_AGEYEAR)) ||
		                 is_punct(n1, '%') || is_punct(n1, '/') ||
		                 (is_punct(n1, '-') && adj(n1));
		if (!unit_after && (has_kw(p1, KW_AGEWORD) || has_kw(p1, KW_AGEBECOME)))
			age = 1;
		if (!unit_after && word_is(s, p1, "of") &&
		    has_kw(P(s, i, back + 1), KW_AGEWORD))
			age = 1;
		/* "Ms. Abeyta, 91, widowed": an age beside a name. */
		const tok *b1 = P(s, i, 1), *b2 = P(s, i, 2);
		if (!unit_after && (is_punct(b1, ',') || is_punct(b1, '(')) &&
		    s->mn && s->last_cat == ECHO_PHI_NAME && b2->start < s->last_end &&
		    s->last_end <= b2->end &&
		    (is_punct(n1, ',') || is_punct(n1, ')') || is_punct(n1, ';') ||
		     is_punct(n1, '.')))
			age = 1;
		/* "he is 96 and ..." */
		if (!unit_after && (word_is(s, p1, "is") || word_is(s, p1, "was")) &&
		    has_kw(P(s, i, back + 1), KW_PRONOUN) && n1->kind != TK_NUM)
			age = 1;
		if (age) {
			emit(s, ECHO_PHI_AGE, t->start, t->end);
			return t->end;
		}
		return 0;
	}
	if (t->kind == TK_ALNUM && t->lead_digits <= 3 && t->num >= 90 &&
	    t->num <= 125 && !t->interleaved) {
		size_t a = t->start + t->lead_digits;
		if (range_is(p, a, t->end, "yo") || range_is(p, a, t->end, "y") ||
		    range_is(p, a, t->end, "yrs") || range_is(p, a, t->end, "yr")) {
			emit(s, ECHO_PHI_AGE, t->start, t->end);
			return t->end;
		}
		/* in her 90s, his late 90s */
		if (range_is(p, a, t->end, "s") && t->num % 10 == 0) {
			const tok *q = P(s, i, 1);
			if (word_is(s, q, "early") || word_is(s, q, "mid") ||
			    word_is(s, q, "late"))
				q = P(s, i, 2);
			if (word_is(s, q, "her") || word_is(s, q, "his") ||
			    word_is(s, q, "their")) {
				emit(s, ECHO_PHI_AGE, t->start, t->end);
				return t->end;
			}
		}
		return 0;
	}
	unsigned char c0 = (unsigned char)phi_hash_lower(p[t->start]);
	if (t->kind == TK_WORD && (c0 == 'n' || c0 == 'h' || c0 == 'o') &&
	    (starts_with_ci(s, t, "ninet") || starts_with_ci(s, t, "hundred") ||
	     starts_with_ci(s, t, "one-hundred"))) {
		/* ninety-three-year-old: the number words are the age. */
		size_t e = t->base_end;
		for (size_t k = t->start; k + 5 <= t->base_end; k++) {
			if (p[k] == '-' && range_is(p, k + 1, k + 5, "year")) {
				e = k;
				break;
			}
		}
		int age = e != t->base_end ||
		          (has_kw(n1, KW_AGEYEAR) && word_is(s, n2, "old")) ||
		          word_is(s, n1, "yo");
		if (starts_with_ci(s, t, "nineties")) {
			const tok *q = P(s, i, 1);
			if (word_is(s, q, "early") || word_is(s, q, "mid") ||
			    word_is(s, q, "late"))
				q = P(s, i, 2);
			age = word_is(s, q, "her") || word_is(s, q, "his") ||
			      word_is(s, q, "their");
		}
		if (age) {
			emit(s, ECHO_PHI_AGE, t->start, e);
			return e;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Labelled identifiers: "MRN 4451234", "Medicaid ID is NM448812903"    */

/* The category a label word introduces, or -1.  *needqual: the word only
 * labels a number with "ID", "number", "#"... after it ("member ID").
 * *weak: "card" labels an account unless a health plan was just named. */
static int label_kind(const scan *s, size_t i, int *needqual, int *weak)
{
	const tok *t = T(s, i);
	*needqual = *weak = 0;
	if (t->kind != TK_WORD)
		return -1;
	/* S/N, MR# */
	if (t->shape == SH_INITIAL && (s->p[t->start] == 'S') &&
	    is_punct(T(s, i + 1), '/') && adj(T(s, i + 1)) &&
	    word_is(s, T(s, i + 2), "n") && adj(T(s, i + 2)))
		return ECHO_PHI_DEVICE;
	if (t->shape == SH_UPPER && word_is(s, t, "mr") &&
	    is_punct(T(s, i + 1), '#') && adj(T(s, i + 1)))
		return ECHO_PHI_MRN;
	if (!(t->kw & KW_KINDS))
		return -1;
	*needqual = (t->kw & KW_NEEDQUAL) != 0;
	if (t->kw & KW_KMRN)
		return ECHO_PHI_MRN;
	if (t->kw & KW_KSSN) {
		if (word_is(s, t, "social") && !word_is(s, T(s, i + 1), "security"))
			return -1;
		return ECHO_PHI_SSN;
	}
	if (t->kw & KW_KPLAN)
		return ECHO_PHI_PLAN;
	if (t->kw & KW_KACCOUNT)
		return ECHO_PHI_ACCOUNT;
	if (t->kw & KW_KLICENSE)
		return ECHO_PHI_LICENSE;
	if (t->kw & KW_KVEHICLE)
		return ECHO_PHI_VEHICLE;
	if (t->kw & KW_KDEVICE)
		return ECHO_PHI_DEVICE;
	if (t->kw & KW_KID)
		return ECHO_PHI_ID;
	if (t->kw & KW_KFAX)
		return ECHO_PHI_FAX;
	if (t->kw & KW_KZIP)
		return ECHO_PHI_ZIP;
	if (t->kw & KW_KCARD) {
		/* "state ID card": an identity card, not a payment card. */
		if (word_is(s, P(s, i, 1), "id") ||
		    word_is(s, P(s, i, 1), "identification"))
			return ECHO_PHI_ID;
		*weak = 1;
		return ECHO_PHI_ACCOUNT;
	}
	if (t->kw & KW_KPHONE)
		return ECHO_PHI_PHONE;
	return -1;
}

/* Where a labelled value may start: a token with digits, a phone number's
 * "(" or "+", or a short capitalised code before a group of digits
 * ("BNX 4471", "NM 2AB 776"). */
static int value_start(const scan *s, size_t j)
{
	const tok *t = T(s, j), *n1 = T(s, j + 1);
	if (has_digit(t))
		return 1;
	if ((is_punct(t, '(') || is_punct(t, '+')) && is_num(n1) && adj(n1))
		return 1;
	if (t->kind == TK_WORD && t->shape == SH_UPPER && tlen(t) <= 3 &&
	    !(n1->flags & TF_NL) && (n1->flags & TF_SPACE) && has_digit(n1) &&
	    tlen(n1) <= 4)
		return 1;
	return 0;
}

/* The extent of an identifier value at token j: code groups glued by
 * '-' or '.', or short groups separated by single spaces ("923 44 1208").
 * Returns its last token; counts digits and letters. */
static size_t value_extent(const scan *s, size_t j, uint32_t *nd, uint32_t *nl)
{
	size_t k = j, groups = 1;
	*nd = *nl = 0;
	for (;;) {
		const tok *t = T(s, k);
		*nd += t->ndigits;
		*nl += t->kind == TK_NUM ? 0 : (t->nletters ? t->nletters : (uint32_t)tlen(t));
		const tok *n1 = T(s, k + 1), *n2 = T(s, k + 2);
		if (T(s, k + 1)->end - T(s, j)->start > 48)
			break;
		if ((is_punct(n1, '-') || is_punct(n1, '.')) && adj(n1) && adj(n2) &&
		    code_tok(n2)) {
			k += 2;
			continue;
		}
		if (code_tok(n1) && (n1->flags & TF_SPACE) && !(n1->flags & TF_NL) &&
		    tlen(t) <= 4 && tlen(n1) <= 4 && has_digit(n1) && groups < 5) {
			k++;
			groups++;
			continue;
		}
		break;
	}
	return k;
}

/* A strong structured value (IP, email, URL, full date) is detected as
 * itself, never as a labelled number. */
static int structured_at(const scan *s, size_t j)
{
	size_t last;
	if (ip_at(s, j) || email_at(s, j) || url_at(s, j))
		return 1;
	return numdate_at(s, j, &last) == ND_STRONG;
}

/* Looks from a label word forward to its value and leaves it pending. */
static void try_label(scan *s, size_t i)
{
	int needqual, weak;
	int cat = label_kind(s, i, &needqual, &weak);
	if (cat < 0)
		return;
	if (cat == ECHO_PHI_PLAN) {
		s->plan_seen = i;
		s->have_plan_seen = 1;
	}
	int qual = 0, others = 0;
	size_t j = i + 1;
	if ((cat == ECHO_PHI_DEVICE && T(s, i)->shape == SH_INITIAL) ||
	    (cat == ECHO_PHI_MRN && is_punct(T(s, i + 1), '#'))) {
		j = cat == ECHO_PHI_DEVICE ? i + 3 : i + 2;
		qual = 1;
	}
	size_t steps = 0;
	for (; steps < 14; steps++, j++) {
		const tok *u = T(s, j);
		if (u->kind == TK_EOF || (u->flags & TF_PARA))
			return;
		if (value_start(s, j))
			break;
		if (u->kind == TK_PUNCT) {
			if (u->c == '.') {
				const tok *b = P(s, j, 1);
				if (adj(u) && (word_is(s, b, "no") || word_is(s, b, "nr") ||
				               word_is(s, b, "num") || word_is(s, b, "acct")))
					continue;
				return;
			}
			if (u->c == '!' || u->c == '?' || u->c == ';')
				return;
			if (u->c == '#')
				qual = 1;
			continue;
		}
		int nq2, weak2;
		int c2 = label_kind(s, j, &nq2, &weak2);
		if (c2 >= 0 && weak2 && !weak) {
			/* "Medicaid card number": card qualifies the plan. */
			qual = 1;
			continue;
		}
		if (c2 >= 0 && !(c2 == ECHO_PHI_PHONE && cat != ECHO_PHI_PHONE)) {
			cat = c2;
			needqual = nq2;
			weak = weak2;
			qual = 0;
			others = 0;
			if (cat == ECHO_PHI_PLAN) {
				s->plan_seen = j;
				s->have_plan_seen = 1;
			}
			if ((cat == ECHO_PHI_DEVICE && T(s, j)->shape == SH_INITIAL) ||
			    (cat == ECHO_PHI_MRN && is_punct(T(s, j + 1), '#'))) {
				j += cat == ECHO_PHI_DEVICE ? 2 : 1;
				qual = 1;
			}
			continue;
		}
		if (has_kw(u, KW_QUAL)) {
			qual = 1;
			continue;
		}
		if (has_kw(u, KW_FILLER))
			continue;
		if (++others > 4)
			return;
	}
	if (steps >= 14)
		return;
	const tok *v = T(s, j);
	size_t last;
	if (cat == ECHO_PHI_FAX || cat == ECHO_PHI_PHONE) {
		size_t e = phone_at(s, j, &last);
		if (e) {
			set_pending(s, cat, v->start, e);
			return;
		}
		if (is_num(v) && (v->ndigits == 10 ||
		                  (v->ndigits == 11 && s->p[v->start] == '1')) &&
		    left_boundary(s, j) && right_boundary(s, j))
			set_pending(s, cat, v->start, v->end);
		return;
	}
	if (cat == ECHO_PHI_ZIP) {
		if (!num_digits(v, 5, 5) || !left_boundary(s, j))
			return;
		size_t e = v->end;
		if (is_punct(T(s, j + 1), '-') && adj(T(s, j + 1)) &&
		    num_digits(T(s, j + 2), 4, 4) && adj(T(s, j + 2)))
			e = T(s, j + 2)->end;
		set_pending(s, cat, v->start, e);
		return;
	}
	if (needqual && !qual)
		return;
	const tok *before = P(s, j, 1);
	if (structured_at(s, j) ||
	    (adj(v) && (is_punct(before, '/') || is_punct(before, '.') ||
	                is_punct(before, '@'))))
		return;
	uint32_t nd, nl;
	last = value_extent(s, j, &nd, &nl);
	if (!(nd >= 3 || (nd >= 2 && nl >= 1)))
		return;
	if (cat == ECHO_PHI_SSN && nd < 4)
		return;
	if (last == j && is_year(v) && cat != ECHO_PHI_SSN)
		return;
	if (dose_unit(s, T(s, last + 1)))
		return;
	if (weak && s->have_plan_seen && i - s->plan_seen <= 16)
		cat = ECHO_PHI_PLAN;
	set_pending(s, cat, v->start, T(s, last)->end);
	s->sticky = cat;
}

/* ------------------------------------------------------------------ */
/* Numbers and codes without a label                                   */

static int phone_context(const scan *s, size_t i, int *fax)
{
	*fax = 0;
	for (size_t k = 1; k <= 4; k++) {
		const tok *q = P(s, i, k);
		if (q->kind == TK_BOF || is_punct(q, '.'))
			break;
		if (has_kw(q, KW_KFAX)) {
			*fax = 1;
			return 1;
		}
		if (has_kw(q, KW_KPHONE) || word_is(s, q, "call") ||
		    word_is(s, q, "number"))
			return 1;
	}
	return 0;
}

static int vin_tok(const scan *s, const tok *t)
{
	if ((t->kind != TK_WORD && t->kind != TK_ALNUM) || tlen(t) != 17 ||
	    t->ndigits < 3 || t->nletters < 3)
		return 0;
	for (size_t k = t->start; k < t->end; k++) {
		unsigned char c = s->p[k];
		if (!(is_digit(c) || (c >= 'A' && c <= 'Z')) || c == 'I' || c == 'O' ||
		    c == 'Q')
			return 0;
	}
	return 1;
}

static size_t try_bare_number(scan *s, size_t i)
{
	const tok *t = T(s, i);
	size_t last, e;
	if ((e = ssn_at(s, i, &last))) {
		emit(s, ECHO_PHI_SSN, t->start, e);
		return e;
	}
	if ((e = card_at(s, i, &last))) {
		emit(s, ECHO_PHI_ACCOUNT, t->start, e);
		return e;
	}
	if ((e = phone_at(s, i, &last))) {
		int fax;
		phone_context(s, i, &fax);
		emit(s, fax ? ECHO_PHI_FAX : ECHO_PHI_PHONE, t->start, e);
		return e;
	}
	if (vin_tok(s, t) && left_boundary(s, i) && right_boundary(s, i)) {
		emit(s, ECHO_PHI_VEHICLE, t->start, t->end);
		return t->end;
	}
	if (!left_boundary(s, i) || !right_boundary(s, i))
		return 0;
	if (is_num(t) && t->ndigits >= 7) {
		if (dose_unit(s, T(s, i + 1)))
			return 0;
		int fax;
		if ((t->ndigits == 10 || (t->ndigits == 11 && s->p[t->start] == '1')) &&
		    phone_context(s, i, &fax)) {
			emit(s, fax ? ECHO_PHI_FAX : ECHO_PHI_PHONE, t->start, t->end);
			return t->end;
		}
		emit(s, s->sticky >= 0 ? s->sticky : ECHO_PHI_ID, t->start, t->end);
		return t->end;
	}
	int code = 0;
	if (t->kind == TK_WORD && t->ndigits > 0)
		code = t->ndigits >= 5 || (t->nletters >= 2 && t->ndigits >= 4);
	if (t->kind == TK_ALNUM)
		code = t->interleaved && t->ndigits >= 3 && tlen(t) >= 5;
	if (code) {
		emit(s, s->sticky >= 0 ? s->sticky : ECHO_PHI_ID, t->start, t->end);
		return t->end;
	}
	return 0;
}

/* A state named at token k: "NM", "New Mexico", "Arizona".  Returns the
 * number of tokens, or 0. */
static size_t state_at(const scan *s, size_t k)
{
	const tok *t = T(s, k);
	if (t->kind != TK_WORD)
		return 0;
	if ((t->kw & KW_STATEABBR) && (t->shape == SH_UPPER || t->shape == SH_TITLE) &&
	    tlen(t) >= 2) {
		if (tlen(t) == 2 && t->shape != SH_UPPER)
			return 0;
		if (is_punct(T(s, k + 1), '.') && adj(T(s, k + 1)))
			return 2;
		return 1;
	}
	if (!capitalised(t) && t->shape != SH_UPPER)
		return 0;
	if (t->kw & KW_STATE)
		return 1;
	if ((t->kw & KW_STATE1) && has_kw(T(s, k + 1), KW_STATE2) &&
	    capitalised(T(s, k + 1)))
		return 2;
	return 0;
}

static size_t try_zip(scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (!num_digits(t, 5, 5) || !left_boundary(s, i))
		return 0;
	size_t e = t->end, last = i;
	if (is_punct(T(s, i + 1), '-') && adj(T(s, i + 1)) &&
	    num_digits(T(s, i + 2), 4, 4) && adj(T(s, i + 2))) {
		e = T(s, i + 2)->end;
		last = i + 2;
	}
	if (!right_boundary(s, last))
		return 0;
	int zip = 0;
	size_t back = 1;
	if (is_punct(P(s, i, 1), ','))
		back = 2;
	/* After a state: ", NM 87301", "New Mexico 87102". */
	for (size_t k = 1; k <= 3 && !zip; k++) {
		if (k > i + 1 - back)
			break;
		size_t at = i - back - k + 1;
		size_t n = state_at(s, at);
		if (n && at + n == i - back + 1)
			zip = 1;
	}
	/* "lives in 87045": where someone lives. */
	if (!zip && word_is(s, P(s, i, 1), "in") && has_kw(P(s, i, 2), KW_RESIDE) &&
	    !has_kw(T(s, last + 1), KW_UNIT))
		zip = 1;
	/* After a place: "Albuquerque 87107". */
	if (!zip && s->mn && (s->last_cat == ECHO_PHI_PLACE ||
	                      s->last_cat == ECHO_PHI_NAME) &&
	    P(s, i, back)->end == s->last_end)
		zip = 1;
	/* After a town in no list: "Booneville 41314". */
	if (!zip && capitalised(P(s, i, back)) && !P(s, i, back)->kw &&
	    !(P(s, i, back)->wflags & WF_COMMON) &&
	    !(P(s, i, back)->wflags & WF_HARD) && !has_kw(T(s, last + 1), KW_UNIT))
		zip = 1;
	if (!zip)
		return 0;
	emit(s, ECHO_PHI_ZIP, t->start, e);
	return e;
}

/* ------------------------------------------------------------------ */
/* Street addresses, post office boxes, rural roads                    */

/* After the last street token, an optional unit: ", Apt 2", "#12". */
static size_t address_unit(const scan *s, size_t k, size_t end)
{
	size_t q = k;
	if (is_punct(T(s, q), ','))
		q++;
	const tok *u = T(s, q);
	if (!(has_kw(u, KW_UNITLABEL) && u->shape != SH_LOWER) && !is_punct(u, '#'))
		return end;
	q++;
	if (is_punct(T(s, q), '.') && adj(T(s, q)))
		q++;
	if (is_punct(T(s, q), '#'))
		q++;
	const tok *v = T(s, q);
	if (code_tok(v) && tlen(v) <= 6 && !(v->flags & TF_NL))
		return v->end;
	return end;
}

static size_t try_address(scan *s, size_t i)
{
	const tok *t = T(s, i);
	size_t j;
	if (t->kind == TK_WORD && t->shape == SH_LOWER)
		return 0;
	/* PO Box 12, P.O. Box 214, Post Office Box 9 */
	j = SIZE_MAX;
	if (t->kind == TK_WORD && (word_is(s, t, "po") || word_is(s, t, "pob")) &&
	    t->shape == SH_UPPER)
		j = i + 1;
	else if (t->shape == SH_INITIAL && word_is(s, t, "p") &&
	         is_punct(T(s, i + 1), '.') && word_is(s, T(s, i + 2), "o") &&
	         is_punct(T(s, i + 3), '.'))
		j = i + 4;
	else if (word_is(s, t, "post") && word_is(s, T(s, i + 1), "office"))
		j = i + 2;
	if (j != SIZE_MAX && word_is(s, T(s, j), "box") && code_tok(T(s, j + 1)) &&
	    has_digit(T(s, j + 1))) {
		size_t e = T(s, j + 1)->end;
		emit(s, ECHO_PHI_PLACE, t->start, e);
		return e;
	}
	/* County Road 19, Navajo Route 9, CR 19; Highway 491 after "off". */
	if (t->kind == TK_WORD && t->shape != SH_LOWER) {
		const tok *n1 = T(s, i + 1), *n2 = T(s, i + 2);
		int road = 0;
		if ((word_is(s, t, "county") || word_is(s, t, "navajo") ||
		     word_is(s, t, "indian") || word_is(s, t, "state") ||
		     word_is(s, t, "bia") || word_is(s, t, "forest")) &&
		    (word_is(s, n1, "road") || word_is(s, n1, "rd") ||
		     word_is(s, n1, "route") || word_is(s, n1, "rte")) &&
		    n1->shape != SH_LOWER && has_digit(n2) && code_tok(n2))
			road = 2;
		else if ((word_is(s, t, "cr") || word_is(s, t, "nr") ||
		          word_is(s, t, "ir") || word_is(s, t, "sr") ||
		          word_is(s, t, "highway") || word_is(s, t, "hwy") ||
		          word_is(s, t, "route")) &&
		         has_kw(P(s, i, 1), KW_STREETPREP) && is_num(n1) &&
		         n1->ndigits <= 4)
			road = 1;
		if (road) {
			size_t e = T(s, i + road)->end;
			emit(s, ECHO_PHI_PLACE, t->start, e);
			return e;
		}
	}
	/* 1423 Elm Street, 88 N. Main St., 6012 Rio Grande Blvd NW */
	int lead = (is_num(t) && t->ndigits <= 6) ||
	           (t->kind == TK_ALNUM && t->lead_digits <= 5 && t->nletters == 1 &&
	            !t->interleaved);
	if (!lead || !left_boundary(s, i))
		return 0;
	j = i + 1;
	if (!(T(s, j)->flags & TF_SPACE))
		return 0;
	const tok *d = T(s, j);
	if (has_kw(d, KW_DIRECTION) && d->shape != SH_LOWER) {
		j++;
		if (is_punct(T(s, j), '.') && adj(T(s, j)))
			j++;
	}
	size_t names = 0;
	for (; names < 4; names++, j++) {
		const tok *u = T(s, j);
		if (names > 0 && has_kw(u, KW_STREET) && u->shape != SH_LOWER)
			break;
		if (u->flags & TF_NL && names > 0)
			return 0;
		if (!(capitalised(u) || (u->kind == TK_ALNUM && day_tok(s, u) == 0 &&
		                         u->lead_digits <= 3 && u->nletters == 2) ||
		      (u->kind == TK_ALNUM && day_tok(s, u))))
			return 0;
		if (u->kind == TK_WORD && (u->wflags & WF_HARD))
			return 0;
	}
	const tok *suf = T(s, j);
	if (names == 0 || !has_kw(suf, KW_STREET) || suf->shape == SH_LOWER)
		return 0;
	size_t e = suf->end;
	j++;
	if (is_punct(T(s, j), '.') && adj(T(s, j))) {
		e = T(s, j)->end;
		j++;
	}
	const tok *post = T(s, j);
	if (has_kw(post, KW_DIRECTION) && post->shape == SH_UPPER &&
	    !(post->flags & TF_NL)) {
		e = post->end;
		j++;
	}
	e = address_unit(s, j, e);
	emit(s, ECHO_PHI_PLACE, t->start, e);
	return e;
}

/* ------------------------------------------------------------------ */
/* Names and places                                                    */

enum nclass {
	NC_NONE,        /* not a capitalised word */
	NC_HARD,        /* allow list, weekday, honorific */
	NC_WEAK,        /* month or state: a name only after "her daughter" */
	NC_SOFT,        /* Navajo, Christian: beside a name, not alone */
	NC_COMMON,      /* an everyday word: Health, Recovery */
	NC_BRAND,       /* GoFundMe: camel case that is not McX/DeX */
	NC_PCOMMON,     /* a name that is also a word: Will, Hope */
	NC_PROPER,      /* a name in the word list: Marcus, Gallup */
	NC_UNKNOWN,     /* in no list: Begay, Nevaeh */
	NC_INITIAL,     /* "J." */
};

static int name_class(const scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (!capitalised(t) || t->ndigits > 0)
		return NC_NONE;
	if (t->kw & (KW_WEEKDAY | KW_HONOR))
		return NC_HARD;
	if (t->wflags & WF_HARD)
		return NC_HARD;
	if (t->kw & KW_MONTH) {
		/* "Sept 9", "Jan. 5": a date, whatever else the word may be. */
		size_t k = i + 1;
		if (is_punct(T(s, k), '.') && adj(T(s, k)))
			k++;
		if (day_tok(s, T(s, k)) || is_year(T(s, k)))
			return NC_HARD;
		if (!(t->kw & KW_MONTHABBR))
			return NC_WEAK;
	}
	if (t->kw & KW_STATE)
		return NC_WEAK;
	if ((t->kw & KW_STATE1) && has_kw(T(s, i + 1), KW_STATE2) &&
	    capitalised(T(s, i + 1)))
		return NC_WEAK;
	if ((t->kw & KW_STATE2) && has_kw(P(s, i, 1), KW_STATE1) &&
	    capitalised(P(s, i, 1)))
		return NC_WEAK;
	if (t->wflags & WF_SOFT)
		return NC_SOFT;
	if (t->wflags & WF_MEDICAL)
		return NC_COMMON;
	if (t->shape == SH_CAMEL)
		return NC_BRAND;
	if (t->shape == SH_CAMEL_NAME)
		return NC_PROPER;
	if ((t->wflags & WF_PROPER) && (t->wflags & WF_COMMON))
		return NC_PCOMMON;
	if (t->wflags & WF_PROPER)
		return NC_PROPER;
	if (t->wflags & WF_COMMON)
		return NC_COMMON;
	if (t->wflags & WF_PERSON)
		return NC_PROPER;
	return NC_UNKNOWN;
}

/* Is token i the first word of a sentence (or of a list item)? */
static int sentence_initial(const scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (t->flags & TF_PARA)
		return 1;
	size_t k = 1;
	const tok *q = P(s, i, 1);
	while (k < 3 && (is_punct(q, '"') || is_punct(q, '\'') ||
	                 is_punct(q, '(') || is_punct(q, '['))) {
		if (q->flags & TF_PARA)
			return 1;
		q = P(s, i, ++k);
	}
	if (q->kind == TK_BOF)
		return 1;
	if (q->kind != TK_PUNCT)
		return 0;
	switch (q->c) {
	case '!': case '?': case ':': case ';':
		return 1;
	case '.': {
		const tok *r = P(s, i, k + 1);
		if (adj(q) && r->kind == TK_WORD && r->shape != SH_LOWER &&
		    (tlen(r) == 1 || (r->kw & (KW_HONOR | KW_ABBRPLACE))))
			return 0;
		return 1;
	}
	case '-': case '*':
		return (q->flags & TF_NL) || P(s, i, k + 1)->kind == TK_BOF;
	default:
		break;
	}
	return (t->flags & TF_NL) && !(q->c == ',' || q->c == '(' || q->c == '&' ||
	                               q->c == '/');
}

enum {
	SIG_HON = 1 << 0,        /* Mr. Begay */
	SIG_REL = 1 << 1,        /* her son Marcus, named Wendell */
	SIG_EMP = 1 << 2,        /* works at Bashas' */
	SIG_COORD = 1 << 3,      /* Marcus and Hope */
	SIG_PLACE = 1 << 4,      /* in Gallup */
	SIG_PLACE_STRONG = 1 << 5, /* lives in Grants */
	SIG_STREETPREP = 1 << 6, /* on Coal Avenue */
	SIG_AFTER_PLACE = 1 << 7, /* 1423 Elm Street, Farmington */
};

static int word_in_list(const scan *s, const tok *t, const char *const *list)
{
	for (; *list; list++)
		if (word_is(s, t, *list))
			return 1;
	return 0;
}

/* What the words before a run of capitalised words say about it. */
static unsigned prev_signals(const scan *s, size_t r)
{
	static const char *const go[] = {"goes", "go", "going", "went", NULL};
	static const char *const known[] = {
		"known", "goes", "go", "going", "referred", "introduced",
		"introduces", "calls", "call", NULL,
	};
	static const char *const emp_prep[] = {"at", "for", "by", "with", NULL};
	const tok *p1 = P(s, r, 1), *p2 = P(s, r, 2);
	unsigned sig = 0;

	if ((is_punct(p1, '.') && adj(p1) && honorific(p2)) || honorific(p1))
		return SIG_HON;
	size_t k = 1;
	const tok *q = p1;
	if (is_punct(q, ',') || is_punct(q, '(') || is_punct(q, ':'))
		q = P(s, r, ++k);
	if (has_kw(q, KW_EMPLOYER))
		return SIG_EMP;
	if (has_kw(q, KW_RELATION) && q->shape != SH_UPPER)
		return SIG_REL;
	if ((word_is(s, q, "is") || word_is(s, q, "was")) &&
	    has_kw(P(s, r, k + 1), KW_RELATION))
		return SIG_REL;
	if (has_kw(p1, KW_INTRO))
		return SIG_REL;
	if (word_is(s, p1, "by") && word_in_list(s, p2, go))
		return SIG_REL;
	if (word_is(s, p1, "as"))
		for (size_t b = 2; b <= 5; b++)
			if (word_in_list(s, P(s, r, b), known))
				return SIG_REL;
	k = 1;
	q = p1;
	if (word_is(s, q, "the"))
		q = P(s, r, ++k);
	if (word_in_list(s, q, emp_prep) && has_kw(P(s, r, k + 1), KW_EMPLOYVERB))
		return SIG_EMP;

	k = 1;
	q = p1;
	if (is_punct(q, ','))
		q = P(s, r, ++k);
	if ((word_is(s, q, "and") || word_is(s, q, "or") || is_punct(q, '&')) &&
	    s->mn) {
		const tok *b = P(s, r, k + 1);
		if (is_punct(b, ','))
			b = P(s, r, k + 2);
		if (b->start < s->last_end && s->last_end <= b->end &&
		    (s->last_cat == ECHO_PHI_NAME || s->last_cat == ECHO_PHI_PLACE))
			sig |= SIG_COORD;
	}
	if (has_kw(p1, KW_PLACEPREP) ||
	    (word_is(s, p1, "of") && word_is(s, p2, "outside"))) {
		sig |= SIG_PLACE;
		/* "lives in", "grew up in", "the DSS office in". */
		for (size_t b = 2; b <= 3; b++)
			if (has_kw(P(s, r, b), KW_RESIDE | KW_FACILITY))
				sig |= SIG_PLACE_STRONG;
	}
	if (word_is(s, p1, "to"))
		for (size_t b = 2; b <= 3; b++) {
			const tok *v = P(s, r, b);
			if (has_kw(v, KW_MOTION | KW_RESIDE))
				sig |= SIG_PLACE;
			if (has_kw(v, KW_RESIDE) && !has_kw(v, KW_MOTION))
				sig |= SIG_PLACE_STRONG;
		}
	if (word_is(s, p1, "at") && has_kw(p2, KW_RESIDE))
		sig |= SIG_PLACE | SIG_PLACE_STRONG;
	if (has_kw(p1, KW_STREETPREP))
		sig |= SIG_STREETPREP;
	if (is_punct(p1, ',') && s->mn && s->last_cat == ECHO_PHI_PLACE &&
	    p2->end == s->last_end)
		sig |= SIG_AFTER_PLACE;
	return sig;
}

typedef struct member {
	size_t tok;
	size_t start, end;
	int cls;
} member;

#define MAX_RUN 6

static int street_word(const tok *t)
{
	return has_kw(t, KW_STREET) && (t->shape == SH_TITLE || t->shape == SH_UPPER);
}

static int place_suffix(const scan *s, const tok *t)
{
	if (!has_kw(t, KW_PLACESUFFIX))
		return 0;
	if (word_is(s, t, "city"))
		return t->shape == SH_TITLE;
	return 1;
}

/* Collects consecutive capitalised words from token i: "María de la Cruz",
 * "J. Begay", "St. Vincent".  Returns the number of members and sets *next
 * to the token after the run. */
static size_t collect_run(const scan *s, size_t i, int weak_first, member *m,
                          size_t *next)
{
	size_t k = 0, j = i;
	*next = i;
	while (k < MAX_RUN) {
		const tok *t = T(s, j);
		if (k > 0 && (!(t->flags & TF_SPACE) || (t->flags & TF_PARA)))
			break;
		if (k > 0 && t->kind == TK_WORD && (t->kw & KW_PARTICLE) &&
		    t->shape == SH_LOWER && capitalised(T(s, j + 1)) &&
		    (T(s, j + 1)->flags & TF_SPACE)) {
			j++;
			continue;
		}
		if (t->shape == SH_INITIAL && is_punct(T(s, j + 1), '.') &&
		    adj(T(s, j + 1)) && capitalised(T(s, j + 2))) {
			m[k++] = (member){j, t->start, T(s, j + 1)->end, NC_INITIAL};
			j += 2;
			*next = j;
			continue;
		}
		if (has_kw(t, KW_ABBRPLACE) && t->shape == SH_TITLE &&
		    is_punct(T(s, j + 1), '.') && adj(T(s, j + 1)) &&
		    capitalised(T(s, j + 2)) && (k == 0 || !street_word(t))) {
			m[k++] = (member){j, t->start, T(s, j + 1)->end, NC_COMMON};
			j += 2;
			*next = j;
			continue;
		}
		if (k > 0 && (street_word(t) || place_suffix(s, t) ||
		              (has_kw(t, KW_BUSINESS) && t->shape == SH_TITLE)))
			break;
		int cls = name_class(s, j);
		if (cls == NC_NONE || cls == NC_HARD)
			break;
		if (cls == NC_WEAK && !(k == 0 && weak_first))
			break;
		m[k++] = (member){j, t->start, t->base_end, cls};
		j++;
		*next = j;
		if (t->possessive)
			break;
	}
	/* An initial or "St." with nothing after it is not part of a name. */
	while (k > 0 && (m[k - 1].cls == NC_INITIAL ||
	                 (m[k - 1].end > m[k - 1].start &&
	                  s->p[m[k - 1].end - 1] == '.'))) {
		*next = m[k - 1].tok;
		k--;
	}
	return k;
}

/* A sentence-initial word in no dictionary is a name when it does not end
 * like a drug, a chemical or a diagnosis ("Tomasz moved...", but not
 * "Lofexidine helped..."). */
static int medical_suffix(const scan *s, const tok *t)
{
	static const struct affix suffixes[] = {
		AFFIX("ine"), AFFIX("ide"), AFFIX("one"), AFFIX("ol"), AFFIX("am"),
		AFFIX("il"), AFFIX("in"), AFFIX("ate"), AFFIX("itis"),
		AFFIX("osis"), AFFIX("emia"), AFFIX("oma"), AFFIX("pathy"),
		AFFIX("ectomy"), AFFIX("scopy"), AFFIX("gram"), AFFIX("ase"),
		AFFIX("mab"), AFFIX("vir"), AFFIX("ium"), AFFIX("yl"), AFFIX("ex"),
		AFFIX("ics"), AFFIX("ogy"),
	};
	size_t n = t->base_end - t->start;
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		size_t sl = suffixes[i].n;
		if (n > sl + 2 && range_is(s->p, t->base_end - sl, t->base_end,
		                           suffixes[i].s))
			return 1;
	}
	return 0;
}

static int ascii_word(const scan *s, const tok *t)
{
	for (size_t k = t->start; k < t->base_end; k++)
		if (!is_alpha(s->p[k]))
			return 0;
	return 1;
}

/* Does the phrase end at token k: punctuation, the end, or a word that
 * starts a new phrase ("Grants, NM and", "in Zuni since")? */
static int phrase_end(const scan *s, size_t k)
{
	static const char *const glue[] = {
		"and", "or", "but", "so", "to", "for", "in", "where", "with",
		"near", "on", "at", "from", "since", "until", "last", "this",
		"now", "when", "after", "before", NULL,
	};
	const tok *z = T(s, k);
	return z->kind != TK_WORD || word_in_list(s, z, glue);
}

static int product_word(const scan *s, size_t i);

static size_t try_name(scan *s, size_t i)
{
	const tok *t = T(s, i);
	int cls0 = name_class(s, i);
	if (cls0 == NC_NONE || cls0 == NC_HARD) {
		if (!(t->shape == SH_INITIAL && is_punct(T(s, i + 1), '.') &&
		      capitalised(T(s, i + 2))))
			return 0;
	}
	unsigned sig = prev_signals(s, i);
	unsigned direct = sig & (SIG_HON | SIG_REL | SIG_EMP);
	/* "Oklahoma City": a state name before "City". */
	int state_city = cls0 == NC_WEAK && (t->kw & KW_STATE) &&
	                 word_is(s, T(s, i + 1), "city") &&
	                 T(s, i + 1)->shape == SH_TITLE;
	if (cls0 == NC_WEAK && !direct && !state_city)
		return 0;
	member m[MAX_RUN];
	size_t next;
	size_t k = collect_run(s, i, direct || state_city, m, &next);
	if (k == 0)
		return 0;
	/* "Lille score", "Abilify Maintena": a product, not a name; "Tina",
	 * "Molly": drug slang unless the text says it is a person. */
	if (k == 1 && !direct && (product_word(s, i) || (t->kw & KW_SLANG)))
		return T(s, i)->end;
	int sent0 = sentence_initial(s, i);

	/* A relation word inside the run: "Sister Hope", "Grandson Tyrell". */
	size_t a = 0;
	while (a + 1 < k && has_kw(T(s, m[a].tok), KW_RELATION)) {
		a++;
		direct |= SIG_REL;
		sig |= SIG_REL;
	}

	/* What follows the run. */
	const tok *last_tok = T(s, m[k - 1].tok);
	int poss = last_tok->possessive;
	const tok *x = T(s, next);
	int psuffix = 0, bsuffix = 0, street = 0, state_after = 0, rel_after = 0;
	size_t suffix_end = 0, after = next;
	if (!poss && (x->flags & TF_SPACE) && !(x->flags & TF_PARA) &&
	    place_suffix(s, x)) {
		psuffix = 1;
		suffix_end = x->end;
		after = next + 1;
		if (word_is(s, x, "chapter") && word_is(s, T(s, next + 1), "house")) {
			suffix_end = T(s, next + 1)->end;
			after = next + 2;
		}
	} else if (!poss && (x->flags & TF_SPACE) && !(x->flags & TF_PARA) &&
	           has_kw(x, KW_BUSINESS) && x->shape == SH_TITLE) {
		bsuffix = 1;
		suffix_end = x->end;
		after = next + 1;
	} else if (!poss && (x->flags & TF_SPACE) && street_word(x) &&
	           has_kw(x, KW_STREETSTRONG) && (sig & SIG_STREETPREP)) {
		street = 1;
		suffix_end = x->end;
		after = next + 1;
		if (is_punct(T(s, after), '.') && adj(T(s, after)) &&
		    !word_is(s, x, "street") && !word_is(s, x, "avenue")) {
			suffix_end = T(s, after)->end;
			after++;
		}
	}
	if (!poss && !psuffix && !street) {
		size_t q = next;
		if (is_punct(T(s, q), ','))
			q++;
		size_t sn = state_at(s, q);
		/* "Dana Whitfield, MD": MD and PA are credentials too, so
		 * they make a place only before a ZIP code or after "in". */
		const tok *st = T(s, q);
		if (sn && st->shape == SH_UPPER &&
		    (word_is(s, st, "md") || word_is(s, st, "pa")) &&
		    !num_digits(T(s, q + sn), 5, 5) && !(sig & SIG_PLACE))
			sn = 0;
		if (sn && !(T(s, q)->flags & TF_NL)) {
			/* "Gallup, NM 87301", "Grants, NM." but not "Civic, New
			 * Mexico plate", where the state describes a noun. */
			state_after = phrase_end(s, q + sn) ? 2 : 1;
		}
		q = next;
		if (is_punct(T(s, q), ',') || is_punct(T(s, q), '(')) {
			q++;
			static const char *const det[] = {
				"her", "his", "their", "the", "my", "our", "a", NULL,
			};
			if (word_in_list(s, T(s, q), det))
				q++;
			if (has_kw(T(s, q), KW_RELATION))
				rel_after = 1;
		}
	}
	if (poss && has_kw(x, KW_RELATION))
		rel_after = 1;

	int strong = 0, allsoft = 1, allbrand = 1, namelike = 0, learned_cat = -1;
	for (size_t q = a; q < k; q++) {
		int c = m[q].cls;
		int lc;
		if (c == NC_PCOMMON || c == NC_PROPER || c == NC_UNKNOWN)
			namelike = 1;
		if (c == NC_PROPER)
			strong = 1;
		if (c == NC_UNKNOWN && !(q == 0 && sent0))
			strong = 1;
		if (learned(s, T(s, m[q].tok)->hash, &lc) && c != NC_COMMON &&
		    c != NC_SOFT) {
			strong = 1;
			learned_cat = lc;
		}
		if (c != NC_SOFT && c != NC_INITIAL)
			allsoft = 0;
		if (c != NC_BRAND && c != NC_INITIAL)
			allbrand = 0;
	}
	/* "Tomasz moved...": a lone unknown word opening a sentence. */
	if (!strong && k == 1 && a == 0 && m[0].cls == NC_UNKNOWN && sent0 &&
	    ascii_word(s, last_tok) && last_tok->base_end - last_tok->start >= 3 &&
	    !medical_suffix(s, last_tok) &&
	    ((x->kind == TK_WORD && x->shape == SH_LOWER && !(x->flags & TF_NL)) ||
	     is_punct(x, ',') || poss))
		strong = 1;

	int accept = 0, place = 0, trim = 0;
	if (psuffix) {
		accept = place = 1;
	} else if (street) {
		accept = place = 1;
	} else if (direct) {
		accept = 1;
	} else if (strong) {
		accept = 1;
		trim = 1;
		place = (sig & (SIG_PLACE | SIG_AFTER_PLACE)) || state_after ||
		        learned_cat == ECHO_PHI_PLACE;
	} else if (state_after == 2 && !allbrand &&
	           !(sent0 && m[0].cls == NC_COMMON && k == 1)) {
		/* "Grants, NM", and "Navajo, NM", a town as well as a nation. */
		accept = place = 1;
	} else if ((sig & SIG_PLACE) && !sent0 && k - a >= 2 && namelike &&
	           !allsoft && !allbrand) {
		/* "in Window Rock", "near Pine Ridge": a capitalised phrase
		 * after a locative preposition. */
		accept = place = 1;
	} else if ((sig & SIG_PLACE_STRONG) && !allbrand &&
	           (!allsoft || phrase_end(s, next))) {
		/* A soft word only when it ends the phrase: "in Zuni since",
		 * not "in Navajo housing". */
		accept = place = 1;
	} else if ((sig & SIG_COORD) && !allsoft && !allbrand &&
	           m[a].cls != NC_COMMON) {
		accept = 1;
		place = s->last_cat == ECHO_PHI_PLACE;
	} else if (bsuffix && (namelike || has_kw(P(s, i, 1), KW_EMPLOYVERB) ||
	                       word_is(s, P(s, i, 1), "the") ||
	                       word_is(s, P(s, i, 1), "at"))) {
		/* "the Sands Motel": a business, so perhaps an employer. */
		accept = 1;
	} else if (rel_after && namelike && !allsoft && !allbrand) {
		accept = 1;
	}
	if (rel_after || (direct && !psuffix))
		place = psuffix;

	if (!accept) {
		/* Only the first word is given up on: the scan goes on from the
		 * next one, which may start a name or carry a label of its own.
		 * The word is kept in case it is learned as a name later. */
		int c = m[0].cls;
		if (c == NC_UNKNOWN || c == NC_PCOMMON || c == NC_BRAND ||
		    c == NC_PROPER)
			defer(s, T(s, m[0].tok));
		return 0;
	}
	size_t b = k;
	if (trim) {
		/* "Los Lunas", "Rio Rancho" keep their first word. */
		while (a < b && (m[a].cls == NC_COMMON || m[a].cls == NC_SOFT) &&
		       !(T(s, m[a].tok)->kw & KW_PARTICLE) &&
		       !(a + 1 < b && m[a + 1].cls == NC_UNKNOWN))
			a++;
		while (b > a && (m[b - 1].cls == NC_COMMON || m[b - 1].cls == NC_SOFT))
			b--;
		if (a >= b)
			return T(s, next - 1)->end;
		if (b - a == 1 && (T(s, m[a].tok)->kw & KW_SLANG))
			return T(s, next - 1)->end;
	}
	size_t start = m[a].start;
	/* "Los Lunas", "Rio Rancho", "San Ysidro": a capitalised particle
	 * before the run belongs to it. */
	{
		const tok *pt = P(s, m[a].tok, 1);
		if (capitalised(pt) && (pt->kw & KW_PARTICLE) && !pt->possessive &&
		    (T(s, m[a].tok)->flags & TF_SPACE) && pt->start >= s->last_end)
			start = pt->start;
	}
	int suffixed = psuffix || street || (bsuffix && !place);
	size_t end = suffixed && b == k ? suffix_end : m[b - 1].end;
	int cat = place ? ECHO_PHI_PLACE : ECHO_PHI_NAME;
	emit(s, cat, start, end);
	for (size_t q = a; q < b; q++) {
		int c = m[q].cls;
		if (c == NC_UNKNOWN || c == NC_PCOMMON || c == NC_BRAND ||
		    c == NC_PROPER)
			learn(s, T(s, m[q].tok)->hash, cat);
	}
	if (suffixed && b == k)
		return T(s, after - 1)->end;
	return T(s, next - 1)->end;
}

/* ------------------------------------------------------------------ */
/* Safe by default                                                     */

/* Is the word known to be safe as written: an everyday word (in lower
 * case, or capitalised where the word list has it in lower case too), a
 * clinical word, an allow-list or context word? */
static int word_safe(const tok *t)
{
	if (t->kw)
		return 1;
	if (t->wflags & (WF_HARD | WF_SOFT | WF_MEDICAL))
		return 1;
	return (t->wflags & WF_COMMON) != 0;
}

/* Apostrophes inside a word: "don't", "y'all", "O'Connell".  The part
 * before the apostrophe decides when the word list lacks the whole. */
static int contraction_safe(const scan *s, const tok *t)
{
	for (size_t k = t->start + 1; k < t->base_end; k++)
		if (s->p[k] == '\'' || (s->p[k] == 0xE2 && k + 2 < t->base_end &&
		                         s->p[k + 1] == 0x80 && s->p[k + 2] == 0x99)) {
			if (t->shape != SH_LOWER)
				return 0;
			/* "o'hara" is a name, "don't" a word. */
			size_t after = s->p[k] == '\'' ? k + 1 : k + 3;
			if (t->base_end - after > 3)
				return 0;
			return part_known(s->p, t->start, k);
		}
	return 0;
}

/* Is the word a name by what is around it: a relation or honorific
 * before, an introduction ("goes by", "on FB as"), or a verb of speech or
 * contact after it ("Mark said", "bob texted")? */
static int person_cue(const scan *s, size_t i)
{
	unsigned sig = prev_signals(s, i);
	if (sig & (SIG_HON | SIG_REL))
		return 1;
	const tok *n1 = T(s, i + 1);
	if (has_kw(n1, KW_SPEECH) && n1->shape == SH_LOWER &&
	    (n1->flags & TF_SPACE) && !(n1->flags & TF_NL) &&
	    !T(s, i)->possessive) {
		/* "she called" is a pronoun; "Mark called" a person. */
		const tok *t = T(s, i);
		return !has_kw(t, KW_PRONOUN) && (t->wflags & WF_GIVEN);
	}
	return 0;
}

/* "SMITH, JOHN", "BEGAY, ROSALIND M": a name written the way forms and
 * registration systems write it.  Returns the end of the match or 0. */
static size_t caps_name(scan *s, size_t i)
{
	const tok *a = T(s, i), *c = T(s, i + 1), *b = T(s, i + 2);
	if (a->shape != SH_UPPER || b->kind != TK_WORD || b->shape != SH_UPPER ||
	    !is_punct(c, ',') || tlen(a) < 2 || tlen(b) < 2 || a->ndigits ||
	    b->ndigits || a->hyphen || b->hyphen)
		return 0;
	/* Both words a name in the census lists, or one a name and the other
	 * in no list: acronyms ("HCV, HIV") are in the allow list. */
	int an = (a->wflags & WF_PERSON) != 0, bn = (b->wflags & WF_PERSON) != 0;
	int ak = a->kw || (a->wflags & (WF_HARD | WF_SOFT)),
	    bk = b->kw || (b->wflags & (WF_HARD | WF_SOFT));
	if (ak || bk)
		return 0;
	if (!((an && bn) || (an && !b->wflags) || (bn && !a->wflags) ||
	      ((a->wflags & WF_SURNAME) && (b->wflags & WF_GIVEN))))
		return 0;
	size_t end = b->end;
	const tok *m = T(s, i + 3);
	if (m->kind == TK_WORD && m->shape == SH_INITIAL && !(m->flags & TF_NL))
		end = m->end;
	emit(s, ECHO_PHI_NAME, a->start, end);
	return end;
}

/* Is word i in a place's position: after "in", "from", "near"..., or a
 * street preposition? */
static int place_position(const scan *s, size_t i)
{
	return (prev_signals(s, i) & (SIG_PLACE | SIG_PLACE_STRONG)) != 0;
}

/* The word after a brand or an instrument ("Invega Sustenna", "Abilify
 * Maintena"), or before a product word ("Mepilex foam", "Lille score",
 * "Tacoma pickup"), is part of a product's name. */
static int product_word(const scan *s, size_t i)
{
	const tok *p1 = P(s, i, 1), *n1 = T(s, i + 1);
	if (p1->kind == TK_WORD && ((p1->wflags & WF_HARD) || (p1->kw & KW_MAKE)) &&
	    p1->shape != SH_LOWER && (T(s, i)->flags & TF_SPACE) &&
	    !(T(s, i)->flags & TF_NL))
		return 1;
	return has_kw(n1, KW_PRODUCT) && (n1->flags & TF_SPACE) &&
	       !T(s, i)->possessive;
}

/* Dates without a month: holidays ("Labor Day weekend", "New Year's Eve",
 * "Christmas Eve 2024", "the week of Thanksgiving") and day ordinals after
 * "the" ("on the 19th", "from the 30th to the 3rd"). */
static size_t try_loose_date(scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (t->kind == TK_WORD && (t->kw & KW_HOLIDAY) && t->shape != SH_LOWER) {
		size_t j = i + 1, end = t->end;
		for (; j < i + 4; j++) {
			const tok *u = T(s, j);
			if (!(u->flags & TF_SPACE) || (u->flags & TF_NL))
				break;
			if (word_is(s, u, "day") || word_is(s, u, "eve") ||
			    word_is(s, u, "sunday") || word_is(s, u, "weekend") ||
			    word_is(s, u, "gras") || word_is(s, u, "monday") ||
			    (u->kind == TK_NUM && u->ndigits == 4))
				end = u->end;
			else
				break;
		}
		emit(s, ECHO_PHI_DATE, t->start, end);
		return end;
	}
	/* "New Year's", "New Year's Eve". */
	if (word_is(s, t, "new") && t->shape == SH_TITLE &&
	    T(s, i + 1)->kind == TK_WORD && T(s, i + 1)->possessive &&
	    range_is(s->p, T(s, i + 1)->start, T(s, i + 1)->base_end, "year")) {
		size_t end = T(s, i + 1)->end, j = i + 2;
		while (j < i + 4 && (word_is(s, T(s, j), "eve") ||
		                     word_is(s, T(s, j), "day") ||
		                     num_digits(T(s, j), 4, 4)))
			end = T(s, j++)->end;
		emit(s, ECHO_PHI_DATE, t->start, end);
		return end;
	}
	if (t->kind == TK_ALNUM && P(s, i, 1)->kind == TK_WORD &&
	    word_is(s, P(s, i, 1), "the") && t->lead_digits <= 2 &&
	    t->nletters == 2 && t->num >= 1 && t->num <= 31 &&
	    (range_is(s->p, t->end - 2, t->end, "st") ||
	     range_is(s->p, t->end - 2, t->end, "nd") ||
	     range_is(s->p, t->end - 2, t->end, "rd") ||
	     range_is(s->p, t->end - 2, t->end, "th"))) {
		/* Not "the 3rd time", "the 10th grade", "the 5th floor", nor
		 * "the 2nd and 4th Thursday" (a recurring day). */
		const tok *n1 = T(s, i + 1);
		for (size_t k = 1; k <= 3; k++)
			if (has_kw(T(s, i + k), KW_WEEKDAY))
				return 0;
		if (n1->kind == TK_WORD && n1->shape == SH_LOWER &&
		    !word_is(s, n1, "to") && !word_is(s, n1, "and") &&
		    !word_is(s, n1, "or") && !word_is(s, n1, "through") &&
		    !word_is(s, n1, "at") && !word_is(s, n1, "when") &&
		    !word_is(s, n1, "until") && !word_is(s, n1, "because") &&
		    !word_is(s, n1, "after") && !word_is(s, n1, "before"))
			return 0;
		emit(s, ECHO_PHI_DATE, t->start, t->end);
		return t->end;
	}
	return 0;
}

/* Ages over 89 the age rule misses: spelled ("ninety-one", "just turned
 * ninety", "mid-nineties") or fused ("91yoF", "93yo"). */
static size_t try_loose_age(scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (t->kind == TK_ALNUM && t->lead_digits >= 2 && t->lead_digits <= 3 &&
	    t->num >= 90 && t->num <= 125 && !t->interleaved &&
	    s->p[t->start + t->lead_digits] == 'y' &&
	    (t->nletters <= 4)) {
		emit(s, ECHO_PHI_AGE, t->start, t->end);
		return t->end;
	}
	if (t->kind != TK_WORD)
		return 0;
	size_t a = t->start, e = t->base_end;
	if (e - a > 4 && range_is(s->p, a, a + 4, "mid-"))
		a += 4;
	else if (e - a > 5 && range_is(s->p, a, a + 5, "late-"))
		a += 5;
	if (e - a < 6 || !range_is(s->p, a, a + 5, "ninet") ||
	    !(s->p[a + 5] == 'y' || s->p[a + 5] == 'i'))
		return 0;
	const tok *n1 = T(s, i + 1);
	if (has_kw(n1, KW_UNIT) || is_punct(n1, '%') || word_is(s, n1, "percent") ||
	    word_is(s, n1, "minutes") || word_is(s, n1, "days") ||
	    word_is(s, n1, "seconds") || word_is(s, n1, "pounds") ||
	    word_is(s, n1, "dollars") || word_is(s, n1, "times"))
		return 0;
	emit(s, ECHO_PHI_AGE, t->start, t->end);
	return t->end;
}

/* Social and payment handles: "@tay_monroe410", "$BooRealOne215",
 * "$smurfdaddy304". */
static size_t try_handle(scan *s, size_t i)
{
	const tok *t = T(s, i), *n1 = T(s, i + 1);
	if (!(is_punct(t, '@') || is_punct(t, '$')) || !adj(n1) ||
	    !(n1->kind == TK_WORD || n1->kind == TK_ALNUM))
		return 0;
	if (is_punct(t, '$') && n1->kind != TK_WORD)
		return 0;
	const tok *p1 = P(s, i, 1);
	if (p1->kind != TK_BOF && adj(t) && p1->kind != TK_PUNCT)
		return 0;
	size_t j = i + 1, end = n1->end;
	/* name_505, name.928 */
	while (j < i + 8) {
		const tok *u = T(s, j + 1), *v = T(s, j + 2);
		if ((is_punct(u, '_') || is_punct(u, '.')) && adj(u) && adj(v) &&
		    v->kind != TK_PUNCT && v->kind != TK_EOF) {
			end = v->end;
			j += 2;
		} else {
			break;
		}
	}
	emit(s, ECHO_PHI_ID, t->start, end);
	return end;
}

/* A capitalised everyday word alone in running text, between lower-case
 * words: "in Hazard", "named Peanut", "asked Sandy".  Capitals are a
 * signal: such a word is a name unless a list says what else it is. */
static int lone_capital(const scan *s, size_t i)
{
	const tok *t = T(s, i), *p1 = P(s, i, 1), *n1 = T(s, i + 1);
	if (t->shape != SH_TITLE || t->kw || (t->wflags & (WF_HARD | WF_SOFT |
	                                                   WF_MEDICAL)))
		return 0;
	if (t->base_end - t->start < 3 || sentence_initial(s, i) || t->hyphen)
		return 0;
	if (!(p1->kind == TK_WORD && p1->shape == SH_LOWER && !p1->kw) &&
	    !(p1->kind == TK_WORD && (p1->kw & (KW_PLACEPREP | KW_RELATION |
	                                        KW_INTRO | KW_STREETPREP)) &&
	      p1->shape == SH_LOWER))
		return 0;
	if (n1->kind == TK_WORD && n1->shape != SH_LOWER && !(n1->flags & TF_NL))
		return 0;
	/* "ASAM Level 3.5", "Room 4": a label before a number. */
	if (n1->kind == TK_NUM || n1->kind == TK_ALNUM)
		return 0;
	if (product_word(s, i))
		return 0;
	return 1;
}

/* Whole names of institutions and streets: a run of capitalised words
 * ending in an institution word ("Southwestern Regional Jail", "Chinle
 * High School", "Delta Regional Medical Center") or a street type
 * ("Pennsylvania Ave", "E Cambria St").  The run, with any institution
 * words after it, is the match, so that redaction leaves none of it. */
static size_t try_institution(scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (!(capitalised(t) || (t->shape == SH_UPPER && t->kind == TK_WORD)) ||
	    (t->kw & (KW_INSTITUTION | KW_STREET | KW_HONOR | KW_MONTH |
	              KW_WEEKDAY)) ||
	    word_is(s, t, "the") || word_is(s, t, "at") || word_is(s, t, "in"))
		return 0;
	size_t j = i + 1, last = 0;
	int street = 0;
	for (; j < i + 6; j++) {
		const tok *u = T(s, j);
		if (u->kind != TK_WORD || !(u->flags & TF_SPACE) || (u->flags & TF_NL) ||
		    u->shape == SH_LOWER || T(s, j - 1)->possessive)
			break;
		if ((u->kw & KW_INSTITUTION) && u->shape == SH_TITLE)
			last = j;
		else if (last)
			break;
		if ((u->kw & KW_STREETSTRONG) && !last) {
			last = j;
			street = 1;
			break;
		}
	}
	if (!last)
		return 0;
	/* "High" alone is an adjective: "Gentry High" is a school only
	 * when the word after is no noun. */
	size_t end = T(s, last)->end;
	while (is_punct(T(s, last + 1), '.') && adj(T(s, last + 1)) && street) {
		end = T(s, last + 1)->end;
		break;
	}
	emit(s, ECHO_PHI_PLACE, t->start, end);
	return end;
}

/* Every word the rules before did not account for comes here.  A word no
 * list knows is a finding; so is an everyday word that is a given name
 * where the text says it is a person.  Returns the end of what was
 * matched, or 0. */
static size_t try_unknown(scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (t->kind != TK_WORD || t->ndigits > 0)
		return 0;
	size_t e;
	if ((e = caps_name(s, i)))
		return e;
	if (t->shape == SH_UPPER || t->shape == SH_INITIAL || t->shape == SH_CAMEL)
		return 0;
	if (t->base_end - t->start < 2)
		return 0;
	int cat = ECHO_PHI_NAME;
	if (word_safe(t) || contraction_safe(s, t)) {
		/* A word that is also a given name: "her sponsor gail", "my guy
		 * Mark", "Rose texted"; capitalised inside a sentence, a given
		 * name that is also a word is a name too ("asked Pat to"), but
		 * not drug slang ("Tina", "Molly") without a cue. */
		if (lone_capital(s, i)) {
			if (place_position(s, i) || ((t->wflags & WF_GEO) &&
			                             !(t->wflags & WF_PERSON)))
				cat = ECHO_PHI_PLACE;
			goto found;
		}
		if (!(t->wflags & WF_GIVEN) || (t->wflags & WF_HARD) ||
		    (t->kw & ~(KW_SLANG | KW_SPEECH)))
			return 0;
		int cue = person_cue(s, i);
		if (!cue) {
			if (t->shape == SH_LOWER || (t->kw & KW_SLANG) ||
			    sentence_initial(s, i) || !(t->wflags & WF_PROPER) ||
			    product_word(s, i))
				return 0;
		}
	} else {
		if (product_word(s, i))
			return 0;
		if (place_position(s, i) ||
		    ((t->wflags & WF_GEO) && !(t->wflags & WF_PERSON)))
			cat = ECHO_PHI_PLACE;
	}
found:;
	/* The whole name: following capitalised words that are names or
	 * unknown ("Mott Haven", "Vincent Chee"). */
	size_t end = t->base_end, j = i + 1;
	while (!T(s, j - 1)->possessive && j < i + 4) {
		const tok *u = T(s, j);
		if (u->kind != TK_WORD || !(u->flags & TF_SPACE) || (u->flags & TF_NL) ||
		    !capitalised(u) || u->ndigits)
			break;
		int c = name_class(s, j);
		if (c != NC_PROPER && c != NC_UNKNOWN && c != NC_PCOMMON)
			break;
		end = u->base_end;
		j++;
	}
	/* "Los Lunas", "Rio Rancho", "Big Mark": a capitalised word just
	 * before belongs to the name unless it is a keyword of the rules. */
	size_t start = t->start;
	const tok *b = P(s, i, 1);
	if (capitalised(b) && (t->flags & TF_SPACE) && !(t->flags & TF_NL) &&
	    !b->possessive && b->start >= s->last_end &&
	    ((b->kw & KW_PARTICLE) ||
	     (!(b->kw & ~KW_PARTICLE) && !(b->wflags & (WF_HARD | WF_SOFT)) &&
	      !sentence_initial(s, i - 1))))
		start = b->start;
	emit(s, cat, start, end);
	if (t->shape != SH_LOWER)
		learn(s, t->hash, cat);
	return T(s, j - 1)->end;
}

/* ------------------------------------------------------------------ */
/* The scan                                                            */

/* Runs the rules at token i in order of precedence.  Returns the end byte
 * of what was matched or consumed, or 0. */
static size_t rules_at(scan *s, size_t i)
{
	const tok *t = T(s, i), *n1 = T(s, i + 1);
	size_t e;
	if (is_punct(t, '@') || is_punct(t, '$'))
		return try_handle(s, i);
	if (t->kind == TK_PUNCT && !is_punct(t, '(') && !is_punct(t, '+'))
		return 0;
	/* Addresses of every kind continue with punctuation glued on. */
	if (t->kind != TK_PUNCT && adj(n1) && n1->kind == TK_PUNCT) {
		unsigned char c = n1->c;
		if ((c == '@' || c == '.' || c == '_' || c == '+' || c == '%' ||
		     c == '-') && (e = email_at(s, i))) {
			emit(s, ECHO_PHI_EMAIL, t->start, e);
			return e;
		}
		if ((c == '.' || c == ':') && (e = url_at(s, i))) {
			emit(s, ECHO_PHI_URL, t->start, e);
			return e;
		}
		if ((c == '.' || c == ':') && t->kind != TK_ALNUM &&
		    (e = ip_at(s, i))) {
			emit(s, ECHO_PHI_IP, t->start, e);
			return e;
		}
	}
	if (t->kind == TK_WORD &&
	    ((t->kw & KW_KINDS) || t->shape == SH_INITIAL || t->shape == SH_UPPER))
		try_label(s, i);
	/* A plain lower-case word can only be a spelled age or "mid-March";
	 * everything else needs digits or a capital. */
	if (t->kind == TK_WORD && t->shape == SH_LOWER && t->ndigits == 0) {
		if ((e = try_date(s, i)))
			return e;
		if ((e = try_age(s, i)))
			return e;
		if ((e = try_loose_age(s, i)))
			return e;
		return try_unknown(s, i);
	}
	{
		if ((e = try_date(s, i)))
			return e;
		if ((e = try_age(s, i)))
			return e;
		if ((e = try_loose_date(s, i)) || (e = try_loose_age(s, i)))
			return e;
		if (t->kind != TK_WORD || t->ndigits > 0)
			if ((e = try_bare_number(s, i)))
				return e;
		if (t->kind == TK_NUM && (e = try_zip(s, i)))
			return e;
		if ((e = try_address(s, i)))
			return e;
		if ((e = try_institution(s, i)))
			return e;
	}
	if (t->kind == TK_WORD) {
		if ((e = try_name(s, i)))
			return e;
		return try_unknown(s, i);
	}
	return 0;
}

/* Is token i the end of a sentence (for the label carried over)? */
static int sentence_end(const scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (t->flags & TF_PARA)
		return 1;
	if (t->kind != TK_PUNCT)
		return 0;
	if (t->c == '!' || t->c == '?' || t->c == ';')
		return 1;
	return t->c == '.' && (T(s, i + 1)->flags & TF_SPACE);
}

static int cmp_start(const void *a, const void *b)
{
	const echo_phi_match *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Adds the deferred words that turned out to be names and appends every
 * match to out.  Returns -1 if memory runs out. */
static int finish(scan *s, echo_phi_matches *out)
{
	size_t extra = 0;
	for (size_t i = 0; i < s->def_n; i++)
		extra += learned(s, s->def[i].hash, NULL);
	size_t total = s->mn + extra;
	if (total == 0)
		return 0;
	if (total > SIZE_MAX / sizeof *out->items - out->count)
		return -1;
	if (out->count + total > out->cap) {
		size_t cap = out->cap ? out->cap : 16;
		while (cap < out->count + total)
			cap *= 2;
		echo_phi_match *grown = realloc(out->items, cap * sizeof *grown);
		if (!grown)
			return -1;
		out->items = grown;
		out->cap = cap;
	}
	echo_phi_match *dst = out->items + out->count;
	memcpy(dst, s->m, s->mn * sizeof *dst);
	size_t n = s->mn;
	if (extra) {
		for (size_t i = 0; i < s->def_n; i++) {
			int cat;
			if (learned(s, s->def[i].hash, &cat)) {
				dst[n].category = (echo_phi_category)cat;
				dst[n].start = s->def[i].start;
				dst[n].end = s->def[i].end;
				n++;
			}
		}
		/* Both lists are in order; a sort of the union is simplest and
		 * extra is small. */
		qsort(dst, n, sizeof *dst, cmp_start);
		size_t w = 0;
		for (size_t i = 0; i < n; i++) {
			if (w > 0 && dst[i].start < dst[w - 1].end)
				continue;
			dst[w++] = dst[i];
		}
		n = w;
	}
	out->count += n;
	return 0;
}

int echo_phi_scan(const char *text, size_t len, echo_phi_matches *matches)
{
	if (!matches || (!text && len))
		return -1;
	scan s;
	memset(&s, 0, sizeof s);
	s.p = (const unsigned char *)(text ? text : "");
	s.len = len;
	s.bof.kind = TK_BOF;
	s.eof.kind = TK_EOF;
	s.eof.start = s.eof.end = len;
	s.eof.flags = TF_SPACE | TF_NL | TF_PARA;
	s.sticky = -1;
	s.last_cat = -1;
	int rc = 0;
	size_t i = 0;
	for (;;) {
		if (fill(&s, i + LOOKAHEAD) != 0) {
			rc = -1;
			break;
		}
		compact(&s, i);
		const tok *t = T(&s, i);
		if (t->kind == TK_EOF)
			break;
		if (s.pend && t->start >= s.pend_start) {
			if (t->start == s.pend_start && s.pend_start >= s.last_end) {
				emit(&s, s.pend_cat, s.pend_start, s.pend_end);
				s.pend = 0;
				size_t e = s.pend_end;
				while (T(&s, i)->kind != TK_EOF && T(&s, i)->start < e) {
					i++;
					if (fill(&s, i + LOOKAHEAD) != 0) {
						rc = -1;
						break;
					}
					compact(&s, i);
				}
				if (rc)
					break;
				continue;
			}
			s.pend = 0;
		}
		if (sentence_end(&s, i))
			s.sticky = -1;
		size_t e = rules_at(&s, i);
		if (s.oom) {
			rc = -1;
			break;
		}
		if (!e) {
			i++;
			continue;
		}
		while (T(&s, i)->kind != TK_EOF && T(&s, i)->start < e) {
			i++;
			if (fill(&s, i + LOOKAHEAD) != 0) {
				rc = -1;
				break;
			}
			compact(&s, i);
		}
		if (rc)
			break;
	}
	if (rc == 0 && !s.oom)
		rc = finish(&s, matches);
	else
		rc = -1;
	free(s.toks);
	free(s.m);
	free(s.learn_key);
	free(s.learn_cat);
	free(s.def);
	return rc;
}
