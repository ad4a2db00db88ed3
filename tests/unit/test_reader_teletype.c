/*
 * Unit tests for indexer/reader_teletype: the fixtures in
 * fixtures/teletype/ (a story, an update and a kill, a message without
 * text, broken framing) against their .expected files; header and
 * wire-end lines kept out of the text; and detection.
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

#define OPS wx_reader_teletype

static void test_fixtures(void **state)
{
    (void)state;
    static const char *const files[] = {
        "fixtures/teletype/story.tty",
        "fixtures/teletype/update-and-kill.tty",
        "fixtures/teletype/no-text.tty",
        "fixtures/teletype/broken.tty",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        wxt_check_file(&OPS, files[i], NULL);
}

/* Nothing of the frame reaches title or body; lines are counted. */
static void test_frame(void **state)
{
    (void)state;
    static const char msg[] =
        "noise before\n\nZCZC XYZ123 %ROUTE\n%MNETALL\nA headline =\n"
        "Body line one\ncontinues.\nMORE\nKNN\nNNNN\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, msg, strlen(msg));
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    wxt_expect_str(a.title, "A headline");
    wxt_expect_str(a.body, "Body line one continues.");
    wxt_expect_str(a.agency, NULL);
    wxt_expect_str(wx_article_meta(&a, "header"), "XYZ123 %ROUTE");
    assert_int_equal(a.src_line, 3);
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wx_article_reset(&a);
    wxt_run_close(&r);
}

static void test_sniff(void **state)
{
    (void)state;
    static const wxt_sniff_case cases[] = {
        {"ZCZC\r\nAAP", 95, 95},
        {"\r\n  ZCZC AAP %MNETALL\r\n", 95, 95},
        {"ZCZCX\n", 0, 0},
        {"Headline\nZCZC\n", 0, 0},
        {"\x01" "dpa0001 4 pl 0010\r\n\x02", 0, 0},
        {"", 0, 0},
    };
    static const char head[] = "ZCZC AAP %MNETALL\r\nNSW:Ferry\r\n";
    wxt_check_sniff(&OPS, cases, sizeof cases / sizeof cases[0], "teletype",
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
        cmocka_unit_test(test_frame),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_junk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
