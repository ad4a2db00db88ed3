/*
 * Article → Xapian document, driven by the schema table: the one place
 * that decides which terms, values and stored data an article gets.
 * Used by the sequential loop and by parallel shard builders alike.
 */
#ifndef WX_DOCUMENT_H
#define WX_DOCUMENT_H

#include "index.h"
#include "wx_article.h"
#include "wx_buf.h"
#include "wx_xapian.h"
#include "wx_zcodec.h"

/* Reusable scratch state for building documents (one per thread). */
typedef struct wx_docbuilder {
    wx_termgen *tg;          /* owned */
    wx_zcodec *z;            /* owned: reused deflate state */
    wx_buf stored;           /* scratch for the stored record */
} wx_docbuilder;

/* Set up a builder for stemmer language lang, indexing words and their
 * stems, or stems alone with stem_all. Free with wx_docbuilder_free. */
wx_status wx_docbuilder_init(wx_docbuilder *b, const char *lang,
                             bool stem_all, wx_err *err);
void wx_docbuilder_free(wx_docbuilder *b);

/*
 * Build *out (caller frees with wx_doc_free) and its unique id term
 * *uterm (caller frees with free()) from a finished article, with the
 * article's record (wx_store.h) as its data. *raw and *stored receive
 * the text and record sizes.
 */
wx_status wx_docbuilder_build(wx_docbuilder *b, const wx_article *a,
                              wx_doc **out, char **uterm, size_t *raw,
                              size_t *stored, wx_err *err);

/*
 * Build a's document and write it into db (writable), replacing any
 * article with the same id, and count it in *c.
 * WX_EFORMAT, WX_ETOOBIG or WX_EINVAL: this article cannot be stored
 * (err says why, with file:line; nothing written; go on). Anything else
 * is a database failure.
 */
wx_status wx_docbuilder_write(wx_docbuilder *b, wx_db *db,
                              const wx_article *a, wx_index_counts *c,
                              wx_err *err);

#endif
