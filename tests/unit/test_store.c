/*
 * Unit tests for common/wx_store: encode/decode round trips of articles
 * with every field (with and without a codec context), raw lengths,
 * corrupt and truncated records, unknown dictionaries and older layouts,
 * what the built-in dictionary saves, the JSON form (parsed with
 * jansson) and the text report.
 */
#define _XOPEN_SOURCE 700  /* nftw(), in wx_test_util.h */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_test_util.h"

#include "wx_limits.h"
#include "wx_store.h"
#include "wx_zdicts.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A test article: NULL fields are left out, lists end at NULL. */
typedef struct sample {
    const char *id, *title, *agency, *dateline, *date, *body;
    const char *topics[4];
    const char *places[4];
    const char *meta[8];  /* key, value, key, value, ..., NULL */
} sample;

static const char long_body[] =
    "SAO PAULO, Feb 26 - Brazilian cocoa farmers said the temporao crop "
    "would be smaller than expected after dry weather in Bahia.  \n"
    "Comissaria Smith said arrivals of cocoa to Bahia ports reached "
    "1.2 mln bags so far this season, against 1.1 mln a year ago.\n"
    "\n"
    "Traders said the cocoa market in New York was steady and that "
    "cocoa prices would follow the Bahia weather in the coming weeks.   ";

static const sample samples[] = {
    /* Every field, Unicode everywhere, paragraphs and trailing spaces. */
    {"reuters21578-17", "Ãrea de cacau — «Bahia» 東京 🌍", "Reuters",
     "São Paulo", "1987-02-26T15:01:01", long_body,
     {"cocoa", "Crime & Justice", "café", NULL},
     {"brazil", "el-salvador", NULL, NULL},
     {"slug", "BC-COCOA", "byline", "By José Núñez", "version", "2",
      NULL}},
    /* Only an id and a body; no lists, no metadata. */
    {"h0123456789abcdef", NULL, NULL, NULL, NULL, "one line", {NULL},
     {NULL}, {NULL}},
    /* Empty lists, metadata with quotes and a newline in a value. */
    {"AFP_ENG_19940512.0001", "Title \"quoted\" \\ back", "AFP", "Paris",
     "1994-05-12", "  leading spaces\n\ttab\n\nend  \n", {NULL}, {NULL},
     {"dateline_text", "PARIS, May 12 (AFP) -", "note", "line1\nline2",
      NULL}},
    /* No body at all. */
    {"x", "just a title", NULL, NULL, NULL, NULL, {"t"}, {NULL}, {NULL}},
};

static char *dup_or_null(const char *s)
{
    if (s == NULL)
        return NULL;
    char *p = strdup(s);
    assert_non_null(p);
    return p;
}

/* Fields are set raw (not trimmed) so the body is kept exactly. */
static void build(const sample *s, wx_article *a)
{
    wx_article_init(a);
    a->id = dup_or_null(s->id);
    a->title = dup_or_null(s->title);
    a->agency = dup_or_null(s->agency);
    a->dateline = dup_or_null(s->dateline);
    a->date = dup_or_null(s->date);
    a->body = dup_or_null(s->body);
    for (int i = 0; s->topics[i]; i++)
        assert_int_equal(wx_strlist_add(&a->topics, s->topics[i],
                                        (size_t)-1), WX_OK);
    for (int i = 0; s->places[i]; i++)
        assert_int_equal(wx_strlist_add(&a->places, s->places[i],
                                        (size_t)-1), WX_OK);
    for (int i = 0; s->meta[i]; i += 2)
        assert_int_equal(wx_article_add_meta(a, s->meta[i], s->meta[i + 1]),
                         WX_OK);
}

static void same_str(const char *what, const char *a, const char *b)
{
    if (a == NULL && b == NULL)
        return;
    if (a == NULL || b == NULL || strcmp(a, b) != 0)
        fail_msg("%s: \"%s\" != \"%s\"", what, a ? a : "(null)",
                 b ? b : "(null)");
}

