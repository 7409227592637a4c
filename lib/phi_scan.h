/* Private to the PHI scanner (phi.c, phi_found.c, phi_lex.c,
 * phi_struct.c, phi_names.c): the token and scan state every rule reads,
 * the word-table flags, and the functions one part of the scanner calls
 * in another.
 * Not installed; the public API is echo/phi.h. */
#ifndef ECHO_PHI_SCAN_H
#define ECHO_PHI_SCAN_H

#include "echo/phi.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "phi_hash.h"
#include "utf8.h"

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
#define KW_FOREIGNFN KW_BIT(58)
#define KW_HANDLE KW_BIT(59)
#define KW_MES KW_BIT(60)
#define KW_DIA KW_BIT(61)
#define KW_EVENT KW_BIT(62)
#define KW_FEATURE KW_BIT(63)

#define KW_KINDS (KW_KMRN | KW_KSSN | KW_KPLAN | KW_KACCOUNT | KW_KCARD | \
                  KW_KLICENSE | KW_KVEHICLE | KW_KDEVICE | KW_KID | \
                  KW_KFAX | KW_KPHONE | KW_KZIP)

struct phi_keyword {
	uint32_t hash;
	char word[PHI_KEYWORD_BYTES];
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


/* Functions shared between the scanner's files: not exported. */
#define PHI_INTERNAL __attribute__((visibility("hidden")))

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
	uint8_t caps;           /* written in capitals (shape may say otherwise) */
	uint8_t interleaved;    /* a digit follows a letter: 7KJM221 */
	uint8_t lead_digits;    /* ALNUM: digits before the first letter */
	uint8_t foreign;        /* lower case, known from another language only */
	uint8_t name_class;     /* phi_names.c's class of the word plus one,
	                         * 0 until it is asked */
	uint8_t place_first;    /* a word that may begin the name of a place
	                         * of several words (phi_place_phrase_may_start
	                         * of its hash), set by the lexer */
} tok;

#define NUM_CAP 999999999u

/* How many tokens behind the current one stay available, and how many are
 * lexed ahead of it.  Every rule's window fits inside these.  The window
 * is compacted once COMPACT tokens are behind, so moving the kept tokens
 * costs little per token. */
#define KEEP 64
#define LOOKAHEAD 64
#define COMPACT 4096
/* Tokens of the block on the scan's stack: most texts screened are a
 * field's few words, and need no allocation. */
#define FIRST_TOKENS 96

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
	tok *first_toks;        /* FIRST_TOKENS on the stack, toks until they fill */
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

	/* The line the lexer is in, when it was judged: a line written all
	 * in capitals (a registration dump, a form's header) is read as if
	 * it were in ordinary case (phi_lex.c). */
	size_t line_end;
	int caps_line;

	/* The lexer's word memory (phi_lex.c), this thread's: found once a
	 * scan, not at every word. */
	struct word_memory *memo;
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

/* ------------------------------------------------------------------ */
/* Shared functions, by file                                           */

/* phi_lex.c: words and the token window */
PHI_INTERNAL void phi_compact_window(scan *s, size_t i);
PHI_INTERNAL int phi_lex_upto(scan *s, size_t upto);
PHI_INTERNAL uint32_t phi_hash_range(const unsigned char *p, size_t a, size_t e);
PHI_INTERNAL const struct phi_keyword * phi_keyword_find(uint32_t h);
PHI_INTERNAL int phi_everyday_word(uint32_t h);
PHI_INTERNAL int phi_medical_word(uint32_t h);
PHI_INTERNAL int phi_foreign_known(const unsigned char *p, size_t a, size_t e);
PHI_INTERNAL int phi_part_known(const unsigned char *p, size_t a, size_t e);
/* Are the n words p[a[k]..e[k]) a GeoNames city of several words ("Toms
 * River", "Sierra Vista"), apart from case?  (Not a country's or a
 * region's name: those are no identifier.) */
PHI_INTERNAL int phi_place_phrase(const unsigned char *p, const size_t *a,
                                  const size_t *e, size_t n);
