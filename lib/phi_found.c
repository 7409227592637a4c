/* What a PHI scan has found so far: its matches, the one pending until
 * its token is reached, the names it learned and the words deferred until
 * the end of the text.  Below the rules (phi_struct.c, phi_names.c) and
 * the scan (phi.c), which all record here. */
#include "phi_scan.h"

void phi_emit(scan *s, int cat, size_t start, size_t end)
{
	if (end <= start || start < s->last_end)
		return;
	/* A name right after a name, one space between, is the same
	 * person's ("tre" found after "her grandson", then "oxendine" after
	 * it): one finding, so that redaction shows one "[NAME]". */
	if (cat == ECHO_PHI_NAME && s->mn && s->last_cat == ECHO_PHI_NAME &&
	    start == s->last_end + 1 && s->p[s->last_end] == ' ') {
		s->m[s->mn - 1].end = end;
		s->last_end = end;
		return;
	}
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

void phi_set_pending(scan *s, int cat, size_t start, size_t end)
{
	if (start < s->last_end)
		return;
	s->pend = 1;
	s->pend_cat = cat;
	s->pend_start = start;
	s->pend_end = end;
}

/* Learned names: an open-addressing set of word hashes. */
int phi_learned(const scan *s, uint32_t h, int *cat)
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

void phi_learn(scan *s, uint32_t h, int cat)
{
	if (phi_learned(s, h, NULL))
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

void phi_defer(scan *s, const tok *t)
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
