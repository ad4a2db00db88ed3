/*
 * Unit tests for indexer/sgml: the record scanner (records across and
 * within lines, truncation, oversize records, junk), element and
 * attribute lookup, character references (every single byte, every
 * reference form), tag stripping, white space, paragraphs and datelines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "indexer/sgml.h"
#include "wx_buf.h"
#include "wx_input.h"

#include <stdlib.h>
#include <string.h>

typedef wx_status (*text_fn)(wx_buf *, const char *, size_t);

/* fn(in) must give want exactly. */
static void check_fn(text_fn fn, const char *in, size_t n, const char *want)
{
    wx_buf b;
    wx_buf_init(&b, 1 << 20);
    assert_int_equal(fn(&b, in, n), WX_OK);
    if (b.len != strlen(want) || memcmp(wx_buf_str(&b), want, b.len) != 0)
        fail_msg("input \"%.*s\": want \"%s\", got \"%s\"", (int)n, in, want,
                 wx_buf_str(&b));
    wx_buf_free(&b);
}

static void test_find(void **state)
{
    (void)state;
    const char s[] = "abcabd\0abe";
    size_t n = sizeof s - 1;
    assert_ptr_equal(wx_sgml_find(s, n, "abd", 3), s + 3);
    assert_ptr_equal(wx_sgml_find(s, n, "abe", 3), s + 7);
    assert_ptr_equal(wx_sgml_find(s, n, "a", 1), s);
    assert_null(wx_sgml_find(s, n, "abf", 3));
    assert_null(wx_sgml_find(s, 2, "abc", 3));
    assert_null(wx_sgml_find(s, n, "", 0));
}

