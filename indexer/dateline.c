/*
 * Dateline parsing for wire copy, and the one table of agency naming
 * conventions it needs. A hand-written scanner over bytes (UTF-8 aware
 * where letters matter): city words, then an optional comma with a date
 * or a region, an optional agency in parentheses and an optional dash.
 * Deliberately strict at the start of a lead, so prose never matches.
 */
#include "dateline.h"

#include "wx_utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- the agency table ---------------------------------------------- */

enum {
    AG_PAREN = 1,     /* printed in parentheses in a dateline: "(EFE)" */
    AG_LINE = 2,      /* may stand alone as the last line: "EFE" */
    AG_TAIL = 4       /* may end the last sentence: "... diplomacy. EFE" */
};

typedef struct agency_row {
    const char *printed;    /* as in copy; ASCII case is ignored */
    const char *canon;      /* the name the index stores */
    int flags;
} agency_row;

#define AG_ALL (AG_PAREN | AG_LINE | AG_TAIL)
#define AG_STD (AG_PAREN | AG_LINE)

static const agency_row agencies[] = {
    {"EFE", "EFE", AG_ALL},
    {"AP", "AP", AG_ALL},
    {"Associated Press", "AP", AG_STD},
    {"Reuters", "Reuters", AG_ALL},
    {"Reuter", "Reuters", AG_ALL},
    {"AFP", "AFP", AG_ALL},
    {"Agence France-Presse", "AFP", AG_STD},
    {"Xinhua", "Xinhua", AG_ALL},
    {"Enditem", "Xinhua", AG_LINE | AG_TAIL},
    {"dpa", "dpa", AG_ALL},
    {"ANSA", "ANSA", AG_ALL},
    {"Kyodo", "Kyodo", AG_STD},
    {"Kyodo News", "Kyodo", AG_STD},
    {"UPI", "UPI", AG_STD},
    {"AAP", "AAP", AG_STD},
    {"PTI", "PTI", AG_STD},
    {"IANS", "IANS", AG_STD},
    {"Yonhap", "Yonhap", AG_STD},
    {"TASS", "TASS", AG_STD},
    {"ITAR-TASS", "TASS", AG_STD},
    {"Bloomberg", "Bloomberg", AG_STD},
    {"CNA", "CNA", AG_STD},
    {"Anadolu", "Anadolu", AG_STD},
    {"AA", "Anadolu", AG_PAREN},
    {"Europa Press", "Europa Press", AG_STD},
    {"Prensa Latina", "Prensa Latina", AG_STD},
    {"IPS", "IPS", AG_STD},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int lower_ascii(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* s[0..n) equals the NUL-terminated t, ignoring ASCII case. */
static bool eq_nocase(const char *s, size_t n, const char *t)
{
    size_t i = 0;
    for (; i < n && t[i] != '\0'; i++)
        if (lower_ascii((unsigned char)s[i]) !=
            lower_ascii((unsigned char)t[i]))
            return false;
    return i == n && t[i] == '\0';
}

static const agency_row *find_agency(const char *s, size_t n, int flag)
{
    for (size_t i = 0; i < COUNT(agencies); i++)
        if ((agencies[i].flags & flag) && eq_nocase(s, n, agencies[i].printed))
            return &agencies[i];
    return NULL;
}

const char *wx_dateline_agency(const char *name, size_t n)
{
    const agency_row *r = find_agency(name, n, AG_PAREN | AG_LINE | AG_TAIL);
    return r != NULL ? r->canon : NULL;
}

/* ---- bytes and letters ---------------------------------------------- */

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Skip ASCII white space and no-break spaces (U+00A0) from p. */
static size_t skip_ws(const char *s, size_t n, size_t p)
{
    for (;;) {
        if (p < n && is_ws((unsigned char)s[p]))
            p++;
        else if (p + 1 < n && (unsigned char)s[p] == 0xC2 &&
                 (unsigned char)s[p + 1] == 0xA0)
            p += 2;
        else
            return p;
    }
}

/* Only spaces: a city's words may not be split across a tab or line. */
static size_t skip_spaces(const char *s, size_t n, size_t p)
{
    while (p < n && s[p] == ' ')
        p++;
    return p;
}

typedef enum ch_class { CH_OTHER, CH_UPPER, CH_LOWER, CH_CASELESS } ch_class;

/*
 * A rough letter classification, enough to tell "Beijing" from "said":
 * Latin-1, Latin Extended-A (even code points are capitals), Greek and
 * Cyrillic have case; other scripts count as caseless letters; Unicode
 * punctuation and symbols are not letters.
 */
static ch_class classify(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return CH_UPPER;
    if (cp >= 'a' && cp <= 'z')
        return CH_LOWER;
    if (cp < 0xC0)
        return CH_OTHER;
    if (cp == 0xD7 || cp == 0xF7)
        return CH_OTHER;
    if (cp <= 0xDE)
        return CH_UPPER;
    if (cp <= 0xFF)
        return CH_LOWER;
    if (cp < 0x180)
        return cp % 2 == 0 ? CH_UPPER : CH_LOWER;
    if (cp >= 0x386 && cp <= 0x3AB)
        return CH_UPPER;
    if (cp >= 0x3AC && cp <= 0x3CE)
        return CH_LOWER;
    if (cp >= 0x400 && cp <= 0x42F)
        return CH_UPPER;
    if (cp >= 0x430 && cp <= 0x45F)
        return CH_LOWER;
    if ((cp >= 0x2000 && cp < 0x2C00) || (cp >= 0x3000 && cp < 0x3040) ||
        (cp >= 0xFE30 && cp < 0xFE70) || (cp >= 0xFF00 && cp < 0xFF21) ||
        cp == 0xFEFF || (cp >= 0xE000 && cp < 0xF900))
        return CH_OTHER;
    return CH_CASELESS;
}

/* Class of the character at p (and its byte length in *len). */
static ch_class char_at(const char *s, size_t n, size_t p, size_t *len)
{
    uint32_t cp;
    size_t l = p < n ? wx_utf8_decode(s + p, n - p, &cp) : 0;
    if (l == 0) {
        *len = 1;
        return CH_OTHER;
    }
    *len = l;
    return classify(cp);
}

static bool letter_at(const char *s, size_t n, size_t p)
{
    size_t l;
    return p < n && char_at(s, n, p, &l) != CH_OTHER;
}

/* ---- months and weekdays -------------------------------------------- */

typedef struct name_num {
    const char *name;    /* lower case */
    int num;
} name_num;

/* English, Spanish, Italian, Portuguese, French, German; full and short. */
static const name_num months[] = {
    {"january", 1}, {"jan", 1}, {"enero", 1}, {"ene", 1},
    {"gennaio", 1}, {"gen", 1}, {"janeiro", 1}, {"janvier", 1},
    {"janv", 1}, {"januar", 1}, {"j\xc3\xa4n", 1}, {"j\xc3\xa4nner", 1},
    {"february", 2}, {"feb", 2}, {"febrero", 2}, {"febbraio", 2},
    {"fevereiro", 2}, {"fev", 2}, {"f\xc3\xa9vrier", 2},
    {"f\xc3\xa9vr", 2}, {"f\xc3\xa9v", 2}, {"februar", 2},
    {"march", 3}, {"mar", 3}, {"marzo", 3}, {"mar\xc3\xa7o", 3},
    {"mars", 3}, {"m\xc3\xa4rz", 3}, {"mrz", 3},
    {"april", 4}, {"apr", 4}, {"abril", 4}, {"abr", 4}, {"aprile", 4},
    {"avril", 4}, {"avr", 4},
    {"may", 5}, {"mayo", 5}, {"maggio", 5}, {"mag", 5}, {"maio", 5},
    {"mai", 5},
    {"june", 6}, {"jun", 6}, {"junio", 6}, {"giugno", 6}, {"giu", 6},
    {"junho", 6}, {"juin", 6}, {"juni", 6},
    {"july", 7}, {"jul", 7}, {"julio", 7}, {"luglio", 7}, {"lug", 7},
    {"julho", 7}, {"juillet", 7}, {"juil", 7}, {"juli", 7},
    {"august", 8}, {"aug", 8}, {"agosto", 8}, {"ago", 8},
    {"ao\xc3\xbbt", 8},
    {"september", 9}, {"sep", 9}, {"sept", 9}, {"septiembre", 9},
    {"setiembre", 9}, {"settembre", 9}, {"set", 9}, {"setembro", 9},
    {"septembre", 9},
    {"october", 10}, {"oct", 10}, {"octubre", 10}, {"ottobre", 10},
    {"ott", 10}, {"outubro", 10}, {"out", 10}, {"octobre", 10},
    {"oktober", 10}, {"okt", 10},
    {"november", 11}, {"nov", 11}, {"noviembre", 11}, {"novembre", 11},
    {"novembro", 11},
    {"december", 12}, {"dec", 12}, {"diciembre", 12}, {"dic", 12},
    {"dicembre", 12}, {"dezembro", 12}, {"dez", 12},
    {"d\xc3\xa9" "cembre", 12}, {"d\xc3\xa9" "c", 12},
    {"dezember", 12},
};

static const char *const weekdays[] = {
    "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed",
    "thursday", "thu", "thur", "thurs", "friday", "fri", "saturday",
    "sat", "sunday", "sun", "lunes", "martes", "mi\xc3\xa9rcoles",
    "miercoles", "jueves", "viernes", "s\xc3\xa1" "bado", "sabado",
    "domingo", "today", "yesterday", "tomorrow",
};

/*
 * s[0..n) equals the lower-case t, folding ASCII capitals and the
 * Latin-1 capitals U+00C0..U+00DE ("\xC3\x80".."\xC3\x9E").
 */
static bool eq_fold(const char *s, size_t n, const char *t)
{
    size_t i = 0;
    for (; i < n && t[i] != '\0'; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i > 0 && (unsigned char)s[i - 1] == 0xC3 && c >= 0x80 &&
            c <= 0x9E && c != 0x97)
            c = (unsigned char)(c + 0x20);
        else
            c = (unsigned char)lower_ascii(c);
        if (c != (unsigned char)t[i])
            return false;
    }
    return i == n && t[i] == '\0';
}

int wx_dateline_month(const char *s, size_t n)
{
    if (n > 0 && s[n - 1] == '.')
        n--;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < COUNT(months); i++)
        if (eq_fold(s, n, months[i].name))
            return months[i].num;
    return 0;
}

