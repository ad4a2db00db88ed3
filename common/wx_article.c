/*
 * The article model's lifecycle and its canonical form: string lists,
 * field setters, metadata, and wx_article_finish(), which every article
 * passes through between a reader and the indexer (UTF-8 repair, control
 * stripping, city and agency spelling, ISO dates, content-hash ids).
 * Reading formats and finding datelines in text live elsewhere.
 */
#include "wx_article.h"

#include "wx_agency.h"
#include "wx_buf.h"
#include "wx_date.h"
#include "wx_limits.h"
#include "wx_utf8.h"
#include "wx_xapian.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- small string helpers ---- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static char *dup_n(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p == NULL)
        return NULL;
    if (len > 0)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* Narrow s[0..*len) to its non-white-space middle; returns the start. */
static const char *trim(const char *s, size_t *len)
{
    size_t n = *len;
    while (n > 0 && is_space(*s))
        s++, n--;
    while (n > 0 && is_space(s[n - 1]))
        n--;
    *len = n;
    return s;
}

/* ---- string lists ---- */

wx_status wx_strlist_add(wx_strlist *l, const char *s, size_t len)
{
    if (len == (size_t)-1)
        len = strlen(s);
    if (l->n >= WX_MAX_LIST_ITEMS)
        return WX_ETOOBIG;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        char **v = realloc(l->v, cap * sizeof *v);
        if (v == NULL)
            return WX_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    char *p = dup_n(s, len);
    if (p == NULL)
        return WX_ENOMEM;
    l->v[l->n++] = p;
    return WX_OK;
}

static bool equal_nocase(const char *a, const char *b, size_t blen)
{
    for (size_t i = 0; i < blen; i++) {
        if (a[i] == '\0' || ascii_lower(a[i]) != ascii_lower(b[i]))
            return false;
    }
    return a[blen] == '\0';
}

wx_status wx_strlist_add_unique(wx_strlist *l, const char *s, size_t len)
{
    if (len == (size_t)-1)
        len = strlen(s);
    for (size_t i = 0; i < l->n; i++) {
        if (equal_nocase(l->v[i], s, len))
            return WX_OK;
    }
    return wx_strlist_add(l, s, len);
}

