/*
 * Folder layouts as fields (pathmeta.h).
 */
#include "pathmeta.h"

#include "wx_schema.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

wx_status wx_pathmeta_parse(const char *spec, wx_pathmeta *pm, wx_err *err)
{
    memset(pm, 0, sizeof *pm);
    const char *p = spec;
    while (*p == '/')
        p++;
    for (;;) {
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == 0 || pm->n == WX_PATHMETA_MAX) {
            wx_pathmeta_free(pm);
            return wx_err_set(err, WX_EINVAL, "--path-meta: '%s': %s", spec,
                              n == 0 ? "empty segment"
                                     : "too many segments");
        }
        size_t i = pm->n++;
        if (n >= 3 && p[0] == '{' && p[n - 1] == '}') {
            char name[32];
            size_t k = n - 2 < sizeof name - 1 ? n - 2 : sizeof name - 1;
            memcpy(name, p + 1, k);
            name[k] = '\0';
            int f = strcasecmp(name, "year") == 0    ? WX_PATHMETA_YEAR
                    : strcasecmp(name, "month") == 0 ? WX_PATHMETA_MONTH
                    : strcasecmp(name, "day") == 0   ? WX_PATHMETA_DAY
                                                     : wx_fieldmap_lookup(name);
            if (f == WX_COL_META || f == WX_FIELD_BODY || f == WX_FIELD_DATE) {
                wx_pathmeta_free(pm);
                return wx_err_set(err, WX_EINVAL, "--path-meta: '{%s}' is "
                                  "not a field a folder can give (topic, "
                                  "place, agency, dateline, title, id, "
                                  "year, month, day)", name);
            }
            pm->field[i] = f;
        } else {
            pm->field[i] = WX_COL_SKIP;
            if ((pm->glob[i] = strndup(p, n)) == NULL) {
                wx_pathmeta_free(pm);
                return wx_err_set(err, WX_ENOMEM, "out of memory");
            }
        }
        if (end == NULL)
            break;
        p = end + 1;
    }
    return WX_OK;
}

static int number(const char *s, size_t n, int lo, int hi)
{
    int v = 0;
    if (n == 0 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v >= lo && v <= hi ? v : 0;
}

wx_status wx_pathmeta_apply(const wx_pathmeta *pm, const char *rel,
                            wx_article *a, bool *matched)
{
    if (matched != NULL)
        *matched = false;
    if (pm->n == 0)
        return WX_OK;
    /* The last pm->n segments of rel. */
    const char *seg[WX_PATHMETA_MAX];
    size_t len[WX_PATHMETA_MAX];
    const char *end = rel + strlen(rel);
    for (size_t k = pm->n; k-- > 0;) {
        const char *b = end;
        while (b > rel && b[-1] != '/')
            b--;
        if (b == end)
            return WX_OK;       /* fewer segments than the pattern */
        seg[k] = b;
        len[k] = (size_t)(end - b);
        if (k > 0) {
            if (b == rel)
                return WX_OK;
            end = b - 1;
        }
    }
    char buf[4096];
    for (size_t k = 0; k < pm->n; k++) {
        if (pm->glob[k] == NULL)
            continue;
        snprintf(buf, sizeof buf, "%.*s", (int)len[k], seg[k]);
        if (fnmatch(pm->glob[k], buf, 0) != 0)
            return WX_OK;
    }
    int y = 0, m = 0, d = 0;
    for (size_t k = 0; k < pm->n; k++) {
        int f = pm->field[k];
        if (f == WX_PATHMETA_YEAR)
            y = number(seg[k], len[k], 1000, 9999);
        else if (f == WX_PATHMETA_MONTH)
            m = number(seg[k], len[k], 1, 12);
        else if (f == WX_PATHMETA_DAY)
            d = number(seg[k], len[k], 1, 31);
        else if (f != WX_COL_SKIP) {
            wx_status st = wx_fieldmap_put(NULL, a, f, NULL, seg[k], len[k]);
            if (st != WX_OK)
                return st;
        }
    }
    if (matched != NULL)
        *matched = true;
    if (a->date != NULL || y == 0)
        return WX_OK;
    char iso[48];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m ? m : 1, d ? d : 1);
    wx_status st = wx_article_set(&a->date, iso, (size_t)-1);
    if (st == WX_OK && d == 0) {
        char part[32];
        if (m != 0)
            snprintf(part, sizeof part, "%04d-%02d", y, m);
        else
            snprintf(part, sizeof part, "%04d", y);
        st = wx_article_add_meta(a, "path_date", part);
    }
    return st == WX_ETOOBIG ? WX_OK : st;
}

void wx_pathmeta_free(wx_pathmeta *pm)
{
    for (size_t i = 0; i < pm->n; i++)
        free(pm->glob[i]);
    memset(pm, 0, sizeof *pm);
}
