/* The PHI scanner's names and places, and the safe-by-default rule:
 * every word no list accounts for is a finding. */
#include "phi_scan.h"

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

static int sentence_initial(const scan *s, size_t i);
static int speech_next(const scan *s, size_t i);

/* Is one of the three words after word i a lower-case word of the other
 * languages' lists that no English list has: is the text in Spanish or
 * French there? */
static int foreign_after(const scan *s, size_t i)
{
	for (size_t k = 1; k <= 3; k++) {
		const tok *u = T(s, i + k);
		if (u->kind != TK_WORD || (u->flags & TF_PARA))
			return 0;
		if (u->shape == SH_LOWER && ((u->kw & KW_FOREIGNFN) ||
		                             phi_foreign_known(s->p, u->start, u->base_end)))
			return 1;
	}
	return 0;
}

/* How many of the three words before and after word i are words of the
 * other languages' lists: a word with a Spanish ending among them
 * ("la metadona", "usa fentanilo y xilacina") is a word of that
 * language too. */
static int foreign_around(const scan *s, size_t i)
{
	int n = 0;
	for (size_t k = 1; k <= 3; k++) {
		const tok *u = P(s, i, k), *v = T(s, i + k);
		if (u->kind == TK_WORD && u->shape == SH_LOWER &&
		    ((u->kw & KW_FOREIGNFN) ||
		     phi_foreign_known(s->p, u->start, u->base_end)))
			n++;
		if (v->kind == TK_WORD && v->shape == SH_LOWER &&
		    ((v->kw & KW_FOREIGNFN) ||
		     phi_foreign_known(s->p, v->start, v->base_end)))
			n++;
	}
	return n;
}

/* Endings of Spanish nouns and adjectives built on Latin and Greek
 * stems, as clinical words are: -ina, -ona, -ilo, -ico, -ivo, -ción. */
static int spanish_ending(const scan *s, const tok *t)
{
	static const struct affix ends[] = {
		AFFIX("ina"), AFFIX("ona"), AFFIX("ilo"), AFFIX("ico"), AFFIX("ica"),
		AFFIX("ivo"), AFFIX("iva"), AFFIX("ción"), AFFIX("sión"), AFFIX("dad"),
		AFFIX("ismo"), AFFIX("ista"), AFFIX("mente"), AFFIX("ado"), AFFIX("ada"),
		AFFIX("inas"), AFFIX("icos"), AFFIX("icas"), AFFIX("ados"), AFFIX("adas"),
	};
	size_t n = t->base_end - t->start;
	if (n < 6)
		return 0;
	/* The last letter first: it turns most words away. */
	unsigned char last = phi_hash_lower(s->p[t->base_end - 1]);
	for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
		size_t l = ends[k].n;
		if ((unsigned char)ends[k].s[l - 1] == last && l < n &&
		    phi_range_is(s->p, t->base_end - l, t->base_end, ends[k].s))
			return 1;
	}
	return 0;
}

static int name_class_of(const scan *s, size_t i)
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
		if (phi_day_tok(s, T(s, k)) || phi_is_year(T(s, k)))
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
	/* A people named from its place ("Micronesian", "Bhutanese") is a
	 * word of the soft list that no list holds; not a word that is a
	 * person's name or a town itself ("Julian", "Hyden"). */
	if (t->shape == SH_TITLE &&
	    !(t->wflags & (WF_PERSON | WF_GEO | WF_COMMON | WF_MEDICAL)) &&
	    phi_demonym(s->p, t->start, t->base_end))
		return NC_SOFT;
	if (t->wflags & WF_MEDICAL)
		return NC_COMMON;
	/* A relation word that is an everyday word, opening a sentence, is
	 * the relation ("Son's partner is here"), whatever the census says
	 * of it as a surname. */
	if ((t->kw & KW_RELATION) && (t->wflags & WF_COMMON) &&
	    t->shape == SH_TITLE && sentence_initial(s, i))
		return NC_COMMON;
	/* A capital at the start of a sentence says nothing: a word the large
	 * or the medical list knows in lower case is that word there
	 * ("Breastfeeding encouraged", "Meth mouth"). */
	if (t->shape == SH_TITLE && !(t->wflags & (WF_WORDISH | WF_PERSON | WF_GEO)) &&
	    sentence_initial(s, i) &&
	    (phi_everyday_word(t->hash) || phi_medical_word(t->hash) ||
	     phi_foreign_known(s->p, t->start, t->base_end) ||
	     phi_word_by_form(s->p, t->start, t->base_end)))
		return NC_COMMON;
	/* "Pau for today" (Hawaiian: done): a word of another language
	 * opening a sentence that only the gazetteer holds as a place
	 * (Pau in France), before a lower-case word. */
	if (t->shape == SH_TITLE && (t->wflags & WF_GEO) &&
	    !(t->wflags & (WF_WORDISH | WF_PERSON)) && sentence_initial(s, i) &&
	    T(s, i + 1)->kind == TK_WORD && T(s, i + 1)->shape == SH_LOWER &&
	    same_line(T(s, i + 1)) && !speech_next(s, i) &&
	    phi_foreign_known(s->p, t->start, t->base_end))
		return NC_COMMON;
	/* "Su pareja", "Le dimos", "Ella dice": a word of the other
	 * language opening a sentence in that language, even one that is a
	 * name in English. */
	if (t->shape == SH_TITLE && !(t->wflags & WF_HARD) && sentence_initial(s, i) &&
	    ((t->kw & KW_FOREIGNFN) ||
	     (!(t->wflags & WF_PROPER) &&
	      phi_foreign_known(s->p, t->start, t->base_end))) &&
	    foreign_after(s, i))
		return NC_COMMON;
	/* "Metadona disponible pero hay lista": a word with a Spanish
	 * learned ending opening a sentence in Spanish. */
	if (t->shape == SH_TITLE && sentence_initial(s, i) &&
	    !(t->wflags & (WF_PERSON | WF_GEO | WF_PROPER | WF_HARD)) &&
	    spanish_ending(s, t) && foreign_around(s, i) >= 1)
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

/* name_class_of, kept in the token: the rules ask it of a word several
 * times (the word itself, then as the next or the last word of a run),
 * and it depends on the tokens alone, which the scan owns. */
