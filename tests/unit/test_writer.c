/*
 * Unit tests for indexer/writer.c: the writer lock (a second holder is
 * refused at once or after its wait, and gets the lock once the first
 * lets go), clearing a killed build's scratch, publishing a new index
 * by rename, and the free-space check before a commit.
 */
#define _XOPEN_SOURCE 700
#include "indexer/writer.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "wx_test_util.h"

static char dir[64];
static char db[96];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/wx-writer.XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    snprintf(db, sizeof db, "%s/x.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return wxt_rmtree(dir);
}

static bool exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

static void test_free_null(void **state)
{
    (void)state;
    wx_writer_unlock(NULL);
}

static void test_second_writer_refused(void **state)
{
    (void)state;
    wx_err err;
    wx_err_clear(&err);
    wx_writer *a = NULL, *b = NULL;
    OK(wx_writer_lock(db, 0, &a, &err));
    assert_true(exists(db) == false);   /* the lock is beside the index */
    /* flock locks belong to open files: a second open in the same
     * process is a second writer. */
    assert_int_equal(wx_writer_lock(db, 0, &b, &err), WX_ELOCKED);
    assert_null(b);
    assert_non_null(strstr(err.msg, "database is locked by another writer"));
    assert_non_null(strstr(err.msg, "--wait"));
    assert_int_equal(wx_writer_lock(db, 0.2, &b, &err), WX_ELOCKED);
    assert_non_null(strstr(err.msg, "after waiting 0.2 s"));
    wx_writer_unlock(a);
    OK(wx_writer_lock(db, 0, &b, &err));
    wx_writer_unlock(b);
}

static void test_trailing_slash_same_lock(void **state)
{
    (void)state;
    wx_err err;
    wx_err_clear(&err);
    wx_writer *a = NULL, *b = NULL;
    char slashed[128];
    snprintf(slashed, sizeof slashed, "%s//", db);
    OK(wx_writer_lock(db, 0, &a, &err));
    assert_int_equal(wx_writer_lock(slashed, 0, &b, &err), WX_ELOCKED);
    assert_string_equal(strrchr(wx_writer_new_path(a), '/'), "/x.db.new");
    wx_writer_unlock(a);
}

static void test_scratch_cleared_and_published(void **state)
{
    (void)state;
    wx_err err;
    wx_err_clear(&err);
    wx_writer *w = NULL;
    OK(wx_writer_lock(db, 0, &w, &err));
    bool cleared = true;
    OK(wx_writer_clear_scratch(w, &cleared, &err));
    assert_false(cleared);
    /* What a killed parallel build leaves: shards and a half merge. */
    char p[160];
    snprintf(p, sizeof p, "%s/0", wx_writer_shards_path(w));
    assert_int_equal(mkdir(wx_writer_shards_path(w), 0777), 0);
    assert_int_equal(mkdir(p, 0777), 0);
    snprintf(p, sizeof p, "%s/0/postlist.glass", wx_writer_shards_path(w));
    fclose(fopen(p, "w"));
    assert_int_equal(mkdir(wx_writer_new_path(w), 0777), 0);
    snprintf(p, sizeof p, "%s/iamglass", wx_writer_new_path(w));
    fclose(fopen(p, "w"));
    OK(wx_writer_clear_scratch(w, &cleared, &err));
    assert_true(cleared);
    assert_false(exists(wx_writer_shards_path(w)));
    assert_false(exists(wx_writer_new_path(w)));
    /* A complete new index appears at once, by rename. */
    assert_int_equal(mkdir(wx_writer_new_path(w), 0777), 0);
    fclose(fopen(p, "w"));
    OK(wx_writer_publish(w, &err));
    snprintf(p, sizeof p, "%s/iamglass", db);
    assert_true(exists(p));
    assert_false(exists(wx_writer_new_path(w)));
    wx_writer_unlock(w);
}

static void test_room(void **state)
{
    (void)state;
    wx_err err;
    wx_err_clear(&err);
    assert_int_equal(wx_writer_room(dir, UINT64_MAX / 8, &err), WX_EIO);
    assert_non_null(strstr(err.msg, "No space left on device"));
    assert_non_null(strstr(err.msg, "run the same command again"));
    OK(wx_writer_room("/nonexistent/path", UINT64_MAX / 8, &err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_free_null),
        cmocka_unit_test_setup_teardown(test_second_writer_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_trailing_slash_same_lock,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_scratch_cleared_and_published,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_room, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
