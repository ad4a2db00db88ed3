/*
 * Unit tests for common/wx_date: month names in every language the
 * wires use, header dates with times and zones, the calendar, ISO
 * output, and dateline dates without a year.
 */
#include "wx_date.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_months(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int m;
    } cases[] = {
        {"Jan", 1}, {"January", 1}, {"jan.", 1}, {"ene", 1}, {"GEN", 1},
        {"enero", 1}, {"Feb", 2}, {"feb.", 2}, {"f\xc3\xa9vrier", 2},
        {"F\xc3\x89VRIER", 2}, {"Mar", 3}, {"MARZO", 3},
        {"M\xc3\xa4rz", 3}, {"M\xc3\x84RZ", 3}, {"abr", 4}, {"Apr.", 4},
        {"April", 4}, {"May", 5}, {"MAG", 5}, {"mayo", 5}, {"Jun", 6},
        {"GIU", 6}, {"junio", 6}, {"Jul", 7}, {"Jul.", 7}, {"LUG", 7},
        {"julio", 7}, {"Aug", 8}, {"ago", 8}, {"AGO", 8}, {"agosto", 8},
        {"Sep", 9}, {"Sept.", 9}, {"sept", 9}, {"SET", 9},
        {"septiembre", 9}, {"setiembre", 9}, {"Oct", 10}, {"OTT", 10},
        {"octubre", 10}, {"Nov.", 11}, {"noviembre", 11}, {"Dec", 12},
        {"dic", 12}, {"DIC", 12}, {"diciembre", 12}, {"d\xc3\xa9\x63", 12},
        {"", 0}, {".", 0}, {"Ma", 0}, {"Mayo.", 5}, {"Monday", 0},
        {"Jul..", 0}, {"Julyy", 0},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int m = wx_date_month(cases[i].in, strlen(cases[i].in));
        if (m != cases[i].m)
            fail_msg("month \"%s\": got %d, want %d", cases[i].in, m,
                     cases[i].m);
    }
}

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *iso;      /* NULL: not a date */
        int tz_min;
    } cases[] = {
        {"2022-03-03T14:05:00Z", "2022-03-03T14:05:00", 0},
        {"2022-03-03", "2022-03-03", 0},
        {" 2019-11-26 ", "2019-11-26", 0},
        {"2022/03/03", "2022-03-03", 0},
        {"20220303", "2022-03-03", 0},
        {"2022-03-03 14:05:00+01:00", "2022-03-03T14:05:00", 60},
        {"2023-11-19T23:55:00-03:00", "2023-11-19T23:55:00", -180},
        {"2023-11-19T23:55:00.123+0530", "2023-11-19T23:55:00", 330},
        {"2022-03-03 14:05 GMT", "2022-03-03T14:05:00", 0},
        {"Mon, 25 Nov 2019 16:40:00 +0100", "2019-11-25T16:40:00", 60},
        {"Tue, 26 Nov 2019 01:00:00 EST", "2019-11-26T01:00:00", -300},
        {"25 Nov 2019", "2019-11-25", 0},
        {"July 4, 2023", "2023-07-04", 0},
        {"Nov. 25, 2019", "2019-11-25", 0},
        {"4 July 2023", "2023-07-04", 0},
        {"20 de julio de 2021", "2021-07-20", 0},
        {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01", 0},
        {"Feb 29, 2020", "2020-02-29", 0},
        {"2022-03-03 14:05 CET", "2022-03-03T14:05:00", 60},
        {"2022-07-03T14:05:00 CEST", "2022-07-03T14:05:00", 120},
        {"Sun, 3 Jul 2022 14:05:00 BST", "2022-07-03T14:05:00", 60},
        {"3 juillet 2022", "2022-07-03", 0},
        {"3. M\xc3\xa4rz 2022", "2022-03-03", 0},
        {"3 maart 2022", "2022-03-03", 0},
        {"3 marts 2022", "2022-03-03", 0},
        {"Jul 20, 2021 8:30 PM EST", "2021-07-20T20:30:00", -300},
        {"20210720T0830", "2021-07-20T08:30:00", 0},
        /* Not dates. */
        {"Feb 29, 2021", NULL, 0},
        {"2022-13-01", NULL, 0},
        {"2022-02-30", NULL, 0},
        {"July 4", NULL, 0},
        {"2021", NULL, 0},
        {"yesterday", NULL, 0},
        {"2022-03-03 and more", NULL, 0},
        {"2022-03-03T25:00:00", NULL, 0},
        {"", NULL, 0},
        {"202203031", NULL, 0},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        wx_date d;
        char iso[32] = "";
        bool ok = wx_date_parse(cases[i].in, strlen(cases[i].in),
                                         &d);
        if (ok)
            assert_true(wx_date_iso(&d, iso, sizeof iso) > 0);
        if (cases[i].iso == NULL) {
            if (ok)
                fail_msg("date \"%s\": parsed as %s", cases[i].in, iso);
            assert_int_equal(d.year, 0);
            continue;
        }
        if (!ok || strcmp(iso, cases[i].iso) != 0 ||
            d.tz_min != cases[i].tz_min)
            fail_msg("date \"%s\": ok %d, got %s tz %d", cases[i].in, ok,
                     iso, d.tz_min);
    }
}

