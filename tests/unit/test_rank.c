/*
 * Tests of the ranking settings: every scheme parses and prints back to
 * the same settings, bad names and out-of-range values are refused
 * with a message naming them, and the defaults are the documented ones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "wx_rank.h"

#include <string.h>

static void test_defaults(void **state)
{
    (void)state;
    wx_rank r;
    wx_rank_default(&r);
    char text[96];
    wx_rank_format(&r, text, sizeof text);
    assert_string_equal(text, "bm25:k1=1.2,b=0.75,fb=3,fbterms=20,fbw=0.3,prox=0");
}

static void test_round_trip(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "bm25:k1=2,b=0.5,fb=0,fbterms=20,fbw=0.3,prox=0",
        "bm25+:k1=1.2,b=0.75,fb=3,fbterms=20,fbw=0.3,prox=0",
        "lm:mu=500,fb=3,fbterms=20,fbw=0.3,prox=0",
        "dph:fb=3,fbterms=20,fbw=0.3,prox=0",
        "pl2:c=7,fb=1,fbterms=20,fbw=0.3,prox=0.5",
        "bm25:k1=1.2,b=0.75,fb=5,fbterms=10,fbw=0.5,prox=0",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_rank r;
        wx_err err;
        assert_int_equal(wx_rank_parse(cases[i], &r, &err), WX_OK);
        char text[96];
        wx_rank_format(&r, text, sizeof text);
        assert_string_equal(text, cases[i]);
    }
    /* Unnamed parameters keep their defaults; fb=0 turns feedback off. */
    wx_rank r;
    wx_err err;
    assert_int_equal(wx_rank_parse("bm25:b=0.3,fb=0", &r, &err), WX_OK);
    assert_true(r.k1 == 1.2 && r.b == 0.3 && r.fb == 0);
}

static void test_bad(void **state)
{
    (void)state;
    static const struct {
        const char *in, *says;
    } cases[] = {
        {"tfidf", "unknown scheme"},
        {"bm25:k1", "NAME=VALUE"},
        {"bm25:mu=3", "no parameter \"mu\""},
        {"bm25:k1=-1", "k1 must be a number from 0 to 10"},
        {"bm25:b=1.5", "b must be"},
        {"bm25:b=x", "b must be"},
        {"bm25:b=", "b must be"},
        {"lm:mu=0", "mu must be"},
        {"dph:fb=99", "fb must be"},
        {"", "unknown scheme"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_rank r;
        wx_rank_default(&r);
        r.k1 = 9;
        wx_err err;
        assert_int_equal(wx_rank_parse(cases[i].in, &r, &err), WX_EINVAL);
        if (strstr(err.msg, cases[i].says) == NULL)
            fail_msg("%s: %s", cases[i].in, err.msg);
        assert_true(r.k1 == 9);   /* unchanged on failure */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
