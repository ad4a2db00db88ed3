/*
 * Word coding (layout in wx_words.h): training, the vocabulary's hash
 * table, encoding and decoding.
 */
#include "wx_words.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    ESC = 0x01, UPPER = 0x02, CAP = 0x03,
    NONE = 25,                  /* one-byte codes */
    LEAD = 0xf5,                /* first byte of a two-byte code */
    MIN_COUNT = 2               /* a word seen once in training saves nothing */
};

/* The one-byte codes, in entry order. */
static const unsigned char ONE[NONE] = {
    0x04, 0x05, 0x06, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x0f, 0x10, 0x11, 0x12,
    0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e,
    0x1f};

/* Byte classes of the coded form: text by default (0). */
enum { C_TEXT, C_ESC, C_UPPER, C_CAP, C_ONE, C_LEAD };

static const unsigned char CLASS[256] = {
    [0x01] = C_ESC, [0x02] = C_UPPER, [0x03] = C_CAP,
    [0x04] = C_ONE, [0x05] = C_ONE, [0x06] = C_ONE, [0x07] = C_ONE,
    [0x08] = C_ONE, [0x0b] = C_ONE, [0x0c] = C_ONE, [0x0e] = C_ONE,
    [0x0f] = C_ONE, [0x10] = C_ONE, [0x11] = C_ONE, [0x12] = C_ONE,
    [0x13] = C_ONE, [0x14] = C_ONE, [0x15] = C_ONE, [0x16] = C_ONE,
    [0x17] = C_ONE, [0x18] = C_ONE, [0x19] = C_ONE, [0x1a] = C_ONE,
    [0x1b] = C_ONE, [0x1c] = C_ONE, [0x1d] = C_ONE, [0x1e] = C_ONE,
    [0x1f] = C_ONE, [0xf5] = C_LEAD, [0xf6] = C_LEAD, [0xf7] = C_LEAD,
    [0xf8] = C_LEAD, [0xf9] = C_LEAD, [0xfa] = C_LEAD, [0xfb] = C_LEAD,
    [0xfc] = C_LEAD, [0xfd] = C_LEAD, [0xfe] = C_LEAD, [0xff] = C_LEAD};

static int class_of(unsigned b)
{
    return CLASS[b & 0xff];
}

/* Entry index of a one-byte code (b < 0x20, class C_ONE). */
static size_t one_index(unsigned b)
{
    return b <= 0x08 ? b - 0x04 : b <= 0x0c ? b - 0x0b + 5 : b - 0x0e + 7;
}

