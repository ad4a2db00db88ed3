/*
 * Unit tests for indexer/reader_ninjs: the fixtures in fixtures/ninjs/
 * (a 1.x story, a 2.x update, a kill, non-text items, broken lines)
 * against their .expected files, the 1.x and 2.x field mapping, the
 * three file shapes (object, array, lines), and detection: ninjs ahead
 * of generic JSON Lines, which keeps everything else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "indexer/reader.h"
#include "wx_article.h"
#include "wx_input.h"
#include "tests/unit/wx_test_expected.h"

#include <stdio.h>
#include <string.h>

#define OPS wx_reader_ninjs

static void test_fixtures(void **state)
{
    (void)state;
    static const char *const files[] = {
        "fixtures/ninjs/story-1x.json",
        "fixtures/ninjs/update-2x.json",
        "fixtures/ninjs/kill-lines.jsonl",
        "fixtures/ninjs/non-text-array.json",
        "fixtures/ninjs/broken-lines.jsonl",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        wxt_check_file(&OPS, files[i], NULL);
}

/* 1.x keys before finish: what the reader itself takes. */
static void test_mapping_1x(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"uri\": \"u1\", \"guid\": \"g1\", \"type\": \"text\", "
        "\"version\": 2, \"versioncreated\": \"2024-01-02T03:04:05Z\", "
        "\"pubstatus\": \"withheld\", \"urgency\": 3, \"language\": \"de\","
        " \"copyrightholder\": \"dpa\", \"embargoed\": \"2024-01-03\", "
        "\"headline\": \"  H  one \", \"located\": \"BERLIN\", "
        "\"subject\": [{\"code\": \"medtop:1\"}, \"sport\", {\"name\": \"\"}],"
        " \"body_html\": \"<p>A <i>b</i>.</p><p></p><ul><li>c</li></ul>\"}";
    wx_article a;
    wxt_read_one(&OPS, doc, strlen(doc), &a);
    wxt_expect_str(a.id, "u1");
    wxt_expect_str(a.title, "H  one");
    wxt_expect_str(a.date, "2024-01-02T03:04:05Z");
    wxt_expect_str(a.dateline, "BERLIN");
    wxt_expect_str(a.agency, "dpa");
    wxt_expect_str(a.body, "A b.\nc");
    assert_int_equal(a.topics.n, 2);
    wxt_expect_str(a.topics.v[0], "medtop:1");
    wxt_expect_str(a.topics.v[1], "sport");
    wxt_expect_str(wx_article_meta(&a, "guid"), "g1");
    wxt_expect_str(wx_article_meta(&a, "version"), "2");
    wxt_expect_str(wx_article_meta(&a, "status"), "withheld");
    wxt_expect_str(wx_article_meta(&a, "urgency"), "3");
    wxt_expect_str(wx_article_meta(&a, "language"), "de");
    wxt_expect_str(wx_article_meta(&a, "embargoed"), "2024-01-03");
    wxt_expect_str(wx_article_meta(&a, "type"), "text");
    wx_article_reset(&a);
}

/* 2.x lists: the "main" role wins, else the first entry. */
static void test_mapping_2x(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"uri\": \"u2\", \"firstcreated\": \"2024-02-01\", "
        "\"versioncreated\": \"2024-02-02\", \"headlines\": ["
        "{\"role\": \"short\", \"value\": \"Short\"}, {\"role\": \"main\", "
        "\"value\": \"Main\"}], \"bodies\": [{\"contenttype\": "
        "\"text/plain\", \"value\": \"line one\\nline two\"}], "
        "\"places\": [{\"name\": \"Chile\"}], \"infosources\": "
        "[{\"name\": \"EFE\"}], \"bylines\": [{\"byline\": \"X\"}, "
        "{\"byline\": \"Y\"}]}";
    wx_article a;
    wxt_read_one(&OPS, doc, strlen(doc), &a);
    wxt_expect_str(a.title, "Main");
    wxt_expect_str(a.date, "2024-02-01");
    wxt_expect_str(a.body, "line one\nline two");
    wxt_expect_str(a.agency, "EFE");
    assert_int_equal(a.places.n, 1);
    wxt_expect_str(a.places.v[0], "Chile");
    wxt_expect_str(wx_article_meta(&a, "byline"), "X");
    wx_article_reset(&a);
}

/* Objects one after another, pretty-printed, with the right lines; a
 * non-text item is WX_ENOTEXT naming its type. */
static void test_shapes(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"uri\": \"a\",\n \"headline\": \"A\"}\n"
        "\n"
        "{\"uri\": \"p\", \"type\": \"picture\"}\n"
        "{\n  \"uri\": \"b\",\n  \"headline\": \"B\"\n}\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, doc, strlen(doc));
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.id, "a");
    assert_int_equal(a.src_line, 1);
    assert_int_equal(wxt_run_next(&r, &a), WX_ENOTEXT);
    assert_non_null(strstr(r.err.msg, "mem:4: ninjs item p of type "
                                      "picture"));
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.id, "b");
    assert_int_equal(a.src_line, 5);
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* Invalid UTF-8 is read as Latin-1, as elsewhere. */
static void test_latin1(void **state)
{
    (void)state;
    static const char doc[] = "{\"uri\": \"l\", \"headline\": \"M\xFCnchen\"}";
    wx_article a;
    wxt_read_one(&OPS, doc, strlen(doc), &a);
    wxt_expect_str(a.title, "M\xC3\xBCnchen");
    wx_article_reset(&a);
}

static void test_sniff(void **state)
{
    (void)state;
    static const wxt_sniff_case cases[] = {
        {"{\"uri\": \"x\", \"versioncreated\": \"2024\"}", 97, 97},
        {"[\n {\"guid\": \"x\", \"body_html\": \"<p>\"}", 97, 97},
        {"{\"$schema\": \"http://www.iptc.org/std/ninjs/ninjs-schema_2.0"
         ".json\", \"uri\": \"x\"}", 97, 97},
        /* generic JSON Lines and wiredex's own export stay with jsonl */
        {"{\"id\": 1, \"title\": \"t\", \"body\": \"b\"}", 0, 0},
        {"{\"id\": \"x\", \"meta\": {\"uri\": \"y\"}, \"date\": \"d\"}",
         0, 0},
        {"{\"uri\": \"x\", \"title\": \"no own key\"}", 0, 0},
        {"{\"text\": \"versioncreated\"}", 0, 0},
        {"<nitf>", 0, 0},
        {"", 0, 0},
    };
    static const char head[] = "{\"uri\": \"x\", \"pubstatus\": \"usable\"}";
    wxt_check_sniff(&OPS, cases, sizeof cases / sizeof cases[0], "ninjs",
                    head);
    /* and the generic reader still gets generic lines */
    static const char plain[] = "{\"id\": 1, \"title\": \"t\"}\n";
    assert_ptr_equal(wx_reader_detect(plain, strlen(plain)),
                     &wx_reader_jsonl);
}

/* Junk with framing bytes: ends, says why, never crashes. */
static void test_junk(void **state)
{
    (void)state;
    wxt_check_junk(&OPS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_mapping_1x),
        cmocka_unit_test(test_mapping_2x),
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_latin1),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_junk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
