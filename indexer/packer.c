/*
 * Grouping documents into stored-record blocks. A block is written with
 * its documents, between two commits, so a commit never holds a
 * reference to a block it does not also hold, and a killed run loses
 * both together. Commits do not cut blocks short: documents of a block
 * still filling wait here, outside the database, for a later commit.
 */
#include "packer.h"
#include "wx_blocks.h"
#include "wx_limits.h"
#include "wx_schema.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A record is read by inflating its block up to the record's end, so
 * the block size is what one hit costs to show. 8 KiB blocks, each
 * word-coded and primed with the trained dictionary, store 10x Reuters
 * at 39.1% of raw (44.1% before word coding) and read a hit by
 * inflating about half a block; 32 KiB blocks stored 42.2% against
 * 44.1% (preset only) but cost 0.4 ms more per page of ten hits.
 * Few groups are open at once, so memory stays small whatever the
 * corpus. */
enum { BLOCK_TARGET = 8 << 10, GROUPS = 64 };

typedef struct entry {
    wx_doc *doc;
    char *uterm;
    size_t len;             /* bytes of its record in the group text */
    size_t raw;
} entry;

typedef struct group {
    char *key;              /* NULL: slot free */
    wx_buf text;            /* the records, concatenated */
    entry *e;
    size_t n, cap;
    uint64_t used;          /* when a record last joined it */
} group;

struct wx_packer {
    wx_db *db;
    const wx_zdict *dict;
    wx_zcodec *z;
    uint64_t next;          /* next block number */
    uint64_t clock;         /* records put so far */
    bool wrote;             /* blocks written since the last flush */
    wx_buf blob;
    size_t *lens;           /* scratch: entry lengths of one block */
    group g[GROUPS];
};

wx_status wx_packer_new(wx_db *db, uint64_t first_block, wx_packer **out,
                        wx_err *err)
{
    *out = NULL;
    wx_packer *p = calloc(1, sizeof *p);
    if (p == NULL || (p->lens = calloc(WX_BLOCK_ENTRIES_MAX,
                                       sizeof *p->lens)) == NULL) {
        free(p);
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    }
    p->db = db;
    p->next = first_block;
    wx_buf_init(&p->blob, WX_MAX_STORED_BYTES * 2);
    for (size_t i = 0; i < GROUPS; i++)
        wx_buf_init(&p->g[i].text, WX_MAX_STORED_BYTES * 2);
    wx_status st = wx_zcodec_new(9, &p->z, err);
    if (st == WX_OK && p->next == 0) {
        char *v = NULL;
        st = wx_db_get_metadata(db, WX_META_BLOCKNEXT, &v, NULL, err);
        p->next = v != NULL ? strtoull(v, NULL, 10) : 1;
        free(v);
    }
    if (st != WX_OK) {
        wx_packer_free(p);
        return st;
    }
    *out = p;
    return WX_OK;
}

void wx_packer_set_dict(wx_packer *p, const wx_zdict *dict)
{
    p->dict = dict;
}

static void drop(group *g)
{
    for (size_t i = 0; i < g->n; i++) {
        wx_doc_free(g->e[i].doc);
        free(g->e[i].uterm);
    }
    g->n = 0;
    wx_buf_reset(&g->text);
}

/* Put document e, whose record is entry idx of block b, in the database:
 * it replaces the article with its id, whose block then counts one entry
 * less. */
static wx_status write_doc(wx_packer *p, entry *e, uint64_t b, size_t idx,
                           size_t stored, wx_index_counts *c, wx_err *err)
{
    unsigned char ref[WX_BLOCK_REF_MAX];
    size_t rlen = wx_blocks_ref(ref, b, (unsigned)idx);
    char sizes[48];
    int k = snprintf(sizes, sizeof sizes, "%zu %zu", e->raw, stored);
    wx_status st = wx_doc_set_data(e->doc, ref, rlen, err);
    if (st == WX_OK)
        st = wx_doc_set_value(e->doc,
                              (unsigned)wx_schema_get(WX_FIELD_SIZES)->slot,
                              sizes, (size_t)k, err);
    if (st != WX_OK)
        return st;
    bool had = false;
    st = wx_blocks_release_term(p->db, e->uterm, &had, err);
    if (st == WX_OK)
        st = wx_db_replace(p->db, e->uterm, e->doc, NULL, err);
    if (st != WX_OK)
        return st == WX_EFORMAT ? WX_EDB : st;
    if (had)
        c->replaced++;
    else
        c->added++;
    c->raw_bytes += e->raw;
    c->stored_bytes += stored;
    return WX_OK;
}

