/*
 * Dateline parsing for wire copy. A hand-written scanner over bytes
 * (UTF-8 aware where letters matter): optional furniture before the
 * dateline (bullets, a byline, a correction), an optional credit first
 * ("(ANSA) -"), city words, other cities after '/', an optional comma
 * with a region and/or a date, an optional credit in parentheses,
 * slashes or bare, and a dash or colon. Deliberately strict at the start
 * of a lead, so prose never matches. Agencies are wx_agency's, dates
 * wx_date's.
 */
#include "dateline.h"

#include "wx_date.h"
#include "wx_utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

const char *wx_dateline_agency(const char *name, size_t n)
{
    return wx_agency_canon(name, n);
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

/* White space, no-break spaces included. */
static size_t skip_ws(const char *s, size_t n, size_t p)
{
    return wx_utf8_skip_space(s, n, p);
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

/* ---- words that are not places --------------------------------------- */

/*
 * Label and furniture words: a "city" holding one is not a dateline
 * ("CORRECTION ET MISE À JOUR -", "NOTE TO EDITORS:", "EDITORIAL -",
 * "MR. SMITH:"). Stems match the start of a word, ASCII case ignored.
 */
static const char *const label_stems[] = {
    "correc", "rectif", "revis", "updat", "actualiz", "aggiorn", "rettific",
    "berichtig", "korrektur", "editor", "embargo", "advisory", "factbox",
    "exclusiv", "analysis", "interview", "commentar", "opinion",
    "transcript", "announc", "bulletin", "refile", "wrapup", "preview",
    "leitartikel", "kommentar", "unidentif", "crosstalk", "question",
    "answer", "contact", "photo", "video", "breaking", "urgent",
};

static const char *const label_words[] = {
    "note", "notes", "mise", "jour", "flash", "alert", "rpt", "repeat",
    "column", "comment", "source", "end", "more", "mr", "mrs", "ms",
    "dr", "sen", "rep", "gov", "media", "release", "anchor",
    "reporter", "voice", "eilt", "nota",
    "live", "watch", "read", "also", "see", "by",
};

/* The word s[0..n) (a trailing '.' or ':' ignored) is a label word. */
static bool label_word(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == '\''))
        n--;
    for (size_t i = 0; i < COUNT(label_words); i++)
        if (eq_nocase(s, n, label_words[i]))
            return true;
    for (size_t i = 0; i < COUNT(label_stems); i++) {
        size_t k = strlen(label_stems[i]);
        if (n >= k && eq_nocase(s, k, label_stems[i]))
            return true;
    }
    return false;
}

/* Some word of s[0..n) (split at spaces) is a label word. */
static bool has_label_word(const char *s, size_t n)
{
    size_t b = 0;
    for (size_t i = 0; i <= n; i++)
        if (i == n || s[i] == ' ') {
            if (i > b && label_word(s + b, i - b))
                return true;
            b = i + 1;
        }
    return false;
}

/*
 * Cities a dateline may name with nothing but a dash or a colon after
 * them ("LONDON -", "JERUSALEM:"; South Asian and Middle Eastern papers,
 * the capitals, the big news cities). Only these: "BLITZER:" in a
 * transcript and "MONEY RATES -" in a table look the same.
 */