void wx_strlist_clear(wx_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Remove item i, keeping the order of the rest. */
static void strlist_remove(wx_strlist *l, size_t i)
{
    free(l->v[i]);
    memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
    l->n--;
}

/* ---- article lifecycle and fields ---- */

void wx_article_init(wx_article *a)
{
    memset(a, 0, sizeof *a);
}

void wx_article_reset(wx_article *a)
{
    if (a == NULL)
        return;
    free(a->id);
    free(a->title);
    free(a->agency);
    free(a->dateline);
    free(a->date);
    free(a->body);
    free(a->source);
    wx_strlist_clear(&a->topics);
    wx_strlist_clear(&a->places);
    wx_strlist_clear(&a->meta_keys);
    wx_strlist_clear(&a->meta_vals);
    wx_article_init(a);
}

wx_status wx_article_set(char **field, const char *s, size_t len)
{
    if (s == NULL)
        len = 0;
    else if (len == (size_t)-1)
        len = strlen(s);
    const char *t = len > 0 ? trim(s, &len) : s;
    char *p = NULL;
    if (len > 0) {
        p = dup_n(t, len);
        if (p == NULL)
            return WX_ENOMEM;
    }
    free(*field);
    *field = p;
    return WX_OK;
}

wx_status wx_article_add_meta(wx_article *a, const char *key,
                              const char *val)
{
    if (key == NULL || val == NULL)
        return WX_EINVAL;
    wx_status st = wx_strlist_add(&a->meta_keys, key, (size_t)-1);
    if (st != WX_OK)
        return st;
    st = wx_strlist_add(&a->meta_vals, val, (size_t)-1);
    if (st != WX_OK)
        strlist_remove(&a->meta_keys, a->meta_keys.n - 1);
    return st;
}

void wx_article_drop_meta(wx_article *a, const char *key)
{
    for (size_t i = 0; i < a->meta_keys.n && i < a->meta_vals.n;) {
        if (strcmp(a->meta_keys.v[i], key) == 0) {
            strlist_remove(&a->meta_keys, i);
            strlist_remove(&a->meta_vals, i);
        } else {
            i++;
        }
    }
}

const char *wx_article_meta(const wx_article *a, const char *key)
{
    for (size_t i = 0; i < a->meta_keys.n && i < a->meta_vals.n; i++) {
        if (strcmp(a->meta_keys.v[i], key) == 0)
            return a->meta_vals.v[i];
    }
    return NULL;
}

/* ---- canonical city ---- */

/* Linking words kept in lower case inside a name (not at its start). */
static const char *const small_words[] = {
    "al", "am", "an", "and", "aux", "da", "das", "de", "degli", "dei",
    "del", "della", "der", "des", "di", "do", "dos", "du", "e", "el",
    "en", "es", "im", "la", "las", "le", "les", "los", "of", "on", "op",
    "sous", "sur", "the", "upon", "van", "von", "y", "zu", "zum",
};

static bool is_small_word(const char *w, size_t len)
{
    for (size_t i = 0; i < sizeof small_words / sizeof *small_words; i++) {
        if (strlen(small_words[i]) == len &&
            memcmp(small_words[i], w, len) == 0)
            return true;
    }
    return false;
}

static bool is_word_sep(char c)
{
    return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(';
}

/*
 * Upper case of a lower-case letter, for the blocks where it is a fixed
 * offset or an even/odd pairing and stays two bytes long in UTF-8;
 * cp itself when unknown. Enough for European place names.
 */
static uint32_t upper_initial(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return cp - 0x20;
    if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)          /* Latin-1 */
        return cp - 0x20;
    if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) ||
        (cp >= 0x14A && cp <= 0x177))                    /* Latin Ext-A */
        return cp & 1 ? cp - 1 : cp;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return cp & 1 ? cp : cp - 1;
    if (cp >= 0x3B1 && cp <= 0x3C9 && cp != 0x3C2)       /* Greek */
        return cp - 0x20;
    if (cp >= 0x430 && cp <= 0x44F)                      /* Cyrillic */
        return cp - 0x20;
    if (cp >= 0x450 && cp <= 0x45F)
        return cp - 0x50;
    return cp;
}

/* Capitalise the character at s[i] in place (same encoded length). */
static void capitalise_at(char *s, size_t n, size_t i)
{
    uint32_t cp;
    size_t len = wx_utf8_decode(s + i, n - i, &cp);
    if (len == 0)
        return;
    uint32_t up = upper_initial(cp);
    char enc[4];
    if (up != cp && wx_utf8_encode(up, enc) == len)
        memcpy(s + i, enc, len);
}

char *wx_article_canon_city(const char *city)
{
    if (city == NULL)
        return NULL;
    /* Trim and collapse white space first, so words are one space apart. */
    size_t n = strlen(city);
    const char *t = trim(city, &n);
    char *flat = malloc(n + 1);
    if (flat == NULL)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_space(t[i])) {
            if (w > 0 && flat[w - 1] != ' ')
                flat[w++] = ' ';
        } else {
            flat[w++] = t[i];
        }
    }
    flat[w] = '\0';
    char *s = wx_xapian_lower(flat, w);
    free(flat);
    if (s == NULL)
        return NULL;
    n = strlen(s);
    for (size_t i = 0; i < n;) {
        if (is_word_sep(s[i])) {
            i++;
            continue;
        }
        size_t end = i;
        while (end < n && !is_word_sep(s[end]))
            end++;
        if (i == 0 || !is_small_word(s + i, end - i)) {
            capitalise_at(s, n, i);
            /* "n'djamena" -> "N'Djamena", "l'aquila" -> "L'Aquila" */
            if (end - i > 2 && s[i + 1] == '\'' &&
                (unsigned char)s[i] < 0x80 && is_alnum(s[i]))
                capitalise_at(s, n, i + 2);
        }
        i = end;
    }
    return s;
}

