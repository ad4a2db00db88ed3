/*
 * Framed wire text, shared by the ANPA-1312, IPTC 7901 and teletype
 * readers, and the boilerplate rules for agency bodies. The rules are
 * deliberately narrow (whole lines, fixed words, sign-offs only at the
 * end) so that they never eat a sentence of the story.
 */
#include "wire.h"

#include "dateline.h"
#include "wx_limits.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool wx_wire_next_line(const char *s, size_t end, size_t *pos,
                       wx_wire_line *line, long *lines)
{
    size_t i = *pos;
    if (i >= end)
        return false;
    size_t j = i;
    while (j < end && s[j] != '\n' && s[j] != '\r')
        j++;
    line->p = s + i;
    line->n = j - i;
    if (j < end && s[j] == '\r')
        j++;
    if (j < end && s[j] == '\n') {
        j++;
        if (lines != NULL)
            (*lines)++;
    }
    *pos = j;
    return true;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

wx_status wx_wire_clean(const wx_wire_line *line, wx_buf *out)
{
    wx_buf_reset(out);
    bool gap = false;
    for (size_t i = 0; i < line->n; i++) {
        unsigned char c = (unsigned char)line->p[i];
        if (c < 0x20 || c == 0x7F) {
            if (c == '\t')
                gap = out->len > 0;
            continue;
        }
        if (c == ' ') {
            gap = out->len > 0;
            continue;
        }
        if (gap)
            wx_buf_putc(out, ' ');
        gap = false;
        wx_buf_putc(out, (char)c);
    }
    if (out->st != WX_OK)
        return out->st;
    /* ANPA marks headlines with a leading '^' and ends lines with quad
     * characters '<' and '='. */
    size_t start = 0;
    while (start < out->len && (out->data[start] == '^' ||
                                out->data[start] == ' '))
        start++;
    size_t n = out->len;
    while (n > start && (out->data[n - 1] == '<' || out->data[n - 1] == '=' ||
                         out->data[n - 1] == ' '))
        n--;
    memmove(out->data, out->data + start, n - start);
    out->len = n - start;
    out->data[out->len] = '\0';
    return WX_OK;
}

/* s starts with word (ASCII case ignored) followed by the end or one of
 * the characters in after. */
static bool starts_word(const char *s, const char *word, const char *after)
{
    size_t k = strlen(word);
    return strncasecmp(s, word, k) == 0 &&
           (s[k] == '\0' || strchr(after, s[k]) != NULL);
}

static size_t count_words(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s != '\0'; s++) {
        if (*s == ' ') {
            in = false;
        } else if (!in) {
            in = true;
            n++;
        }
    }
    return n;
}

bool wx_wire_is_version(const char *s)
{
    static const char *const words[] = {
        "URGENT", "FLASH", "BULLETIN", "KILL", "KILLED", "WITHDRAWN",
        "CORRECTION", "CORRECTED", "CORRECTS", "CORRECTIVE", "UPDATE",
        "UPDATED", "REPEAT", "REPEATING", "WRITETHRU", "WRITETHROUGH",
        "ADVISORY", "SUBS", "NEWLEAD", "NEW LEAD", "LEAD", "INSERT",
        "ADD", "ADDS", "TOPS", "ZUSAMMENFASSUNG", "EILMELDUNG",
        "BERICHTIGUNG", "KORREKTUR", NULL
    };
    if (s == NULL || *s == '\0' || strlen(s) > 40 || count_words(s) > 4)
        return false;
    const char *p = s;
    if (*p == '(' || *p == '-')
        p++;
    /* "1ST LEAD", "2nd Ld-Writethru", "3RD ADD" */
    if (isdigit((unsigned char)p[0])) {
        const char *q = p;
        while (isdigit((unsigned char)*q))
            q++;
        if (strncasecmp(q, "ST", 2) == 0 || strncasecmp(q, "ND", 2) == 0 ||
            strncasecmp(q, "RD", 2) == 0 || strncasecmp(q, "TH", 2) == 0) {
            q += 2;
            while (*q == ' ' || *q == '-')
                q++;
            return starts_word(q, "LEAD", " -)") ||
                   starts_word(q, "LD", " -)") ||
                   starts_word(q, "ADD", " -)") ||
                   starts_word(q, "WRITETHRU", " -)") ||
                   starts_word(q, "TAKE", " -)") ||
                   starts_word(q, "UPDATE", " -)");
        }
        return false;
    }
    for (size_t i = 0; words[i] != NULL; i++)
        if (starts_word(p, words[i], " -)=0123456789"))
            return true;
    return false;
}

