/*
 * The user's query syntax turned into a Xapian query. Cleans hostile
 * text (size bound, UTF-8 repair, control characters), folds the values
 * of filter fields the way the indexer folds them, turns date: values
 * into ranges over the date slot, and hands the rest to Xapian's query
 * parser with the prefixes of the schema table. Not the search itself.
 *
 * Syntax: words (default operator AND: every word must match), "exact
 * phrases", +word, -word, AND, OR, NOT, XOR, NEAR, NEAR/n, ADJ, ( ),
 * trailing wildcards (embass*), title:word, and the filter fields of
 * the schema (agency: dateline: topic: place: id: year: month: type:)
 * with quoted values for several words (topic:"crime & justice");
 * two values of one field are ORed (agency:efe agency:ap), except for
 * the multi-valued topic: and place:, where both must hold;
 * date:A..B, date:A.., date:..B and date:A with A, B as YYYY, YYYY-MM,
 * YYYY-MM-DD or YYYYMMDD.
 */
#ifndef WX_QUERY_H
#define WX_QUERY_H

#include "wx_schema.h"
#include "wx_status.h"
#include "wx_xapian.h"

#include <stdbool.h>
#include <stddef.h>

/* Longest Xapian wildcard expansion (most frequent terms kept), so
 * "a*" cannot hold a server. */
enum { WX_QUERY_MAX_WILDCARD = 1000 };

/* What the text asked for, found while normalising it. */
typedef struct wx_query_info {
    bool has_text;      /* some ranked words (not only filters) */
    bool has_filter;    /* some field filter or date range */
} wx_query_info;

/*
 * Make raw query bytes safe: WX_ETOOBIG when len exceeds
 * WX_MAX_QUERY_BYTES; bytes that are not UTF-8 repaired as Latin-1 (the
 * indexer repairs text the same way); control characters removed; tabs
 * and newlines become spaces. *out is malloc'd (caller frees) on
 * success, NULL on failure; *repairs (may be NULL) counts repaired
 * bytes. WX_ENOMEM.
 */
wx_status wx_query_clean(const char *in, size_t len, char **out,
                         size_t *repairs /* OUT */, wx_err *err);

/*
 * Rewrite cleaned text for Xapian's parser: field names lower-cased,
 * values of filter fields folded (ids kept exact) and quoted, date:
 * values validated and expanded into YYYYMMDD..YYYYMMDD ranges.
 * A query that only excludes (-word, NOT word) matches every article
 * without those words. *out malloc'd (caller frees). WX_EQUERY with a
 * message for a field without value, a bad date, an unknown field
 * ("foo:bar") or a parenthesis that does not pair up;
 * WX_ENOMEM, WX_ETOOBIG.
 */
wx_status wx_query_normalize(const char *text, char **out,
                             wx_query_info *info /* OUT */, wx_err *err);

typedef struct wx_query_opts {
    wx_db *db;          /* for wildcards and spelling; may be NULL */
    const char *lang;   /* stemmer name, "none" for exact words */
    bool spelling;      /* compute a corrected query (needs db) */
    bool stem_all;      /* the index holds stems only (--stemming all) */
} wx_query_opts;

/*
 * Parse cleaned text (wx_query_clean) into *out: normalise, then run
 * Xapian's parser with the schema's prefixes, AND as default operator.
 * *out is NULL with WX_OK when the text has no terms at all (empty
 * query). *corrected (may be NULL) receives the spelling-corrected
 * normalised text when opts->spelling found one, else NULL (caller
 * frees). WX_EQUERY with a message saying what is wrong; WX_EINVAL for
 * an unknown stemmer language; WX_ENOMEM.
 */
wx_status wx_query_parse_text(const char *text, const wx_query_opts *opts,
                              wx_query **out, wx_query_info *info /* OUT */,
                              char **corrected /* OUT */, wx_err *err);

/*
 * A date bound: YYYY, YYYY-MM, YYYY-MM-DD or YYYYMMDD into "YYYYMMDD"
 * (out holds 9 bytes). Partial dates extend to the first day, or with
 * end set to the last day of their period. WX_EINVAL names a bad date.
 */
wx_status wx_query_date(const char *s, size_t len, bool end, char out[9],
                        wx_err *err);

/* The filter query for one field value (folded through the schema).
 * WX_EINVAL for a field that is not a filter field; WX_ENOMEM. */
wx_status wx_query_filter(wx_field f, const char *value, wx_query **out,
                          wx_err *err);

/* A range over the date slot; from or to may be NULL for an open end
 * (not both: *out is then NULL with WX_OK). WX_EINVAL for a bad date. */
wx_status wx_query_date_range(const char *from, const char *to,
                              wx_query **out, wx_err *err);

#endif
