/*
 * Unit tests for common/wx_escape, exhaustive in the manner of Omega's
 * jsonesctest: every byte value and every pair of byte values through
 * each escaper, checking that nothing dangerous survives, that JSON
 * parses (jansson) and round-trips, and that snippets stay balanced.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_escape.h"
#include "wx_utf8.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef wx_status (*esc_fn)(const char *s, size_t n, wx_buf *out);

static wx_status term_plain(const char *s, size_t n, wx_buf *out)
{
    return wx_escape_term(s, n, 0, out);
}

static wx_status term_nl(const char *s, size_t n, wx_buf *out)
{
    return wx_escape_term(s, n, WX_TERM_KEEP_NL, out);
}

/* Escape s[0..n) into a fresh buffer; the caller frees it. */
static void esc(esc_fn fn, const char *s, size_t n, wx_buf *out)
{
    wx_buf_init(out, 1 << 16);
    assert_int_equal(fn(s, n, out), WX_OK);
    assert_true(wx_utf8_valid(out->data, out->len));
}

static void check_exact(esc_fn fn, const char *in, const char *want)
{
    wx_buf out;
    esc(fn, in, strlen(in), &out);
    assert_string_equal(wx_buf_str(&out), want);
    wx_buf_free(&out);
}

/* Call fn on every single byte and every pair of bytes. */
typedef void (*check_fn)(const char *in, size_t n, const wx_buf *out);

static void over_all_bytes(esc_fn fn, check_fn check)
{
    char in[2];
    for (unsigned a = 0; a < 256; a++) {
        in[0] = (char)a;
        wx_buf out;
        esc(fn, in, 1, &out);
        check(in, 1, &out);
        wx_buf_free(&out);
        for (unsigned b = 0; b < 256; b++) {
            in[1] = (char)b;
            esc(fn, in, 2, &out);
            check(in, 2, &out);
            wx_buf_free(&out);
        }
    }
}

static bool has_c0_or_c1(const wx_buf *out, const char *allowed)
{
    const unsigned char *p = (const unsigned char *)out->data;
    for (size_t i = 0; i < out->len; i++) {
        if ((p[i] < 0x20 || p[i] == 0x7F) && strchr(allowed, p[i]) == NULL)
            return true;
        if (p[i] == 0xC2 && i + 1 < out->len && p[i + 1] >= 0x80 &&
            p[i + 1] <= 0x9F)
            return true;
    }
    return false;
}

/* ---- HTML ---- */

static void html_check(const char *in, size_t n, const wx_buf *out)
{
    (void)in, (void)n;
    for (size_t i = 0; i < out->len; i++) {
        char c = out->data[i];
        assert_true(c != '<' && c != '>' && c != '"' && c != '\'');
        if (c == '&') {
            const char *e = out->data + i;
            assert_true(strncmp(e, "&amp;", 5) == 0 ||
                        strncmp(e, "&lt;", 4) == 0 ||
                        strncmp(e, "&gt;", 4) == 0 ||
                        strncmp(e, "&quot;", 6) == 0 ||
                        strncmp(e, "&#39;", 5) == 0);
        }
    }
    assert_false(has_c0_or_c1(out, "\t\n\r"));
}

static void test_html(void **state)
{
    (void)state;
    over_all_bytes(wx_escape_html, html_check);
    check_exact(wx_escape_html, "a<b>&\"'c", "a&lt;b&gt;&amp;&quot;&#39;c");
    check_exact(wx_escape_html, "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;");
    check_exact(wx_escape_html, "tab\there\nnl\r", "tab\there\nnl\r");
    check_exact(wx_escape_html, "\x1b[1mx\x7F\xC2\x9B", "[1mx");
    check_exact(wx_escape_html, "M\xC3\xBCnchen", "M\xC3\xBCnchen");
    check_exact(wx_escape_html, "bad\xFF!", "bad\xEF\xBF\xBD!");
    check_exact(wx_escape_html, "", "");
}

/* ---- JSON ---- */

