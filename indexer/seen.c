/*
 * A string set with a value per key: open addressing, linear probing,
 * grown at half full (seen.h).
 */
#include "seen.h"

#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
    size_t h = 5381;
    for (; *s != '\0'; s++)
        h = h * 33 + (unsigned char)*s;
    return h;
}

static wx_status grow(wx_seen *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    char **ids = calloc(cap, sizeof *ids), **srcs = calloc(cap, sizeof *srcs);
    if (ids == NULL || srcs == NULL) {
        free(ids);
        free(srcs);
        return WX_ENOMEM;
    }
    for (size_t i = 0; i < s->cap; i++) {
        if (s->ids[i] == NULL)
            continue;
        size_t j = hash(s->ids[i]) & (cap - 1);
        while (ids[j] != NULL)
            j = (j + 1) & (cap - 1);
        ids[j] = s->ids[i];
        srcs[j] = s->srcs[i];
    }
    free(s->ids);
    free(s->srcs);
    s->ids = ids;
    s->srcs = srcs;
    s->cap = cap;
    return WX_OK;
}

wx_status wx_seen_add(wx_seen *s, const char *id, const char *src,
                      const char **first)
{
    *first = NULL;
    if (s->n * 2 >= s->cap && grow(s) != WX_OK)
        return WX_ENOMEM;
    size_t j = hash(id) & (s->cap - 1);
    while (s->ids[j] != NULL) {
        if (strcmp(s->ids[j], id) == 0) {
            *first = s->srcs[j];
            return WX_OK;
        }
        j = (j + 1) & (s->cap - 1);
    }
    char *i = strdup(id), *v = strdup(src != NULL ? src : "?");
    if (i == NULL || v == NULL) {
        free(i);
        free(v);
        return WX_ENOMEM;
    }
    s->ids[j] = i;
    s->srcs[j] = v;
    s->n++;
    return WX_OK;
}

void wx_seen_free(wx_seen *s)
{
    for (size_t i = 0; i < s->cap; i++) {
        free(s->ids[i]);
        free(s->srcs[i]);
    }
    free(s->ids);
    free(s->srcs);
    memset(s, 0, sizeof *s);
}
