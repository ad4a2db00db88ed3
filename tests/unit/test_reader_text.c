/*
 * Unit tests for indexer/reader_text: the real EFE seed (when ../shared
 * is there), the fixtures against their .expected files, and inline
 * cases: header blocks, several articles per file, CRLF, no final
 * newline, invalid UTF-8, furniture, sign-offs, dates from the header,
 * the file name or --default-year, heuristics, limits and binary junk.
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

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OPS wx_reader_text
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { MAX_ARTICLES = 16 };

/* Everything one file yields: finished articles and skip messages. */
typedef struct yield {
    wx_article a[MAX_ARTICLES];
    size_t n;
    char skip[MAX_ARTICLES][WX_ERR_MSG_MAX];
    size_t nskip;
    size_t repairs;
} yield;

static void yield_free(yield *y)
{
    for (size_t i = 0; i < y->n; i++)
        wx_article_reset(&y->a[i]);
    y->n = 0;
}

/* Read name/p[0..n) to the end, finishing each article as the indexer
 * does. A fatal status fails the test. */
static void read_mem(const char *name, const char *p, size_t n,
                     int default_year, yield *y)
{
    memset(y, 0, sizeof *y);
    wx_err err;
    wx_input *in;
    assert_int_equal(wx_input_open_mem(name, p, n, &in, &err), WX_OK);
    wx_reader_opts o = {.default_year = default_year};
    void *st;
    assert_int_equal(OPS.open(in, &o, &st, &err), WX_OK);
    for (;;) {
        wx_article a;
        wx_article_init(&a);
        wx_status s = OPS.next(st, &a, &err);
        if (s == WX_EOF)
            break;
        size_t rep = 0;
        if (s == WX_OK)
            s = wx_article_finish(&a, &rep, &err);
        if (s == WX_EFORMAT) {
            wx_article_reset(&a);
            assert_true(y->nskip < MAX_ARTICLES);
            snprintf(y->skip[y->nskip++], WX_ERR_MSG_MAX, "%s", err.msg);
            continue;
        }
        if (s != WX_OK)
            fail_msg("%s: %s: %s", name, wx_status_str(s), err.msg);
        assert_true(y->n < MAX_ARTICLES);
        /* src_file is the input's name, valid until the input closes. */
        assert_ptr_equal(a.src_file, wx_input_name(in));
        assert_true(a.src_line >= 1);
        y->repairs += rep;
        y->a[y->n++] = a;
    }
    OPS.close(st);
    wx_input_close(in);
}

static void read_str(const char *name, const char *s, int default_year,
                     yield *y)
{
    read_mem(name, s, strlen(s), default_year, y);
}

static void expect_list(const wx_strlist *l, const char *const *want,
                        size_t n)
{
    if (l->n != n)
        fail_msg("list has %zu items, want %zu", l->n, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(l->v[i], want[i]);
}

/* ---- the seed and the fixtures --------------------------------------- */

static void check_efe_cyber(const wx_article *a)
{
    wxt_expect_str(a->agency, "EFE");
    wxt_expect_str(a->dateline, "Beijing");
    wxt_expect_str(a->date, "2021-07-20");
    wxt_expect_str(a->title,
                   "China says global accusations of malicious "
                   "cyber activity \xe2\x80\x98groundless\xe2\x80\x99");
    const char *topics[] = {"Crime & Justice"};
    expect_list(&a->topics, topics, 1);
    const char *lead = "Beijing, Jul 20 (EFE).- China responded on Tuesday";
    assert_non_null(a->body);
    assert_memory_equal(a->body, lead, strlen(lead));
    const char *end = "such as technology and diplomacy.";
    size_t bl = strlen(a->body), el = strlen(end);
    assert_true(bl > el);
    assert_string_equal(a->body + bl - el, end);
    assert_null(strstr(a->body, "Related"));
    assert_null(strstr(a->body, "Back to top"));
    assert_null(strstr(a->body, "Crime & Justice"));
    /* 13 paragraphs, one per line, no blank ones. */
    size_t lines = 1;
    for (size_t i = 0; i < bl; i++)
        if (a->body[i] == '\n') {
            lines++;
            assert_true(a->body[i + 1] != '\n');
        }
    assert_int_equal(lines, 13);
}

static void read_file_all(const char *path, yield *y)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    read_mem(path, buf, n, 0, y);
}

