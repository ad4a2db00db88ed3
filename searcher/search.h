/*
 * The search module: one request struct in, one result struct out. The
 * command line (main.c) and the web front (cgi.c) both fill a
 * wx_search_request and call wx_search_run() on a session that keeps the
 * database open across requests. No printing and no front-end policy
 * here; escaping for a medium is the printers' job.
 */
#ifndef WX_SEARCH_H
#define WX_SEARCH_H

#include "wx_article.h"
#include "wx_buf.h"
#include "wx_limits.h"
#include "wx_schema.h"
#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Defaults a front end gets from wx_search_request_init(). */
enum {
    WX_DEFAULT_LIMIT = 10,         /* hits per page */
    WX_DEFAULT_SNIPPET = 200,      /* snippet length in bytes of text */
    WX_DEFAULT_FACET_LIMIT = 10,   /* values per facet */
    WX_SUGGEST_BELOW = 5           /* offer "did you mean" under this */
};

typedef enum wx_search_sort {
    WX_SEARCH_SORT_AUTO,      /* relevance; by date, newest first, when
                                 the query has no ranked words */
    WX_SEARCH_SORT_RELEVANCE, /* BM25 score, best first */
    WX_SEARCH_SORT_DATE,      /* oldest first ("date") */
    WX_SEARCH_SORT_DATE_DESC  /* newest first ("-date") */
} wx_search_sort;

/* Period of a histogram over the match set: counts per year, month or
 * day, from the date slot. */
typedef enum wx_search_hist {
    WX_HIST_NONE,
    WX_HIST_YEAR,       /* "1987" */
    WX_HIST_MONTH,      /* "1987-03" */
    WX_HIST_DAY         /* "1987-03-26" */
} wx_search_hist;

/* One filter: documents whose field has exactly this value (compared
 * case-insensitively, except ids). */
typedef struct wx_search_filter {
    wx_field field;     /* a WX_SF_BOOLEAN field */
    const char *value;  /* not owned */
} wx_search_filter;

/*
 * What to search for. Strings are NOT owned: they must outlive
 * wx_search_run(). A front end fills it after wx_search_request_init()
 * through the setters below (which validate) or directly; wx_search_run()
 * checks every bound again, so a hand-filled request is safe too.
 *
 * Filters: values of the same field are ORed for single-valued fields
 * (agency:EFE or agency:AP) and ANDed for multi-valued ones (topic,
 * place: both topics), and different fields are ANDed. The query text
 * is searched within the filtered set.
 */
typedef struct wx_search_request {
    const char *query;           /* user syntax (query.h); NULL or "" for
                                    none: then the filtered set */
    wx_search_filter filters[WX_MAX_FILTERS];
    size_t nfilters;
    const char *date_from;       /* YYYY[-MM[-DD]] or YYYYMMDD, or NULL */
    const char *date_to;         /* inclusive; NULL for open */
    wx_search_sort sort;
    unsigned offset;             /* <= WX_MAX_OFFSET */
    unsigned limit;              /* <= WX_MAX_LIMIT; 0 = count only */
    wx_field facets[WX_FIELD_COUNT]; /* WX_SF_FACET fields to count */
    size_t nfacets;
    unsigned facet_limit;        /* top values per facet, 1..max */
    wx_search_hist histogram;    /* counts per period; WX_HIST_NONE */
    unsigned snippet_length;     /* bytes of text; 0 = no snippets */
    const char *lang;            /* stemmer; NULL = the index's language */
    bool no_stem;                /* search words exactly as typed */
    bool exact_total;            /* count every match (slower) */
    bool suggest;                /* compute "did you mean" (default on) */
    int match;                   /* WX_MATCH_* of query.h: how the words
                                    must match (default auto) */
    int syntax;                  /* WX_SYNTAX_* of query.h: whether the
                                    text is syntax (default auto) */
    const char *like;            /* an article id: more like this (its
                                    most telling words, itself excluded)
                                    instead of query text; NULL: none */
    const char *ranking;         /* wx_rank.h text ("bm25:k1=1.2,b=0.75");
                                    NULL: the index's settings */
    double time_limit;           /* seconds for the match; 0 = none */
} wx_search_request;

