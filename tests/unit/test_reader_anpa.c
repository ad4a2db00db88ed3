/*
 * Unit tests for indexer/reader_anpa: the fixtures in fixtures/anpa/
 * (a story, an update and a kill, a message without text, broken
 * framing) against their .expected files; the header fields; control
 * codes never reaching the text; and detection.
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

#define OPS wx_reader_anpa

static void test_fixtures(void **state)
{
    (void)state;
    static const char *const files[] = {
        "fixtures/anpa/story.anp",
        "fixtures/anpa/update-and-kill.anp",
        "fixtures/anpa/no-text.anp",
        "fixtures/anpa/broken.anp",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        wxt_check_file(&OPS, files[i], NULL);
}

/* The header of the example, LF line ends, stray controls. */
static void test_header(void **state)
{
    (void)state;
    static const char msg[] =
        "\x16\x16\x01W2870asian f l BC-LT--Asia-Markets 2nd Ld a2801 "
        "03-12 0452\n\x02^Asian shares\x07 slip on rate fears<\n"
        "\tTOKYO (AP) _ Asian shares fell\x11 on Tuesday.\n\x03"
        "\n03-12-24 0155GMT\x04";
    wx_article a;
    wxt_read_one(&OPS, msg, sizeof msg - 1, &a);
    wxt_expect_str(a.title, "Asian shares slip on rate fears");
    wxt_expect_str(a.body, "TOKYO (AP) _ Asian shares fell on Tuesday.");
    wxt_expect_str(a.dateline, "TOKYO");
    wxt_expect_str(a.date, "2024-03-12T01:55:00");
    wxt_expect_str(wx_article_meta(&a, "service_level"), "W");
    wxt_expect_str(wx_article_meta(&a, "story_number"), "2870");
    wxt_expect_str(wx_article_meta(&a, "selector"), "asian");
    wxt_expect_str(wx_article_meta(&a, "priority"), "f");
    wxt_expect_str(wx_article_meta(&a, "category"), "l");
    wxt_expect_str(wx_article_meta(&a, "slug"), "BC-LT--Asia-Markets");
    wxt_expect_str(wx_article_meta(&a, "version"), "2nd Ld");
    wxt_expect_str(wx_article_meta(&a, "reference"), "a2801");
    wxt_expect_str(wx_article_meta(&a, "filing_date"), "03-12");
    wxt_expect_str(wx_article_meta(&a, "word_count"), "0452");
    wxt_expect_str(wx_article_meta(&a, "format"), NULL);
    wx_article_reset(&a);
}

/* Text that is not ANPA at all, forced: one skip naming the problem. */
static void test_not_anpa(void **state)
{
    (void)state;
    static const char text[] = "Just a plain paragraph.\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, text, strlen(text));
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_non_null(strstr(r.err.msg, "mem:1: no ANPA-1312 message"));
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wxt_run_close(&r);
}

static void test_sniff(void **state)
{
    (void)state;
    static const wxt_sniff_case cases[] = {
        {"\x16\x16\x01" "a0012 r a", 95, 95},
        {"\r\n\x16\x16\x01" "b1488cpstf r b", 95, 95},
        {"\x01" "a0012 r a BC-X 03-11 0100\r\n\x02text", 85, 85},
        {"\x01" "dpa0234 4 pl 0312\r\n\x02text", 0, 0},
        {"ZCZC AAP\r\n", 0, 0},
        {"plain text", 0, 0},
        {"", 0, 0},
    };
    static const char head[] = "\x16\x16\x01" "a0012  r a bc BC-X 03-11 01";
    wxt_check_sniff(&OPS, cases, sizeof cases / sizeof cases[0], "anpa1312",
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
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_not_anpa),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_junk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
