/*
 * Unit tests for indexer/dateline: real-style leads per agency (city,
 * agency, date, where the story starts), sentences that must not match,
 * a corpus of 250+ leads in every shape scored for precision and
 * recall, the fields the record keeps, standalone dateline fields,
 * metadata places and sign-offs.
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

/* ---- the lead corpus: precision and recall --------------------------- */

typedef struct corpus_case {
    const char *in;
    const char *city;      /* NULL: no dateline */
    const char *date;      /* "M-D", "Y-M-D" or "" */
    const char *agency;    /* canonical, or "" */
} corpus_case;

/*
 * The held-out style corpus of leads, written for this test in the shapes
 * the issue lists. P(lead, city, date, agency): city "" is a dateline
 * with a credit and no place; date is "M-D" or "Y-M-D" ("" for none);
 * agency is canonical ("" for none). N(lead): no dateline at all.
 */
#define P(l, c, d, a) {l, c, d, a}
#define N(l) {l, NULL, "", ""}

static const corpus_case corpus[] = {
    /* Reuters, English: the classic shapes, states, agency only. */
    P("LONDON (Reuters) - British factory output rose in March",
      "LONDON", "", "Reuters"),
    P("NEW YORK (Reuters) - Wall Street ended higher on Friday",
      "NEW YORK", "", "Reuters"),
    P("TOKYO (Reuters) - The yen slipped against the dollar",
      "TOKYO", "", "Reuters"),
    P("BEIRUT (Reuters) - Gunmen opened fire on a convoy", "BEIRUT", "",
      "Reuters"),
    P("KABUL (Reuters) - A suicide bomber struck near the airport",
      "KABUL", "", "Reuters"),
    P("LIMA, Jan 21 (Reuters) - Peru's central bank held rates", "LIMA",
      "1-21", "Reuters"),
    P("SANTIAGO, March 4 (Reuters) - Copper output fell", "SANTIAGO",
      "3-4", "Reuters"),
    P("FRANKFURT, Sept 9 (Reuters) - German bond yields rose",
      "FRANKFURT", "9-9", "Reuters"),
    P("SINGAPORE, Oct 2 (Reuters) - Oil prices steadied", "SINGAPORE",
      "10-2", "Reuters"),
    P("MUMBAI, Nov 14 (Reuters) - Indian shares hit a record", "MUMBAI",
      "11-14", "Reuters"),
    P("JACKSON, Miss. (Reuters) - A federal judge blocked the law",
      "JACKSON", "", "Reuters"),
    P("SACRAMENTO, Calif. (Reuters) - California lawmakers approved",
      "SACRAMENTO", "", "Reuters"),
    P("COLORADO SPRINGS, Colo. (Reuters) - A gunman killed five",
      "COLORADO SPRINGS", "", "Reuters"),
    P("AUSTIN, Texas (Reuters) - The governor signed the bill", "AUSTIN",
      "", "Reuters"),
    P("NAIROBI, Kenya (Reuters) - Floods displaced thousands", "NAIROBI",
      "", "Reuters"),
    P("(Reuters) - Alabama officials said on Tuesday that a storm",
      "", "", "Reuters"),
    P("(Reuters) - Exxon Mobil Corp reported higher profit", "", "",
      "Reuters"),
    P("(Reuters) - Shares of Tesla fell 5 percent", "", "", "Reuters"),
    P("(In this Dec. 13 story, corrects third paragraph to say 12, not "
      "11) WASHINGTON (Reuters) - The Senate voted", "WASHINGTON", "",
      "Reuters"),
    P("(Corrects spelling of minister's name in paragraph 4) PARIS "
      "(Reuters) - France will raise", "PARIS", "", "Reuters"),
    P("SAO PAULO/BRASILIA (Reuters) - Brazil's government said",
      "SAO PAULO", "", "Reuters"),
    P("BEIRUT/JERUSALEM (Reuters) - Israeli jets struck", "BEIRUT", "",
      "Reuters"),
    P("* Shares fall 3 pct\n* Analysts see weak quarter\nTOKYO (Reuters) "
      "- Sony shares fell", "TOKYO", "", "Reuters"),
    P("* Oil at six-week low\n* Dollar firm\n* Gold flat\nLONDON, May 5 "
      "(Reuters) - Oil fell", "LONDON", "5-5", "Reuters"),
    P("WASHINGTON, July 20, 2021 (Reuters) - The Federal Reserve",
      "WASHINGTON", "2021-7-20", "Reuters"),
    P("NEW DELHI (Reuters) - India's monsoon rains were", "NEW DELHI", "",
      "Reuters"),
    P("JOHANNESBURG (Reuters) - South Africa's rand firmed",
      "JOHANNESBURG", "", "Reuters"),
    P("ST. LOUIS (Reuters) - A jury found", "ST. LOUIS", "", "Reuters"),
    P("WASHINGTON, D.C. (Reuters) - Protesters gathered", "WASHINGTON",
      "", "Reuters"),
    P("LONDON (Reuter) - Sterling closed firmer", "LONDON", "",
      "Reuters"),
    P("MEXICO CITY (Reuters) - Mexico's president said", "MEXICO CITY", "",
      "Reuters"),
    P("HONG KONG, Feb 3 (Reuters) - Hong Kong shares rose", "HONG KONG",
      "2-3", "Reuters"),
    P("SEATTLE (reuters.com) - Amazon said", "SEATTLE", "", "Reuters"),
    /* Reuters-21578 style: no credit, date and dash. */
    P("SALVADOR, Feb 26 - Showers continued throughout the week",
      "SALVADOR", "2-26", ""),
    P("HOUSTON, Feb 26 - Texaco said", "HOUSTON", "2-26", ""),
    P("CHICAGO, March 3 - Grain futures closed", "CHICAGO", "3-3", ""),
    P("BONN, March 2 - West German industry", "BONN", "3-2", ""),
    P("PHOENIXVILLE, Pa., March 20 - The company said", "PHOENIXVILLE",
      "3-20", ""),
    P("EDISON, N.J., April 3 - Shareholders approved", "EDISON", "4-3",
      ""),
    P("ANGLETON, Tex. March 3 - Oper shr 26 cts", "ANGLETON", "3-3", ""),
    P("WASHINGTON, March 12, Reuter - A U.S. judge", "WASHINGTON", "3-12",
      "Reuters"),
    /* AP: em dash, states, underscore dash. */
    P("WASHINGTON (AP) \xe2\x80\x94 The House voted", "WASHINGTON", "",
      "AP"),
    P("COLUMBUS, Ohio (AP) \xe2\x80\x94 A judge ruled", "COLUMBUS", "",
      "AP"),
    P("INDEPENDENCE, Mo. _ A tornado tore through", "INDEPENDENCE", "",
      ""),
    P("INDEPENDENCE, Mo. (AP) _ A tornado tore through", "INDEPENDENCE",
      "", "AP"),
    P("MIAMI _ The angry crowd gathered outside", "MIAMI", "", ""),
    P("MIAMI (AP) _ The angry crowd gathered", "MIAMI", "", "AP"),
    P("BOSTON (AP) -- Red Sox pitcher", "BOSTON", "", "AP"),
    P("ATLANTA (AP) \xe2\x80\x94 Delta said", "ATLANTA", "", "AP"),
    P("TULSA, Okla. (AP) \xe2\x80\x94 Police said", "TULSA", "", "AP"),
    P("PORTLAND, Ore. (AP) \xe2\x80\x94 Protesters", "PORTLAND", "", "AP"),
    P("LAS VEGAS (AP) \xe2\x80\x94 A gunman", "LAS VEGAS", "", "AP"),
    P("NEW ORLEANS (AP) \xe2\x80\x94 Hurricane", "NEW ORLEANS", "", "AP"),
    P("SALT LAKE CITY (AP) \xe2\x80\x94 Utah", "SALT LAKE CITY", "", "AP"),
    P("BATON ROUGE, La. (AP) \xe2\x80\x94 Louisiana", "BATON ROUGE", "",
      "AP"),
    P("ANCHORAGE, Alaska (AP) \xe2\x80\x94 An earthquake", "ANCHORAGE", "",
      "AP"),
    P("PORT-AU-PRINCE, Haiti (AP) \xe2\x80\x94 Gangs", "PORT-AU-PRINCE",
      "", "AP"),
    P("SAN JUAN, Puerto Rico (AP) \xe2\x80\x94 Power", "SAN JUAN", "",
      "AP"),
    P("CAIRO (AP) \xe2\x80\x94 Egypt's president", "CAIRO", "", "AP"),
    P("BAGHDAD (AP) \xe2\x80\x94 A car bomb", "BAGHDAD", "", "AP"),
    P("MINNEAPOLIS (AP) \xe2\x80\x94 A former officer", "MINNEAPOLIS", "",
      "AP"),
    P("RALEIGH, N.C. (AP) \xe2\x80\x94 The state", "RALEIGH", "", "AP"),
    P("By JOHN SMITH\nDENVER (AP) \xe2\x80\x94 Snow fell", "DENVER", "",
      "AP"),
    P("DALLAS (The Associated Press) - Police", "DALLAS", "", "AP"),
    P("By JOHN SMITH DENVER (AP) \xe2\x80\x94 Snow fell", "DENVER", "",
      "AP"),
    P("By JOHN Q. SMITH NEW YORK (AP) \xe2\x80\x94 Stocks", "NEW YORK",
      "", "AP"),
    P("By Jane Doe NEW YORK (AP) \xe2\x80\x94 Stocks", "NEW YORK", "",
      "AP"),
    /* NYT News Service and Variety. */
    P("CHICAGO _ The city council", "CHICAGO", "", ""),
    P("WASHINGTON _ President Obama", "WASHINGTON", "", ""),
    P("BOSTON (NYT News Service) - Harvard said", "BOSTON", "", "NYT"),
    P("By Dave McNary\nLOS ANGELES (Variety.com) - Netflix has",
      "LOS ANGELES", "", "Variety"),
    P("By Dave McNary LOS ANGELES (Variety.com) - Netflix has",
      "LOS ANGELES", "", "Variety"),
    /* AFP: English and French, credit bare or in parentheses. */
    P("PARIS, Nov 25 (AFP) - Hundreds of protesters", "PARIS", "11-25",
      "AFP"),
    P("SEOUL, Nov 26 AFP - North Korea fired", "SEOUL", "11-26", "AFP"),
    P("NAIROBI, Feb 3 (AFP) - Kenyan police", "NAIROBI", "2-3", "AFP"),
    P("GENEVA, Sept 12 (AFP) - The UN", "GENEVA", "9-12", "AFP"),
    P("AFP - A squadron of fighter jets flew over", "", "", "AFP"),
    P("AFP - Les pompiers ont maitrise", "", "", "AFP"),
    P("Paris (AFP) - Le gouvernement a annonce", "Paris", "", "AFP"),
    P("PARIS, 12 juil (AFP) - Le president", "PARIS", "7-12", "AFP"),
    P("BRUXELLES, 3 f\xc3\xa9vr. (AFP) - La Commission", "BRUXELLES", "2-3",
      "AFP"),
    P("Marseille (AFP) - Un incendie", "Marseille", "", "AFP"),
    P("ABIDJAN, 5 ao\xc3\xbbt (AFP) - Le pr\xc3\xa9sident", "ABIDJAN",
      "8-5", "AFP"),
    P("Paris (ats afp) Le pr\xc3\xa9sident a annonc\xc3\xa9", "Paris", "",
      "ATS"),
    P("GEN\xc3\x88VE, 2 d\xc3\xa9\x63 (AFP) - Les n\xc3\xa9gociations",
      "GEN\xc3\x88VE", "12-2", "AFP"),
    P("HANOI, Jan 3 (AFP) - Vietnam", "HANOI", "1-3", "AFP"),
    P("DAKAR (AFP) - Le S\xc3\xa9n\xc3\xa9gal", "DAKAR", "", "AFP"),
    P("PARIS (AFP/Reuters) - France", "PARIS", "", "AFP"),
    P("BEIRUT, Jan 4 AFP - Lebanon's army", "BEIRUT", "1-4", "AFP"),
    /* Xinhua */
    P("BEIJING, Nov. 25 (Xinhua) -- China's foreign trade", "BEIJING",
      "11-25", "Xinhua"),
    P("CAIRO, Sept. 12 (Xinhua) -- Egypt", "CAIRO", "9-12", "Xinhua"),
    P("SHANGHAI, Dec. 1 (Xinhua) -- The city", "SHANGHAI", "12-1",
      "Xinhua"),
    P("URUMQI, July 5 (Xinhua) -- Officials", "URUMQI", "7-5", "Xinhua"),
    P("NAIROBI, Jan. 9 (Xinhua) -- Kenya", "NAIROBI", "1-9", "Xinhua"),
    P("UNITED NATIONS, March 3 (Xinhua) -- The Security Council",
      "UNITED NATIONS", "3-3", "Xinhua"),
    P("BEIJING, Feb. 29 (Xinhua) -- Leap day", "BEIJING", "2-29",
      "Xinhua"),
    /* dpa: German and English. */
    P("Berlin (dpa) - Die Bundesregierung will", "Berlin", "", "dpa"),
    P("BERLIN, 3. M\xc3\xa4rz (dpa) - Die Zahl", "BERLIN", "3-3", "dpa"),
    P("Hamburg (dpa) - Ein Feuer", "Hamburg", "", "dpa"),
    P("Frankfurt am Main (dpa) - Der DAX", "Frankfurt am Main", "", "dpa"),
    P("M\xc3\xbcnchen (dpa/lby) - Die Polizei", "M\xc3\xbc" "nchen", "",
      "dpa"),
    P("San Diego (tca/dpa) - A new study", "San Diego", "", "dpa"),
    P("BERLIN, March 3 (dpa) - German industrial orders", "BERLIN", "3-3",
      "dpa"),
    P("Wien (APA/dpa) - \xc3\x96sterreich", "Wien", "", "APA"),
    P("K\xc3\xb6ln (dpa) - Der Karneval", "K\xc3\xb6ln", "", "dpa"),
    P("Washington (dpa) - US-Pr\xc3\xa4sident", "Washington", "", "dpa"),
    P("BERLIN, 12. Januar (dpa) - Die Arbeitslosigkeit", "BERLIN", "1-12",
      "dpa"),
    /* EFE: Spanish and English copy, ".-". */
    P("Beijing, Jul 20 (EFE).- China responded on Tuesday", "Beijing",
      "7-20", "EFE"),
    P("MADRID, 20 Jul. (EFE).- El Gobierno", "MADRID", "7-20", "EFE"),
    P("Bogot\xc3\xa1, 15 feb (EFE).- Las intensas lluvias",
      "Bogot\xc3\xa1", "2-15", "EFE"),
    P("M\xc3\xa9xico, 3 ene (EFE).- El peso", "M\xc3\xa9xico", "1-3",
      "EFE"),
    P("Santiago de Chile, 11 abr (EFE).- El Gobierno", "Santiago de Chile",
      "4-11", "EFE"),
    P("MADRID, 20 de julio de 2021 (EFE).- El Congreso", "MADRID",
      "2021-7-20", "EFE"),
    P("Buenos Aires, 5 may (EFE) .- La inflaci\xc3\xb3n", "Buenos Aires",
      "5-5", "EFE"),
    P("La Habana, 2 oct (EFE).-El Gobierno", "La Habana", "10-2", "EFE"),
    P("Lima, 9 ago (EFE).- El Congreso", "Lima", "8-9", "EFE"),
    P("Quito, 30 sept (EFE).- Ecuador", "Quito", "9-30", "EFE"),
    P("Caracas, 24 dic (EFE).- Venezuela", "Caracas", "12-24", "EFE"),
    P("Rio de Janeiro, 3 mar (EFE).- Brasil", "Rio de Janeiro", "3-3",
      "EFE"),
    P("Miami, Jun 4 (EFE).- Florida", "Miami", "6-4", "EFE"),
    P("Washington, 4 nov (EFE).- El presidente", "Washington", "11-4",
      "EFE"),
    P("Montevideo, 1 jun (EFE).- Uruguay", "Montevideo", "6-1", "EFE"),
    /* Europa Press and Prensa Latina */
    P("MADRID, 5 Ene. (EUROPA PRESS) - El Gobierno", "MADRID", "1-5",
      "Europa Press"),
    P("Sevilla, 4 mar (Europa Press) - La Junta", "Sevilla", "3-4",
      "Europa Press"),
    P("LA HABANA, 4 mar (Prensa Latina) - Cuba", "LA HABANA", "3-4",
      "Prensa Latina"),
    /* ANSA: Italian, agency first. */
    P("ROME, 12 MAG (ANSA) - A cycle race", "ROME", "5-12", "ANSA"),
    P("(ANSA) - ROME, JUL 11 - Premier said", "ROME", "7-11", "ANSA"),
    P("(ANSA) - MILANO, 3 GIU - La Borsa", "MILANO", "6-3", "ANSA"),
    P("ROMA, 1 LUG (ANSA) - Il governo", "ROMA", "7-1", "ANSA"),
    P("NAPOLI, 15 OTT (ANSA) - La polizia", "NAPOLI", "10-15", "ANSA"),
    P("TORINO, 7 GEN (ANSA) - La Fiat", "TORINO", "1-7", "ANSA"),
    P("L'AQUILA, 6 APR (ANSA) - Una scossa", "L'AQUILA", "4-6", "ANSA"),
    P("(ANSA) - VENEZIA, 2 SET - Il festival", "VENEZIA", "9-2", "ANSA"),
    P("(ANSA) - ROMA - Il Senato", "ROMA", "", "ANSA"),
    /* Kyodo, bare credit after the date. */
    P("SAITAMA, Japan, Dec. 9 Kyodo - Police arrested", "SAITAMA", "12-9",
      "Kyodo"),
    P("TOKYO, Jan. 5 (Kyodo) -- A major earthquake", "TOKYO", "1-5",
      "Kyodo"),
    P("OSAKA (KYODO) -- Prosecutors", "OSAKA", "", "Kyodo"),
    P("NAGOYA, Japan, March 2 Kyodo - Toyota", "NAGOYA", "3-2", "Kyodo"),
    P("Kyodo - Japan's cabinet approved", "", "", "Kyodo"),
    P("TOKYO, April 1 (Kyodo News) - The Bank of Japan", "TOKYO", "4-1",
      "Kyodo"),
    /* TASS and Interfax: slashes and full stops. */
    P("MOSCOW, January 21. /TASS/. Russia's Foreign Ministry", "MOSCOW",
      "1-21", "TASS"),
    P("ST. PETERSBURG, June 3. /TASS/. The forum", "ST. PETERSBURG", "6-3",
      "TASS"),
    P("MOSCOW, April 2 (TASS) - Russian officials", "MOSCOW", "4-2",
      "TASS"),
    P("MOSCOW (ITAR-TASS) - The Kremlin", "MOSCOW", "", "TASS"),
    P("VLADIVOSTOK, September 5. /TASS/. The Eastern Economic Forum",
      "VLADIVOSTOK", "9-5", "TASS"),
    P("MOSCOW, Feb 1 (Interfax) - Gazprom", "MOSCOW", "2-1", "Interfax"),
    /* PR Newswire, GlobeNewswire, Business Wire. */
    P("LONDON, Feb. 1, 2017 /PRNewswire/ -- Acme Ltd announced", "LONDON",
      "2017-2-1", "PR Newswire"),
    P("NEW YORK, March 15, 2022 /PRNewswire/ -- XYZ Corp", "NEW YORK",
      "2022-3-15", "PR Newswire"),
    P("SAN FRANCISCO, Oct. 3, 2020 /PRNewswire/ -- Startup",
      "SAN FRANCISCO", "2020-10-3", "PR Newswire"),
    P("CALGARY, Alberta, Dec. 03, 2019 (GLOBE NEWSWIRE) -- Oil Co",
      "CALGARY", "2019-12-3", "GlobeNewswire"),
    P("TORONTO, June 1, 2021 (GLOBE NEWSWIRE) -- Maple Inc", "TORONTO",
      "2021-6-1", "GlobeNewswire"),
    P("BOSTON, May 4, 2020 (GLOBE NEWSWIRE) -- Bio Ltd", "BOSTON",
      "2020-5-4", "GlobeNewswire"),
    P("SEATTLE--(BUSINESS WIRE)--Cloud Inc today", "SEATTLE", "",
      "Business Wire"),
    P("AUSTIN, Texas, Jan. 9, 2023 /PRNewswire/ -- Chip Co", "AUSTIN",
      "2023-1-9", "PR Newswire"),
    /* CP: agency before place, aliases. */
    P("Canadian Press - VANCOUVER (CP) - British Columbia", "VANCOUVER",
      "", "CP"),
    P("OTTAWA (CP) - The federal government", "OTTAWA", "", "CP"),
    P("TORONTO (THE CANADIAN PRESS) - Ontario", "TORONTO", "", "CP"),
    P("MONTREAL (La Presse Canadienne) - Le gouvernement", "MONTREAL", "",
      "CP"),
    P("HALIFAX (CP) - Nova Scotia", "HALIFAX", "", "CP"),
    /* Dow Jones, CNN, Bloomberg and other credits with punctuation. */
    P("HONG KONG (Dow Jones)--Hong Kong stocks", "HONG KONG", "",
      "Dow Jones"),
    P("NEW YORK (CNN/Money) - Stocks rallied", "NEW YORK", "", "CNN"),
    P("NEW YORK (Bloomberg) -- Treasuries", "NEW YORK", "", "Bloomberg"),
    P("LONDON (Dow Jones Newswires) - BP said", "LONDON", "", "Dow Jones"),
    /* Nordic, Dutch, Belgian, Portuguese agencies. */
    P("K\xc3\xb8" "benhavn /ritzau/: Regeringen vil", "K\xc3\xb8" "benhavn",
      "", "Ritzau"),
    P("Aarhus /ritzau/: Politiet efterlyser", "Aarhus", "", "Ritzau"),
    P("K\xc3\xb8" "benhavn, 3. marts (Ritzau) - Ledigheden",
      "K\xc3\xb8" "benhavn", "3-3", "Ritzau"),
    P("AMSTERDAM (ANP) - Het kabinet", "AMSTERDAM", "", "ANP"),
    P("DEN HAAG (ANP) - De Tweede Kamer", "DEN HAAG", "", "ANP"),
    P("ROTTERDAM, 4 mei (ANP) - De haven", "ROTTERDAM", "5-4", "ANP"),
    P("BRUSSEL (Belga) - De regering", "BRUSSEL", "", "Belga"),
    P("LISBOA, 3 mar (Lusa) - O Governo", "LISBOA", "3-3", "Lusa"),
    P("S\xc3\x83O PAULO, 5 de mar\xc3\xa7o (Reuters) - O Ibovespa",
      "S\xc3\x83O PAULO", "3-5", "Reuters"),
    P("Helsinki (STT-AFP) - Suomen hallitus", "Helsinki", "", "STT"),
    P("Oslo (NTB) - Regjeringen", "Oslo", "", "NTB"),
    P("Z\xc3\xbcrich (sda) - Die Schweizer", "Z\xc3\xbcrich", "", "ATS"),
    /* Asia and the Middle East: colon datelines, PTI, IANS, Yonhap. */
    P("JERUSALEM: Israel's cabinet approved", "JERUSALEM", "", ""),
    P("NEW DELHI: The Supreme Court on Monday", "NEW DELHI", "", ""),
    P("ISLAMABAD: Pakistan's finance minister", "ISLAMABAD", "", ""),
    P("DUBAI: Emirates airline said", "DUBAI", "", ""),
    P("NEW DELHI, Oct 4 (PTI) - The government", "NEW DELHI", "10-4",
      "PTI"),
    P("Mumbai, Oct 4 (IANS) The Sensex rose", "Mumbai", "10-4", "IANS"),
    P("SEOUL, June 9 (Yonhap) -- South Korea", "SEOUL", "6-9", "Yonhap"),
    P("TAIPEI (CNA) - Taiwan's legislature", "TAIPEI", "", "CNA"),
    P("KUALA LUMPUR (Bernama) - Malaysia", "KUALA LUMPUR", "", "Bernama"),
    P("JAKARTA (Antara) - Indonesia", "JAKARTA", "", "Antara"),
    P("ANKARA (AA) - Turkey", "ANKARA", "", "Anadolu"),
    P("ISTANBUL (Anadolu) - Turkish", "ISTANBUL", "", "Anadolu"),
    P("SYDNEY, Aug 1 (AAP) - Australian shares", "SYDNEY", "8-1", "AAP"),
    P("WASHINGTON, Feb. 2 (UPI) -- NASA", "WASHINGTON", "2-2", "UPI"),
    P("UNITED NATIONS, Mar 4 (IPS) - The UN", "UNITED NATIONS", "3-4",
      "IPS"),
    P("LONDON (PA) - The Prime Minister", "LONDON", "", "PA"),
    P("MEXICO, 4 abr (Notimex) - El peso", "MEXICO", "4-4", "Notimex"),
    P("DHAKA: Bangladesh's garment exports", "DHAKA", "", ""),
    P("KARACHI: The State Bank", "KARACHI", "", ""),
    /* Plain dashes after known cities. */
    P("LONDON - The Bank of England", "LONDON", "", ""),
    P("LONDON \xe2\x80\x94 The Bank of England", "LONDON", "", ""),
    P("PARIS - Les syndicats", "PARIS", "", ""),
    P("BERLIN \xe2\x80\x93 Die Regierung", "BERLIN", "", ""),

    /* Negatives: prose and headlines with a credit. */
    N("The White House said on Monday (AP) that it would"),
    N("The White House said on Monday that China"),
    N("China responded on Tuesday (EFE) - officials said"),
    N("Storm Hits Gulf Coast (AP)"),
    N("Markets Rally As Fed Holds (Reuters)"),
    N("Obama Visits Kenya (AP)"),
    N("Merkel Wins Fourth Term (dpa)"),
    N("Police Arrest Suspect In Paris Attack (AFP)"),
    N("Apple Inc (AAPL.O) - shares rose"),
    N("London - The"),
    N("Monday (AP) - the talks"),
    N("MAY (AP) - x"),
    N("Overall, May 5 was a good day"),
    N("beijing, Jul 20 (EFE).- x"),
    N("PARIS, Nov 25 the police said"),
    N("PARIS (said the minister) - x"),
    N("PARIS, (AFP) - x"),
    N("WASHINGTON, Ohio"),
    N("LONDON-based banks said"),
    N("\xe2\x80\x9cLONDON (Reuters) - x"),
    N("2021 (Reuters) - x"),
    N("Rio de (EFE) - x"),
    N("LONDON (Reuters"),
    N(""),
    N("   "),
    /* Negatives: corrections, labels, editorials. */
    N("CORRECTION ET MISE \xc3\x80 JOUR - La d\xc3\xa9p\xc3\xaa" "che"),
    N("CORRECTION - In a story on Tuesday"),
    N("CORRECTED - The company said"),
    N("UPDATE 2 - Oil prices fell"),
    N("NOTE TO EDITORS: Embargoed until 0900 GMT"),
    N("EDITOR'S NOTE: This story contains"),
    N("EDITORIAL - The government must act"),
    N("EDITORIAL: A shameful vote"),
    N("OPINION - Why the euro matters"),
    N("COMMENTARY - The case for rates"),
    N("MEDIA CONTACT: Jane Doe"),
    N("CONTACT: investor relations"),
    N("SOURCE: Acme Corp"),
    N("Photo: Reuters"),
    N("FACTBOX - Key facts about the vote"),
    N("ANALYSIS - Why markets fear"),
    N("EXCLUSIVE - Bank plans cuts"),
    N("URGENT - Earthquake"),
    N("ADVISORY - Coverage plans"),
    N("KORREKTUR - In der Meldung"),
    N("BERICHTIGUNG: In einer Meldung"),
    N("RETTIFICA - Nel lancio"),
    N("CORRECCI\xc3\x93N - En la noticia"),
    N("ACTUALIZACI\xc3\x93N - El Gobierno"),
    N("TOKYO RUBBER (YEN PER KILO) - Prices"),
    N("LONDON COCOA OPEN POSITION (REVISED) - x"),
    N("MONEY RATES - Prime rate"),
    N("U.S. DIVIDEND MEETINGS - x"),
    N("One Week Ended Feb 16"),
    /* Negatives: transcripts, weekdays, speakers. */
    N("BLITZER: Welcome back to the program"),
    N("OBAMA: We will not back down"),
    N("MR. SMITH: Thank you, chairman"),
    N("QUESTION: Mr President, what"),
    N("ANNOUNCER: Live from New York"),
    N("UNIDENTIFIED MALE: Get down"),
    N("(BEGIN VIDEOTAPE)"),
    N("Tuesday: Markets closed"),
    N("Monday: The talks"),
    N("Lundi: La r\xc3\xa9union"),
    N("Q: What happens next?"),
    N("A: Nobody knows"),
    N("JOHN KING: Good evening"),
    N("Feb 29 leap: BEIJING"),
    N("Live: Follow the vote"),
    N("Watch: The launch"),
    N("In Pictures: The flood"),
    N("BREAKING: Earthquake"),
    N("ALERT - Shares halted"),
};

