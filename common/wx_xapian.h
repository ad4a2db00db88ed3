/*
 * The pure-C face of Xapian: opaque handles over Xapian's C++ objects.
 * This is the thin wall between C and C++: no schema and no search
 * policy here, only Xapian calls with every exception turned into a
 * wx_status and a message. How a search is run (facet counters, caches,
 * two threads) is searcher/wx_match.h's, the only other C++.
 *
 * Ownership: every _new or _open call returns a handle the caller frees with
 * the matching _free or _close, which accept NULL. Strings returned as
 * char * are malloc'd and freed by the caller with free().
 */
#ifndef WX_XAPIAN_H
#define WX_XAPIAN_H

/* wx_status.h has no C++ guards of its own: give wx_err_set() and
 * wx_status_str() C linkage when the wrapper (C++) includes it. */
#ifdef __cplusplus
extern "C" {
#endif
#include "wx_status.h"
#ifdef __cplusplus
}
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wx_db wx_db;           /* a database, read-only or writable */
typedef struct wx_doc wx_doc;         /* a document being built or read */
typedef struct wx_termgen wx_termgen; /* Xapian::TermGenerator + stemmer */
typedef struct wx_qparser wx_qparser; /* Xapian::QueryParser + stemmer */
typedef struct wx_query wx_query;     /* Xapian::Query */

typedef uint32_t wx_docid;

/* ---- databases ---- */

enum {
    WX_DB_CREATE = 1 << 0,  /* writable: create if missing */
    WX_DB_BULK = 1 << 1,    /* writable: skip fsync per commit (fresh bulk
                               load; a crash may lose the last commits,
                               never corrupt committed ones) */
    WX_DB_BATCHED = 1 << 2, /* writable: the changes between two commits
                               are one transaction, so a handle closed
                               after a failure discards them instead of
                               committing half a batch */
};

/*
 * Open a database for reading. path may also be a stub file listing
 * shards or remote backends (Xapian's own stub format). WX_EDB when it
 * does not exist or is not a Xapian database.
 */
wx_status wx_db_open(const char *path, wx_db **out, wx_err *err);

/*
 * Open (or with WX_DB_CREATE create) a database for writing.
 * WX_ELOCKED when another writer holds it; WX_EDB otherwise. An
 * existing database keeps the tables it has: one without a termlist
 * table (built by the withdrawn --append-only) is opened as it is, so
 * that wx_db_can_replace() can tell.
 */
wx_status wx_db_open_writable(const char *path, unsigned flags,
                              wx_db **out, wx_err *err);

/*
 * *out: whether documents of db can be replaced and deleted, and read
 * by remote clients, which needs Xapian's termlist table (absent from a
 * database built by the withdrawn --append-only). Every sub-database of
 * a stub is asked; an empty one answers true.
 */
wx_status wx_db_can_replace(wx_db *db, bool *out, wx_err *err);

/* Whether db is one database directory on this machine (opened
 * writable, or read-only from a directory that is not a stub): only
 * then may a search use local-only speed-ups (wx_match.h). */
bool wx_db_local(const wx_db *db);

/* Reopen a reader at the newest revision (after WX_EMODIFIED). */
wx_status wx_db_reopen(wx_db *db, wx_err *err);

/* Close and free. A writable database is committed first by Xapian
 * unless wx_db_abandon() was called. NULL-safe. */
void wx_db_close(wx_db *db);

/* Number of documents. */
wx_status wx_db_doccount(wx_db *db, uint64_t *out, wx_err *err);

/* Highest document id used so far (0 when empty). */
wx_status wx_db_lastdocid(wx_db *db, wx_docid *out, wx_err *err);

/* Make all changes since the last commit durable, atomically. */
wx_status wx_db_commit(wx_db *db, wx_err *err);

/* Metadata by key. *out is malloc'd; NULL with WX_OK when unset. */
wx_status wx_db_get_metadata(wx_db *db, const char *key, char **out,
                             size_t *outlen, wx_err *err);
