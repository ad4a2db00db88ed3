/*
 * Unit tests for indexer/reader_nitf: the fixtures in fixtures/nitf/
 * against their .expected files, the field mapping and its fallbacks,
 * several documents per file, and hostile XML: entity bombs, external
 * entities that must never be read, truncation, junk, invalid UTF-8.
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

#define OPS wx_reader_nitf

/* Read text expecting exactly one article, into *a (caller resets). */
static void read_one(const char *text, wx_article *a)
{
    wxt_read_one(&OPS, text, strlen(text), a);
}

static void test_fixtures(void **state)
{
    (void)state;
    static const char *const files[] = {
        "fixtures/nitf/efe-20210720-mexico-quake.xml",
        "fixtures/nitf/ap-20230315-denver-water.xml",
        "fixtures/nitf/afp-20240203-nairobi-rains.xml",
        "fixtures/nitf/malformed-unclosed.xml",
        "fixtures/nitf/dpa-20240310-bundesliga-table.xml",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        wxt_check_file(&OPS, files[i], NULL);
}

/* Everything the mapping reads, before finish. */
static void test_full_mapping(void **state)
{
    (void)state;
    static const char doc[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!-- a comment first -->\n"
        "<nitf version=\"-//IPTC//DTD NITF 3.6//EN\">\n"
        " <head>\n"
        "  <title>Head title</title>\n"
        "  <meta name=\"slugline\" content=\"QUAKE-MEXICO\"/>\n"
        "  <meta name=\"version\" content=\"not-this\"/>\n"
        "  <tobject tobject.type=\"news\">\n"
        "   <tobject.subject tobject.subject.type=\"Disaster\"\n"
        "     tobject.subject.matter=\"earthquake\"/>\n"
        "   <tobject.subject tobject.subject.type=\"disaster\"/>\n"
        "  </tobject>\n"
        "  <docdata management-status=\"usable\">\n"
        "   <correction info=\"corrects magnitude\"/>\n"
        "   <evloc city=\"Acapulco\" state-prov=\"Guerrero\" "
        "country=\"Mexico\"/>\n"
        "   <evloc iso-cc=\"GT\"/>\n"
        "   <doc-id regsrc=\"EFE\" id-string=\"EFE-1\"/>\n"
        "   <urgency ed-urg=\"2\"/>\n"
        "   <date.issue norm=\"20210720T083000Z\"/>\n"
        "   <ed-msg info=\"Adds quote\"/>\n"
        "   <du-key generation=\"3\" version=\"4\" key=\"mexico-quake\"/>\n"
        "   <doc.copyright holder=\"Agencia EFE\"/>\n"
        "   <key-list><keyword key=\"quake\"/><keyword key=\"Mexico\"/>"
        "</key-list>\n"
        "  </docdata>\n"
        " </head>\n"
        " <body>\n"
        "  <body.head>\n"
        "   <hedline><hl1>  Quake\n   shakes &amp; rattles </hl1>"
        "<hl2>Sub</hl2></hedline>\n"
        "   <byline>By <person>Ana Ruiz</person>, <byttl>EFE</byttl>"
        "</byline>\n"
        "   <distributor>EFE</distributor>\n"
        "   <dateline><location><city>MEXICO CITY</city>"
        "<country>Mexico</country></location>, <story.date>Jul 20"
        "</story.date></dateline>\n"
        "   <abstract><p>Short version.</p></abstract>\n"
        "  </body.head>\n"
        "  <body.content>\n"
        "   <p>First  paragraph,\n   wrapped.</p>\n"
        "   <block><p>In a <em>block</em>.</p><p>  </p></block>\n"
        "   <p><![CDATA[Raw <data> & more]]></p>\n"
        "   <table><tr><td>not a paragraph</td></tr></table>\n"
        "  </body.content>\n"
        "  <body.end><tagline>EFE</tagline></body.end>\n"
        " </body>\n"
        "</nitf>\n";
    wx_article a;
    read_one(doc, &a);
    assert_string_equal(a.id, "EFE-1");
    assert_string_equal(a.title, "Quake shakes & rattles");
    assert_string_equal(a.agency, "EFE");
    assert_string_equal(a.dateline, "MEXICO CITY");
    assert_string_equal(a.date, "20210720T083000Z");
    assert_string_equal(a.body, "First paragraph, wrapped.\nIn a block.\n"
                                "Raw <data> & more\nnot a paragraph");
    assert_int_equal(a.topics.n, 2);
    assert_string_equal(a.topics.v[0], "Disaster");
    assert_string_equal(a.topics.v[1], "earthquake");
    assert_int_equal(a.places.n, 4);
    assert_string_equal(a.places.v[0], "Mexico");
    assert_string_equal(a.places.v[1], "Guerrero");
    assert_string_equal(a.places.v[2], "Acapulco");
    assert_string_equal(a.places.v[3], "GT");
    static const char *const meta[][2] = {
        {"version", "4"}, {"slug", "mexico-quake"}, {"generation", "3"},
        {"regsrc", "EFE"}, {"status", "usable"}, {"type", "news"},
        {"urgency", "2"}, {"ed_msg", "Adds quote"},
        {"correction", "corrects magnitude"}, {"copyright", "Agencia EFE"},
        {"keyword", "quake"}, {"subtitle", "Sub"},
        {"byline", "By Ana Ruiz, EFE"}, {"abstract", "Short version."},
        {"slugline", "QUAKE-MEXICO"},
    };
    for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++) {
        const char *v = wx_article_meta(&a, meta[i][0]);
        if (v == NULL || strcmp(v, meta[i][1]) != 0)
            fail_msg("meta %s: \"%s\", want \"%s\"", meta[i][0],
                     v ? v : "(none)", meta[i][1]);
    }
    assert_null(wx_article_meta(&a, "dateline_text"));
    assert_int_equal(a.src_line, 3);
    wx_article_reset(&a);
}

/* Fallbacks, one table row per source of a field. */
static const struct fallback_case {
    const char *head, *bodyhead;
    const char *id, *title, *agency, *dateline, *date;
} fallbacks[] = {
    /* head/title when there is no hl1; uno when there is no doc-id */
    {"<title>Head title</title>", "", "urn:x", "Head title", NULL, NULL,
     NULL},
    /* agency from the dateline text */
    {"", "<dateline>Bogota, 15 feb (EFE).-</dateline>", "urn:x", NULL,
     "EFE", "Bogota", NULL},
    /* dateline agency comes before the copyright holder */
    {"<docdata><doc.copyright holder=\"Someone\"/></docdata>",
     "<dateline>PARIS (AFP) -</dateline>", "urn:x", NULL, "AFP", "PARIS",
     NULL},
    {"<docdata><doc.copyright holder=\"Agencia EFE\"/>"
     "<doc-id regsrc=\"XYZ\" id-string=\"D1\"/></docdata>"
     "<pubdata name=\"Paper\"/>", "", "D1", NULL, "Agencia EFE", NULL, NULL},
    {"<docdata><doc-id regsrc=\"XYZ\"/></docdata><pubdata name=\"P\"/>", "",
     "urn:x", NULL, "XYZ", NULL, NULL},
    {"<pubdata name=\"The Paper\" date.publication=\"20200101T000000\"/>",
     "", "urn:x", NULL, "The Paper", NULL, "20200101T000000"},
    /* dates: date.issue, story.date@norm, story.date text */
    {"<docdata><date.issue norm=\"20210101\"/></docdata>",
     "<dateline><story.date norm=\"20200202\">Feb 2</story.date></dateline>",
     "urn:x", NULL, NULL, NULL, "20210101"},
    {"", "<dateline><story.date norm=\"20200202\">Feb 2</story.date>"
     "</dateline>", "urn:x", NULL, NULL, NULL, "20200202"},
    {"", "<dateline><story.date>July 4, 2023</story.date></dateline>",
     "urn:x", NULL, NULL, NULL, "July 4, 2023"},
};

static void test_fallbacks(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
        const struct fallback_case *c = &fallbacks[i];
        char doc[2048];
        snprintf(doc, sizeof doc, "<nitf uno=\"urn:x\"><head>%s</head><body>"
                 "<body.head>%s</body.head><body.content><p>Text.</p>"
                 "</body.content></body></nitf>", c->head, c->bodyhead);
        wx_article a;
        read_one(doc, &a);
#define CHECK(field)                                                        \
        if (c->field == NULL ? a.field != NULL                              \
            : a.field == NULL || strcmp(a.field, c->field) != 0)            \
            fail_msg("case %zu: " #field " \"%s\", want \"%s\"", i,         \
                     a.field ? a.field : "(null)",                          \
                     c->field ? c->field : "(null)");
        CHECK(id) CHECK(title) CHECK(agency) CHECK(dateline) CHECK(date)
#undef CHECK
        assert_string_equal(a.body, "Text.");
        wx_article_reset(&a);
    }
}

