/*
 * Plain-text wire reports, as copied from a wire or a web page: one or
 * more articles per file, split by a "----" or form-feed line. Each is an
 * optional "Key: value" header block, then paragraphs: a section line,
 * a headline and a dateline lead found by heuristics (dateline.h), minus
 * web furniture and agency sign-offs at the end. Not a markup parser.
 */
#include "reader.h"

#include "dateline.h"
#include "wx_date.h"
#include "wx_buf.h"
#include "wx_limits.h"
#include "wx_utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum {
    SNIFF_SCORE = 10,       /* the fallback: specific formats score more */
    SNIFF_BYTES = 4096,     /* how much of the head open() looks at */
    LEAD_SEARCH = 4,        /* the lead is among the first paragraphs */
    BULLETS_MAX = 12,       /* ... not counting bullet lines */
    TITLE_MAX_LINES = 3,    /* a headline is short ... */
    TITLE_MAX_BYTES = 300,
    SECTION_MAX_WORDS = 4,  /* ... and a section line shorter */
    SECTION_MAX_BYTES = 60,
    BYLINE_MAX_WORDS = 8,
    KEY_MAX_BYTES = 32
};

/* Lines of page furniture that are never part of a story. */
static const char *const furniture[] = {
    "Related Articles", "Related", "Related Stories", "Back to top button",
    "Back to top", "Share this:", "Share this", "Share", "Tweet",
    "Advertisement", "Read more", "Read More", "You may also like",
};

/* Header keys with a field of their own; any other key becomes metadata. */
typedef enum hkey {
    HK_TITLE, HK_AGENCY, HK_DATE, HK_DATELINE, HK_TOPIC, HK_TOPICS,
    HK_PLACE, HK_PLACES, HK_ID, HK_META
} hkey;

static const struct {
    const char *name;
    hkey key;
} header_keys[] = {
    {"title", HK_TITLE}, {"headline", HK_TITLE}, {"agency", HK_AGENCY},
    {"date", HK_DATE}, {"dateline", HK_DATELINE}, {"topic", HK_TOPIC},
    {"topics", HK_TOPICS}, {"section", HK_TOPIC}, {"place", HK_PLACE},
    {"places", HK_PLACES}, {"id", HK_ID}, {"slug", HK_META},
    {"version", HK_META}, {"status", HK_META}, {"byline", HK_META},
    {"source", HK_META}, {"url", HK_META},
};

/*
 * A line of the article, trimmed, as a slice of raw. Small on purpose:
 * an article may hold millions of short lines (32 bits suffice because
 * raw never exceeds WX_MAX_RECORD_BYTES).
 */
typedef struct line_ref {
    uint32_t off, len;
} line_ref;

_Static_assert(WX_MAX_RECORD_BYTES < UINT32_MAX, "line_ref offsets");

/* A paragraph: lines [a, b) of the article, all non-blank. */
typedef struct para {
    size_t a, b;
} para;

typedef struct text_reader {
    wx_input *in;
    const char *name;
    int default_year;
    int file_y, file_m, file_d;   /* a date in the file name, or 0 */
    bool binary;                  /* not text: one skip, then EOF */
    bool started;                 /* past the first line (BOM) */
    bool eof;
    /* The article being read. */
    wx_buf raw;                   /* its lines, each ending in '\n' */
    line_ref *lines;
    size_t nlines, cap_lines;
    long first_no;                /* its first non-blank line */
    long bad_no;                  /* a line that spoiled it, or 0 */
    const char *bad_why;
    /* Work space for one article. */
    para *paras;
    size_t nparas, cap_paras;
    wx_buf tmp;
} text_reader;

/* ---- small helpers ---------------------------------------------------- */

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