static void test_seed(void **state)
{
    (void)state;
    const char *path = "../shared/corpora/seed/efe-2021-07-20-china-cyber.txt";
    if (access(path, R_OK) != 0)
        skip();
    yield y;
    read_file_all(path, &y);
    assert_int_equal(y.n, 1);
    assert_int_equal(y.nskip, 0);
    check_efe_cyber(&y.a[0]);
    yield_free(&y);
}

static void test_fixture_copy_of_seed(void **state)
{
    (void)state;
    yield y;
    read_file_all("fixtures/text/efe-2021-07-20-china-cyber.txt", &y);
    assert_int_equal(y.n, 1);
    check_efe_cyber(&y.a[0]);
    yield_free(&y);
}

static void test_fixtures(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob("fixtures/text/*.txt", 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 10);
    for (size_t i = 0; i < g.gl_pathc; i++)
        wxt_check_file(&OPS, g.gl_pathv[i], NULL);
    globfree(&g);
    static const char *const more[] = {
        "fixtures/hostile/hostile.txt",
        "fixtures/broken/invalid-utf8.txt",
        "fixtures/broken/empty.txt",
        "fixtures/broken/binary-junk.txt",
    };
    for (size_t i = 0; i < COUNT(more); i++)
        wxt_check_file(&OPS, more[i], NULL);
}

/* Hash ids differ between the articles of one file. */
static void test_fixture_hash_ids(void **state)
{
    (void)state;
    yield y;
    read_file_all("fixtures/text/wire-roundup.txt", &y);
    assert_int_equal(y.n, 3);
    for (size_t i = 0; i < y.n; i++)
        for (size_t j = i + 1; j < y.n; j++)
            assert_string_not_equal(y.a[i].id, y.a[j].id);
    yield_free(&y);
}

/* ---- header blocks ---------------------------------------------------- */

static void test_header_block(void **state)
{
    (void)state;
    yield y;
    read_str("mem",
             "Title: Chileans vote in runoff\n"
             "Agency: agence france-presse\n"
             "Date: 2023-11-19T23:55:00-03:00\n"
             "Dateline: SANTIAGO, Nov 19 (AFP) -\n"
             "Topics: Politics, Elections; World\n"
             "Topic: Crime, Law and Justice\n"
             "place: Chile\n"
             "PLACES: Argentina, Peru\n"
             "Id: X-1\n"
             "Slug: chile-vote\n"
             "Version: 3\n"
             "Status: usable\n"
             "Byline: Jane Doe\n"
             "Source: web\n"
             "URL: https://example.com/a?b=c\n"
             "X-Custom Key: value: kept\n"
             "Empty:\n"
             "\n"
             "SANTIAGO, Nov 19 (AFP) - Voters went to the polls\n"
             "on Sunday.\n"
             "\n"
             "Turnout was high.\n",
             0, &y);
    assert_int_equal(y.n, 1);
    assert_int_equal(y.nskip, 0);
    wx_article *a = &y.a[0];
    wxt_expect_str(a->title, "Chileans vote in runoff");
    wxt_expect_str(a->agency, "AFP");
    wxt_expect_str(a->date, "2023-11-19");   /* no conversion to UTC */
    wxt_expect_str(a->dateline, "Santiago");
    wxt_expect_str(a->id, "X-1");
    const char *topics[] = {"Politics", "Elections", "World",
                            "Crime, Law and Justice"};
    expect_list(&a->topics, topics, COUNT(topics));
    const char *places[] = {"Chile", "Argentina", "Peru"};
    expect_list(&a->places, places, COUNT(places));
    wxt_expect_str(wx_article_meta(a, "slug"), "chile-vote");
    wxt_expect_str(wx_article_meta(a, "version"), "3");
    wxt_expect_str(wx_article_meta(a, "status"), "usable");
    wxt_expect_str(wx_article_meta(a, "byline"), "Jane Doe");
    wxt_expect_str(wx_article_meta(a, "source"), "web");
    wxt_expect_str(wx_article_meta(a, "url"), "https://example.com/a?b=c");
    wxt_expect_str(wx_article_meta(a, "x-custom key"), "value: kept");
    wxt_expect_str(wx_article_meta(a, "empty"), NULL);
    wxt_expect_str(a->body, "SANTIAGO, Nov 19 (AFP) - Voters went to the "
                            "polls on Sunday.\nTurnout was high.");
    yield_free(&y);
}

