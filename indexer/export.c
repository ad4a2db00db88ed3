/*
 * Export of stored articles: each document's record is decoded and
 * written as one line, in docid order. The records are already compact
 * JSON, so nothing is parsed or re-encoded on the way.
 */
#include "export.h"
#include "wx_buf.h"
#include "wx_limits.h"
#include "wx_schema.h"
#include "wx_store.h"
#include "wx_xapian.h"
#include "wx_zcodec.h"

#include <stdlib.h>

typedef struct export_ctx {
    wx_zcodec *z;
    FILE *out;
    wx_buf line;
    wx_status st;
    wx_err *err;
} export_ctx;

static bool write_one(void *arg, wx_docid id, const char *data, size_t len)
{
    export_ctx *x = arg;
    wx_buf_reset(&x->line);
    x->st = wx_store_decode_json(data, len, x->z, &x->line, x->err);
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
    export_ctx x = {NULL, out, {0}, WX_OK, err};
    wx_buf_init(&x.line, WX_MAX_STORED_BYTES + 1);
    wx_status st = wx_db_open(db_path, &db, err);
    if (st == WX_OK)
        st = wx_zcodec_new(-1, &x.z, err);
    if (st == WX_OK)
        st = wx_db_each_doc(db, write_one, &x, err);
    if (st == WX_OK)
        st = x.st;
    wx_buf_free(&x.line);
    wx_zcodec_free(x.z);
    wx_db_close(db);
    return st;
}
