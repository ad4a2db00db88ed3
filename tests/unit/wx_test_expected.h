/*
 * Header-only test helper: run a reader over a fixture and compare what
 * it yields, after wx_article_finish(), with the fixture's ".expected"
 * sidecar (format in fixtures/README.md); plus what the reader tests
 * share for inline cases (a reader over bytes in memory, field checks,
 * junk input). Include it after <cmocka.h> in any
 * tests/unit/test_reader_*.c; everything here is static inline, so
 * each test program gets its own copy and unused parts cost nothing.
 */
#ifndef WX_TEST_EXPECTED_H
#define WX_TEST_EXPECTED_H

#include "indexer/reader.h"
#include "wx_article.h"
#include "wx_input.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One "key: value" line of an .expected block. */
typedef struct wxt_kv {
    char *key;
    char *val;
} wxt_kv;

/* One article's block. */
typedef struct wxt_block {
    wxt_kv *kv;
    size_t n;
    long line;          /* line of the .expected where it starts */
} wxt_block;

typedef struct wxt_expected {
    char *text;         /* the file, cut in place into keys and values */
    wxt_block *blocks;
    size_t nblocks;
    long skip;          /* from the final "skip: N" block; 0 without */
    long notext;        /* from its "notext: N" (records without text) */
    bool has_type;      /* some block has "type:": check it everywhere */
} wxt_expected;

/* How to read a fixture's expectations. */
typedef struct wxt_opts {
    /*
     * Prepended to every expected "id:" value: ids written as the source
     * spells them ("1") and stored with a collection prefix
     * ("reuters21578-1"). NULL for none.
     */
    const char *id_prefix;
    wx_reader_opts reader;
} wxt_opts;

static inline void wxt_expected_free(wxt_expected *e)
{
    for (size_t i = 0; i < e->nblocks; i++)
        free(e->blocks[i].kv);
    free(e->blocks);
    free(e->text);
    memset(e, 0, sizeof *e);
}

/* Load path; fails the test when it is missing or malformed. */
static inline void wxt_expected_load(const char *path, wxt_expected *e)
{
    memset(e, 0, sizeof *e);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("%s: cannot open", path);
    size_t cap = 4096, len = 0;
    e->text = malloc(cap);
    assert_non_null(e->text);
    size_t got;
    while ((got = fread(e->text + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len - 1 == 0) {
            cap *= 2;
            e->text = realloc(e->text, cap);
            assert_non_null(e->text);
        }
    }
    fclose(f);
    e->text[len] = '\0';

    wxt_block cur = {NULL, 0, 0};
    size_t cur_cap = 0, blocks_cap = 0;
    long lineno = 0;
    char *p = e->text;
    while (*p != '\0' || cur.n > 0) {
        char *nl = strchr(p, '\n');
        char *end = nl ? nl : p + strlen(p);
        lineno++;
        if (end == p) {         /* blank line or end: close the block */
            if (cur.n > 0) {
                if (e->nblocks == blocks_cap) {
                    blocks_cap = blocks_cap ? blocks_cap * 2 : 8;
                    e->blocks = realloc(e->blocks,
                                        blocks_cap * sizeof *e->blocks);
                    assert_non_null(e->blocks);
                }
                e->blocks[e->nblocks++] = cur;
                memset(&cur, 0, sizeof cur);
                cur_cap = 0;
            }
            if (nl == NULL)
                break;
            p = nl + 1;
            continue;
        }
        *end = '\0';
        char *colon = strstr(p, ": ");
        if (colon == NULL)
            fail_msg("%s:%ld: not a \"key: value\" line", path, lineno);
        *colon = '\0';
        if (cur.n == cur_cap) {
            cur_cap = cur_cap ? cur_cap * 2 : 8;
            cur.kv = realloc(cur.kv, cur_cap * sizeof *cur.kv);
            assert_non_null(cur.kv);
        }
        if (cur.n == 0)
            cur.line = lineno;
        cur.kv[cur.n].key = p;
        cur.kv[cur.n].val = colon + 2;
        cur.n++;
        if (strcmp(p, "type") == 0)
            e->has_type = true;
        p = nl ? nl + 1 : end;
    }
    /* A final block holding only "skip: N" and/or "notext: N" gives
     * the counts of records skipped and of records without text. */
    if (e->nblocks > 0) {
        wxt_block *last = &e->blocks[e->nblocks - 1];
        bool counts = last->n <= 2;
        for (size_t i = 0; i < last->n; i++)
            counts = counts && (strcmp(last->kv[i].key, "skip") == 0 ||
                                strcmp(last->kv[i].key, "notext") == 0);
        if (counts) {
            for (size_t i = 0; i < last->n; i++) {
                char *q;
                long v = strtol(last->kv[i].val, &q, 10);
                if (*q != '\0' || v < 0)
                    fail_msg("%s:%ld: bad count", path, last->line);
                if (strcmp(last->kv[i].key, "skip") == 0)
                    e->skip = v;
                else
                    e->notext = v;
            }
            free(last->kv);
            e->nblocks--;
        }
    }
}

/* All values of key in block b, in order, into vals (at most max). */
static inline size_t wxt_values(const wxt_block *b, const char *key,
                                const char **vals, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->kv[i].key, key) == 0 && k < max)
            vals[k++] = b->kv[i].val;
    return k;
}

