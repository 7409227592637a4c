/* The PHI scanner's lexer: word lookups in the generated tables, word
 * shapes and flags, and the sliding window of tokens the rules read. */
#include "phi_scan.h"

#include "phi_words.h"

static uint32_t hash_bytes(uint32_t h, const unsigned char *p, size_t a, size_t e)
{
	for (size_t k = a; k < e; k++) {
		unsigned char c = p[k];
		if (c == 0xE2 && k + 2 < e && p[k + 1] == 0x80 &&
		    (p[k + 2] == 0x98 || p[k + 2] == 0x99)) {
			c = '\'';
			k += 2;
		} else if (c == 0xC3 && k + 1 < e && phi_latin1_upper(p[k + 1])) {
			/* "Ánimo" is looked up as "ánimo". */
			h = phi_hash_step(h, c);
			c = (unsigned char)(p[++k] + 0x20);
		}
		h = phi_hash_step(h, phi_hash_lower(c));
	}
	return h;
}

uint32_t phi_hash_range(const unsigned char *p, size_t a, size_t e)
{
	return phi_hash_final(hash_bytes(phi_hash_init(PHI_HASH_SEED), p, a, e));
}

int phi_place_phrase(const unsigned char *p, const size_t *a, const size_t *e,
                     size_t n)
{
	uint32_t h = phi_hash_init(PHI_HASH_SEED);
	for (size_t k = 0; k < n; k++) {
		if (k)
			h = phi_hash_step(h, ' ');
		h = hash_bytes(h, p, a[k], e[k]);
	}
	h = phi_hash_final(h) | 1u;
	for (size_t i = h & (PHI_PLACE_PHRASE_SLOTS - 1);;
	     i = (i + 1) & (PHI_PLACE_PHRASE_SLOTS - 1)) {
		if (phi_place_phrase_hash[i] == 0)
			return 0;
		if (phi_place_phrase_hash[i] == h)
			return 1;
	}
}

int phi_place_phrase_may_start(uint32_t first)
{
	return phi_filter_may_hold(phi_place_first_filter, PHI_PLACE_FIRST_FILTER_BITS, first);
}

/* Both tables are open-addressing hash tables built by the generator. */
const struct phi_keyword *phi_keyword_find(uint32_t h)
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
 * generator picks a seed for that).  Its lines: phi_hash.h. */
static unsigned dict_flags(uint32_t h)
{
	size_t home = phi_dict_home(h, PHI_DICT_LINE_BITS), lines = (size_t)1 << PHI_DICT_LINE_BITS;
	for (unsigned past = 0; past <= PHI_DICT_MAX_PAST; past++) {
		const uint32_t *line = phi_dict[(home + past) & (lines - 1)];
		uint32_t key = phi_dict_key(h, PHI_DICT_LINE_BITS, past);
		for (size_t k = 0; k < PHI_DICT_LINE_WORDS; k++) {
			if (line[k] == 0)
				return 0;
			if ((line[k] & ~0xffu) == key)
				return line[k] & 0xffu;
		}
	}
	return 0;
}

int phi_medical_word(uint32_t h)
{
	if (!phi_filter_may_hold(phi_medical_filter, PHI_MEDICAL_FILTER_BITS, h))
		return 0;
	for (size_t i = h & (PHI_MEDICAL_SLOTS - 1);; i = (i + 1) & (PHI_MEDICAL_SLOTS - 1)) {
		if (phi_medical_hash[i] == 0)
			return 0;
		if (phi_medical_hash[i] == h)
			return 1;
	}
}

/* Lower-case words of the large word list that the general one lacks. */
int phi_everyday_word(uint32_t h)
{
	if (!phi_filter_may_hold(phi_everyday_filter, PHI_EVERYDAY_FILTER_BITS, h))
		return 0;
	for (size_t i = h & (PHI_EVERYDAY_SLOTS - 1);; i = (i + 1) & (PHI_EVERYDAY_SLOTS - 1)) {
		if (phi_everyday_hash[i] == 0)
			return 0;
		if (phi_everyday_hash[i] == h)
			return 1;
	}
}

/* Lower-case words of another language's list (Spanish, French) that no
 * English list has: known-safe in lower case only. */
static int foreign_word(uint32_t h)
{
	if (!phi_filter_may_hold(phi_foreign_filter, PHI_FOREIGN_FILTER_BITS, h))
		return 0;
	for (size_t i = h & (PHI_FOREIGN_SLOTS - 1);; i = (i + 1) & (PHI_FOREIGN_SLOTS - 1)) {
		if (phi_foreign_hash[i] == 0)
			return 0;
		if (phi_foreign_hash[i] == h)
			return 1;
	}
}

/* A word of another language: in the list as it is, or a
 * Spanish plural, verb form or verb with a pronoun attached whose stem is
 * ("años", "azules", "trabaja", "encontró", "internarla").  At most a few
 * dozen lookups, for lower-case words no English list knows. */
/* How a Spanish verb's stem may differ from its infinitive's, the classes
 * of the irregular verbs rather than the verbs: the last "ie" or "ue" of
 * the stem is "e" or "o" ("tien-e" is "tener", "pued-e" "poder"); its
 * last "i" is "e" ("pid-e" is "pedir", "sirv-en" "servir"), its last
 * "u" is "o" ("durm-ieron" is "dormir", "mur-ió" "morir"); a "g" ends
 * the stem of the first person and the subjunctive ("hag-an" is "hacer",
 * "teng-o" "tener", "traig-a" "traer"); a "zc" ends it in verbs in -cer
 * ("conozc-o" is "conocer", "parezc-a" "parecer"). */
enum stem_change {
	STEM_SAME, STEM_DIPHTHONG, STEM_I_TO_E, STEM_U_TO_O, STEM_G_TO_C,
	STEM_G_DROPPED, STEM_IG_DROPPED, STEM_ZC_TO_C, STEM_CHANGES
};

/* buf[0..n) with its last "from" after the first letter made "to": n, or
 * 0 when it has none. */
static size_t last_vowel_back(unsigned char *buf, size_t n, unsigned char from,
                              unsigned char to)
{
	for (size_t q = n - 1; q > 0; q--)
		if (buf[q] == from) {
			buf[q] = to;
			return n;
		}
	return 0;
}

/* The stem p[a..e), lower case, changed back as change says into buf;
 * its length, or 0 when the change does not apply or it does not fit. */
