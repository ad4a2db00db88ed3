/*
 * The cost of one query, bounded before Xapian runs it. Xapian expands
 * a wildcard lazily inside the match, where no limit of ours can stop
 * it; so the normalised query text is scanned here first: its words,
 * its wildcards, and the terms each wildcard matches in the index
 * (counted against the term list, with a deadline checked while
 * counting). Not the query syntax itself (query.h).
 */
#ifndef WX_QBUDGET_H
#define WX_QBUDGET_H

#include "wx_status.h"
#include "wx_xapian.h"

#include <stddef.h>

/* What a query costs, as counted by wx_qbudget_check. */
typedef struct wx_qbudget_cost {
    size_t terms;        /* words and wildcards */
    size_t wildcards;    /* words ending in '*' */
    size_t expansion;    /* index terms the wildcards match, each counted
                            up to per_wildcard */
} wx_qbudget_cost;

/*
 * Check normalised query text (wx_query_normalize) against the limits
 * of wx_limits.h: WX_MAX_QUERY_TERMS, WX_MAX_QUERY_WILDCARDS,
 * WX_MAX_QUERY_EXPANSION (each wildcard counted up to per_wildcard, the
 * expansion Xapian is allowed per wildcard) and WX_MAX_QUERY_MS.
 * db may be NULL (no expansion is counted). WX_ETOOBIG with a message
 * naming the limit met; WX_EQUERY for a NEAR/n or ADJ/n without a word
 * on each side (Xapian 1.4.22 leaks memory on those); WX_EDB when the
 * term list cannot be read.
 * cost (may be NULL) receives what was counted.
 */
wx_status wx_qbudget_check(const char *text, wx_db *db,
                           unsigned per_wildcard,
                           wx_qbudget_cost *cost /* OUT */, wx_err *err);

#endif