bool wx_wire_is_byline(const char *s)
{
    static const char *const lead[] = {"By", "Von", "Por", "Par", "Di",
                                       "Av", "Door", NULL};
    if (s == NULL || count_words(s) > 8 || count_words(s) < 2)
        return false;
    size_t n = strlen(s);
    if (n > 0 && (s[n - 1] == '.' || s[n - 1] == '?' || s[n - 1] == '!'))
        return false;
    for (size_t i = 0; lead[i] != NULL; i++)
        if (starts_word(s, lead[i], " ") &&
            isupper((unsigned char)s[strlen(lead[i]) + 1]))
            return true;
    return false;
}

bool wx_wire_is_keyword(const char *s)
{
    if (s == NULL || *s == '\0')
        return false;
    size_t n = strlen(s);
    if (n <= 80 && s[n - 1] == '/')
        return true;
    if (n > 64 || strchr(s, ' ') != NULL)
        return false;
    bool sep = false;
    for (const char *p = s; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '-' || c == '/' || c == ':' || c == '_')
            sep = true;
        else if (!isalnum(c) && c < 0x80 && c != '.')
            return false;
    }
    return sep;
}

wx_status wx_wire_body_line(wx_buf *out, const char *s, bool new_para)
{
    if (*s == '\0')
        return out->st;
    if (out->len > 0)
        wx_buf_putc(out, new_para ? '\n' : ' ');
    return wx_buf_puts(out, s);
}

wx_status wx_wire_file_open(wx_input *in, wx_wire_file **out, wx_err *err)
{
    *out = NULL;
    wx_wire_file *f = calloc(1, sizeof *f);
    if (f == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    f->name = wx_input_name(in);
    f->line = 1;
    wx_buf_init(&f->tmp, WX_MAX_FIELD_BYTES * 4);
    wx_buf_init(&f->body, WX_MAX_BODY_BYTES);
    wx_status st = wx_input_read_all(in, WX_MAX_RECORD_BYTES, &f->buf,
                                     &f->len, err);
    if (st == WX_ETOOBIG)
        st = wx_err_set(err, WX_EFORMAT, "%s: wire file larger than %d "
                        "bytes", f->name, WX_MAX_RECORD_BYTES);
    if (st != WX_OK) {
        wx_wire_file_close(f);
        return st;
    }
    *out = f;
    return WX_OK;
}

void wx_wire_file_close(wx_wire_file *f)
{
    if (f == NULL)
        return;
    free(f->buf);
    wx_buf_free(&f->tmp);
    wx_buf_free(&f->body);
    free(f);
}

void wx_wire_advance(wx_wire_file *f, size_t to)
{
    if (to > f->len)
        to = f->len;
    for (size_t i = f->pos; i < to; i++)
        if (f->buf[i] == '\n')
            f->line++;
    f->pos = to;
}

wx_status wx_wire_meta(wx_article *a, const char *key, const char *s,
                       size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0)
        return WX_OK;
    char *v = strndup(s, n);
    if (v == NULL)
        return WX_ENOMEM;
    wx_status st = wx_article_add_meta(a, key, v);
    free(v);
    return st == WX_ETOOBIG ? WX_OK : st;
}

typedef struct para {
    char *p;
    size_t n;
} para;

static bool is_furniture(const para *q);
static bool is_signoff(const para *q);

/* The first character of a line that is not a control character. */
static char first_char(const wx_wire_line *l)
{
    for (size_t i = 0; i < l->n; i++)
        if ((unsigned char)l->p[i] >= 0x20 || l->p[i] == '\t')
            return l->p[i];
    return '\0';
}

/* "Eds:", "EDS:", "Editors:", "Editor's note:" */
static bool is_ed_note(const char *s)
{
    return strncasecmp(s, "Eds:", 4) == 0 ||
           strncasecmp(s, "Editors:", 8) == 0 ||
           strncasecmp(s, "Editor's note", 13) == 0;
}

