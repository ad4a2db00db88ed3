/*
 * The JSON contract of issue 3, shared with the CGI endpoint, built with
 * jansson (never by string pasting): query, total, total_exact, offset,
 * limit, elapsed_ms, suggestion, match ("all", "any", "none" or null
 * without text), syntax (read as query syntax), relaxed (all words
 * found nothing, so any did), like (the article of a "more like
 * this", or null), hits[] (rank, id, score, title, agency, dateline,
 * date, topics, places, source, the dateline metadata present among
 * dateline_text, dateline_qualifier, dateline_cities[], dateline_date,
 * credit, agency_also, then snippet, snippet_html), facets and, when
 * asked for, histogram[] (date, count). The JSON Lines export is here
 * too: the same hit objects, one per line, and nothing else.
 * Strings that are not valid UTF-8 are repaired, never dropped.
 */
#include "printer.h"

#include "snippet.h"
#include "wx_utf8.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

typedef struct json_state {
    json_t *root;
    json_t *hits;
    json_t *facets;
    bool bad;           /* a value could not be built (ENOMEM) */
} json_state;

/* A JSON string from UTF-8 text (repaired if need be), or null. */
static json_t *str(const char *s)
{
    if (s == NULL)
        return json_null();
    size_t n = strlen(s);
    json_t *j = json_stringn(s, n);
    if (j != NULL)
        return j;
    wx_buf b;
    wx_buf_init(&b, 4 * n + 16);
    wx_utf8_repair(s, n, &b, NULL);
    j = b.st == WX_OK ? json_stringn(b.data ? b.data : "", b.len) : NULL;
    wx_buf_free(&b);
    return j;
}

static json_t *str_list(const wx_strlist *l)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < l->n; i++)
        if (json_array_append_new(a, str(l->v[i])) != 0) {
            json_decref(a);
            a = NULL;
        }
    return a;
}

/* The snippet rendered for medium as a JSON string. */
static json_t *snippet(const char *s, wx_medium m)
{
    if (s == NULL)
        return json_string("");
    wx_buf b;
    wx_buf_init(&b, 16 * strlen(s) + 64);
    wx_snippet_render(s, m, &b);
    json_t *j = b.st == WX_OK ? str(wx_buf_str(&b)) : NULL;
    wx_buf_free(&b);
    return j;
}

static double round3(double x)
{
    return round(x * 1000.0) / 1000.0;
}

/* Set key to v (taking it); a NULL v marks the document bad. */
static void set(json_state *js, json_t *o, const char *key, json_t *v)
{
    if (v == NULL || o == NULL || json_object_set_new(o, key, v) != 0)
        js->bad = true;
}

static wx_status json_begin(wx_printer *p, const wx_search_result *r)
{
    json_state *js = calloc(1, sizeof *js);
    if (js == NULL)
        return WX_ENOMEM;
    p->priv = js;
    js->root = json_object();
    js->hits = json_array();
    js->facets = json_object();
    if (js->root == NULL || js->hits == NULL || js->facets == NULL)
        return WX_ENOMEM;
    json_t *o = js->root;
    set(js, o, "query", str(r->query ? r->query : ""));
    set(js, o, "total", json_integer((json_int_t)r->total));
    set(js, o, "total_exact", json_boolean(r->total_exact));
    set(js, o, "offset", json_integer(r->offset));
    set(js, o, "limit", json_integer(r->limit));
    set(js, o, "elapsed_ms", json_real(round3(r->elapsed_ms)));
    set(js, o, "suggestion", str(r->suggestion));
    set(js, o, "match", str(r->match));
    set(js, o, "syntax", json_boolean(r->match != NULL && !r->words));
    set(js, o, "relaxed", json_boolean(r->relaxed));
    set(js, o, "like", str(r->like));
    return js->bad ? WX_ENOMEM : WX_OK;
}

