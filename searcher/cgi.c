/*
 * The web front: strict, bounded decoding of QUERY_STRING into the same
 * wx_search_request the command line fills, one wx_search_run(), and the
 * answer as the HTML page (page.c) or the --json contract (printer.h).
 * Serves one request as CGI, or many as a FastCGI responder (libfcgi)
 * with the index kept open. The index path comes from the environment
 * only; no parameter reaches a path or a shell.
 */
#include "cgi.h"

#include "page.h"
#include "printer.h"
#include "show.h"
#include "wx_escape.h"
#include "wx_exit.h"
#include "wx_limits.h"
#include "wx_log.h"
#include "wx_utf8.h"

#include <fcgiapp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/* Room kept for the header lines of a response. */
enum { HEADER_ROOM = 4096 };

/* A buffer that grew past this between FastCGI requests is given back. */
enum { KEEP_CAP = 4 << 20 };

/* The facets of the HTML page's sidebar (the JSON asks with facets=). */
static const char page_facets[] = "agency,dateline,topic,place,year,month";

/* ---- detection ---- */

/* A FastCGI server starts its responders with a listening socket as
 * standard input (the same test libfcgi's FCGX_IsCGI makes). */
static bool stdin_is_listener(void)
{
    int on = 0;
    socklen_t len = sizeof on;
    return getsockopt(STDIN_FILENO, SOL_SOCKET, SO_ACCEPTCONN, &on,
                      &len) == 0 && on != 0;
}

bool wx_cgi_detect(const char *argv0)
{
    const char *gi = getenv("GATEWAY_INTERFACE");
    if (gi != NULL && *gi != '\0')
        return true;
    size_t n = argv0 ? strlen(argv0) : 0;
    if (n >= 4 && strcmp(argv0 + n - 4, ".cgi") == 0)
        return true;
    return stdin_is_listener();
}

/* ---- query-string decoding ---- */

void wx_cgi_params_init(wx_cgi_params *p)
{
    memset(p, 0, sizeof *p);
}

void wx_cgi_params_free(wx_cgi_params *p)
{
    if (p == NULL)
        return;
    free(p->mem);
    wx_cgi_params_init(p);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * Decode s[0..n) into dst (room for n + 1 bytes), NUL-terminated.
 * Returns the decoded length, or -1 with err set. what names the part
 * for the message ("name", "value of q").
 */
static long decode_part(const char *s, size_t n, char *dst,
                        const char *what, wx_err *err)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
            int lo = hi >= 0 ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                wx_err_set(err, WX_EINVAL, "bad %%-escape in the %s "
                           "(%% must be followed by two hex digits)",
                           what);
                return -1;
            }
            c = (unsigned char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+') {
            c = ' ';
        }
        if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
            c == 0x7f) {
            wx_err_set(err, WX_EINVAL, "control character in the %s",
                       what);
            return -1;
        }
        dst[k++] = (char)c;
    }
    dst[k] = '\0';
    if (!wx_utf8_valid(dst, k)) {
        wx_err_set(err, WX_EINVAL, "the %s is not valid UTF-8", what);
        return -1;
    }
    return (long)k;
}