wx_status wx_wire_fill_text(wx_wire_file *f, const char *s, size_t n,
                            const char *keyword, wx_article *a)
{
    wx_buf_reset(&f->body);
    size_t pos = 0;
    wx_wire_line l;
    bool body = false, new_para = false, after_byline = false;
    wx_status st = WX_OK;
    size_t klen = keyword != NULL ? strlen(keyword) : 0;
    while (st == WX_OK && wx_wire_next_line(s, n, &pos, &l, NULL)) {
        char c0 = first_char(&l);
        bool indent = c0 == ' ' || c0 == '\t';
        bool caret = c0 == '^';
        if ((st = wx_wire_clean(&l, &f->tmp)) != WX_OK)
            break;
        const char *c = wx_buf_str(&f->tmp);
        if (!body) {
            if (*c == '\0')
                continue;
            if (klen > 0 && strncasecmp(c, keyword, klen) == 0)
                continue;       /* the keyword again: "BC-X,0712" */
            if (a->title == NULL && wx_wire_is_keyword(c)) {
                if (wx_article_meta(a, "slug") == NULL)
                    st = wx_wire_meta(a, "slug", c, strlen(c));
                else
                    st = wx_wire_meta(a, "keyword", c, strlen(c));
                continue;
            }
            if (wx_wire_is_version(c)) {
                st = wx_wire_meta(a, "version", c, strlen(c));
                continue;
            }
            if (is_ed_note(c)) {
                st = wx_wire_meta(a, "ed_note", c, strlen(c));
                continue;
            }
            if (wx_wire_is_byline(c)) {
                st = wx_wire_meta(a, "byline", c, strlen(c));
                after_byline = true;
                continue;
            }
            if (a->title == NULL && !(indent && !caret)) {
                st = wx_article_set(&a->title, c, (size_t)-1);
                continue;
            }
            if (caret && a->title != NULL) {
                st = wx_wire_meta(a, after_byline ? "byline_title"
                                                  : "subtitle",
                                  c, strlen(c));
                continue;
            }
            body = true;
            new_para = true;
        }
        if (*c == '\0') {
            new_para = true;
            continue;
        }
        /* A sign-off or a MORE line is a paragraph of its own, indented
         * or not, so that the boilerplate rules see it whole. */
        para q = {(char *)c, f->tmp.len};
        bool alone = is_signoff(&q) || is_furniture(&q);
        st = wx_wire_body_line(&f->body, c, new_para || indent || alone);
        new_para = alone;
    }
    if (st == WX_OK && f->body.st != WX_OK)
        st = f->body.st;
    if (st == WX_OK && f->body.len > 0)
        st = wx_article_set(&a->body, f->body.data, f->body.len);
    /* Furniture first: a keyword block would hide the lead's dateline. */
    if (st == WX_OK)
        st = wx_wire_strip_boilerplate(a);
    if (st == WX_OK)
        st = wx_wire_lead_dateline(a);
    return st;
}

wx_status wx_wire_lead_dateline(wx_article *a)
{
    if (a->dateline != NULL || a->body == NULL)
        return WX_OK;
    size_t n = strcspn(a->body, "\n");
    wx_dateline dl;
    if (!wx_dateline_parse_lead(a->body, n, &dl) || dl.city[0] == '\0')
        return WX_OK;
    wx_status st = wx_article_set(&a->dateline, dl.city, (size_t)-1);
    if (st == WX_OK && a->agency == NULL && dl.agency[0] != '\0')
        st = wx_article_set(&a->agency, dl.agency, (size_t)-1);
    if (st == WX_OK && dl.span > 0) {
        char *text = strndup(a->body, dl.span < n ? dl.span : n);
        if (text == NULL)
            return WX_ENOMEM;
        size_t k = strlen(text);
        while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '-' ||
                         text[k - 1] == '_'))
            text[--k] = '\0';
        if (k > 0)
            st = wx_article_add_meta(a, "dateline_text", text);
        free(text);
        if (st == WX_ETOOBIG)
            st = WX_OK;
    }
    return st;
}

bool wx_wire_date(int year, int month, int day, int hour, int min,
                  char *out)
{
    if (year >= 0 && year < 100)
        year += year < 70 ? 2000 : 1900;
    if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 ||
        day > 31 || hour < 0 || hour > 23 || min < 0 || min > 59)
        return false;
    snprintf(out, WX_DATE_MAX, "%04d-%02d-%02dT%02d:%02d:00", year, month,
             day, hour, min);
    return true;
}

