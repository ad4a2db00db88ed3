/*
 * Streaming record scanner and text rules for the SGML wire formats.
 * The text rules follow the reference reading of Reuters-21578
 * (../shared/tools/reuters-to-jsonl, Python's html.unescape and
 * str.split) so that indexed text equals it byte for byte.
 */
#include "sgml.h"
#include "dateline.h"

#include "wx_limits.h"
#include "wx_utf8.h"

#include <stdint.h>
#include <string.h>

/* ---- small character helpers ---------------------------------------- */

static bool is_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int hex_val(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* White space as Python's str.isspace() sees it. */
static bool is_space_cp(uint32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) ||
           cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/*
 * The length of the character at p (a stray byte counts as one Latin-1
 * character, which is how the reference and wx_article_finish() repair
 * it) and whether it is white space.
 */
static size_t char_at(const unsigned char *p, size_t n, bool *space)
{
    if (p[0] < 0x80) {
        *space = p[0] == ' ' || (p[0] >= 0x09 && p[0] <= 0x0D) ||
                 (p[0] >= 0x1C && p[0] <= 0x1F);
        return 1;
    }
    uint32_t cp;
    size_t len = wx_utf8_decode((const char *)p, n, &cp);
    if (len == 0) {
        cp = p[0];
        len = 1;
    }
    *space = is_space_cp(cp);
    return len;
}

static wx_status put_utf8(wx_buf *out, uint32_t cp)
{
    char b[4];
    return wx_buf_append(out, b, wx_utf8_encode(cp, b));
}

/* ---- record scanner ---------------------------------------------------- */

const char *wx_sgml_find(const char *s, size_t n, const char *pat,
                         size_t plen)
{
    if (plen == 0 || n < plen)
        return NULL;
    const char *last = s + (n - plen);
    for (const char *p = s; p <= last; p++) {
        p = memchr(p, pat[0], (size_t)(last - p) + 1);
        if (p == NULL)
            return NULL;
        if (memcmp(p, pat, plen) == 0)
            return p;
    }
    return NULL;
}

/* The first "<tag" at or after from that ends at a non-word character. */
static const char *find_open(const char *s, size_t n, const char *tag,
                             size_t tlen)
{
    const char *p = s;
    const char *end = s + n;
    while (p < end) {
        const char *hit = wx_sgml_find(p, (size_t)(end - p), tag, tlen);
        if (hit == NULL)
            return NULL;
        const char *after = hit + tlen;
        if (after == end || !is_word((unsigned char)*after))
            return hit;
        p = hit + 1;
    }
    return NULL;
}

void wx_sgml_scan_init(wx_sgml_scan *sc, wx_input *in, const char *open,
                       const char *close)
{
    memset(sc, 0, sizeof *sc);
    sc->in = in;
    sc->open = open;
    sc->close = close;
    wx_buf_init(&sc->rec, WX_MAX_RECORD_BYTES);
}

void wx_sgml_scan_free(wx_sgml_scan *sc)
{
    if (sc != NULL)
        wx_buf_free(&sc->rec);
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' &&
            s[i] != '\v')
            return false;
    return true;
}

/* Append to the record; a full buffer marks it oversize, ENOMEM is
 * returned (fatal). */
static wx_status rec_add(wx_sgml_scan *sc, const char *p, size_t n,
                         wx_err *err)
{
    if (sc->oversize)
        return WX_OK;
    wx_status st = wx_buf_append(&sc->rec, p, n);
    if (st == WX_ETOOBIG) {
        sc->oversize = true;
        return WX_OK;
    }
    if (st != WX_OK)
        return wx_err_set(err, st, "%s:%ld: out of memory",
                          wx_input_name(sc->in), sc->rec_line);
    return WX_OK;
}

static wx_status finish_rec(wx_sgml_scan *sc, wx_err *err)
{
    sc->in_rec = false;
    if (sc->oversize)
        return wx_err_set(err, WX_EFORMAT,
                          "%s:%ld: %s> record longer than %zu bytes",
                          wx_input_name(sc->in), sc->rec_line, sc->open,
                          sc->rec.max);
    return WX_OK;
}

static void start_rec(wx_sgml_scan *sc)
{
    sc->in_rec = true;
    sc->oversize = false;
    sc->rec_line = wx_input_lineno(sc->in);
    sc->records++;
    wx_buf_reset(&sc->rec);
}

