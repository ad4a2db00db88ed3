/*
 * Output escaping, one rule per medium over one shared driver: the driver
 * decodes UTF-8 (wx_utf8_decode), copies runs of safe characters in one
 * append and asks the medium's rule for a replacement otherwise. Invalid
 * bytes reach the rules as BAD so no medium can emit malformed UTF-8.
 */
#include "wx_escape.h"

#include "wx_utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The code point handed to rules for a byte that is not valid UTF-8. */
#define BAD UINT32_C(0xFFFFFFFF)

enum { REPL_MAX = 16 };

/*
 * A medium's rule: the replacement for cp (written into tmp or a string
 * literal), or NULL to copy the character unchanged. prev is the code
 * point before it (0 at the start).
 */
typedef const char *(*rule_fn)(uint32_t cp, uint32_t prev, unsigned flags,
                               char tmp[REPL_MAX]);

static wx_status run_rule(const char *s, size_t n, rule_fn rule,
                          unsigned flags, wx_buf *out)
{
    size_t i = 0, run = 0;
    uint32_t prev = 0;
    char tmp[REPL_MAX];
    while (i < n) {
        uint32_t cp;
        size_t len;
        if ((unsigned char)s[i] < 0x80) {
            cp = (unsigned char)s[i];
            len = 1;
        } else if ((len = wx_utf8_decode(s + i, n - i, &cp)) == 0) {
            cp = BAD;
            len = 1;
        }
        const char *r = rule(cp, prev, flags, tmp);
        if (r != NULL) {
            if (i > run)
                wx_buf_append(out, s + run, i - run);
            wx_buf_puts(out, r);
            run = i + len;
        }
        prev = cp;
        i += len;
    }
    if (n > run)
        wx_buf_append(out, s + run, n - run);
    return out->st;
}

static bool is_c1(uint32_t cp)
{
    return cp >= 0x80 && cp <= 0x9F;
}

static const char *html_rule(uint32_t cp, uint32_t prev, unsigned flags,
                             char tmp[REPL_MAX])
{
    (void)prev, (void)flags, (void)tmp;
    switch (cp) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    case '\t': case '\n': case '\r': return NULL;
    default: break;
    }
    if (cp == BAD)
        return WX_UTF8_REPLACEMENT;
    if (cp < 0x20 || cp == 0x7F || is_c1(cp))
        return "";
    return NULL;
}

wx_status wx_escape_html(const char *s, size_t n, wx_buf *out)
{
    return run_rule(s, n, html_rule, 0, out);
}

static const char *json_rule(uint32_t cp, uint32_t prev, unsigned flags,
                             char tmp[REPL_MAX])
{
    (void)flags;
    switch (cp) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '/': return prev == '<' ? "\\/" : NULL;
    default: break;
    }
    if (cp == BAD)
        return WX_UTF8_REPLACEMENT;
    if (cp < 0x20 || cp == 0x7F || is_c1(cp) || cp == 0x2028 ||
        cp == 0x2029) {
        snprintf(tmp, REPL_MAX, "\\u%04x", (unsigned)cp);
        return tmp;
    }
    return NULL;
}

wx_status wx_escape_json(const char *s, size_t n, wx_buf *out)
{
    return run_rule(s, n, json_rule, 0, out);
}

static const char *csv_rule(uint32_t cp, uint32_t prev, unsigned flags,
                            char tmp[REPL_MAX])
{
    (void)prev, (void)flags, (void)tmp;
    if (cp == '"')
        return "\"\"";
    if (cp == '\n' || cp == '\t')
        return NULL;
    if (cp == BAD)
        return WX_UTF8_REPLACEMENT;
    if (cp < 0x20 || cp == 0x7F || is_c1(cp))
        return "";
    return NULL;
}

wx_status wx_escape_csv(const char *s, size_t n, wx_buf *out)
{
    /* The formula check looks at the field as written, after dropped
     * controls: "\x01=1" must not start with "=" unguarded. */
    wx_buf cell;
    wx_buf_init(&cell, out->max);
    run_rule(s, n, csv_rule, 0, &cell);
    if (cell.st != WX_OK) {
        if (out->st == WX_OK)
            out->st = cell.st;
        wx_buf_free(&cell);
        return out->st;
    }
    wx_buf_putc(out, '"');
    if (cell.len > 0 && strchr("=+-@\t", cell.data[0]) != NULL)
        wx_buf_putc(out, '\'');
    if (cell.len > 0)
        wx_buf_append(out, cell.data, cell.len);
    wx_buf_free(&cell);
    return wx_buf_putc(out, '"');
}

static bool url_unreserved(uint32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= '0' && cp <= '9') || cp == '-' || cp == '.' ||
           cp == '_' || cp == '~';
}

static const char *url_rule(uint32_t cp, uint32_t prev, unsigned flags,
                            char tmp[REPL_MAX])
{
    (void)prev, (void)flags;
    static const char hex[] = "0123456789ABCDEF";
    if (url_unreserved(cp))
        return NULL;
    char enc[4];
    size_t len = wx_utf8_encode(cp == BAD ? 0xFFFD : cp, enc);
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)enc[i];
        tmp[3 * i] = '%';
        tmp[3 * i + 1] = hex[b >> 4];
        tmp[3 * i + 2] = hex[b & 15];
    }
    tmp[3 * len] = '\0';
    return tmp;
}

wx_status wx_escape_url(const char *s, size_t n, wx_buf *out)
{
    return run_rule(s, n, url_rule, 0, out);
}

static const char *term_rule(uint32_t cp, uint32_t prev, unsigned flags,
                             char tmp[REPL_MAX])
{
    (void)prev, (void)tmp;
    switch (cp) {
    case '\t': return " ";
    case '\n': return flags & WX_TERM_KEEP_NL ? NULL : " ";
    case '\r': return "";
    default: break;
    }
    if (cp == BAD)
        return WX_UTF8_REPLACEMENT;
    if (cp < 0x20 || cp == 0x7F || is_c1(cp))
        return "?";
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
        return "";
    return NULL;
}

wx_status wx_escape_term(const char *s, size_t n, unsigned flags,
                         wx_buf *out)
{
    return run_rule(s, n, term_rule, flags, out);
}

static const char *plain_rule(uint32_t cp, uint32_t prev, unsigned flags,
                              char tmp[REPL_MAX])
{
    (void)prev, (void)flags, (void)tmp;
    return cp == BAD ? WX_UTF8_REPLACEMENT : NULL;
}

wx_status wx_escape_snippet(const char *s, size_t n, wx_medium medium,
                            wx_buf *out)
{
    const char *on, *off;
    rule_fn rule;
    switch (medium) {
    case WX_MEDIUM_PLAIN:
        on = off = "", rule = plain_rule;
        break;
    case WX_MEDIUM_HTML:
        on = "<mark>", off = "</mark>", rule = html_rule;
        break;
    case WX_MEDIUM_ANSI:
        on = WX_ANSI_HL_ON, off = WX_ANSI_HL_OFF, rule = term_rule;
        break;
    default:
        return WX_EINVAL;
    }
    bool open = false;
    size_t seg = 0;
    for (size_t i = 0; i <= n; i++) {
        bool start = i < n && s[i] == WX_HL_START[0];
        bool end = i < n && s[i] == WX_HL_END[0];
        if (i < n && !start && !end)
            continue;
        if (i > seg)
            run_rule(s + seg, i - seg, rule, 0, out);
        seg = i + 1;
        if (start && !open)
            wx_buf_puts(out, on), open = true;
        else if ((end || i == n) && open)
            wx_buf_puts(out, off), open = false;
    }
    return out->st;
}