#undef P
#undef N

typedef struct score {
    const char *name;
    int tp, fp, fn;
} score;

/* One field: want "" means the lead has none; got "" means none read. */
static void count(score *sc, const char *want, const char *got)
{
    bool w = want[0] != '\0', g = got[0] != '\0';
    if (w && g && strcmp(want, got) == 0) {
        sc->tp++;
        return;
    }
    if (g)
        sc->fp++;
    if (w)
        sc->fn++;
}

static double ratio(int a, int b)
{
    return b == 0 ? 1.0 : (double)a / b;
}

/*
 * Every lead of the corpus through wx_dateline_parse_lead: precision and
 * recall for the city, the date and the agency, and detection precision
 * (a dateline found where there is one). Printed, and each must reach
 * 0.97; the wrong readings are listed so a regression names its lead.
 */
static void test_corpus(void **state)
{
    (void)state;
    score sc[4] = {{"city", 0, 0, 0}, {"date", 0, 0, 0},
                   {"agency", 0, 0, 0}, {"detection", 0, 0, 0}};
    assert_true(COUNT(corpus) >= 250);
    for (size_t i = 0; i < COUNT(corpus); i++) {
        const corpus_case *c = &corpus[i];
        wx_dateline d;
        bool ok = wx_dateline_parse_lead(c->in, strlen(c->in), &d);
        char date[32] = "";
        if (ok && d.month != 0) {
            if (d.year != 0)
                snprintf(date, sizeof date, "%d-%d-%d", d.year, d.month,
                         d.day);
            else
                snprintf(date, sizeof date, "%d-%d", d.month, d.day);
        }
        const char *want_city = c->city != NULL ? c->city : "";
        count(&sc[0], want_city, ok ? d.city : "");
        count(&sc[1], c->date, date);
        count(&sc[2], c->agency, ok ? d.agency : "");
        count(&sc[3], c->city != NULL ? "yes" : "", ok ? "yes" : "");
        if (ok != (c->city != NULL) || strcmp(want_city, ok ? d.city : "") ||
            strcmp(c->date, date) || strcmp(c->agency, ok ? d.agency : ""))
            printf("  lead %zu \"%.50s\": got %s city \"%s\" date \"%s\" "
                   "agency \"%s\"\n", i, c->in, ok ? "a dateline" : "none",
                   ok ? d.city : "", date, ok ? d.agency : "");
    }
    bool fail = false;
    for (int k = 0; k < 4; k++) {
        double p = ratio(sc[k].tp, sc[k].tp + sc[k].fp);
        double r = ratio(sc[k].tp, sc[k].tp + sc[k].fn);
        printf("  %-9s precision %.3f recall %.3f (%d right, %d wrong or "
               "extra, %d missed) over %zu leads\n", sc[k].name, p, r,
               sc[k].tp, sc[k].fp, sc[k].fn, COUNT(corpus));
        if (p < 0.97 || r < 0.97)
            fail = true;
    }
    if (fail)
        fail_msg("precision or recall below 0.97");
}

