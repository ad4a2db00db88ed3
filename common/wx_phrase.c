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

/* How far entry e moves the position: a break by BREAK_GAP (beyond any
 * window), another term at the same position not at all. */
static uint32_t step(uint32_t e)
{
    return e == 0 ? BREAK_GAP : (e & SAME_POS) ? 0 : 1;
}

/* Whether the words hold, in order, starting at entry a. Positions are
 * counted from a's, so nothing before a is read. Taking each word's
 * earliest occurrence leaves the most room for the next. */
static bool ordered_at(const unsigned char *seq, size_t n, size_t a,
                       const wx_phrase_word *words, size_t k,
                       unsigned window)
{
    size_t b = a;
    uint32_t at = 0;   /* the position of entry b, relative to a's */
    for (size_t j = 1; j < k; j++) {
        uint32_t p = at;
        size_t c = b + 1;
        for (; c < n; c++) {
            uint32_t e = get32(seq + 4 * c);
            p += step(e);
            if (p >= window)
                return false;
            if (p > at && word_has(&words[j], e & HASH_MASK))
                break;
        }
        if (c == n)
            return false;
        b = c;
        at = p;
    }
    return true;
}

/* Whether every word occurs in the window starting at entry a's position
 * (any order). */
static bool near_at(const unsigned char *seq, size_t n, size_t a,
                    const wx_phrase_word *words, size_t k, unsigned window)
{
    size_t first = a;   /* the first entry at a's position */
    while (first > 0 && (get32(seq + 4 * first) & SAME_POS))
        first--;
    for (size_t j = 0; j < k; j++) {
        bool found = false;
        uint32_t p = 0;
        for (size_t c = first; c < n; c++) {
            uint32_t e = get32(seq + 4 * c);
            if (c > first)
                p += step(e);
            if (p >= window)
                break;
            if (word_has(&words[j], e & HASH_MASK)) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}

bool wx_phrase_match(const unsigned char *seq, size_t len,
                     const wx_phrase_word *words, size_t k, unsigned window,
                     bool ordered)
{
    size_t n = len / 4;
    if (k == 0 || n == 0)
        return false;
    if (window < k)
        window = (unsigned)k;
    if (window > BREAK_GAP / 2)
        window = BREAK_GAP / 2;
    for (size_t a = 0; a < n; a++) {
        uint32_t h = hash_at(seq, a);
        if (h == 0)
            continue;
        if (ordered) {
            if (word_has(&words[0], h) &&
                ordered_at(seq, n, a, words, k, window))
                return true;
            continue;
        }
        for (size_t j = 0; j < k; j++)
            if (word_has(&words[j], h)) {
                if (near_at(seq, n, a, words, k, window))
                    return true;
                break;
            }
    }
    return false;
}
