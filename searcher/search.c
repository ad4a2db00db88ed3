/*
 * The search module shared by the command line and the web front: one
 * request → one Xapian query (text from query.c, filters and dates from
 * the schema table) → one page of hits with snippets, facet counts over
 * the whole match set, and a spelling suggestion when the query finds
 * little. The index stays open in a session; a commit by the indexer
 * during a search makes it reopen and retry. No printing here.
 */
#include "search.h"

#include "query.h"
#include "snippet.h"
#include "wx_limits.h"
#include "wx_store.h"
#include "wx_utf8.h"
#include "wx_match.h"
#include "wx_xapian.h"
#include "wx_zcodec.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/*
 * Tries of one search when the index changes under it (WX_EMODIFIED).
 * Xapian keeps a revision readable until two newer commits land, so only
 * a writer committing faster than a search runs (tiny batches) needs
 * more than one retry; a short growing pause lets such a burst pass.
 */
enum { RETRIES = 10 };

static void backoff(int attempt)
{
    struct timespec ts = {0, 1000000L << (attempt < 6 ? attempt : 6)};
    nanosleep(&ts, NULL);
}

/*
 * Documents the matcher examines at least, so that totals of small and
 * medium result sets are exact without scanning a big index for every
 * page; exact_total and facets raise it to the whole index.
 */
enum { CHECK_AT_LEAST = 1000 };
/* From this many documents a long-lived session searches on two cores:
 * below it, the second thread costs more than it saves (measured: on
 * 21,578 articles p99 went from 1.4 to 2.2 ms, on 216,000 from 6.5 down
 * to 5.0 ms). */
enum { SPLIT_MIN_DOCS = 50000 };

struct wx_search {
    wx_db *db;
    char *path;
    char *lang;         /* stemmer used at index time */
    bool stem_all;      /* the index holds stems only */
    bool long_lived;    /* facet values kept in memory, two cores used */
    wx_facet_cache *fcache; /* those values, for one index revision */
    wx_zcodec *z;       /* reused to decode stored records */
};

/* ---- requests ---- */

void wx_search_request_init(wx_search_request *rq)
{
    memset(rq, 0, sizeof *rq);
    rq->sort = WX_SEARCH_SORT_AUTO;
    rq->limit = WX_DEFAULT_LIMIT;
    rq->facet_limit = WX_DEFAULT_FACET_LIMIT;
    rq->snippet_length = WX_DEFAULT_SNIPPET;
    rq->suggest = true;
}

wx_status wx_search_request_add_filter(wx_search_request *rq,
                                       const char *field, const char *value,
                                       wx_err *err)
{
    const wx_schema_field *f = wx_schema_lookup(field);
    if (f == NULL || !(f->flags & WX_SF_BOOLEAN))
        return wx_err_set(err, WX_EINVAL, "unknown filter field \"%.40s\" "
                          "(agency, dateline, topic, place, id, year, "
                          "month, type)", field);
    if (value == NULL || *value == '\0')
        return wx_err_set(err, WX_EINVAL, "empty value for filter %s",
                          f->name);
    if (strlen(value) > WX_MAX_FIELD_BYTES)
        return wx_err_set(err, WX_ETOOBIG, "filter %s: value longer than "
                          "%d bytes", f->name, (int)WX_MAX_FIELD_BYTES);
    if (rq->nfilters >= WX_MAX_FILTERS)
        return wx_err_set(err, WX_ETOOBIG, "too many filters (at most %d)",
                          (int)WX_MAX_FILTERS);
    rq->filters[rq->nfilters].field = f->field;
    rq->filters[rq->nfilters].value = value;
    rq->nfilters++;
    return WX_OK;
}

wx_status wx_search_request_set_sort(wx_search_request *rq, const char *s,
                                     wx_err *err)
{
    if (strcmp(s, "relevance") == 0)
        rq->sort = WX_SEARCH_SORT_RELEVANCE;
    else if (strcmp(s, "date") == 0)
        rq->sort = WX_SEARCH_SORT_DATE;
    else if (strcmp(s, "-date") == 0)
        rq->sort = WX_SEARCH_SORT_DATE_DESC;
    else
        return wx_err_set(err, WX_EINVAL, "unknown sort order \"%.40s\" "
                          "(relevance, date or -date)", s);
    return WX_OK;
}

