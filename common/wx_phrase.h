/*
 * Compact word positions: phrase and NEAR matching without Xapian's
 * position table.
 *
 * Xapian keeps one B-tree entry per (term, document) pair for positions:
 * on wire copy that table outweighs the raw text and writing it is about
 * 40% of the indexing time. Instead each document carries its word
 * sequence in one value slot, a 32-bit fingerprint per position, and a
 * phrase is matched as the AND of its words filtered by a scan of that
 * sequence. A false match needs two different words with equal 31-bit
 * fingerprints at the right distance in the same document.
 *
 * Encoding (little-endian 32-bit entries, in position order):
 *   bit 31 clear: the next position; bits 0..30 the term's fingerprint
 *                 (never 0);
 *   bit 31 set:   another term at the same position as the entry before;
 *   0:            a break (a jump in positions, such as between the title
 *                 and the body): no phrase or window spans it.
 */
#ifndef WX_PHRASE_H
#define WX_PHRASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The fingerprint of a term: 31 bits, never 0. */
uint32_t wx_phrase_hash(const char *term, size_t len);

/*
 * Encode n (position, fingerprint) pairs, sorted by position, into out,
 * which has room for 4 * (2 * n) bytes. Returns the bytes written.
 */
size_t wx_phrase_encode(const uint32_t *pos, const uint32_t *hash, size_t n,
                        unsigned char *out);

/* One word of a pattern: any of n fingerprints matches it. */
typedef struct wx_phrase_word {
    const uint32_t *alts;
    size_t n;
} wx_phrase_word;

/*
 * Whether the encoded sequence seq (len bytes) holds the k words within
 * a window of `window` positions: in order for a phrase (ordered), in
 * any order for NEAR.
 */
bool wx_phrase_match(const unsigned char *seq, size_t len,
                     const wx_phrase_word *words, size_t k, unsigned window,
                     bool ordered);

#endif