wx_status wx_cgi_params_parse(wx_cgi_params *p, const char *qs, size_t n,
                              wx_err *err)
{
    wx_cgi_params_free(p);
    if (n > WX_MAX_CGI_BYTES)
        return wx_err_set(err, WX_ETOOBIG, "the request is too long: %zu "
                          "bytes of parameters (at most %d)", n,
                          (int)WX_MAX_CGI_BYTES);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)qs[i];
        if (c < 0x20 || c == 0x7f)
            return wx_err_set(err, WX_EINVAL, "control character in the "
                              "request");
    }
    /* Every pair "name=value" decodes to at most "name\0value\0": one
     * byte more than it takes in qs, counting its '&'. */
    p->mem = malloc(2 * n + 2);
    if (p->mem == NULL)
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    char *dst = p->mem;
    size_t i = 0;
    wx_status st = WX_OK;
    while (i < n && st == WX_OK) {
        const char *amp = memchr(qs + i, '&', n - i);
        size_t end = amp ? (size_t)(amp - qs) : n;
        const char *seg = qs + i;
        size_t len = end - i;
        i = end + 1;
        if (len == 0)
            continue;
        if (p->n == WX_CGI_MAX_PARAMS) {
            st = wx_err_set(err, WX_ETOOBIG, "too many parameters (at "
                            "most %d)", (int)WX_CGI_MAX_PARAMS);
            break;
        }
        const char *eq = memchr(seg, '=', len);
        size_t nlen = eq ? (size_t)(eq - seg) : len;
        if (nlen == 0) {
            st = wx_err_set(err, WX_EINVAL, "a parameter has no name");
            break;
        }
        long k = decode_part(seg, nlen, dst, "parameter name", err);
        if (k < 0) {
            st = WX_EINVAL;
            break;
        }
        wx_cgi_param *pr = &p->v[p->n];
        pr->name = dst;
        dst += k + 1;
        char what[64];
        snprintf(what, sizeof what, "value of %.40s", pr->name);
        size_t vlen = eq ? len - nlen - 1 : 0;
        k = decode_part(eq ? eq + 1 : seg + len, vlen, dst, what, err);
        if (k < 0) {
            st = WX_EINVAL;
            break;
        }
        pr->value = dst;
        dst += k + 1;
        p->n++;
    }
    if (st != WX_OK)
        wx_cgi_params_free(p);
    return st;
}

/* ---- requests ---- */

typedef enum pkind {
    K_Q, K_FROM, K_TO, K_SORT, K_PAGE, K_OFFSET, K_N, K_FORMAT, K_FACETS,
    K_FACET_LIMIT, K_SHOW, K_MATCH, K_SYNTAX, K_LIKE, K_HISTOGRAM,
    K_SINGLE,           /* the kinds above may appear once */
    K_FILTER            /* repeatable: a filter on the field of that name */
} pkind;

static const struct {
    const char *name;
    pkind kind;
} known[] = {
    {"q", K_Q},           {"from", K_FROM},     {"to", K_TO},
    {"sort", K_SORT},     {"page", K_PAGE},     {"offset", K_OFFSET},
    {"n", K_N},           {"format", K_FORMAT}, {"facets", K_FACETS},
    {"facet_limit", K_FACET_LIMIT},             {"show", K_SHOW},
    {"match", K_MATCH},   {"syntax", K_SYNTAX}, {"like", K_LIKE},
    {"histogram", K_HISTOGRAM},
};

/* Every filter field of the schema but id is a parameter of its name. */
static bool filter_param(const char *name)
{
    const wx_schema_field *f = wx_schema_lookup(name);
    return f != NULL && (f->flags & WX_SF_BOOLEAN) &&
           f->field != WX_FIELD_ID && strcmp(f->name, name) == 0;
}

void wx_cgi_request_init(wx_cgi_request *r)
{
    memset(r, 0, sizeof *r);
    wx_search_request_init(&r->rq);
    r->rq.time_limit = WX_CGI_TIME_LIMIT_MS / 1000.0;
    r->format = WX_CGI_HTML;
    wx_cgi_params_init(&r->params);
}

void wx_cgi_request_free(wx_cgi_request *r)
{
    if (r == NULL)
        return;
    wx_cgi_params_free(&r->params);
    wx_cgi_request_init(r);
}

/* A decimal number from 0 to max, digits only. */
static bool parse_uint(const char *s, unsigned max, unsigned *out)
{
    unsigned long v = 0;
    size_t n = 0;
    for (; s[n] != '\0'; n++) {
        if (s[n] < '0' || s[n] > '9' || n >= 9)
            return false;
        v = v * 10 + (unsigned long)(s[n] - '0');
    }
    if (n == 0 || v > max)
        return false;
    *out = (unsigned)v;
    return true;
}

/* The formats by their parameter value. */
static const struct {
    const char *name;
    wx_cgi_format format;
} formats[] = {{"html", WX_CGI_HTML}, {"json", WX_CGI_JSON},
               {"jsonl", WX_CGI_JSONL}, {"csv", WX_CGI_CSV}};

static bool find_format(const char *name, size_t len, wx_cgi_format *out)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strlen(formats[i].name) == len &&
            memcmp(formats[i].name, name, len) == 0) {
            *out = formats[i].format;
            return true;
        }
    return false;
}

