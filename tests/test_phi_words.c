/* Tests of the PHI scanner's generated word tables (phi_words.h): the
 * filters in front of the sets turn away no member and most other hashes,
 * the first words of the names of places turn away most words, and every
 * entry of the word list's lines is where a lookup finds it. */
#include "phi_scan.h"

#include "phi_words.h"

#include "testutil.h"

struct filtered_set {
	const char *name;
	const uint32_t *table;
	size_t slots;
	const uint64_t *filter;
	unsigned filter_bits;
};

static const struct filtered_set sets[] = {
	{"medical", phi_medical_hash, PHI_MEDICAL_SLOTS, phi_medical_filter,
	 PHI_MEDICAL_FILTER_BITS},
	{"everyday", phi_everyday_hash, PHI_EVERYDAY_SLOTS, phi_everyday_filter,
	 PHI_EVERYDAY_FILTER_BITS},
	{"foreign", phi_foreign_hash, PHI_FOREIGN_SLOTS, phi_foreign_filter,
	 PHI_FOREIGN_FILTER_BITS},
};

static uint32_t word_hash(const char *w)
{
	uint32_t h = phi_hash_init(PHI_HASH_SEED);
	for (const unsigned char *p = (const unsigned char *)w; *p; p++)
		h = phi_hash_step(h, phi_hash_lower(*p));
	return phi_hash_final(h);
}

static int set_holds(const struct filtered_set *s, uint32_t h)
{
	for (size_t i = h & (s->slots - 1);; i = (i + 1) & (s->slots - 1)) {
		if (s->table[i] == 0)
			return 0;
		if (s->table[i] == h)
			return 1;
	}
}

/* The word list's flags for h, by the layout of phi_hash.h; -1 when a
 * line breaks the layout. */
static int dict_lookup(uint32_t h)
{
	size_t lines = (size_t)1 << PHI_DICT_LINE_BITS;
	size_t home = phi_dict_home(h, PHI_DICT_LINE_BITS);
	for (unsigned past = 0; past <= PHI_DICT_MAX_PAST; past++) {
		const uint32_t *line = phi_dict[(home + past) & (lines - 1)];
		for (size_t k = 0; k < PHI_DICT_LINE_WORDS; k++) {
			if (line[k] == 0)
				return 0;
			if ((line[k] & ~0xffu) == phi_dict_key(h, PHI_DICT_LINE_BITS, past))
				return (int)(line[k] & 0xffu);
		}
	}
	return -1;
}

static void test_filters(void)
{
	for (size_t s = 0; s < sizeof sets / sizeof *sets; s++) {
		const struct filtered_set *set = &sets[s];
		size_t members = 0, turned_away = 0;
		for (size_t i = 0; i < set->slots; i++) {
			if (!set->table[i])
				continue;
			members++;
			turned_away += !phi_filter_may_hold(set->filter, set->filter_bits,
			                                    set->table[i]);
		}
		CHECK(members > 1000);
		CHECK_INT(turned_away, 0);
		/* Hashes the set lacks: most must stop at the filter. */
		size_t others = 0, passed = 0;
		for (uint32_t h = 12345; others < 20000; h = h * 2654435761u + 97) {
			if (set_holds(set, h))
				continue;
			others++;
			passed += phi_filter_may_hold(set->filter, set->filter_bits, h);
		}
		CHECK(passed * 10 < others);
	}
	/* A word of each set, through its filter. */
	CHECK(set_holds(&sets[0], word_hash("tricuspid")) &&
	      phi_filter_may_hold(phi_medical_filter, PHI_MEDICAL_FILTER_BITS,
	                          word_hash("tricuspid")));
	CHECK(set_holds(&sets[1], word_hash("waitlist")) &&
	      phi_filter_may_hold(phi_everyday_filter, PHI_EVERYDAY_FILTER_BITS,
	                          word_hash("waitlist")));
	CHECK(set_holds(&sets[2], word_hash("farmacia")) &&
	      phi_filter_may_hold(phi_foreign_filter, PHI_FOREIGN_FILTER_BITS,
	                          word_hash("farmacia")));
}

/* The first words of GeoNames' names of several words: a filter only. */
static void test_place_first_words(void)
{
	static const char *const first[] = {"toms", "sierra", "east", "lake", "san"};
	for (size_t i = 0; i < sizeof first / sizeof *first; i++)
		CHECK(phi_filter_may_hold(phi_place_first_filter, PHI_PLACE_FIRST_FILTER_BITS,
		                          word_hash(first[i])));
	size_t passed = 0, tried = 0;
	for (uint32_t h = 777; tried < 20000; h = h * 2654435761u + 97, tried++)
		passed += phi_filter_may_hold(phi_place_first_filter,
		                              PHI_PLACE_FIRST_FILTER_BITS, h);
	CHECK(passed * 10 < tried);
}

static void test_dict_lines(void)
{
	size_t lines = (size_t)1 << PHI_DICT_LINE_BITS, entries = 0;
	for (size_t l = 0; l < lines; l++) {
		const uint32_t *line = phi_dict[l];
		int ended = 0;
		for (size_t k = 0; k < PHI_DICT_LINE_WORDS; k++) {
			uint32_t e = line[k];
			if (e == 0) {
				ended = 1;
				continue;
			}
			CHECK(!ended);
			CHECK((e & 0xffu) != 0);
			unsigned past = e >> 8 & 0x1fu;
			size_t home = (l - past) & (lines - 1);
			uint32_t h = (uint32_t)home << (32 - PHI_DICT_LINE_BITS) |
			             e >> PHI_DICT_LINE_BITS;
			/* Every line between its home and it is full, so a lookup
			 * goes on to it. */
			for (unsigned q = 0; q < past; q++)
				CHECK(phi_dict[(home + q) & (lines - 1)][PHI_DICT_LINE_WORDS - 1] != 0);
			CHECK(dict_lookup(h) == (int)(e & 0xffu));
			entries++;
		}
	}
	CHECK_INT(entries, PHI_DICT_COUNT);
	CHECK(entries * 4 <= lines * PHI_DICT_LINE_WORDS * 3);
	/* An everyday word, a name and an everyday word that is a name. */
	CHECK(dict_lookup(word_hash("the")) & WF_COMMON);
	CHECK(dict_lookup(word_hash("marcus")) & WF_PROPER);
	int hope = dict_lookup(word_hash("hope"));
	CHECK((hope & WF_PROPER) && (hope & WF_COMMON));
	CHECK(dict_lookup(word_hash("qzxvjwq")) == 0);
}

int main(void)
{
	test_filters();
	test_place_first_words();
	test_dict_lines();
	TEST_EXIT();
}