static size_t stem_unchanged(const unsigned char *p, size_t a, size_t e,
                             enum stem_change change, unsigned char *buf, size_t cap)
{
	size_t n = e - a;
	if (n == 0 || n > cap)
		return 0;
	for (size_t q = 0; q < n; q++)
		buf[q] = phi_hash_lower(p[a + q]);
	switch (change) {
	case STEM_SAME:
		return n;
	case STEM_DIPHTHONG:
		for (size_t q = n - 1; q > 1; q--)
			if (buf[q] == 'e' && (buf[q - 1] == 'i' || buf[q - 1] == 'u')) {
				buf[q - 1] = buf[q - 1] == 'u' ? 'o' : 'e';
				memmove(buf + q, buf + q + 1, n - q - 1);
				return n - 1;
			}
		return 0;
	case STEM_I_TO_E:
		return last_vowel_back(buf, n, 'i', 'e');
	case STEM_U_TO_O:
		return last_vowel_back(buf, n, 'u', 'o');
	case STEM_G_TO_C:
		if (n < 2 || buf[n - 1] != 'g')
			return 0;
		buf[n - 1] = 'c';
		return n;
	case STEM_G_DROPPED:
		return n >= 3 && buf[n - 1] == 'g' && buf[n - 2] != 'i' ? n - 1 : 0;
	case STEM_IG_DROPPED:
		return n >= 3 && buf[n - 1] == 'g' && buf[n - 2] == 'i' ? n - 2 : 0;
	case STEM_ZC_TO_C:
		if (n < 3 || buf[n - 1] != 'c' || buf[n - 2] != 'z')
			return 0;
		buf[n - 2] = 'c';
		return n - 1;
	case STEM_CHANGES:
		break;
	}
	return 0;
}

/* Is the stem p[a..e), changed back as change says, the stem of an
 * infinitive of the list?  Of the other languages' list; or, when
 * english, of the English ones, which hold the infinitives that are
 * English words too ("comer", "pasar") and so are not in the other
 * list: the caller asks that only after an ending of three letters or
 * more ("com-ieron"), since a short one makes a name a verb ("nit-a"
 * would be "niter"). */
static int foreign_infinitive(const unsigned char *p, size_t a, size_t e,
                              enum stem_change change, int english)
{
	static const char *const inf[] = {"ar", "er", "ir"};
	unsigned char stem[48];
	size_t n = stem_unchanged(p, a, e, change, stem, sizeof stem);
	if (n == 0)
		return 0;
	uint32_t h0 = phi_hash_init(PHI_HASH_SEED);
	for (size_t q = 0; q < n; q++)
		h0 = phi_hash_step(h0, stem[q]);
	for (size_t r = 0; r < 3; r++) {
		uint32_t h = h0;
		for (const char *x = inf[r]; *x; x++)
			h = phi_hash_step(h, (unsigned char)*x);
		uint32_t word = phi_hash_final(h);
		if (foreign_word(word) ||
		    (english && ((dict_flags(word) & WF_COMMON) || phi_everyday_word(word))))
			return 1;
	}
	return 0;
}

/* The strong preterites of Spanish, a closed class no stem rule reaches:
 * "dijo", "dijeron" (decir), "quiso" (querer), "hicimos" (hacer), "tuvo",
 * "pudo", "vino", "trajeron"; and the preterite of ser and ir ("fue",
 * "fuimos"). */
static int strong_preterite(const unsigned char *p, size_t a, size_t e)
{
	static const struct affix stem[] = {
		AFFIX("dij"), AFFIX("quis"), AFFIX("hic"), AFFIX("hiz"),
		AFFIX("tuv"), AFFIX("estuv"), AFFIX("anduv"), AFFIX("pud"),
		AFFIX("sup"), AFFIX("vin"), AFFIX("traj"), AFFIX("pus"),
		AFFIX("hub"), AFFIX("cup"), AFFIX("produj"), AFFIX("conduj"),
		AFFIX("fu"), AFFIX("d"),
	};
	static const struct affix ending[] = {
		AFFIX("e"), AFFIX("o"), AFFIX("i"), AFFIX("iste"), AFFIX("imos"),
		AFFIX("ieron"), AFFIX("eron"), AFFIX("isteis"), AFFIX("io"),
	};
	size_t n = e - a;
	for (size_t k = 0; k < sizeof stem / sizeof *stem; k++) {
		size_t l = stem[k].n;
		if (n <= l || !phi_range_is(p, a, a + l, stem[k].s))
			continue;
		for (size_t r = 0; r < sizeof ending / sizeof *ending; r++)
			if (n - l == ending[r].n && phi_range_is(p, a + l, e, ending[r].s))
				return 1;
	}
	return 0;
}

/* The present of the Spanish verbs whose forms share no stem with their
 * infinitive, another closed class: ir ("voy", "vamos", "vayan"), ser
 * ("soy", "eres", "sean"), oír ("oigo", "oyen"), haber ("hay", "hayan"). */
static int irregular_present(const unsigned char *p, size_t a, size_t e)
{
	static const char *const form[] = {
		"voy", "vas", "vamos", "vais", "vaya", "vayas", "vayamos", "vayan",
		"soy", "eres", "somos", "sois", "sea", "seas", "seamos", "sean",
		"oigo", "oyes", "oye", "oyen", "oiga", "oigas", "oigan",
		"hay", "haya", "hayas", "hayamos", "hayan", "hemos",
	};
	for (size_t k = 0; k < sizeof form / sizeof *form; k++)
		if (e - a == strlen(form[k]) && phi_range_is(p, a, e, form[k]))
			return 1;
	return 0;
}

/* p[a..e) in lower case with the marks of Latin letters taken off (á à
 * â ä ã ā are a, ç is c; ñ stays, it is a letter of its own in Spanish)
 * and apostrophes and the Hawaiian ʻokina dropped, into buf: "Cuántas"
 * is "cuantas", "hānai" "hanai", "ʻohana" "ohana".  Its length, or 0 when
 * nothing was taken off or it does not fit. */
static size_t unmarked(const unsigned char *p, size_t a, size_t e,
                       unsigned char *buf, size_t cap)
{
	size_t n = 0;
	int marks = 0;
	for (size_t k = a; k < e; k++) {
		unsigned char c = p[k], d = k + 1 < e ? p[k + 1] : 0;
		const char *plain = NULL;
		size_t w = 2;
		if (c == 0xC3 && d >= 0x80 && d <= 0xBF) {
			/* Latin-1, capitals folded to small letters first. */
			static const char latin1[] = "aaaaaa ceeeeiiii"
			                             " nooooo ouuuuy y";
			unsigned char x = phi_latin1_upper(d) ? (unsigned char)(d + 0x20) : d;
			if (x >= 0xA0 && latin1[x - 0xA0] != ' ' && x != 0xB1)
				plain = &latin1[x - 0xA0];
		} else if ((c == 0xC4 && (d == 0x80 || d == 0x81)) ||
		           (c == 0xC4 && (d == 0x92 || d == 0x93)) ||
		           (c == 0xC4 && (d == 0xAA || d == 0xAB)) ||
		           (c == 0xC5 && (d == 0x8C || d == 0x8D)) ||
		           (c == 0xC5 && (d == 0xAA || d == 0xAB))) {
			/* The macrons of Hawaiian and Māori: ā ē ī ō ū. */
			plain = c == 0xC4 ? (d < 0x90 ? "a" : d < 0xA0 ? "e" : "i")
			                  : (d < 0xA0 ? "o" : "u");
		} else if (c == 0xCA && d == 0xBB) {
			plain = "";
		} else if (c == 0xE2 && d == 0x80 && k + 2 < e &&
		           (p[k + 2] == 0x98 || p[k + 2] == 0x99)) {
			plain = "";
			w = 3;
		} else if (c == '\'') {
			plain = "";
			w = 1;
		}
		if (plain) {
			marks = 1;
			if (*plain) {
				if (n == cap)
					return 0;
				buf[n++] = (unsigned char)*plain;
			}
			k += w - 1;
			continue;
		}
		if (n == cap)
			return 0;
		buf[n++] = phi_hash_lower(c);
	}
	return marks ? n : 0;
}

