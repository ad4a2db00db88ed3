/*
 * Tests of the search module (search.h) and the printers over a small
 * index built here with the indexer's own document builder, so terms,
 * values and stored records are exactly what wiredex-index writes:
 * ranking, filters, dates, facets, sorting, paging, suggestions, errors,
 * stored articles, and the JSON contract parsed back with jansson.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "indexer/document.h"
#include "indexer/spelling.h"
#include "searcher/printer.h"
#include "searcher/search.h"
#include "searcher/show.h"
#include "wx_escape.h"
#include "wx_schema.h"
#include "wx_xapian.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct art {
    const char *id, *title, *agency, *dateline, *date, *body;
    const char *topics[3], *places[3];
} art;

static const art arts[] = {
    {"r1", "BAHIA COCOA REVIEW", "Reuters", "Salvador", "1987-02-26",
     "Showers continued throughout the week in the Bahia cocoa zone.\n"
     "Farmers said the cocoa crop looked good.",
     {"cocoa", NULL}, {"brazil", NULL}},
    {"r2", "Grain markets steady", "Reuters", "Chicago", "1987-02-27",
     "Wheat and corn were steady. Cocoa was not traded in Chicago.",
     {"grain", "wheat", NULL}, {"usa", NULL}},
    {"r3", "Cocoa exports rise", "Reuters", "Accra", "1987-03-02",
     "Ghana cocoa exports rose sharply in February, officials said.",
     {"cocoa", "trade", NULL}, {"ghana", NULL}},
    {"e1", "China calls accusations groundless", "EFE", "Beijing",
     "2021-07-20",
     "China responded on Tuesday to accusations of cyber activities.\n"
     "According to the embassy in Canberra, Australia is following the "
     "US. The embassy gave no further response.",
     {"Crime & Justice", NULL}, {NULL}},
    {"a1", "Budget talks <resume> & stall", "AP", "New York",
     "1987-03-15",
     "Lawmakers in New York said the budget talks stalled again; an "
     "embassy spokesman declined comment.",
     {"politics", NULL}, {"usa", NULL}},
};
enum { NARTS = sizeof arts / sizeof arts[0] };

static char dbdir[64];

static void build_index(void)
{
    snprintf(dbdir, sizeof dbdir, "/tmp/wx-test-search.XXXXXX");
    assert_non_null(mkdtemp(dbdir));
    char path[128];
    snprintf(path, sizeof path, "%s/db", dbdir);
    wx_err err;
    wx_err_clear(&err);
    wx_db *db = NULL;
    assert_int_equal(wx_db_open_writable(path, WX_DB_CREATE, &db, &err),
                     WX_OK);
    wx_docbuilder b;
    assert_int_equal(wx_docbuilder_init(&b, "english", false, &err), WX_OK);
    for (size_t i = 0; i < NARTS; i++) {
        wx_article a;
        wx_article_init(&a);
        const art *s = &arts[i];
        assert_int_equal(wx_article_set(&a.id, s->id, (size_t)-1), WX_OK);
        wx_article_set(&a.title, s->title, (size_t)-1);
        wx_article_set(&a.agency, s->agency, (size_t)-1);
        wx_article_set(&a.dateline, s->dateline, (size_t)-1);
        wx_article_set(&a.date, s->date, (size_t)-1);
        wx_article_set(&a.body, s->body, (size_t)-1);
        for (size_t k = 0; s->topics[k]; k++)
            wx_strlist_add(&a.topics, s->topics[k], strlen(s->topics[k]));
        for (size_t k = 0; s->places[k]; k++)
            wx_strlist_add(&a.places, s->places[k], strlen(s->places[k]));
        assert_int_equal(wx_article_finish(&a, NULL, &err), WX_OK);
        wx_doc *doc = NULL;
        char *uterm = NULL;
        size_t raw, stored;
        assert_int_equal(wx_docbuilder_build(&b, &a, &doc, &uterm, &raw,
                                             &stored, &err), WX_OK);
        assert_int_equal(wx_db_replace(db, uterm, doc, NULL, &err), WX_OK);
        free(uterm);
        wx_doc_free(doc);
        wx_article_reset(&a);
    }
    /* The spelling data behind "did you mean", as the indexer makes it. */
    assert_int_equal(wx_spelling_sync(db, 3, NULL, &err), WX_OK);
    assert_int_equal(wx_db_set_metadata(db, WX_META_SCHEMA,
                                        WX_SCHEMA_VERSION, 1, &err), WX_OK);
    assert_int_equal(wx_db_set_metadata(db, WX_META_LANG, "english", 7,
                                        &err), WX_OK);
    assert_int_equal(wx_db_commit(db, &err), WX_OK);
    wx_docbuilder_free(&b);
    wx_db_close(db);
}