/* Header values win over the lead; a repeated headline is dropped. */
static void test_header_precedence(void **state)
{
    (void)state;
    yield y;
    read_str("mem",
             "Title: Swiss franc firms\n"
             "Agency: dpa\n"
             "Dateline: Geneva\n"
             "\n"
             "Swiss franc firms\n"
             "\n"
             "ZURICH, March 3 (Reuters) - The franc rose.\n",
             0, &y);
    assert_int_equal(y.n, 1);
    wxt_expect_str(y.a[0].agency, "dpa");
    wxt_expect_str(y.a[0].dateline, "Geneva");
    wxt_expect_str(y.a[0].date, NULL);
    wxt_expect_str(y.a[0].body, "ZURICH, March 3 (Reuters) - The franc rose.");
    yield_free(&y);
}

/* Bullet lines before the lead do not push it out of reach, stay in the
 * body, and the headline is the paragraph before them. */
static void test_bullets_before_lead(void **state)
{
    (void)state;
    yield y;
    read_str("mem",
             "Sony shares slide on weak outlook\n\n"
             "* Shares fall 3 pct\n\n* Analysts see weak quarter\n\n"
             "* Yen firm\n\n* Outlook cut\n\n"
             "TOKYO, May 5 (Reuters) - Sony shares fell on Friday.\n",
             0, &y);
    assert_int_equal(y.n, 1);
    wxt_expect_str(y.a[0].title, "Sony shares slide on weak outlook");
    wxt_expect_str(y.a[0].dateline, "Tokyo");
    wxt_expect_str(y.a[0].agency, "Reuters");
    wxt_expect_str(y.a[0].body,
                   "* Shares fall 3 pct\n* Analysts see weak quarter\n"
                   "* Yen firm\n* Outlook cut\n"
                   "TOKYO, May 5 (Reuters) - Sony shares fell on Friday.");
    yield_free(&y);
}

/* A line that merely looks like a key does not make a header. */
static void test_not_a_header(void **state)
{
    (void)state;
    yield y;
    read_str("mem",
             "Breaking: quake hits Japan\n"
             "\n"
             "TOKYO (Kyodo) -- A strong earthquake struck.\n"
             "\n"
             "Title: not a new article\n"
             "Agency: still the body\n",
             0, &y);
    assert_int_equal(y.n, 1);
    wxt_expect_str(y.a[0].title, "Breaking: quake hits Japan");
    wxt_expect_str(y.a[0].agency, "Kyodo");
    wxt_expect_str(y.a[0].body,
                   "TOKYO (Kyodo) -- A strong earthquake struck.\n"
                   "Title: not a new article Agency: still the body");
    assert_int_equal(y.a[0].meta_keys.n, 1);
    wxt_expect_str(y.a[0].meta_vals.v[0], "TOKYO (Kyodo) --");
    yield_free(&y);
}

