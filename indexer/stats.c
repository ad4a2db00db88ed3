/*
 * Statistics over a whole index. Facet counts come from one match-all
 * pass with Xapian match spies (exact: every document is examined);
 * byte totals from the per-document sizes value.
 */
#include "stats.h"
#include "wx_schema.h"
#include "searcher/wx_match.h"
#include "wx_xapian.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const wx_field facets[] = {WX_FIELD_AGENCY, WX_FIELD_DATELINE,
                                  WX_FIELD_TOPIC, WX_FIELD_PLACE,
                                  WX_FIELD_YEAR, WX_FIELD_TYPE};
enum { NFACETS = sizeof facets / sizeof facets[0] };

typedef struct sizes {
    unsigned long long raw;
    unsigned long long stored;
} sizes;

static bool add_sizes(void *ctx, wx_docid id, const char *val, size_t len)
{
    (void)id;
    sizes *s = ctx;
    char tmp[64];
    if (len >= sizeof tmp)
        return true;
    memcpy(tmp, val, len);
    tmp[len] = '\0';
    char *end;
    s->raw += strtoull(tmp, &end, 10);
    s->stored += strtoull(end, NULL, 10);
    return true;
}

typedef struct pair {
    char *value;
    uint64_t count;
} pair;

typedef struct pairs {
    pair *v;
    size_t n, cap;
    bool oom;
} pairs;

static bool collect(void *ctx, const char *val, size_t len, uint64_t count)
{
    pairs *p = ctx;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        pair *v = realloc(p->v, cap * sizeof *v);
        if (v == NULL)
            return !(p->oom = true);
        p->v = v;
        p->cap = cap;
    }
    char *s = strndup(val, len);
    if (s == NULL)
        return !(p->oom = true);
    p->v[p->n++] = (pair){s, count};
    return true;
}

/* Most frequent first; ties in value order, so output is stable. */
static int by_count(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

static void free_pairs(pairs *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].value);
    free(p->v);
    memset(p, 0, sizeof *p);
}

wx_status wx_stats_print(const char *db_path, bool json, FILE *out,
                         wx_err *err)
{
    wx_db *db = NULL;
    wx_query *all = NULL;
    wx_mset *ms = NULL;
    json_t *root = NULL;
    pairs p = {0};
    sizes sz = {0, 0};
    uint64_t docs = 0;
    bool can_replace = true;
    unsigned slots[NFACETS], spans[NFACETS];
    wx_status st = wx_db_open(db_path, &db, err);
    if (st != WX_OK)
        goto done;
    char *schema = NULL;
    if ((st = wx_db_get_metadata(db, WX_META_SCHEMA, &schema, NULL, err)) !=
            WX_OK ||
        (st = wx_db_doccount(db, &docs, err)) != WX_OK) {
        free(schema);
        goto done;
    }
    /* An empty database is an empty index: the indexer creates one and
     * stamps it a moment later, and a kill can fall in between. */
    bool ours = schema != NULL || docs == 0;
    free(schema);
    if (!ours) {
        st = wx_err_set(err, WX_EDB, "%s: not a wiredex index", db_path);
        goto done;
    }
    if ((st = wx_db_can_replace(db, &can_replace, err)) != WX_OK ||
        (st = wx_db_each_value(db, (unsigned)wx_schema_get(WX_FIELD_SIZES)
                                       ->slot,
                               add_sizes, &sz, err)) != WX_OK ||
        (st = wx_query_all(&all, err)) != WX_OK)
        goto done;
    for (size_t j = 0; j < NFACETS; j++) {
        slots[j] = (unsigned)wx_schema_get(facets[j])->slot;
        spans[j] = wx_schema_span(facets[j]);
    }
    wx_search_spec spec = {0};
    spec.check_at_least = docs > UINT32_MAX ? UINT32_MAX : (unsigned)docs;
    spec.facet_slots = slots;
    spec.nfacets = NFACETS;
    spec.facet_spans = spans;
    if ((st = wx_db_search(db, all, &spec, &ms, err)) != WX_OK)
        goto done;
    root = json_pack("{s:I,s:I,s:I,s:b,s:{}}", "documents",
                     (json_int_t)docs, "raw_bytes", (json_int_t)sz.raw,
                     "stored_bytes", (json_int_t)sz.stored, "append_only",
                     !can_replace, "facets");
    if (root == NULL) {
        st = wx_err_set(err, WX_ENOMEM, "out of memory");
        goto done;
    }
    if (!json)
        fprintf(out, "documents     %llu\nraw bytes     %llu\nstored bytes  "
                "%llu (%.1f%% of raw)\nappend-only   %s\n",
                (unsigned long long)docs, sz.raw, sz.stored,
                sz.raw ? 100.0 * (double)sz.stored / (double)sz.raw : 0.0,
                can_replace ? "no" : "yes");
    json_t *jf = json_object_get(root, "facets");
    for (size_t j = 0; j < NFACETS; j++) {
        const char *name = wx_schema_get(facets[j])->name;
        wx_mset_each_facet(ms, j, collect, &p);
        if (p.oom) {
            st = wx_err_set(err, WX_ENOMEM, "out of memory");
            goto done;
        }
        if (p.n > 1)
            qsort(p.v, p.n, sizeof *p.v, by_count);
        json_t *o = json_object();
        if (!json)
            fprintf(out, "\n%s (%zu values)\n", name, p.n);
        for (size_t i = 0; i < p.n; i++) {
            json_object_set_new(o, p.v[i].value,
                                json_integer((json_int_t)p.v[i].count));
            if (!json)
                fprintf(out, "  %8llu  %s\n",
                        (unsigned long long)p.v[i].count, p.v[i].value);
        }
        json_object_set_new(jf, name, o);
        free_pairs(&p);
    }
    if (json) {
        if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
            st = wx_err_set(err, WX_EIO, "cannot write statistics");
        fputc('\n', out);
    }
done:
    free_pairs(&p);
    json_decref(root);
    wx_mset_free(ms);
    wx_query_free(all);
    wx_db_close(db);
    return st;
}