/* Might a word of hash first (a token's hash) begin one of those names?
 * No when none of them begins with it; yes for those that do, and for a
 * few in thirty others. */
PHI_INTERNAL int phi_place_phrase_may_start(uint32_t first);
/* Is p[a..e) a word by its form: a drug by an INN stem, or a compound of
 * two everyday words?  Seven letters or more; for lower case, or a
 * capital that opens a sentence. */
PHI_INTERNAL int phi_word_by_form(const unsigned char *p, size_t a, size_t e);
/* Is p[a..e) an everyday, clinical or context word of four letters or
 * more after a prefix of English ("recert", "redose", "nonbilling",
 * "precharting")?  Not "de", "co", "un", "over" or "under", which begin
 * surnames ("delong", "unger", "underwood"); the caller turns away names
 * and places. */
PHI_INTERNAL int phi_word_by_prefix(const unsigned char *p, size_t a, size_t e);
/* Is p[a..e) the name of a people or its language made from a place's
 * name ("Micronesian", "Bhutanese", "Guamanian", "Nepali")?  By its
 * form alone: the caller turns away a word that is a given name or a
 * surname itself ("Julian", "Adrian"). */
PHI_INTERNAL int phi_demonym(const unsigned char *p, size_t a, size_t e);

/* phi_found.c: matches */
PHI_INTERNAL void phi_defer(scan *s, const tok *t);
PHI_INTERNAL void phi_emit(scan *s, int cat, size_t start, size_t end);
PHI_INTERNAL size_t phi_try_header_site(scan *s, size_t i);
PHI_INTERNAL void phi_learn(scan *s, uint32_t h, int cat);
PHI_INTERNAL int phi_learned(const scan *s, uint32_t h, int *cat);
PHI_INTERNAL void phi_set_pending(scan *s, int cat, size_t start, size_t end);

