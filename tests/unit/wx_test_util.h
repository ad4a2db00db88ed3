/*
 * Header-only helpers the unit tests of database-backed modules share:
 * OK() fails the test with a call's status and message (a wx_err named
 * err must be in scope), and wxt_rmtree() removes a test's temporary
 * directory. Include it after <cmocka.h>, in a file that defines
 * _XOPEN_SOURCE 700 before any include (nftw()).
 */
#ifndef WX_TEST_UTIL_H
#define WX_TEST_UTIL_H

#include "wx_status.h"

#include <ftw.h>
#include <stdio.h>

#define OK(call)                                                        \
    do {                                                                \
        wx_status st_ = (call);                                         \
        if (st_ != WX_OK)                                               \
            fail_msg("%s: %s (%s)", #call, wx_status_str(st_), err.msg); \
    } while (0)

static inline int wxt_rm_one(const char *path, const struct stat *sb,
                             int type, struct FTW *ftw)
{
    (void)sb;
    (void)type;
    (void)ftw;
    return remove(path);
}

/* Remove dir and everything under it; 0 on success. */
static inline int wxt_rmtree(const char *dir)
{
    return nftw(dir, wxt_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