/* ---- canonical agency ---- */

char *wx_article_canon_agency(const char *agency)
{
    if (agency == NULL)
        return NULL;
    size_t n = strlen(agency);
    const char *t = trim(agency, &n);
    /* "Washington Post/Bloomberg" stays whole: one part is unknown. */
    const char *credits[2];
    bool unknown;
    if (wx_agency_credits(t, n, credits, &unknown) > 0 && !unknown)
        return dup_n(credits[0], strlen(credits[0]));
    return dup_n(t, n);
}

/* ---- dates ---- */

bool wx_article_parse_date(const char *s, char *out, size_t outsz)
{
    wx_date d;
    char iso[WX_DATE_ISO_MAX];
    size_t n = s != NULL && wx_date_parse(s, strlen(s), &d)
                   ? wx_date_iso(&d, iso, sizeof iso)
                   : 0;
    if (n == 0 || n >= outsz)
        return false;
    memcpy(out, iso, n + 1);
    return true;
}

/* ---- finish ---- */

/*
 * Clean one owned string in place: repair, strip controls, flatten to
 * one line unless multiline, trim, cut to max bytes; empty becomes NULL.
 * Adds the bytes repaired to *fixed.
 */
static wx_status clean(char **field, bool multiline, size_t max,
                       size_t *fixed)
{
    char *s = *field;
    if (s == NULL)
        return WX_OK;
    size_t n = strlen(s);
    if (!wx_utf8_valid(s, n)) {
        wx_buf b;
        size_t r = 0;
        /* Each repaired byte becomes two, so the output fits 2n. */
        wx_buf_init(&b, 2 * n);
        if (wx_utf8_repair(s, n, &b, &r) != WX_OK) {
            wx_buf_free(&b);
            return WX_ENOMEM;
        }
        *fixed += r;
        n = b.len;
        free(s);
        s = *field = wx_buf_steal(&b);
    }
    n = wx_utf8_strip_controls(s, n);
    if (!multiline) {
        size_t w = 0;
        for (size_t r = 0; r < n; r++) {
            if (is_space(s[r])) {
                if (w == 0 || s[w - 1] != ' ')
                    s[w++] = ' ';
            } else {
                s[w++] = s[r];
            }
        }
        n = w;
    }
    size_t len = n;
    const char *t = trim(s, &len);
    len = wx_utf8_truncate(t, len, max);
    /* Cutting may expose trailing white space again. */
    t = trim(t, &len);
    if (len == 0) {
        free(s);
        *field = NULL;
        return WX_OK;
    }
    memmove(s, t, len);
    s[len] = '\0';
    return WX_OK;
}

static wx_status clean_list(wx_strlist *l, size_t *fixed)
{
    for (size_t i = 0; i < l->n;) {
        wx_status st = clean(&l->v[i], false, WX_MAX_FIELD_BYTES, fixed);
        if (st != WX_OK)
            return st;
        if (l->v[i] == NULL)
            strlist_remove(l, i);
        else
            i++;
    }
    return WX_OK;
}

static wx_status clean_meta(wx_article *a, size_t *fixed)
{
    wx_strlist *k = &a->meta_keys, *v = &a->meta_vals;
    for (size_t i = 0; i < k->n && i < v->n;) {
        wx_status st = clean(&k->v[i], false, WX_MAX_FIELD_BYTES, fixed);
        if (st == WX_OK)
            st = clean(&v->v[i], false, WX_MAX_FIELD_BYTES, fixed);
        if (st != WX_OK)
            return st;
        if (k->v[i] == NULL || v->v[i] == NULL) {
            /* strlist_remove frees; a NULL item is fine to free. */
            strlist_remove(k, i);
            strlist_remove(v, i);
        } else {
            i++;
        }
    }
    return WX_OK;
}