/* Several documents per file: concatenated with declarations, glued on
 * one line, or inside a wrapper; a bad one among good ones. */
static void test_several(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *ids;        /* expected, "-" for a skipped record */
        long lines[4];
    } cases[] = {
        {"<?xml version=\"1.0\"?>\n<nitf><head><docdata><doc-id "
         "id-string=\"A\"/></docdata></head></nitf>\n<?xml version=\"1.0\"?>"
         "\n\n<nitf><head><docdata><doc-id id-string=\"B\"/></docdata></head>"
         "</nitf>\n", "AB", {2, 5}},
        {"<nitf uno=\"A\"/><nitf uno=\"B\"/>\n<nitf uno=\"C\"/>", "ABC",
         {1, 1, 2}},
        {"<nitf-set>\n <nitf uno=\"A\"/>\n <other><nitf uno=\"B\"/></other>"
         "\n</nitf-set>", "AB", {2, 3}},
        {"<?xml version=\"1.0\"?>\n<nitf uno=\"A\"><p></nitf>\n"
         "<?xml version=\"1.0\"?>\n<nitf uno=\"B\"/>\n", "-B", {2, 4}},
        {"<wrapper><item/></wrapper>\n", "-", {1}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wxt_run r;
        wx_article a;
        wx_article_init(&a);
        wxt_run_open(&r, &OPS, cases[i].text, strlen(cases[i].text));
        for (size_t k = 0; cases[i].ids[k] != '\0'; k++) {
            wx_status st = wxt_run_next(&r, &a);
            if (cases[i].ids[k] == '-') {
                if (st != WX_EFORMAT)
                    fail_msg("case %zu.%zu: %s", i, k, wx_status_str(st));
                char prefix[32];
                snprintf(prefix, sizeof prefix, "mem:%ld: ",
                         cases[i].lines[k]);
                if (strncmp(r.err.msg, prefix, strlen(prefix)) != 0)
                    fail_msg("case %zu.%zu: \"%s\"", i, k, r.err.msg);
                continue;
            }
            if (st != WX_OK)
                fail_msg("case %zu.%zu: %s %s", i, k, wx_status_str(st),
                         r.err.msg);
            char id[2] = {cases[i].ids[k], '\0'};
            assert_string_equal(a.id, id);
            assert_int_equal(a.src_line, cases[i].lines[k]);
        }
        assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
        wx_article_reset(&a);
        wxt_run_close(&r);
    }
}

