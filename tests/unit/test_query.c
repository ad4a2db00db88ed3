/*
 * Tests of the query module: every element of the user syntax against
 * the Xapian query it must become (Xapian's own description string),
 * malformed queries against the message they must give, hostile bytes
 * against what cleaning leaves, and date bounds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "searcher/query.h"
#include "wx_limits.h"

#include <stdlib.h>
#include <string.h>

static char *describe(const char *text, wx_status *st, wx_err *err,
                      wx_query_info *info)
{
    char *clean = NULL;
    wx_query *q = NULL;
    wx_query_opts o = {.db = NULL, .lang = "english", .spelling = false,
                       .syntax = WX_SYNTAX_ON};
    wx_err_clear(err);
    *st = wx_query_clean(text, strlen(text), &clean, NULL, err);
    if (*st == WX_OK)
        *st = wx_query_parse_text(clean, &o, &q, info, NULL, err);
    free(clean);
    if (*st != WX_OK)
        return NULL;
    char *d = q ? wx_query_describe(q) : strdup("(empty)");
    wx_query_free(q);
    return d;
}

static void test_syntax(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *want;
        int text, filter;   /* expected wx_query_info */
    } cases[] = {
        /* Words: AND by default, stemmed (STEM_SOME: not capitals). */
        {"embassy response Canberra",
         "Query((Zembassi@1 AND Zrespons@2 AND canberra@3))", 1, 0},
        {"cocoa OR sugar", "Query((Zcocoa@1 OR Zsugar@2))", 1, 0},
        {"cocoa NOT sugar", "Query((Zcocoa@1 AND_NOT Zsugar@2))", 1, 0},
        {"cocoa AND NOT sugar", "Query((Zcocoa@1 AND_NOT Zsugar@2))", 1, 0},
        {"cocoa -sugar +bahia",
         "Query(((Zcocoa@1 AND Zbahia@3) AND_NOT Zsugar@2))", 1, 0},
        {"\"cocoa review\"", "Query((cocoa@1 PHRASE 2 review@2))", 1, 0},
        {"cocoa NEAR sugar", "Query((cocoa@1 NEAR 11 sugar@2))", 1, 0},
        {"cocoa NEAR/3 sugar", "Query((cocoa@1 NEAR 4 sugar@2))", 1, 0},
        {"cocoa ADJ sugar", "Query((cocoa@1 PHRASE 11 sugar@2))", 1, 0},
        {"embass*", "Query(WILDCARD SYNONYM embass)", 1, 0},
        {"(cocoa OR sugar) bahia",
         "Query(((Zcocoa@1 OR Zsugar@2) AND Zbahia@3))", 1, 0},
        {"NOT cocoa", "Query((<alldocuments> AND_NOT Zcocoa@1))", 1, 0},
        /* -word alone means what NOT word alone means. */
        {"-cocoa", "Query((<alldocuments> AND_NOT Zcocoa@1))", 1, 0},
        {"-cocoa -sugar",
         "Query(((<alldocuments> AND_NOT Zcocoa@1) AND_NOT Zsugar@2))", 1,
         0},
        /* Title field: free text under S. */
        {"title:cocoa", "Query(ZScocoa@1)", 1, 0},
        {"Title:\"bahia cocoa\"",
         "Query((Sbahia@1 PHRASE 2 Scocoa@2))", 1, 0},
        /* Filter fields: values folded, names case-insensitive. */
        {"agency:EFE", "Query(0 * XAGENCYefe)", 0, 1},
        {"AGENCY:efe cocoa", "Query((Zcocoa@1 FILTER XAGENCYefe))", 1, 1},
        {"dateline:SALVADOR", "Query(0 * XDATELINEsalvador)", 0, 1},
        {"dateline:\"NEW YORK\"", "Query(0 * XDATELINEnew york)", 0, 1},
        {"topic:\"Crime & Justice\"",
         "Query(0 * XTOPICcrime & justice)", 0, 1},
        {"topic:\"say \"\"no\"\"\"", "Query(0 * XTOPICsay \"no\")", 0, 1},
        {"topic:\"unterminated value", "Query(0 * XTOPICunterminated value)",
         0, 1},
        {"place:USA", "Query(0 * XPLACEusa)", 0, 1},
        {"dateline:SÃO", "Query(0 * XDATELINEsao)", 0, 1},
        {"dateline:\"são paulo\"", "Query(0 * XDATELINEsao paulo)", 0, 1},
        {"agency:\"associated press\"", "Query(0 * XAGENCYap)", 0, 1},
        {"agency:AP", "Query(0 * XAGENCYap)", 0, 1},
        {"id:Reuters21578-1", "Query(0 * QReuters21578-1)", 0, 1},
        {"year:1987", "Query(0 * XYEAR1987)", 0, 1},
        {"month:1987-02", "Query(0 * XMONTH1987-02)", 0, 1},
        {"type:Advisory", "Query(0 * XTYPEadvisory)", 0, 1},
        {"(topic:cocoa)", "Query(0 * XTOPICcocoa)", 0, 1},
        {"topic:cocoa OR topic:grain",
         "Query((0 * XTOPICcocoa OR 0 * XTOPICgrain))", 0, 1},
        /* Two values of one field: ORed when single-valued, ANDed for
         * multi-valued topics and places. */
        {"agency:efe agency:ap",
         "Query(0 * (XAGENCYefe OR XAGENCYap))", 0, 1},
        {"topic:cocoa topic:grain",
         "Query(0 * (XTOPICcocoa AND XTOPICgrain))", 0, 1},
        {"cocoa -topic:grain", "Query((Zcocoa@1 AND_NOT XTOPICgrain))", 1,
         1},
        {"topic:cocoa -sugar",
         "Query((0 * XTOPICcocoa AND_NOT Zsugar@1))", 1, 1},
        /* Not a field: a URL, a colon before a space. */
        {"http://x", "Query((http@1 PHRASE 2 x@2))", 1, 0},
        {"ratio: high", "Query((Zratio@1 AND Zhigh@2))", 1, 0},
        /* Dates: ranges over slot 0 as YYYYMMDD, either end open. */
        {"date:1987-03-01..1987-03-31",
         "Query(VALUE_RANGE 0 19870301 19870331)", 0, 1},
        {"date:..1987-03-31", "Query(VALUE_LE 0 19870331)", 0, 1},
        {"date:1987-03-01..", "Query(VALUE_GE 0 19870301)", 0, 1},
        {"date:1987-02-26", "Query(VALUE_RANGE 0 19870226 19870226)", 0, 1},
        {"date:1987-02", "Query(VALUE_RANGE 0 19870201 19870228)", 0, 1},
        {"date:1988-02", "Query(VALUE_RANGE 0 19880201 19880229)", 0, 1},
        {"date:1987", "Query(VALUE_RANGE 0 19870101 19871231)", 0, 1},
        {"date:19870226..19870227",
         "Query(VALUE_RANGE 0 19870226 19870227)", 0, 1},
        {"cocoa date:1987-02..1987-03",
         "Query((Zcocoa@1 FILTER VALUE_RANGE 0 19870201 19870331))", 1, 1},
        /* Empty. */
        {"", "(empty)", 0, 0},
        {"   ", "(empty)", 0, 0},
        {"AND NOT", NULL, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (cases[i].want == NULL)
            continue;
        wx_status st;
        wx_err err;
        wx_query_info info = {.has_text = true, .has_filter = true};
        char *d = describe(cases[i].in, &st, &err, &info);
        if (st != WX_OK)
            fail_msg("%s: %s", cases[i].in, err.msg);
        if (strcmp(d, cases[i].want) != 0)
            fail_msg("%s:\n  got  %s\n  want %s", cases[i].in, d,
                     cases[i].want);
        if (info.has_text != (cases[i].text != 0) ||
            info.has_filter != (cases[i].filter != 0))
            fail_msg("%s: has_text %d has_filter %d", cases[i].in,
                     info.has_text, info.has_filter);
        free(d);
    }
}