/* What the record keeps beside the city: qualifier, other cities, the
 * date and the credit as written, a second agency. */
static void test_fields_kept(void **state)
{
    (void)state;
    wx_dateline d;
    const char *s = "JACKSON, Miss. (Reuters) - A judge";
    assert_true(wx_dateline_parse_lead(s, strlen(s), &d));
    assert_string_equal(d.qualifier, "Miss.");
    assert_string_equal(d.text, "JACKSON, Miss. (Reuters) -");
    assert_string_equal(d.credit, "Reuters");
    s = "CALGARY, Alberta, Dec. 03, 2019 (GLOBE NEWSWIRE) -- Oil";
    assert_true(wx_dateline_parse_lead(s, strlen(s), &d));
    assert_string_equal(d.qualifier, "Alberta");
    assert_string_equal(d.date, "Dec. 03, 2019");
    assert_string_equal(d.credit, "GLOBE NEWSWIRE");
    assert_string_equal(d.agency, "GlobeNewswire");
    assert_int_equal(d.year, 2019);
    s = "SAO PAULO/BRASILIA/RIO (Reuters) - Brazil";
    assert_true(wx_dateline_parse_lead(s, strlen(s), &d));
    assert_string_equal(d.city, "SAO PAULO");
    assert_int_equal(d.nothers, 2);
    assert_string_equal(d.others[0], "BRASILIA");
    assert_string_equal(d.others[1], "RIO");
    s = "Helsinki (STT\xe2\x80\x93" "AFP) - Suomen";
    assert_true(wx_dateline_parse_lead(s, strlen(s), &d));
    assert_string_equal(d.agency, "STT");
    assert_string_equal(d.agency_also, "AFP");
    assert_string_equal(d.credit, "STT\xe2\x80\x93" "AFP");
    s = "MOSCOW, January 21. /TASS/. Russia's";
    assert_true(wx_dateline_parse_lead(s, strlen(s), &d));
    assert_string_equal(d.date, "January 21");
    assert_string_equal(d.credit, "TASS");
    assert_string_equal(s + d.span, "Russia's");
    s = "(ANSA) - ROME, JUL 11 - Premier";
    assert_true(wx_dateline_parse_lead(s, strlen(s), &d));
    assert_string_equal(d.text, "(ANSA) - ROME, JUL 11 -");
    assert_string_equal(s + d.span, "Premier");
}

