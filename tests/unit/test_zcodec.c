/*
 * Unit tests for common/wx_zcodec: the byte layout, round trips with and
 * without a dictionary, every truncation and single-byte corruption of
 * records (held in exactly-sized allocations so ASan sees overreads),
 * output bounds, dictionary ids, built-in dictionaries (format 0x04) and
 * dictionary training.
 */
#define _XOPEN_SOURCE 700       /* nftw(), for wx_test_util.h */
#include "wx_zcodec.h"
#include "wx_limits.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const char *news =
    "NEW YORK, March 3 - The company said it expects first quarter "
    "earnings to rise about 15 pct from a year ago, when it earned 1.20 "
    "dlrs a share on revenues of 450 mln dlrs.\nThe company said the "
    "gain reflects higher prices and strong demand, a spokesman said.\n";

static uint64_t rng = 88172645463325252ull;

static unsigned next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

static void fill_random(unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)next_rand();
}

/* A news-like text: boilerplate phrases with varying numbers and words. */
static size_t fake_article(char *p, size_t cap)
{
    static const char *const words[] = {
        "oil", "wheat", "bank", "shares", "profit", "trade", "dollar",
        "tonnes", "Tokyo", "London", "exports", "rates", "grain", "gold"};
    size_t n = 0;
    int k = (int)(next_rand() % 4) + 2;
    for (int i = 0; i < k && n + 200 < cap; i++) {
        int w = snprintf(p + n, cap - n, "%s %s rose %u pct to %u mln "
                         "dlrs in the first quarter, the company said in "
                         "a statement. ",
                         words[next_rand() % 14], words[next_rand() % 14],
                         next_rand() % 100, next_rand() % 1000);
        n += (size_t)w;
    }
    return n;
}

/* n fake articles of at most cap bytes each, on the heap. */
static void fake_articles(char **texts, size_t *lens, size_t n, size_t cap)
{
    for (size_t i = 0; i < n; i++) {
        texts[i] = malloc(cap);
        assert_non_null(texts[i]);
        lens[i] = fake_article(texts[i], cap);
    }
}

/* A heap copy of exactly n bytes, so any overread is an ASan error. */
static unsigned char *exact_copy(const void *p, size_t n)
{
    unsigned char *c = malloc(n > 0 ? n : 1);
    assert_non_null(c);
    if (n > 0)
        memcpy(c, p, n);
    return c;
}

static int count_of(const char *p, size_t n, const char *s)
{
    size_t k = strlen(s);
    int c = 0;
    for (size_t i = 0; i + k <= n; i++)
        c += memcmp(p + i, s, k) == 0;
    return c;
}

static wx_zdict *make_dict(const char *text)
{
    wx_zdict *d;
    wx_err err;
    assert_int_equal(wx_zdict_new(text, strlen(text), &d, &err), WX_OK);
    return d;
}

static void test_layout(void **state)
{
    (void)state;
    wx_buf b;
    wx_err err;
    wx_buf_init(&b, 1 << 20);

    assert_int_equal(wx_zcodec_compress("", 0, NULL, -1, &b, &err), WX_OK);
    assert_int_equal(b.len, 2);
    assert_memory_equal(b.data, "\x00\x00", 2);

    wx_buf_reset(&b);
    assert_int_equal(wx_zcodec_compress("hi", 2, NULL, -1, &b, &err),
                     WX_OK);
    assert_int_equal(b.len, 4);
    assert_memory_equal(b.data, "\x00\x02hi", 4);

    char a300[300];
    memset(a300, 'a', sizeof a300);
    wx_buf_reset(&b);
    assert_int_equal(wx_zcodec_compress(a300, 300, NULL, 6, &b, &err),
                     WX_OK);
    assert_true(b.len < 20);
    assert_memory_equal(b.data, "\x01\xac\x02", 3);
    /* The payload is raw deflate: zlib inflates it with windowBits -15. */
    char back[301];
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, -15), Z_OK);
    z.next_in = (Bytef *)b.data + 3;
    z.avail_in = (uInt)(b.len - 3);
    z.next_out = (Bytef *)back;
    z.avail_out = sizeof back;
    assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
    assert_int_equal(z.total_out, 300);
    assert_memory_equal(back, a300, 300);
    inflateEnd(&z);

    /* With a dictionary: 02, the id little-endian, then the length. */
    wx_zdict *d = make_dict("aaaaaaaaaaaaaaaa");
    uint32_t id = wx_zdict_id(d);
    assert_int_equal(id, crc32(0, (const Bytef *)"aaaaaaaaaaaaaaaa", 16));
    wx_buf_reset(&b);
    assert_int_equal(wx_zcodec_compress(a300, 300, d, 6, &b, &err), WX_OK);
    unsigned char hdr[7] = {0x02, (unsigned char)id,
                            (unsigned char)(id >> 8),
                            (unsigned char)(id >> 16),
                            (unsigned char)(id >> 24), 0xac, 0x02};
    assert_memory_equal(b.data, hdr, sizeof hdr);

    int format;
    uint32_t got_id;
    size_t len;
    assert_int_equal(wx_zcodec_inspect(b.data, b.len, &format, &got_id,
                                       &len, &err), WX_OK);
    assert_int_equal(format, WX_ZCODEC_DEFLATE_DICT);
    assert_int_equal(got_id, id);
    assert_int_equal(len, 300);

    /* Incompressible bytes fall back to stored, even with a dictionary. */
    unsigned char rnd[100];
    fill_random(rnd, sizeof rnd);
    wx_buf_reset(&b);
    assert_int_equal(wx_zcodec_compress(rnd, 100, d, 9, &b, &err), WX_OK);
    assert_int_equal(b.len, 102);
    assert_int_equal((unsigned char)b.data[0], 0x00);
    assert_int_equal((unsigned char)b.data[1], 100);
    assert_memory_equal(b.data + 2, rnd, 100);

    wx_zdict_free(d);
    wx_buf_free(&b);
}