/* Append a mismatch to why (at most len bytes). */
static inline void wxt_why(char *why, size_t len, const char *key,
                           const char *want, const char *got)
{
    size_t used = strlen(why);
    snprintf(why + used, len - used, "\n  %s: want \"%s\", got \"%s\"",
             key, want ? want : "(none)", got ? got : "(none)");
}

static inline void wxt_check_str(char *why, size_t len, const char *key,
                                 const char *want, const char *got)
{
    if (got != NULL && got[0] == '\0')
        got = NULL;
    if ((want == NULL) != (got == NULL) ||
        (want != NULL && strcmp(want, got) != 0))
        wxt_why(why, len, key, want, got);
}

static inline void wxt_check_list(char *why, size_t len, const char *key,
                                  const wxt_block *b, const wx_strlist *l)
{
    const char *want[256];
    size_t n = wxt_values(b, key, want, 256);
    bool same = n == l->n;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(want[i], l->v[i]) == 0;
    if (!same) {
        char w[1024] = "", g[1024] = "";
        for (size_t i = 0; i < n; i++)
            snprintf(w + strlen(w), sizeof w - strlen(w), "%s%s",
                     i ? "|" : "", want[i]);
        for (size_t i = 0; i < l->n; i++)
            snprintf(g + strlen(g), sizeof g - strlen(g), "%s%s",
                     i ? "|" : "", l->v[i]);
        wxt_why(why, len, key, w, g);
    }
}

/* The body with white space runs folded to one space, trimmed. */
static inline char *wxt_fold(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *out = malloc(n + 1);
    assert_non_null(out);
    size_t k = 0;
    bool gap = false;
    for (size_t i = 0; i < n; i++) {
        if (strchr(" \t\n\r\f\v", s[i]) != NULL) {
            gap = true;
            continue;
        }
        if (gap && k > 0)
            out[k++] = ' ';
        gap = false;
        out[k++] = s[i];
    }
    out[k] = '\0';
    return out;
}

/*
 * Compare a finished article with block b of e. Returns true when they
 * agree; otherwise why (len bytes) lists the differences. Rules (see
 * fixtures/README.md): a missing key means no value; "date: D" also
 * matches an ISO date-time "DT..."; "id: <hash>" wants any id; "type" is
 * checked only in files that use it; "meta: name=value" checks the
 * values of the names listed, in order; "body-end" is a suffix of the
 * white-space-folded body.
 */