static int setup(void **state)
{
    build_index();
    char path[128];
    snprintf(path, sizeof path, "%s/db", dbdir);
    wx_err err;
    wx_search *s = NULL;
    if (wx_search_open(path, &s, &err) != WX_OK) {
        fprintf(stderr, "open: %s\n", err.msg);
        return -1;
    }
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    wx_search_close(*state);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dbdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Run q (with rq's other settings) and return the status. */
static wx_status run(void **state, wx_search_request *rq, const char *q,
                     wx_search_result *res, wx_err *err)
{
    rq->query = q;
    wx_search_result_init(res);
    wx_err_clear(err);
    return wx_search_run(*state, rq, res, err);
}

static const char *ids(const wx_search_result *r, char *buf, size_t n)
{
    buf[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < r->nhits; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? "," : "",
                                r->hits[i].id ? r->hits[i].id : "?");
    return buf;
}

/* query → the ids of the hits, in order, with default settings. */
static void test_queries(void **state)
{
    static const struct {
        const char *q;
        const char *want;   /* ids in rank order, or sorted by date */
    } cases[] = {
        {"embassy response Canberra", "e1"},
        {"topic:cocoa", "r3,r1"},               /* filters only: -date */
        {"agency:efe", "e1"},
        {"agency:EFE", "e1"},
        {"dateline:SALVADOR", "r1"},
        {"dateline:\"new york\"", "a1"},
        {"topic:\"crime & justice\"", "e1"},
        {"topic:\"CRIME & JUSTICE\"", "e1"},
        {"id:r2", "r2"},
        {"date:1987-02-26..1987-02-26", "r1"},
        {"date:1987-02-26..1987-02-27", "r2,r1"},
        {"date:..1987-02-26", "r1"},
        {"date:2000..", "e1"},
        {"date:1987-03", "a1,r3"},
        {"cocoa -ghana", "r1,r2"},
        {"cocoa NOT ghana", "r1,r2"},
        {"\"cocoa exports\"", "r3"},
        {"embass*", NULL},
        {"title:grain", "r2"},
        {"grain OR ghana", NULL},
        {"cocoa agency:reuters place:usa", "r2"},
        {"(topic:grain OR topic:trade) cocoa", NULL},
        {"stalled NEAR budget", "a1"},
        {"nosuchwordatall", ""},
    };
    char buf[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_search_request rq;
        wx_search_request_init(&rq);
        wx_search_result res;
        wx_err err;
        wx_status st = run(state, &rq, cases[i].q, &res, &err);
        if (st != WX_OK)
            fail_msg("%s: %s", cases[i].q, err.msg);
        if (cases[i].want != NULL &&
            strcmp(ids(&res, buf, sizeof buf), cases[i].want) != 0)
            fail_msg("%s: got %s, want %s", cases[i].q, buf,
                     cases[i].want);
        if (cases[i].want == NULL)
            assert_true(res.nhits > 0);
        wx_search_result_free(&res);
    }
}

static void test_counts_and_wildcards(void **state)
{
    static const struct {
        const char *q;
        uint64_t n;
    } cases[] = {
        {"cocoa", 3},
        {"embass*", 2},
        {"grain OR ghana", 2},
        {"(topic:grain OR topic:trade) cocoa", 2},
        {"year:1987", 4},
        {"month:1987-02", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_search_request rq;
        wx_search_request_init(&rq);
        rq.exact_total = true;
        rq.limit = 0;
        wx_search_result res;
        wx_err err;
        if (run(state, &rq, cases[i].q, &res, &err) != WX_OK)
            fail_msg("%s: %s", cases[i].q, err.msg);
        if (res.total != cases[i].n || !res.total_exact)
            fail_msg("%s: %llu matches, want %llu", cases[i].q,
                     (unsigned long long)res.total,
                     (unsigned long long)cases[i].n);
        assert_int_equal(res.nhits, 0);
        wx_search_result_free(&res);
    }
}

static void test_title_weighs_more(void **state)
{
    /* "cocoa" is in r1's and r3's titles, only in r2's body. */
    wx_search_request rq;
    wx_search_request_init(&rq);
    wx_search_result res;
    wx_err err;
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_OK);
    assert_int_equal(res.nhits, 3);
    assert_string_equal(res.hits[2].id, "r2");
    assert_true(res.hits[0].score >= res.hits[1].score);
    assert_int_equal(res.hits[0].rank, 1);
    wx_search_result_free(&res);
}

static void test_hit_fields_and_snippet(void **state)
{
    wx_search_request rq;
    wx_search_request_init(&rq);
    wx_search_result res;
    wx_err err;
    assert_int_equal(run(state, &rq, "embassy response Canberra", &res,
                         &err), WX_OK);
    assert_int_equal(res.nhits, 1);
    wx_search_hit *h = &res.hits[0];
    assert_string_equal(h->id, "e1");
    assert_string_equal(h->agency, "EFE");
    assert_string_equal(h->dateline, "Beijing");
    assert_string_equal(h->date, "2021-07-20");
    assert_int_equal(h->topics.n, 1);
    assert_string_equal(h->topics.v[0], "Crime & Justice");
    assert_non_null(strstr(h->snippet, WX_HL_START "Canberra" WX_HL_END));
    assert_null(strchr(h->snippet, '\n'));
    assert_string_equal(res.query, "embassy response Canberra");
    wx_search_result_free(&res);

    /* Stemmed variants are highlighted: "embassy" for embassies. */
    assert_int_equal(run(state, &rq, "embassies Canberra", &res, &err),
                     WX_OK);
    assert_int_equal(res.nhits, 1);
    assert_non_null(strstr(res.hits[0].snippet,
                           WX_HL_START "embassy" WX_HL_END));
    wx_search_result_free(&res);

    /* Snippets off. */
    rq.snippet_length = 0;
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_OK);
    assert_null(res.hits[0].snippet);
    wx_search_result_free(&res);
}

static void test_sort_and_paging(void **state)
{
    char buf[256];
    wx_search_request rq;
    wx_search_request_init(&rq);
    wx_search_result res;
    wx_err err;
    assert_int_equal(wx_search_request_set_sort(&rq, "date", &err), WX_OK);
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_OK);
    assert_string_equal(ids(&res, buf, sizeof buf), "r1,r2,r3");
    wx_search_result_free(&res);
    assert_int_equal(wx_search_request_set_sort(&rq, "-date", &err), WX_OK);
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_OK);
    assert_string_equal(ids(&res, buf, sizeof buf), "r3,r2,r1");
    wx_search_result_free(&res);
    rq.offset = 1;
    rq.limit = 1;
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_OK);
    assert_string_equal(ids(&res, buf, sizeof buf), "r2");
    assert_int_equal(res.hits[0].rank, 2);
    assert_int_equal(res.total, 3);
    assert_int_equal(res.offset, 1);
    wx_search_result_free(&res);
    rq.offset = 10;
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_OK);
    assert_int_equal(res.nhits, 0);
    wx_search_result_free(&res);
    assert_int_equal(wx_search_request_set_sort(&rq, "best", &err),
                     WX_EINVAL);
}