static bool is_weekday(const char *s, size_t n)
{
    if (n > 0 && s[n - 1] == '.')
        n--;
    for (size_t i = 0; i < COUNT(weekdays); i++)
        if (eq_fold(s, n, weekdays[i]))
            return true;
    return false;
}

/* ---- calendar --------------------------------------------------------- */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                              31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

bool wx_dateline_valid_day(int year, int month, int day)
{
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
           day >= 1 && day <= month_days(year, month);
}

/* ---- small scanners --------------------------------------------------- */

/* min_digits..max_digits digits at *p, not followed by another digit. */
static bool scan_num(const char *s, size_t n, size_t *p, int min_digits,
                     int max_digits, int *out)
{
    size_t q = *p;
    int v = 0, k = 0;
    while (q < n && is_digit((unsigned char)s[q]) && k < max_digits) {
        v = v * 10 + (s[q] - '0');
        q++;
        k++;
    }
    if (k < min_digits || (q < n && is_digit((unsigned char)s[q])))
        return false;
    *p = q;
    *out = v;
    return true;
}

/* A run of letters (a word) at *p; its end in *e. */
static bool scan_word(const char *s, size_t n, size_t p, size_t *e)
{
    size_t q = p, l;
    while (q < n && char_at(s, n, q, &l) != CH_OTHER)
        q += l;
    *e = q;
    return q > p;
}