typedef struct rt_case {
    const char *name;
    size_t len;
    int kind;                   /* 0 text, 1 random, 2 mixed */
} rt_case;

static unsigned char *make_input(const rt_case *c)
{
    unsigned char *p = malloc(c->len + 1);
    assert_non_null(p);
    size_t nl = strlen(news);
    for (size_t i = 0; i < c->len; i++)
        p[i] = (unsigned char)news[i % nl];
    if (c->kind == 1)
        fill_random(p, c->len);
    if (c->kind == 2)
        for (size_t i = 0; i < c->len; i += 4096)
            fill_random(p + i, c->len - i < 512 ? c->len - i : 512);
    return p;
}

static void test_round_trips(void **state)
{
    (void)state;
    static const rt_case cases[] = {
        {"empty", 0, 0}, {"one byte", 1, 0}, {"two bytes", 2, 1},
        {"short text", 40, 0}, {"text", 300, 0}, {"article", 3000, 0},
        {"random", 5000, 1}, {"1 MB text", 1 << 20, 0},
        {"1 MB mixed", 1 << 20, 2}, {"1 MB random", 1 << 20, 1},
    };
    wx_zdict *dict = make_dict(news);
    wx_zcodec *z;
    wx_err err;
    assert_int_equal(wx_zcodec_new(6, &z, &err), WX_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned char *in = make_input(&cases[i]);
        size_t n = cases[i].len;
        for (int withdict = 0; withdict < 2; withdict++) {
            const wx_zdict *d = withdict ? dict : NULL;
            for (int ctx = 0; ctx < 2; ctx++) {
                wx_buf packed, text;
                wx_buf_init(&packed, SIZE_MAX);
                wx_buf_init(&text, SIZE_MAX);
                /* A prefix in out must be kept: results are appended. */
                wx_buf_puts(&packed, "PRE");
                wx_buf_puts(&text, "pre");
                if (ctx)
                    assert_int_equal(wx_zcodec_pack(z, in, n, d, &packed,
                                                    &err), WX_OK);
                else
                    assert_int_equal(wx_zcodec_compress(in, n, d, -1,
                                                        &packed, &err),
                                     WX_OK);
                assert_memory_equal(packed.data, "PRE", 3);
                size_t plen = packed.len - 3;
                unsigned char *rec = exact_copy(packed.data + 3, plen);
                /* Never larger than stored plus its header. */
                assert_true(plen <= n + 2 + 4);
                int format;
                uint32_t id;
                size_t len;
                assert_int_equal(wx_zcodec_inspect(rec, plen, &format, &id,
                                                   &len, &err), WX_OK);
                assert_int_equal(len, n);
                if (cases[i].kind == 0 && n >= 300) {
                    assert_int_equal(format, withdict
                                     ? WX_ZCODEC_DEFLATE_DICT
                                     : WX_ZCODEC_DEFLATE);
                    if (n >= 3000)
                        assert_true(plen < n / 2);
                }
                if (cases[i].kind == 1)
                    assert_int_equal(format, WX_ZCODEC_STORED);
                if (ctx)
                    assert_int_equal(wx_zcodec_unpack(z, rec, plen, d, n,
                                                      &text, &err), WX_OK);
                else
                    assert_int_equal(wx_zcodec_decompress(rec, plen, d, n,
                                                          &text, &err),
                                     WX_OK);
                assert_int_equal(text.len, n + 3);
                assert_memory_equal(text.data, "pre", 3);
                if (n > 0)
                    assert_memory_equal(text.data + 3, in, n);
                assert_int_equal(text.data[text.len], '\0');
                free(rec);
                wx_buf_free(&packed);
                wx_buf_free(&text);
            }
        }
        free(in);
    }
    wx_zcodec_free(z);
    wx_zdict_free(dict);
}