static void json_check(const char *in, size_t n, const wx_buf *out)
{
    assert_false(has_c0_or_c1(out, ""));
    assert_null(strstr(wx_buf_str(out), "</"));
    /* "..." must parse as one JSON string. */
    size_t len = out->len + 2;
    char *doc = malloc(len + 1);
    assert_non_null(doc);
    doc[0] = '"';
    memcpy(doc + 1, out->data, out->len);
    doc[len - 1] = '"';
    doc[len] = '\0';
    json_error_t jerr;
    json_t *j = json_loadb(doc, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (j == NULL)
        fail_msg("jansson rejects %s: %s", doc, jerr.text);
    assert_true(json_is_string(j));
    const char *v = json_string_value(j);
    size_t vlen = json_string_length(j);
    if (wx_utf8_valid(in, n)) {
        assert_int_equal(vlen, n);
        assert_memory_equal(v, in, n);
    } else {
        bool found = false;
        for (size_t i = 0; i + 3 <= vlen && !found; i++)
            found = memcmp(v + i, WX_UTF8_REPLACEMENT, 3) == 0;
        assert_true(found);
    }
    json_decref(j);
    free(doc);
}

static void test_json(void **state)
{
    (void)state;
    over_all_bytes(wx_escape_json, json_check);
    check_exact(wx_escape_json, "say \"hi\" \\ /", "say \\\"hi\\\" \\\\ /");
    check_exact(wx_escape_json, "\b\f\n\r\t", "\\b\\f\\n\\r\\t");
    check_exact(wx_escape_json, "\x01\x1b\x1f\x7f", "\\u0001\\u001b\\u001f"
                                                    "\\u007f");
    check_exact(wx_escape_json, "c1\xC2\x85", "c1\\u0085");
    check_exact(wx_escape_json, "a\xE2\x80\xA8" "b\xE2\x80\xA9",
                "a\\u2028b\\u2029");
    check_exact(wx_escape_json, "</script><\\/x>/", "<\\/script><\\\\/x>/");
    check_exact(wx_escape_json, "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80");
    check_exact(wx_escape_json, "x\xC0\xAF", "x\xEF\xBF\xBD\xEF\xBF\xBD");
    check_exact(wx_escape_json, "\xED\xA0\x80",
                "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    /* Embedded NUL is escaped, not a terminator. */
    wx_buf out;
    esc(wx_escape_json, "a\0b", 3, &out);
    assert_string_equal(wx_buf_str(&out), "a\\u0000b");
    wx_buf_free(&out);
}

/* Every valid 1- to 4-byte character survives a JSON round trip. */
static void test_json_all_code_points(void **state)
{
    (void)state;
    wx_buf out;
    wx_buf_init(&out, 16 << 20);
    wx_buf all;
    wx_buf_init(&all, 16 << 20);
    for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
        char enc[4];
        size_t len = wx_utf8_encode(cp, enc);
        if (len > 0)
            wx_buf_append(&all, enc, len);
    }
    assert_int_equal(all.st, WX_OK);
    assert_int_equal(wx_escape_json(all.data, all.len, &out), WX_OK);
    wx_buf doc;
    wx_buf_init(&doc, 32 << 20);
    wx_buf_putc(&doc, '"');
    wx_buf_append(&doc, out.data, out.len);
    wx_buf_putc(&doc, '"');
    assert_int_equal(doc.st, WX_OK);
    json_error_t jerr;
    json_t *j = json_loadb(doc.data, doc.len, JSON_DECODE_ANY, &jerr);
    if (j == NULL)
        fail_msg("jansson: %s", jerr.text);
    assert_int_equal(json_string_length(j), all.len);
    assert_memory_equal(json_string_value(j), all.data, all.len);
    json_decref(j);
    wx_buf_free(&doc);
    wx_buf_free(&all);
    wx_buf_free(&out);
}

/* ---- URL ---- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;  /* lower-case hex is not what we emit */
}