/* A month name at *p, with an optional final '.'. */
static bool scan_month(const char *s, size_t n, size_t *p, int *m)
{
    size_t e;
    if (!scan_word(s, n, *p, &e))
        return false;
    int v = wx_dateline_month(s + *p, e - *p);
    if (v == 0)
        return false;
    if (e < n && s[e] == '.')
        e++;
    *p = e;
    *m = v;
    return true;
}

/* A day of the month, with an optional English ordinal suffix. */
static bool scan_day(const char *s, size_t n, size_t *p, int *d)
{
    size_t q = *p;
    int v;
    if (!scan_num(s, n, &q, 1, 2, &v) || v < 1 || v > 31)
        return false;
    static const char *const suffix[] = {"st", "nd", "rd", "th"};
    for (size_t i = 0; i < COUNT(suffix); i++)
        if (q + 2 <= n && eq_nocase(s + q, 2, suffix[i]) &&
            !letter_at(s, n, q + 2)) {
            q += 2;
            break;
        }
    if (letter_at(s, n, q))
        return false;
    *p = q;
    *d = v;
    return true;
}

static bool scan_year(const char *s, size_t n, size_t *p, int *y)
{
    size_t q = *p;
    int v;
    if (!scan_num(s, n, &q, 4, 4, &v) || v < 1000 || letter_at(s, n, q))
        return false;
    *p = q;
    *y = v;
    return true;
}