wx_status wx_db_set_metadata(wx_db *db, const char *key, const void *val,
                             size_t len, wx_err *err);

/* Documents containing term (0 when none). */
wx_status wx_db_termfreq(wx_db *db, const char *term, uint64_t *out,
                         wx_err *err);

/* The first document containing term; WX_ENOTFOUND when none. */
wx_status wx_db_find_term(wx_db *db, const char *term, wx_docid *out,
                          wx_err *err);

/* Replace the documents indexed by the unique term with doc, or add doc
 * when none has it. *docid (may be NULL) receives its id. */
wx_status wx_db_replace(wx_db *db, const char *uterm, wx_doc *doc,
                        wx_docid *docid, wx_err *err);

/* Add doc without looking for an earlier version (fresh bulk loads). */
wx_status wx_db_add(wx_db *db, wx_doc *doc, wx_docid *docid, wx_err *err);

/* Delete every document indexed by term; *deleted (may be NULL) tells
 * whether any was. */
wx_status wx_db_delete_term(wx_db *db, const char *term, bool *deleted,
                            wx_err *err);

/* Read a document by id. WX_ENOTFOUND when absent. */
wx_status wx_db_get_doc(wx_db *db, wx_docid id, wx_doc **out, wx_err *err);

/*
 * Iterate the values in a slot over all documents: fn is called with each
 * (docid, value) and stops the walk when it returns false.
 */
typedef bool (*wx_value_fn)(void *ctx, wx_docid id, const char *val,
                            size_t len);
wx_status wx_db_each_value(wx_db *db, unsigned slot, wx_value_fn fn,
                           void *ctx, wx_err *err);

/* Iterate all documents in docid order with their data (valid during
 * the call only); fn stops the walk when it returns false. */
typedef bool (*wx_doc_fn)(void *ctx, wx_docid id, const char *data,
                          size_t len);
wx_status wx_db_each_doc(wx_db *db, wx_doc_fn fn, void *ctx, wx_err *err);

/* Iterate all terms with a prefix, with their term frequencies. */
typedef bool (*wx_term_fn)(void *ctx, const char *term, size_t len,
                           uint64_t termfreq);
wx_status wx_db_each_term(wx_db *db, const char *prefix, wx_term_fn fn,
                          void *ctx, wx_err *err);

/* Add every database in src (a shard) into a new compacted database at
 * dst, with Xapian's compactor. paths[0..n) are the sources. */
wx_status wx_db_compact(const char *const *paths, size_t n, const char *dst,
                        wx_err *err);

/* Iterate the spelling table (behind "did you mean"): every word with
 * its spelling frequency, in byte order; fn stops the walk when it
 * returns false. */
wx_status wx_db_each_spelling(wx_db *db, wx_term_fn fn, void *ctx,
                              wx_err *err);

/* Change word's spelling frequency by delta: added when delta > 0,
 * removed (down to none) when delta < 0. Writable databases only;
 * commit to keep it. */
wx_status wx_db_add_spelling(wx_db *db, const char *word, size_t len,
                             int64_t delta, wx_err *err);

/* Run Xapian's own consistency check over path; messages go to stderr
 * only on failure (WX_EDB). */
wx_status wx_db_check(const char *path, wx_err *err);

/* ---- documents ---- */

wx_status wx_doc_new(wx_doc **out, wx_err *err);
void wx_doc_free(wx_doc *doc);

wx_status wx_doc_set_data(wx_doc *doc, const void *p, size_t n, wx_err *err);
/* The document's data; *out points into the document, valid until it is
 * freed or changed. */
wx_status wx_doc_get_data(wx_doc *doc, const char **out, size_t *len,
                          wx_err *err);
wx_status wx_doc_add_boolean_term(wx_doc *doc, const char *term,
                                  wx_err *err);