static int lower_ascii(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool eq_nocase(const char *s, size_t n, const char *t)
{
    size_t i = 0;
    for (; i < n && t[i] != '\0'; i++)
        if (lower_ascii((unsigned char)s[i]) !=
            lower_ascii((unsigned char)t[i]))
            return false;
    return i == n && t[i] == '\0';
}

static const char *line_text(const text_reader *r, size_t i)
{
    return r->raw.data + r->lines[i].off;
}

static bool is_furniture(const char *s, size_t n)
{
    for (size_t i = 0; i < COUNT(furniture); i++)
        if (eq_nocase(s, n, furniture[i]))
            return true;
    return false;
}

static int count_words(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n; i++)
        if (!is_ws((unsigned char)s[i]) &&
            (i == 0 || is_ws((unsigned char)s[i - 1])))
            w++;
    return w;
}

/*
 * A separator between articles: a line of only four or more hyphens, or
 * only form feeds (white space around either is allowed).
 */
static bool is_separator(const char *s, size_t n)
{
    size_t dashes = 0, ff = 0, other = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-')
            dashes++;
        else if (s[i] == '\f')
            ff++;
        else if (!is_ws((unsigned char)s[i]))
            other++;
    }
    if (other > 0)
        return false;
    return (dashes >= 4 && ff == 0) || (ff > 0 && dashes == 0);
}

/* Copy into *field, cut to WX_MAX_FIELD_BYTES at a character boundary. */
static wx_status set_field(char **field, const char *s, size_t n)
{
    n = wx_utf8_truncate(s, n, WX_MAX_FIELD_BYTES);
    return wx_article_set(field, s, n);
}

/* ---- the file name ------------------------------------------------------ */

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/*
 * A date in a file's base name: YYYY-MM-DD, YYYY_MM_DD or YYYYMMDD, not
 * inside a longer run of digits ("efe-2021-07-20-china-cyber.txt").
 */
static void file_name_date(const char *path, int *y, int *m, int *d)
{
    const char *base = strrchr(path, '/');
    base = base != NULL ? base + 1 : path;
    size_t n = strlen(base);
    *y = *m = *d = 0;
    for (size_t i = 0; i + 8 <= n; i++) {
        if (i > 0 && digits(base + i - 1, 1))
            continue;
        const char *p = base + i;
        int yy, mm, dd;
        size_t end;
        if (i + 10 <= n && digits(p, 4) && (p[4] == '-' || p[4] == '_') &&
            p[7] == p[4] && digits(p + 5, 2) && digits(p + 8, 2)) {
            yy = num(p, 4), mm = num(p + 5, 2), dd = num(p + 8, 2);
            end = i + 10;
        } else if (digits(p, 8)) {
            yy = num(p, 4), mm = num(p + 4, 2), dd = num(p + 6, 2);
            end = i + 8;
        } else {
            continue;
        }
        if (end < n && digits(base + end, 1))
            continue;
        if (yy >= 1900 && wx_date_valid_day(yy, mm, dd)) {
            *y = yy, *m = mm, *d = dd;
            return;
        }
    }
}

/* ---- collecting one article's lines --------------------------------- */

static void forget_article(text_reader *r)
{
    wx_buf_reset(&r->raw);
    r->nlines = 0;
    r->first_no = 0;
    r->bad_no = 0;
    r->bad_why = NULL;
}

static void spoil(text_reader *r, long no, const char *why)
{
    if (r->bad_no == 0) {
        r->bad_no = no;
        r->bad_why = why;
    }
    if (r->first_no == 0)
        r->first_no = no;
}

static wx_status add_line(text_reader *r, const char *s, size_t n, long no,
                          wx_err *err)
{
    if (r->bad_no != 0)
        return WX_OK;     /* spoilt: read on to the separator, keep nothing */
    size_t b = 0, e = n;
    while (b < e && is_ws((unsigned char)s[b]))
        b++;
    while (e > b && is_ws((unsigned char)s[e - 1]))
        e--;
    if (e > b && r->first_no == 0)
        r->first_no = no;
    /* Only one blank line between paragraphs is worth keeping. */
    if (e == b && (r->nlines == 0 || r->lines[r->nlines - 1].len == 0))
        return WX_OK;
    if (r->nlines == r->cap_lines) {
        size_t cap = r->cap_lines ? r->cap_lines * 2 : 64;
        line_ref *v = realloc(r->lines, cap * sizeof *v);
        if (v == NULL)
            return wx_err_set(err, WX_ENOMEM, "%s:%ld: out of memory",
                              r->name, no);
        r->lines = v;
        r->cap_lines = cap;
    }
    size_t off = r->raw.len;
    wx_buf_append(&r->raw, s + b, e - b);
    wx_status st = wx_buf_putc(&r->raw, '\n');
    if (st == WX_ETOOBIG) {
        spoil(r, no, "article longer than the record limit");
        return WX_OK;
    }
    if (st != WX_OK)
        return wx_err_set(err, st, "%s:%ld: out of memory", r->name, no);
    /* A NUL would end the strings built from this line: make it a space. */
    char *p = r->raw.data + off;
    for (size_t i = 0; i < e - b; i++)
        if (p[i] == '\0')
            p[i] = ' ';
    r->lines[r->nlines].off = (uint32_t)off;
    r->lines[r->nlines].len = (uint32_t)(e - b);
    r->nlines++;
    return WX_OK;
}

