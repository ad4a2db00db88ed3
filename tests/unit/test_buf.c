/*
 * Unit tests for common/wx_buf: growth, the hard maximum, the sticky
 * error (after a failed append later appends leave the buffer alone and
 * the status stays the first error), reset, steal and printf.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_buf.h"

#include <stdlib.h>
#include <string.h>

static void test_empty(void **state)
{
    (void)state;
    wx_buf b;
    wx_buf_init(&b, 100);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.st, WX_OK);
    assert_string_equal(wx_buf_str(&b), "");
    assert_int_equal(wx_buf_append(&b, NULL, 0), WX_OK);
    assert_string_equal(wx_buf_str(&b), "");
    wx_buf_free(&b);
    wx_buf_free(NULL);
}

static void test_growth(void **state)
{
    (void)state;
    enum { N = 100000 };
    wx_buf b;
    wx_buf_init(&b, N);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(wx_buf_putc(&b, (char)('a' + i % 26)), WX_OK);
    assert_int_equal(b.len, N);
    assert_true(b.cap > N);
    assert_int_equal(strlen(wx_buf_str(&b)), N);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(b.data[i], 'a' + i % 26);
    wx_buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
}

static void test_append_kinds(void **state)
{
    (void)state;
    wx_buf b;
    wx_buf_init(&b, 1000);
    assert_int_equal(wx_buf_puts(&b, "abc"), WX_OK);
    assert_int_equal(wx_buf_putc(&b, '-'), WX_OK);
    assert_int_equal(wx_buf_append(&b, "x\0y", 3), WX_OK);
    assert_int_equal(b.len, 7);
    assert_memory_equal(b.data, "abc-x\0y", 8);
    assert_int_equal(wx_buf_printf(&b, "[%d|%s|%05.1f]", -42, "s", 3.14159),
                     WX_OK);
    assert_memory_equal(b.data + 7, "[-42|s|003.1]", 14);
    assert_int_equal(b.len, 20);
    assert_int_equal(wx_buf_printf(&b, "%s", ""), WX_OK);
    assert_int_equal(b.len, 20);
    wx_buf_free(&b);
}

static void test_limit(void **state)
{
    (void)state;
    wx_buf b;
    wx_buf_init(&b, 10);
    assert_int_equal(wx_buf_append(&b, "0123456789", 10), WX_OK);
    assert_int_equal(b.len, 10);
    assert_int_equal(wx_buf_putc(&b, 'x'), WX_ETOOBIG);
    assert_int_equal(b.st, WX_ETOOBIG);
    assert_string_equal(wx_buf_str(&b), "0123456789");
    wx_buf_free(&b);

    /* A single oversize append and one near SIZE_MAX both fail cleanly. */
    wx_buf_init(&b, 10);
    assert_int_equal(wx_buf_append(&b, "0123456789A", 11), WX_ETOOBIG);
    assert_int_equal(b.len, 0);
    wx_buf_free(&b);
    wx_buf_init(&b, 10);
    wx_buf_putc(&b, 'a');
    assert_int_equal(wx_buf_append(&b, "", SIZE_MAX), WX_ETOOBIG);
    assert_int_equal(b.len, 1);
    wx_buf_free(&b);

    /* printf past the limit. */
    wx_buf_init(&b, 10);
    assert_int_equal(wx_buf_printf(&b, "%020d", 7), WX_ETOOBIG);
    assert_int_equal(b.len, 0);
    wx_buf_free(&b);

    /* A zero maximum still accepts empty appends. */
    wx_buf_init(&b, 0);
    assert_int_equal(wx_buf_append(&b, "", 0), WX_OK);
    assert_int_equal(wx_buf_putc(&b, 'a'), WX_ETOOBIG);
    wx_buf_free(&b);
}

static void test_sticky(void **state)
{
    (void)state;
    wx_buf b;
    wx_buf_init(&b, 8);
    assert_int_equal(wx_buf_puts(&b, "abcd"), WX_OK);
    assert_int_equal(wx_buf_puts(&b, "efghijkl"), WX_ETOOBIG);
    /* Later calls that would fit are no-ops and report the first error. */
    assert_int_equal(wx_buf_putc(&b, 'x'), WX_ETOOBIG);
    assert_int_equal(wx_buf_append(&b, "y", 1), WX_ETOOBIG);
    assert_int_equal(wx_buf_puts(&b, "z"), WX_ETOOBIG);
    assert_int_equal(wx_buf_printf(&b, "%d", 1), WX_ETOOBIG);
    assert_int_equal(b.len, 4);
    assert_string_equal(wx_buf_str(&b), "abcd");
    assert_int_equal(b.st, WX_ETOOBIG);
    /* A buffer in error cannot be stolen. */
    assert_null(wx_buf_steal(&b));
    /* reset clears the error and the contents, keeping the storage. */
    char *keep = b.data;
    wx_buf_reset(&b);
    assert_int_equal(b.st, WX_OK);
    assert_int_equal(b.len, 0);
    assert_ptr_equal(b.data, keep);
    assert_string_equal(wx_buf_str(&b), "");
    assert_int_equal(wx_buf_puts(&b, "ok"), WX_OK);
    assert_string_equal(wx_buf_str(&b), "ok");
    wx_buf_free(&b);
}

static void test_steal(void **state)
{
    (void)state;
    wx_buf b;
    wx_buf_init(&b, 100);
    wx_buf_puts(&b, "hello");
    char *s = wx_buf_steal(&b);
    assert_non_null(s);
    assert_string_equal(s, "hello");
    free(s);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_string_equal(wx_buf_str(&b), "");
    /* Stealing an empty buffer gives an empty string, not NULL. */
    s = wx_buf_steal(&b);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
    /* The buffer is usable again after a steal. */
    assert_int_equal(wx_buf_puts(&b, "again"), WX_OK);
    assert_string_equal(wx_buf_str(&b), "again");
    wx_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_append_kinds),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_sticky),
        cmocka_unit_test(test_steal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
