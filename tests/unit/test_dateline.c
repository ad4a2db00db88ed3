/*
 * Unit tests for indexer/dateline: real-style leads per agency (city,
 * agency, date, where the story starts), sentences that must not match,
 * standalone dateline fields, sign-offs, month names and header dates.
 */
#include "indexer/dateline.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct lead_case {
    const char *in;
    const char *city;     /* NULL: must not be a dateline */
    const char *agency;
    int year, month, day;
    const char *rest;     /* the text at in + span */
} lead_case;

static const lead_case leads[] = {
    /* EFE, English and Spanish copy */
    {"Beijing, Jul 20 (EFE).- China responded on Tuesday", "Beijing",
     "EFE", 0, 7, 20, "China responded on Tuesday"},
    {"MADRID, 20 Jul. (EFE).- El Gobierno", "MADRID", "EFE", 0, 7, 20,
     "El Gobierno"},
    {"Bogot\xc3\xa1, 15 feb (EFE).- Las intensas lluvias",
     "Bogot\xc3\xa1", "EFE", 0, 2, 15, "Las intensas lluvias"},
    {"M\xc3\xa9xico, 3 ene (EFE).- El peso", "M\xc3\xa9xico", "EFE", 0, 1,
     3, "El peso"},
    {"Lima, 9 ago (EFE).- x", "Lima", "EFE", 0, 8, 9, "x"},
    {"Quito, 30 sept (EFE).- x", "Quito", "EFE", 0, 9, 30, "x"},
    {"Caracas, 24 dic (EFE).- x", "Caracas", "EFE", 0, 12, 24, "x"},
    {"Santiago de Chile, 11 abr (EFE).- x", "Santiago de Chile", "EFE", 0,
     4, 11, "x"},
    {"MADRID, 20 de julio de 2021 (EFE).- El", "MADRID", "EFE", 2021, 7,
     20, "El"},
    {"Beijing/Canberra, Jul 20 (EFE).- China", "Beijing", "EFE", 0, 7, 20,
     "China"},
    {"Buenos Aires, 5 may (EFE) .- La", "Buenos Aires", "EFE", 0, 5, 5,
     "La"},
    {"La Habana, 2 oct (EFE).-El", "La Habana", "EFE", 0, 10, 2, "El"},
    /* AP */
    {"WASHINGTON (AP) \xe2\x80\x94 The House", "WASHINGTON", "AP", 0, 0, 0,
     "The House"},
    {"NEW YORK (AP)\xe2\x80\x94The crowd", "NEW YORK", "AP", 0, 0, 0,
     "The crowd"},
    {"COLUMBUS, Ohio (AP) \xe2\x80\x94 A judge", "COLUMBUS", "AP", 0, 0, 0,
     "A judge"},
    {"ST. LOUIS (AP) \xe2\x80\x94 Cardinals", "ST. LOUIS", "AP", 0, 0, 0,
     "Cardinals"},
    {"WASHINGTON, D.C. (AP) -- x", "WASHINGTON", "AP", 0, 0, 0, "x"},
    {"LOS ANGELES (AP) \xe2\x80\x93 x", "LOS ANGELES", "AP", 0, 0, 0, "x"},
    {"WASHINGTON (AP) The House", "WASHINGTON", "AP", 0, 0, 0,
     "The House"},
    /* Reuters */
    {"LONDON (Reuters) - Sterling fell", "LONDON", "Reuters", 0, 0, 0,
     "Sterling fell"},
    {"NEW YORK, July 20, 2021 (Reuters) - Stocks", "NEW YORK", "Reuters",
     2021, 7, 20, "Stocks"},
    {"SAO PAULO/BRASILIA (Reuters) - Brazil", "SAO PAULO", "Reuters", 0, 0,
     0, "Brazil"},
    {"SAO PAULO / BRASILIA (Reuters) - Brazil", "SAO PAULO", "Reuters", 0,
     0, 0, "Brazil"},
    {"LONDON, March 3 (Reuters) - Oil", "LONDON", "Reuters", 0, 3, 3,
     "Oil"},
    {"ZURICH, March 3 (Reuters) - Swiss", "ZURICH", "Reuters", 0, 3, 3,
     "Swiss"},
    {"HONG KONG, Jan 2 (Reuters) - x", "HONG KONG", "Reuters", 0, 1, 2,
     "x"},
    {"SALVADOR, Feb 26 - Showers continued", "SALVADOR", "", 0, 2, 26,
     "Showers continued"},
    {"  NEW YORK, March 2 - x", "NEW YORK", "", 0, 3, 2, "x"},
    {"WELLINGTON, Feb 27 - x", "WELLINGTON", "", 0, 2, 27, "x"},
    {"BUENOS AIRES, Feb 26 -", "BUENOS AIRES", "", 0, 2, 26, ""},
    {"LONDON (Reuter) - x", "LONDON", "Reuters", 0, 0, 0, "x"},
    /* AFP */
    {"PARIS, Nov 25 (AFP) - Hundreds", "PARIS", "AFP", 0, 11, 25,
     "Hundreds"},
    {"NAIROBI, Feb 3 (AFP) - x", "NAIROBI", "AFP", 0, 2, 3, "x"},
    {"PARIS, July 20th (AFP) - x", "PARIS", "AFP", 0, 7, 20, "x"},
    {"GENEVA, Sept 12 (AFP) - abc", "GENEVA", "AFP", 0, 9, 12, "abc"},
    /* Xinhua */
    {"BEIJING, Nov. 25 (Xinhua) -- China's foreign trade", "BEIJING",
     "Xinhua", 0, 11, 25, "China's foreign trade"},
    {"CAIRO, Sept. 12 (Xinhua) -- x", "CAIRO", "Xinhua", 0, 9, 12, "x"},
    /* dpa */
    {"BERLIN, March 3 (dpa) - Orders", "BERLIN", "dpa", 0, 3, 3,
     "Orders"},
    {"Berlin (dpa) - x", "Berlin", "dpa", 0, 0, 0, "x"},
    {"FRANKFURT (DPA) - x", "FRANKFURT", "dpa", 0, 0, 0, "x"},
    {"Frankfurt am Main (dpa) - x", "Frankfurt am Main", "dpa", 0, 0, 0,
     "x"},
    /* ANSA, Italian months */
    {"ROME, 12 MAG (ANSA) - A cycle", "ROME", "ANSA", 0, 5, 12,
     "A cycle"},
    {"MILANO, 3 GIU (ANSA) - x", "MILANO", "ANSA", 0, 6, 3, "x"},
    {"ROMA, 1 LUG (ANSA) - x", "ROMA", "ANSA", 0, 7, 1, "x"},
    {"NAPOLI, 15 OTT (ANSA) - x", "NAPOLI", "ANSA", 0, 10, 15, "x"},
    {"TORINO, 7 GEN (ANSA) - x", "TORINO", "ANSA", 0, 1, 7, "x"},
    {"L'AQUILA, 6 APR (ANSA) - x", "L'AQUILA", "ANSA", 0, 4, 6, "x"},
    /* Kyodo, UPI and the rest of the table */
    {"TOKYO, Jan. 5 (Kyodo) -- A major", "TOKYO", "Kyodo", 0, 1, 5,
     "A major"},
    {"OSAKA (KYODO) -- x", "OSAKA", "Kyodo", 0, 0, 0, "x"},
    {"WASHINGTON, Feb. 2 (UPI) -- NASA", "WASHINGTON", "UPI", 0, 2, 2,
     "NASA"},
    {"SYDNEY, Aug 1 (AAP) - x", "SYDNEY", "AAP", 0, 8, 1, "x"},
    {"NEW DELHI, Oct 4 (PTI) - x", "NEW DELHI", "PTI", 0, 10, 4, "x"},
    {"Mumbai, Oct 4 (IANS) x", "Mumbai", "IANS", 0, 10, 4, "x"},
    {"SEOUL, June 9 (Yonhap) -- x", "SEOUL", "Yonhap", 0, 6, 9, "x"},
    {"MOSCOW, April 2 (TASS) - x", "MOSCOW", "TASS", 0, 4, 2, "x"},
    {"MOSCOW (ITAR-TASS) - x", "MOSCOW", "TASS", 0, 0, 0, "x"},
    {"TAIPEI (CNA) - x", "TAIPEI", "CNA", 0, 0, 0, "x"},
    {"ANKARA (Anadolu) - x", "ANKARA", "Anadolu", 0, 0, 0, "x"},
    {"ISTANBUL (AA) - x", "ISTANBUL", "Anadolu", 0, 0, 0, "x"},
    {"Sevilla, 4 mar (Europa Press) - x", "Sevilla", "Europa Press", 0, 3,
     4, "x"},
    {"LA HABANA, 4 mar (Prensa Latina) - x", "LA HABANA", "Prensa Latina",
     0, 3, 4, "x"},
    {"UNITED NATIONS, Mar 4 (IPS) - x", "UNITED NATIONS", "IPS", 0, 3, 4,
     "x"},
    {"NEW YORK (Bloomberg) -- x", "NEW YORK", "Bloomberg", 0, 0, 0, "x"},
    {"PARIS (AFP/Reuters) - x", "PARIS", "AFP", 0, 0, 0, "x"},
    /* An agency outside the table, followed by a dash: kept as printed. */
    {"KUALA LUMPUR (Bernama) - x", "KUALA LUMPUR", "Bernama", 0, 0, 0,
     "x"},
    /* Other languages' months and odd spacing. */
    {"PARIS, 25 nov. (AFP) - x", "PARIS", "AFP", 0, 11, 25, "x"},
    {"BERLIN, 3. M\xc3\xa4rz (dpa) - x", "BERLIN", "dpa", 0, 3, 3, "x"},
    {"GEN\xc3\x88VE, 2 d\xc3\xa9\x63 (AFP) - x", "GEN\xc3\x88VE", "AFP", 0,
     12, 2, "x"},
    {"S\xc3\x83O PAULO, 2 DEZ (Reuters) - x", "S\xc3\x83O PAULO",
     "Reuters", 0, 12, 2, "x"},
    {"LONDON - The", "LONDON", "", 0, 0, 0, "The"},
    {"LONDON \xe2\x80\x94 The", "LONDON", "", 0, 0, 0, "The"},
    {"Rio de Janeiro, 3 mar (EFE).- x", "Rio de Janeiro", "EFE", 0, 3, 3,
     "x"},
    {"PORT-AU-PRINCE (AP) \xe2\x80\x94 x", "PORT-AU-PRINCE", "AP", 0, 0, 0,
     "x"},
    {"Feb 29 leap: BEIJING, Feb. 29 (Xinhua) -- x", NULL, NULL, 0, 0, 0,
     NULL},
    {"BEIJING, Feb. 29 (Xinhua) -- x", "BEIJING", "Xinhua", 0, 2, 29, "x"},
    {"BEIJING, Feb. 29, 2021 (Xinhua) -- x", NULL, NULL, 0, 0, 0, NULL},

    /* Not datelines: ordinary sentences and near misses. */
    {"The White House said on Monday (AP) that", NULL, NULL, 0, 0, 0,
     NULL},
    {"The White House said on Monday that China", NULL, NULL, 0, 0, 0,
     NULL},
    {"China responded on Tuesday (EFE) - x", NULL, NULL, 0, 0, 0, NULL},
    {"London - The", NULL, NULL, 0, 0, 0, NULL},
    {"Monday (AP) - x", NULL, NULL, 0, 0, 0, NULL},
    {"MAY (AP) - x", NULL, NULL, 0, 0, 0, NULL},
    {"Overall, May 5 was a good day", NULL, NULL, 0, 0, 0, NULL},
    {"Apple Inc (AAPL.O) - shares", NULL, NULL, 0, 0, 0, NULL},
    {"beijing, Jul 20 (EFE).- x", NULL, NULL, 0, 0, 0, NULL},
    {"ONE TWO THREE FOUR FIVE SIX (AP) - x", NULL, NULL, 0, 0, 0, NULL},
    {"BEIJING, Feb 30 (Xinhua) - x", NULL, NULL, 0, 0, 0, NULL},
    {"PARIS, Nov 25 the police said", NULL, NULL, 0, 0, 0, NULL},
    {"PARIS (said the minister) - x", NULL, NULL, 0, 0, 0, NULL},
    {"PARIS, (AFP) - x", NULL, NULL, 0, 0, 0, NULL},
    {"WASHINGTON, Ohio", NULL, NULL, 0, 0, 0, NULL},
    {"LONDON-based banks said", NULL, NULL, 0, 0, 0, NULL},
    {"\xe2\x80\x9cLONDON (Reuters) - x", NULL, NULL, 0, 0, 0, NULL},
    {"2021 (Reuters) - x", NULL, NULL, 0, 0, 0, NULL},
    {"", NULL, NULL, 0, 0, 0, NULL},
    {"   ", NULL, NULL, 0, 0, 0, NULL},
    {"(Reuters) - x", "", "Reuters", 0, 0, 0, "x"},
    {"Rio de (EFE) - x", NULL, NULL, 0, 0, 0, NULL},
    {"LONDON (Reuters", NULL, NULL, 0, 0, 0, NULL},
};

