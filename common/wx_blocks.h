/*
 * Stored articles in shared blocks. Compressing each short wire report
 * on its own leaves most of the redundancy between reports unused, and
 * Xapian already deflates document data one document at a time; so the
 * indexer packs ~8 KiB of consecutive stored records (JSON, grouped by
 * topic) into one raw-deflate stream primed with the index's dictionary,
 * keeps it under a metadata key, and gives each document a few-byte
 * reference instead of its record. Reading one article inflates one
 * block: tens of microseconds.
 *
 * Layouts (docs/schema.md mirrors them):
 *   document data   0x03, block number (LEB128), entry index (LEB128)
 *   "wiredex.block.<16 hex digits>"
 *                   0x10, entry count n (LEB128), n entry lengths
 *                   (LEB128), then one wx_zcodec record whose text is
 *                   the n entries concatenated
 *   "wiredex.blockref.<16 hex digits>"
 *                   live entries, decimal; absent while all n are live.
 *                   Replacing or deleting an article decrements it; the
 *                   block and its count go when it reaches zero.
 *   "wiredex.blocks.next"
 *                   the next block number to use, decimal
 * Document data in any other layout is a wx_zcodec record of its own
 * (indexes written before blocks, still read).
 */
#ifndef WX_BLOCKS_H
#define WX_BLOCKS_H

#include "wx_buf.h"
#include "wx_status.h"
#include "wx_xapian.h"
#include "wx_zcodec.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WX_META_BLOCK "wiredex.block."
#define WX_META_BLOCKREF "wiredex.blockref."
#define WX_META_BLOCKNEXT "wiredex.blocks.next"

enum {
    WX_BLOCK_REF = 0x03,        /* first byte of a reference */
    WX_BLOCK_FORMAT = 0x10,     /* first byte of a block */
    WX_BLOCK_REF_MAX = 1 + 10 + 5,
    WX_BLOCK_KEY_MAX = 48,
    WX_BLOCK_ENTRIES_MAX = 4096
};

/* The reference to entry idx of block; returns its length. */
size_t wx_blocks_ref(unsigned char out[WX_BLOCK_REF_MAX], uint64_t block,
                     unsigned idx);

/* Whether data is a reference, and which (block, idx) when it is. */
bool wx_blocks_is_ref(const void *data, size_t n, uint64_t *block,
                      unsigned *idx);

/* The metadata key of block under prefix (WX_META_BLOCK or
 * WX_META_BLOCKREF). */
void wx_blocks_key(char out[WX_BLOCK_KEY_MAX], const char *prefix,
                   uint64_t block);

/*
 * Pack n entries, given as one text and the entries' lengths (which sum
 * to text_len), into a block appended to out. WX_EINVAL for no or too
 * many entries or lengths that do not add up; WX_ENOMEM, WX_ETOOBIG.
 */
wx_status wx_blocks_pack(wx_zcodec *z, const wx_zdict *dict,
                         const char *text, size_t text_len,
                         const size_t *lens, size_t n,
                         wx_buf *out /* IN/OUT */, wx_err *err);

/* The entry count of a block, from its header. WX_EFORMAT when p is not
 * a block. */
wx_status wx_blocks_count(const void *p, size_t n, size_t *count,
                          wx_err *err);

/*
 * Reading stored records. A reader keeps the last block it inflated, so
 * neighbours (a page of hits, an export) cost one inflate per block. It
 * borrows db and dict, which must outlive it; make a new reader when
 * either changes.
 */
typedef struct wx_blocks_reader wx_blocks_reader;

wx_status wx_blocks_reader_new(wx_db *db, const wx_zdict *dict,
                               wx_blocks_reader **out /* OUT */,
                               wx_err *err);
void wx_blocks_reader_free(wx_blocks_reader *r);   /* NULL-safe */

/* Forget the cached block (a long-lived reader, at each request: the
 * index may have been rebuilt meanwhile). */
void wx_blocks_reader_reset(wx_blocks_reader *r);

/*
 * Append the stored record (uncompressed JSON) of a document with data
 * data[0, n) to out, whichever layout it has. WX_EFORMAT for a corrupt
 * or missing block or record, WX_ENOMEM, WX_ETOOBIG, or the database's
 * status.
 */
wx_status wx_blocks_record(wx_blocks_reader *r, const void *data, size_t n,
                           wx_buf *out /* IN/OUT */, wx_err *err);

/*
 * A document with data data[0, n) is going away (replaced or deleted):
 * when it references a block, count one entry less live there, and
 * remove the block with its last entry. Writable db only. A document
 * with its own record needs nothing.
 */
wx_status wx_blocks_release(wx_db *db, const void *data, size_t n,
                            wx_err *err);

/* The same for the article indexed by unique term uterm, if any (*found
 * tells whether there was one). */
wx_status wx_blocks_release_term(wx_db *db, const char *uterm, bool *found,
                                 wx_err *err);

#endif