/* Get the next line into sc; WX_OK, WX_EOF or a status to return. */
static wx_status next_line(wx_sgml_scan *sc, wx_err *err)
{
    for (;;) {
        const char *line;
        size_t len;
        wx_status st = wx_input_getline(sc->in, &line, &len, err);
        if (st == WX_ETOOBIG) {
            sc->seen_text = true;
            if (sc->in_rec) {
                sc->oversize = true;
                continue;
            }
            return wx_err_set(err, WX_EFORMAT,
                              "%s:%ld: line longer than %d bytes skipped",
                              wx_input_name(sc->in),
                              wx_input_lineno(sc->in), WX_MAX_RECORD_BYTES);
        }
        if (st != WX_OK)
            return st;
        if (!sc->seen_text && !blank(line, len))
            sc->seen_text = true;
        sc->line = line;
        sc->line_len = len;
        sc->line_pos = 0;
        sc->have_line = true;
        return WX_OK;
    }
}

wx_status wx_sgml_scan_next(wx_sgml_scan *sc, wx_err *err)
{
    size_t olen = strlen(sc->open);
    size_t clen = strlen(sc->close);
    if (sc->done)
        return WX_EOF;
    for (;;) {
        if (!sc->have_line) {
            wx_status st = next_line(sc, err);
            if (st == WX_EOF) {
                sc->done = true;
                if (sc->in_rec) {
                    sc->in_rec = false;
                    return wx_err_set(err, WX_EFORMAT,
                                      "%s:%ld: %s> record not closed "
                                      "before the end of the file",
                                      wx_input_name(sc->in), sc->rec_line,
                                      sc->open);
                }
                if (sc->records == 0 && sc->seen_text)
                    return wx_err_set(err, WX_EFORMAT,
                                      "%s:1: no %s> record found",
                                      wx_input_name(sc->in), sc->open);
                return WX_EOF;
            }
            if (st != WX_OK && sc->in_rec) {
                /* Say which record was lost, keeping the status. */
                char why[WX_ERR_MSG_MAX];
                why[0] = '\0';
                if (err != NULL)
                    memcpy(why, err->msg, sizeof why);
                sc->in_rec = false;
                sc->done = true;
                return wx_err_set(err, st, "%s:%ld: %s> record lost: %s",
                                  wx_input_name(sc->in), sc->rec_line,
                                  sc->open, why);
            }
            if (st != WX_OK)
                return st;
        }
        const char *rest = sc->line + sc->line_pos;
        size_t rlen = sc->line_len - sc->line_pos;
        size_t skip = 0;    /* do not take our own open tag for the next */
        if (!sc->in_rec) {
            const char *o = find_open(rest, rlen, sc->open, olen);
            if (o == NULL) {
                sc->have_line = false;
                continue;
            }
            start_rec(sc);
            sc->line_pos += (size_t)(o - rest);
            rest = o;
            rlen = sc->line_len - sc->line_pos;
            skip = olen;
        }
        const char *c = wx_sgml_find(rest + skip, rlen - skip, sc->close,
                                     clen);
        size_t upto = c != NULL ? (size_t)(c - rest) : rlen;
        const char *o = find_open(rest + skip, upto - skip, sc->open, olen);
        if (o != NULL) {
            /* A new record begins before this one ended: drop this one
             * and start there on the next call. */
            sc->line_pos += (size_t)(o - rest);
            sc->in_rec = false;
            return wx_err_set(err, WX_EFORMAT,
                              "%s:%ld: %s> record not closed before the "
                              "next one", wx_input_name(sc->in),
                              sc->rec_line, sc->open);
        }
        if (c != NULL) {
            wx_status st = rec_add(sc, rest, (size_t)(c - rest), err);
            if (st != WX_OK)
                return st;
            sc->line_pos += (size_t)(c - rest) + clen;
            return finish_rec(sc, err);
        }
        wx_status st = rec_add(sc, rest, rlen, err);
        if (st == WX_OK)
            st = rec_add(sc, "\n", 1, err);
        if (st != WX_OK)
            return st;
        sc->have_line = false;
    }
}

/* ---- elements and attributes ----------------------------------------- */

