/*
 * Word coding of stored text, applied before deflate. Wire copy spends
 * most of its bytes on a few thousand words. Deflate can only code a
 * repeated word as a back-reference (two or three bytes of output, and
 * only within its 32 KiB window). Replacing each such word by a one- or
 * two-byte code first does two things: the window reaches twice as far
 * back, and Huffman coding prices each word by how often it occurs. On
 * Reuters records this stores about a sixth less than deflate alone.
 * The vocabulary is trained per index on sample articles and kept with
 * the deflate dictionary (wx_zcodec.h).
 *
 * Coded form (docs/schema.md mirrors it): the text's bytes, except
 *   - a word (a maximal run of ASCII letters, together with the space
 *     before it when the vocabulary holds that form) whose lower-case
 *     form is in the vocabulary, written in lower case, Capitalised or
 *     in UPPER case (two letters or more), becomes [flag] code:
 *       flag  0x02 UPPER, 0x03 Capitalised, none for lower case;
 *       code  one byte for entries 0-24: 0x04-0x08, 0x0b, 0x0c,
 *             0x0e-0x1f in that order; two bytes 0xf5 + k / 256,
 *             k % 256 for entry 25 + k (k < 2816);
 *   - a text byte that has one of those values (0x01-0x08, 0x0b, 0x0c,
 *     0x0e-0x1f, 0xf5-0xff) is written after an escape byte 0x01.
 * JSON text holds no raw control bytes and UTF-8 never holds 0xf5-0xff,
 * so escapes are rare in practice; any byte string still round-trips.
 *
 * Vocabulary layout: the entry count (2 bytes, little-endian), then per
 * entry one length byte (1 to WX_WORD_MAX) and the entry: an optional
 * leading space, then lower-case ASCII letters.
 */
#ifndef WX_WORDS_H
#define WX_WORDS_H

#include "wx_buf.h"
#include "wx_status.h"

#include <stddef.h>

enum {
    WX_WORDS_MAX = 25 + 11 * 256,   /* entries: the codes there are */
    WX_WORD_MAX = 32                /* bytes per entry, space included */
};

typedef struct wx_words wx_words;

/*
 * Train a vocabulary on n sample texts and append its layout to out:
 * the entries that save the most bytes over the samples (occurrences
 * times bytes saved), at most WX_WORDS_MAX. Deterministic for the same
 * samples; an empty vocabulary (count 0) when they share no words.
 * WX_ENOMEM, or out's sticky error.
 */
wx_status wx_words_train(const char *const *samples, const size_t *lens,
                         size_t n, wx_buf *out /* IN/OUT */);

/*
 * Parse a vocabulary from the front of bytes[0, n); *used is its length.
 * WX_EFORMAT for a truncated layout, a bad entry or a repeated one,
 * WX_ENOMEM. Caller frees with wx_words_free().
 */
wx_status wx_words_new(const void *bytes, size_t n, size_t *used /* OUT */,
                       wx_words **out /* OUT */, wx_err *err);

/* NULL-safe. */
void wx_words_free(wx_words *w);

/* The number of entries. */
size_t wx_words_count(const wx_words *w);

/* Append the coded form of src[0, n) to out. out's sticky error. */
wx_status wx_words_encode(const wx_words *w, const void *src, size_t n,
                          wx_buf *out /* IN/OUT */);

/*
 * Decode in[0, n) into out[0, cap): *got bytes are written and *used
 * bytes of in consumed. Decoding stops when in ends (a token cut by its
 * end is left unconsumed) or out is full (a word that crosses cap is cut
 * there). WX_EFORMAT for a code past the vocabulary or a flag that is
 * not followed by a code.
 */
wx_status wx_words_decode(const wx_words *w, const void *in, size_t n,
                          void *out, size_t cap, size_t *used /* OUT */,
                          size_t *got /* OUT */, wx_err *err);

#endif
