/*
 * Recursive, sorted directory expansion with sizes for progress/ETA, and
 * a fate for every entry. File-system trouble inside a walk (a dangling
 * link, a loop, a folder that cannot be opened, an entry that vanished)
 * becomes a skipped entry with its reason: the rest of the walk goes on.
 */
/* FNM_CASEFOLD (a GNU extension of fnmatch) for the default names. */
#define _GNU_SOURCE
#include "walk.h"
#include "wx_log.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { MAX_DEPTH = 64 };

/*
 * Left out of walks unless a later --include takes them back: what sits
 * beside article dumps without being one. Names are matched ignoring
 * case ("readme.md", "README.TXT").
 */
static const struct {
    const char *glob;
} defaults[] = {
    {".*"},                 /* hidden files and folders, ".#x" locks */
    {"README*"}, {"LICENSE*"}, {"LICENCE*"}, {"COPYING*"},
    {"*~"}, {"#*#"}, {"*.swp"}, {"*.swo"}, {"*.bak"}, {"*.orig"},
    {"*.dtd"},              /* the DTD shipped with SGML dumps */
};

/* A directory being walked, to recognise a link back into it. */
typedef struct ancestor {
    dev_t dev;
    ino_t ino;
} ancestor;

typedef struct walker {
    const wx_walk_opts *opts;
    bool any_include;
    wx_walk *w;
    ancestor stack[MAX_DEPTH + 2];
    size_t depth;
    size_t root_len;     /* bytes of the walked folder's path + '/' */
} walker;

static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s != NULL)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static wx_status push(wx_walk *w, const char *path, size_t rel,
                      uint64_t size, bool explicit_arg, bool dir,
                      wx_walk_fate fate, wx_err *err, const char *why_fmt,
                      ...) WX_PRINTF(9, 10);

static wx_status push(wx_walk *w, const char *path, size_t rel,
                      uint64_t size, bool explicit_arg, bool dir,
                      wx_walk_fate fate, wx_err *err, const char *why_fmt,
                      ...)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        wx_walk_file *f = realloc(w->files, cap * sizeof *f);
        if (f == NULL)
            return wx_err_set(err, WX_ENOMEM, "out of memory listing files");
        w->files = f;
        w->cap = cap;
    }
    char *p = strdup(path), *why = NULL;
    if (why_fmt != NULL) {
        va_list ap;
        va_start(ap, why_fmt);
        why = vformat(why_fmt, ap);
        va_end(ap);
    }
    if (p == NULL || (why_fmt != NULL && why == NULL)) {
        free(p);
        free(why);
        return wx_err_set(err, WX_ENOMEM, "out of memory listing files");
    }
    w->files[w->n++] = (wx_walk_file){p, rel, size, explicit_arg, dir, fate,
                                      why};
    if (fate == WX_WALK_READ)
        w->total_size += size;
    return WX_OK;
}

static bool match(const char *glob, const char *name, const char *rel,
                  int flags)
{
    const char *subject = strchr(glob, '/') != NULL ? rel : name;
    return fnmatch(glob, subject, flags) == 0;
}

/*
 * The rule that excludes entry name (path rel below the root), as a
 * malloc'd label in *why, or NULL when it is to be read. WX_ENOMEM only.
 */
static wx_status rule_for(const walker *k, const char *name, const char *rel,
                          bool dir, char **why)
{
    const wx_walk_opts *o = k->opts;
    int decided = -1;            /* -1: none; else 0 include, 1 exclude */
    const char *label = NULL;
    const char *user_glob = NULL;
    if (!o->no_defaults)
        for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++)
            if (match(defaults[i].glob, name, rel, FNM_CASEFOLD)) {
                decided = 1;
                label = defaults[i].glob;
                break;
            }
    for (size_t i = 0; i < o->nrules; i++) {
        const wx_walk_rule *r = &o->rules[i];
        if (dir && r->include)
            continue;
        if (match(r->glob, name, rel, 0)) {
            decided = r->include ? 0 : 1;
            user_glob = r->include ? NULL : r->glob;
            label = NULL;
        }
    }
    *why = NULL;
    const char *fmt = NULL, *arg = NULL;
    if (decided == 1 && user_glob != NULL)
        fmt = "--exclude '%s'", arg = user_glob;
    else if (decided == 1)
        fmt = "%s", arg = label;
    else if (decided == -1 && k->any_include && !dir)
        fmt = "%s", arg = "no --include matched";
    if (fmt == NULL)
        return WX_OK;
    int n = snprintf(NULL, 0, fmt, arg);
    if ((*why = malloc((size_t)n + 1)) == NULL)
        return WX_ENOMEM;
    snprintf(*why, (size_t)n + 1, fmt, arg);
    return WX_OK;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Why an entry that stat() refuses cannot be read. */
static wx_status stat_failed(walker *k, const char *p, int e, wx_err *err)
{
    struct stat lb;
    size_t rel = k->root_len;
    if (e == ELOOP)
        return push(k->w, p, rel, 0, false, false, WX_WALK_SKIPPED, err,
                    "symbolic link loop");
    if (e == ENOENT && lstat(p, &lb) == 0 && S_ISLNK(lb.st_mode))
        return push(k->w, p, rel, 0, false, false, WX_WALK_SKIPPED, err,
                    "dangling symbolic link");
    if (e == ENOENT)
        return push(k->w, p, rel, 0, false, false, WX_WALK_SKIPPED, err,
                    "vanished during the walk");
    return push(k->w, p, rel, 0, false, false, WX_WALK_SKIPPED, err,
                "unreadable: %s", strerror(e));
}