bool wx_wire_stamp_date(const char *s, char *out)
{
    static const char *const months[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
        "oct", "nov", "dec"
    };
    int d, hh, mm, y, used = 0;
    char w1[8], w2[8];
    while (*s == ' ')
        s++;
    for (int i = 0; i < 6; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    if (sscanf(s, "%2d%2d%2d %7s %7s%n", &d, &hh, &mm, w1, w2, &used) != 5)
        return false;
    /* "Mon YY", or "ZONE Mon YY" */
    const char *mon = w1;
    if (sscanf(w2, "%d", &y) != 1) {
        mon = w2;
        if (sscanf(s + used, "%d", &y) != 1)
            return false;
    }
    for (int m = 0; m < 12; m++)
        if (strcasecmp(mon, months[m]) == 0)
            return wx_wire_date(y, m + 1, d, hh, mm, out);
    return false;
}

/* ---- boilerplate ---------------------------------------------------- */


static bool para_is(const para *q, const char *word)
{
    return q->n == strlen(word) && strncasecmp(q->p, word, q->n) == 0;
}

/* Whole paragraphs that are never text. */
static bool is_furniture(const para *q)
{
    static const char *const words[] = {
        "MORE", "(MORE)", "-MORE-", "- MORE -", "MORE FOLLOWS", "(END)",
        "END", "-END-", "(ENDS)", "ENDS", "-30-", "-0-", "NNNN", "KN", "KNN",
        "Extra", "(Extra)", NULL
    };
    for (size_t i = 0; words[i] != NULL; i++)
        if (para_is(q, words[i]))
            return true;
    /* rules: "=", "= = =", "###", "----", "***" */
    bool any = false;
    for (size_t i = 0; i < q->n; i++) {
        char c = q->p[i];
        if (c != '=' && c != '-' && c != '#' && c != '*' && c != ' ' &&
            c != '_')
            return false;
        any = any || c != ' ';
    }
    return any;
}

static bool all_lower(const char *p, size_t n, size_t max)
{
    if (n == 0 || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)p[i]))
            return false;
    return true;
}

/* Initials such as "jh/kr" or "xy/ab/cd": short lower-case runs joined by
 * '/', at least two. */
static bool is_initials(const char *p, size_t n)
{
    size_t runs = 0, i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && p[j] != '/')
            j++;
        if (!all_lower(p + i, j - i, 4))
            return false;
        runs++;
        i = j + 1;
        if (j < n && i == n)
            return false;       /* a trailing '/' */
    }
    return runs >= 2;
}

/* A sign-off: only ever looked for at the end of a body. */
static bool is_signoff(const para *q)
{
    if (para_is(q, "REUTER") || para_is(q, "REUTERS") ||
        para_is(q, "(REUTERS)"))
        return true;
    /* AP's cycle stamp: "AP-WF-03-11-24 0940GMT" */
    if (q->n >= 8 && q->n <= 40 && strncmp(q->p, "AP-", 3) == 0 &&
        isupper((unsigned char)q->p[3]) && isupper((unsigned char)q->p[4]) &&
        q->p[5] == '-')
        return true;
    if (q->n > 40)
        return false;
    /* "jh/kr" alone, or an agency then initials: "AAP ab/cd",
     * "dpa wo xx", "dpa-AFX ab" */
    if (is_initials(q->p, q->n))
        return true;
    const char *sp = memchr(q->p, ' ', q->n);
    if (sp == NULL)
        return false;
    size_t head = (size_t)(sp - q->p);
    bool agency = (head == 3 && strncmp(q->p, "AAP", 3) == 0) ||
                  (head >= 3 && strncmp(q->p, "dpa", 3) == 0);
    if (!agency)
        return false;
    const char *r = sp + 1;
    size_t rn = q->n - head - 1;
    if (is_initials(r, rn))
        return true;
    /* "dpa wo xx yy": one to three short lower-case words */
    size_t words = 0, i = 0;
    while (i < rn) {
        size_t j = i;
        while (j < rn && r[j] != ' ')
            j++;
        if (!all_lower(r + i, j - i, 4))
            return false;
        words++;
        i = j + 1;
    }
    return words >= 1 && words <= 3;
}

/* A line of a dpa keyword block: at most three words of letters (and
 * - / & '), no digits, no sentence punctuation, at most 40 bytes. */
static bool is_keyword_word_line(const para *q)
{
    if (q->n == 0 || q->n > 40)
        return false;
    size_t words = 1;
    for (size_t i = 0; i < q->n; i++) {
        unsigned char c = (unsigned char)q->p[i];
        if (c == ' ')
            words++;
        else if (c < 0x80 && !isalpha(c) && c != '-' && c != '/' &&
                 c != '&' && c != '\'')
            return false;
    }
    return words <= 3;
}

