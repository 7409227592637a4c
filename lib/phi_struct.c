/* The PHI scanner's structured identifiers: URLs, email and IP
 * addresses, phone, SSN and card numbers, dates, ages, labelled and bare
 * numbers, ZIP codes and street addresses. */
#include "phi_scan.h"

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
size_t phi_email_at(const scan *s, size_t i)
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

/* A spelled-out "at" or "dot" at token j: a word set off by spaces, or
 * one in brackets ("[at]", "(dot)", spaced or not).  Returns the token
 * after it, or 0. */
static size_t spelled_sep(const scan *s, size_t j, int at)
{
	const tok *t = T(s, j);
	if (phi_spelled_word(s, t, at))
		return (t->flags & TF_SPACE) && (T(s, j + 1)->flags & TF_SPACE) ? j + 1 : 0;
	char close = is_punct(t, '[') ? ']' : is_punct(t, '(') ? ')' :
	             is_punct(t, '{') ? '}' : 0;
	if (close && phi_spelled_word(s, T(s, j + 1), at) && is_punct(T(s, j + 2), close))
		return j + 3;
	return 0;
}

/* One part of an address: a word, a number or a code. */
static int email_part(const tok *t)
{
	return t->kind == TK_WORD || t->kind == TK_NUM || t->kind == TK_ALNUM;
}

/* An email address with its "@" or its dots spelled out, so that no
 * address scanner of the raw bytes finds it: "rose dot lahaleon at
 * example dot net", "k.mendez(at)example.com", "name[at]example[dot]org",
 * "dulce arroba example punto com".  It starts at token i and ends with
 * a top-level domain after at least one dot; returns its end or 0. */
size_t phi_spelled_email_at(const scan *s, size_t i)
{
	/* The token after the first piece is glue, an "@", a bracket or a
	 * spelled "dot" or "at": most tokens are followed by none of them. */
	if (!phi_spelled_email_may_start(s, i) || !left_boundary(s, i))
		return 0;
	size_t j = i + 1, parts = 1, next;
	/* The local part: pieces glued by . _ - + or a spelled "dot". */
	for (;;) {
		const tok *u = T(s, j);
		if (u->kind == TK_PUNCT && adj(u) && (u->c == '.' || u->c == '_' ||
		                                      u->c == '-' || u->c == '+') &&
		    adj(T(s, j + 1)) && email_part(T(s, j + 1)) && parts < 8) {
			j += 2;
			parts++;
			continue;
		}
		if ((next = spelled_sep(s, j, 0)) &&
		    email_part(T(s, next)) && parts < 8) {
			j = next + 1;
			parts++;
			continue;
		}
		break;
	}
	/* A bare "at" is an everyday word: it makes an address only with a
	 * spelled dot after it ("name at example dot net"); a bracketed one
	 * or "arroba" is enough ("k.mendez(at)example.com"). */
	int spelled = 0, bare_at = 0;
	if (is_punct(T(s, j), '@') && adj(T(s, j))) {
		next = j + 1;
	} else if ((next = spelled_sep(s, j, 1))) {
		bare_at = word_is(s, T(s, j), "at");
		spelled = !bare_at;
	} else {
		return 0;
	}
	/* The domain: labels glued by '.' or a spelled "dot", ending in a
	 * top-level domain. */
	j = next;
	if (!email_part(T(s, j)))
		return 0;
	size_t dots = 0;
	for (parts = 1; parts < 6; parts++) {
		const tok *u = T(s, j + 1);
		if (is_punct(u, '.') && adj(u) && adj(T(s, j + 2)) &&
		    email_part(T(s, j + 2))) {
			j += 2;
			dots++;
			continue;
		}
		if ((next = spelled_sep(s, j + 1, 0)) &&
		    email_part(T(s, next))) {
			j = next;
			dots++;
			spelled = 1;
			bare_at = 0;
			continue;
		}
		break;
	}
	const tok *tld = T(s, j);
	if (!dots || !spelled || bare_at || !has_kw(tld, KW_TLD) || tld->shape != SH_LOWER)
		return 0;
	return tld->end;
}

/* A URL starting at token i: with a scheme, with www., or a bare domain
 * name ending in a common top-level domain.  Returns its end or 0. */
size_t phi_url_at(const scan *s, size_t i)
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
size_t phi_ip_at(const scan *s, size_t i)
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

int phi_is_year(const tok *t)
{
	return num_digits(t, 4, 4) && t->num >= 1900 && t->num <= 2099;
}

enum { ND_NONE, ND_STRONG, ND_SLASH2 };

/* A word of dates just before token i, or before its colon: "DOB
 * 6-15-58", "born: 3-4-61", "seen 1-2-24". */
static int date_word_before(const scan *s, size_t i)
{
	const tok *p1 = P(s, i, 1);
	if (is_punct(p1, ':'))
		p1 = P(s, i, 2);
	return has_kw(p1, KW_DATECTX);
}

/* Does the text say a date may stand at token i: a word of dates just
 * before, or a place found just before ("seen at Crow Agency 1-14",
 * "drove him off Duck Valley 3/7")? */
static int date_context(const scan *s, size_t i)
{
	return date_word_before(s, i) ||
	       (s->mn && s->last_cat == ECHO_PHI_PLACE && P(s, i, 1)->end == s->last_end &&
	        (T(s, i)->flags & TF_SPACE) && !(T(s, i)->flags & TF_NL));
}

