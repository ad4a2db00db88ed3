/*
 * The article model's lifecycle and its canonical form: string lists,
 * field setters, metadata, and wx_article_finish(), which every article
 * passes through between a reader and the indexer (UTF-8 repair, control
 * stripping, city and agency spelling, ISO dates, content-hash ids).
 * Reading formats and finding datelines in text live elsewhere.
 */
#include "wx_article.h"

#include "wx_buf.h"
#include "wx_limits.h"
#include "wx_utf8.h"
#include "wx_xapian.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
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

typedef struct agency_row {
    const char *name;          /* the canonical spelling */
    const char *aliases[5];    /* other spellings; NULL-terminated */
} agency_row;

/*
 * Known agencies. Matching ignores case and non-alphanumerics (see
 * agency_key), so "Agence France Presse" covers "AGENCE FRANCE-PRESSE".
 * The canonical name always matches itself.
 */
static const agency_row agencies[] = {
    { "Reuters", { "REUTER", "Thomson Reuters", "Reuters News", NULL } },
    { "AP", { "Associated Press", "The Associated Press", "APW", NULL } },
    { "AFP", { "Agence France-Presse", NULL } },
    { "EFE", { "Agencia EFE", NULL } },
    { "Xinhua", { "XIN", "Xinhua News Agency", NULL } },
    { "dpa", { "Deutsche Presse-Agentur", NULL } },
    { "ANSA", { NULL } },
    { "UPI", { "United Press International", NULL } },
    { "Kyodo", { "Kyodo News", NULL } },
    { "NYT", { "New York Times", "The New York Times", NULL } },
    { "Bloomberg", { "Bloomberg News", NULL } },
    { "TASS", { "ITAR-TASS", NULL } },
    { "Yonhap", { "Yonhap News Agency", NULL } },
    { "PTI", { "Press Trust of India", NULL } },
    { "IANS", { "Indo-Asian News Service", NULL } },
    { "AAP", { "Australian Associated Press", NULL } },
    { "CNA", { NULL } },
    { "Anadolu", { "Anadolu Agency", "Anadolu Ajansi", NULL } },
    { "Europa Press", { NULL } },
    { "Prensa Latina", { NULL } },
    { "IPS", { "Inter Press Service", NULL } },
};

enum { AGENCY_KEY_MAX = 64 };

/*
 * The comparison key of a name: ASCII letters lower-cased, digits and
 * non-ASCII bytes kept, everything else dropped. False when too long to
 * be a known agency.
 */
static bool agency_key(const char *s, size_t n, char key[AGENCY_KEY_MAX])
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_alnum(s[i]) && (unsigned char)s[i] < 0x80)
            continue;
        if (k + 1 >= AGENCY_KEY_MAX)
            return false;
        key[k++] = ascii_lower(s[i]);
    }
    key[k] = '\0';
    return true;
}

static bool agency_matches(const char *name, const char *key)
{
    char k2[AGENCY_KEY_MAX];
    return agency_key(name, strlen(name), k2) && strcmp(k2, key) == 0;
}

char *wx_article_canon_agency(const char *agency)
{
    if (agency == NULL)
        return NULL;
    size_t n = strlen(agency);
    const char *t = trim(agency, &n);
    char key[AGENCY_KEY_MAX];
    if (n > 0 && agency_key(t, n, key) && key[0] != '\0') {
        for (size_t i = 0; i < sizeof agencies / sizeof *agencies; i++) {
            const agency_row *r = &agencies[i];
            bool hit = agency_matches(r->name, key);
            for (size_t j = 0; !hit && r->aliases[j] != NULL; j++)
                hit = agency_matches(r->aliases[j], key);
            if (hit)
                return dup_n(r->name, strlen(r->name));
        }
    }
    return dup_n(t, n);
}

/* ---- dates ---- */

typedef struct date_parts {
    int y, mo, d, h, mi, s;
    bool has_time;
    bool has_zone;
    int zone_min;   /* offset east of UTC, in minutes */
} date_parts;

/* A cursor over the date string. */
typedef struct cursor {
    const char *p;
    const char *end;
} cursor;

static bool at_end(const cursor *c)
{
    return c->p >= c->end;
}

static void skip_spaces(cursor *c)
{
    while (!at_end(c) && is_space(*c->p))
        c->p++;
}

static bool lit(cursor *c, char ch)
{
    if (at_end(c) || *c->p != ch)
        return false;
    c->p++;
    return true;
}

/* Read between min and max digits (no more may follow) into *v. */
static bool digits(cursor *c, int min, int max, int *v)
{
    int k = 0, val = 0;
    while (!at_end(c) && is_digit(*c->p) && k < max) {
        val = val * 10 + (*c->p - '0');
        c->p++, k++;
    }
    if (k < min || (!at_end(c) && is_digit(*c->p)))
        return false;
    *v = val;
    return true;
}