/* Malformed input: one skip with "file:line: reason", never a crash. */
static void test_malformed(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        long line;
        const char *reason;
    } cases[] = {
        {"<?xml version=\"1.0\"?>\n<nitf>\n<head>\n<title>cut", 4,
         "malformed XML"},
        {"<nitf><head></nitf>", 1, "mismatch"},
        {"not xml at all\n", 1, "malformed XML"},
        {"<nitf>\n&undeclared;</nitf>", 2, "undeclared"},
        {"<nitf a=\"1\" a=\"2\"/>", 1, "malformed XML"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wxt_run r;
        wx_article a;
        wx_article_init(&a);
        wxt_run_open(&r, &OPS, cases[i].text, strlen(cases[i].text));
        wx_status st = wxt_run_next(&r, &a);
        if (st != WX_EFORMAT)
            fail_msg("case %zu: %s", i, wx_status_str(st));
        char prefix[32];
        snprintf(prefix, sizeof prefix, "mem:%ld: ", cases[i].line);
        if (strncmp(r.err.msg, prefix, strlen(prefix)) != 0 ||
            strstr(r.err.msg, cases[i].reason) == NULL)
            fail_msg("case %zu: \"%s\"", i, r.err.msg);
        assert_null(a.id);
        assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
        wxt_run_close(&r);
    }
}