/* An unparsable Date is kept as metadata and still lends its year. */
static void test_header_bad_date(void **state)
{
    (void)state;
    yield y;
    read_str("mem",
             "Title: T\n"
             "Date: sometime in 2019\n"
             "\n"
             "PARIS, Nov 25 (AFP) - Text.\n",
             0, &y);
    assert_int_equal(y.n, 1);
    wxt_expect_str(y.a[0].date, "2019-11-25");
    wxt_expect_str(wx_article_meta(&y.a[0], "date"), "sometime in 2019");
    yield_free(&y);
}

/* ---- several articles per file ---------------------------------------- */

static void test_separators(void **state)
{
    (void)state;
    yield y;
    read_str("multi.txt",
             "----\n"                 /* leading separator: nothing */
             "One\n\nLONDON (Reuters) - First.\n"
             "---\n"                  /* three hyphens: text */
             "=====\n"                /* not a separator either */
             "  ------  \n"
             "\n\n"
             "----\n"                 /* empty segment */
             "Two\n\nPARIS (AFP) - Second.\n"
             "\f\n"
             "Three\n\nROME (ANSA) - Third.\n"
             "\f\f\n"
             "Four\n\nMADRID (EFE) - Fourth.\n"
             "----\n",
             0, &y);
    assert_int_equal(y.nskip, 0);
    assert_int_equal(y.n, 4);
    static const char *const titles[] = {"One", "Two", "Three", "Four"};
    static const char *const agencies[] = {"Reuters", "AFP", "ANSA", "EFE"};
    for (size_t i = 0; i < 4; i++) {
        wxt_expect_str(y.a[i].title, titles[i]);
        wxt_expect_str(y.a[i].agency, agencies[i]);
    }
    wxt_expect_str(y.a[0].body, "LONDON (Reuters) - First. --- =====");
    assert_int_equal(y.a[0].src_line, 2);
    assert_int_equal(y.a[1].src_line, 11);
    assert_int_equal(y.a[2].src_line, 15);
    assert_int_equal(y.a[3].src_line, 19);
    yield_free(&y);
}

/* ---- line ends and bytes ---------------------------------------------- */

static void test_crlf_no_final_newline(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "\xEF\xBB\xBFHeadline\r\n\r\nLONDON (Reuters) - Text\r\nmore text",
        "Headline\n\nLONDON (Reuters) - Text\nmore text",
        "Headline\n\n  LONDON (Reuters) - Text  \n\tmore text\t\n\n\n",
        "Headline\r\n  \r\nLONDON (Reuters) - Text\r\nmore text\r\n",
    };
    for (size_t i = 0; i < COUNT(inputs); i++) {
        yield y;
        read_str("mem", inputs[i], 0, &y);
        assert_int_equal(y.n, 1);
        wxt_expect_str(y.a[0].title, "Headline");
        wxt_expect_str(y.a[0].body, "LONDON (Reuters) - Text more text");
        yield_free(&y);
    }
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    yield y;
    read_str("mem",
             "Economy\n\nSwiss exports rise\n\n"
             "ZURICH, March 3 (Reuters) - Sales in Z\xfcrich rose,\n"
             "Andr\xe9 said \x93gently\x94. \xff\xfe\xc3\n",
             0, &y);
    assert_int_equal(y.n, 1);
    assert_true(y.repairs >= 5);
    const char *b = y.a[0].body;
    assert_non_null(b);
    assert_true(wx_utf8_valid(b, strlen(b)));
    wxt_expect_str(y.a[0].dateline, "Zurich");
    wxt_expect_str(y.a[0].title, "Swiss exports rise");
    yield_free(&y);
}

/* A NUL byte past the sniffed head becomes a space, nothing is cut. */
static void test_nul_in_text(void **state)
{
    (void)state;
    size_t pad = 6000;
    char *s = malloc(pad + 64);
    assert_non_null(s);
    memcpy(s, "Head\n\nLONDON (Reuters) - ", 25);
    memset(s + 25, 'a', pad);
    memcpy(s + 25 + pad, "\0tail.\n", 7);
    yield y;
    read_mem("mem", s, 25 + pad + 7, 0, &y);
    assert_int_equal(y.n, 1);
    size_t bl = strlen(y.a[0].body);
    assert_int_equal(bl, 25 - 6 + pad + 6);
    assert_string_equal(y.a[0].body + bl - 6, " tail.");
    yield_free(&y);
    free(s);
}