bool wx_sgml_element(const char *s, size_t n, const char *tag,
                     wx_sgml_span *attrs, wx_sgml_span *content)
{
    char open[40], close[40];
    size_t tlen = strlen(tag);
    if (tlen + 3 >= sizeof open)
        return false;
    open[0] = '<';
    memcpy(open + 1, tag, tlen);
    close[0] = '<';
    close[1] = '/';
    memcpy(close + 2, tag, tlen);
    close[tlen + 2] = '>';
    const char *o = find_open(s, n, open, tlen + 1);
    if (o == NULL)
        return false;
    const char *end = s + n;
    const char *a = o + tlen + 1;
    const char *gt = memchr(a, '>', (size_t)(end - a));
    if (gt == NULL)
        return false;
    const char *c = wx_sgml_find(gt + 1, (size_t)(end - gt - 1), close,
                                 tlen + 3);
    if (c == NULL)
        return false;
    if (attrs != NULL) {
        attrs->p = a;
        attrs->n = (size_t)(gt - a);
    }
    content->p = gt + 1;
    content->n = (size_t)(c - gt - 1);
    return true;
}

static bool attr_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool wx_sgml_attr(wx_sgml_span attrs, const char *name, wx_sgml_span *val)
{
    /* A tag without attributes has a null span: NULL + 0 is undefined. */
    if (attrs.p == NULL)
        return false;
    const char *p = attrs.p;
    const char *end = attrs.p + attrs.n;
    size_t nlen = strlen(name);
    while (p < end) {
        while (p < end && (attr_space(*p) || *p == '/'))
            p++;
        const char *k = p;
        while (p < end && !attr_space(*p) && *p != '=')
            p++;
        size_t klen = (size_t)(p - k);
        while (p < end && attr_space(*p))
            p++;
        const char *v = p;
        size_t vlen = 0;
        if (p < end && *p == '=') {
            p++;
            while (p < end && attr_space(*p))
                p++;
            if (p < end && (*p == '"' || *p == '\'')) {
                char q = *p++;
                v = p;
                while (p < end && *p != q)
                    p++;
                vlen = (size_t)(p - v);
                if (p < end)
                    p++;
            } else {
                v = p;
                while (p < end && !attr_space(*p))
                    p++;
                vlen = (size_t)(p - v);
            }
        }
        if (klen == nlen && klen > 0) {
            size_t i = 0;
            while (i < klen && lower((unsigned char)k[i]) ==
                                   lower((unsigned char)name[i]))
                i++;
            if (i == klen) {
                val->p = v;
                val->n = vlen;
                return true;
            }
        }
        if (klen == 0 && p < end && p == k)
            p++;    /* a stray "=" or quote: step over it */
    }
    return false;
}

/* ---- character references --------------------------------------------- */

/* Windows-1252 for &#128;..&#159;, as HTML maps them; 0 keeps the code. */
static const uint16_t cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

static const struct {
    const char *name;
    char c;
} entities[] = {
    {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''},
    {"LT", '<'}, {"GT", '>'}, {"AMP", '&'}, {"QUOT", '"'}
};

/* Emit the character a numeric reference stands for, HTML's way. */
static wx_status put_ref(wx_buf *out, uint32_t cp)
{
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return put_utf8(out, 0xFFFD);
    if (cp >= 0x80 && cp <= 0x9F)
        return put_utf8(out, cp1252[cp - 0x80] ? cp1252[cp - 0x80] : cp);
    if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F)
        return out->st;
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
        return out->st;
    return put_utf8(out, cp);
}

/*
 * Decode the reference starting at s[0] == '&'. Returns the bytes it
 * spans, or 0 when it is not one (the "&" is then literal).
 */
static size_t decode_ref(wx_buf *out, const char *s, size_t n)
{
    size_t i = 1;
    if (i < n && s[i] == '#') {
        uint32_t cp = 0;
        size_t start;
        i++;
        if (i + 1 < n && (s[i] == 'x' || s[i] == 'X') &&
            hex_val((unsigned char)s[i + 1]) >= 0) {
            i++;
            start = i;
            while (i < n && hex_val((unsigned char)s[i]) >= 0) {
                if (cp <= 0x10FFFF)
                    cp = cp * 16 + (uint32_t)hex_val((unsigned char)s[i]);
                i++;
            }
        } else {
            start = i;
            while (i < n && is_digit((unsigned char)s[i])) {
                if (cp <= 0x10FFFF)
                    cp = cp * 10 + (uint32_t)(s[i] - '0');
                i++;
            }
        }
        if (i == start)
            return 0;
        if (i < n && s[i] == ';')
            i++;
        put_ref(out, cp);
        return i;
    }
    while (i < n && is_word((unsigned char)s[i]) && s[i] != '_')
        i++;
    size_t nlen = i - 1;
    for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
        if (strlen(entities[k].name) == nlen &&
            memcmp(entities[k].name, s + 1, nlen) == 0) {
            if (i < n && s[i] == ';')
                i++;
            wx_buf_putc(out, entities[k].c);
            return i;
        }
    }
    return 0;
}

