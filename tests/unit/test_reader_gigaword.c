/*
 * Unit tests for indexer/reader_gigaword: the fixtures in
 * fixtures/gigaword/ (plain and gzipped) and the truncated .gz in
 * fixtures/broken/ against their .expected files; agency, language and
 * date from ids; <P> and bare-text bodies; datelines; the TREC <DOCNO>
 * form; broken input (missing id, truncation, junk, huge fields).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "indexer/reader.h"
#include "wx_article.h"
#include "wx_input.h"
#include "wx_limits.h"
#include "tests/unit/wx_test_expected.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPS wx_reader_gigaword

static void one(const char *text, wx_article *a)
{
    wxt_read_one(&OPS, text, strlen(text), a);
}

static void test_fixtures(void **state)
{
    (void)state;
    static const char *const files[] = {
        "fixtures/gigaword/afp_eng_199405",
        "fixtures/gigaword/xin_eng_199405.gz",
        "fixtures/gigaword/mixed_eng_199407",
        "fixtures/broken/truncated-afp_eng_199406.gz",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        wxt_check_file(&OPS, files[i], NULL);
}

static void test_ids(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        const char *agency, *lang, *date;
    } cases[] = {
        {"AFP_ENG_19940512.0001", "AFP", "ENG", "1994-05-12"},
        {"APW_ENG_19940701.0001", "AP", "ENG", "1994-07-01"},
        {"XIN_ENG_19940520.0002", "Xinhua", "ENG", "1994-05-20"},
        {"NYT_ENG_20001231.0123", "NYT", "ENG", "2000-12-31"},
        {"CNA_ENG_19940702.0003", "CNA", "ENG", "1994-07-02"},
        {"LTW_ENG_19940703.0012", "LA Times/Washington Post", "ENG",
         "1994-07-03"},
        {"WPB_ENG_19940704.0002", "Washington Post/Bloomberg", "ENG",
         "1994-07-04"},
        {"AFE_SPA_20010101.0001", "AFE", "SPA", "2001-01-01"},
        {"APW19980601.0001", "AP", NULL, "1998-06-01"},
        {"XIE19990101.0002", "Xinhua", NULL, "1999-01-01"},
        {"AFP_ENG_19941399.0001", "AFP", "ENG", NULL},
        {"story-42", NULL, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        snprintf(text, sizeof text,
                 "<DOC id=\"%s\" type=\"story\" >\n<HEADLINE>\nH\n"
                 "</HEADLINE>\n</DOC>\n", cases[i].id);
        wx_article a;
        one(text, &a);
        wxt_expect_str(a.id, cases[i].id);
        wxt_expect_str(a.agency, cases[i].agency);
        wxt_expect_str(wx_article_meta(&a, "lang"), cases[i].lang);
        wxt_expect_str(a.date, cases[i].date);
        wxt_expect_str(wx_article_meta(&a, "type"), "story");
        wx_article_reset(&a);
    }
}

static void test_bodies(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *body;
    } cases[] = {
        {"<P>\nOne two\nthree.\n</P>\n<P>\nFour &AMP; five.\n</P>\n",
         "One two three.\nFour & five."},
        /* bare text follows the wire paragraph rules */
        {"\nLine one\ncontinues.\n   Indented starts anew.\n\nLast.\n",
         "Line one continues.\nIndented starts anew.\nLast."},
        /* unclosed <P>s end at the next one; text between them stays */
        {"<P>first\n<P>second</P>\nloose &lt;text&gt;\n<P>third</P>",
         "first\nsecond\nloose <text>\nthird"},
        {"<P>a <B>bold</B> word</P><PRE>not a p</PRE>",
         "a bold word\nnot a p"},
        {"<P>\n\n</P>", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "<DOC id=\"AFP_ENG_19940512.0001\" type=\"story\">\n"
                 "<HEADLINE>H</HEADLINE>\n<TEXT>%s</TEXT>\n</DOC>\n",
                 cases[i].text);
        wx_article a;
        one(text, &a);
        wxt_expect_str(a.body, cases[i].body);
        wx_article_reset(&a);
    }
}

static void test_datelines(void **state)
{
    (void)state;
    static const struct {
        const char *raw;
        const char *city;
    } cases[] = {
        {"\nWASHINGTON, May 12 (AFP) -\n", "WASHINGTON"},
        {"\nCHICAGO (AP)\n", "CHICAGO"},
        {"NEW YORK", "NEW YORK"},
        {"UNITED NATIONS (AP) _", "UNITED NATIONS"},
        {"BEIJING, May 20 (Xinhua) --", "BEIJING"},
        {"May 12, 1994", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "<DOC id=\"APW_ENG_19940701.0001\" type=\"story\">\n"
                 "<HEADLINE>H</HEADLINE>\n<DATELINE>%s</DATELINE>\n"
                 "<TEXT><P>b</P></TEXT>\n</DOC>\n", cases[i].raw);
        wx_article a;
        one(text, &a);
        wxt_expect_str(a.dateline, cases[i].city);
        wx_article_reset(&a);
    }
    wx_article a;
    one("<DOC id=\"AFP_ENG_19940512.0001\">\n<HEADLINE>H</HEADLINE>\n"
        "<DATELINE>\nHONG KONG, May 12 (AFP)\n</DATELINE>\n</DOC>\n", &a);
    wxt_expect_str(wx_article_meta(&a, "dateline_text"),
                   "HONG KONG, May 12 (AFP)");
    wxt_expect_str(wx_article_meta(&a, "type"), NULL);
    wx_err err;
    assert_int_equal(wx_article_finish(&a, NULL, &err), WX_OK);
    wxt_expect_str(a.dateline, "Hong Kong");
    wx_article_reset(&a);
}