static void test_malformed(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *msg;    /* a part of the message */
    } cases[] = {
        {"cocoa AND", "AND needs a search term on each side"},
        {"AND cocoa", "AND needs a search term on each side"},
        {"cocoa OR", "OR needs a search term on each side"},
        {"OR", "OR needs"},
        {"cocoa NOT", "NOT needs"},
        {"AND NOT", "AND NOT needs"},
        {"x AND (y OR", "the \"(\" at character 7 is never closed"},
        {"(oil OR gas", "the \"(\" at character 1 is never closed"},
        {"oil OR gas)", "the \")\" at character 11 closes nothing"},
        {")", "the \")\" at character 1 closes nothing"},
        {"\xc3\xa9t\xc3\xa9 )", "the \")\" at character 5 closes nothing"},
        {"foo:bar", "unknown field \"foo:\" (the fields are id, title, "},
        {"cocoa for:bad", "unknown field \"for:\""},
        {"topic:", "\"topic:\" needs a value"},
        {"agency: efe", "\"agency:\" needs a value"},
        {"topic:\"\"", "\"topic:\" needs a value"},
        {"date:", "\"date:\" needs a date"},
        {"date:..", "needs at least one end"},
        {"date:foo", "bad date \"foo\""},
        {"date:1987-02-30", "bad date \"1987-02-30\""},
        {"date:1987-13", "bad date \"1987-13\""},
        {"date:87-01-01", "bad date"},
        {"date:1987-03-31..1987-03-01", "ends before it starts"},
        {"1..5", "only for date ranges"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_status st;
        wx_err err;
        char *d = describe(cases[i].in, &st, &err, NULL);
        if (st != WX_EQUERY)
            fail_msg("%s: status %s (%s), want a query error", cases[i].in,
                     wx_status_str(st), d ? d : err.msg);
        if (strstr(err.msg, cases[i].msg) == NULL)
            fail_msg("%s: message \"%s\" lacks \"%s\"", cases[i].in,
                     err.msg, cases[i].msg);
        free(d);
    }
}

