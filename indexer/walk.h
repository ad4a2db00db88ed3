/*
 * Path expansion for the indexer: files as given, directories walked
 * recursively in sorted order (so runs are reproducible), "-" for
 * standard input. Every entry a walk meets comes back with its fate:
 * to be read, excluded by a rule (default exclusions such as hidden
 * files and READMEs, then --include/--exclude globs), or skipped with the
 * reason it cannot be read (a dangling link, a loop, an unreadable
 * folder, something that is not a regular file). Nothing is left out
 * silently, and one bad entry never stops the walk.
 */
#ifndef WX_WALK_H
#define WX_WALK_H

#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum wx_walk_fate {
    WX_WALK_READ,       /* a file to read */
    WX_WALK_EXCLUDED,   /* left out by a rule; why names the rule */
    WX_WALK_SKIPPED     /* cannot be read; why is the reason */
} wx_walk_fate;

typedef struct wx_walk_file {
    char *path;        /* owned */
    size_t rel;        /* path + rel: the part below the walked folder
                          (the whole path for a file named as an arg) */
    uint64_t size;     /* bytes on disk, 0 for stdin */
    bool explicit_arg; /* named on the command line (not found by a walk) */
    bool dir;          /* a folder excluded or skipped as a whole */
    wx_walk_fate fate;
    char *why;         /* owned; NULL to read. The group the summary
                          counts it in: the rule ("README*", "--exclude
                          '*.csv'", "no --include matched") or the reason
                          ("dangling symbolic link", "unreadable:
                          Permission denied") */
} wx_walk_file;

typedef struct wx_walk {
    wx_walk_file *files;
    size_t n;
    size_t cap;
    uint64_t total_size;   /* of the files to read */
} wx_walk;

/* One --include or --exclude glob, in command-line order. */
typedef struct wx_walk_rule {
    const char *glob;
    bool include;
} wx_walk_rule;

typedef struct wx_walk_opts {
    const wx_walk_rule *rules;
    size_t nrules;
    bool no_defaults;   /* leave out the default exclusions */
} wx_walk_opts;

/*
 * Expand paths[0..n) into w (initialised by this call). Rules apply to
 * what a walk finds, not to paths named on the command line. A glob
 * holding a '/' is matched (fnmatch, '*' crossing '/') against the path
 * below the walked folder, any other against the entry's name; the last
 * rule that matches decides, the default exclusions coming first. With
 * any --include, a file no rule matches is excluded; --include does not
 * apply to folders. WX_EIO when a path named on the command line does
 * not exist; WX_ENOMEM. Free with wx_walk_free.
 */
wx_status wx_walk_expand(const char *const *paths, size_t n,
                         const wx_walk_opts *opts, wx_walk *w, wx_err *err);

void wx_walk_free(wx_walk *w);

#endif
