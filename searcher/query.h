/*
 * The user's query turned into a Xapian query: natural text (words,
 * questions, pasted paragraphs) or the query syntax below. Cleans hostile
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
 *
 * Which one (WX_SYNTAX_AUTO, the default): a query is read as syntax
 * only when it is clearly written as syntax (wx_query_is_syntax), and
 * then only if it parses; anything else is read as words, tokenised by
 * the indexer's own term generator (so U.N., RUSSIA'S, high-speed and
 * capitals give the terms the article text gave), English stopwords
 * dropped, every word stemmed whatever its case. Words never fail.
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

/* Longest list of words a natural query searches: past it only the
 * rarest are kept (a 100 KB paste must not become 15,000 postings). */
enum { WX_QUERY_MAX_WORDS = 100 };

/* Natural queries of at most this many words (stopwords dropped) match
 * all words under WX_MATCH_AUTO; longer ones match any, ranked. */
enum { WX_QUERY_SHORT_WORDS = 4 };

/* A natural query of more words than WX_QUERY_PASTED_WORDS is pasted
 * text: ranked by the WX_QUERY_ELITE_WORDS words that weigh most
 * (Xapian's OP_ELITE_SET), without feedback. On 1x Reuters, 40-word
 * paragraphs take a median 1.7 ms with 10, 6.4 with 15, 15.5 with all
 * their words. */
enum { WX_QUERY_PASTED_WORDS = 20, WX_QUERY_ELITE_WORDS = 16 };

/* How the words of a query must match. */
typedef enum wx_query_match {
    WX_MATCH_AUTO,      /* all words when short, else any (ranked); the
                           searcher relaxes all to any when all finds
                           nothing */
    WX_MATCH_ALL,       /* every word (AND) */
    WX_MATCH_ANY,       /* any word, ranked by how well they match */
    WX_MATCH_COUNT
} wx_query_match;

/* Whether the text is read as query syntax. */
typedef enum wx_query_syntax {
    WX_SYNTAX_AUTO,     /* syntax when clearly written so and valid */
    WX_SYNTAX_ON,       /* always syntax: malformed is an error */
    WX_SYNTAX_OFF,      /* always words */
    WX_SYNTAX_COUNT
} wx_query_syntax;

/* What the text asked for, found while normalising it. */
typedef struct wx_query_info {
    bool has_text;      /* some ranked words (not only filters) */
    bool has_filter;    /* some field filter or date range */
    bool words;         /* read as words, not syntax */
    wx_query_match match; /* what was done: WX_MATCH_ALL or _ANY */
    size_t nwords;      /* distinct words searched (natural queries) */
    bool pasted;        /* so many words that only the weightiest count */
} wx_query_info;

/* "all", "any", "auto" (static strings); NULL for a bad value. */
const char *wx_query_match_name(wx_query_match m);
/* Parse a match name; WX_EINVAL names the bad value. */
wx_status wx_query_match_parse(const char *s, wx_query_match *out,
                               wx_err *err);
/* "auto", "on", "off"; and back, WX_EINVAL for a bad value. */
const char *wx_query_syntax_name(wx_query_syntax m);
wx_status wx_query_syntax_parse(const char *s, wx_query_syntax *out,
                                wx_err *err);

/* Queries of more words than this are prose: their quotes, dashes and
 * stars are punctuation, not syntax. */
enum { WX_QUERY_SYNTAX_WORDS = 8 };

/*
 * The documented rule for WX_SYNTAX_AUTO: text is syntax when it holds
 * a field of the schema with its value attached (title:cocoa,
 * date:1987, not "date: 1987"), or an operator (AND, OR, NOT, XOR,
 * NEAR, ADJ) in capitals with a word on each side in a query that is
 * not all capitals; or, in a query of at most WX_QUERY_SYNTAX_WORDS
 * words, a "quoted phrase", +word or -word, or a trailing wildcard
 * (embass*). Cleaned text (wx_query_clean).
 */
bool wx_query_is_syntax(const char *text);

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
    wx_db *db;          /* for wildcards, spelling and keeping the
                           rarest of too many words; may be NULL */
    wx_query_match match;
    wx_query_syntax syntax;
    unsigned like_terms; /* words wx_query_like keeps; 0: the default
                            WX_QUERY_LIKE_TERMS */
    double prox;        /* ranked words: weight of a bonus for
                           neighbouring words found near each other
                           (0: none) */
    const char *lang;   /* stemmer name, "none" for exact words */
    bool spelling;      /* compute a corrected query (needs db) */
    bool stem_all;      /* the index holds stems only (--stemming all) */
} wx_query_opts;

/*
 * Parse cleaned text (wx_query_clean) into *out, as syntax or as words
 * (opts->syntax, opts->match; info says which and how). Syntax:
 * normalise, then run Xapian's parser with the schema's prefixes, AND
 * as default operator (OR with WX_MATCH_ANY). Words: the terms of
 * wx_termgen_query_terms joined with AND or OR, each weighted by its
 * count. *out is NULL with WX_OK when the text has no terms at all
 * (empty query). *corrected (may be NULL) receives the spelling-corrected
 * normalised text when opts->spelling found one, else NULL (caller
 * frees). WX_EQUERY (syntax only) with a message saying what is
 * wrong; WX_EINVAL for
 * an unknown stemmer language; WX_ENOMEM.
 */
wx_status wx_query_parse_text(const char *text, const wx_query_opts *opts,
                              wx_query **out, wx_query_info *info /* OUT */,
                              char **corrected /* OUT */, wx_err *err);

/* Terms of an article that "more like this" searches for. */
enum { WX_QUERY_LIKE_TERMS = 25 };

/*
 * More like this: the WX_QUERY_LIKE_TERMS most telling words of an
 * article's text (title and body), tokenised as the indexer does,
 * stopwords dropped, each scored by its count in the text times its
 * inverse document frequency in opts->db (needed), joined with OR and
 * weighted by their counts. Reads only term frequencies, which every
 * database answers (stubs over shards, remote servers, indexes without
 * a termlist). *out NULL with WX_OK when the text has no word.
 * WX_EINVAL for a bad language; WX_EDB; WX_ENOMEM.
 */
wx_status wx_query_like(const char *text, const wx_query_opts *opts,
                        wx_query **out, wx_err *err);

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