static void test_filters_and_dates(void **state)
{
    char buf[256];
    wx_search_request rq;
    wx_search_request_init(&rq);
    wx_search_result res;
    wx_err err;
    /* Two agencies: either; two topics: both. */
    assert_int_equal(wx_search_request_add_filter(&rq, "agency", "ap", &err),
                     WX_OK);
    assert_int_equal(wx_search_request_add_filter(&rq, "agency", "EFE",
                                                  &err), WX_OK);
    assert_int_equal(run(state, &rq, "embassy", &res, &err), WX_OK);
    assert_int_equal(res.total, 2);
    wx_search_result_free(&res);

    wx_search_request_init(&rq);
    wx_search_request_add_filter(&rq, "topic", "cocoa", &err);
    wx_search_request_add_filter(&rq, "topic", "Trade", &err);
    assert_int_equal(run(state, &rq, "", &res, &err), WX_OK);
    assert_string_equal(ids(&res, buf, sizeof buf), "r3");
    wx_search_result_free(&res);

    wx_search_request_init(&rq);
    rq.date_from = "1987-02-27";
    rq.date_to = "1987-03";
    assert_int_equal(run(state, &rq, NULL, &res, &err), WX_OK);
    assert_string_equal(ids(&res, buf, sizeof buf), "a1,r3,r2");
    wx_search_result_free(&res);

    rq.date_to = "1987-02-31";
    assert_int_equal(run(state, &rq, NULL, &res, &err), WX_EINVAL);
    assert_non_null(strstr(err.msg, "1987-02-31"));
    wx_search_result_free(&res);

    wx_search_request_init(&rq);
    assert_int_equal(wx_search_request_add_filter(&rq, "title", "x", &err),
                     WX_EINVAL);
    assert_int_equal(wx_search_request_add_filter(&rq, "nope", "x", &err),
                     WX_EINVAL);
    assert_int_equal(wx_search_request_add_filter(&rq, "agency", "", &err),
                     WX_EINVAL);
    for (int i = 0; i < WX_MAX_FILTERS; i++)
        assert_int_equal(wx_search_request_add_filter(&rq, "agency", "x",
                                                      &err), WX_OK);
    assert_int_equal(wx_search_request_add_filter(&rq, "agency", "x", &err),
                     WX_ETOOBIG);
}