/* Replace *field by fn(*field) when present. */
static wx_status canon_field(char **field, char *(*fn)(const char *))
{
    if (*field == NULL)
        return WX_OK;
    char *p = fn(*field);
    if (p == NULL)
        return WX_ENOMEM;
    free(*field);
    *field = p;
    return WX_OK;
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; s != NULL && *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

/* Before the agency is made canonical: keep the credit as written when
 * it says more, and a second agency it names ("STT–AFP"). */
static wx_status keep_credit(wx_article *a)
{
    const char *credits[2];
    bool unknown;
    size_t k = wx_agency_credits(a->agency, strlen(a->agency), credits,
                                 &unknown);
    wx_status st = WX_OK;
    if (unknown)
        return WX_OK;       /* kept whole, as written */
    if (k > 0 && strcasecmp(credits[0], a->agency) != 0 &&
        wx_article_meta(a, "credit") == NULL)
        st = wx_article_add_meta(a, "credit", a->agency);
    if (st == WX_OK && k == 2 && wx_article_meta(a, "agency_also") == NULL)
        st = wx_article_add_meta(a, "agency_also", credits[1]);
    return st;
}

static wx_status finish_fields(wx_article *a, size_t *fixed)
{
    char **lines[] = { &a->id, &a->title, &a->agency, &a->dateline,
                       &a->date, &a->source };
    wx_status st = WX_OK;
    for (size_t i = 0; st == WX_OK && i < sizeof lines / sizeof *lines; i++)
        st = clean(lines[i], false, WX_MAX_FIELD_BYTES, fixed);
    if (st == WX_OK)
        st = clean(&a->body, true, WX_MAX_BODY_BYTES, fixed);
    if (st == WX_OK)
        st = clean_list(&a->topics, fixed);
    if (st == WX_OK)
        st = clean_list(&a->places, fixed);
    if (st == WX_OK)
        st = clean_meta(a, fixed);
    if (st == WX_OK)
        st = canon_field(&a->dateline, wx_article_canon_city);
    if (st == WX_OK && a->agency != NULL)
        st = keep_credit(a);
    if (st == WX_OK)
        st = canon_field(&a->agency, wx_article_canon_agency);
    if (st == WX_OK && a->date != NULL) {
        char iso[WX_DATE_MAX];
        if (wx_article_parse_date(a->date, iso, sizeof iso))
            st = wx_article_set(&a->date, iso, (size_t)-1);
        else
            st = wx_article_set(&a->date, NULL, 0);
    }
    return st;
}

wx_status wx_article_finish(wx_article *a, size_t *repairs, wx_err *err)
{
    const char *file = a->src_file != NULL ? a->src_file : "(input)";
    size_t fixed = 0;
    wx_status st = finish_fields(a, &fixed);
    if (repairs != NULL)
        *repairs = fixed;
    if (st != WX_OK)
        return wx_err_set(err, st, "%s:%ld: %s", file, a->src_line,
                          wx_status_str(st));
    /* Every reader's records are accepted here, so this is the one
     * place an empty record (Reuters-21578 NEWID 12793, a G2 item that
     * is only an id) is refused: a search could never find it. */
    if (a->title == NULL && a->body == NULL)
        return wx_err_set(err, WX_ENOTEXT, "%s:%ld: record %.100s%shas "
                          "neither title nor body; not stored", file,
                          a->src_line, a->id != NULL ? a->id : "",
                          a->id != NULL ? " " : "");
    if (a->id == NULL) {
        uint64_t h = UINT64_C(0xcbf29ce484222325);
        h = fnv1a(h, a->title);
        h = fnv1a(h, "\n");
        h = fnv1a(h, a->body);
        char id[18];
        snprintf(id, sizeof id, "h%016" PRIx64, h);
        st = wx_article_set(&a->id, id, (size_t)-1);
        if (st != WX_OK)
            return wx_err_set(err, st, "%s:%ld: %s", file, a->src_line,
                              wx_status_str(st));
    }
    return WX_OK;
}
