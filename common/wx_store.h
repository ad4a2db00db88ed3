/*
 * The stored form of an article: the article's fields as one compact
 * JSON object. The indexer packs these records into shared blocks
 * (wx_blocks.h); the decode functions here read a record compressed on
 * its own by wx_zcodec (optionally with the database's preset
 * dictionary), the layout of document data before blocks. Both binaries use this module; docs/schema.md describes
 * the layout. Not the search index: terms and values are wx_schema's.
 */
#ifndef WX_STORE_H
#define WX_STORE_H

#include "wx_article.h"
#include "wx_buf.h"
#include "wx_status.h"
#include "wx_zcodec.h"

/*
 * Encode a finished article into out (appended): compressed JSON.
 * *raw_len (may be NULL) receives the article's text size (title plus
 * body bytes), the "raw bytes" of --stats. z is a codec context to reuse
 * (NULL for a one-shot one); dict may be NULL.
 */
wx_status wx_store_encode(const wx_article *a, wx_zcodec *z,
                          const wx_zdict *dict, wx_buf *out,
                          size_t *raw_len, wx_err *err);

/* The article's text size (title plus body bytes): "raw bytes". */
size_t wx_store_raw_len(const wx_article *a);

/* The uncompressed JSON of an article, appended to out: what encode
 * compresses (and what dictionary training samples). */
wx_status wx_store_encode_json(const wx_article *a, wx_buf *out,
                               wx_err *err);

/*
 * Decode stored bytes into *a (initialised, empty; the caller resets it).
 * dict is the database's dictionary (NULL when it has none). WX_EFORMAT
 * when the bytes are not a stored article.
 */
wx_status wx_store_decode(const void *p, size_t n, const wx_zdict *dict,
                          wx_article *a, wx_err *err);

/* Parse a stored record's JSON text into *a (initialised, empty).
 * WX_EFORMAT when it is not a stored article. */
wx_status wx_store_parse(const char *json, size_t n, wx_article *a,
                         wx_err *err);

/*
 * Decode only as far as the JSON text (for --show --json): *out receives
 * the uncompressed JSON object (appended to out).
 */
wx_status wx_store_decode_json(const void *p, size_t n, const wx_zdict *dict,
                               wx_buf *out, wx_err *err);

/*
 * The article as a text report: a "Key: value" header block (Id, Title,
 * Agency, Date, Dateline, Topics, Places, then other metadata), a blank
 * line, and the body. The text reader reads this form back.
 */
wx_status wx_store_format_text(const wx_article *a, wx_buf *out);

#endif