/* A fixture cut at every 97th byte: skips or articles, never a crash. */
static void test_truncated_fixture(void **state)
{
    (void)state;
    FILE *f = fopen("fixtures/nitf/efe-20210720-mexico-quake.xml", "rb");
    assert_non_null(f);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_true(n > 1000);
    for (size_t cut = 1; cut < n - 10; cut += 97) {
        wxt_run r;
        wx_article a;
        wx_article_init(&a);
        wxt_run_open(&r, &OPS, buf, cut);
        wx_status st = wxt_run_next(&r, &a);
        assert_int_equal(st, WX_EFORMAT);
        assert_true(wxt_msg_ok(r.err.msg, "mem"));
        assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
        wxt_run_close(&r);
    }
}

static void test_junk(void **state)
{
    (void)state;
    unsigned char junk[4096];
    wxt_junk_xorshift(junk, sizeof junk, 88172645u);
    memcpy(junk, "<nitf>", 6);
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, junk, sizeof junk);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_true(wxt_msg_ok(r.err.msg, "mem"));
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wxt_run_close(&r);
}

/* Billion laughs: refused quickly, in element text and in attributes. */
static void test_billion_laughs(void **state)
{
    (void)state;
    char doc[4096];
    size_t n = (size_t)snprintf(doc, sizeof doc,
                                "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n"
                                " <!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
        n += (size_t)snprintf(doc + n, sizeof doc - n, " <!ENTITY lol%d \"",
                              i);
        for (int k = 0; k < 10; k++)
            n += (size_t)snprintf(doc + n, sizeof doc - n, "&lol%.0d;",
                                  i - 1);
        n += (size_t)snprintf(doc + n, sizeof doc - n, "\">\n");
    }
    size_t prefix = n;
    static const char *const uses[] = {
        "]>\n<nitf><head><title>&lol9;</title></head></nitf>\n",
        "]>\n<nitf uno=\"&lol9;\"><head><title>t</title></head></nitf>\n",
    };
    for (size_t i = 0; i < sizeof uses / sizeof uses[0]; i++) {
        n = prefix + (size_t)snprintf(doc + prefix, sizeof doc - prefix,
                                      "%s", uses[i]);
        clock_t t0 = clock();
        wxt_run r;
        wx_article a;
        wx_article_init(&a);
        wxt_run_open(&r, &OPS, doc, n);
        wx_status st = wxt_run_next(&r, &a);
        if (st == WX_OK) {  /* only acceptable with nothing expanded */
            assert_true(a.title == NULL || strlen(a.title) < 100);
            assert_true(a.id == NULL || strlen(a.id) < 100);
        } else {
            assert_int_equal(st, WX_EFORMAT);
            assert_true(wxt_msg_ok(r.err.msg, "mem"));
        }
        wx_article_reset(&a);
        wxt_run_close(&r);
        assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
    }
}