/* phi_struct.c: structured identifiers */
PHI_INTERNAL int phi_day_tok(const scan *s, const tok *t);
PHI_INTERNAL size_t phi_email_at(const scan *s, size_t i);
PHI_INTERNAL size_t phi_spelled_email_at(const scan *s, size_t i);
PHI_INTERNAL size_t phi_ip_at(const scan *s, size_t i);
PHI_INTERNAL int phi_is_year(const tok *t);
PHI_INTERNAL size_t phi_state_at(const scan *s, size_t k);
PHI_INTERNAL size_t phi_try_address(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_age(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_bare_number(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_date(scan *s, size_t i);
PHI_INTERNAL void phi_try_label(scan *s, size_t i);
PHI_INTERNAL void phi_try_last_four(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_zip(scan *s, size_t i);
PHI_INTERNAL size_t phi_url_at(const scan *s, size_t i);

/* phi_names.c: names, places and unknown words */
PHI_INTERNAL size_t phi_try_handle(scan *s, size_t i);
/* A user name with no platform or "@" before it: five letters or more
 * that are no one word, then two to four digits ("sobermama907"). */
PHI_INTERNAL size_t phi_try_bare_handle(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_institution(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_intersection(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_feature_place(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_loose_age(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_loose_date(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_name(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_place_phrase(scan *s, size_t i);
PHI_INTERNAL size_t phi_try_unknown(scan *s, size_t i);
/* Widens the name or place just emitted over the words of it left
 * outside; returns the new end of what the rule at i consumed. */
PHI_INTERNAL size_t phi_widen(scan *s, size_t i, size_t e);

static inline int is_digit(unsigned char c)
{
	return byte_class[c] & BC_DIGIT;
}

static inline int is_alpha(unsigned char c)
{
	return byte_class[c] & (BC_LOWER | BC_UPPER);
}

static inline int is_alnum(unsigned char c)
{
	return byte_class[c] & (BC_DIGIT | BC_LOWER | BC_UPPER);
}

/* A space written as an escape in text that no YAML parser decoded (a
 * block or plain scalar, pasted from a program): "\\x20", "\\u00A0",
 * "\\U00000020", "\\t", "\\n", "\\r", "\\_".  A reader of the handout
 * sees the words on either side, so the scanner does too.  *w is the
 * escape's width. */
PHI_INTERNAL int phi_escaped_space(const unsigned char *p, size_t n, size_t i,
                                   size_t *w);

/* Whitespace at p[i]; *w is its width: NBSP is two bytes; the spaces of
 * General Punctuation (en and em spaces, thin, narrow no-break and zero
 * width spaces, line and paragraph separators), the ideographic space
 * and the byte order mark are three; a space escape is its own width. */
static inline int space_at(const unsigned char *p, size_t n, size_t i, size_t *w)
{
	unsigned char c = p[i];
	if (byte_class[c] & BC_SPACE) {
		*w = 1;
		return 1;
	}
	if (c == '\\')
		return phi_escaped_space(p, n, i, w);
	if (c < 0xC2)
		return 0;
	if (c == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {
		*w = 2;
		return 1;
	}
	if (i + 2 >= n)
		return 0;
	unsigned char d = p[i + 1], e = p[i + 2];
	if ((c == 0xE2 && d == 0x80 && (e <= 0x8B || e == 0xA8 || e == 0xA9 || e == 0xAF)) ||
	    (c == 0xE2 && d == 0x81 && e == 0x9F) ||
	    (c == 0xE3 && d == 0x80 && e == 0x80) ||
	    (c == 0xEF && d == 0xBB && e == 0xBF)) {
		*w = 3;
		return 1;
	}
	return 0;
}

/* Typographic punctuation in UTF-8, mapped to the ASCII it stands for. */
static inline int u8_punct(const unsigned char *p, size_t n, size_t i, size_t *w,
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
	/* "¿Cómo", "¡Ánimo": the Spanish opening marks stand before the word,
	 * not in it; the degree sign of "°F" is no letter either. */
	if (p[i] == 0xC2 && i + 1 < n &&
	    (p[i + 1] == 0xBF || p[i + 1] == 0xA1 || p[i + 1] == 0xB0)) {
		*w = 2;
		*c = p[i + 1] == 0xBF ? '?' : p[i + 1] == 0xA1 ? '!' : '~';
		return 1;
	}
	return 0;
}

/* Is code point cp a letter, or a mark that goes on one (*mark set)?
 * By block: the Latin, IPA and modifier letters (the okina is one), the
 * combining marks and the scripts of the world are; the Latin-1 signs
 * (¢ § © ° ± ½ ×), General Punctuation, currency, letterlike and number
 * forms, arrows, mathematical and technical signs, boxes, shapes,
 * dingbats, the CJK punctuation, variation selectors, private use,
 * emoji with their modifiers and tags are not. */
static inline int u8_letter_cp(uint32_t cp, int *mark)
{
	*mark = (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	        (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	        (cp >= 0xFE20 && cp <= 0xFE2F);
	if (*mark)
		return 1;
	if (cp < 0xC0)
		return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
	if (cp < 0x2000)
		return cp != 0xD7 && cp != 0xF7;
	if (cp < 0x2C00)
		return 0;
	if (cp < 0x3040)
		return cp < 0x2E00 || (cp >= 0x2E80 && cp < 0x3000) || cp == 0x3005;
	if (cp < 0xE000)
		return 1;
	if (cp < 0xF900)
		return 0;
	if (cp < 0xFE00)
		return 1;
	if (cp < 0xFE70)
		return 0;
	if (cp < 0xFEFF)
		return 1;
	if (cp < 0x10000)
		return (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) ||
		       (cp >= 0xFF66 && cp <= 0xFFDC);
	return cp < 0x1F000 || (cp >= 0x20000 && cp < 0xE0000);
}

/* The width of the letter in UTF-8 at p[i] (of a mark too, when marks),
 * 0 when it is something else: a sign, an emoji, punctuation, a space,
 * or bytes that are no UTF-8.  A word is made of letters and digits
 * only, so "🙏", "→" or "½" is never a word nor a part of one. */
static inline size_t u8_letter(const unsigned char *p, size_t n, size_t i, int marks)
{
	uint32_t cp;
	int mark;
	size_t w = echo_utf8_decode(p + i, n - i, &cp);
	if (w < 2 || !u8_letter_cp(cp, &mark) || (mark && !marks))
		return 0;
	return w;
}

/* The width of what can continue a word at p[i]: an ASCII letter or
 * digit, or a letter or mark in UTF-8; 0 for anything else. */
static inline size_t word_byte(const unsigned char *p, size_t n, size_t i)
{
	if (is_alnum(p[i]))
		return 1;
	if (p[i] < 0x80)
		return 0;
	return u8_letter(p, n, i, 1);
}

struct affix {
	const char *s;
	size_t n;
};
#define AFFIX(lit) {lit, sizeof lit - 1}

static inline const tok *T(const scan *s, size_t i)
{
	/* One test for a token in the window: below the base, k wraps
	 * round and is past the end too.  The rules call this most of all. */
	size_t k = i - s->base;
	if (k < s->n)
		return &s->toks[k];
	return i < s->base ? &s->bof : &s->eof;
}

/* Lexes until the token with absolute index upto exists (or the text
 * ends).  Returns -1 when memory runs out.  The scan asks at every token;
 * most times the token is there already, or the text is all lexed. */
static inline int phi_fill(scan *s, size_t upto)
{
	if (s->lexed_all || s->base + s->n > upto)
		return 0;
	return phi_lex_upto(s, upto);
}

/* Forgets tokens far behind i so the window stays small. */
static inline void phi_compact(scan *s, size_t i)
{
	if (i >= s->base + COMPACT)
		phi_compact_window(s, i);
}

/* "1st", "35th", "W. 25th": a number of up to three digits and the
 * suffix of an ordinal; not a dose ("8mg and Narcan") or a unit. */
static inline int phi_ordinal(const scan *s, const tok *t)
{
	if (t->kind != TK_ALNUM || t->lead_digits > 3 || t->nletters != 2 ||
	    t->interleaved)
		return 0;
	unsigned char a = phi_hash_lower(s->p[t->end - 2]), b = phi_hash_lower(s->p[t->end - 1]);
	return (a == 's' && b == 't') || (a == 'n' && b == 'd') ||
	       (a == 'r' && b == 'd') || (a == 't' && b == 'h');
}

/* The token k places before i. */
static inline const tok *P(const scan *s, size_t i, size_t k)
{
	return k > i ? &s->bof : T(s, i - k);
}

/* ------------------------------------------------------------------ */
/* Token predicates                                                    */

static inline int is_num(const tok *t)
{
	return t->kind == TK_NUM;
}

static inline int is_punct(const tok *t, char c)
{
	return t->kind == TK_PUNCT && t->c == (unsigned char)c;
}

/* No whitespace between this token and the one before. */
static inline int adj(const tok *t)
{
	return !(t->flags & TF_SPACE);
}

/* A word on the same line as the one before it, after a space. */
static inline int same_line(const tok *u)
{
	return (u->flags & TF_SPACE) && !(u->flags & TF_NL);
}

static inline int has_kw(const tok *t, uint64_t f)
{
	return t->kind == TK_WORD && (t->kw & f) != 0;
}

/* Does p[a..e) spell word (lower case), apart from case? */
static inline int phi_range_is(const unsigned char *p, size_t a, size_t e,
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

/* w is a lower-case ASCII word without apostrophes, of n bytes; the
 * length and first-letter tests turn most calls away before the full
 * comparison. */
static inline int word_is_n(const scan *s, const tok *t, const char *w, size_t n)
{
	return t->kind == TK_WORD && t->base_end - t->start == n &&
	       phi_hash_lower(s->p[t->start]) == (unsigned char)w[0] &&
	       phi_range_is(s->p, t->start, t->base_end, w);
}
/* The length where the call is: of a literal, a constant, even when the
 * compiler does not inline word_is_n. */
#define word_is(s, t, w) word_is_n((s), (t), (w), strlen(w))

/* Is t one of the lower-case words of a NULL-terminated list?  The
 * token's length and first letter are read once, and an entry's length
 * is measured only when its first letter matches: most entries differ
 * there. */
static inline int word_in_list(const scan *s, const tok *t, const char *const *list)
{
	if (t->kind != TK_WORD)
		return 0;
	size_t n = t->base_end - t->start;
	unsigned char first = phi_hash_lower(s->p[t->start]);
	for (; *list; list++)
		if ((unsigned char)(*list)[0] == first && strlen(*list) == n &&
		    phi_range_is(s->p, t->start, t->base_end, *list))
			return 1;
	return 0;
}

static inline int capitalised(const tok *t)
{
	return t->kind == TK_WORD &&
	       (t->shape == SH_TITLE || t->shape == SH_CAMEL ||
	        t->shape == SH_CAMEL_NAME);
}

static inline int num_digits(const tok *t, unsigned lo, unsigned hi)
{
	return t->kind == TK_NUM && t->ndigits >= lo && t->ndigits <= hi;
}

static inline int has_digit(const tok *t)
{
	return (t->kind == TK_NUM || t->kind == TK_ALNUM || t->kind == TK_WORD) &&
	       t->ndigits > 0;
}

/* An identifier-like token: digits, or letters and digits. */
static inline int code_tok(const tok *t)
{
	return t->kind == TK_NUM || t->kind == TK_ALNUM ||
	       (t->kind == TK_WORD && (t->ndigits > 0 || t->shape == SH_UPPER ||
	                               t->shape == SH_INITIAL));
}

/* Mr., Ms., Dr.: capitalised, so that "45 ms." is not one. */
static inline int honorific(const tok *t)
{
	return has_kw(t, KW_HONOR) && (t->shape == SH_TITLE || t->shape == SH_UPPER);
}

static inline size_t tlen(const tok *t)
{
	return t->end - t->start;
}

/* The token does not continue a longer run of digits, codes or dotted
 * numbers to its left. */
static inline int left_boundary(const scan *s, size_t i)
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
static inline int right_boundary(const scan *s, size_t i)
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
/* Where a rule may start                                              */

/* The first test of a rule that rules_at tries at every token, so that
 * most tokens are turned away before the call.  Each rule makes the same
 * test itself, so it answers alike whoever calls it. */

/* phi_try_date: a plain lower-case word starts no date but a Spanish
 * weekday ("sábado 8 de marzo"), a month ("july 4th") or one with a
 * hyphen ("mid-March"). */
static inline int phi_date_may_start(const tok *t)
{
	return !(t->kind == TK_WORD && t->shape == SH_LOWER && !t->hyphen &&
	         !(t->kw & (KW_DIA | KW_MONTH)));
}

/* phi_try_age: a number from 90 to 125, or a word that may spell one
 * ("ninety", "hundred", "one-hundred"). */
static inline int phi_age_may_start(const scan *s, const tok *t)
{
	if (t->kind == TK_WORD) {
		unsigned char c = phi_hash_lower(s->p[t->start]);
		return c == 'n' || c == 'h' || c == 'o';
	}
	return (t->kind == TK_NUM || t->kind == TK_ALNUM) && t->num >= 90 &&
	       t->num <= 125;
}

/* phi_try_loose_age: a fused age ("91yoF", "91F"), a number said of a
 * person just named ("is 94"), or a word of six letters or more that may
 * be "ninety..." after "mid-" or "late-". */
static inline int phi_loose_age_may_start(const scan *s, const tok *t)
{
	if (t->kind == TK_WORD) {
		unsigned char c = phi_hash_lower(s->p[t->start]);
		return (c == 'n' || c == 'm' || c == 'l') && t->base_end - t->start >= 6;
	}
	return (t->kind == TK_ALNUM || t->kind == TK_NUM) && t->num >= 90 && t->num <= 125;
}

/* phi_try_bare_handle: a word of five letters or more and two to four
 * digits (the lexer makes one word of letters and the digits after
 * them). */
static inline int phi_bare_handle_may_start(const tok *t)
{
	return t->kind == TK_WORD && !t->hyphen && t->nletters >= 5 &&
	       t->ndigits >= 2 && t->ndigits <= 4;
}

/* Is the word known to be safe as written: an everyday word (in lower
 * case, or capitalised where the word list has it in lower case too), a
 * clinical word, an allow-list or context word? */
static inline int phi_word_safe(const tok *t)
{
	if (t->kw)
		return 1;
	if (t->wflags & (WF_HARD | WF_SOFT | WF_MEDICAL))
		return 1;
	return (t->wflags & WF_COMMON) != 0;
}

/* phi_try_unknown: a word, but not (as most are) an everyday one in
 * lower case that no list has as a name or a place (a word of another
 * language may be a name after a relation: "her sister lucero"; an
 * everyday word after a lower-case honorific and its period: "mr.
 * swimmer"). */
static inline int phi_unknown_may_start(const scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (t->kind != TK_WORD || t->ndigits)
		return 0;
	if (t->shape != SH_LOWER || t->caps || t->foreign || !phi_word_safe(t) ||
	    (t->wflags & (WF_PROPER | WF_GEO | WF_PERSON)))
		return 1;
	const tok *p1 = T(s, i - 1);
	return i > 0 && p1->kind == TK_PUNCT && p1->c == '.';
}

/* phi_try_place_phrase: a word that may begin the name of a place of
 * several words, as the lexer found it. */
static inline int phi_place_may_start(const tok *t)
{
	return t->kind == TK_WORD && t->place_first;
}

/* phi_try_intersection: each of its streets is words that are not in
 * lower case (a direction, names, "St."), ordinals and their periods,
 * and the first ends at an "and" or "&" ("Church St and Pine"): a
 * capitalised word followed by anything else before one starts none.
 * Past INTERSECTION_REACH tokens the rule itself decides, so that a
 * long run of capitals is not walked again from each of its words. */
#define INTERSECTION_REACH 16
static inline int phi_intersection_may_start(const scan *s, size_t i)
{
	for (size_t j = i + 1; j <= i + INTERSECTION_REACH; j++) {
		const tok *u = T(s, j);
		if (is_punct(u, '&') || word_is(s, u, "and"))
			return 1;
		int street = (u->kind == TK_WORD && (u->shape != SH_LOWER || u->caps)) ||
		             u->kind == TK_ALNUM || is_punct(u, '.');
		if (!street)
			return 0;
	}
	return 1;
}

/* A spelled-out "at" (at, arroba) or "dot" (dot, punto), as the word
 * alone. */
static inline int phi_spelled_word(const scan *s, const tok *t, int at)
{
	return at ? word_is(s, t, "at") || word_is(s, t, "arroba")
	          : word_is(s, t, "dot") || word_is(s, t, "punto");
}

/* phi_spelled_email_at: a word, number or code with glue, an "@", a
 * bracket or a spelled "at" or "dot" after it.  Glue joins two pieces
 * with no space on either side ("k.mendez"): a sentence's full stop is
 * not glue. */
static inline int phi_spelled_email_may_start(const scan *s, size_t i)
{
	const tok *t = T(s, i), *after = T(s, i + 1);
	if (t->kind != TK_WORD && t->kind != TK_NUM && t->kind != TK_ALNUM)
		return 0;
	if (after->kind == TK_PUNCT) {
		const tok *piece = T(s, i + 2);
		switch (after->c) {
		case '.': case '_': case '-': case '+':
			return adj(after) && adj(piece) &&
			       (piece->kind == TK_WORD || piece->kind == TK_NUM ||
			        piece->kind == TK_ALNUM);
		case '@': case '[': case '(': case '{':
			return 1;
		default:
			return 0;
		}
	}
	return phi_spelled_word(s, after, 0) || phi_spelled_word(s, after, 1);
}

#endif
