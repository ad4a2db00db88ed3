/*
 * Unit tests for indexer/reader_sgml (Reuters-21578): the fixtures in
 * fixtures/sgml/ against their .expected files, text shaping, dates,
 * datelines, metadata, BRIEF and UNPROC articles, broken input (missing
 * NEWID, truncation, junk, huge fields), and, when ../shared holds the
 * corpus, all 21,578 articles against ../shared/tools/reuters-to-jsonl.
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
#include "wx_utf8.h"
#include "tests/unit/wx_test_expected.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OPS wx_reader_reuters_sgml

/* A record: attributes, then the body of <REUTERS> as given. */
static char *record(const char *attrs, const char *inner)
{
    size_t n = strlen(attrs) + strlen(inner) + 64;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "<REUTERS %s>\n%s\n</REUTERS>\n", attrs, inner);
    return s;
}

/* The one article of text (asserting there is exactly one). */
static void one(const char *text, size_t n, wx_article *a)
{
    wxt_read_one(&OPS, text, n, a);
}

/* One article from <TEXT> content with standard surroundings. */
static void one_text(const char *text, wx_article *a)
{
    char inner[8192];
    snprintf(inner, sizeof inner,
             "<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
             "<TOPICS></TOPICS>\n<PLACES></PLACES>\n<PEOPLE></PEOPLE>\n"
             "<TEXT>&#2;\n%s</TEXT>", text);
    char *rec = record("NEWID=\"7\"", inner);
    one(rec, strlen(rec), a);
    free(rec);
}

/* ---- fixtures ------------------------------------------------------- */