/* The format the raw query string asks for (left as it is when none), so
 * that even a request that does not decode is answered in it. */
static void raw_format(const char *qs, wx_cgi_format *out)
{
    const char *want = "format=";
    size_t wl = strlen(want);
    for (const char *p = qs; p != NULL && *p != '\0';) {
        const char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        if (len > wl && memcmp(p, want, wl) == 0)
            find_format(p + wl, len - wl, out);
        p = amp ? amp + 1 : NULL;
    }
}

static wx_status set_number(const char *name, const char *v, unsigned lo,
                            unsigned hi, unsigned *out, wx_err *err)
{
    if (!parse_uint(v, hi, out) || *out < lo)
        return wx_err_set(err, WX_EINVAL, "%s must be a number from %u to "
                          "%u", name, lo, hi);
    return WX_OK;
}

/* Apply the single-valued parameters (val[kind], NULL when absent). */
static wx_status apply_singles(wx_cgi_request *r, const char **val,
                               wx_err *err)
{
    wx_search_request *rq = &r->rq;
    wx_status st = WX_OK;
    rq->query = val[K_Q];
    rq->date_from = val[K_FROM];
    rq->date_to = val[K_TO];
    r->show = val[K_SHOW];
    rq->like = val[K_LIKE];
    if (val[K_MATCH] != NULL)
        st = wx_search_request_set_match(rq, val[K_MATCH], err);
    if (st == WX_OK && val[K_SYNTAX] != NULL)
        st = wx_search_request_set_syntax(rq, val[K_SYNTAX], err);
    if (st != WX_OK)
        return st;
    if (val[K_FORMAT] != NULL &&
        !find_format(val[K_FORMAT], strlen(val[K_FORMAT]), &r->format))
        return wx_err_set(err, WX_EINVAL, "format must be html, json, "
                          "jsonl or csv");
    if (val[K_HISTOGRAM] != NULL)
        st = wx_search_request_set_histogram(rq, val[K_HISTOGRAM], err);
    if (st == WX_OK && val[K_SORT] != NULL)
        st = wx_search_request_set_sort(rq, val[K_SORT], err);
    if (st == WX_OK && val[K_N] != NULL)
        st = set_number("n", val[K_N], 1, WX_CGI_MAX_N, &rq->limit, err);
    if (st == WX_OK && val[K_PAGE] != NULL && val[K_OFFSET] != NULL)
        st = wx_err_set(err, WX_EINVAL, "give page or offset, not both");
    if (st == WX_OK && val[K_OFFSET] != NULL)
        st = set_number("offset", val[K_OFFSET], 0, WX_MAX_OFFSET,
                        &rq->offset, err);
    if (st == WX_OK && val[K_PAGE] != NULL) {
        unsigned last = WX_MAX_OFFSET / rq->limit + 1, page = 0;
        st = set_number("page", val[K_PAGE], 1, last, &page, err);
        rq->offset = (page - 1) * rq->limit;
    }
    if (st == WX_OK && val[K_FACETS] != NULL)
        st = wx_search_request_set_facets(rq, val[K_FACETS], err);
    if (st == WX_OK && val[K_FACET_LIMIT] != NULL)
        st = set_number("facet_limit", val[K_FACET_LIMIT], 1,
                        WX_CGI_MAX_FACET_LIMIT, &rq->facet_limit, err);
    return st;
}