static const wx_search_facet *facet(const wx_search_result *r,
                                    const char *name)
{
    for (size_t i = 0; i < r->nfacets; i++)
        if (strcmp(r->facets[i].name, name) == 0)
            return &r->facets[i];
    return NULL;
}

static void test_facets(void **state)
{
    wx_search_request rq;
    wx_search_request_init(&rq);
    wx_search_result res;
    wx_err err;
    assert_int_equal(wx_search_request_set_facets(&rq, "topic,agency,year",
                                                  &err), WX_OK);
    rq.limit = 1;  /* counts cover all matches, not the page */
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_OK);
    const wx_search_facet *t = facet(&res, "topic");
    assert_non_null(t);
    /* cocoa 2 first; grain, trade, wheat 1 each, by value. */
    assert_int_equal(t->n, 4);
    assert_string_equal(t->values[0].value, "cocoa");
    assert_int_equal(t->values[0].count, 2);
    assert_string_equal(t->values[1].value, "grain");
    assert_string_equal(t->values[3].value, "wheat");
    const wx_search_facet *a = facet(&res, "agency");
    assert_int_equal(a->n, 1);
    assert_string_equal(a->values[0].value, "Reuters");
    assert_int_equal(a->values[0].count, 3);
    assert_int_equal(facet(&res, "year")->values[0].count, 3);
    wx_search_result_free(&res);

    rq.facet_limit = 2;
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_OK);
    assert_int_equal(facet(&res, "topic")->n, 2);
    wx_search_result_free(&res);

    assert_int_equal(wx_search_request_set_facets(&rq, "all", &err), WX_OK);
    assert_true(rq.nfacets >= 5);
    assert_int_equal(wx_search_request_set_facets(&rq, "topic,body", &err),
                     WX_EINVAL);
    assert_non_null(strstr(err.msg, "body"));
}

static void test_errors(void **state)
{
    wx_search_request rq;
    wx_search_request_init(&rq);
    wx_search_result res;
    wx_err err;
    assert_int_equal(run(state, &rq, "cocoa AND", &res, &err), WX_EQUERY);
    assert_non_null(strstr(err.msg, "AND"));
    wx_search_result_free(&res);

    char *big = malloc(100 * 1024 + 1);
    memset(big, 'a', 100 * 1024);
    big[100 * 1024] = '\0';
    assert_int_equal(run(state, &rq, big, &res, &err), WX_ETOOBIG);
    assert_non_null(strstr(err.msg, "too long"));
    wx_search_result_free(&res);
    free(big);

    rq.limit = WX_MAX_LIMIT + 1;
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_EINVAL);
    wx_search_result_free(&res);
    wx_search_request_init(&rq);
    rq.offset = WX_MAX_OFFSET + 1;
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_EINVAL);
    wx_search_result_free(&res);
    wx_search_request_init(&rq);
    rq.lang = "klingon";
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_EINVAL);
    assert_non_null(strstr(err.msg, "klingon"));
    wx_search_result_free(&res);

    /* Hostile bytes: controls go, invalid UTF-8 is repaired. */
    wx_search_request_init(&rq);
    assert_int_equal(run(state, &rq, "co\x01" "coa\x1b \xff", &res, &err),
                     WX_OK);
    assert_int_equal(res.total, 0);  /* cocoa AND ÿ */
    assert_string_equal(res.query, "cocoa \xc3\xbf");
    wx_search_result_free(&res);
}

