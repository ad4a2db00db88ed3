/*
 * Unit tests for common/wx_article: string lists, field setters and
 * metadata, the canonical city and agency tables, date parsing, and
 * wx_article_finish() (clean-up, dropped dates, content-hash ids).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_article.h"
#include "wx_limits.h"
#include "wx_utf8.h"

#include <stdlib.h>
#include <string.h>

static void test_strlist(void **state)
{
    (void)state;
    wx_strlist l = { 0 };
    assert_int_equal(wx_strlist_add(&l, "usa", (size_t)-1), WX_OK);
    assert_int_equal(wx_strlist_add(&l, "ukxx", 2), WX_OK);
    assert_int_equal(wx_strlist_add_unique(&l, "USA", 3), WX_OK);
    assert_int_equal(wx_strlist_add_unique(&l, "us", (size_t)-1), WX_OK);
    assert_int_equal(wx_strlist_add_unique(&l, "uk", (size_t)-1), WX_OK);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.v[0], "usa");
    assert_string_equal(l.v[1], "uk");
    assert_string_equal(l.v[2], "us");
    wx_strlist_clear(&l);
    assert_int_equal(l.n, 0);
    assert_null(l.v);

    for (int i = 0; i < WX_MAX_LIST_ITEMS; i++)
        assert_int_equal(wx_strlist_add(&l, "x", 1), WX_OK);
    assert_int_equal(wx_strlist_add(&l, "x", 1), WX_ETOOBIG);
    assert_int_equal(l.n, WX_MAX_LIST_ITEMS);
    wx_strlist_clear(&l);
}

static void test_set_and_meta(void **state)
{
    (void)state;
    wx_article a;
    wx_article_init(&a);
    assert_int_equal(wx_article_set(&a.title, "  Hello world \n", (size_t)-1),
                     WX_OK);
    assert_string_equal(a.title, "Hello world");
    assert_int_equal(wx_article_set(&a.title, " abc ", 3), WX_OK);
    assert_string_equal(a.title, "ab");
    assert_int_equal(wx_article_set(&a.title, " \t\n", (size_t)-1), WX_OK);
    assert_null(a.title);
    assert_int_equal(wx_article_set(&a.body, NULL, 0), WX_OK);
    assert_null(a.body);

    assert_null(wx_article_meta(&a, "slug"));
    assert_int_equal(wx_article_add_meta(&a, "slug", "BC-Quake"), WX_OK);
    assert_int_equal(wx_article_add_meta(&a, "version", "2"), WX_OK);
    assert_int_equal(wx_article_add_meta(&a, NULL, "x"), WX_EINVAL);
    assert_int_equal(wx_article_add_meta(&a, "x", NULL), WX_EINVAL);
    assert_string_equal(wx_article_meta(&a, "slug"), "BC-Quake");
    assert_string_equal(wx_article_meta(&a, "version"), "2");
    assert_null(wx_article_meta(&a, "Slug"));
    assert_int_equal(a.meta_keys.n, a.meta_vals.n);
    wx_article_reset(&a);
    assert_null(a.title);
    assert_int_equal(a.meta_keys.n, 0);
    wx_article_reset(NULL);
}

static void test_canon_city(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "SALVADOR", "Salvador" },
        { "salvador", "Salvador" },
        { "NEW YORK", "New York" },
        { "  new   york ", "New York" },
        { "RIO DE JANEIRO", "Rio de Janeiro" },
        { "Rio De Janeiro", "Rio de Janeiro" },
        { "BUENOS AIRES", "Buenos Aires" },
        { "PORT OF SPAIN", "Port of Spain" },
        { "THE HAGUE", "The Hague" },
        { "LA PAZ", "La Paz" },
        { "LOS ANGELES", "Los Angeles" },
        { "AIX-EN-PROVENCE", "Aix-en-Provence" },
        { "SAINT-DENIS", "Saint-Denis" },
        { "FRANKFURT AM MAIN", "Frankfurt am Main" },
        { "DAR ES SALAAM", "Dar es Salaam" },
        { "SHARM EL-SHEIKH", "Sharm el-Sheikh" },
        { "N'DJAMENA", "N'Djamena" },
        { "L'AQUILA", "L'Aquila" },
        { "XI'AN", "Xi'an" },
        { "WASHINGTON D.C.", "Washington D.C." },
        { "SANTIAGO (CHILE)", "Santiago (Chile)" },
        { "ST. LOUIS", "St. Louis" },
        { "S\xC3\x83O PAULO", "S\xC3\xA3o Paulo" },                /* Sao */
        { "\xC3\x89VRY", "\xC3\x89vry" },                        /* Evry */
        { "\xC3\xA9vry", "\xC3\x89vry" },
        { "M\xC3\x9CNCHEN", "M\xC3\xBCnchen" },                  /* Munich */
        { "\xC5\x81\xC3\x93" "D\xC5\xB9", "\xC5\x81\xC3\xB3" "d\xC5\xBA" },
        /* Moskva in Cyrillic */
        { "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90",
          "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0" },
        /* Beijing in Han characters: no case, unchanged */
        { "\xE5\x8C\x97\xE4\xBA\xAC", "\xE5\x8C\x97\xE4\xBA\xAC" },
        { "", "" },
        { "   ", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *s = wx_article_canon_city(cases[i][0]);
        assert_non_null(s);
        assert_string_equal(s, cases[i][1]);
        free(s);
    }
    assert_null(wx_article_canon_city(NULL));
}