/* Unpack a copy of rec[0, n); the status must be one of the allowed. */
static wx_status unpack_copy(wx_zcodec *z, const void *rec, size_t n,
                             const wx_zdict *d, size_t max, wx_err *err)
{
    unsigned char *c = exact_copy(rec, n);
    wx_buf out;
    wx_buf_init(&out, SIZE_MAX);
    wx_status st = wx_zcodec_unpack(z, c, n, d, max, &out, err);
    if (st != WX_OK)
        assert_int_equal(out.len, 0);
    wx_buf_free(&out);
    free(c);
    return st;
}

static void test_truncated_and_corrupt(void **state)
{
    (void)state;
    wx_zdict *dict = make_dict("The company said in a statement. ");
    wx_zcodec *z;
    wx_err err;
    assert_int_equal(wx_zcodec_new(-1, &z, &err), WX_OK);
    const char *texts[3] = {"x", "short", news};
    for (int t = 0; t < 3; t++) {
        for (int withdict = 0; withdict < 2; withdict++) {
            const wx_zdict *d = withdict ? dict : NULL;
            size_t n = strlen(texts[t]);
            wx_buf b;
            wx_buf_init(&b, SIZE_MAX);
            assert_int_equal(wx_zcodec_pack(z, texts[t], n, d, &b, &err),
                             WX_OK);
            /* Every proper prefix is rejected as malformed. */
            for (size_t k = 0; k < b.len; k++) {
                assert_int_equal(unpack_copy(z, b.data, k, d, n, &err),
                                 WX_EFORMAT);
                assert_int_equal(err.code, WX_EFORMAT);
            }
            /* Bytes after the record are rejected too. */
            char *longer = malloc(b.len + 1);
            assert_non_null(longer);
            memcpy(longer, b.data, b.len);
            longer[b.len] = 'z';
            assert_int_equal(unpack_copy(z, longer, b.len + 1, d, n + 1,
                                         &err), WX_EFORMAT);
            free(longer);
            /* Any single corrupted byte: a status, never a crash. */
            unsigned char *c = exact_copy(b.data, b.len);
            for (size_t k = 0; k < b.len; k++) {
                static const unsigned char flips[] = {0x01, 0x80, 0xff};
                for (size_t f = 0; f < sizeof flips; f++) {
                    c[k] ^= flips[f];
                    wx_status st = unpack_copy(z, c, b.len, d,
                                               WX_MAX_STORED_BYTES, &err);
                    assert_true(st == WX_OK || st == WX_EFORMAT
                                || st == WX_ETOOBIG);
                    c[k] ^= flips[f];
                }
            }
            free(c);
            /* The context still works after all those failures. */
            assert_int_equal(unpack_copy(z, b.data, b.len, d, n, &err),
                             WX_OK);
            wx_buf_free(&b);
        }
    }
    wx_zcodec_free(z);
    wx_zdict_free(dict);
}

typedef struct bad_case {
    const char *name;
    const char *rec;
    size_t len;
    size_t max;
    wx_status st;
} bad_case;

#define R(s) s, sizeof(s) - 1

static void test_bad_headers(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        {"empty record", R(""), 100, WX_EFORMAT},
        {"unknown format", R("\x03\x00"), 100, WX_EFORMAT},
        {"format 0xff", R("\xff\x01x"), 100, WX_EFORMAT},
        {"no length", R("\x00"), 100, WX_EFORMAT},
        {"unfinished length", R("\x00\x80"), 100, WX_EFORMAT},
        {"stored too short", R("\x00\x03hi"), 100, WX_EFORMAT},
        {"stored too long", R("\x00\x01hi"), 100, WX_EFORMAT},
        {"stored ok", R("\x00\x02hi"), 100, WX_OK},
        {"stored over max", R("\x00\x02hi"), 1, WX_ETOOBIG},
        {"stored at max", R("\x00\x02hi"), 2, WX_OK},
        {"padded length", R("\x00\x82\x00hi"), 100, WX_OK},
        {"11-byte length", R("\x00\x80\x80\x80\x80\x80\x80\x80\x80\x80"
                             "\x80\x00"), SIZE_MAX, WX_EFORMAT},
        {"64-bit overflow", R("\x00\x80\x80\x80\x80\x80\x80\x80\x80\x80"
                              "\x02"), SIZE_MAX, WX_EFORMAT},
        {"huge claimed", R("\x01\x80\x80\x80\x80\x80\x20\x03\x00"),
         WX_MAX_STORED_BYTES, WX_ETOOBIG},
        {"claim beyond payload", R("\x01\x80\x80\x80\x08\x03\x00"),
         SIZE_MAX, WX_EFORMAT},
        {"dict id cut", R("\x02\x01\x02"), 100, WX_EFORMAT},
        {"deflate garbage", R("\x01\x05\xff\xff\xff"), 100, WX_EFORMAT},
        {"empty deflate", R("\x01\x00\x03\x00"), 100, WX_OK},
        {"empty deflate long", R("\x01\x01\x03\x00"), 100, WX_EFORMAT},
    };
    wx_zcodec *z;
    wx_err err;
    assert_int_equal(wx_zcodec_new(-1, &z, &err), WX_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad_case *c = &cases[i];
        wx_err_clear(&err);
        wx_status st = unpack_copy(z, c->rec, c->len, NULL, c->max, &err);
        if (st != c->st)
            fail_msg("%s: got %s (%s)", c->name, wx_status_str(st),
                     err.msg);
        if (st != WX_OK)
            assert_true(strncmp(err.msg, "stored text: ", 13) == 0);
    }
    wx_zcodec_free(z);
}