static void test_open_errors(void **state)
{
    (void)state;
    wx_err err;
    wx_search *s = (wx_search *)1;
    assert_int_equal(wx_search_open("/nonexistent/wx.db", &s, &err),
                     WX_EDB);
    assert_null(s);
    assert_non_null(strstr(err.msg, "/nonexistent/wx.db"));
    /* A Xapian database that is not ours. */
    char path[128];
    snprintf(path, sizeof path, "%s/plain", dbdir);
    wx_db *db = NULL;
    assert_int_equal(wx_db_open_writable(path, WX_DB_CREATE, &db, &err),
                     WX_OK);
    wx_db_close(db);
    /* Empty, it is an empty index (the indexer stamps a new database a
     * moment after creating it)... */
    assert_int_equal(wx_search_open(path, &s, &err), WX_OK);
    wx_search_close(s);
    /* ...but one holding documents without the stamp is not ours. */
    wx_doc *doc = NULL;
    assert_int_equal(wx_db_open_writable(path, 0, &db, &err), WX_OK);
    assert_int_equal(wx_doc_new(&doc, &err), WX_OK);
    assert_int_equal(wx_db_add(db, doc, NULL, &err), WX_OK);
    wx_doc_free(doc);
    wx_db_close(db);
    assert_int_equal(wx_search_open(path, &s, &err), WX_EDB);
    assert_null(s);
    assert_non_null(strstr(err.msg, "not a wiredex index"));
    wx_search_close(NULL);
    wx_search_result_free(NULL);
}

static void test_suggestion(void **state)
{
    wx_search_request rq;
    wx_search_request_init(&rq);
    wx_search_result res;
    wx_err err;
    assert_int_equal(run(state, &rq, "cocao", &res, &err), WX_OK);
    assert_int_equal(res.total, 0);
    assert_non_null(res.suggestion);
    assert_string_equal(res.suggestion, "cocoa");
    wx_search_result_free(&res);
    /* Enough hits: no suggestion. */
    assert_int_equal(run(state, &rq, "cocoa", &res, &err), WX_OK);
    assert_null(res.suggestion);
    wx_search_result_free(&res);
}

static void test_article(void **state)
{
    wx_err err;
    wx_article a;
    wx_article_init(&a);
    wx_buf js;
    wx_buf_init(&js, 1 << 20);
    assert_int_equal(wx_search_article(*state, "r1", &a, &js, &err), WX_OK);
    assert_string_equal(a.title, "BAHIA COCOA REVIEW");
    assert_string_equal(a.body, arts[0].body);
    json_error_t je;
    json_t *o = json_loadb(js.data, js.len, 0, &je);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "id")), "r1");
    json_decref(o);
    wx_article_reset(&a);
    assert_int_equal(wx_search_article(*state, "R1", &a, NULL, &err),
                     WX_ENOTFOUND);
    assert_non_null(strstr(err.msg, "R1"));
    assert_int_equal(wx_search_article(*state, "", &a, NULL, &err),
                     WX_EINVAL);

    wx_buf_reset(&js);
    assert_int_equal(wx_show_article(*state, "r3", false, &js, &err), WX_OK);
    assert_non_null(strstr(wx_buf_str(&js), "Cocoa exports rise"));
    assert_non_null(strstr(wx_buf_str(&js), arts[2].body));
    wx_buf_free(&js);
    wx_article_reset(&a);
}