static void test_fixtures(void **state)
{
    (void)state;
    static const char *const files[] = {
        "fixtures/sgml/reut2-000-excerpt.sgm",
        "fixtures/sgml/edge-encoding.sgm",
        "fixtures/sgml/edge-missing-newid.sgm",
        "fixtures/sgml/edge-truncated.sgm",
    };
    /* .expected files give the NEWID; the store prefixes the collection */
    wxt_opts o = {.id_prefix = "reuters21578-"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        wxt_check_file(&OPS, files[i], &o);
}

/* ---- text shaping ----------------------------------------------------- */

static void test_titles(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *title;
    } cases[] = {
        {"<TITLE>A &amp; B &lt;C&gt; &quot;x&quot; &apos;y&apos;</TITLE>",
         "A & B <C> \"x\" 'y'"},
        {"<TITLE>  multi\n  line\t  title </TITLE>", "multi line title"},
        {"<TITLE>&#5;&#22;X&#x41;&#65 &#31;</TITLE>", "XAA"},
        {"<TITLE>&lt;SRD> UNIT</TITLE>", "<SRD> UNIT"},
        {"<TITLE>AT&foo; &T &#; &</TITLE>", "AT&foo; &T &#; &"},
        {"<TITLE>A\xa0" "B</TITLE>", "A B"},              /* Latin-1 NBSP */
        {"<TITLE>A\xe2\x80\x83" "B</TITLE>", "A B"},      /* U+2003 */
        {"<TITLE>x&#150;y</TITLE>", "x\xe2\x80\x93y"},    /* cp1252 dash */
        {"<TITLE>&#0;&#xD800;&#99999999;</TITLE>",
         "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
        {"<TITLE>one&#10;two</TITLE>", "one two"},
        {"<TITLE></TITLE><BODY>x</BODY>", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_article a;
        one_text(cases[i].text, &a);
        wxt_expect_str(a.title, cases[i].title);
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
        /* hard wraps joined; indented lines start paragraphs */
        {"<BODY>first line\nwrapped here.\n    Second para\ncontinues.\n"
         " Reuter\n&#3;</BODY>",
         "first line wrapped here.\nSecond para continues.\nReuter"},
        {"<BODY>a\n\n\nb\n</BODY>", "a\nb"},
        /* a control character at the start leaves the line indented */
        {"<BODY>one\n&#5;   two\n</BODY>", "one\ntwo"},
        {"<BODY>tab\n\tindent</BODY>", "tab\nindent"},
        {"<BODY>x  &amp;   y\n&lt;Z&gt;</BODY>", "x & y <Z>"},
        {"<BODY>\n\n</BODY><TITLE>T</TITLE>", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_article a;
        one_text(cases[i].text, &a);
        wxt_expect_str(a.body, cases[i].body);
        wx_article_reset(&a);
    }
}

static void test_brief_and_unproc(void **state)
{
    (void)state;
    wx_article a;
    char *rec = record("NEWID=\"30\"",
                       "<DATE>26-FEB-1987 15:41:56.00</DATE>\n"
                       "<TEXT TYPE=\"BRIEF\">&#2;\n"
                       "******<TITLE>ASSETS ROSE 720.4 MLN DLRS</TITLE>\n"
                       "Blah blah blah.\n&#3;\n\n</TEXT>");
    one(rec, strlen(rec), &a);
    wxt_expect_str(a.title, "ASSETS ROSE 720.4 MLN DLRS");
    wxt_expect_str(a.body, NULL);
    wxt_expect_str(wx_article_meta(&a, "type"), "brief");
    wx_article_reset(&a);
    free(rec);

    rec = record("NEWID=\"99\"",
                 "<DATE>26-FEB-1987 16:34:34.00</DATE>\n"
                 "<TEXT TYPE=\"UNPROC\">&#2;\n"
                 "FEDERAL RESERVE WEEKLY REPORT - FEB 26\n"
                 "    Two weeks ended Feb 25\n"
                 " Net free reserves...644 vs <X>1,337\n"
                 " &lt;Y> stays\n&#3;\n\n</TEXT>");
    one(rec, strlen(rec), &a);
    wxt_expect_str(a.title, NULL);
    wxt_expect_str(a.body, "FEDERAL RESERVE WEEKLY REPORT - FEB 26\n"
                           "Two weeks ended Feb 25\n"
                           "Net free reserves...644 vs 1,337\n<Y> stays");
    wxt_expect_str(wx_article_meta(&a, "type"), "unproc");
    wx_article_reset(&a);
    free(rec);
}

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *raw;
        const char *iso;
    } cases[] = {
        {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"},
        {" 3-APR-1987 07:09:06.48", "1987-04-03T07:09:06"},
        {"19-OCT-1987 23:59:59.00", "1987-10-19T23:59:59"},
        {"31-MAR-1987 605:12:19.12", "1987-03-31T00:00:00"},
        {"5-MAR-1987", "1987-03-05T00:00:00"},
        {"5-MAR-1987 12:30", "1987-03-05T00:00:00"},
        {"126-FEB-1987 01:02:03", "1987-02-26T01:02:03"},
        {"26-XYZ-1987 01:02:03", NULL},
        {"yesterday", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char inner[256];
        snprintf(inner, sizeof inner,
                 "<DATE>%s</DATE>\n<TEXT><TITLE>T</TITLE></TEXT>",
                 cases[i].raw);
        char *rec = record("NEWID=\"1\"", inner);
        wx_article a;
        one(rec, strlen(rec), &a);
        wxt_expect_str(a.date, cases[i].iso);
        wx_article_reset(&a);
        free(rec);
    }
}

static void test_datelines(void **state)
{
    (void)state;
    static const struct {
        const char *raw;
        const char *city;       /* as the reader gives it, before finish */
        const char *text;       /* metadata dateline_text */
    } cases[] = {
        {"    SALVADOR, Feb 26 - ", "SALVADOR", "SALVADOR, Feb 26"},
        {"    NEW YORK, March 3 - ", "NEW YORK", "NEW YORK, March 3"},
        {"    TOKYO - ", "TOKYO", "TOKYO"},
        {"****LONDON, March 3 - ", "LONDON", "****LONDON, March 3"},
        {" us        7.8015 - ", NULL, "us 7.8015"},
        {"MAR8 -- -", NULL, "MAR8 --"},
        {"  - ", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        snprintf(text, sizeof text,
                 "<TITLE>T</TITLE>\n<DATELINE>%s</DATELINE><BODY>b</BODY>",
                 cases[i].raw);
        wx_article a;
        one_text(text, &a);
        wxt_expect_str(a.dateline, cases[i].city);
        wxt_expect_str(wx_article_meta(&a, "dateline_text"), cases[i].text);
        wx_article_reset(&a);
    }
    /* finish() gives the canonical spelling */
    wx_article a;
    one_text("<TITLE>T</TITLE><DATELINE>    SAO PAULO, Feb 26 - "
             "</DATELINE>", &a);
    wx_err err;
    assert_int_equal(wx_article_finish(&a, NULL, &err), WX_OK);
    wxt_expect_str(a.dateline, "Sao Paulo");
    wx_article_reset(&a);
}

static void test_metadata(void **state)
{
    (void)state;
    char *rec = record(
        "TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" "
        "OLDID=\"5544\" NEWID=\"007\"",
        "<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
        "<TOPICS><D>cocoa</D><D> coffee </D><D></D></TOPICS>\n"
        "<PLACES><D>el-salvador</D><D>usa</D></PLACES>\n"
        "<PEOPLE><D>reagan</D><D>volcker</D></PEOPLE>\n"
        "<ORGS><D>imf</D></ORGS>\n"
        "<EXCHANGES></EXCHANGES>\n<COMPANIES></COMPANIES>\n"
        "<UNKNOWN>&#5;&#5;&#5;C T\n&#22;&#22;&#1;f0704&#31;reute</UNKNOWN>\n"
        "<TEXT>&#2;\n<TITLE>BAHIA COCOA REVIEW</TITLE>\n"
        "<AUTHOR>    by Janie Gabbett, Reuters</AUTHOR>\n"
        "<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers.\n"
        " Reuter\n&#3;</BODY></TEXT>");
    wx_article a;
    one(rec, strlen(rec), &a);
    wxt_expect_str(a.id, "reuters21578-7");
    wxt_expect_str(a.agency, "Reuters");
    wxt_expect_str(a.title, "BAHIA COCOA REVIEW");
    wxt_expect_str(a.body, "Showers.\nReuter");
    assert_int_equal(a.topics.n, 2);
    wxt_expect_str(a.topics.v[0], "cocoa");
    wxt_expect_str(a.topics.v[1], "coffee");
    assert_int_equal(a.places.n, 2);
    wxt_expect_str(a.places.v[1], "usa");
    wxt_expect_str(wx_article_meta(&a, "people"), "reagan, volcker");
    wxt_expect_str(wx_article_meta(&a, "orgs"), "imf");
    wxt_expect_str(wx_article_meta(&a, "exchanges"), NULL);
    wxt_expect_str(wx_article_meta(&a, "companies"), NULL);
    wxt_expect_str(wx_article_meta(&a, "byline"), "by Janie Gabbett, Reuters");
    wxt_expect_str(wx_article_meta(&a, "oldid"), "5544");
    wxt_expect_str(wx_article_meta(&a, "lewissplit"), "TRAIN");
    wxt_expect_str(wx_article_meta(&a, "cgisplit"), "TRAINING-SET");
    wxt_expect_str(wx_article_meta(&a, "topics_attr"), "YES");
    wxt_expect_str(wx_article_meta(&a, "type"), NULL);
    assert_int_equal(a.src_line, 1);
    wx_article_reset(&a);
    free(rec);
}

/* 0xFC (Latin-1 u-umlaut, invalid UTF-8) is repaired by finish(). */
static void test_latin1_repair(void **state)
{
    (void)state;
    wx_article a;
    one_text("<TITLE>T</TITLE><BODY>Muehlenwerke Fr\xfchauf GmbH</BODY>",
             &a);
    wx_err err;
    size_t repairs = 0;
    assert_int_equal(wx_article_finish(&a, &repairs, &err), WX_OK);
    wxt_expect_str(a.body, "Muehlenwerke Fr\xc3\xbchauf GmbH");
    assert_int_equal(repairs, 1);
    wx_article_reset(&a);
}

/* Records need not sit on lines of their own; CRLF reads as LF. */
static void test_layout(void **state)
{
    (void)state;
    const char text[] =
        "junk<REUTERS NEWID=\"1\"><TEXT><TITLE>ONE</TITLE></TEXT>"
        "</REUTERS><REUTERS NEWID=\"2\"\r\n  OLDID=\"9\">\r\n<TEXT>"
        "<TITLE>TWO</TITLE><BODY>a\r\nb\r\n  c</BODY></TEXT></REUTERS>x\r\n";
    wxt_run r;
    wxt_run_open(&r, &OPS, text, sizeof text - 1);
    wx_article a;
    wx_article_init(&a);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.id, "reuters21578-1");
    wxt_expect_str(a.title, "ONE");
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.id, "reuters21578-2");
    wxt_expect_str(a.body, "a b\nc");
    wxt_expect_str(wx_article_meta(&a, "oldid"), "9");
    wxt_expect_str(a.src_file, "mem");      /* valid while the input is */
    assert_int_equal(a.src_line, 1);
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wxt_run_close(&r);
}

/* ---- broken input ---------------------------------------------------- */

static void test_missing_newid(void **state)
{
    (void)state;
    const char text[] =
        "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
        "<REUTERS NEWID=\"1\">\n<TEXT><TITLE>A</TITLE></TEXT>\n</REUTERS>\n"
        "<REUTERS OLDID=\"2\">\n<TEXT><TITLE>B</TITLE></TEXT>\n</REUTERS>\n"
        "<REUTERS NEWID=\"x3\">\n<TEXT><TITLE>C</TITLE></TEXT>\n</REUTERS>\n"
        "<REUTERS NEWID=\"4\">\n<TEXT><TITLE>D</TITLE></TEXT>\n</REUTERS>\n";
    wxt_run r;
    wxt_run_open(&r, &OPS, text, sizeof text - 1);
    wx_article a;
    wx_article_init(&a);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.title, "A");
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_null(a.id);
    assert_null(a.title);
    assert_string_equal(r.err.msg,
                        "mem:5: <REUTERS> without a numeric NEWID");
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_true(strncmp(r.err.msg, "mem:8: ", 7) == 0);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.title, "D");
    assert_int_equal(a.src_line, 11);
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wxt_run_close(&r);
}