/* ---- furniture and sign-offs ------------------------------------------ */

static void test_furniture(void **state)
{
    (void)state;
    yield y;
    read_str("mem",
             "World\n\nHeadline\n\n"
             "PARIS (AFP) - Share prices rose.\n\n"
             "Advertisement\n\n"
             "Read more\n\n"
             "Analysts said more was to come.\n\n"
             "Share this:\nTweet\nShare\n\n"
             "You may also like\n\n"
             "Related\n\n"
             "Last paragraph.\nBack to top button\n",
             0, &y);
    assert_int_equal(y.n, 1);
    wxt_expect_str(y.a[0].body, "PARIS (AFP) - Share prices rose.\n"
                                "Analysts said more was to come.\n"
                                "Last paragraph.");
    yield_free(&y);
}

static void test_signoffs(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *body;
        const char *agency;
    } cases[] = {
        {"H\n\nLONDON (Reuters) - Text.\n\n(Reuters)\n\nBack to top button",
         "LONDON (Reuters) - Text.", "Reuters"},
        {"H\n\nPARIS (AFP) - One.\n\nTwo said. AFP\n",
         "PARIS (AFP) - One.\nTwo said.", "AFP"},
        {"H\n\nPARIS (AFP) - One.\nTwo said.\nAFP\n",
         "PARIS (AFP) - One. Two said.", "AFP"},
        {"H\n\nBEIJING, Nov. 25 (Xinhua) -- Text.\n\nEnditem\n",
         "BEIJING, Nov. 25 (Xinhua) -- Text.", "Xinhua"},
        /* No agency in the lead: the sign-off names it. */
        {"H\n\nPARIS - Text.\n\nAFP\n", "PARIS - Text.", "AFP"},
        {"H\n\nSome text without dateline.\n\nEFE\n\nShare\n",
         "Some text without dateline.", "EFE"},
        /* Not sign-offs: an agency named inside the text. */
        {"H\n\nPARIS (AFP) - He told AP\n", "PARIS (AFP) - He told AP",
         "AFP"},
        {"H\n\nPARIS (AFP) - EFE\n\nmore.\n", "PARIS (AFP) - EFE\nmore.",
         "AFP"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        yield y;
        read_str("mem", cases[i].in, 0, &y);
        assert_int_equal(y.n, 1);
        wxt_expect_str(y.a[0].body, cases[i].body);
        wxt_expect_str(y.a[0].agency, cases[i].agency);
        yield_free(&y);
    }
}

/* ---- skips ------------------------------------------------------------ */

static void test_empty_articles(void **state)
{
    (void)state;
    yield y;
    read_str("mem",
             "Related Articles\n"      /* line 1: furniture only */
             "\n"
             "Back to top button\n"
             "----\n"
             "\n"
             "Id: 5\n"                 /* line 6: a header, nothing else */
             "Slug: x\n"
             "----\n"
             "H\n\nLONDON (Reuters) - Kept.\n",
             0, &y);
    assert_int_equal(y.n, 1);
    wxt_expect_str(y.a[0].title, "H");
    assert_int_equal(y.nskip, 2);
    assert_true(strncmp(y.skip[0], "mem:1: ", 7) == 0);
    assert_true(strncmp(y.skip[1], "mem:6: ", 7) == 0);
    yield_free(&y);
    /* Blank or empty input yields nothing and skips nothing. */
    static const char *const nothing[] = {"", "\n\n", "  \r\n\t\n",
                                          "----\n\f\n----"};
    for (size_t i = 0; i < COUNT(nothing); i++) {
        read_str("mem", nothing[i], 0, &y);
        assert_int_equal(y.n, 0);
        assert_int_equal(y.nskip, 0);
    }
}

