/*
 * Unit tests for searcher/page: the HTML pages rendered from hand-built
 * results with hostile strings everywhere (nothing gets through
 * unescaped, tags stay balanced), facet and filter links that keep the
 * query, pagination, the suggestion, the empty state, the article page,
 * the error page, and the output bound.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "searcher/page.h"
#include "wx_escape.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char evil[] = "<script>alert(1)</script>\"'><img src=x "
                           "onerror=alert(2)>&amp;";

static char *dup(const char *s)
{
    char *d = strdup(s);
    assert_non_null(d);
    return d;
}

static void add(wx_strlist *l, const char *s)
{
    assert_int_equal(wx_strlist_add(l, s, (size_t)-1), WX_OK);
}

/* A result page of nhits hits from rank offset+1, total matches. */
static void make_result(wx_search_result *r, size_t nhits, unsigned offset,
                        uint64_t total, bool exact)
{
    wx_search_result_init(r);
    r->query = dup(evil);
    r->total = total;
    r->total_exact = exact;
    r->offset = offset;
    r->limit = 10;
    r->elapsed_ms = 1.25;
    r->nhits = nhits;
    r->hits = calloc(nhits ? nhits : 1, sizeof *r->hits);
    assert_non_null(r->hits);
    for (size_t i = 0; i < nhits; i++) {
        wx_search_hit *h = &r->hits[i];
        h->rank = offset + (unsigned)i + 1;
        h->id = dup(i == 0 ? "id&<x>" : "ID-2");
        h->title = dup(evil);
        h->agency = dup("EFE");
        h->dateline = dup(evil);
        h->date = dup("2021-07-20");
        add(&h->topics, evil);
        add(&h->places, "Australia");
        h->snippet = dup("\xE2\x80\xA6" "to the " WX_HL_START "embassy"
                         WX_HL_END " in <b>" WX_HL_START "Canberra"
                         WX_HL_END "</b>");
    }
    r->nfacets = 2;
    r->facets = calloc(2, sizeof *r->facets);
    assert_non_null(r->facets);
    r->facets[0].name = "agency";
    r->facets[0].field = WX_FIELD_AGENCY;
    r->facets[0].n = 2;
    r->facets[0].values = calloc(2, sizeof(wx_search_facet_value));
    assert_non_null(r->facets[0].values);
    r->facets[0].values[0].value = dup("EFE");
    r->facets[0].values[0].count = 1234;
    r->facets[0].values[1].value = dup(evil);
    r->facets[0].values[1].count = 7;
    r->facets[1].name = "year";
    r->facets[1].field = WX_FIELD_YEAR;
    r->facets[1].n = 1;
    r->facets[1].values = calloc(1, sizeof(wx_search_facet_value));
    assert_non_null(r->facets[1].values);
    r->facets[1].values[0].value = dup("2021");
    r->facets[1].values[0].count = 1;
}

static void make_request(wx_search_request *rq)
{
    wx_search_request_init(rq);
    rq->query = "embassy response";
    wx_err err;
    assert_int_equal(wx_search_request_add_filter(rq, "agency", "EFE", &err),
                     WX_OK);
    assert_int_equal(wx_search_request_add_filter(rq, "topic", evil, &err),
                     WX_OK);
}

/* Count non-overlapping occurrences of needle. */
static size_t count(const char *hay, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
        n++;
    return n;
}

/* Nothing hostile survives, and the structure is balanced. */
static void check_safe(const char *html)
{
    assert_int_equal(count(html, "<script"), 0);
    assert_int_equal(count(html, "<img"), 0);
    assert_int_equal(count(html, "<b>"), 0);
    assert_int_equal(count(html, "onerror=alert(2)>"), 0);
    static const char *const tags[] = {"div", "ul", "ol", "li", "a", "p",
                                       "main", "aside", "details", "nav",
                                       "strong", "mark", "h1", "h2",
                                       "article", "dl", "header", "form",
                                       "select", "label", "footer"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        char open[32], open_attr[32], close[32];
        snprintf(open, sizeof open, "<%s>", tags[i]);
        snprintf(open_attr, sizeof open_attr, "<%s ", tags[i]);
        snprintf(close, sizeof close, "</%s>", tags[i]);
        size_t o = count(html, open) + count(html, open_attr);
        if (o != count(html, close))
            fail_msg("<%s>: %zu opened, %zu closed", tags[i], o,
                     count(html, close));
    }
    assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
}