/* Does p[a..e) end with the l bytes of x?  The last byte first: most
 * endings differ there, and a call of memcmp costs more than the test. */
static int ends_with(const unsigned char *p, size_t a, size_t e, const char *x, size_t l)
{
	return e - a >= l && p[e - 1] == (unsigned char)x[l - 1] &&
	       memcmp(p + e - l, x, l) == 0;
}

static int foreign_known(const unsigned char *p, size_t a, size_t e, uint32_t whole);

/* The slot of a word in one of the lexer's memories (below): from its
 * length and a few of its bytes, so that finding a remembered answer
 * costs no hash of the whole word.  The memories compare the bytes, so a
 * slot never answers for another word; the slot only spreads them. */
static unsigned memo_slot(const unsigned char *p, size_t a, size_t e, unsigned bits)
{
	size_t n = e - a;
	uint32_t mix = ((uint32_t)n << 24 | (uint32_t)p[a] << 16 | (uint32_t)p[a + n / 2] << 8 |
	                p[e - 1]) * 0x9e3779b1u;
	mix ^= (uint32_t)p[a + (n > 1)] * 0x85ebca6bu;
	return mix >> (32 - bits);
}

/* What phi_foreign_known last answered for the words that fall in a
 * slot: the word's bytes and the answer.  The answer depends on the
 * bytes alone, and the rules ask it of the same word several times (each
 * name_class of it, and foreign_around of its neighbours), as a text asks
 * it of the same few words again and again.  One cache per thread. */
#define FOREIGN_MEMO_BITS 8
#define FOREIGN_MEMO_BYTES 30
static _Thread_local struct {
	unsigned char n;        /* bytes of the word, 0 for an empty slot */
	unsigned char known;
	unsigned char w[FOREIGN_MEMO_BYTES];
} foreign_memo[1u << FOREIGN_MEMO_BITS];

int phi_foreign_known(const unsigned char *p, size_t a, size_t e)
{
	size_t n = e - a;
	if (n == 0 || n > FOREIGN_MEMO_BYTES)
		return foreign_known(p, a, e, phi_hash_range(p, a, e));
	unsigned slot = memo_slot(p, a, e, FOREIGN_MEMO_BITS);
	if (foreign_memo[slot].n == n && memcmp(foreign_memo[slot].w, p + a, n) == 0)
		return foreign_memo[slot].known;
	int known = foreign_known(p, a, e, phi_hash_range(p, a, e));
	foreign_memo[slot].n = (unsigned char)n;
	foreign_memo[slot].known = (unsigned char)known;
	memcpy(foreign_memo[slot].w, p + a, n);
	return known;
}