static wx_status walk_dir(walker *k, const char *dir, wx_err *err);

static wx_status walk_entry(walker *k, const char *p, const char *name,
                            wx_err *err)
{
    wx_walk *w = k->w;
    size_t rel = k->root_len;
    struct stat sb;
    if (stat(p, &sb) != 0)
        return stat_failed(k, p, errno, err);
    bool dir = S_ISDIR(sb.st_mode);
    char *why = NULL;
    if (rule_for(k, name, p + rel, dir, &why) != WX_OK)
        return wx_err_set(err, WX_ENOMEM, "out of memory listing files");
    if (why != NULL) {
        wx_status st = push(w, p, rel, dir ? 0 : (uint64_t)sb.st_size,
                            false, dir, WX_WALK_EXCLUDED, err, "%s", why);
        free(why);
        return st;
    }
    if (dir) {
        for (size_t i = 0; i < k->depth; i++)
            if (k->stack[i].dev == sb.st_dev && k->stack[i].ino == sb.st_ino)
                return push(w, p, rel, 0, false, true, WX_WALK_SKIPPED, err,
                            "symbolic link loop");
        if (k->depth > MAX_DEPTH)
            return push(w, p, rel, 0, false, true, WX_WALK_SKIPPED, err,
                        "folders nested more than %d deep", MAX_DEPTH);
        k->stack[k->depth++] = (ancestor){sb.st_dev, sb.st_ino};
        wx_status st = walk_dir(k, p, err);
        k->depth--;
        return st;
    }
    if (!S_ISREG(sb.st_mode))
        return push(w, p, rel, 0, false, false, WX_WALK_SKIPPED, err,
                    "not a regular file");
    return push(w, p, rel, (uint64_t)sb.st_size, false, false, WX_WALK_READ,
                err, NULL);
}

static wx_status walk_dir(walker *k, const char *dir, wx_err *err)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return push(k->w, dir, k->root_len <= strlen(dir) ? k->root_len : 0,
                    0, false, true, WX_WALK_SKIPPED, err,
                    "folder unreadable: %s", strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    wx_status st = WX_OK;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof *nn);
            if (nn == NULL) {
                st = wx_err_set(err, WX_ENOMEM, "out of memory");
                goto done;
            }
            names = nn;
        }
        if ((names[n] = strdup(e->d_name)) == NULL) {
            st = wx_err_set(err, WX_ENOMEM, "out of memory");
            goto done;
        }
        n++;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n && st == WX_OK; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *p = malloc(len);
        if (p == NULL) {
            st = wx_err_set(err, WX_ENOMEM, "out of memory");
            break;
        }
        snprintf(p, len, "%s/%s", dir, names[i]);
        st = walk_entry(k, p, names[i], err);
        free(p);
    }
done:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return st;
}

wx_status wx_walk_expand(const char *const *paths, size_t n,
                         const wx_walk_opts *opts, wx_walk *w, wx_err *err)
{
    static const wx_walk_opts none = {NULL, 0, false};
    memset(w, 0, sizeof *w);
    walker k = {opts != NULL ? opts : &none, false, w, {{0, 0}}, 0, 0};
    for (size_t i = 0; i < k.opts->nrules; i++)
        if (k.opts->rules[i].include)
            k.any_include = true;
    for (size_t i = 0; i < n; i++) {
        wx_status st;
        struct stat sb;
        if (strcmp(paths[i], "-") == 0) {
            st = push(w, "-", 0, 0, true, false, WX_WALK_READ, err, NULL);
        } else if (stat(paths[i], &sb) != 0) {
            st = wx_err_set(err, WX_EIO, "%s: %s", paths[i],
                            strerror(errno));
        } else if (S_ISDIR(sb.st_mode)) {
            size_t len = strlen(paths[i]);
            while (len > 1 && paths[i][len - 1] == '/')
                len--;
            /* "dir/" and "dir" walk alike: messages say "dir/x". */
            char *root = strndup(paths[i], len);
            if (root == NULL) {
                st = wx_err_set(err, WX_ENOMEM, "out of memory");
            } else {
                k.root_len = len + 1;
                k.depth = 0;
                k.stack[k.depth++] = (ancestor){sb.st_dev, sb.st_ino};
                st = walk_dir(&k, root, err);
                free(root);
            }
        } else {
            st = push(w, paths[i], 0, (uint64_t)sb.st_size, true, false,
                      WX_WALK_READ, err, NULL);
        }
        if (st != WX_OK) {
            wx_walk_free(w);
            return st;
        }
    }
    return WX_OK;
}

void wx_walk_free(wx_walk *w)
{
    if (w == NULL)
        return;
    for (size_t i = 0; i < w->n; i++) {
        free(w->files[i].path);
        free(w->files[i].why);
    }
    free(w->files);
    memset(w, 0, sizeof *w);
}