static void test_truncated(void **state)
{
    (void)state;
    /* cut at the end of the file, and cut short by the next record */
    const char text[] =
        "<REUTERS NEWID=\"1\">\n<TEXT><TITLE>A</TITLE>\n"
        "<REUTERS NEWID=\"2\">\n<TEXT><TITLE>B</TITLE></TEXT>\n</REUTERS>\n"
        "<REUTERS NEWID=\"3\">\n<TEXT><TITLE>C</TITLE><BODY>half a bo";
    wxt_run r;
    wxt_run_open(&r, &OPS, text, sizeof text - 1);
    wx_article a;
    wx_article_init(&a);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_string_equal(r.err.msg, "mem:1: <REUTERS> record not closed "
                                   "before the next one");
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.title, "B");
    assert_int_equal(a.src_line, 3);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_string_equal(r.err.msg, "mem:6: <REUTERS> record not closed "
                                   "before the end of the file");
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wxt_run_close(&r);
}

static void test_junk(void **state)
{
    (void)state;
    unsigned char buf[4096];
    wxt_junk(buf, sizeof buf, 1);
    wxt_run r;
    wxt_run_open(&r, &OPS, buf, sizeof buf);
    wx_article a;
    wx_article_init(&a);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_string_equal(r.err.msg, "mem:1: no <REUTERS> record found");
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wxt_run_close(&r);

    /* Empty input is no error; white space alone neither. */
    static const char *const empty[] = {"", "\n\n  \n"};
    for (size_t i = 0; i < 2; i++) {
        wxt_run_open(&r, &OPS, empty[i], strlen(empty[i]));
        assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
        wxt_run_close(&r);
    }

    /* Every byte value inside a body: the article still comes through,
     * and after finish() it is valid UTF-8 without control characters. */
    char text[1024];
    size_t n = 0;
    const char *head = "<REUTERS NEWID=\"5\"><TEXT><TITLE>J</TITLE><BODY>";
    memcpy(text, head, strlen(head));
    n += strlen(head);
    for (int c = 0; c < 256; c++)
        if (c != '<')
            text[n++] = (char)c;
    const char *tail = "</BODY></TEXT></REUTERS>\n";
    memcpy(text + n, tail, strlen(tail));
    n += strlen(tail);
    one(text, n, &a);
    assert_non_null(a.body);
    assert_null(memchr(a.body, '\0', strlen(a.body)));
    wx_err err;
    assert_int_equal(wx_article_finish(&a, NULL, &err), WX_OK);
    assert_true(wx_utf8_valid(a.body, strlen(a.body)));
    for (const char *p = a.body; *p; p++)
        assert_true((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t');
    wx_article_reset(&a);
}

static void test_huge(void **state)
{
    (void)state;
    /* a title past WX_MAX_FIELD_BYTES: that record is skipped */
    size_t tn = WX_MAX_FIELD_BYTES + 100;
    size_t n = tn + 512;
    char *text = malloc(n);
    assert_non_null(text);
    int k = snprintf(text, n, "<REUTERS NEWID=\"1\"><TEXT><TITLE>");
    memset(text + k, 'A', tn);
    snprintf(text + k + tn, n - (size_t)k - tn,
             "</TITLE></TEXT></REUTERS>\n<REUTERS NEWID=\"2\"><TEXT>"
             "<TITLE>OK</TITLE></TEXT></REUTERS>\n");
    wxt_run r;
    wxt_run_open(&r, &OPS, text, strlen(text));
    wx_article a;
    wx_article_init(&a);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_true(strstr(r.err.msg, "mem:1: TITLE longer than") == r.err.msg);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.title, "OK");
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wxt_run_close(&r);
    free(text);

    /* a record past WX_MAX_RECORD_BYTES, in 1 KiB lines, and a single
     * line past it outside any record: both skipped, reading goes on */
    size_t big = (size_t)WX_MAX_RECORD_BYTES + 4096;
    n = 2 * big + 1024;
    text = malloc(n);
    assert_non_null(text);
    size_t len = 0;
    len += (size_t)snprintf(text, n, "<REUTERS NEWID=\"1\"><TEXT><BODY>\n");
    while (len < big) {
        memset(text + len, 'b', 1023);
        text[len + 1023] = '\n';
        len += 1024;
    }
    len += (size_t)snprintf(text + len, n - len, "</BODY></TEXT></REUTERS>\n");
    memset(text + len, 'x', big);
    len += big;
    len += (size_t)snprintf(text + len, n - len,
                            "\n<REUTERS NEWID=\"2\"><TEXT><TITLE>OK</TITLE>"
                            "</TEXT></REUTERS>\n");
    wxt_run_open(&r, &OPS, text, len);
    free(text);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_true(strstr(r.err.msg, "record longer than") != NULL);
    assert_true(strncmp(r.err.msg, "mem:1: ", 7) == 0);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_true(strstr(r.err.msg, "line longer than") != NULL);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.title, "OK");
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wxt_run_close(&r);
}