static void same_list(const char *what, const wx_strlist *a,
                      const wx_strlist *b)
{
    if (a->n != b->n)
        fail_msg("%s: %zu items != %zu", what, a->n, b->n);
    for (size_t i = 0; i < a->n; i++)
        same_str(what, a->v[i], b->v[i]);
}

static void same_article(const wx_article *a, const wx_article *b)
{
    same_str("id", a->id, b->id);
    same_str("title", a->title, b->title);
    same_str("agency", a->agency, b->agency);
    same_str("dateline", a->dateline, b->dateline);
    same_str("date", a->date, b->date);
    same_str("body", a->body, b->body);
    same_list("topics", &a->topics, &b->topics);
    same_list("places", &a->places, &b->places);
    same_list("meta keys", &a->meta_keys, &b->meta_keys);
    same_list("meta values", &a->meta_vals, &b->meta_vals);
}

static void test_round_trip(void **state)
{
    (void)state;
    wx_err err = {0};
    wx_zcodec *z = NULL;
    OK(wx_zcodec_new(9, &z, &err));
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        wx_article a;
        build(&samples[i], &a);
        for (int mode = 0; mode < 4; mode++) {
            /* Encode and decode each with and without a context. */
            wx_zcodec *zz = (mode & 1) ? z : NULL;
            wx_zcodec *zd = (mode & 2) ? z : NULL;
            wx_buf rec;
            wx_buf_init(&rec, WX_MAX_STORED_BYTES);
            size_t raw = 12345;
            OK(wx_store_encode(&a, zz, &rec, &raw, &err));
            assert_true(rec.len > 0);
            size_t want = (a.title ? strlen(a.title) : 0) +
                          (a.body ? strlen(a.body) : 0);
            assert_int_equal(raw, want);
            int format = -1;
            uint32_t id = 0;
            size_t len = 0;
            OK(wx_zcodec_inspect(rec.data, rec.len, &format, &id, &len,
                                 &err));
            /* The long article compresses, with the current built-in
             * dictionary, named in the record. */
            if (i == 0) {
                assert_int_equal(format, WX_ZCODEC_WORDS_BUILTIN);
                assert_int_equal(id, WX_ZDICTS_CURRENT);
                assert_int_equal((unsigned char)rec.data[1],
                                 WX_ZDICTS_CURRENT);
            }
            wx_article b;
            wx_article_init(&b);
            OK(wx_store_decode(rec.data, rec.len, zd, &b, &err));
            same_article(&a, &b);
            wx_article_reset(&b);
            /* Decoding with the context-free one-shot path agrees. */
            wx_buf js;
            wx_buf_init(&js, WX_MAX_STORED_BYTES);
            OK(wx_store_decode_json(rec.data, rec.len, zd, &js, &err));
            assert_int_equal(js.len, len);
            wx_buf plain;
            wx_buf_init(&plain, WX_MAX_STORED_BYTES);
            OK(wx_store_encode_json(&a, &plain, &err));
            assert_int_equal(plain.len, js.len);
            assert_memory_equal(plain.data, js.data, js.len);
            wx_buf_free(&plain);
            wx_buf_free(&js);
            wx_buf_free(&rec);
        }
        wx_article_reset(&a);
    }
    /* raw_len may be NULL; appending keeps what out held. */
    wx_article a;
    build(&samples[1], &a);
    wx_buf rec;
    wx_buf_init(&rec, WX_MAX_STORED_BYTES);
    wx_buf_puts(&rec, "PRE");
    OK(wx_store_encode(&a, NULL, &rec, NULL, &err));
    assert_memory_equal(rec.data, "PRE", 3);
    wx_article b;
    wx_article_init(&b);
    OK(wx_store_decode(rec.data + 3, rec.len - 3, NULL, &b, &err));
    same_article(&a, &b);
    wx_article_reset(&b);
    wx_article_reset(&a);
    wx_buf_free(&rec);
    wx_zcodec_free(z);
}

/* A heap copy of exactly n bytes, so an overread is an ASan error. */
static unsigned char *exact_copy(const void *p, size_t n)
{
    unsigned char *c = malloc(n > 0 ? n : 1);
    assert_non_null(c);
    if (n > 0)
        memcpy(c, p, n);
    return c;
}

