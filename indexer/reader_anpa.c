/*
 * ANPA-1312 reader (the NAA/AP wire transmission format): messages
 * framed SYN SYN SOH header STX text ETX trailer EOT, many per file.
 * The header line gives the service level, story number, selector,
 * priority, category, format identifier, keyword (slug), version,
 * reference, filing date and word count; the trailer the time stamp.
 * Control codes never reach the article: the text goes through wire.c.
 */
#include "reader.h"

#include "wire.h"
#include "wx_limits.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct anpa_state {
    wx_wire_file *f;
    int default_year;
} anpa_state;

/* Up to 24 space-separated tokens of a clean header line, in place. */
typedef struct tokens {
    char *v[24];
    size_t n;
} tokens;

static void split(char *s, tokens *t)
{
    t->n = 0;
    char *save = NULL;
    for (char *w = strtok_r(s, " ", &save); w != NULL && t->n < 24;
         w = strtok_r(NULL, " ", &save))
        t->v[t->n++] = w;
}

static bool all_digits(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s != '\0'; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

/* "a0453": a story number, as a reference to an earlier message. */
static bool is_story_ref(const char *s)
{
    return strlen(s) == 5 && isalpha((unsigned char)s[0]) &&
           all_digits(s + 1);
}

/* "03-11": the filing date, month and day. */
static bool is_month_day(const char *s, int *m, int *d)
{
    return strlen(s) == 5 && isdigit((unsigned char)s[0]) &&
           isdigit((unsigned char)s[1]) && s[2] == '-' &&
           isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]) &&
           sscanf(s, "%2d-%2d", m, d) == 2;
}

/*
 * The header "a0012cpstf r a bc BC-Ferry-Service 1st Ld a0007 03-11 0450"
 * into metadata; the keyword into kw (kw_sz bytes); the filing date into
 * *month, *day.
 */
static wx_status parse_header(char *h, wx_article *a, char *kw,
                              size_t kw_sz, int *month, int *day)
{
    tokens t;
    split(h, &t);
    wx_status st = WX_OK;
    size_t i = 0;
    kw[0] = '\0';
    if (t.n == 0)
        return WX_OK;
    /* service level (a letter), story number (4 digits), selector */
    const char *w = t.v[i++];
    if (isalpha((unsigned char)w[0])) {
        st = wx_wire_meta(a, "service_level", w, 1);
        w++;
    }
    size_t digits = 0;
    while (digits < 4 && isdigit((unsigned char)w[digits]))
        digits++;
    if (st == WX_OK)
        st = wx_wire_meta(a, "story_number", w, digits);
    if (st == WX_OK)
        st = wx_wire_meta(a, "selector", w + digits, strlen(w + digits));
    /* priority and category: one character each */
    if (st == WX_OK && i < t.n && strlen(t.v[i]) == 1)
        st = wx_wire_meta(a, "priority", t.v[i], 1), i++;
    if (st == WX_OK && i < t.n && strlen(t.v[i]) == 1)
        st = wx_wire_meta(a, "category", t.v[i], 1), i++;
    /* from the end: word count, filing date */
    size_t end = t.n;
    if (end > i && all_digits(t.v[end - 1]) && strlen(t.v[end - 1]) <= 5) {
        if (st == WX_OK)
            st = wx_wire_meta(a, "word_count", t.v[end - 1],
                              strlen(t.v[end - 1]));
        end--;
    }
    if (end > i && is_month_day(t.v[end - 1], month, day)) {
        if (st == WX_OK)
            st = wx_wire_meta(a, "filing_date", t.v[end - 1], 5);
        end--;
    }
    /* a two-character format identifier before the keyword */
    if (end - i >= 2 && strlen(t.v[i]) == 2) {
        if (st == WX_OK)
            st = wx_wire_meta(a, "format", t.v[i], 2);
        i++;
    }
    if (i < end) {
        snprintf(kw, kw_sz, "%s", t.v[i]);
        if (st == WX_OK)
            st = wx_wire_meta(a, "slug", t.v[i], strlen(t.v[i]));
        i++;
    }
    /* the rest: a reference to an earlier story, and the version */
    char version[128] = "";
    for (; i < end; i++) {
        if (is_story_ref(t.v[i])) {
            if (st == WX_OK)
                st = wx_wire_meta(a, "reference", t.v[i], strlen(t.v[i]));
            continue;
        }
        size_t used = strlen(version);
        snprintf(version + used, sizeof version - used, "%s%s",
                 used ? " " : "", t.v[i]);
    }
    if (st == WX_OK)
        st = wx_wire_meta(a, "version", version, strlen(version));
    return st;
}

/* The trailer's time stamp: "AP-WF-03-11-24 0940GMT" or "03-11-24 0940EST"
 * gives the date; kept whole as "timestamp". */
static wx_status parse_trailer(wx_wire_file *f, const char *s, size_t n,
                               wx_article *a)
{
    wx_wire_line l = {s, n};
    wx_status st = wx_wire_clean(&l, &f->tmp);
    if (st != WX_OK || f->tmp.len == 0)
        return st;
    const char *t = wx_buf_str(&f->tmp);
    st = wx_wire_meta(a, "timestamp", t, f->tmp.len);
    int mo, d, y, hh, mm;
    for (const char *p = t; st == WX_OK && *p != '\0'; p++) {
        if (!isdigit((unsigned char)*p) || (p > t && isdigit((unsigned char)
                                                             p[-1])))
            continue;
        if (sscanf(p, "%2d-%2d-%2d %2d%2d", &mo, &d, &y, &hh, &mm) == 5) {
            char date[WX_DATE_MAX];
            if (a->date == NULL && wx_wire_date(y, mo, d, hh, mm, date))
                st = wx_article_set(&a->date, date, (size_t)-1);
            break;
        }
    }
    return st;
}

