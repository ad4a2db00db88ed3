/*
 * Strict UTF-8 decoding and the clean-up built on it. The decoder is the
 * single definition of "well-formed" (Unicode Table 3-7) that repair,
 * validation and the escapers (wx_escape.c) share.
 */
#include "wx_utf8.h"

#include <string.h>

size_t wx_utf8_decode(const char *p, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)p;
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        if (cp != NULL)
            *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c < 0xC2) {             /* continuation byte, or overlong C0/C1 */
        return 0;
    } else if (c < 0xE0) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c < 0xF0) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c < 0xF5) {      /* F5..FF would start values > U+10FFFF */
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    if (cp != NULL)
        *cp = v;
    return len;
}

size_t wx_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return 0;
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool wx_utf8_valid(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)p[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = wx_utf8_decode(p + i, n - i, NULL);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

wx_status wx_utf8_repair(const char *p, size_t n, wx_buf *out,
                         size_t *repairs)
{
    size_t fixed = 0, i = 0, run = 0;
    /* Copy well-formed runs in one append; only bad bytes are rewritten. */
    while (i < n) {
        size_t len = (unsigned char)p[i] < 0x80
                         ? 1
                         : wx_utf8_decode(p + i, n - i, NULL);
        if (len > 0) {
            i += len;
            continue;
        }
        if (i > run)
            wx_buf_append(out, p + run, i - run);
        unsigned char c = (unsigned char)p[i];
        char enc[2] = { (char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F)) };
        wx_buf_append(out, enc, sizeof enc);
        fixed++;
        run = ++i;
    }
    if (n > run)
        wx_buf_append(out, p + run, n - run);
    if (repairs != NULL)
        *repairs = fixed;
    return out->st;
}

size_t wx_utf8_strip_controls(char *s, size_t n)
{
    size_t r = 0, w = 0;
    while (r < n) {
        unsigned char c = (unsigned char)s[r];
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
            r++;
        } else if (c == 0xC2 && r + 1 < n &&
                   (unsigned char)s[r + 1] >= 0x80 &&
                   (unsigned char)s[r + 1] <= 0x9F) {
            r += 2;
        } else {
            s[w++] = s[r++];
        }
    }
    if (w < n)
        s[w] = '\0';
    return w;
}

size_t wx_utf8_truncate(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    size_t k = max;
    /* Back up over at most three continuation bytes to a lead byte. */
    for (int i = 0; i < 3 && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80;
         i++)
        k--;
    size_t len = wx_utf8_decode(s + k, n - k, NULL);
    if (len > 0 && k + len > max)
        return k;
    return max;
}

/* Base letters of U+00C0..U+017F, one per code point: '*' marks the
 * two-letter ones (see pair()), '?' the signs kept as they are. */
static const char unaccent_base[] =
    "aaaaaa*ceeeeiiiidnooooo?ouuuuy**aaaaaa*ceeeeiiiidnooooo?ouuuuy*y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkll"
    "llllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

static const char *pair(uint32_t cp)
{
    switch (cp) {
    case 0xC6: case 0xE6: return "ae";
    case 0xDE: case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: case 0x133: return "ij";
    default: return "oe";      /* U+0152, U+0153 */
    }
}

size_t wx_utf8_unaccent(char *s, size_t n)
{
    size_t w = 0;
    for (size_t r = 0; r < n;) {
        uint32_t cp;
        size_t len = wx_utf8_decode(s + r, n - r, &cp);
        if (len == 2 && cp >= 0xC0 && cp < 0x180 &&
            unaccent_base[cp - 0xC0] != '?') {
            char b = unaccent_base[cp - 0xC0];
            if (b == '*') {
                memcpy(s + w, pair(cp), 2);
                w += 2;
            } else {
                s[w++] = b;
            }
            r += 2;
            continue;
        }
        if (len == 0)
            len = 1;
        memmove(s + w, s + r, len);
        w += len;
        r += len;
    }
    if (w < n)
        s[w] = '\0';
    return w;
}

size_t wx_utf8_skip_space(const char *s, size_t n, size_t p)
{
    for (;;) {
        if (p < n && (s[p] == ' ' || s[p] == '\t' || s[p] == '\r' ||
                      s[p] == '\n' || s[p] == '\f' || s[p] == '\v'))
            p++;
        else if (p + 1 < n && (unsigned char)s[p] == 0xC2 &&
                 (unsigned char)s[p + 1] == 0xA0)
            p += 2;
        else
            return p;
    }
}
