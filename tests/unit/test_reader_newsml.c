/*
 * Unit tests for indexer/reader_newsml: the fixtures in fixtures/newsml/
 * against their .expected files, the NewsML-G2 field mapping (version,
 * status, slug, subjects, located, credit), newsMessage wrappers with
 * other item kinds, namespace prefixes, plain-text bodies, and hostile
 * or broken XML.
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
#include <time.h>
#include <unistd.h>

#define OPS wx_reader_newsml
#define NAR "xmlns=\"http://iptc.org/std/nar/2006-10-01/\""

static void read_one(const char *text, wx_article *a)
{
    wxt_read_one(&OPS, text, strlen(text), a);
}

static void check_meta(const wx_article *a, const char *key,
                       const char *want)
{
    const char *v = wx_article_meta(a, key);
    if (want == NULL ? v != NULL : v == NULL || strcmp(v, want) != 0)
        fail_msg("meta %s: \"%s\", want \"%s\"", key, v ? v : "(none)",
                 want ? want : "(none)");
}

static void test_fixtures(void **state)
{
    (void)state;
    static const char *const files[] = {
        "fixtures/newsml/ap-20230202-senate-vote.xml",
        "fixtures/newsml/reuters-20230504-ecb-rates.xml",
        "fixtures/newsml/afp-20231120-argentina-election.xml",
        "fixtures/newsml/malformed-unclosed.xml",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        wxt_check_file(&OPS, files[i], NULL);
}

static void test_full_mapping(void **state)
{
    (void)state;
    static const char doc[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<newsItem " NAR " guid=\"urn:newsml:efe.com:20210720:42\"\n"
        "    version=\"5\" standard=\"NewsML-G2\">\n"
        " <rightsInfo><copyrightHolder literal=\"Agencia EFE\"/>"
        "</rightsInfo>\n"
        " <itemMeta>\n"
        "  <itemClass qcode=\"ninat:text\"/>\n"
        "  <provider qcode=\"nprov:EFE\"/>\n"
        "  <versionCreated>2021-07-20T09:00:00Z</versionCreated>\n"
        "  <firstCreated>2021-07-20T08:00:00Z</firstCreated>\n"
        "  <pubStatus qcode=\"stat:canceled\"/>\n"
        "  <signal qcode=\"sig:update\"/>\n"
        "  <edNote>Corrects  the\n  toll</edNote>\n"
        " </itemMeta>\n"
        " <contentMeta>\n"
        "  <urgency>2</urgency>\n"
        "  <contentCreated>2021-07-20T07:59:00+08:00</contentCreated>\n"
        "  <located qcode=\"geo:1816670\"><name>Beijing</name>"
        "<broader><name>China</name></broader></located>\n"
        "  <subject type=\"cpnat:abstract\" qcode=\"medtop:02000000\">"
        "<name xml:lang=\"en\">crime</name><name xml:lang=\"es\">crimen"
        "</name></subject>\n"
        "  <subject type=\"cpnat:geoArea\" qcode=\"iso3166-1a2:CN\">"
        "<name>China</name></subject>\n"
        "  <subject qcode=\"medtop:1\"/>\n"
        "  <keyword>cyber</keyword><keyword>hacking</keyword>\n"
        "  <slugline>CHINA-CYBER</slugline>\n"
        "  <headline> China denies\n hacking claims </headline>\n"
        "  <by>By <b>Li</b> Wei</by>\n"
        "  <dateline>Beijing, Jul 20 (EFE).-</dateline>\n"
        " </contentMeta>\n"
        " <contentSet>\n"
        "  <inlineXML contenttype=\"application/xhtml+xml\">\n"
        "   <html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>No"
        "</title></head><body>\n"
        "    <h1>Sub head</h1><p>One\n two.</p><ul><li>Item</li></ul>"
        "<p/><p>Three &amp; four.</p>\n"
        "   </body></html>\n"
        "  </inlineXML>\n"
        "  <inlineData contenttype=\"text/plain\">not used</inlineData>\n"
        " </contentSet>\n"
        "</newsItem>\n";
    wx_article a;
    read_one(doc, &a);
    assert_string_equal(a.id, "urn:newsml:efe.com:20210720:42");
    assert_string_equal(a.title, "China denies hacking claims");
    assert_string_equal(a.agency, "EFE");
    assert_string_equal(a.dateline, "Beijing");
    assert_string_equal(a.date, "2021-07-20T07:59:00+08:00");
    assert_string_equal(a.body, "Sub head\nOne two.\nItem\nThree & four.");
    assert_int_equal(a.topics.n, 1);
    assert_string_equal(a.topics.v[0], "crime");
    assert_int_equal(a.places.n, 1);
    assert_string_equal(a.places.v[0], "China");
    check_meta(&a, "version", "5");
    check_meta(&a, "status", "stat:canceled");
    check_meta(&a, "item_class", "ninat:text");
    check_meta(&a, "signal", "sig:update");
    check_meta(&a, "ed_note", "Corrects the toll");
    check_meta(&a, "version_created", "2021-07-20T09:00:00Z");
    check_meta(&a, "urgency", "2");
    check_meta(&a, "keyword", "cyber");
    check_meta(&a, "slug", "CHINA-CYBER");
    check_meta(&a, "byline", "By Li Wei");
    check_meta(&a, "dateline_text", "Beijing, Jul 20 (EFE).-");
    /* libxml2 numbers an element by the line its start tag ends on. */
    assert_int_equal(a.src_line, 3);
    wx_article_reset(&a);
}

