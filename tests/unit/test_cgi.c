/*
 * Unit tests for searcher/cgi: strict query-string decoding (a table of
 * good and hostile encodings, every byte value raw and %-escaped),
 * bounds, the request built from parameters, and whole responses for
 * the paths that need no index (405, 400, 500, HEAD, the start page).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "searcher/cgi.h"
#include "wx_limits.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- decoding ---- */

typedef struct decode_case {
    const char *qs;
    wx_status want;
    const char *pairs[8];   /* name, value, name, value, ..., NULL */
} decode_case;

static const decode_case decode_cases[] = {
    {"", WX_OK, {NULL}},
    {"q=cocoa", WX_OK, {"q", "cocoa", NULL}},
    {"q=a+b&agency=EFE", WX_OK, {"q", "a b", "agency", "EFE", NULL}},
    {"q=%3Cscript%3Ealert(1)%3C/script%3E", WX_OK,
     {"q", "<script>alert(1)</script>", NULL}},
    {"q=caf%C3%A9", WX_OK, {"q", "caf\xC3\xA9", NULL}},
    {"q=caf%c3%a9", WX_OK, {"q", "caf\xC3\xA9", NULL}},
    {"q=caf\xC3\xA9", WX_OK, {"q", "caf\xC3\xA9", NULL}},
    {"q=%25%2B%26%3D", WX_OK, {"q", "%+&=", NULL}},
    {"q=a%0Ab%09c%0Dd", WX_OK, {"q", "a\nb\tc\rd", NULL}},
    {"a&&b=&", WX_OK, {"a", "", "b", "", NULL}},
    {"&&&", WX_OK, {NULL}},
    {"q=a=b", WX_OK, {"q", "a=b", NULL}},
    {"q%5Fx=1", WX_OK, {"q_x", "1", NULL}},
    {"q=%F0%9F%93%B0", WX_OK, {"q", "\xF0\x9F\x93\xB0", NULL}},
    /* hostile */
    {"q=%", WX_EINVAL, {NULL}},
    {"q=%4", WX_EINVAL, {NULL}},
    {"q=abc%", WX_EINVAL, {NULL}},
    {"q=%zz", WX_EINVAL, {NULL}},
    {"q=%4g", WX_EINVAL, {NULL}},
    {"q=%%41", WX_EINVAL, {NULL}},
    {"q=%00", WX_EINVAL, {NULL}},
    {"q=a%00b", WX_EINVAL, {NULL}},
    {"q=%1B%5B31m", WX_EINVAL, {NULL}},
    {"q=%7F", WX_EINVAL, {NULL}},
    {"q=%FF", WX_EINVAL, {NULL}},
    {"q=%C3", WX_EINVAL, {NULL}},
    {"q=%C0%AF", WX_EINVAL, {NULL}},          /* overlong '/' */
    {"q=%ED%A0%80", WX_EINVAL, {NULL}},       /* surrogate */
    {"q=%F4%90%80%80", WX_EINVAL, {NULL}},    /* past U+10FFFF */
    {"q=\xFF", WX_EINVAL, {NULL}},
    {"q=a\x01", WX_EINVAL, {NULL}},
    {"q=a\tb", WX_EINVAL, {NULL}},            /* raw tab: not in a URL */
    {"=x", WX_EINVAL, {NULL}},
    {"q=1&=x", WX_EINVAL, {NULL}},
    {"%zz=1", WX_EINVAL, {NULL}},
    {"%00=1", WX_EINVAL, {NULL}},
    {"%FF=1", WX_EINVAL, {NULL}},
};

static void test_decode_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof decode_cases / sizeof decode_cases[0];
         i++) {
        const decode_case *c = &decode_cases[i];
        wx_cgi_params p;
        wx_cgi_params_init(&p);
        wx_err err;
        wx_err_clear(&err);
        wx_status st = wx_cgi_params_parse(&p, c->qs, strlen(c->qs), &err);
        if (st != c->want)
            fail_msg("case %zu \"%s\": status %s, want %s (%s)", i, c->qs,
                     wx_status_str(st), wx_status_str(c->want), err.msg);
        if (st != WX_OK) {
            assert_int_equal(p.n, 0);
            assert_null(p.mem);
            assert_true(err.msg[0] != '\0');
            continue;
        }
        size_t k = 0;
        for (; c->pairs[2 * k] != NULL; k++) {
            assert_true(k < p.n);
            assert_string_equal(p.v[k].name, c->pairs[2 * k]);
            assert_string_equal(p.v[k].value, c->pairs[2 * k + 1]);
        }
        assert_int_equal(p.n, k);
        wx_cgi_params_free(&p);
    }
}