wx_status wx_cgi_request_parse(wx_cgi_request *r, const char *qs,
                               wx_err *err)
{
    if (qs == NULL)
        qs = "";
    raw_format(qs, &r->format);
    wx_status st = wx_cgi_params_parse(&r->params, qs, strlen(qs), err);
    if (st != WX_OK)
        return st;
    const char *val[K_SINGLE] = {NULL};
    const wx_cgi_params *p = &r->params;
    /* The format first, so every later error is answered in it. */
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].name, "format") == 0)
            find_format(p->v[i].value, strlen(p->v[i].value), &r->format);
    for (size_t i = 0; i < p->n && st == WX_OK; i++) {
        const char *name = p->v[i].name, *value = p->v[i].value;
        size_t k = 0;
        while (k < sizeof known / sizeof known[0] &&
               strcmp(known[k].name, name) != 0)
            k++;
        bool filter = k == sizeof known / sizeof known[0] &&
                      filter_param(name);
        if ((k == sizeof known / sizeof known[0] && !filter) ||
            *value == '\0')
            continue;   /* unknown names and empty values are ignored */
        pkind kind = filter ? K_FILTER : known[k].kind;
        if (kind == K_FILTER) {
            st = wx_search_request_add_filter(&r->rq, name, value, err);
        } else if (val[kind] != NULL) {
            st = wx_err_set(err, WX_EINVAL, "parameter %s is given more "
                            "than once", name);
        } else {
            val[kind] = value;
        }
    }
    if (st == WX_OK)
        st = apply_singles(r, val, err);
    if (st == WX_OK)
        st = wx_search_request_check(&r->rq, err);
    if (st == WX_OK && r->show != NULL &&
        strlen(r->show) > WX_MAX_FIELD_BYTES)
        st = wx_err_set(err, WX_EINVAL, "not an article id");
    r->has_search = (r->rq.query != NULL && *r->rq.query != '\0') ||
                    r->rq.like != NULL ||
                    r->rq.nfilters > 0 || r->rq.date_from != NULL ||
                    r->rq.date_to != NULL;
    return st;
}

/* ---- serving ---- */

struct wx_cgi {
    wx_search *s;       /* open session, or NULL */
    char *db;           /* the path s was opened on */
    struct stat seen;   /* the index directory when s was opened */
    bool long_lived;    /* FastCGI: many requests on one session */
};

wx_cgi *wx_cgi_new(void)
{
    return calloc(1, sizeof(wx_cgi));
}

static void drop_session(wx_cgi *c)
{
    wx_search_close(c->s);
    c->s = NULL;
    free(c->db);
    c->db = NULL;
}

void wx_cgi_free(wx_cgi *c)
{
    if (c == NULL)
        return;
    drop_session(c);
    free(c);
}

/*
 * Whether the index directory is the one the session was opened on, as
 * it was. Xapian's commit renames a new version file into the directory,
 * which changes its modification time; replacing the whole directory
 * changes its inode. Either means: reopen, to serve the new revision.
 */
static bool same_index(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
           a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The open session for db, (re)opened as needed. */
static wx_status session(wx_cgi *c, const char *db, wx_search **out,
                         wx_err *err)
{
    *out = NULL;
    if (db == NULL || *db == '\0')
        return wx_err_set(err, WX_EDB, "WIREDEX_DB is not set in the "
                          "server's environment");
    struct stat now;
    bool have = stat(db, &now) == 0;
    if (c->s != NULL &&
        (strcmp(c->db, db) != 0 || !have || !same_index(&c->seen, &now)))
        drop_session(c);
    if (c->s == NULL) {
        c->db = strdup(db);
        if (c->db == NULL)
            return wx_err_set(err, WX_ENOMEM, "out of memory");
        wx_status st = wx_search_open(db, &c->s, err);
        if (st != WX_OK) {
            drop_session(c);
            return st;
        }
        wx_search_long_lived(c->s, c->long_lived);
        if (have)
            c->seen = now;
        else
            memset(&c->seen, 0, sizeof c->seen);
    }
    *out = c->s;
    return WX_OK;
}

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    default: return "Internal Server Error";
    }
}

/* What one request answers, before it is written out. */
typedef struct reply {
    int status;
    wx_cgi_format format;
    const wx_search_request *rq;  /* for the error page's search box */
    bool is_show;                 /* an article, not a result set */
    wx_buf body;
    char msg[WX_ERR_MSG_MAX];     /* for an error: safe to show */
} reply;

/* Record a failure: message for the user, details (500) for the log. */
static void fail(reply *rp, int status, const char *msg, wx_buf *log,
                 const char *detail)
{
    rp->status = status;
    snprintf(rp->msg, sizeof rp->msg, "%s", msg);
    if (detail != NULL) {
        wx_buf_puts(log, "wiredex-search: ");
        wx_escape_term(detail, strlen(detail), 0, log);
        wx_buf_putc(log, '\n');
    }
}

