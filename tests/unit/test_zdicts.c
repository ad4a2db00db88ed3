/*
 * Unit tests for common/wx_zdicts: the current built-in dictionary
 * parses (a vocabulary and a full preset), is one object however often
 * and from however many threads it is asked for, and numbers this binary
 * lacks are a clear WX_EFORMAT.
 */
#define _XOPEN_SOURCE 700  /* nftw(), in wx_test_util.h */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_test_util.h"

#include "wx_zdicts.h"

#include <pthread.h>
#include <string.h>

static void test_current(void **state)
{
    (void)state;
    wx_err err = {0};
    const wx_zdict *d = NULL;
    OK(wx_zdicts_get(WX_ZDICTS_CURRENT, &d, &err));
    assert_non_null(d);
    assert_true(wx_zdict_builtin(d));
    assert_int_equal(wx_zdict_id(d), WX_ZDICTS_CURRENT);
    assert_true(wx_zdict_words(d) > 1000);
    size_t n = 0;
    const unsigned char *v = wx_zdict_bytes(d, &n);
    assert_int_equal(n, wx_zdict_v1_len);
    assert_memory_equal(v, "\0wxd\1", 5);
    /* A preset near deflate's whole window follows the vocabulary. */
    assert_true(n > 30000);
}

static void *ask(void *arg)
{
    wx_err err;
    const wx_zdict *d = NULL;
    if (wx_zdicts_get(WX_ZDICTS_CURRENT, &d, &err) != WX_OK)
        d = NULL;
    *(const wx_zdict **)arg = d;
    return NULL;
}

static void test_one_object(void **state)
{
    (void)state;
    enum { N = 4 };
    pthread_t t[N];
    const wx_zdict *got[N];
    for (int i = 0; i < N; i++)
        assert_int_equal(pthread_create(&t[i], NULL, ask, &got[i]), 0);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    wx_err err = {0};
    const wx_zdict *d = NULL;
    OK(wx_zdicts_get(WX_ZDICTS_CURRENT, &d, &err));
    for (int i = 0; i < N; i++)
        assert_ptr_equal(got[i], d);
}

static void test_unknown(void **state)
{
    (void)state;
    static const unsigned bad[] = {0, WX_ZDICTS_CURRENT + 1, 255, 256,
                                   100000};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        wx_err err = {0};
        const wx_zdict *d = (const wx_zdict *)&err;
        assert_int_equal(wx_zdicts_get(bad[i], &d, &err), WX_EFORMAT);
        assert_null(d);
        assert_non_null(strstr(err.msg, "does not have"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_current),
        cmocka_unit_test(test_one_object),
        cmocka_unit_test(test_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