/* apply puts the same fields into any article; a lead replaces a
 * metadata place, a fill leaves what the source said. */
static void test_apply(void **state)
{
    (void)state;
    wx_article a;
    wx_article_init(&a);
    wx_dateline d;
    const char *s = "CALGARY, Alberta, Dec. 03, 2019 (GLOBE NEWSWIRE) -- x";
    assert_true(wx_dateline_parse_lead(s, strlen(s), &d));
    assert_int_equal(wx_article_set(&a.dateline, "Bangalore", (size_t)-1),
                     WX_OK);
    assert_int_equal(wx_dateline_apply(&a, &d, WX_DATELINE_FILL), WX_OK);
    assert_string_equal(a.dateline, "Bangalore");
    assert_string_equal(a.agency, "GlobeNewswire");
    assert_int_equal(wx_dateline_apply(&a, &d, WX_DATELINE_REPLACE), WX_OK);
    assert_string_equal(a.dateline, "CALGARY");
    assert_string_equal(wx_article_meta(&a, "dateline_text"),
                        "CALGARY, Alberta, Dec. 03, 2019 (GLOBE NEWSWIRE) --");
    assert_string_equal(wx_article_meta(&a, "dateline_qualifier"), "Alberta");
    assert_string_equal(wx_article_meta(&a, "dateline_date"),
                        "Dec. 03, 2019");
    assert_string_equal(wx_article_meta(&a, "credit"), "GLOBE NEWSWIRE");
    /* Replacing twice keeps one of each. */
    size_t n = a.meta_keys.n;
    assert_int_equal(wx_dateline_apply(&a, &d, WX_DATELINE_REPLACE), WX_OK);
    assert_int_equal(a.meta_keys.n, n);
    wx_article_reset(&a);
    /* From the body, as the indexer does for every reader. */
    assert_int_equal(wx_article_set(&a.body, "Headline words\n"
                                    "LIMA, Jan 21 (Reuters) - Peru", -1),
                     WX_OK);
    assert_int_equal(wx_dateline_fill_from_body(&a), WX_OK);
    assert_string_equal(a.dateline, "LIMA");
    wx_article_reset(&a);
    /* Bullet paragraphs do not count among the four. */
    assert_int_equal(wx_article_set(&a.body, "Headline\n* one\n* two\n"
                                    "* three\n* four\n* five\n"
                                    "LIMA, Jan 21 (Reuters) - Peru", -1),
                     WX_OK);
    assert_int_equal(wx_dateline_fill_from_body(&a), WX_OK);
    assert_string_equal(a.dateline, "LIMA");
    assert_string_equal(a.agency, "Reuters");
    assert_string_equal(wx_article_meta(&a, "dateline_date"), "Jan 21");
    wx_article_reset(&a);
}

