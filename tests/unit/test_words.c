/*
 * Unit tests for common/wx_words: a vocabulary trained on the Reuters
 * excerpt in fixtures/, exact round trips (cases, spaces, escapes, bytes
 * no text holds), codes that shrink the text, decoding in pieces and
 * into short outputs, and malformed vocabularies and coded text.
 */
#define _XOPEN_SOURCE 700       /* nftw(), for wx_test_util.h */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_test_util.h"
#include "wx_words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAXS = 64 };

/* The excerpt's articles as samples (split at each </REUTERS>). */
static char *corpus;
static const char *samples[MAXS];
static size_t lens[MAXS], nsamples;

static int load(void **state)
{
    (void)state;
    FILE *f = fopen("fixtures/sgml/reut2-000-excerpt.sgm", "rb");
    if (f == NULL)
        return -1;
    corpus = calloc(1, 1 << 20);
    size_t n = fread(corpus, 1, (1 << 20) - 1, f);
    fclose(f);
    char *p = corpus;
    while (nsamples < MAXS && p < corpus + n) {
        char *end = strstr(p, "</REUTERS>");
        end = end != NULL ? end + 10 : corpus + n;
        samples[nsamples] = p;
        lens[nsamples++] = (size_t)(end - p);
        p = end;
    }
    return nsamples >= 5 ? 0 : -1;
}

static int unload(void **state)
{
    (void)state;
    free(corpus);
    return 0;
}

static wx_words *trained(void)
{
    wx_buf v;
    wx_buf_init(&v, 1 << 20);
    assert_int_equal(wx_words_train(samples, lens, nsamples, &v), WX_OK);
    wx_words *w = NULL;
    size_t used;
    wx_err err;
    OK(wx_words_new(v.data, v.len, &used, &w, &err));
    assert_int_equal(used, v.len);
    wx_buf_free(&v);
    return w;
}

/* Encode and decode src; assert the round trip; return the coded size. */
static size_t round_trip(const wx_words *w, const char *src, size_t n)
{
    wx_buf c;
    wx_buf_init(&c, 1 << 22);
    assert_int_equal(wx_words_encode(w, src, n, &c), WX_OK);
    char *out = malloc(n + 1);
    size_t used = 0, got = 0;
    wx_err err;
    OK(wx_words_decode(w, c.data, c.len, out, n, &used, &got, &err));
    assert_int_equal(used, c.len);
    assert_int_equal(got, n);
    assert_memory_equal(out, src, n);
    size_t coded = c.len;
    free(out);
    wx_buf_free(&c);
    return coded;
}

static void test_train_real_text(void **state)
{
    (void)state;
    wx_words *w = trained();
    /* Wire copy repeats its words: even five stories share a hundred. */
    assert_true(wx_words_count(w) > 100);
    assert_true(wx_words_count(w) <= WX_WORDS_MAX);
    size_t raw = 0, coded = 0;
    for (size_t i = 0; i < nsamples; i++) {
        raw += lens[i];
        coded += round_trip(w, samples[i], lens[i]);
    }
    /* Coding alone takes out a quarter or more of the bytes. */
    assert_true(coded * 4 < raw * 3);
    wx_words_free(w);
}