/* Every byte value, escaped: accepted exactly when it is a printable
 * ASCII character or tab, LF or CR (a lone byte >= 0x80 is not UTF-8),
 * and then decoded to itself. */
static void test_decode_every_escaped_byte(void **state)
{
    (void)state;
    for (unsigned b = 0; b < 256; b++) {
        char qs[16];
        snprintf(qs, sizeof qs, "v=%%%02X", b);
        wx_cgi_params p;
        wx_cgi_params_init(&p);
        wx_err err;
        wx_status st = wx_cgi_params_parse(&p, qs, strlen(qs), &err);
        bool ok = (b >= 0x20 && b < 0x7f) || b == '\t' || b == '\n' ||
                  b == '\r';
        if ((st == WX_OK) != ok)
            fail_msg("byte 0x%02X: status %s", b, wx_status_str(st));
        if (ok) {
            assert_int_equal(p.n, 1);
            assert_int_equal(strlen(p.v[0].value), 1);
            assert_int_equal((unsigned char)p.v[0].value[0], b);
        }
        wx_cgi_params_free(&p);
    }
}

/* Every byte value, raw in the value: controls and lone high bytes are
 * refused; '+' is a space; '&' splits; '%' must start an escape. */
static void test_decode_every_raw_byte(void **state)
{
    (void)state;
    for (unsigned b = 1; b < 256; b++) {
        char qs[8] = {'v', '=', 'a', (char)b, 'z', '\0'};
        wx_cgi_params p;
        wx_cgi_params_init(&p);
        wx_err err;
        wx_status st = wx_cgi_params_parse(&p, qs, strlen(qs), &err);
        bool ok = b >= 0x20 && b < 0x7f && b != '%';
        if ((st == WX_OK) != ok)
            fail_msg("raw byte 0x%02X: status %s", b, wx_status_str(st));
        if (ok && b == '&') {
            assert_int_equal(p.n, 2);
            assert_string_equal(p.v[0].value, "a");
            assert_string_equal(p.v[1].name, "z");
        } else if (ok) {
            char want[4] = {'a', b == '+' ? ' ' : (char)b, 'z', '\0'};
            assert_int_equal(p.n, 1);
            assert_string_equal(p.v[0].value, want);
        }
        wx_cgi_params_free(&p);
    }
}

static void test_decode_bounds(void **state)
{
    (void)state;
    size_t max = WX_MAX_CGI_BYTES;
    char *qs = malloc(max + 2);
    assert_non_null(qs);
    memcpy(qs, "q=", 2);
    memset(qs + 2, 'a', max - 2);
    qs[max] = '\0';
    wx_cgi_params p;
    wx_cgi_params_init(&p);
    wx_err err;
    assert_int_equal(wx_cgi_params_parse(&p, qs, max, &err), WX_OK);
    assert_int_equal(strlen(p.v[0].value), max - 2);
    qs[max] = 'a';
    qs[max + 1] = '\0';
    assert_int_equal(wx_cgi_params_parse(&p, qs, max + 1, &err),
                     WX_ETOOBIG);
    assert_int_equal(p.n, 0);
    free(qs);

    /* WX_CGI_MAX_PARAMS pairs pass, one more does not. */
    char many[WX_CGI_MAX_PARAMS * 4 + 8] = "";
    size_t len = 0;
    for (int i = 0; i < WX_CGI_MAX_PARAMS; i++)
        len += (size_t)snprintf(many + len, sizeof many - len, "%sx=",
                                i ? "&" : "");
    assert_int_equal(wx_cgi_params_parse(&p, many, len, &err), WX_OK);
    assert_int_equal(p.n, WX_CGI_MAX_PARAMS);
    len += (size_t)snprintf(many + len, sizeof many - len, "&y");
    assert_int_equal(wx_cgi_params_parse(&p, many, len, &err), WX_ETOOBIG);
    wx_cgi_params_free(&p);
    wx_cgi_params_free(NULL);
}

/* ---- requests ---- */

static wx_status parse(const char *qs, wx_cgi_request *r)
{
    wx_err err;
    wx_err_clear(&err);
    wx_cgi_request_init(r);
    wx_status st = wx_cgi_request_parse(r, qs, &err);
    if (st != WX_OK)
        assert_true(err.msg[0] != '\0');
    return st;
}