/* Metadata places: only what looks like a place. */
static void test_place_like(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool place;
    } cases[] = {
        {"Beirut", true}, {"Rio de Janeiro", true}, {"S\xc3\xa3o Paulo", true},
        {"Port-au-Prince", true}, {"Washington, D.C.", true},
        {"2018-01-03 20:13:08 Gmt+00:00", false},
        {"No-Data-Available", false}, {"n/a", false}, {"", false},
        {"   ", false}, {"Sydney March 22 Aap", false},
        {"one two three four five six seven", false},
    };
    for (size_t i = 0; i < COUNT(cases); i++)
        if (wx_dateline_place_like(cases[i].in, strlen(cases[i].in)) !=
            cases[i].place)
            fail_msg("place \"%s\"", cases[i].in);
    /* A field that holds a dateline gives its city. */
    wx_dateline d;
    const char *s = "Sydney March 22 Aap";
    assert_true(wx_dateline_parse_field(s, strlen(s), &d));
    assert_string_equal(d.city, "Sydney");
    assert_string_equal(d.agency, "AAP");
    s = "2018-01-03 20:13:08 Gmt+00:00";
    assert_false(wx_dateline_parse_field(s, strlen(s), &d));
    s = "No-Data-Available";
    assert_false(wx_dateline_parse_field(s, strlen(s), &d));
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
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_fields_kept),
        cmocka_unit_test(test_apply),
        cmocka_unit_test(test_place_like),
        cmocka_unit_test(test_lead_bounded),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_signoff_lines),
        cmocka_unit_test(test_signoff_tail),
        cmocka_unit_test(test_hostile_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