static void test_sniff(void **state)
{
    (void)state;
    static const wxt_sniff_case cases[] = {
        {"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS TOPICS", 100, 100},
        {"<REUTERS TOPICS=\"YES\" NEWID=\"1\">\n", 90, 99},
        {"<REUTERS>", 90, 99},
        {"<REUTERSX>", 0, 0},
        {"<DOC id=\"AFP_ENG_19940512.0001\" type=\"story\" >", 0, 0},
        {"LONDON (Reuters) - Sterling rose", 0, 0},
        {"", 0, 0},
    };
    const char *h = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n";
    wxt_check_sniff(&OPS, cases, sizeof cases / sizeof cases[0],
                    "reuters-sgml", h);
}

/* ---- the whole corpus against the reference reading ------------------- */

#define CORPUS "../shared/corpora/reuters21578"
#define REFTOOL "../shared/tools/reuters-to-jsonl"

static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s != NULL && s[0] != '\0' ? s : NULL;
}

static bool same_list(json_t *arr, const wx_strlist *l)
{
    if (json_array_size(arr) != l->n)
        return false;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(json_string_value(json_array_get(arr, i)), l->v[i]))
            return false;
    return true;
}

static bool same_str(const char *want, const char *got)
{
    return (want == NULL && got == NULL) ||
           (want != NULL && got != NULL && strcmp(want, got) == 0);
}