/* Defaults: no query, no filters, WX_SEARCH_SORT_AUTO, limit
 * WX_DEFAULT_LIMIT, snippets WX_DEFAULT_SNIPPET, facet limit
 * WX_DEFAULT_FACET_LIMIT, suggestions on. Cannot fail. */
void wx_search_request_init(wx_search_request *rq);

/*
 * Add a filter by field name ("agency", "dateline", "topic", "place",
 * "id", "year", "month", "type"); value is not copied. WX_EINVAL for an
 * unknown or non-filter field or an empty value; WX_ETOOBIG past
 * WX_MAX_FILTERS or WX_MAX_FIELD_BYTES.
 */
wx_status wx_search_request_add_filter(wx_search_request *rq,
                                       const char *field, const char *value,
                                       wx_err *err);

/* "year", "month" or "day" (or "none"); WX_EINVAL otherwise. */
wx_status wx_search_request_set_histogram(wx_search_request *rq,
                                          const char *unit, wx_err *err);

/* The name of a histogram period ("year"...), NULL for WX_HIST_NONE. */
const char *wx_search_hist_name(wx_search_hist h);

/* "relevance", "date" or "-date"; WX_EINVAL otherwise. */
wx_status wx_search_request_set_sort(wx_search_request *rq, const char *s,
                                     wx_err *err);

/* "all", "any" or "auto" (how the words must match); WX_EINVAL. */
wx_status wx_search_request_set_match(wx_search_request *rq, const char *s,
                                      wx_err *err);

/* The names of a request's match and syntax modes ("auto", "all"...;
 * static), for links that keep them. */
const char *wx_search_match_name(int match);
const char *wx_search_syntax_name(int syntax);

/* "auto", "on" or "off" (whether the text is query syntax); WX_EINVAL. */
wx_status wx_search_request_set_syntax(wx_search_request *rq,
                                       const char *s, wx_err *err);

/* A comma-separated facet list ("agency,topic") or "all" (every facet
 * field); replaces the current list. WX_EINVAL names a bad entry. */
wx_status wx_search_request_set_facets(wx_search_request *rq,
                                       const char *list, wx_err *err);

/*
 * Check every bound and value of a request without running it: query
 * bytes (WX_ETOOBIG), limit/offset/facet/snippet bounds and dates
 * (WX_EINVAL). wx_search_run() calls it too.
 */
wx_status wx_search_request_check(const wx_search_request *rq, wx_err *err);

/* ---- results ---- */

/*
 * One hit. All strings are owned by the result; absent fields are NULL.
 * snippet is plain UTF-8 text with the matched words between
 * WX_HL_START and WX_HL_END (wx_escape.h); the printers escape it for
 * their medium. date is "YYYY-MM-DD".
 */
typedef struct wx_search_hit {
    unsigned rank;          /* 1-based over the whole result, not page */
    char *id;
    double score;           /* BM25 weight; 0 when sorted by date only */
    char *title;
    char *agency;
    char *dateline;
    char *date;
    wx_strlist topics;
    wx_strlist places;
    /* The stored dateline metadata (docs/schema.md), as
     * "dateline_text", "dateline_qualifier", "dateline_cities",
     * "dateline_date", "credit", "agency_also" pairs: parallel lists. */
    wx_strlist dl_keys;
    wx_strlist dl_vals;
    char *source;           /* "path:line" the article was indexed from */
    char *snippet;
} wx_search_hit;

typedef struct wx_search_facet_value {
    char *value;            /* the display spelling stored in the index */
    uint64_t count;         /* matching documents having it */
} wx_search_facet_value;

/* Counts over the whole match set, most frequent first (ties by value),
 * at most facet_limit values. */
typedef struct wx_search_facet {
    const char *name;       /* schema field name: static */
    wx_field field;
    wx_search_facet_value *values;
    size_t n;
} wx_search_facet;

/* One period of a histogram: its date as "YYYY", "YYYY-MM" or
 * "YYYY-MM-DD" and the matching articles dated in it. */
typedef struct wx_search_bin {
    char date[11];
    uint64_t count;
} wx_search_bin;

