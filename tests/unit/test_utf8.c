/*
 * Unit tests for common/wx_utf8: the decoder on every single byte and on
 * the boundary and ill-formed sequences of Unicode Table 3-7, repair
 * output and counts, control stripping and boundary-safe truncation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_utf8.h"

#include <stdlib.h>
#include <string.h>

static void test_single_bytes(void **state)
{
    (void)state;
    for (unsigned b = 0; b < 256; b++) {
        char c = (char)b;
        uint32_t cp = 0xDEAD;
        size_t len = wx_utf8_decode(&c, 1, &cp);
        if (b < 0x80) {
            assert_int_equal(len, 1);
            assert_int_equal(cp, b);
            assert_true(wx_utf8_valid(&c, 1));
        } else {
            assert_int_equal(len, 0);
            assert_false(wx_utf8_valid(&c, 1));
        }
    }
    assert_int_equal(wx_utf8_decode("", 0, NULL), 0);
    assert_true(wx_utf8_valid("", 0));
}

/* Every single byte repaired: ASCII copied, the rest read as Latin-1. */
static void test_repair_single_bytes(void **state)
{
    (void)state;
    for (unsigned b = 0; b < 256; b++) {
        char c = (char)b;
        wx_buf out;
        size_t fixed = 99;
        wx_buf_init(&out, 16);
        assert_int_equal(wx_utf8_repair(&c, 1, &out, &fixed), WX_OK);
        uint32_t cp = 0;
        if (b < 0x80) {
            assert_int_equal(fixed, 0);
            assert_int_equal(out.len, 1);
        } else {
            assert_int_equal(fixed, 1);
            assert_int_equal(out.len, 2);
        }
        assert_int_equal(wx_utf8_decode(out.data, out.len, &cp), out.len);
        assert_int_equal(cp, b);
        wx_buf_free(&out);
    }
}

typedef struct seq_case {
    const char *in;
    size_t len;          /* bytes of in */
    size_t decoded;      /* wx_utf8_decode() result */
    uint32_t cp;         /* when decoded > 0 */
    size_t repairs;      /* bytes repaired over the whole input */
} seq_case;

#define S(lit) lit, sizeof lit - 1

static const seq_case seqs[] = {
    /* well-formed boundaries */
    { S("\x7F"), 1, 0x7F, 0 },
    { S("\xC2\x80"), 2, 0x80, 0 },
    { S("\xDF\xBF"), 2, 0x7FF, 0 },
    { S("\xE0\xA0\x80"), 3, 0x800, 0 },
    { S("\xED\x9F\xBF"), 3, 0xD7FF, 0 },
    { S("\xEE\x80\x80"), 3, 0xE000, 0 },
    { S("\xEF\xBF\xBD"), 3, 0xFFFD, 0 },
    { S("\xEF\xBF\xBF"), 3, 0xFFFF, 0 },
    { S("\xF0\x90\x80\x80"), 4, 0x10000, 0 },
    { S("\xF4\x8F\xBF\xBF"), 4, 0x10FFFF, 0 },
    { S("\xC3\xBC"), 2, 0xFC, 0 },
    /* overlongs */
    { S("\xC0\x80"), 0, 0, 2 },
    { S("\xC1\xBF"), 0, 0, 2 },
    { S("\xE0\x80\x80"), 0, 0, 3 },
    { S("\xE0\x9F\xBF"), 0, 0, 3 },
    { S("\xF0\x80\x80\x80"), 0, 0, 4 },
    { S("\xF0\x8F\xBF\xBF"), 0, 0, 4 },
    /* surrogates */
    { S("\xED\xA0\x80"), 0, 0, 3 },
    { S("\xED\xBF\xBF"), 0, 0, 3 },
    { S("\xED\xB0\x80"), 0, 0, 3 },
    /* past U+10FFFF */
    { S("\xF4\x90\x80\x80"), 0, 0, 4 },
    { S("\xF5\x80\x80\x80"), 0, 0, 4 },
    { S("\xFF"), 0, 0, 1 },
    /* truncated, and a continuation replaced by ASCII */
    { S("\xC3"), 0, 0, 1 },
    { S("\xE2\x82"), 0, 0, 2 },
    { S("\xF0\x9F\x98"), 0, 0, 3 },
    { S("\xC3\x28"), 0, 0, 1 },
    { S("\xE2\x28\xA1"), 0, 0, 2 },
    { S("\x80\xBF"), 0, 0, 2 },
    /* good text around bad bytes */
    { S("M\xFCnchen"), 1, 'M', 1 },
    { S("\xC3\xA9t\xE9"), 2, 0xE9, 1 },
};

