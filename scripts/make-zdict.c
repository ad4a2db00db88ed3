/*
 * make-zdict: build a stored-record dictionary to be compiled into the
 * binaries (wx_zdicts.h), from sample records, and write it as C source.
 *
 *   make-zdict NUMBER OUT.c < records.jsonl
 *
 * Input: stored records, one compact JSON object a line (what
 * `wiredex-index --export` prints). Output: a C file defining
 * wx_zdict_vNUMBER[] and wx_zdict_vNUMBER_len, a dictionary value in the
 * layout of wx_zcodec.h: magic, vocabulary, preset.
 *
 * The dictionary is statistics of the samples, not a copy of them:
 *   - the vocabulary is wx_words_train's: the words that save the most
 *     bytes over all samples;
 *   - the preset is made of boilerplate: over the word-coded samples,
 *     runs in which every 8-byte substring occurs in at least MIN_DF
 *     (10) different samples, cut into pieces of at most PIECE (64)
 *     bytes; a piece is a candidate only when that exact piece occurs
 *     in at least PIECE_DF (2) samples. A greedy cover then takes the
 *     piece worth most (the summed sample counts of its 8-byte
 *     substrings not yet in the preset) until the preset is full, and
 *     lays them out best last, nearest the text deflate compresses.
 *     Text particular to fewer than ten articles cannot enter it, and
 *     no piece is longer than 64 bytes (a sentence is longer).
 * Deterministic for the same input. scripts/make-zdict.sh drives it.
 */
#include "wx_buf.h"
#include "wx_words.h"
#include "wx_zcodec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    GRAM = 8,
    PIECE = 64,
    MIN_DF = 10,
    PIECE_DF = 2,
    PRESET = 32000,     /* a little under the window: room for the text */
    GRAM_BITS = 22,
    MAX_LINE = 1 << 20
};

static uint64_t hash(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

typedef struct piece {
    size_t sample, pos, len;
    uint32_t df, last;
    uint64_t h;
    uint64_t score;
} piece;

typedef struct pieces {
    piece *v;
    size_t n, cap;      /* cap a power of two; open addressing */
} pieces;

static const unsigned char *text_of(wx_buf *coded, const piece *p)
{
    return (const unsigned char *)coded[p->sample].data + p->pos;
}

static int grow_pieces(pieces *t, wx_buf *coded);

static int add_piece(pieces *t, wx_buf *coded, size_t sample, size_t pos,
                     size_t len, uint64_t score)
{
    if ((t->n + 1) * 2 > t->cap && grow_pieces(t, coded) != 0)
        return -1;
    const unsigned char *s = (const unsigned char *)coded[sample].data + pos;
    uint64_t h = hash(s, len);
    for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        piece *p = &t->v[i];
        if (p->len == 0) {
            *p = (piece){sample, pos, len, 1, (uint32_t)sample + 1, h,
                         score};
            t->n++;
            return 0;
        }
        if (p->h == h && p->len == len &&
            memcmp(text_of(coded, p), s, len) == 0) {
            if (p->last != sample + 1) {
                p->df++;
                p->last = (uint32_t)sample + 1;
            }
            return 0;
        }
    }
}

static int grow_pieces(pieces *t, wx_buf *coded)
{
    (void)coded;
    size_t cap = t->cap ? t->cap * 2 : 1 << 16;
    piece *v = calloc(cap, sizeof *v);
    if (v == NULL)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (t->v[i].len == 0)
            continue;
        size_t k = t->v[i].h & (cap - 1);
        while (v[k].len != 0)
            k = (k + 1) & (cap - 1);
        v[k] = t->v[i];
    }
    free(t->v);
    t->v = v;
    t->cap = cap;
    return 0;
}

/* A max-heap of piece indices by score. */
static bool above(const piece *v, size_t a, size_t b)
{
    return v[a].score > v[b].score ||
           (v[a].score == v[b].score && v[a].h < v[b].h);
}