static void test_canon_agency(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "REUTER", "Reuters" }, { "Reuters", "Reuters" },
        { "reuters", "Reuters" }, { "Thomson Reuters", "Reuters" },
        { "AP", "AP" }, { "ap", "AP" }, { "Associated Press", "AP" },
        { "The Associated Press", "AP" }, { "APW", "AP" },
        { "A.P.", "AP" },
        { "AFP", "AFP" }, { "Agence France-Presse", "AFP" },
        { "Agence France Presse", "AFP" }, { "AGENCE FRANCE-PRESSE", "AFP" },
        { "efe", "EFE" }, { "EFE", "EFE" }, { "Agencia EFE", "EFE" },
        { "Xinhua", "Xinhua" }, { "XIN", "Xinhua" }, { "XINHUA", "Xinhua" },
        { "Xinhua News Agency", "Xinhua" },
        { "dpa", "dpa" }, { "DPA", "dpa" },
        { "Deutsche Presse-Agentur", "dpa" },
        { "ANSA", "ANSA" }, { "ansa", "ANSA" },
        { "UPI", "UPI" }, { "United Press International", "UPI" },
        { "Kyodo", "Kyodo" }, { "KYODO", "Kyodo" },
        { "Kyodo News", "Kyodo" },
        { "NYT", "NYT" }, { "New York Times", "NYT" },
        { "The New York Times", "NYT" },
        { "Bloomberg", "Bloomberg" }, { "BLOOMBERG NEWS", "Bloomberg" },
        { "TASS", "TASS" }, { "ITAR-TASS", "TASS" }, { "Tass", "TASS" },
        { "Yonhap", "Yonhap" }, { "YONHAP", "Yonhap" },
        { "PTI", "PTI" }, { "Press Trust of India", "PTI" },
        { "IANS", "IANS" }, { "AAP", "AAP" }, { "CNA", "CNA" },
        { "Anadolu", "Anadolu" }, { "Anadolu Agency", "Anadolu" },
        { "Europa Press", "Europa Press" }, { "EUROPA PRESS", "Europa Press" },
        { "Prensa Latina", "Prensa Latina" },
        { "PRENSA LATINA", "Prensa Latina" },
        { "IPS", "IPS" }, { "Inter Press Service", "IPS" },
        /* unknown: trimmed as given */
        { "  Daily Planet ", "Daily Planet" },
        { "Reutersx", "Reutersx" },
        { "APF", "APF" },
        { "", "" },
        { "---", "---" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *s = wx_article_canon_agency(cases[i][0]);
        assert_non_null(s);
        assert_string_equal(s, cases[i][1]);
        free(s);
    }
    assert_null(wx_article_canon_agency(NULL));
}