static void test_binary(void **state)
{
    (void)state;
    static const char junk[] = "\x7f\x45\x00\x01\x02\x03 binary \x00\x7f";
    yield y;
    read_mem("junk.bin", junk, sizeof junk - 1, 0, &y);
    assert_int_equal(y.n, 0);
    assert_int_equal(y.nskip, 1);
    assert_true(strncmp(y.skip[0], "junk.bin:1: ", 12) == 0);
}

static void test_sniff(void **state)
{
    (void)state;
    /* Detection claims only what reads like a wire report. */
    assert_int_equal(OPS.sniff("", 0), 0);
    const char *text = "Headline\r\n\r\n\fLONDON (Reuters) - Text.\t\n";
    assert_int_equal(OPS.sniff(text, strlen(text)), 10);
    const char *hdr = "\xEF\xBB\xBFTitle: Rain\nAgency: AP\n\nIt rained.\n";
    assert_int_equal(OPS.sniff(hdr, strlen(hdr)), 10);
    const char *prose = "Some notes on the categories\nDavid D. Lewis\n\n"
                        "  The letter received from Phil Hayes (March 9, "
                        "1990) gave a list of categories.\n";
    assert_int_equal(OPS.sniff(prose, strlen(prose)), 0);
    const char *esc = "A \x1b[31mred\x1b[0m headline over a long enough "
                      "line of ordinary text to carry it.\n";
    assert_int_equal(OPS.sniff(esc, strlen(esc)), 0);
    assert_int_equal(OPS.sniff("text\0more", 9), 0);
    char ctl[100];
    memset(ctl, 'a', sizeof ctl);
    for (size_t i = 0; i < sizeof ctl; i += 10)
        ctl[i] = 0x01;
    assert_int_equal(OPS.sniff(ctl, sizeof ctl), 0);
    const char *utf = "BOGOT\xc3\x81, Jul 20 (EFE).- \xff\xfe Latin-1 is "
                      "still text\n";
    assert_int_equal(OPS.sniff(utf, strlen(utf)), 10);
    /* A headline-first article file of a news folder: one short line, a
     * blank line, a paragraph of prose. */
    const char *news = "Bakery chain to close twelve shops\n\nA regional "
                       "chain will close twelve shops. Staff keep jobs.\n";
    assert_int_equal(OPS.sniff(news, strlen(news)), 10);
    const char *no_blank = "Bakery chain to close twelve shops\nA regional "
                           "chain will close them.\n";
    assert_int_equal(OPS.sniff(no_blank, strlen(no_blank)), 0);
    const char *no_prose = "A list\n\nalpha\nbeta\ngamma\n";
    assert_int_equal(OPS.sniff(no_prose, strlen(no_prose)), 0);
    const char *sentence = "This is a sentence.\n\nAnd another one.\n";
    assert_int_equal(OPS.sniff(sentence, strlen(sentence)), 0);
    assert_string_equal(OPS.name, "text");
    OPS.close(NULL);
}

/* Without a separator line a file is one article: headline = the first
 * line, paragraphs kept. */
static void test_headline_first_file(void **state)
{
    (void)state;
    static const char text[] =
        "Bakery chain to close twelve shops\n\n"
        "A regional chain will close twelve shops.\n\n"
        "Staff will be offered other jobs.\n";
    wx_article a;
    wx_article_init(&a);
    wxt_read_one(&OPS, text, sizeof text - 1, &a);
    assert_string_equal(a.title, "Bakery chain to close twelve shops");
    assert_string_equal(a.body, "A regional chain will close twelve shops.\n"
                                "Staff will be offered other jobs.");
    wx_article_reset(&a);
}

