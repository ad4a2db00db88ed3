/*
 * Packing of stored article text (layout in wx_zcodec.h) over zlib's raw
 * deflate, and the training of preset dictionaries. zlib errors become
 * wx_status here; nothing above this module sees a z_stream.
 */
#include "wx_zcodec.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum {
    RAW_WINDOW = -15,           /* raw deflate, 32 KiB window */
    MEM_LEVEL = 8,
    HEADER_MAX = 1 + 4 + 10 + 10,   /* format, id, two LEB128 */
    LEB_MAX = 10,
    SCRATCH_KEEP = 1 << 20,     /* scratch above this is freed after use */
    MAX_EXPANSION = 1040        /* > deflate's 258 bytes per 2 bits */
};

struct wx_zdict {
    unsigned char *bytes;       /* the whole value */
    size_t n;
    uint32_t id;                /* CRC-32, or the built-in number */
    bool builtin;               /* records carry the number (0x04) */
    const unsigned char *preset;    /* inside bytes */
    size_t npreset;
    wx_words *words;            /* NULL for a preset alone */
};

struct wx_zcodec {
    int level;
    bool def_ready, inf_ready;  /* streams initialised (lazily) */
    z_stream def, inf;
    /* A deflate stream primed with one dictionary's preset, copied for
     * each record: cheaper than priming each (deflateSetDictionary hashes
     * the whole preset; a copy is a few memcpy). */
    bool primed_ready;
    z_stream primed;
    const wx_zdict *primed_dict;
    uint32_t primed_id;
    unsigned char *tmp;         /* packed record, or inflated text */
    size_t tmp_cap;
    unsigned char *out;         /* decoded text (format 0x03) */
    size_t out_cap;
    wx_buf coded;               /* coded text, packing 0x03 */
};

/* ---- Dictionaries ---- */

static const unsigned char MAGIC[5] = {0x00, 'w', 'x', 'd', 0x01};

wx_status wx_zdict_new(const void *bytes, size_t n, wx_zdict **out,
                       wx_err *err)
{
    *out = NULL;
    bool layered = n >= sizeof MAGIC && memcmp(bytes, MAGIC, 4) == 0;
    if (n == 0 || n > (layered ? WX_ZDICT_VALUE_MAX : WX_ZDICT_MAX))
        return wx_err_set(err, WX_EINVAL, "dictionary of %zu bytes: must "
                          "be 1 to %d", n,
                          layered ? WX_ZDICT_VALUE_MAX : WX_ZDICT_MAX);
    if (layered && memcmp(bytes, MAGIC, sizeof MAGIC) != 0)
        return wx_err_set(err, WX_EFORMAT, "dictionary: unknown version "
                          "%u", ((const unsigned char *)bytes)[4]);
    wx_zdict *d = calloc(1, sizeof *d);
    unsigned char *p = malloc(n);
    if (d == NULL || p == NULL) {
        free(d);
        free(p);
        return wx_err_set(err, WX_ENOMEM, "dictionary: out of memory");
    }
    memcpy(p, bytes, n);
    d->bytes = p;
    d->n = n;
    d->id = (uint32_t)crc32(crc32(0L, Z_NULL, 0), p, (uInt)n);
    d->preset = p;
    d->npreset = n;
    if (layered) {
        size_t used;
        wx_status st = wx_words_new(p + sizeof MAGIC, n - sizeof MAGIC,
                                    &used, &d->words, err);
        if (st != WX_OK) {
            wx_zdict_free(d);
            return st;
        }
        d->preset = p + sizeof MAGIC + used;
        d->npreset = n - sizeof MAGIC - used;
        if (d->npreset > WX_ZDICT_MAX) {
            size_t np = d->npreset;
            wx_zdict_free(d);
            return wx_err_set(err, WX_EINVAL, "dictionary: preset of %zu "
                              "bytes, at most %d", np, WX_ZDICT_MAX);
        }
    }
    *out = d;
    return WX_OK;
}

wx_status wx_zdict_new_builtin(unsigned number, const void *bytes, size_t n,
                               wx_zdict **out, wx_err *err)
{
    *out = NULL;
    if (number == 0 || number > 255)
        return wx_err_set(err, WX_EINVAL, "built-in dictionary %u: "
                          "numbers are 1 to 255", number);
    wx_zdict *d = NULL;
    wx_status st = wx_zdict_new(bytes, n, &d, err);
    if (st != WX_OK)
        return st;
    if (d->words == NULL) {
        wx_zdict_free(d);
        return wx_err_set(err, WX_EFORMAT, "built-in dictionary %u: no "
                          "vocabulary", number);
    }
    d->id = number;
    d->builtin = true;
    *out = d;
    return WX_OK;
}

bool wx_zdict_builtin(const wx_zdict *d)
{
    return d->builtin;
}

void wx_zdict_free(wx_zdict *d)
{
    if (d == NULL)
        return;
    wx_words_free(d->words);
    free(d->bytes);
    free(d);
}

