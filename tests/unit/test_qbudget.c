/*
 * Unit tests for searcher/qbudget.c without an index: words and
 * wildcards counted as the parser would see them (operators, fields,
 * quoted filter values), each limit met with its message, and the
 * NEAR/n and ADJ/n shapes that Xapian 1.4.22 leaks memory on.
 */
#include "searcher/qbudget.h"
#include "wx_limits.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static wx_status check(const char *text, wx_qbudget_cost *c, wx_err *err)
{
    wx_err_clear(err);
    return wx_qbudget_check(text, NULL, 1000, c, err);
}

static void test_counts(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t terms, wildcards;
    } cases[] = {
        {"oil prices", 2, 0},
        {"oil AND prices OR -gold", 3, 0},
        {"embass* title:oil*", 2, 2},
        {"topic:\"cocoa*\" rain*", 2, 1},  /* filters do not expand */
        {"\"b* c*\" d", 3, 2},              /* phrases may */
        {"wheat NEAR export NEAR/3 grain", 3, 0},
        {"", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        wx_qbudget_cost c;
        wx_err err;
        assert_int_equal(check(cases[i].text, &c, &err), WX_OK);
        assert_int_equal(c.terms, cases[i].terms);
        assert_int_equal(c.wildcards, cases[i].wildcards);
    }
}

static void test_limits(void **state)
{
    (void)state;
    char q[8 * WX_MAX_QUERY_BYTES];
    size_t n = 0;
    for (int i = 0; i <= WX_MAX_QUERY_TERMS; i++)
        n += (size_t)snprintf(q + n, sizeof q - n, "w%d ", i);
    wx_err err;
    assert_int_equal(check(q, NULL, &err), WX_ETOOBIG);
    assert_non_null(strstr(err.msg, "too many words (at most 256)"));
    n = 0;
    for (int i = 0; i <= WX_MAX_QUERY_WILDCARDS; i++)
        n += (size_t)snprintf(q + n, sizeof q - n, "w%d* OR ", i);
    q[n - 4] = '\0';
    assert_int_equal(check(q, NULL, &err), WX_ETOOBIG);
    assert_non_null(strstr(err.msg, "too many wildcards (at most 32)"));
}

static void test_near_shapes(void **state)
{
    (void)state;
    static const char *const refused[] = {
        "a OR NEAR/2 b", "OR a c* NEAR/2", "NEAR/3 b", "a NEAR/2",
        "a ADJ/2 AND b", "a AND - NEAR/2 b", "a OR& NEAR/2 b",
        "x NEAR/2 NEAR/2 y",
    };
    static const char *const kept[] = {
        "a NEAR/2 b", "a ADJ/3 b", "\"a NEAR/2\"", "(a) NEAR/2 (b)",
        "a NEAR b", "OR near/2", "\"x y\" NEAR/3 z",
    };
    wx_err err;
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        assert_int_equal(check(refused[i], NULL, &err), WX_EQUERY);
        assert_string_equal(err.msg,
                            "NEAR/n and ADJ/n need a word on each side");
    }
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
        assert_int_equal(check(kept[i], NULL, &err), WX_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_near_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