static bool is_alpha(unsigned c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool is_upper(unsigned c)
{
    return c >= 'A' && c <= 'Z';
}

/* ---- Words in text ---- */

enum { K_LOWER, K_CAP, K_UPPER, K_MIXED };

typedef struct word {
    size_t sp;                  /* 1 when the space before belongs to it */
    size_t start, len;          /* the letters */
    int kase;
} word;

/* Whether a word (with the space before it) starts at s[i]; i is never
 * inside a run of letters, so the run found is maximal. */
static bool word_at(const unsigned char *s, size_t n, size_t i, word *w)
{
    w->sp = 0;
    if (s[i] == ' ' && i + 1 < n && is_alpha(s[i + 1])) {
        w->sp = 1;
        i++;
    } else if (!is_alpha(s[i])) {
        return false;
    }
    size_t j = i, upper = 0;
    for (; j < n && is_alpha(s[j]); j++)
        upper += is_upper(s[j]);
    w->start = i;
    w->len = j - i;
    if (upper == 0)
        w->kase = K_LOWER;
    else if (upper == 1 && is_upper(s[i]))
        w->kase = K_CAP;
    else if (upper == w->len)
        w->kase = K_UPPER;
    else
        w->kase = K_MIXED;
    return true;
}

/* The vocabulary key of w (space, lower-case letters) into key; its
 * length, or 0 when w cannot be an entry. */
static size_t key_of(const unsigned char *s, const word *w,
                     unsigned char key[WX_WORD_MAX])
{
    if (w->kase == K_MIXED || w->sp + w->len > WX_WORD_MAX)
        return 0;
    size_t k = 0;
    if (w->sp)
        key[k++] = ' ';
    for (size_t i = 0; i < w->len; i++)
        key[k++] = (unsigned char)(s[w->start + i] | 0x20);
    return k;
}

static uint32_t hash(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* ---- A hash table of byte strings (entries of a pool) ---- */

typedef struct entry {
    uint32_t off, hash;
    uint8_t len;
    uint64_t count;
} entry;

typedef struct table {
    entry *e;
    size_t n, cap;
    uint32_t *slot;             /* entry index + 1; 0 is empty */
    unsigned bits;
    wx_buf pool;
} table;

static void table_free(table *t)
{
    free(t->e);
    free(t->slot);
    wx_buf_free(&t->pool);
}

static wx_status table_rehash(table *t, unsigned bits)
{
    uint32_t *slot = calloc((size_t)1 << bits, sizeof *slot);
    if (slot == NULL)
        return WX_ENOMEM;
    size_t mask = ((size_t)1 << bits) - 1;
    for (size_t i = 0; i < t->n; i++) {
        size_t h = t->e[i].hash & mask;
        while (slot[h] != 0)
            h = (h + 1) & mask;
        slot[h] = (uint32_t)(i + 1);
    }
    free(t->slot);
    t->slot = slot;
    t->bits = bits;
    return WX_OK;
}

static wx_status table_init(table *t, size_t expect)
{
    memset(t, 0, sizeof *t);
    wx_buf_init(&t->pool, UINT32_MAX);
    unsigned bits = 8;
    while (((size_t)1 << bits) < 2 * expect)
        bits++;
    return table_rehash(t, bits);
}

/* The index of key in t, or -1; *h is where it would go. */
static long table_find(const table *t, const unsigned char *key, size_t len,
                       uint32_t hv, size_t *h)
{
    size_t mask = ((size_t)1 << t->bits) - 1;
    for (size_t i = hv & mask;; i = (i + 1) & mask) {
        if (t->slot[i] == 0) {
            *h = i;
            return -1;
        }
        const entry *e = &t->e[t->slot[i] - 1];
        if (e->hash == hv && e->len == len &&
            memcmp(t->pool.data + e->off, key, len) == 0)
            return (long)t->slot[i] - 1;
    }
}

/* Add key (absent, hash hv, slot h from table_find). */
static wx_status table_add(table *t, const unsigned char *key, size_t len,
                           uint32_t hv, size_t h)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1024;
        entry *e = realloc(t->e, cap * sizeof *e);
        if (e == NULL)
            return WX_ENOMEM;
        t->e = e;
        t->cap = cap;
    }
    entry *e = &t->e[t->n];
    e->off = (uint32_t)t->pool.len;
    e->hash = hv;
    e->len = (uint8_t)len;
    e->count = 0;
    if (wx_buf_append(&t->pool, key, len) != WX_OK)
        return t->pool.st;
    t->slot[h] = (uint32_t)++t->n;
    if (2 * t->n > ((size_t)1 << t->bits))
        return table_rehash(t, t->bits + 1);
    return WX_OK;
}

/* ---- Training ---- */

typedef struct candidate {
    uint64_t saving;            /* occurrences times bytes saved */
    const char *p;
    size_t len;
} candidate;

/* Most bytes saved first; ties by the bytes, so the order is total. */
static int by_saving(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->saving != y->saving)
        return x->saving > y->saving ? -1 : 1;
    size_t m = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->p, y->p, m);
    return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* Count the words of one sample into t. */
static wx_status count_words(table *t, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        word w;
        if (!word_at(s, n, i, &w)) {
            i++;
            continue;
        }
        i = w.start + w.len;
        unsigned char key[WX_WORD_MAX];
        size_t len = key_of(s, &w, key);
        if (len < 3)            /* a two-byte code would save nothing */
            continue;
        uint32_t hv = hash(key, len);
        size_t h;
        long at = table_find(t, key, len, hv, &h);
        if (at < 0) {
            wx_status st = table_add(t, key, len, hv, h);
            if (st != WX_OK)
                return st;
            at = (long)t->n - 1;
        }
        t->e[at].count++;
    }
    return WX_OK;
}

wx_status wx_words_train(const char *const *samples, const size_t *lens,
                         size_t n, wx_buf *out)
{
    table t;
    wx_status st = table_init(&t, 1 << 14);
    for (size_t k = 0; st == WX_OK && k < n; k++)
        st = count_words(&t, (const unsigned char *)samples[k], lens[k]);
    candidate *c = NULL;
    size_t kept = 0;
    if (st == WX_OK && t.n > 0 && (c = malloc(t.n * sizeof *c)) == NULL)
        st = WX_ENOMEM;
    if (st == WX_OK) {
        for (size_t i = 0; i < t.n; i++) {
            const entry *e = &t.e[i];
            if (e->count >= MIN_COUNT)
                c[kept++] = (candidate){e->count * (uint64_t)(e->len - 2),
                                        t.pool.data + e->off, e->len};
        }
        if (kept > 0)
            qsort(c, kept, sizeof *c, by_saving);
        if (kept > WX_WORDS_MAX)
            kept = WX_WORDS_MAX;
        unsigned char hdr[2] = {(unsigned char)(kept & 0xff),
                                (unsigned char)(kept >> 8)};
        wx_buf_append(out, hdr, 2);
        for (size_t i = 0; i < kept; i++) {
            wx_buf_putc(out, (char)c[i].len);
            wx_buf_append(out, c[i].p, c[i].len);
        }
        st = out->st;
    }
    free(c);
    table_free(&t);
    return st;
}