size_t wx_zdict_words(const wx_zdict *d)
{
    return d->words != NULL ? wx_words_count(d->words) : 0;
}

uint32_t wx_zdict_id(const wx_zdict *d)
{
    return d->id;
}

const void *wx_zdict_bytes(const wx_zdict *d, size_t *n)
{
    *n = d->n;
    return d->bytes;
}

/* ---- Dictionary training (method in the header) ---- */

enum {
    GRAM = 8,                   /* substring length that is counted */
    SEGMENT = 64,               /* bytes picked per epoch */
    SLOTS_MIN_BITS = 16,
    SLOTS_MAX_BITS = 22
};

typedef struct segment {
    size_t sample, pos, len;
    uint64_t score;
} segment;

typedef struct trainer {
    unsigned bits;
    uint32_t *count;            /* samples containing the gram */
    uint32_t *last;             /* last sample seen + 1, for counting */
    uint16_t *inwin;            /* occurrences in the current window */
} trainer;

static size_t gram_slot(const trainer *t, const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return (size_t)((v * 0x9E3779B97F4A7C15ull) >> (64 - t->bits));
}

/* Slide-window bookkeeping: a gram adds its count once per window. */
static void win_add(trainer *t, size_t h, uint64_t *score)
{
    if (t->inwin[h]++ == 0 && t->count[h] > 1)
        *score += t->count[h];
}

static void win_del(trainer *t, size_t h, uint64_t *score)
{
    if (--t->inwin[h] == 0 && t->count[h] > 1)
        *score -= t->count[h];
}