static void test_output_bounds(void **state)
{
    (void)state;
    size_t n = strlen(news);
    wx_buf b, out;
    wx_err err;
    wx_buf_init(&b, SIZE_MAX);
    assert_int_equal(wx_zcodec_compress(news, n, NULL, -1, &b, &err),
                     WX_OK);
    assert_int_equal((unsigned char)b.data[0], WX_ZCODEC_DEFLATE);

    /* max one short: refused from the header, nothing appended. */
    wx_buf_init(&out, SIZE_MAX);
    assert_int_equal(wx_zcodec_decompress(b.data, b.len, NULL, n - 1, &out,
                                          &err), WX_ETOOBIG);
    assert_int_equal(out.len, 0);
    assert_int_equal(out.st, WX_OK);
    assert_int_equal(wx_zcodec_decompress(b.data, b.len, NULL, n, &out,
                                          &err), WX_OK);
    wx_buf_free(&out);

    /* The output buffer's own maximum counts too. */
    wx_buf_init(&out, n + 2);
    wx_buf_puts(&out, "abc");
    assert_int_equal(wx_zcodec_decompress(b.data, b.len, NULL, SIZE_MAX,
                                          &out, &err), WX_ETOOBIG);
    assert_int_equal(out.len, 3);
    wx_buf_free(&out);

    wx_buf_free(&b);

    /* Packing into a full buffer: WX_ETOOBIG, the buffer keeps it. */
    wx_buf_init(&out, 10);
    assert_int_equal(wx_zcodec_compress(news, n, NULL, -1, &out, &err),
                     WX_ETOOBIG);
    assert_int_equal(out.st, WX_ETOOBIG);
    assert_int_equal(out.len, 0);
    assert_int_equal(wx_zcodec_compress("a", 1, NULL, -1, &out, &err),
                     WX_ETOOBIG);
    wx_buf_free(&out);
    /* The stored form is appended whole or not at all. */
    unsigned char rnd[100];
    fill_random(rnd, sizeof rnd);
    wx_buf_init(&out, 50);
    assert_int_equal(wx_zcodec_compress(rnd, 100, NULL, -1, &out, &err),
                     WX_ETOOBIG);
    assert_int_equal(out.len, 0);
    wx_buf_free(&out);
}

static void test_length_lies(void **state)
{
    (void)state;
    size_t n = strlen(news);
    wx_zcodec *z;
    wx_err err;
    wx_buf b;
    assert_int_equal(wx_zcodec_new(-1, &z, &err), WX_OK);
    wx_buf_init(&b, SIZE_MAX);
    assert_int_equal(wx_zcodec_pack(z, news, n, NULL, &b, &err), WX_OK);
    /* Rewrite the 2-byte length as n - 1 and n + 1. */
    assert_true(n >= 128 && n < 16384);
    for (int delta = -1; delta <= 1; delta += 2) {
        unsigned char *c = exact_copy(b.data, b.len);
        size_t len = n + (size_t)delta;
        c[1] = (unsigned char)(0x80 | (len & 0x7f));
        c[2] = (unsigned char)(len >> 7);
        assert_int_equal(unpack_copy(z, c, b.len, NULL, SIZE_MAX, &err),
                         WX_EFORMAT);
        free(c);
    }
    wx_buf_free(&b);
    wx_zcodec_free(z);
}

