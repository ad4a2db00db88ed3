/*
 * Path expansion for the indexer: files as given, directories walked
 * recursively in sorted order (so runs are reproducible), "-" for
 * standard input. Hidden files and directories are left out of walks.
 */
#ifndef WX_WALK_H
#define WX_WALK_H

#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wx_walk_file {
    char *path;        /* owned */
    uint64_t size;     /* bytes on disk, 0 for stdin */
    bool explicit_arg; /* named on the command line (not found by a walk) */
} wx_walk_file;

typedef struct wx_walk {
    wx_walk_file *files;
    size_t n;
    size_t cap;
    uint64_t total_size;
} wx_walk;

/* Expand paths[0..n) into w (initialised by this call). WX_EIO naming the
 * path that does not exist or cannot be read. Free with wx_walk_free. */
wx_status wx_walk_expand(const char *const *paths, size_t n, wx_walk *w,
                         wx_err *err);

void wx_walk_free(wx_walk *w);

#endif