wx_status wx_search_request_set_facets(wx_search_request *rq,
                                       const char *list, wx_err *err)
{
    rq->nfacets = 0;
    if (strcmp(list, "all") == 0) {
        for (int f = 0; f < WX_FIELD_COUNT; f++)
            if (wx_schema_get((wx_field)f)->flags & WX_SF_FACET)
                rq->facets[rq->nfacets++] = (wx_field)f;
        return WX_OK;
    }
    const char *p = list;
    while (*p != '\0') {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char name[32];
        const wx_schema_field *f = NULL;
        if (n > 0 && n < sizeof name) {
            memcpy(name, p, n);
            name[n] = '\0';
            f = wx_schema_lookup(name);
        }
        if (f == NULL || !(f->flags & WX_SF_FACET))
            return wx_err_set(err, WX_EINVAL, "unknown facet \"%.*s\" "
                              "(agency, dateline, topic, place, year, "
                              "month, type or all)", (int)(n > 40 ? 40 : n),
                              p);
        bool dup = false;
        for (size_t i = 0; i < rq->nfacets; i++)
            dup = dup || rq->facets[i] == f->field;
        if (!dup)
            rq->facets[rq->nfacets++] = f->field;
        p += n;
        if (*p == ',')
            p++;
    }
    return WX_OK;
}

wx_status wx_search_request_check(const wx_search_request *rq, wx_err *err)
{
    if (rq->query != NULL && strlen(rq->query) > WX_MAX_QUERY_BYTES)
        return wx_err_set(err, WX_ETOOBIG, "query is too long: %zu bytes "
                          "(at most %d)", strlen(rq->query),
                          (int)WX_MAX_QUERY_BYTES);
    if (rq->limit > WX_MAX_LIMIT)
        return wx_err_set(err, WX_EINVAL, "limit %u is over the maximum "
                          "of %d", rq->limit, (int)WX_MAX_LIMIT);
    if (rq->offset > WX_MAX_OFFSET)
        return wx_err_set(err, WX_EINVAL, "offset %u is over the maximum "
                          "of %d", rq->offset, (int)WX_MAX_OFFSET);
    if (rq->snippet_length > WX_MAX_SNIPPET)
        return wx_err_set(err, WX_EINVAL, "snippet length %u is over the "
                          "maximum of %d", rq->snippet_length,
                          (int)WX_MAX_SNIPPET);
    if (rq->facet_limit < 1 || rq->facet_limit > WX_MAX_FACET_LIMIT)
        return wx_err_set(err, WX_EINVAL, "facet limit %u is not within "
                          "1..%d", rq->facet_limit,
                          (int)WX_MAX_FACET_LIMIT);
    if (rq->nfilters > WX_MAX_FILTERS)
        return wx_err_set(err, WX_ETOOBIG, "too many filters (at most %d)",
                          (int)WX_MAX_FILTERS);
    if (rq->nfacets > WX_FIELD_COUNT)
        return wx_err_set(err, WX_EINVAL, "too many facets");
    for (size_t i = 0; i < rq->nfacets; i++) {
        const wx_schema_field *f = wx_schema_get(rq->facets[i]);
        if (f == NULL || !(f->flags & WX_SF_FACET))
            return wx_err_set(err, WX_EINVAL, "not a facet field");
    }
    for (size_t i = 0; i < rq->nfilters; i++) {
        const wx_schema_field *f = wx_schema_get(rq->filters[i].field);
        const char *v = rq->filters[i].value;
        if (f == NULL || !(f->flags & WX_SF_BOOLEAN))
            return wx_err_set(err, WX_EINVAL, "not a filter field");
        if (v == NULL || *v == '\0')
            return wx_err_set(err, WX_EINVAL, "empty value for filter %s",
                              f->name);
        if (strlen(v) > WX_MAX_FIELD_BYTES)
            return wx_err_set(err, WX_ETOOBIG, "filter %s: value longer "
                              "than %d bytes", f->name,
                              (int)WX_MAX_FIELD_BYTES);
    }
    char d[9];
    if (rq->date_from != NULL && *rq->date_from != '\0' &&
        wx_query_date(rq->date_from, strlen(rq->date_from), false, d,
                      err) != WX_OK)
        return WX_EINVAL;
    if (rq->date_to != NULL && *rq->date_to != '\0' &&
        wx_query_date(rq->date_to, strlen(rq->date_to), true, d, err) !=
            WX_OK)
        return WX_EINVAL;
    switch (rq->sort) {
    case WX_SEARCH_SORT_AUTO:
    case WX_SEARCH_SORT_RELEVANCE:
    case WX_SEARCH_SORT_DATE:
    case WX_SEARCH_SORT_DATE_DESC:
        break;
    default:
        return wx_err_set(err, WX_EINVAL, "unknown sort order");
    }
    return WX_OK;
}

