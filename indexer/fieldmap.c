/*
 * Column and key names to article fields (fieldmap.h).
 */
#include "fieldmap.h"

#include "dateline.h"
#include "wx_schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Names exports use for the fields, beyond the schema's own. One table:
 * a new alias is one line. Matched ignoring case.
 */
static const struct {
    const char *name;
    int field;
} aliases[] = {
    {"topics", WX_FIELD_TOPIC},    {"places", WX_FIELD_PLACE},
    {"text", WX_FIELD_BODY},       {"description", WX_FIELD_BODY},
    {"content", WX_FIELD_BODY},    {"story", WX_FIELD_BODY},
    {"article", WX_FIELD_BODY},    {"summary", WX_FIELD_BODY},
    {"headline", WX_FIELD_TITLE},  {"heading", WX_FIELD_TITLE},
    {"subject", WX_FIELD_TOPIC},   {"class", WX_FIELD_TOPIC},
    {"category", WX_FIELD_TOPIC},  {"categories", WX_FIELD_TOPIC},
    {"label", WX_FIELD_TOPIC},     {"section", WX_FIELD_TOPIC},
    {"country", WX_FIELD_PLACE},   {"location", WX_FIELD_PLACE},
    {"published", WX_FIELD_DATE},  {"pubdate", WX_FIELD_DATE},
    {"datetime", WX_FIELD_DATE},   {"timestamp", WX_FIELD_DATE},
    {"city", WX_FIELD_DATELINE},
    {"uid", WX_FIELD_ID},          {"guid", WX_FIELD_ID},
};

/* Fields a column can fill: the schema's stored ones. */
static bool settable(int f)
{
    switch (f) {
    case WX_FIELD_ID: case WX_FIELD_TITLE: case WX_FIELD_BODY:
    case WX_FIELD_AGENCY: case WX_FIELD_DATELINE: case WX_FIELD_TOPIC:
    case WX_FIELD_PLACE: case WX_FIELD_DATE:
        return true;
    default:
        return false;
    }
}

void wx_fieldmap_init(wx_fieldmap *m)
{
    memset(m, 0, sizeof *m);
}

void wx_fieldmap_free(wx_fieldmap *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->ncols; i++)
        free(m->cols[i].name);
    free(m->cols);
    for (size_t i = 0; i < m->nvalues; i++) {
        free(m->values[i].from);
        free(m->values[i].to);
    }
    free(m->values);
    wx_fieldmap_init(m);
}

int wx_fieldmap_lookup(const char *name)
{
    const wx_schema_field *sf = wx_schema_lookup(name);
    if (sf != NULL && settable((int)sf->field))
        return (int)sf->field;
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (strcasecmp(name, aliases[i].name) == 0)
            return aliases[i].field;
    return WX_COL_META;
}

const char *wx_fieldmap_name(int field)
{
    if (field == WX_COL_SKIP)
        return "-";
    if (field == WX_COL_META)
        return "metadata";
    if (field == WX_COL_SOURCE)
        return "source";
    return wx_schema_get((wx_field)field)->name;
}

/* A field named on the command line: the schema's or an alias. */
static int named_field(const char *s, size_t n, wx_err *err, int *out)
{
    char name[64];
    if (n == 1 && s[0] == '-') {
        *out = WX_COL_SKIP;
        return 0;
    }
    if (n == 0 || n >= sizeof name)
        return wx_err_set(err, WX_EINVAL, "--columns: empty or overlong "
                          "field name"), -1;
    memcpy(name, s, n);
    name[n] = '\0';
    if (strcasecmp(name, "meta") == 0 || strcasecmp(name, "source") == 0) {
        *out = name[0] == 'm' || name[0] == 'M' ? WX_COL_META
                                                : WX_COL_SOURCE;
        return 0;
    }
    int f = wx_fieldmap_lookup(name);
    if (f == WX_COL_META)
        return wx_err_set(err, WX_EINVAL, "unknown field '%s' (id, title, "
                          "body, agency, dateline, topic, place, date, "
                          "source, meta or -)", name), -1;
    *out = f;
    return 0;
}