static const char *const known_cities[] = {
    "new delhi", "delhi", "mumbai", "kolkata", "chennai", "bengaluru",
    "bangalore", "hyderabad", "ahmedabad", "pune", "lucknow", "jaipur",
    "chandigarh", "srinagar", "patna", "bhopal", "guwahati", "islamabad",
    "karachi", "lahore", "peshawar", "quetta", "rawalpindi", "dhaka",
    "colombo", "kathmandu", "kabul", "tehran", "baghdad", "damascus",
    "beirut", "amman", "jerusalem", "tel aviv", "gaza", "ramallah",
    "cairo", "riyadh", "jeddah", "dubai", "abu dhabi", "doha", "manama",
    "kuwait", "muscat", "sanaa", "ankara", "istanbul", "nairobi", "lagos",
    "abuja", "johannesburg", "kampala", "addis ababa", "khartoum",
    "tripoli", "tunis", "algiers", "rabat", "beijing", "shanghai",
    "hong kong", "taipei", "tokyo", "seoul", "singapore", "kuala lumpur",
    "jakarta", "manila", "bangkok", "hanoi", "london", "paris", "berlin",
    "madrid", "rome", "moscow", "kyiv", "kiev", "brussels", "geneva",
    "vienna", "washington", "new york", "ottawa", "mexico city",
    "brasilia", "buenos aires", "sydney", "canberra", "wellington",
    "chicago", "los angeles", "san francisco", "boston", "miami",
    "houston", "dallas", "atlanta", "detroit", "seattle", "denver",
    "philadelphia", "toronto", "montreal", "vancouver", "frankfurt",
    "zurich", "milan", "amsterdam", "stockholm", "oslo", "copenhagen",
    "helsinki", "warsaw", "prague", "budapest", "athens", "lisbon",
    "dublin", "edinburgh", "manchester", "munich", "hamburg", "lima",
    "bogota", "caracas", "santiago", "havana", "sao paulo",
    "rio de janeiro", "johannesburg", "cape town", "harare", "luanda",
    "dakar", "accra", "kinshasa", "mogadishu", "united nations",
    "vatican city", "brussels", "strasbourg", "luxembourg", "minsk",
    "tbilisi", "baku", "yerevan", "almaty", "tashkent", "ulan bator",
    "pyongyang", "phnom penh", "yangon", "vientiane", "melbourne",
    "auckland",
};