wx_status wx_doc_set_value(wx_doc *doc, unsigned slot, const void *p,
                           size_t n, wx_err *err);
/* A value of a document read from the database; *out malloc'd. */
wx_status wx_doc_get_value(wx_doc *doc, unsigned slot, char **out,
                           size_t *len, wx_err *err);
/* Count the terms of a document that start with prefix. */
wx_status wx_doc_count_terms(wx_doc *doc, const char *prefix, size_t *out,
                             wx_err *err);
/* ---- indexing text ---- */

enum {
    WX_TG_SPELLING = 1 << 0,  /* feed the database's spelling table */
    WX_TG_STEM_ALL = 1 << 1,  /* index only stems (one posting per word) */
    WX_TG_STEM_NONE = 1 << 2  /* index words unstemmed */
};

/* A term generator for language lang (a Xapian stemmer name: "english",
 * "none"...). WX_EINVAL for an unknown language. db is needed only with
 * WX_TG_SPELLING and must outlive the generator. */
wx_status wx_termgen_new(const char *lang, unsigned flags, wx_db *db,
                         wx_termgen **out, wx_err *err);
void wx_termgen_free(wx_termgen *tg);

/* Direct the generator's terms to doc (not owned; must outlive use). */
void wx_termgen_set_doc(wx_termgen *tg, wx_doc *doc);

/* Index text with positions; each word counts wdf times; prefix may be
 * "". Positions continue from the previous call. */
wx_status wx_termgen_index(wx_termgen *tg, const char *text, size_t len,
                           unsigned wdf, const char *prefix, wx_err *err);

/* Leave a gap in positions, so phrases do not span two fields. */
void wx_termgen_gap(wx_termgen *tg);

/* Words the generator then drops altogether (no term, no stem);
 * words[0..n) are copied. */
wx_status wx_termgen_set_stopwords(wx_termgen *tg, const char *const *words,
                                   size_t n, wx_err *err);

/*
 * The terms a search for text should match, made by the generator
 * exactly as it indexes text: for each word its stem term (Z...) when
 * the generator made one, else the word itself; each once, in term
 * order, with its count in text (fn's last argument is that count, not
 * a term frequency). fn stops the walk when it returns false. Goes to
 * no document.
 */
wx_status wx_termgen_query_terms(wx_termgen *tg, const char *text,
                                 size_t len, wx_term_fn fn, void *ctx,
                                 wx_err *err);

/* The positional terms the generator makes of text (words, or stems
 * with WX_TG_STEM_ALL), in text order; fn's last argument is the
 * position. Stopwords set on the generator are left out. */
wx_status wx_termgen_words_in_order(wx_termgen *tg, const char *text,
                                    size_t len, wx_term_fn fn, void *ctx,
                                    wx_err *err);

/* ---- queries ---- */

enum {
    WX_QP_BOOLEAN = 1 << 0,      /* AND OR NOT XOR */
    WX_QP_PHRASE = 1 << 1,       /* "exact phrases" */
    WX_QP_LOVEHATE = 1 << 2,     /* +word -word */
    WX_QP_WILDCARD = 1 << 3,     /* embass* */
    WX_QP_SPELLING = 1 << 4,     /* compute a corrected query */
    WX_QP_BOOLEAN_ANY_CASE = 1 << 5, /* "and" works like "AND" */
    WX_QP_PURE_NOT = 1 << 6      /* NOT x alone */
};

enum { WX_OP_AND, WX_OP_OR, WX_OP_AND_NOT, WX_OP_FILTER,
       WX_OP_AND_MAYBE, WX_OP_ELITE_SET };

/* A parser with stemming for lang ("none" for no stemming). db (may be
 * NULL) is used for wildcards and spelling, and must outlive the parser. */
wx_status wx_qparser_new(const char *lang, wx_db *db, wx_qparser **out,
                         wx_err *err);
void wx_qparser_free(wx_qparser *qp);