static void test_truncated_and_corrupt(void **state)
{
    (void)state;
    wx_err err = {0};
    wx_zcodec *z = NULL;
    OK(wx_zcodec_new(-1, &z, &err));
    for (int d = 0; d < 2; d++) {
        wx_zcodec *dd = d ? z : NULL;   /* with and without a context */
        for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
            wx_article a;
            build(&samples[i], &a);
            wx_buf rec;
            wx_buf_init(&rec, WX_MAX_STORED_BYTES);
            OK(wx_store_encode(&a, NULL, &rec, NULL, &err));
            wx_article_reset(&a);
            /* Every truncation is refused. */
            for (size_t n = 0; n < rec.len; n++) {
                unsigned char *c = exact_copy(rec.data, n);
                wx_article b;
                wx_article_init(&b);
                wx_err_clear(&err);
                wx_status st = wx_store_decode(c, n, dd, &b, &err);
                if (st != WX_EFORMAT)
                    fail_msg("sample %zu cut at %zu: %s", i, n,
                             wx_status_str(st));
                assert_true(err.msg[0] != '\0');
                wx_article_reset(&b);
                free(c);
            }
            /* Every flipped byte: an error or some article, no crash. */
            for (size_t k = 0; k < rec.len; k++) {
                unsigned char *c = exact_copy(rec.data, rec.len);
                c[k] ^= 0xA5;
                wx_article b;
                wx_article_init(&b);
                wx_status st = wx_store_decode(c, rec.len, dd, &b, &err);
                if (st != WX_OK && st != WX_EFORMAT)
                    fail_msg("sample %zu dict %d byte %zu: %s: %s", i, d,
                             k, wx_status_str(st), err.msg);
                wx_article_reset(&b);
                free(c);
            }
            wx_buf_free(&rec);
        }
    }
    wx_zcodec_free(z);
}

/* Pack text as a record and decode it as an article. */
static wx_status decode_text(const char *text, wx_article *b, wx_err *err)
{
    wx_buf rec;
    wx_buf_init(&rec, WX_MAX_STORED_BYTES);
    assert_int_equal(wx_zcodec_compress(text, strlen(text), NULL, -1, &rec,
                                        err), WX_OK);
    wx_status st = wx_store_decode(rec.data, rec.len, NULL, b, err);
    wx_buf_free(&rec);
    return st;
}

static void test_not_an_article(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "not json", "[1,2,3]", "\"a string\"", "{\"id\":", "42",
        "{\"id\":\"a\"} trailing", "null"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        wx_err err = {0};
        wx_article b;
        wx_article_init(&b);
        wx_status st = decode_text(bad[i], &b, &err);
        if (st != WX_EFORMAT)
            fail_msg("'%s': %s", bad[i], wx_status_str(st));
        assert_true(err.msg[0] != '\0');
        wx_article_reset(&b);
    }
    /* A header claiming more than any stored article: corrupt, so
     * WX_EFORMAT (callers skip it), not WX_ETOOBIG. */
    static const unsigned char huge[] = {0x01, 0xff, 0xff, 0xff, 0x7f,
                                         0x03, 0x00};
    wx_err err = {0};
    wx_article b;
    wx_article_init(&b);
    assert_int_equal(wx_store_decode(huge, sizeof huge, NULL, &b, &err),
                     WX_EFORMAT);
    wx_buf js;
    wx_buf_init(&js, WX_MAX_STORED_BYTES);
    assert_int_equal(wx_store_decode_json(huge, sizeof huge, NULL, &js,
                                          &err), WX_EFORMAT);
    assert_int_equal(js.len, 0);
    wx_buf_free(&js);
    /* Wrong types are ignored, not fatal. */
    OK(decode_text("{\"id\":5,\"title\":\"T\",\"topics\":\"x\","
                   "\"places\":[1,\"p\"],\"meta\":[1],\"body\":7}",
                   &b, &err));
    assert_null(b.id);
    assert_string_equal(b.title, "T");
    assert_int_equal(b.topics.n, 0);
    assert_int_equal(b.places.n, 1);
    assert_string_equal(b.places.v[0], "p");
    assert_null(b.body);
    assert_int_equal(b.meta_keys.n, 0);
    wx_article_reset(&b);
}