static void heap_push(size_t *h, size_t *n, const piece *v, size_t x)
{
    size_t i = (*n)++;
    h[i] = x;
    while (i > 0 && above(v, h[i], h[(i - 1) / 2])) {
        size_t p = (i - 1) / 2, tmp = h[p];
        h[p] = h[i];
        h[i] = tmp;
        i = p;
    }
}

static size_t heap_pop(size_t *h, size_t *n, const piece *v)
{
    size_t top = h[0], i = 0;
    h[0] = h[--*n];
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < *n && above(v, h[l], h[m]))
            m = l;
        if (r < *n && above(v, h[r], h[m]))
            m = r;
        if (m == i)
            return top;
        size_t tmp = h[m];
        h[m] = h[i];
        h[i] = tmp;
        i = m;
    }
}

int main(int argc, char **argv)
{
    long number = argc == 3 ? strtol(argv[1], NULL, 10) : 0;
    if (number < 1 || number > 255) {
        fprintf(stderr, "usage: make-zdict NUMBER OUT.c < records.jsonl\n");
        return 2;
    }
    size_t n = 0, cap = 0;
    char **samples = NULL;
    size_t *lens = NULL;
    char *line = malloc(MAX_LINE);
    while (line != NULL && fgets(line, MAX_LINE, stdin) != NULL) {
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        if (len == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            samples = realloc(samples, cap * sizeof *samples);
            lens = realloc(lens, cap * sizeof *lens);
            if (samples == NULL || lens == NULL)
                return 1;
        }
        samples[n] = strdup(line);
        lens[n++] = len;
    }
    free(line);
    if (n < MIN_DF) {
        fprintf(stderr, "make-zdict: %zu records: too few\n", n);
        return 1;
    }

    wx_buf vocab;
    wx_buf_init(&vocab, WX_ZDICT_VALUE_MAX);
    if (wx_words_train((const char *const *)samples, lens, n, &vocab) !=
        WX_OK)
        return 1;
    wx_words *w = NULL;
    wx_err err;
    size_t used;
    if (wx_words_new(vocab.data, vocab.len, &used, &w, &err) != WX_OK) {
        fprintf(stderr, "make-zdict: %s\n", err.msg);
        return 1;
    }
    wx_buf *coded = calloc(n, sizeof *coded);
    for (size_t i = 0; i < n; i++) {
        wx_buf_init(&coded[i], SIZE_MAX);
        if (wx_words_encode(w, samples[i], lens[i], &coded[i]) != WX_OK)
            return 1;
    }

    /* Samples holding each 8-byte substring (hashed: a collision only
     * over-counts, and a piece must still pass its own exact count). */
    size_t slots = (size_t)1 << GRAM_BITS;
    uint32_t *df = calloc(slots, sizeof *df), *last = calloc(slots,
                                                             sizeof *last);
    if (df == NULL || last == NULL)
        return 1;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *s = (const unsigned char *)coded[i].data;
        for (size_t k = 0; k + GRAM <= coded[i].len; k++) {
            size_t h = hash(s + k, GRAM) & (slots - 1);
            if (last[h] != i + 1) {
                last[h] = (uint32_t)i + 1;
                df[h]++;
            }
        }
    }
    pieces t = {NULL, 0, 0};
    for (size_t i = 0; i < n; i++) {
        const unsigned char *s = (const unsigned char *)coded[i].data;
        size_t len = coded[i].len, run = 0, end = 0;
        bool open = false;
        for (size_t k = 0; k + GRAM <= len + 1; k++) {
            bool hot = k + GRAM <= len &&
                       df[hash(s + k, GRAM) & (slots - 1)] >= MIN_DF;
            if (hot && !open) {
                open = true;
                run = k;
            }
            if (hot)
                end = k + GRAM;
            if (!hot && open) {
                open = false;
                for (size_t p = run; p < end; p += PIECE) {
                    size_t m = end - p < PIECE ? end - p : PIECE;
                    uint64_t sc = 0;
                    for (size_t g = p; g + GRAM <= p + m; g++)
                        sc += df[hash(s + g, GRAM) & (slots - 1)];
                    if (m >= GRAM && add_piece(&t, coded, i, p, m, sc) != 0)
                        return 1;
                }
            }
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < t.cap; i++)
        if (t.v[i].len != 0 && t.v[i].df >= PIECE_DF)
            t.v[kept++] = t.v[i];

    /* Greedy cover, best first: a piece is worth the samples of its
     * 8-byte substrings not yet in the preset, so near-copies of a piece
     * already taken sink. Scores only fall, so a popped piece whose
     * rescored worth still tops the heap is the best (lazy greedy). */
    size_t *heap = malloc((kept + 1) * sizeof *heap), nheap = 0;
    for (size_t i = 0; i < kept; i++)
        heap_push(heap, &nheap, t.v, i);
    size_t *pick = malloc((kept + 1) * sizeof *pick), npick = 0;
    size_t preset = 0;
    while (nheap > 0 && preset < PRESET) {
        size_t top = heap_pop(heap, &nheap, t.v);
        piece *p = &t.v[top];
        const unsigned char *s = text_of(coded, p);
        uint64_t sc = 0;
        for (size_t g = 0; g + GRAM <= p->len; g++)
            sc += df[hash(s + g, GRAM) & (slots - 1)];
        if (sc == 0)
            continue;
        if (nheap > 0 && sc < t.v[heap[0]].score) {
            p->score = sc;
            heap_push(heap, &nheap, t.v, top);
            continue;
        }
        if (preset + p->len > PRESET)
            continue;
        for (size_t g = 0; g + GRAM <= p->len; g++)
            df[hash(s + g, GRAM) & (slots - 1)] = 0;
        pick[npick++] = top;
        preset += p->len;
    }
    wx_buf value;
    wx_buf_init(&value, WX_ZDICT_VALUE_MAX);
    wx_buf_append(&value, "\0wxd\1", 5);
    wx_buf_append(&value, vocab.data, used);
    for (size_t k = npick; k-- > 0;)
        wx_buf_append(&value, text_of(coded, &t.v[pick[k]]),
                      t.v[pick[k]].len);
    if (value.st != WX_OK)
        return 1;
    wx_zdict *d = NULL;
    if (wx_zdict_new_builtin((unsigned)number, value.data, value.len, &d,
                             &err) != WX_OK) {
        fprintf(stderr, "make-zdict: %s\n", err.msg);
        return 1;
    }
    wx_zdict_free(d);

    FILE *f = fopen(argv[2], "w");
    if (f == NULL)
        return 1;
    fprintf(f, "/*\n * Built-in stored-record dictionary %ld: generated by "
            "scripts/make-zdict.sh\n * from %zu sample records (%zu words, "
            "a preset of %zu boilerplate pieces,\n * %zu bytes). Do not "
            "edit; docs/schema.md says how it is made.\n */\n"
            "#include \"wx_zdicts.h\"\n\n"
            "const unsigned char wx_zdict_v%ld[] = {\n",
            number, n, wx_words_count(w), npick,
            value.len - 5 - used, number);
    for (size_t i = 0; i < value.len; i++)
        fprintf(f, "%s0x%02x,%s", i % 12 ? " " : "    ",
                (unsigned char)value.data[i],
                i % 12 == 11 || i + 1 == value.len ? "\n" : "");
    fprintf(f, "};\n\nconst size_t wx_zdict_v%ld_len = sizeof "
            "wx_zdict_v%ld;\n", number, number);
    if (fclose(f) != 0)
        return 1;
    fprintf(stderr, "make-zdict: %zu records, %zu words, %zu pieces, "
            "preset %zu bytes, value %zu bytes\n", n, wx_words_count(w),
            npick, value.len - 5 - used, value.len);
    return 0;
}
