/*
 * Spelling sync (spelling.h): the table's words are read into memory,
 * then merged with the term dictionary as it streams by (both come
 * sorted by bytes), and the differences applied after both walks, since
 * the table must not change under its own iterator.
 */
#include "spelling.h"

#include <stdlib.h>
#include <string.h>

typedef struct word {
    char *s;
    size_t len;
    long long freq;
} word;

typedef struct words {
    word *v;
    size_t n, cap;
    bool oom;
} words;

static bool push(words *w, const char *s, size_t len, long long freq)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 1024;
        word *v = realloc(w->v, cap * sizeof *v);
        if (v == NULL)
            return !(w->oom = true);
        w->v = v;
        w->cap = cap;
    }
    char *c = malloc(len + 1);
    if (c == NULL)
        return !(w->oom = true);
    memcpy(c, s, len);
    c[len] = '\0';
    w->v[w->n++] = (word){c, len, freq};
    return true;
}

static void words_free(words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i].s);
    free(w->v);
}

static bool on_spelling(void *ctx, const char *s, size_t len, uint64_t f)
{
    return push(ctx, s, len, (long long)f);
}

/* A word worth suggesting: lower-case letters (or any non-ASCII UTF-8),
 * no digits or punctuation. Prefixed terms start with an upper-case
 * letter and are left out by this too. */
static bool spelling_word(const char *t, size_t len, unsigned min_len)
{
    if (len < min_len || len > 32)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        if (!((c >= 'a' && c <= 'z') || c >= 0x80))
            return false;
    }
    return true;
}

/* Byte order, as Xapian sorts terms. */
static int cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    return c != 0 ? c : alen < blen ? -1 : alen > blen ? 1 : 0;
}

typedef struct merge {
    const words *table;   /* the spelling table, sorted */
    size_t k;             /* next table word not yet matched */
    words delta;          /* word and frequency change */
    unsigned min_len;
} merge;

static bool on_term(void *ctx, const char *t, size_t len, uint64_t tf)
{
    merge *m = ctx;
    if (!spelling_word(t, len, m->min_len))
        return true;
    /* Table words before t are no longer indexed. */
    while (m->k < m->table->n) {
        const word *w = &m->table->v[m->k];
        int c = cmp(w->s, w->len, t, len);
        if (c > 0)
            break;
        m->k++;
        if (c < 0) {
            if (!push(&m->delta, w->s, w->len, -w->freq))
                return false;
            continue;
        }
        long long d = (long long)tf - w->freq;
        return d == 0 || push(&m->delta, t, len, d);
    }
    return push(&m->delta, t, len, (long long)tf);
}

wx_status wx_spelling_sync(wx_db *db, unsigned min_len, uint64_t *changed,
                           wx_err *err)
{
    words table = {0};
    merge m = {&table, 0, {0}, min_len};
    wx_status st = wx_db_each_spelling(db, on_spelling, &table, err);
    if (st == WX_OK && !table.oom)
        st = wx_db_each_term(db, "", on_term, &m, err);
    while (st == WX_OK && !m.delta.oom && m.k < table.n) {
        const word *w = &table.v[m.k++];
        push(&m.delta, w->s, w->len, -w->freq);
    }
    if (st == WX_OK && (table.oom || m.delta.oom))
        st = wx_err_set(err, WX_ENOMEM, "spelling: out of memory");
    for (size_t i = 0; st == WX_OK && i < m.delta.n; i++)
        st = wx_db_add_spelling(db, m.delta.v[i].s, m.delta.v[i].len,
                                m.delta.v[i].freq, err);
    if (st == WX_OK && changed != NULL)
        *changed = m.delta.n;
    words_free(&table);
    words_free(&m.delta);
    return st;
}