/* Register "field:" for free text searched under term prefix. */
wx_status wx_qparser_add_prefix(wx_qparser *qp, const char *field,
                                const char *prefix, wx_err *err);
/* Register "field:" as an exact filter term under prefix; values are
 * taken verbatim (the caller case-folds the query text). Several
 * values of an exclusive field in one query are ORed (a document has
 * one), of a non-exclusive field ANDed. */
wx_status wx_qparser_add_boolean_prefix(wx_qparser *qp, const char *field,
                                        const char *prefix, bool exclusive,
                                        wx_err *err);
/* Register "field:A..B" as a date range over slot holding YYYYMMDD. */
wx_status wx_qparser_add_date_range(wx_qparser *qp, const char *field,
                                    unsigned slot, wx_err *err);
/* The default operator between words: WX_OP_AND or WX_OP_OR. */
void wx_qparser_set_default_op(wx_qparser *qp, int op);
/* Stem all words (STEM_ALL) instead of Xapian's default STEM_SOME. */
void wx_qparser_set_stem_all(wx_qparser *qp, bool all);
/* Expand a wildcard (embass*) to at most max terms, keeping the most
 * frequent ones; 0 for no limit. */
/* Words the parser drops from a query when other words remain (Xapian's
 * SimpleStopper); words[0..n) are copied. Phrases keep them. */
wx_status wx_qparser_set_stopwords(wx_qparser *qp, const char *const *words,
                                   size_t n, wx_err *err);

wx_status wx_qparser_set_max_wildcard(wx_qparser *qp, unsigned max,
                                      wx_err *err);

/* Parse text with WX_QP_* flags. WX_EQUERY with Xapian's reason. */
wx_status wx_qparser_parse(wx_qparser *qp, const char *text, unsigned flags,
                           wx_query **out, wx_err *err);
/* After a parse with WX_QP_SPELLING: the corrected query, or NULL. */
char *wx_qparser_corrected(wx_qparser *qp);

/* A query matching one term, all documents, or no documents. */
wx_status wx_query_term(const char *term, wx_query **out, wx_err *err);
wx_status wx_query_all(wx_query **out, wx_err *err);
/* Documents whose slot value lies in [lo, hi]; NULL for an open end. */
wx_status wx_query_range(unsigned slot, const char *lo, const char *hi,
                         wx_query **out, wx_err *err);
/* Combine a and b with WX_OP_*; a and b are not consumed. */
wx_status wx_query_combine(int op, const wx_query *a, const wx_query *b,
                           wx_query **out, wx_err *err);
/* terms[0..n) joined with WX_OP_AND, WX_OP_OR or WX_OP_ELITE_SET (param:
 * the elite set's size, 0 for Xapian's default); wqf (may be NULL) gives
 * each term's weight in the query (its count). */
wx_status wx_query_terms(int op, const char *const *terms,
                         const unsigned *wqf, size_t n, unsigned param,
                         wx_query **out, wx_err *err);
/* Documents where terms a and b lie within window positions of each
 * other, in either order (Xapian's OP_NEAR). */
wx_status wx_query_near(const char *a, const char *b, unsigned window,
                        wx_query **out, wx_err *err);
/* q with every weight it gives multiplied by factor (>= 0). */
wx_status wx_query_scale(const wx_query *q, double factor, wx_query **out,
                         wx_err *err);
/* Xapian's description of the query, for tests and --debug. malloc'd. */
char *wx_query_describe(const wx_query *q);
bool wx_query_empty(const wx_query *q);
void wx_query_free(wx_query *q);

/* ---- text utilities backed by Xapian's Unicode tables ---- */

/* Lower-case a UTF-8 string (Unicode-aware). malloc'd; NULL on ENOMEM. */
char *wx_xapian_lower(const char *s, size_t len);

/* Xapian's library version string, for --version. */
const char *wx_xapian_version(void);

#ifdef __cplusplus
}
#endif

#endif
