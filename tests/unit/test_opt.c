/*
 * Unit tests for wx_opt: whole-number option values within bounds, and
 * the usage-error exit code.
 */
#include "wx_exit.h"
#include "wx_opt.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

static void test_num(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool ok;
        long v;
    } cases[] = {
        {"0", true, 0},      {"10", true, 10},   {"1000", true, 1000},
        {"1001", false, 0},  {"-1", false, 0},   {"", false, 0},
        {"12x", false, 0},   {"x", false, 0},    {" 5", true, 5},
        {"5 ", false, 0},    {"99999999999999999999", false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        long v = -7;
        assert_int_equal(wx_opt_num(cases[i].s, 0, 1000, &v), cases[i].ok);
        assert_int_equal(v, cases[i].ok ? cases[i].v : -7);
    }
}

static void test_usage(void **state)
{
    (void)state;
    /* The message goes to stderr; what callers rely on is the code. */
    assert_int_equal(wx_opt_usage("prog", "bad value '%s'", "x"),
                     WX_EXIT_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_num),
        cmocka_unit_test(test_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