/* The Spanish/Portuguese "de " between day, month and year. */
static size_t skip_de(const char *s, size_t n, size_t p)
{
    if (p + 3 <= n && eq_nocase(s + p, 2, "de") && s[p + 2] == ' ')
        return skip_spaces(s, n, p + 3);
    return p;
}

/*
 * A dateline date at *p: "Jul 20", "Nov. 25", "July 20, 2021",
 * "12 MAG", "20 Jul.", "15 de julio de 2021". The year is optional here.
 */
static bool scan_mday(const char *s, size_t n, size_t *p, int *y, int *m,
                      int *d)
{
    size_t q = *p;
    int mm = 0, dd = 0, yy = 0;
    if (scan_month(s, n, &q, &mm)) {
        q = skip_spaces(s, n, q);
        if (!scan_day(s, n, &q, &dd))
            return false;
    } else if (scan_day(s, n, &q, &dd)) {
        q = skip_spaces(s, n, q);
        q = skip_de(s, n, q);
        if (!scan_month(s, n, &q, &mm))
            return false;
    } else {
        return false;
    }
    /* An optional year: ", 2021", " 2021" or " de 2021". */
    size_t r = q;
    if (r < n && s[r] == ',')
        r++;
    r = skip_spaces(s, n, r);
    r = skip_de(s, n, r);
    if (r > q && scan_year(s, n, &r, &yy))
        q = r;
    if (!wx_dateline_valid_day(yy != 0 ? yy : 2000, mm, dd))
        return false;
    *p = q;
    *y = yy;
    *m = mm;
    *d = dd;
    return true;
}

/* ---- cities ----------------------------------------------------------- */

/* Lower-case words allowed inside a city name: "Rio de Janeiro". */
static const char *const connectors[] = {
    "de", "del", "della", "delle", "dei", "di", "da", "das", "do", "dos",
    "du", "des", "la", "le", "les", "los", "las", "el", "al", "am", "an",
    "der", "den", "im", "sur", "upon", "y", "e", "of", "au", "aux", "en",
    "op", "aan", "van", "von", "zu", "bei",
};

static bool is_connector(const char *s, size_t n)
{
    for (size_t i = 0; i < COUNT(connectors); i++)
        if (eq_nocase(s, n, connectors[i]) && s[0] >= 'a' && s[0] <= 'z')
            return true;
    return false;
}

typedef struct words {
    size_t b, e;        /* the bytes of the name */
    int count;          /* words */
    bool all_caps;      /* no lower-case letter anywhere */
    bool capitalised;   /* each word capitalised or a connector */
    bool first_cap;     /* the first word starts with a capital */
    bool last_conn;     /* the last word is a connector */
} words;

/*
 * One word of a name at p: a letter, then letters, digits-free, with
 * '-', '\'', U+2019 and '.' allowed inside ("Port-au-Prince",
 * "N'Djamena", "D.C."). Returns its end, or p when there is none.
 */
static size_t scan_name_word(const char *s, size_t n, size_t p, words *w,
                             bool *cap, bool *conn)
{
    size_t l;
    ch_class first = char_at(s, n, p, &l);
    if (first == CH_OTHER)
        return p;
    size_t q = p + l;
    for (;;) {
        ch_class c = char_at(s, n, q, &l);
        if (q < n && c != CH_OTHER) {
            if (c == CH_LOWER)
                w->all_caps = false;
            q += l;
            continue;
        }
        if (q >= n)
            break;
        unsigned char b = (unsigned char)s[q];
        size_t skip = 0;
        if (b == '-' || b == '\'')
            skip = 1;
        else if (q + 2 < n && b == 0xE2 && (unsigned char)s[q + 1] == 0x80 &&
                 (unsigned char)s[q + 2] == 0x99)
            skip = 3;
        if (skip > 0 && letter_at(s, n, q + skip)) {
            q += skip;
            continue;
        }
        /* '.' inside "D.C." or closing a short abbreviation: "St.". */
        if (b == '.' && (letter_at(s, n, q + 1) || q - p <= 3)) {
            q++;
            continue;
        }
        break;
    }
    if (first == CH_LOWER)
        w->all_caps = false;
    *cap = first != CH_LOWER;
    *conn = !*cap && is_connector(s + p, q - p);
    return q;
}

/*
 * A name of up to max_words words separated by single or repeated
 * spaces, starting at p. Fills *w; false when there is no word at p.
 */