static wx_status add_col(wx_fieldmap *m, const char *name, size_t n, int f)
{
    wx_fieldmap_col *c = realloc(m->cols, (m->ncols + 1) * sizeof *c);
    if (c == NULL)
        return WX_ENOMEM;
    m->cols = c;
    c[m->ncols].name = name != NULL ? strndup(name, n) : NULL;
    c[m->ncols].field = f;
    if (name != NULL && c[m->ncols].name == NULL)
        return WX_ENOMEM;
    m->ncols++;
    return WX_OK;
}

wx_status wx_fieldmap_parse_columns(wx_fieldmap *m, const char *spec,
                                    wx_err *err)
{
    bool named = strchr(spec, '=') != NULL;
    m->positional = !named;
    const char *p = spec;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        if (named != (eq != NULL))
            return wx_err_set(err, WX_EINVAL, "--columns: either fields in "
                              "order (title,body,-) or renames "
                              "(headline=title), not both");
        int f;
        wx_status st;
        if (eq != NULL) {
            if (named_field(eq + 1, n - (size_t)(eq + 1 - p), err, &f) != 0)
                return WX_EINVAL;
            if (eq == p)
                return wx_err_set(err, WX_EINVAL, "--columns: a rename "
                                  "needs a name before '='");
            st = add_col(m, p, (size_t)(eq - p), f);
        } else {
            if (named_field(p, n, err, &f) != 0)
                return WX_EINVAL;
            st = add_col(m, NULL, 0, f);
        }
        if (st != WX_OK)
            return wx_err_set(err, st, "out of memory");
        if (end == NULL)
            break;
        p = end + 1;
    }
    return WX_OK;
}

wx_status wx_fieldmap_parse_map(wx_fieldmap *m, const char *spec,
                                wx_err *err)
{
    const char *eq = strchr(spec, '=');
    int f;
    if (eq == NULL || eq == spec)
        return wx_err_set(err, WX_EINVAL, "--map: FIELD=FROM:TO,... not "
                          "'%.64s'", spec);
    if (named_field(spec, (size_t)(eq - spec), err, &f) != 0)
        return WX_EINVAL;
    if (f < 0)
        return wx_err_set(err, WX_EINVAL, "--map: values of '%.*s' cannot "
                          "be mapped", (int)(eq - spec), spec);
    const char *p = eq + 1;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *colon = memchr(p, ':', n);
        if (colon == NULL || colon == p)
            return wx_err_set(err, WX_EINVAL, "--map: '%.*s' is not "
                              "FROM:TO", (int)n, p);
        wx_fieldmap_value *v = realloc(m->values,
                                       (m->nvalues + 1) * sizeof *v);
        if (v == NULL)
            return wx_err_set(err, WX_ENOMEM, "out of memory");
        m->values = v;
        v += m->nvalues;
        v->field = f;
        v->from = strndup(p, (size_t)(colon - p));
        v->to = strndup(colon + 1, n - (size_t)(colon + 1 - p));
        m->nvalues++;
        if (v->from == NULL || v->to == NULL)
            return wx_err_set(err, WX_ENOMEM, "out of memory");
        if (end == NULL)
            break;
        p = end + 1;
    }
    return WX_OK;
}

int wx_fieldmap_rename(const wx_fieldmap *m, const char *name, int dflt)
{
    if (m == NULL || m->positional)
        return dflt;
    for (size_t i = 0; i < m->ncols; i++)
        if (m->cols[i].name != NULL && strcmp(m->cols[i].name, name) == 0)
            return m->cols[i].field;
    return dflt;
}

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '\t' || **s == '\r' ||
                      **s == '\n'))
        (*s)++, (*n)--;
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                      (*s)[*n - 1] == '\r' || (*s)[*n - 1] == '\n'))
        (*n)--;
}

static wx_status add_items(wx_strlist *l, const char *s, size_t n)
{
    while (n > 0) {
        const char *semi = memchr(s, ';', n);
        size_t k = semi ? (size_t)(semi - s) : n;
        const char *item = s;
        size_t len = k;
        trim(&item, &len);
        if (len > 0) {
            wx_status st = wx_strlist_add(l, item, len);
            if (st == WX_ETOOBIG)
                return WX_OK;
            if (st != WX_OK)
                return st;
        }
        if (semi == NULL)
            break;
        s += k + 1;
        n -= k + 1;
    }
    return WX_OK;
}