static void test_request_defaults(void **state)
{
    (void)state;
    wx_cgi_request r;
    assert_int_equal(parse("", &r), WX_OK);
    assert_int_equal(r.format, WX_CGI_HTML);
    assert_false(r.has_search);
    assert_null(r.show);
    assert_int_equal(r.rq.limit, WX_DEFAULT_LIMIT);
    assert_int_equal(r.rq.offset, 0);
    assert_int_equal(r.rq.sort, WX_SEARCH_SORT_AUTO);
    assert_true(r.rq.time_limit > 0.0);
    assert_true(r.rq.time_limit <= WX_CGI_TIME_LIMIT_MS / 1000.0);
    wx_cgi_request_free(&r);

    /* Empty values are absent; unknown names are ignored. */
    assert_int_equal(parse("q=&agency=&from=&sort=&utm_source=x&submit=",
                           &r), WX_OK);
    assert_false(r.has_search);
    assert_int_equal(r.rq.nfilters, 0);
    wx_cgi_request_free(&r);
    wx_cgi_request_free(NULL);
}

static void test_request_fields(void **state)
{
    (void)state;
    wx_cgi_request r;
    assert_int_equal(parse("q=cocoa+prices&agency=EFE&agency=AP&topic=cocoa"
                           "&place=usa&year=1987&from=1987-02-01"
                           "&to=1987-03&sort=-date&n=20&page=3"
                           "&format=json&facets=topic,agency"
                           "&facet_limit=5", &r), WX_OK);
    assert_string_equal(r.rq.query, "cocoa prices");
    assert_true(r.has_search);
    assert_int_equal(r.format, WX_CGI_JSON);
    assert_int_equal(r.rq.nfilters, 5);
    assert_int_equal(r.rq.filters[0].field, WX_FIELD_AGENCY);
    assert_string_equal(r.rq.filters[0].value, "EFE");
    assert_int_equal(r.rq.filters[1].field, WX_FIELD_AGENCY);
    assert_string_equal(r.rq.filters[1].value, "AP");
    assert_int_equal(r.rq.filters[2].field, WX_FIELD_TOPIC);
    assert_int_equal(r.rq.filters[3].field, WX_FIELD_PLACE);
    assert_int_equal(r.rq.filters[4].field, WX_FIELD_YEAR);
    assert_string_equal(r.rq.date_from, "1987-02-01");
    assert_string_equal(r.rq.date_to, "1987-03");
    assert_int_equal(r.rq.sort, WX_SEARCH_SORT_DATE_DESC);
    assert_int_equal(r.rq.limit, 20);
    assert_int_equal(r.rq.offset, 40);
    assert_int_equal(r.rq.nfacets, 2);
    assert_int_equal(r.rq.facets[0], WX_FIELD_TOPIC);
    assert_int_equal(r.rq.facet_limit, 5);
    wx_cgi_request_free(&r);

    assert_int_equal(parse("offset=30&sort=date&dateline=Beijing", &r),
                     WX_OK);
    assert_int_equal(r.rq.offset, 30);
    assert_int_equal(r.rq.sort, WX_SEARCH_SORT_DATE);
    assert_true(r.has_search);
    assert_null(r.rq.query);
    wx_cgi_request_free(&r);

    assert_int_equal(parse("show=HOSTT-0001&q=x", &r), WX_OK);
    assert_string_equal(r.show, "HOSTT-0001");
    wx_cgi_request_free(&r);

    assert_int_equal(parse("to=1987-02-26", &r), WX_OK);
    assert_true(r.has_search);
    wx_cgi_request_free(&r);
    /* The exports, the histogram and the filters from the metadata. */
    assert_int_equal(parse("q=x&format=csv&histogram=day&people=subroto"
                           "&orgs=opec&exchanges=nyse&lang=en", &r), WX_OK);
    assert_int_equal(r.format, WX_CGI_CSV);
    assert_int_equal(r.rq.histogram, WX_HIST_DAY);
    assert_int_equal(r.rq.nfilters, 4);
    assert_int_equal(r.rq.filters[0].field, WX_FIELD_PEOPLE);
    assert_int_equal(r.rq.filters[3].field, WX_FIELD_LANG);
    wx_cgi_request_free(&r);
    assert_int_equal(parse("q=x&format=jsonl", &r), WX_OK);
    assert_int_equal(r.format, WX_CGI_JSONL);
    wx_cgi_request_free(&r);
    /* id is not a web filter: ignored like any unknown name. */
    assert_int_equal(parse("q=x&id=r1", &r), WX_OK);
    assert_int_equal(r.rq.nfilters, 0);
    wx_cgi_request_free(&r);
}