/* phi_foreign_known without the memo; whole is phi_hash_range(p, a, e). */
static int foreign_known(const unsigned char *p, size_t a, size_t e, uint32_t whole)
{
	if (foreign_word(whole))
		return 1;
	/* "¿Cómo", "¿Cuántas", "hānai": an interrogative's accent, or a mark
	 * the list writes without, then the rules below on the plain word. */
	unsigned char plain[48];
	size_t pn = unmarked(p, a, e, plain, sizeof plain);
	if (pn && foreign_known(plain, 0, pn, phi_hash_range(plain, 0, pn)))
		return 1;
	if (strong_preterite(p, a, e) || irregular_present(p, a, e))
		return 1;
	/* "algodones", "franceses", "calcetines": the plural of a word
	 * ending in an accented -ón, -és, -ín. */
	static const struct affix accented[] = {
		AFFIX("ones"), AFFIX("\xc3\xb3n"), AFFIX("eses"), AFFIX("\xc3\xa9s"),
		AFFIX("ines"), AFFIX("\xc3\xadn"),
	};
	for (size_t k = 0; k + 1 < sizeof accented / sizeof *accented; k += 2) {
		size_t l = accented[k].n;
		if (e - a < l + 3 || !phi_range_is(p, e - l, e, accented[k].s))
			continue;
		uint32_t h = phi_hash_init(PHI_HASH_SEED);
		for (size_t q = a; q < e - l; q++)
			h = phi_hash_step(h, phi_hash_lower(p[q]));
		for (size_t q = 0; q < accented[k + 1].n; q++)
			h = phi_hash_step(h, (unsigned char)accented[k + 1].s[q]);
		if (foreign_word(phi_hash_final(h)))
			return 1;
	}
	/* "adictiva", "buenas": the feminine of an adjective the list has
	 * in the masculine only. */
	if (e - a > 4 && (p[e - 1] == 'a' || (p[e - 1] == 's' && p[e - 2] == 'a'))) {
		size_t stem = p[e - 1] == 'a' ? e - 1 : e - 2;
		uint32_t h = phi_hash_init(PHI_HASH_SEED);
		for (size_t q = a; q < stem; q++)
			h = phi_hash_step(h, phi_hash_lower(p[q]));
		h = phi_hash_step(h, 'o');
		if (stem == e - 2)
			h = phi_hash_step(h, 's');
		if (foreign_word(phi_hash_final(h)))
			return 1;
	}
	/* "veces", "luces": a plural whose z became c. */
	if (e - a > 4 && memcmp(p + e - 3, "ces", 3) == 0) {
		uint32_t h = phi_hash_init(PHI_HASH_SEED);
		for (size_t q = a; q < e - 3; q++)
			h = phi_hash_step(h, phi_hash_lower(p[q]));
		if (foreign_word(phi_hash_final(phi_hash_step(h, 'z'))))
			return 1;
	}
	static const struct affix clitic[] = {
		AFFIX("la"), AFFIX("lo"), AFFIX("le"), AFFIX("las"), AFFIX("los"),
		AFFIX("les"), AFFIX("me"), AFFIX("te"), AFFIX("se"),
	};
	static const struct affix ending[] = {
		AFFIX("s"), AFFIX("es"), AFFIX("a"), AFFIX("as"), AFFIX("an"),
		AFFIX("amos"), AFFIX("e"), AFFIX("en"), AFFIX("emos"), AFFIX("imos"), AFFIX("o"),
		AFFIX("\xc3\xb3"), AFFIX("\xc3\xa9"), AFFIX("\xc3\xa1"), AFFIX("aba"), AFFIX("abas"),
		AFFIX("aban"), AFFIX("ando"), AFFIX("ado"), AFFIX("ada"),
		AFFIX("ados"), AFFIX("adas"), AFFIX("\xc3\xad" "a"),
		AFFIX("\xc3\xad" "as"), AFFIX("\xc3\xad" "an"), AFFIX("i\xc3\xb3"),
		AFFIX("iendo"), AFFIX("ido"), AFFIX("ida"), AFFIX("idos"),
		AFFIX("idas"), AFFIX("ieron"), AFFIX("aron"), AFFIX("aste"),
		AFFIX("iste"), AFFIX("ar\xc3\xa1"), AFFIX("er\xc3\xa1"),
		AFFIX("ir\xc3\xa1"), AFFIX("ar\xc3\xad" "a"), AFFIX("er\xc3\xad" "a"),
		AFFIX("ir\xc3\xad" "a"),
		/* "recayó", "leyeron", "construyendo": the y of a stem in a
		 * vowel (recaer, leer, construir). */
		AFFIX("y\xc3\xb3"), AFFIX("yeron"), AFFIX("yendo"),
		/* "estoy", "doy": the first person in -oy; the imperfect
		 * subjunctive ("pasara", "tuvieran"); the future of the
		 * other persons ("llamarán", "volveré"). */
		AFFIX("oy"), AFFIX("ara"), AFFIX("aran"), AFFIX("iera"),
		AFFIX("ieran"), AFFIX("ar\xc3\xa1n"), AFFIX("er\xc3\xa1n"),
		AFFIX("ir\xc3\xa1n"), AFFIX("ar\xc3\xa9"), AFFIX("er\xc3\xa9"),
		AFFIX("ir\xc3\xa9"), AFFIX("ar\xc3\xa1s"), AFFIX("er\xc3\xa1s"),
		AFFIX("ir\xc3\xa1s"),
	};
	size_t n = e - a;
	/* "internarla": an infinitive with a pronoun after it. */
	for (size_t c = 0; c < sizeof clitic / sizeof *clitic; c++) {
		size_t l = clitic[c].n;
		if (n > l + 3 && ends_with(p, a, e, clitic[c].s, l) &&
		    p[e - l - 1] == 'r' && foreign_word(phi_hash_range(p, a, e - l)))
			return 1;
	}
	for (size_t k = 0; k < sizeof ending / sizeof *ending; k++) {
		size_t l = ending[k].n;
		/* A stem of three letters or more; of one or two before an
		 * ending long enough to say a verb ("vieron", "vimos"). */
		if (n < l + (l >= 4 ? 1 : 3) || !ends_with(p, a, e, ending[k].s, l))
			continue;
		/* A plural ("años", "azules") is its stem; a verb form
		 * ("trabaja", "encontró") is a form of an infinitive. */
		if (k < 2) {
			if (foreign_word(phi_hash_range(p, a, e - l)))
				return 1;
			continue;
		}
		for (int c = STEM_SAME; c < STEM_CHANGES; c++)
			if (foreign_infinitive(p, a, e - l, (enum stem_change)c, l >= 3))
				return 1;
	}
	return 0;
}

static unsigned dict_flags_str(const char *s, size_t n)
{
	return dict_flags(phi_hash_range((const unsigned char *)s, 0, n));
}

/* The case of a letter's code point: 1 a capital, -1 small, 0 a letter
 * of no case (or a mark).  Latin-1, Latin Extended-A, Latin Extended
 * Additional (Vietnamese), Greek and Cyrillic: the capitals of names
 * written in the alphabets of Central and Eastern Europe ("ŠEHIĆ",
 * "Đặng", "Олена") as well as of Western Europe. */
static int code_point_case(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? 1 : cp >= 'a' && cp <= 'z' ? -1 : 0;
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp == 0xD7 ? 0 : 1;
	if (cp >= 0xDF && cp <= 0xFF)
		return cp == 0xF7 ? 0 : -1;
	if (cp >= 0x100 && cp <= 0x17F) {
		if (cp == 0x138 || cp == 0x149 || cp == 0x17F)
			return -1;
		if (cp == 0x178)
			return 1;
		int odd_capitals = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
		return ((cp & 1) != 0) == odd_capitals ? 1 : -1;
	}
	if (cp >= 0x1E00 && cp <= 0x1EFF)
		return cp & 1 ? -1 : 1;
	if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F))
		return 1;
	if ((cp >= 0x3AC && cp <= 0x3CE) || (cp >= 0x430 && cp <= 0x45F))
		return -1;
	return 0;
}

/* The case of the letter at p[k] (see code_point_case); *w its width. */
static int letter_case(const unsigned char *p, size_t k, size_t e, size_t *w)
{
	if (p[k] < 0x80) {
		*w = 1;
		return code_point_case(p[k]);
	}
	uint32_t cp;
	size_t cw = echo_utf8_decode(p + k, e - k, &cp);
	*w = cw ? cw : 1;
	return cw ? code_point_case(cp) : 0;
}

static int upper_at(const unsigned char *p, size_t a, size_t e)
{
	size_t w;
	return letter_case(p, a, e, &w) == 1;
}

/* An acronym after one small letter, as clinical shorthand writes a
 * kind or a measure: "mTBI", "eGFR", "hCG", "tPA", "pCO2". */
static int prefixed_acronym(const unsigned char *p, size_t a, size_t e)
{
	if (e - a < 3 || p[a] < 'a' || p[a] > 'z')
		return 0;
	size_t caps = 0;
	for (size_t k = a + 1; k < e; k++) {
		if (p[k] >= 'A' && p[k] <= 'Z')
			caps++;
		else if (!(p[k] >= '0' && p[k] <= '9'))
			return 0;
	}
	return caps >= 2 && p[a + 1] >= 'A' && p[a + 1] <= 'Z';
}

