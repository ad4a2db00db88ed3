/*
 * wxbench: the warm-query harness of `make bench` for wiredex. Opens one
 * search session (like a FastCGI process) and times complete requests
 * over the benchmark query file: search, top 10, snippets, JSON render.
 * Prints the harness lines of bench/peers/benchlib.py ("hits Q N",
 * "lat snip Q MS", "lat facet Q MS"). A benchmark tool, not a front end.
 */
#include "printer.h"
#include "search.h"
#include "wx_buf.h"
#include "wx_status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_QUERIES = 1000, OUT_MAX = 1 << 24 };

/* The facet pass counts every facet the issue names. */
static const char FACETS[] = "agency,dateline,topic,place,year";

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Query lines: trimmed, blank lines and # comments skipped. Returns the
 * count, or -1 (message printed) when the file cannot be read. */
static int read_queries(const char *path, char **q)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int n = 0;
    while ((len = getline(&line, &cap, f)) >= 0 && n < MAX_QUERIES) {
        char *s = line;
        while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' ||
                           s[len - 1] == ' ' || s[len - 1] == '\t'))
            s[--len] = '\0';
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        q[n] = strdup(s);
        if (q[n] == NULL) {
            n = -1;
            break;
        }
        n++;
    }
    free(line);
    fclose(f);
    return n;
}

/*
 * One complete request, filled as the CLI fills it (defaults from
 * wx_search_request_init: limit 10, 200-byte snippets, suggestions on),
 * rendered to JSON so that the cost of a served answer is all there.
 * exact: count every match (the untimed pass that prints "hits").
 */
static wx_status one(wx_search *s, const char *query, bool facets,
                     bool exact, uint64_t *total, wx_buf *out, wx_err *err)
{
    wx_search_request rq;
    wx_search_request_init(&rq);
    rq.query = query;
    rq.limit = 10;
    rq.snippet_length = 200;
    rq.exact_total = exact;
    wx_status st = WX_OK;
    if (facets)
        st = wx_search_request_set_facets(&rq, FACETS, err);
    wx_search_result res;
    wx_search_result_init(&res);
    if (st == WX_OK)
        st = wx_search_run(s, &rq, &res, err);
    wx_buf_reset(out);
    if (st == WX_OK)
        st = wx_printer_json(&res, out, err);
    if (total != NULL)
        *total = res.total;
    wx_search_result_free(&res);
    return st;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: wxbench DB QUERIES REPS WARMUP\n");
        return 2;
    }
    long reps = strtol(argv[3], NULL, 10);
    long warmup = strtol(argv[4], NULL, 10);
    static char *q[MAX_QUERIES];
    int nq = read_queries(argv[2], q);
    if (nq <= 0) {
        fprintf(stderr, "wxbench: no queries in %s\n", argv[2]);
        return 1;
    }
    wx_err err;
    wx_err_clear(&err);
    wx_search *s = NULL;
    wx_buf out;
    wx_buf_init(&out, OUT_MAX);
    int rc = 1;
    const char *failed = NULL;   /* the query that failed, if any */
    if (wx_search_open(argv[1], &s, &err) != WX_OK)
        goto fail;
    /* A resident session, configured as the FastCGI front end does. */
    wx_search_long_lived(s, true);

    /* Untimed: exact match counts, to compare with the peers' hits. */
    for (int i = 0; i < nq; i++) {
        uint64_t total = 0;
        if (one(s, q[i], false, true, &total, &out, &err) != WX_OK) {
            failed = q[i];
            goto fail;
        }
        printf("hits %d %llu\n", i, (unsigned long long)total);
    }
    /* Each mode: warm-up passes, then timed passes over every query. */
    for (int mode = 0; mode < 2; mode++) {
        bool facets = mode == 1;
        for (long r = 0; r < warmup + reps; r++) {
            for (int i = 0; i < nq; i++) {
                double t0 = now_ms();
                if (one(s, q[i], facets, false, NULL, &out, &err) !=
                    WX_OK) {
                    failed = q[i];
                    goto fail;
                }
                double ms = now_ms() - t0;
                if (r >= warmup)
                    printf("lat %s %d %.4f\n", facets ? "facet" : "snip", i,
                           ms);
            }
        }
    }
    rc = 0;
    goto done;
fail:
    if (failed != NULL)
        fprintf(stderr, "wxbench: query '%s': %s\n", failed, err.msg);
    else
        fprintf(stderr, "wxbench: %s\n", err.msg);
done:
    wx_search_close(s);
    wx_buf_free(&out);
    for (int i = 0; i < nq; i++)
        free(q[i]);
    return rc;
}