static void test_sequences(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof seqs / sizeof *seqs; i++) {
        const seq_case *c = &seqs[i];
        uint32_t cp = 0;
        size_t len = wx_utf8_decode(c->in, c->len, &cp);
        assert_int_equal(len, c->decoded);
        if (len > 0)
            assert_int_equal(cp, c->cp);
        assert_int_equal(wx_utf8_valid(c->in, c->len), c->repairs == 0);

        wx_buf out;
        size_t fixed = 12345;
        wx_buf_init(&out, 64);
        assert_int_equal(wx_utf8_repair(c->in, c->len, &out, &fixed), WX_OK);
        assert_int_equal(fixed, c->repairs);
        assert_int_equal(out.len, c->len + c->repairs);
        assert_true(wx_utf8_valid(out.data, out.len));
        if (c->repairs == 0)
            assert_memory_equal(out.data, c->in, c->len);
        wx_buf_free(&out);
    }
}

static void test_repair_exact(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
        size_t repairs;
    } cases[] = {
        { "M\xFCnchen", "M\xC3\xBCnchen", 1 },
        { "caf\xE9 cr\xE8me", "caf\xC3\xA9 cr\xC3\xA8me", 2 },
        { "ok \xC3\xA9", "ok \xC3\xA9", 0 },
        { "\xC0\xAF", "\xC3\x80\xC2\xAF", 2 },
        { "\xED\xA0\x80", "\xC3\xAD\xC2\xA0\xC2\x80", 3 },
        { "x\xE2\x82", "x\xC3\xA2\xC2\x82", 2 },
        { "", "", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        wx_buf out;
        size_t fixed = 7;
        wx_buf_init(&out, 64);
        assert_int_equal(wx_utf8_repair(cases[i].in, strlen(cases[i].in),
                                        &out, &fixed),
                         WX_OK);
        assert_string_equal(wx_buf_str(&out), cases[i].out);
        assert_int_equal(fixed, cases[i].repairs);
        wx_buf_free(&out);
    }
    /* NULL repairs pointer is allowed. */
    wx_buf out;
    wx_buf_init(&out, 64);
    assert_int_equal(wx_utf8_repair("\xFF", 1, &out, NULL), WX_OK);
    assert_string_equal(wx_buf_str(&out), "\xC3\xBF");
    wx_buf_free(&out);
}

/* Deterministic pseudo-random bytes: repair always yields valid UTF-8,
 * and repairing that again changes nothing. */
static void test_repair_random(void **state)
{
    (void)state;
    uint32_t x = 2463534242u;
    char in[64];
    for (int round = 0; round < 20000; round++) {
        size_t n = (size_t)(round % 64);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            in[i] = (char)(x & 0xFF);
        }
        wx_buf a, b;
        size_t fa, fb;
        wx_buf_init(&a, 256);
        wx_buf_init(&b, 256);
        assert_int_equal(wx_utf8_repair(in, n, &a, &fa), WX_OK);
        assert_true(wx_utf8_valid(a.data, a.len));
        assert_int_equal(a.len, n + fa);
        assert_int_equal(wx_utf8_valid(in, n), fa == 0);
        assert_int_equal(wx_utf8_repair(a.data, a.len, &b, &fb), WX_OK);
        assert_int_equal(fb, 0);
        assert_int_equal(b.len, a.len);
        if (a.len > 0)
            assert_memory_equal(a.data, b.data, a.len);
        wx_buf_free(&a);
        wx_buf_free(&b);
    }
}

