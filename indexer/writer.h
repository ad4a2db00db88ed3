/*
 * What every writer of an index does before and after touching it: take
 * the index's writer lock (a file beside it, so a new index is covered
 * before it exists), clear the scratch a killed build left, and publish
 * a new index by renaming it into place once it is complete. Nothing
 * here knows about articles or Xapian.
 */
#ifndef WX_WRITER_H
#define WX_WRITER_H

#include "wx_status.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct wx_writer wx_writer;

/* Wait forever for the lock (wx_writer_lock's wait_secs). */
#define WX_WRITER_WAIT_FOREVER (-1.0)

/*
 * Take the writer lock of the index at db_path (db_path.lock, created if
 * missing). wait_secs 0 fails at once when another writer holds it,
 * > 0 retries for that long, WX_WRITER_WAIT_FOREVER until it is free.
 * WX_ELOCKED (message names the lock and how to wait), WX_EIO, WX_ENOMEM.
 * Caller releases with wx_writer_unlock(); *out is NULL on failure.
 */
wx_status wx_writer_lock(const char *db_path, double wait_secs,
                         wx_writer **out, wx_err *err);

/* Release the lock and free; NULL-safe. */
void wx_writer_unlock(wx_writer *w);

/* The scratch paths of a build of this index, owned by w: the new index
 * being built (db_path.new) and a parallel build's shards
 * (db_path.shards). Only a lock holder touches them. */
const char *wx_writer_new_path(const wx_writer *w);
const char *wx_writer_shards_path(const wx_writer *w);

/*
 * Remove the scratch of a build that did not finish (a killed one):
 * both scratch paths, each a Xapian database or a folder of them.
 * *cleared tells whether there was any; WX_EIO when some of it could
 * not be removed (a build over it would mix with it).
 */
wx_status wx_writer_clear_scratch(wx_writer *w, bool *cleared, wx_err *err);

/* Remove a database folder (flat files) or a folder of them (shards),
 * never following links; quietly does nothing when it is missing. */
void wx_writer_remove_db(const char *dir);

/*
 * Make the complete new index at wx_writer_new_path() the index: rename
 * it onto db_path (which must be missing or an empty folder) and flush
 * the parent folder, so the index appears whole or not at all.
 */
wx_status wx_writer_publish(wx_writer *w, wx_err *err);

/*
 * Whether the device holding path has room for a commit of about
 * text_bytes of new article text: WX_EIO with a "No space left on
 * device" message (and what to do) when not. Xapian 1.4.22 can abort
 * the whole process when the disk fills up inside a commit, so writers
 * ask first; WX_OK when the device does not say.
 */
wx_status wx_writer_room(const char *path, uint64_t text_bytes,
                         wx_err *err);

#endif
