/*
 * IPTC 7901 reader (the IPTC's recommended text format for news
 * services, as dpa, ATS and others send it): messages framed SOH header
 * STX text ETX [time stamp] EOT. The header line gives the source,
 * message number, priority, category and word count; the text opens
 * with the keyword line, then the headline (ended by '='), then the
 * body. Everything but the words of the story goes to metadata.
 */
#include "reader.h"

#include "wire.h"
#include "wx_limits.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct iptc_state {
    wx_wire_file *f;
} iptc_state;

static const char *find_byte(const char *p, const char *end, char c)
{
    const char *q = memchr(p, c, (size_t)(end - p));
    return q != NULL ? q : end;
}

/* The next space-separated token of *s (advanced), or NULL. */
static const char *token(const char **s, size_t *n)
{
    const char *p = *s;
    while (*p == ' ')
        p++;
    if (*p == '\0')
        return NULL;
    const char *q = p;
    while (*q != '\0' && *q != ' ')
        q++;
    *n = (size_t)(q - p);
    *s = q;
    return p;
}

static bool digits_only(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)p[i]))
            return false;
    return n > 0;
}

static bool letters_only(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isalpha((unsigned char)p[i]))
            return false;
    return n > 0;
}

/* "dpa0234 4 pl 0312 optional" (or "dpa 0234 ...") into metadata. */
static wx_status parse_header(const char *h, wx_article *a)
{
    wx_status st = WX_OK;
    size_t n;
    const char *t = token(&h, &n);
    if (t == NULL)
        return WX_OK;
    size_t k = 0;
    while (k < n && isalpha((unsigned char)t[k]))
        k++;
    st = wx_wire_meta(a, "source", t, k);
    bool number = k < n;
    if (st == WX_OK && number)
        st = wx_wire_meta(a, "message_number", t + k, n - k);
    const char *save = h;
    t = token(&h, &n);
    if (st == WX_OK && !number && t != NULL && digits_only(t, n)) {
        st = wx_wire_meta(a, "message_number", t, n);
        save = h;
        t = token(&h, &n);
    }
    if (st == WX_OK && t != NULL && n == 1 && isdigit((unsigned char)*t)) {
        st = wx_wire_meta(a, "priority", t, 1);
        save = h;
        t = token(&h, &n);
    }
    if (st == WX_OK && t != NULL && n <= 3 && letters_only(t, n)) {
        st = wx_wire_meta(a, "category", t, n);
        save = h;
        t = token(&h, &n);
    }
    if (st == WX_OK && t != NULL && n <= 5 && digits_only(t, n)) {
        st = wx_wire_meta(a, "word_count", t, n);
        save = h;
    }
    if (st == WX_OK)
        st = wx_wire_meta(a, "optional", save, strlen(save));
    return st;
}

/* "111530 Mar 24": day, hour, minute, month, year; kept as "timestamp"
 * and taken as the date. */
static wx_status parse_trailer(wx_wire_file *f, const char *s, size_t n,
                               wx_article *a)
{
    wx_wire_line l = {s, n};
    wx_status st = wx_wire_clean(&l, &f->tmp);
    if (st != WX_OK || f->tmp.len == 0)
        return st;
    const char *t = wx_buf_str(&f->tmp);
    st = wx_wire_meta(a, "timestamp", t, f->tmp.len);
    char date[WX_DATE_MAX];
    if (st == WX_OK && a->date == NULL && wx_wire_stamp_date(t, date))
        st = wx_article_set(&a->date, date, (size_t)-1);
    return st;
}