static bool scan_name(const char *s, size_t n, size_t p, int max_words,
                      words *w)
{
    memset(w, 0, sizeof *w);
    w->b = p;
    w->e = p;
    w->all_caps = true;
    w->capitalised = true;
    size_t q = p;
    for (;;) {
        bool cap, conn;
        size_t e = scan_name_word(s, n, q, w, &cap, &conn);
        if (e == q)
            break;
        if (w->count == max_words)
            return false;
        if (w->count == 0)
            w->first_cap = cap;
        if (!cap && !conn)
            w->capitalised = false;
        w->last_conn = conn;
        w->count++;
        w->e = e;
        q = skip_spaces(s, n, e);
        if (q == e)
            break;
    }
    return w->count > 0;
}

/* ---- agencies in parentheses ----------------------------------------- */

/*
 * An unknown agency name: one to three capitalised words of letters,
 * '-' or '&', e.g. "(Bernama)". Anything else in parentheses ("(AAPL.O)")
 * is not a dateline.
 */
static bool agency_like(const char *s, size_t n)
{
    if (n == 0 || n >= WX_DATELINE_AGENCY_MAX)
        return false;
    int nwords = 0;
    size_t p = 0, l;
    while (p < n) {
        if (char_at(s, n, p, &l) != CH_UPPER)
            return false;
        nwords++;
        while (p < n && s[p] != ' ') {
            if (char_at(s, n, p, &l) == CH_OTHER && s[p] != '-' &&
                s[p] != '&')
                return false;
            p += l;
        }
        p = skip_spaces(s, n, p);
    }
    return nwords <= 3;
}

typedef struct paren {
    const char *canon;    /* from the table, or NULL */
    size_t b, e;          /* the name inside, trimmed */
    bool unknown;         /* agency_like but not in the table */
} paren;

/* "(Name)" at p, where p is at '('. Returns the end, or p on failure. */
static size_t scan_agency(const char *s, size_t n, size_t p, paren *out)
{
    memset(out, 0, sizeof *out);
    size_t q = p + 1, limit = p + 1 + WX_DATELINE_AGENCY_MAX;
    while (q < n && q < limit && s[q] != ')' && s[q] != '(' &&
           s[q] != '\n')
        q++;
    if (q >= n || s[q] != ')')
        return p;
    size_t b = skip_ws(s, q, p + 1), e = q;
    while (e > b && is_ws((unsigned char)s[e - 1]))
        e--;
    out->b = b;
    out->e = e;
    const agency_row *r = find_agency(s + b, e - b, AG_PAREN);
    if (r == NULL) {
        /* "(AFP/Reuters)": the first one that is known. */
        const char *slash = memchr(s + b, '/', e - b);
        if (slash != NULL)
            r = find_agency(s + b, (size_t)(slash - (s + b)), AG_PAREN);
    }
    if (r != NULL)
        out->canon = r->canon;
    else if (agency_like(s + b, e - b))
        out->unknown = true;
    else
        return p;
    return q + 1;
}

/*
 * A dash at p: "-", "--", en, em, figure dash or horizontal bar. A
 * hyphen must stand free (not start "-based") unless glued to a '.' as
 * in EFE's ".-" (after_dot).
 */
static size_t scan_dash(const char *s, size_t n, size_t p, bool after_dot)
{
    if (p < n && s[p] == '-') {
        size_t q = p;
        while (q < n && s[q] == '-')
            q++;
        if (q - p > 3)
            return p;
        if (!after_dot && q < n && !is_ws((unsigned char)s[q]) &&
            s[q] != '"' && (unsigned char)s[q] < 0x80)
            return p;
        return q;
    }
    if (p + 2 < n && (unsigned char)s[p] == 0xE2 &&
        (unsigned char)s[p + 1] == 0x80) {
        unsigned char c = (unsigned char)s[p + 2];
        if (c >= 0x92 && c <= 0x95)
            return p + 3;
    }
    return p;
}

/* ---- the dateline grammar -------------------------------------------- */

