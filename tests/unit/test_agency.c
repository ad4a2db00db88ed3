/*
 * Unit tests for common/wx_agency: canonical names, aliases, the forms
 * spellings take in copy, and credits naming two agencies.
 */
#include "wx_agency.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_agency_table(void **state)
{
    (void)state;
    static const struct {
        const char *in, *canon;
    } cases[] = {
        {"EFE", "EFE"}, {"efe", "EFE"}, {"AP", "AP"},
        {"Associated Press", "AP"}, {"Reuters", "Reuters"},
        {"REUTER", "Reuters"}, {"AFP", "AFP"},
        {"Agence France-Presse", "AFP"}, {"Xinhua", "Xinhua"},
        {"XINHUA", "Xinhua"}, {"dpa", "dpa"}, {"DPA", "dpa"},
        {"ANSA", "ANSA"}, {"Kyodo", "Kyodo"}, {"KYODO", "Kyodo"},
        {"UPI", "UPI"}, {"AAP", "AAP"}, {"PTI", "PTI"}, {"IANS", "IANS"},
        {"Yonhap", "Yonhap"}, {"TASS", "TASS"}, {"Bloomberg", "Bloomberg"},
        {"CNA", "CNA"}, {"Anadolu", "Anadolu"},
        {"Europa Press", "Europa Press"},
        {"Prensa Latina", "Prensa Latina"}, {"IPS", "IPS"},
        {"THE CANADIAN PRESS", "CP"}, {"Canadian Press", "CP"},
        {"reuters.com", "Reuters"}, {"REUTERS.COM", "Reuters"},
        {"globenewswire.com", "GlobeNewswire"},
        {"GLOBE NEWSWIRE", "GlobeNewswire"}, {"PRNewswire", "PR Newswire"},
        {"The Associated Press", "AP"}, {"ritzau", "Ritzau"},
        {"Agence France Presse", "AFP"}, {"AGENCE FRANCE-PRESSE", "AFP"},
        {"Bernama", "Bernama"}, {"Dow Jones", "Dow Jones"},
        {"Thomson Reuters", "Reuters"}, {"Deutsche Presse-Agentur", "dpa"},
        {"Unknown Wire", NULL}, {"", NULL}, {"EF", NULL}, {"EFEX", NULL},
        {"Europa", NULL}, {"---", NULL},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        const char *got = wx_agency_canon(cases[i].in,
                                             strlen(cases[i].in));
        if (cases[i].canon == NULL)
            assert_null(got);
        else if (got == NULL || strcmp(got, cases[i].canon) != 0)
            fail_msg("agency \"%s\": got %s", cases[i].in,
                     got ? got : "NULL");
    }
}


/* Only the forms copy uses: "Enditem" is a sign-off, never a dateline
 * credit; "AA" only in parentheses; a tail must look printed. */
static void test_forms(void **state)
{
    (void)state;
    assert_string_equal(wx_agency_find("Enditem", 7, WX_AGENCY_LINE),
                        "Xinhua");
    assert_null(wx_agency_find("Enditem", 7, WX_AGENCY_PAREN));
    assert_string_equal(wx_agency_find("AA", 2, WX_AGENCY_PAREN),
                        "Anadolu");
    assert_null(wx_agency_find("AA", 2, WX_AGENCY_BARE));
    assert_string_equal(wx_agency_find("AFP", 3, WX_AGENCY_BARE), "AFP");
    assert_string_equal(wx_agency_find("Kyodo", 5, WX_AGENCY_BARE),
                        "Kyodo");
    assert_string_equal(wx_agency_find("EFE", 3, WX_AGENCY_TAIL), "EFE");
    assert_null(wx_agency_find("eFe", 3, WX_AGENCY_TAIL));
    assert_null(wx_agency_find("Associated Press", 16, WX_AGENCY_TAIL));
    assert_null(wx_agency_find("AFP", 3, 0));
}

static void test_credits(void **state)
{
    (void)state;
    static const struct {
        const char *in, *first, *second;
    } cases[] = {
        {"STT\xe2\x80\x93" "AFP", "STT", "AFP"},
        {"STT\xe2\x80\x93", "STT", NULL},
        {"ats afp", "ATS", "AFP"},
        {"tca/dpa", "dpa", NULL},
        {"Chicago Tribune/Bloomberg", "Bloomberg", NULL},
        {"CNN/Money", "CNN", NULL},
        {"AFP/Reuters", "AFP", "Reuters"},
        {"Agence France-Presse", "AFP", NULL},
        {"ITAR-TASS", "TASS", NULL},
        {"Canadian Press/AP", "CP", "AP"},
        {"Reuters/Reuters", "Reuters", NULL},
        {"Somebody Else", NULL, NULL},
        {"", NULL, NULL},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        const char *out[2] = {"x", "x"};
        size_t k = wx_agency_credits(cases[i].in, strlen(cases[i].in), out,
                                     NULL);
        size_t want = (cases[i].first != NULL) + (cases[i].second != NULL);
        if (k != want ||
            (k > 0 && strcmp(out[0], cases[i].first) != 0) ||
            (k > 1 && strcmp(out[1], cases[i].second) != 0))
            fail_msg("credit \"%s\": %zu: %s %s", cases[i].in, k,
                     k > 0 ? out[0] : "-", k > 1 ? out[1] : "-");
        if (k < 2)
            assert_null(out[1]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agency_table),
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_credits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
