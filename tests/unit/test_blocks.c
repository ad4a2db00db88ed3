/*
 * Unit tests for common/wx_blocks and indexer/packer: references, block
 * round trips through a real Xapian database (with and without a
 * dictionary), records of their own, corrupt and missing blocks, live
 * counts that free a block with its last entry, and the packer's
 * grouping, replacing and counting.
 */
#define _XOPEN_SOURCE 700  /* nftw() */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_test_util.h"

#include "indexer/packer.h"
#include "wx_blocks.h"
#include "wx_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A fresh writable database in a temporary directory. */
typedef struct fixture {
    char dir[64];
    wx_db *db;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    wx_err err;
    snprintf(f->dir, sizeof f->dir, "/tmp/wx-test-blocks-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    char path[128];
    snprintf(path, sizeof path, "%s/db", f->dir);
    if (wx_db_open_writable(path, WX_DB_CREATE, &f->db, &err) != WX_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    wx_db_close(f->db);
    int rc = wxt_rmtree(f->dir);
    free(f);
    return rc;
}

static void test_ref(void **state)
{
    (void)state;
    unsigned char r[WX_BLOCK_REF_MAX];
    uint64_t b = 0;
    unsigned i = 0;
    size_t n = wx_blocks_ref(r, 300, 7);
    assert_int_equal(n, 4);                 /* 03, ac 02, 07 */
    assert_int_equal(r[0], WX_BLOCK_REF);
    assert_true(wx_blocks_is_ref(r, n, &b, &i));
    assert_int_equal(b, 300);
    assert_int_equal(i, 7);
    n = wx_blocks_ref(r, (uint64_t)3 << 40, 4095);
    assert_true(wx_blocks_is_ref(r, n, &b, &i));
    assert_true(b == (uint64_t)3 << 40);
    assert_int_equal(i, 4095);
    /* Trailing bytes, truncation, another first byte, an index past the
     * most a block holds: not references. */
    unsigned char bad[WX_BLOCK_REF_MAX + 1];
    memcpy(bad, r, n);
    bad[n] = 0;
    assert_false(wx_blocks_is_ref(bad, n + 1, &b, &i));
    assert_false(wx_blocks_is_ref(r, n - 1, &b, &i));
    bad[0] = 0x02;
    assert_false(wx_blocks_is_ref(bad, n, &b, &i));
    n = wx_blocks_ref(r, 1, 4096);
    assert_false(wx_blocks_is_ref(r, n, &b, &i));
    char key[WX_BLOCK_KEY_MAX];
    wx_blocks_key(key, WX_META_BLOCK, 255);
    assert_string_equal(key, "wiredex.block.00000000000000ff");
}

static const char *const entries[] = {
    "{\"id\":\"a\",\"body\":\"Cocoa prices rose in Bahia.\"}",
    "",
    "{\"id\":\"c\",\"body\":\"Cocoa prices fell in Bahia.\"}",
};

/* Pack the three entries as block b of f's database. */
static void put_block(fixture *f, uint64_t b, const wx_zdict *dict)
{
    wx_err err;
    wx_zcodec *z = NULL;
    wx_buf text, blob;
    size_t lens[3];
    wx_buf_init(&text, 1 << 20);
    wx_buf_init(&blob, 1 << 20);
    for (size_t i = 0; i < 3; i++) {
        lens[i] = strlen(entries[i]);
        wx_buf_puts(&text, entries[i]);
    }
    OK(wx_zcodec_new(6, &z, &err));
    assert_int_equal(wx_blocks_pack(z, dict, text.data, text.len, lens, 2,
                                     &blob, &err), WX_EINVAL);
    OK(wx_blocks_pack(z, dict, text.data, text.len, lens, 3, &blob, &err));
    size_t count = 0;
    OK(wx_blocks_count(blob.data, blob.len, &count, &err));
    assert_int_equal(count, 3);
    char key[WX_BLOCK_KEY_MAX];
    wx_blocks_key(key, WX_META_BLOCK, b);
    OK(wx_db_set_metadata(f->db, key, blob.data, blob.len, &err));
    wx_zcodec_free(z);
    wx_buf_free(&text);
    wx_buf_free(&blob);
}

/* Entry idx of block b as the reader gives it back. */
static wx_status read_entry(wx_blocks_reader *r, uint64_t b, unsigned idx,
                            wx_buf *out, wx_err *err)
{
    unsigned char ref[WX_BLOCK_REF_MAX];
    size_t n = wx_blocks_ref(ref, b, idx);
    wx_buf_reset(out);
    return wx_blocks_record(r, ref, n, out, err);
}

static void round_trip(void **state, const wx_zdict *dict)
{
    fixture *f = *state;
    wx_err err;
    put_block(f, 5, dict);
    wx_blocks_reader *r = NULL;
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    OK(wx_blocks_reader_new(f->db, dict, &r, &err));
    /* Out of order, and twice: the cache must not mix entries up. */
    for (int pass = 0; pass < 2; pass++)
        for (unsigned k = 3; k-- > 0;) {
            OK(read_entry(r, 5, k, &out, &err));
            assert_int_equal(out.len, strlen(entries[k]));
            assert_memory_equal(out.data, entries[k], out.len);
        }
    assert_int_equal(read_entry(r, 5, 3, &out, &err), WX_EFORMAT);
    assert_int_equal(read_entry(r, 6, 0, &out, &err), WX_EFORMAT);
    assert_non_null(strstr(err.msg, "missing"));

    /* A record of its own still reads. */
    wx_buf rec;
    wx_buf_init(&rec, 1 << 20);
    OK(wx_zcodec_compress(entries[0], strlen(entries[0]), dict, 6, &rec,
                          &err));
    wx_buf_reset(&out);
    OK(wx_blocks_record(r, rec.data, rec.len, &out, &err));
    assert_string_equal(wx_buf_str(&out), entries[0]);
    wx_buf_free(&rec);
    wx_buf_free(&out);
    wx_blocks_reader_free(r);
}

static void test_round_trip(void **state)
{
    round_trip(state, NULL);
}

static void test_round_trip_dict(void **state)
{
    wx_err err;
    wx_zdict *d = NULL;
    static const char sample[] = "{\"id\":\"\",\"body\":\"Cocoa prices in "
                                 "Bahia.\"}";
    OK(wx_zdict_new(sample, sizeof sample - 1, &d, &err));
    round_trip(state, d);
    /* Read with no dictionary, a block made with one fails cleanly. */
    fixture *f = *state;
    wx_blocks_reader *r = NULL;
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    OK(wx_blocks_reader_new(f->db, NULL, &r, &err));
    assert_int_equal(read_entry(r, 5, 0, &out, &err), WX_EFORMAT);
    wx_blocks_reader_free(r);
    wx_buf_free(&out);
    wx_zdict_free(d);
}

static void test_corrupt(void **state)
{
    fixture *f = *state;
    wx_err err;
    put_block(f, 9, NULL);
    char key[WX_BLOCK_KEY_MAX];
    wx_blocks_key(key, WX_META_BLOCK, 9);
    char *v = NULL;
    size_t n = 0;
    OK(wx_db_get_metadata(f->db, key, &v, &n, &err));
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    /* Every truncation: an error, or (a reader inflates only as far as
     * the entry it needs) exactly the entry packed; a flipped byte at
     * every position: an error or some bytes, never a crash. */
    size_t errors = 0;
    for (size_t cut = 0; cut < n; cut++) {
        OK(wx_db_set_metadata(f->db, key, v, cut ? cut : 1, &err));
        wx_blocks_reader *r = NULL;
        OK(wx_blocks_reader_new(f->db, NULL, &r, &err));
        for (unsigned k = 0; k < 3; k++) {
            wx_status st = read_entry(r, 9, k, &out, &err);
            if (st == WX_OK)
                assert_memory_equal(out.data, entries[k], out.len);
            else
                assert_int_equal(st, WX_EFORMAT);
            errors += st != WX_OK;
        }
        wx_blocks_reader_free(r);
    }
    assert_true(errors >= n);   /* the last entry needs the whole text */
    for (size_t i = 0; i < n; i++) {
        v[i] ^= 0x5a;
        OK(wx_db_set_metadata(f->db, key, v, n, &err));
        wx_blocks_reader *r = NULL;
        OK(wx_blocks_reader_new(f->db, NULL, &r, &err));
        wx_status st = read_entry(r, 9, 2, &out, &err);
        assert_true(st == WX_OK || st == WX_EFORMAT);
        wx_blocks_reader_free(r);
        v[i] ^= 0x5a;
    }
    free(v);
    wx_buf_free(&out);
}

static bool has_key(fixture *f, const char *prefix, uint64_t b)
{
    char key[WX_BLOCK_KEY_MAX];
    wx_blocks_key(key, prefix, b);
    char *v = NULL;
    wx_err err;
    OK(wx_db_get_metadata(f->db, key, &v, NULL, &err));
    bool has = v != NULL;
    free(v);
    return has;
}

static void test_release(void **state)
{
    fixture *f = *state;
    wx_err err;
    put_block(f, 2, NULL);
    unsigned char ref[WX_BLOCK_REF_MAX];
    size_t n = wx_blocks_ref(ref, 2, 1);
    OK(wx_blocks_release(f->db, ref, n, &err));
    assert_true(has_key(f, WX_META_BLOCK, 2));
    char *v = NULL;
    char key[WX_BLOCK_KEY_MAX];
    wx_blocks_key(key, WX_META_BLOCKREF, 2);
    OK(wx_db_get_metadata(f->db, key, &v, NULL, &err));
    assert_string_equal(v, "2");
    free(v);
    OK(wx_blocks_release(f->db, ref, n, &err));
    assert_true(has_key(f, WX_META_BLOCK, 2));
    OK(wx_blocks_release(f->db, ref, n, &err));
    assert_false(has_key(f, WX_META_BLOCK, 2));
    assert_false(has_key(f, WX_META_BLOCKREF, 2));
    /* Releasing a block already gone, or a record of its own, is a
     * no-op. */
    OK(wx_blocks_release(f->db, ref, n, &err));
    OK(wx_blocks_release(f->db, "\x00\x02hi", 4, &err));
}

/* A document with id term Q<id> for the packer. */
static wx_doc *doc_for(const char *id)
{
    wx_err err;
    wx_doc *d = NULL;
    char term[64];
    snprintf(term, sizeof term, "Q%s", id);
    OK(wx_doc_new(&d, &err));
    OK(wx_doc_add_boolean_term(d, term, &err));
    return d;
}

static void put(wx_packer *p, const char *id, const char *group,
                wx_index_counts *c)
{
    wx_err err;
    char term[64], json[128];
    snprintf(term, sizeof term, "Q%s", id);
    int n = snprintf(json, sizeof json, "{\"id\":\"%s\",\"body\":\"text of "
                     "%s in %s\"}", id, id, group);
    OK(wx_packer_put(p, doc_for(id), term, group, json, (size_t)n, 10, c,
                     &err));
}

/* A packer on the fixture's database, and zeroed counts. */
static wx_packer *new_packer(fixture *f, uint64_t first_block,
                             wx_index_counts *c)
{
    wx_err err;
    wx_packer *p = NULL;
    memset(c, 0, sizeof *c);
    OK(wx_packer_new(f->db, first_block, &p, &err));
    return p;
}

static void test_packer(void **state)
{
    fixture *f = *state;
    wx_err err;
    wx_index_counts c;
    wx_packer *p = new_packer(f, 0, &c);
    put(p, "a", "cocoa", &c);
    put(p, "b", "grain", &c);
    put(p, "a", "cocoa", &c);   /* the same story again, same batch */
    /* Nothing reaches the database before the flush. */
    uint64_t docs = 9;
    OK(wx_db_doccount(f->db, &docs, &err));
    assert_int_equal(docs, 0);
    OK(wx_packer_flush(p, &c, &err));
    OK(wx_db_commit(f->db, &err));
    OK(wx_db_doccount(f->db, &docs, &err));
    assert_int_equal(docs, 2);
    assert_int_equal(c.added, 2);
    assert_int_equal(c.replaced, 1);
    assert_int_equal(c.raw_bytes, 30);
    assert_true(c.stored_bytes > 0);
    /* Two groups, two blocks, numbered from 1; the cocoa one has one of
     * its two entries live. */
    assert_true(has_key(f, WX_META_BLOCK, 1));
    assert_true(has_key(f, WX_META_BLOCK, 2));
    assert_false(has_key(f, WX_META_BLOCK, 3));
    char *v = NULL;
    OK(wx_db_get_metadata(f->db, WX_META_BLOCKNEXT, &v, NULL, &err));
    assert_string_equal(v, "3");
    free(v);
    wx_packer_free(p);

    /* A later run continues the numbering; replacing b frees block 2,
     * whose only entry it was. */
    OK(wx_packer_new(f->db, 0, &p, &err));
    put(p, "b", "grain", &c);
    OK(wx_packer_flush(p, &c, &err));
    OK(wx_db_commit(f->db, &err));
    wx_packer_free(p);
    assert_false(has_key(f, WX_META_BLOCK, 2));
    assert_true(has_key(f, WX_META_BLOCK, 3));
    assert_int_equal(c.replaced, 2);

    /* Every document reads back its own record. */
    wx_blocks_reader *r = NULL;
    OK(wx_blocks_reader_new(f->db, NULL, &r, &err));
    const char *ids[] = {"a", "b"};
    for (size_t i = 0; i < 2; i++) {
        char term[16];
        snprintf(term, sizeof term, "Q%s", ids[i]);
        wx_docid id = 0;
        wx_doc *d = NULL;
        const char *data;
        size_t n;
        OK(wx_db_find_term(f->db, term, &id, &err));
        OK(wx_db_get_doc(f->db, id, &d, &err));
        OK(wx_doc_get_data(d, &data, &n, &err));
        wx_buf out;
        wx_buf_init(&out, 1 << 16);
        OK(wx_blocks_record(r, data, n, &out, &err));
        char want[64];
        snprintf(want, sizeof want, "\"id\":\"%s\"", ids[i]);
        assert_non_null(strstr(wx_buf_str(&out), want));
        wx_buf_free(&out);
        wx_doc_free(d);
    }
    wx_blocks_reader_free(r);
}

/* 100 stories over 70 groups: more groups than the packer's 64 slots. */
static void put_spread(wx_packer *p, wx_index_counts *c)
{
    for (int i = 0; i < 100; i++) {
        char id[16], group[16];
        snprintf(id, sizeof id, "d%d", i);
        snprintf(group, sizeof group, "g%d", i % 70);
        put(p, id, group, c);
    }
}

/* Unflushed documents are dropped with the packer, not leaked. */
static void test_packer_drop(void **state)
{
    fixture *f = *state;
    wx_index_counts c;
    wx_packer *p = new_packer(f, 1000, &c);
    put_spread(p, &c);
    /* 70 groups in 64 slots: some blocks were written to make room. */
    assert_true(c.added > 0 && c.added < 100);
    assert_true(has_key(f, WX_META_BLOCK, 1000));
    wx_packer_free(p);
}

/* A commit between flushes holds the documents whose blocks are written,
 * with the block numbering; the others wait for the flush. */
static void test_packer_sync(void **state)
{
    fixture *f = *state;
    wx_err err;
    wx_index_counts c;
    wx_packer *p = new_packer(f, 0, &c);
    put_spread(p, &c);
    uint64_t written = c.added, docs = 0;
    assert_true(written > 0 && written < 100);
    OK(wx_packer_sync(p, &err));
    OK(wx_db_commit(f->db, &err));
    OK(wx_db_doccount(f->db, &docs, &err));
    assert_int_equal(docs, written);
    assert_int_equal(c.added, written);
    char *v = NULL;
    OK(wx_db_get_metadata(f->db, WX_META_BLOCKNEXT, &v, NULL, &err));
    assert_non_null(v);
    uint64_t next = strtoull(v, NULL, 10);
    free(v);
    assert_true(next > 1 && has_key(f, WX_META_BLOCK, next - 1));
    assert_false(has_key(f, WX_META_BLOCK, next));
    OK(wx_packer_flush(p, &c, &err));
    OK(wx_db_commit(f->db, &err));
    OK(wx_db_doccount(f->db, &docs, &err));
    assert_int_equal(docs, 100);
    assert_int_equal(c.added, 100);
    wx_packer_free(p);
}

/* With every slot taken, a new group displaces the one that went longest
 * without a story, not the fullest: a busy topic keeps filling its block. */
static void test_packer_evicts_idlest(void **state)
{
    fixture *f = *state;
    wx_err err;
    wx_index_counts c;
    wx_packer *p = new_packer(f, 0, &c);
    char id[16], group[16];
    for (int i = 0; i < 5; i++) {
        snprintf(id, sizeof id, "busy%d", i);
        put(p, id, "busy", &c);
    }
    for (int i = 0; i < 63; i++) {
        snprintf(id, sizeof id, "r%d", i);
        snprintf(group, sizeof group, "rare%d", i);
        put(p, id, group, &c);
    }
    put(p, "busy5", "busy", &c);
    assert_int_equal(c.added, 0);
    put(p, "new", "new", &c);
    /* rare0 went out, alone in its block; busy still holds its six. */
    assert_int_equal(c.added, 1);
    uint64_t docs = 0;
    OK(wx_db_doccount(f->db, &docs, &err));
    assert_int_equal(docs, 1);
    wx_docid d = 0;
    OK(wx_db_find_term(f->db, "Qr0", &d, &err));
    wx_packer_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ref),
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trip_dict, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_corrupt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_release, setup, teardown),
        cmocka_unit_test_setup_teardown(test_packer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_packer_drop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_packer_sync, setup, teardown),
        cmocka_unit_test_setup_teardown(test_packer_evicts_idlest, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