/* A record naming another dictionary than the one it was packed with,
 * or one this binary lacks, or of the per-index layout of schema 1, is
 * refused with a reason, never decoded into some other article. */
static void test_dictionaries(void **state)
{
    (void)state;
    wx_err err = {0};
    wx_article a;
    build(&samples[0], &a);
    wx_buf rec;
    wx_buf_init(&rec, WX_MAX_STORED_BYTES);
    OK(wx_store_encode(&a, NULL, &rec, NULL, &err));
    assert_int_equal((unsigned char)rec.data[0], WX_ZCODEC_WORDS_BUILTIN);
    wx_article b;
    wx_article_init(&b);
    /* A dictionary number from a newer wiredex. */
    rec.data[1] = (char)(WX_ZDICTS_CURRENT + 1);
    wx_err_clear(&err);
    assert_int_equal(wx_store_decode(rec.data, rec.len, NULL, &b, &err),
                     WX_EFORMAT);
    assert_non_null(strstr(err.msg, "dictionary 2"));
    assert_null(b.id);
    rec.data[1] = 0;
    assert_int_equal(wx_store_decode(rec.data, rec.len, NULL, &b, &err),
                     WX_EFORMAT);
    assert_null(b.id);

    /* Records of schema 1's per-index dictionaries need that index's
     * metadata: the message says to rebuild. */
    wx_zdict *old = NULL;
    static const char preset[] = "the cocoa market in New York said";
    OK(wx_zdict_new(preset, sizeof preset - 1, &old, &err));
    wx_buf js, oldrec;
    wx_buf_init(&js, WX_MAX_STORED_BYTES);
    wx_buf_init(&oldrec, WX_MAX_STORED_BYTES);
    OK(wx_store_encode_json(&a, &js, &err));
    OK(wx_zcodec_compress(js.data, js.len, old, -1, &oldrec, &err));
    assert_int_equal((unsigned char)oldrec.data[0], WX_ZCODEC_DEFLATE_DICT);
    wx_err_clear(&err);
    assert_int_equal(wx_store_decode(oldrec.data, oldrec.len, NULL, &b,
                                     &err), WX_EFORMAT);
    assert_non_null(strstr(err.msg, "rebuild"));
    assert_null(b.id);

    /* A record packed without a dictionary still reads. */
    wx_buf_reset(&oldrec);
    OK(wx_zcodec_compress(js.data, js.len, NULL, -1, &oldrec, &err));
    OK(wx_store_decode(oldrec.data, oldrec.len, NULL, &b, &err));
    same_article(&a, &b);
    wx_article_reset(&b);
    wx_article_reset(&a);
    wx_zdict_free(old);
    wx_buf_free(&oldrec);
    wx_buf_free(&js);
    wx_buf_free(&rec);
}

/* The built-in dictionary earns its keep on wire copy it never saw: a
 * made-up report stores far smaller than deflate alone makes it. */