/* Fallbacks for agency, date and dateline, one row each. */
static const struct fallback_case {
    const char *item_meta, *content_meta, *rights;
    const char *agency, *date, *dateline;
} fallbacks[] = {
    {"<provider qcode=\"nprov:AFP\"/>", "<creditline>dpa</creditline>", "",
     "dpa", NULL, NULL},
    {"<provider literal=\"Reuters\" qcode=\"nprov:REU\"/>", "", "",
     "Reuters", NULL, NULL},
    {"<provider><name>Kyodo News</name></provider>", "", "",
     "Kyodo News", NULL, NULL},
    {"<provider qcode=\"XINHUA\"/>", "", "", "XINHUA", NULL, NULL},
    {"", "<dateline>TOKYO, Jan. 5 (Kyodo) --</dateline>",
     "<copyrightHolder literal=\"X\"/>", "Kyodo", NULL, "TOKYO"},
    {"", "", "<copyrightHolder><name>The AP</name></copyrightHolder>",
     "The AP", NULL, NULL},
    {"<firstCreated>2020-01-02</firstCreated><versionCreated>2020-01-03"
     "</versionCreated>", "", "", NULL, "2020-01-02", NULL},
    {"<versionCreated>2020-01-03</versionCreated>", "", "", NULL,
     "2020-01-03", NULL},
    {"", "<located><name>Lima</name></located><dateline>CUZCO</dateline>",
     "", NULL, NULL, "Lima"},
};

static void test_fallbacks(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
        const struct fallback_case *c = &fallbacks[i];
        char doc[2048];
        snprintf(doc, sizeof doc, "<newsItem " NAR " guid=\"g\"><rightsInfo>"
                 "%s</rightsInfo><itemMeta>%s</itemMeta><contentMeta>%s"
                 "<headline>H</headline></contentMeta></newsItem>",
                 c->rights, c->item_meta, c->content_meta);
        wx_article a;
        read_one(doc, &a);
#define CHECK(field)                                                        \
        if (c->field == NULL ? a.field != NULL                              \
            : a.field == NULL || strcmp(a.field, c->field) != 0)            \
            fail_msg("case %zu: " #field " \"%s\", want \"%s\"", i,         \
                     a.field ? a.field : "(null)",                          \
                     c->field ? c->field : "(null)");
        CHECK(agency) CHECK(date) CHECK(dateline)
#undef CHECK
        assert_string_equal(a.title, "H");
        assert_null(a.body);
        wx_article_reset(&a);
    }
}

/* A newsMessage: items in order with their lines; other item kinds are
 * reported, not dropped silently; prefixed namespaces work. */
