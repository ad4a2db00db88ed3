/*
 * Export of stored articles: each record is read back (from its block,
 * with the index's dictionary) and written as one line. Documents go in
 * docid order, which is block order, so each block inflates once. The records are already
 * compact JSON, so nothing is parsed or re-encoded on the way.
 */
#include "export.h"
#include "wx_blocks.h"
#include "wx_buf.h"
#include "wx_limits.h"
#include "wx_schema.h"
#include "wx_store.h"
#include "wx_xapian.h"
#include "wx_zcodec.h"

#include <stdlib.h>

typedef struct export_ctx {
    wx_blocks_reader *blocks;
    FILE *out;
    wx_buf line;
    wx_status st;
    wx_err *err;
} export_ctx;

static bool write_one(void *arg, wx_docid id, const char *data, size_t len)
{
    export_ctx *x = arg;
    wx_buf_reset(&x->line);
    x->st = wx_blocks_record(x->blocks, data, len, &x->line, x->err);
    if (x->st != WX_OK) {
        wx_err why = *x->err;
        wx_err_set(x->err, x->st, "document %u: %s", (unsigned)id, why.msg);
        return false;
    }
    wx_buf_putc(&x->line, '\n');
    if (fwrite(x->line.data, 1, x->line.len, x->out) != x->line.len) {
        x->st = wx_err_set(x->err, WX_EIO, "cannot write the export");
        return false;
    }
    return true;
}

wx_status wx_export_jsonl(const char *db_path, FILE *out, wx_err *err)
{
    wx_db *db = NULL;
    wx_zdict *dict = NULL;
    char *bytes = NULL;
    size_t n = 0;
    export_ctx x = {NULL, out, {0}, WX_OK, err};
    wx_buf_init(&x.line, WX_MAX_STORED_BYTES + 1);
    wx_status st = wx_db_open(db_path, &db, err);
    if (st == WX_OK)
        st = wx_db_get_metadata(db, WX_META_ZDICT, &bytes, &n, err);
    if (st == WX_OK && bytes != NULL)
        st = wx_zdict_new(bytes, n, &dict, err);
    if (st == WX_OK)
        st = wx_blocks_reader_new(db, dict, &x.blocks, err);
    if (st == WX_OK)
        st = wx_db_each_doc(db, write_one, &x, err);
    if (st == WX_OK)
        st = x.st;
    wx_buf_free(&x.line);
    wx_blocks_reader_free(x.blocks);
    wx_zdict_free(dict);
    free(bytes);
    wx_db_close(db);
    return st;
}
