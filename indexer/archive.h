/*
 * An archive built by time (wiredex-index --shard-by year|month): a
 * directory holding one wiredex index per period ("1987", "1987-03", and
 * "undated" for articles without a date) and a Xapian stub file,
 * XAPIANDB, that lists them. Xapian opens a directory holding XAPIANDB
 * as that stub, so every reader (wiredex-search, --stats, --export,
 * xapian-delve) sees the archive as one database. Adding next month's
 * wire writes one small shard and a line.
 *
 * Each article goes to the shard of its date's period, and an id that
 * another shard holds is deleted there: the archive holds one copy of
 * every article, as one index would.
 */
#ifndef WX_ARCHIVE_H
#define WX_ARCHIVE_H

#include "wx_article.h"
#include "wx_status.h"
#include "wx_xapian.h"

#include <stdbool.h>

typedef enum wx_archive_by { WX_ARCHIVE_YEAR, WX_ARCHIVE_MONTH } wx_archive_by;

/* "year" or "month"; WX_EINVAL for anything else. */
wx_status wx_archive_parse_by(const char *s, wx_archive_by *out,
                              wx_err *err);

/* Whether path is a directory holding a stub file XAPIANDB. */
bool wx_archive_is(const char *path);

/*
 * Called for each shard the archive opens for writing, before anything
 * is written to it: fresh tells a new, empty shard (to be stamped) from
 * an existing one (to be checked against the run's settings).
 */
typedef wx_status (*wx_archive_prepare)(void *ctx, wx_db *shard,
                                        const char *path, bool fresh,
                                        wx_err *err);

typedef struct wx_archive wx_archive;

/*
 * Open the archive at dir, creating the directory when missing. A
 * directory that is a plain index (not built with --shard-by) is
 * refused. prepare (NULL: none) and ctx are kept for the shards opened
 * later. Caller frees with wx_archive_free().
 */
wx_status wx_archive_open(const char *dir, wx_archive_by by,
                          wx_archive_prepare prepare, void *ctx,
                          wx_archive **out /* OUT */, wx_err *err);

/* The archive as it was when opened, read-only (its stub), for reading
 * its settings; NULL when it had no shard. Owned by a. */
wx_db *wx_archive_view(wx_archive *a);

/*
 * The writable shard of a's period into *db (owned by the archive,
 * valid until wx_archive_free), opened or created on first use; a new
 * shard is added to the stub at once. Then every copy of the article
 * with unique id term uterm held by another shard is deleted; *moved
 * tells whether there was one.
 */
wx_status wx_archive_shard_for(wx_archive *ar, const wx_article *a,
                               const char *uterm, wx_db **db /* OUT */,
                               bool *moved /* OUT */, wx_err *err);

/* Delete the article with unique id term uterm from every shard of the
 * stub (--delete); *deleted tells whether one held it. */
wx_status wx_archive_delete(wx_archive *ar, const char *uterm,
                            bool *deleted /* OUT */, wx_err *err);

/* Commit every shard opened so far. */
wx_status wx_archive_commit(wx_archive *ar, wx_err *err);

/*
 * End of the run: with spelling, bring the spelling data of each shard
 * written to up to date, and commit them. (The stub, rewritten
 * atomically whenever a shard is added, lists every shard in period
 * order.)
 */
wx_status wx_archive_finish(wx_archive *ar, bool spelling, wx_err *err);

/* Close every shard (uncommitted changes are lost). NULL-safe. */
void wx_archive_free(wx_archive *ar);

#endif