/*
 * Read lines up to the next separator or the end of the file. WX_OK with
 * an article (possibly spoilt), WX_EOF when only blank lines were left,
 * or a fatal input error.
 */
static wx_status collect(text_reader *r, wx_err *err)
{
    forget_article(r);
    while (!r->eof) {
        const char *line;
        size_t len;
        wx_status st = wx_input_getline(r->in, &line, &len, err);
        long no = wx_input_lineno(r->in);
        if (st == WX_EOF) {
            r->eof = true;
            break;
        }
        if (st == WX_ETOOBIG) {
            spoil(r, no, "line longer than the record limit");
            continue;
        }
        if (st != WX_OK)
            return st;
        if (!r->started) {
            r->started = true;
            if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
                line += 3;
                len -= 3;
            }
        }
        if (is_separator(line, len)) {
            if (r->first_no != 0)
                break;
            forget_article(r);    /* nothing but blank lines so far */
            continue;
        }
        st = add_line(r, line, len, no, err);
        if (st != WX_OK)
            return st;
    }
    return r->first_no != 0 ? WX_OK : WX_EOF;
}

/* ---- the header block -------------------------------------------------- */

/*
 * "Key: value": a key of letters, digits, '-', '_' and single spaces
 * (at most KEY_MAX_BYTES), a colon, then a space or the end.
 */
static bool header_line(const char *s, size_t n, size_t *key_len,
                        size_t *val_off)
{
    size_t i = 0;
    while (i < n && s[i] != ':') {
        char c = s[i];
        if (i >= KEY_MAX_BYTES)
            return false;
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                  (i > 0 && ((c >= '0' && c <= '9') || c == '-' ||
                             c == '_' || (c == ' ' && s[i - 1] != ' ')));
        if (!ok)
            return false;
        i++;
    }
    if (i == 0 || i >= n || s[i] != ':' || s[i - 1] == ' ')
        return false;
    if (i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '\t')
        return false;
    *key_len = i;
    size_t v = i + 1;
    while (v < n && is_ws((unsigned char)s[v]))
        v++;
    *val_off = v;
    return true;
}

static bool known_key(const char *s, size_t n, hkey *k)
{
    for (size_t i = 0; i < COUNT(header_keys); i++)
        if (eq_nocase(s, n, header_keys[i].name)) {
            *k = header_keys[i].key;
            return true;
        }
    return false;
}

/* What the header said about the date, for the heuristics that follow. */
typedef struct header_info {
    bool has_title, has_agency, has_dateline, has_date;
    int date_year;      /* a year seen in an unparsable Date, or 0 */
} header_info;

/* Add the items of a list value; split on ';', and on ',' when plural. */
static wx_status add_items(wx_strlist *l, const char *s, size_t n,
                           bool commas)
{
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != ';' && !(commas && s[j] == ','))
            j++;
        size_t b = i, e = j;
        while (b < e && is_ws((unsigned char)s[b]))
            b++;
        while (e > b && is_ws((unsigned char)s[e - 1]))
            e--;
        if (e > b && l->n < WX_MAX_LIST_ITEMS) {
            size_t k = wx_utf8_truncate(s + b, e - b, WX_MAX_FIELD_BYTES);
            wx_status st = wx_strlist_add(l, s + b, k);
            if (st != WX_OK)
                return st;
        }
        i = j + 1;
    }
    return WX_OK;
}

