/*
 * The codec of stored article text: one small versioned header in front
 * of raw deflate, optionally primed with a preset dictionary trained on
 * sample articles (short news reports share much boilerplate). One call
 * packs one article; this is not a container or a stream format.
 *
 * Byte layout of a packed record, version 1 (docs/schema.md mirrors it):
 *
 *   byte 0     format
 *                0x00 stored: the payload is the text itself; chosen
 *                     whenever deflate would not be smaller (tiny texts)
 *                0x01 raw deflate (RFC 1951, windowBits -15: no zlib or
 *                     gzip wrapper, which would cost 6 or 18 bytes)
 *                0x02 raw deflate primed with a preset dictionary
 *                0x03 the text word-coded with the dictionary's
 *                     vocabulary (wx_words.h), then as 0x02
 *                0x04 as 0x03, with a dictionary built into the binary
 *                     (wx_zdicts.h), named by its number
 *   bytes 1-4  0x02/0x03 only: dictionary id, little-endian, the CRC-32
 *              of the dictionary value (see wx_zdict_id)
 *   byte 1     0x04 only: the built-in dictionary's number, 1 to 255
 *   next 1-10  uncompressed length, unsigned LEB128: 7 bits per byte,
 *              least significant group first, the high bit set on every
 *              byte but the last; at most 10 bytes, no overflow
 *   next 1-10  0x03/0x04 only: the length of the coded text, LEB128
 *   rest       payload: for 0x00 exactly `length` bytes; for 0x01/0x02
 *              one complete deflate stream that ends exactly at the end
 *              of the record and inflates to exactly `length` bytes; for
 *              0x03/0x04 one that inflates to exactly the coded length, which
 *              decodes to exactly `length` bytes
 *
 * Examples: "" packs to 00 00; "hi" to 00 02 68 69; a 300-byte text
 * deflated without a dictionary starts 01 ac 02.
 *
 * Raw deflate carries no checksum, so a record is only as safe as the
 * store under it; the length and the dictionary id catch the common
 * mix-ups (wrong dictionary, truncated value).
 */
#ifndef WX_ZCODEC_H
#define WX_ZCODEC_H

#include "wx_buf.h"
#include "wx_status.h"
#include "wx_words.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    WX_ZCODEC_STORED = 0x00,
    WX_ZCODEC_DEFLATE = 0x01,
    WX_ZCODEC_DEFLATE_DICT = 0x02,
    WX_ZCODEC_WORDS_DICT = 0x03,
    WX_ZCODEC_WORDS_BUILTIN = 0x04,
    WX_ZDICT_MAX = 32768,      /* deflate's window: longer is useless */
    /* a dictionary value: preset, vocabulary and their header */
    WX_ZDICT_VALUE_MAX = WX_ZDICT_MAX + 2 + WX_WORDS_MAX * (1 + WX_WORD_MAX)
                         + 16
};

/* ---- The varint of the header (unsigned LEB128), also used by
 * wx_blocks ---- */

typedef enum wx_varint_status {
    WX_VARINT_OK,
    WX_VARINT_TRUNCATED,    /* the bytes end inside it */
    WX_VARINT_LONG,         /* more than 10 bytes */
    WX_VARINT_OVERFLOW      /* over 64 bits */
} wx_varint_status;

/* Write v at p (room for 10 bytes); returns the bytes written. */
size_t wx_zcodec_put_varint(unsigned char *p, uint64_t v);

/* Read one varint from p[*pos, n) into *out, advancing *pos; on failure
 * neither changes. */
wx_varint_status wx_zcodec_get_varint(const unsigned char *p, size_t n,
                                      size_t *pos, uint64_t *out);

/* ---- Preset dictionaries ---- */

/*
 * A dictionary value (what an index keeps under its dictionary key) is
 * either
 *   - a preset alone: 1 to WX_ZDICT_MAX bytes that do not start with
 *     the magic below (indexes written before word coding); or
 *   - the 4 bytes 00 'w' 'x' 'd', a version byte 0x01, a vocabulary
 *     (layout in wx_words.h), then the preset (0 to WX_ZDICT_MAX
 *     bytes). Records packed with it use format 0x03.
 */
typedef struct wx_zdict wx_zdict;

/*
 * Make a dictionary from a value of n bytes (copied). WX_EINVAL when n
 * is 0 or the value is too long, WX_EFORMAT for a bad vocabulary,
 * WX_ENOMEM. Caller frees with wx_zdict_free().
 */
wx_status wx_zdict_new(const void *bytes, size_t n,
                       wx_zdict **out /* OUT */, wx_err *err);

/*
 * A built-in dictionary: the same value layout (it must have a
 * vocabulary), but records packed with it use format 0x04 and name it by
 * number (1 to 255) instead of a CRC. WX_EINVAL for a bad number,
 * WX_EFORMAT without a vocabulary, else as wx_zdict_new.
 */
wx_status wx_zdict_new_builtin(unsigned number, const void *bytes, size_t n,
                               wx_zdict **out /* OUT */, wx_err *err);

/* Whether d is a built-in dictionary (then wx_zdict_id is its number). */
bool wx_zdict_builtin(const wx_zdict *d);

/* NULL-safe. */
void wx_zdict_free(wx_zdict *d);

/* The id written after formats 0x02/0x03: CRC-32 of the value; for a
 * built-in dictionary, its number (format 0x04). */
uint32_t wx_zdict_id(const wx_zdict *d);