static void test_clean(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        const char *want;
        size_t repairs;
    } cases[] = {
        {"cocoa", 5, "cocoa", 0},
        {"co\x01" "coa\x1b[31m", 11, "cocoa[31m", 0},
        {"a\tb\nc\rd", 7, "a b cd", 0},
        {"a\0b", 3, "a b", 0},
        {"caf\xe9", 4, "caf\xc3\xa9", 1},
        {"\xc3\xa9t\xc3\xa9", 5, "\xc3\xa9t\xc3\xa9", 0},
        {"x\xc2\x85y\x7f", 5, "xy", 0},
        {"", 0, "", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = NULL;
        size_t rep = 99;
        wx_err err;
        assert_int_equal(wx_query_clean(cases[i].in, cases[i].len, &out,
                                        &rep, &err), WX_OK);
        assert_string_equal(out, cases[i].want);
        assert_int_equal(rep, cases[i].repairs);
        free(out);
    }
    /* The bound: 4096 bytes pass, 4097 do not. */
    char *big = malloc(100 * 1024);
    memset(big, 'a', 100 * 1024);
    char *out = NULL;
    wx_err err;
    assert_int_equal(wx_query_clean(big, WX_MAX_QUERY_BYTES, &out, NULL,
                                    &err), WX_OK);
    assert_int_equal(strlen(out), WX_MAX_QUERY_BYTES);
    free(out);
    out = (char *)1;
    assert_int_equal(wx_query_clean(big, WX_MAX_QUERY_BYTES + 1, &out, NULL,
                                    &err), WX_ETOOBIG);
    assert_null(out);
    assert_int_equal(wx_query_clean(big, 100 * 1024, &out, NULL, &err),
                     WX_ETOOBIG);
    assert_non_null(strstr(err.msg, "too long"));
    free(big);
}

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool end;
        const char *want;   /* NULL: invalid */
    } cases[] = {
        {"1987-02-26", false, "19870226"}, {"1987-02-26", true, "19870226"},
        {"1987-02", false, "19870201"},    {"1987-02", true, "19870228"},
        {"2000-02", true, "20000229"},     {"1900-02", true, "19000228"},
        {"1987", false, "19870101"},       {"1987", true, "19871231"},
        {"19870226", false, "19870226"},   {"1987-04-31", false, NULL},
        {"1987-00", false, NULL},          {"1987-1-1", false, NULL},
        {"198", false, NULL},              {"", false, NULL},
        {"1987-02-26x", false, NULL},      {"abcd", false, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[9] = "";
        wx_err err;
        wx_status st = wx_query_date(cases[i].in, strlen(cases[i].in),
                                     cases[i].end, out, &err);
        if (cases[i].want == NULL) {
            if (st != WX_EINVAL)
                fail_msg("%s: accepted as %s", cases[i].in, out);
        } else {
            if (st != WX_OK)
                fail_msg("%s: %s", cases[i].in, err.msg);
            assert_string_equal(out, cases[i].want);
        }
    }
}