/* ---- Parsing ---- */

struct wx_words {
    table t;                    /* entries in code order */
    uint32_t dec[WX_WORDS_MAX]; /* per entry: pool offset, length << 24 */
};

wx_status wx_words_new(const void *bytes, size_t n, size_t *used,
                       wx_words **out, wx_err *err)
{
    const unsigned char *p = bytes;
    *out = NULL;
    *used = 0;
    if (n < 2)
        return wx_err_set(err, WX_EFORMAT, "vocabulary: truncated");
    size_t count = (size_t)p[0] | (size_t)p[1] << 8;
    if (count > WX_WORDS_MAX)
        return wx_err_set(err, WX_EFORMAT, "vocabulary: %zu entries, at "
                          "most %d", count, WX_WORDS_MAX);
    wx_words *w = malloc(sizeof *w);
    if (w == NULL)
        return wx_err_set(err, WX_ENOMEM, "vocabulary: out of memory");
    wx_status st = table_init(&w->t, count);
    size_t k = 2;
    for (size_t i = 0; st == WX_OK && i < count; i++) {
        size_t len = k < n ? p[k] : 0;
        if (k >= n || len == 0 || len > WX_WORD_MAX || n - k - 1 < len) {
            st = wx_err_set(err, WX_EFORMAT, "vocabulary: entry %zu "
                            "truncated or of a bad length", i);
            break;
        }
        const unsigned char *key = p + k + 1;
        size_t j = key[0] == ' ' ? 1 : 0;
        bool ok = j < len;
        for (; ok && j < len; j++)
            ok = key[j] >= 'a' && key[j] <= 'z';
        uint32_t hv = hash(key, len);
        size_t h;
        if (!ok || table_find(&w->t, key, len, hv, &h) >= 0) {
            st = wx_err_set(err, WX_EFORMAT, "vocabulary: entry %zu is "
                            "not a lower-case word or repeats one", i);
            break;
        }
        if ((st = table_add(&w->t, key, len, hv, h)) != WX_OK)
            wx_err_set(err, st, "vocabulary: out of memory");
        k += 1 + len;
    }
    /* Padding: the decoder copies WX_WORD_MAX bytes of any entry. */
    static const char pad[WX_WORD_MAX];
    if (st == WX_OK && wx_buf_append(&w->t.pool, pad, sizeof pad) != WX_OK)
        st = wx_err_set(err, WX_ENOMEM, "vocabulary: out of memory");
    if (st != WX_OK) {
        wx_words_free(w);
        return st;
    }
    for (size_t i = 0; i < w->t.n; i++)
        w->dec[i] = w->t.e[i].off | (uint32_t)w->t.e[i].len << 24;
    *used = k;
    *out = w;
    return WX_OK;
}

void wx_words_free(wx_words *w)
{
    if (w == NULL)
        return;
    table_free(&w->t);
    free(w);
}

size_t wx_words_count(const wx_words *w)
{
    return w->t.n;
}

/* ---- Encoding ---- */

static size_t put_code(unsigned char *p, size_t idx)
{
    if (idx < NONE) {
        p[0] = ONE[idx];
        return 1;
    }
    idx -= NONE;
    p[0] = (unsigned char)(LEAD + idx / 256);
    p[1] = (unsigned char)(idx % 256);
    return 2;
}

/* The code of w into code (flag first), when it is shorter than the
 * word: its length, or 0. With drop_space, the word without its space. */
static size_t code_of(const wx_words *v, const unsigned char *s, word w,
                      bool drop_space, unsigned char code[3])
{
    if (drop_space)
        w.sp = 0;
    unsigned char key[WX_WORD_MAX];
    size_t len = key_of(s, &w, key);
    if (len == 0 || v->t.n == 0)
        return 0;
    size_t h;
    long at = table_find(&v->t, key, len, hash(key, len), &h);
    if (at < 0)
        return 0;
    size_t k = 0;
    if (w.kase == K_CAP)
        code[k++] = CAP;
    else if (w.kase == K_UPPER)
        code[k++] = UPPER;
    k += put_code(code + k, (size_t)at);
    return k < len ? k : 0;
}

