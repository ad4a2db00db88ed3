/*
 * Teletype reader: messages framed "ZCZC" ... "NNNN", one article each,
 * as AAP and other agencies still send them. The ZCZC line and the
 * routing lines after it ("%MNETALL", "AAP POL 1234") are header, kept
 * as metadata; the wire-end signals (KN, KNN) are not text; the rest
 * goes through wire.c: keyword line, version line, byline, headline,
 * body, sign-off.
 */
#include "reader.h"

#include "dateline.h"
#include "wire.h"
#include "wx_limits.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct teletype_state {
    wx_wire_file *f;
} teletype_state;

/* A clean line is s[0..n) == word. */
static bool line_is(const char *s, size_t n, const char *word)
{
    return n == strlen(word) && memcmp(s, word, n) == 0;
}

/* The start (after blanks) of line l, and whether it opens a message. */
static bool is_zczc(const wx_wire_line *l)
{
    size_t i = 0;
    while (i < l->n && (l->p[i] == ' ' || l->p[i] == '\t'))
        i++;
    return l->n - i >= 4 && memcmp(l->p + i, "ZCZC", 4) == 0 &&
           (l->n - i == 4 || !isalnum((unsigned char)l->p[i + 4]));
}

static bool is_nnnn(const char *s)
{
    return strcmp(s, "NNNN") == 0;
}

/* A routing line: starts with '%', or only capitals, digits and
 * punctuation, with a digit or '%' in it ("AAP POL 1234 4"). */
static bool is_routing(const char *s)
{
    if (*s == '%')
        return true;
    bool digit = false;
    for (const char *p = s; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (islower(c) || c >= 0x80)
            return false;
        digit = digit || isdigit(c) || c == '%';
    }
    return digit && strlen(s) <= 48;
}

static wx_status teletype_next(void *state, wx_article *a, wx_err *err)
{
    teletype_state *s = state;
    wx_wire_file *f = s->f;
    wx_wire_line l;
    size_t pos = f->pos;
    /* Find the next ZCZC; anything else before it is noise. */
    bool junk = false;
    for (;;) {
        size_t at = pos;
        if (!wx_wire_next_line(f->buf, f->len, &pos, &l, NULL)) {
            bool first = f->pos == 0;
            wx_wire_advance(f, f->len);
            if (first && junk)
                return wx_err_set(err, WX_EFORMAT, "%s:1: no ZCZC message "
                                  "found", f->name);
            return WX_EOF;
        }
        if (is_zczc(&l)) {
            wx_wire_advance(f, at);
            break;
        }
        wx_wire_line t = l;
        while (t.n > 0 && isspace((unsigned char)t.p[t.n - 1]))
            t.n--;
        junk = junk || t.n > 0;
    }
    long line = f->line;
    pos = f->pos;
    wx_wire_next_line(f->buf, f->len, &pos, &l, NULL);
    wx_status st = wx_wire_clean(&l, &f->tmp);
    /* The rest of the ZCZC line is header. */
    const char *h = wx_buf_str(&f->tmp) + 4;
    while (*h == ' ')
        h++;
    if (st == WX_OK)
        st = wx_wire_meta(a, "header", h, strlen(h));
    /* "ZCZC AAP ...": the agency sending it, when the table knows it. */
    const char *agency = wx_dateline_agency(h, strcspn(h, " "));
    if (st == WX_OK && agency != NULL)
        st = wx_article_set(&a->agency, agency, (size_t)-1);
    /* Routing lines, then the text up to KN/KNN/NNNN. */
    size_t text = pos, text_end = pos;
    bool in_header = true, closed = false;
    while (st == WX_OK) {
        size_t at = pos;
        if (!wx_wire_next_line(f->buf, f->len, &pos, &l, NULL))
            break;
        if (is_zczc(&l)) {          /* the next message, unclosed */
            pos = at;
            break;
        }
        if ((st = wx_wire_clean(&l, &f->tmp)) != WX_OK)
            break;
        const char *c = wx_buf_str(&f->tmp);
        if (is_nnnn(c)) {
            closed = true;
            break;
        }
        if (in_header && *c != '\0' && is_routing(c)) {
            st = wx_wire_meta(a, "header", c, strlen(c));
            text = pos;
            continue;
        }
        in_header = false;
        char date[WX_DATE_MAX];
        if (line_is(c, f->tmp.len, "KN") || line_is(c, f->tmp.len, "KNN"))
            continue;               /* wire-end signals: not text */
        if (wx_wire_stamp_date(c, date)) {
            if (a->date == NULL)
                st = wx_article_set(&a->date, date, (size_t)-1);
            if (st == WX_OK)
                st = wx_wire_meta(a, "timestamp", c, f->tmp.len);
            continue;
        }
        text_end = pos;
    }
    wx_wire_advance(f, pos);
    if (st == WX_OK && !closed) {
        wx_article_reset(a);
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: ZCZC message not "
                          "closed by NNNN (cut short?); skipped", f->name,
                          line);
    }
    if (st == WX_OK && text_end > text)
        st = wx_wire_fill_text(f, f->buf + text, text_end - text, NULL, a);
    return wx_wire_finish(f, line, st, a, err);
}

static wx_status teletype_open(wx_input *in, const wx_reader_opts *opts,
                               void **state, wx_err *err)
{
    (void)opts;
    *state = NULL;
    teletype_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    wx_status st = wx_wire_file_open(in, &s->f, err);
    if (st != WX_OK) {
        free(s);
        return st;
    }
    *state = s;
    return WX_OK;
}

static void teletype_close(void *state)
{
    teletype_state *s = state;
    if (s == NULL)
        return;
    wx_wire_file_close(s->f);
    free(s);
}

/* Sure (95) when the first non-blank line opens with ZCZC; else 0. */
static int teletype_sniff(const char *head, size_t n)
{
    size_t pos = 0;
    wx_wire_line l;
    while (wx_wire_next_line(head, n, &pos, &l, NULL)) {
        size_t i = 0;
        while (i < l.n && isspace((unsigned char)l.p[i]))
            i++;
        if (i == l.n)
            continue;
        return is_zczc(&l) ? 95 : 0;
    }
    return 0;
}

const wx_reader_ops wx_reader_teletype = {
    .name = "teletype",
    .sniff = teletype_sniff,
    .open = teletype_open,
    .next = teletype_next,
    .close = teletype_close,
};
