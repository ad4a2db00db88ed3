/*
 * Unit tests for indexer/wire: the boilerplate rules on bodies (one row
 * per rule, with what must survive), version, byline and keyword line
 * recognition, line cleaning and time stamps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "indexer/wire.h"
#include "wx_article.h"

#include <stdio.h>
#include <string.h>

static const struct boiler_case {
    const char *body, *want, *signoff, *keywords;
} boiler[] = {
    /* the dpa keyword block, with its Extra label */
    {"Fußball\nDeutschland\nHessen\nExtra\nFrankfurt (dpa) - Text.",
     "Frankfurt (dpa) - Text.", NULL, "Fußball, Deutschland, Hessen"},
    /* three keyword lines without Extra */
    {"Wahlen\nFrankreich\nParis\nDie Wahl beginnt.", "Die Wahl beginnt.",
     NULL, "Wahlen, Frankreich, Paris"},
    /* one short line is a subhead, not a keyword block */
    {"Sub head\nOne two.", "Sub head\nOne two.", NULL, NULL},
    /* two short lines without Extra stay */
    {"Paris\nLyon\nText.", "Paris\nLyon\nText.", NULL, NULL},
    /* a body that is only short lines is left alone */
    {"Alpha\nBeta\nGamma", "Alpha\nBeta\nGamma", NULL, NULL},
    /* sign-offs at the end */
    {"Oil rose.\nREUTER", "Oil rose.", "REUTER", NULL},
    {"Oil rose.\nAP-WF-03-11-24 0940GMT", "Oil rose.",
     "AP-WF-03-11-24 0940GMT", NULL},
    {"Text.\ndpa wo yy", "Text.", "dpa wo yy", NULL},
    {"Text.\nAAP kl/jm\nKN", "Text.", "AAP kl/jm", NULL},
    {"Text.\njh/kr", "Text.", "jh/kr", NULL},
    /* but not inside the story */
    {"REUTER\nText goes on.", "REUTER\nText goes on.", NULL, NULL},
    /* furniture anywhere, and a trailing " =" */
    {"One. =\nMORE\nTwo.\n(END)\n= = =\n###", "One.\nTwo.", NULL, NULL},
    {"a=b stays", "a=b stays", NULL, NULL},
    {"Extra\n", NULL, NULL, NULL},
    /* a table row is never a keyword line */
    {"Team | Score\nA | 1\nB | 2\nText.", "Team | Score\nA | 1\nB | 2\n"
     "Text.", NULL, NULL},
};

static void test_boilerplate(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof boiler / sizeof boiler[0]; i++) {
        const struct boiler_case *c = &boiler[i];
        wx_article a;
        wx_article_init(&a);
        assert_int_equal(wx_article_set(&a.body, c->body, (size_t)-1),
                         WX_OK);
        assert_int_equal(wx_wire_strip_boilerplate(&a), WX_OK);
        const char *got[3] = {a.body, wx_article_meta(&a, "signoff"),
                              wx_article_meta(&a, "keywords")};
        const char *want[3] = {c->want, c->signoff, c->keywords};
        for (int k = 0; k < 3; k++)
            if (want[k] == NULL ? got[k] != NULL
                : got[k] == NULL || strcmp(got[k], want[k]) != 0)
                fail_msg("case %zu, part %d: \"%s\", want \"%s\"", i, k,
                         got[k] ? got[k] : "(null)",
                         want[k] ? want[k] : "(null)");
        wx_article_reset(&a);
    }
    wx_article a;
    wx_article_init(&a);
    assert_int_equal(wx_wire_strip_boilerplate(&a), WX_OK);   /* no body */
}

static void test_lines(void **state)
{
    (void)state;
    static const char *const versions[] = {
        "1ST LEAD", "2nd Ld-Writethru", "URGENT", "KILL", "CORRECTION",
        "UPDATE 2", "(REPEAT)", "3RD ADD", "Zusammenfassung", NULL
    };
    for (size_t i = 0; versions[i] != NULL; i++)
        if (!wx_wire_is_version(versions[i]))
            fail_msg("not a version: %s", versions[i]);
    static const char *const not_versions[] = {
        "Leaders meet in Rome", "KILL: Mayor story withdrawn today",
        "1st of May rally", "Updates are out", NULL
    };
    for (size_t i = 0; not_versions[i] != NULL; i++)
        if (wx_wire_is_version(not_versions[i]))
            fail_msg("a version: %s", not_versions[i]);
    assert_true(wx_wire_is_byline("By JANE ROE"));
    assert_true(wx_wire_is_byline("Von Anna Schmidt, dpa"));
    assert_false(wx_wire_is_byline("By the end of the year, prices rose."));
    assert_false(wx_wire_is_byline("Bypass opens"));
    assert_true(wx_wire_is_keyword("BC-EU-Fishing"));
    assert_true(wx_wire_is_keyword("Fußball/Bundesliga/"));
    assert_true(wx_wire_is_keyword("Nahost Konflikt/"));
    assert_true(wx_wire_is_keyword("FED:Budget"));
    assert_false(wx_wire_is_keyword("Headline"));
    assert_false(wx_wire_is_keyword("Two words-here"));

    wx_buf b;
    wx_buf_init(&b, 1024);
    wx_wire_line l = {"\x01^  Head\x07line \t text <=  ", 26};
    assert_int_equal(wx_wire_clean(&l, &b), WX_OK);
    assert_string_equal(wx_buf_str(&b), "Headline text");
    wx_buf_free(&b);

    char date[WX_DATE_MAX];
    assert_true(wx_wire_stamp_date("111530 Mar 24", date));
    assert_string_equal(date, "2024-03-11T15:30:00");
    assert_true(wx_wire_stamp_date("121405 AEDT MAR 24", date));
    assert_string_equal(date, "2024-03-12T14:05:00");
    assert_false(wx_wire_stamp_date("991530 Mar 24", date));
    assert_false(wx_wire_stamp_date("Text 1530", date));
    wx_wire_file_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boilerplate),
        cmocka_unit_test(test_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