static uint8_t word_shape(const unsigned char *p, size_t a, size_t e)
{
	if (!upper_at(p, a, e))
		return prefixed_acronym(p, a, e) ? SH_UPPER : SH_LOWER;
	size_t lower = 0, letters = 0, camel = 0, k = a;
	int prev = 0;
	while (k < e) {
		size_t w = 1;
		int c = letter_case(p, k, e, &w);
		/* Not a letter: ASCII punctuation and digits, combining marks
		 * (U+0300 to U+036F, two bytes from 0xCC 0x80 to 0xCD 0xAF). */
		int letter = c != 0 || (p[k] >= 0x80 && p[k] != 0xCC &&
		                        !(p[k] == 0xCD && w == 2 && p[k + 1] <= 0xAF));
		if (letter) {
			letters++;
			/* A letter of no case is taken as small, as before. */
			if (c <= 0)
				lower++;
			/* A capital after a small letter: "GoFundMe". */
			if (c > 0 && prev < 0 && camel == 0)
				camel = k - a;
		}
		prev = letter ? c : 0;
		k += w;
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


/* "Unhoused", "Overdosed": an unknown capitalised word that is an everyday
 * word once a common prefix or suffix is taken off is not a name
 * (WF_COMMON).  A drug, program or other allow-listed word with an
 * English ending is that word ("Narcaned", "Narcanning", "Suboxones":
 * WF_HARD); so, in lower case, is a word of texting with its g dropped
 * ("smokin", "chippin": WF_COMMON).  0 when none applies. */
static unsigned morph_common(const unsigned char *p, size_t a, size_t e)
{
	char buf[48];
	size_t n = e - a;
	if (n < 4 || n + 1 >= sizeof buf)
		return 0;
	for (size_t k = 0; k < n; k++) {
		if (!is_alpha(p[a + k]))
			return 0;
		buf[k] = (char)phi_hash_lower(p[a + k]);
	}
	/* In lower case, a word of texting with its g dropped ("doin",
	 * "smokin", "chippin"). */
	if (p[a] >= 'a' && p[a] <= 'z' && buf[n - 2] == 'i' && buf[n - 1] == 'n') {
		buf[n] = 'g';
		uint32_t h = phi_hash_range((const unsigned char *)buf, 0, n + 1);
		if ((dict_flags(h) & WF_COMMON) || phi_everyday_word(h))
			return WF_COMMON;
	}
	if (n < 5)
		return 0;
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
		if (n - sl >= 3 && memcmp(buf + n - sl, suffixes[i].s, sl) == 0) {
			unsigned f = n - sl >= 4 ? dict_flags_str(buf, n - sl) : 0;
			if (f & WF_HARD)
				return WF_HARD;
			if (f & WF_COMMON)
				return WF_COMMON;
			/* "Narcanned": the last consonant doubled before the
			 * ending. */
			if (n - sl >= 5 && buf[n - sl - 1] == buf[n - sl - 2] &&
			    (suffixes[i].s[0] == 'e' || suffixes[i].s[0] == 'i') &&
			    (dict_flags_str(buf, n - sl - 1) & WF_HARD))
				return WF_HARD;
			/* "Confabulating", "Aging": the stem ends in a silent e. */
			if (suffixes[i].s[0] == 'e' || suffixes[i].s[0] == 'i') {
				char keep = buf[n - sl];
				buf[n - sl] = 'e';
				int known = dict_flags_str(buf, n - sl + 1) & WF_COMMON;
				buf[n - sl] = keep;
				if (known)
					return WF_COMMON;
			}
		}
	}
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
		size_t pl = prefixes[i].n;
		if (n - pl >= 4 && memcmp(buf, prefixes[i].s, pl) == 0 &&
		    (dict_flags_str(buf + pl, n - pl) & WF_COMMON))
			return WF_COMMON;
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
			/* "Spanish-speaking", "Ukrainian-born", "Suboxone-induced":
			 * a capitalised word and then an everyday word in lower
			 * case make an adjective, never a name (a name's lower-case
			 * parts are particles: "al-Hassan", "Jean-de-Dieu"). */
			if (k > a && j - k >= 4 && upper_at(p, a, e) &&
			    (dict_flags(phi_hash_range(p, k, j)) & WF_COMMON))
				hard = 1;
			weak = 1;
		} else {
			uint32_t h = phi_hash_range(p, k, j);
			unsigned f = dict_flags(h);
			if (!f && phi_medical_word(h))
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
int phi_part_known(const unsigned char *p, size_t a, size_t e)
{
	if (e - a <= 2)
		return 1;
	int digits = 1;
	for (size_t k = a; k < e; k++)
		digits &= is_digit(p[k]);
	if (digits)
		return 1;
	uint32_t h = phi_hash_range(p, a, e);
	if ((dict_flags(h) & (WF_COMMON | WF_HARD | WF_SOFT)) || phi_medical_word(h) ||
	    phi_everyday_word(h))
		return 1;
	const struct phi_keyword *k = phi_keyword_find(h);
	if (k && phi_range_is(p, a, e, k->word))
		return 1;
	return morph_common(p, a, e);
}

/* Is a place's name (a country's, a region's, a town's: one the word
 * lists hold as a name, or GeoNames) the stem p[a..e) with tail after it? */
static int place_stem(const unsigned char *p, size_t a, size_t e, const char *tail)
{
	unsigned char buf[48];
	size_t n = e - a, l = strlen(tail);
	if (n < 3 || n + l > sizeof buf)
		return 0;
	memcpy(buf, p + a, n);
	memcpy(buf + n, tail, l);
	unsigned f = dict_flags(phi_hash_range(buf, 0, n + l));
	if (!(f & (WF_PROPER | WF_GEO | WF_HARD | WF_SOFT)))
		return 0;
	/* A given name or surname alone is no place ("Julia" makes no
	 * people of "Julian"), unless GeoNames has it as one too. */
	return !(f & WF_PERSON) || (f & WF_GEO);
}

int phi_demonym(const unsigned char *p, size_t a, size_t e)
{
	if (e - a >= 6 && p[e - 1] == 's' && p[e - 2] == 'n')
		e--;    /* "Micronesians" */
	if (e - a < 5)
		return 0;
	if (ends_with(p, a, e, "n", 1) &&
	    ((ends_with(p, a, e, "an", 2) && place_stem(p, a, e - 1, "")) ||  /* Micronesia-n */
	     (ends_with(p, a, e, "ian", 3) &&
	      (place_stem(p, a, e - 3, "") || place_stem(p, a, e - 3, "a"))) ||  /* Brazil-ian, Carolin(a)-ian */
	     (ends_with(p, a, e, "anian", 5) && place_stem(p, a, e - 5, "")) ||  /* Guam-anian */
	     (ends_with(p, a, e, "an", 2) && place_stem(p, a, e - 2, ""))))     /* Chile-an */
		return 1;
	if (ends_with(p, a, e, "ese", 3) &&
	    (place_stem(p, a, e - 3, "") || place_stem(p, a, e - 3, "a") ||     /* Bhutan-ese, Chin(a)-ese */
	     (ends_with(p, a, e, "olese", 5) && place_stem(p, a, e - 4, ""))))   /* Togo-lese */
		return 1;
	return ends_with(p, a, e, "i", 1) && place_stem(p, a, e - 1, "");     /* Nepal-i */
}

/* An everyday word in lower case: the general list's common words or the
 * large list's. */
static int lower_word(const unsigned char *p, size_t a, size_t e)
{
	uint32_t h = phi_hash_range(p, a, e);
	return (dict_flags(h) & WF_COMMON) || phi_everyday_word(h);
}

int phi_word_by_prefix(const unsigned char *p, size_t a, size_t e)
{
	static const struct affix prefix[] = {
		AFFIX("re"), AFFIX("pre"), AFFIX("post"), AFFIX("non"),
		AFFIX("dis"), AFFIX("mis"), AFFIX("sub"), AFFIX("anti"),
		AFFIX("inter"), AFFIX("micro"),
	};
	for (size_t k = 0; k < sizeof prefix / sizeof *prefix; k++) {
		size_t l = prefix[k].n;
		if (e - a < l + 4 || !phi_range_is(p, a, a + l, prefix[k].s))
			continue;
		uint32_t h = phi_hash_range(p, a + l, e);
		if ((dict_flags(h) & WF_COMMON) || phi_everyday_word(h) || phi_medical_word(h) ||
		    phi_keyword_find(h))
			return 1;
	}
	return 0;
}

int phi_word_by_form(const unsigned char *p, size_t a, size_t e)
{
	size_t n = e - a;
	if (n < 7 || n > 40)
		return 0;
	for (size_t k = a; k < e; k++)
		if (!is_alpha(p[k]))
			return 0;
	/* Stems of the WHO's International Nonproprietary Names: a word
	 * ending in one is a drug ("sofosbuvir", "bromazolam"). */
	static const struct affix stems[] = {
		AFFIX("vir"), AFFIX("mab"), AFFIX("tinib"), AFFIX("zolam"),
		AFFIX("zepam"), AFFIX("peptide"), AFFIX("mycin"), AFFIX("cillin"),
		AFFIX("floxacin"), AFFIX("cycline"), AFFIX("statin"),
		AFFIX("sartan"), AFFIX("pril"), AFFIX("olol"), AFFIX("dipine"),
		AFFIX("prazole"), AFFIX("tidine"), AFFIX("triptan"),
		AFFIX("setron"), AFFIX("gliptin"), AFFIX("gliflozin"),
		AFFIX("glutide"), AFFIX("parin"), AFFIX("xaban"), AFFIX("afil"),
		AFFIX("dronate"), AFFIX("lukast"), AFFIX("oxetine"),
		AFFIX("apine"), AFFIX("peridol"), AFFIX("barbital"),
		AFFIX("caine"), AFFIX("fentanil"), AFFIX("orphine"),
		AFFIX("oxone"), AFFIX("trexone"), AFFIX("semide"),
		AFFIX("thiazide"), AFFIX("conazole"), AFFIX("profen"),
		AFFIX("oxacin"), AFFIX("azepine"), AFFIX("tadine"),
		AFFIX("midine"), AFFIX("gynine"),
	};
	for (size_t i = 0; i < sizeof stems / sizeof *stems; i++)
		if (n > stems[i].n + 2) {
			size_t k = 0;
			while (k < stems[i].n &&
			       phi_hash_lower(p[e - stems[i].n + k]) ==
			               (unsigned char)stems[i].s[k])
				k++;
			if (k == stems[i].n)
				return 1;
		}
	/* A compound of two everyday words of four letters or more
	 * ("dopesick", "ballfield", "snowmachine"). */
	for (size_t k = a + 4; k + 4 <= e; k++)
		if (lower_word(p, a, k) && lower_word(p, k, e))
			return 1;
	return 0;
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
		if (!phi_part_known(p, k, j))
			return 0;
		k = j + 1;
	}
	return WF_COMMON;
}

/* Whether the line from a to its end is written in capitals: at least
 * three words of two or more capital letters and none with a lower-case
 * letter.  Each line is read once (line_end remembers it), so the scan
 * stays linear. */
static void judge_line(scan *s, size_t a)
{
	const unsigned char *p = s->p;
	size_t n = s->len, k = a, upper = 0, lower = 0;
	while (k < n && p[k] != '\n') {
		if (!is_alpha(p[k])) {
			k++;
			continue;
		}
		size_t up = 0, lo = 0;
		while (k < n && (is_alnum(p[k]) || p[k] >= 0x80)) {
			up += p[k] >= 'A' && p[k] <= 'Z';
			lo += p[k] >= 'a' && p[k] <= 'z';
			k++;
		}
		if (lo) {
			/* One word with a lower-case letter decides the line. */
			lower++;
			const unsigned char *nl = memchr(p + k, '\n', n - k);
			k = nl ? (size_t)(nl - p) : n;
			break;
		}
		if (up >= 2)
			upper++;
	}
	s->line_end = k;
	s->caps_line = upper >= 3 && lower == 0;
}

/* The shape a word of a line in capitals would have in ordinary case:
 * a word of four letters or more that is a name, a place or in no list is
 * capitalised ("HOUSTON", "WHISENHUNT"); everyday words ("PHARMACY",
 * "BOX"), allow-listed ones and shorter ones stay as they are, acronyms
 * ("DCN", "MO"); context words of the rules are lower case. */
static uint8_t caps_line_shape(const tok *t, unsigned f, int everyday)
{
	size_t n = t->base_end - t->start;
	/* "IN", "NEAR", "SON": the rules' context words as they read in
	 * running text. */
	if (!t->ndigits && (f & WF_COMMON) &&
	    (t->kw & (KW_PLACEPREP | KW_STREETPREP | KW_RELATION | KW_RESIDE)))
		return SH_LOWER;
	if (t->hyphen || t->ndigits || n < 3)
		return SH_UPPER;
	if ((everyday || (f & WF_COMMON)) &&
	    !(f & (WF_PROPER | WF_PERSON | WF_GEO)))
		return SH_UPPER;
	if (f & WF_HARD)
		return SH_UPPER;
	return n >= 4 ? SH_TITLE : SH_UPPER;
}

/* "txt'd", "Narcan'd", "FaceTime'd", "txt'ing": a verb ending after an
 * apostrophe, on a known word of three letters or more, in any case: the
 * flag the word takes, WF_HARD for an allow-listed stem ("Narcan'd" is as
 * little a name as "Narcan"), else WF_COMMON; 0 when it is none. */
static unsigned apostrophe_verb(const unsigned char *p, size_t a, size_t e)
{
	static const char *const verb_end[] = {"d", "ed", "ing", "in", NULL};
	for (size_t k = a + 3; k < e; k++) {
		size_t after;
		if (p[k] == '\'')
			after = k + 1;
		else if (p[k] == 0xE2 && k + 2 < e && p[k + 1] == 0x80 &&
		         p[k + 2] == 0x99)
			after = k + 3;
		else
			continue;
		for (const char *const *v = verb_end; *v; v++)
			if (phi_range_is(p, after, e, *v)) {
				if (dict_flags(phi_hash_range(p, a, k)) & WF_HARD)
					return WF_HARD;
				return phi_part_known(p, a, k) ? WF_COMMON : 0;
			}
		return 0;
	}
	return 0;
}

/* What the word lists and the word's form say of the word t, in a line
 * in capitals or not (caps_line): its base without a possessive, hash,
 * context-word flags, shape and dictionary flags. */
static void word_lookup(const scan *s, tok *t, int caps_line)
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
	t->hash = phi_hash_range(p, a, t->base_end);
	t->place_first = (uint8_t)phi_place_phrase_may_start(t->hash);
	const struct phi_keyword *k = phi_keyword_find(t->hash);
	if (k && phi_range_is(p, a, t->base_end, k->word)) {
		t->kw = k->flags;
		t->kwval = k->value;
	}
	t->shape = word_shape(p, a, t->base_end);
	/* Every word is looked up: the screen accepts only words it knows.
	 * One with marks the lists lack is the word without them, name or
	 * not ("Diné" is "Dine", "hānai" "hanai", "José" "Jose"), but not
	 * an allow-listed one ("Jesús" is a name, "Jesus" is not), and not
	 * where another language knows it ("Cómo" is not "Como"). */
	unsigned f = dict_flags(t->hash);
	int marked = 0;
	for (size_t q = a; !f && q < t->base_end && !marked; q++)
		marked = p[q] >= 0x80;
	if (marked && !phi_foreign_known(p, a, t->base_end)) {
		unsigned char plain[48];
		size_t pn = unmarked(p, a, t->base_end, plain, sizeof plain);
		if (pn)
			f = dict_flags(phi_hash_range(plain, 0, pn)) & ~(unsigned)WF_HARD;
	}
	t->caps = t->shape == SH_UPPER;
	if (caps_line && t->shape == SH_UPPER)
		t->shape = caps_line_shape(t, f, !(f & WF_WORDISH) &&
		                                   (phi_medical_word(t->hash) ||
		                                    phi_everyday_word(t->hash)));
	if (!(f & WF_WORDISH) && phi_medical_word(t->hash))
		f |= WF_MEDICAL;
	/* The large list only for lower case: its lower-case "rancho",
	 * "lunas" must not make a capitalised name an everyday word. */
	if (!(f & (WF_WORDISH | WF_MEDICAL)) && t->shape == SH_LOWER &&
	    phi_everyday_word(t->hash))
		f |= WF_COMMON;
	/* An everyday or another language's word in lower case, even one
	 * that is a name or a place capitalised ("ella", "su"). */
	if (!(f & (WF_COMMON | WF_HARD | WF_SOFT | WF_MEDICAL)) &&
	    t->shape == SH_LOWER) {
		if (phi_everyday_word(t->hash)) {
			f |= WF_COMMON;
		} else if (phi_foreign_known(p, a, t->base_end)) {
			f |= WF_COMMON;
			t->foreign = 1;
		}
	}
	if (!(f & WF_WORDISH) && t->hyphen)
		f |= t->shape == SH_LOWER ? hyphen_parts_known(p, a, t->base_end)
		                          : hyphen_flags(p, a, t->base_end);
	else if (!(f & WF_WORDISH))
		f |= morph_common(p, a, t->base_end) | apostrophe_verb(p, a, t->base_end);
	t->wflags = (uint8_t)f;
}