static void copy_str(char *dst, size_t dstsz, const char *s, size_t n)
{
    if (n >= dstsz)
        n = wx_utf8_truncate(s, n, dstsz - 1);
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/*
 * The shared scanner. strict: lead mode (capitalisation rules, the city
 * at most five words). Returns true with *out filled, the span ending
 * after the dash and white space.
 */
static bool parse(const char *s, size_t n, bool strict, wx_dateline *out)
{
    memset(out, 0, sizeof *out);
    int max_words = strict ? 5 : 12;
    size_t p = skip_ws(s, n, 0);
    words city;
    if (!scan_name(s, n, p, max_words, &city))
        return false;
    if (strict && (!city.first_cap || !city.capitalised || city.last_conn))
        return false;
    if (city.e - city.b >= WX_DATELINE_CITY_MAX)
        return false;
    if (strict && city.count == 1 &&
        (wx_dateline_month(s + city.b, city.e - city.b) != 0 ||
         is_weekday(s + city.b, city.e - city.b)))
        return false;
    bool all_caps = city.all_caps;
    p = city.e;

    /* More cities: "SAO PAULO/BRASILIA". Only the first is kept. */
    for (;;) {
        size_t q = skip_spaces(s, n, p);
        if (q >= n || s[q] != '/')
            break;
        words other;
        if (!scan_name(s, n, skip_spaces(s, n, q + 1), max_words, &other))
            return false;
        if (strict && (!other.first_cap || !other.capitalised))
            return false;
        p = other.e;
    }

    bool has_date = false, has_region = false;
    size_t q = skip_spaces(s, n, p);
    if (q < n && s[q] == ',') {
        size_t r = skip_spaces(s, n, q + 1);
        words region;
        if (scan_mday(s, n, &r, &out->year, &out->month, &out->day)) {
            has_date = true;
            p = r;
        } else if (scan_name(s, n, r, 3, &region) && region.first_cap &&
                   (!strict || region.capitalised)) {
            /* "COLUMBUS, Ohio (AP)": needs an agency or a dash. */
            has_region = true;
            p = region.e;
        } else {
            return false;
        }
    }

    paren ag = {0};
    bool has_agency = false;
    q = skip_ws(s, n, p);
    if (q < n && s[q] == '(') {
        size_t r = scan_agency(s, n, q, &ag);
        if (r == q)
            return false;
        has_agency = true;
        p = r;
    }

    /* The dash, possibly EFE's ".-". */
    bool has_dash = false;
    q = skip_ws(s, n, p);
    bool dot = q < n && s[q] == '.';
    size_t r = dot ? skip_ws(s, n, q + 1) : q;
    size_t d = scan_dash(s, n, r, dot && r == q + 1);
    if (d > r) {
        has_dash = true;
        p = d;
    }

    if (strict) {
        bool ok;
        if (has_agency)
            ok = ag.canon != NULL || has_dash;
        else if (has_date)   /* "SALVADOR, Feb 26 -" or the end */
            ok = has_dash || skip_ws(s, n, p) == n;
        else if (has_region)
            ok = has_dash;
        else
            ok = has_dash && all_caps;
        if (!ok)
            return false;
    }
    out->span = skip_ws(s, n, p);
    copy_str(out->city, sizeof out->city, s + city.b, city.e - city.b);
    if (ag.canon != NULL)
        copy_str(out->agency, sizeof out->agency, ag.canon,
                 strlen(ag.canon));
    else if (ag.unknown)
        copy_str(out->agency, sizeof out->agency, s + ag.b, ag.e - ag.b);
    return true;
}

bool wx_dateline_parse_lead(const char *s, size_t n, wx_dateline *out)
{
    if (parse(s, n, true, out))
        return true;
    memset(out, 0, sizeof *out);
    return false;
}

bool wx_dateline_parse_field(const char *s, size_t n, wx_dateline *out)
{
    if (parse(s, n, false, out) && out->span == n)
        return true;
    /* Not the grammar: the city is what comes before the first stop. */
    memset(out, 0, sizeof *out);
    size_t b = skip_ws(s, n, 0), e = b;
    while (e < n && s[e] != ',' && s[e] != '(' && s[e] != '/' &&
           s[e] != '\n' && scan_dash(s, n, e, false) == e)
        e++;
    while (e > b && is_ws((unsigned char)s[e - 1]))
        e--;
    if (e == b || e - b >= WX_DATELINE_CITY_MAX)
        return false;
    copy_str(out->city, sizeof out->city, s + b, e - b);
    out->span = n;
    return true;
}

/* ---- sign-offs -------------------------------------------------------- */

static void trim(const char *s, size_t *b, size_t *e)
{
    while (*b < *e && is_ws((unsigned char)s[*b]))
        (*b)++;
    while (*e > *b && is_ws((unsigned char)s[*e - 1]))
        (*e)--;
}

const char *wx_dateline_signoff(const char *s, size_t n)
{
    size_t b = 0, e = n;
    trim(s, &b, &e);
    int flag = AG_LINE;
    if (e - b >= 2 && s[b] == '(' && s[e - 1] == ')') {
        b++, e--;
        trim(s, &b, &e);
        flag = AG_PAREN;
    }
    const agency_row *r = find_agency(s + b, e - b, flag);
    return r != NULL ? r->canon : NULL;
}

/* s[0..n) is t as printed, or t in ASCII capitals. */
static bool eq_printed(const char *s, size_t n, const char *t)
{
    if (strlen(t) != n)
        return false;
    if (memcmp(s, t, n) == 0)
        return true;
    for (size_t i = 0; i < n; i++) {
        char up = t[i] >= 'a' && t[i] <= 'z' ? (char)(t[i] - 'a' + 'A')
                                             : t[i];
        if (s[i] != up)
            return false;
    }
    return true;
}

/* The byte before q ends a sentence: . ! ? " ) or a closing quote. */
static bool ends_sentence(const char *s, size_t q)
{
    if (q == 0)
        return false;
    unsigned char c = (unsigned char)s[q - 1];
    if (c == '.' || c == '!' || c == '?' || c == '"' || c == ')' ||
        c == '\'')
        return true;
    if (q >= 3 && (unsigned char)s[q - 3] == 0xE2 &&
        (unsigned char)s[q - 2] == 0x80 &&
        (c == 0x9D || c == 0x99))       /* U+201D, U+2019 */
        return true;
    return q >= 2 && (unsigned char)s[q - 2] == 0xC2 && c == 0xBB;
}

size_t wx_dateline_strip_signoff(const char *s, size_t n,
                                 const char **agency)
{
    size_t b = 0, e = n;
    trim(s, &b, &e);
    size_t tb = e, te = e;
    bool parens = e > b && s[e - 1] == ')';
    if (parens)
        te = --tb;
    while (tb > b && ((s[tb - 1] >= 'A' && s[tb - 1] <= 'Z') ||
                      (s[tb - 1] >= 'a' && s[tb - 1] <= 'z')))
        tb--;
    size_t name_b = tb;
    if (parens) {
        if (tb == b || s[tb - 1] != '(')
            return n;
        tb--;
    }
    if (name_b == te || tb == b || !is_ws((unsigned char)s[tb - 1]))
        return n;
    size_t keep = tb;
    while (keep > b && is_ws((unsigned char)s[keep - 1]))
        keep--;
    if (!ends_sentence(s, keep))
        return n;
    for (size_t i = 0; i < COUNT(agencies); i++) {
        if (!(agencies[i].flags & AG_TAIL) ||
            !eq_printed(s + name_b, te - name_b, agencies[i].printed))
            continue;
        if (agency != NULL)
            *agency = agencies[i].canon;
        return keep;
    }
    return n;
}

/* ---- header dates ----------------------------------------------------- */

/* "HH:MM[:SS[.fff]]" at *p. */
static bool scan_time(const char *s, size_t n, size_t *p, wx_date *d)
{
    size_t q = *p;
    int h, m, sec = 0;
    if (!scan_num(s, n, &q, 1, 2, &h) || q >= n || s[q] != ':')
        return false;
    q++;
    if (!scan_num(s, n, &q, 2, 2, &m))
        return false;
    if (q < n && s[q] == ':') {
        q++;
        if (!scan_num(s, n, &q, 2, 2, &sec))
            return false;
        if (q < n && (s[q] == '.' || s[q] == ',')) {
            q++;
            int frac;
            if (!scan_num(s, n, &q, 1, 9, &frac))
                return false;
        }
    }
    if (h > 23 || m > 59 || sec > 60)
        return false;
    d->hour = h;
    d->min = m;
    d->sec = sec > 59 ? 59 : sec;
    d->has_time = true;
    *p = q;
    return true;
}

static const name_num zones[] = {
    {"z", 0}, {"utc", 0}, {"gmt", 0}, {"ut", 0},
    {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300},
    {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
    {"cet", 60}, {"cest", 120}, {"bst", 60},
};

/* A zone at *p: "Z", "+01:00", "+0100", "-05", "GMT", "EST". */
static bool scan_zone(const char *s, size_t n, size_t *p, wx_date *d)
{
    size_t q = *p;
    if (q < n && (s[q] == '+' || s[q] == '-')) {
        int sign = s[q] == '-' ? -1 : 1, h, m = 0;
        q++;
        size_t r = q;
        if (scan_num(s, n, &r, 4, 4, &h)) {
            m = h % 100;
            h /= 100;
        } else if (scan_num(s, n, &r, 2, 2, &h)) {
            if (r < n && s[r] == ':') {
                r++;
                if (!scan_num(s, n, &r, 2, 2, &m))
                    return false;
            }
        } else {
            return false;
        }
        if (h > 14 || m > 59)
            return false;
        d->tz_min = sign * (h * 60 + m);
        d->has_tz = true;
        *p = r;
        return true;
    }
    size_t e;
    if (!scan_word(s, n, q, &e))
        return false;
    for (size_t i = 0; i < COUNT(zones); i++)
        if (eq_nocase(s + q, e - q, zones[i].name)) {
            d->tz_min = zones[i].num;
            d->has_tz = true;
            *p = e;
            return true;
        }
    return false;
}

/* Optional " HH:MM[:SS] [zone]" (or "THH:MM..." when iso) at *p. */
static void scan_time_zone(const char *s, size_t n, size_t *p, bool iso,
                           wx_date *d)
{
    size_t q = *p;
    if (iso && q < n && (s[q] == 'T' || s[q] == 't'))
        q++;
    else if ((q = skip_ws(s, n, q)) == *p)
        return;
    if (!scan_time(s, n, &q, d))
        return;
    *p = q;
    size_t r = q;
    if (scan_zone(s, n, &r, d)) {
        *p = r;
        return;
    }
    r = skip_ws(s, n, q);
    if (r > q && scan_zone(s, n, &r, d))
        *p = r;
}

/* "2022-03-03", "2022/03/03" or "20220303" at *p. */
static bool scan_numeric_date(const char *s, size_t n, size_t *p,
                              wx_date *d)
{
    size_t q = *p;
    int y, m, dd;
    if (scan_num(s, n, &q, 8, 8, &y)) {
        dd = y % 100;
        m = y / 100 % 100;
        y /= 10000;
    } else {
        q = *p;
        if (!scan_num(s, n, &q, 4, 4, &y) || q >= n ||
            (s[q] != '-' && s[q] != '/'))
            return false;
        char sep = s[q++];
        if (!scan_num(s, n, &q, 1, 2, &m) || q >= n || s[q] != sep)
            return false;
        q++;
        if (!scan_num(s, n, &q, 1, 2, &dd))
            return false;
    }
    d->year = y;
    d->month = m;
    d->day = dd;
    *p = q;
    return true;
}

/* "Mon, 25 Nov 2019", "July 4, 2023", "26-FEB-1987" at *p. */
static bool scan_text_date(const char *s, size_t n, size_t *p, wx_date *d)
{
    size_t q = *p, e;
    if (scan_word(s, n, q, &e) && is_weekday(s + q, e - q)) {
        q = e;
        if (q < n && s[q] == '.')
            q++;
        if (q < n && s[q] == ',')
            q++;
        q = skip_ws(s, n, q);
    }
    /* Reuters-21578: "26-FEB-1987". */
    size_t r = q;
    int y, m, dd;
    if (scan_num(s, n, &r, 1, 2, &dd) && r < n && s[r] == '-') {
        r++;
        if (!scan_month(s, n, &r, &m) || r >= n || s[r] != '-')
            return false;
        r++;
        if (!scan_year(s, n, &r, &y))
            return false;
        d->year = y, d->month = m, d->day = dd;
        *p = r;
        return true;
    }
    if (!scan_mday(s, n, &q, &y, &m, &dd) || y == 0)
        return false;
    d->year = y, d->month = m, d->day = dd;
    *p = q;
    return true;
}

bool wx_dateline_parse_date(const char *s, size_t n, wx_date *out)
{
    memset(out, 0, sizeof *out);
    size_t p = skip_ws(s, n, 0);
    bool iso = scan_numeric_date(s, n, &p, out);
    if (!iso && !scan_text_date(s, n, &p, out)) {
        memset(out, 0, sizeof *out);
        return false;
    }
    scan_time_zone(s, n, &p, iso, out);
    if (skip_ws(s, n, p) != n ||
        !wx_dateline_valid_day(out->year, out->month, out->day)) {
        memset(out, 0, sizeof *out);
        return false;
    }
    return true;
}

size_t wx_dateline_iso(const wx_date *d, char *out, size_t outsz)
{
    if (!wx_dateline_valid_day(d->year, d->month, d->day) || outsz < 20)
        return 0;
    int k;
    if (d->has_time)
        k = snprintf(out, outsz, "%04d-%02d-%02dT%02d:%02d:%02d", d->year,
                     d->month, d->day, d->hour, d->min, d->sec);
    else
        k = snprintf(out, outsz, "%04d-%02d-%02d", d->year, d->month,
                     d->day);
    return k > 0 ? (size_t)k : 0;
}