typedef struct wx_search_result {
    char *query;            /* the query text as searched (cleaned) */
    uint64_t total;         /* matches (an estimate unless total_exact) */
    bool total_exact;
    unsigned offset;
    unsigned limit;
    double elapsed_ms;
    char *suggestion;       /* "did you mean" query text, or NULL */
    const char *match;      /* what was done (static): "all" (every
                               word), "any" (ranked by how well they
                               match), "none" (no words to search), or
                               NULL for no query text */
    bool words;             /* the text was read as words, not syntax */
    bool relaxed;           /* all words found nothing, so any did */
    char *like;             /* the article of a "more like this", or NULL */
    wx_search_hit *hits;
    size_t nhits;
    wx_search_facet *facets;
    size_t nfacets;
    /* With a histogram requested: its periods in date order, those with
     * no article left out (as are articles without a date). */
    wx_search_hist histogram;
    wx_search_bin *bins;
    size_t nbins;
} wx_search_result;

/* Zero a result. Cannot fail. */
void wx_search_result_init(wx_search_result *r);
/* Free everything a result owns and zero it. NULL-safe. */
void wx_search_result_free(wx_search_result *r);

/* ---- sessions ---- */

typedef struct wx_search wx_search;   /* an open index; opaque */

/*
 * Open the index at path for searching and keep it open (a FastCGI
 * process serves many requests with one session). WX_EDB when it is
 * missing, unreadable or not a wiredex index (no "wiredex.schema"
 * metadata, or a schema version this build does not know); WX_ELOCKED;
 * WX_ENOMEM. *out is set on success (caller frees with
 * wx_search_close()), NULL on failure.
 */
wx_status wx_search_open(const char *path, wx_search **out, wx_err *err);

/* Close the index and free the session. NULL-safe. */
void wx_search_close(wx_search *s);

/* The index's stemmer language ("english" when it records none). Owned
 * by the session. */
const char *wx_search_lang(const wx_search *s);

/*
 * For a long-lived session (FastCGI): keep every facet's values in
 * memory, loaded by the first faceted search after each change of the
 * index, so later facet counts read arrays instead of documents; and on
 * an index of 50,000 documents or more keep a second reader to search on
 * both cores (rankings in two docid halves, facet counts beside the
 * ranking). A one-shot search should not: loading reads every
 * document's values, and a second reader costs more to open than it
 * saves on one query.
 */
void wx_search_long_lived(wx_search *s, bool on);

/*
 * Run a request and fill res (initialised by the caller; freed by the
 * caller with wx_search_result_free() whatever the status). When the
 * indexer commits during the search (WX_EMODIFIED) the session reopens
 * the index and retries a few times.
 * Statuses: WX_EQUERY (the query does not parse: err says why),
 * WX_ETOOBIG / WX_EINVAL (bounds, bad dates or language), WX_EDB,
 * WX_EMODIFIED (still changing after the retries), WX_ENOMEM,
 * WX_EINTERNAL.
 */
wx_status wx_search_run(wx_search *s, const wx_search_request *rq,
                        wx_search_result *res, wx_err *err);

/*
 * Fetch the stored article with this id, decompressed: into *a (an
 * initialised, empty article; may be NULL) and its stored JSON
 * appended to json (may be NULL). WX_ENOTFOUND when no document has
 * that id; WX_EFORMAT when its stored data does not decode; WX_EDB.
 */
wx_status wx_search_article(wx_search *s, const char *id, wx_article *a,
                            wx_buf *json, wx_err *err);

/*
 * wx_search_article() into *a, then, when query (user syntax, may be
 * NULL or "") matches the article, its title and body with the query's
 * words (stemmed variants too) between WX_HL_START and WX_HL_END, as
 * snippets mark them; paragraphs ("\n") are kept, runs of other white
 * space become one space. An article the query does not match is left
 * as stored. Statuses of wx_search_article(), and WX_EQUERY for a query
 * that does not parse.
 */
wx_status wx_search_article_marked(wx_search *s, const char *id,
                                   const char *query, wx_article *a,
                                   wx_err *err);

#endif