static void test_iso_and_days(void **state)
{
    (void)state;
    char out[32];
    wx_date d = {.year = 2021, .month = 7, .day = 20};
    assert_int_equal(wx_date_iso(&d, out, sizeof out), 10);
    assert_string_equal(out, "2021-07-20");
    assert_int_equal(wx_date_iso(&d, out, 10), 0);   /* too small */
    d.month = 2, d.day = 29;
    assert_int_equal(wx_date_iso(&d, out, sizeof out), 0);
    d.year = 2000;
    assert_int_equal(wx_date_iso(&d, out, sizeof out), 10);
    assert_true(wx_date_valid_day(2024, 2, 29));
    assert_false(wx_date_valid_day(1900, 2, 29));
    assert_false(wx_date_valid_day(2023, 4, 31));
    assert_false(wx_date_valid_day(2023, 0, 1));
    assert_false(wx_date_valid_day(0, 1, 1));
    assert_true(wx_date_valid_day(2023, 12, 31));
}


/* Dateline dates: no year needed, the span ends where the date does. */
static void test_scan_day(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t span;        /* 0: not a date */
        int y, m, d;
    } cases[] = {
        {"Jul 20 (EFE)", 6, 0, 7, 20},
        {"Nov. 25, 2019 (AFP)", 13, 2019, 11, 25},
        {"12 MAG (ANSA)", 6, 0, 5, 12},
        {"3. M\xc3\xa4rz (dpa)", 8, 0, 3, 3},
        {"15 de julio de 2021 (EFE)", 19, 2021, 7, 15},
        {"January 21. /TASS/", 10, 0, 1, 21},
        {"Dec. 03, 2019 (GLOBE", 13, 2019, 12, 3},
        {"Feb 29 -", 6, 0, 2, 29},
        {"Feb 30 -", 0, 0, 0, 0},
        {"Feb 29, 2021", 0, 0, 0, 0},
        {"Monday", 0, 0, 0, 0},
        {"20 people", 0, 0, 0, 0},
        {"", 0, 0, 0, 0},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        wx_date d;
        size_t k = wx_date_scan_day(cases[i].in, strlen(cases[i].in), &d);
        if (k != cases[i].span ||
            (k > 0 && (d.year != cases[i].y || d.month != cases[i].m ||
                       d.day != cases[i].d)))
            fail_msg("\"%s\": span %zu, %d-%d-%d", cases[i].in, k, d.year,
                     d.month, d.day);
    }
    assert_true(wx_date_leap(2000));
    assert_false(wx_date_leap(1900));
    assert_true(wx_date_weekday("Tuesday", 7));
    assert_true(wx_date_weekday("mardi", 5));
    assert_false(wx_date_weekday("Tuesdays", 8));
    int z = 0;
    assert_true(wx_date_zone_name("CEST", 4, &z));
    assert_int_equal(z, 120);
    assert_false(wx_date_zone_name("XYZ", 3, &z));
}

/* Every byte at every position of a date: no crash, no overread. */
static void test_date_hostile(void **state)
{
    (void)state;
    const char *base = "Tue, 20 Jul 2021 08:30:00 +0200";
    size_t n = strlen(base);
    char buf[64];
    for (size_t pos = 0; pos < n; pos++)
        for (int c = 0; c < 256; c++) {
            memcpy(buf, base, n);
            buf[pos] = (char)c;
            wx_date d;
            if (wx_date_parse(buf, n, &d))
                assert_true(wx_date_valid_day(d.year, d.month, d.day));
            (void)wx_date_scan_day(buf, n, &d);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_iso_and_days),
        cmocka_unit_test(test_scan_day),
        cmocka_unit_test(test_date_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