/* A line over the record limit spoils its article only. */
static void test_overlong_line(void **state)
{
    (void)state;
    size_t big = (size_t)WX_MAX_RECORD_BYTES + 10;
    const char *tail = "\n----\nH\n\nLONDON (Reuters) - Kept.\n";
    size_t n = 6 + big + strlen(tail);
    char *s = malloc(n);
    assert_non_null(s);
    memcpy(s, "Head\n\n", 6);
    memset(s + 6, 'x', big);
    memcpy(s + 6 + big, tail, strlen(tail));
    yield y;
    read_mem("big", s, n, 0, &y);
    free(s);
    assert_int_equal(y.nskip, 1);
    assert_true(strncmp(y.skip[0], "big:3: ", 7) == 0);
    assert_int_equal(y.n, 1);
    wxt_expect_str(y.a[0].body, "LONDON (Reuters) - Kept.");
    yield_free(&y);
}

/* A body over WX_MAX_BODY_BYTES is skipped with a reason. */
static void test_body_limit(void **state)
{
    (void)state;
    size_t line = 1000, lines = (size_t)WX_MAX_BODY_BYTES / line + 2;
    size_t n = 16 + lines * (line + 1) + 64;
    char *s = malloc(n), *p = s;
    assert_non_null(s);
    p += snprintf(p, 32, "Head\n\nLONDON - ");
    for (size_t i = 0; i < lines; i++) {
        memset(p, 'y', line);
        p[line] = '\n';
        p += line + 1;
    }
    p += snprintf(p, 64, "----\nH\n\nPARIS (AFP) - Kept.\n");
    yield y;
    read_mem("body", s, (size_t)(p - s), 0, &y);
    free(s);
    assert_int_equal(y.nskip, 1);
    assert_true(strncmp(y.skip[0], "body:1: ", 8) == 0);
    assert_int_equal(y.n, 1);
    wxt_expect_str(y.a[0].agency, "AFP");
    yield_free(&y);
}

/* ---- dates ------------------------------------------------------------- */

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *text;
        int default_year;
        const char *date;
    } cases[] = {
        {"mem", "H\n\nPARIS, Nov 25 (AFP) - x.", 0, NULL},
        {"mem", "H\n\nPARIS, Nov 25 (AFP) - x.", 2019, "2019-11-25"},
        {"mem", "H\n\nNEW YORK, July 20, 2021 (Reuters) - x.", 1999,
         "2021-07-20"},
        {"mem", "H\n\nLONDON (Reuters) - x.", 2019, NULL},
        {"dir/wire_2019_11_25.txt", "H\n\nPARIS, Nov 25 (AFP) - x.", 0,
         "2019-11-25"},
        {"x-20191125-y.txt", "H\n\nPARIS, Nov 24 (AFP) - x.", 2000,
         "2019-11-24"},
        {"a-2022-01-01.txt", "H\n\nPARIS, Dec 31 (AFP) - x.", 0,
         "2021-12-31"},
        {"a-2021-12-31.txt", "H\n\nPARIS, Jan 1 (AFP) - x.", 0,
         "2022-01-01"},
        {"a-2021-07-20.txt", "H\n\nLONDON (Reuters) - x.", 0,
         "2021-07-20"},
        {"x120210720.txt", "H\n\nLONDON (Reuters) - x.", 0, NULL},
        {"2021-02-30.txt", "H\n\nLONDON (Reuters) - x.", 0, NULL},
        {"2019-2021-07-20.txt", "H\n\nLONDON (Reuters) - x.", 0,
         "2021-07-20"},
        {"a-2021-07-20.txt", "Title: T\nDate: 25 Nov 2019\n\nx.", 0,
         "2019-11-25"},
        {"mem", "Title: T\nDate: Mon, 25 Nov 2019 23:40:00 -0500\n\nx.", 0,
         "2019-11-25"},
        {"mem", "H\n\nBEIJING, Feb. 29 (Xinhua) -- x.", 2021, NULL},
        {"mem", "H\n\nBEIJING, Feb. 29 (Xinhua) -- x.", 2020,
         "2020-02-29"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        yield y;
        read_str(cases[i].name, cases[i].text, cases[i].default_year, &y);
        assert_int_equal(y.n, 1);
        if ((cases[i].date == NULL) != (y.a[0].date == NULL) ||
            (cases[i].date != NULL &&
             strcmp(cases[i].date, y.a[0].date) != 0))
            fail_msg("case %zu: want %s, got %s", i,
                     cases[i].date ? cases[i].date : "NULL",
                     y.a[0].date ? y.a[0].date : "NULL");
        yield_free(&y);
    }
}