/* ---- results ---- */

void wx_search_result_init(wx_search_result *r)
{
    memset(r, 0, sizeof *r);
}

static void hit_free(wx_search_hit *h)
{
    free(h->id);
    free(h->title);
    free(h->agency);
    free(h->dateline);
    free(h->date);
    free(h->snippet);
    wx_strlist_clear(&h->topics);
    wx_strlist_clear(&h->places);
}

void wx_search_result_free(wx_search_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->nhits; i++)
        hit_free(&r->hits[i]);
    free(r->hits);
    for (size_t i = 0; i < r->nfacets; i++) {
        for (size_t k = 0; k < r->facets[i].n; k++)
            free(r->facets[i].values[k].value);
        free(r->facets[i].values);
    }
    free(r->facets);
    free(r->query);
    free(r->suggestion);
    wx_search_result_init(r);
}

/* ---- sessions ---- */

static wx_status load_meta(wx_search *s, wx_err *err)
{
    char *v = NULL;
    size_t n = 0;
    wx_status st = wx_db_get_metadata(s->db, WX_META_SCHEMA, &v, &n, err);
    if (st != WX_OK)
        return st;
    uint64_t docs = 0;
    if (v == NULL && (st = wx_db_doccount(s->db, &docs, err)) != WX_OK)
        return st;
    if (v == NULL && docs > 0)
        return wx_err_set(err, WX_EDB, "%s: not a wiredex index (no %s "
                          "metadata)", s->path, WX_META_SCHEMA);
    /* An empty database is an empty index (the indexer stamps a new one
     * a moment after creating it; a kill can fall in between). */
    bool ours = v == NULL || strcmp(v, WX_SCHEMA_VERSION) == 0;
    if (!ours)
        st = wx_err_set(err, WX_EDB, "%s: index schema version \"%.20s\"; "
                        "this wiredex reads version %s: rebuild the index",
                        s->path, v, WX_SCHEMA_VERSION);
    free(v);
    if (!ours)
        return st;

    st = wx_db_get_metadata(s->db, WX_META_LANG, &v, &n, err);
    if (st != WX_OK)
        return st;
    free(s->lang);
    s->lang = v != NULL ? v : strdup("english");
    if (s->lang == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", s->path);

    st = wx_db_get_metadata(s->db, WX_META_STEM, &v, &n, err);
    if (st != WX_OK)
        return st;
    s->stem_all = v != NULL && strcmp(v, "all") == 0;
    free(v);

    st = wx_db_get_metadata(s->db, WX_META_POSITIONS, &v, &n, err);
    if (st != WX_OK)
        return st;
    /* Compact positions are withdrawn: their phrases would not match. */
    bool compact = v != NULL && strcmp(v, "compact") == 0;
    free(v);
    if (compact)
        return wx_err_set(err, WX_EDB, "%s: index built with --positions "
                          "compact, which is withdrawn: rebuild it",
                          s->path);

    /* A part without Xapian's termlist table (the withdrawn
     * --append-only) cannot hand its documents to a remote client: a
     * stub over such parts is refused whole rather than failing on the
     * first hit. One such index alone still searches. */
    bool can_replace = true;
    if (!wx_db_local(s->db) &&
        (st = wx_db_can_replace(s->db, &can_replace, err)) != WX_OK)
        return st;
    if (!can_replace)
        return wx_err_set(err, WX_EDB, "%s: a part was built with "
                          "--append-only, which is withdrawn: rebuild it "
                          "to search it through a stub or a server",
                          s->path);

    if (s->z == NULL)
        st = wx_zcodec_new(-1, &s->z, err);
    return st;
}

wx_status wx_search_open(const char *path, wx_search **out, wx_err *err)
{
    *out = NULL;
    wx_search *s = calloc(1, sizeof *s);
    if (s == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", path);
    s->path = strdup(path);
    if (s->path == NULL) {
        free(s);
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", path);
    }
    /* Opening reads one revision's tables; a writer committing twice
     * meanwhile discards it, so opening is retried like a search. */
    wx_status st;
    for (int attempt = 0;; attempt++) {
        st = wx_db_open(path, &s->db, err);
        if (st != WX_EMODIFIED || attempt + 1 == RETRIES)
            break;
        backoff(attempt);
    }
    if (st == WX_EDB && err != NULL && strstr(err->msg, "NetworkError")) {
        /* A stub's server that cannot be reached: say so, not "none". */
        wx_err why = *err;
        st = wx_err_set(err, WX_EDB, "%s: a server of this stub cannot be "
                        "searched (%.300s)", path, why.msg);
    } else if (st == WX_EDB) {
        st = wx_err_set(err, WX_EDB, "%s: no wiredex index here (build "
                        "one with wiredex-index, or give --db)", path);
    }
    for (int attempt = 0; st == WX_OK; attempt++) {
        st = load_meta(s, err);
        if (st != WX_EMODIFIED || attempt + 1 == RETRIES)
            break;
        backoff(attempt);
        st = wx_db_reopen(s->db, err);
    }
    if (st != WX_OK) {
        wx_search_close(s);
        return st;
    }
    *out = s;
    return WX_OK;
}

void wx_search_long_lived(wx_search *s, bool on)
{
    s->long_lived = on;
}

/* (Re)load the facet values when the index changed since the last load. */
static wx_status facet_cache(wx_search *s, wx_err *err)
{
    if (wx_facet_cache_current(s->fcache, s->db))
        return WX_OK;
    wx_facet_cache_free(s->fcache);
    s->fcache = NULL;
    unsigned slots[WX_FIELD_COUNT], spans[WX_FIELD_COUNT];
    size_t n = 0;
    for (int f = 0; f < WX_FIELD_COUNT; f++) {
        const wx_schema_field *sf = wx_schema_get((wx_field)f);
        if (sf->flags & WX_SF_FACET) {
            spans[n] = wx_schema_span((wx_field)f);
            slots[n++] = (unsigned)sf->slot;
        }
    }
    return wx_facet_cache_new(s->db, slots, spans, n, &s->fcache, err);
}

void wx_search_close(wx_search *s)
{
    if (s == NULL)
        return;
    wx_facet_cache_free(s->fcache);
    wx_db_close(s->db);
    wx_zcodec_free(s->z);
    free(s->lang);
    free(s->path);
    free(s);
}

const char *wx_search_lang(const wx_search *s)
{
    return s->lang;
}

static wx_status reopen(wx_search *s, wx_err *err)
{
    for (int attempt = 0;; attempt++) {
        wx_status st = wx_db_reopen(s->db, err);
        if (st == WX_OK)
            st = load_meta(s, err);
        if (st != WX_EMODIFIED || attempt + 1 == RETRIES)
            return st;
        backoff(attempt);
    }
}

/* ---- building the query ---- */

/* Combine q into *acc with op (*acc may be NULL); takes q. */
static wx_status merge(wx_query **acc, wx_query *q, int op, wx_err *err)
{
    if (*acc == NULL) {
        *acc = q;
        return WX_OK;
    }
    wx_query *both = NULL;
    wx_status st = wx_query_combine(op, *acc, q, &both, err);
    wx_query_free(q);
    if (st == WX_OK) {
        wx_query_free(*acc);
        *acc = both;
    }
    return st;
}

/*
 * The request's filters as one boolean query (*out NULL when none):
 * values of one single-valued field ORed, of a multi-valued field ANDed,
 * fields ANDed, and the date range.
 */
static wx_status build_filters(const wx_search_request *rq, wx_query **out,
                               wx_err *err)
{
    *out = NULL;
    wx_query *all = NULL;
    wx_status st = WX_OK;
    for (int f = 0; f < WX_FIELD_COUNT && st == WX_OK; f++) {
        const wx_schema_field *row = wx_schema_get((wx_field)f);
        int op = (row->flags & WX_SF_MULTI) ? WX_OP_AND : WX_OP_OR;
        wx_query *group = NULL;
        for (size_t i = 0; i < rq->nfilters && st == WX_OK; i++) {
            if (rq->filters[i].field != (wx_field)f)
                continue;
            wx_query *q = NULL;
            st = wx_query_filter((wx_field)f, rq->filters[i].value, &q, err);
            if (st == WX_OK)
                st = merge(&group, q, op, err);
        }
        if (st == WX_OK && group != NULL) {
            st = merge(&all, group, WX_OP_AND, err);
            group = NULL;
        }
        wx_query_free(group);
    }
    if (st == WX_OK) {
        wx_query *dates = NULL;
        st = wx_query_date_range(rq->date_from, rq->date_to, &dates, err);
        if (st == WX_OK && dates != NULL)
            st = merge(&all, dates, WX_OP_AND, err);
    }
    if (st != WX_OK) {
        wx_query_free(all);
        return st;
    }
    *out = all;
    return WX_OK;
}

/*
 * *text (may be NULL; taken over and set to NULL) filtered by filters
 * (may be NULL). Filters alone filter an unweighted match-all; nothing
 * at all gives match-all (the whole index, by date).
 */
static wx_status final_query(wx_query **text, const wx_query *filters,
                             wx_query **out, wx_err *err)
{
    wx_query *t = *text;
    *text = NULL;
    *out = NULL;
    wx_status st = WX_OK;
    if (t == NULL)
        st = wx_query_all(&t, err);
    if (st == WX_OK && filters != NULL) {
        wx_query *q = NULL;
        st = wx_query_combine(WX_OP_FILTER, t, filters, &q, err);
        wx_query_free(t);
        t = q;
    }
    if (st != WX_OK) {
        wx_query_free(t);
        return st;
    }
    *out = t;
    return WX_OK;
}

/* ---- one attempt ---- */

typedef struct facet_acc {
    wx_search_facet_value *v;
    size_t n;
    size_t cap;
    bool oom;
} facet_acc;

static bool facet_add(void *ctx, const char *val, size_t len,
                      uint64_t count)
{
    facet_acc *a = ctx;
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 32;
        wx_search_facet_value *v = realloc(a->v, cap * sizeof *v);
        if (v == NULL) {
            a->oom = true;
            return false;
        }
        a->v = v;
        a->cap = cap;
    }
    char *s = malloc(len + 1);
    if (s == NULL) {
        a->oom = true;
        return false;
    }
    memcpy(s, val, len);
    s[len] = '\0';
    a->v[a->n].value = s;
    a->v[a->n].count = count;
    a->n++;
    return true;
}

static int facet_cmp(const void *pa, const void *pb)
{
    const wx_search_facet_value *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->value, b->value);
}

