/*
 * Parallel index building: worker threads, each writing its own shard
 * (a private Xapian database), fed finished articles by the reading
 * thread. An article goes to the shard its id hashes to, so two versions
 * of one story meet in the same shard and replace each other there. The
 * shards are merged afterwards with Xapian's compactor (index.c).
 */
#ifndef WX_SHARDS_H
#define WX_SHARDS_H

#include "index.h"
#include "wx_article.h"
#include "wx_status.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct wx_shards wx_shards;

typedef struct wx_shards_opts {
    const char *dir;        /* parent directory for the shard databases */
    unsigned n;             /* shards, one worker thread each */
    const char *lang;       /* stemmer language */
    bool stem_all;          /* stems only */
    unsigned batch;         /* articles per commit in each shard */
    bool strict;            /* a bad article stops everything */
} wx_shards_opts;

/* Create dir/0 .. dir/n-1 and start the workers. Caller frees with
 * wx_shards_free() (after wx_shards_finish() to keep the work). */
wx_status wx_shards_start(const wx_shards_opts *o, wx_shards **out,
                          wx_err *err);

/*
 * Hand over a finished article: it is moved into the shard's queue and
 * *a is left reset. Blocks while that queue is full. A worker's failure
 * comes back here (and from finish) as its status.
 */
wx_status wx_shards_put(wx_shards *s, wx_article *a, wx_err *err);

/* Let the queues drain, commit every shard, stop the workers, and add
 * their counts to *c. */
wx_status wx_shards_finish(wx_shards *s, wx_index_counts *c, wx_err *err);

/* The path of shard i (owned by s). */
const char *wx_shards_path(const wx_shards *s, unsigned i);

/* Stop the workers if still running and free everything; the shard
 * databases stay on disk. NULL-safe. */
void wx_shards_free(wx_shards *s);

#endif