static void test_element_attr(void **state)
{
    (void)state;
    const char s[] = "<DATELINE>x</DATELINE><DATE a=1>26-FEB</DATE>"
                     "<TEXT TYPE=\"BRIEF\" n='2' bare=v>in</TEXT><OPEN>";
    size_t n = sizeof s - 1;
    wx_sgml_span at, c;
    assert_true(wx_sgml_element(s, n, "DATE", &at, &c));
    assert_int_equal(c.n, 6);
    assert_memory_equal(c.p, "26-FEB", 6);
    assert_true(wx_sgml_element(s, n, "DATELINE", NULL, &c));
    assert_memory_equal(c.p, "x", 1);
    assert_true(wx_sgml_element(s, n, "TEXT", &at, &c));
    assert_memory_equal(c.p, "in", 2);
    assert_false(wx_sgml_element(s, n, "OPEN", NULL, &c));   /* unclosed */
    assert_false(wx_sgml_element(s, n, "TITLE", NULL, &c));
    assert_false(wx_sgml_element(s, n, "DAT", NULL, &c));

    static const struct {
        const char *name;
        const char *val;
    } cases[] = {
        {"TYPE", "BRIEF"}, {"type", "BRIEF"}, {"n", "2"}, {"bare", "v"},
        {"missing", NULL}, {"TYP", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_sgml_span v;
        bool found = wx_sgml_attr(at, cases[i].name, &v);
        assert_int_equal(found, cases[i].val != NULL);
        if (found) {
            assert_int_equal(v.n, strlen(cases[i].val));
            assert_memory_equal(v.p, cases[i].val, v.n);
        }
    }
    wx_sgml_span odd = {"= \"x\" NEWID=\"5\"", 15}, v;
    assert_true(wx_sgml_attr(odd, "NEWID", &v));
    assert_memory_equal(v.p, "5", 1);
}

/* A tag without attributes (<REUTERS>) gives a null span: looking in it
 * must not do pointer arithmetic on NULL (UBSan, found by fuzzing). */
static void test_attr_of_bare_tag(void **state)
{
    (void)state;
    wx_sgml_span none = {NULL, 0}, v;
    assert_false(wx_sgml_attr(none, "TYPE", &v));
    const char *s = "<REUTERS><TEXT>in</TEXT></REUTERS>";
    wx_sgml_span at, c;
    assert_true(wx_sgml_element(s, strlen(s), "REUTERS", &at, &c));
    assert_false(wx_sgml_attr(at, "NEWID", &v));
}

/* Every single byte: controls go (but tab and newline), all else stays. */
static void test_decode_bytes(void **state)
{
    (void)state;
    for (int c = 0; c < 256; c++) {
        char in = (char)c;
        char want[2] = {(char)c, '\0'};
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
            want[0] = '\0';
        wx_buf b;
        wx_buf_init(&b, 16);
        assert_int_equal(wx_sgml_decode(&b, &in, 1), WX_OK);
        assert_int_equal(b.len, strlen(want));
        assert_memory_equal(wx_buf_str(&b), want, b.len);
        wx_buf_free(&b);
    }
}

static void test_decode_refs(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *out;
    } cases[] = {
        {"&lt;&gt;&amp;&quot;&apos;", "<>&\"'"},
        {"&LT;&GT;&AMP;&QUOT;", "<>&\""},
        {"B&AMP;O", "B&O"},
        {"&lt &amp.", "< &."},
        {"&ltx; &Amp; &foo; &;", "&ltx; &Amp; &foo; &;"},
        {"&#65;&#x42;&#X43;&#68", "ABCD"},
        {"&#2;&#3;&#5;&#22;&#31;&#127;&#13;&#12;", ""},
        {"a&#9;b&#10;c", "a\tb\nc"},
        {"&#233;&#x20AC;&#x1F600;", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"},
        {"&#128;&#150;&#159;&#129;",
         "\xe2\x82\xac\xe2\x80\x93\xc5\xb8\xc2\x81"},
        {"&#0;&#xD800;&#x110000;&#99999999999999;",
         "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
        {"&#xFFFE;&#xFDD0;.", "."},
        {"&#;&#x;&#xg;&", "&#;&#x;&#xg;&"},
        {"\x01" "a\x1b[31m\x7f", "a[31m"},
        {"\xfc\xa0", "\xfc\xa0"},   /* invalid UTF-8 is finish()'s job */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_fn(wx_sgml_decode, cases[i].in, strlen(cases[i].in),
                 cases[i].out);
    /* NUL bytes inside the text are dropped, not the end */
    check_fn(wx_sgml_decode, "a\0b", 3, "ab");
}

static void test_strip_tags(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *out;
    } cases[] = {
        {"a<B>c</B>d", "a c d"},
        {"<x\ny>z", " z"},
        {"a <> b", "a <> b"},
        {"a < b", "a < b"},
        {"<<a>", " "},
        {"1 < 2 > 0", "1   0"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_fn(wx_sgml_strip_tags, cases[i].in, strlen(cases[i].in),
                 cases[i].out);
}

static void test_line(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *out;
    } cases[] = {
        {"  a  b\t\nc  ", "a b c"},
        {"", ""},
        {" \n\t ", ""},
        {"a\xc2\xa0" "b", "a b"},               /* U+00A0 */
        {"a\xa0" "b\x85" "c", "a b c"},         /* stray Latin-1 bytes */
        {"a\xe3\x80\x80" "b\xe2\x80\xa8" "c", "a b c"},
        {"a\xe2\x80\x8b" "b", "a\xe2\x80\x8b" "b"},  /* ZWSP is no space */
        {"a\xfc" "b", "a\xfc" "b"},
        {"\x1c" "a\x1f", "a"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_fn(wx_sgml_line, cases[i].in, strlen(cases[i].in),
                 cases[i].out);
}

static void test_paragraphs(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *out;
    } cases[] = {
        {"one\ntwo\n    three\nfour\n Reuter\n",
         "one two\nthree four\nReuter"},
        {"a\n\n\n\nb", "a\nb"},
        {"\n\n  lead\n", "lead"},
        {"a\n\tb", "a\nb"},
        {"a\n\xc2\xa0" "b", "a b"},     /* NBSP does not indent */
        {"a\n \xc2\xa0\n b", "a\nb"},   /* but a line of it is blank */
        {"x   y\nz", "x y z"},
        {"", ""},
        {"\n \n", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_fn(wx_sgml_paragraphs, cases[i].in, strlen(cases[i].in),
                 cases[i].out);
}

static void test_city(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *out;
    } cases[] = {
        {"SALVADOR, Feb 26", "SALVADOR"},
        {"NEW YORK, March 3", "NEW YORK"},
        {"PARIS, May 12 (AFP)", "PARIS"},
        {"CHICAGO (AP)", "CHICAGO"},
        {"UNITED NATIONS (AP) _", "UNITED NATIONS"},
        {"WASHINGTON - ", "WASHINGTON"},
        {"TOKYO", "TOKYO"},
        {"****LONDON, March 3", "LONDON"},
        {"0 LONDON, March 3", "LONDON"},
        {"ST. JOHN'S, Newfoundland", "ST. JOHN'S"},
        {"WILKES-BARRE, Pa.", "WILKES-BARRE"},
        {"BOGOT\xc3\x81, 15 feb", "BOGOT\xc3\x81"},
        {"us 7.8015", ""},
        {"APRIL 7", ""},
        {"MAR8 --", ""},
        {"- Position of APR 6", ""},
        {"", ""},
        {"--", ""},
        {"AN EXTREMELY LONG RUN OF CAPITAL WORDS THAT CANNOT POSSIBLY BE "
         "ANY CITY NAME AT ALL", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_fn(wx_sgml_city, cases[i].in, strlen(cases[i].in),
                 cases[i].out);
}

/* ---- the scanner ------------------------------------------------------ */

typedef struct scan_run {
    wx_input *in;
    wx_sgml_scan sc;
    wx_err err;
} scan_run;

static void scan_open(scan_run *r, const char *text, size_t n)
{
    assert_int_equal(wx_input_open_mem("m", text, n, &r->in, &r->err),
                     WX_OK);
    wx_sgml_scan_init(&r->sc, r->in, "<R", "</R>");
}

static void scan_close(scan_run *r)
{
    wx_sgml_scan_free(&r->sc);
    wx_input_close(r->in);
}

static void expect_rec(scan_run *r, const char *rec, long line)
{
    wx_status st = wx_sgml_scan_next(&r->sc, &r->err);
    if (st != WX_OK)
        fail_msg("want a record, got %s: %s", wx_status_str(st),
                 r->err.msg);
    assert_string_equal(wx_buf_str(&r->sc.rec), rec);
    assert_int_equal(r->sc.rec_line, line);
}

static void expect_skip(scan_run *r, const char *msg)
{
    assert_int_equal(wx_sgml_scan_next(&r->sc, &r->err), WX_EFORMAT);
    assert_string_equal(r->err.msg, msg);
}

static void test_scan(void **state)
{
    (void)state;
    const char text[] =
        "<!DOCTYPE x>\n"
        "<R a=1>one\ntwo</R> <R>three</R><RX>\n"
        "<R\n"
        "b=2>four\n"
        "</R>tail\n"
        "<R>cut short\n"
        "<R>five</R>\n"
        "<R>never closed\n";
    scan_run r;
    scan_open(&r, text, sizeof text - 1);
    expect_rec(&r, "<R a=1>one\ntwo", 2);
    expect_rec(&r, "<R>three", 3);
    expect_rec(&r, "<R\nb=2>four\n", 4);
    expect_skip(&r, "m:7: <R> record not closed before the next one");
    expect_rec(&r, "<R>five", 8);
    expect_skip(&r, "m:9: <R> record not closed before the end of the "
                    "file");
    assert_int_equal(wx_sgml_scan_next(&r.sc, &r.err), WX_EOF);
    assert_int_equal(wx_sgml_scan_next(&r.sc, &r.err), WX_EOF);
    scan_close(&r);

    /* an oversize record is skipped whole; the next one is read */
    const char big[] = "<R>0123456789\n0123456789\n</R>\n<R>ok</R>\n";
    scan_open(&r, big, sizeof big - 1);
    r.sc.rec.max = 16;
    expect_skip(&r, "m:1: <R> record longer than 16 bytes");
    expect_rec(&r, "<R>ok", 4);
    assert_int_equal(wx_sgml_scan_next(&r.sc, &r.err), WX_EOF);
    scan_close(&r);

    /* text without any record, and nothing at all */
    scan_open(&r, "junk\n", 5);
    expect_skip(&r, "m:1: no <R> record found");
    assert_int_equal(wx_sgml_scan_next(&r.sc, &r.err), WX_EOF);
    scan_close(&r);
    scan_open(&r, "", 0);
    assert_int_equal(wx_sgml_scan_next(&r.sc, &r.err), WX_EOF);
    scan_close(&r);
    wx_sgml_scan_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_element_attr),
        cmocka_unit_test(test_attr_of_bare_tag),
        cmocka_unit_test(test_decode_bytes),
        cmocka_unit_test(test_decode_refs),
        cmocka_unit_test(test_strip_tags),
        cmocka_unit_test(test_line),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_city),
        cmocka_unit_test(test_scan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