static void test_news_message(void **state)
{
    (void)state;
    static const char doc[] =
        "<?xml version=\"1.0\"?>\n"
        "<nar:newsMessage xmlns:nar=\"http://iptc.org/std/nar/2006-10-01/\">"
        "\n <nar:header><nar:sent>2023-01-01T00:00:00Z</nar:sent>"
        "</nar:header>\n"
        " <nar:itemSet>\n"
        "  <nar:newsItem guid=\"one\" version=\"1\"><nar:contentMeta>"
        "<nar:headline>First</nar:headline></nar:contentMeta>"
        "</nar:newsItem>\n"
        "  <nar:packageItem guid=\"pkg\"/>\n"
        "  <nar:newsItem guid=\"two\" version=\"2\">\n"
        "   <nar:contentMeta><nar:headline>Second</nar:headline>"
        "</nar:contentMeta>\n"
        "  </nar:newsItem>\n"
        "  <nar:conceptItem guid=\"c\"/>\n"
        " </nar:itemSet>\n"
        "</nar:newsMessage>\n";
    static const struct {
        wx_status st;
        const char *id;
        long line;
    } want[] = {
        {WX_OK, "one", 5}, {WX_ENOTEXT, "packageItem", 6},
        {WX_OK, "two", 7}, {WX_ENOTEXT, "conceptItem", 10},
        {WX_EOF, NULL, 0},
    };
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, doc, sizeof doc - 1);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        wx_status st = wxt_run_next(&r, &a);
        if (st != want[i].st)
            fail_msg("step %zu: %s %s", i, wx_status_str(st), r.err.msg);
        if (st == WX_OK) {
            assert_string_equal(a.id, want[i].id);
            assert_int_equal(a.src_line, want[i].line);
        } else if (st == WX_ENOTEXT) {
            char prefix[32];
            snprintf(prefix, sizeof prefix, "mem:%ld: ", want[i].line);
            if (strncmp(r.err.msg, prefix, strlen(prefix)) != 0 ||
                strstr(r.err.msg, want[i].id) == NULL)
                fail_msg("step %zu: \"%s\"", i, r.err.msg);
        }
    }
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* Only text items are articles; every other class is WX_ENOTEXT with
 * the class in the message; fragments outside items too. */
