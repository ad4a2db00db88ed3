/*
 * Stored-record blocks: the byte layouts of wx_blocks.h, the reader with
 * its one-block cache, and the live counts that free a block once no
 * document references it.
 */
#include "wx_blocks.h"
#include "wx_limits.h"
#include "wx_store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t wx_blocks_ref(unsigned char out[WX_BLOCK_REF_MAX], uint64_t block,
                     unsigned idx)
{
    size_t k = 0;
    out[k++] = WX_BLOCK_REF;
    k += wx_zcodec_put_varint(out + k, block);
    k += wx_zcodec_put_varint(out + k, idx);
    return k;
}

bool wx_blocks_is_ref(const void *data, size_t n, uint64_t *block,
                      unsigned *idx)
{
    const unsigned char *p = data;
    size_t pos = 1;
    uint64_t b, i;
    if (n < 3 || p[0] != WX_BLOCK_REF ||
        wx_zcodec_get_varint(p, n, &pos, &b) != WX_VARINT_OK ||
        wx_zcodec_get_varint(p, n, &pos, &i) != WX_VARINT_OK || pos != n ||
        i >= WX_BLOCK_ENTRIES_MAX)
        return false;
    *block = b;
    *idx = (unsigned)i;
    return true;
}

void wx_blocks_key(char out[WX_BLOCK_KEY_MAX], const char *prefix,
                   uint64_t block)
{
    snprintf(out, WX_BLOCK_KEY_MAX, "%s%016" PRIx64, prefix, block);
}

wx_status wx_blocks_pack(wx_zcodec *z, const wx_zdict *dict,
                         const char *text, size_t text_len,
                         const size_t *lens, size_t n, wx_buf *out,
                         wx_err *err)
{
    if (n == 0 || n > WX_BLOCK_ENTRIES_MAX)
        return wx_err_set(err, WX_EINVAL, "block: %zu entries", n);
    size_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += lens[i];
    if (sum != text_len)
        return wx_err_set(err, WX_EINVAL, "block: entries of %zu bytes in "
                          "a text of %zu", sum, text_len);
    unsigned char h[16];
    wx_buf_putc(out, WX_BLOCK_FORMAT);
    wx_buf_append(out, h, wx_zcodec_put_varint(h, n));
    for (size_t i = 0; i < n; i++)
        wx_buf_append(out, h, wx_zcodec_put_varint(h, lens[i]));
    if (out->st != WX_OK)
        return wx_err_set(err, out->st, "block: output buffer full or out "
                          "of memory");
    return wx_zcodec_pack(z, text, text_len, dict, out, err);
}

/* Parse a block's header: entry count, and where its lengths and its
 * record start. */
static wx_status parse_header(const unsigned char *p, size_t n,
                              size_t *count, size_t *lens_at,
                              size_t *rec_at, wx_err *err)
{
    size_t pos = 1;
    uint64_t c = 0, len;
    if (n < 2 || p[0] != WX_BLOCK_FORMAT ||
        wx_zcodec_get_varint(p, n, &pos, &c) != WX_VARINT_OK ||
        c == 0 || c > WX_BLOCK_ENTRIES_MAX)
        return wx_err_set(err, WX_EFORMAT, "stored block: bad header");
    *lens_at = pos;
    for (uint64_t i = 0; i < c; i++)
        if (wx_zcodec_get_varint(p, n, &pos, &len) != WX_VARINT_OK ||
            len > WX_MAX_STORED_BYTES)
            return wx_err_set(err, WX_EFORMAT, "stored block: bad entry "
                              "length");
    *count = (size_t)c;
    *rec_at = pos;
    return WX_OK;
}

wx_status wx_blocks_count(const void *p, size_t n, size_t *count,
                          wx_err *err)
{
    size_t lens_at, rec_at;
    return parse_header(p, n, count, &lens_at, &rec_at, err);
}

struct wx_blocks_reader {
    wx_db *db;                  /* borrowed */
    const wx_zdict *dict;       /* borrowed; may be NULL */
    wx_zcodec *z;
    bool cached;                /* the fields below hold block `block` */
    uint64_t block;
    char *blob;                 /* the block as stored */
    size_t blob_len, rec_at;    /* its compressed record starts at rec_at */
    size_t *offs;               /* entry i is text[offs[i], offs[i+1]) */
    size_t count;
    wx_buf text;                /* the entries inflated so far */
};

wx_status wx_blocks_reader_new(wx_db *db, const wx_zdict *dict,
                               wx_blocks_reader **out, wx_err *err)
{
    *out = NULL;
    wx_blocks_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    r->db = db;
    r->dict = dict;
    wx_buf_init(&r->text, WX_MAX_STORED_BYTES * 4);
    wx_status st = wx_zcodec_new(-1, &r->z, err);
    if (st != WX_OK) {
        wx_blocks_reader_free(r);
        return st;
    }
    *out = r;
    return WX_OK;
}

void wx_blocks_reader_free(wx_blocks_reader *r)
{
    if (r == NULL)
        return;
    wx_zcodec_free(r->z);
    wx_buf_free(&r->text);
    free(r->blob);
    free(r->offs);
    free(r);
}

void wx_blocks_reader_reset(wx_blocks_reader *r)
{
    r->cached = false;
}