/* What word_lookup found for the last word of each slot: the token's
 * bytes (its possessive included), whether its line was in capitals, and
 * the fields word_lookup sets, which depend on those alone.  A text uses
 * the same few hundred words again and again, and each lookup of a new
 * one reads several of the large tables (some misses in the cache each):
 * most words are found here instead.  One memory per thread, taken
 * from the heap at its first scan and used a part at a time: a process
 * that screens one case touches a few of its pages, where a thread-local
 * array was zeroed whole at every start.  The part in use doubles when it
 * has taken in as many new words as it has slots. */
#define WORD_MEMO_FIRST_BITS 8
#define WORD_MEMO_BITS 11
#define WORD_MEMO_BYTES 22
struct word_memo {
	uint64_t kw;
	uint32_t hash;
	unsigned char n;        /* bytes of the token, 0 for an empty slot */
	unsigned char caps_line;
	unsigned char base_len, possessive, shape, caps, wflags, kwval, foreign;
	unsigned char place_first;
	unsigned char w[WORD_MEMO_BYTES];
};

struct word_memory {
	struct word_memo *slots;   /* room for 1 << WORD_MEMO_BITS */
	unsigned bits;             /* the first 1 << bits are in use */
	unsigned taken;            /* words taken in since it last grew */
};
static _Thread_local struct word_memory word_memory;