wx_status wx_sgml_decode(wx_buf *out, const char *s, size_t n)
{
    size_t run = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '&') {
            wx_buf_append(out, s + run, i - run);
            size_t used = decode_ref(out, s + i, n - i);
            if (used == 0) {
                wx_buf_putc(out, '&');
                used = 1;
            }
            i += used;
            run = i;
        } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
            wx_buf_append(out, s + run, i - run);
            i++;
            run = i;
        } else {
            i++;
        }
    }
    return wx_buf_append(out, s + run, n - run);
}

wx_status wx_sgml_strip_tags(wx_buf *out, const char *s, size_t n)
{
    size_t run = 0;
    size_t i = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (lt == NULL)
            break;
        i = (size_t)(lt - s);
        const char *gt = memchr(lt + 1, '>', n - i - 1);
        if (gt == NULL)
            break;      /* no tag can close any more */
        if (gt == lt + 1) {
            i++;        /* "<>" is text */
            continue;
        }
        wx_buf_append(out, s + run, i - run);
        wx_buf_putc(out, ' ');
        i = (size_t)(gt - s) + 1;
        run = i;
    }
    return wx_buf_append(out, s + run, n - run);
}

/* ---- white space ------------------------------------------------------ */

/* Append s[0..n) collapsed; *any says whether anything was appended. */
static void collapse(wx_buf *out, const char *s, size_t n, bool *any)
{
    const unsigned char *u = (const unsigned char *)s;
    bool gap = false;
    size_t i = 0;
    while (i < n) {
        bool space;
        size_t len = char_at(u + i, n - i, &space);
        if (space) {
            gap = true;
            i += len;
            continue;
        }
        size_t start = i;
        i += len;
        while (i < n) {
            len = char_at(u + i, n - i, &space);
            if (space)
                break;
            i += len;
        }
        if (gap && *any)
            wx_buf_putc(out, ' ');
        wx_buf_append(out, s + start, i - start);
        *any = true;
        gap = false;
    }
}

wx_status wx_sgml_line(wx_buf *out, const char *s, size_t n)
{
    bool any = false;
    collapse(out, s, n, &any);
    return out->st;
}

static bool blank_text(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        bool space;
        i += char_at(u + i, n - i, &space);
        if (!space)
            return false;
    }
    return true;
}

wx_status wx_sgml_paragraphs(wx_buf *out, const char *s, size_t n)
{
    bool any = false;       /* a paragraph has been written */
    bool open = false;      /* the last paragraph may go on */
    const char *p = s;
    const char *end = s + n;
    while (p <= end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        size_t len = (size_t)(eol - p);
        if (blank_text(p, len)) {
            open = false;
        } else {
            if (p[0] == ' ' || p[0] == '\t')
                open = false;
            if (open) {
                wx_buf_putc(out, ' ');
            } else {
                if (any)
                    wx_buf_putc(out, '\n');
                open = true;
            }
            bool dummy = false;
            collapse(out, p, len, &dummy);
            any = true;
        }
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    return out->st;
}

/* ---- datelines -------------------------------------------------------- */

wx_status wx_sgml_city(wx_buf *out, const char *s, size_t n)
{
    size_t end = n;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ',' || s[i] == '(' ||
            (s[i] == ' ' && i + 1 < n && (s[i + 1] == '-' ||
                                          s[i + 1] == '_'))) {
            end = i;
            break;
        }
    }
    size_t start = 0;
    while (start < end && !is_alpha((unsigned char)s[start]) &&
           (unsigned char)s[start] < 0x80)
        start++;
    while (end > start && (s[end - 1] == ' ' || s[end - 1] == '-' ||
                           s[end - 1] == '_' || s[end - 1] == '*' ||
                           s[end - 1] == ':' || s[end - 1] == '\t'))
        end--;
    if (end == start || end - start > 64)
        return out->st;
    for (size_t i = start; i < end; i++)
        if (is_digit((unsigned char)s[i]))
            return out->st;
    return wx_buf_append(out, s + start, end - start);
}

/* ---- turning a record into an article ------------------------------- */