static void test_dictionary_ids(void **state)
{
    (void)state;
    wx_zdict *a = make_dict("the company said in a statement");
    wx_zdict *b = make_dict("the company said in a statement.");
    wx_err err;
    assert_int_not_equal(wx_zdict_id(a), wx_zdict_id(b));
    size_t dn;
    const void *db = wx_zdict_bytes(a, &dn);
    assert_int_equal(dn, 31);
    assert_memory_equal(db, "the company said", 16);

    wx_buf rec, out;
    wx_buf_init(&rec, SIZE_MAX);
    wx_buf_init(&out, SIZE_MAX);
    size_t n = strlen(news);
    assert_int_equal(wx_zcodec_compress(news, n, a, -1, &rec, &err), WX_OK);
    assert_int_equal((unsigned char)rec.data[0], WX_ZCODEC_DEFLATE_DICT);
    assert_int_equal(wx_zcodec_decompress(rec.data, rec.len, b, n, &out,
                                          &err), WX_EFORMAT);
    assert_non_null(strstr(err.msg, "dictionary"));
    assert_int_equal(wx_zcodec_decompress(rec.data, rec.len, NULL, n, &out,
                                          &err), WX_EFORMAT);
    assert_int_equal(out.len, 0);
    assert_int_equal(wx_zcodec_decompress(rec.data, rec.len, a, n, &out,
                                          &err), WX_OK);
    assert_int_equal(out.len, n);

    /* A record made without a dictionary ignores the one given. */
    wx_buf_reset(&rec);
    wx_buf_reset(&out);
    assert_int_equal(wx_zcodec_compress(news, n, NULL, -1, &rec, &err),
                     WX_OK);
    assert_int_equal(wx_zcodec_decompress(rec.data, rec.len, b, n, &out,
                                          &err), WX_OK);
    assert_memory_equal(out.data, news, n);

    wx_zdict *d;
    char big[WX_ZDICT_MAX + 1];
    memset(big, 'q', sizeof big);
    assert_int_equal(wx_zdict_new(big, 0, &d, &err), WX_EINVAL);
    assert_null(d);
    assert_int_equal(wx_zdict_new(big, sizeof big, &d, &err), WX_EINVAL);
    assert_int_equal(wx_zdict_new(big, WX_ZDICT_MAX, &d, &err), WX_OK);
    wx_zdict_free(d);
    wx_zdict_free(NULL);

    wx_buf_free(&rec);
    wx_buf_free(&out);
    wx_zdict_free(a);
    wx_zdict_free(b);
}

/* Unpacking a prefix: exactly the first want bytes, for every want, with
 * and without a dictionary and from a stored record; a record cut short
 * of want fails. */
static void test_prefix(void **state)
{
    (void)state;
    wx_zdict *d = make_dict("the company said in a statement");
    wx_zcodec *z = NULL;
    wx_err err;
    assert_int_equal(wx_zcodec_new(-1, &z, &err), WX_OK);
    size_t n = strlen(news);
    for (int withdict = 0; withdict < 2; withdict++) {
        wx_buf rec, out;
        wx_buf_init(&rec, SIZE_MAX);
        wx_buf_init(&out, SIZE_MAX);
        assert_int_equal(wx_zcodec_pack(z, news, n, withdict ? d : NULL,
                                        &rec, &err), WX_OK);
        for (size_t want = 0; want <= n + 5; want += 7) {
            wx_buf_reset(&out);
            assert_int_equal(wx_zcodec_unpack_prefix(z, rec.data, rec.len,
                                                     withdict ? d : NULL,
                                                     want, &out, &err),
                             WX_OK);
            size_t got = want < n ? want : n;
            assert_int_equal(out.len, got);
            assert_memory_equal(out.data, news, got);
        }
        /* Half the record cannot give the whole text. */
        wx_buf_reset(&out);
        assert_int_equal(wx_zcodec_unpack_prefix(z, rec.data, rec.len / 2,
                                                 withdict ? d : NULL, n,
                                                 &out, &err), WX_EFORMAT);
        assert_int_equal(out.len, 0);
        /* The dictionary is still checked. */
        if (withdict)
            assert_int_equal(wx_zcodec_unpack_prefix(z, rec.data, rec.len,
                                                     NULL, 10, &out, &err),
                             WX_EFORMAT);
        wx_buf_free(&rec);
        wx_buf_free(&out);
    }
    /* A stored (uncompressed) record. */
    wx_buf rec, out;
    wx_buf_init(&rec, SIZE_MAX);
    wx_buf_init(&out, SIZE_MAX);
    assert_int_equal(wx_zcodec_pack(z, "hi there", 8, NULL, &rec, &err),
                     WX_OK);
    assert_int_equal((unsigned char)rec.data[0], WX_ZCODEC_STORED);
    assert_int_equal(wx_zcodec_unpack_prefix(z, rec.data, rec.len, NULL, 2,
                                             &out, &err), WX_OK);
    assert_int_equal(out.len, 2);
    assert_memory_equal(out.data, "hi", 2);
    wx_buf_free(&rec);
    wx_buf_free(&out);
    wx_zcodec_free(z);
    wx_zdict_free(d);
}