static wx_status collect_facets(const wx_search_request *rq,
                                const wx_mset *ms, wx_search_result *res,
                                wx_err *err)
{
    if (rq->nfacets == 0)
        return WX_OK;
    res->facets = calloc(rq->nfacets, sizeof *res->facets);
    if (res->facets == NULL)
        return wx_err_set(err, WX_ENOMEM, "facets: out of memory");
    for (size_t j = 0; j < rq->nfacets; j++) {
        wx_search_facet *f = &res->facets[res->nfacets++];
        f->field = rq->facets[j];
        f->name = wx_schema_get(f->field)->name;
        facet_acc a = {0};
        wx_mset_each_facet(ms, j, facet_add, &a);
        f->values = a.v;
        f->n = a.n;
        if (a.oom)
            return wx_err_set(err, WX_ENOMEM, "facets: out of memory");
        if (f->n > 1)
            qsort(f->values, f->n, sizeof *f->values, facet_cmp);
        while (f->n > rq->facet_limit)
            free(f->values[--f->n].value);
    }
    return WX_OK;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static wx_status copy_list(wx_strlist *dst, const wx_strlist *src)
{
    for (size_t i = 0; i < src->n; i++) {
        wx_status st = wx_strlist_add(dst, src->v[i], strlen(src->v[i]));
        if (st != WX_OK)
            return st;
    }
    return WX_OK;
}

/* The stored article of a document with data[0, len): into *a and/or
 * (appended) json, either may be NULL. */
static wx_status decode(wx_search *s, const char *data, size_t len,
                        wx_article *a, wx_buf *json, wx_err *err)
{
    wx_buf js;
    wx_buf_init(&js, WX_MAX_STORED_BYTES);
    wx_status st = wx_store_decode_json(data, len, s->z, &js, err);
    if (st == WX_OK && a != NULL)
        st = wx_store_parse(wx_buf_str(&js), js.len, a, err);
    if (st == WX_OK && json != NULL &&
        wx_buf_append(json, js.data, js.len) != WX_OK)
        st = wx_err_set(err, json->st, "stored record: output buffer full "
                        "or out of memory");
    wx_buf_free(&js);
    return st;
}

/* Fill hit h from its stored article; snippets from body (or title). */
static wx_status fill_hit(wx_search *s, const wx_search_request *rq,
                          const char *lang, const wx_mset *ms, size_t i,
                          wx_search_hit *h, wx_err *err)
{
    wx_doc *doc = NULL;
    wx_article a;
    wx_article_init(&a);
    h->rank = rq->offset + (unsigned)i + 1;
    h->score = wx_mset_weight(ms, i);
    wx_status st = wx_mset_doc(ms, i, &doc, err);
    const char *data = NULL;
    size_t len = 0;
    if (st == WX_OK)
        st = wx_doc_get_data(doc, &data, &len, err);
    if (st == WX_OK)
        st = decode(s, data, len, &a, NULL, err);
    if (st == WX_EFORMAT) {
        /* One bad record must not sink the page: show what we know. */
        st = WX_OK;
        h->title = strdup("(stored article unreadable)");
        if (h->title == NULL)
            st = wx_err_set(err, WX_ENOMEM, "hit: out of memory");
        goto done;
    }
    if (st != WX_OK)
        goto done;
    h->id = dup_or_null(a.id);
    h->title = dup_or_null(a.title);
    h->agency = dup_or_null(a.agency);
    h->dateline = dup_or_null(a.dateline);
    if (a.date != NULL)
        h->date = strndup(a.date, 10);
    if ((a.id && !h->id) || (a.title && !h->title) ||
        (a.agency && !h->agency) || (a.dateline && !h->dateline) ||
        (a.date && !h->date) || copy_list(&h->topics, &a.topics) != WX_OK ||
        copy_list(&h->places, &a.places) != WX_OK) {
        st = wx_err_set(err, WX_ENOMEM, "hit: out of memory");
        goto done;
    }
    if (rq->snippet_length > 0) {
        const char *text = a.body ? a.body : a.title;
        if (text != NULL)
            st = wx_snippet_make(ms, text, strlen(text), rq->snippet_length,
                                 lang, &h->snippet, err);
    }
done:
    wx_article_reset(&a);
    wx_doc_free(doc);
    return st;
}

/* The match count of q alone (for the spelling suggestion). */
static wx_status count_only(wx_search *s, const wx_query *q,
                            uint64_t *out, wx_err *err)
{
    uint64_t docs = 0;
    wx_status st = wx_db_doccount(s->db, &docs, err);
    if (st != WX_OK)
        return st;
    wx_search_spec spec = {.limit = 0,
                           .sort = WX_SORT_RELEVANCE,
                           .check_at_least =
                               docs > UINT32_MAX ? UINT32_MAX
                                                 : (unsigned)docs,
                           .max_wildcard = WX_QUERY_MAX_WILDCARD,
                           .split_min = s->long_lived ? SPLIT_MIN_DOCS
                                                      : 0};
    wx_mset *ms = NULL;
    st = wx_db_search(s->db, q, &spec, &ms, err);
    if (st == WX_OK)
        wx_mset_total(ms, out, NULL, NULL);
    wx_mset_free(ms);
    return st;
}

/* "Did you mean": when the query found little and the corrected words
 * find more. */
static wx_status suggest(wx_search *s, const char *corrected,
                         const wx_query_opts *qo, const wx_query *filters,
                         wx_search_result *res, wx_err *err)
{
    wx_query *tq = NULL, *q = NULL;
    wx_err e2;
    wx_err_clear(&e2);
    /* A correction that does not parse is simply not offered. */
    wx_status st = wx_query_parse_text(corrected, qo, &tq, NULL, NULL, &e2);
    if (st == WX_EQUERY || st == WX_EINVAL || tq == NULL) {
        wx_query_free(tq);
        return st == WX_EQUERY || st == WX_EINVAL || st == WX_OK
                   ? WX_OK : wx_err_set(err, st, "%s", e2.msg);
    }
    if (st == WX_OK)
        st = final_query(&tq, filters, &q, &e2);
    uint64_t n = 0;
    if (st == WX_OK)
        st = count_only(s, q, &n, &e2);
    if (st == WX_OK && n > res->total) {
        res->suggestion = strdup(corrected);
        if (res->suggestion == NULL)
            st = wx_err_set(&e2, WX_ENOMEM, "suggestion: out of memory");
    }
    wx_query_free(q);
    wx_query_free(tq);
    if (st != WX_OK && err != NULL)
        *err = e2;
    return st;
}

static wx_status run_once(wx_search *s, const wx_search_request *rq,
                          wx_search_result *res, wx_err *err)
{
    wx_query *tq = NULL, *filters = NULL, *q = NULL;
    wx_mset *ms = NULL;
    char *corrected = NULL;
    wx_query_info info = {0};
    const char *lang = rq->no_stem ? "none" : rq->lang ? rq->lang : s->lang;
    /* Spelling is looked up only when the query finds little (below):
     * it reads the database while parsing, which costs time on every
     * query and, if a commit lands meanwhile, leaks inside Xapian's
     * parser as the exception unwinds it. */
    wx_query_opts qo = {.db = s->db, .lang = lang, .spelling = false,
                        .stem_all = s->stem_all};
    /* An index of stems alone holds no exact words to match. */
    if (rq->no_stem && s->stem_all)
        return wx_err_set(err, WX_EINVAL, "%s: --no-stem needs an index "
                          "built with --stemming some (this one has stems "
                          "only)", s->path);
    const char *text = rq->query ? rq->query : "";

    wx_status st = wx_query_clean(text, strlen(text), &res->query, NULL,
                                  err);
    if (st == WX_OK)
        st = wx_query_parse_text(res->query, &qo, &tq, &info, NULL, err);
    if (st == WX_OK)
        st = build_filters(rq, &filters, err);
    if (st == WX_OK)
        st = final_query(&tq, filters, &q, err);
    if (st != WX_OK)
        goto done;

    uint64_t docs = 0;
    st = wx_db_doccount(s->db, &docs, err);
    if (st != WX_OK)
        goto done;
    unsigned all = docs > UINT32_MAX ? UINT32_MAX : (unsigned)docs;
    unsigned slots[WX_FIELD_COUNT], spans[WX_FIELD_COUNT];
    for (size_t j = 0; j < rq->nfacets; j++) {
        slots[j] = (unsigned)wx_schema_get(rq->facets[j])->slot;
        spans[j] = wx_schema_span(rq->facets[j]);
    }
    wx_search_spec spec = {
        .offset = rq->offset,
        .limit = rq->limit,
        .sort = WX_SORT_RELEVANCE,
        .sort_slot = (unsigned)wx_schema_get(WX_FIELD_SORTDATE)->slot,
        .check_at_least = (rq->exact_total || rq->nfacets > 0)
                              ? all : CHECK_AT_LEAST,
        .time_limit = rq->time_limit,
        .facet_slots = slots,
        .facet_spans = spans,
        .nfacets = rq->nfacets,
        .max_wildcard = WX_QUERY_MAX_WILDCARD,
        .split_min = s->long_lived ? SPLIT_MIN_DOCS : 0,
    };
    if (s->long_lived && rq->nfacets > 0) {
        if ((st = facet_cache(s, err)) != WX_OK)
            goto done;
        spec.facet_cache = s->fcache;
    }
    wx_search_sort sort = rq->sort;
    if (sort == WX_SEARCH_SORT_AUTO)
        sort = info.has_text ? WX_SEARCH_SORT_RELEVANCE
                             : WX_SEARCH_SORT_DATE_DESC;
    switch (sort) {
    case WX_SEARCH_SORT_DATE:
        spec.sort = WX_SORT_VALUE_ASC;
        break;
    case WX_SEARCH_SORT_DATE_DESC:
        spec.sort = WX_SORT_VALUE_DESC;
        break;
    case WX_SEARCH_SORT_AUTO:
    case WX_SEARCH_SORT_RELEVANCE:
        break;
    }
    st = wx_db_search(s->db, q, &spec, &ms, err);
    if (st != WX_OK)
        goto done;

    uint64_t est = 0, lo = 0, hi = 0;
    wx_mset_total(ms, &est, &lo, &hi);
    res->total_exact = lo == hi;
    res->total = res->total_exact ? lo : est;
    res->offset = rq->offset;
    res->limit = rq->limit;

    size_t n = wx_mset_size(ms);
    if (n > 0) {
        res->hits = calloc(n, sizeof *res->hits);
        if (res->hits == NULL) {
            st = wx_err_set(err, WX_ENOMEM, "hits: out of memory");
            goto done;
        }
    }
    for (size_t i = 0; i < n && st == WX_OK; i++) {
        st = fill_hit(s, rq, lang, ms, i, &res->hits[i], err);
        res->nhits = i + 1;
    }
    if (st == WX_OK)
        st = collect_facets(rq, ms, res, err);
    /* Suggestions come from one local index only: remote servers have
     * no spelling tables to offer, and over a stub Xapian suggests from
     * the shards' tables otherwise than one index would. Quietly none. */
    if (st == WX_OK && rq->suggest && info.has_text && wx_db_local(s->db) &&
        res->total < WX_SUGGEST_BELOW) {
        wx_query_opts so = qo;
        wx_query *ignored = NULL;
        so.spelling = true;
        st = wx_query_parse_text(res->query, &so, &ignored, NULL, &corrected,
                                 err);
        wx_query_free(ignored);
        if (st == WX_OK && corrected != NULL)
            st = suggest(s, corrected, &qo, filters, res, err);
    }
done:
    free(corrected);
    wx_mset_free(ms);
    wx_query_free(q);
    wx_query_free(filters);
    wx_query_free(tq);
    return st;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

wx_status wx_search_run(wx_search *s, const wx_search_request *rq,
                        wx_search_result *res, wx_err *err)
{
    double t0 = now_ms();
    wx_status st = wx_search_request_check(rq, err);
    /* A long-lived session (FastCGI) must see what the indexer committed
     * since the last request; reopen is cheap when nothing changed. */
    if (st == WX_OK)
        st = wx_db_reopen(s->db, err);
    for (int attempt = 0; st == WX_OK; attempt++) {
        st = run_once(s, rq, res, err);
        if (st != WX_EMODIFIED || attempt + 1 == RETRIES)
            break;
        wx_search_result_free(res);
        backoff(attempt);
        st = reopen(s, err);
    }
    res->elapsed_ms = now_ms() - t0;
    return st;
}

/* ---- stored articles ---- */

static wx_status article_once(wx_search *s, const char *term, const char *id,
                              wx_article *a, wx_buf *json, wx_err *err)
{
    wx_docid docid = 0;
    wx_doc *doc = NULL;
    const char *data = NULL;
    size_t len = 0;
    wx_status st = wx_db_find_term(s->db, term, &docid, err);
    if (st == WX_ENOTFOUND)
        return wx_err_set(err, WX_ENOTFOUND, "no article with id \"%.200s\"",
                          id);
    if (st == WX_OK)
        st = wx_db_get_doc(s->db, docid, &doc, err);
    if (st == WX_OK)
        st = wx_doc_get_data(doc, &data, &len, err);
    size_t mark = json ? json->len : 0;
    if (st == WX_OK)
        st = decode(s, data, len, a, json, err);
    if (st != WX_OK && json != NULL && json->st == WX_OK)
        json->len = mark;  /* no half record on failure */
    if (st == WX_EFORMAT)
        st = wx_err_set(err, WX_EFORMAT, "article \"%.200s\": stored data "
                        "does not decode", id);
    wx_doc_free(doc);
    return st;
}

wx_status wx_search_article(wx_search *s, const char *id, wx_article *a,
                            wx_buf *json, wx_err *err)
{
    if (id == NULL || *id == '\0' || strlen(id) > WX_MAX_FIELD_BYTES ||
        !wx_utf8_valid(id, strlen(id)))
        return wx_err_set(err, WX_EINVAL, "not an article id");
    char *term = wx_schema_term(WX_FIELD_ID, id);
    if (term == NULL)
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    wx_status st = wx_db_reopen(s->db, err);
    for (int attempt = 0; st == WX_OK; attempt++) {
        st = article_once(s, term, id, a, json, err);
        if (st != WX_EMODIFIED || attempt + 1 == RETRIES)
            break;
        if (a != NULL)
            wx_article_reset(a);
        backoff(attempt);
        st = reopen(s, err);
        if (st != WX_OK)
            break;
    }
    free(term);
    return st;
}