static bool known_city(const char *s, size_t n)
{
    for (size_t i = 0; i < COUNT(known_cities); i++)
        if (eq_nocase(s, n, known_cities[i]))
            return true;
    return false;
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
        /* "Sydney March 22": a month before a day ends the name. */
        if (w->count > 0 && wx_date_month(s + q, e - q) != 0 &&
            skip_spaces(s, n, e) < n &&
            s[skip_spaces(s, n, e)] >= '0' && s[skip_spaces(s, n, e)] <= '9')
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

/* ---- credits ---------------------------------------------------------- */

/*
 * An unknown agency name: one to four words of letters, '-', '&', '.'
 * or '/', the first capitalised, e.g. "(Bernama)", "(Variety.com)".
 * Anything else in parentheses ("(AAPL.O)") is not a dateline.
 */
static bool agency_like(const char *s, size_t n)
{
    if (n == 0 || n >= WX_DATELINE_AGENCY_MAX)
        return false;
    int nwords = 0;
    size_t p = 0, l;
    while (p < n) {
        if (char_at(s, n, p, &l) != CH_UPPER && nwords == 0)
            return false;
        nwords++;
        while (p < n && s[p] != ' ') {
            /* A dot only before a domain: "Variety.com", not "AAPL.O". */
            if (s[p] == '.' && !(p + 2 < n && s[p + 1] >= 'a' &&
                                 s[p + 1] <= 'z' && s[p + 2] >= 'a' &&
                                 s[p + 2] <= 'z'))
                return false;
            if (char_at(s, n, p, &l) == CH_OTHER && s[p] != '-' &&
                s[p] != '&' && s[p] != '.' && s[p] != '/')
                return false;
            p += l;
        }
        p = skip_spaces(s, n, p);
    }
    return nwords <= 4;
}

/* No lower-case letter in s[0..n). */
static bool all_caps(const char *s, size_t n)
{
    for (size_t p = 0, l; p < n; p += l)
        if (char_at(s, n, p, &l) == CH_LOWER)
            return false;
    return true;
}

typedef enum cr_kind { CR_NONE, CR_PAREN, CR_SLASH, CR_BARE } cr_kind;

typedef struct credit {
    cr_kind kind;
    size_t b, e;              /* the credit as written, trimmed */
    const char *canon[2];     /* known agencies it names */
    size_t nknown;
} credit;

/* Look the credit s[b..e) up: its known agencies. */
static void know(const char *s, credit *c)
{
    c->nknown = wx_agency_credits(s + c->b, c->e - c->b, c->canon, NULL);
}

/* "(Name)" at p (s[p] == '('). Returns the end, or p on failure. */
static size_t scan_paren(const char *s, size_t n, size_t p, credit *c)
{
    memset(c, 0, sizeof *c);
    size_t q = p + 1, limit = p + 1 + WX_DATELINE_AGENCY_MAX;
    while (q < n && q < limit && s[q] != ')' && s[q] != '(' &&
           s[q] != '\n')
        q++;
    if (q >= n || s[q] != ')')
        return p;
    c->b = skip_ws(s, q, p + 1);
    c->e = q;
    while (c->e > c->b && is_ws((unsigned char)s[c->e - 1]))
        c->e--;
    know(s, c);
    if (c->nknown == 0 && !agency_like(s + c->b, c->e - c->b))
        return p;
    /* "(YEN PER KILO)", "(REVISED)": headings of tables, not credits. */
    if (c->nknown == 0 && (has_label_word(s + c->b, c->e - c->b) ||
                           (memchr(s + c->b, ' ', c->e - c->b) != NULL &&
                            all_caps(s + c->b, c->e - c->b))))
        return p;
    c->kind = CR_PAREN;
    return q + 1;
}

/* "/TASS/" at p (s[p] == '/'): a known agency between slashes, then a
 * stop, a dash, white space or the end. Returns the end, or p. */
static size_t scan_slash(const char *s, size_t n, size_t p, credit *c)
{
    memset(c, 0, sizeof *c);
    size_t q = p + 1;
    while (q < n && q < p + WX_DATELINE_AGENCY_MAX && s[q] != '/' &&
           s[q] != '\n')
        q++;
    if (q >= n || s[q] != '/' || q == p + 1)
        return p;
    size_t r = q + 1;
    if (r < n && !is_ws((unsigned char)s[r]) && s[r] != '.' &&
        s[r] != ':' && s[r] != '-' && s[r] != ',')
        return p;
    c->b = p + 1;
    c->e = q;
    know(s, c);
    if (c->nknown == 0)
        return p;
    c->kind = CR_SLASH;
    return r;
}

/* A bare credit at p ("AFP", "Kyodo", "Canadian Press"): one to three
 * words spelling an agency that copy prints without parentheses (any
 * known spelling when any_form). Returns the end, or p. */
static size_t scan_bare(const char *s, size_t n, size_t p, bool any_form,
                        credit *c)
{
    memset(c, 0, sizeof *c);
    size_t ends[3], e = p;
    int k = 0;
    while (k < 3) {
        size_t q = e;
        while (q < n && letter_at(s, n, q))
            q++;
        if (q == e)
            break;
        ends[k++] = q;
        e = skip_spaces(s, n, q);
        if (e == q)
            break;
    }
    for (int i = k - 1; i >= 0; i--) {
        const char *canon =
            wx_agency_find(s + p, ends[i] - p,
                           any_form ? WX_AGENCY_ANY : WX_AGENCY_BARE);
        if (canon != NULL) {
            c->kind = CR_BARE;
            c->b = p;
            c->e = ends[i];
            c->canon[0] = canon;
            c->nknown = 1;
            return ends[i];
        }
    }
    return p;
}

/*
 * A dash at p: "-", "--", en, em, figure dash, horizontal bar, or the
 * underscore of NYT and AP copy ("MIAMI _"). A hyphen must stand free
 * (not start "-based") unless glued to a '.' as in EFE's ".-"
 * (after_dot); an underscore must stand free.
 */
static size_t scan_dash(const char *s, size_t n, size_t p, bool after_dot)
{
    if (p < n && (s[p] == '-' || s[p] == '_')) {
        char ch = s[p];
        size_t q = p;
        while (q < n && s[q] == ch)
            q++;
        if (q - p > 3)
            return p;
        /* "--" is never a hyphen: "(Dow Jones)--Hong Kong stocks". */
        if ((ch == '_' || (!after_dot && q - p == 1)) && q < n &&
            !is_ws((unsigned char)s[q]) && s[q] != '"' &&
            (ch == '_' || (unsigned char)s[q] < 0x80))
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

/* Copy s[b..e) with runs of white space made one space. */
static void copy_flat(char *dst, size_t dstsz, const char *s, size_t b,
                      size_t e)
{
    size_t w = 0;
    for (size_t i = b; i < e && w + 1 < dstsz; i++) {
        bool ws = is_ws((unsigned char)s[i]);
        if (ws && (w == 0 || dst[w - 1] == ' '))
            continue;
        dst[w++] = ws ? ' ' : s[i];
    }
    while (w > 0 && dst[w - 1] == ' ')
        w--;
    /* Never leave half a character at the cut. */
    w = wx_utf8_truncate(dst, w, w);
    dst[w] = '\0';
}

static void set_credit(const char *s, const credit *c, wx_dateline *out)
{
    copy_str(out->credit, sizeof out->credit, s + c->b, c->e - c->b);
    if (c->nknown > 0)
        copy_str(out->agency, sizeof out->agency, c->canon[0],
                 strlen(c->canon[0]));
    else
        copy_str(out->agency, sizeof out->agency, s + c->b, c->e - c->b);
    if (c->nknown > 1)
        copy_str(out->agency_also, sizeof out->agency_also, c->canon[1],
                 strlen(c->canon[1]));
}

/* What ends a dateline at p: a dash (possibly EFE's ".-"), a colon, or
 * TASS's full stop after a slash credit. */
typedef enum stop_kind { ST_NONE, ST_DASH, ST_COLON, ST_DOT } stop_kind;

static stop_kind scan_stop(const char *s, size_t n, size_t *p, bool dot_ok)
{
    size_t q = skip_ws(s, n, *p);
    bool dot = q < n && s[q] == '.';
    size_t r = dot ? skip_ws(s, n, q + 1) : q;
    size_t d = scan_dash(s, n, r, dot && r == q + 1);
    if (d > r) {
        *p = d;
        return ST_DASH;
    }
    if (q < n && s[q] == ':') {
        *p = q + 1;
        return ST_COLON;
    }
    if (dot && dot_ok) {
        *p = q + 1;
        return ST_DOT;
    }
    return ST_NONE;
}

/* A credit starts at p (after white space): "(", "/" or a bare name. */
static bool credit_follows(const char *s, size_t n, size_t p)
{
    credit c;
    p = skip_ws(s, n, p);
    if (p < n && (s[p] == '(' || s[p] == '/'))
        return true;
    return scan_bare(s, n, p, true, &c) > p;
}

/*
 * City first: "CITY[/CITY...][, Region][, date][.] [credit] stop".
 * strict: lead mode. p is at the city. Fills out (text and span left to
 * the caller) and returns the end of the dateline, or 0 when there is
 * none.
 */
static size_t parse_place(const char *s, size_t n, size_t p, bool strict,
                          bool credited, wx_dateline *out)
{
    int max_words = strict ? 5 : 12;
    words city;
    if (!scan_name(s, n, p, max_words, &city))
        return 0;
    size_t clen = city.e - city.b;
    if (clen >= WX_DATELINE_CITY_MAX)
        return 0;
    if (strict && (!city.first_cap || !city.capitalised || city.last_conn))
        return 0;
    if (strict && (has_label_word(s + city.b, clen) ||
                   (city.count == 1 &&
                    (wx_date_month(s + city.b, clen) != 0 ||
                     wx_date_weekday(s + city.b, clen)))))
        return 0;
    copy_str(out->city, sizeof out->city, s + city.b, clen);
    p = city.e;

    credit cr = {0};
    bool has_date = false, has_region = false;
    wx_date d;
    size_t q = skip_spaces(s, n, p);
    /* "København /ritzau/:" before other cities: "SAO PAULO/BRASILIA". */
    if (q < n && s[q] == '/' && (p = scan_slash(s, n, q, &cr)) != q) {
        goto stop;
    }
    p = city.e;
    for (;;) {
        q = skip_spaces(s, n, p);
        if (q >= n || s[q] != '/')
            break;
        words other;
        if (!scan_name(s, n, skip_spaces(s, n, q + 1), max_words, &other))
            return 0;
        if (strict && (!other.first_cap || !other.capitalised))
            return 0;
        if (out->nothers < WX_DATELINE_OTHERS)
            copy_str(out->others[out->nothers++], WX_DATELINE_CITY_MAX,
                     s + other.b, other.e - other.b);
        p = other.e;
    }

    q = skip_spaces(s, n, p);
    size_t dl = wx_date_scan_day(s + q, n - q, &d);
    if (q > p && dl > 0 && credit_follows(s, n, q + dl)) {
        /* "WASHINGTON March 3 (Reuters)": without a comma only before a
         * credit, so "One Week Ended Feb 16" is no dateline. */
        has_date = true;
        copy_flat(out->date, sizeof out->date, s, q, q + dl);
        p = q + dl;
    } else if (q < n && s[q] == ',' && (!strict || (q + 1 < n &&
                                                    s[q + 1] == ' '))) {
        /* A dateline's comma is followed by a space ("BUS,PRS" is not). */
        size_t r = skip_spaces(s, n, q + 1);
        words region;
        if ((dl = wx_date_scan_day(s + r, n - r, &d)) > 0) {
            has_date = true;
            copy_flat(out->date, sizeof out->date, s, r, r + dl);
            p = r + dl;
        } else if (scan_name(s, n, r, 3, &region) && region.first_cap &&
                   (!strict || region.capitalised) &&
                   !has_label_word(s + region.b, region.e - region.b)) {
            /* "COLUMBUS, Ohio (AP)", "JACKSON, Miss. (Reuters)". */
            has_region = true;
            p = region.e;
            if (p < n && s[p] == '.' && region.count == 1)
                p++;
            copy_str(out->qualifier, sizeof out->qualifier, s + region.b,
                     p - region.b);
            /* "CALGARY, Alberta, Dec. 03, 2019", "ANGLETON, Tex. March 3" */
            q = skip_spaces(s, n, p);
            if (q < n && (s[q] == ',' || (q > p && s[p - 1] == '.'))) {
                r = skip_spaces(s, n, s[q] == ',' ? q + 1 : q);
                if ((dl = wx_date_scan_day(s + r, n - r, &d)) > 0) {
                    has_date = true;
                    copy_flat(out->date, sizeof out->date, s, r, r + dl);
                    p = r + dl;
                }
            }
        } else {
            return 0;
        }
    }
    if (has_date) {
        out->year = d.year;
        out->month = d.month;
        out->day = d.day;
    }

    /* The credit: "(EFE)", "/TASS/" (after "January 21."), "AFP",
     * Reuters-21578's "March 12, Reuter -". */
    q = skip_ws(s, n, p);
    if (has_date && q + 1 < n && s[q] == ',' && s[q + 1] == ' ') {
        size_t r = skip_spaces(s, n, q + 1);
        if (scan_bare(s, n, r, false, &cr) > r)
            q = r;
    }
    if (q + 2 < n && s[q] == '-' && s[q + 1] == '-' && s[q + 2] == '(')
        q += 2;     /* Business Wire: "SEATTLE--(BUSINESS WIRE)--" */
    if (has_date && q + 1 < n && s[q] == '.') {
        size_t r = skip_ws(s, n, q + 1);   /* TASS: "January 21. /TASS/" */
        if (r < n && s[r] == '/')
            q = r;
    }
    size_t r = q;
    if (q < n && s[q] == '(') {
        if ((r = scan_paren(s, n, q, &cr)) == q)
            return 0;
    } else if (q < n && s[q] == '/') {
        if ((r = scan_slash(s, n, q, &cr)) == q)
            return 0;
    } else {
        r = scan_bare(s, n, q, !strict, &cr);
        /* A bare credit needs its dash (or, in a field, the end). */
        size_t t = r;
        if (r > q && scan_stop(s, n, &t, false) != ST_DASH &&
            (strict || skip_ws(s, n, r) != n)) {
            memset(&cr, 0, sizeof cr);
            r = q;
        }
    }
    if (cr.kind != CR_NONE)
        p = r;

stop:;
    size_t before = p;
    stop_kind st = scan_stop(s, n, &p, cr.kind == CR_SLASH);
    bool underscore = st == ST_DASH && p > 0 && s[p - 1] == '_';
    if (strict) {
        bool ok;
        bool rest = skip_ws(s, n, before) < n;
        if (cr.kind == CR_PAREN)
            ok = st != ST_NONE ||
                 (cr.nknown > 0 && rest && city.count <= 3);
        else if (cr.kind == CR_SLASH)
            ok = true;
        else if (cr.kind == CR_BARE)
            ok = st == ST_DASH;
        else if (has_date)      /* "SALVADOR, Feb 26 -" or the end */
            ok = st == ST_DASH || st == ST_COLON || !rest;
        else if (has_region)
            ok = st == ST_DASH;
        else    /* "LONDON -", "MIAMI _": "MONEY RATES -" is a heading */
            ok = city.all_caps && city.count <= 3 &&
                 ((st == ST_DASH && (underscore || credited)) ||
                  ((st == ST_DASH || st == ST_COLON) &&
                   known_city(s + city.b, clen)));
        if (!ok)
            return 0;
    }
    if (cr.kind != CR_NONE)
        set_credit(s, &cr, out);
    return p;
}

/*
 * Credit first: "(ANSA) - ROME, JUL 11 -", "Canadian Press - VANCOUVER
 * (CP) -", "(Reuters) - Alabama officials...", "AFP - A squadron...".
 * Returns the end of the dateline, or 0.
 */
static size_t parse_credit_first(const char *s, size_t n, size_t p,
                                 bool strict, wx_dateline *out)
{
    credit cr;
    size_t r = s[p] == '(' ? scan_paren(s, n, p, &cr)
                           : scan_bare(s, n, p, false, &cr);
    if (r == p || (cr.kind == CR_PAREN && cr.nknown == 0))
        return 0;
    if (scan_stop(s, n, &r, false) != ST_DASH)
        return 0;
    wx_dateline place;
    memset(&place, 0, sizeof place);
    size_t q = skip_ws(s, n, r);
    size_t e = q < n ? parse_place(s, n, q, strict, true, &place) : 0;
    if (e > 0) {
        *out = place;
        if (out->credit[0] == '\0')
            set_credit(s, &cr, out);
        return e;
    }
    set_credit(s, &cr, out);
    return r;
}

/* Skip what may stand before a lead's dateline: bullet lines, a byline
 * line, a parenthesised correction. Returns where the dateline may
 * start. */
static size_t skip_furniture(const char *s, size_t n, size_t p)
{
    /* Bullet lines: "* Shares fall\n", "• Yen firm\n", "- Oil up\n". */
    for (int k = 0; k < 12; k++) {
        size_t q = p;
        if (q < n && (s[q] == '*' || s[q] == '-'))
            q++;
        else if (q + 2 < n && (unsigned char)s[q] == 0xE2 &&
                 (unsigned char)s[q + 1] == 0x80 &&
                 (unsigned char)s[q + 2] == 0xA2)
            q += 3;
        else
            break;
        const char *nl = memchr(s + q, '\n', n - q);
        if (q >= n || s[q] != ' ' || nl == NULL)
            break;
        p = skip_ws(s, n, (size_t)(nl - s) + 1);
    }
    /* A byline: "By Dave McNary" then a new line or the city in
     * capitals; a byline in capitals ("By JOHN Q. SMITH DENVER") is a
     * first name, an optional initial and a last name. */
    if (p + 3 < n && eq_nocase(s + p, 3, "by ")) {
        const char *nl = memchr(s + p, '\n', n - p < 80 ? n - p : 80);
        if (nl != NULL)
            return skip_ws(s, n, (size_t)(nl - s) + 1);
        size_t q = skip_spaces(s, n, p + 3);
        bool caps_name = false;
        int names = 0;
        for (int w = 0; w < 6 && q < n; w++) {
            size_t e = q, l;
            bool caps = true, letters = false;
            while (e < n && !is_ws((unsigned char)s[e])) {
                ch_class c = char_at(s, n, e, &l);
                if (c == CH_LOWER)
                    caps = false;
                if (c != CH_OTHER)
                    letters = true;
                e += l;
            }
            bool initial = e - q == 2 && s[q + 1] == '.';
            if (w == 0)
                caps_name = caps && letters;
            if (caps_name ? names >= 2
                          : w > 0 && caps && letters && e - q >= 2)
                return q;                   /* the city starts here */
            if (caps_name && !caps)
                return p;                   /* not a byline we know */
            if (!initial)
                names++;
            q = skip_spaces(s, n, e);
        }
    }
    /* "(In this Dec. 13 story, corrects ...)": long, with lower case. */
    if (p < n && s[p] == '(') {
        size_t q = p + 1;
        int nw = 1;
        bool lower = false;
        while (q < n && q < p + 600 && s[q] != ')') {
            if (s[q] == ' ')
                nw++;
            if (s[q] >= 'a' && s[q] <= 'z')
                lower = true;
            q++;
        }
        if (q < n && s[q] == ')' && nw >= 3 && lower)
            return skip_ws(s, n, q + 1);
    }
    return p;
}

static bool parse(const char *s, size_t n, bool strict, wx_dateline *out)
{
    memset(out, 0, sizeof *out);
    size_t p = skip_ws(s, n, 0);
    if (strict)
        p = skip_furniture(s, n, p);
    if (p >= n)
        return false;
    size_t e = parse_credit_first(s, n, p, strict, out);
    if (e == 0) {
        memset(out, 0, sizeof *out);
        e = parse_place(s, n, p, strict, false, out);
    }
    if (e == 0)
        return false;
    copy_flat(out->text, sizeof out->text, s, p, e);
    out->span = skip_ws(s, n, e);
    return true;
}

bool wx_dateline_parse_lead(const char *s, size_t n, wx_dateline *out)
{
    if (parse(s, n, true, out))
        return true;
    memset(out, 0, sizeof *out);
    return false;
}

/* A value that sources put where they have no place. */
static bool placeholder(const char *s, size_t n)
{
    static const char *const none[] = {
        "no-data-available", "no data available", "n/a", "na", "none",
        "unknown", "null", "tbd", "xx", "xxx", "-", "not available",
    };
    for (size_t i = 0; i < COUNT(none); i++)
        if (eq_nocase(s, n, none[i]))
            return true;
    return false;
}

bool wx_dateline_place_like(const char *s, size_t n)
{
    size_t b = skip_ws(s, n, 0), e = n;
    while (e > b && is_ws((unsigned char)s[e - 1]))
        e--;
    if (e == b || e - b >= WX_DATELINE_CITY_MAX || placeholder(s + b, e - b))
        return false;
    int nw = 0;
    bool in_word = false;
    for (size_t i = b; i < e;) {
        size_t l;
        ch_class c = char_at(s, n, i, &l);
        if (is_digit((unsigned char)s[i]) || s[i] == ':' || s[i] == '+' ||
            s[i] == '@')
            return false;
        if (c != CH_OTHER && !in_word)
            nw++;
        in_word = c != CH_OTHER || s[i] == '-' || s[i] == '\'' ||
                  s[i] == '.';
        i += l;
    }
    return nw >= 1 && nw <= 6;
}

bool wx_dateline_parse_field(const char *s, size_t n, wx_dateline *out)
{
    if (parse(s, n, false, out) && out->span == n &&
        wx_dateline_place_like(out->city, strlen(out->city)))
        return true;
    /* Not the grammar: the city is what comes before the first stop. */
    memset(out, 0, sizeof *out);
    size_t b = skip_ws(s, n, 0), e = b;
    while (e < n && s[e] != ',' && s[e] != '(' && s[e] != '/' &&
           s[e] != '\n' && scan_dash(s, n, e, false) == e)
        e++;
    while (e > b && is_ws((unsigned char)s[e - 1]))
        e--;
    if (!wx_dateline_place_like(s + b, e - b))
        return false;
    copy_str(out->city, sizeof out->city, s + b, e - b);
    copy_flat(out->text, sizeof out->text, s, b, n);
    out->span = n;
    return true;
}

bool wx_dateline_bullet(const char *s, size_t n)
{
    return (n >= 2 && (s[0] == '*' || s[0] == '-') && s[1] == ' ') ||
           (n >= 4 && memcmp(s, "\xE2\x80\xA2 ", 4) == 0);
}

bool wx_dateline_find_in_body(const char *body, size_t n, wx_dateline *out)
{
    size_t p = 0;
    /* Four paragraphs, not counting bullet lines (at most twelve). */
    for (int k = 0, bullets = 0; k < 4 && bullets < 12 && p < n;) {
        const char *nl = memchr(body + p, '\n', n - p);
        size_t e = nl != NULL ? (size_t)(nl - body) : n;
        if (wx_dateline_bullet(body + p, e - p)) {
            bullets++;
        } else {
            k++;
            if (wx_dateline_parse_lead(body + p, e - p, out))
                return true;
        }
        p = e + 1;
    }
    memset(out, 0, sizeof *out);
    return false;
}

/* ---- into the article ------------------------------------------------- */

static const char *const dl_keys[] = {
    "dateline_text", "dateline_qualifier", "dateline_cities",
    "dateline_date",
};

static wx_status meta(wx_article *a, const char *key, const char *val)
{
    if (val[0] == '\0')
        return WX_OK;
    return wx_article_add_meta(a, key, val);
}

wx_status wx_dateline_apply(wx_article *a, const wx_dateline *dl,
                            int how)
{
    bool replace = (how & WX_DATELINE_REPLACE) != 0;
    wx_status st = WX_OK;
    if (dl->city[0] != '\0' && (replace || a->dateline == NULL))
        st = wx_article_set(&a->dateline, dl->city, (size_t)-1);
    if (st == WX_OK && a->agency == NULL && dl->agency[0] != '\0' &&
        !(how & WX_DATELINE_NO_AGENCY))
        st = wx_article_set(&a->agency, dl->agency, (size_t)-1);
    if (st != WX_OK)
        return st;
    bool has_text = wx_article_meta(a, "dateline_text") != NULL;
    if (replace) {
        for (size_t i = 0; i < COUNT(dl_keys); i++)
            wx_article_drop_meta(a, dl_keys[i]);
        has_text = false;
    } else if (has_text && !(how & WX_DATELINE_PARTS)) {
        return WX_OK;       /* the source said it already */
    }
    if (!has_text && strcmp(dl->text, dl->city) != 0)
        st = meta(a, "dateline_text", dl->text);
    if (st == WX_OK)
        st = meta(a, "dateline_qualifier", dl->qualifier);
    for (size_t i = 0; st == WX_OK && i < dl->nothers; i++)
        st = meta(a, "dateline_cities", dl->others[i]);
    if (st == WX_OK)
        st = meta(a, "dateline_date", dl->date);
    if (st == WX_OK && wx_article_meta(a, "credit") == NULL &&
        strcasecmp(dl->credit, dl->agency) != 0)
        st = meta(a, "credit", dl->credit);
    if (st == WX_OK && wx_article_meta(a, "agency_also") == NULL)
        st = meta(a, "agency_also", dl->agency_also);
    return st == WX_ETOOBIG ? WX_OK : st;   /* metadata list full */
}

wx_status wx_dateline_fill_from_body(wx_article *a)
{
    wx_dateline dl;
    if (a->body == NULL ||
        !wx_dateline_find_in_body(a->body, strlen(a->body), &dl))
        return WX_OK;
    return wx_dateline_apply(a, &dl, WX_DATELINE_FILL);
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
    int flag = WX_AGENCY_LINE;
    if (e - b >= 2 && s[b] == '(' && s[e - 1] == ')') {
        b++, e--;
        trim(s, &b, &e);
        flag = WX_AGENCY_PAREN;
    }
    return wx_agency_find(s + b, e - b, flag);
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
    const char *canon = wx_agency_find(s + name_b, te - name_b,
                                       WX_AGENCY_TAIL);
    if (canon == NULL)
        return n;
    if (agency != NULL)
        *agency = canon;
    return keep;
}