/* The HTTP status for a failed search or fetch, with the log when the
 * fault is ours rather than the request's. */
static void fail_status(reply *rp, wx_status st, const wx_err *err,
                        wx_buf *log)
{
    switch (st) {
    case WX_EQUERY:
    case WX_EINVAL:
    case WX_ETOOBIG:
        fail(rp, 400, err->msg, log, NULL);
        break;
    case WX_ENOTFOUND:
        fail(rp, 404, err->msg, log, NULL);
        break;
    case WX_OK:
    case WX_EOF:
    case WX_ENOMEM:
    case WX_EIO:
    case WX_EFORMAT:
    case WX_ENOTEXT:
    case WX_EDB:
    case WX_ELOCKED:
    case WX_EMODIFIED:
    case WX_ETIMEOUT:
    case WX_EINTERNAL:
    case WX_STATUS_COUNT:
        fail(rp, 500, "The search service is not available right now.",
             log, err->msg);
        break;
    }
}

static void error_body(reply *rp)
{
    wx_buf_reset(&rp->body);
    if (rp->format != WX_CGI_HTML) {
        wx_buf_printf(&rp->body, "{\"error\":{\"status\":%d,\"message\":\"",
                      rp->status);
        wx_escape_json(rp->msg, strlen(rp->msg), &rp->body);
        wx_buf_puts(&rp->body, "\"}}\n");
    } else {
        wx_page_error(rp->rq, rp->status, rp->msg, &rp->body);
    }
}

static void do_show(wx_cgi *c, const wx_cgi_env *env, wx_cgi_request *r,
                    reply *rp, wx_buf *log)
{
    wx_err err;
    wx_err_clear(&err);
    wx_search *s = NULL;
    wx_status st = session(c, env->db, &s, &err);
    if (st == WX_OK && r->format != WX_CGI_HTML) {
        st = wx_show_article(s, r->show, true, NULL, false, &rp->body, &err);
    } else if (st == WX_OK) {
        wx_article a;
        wx_article_init(&a);
        st = wx_search_article_marked(s, r->show, r->rq.query, &a, &err);
        if (st == WX_OK)
            st = wx_page_article(&r->rq, &a, &rp->body);
        if (st == WX_ENOMEM || st == WX_ETOOBIG)
            wx_err_set(&err, WX_EINTERNAL, "article %.200s: cannot render "
                       "it (%s)", r->show, wx_status_str(st));
        wx_article_reset(&a);
    }
    if (st != WX_OK) {
        if (st == WX_ETOOBIG && rp->body.st != WX_OK)
            st = WX_EINTERNAL;
        fail_status(rp, st, &err, log);
        if (st == WX_EDB || st == WX_ELOCKED)
            drop_session(c);
    }
}

static void do_search(wx_cgi *c, const wx_cgi_env *env, wx_cgi_request *r,
                      reply *rp, wx_buf *log)
{
    wx_err err;
    wx_err_clear(&err);
    wx_search *s = NULL;
    wx_search_result res;
    wx_search_result_init(&res);
    wx_status st = WX_OK;
    if (r->format == WX_CGI_HTML)
        st = wx_search_request_set_facets(&r->rq, page_facets, &err);
    /* The page draws matches per month unless asked for another period. */
    if (r->format == WX_CGI_HTML && r->rq.histogram == WX_HIST_NONE)
        r->rq.histogram = WX_HIST_MONTH;
    if (st == WX_OK)
        st = session(c, env->db, &s, &err);
    if (st == WX_OK)
        st = wx_search_run(s, &r->rq, &res, &err);
    if (st == WX_OK && r->format != WX_CGI_HTML) {
        const wx_printer_ops *ops = r->format == WX_CGI_CSV
                                        ? &wx_printer_csv_ops
                                    : r->format == WX_CGI_JSONL
                                        ? &wx_printer_jsonl_ops
                                        : &wx_printer_json_ops;
        st = wx_printer_render(ops, NULL, &res, &rp->body, &err);
    } else if (st == WX_OK && wx_page_results(&r->rq, &res, &rp->body) !=
                                  WX_OK) {
        st = wx_err_set(&err, WX_EINTERNAL, "cannot render the results "
                        "page (%s)", wx_status_str(rp->body.st));
    }
    if (st == WX_ETOOBIG && rp->body.st != WX_OK)
        st = WX_EINTERNAL;  /* our output, not the request, was too big */
    if (st != WX_OK) {
        fail_status(rp, st, &err, log);
        if (st == WX_EDB || st == WX_ELOCKED)
            drop_session(c);
    }
    wx_search_result_free(&res);
}