wx_status wx_wire_strip_boilerplate(wx_article *a)
{
    if (a->body == NULL)
        return WX_OK;
    /* Cut the body into paragraphs (in place). */
    size_t cap = 16, np = 0;
    para *ps = malloc(cap * sizeof *ps);
    if (ps == NULL)
        return WX_ENOMEM;
    for (char *p = a->body;;) {
        char *nl = strchr(p, '\n');
        size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
        while (n > 0 && is_space(p[n - 1]))
            n--;
        while (n > 0 && is_space(*p))
            p++, n--;
        /* a trailing " =" (IPTC 7901 line ends) */
        if (n >= 2 && p[n - 1] == '=' && p[n - 2] == ' ') {
            n -= 2;
            while (n > 0 && is_space(p[n - 1]))
                n--;
        }
        if (np == cap) {
            cap *= 2;
            para *grown = realloc(ps, cap * sizeof *ps);
            if (grown == NULL) {
                free(ps);
                return WX_ENOMEM;
            }
            ps = grown;
        }
        ps[np].p = p;
        ps[np].n = n;
        np++;
        if (nl == NULL)
            break;
        p = nl + 1;
    }

    wx_status st = WX_OK;
    wx_buf keep, meta;
    wx_buf_init(&keep, WX_MAX_BODY_BYTES);
    wx_buf_init(&meta, WX_MAX_FIELD_BYTES);

    /* Sign-offs at the end (after dropping empty and furniture ones). */
    size_t end = np;
    for (;;) {
        while (end > 0 && (ps[end - 1].n == 0 || is_furniture(&ps[end - 1])))
            end--;
        if (end > 0 && is_signoff(&ps[end - 1])) {
            end--;
            if (st == WX_OK) {
                char *s = strndup(ps[end].p, ps[end].n);
                st = s != NULL ? wx_article_add_meta(a, "signoff", s)
                               : WX_ENOMEM;
                free(s);
                if (st == WX_ETOOBIG)
                    st = WX_OK;
            }
            continue;
        }
        break;
    }

    /* A leading keyword block: 3+ short lines, or 2+ then "Extra". */
    size_t start = 0, k = 0;
    while (k < end && ps[k].n == 0)
        k++;
    size_t first = k, kw = 0;
    while (k < end && is_keyword_word_line(&ps[k]) &&
           !para_is(&ps[k], "Extra"))
        k++, kw++;
    bool extra = k < end && para_is(&ps[k], "Extra");
    if (k < end && (kw >= 3 || (kw >= 2 && extra))) {
        for (size_t i = first; i < first + kw; i++) {
            if (meta.len > 0)
                wx_buf_puts(&meta, ", ");
            wx_buf_append(&meta, ps[i].p, ps[i].n);
        }
        start = extra ? k + 1 : k;
        if (st == WX_OK && meta.st == WX_OK && meta.len > 0) {
            st = wx_article_add_meta(a, "keywords", wx_buf_str(&meta));
            if (st == WX_ETOOBIG)
                st = WX_OK;
        }
    }

    for (size_t i = start; i < end && st == WX_OK; i++) {
        if (ps[i].n == 0 || is_furniture(&ps[i]))
            continue;
        if (keep.len > 0)
            wx_buf_putc(&keep, '\n');
        wx_buf_append(&keep, ps[i].p, ps[i].n);
    }
    free(ps);
    if (st == WX_OK && keep.st != WX_OK)
        st = keep.st;
    if (st == WX_OK)
        st = wx_article_set(&a->body, keep.data != NULL ? keep.data : "",
                            keep.len);
    wx_buf_free(&keep);
    wx_buf_free(&meta);
    return st;
}

wx_status wx_wire_finish(const wx_wire_file *f, long line, wx_status st,
                         wx_article *a, wx_err *err)
{
    if (st != WX_OK) {
        wx_article_reset(a);
        if (st == WX_ETOOBIG)
            return wx_err_set(err, WX_EFORMAT, "%s:%ld: body longer than %d "
                              "bytes; skipped", f->name, line,
                              WX_MAX_BODY_BYTES);
        return wx_err_set(err, st, "%s:%ld: %s", f->name, line,
                          wx_status_str(st));
    }
    a->src_file = f->name;
    a->src_line = line;
    return WX_OK;
}