static void test_filters(void **state)
{
    (void)state;
    wx_query *q = NULL;
    wx_err err;
    assert_int_equal(wx_query_filter(WX_FIELD_AGENCY, "EFE", &q, &err),
                     WX_OK);
    char *d = wx_query_describe(q);
    assert_string_equal(d, "Query(XAGENCYefe)");
    free(d);
    wx_query_free(q);
    assert_int_equal(wx_query_filter(WX_FIELD_ID, "Reuters-1", &q, &err),
                     WX_OK);
    d = wx_query_describe(q);
    assert_string_equal(d, "Query(QReuters-1)");
    free(d);
    wx_query_free(q);
    assert_int_equal(wx_query_filter(WX_FIELD_TITLE, "x", &q, &err),
                     WX_EINVAL);
    assert_null(q);

    assert_int_equal(wx_query_date_range("1987-02", NULL, &q, &err), WX_OK);
    d = wx_query_describe(q);
    assert_string_equal(d, "Query(VALUE_GE 0 19870201)");
    free(d);
    wx_query_free(q);
    assert_int_equal(wx_query_date_range(NULL, "1987", &q, &err), WX_OK);
    d = wx_query_describe(q);
    assert_string_equal(d, "Query(VALUE_LE 0 19871231)");
    free(d);
    wx_query_free(q);
    assert_int_equal(wx_query_date_range("", NULL, &q, &err), WX_OK);
    assert_null(q);
    assert_int_equal(wx_query_date_range("1988", "1987", &q, &err),
                     WX_EINVAL);
    assert_int_equal(wx_query_date_range("x", NULL, &q, &err), WX_EINVAL);
}

static void test_bad_language(void **state)
{
    (void)state;
    wx_query *q = NULL;
    wx_err err;
    wx_query_opts o = {.db = NULL, .lang = "klingon",
                       .syntax = WX_SYNTAX_ON};
    assert_int_equal(wx_query_parse_text("cocoa", &o, &q, NULL, NULL, &err),
                     WX_EINVAL);
    assert_non_null(strstr(err.msg, "klingon"));
    o.lang = "none";
    assert_int_equal(wx_query_parse_text("cocoas", &o, &q, NULL, NULL, &err),
                     WX_OK);
    char *d = wx_query_describe(q);
    assert_string_equal(d, "Query(cocoas@1)");
    free(d);
    wx_query_free(q);
}

/* The text read by default (syntax auto): its description and info. */
static char *words_of(const char *text, wx_query_match m,
                      wx_query_info *info)
{
    wx_query *q = NULL;
    wx_err err;
    wx_query_opts o = {.lang = "english", .match = m};
    assert_int_equal(wx_query_parse_text(text, &o, &q, info, NULL, &err),
                     WX_OK);
    char *d = q ? wx_query_describe(q) : strdup("(empty)");
    wx_query_free(q);
    return d;
}

static void test_words(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *want;
        const char *match;
    } cases[] = {
        /* Capitals are words: stemmed, and AND/OR are not operators. */
        {"SUPPRESSING", "Query(Zsuppress)", "all"},
        {"suppressing", "Query(Zsuppress)", "all"},
        {"OIL AND GAS", "Query((Zgas AND Zoil))", "all"},
        /* Possessives, acronyms, hyphens and digits as the indexer's
         * generator makes them. */
        {"RUSSIA'S U.N. high-speed 1963",
         "Query((1963 OR Zhigh OR Zrussia OR Zspeed OR Zun))", "any"},
        {"the U.N. vote", "Query((Zun AND Zvote))", "all"},
        /* Syntax errors are words. */
        {"date: 1963", "Query((1963 AND Zdate))", "all"},
        {"id: 5", "Query((5 AND Zid))", "all"},
        {"title: compilers", "Query((Zcompil AND Ztitl))", "all"},
        {"x OR", "Query(Zx)", "all"},
        {"-", "(empty)", "all"},
        /* Stopwords go, unless nothing else is left. */
        {"what are the structural problems of high speed aircraft",
         "Query((Zaircraft OR Zhigh OR Zproblem OR Zspeed OR Zstructur))",
         "any"},
        {"the who", "Query((Zthe AND Zwho))", "all"},
        /* A repeated word counts more. */
        {"cocoa cocoa COCOA prices in brazil and ghana, cocoa",
         "Query((Zbrazil AND Zcocoa#4 AND Zghana AND Zprice))", "all"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_query_info info;
        char *d = words_of(cases[i].in, WX_MATCH_AUTO, &info);
        if (strcmp(d, cases[i].want) != 0)
            fail_msg("%s:\n  got  %s\n  want %s", cases[i].in, d,
                     cases[i].want);
        assert_true(info.words);
        assert_string_equal(wx_query_match_name(info.match),
                            cases[i].match);
        free(d);
    }
    /* Upper and lower case give the same query. */
    wx_query_info a, b;
    char *up = words_of("BANK OF JAPAN INTERVENES AS YEN FALLS",
                        WX_MATCH_AUTO, &a);
    char *low = words_of("bank of japan intervenes as yen falls",
                         WX_MATCH_AUTO, &b);
    assert_string_equal(up, low);
    free(up);
    free(low);
    /* Explicit modes. */
    wx_query_info info;
    char *d = words_of("cocoa sugar", WX_MATCH_ANY, &info);
    assert_string_equal(d, "Query((Zcocoa OR Zsugar))");
    free(d);
    d = words_of("cocoa sugar grain wheat maize", WX_MATCH_ALL, &info);
    assert_string_equal(
        d, "Query((Zcocoa AND Zgrain AND Zmaiz AND Zsugar AND Zwheat))");
    free(d);
}

