/*
 * Unit tests for indexer/reader_newsml1: the fixtures in
 * fixtures/newsml1/ (a story in NITF, an update in XHTML, a kill in
 * plain text, items without text, broken XML) against their .expected
 * files; several NewsItems in one document, the Main role, the fields
 * the reader takes before finish, and detection against NewsML-G2.
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

#define OPS wx_reader_newsml1

static void test_fixtures(void **state)
{
    (void)state;
    static const char *const files[] = {
        "fixtures/newsml1/story-nitf.xml",
        "fixtures/newsml1/update-xhtml.xml",
        "fixtures/newsml1/kill-plain.xml",
        "fixtures/newsml1/photo-and-refs.xml",
        "fixtures/newsml1/broken-unclosed.xml",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        wxt_check_file(&OPS, files[i], NULL);
}

#define ITEM(id, extra)                                                    \
    "<NewsItem><Identification><NewsIdentifier><PublicIdentifier>" id     \
    "</PublicIdentifier></NewsIdentifier></Identification>" extra         \
    "</NewsItem>\n"

/* Items in order; the Main component's text wins over an earlier one;
 * without the three id parts the PublicIdentifier is the id. */
static void test_items(void **state)
{
    (void)state;
    static const char doc[] =
        "<NewsML>\n"
        ITEM("urn:a", "<NewsComponent><NewsLines><HeadLine>A</HeadLine>"
             "<ByLine>By X</ByLine><KeywordLine>k1</KeywordLine>"
             "<KeywordLine>k2</KeywordLine></NewsLines>"
             "<NewsComponent><Role FormalName=\"Sidebar\"/><ContentItem>"
             "<MediaType FormalName=\"Text\"/><DataContent>side"
             "</DataContent></ContentItem></NewsComponent>"
             "<NewsComponent><Role FormalName=\"Main\"/><ContentItem>"
             "<MediaType FormalName=\"Text\"/><DataContent>main text"
             "</DataContent></ContentItem></NewsComponent>"
             "</NewsComponent>")
        ITEM("urn:v", "<NewsComponent><ContentItem><MediaType "
             "FormalName=\"Video\"/></ContentItem><ContentItem><MediaType "
             "FormalName=\"Audio\"/></ContentItem></NewsComponent>")
        ITEM("urn:b", "<NewsComponent><NewsLines><HeadLine>B</HeadLine>"
             "</NewsLines><ContentItem><DataContent><p>one</p><p>two</p>"
             "</DataContent></ContentItem></NewsComponent>")
        "</NewsML>\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, doc, strlen(doc));
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.id, "urn:a");
    wxt_expect_str(a.title, "A");
    wxt_expect_str(a.body, "main text");
    wxt_expect_str(wx_article_meta(&a, "byline"), "By X");
    wxt_expect_str(wx_article_meta(&a, "keyword"), "k1");
    assert_int_equal(a.src_line, 2);
    assert_int_equal(wxt_run_next(&r, &a), WX_ENOTEXT);
    assert_non_null(strstr(r.err.msg, "mem:3: <NewsItem> of Video, Audio "
                                      "holds no article text"));
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.id, "urn:b");
    wxt_expect_str(a.body, "one\ntwo");
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* The NITF inside fills only what NewsML left empty. */
static void test_nitf_inside(void **state)
{
    (void)state;
    static const char doc[] =
        "<NewsML>" ITEM("urn:n", "<NewsComponent><NewsLines><HeadLine>"
        "Outer</HeadLine></NewsLines><ContentItem><DataContent><nitf>"
        "<head><docdata><doc-id id-string=\"inner\"/></docdata></head>"
        "<body><body.head><hedline><hl1>Inner</hl1></hedline>"
        "<distributor>EFE</distributor></body.head><body.content>"
        "<p>Body.</p></body.content></body></nitf></DataContent>"
        "</ContentItem></NewsComponent>") "</NewsML>";
    wx_article a;
    wxt_read_one(&OPS, doc, strlen(doc), &a);
    wxt_expect_str(a.id, "urn:n");
    wxt_expect_str(a.title, "Outer");
    wxt_expect_str(a.agency, "EFE");
    wxt_expect_str(a.body, "Body.");
    wx_article_reset(&a);
}

static void test_sniff(void **state)
{
    (void)state;
    static const wxt_sniff_case cases[] = {
        {"<?xml version=\"1.0\"?>\n<NewsML Version=\"1.2\">", 95, 95},
        {"<!DOCTYPE NewsML SYSTEM \"NewsML_1.2.dtd\">\n<NewsML>", 95, 95},
        {"<NewsItem>", 95, 95},
        {"<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">", 0, 0},
        {"<nitf>", 0, 0},
        {"", 0, 0},
    };
    static const char head[] = "<?xml version=\"1.0\"?>\n<NewsML>"
                               "<NewsItem><nitf>";
    wxt_check_sniff(&OPS, cases, sizeof cases / sizeof cases[0], "newsml1",
                    head);
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
        cmocka_unit_test(test_items),
        cmocka_unit_test(test_nitf_inside),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_junk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
