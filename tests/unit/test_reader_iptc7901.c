/*
 * Unit tests for indexer/reader_iptc7901: the fixtures in
 * fixtures/iptc7901/ (a dpa story with a keyword block, an update and a
 * kill, a service message without text, broken framing) against their
 * .expected files; header forms; titles free of keyword lines, version
 * lines, bylines and the trailing '='; and detection against ANPA.
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

#define OPS wx_reader_iptc7901

static void test_fixtures(void **state)
{
    (void)state;
    static const char *const files[] = {
        "fixtures/iptc7901/story-dpa.ipt",
        "fixtures/iptc7901/update-and-kill.ipt",
        "fixtures/iptc7901/no-text.ipt",
        "fixtures/iptc7901/broken.ipt",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        wxt_check_file(&OPS, files[i], NULL);
}

/* One message per row: the title must come out clean. */
static const struct title_case {
    const char *text, *title, *version, *byline;
} titles[] = {
    {"Kw/\n2ND LEAD\nHeadline here =\nBody.\n", "Headline here", "2ND LEAD",
     NULL},
    {"Kw/\nHeadline here=\nBy John Smith\n   Body.\n", "Headline here",
     NULL, "By John Smith"},
    {"Nahost Konflikt\nZUSAMMENFASSUNG\nWaffenruhe hält =\n   Text.\n",
     "Waffenruhe hält", "ZUSAMMENFASSUNG", NULL},
    {"Kw/\n\n\nLate headline =\n   Text. =\n", "Late headline", NULL, NULL},
};

static void test_titles(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
        char msg[512];
        int n = snprintf(msg, sizeof msg, "\x01" "dpa 0001 4 pl 0010\r\n"
                         "\x02%s\x03\x04", titles[i].text);
        wx_article a;
        wxt_read_one(&OPS, msg, (size_t)n, &a);
        if (a.title == NULL || strcmp(a.title, titles[i].title) != 0)
            fail_msg("case %zu: title \"%s\"", i, a.title ? a.title : "");
        wxt_expect_str(wx_article_meta(&a, "version"), titles[i].version);
        wxt_expect_str(wx_article_meta(&a, "byline"), titles[i].byline);
        wxt_expect_str(wx_article_meta(&a, "message_number"), "0001");
        wx_article_reset(&a);
    }
}

static void test_sniff(void **state)
{
    (void)state;
    static const wxt_sniff_case cases[] = {
        {"\x01" "dpa0234 4 pl 0312\r\n\x02" "Kw/", 90, 90},
        {"\r\n\x01" "ats 0101 3 pol 0150\r\n\x02" "Kw/", 90, 90},
        {"\x01" "dpa0234 4 pl 0312\r\n", 0, 0},
        {"\x16\x16\x01" "a0012 r a\r\n\x02", 0, 0},
        {"\x01" "a0012 r a BC-X\r\n\x02", 0, 0},
        {"plain text", 0, 0},
        {"", 0, 0},
    };
    static const char head[] = "\x01" "dpa0234 4 pl 0312\r\n\x02" "Kw/\r\n";
    wxt_check_sniff(&OPS, cases, sizeof cases / sizeof cases[0], "iptc7901",
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
        cmocka_unit_test(test_titles),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_junk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