/* Takes m into use; -1 when memory runs out. */
static int word_memory_open(struct word_memory *m)
{
	m->slots = malloc(((size_t)1 << WORD_MEMO_BITS) * sizeof *m->slots);
	if (!m->slots)
		return -1;
	m->bits = WORD_MEMO_FIRST_BITS;
	m->taken = 0;
	memset(m->slots, 0, ((size_t)1 << m->bits) * sizeof *m->slots);
	return 0;
}

/* Doubles the part of m in use.  A slot's number is the top bits of a
 * word's mix, so a word in slot i belongs in 2i or 2i + 1 of the larger
 * part; going down from the last slot, each move lands where the words
 * have already left.  Rare (three times a thread), so kept out of the
 * lexer's loop. */
__attribute__((noinline, cold)) static void word_memory_grow(struct word_memory *m)
{
	size_t used = (size_t)1 << m->bits;
	unsigned bits = m->bits + 1;
	memset(m->slots + used, 0, used * sizeof *m->slots);
	for (size_t i = used; i-- > 0;) {
		struct word_memo w = m->slots[i];
		m->slots[i].n = 0;
		if (w.n)
			m->slots[memo_slot(w.w, 0, w.n, bits)] = w;
	}
	m->bits = bits;
	m->taken = 0;
}