static void test_leads(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(leads); i++) {
        const lead_case *c = &leads[i];
        wx_dateline d;
        memset(&d, 0x5A, sizeof d);
        bool ok = wx_dateline_parse_lead(c->in, strlen(c->in), &d);
        if (ok != (c->city != NULL))
            fail_msg("case %zu \"%s\": parse returned %d", i, c->in, ok);
        if (!ok) {
            /* On failure everything is zero. */
            assert_string_equal(d.city, "");
            assert_string_equal(d.agency, "");
            assert_int_equal(d.month, 0);
            assert_int_equal(d.span, 0);
            continue;
        }
        if (strcmp(d.city, c->city) != 0 ||
            strcmp(d.agency, c->agency) != 0 || d.year != c->year ||
            d.month != c->month || d.day != c->day)
            fail_msg("case %zu \"%s\": got city \"%s\" agency \"%s\" "
                     "%d-%d-%d", i, c->in, d.city, d.agency, d.year,
                     d.month, d.day);
        size_t want = strlen(c->in) - strlen(c->rest);
        if (d.span != want || strcmp(c->in + d.span, c->rest) != 0)
            fail_msg("case %zu \"%s\": span %zu, want %zu", i, c->in,
                     d.span, want);
    }
}

/* A lead is only looked at up to n: the rest of the buffer is unread. */
static void test_lead_bounded(void **state)
{
    (void)state;
    const char *s = "LONDON (Reuters) - x";
    wx_dateline d;
    assert_false(wx_dateline_parse_lead(s, 6, &d));
    assert_false(wx_dateline_parse_lead(s, 15, &d));
    /* "LONDON (Reuters)" alone is a headline's credit, not a dateline. */
    assert_false(wx_dateline_parse_lead(s, 16, &d));
    assert_true(wx_dateline_parse_lead(s, 18, &d));
    assert_string_equal(d.city, "LONDON");
    assert_int_equal(d.span, 18);
    /* A city too long for the fixed array is refused, not cut. */
    char big[400];
    memset(big, 'A', sizeof big);
    memcpy(big + 300, " (AP) - x", 9);
    assert_false(wx_dateline_parse_lead(big, 309, &d));
}