/* ---- headline, section and lead heuristics ---------------------------- */

static void test_heuristics(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *topic, *title, *body, *byline;
    } cases[] = {
        /* The lead anchors: headline before it, section before that. */
        {"Crime & Justice\n\nHeadline\n\nBEIJING (Xinhua) -- x.",
         "Crime & Justice", "Headline", "BEIJING (Xinhua) -- x.", NULL},
        {"Home\n\nWorld\n\nA headline\n\nPARIS (AFP) - x.", "World",
         "A headline", "PARIS (AFP) - x.", NULL},
        {"A long headline that wraps\nonto a second line\n\n"
         "PARIS (AFP) - x.",
         NULL, "A long headline that wraps onto a second line",
         "PARIS (AFP) - x.", NULL},
        {"Sports\n\nHeadline\n\nBy Jane Doe\n\nWASHINGTON (AP) \xe2\x80\x94"
         " x.",
         "Sports", "Headline", "WASHINGTON (AP) \xe2\x80\x94 x.",
         "Jane Doe"},
        /* A sentence before the headline is not a section. */
        {"This is not a section.\n\nHeadline\n\nPARIS (AFP) - x.", NULL,
         "Headline", "PARIS (AFP) - x.", NULL},
        /* The lead first: no headline. */
        {"PARIS (AFP) - x.\n\ny.", NULL, NULL, "PARIS (AFP) - x.\ny.",
         NULL},
        /* No dateline anywhere. */
        {"Short headline\n\nFirst paragraph.\n\nSecond.", NULL,
         "Short headline", "First paragraph.\nSecond.", NULL},
        {"Economy\n\nExports rise\n\nText here.", "Economy", "Exports rise",
         "Text here.", NULL},
        {"Only a headline", NULL, "Only a headline", NULL, NULL},
        {"Only a sentence.", NULL, NULL, "Only a sentence.", NULL},
        {"A sentence.\n\nAnother.", NULL, NULL, "A sentence.\nAnother.",
         NULL},
        /* A quoted dateline deep in the text does not move the lead. */
        {"H\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nLONDON (Reuters) - x.",
         NULL, "H", "One.\nTwo.\nThree.\nFour.\nLONDON (Reuters) - x.",
         NULL},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        yield y;
        read_str("mem", cases[i].in, 0, &y);
        assert_int_equal(y.n, 1);
        wx_article *a = &y.a[0];
        if (cases[i].topic == NULL)
            assert_int_equal(a->topics.n, 0);
        else
            expect_list(&a->topics, &cases[i].topic, 1);
        wxt_expect_str(a->title, cases[i].title);
        wxt_expect_str(a->body, cases[i].body);
        wxt_expect_str(wx_article_meta(a, "byline"), cases[i].byline);
        yield_free(&y);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_fixture_copy_of_seed),
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_fixture_hash_ids),
        cmocka_unit_test(test_header_block),
        cmocka_unit_test(test_header_precedence),
        cmocka_unit_test(test_not_a_header),
        cmocka_unit_test(test_header_bad_date),
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_crlf_no_final_newline),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_nul_in_text),
        cmocka_unit_test(test_furniture),
        cmocka_unit_test(test_signoffs),
        cmocka_unit_test(test_empty_articles),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_headline_first_file),
        cmocka_unit_test(test_overlong_line),
        cmocka_unit_test(test_body_limit),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_heuristics),
        cmocka_unit_test(test_bullets_before_lead),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