static int by_score(const void *a, const void *b)
{
    const segment *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    /* Ties: keep sample order, so the result is deterministic. */
    if (x->sample != y->sample)
        return x->sample < y->sample ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/*
 * Finish an epoch: keep the best window and zero the counts of its grams
 * so later epochs look for other material. Grams also in the current
 * window leave its score, which must stay the sum over live counts.
 */
static void take_best(trainer *t, const char *const *samples,
                      const segment *best, segment *segs, size_t *nsegs,
                      uint64_t *score)
{
    if (best->score == 0)
        return;
    const char *p = samples[best->sample] + best->pos;
    for (size_t j = 0; j + GRAM <= best->len; j++) {
        size_t h = gram_slot(t, p + j);
        if (t->inwin[h] > 0 && t->count[h] > 1)
            *score -= t->count[h];
        t->count[h] = 0;
    }
    segs[(*nsegs)++] = *best;
}

wx_status wx_zdict_train(const char *const *samples, const size_t *lens,
                         size_t nsamples, size_t dict_size, wx_buf *out)
{
    if (out->st != WX_OK)
        return out->st;
    if (dict_size > WX_ZDICT_MAX)
        dict_size = WX_ZDICT_MAX;
    uint64_t total = 0;
    for (size_t i = 0; i < nsamples; i++)
        total += lens[i];
    if (dict_size < SEGMENT || total < GRAM)
        return WX_OK;

    trainer t;
    t.bits = SLOTS_MIN_BITS;
    while (t.bits < SLOTS_MAX_BITS && ((uint64_t)1 << t.bits) < 2 * total)
        t.bits++;
    size_t slots = (size_t)1 << t.bits;
    size_t maxsegs = dict_size / SEGMENT;
    t.count = calloc(slots, sizeof *t.count);
    t.last = calloc(slots, sizeof *t.last);
    t.inwin = calloc(slots, sizeof *t.inwin);
    segment *segs = calloc(maxsegs + 1, sizeof *segs);
    wx_status st = WX_OK;
    if (t.count == NULL || t.last == NULL || t.inwin == NULL
        || segs == NULL) {
        st = WX_ENOMEM;
        goto done;
    }

    /* 1. Document frequency of every gram. */
    for (size_t s = 0; s < nsamples; s++) {
        for (size_t j = 0; j + GRAM <= lens[s]; j++) {
            size_t h = gram_slot(&t, samples[s] + j);
            if (t.last[h] != (uint32_t)(s + 1)) {
                t.last[h] = (uint32_t)(s + 1);
                if (t.count[h] < UINT32_MAX)
                    t.count[h]++;
            }
        }
    }

    /* 2. One best window per epoch of the concatenated samples. */
    uint64_t epoch_len = total / maxsegs;
    if (epoch_len < SEGMENT)
        epoch_len = SEGMENT;
    size_t nsegs = 0;
    uint64_t base = 0, epoch = 0, score = 0;
    segment best = {0, 0, 0, 0};
    for (size_t s = 0; s < nsamples && nsegs < maxsegs; s++) {
        const char *p = samples[s];
        size_t len = lens[s];
        size_t w = len < SEGMENT ? len : SEGMENT;
        if (w < GRAM) {
            base += len;
            continue;
        }
        size_t ngrams = w - GRAM + 1;
        score = 0;
        for (size_t j = 0; j < ngrams; j++)
            win_add(&t, gram_slot(&t, p + j), &score);
        size_t a = 0;
        for (;; a++) {
            /* The window p[a, a + w) belongs to the epoch of its start. */
            uint64_t e = (base + a) / epoch_len;
            if (e != epoch) {
                take_best(&t, samples, &best, segs, &nsegs, &score);
                memset(&best, 0, sizeof best);
                epoch = e;
                if (nsegs == maxsegs)
                    break;
            }
            if (score > best.score) {
                best.sample = s;
                best.pos = a;
                best.len = w;
                best.score = score;
            }
            if (a + w >= len)
                break;
            win_del(&t, gram_slot(&t, p + a), &score);
            win_add(&t, gram_slot(&t, p + a + ngrams), &score);
        }
        /* Empty the window before the next sample. */
        for (size_t j = 0; j < ngrams; j++)
            t.inwin[gram_slot(&t, p + a + j)]--;
        base += len;
    }
    score = 0;
    if (nsegs < maxsegs)
        take_best(&t, samples, &best, segs, &nsegs, &score);

    /* 3. Least useful first, most useful last (nearest the text). */
    qsort(segs, nsegs, sizeof *segs, by_score);
    size_t used = 0;
    for (size_t i = 0; i < nsegs; i++)
        used += segs[i].len;
    size_t first = 0;
    while (used > dict_size)
        used -= segs[first++].len;
    for (size_t i = first; i < nsegs; i++)
        wx_buf_append(out, samples[segs[i].sample] + segs[i].pos,
                      segs[i].len);
    st = out->st;

done:
    free(segs);
    free(t.inwin);
    free(t.last);
    free(t.count);
    return st;
}

wx_status wx_zdict_build(const char *const *samples, const size_t *lens,
                         size_t nsamples, size_t dict_size, wx_buf *out)
{
    wx_buf value;
    wx_buf_init(&value, WX_ZDICT_VALUE_MAX);
    wx_buf_append(&value, MAGIC, sizeof MAGIC);
    wx_status st = wx_words_train(samples, lens, nsamples, &value);
    wx_words *words = NULL;
    size_t used;
    wx_err err;
    if (st == WX_OK &&
        wx_words_new(value.data + sizeof MAGIC, value.len - sizeof MAGIC,
                     &used, &words, &err) != WX_OK)
        st = err.code;
    /* The preset primes deflate on coded text, so it is trained on the
     * samples' coded form. */
    wx_buf *coded = calloc(nsamples ? nsamples : 1, sizeof *coded);
    const char **cs = calloc(nsamples ? nsamples : 1, sizeof *cs);
    size_t *cl = calloc(nsamples ? nsamples : 1, sizeof *cl);
    if (st == WX_OK && (coded == NULL || cs == NULL || cl == NULL))
        st = WX_ENOMEM;
    for (size_t i = 0; st == WX_OK && i < nsamples; i++) {
        wx_buf_init(&coded[i], SIZE_MAX);
        st = wx_words_encode(words, samples[i], lens[i], &coded[i]);
        cs[i] = coded[i].data != NULL ? coded[i].data : "";
        cl[i] = coded[i].len;
    }
    if (st == WX_OK)
        st = wx_zdict_train(cs, cl, nsamples, dict_size, &value);
    if (st == WX_OK && wx_buf_append(out, value.data, value.len) != WX_OK)
        st = out->st;
    for (size_t i = 0; coded != NULL && i < nsamples; i++)
        wx_buf_free(&coded[i]);
    free(coded);
    free(cs);
    free(cl);
    wx_words_free(words);
    wx_buf_free(&value);
    return st;
}

/* ---- Records ---- */

wx_status wx_zcodec_new(int level, wx_zcodec **out, wx_err *err)
{
    *out = NULL;
    if (level < -1 || level > 9)
        return wx_err_set(err, WX_EINVAL, "compression level %d: must be "
                          "-1 to 9", level);
    wx_zcodec *z = calloc(1, sizeof *z);
    if (z == NULL)
        return wx_err_set(err, WX_ENOMEM, "codec: out of memory");
    z->level = level;
    wx_buf_init(&z->coded, SIZE_MAX);
    *out = z;
    return WX_OK;
}

void wx_zcodec_free(wx_zcodec *z)
{
    if (z == NULL)
        return;
    if (z->def_ready)
        deflateEnd(&z->def);
    if (z->primed_ready)
        deflateEnd(&z->primed);
    if (z->inf_ready)
        inflateEnd(&z->inf);
    free(z->tmp);
    free(z->out);
    wx_buf_free(&z->coded);
    free(z);
}

/* Make *p hold need bytes (contents not kept). */
static wx_status grow(unsigned char **p, size_t *cap, size_t need,
                      wx_err *err)
{
    if (need <= *cap)
        return WX_OK;
    unsigned char *q = malloc(need);
    if (q == NULL)
        return wx_err_set(err, WX_ENOMEM, "codec: out of memory for %zu "
                          "bytes", need);
    free(*p);
    *p = q;
    *cap = need;
    return WX_OK;
}

static wx_status scratch(wx_zcodec *z, size_t need, wx_err *err)
{
    return grow(&z->tmp, &z->tmp_cap, need, err);
}

/* Keep a large scratch from pinning memory after one huge article. */
static void scratch_trim(wx_zcodec *z)
{
    if (z->tmp_cap > SCRATCH_KEEP) {
        free(z->tmp);
        z->tmp = NULL;
        z->tmp_cap = 0;
    }
    if (z->out_cap > SCRATCH_KEEP) {
        free(z->out);
        z->out = NULL;
        z->out_cap = 0;
    }
    if (z->coded.cap > SCRATCH_KEEP)
        wx_buf_free(&z->coded);
}

static bool has_id(int format)
{
    return format == WX_ZCODEC_DEFLATE_DICT || format == WX_ZCODEC_WORDS_DICT
           || format == WX_ZCODEC_WORDS_BUILTIN;
}

/* Formats whose payload is word-coded, with a coded length. */
static bool coded_format(int format)
{
    return format == WX_ZCODEC_WORDS_DICT ||
           format == WX_ZCODEC_WORDS_BUILTIN;
}

/* coded is written for format 0x03 only. */
static size_t put_header(unsigned char *h, int format, uint32_t id,
                         size_t len, size_t coded)
{
    size_t k = 0;
    h[k++] = (unsigned char)format;
    if (format == WX_ZCODEC_WORDS_BUILTIN) {
        h[k++] = (unsigned char)id;
    } else if (has_id(format)) {
        for (int i = 0; i < 4; i++)
            h[k++] = (unsigned char)(id >> (8 * i));
    }
    k += wx_zcodec_put_varint(h + k, len);
    if (coded_format(format))
        k += wx_zcodec_put_varint(h + k, coded);
    return k;
}

size_t wx_zcodec_put_varint(unsigned char *p, uint64_t v)
{
    size_t k = 0;
    do {
        unsigned char b = v & 0x7f;
        v >>= 7;
        p[k++] = (unsigned char)(b | (v != 0 ? 0x80 : 0));
    } while (v != 0);
    return k;
}

wx_varint_status wx_zcodec_get_varint(const unsigned char *p, size_t n,
                                      size_t *pos, uint64_t *out)
{
    uint64_t v = 0;
    size_t k = *pos;
    for (int i = 0;; i++) {
        if (k == n)
            return WX_VARINT_TRUNCATED;
        if (i == LEB_MAX)
            return WX_VARINT_LONG;
        unsigned b = p[k++];
        uint64_t part = (uint64_t)(b & 0x7f);
        if (i == 9 && part > 1)
            return WX_VARINT_OVERFLOW;
        v |= part << (7 * i);
        if ((b & 0x80) == 0)
            break;
    }
    *pos = k;
    *out = v;
    return WX_VARINT_OK;
}

/* One length of the header at s[*k, n). */
static wx_status get_length(const unsigned char *s, size_t n, size_t *k,
                            size_t *len, wx_err *err)
{
    uint64_t v = 0;
    switch (wx_zcodec_get_varint(s, n, k, &v)) {
    case WX_VARINT_OK:
        break;
    case WX_VARINT_TRUNCATED:
        return wx_err_set(err, WX_EFORMAT, "stored text: truncated "
                          "header");
    case WX_VARINT_LONG:
        return wx_err_set(err, WX_EFORMAT, "stored text: length too "
                          "long");
    case WX_VARINT_OVERFLOW:
        return wx_err_set(err, WX_EFORMAT, "stored text: length "
                          "overflows");
    }
    if (v > SIZE_MAX)
        return wx_err_set(err, WX_EFORMAT, "stored text: length "
                          "overflows");
    *len = (size_t)v;
    return WX_OK;
}

/* Parse the header; *hlen is its size, *coded the coded length (format
 * 0x03; else 0). */
static wx_status get_header(const unsigned char *s, size_t n, int *format,
                            uint32_t *id, size_t *len, size_t *coded,
                            size_t *hlen, wx_err *err)
{
    if (n == 0)
        return wx_err_set(err, WX_EFORMAT, "stored text: empty record");
    size_t k = 0;
    *format = s[k++];
    *id = 0;
    *coded = 0;
    switch (*format) {
    case WX_ZCODEC_STORED:
    case WX_ZCODEC_DEFLATE:
        break;
    case WX_ZCODEC_DEFLATE_DICT:
    case WX_ZCODEC_WORDS_DICT:
        if (n < 5)
            return wx_err_set(err, WX_EFORMAT, "stored text: truncated "
                              "header");
        for (int i = 0; i < 4; i++)
            *id |= (uint32_t)s[k++] << (8 * i);
        break;
    case WX_ZCODEC_WORDS_BUILTIN:
        if (n < 2)
            return wx_err_set(err, WX_EFORMAT, "stored text: truncated "
                              "header");
        *id = s[k++];
        break;
    default:
        return wx_err_set(err, WX_EFORMAT, "stored text: unknown format "
                          "0x%02x", (unsigned)*format);
    }
    wx_status st = get_length(s, n, &k, len, err);
    if (st == WX_OK && coded_format(*format))
        st = get_length(s, n, &k, coded, err);
    *hlen = k;
    return st;
}

wx_status wx_zcodec_inspect(const void *src, size_t n, int *format,
                            uint32_t *dict_id, size_t *len, wx_err *err)
{
    size_t hlen, coded;
    return get_header(src, n, format, dict_id, len, &coded, &hlen, err);
}

static wx_status zlib_fail(int zr, const char *what, wx_err *err)
{
    if (zr == Z_MEM_ERROR)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", what);
    return wx_err_set(err, WX_EINTERNAL, "%s: zlib error %d", what, zr);
}

/* Feed in chunks: zlib's counters are 32-bit. */
static uInt chunk(size_t n)
{
    return n > UINT_MAX ? UINT_MAX : (uInt)n;
}

/* One inflate call on what is left of the input and the output, each
 * counted down by what the call used. */
static int inflate_some(z_stream *zs, size_t *in_left, size_t *out_left)
{
    uInt ai = chunk(*in_left), ao = chunk(*out_left);
    zs->avail_in = ai;
    zs->avail_out = ao;
    int zr = inflate(zs, Z_NO_FLUSH);
    *in_left -= ai - zs->avail_in;
    *out_left -= ao - zs->avail_out;
    return zr;
}

/*
 * Deflate src into dst[0, cap). *got is the packed size, or 0 when the
 * stream does not fit: then storing the text is no larger anyway.
 */
static wx_status deflate_to(wx_zcodec *z, const unsigned char *src,
                            size_t n, const wx_zdict *dict,
                            unsigned char *dst, size_t cap, size_t *got,
                            wx_err *err)
{
    int zr;
    *got = 0;
    bool preset = dict != NULL && dict->npreset > 0;
    if (preset && (!z->primed_ready || z->primed_dict != dict ||
                   z->primed_id != dict->id)) {
        if (z->primed_ready)
            deflateEnd(&z->primed);
        z->primed_ready = false;
        zr = deflateInit2(&z->primed, z->level, Z_DEFLATED, RAW_WINDOW,
                          MEM_LEVEL, Z_DEFAULT_STRATEGY);
        if (zr != Z_OK)
            return zlib_fail(zr, "deflate", err);
        z->primed_ready = true;
        zr = deflateSetDictionary(&z->primed, dict->preset,
                                  (uInt)dict->npreset);
        if (zr != Z_OK)
            return zlib_fail(zr, "deflate dictionary", err);
        z->primed_dict = dict;
        z->primed_id = dict->id;
    }
    if (preset) {
        if (z->def_ready)
            deflateEnd(&z->def);
        z->def_ready = false;
        if ((zr = deflateCopy(&z->def, &z->primed)) != Z_OK)
            return zlib_fail(zr, "deflate", err);
        z->def_ready = true;
    } else if (!z->def_ready) {
        zr = deflateInit2(&z->def, z->level, Z_DEFLATED, RAW_WINDOW,
                          MEM_LEVEL, Z_DEFAULT_STRATEGY);
        if (zr != Z_OK)
            return zlib_fail(zr, "deflate", err);
        z->def_ready = true;
    } else if ((zr = deflateReset(&z->def)) != Z_OK) {
        return zlib_fail(zr, "deflate", err);
    }
    size_t in_left = n, out_left = cap;
    z->def.next_in = (Bytef *)(uintptr_t)src;
    z->def.next_out = dst;
    do {
        if (out_left == 0)
            return WX_OK;
        uInt ai = chunk(in_left), ao = chunk(out_left);
        z->def.avail_in = ai;
        z->def.avail_out = ao;
        zr = deflate(&z->def, ai == in_left ? Z_FINISH : Z_NO_FLUSH);
        in_left -= ai - z->def.avail_in;
        out_left -= ao - z->def.avail_out;
        if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
            return zlib_fail(zr, "deflate", err);
    } while (zr != Z_STREAM_END);
    *got = cap - out_left;
    return WX_OK;
}

wx_status wx_zcodec_pack(wx_zcodec *z, const void *src, size_t n,
                         const wx_zdict *dict, wx_buf *out, wx_err *err)
{
    if (out->st != WX_OK)
        return wx_err_set(err, out->st, "stored text: output buffer "
                          "already failed");
    unsigned char hdr[HEADER_MAX];
    size_t hstored = put_header(hdr, WX_ZCODEC_STORED, 0, n, 0);
    int format = dict == NULL          ? WX_ZCODEC_DEFLATE
                 : dict->builtin       ? WX_ZCODEC_WORDS_BUILTIN
                 : dict->words != NULL ? WX_ZCODEC_WORDS_DICT
                                       : WX_ZCODEC_DEFLATE_DICT;
    uint32_t id = dict != NULL ? dict->id : 0;
    const void *in = src;
    size_t nin = n;
    wx_status st = WX_OK;
    if (coded_format(format)) {
        wx_buf_reset(&z->coded);
        if (wx_words_encode(dict->words, src, n, &z->coded) != WX_OK) {
            st = wx_err_set(err, z->coded.st, "stored text: out of memory");
            goto done;
        }
        in = z->coded.data;
        nin = z->coded.len;
    }
    size_t hlen = put_header(hdr, format, id, n, nin);

    /* Room for either form: the record is appended in one piece, so a
     * full out gets nothing. Deflate only pays when it beats the stored
     * form by a byte. */
    st = scratch(z, hstored + n, err);
    if (st != WX_OK)
        goto done;
    size_t packed = 0;
    if (hlen + 1 < hstored + n) {
        st = deflate_to(z, in, nin, dict, z->tmp + hlen,
                        hstored + n - hlen - 1, &packed, err);
        if (st != WX_OK)
            goto done;
    }
    if (packed == 0) {
        hlen = put_header(z->tmp, WX_ZCODEC_STORED, 0, n, 0);
        if (n > 0)
            memcpy(z->tmp + hlen, src, n);
        packed = n;
    } else {
        memcpy(z->tmp, hdr, hlen);
    }
    if (wx_buf_append(out, z->tmp, hlen + packed) != WX_OK)
        st = wx_err_set(err, out->st, "stored text: output buffer full "
                        "or out of memory");
done:
    scratch_trim(z);
    return st;
}

/* Make z's inflate stream ready for a new record's payload src (primed
 * with dict). */
static wx_status inflate_start(wx_zcodec *z, const wx_zdict *dict,
                               const unsigned char *src, wx_err *err)
{
    int zr;
    if (!z->inf_ready) {
        zr = inflateInit2(&z->inf, RAW_WINDOW);
        if (zr != Z_OK)
            return zlib_fail(zr, "inflate", err);
        z->inf_ready = true;
    } else if ((zr = inflateReset(&z->inf)) != Z_OK) {
        return zlib_fail(zr, "inflate", err);
    }
    if (dict != NULL && dict->npreset > 0 &&
        (zr = inflateSetDictionary(&z->inf, dict->preset,
                                   (uInt)dict->npreset)) != Z_OK)
        return zlib_fail(zr, "inflate dictionary", err);
    z->inf.next_in = (Bytef *)(uintptr_t)src;
    return WX_OK;
}

static wx_status inflate_to(wx_zcodec *z, const unsigned char *src,
                            size_t n, const wx_zdict *dict,
                            unsigned char *dst, size_t len, wx_err *err)
{
    int zr;
    wx_status st = inflate_start(z, dict, src, err);
    if (st != WX_OK)
        return st;
    /* One spare output byte: a stream longer than len shows up. */
    size_t in_left = n, out_left = len + 1;
    z->inf.next_out = dst;
    for (;;) {
        zr = inflate_some(&z->inf, &in_left, &out_left);
        if (zr == Z_STREAM_END)
            break;
        if (zr == Z_OK && in_left > 0 && out_left > 0)
            continue;
        switch (zr) {
        case Z_OK:
        case Z_BUF_ERROR:
            if (out_left == 0)
                return wx_err_set(err, WX_EFORMAT, "stored text: longer "
                                  "than its header says");
            return wx_err_set(err, WX_EFORMAT, "stored text: truncated "
                              "compressed data");
        case Z_MEM_ERROR:
            return zlib_fail(zr, "inflate", err);
        default:
            return wx_err_set(err, WX_EFORMAT, "stored text: corrupt "
                              "compressed data (%s)",
                              z->inf.msg != NULL ? z->inf.msg : "?");
        }
    }
    if (out_left != 1)
        return wx_err_set(err, WX_EFORMAT, "stored text: %zu bytes, its "
                          "header says %zu", len + 1 - out_left, len);
    if (in_left != 0)
        return wx_err_set(err, WX_EFORMAT, "stored text: %zu bytes after "
                          "the compressed data", in_left);
    return WX_OK;
}

/* A record's header checked against max, out and dict: its format, text
 * length, coded length (format 0x03), payload, and the dictionary to
 * inflate it with (NULL for none). */
static wx_status open_record(const void *src, size_t n, const wx_zdict **dict,
                             size_t max, const wx_buf *out, int *format,
                             size_t *len, size_t *coded,
                             const unsigned char **payload, size_t *plen,
                             wx_err *err)
{
    if (out->st != WX_OK)
        return wx_err_set(err, out->st, "stored text: output buffer "
                          "already failed");
    const unsigned char *s = src;
    uint32_t id;
    size_t hlen;
    wx_status st = get_header(s, n, format, &id, len, coded, &hlen, err);
    if (st != WX_OK)
        return st;
    if (*len > max)
        return wx_err_set(err, WX_ETOOBIG, "stored text: %zu bytes, over "
                          "the limit of %zu", *len, max);
    *payload = s + hlen;
    *plen = n - hlen;
    /* Deflate expands at most ~1032 times, a word code WX_WORD_MAX
     * times, an escape halves: refuse a claimed length no payload this
     * short can reach before allocating for it. */
    size_t inflated = coded_format(*format) ? *coded : *len;
    if (*format != WX_ZCODEC_STORED && inflated > 1024
        && (inflated - 1024) / MAX_EXPANSION > *plen)
        return wx_err_set(err, WX_EFORMAT, "stored text: %zu bytes "
                          "cannot come from %zu compressed bytes",
                          inflated, *plen);
    if (coded_format(*format) &&
        (*coded / 2 > *len || *len / WX_WORD_MAX > *coded))
        return wx_err_set(err, WX_EFORMAT, "stored text: %zu bytes "
                          "cannot come from %zu coded bytes", *len, *coded);
    if (*format == WX_ZCODEC_STORED) {
        if (*plen != *len)
            return wx_err_set(err, WX_EFORMAT, "stored text: %zu bytes, "
                              "its header says %zu", *plen, *len);
        *dict = NULL;
        return WX_OK;
    }
    if (*format == WX_ZCODEC_WORDS_BUILTIN) {
        if (*dict == NULL || !(*dict)->builtin || (*dict)->id != id)
            return wx_err_set(err, WX_EFORMAT, "stored text: needs "
                              "built-in dictionary %u, %s", (unsigned)id,
                              *dict == NULL ? "none given"
                                            : "given another");
    } else if (has_id(*format)) {
        if (*dict == NULL)
            return wx_err_set(err, WX_EFORMAT, "stored text: needs "
                              "dictionary %08x, none given", (unsigned)id);
        if ((*dict)->builtin || (*dict)->id != id)
            return wx_err_set(err, WX_EFORMAT, "stored text: needs "
                              "dictionary %08x, not %08x", (unsigned)id,
                              (unsigned)(*dict)->id);
        if (*format == WX_ZCODEC_WORDS_DICT && (*dict)->words == NULL)
            return wx_err_set(err, WX_EFORMAT, "stored text: dictionary "
                              "%08x has no vocabulary", (unsigned)id);
    } else {
        *dict = NULL;
    }
    if (*len == SIZE_MAX || *coded == SIZE_MAX)
        return wx_err_set(err, WX_ETOOBIG, "stored text: too long");
    return WX_OK;
}

/* Inflate the next want bytes of the stream begun by inflate_start
 * (*in_left bytes of its payload left) into dst. */
static wx_status inflate_more(wx_zcodec *z, size_t *in_left,
                              unsigned char *dst, size_t want, wx_err *err)
{
    int zr;
    size_t out_left = want;
    z->inf.next_out = dst;
    while (out_left > 0) {
        zr = inflate_some(&z->inf, in_left, &out_left);
        if (zr == Z_OK && (*in_left > 0 || z->inf.avail_out == 0))
            continue;
        if (zr == Z_STREAM_END || zr == Z_OK || zr == Z_BUF_ERROR) {
            if (out_left > 0)
                return wx_err_set(err, WX_EFORMAT, "stored text: ends "
                                  "%zu bytes short", out_left);
            break;
        }
        return zr == Z_MEM_ERROR
                   ? zlib_fail(zr, "inflate", err)
                   : wx_err_set(err, WX_EFORMAT, "stored text: corrupt "
                                "compressed data (%s)",
                                z->inf.msg != NULL ? z->inf.msg : "?");
    }
    return WX_OK;
}

/* Decode all of the coded text tmp[0, coded) into z->out: exactly len
 * bytes. */
static wx_status decode_whole(wx_zcodec *z, const wx_zdict *dict,
                              size_t coded, size_t len, wx_err *err)
{
    wx_status st = grow(&z->out, &z->out_cap, len ? len : 1, err);
    size_t used, got;
    if (st == WX_OK)
        st = wx_words_decode(dict->words, z->tmp, coded, z->out, len, &used,
                             &got, err);
    if (st != WX_OK)
        return st;
    if (got < len)
        return wx_err_set(err, WX_EFORMAT, "stored text: coded text ends "
                          "at byte %zu of %zu", got, len);
    if (used < coded)
        return wx_err_set(err, WX_EFORMAT, "stored text: longer than its "
                          "header says");
    return WX_OK;
}

/*
 * The first want bytes of a coded record into z->out. The coded text is
 * inflated a piece at a time, each about what the bytes still missing
 * take, so an entry near the front of a block inflates little more than
 * itself. A text byte takes at most two coded bytes (an escape) and a
 * word code three, so 2 * want + 3 coded bytes always suffice.
 */
static wx_status decode_prefix(wx_zcodec *z, const wx_zdict *dict,
                               const unsigned char *payload, size_t plen,
                               size_t coded, size_t want, wx_err *err)
{
    size_t most = want < coded / 2 && 2 * want + 3 < coded ? 2 * want + 3
                                                           : coded;
    wx_status st;
    if ((st = scratch(z, most, err)) != WX_OK ||
        (st = grow(&z->out, &z->out_cap, want, err)) != WX_OK ||
        (st = inflate_start(z, dict, payload, err)) != WX_OK)
        return st;
    size_t in_left = plen, have = 0, done = 0, got = 0;
    while (got < want) {
        size_t ask = (want - got) - (want - got) / 4 + 16;
        if (ask > most - done)
            ask = most - done;
        if (ask == 0)
            return wx_err_set(err, WX_EFORMAT, "stored text: coded text "
                              "ends at byte %zu of %zu", got, want);
        if ((st = inflate_more(z, &in_left, z->tmp + have, ask, err)) !=
            WX_OK)
            return st;
        done += ask;
        have += ask;
        size_t used, g;
        st = wx_words_decode(dict->words, z->tmp, have, z->out + got,
                             want - got, &used, &g, err);
        if (st != WX_OK)
            return st;
        got += g;
        /* A token cut by the end of what is inflated waits for more. */
        memmove(z->tmp, z->tmp + used, have - used);
        have -= used;
    }
    return WX_OK;
}

wx_status wx_zcodec_unpack(wx_zcodec *z, const void *src, size_t n,
                           const wx_zdict *dict, size_t max, wx_buf *out,
                           wx_err *err)
{
    int format;
    size_t len, coded, plen;
    const unsigned char *payload;
    wx_status st = open_record(src, n, &dict, max, out, &format, &len,
                               &coded, &payload, &plen, err);
    if (st != WX_OK)
        return st;
    if (len > out->max || out->len > out->max - len)
        return wx_err_set(err, WX_ETOOBIG, "stored text: %zu bytes do "
                          "not fit the output buffer", len);
    if (format == WX_ZCODEC_STORED) {
        if (wx_buf_append(out, payload, plen) != WX_OK)
            return wx_err_set(err, out->st, "stored text: output buffer "
                              "full or out of memory");
        return WX_OK;
    }
    bool words = coded_format(format);
    size_t inflated = words ? coded : len;
    st = scratch(z, inflated + 1, err);
    if (st == WX_OK)
        st = inflate_to(z, payload, plen, dict, z->tmp, inflated, err);
    if (st == WX_OK && words)
        st = decode_whole(z, dict, coded, len, err);
    if (st == WX_OK &&
        wx_buf_append(out, words ? z->out : z->tmp, len) != WX_OK)
        st = wx_err_set(err, out->st, "stored text: output buffer full "
                        "or out of memory");
    scratch_trim(z);
    return st;
}

wx_status wx_zcodec_unpack_prefix(wx_zcodec *z, const void *src, size_t n,
                                  const wx_zdict *dict, size_t want,
                                  wx_buf *out, wx_err *err)
{
    int format;
    size_t len, coded, plen;
    const unsigned char *payload;
    wx_status st = open_record(src, n, &dict, SIZE_MAX - 1, out, &format,
                               &len, &coded, &payload, &plen, err);
    if (st != WX_OK)
        return st;
    if (want > len)
        want = len;
    if (want > out->max || out->len > out->max - want)
        return wx_err_set(err, WX_ETOOBIG, "stored text: %zu bytes do "
                          "not fit the output buffer", want);
    if (format == WX_ZCODEC_STORED || want == 0) {
        if (wx_buf_append(out, payload, want) != WX_OK)
            return wx_err_set(err, out->st, "stored text: output buffer "
                              "full or out of memory");
        return WX_OK;
    }
    bool words = coded_format(format);
    if (words) {
        st = decode_prefix(z, dict, payload, plen, coded, want, err);
    } else if ((st = scratch(z, want, err)) == WX_OK &&
               (st = inflate_start(z, dict, payload, err)) == WX_OK) {
        size_t in_left = plen;
        st = inflate_more(z, &in_left, z->tmp, want, err);
    }
    if (st == WX_OK &&
        wx_buf_append(out, words ? z->out : z->tmp, want) != WX_OK)
        st = wx_err_set(err, out->st, "stored text: output buffer full "
                        "or out of memory");
    scratch_trim(z);
    return st;
}

wx_status wx_zcodec_compress(const void *src, size_t n,
                             const wx_zdict *dict, int level, wx_buf *out,
                             wx_err *err)
{
    wx_zcodec *z;
    wx_status st = wx_zcodec_new(level, &z, err);
    if (st != WX_OK)
        return st;
    st = wx_zcodec_pack(z, src, n, dict, out, err);
    wx_zcodec_free(z);
    return st;
}

wx_status wx_zcodec_decompress(const void *src, size_t n,
                               const wx_zdict *dict, size_t max,
                               wx_buf *out, wx_err *err)
{
    wx_zcodec *z;
    wx_status st = wx_zcodec_new(-1, &z, err);
    if (st != WX_OK)
        return st;
    st = wx_zcodec_unpack(z, src, n, dict, max, out, err);
    wx_zcodec_free(z);
    return st;
}