typedef struct field_case {
    const char *in;
    const char *city;     /* NULL: no city */
    const char *agency;
    int year, month, day;
} field_case;

static const field_case fields[] = {
    {"    SALVADOR, Feb 26 - ", "SALVADOR", "", 0, 2, 26},
    {"Beijing", "Beijing", "", 0, 0, 0},
    {"WASHINGTON, May 12 (AFP) -", "WASHINGTON", "AFP", 0, 5, 12},
    {"PARIS", "PARIS", "", 0, 0, 0},
    {"NEW YORK", "NEW YORK", "", 0, 0, 0},
    {"salvador", "salvador", "", 0, 0, 0},
    {"Rio de Janeiro, Brazil", "Rio de Janeiro", "", 0, 0, 0},
    {"SAO PAULO/BRASILIA", "SAO PAULO", "", 0, 0, 0},
    {"NAIROBI, Feb 3 (AFP) -", "NAIROBI", "AFP", 0, 2, 3},
    {"  TOKYO, Jan. 5, 2020 (Kyodo) --  ", "TOKYO", "Kyodo", 2020, 1, 5},
    {"Bogot\xc3\xa1, 15 feb (EFE).-", "Bogot\xc3\xa1", "EFE", 0, 2, 15},
    /* Outside the grammar: the text up to the first stop. */
    {"LONDON, 12.3.2021", "LONDON", "", 0, 0, 0},
    {"the city of Quito (x)", "the city of Quito", "", 0, 0, 0},
    {"", NULL, NULL, 0, 0, 0},
    {"   ", NULL, NULL, 0, 0, 0},
    {", Feb 26", NULL, NULL, 0, 0, 0},
    {"(AFP) -", NULL, NULL, 0, 0, 0},
};

