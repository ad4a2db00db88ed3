/*
 * The web front of wiredex-search (issue 4): CGI and FastCGI over the
 * same search module as the command line. It decodes the query string
 * strictly and within bounds into a wx_search_request, runs it, and
 * answers with the HTML page (page.h) or the JSON contract (printer.h).
 * No search logic here, and nothing from a request reaches a path.
 */
#ifndef WX_CGI_H
#define WX_CGI_H

#include "search.h"
#include "wx_buf.h"
#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>

/* Bounds of the web front, on top of those in wx_limits.h. */
enum {
    WX_CGI_MAX_PARAMS = 64,     /* name=value pairs in one query string */
    WX_CGI_MAX_N = 100,         /* n: hits per page */
    WX_CGI_MAX_FACET_LIMIT = 100, /* facet_limit */
    WX_CGI_TIME_LIMIT_MS = 3000, /* matcher time per search */
    WX_CGI_MAX_RESPONSE = 64 << 20 /* one response, headers included */
};

/* True when this process was started by a web server: GATEWAY_INTERFACE
 * is set, argv0 ends in ".cgi", or standard input is a listening socket
 * (how a FastCGI server starts its responders). */
bool wx_cgi_detect(const char *argv0);

/*
 * Serve one CGI request, or FastCGI requests until the server stops us.
 * The index is $WIREDEX_DB. Writes HTTP responses on stdout (CGI) or the
 * FastCGI stream; diagnostics go to the server's error log. Returns the
 * process exit code: 0 once a response was written, whatever its HTTP
 * status; WX_EXIT_FATAL when it could not be written.
 */
int wx_cgi_main(int argc, char **argv);

/* ---- query-string decoding (exposed for tests) ---- */

typedef struct wx_cgi_param {
    const char *name;   /* decoded, NUL-terminated; owned by the params */
    const char *value;  /* "" when the pair has no '=' */
} wx_cgi_param;

typedef struct wx_cgi_params {
    wx_cgi_param v[WX_CGI_MAX_PARAMS];
    size_t n;
    char *mem;          /* owned storage of every name and value */
} wx_cgi_params;

/* Empty. Cannot fail. */
void wx_cgi_params_init(wx_cgi_params *p);

/* Free the storage and empty the params again. NULL-safe. */
void wx_cgi_params_free(wx_cgi_params *p);

/*
 * Decode qs[0..n) as application/x-www-form-urlencoded, strictly: pairs
 * split on '&' (empty pairs skipped), '+' is a space, '%' must be
 * followed by two hex digits. Refused, with a message for the user:
 * more than WX_MAX_CGI_BYTES or WX_CGI_MAX_PARAMS pairs (WX_ETOOBIG); a
 * raw control character, a bad '%' escape, an empty name, a
 * decoded NUL or control character other than tab, CR and LF, or a name
 * or value that is not valid UTF-8 (WX_EINVAL); WX_ENOMEM. p must be
 * initialised; on failure it is left empty.
 */
wx_status wx_cgi_params_parse(wx_cgi_params *p, const char *qs, size_t n,
                              wx_err *err);

/* ---- requests ---- */

typedef enum wx_cgi_format {
    WX_CGI_HTML,        /* the search page (default) */
    WX_CGI_JSON,        /* the --json contract */
    WX_CGI_JSONL,       /* hits as JSON Lines (errors answered as JSON) */
    WX_CGI_CSV          /* hits as CSV (errors answered as JSON) */
} wx_cgi_format;

/*
 * One decoded request. rq's strings point into params, so the request
 * owns them; rq.time_limit is set from WX_CGI_TIME_LIMIT_MS.
 */
typedef struct wx_cgi_request {
    wx_search_request rq;
    wx_cgi_format format;
    const char *show;       /* show=ID: one article's full text, or NULL */
    bool has_search;        /* a query, a filter or a date was given */
    wx_cgi_params params;
} wx_cgi_request;

/* Empty request with the web defaults. Cannot fail. */
void wx_cgi_request_init(wx_cgi_request *r);

/* Free what the request owns; it may be initialised again. NULL-safe. */
void wx_cgi_request_free(wx_cgi_request *r);

/*
 * Decode a query string into r (initialised): q, agency, dateline,
 * topic, place, year, month, type (filters, repeatable), from, to,
 * sort, page or offset, n, format (html, json, jsonl, csv), facets,
 * facet_limit, histogram (year, month, day), show. Empty
 * values count as absent; unknown names are ignored. r->format is set
 * before anything else can fail, so an error can be answered in the
 * requested format. WX_EINVAL or WX_ETOOBIG with a short message for
 * the user (a 400), WX_ENOMEM.
 */
wx_status wx_cgi_request_parse(wx_cgi_request *r, const char *qs,
                               wx_err *err);

/* ---- serving ---- */

/* What the server tells about one request (CGI meta-variables). */
typedef struct wx_cgi_env {
    const char *method;         /* REQUEST_METHOD */
    const char *query_string;   /* QUERY_STRING, may be NULL */
    const char *db;             /* WIREDEX_DB, may be NULL */
} wx_cgi_env;

typedef struct wx_cgi wx_cgi;   /* state kept across requests; opaque */

/* A server state with no index open yet (opened by the first search and
 * kept). NULL on ENOMEM. Caller frees with wx_cgi_free(). */
wx_cgi *wx_cgi_new(void);

/* Close the index and free the state. NULL-safe. */
void wx_cgi_free(wx_cgi *c);

/*
 * Answer one request: a complete CGI response (Status and other header
 * lines, a blank line, the body; no body for HEAD) appended to out, and
 * lines for the server's error log appended to log. The index is opened
 * on first use and reopened when it changed on disk. Never fails: an
 * internal failure is itself answered (500). Returns the HTTP status.
 */
int wx_cgi_handle(wx_cgi *c, const wx_cgi_env *env, wx_buf *out,
                  wx_buf *log);

#endif