static void test_repair_limit(void **state)
{
    (void)state;
    wx_buf out;
    wx_buf_init(&out, 4);
    assert_int_equal(wx_utf8_repair("ab\xFF\xFF", 4, &out, NULL),
                     WX_ETOOBIG);
    assert_int_equal(out.st, WX_ETOOBIG);
    /* Sticky: a later repair that would fit is a no-op. */
    size_t len = out.len;
    assert_int_equal(wx_utf8_repair("a", 1, &out, NULL), WX_ETOOBIG);
    assert_int_equal(out.len, len);
    wx_buf_free(&out);
}

static void test_encode_roundtrip(void **state)
{
    (void)state;
    char enc[4];
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        size_t len = wx_utf8_encode(cp, enc);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            assert_int_equal(len, 0);
            continue;
        }
        size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        assert_int_equal(len, want);
        uint32_t back = 0xFFFFFFFF;
        assert_int_equal(wx_utf8_decode(enc, len, &back), len);
        assert_int_equal(back, cp);
        /* One byte short is always a truncated sequence. */
        if (len > 1)
            assert_int_equal(wx_utf8_decode(enc, len - 1, NULL), 0);
    }
    assert_int_equal(wx_utf8_encode(0x110000, enc), 0);
    assert_int_equal(wx_utf8_encode(0xFFFFFFFF, enc), 0);
}

static void test_strip_controls(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        const char *out;
    } cases[] = {
        { S("plain text"), "plain text" },
        { S("a\tb\nc"), "a\tb\nc" },
        { S("line\r\n"), "line\n" },
        { S("\x1b[31mred\x1b[0m"), "[31mred[0m" },
        { S("a\x00" "b"), "ab" },
        { S("del\x7F!"), "del!" },
        { S("nel\xC2\x85x"), "nelx" },
        { S("c1\xC2\x80\xC2\x9F."), "c1." },
        { S("nbsp\xC2\xA0ok"), "nbsp\xC2\xA0ok" },
        { S("\xC3\xBC\xC2"), "\xC3\xBC\xC2" },
        { S("bad\x80\x9F"), "bad\x80\x9F" },
        { S("\x01\x02\x03"), "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[64];
        memcpy(buf, cases[i].in, cases[i].len + 1);
        size_t n = wx_utf8_strip_controls(buf, cases[i].len);
        assert_int_equal(n, strlen(cases[i].out));
        assert_memory_equal(buf, cases[i].out, n);
        assert_int_equal(buf[n], '\0');
    }
    /* Every single byte: only controls other than tab/newline go. */
    for (unsigned b = 0; b < 256; b++) {
        char c[2] = { (char)b, 'x' };
        size_t n = wx_utf8_strip_controls(c, 1);
        bool control = (b < 0x20 && b != '\t' && b != '\n') || b == 0x7F;
        assert_int_equal(n, control ? 0 : 1);
    }
}

static void test_truncate(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t max, want;
    } cases[] = {
        { "abc", 5, 3 },
        { "abc", 3, 3 },
        { "abc", 2, 2 },
        { "abc", 0, 0 },
        { "a\xC3\xBC", 2, 1 },               /* would split ü */
        { "a\xC3\xBC", 3, 3 },
        { "\xE2\x82\xAC\xE2\x82\xAC", 4, 3 }, /* €€ */
        { "\xE2\x82\xAC\xE2\x82\xAC", 5, 3 },
        { "\xE2\x82\xAC\xE2\x82\xAC", 2, 0 },
        { "\xF0\x9F\x98\x80z", 3, 0 },        /* emoji */
        { "\xF0\x9F\x98\x80z", 4, 4 },
        { "a\x80\x80\x80\x80\x80", 4, 4 },    /* stray continuations */
        { "ab\x80\x80", 3, 3 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = strlen(cases[i].s);
        assert_int_equal(wx_utf8_truncate(cases[i].s, n, cases[i].max),
                         cases[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_bytes),
        cmocka_unit_test(test_repair_single_bytes),
        cmocka_unit_test(test_sequences),
        cmocka_unit_test(test_repair_exact),
        cmocka_unit_test(test_repair_random),
        cmocka_unit_test(test_repair_limit),
        cmocka_unit_test(test_encode_roundtrip),
        cmocka_unit_test(test_strip_controls),
        cmocka_unit_test(test_truncate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
