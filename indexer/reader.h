/*
 * The reader interface: one format, one file (indexer/reader_<fmt>.c),
 * one row in the registry (reader.c). A reader turns a wx_input into
 * articles; it never drops a record silently: a bad record comes back as
 * WX_EFORMAT with "file:line: reason" in err, and the next call goes on
 * with the following record.
 */
#ifndef WX_READER_H
#define WX_READER_H

#include "fieldmap.h"
#include "warncap.h"
#include "wx_article.h"
#include "wx_input.h"
#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>

/* Options a reader may need, from the command line. */
typedef struct wx_reader_opts {
    int default_year;   /* --default-year for dates without one; 0 if unset */
    const wx_fieldmap *fields;  /* --columns and --map; NULL for none */
    wx_warncap *warn;   /* where readers' own warnings go; NULL: print */
    char **last_mapping;    /* the column mapping printed last (malloc'd,
                               owned by the caller), so a run over many
                               exports of one layout prints it once;
                               NULL: print it for every file */
} wx_reader_opts;

typedef struct wx_reader_ops {
    const char *name;   /* --format name: "reuters-sgml", "jsonl"... */
    /*
     * How confident the format is that head[0..n) (the start of a file,
     * possibly decompressed) is its own: 0 (no) to 100 (certain).
     */
    int (*sniff)(const char *head, size_t n);
    /* Allocate reader state over in (not owned; outlives the state). */
    wx_status (*open)(wx_input *in, const wx_reader_opts *opts,
                      void **state, wx_err *err);
    /*
     * Fill *a (already initialised, empty) with the next article.
     * WX_OK: an article; WX_EOF: no more; WX_EFORMAT: a record was
     * skipped, err says "file:line: reason", call again; anything else
     * is fatal for this file (e.g. WX_EIO on a truncated .gz). On a
     * non-OK return *a is left reset. Readers do not call
     * wx_article_finish(); the indexer does.
     */
    wx_status (*next)(void *state, wx_article *a, wx_err *err);
    /* Free the state. NULL-safe. */
    void (*close)(void *state);
} wx_reader_ops;

/* One per format, defined in indexer/reader_<fmt>.c. */
extern const wx_reader_ops wx_reader_reuters_sgml;  /* reader_sgml.c */
extern const wx_reader_ops wx_reader_gigaword;      /* reader_gigaword.c */
extern const wx_reader_ops wx_reader_nitf;          /* reader_nitf.c */
extern const wx_reader_ops wx_reader_newsml;        /* reader_newsml.c */
extern const wx_reader_ops wx_reader_newsml1;       /* reader_newsml1.c */
extern const wx_reader_ops wx_reader_ninjs;         /* reader_ninjs.c */
extern const wx_reader_ops wx_reader_jsonl;         /* reader_jsonl.c */
extern const wx_reader_ops wx_reader_anpa;          /* reader_anpa.c */
extern const wx_reader_ops wx_reader_iptc7901;      /* reader_iptc7901.c */
extern const wx_reader_ops wx_reader_teletype;      /* reader_teletype.c */
extern const wx_reader_ops wx_reader_text;          /* reader_text.c */
extern const wx_reader_ops wx_reader_csv;           /* reader_csv.c */
extern const wx_reader_ops wx_reader_tsv;           /* reader_csv.c */

/* The registered formats, in detection order; NULL-terminated. */
extern const wx_reader_ops *const wx_reader_registry[];

/* The reader named name, or NULL. */
const wx_reader_ops *wx_reader_find(const char *name);

/* The best reader for a file starting with head, or NULL if none claims
 * it (sniff score 0 everywhere). */
const wx_reader_ops *wx_reader_detect(const char *head, size_t n);

#endif