/* One big entity used many times: bounded by the body limit. */
static void test_quadratic_blowup(void **state)
{
    (void)state;
    size_t ent = 100000, refs = 2000;
    size_t cap = ent + 4 * refs + 512;
    char *doc = malloc(cap);
    assert_non_null(doc);
    size_t n = (size_t)snprintf(doc, cap, "<!DOCTYPE nitf [<!ENTITY a \"");
    memset(doc + n, 'A', ent);
    n += ent;
    n += (size_t)snprintf(doc + n, cap - n, "\">]>\n<nitf><body><body.content>"
                          "<p>");
    for (size_t i = 0; i < refs; i++)
        n += (size_t)snprintf(doc + n, cap - n, "&a;");
    n += (size_t)snprintf(doc + n, cap - n, "</p></body.content></body>"
                          "</nitf>");
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, doc, n);
    free(doc);
    wx_status st = wxt_run_next(&r, &a);
    assert_int_equal(st, WX_EFORMAT);
    assert_non_null(strstr(r.err.msg, "mem:2: "));
    assert_non_null(strstr(r.err.msg, "longer than"));
    wxt_run_close(&r);
}

/* External entities (general, parameter, external DTD) are never read:
 * the secret in the file must not show up anywhere in the article. */
static void test_external_entities(void **state)
{
    (void)state;
    char path[] = "/tmp/wx-test-nitf-secret-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    static const char secret[] = "WXSECRET-7f3a";
    assert_int_equal(write(fd, secret, sizeof secret - 1),
                     (ssize_t)(sizeof secret - 1));
    close(fd);
    char dtd[] = "/tmp/wx-test-nitf-dtd-XXXXXX";
    fd = mkstemp(dtd);
    assert_true(fd >= 0);
    char decl[256];
    int dn = snprintf(decl, sizeof decl, "<!ENTITY leak SYSTEM \"file://%s\">"
                      "\n<!ENTITY plain \"WXSECRET-7f3a\">\n", path);
    assert_int_equal(write(fd, decl, (size_t)dn), dn);
    close(fd);

    char docs[3][1024];
    snprintf(docs[0], sizeof docs[0],
             "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n"
             " <!ENTITY x SYSTEM \"file://%s\">\n"
             " <!ENTITY passwd SYSTEM \"file:///etc/passwd\">\n]>\n"
             "<nitf uno=\"u\"><head><title>T &x;&passwd;</title></head>"
             "<body><body.content><p>B &x;</p></body.content></body></nitf>",
             path);
    snprintf(docs[1], sizeof docs[1],
             "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n"
             " <!ENTITY %% pe SYSTEM \"file://%s\">\n %%pe;\n]>\n"
             "<nitf uno=\"u\"><head><title>T &leak;</title></head></nitf>",
             dtd);
    snprintf(docs[2], sizeof docs[2],
             "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf SYSTEM \"file://%s\">\n"
             "<nitf uno=\"u\"><head><title>T &leak;&plain;</title></head>"
             "<body><body.content><p>B &plain;</p></body.content></body>"
             "</nitf>", dtd);
    for (size_t i = 0; i < 3; i++) {
        wxt_run r;
        wx_article a;
        wx_article_init(&a);
        wxt_run_open(&r, &OPS, docs[i], strlen(docs[i]));
        wx_status st = wxt_run_next(&r, &a);
        assert_true(st == WX_OK || st == WX_EFORMAT);
        assert_null(strstr(r.err.msg, secret));
        if (st == WX_OK) {
            const char *fields[] = {a.id, a.title, a.body, a.agency,
                                    a.dateline, a.date};
            for (size_t k = 0; k < 6; k++)
                assert_true(fields[k] == NULL ||
                            strstr(fields[k], secret) == NULL);
            for (size_t k = 0; k < a.meta_vals.n; k++)
                assert_null(strstr(a.meta_vals.v[k], secret));
            assert_null(strstr(a.title, "root:"));
            assert_string_equal(a.title, "T");
        }
        wx_article_reset(&a);
        wxt_run_close(&r);
    }
    unlink(path);
    unlink(dtd);
}