static void test_results_page(void **state)
{
    (void)state;
    wx_search_request rq;
    make_request(&rq);
    wx_search_result r;
    make_result(&r, 2, 0, 2, true);
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    assert_int_equal(wx_page_results(&rq, &r, &out), WX_OK);
    const char *h = wx_buf_str(&out);
    check_safe(h);
    /* Title, dateline, topic and facet value all escaped. */
    assert_true(count(h, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;"
                         "&#39;&gt;&lt;img src=x onerror=alert(2)&gt;"
                         "&amp;amp;") >= 5);
    /* The snippet: marks from the markers, its own tags escaped. */
    assert_non_null(strstr(h, "to the <mark>embassy</mark> in "
                              "&lt;b&gt;<mark>Canberra</mark>&lt;/b&gt;"));
    /* The query stays in the box; the filters ride along hidden. */
    assert_non_null(strstr(h, "value=\"embassy response\""));
    assert_non_null(strstr(h, "<input type=\"hidden\" name=\"agency\" "
                              "value=\"EFE\">"));
    /* The title links to the article, with the search kept. */
    assert_non_null(strstr(h, "href=\"?show=id%26%3Cx%3E&amp;q=embassy"
                              "%20response&amp;agency=EFE&amp;topic="
                              "%3Cscript%3E"));
    /* An active facet value: ticked, and its link drops the filter. */
    assert_non_null(strstr(h, "<a href=\"?q=embassy%20response&amp;topic="
                              "%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22"
                              "%27%3E%3Cimg%20src%3Dx%20onerror%3Dalert%282"
                              "%29%3E%26amp%3B\" aria-current=\"true\""));
    /* An inactive one adds its filter and keeps the rest. */
    assert_non_null(strstr(h, "href=\"?q=embassy%20response&amp;agency=EFE"
                              "&amp;topic=%3Cscript%3E"));
    assert_non_null(strstr(h, "&amp;year=2021\">"));
    /* Counts with separators, removable chips, count and time. */
    assert_non_null(strstr(h, "<span class=\"count\">1,234</span>"));
    assert_non_null(strstr(h, "aria-label=\"Remove filter agency: EFE\""));
    assert_non_null(strstr(h, "<strong>2</strong> articles (1.2 ms)"));
    assert_non_null(strstr(h, "<time datetime=\"2021-07-20\">20 Jul 2021"
                              "</time>"));
    assert_null(strstr(h, "class=\"pager\""));   /* one page only */
    wx_buf_free(&out);
    wx_search_result_free(&r);
}

static void test_pager_and_suggestion(void **state)
{
    (void)state;
    wx_search_request rq;
    wx_search_request_init(&rq);
    rq.query = "embasy";
    rq.offset = 30;
    wx_search_result r;
    make_result(&r, 10, 30, 95, false);
    r.suggestion = dup("embassy");
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    assert_int_equal(wx_page_results(&rq, &r, &out), WX_OK);
    const char *h = wx_buf_str(&out);
    check_safe(h);
    assert_non_null(strstr(h, "<strong>31\xE2\x80\x93" "40</strong> of "
                              "about <strong>95</strong>"));
    assert_non_null(strstr(h, "<a href=\"?q=embasy&amp;page=3\" "
                              "rel=\"prev\">"));
    assert_non_null(strstr(h, "<a href=\"?q=embasy&amp;page=5\" "
                              "rel=\"next\">"));
    assert_non_null(strstr(h, "<span aria-current=\"page\">4</span>"));
    assert_non_null(strstr(h, "Did you mean <a href=\"?q=embassy\">"
                              "<strong>embassy</strong></a>?"));
    wx_buf_free(&out);
    wx_search_result_free(&r);

    /* The deepest page links stop at WX_MAX_OFFSET. */
    rq.offset = WX_MAX_OFFSET;
    make_result(&r, 10, WX_MAX_OFFSET, 5000000, true);
    wx_buf_init(&out, 1 << 20);
    assert_int_equal(wx_page_results(&rq, &r, &out), WX_OK);
    h = wx_buf_str(&out);
    assert_null(strstr(h, "rel=\"next\""));
    char cur[64];
    snprintf(cur, sizeof cur, "<span aria-current=\"page\">%d</span>",
             WX_MAX_OFFSET / 10 + 1);
    assert_non_null(strstr(h, cur));
    wx_buf_free(&out);
    wx_search_result_free(&r);
}