static int name_class(const scan *s, size_t i)
{
	size_t k = i - s->base;
	if (k >= s->n)
		return name_class_of(s, i);
	tok *t = &s->toks[k];
	if (!t->name_class)
		t->name_class = (uint8_t)(name_class_of(s, i) + 1);
	return t->name_class - 1;
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

/* Is the word before token i a possessive: "her", "my", "Pt's"? */
static int possessive_before(const scan *s, size_t i)
{
	static const char *const poss[] = {
		"her", "his", "my", "our", "their", "your", NULL,
	};
	const tok *p1 = P(s, i, 1);
	return p1->kind == TK_WORD && (T(s, i)->flags & TF_SPACE) &&
	       !(T(s, i)->flags & TF_NL) && (p1->possessive || word_in_list(s, p1, poss));
}

/* The labels of a note's subject, before a name in mixed case: "Pt
 * Maria Lopes", "Patient: Hodan Warsame", "Client Rose Begay". */
static int subject_label(const scan *s, const tok *t)
{
	static const char *const label[] = {
		"pt", "pts", "patient", "client", "resident", "participant", "vet",
		"veteran", NULL,
	};
	return t->kind == TK_WORD && !t->caps && word_in_list(s, t, label);
}

/* "hey jojo from Bapchule wants", "yo jazz from Hough been askin": a
 * greeting opening a message, one word, then "from" and a capitalised
 * word or a verb of what a person does: the word is the person greeted
 * or spoken of. */
static int greeted(const scan *s, size_t r, size_t at)
{
	static const char *const hello[] = {"hey", "yo", "hi", "hello", "heyy", NULL};
	static const char *const deed[] = {
		"wants", "needs", "asked", "asking", "askin", "got", "says", "said",
		"called", "texted", "came", "is", "was", "been", NULL,
	};
	const tok *p1 = P(s, at, 1), *n1 = T(s, r + 1);
	if (at != r || !word_in_list(s, p1, hello) || !sentence_initial(s, r - 1) ||
	    !same_line(T(s, r)) || !same_line(n1) || T(s, r)->possessive)
		return 0;
	if (word_is(s, n1, "from"))
		return capitalised(T(s, r + 2));
	return word_in_list(s, n1, deed) || has_kw(n1, KW_SPEECH);
}

/* What the words before token at say about the run of capitalised
 * words at r (at is r, or the quote mark before it). */
static unsigned signals_before(const scan *s, size_t r, size_t at)
{
	static const char *const go[] = {"goes", "go", "going", "went", NULL};
	static const char *const known[] = {
		"known", "goes", "go", "going", "referred", "introduced",
		"introduces", "calls", "call", NULL,
	};
	static const char *const emp_prep[] = {"at", "for", "by", "with", NULL};
	const tok *p1 = P(s, at, 1), *p2 = P(s, at, 2);
	unsigned sig = 0;

	if ((is_punct(p1, '.') && adj(p1) && honorific(p2)) || honorific(p1))
		return SIG_HON;
	if (greeted(s, r, at))
		return SIG_REL;
	/* "Tavarius Mobley ("Tank")": a quoted word in brackets right
	 * after a name is the person's nickname. */
	if (at < r && is_punct(p1, '(') && adj(T(s, at)) && s->mn &&
	    s->last_cat == ECHO_PHI_NAME && p2->end == s->last_end)
		return SIG_REL;
	size_t k = 1;
	const tok *q = p1;
	if (is_punct(q, ',') || is_punct(q, '(') || is_punct(q, ':'))
		q = P(s, at, ++k);
	/* "Pt. Maria Lopes": the label abbreviated. */
	else if (is_punct(q, '.') && adj(q) && (word_is(s, p2, "pt") ||
	                                        word_is(s, p2, "pts")))
		q = P(s, at, ++k);
	if (has_kw(q, KW_EMPLOYER))
		return SIG_EMP;
	if (has_kw(q, KW_RELATION) && q->shape != SH_UPPER)
		return SIG_REL;
	/* Not "Vet Center", "Resident Services": the label's word heading
	 * the name of a place or a program. */
	if (subject_label(s, q) && capitalised(T(s, r)) && !T(s, r)->caps &&
	    !(T(s, r)->kw & (KW_INSTITUTION | KW_FACILITY)))
		return SIG_REL;
	if ((word_is(s, q, "is") || word_is(s, q, "was")) &&
	    has_kw(P(s, at, k + 1), KW_RELATION))
		return SIG_REL;
	if (has_kw(p1, KW_INTRO))
		return SIG_REL;
	if (word_is(s, p1, "by") && word_in_list(s, p2, go))
		return SIG_REL;
	if (word_is(s, p1, "as"))
		for (size_t b = 2; b <= 5; b++)
			if (word_in_list(s, P(s, at, b), known))
				return SIG_REL;
	k = 1;
	q = p1;
	if (word_is(s, q, "the"))
		q = P(s, at, ++k);
	/* "works at", and with the work or its time between: "works the
	 * counter at", "works nights at the", "drives grain truck for",
	 * "hog confinement worker at". */
	if (word_in_list(s, q, emp_prep))
		for (size_t b = k + 1; b <= k + 4; b++) {
			const tok *v = P(s, at, b);
			if (has_kw(v, KW_EMPLOYVERB))
				return SIG_EMP;
			if (v->kind != TK_WORD || v->shape != SH_LOWER ||
			    !(P(s, at, b - 1)->flags & TF_SPACE) ||
			    (P(s, at, b - 1)->flags & TF_NL) ||
			    (v->kw & (KW_RELATION | KW_PRONOUN | KW_HONOR | KW_INTRO |
			              KW_SPEECH | KW_PLACEPREP | KW_STREETPREP)) ||
			    v->possessive)
				break;
		}

	k = 1;
	q = p1;
	if (is_punct(q, ','))
		q = P(s, at, ++k);
	if ((word_is(s, q, "and") || word_is(s, q, "or") || is_punct(q, '&')) &&
	    s->mn) {
		const tok *b = P(s, at, k + 1);
		if (is_punct(b, ','))
			b = P(s, at, k + 2);
		if (b->start < s->last_end && s->last_end <= b->end &&
		    (s->last_cat == ECHO_PHI_NAME || s->last_cat == ECHO_PHI_PLACE))
			sig |= SIG_COORD;
	}
	if (has_kw(p1, KW_PLACEPREP) ||
	    (word_is(s, p1, "of") && word_is(s, p2, "outside"))) {
		sig |= SIG_PLACE;
		/* "lives in", "grew up in", "the DSS office in". */
		for (size_t b = 2; b <= 3; b++)
			if (has_kw(P(s, at, b), KW_RESIDE | KW_FACILITY))
				sig |= SIG_PLACE_STRONG;
	}
	if (word_is(s, p1, "to"))
		for (size_t b = 2; b <= 3; b++) {
			const tok *v = P(s, at, b);
			if (has_kw(v, KW_MOTION | KW_RESIDE))
				sig |= SIG_PLACE;
			if (has_kw(v, KW_RESIDE) && !has_kw(v, KW_MOTION))
				sig |= SIG_PLACE_STRONG;
		}
	if (word_is(s, p1, "at") && has_kw(p2, KW_RESIDE))
		sig |= SIG_PLACE | SIG_PLACE_STRONG;
	/* "out by White Swan", "over in Many Farms", "up at Crow Agency",
	 * "down by Hot Coffee": an adverb of direction and a preposition of
	 * place say a place as strongly as "lives in". */
	{
		static const char *const adverb[] = {"out", "over", "up", "down", NULL};
		static const char *const prep[] = {"by", "at", "in", "near", "past", NULL};
		if (word_in_list(s, p1, prep) && word_in_list(s, p2, adverb) &&
		    p1->shape == SH_LOWER && p2->shape == SH_LOWER && same_line(p1))
			sig |= SIG_PLACE | SIG_PLACE_STRONG;
	}
	if (has_kw(p1, KW_STREETPREP))
		sig |= SIG_STREETPREP;
	if (is_punct(p1, ',') && s->mn && s->last_cat == ECHO_PHI_PLACE &&
	    p2->end == s->last_end)
		sig |= SIG_AFTER_PLACE;
	return sig;
}

/* What the words before a run of capitalised words say about it; a
 * quote mark glued to the run stands aside: "goes by "Sleepy"", "her
 * man "Peanut"", "Client "Lefty"". */
static unsigned prev_signals(const scan *s, size_t r)
{
	const tok *q = P(s, r, 1);
	if (r > 0 && is_punct(q, '"') && adj(T(s, r)))
		return signals_before(s, r, r - 1);
	return signals_before(s, r, r);
}

typedef struct member {
	size_t tok;
	size_t start, end;
	int cls;
} member;

#define MAX_RUN 6

/* Two spaces or a tab before word t, in a line in capitals: the gap
 * between two fields ("ARAPAHO   PREF LANG:"), which no name crosses. */
static int field_gap(const scan *s, const tok *t)
{
	return t->caps && t->start >= 2 &&
	       ((s->p[t->start - 1] == ' ' && s->p[t->start - 2] == ' ') ||
	        s->p[t->start - 1] == '\t');
}

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
		if (k > 0 && (!(t->flags & TF_SPACE) || (t->flags & TF_PARA) ||
		              field_gap(s, t)))
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
		/* "Courir de Mardi Gras": a holiday ends a name's run. */
		if (k > 0 && (t->kw & KW_HOLIDAY) && t->shape == SH_TITLE)
			break;
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
		if (n > sl + 2 && phi_range_is(s->p, t->base_end - sl, t->base_end,
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
		"now", "when", "after", "before", "til", "till", NULL,
	};
	const tok *z = T(s, k);
	return z->kind != TK_WORD || word_in_list(s, z, glue);
}

static int product_word(const scan *s, size_t i);
static int determiner(const scan *s, const tok *t);
static size_t caps_name(scan *s, size_t i);
static int person_predicate(const scan *s, size_t k);
static int person_around(const scan *s, size_t i);

/* Is the run m[a..k) a given name and a surname: the first a census
 * given name that is no drug slang, the second a census surname, a
 * name in the word list or a word of no list; or an everyday word
 * ("Maria Lopes") when a verb of speech or contact, a person's
 * predicate or an age follows the run. */
static int given_pair(const scan *s, const member *m, size_t a, size_t k,
                      size_t next)
{
	const tok *g = T(s, m[a].tok), *f = T(s, m[a + 1].tok);
	if (!(g->wflags & WF_GIVEN) || (g->kw & KW_SLANG) || g->possessive ||
	    m[a].cls == NC_SOFT || m[a + 1].cls == NC_SOFT || m[a + 1].cls == NC_BRAND)
		return 0;
	int c = m[a + 1].cls;
	if ((f->wflags & WF_SURNAME) || c == NC_PROPER || c == NC_UNKNOWN ||
	    c == NC_PCOMMON)
		return 1;
	if (c != NC_COMMON || k - a != 2 || (f->kw & ~KW_SLANG))
		return 0;
	const tok *x = T(s, next);
	if (has_kw(x, KW_SPEECH) && x->shape == SH_LOWER && same_line(x))
		return 1;
	if (person_predicate(s, next))
		return 1;
	/* "Maria Lopes, 45," */
	return is_punct(x, ',') && num_digits(T(s, next + 1), 1, 3) &&
	       is_punct(T(s, next + 2), ',');
}

/* The kin of a person, in lower case: "Sky's mom", "his dad". */
static int kin_word(const scan *s, const tok *t)
{
	static const char *const kin[] = {
		"mom", "mother", "mama", "dad", "father", "sister", "brother",
		"grandma", "grandmother", "grandpa", "grandfather", "aunt",
		"auntie", "uncle", "cousin", "son", "daughter", "kids", "wife",
		"husband", "boyfriend", "girlfriend", NULL,
	};
	return t->kind == TK_WORD && t->shape == SH_LOWER && word_in_list(s, t, kin);
}

/* Adjectives a note says of a person's state: "Sunny was hopeful",
 * "Faith is sober". */
static int person_state(const scan *s, const tok *t)
{
	static const char *const state[] = {
		"hopeful", "tearful", "sober", "upset", "angry", "anxious",
		"calm", "pleasant", "cooperative", "engaged", "withdrawn",
		"guarded", "irritable", "sad", "happy", "worried", "scared",
		"proud", "tired", "motivated", "ambivalent", "pregnant",
		"homeless", "incarcerated", "agreeable", "receptive", NULL,
	};
	return t->kind == TK_WORD && t->shape == SH_LOWER && word_in_list(s, t, state);
}

/* Does what follows a word at token k say a person: "is her sponsor",
 * "was his PO", "is the payee" (a relation after "is" or "was"), "is
 * his ride" (a role after a possessive), or
 * with person_state, "was hopeful"?  Returns 2 for a relation, 1 for a
 * state, 0 otherwise. */
static int person_predicate(const scan *s, size_t k)
{
	static const char *const det[] = {
		"her", "his", "their", "my", "our", "the", "a", "an", "your", NULL,
	};
	const tok *v = T(s, k);
	if (!same_line(v) || !(word_is(s, v, "is") || word_is(s, v, "was")))
		return 0;
	const tok *u = T(s, k + 1);
	if (word_in_list(s, u, det))
		u = T(s, k + 2);
	if (has_kw(u, KW_RELATION) && u->shape == SH_LOWER && same_line(u))
		return 2;
	/* "Sunny is his ride", "was her contact": a role a person plays
	 * for someone, after a possessive only ("the contact" is no one). */
	static const char *const role[] = {
		"contact", "ride", "worker", "driver", "connection", "source",
		"runner", "helper", "aide", NULL,
	};
	const tok *d = T(s, k + 1);
	if (u != d && !word_is(s, d, "the") && !word_is(s, d, "a") &&
	    !word_is(s, d, "an") && u->shape == SH_LOWER && same_line(u) &&
	    word_in_list(s, u, role))
		return 2;
	return person_state(s, T(s, k + 1)) ? 1 : 0;
}

/* Does word t start a field of a line in capitals: the line's first
 * word, or one after two spaces or more ("AGE: 44   SEX: F")? */
static int field_start(const scan *s, const tok *t)
{
	return (t->flags & TF_NL) || t->start < 2 || field_gap(s, t);
}

/* Is word i in the label of a field of a line written in capitals, from
 * the field's start to its colon, three words at most ("EMERG
 * CONTACT:", "PREF LANG:", "PRIOR ADDR:")?  Abbreviated as they are,
 * such words are in no list, or are surnames ("LANG"): never a name.
 * The value after the colon is read as usual. */
static int caps_field_label(const scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (t->kind != TK_WORD || !t->caps || t->shape == SH_UPPER)
		return 0;
	size_t a = i, e = i;
	while (!field_start(s, T(s, a))) {
		const tok *q = P(s, a, 1);
		if (a == 0 || q->kind != TK_WORD || !q->caps || e - a >= 2)
			return 0;
		a--;
	}
	for (;;) {
		const tok *n1 = T(s, e + 1);
		if (is_punct(n1, ':') && adj(n1))
			return 1;
		if (n1->kind != TK_WORD || !n1->caps || !same_line(n1) ||
		    field_start(s, n1) || e - a >= 2)
			return 0;
		e++;
	}
}

size_t phi_try_name(scan *s, size_t i)
{
	const tok *t = T(s, i);
	size_t e0;
	if (caps_field_label(s, i))
		return t->end;
	/* "WHISENHUNT, DALE R" on a line in capitals, read before its first
	 * word alone is taken for a name. */
	if (t->caps && (e0 = caps_name(s, i)))
		return e0;
	int cls0 = name_class(s, i);
	/* "Tina says she never used tina": drug slang the allow list holds
	 * is a person where only a person can be. */
	if ((cls0 == NC_HARD || cls0 == NC_SOFT) && (t->kw & KW_SLANG) &&
	    person_around(s, i)) {
		phi_emit(s, ECHO_PHI_NAME, t->start, t->base_end);
		return t->end;
	}
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
	/* "Nevada, MO", "Virginia, MN", "Indiana, PA": a state's name
	 * before a state's abbreviation is a town in that state (MD and PA,
	 * credentials too, after a locative or before a ZIP code only). */
	if (cls0 == NC_WEAK && (t->kw & KW_STATE) && !direct && !state_city &&
	    !t->caps && t->shape == SH_TITLE && is_punct(T(s, i + 1), ',')) {
		const tok *st = T(s, i + 2);
		int zip = num_digits(T(s, i + 3), 5, 5);
		if (has_kw(st, KW_STATEABBR) && st->caps && tlen(st) == 2 && same_line(st) &&
		    (zip || phrase_end(s, i + 3)) &&
		    (zip || (!word_is(s, st, "md") && !word_is(s, st, "pa")) ||
		     (sig & SIG_PLACE))) {
			phi_emit(s, ECHO_PHI_PLACE, t->start, t->base_end);
			return t->base_end;
		}
	}
	if (cls0 == NC_WEAK && !direct && !state_city)
		return 0;
	member m[MAX_RUN];
	size_t next;
	size_t k = collect_run(s, i, direct || state_city, m, &next);
	if (k == 0)
		return 0;
	/* "her Lola", "My Kuya", "Pt's Tutu": a kinship word after a
	 * possessive is the relation, whatever the census says of it. */
	size_t kin = m[k - 1].tok;
	if (k <= 2 && has_kw(T(s, kin), KW_PRONOUN) && possessive_before(s, kin) &&
	    (k == 1 || kin == i + 1))
		return T(s, kin)->end;
	/* "Lille score", "Abilify Maintena": a product, not a name; "Tina",
	 * "Molly", "Mary Jane": drug slang unless the text says it is a
	 * person, or a town ("lives in Crystal", "out past Crystal"). */
	int all_slang = 1;
	for (size_t q = 0; q < k; q++)
		all_slang &= (T(s, m[q].tok)->kw & KW_SLANG) != 0;
	if (!direct && ((k <= 2 && all_slang && !(sig & SIG_PLACE_STRONG) &&
	                 !(k == 1 && person_around(s, i))) ||
	                product_word(s, i) ||
	                (k > 1 && product_word(s, m[k - 1].tok))))
		return T(s, m[k - 1].tok)->end;
	int sent0 = sentence_initial(s, i);

	/* A relation word inside the run: "Sister Hope", "Grandson Tyrell". */
	size_t a = 0;
	while (a + 1 < k && (has_kw(T(s, m[a].tok), KW_RELATION) ||
	                     subject_label(s, T(s, m[a].tok)))) {
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
		size_t sn = phi_state_at(s, q);
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
	/* "Sky's mom asked": a thing has no mother, so an everyday word
	 * before a possessive and a kin word is a person. */
	int kin_after = poss && k - a == 1 && kin_word(s, x) && same_line(x) &&
	                !(last_tok->kw & ~KW_SLANG) && !product_word(s, m[a].tok);
	/* "Rose is her sponsor", "Hope was his PO". */
	if (!poss && person_predicate(s, next) == 2)
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
		if (phi_learned(s, T(s, m[q].tok)->hash, &lc) && c != NC_COMMON &&
		    c != NC_SOFT) {
			strong = 1;
			learned_cat = lc;
		}
		/* "Dakota, his oldest,": a soft word that is a given name,
		 * said to be a person. */
		if (c == NC_SOFT && rel_after && (T(s, m[q].tok)->wflags & WF_GIVEN) &&
		    !(T(s, m[q].tok)->kw & KW_SLANG))
			c = NC_PCOMMON, namelike = 1;
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

	/* "Maria Lopes came in", "Hodan Abdi Warsame, 27F": a census given
	 * name and a capitalised name or word of no list after it, or an
	 * everyday word when what follows says a person, is a full name
	 * wherever it stands, the start of a sentence too. */
	if (!strong && !psuffix && !street && !bsuffix && k - a >= 2 &&
	    given_pair(s, m, a, k, next))
		strong = 1;

	/* "The county health pharmacy", "This parish": a determiner names
	 * no county. */
	int all_det = 1;
	for (size_t q = a; q < k; q++)
		all_det &= determiner(s, T(s, m[q].tok));

	int accept = 0, place = 0, trim = 0;
	if (psuffix && all_det) {
		return T(s, next - 1)->end;
	} else if (psuffix) {
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
	} else if (kin_after && m[a].cls == NC_COMMON) {
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
			phi_defer(s, T(s, m[0].tok));
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
		if (b - a == 1 && (T(s, m[a].tok)->kw & KW_SLANG) &&
		    !person_around(s, m[a].tok))
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
	phi_emit(s, cat, start, end);
	for (size_t q = a; q < b; q++) {
		int c = m[q].cls;
		if (c == NC_UNKNOWN || c == NC_PCOMMON || c == NC_BRAND ||
		    c == NC_PROPER)
			phi_learn(s, T(s, m[q].tok)->hash, cat);
	}
	if (suffixed && b == k)
		return T(s, after - 1)->end;
	return T(s, next - 1)->end;
}

/* ------------------------------------------------------------------ */
/* Safe by default                                                     */

/* Is lower-case word i where a name or a place stands: after a relation
 * or an honorific, a place or street preposition ("at frankford"), or a
 * given name ("tre oxendine")? */
static int lower_name_position(const scan *s, size_t i)
{
	if (prev_signals(s, i) & (SIG_HON | SIG_REL | SIG_PLACE |
	                          SIG_PLACE_STRONG | SIG_STREETPREP))
		return 1;
	const tok *p1 = P(s, i, 1);
	if (p1->kind != TK_WORD || !(T(s, i)->flags & TF_SPACE) ||
	    (T(s, i)->flags & TF_NL))
		return 0;
	/* Or right after a name found ("her grandson tre oxendine"). */
	return (p1->wflags & WF_GIVEN) ||
	       (s->mn && s->m[s->mn - 1].end == p1->base_end &&
	        s->m[s->mn - 1].category == ECHO_PHI_NAME);
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
			return phi_part_known(s->p, t->start, k);
		}
	return 0;
}

/* Is word i followed by a verb of speech or contact, on its line ("Mark
 * said", "Linh called")? */
static int speech_next(const scan *s, size_t i)
{
	const tok *n1 = T(s, i + 1);
	return has_kw(n1, KW_SPEECH) && n1->shape == SH_LOWER &&
	       (n1->flags & TF_SPACE) && !(n1->flags & TF_NL) &&
	       !T(s, i)->possessive && !has_kw(T(s, i), KW_PRONOUN);
}

/* Is the word a name by what is around it: a relation or honorific
 * before, an introduction ("goes by", "on FB as"), or a verb of speech or
 * contact after it ("Mark said", "bob texted")? */

static int person_cue(const scan *s, size_t i)
{
	unsigned sig = prev_signals(s, i);
	if (sig & (SIG_HON | SIG_REL))
		return 1;
	/* "she called" is a pronoun; "Mark called" a person. */
	if (speech_next(s, i) && (T(s, i)->wflags & WF_GIVEN))
		return 1;
	return person_around(s, i);
}

/* A census given name, a keyword of no rule but drug slang or speech,
 * in no allow list but as drug slang ("Molly", "Tina"): the words
 * person_around weighs. */
static int given_word(const tok *t)
{
	return t->kind == TK_WORD && (t->wflags & WF_GIVEN) && !t->ndigits &&
	       (!(t->wflags & (WF_HARD | WF_SOFT)) || (t->kw & KW_SLANG)) &&
	       !(t->kw & ~(KW_SLANG | KW_SPEECH | KW_FOREIGNFN));
}

/* Verbs whose subject is a person only: a drug does not say or text
 * ("Crystal says she's been off crystal"), though it comes and goes. */
static int human_verb(const scan *s, const tok *t)
{
	static const char *const verb[] = {
		"said", "says", "told", "tells", "texted", "texts", "asked",
		"asks", "messaged", "emailed", "phoned", "wrote", "replied",
		"answered", "yelled", "shouted", "agreed", "agrees", "denied",
		"denies", "admitted", "admits", "reported", "reports", NULL,
	};
	return t->kind == TK_WORD && t->shape == SH_LOWER && same_line(t) &&
	       word_in_list(s, t, verb);
}

/* Is token k, after a word, a deed of a person's life a note reports:
 * where the person lives or works, a custody lost, a job or a house got
 * or lost ("Rocky is staying", "Sandy works the pier", "Misty lost
 * custody", "Hunter got kicked out")? */
static int person_deed(const scan *s, size_t k)
{
	static const char *const deed[] = {
		"lives", "lived", "moved", "stays", "stayed", "resides",
		"relocated", "works", "worked", "overdosed", NULL,
	};
	static const char *const going[] = {"staying", "living", "working", NULL};
	static const char *const got[] = {
		"kicked", "hired", "fired", "arrested", "evicted", "jumped",
		"locked", "picked", "shot", "sentenced", "released", NULL,
	};
	const tok *v = T(s, k), *w = T(s, k + 1);
	if (v->kind != TK_WORD || v->shape != SH_LOWER || !same_line(v))
		return 0;
	if (word_in_list(s, v, deed))
		return 1;
	if ((word_is(s, v, "is") || word_is(s, v, "was")) && same_line(w) &&
	    w->shape == SH_LOWER && word_in_list(s, w, going))
		return 1;
	if (word_is(s, v, "lost") && word_is(s, w, "custody"))
		return 1;
	return word_is(s, v, "got") && same_line(w) && w->shape == SH_LOWER &&
	       word_in_list(s, w, got);
}

/* Is lower-case word k a verb whose object is a person, or a
 * preposition of company, just before a word: "took Crystal to",
 * "picked up Sky", "met Sunny"?  "with" and "for" too ("with Dale"), but not before
 * drug slang ("positive for Crystal", "trouble with Crystal"). */
static int person_verb_before(const scan *s, size_t k, int slang)
{
	static const char *const verb[] = {
		"took", "take", "takes", "taking", "drove", "drive", "drives",
		"driving", "met", "meet", "meets", "meeting", "called", "call",
		"texted", "text", "saw", "see", "sees", "seeing", "brought",
		"bring", "brings", "visited", "visit", "visits", "told", "tell",
		"asked", "ask", "helped", "help", "hugged", "thanked", "gave",
		"give", "gives", NULL,
	};
	static const char *const phrasal[] = {
		"picked", "pick", "picks", "dropped", "drop", "drops", NULL,
	};
	const tok *v = P(s, k, 0);
	if (v->kind != TK_WORD || v->shape != SH_LOWER || v->caps)
		return 0;
	if ((word_is(s, v, "up") || word_is(s, v, "off")) &&
	    word_in_list(s, P(s, k, 1), phrasal))
		return 1;
	return word_in_list(s, v, verb) ||
	       (!slang && (word_is(s, v, "for") || word_is(s, v, "with")));
}

/* Is lower-case word i, a census given name that is also an everyday
 * word and no drug slang, the subject of a sentence about a person?  It
 * opens the sentence (a filler word or two before it allowed), follows a
 * dash or the note's subject label, and comes before a verb only a
 * person is the subject of, a deed of a person's life, what "is" says of
 * a person, or a coming and going: "hey so sage made it to detox",
 * "ginger got hired back", "pt hope came in", "hope is sober", "bob from
 * the meeting relapsed". */
static int lower_subject(const scan *s, size_t i)
{
	static const char *const came[] = {
		"came", "comes", "showed", "shows", "relapsed", "wants", "needs",
		"hit", "finally", "made", "got", "been", NULL,
	};
	static const char *const after_made[] = {"it", "bail", "parole", NULL};
	static const char *const after_got[] = {
		"out", "back", "her", "his", "a", "into", "picked", NULL,
	};
	static const char *const filler[] = {"hey", "yo", "so", "ok", "okay", "fyi", NULL};
	const tok *t = T(s, i), *n1 = T(s, i + 1), *n2 = T(s, i + 2);
	size_t at = i;
	while (at > 0 && at + 2 > i && word_in_list(s, P(s, at, 1), filler) &&
	       P(s, at, 1)->shape == SH_LOWER)
		at--;
	const tok *b = P(s, at, 1);
	if ((t->kw & KW_SLANG) || !same_line(n1) || n1->shape != SH_LOWER ||
	    !(sentence_initial(s, at) || subject_label(s, P(s, i, 1)) ||
	      (is_punct(b, '-') && same_line(b))))
		return 0;
	if (human_verb(s, n1) || person_deed(s, i + 1) || person_predicate(s, i + 1))
		return 1;
	if (word_is(s, n1, "from"))
		return same_line(n2) && (capitalised(n2) || word_is(s, n2, "the"));
	if (!word_in_list(s, n1, came) || !same_line(n2))
		return 0;
	if (word_is(s, n1, "made"))
		return word_in_list(s, n2, after_made);
	if (word_is(s, n1, "got"))
		return word_in_list(s, n2, after_got);
	if (word_is(s, n1, "hit"))
		return word_is(s, n2, "me") || word_is(s, n2, "up");
	if (word_is(s, n1, "finally"))
		return human_verb(s, n2) || has_kw(n2, KW_SPEECH);
	return 1;
}

/* Is capitalised or lower-case word i, a census given name that is also
 * an everyday word, a person by what is around it?  A mid-sentence
 * capital after a verb that takes a person ("She took Crystal to the
 * clinic"); a verb only a person is the subject of after it, for drug
 * slang too ("Crystal says"), or a deed of a person's life ("Sandy
 * works the pier"); what "is" or "was" says of it ("Sky is his
 * contact", "Sunny was hopeful"); a relation after its possessive
 * ("Sky's mom"); an age in commas ("Autumn, 16,"); two given names
 * joined by "and" opening a sentence before a verb ("Dale and Crystal
 * share"); or, in lower case, coordination with "i", "me" or "we" ("bob
 * and i went", "me and bill"). */
static int person_around(const scan *s, size_t i)
{
	static const char *const self[] = {"i", "me", "we", NULL};
	const tok *t = T(s, i);
	if (!given_word(t) || t->base_end - t->start < 3)
		return 0;
	const tok *p1 = P(s, i, 1), *n1 = T(s, i + 1);
	if (t->shape == SH_LOWER) {
		if (t->possessive)
			return 0;
		if (lower_subject(s, i))
			return 1;
		if (word_is(s, n1, "and") && same_line(n1) &&
		    word_in_list(s, T(s, i + 2), self) && same_line(T(s, i + 2)))
			return 1;
		return word_is(s, p1, "and") && word_in_list(s, P(s, i, 2), self) &&
		       n1->kind == TK_WORD && n1->shape == SH_LOWER && same_line(n1);
	}
	if (t->shape != SH_TITLE || t->caps)
		return 0;
	int slang = (t->kw & KW_SLANG) != 0;
	int sent0 = sentence_initial(s, i);
	if (!sent0 && same_line(t) && person_verb_before(s, i - 1, slang) &&
	    !product_word(s, i))
		return 1;
	if (!t->possessive && human_verb(s, n1))
		return 1;
	/* Not a modal asking: "Will works best?" */
	static const char *const modal[] = {"will", "may", "can", "might", "must", NULL};
	if (!t->possessive && !slang && !(sent0 && word_in_list(s, t, modal)) &&
	    person_deed(s, i + 1))
		return 1;
	if (t->possessive && has_kw(n1, KW_RELATION) && n1->shape == SH_LOWER &&
	    same_line(n1))
		return 1;
	if (!t->possessive && person_predicate(s, i + 1))
		return 1;
	if (!t->possessive && is_punct(n1, ',') && num_digits(T(s, i + 2), 1, 3) &&
	    T(s, i + 2)->num < 120 && is_punct(T(s, i + 3), ','))
		return 1;
	/* "Dale and Crystal share the trailer." */
	const tok *a, *b;
	size_t first;
	if (word_is(s, n1, "and")) {
		first = i;
		a = t;
		b = T(s, i + 2);
	} else if (word_is(s, p1, "and")) {
		first = i - 2;
		a = P(s, i, 2);
		b = t;
	} else {
		return 0;
	}
	const tok *verb = T(s, first + 3);
	return sentence_initial(s, first) && given_word(a) && given_word(b) &&
	       a->shape == SH_TITLE && b->shape == SH_TITLE && !a->possessive &&
	       !b->possessive && same_line(T(s, first + 1)) &&
	       same_line(T(s, first + 2)) && verb->kind == TK_WORD &&
	       verb->shape == SH_LOWER && same_line(verb) && !verb->kw;
}


static int determiner(const scan *s, const tok *t)
{
	static const char *const det[] = {
		"a", "an", "the", "this", "that", "these", "those", "each",
		"every", "any", "some", "no", "one", "another", "my", "your",
		"our", "their", "its", NULL,
	};
	return word_in_list(s, t, det);
}

/* Is word i, a given name that is also an everyday word, used as a
 * common noun: after an article or a determiner ("a junior", "the
 * Hunter"), after an adjective of age ("16-year-old junior"), or as
 * the saint of a compound ("St. John's wort")? */
static int common_noun_use(const scan *s, size_t i)
{
	const tok *p1 = P(s, i, 1), *n1 = T(s, i + 1);
	/* "at the Ray's Food Place", "the Golden Nugget": a business. */
	if (determiner(s, p1) && !T(s, i)->possessive &&
	    !(capitalised(n1) && same_line(n1)))
		return 1;
	if (p1->kind == TK_WORD && p1->hyphen &&
	    phi_range_is(s->p, p1->base_end - 3, p1->base_end, "old"))
		return 1;
	return is_punct(p1, '.') && adj(p1) && has_kw(P(s, i, 2), KW_ABBRPLACE);
}

/* Is lower-case word i, a given name that is also an everyday word, that
 * word even after a relation: a word of two letters ("so"), after a
 * colon ("Counselor: see her"), before an object pronoun ("see her"),
 * as a modal before a bare verb ("her manager will find out", but "her
 * son will picks up"), or as a common noun? */
static int lower_word_use(const scan *s, size_t i)
{
	static const char *const object[] = {
		"her", "him", "them", "me", "us", "it", "you", NULL,
	};
	static const char *const modal[] = {
		"will", "may", "can", "might", "must", "shall", NULL,
	};
	const tok *t = T(s, i), *n1 = T(s, i + 1);
	if (t->base_end - t->start < 3 || is_punct(P(s, i, 1), ':') ||
	    common_noun_use(s, i) || word_in_list(s, n1, object))
		return 1;
	if (word_in_list(s, t, modal)) {
		size_t n = n1->base_end - n1->start;
		int inflected = n1->kind == TK_WORD && n1->shape == SH_LOWER && n > 3 &&
		                (s->p[n1->base_end - 1] == 's' ||
		                 phi_range_is(s->p, n1->base_end - 2, n1->base_end, "ed"));
		return !inflected;
	}
	return 0;
}

/* A word in capitals that may be part of a name written in capitals:
 * no digits, two letters or more, no keyword of the rules (particles
 * aside) and in no allow list; hyphenated only of parts of two letters
 * or more ("MENDOZA-RUIZ", not "AUDIT-C"). */
static int caps_word(const scan *s, const tok *t)
{
	if (t->kind != TK_WORD || !t->caps || t->ndigits || tlen(t) < 2 ||
	    ((t->kw & ~(KW_SLANG | KW_SPEECH)) && !(t->kw & KW_PARTICLE)) ||
	    (t->wflags & (WF_HARD | WF_SOFT)))
		return 0;
	if (t->hyphen) {
		size_t run = 0;
		for (size_t k = t->start; k < t->base_end; k++) {
			if (s->p[k] == '-') {
				if (run < 2)
					return 0;
				run = 0;
			} else {
				run++;
			}
		}
		if (run < 2)
			return 0;
	}
	return 1;
}

/* A word in capitals of no list that reads as a word (it has a vowel):
 * "HSER", "KLU", not "PCP". */
static int caps_unknown(const scan *s, const tok *t)
{
	if (t->wflags || t->kw)
		return 0;
	for (size_t k = t->start; k < t->base_end; k++) {
		unsigned char c = s->p[k];
		if (c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y')
			return 1;
	}
	return 0;
}

/* Is token t on the line of the token before it, after a space? */
static int caps_next(const tok *t)
{
	return (t->flags & TF_SPACE) && !(t->flags & TF_NL);
}

/* "TAMMY LYNN ROARK", "GERALD W HOFFSTETTER": a full name in capitals
 * without a comma, from a census given name to a surname or a word of
 * no list, the middle a given name or an initial.  Returns the end of
 * the match or 0. */
static size_t caps_full_name(scan *s, size_t i)
{
	const tok *a = T(s, i);
	if (!caps_word(s, a) || !(a->wflags & WF_GIVEN) || a->hyphen)
		return 0;
	size_t j = i + 1;
	const tok *m = T(s, j);
	if (caps_next(m) && m->kind == TK_WORD && m->caps && !m->ndigits &&
	    ((m->shape == SH_INITIAL) ||
	     (caps_word(s, m) && (m->wflags & WF_GIVEN) &&
	      caps_word(s, T(s, j + 1)) && caps_next(T(s, j + 1)))))
		j++;
	const tok *z = T(s, j);
	if (!caps_next(z) || !caps_word(s, z) || z->possessive != a->possessive ||
	    !((z->wflags & WF_PERSON) || caps_unknown(s, z)) ||
	    ((z->wflags & WF_COMMON) && (a->wflags & WF_COMMON)) ||
	    ((z->wflags & WF_COMMON) && !(z->wflags & WF_SURNAME)))
		return 0;
	/* Not a run of capitals longer than a name: a heading in capitals. */
	const tok *after = T(s, j + 1);
	if (caps_next(after) && after->kind == TK_WORD && after->caps)
		return 0;
	const tok *before = P(s, i, 1);
	if (caps_next(a) && before->kind == TK_WORD && before->caps &&
	    !(before->kw & KW_KINDS))
		return 0;
	phi_emit(s, ECHO_PHI_NAME, a->start, z->base_end);
	return z->base_end;
}

/* Does token i open a line, or follow a subject's label ("Pt", "Patient:")? */
static int caps_line_start(const scan *s, size_t i)
{
	const tok *p1 = P(s, i, 1);
	if (p1->kind == TK_BOF || (T(s, i)->flags & TF_NL))
		return 1;
	if (is_punct(p1, ':'))
		p1 = P(s, i, 2);
	return subject_label(s, p1);
}

/* An age after a comma at token c: ", 52F", ", 39 M", ", 61". */
static int age_after(const scan *s, size_t c)
{
	const tok *t = T(s, c + 1);
	if (!is_punct(T(s, c), ','))
		return 0;
	if (t->kind == TK_NUM)
		return t->ndigits <= 3;
	return t->kind == TK_ALNUM && t->lead_digits >= 1 && t->lead_digits <= 3 &&
	       !t->interleaved && t->nletters <= 3;
}

/* "SMITH, JOHN", "BEGAY, ROSALIND M", "MENDOZA-RUIZ, ALEJANDRO", "RUNS
 * ABOVE, MARK T", "PAW, HSER HTOO": a name written the way forms and
 * registration systems write it, surname first (up to three words), a
 * comma, then the given names.  Returns the end of the match or 0. */
static size_t caps_name(scan *s, size_t i)
{
	const tok *t0 = T(s, i);
	/* "WASHINGTON, TYRONE D": a state that is a census surname. */
	int state_surname = t0->kind == TK_WORD && t0->caps && (t0->kw & KW_STATE) &&
	                    (t0->wflags & WF_SURNAME) && is_punct(T(s, i + 1), ',') &&
	                    !(t0->kw & ~(KW_STATE | KW_STATE1 | KW_STATE2));
	if (!caps_word(s, t0) && !state_surname)
		return 0;
	size_t ai = i;
	while (ai < i + 2 && caps_word(s, T(s, ai + 1)) && caps_next(T(s, ai + 1)))
		ai++;
	const tok *a = T(s, ai), *c = T(s, ai + 1), *b = T(s, ai + 2);
	/* A month may be a given name after the comma ("SIXKILLER, JUNE M"). */
	int given_month = b->kind == TK_WORD && b->caps && (b->kw & KW_MONTH) &&
	                  (b->wflags & WF_GIVEN) && !(b->kw & ~(KW_MONTH | KW_DATEPREP |
	                                                        KW_DATECTX));
	/* "GARCIA LOPEZ, JESUS": a census given name the allow list holds,
	 * after a census surname. */
	int given_hard = b->kind == TK_WORD && b->caps && !b->kw &&
	                 (b->wflags & WF_GIVEN) && (b->wflags & WF_HARD) &&
	                 (a->wflags & WF_SURNAME);
	/* "MARTINEZ, Crystal", "HUNT, Sunshine D.": a census surname in
	 * capitals, a comma and a census given name capitalised, even one
	 * that is a word, opening a line, before an initial or an age. */
	if (is_punct(c, ',') && b->kind == TK_WORD && b->shape == SH_TITLE &&
	    (b->wflags & WF_GIVEN) && !b->hyphen && !b->possessive &&
	    !(b->kw & ~(KW_SLANG | KW_MONTH)) && (a->wflags & WF_SURNAME) &&
	    !(a->kw & ~(KW_STATE | KW_STATE1 | KW_STATE2)) && same_line(b)) {
		const tok *n = T(s, ai + 3);
		int init = n->kind == TK_WORD && n->shape == SH_INITIAL && same_line(n);
		if (caps_line_start(s, i) || init || age_after(s, ai + 3)) {
			size_t end = init ? n->end : b->end;
			if (init && is_punct(T(s, ai + 4), '.') && adj(T(s, ai + 4)))
				end = T(s, ai + 4)->end;
			phi_emit(s, ECHO_PHI_NAME, T(s, i)->start, end);
			return end;
		}
	}
	if (!is_punct(c, ',') || !(caps_word(s, b) || given_month || given_hard) ||
	    b->hyphen ||
	    (a->kw & KW_PARTICLE) || (b->kw & KW_PARTICLE))
		return caps_full_name(s, i);
	/* Both words a name in the census lists, or one a name and the other
	 * in no list: acronyms ("HCV, HIV") are in the allow list. */
	int an = (a->wflags & WF_PERSON) != 0, bn = (b->wflags & WF_PERSON) != 0;
	/* "JEAN-BAPTISTE, WILNER": a hyphenated surname of names, no part of
	 * it an everyday or allow-list word. */
	if (a->hyphen && !(a->wflags & (WF_COMMON | WF_HARD | WF_SOFT | WF_MEDICAL)))
		an = 1;
	/* A proper name or a word of no list: "WHITEHORSE" the town too. */
	int aw = (a->wflags & (WF_COMMON | WF_MEDICAL)) != 0,
	    bw = (b->wflags & (WF_COMMON | WF_MEDICAL)) != 0;
	const tok *m = T(s, ai + 3);
	int initial = m->kind == TK_WORD && m->shape == SH_INITIAL &&
	              !(m->flags & TF_NL) && (m->flags & TF_SPACE);
	/* Two given names of no list, each a word by its vowels, ending the
	 * phrase: "PAW, HSER HTOO", "MOO, EH KLU". */
	int bu = caps_unknown(s, b), mu = caps_unknown(s, m);
	int two = !initial && caps_next(m) && caps_word(s, m) && !m->hyphen &&
	          (bn || bu || mu) && ((m->wflags & WF_PERSON) || mu || bu) &&
	          ((bn && (m->wflags & WF_GIVEN)) ||
	           !(T(s, ai + 4)->kind == TK_WORD && T(s, ai + 4)->caps &&
	             caps_next(T(s, ai + 4))));
	/* After a relation or an honorific, words of no list are a name too
	 * ("her uncle LOR, TOUA"). */
	int cued = (prev_signals(s, i) & (SIG_REL | SIG_HON)) &&
	           (an || caps_unknown(s, a)) && (bn || bu);
	/* With a middle initial the shape is a name's alone ("LAHTI, ARVO
	 * J", "BLACKBIRD, JEROME A"): the surname may be in no list or an
	 * everyday word, so long as one of the two is no everyday word or
	 * the given name is one. */
	int shaped = initial && ((b->wflags & WF_GIVEN) || !(a->wflags & WF_COMMON) ||
	                         !(b->wflags & WF_COMMON));
	/* Two words of no list in a name's place: opening a line, after a
	 * subject's label, or before an age ("HODŽIĆ, AMRA, 52F", "Pt
	 * SHEVCHUK, TARAS"). */
	int placed = caps_unknown(s, a) && bu && tlen(a) >= 3 && tlen(b) >= 3 &&
	             (caps_line_start(s, i) || age_after(s, ai + 3));
	if (!shaped && !two && !cued && !placed &&
	    !((an && bn) || (an && !bw) || (bn && !aw) ||
	      ((a->wflags & WF_SURNAME) && (b->wflags & WF_GIVEN))))
		return caps_full_name(s, i);
	size_t end = b->end;
	if (initial || two)
		end = m->end;
	phi_emit(s, ECHO_PHI_NAME, T(s, i)->start, end);
	return end;
}

/* Is word i in a place's position: after "in", "from", "near"..., or a
 * street preposition? */
static int place_position(const scan *s, size_t i)
{
	return (prev_signals(s, i) & (SIG_PLACE | SIG_PLACE_STRONG)) != 0;
}

/* Is token t a capitalised allow-list word, a drug or a dressing? */
static int product_tok(const tok *t)
{
	return t->kind == TK_WORD && t->shape != SH_LOWER && (t->wflags & WF_HARD) &&
	       !(t->kw & ~(KW_PRODUCT | KW_MAKE | KW_SLANG));
}

/* Is word i an item of a list of products: "Silvadene, Xeroform,
 * Kerlix", "Santyl and Kerlix", "Medihoney/foam"?  A name in a list of
 * drugs and dressings is rare; a brand no list holds is not. */
static int listed_with_product(const scan *s, size_t i)
{
	const tok *a = P(s, i, 1), *b = P(s, i, 2);
	const tok *c = T(s, i + 1), *d = T(s, i + 2);
	int join_a = is_punct(a, ',') || is_punct(a, '/') || is_punct(a, '+') ||
	             word_is(s, a, "and") || word_is(s, a, "or");
	int join_c = is_punct(c, ',') || is_punct(c, '/') || is_punct(c, '+') ||
	             word_is(s, c, "and") || word_is(s, c, "or");
	if (T(s, i)->possessive)
		return 0;
	return (join_a && product_tok(b)) || (join_c && product_tok(d));
}

/* "drinking more, Abita and Crown Royal", "a 12-pack daily plus
 * Fireball", "vaping nicotine and THC carts daily, Elf Bar": a verb of
 * consumption earlier in the clause, with only the things consumed and
 * words of amount and time between: no preposition, pronoun, relation
 * or other context word that could bring a person in. */
static int consumed_in_clause(const scan *s, size_t i, const char *const *consume)
{
	static const char *const stop[] = {
		"with", "at", "to", "from", "by", "for", "in", "on", "his", "her",
		"their", "my", "our", "your", "him", "them", "who", "when", "while",
		"after", "before", "says", "said", "like", "than", "about", NULL,
	};
	for (size_t k = 1; k <= 10; k++) {
		const tok *q = P(s, i, k), *after = k == 1 ? T(s, i) : P(s, i, k - 1);
		if (q->kind == TK_BOF || (after->flags & TF_NL))
			return 0;
		if (q->kind == TK_PUNCT) {
			if (q->c == ',' || q->c == '-' || q->c == '/' || q->c == '+')
				continue;
			return 0;
		}
		if (q->kind == TK_NUM || q->kind == TK_ALNUM)
			continue;
		if (q->kind != TK_WORD || q->possessive || word_in_list(s, q, stop))
			return 0;
		if (word_in_list(s, q, consume))
			return 1;
		if (q->kw & (KW_RELATION | KW_EMPLOYER | KW_INTRO | KW_HONOR | KW_PRONOUN |
		             KW_SPEECH | KW_PLACEPREP | KW_RESIDE | KW_MOTION | KW_HANDLE))
			return 0;
	}
	return 0;
}

/* Does the capitalised run at token i end its phrase: a comma, the end
 * of a sentence or line, "and", "or"?  "Abita and Crown Royal.", not
 * "Marcus brings it". */
static int run_ends_phrase(const scan *s, size_t i)
{
	size_t j = i + 1;
	while (j < i + 4 && capitalised(T(s, j)) && same_line(T(s, j)))
		j++;
	const tok *n = T(s, j);
	return n->kind == TK_EOF || (n->flags & TF_NL) ||
	       (n->kind == TK_PUNCT && n->c != '\'' && n->c != '-') ||
	       word_is(s, n, "and") || word_is(s, n, "or");
}

/* The word after a brand or an instrument ("Invega Sustenna", "Abilify
 * Maintena"), or before a product word ("Mepilex foam", "Lille score",
 * "Tacoma pickup"), is part of a product's name. */
static int product_word(const scan *s, size_t i)
{
	const tok *p1 = P(s, i, 1), *n1 = T(s, i + 1);
	if (listed_with_product(s, i))
		return 1;
	if (p1->kind == TK_WORD && ((p1->wflags & WF_HARD) || (p1->kw & KW_MAKE)) &&
	    p1->shape != SH_LOWER && (T(s, i)->flags & TF_SPACE) &&
	    !(T(s, i)->flags & TF_NL))
		return 1;
	if (has_kw(n1, KW_PRODUCT) && (n1->flags & TF_SPACE) &&
	    !T(s, i)->possessive)
		return 1;
	/* A dose or a lab value after it: "Rivotril 2 mg", "Doxy 100 BID",
	 * "Lille 0.38". */
	const tok *n2 = T(s, i + 2), *n3 = T(s, i + 3);
	if (is_num(n1) && !(n1->flags & TF_NL) && !T(s, i)->possessive) {
		if (n2->kind == TK_WORD && (n2->kw & KW_UNIT) && !(n2->flags & TF_NL))
			return 1;
		if (n2->kind == TK_WORD && n2->caps && tlen(n2) == 3 &&
		    (word_is(s, n2, "bid") || word_is(s, n2, "tid") ||
		     word_is(s, n2, "qid") || word_is(s, n2, "qhs")))
			return 1;
		if (is_punct(n2, '.') && adj(n2) && is_num(n3) && adj(n3))
			return 1;
	}
	/* A thing, not a person: "drives a Peterbilt", "an old Jitterbug",
	 * "smokes Mary Jane", "drinks baijiu". */
	size_t k = 1;
	const tok *q = P(s, i, 1);
	if (q->kind == TK_WORD && q->shape == SH_LOWER && (q->wflags & WF_COMMON) &&
	    !q->kw && (word_is(s, P(s, i, 2), "a") || word_is(s, P(s, i, 2), "an")))
		q = P(s, i, ++k);
	if (word_is(s, q, "a") || word_is(s, q, "an"))
		return 1;
	static const char *const consume[] = {
		"drinks", "drink", "drank", "drinking", "smokes", "smoke",
		"smoked", "smoking", "snorts", "snorted", "vapes", "vaping",
		"uses", "brewed", "chews", NULL,
	};
	/* "drinks Old Style and Milwaukee's Best": the second of two
	 * things consumed. */
	if (k == 1 && (word_is(s, q, "and") || word_is(s, q, "or") || is_punct(q, ','))) {
		size_t b = k + 1;
		while (b < k + 4 && capitalised(P(s, i, b)) && !P(s, i, b)->possessive)
			b++;
		if (b > k + 1)
			q = P(s, i, b);
	}
	if (word_in_list(s, q, consume))
		return 1;
	return run_ends_phrase(s, i) && consumed_in_clause(s, i, consume);
}

/* Dates without a month: holidays ("Labor Day weekend", "New Year's Eve",
 * "Christmas Eve 2024", "the week of Thanksgiving") and day ordinals after
 * "the" ("on the 19th", "from the 30th to the 3rd"). */

/* "of the Holy Ghost", "de Reyes", "de los Muertos": the name that
 * follows a holiday or a feast.  Returns the last token, or j - 1. */
static size_t named_tail(const scan *s, size_t j)
{
	const tok *u = T(s, j);
	if (!same_line(u) || !(word_is(s, u, "of") || word_is(s, u, "de") ||
	                       word_is(s, u, "del")))
		return j - 1;
	size_t k = j + 1;
	if (word_is(s, T(s, k), "the") || word_is(s, T(s, k), "los") ||
	    word_is(s, T(s, k), "las") || word_is(s, T(s, k), "la"))
		k++;
	size_t last = j - 1;
	while (k < j + 6 && capitalised(T(s, k)) && same_line(T(s, k)))
		last = k++;
	return last;
}

/* After a named day or event, "week", "weekend" or a year. */
static size_t event_after(const scan *s, size_t last)
{
	const tok *u = T(s, last + 1);
	if (same_line(u) && (word_is(s, u, "week") || word_is(s, u, "weekend") ||
	                     (u->kind == TK_NUM && u->ndigits == 4)))
		return last + 1;
	return last;
}

/* A word that may begin the name of a day or an event: capitalised, no
 * month, weekday or honorific, and no name in the lists alone. */
static int event_word(const tok *t)
{
	return capitalised(t) && !t->possessive &&
	       !(t->kw & (KW_WEEKDAY | KW_MONTH | KW_HONOR | KW_DATEPREP |
	                  KW_DATECTX | KW_RELATION));
}

/* Named annual events and named days are date elements as holidays
 * are: "Strawberry Festival", "the Navajo Nation Fair", "Feast of the
 * Holy Ghost", "Carnival week"; "Good Friday", "Super Bowl Sunday".
 * Returns the end of the match it emitted, or 0. */
static size_t named_event(scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (!event_word(t) && !((t->kw & KW_EVENT) && capitalised(t)))
		return 0;
	size_t k = i, last = 0;
	int common = 1;
	/* "St. Peter's Fiesta": a saint's feast, his name possessive. */
	if (has_kw(t, KW_ABBRPLACE) && is_punct(T(s, i + 1), '.') &&
	    adj(T(s, i + 1)) && capitalised(T(s, i + 2)) &&
	    (T(s, i + 2)->possessive || (T(s, i + 3)->kw & KW_EVENT)) &&
	    (T(s, i + 3)->kw & KW_EVENT) && capitalised(T(s, i + 3)) &&
	    same_line(T(s, i + 3)))
		k = i + 3;
	for (; k < i + 5; k++) {
		const tok *u = T(s, k);
		if (k > i && !same_line(u))
			break;
		if ((u->kw & KW_EVENT) && capitalised(u)) {
			last = k;
			break;
		}
		/* Everyday words before a weekday: "Good Friday", not "Marcus
		 * Friday". */
		if (k > i && has_kw(u, KW_WEEKDAY) && u->shape == SH_TITLE &&
		    common && !sentence_initial(s, i)) {
			/* "Prairie Sun Pork": a business's name, not a day. */
			const tok *v = T(s, k + 1);
			if (same_line(v) && (v->kw & KW_INSTITUTION) &&
			    v->shape == SH_TITLE)
				return 0;
			last = k;
			break;
		}
		if (!event_word(u))
			return 0;
		if (!(u->wflags & (WF_COMMON | WF_HARD)))
			common = 0;
	}
	if (!last && k == i + 5)
		return 0;
	if (!last)
		return 0;
	if (last == i) {
		/* An event word alone needs its name or a "week" after it. */
		size_t n = named_tail(s, i + 1);
		if (n == i && !sentence_initial(s, i))
			n = event_after(s, i);
		if (n == i)
			return 0;
		last = n;
	} else {
		size_t n = named_tail(s, last + 1);
		last = event_after(s, n);
	}
	size_t end = T(s, last)->end;
	phi_emit(s, ECHO_PHI_DATE, t->start, end);
	return end;
}

/* "14th", "3rd": an ordinal that may be a day of the month. */
static int day_ordinal(const scan *s, const tok *t)
{
	return t->kind == TK_ALNUM && t->lead_digits <= 2 && t->nletters == 2 &&
	       t->num >= 1 && t->num <= 31 &&
	       (phi_range_is(s->p, t->end - 2, t->end, "st") ||
	        phi_range_is(s->p, t->end - 2, t->end, "nd") ||
	        phi_range_is(s->p, t->end - 2, t->end, "rd") ||
	        phi_range_is(s->p, t->end - 2, t->end, "th"));
}

/* Is there a word of dates among the three words before "the" and
 * ordinal i, in lower case and on its line, none of them punctuation:
 * "seen on the 6th", "last use the 6th", "court date is the 22nd"?  Not
 * "of" nor "in" ("the end of the 3rd", "in the 2nd"). */
static int date_word_near(const scan *s, size_t i)
{
	for (size_t k = 2; k <= 4 && k <= i; k++) {
		const tok *q = P(s, i, k);
		if (q->kind != TK_WORD || q->shape != SH_LOWER || !same_line(P(s, i, k - 1)))
			return 0;
		if ((q->kw & (KW_DATEPREP | KW_DATECTX)) && !word_is(s, q, "of") &&
		    !word_is(s, q, "in"))
			return 1;
	}
	return 0;
}

/* Does what follows ordinal i let it be a day, not a rank: no noun after
 * it ("the 3rd grade", "the 2nd dose"), but the end of the phrase, a
 * conjunction or a preposition ("the 14th and", "the 3rd at noon");
 * after a preposition of time before "the" ("seen on the 6th for a
 * recheck", "due by the 11th in the morning"), a pronoun or a
 * preposition that cannot take a rank's noun too. */
static int ordinal_ends_date(const scan *s, size_t i)
{
	const tok *n1 = T(s, i + 1);
	if (!(n1->kind == TK_WORD && n1->shape == SH_LOWER))
		return 1;
	/* The end of a line ends the phrase too ("for court the 3rd", then
	 * the next line of a text), unless the ordinal opens its sentence
	 * ("The 1st" and "attempt" on the next line). */
	if ((n1->flags & TF_NL) && word_is(s, P(s, i, 1), "the") &&
	    !sentence_initial(s, i - 1))
		return 1;
	static const char *const near[] = {
		"to", "and", "or", "through", "at", "when", "until", "because",
		"after", "before", "if", "unless", "so", "but", "then", "once",
		NULL,
	};
	if (word_in_list(s, n1, near))
		return 1;
	if (!word_is(s, P(s, i, 1), "the") || !date_word_near(s, i))
		return 0;
	static const char *const time_prep[] = {
		"for", "in", "with", "by", "no", "not", "she", "he", "they", "we",
		"i", "his", "her", "their", NULL,
	};
	return word_in_list(s, n1, time_prep);
}

/* Holiday words that are other words alone, a holiday only before the
 * word that completes them: "Labor Day" but "Labor and Delivery",
 * "Memorial Day" but "Memorial Hermann", "Veterans Day" but "Veterans
 * Affairs", "Indigenous Peoples' Day" but "an Indigenous program",
 * "Mardi Gras", "Rosh Hashanah", "Semana Santa" ("Indigenous Peoples'
 * Day" is left to the rule of named days); "Valentine's" alone is the
 * day, "Valentine" a town or a name.  Is holiday word i one of them
 * without what completes it? */
static int holiday_needs_day(const scan *s, size_t i)
{
	static const char *const partial[] = {
		"labor", "labour", "memorial", "veterans", "independence",
		"columbus", "indigenous", "presidents", "groundhog", "mardi",
		"semana", "rosh", "yom", "mother", "father", "mothers", "fathers",
		"valentine", "valentines", NULL,
	};
	static const char *const completes[] = {
		"day", "days", "eve", "weekend", "gras", "santa", "hashanah",
		"kippur", "sunday", "monday", NULL,
	};
	const tok *t = T(s, i), *n = T(s, i + 1);
	if (!word_in_list(s, t, partial))
		return 0;
	if (t->possessive && (word_is(s, t, "valentine") || word_is(s, t, "valentines")))
		return 0;
	if (is_punct(n, '\'') && adj(n))
		n = T(s, i + 2);
	return !(word_in_list(s, n, completes) && same_line(n) && (n->flags & TF_SPACE));
}

size_t phi_try_loose_date(scan *s, size_t i)
{
	const tok *t = T(s, i);
	size_t e;
	if (t->kind == TK_WORD && (t->kw & KW_HOLIDAY) && t->shape != SH_LOWER) {
		if (holiday_needs_day(s, i))
			return 0;
		size_t j = i + 1, end = t->end;
		/* "Presidents' Day": the apostrophe of a plural's possessive. */
		if (is_punct(T(s, j), '\'') && adj(T(s, j)))
			end = T(s, j++)->end;
		size_t first = j;
		for (; j < first + 3; j++) {
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
		/* "Día de Reyes", "Cinco de Mayo", "Noche Buena": the name
		 * after the holiday word is part of it. */
		if (j == first) {
			size_t n = named_tail(s, j);
			const tok *u = T(s, j);
			if (n >= j)
				end = T(s, n)->end;
			else if (capitalised(u) && same_line(u) && !(u->kw & KW_WEEKDAY))
				end = u->end;
		}
		phi_emit(s, ECHO_PHI_DATE, t->start, end);
		return end;
	}
	if (t->kind == TK_WORD && (e = named_event(s, i)))
		return e;
	/* "over the Fourth", "since the Fourth": Independence Day, the
	 * ordinal capitalised after "the" and a word of time, not before
	 * a capitalised word ("the Fourth Amendment"), a number or a noun
	 * the ordinal counts ("on the Fourth floor"). */
	static const char *const ordinal_nouns[] = {
		"floor", "grade", "time", "times", "quarter", "round", "street",
		"ward", "trimester", "place", "day", "week", "month", "year",
		"step", "dose", "attempt", "visit", "one", NULL,
	};
	if (t->kind == TK_WORD && t->shape == SH_TITLE && word_is(s, t, "fourth") &&
	    word_is(s, P(s, i, 1), "the") && P(s, i, 1)->shape == SH_LOWER) {
		const tok *p2 = P(s, i, 2), *n1 = T(s, i + 1);
		if ((has_kw(p2, KW_DATEPREP | KW_DATECTX) || word_is(s, p2, "over") ||
		     word_is(s, p2, "for")) && p2->shape == SH_LOWER &&
		    !(capitalised(n1) && same_line(n1)) && !has_digit(n1) &&
		    !word_in_list(s, n1, ordinal_nouns)) {
			phi_emit(s, ECHO_PHI_DATE, t->start, t->base_end);
			return t->base_end;
		}
	}
	/* "Pioneer Day", "Nevada Day", "Three Kings Day", "MLK Day", "St.
	 * Patrick's Day", "Indigenous Peoples' Day", "Alaska Day 1971": up
	 * to three capitalised words and "Day" name a holiday, unless a
	 * number follows ("Day 7"). */
	if (t->kind == TK_WORD && !(t->kw & (KW_WEEKDAY | KW_MONTH | KW_HONOR)) &&
	    (t->shape == SH_TITLE || (t->caps && tlen(t) <= 4 && !t->ndigits)) &&
	    !sentence_initial(s, i)) {
		size_t j = i;
		if (has_kw(t, KW_ABBRPLACE) && is_punct(T(s, i + 1), '.') &&
		    adj(T(s, i + 1)))
			j = i + 2;
		size_t words = 0;
		for (; words < 3; words++) {
			const tok *u = T(s, j);
			if (u->kind != TK_WORD || u->ndigits || (j > i && !same_line(u)) ||
			    !(u->shape == SH_TITLE || (j == i && u->caps)) ||
			    (u->kw & (KW_WEEKDAY | KW_MONTH | KW_HONOR)) ||
			    word_is(s, u, "day"))
				break;
			j++;
			/* "Mother's Day", "St. Patrick's Day", "Presidents' Day":
			 * a possessive word is the last of the name, and counts. */
			if (u->possessive) {
				words++;
				break;
			}
			if (is_punct(T(s, j), '\'') && adj(T(s, j))) {
				j++;
				words++;
				break;
			}
		}
		const tok *d = T(s, j), *after = T(s, j + 1);
		int year = num_digits(after, 4, 4) && after->num >= 1900 && same_line(after);
		if (words > 0 && word_is(s, d, "day") && d->shape == SH_TITLE &&
		    (d->flags & TF_SPACE) && !(d->flags & TF_NL) &&
		    !(after->kind == TK_NUM && (after->flags & TF_SPACE) && !year) &&
		    !word_is(s, after, "treatment") && !word_is(s, after, "program") &&
		    !word_is(s, after, "center") && !word_is(s, after, "shelter")) {
			size_t end = d->end;
			if ((word_is(s, after, "weekend") || year) && (after->flags & TF_SPACE))
				end = after->end;
			phi_emit(s, ECHO_PHI_DATE, t->start, end);
			return end;
		}
	}
	/* "New Year's", "New Year's Eve"; "New Year" after a word of dates
	 * or a people's or a calendar's name ("since New Year", "Karen New
	 * Year", "Lunar New Year"), not a greeting ("Happy New Year"). */
	const tok *year = T(s, i + 1);
	if (word_is(s, t, "new") && t->shape == SH_TITLE && year->kind == TK_WORD &&
	    year->shape == SH_TITLE && same_line(year) &&
	    phi_range_is(s->p, year->start, year->base_end, "year")) {
		size_t start = t->start;
		const tok *q = P(s, i, 1);
		if (!year->possessive) {
			if (capitalised(q) && same_line(t) && !word_is(s, q, "happy") &&
			    !sentence_initial(s, i - 1) && !(q->wflags & WF_HARD))
				start = q->start;
			else if (!has_kw(q, KW_DATEPREP | KW_DATECTX) || q->shape != SH_LOWER)
				return 0;
		}
		size_t end = year->end, j = i + 2;
		while (j < i + 4 && (word_is(s, T(s, j), "eve") ||
		                     word_is(s, T(s, j), "day") ||
		                     num_digits(T(s, j), 4, 4)))
			end = T(s, j++)->end;
		phi_emit(s, ECHO_PHI_DATE, start, end);
		return end;
	}
	if (day_ordinal(s, t) && word_is(s, P(s, i, 1), "the")) {
		/* Not "the 3rd time", "the 10th grade", "the 5th floor", nor
		 * "the 2nd and 4th Thursday" (a recurring day). */
		for (size_t k = 1; k <= 3; k++)
			if (has_kw(T(s, i + k), KW_WEEKDAY))
				return 0;
		if (!ordinal_ends_date(s, i))
			return 0;
		/* "From the 1st step to the 12th": an ordinal after a rank is
		 * a rank too. */
		for (size_t k = 2; k <= 8 && k < i; k++) {
			const tok *q = P(s, i, k);
			if (is_punct(q, '.') || (q->flags & TF_PARA))
				break;
			if (day_ordinal(s, q) && !ordinal_ends_date(s, i - k))
				return 0;
		}
		/* "the 30th to the 3rd": the range, whole. */
		size_t end = t->end, j = i + 1;
		const tok *n1 = T(s, j);
		if ((word_is(s, n1, "to") || word_is(s, n1, "through") ||
		     word_is(s, n1, "until") || word_is(s, n1, "and")) &&
		    word_is(s, T(s, j + 1), "the") && day_ordinal(s, T(s, j + 2)) &&
		    same_line(T(s, j + 2)) && ordinal_ends_date(s, j + 2))
			end = T(s, j + 2)->end;
		phi_emit(s, ECHO_PHI_DATE, t->start, end);
		return end;
	}
	return 0;
}

/* Ages over 89 the age rule misses: spelled ("ninety-one", "just turned
 * ninety", "mid-nineties") or fused ("91yoF", "93yo"). */
size_t phi_try_loose_age(scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (!phi_loose_age_may_start(s, t))
		return 0;
	if (t->kind == TK_ALNUM && t->lead_digits >= 2 && t->lead_digits <= 3 &&
	    t->num >= 90 && t->num <= 125 && !t->interleaved &&
	    s->p[t->start + t->lead_digits] == 'y' &&
	    (t->nletters <= 4)) {
		phi_emit(s, ECHO_PHI_AGE, t->start, t->end);
		return t->end;
	}
	/* "Nguyen Thi Lan, 91F,": an age and a sex after a person just
	 * named ("100F" alone is a temperature). */
	if (t->kind == TK_ALNUM && t->lead_digits >= 2 && t->lead_digits <= 3 &&
	    t->num >= 90 && t->num <= 125 && t->nletters == 1 &&
	    tlen(t) == (size_t)t->lead_digits + 1 &&
	    (phi_hash_lower(s->p[t->end - 1]) == 'f' ||
	     phi_hash_lower(s->p[t->end - 1]) == 'm') &&
	    is_punct(P(s, i, 1), ',') && s->mn && s->last_cat == ECHO_PHI_NAME &&
	    (P(s, i, 2)->end == s->last_end || P(s, i, 2)->base_end == s->last_end)) {
		phi_emit(s, ECHO_PHI_AGE, t->start, t->start + t->lead_digits);
		return t->end;
	}
	/* "Mr. Pittman is 93 and", "Virgil Lawson is 90,", "Dad, Pap
	 * Guidry, was 94": a number over 89 said of a person just named,
	 * with no unit after it. */
	if (is_num(t) && t->ndigits <= 3 && t->num >= 90 && t->num <= 125 &&
	    right_boundary(s, i)) {
		const tok *p1 = P(s, i, 1), *p2 = P(s, i, 2), *n1 = T(s, i + 1);
		if (is_punct(p2, ','))
			p2 = P(s, i, 3);
		if ((word_is(s, p1, "is") || word_is(s, p1, "was")) && s->mn &&
		    s->last_cat == ECHO_PHI_NAME &&
		    (p2->base_end == s->last_end || p2->end == s->last_end) &&
		    !has_kw(n1, KW_UNIT) && !is_punct(n1, '%') &&
		    !word_is(s, n1, "percent") && !word_is(s, n1, "pounds") &&
		    !word_is(s, n1, "lbs") && !word_is(s, n1, "dollars") &&
		    !has_digit(n1) &&
		    (n1->kind != TK_WORD || !(n1->kw & KW_AGEYEAR))) {
			phi_emit(s, ECHO_PHI_AGE, t->start, t->end);
			return t->end;
		}
	}
	if (t->kind != TK_WORD)
		return 0;
	size_t a = t->start, e = t->base_end;
	if (e - a > 4 && phi_range_is(s->p, a, a + 4, "mid-"))
		a += 4;
	else if (e - a > 5 && phi_range_is(s->p, a, a + 5, "late-"))
		a += 5;
	/* "in her mid-90s", "his late-90s": the decade in digits, after a
	 * possessive ("the mid-90s" of music stays a decade). */
	if (a > t->start && e - a == 3 && phi_range_is(s->p, a, e, "90s")) {
		static const char *const poss[] = {"her", "his", "their", NULL};
		const tok *p1 = P(s, i, 1);
		if (!word_in_list(s, p1, poss) && !p1->possessive)
			return 0;
		phi_emit(s, ECHO_PHI_AGE, t->start, t->end);
		return t->end;
	}
	if (e - a < 6 || !phi_range_is(s->p, a, a + 5, "ninet") ||
	    !(s->p[a + 5] == 'y' || s->p[a + 5] == 'i'))
		return 0;
	const tok *n1 = T(s, i + 1);
	if (has_kw(n1, KW_UNIT) || is_punct(n1, '%') || word_is(s, n1, "percent") ||
	    word_is(s, n1, "minutes") || word_is(s, n1, "days") ||
	    word_is(s, n1, "seconds") || word_is(s, n1, "pounds") ||
	    word_is(s, n1, "dollars") || word_is(s, n1, "times"))
		return 0;
	phi_emit(s, ECHO_PHI_AGE, t->start, t->end);
	return t->end;
}

/* Social and payment handles: "@tay_monroe410", "$BooRealOne215",
 * "$smurfdaddy304".  A handle names the person who goes by it, so it is
 * a name: "on IG as [NAME]".  It is no word of a name, though: no name
 * is widened over it or coordinated with it ("$Boo215 and Cash App"),
 * so the scan's last category is left unset after one. */
static void emit_handle(scan *s, size_t start, size_t end)
{
	phi_emit(s, ECHO_PHI_NAME, start, end);
	s->last_cat = -1;
}

/* The handle after a platform's name: "Snap: moosedog907", "IG is
 * kc.queenie816", "Venmo raven-k-206".  The value must look like a
 * handle: digits, or inner dots or underscores, or a word no list knows,
 * so that "on FB a lot" is not one. */
static size_t labelled_handle(scan *s, size_t i)
{
	size_t j = i + 1;
	const tok *u = T(s, j);
	if (is_punct(u, ':') || word_is(s, u, "is") || word_is(s, u, "as"))
		u = T(s, ++j);
	if (is_punct(u, '@'))
		return 0;       /* the @ rule takes it */
	/* "on FB as Lakota Warrior Queen": a display name of capitalised
	 * words after "as", two to four of them on the line. */
	if (word_is(s, T(s, i + 1), "as") && capitalised(u) && same_line(u)) {
		size_t k = j;
		while (k < j + 3 && capitalised(T(s, k + 1)) && same_line(T(s, k + 1)) &&
		       !(T(s, k)->possessive) && !has_kw(T(s, k + 1), KW_PARTICLE))
			k++;
		if (k > j) {
			emit_handle(s, u->start, T(s, k)->base_end);
			return T(s, k)->end;
		}
	}
	if ((u->kind != TK_WORD && u->kind != TK_ALNUM) || !(u->flags & TF_SPACE))
		return 0;
	size_t end = u->end, k = j;
	int shaped = u->ndigits > 0 || u->hyphen || u->kind == TK_ALNUM;
	while (k < j + 8) {
		const tok *a = T(s, k + 1), *b = T(s, k + 2);
		if ((is_punct(a, '_') || is_punct(a, '.') || is_punct(a, '-')) &&
		    adj(a) && adj(b) && (b->kind == TK_WORD || b->kind == TK_ALNUM ||
		                         b->kind == TK_NUM)) {
			end = b->end;
			shaped = 1;
			k += 2;
		} else {
			break;
		}
	}
	if (!shaped && (u->kw || (u->wflags & WF_WORDISH) ||
	                (u->wflags & WF_MEDICAL)))
		return 0;
	/* "Discord:" at a line's end, the handle on the next: only one
	 * shaped as a handle ("seanie_p_207"), never a plain word. */
	if ((u->flags & TF_NL) && !shaped)
		return 0;
	emit_handle(s, u->start, end);
	return end;
}

size_t phi_try_bare_handle(scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (!phi_bare_handle_may_start(t))
		return 0;
	/* Letters of ASCII, then the digits to the end: "sobermama907". */
	size_t k = t->start;
	while (k < t->end && ((s->p[k] | 0x20) >= 'a' && (s->p[k] | 0x20) <= 'z'))
		k++;
	size_t letters = k - t->start;
	if (letters != t->nletters || t->end - k != t->ndigits)
		return 0;
	/* A word and a number written together ("covid19", "insulin70",
	 * "pathway2024") is no handle: a handle's letters are no one word. */
	if (phi_part_known(s->p, t->start, k))
		return 0;
	const tok *n1 = T(s, i + 1);
	if (has_kw(n1, KW_UNIT) && (n1->flags & TF_SPACE) && same_line(n1))
		return 0;
	emit_handle(s, t->start, t->end);
	return t->end;
}

size_t phi_try_handle(scan *s, size_t i)
{
	const tok *t = T(s, i), *n1 = T(s, i + 1);
	size_t le;
	if (t->kind == TK_WORD && (t->kw & KW_HANDLE) && (le = labelled_handle(s, i)))
		return le;
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
	emit_handle(s, t->start, end);
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

/* "the Bluff", "the Star", "the Med", "the Lower Nine": "the" and
 * capitalised everyday words inside a sentence name a place, a landmark
 * or a business, unless a list knows them (a program, a drug, a rule's
 * word: "the Lord", "the Clinic", "the ER") or a product word follows.
 * Up to three words; the word after them must not be capitalised too
 * (a heading, a title). */
static int the_capital(const scan *s, size_t i)
{
	const tok *t = T(s, i), *p1 = P(s, i, 1);
	if (!word_is(s, p1, "the") || p1->shape != SH_LOWER || t->shape != SH_TITLE ||
	    !same_line(t) || t->hyphen || tlen(t) < 3 || sentence_initial(s, i - 1))
		return 0;
	size_t k = i;
	for (; k < i + 3; k++) {
		const tok *u = T(s, k);
		if (k > i && !(capitalised(u) && same_line(u)))
			break;
		if (u->shape != SH_TITLE || u->ndigits ||
		    (u->kw & ~(KW_DIRECTION | KW_FEATURE)) ||
		    (u->wflags & (WF_HARD | WF_SOFT | WF_MEDICAL)) ||
		    name_class(s, k) == NC_HARD || name_class(s, k) == NC_WEAK)
			return 0;
		if (u->possessive) {
			k++;
			break;
		}
	}
	/* "the Valley clinic", "the Valley office": a word of a facility
	 * after it says the capitals describe it. */
	const tok *n = T(s, k);
	if ((capitalised(n) && same_line(n)) ||
	    has_kw(n, KW_FACILITY | KW_INSTITUTION | KW_BUSINESS | KW_STREET))
		return 0;
	return !product_word(s, k - 1) && !has_digit(n);
}

/* A place made of everyday words and a word of the land or of a
 * settlement, with no locative needed: "Cabin Creek", "Heart Butte",
 * "Moose Island", "Capitol Hill", "Altgeld Gardens", "Coal River Road".
 * The run of capitalised words is the place, whole.  Returns the end of
 * the match it emitted, or 0. */
size_t phi_try_feature_place(scan *s, size_t i)
{
	const tok *t = T(s, i), *p1 = P(s, i, 1);
	if (!capitalised(t) || t->ndigits || (t->kw & KW_FEATURE) ||
	    honorific(p1) || (is_punct(p1, '.') && adj(p1) && honorific(P(s, i, 2))) ||
	    name_class(s, i) == NC_HARD)
		return 0;
	size_t k = i, last = i;
	int feature = 0;
	/* "North End", "East Jefferson", "the Lower Nine": a direction
	 * before a capitalised word inside a sentence names a part of a
	 * town (not "North Carolina", "West Texas", "South Africa"). */
	if (((t->kw & KW_DIRECTION) || word_is(s, t, "upper") ||
	     word_is(s, t, "lower")) && t->shape == SH_TITLE &&
	    tlen(t) >= 4 && !sentence_initial(s, i)) {
		const tok *u = T(s, i + 1);
		if (capitalised(u) && same_line(u) && !u->ndigits &&
		    !(u->kw & (KW_STATE | KW_STATE2 | KW_MONTH | KW_WEEKDAY)) &&
		    !(u->wflags & (WF_HARD | WF_SOFT)) && name_class(s, i + 1) != NC_HARD)
			feature = 1;
	}
	for (; k < i + 5; k++) {
		const tok *u = T(s, k);
		if (k > i && (!capitalised(u) || u->ndigits || !same_line(u) ||
		              name_class(s, k) == NC_HARD))
			break;
		if (k > i && (u->kw & KW_FEATURE))
			feature = 1;
		last = k;
		if (u->possessive)
			break;
	}
	if (!feature)
		return 0;
	size_t end = T(s, last)->base_end;
	phi_emit(s, ECHO_PHI_PLACE, t->start, end);
	return end;
}

/* A GeoNames city of two to four words ("Toms River", "East Point",
 * "Sierra Vista"): capitalised, it is a place wherever it stands, unless
 * it names a product ("Hyundai Santa Fe", "drinks El Dorado"); in lower
 * case only where a place stands ("in toms river", "moved to sierra
 * vista,"), ending the phrase.  The longest name wins.  Returns the end
 * of the match it emitted, or 0. */
size_t phi_try_place_phrase(scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (t->kind != TK_WORD || t->ndigits || t->possessive || tlen(t) < 2)
		return 0;
	int lower = t->shape == SH_LOWER;
	if (!lower && t->shape != SH_TITLE && t->shape != SH_CAMEL_NAME &&
	    !(t->shape == SH_UPPER && tlen(t) >= 3))
		return 0;
	if (!phi_place_may_start(t))
		return 0;
	if (lower && (word_is(s, t, "the") || !place_position(s, i)))
		return 0;
	size_t a[4], e[4], n = 0, found = 0;
	for (size_t k = i; k < i + 4; k++) {
		const tok *u = T(s, k);
		if (u->kind != TK_WORD || u->ndigits || (k > i && !same_line(u)))
			break;
		/* All in lower case, or capitalised but for little words
		 * inside ("Lake in the Hills"). */
		if (k > i && lower != (u->shape == SH_LOWER) &&
		    !(!lower && u->shape == SH_LOWER && tlen(u) <= 3))
			break;
		if (k > i && !lower && t->shape == SH_UPPER && !u->caps)
			break;
		a[n] = u->start;
		e[n] = u->base_end;
		n++;
		if (n >= 2 && (lower || u->shape != SH_LOWER) &&
		    phi_place_phrase(s->p, a, e, n))
			found = n;
		if (u->possessive)
			break;
	}
	if (!found)
		return 0;
	size_t last = i + found - 1;
	if (lower ? !phrase_end(s, last + 1)
	          : (product_word(s, i) || has_kw(T(s, last + 1), KW_PRODUCT)))
		return 0;
	size_t end = T(s, last)->base_end;
	phi_emit(s, ECHO_PHI_PLACE, t->start, end);
	return end;
}

/* Whole names of institutions and streets: a run of capitalised words
 * ending in an institution word ("Southwestern Regional Jail", "Chinle
 * High School", "Delta Regional Medical Center") or a street type
 * ("Pennsylvania Ave", "E Cambria St").  The run, with any institution
 * words after it, is the match, so that redaction leaves none of it. */
size_t phi_try_institution(scan *s, size_t i)
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
			/* "Elm Street House": a named house on a street. */
			const tok *h = T(s, j + 1);
			if ((h->kw & KW_INSTITUTION) && h->shape == SH_TITLE &&
			    same_line(h) && !u->possessive) {
				last = j + 1;
				street = 0;
			}
			break;
		}
	}
	if (!last)
		return 0;
	/* "Born St. Patrick's Day": "St." before a saint's possessive name
	 * is the saint, not a Street. */
	if (street && word_is(s, T(s, last), "st") && is_punct(T(s, last + 1), '.') &&
	    adj(T(s, last + 1)) && capitalised(T(s, last + 2)) &&
	    T(s, last + 2)->possessive && same_line(T(s, last + 2)))
		return 0;
	/* "Prescriber Dr. Saenz", "PCP Dr." and a name on the next line: a
	 * role opening a sentence, or an acronym, and "Dr." before a
	 * capitalised word is the title, not a Drive. */
	if (street && last == i + 1 && has_kw(T(s, last), KW_HONOR) &&
	    is_punct(T(s, last + 1), '.') && adj(T(s, last + 1)) &&
	    capitalised(T(s, last + 2)) &&
	    (t->shape == SH_UPPER || name_class(s, i) == NC_COMMON))
		return 0;
	/* "Drug Court", "Recovery House", "Oxford House": a run whose words
	 * are all programs' names a program, not a place. */
	if (!street) {
		size_t q = i;
		while (q < last && (T(s, q)->wflags & WF_HARD))
			q++;
		if (q == last)
			return 0;
	}
	/* "High" alone is an adjective: "Gentry High" is a school only
	 * when the word after is no noun. */
	size_t end = T(s, last)->end;
	while (is_punct(T(s, last + 1), '.') && adj(T(s, last + 1)) && street) {
		end = T(s, last + 1)->end;
		break;
	}
	phi_emit(s, ECHO_PHI_PLACE, t->start, end);
	return end;
}

/* An acronym no list holds where a place stands, whose last letter is
 * a facility's word (Hospital, Center or Clinic, Institution,
 * University, Facility): "Medevac to YKHC", "transported to ARH", "an
 * inmate at NCI", "discharged from SLVRMC".  Acronyms elsewhere, and
 * those of offices and programs ("the DMV", "at SSP"), are too often no
 * identifier to be findings.  Returns the end of the match it emitted,
 * or 0. */
static size_t facility_acronym(scan *s, size_t i)
{
	const tok *t = T(s, i);
	size_t n = t->base_end - t->start;
	if (n < 2 || n > 7 || t->ndigits || t->hyphen || t->kw ||
	    (t->wflags & (WF_HARD | WF_SOFT | WF_MEDICAL)))
		return 0;
	for (size_t k = t->start; k < t->base_end; k++)
		if (!(s->p[k] >= 'A' && s->p[k] <= 'Z'))
			return 0;
	/* "UH MRN 10448272": the hospital whose record number it is (an
	 * everyday word in capitals too: "uh" is no hospital). */
	const tok *n1 = T(s, i + 1);
	if (has_kw(n1, KW_KMRN) && n1->caps && same_line(n1) &&
	    has_digit(T(s, i + 2))) {
		phi_emit(s, ECHO_PHI_PLACE, t->start, t->base_end);
		return t->base_end;
	}
	if (n < 3 || t->wflags)
		return 0;
	/* "vancomycin to AUC 400-600": a measure with its value. */
	if (has_digit(n1))
		return 0;
	const tok *q = P(s, i, 1);
	if (word_is(s, q, "the"))
		q = P(s, i, 2);
	/* "came out of NCI", "walking out of ISCI": a way out of a place. */
	int out_of = word_is(s, q, "of") && word_is(s, P(s, q == P(s, i, 1) ? i : i - 1, 2), "out");
	if (!(word_is(s, q, "to") || word_is(s, q, "at") || word_is(s, q, "from") ||
	      word_is(s, q, "in") || word_is(s, q, "en") || out_of) ||
	    q->shape != SH_LOWER)
		return 0;
	/* After a move between hospitals ("transferred to UAB", "on
	 * admission to JFL") any last letter; elsewhere a facility's. */
	static const char *const moved[] = {
		"transferred", "transfer", "admitted", "admission", "readmitted",
		"discharged", "flown", "airlifted", "implanted", NULL,
	};
	const tok *v = P(s, q == P(s, i, 1) ? i : i - 1, 2);
	unsigned char z = s->p[t->base_end - 1];
	/* "Prenatal care at LBJ", "works the ramp at JFK", "fusion at
	 * RWJ": "at" stands before a place, so any last letter there too
	 * (the acronyms of programs and services that follow "at" are in
	 * the lists: "at AA", "at CVS", "at SSP"). */
	if (!(z == 'H' || z == 'C' || z == 'I' || z == 'U' || z == 'F') &&
	    !word_in_list(s, v, moved) && !word_is(s, q, "at"))
		return 0;
	phi_emit(s, ECHO_PHI_PLACE, t->start, t->base_end);
	return t->base_end;
}

/* "BORING OR 97009", "LICKING, MO", "WEST PLAINS MO 65775": on a line
 * in capitals, where everyday words stay acronyms, one or two words
 * before a state's abbreviation that ends the line or comes before a
 * ZIP code are a town, after a comma, a colon or at the start of the
 * line.  Returns the end of the match it emitted, or 0. */
static size_t caps_town(scan *s, size_t i)
{
	const tok *t = T(s, i), *p1 = P(s, i, 1);
	if (!t->caps || t->ndigits || tlen(t) < 3 || t->hyphen ||
	    (t->wflags & WF_HARD) || (t->kw & ~(KW_FEATURE | KW_PARTICLE |
	                                        KW_DIRECTION | KW_FOREIGNFN)))
		return 0;
	if (!(is_punct(p1, ',') || is_punct(p1, ':') || (t->flags & TF_NL) ||
	      p1->kind == TK_BOF))
		return 0;
	size_t k = i + 1;
	const tok *u = T(s, k);
	if (u->caps && u->kind == TK_WORD && !u->ndigits && same_line(u) &&
	    !has_kw(u, KW_STATEABBR) && !(u->wflags & WF_HARD) && tlen(u) >= 3)
		u = T(s, ++k);
	if (is_punct(u, ','))
		u = T(s, ++k);
	if (!has_kw(u, KW_STATEABBR) || !u->caps || tlen(u) != 2 || !same_line(u))
		return 0;
	/* Without a ZIP code, a comma must set the town off, and the
	 * abbreviation must be no word or credential ("SEVERE IN", "CALL
	 * MD"). */
	static const char *const wordlike[] = {
		"ok", "or", "in", "me", "hi", "oh", "md", "pa", "de", "la", "co",
		"ma", "al", "id", NULL,
	};
	const tok *z = T(s, k + 1);
	int comma = is_punct(p1, ',') || is_punct(T(s, k - 1), ',');
	if (!num_digits(z, 5, 5) &&
	    (!((z->flags & TF_NL) || z->kind == TK_EOF) || !comma ||
	     word_in_list(s, u, wordlike)))
		return 0;
	size_t end = T(s, k - (is_punct(T(s, k - 1), ',') ? 2 : 1))->end;
	phi_emit(s, ECHO_PHI_PLACE, t->start, end);
	return end;
}

/* "out in willow", "up in sterling", "lives in riverside": a lower-case
 * everyday word that is also a name or a place capitalised, after "in"
 * with a direction or a residence verb before it, ending the phrase.
 * Not "up in arms", "out in the rain", "grew up in foster care". */
static int lower_town(const scan *s, size_t i)
{
	const tok *t = T(s, i), *p1 = P(s, i, 1), *p2 = P(s, i, 2);
	if (t->shape != SH_LOWER || t->kw || t->hyphen || t->possessive ||
	    !(t->wflags & (WF_PROPER | WF_GEO | WF_PERSON)) ||
	    (t->wflags & (WF_HARD | WF_SOFT)) || tlen(t) < 4 ||
	    !word_is(s, p1, "in") || p1->shape != SH_LOWER || !same_line(t))
		return 0;
	static const char *const dir[] = {"out", "up", "down", "over", NULL};
	if (!word_in_list(s, p2, dir) && !has_kw(p2, KW_RESIDE) &&
	    !has_kw(P(s, i, 3), KW_RESIDE))
		return 0;
	const tok *n1 = T(s, i + 1);
	static const char *const after[] = {
		"with", "and", "or", "but", "since", "for", "to", "where", "when",
		"so", "now", "until", "at", "on", "near", "now", "then", NULL,
	};
	return n1->kind != TK_WORD || (n1->flags & TF_NL) || word_in_list(s, n1, after);
}

/* "mr. swimmer", "ms. dial": an honorific in lower case, with its
 * period, before a lower-case word that is an everyday word is a
 * person's name all the same; not after a number ("45 ms. later") nor
 * before a word of the rules ("ms. and mrs."). */
static int lower_honorific_before(const scan *s, size_t i)
{
	static const char *const titles[] = {"mr", "mrs", "ms", "mx", NULL};
	const tok *t = T(s, i), *p1 = P(s, i, 1), *p2 = P(s, i, 2);
	if (t->shape != SH_LOWER || t->kw || (t->wflags & WF_HARD) || !same_line(t))
		return 0;
	/* "ms brandy", "mr cornelius": the title with no period, before a
	 * census given name (not "450 ms"). */
	if (p1->shape == SH_LOWER && word_in_list(s, p1, titles) && (t->wflags & WF_GIVEN) &&
	    !is_num(p2))
		return 1;
	return !phrase_end(s, i) && is_punct(p1, '.') && adj(p1) &&
	       p2->shape == SH_LOWER && word_in_list(s, p2, titles) &&
	       !is_num(P(s, i, 3));
}

/* Every word the rules before did not account for comes here.  A word no
 * list knows is a finding; so is an everyday word that is a given name
 * where the text says it is a person.  Returns the end of what was
 * matched, or 0. */
/* Is lower-case word i where a name does not stand: right after an
 * article, a determiner, a word of how often or a possessive ("the
 * afeem", "daily areki", "her tiguere cousin", "the store's chapati")?
 * A word of another language no list holds is then a common noun.  A
 * name after a possessive comes after a word of relation ("her sister
 * lucero", "husband's doda" too), which lower_name_position weighs
 * first. */
static int noun_position(const scan *s, size_t i)
{
	static const char *const det[] = {
		"a", "an", "the", "some", "any", "no", "more", "less", "much",
		"this", "that", "these", "those", "daily", "nightly", "weekly",
		"his", "her", "their", "my", "your", "our", NULL,
	};
	const tok *t = T(s, i), *p1 = P(s, i, 1);
	if (p1->kind != TK_WORD || p1->shape != SH_LOWER || !(t->flags & TF_SPACE) ||
	    (t->flags & TF_NL))
		return 0;
	return word_in_list(s, p1, det) || p1->possessive;
}

/* Is lower-case word i inside a quotation a verb of speech opens, its
 * words all in lower case and commas ("said "nu ladno"", "says "mei
 * guanxi" to everything", "kept saying "chashm, chashm"")?  What a
 * person says in another language is speech, not a name; a nickname in
 * quotes follows "goes by" or "calls", not "said". */
static int quoted_speech(const scan *s, size_t i)
{
	static const char *const say[] = {"saying", "greeted", "wished", "repeated", NULL};
	for (size_t k = 1; k <= 6 && k <= i; k++) {
		const tok *q = P(s, i, k);
		if (is_punct(q, '"')) {
			const tok *v = P(s, i, k + 1);
			return (has_kw(v, KW_SPEECH) || word_in_list(s, v, say)) &&
			       v->shape == SH_LOWER && same_line(q);
		}
		if (!(q->kind == TK_WORD && q->shape == SH_LOWER) && !is_punct(q, ','))
			return 0;
		if (P(s, i, k - 1)->flags & TF_NL)
			return 0;
	}
	return 0;
}

/* "roommate Chip", "her cousin Buck", "his uncle Boots": a capitalised
 * everyday word right after a word of relation, inside a sentence, is
 * the relation's name, census name or not; not a keyword of the rules
 * (a month, a program, "her son Medicaid") nor a product. */
static int relation_named(const scan *s, size_t i)
{
	const tok *t = T(s, i), *p1 = P(s, i, 1);
	return t->shape == SH_TITLE && !t->caps && !t->kw &&
	       !(t->wflags & (WF_HARD | WF_SOFT)) && has_kw(p1, KW_RELATION) &&
	       p1->shape == SH_LOWER && (t->flags & TF_SPACE) && same_line(t) &&
	       !sentence_initial(s, i) && !product_word(s, i);
}

/* "Shorty (legal Darnell Pruitt)", "Sunny (says legal name ...)",
 * "Bear (real name ...)": a capitalised word before a bracket that
 * gives a legal or a real name is a nickname, an everyday word or not. */
static int nickname_glossed(const scan *s, size_t i)
{
	const tok *t = T(s, i), *n1 = T(s, i + 1);
	size_t b = 1;
	/* "found "Peaches" (legal name ...)": the nickname in quotes. */
	if (is_punct(n1, '"') && adj(n1) && is_punct(P(s, i, 1), '"')) {
		n1 = T(s, i + 2);
		b = 2;
	}
	if (t->shape != SH_TITLE || t->kw || (t->wflags & WF_HARD) ||
	    !is_punct(n1, '(') || !same_line(n1))
		return 0;
	for (size_t k = b + 1; k <= b + 3; k++) {
		const tok *u = T(s, i + k);
		if (u->kind != TK_WORD || u->shape != SH_LOWER || (u->flags & TF_NL))
			return 0;
		if (word_is(s, u, "legal") || word_is(s, u, "real"))
			return 1;
	}
	return 0;
}

/* "off Main St, Flushing.", "Ross Fork Rd, Fort Hall": a capitalised
 * everyday word after a comma that follows a place found, ending the
 * phrase, is the town of that address. */
static int town_after_place(const scan *s, size_t i)
{
	const tok *t = T(s, i), *n1 = T(s, i + 1);
	if (t->shape != SH_TITLE || t->kw || (t->wflags & (WF_HARD | WF_SOFT | WF_MEDICAL)) ||
	    tlen(t) < 3 || !(prev_signals(s, i) & SIG_AFTER_PLACE) || !same_line(t))
		return 0;
	return n1->kind == TK_EOF || (n1->flags & TF_NL) || is_punct(n1, '.') ||
	       is_punct(n1, ';') || is_punct(n1, ',') || num_digits(n1, 5, 5);
}

/* "Pharm, Junction City:", "CHW, Independence:", "Re-entry, Glasgow:": a
 * note's heading of a role, a comma and the site, then a colon; the
 * capitalised words between the comma and the colon are the place, even
 * everyday words.  Returns the end of the match it emitted, or 0. */
size_t phi_try_header_site(scan *s, size_t i)
{
	const tok *t = T(s, i), *p1 = P(s, i, 1);
	if (t->kind != TK_WORD || t->shape != SH_TITLE || !is_punct(p1, ',') ||
	    !same_line(t))
		return 0;
	/* One to three words before the comma, the first opening the line
	 * or the text. */
	for (size_t k = 2;; k++) {
		if (k > 4 || k > i)
			return 0;
		const tok *q = P(s, i, k);
		if (q->kind != TK_WORD || q->ndigits)
			return 0;
		if ((q->flags & TF_NL) || k == i)
			break;
	}
	size_t j = i;
	while (j < i + 3 && T(s, j)->kind == TK_WORD && T(s, j)->shape == SH_TITLE &&
	       !(T(s, j)->wflags & (WF_HARD | WF_MEDICAL)) && !T(s, j)->ndigits &&
	       !has_kw(T(s, j), KW_WEEKDAY | KW_MONTH) && (j == i || same_line(T(s, j))))
		j++;
	if (j == i || !is_punct(T(s, j), ':'))
		return 0;
	/* A place's word among them: a name of the lists or GeoNames, a word
	 * of the land or a settlement, or a word of no list ("Thank You:" is
	 * none). */
	int placeish = 0;
	for (size_t q = i; q < j; q++) {
		const tok *u = T(s, q);
		placeish |= (u->wflags & (WF_GEO | WF_PROPER)) || !phi_word_safe(u) ||
		            has_kw(u, KW_FEATURE | KW_PLACESUFFIX);
	}
	if (!placeish)
		return 0;
	size_t end = T(s, j - 1)->end;
	phi_emit(s, ECHO_PHI_PLACE, t->start, end);
	return end;
}

size_t phi_try_unknown(scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (!phi_unknown_may_start(s, i))
		return 0;
	size_t e;
	if (caps_field_label(s, i))
		return t->end;
	if ((e = caps_name(s, i)))
		return e;
	if (t->shape == SH_UPPER && (e = caps_town(s, i)))
		return e;
	if (t->shape == SH_UPPER && (e = facility_acronym(s, i)))
		return e;
	if (t->shape == SH_UPPER || t->shape == SH_INITIAL || t->shape == SH_CAMEL)
		return 0;
	if (t->base_end - t->start < 2)
		return 0;
	int cat = ECHO_PHI_NAME;
	/* A nickname glossed with a legal name, an everyday word or not. */
	if (nickname_glossed(s, i))
		goto found;
	if (phi_word_safe(t) || contraction_safe(s, t)) {
		/* A word that is also a given name: "her sponsor gail", "my guy
		 * Mark", "Rose texted"; capitalised inside a sentence, a given
		 * name that is also a word is a name too ("asked Pat to"), but
		 * not drug slang ("Tina", "Molly") without a cue. */
		if (lower_town(s, i)) {
			cat = ECHO_PHI_PLACE;
			goto found;
		}
		if (lower_honorific_before(s, i))
			goto found;
		if (the_capital(s, i)) {
			cat = ECHO_PHI_PLACE;
			goto found;
		}
		if (lone_capital(s, i)) {
			if (place_position(s, i) || ((t->wflags & WF_GEO) &&
			                             !(t->wflags & WF_PERSON)))
				cat = ECHO_PHI_PLACE;
			goto found;
		}
		/* A word only another language knows, where the text says a
		 * person stands ("her sister lucero called"), unless that
		 * language goes on after it ("her mom dice que no"). */
		if (t->foreign && !has_kw(t, KW_PRONOUN) &&
		    (prev_signals(s, i) & (SIG_HON | SIG_REL)) &&
		    !T(s, i + 1)->foreign && !has_kw(T(s, i + 1), KW_FOREIGNFN) &&
		    !lower_word_use(s, i))
			goto found;
		if (relation_named(s, i))
			goto found;
		if (town_after_place(s, i)) {
			cat = ECHO_PHI_PLACE;
			goto found;
		}
		if (!(t->wflags & WF_GIVEN) || (t->wflags & WF_HARD) ||
		    (t->kw & ~(KW_SLANG | KW_SPEECH | KW_FOREIGNFN)))
			return 0;
		int cue = person_cue(s, i);
		if (cue && t->shape == SH_LOWER && (t->wflags & WF_COMMON) &&
		    lower_word_use(s, i))
			return 0;
		if (!cue) {
			if (t->shape == SH_LOWER || (t->kw & KW_SLANG) ||
			    ((t->wflags & WF_SOFT) && !capitalised(P(s, i, 1))) ||
			    sentence_initial(s, i) ||
			    !(t->wflags & WF_PROPER) || product_word(s, i) ||
			    common_noun_use(s, i))
				return 0;
		}
	} else {
		if (product_word(s, i))
			return 0;
		/* A capital at the start of a sentence says nothing: a word the
		 * large or the medical list knows in lower case is that word
		 * there ("Breastfeeding encouraged", "Meth mouth"), unless it is
		 * a name or a place too. */
		if (t->shape == SH_TITLE && sentence_initial(s, i) &&
		    !(t->wflags & (WF_PERSON | WF_GEO | WF_PROPER))) {
			if (phi_everyday_word(t->hash) || phi_medical_word(t->hash) ||
			    phi_word_by_form(s->p, t->start, t->base_end))
				return 0;
			/* A word of another language opening a sentence, but not
			 * before a verb of speech ("Linh said", "Lucero called"):
			 * those lists hold the words names are made of. */
			if (phi_foreign_known(s->p, t->start, t->base_end)) {
				if (speech_next(s, i))
					goto found;
				return 0;
			}
		}
		/* Speech quoted in another language; a word by its form
		 * ("dopesick", "sofosbuvir"), where a common noun stands ("the
		 * afeem"), or with a Spanish ending among Spanish words ("la
		 * metadona"), unless the text says it is a person. */
		if (t->shape == SH_LOWER && quoted_speech(s, i))
			return 0;
		if (t->shape == SH_LOWER && !lower_name_position(s, i) &&
		    (noun_position(s, i) || phi_word_by_form(s->p, t->start, t->base_end) ||
		     (!(t->wflags & (WF_PERSON | WF_GEO | WF_PROPER)) &&
		      phi_word_by_prefix(s->p, t->start, t->base_end)) ||
		     (spanish_ending(s, t) && foreign_around(s, i) >= 1)))
			return 0;
		/* An everyday word by its place, or a people by its form. */
		int cls = name_class(s, i);
		if (cls == NC_COMMON || cls == NC_SOFT)
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
	phi_emit(s, cat, start, end);
	if (t->shape != SH_LOWER)
		phi_learn(s, t->hash, cat);
	return T(s, j - 1)->end;
}


/* ------------------------------------------------------------------ */
/* Whole spans                                                         */

/* The token of the window that starts at byte b, searched from token i
 * back and forward a bounded way; SIZE_MAX when there is none. */
static size_t tok_at(const scan *s, size_t i, size_t b)
{
	size_t lo = i > 8 ? i - 8 : 0;
	if (lo < s->base)
		lo = s->base;
	for (size_t k = lo; k < i + LOOKAHEAD / 2; k++) {
		const tok *t = T(s, k);
		if (t->kind == TK_EOF)
			break;
		if (t->start == b)
			return k;
		if (t->start > b)
			break;
	}
	return SIZE_MAX;
}

/* "II", "III", "Jr", "SR": what follows a name and is part of it. */
static int name_suffix(const scan *s, const tok *t)
{
	static const char *const suf[] = {"jr", "sr", "ii", "iii", "iv", NULL};
	return t->kind == TK_WORD && t->shape != SH_LOWER && word_in_list(s, t, suf);
}

/* May capitalised word k continue a name or a place found just before
 * it ("Opelousas General", "Dewayne Crutcher", "Harlan ARH"), or begin
 * one just after it ("Port Richmond", "Big Mark")?  A word of the rules
 * other than a place's or a street's, an allow-list word, a month or a
 * weekday may not. */
static int span_word(const scan *s, size_t k)
{
	const tok *u = T(s, k);
	if (u->kind != TK_WORD || u->ndigits || tlen(u) < 2)
		return 0;
	uint64_t place_kw = KW_STREET | KW_STREETSTRONG | KW_DIRECTION |
	                    KW_FEATURE | KW_INSTITUTION | KW_BUSINESS |
	                    KW_PLACESUFFIX | KW_PARTICLE | KW_ABBRPLACE |
	                    KW_FACILITY | KW_SLANG;
	/* "LAS VEGAS", "Los Lunas": a particle that is a Spanish article. */
	if (u->kw & KW_PARTICLE)
		place_kw |= KW_FOREIGNFN;
	/* "Golden Years Care Home", "Shady Acres Home": capitalised inside
	 * a name, "Home" is a facility's word and "Years" a name's, not a
	 * place of residence, a phone or an age. */
	if (u->kw & KW_FACILITY)
		place_kw |= KW_RESIDE | KW_KPHONE;
	if (u->shape == SH_TITLE && tlen(u) > 2)
		place_kw |= KW_AGEYEAR | KW_UNIT;
	if (u->kw & ~place_kw)
		return 0;
	if (u->caps && u->shape == SH_UPPER)
		/* "Harlan ARH", "TYLER J. HATCH": an acronym or a word of a
		 * line in capitals, in no allow list. */
		return !(u->wflags & (WF_HARD | WF_SOFT)) && !(u->kw & ~place_kw);
	int c = name_class(s, k);
	/* "Opelousas General in", "Sandra White": a soft word continues a
	 * name when it ends the phrase; "Gallup Navajo housing" does not. */
	if (c == NC_SOFT)
		return (u->wflags & WF_PERSON) || phrase_end(s, k + 1);
	return c == NC_COMMON || c == NC_PCOMMON || c == NC_PROPER ||
	       c == NC_UNKNOWN || c == NC_BRAND;
}

/* Widens the name or place the rule at token i just emitted over the
 * words of it left outside: capitalised words after it ("Ezekiel
 * Towner", "Opelousas General", "Santa Maria II"), an initial and the
 * surname after it ("TYLER J. HATCH"), a nickname in quotes between
 * given name and surname ("Anthony "Ant" Raposo"), the number of a
 * highway ("Old Hwy 63"), and capitalised words before it inside a
 * sentence ("Port Richmond", "St. George", "E Cambria St").  Bounded:
 * at most six tokens either way.  Returns the end of the match. */
/* An age over 89 with the words of its phrase: "just turned ninety",
 * "in her nineties", "97 y/o".  Returns the end of the match. */
static size_t widen_age(scan *s, echo_phi_match *m, size_t a, size_t e)
{
	static const char *const poss[] = {"her", "his", "their", "my", NULL};
	size_t z = a;
	while (T(s, z + 1)->kind != TK_EOF && T(s, z + 1)->end <= m->end && z < a + 4)
		z++;
	const tok *u = T(s, z + 1), *v = T(s, z + 2), *w = T(s, z + 3);
	if (word_is(s, u, "y") && same_line(u) && is_punct(v, '/') && adj(v) &&
	    word_is(s, w, "o") && adj(w))
		m->end = w->end;
	else if (same_line(u) && (word_is(s, u, "yo") || word_is(s, u, "yrs")))
		m->end = u->end;
	size_t floor = s->mn > 1 ? s->m[s->mn - 2].end : 0;
	const tok *b1 = P(s, a, 1), *b2 = P(s, a, 2);
	if (has_kw(b1, KW_AGEBECOME) && b1->start >= floor) {
		m->start = b1->start;
		if (word_is(s, b2, "just") && b2->start >= floor)
			m->start = b2->start;
	} else if (word_in_list(s, b1, poss) && word_is(s, b2, "in") &&
	           b2->start >= floor) {
		m->start = b1->start;
	}
	s->last_end = m->end;
	return m->end > e ? m->end : e;
}

/* A date with the words before it that belong to it: a weekday in
 * lower case ("saturday 8/16"), with the part of the day ("Sat night
 * 6/1"), and "the week of" a holiday or a date ("the week of
 * Thanksgiving").  Returns the end of the match. */
static size_t widen_date(scan *s, echo_phi_match *m, size_t a, size_t e)
{
	static const char *const part[] = {
		"night", "morning", "evening", "afternoon", "nite", NULL,
	};
	static const char *const span[] = {"week", "weekend", NULL};
	size_t floor = s->mn > 1 ? s->m[s->mn - 2].end : 0;
	const tok *t = T(s, a), *b1 = P(s, a, 1), *b2 = P(s, a, 2), *b3 = P(s, a, 3);
	if (!same_line(t) || b1->start < floor)
		return e;
	if (has_kw(b1, KW_WEEKDAY | KW_WEEKDAYABBR) && !b1->possessive) {
		m->start = b1->start;
	} else if (word_in_list(s, b1, part) && same_line(b1) && b2->start >= floor &&
	           has_kw(b2, KW_WEEKDAY | KW_WEEKDAYABBR) && !b2->possessive) {
		m->start = b2->start;
	} else if (word_is(s, b1, "of") && word_in_list(s, b2, span) && same_line(b1) &&
	           same_line(b2) && b2->start >= floor) {
		m->start = b2->start;
		if (word_is(s, b3, "the") && b3->start >= floor)
			m->start = b3->start;
	}
	return e;
}

/* Is lower-case word k a surname's word after a given name in lower
 * case ("yesenia garza", "bob walker"): a census surname that is no
 * everyday word, or one that is where the phrase ends, or a word no
 * list knows? */
static int lower_surname(const scan *s, size_t k)
{
	const tok *u = T(s, k);
	if (u->kind != TK_WORD || u->shape != SH_LOWER || u->caps || u->ndigits ||
	    u->kw || !same_line(u) || tlen(u) < 2)
		return 0;
	if (u->wflags & (WF_HARD | WF_SOFT | WF_MEDICAL))
		return 0;
	if (u->wflags & WF_SURNAME)
		return !(u->wflags & WF_COMMON) || phrase_end(s, k + 1) ||
		       speech_next(s, k);
	return !phi_word_safe(u);
}

/* Spanish words in lower case that are part of the name after them:
 * "calle Somerset", "colonia Las Milpas", "doña Milagros".  Returns 2
 * for a place's, 1 for a person's, 0 otherwise. */
static int lower_name_head(const scan *s, const tok *b)
{
	static const char *const place[] = {
		"calle", "colonia", "barrio", "avenida", "camino", "carretera",
		"callejón", NULL,
	};
	static const char *const person[] = {"doña", "don", "tía", "tío", NULL};
	if (b->kind != TK_WORD || b->shape != SH_LOWER)
		return 0;
	if (word_in_list(s, b, place))
		return 2;
	return word_in_list(s, b, person) ? 1 : 0;
}

size_t phi_widen(scan *s, size_t i, size_t e)
{
	echo_phi_match *m = &s->m[s->mn - 1];
	if (m->category == ECHO_PHI_AGE) {
		size_t a = tok_at(s, i, m->start);
		return a == SIZE_MAX ? e : widen_age(s, m, a, e);
	}
	if (m->category == ECHO_PHI_DATE) {
		size_t a = tok_at(s, i, m->start);
		return a == SIZE_MAX ? e : widen_date(s, m, a, e);
	}
	if ((m->category != ECHO_PHI_NAME && m->category != ECHO_PHI_PLACE) ||
	    s->last_cat < 0)
		return e;
	size_t a = tok_at(s, i, m->start);
	if (a == SIZE_MAX)
		return e;
	size_t z = a;
	while (T(s, z + 1)->kind != TK_EOF && T(s, z + 1)->end <= m->end &&
	       z < a + 12)
		z++;
	if (T(s, z)->end != m->end && T(s, z)->base_end != m->end)
		return e;
	size_t end = m->end;
	/* "yesenia garza", "darrell iron cloud": a name in lower case whose
	 * first word is a given name or a word of no list. */
	const tok *first = T(s, a);
	int lower_given = m->category == ECHO_PHI_NAME && first->shape == SH_LOWER &&
	                  first->end == m->end &&
	                  ((first->wflags & WF_GIVEN) || !phi_word_safe(first));
	for (size_t n = 0; n < 6; n++) {
		const tok *t = T(s, z), *u = T(s, z + 1);
		/* "Sands Motel, room 12", "Baseline Rd, Spc 42": the room or
		 * the space of a business or a street. */
		if ((has_kw(t, KW_BUSINESS | KW_INSTITUTION | KW_STREET)) &&
		    t->shape != SH_LOWER && !t->possessive) {
			size_t k = z + 1;
			if (is_punct(T(s, k), ',') && adj(T(s, k)))
				k++;
			const tok *w = T(s, k);
			static const char *const room[] = {"room", "rm", "spc", NULL};
			if (same_line(w) && (has_kw(w, KW_UNITLABEL) || word_in_list(s, w, room))) {
				if (is_punct(T(s, k + 1), '#'))
					k++;
				const tok *v = T(s, k + 1);
				if ((v->flags & TF_SPACE) && !(v->flags & TF_NL) &&
				    (is_num(v) || v->kind == TK_ALNUM) && v->ndigits <= 5 &&
				    tlen(v) <= 6) {
					end = v->end;
					z = k + 1;
					continue;
				}
			}
		}
		/* "works at Harrah's on the buffet line", "behind the
		 * Tamura's in Waianae": a possessive that ends its phrase
		 * names a business, whole; before a noun ("Kyle's cell") it
		 * stays the person's. */
		if (t->possessive && t->base_end == end &&
		    (u->kind == TK_PUNCT || u->kind == TK_EOF ||
		     (phrase_end(s, z + 1) && u->shape == SH_LOWER && !is_num(u)))) {
			end = t->end;
			break;
		}
		if (!same_line(u))
			break;
		if (lower_given && z < a + 2 && lower_surname(s, z + 1)) {
			end = u->base_end;
			z++;
			if (u->possessive)
				break;
			continue;
		}
		/* "Mesabi Tire & Lube", "Hempstead Feed & Seed": a business's
		 * name goes on after "&". */
		if (has_kw(t, KW_BUSINESS | KW_INSTITUTION) && capitalised(t) &&
		    is_punct(u, '&') && same_line(T(s, z + 2)) && capitalised(T(s, z + 2)) &&
		    span_word(s, z + 2)) {
			end = T(s, z + 2)->base_end;
			z += 2;
			continue;
		}
		/* "County Road FM 1057": a road's name and its code; "County
		 * Rd 3 E": a number's direction. */
		if (has_kw(t, KW_STREET) && t->shape != SH_LOWER && u->kind == TK_WORD &&
		    u->caps && tlen(u) <= 3 && !u->ndigits && num_digits(T(s, z + 2), 1, 4) &&
		    same_line(T(s, z + 2))) {
			end = T(s, z + 2)->end;
			z += 2;
			continue;
		}
		/* "County Rd B": a road's letter. */
		if (has_kw(t, KW_STREET) && t->shape != SH_LOWER && u->shape == SH_INITIAL &&
		    !word_is(s, u, "i") && !word_is(s, u, "a") &&
		    (phrase_end(s, z + 2) || has_kw(T(s, z + 2), KW_PLACEPREP)) &&
		    !is_punct(T(s, z + 2), '.')) {
			end = u->end;
			z++;
			continue;
		}
		/* "Ranchos de Taos", "Plaza de la Raza": particles inside. */
		if (u->shape == SH_LOWER && (u->kw & KW_PARTICLE)) {
			size_t h = z + 1;
			if (T(s, h + 1)->shape == SH_LOWER && (T(s, h + 1)->kw & KW_PARTICLE))
				h++;
			const tok *v = T(s, h + 1);
			if (h < z + 3 && same_line(T(s, h)) && same_line(v) && capitalised(v) &&
			    span_word(s, h + 1) && !(v->kw & KW_PARTICLE)) {
				end = v->base_end;
				z = h + 1;
				continue;
			}
		}
		/* "the Gavin plant", "the Harley plant": a works after "the". */
		static const char *const works[] = {
			"plant", "mill", "factory", "refinery", "warehouse", NULL,
		};
		if (capitalised(t) && u->shape == SH_LOWER && word_in_list(s, u, works) &&
		    word_is(s, P(s, a, 1), "the")) {
			end = u->base_end;
			z++;
			break;
		}
		/* "the Davidson County jail", "Twin Creeks mine", "the Oak
		 * Ridge trailer park": a place's kind in lower case after a
		 * place found is part of its name. */
		static const char *const kind[] = {
			"jail", "prison", "mine", "shelter", "plant", "mill", NULL,
		};
		if (m->category == ECHO_PHI_PLACE && capitalised(t) && u->shape == SH_LOWER &&
		    !u->possessive) {
			const tok *v = T(s, z + 2);
			if (word_in_list(s, u, kind)) {
				end = u->base_end;
				z++;
				break;
			}
			if (word_is(s, u, "trailer") && same_line(v) &&
			    (word_is(s, v, "park") || word_is(s, v, "court"))) {
				end = v->base_end;
				z += 2;
				break;
			}
		}
		/* "TAHLEQUAH CITY HOSPITAL": in capitals, the words of a
		 * place's kind after its name. */
		if (t->caps && u->caps && u->shape == SH_UPPER && !u->ndigits &&
		    has_kw(u, KW_INSTITUTION | KW_PLACESUFFIX | KW_BUSINESS) &&
		    span_word(s, z + 1)) {
			end = u->base_end;
			z++;
			continue;
		}
		if (is_num(t) && has_kw(P(s, z, 1), KW_STREET) && has_kw(u, KW_DIRECTION) &&
		    u->shape == SH_INITIAL && phrase_end(s, z + 2)) {
			end = u->end;
			z++;
			continue;
		}
		if (t->possessive && t->base_end == end) {
			/* "Walker's Point", "King's Daughters": a capitalised word
			 * after a possessive name is part of a place's name. */
			/* A relation in the plural names a place ("King's
			 * Daughters"), in the singular a person's kin ("Mark's
			 * Mom"). */
			int kin_place = has_kw(u, KW_RELATION) && u->shape == SH_TITLE &&
			                s->p[u->base_end - 1] == 's' &&
			                !(u->kw & ~KW_RELATION);
			if (!capitalised(u) ||
			    (!kin_place && (!span_word(s, z + 1) || has_kw(u, KW_RELATION))))
				break;
			end = u->base_end;
			z++;
			continue;
		}
		if (t->end != end && t->base_end != end)
			break;
		if (u->shape == SH_INITIAL && is_punct(T(s, z + 2), '.') &&
		    adj(T(s, z + 2)) && same_line(T(s, z + 3)) && span_word(s, z + 3) &&
		    (capitalised(T(s, z + 3)) ||
		     (T(s, z + 3)->caps && !(T(s, z + 4)->caps && same_line(T(s, z + 4)))))) {
			end = T(s, z + 3)->base_end;
			z += 3;
			continue;
		}
		if (is_punct(u, '"') && T(s, z + 2)->kind == TK_WORD && adj(T(s, z + 2)) &&
		    is_punct(T(s, z + 3), '"') && adj(T(s, z + 3)) &&
		    same_line(T(s, z + 4)) && capitalised(T(s, z + 4)) &&
		    span_word(s, z + 4)) {
			end = T(s, z + 4)->base_end;
			z += 4;
			continue;
		}
		/* "Hill Country Feed & Supply", "Silt Feed and Ranch Supply":
		 * a business's second head after "and". */
		if (has_kw(t, KW_INSTITUTION) && capitalised(t) &&
		    (is_punct(u, '&') || word_is(s, u, "and"))) {
			size_t h = z + 2;
			while (h < z + 4 && capitalised(T(s, h)) && same_line(T(s, h)) &&
			       !has_kw(T(s, h), KW_INSTITUTION) && span_word(s, h))
				h++;
			if (has_kw(T(s, h), KW_INSTITUTION) && capitalised(T(s, h)) &&
			    same_line(T(s, h))) {
				end = T(s, h)->base_end;
				z = h;
				continue;
			}
		}
		if (is_num(u) && u->ndigits <= 4 && has_kw(t, KW_STREET) &&
		    (word_is(s, t, "hwy") || word_is(s, t, "highway") ||
		     word_is(s, t, "route") || word_is(s, t, "rte"))) {
			end = u->end;
			z++;
			continue;
		}
		if (name_suffix(s, u) || (capitalised(u) && span_word(s, z + 1))) {
			end = u->base_end;
			z++;
			continue;
		}
		/* "Harlan ARH": an acronym right after a place, in mixed case. */
		if (u->caps && u->shape == SH_UPPER && !t->caps && tlen(u) <= 6 &&
		    span_word(s, z + 1) && !has_kw(u, KW_STATEABBR) &&
		    !has_digit(T(s, z + 2))) {
			end = u->base_end;
			z++;
			continue;
		}
		break;
	}
	size_t start = m->start;
	size_t floor = s->mn > 1 ? s->m[s->mn - 2].end : 0;
	for (size_t n = 0; n < 3 && a > 0; n++) {
		const tok *t = T(s, a), *b = P(s, a, 1);
		if (b->start < floor)
			break;
		/* "W.W. Hastings": initials glued to each other. */
		if (adj(t) && t->shape == SH_INITIAL && is_punct(b, '.') && adj(b) &&
		    P(s, a, 2)->shape == SH_INITIAL && P(s, a, 2)->start >= floor) {
			start = P(s, a, 2)->start;
			a -= 2;
			continue;
		}
		if (!same_line(t) || b->start < floor)
			break;
		/* "St. George", "Greater Mt. Calvary". */
		if (is_punct(b, '.') && adj(b) && has_kw(P(s, a, 2), KW_ABBRPLACE) &&
		    P(s, a, 2)->shape == SH_TITLE && P(s, a, 2)->start >= floor) {
			start = P(s, a, 2)->start;
			a -= 2;
			continue;
		}
		/* "W.W. Hastings", "N. Tacoma Ave": initials and a direction
		 * with their periods. */
		if (is_punct(b, '.') && adj(b) && P(s, a, 2)->shape == SH_INITIAL &&
		    P(s, a, 2)->start >= floor &&
		    (capitalised(t) || t->shape == SH_INITIAL)) {
			start = P(s, a, 2)->start;
			a -= 2;
			continue;
		}
		/* "E Cambria St", "NE Alberta St": a direction without one. */
		if (m->category == ECHO_PHI_PLACE && has_kw(b, KW_DIRECTION) &&
		    (b->caps || b->shape == SH_INITIAL) && tlen(b) <= 2 && capitalised(t)) {
			start = b->start;
			a--;
			continue;
		}
		/* "Plaza de la Raza": particles and the capitalised word
		 * before them. */
		if (b->shape == SH_LOWER && (b->kw & KW_PARTICLE) && capitalised(t)) {
			size_t h = a - 1;
			if (P(s, h, 1)->shape == SH_LOWER && (P(s, h, 1)->kw & KW_PARTICLE) &&
			    same_line(T(s, h)))
				h--;
			const tok *c = P(s, h, 1);
			if (h > 0 && same_line(T(s, h)) && capitalised(c) && c->start >= floor &&
			    !c->possessive && span_word(s, h - 1) && !(c->kw & KW_PARTICLE) &&
			    !sentence_initial(s, h - 1)) {
				start = c->start;
				a = h - 1;
				continue;
			}
		}
		/* "the 3100 block of N. Front St": the block of a street. */
		if (m->category == ECHO_PHI_PLACE && word_is(s, b, "of") &&
		    word_is(s, P(s, a, 2), "block") && num_digits(P(s, a, 3), 2, 5) &&
		    P(s, a, 3)->start >= floor && same_line(P(s, a, 2))) {
			start = P(s, a, 3)->start;
			break;
		}
		/* "Big Mark", "Lil Tay": a nickname's adjective, even opening
		 * a sentence; "goes by "Mama Tee"": a kin word inside the
		 * quotes of a nickname. */
		static const char *const nick[] = {"big", "lil", "little", "baby", NULL};
		if (m->category == ECHO_PHI_NAME && b->shape == SH_TITLE && capitalised(t) &&
		    (word_in_list(s, b, nick) ||
		     (has_kw(b, KW_RELATION) && is_punct(P(s, a, 2), '"') && adj(b) &&
		      is_punct(T(s, z + 1), '"')))) {
			start = b->start;
			break;
		}
		int head = lower_name_head(s, b);
		if (head) {
			start = b->start;
			if (head == 2)
				m->category = ECHO_PHI_PLACE;
			break;
		}
		/* "jimmy o'hara": a given name in lower case before a name in
		 * lower case. */
		if (m->category == ECHO_PHI_NAME && t->shape == SH_LOWER && n == 0 &&
		    !(t->wflags & WF_GIVEN) &&
		    b->kind == TK_WORD && b->shape == SH_LOWER && !b->kw && !b->possessive &&
		    (b->wflags & WF_GIVEN) && !(b->wflags & (WF_HARD | WF_SOFT)) &&
		    tlen(b) >= 3) {
			start = b->start;
			break;
		}
		if (b->possessive ||
		    !(capitalised(b) || (b->caps && t->caps && (b->kw & KW_PARTICLE))) ||
		    !span_word(s, a - 1))
			break;
		if (sentence_initial(s, a - 1) && !(b->kw & (KW_DIRECTION | KW_PARTICLE)))
			break;
		start = b->start;
		a--;
	}
	m->start = start;
	m->end = end;
	s->last_end = end;
	return end > e ? end : e;
}

/* Intersections                                                       */

struct street_part {
	size_t last;            /* its last token */
	int marker;             /* a direction, an ordinal or a street word */
	int namey;              /* a word that reads as a name */
};

/* One street of an intersection from token k: an optional direction,
 * an ordinal or one to three capitalised words ("St. Bernard", "Joseph
 * E. Boone"), and an optional street word ("Main St", "W. 25th",
 * "Madison Ave").  Returns 0 when there is none. */
static int street_part_at(const scan *s, size_t k, int caps, struct street_part *sp)
{
	size_t j = k;
	sp->marker = sp->namey = 0;
	const tok *t = T(s, j);
	if (has_kw(t, KW_DIRECTION) && t->shape != SH_LOWER &&
	    (capitalised(T(s, j + 1)) || phi_ordinal(s, T(s, j + 1)) ||
	     (is_punct(T(s, j + 1), '.') && adj(T(s, j + 1))) ||
	     word_is(s, T(s, j + 1), "and") || is_punct(T(s, j + 1), '&'))) {
		sp->marker = 1;
		sp->last = j++;
		if (is_punct(T(s, j), '.') && adj(T(s, j)))
			sp->last = j++;
		t = T(s, j);
		if (!same_line(t) || word_is(s, t, "and") || is_punct(t, '&'))
			return 1;   /* "North and Gay": the direction alone */
	}
	if (phi_ordinal(s, t)) {
		sp->marker = 1;
		sp->last = j++;
	} else {
		size_t n = 0;
		while (n < 3) {
			t = T(s, j);
			if (j > k && !same_line(t))
				break;
			if (has_kw(t, KW_ABBRPLACE) && t->shape == SH_TITLE &&
			    is_punct(T(s, j + 1), '.') && adj(T(s, j + 1))) {
				j += 2;
				continue;
			}
			if (t->shape == SH_INITIAL && is_punct(T(s, j + 1), '.') && n > 0) {
				j += 2;
				continue;
			}
			if (t->kind != TK_WORD || t->ndigits || t->possessive ||
			    word_is(s, t, "and") || word_is(s, t, "or") ||
			    !(capitalised(t) || (caps && t->caps)) ||
			    (n > 0 && has_kw(t, KW_STREET)) ||
			    (t->wflags & (WF_HARD | WF_SOFT)) ||
			    (t->kw & ~(KW_STREET | KW_DIRECTION | KW_PARTICLE |
			               KW_FEATURE | KW_SLANG)))
				break;
			int c = name_class(s, j);
			if (c == NC_PROPER || c == NC_UNKNOWN || c == NC_PCOMMON)
				sp->namey = 1;
			else if (c != NC_COMMON && !(caps && t->caps))
				break;
			sp->last = j++;
			n++;
		}
		if (n == 0)
			return 0;
	}
	t = T(s, j);
	if (same_line(t) && has_kw(t, KW_STREET) && t->shape != SH_LOWER) {
		sp->marker = 1;
		sp->last = j++;
		if (is_punct(T(s, j), '.') && adj(T(s, j)))
			sp->last = j;
	}
	return 1;
}

/* "North and Monroe", "S 1st and Bruce", "149th and Third", "Church St
 * and Pine", "Roosevelt and Junction", "LAMAR AND AIRWAYS": two
 * streets and "and" or "&", one place.  Where a street preposition
 * stands before ("at", "near", "by", "off", "on"), two capitalised
 * names will do; elsewhere one of the streets must read as a street
 * (a direction, an ordinal, a street word).  Returns the end of the
 * match it emitted, or 0. */
size_t phi_try_intersection(scan *s, size_t i)
{
	const tok *t = T(s, i), *p1 = P(s, i, 1);
	if (!(capitalised(t) || t->caps || phi_ordinal(s, t) ||
	      (has_kw(t, KW_DIRECTION) && t->shape != SH_LOWER)) ||
	    (word_is(s, p1, "the") && phi_ordinal(s, t)) ||
	    !phi_intersection_may_start(s, i))
		return 0;
	/* A word of a line in capitals that reads as a name ("LAMAR"). */
	int caps = t->caps && t->shape == SH_TITLE;
	struct street_part a, b;
	if (!street_part_at(s, i, caps, &a))
		return 0;
	const tok *c = T(s, a.last + 1);
	int prep = p1->shape == SH_LOWER &&
	           (has_kw(p1, KW_STREETPREP) || word_is(s, p1, "by") ||
	            (word_is(s, p1, "of") && word_is(s, P(s, i, 2), "corner")));
	/* "off 5th and maple til", "on 5th and pine,": an ordinal street
	 * and a lower-case word that ends the phrase, after a street
	 * preposition, as texts write streets.  Not "on 2nd and final
	 * attempt". */
	const tok *lw = T(s, a.last + 2);
	if (prep && a.last == i && phi_ordinal(s, t) && word_is(s, c, "and") &&
	    same_line(c) && same_line(lw) && lw->kind == TK_WORD &&
	    lw->shape == SH_LOWER && !lw->kw && !lw->ndigits && tlen(lw) >= 3 &&
	    (lw->wflags & WF_COMMON) && phrase_end(s, a.last + 3) &&
	    !has_kw(T(s, a.last + 3), KW_UNIT)) {
		phi_emit(s, ECHO_PHI_PLACE, t->start, lw->end);
		return lw->end;
	}
	if (!(word_is(s, c, "and") || is_punct(c, '&')) || !same_line(c) ||
	    !same_line(T(s, a.last + 2)) || !street_part_at(s, a.last + 2, caps, &b))
		return 0;
	if (caps && !(a.namey || b.namey))
		return 0;
	if (!((prep && (a.marker || b.marker || a.namey || b.namey)) ||
	      ((a.marker || b.marker) && (a.namey || b.namey)) ||
	      (caps && (is_punct(p1, ':') || P(s, i, 1)->kind == TK_BOF))))
		return 0;
	/* "1st and 2nd trimester": ranks, not streets. */
	const tok *after = T(s, b.last + 1);
	if (!a.namey && !b.namey && after->kind == TK_WORD && after->shape == SH_LOWER &&
	    same_line(after) && !phrase_end(s, b.last + 1))
		return 0;
	size_t end = T(s, b.last)->end;
	phi_emit(s, ECHO_PHI_PLACE, t->start, end);
	return end;
}