/* The JSON object of one hit, NULL when it cannot be built (ENOMEM). */
static json_t *hit_object(const wx_search_hit *h)
{
    json_state tmp = {0};
    json_state *js = &tmp;
    json_t *o = json_object();
    set(js, o, "rank", json_integer(h->rank));
    set(js, o, "id", str(h->id));
    set(js, o, "score", json_real(isfinite(h->score) ? h->score : 0.0));
    set(js, o, "title", str(h->title));
    set(js, o, "agency", str(h->agency));
    set(js, o, "dateline", str(h->dateline));
    set(js, o, "date", str(h->date));
    set(js, o, "topics", str_list(&h->topics));
    set(js, o, "places", str_list(&h->places));
    set(js, o, "source", str(h->source));
    /* Dateline metadata: each key once; "dateline_cities" an array. */
    for (size_t i = 0; i < h->dl_keys.n && i < h->dl_vals.n; i++) {
        const char *k = h->dl_keys.v[i];
        if (strcmp(k, "dateline_cities") != 0) {
            set(js, o, k, str(h->dl_vals.v[i]));
            continue;
        }
        json_t *arr = json_object_get(o, k);
        if (arr == NULL && (arr = json_array()) != NULL &&
            json_object_set_new(o, k, arr) != 0)
            arr = NULL;
        if (arr == NULL || json_array_append_new(arr, str(h->dl_vals.v[i])))
            js->bad = true;
    }
    set(js, o, "snippet", snippet(h->snippet, WX_MEDIUM_PLAIN));
    set(js, o, "snippet_html", snippet(h->snippet, WX_MEDIUM_HTML));
    if (js->bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static wx_status json_hit(wx_printer *p, const wx_search_hit *h)
{
    json_state *js = p->priv;
    json_t *o = hit_object(h);
    if (o == NULL || json_array_append_new(js->hits, o) != 0)
        js->bad = true;
    return js->bad ? WX_ENOMEM : WX_OK;
}

static wx_status json_facet(wx_printer *p, const wx_search_facet *f)
{
    json_state *js = p->priv;
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < f->n; i++) {
        json_t *v = json_object();
        set(js, v, "value", str(f->values[i].value));
        set(js, v, "count", json_integer((json_int_t)f->values[i].count));
        if (v == NULL || json_array_append_new(a, v) != 0)
            js->bad = true;
    }
    set(js, js->facets, f->name, a);
    return js->bad ? WX_ENOMEM : WX_OK;
}

static wx_status json_end(wx_printer *p, const wx_search_result *r)
{
    json_state *js = p->priv;
    set(js, js->root, "hits", json_incref(js->hits));
    set(js, js->root, "facets", json_incref(js->facets));
    if (r->histogram != WX_HIST_NONE) {
        json_t *a = json_array();
        for (size_t i = 0; a != NULL && i < r->nbins; i++) {
            json_t *v = json_object();
            set(js, v, "date", json_string(r->bins[i].date));
            set(js, v, "count", json_integer((json_int_t)r->bins[i].count));
            if (v == NULL || json_array_append_new(a, v) != 0)
                js->bad = true;
        }
        set(js, js->root, "histogram", a);
    }
    if (js->bad)
        return WX_ENOMEM;
    char *text = json_dumps(js->root, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                          JSON_REAL_PRECISION(12));
    if (text == NULL)
        return WX_ENOMEM;
    wx_buf_puts(p->out, text);
    wx_buf_putc(p->out, '\n');
    free(text);
    return p->out->st;
}

static void json_cleanup(wx_printer *p)
{
    json_state *js = p->priv;
    if (js == NULL)
        return;
    json_decref(js->root);
    json_decref(js->hits);
    json_decref(js->facets);
    free(js);
    p->priv = NULL;
}

const wx_printer_ops wx_printer_json_ops = {
    .name = "json",
    .begin = json_begin,
    .hit = json_hit,
    .facet = json_facet,
    .end = json_end,
    .cleanup = json_cleanup,
};

/* ---- JSON Lines: one hit object per line ---- */

static wx_status jsonl_begin(wx_printer *p, const wx_search_result *r)
{
    (void)r;
    return p->out->st;
}

static wx_status jsonl_hit(wx_printer *p, const wx_search_hit *h)
{
    json_t *o = hit_object(h);
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                       JSON_REAL_PRECISION(12))
                   : NULL;
    json_decref(o);
    if (text == NULL)
        return WX_ENOMEM;
    wx_buf_puts(p->out, text);
    wx_buf_putc(p->out, '\n');
    free(text);
    return p->out->st;
}

static wx_status jsonl_facet(wx_printer *p, const wx_search_facet *f)
{
    (void)f;
    return p->out->st;
}

const wx_printer_ops wx_printer_jsonl_ops = {
    .name = "jsonl",
    .begin = jsonl_begin,
    .hit = jsonl_hit,
    .facet = jsonl_facet,
    .end = jsonl_begin,
    .cleanup = NULL,
};