static const char *find_byte(const char *p, const char *end, char c)
{
    const char *q = memchr(p, c, (size_t)(end - p));
    return q != NULL ? q : end;
}

static wx_status anpa_next(void *state, wx_article *a, wx_err *err)
{
    anpa_state *s = state;
    wx_wire_file *f = s->f;
    const char *buf = f->buf, *end = buf + f->len;
    const char *soh = find_byte(buf + f->pos, end, WX_WIRE_SOH);
    if (soh == end) {
        bool first = f->pos == 0;
        bool blank = true;
        for (const char *p = buf + f->pos; p < end && blank; p++)
            blank = isspace((unsigned char)*p) || *p == WX_WIRE_SYN ||
                    *p == WX_WIRE_EOT;
        wx_wire_advance(f, f->len);
        if (first && !blank)
            return wx_err_set(err, WX_EFORMAT, "%s:1: no ANPA-1312 message "
                              "(SOH) found", f->name);
        return WX_EOF;
    }
    wx_wire_advance(f, (size_t)(soh - buf));
    long line = f->line;
    /* The message runs to its EOT, or to the next SOH. */
    const char *next = find_byte(soh + 1, end, WX_WIRE_SOH);
    const char *stx = find_byte(soh + 1, next, WX_WIRE_STX);
    const char *etx = stx < next ? find_byte(stx + 1, next, WX_WIRE_ETX)
                                 : next;
    const char *eot = etx < next ? find_byte(etx + 1, next, WX_WIRE_EOT)
                                 : next;
    const char *stop = eot < next ? eot + 1 : next;
    /* SYN SYN of the next message is not this one's trailer */
    const char *trail_end = eot;
    while (trail_end > etx + 1 && (trail_end[-1] == WX_WIRE_SYN))
        trail_end--;
    wx_wire_advance(f, (size_t)(stop - buf));
    if (stx == next)
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: ANPA-1312 message "
                          "without STX (start of text); skipped", f->name,
                          line);
    if (etx == next)
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: ANPA-1312 message not "
                          "closed by ETX (cut short?); skipped", f->name,
                          line);

    /* The header: the first line after SOH (before STX). */
    wx_wire_line hl = {soh + 1, (size_t)(stx - soh - 1)};
    hl.n = strcspn(hl.p, "\r\n\x02") < hl.n ? strcspn(hl.p, "\r\n\x02")
                                            : hl.n;
    wx_status st = wx_wire_clean(&hl, &f->tmp);
    char *h = st == WX_OK ? strdup(wx_buf_str(&f->tmp)) : NULL;
    if (st == WX_OK && h == NULL)
        st = WX_ENOMEM;
    char kw[128];
    int month = 0, day = 0;
    if (st == WX_OK)
        st = parse_header(h, a, kw, sizeof kw, &month, &day);
    free(h);
    if (st == WX_OK)
        st = wx_wire_fill_text(f, stx + 1, (size_t)(etx - stx - 1), kw, a);
    if (st == WX_OK && trail_end > etx + 1)
        st = parse_trailer(f, etx + 1, (size_t)(trail_end - etx - 1), a);
    /* Without a time stamp, the filing date in the --default-year. */
    char date[WX_DATE_MAX];
    if (st == WX_OK && a->date == NULL && month > 0 && s->default_year > 0 &&
        wx_wire_date(s->default_year, month, day, 0, 0, date))
        st = wx_article_set(&a->date, date, 10);
    return wx_wire_finish(f, line, st, a, err);
}

static wx_status anpa_open(wx_input *in, const wx_reader_opts *opts,
                           void **state, wx_err *err)
{
    *state = NULL;
    anpa_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    s->default_year = opts != NULL ? opts->default_year : 0;
    wx_status st = wx_wire_file_open(in, &s->f, err);
    if (st != WX_OK) {
        free(s);
        return st;
    }
    *state = s;
    return WX_OK;
}

static void anpa_close(void *state)
{
    anpa_state *s = state;
    if (s == NULL)
        return;
    wx_wire_file_close(s->f);
    free(s);
}

/*
 * Sure (95) when the head starts (after blank lines) with SYN SYN SOH;
 * fairly sure (85) when it starts with SOH followed by a service level
 * letter and a four-digit story number, and an STX follows; else 0.
 */
static int anpa_sniff(const char *head, size_t n)
{
    size_t i = 0;
    while (i < n && (head[i] == '\r' || head[i] == '\n' || head[i] == ' '))
        i++;
    if (i + 3 <= n && head[i] == WX_WIRE_SYN && head[i + 1] == WX_WIRE_SYN &&
        head[i + 2] == WX_WIRE_SOH)
        return 95;
    if (i + 6 <= n && head[i] == WX_WIRE_SOH &&
        isalpha((unsigned char)head[i + 1]) &&
        isdigit((unsigned char)head[i + 2]) &&
        isdigit((unsigned char)head[i + 3]) &&
        isdigit((unsigned char)head[i + 4]) &&
        isdigit((unsigned char)head[i + 5]) &&
        memchr(head + i, WX_WIRE_STX, n - i) != NULL)
        return 85;
    return 0;
}

const wx_reader_ops wx_reader_anpa = {
    .name = "anpa1312",
    .sniff = anpa_sniff,
    .open = anpa_open,
    .next = anpa_next,
    .close = anpa_close,
};