/* The JSON contract, parsed back. */
static void test_json_contract(void **state)
{
    wx_search_request rq;
    wx_search_request_init(&rq);
    wx_search_result res;
    wx_err err;
    wx_search_request_set_facets(&rq, "topic", &err);
    assert_int_equal(run(state, &rq, "budget embassy", &res, &err), WX_OK);
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    assert_int_equal(wx_printer_json(&res, &out, &err), WX_OK);
    assert_int_equal(out.data[out.len - 1], '\n');
    json_error_t je;
    json_t *o = json_loadb(out.data, out.len, 0, &je);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "query")),
                        "budget embassy");
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 1);
    assert_true(json_is_true(json_object_get(o, "total_exact")));
    assert_int_equal(json_integer_value(json_object_get(o, "offset")), 0);
    assert_int_equal(json_integer_value(json_object_get(o, "limit")), 10);
    assert_true(json_is_real(json_object_get(o, "elapsed_ms")));
    assert_true(json_is_null(json_object_get(o, "suggestion")));
    json_t *h = json_array_get(json_object_get(o, "hits"), 0);
    assert_int_equal(json_integer_value(json_object_get(h, "rank")), 1);
    assert_string_equal(json_string_value(json_object_get(h, "id")), "a1");
    assert_true(json_is_real(json_object_get(h, "score")));
    assert_string_equal(json_string_value(json_object_get(h, "title")),
                        "Budget talks <resume> & stall");
    assert_string_equal(json_string_value(json_object_get(h, "date")),
                        "1987-03-15");
    assert_string_equal(json_string_value(json_object_get(h, "dateline")),
                        "New York");
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(h, "places"), 0)), "usa");
    const char *sn = json_string_value(json_object_get(h, "snippet"));
    const char *html = json_string_value(json_object_get(h, "snippet_html"));
    assert_non_null(strstr(sn, "budget talks"));
    assert_null(strchr(sn, '\x02'));
    assert_non_null(strstr(html, "<mark>budget</mark>"));
    json_t *tf = json_array_get(json_object_get(json_object_get(o, "facets"),
                                                "topic"), 0);
    assert_string_equal(json_string_value(json_object_get(tf, "value")),
                        "politics");
    assert_int_equal(json_integer_value(json_object_get(tf, "count")), 1);
    json_decref(o);
    wx_buf_free(&out);
    wx_search_result_free(&res);
}

/* Text output: plain when told, ANSI highlights when colour is on, and
 * markup in article text is never interpreted. */
static void test_text_printer(void **state)
{
    wx_search_request rq;
    wx_search_request_init(&rq);
    wx_search_result res;
    wx_err err;
    assert_int_equal(run(state, &rq, "budget", &res, &err), WX_OK);
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    wx_print_opts po = {.color = false};
    assert_int_equal(wx_printer_render(&wx_printer_text_ops, &po, &res, &out,
                                       &err), WX_OK);
    const char *s = wx_buf_str(&out);
    assert_non_null(strstr(s, "1 match for \"budget\""));
    assert_non_null(strstr(s, "  1. Budget talks <resume> & stall\n"));
    assert_non_null(strstr(s, "1987-03-15  AP  New York  [a1]"));
    assert_null(strchr(s, '\x1b'));
    assert_null(strchr(s, '\x02'));
    wx_buf_reset(&out);
    po.color = true;
    assert_int_equal(wx_printer_render(&wx_printer_text_ops, &po, &res, &out,
                                       &err), WX_OK);
    assert_non_null(strstr(wx_buf_str(&out), WX_ANSI_HL_ON));
    wx_buf_reset(&out);
    po.color = false;
    po.count_only = true;
    assert_int_equal(wx_printer_render(&wx_printer_text_ops, &po, &res, &out,
                                       &err), WX_OK);
    assert_string_equal(wx_buf_str(&out), "1\n");
    wx_buf_free(&out);
    wx_search_result_free(&res);
    assert_ptr_equal(wx_printer_find("json"), &wx_printer_json_ops);
    assert_null(wx_printer_find("xml"));
}

/* A session sees what a writer commits after it was opened, and a
 * search across several commits does not fail. */