static inline bool wxt_match(const wxt_expected *e, const wxt_block *b,
                             const wx_article *a, const wxt_opts *o,
                             char *why, size_t len)
{
    static const char *const known[] = {
        "id", "agency", "dateline", "date", "topic", "place", "title",
        "type", "meta", "body-end", NULL
    };
    why[0] = '\0';
    for (size_t i = 0; i < b->n; i++) {
        size_t k = 0;
        while (known[k] != NULL && strcmp(known[k], b->kv[i].key) != 0)
            k++;
        if (known[k] == NULL)
            wxt_why(why, len, "unknown key", b->kv[i].key, "");
    }
    const char *v[256];

    /* id */
    if (wxt_values(b, "id", v, 1) == 0) {
        wxt_check_str(why, len, "id", NULL, a->id);
    } else if (strcmp(v[0], "<hash>") == 0) {
        if (a->id == NULL || a->id[0] == '\0')
            wxt_why(why, len, "id", "<hash>", NULL);
    } else {
        char want[512];
        snprintf(want, sizeof want, "%s%s",
                 o && o->id_prefix ? o->id_prefix : "", v[0]);
        wxt_check_str(why, len, "id", want, a->id);
    }
    /* plain fields */
    wxt_check_str(why, len, "agency",
                  wxt_values(b, "agency", v, 1) ? v[0] : NULL, a->agency);
    wxt_check_str(why, len, "dateline",
                  wxt_values(b, "dateline", v, 1) ? v[0] : NULL,
                  a->dateline);
    wxt_check_str(why, len, "title",
                  wxt_values(b, "title", v, 1) ? v[0] : NULL, a->title);
    /* date, or the date part of an ISO date-time */
    if (wxt_values(b, "date", v, 1) == 0) {
        wxt_check_str(why, len, "date", NULL, a->date);
    } else {
        size_t dl = strlen(v[0]);
        bool ok = a->date != NULL && strncmp(a->date, v[0], dl) == 0 &&
                  (a->date[dl] == '\0' || a->date[dl] == 'T');
        if (!ok)
            wxt_why(why, len, "date", v[0], a->date);
    }
    wxt_check_list(why, len, "topic", b, &a->topics);
    wxt_check_list(why, len, "place", b, &a->places);
    if (e->has_type)
        wxt_check_str(why, len, "type",
                      wxt_values(b, "type", v, 1) ? v[0] : NULL,
                      wx_article_meta(a, "type"));
    /* meta: name=value, per name in order */
    size_t nm = wxt_values(b, "meta", v, 256);
    for (size_t i = 0; i < nm; i++) {
        const char *eq = strchr(v[i], '=');
        if (eq == NULL) {
            wxt_why(why, len, "meta", v[i], "(no '=')");
            continue;
        }
        size_t kl = (size_t)(eq - v[i]);
        size_t nth = 0;     /* how many earlier pairs had this name */
        for (size_t j = 0; j < i; j++)
            if (strncmp(v[j], v[i], kl) == 0 && v[j][kl] == '=')
                nth++;
        const char *got = NULL;
        for (size_t j = 0; j < a->meta_keys.n; j++)
            if (strlen(a->meta_keys.v[j]) == kl &&
                strncmp(a->meta_keys.v[j], v[i], kl) == 0 && nth-- == 0) {
                got = a->meta_vals.v[j];
                break;
            }
        if (got == NULL || strcmp(got, eq + 1) != 0)
            wxt_why(why, len, "meta", v[i], got);
    }
    if (wxt_values(b, "body-end", v, 1) == 1) {
        char *f = wxt_fold(a->body);
        size_t fl = strlen(f), wl = strlen(v[0]);
        if (fl < wl || strcmp(f + fl - wl, v[0]) != 0)
            wxt_why(why, len, "body-end", v[0],
                    fl > 80 ? f + fl - 80 : f);
        free(f);
    }
    return why[0] == '\0';
}

/* True when msg reads "<name>:<line>: ..." (the skip-message contract). */
static inline bool wxt_msg_ok(const char *msg, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(msg, name, n) != 0 || msg[n] != ':')
        return false;
    const char *p = msg + n + 1;
    if (*p < '0' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    return p[0] == ':' && p[1] == ' ' && p[2] != '\0';
}

/*
 * Run ops over path and check it against path.expected: every article
 * (after wx_article_finish) in order, the number yielded, and the number
 * skipped. A skip is WX_EFORMAT from the reader or from finish, or a
 * fatal status that ends the file early (a truncated .gz); each must
 * carry a "file:line: reason" message. Fails the test on a mismatch.
 */