/* Read a run of ASCII letters, lower-cased, into w (NUL-terminated). */
static size_t word(cursor *c, char *w, size_t wsz)
{
    size_t k = 0;
    while (!at_end(c) && ((*c->p >= 'a' && *c->p <= 'z') ||
                          (*c->p >= 'A' && *c->p <= 'Z'))) {
        if (k + 1 < wsz)
            w[k] = ascii_lower(*c->p);
        k++;
        c->p++;
    }
    w[k < wsz ? k : wsz - 1] = '\0';
    return k;
}

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
};

/* A month name, full or as its first three letters (also "sept"). */
static bool month(cursor *c, int *mo)
{
    char w[16];
    size_t k = word(c, w, sizeof w);
    if (k < 3 || k >= sizeof w)
        return false;
    for (int i = 0; i < 12; i++) {
        if (strcmp(w, month_names[i]) == 0 ||
            (k == 3 && strncmp(w, month_names[i], 3) == 0) ||
            (i == 8 && strcmp(w, "sept") == 0)) {
            *mo = i + 1;
            lit(c, '.');
            return true;
        }
    }
    return false;
}

/* An optional leading weekday: "Tue, ", "Tuesday ". */
static void weekday(cursor *c)
{
    static const char *const days[7] = {
        "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday",
    };
    cursor save = *c;
    char w[16];
    size_t k = word(c, w, sizeof w);
    for (int i = 0; k >= 3 && k < sizeof w && i < 7; i++) {
        if (strcmp(w, days[i]) == 0 ||
            (k == 3 && strncmp(w, days[i], 3) == 0)) {
            lit(c, '.');
            lit(c, ',');
            skip_spaces(c);
            return;
        }
    }
    *c = save;
}

/* Optional ".123" after the seconds: dropped. */
static void fraction(cursor *c)
{
    if (c->end - c->p >= 2 && (*c->p == '.' || *c->p == ',') &&
        is_digit(c->p[1])) {
        c->p++;
        while (!at_end(c) && is_digit(*c->p))
            c->p++;
    }
}

/* "HH:MM[:SS[.frac]]" */
static bool clock_ext(cursor *c, date_parts *d)
{
    if (!digits(c, 1, 2, &d->h) || !lit(c, ':') || !digits(c, 2, 2, &d->mi))
        return false;
    d->s = 0;
    if (lit(c, ':')) {
        if (!digits(c, 2, 2, &d->s))
            return false;
        fraction(c);
    }
    d->has_time = true;
    return true;
}

/* Optional AM/PM after a clock time, on a 12-hour clock. */
static bool meridiem(cursor *c, date_parts *d)
{
    cursor save = *c;
    skip_spaces(c);
    char w[4];
    size_t k = word(c, w, sizeof w);
    if (k == 2 && (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0)) {
        if (d->h < 1 || d->h > 12)
            return false;
        d->h = d->h % 12 + (w[0] == 'p' ? 12 : 0);
        return true;
    }
    *c = save;
    return true;
}

/* Optional time zone, after optional spaces; false for anything else. */
static bool zone(cursor *c, date_parts *d)
{
    static const struct {
        const char *name;
        int hours;
    } names[] = {
        { "z", 0 }, { "ut", 0 }, { "utc", 0 }, { "gmt", 0 },
        { "est", -5 }, { "edt", -4 }, { "cst", -6 }, { "cdt", -5 },
        { "mst", -7 }, { "mdt", -6 }, { "pst", -8 }, { "pdt", -7 },
    };
    skip_spaces(c);
    if (at_end(c))
        return true;
    if (*c->p == '+' || *c->p == '-') {
        int sign = *c->p == '-' ? -1 : 1, hh, mm = 0;
        c->p++;
        cursor save = *c;
        if (digits(c, 4, 4, &hh)) {
            mm = hh % 100;
            hh /= 100;
        } else {
            *c = save;
            if (!digits(c, 2, 2, &hh))
                return false;
            if (lit(c, ':') && !digits(c, 2, 2, &mm))
                return false;
        }
        if (hh > 14 || mm > 59)
            return false;
        d->has_zone = true;
        d->zone_min = sign * (hh * 60 + mm);
        return true;
    }
    char w[8];
    size_t k = word(c, w, sizeof w);
    for (size_t i = 0; k > 0 && i < sizeof names / sizeof *names; i++) {
        if (strcmp(w, names[i].name) == 0) {
            d->has_zone = true;
            d->zone_min = names[i].hours * 60;
            return true;
        }
    }
    return false;
}