static void test_levels_and_free(void **state)
{
    (void)state;
    wx_zcodec *z = (wx_zcodec *)&z;
    wx_err err;
    wx_buf b;
    wx_buf_init(&b, 100);
    assert_int_equal(wx_zcodec_new(10, &z, &err), WX_EINVAL);
    assert_null(z);
    assert_int_equal(wx_zcodec_new(-2, &z, &err), WX_EINVAL);
    assert_int_equal(wx_zcodec_compress("x", 1, NULL, 11, &b, &err),
                     WX_EINVAL);
    for (int level = -1; level <= 9; level++) {
        assert_int_equal(wx_zcodec_new(level, &z, &err), WX_OK);
        wx_zcodec_free(z);
    }
    wx_zcodec_free(NULL);
    wx_buf_free(&b);
}

static void test_train(void **state)
{
    (void)state;
    enum { NS = 400, CAP = 2048 };
    char *texts[NS];
    size_t lens[NS];
    fake_articles(texts, lens, NS, CAP);
    const char *const *samples = (const char *const *)texts;

    /* Train on the first 300, measure on the last 100. */
    wx_buf d1, d2;
    wx_buf_init(&d1, 1 << 20);
    wx_buf_init(&d2, 1 << 20);
    assert_int_equal(wx_zdict_train(samples, lens, 300, 4096, &d1), WX_OK);
    assert_true(d1.len > 1000 && d1.len <= 4096);
    assert_int_equal(wx_zdict_train(samples, lens, 300, 4096, &d2), WX_OK);
    assert_int_equal(d1.len, d2.len);
    assert_memory_equal(d1.data, d2.data, d1.len);
    /* The shared boilerplate made it into the dictionary. */
    /* ... but not over and over: picked grams stop scoring. */
    assert_in_range(count_of(d1.data, d1.len, "the company said"), 1, 10);

    wx_zdict *dict;
    wx_err err;
    assert_int_equal(wx_zdict_new(d1.data, d1.len, &dict, &err), WX_OK);
    wx_zcodec *z;
    assert_int_equal(wx_zcodec_new(-1, &z, &err), WX_OK);
    size_t plain = 0, primed = 0;
    wx_buf b;
    wx_buf_init(&b, SIZE_MAX);
    for (int i = 300; i < NS; i++) {
        wx_buf_reset(&b);
        assert_int_equal(wx_zcodec_pack(z, texts[i], lens[i], NULL, &b,
                                        &err), WX_OK);
        plain += b.len;
        wx_buf_reset(&b);
        assert_int_equal(wx_zcodec_pack(z, texts[i], lens[i], dict, &b,
                                        &err), WX_OK);
        primed += b.len;
    }
    /* A real gain: at least a quarter smaller on these texts. */
    assert_true(primed * 4 < plain * 3);

    /* Capped at the deflate window; nothing from nothing. */
    wx_buf_reset(&d2);
    assert_int_equal(wx_zdict_train(samples, lens, NS, 1 << 20, &d2),
                     WX_OK);
    assert_true(d2.len > 0 && d2.len <= WX_ZDICT_MAX);
    wx_buf_reset(&d2);
    assert_int_equal(wx_zdict_train(samples, lens, 0, 4096, &d2), WX_OK);
    assert_int_equal(d2.len, 0);
    size_t one = 1;
    const char *unique[1] = {"no repeats in here at all"};
    assert_int_equal(wx_zdict_train(unique, &one, 1, 4096, &d2), WX_OK);
    assert_int_equal(d2.len, 0);
    /* A full output buffer is reported. */
    wx_buf small;
    wx_buf_init(&small, 10);
    assert_int_equal(wx_zdict_train(samples, lens, 300, 4096, &small),
                     WX_ETOOBIG);
    wx_buf_free(&small);

    wx_buf_free(&b);
    wx_zcodec_free(z);
    wx_zdict_free(dict);
    wx_buf_free(&d1);
    wx_buf_free(&d2);
    for (int i = 0; i < NS; i++)
        free(texts[i]);
}

/* A built dictionary (vocabulary + preset): format 0x03 round trips,
 * prefixes, beats the preset alone, and refuses wrong dictionaries and
 * lying coded lengths. */
