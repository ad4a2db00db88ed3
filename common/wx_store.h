/*
 * The stored form of an article: the article's fields as one compact
 * JSON object, word-coded and deflated with the current built-in
 * dictionary (wx_zdicts.h) into a wx_zcodec record that is the whole of
 * its Xapian document's data. A record needs nothing but itself and the
 * binary to decode, so any database Xapian opens (stubs over shards,
 * remote servers, replicas) reads it. Both binaries use this module;
 * docs/schema.md describes the layout. Not the search index: terms and
 * values are wx_schema's.
 */
#ifndef WX_STORE_H
#define WX_STORE_H

#include "wx_article.h"
#include "wx_buf.h"
#include "wx_status.h"
#include "wx_zcodec.h"

/*
 * Encode a finished article into out (appended): its record. *raw_len
 * (may be NULL) receives the article's text size (title plus body
 * bytes), the "raw bytes" of --stats. z is a codec context to reuse
 * (NULL for a one-shot one).
 */
wx_status wx_store_encode(const wx_article *a, wx_zcodec *z, wx_buf *out,
                          size_t *raw_len, wx_err *err);

/* The article's text size (title plus body bytes): "raw bytes". */
size_t wx_store_raw_len(const wx_article *a);

/* The uncompressed JSON of an article, appended to out: what encode
 * compresses (and what --export prints). */
wx_status wx_store_encode_json(const wx_article *a, wx_buf *out,
                               wx_err *err);

/*
 * Decode a record into *a (initialised, empty; the caller resets it).
 * z is a codec context to reuse, or NULL. WX_EFORMAT when the bytes are
 * not a stored article (corrupt, truncated, an older layout, or a
 * dictionary this binary does not have: err says which).
 */
wx_status wx_store_decode(const void *p, size_t n, wx_zcodec *z,
                          wx_article *a, wx_err *err);

/* Parse a stored record's JSON text into *a (initialised, empty).
 * WX_EFORMAT when it is not a stored article. */
wx_status wx_store_parse(const char *json, size_t n, wx_article *a,
                         wx_err *err);

/*
 * Decode only as far as the JSON text (for --show --json, --export):
 * the uncompressed JSON object is appended to out. Statuses as decode,
 * plus out's own (WX_ETOOBIG, WX_ENOMEM); nothing appended on failure.
 */
wx_status wx_store_decode_json(const void *p, size_t n, wx_zcodec *z,
                               wx_buf *out, wx_err *err);

/*
 * The article as a text report: a "Key: value" header block (Id, Title,
 * Agency, Date, Dateline, Topics, Places, then other metadata), a blank
 * line, and the body. The text reader reads this form back.
 */
wx_status wx_store_format_text(const wx_article *a, wx_buf *out);

#endif