/* A four-digit year anywhere in s, or 0. */
static int any_year(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++)
        if (digits(s + i, 4) && (i == 0 || !digits(s + i - 1, 1)) &&
            (i + 4 == n || !digits(s + i + 4, 1))) {
            int y = num(s + i, 4);
            if (y >= 1900 && y <= 2999)
                return y;
        }
    return 0;
}

static wx_status header_field(text_reader *r, wx_article *a, hkey k,
                              const char *key, size_t key_len,
                              const char *v, size_t vn, header_info *h)
{
    if (vn == 0)
        return WX_OK;
    switch (k) {
    case HK_TITLE:
        h->has_title = true;
        return set_field(&a->title, v, vn);
    case HK_AGENCY: {
        const char *canon = wx_dateline_agency(v, vn);
        h->has_agency = true;
        return canon != NULL ? set_field(&a->agency, canon, strlen(canon))
                             : set_field(&a->agency, v, vn);
    }
    case HK_DATE: {
        wx_date d;
        char iso[32];
        if (wx_date_parse(v, vn, &d)) {
            /* The calendar day as printed, whatever the offset. */
            d.has_time = false;
            size_t len = wx_date_iso(&d, iso, sizeof iso);
            h->has_date = true;
            return set_field(&a->date, iso, len);
        }
        h->date_year = any_year(v, vn);
        /* Keep what could not be read, rather than lose it. */
        wx_buf_reset(&r->tmp);
        wx_buf_append(&r->tmp, v, wx_utf8_truncate(v, vn,
                                                   WX_MAX_FIELD_BYTES));
        if (r->tmp.st != WX_OK)
            return r->tmp.st;
        return wx_article_add_meta(a, "date", wx_buf_str(&r->tmp));
    }
    case HK_DATELINE: {
        wx_dateline dl;
        if (!wx_dateline_parse_field(v, vn, &dl))
            return WX_OK;
        h->has_dateline = true;
        /* The Agency header, not the dateline's credit, names it. */
        return wx_dateline_apply(a, &dl, WX_DATELINE_NO_AGENCY);
    }
    case HK_TOPIC:
    case HK_TOPICS:
        return add_items(&a->topics, v, vn, k == HK_TOPICS);
    case HK_PLACE:
    case HK_PLACES:
        return add_items(&a->places, v, vn, k == HK_PLACES);
    case HK_ID:
        return set_field(&a->id, v, vn);
    case HK_META:
        break;
    }
    /* Metadata: the key in lower case, the value cut to a field's size. */
    char lk[KEY_MAX_BYTES + 1];
    for (size_t i = 0; i < key_len; i++)
        lk[i] = (char)lower_ascii((unsigned char)key[i]);
    lk[key_len] = '\0';
    wx_buf_reset(&r->tmp);
    wx_buf_append(&r->tmp, v, wx_utf8_truncate(v, vn, WX_MAX_FIELD_BYTES));
    if (r->tmp.st != WX_OK)
        return r->tmp.st;
    return wx_article_add_meta(a, lk, wx_buf_str(&r->tmp));
}

/*
 * A header block at line *i: consecutive "Key: value" lines, the first
 * with a known key. Moves *i past it. Unknown keys become metadata.
 */
static wx_status read_header(text_reader *r, wx_article *a, size_t *i,
                             header_info *h)
{
    size_t key_len, val_off;
    hkey k;
    const char *s = line_text(r, *i);
    if (!header_line(s, r->lines[*i].len, &key_len, &val_off) ||
        !known_key(s, key_len, &k))
        return WX_OK;
    while (*i < r->nlines) {
        s = line_text(r, *i);
        size_t n = r->lines[*i].len;
        if (n == 0 || !header_line(s, n, &key_len, &val_off))
            break;
        if (!known_key(s, key_len, &k))
            k = HK_META;
        wx_status st = header_field(r, a, k, s, key_len, s + val_off,
                                    n - val_off, h);
        if (st != WX_OK)
            return st;
        (*i)++;
    }
    return WX_OK;
}