static void test_parse_date(void **state)
{
    (void)state;
    static const char *const good[][2] = {
        { "2021-07-20", "2021-07-20" },
        { " 2021-07-20 ", "2021-07-20" },
        { "2021-07-20T08:30:00", "2021-07-20T08:30:00" },
        { "2021-07-20T08:30:00Z", "2021-07-20T08:30:00" },
        { "2021-07-20T08:30", "2021-07-20T08:30:00" },
        { "2021-07-20 08:30:00.123", "2021-07-20T08:30:00" },
        { "2021-07-20T08:30:00+02:00", "2021-07-20T08:30:00" },
        { "2021-07-20T23:30:00-05:00", "2021-07-20T23:30:00" },
        { "2021-01-01T00:30:00+0100", "2021-01-01T00:30:00" },
        { "2020-02-28T23:00:00-02", "2020-02-28T23:00:00" },
        { "20210720", "2021-07-20" },
        { "20210720T083000Z", "2021-07-20T08:30:00" },
        { "20210720T0830", "2021-07-20T08:30:00" },
        { "20210720T083000+0000", "2021-07-20T08:30:00" },
        { "26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01" },
        { " 5-MAR-1987 09:12:34.56", "1987-03-05T09:12:34" },
        { "19-OCT-1987", "1987-10-19" },
        { "Jul 20, 2021", "2021-07-20" },
        { "July 20, 2021", "2021-07-20" },
        { "july 20 2021", "2021-07-20" },
        { "Sept. 3, 2021", "2021-09-03" },
        { "July 20th 2021", "2021-07-20" },
        { "Mar 1st, 2020", "2020-03-01" },
        { "20 Jul 2021", "2021-07-20" },
        { "20 July, 2021", "2021-07-20" },
        { "Tue, 20 Jul 2021 08:30:00 GMT", "2021-07-20T08:30:00" },
        { "Tue, 20 Jul 2021 08:30:00 +0200", "2021-07-20T08:30:00" },
        { "Tuesday, July 20, 2021", "2021-07-20" },
        { "Jul 20, 2021 8:30 PM", "2021-07-20T20:30:00" },
        { "Jul 20, 2021 12:05 AM", "2021-07-20T00:05:00" },
        { "Jul 20, 2021 8:30 PM EST", "2021-07-20T20:30:00" },
        { "2000-02-29", "2000-02-29" },
        { "2021-06-30T23:59:60Z", "2021-06-30T23:59:59" },
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        char out[WX_DATE_MAX];
        memset(out, 'x', sizeof out);
        bool ok = wx_article_parse_date(good[i][0], out, sizeof out);
        if (!ok)
            fail_msg("did not parse: \"%s\"", good[i][0]);
        assert_string_equal(out, good[i][1]);
    }
    static const char *const bad[] = {
        "", "   ", "garbage", "2021", "2021-07", "2021-13-01", "2021-00-10",
        "2021-02-29", "1900-02-29", "2021-04-31", "2021-07-20T24:00:00",
        "2021-07-20T12:60", "2021-07-20T12:00:00 junk", "2021-7-20",
        "20210732", "2021072", "32-JAN-1987", "26-FOO-1987",
        "26-FEB-87", "Jul 32, 2021", "Foo 20, 2021", "Jul 20",
        "Jul 20, 2021 13:00 PM", "Jul 20, 2021 0:30 AM", "2021-07-20T",
        "2021-07-20T08:30:00+2500", "Jul 20x, 2021", "0000-01-01",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char out[WX_DATE_MAX];
        if (wx_article_parse_date(bad[i], out, sizeof out))
            fail_msg("parsed but should not: \"%s\" -> \"%s\"", bad[i], out);
    }
    char small[11];
    assert_true(wx_article_parse_date("2021-07-20", small, sizeof small));
    assert_false(wx_article_parse_date("2021-07-20T08:00", small,
                                       sizeof small));
    assert_false(wx_article_parse_date(NULL, small, sizeof small));
}

static void test_finish_clean(void **state)
{
    (void)state;
    wx_article a;
    wx_article_init(&a);
    a.src_file = "x.txt";
    a.src_line = 3;
    wx_article_set(&a.title, "  Quake\thits\r\n M\xFCnchen \x1b[2J ", -1);
    wx_article_set(&a.body, "First para.\r\n\x07Second\x7F para\xC2\x85.\n\n",
                   -1);
    wx_article_set(&a.agency, "agence france-presse", -1);
    wx_article_set(&a.dateline, "RIO DE JANEIRO", -1);
    wx_article_set(&a.date, "26-FEB-1987 15:01:01.79", -1);
    wx_strlist_add(&a.topics, "earn", -1);
    wx_strlist_add(&a.topics, " \x01 ", -1);
    wx_strlist_add(&a.topics, " acq\n", -1);
    wx_article_add_meta(&a, "slug", " BC-Quake ");
    wx_article_add_meta(&a, "empty", " ");
    wx_article_add_meta(&a, "version", "2");

    size_t repairs = 99;
    wx_err err;
    wx_err_clear(&err);
    assert_int_equal(wx_article_finish(&a, &repairs, &err), WX_OK);
    assert_int_equal(repairs, 1);
    assert_string_equal(a.title, "Quake hits M\xC3\xBCnchen [2J");
    assert_string_equal(a.body, "First para.\nSecond para.");
    assert_string_equal(a.agency, "AFP");
    assert_string_equal(a.dateline, "Rio de Janeiro");
    assert_string_equal(a.date, "1987-02-26T15:01:01");
    assert_int_equal(a.topics.n, 2);
    assert_string_equal(a.topics.v[0], "earn");
    assert_string_equal(a.topics.v[1], "acq");
    assert_int_equal(a.meta_keys.n, 3);
    assert_int_equal(a.meta_vals.n, 3);
    /* The credit as written, kept beside the canonical agency. */
    assert_string_equal(wx_article_meta(&a, "credit"),
                        "agence france-presse");
    assert_string_equal(wx_article_meta(&a, "slug"), "BC-Quake");
    assert_null(wx_article_meta(&a, "empty"));
    assert_string_equal(wx_article_meta(&a, "version"), "2");
    assert_non_null(a.id);
    assert_int_equal(strlen(a.id), 17);
    assert_int_equal(a.id[0], 'h');
    wx_article_reset(&a);
}