static void test_histogram(void **state)
{
    (void)state;
    wx_search_request rq;
    wx_search_request_init(&rq);
    rq.query = "cocoa";
    wx_search_result r;
    make_result(&r, 2, 0, 60, true);
    r.histogram = WX_HIST_MONTH;
    static const struct {
        const char *date;
        uint64_t count;
    } bins[] = {{"1987-02", 1}, {"1987-03", 53}, {"1987-06", 6}};
    r.nbins = 3;
    r.bins = calloc(3, sizeof *r.bins);
    assert_non_null(r.bins);
    for (size_t i = 0; i < 3; i++) {
        snprintf(r.bins[i].date, sizeof r.bins[i].date, "%s", bins[i].date);
        r.bins[i].count = bins[i].count;
    }
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    assert_int_equal(wx_page_results(&rq, &r, &out), WX_OK);
    const char *h = wx_buf_str(&out);
    check_safe(h);
    /* One bar per period with articles, on a time axis of five months
     * (April and May empty), each a link to its period. */
    assert_int_equal(count(h, "<rect "), 3);
    assert_int_equal(count(h, "</svg>"), 1);
    assert_non_null(strstr(h, "viewBox=\"0 0 50 100\""));
    assert_non_null(strstr(h, "<a href=\"?q=cocoa&amp;from=1987-03&amp;"
                              "to=1987-03\"><title>1987-03: 53 articles"
                              "</title><rect x=\"11\" y=\"0\" width=\"8\" "
                              "height=\"100\"/></a>"));
    assert_non_null(strstr(h, "<title>1987-06: 6 articles</title><rect "
                              "x=\"41\" y=\"88\""));
    assert_non_null(strstr(h, "<title>1987-02: 1 article</title>"));
    /* The exports of the same results. */
    assert_non_null(strstr(h, "<a href=\"?q=cocoa&amp;format=csv\">CSV</a>"));
    wx_buf_free(&out);
    wx_search_result_free(&r);
}

static void test_past_the_end(void **state)
{
    (void)state;
    wx_search_request rq;
    wx_search_request_init(&rq);
    rq.query = "cocoa";
    rq.offset = 390;
    wx_search_result r;
    make_result(&r, 0, 390, 95, true);
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    assert_int_equal(wx_page_results(&rq, &r, &out), WX_OK);
    const char *h = wx_buf_str(&out);
    check_safe(h);
    assert_non_null(strstr(h, "Page 40 is past the end of the results"));
    assert_non_null(strstr(h, "95 articles match: the last is on page 10. "
                              "<a href=\"?q=cocoa&amp;page=10\">Go to the "
                              "last page</a> or <a href=\"?q=cocoa\">the "
                              "first</a>."));
    /* No pager, so no link to a page that does not exist. */
    assert_null(strstr(h, "class=\"pager\""));
    assert_null(strstr(h, "page=40"));
    assert_null(strstr(h, "page=11"));
    wx_buf_free(&out);
    wx_search_result_free(&r);
}