/* ---- paragraphs ------------------------------------------------------- */

static wx_status add_para(text_reader *r, size_t a, size_t b)
{
    if (r->nparas == r->cap_paras) {
        size_t cap = r->cap_paras ? r->cap_paras * 2 : 32;
        para *v = realloc(r->paras, cap * sizeof *v);
        if (v == NULL)
            return WX_ENOMEM;
        r->paras = v;
        r->cap_paras = cap;
    }
    r->paras[r->nparas].a = a;
    r->paras[r->nparas].b = b;
    r->nparas++;
    return WX_OK;
}

/*
 * Split lines [from, nlines) into paragraphs at blank lines, leaving out
 * paragraphs made only of furniture ("Related Articles").
 */
static wx_status split_paras(text_reader *r, size_t from)
{
    r->nparas = 0;
    size_t i = from;
    while (i < r->nlines) {
        if (r->lines[i].len == 0) {
            i++;
            continue;
        }
        size_t a = i;
        bool all_furniture = true;
        while (i < r->nlines && r->lines[i].len > 0) {
            if (!is_furniture(line_text(r, i), r->lines[i].len))
                all_furniture = false;
            i++;
        }
        if (!all_furniture) {
            wx_status st = add_para(r, a, i);
            if (st != WX_OK)
                return st;
        }
    }
    return WX_OK;
}

/* Paragraph k with its lines joined by single spaces, into out. */
static wx_status para_text(const text_reader *r, size_t k, wx_buf *out)
{
    const para *p = &r->paras[k];
    for (size_t i = p->a; i < p->b; i++) {
        if (i > p->a)
            wx_buf_putc(out, ' ');
        wx_buf_append(out, line_text(r, i), r->lines[i].len);
    }
    return out->st;
}

static wx_status para_str(text_reader *r, size_t k, const char **s,
                          size_t *n)
{
    wx_buf_reset(&r->tmp);
    wx_status st = para_text(r, k, &r->tmp);
    *s = wx_buf_str(&r->tmp);
    *n = r->tmp.len;
    return st;
}

static bool is_lead(text_reader *r, size_t k, wx_dateline *dl)
{
    const char *s;
    size_t n;
    if (para_str(r, k, &s, &n) != WX_OK)
        return false;
    return wx_dateline_parse_lead(s, n, dl);
}

/* A paragraph of bullet lines: "* Shares fall", "• Yen firm". */
static bool bullet_para(const text_reader *r, size_t k)
{
    return wx_dateline_bullet(line_text(r, r->paras[k].a),
                              r->lines[r->paras[k].a].len);
}

/* Short, and not a sentence: a headline. */
static bool title_like(text_reader *r, size_t k)
{
    const para *p = &r->paras[k];
    const char *s;
    size_t n;
    if (p->b - p->a > TITLE_MAX_LINES || para_str(r, k, &s, &n) != WX_OK ||
        n > TITLE_MAX_BYTES)
        return false;
    return s[n - 1] != '.';
}

/* One short line without final punctuation: "Crime & Justice". */
static bool section_like(text_reader *r, size_t k)
{
    const para *p = &r->paras[k];
    if (p->b - p->a != 1)
        return false;
    const char *s = line_text(r, p->a);
    size_t n = r->lines[p->a].len;
    return n <= SECTION_MAX_BYTES && count_words(s, n) <= SECTION_MAX_WORDS &&
           strchr(".!?:;,", s[n - 1]) == NULL;
}

/* "By Jane Doe" on a line of its own between headline and lead. */
static bool byline_like(text_reader *r, size_t k)
{
    const para *p = &r->paras[k];
    if (p->b - p->a != 1)
        return false;
    const char *s = line_text(r, p->a);
    size_t n = r->lines[p->a].len;
    return n > 3 && eq_nocase(s, 3, "by ") &&
           count_words(s, n) <= BYLINE_MAX_WORDS;
}

/*
 * Drop from the end of paragraphs [from, nparas) trailing furniture lines
 * and bare sign-off paragraphs. Sets *signoff to the agency signing off.
 */