static void test_train_deterministic(void **state)
{
    (void)state;
    wx_buf a, b;
    wx_buf_init(&a, 1 << 20);
    wx_buf_init(&b, 1 << 20);
    assert_int_equal(wx_words_train(samples, lens, nsamples, &a), WX_OK);
    assert_int_equal(wx_words_train(samples, lens, nsamples, &b), WX_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    wx_buf_free(&a);
    wx_buf_free(&b);
}

/* A hand-made vocabulary: "the", " said", " company". */
static wx_words *small(void)
{
    static const char v[] = "\x03\x00"
                            "\x03the"
                            "\x05 said"
                            "\x08 company";
    wx_words *w = NULL;
    size_t used;
    wx_err err;
    OK(wx_words_new(v, sizeof v - 1, &used, &w, &err));
    assert_int_equal(used, sizeof v - 1);
    assert_int_equal(wx_words_count(w), 3);
    return w;
}

static void test_cases_and_spaces(void **state)
{
    (void)state;
    wx_words *w = small();
    static const char *texts[] = {
        "the company said",      /* lower case, with and without space */
        "The Company Said",      /* Capitalised */
        "THE COMPANY SAID",      /* UPPER */
        "tHe cOmpany saiD",      /* mixed: stays text */
        "thesaid companyX",      /* not whole words */
        " the  the\tthe\nthe",   /* a space form missing: code after it */
        "company-said,the.",
        "",
        "x",
        "T",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        round_trip(w, texts[i], strlen(texts[i]));
    /* Three words, each a code (" company" and " said" with their
     * space; "the" alone): 3 bytes instead of 16. */
    assert_int_equal(round_trip(w, "the company said", 16), 3);
    /* Capitalised and UPPER cost a flag byte each. */
    assert_int_equal(round_trip(w, "The Company Said", 16), 6);
    assert_int_equal(round_trip(w, "THE COMPANY SAID", 16), 6);
    wx_words_free(w);
}

static void test_escapes_and_any_bytes(void **state)
{
    (void)state;
    wx_words *w = small();
    /* Every byte value, the coded form's own among them. */
    char all[512];
    for (int i = 0; i < 512; i++)
        all[i] = (char)(i % 256);
    size_t coded = round_trip(w, all, sizeof all);
    assert_true(coded > sizeof all);     /* the escapes */
    const char mix[] = "the\x01\x02\x03\x04said\xf5\xff company\xc3\xa9";
    round_trip(w, mix, sizeof mix - 1);
    wx_words_free(w);
}

/* Decoding a piece at a time, as the record reader does, and into an
 * output shorter than the text. */
static void test_decode_in_pieces(void **state)
{
    (void)state;
    wx_words *w = trained();
    wx_buf c;
    wx_buf_init(&c, 1 << 22);
    assert_int_equal(wx_words_encode(w, samples[1], lens[1], &c), WX_OK);
    char *out = malloc(lens[1]);
    wx_err err;
    for (size_t piece = 1; piece <= 7; piece += 3) {
        size_t in = 0, have = 0, got = 0;
        while (in < c.len) {
            size_t end = in + piece < c.len ? in + piece : c.len;
            size_t used, g;
            /* Pass what is left over plus the next piece. */
            OK(wx_words_decode(w, c.data + have, end - have, out + got,
                               lens[1] - got, &used, &g, &err));
            have += used;
            got += g;
            in = end;
        }
        assert_int_equal(have, c.len);
        assert_int_equal(got, lens[1]);
        assert_memory_equal(out, samples[1], lens[1]);
    }
    /* Into 100 bytes: exactly the first 100, a word cut if need be. */
    size_t used, got;
    OK(wx_words_decode(w, c.data, c.len, out, 100, &used, &got, &err));
    assert_int_equal(got, 100);
    assert_memory_equal(out, samples[1], 100);
    assert_true(used < c.len);
    free(out);
    wx_buf_free(&c);
    wx_words_free(w);
}

static void test_bad_coded_text(void **state)
{
    (void)state;
    wx_words *w = small();
    char out[64];
    size_t used, got;
    wx_err err;
    /* Entry 3 and a two-byte code: past a vocabulary of 3. */
    assert_int_equal(wx_words_decode(w, "\x07", 1, out, 64, &used, &got,
                                     &err), WX_EFORMAT);
    assert_int_equal(wx_words_decode(w, "\xf5\x10", 2, out, 64, &used,
                                     &got, &err), WX_EFORMAT);
    assert_non_null(strstr(err.msg, "vocabulary"));
    /* A flag before text. */
    assert_int_equal(wx_words_decode(w, "\x02x", 2, out, 64, &used, &got,
                                     &err), WX_EFORMAT);
    /* Cut tokens wait for more input. */
    OK(wx_words_decode(w, "ab\x01", 3, out, 64, &used, &got, &err));
    assert_int_equal(used, 2);
    OK(wx_words_decode(w, "ab\x03", 3, out, 64, &used, &got, &err));
    assert_int_equal(used, 2);
    OK(wx_words_decode(w, "ab\xf5", 3, out, 64, &used, &got, &err));
    assert_int_equal(used, 2);
    assert_int_equal(got, 2);
    wx_words_free(w);
}

static void test_bad_vocabulary(void **state)
{
    (void)state;
    static const struct {
        const char *v;
        size_t n;
    } bad[] = {
        {"\x01", 1},                    /* truncated count */
        {"\x02\x00\x03the", 6},         /* one entry missing */
        {"\x01\x00\x05the", 6},         /* entry cut short */
        {"\x01\x00\x00", 3},            /* empty entry */
        {"\x01\x00\x03The", 6},         /* not lower case */
        {"\x01\x00\x01 ", 4},           /* a space alone */
        {"\x02\x00\x03the\x03the", 10}, /* repeated */
        {"\xff\xff", 2},                /* too many */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        wx_words *w = (wx_words *)1;
        size_t used = 7;
        wx_err err;
        assert_int_equal(wx_words_new(bad[i].v, bad[i].n, &used, &w, &err),
                         WX_EFORMAT);
        assert_null(w);
        assert_int_equal(used, 0);
    }
    /* No samples: an empty vocabulary, which codes nothing. */
    wx_buf v;
    wx_buf_init(&v, 64);
    assert_int_equal(wx_words_train(NULL, NULL, 0, &v), WX_OK);
    assert_int_equal(v.len, 2);
    wx_words *w;
    size_t used;
    wx_err err;
    OK(wx_words_new(v.data, v.len, &used, &w, &err));
    assert_int_equal(round_trip(w, "the company said", 16), 16);
    wx_words_free(w);
    wx_buf_free(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_train_real_text),
        cmocka_unit_test(test_train_deterministic),
        cmocka_unit_test(test_cases_and_spaces),
        cmocka_unit_test(test_escapes_and_any_bytes),
        cmocka_unit_test(test_decode_in_pieces),
        cmocka_unit_test(test_bad_coded_text),
        cmocka_unit_test(test_bad_vocabulary),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
