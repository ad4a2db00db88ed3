/*
 * Query cost bounds (qbudget.h). The scan is deliberately simpler than
 * the parser: it over-counts rather than under-counts (every token
 * ending in '*' is taken for a wildcard, quoted or not), so a query
 * that passes here cannot cost Xapian more than the limits allow.
 */
#include "qbudget.h"

#include "wx_limits.h"
#include "wx_schema.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Counting the terms one wildcard matches, within the budget. */
typedef struct counter {
    size_t n;            /* this wildcard's terms */
    size_t cap;          /* stop here: per-wildcard or budget left */
    double deadline;     /* now_ms() past which counting stops */
    bool late;
} counter;

static bool count_term(void *ctx, const char *term, size_t len,
                       uint64_t freq)
{
    (void)term;
    (void)len;
    (void)freq;
    counter *c = ctx;
    c->n++;
    if ((c->n & 255) == 0 && now_ms() > c->deadline) {
        c->late = true;
        return false;
    }
    return c->n < c->cap;
}

static bool is_word_byte(char c)
{
    return isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80;
}

enum { W_NONE, W_WORD, W_OP, W_DIST };

/* The kind of the word w[0..n) (a run of word bytes) in Xapian's
 * syntax; rest is what follows it. */
static int word_kind(const char *w, size_t n, const char *rest)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR",
                                      "ADJ"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (n == strlen(ops[i]) && memcmp(w, ops[i], n) == 0)
            return i >= 4 && *rest == '/' ? W_DIST : W_OP;
    return W_WORD;
}

/*
 * Xapian 1.4.22's parser leaks 96 bytes per NEAR/n or ADJ/n it meets in
 * a query it then fails to parse ("a OR NEAR/2 b", "OR a c* NEAR/2"):
 * outside phrases, such an operator must have a plain word on each
 * side (punctuation between does not count), else the query is refused
 * before Xapian sees it. Words are runs of word bytes, as Xapian's
 * lexer splits them ("OR&" is OR).
 */
static bool near_ok(const char *text)
{
    int prev = W_NONE;
    bool want_word = false, quoted = false;
    for (const char *p = text; *p != '\0';) {
        if (*p == '"') {
            quoted = !quoted;
            if (!quoted)
                prev = W_WORD;
            p++;
            continue;
        }
        if (quoted || !is_word_byte(*p)) {
            p++;
            continue;
        }
        const char *w = p;
        while (*p != '\0' && is_word_byte(*p))
            p++;
        int k = word_kind(w, (size_t)(p - w), p);
        if (k == W_DIST) {
            if (prev != W_WORD)
                return false;
            for (p++; isdigit((unsigned char)*p); p++)
                ;
        } else if (want_word && k != W_WORD) {
            return false;
        }
        want_word = k == W_DIST;
        prev = k;
    }
    return !want_word;
}

static bool is_sep(char c)
{
    return c == ' ' || c == '(' || c == ')' || c == '"';
}

/* Boolean operators of the query syntax: not terms. */
static bool is_operator(const char *w, size_t n)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR",
                                      "ADJ"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        size_t k = strlen(ops[i]);
        if (n >= k && memcmp(w, ops[i], k) == 0 &&
            (n == k || w[k] == '/'))
            return true;
    }
    return false;
}

/* The index term prefix a wildcard searches: the field's free-text
 * prefix, "" for none; NULL for a field whose values are not expanded
 * (filters) or is not a field at all (the colon is then text). */
static const char *field_prefix(const char *w, size_t n, size_t *skip)
{
    *skip = 0;
    const char *colon = memchr(w, ':', n);
    if (colon == NULL)
        return "";
    char name[32];
    size_t k = (size_t)(colon - w);
    if (k == 0 || k >= sizeof name)
        return "";
    memcpy(name, w, k);
    name[k] = '\0';
    const wx_schema_field *row = wx_schema_lookup(name);
    if (row == NULL)
        return "";
    *skip = k + 1;
    if ((row->flags & WX_SF_TEXT) && row->prefix != NULL)
        return row->prefix;
    return NULL;
}

wx_status wx_qbudget_check(const char *text, wx_db *db,
                           unsigned per_wildcard, wx_qbudget_cost *cost,
                           wx_err *err)
{
    wx_qbudget_cost c = {0, 0, 0};
    double deadline = now_ms() + WX_MAX_QUERY_MS;
    wx_status st = WX_OK;
    const char *field = "";      /* of the quoted value that follows */
    bool quoted = false;
    for (const char *p = text; *p != '\0' && st == WX_OK;) {
        if (is_sep(*p)) {
            if (*p == '"') {
                quoted = !quoted;
                if (!quoted)
                    field = "";
            }
            p++;
            continue;
        }
        const char *w = p;
        while (*p != '\0' && !is_sep(*p))
            p++;
        size_t n = (size_t)(p - w);
        while (n > 0 && (*w == '+' || *w == '-')) {
            w++;
            n--;
        }
        if (n == 0 || (!quoted && is_operator(w, n)))
            continue;
        size_t skip = 0;
        const char *prefix = quoted ? field : field_prefix(w, n, &skip);
        w += skip;
        n -= skip;
        if (n == 0) {                /* field:"value": the value follows */
            field = prefix;
            continue;
        }
        if (++c.terms > WX_MAX_QUERY_TERMS) {
            st = wx_err_set(err, WX_ETOOBIG, "query has too many words "
                            "(at most %d)", (int)WX_MAX_QUERY_TERMS);
            break;
        }
        if (w[n - 1] != '*' || prefix == NULL)
            continue;
        if (++c.wildcards > WX_MAX_QUERY_WILDCARDS) {
            st = wx_err_set(err, WX_ETOOBIG, "query has too many "
                            "wildcards (at most %d)",
                            (int)WX_MAX_QUERY_WILDCARDS);
            break;
        }
        if (db == NULL)
            continue;
        /* The term list is lower case, as Xapian's parser folds. */
        char pat[WX_MAX_QUERY_BYTES + 16];
        size_t plen = strlen(prefix);
        if (plen + n >= sizeof pat)
            continue;
        memcpy(pat, prefix, plen);
        for (size_t i = 0; i + 1 < n; i++)
            pat[plen + i] = (char)tolower((unsigned char)w[i]);
        pat[plen + n - 1] = '\0';
        size_t left = WX_MAX_QUERY_EXPANSION - c.expansion;
        counter k = {0, per_wildcard && per_wildcard < left + 1
                            ? per_wildcard : left + 1,
                     deadline, false};
        st = wx_db_each_term(db, pat, count_term, &k, err);
        c.expansion += k.n;
        if (st != WX_OK)
            break;
        if (k.late)
            st = wx_err_set(err, WX_ETOOBIG, "query took over %d ms to "
                            "expand its wildcards (the limit): make them "
                            "longer", (int)WX_MAX_QUERY_MS);
        else if (c.expansion > WX_MAX_QUERY_EXPANSION)
            st = wx_err_set(err, WX_ETOOBIG, "query wildcards match too "
                            "many terms (at most %d in all): make them "
                            "longer or fewer", (int)WX_MAX_QUERY_EXPANSION);
    }
    if (st == WX_OK && !near_ok(text))
        st = wx_err_set(err, WX_EQUERY, "NEAR/n and ADJ/n need a word on "
                        "each side");
    if (cost != NULL)
        *cost = c;
    return st;
}