static void test_finish_date_dropped(void **state)
{
    (void)state;
    wx_article a;
    wx_article_init(&a);
    wx_article_set(&a.body, "text", -1);
    wx_article_set(&a.date, "sometime last week", -1);
    assert_int_equal(wx_article_finish(&a, NULL, NULL), WX_OK);
    assert_null(a.date);
    assert_string_equal(a.body, "text");
    wx_article_reset(&a);
}

static void test_finish_id(void **state)
{
    (void)state;
    /* FNV-1a 64 over title "\n" body, computed independently. */
    static const struct {
        const char *title, *body, *id;
    } cases[] = {
        { "Title", "Body text", "h8b85f92930eec17c" },
        { NULL, "only body", "hdb157e639d3fea2d" },
        { "Only title", NULL, "ha85b5edd9a1d3e09" },
        { "Caf\xE9", "M\xC3\xBCnchen", "h7ab0eddc61c9c74f" },  /* repaired */
        { " Title ", "\n Body text\r\n", "h8b85f92930eec17c" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        wx_article a;
        wx_article_init(&a);
        wx_article_set(&a.title, cases[i].title, (size_t)-1);
        wx_article_set(&a.body, cases[i].body, (size_t)-1);
        assert_int_equal(wx_article_finish(&a, NULL, NULL), WX_OK);
        assert_string_equal(a.id, cases[i].id);
        wx_article_reset(&a);
    }
    /* A source id is kept (cleaned), never replaced by the hash. */
    wx_article a;
    wx_article_init(&a);
    wx_article_set(&a.id, " 12345 ", -1);
    wx_article_set(&a.title, "Title", -1);
    assert_int_equal(wx_article_finish(&a, NULL, NULL), WX_OK);
    assert_string_equal(a.id, "12345");
    wx_article_reset(&a);
}

static void test_finish_empty(void **state)
{
    (void)state;
    wx_article a;
    wx_article_init(&a);
    a.src_file = "reut2-017.sgm";
    a.src_line = 1234;
    wx_article_set(&a.agency, "Reuters", -1);
    /* Only control characters: nothing left after cleaning. */
    a.body = strdup("\x01\x02\r\n");
    assert_non_null(a.body);
    wx_err err;
    wx_err_clear(&err);
    assert_int_equal(wx_article_finish(&a, NULL, &err), WX_ENOTEXT);
    assert_int_equal(err.code, WX_ENOTEXT);
    assert_non_null(strstr(err.msg, "reut2-017.sgm:1234: "));
    assert_null(a.body);
    assert_null(a.id);
    wx_article_reset(&a);

    wx_article_init(&a);
    assert_int_equal(wx_article_finish(&a, NULL, NULL), WX_ENOTEXT);
    wx_article_reset(&a);

    /* An id alone is refused too: no search could ever find it. */
    wx_article_init(&a);
    wx_article_set(&a.id, "reuters21578-12793", -1);
    wx_err_clear(&err);
    assert_int_equal(wx_article_finish(&a, NULL, &err), WX_ENOTEXT);
    assert_non_null(strstr(err.msg, "reuters21578-12793 has neither title "
                                    "nor body"));
    wx_article_reset(&a);
}

static void test_finish_limits(void **state)
{
    (void)state;
    /* A title of "ü" repeated past the field limit is cut on a
     * character boundary, at or below the limit. */
    size_t n = WX_MAX_FIELD_BYTES + 101;
    char *t = malloc(n + 1);
    assert_non_null(t);
    t[0] = 'a';
    for (size_t i = 1; i + 1 < n; i += 2)
        t[i] = '\xC3', t[i + 1] = '\xBC';
    t[n] = '\0';
    wx_article a;
    wx_article_init(&a);
    a.title = t;
    assert_int_equal(wx_article_finish(&a, NULL, NULL), WX_OK);
    size_t len = strlen(a.title);
    assert_true(len <= WX_MAX_FIELD_BYTES);
    assert_true(len >= WX_MAX_FIELD_BYTES - 1);
    assert_true(wx_utf8_valid(a.title, len));
    wx_article_reset(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strlist),
        cmocka_unit_test(test_set_and_meta),
        cmocka_unit_test(test_canon_city),
        cmocka_unit_test(test_canon_agency),
        cmocka_unit_test(test_parse_date),
        cmocka_unit_test(test_finish_clean),
        cmocka_unit_test(test_finish_date_dropped),
        cmocka_unit_test(test_finish_id),
        cmocka_unit_test(test_finish_empty),
        cmocka_unit_test(test_finish_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