/* 2021-07-20[(T| )HH:MM[:SS[.f]][zone]] */
static bool parse_iso_ext(cursor *c, date_parts *d)
{
    if (!digits(c, 4, 4, &d->y) || !lit(c, '-') || !digits(c, 2, 2, &d->mo) ||
        !lit(c, '-') || !digits(c, 2, 2, &d->d))
        return false;
    if (at_end(c))
        return true;
    if (!lit(c, 'T') && !lit(c, 't') && !lit(c, ' '))
        return false;
    return clock_ext(c, d) && zone(c, d);
}

/* 20210720[THHMM[SS[.f]][zone]] */
static bool parse_iso_basic(cursor *c, date_parts *d)
{
    int ymd, hms;
    if (!digits(c, 8, 8, &ymd))
        return false;
    d->y = ymd / 10000, d->mo = ymd / 100 % 100, d->d = ymd % 100;
    if (at_end(c))
        return true;
    if (!lit(c, 'T') && !lit(c, 't'))
        return false;
    cursor save = *c;
    if (digits(c, 6, 6, &hms)) {
        d->h = hms / 10000, d->mi = hms / 100 % 100, d->s = hms % 100;
        fraction(c);
    } else {
        *c = save;
        if (!digits(c, 4, 4, &hms))
            return false;
        d->h = hms / 100, d->mi = hms % 100, d->s = 0;
    }
    d->has_time = true;
    return zone(c, d);
}

/* 26-FEB-1987[ 15:01:01.79][zone] */
static bool parse_reuters(cursor *c, date_parts *d)
{
    if (!digits(c, 1, 2, &d->d) || !lit(c, '-') || !month(c, &d->mo) ||
        !lit(c, '-') || !digits(c, 4, 4, &d->y))
        return false;
    skip_spaces(c);
    if (at_end(c))
        return true;
    return clock_ext(c, d) && zone(c, d);
}

/* [Tue, ]Jul 20[th][,] 2021 | [Tue, ]20 Jul 2021, then [time [zone]] */
static bool parse_text(cursor *c, date_parts *d)
{
    weekday(c);
    if (!at_end(c) && is_digit(*c->p)) {
        if (!digits(c, 1, 2, &d->d))
            return false;
        skip_spaces(c);
        if (!month(c, &d->mo))
            return false;
        lit(c, ',');
    } else {
        if (!month(c, &d->mo))
            return false;
        skip_spaces(c);
        if (!digits(c, 1, 2, &d->d))
            return false;
        char w[4];
        size_t k = word(c, w, sizeof w);
        if (k != 0 && (k != 2 || (strcmp(w, "st") != 0 &&
                                  strcmp(w, "nd") != 0 &&
                                  strcmp(w, "rd") != 0 &&
                                  strcmp(w, "th") != 0)))
            return false;
        lit(c, ',');
    }
    skip_spaces(c);
    if (!digits(c, 4, 4, &d->y))
        return false;
    lit(c, ',');
    skip_spaces(c);
    if (at_end(c))
        return true;
    return clock_ext(c, d) && meridiem(c, d) && zone(c, d);
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int mo)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31 };
    return mo == 2 && leap(y) ? 29 : days[mo - 1];
}

bool wx_article_parse_date(const char *s, char *out, size_t outsz)
{
    if (s == NULL)
        return false;
    size_t n = strlen(s);
    s = trim(s, &n);
    typedef bool (*form_fn)(cursor *, date_parts *);
    static const form_fn forms[] = {
        parse_iso_ext, parse_iso_basic, parse_reuters, parse_text,
    };
    date_parts d;
    bool ok = false;
    for (size_t i = 0; !ok && i < sizeof forms / sizeof *forms; i++) {
        cursor c = { s, s + n };
        memset(&d, 0, sizeof d);
        ok = n > 0 && forms[i](&c, &d) && at_end(&c);
    }
    if (!ok || d.y < 1 || d.mo < 1 || d.mo > 12 || d.d < 1 ||
        d.d > month_days(d.y, d.mo) || d.h > 23 || d.mi > 59 || d.s > 60)
        return false;
    if (d.s == 60)      /* a leap second: ISO allows it, sorting does not */
        d.s = 59;
    /* A zone is read but not applied: a wire story is dated in its
     * dateline's local time ("Buenos Aires, Nov 19"), and converting to
     * UTC would move late-evening stories to the next day. */
    int len = d.has_time
                  ? snprintf(out, outsz, "%04d-%02d-%02dT%02d:%02d:%02d",
                             d.y, d.mo, d.d, d.h, d.mi, d.s)
                  : snprintf(out, outsz, "%04d-%02d-%02d", d.y, d.mo, d.d);
    return len > 0 && (size_t)len < outsz;
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

static wx_status finish_fields(wx_article *a, size_t *fixed)
{
    char **lines[] = { &a->id, &a->title, &a->agency, &a->dateline,
                       &a->date };
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
