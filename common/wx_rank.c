/*
 * Ranking settings as text and back. A small hand parser: the grammar
 * is a scheme name and a few name=value pairs, each range-checked, so a
 * bad setting in an option or in index metadata is named, not guessed.
 */
#include "wx_rank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[WX_RANK_SCHEME_COUNT] = {
    [WX_RANK_BM25] = "bm25",
    [WX_RANK_BM25PLUS] = "bm25+",
    [WX_RANK_LM] = "lm",
    [WX_RANK_DPH] = "dph",
    [WX_RANK_PL2] = "pl2",
};

void wx_rank_default(wx_rank *r)
{
    r->scheme = WX_RANK_BM25;
    r->k1 = 1.2;
    r->b = 0.75;
    r->param = 0;
    r->fb = 3;
    r->fbterms = 20;
    r->fbw = 0.3;
    r->prox = 0;
}

/* Defaults of one scheme's parameters. */
static void scheme_defaults(wx_rank_scheme s, wx_rank *r)
{
    wx_rank_default(r);
    r->scheme = s;
    if (s == WX_RANK_LM)
        r->param = 2000;
    else if (s == WX_RANK_PL2)
        r->param = 1;
}

typedef struct param {
    const char *name;
    double lo, hi;
    double *slot;
} param;

wx_status wx_rank_parse(const char *s, wx_rank *r, wx_err *err)
{
    const char *colon = strchr(s, ':');
    size_t n = colon ? (size_t)(colon - s) : strlen(s);
    int scheme = -1;
    for (int i = 0; i < WX_RANK_SCHEME_COUNT; i++)
        if (strlen(names[i]) == n && memcmp(s, names[i], n) == 0)
            scheme = i;
    if (scheme < 0)
        return wx_err_set(err, WX_EINVAL, "ranking \"%.40s\": unknown "
                          "scheme (bm25, bm25+, lm, dph, pl2)", s);
    wx_rank t;
    scheme_defaults((wx_rank_scheme)scheme, &t);
    param ps[6];
    size_t np = 0;
    if (scheme == WX_RANK_BM25 || scheme == WX_RANK_BM25PLUS) {
        ps[np++] = (param){"k1", 0, 10, &t.k1};
        ps[np++] = (param){"b", 0, 1, &t.b};
    } else if (scheme == WX_RANK_LM) {
        ps[np++] = (param){"mu", 1, 100000, &t.param};
    } else if (scheme == WX_RANK_PL2) {
        ps[np++] = (param){"c", 0.01, 100, &t.param};
    }
    ps[np++] = (param){"fb", 0, 50, &t.fb};
    ps[np++] = (param){"fbterms", 1, 100, &t.fbterms};
    ps[np++] = (param){"fbw", 0, 2, &t.fbw};
    ps[np++] = (param){"prox", 0, 2, &t.prox};
    const char *p = colon ? colon + 1 : NULL;
    while (p != NULL && *p != '\0') {
        const char *eq = strchr(p, '=');
        const char *end = strchr(p, ',');
        if (end == NULL)
            end = p + strlen(p);
        if (eq == NULL || eq > end)
            return wx_err_set(err, WX_EINVAL, "ranking \"%.40s\": \"%.*s\" "
                              "is not NAME=VALUE", s,
                              (int)(end - p > 20 ? 20 : end - p), p);
        const param *hit = NULL;
        for (size_t i = 0; i < np; i++)
            if (strlen(ps[i].name) == (size_t)(eq - p) &&
                memcmp(p, ps[i].name, (size_t)(eq - p)) == 0)
                hit = &ps[i];
        if (hit == NULL)
            return wx_err_set(err, WX_EINVAL, "ranking \"%.40s\": %s has no "
                              "parameter \"%.*s\"", s, names[scheme],
                              (int)(eq - p > 20 ? 20 : eq - p), p);
        char num[32];
        size_t len = (size_t)(end - eq - 1);
        char *stop = NULL;
        double v = 0;
        if (len > 0 && len < sizeof num) {
            memcpy(num, eq + 1, len);
            num[len] = '\0';
            v = strtod(num, &stop);
        }
        if (stop == NULL || *stop != '\0' || !(v >= hit->lo) ||
            !(v <= hit->hi))
            return wx_err_set(err, WX_EINVAL, "ranking \"%.40s\": %s must "
                              "be a number from %g to %g", s, hit->name,
                              hit->lo, hit->hi);
        *hit->slot = v;
        p = *end == ',' ? end + 1 : end;
    }
    *r = t;
    return WX_OK;
}

static void format_scheme(const wx_rank *r, char *out, size_t size)
{
    const char *name = r->scheme < WX_RANK_SCHEME_COUNT ? names[r->scheme]
                                                         : "bm25";
    switch (r->scheme) {
    case WX_RANK_BM25:
    case WX_RANK_BM25PLUS:
        snprintf(out, size, "%s:k1=%g,b=%g", name, r->k1, r->b);
        break;
    case WX_RANK_LM:
        snprintf(out, size, "%s:mu=%g", name, r->param);
        break;
    case WX_RANK_PL2:
        snprintf(out, size, "%s:c=%g", name, r->param);
        break;
    case WX_RANK_DPH:
    case WX_RANK_SCHEME_COUNT:
        snprintf(out, size, "%s", name);
        break;
    }
}

void wx_rank_format(const wx_rank *r, char *out, size_t size)
{
    char scheme[64];
    format_scheme(r, scheme, sizeof scheme);
    snprintf(out, size, "%s%sfb=%g,fbterms=%g,fbw=%g,prox=%g", scheme,
             strchr(scheme, ':') ? "," : ":", r->fb, r->fbterms, r->fbw,
             r->prox);
}