static void test_empty_state(void **state)
{
    (void)state;
    wx_search_request rq;
    make_request(&rq);
    rq.query = evil;
    wx_search_result r;
    wx_search_result_init(&r);
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    assert_int_equal(wx_page_results(&rq, &r, &out), WX_OK);
    const char *h = wx_buf_str(&out);
    check_safe(h);
    assert_non_null(strstr(h, "No articles match"));
    assert_non_null(strstr(h, "Remove a filter"));
    assert_null(strstr(h, "<aside"));
    wx_buf_free(&out);
}

static void test_article_page(void **state)
{
    (void)state;
    wx_article a;
    wx_article_init(&a);
    a.id = dup("HOSTT-0001");
    a.title = dup(evil);
    a.agency = dup("Reuters");
    a.date = dup("2023-09-12T10:00:00");
    a.body = dup("LONDON (Reuters) - <script>alert(1)</script> first.\n"
                 "\n  \nSecond <b>paragraph</b>.");
    add(&a.topics, "Markets");
    assert_int_equal(wx_article_add_meta(&a, "slug", evil), WX_OK);
    wx_search_request rq;
    make_request(&rq);
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    assert_int_equal(wx_page_article(&rq, &a, &out), WX_OK);
    const char *h = wx_buf_str(&out);
    check_safe(h);
    assert_int_equal(count(h, "<div class=\"body\">\n<p>"), 1);
    assert_non_null(strstr(h, "<p>LONDON (Reuters) - &lt;script&gt;"));
    assert_non_null(strstr(h, "<p>Second &lt;b&gt;paragraph&lt;/b&gt;."
                              "</p>\n</div>"));
    assert_non_null(strstr(h, "<dt>slug</dt><dd>&lt;script&gt;"));
    assert_non_null(strstr(h, "12 Sep 2023"));
    assert_non_null(strstr(h, "class=\"back\" href=\"?q=embassy%20response"
                              "&amp;agency=EFE"));
    wx_buf_free(&out);

    /* Without a search behind it: no way back, still a page. */
    wx_buf_init(&out, 1 << 20);
    assert_int_equal(wx_page_article(NULL, &a, &out), WX_OK);
    check_safe(wx_buf_str(&out));
    assert_null(strstr(wx_buf_str(&out), "class=\"back\""));
    wx_buf_free(&out);
    wx_article_reset(&a);
}

static void test_home_and_error(void **state)
{
    (void)state;
    wx_buf out;
    wx_buf_init(&out, 1 << 20);
    assert_int_equal(wx_page_home(NULL, &out), WX_OK);
    check_safe(wx_buf_str(&out));
    assert_non_null(strstr(wx_buf_str(&out), "href=\"?q=%22central%20bank"
                                             "%22\""));
    wx_buf_free(&out);

    wx_search_request rq;
    wx_search_request_init(&rq);
    rq.query = evil;
    int statuses[] = {400, 404, 405, 500};
    for (size_t i = 0; i < 4; i++) {
        wx_buf_init(&out, 1 << 20);
        assert_int_equal(wx_page_error(&rq, statuses[i], evil, &out), WX_OK);
        const char *h = wx_buf_str(&out);
        check_safe(h);
        assert_non_null(strstr(h, "role=\"alert\""));
        assert_true(count(h, "&lt;script&gt;alert(1)") == 2);
        wx_buf_free(&out);
    }
}

static void test_output_bound(void **state)
{
    (void)state;
    wx_search_request rq;
    make_request(&rq);
    wx_search_result r;
    make_result(&r, 3, 0, 3, true);
    wx_buf out;
    wx_buf_init(&out, 2000);
    assert_int_equal(wx_page_results(&rq, &r, &out), WX_ETOOBIG);
    assert_true(out.len <= 2000);
    wx_buf_free(&out);
    wx_search_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_results_page),
        cmocka_unit_test(test_pager_and_suggestion),
        cmocka_unit_test(test_histogram),
        cmocka_unit_test(test_past_the_end),
        cmocka_unit_test(test_empty_state),
        cmocka_unit_test(test_article_page),
        cmocka_unit_test(test_home_and_error),
        cmocka_unit_test(test_output_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