static void drop_trailer(text_reader *r, size_t from, const char **signoff)
{
    while (r->nparas > from) {
        para *p = &r->paras[r->nparas - 1];
        while (p->b > p->a &&
               is_furniture(line_text(r, p->b - 1), r->lines[p->b - 1].len))
            p->b--;
        const char *ag = NULL;
        if (p->b - p->a == 1)
            ag = wx_dateline_signoff(line_text(r, p->a), r->lines[p->a].len);
        if (p->b > p->a && ag == NULL)
            return;
        if (ag != NULL && *signoff == NULL)
            *signoff = ag;
        r->nparas--;
    }
}

/* ---- one article ------------------------------------------------------ */

/* The article date: header, else dateline day with a year, else file. */
static wx_status resolve_date(text_reader *r, wx_article *a,
                              const header_info *h, const wx_dateline *dl)
{
    if (h->has_date)
        return WX_OK;
    wx_date d = {0};
    if (dl != NULL && dl->month != 0) {
        int y = dl->year;
        if (y == 0)
            y = h->date_year;
        if (y == 0 && r->file_y != 0) {
            /* A report filed on Jan 1 about Dec 31, or the reverse. */
            y = r->file_y;
            if (dl->month == 12 && r->file_m == 1)
                y--;
            else if (dl->month == 1 && r->file_m == 12)
                y++;
        }
        if (y == 0)
            y = r->default_year;
        d.year = y, d.month = dl->month, d.day = dl->day;
    } else if (r->file_y != 0) {
        d.year = r->file_y, d.month = r->file_m, d.day = r->file_d;
    }
    char iso[32];
    size_t n = wx_date_iso(&d, iso, sizeof iso);
    return n > 0 ? set_field(&a->date, iso, n) : WX_OK;
}

static wx_status build_body(text_reader *r, wx_article *a, size_t from,
                            const char **signoff)
{
    wx_buf body;
    wx_buf_init(&body, WX_MAX_BODY_BYTES);
    for (size_t k = from; k < r->nparas; k++) {
        if (k > from)
            wx_buf_putc(&body, '\n');
        size_t start = body.len;
        para_text(r, k, &body);
        if (k + 1 == r->nparas && body.st == WX_OK) {
            /* "... and diplomacy. EFE": cut the sign-off. */
            const char *ag = NULL;
            size_t keep = wx_dateline_strip_signoff(body.data + start,
                                                    body.len - start, &ag);
            body.len = start + keep;
            if (ag != NULL && *signoff == NULL)
                *signoff = ag;
        }
    }
    wx_status st = body.st;
    if (st == WX_OK && body.len > 0)
        st = wx_article_set(&a->body, body.data, body.len);
    wx_buf_free(&body);
    return st;
}