static void test_words_dict(void **state)
{
    (void)state;
    enum { NS = 300, CAP = 2048 };
    char *texts[NS];
    size_t lens[NS];
    fake_articles(texts, lens, NS, CAP);
    const char *const *samples = (const char *const *)texts;
    wx_buf v, p;
    wx_buf_init(&v, WX_ZDICT_VALUE_MAX);
    wx_buf_init(&p, WX_ZDICT_MAX);
    assert_int_equal(wx_zdict_build(samples, lens, 200, 4096, &v), WX_OK);
    assert_memory_equal(v.data, "\0wxd\1", 5);
    assert_int_equal(wx_zdict_train(samples, lens, 200, 4096, &p), WX_OK);
    wx_zdict *words, *preset;
    wx_err err;
    OK(wx_zdict_new(v.data, v.len, &words, &err));
    OK(wx_zdict_new(p.data, p.len, &preset, &err));
    assert_true(wx_zdict_words(words) > 10);
    assert_int_equal(wx_zdict_words(preset), 0);

    wx_zcodec *z;
    OK(wx_zcodec_new(9, &z, &err));
    wx_buf rec, out;
    wx_buf_init(&rec, SIZE_MAX);
    wx_buf_init(&out, SIZE_MAX);
    size_t with_words = 0, with_preset = 0;
    for (int i = 200; i < NS; i++) {
        wx_buf_reset(&rec);
        OK(wx_zcodec_pack(z, texts[i], lens[i], preset, &rec, &err));
        with_preset += rec.len;
        wx_buf_reset(&rec);
        OK(wx_zcodec_pack(z, texts[i], lens[i], words, &rec, &err));
        with_words += rec.len;
        assert_int_equal((unsigned char)rec.data[0], WX_ZCODEC_WORDS_DICT);
        unsigned char *r = exact_copy(rec.data, rec.len);
        wx_buf_reset(&out);
        OK(wx_zcodec_unpack(z, r, rec.len, words, SIZE_MAX, &out, &err));
        assert_int_equal(out.len, lens[i]);
        assert_memory_equal(out.data, texts[i], lens[i]);
        /* Every prefix length reads back exactly. */
        for (size_t want = 0; want <= lens[i]; want += 37) {
            wx_buf_reset(&out);
            OK(wx_zcodec_unpack_prefix(z, r, rec.len, words, want, &out,
                                       &err));
            assert_int_equal(out.len, want);
            assert_memory_equal(out.data, texts[i], want);
        }
        /* The preset alone, or no dictionary, cannot read it. */
        wx_buf_reset(&out);
        assert_int_equal(wx_zcodec_unpack(z, r, rec.len, preset, SIZE_MAX,
                                          &out, &err), WX_EFORMAT);
        assert_int_equal(wx_zcodec_unpack(z, r, rec.len, NULL, SIZE_MAX,
                                          &out, &err), WX_EFORMAT);
        assert_int_equal(out.len, 0);
        free(r);
    }
    assert_true(with_words < with_preset);

    /* A coded length that lies: one more, one less. */
    wx_buf_reset(&rec);
    OK(wx_zcodec_pack(z, texts[0], lens[0], words, &rec, &err));
    size_t pos = 5, len = 0, coded = 0;
    uint64_t u;
    assert_int_equal(wx_zcodec_get_varint((unsigned char *)rec.data,
                                          rec.len, &pos, &u),
                     WX_VARINT_OK);
    len = (size_t)u;
    size_t at = pos;
    assert_int_equal(wx_zcodec_get_varint((unsigned char *)rec.data,
                                          rec.len, &pos, &u),
                     WX_VARINT_OK);
    coded = (size_t)u;
    assert_true(coded > 0 && coded < len);
    for (int d = -1; d <= 1; d += 2) {
        wx_buf bad;
        wx_buf_init(&bad, SIZE_MAX);
        wx_buf_append(&bad, rec.data, at);
        unsigned char leb[10];
        wx_buf_append(&bad, leb, wx_zcodec_put_varint(leb, coded + d));
        wx_buf_append(&bad, rec.data + pos, rec.len - pos);
        wx_buf_reset(&out);
        assert_int_equal(wx_zcodec_unpack(z, bad.data, bad.len, words,
                                          SIZE_MAX, &out, &err),
                         WX_EFORMAT);
        assert_int_equal(out.len, 0);
        wx_buf_free(&bad);
    }

    /* A value with an unknown version or a broken vocabulary. */
    wx_zdict *d = NULL;
    v.data[4] = 2;
    assert_int_equal(wx_zdict_new(v.data, v.len, &d, &err), WX_EFORMAT);
    v.data[4] = 1;
    v.data[5] = (char)0xff;
    v.data[6] = (char)0xff;
    assert_int_equal(wx_zdict_new(v.data, v.len, &d, &err), WX_EFORMAT);
    assert_null(d);

    wx_buf_free(&rec);
    wx_buf_free(&out);
    wx_buf_free(&v);
    wx_buf_free(&p);
    wx_zcodec_free(z);
    wx_zdict_free(words);
    wx_zdict_free(preset);
    for (int i = 0; i < NS; i++)
        free(texts[i]);
}