static void test_dictionary_saves(void **state)
{
    (void)state;
    wx_err err = {0};
    wx_article a;
    wx_article_init(&a);
    OK(wx_article_set(&a.id, "reuters21578-99999", (size_t)-1));
    OK(wx_article_set(&a.title, "ACME CORP <ACM> SETS QUARTERLY DIVIDEND",
                      (size_t)-1));
    OK(wx_article_set(&a.agency, "Reuters", (size_t)-1));
    OK(wx_article_set(&a.dateline, "New York", (size_t)-1));
    OK(wx_article_set(&a.date, "1987-03-11T14:02:09", (size_t)-1));
    OK(wx_strlist_add(&a.topics, "earn", 4));
    OK(wx_strlist_add(&a.places, "usa", 3));
    OK(wx_article_set(&a.body, "Acme Corp said its board declared a "
                      "quarterly dividend of 18 cts per share, payable "
                      "April 15 to shareholders of record March 31.\n"
                      "The company said the dividend is unchanged from "
                      "the previous quarter.\nReuter", (size_t)-1));
    wx_buf rec, js, plain;
    wx_buf_init(&rec, WX_MAX_STORED_BYTES);
    wx_buf_init(&js, WX_MAX_STORED_BYTES);
    wx_buf_init(&plain, WX_MAX_STORED_BYTES);
    OK(wx_store_encode(&a, NULL, &rec, NULL, &err));
    OK(wx_store_encode_json(&a, &js, &err));
    OK(wx_zcodec_compress(js.data, js.len, NULL, 9, &plain, &err));
    /* Measured: about 40% of deflate alone; 70% leaves a wide margin. */
    if (rec.len * 10 > plain.len * 7)
        fail_msg("built-in dictionary: %zu bytes, deflate alone %zu",
                 rec.len, plain.len);
    wx_buf_free(&plain);
    wx_buf_free(&js);
    wx_buf_free(&rec);
    wx_article_reset(&a);
}

static void test_json_order(void **state)
{
    (void)state;
    static const char *const order[] = {
        "id", "title", "agency", "dateline", "date", "topics", "places",
        "meta", "body"};
    wx_err err = {0};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        const sample *s = &samples[i];
        wx_article a;
        build(s, &a);
        wx_buf rec;
        wx_buf_init(&rec, WX_MAX_STORED_BYTES);
        OK(wx_store_encode(&a, NULL, &rec, NULL, &err));
        wx_buf js;
        wx_buf_init(&js, WX_MAX_STORED_BYTES);
        OK(wx_store_decode_json(rec.data, rec.len, NULL, &js, &err));
        json_error_t jerr;
        json_t *o = json_loadb(js.data, js.len, JSON_REJECT_DUPLICATES,
                               &jerr);
        if (!json_is_object(o))
            fail_msg("sample %zu: %s", i, jerr.text);
        /* Keys present exactly for the fields set, in documented order. */
        const int present[] = {
            s->id != NULL, s->title != NULL, s->agency != NULL,
            s->dateline != NULL, s->date != NULL, s->topics[0] != NULL,
            s->places[0] != NULL, s->meta[0] != NULL, s->body != NULL};
        void *it = json_object_iter(o);
        for (size_t k = 0; k < 9; k++) {
            if (!present[k])
                continue;
            if (it == NULL)
                fail_msg("sample %zu: key %s missing", i, order[k]);
            assert_string_equal(json_object_iter_key(it), order[k]);
            it = json_object_iter_next(o, it);
        }
        assert_null(it);
        /* In the text too: jansson keeps insertion order on parse, but
         * check the bytes as a reader of the raw JSON sees them. */
        const char *prev = js.data;
        for (size_t k = 0; k < 9; k++) {
            if (!present[k])
                continue;
            char key[32];
            snprintf(key, sizeof key, "\"%s\":", order[k]);
            const char *at = strstr(js.data, key);
            assert_non_null(at);
            assert_true(at >= prev);
            prev = at;
        }
        if (s->body)
            assert_string_equal(json_string_value(json_object_get(o,
                                "body")), s->body);
        if (s->topics[0]) {
            json_t *t = json_object_get(o, "topics");
            assert_true(json_is_array(t));
            assert_string_equal(json_string_value(json_array_get(t, 0)),
                                s->topics[0]);
        }
        if (s->meta[0]) {
            json_t *m = json_object_get(o, "meta");
            assert_true(json_is_object(m));
            for (int j = 0; s->meta[j]; j += 2)
                assert_string_equal(json_string_value(
                    json_object_get(m, s->meta[j])), s->meta[j + 1]);
        }
        json_decref(o);
        wx_buf_free(&js);
        wx_buf_free(&rec);
        wx_article_reset(&a);
    }
}