static void test_corpus(void **state)
{
    (void)state;
    if (access(CORPUS "/reut2-000.sgm", R_OK) != 0 ||
        access(REFTOOL, X_OK) != 0)
        skip();
    FILE *ref = popen(REFTOOL " " CORPUS "/reut2-0*.sgm 2>/dev/null", "r");
    assert_non_null(ref);
    size_t cap = 1 << 16;
    char *line = malloc(cap);
    assert_non_null(line);

    size_t yielded = 0, finished = 0, notext = 0;
    long mismatches = 0;
    for (int f = 0; f < 22; f++) {
        char path[128];
        snprintf(path, sizeof path, CORPUS "/reut2-%03d.sgm", f);
        wx_input *in;
        wx_err err;
        void *st;
        wx_reader_opts o = {0};
        assert_int_equal(wx_input_open(path, &in, &err), WX_OK);
        assert_int_equal(OPS.open(in, &o, &st, &err), WX_OK);
        wx_article a;
        wx_article_init(&a);
        wx_status s;
        while ((s = OPS.next(st, &a, &err)) == WX_OK) {
            yielded++;
            if (fgets(line, (int)cap, ref) == NULL)
                fail_msg("reference ended before %s", a.id);
            json_t *j = json_loads(line, 0, NULL);
            assert_non_null(j);
            char id[48];
            snprintf(id, sizeof id, "reuters21578-%lld",
                     (long long)json_integer_value(json_object_get(j, "id")));
            wx_status fs = wx_article_finish(&a, NULL, &err);
            bool ok = fs == WX_OK;
            if (ok)
                finished++;
            if (fs == WX_ENOTEXT) {     /* refused, as the reference */
                notext++;               /* tool does not know */
                json_decref(j);
                wx_article_reset(&a);
                continue;
            }
            ok = ok && same_str(id, a.id) &&
                 same_str(jstr(j, "title"), a.title) &&
                 same_str(jstr(j, "body"), a.body) &&
                 same_str(jstr(j, "date"), a.date) &&
                 same_str(jstr(j, "dateline"),
                          wx_article_meta(&a, "dateline_text")) &&
                 same_list(json_object_get(j, "topics"), &a.topics) &&
                 same_list(json_object_get(j, "places"), &a.places);
            if (!ok && mismatches++ < 5)
                print_error("%s: %s differs from the reference\n", path, id);
            json_decref(j);
            wx_article_reset(&a);
        }
        if (s != WX_EOF)
            fail_msg("%s: %s", path, err.msg);
        OPS.close(st);
        wx_input_close(in);
    }
    assert_null(fgets(line, (int)cap, ref));
    free(line);
    assert_int_equal(pclose(ref), 0);
    assert_int_equal(mismatches, 0);
    assert_int_equal(yielded, 21578);
    /* all of them but NEWID 12793, an empty UNPROC record, refused */
    assert_int_equal(finished, 21577);
    assert_int_equal(notext, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_titles),
        cmocka_unit_test(test_bodies),
        cmocka_unit_test(test_brief_and_unproc),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_latin1_repair),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_missing_newid),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_junk),
        cmocka_unit_test(test_huge),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
