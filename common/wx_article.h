/*
 * The article model every reader produces and the indexer consumes.
 * Strings are UTF-8, owned by the article (malloc'd), NULL when absent.
 * wx_article_finish() turns what a reader found into canonical form:
 * dateline city spelling, ISO date, control characters stripped, an id.
 */
#ifndef WX_ARTICLE_H
#define WX_ARTICLE_H

#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>

/* A list of owned strings (topics, places, metadata keys/values). */
typedef struct wx_strlist {
    char **v;
    size_t n;
    size_t cap;
} wx_strlist;

/*
 * Append a copy of s[0..len) (len may be (size_t)-1 for strlen), not
 * trimmed. WX_ETOOBIG when the list already holds WX_MAX_LIST_ITEMS
 * items; WX_ENOMEM. The list is unchanged on failure.
 */
wx_status wx_strlist_add(wx_strlist *l, const char *s, size_t len);
/* Add unless an equal string (ASCII case-insensitive) is already there. */
wx_status wx_strlist_add_unique(wx_strlist *l, const char *s, size_t len);
/* Free every item and the array; the list is empty and reusable. */
void wx_strlist_clear(wx_strlist *l);

typedef struct wx_article {
    char *id;         /* the source's own id, or a content hash (finish) */
    char *title;
    char *agency;     /* canonical agency name: "Reuters", "EFE", "AP" */
    char *dateline;   /* dateline city, canonical spelling: "Beijing" */
    char *date;       /* ISO 8601: "1987-02-26" or "1987-02-26T15:01:01" */
    char *body;       /* paragraphs separated by "\n" */
    wx_strlist topics;
    wx_strlist places;
    /*
     * Other metadata kept in the store, as parallel lists: meta_keys[i]
     * names meta_vals[i]. Story identity and version live here where the
     * source says it: "slug", "version", "status", "type", "byline"...
     */
    wx_strlist meta_keys;
    wx_strlist meta_vals;
    /* Where it is kept: "path:line" of the record (the line it starts
     * on), set by the indexer unless the record names its own (an
     * --export read back). Stored, shown as "source". */
    char *source;
    /* Where it came from, for messages: file name (not owned) and line. */
    const char *src_file;
    long src_line;
} wx_article;

/* Zero an article. Cannot fail. */
void wx_article_init(wx_article *a);

/* Free every owned field and zero the article again. NULL-safe. */
void wx_article_reset(wx_article *a);

/*
 * Replace *field with a copy of s[0..len) (len may be (size_t)-1 for
 * strlen), with white space trimmed at both ends. An empty result sets
 * the field to NULL. WX_ENOMEM on failure.
 */
wx_status wx_article_set(char **field, const char *s, size_t len);

/* Add a metadata key/value pair (copied, not trimmed): both or neither.
 * WX_EINVAL for a NULL key or value; WX_ETOOBIG; WX_ENOMEM. */
wx_status wx_article_add_meta(wx_article *a, const char *key,
                              const char *val);

/* Remove every metadata pair with this key. Cannot fail. */
void wx_article_drop_meta(wx_article *a, const char *key);

/* The value of metadata key, or NULL. Owned by the article. */
const char *wx_article_meta(const wx_article *a, const char *key);

/*
 * Canonicalise in place: repair invalid UTF-8 as Latin-1 (setting
 * *repairs, when not NULL, to the number of bytes repaired), strip
 * control characters except \n and \t from every field, trim. Fields
 * other than the body become one line: tabs and newlines turn into
 * spaces and runs of spaces collapse to one. Fields are cut (at a
 * character boundary) to WX_MAX_FIELD_BYTES, the body to
 * WX_MAX_BODY_BYTES. Empty strings become NULL (list items and meta
 * pairs are dropped). Then: title-case the dateline city, normalise the
 * agency name (keeping a credit that says more as metadata "credit",
 * and the second agency of "STT–AFP" as "agency_also"), rewrite the date as ISO with wx_article_parse_date() (a
 * date that does not parse is dropped, not an error), and give an
 * article without id a content hash id ("h" + 16 lower-case hex digits
 * of a 64-bit FNV-1a over title + "\n" + body, absent ones as "").
 * WX_ENOTEXT (with err naming src_file:src_line) when the article has
 * neither title nor body (it is not to be stored); WX_ENOMEM.
 */
wx_status wx_article_finish(wx_article *a, size_t *repairs, wx_err *err);

/*
 * "Salvador" from "SALVADOR" or "salvador"; "New York" from "NEW YORK";
 * "Rio de Janeiro" from "RIO DE JANEIRO" or "Rio De Janeiro".
 * White space is trimmed and collapsed, the whole name lower-cased
 * (Unicode-aware, through Xapian), then each word gets a capital initial.
 * Words start the name or follow a space, '-', '.', '/' or '('. Small
 * linking words ("de", "la", "of", "sur", "el", "al"...) stay lower case
 * unless they start the name: "Aix-en-Provence", "Port of Spain", "La Paz".
 * A single letter and an apostrophe capitalise what follows: "N'Djamena".
 * The capital initial is mapped for ASCII, Latin-1, Latin Extended-A,
 * basic Greek and Cyrillic only; other scripts keep the lower case.
 * NULL for NULL; otherwise malloc'd, or NULL on ENOMEM.
 */
char *wx_article_canon_city(const char *city);

/*
 * "EFE" from "efe", "AP" from "Associated Press", "Reuters" from
 * "REUTER" or "reuters.com", "STT" from "STT–AFP" (the first agency a
 * credit names): the one table of wx_agency.h, so "Agence France-Presse"
 * and "AGENCE FRANCE PRESSE" both give "AFP". Unknown names come back
 * trimmed as given.
 * NULL for NULL; otherwise malloc'd, or NULL on ENOMEM.
 */
char *wx_article_canon_agency(const char *agency);

/* Room for the longest result of wx_article_parse_date(), with NUL. */
enum { WX_DATE_MAX = 20 };

/*
 * Parse a wire date into ISO 8601: "YYYY-MM-DD", or
 * "YYYY-MM-DDTHH:MM:SS" when the source gives a time. Accepted forms
 * (surrounding white space ignored, month names in English, any case):
 *   2021-07-20   2021-07-20T08:30[:00[.123]]   2021-07-20 08:30:00
 *   20210720     20210720T0830[00]             (ISO basic)
 *   26-FEB-1987 15:01:01.79                    (Reuters-21578)
 *   Jul 20, 2021 [08:30[:00] [AM|PM]]          July 20th 2021
 *   [Tue, ]20 Jul 2021 [08:30:00]              (RFC 822 / 2822)
 * A time may end in a zone: Z, UTC, GMT, UT, +hh, +hhmm, +hh:mm or a US
 * zone of RFC 822 (EST, EDT, CST, CDT, MST, MDT, PST, PDT); it is read
 * and dropped: the local time is kept as written, as wires date a story
 * where it happens.
 * Fractions of a second are dropped. Returns false (out untouched or
 * partial) when s is not one of these forms, names an impossible date
 * or time, or the result does not fit in outsz bytes (WX_DATE_MAX is
 * always enough).
 */
bool wx_article_parse_date(const char *s, char *out /* OUT */,
                           size_t outsz);

#endif
