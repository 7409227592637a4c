/* Screening free text for HIPAA Safe Harbor identifiers.  Hand-written
 * scanners over a token stream: each rule looks at a bounded window of
 * tokens around the current one, so a scan is linear in its input.
 * doc/phi.md describes the rules, the name signals and the blind spots. */
#include "phi_scan.h"

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
/* The scan                                                            */

/* Runs the rules at token i in order of precedence.  Returns the end byte
 * of what was matched or consumed, or 0. */
static size_t rules_at(scan *s, size_t i)
{
	const tok *t = T(s, i), *n1 = T(s, i + 1);
	size_t e;
	if (is_punct(t, '@') || is_punct(t, '$'))
		return phi_try_handle(s, i);
	if (t->kind == TK_PUNCT && !is_punct(t, '(') && !is_punct(t, '+'))
		return 0;
	/* Addresses of every kind continue with punctuation glued on. */
	if (t->kind != TK_PUNCT && adj(n1) && n1->kind == TK_PUNCT) {
		unsigned char c = n1->c;
		if ((c == '@' || c == '.' || c == '_' || c == '+' || c == '%' ||
		     c == '-') && (e = phi_email_at(s, i))) {
			phi_emit(s, ECHO_PHI_EMAIL, t->start, e);
			return e;
		}
		if ((c == '.' || c == ':') && (e = phi_url_at(s, i))) {
			phi_emit(s, ECHO_PHI_URL, t->start, e);
			return e;
		}
		if ((c == '.' || c == ':') && t->kind != TK_ALNUM &&
		    (e = phi_ip_at(s, i))) {
			phi_emit(s, ECHO_PHI_IP, t->start, e);
			return e;
		}
	}
	if (phi_spelled_email_may_start(s, i) && (e = phi_spelled_email_at(s, i))) {
		phi_emit(s, ECHO_PHI_EMAIL, t->start, e);
		return e;
	}
	if (t->kind == TK_WORD &&
	    ((t->kw & KW_KINDS) || t->shape == SH_INITIAL || t->shape == SH_UPPER))
		phi_try_label(s, i);
	if (t->kind == TK_WORD && word_is(s, t, "last"))
		phi_try_last_four(s, i);
	/* "Snap: moosedog907": a platform's name, then a handle. */
	if (t->kind == TK_WORD && (t->kw & KW_HANDLE) && (e = phi_try_handle(s, i)))
		return e;
	/* A plain lower-case word can only be a spelled age or "mid-March";
	 * everything else needs digits or a capital. */
	if (t->kind == TK_WORD && t->shape == SH_LOWER && t->ndigits == 0) {
		if (phi_date_may_start(t) && (e = phi_try_date(s, i)))
			return e;
		if (phi_age_may_start(s, t) && (e = phi_try_age(s, i)))
			return e;
		if (phi_loose_age_may_start(s, t) && (e = phi_try_loose_age(s, i)))
			return e;
		if (phi_place_may_start(t) && (e = phi_try_place_phrase(s, i)))
			return e;
		return phi_unknown_may_start(s, i) ? phi_try_unknown(s, i) : 0;
	}
	{
		if (t->shape == SH_TITLE && (e = phi_try_header_site(s, i)))
			return e;
		if ((e = phi_try_date(s, i)))
			return e;
		if (phi_age_may_start(s, t) && (e = phi_try_age(s, i)))
			return e;
		if ((e = phi_try_loose_date(s, i)) ||
		    (phi_loose_age_may_start(s, t) && (e = phi_try_loose_age(s, i))))
			return e;
		if (phi_bare_handle_may_start(t) && (e = phi_try_bare_handle(s, i)))
			return e;
		if (t->kind != TK_WORD || t->ndigits > 0 || (t->kw & KW_STATEABBR))
			if ((e = phi_try_bare_number(s, i)))
				return e;
		if (t->kind == TK_NUM && (e = phi_try_zip(s, i)))
			return e;
		if ((e = phi_try_address(s, i)))
			return e;
		if ((e = phi_try_intersection(s, i)))
			return e;
		if ((e = phi_try_institution(s, i)))
			return e;
		if ((e = phi_try_feature_place(s, i)))
			return e;
	}
	if (phi_place_may_start(t) && (e = phi_try_place_phrase(s, i)))
		return e;
	if (t->kind == TK_WORD) {
		if ((e = phi_try_name(s, i)))
			return e;
		return phi_try_unknown(s, i);
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
		extra += phi_learned(s, s->def[i].hash, NULL);
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
			if (phi_learned(s, s->def[i].hash, &cat)) {
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
	tok first_toks[FIRST_TOKENS];
	memset(&s, 0, sizeof s);
	s.toks = s.first_toks = first_toks;
	s.cap = FIRST_TOKENS;
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
		if (phi_fill(&s, i + LOOKAHEAD) != 0) {
			rc = -1;
			break;
		}
		phi_compact(&s, i);
		const tok *t = T(&s, i);
		if (t->kind == TK_EOF)
			break;
		if (s.pend && t->start >= s.pend_start) {
			if (t->start == s.pend_start && s.pend_start >= s.last_end) {
				phi_emit(&s, s.pend_cat, s.pend_start, s.pend_end);
				s.pend = 0;
				size_t e = s.pend_end;
				while (T(&s, i)->kind != TK_EOF && T(&s, i)->start < e) {
					i++;
					if (phi_fill(&s, i + LOOKAHEAD) != 0) {
						rc = -1;
						break;
					}
					phi_compact(&s, i);
				}
				if (rc)
					break;
				continue;
			}
			s.pend = 0;
		}
		if (sentence_end(&s, i))
			s.sticky = -1;
		size_t found = s.mn;
		size_t e = rules_at(&s, i);
		if (s.mn > found && e)
			e = phi_widen(&s, i, e);
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
			if (phi_fill(&s, i + LOOKAHEAD) != 0) {
				rc = -1;
				break;
			}
			phi_compact(&s, i);
		}
		if (rc)
			break;
	}
	if (rc == 0 && !s.oom)
		rc = finish(&s, matches);
	else
		rc = -1;
	if (s.toks != first_toks)
		free(s.toks);
	free(s.m);
	free(s.learn_key);
	free(s.learn_cat);
	free(s.def);
	return rc;
}