typedef struct bad_case {
    const char *qs;
    wx_status want;
    wx_cgi_format format;   /* the format errors are answered in */
} bad_case;

static const bad_case bad_cases[] = {
    {"n=0", WX_EINVAL, WX_CGI_HTML},
    {"n=101", WX_EINVAL, WX_CGI_HTML},
    {"n=-1", WX_EINVAL, WX_CGI_HTML},
    {"n=+5", WX_EINVAL, WX_CGI_HTML},
    {"n=1e2", WX_EINVAL, WX_CGI_HTML},
    {"n=0x10", WX_EINVAL, WX_CGI_HTML},
    {"n=%205", WX_EINVAL, WX_CGI_HTML},
    {"n=99999999999999999999", WX_EINVAL, WX_CGI_HTML},
    {"page=0", WX_EINVAL, WX_CGI_HTML},
    {"page=10002", WX_EINVAL, WX_CGI_HTML},   /* offset past the max */
    {"page=1&offset=0", WX_EINVAL, WX_CGI_HTML},
    {"offset=100001", WX_EINVAL, WX_CGI_HTML},
    {"q=a&q=b", WX_EINVAL, WX_CGI_HTML},
    {"sort=a&sort=b", WX_EINVAL, WX_CGI_HTML},
    {"sort=random", WX_EINVAL, WX_CGI_HTML},
    {"format=xml", WX_EINVAL, WX_CGI_HTML},
    {"format=json&n=abc", WX_EINVAL, WX_CGI_JSON},
    {"format=csv&n=abc", WX_EINVAL, WX_CGI_CSV},
    {"n=abc&format=jsonl", WX_EINVAL, WX_CGI_JSONL},
    {"q=x&histogram=week", WX_EINVAL, WX_CGI_HTML},
    {"n=abc&format=json", WX_EINVAL, WX_CGI_JSON},
    {"q=%zz&format=json", WX_EINVAL, WX_CGI_JSON},
    {"q=%FF&format=json", WX_EINVAL, WX_CGI_JSON},
    {"from=yesterday", WX_EINVAL, WX_CGI_HTML},
    {"to=1987-13-01", WX_EINVAL, WX_CGI_HTML},
    {"facets=colour", WX_EINVAL, WX_CGI_HTML},
    {"facet_limit=0", WX_EINVAL, WX_CGI_HTML},
    {"facet_limit=101", WX_EINVAL, WX_CGI_HTML},
};

static void test_request_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        wx_cgi_request r;
        wx_status st = parse(bad_cases[i].qs, &r);
        if (st != bad_cases[i].want)
            fail_msg("\"%s\": %s", bad_cases[i].qs, wx_status_str(st));
        if (r.format != bad_cases[i].format)
            fail_msg("\"%s\": answered in the wrong format",
                     bad_cases[i].qs);
        wx_cgi_request_free(&r);
    }
}

static void test_request_bounds(void **state)
{
    (void)state;
    wx_cgi_request r;
    /* The deepest page is allowed, n at its maximum too. */
    char qs[64];
    snprintf(qs, sizeof qs, "offset=%d&n=%d", (int)WX_MAX_OFFSET,
             (int)WX_CGI_MAX_N);
    assert_int_equal(parse(qs, &r), WX_OK);
    wx_cgi_request_free(&r);
    snprintf(qs, sizeof qs, "page=%d&q=x", (int)WX_MAX_OFFSET / 10 + 1);
    assert_int_equal(parse(qs, &r), WX_OK);
    assert_int_equal(r.rq.offset, WX_MAX_OFFSET);
    wx_cgi_request_free(&r);

    /* A query of WX_MAX_QUERY_BYTES passes; one byte more is refused. */
    size_t qmax = WX_MAX_QUERY_BYTES;
    char *big = malloc(qmax + 8);
    assert_non_null(big);
    memcpy(big, "q=", 2);
    memset(big + 2, 'x', qmax);
    big[qmax + 2] = '\0';
    assert_int_equal(parse(big, &r), WX_OK);
    wx_cgi_request_free(&r);
    big[qmax + 2] = 'x';
    big[qmax + 3] = '\0';
    assert_int_equal(parse(big, &r), WX_ETOOBIG);
    wx_cgi_request_free(&r);
    free(big);

    /* WX_MAX_FILTERS filters pass; one more is refused. */
    char fs[WX_MAX_FILTERS * 12 + 16] = "";
    size_t len = 0;
    for (int i = 0; i < WX_MAX_FILTERS; i++)
        len += (size_t)snprintf(fs + len, sizeof fs - len, "%stopic=t%d",
                                i ? "&" : "", i);
    assert_int_equal(parse(fs, &r), WX_OK);
    assert_int_equal(r.rq.nfilters, WX_MAX_FILTERS);
    wx_cgi_request_free(&r);
    snprintf(fs + len, sizeof fs - len, "&place=x");
    assert_int_equal(parse(fs, &r), WX_ETOOBIG);
    wx_cgi_request_free(&r);
}