static inline void wxt_check_file(const wx_reader_ops *ops,
                                  const char *path, const wxt_opts *o)
{
    char epath[1024];
    snprintf(epath, sizeof epath, "%s.expected", path);
    wxt_expected e;
    wxt_expected_load(epath, &e);

    wx_err err;
    wx_input *in = NULL;
    if (wx_input_open(path, &in, &err) != WX_OK)
        fail_msg("%s: %s", path, err.msg);
    wx_reader_opts ropts = {0};
    void *st = NULL;
    if (ops->open(in, o ? &o->reader : &ropts, &st, &err) != WX_OK)
        fail_msg("%s: open: %s", path, err.msg);

    size_t got = 0;
    long skipped = 0, notext = 0;
    char why[2048];
    for (;;) {
        wx_article a;
        wx_article_init(&a);
        wx_status s = ops->next(st, &a, &err);
        if (s == WX_EOF)
            break;
        if (s == WX_OK)
            s = wx_article_finish(&a, NULL, &err);
        if (s != WX_OK) {
            wx_article_reset(&a);
            if (!wxt_msg_ok(err.msg, wx_input_name(in)))
                fail_msg("%s: skip message not \"file:line: reason\": %s",
                         path, err.msg);
            if (s == WX_ENOTEXT) {
                notext++;
                continue;
            }
            skipped++;
            if (s == WX_EFORMAT)
                continue;
            break;      /* fatal for this file */
        }
        if (got >= e.nblocks)
            fail_msg("%s: yields more than the %zu articles expected "
                     "(extra id %s)", path, e.nblocks, a.id);
        if (!wxt_match(&e, &e.blocks[got], &a, o, why, sizeof why))
            fail_msg("%s: article %zu (%s:%ld):%s", path, got + 1, epath,
                     e.blocks[got].line, why);
        wx_article_reset(&a);
        got++;
    }
    if (got != e.nblocks)
        fail_msg("%s: yielded %zu articles, expected %zu", path, got,
                 e.nblocks);
    if (skipped != e.skip)
        fail_msg("%s: skipped %ld records, expected %ld", path, skipped,
                 e.skip);
    if (notext != e.notext)
        fail_msg("%s: %ld records without text, expected %ld", path,
                 notext, e.notext);
    ops->close(st);
    wx_input_close(in);
    wxt_expected_free(&e);
}

/* ---- inline cases ---------------------------------------------------- */

/* A reader over bytes in memory, named "mem" in messages. */
typedef struct wxt_run {
    const wx_reader_ops *ops;
    wx_input *in;
    void *st;
    wx_err err;
} wxt_run;

/* Open ops (default options) over p[0..n); failure fails the test. */
static inline void wxt_run_open(wxt_run *r, const wx_reader_ops *ops,
                                const void *p, size_t n)
{
    wx_reader_opts o = {0};
    r->ops = ops;
    assert_int_equal(wx_input_open_mem("mem", p, n, &r->in, &r->err),
                     WX_OK);
    assert_int_equal(ops->open(r->in, &o, &r->st, &r->err), WX_OK);
}

/* The next article into a (reset first); r->err holds only this call's
 * message. */
static inline wx_status wxt_run_next(wxt_run *r, wx_article *a)
{
    wx_article_reset(a);
    wx_err_clear(&r->err);
    return r->ops->next(r->st, a, &r->err);
}

static inline void wxt_run_close(wxt_run *r)
{
    r->ops->close(r->st);
    wx_input_close(r->in);
}

/* The one article of text[0..n) into *a (caller resets), failing the
 * test unless there is exactly one. */
static inline void wxt_read_one(const wx_reader_ops *ops, const char *text,
                                size_t n, wx_article *a)
{
    wxt_run r;
    wx_article_init(a);
    wxt_run_open(&r, ops, text, n);
    wx_status st = wxt_run_next(&r, a);
    if (st != WX_OK)
        fail_msg("next: %s: %s", wx_status_str(st), r.err.msg);
    wx_article b;
    wx_article_init(&b);
    assert_int_equal(wxt_run_next(&r, &b), WX_EOF);
    wxt_run_close(&r);
}