static void test_fields(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(fields); i++) {
        const field_case *c = &fields[i];
        wx_dateline d;
        bool ok = wx_dateline_parse_field(c->in, strlen(c->in), &d);
        if (ok != (c->city != NULL))
            fail_msg("field %zu \"%s\": returned %d (city \"%s\")", i,
                     c->in, ok, d.city);
        if (!ok) {
            assert_string_equal(d.city, "");
            continue;
        }
        if (strcmp(d.city, c->city) != 0 ||
            strcmp(d.agency, c->agency) != 0 || d.year != c->year ||
            d.month != c->month || d.day != c->day)
            fail_msg("field %zu \"%s\": got city \"%s\" agency \"%s\" "
                     "%d-%d-%d", i, c->in, d.city, d.agency, d.year,
                     d.month, d.day);
    }
}

static void test_signoff_lines(void **state)
{
    (void)state;
    static const struct {
        const char *in, *canon;
    } cases[] = {
        {"EFE", "EFE"}, {"  EFE  ", "EFE"}, {"AFP", "AFP"},
        {"(Reuters)", "Reuters"}, {"( Reuters )", "Reuters"},
        {"Reuters", "Reuters"}, {"REUTER", "Reuters"}, {"AP", "AP"},
        {"dpa", "dpa"}, {"ANSA", "ANSA"}, {"Xinhua", "Xinhua"},
        {"Enditem", "Xinhua"}, {"(AP)", "AP"}, {"(AA)", "Anadolu"},
        {"AA", NULL}, {"(Enditem)", NULL}, {"EFE xx/yy", NULL},
        {"The end", NULL}, {"", NULL}, {"()", NULL}, {"(", NULL},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        const char *got = wx_dateline_signoff(cases[i].in,
                                              strlen(cases[i].in));
        if (cases[i].canon == NULL ? got != NULL
                                   : got == NULL ||
                                     strcmp(got, cases[i].canon) != 0)
            fail_msg("sign-off \"%s\": got %s", cases[i].in,
                     got ? got : "NULL");
    }
}

