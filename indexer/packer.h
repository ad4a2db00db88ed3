/*
 * The packer holds built documents until their stored records fill a
 * block (wx_blocks.h), then writes the block and the documents, which
 * reference it, in one go. Records are grouped by a key (the article's
 * first topic, else its agency) so that a block holds reports alike:
 * deflate finds more to reuse among twenty earnings reports than among
 * twenty random ones. One packer per writable database and thread.
 */
#ifndef WX_PACKER_H
#define WX_PACKER_H

#include "index.h"
#include "wx_status.h"
#include "wx_xapian.h"
#include "wx_zcodec.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wx_packer wx_packer;

/*
 * A packer writing into db (borrowed). Block numbers start at
 * first_block, or, when it is 0, at the database's WX_META_BLOCKNEXT
 * (1 for a new one). Caller frees with wx_packer_free().
 */
wx_status wx_packer_new(wx_db *db, uint64_t first_block,
                        wx_packer **out /* OUT */, wx_err *err);

/* The stored-record dictionary (borrowed; may be NULL) of blocks packed
 * from now on. */
void wx_packer_set_dict(wx_packer *p, const wx_zdict *dict);

/*
 * Take doc (owned from now on, whatever the status) with its unique id
 * term and its stored record (the JSON, copied) of an article with raw
 * text bytes; group is the grouping key. The document reaches the
 * database, counted in *c as added or replaced, when its block is
 * written: here when the group's block is full, or at the next flush.
 */
wx_status wx_packer_put(wx_packer *p, wx_doc *doc, const char *uterm,
                        const char *group, const char *json, size_t len,
                        size_t raw, wx_index_counts *c, wx_err *err);

/*
 * Record the block numbering in the database: call before each commit.
 * Documents whose block is not full yet stay pending, outside the
 * commit; they are in no way part of the database until written.
 */
wx_status wx_packer_sync(wx_packer *p, wx_err *err);

/* Write every pending block and its documents, then sync (at the end of
 * a run, and before anything that reads the documents back). */
wx_status wx_packer_flush(wx_packer *p, wx_index_counts *c, wx_err *err);

/* Sync, or with flush write every pending block first (the run's last
 * commit), then commit the database. */
wx_status wx_packer_commit(wx_packer *p, bool flush, wx_index_counts *c,
                           wx_err *err);

/* Drop what was not flushed. NULL-safe. */
void wx_packer_free(wx_packer *p);

#endif