/* Entities we do expand: internal plain text, and HTML names when the
 * DTD is external (not loaded). Markup-holding entities are dropped. */
static void test_entities(void **state)
{
    (void)state;
    static const char doc[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf SYSTEM \"nitf-3-6.dtd\" [\n"
        " <!ENTITY efe \"Agencia EFE\">\n <!ENTITY mk \"<b>x</b>\">\n]>\n"
        "<nitf uno=\"u\"><head><title>a&nbsp;b &mdash; &eacute;&efe; &mk;"
        "&#233;&amp;&lt;</title></head></nitf>";
    wx_article a;
    read_one(doc, &a);
    assert_string_equal(a.title, "a b \xE2\x80\x94 \xC3\xA9" "Agencia EFE "
                                 "\xC3\xA9&<");
    wx_article_reset(&a);
}

/* Latin-1 bytes in a UTF-8 document are repaired, not a lost article;
 * a declared Latin-1 document is converted. */
static void test_encodings(void **state)
{
    (void)state;
    wx_article a;
    read_one("<?xml version=\"1.0\"?>\n<nitf uno=\"u\"><head><title>"
             "caf\xE9 \xFC" "ber</title></head></nitf>", &a);
    assert_string_equal(a.title, "caf\xC3\xA9 \xC3\xBC" "ber");
    wx_article_reset(&a);
    read_one("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
             "<nitf uno=\"u\">"
             "<head><title>Bogot\xE1</title></head></nitf>", &a);
    assert_string_equal(a.title, "Bogot\xC3\xA1");
    wx_article_reset(&a);
    /* Control characters XML forbids are removed, as finish would. */
    read_one("<nitf uno=\"u\"><head><title>a\x01" "b\x1B[0m</title></head>"
             "</nitf>", &a);
    assert_string_equal(a.title, "ab[0m");
    wx_article_reset(&a);
    read_one("\xEF\xBB\xBF<nitf uno=\"u\"><head><title>BOM</title></head>"
             "</nitf>", &a);
    assert_string_equal(a.title, "BOM");
    wx_article_reset(&a);
}

static void test_empty(void **state)
{
    (void)state;
    static const char *const inputs[] = {"", "\n\n  \n"};
    for (size_t i = 0; i < 2; i++) {
        wxt_run r;
        wx_article a;
        wx_article_init(&a);
        wxt_run_open(&r, &OPS, inputs[i], strlen(inputs[i]));
        assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
        wxt_run_close(&r);
    }
}

static void test_sniff(void **state)
{
    (void)state;
    static const wxt_sniff_case cases[] = {
        {"<?xml version=\"1.0\"?>\n<nitf version=\"3.6\">", 95, 95},
        {"<nitf>", 95, 95},
        {"\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- c --><?pi x?>\n<nitf>",
         95, 95},
        {"<?xml version=\"1.0\"?>\n<!DOCTYPE nitf SYSTEM \"n.dtd\" "
         "[<!ENTITY a \"b\">]>\n<nitf>", 95, 95},
        {"<!DOCTYPE nitf PUBLIC \"-//IPTC//DTD NITF 3.6//EN\" \"n.dtd\" [",
         90, 90},
        {"<collection>\n<nitf>", 60, 60},
        {"<nitfx>", 0, 0},
        {"<newsItem guid=\"x\">", 0, 0},
        {"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">", 0,
         0},
        {"{\"id\": 1}\n", 0, 0},
        {"", 0, 0},
    };
    static const char head[] = "<?xml version=\"1.0\"?>\n<nitf>";
    wxt_check_sniff(&OPS, cases, sizeof cases / sizeof cases[0],
                    "nitf", head);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_full_mapping),
        cmocka_unit_test(test_fallbacks),
        cmocka_unit_test(test_several),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_truncated_fixture),
        cmocka_unit_test(test_junk),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_quadratic_blowup),
        cmocka_unit_test(test_external_entities),
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