static void test_sees_new_commits(void **state)
{
    char path[128];
    snprintf(path, sizeof path, "%s/db", dbdir);
    wx_err err;
    wx_search_request rq;
    wx_search_request_init(&rq);
    wx_search_result res;
    assert_int_equal(run(state, &rq, "zebra", &res, &err), WX_OK);
    assert_int_equal(res.total, 0);
    wx_search_result_free(&res);

    wx_db *db = NULL;
    assert_int_equal(wx_db_open_writable(path, 0, &db, &err), WX_OK);
    wx_docbuilder b;
    assert_int_equal(wx_docbuilder_init(&b, "english", false, &err), WX_OK);
    for (int i = 0; i < 3; i++) {
        wx_article a;
        wx_article_init(&a);
        char id[16], body[64];
        snprintf(id, sizeof id, "z%d", i);
        snprintf(body, sizeof body, "A zebra number %d escaped.", i);
        wx_article_set(&a.id, id, (size_t)-1);
        wx_article_set(&a.title, "Zoo news", (size_t)-1);
        wx_article_set(&a.body, body, (size_t)-1);
        wx_article_set(&a.date, "1999-01-01", (size_t)-1);
        assert_int_equal(wx_article_finish(&a, NULL, &err), WX_OK);
        wx_doc *doc = NULL;
        char *uterm = NULL;
        size_t raw, stored;
        assert_int_equal(wx_docbuilder_build(&b, &a, &doc, &uterm, &raw,
                                             &stored, &err), WX_OK);
        assert_int_equal(wx_db_replace(db, uterm, doc, NULL, &err), WX_OK);
        assert_int_equal(wx_db_commit(db, &err), WX_OK);
        free(uterm);
        wx_doc_free(doc);
        wx_article_reset(&a);
    }
    wx_docbuilder_free(&b);
    wx_db_close(db);

    assert_int_equal(run(state, &rq, "zebra", &res, &err), WX_OK);
    assert_int_equal(res.total, 3);
    assert_string_equal(res.hits[0].title, "Zoo news");
    wx_search_result_free(&res);
    wx_article a;
    wx_article_init(&a);
    assert_int_equal(wx_search_article(*state, "z2", &a, NULL, &err), WX_OK);
    wx_article_reset(&a);
}

/* Facet counts from the in-memory cache of a long-lived session equal
 * the counts read from documents, also after the index changed (this
 * runs after test_sees_new_commits added articles). */
static void facets_equal(const wx_search_result *x, const wx_search_result *y)
{
    assert_int_equal(x->nfacets, y->nfacets);
    for (size_t j = 0; j < x->nfacets; j++) {
        assert_string_equal(x->facets[j].name, y->facets[j].name);
        assert_int_equal(x->facets[j].n, y->facets[j].n);
        for (size_t k = 0; k < x->facets[j].n; k++) {
            assert_string_equal(x->facets[j].values[k].value,
                                y->facets[j].values[k].value);
            assert_int_equal(x->facets[j].values[k].count,
                             y->facets[j].values[k].count);
        }
    }
}

static void test_facets_kept(void **state)
{
    static const char *const queries[] = {"cocoa", "zebra", "", "wheat OR oil",
                                          "agency:reuters"};
    wx_search_request rq;
    wx_search_request_init(&rq);
    wx_err err;
    assert_int_equal(wx_search_request_set_facets(&rq, "all", &err), WX_OK);
    rq.facet_limit = 1000;
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        wx_search_result plain, kept;
        wx_search_long_lived(*state, false);
        assert_int_equal(run(state, &rq, queries[i], &plain, &err), WX_OK);
        wx_search_long_lived(*state, true);
        assert_int_equal(run(state, &rq, queries[i], &kept, &err), WX_OK);
        assert_true(plain.nfacets >= 5);
        facets_equal(&plain, &kept);
        wx_search_result_free(&plain);
        wx_search_result_free(&kept);
    }
    wx_search_long_lived(*state, false);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_queries),
        cmocka_unit_test(test_counts_and_wildcards),
        cmocka_unit_test(test_title_weighs_more),
        cmocka_unit_test(test_hit_fields_and_snippet),
        cmocka_unit_test(test_sort_and_paging),
        cmocka_unit_test(test_filters_and_dates),
        cmocka_unit_test(test_facets),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_suggestion),
        cmocka_unit_test(test_article),
        cmocka_unit_test(test_json_contract),
        cmocka_unit_test(test_text_printer),
        cmocka_unit_test(test_sees_new_commits),
        cmocka_unit_test(test_facets_kept),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