static void test_format_text(void **state)
{
    (void)state;
    static const struct {
        size_t sample;
        const char *text;
    } cases[] = {
        {0,
         "Id: reuters21578-17\n"
         "Title: Ãrea de cacau — «Bahia» 東京 🌍\n"
         "Agency: Reuters\n"
         "Date: 1987-02-26T15:01:01\n"
         "Dateline: São Paulo\n"
         "Topics: cocoa; Crime & Justice; café\n"
         "Places: brazil; el-salvador\n"
         "slug: BC-COCOA\n"
         "byline: By José Núñez\n"
         "version: 2\n"
         "\n"},
        {1, "Id: h0123456789abcdef\n\none line\n"},
        {2,
         "Id: AFP_ENG_19940512.0001\n"
         "Title: Title \"quoted\" \\ back\n"
         "Agency: AFP\n"
         "Date: 1994-05-12\n"
         "Dateline: Paris\n"
         "dateline_text: PARIS, May 12 (AFP) -\n"
         "\n"
         "  leading spaces\n\ttab\n\nend  \n\n"},
        {3, "Id: x\nTitle: just a title\nTopics: t\n\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_article a;
        build(&samples[cases[i].sample], &a);
        wx_buf out;
        wx_buf_init(&out, 1 << 20);
        assert_int_equal(wx_store_format_text(&a, &out), WX_OK);
        if (cases[i].sample == 0) {
            /* Header block, blank line, then the body as stored. */
            size_t hl = strlen(cases[i].text);
            assert_true(out.len > hl);
            assert_memory_equal(out.data, cases[i].text, hl);
            size_t bl = strlen(long_body);
            assert_int_equal(out.len, hl + bl + 1);
            assert_memory_equal(out.data + hl, long_body, bl);
            assert_int_equal(out.data[hl + bl], '\n');
        } else {
            assert_string_equal(wx_buf_str(&out), cases[i].text);
        }
        wx_buf_free(&out);
        wx_article_reset(&a);
    }
    /* A full buffer is reported. */
    wx_article a;
    build(&samples[0], &a);
    wx_buf small;
    wx_buf_init(&small, 16);
    assert_int_equal(wx_store_format_text(&a, &small), WX_ETOOBIG);
    wx_buf_free(&small);
    wx_article_reset(&a);
}

/* A key given several times (NITF keywords) keeps every value, in order. */
static void test_repeated_meta(void **state)
{
    (void)state;
    wx_err err;
    wx_err_clear(&err);
    wx_article a, b;
    wx_article_init(&a);
    wx_article_init(&b);
    assert_int_equal(wx_article_set(&a.id, "k1", (size_t)-1), WX_OK);
    assert_int_equal(wx_article_set(&a.body, "Text.", (size_t)-1), WX_OK);
    assert_int_equal(wx_article_add_meta(&a, "keyword", "quake"), WX_OK);
    assert_int_equal(wx_article_add_meta(&a, "slug", "mexico"), WX_OK);
    assert_int_equal(wx_article_add_meta(&a, "keyword", "Mexico"), WX_OK);
    assert_int_equal(wx_article_add_meta(&a, "keyword", "Oaxaca"), WX_OK);
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    assert_int_equal(wx_store_encode(&a, NULL, &out, NULL, &err), WX_OK);
    assert_int_equal(wx_store_decode(out.data, out.len, NULL, &b, &err),
                     WX_OK);
    const char *want[][2] = {{"keyword", "quake"}, {"keyword", "Mexico"},
                             {"keyword", "Oaxaca"}, {"slug", "mexico"}};
    assert_int_equal(b.meta_keys.n, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(b.meta_keys.v[i], want[i][0]);
        assert_string_equal(b.meta_vals.v[i], want[i][1]);
    }
    wx_buf_free(&out);
    wx_article_reset(&a);
    wx_article_reset(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_truncated_and_corrupt),
        cmocka_unit_test(test_not_an_article),
        cmocka_unit_test(test_dictionaries),
        cmocka_unit_test(test_dictionary_saves),
        cmocka_unit_test(test_json_order),
        cmocka_unit_test(test_format_text),
        cmocka_unit_test(test_repeated_meta),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