static void word_info(scan *s, tok *t)
{
	const unsigned char *p = s->p;
	size_t a = t->start, e = t->end, n = e - a;
	if (a >= s->line_end)
		judge_line(s, a);
	int caps_line = s->caps_line && a < s->line_end;
	if (n > WORD_MEMO_BYTES) {
		word_lookup(s, t, caps_line);
		return;
	}
	struct word_memory *memory = s->memo;
	struct word_memo *m = &memory->slots[memo_slot(p, a, e, memory->bits)];
	if (m->n == n && m->caps_line == caps_line && memcmp(m->w, p + a, n) == 0) {
		t->base_end = a + m->base_len;
		t->possessive = m->possessive;
		t->hash = m->hash;
		t->kw = m->kw;
		t->kwval = m->kwval;
		t->shape = m->shape;
		t->caps = m->caps;
		t->wflags = m->wflags;
		t->foreign = m->foreign;
		t->place_first = m->place_first;
		return;
	}
	word_lookup(s, t, caps_line);
	if (__builtin_expect(++memory->taken > 1u << memory->bits, 0) &&
	    memory->bits < WORD_MEMO_BITS) {
		word_memory_grow(memory);
		m = &memory->slots[memo_slot(p, a, e, memory->bits)];
	}
	m->n = (unsigned char)n;
	m->caps_line = (unsigned char)caps_line;
	m->base_len = (unsigned char)(t->base_end - a);
	m->possessive = t->possessive;
	m->hash = t->hash;
	m->kw = t->kw;
	m->kwval = t->kwval;
	m->shape = t->shape;
	m->caps = t->caps;
	m->wflags = t->wflags;
	m->foreign = t->foreign;
	m->place_first = t->place_first;
	memcpy(m->w, p + a, n);
}

/* The value of a hexadecimal digit, or -1. */
static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (unsigned char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Is code point cp a space (tab, line breaks, the spaces of phi_scan.h's
 * space_at)? */
static int unicode_space(uint32_t cp)
{
	return cp == 0x09 || cp == 0x0A || cp == 0x0D || cp == 0x20 || cp == 0xA0 ||
	       (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

int phi_escaped_space(const unsigned char *p, size_t n, size_t i, size_t *w)
{
	if (i + 1 >= n)
		return 0;
	unsigned char e = p[i + 1];
	if (e == 't' || e == 'n' || e == 'r' || e == '_') {
		*w = 2;
		return 1;
	}
	size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
	if (!digits || i + 2 + digits > n)
		return 0;
	uint32_t cp = 0;
	for (size_t k = 0; k < digits; k++) {
		int v = hex_digit(p[i + 2 + k]);
		if (v < 0)
			return 0;
		cp = cp << 4 | (uint32_t)v;
	}
	if (!unicode_space(cp))
		return 0;
	*w = 2 + digits;
	return 1;
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
	/* A word starts with a letter (a mark alone starts none). */
	if (is_alpha(c) || (c >= 0x80 && u8_letter(p, n, i, 0))) {
		int prev_alnum = 0, seen_letter = 0, interleaved = 0;
		/* Counted here and capped once at the end. */
		size_t digits = 0, letters = 0;
		while (j < n) {
			unsigned char d = p[j];
			if (is_alpha(d)) {
				/* A run of ASCII letters, most of a word, in one
				 * tight loop. */
				size_t run = j + 1;
				while (run < n && is_alpha(p[run]))
					run++;
				letters += run - j;
				seen_letter = 1;
				prev_alnum = 1;
				j = run;
				continue;
			}
			size_t cw = word_byte(p, n, j);
			if (cw) {
				if (is_digit(d)) {
					digits++;
					interleaved |= seen_letter;
				} else {
					seen_letter = 1;
					letters++;
				}
				prev_alnum = 1;
				j += cw;
				continue;
			}
			if (d == '-' && prev_alnum && j + 1 < n && word_byte(p, n, j + 1)) {
				t->hyphen = 1;
				prev_alnum = 0;
				j++;
				continue;
			}
			/* "O'Connell", "yá'át'ééh": an apostrophe between
			 * letters, marked ones too. */
			if (d == '\'' && prev_alnum && j + 1 < n &&
			    (is_alpha(p[j + 1]) || u8_letter(p, n, j + 1, 0))) {
				prev_alnum = 0;
				j++;
				continue;
			}
			/* "Wi:gita", "Niá:wen": the colon of a long vowel (O'odham,
			 * Mohawk) inside a word that a list holds so (the
			 * project's list of other languages); "Dx:opioid" stays
			 * two words. */
			if (d == ':' && prev_alnum && j + 1 < n &&
			    (byte_class[p[j + 1]] & BC_LOWER || u8_letter(p, n, j + 1, 0))) {
				size_t k = j + 1, cw2;
				while (k < n && (cw2 = word_byte(p, n, k)))
					k += cw2;
				if ((dict_flags(phi_hash_range(p, i, k)) & WF_WORDISH) ||
				    phi_foreign_known(p, i, k)) {
					letters += k - j - 1;
					j = k;
					continue;
				}
			}
			if (d >= 0x80 && u8_punct(p, n, j, &w, &pc) && pc == '\'' &&
			    d == 0xE2 && p[j + 2] == 0x99 && prev_alnum &&
			    j + w < n && (is_alpha(p[j + w]) || u8_letter(p, n, j + w, 0))) {
				prev_alnum = 0;
				j += w;
				continue;
			}
			break;
		}
		t->ndigits = digits < NUM_CAP ? (uint32_t)digits : NUM_CAP;
		t->nletters = letters < NUM_CAP ? (uint32_t)letters : NUM_CAP;
		t->interleaved = (uint8_t)interleaved;
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
	} else if (c >= 0x80) {
		/* Signs, emoji and bytes that are no UTF-8: one mark '~' for
		 * the run of them ("🙏🙏", "❤️", "👍🏽", "→"), never a word, up
		 * to a letter, a space or typographic punctuation. */
		size_t k = i;
		while (k < n && p[k] >= 0x80 && !space_at(p, n, k, &w) &&
		       !u8_punct(p, n, k, &w, &pc) && !u8_letter(p, n, k, 0)) {
			uint32_t cp;
			size_t cw = echo_utf8_decode(p + k, n - k, &cp);
			k += cw ? cw : 1;
		}
		t->c = '~';
		t->end = k;
	} else {
		t->c = c < 0x20 ? '?' : c;
		t->end = i + 1;
	}
	s->pos = t->end;
}

/* phi_fill's work, when a token is to be lexed. */
int phi_lex_upto(scan *s, size_t upto)
{
	if (!s->memo) {
		struct word_memory *memory = &word_memory;
		if (!memory->slots && word_memory_open(memory) != 0)
			return -1;
		s->memo = memory;
	}
	while (!s->lexed_all && s->base + s->n <= upto) {
		if (s->n == s->cap) {
			size_t cap = s->cap * 2;
			int first = s->toks == s->first_toks;
			tok *grown = realloc(first ? NULL : s->toks, cap * sizeof *grown);
			if (!grown)
				return -1;
			if (first)
				memcpy(grown, s->toks, s->n * sizeof *grown);
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

/* phi_compact's work, once COMPACT tokens are behind i. */
void phi_compact_window(scan *s, size_t i)
{
	size_t drop = i - KEEP - s->base;
	memmove(s->toks, s->toks + drop, (s->n - drop) * sizeof *s->toks);
	s->base += drop;
	s->n -= drop;
}

