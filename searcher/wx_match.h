/*
 * How a search is run over any database Xapian opens (one index, a stub
 * over shards, remote shards served by stock xapian-tcpsrv, a replica):
 * one page of ranked hits, the match count and facet counts over the
 * whole match set, with Xapian's own serialisable ValueCountMatchSpy so
 * that remote servers count too. Where no part is remote, one local spy
 * reads each match's values in one pass instead; on one local database,
 * and only there, two more speed-ups give the same answers faster: facet
 * values cached in memory, and a search split over two cores. Wildcards are expanded
 * against the whole database before the match, so that every shard
 * sees the same terms with the same statistics. The C++ is wx_match.cc;
 * ownership follows wx_xapian.h (every _new freed by its _free, NULL-safe).
 */
#ifndef WX_MATCH_H
#define WX_MATCH_H

#include "wx_xapian.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wx_mset wx_mset;               /* one page + facets */
typedef struct wx_facet_cache wx_facet_cache; /* slot values in memory */

enum { WX_SORT_RELEVANCE, WX_SORT_VALUE_ASC, WX_SORT_VALUE_DESC };

/*
 * A facet is one value slot, or a span of consecutive slots holding a
 * multi-valued field one value per slot, filled from the first (a
 * document's i-th value in first + i), so that a stock ValueCountMatchSpy
 * per slot counts each value exactly. Only slots some document uses
 * (Xapian's value frequency, which every backend answers) are counted.
 */
typedef struct wx_search_spec {
    unsigned offset;          /* first hit to return */
    unsigned limit;           /* hits to return */
    int sort;                 /* WX_SORT_* */
    unsigned sort_slot;       /* with WX_SORT_VALUE_*: the slot */
    unsigned check_at_least;  /* make counts exact up to this many */
    double time_limit;        /* seconds; 0 for none */
    const unsigned *facet_slots; /* first slot of each facet */
    const unsigned *facet_spans; /* slots of each facet; NULL: one each */
    size_t nfacets;
    const wx_facet_cache *facet_cache; /* may be NULL; used for the
                                          facets it holds, on a local
                                          database only */
    unsigned max_wildcard;    /* a wildcard matches its most frequent
                                 terms up to this many; 0: all */
    unsigned split_min;       /* a local read-only database of at least
                                 this many documents is searched on two
                                 threads; 0: never */
    bool stock_spies;         /* count uncached facets with Xapian's stock
                                 spies, as for a remote part, not the
                                 one-pass local one (tests compare them) */
} wx_search_spec;

/*
 * The values of some facets for every document, read once from the value
 * streams into arrays, so that counting facets over a large match set
 * reads memory instead of documents (about 40 times faster). Building
 * costs one pass over those slots: worth it for a long-lived reader
 * (FastCGI), not for one query. Facets as in wx_search_spec. On a
 * database that is not wx_db_local() the cache is built empty and
 * searches count with the matcher. Caller frees with wx_facet_cache_free().
 */
wx_status wx_facet_cache_new(wx_db *db, const unsigned *slots,
                             const unsigned *spans, size_t n,
                             wx_facet_cache **out, wx_err *err);
void wx_facet_cache_free(wx_facet_cache *fc);
/* Whether the cache still describes db's current revision. */
bool wx_facet_cache_current(const wx_facet_cache *fc, wx_db *db);

/* Run q. WX_EMODIFIED means: wx_db_reopen() and try again. */
wx_status wx_db_search(wx_db *db, const wx_query *q,
                       const wx_search_spec *spec, wx_mset **out,
                       wx_err *err);
void wx_mset_free(wx_mset *ms);

size_t wx_mset_size(const wx_mset *ms);
/* Estimated total matches and its bounds; exact when lower == upper. */
void wx_mset_total(const wx_mset *ms, uint64_t *estimate, uint64_t *lower,
                   uint64_t *upper);
wx_docid wx_mset_docid(const wx_mset *ms, size_t i);
double wx_mset_weight(const wx_mset *ms, size_t i);
/* The i-th hit's document (caller frees). */
wx_status wx_mset_doc(const wx_mset *ms, size_t i, wx_doc **out,
                      wx_err *err);

/* Flags of wx_mset_snippet(), Xapian's MSet::snippet() flags. */
enum {
    WX_SNIPPET_BACKGROUND = 1 << 0, /* weigh non-query words as context */
    WX_SNIPPET_EXHAUSTIVE = 1 << 1  /* score every window, not the first
                                       good one */
};

/*
 * A snippet of text of about length bytes chosen where the query matches
 * best, with matches (stemmed variants included) wrapped in hl_start and
 * hl_end, and omit where text was cut. Xapian HTML-escapes the text
 * (& < >). flags: WX_SNIPPET_*. *out malloc'd.
 */
wx_status wx_mset_snippet(const wx_mset *ms, const char *text, size_t len,
                          size_t length, const char *lang, unsigned flags,
                          const char *hl_start, const char *hl_end,
                          const char *omit, char **out, wx_err *err);

/* Facet counts for facet j (index into spec->facet_slots): calls fn for
 * each value with its count, in no particular order. */
typedef bool (*wx_count_fn)(void *ctx, const char *val, size_t len,
                            uint64_t count);
void wx_mset_each_facet(const wx_mset *ms, size_t j, wx_count_fn fn,
                        void *ctx);

#ifdef __cplusplus
}
#endif

#endif
