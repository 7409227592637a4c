/* The word hash shared by the PHI scanner (phi_lex.c) and the build-time table
 * generator (gen_phi_words.c): both must agree on it byte for byte. */
#ifndef ECHO_PHI_HASH_H
#define ECHO_PHI_HASH_H

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