/* The dictionary value and its length; owned by d. */
const void *wx_zdict_bytes(const wx_zdict *d, size_t *n /* OUT */);

/* The vocabulary's entry count (0 for a preset alone). */
size_t wx_zdict_words(const wx_zdict *d);

/*
 * Build a dictionary value from sample texts and append it to out: a
 * vocabulary trained on them (wx_words_train), then a preset of at
 * most dict_size bytes trained on their coded form (wx_zdict_train).
 * Statuses as wx_zdict_train.
 */
wx_status wx_zdict_build(const char *const *samples, const size_t *lens,
                         size_t nsamples, size_t dict_size,
                         wx_buf *out /* IN/OUT */);

/*
 * Build a preset dictionary of at most dict_size bytes (capped at
 * WX_ZDICT_MAX) from sample texts and append it to out.
 *
 * Method (a simplified "cover" selection):
 *  1. For every 8-byte substring of the samples, count the number of
 *     samples containing it (hashed; collisions only blur the counts).
 *  2. Cut the samples, taken as one stream, into dict_size / 64 equal
 *     epochs. In each epoch pick the 64-byte window whose distinct
 *     8-byte substrings have the highest summed count (substrings seen
 *     in one sample only count zero), then zero the counts of the
 *     substrings it covers so that later epochs pick new material.
 *  3. Concatenate the picked windows by increasing score: deflate
 *     reaches near distances with fewer bits, so the most useful
 *     material sits at the end, next to the text being compressed.
 * Fewer than dict_size bytes (even none) result when the samples share
 * little. Deterministic for the same samples.
 *
 * Returns WX_OK, or out's sticky error (WX_ENOMEM, WX_ETOOBIG), or
 * WX_ENOMEM for the working tables.
 */
wx_status wx_zdict_train(const char *const *samples, const size_t *lens,
                         size_t nsamples, size_t dict_size,
                         wx_buf *out /* IN/OUT */);

/* ---- Packing and unpacking ---- */

/*
 * A codec context keeps the deflate and inflate streams between calls
 * (reset, not rebuilt), and a deflate stream primed with the last
 * dictionary packed with, copied for each record (a third faster than
 * priming each with its preset), which matters for many short articles. Not
 * thread-safe: one context per thread. level is zlib's: -1 (default)
 * or 1..9. WX_EINVAL for another level, WX_ENOMEM. Caller frees with
 * wx_zcodec_free().
 */
typedef struct wx_zcodec wx_zcodec;

wx_status wx_zcodec_new(int level, wx_zcodec **out /* OUT */,
                        wx_err *err);

/* NULL-safe. */
void wx_zcodec_free(wx_zcodec *z);

/*
 * Pack n bytes of src and append the record to out. With dict (may be
 * NULL) the record uses format 0x04 when dict is built in, 0x03 when it
 * has a vocabulary, else 0x02; without dict 0x01; any falls back to 0x00 when that is no
 * larger. WX_ENOMEM, or WX_ETOOBIG when out's
 * maximum is reached (out keeps its sticky error; nothing is appended).
 */
wx_status wx_zcodec_pack(wx_zcodec *z, const void *src, size_t n,
                         const wx_zdict *dict, wx_buf *out /* IN/OUT */,
                         wx_err *err);

/*
 * Unpack the record src[0, n) and append the text to out (NUL-terminated
 * by wx_buf). Never reads outside src[0, n). dict is needed for format
 * 0x02/0x03 and ignored otherwise.
 *   WX_ETOOBIG  the text is longer than max bytes (checked from the
 *               header before any work), or out's maximum is reached
 *   WX_EFORMAT  unknown format, bad or truncated header or stream, a
 *               length mismatch, bytes after the stream, a missing
 *               dictionary or one whose id differs from the record's
 *   WX_ENOMEM
 * Nothing is appended on failure.
 */
wx_status wx_zcodec_unpack(wx_zcodec *z, const void *src, size_t n,
                           const wx_zdict *dict, size_t max,
                           wx_buf *out /* IN/OUT */, wx_err *err);

/*
 * Like unpack, but stop once the first want bytes of the text (at most
 * all of it) are appended to out: an entry near the front of a block
 * needs no more. The rest of the stream is not checked. Same statuses,
 * with WX_EFORMAT also for a stream that ends before want bytes.
 */
wx_status wx_zcodec_unpack_prefix(wx_zcodec *z, const void *src, size_t n,
                                  const wx_zdict *dict, size_t want,
                                  wx_buf *out /* IN/OUT */, wx_err *err);

/*
 * One-shot forms of pack and unpack over a temporary context: simpler,
 * slower for many small records. Same statuses (plus WX_EINVAL for a
 * bad level).
 */
wx_status wx_zcodec_compress(const void *src, size_t n,
                             const wx_zdict *dict, int level,
                             wx_buf *out /* IN/OUT */, wx_err *err);
wx_status wx_zcodec_decompress(const void *src, size_t n,
                               const wx_zdict *dict, size_t max,
                               wx_buf *out /* IN/OUT */, wx_err *err);

/*
 * Read a record's header only: its format, dictionary id (0 unless
 * format 0x02 or 0x03; the number for 0x04) and uncompressed length. For --check and statistics.
 * WX_EFORMAT for an unknown format or a bad or truncated header.
 */
wx_status wx_zcodec_inspect(const void *src, size_t n,
                            int *format /* OUT */,
                            uint32_t *dict_id /* OUT */,
                            size_t *len /* OUT */, wx_err *err);

#endif