static wx_status parse_article(text_reader *r, wx_article *a, wx_err *err)
{
    a->src_file = r->name;
    a->src_line = r->first_no;
    if (r->bad_no != 0)
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: %s, article skipped",
                          r->name, r->bad_no, r->bad_why);
    size_t i = 0;
    while (i < r->nlines && r->lines[i].len == 0)
        i++;
    header_info h = {0};
    wx_status st = read_header(r, a, &i, &h);
    if (st == WX_OK)
        st = split_paras(r, i);
    if (st != WX_OK)
        goto fail;

    /* Find the headline, the lead and what stands before them. */
    size_t body_from = 0, title = SIZE_MAX, section = SIZE_MAX;
    size_t byline = SIZE_MAX;
    wx_dateline dl;
    bool have_dl = false;
    if (h.has_title) {
        const char *s;
        size_t n;
        if (r->nparas > 0 && para_str(r, 0, &s, &n) == WX_OK &&
            a->title != NULL && strlen(a->title) == n &&
            memcmp(a->title, s, n) == 0)
            body_from = 1;      /* the page repeats the headline */
    } else {
        size_t lead = SIZE_MAX;
        /* Bullet lines before the lead do not count ("* Shares fall"). */
        for (size_t k = 0, seen = 0; k < r->nparas && seen < LEAD_SEARCH &&
                                     k < LEAD_SEARCH + BULLETS_MAX;
             k++) {
            if (bullet_para(r, k))
                continue;
            seen++;
            if (is_lead(r, k, &dl)) {
                lead = k;
                have_dl = true;
                break;
            }
        }
        if (lead != SIZE_MAX) {
            size_t j = lead;
            /* Bullets before the lead belong to the story. */
            while (j >= 1 && bullet_para(r, j - 1))
                j--;
            lead = j;
            if (j >= 2 && byline_like(r, j - 1))
                byline = --j;
            if (j >= 1)
                title = --j;
            if (j >= 1 && section_like(r, j - 1))
                section = j - 1;
            body_from = lead;
        } else if (r->nparas >= 3 && section_like(r, 0) &&
                   title_like(r, 1)) {
            section = 0;
            title = 1;
            body_from = 2;
        } else if (r->nparas >= 1 && title_like(r, 0)) {
            title = 0;
            body_from = 1;
        }
    }
    if (!have_dl && body_from < r->nparas)
        have_dl = is_lead(r, body_from, &dl);

    const char *s;
    size_t n;
    if (title != SIZE_MAX && (st = para_str(r, title, &s, &n)) == WX_OK)
        st = set_field(&a->title, s, n);
    if (st == WX_OK && section != SIZE_MAX &&
        (st = para_str(r, section, &s, &n)) == WX_OK)
        st = wx_strlist_add_unique(&a->topics, s, n);
    if (st == WX_OK && byline != SIZE_MAX &&
        wx_article_meta(a, "byline") == NULL &&
        (st = para_str(r, byline, &s, &n)) == WX_OK)
        st = wx_article_add_meta(a, "byline", s + 3);
    if (st != WX_OK)
        goto fail;

    /* The dateline fills what the header did not say. */
    if (have_dl)
        st = wx_dateline_apply(a, &dl, WX_DATELINE_FILL);
    if (st == WX_OK)
        st = resolve_date(r, a, &h, have_dl ? &dl : NULL);
    if (st != WX_OK)
        goto fail;

    const char *signoff = NULL;
    drop_trailer(r, body_from, &signoff);
    st = build_body(r, a, body_from, &signoff);
    if (st == WX_OK && a->agency == NULL && signoff != NULL)
        st = set_field(&a->agency, signoff, strlen(signoff));
    if (st == WX_ETOOBIG) {
        wx_article_reset(a);
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: body longer than %d "
                          "bytes, article skipped", r->name, r->first_no,
                          WX_MAX_BODY_BYTES);
    }
    if (st != WX_OK)
        goto fail;
    if (a->title == NULL && a->body == NULL) {
        wx_article_reset(a);
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: article has neither "
                          "headline nor text", r->name, r->first_no);
    }
    return WX_OK;
fail:
    wx_article_reset(a);
    return wx_err_set(err, st, "%s:%ld: %s", r->name, r->first_no,
                      wx_status_str(st));
}

/* ---- the reader interface -------------------------------------------- */

/*
 * Text, as far as a head can tell: no NUL byte and at most one control
 * character in twenty (form feeds, tabs and line ends do not count).
 * The empty file is text too, with no articles.
 */
/* Mostly printable text: no NUL, few control characters. */
static bool looks_textual(const char *head, size_t n)
{
    size_t ctrl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)head[i];
        if (c == 0)
            return false;
        if ((c < 0x20 && !is_ws(c)) || c == 0x7F)
            ctrl++;
    }
    return ctrl * 20 <= n;
}

/*
 * Detection claims only text that reads like a wire report: a known
 * header key on the first line, or a dateline lead among the first
 * paragraphs. Prose that happens to sit beside a dump (a README, the
 * category notes of Reuters-21578) is left alone; --format text still
 * reads anything textual.
 */
enum { SNIFF_PARAS = 8 };

/*
 * A headline-first article file, as news folders hold them: one short
 * line not ending in a full stop, a blank line, then a paragraph of
 * prose (a sentence end in it). Notes that open with a block of
 * several lines (a title, an author, a date) are not claimed.
 */
