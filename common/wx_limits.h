/*
 * Named bounds on everything untrusted input can grow. Front ends and
 * readers use these, never bare numbers, so the README can list them.
 */
#ifndef WX_LIMITS_H
#define WX_LIMITS_H

enum {
    WX_MAX_QUERY_BYTES = 4096,        /* one search query */
    WX_MAX_FIELD_BYTES = 4096,        /* id, title, agency, dateline, ... */
    WX_MAX_LIST_ITEMS = 256,          /* topics or places of one article */
    WX_MAX_BODY_BYTES = 8 << 20,      /* one article body (8 MiB) */
    WX_MAX_RECORD_BYTES = 16 << 20,   /* one input record / line / XML file */
    WX_MAX_STORED_BYTES = 32 << 20,   /* one decompressed stored article */
    WX_MAX_LIMIT = 1000,              /* --limit / n: hits per page */
    WX_MAX_OFFSET = 100000,           /* --offset: deepest page start */
    WX_MAX_SNIPPET = 2000,            /* --snippet-length in characters */
    WX_MAX_FACET_LIMIT = 1000,        /* --facet-limit */
    WX_MAX_FILTERS = 32,              /* filters in one CGI request */
    WX_MAX_CGI_BYTES = 16384,         /* QUERY_STRING or POST body */
    /* The work of one query, capped before Xapian runs it (qbudget.h):
     * 683 ORed one-letter wildcards once ran 32 s at 545 MB. */
    WX_MAX_QUERY_TERMS = 256,         /* words and wildcards in a query */
    WX_MAX_QUERY_WILDCARDS = 32,      /* wildcards (embass*) in a query */
    WX_MAX_QUERY_EXPANSION = 5000,    /* terms all its wildcards match */
    WX_MAX_QUERY_MS = 5000            /* deadline: expansion and match */
};

#endif
