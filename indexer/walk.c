/*
 * Recursive, sorted directory expansion with sizes for progress/ETA.
 */
#include "walk.h"

#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static wx_status push(wx_walk *w, const char *path, uint64_t size,
                      bool explicit_arg, wx_err *err)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        wx_walk_file *f = realloc(w->files, cap * sizeof *f);
        if (f == NULL)
            return wx_err_set(err, WX_ENOMEM, "out of memory listing files");
        w->files = f;
        w->cap = cap;
    }
    char *p = strdup(path);
    if (p == NULL)
        return wx_err_set(err, WX_ENOMEM, "out of memory listing files");
    w->files[w->n++] = (wx_walk_file){p, size, explicit_arg};
    w->total_size += size;
    return WX_OK;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static wx_status walk_dir(const char *dir, wx_walk *w, int depth,
                          wx_err *err)
{
    /* Bounded depth guards against symlink loops. */
    if (depth > 64)
        return wx_err_set(err, WX_EIO, "%s: directories nested too deep",
                          dir);
    DIR *d = opendir(dir);
    if (d == NULL)
        return wx_err_set(err, WX_EIO, "%s: %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    wx_status st = WX_OK;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
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
        struct stat sb;
        if (stat(p, &sb) != 0)
            st = wx_err_set(err, WX_EIO, "%s: %s", p, strerror(errno));
        else if (S_ISDIR(sb.st_mode))
            st = walk_dir(p, w, depth + 1, err);
        else if (S_ISREG(sb.st_mode))
            st = push(w, p, (uint64_t)sb.st_size, false, err);
        free(p);
    }
done:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return st;
}

wx_status wx_walk_expand(const char *const *paths, size_t n, wx_walk *w,
                         wx_err *err)
{
    memset(w, 0, sizeof *w);
    for (size_t i = 0; i < n; i++) {
        wx_status st;
        struct stat sb;
        if (strcmp(paths[i], "-") == 0)
            st = push(w, "-", 0, true, err);
        else if (stat(paths[i], &sb) != 0)
            st = wx_err_set(err, WX_EIO, "%s: %s", paths[i],
                            strerror(errno));
        else if (S_ISDIR(sb.st_mode))
            st = walk_dir(paths[i], w, 0, err);
        else
            st = push(w, paths[i], (uint64_t)sb.st_size, true, err);
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
    for (size_t i = 0; i < w->n; i++)
        free(w->files[i].path);
    free(w->files);
    memset(w, 0, sizeof *w);
}