static void url_check(const char *in, size_t n, const wx_buf *out)
{
    char dec[64];
    size_t k = 0;
    for (size_t i = 0; i < out->len; i++) {
        char c = out->data[i];
        if (c == '%') {
            assert_true(i + 2 < out->len);
            int hi = hexval(out->data[i + 1]), lo = hexval(out->data[i + 2]);
            assert_true(hi >= 0 && lo >= 0);
            dec[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            assert_true((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                        c == '_' || c == '~');
            dec[k++] = c;
        }
    }
    assert_true(wx_utf8_valid(dec, k));
    if (wx_utf8_valid(in, n)) {
        assert_int_equal(k, n);
        assert_memory_equal(dec, in, n);
    }
}

static void test_url(void **state)
{
    (void)state;
    over_all_bytes(wx_escape_url, url_check);
    check_exact(wx_escape_url, "a b&c=d/e?f#g+h",
                "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh");
    check_exact(wx_escape_url, "AZaz09-._~", "AZaz09-._~");
    check_exact(wx_escape_url, "M\xC3\xBCnchen", "M%C3%BCnchen");
    check_exact(wx_escape_url, "%", "%25");
    check_exact(wx_escape_url, "\xFF", "%EF%BF%BD");
}

/* ---- CSV ---- */

static void csv_check(const char *in, size_t n, const wx_buf *out)
{
    (void)in, (void)n;
    /* One quoted field: quotes at both ends, inner quotes doubled. */
    assert_true(out->len >= 2);
    assert_int_equal(out->data[0], '"');
    assert_int_equal(out->data[out->len - 1], '"');
    const char *inner = out->data + 1;
    size_t len = out->len - 2;
    for (size_t i = 0; i < len; i++)
        if (inner[i] == '"') {
            assert_true(i + 1 < len && inner[i + 1] == '"');
            i++;
        }
    /* Nothing a spreadsheet would run as a formula. */
    assert_true(len == 0 || strchr("=+-@\t", inner[0]) == NULL ||
                inner[0] == '\0');
    assert_false(has_c0_or_c1(out, "\t\n"));
}

static void test_csv(void **state)
{
    (void)state;
    over_all_bytes(wx_escape_csv, csv_check);
    check_exact(wx_escape_csv, "", "\"\"");
    check_exact(wx_escape_csv, "plain", "\"plain\"");
    check_exact(wx_escape_csv, "a \"b\", c", "\"a \"\"b\"\", c\"");
    check_exact(wx_escape_csv, "line\nbreak", "\"line\nbreak\"");
    check_exact(wx_escape_csv, "=1+2", "\"'=1+2\"");
    check_exact(wx_escape_csv, "+1", "\"'+1\"");
    check_exact(wx_escape_csv, "-1", "\"'-1\"");
    check_exact(wx_escape_csv, "@SUM(A1)", "\"'@SUM(A1)\"");
    check_exact(wx_escape_csv, "\tx", "\"'\tx\"");
    check_exact(wx_escape_csv, "a=b", "\"a=b\"");
    check_exact(wx_escape_csv, "\x01x\x7f", "\"x\"");
    check_exact(wx_escape_csv, "\x01=1", "\"'=1\"");
    check_exact(wx_escape_csv, "\r=1", "\"'=1\"");
}

/* ---- terminal ---- */

static void term_check(const char *in, size_t n, const wx_buf *out)
{
    (void)in, (void)n;
    assert_false(has_c0_or_c1(out, ""));
    assert_null(memchr(out->data, 0x1b, out->len));
}

static void term_nl_check(const char *in, size_t n, const wx_buf *out)
{
    assert_false(has_c0_or_c1(out, "\n"));
    assert_null(memchr(out->data, 0x1b, out->len));
    /* Newlines in, newlines out: nothing else makes one. */
    size_t nin = 0, nout = 0;
    for (size_t i = 0; i < n; i++)
        nin += in[i] == '\n';
    for (size_t i = 0; i < out->len; i++)
        nout += out->data[i] == '\n';
    assert_int_equal(nin, nout);
}

static void test_term(void **state)
{
    (void)state;
    over_all_bytes(term_plain, term_check);
    over_all_bytes(term_nl, term_nl_check);
    check_exact(term_plain, "\x1b]0;pwned\x07title", "?]0;pwned?title");
    check_exact(term_plain, "a\tb\nc\r\n", "a b c ");
    check_exact(term_nl, "a\tb\nc\r\n", "a b\nc\n");
    check_exact(term_plain, "csi\xC2\x9B" "31m", "csi?31m");
    check_exact(term_plain, "del\x7F", "del?");
    check_exact(term_plain, "x\xE2\x80\xAE" "evil\xE2\x81\xA6" "y", "xevily");
    check_exact(term_plain, "<b>&ok", "<b>&ok");
    check_exact(term_plain, "bad\xC3", "bad\xEF\xBF\xBD");
}

/* ---- snippets ---- */

static void snip_exact(wx_medium m, const char *in, const char *want)
{
    wx_buf out;
    wx_buf_init(&out, 4096);
    assert_int_equal(wx_escape_snippet(in, strlen(in), m, &out), WX_OK);
    assert_string_equal(wx_buf_str(&out), want);
    wx_buf_free(&out);
}

#define S WX_HL_START
#define E WX_HL_END
#define ON WX_ANSI_HL_ON
#define OFF WX_ANSI_HL_OFF

static void test_snippet_table(void **state)
{
    (void)state;
    snip_exact(WX_MEDIUM_PLAIN, "the " S "oil" E " price", "the oil price");
    snip_exact(WX_MEDIUM_PLAIN, S S "x" E E "\xFF", "x\xEF\xBF\xBD");
    snip_exact(WX_MEDIUM_HTML, "the " S "oil" E " <price>",
               "the <mark>oil</mark> &lt;price&gt;");
    snip_exact(WX_MEDIUM_HTML, S "a" S "b" E "c" E "d",
               "<mark>ab</mark>cd");
    snip_exact(WX_MEDIUM_HTML, E "a" S "b", "a<mark>b</mark>");
    snip_exact(WX_MEDIUM_HTML, S, "<mark></mark>");
    snip_exact(WX_MEDIUM_HTML, "", "");
    snip_exact(WX_MEDIUM_ANSI, "the " S "oil" E "\nprice\x1b[2J",
               "the " ON "oil" OFF " price?[2J");
    snip_exact(WX_MEDIUM_ANSI, "open " S "end", "open " ON "end" OFF);
    wx_buf out;
    wx_buf_init(&out, 64);
    assert_int_equal(wx_escape_snippet("x", 1, (wx_medium)42, &out),
                     WX_EINVAL);
    assert_int_equal(out.len, 0);
    assert_int_equal(out.st, WX_OK);
    wx_buf_free(&out);
}

/* HTML snippet output is balanced for every string over a small
 * alphabet of markers and specials, up to length 6. */
static void test_snippet_balanced(void **state)
{
    (void)state;
    static const char alpha[] = { '\x02', '\x03', 'a', '<', '\x1b' };
    enum { K = sizeof alpha, MAXLEN = 6 };
    char in[MAXLEN];
    for (size_t len = 0; len <= MAXLEN; len++) {
        size_t total = 1;
        for (size_t i = 0; i < len; i++)
            total *= K;
        for (size_t code = 0; code < total; code++) {
            size_t c = code;
            for (size_t i = 0; i < len; i++, c /= K)
                in[i] = alpha[c % K];
            wx_buf out;
            wx_buf_init(&out, 4096);
            assert_int_equal(
                wx_escape_snippet(in, len, WX_MEDIUM_HTML, &out), WX_OK);
            const char *p = wx_buf_str(&out);
            int depth = 0;
            while ((p = strchr(p, '<')) != NULL) {
                if (strncmp(p, "<mark>", 6) == 0)
                    depth++;
                else if (strncmp(p, "</mark>", 7) == 0)
                    depth--;
                else
                    fail_msg("stray '<' in %s", wx_buf_str(&out));
                assert_true(depth == 0 || depth == 1);
                p++;
            }
            assert_int_equal(depth, 0);
            assert_false(has_c0_or_c1(&out, ""));
            wx_buf_free(&out);

            wx_buf_init(&out, 4096);
            assert_int_equal(
                wx_escape_snippet(in, len, WX_MEDIUM_ANSI, &out), WX_OK);
            /* Every ON is followed by an OFF before the next ON, and
             * the terminal is reset at the end. */
            bool lit = false;
            for (const char *q = wx_buf_str(&out); *q != '\0'; q++) {
                if (strncmp(q, ON, strlen(ON)) == 0) {
                    assert_false(lit);
                    lit = true;
                } else if (strncmp(q, OFF, strlen(OFF)) == 0) {
                    assert_true(lit);
                    lit = false;
                }
            }
            assert_false(lit);
            wx_buf_free(&out);
        }
    }
}

/* ---- sticky errors ---- */

static void test_sticky(void **state)
{
    (void)state;
    esc_fn fns[] = { wx_escape_html, wx_escape_json, wx_escape_url,
                     term_plain };
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
        wx_buf out;
        wx_buf_init(&out, 8);
        assert_int_equal(fns[i]("<<<<<<<<<", 9, &out), WX_ETOOBIG);
        size_t len = out.len;
        assert_true(len <= 8);
        assert_int_equal(fns[i]("a", 1, &out), WX_ETOOBIG);
        assert_int_equal(out.len, len);
        wx_buf_free(&out);
    }
    wx_buf out;
    wx_buf_init(&out, 4);
    assert_int_equal(
        wx_escape_snippet(S "abcdef" E, 8, WX_MEDIUM_HTML, &out), WX_ETOOBIG);
    assert_int_equal(out.st, WX_ETOOBIG);
    wx_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_json_all_code_points),
        cmocka_unit_test(test_url),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_term),
        cmocka_unit_test(test_snippet_table),
        cmocka_unit_test(test_snippet_balanced),
        cmocka_unit_test(test_sticky),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