static void test_signoff_tail(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *keep;     /* NULL: unchanged */
        const char *canon;
    } cases[] = {
        {"such as technology and diplomacy. EFE",
         "such as technology and diplomacy.", "EFE"},
        {"the office said.  AFP  ", "the office said.", "AFP"},
        {"the office said. (Reuters)", "the office said.", "Reuters"},
        {"the office said.\nReuters", "the office said.", "Reuters"},
        {"he said. REUTERS", "he said.", "Reuters"},
        {"he said. Reuter", "he said.", "Reuters"},
        {"he said.\" AP", "he said.\"", "AP"},
        {"he said.\xe2\x80\x9d dpa", "he said.\xe2\x80\x9d", "dpa"},
        {"figure, the administration said. Enditem",
         "figure, the administration said.", "Xinhua"},
        {"Was it? ANSA", "Was it?", "ANSA"},
        /* Not sign-offs. */
        {"he told AP", NULL, NULL},
        {"he said EFE", NULL, NULL},
        {"EFE", NULL, NULL},
        {"it fell. Dpa", NULL, NULL},
        {"it fell. Efe", NULL, NULL},
        {"it fell. Kyodo", NULL, NULL},
        {"it fell. EFEX", NULL, NULL},
        {"it fell.EFE", NULL, NULL},
        {"it fell. (Bernama)", NULL, NULL},
        {"", NULL, NULL},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        const char *in = cases[i].in, *ag = "unset";
        size_t n = strlen(in);
        size_t keep = wx_dateline_strip_signoff(in, n, &ag);
        if (cases[i].keep == NULL) {
            if (keep != n || strcmp(ag, "unset") != 0)
                fail_msg("tail \"%s\": cut to %zu", in, keep);
            continue;
        }
        if (keep != strlen(cases[i].keep) ||
            memcmp(in, cases[i].keep, keep) != 0 ||
            strcmp(ag, cases[i].canon) != 0)
            fail_msg("tail \"%s\": kept %zu, agency %s", in, keep, ag);
    }
    /* *agency may be NULL. */
    assert_int_equal(wx_dateline_strip_signoff("x. EFE", 6, NULL), 2);
}

/* Every byte value at every position of a lead: no crash, no overread
 * (run under ASan), and a returned span inside the input. */
static void test_hostile_bytes(void **state)
{
    (void)state;
    const char *base = "BEIJING, Nov. 25 (Xinhua) -- x";
    size_t n = strlen(base);
    char buf[64];
    for (size_t pos = 0; pos < n; pos++)
        for (int c = 0; c < 256; c++) {
            memcpy(buf, base, n);
            buf[pos] = (char)c;
            wx_dateline d;
            if (wx_dateline_parse_lead(buf, n, &d))
                assert_true(d.span <= n);
            if (wx_dateline_parse_field(buf, n, &d))
                assert_true(d.span <= n);
            (void)wx_dateline_strip_signoff(buf, n, NULL);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leads),
        cmocka_unit_test(test_lead_bounded),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_signoff_lines),
        cmocka_unit_test(test_signoff_tail),
        cmocka_unit_test(test_hostile_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