static bool headline_first(const char *head, size_t n, size_t i)
{
    const char *nl = memchr(head + i, '\n', n - i);
    if (nl == NULL)
        return false;
    size_t len = (size_t)(nl - (head + i));
    while (len > 0 && is_ws((unsigned char)head[i + len - 1]))
        len--;
    if (len == 0 || len > TITLE_MAX_BYTES || head[i + len - 1] == '.')
        return false;
    size_t j = (size_t)(nl - head) + 1;
    size_t b = j;
    while (b < n && head[b] != '\n' && is_ws((unsigned char)head[b]))
        b++;
    if (b >= n || head[b] != '\n')
        return false;                   /* no blank line after it */
    while (b < n && is_ws((unsigned char)head[b]))
        b++;
    /* The paragraph that follows: up to its blank line or the head end. */
    for (size_t k = b; k < n; k++) {
        if (head[k] == '\n' && k + 1 < n && head[k + 1] == '\n')
            break;
        if (strchr(".!?", head[k]) != NULL &&
            (k + 1 == n || is_ws((unsigned char)head[k + 1]) ||
             head[k + 1] == '"'))
            return true;
    }
    return false;
}

static int text_sniff(const char *head, size_t n)
{
    if (!looks_textual(head, n))
        return 0;
    size_t i = 0;
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && is_ws((unsigned char)head[i]))
        i++;
    const char *nl = memchr(head + i, '\n', n - i);
    size_t len = nl ? (size_t)(nl - (head + i)) : n - i;
    size_t key_len, val_off;
    hkey k;
    if (header_line(head + i, len, &key_len, &val_off) &&
        known_key(head + i, key_len, &k))
        return SNIFF_SCORE;
    /* Paragraph starts: after a blank line (or at the top). */
    int paras = 0;
    bool blank = true;
    while (i < n && paras < SNIFF_PARAS) {
        nl = memchr(head + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - head) : n;
        size_t b = i;
        while (b < end && is_ws((unsigned char)head[b]))
            b++;
        if (b == end) {
            blank = true;
        } else if (blank) {
            wx_dateline dl;
            paras++;
            if (wx_dateline_parse_lead(head + b, n - b, &dl))
                return SNIFF_SCORE;
            blank = false;
        }
        i = end + 1;
    }
    i = n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && is_ws((unsigned char)head[i]))
        i++;
    return headline_first(head, n, i) ? SNIFF_SCORE : 0;
}

static void text_close(void *state)
{
    text_reader *r = state;
    if (r == NULL)
        return;
    wx_buf_free(&r->raw);
    wx_buf_free(&r->tmp);
    free(r->lines);
    free(r->paras);
    free(r);
}

static wx_status text_open(wx_input *in, const wx_reader_opts *opts,
                           void **state, wx_err *err)
{
    *state = NULL;
    text_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    r->in = in;
    r->name = wx_input_name(in);
    r->default_year = opts != NULL ? opts->default_year : 0;
    wx_buf_init(&r->raw, WX_MAX_RECORD_BYTES);
    wx_buf_init(&r->tmp, WX_MAX_RECORD_BYTES);
    file_name_date(r->name, &r->file_y, &r->file_m, &r->file_d);
    /* Binary junk is one skipped record, even when forced to be text. */
    const char *head;
    size_t got;
    wx_err ignored;
    /* A failing peek is reported again by the first read. */
    if (wx_input_peek(in, SNIFF_BYTES, &head, &got, &ignored) == WX_OK)
        r->binary = !looks_textual(head, got);
    *state = r;
    return WX_OK;
}

static wx_status text_next(void *state, wx_article *a, wx_err *err)
{
    text_reader *r = state;
    if (r->binary) {
        r->binary = false;
        r->eof = true;
        return wx_err_set(err, WX_EFORMAT, "%s:1: binary data, not text; "
                          "file skipped", r->name);
    }
    wx_status st = collect(r, err);
    if (st != WX_OK)
        return st;
    return parse_article(r, a, err);
}

const wx_reader_ops wx_reader_text = {
    .name = "text",
    .sniff = text_sniff,
    .open = text_open,
    .next = text_next,
    .close = text_close,
};
