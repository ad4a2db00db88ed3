/*
 * Compact word positions (see wx_phrase.h for the layout).
 */
#include "wx_phrase.h"

enum {
    SAME_POS = 0x80000000u, /* entry shares the previous entry's position */
    HASH_MASK = 0x7fffffffu,
    /* A break advances positions this far, beyond any window. */
    BREAK_GAP = 1u << 20,
};

uint32_t wx_phrase_hash(const char *term, size_t len)
{
    /* FNV-1a, then a final mix so that all 31 kept bits depend on every
     * byte. */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)term[i];
        h *= 16777619u;
    }
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    h &= HASH_MASK;
    return h != 0 ? h : 1;
}

static unsigned char *put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
    return p + 4;
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

size_t wx_phrase_encode(const uint32_t *pos, const uint32_t *hash, size_t n,
                        unsigned char *out)
{
    unsigned char *p = out;
    for (size_t i = 0; i < n; i++) {
        uint32_t h = hash[i] & HASH_MASK;
        if (h == 0)
            h = 1;
        if (i > 0 && pos[i] == pos[i - 1]) {
            p = put32(p, h | SAME_POS);
            continue;
        }
        if (i > 0 && pos[i] != pos[i - 1] + 1)
            p = put32(p, 0);
        p = put32(p, h);
    }
    return (size_t)(p - out);
}

static bool word_has(const wx_phrase_word *w, uint32_t h)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->alts[i] == h)
            return true;
    return false;
}

/* The fingerprint of entry i, 0 for a break. */
static uint32_t hash_at(const unsigned char *seq, size_t i)
{
    return get32(seq + 4 * i) & HASH_MASK;
}

/* Positions of the entries, computed only as far as a match needs. */
typedef struct seqpos {
    const unsigned char *seq;
    size_t n;        /* entries */
    size_t filled;   /* pos[0..filled) are known */
    uint32_t *pos;
} seqpos;

/* The position of entry i (< n). A break advances positions by
 * BREAK_GAP; a document would need 4096 breaks to wrap around, and the
 * indexer writes two. */
static uint32_t pos_at(seqpos *s, size_t i)
{
    while (s->filled <= i) {
        size_t j = s->filled;
        uint32_t e = get32(s->seq + 4 * j);
        uint32_t p = j > 0 ? s->pos[j - 1] : 0;
        if (e == 0)
            p += BREAK_GAP;
        else if (!(e & SAME_POS))
            p++;
        s->pos[j] = p;
        s->filled++;
    }
    return s->pos[i];
}

/* Earliest entry after b, within the window from entry a, at a position
 * after cur, holding word w; n if none. */
static size_t next_word(seqpos *s, size_t a, size_t b, uint32_t cur,
                        unsigned window, const wx_phrase_word *w)
{
    uint32_t start = pos_at(s, a);
    for (size_t c = b + 1; c < s->n && pos_at(s, c) - start < window; c++)
        if (pos_at(s, c) > cur && word_has(w, hash_at(s->seq, c)))
            return c;
    return s->n;
}

/* Whether the words hold, in order, starting at entry a. Taking each
 * word's earliest occurrence leaves the most room for the next. */
static bool ordered_at(seqpos *s, size_t a, const wx_phrase_word *words,
                       size_t k, unsigned window)
{
    size_t b = a;
    for (size_t j = 1; j < k; j++) {
        b = next_word(s, a, b, pos_at(s, b), window, &words[j]);
        if (b == s->n)
            return false;
    }
    return true;
}

/* Whether every word occurs in the window starting at entry a's position
 * (any order). */
static bool near_at(seqpos *s, size_t a, const wx_phrase_word *words,
                    size_t k, unsigned window)
{
    uint32_t start = pos_at(s, a);
    size_t first = a;
    while (first > 0 && pos_at(s, first - 1) == start)
        first--;
    for (size_t j = 0; j < k; j++) {
        bool found = false;
        for (size_t c = first; c < s->n && pos_at(s, c) - start < window;
             c++)
            if (word_has(&words[j], hash_at(s->seq, c))) {
                found = true;
                break;
            }
        if (!found)
            return false;
    }
    return true;
}

bool wx_phrase_match(const unsigned char *seq, size_t len,
                     const wx_phrase_word *words, size_t k, unsigned window,
                     bool ordered, uint32_t *scratch)
{
    seqpos s = {seq, len / 4, 0, scratch};
    if (k == 0 || s.n == 0)
        return false;
    if (window < k)
        window = (unsigned)k;
    if (window > BREAK_GAP / 2)
        window = BREAK_GAP / 2;
    for (size_t a = 0; a < s.n; a++) {
        uint32_t h = hash_at(seq, a);
        if (h == 0)
            continue;
        if (ordered) {
            if (word_has(&words[0], h) && ordered_at(&s, a, words, k, window))
                return true;
            continue;
        }
        for (size_t j = 0; j < k; j++)
            if (word_has(&words[j], h)) {
                if (near_at(&s, a, words, k, window))
                    return true;
                break;
            }
    }
    return false;
}