wx_status wx_words_encode(const wx_words *v, const void *src, size_t n,
                          wx_buf *out)
{
    const unsigned char *s = src;
    size_t lit = 0;             /* start of the pending literal run */
    for (size_t i = 0; i < n;) {
        word w;
        if (!word_at(s, n, i, &w)) {
            if (class_of(s[i]) != C_TEXT) {
                wx_buf_append(out, s + lit, i - lit);
                unsigned char esc[2] = {ESC, s[i]};
                wx_buf_append(out, esc, 2);
                lit = i + 1;
            }
            i++;
            continue;
        }
        unsigned char code[3];
        size_t k = code_of(v, s, w, false, code), from = i;
        if (k == 0 && w.sp && (k = code_of(v, s, w, true, code)) != 0)
            from = i + 1;       /* the space stays text */
        i = w.start + w.len;
        if (k == 0)
            continue;
        wx_buf_append(out, s + lit, from - lit);
        wx_buf_append(out, code, k);
        lit = i;
    }
    wx_buf_append(out, s + lit, n - lit);
    return out->st;
}

/* ---- Decoding ---- */

/* Any byte of the 8 at p below 0x20 or from 0xf0 up (a superset of the
 * coded form's special bytes), tested all at once. */
static bool maybe_special(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
    uint64_t x;
    memcpy(&x, p, sizeof x);
    uint64_t below = (x - ones * 0x20) & ~x & highs;
    uint64_t top4 = x & (x << 1) & (x << 2) & (x << 3) & highs;
    return (below | top4) != 0;
}

/* The end of the run of text bytes s[i, end) that starts at i. */
static size_t text_run(const unsigned char *s, size_t i, size_t end)
{
    while (i + 8 <= end && !maybe_special(s + i))
        i += 8;
    while (i < end && class_of(s[i]) == C_TEXT)
        i++;
    return i;
}

wx_status wx_words_decode(const wx_words *v, const void *in, size_t n,
                          void *out, size_t cap, size_t *used, size_t *got,
                          wx_err *err)
{
    const unsigned char *s = in;
    unsigned char *o = out;
    size_t i = 0, k = 0;
    while (i < n && k < cap) {
        int c = class_of(s[i]);
        if (c == C_TEXT) {
            size_t room = i + (cap - k), end = n < room ? n : room;
            size_t j = text_run(s, i + 1, end);
            memcpy(o + k, s + i, j - i);
            k += j - i;
            i = j;
            continue;
        }
        if (c == C_ESC) {
            if (i + 1 >= n)
                break;
            o[k++] = s[i + 1];
            i += 2;
            continue;
        }
        size_t j = i, flag = 0;
        if (c == C_UPPER || c == C_CAP) {
            flag = s[j++];
            if (j >= n)
                break;
            c = class_of(s[j]);
            if (c != C_ONE && c != C_LEAD)
                return wx_err_set(err, WX_EFORMAT, "coded text: flag "
                                  "without a word at byte %zu", i);
        }
        size_t idx;
        if (c == C_ONE) {
            idx = one_index(s[j++]);
        } else {
            if (j + 1 >= n)
                break;
            idx = NONE + (size_t)(s[j] - LEAD) * 256 + s[j + 1];
            j += 2;
        }
        if (idx >= v->t.n)
            return wx_err_set(err, WX_EFORMAT, "coded text: word %zu past "
                              "the vocabulary of %zu", idx, v->t.n);
        size_t len = v->dec[idx] >> 24;
        const char *text = v->t.pool.data + (v->dec[idx] & 0xffffff);
        size_t m = len < cap - k ? len : cap - k;
        if (cap - k >= WX_WORD_MAX)
            memcpy(o + k, text, WX_WORD_MAX);   /* fixed size: inlined */
        else
            memcpy(o + k, text, m);
        size_t first = text[0] == ' ' ? 1 : 0;
        if (flag == CAP && first < m)
            o[k + first] = (unsigned char)(o[k + first] & ~0x20);
        else if (flag == UPPER)
            for (size_t q = first; q < m; q++)
                o[k + q] = (unsigned char)(o[k + q] & ~0x20);
        k += m;
        i = j;
    }
    *used = i;
    *got = k;
    return WX_OK;
}