static void test_is_syntax(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool syntax;
    } cases[] = {
        {"cocoa OR sugar", true},
        {"cocoa NEAR/3 sugar", true},
        {"(sugar OR grain) futures", true},
        {"title:cocoa", true},
        {"agency:efe cocoa", true},
        {"\"bank of japan\"", true},
        {"cocoa -sugar", true},
        {"+cocoa", true},
        {"embass*", true},
        {"cocoa buffer", false},
        {"OIL PRICES FALL OR RISE", false},   /* a shouted headline */
        {"x OR", false},
        {"OR x", false},
        {"NOT cocoa", true},                 /* as -cocoa */
        {"NOT GUILTY", false},               /* a shouted headline */
        {"cocoa is NOT", false},
        {"-", false},
        {"date: 1963", false},
        {"title: compilers", false},
        {"foo:bar", false},                  /* not a field */
        {"what are the details of the rigorous kinetic theory of "
         "gases . (chapman-enskog theory) .", false},
        {"he said \"we will not sell\" and left the room at noon today",
         false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (wx_query_is_syntax(cases[i].in) != cases[i].syntax)
            fail_msg("%s: expected %s", cases[i].in,
                     cases[i].syntax ? "syntax" : "words");
    /* Syntax that does not parse falls back to words under auto... */
    wx_query *q = NULL;
    wx_err err;
    wx_query_info info;
    wx_query_opts o = {.lang = "english"};
    assert_int_equal(wx_query_parse_text("cocoa AND (", &o, &q, &info, NULL,
                                         &err), WX_OK);
    assert_true(info.words);
    wx_query_free(q);
    /* ...and is an error when syntax is asked for. */
    o.syntax = WX_SYNTAX_ON;
    assert_int_equal(wx_query_parse_text("cocoa AND (", &o, &q, &info, NULL,
                                         &err), WX_EQUERY);
    assert_null(q);
    /* Off: operators are words. */
    o.syntax = WX_SYNTAX_OFF;
    assert_int_equal(wx_query_parse_text("cocoa OR sugar", &o, &q, &info,
                                         NULL, &err), WX_OK);
    char *d = wx_query_describe(q);
    assert_string_equal(d, "Query((Zcocoa AND Zsugar))");
    free(d);
    wx_query_free(q);
}

static void test_mode_names(void **state)
{
    (void)state;
    wx_err err;
    for (int m = 0; m < WX_MATCH_COUNT; m++) {
        wx_query_match back;
        assert_int_equal(wx_query_match_parse(
                             wx_query_match_name((wx_query_match)m), &back,
                             &err), WX_OK);
        assert_int_equal(back, m);
    }
    wx_query_match mm;
    assert_int_equal(wx_query_match_parse("most", &mm, &err), WX_EINVAL);
    assert_non_null(strstr(err.msg, "most"));
    wx_query_syntax ss;
    assert_int_equal(wx_query_syntax_parse("on", &ss, &err), WX_OK);
    assert_int_equal(ss, WX_SYNTAX_ON);
    assert_int_equal(wx_query_syntax_parse("yes", &ss, &err), WX_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_bad_language),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_is_syntax),
        cmocka_unit_test(test_mode_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
