/*
 * Unit tests for common/wx_status: every status has its own name (so a
 * missing case in wx_status_str() fails here as well as at compile
 * time), and wx_err_set() truncates, returns its status and takes NULL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_status.h"

#include <string.h>

static void test_names(void **state)
{
    (void)state;
    for (int i = 0; i < WX_STATUS_COUNT; i++) {
        const char *s = wx_status_str((wx_status)i);
        assert_non_null(s);
        assert_true(s[0] != '\0');
        assert_string_not_equal(s, "unknown status");
        for (int j = 0; j < i; j++)
            assert_string_not_equal(s, wx_status_str((wx_status)j));
    }
    assert_int_equal(WX_OK, 0);
    assert_string_equal(wx_status_str(WX_STATUS_COUNT), "unknown status");
    assert_string_equal(wx_status_str((wx_status)-1), "unknown status");
}

static void test_err_set(void **state)
{
    (void)state;
    wx_err err;
    wx_err_clear(&err);
    assert_int_equal(err.code, WX_OK);
    assert_string_equal(err.msg, "");

    assert_int_equal(wx_err_set(&err, WX_EFORMAT, "%s:%ld: %s", "a.sgm", 12L,
                                "bad date"),
                     WX_EFORMAT);
    assert_int_equal(err.code, WX_EFORMAT);
    assert_string_equal(err.msg, "a.sgm:12: bad date");

    wx_err_clear(&err);
    assert_int_equal(err.code, WX_OK);
    assert_string_equal(err.msg, "");
    wx_err_clear(NULL);
}

static void test_err_truncation(void **state)
{
    (void)state;
    char long_msg[3 * WX_ERR_MSG_MAX];
    memset(long_msg, 'x', sizeof long_msg - 1);
    long_msg[sizeof long_msg - 1] = '\0';
    wx_err err;
    memset(&err, 0x55, sizeof err);
    assert_int_equal(wx_err_set(&err, WX_ETOOBIG, "%s!", long_msg),
                     WX_ETOOBIG);
    assert_int_equal(err.code, WX_ETOOBIG);
    assert_int_equal(strlen(err.msg), WX_ERR_MSG_MAX - 1);
    assert_int_equal(err.msg[0], 'x');
    assert_int_equal(err.msg[WX_ERR_MSG_MAX - 2], 'x');
}

static void test_err_null(void **state)
{
    (void)state;
    for (int i = 0; i < WX_STATUS_COUNT; i++)
        assert_int_equal(wx_err_set(NULL, (wx_status)i, "%s", "ignored"), i);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_err_set),
        cmocka_unit_test(test_err_truncation),
        cmocka_unit_test(test_err_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
