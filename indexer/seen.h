/*
 * The texts a run has read, to tell a byte-identical copy from a new
 * article: a set of content-hash ids (wx_article_finish's "h..." ids of
 * articles without one of their own), each with where it was first seen.
 * An article with its own id is a new version of that id, never a
 * duplicate, so only hash ids go in here.
 */
#ifndef WX_SEEN_H
#define WX_SEEN_H

#include "wx_status.h"

#include <stddef.h>

typedef struct wx_seen {
    char **ids;       /* open addressing, NULL for an empty slot */
    char **srcs;      /* the source of each, for the note */
    size_t n, cap;    /* cap is 0 or a power of two */
} wx_seen;

/*
 * Was id seen before? If so *first is its source (owned by the set) and
 * nothing changes; else id is remembered with src (copied; NULL is "?")
 * and *first is NULL. WX_ENOMEM only. A zeroed wx_seen is empty.
 */
wx_status wx_seen_add(wx_seen *s, const char *id, const char *src,
                      const char **first);

void wx_seen_free(wx_seen *s);

#endif