/* A dictionary value with a two-word vocabulary and a preset. */
static size_t builtin_value(unsigned char *v)
{
    static const char voc[] = "\x02\x00\x08 company\x05 said";
    static const char preset[] = " earnings dlrs a share mln pct from";
    size_t n = 0;
    memcpy(v, "\0wxd\1", 5);
    n += 5;
    memcpy(v + n, voc, sizeof voc - 1);
    n += sizeof voc - 1;
    memcpy(v + n, preset, sizeof preset - 1);
    return n + sizeof preset - 1;
}

/* Format 0x04: a built-in dictionary named by number, never confused
 * with another number, a CRC-named dictionary or none. */
static void test_builtin(void **state)
{
    (void)state;
    wx_err err = {0};
    unsigned char v[128];
    size_t vn = builtin_value(v);
    wx_zdict *one = NULL, *two = NULL, *crc = NULL, *bad = NULL;
    OK(wx_zdict_new_builtin(1, v, vn, &one, &err));
    OK(wx_zdict_new_builtin(2, v, vn, &two, &err));
    OK(wx_zdict_new(v, vn, &crc, &err));
    assert_true(wx_zdict_builtin(one));
    assert_false(wx_zdict_builtin(crc));
    assert_int_equal(wx_zdict_id(two), 2);
    assert_int_equal(wx_zdict_new_builtin(0, v, vn, &bad, &err), WX_EINVAL);
    assert_int_equal(wx_zdict_new_builtin(256, v, vn, &bad, &err),
                     WX_EINVAL);
    /* A built-in dictionary must have a vocabulary. */
    assert_int_equal(wx_zdict_new_builtin(1, "a preset", 8, &bad, &err),
                     WX_EFORMAT);
    assert_null(bad);

    size_t n = strlen(news);
    wx_buf rec, out, old;
    wx_buf_init(&rec, 1 << 16);
    wx_buf_init(&out, 1 << 16);
    wx_buf_init(&old, 1 << 16);
    OK(wx_zcodec_compress(news, n, two, 9, &rec, &err));
    const unsigned char *r = (const unsigned char *)rec.data;
    assert_int_equal(r[0], WX_ZCODEC_WORDS_BUILTIN);
    assert_int_equal(r[1], 2);
    int format;
    uint32_t id;
    size_t len;
    OK(wx_zcodec_inspect(rec.data, rec.len, &format, &id, &len, &err));
    assert_int_equal(format, WX_ZCODEC_WORDS_BUILTIN);
    assert_int_equal(id, 2);
    assert_int_equal(len, n);
    OK(wx_zcodec_decompress(rec.data, rec.len, two, n, &out, &err));
    assert_int_equal(out.len, n);
    assert_memory_equal(out.data, news, n);
    const wx_zdict *wrong[] = {one, crc, NULL};
    for (size_t i = 0; i < 3; i++) {
        wx_buf_reset(&out);
        wx_err_clear(&err);
        assert_int_equal(wx_zcodec_decompress(rec.data, rec.len, wrong[i],
                                              n, &out, &err), WX_EFORMAT);
        assert_non_null(strstr(err.msg, "built-in dictionary 2"));
        assert_int_equal(out.len, 0);
    }
    /* A CRC-named record is not read with a built-in dictionary. */
    OK(wx_zcodec_compress(news, n, crc, 9, &old, &err));
    assert_int_equal((unsigned char)old.data[0], WX_ZCODEC_WORDS_DICT);
    assert_int_equal(wx_zcodec_decompress(old.data, old.len, one, n, &out,
                                          &err), WX_EFORMAT);
    /* Every truncation of a 0x04 record is refused. */
    for (size_t k = 0; k < rec.len; k++) {
        unsigned char *c = malloc(k ? k : 1);
        memcpy(c, rec.data, k);
        wx_buf_reset(&out);
        assert_int_equal(wx_zcodec_decompress(c, k, two, n, &out, &err),
                         WX_EFORMAT);
        free(c);
    }
    wx_buf_free(&old);
    wx_buf_free(&out);
    wx_buf_free(&rec);
    wx_zdict_free(crc);
    wx_zdict_free(two);
    wx_zdict_free(one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_truncated_and_corrupt),
        cmocka_unit_test(test_bad_headers),
        cmocka_unit_test(test_output_bounds),
        cmocka_unit_test(test_length_lies),
        cmocka_unit_test(test_dictionary_ids),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_levels_and_free),
        cmocka_unit_test(test_train),
        cmocka_unit_test(test_words_dict),
        cmocka_unit_test(test_builtin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
