/* The word hash shared by the PHI scanner (phi_lex.c) and the build-time table
 * generator (gen_phi_words.c): both must agree on it byte for byte. */
#ifndef ECHO_PHI_HASH_H
#define ECHO_PHI_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a with a seed folded into the offset basis, then a final mix so that
 * the low bits are usable.  Callers feed bytes already lowercased (ASCII
 * only). */
static inline uint32_t phi_hash_init(uint32_t seed)
{
	return 2166136261u ^ (seed * 0x9e3779b9u);
}

static inline uint32_t phi_hash_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

static inline uint32_t phi_hash_final(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x7feb352du;
	h ^= h >> 15;
	h *= 0x846ca68bu;
	h ^= h >> 16;
	return h;
}

/* The filter in front of a membership set of hashes: one 64-bit word per
 * hash, in a power-of-two array of them, with three of its bits set.  The
 * generator sets them for every member; a hash whose three bits are not
 * all set is not in the set, and most words a set lacks are turned away
 * by one read of the small filter instead of a random line of the large
 * table (a line, a page and a TLB entry of their own in a short run).
 * Exact: a hash the filter lets through is looked up in the table, so
 * the answers are the table's. */
static inline uint64_t phi_filter_mix(uint32_t h)
{
	return (uint64_t)h * 0x9e3779b97f4a7c15u;
}

static inline size_t phi_filter_word(uint32_t h, unsigned word_bits)
{
	return (size_t)(phi_filter_mix(h) >> (64 - word_bits));
}

static inline uint64_t phi_filter_bits(uint32_t h)
{
	uint64_t m = phi_filter_mix(h);
	return 1ull << (m & 63) | 1ull << (m >> 6 & 63) | 1ull << (m >> 12 & 63);
}

static inline int phi_filter_may_hold(const uint64_t *filter, unsigned word_bits,
                                      uint32_t h)
{
	uint64_t bits = phi_filter_bits(h);
	return (filter[phi_filter_word(h, word_bits)] & bits) == bits;
}

/* The word list and its flags in one table of lines: a word's hash picks
 * its home line by its top bits, and its entry keeps the rest of the
 * hash, how many lines past its home it had to go (a full line sends a
 * word on to the next), and its flags (never 0):
 *     hash << PHI_DICT_LINE_BITS | lines past home << 8 | flags
 * Home and rest together are the whole hash, so the table answers as a
 * table of whole hashes does; and a word's hash and flags share one
 * 64-byte line, where hashes and flags in two arrays took two lines and
 * two pages at every new word.  Entries fill a line from its start. */
#define PHI_DICT_LINE_WORDS 16
#define PHI_DICT_MAX_PAST 31
#define PHI_DICT_MIN_LINE_BITS 13

static inline size_t phi_dict_home(uint32_t h, unsigned line_bits)
{
	return (size_t)(h >> (32 - line_bits));
}

static inline uint32_t phi_dict_key(uint32_t h, unsigned line_bits, unsigned past)
{
	return h << line_bits | (uint32_t)past << 8;
}

/* Bytes of a context word in the generated keyword table, its NUL
 * included: the words are stored in the entries, not pointed at, so the
 * table is constant data the dynamic linker never relocates (pointers
 * would be 900-odd relocations and dirtied pages at every start). */
#define PHI_KEYWORD_BYTES 24

/* The second byte of a Latin-1 capital in UTF-8 (C3 80..C3 9E, but not
 * the multiplication sign): both sides fold it to the small letter, 0x20
 * on. */
static inline int phi_latin1_upper(unsigned char c)
{
	return c >= 0x80 && c <= 0x9E && c != 0x97;
}

static inline unsigned char phi_hash_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

#endif