/* A numeric date at token i: 03/14/2025, 3/14/25, 12-01-2024,
 * 2025-03-14, 07.04.1961, 3/2024, 6-15-58 after a word of dates
 * (ND_STRONG), or 3/14 (ND_SLASH2, which needs its context checked).
 * *last is its last token. */
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
		if (!three || c == '.' || !phi_is_year(a) || b->ndigits > 2 ||
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
		/* A two-digit year after dots or dashes only where the text
		 * says a date stands ("release 2-28-25", "delivered
		 * 12.03.25"): lists of doses and versions are written so. */
		if (c == '.' && d->ndigits != 4 && !date_context(s, i))
			return ND_NONE;
		if (c == '-' && d->ndigits != 4 &&
		    !(a->ndigits == 2 && b->ndigits == 2) && !date_context(s, i))
			return ND_NONE;
		*last = i + 4;
		return ND_STRONG;
	}
	if ((c != '/' && c != '-') || !right_boundary(s, i + 2))
		return ND_NONE;
	if (adj(T(s, i + 3)) && (is_num(T(s, i + 3)) || T(s, i + 3)->kind == TK_WORD))
		return ND_NONE;
	/* "seen 1-14", "dia 17/03": a month and day joined by a dash, or
	 * the day first, only where the text says a date stands, and no
	 * unit after ("visit 2-3 times"). */
	if (c == '-' || a->num > 12) {
		int dm = a->num > 12 && a->num <= 31 && b->num >= 1 && b->num <= 12;
		int md = a->num >= 1 && a->num <= 12 && b->num >= 1 && b->num <= 31;
		if (b->ndigits > 2 || !(md || dm) || !date_context(s, i) ||
		    has_kw(T(s, i + 3), KW_UNIT))
			return ND_NONE;
		*last = i + 2;
		return ND_STRONG;
	}
	if (phi_is_year(b) && a->num >= 1 && a->num <= 12) {
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

/* "last film 3/28", "last dose 2/14": the day a dose was last taken, not
 * its strength.  A dose word after "last" (or "since", "on"), then a
 * valid month and day whose day is the larger number: a strength goes
 * down (8/2, 12/3) and a score is out of 10. */
static int last_use_date(const scan *s, size_t i, size_t k, size_t last)
{
	static const char *const dose[] = {
		"film", "strip", "tab", "tablet", "dose", "dosed", "took", NULL,
	};
	const tok *a = T(s, i), *b = T(s, last), *w = P(s, i, k);
	const tok *q = P(s, i, k + 1);
	return word_in_list(s, w, dose) &&
	       (word_is(s, q, "last") || word_is(s, q, "since") || word_is(s, q, "on")) &&
	       a->num >= 1 && a->num <= 12 && b->num <= 31 && b->num > a->num &&
	       b->num != 10;
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
			return last_use_date(s, i, k, last);
	const tok *p1 = P(s, i, 1);
	if (p1->kind == TK_WORD && (p1->wflags & WF_HARD) &&
	    !(p1->kw & (KW_DATECTX | KW_WEEKDAY)))
		return 0;
	if (is_punct(p1, '('))
		p1 = P(s, i, 2);
	if (has_kw(p1, KW_DATECTX | KW_WEEKDAY) || is_punct(p1, ':'))
		return 1;
	if (follows_match(s, i, ECHO_PHI_DATE) || date_context(s, i))
		return 1;
	if (b->num == 10)
		return 0;
	if (a->num < b->num && b->num <= 8)
		return 0;
	return 1;
}

/* A day of the month: 14, 14th, 1st. */
int phi_day_tok(const scan *s, const tok *t)
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
	if (phi_day_tok(s, T(s, k)) && !dose_unit(s, T(s, k + 1)) &&
	    !(is_punct(T(s, k + 1), '/') && adj(T(s, k + 1))) &&
	    !(is_punct(T(s, k + 1), ':') && adj(T(s, k + 1)))) {
		*has_day = 1;
		last = k;
		k++;
		if (is_punct(T(s, k), ',') && phi_is_year(T(s, k + 1))) {
			*has_year = 1;
			last = k + 1;
		} else if (phi_is_year(T(s, k))) {
			*has_year = 1;
			last = k;
		}
		return last;
	}
	if (is_punct(T(s, k), ',') && phi_is_year(T(s, k + 1))) {
		*has_year = 1;
		return k + 1;
	}
	if (phi_is_year(T(s, k))) {
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
	if (!(phi_range_is(p, t->start, dash, "mid") ||
	      phi_range_is(p, t->start, dash, "early") ||
	      phi_range_is(p, t->start, dash, "late")))
		return 0;
	const struct phi_keyword *k = phi_keyword_find(phi_hash_range(p, dash + 1, t->base_end));
	if (!k || !(k->flags & KW_MONTH) || (k->flags & KW_MONTHABBR) ||
	    !phi_range_is(p, dash + 1, t->base_end, k->word))
		return 0;
	return k->value;
}

/* A date in Spanish: "12 de marzo", "3 de febrero de 1991", "sábado 8
 * de marzo", "domingo 15".  Returns its last token, or 0. */
static size_t spanish_date(const scan *s, size_t i)
{
	size_t j = i;
	int weekday = has_kw(T(s, i), KW_DIA);
	if (weekday) {
		j = i + 1;
		if (is_punct(T(s, j), ',') && adj(T(s, j)))
			j++;
	}
	const tok *d = T(s, j);
	if (d->kind != TK_NUM || !phi_day_tok(s, d) || (d->flags & TF_NL && weekday))
		return 0;
	if ((word_is(s, T(s, j + 1), "de") || word_is(s, T(s, j + 1), "ng")) &&
	    has_kw(T(s, j + 2), KW_MES)) {
		if (word_is(s, T(s, j + 3), "de") && phi_is_year(T(s, j + 4)))
			return j + 4;
		return j + 2;
	}
	if (!weekday || dose_unit(s, T(s, j + 1)) ||
	    (adj(T(s, j + 1)) && T(s, j + 1)->kind == TK_PUNCT &&
	     (T(s, j + 1)->c == '/' || T(s, j + 1)->c == ':')))
		return 0;
	return j;
}

/* A month in lower case, as texts and quick notes write it: with a day
 * ("july 4th", "june 12, 2023"), or alone after a date preposition at
 * the end of its phrase ("last used in jan, been", "since december").
 * Not "may", a verb far more often than a month.  Returns the end of
 * the match it emitted, or 0. */
static size_t lower_month(scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (!(t->kw & KW_MONTH) || t->kwval == 5 || tlen(t) < 3)
		return 0;
	int has_day, has_year;
	size_t last = month_tail(s, i, &has_day, &has_year);
	const tok *p1 = P(s, i, 1), *n1 = T(s, last + 1);
	if (!has_day && !has_year) {
		int ends = n1->kind == TK_EOF || (n1->flags & TF_NL) ||
		           is_punct(n1, ',') || is_punct(n1, '.') || is_punct(n1, ';') ||
		           is_punct(n1, ')') || word_is(s, n1, "and") ||
		           word_is(s, n1, "but") || word_is(s, n1, "when");
		if (!has_kw(p1, KW_DATEPREP) || p1->shape != SH_LOWER || !ends)
			return 0;
	}
	if (!has_day && has_kw(T(s, i), KW_MONTHABBR) && !has_kw(p1, KW_DATEPREP))
		return 0;
	phi_emit(s, ECHO_PHI_DATE, t->start, T(s, last)->end);
	return T(s, last)->end;
}

/* Dates written with a month name, a weekday, or numbers.  Returns the
 * end byte of a match it emitted, or 0. */
/* Days of other calendars and of communities, which no list can hold:
 * a people's or calendar's word before a holiday ("Hmong New Year",
 * "Slavic Christmas", "Lunar New Year"); a word no list knows after a
 * preposition of time, ending its phrase ("since Phagwah;", "after
 * Irreecha,"); "the" and capitalised words before a lower-case word of
 * a procession or feast ("the Santa Marian Kamalen procession").
 * Returns the last token, or 0. */
static size_t community_day(scan *s, size_t i)
{
	const tok *t = T(s, i), *n1 = T(s, i + 1), *n2 = T(s, i + 2);
	if (t->kind != TK_WORD || t->shape != SH_TITLE || t->ndigits)
		return 0;
	if (((t->wflags & WF_SOFT) || word_is(s, t, "lunar") || word_is(s, t, "orthodox")) &&
	    same_line(n1) && n1->shape == SH_TITLE) {
		if (word_is(s, n1, "new") && word_is(s, n2, "year") && same_line(n2))
			return i + 2;
		if (has_kw(n1, KW_HOLIDAY))
			return i + 1;
	}
	const tok *p1 = P(s, i, 1);
	static const char *const time_prep[] = {
		"since", "after", "before", "during", "until", "till", NULL,
	};
	int cat;
	if (p1->shape == SH_LOWER && word_in_list(s, p1, time_prep) && !t->kw &&
	    !t->wflags && !t->possessive && !t->hyphen && t->base_end - t->start >= 4 &&
	    !phi_learned(s, t->hash, &cat) &&
	    (n1->kind == TK_EOF || (n1->flags & TF_NL) ||
	     (n1->kind == TK_PUNCT && (n1->c == ',' || n1->c == ';' || n1->c == '.' ||
	                               n1->c == ')' || n1->c == ':'))))
		return i;
	if (!word_is(s, p1, "the"))
		return 0;
	static const char *const rite[] = {
		"procession", "parade", "novena", "celebration", NULL,
	};
	for (size_t k = i; k < i + 4; k++) {
		const tok *u = T(s, k);
		if (k > i && !same_line(u))
			return 0;
		if (u->shape == SH_LOWER)
			return k > i && ((u->kw & KW_EVENT) || word_in_list(s, u, rite)) ? k - 1 : 0;
		if (u->shape != SH_TITLE || u->possessive ||
		    (u->kw & (KW_HONOR | KW_MONTH | KW_WEEKDAY | KW_STATE)) ||
		    (u->wflags & (WF_HARD | WF_GEO)))
			return 0;
	}
	return 0;
}

size_t phi_try_date(scan *s, size_t i)
{
	const tok *t = T(s, i);
	size_t start = t->start, j = i, last;
	int has_day, has_year;
	if (!phi_date_may_start(t))
		return 0;
	if ((last = spanish_date(s, i))) {
		phi_emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
		return T(s, last)->end;
	}
	if (t->kind == TK_WORD && t->shape == SH_LOWER && !t->hyphen)
		return lower_month(s, i);
	if ((last = community_day(s, i))) {
		phi_emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
		return T(s, last)->end;
	}

	if (capitalised(t) && has_kw(t, KW_WEEKDAY)) {
		j = i + 1;
		if ((is_punct(T(s, j), ',') || is_punct(T(s, j), '.')) &&
		    adj(T(s, j)))
			j++;
		int nd = numdate_at(s, j, &last);
		if (nd != ND_NONE) {
			phi_emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
			return T(s, last)->end;
		}
		/* "Friday the 14th", "Friday the 14th of March" */
		if (word_is(s, T(s, j), "the") && phi_day_tok(s, T(s, j + 1)) &&
		    T(s, j + 1)->kind == TK_ALNUM) {
			size_t d = j + 1;
			last = d;
			if (word_is(s, T(s, d + 1), "of") && month_tok(T(s, d + 2)))
				last = month_tail(s, d + 2, &has_day, &has_year);
			phi_emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
			return T(s, last)->end;
		}
		if (!month_tok(T(s, j)) && !phi_day_tok(s, T(s, j)))
			return 0;
		t = T(s, j);
	}
	if (is_num(t) || t->kind == TK_ALNUM) {
		int nd = numdate_at(s, j, &last);
		if (nd == ND_STRONG || (nd == ND_SLASH2 && (j != i ||
		                                            slash_date_ok(s, j, last)))) {
			phi_emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
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
				phi_emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
				return T(s, last)->end;
			}
			if (abbr || t->shape != SH_TITLE)
				return 0;
			/* "May" alone is mostly the verb; as a month it comes
			 * after "in", "since", "last"... */
			if (m == 5 && !has_kw(P(s, j, 1), KW_DATEPREP))
				return 0;
		}
		phi_emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
		return T(s, last)->end;
	}
	int pm = prefixed_month(s, t);
	if (pm) {
		int hd, hy;
		size_t e = t->end;
		size_t l = month_tail(s, j, &hd, &hy);
		if (hy && !hd)
			e = T(s, l)->end;
		phi_emit(s, ECHO_PHI_DATE, start, e);
		return e;
	}
	int d = phi_day_tok(s, t);
	if (d) {
		/* 14 Mar 2025, the 14th of March, 1st of October, 3-Mar. */
		size_t k = j + 1;
		if (word_is(s, T(s, k), "of"))
			k++;
		else if (is_punct(T(s, k), '-') && adj(T(s, k)) && adj(T(s, k + 1)) &&
		         t->kind == TK_NUM && month_tok(T(s, k + 1))) {
			/* "30-Jun-94": the year after a second dash. */
			const tok *d2 = T(s, k + 2), *y = T(s, k + 3);
			if (is_punct(d2, '-') && adj(d2) && adj(y) && is_num(y) &&
			    (y->ndigits == 2 || y->ndigits == 4) && right_boundary(s, k + 3)) {
				phi_emit(s, ECHO_PHI_DATE, start, y->end);
				return y->end;
			}
			k++;
		}
		if (month_tok(T(s, k)) && !(T(s, k)->flags & TF_NL) &&
		    !is_punct(P(s, j, 1), '/')) {
			last = month_tail(s, k, &has_day, &has_year);
			if (has_day) {
				/* "14 March 21 ...": keep only the first date. */
				last = k;
				if (is_punct(T(s, k + 1), '.') && adj(T(s, k + 1)))
					last = k + 1;
				if (phi_is_year(T(s, last + 1)))
					last++;
			}
			phi_emit(s, ECHO_PHI_DATE, start, T(s, last)->end);
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
				phi_emit(s, ECHO_PHI_DATE, start, t->end);
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
	return phi_range_is(s->p, t->start, t->start + n, w);
}

size_t phi_try_age(scan *s, size_t i)
{
	const tok *t = T(s, i);
	const unsigned char *p = s->p;
	if (!phi_age_may_start(s, t))
		return 0;
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
		/* "he is 96 and ...", "Mamaw is 93" */
		if (!unit_after && (word_is(s, p1, "is") || word_is(s, p1, "was")) &&
		    has_kw(P(s, i, back + 1), KW_PRONOUN | KW_RELATION) &&
		    n1->kind != TK_NUM)
			age = 1;
		/* "she's 92 and", "He's 94 now": the same said with the verb
		 * contracted (a contraction, never a possessive). */
		if (!unit_after && n1->kind != TK_NUM && !has_kw(n1, KW_AGEYEAR) &&
		    (phi_range_is(p, p1->start, p1->end, "he's") ||
		     phi_range_is(p, p1->start, p1->end, "she's") ||
		     phi_range_is(p, p1->start, p1->end, "who's")))
			age = 1;
		/* "Her aunt, 97, lives alone", "elder, 94,": an age beside a
		 * person's noun. */
		if (!unit_after && is_punct(b1, ',') &&
		    has_kw(b2, KW_PRONOUN | KW_RELATION) && b2->kind == TK_WORD &&
		    (is_punct(n1, ',') || is_punct(n1, ')') || is_punct(n1, ';')))
			age = 1;
		if (age) {
			phi_emit(s, ECHO_PHI_AGE, t->start, t->end);
			return t->end;
		}
		return 0;
	}
	if (t->kind == TK_ALNUM && t->lead_digits <= 3 && t->num >= 90 &&
	    t->num <= 125 && !t->interleaved) {
		size_t a = t->start + t->lead_digits;
		if (phi_range_is(p, a, t->end, "yo") || phi_range_is(p, a, t->end, "y") ||
		    phi_range_is(p, a, t->end, "yrs") || phi_range_is(p, a, t->end, "yr")) {
			phi_emit(s, ECHO_PHI_AGE, t->start, t->end);
			return t->end;
		}
		/* in her 90s, his late 90s */
		if (phi_range_is(p, a, t->end, "s") && t->num % 10 == 0) {
			const tok *q = P(s, i, 1);
			if (word_is(s, q, "early") || word_is(s, q, "mid") ||
			    word_is(s, q, "late"))
				q = P(s, i, 2);
			if (word_is(s, q, "her") || word_is(s, q, "his") ||
			    word_is(s, q, "their")) {
				phi_emit(s, ECHO_PHI_AGE, t->start, t->end);
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
			if (p[k] == '-' && phi_range_is(p, k + 1, k + 5, "year")) {
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
			phi_emit(s, ECHO_PHI_AGE, t->start, e);
			return e;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Labelled identifiers: "MRN 4451234", "Medicaid ID is NM448812903"    */

/* A state's program named before token i's qualifier: a state (its
 * abbreviation in capitals or its name) and one everyday word of four
 * letters or more, at tokens i-k-1 and i-k: "AR Works #", "PA ACCESS
 * card". */
static int state_program(const scan *s, size_t i, size_t k)
{
	const tok *q = P(s, i, k), *r = P(s, i, k + 1);
	if (q->kind != TK_WORD || q->ndigits || !(q->shape == SH_TITLE || q->shape == SH_UPPER) ||
	    !(q->wflags & WF_COMMON) || (q->wflags & WF_HARD) || (q->kw & KW_KINDS) ||
	    q->base_end - q->start < 4 || !same_line(q))
		return 0;
	return (has_kw(r, KW_STATEABBR) && r->shape == SH_UPPER && tlen(r) == 2) ||
	       (has_kw(r, KW_STATE) && r->shape == SH_TITLE);
}

/* A licence plate or a vessel's number as printed: a state's two-letter
 * abbreviation, then a group of three or four digits and a group of two
 * or three capitals, either way round ("RI 4417 AB", "MS 4418 BK", "NM
 * ABC 1234").  Not a dose or a time ("MS 1000 IU", "OR 1030 AM"), nor
 * part of a longer code ("QUEST ID HI 4402 1188 07": "ID" is a label).
 * Returns the last token, or 0. */
static size_t plate_at(const scan *s, size_t i)
{
	const tok *t = T(s, i), *a = T(s, i + 1), *b = T(s, i + 2), *c = T(s, i + 3);
	if (!has_kw(t, KW_STATEABBR) || t->shape != SH_UPPER || tlen(t) != 2 ||
	    (t->kw & (KW_KINDS | KW_QUAL)) || !same_line(a) || !same_line(b) ||
	    !right_boundary(s, i + 2) || (same_line(c) && has_digit(c)))
		return 0;
	const tok *digits = is_num(a) ? a : b, *letters = is_num(a) ? b : a;
	if (!num_digits(digits, 3, 4) || letters->kind != TK_WORD ||
	    letters->shape != SH_UPPER || letters->ndigits || tlen(letters) < 2 ||
	    tlen(letters) > 3 || (letters->kw & KW_UNIT) || word_is(s, letters, "am") ||
	    word_is(s, letters, "pm"))
		return 0;
	return i + 2;
}

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
	/* "Tribal ID GR 0077419", "Dialysis ID FMC 40-2281": "ID" with no
	 * label before it labels an identifier itself. */
	if ((word_is(s, t, "id") || word_is(s, t, "identifier")) &&
	    t->shape != SH_LOWER) {
		for (size_t k = 1; k <= 3; k++) {
			const tok *q = P(s, i, k);
			if (q->kind == TK_WORD && (q->kw & KW_KINDS))
				return -1;
		}
		/* "Centennial Care ID", "Healthy Kids Care ID": a state's
		 * health plan named as "... Care". */
		const tok *q = P(s, i, 1);
		if (word_is(s, q, "care") && q->shape == SH_TITLE &&
		    capitalised(P(s, i, 2)))
			return ECHO_PHI_PLAN;
		/* "NJ FamilyCare ID", "BadgerCare ID": one word ending in
		 * "Care"; "Health First Colorado ID": a program named with
		 * its state's name (not "Colorado ID" alone, a state's card). */
		/* "CareSource ID", "Apple Health ID", "UniCare ID": a plan named
		 * as one word ending in "Care", "Source" or "Health", or as a
		 * capitalised word and "Health". */
		size_t ql = q->base_end - q->start;
		if (q->kind == TK_WORD && q->shape == SH_CAMEL && ql > 6 &&
		    (phi_range_is(s->p, q->base_end - 4, q->base_end, "care") ||
		     phi_range_is(s->p, q->base_end - 6, q->base_end, "source") ||
		     phi_range_is(s->p, q->base_end - 6, q->base_end, "health")))
			return ECHO_PHI_PLAN;
		if (word_is(s, q, "health") && q->shape == SH_TITLE &&
		    capitalised(P(s, i, 2)) && same_line(q))
			return ECHO_PHI_PLAN;
		if (has_kw(q, KW_STATE) && q->shape == SH_TITLE) {
			const tok *r = P(s, i, 2);
			/* "Healthy Louisiana ID": the word before may be a
			 * program's word the allow list holds, not a medicine. */
			if (capitalised(r) && !(r->kw & (KW_PLACEPREP | KW_STREETPREP)) &&
			    !(r->wflags & WF_MEDICAL) && same_line(q))
				return ECHO_PHI_PLAN;
		}
		/* "AR Works ID": a state's program. */
		if (state_program(s, i, 1))
			return ECHO_PHI_PLAN;
		return ECHO_PHI_ID;
	}
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
	if (t->kw & KW_KPLAN) {
		/* "Culinary Union member #": a member of an organisation
		 * that is no health plan holds an identifier. */
		static const char *const org[] = {
			"union", "local", "club", "lodge", "tribal", "church", "gym",
			"congregation", "legion", "guild", "association", NULL,
		};
		if (word_is(s, t, "member") && word_in_list(s, P(s, i, 1), org))
			return ECHO_PHI_ID;
		return ECHO_PHI_PLAN;
	}
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
		const tok *q = P(s, i, 1);
		if (word_is(s, q, "id") || word_is(s, q, "identification"))
			return ECHO_PHI_ID;
		/* "PA ACCESS card": a state's program's card. */
		if (state_program(s, i, 1))
			return ECHO_PHI_PLAN;
		/* "sheriff's card", "work card": a card that lets one work
		 * is a licence; "dosing card", "library card": a card of a
		 * service or of a resident holds an identifier, not an
		 * account. */
		static const char *const permit[] = {
			"sheriff", "work", "gaming", "handler", "handlers", NULL,
		};
		static const char *const service[] = {
			"dosing", "clinic", "methadone", "program", "appointment",
			"patient", "library", "bus", "transit", "shelter", "green",
			"resident", "visitor", "tribal", "dose", NULL,
		};
		if (word_in_list(s, q, permit))
			return ECHO_PHI_LICENSE;
		if (word_in_list(s, q, service))
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
	/* "GR 0077419", "FMC 40-2281": a prefix of capitals before the
	 * number, not another label or qualifier, nor "DOB" before a
	 * date. */
	if (t->kind == TK_WORD && t->shape == SH_UPPER && tlen(t) <= 4 &&
	    !(t->kw & (KW_KINDS | KW_QUAL | KW_DATECTX)) &&
	    !(n1->flags & TF_NL) && (n1->flags & TF_SPACE) && has_digit(n1) &&
	    tlen(n1) <= 12)
		return 1;
	/* "DR.0061472", "RN-448120": the prefix glued to its digits. */
	const tok *n2 = T(s, j + 2);
	if (t->kind == TK_WORD && t->shape == SH_UPPER && tlen(t) <= 4 &&
	    !(t->kw & (KW_KINDS | KW_QUAL | KW_DATECTX)) &&
	    (is_punct(n1, '.') || is_punct(n1, '-')) && adj(n1) && adj(n2) &&
	    is_num(n2) && n2->ndigits >= 5)
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
		/* "35 290611 048871 2": an IMEI's fifteen digits in the groups
		 * of its printed label. */
		if (k == j && is_num(t) && t->ndigits == 2 && is_num(n1) &&
		    n1->ndigits == 6 && (n1->flags & TF_SPACE) && !(n1->flags & TF_NL) &&
		    is_num(n2) && n2->ndigits == 6 && (n2->flags & TF_SPACE) &&
		    !(n2->flags & TF_NL) && num_digits(T(s, k + 3), 1, 1) &&
		    (T(s, k + 3)->flags & TF_SPACE) && !(T(s, k + 3)->flags & TF_NL)) {
			*nd = 15;
			return k + 3;
		}
		if (code_tok(n1) && (n1->flags & TF_SPACE) && !(n1->flags & TF_NL) &&
		    tlen(t) <= 4 && has_digit(n1) && groups < 5 &&
		    (tlen(n1) <= 4 || (k == j && t->kind == TK_WORD &&
		                       t->shape == SH_UPPER && tlen(n1) <= 12))) {
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
	if (phi_ip_at(s, j) || phi_email_at(s, j) || phi_url_at(s, j))
		return 1;
	return numdate_at(s, j, &last) == ND_STRONG;
}

/* "paid cash with a card ending 4417": a card used to pay is a payment
 * card, even after a health plan was named. */
static int payment_card(const scan *s, size_t i)
{
	static const char *const pay[] = {
		"paid", "pay", "pays", "paying", "charged", "swiped", "credit",
		"debit", NULL,
	};
	if (word_is(s, T(s, i + 1), "ending"))
		return 1;
	for (size_t k = 1; k <= 4; k++)
		if (word_in_list(s, P(s, i, k), pay))
			return 1;
	return 0;
}

/* "33F", "49M", "24yo", "28yoF", "33w1d", "36w", "10d": an age with a
 * sex, or a gestational or other age in weeks and days, below 90 (older
 * ages are the age rules').  Clinical shorthand, never an identifier,
 * even after "ID" (infectious disease: "ID consult: 33F"). */
static int clinical_shorthand(const scan *s, const tok *t)
{
	/* "G4P2103", "g2p1": gravidity and parity. */
	size_t n = t->end - t->start;
	const unsigned char *q = s->p + t->start;
	if (n >= 4 && phi_hash_lower(q[0]) == 'g' && is_digit(q[1])) {
		size_t k = 1;
		while (k < n && is_digit(q[k]))
			k++;
		if (k < n && phi_hash_lower(q[k]) == 'p' && k + 1 < n) {
			size_t d = k + 1;
			while (d < n && is_digit(q[d]))
				d++;
			if (d == n)
				return 1;
		}
	}
	/* "4100g", "250mcg", "12cm": a measure glued to its unit. */
	if (t->kind == TK_ALNUM && t->lead_digits >= 1 && !t->interleaved) {
		static const char *const unit[] = {
			"g", "kg", "mg", "mcg", "ml", "cc", "lb", "lbs", "oz", "cm", "mm",
			NULL,
		};
		for (const char *const *w = unit; *w; w++)
			if (phi_range_is(s->p, t->start + t->lead_digits, t->end, *w))
				return 1;
	}
	if (t->kind != TK_ALNUM || t->lead_digits > 2 || t->num >= 90)
		return 0;
	size_t a = t->start + t->lead_digits, e = t->end;
	static const char *const tail[] = {
		"f", "m", "yo", "yof", "yom", "y", "w", "wk", "wks", "d", "mo",
		NULL,
	};
	for (const char *const *w = tail; *w; w++)
		if (phi_range_is(s->p, a, e, *w))
			return 1;
	/* "33w1d", "39w6d": weeks and days of a pregnancy. */
	return e - a == 3 && phi_hash_lower(s->p[a]) == 'w' && is_digit(s->p[a + 1]) &&
	       phi_hash_lower(s->p[a + 2]) == 'd';
}

/* Looks from a label word forward to its value and leaves it pending. */
void phi_try_label(scan *s, size_t i)
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
		/* "SSN LAST 4: 0715", "SSN last four 0715": the count of
		 * digits is no value. */
		if (word_is(s, u, "last") && (word_is(s, T(s, j + 1), "four") ||
		                              (is_num(T(s, j + 1)) && T(s, j + 1)->num == 4 &&
		                               T(s, j + 1)->ndigits == 1))) {
			j++;
			steps++;
			qual = 1;
			continue;
		}
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
			phi_set_pending(s, cat, v->start, e);
			return;
		}
		if (is_num(v) && (v->ndigits == 10 ||
		                  (v->ndigits == 11 && s->p[v->start] == '1')) &&
		    left_boundary(s, j) && right_boundary(s, j))
			phi_set_pending(s, cat, v->start, v->end);
		return;
	}
	if (cat == ECHO_PHI_ZIP) {
		if (!num_digits(v, 5, 5) || !left_boundary(s, j))
			return;
		size_t e = v->end;
		if (is_punct(T(s, j + 1), '-') && adj(T(s, j + 1)) &&
		    num_digits(T(s, j + 2), 4, 4) && adj(T(s, j + 2)))
			e = T(s, j + 2)->end;
		phi_set_pending(s, cat, v->start, e);
		return;
	}
	/* "boat reg RI 4417 AB": a plate whatever the label. */
	size_t plate = plate_at(s, j);
	if (plate && (cat == ECHO_PHI_ID || cat == ECHO_PHI_ACCOUNT ||
	              cat == ECHO_PHI_VEHICLE)) {
		phi_set_pending(s, ECHO_PHI_VEHICLE, v->start, T(s, plate)->end);
		s->sticky = ECHO_PHI_VEHICLE;
		return;
	}
	/* "MD Medicaid 55019283746", "NV MEDICAID: 00388145720": a long
	 * code right after the label needs no "ID" or "number". */
	uint32_t nd, nl;
	last = value_extent(s, j, &nd, &nl);
	/* Any code right after a label is its value: "Ohio Medicaid
	 * OH114300982", "Chart 4829-13", "Voucher HACM 44-0917". */
	/* "KY Medicaid" at a line's end, "KY55018829" on the next: a code
	 * of a short prefix and six digits or more is the label's value. */
	int next_line = (v->flags & TF_NL) && v->kind != TK_NUM && v->ndigits >= 6 &&
	                v->nletters >= 1 && v->nletters <= 4 && j == i + 1;
	/* "Chart MTC-19844": a prefix glued to five digits or more by a
	 * hyphen is one token and a code as well. */
	int code_now = others == 0 && (!(v->flags & TF_NL) || next_line) &&
	               (num_digits(v, 6, 20) ||
	                (v->kind != TK_NUM && v->ndigits >= 6) ||
	                (v->kind == TK_WORD && v->hyphen && v->ndigits >= 5) ||
	                (last > j && nd >= 5 && !phi_is_year(v)));
	if (needqual && !qual && !code_now)
		return;
	const tok *before = P(s, j, 1);
	if (structured_at(s, j) ||
	    (adj(v) && (is_punct(before, '/') || is_punct(before, '.') ||
	                is_punct(before, '@'))))
		return;
	if (!(nd >= 3 || (nd >= 2 && nl >= 1)))
		return;
	if (last == j && clinical_shorthand(s, v))
		return;
	/* "DOC policy 18.4", "plan 2.1": a section or a quantity with its
	 * decimals, not a code. */
	if (last == j + 2 && is_num(v) && v->ndigits <= 3 && is_punct(T(s, j + 1), '.') &&
	    num_digits(T(s, j + 2), 1, 2))
		return;
	if (cat == ECHO_PHI_SSN && nd < 4)
		return;
	if (last == j && phi_is_year(v) && cat != ECHO_PHI_SSN)
		return;
	/* "4 mg", but not "MRN 4451234" before a line "CC: ...". */
	if (dose_unit(s, T(s, last + 1)) && !(T(s, last + 1)->flags & TF_NL))
		return;
	if (weak && s->have_plan_seen && i - s->plan_seen <= 16 && !payment_card(s, i))
		cat = ECHO_PHI_PLAN;
	phi_set_pending(s, cat, v->start, T(s, last)->end);
	s->sticky = cat;
}

/* ------------------------------------------------------------------ */
/* Numbers and codes without a label                                   */

/* "send ROI and last 3 notes to 505-555-0139": records sent to a
 * number go to a fax.  A verb of sending and a word of records in the
 * sentence before "to" and the number, up to twelve tokens back. */
static int records_sent_to(const scan *s, size_t i)
{
	static const char *const send[] = {
		"send", "sent", "sending", "sends", "fax", "faxed", "route", NULL,
	};
	static const char *const records[] = {
		"roi", "records", "record", "notes", "note", "forms", "form", "labs",
		"referral", "paperwork", "orders", "prescription", "script", "rx",
		"results", "chart", "summary", "release", NULL,
	};
	if (!word_is(s, P(s, i, 1), "to"))
		return 0;
	int verb = 0, doc = 0;
	for (size_t k = 2; k <= 12; k++) {
		const tok *q = P(s, i, k);
		if (q->kind == TK_BOF || (is_punct(q, '.') && !adj(q)) ||
		    (q->flags & TF_PARA))
			break;
		for (const char *const *w = send; *w; w++)
			verb |= word_is(s, q, *w);
		for (const char *const *w = records; *w; w++)
			doc |= word_is(s, q, *w);
	}
	return verb && doc;
}

static int phone_context(const scan *s, size_t i, int *fax)
{
	*fax = 0;
	if (records_sent_to(s, i)) {
		*fax = 1;
		return 1;
	}
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

/* A code of digits with inner hyphens, and perhaps letters: "441-207",
 * "40218-054", "24-F-117", "82C01-2411-F6-00517".  Not a range ("10-20",
 * "2019-2020", "2024-25"), a blood pressure ("120-80"), a ZIP+4, a dose
 * ("10-20 mg"), nor what the phone, SSN and date rules take (they run
 * first).  Returns the end of the code or 0; reads at most 48 bytes. */
/* "30-Jun-94", "04-MAR-2025": a day, a month's name or abbreviation
 * and a year joined by dashes, as charts print them, read from the
 * bytes as the hyphenated code would be.  Returns its end, or 0. */
static size_t dash_date(const scan *s, size_t i)
{
	const tok *t = T(s, i);
	const unsigned char *p = s->p;
	size_t a = t->start, e = s->len - a > 16 ? a + 16 : s->len, k = a;
	if (!left_boundary(s, i) || !is_num(t))
		return 0;
	while (k < e && k < a + 2 && is_digit(p[k]))
		k++;
	if (k == a || k >= e || p[k] != '-')
		return 0;
	unsigned day = p[a] - '0';
	if (k - a == 2)
		day = day * 10 + (p[a + 1] - '0');
	size_t m = ++k;
	while (k < e && is_alpha(p[k]))
		k++;
	if (day < 1 || day > 31 || k - m < 3 || k >= e || p[k] != '-')
		return 0;
	const struct phi_keyword *w = phi_keyword_find(phi_hash_range(p, m, k));
	if (!w || !(w->flags & KW_MONTH) || !phi_range_is(p, m, k, w->word))
		return 0;
	size_t y = ++k;
	while (k < e && is_digit(p[k]))
		k++;
	if (k < s->len && (is_alnum(p[k]) || p[k] == '-'))
		return 0;
	return k - y == 2 || k - y == 4 ? k : 0;
}

static size_t hyphen_code(const scan *s, size_t i)
{
	const tok *t = T(s, i);
	if (!left_boundary(s, i) || !is_digit(s->p[t->start]))
		return 0;
	size_t a = t->start, e = a, lim = s->len - a > 48 ? a + 48 : s->len;
	unsigned groups = 1, digits = 0, letters = 0, g_digits[2] = {0, 0};
	unsigned long g_val[2] = {0, 0};
	int g_alpha = 0, upper = 0;
	while (e < lim) {
		unsigned char c = s->p[e];
		if (is_digit(c)) {
			digits++;
			if (groups <= 2) {
				g_digits[groups - 1]++;
				if (g_val[groups - 1] < 100000000ul)
					g_val[groups - 1] = g_val[groups - 1] * 10 + (c - '0');
			}
		} else if (is_alpha(c)) {
			letters++;
			g_alpha = 1;
			upper |= c >= 'A' && c <= 'Z';
		} else if (c == '-' && e > a && e + 1 < lim && is_alnum(s->p[e + 1]) &&
		           is_alnum(s->p[e - 1])) {
			groups++;
		} else {
			break;
		}
		e++;
	}
	if (e == lim && e < s->len && is_alnum(s->p[e]))
		return 0;
	if (groups < 2 || (e < s->len && (s->p[e] == '/' || s->p[e] == '.') &&
	                   e + 1 < s->len && is_alnum(s->p[e + 1])))
		return 0;
	if (!g_alpha) {
		/* "001-1849203-7", a national ID in groups: three groups or
		 * more, eight digits or more (dates, phones and SSNs are their
		 * rules' before this one), but not a toll-free number, which
		 * the phone rule leaves alone on purpose ("1-800-662-4357",
		 * "800-662-4357"). */
		if (groups >= 3 && digits >= 8 && !(g_digits[0] == 1 && g_digits[1] == 3) &&
		    !(groups == 3 && g_digits[0] == 3 && g_digits[1] == 3 && digits == 10))
			goto code;
		if (groups != 2 || digits < 6)
			return 0;
		/* A range: the second part larger, or a year and its last two
		 * digits ("2024-25"); a ZIP+4 is the ZIP rule's. */
		if (g_val[0] <= g_val[1] || (g_digits[0] == 5 && g_digits[1] == 4) ||
		    (g_digits[0] == 4 && g_digits[1] == 2 && g_val[0] >= 1900 &&
		     g_val[0] <= 2099))
			return 0;
	} else if (digits < 4 || (groups < 3 && digits < 5) || letters > digits + 2 ||
	           !upper) {
		/* "180s-250s": plurals of numbers, not a code. */
		return 0;
	}
code:;
	/* A dose or a duration after it. */
	size_t k = i + 1;
	while (T(s, k)->end <= e && T(s, k)->kind != TK_EOF)
		k++;
	if (dose_unit(s, T(s, k)))
		return 0;
	return e;
}

/* "the last four of her SSN ... she gave 6610", "last 4 of the card:
 * 2038": the next lone four-digit number within a few sentences is the end
 * of an SSN, or of a card or account if one was named and no SSN. */
void phi_try_last_four(scan *s, size_t i)
{
	const tok *n1 = T(s, i + 1);
	if (!(word_is(s, n1, "four") || (num_digits(n1, 1, 1) && s->p[n1->start] == '4')))
		return;
	int cat = -1, ssn = 0;
	for (size_t k = 1; k <= 4; k++) {
		const tok *b = P(s, i, k);
		if (has_kw(b, KW_KCARD | KW_KACCOUNT))
			cat = ECHO_PHI_ACCOUNT;
	}
	for (size_t j = i + 2; j < i + 24; j++) {
		const tok *u = T(s, j);
		if (u->kind == TK_EOF || (u->flags & TF_PARA))
			return;
		if (has_kw(u, KW_KSSN))
			ssn = 1;
		else if (has_kw(u, KW_KCARD | KW_KACCOUNT) && !ssn)
			cat = ECHO_PHI_ACCOUNT;
		if (num_digits(u, 4, 4) && left_boundary(s, j) && right_boundary(s, j) &&
		    !dose_unit(s, T(s, j + 1))) {
			if (!ssn && cat < 0)
				return;
			phi_set_pending(s, ssn ? ECHO_PHI_SSN : cat, u->start, u->end);
			return;
		}
	}
}

/* Does a qualifier stand just before token i: "#", "number", "no.",
 * "ID", "case", "card", "ref"?  ("code" is one only for the short codes
 * of phi_try_bare_number: "ICD code F11.20" is a diagnosis.) */
static int qualifier_before(const scan *s, size_t i)
{
	const tok *p = P(s, i, 1);
	if (is_punct(p, '#'))
		return 1;
	if (is_punct(p, '.') && adj(p))
		p = P(s, i, 2);
	static const char *const qual[] = {
		"number", "no", "num", "id", "case", "card", "ref", NULL,
	};
	return p->kind == TK_WORD && word_in_list(s, p, qual);
}

/* The category of a code at token i that no label's scan reached: the
 * sentence's last label's ("MRN 1234567 and A00451190"); after "#",
 * what the words before it name ("AR Works # AR7120048": a state's
 * program; "Harris Health # HH-20044817": a hospital's record); a
 * health plan named just before without a value of its own ("bring ur
 * medicaid card" ... "its 71004428213"); an identifier otherwise. */
static int code_category(const scan *s, size_t i)
{
	if (s->sticky >= 0)
		return s->sticky;
	if (is_punct(P(s, i, 1), '#')) {
		static const char *const care[] = {
			"health", "hospital", "clinic", "medical", "healthcare", NULL,
		};
		const tok *q = P(s, i, 2);
		if (state_program(s, i, 2))
			return ECHO_PHI_PLAN;
		if (q->shape == SH_TITLE && word_in_list(s, q, care) && capitalised(P(s, i, 3)))
			return ECHO_PHI_MRN;
	}
	if (s->have_plan_seen && i > s->plan_seen && i - s->plan_seen <= 16 &&
	    !(s->mn && s->last_cat == ECHO_PHI_PLAN &&
	      s->last_end > T(s, s->plan_seen)->start))
		return ECHO_PHI_PLAN;
	return ECHO_PHI_ID;
}

/* Does a word that reads as a label stand just before token i: a
 * capitalised or all-caps word that is no unit, drug or instrument
 * ("Permit W-4417", "Warrant D-40872"), or "number", "no.", "#", "ID",
 * "case", "card"?  The code after it is an identifier whatever its
 * shape, so long as it mixes letters and four digits or more. */
static int label_like(const scan *s, size_t i)
{
	if (qualifier_before(s, i))
		return 1;
	const tok *p = P(s, i, 1);
	if (is_punct(p, '.') && adj(p))
		p = P(s, i, 2);
	if (p->kind != TK_WORD || p->ndigits || (p->kw & KW_UNIT) ||
	    (p->wflags & WF_MEDICAL))
		return 0;
	if ((p->wflags & WF_HARD) && !(p->kw & KW_KINDS))
		return 0;
	return p->shape == SH_TITLE || p->shape == SH_UPPER;
}

static int letter_after_digit(const scan *s, const tok *t)
{
	int digit = 0;
	for (size_t k = t->start; k < t->end; k++) {
		digit |= is_digit(s->p[k]);
		if (digit && is_alpha(s->p[k]))
			return 1;
	}
	return 0;
}

size_t phi_try_bare_number(scan *s, size_t i)
{
	const tok *t = T(s, i);
	size_t last, e;
	if ((last = plate_at(s, i))) {
		phi_emit(s, ECHO_PHI_VEHICLE, t->start, T(s, last)->end);
		return T(s, last)->end;
	}
	if (t->kind == TK_WORD && !t->ndigits)
		return 0;
	if ((e = ssn_at(s, i, &last))) {
		phi_emit(s, ECHO_PHI_SSN, t->start, e);
		return e;
	}
	if ((e = card_at(s, i, &last))) {
		phi_emit(s, ECHO_PHI_ACCOUNT, t->start, e);
		return e;
	}
	if ((e = phone_at(s, i, &last))) {
		int fax;
		phone_context(s, i, &fax);
		phi_emit(s, fax ? ECHO_PHI_FAX : ECHO_PHI_PHONE, t->start, e);
		return e;
	}
	if (vin_tok(s, t) && left_boundary(s, i) && right_boundary(s, i)) {
		phi_emit(s, ECHO_PHI_VEHICLE, t->start, t->end);
		return t->end;
	}
	if ((e = dash_date(s, i))) {
		phi_emit(s, ECHO_PHI_DATE, t->start, e);
		return e;
	}
	if ((e = hyphen_code(s, i))) {
		phi_emit(s, code_category(s, i), t->start, e);
		return e;
	}
	if (!left_boundary(s, i) || !right_boundary(s, i))
		return 0;
	if (is_num(t) && t->ndigits >= 7) {
		if (dose_unit(s, T(s, i + 1)))
			return 0;
		int fax;
		if ((t->ndigits == 10 || (t->ndigits == 11 && s->p[t->start] == '1')) &&
		    phone_context(s, i, &fax)) {
			phi_emit(s, fax ? ECHO_PHI_FAX : ECHO_PHI_PHONE, t->start, t->end);
			return t->end;
		}
		phi_emit(s, code_category(s, i), t->start, t->end);
		return t->end;
	}
	if (clinical_shorthand(s, t))
		return 0;
	int code = 0;
	if (t->kind == TK_WORD && t->ndigits > 0)
		code = t->ndigits >= 5 || (t->nletters >= 2 && t->ndigits >= 4);
	if (t->kind == TK_ALNUM)
		code = t->interleaved && t->ndigits >= 3 && tlen(t) >= 5;
	if (!code && t->ndigits >= 4 && t->nletters >= 1 && label_like(s, i))
		code = 1;
	/* "MDOC # 884213": five or six digits after a label and "#". */
	if (!code && num_digits(t, 5, 6) && is_punct(P(s, i, 1), '#') &&
	    label_like(s, i - 1))
		code = 1;
	/* "referral code BR-7Q", "ref # PN-41-C": a short code of capitals
	 * and digits around a hyphen with a letter after a digit, after a
	 * qualifier (not "PHQ-9", "ST-2", which end in their number). */
	if (!code && t->kind == TK_WORD && t->hyphen && t->shape == SH_UPPER &&
	    letter_after_digit(s, t) &&
	    t->nletters >= 2 && !t->kw && !(t->wflags & (WF_HARD | WF_MEDICAL)) &&
	    (qualifier_before(s, i) || word_is(s, P(s, i, 1), "code")))
		code = 1;
	if (code) {
		phi_emit(s, code_category(s, i), t->start, t->end);
		return t->end;
	}
	return 0;
}

/* A state named at token k: "NM", "New Mexico", "Arizona".  Returns the
 * number of tokens, or 0. */
size_t phi_state_at(const scan *s, size_t k)
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

size_t phi_try_zip(scan *s, size_t i)
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
		size_t n = phi_state_at(s, at);
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
	/* "at MSC South, 94103", "the Record Street shelter, 89501": after a
	 * comma, with a place found a word or two before it, capitalised
	 * words or a facility's word between. */
	if (!zip && back == 2 && s->mn && s->last_cat == ECHO_PHI_PLACE &&
	    !has_kw(T(s, last + 1), KW_UNIT))
		for (size_t k = 2; k <= 4 && k <= i; k++) {
			const tok *q = P(s, i, k);
			if (q->end == s->last_end) {
				zip = 1;
				break;
			}
			if (!(capitalised(q) || has_kw(q, KW_FACILITY)) || q->end < s->last_end)
				break;
		}
	/* "household of 3 in Frayser 38127", "HC 1 Box 8873, Sells, 85634":
	 * a capitalised word after a locative, or after an address and a
	 * comma, is the town before its ZIP code, even an everyday word. */
	const tok *town = P(s, i, back), *before = P(s, i, back + 1);
	if (!zip && capitalised(town) && !town->kw && !(town->wflags & WF_HARD) &&
	    !has_kw(T(s, last + 1), KW_UNIT) &&
	    ((has_kw(before, KW_PLACEPREP) && before->shape == SH_LOWER) ||
	     (is_punct(before, ',') && s->mn && s->last_cat == ECHO_PHI_PLACE &&
	      P(s, i, back + 2)->end == s->last_end)))
		zip = 1;
	/* After a town in no list: "Booneville 41314". */
	if (!zip && capitalised(P(s, i, back)) && !P(s, i, back)->kw &&
	    !(P(s, i, back)->wflags & WF_COMMON) &&
	    !(P(s, i, back)->wflags & WF_HARD) && !has_kw(T(s, last + 1), KW_UNIT))
		zip = 1;
	if (!zip)
		return 0;
	phi_emit(s, ECHO_PHI_ZIP, t->start, e);
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

size_t phi_try_address(scan *s, size_t i)
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
		phi_emit(s, ECHO_PHI_PLACE, t->start, e);
		return e;
	}
	/* "on E 79th", "off W. 3rd", "along North 12th": a street of a
	 * direction and an ordinal after a street's preposition, with no
	 * street word, not before a noun ("on the 3rd floor" has no
	 * direction; "on E 3rd floor" none either). */
	if (t->kind == TK_WORD && has_kw(t, KW_DIRECTION) && has_kw(P(s, i, 1), KW_STREETPREP) &&
	    P(s, i, 1)->shape == SH_LOWER && same_line(t)) {
		j = i + 1;
		if (is_punct(T(s, j), '.') && adj(T(s, j)))
			j++;
		const tok *o = T(s, j), *n1 = T(s, j + 1);
		/* "N 12th and Main" is an intersection's and "W. 25th St." an
		 * address's, whole (their rules take them). */
		static const char *const rank_noun[] = {
			"floor", "floors", "wing", "grade", "time", "exit", "place",
			"row", "round", "dose", "visit", "attempt", "try", "step",
			"period", "class", "trimester", "level", "unit", NULL,
		};
		if (phi_ordinal(s, o) && same_line(o) && !word_is(s, n1, "and") &&
		    !is_punct(n1, '&') && !(capitalised(n1) && same_line(n1)) &&
		    !(n1->kind == TK_WORD && n1->caps && same_line(n1)) &&
		    !word_in_list(s, n1, rank_noun)) {
			phi_emit(s, ECHO_PHI_PLACE, t->start, o->end);
			return o->end;
		}
	}
	/* HC 61 Box 2207, RR 2 Box 41, Rural Route 2 (Box 41), Star Route 3:
	 * the rural box is the whole address. */
	j = SIZE_MAX;
	if (t->kind == TK_WORD && t->shape == SH_UPPER &&
	    (word_is(s, t, "hc") || word_is(s, t, "hcr") || word_is(s, t, "rr")))
		j = i + 1;
	else if (t->kind == TK_WORD && t->shape == SH_TITLE &&
	         (word_is(s, t, "rural") || word_is(s, t, "star")) &&
	         word_is(s, T(s, i + 1), "route") && T(s, i + 1)->shape == SH_TITLE)
		j = i + 2;
	if (j != SIZE_MAX && is_num(T(s, j)) && T(s, j)->ndigits <= 4 &&
	    (T(s, j)->flags & TF_SPACE)) {
		const tok *b = T(s, j + 1), *v = T(s, j + 2);
		int boxed = word_is(s, b, "box") && code_tok(v) && has_digit(v);
		if (boxed || j == i + 2) {
			size_t e = boxed ? v->end : T(s, j)->end;
			phi_emit(s, ECHO_PHI_PLACE, t->start, e);
			return e;
		}
	}
	/* FM 2061, RM 620: farm- and ranch-to-market roads, wherever they
	 * stand (not a radio frequency: "FM 101.5"). */
	if (t->kind == TK_WORD && t->shape == SH_UPPER &&
	    (word_is(s, t, "fm") || word_is(s, t, "rm")) && is_num(T(s, i + 1)) &&
	    T(s, i + 1)->ndigits <= 4 && !is_punct(T(s, i + 2), '.')) {
		size_t e = T(s, i + 1)->end;
		phi_emit(s, ECHO_PHI_PLACE, t->start, e);
		return e;
	}
	/* East 138th Street, 111th Street, W 7th Ave: a numbered street
	 * with no house number. */
	{
		size_t k = i;
		if (t->kind == TK_WORD && (t->kw & KW_DIRECTION) && t->shape != SH_LOWER)
			k = i + 1;
		const tok *o = T(s, k), *w = T(s, k + 1);
		if (o->kind == TK_ALNUM && o->lead_digits <= 3 && o->nletters == 2 &&
		    !o->interleaved && (w->kw & KW_STREET) && w->shape != SH_LOWER &&
		    (w->flags & TF_SPACE) && !(w->flags & TF_NL)) {
			size_t e = w->end;
			/* "W 7th Ave.": the period of an abbreviation. */
			if (is_punct(T(s, k + 2), '.') && adj(T(s, k + 2)) && tlen(w) <= 4 &&
			    !word_is(s, w, "road") && !word_is(s, w, "lane") &&
			    !word_is(s, w, "loop") && !word_is(s, w, "pike") &&
			    !word_is(s, w, "way"))
				e = T(s, k + 2)->end;
			phi_emit(s, ECHO_PHI_PLACE, t->start, e);
			return e;
		}
		/* "East 7 Mile", "8 Mile": Detroit's mile roads. */
		if (k == i + 1 && is_num(o) && o->ndigits <= 2 &&
		    word_is(s, w, "mile") && w->shape == SH_TITLE) {
			phi_emit(s, ECHO_PHI_PLACE, t->start, w->end);
			return w->end;
		}
	}
	/* 79th and Halsted, 27th and Center, prospect and 35th: an
	 * intersection with a numbered street is one place. */
	{
		const tok *a1 = T(s, i + 1), *b1 = T(s, i + 2);
		int ord_t = phi_ordinal(s, t), ord_b = phi_ordinal(s, b1);
		int word_t = t->kind == TK_WORD && t->shape != SH_UPPER &&
		             !(t->kw & ~(KW_DIRECTION | KW_STREET)) &&
		             has_kw(P(s, i, 1), KW_STREETPREP);
		int word_b = b1->kind == TK_WORD && b1->shape == SH_TITLE;
		if ((word_is(s, a1, "and") || is_punct(a1, '&')) &&
		    !(a1->flags & TF_NL) && !(b1->flags & TF_NL) &&
		    ((ord_t && (ord_b || word_b) && !word_is(s, P(s, i, 1), "the")) ||
		     (word_t && ord_b))) {
			phi_emit(s, ECHO_PHI_PLACE, t->start, b1->end);
			return b1->end;
		}
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
		          word_is(s, t, "route") || word_is(s, t, "road") ||
		          word_is(s, t, "avenue") || word_is(s, t, "us") ||
		          /* Texas's Farm and Ranch to Market roads: "FM 1055". */
		          ((word_is(s, t, "fm") || word_is(s, t, "rm")) &&
		           t->shape == SH_UPPER && n1->ndigits >= 3 &&
		           !(is_punct(n2, '.') && adj(n2) && adj(T(s, i + 3)) &&
		             is_num(T(s, i + 3)))) ||
		          ((t->kw & KW_STATEABBR) && t->shape == SH_UPPER)) &&
		         (has_kw(P(s, i, 1), KW_STREETPREP) ||
		          word_is(s, P(s, i, 1), "past") ||
		          word_is(s, P(s, i, 1), "out") ||
		          word_is(s, P(s, i, 1), "up") ||
		          word_is(s, P(s, i, 1), "camp") ||
		          word_is(s, P(s, i, 1), "the")) && is_num(n1) &&
		         n1->ndigits <= 4)
			road = 1;
		if (road) {
			size_t e = T(s, i + road)->end;
			phi_emit(s, ECHO_PHI_PLACE, t->start, e);
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
	/* "5512 Hwy 56", "31720 SE HWY 212": a house number on a highway. */
	{
		const tok *r = T(s, j), *rn = T(s, j + 1);
		if ((word_is(s, r, "hwy") || word_is(s, r, "highway") ||
		     word_is(s, r, "route") || word_is(s, r, "rte")) &&
		    r->shape != SH_LOWER && !(r->flags & TF_NL) && is_num(rn) &&
		    rn->ndigits <= 4 && (rn->flags & TF_SPACE) && !(rn->flags & TF_NL)) {
			size_t he = address_unit(s, j + 2, rn->end);
			phi_emit(s, ECHO_PHI_PLACE, t->start, he);
			return he;
		}
	}
	size_t names = 0;
	for (; names < 4; names++, j++) {
		const tok *u = T(s, j);
		if (names > 0 && has_kw(u, KW_STREET) && u->shape != SH_LOWER)
			break;
		if (u->flags & TF_NL && names > 0)
			return 0;
		/* "17 BLUE SKY HWY": everyday words of a line in capitals. */
		if (u->kind == TK_WORD && u->caps && !u->ndigits && tlen(u) >= 2 &&
		    !(u->wflags & WF_HARD))
			continue;
		if (!(capitalised(u) || (u->kind == TK_ALNUM && phi_day_tok(s, u) == 0 &&
		                         u->lead_digits <= 3 && u->nletters == 2) ||
		      (u->kind == TK_ALNUM && phi_day_tok(s, u))))
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
	phi_emit(s, ECHO_PHI_PLACE, t->start, e);
	return e;
}