/* Read block b and its entry table into the cache (nothing inflated). */
static wx_status load(wx_blocks_reader *r, uint64_t b, wx_err *err)
{
    char key[WX_BLOCK_KEY_MAX];
    wx_blocks_key(key, WX_META_BLOCK, b);
    r->cached = false;
    free(r->blob);
    r->blob = NULL;
    wx_status st = wx_db_get_metadata(r->db, key, &r->blob, &r->blob_len,
                                      err);
    if (st != WX_OK)
        return st;
    if (r->blob == NULL)
        return wx_err_set(err, WX_EFORMAT, "stored block %" PRIu64
                          " is missing", b);
    const unsigned char *p = (const unsigned char *)r->blob;
    size_t n = r->blob_len, count = 0, lens_at = 0, rec_at = 0;
    if ((st = parse_header(p, n, &count, &lens_at, &rec_at, err)) != WX_OK)
        return st;
    size_t *offs = realloc(r->offs, (count + 1) * sizeof *offs);
    if (offs == NULL)
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    r->offs = offs;
    size_t pos = lens_at;
    offs[0] = 0;
    for (size_t i = 0; i < count; i++) {
        uint64_t len = 0;
        wx_zcodec_get_varint(p, n, &pos, &len);  /* parse_header checked */
        offs[i + 1] = offs[i] + (size_t)len;
    }
    int format;
    uint32_t dict_id;
    size_t text_len;
    if ((st = wx_zcodec_inspect(p + rec_at, n - rec_at, &format, &dict_id,
                                &text_len, err)) != WX_OK)
        return st;
    if (text_len != offs[count])
        return wx_err_set(err, WX_EFORMAT, "stored block %" PRIu64 ": %zu "
                          "bytes, its entries add up to %zu", b, text_len,
                          offs[count]);
    wx_buf_reset(&r->text);
    r->rec_at = rec_at;
    r->count = count;
    r->block = b;
    r->cached = true;
    return WX_OK;
}

wx_status wx_blocks_record(wx_blocks_reader *r, const void *data, size_t n,
                           wx_buf *out, wx_err *err)
{
    uint64_t b;
    unsigned idx;
    if (!wx_blocks_is_ref(data, n, &b, &idx))
        return wx_store_decode_json(data, n, r->dict, out, err);
    wx_status st;
    if ((!r->cached || r->block != b) && (st = load(r, b, err)) != WX_OK)
        return st;
    if (idx >= r->count)
        return wx_err_set(err, WX_EFORMAT, "stored block %" PRIu64 " has "
                          "no entry %u", b, idx);
    /* Inflate as far as this entry's end only: on average half a block
     * for a page of hits. A later entry re-inflates from the start. */
    size_t end = r->offs[idx + 1];
    if (r->text.len < end) {
        wx_buf_reset(&r->text);
        st = wx_zcodec_unpack_prefix(r->z, r->blob + r->rec_at,
                                     r->blob_len - r->rec_at, r->dict, end,
                                     &r->text, err);
        if (st == WX_ETOOBIG)
            st = wx_err_set(err, WX_EFORMAT, "stored block %" PRIu64
                            ": too large", b);
        if (st != WX_OK) {
            r->cached = false;
            return st;
        }
    }
    if (wx_buf_append(out, r->text.data + r->offs[idx],
                      end - r->offs[idx]) != WX_OK)
        return wx_err_set(err, out->st, "stored record: output buffer full "
                          "or out of memory");
    return WX_OK;
}

wx_status wx_blocks_release_term(wx_db *db, const char *uterm, bool *found,
                                 wx_err *err)
{
    wx_docid id = 0;
    *found = false;
    wx_status st = wx_db_find_term(db, uterm, &id, err);
    if (st == WX_ENOTFOUND)
        return WX_OK;
    wx_doc *doc = NULL;
    const char *data = NULL;
    size_t n = 0;
    if (st == WX_OK)
        st = wx_db_get_doc(db, id, &doc, err);
    if (st == WX_OK)
        st = wx_doc_get_data(doc, &data, &n, err);
    if (st == WX_OK) {
        *found = true;
        st = wx_blocks_release(db, data, n, err);
    }
    wx_doc_free(doc);
    return st;
}

wx_status wx_blocks_release(wx_db *db, const void *data, size_t n,
                            wx_err *err)
{
    uint64_t b;
    unsigned idx;
    if (!wx_blocks_is_ref(data, n, &b, &idx))
        return WX_OK;
    char key[WX_BLOCK_KEY_MAX], refkey[WX_BLOCK_KEY_MAX];
    wx_blocks_key(key, WX_META_BLOCK, b);
    wx_blocks_key(refkey, WX_META_BLOCKREF, b);
    char *v = NULL;
    size_t len = 0, live = 0;
    wx_status st = wx_db_get_metadata(db, refkey, &v, &len, err);
    if (st != WX_OK)
        return st;
    if (v != NULL) {
        live = (size_t)strtoull(v, NULL, 10);
    } else {
        /* All entries live so far: the block's header says how many. */
        if ((st = wx_db_get_metadata(db, key, &v, &len, err)) != WX_OK)
            return st;
        if (v == NULL)
            return WX_OK;       /* already gone: nothing to count */
        st = wx_blocks_count(v, len, &live, err);
    }
    free(v);
    if (st != WX_OK)
        return st;
    if (live <= 1) {
        /* Setting an empty value removes a metadata key. */
        if ((st = wx_db_set_metadata(db, key, "", 0, err)) == WX_OK)
            st = wx_db_set_metadata(db, refkey, "", 0, err);
        return st;
    }
    char num[24];
    int k = snprintf(num, sizeof num, "%zu", live - 1);
    return wx_db_set_metadata(db, refkey, num, (size_t)k, err);
}