static wx_status iptc_next(void *state, wx_article *a, wx_err *err)
{
    iptc_state *s = state;
    wx_wire_file *f = s->f;
    const char *buf = f->buf, *end = buf + f->len;
    const char *soh = find_byte(buf + f->pos, end, WX_WIRE_SOH);
    if (soh == end) {
        bool blank = true;
        for (const char *p = buf + f->pos; p < end && blank; p++)
            blank = isspace((unsigned char)*p) || *p == WX_WIRE_EOT;
        bool first = f->pos == 0;
        wx_wire_advance(f, f->len);
        if (first && !blank)
            return wx_err_set(err, WX_EFORMAT, "%s:1: no IPTC 7901 message "
                              "(SOH) found", f->name);
        return WX_EOF;
    }
    wx_wire_advance(f, (size_t)(soh - buf));
    long line = f->line;
    const char *next = find_byte(soh + 1, end, WX_WIRE_SOH);
    const char *stx = find_byte(soh + 1, next, WX_WIRE_STX);
    const char *etx = stx < next ? find_byte(stx + 1, next, WX_WIRE_ETX)
                                 : next;
    const char *eot = etx < next ? find_byte(etx + 1, next, WX_WIRE_EOT)
                                 : next;
    wx_wire_advance(f, (size_t)((eot < next ? eot + 1 : next) - buf));
    if (stx == next)
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: IPTC 7901 message "
                          "without STX (start of text); skipped", f->name,
                          line);
    if (etx == next)
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: IPTC 7901 message not "
                          "closed by ETX (cut short?); skipped", f->name,
                          line);

    /* The header line, between SOH and STX. */
    wx_wire_line hl = {soh + 1, (size_t)(stx - soh - 1)};
    size_t cut = strcspn(hl.p, "\r\n\x02");
    if (cut < hl.n)
        hl.n = cut;
    wx_status st = wx_wire_clean(&hl, &f->tmp);
    char *h = st == WX_OK ? strdup(wx_buf_str(&f->tmp)) : NULL;
    if (st == WX_OK && h == NULL)
        st = WX_ENOMEM;
    if (st == WX_OK)
        st = parse_header(h, a);
    free(h);

    /* The keyword line: the first line of text, whatever it holds. */
    const char *text = stx + 1;
    size_t tn = (size_t)(etx - text), pos = 0;
    wx_wire_line l;
    while (st == WX_OK && wx_wire_next_line(text, tn, &pos, &l, NULL)) {
        if ((st = wx_wire_clean(&l, &f->tmp)) != WX_OK || f->tmp.len == 0)
            continue;
        st = wx_wire_meta(a, "slug", wx_buf_str(&f->tmp), f->tmp.len);
        break;
    }
    if (st == WX_OK)
        st = wx_wire_fill_text(f, text + pos, tn - pos, NULL, a);
    if (st == WX_OK && eot > etx + 1)
        st = parse_trailer(f, etx + 1, (size_t)(eot - etx - 1), a);
    return wx_wire_finish(f, line, st, a, err);
}

static wx_status iptc_open(wx_input *in, const wx_reader_opts *opts,
                           void **state, wx_err *err)
{
    (void)opts;
    *state = NULL;
    iptc_state *s = calloc(1, sizeof *s);
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

static void iptc_close(void *state)
{
    iptc_state *s = state;
    if (s == NULL)
        return;
    wx_wire_file_close(s->f);
    free(s);
}

/*
 * Sure (90) when the head starts (after blank lines) with SOH, then a
 * source of two or more letters and a message number, and an STX
 * follows in the head; ANPA's SYN SYN SOH is not taken. Else 0.
 */
static int iptc_sniff(const char *head, size_t n)
{
    size_t i = 0;
    while (i < n && (head[i] == '\r' || head[i] == '\n' || head[i] == ' '))
        i++;
    if (i >= n || head[i] != WX_WIRE_SOH)
        return 0;
    size_t j = i + 1, k = 0;
    while (j < n && isalpha((unsigned char)head[j]))
        j++, k++;
    while (j < n && head[j] == ' ')
        j++;
    if (k < 2 || j >= n || !isdigit((unsigned char)head[j]))
        return 0;
    return memchr(head + i, WX_WIRE_STX, n - i) != NULL ? 90 : 0;
}

const wx_reader_ops wx_reader_iptc7901 = {
    .name = "iptc7901",
    .sniff = iptc_sniff,
    .open = iptc_open,
    .next = iptc_next,
    .close = iptc_close,
};