/*
 * The model separates paragraphs with one "\n"; JSON bodies often use
 * blank lines ("a\n\nb"). Drop lines holding only white space, in place.
 */
void wx_fieldmap_paragraphs(char *s)
{
    char *nl = s != NULL ? strchr(s, '\n') : NULL;
    if (nl == NULL)
        return;
    char *w = nl;
    const char *r = nl;
    while (*r != '\0') {
        if (*r == '\n') {
            /* Skip to the last newline of a run of blank lines. */
            const char *q = r + 1;
            while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n') {
                if (*q == '\n')
                    r = q;
                q++;
            }
        }
        *w++ = *r++;
    }
    *w = '\0';
}

wx_status wx_fieldmap_put(const wx_fieldmap *m, wx_article *a, int f,
                          const char *key, const char *s, size_t n)
{
    trim(&s, &n);
    if (n == 0 || f == WX_COL_SKIP)
        return WX_OK;
    for (size_t i = 0; m != NULL && i < m->nvalues; i++)
        if (m->values[i].field == f && strlen(m->values[i].from) == n &&
            memcmp(m->values[i].from, s, n) == 0) {
            s = m->values[i].to;
            n = strlen(s);
            break;
        }
    wx_status st = WX_OK;
    switch (f) {
    case WX_COL_META: {
        char *v = strndup(s, n);
        if (v == NULL)
            return WX_ENOMEM;
        st = wx_article_add_meta(a, key != NULL ? key : "column", v);
        free(v);
        return st == WX_ETOOBIG ? WX_OK : st;
    }
    case WX_COL_SOURCE:
        return wx_article_set(&a->source, s, n);
    case WX_FIELD_ID:
        return wx_article_set(&a->id, s, n);
    case WX_FIELD_TITLE:
        return a->title ? WX_OK : wx_article_set(&a->title, s, n);
    case WX_FIELD_BODY:
        if (a->body != NULL)
            return WX_OK;
        st = wx_article_set(&a->body, s, n);
        wx_fieldmap_paragraphs(a->body);
        return st;
    case WX_FIELD_AGENCY:
        return wx_article_set(&a->agency, s, n);
    case WX_FIELD_DATE:
        return wx_article_set(&a->date, s, n);
    case WX_FIELD_TOPIC:
        return add_items(&a->topics, s, n);
    case WX_FIELD_PLACE:
        return add_items(&a->places, s, n);
    case WX_FIELD_DATELINE: {
        wx_dateline dl;
        if (!wx_dateline_parse_field(s, n, &dl))
            return WX_OK;
        st = wx_article_set(&a->dateline, dl.city, (size_t)-1);
        if (st == WX_OK && a->agency == NULL && dl.agency[0] != '\0')
            st = wx_article_set(&a->agency, dl.agency, (size_t)-1);
        return st;
    }
    default:
        return WX_OK;
    }
}

wx_status wx_fieldmap_lead_dateline(wx_article *a)
{
    wx_dateline dl;
    if (a->dateline != NULL || a->body == NULL ||
        !wx_dateline_parse_lead(a->body, strlen(a->body), &dl) ||
        dl.city[0] == '\0')
        return WX_OK;
    /* A bare "WORD -" opening ("CORRECTION - ...") is too weak a sign in
     * a record that had its chance to name a dateline: an agency or a
     * date must come with the city. */
    if (dl.agency[0] == '\0' && dl.month == 0)
        return WX_OK;
    wx_status st = wx_article_set(&a->dateline, dl.city, (size_t)-1);
    if (st == WX_OK && a->agency == NULL && dl.agency[0] != '\0')
        st = wx_article_set(&a->agency, dl.agency, (size_t)-1);
    if (st == WX_OK && a->date == NULL && dl.year != 0 && dl.month != 0 &&
        dl.day != 0) {
        char iso[48];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", dl.year, dl.month,
                 dl.day);
        st = wx_article_set(&a->date, iso, (size_t)-1);
    }
    return st;
}