/* ---- whole responses (no index needed) ---- */

typedef struct response {
    int status;
    char *head;     /* header lines, owned */
    char *body;     /* owned */
    size_t body_len;
    char *log;      /* owned */
} response;

static response serve(const char *method, const char *qs, const char *db)
{
    wx_cgi *c = wx_cgi_new();
    assert_non_null(c);
    wx_buf out, log;
    wx_buf_init(&out, WX_CGI_MAX_RESPONSE);
    wx_buf_init(&log, 4096);
    wx_cgi_env env = {.method = method, .query_string = qs, .db = db};
    response r = {0};
    r.status = wx_cgi_handle(c, &env, &out, &log);
    assert_int_equal(out.st, WX_OK);
    const char *all = wx_buf_str(&out);
    const char *sep = strstr(all, "\r\n\r\n");
    assert_non_null(sep);
    r.head = strndup(all, (size_t)(sep - all) + 2);
    r.body = strdup(sep + 4);
    r.body_len = out.len - (size_t)(sep + 4 - all);
    r.log = strdup(wx_buf_str(&log));
    assert_true(r.head && r.body && r.log);
    wx_buf_free(&out);
    wx_buf_free(&log);
    wx_cgi_free(c);
    return r;
}

static void response_free(response *r)
{
    free(r->head);
    free(r->body);
    free(r->log);
}

static void expect_header(const response *r, const char *line)
{
    char want[512];
    snprintf(want, sizeof want, "%s\r\n", line);
    if (strstr(r->head, want) == NULL)
        fail_msg("no header \"%s\" in:\n%s", line, r->head);
}

/* The JSON error body: {"error": {"status": N, "message": "..."}}. */
static void expect_json_error(const response *r, int status)
{
    json_error_t je;
    json_t *j = json_loads(r->body, 0, &je);
    assert_non_null(j);
    json_t *e = json_object_get(j, "error");
    assert_non_null(e);
    assert_int_equal(json_integer_value(json_object_get(e, "status")),
                     status);
    assert_true(json_is_string(json_object_get(e, "message")));
    json_decref(j);
}

static void test_serve_methods(void **state)
{
    (void)state;
    static const char *const refused[] = {"POST", "PUT", "DELETE",
                                          "OPTIONS", "get", "TRACE"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        response r = serve(refused[i], "q=x", "/nonexistent");
        assert_int_equal(r.status, 405);
        expect_header(&r, "Status: 405 Method Not Allowed");
        expect_header(&r, "Allow: GET, HEAD");
        expect_header(&r, "Content-Type: text/html; charset=utf-8");
        response_free(&r);
    }
    response r = serve("POST", "q=x&format=json", NULL);
    assert_int_equal(r.status, 405);
    expect_header(&r, "Content-Type: application/json");
    expect_json_error(&r, 405);
    response_free(&r);
}

static void test_serve_home_and_head(void **state)
{
    (void)state;
    response g = serve("GET", "", NULL);
    assert_int_equal(g.status, 200);
    expect_header(&g, "Status: 200 OK");
    expect_header(&g, "Content-Type: text/html; charset=utf-8");
    expect_header(&g, "X-Content-Type-Options: nosniff");
    assert_non_null(strstr(g.head, "Content-Security-Policy: default-src "
                                   "'none'"));
    assert_non_null(strstr(g.body, "<!DOCTYPE html>"));
    assert_non_null(strstr(g.body, "</html>"));
    assert_null(strstr(g.body, "<script"));
    char cl[64];
    snprintf(cl, sizeof cl, "Content-Length: %zu", g.body_len);
    expect_header(&g, cl);

    response h = serve("HEAD", "", NULL);
    assert_int_equal(h.status, 200);
    assert_string_equal(h.head, g.head);   /* same length announced */
    assert_int_equal(h.body_len, 0);
    response_free(&g);
    response_free(&h);
}