/* Write group g as one block, then its documents. */
static wx_status seal(wx_packer *p, group *g, wx_index_counts *c,
                      wx_err *err)
{
    if (g->n == 0)
        return WX_OK;
    for (size_t i = 0; i < g->n; i++)
        p->lens[i] = g->e[i].len;
    wx_buf_reset(&p->blob);
    uint64_t b = p->next++;
    char key[WX_BLOCK_KEY_MAX];
    wx_blocks_key(key, WX_META_BLOCK, b);
    wx_status st = wx_blocks_pack(p->z, p->dict, g->text.data, g->text.len,
                                  p->lens, g->n, &p->blob, err);
    if (st == WX_OK)
        st = wx_db_set_metadata(p->db, key, p->blob.data, p->blob.len, err);
    p->wrote = true;
    /* Each record's share of the block, for --stats (the few bytes of
     * its reference left out: they vary with the block's number, and a
     * rerun must count what an uninterrupted run counts). */
    double per_byte = g->text.len ? (double)p->blob.len / (double)g->text.len
                                  : 0;
    for (size_t i = 0; st == WX_OK && i < g->n; i++)
        st = write_doc(p, &g->e[i], b, i,
                       (size_t)(per_byte * (double)g->e[i].len + 0.5), c,
                       err);
    drop(g);
    return st;
}

static group *find_group(wx_packer *p, const char *key, wx_index_counts *c,
                         wx_err *err, wx_status *st)
{
    group *free_slot = NULL, *idlest = &p->g[0];
    for (size_t i = 0; i < GROUPS; i++) {
        group *g = &p->g[i];
        if (g->key != NULL && strcmp(g->key, key) == 0)
            return g;
        if (g->key == NULL && free_slot == NULL)
            free_slot = g;
        if (g->used < idlest->used)
            idlest = g;
    }
    group *g = free_slot;
    if (g == NULL) {
        /* Every slot taken by another group: write out the one that went
         * longest without a record. Rare topics then get small blocks and
         * busy ones full blocks; writing the fullest instead would cut
         * the busy groups short whenever a rare one came along (5 points
         * of stored size on 10x Reuters). */
        g = idlest;
        if ((*st = seal(p, g, c, err)) != WX_OK)
            return NULL;
        free(g->key);
        g->key = NULL;
    }
    if ((g->key = strdup(key)) == NULL) {
        *st = wx_err_set(err, WX_ENOMEM, "out of memory");
        return NULL;
    }
    return g;
}

wx_status wx_packer_put(wx_packer *p, wx_doc *doc, const char *uterm,
                        const char *group_key, const char *json, size_t len,
                        size_t raw, wx_index_counts *c, wx_err *err)
{
    wx_status st = WX_OK;
    char *ut = strdup(uterm);
    group *g = ut != NULL ? find_group(p, group_key ? group_key : "", c,
                                       err, &st)
                          : NULL;
    if (ut == NULL)
        st = wx_err_set(err, WX_ENOMEM, "out of memory");
    if (st == WX_OK && g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 32;
        entry *e = realloc(g->e, cap * sizeof *e);
        if (e == NULL)
            st = wx_err_set(err, WX_ENOMEM, "out of memory");
        else {
            g->e = e;
            g->cap = cap;
        }
    }
    if (st == WX_OK && wx_buf_append(&g->text, json, len) != WX_OK)
        st = wx_err_set(err, WX_ENOMEM, "stored records: out of memory");
    if (st != WX_OK) {
        wx_doc_free(doc);
        free(ut);
        return st;
    }
    g->e[g->n++] = (entry){doc, ut, len, raw};
    g->used = ++p->clock;
    if (g->text.len >= BLOCK_TARGET || g->n == WX_BLOCK_ENTRIES_MAX)
        return seal(p, g, c, err);
    return WX_OK;
}

wx_status wx_packer_sync(wx_packer *p, wx_err *err)
{
    if (!p->wrote)
        return WX_OK;
    char num[24];
    int k = snprintf(num, sizeof num, "%" PRIu64, p->next);
    wx_status st = wx_db_set_metadata(p->db, WX_META_BLOCKNEXT, num,
                                      (size_t)k, err);
    p->wrote = st != WX_OK;
    return st;
}

wx_status wx_packer_flush(wx_packer *p, wx_index_counts *c, wx_err *err)
{
    wx_status st = WX_OK;
    for (size_t i = 0; st == WX_OK && i < GROUPS; i++)
        st = seal(p, &p->g[i], c, err);
    return st == WX_OK ? wx_packer_sync(p, err) : st;
}

wx_status wx_packer_commit(wx_packer *p, bool flush, wx_index_counts *c,
                           wx_err *err)
{
    wx_status st = flush ? wx_packer_flush(p, c, err)
                         : wx_packer_sync(p, err);
    return st == WX_OK ? wx_db_commit(p->db, err) : st;
}

void wx_packer_free(wx_packer *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < GROUPS; i++) {
        drop(&p->g[i]);
        free(p->g[i].e);
        free(p->g[i].key);
        wx_buf_free(&p->g[i].text);
    }
    wx_buf_free(&p->blob);
    wx_zcodec_free(p->z);
    free(p->lens);
    free(p);
}