/* A field equals want, NULL meaning absent. */
static inline void wxt_expect_str(const char *got, const char *want)
{
    if (want == NULL) {
        if (got != NULL)
            fail_msg("want NULL, got \"%s\"", got);
    } else if (got == NULL) {
        fail_msg("want \"%s\", got NULL", want);
    } else {
        assert_string_equal(got, want);
    }
}

/* Deterministic pseudo-random bytes, NULs included (a linear
 * congruential generator; wxt_junk_xorshift() gives other bytes). */
static inline void wxt_junk(unsigned char *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char)(seed >> 16);
    }
}

/* The same from a xorshift generator; seed must not be 0. */
static inline void wxt_junk_xorshift(unsigned char *p, size_t n,
                                     uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        p[i] = (unsigned char)seed;
    }
}

/*
 * Feed ops junk: pseudo-random bytes with the framing bytes and words of
 * the wire formats sprinkled in (SOH, STX, ETX, EOT, SYN, "ZCZC",
 * "NNNN", braces, tags), under several seeds. Every call must end in a
 * known status (an article is finished too), and the file must end
 * within a bound: no crash, no loop, no leak (under ASan).
 */
static inline void wxt_check_junk(const wx_reader_ops *ops)
{
    static const char *const bits[] = {
        "\x01", "\x02", "\x03", "\x04", "\x16\x16\x01", "\nZCZC ",
        "\nNNNN\n", "{\"uri\": \"x\", ", "}", "[", "<NewsML>",
        "<NewsItem>", "</", "\n", "   ", "=", "MORE", "a0012 r a BC-X ",
        "dpa0001 4 pl 0010\r\n",
    };
    enum { N = 6144 };
    unsigned char *buf = malloc(N);
    assert_non_null(buf);
    for (uint32_t seed = 1; seed <= 12; seed++) {
        wxt_junk(buf, N, seed);
        uint32_t r = seed * 2654435761u;
        for (size_t at = 0; at + 32 < N; at += 16 + (r >> 27)) {
            r = r * 1103515245u + 12345u;
            const char *b = bits[(r >> 16) % (sizeof bits / sizeof bits[0])];
            memcpy(buf + at, b, strlen(b));
        }
        wxt_run run;
        wx_article a;
        wx_article_init(&a);
        wxt_run_open(&run, ops, buf, N);
        int calls = 0;
        for (;; calls++) {
            if (calls > N)
                fail_msg("seed %u: no end after %d calls", seed, calls);
            wx_status st = wxt_run_next(&run, &a);
            if (st == WX_EOF)
                break;
            if (st == WX_OK) {
                wx_err err;
                wx_status fs = wx_article_finish(&a, NULL, &err);
                if (fs != WX_OK && fs != WX_ENOTEXT)
                    fail_msg("seed %u: finish: %s", seed, err.msg);
                continue;
            }
            if (st != WX_EFORMAT && st != WX_ENOTEXT)
                fail_msg("seed %u: %s: %s", seed, wx_status_str(st),
                         run.err.msg);
            if (!wxt_msg_ok(run.err.msg, "mem"))
                fail_msg("seed %u: message \"%s\"", seed, run.err.msg);
        }
        wx_article_reset(&a);
        wxt_run_close(&run);
    }
    free(buf);
}

/* One row of a sniff table: the score for head must be in [min, max]. */
typedef struct wxt_sniff_case {
    const char *head;
    int min, max;
} wxt_sniff_case;

/*
 * Check ops->sniff over cases[0..n), that the registry finds ops by name
 * and detects it for head, and that ops->close(NULL) is safe.
 */
static inline void wxt_check_sniff(const wx_reader_ops *ops,
                                   const wxt_sniff_case *cases, size_t n,
                                   const char *name, const char *head)
{
    for (size_t i = 0; i < n; i++) {
        int s = ops->sniff(cases[i].head, strlen(cases[i].head));
        if (s < cases[i].min || s > cases[i].max)
            fail_msg("sniff case %zu: %d not in [%d, %d]", i, s,
                     cases[i].min, cases[i].max);
    }
    assert_ptr_equal(wx_reader_find(name), ops);
    assert_ptr_equal(wx_reader_detect(head, strlen(head)), ops);
    ops->close(NULL);
}

#endif