static void test_serve_bad_requests(void **state)
{
    (void)state;
    /* HTML 400 keeps the (escaped) query in the search box. */
    response r = serve("GET", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&n=abc",
                       "/nonexistent");
    assert_int_equal(r.status, 400);
    expect_header(&r, "Status: 400 Bad Request");
    assert_null(strstr(r.body, "<script"));
    assert_non_null(strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(r.body, "n must be a number"));
    assert_string_equal(r.log, "");
    response_free(&r);

    /* JSON 400s, including a request that does not even decode. */
    static const char *const bad_json[] = {
        "format=json&q=%zz", "format=json&n=1000", "format=json",
        "format=json&q=x&sort=sideways", "q=%C0%AF&format=json"};
    for (size_t i = 0; i < sizeof bad_json / sizeof bad_json[0]; i++) {
        r = serve("GET", bad_json[i], "/nonexistent");
        if (r.status != 400)
            fail_msg("\"%s\": status %d", bad_json[i], r.status);
        expect_header(&r, "Content-Type: application/json");
        expect_json_error(&r, 400);
        response_free(&r);
    }

    /* A hostile value in the message comes back escaped. */
    r = serve("GET", "format=json&facets=%22%3C%2Fscript%3E", NULL);
    assert_int_equal(r.status, 400);
    expect_json_error(&r, 400);
    assert_null(strstr(r.body, "</script"));
    response_free(&r);
}

static void test_serve_internal_errors(void **state)
{
    (void)state;
    /* A missing index is the server's fault: generic message, details
     * (the path) only in the log. */
    static const char *const dbs[] = {"/nonexistent/wiredex-db", NULL,
                                      "tests"};
    for (size_t i = 0; i < sizeof dbs / sizeof dbs[0]; i++) {
        response r = serve("GET", "q=cocoa", dbs[i]);
        assert_int_equal(r.status, 500);
        expect_header(&r, "Status: 500 Internal Server Error");
        assert_null(strstr(r.body, "nonexistent"));
        assert_null(strstr(r.body, "WIREDEX_DB"));
        assert_true(strlen(r.log) > 0);
        if (dbs[i] != NULL)
            assert_non_null(strstr(r.log, dbs[i]));
        else
            assert_non_null(strstr(r.log, "WIREDEX_DB"));
        response_free(&r);

        r = serve("GET", "q=cocoa&format=json", dbs[i]);
        assert_int_equal(r.status, 500);
        expect_json_error(&r, 500);
        assert_null(strstr(r.body, "nonexistent"));
        response_free(&r);

        r = serve("GET", "show=x", dbs[i]);
        assert_int_equal(r.status, 500);
        response_free(&r);
    }
}

static void test_detect(void **state)
{
    (void)state;
    unsetenv("GATEWAY_INTERFACE");
    assert_true(wx_cgi_detect("/usr/lib/cgi-bin/wiredex-search.cgi"));
    assert_true(wx_cgi_detect("search.cgi"));
    assert_false(wx_cgi_detect("wiredex-search"));
    assert_false(wx_cgi_detect(".cg"));
    assert_false(wx_cgi_detect(NULL));
    setenv("GATEWAY_INTERFACE", "CGI/1.1", 1);
    assert_true(wx_cgi_detect("wiredex-search"));
    unsetenv("GATEWAY_INTERFACE");
    wx_cgi_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_table),
        cmocka_unit_test(test_decode_every_escaped_byte),
        cmocka_unit_test(test_decode_every_raw_byte),
        cmocka_unit_test(test_decode_bounds),
        cmocka_unit_test(test_request_defaults),
        cmocka_unit_test(test_request_fields),
        cmocka_unit_test(test_request_bad),
        cmocka_unit_test(test_request_bounds),
        cmocka_unit_test(test_serve_methods),
        cmocka_unit_test(test_serve_home_and_head),
        cmocka_unit_test(test_serve_bad_requests),
        cmocka_unit_test(test_serve_internal_errors),
        cmocka_unit_test(test_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