static void test_item_classes(void **state)
{
    (void)state;
    static const struct {
        const char *doc;
        wx_status st;
        const char *msg;
    } cases[] = {
        {"<newsItem " NAR " guid=\"p\"><itemMeta><itemClass qcode="
         "\"ninat:picture\"/></itemMeta><contentMeta><headline>Photo"
         "</headline></contentMeta></newsItem>", WX_ENOTEXT,
         "mem:1: <newsItem> of class ninat:picture holds no article text"},
        {"<newsItem " NAR " guid=\"v\"><itemMeta><itemClass qcode="
         "\"ninat:video\"/></itemMeta></newsItem>", WX_ENOTEXT,
         "of class ninat:video"},
        {"<packageItem " NAR " guid=\"k\"><itemMeta><itemClass qcode="
         "\"ninat:composite\"/></itemMeta></packageItem>", WX_ENOTEXT,
         "<packageItem> of class ninat:composite"},
        {"<planningItem " NAR " guid=\"l\"/>", WX_ENOTEXT,
         "<planningItem> of class (none)"},
        {"<groupSet root=\"G1\"><group id=\"G1\"/></groupSet>", WX_ENOTEXT,
         "NewsML-G2 fragment <groupSet> outside any item"},
        {"<newsItem " NAR " guid=\"t\"><itemMeta><itemClass qcode="
         "\"text\"/><title>Item title</title></itemMeta></newsItem>",
         WX_OK, NULL},
        {"<newsItem " NAR " guid=\"u\"><contentMeta><headline>No class"
         "</headline></contentMeta></newsItem>", WX_OK, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wxt_run r;
        wx_article a;
        wx_article_init(&a);
        wxt_run_open(&r, &OPS, cases[i].doc, strlen(cases[i].doc));
        wx_status st = wxt_run_next(&r, &a);
        if (st != cases[i].st)
            fail_msg("case %zu: %s %s", i, wx_status_str(st), r.err.msg);
        if (cases[i].msg != NULL && strstr(r.err.msg, cases[i].msg) == NULL)
            fail_msg("case %zu: \"%s\"", i, r.err.msg);
        if (st == WX_OK && a.title == NULL)
            fail_msg("case %zu: no title", i);
        wx_article_reset(&a);
        wxt_run_close(&r);
    }
}

/* inlineData: blank lines separate paragraphs; without any, lines do. */
static void test_plain_body(void **state)
{
    (void)state;
    static const struct {
        const char *data, *body;
    } cases[] = {
        {"\n  First para\n  wrapped here.\n\n  Second.\n\n\n  Third.\n",
         "First para wrapped here.\nSecond.\nThird."},
        {"Line one\nLine two\r\n  Line three  ", "Line one\nLine two\n"
         "Line three"},
        {"<![CDATA[A <raw> line\n\nB & C]]>", "A <raw> line\nB & C"},
        {"   \n  ", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char doc[1024];
        snprintf(doc, sizeof doc, "<newsItem " NAR " guid=\"g\"><contentMeta>"
                 "<headline>H</headline></contentMeta><contentSet>"
                 "<inlineData contenttype=\"text/plain\">%s</inlineData>"
                 "</contentSet></newsItem>", cases[i].data);
        wx_article a;
        read_one(doc, &a);
        if (cases[i].body == NULL ? a.body != NULL
            : a.body == NULL || strcmp(a.body, cases[i].body) != 0)
            fail_msg("case %zu: body \"%s\"", i, a.body ? a.body : "(null)");
        wx_article_reset(&a);
    }
}

static void test_malformed(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        long line;
    } cases[] = {
        {"<?xml version=\"1.0\"?>\n<newsItem " NAR " guid=\"g\">\n"
         "<contentMeta>\n<headline>cut", 4},
        {"<newsItem guid=\"g\"><itemMeta></newsItem>", 1},
        {"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1},
        {"<?xml version=\"1.0\"?>\n<catalog/>\n", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wxt_run r;
        wx_article a;
        wx_article_init(&a);
        size_t n = i == 2 ? 16 : strlen(cases[i].text);
        wxt_run_open(&r, &OPS, cases[i].text, n);
        wx_status st = wxt_run_next(&r, &a);
        if (st != WX_EFORMAT)
            fail_msg("case %zu: %s", i, wx_status_str(st));
        char prefix[32];
        snprintf(prefix, sizeof prefix, "mem:%ld: ", cases[i].line);
        if (strncmp(r.err.msg, prefix, strlen(prefix)) != 0)
            fail_msg("case %zu: \"%s\"", i, r.err.msg);
        assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
        wxt_run_close(&r);
    }
}

/* The entity bomb and an external entity, through this reader too. */
static void test_hostile(void **state)
{
    (void)state;
    char doc[4096];
    size_t n = (size_t)snprintf(doc, sizeof doc, "<!DOCTYPE newsItem [\n"
                                " <!ENTITY a0 \"ha\">\n");
    for (int i = 1; i <= 12; i++) {
        n += (size_t)snprintf(doc + n, sizeof doc - n, " <!ENTITY a%d \"", i);
        for (int k = 0; k < 10; k++)
            n += (size_t)snprintf(doc + n, sizeof doc - n, "&a%d;", i - 1);
        n += (size_t)snprintf(doc + n, sizeof doc - n, "\">\n");
    }
    n += (size_t)snprintf(doc + n, sizeof doc - n,
                          " <!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
                          "<newsItem guid=\"g\"><contentMeta><headline>&x;"
                          "&a12;</headline></contentMeta></newsItem>\n");
    clock_t t0 = clock();
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, doc, n);
    wx_status st = wxt_run_next(&r, &a);
    if (st == WX_OK) {
        assert_true(a.title == NULL || strlen(a.title) < 100);
        assert_true(a.title == NULL || strstr(a.title, "root") == NULL);
    } else {
        assert_int_equal(st, WX_EFORMAT);
        assert_true(wxt_msg_ok(r.err.msg, "mem"));
    }
    wx_article_reset(&a);
    wxt_run_close(&r);
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
}

static void test_sniff(void **state)
{
    (void)state;
    static const wxt_sniff_case cases[] = {
        {"<?xml version=\"1.0\"?>\n<newsItem " NAR ">", 95, 95},
        {"<?xml version=\"1.0\"?>\n<!-- feed -->\n<newsMessage " NAR ">",
         95, 95},
        {"<nar:newsItem xmlns:nar=\"x\">", 95, 95},
        {"<feed><entry><newsItem>", 60, 60},
        {"<newsItemx>", 0, 0},
        {"<planningItem " NAR ">", 95, 95},
        {"<groupSet root=\"G1\">", 95, 95},
        {"<contentSet xmlns=\"http://iptc.org/std/nar/2006-10-01/\">", 50,
         50},
        {"<?xml version=\"1.0\"?>\n<nitf>", 0, 0},
        {"{\"id\": 1}", 0, 0},
        {"", 0, 0},
    };
    static const char head[] = "<?xml version=\"1.0\"?>\n<newsItem>";
    wxt_check_sniff(&OPS, cases, sizeof cases / sizeof cases[0],
                    "newsml", head);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_full_mapping),
        cmocka_unit_test(test_fallbacks),
        cmocka_unit_test(test_news_message),
        cmocka_unit_test(test_item_classes),
        cmocka_unit_test(test_plain_body),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