/* Header lines every response carries. The policy forbids scripts,
 * frames and remote loads: the pages need inline style only. */
static const char common_headers[] =
    "Content-Security-Policy: default-src 'none'; style-src "
    "'unsafe-inline'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: no-referrer\r\n"
    "Cache-Control: no-store\r\n";

/* Errors of the export formats are answered as the JSON error object;
 * an article (show=) in any of them is its JSON record. */
static const char *content_type(const reply *rp)
{
    switch (rp->format) {
    case WX_CGI_HTML:
        return "text/html; charset=utf-8";
    case WX_CGI_CSV:
        if (rp->status == 200 && !rp->is_show)
            return "text/csv; charset=utf-8; header=present";
        break;
    case WX_CGI_JSONL:
        if (rp->status == 200 && !rp->is_show)
            return "application/x-ndjson";
        break;
    case WX_CGI_JSON:
        break;
    }
    return "application/json";
}

static void write_reply(const reply *rp, bool head, const char *allow,
                        wx_buf *out)
{
    wx_buf_printf(out, "Status: %d %s\r\n", rp->status, reason(rp->status));
    wx_buf_printf(out, "Content-Type: %s\r\n", content_type(rp));
    if (rp->status == 200 && rp->format == WX_CGI_CSV && !rp->is_show)
        wx_buf_puts(out, "Content-Disposition: attachment; "
                         "filename=\"wiredex.csv\"\r\n");
    wx_buf_printf(out, "Content-Length: %zu\r\n", rp->body.len);
    if (allow != NULL)
        wx_buf_printf(out, "Allow: %s\r\n", allow);
    wx_buf_puts(out, common_headers);
    wx_buf_puts(out, "\r\n");
    if (!head && rp->body.len > 0)
        wx_buf_append(out, rp->body.data, rp->body.len);
}