/* The older TREC/AQUAINT layout: <DOCNO>, <DOCTYPE>, a <BODY> wrapper. */
static void test_trec_form(void **state)
{
    (void)state;
    wx_article a;
    one("<DOC>\n<DOCNO> APW19980601.0003 </DOCNO>\n"
        "<DOCTYPE> NEWS STORY </DOCTYPE>\n"
        "<DATE_TIME> 1998-06-01 00:08:00 </DATE_TIME>\n<BODY>\n"
        "<SLUG> BC-Quake </SLUG>\n<HEADLINE>\nQuake hits\n</HEADLINE>\n"
        "<TEXT>\n<P>\nA quake hit.\n</P>\n</TEXT>\n</BODY>\n</DOC>\n", &a);
    wxt_expect_str(a.id, "APW19980601.0003");
    wxt_expect_str(a.agency, "AP");
    wxt_expect_str(a.date, "1998-06-01");
    wxt_expect_str(a.title, "Quake hits");
    wxt_expect_str(a.body, "A quake hit.");
    wxt_expect_str(wx_article_meta(&a, "type"), "news story");
    wxt_expect_str(wx_article_meta(&a, "lang"), NULL);
    wx_article_reset(&a);
}

static void test_broken(void **state)
{
    (void)state;
    const char text[] =
        "<DOC id=\"AFP_ENG_19940512.0001\" type=\"story\">\n"
        "<HEADLINE>A</HEADLINE>\n</DOC>\n"
        "<DOC type=\"story\">\n<HEADLINE>no id</HEADLINE>\n</DOC>\n"
        "<DOC id=\"\">\n<HEADLINE>empty id</HEADLINE>\n</DOC>\n"
        "<DOC id=\"AFP_ENG_19940512.0002\">\n<HEADLINE>B</HEADLINE>\n"
        "<DOC id=\"AFP_ENG_19940512.0003\">\n<HEADLINE>C</HEADLINE>\n</DOC>\n"
        "<DOC id=\"AFP_ENG_19940512.0004\">\n<TEXT>\n<P>\ncut off";
    wxt_run r;
    wxt_run_open(&r, &OPS, text, sizeof text - 1);
    wx_article a;
    wx_article_init(&a);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.title, "A");
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_string_equal(r.err.msg, "mem:4: <DOC> without an id");
    assert_null(a.title);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_string_equal(r.err.msg, "mem:7: <DOC> with an empty id");
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_string_equal(r.err.msg,
                        "mem:10: <DOC> record not closed before the next "
                        "one");
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.title, "C");
    assert_int_equal(a.src_line, 12);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_string_equal(r.err.msg, "mem:15: <DOC> record not closed "
                                   "before the end of the file");
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wxt_run_close(&r);

    /* junk: no record at all */
    unsigned char junk[2048];
    wxt_junk(junk, sizeof junk, 7);
    wxt_run_open(&r, &OPS, junk, sizeof junk);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_string_equal(r.err.msg, "mem:1: no <DOC> record found");
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wxt_run_close(&r);

    /* a headline past WX_MAX_FIELD_BYTES: that DOC is skipped */
    size_t hn = WX_MAX_FIELD_BYTES + 1;
    size_t n = hn + 256;
    char *big = malloc(n);
    assert_non_null(big);
    int k = snprintf(big, n, "<DOC id=\"X\">\n<HEADLINE>");
    memset(big + k, 'h', hn);
    snprintf(big + k + hn, n - (size_t)k - hn,
             "</HEADLINE>\n</DOC>\n<DOC id=\"Y\"><HEADLINE>ok</HEADLINE>"
             "</DOC>\n");
    wxt_run_open(&r, &OPS, big, strlen(big));
    free(big);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_string_equal(r.err.msg, "mem:1: HEADLINE longer than 4096 bytes");
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.id, "Y");
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wxt_run_close(&r);
}

static void test_sniff(void **state)
{
    (void)state;
    static const wxt_sniff_case cases[] = {
        {"<DOC id=\"AFP_ENG_19940512.0001\" type=\"story\" >\n", 80, 100},
        {"<DOC>\n<DOCNO> APW19980601.0001 </DOCNO>\n", 60, 100},
        {"<DOC>\n<TEXT>", 0, 0},
        {"<DOCUMENT id=\"1\">", 0, 0},
        {"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS", 0, 0},
        {"", 0, 0},
    };
    const char *h = "<DOC id=\"XIN_ENG_19940520.0001\" type=\"story\" >\n";
    wxt_check_sniff(&OPS, cases, sizeof cases / sizeof cases[0],
                    "gigaword", h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_bodies),
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_trec_form),
        cmocka_unit_test(test_broken),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