void wx_sgml_rec_init(wx_sgml_rec *r, wx_input *in, const char *open,
                      const char *close)
{
    wx_sgml_scan_init(&r->sc, in, open, close);
    wx_buf_init(&r->raw, WX_MAX_RECORD_BYTES);
    wx_buf_init(&r->dec, WX_MAX_RECORD_BYTES);
    wx_buf_init(&r->txt, WX_MAX_BODY_BYTES);
}

void wx_sgml_rec_free(wx_sgml_rec *r)
{
    if (r == NULL)
        return;
    wx_sgml_scan_free(&r->sc);
    wx_buf_free(&r->raw);
    wx_buf_free(&r->dec);
    wx_buf_free(&r->txt);
}

wx_status wx_sgml_rec_err(const wx_sgml_rec *r, wx_status st,
                          const char *what, size_t max, wx_err *err)
{
    const char *name = wx_input_name(r->sc.in);
    if (st == WX_ETOOBIG)
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: %s longer than %zu "
                          "bytes", name, r->sc.rec_line, what, max);
    return wx_err_set(err, st, "%s:%ld: out of memory", name,
                      r->sc.rec_line);
}

wx_status wx_sgml_rec_shape(wx_sgml_rec *r, const char *p, size_t n,
                            int how, size_t max, const char *what,
                            wx_err *err)
{
    wx_status st;
    wx_buf_reset(&r->dec);
    wx_buf_reset(&r->txt);
    r->txt.max = max;
    if (how & WX_SGML_STRIP) {
        wx_buf_reset(&r->raw);
        if ((st = wx_sgml_strip_tags(&r->raw, p, n)) != WX_OK)
            return wx_sgml_rec_err(r, st, what, r->raw.max, err);
        p = wx_buf_str(&r->raw);
        n = r->raw.len;
    }
    if ((st = wx_sgml_decode(&r->dec, p, n)) != WX_OK)
        return wx_sgml_rec_err(r, st, what, r->dec.max, err);
    const char *d = wx_buf_str(&r->dec);
    st = (how & WX_SGML_PARAS) ? wx_sgml_paragraphs(&r->txt, d, r->dec.len)
                               : wx_sgml_line(&r->txt, d, r->dec.len);
    if (st != WX_OK)
        return wx_sgml_rec_err(r, st, what, max, err);
    if (how & WX_SGML_LOWER)
        for (size_t i = 0; i < r->txt.len; i++)
            r->txt.data[i] = (char)lower((unsigned char)r->txt.data[i]);
    return WX_OK;
}

wx_status wx_sgml_rec_set(wx_sgml_rec *r, char **field, wx_err *err)
{
    if (wx_article_set(field, wx_buf_str(&r->txt), r->txt.len) != WX_OK)
        return wx_sgml_rec_err(r, WX_ENOMEM, "", 0, err);
    return WX_OK;
}

wx_status wx_sgml_rec_meta(wx_sgml_rec *r, wx_article *a, const char *key,
                           const char *val, wx_err *err)
{
    if (val[0] == '\0')
        return WX_OK;
    if (wx_article_add_meta(a, key, val) != WX_OK)
        return wx_sgml_rec_err(r, WX_ENOMEM, "", 0, err);
    return WX_OK;
}

wx_status wx_sgml_rec_dateline(wx_sgml_rec *r, wx_article *a, wx_err *err)
{
    wx_status st = wx_sgml_rec_meta(r, a, "dateline_text",
                                    wx_buf_str(&r->txt), err);
    if (st != WX_OK)
        return st;
    /* dec is free once the field is shaped. */
    wx_buf_reset(&r->dec);
    wx_sgml_city(&r->dec, wx_buf_str(&r->txt), r->txt.len);
    if (r->dec.len > 0 &&
        wx_article_set(&a->dateline, r->dec.data, r->dec.len) != WX_OK)
        return wx_sgml_rec_err(r, WX_ENOMEM, "", 0, err);
    /* The parts the one dateline parser finds (qualifier, date as
     * written, credit); the city above stays the reference's. */
    wx_dateline dl;
    if (wx_dateline_parse_field(wx_buf_str(&r->txt), r->txt.len, &dl) &&
        wx_dateline_apply(a, &dl, WX_DATELINE_NO_AGENCY |
                                      WX_DATELINE_PARTS) != WX_OK)
        return wx_sgml_rec_err(r, WX_ENOMEM, "", 0, err);
    return WX_OK;
}