int wx_cgi_handle(wx_cgi *c, const wx_cgi_env *env, wx_buf *out,
                  wx_buf *log)
{
    reply rp = {.status = 200, .format = WX_CGI_HTML};
    wx_buf_init(&rp.body, WX_CGI_MAX_RESPONSE - HEADER_ROOM);
    wx_cgi_request r;
    wx_cgi_request_init(&r);
    wx_err err;
    wx_err_clear(&err);
    const char *method = env->method ? env->method : "GET";
    bool head = strcmp(method, "HEAD") == 0;
    const char *allow = NULL;
    wx_search_request keep;

    wx_status st = wx_cgi_request_parse(&r, env->query_string, &err);
    rp.format = r.format;
    if (!head && strcmp(method, "GET") != 0) {
        allow = "GET, HEAD";
        fail(&rp, 405, "Only GET and HEAD are supported.", log, NULL);
    } else if (st == WX_ENOMEM) {
        fail(&rp, 500, "The search service is not available right now.",
             log, err.msg);
    } else if (st != WX_OK) {
        /* Only the query is kept for the page's search box: the rest
         * may be what was wrong. */
        wx_search_request_init(&keep);
        keep.query = r.rq.query;
        rp.rq = &keep;
        fail(&rp, 400, err.msg, log, NULL);
    } else if (r.show != NULL) {
        rp.rq = &r.rq;
        rp.is_show = true;
        do_show(c, env, &r, &rp, log);
    } else if (!r.has_search && r.format == WX_CGI_HTML) {
        rp.rq = &r.rq;
        wx_page_home(&r.rq, &rp.body);
    } else if (!r.has_search) {
        fail(&rp, 400, "no query: give q, a filter or a date", log, NULL);
    } else {
        rp.rq = &r.rq;
        do_search(c, env, &r, &rp, log);
    }
    if (rp.status == 200 && rp.body.st != WX_OK)
        fail(&rp, 500, "The search service is not available right now.",
             log, "response too large or out of memory");
    if (rp.status != 200)
        error_body(&rp);

    size_t mark = out->len;
    write_reply(&rp, head, allow, out);
    if (out->st != WX_OK) {
        /* No room even for that: a bare 500 in place of what was
         * written. */
        wx_buf_puts(log, "wiredex-search: cannot build the response\n");
        out->st = WX_OK;
        out->len = mark;
        if (out->data != NULL)
            out->data[mark] = '\0';
        rp.status = 500;
        wx_buf_puts(out, "Status: 500 Internal Server Error\r\n"
                         "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                         "internal error\n");
    }
    int status = rp.status;
    wx_buf_free(&rp.body);
    wx_cgi_request_free(&r);
    return status;
}

/* ---- the two ways of being run ---- */

static int serve_cgi(void)
{
    wx_cgi *c = wx_cgi_new();
    wx_buf out, log;
    wx_buf_init(&out, WX_CGI_MAX_RESPONSE);
    wx_buf_init(&log, WX_ERR_MSG_MAX * 4);
    wx_cgi_env env = {.method = getenv("REQUEST_METHOD"),
                      .query_string = getenv("QUERY_STRING"),
                      .db = getenv("WIREDEX_DB")};
    if (c == NULL) {
        wx_errorf("out of memory");
        fputs("Status: 500 Internal Server Error\r\n"
              "Content-Type: text/plain; charset=utf-8\r\n\r\n"
              "internal error\n", stdout);
    } else {
        wx_cgi_handle(c, &env, &out, &log);
        if (log.len > 0)
            fwrite(log.data, 1, log.len, stderr);
        if (out.len > 0)
            fwrite(out.data, 1, out.len, stdout);
    }
    wx_buf_free(&out);
    wx_buf_free(&log);
    wx_cgi_free(c);
    return wx_exit_close_stdout(WX_EXIT_OK);
}

static int serve_fastcgi(void)
{
    if (FCGX_Init() != 0) {
        wx_errorf("FastCGI: cannot initialise libfcgi");
        return WX_EXIT_FATAL;
    }
    FCGX_Request req;
    if (FCGX_InitRequest(&req, 0, 0) != 0) {
        wx_errorf("FastCGI: cannot set up a request");
        return WX_EXIT_FATAL;
    }
    wx_cgi *c = wx_cgi_new();
    if (c == NULL) {
        wx_errorf("out of memory");
        return WX_EXIT_FATAL;
    }
    c->long_lived = true;
    /* The process environment (the server's configuration for this
     * responder) names the index; a server-set request variable is the
     * fallback. Clients cannot set either. */
    const char *db = getenv("WIREDEX_DB");
    wx_buf out, log;
    wx_buf_init(&out, WX_CGI_MAX_RESPONSE);
    wx_buf_init(&log, WX_ERR_MSG_MAX * 4);
    while (FCGX_Accept_r(&req) >= 0) {
        wx_cgi_env env = {
            .method = FCGX_GetParam("REQUEST_METHOD", req.envp),
            .query_string = FCGX_GetParam("QUERY_STRING", req.envp),
            .db = db ? db : FCGX_GetParam("WIREDEX_DB", req.envp)};
        wx_cgi_handle(c, &env, &out, &log);
        if (log.len > 0)
            FCGX_PutStr(log.data, (int)log.len, req.err);
        if (out.len > 0)
            FCGX_PutStr(out.data, (int)out.len, req.out);
        FCGX_Finish_r(&req);
        if (out.cap > KEEP_CAP) {
            wx_buf_free(&out);
            wx_buf_init(&out, WX_CGI_MAX_RESPONSE);
        }
        wx_buf_reset(&out);
        wx_buf_reset(&log);
    }
    FCGX_Free(&req, 1);
    wx_buf_free(&out);
    wx_buf_free(&log);
    wx_cgi_free(c);
    return WX_EXIT_OK;
}

int wx_cgi_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    wx_log_init("wiredex-search");
    if (stdin_is_listener())
        return serve_fastcgi();
    return serve_cgi();
}
