/*
 * Framed wire text, shared by the ANPA-1312, IPTC 7901 and teletype
 * readers, and the boilerplate rules for agency bodies. The rules are
 * deliberately narrow (whole lines, fixed words, sign-offs only at the
 * end) so that they never eat a sentence of the story.
 */
#include "wire.h"

#include "wx_limits.h"

#include <ctype.h>
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
    while (start < out->len && out->data[start] == '^')
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
        if (starts_word(p, words[i], " -):=0123456789"))
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

/* ---- boilerplate ---------------------------------------------------- */

/* A paragraph span of the body. */
typedef struct para {
    char *p;
    size_t n;
} para;

static bool para_is(const para *q, const char *word)
{
    return q->n == strlen(word) && strncasecmp(q->p, word, q->n) == 0;
}

/* Whole paragraphs that are never text. */
static bool is_furniture(const para *q)
{
    static const char *const words[] = {
        "MORE", "(MORE)", "-MORE-", "- MORE -", "MORE FOLLOWS", "(END)",
        "END", "-END-", "(ENDS)", "ENDS", "-30-", "-0-", "NNNN", "Extra",
        "(Extra)", NULL
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
