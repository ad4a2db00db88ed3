/*
 * The one calendar, month/weekday/zone table and header-date parser of
 * wiredex. A hand-written scanner over bytes: month names may carry
 * UTF-8 letters ("März", "août"), everything else is ASCII. The dateline
 * module builds on wx_date_scan_day; wx_article_parse_date on
 * wx_date_parse.
 */
#include "wx_date.h"

#include "wx_utf8.h"

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- calendar --------------------------------------------------------- */

bool wx_date_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool wx_date_valid_day(int year, int month, int day)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                                31};
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
        return false;
    return day <= len[month - 1] + (month == 2 && wx_date_leap(year));
}

/* ---- bytes ------------------------------------------------------------ */

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* A letter for word scanning: ASCII letters and any non-ASCII byte. */
static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int lower_ascii(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* White space, no-break spaces included. */
static size_t skip_ws(const char *s, size_t n, size_t p)
{
    return wx_utf8_skip_space(s, n, p);
}

static size_t skip_spaces(const char *s, size_t n, size_t p)
{
    while (p < n && s[p] == ' ')
        p++;
    return p;
}

/* min..max digits at *p, not followed by another digit. */
static bool scan_num(const char *s, size_t n, size_t *p, int min, int max,
                     int *out)
{
    size_t q = *p;
    int v = 0, k = 0;
    while (q < n && is_digit((unsigned char)s[q]) && k < max) {
        v = v * 10 + (s[q] - '0');
        q++;
        k++;
    }
    if (k < min || (q < n && is_digit((unsigned char)s[q])))
        return false;
    *p = q;
    *out = v;
    return true;
}

/* The end of the run of letters at p (p itself when there is none). */
static size_t word_end(const char *s, size_t n, size_t p)
{
    while (p < n && is_letter((unsigned char)s[p]))
        p++;
    return p;
}

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

/* ---- names ------------------------------------------------------------ */

typedef struct name_num {
    const char *name;    /* lower case */
    int num;
} name_num;

/* English, Spanish, Italian, Portuguese, French, German, Dutch, Danish;
 * full and short forms. */
static const name_num months[] = {
    {"january", 1}, {"jan", 1}, {"enero", 1}, {"ene", 1},
    {"gennaio", 1}, {"gen", 1}, {"janeiro", 1}, {"janvier", 1},
    {"janv", 1}, {"januar", 1}, {"j\xc3\xa4n", 1}, {"j\xc3\xa4nner", 1},
    {"januari", 1},
    {"february", 2}, {"feb", 2}, {"febrero", 2}, {"febbraio", 2},
    {"fevereiro", 2}, {"fev", 2}, {"f\xc3\xa9vrier", 2},
    {"f\xc3\xa9vr", 2}, {"f\xc3\xa9v", 2}, {"februar", 2},
    {"februari", 2},
    {"march", 3}, {"mar", 3}, {"marzo", 3}, {"mar\xc3\xa7o", 3},
    {"mars", 3}, {"m\xc3\xa4rz", 3}, {"mrz", 3}, {"maart", 3},
    {"mrt", 3}, {"marts", 3},
    {"april", 4}, {"apr", 4}, {"abril", 4}, {"abr", 4}, {"aprile", 4},
    {"avril", 4}, {"avr", 4},
    {"may", 5}, {"mayo", 5}, {"maggio", 5}, {"mag", 5}, {"maio", 5},
    {"mai", 5}, {"mei", 5}, {"maj", 5},
    {"june", 6}, {"jun", 6}, {"junio", 6}, {"giugno", 6}, {"giu", 6},
    {"junho", 6}, {"juin", 6}, {"juni", 6},
    {"july", 7}, {"jul", 7}, {"julio", 7}, {"luglio", 7}, {"lug", 7},
    {"julho", 7}, {"juillet", 7}, {"juil", 7}, {"juli", 7},
    {"august", 8}, {"aug", 8}, {"agosto", 8}, {"ago", 8},
    {"ao\xc3\xbbt", 8}, {"augustus", 8},
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
    "domingo", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "today", "yesterday", "tomorrow",
};

/* Zones as wire copy and mail headers name them (RFC 822's US zones and
 * the European ones the agencies use). */
static const name_num zones[] = {
    {"z", 0}, {"utc", 0}, {"gmt", 0}, {"ut", 0}, {"wet", 0},
    {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300},
    {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
    {"cet", 60}, {"cest", 120}, {"bst", 60}, {"west", 60},
    {"met", 60}, {"mest", 120}, {"eet", 120}, {"eest", 180},
    {"msk", 180}, {"ist", 330}, {"jst", 540}, {"kst", 540},
    {"hkt", 480}, {"sgt", 480}, {"aest", 600}, {"aedt", 660},
};

int wx_date_month(const char *s, size_t n)
{
    if (n > 0 && s[n - 1] == '.')
        n--;
    for (size_t i = 0; n > 0 && i < COUNT(months); i++)
        if (eq_fold(s, n, months[i].name))
            return months[i].num;
    return 0;
}

bool wx_date_weekday(const char *s, size_t n)
{
    if (n > 0 && s[n - 1] == '.')
        n--;
    for (size_t i = 0; n > 0 && i < COUNT(weekdays); i++)
        if (eq_fold(s, n, weekdays[i]))
            return true;
    return false;
}

bool wx_date_zone_name(const char *s, size_t n, int *min)
{
    for (size_t i = 0; i < COUNT(zones); i++)
        if (eq_fold(s, n, zones[i].name)) {
            *min = zones[i].num;
            return true;
        }
    return false;
}

/* ---- dateline dates --------------------------------------------------- */

/* A month name at *p, with an optional final '.'. */
static bool scan_month(const char *s, size_t n, size_t *p, int *m)
{
    size_t e = word_end(s, n, *p);
    int v = e > *p ? wx_date_month(s + *p, e - *p) : 0;
    if (v == 0)
        return false;
    if (e < n && s[e] == '.')
        e++;
    *p = e;
    *m = v;
    return true;
}

/* A day of the month, with an optional English ordinal suffix. */
static bool scan_mday(const char *s, size_t n, size_t *p, int *d)
{
    size_t q = *p;
    int v;
    if (!scan_num(s, n, &q, 1, 2, &v) || v < 1 || v > 31)
        return false;
    static const char *const suffix[] = {"st", "nd", "rd", "th"};
    for (size_t i = 0; i < COUNT(suffix); i++)
        if (q + 2 <= n && eq_fold(s + q, 2, suffix[i]) &&
            (q + 2 == n || !is_letter((unsigned char)s[q + 2]))) {
            q += 2;
            break;
        }
    if (q < n && is_letter((unsigned char)s[q]))
        return false;
    *p = q;
    *d = v;
    return true;
}

static bool scan_year(const char *s, size_t n, size_t *p, int *y)
{
    size_t q = *p;
    int v;
    if (!scan_num(s, n, &q, 4, 4, &v) || v < 1000 ||
        (q < n && is_letter((unsigned char)s[q])))
        return false;
    *p = q;
    *y = v;
    return true;
}

/* The Spanish/Portuguese "de " between day, month and year. */
static size_t skip_de(const char *s, size_t n, size_t p)
{
    if (p + 3 <= n && eq_fold(s + p, 2, "de") && s[p + 2] == ' ')
        return skip_spaces(s, n, p + 3);
    return p;
}

size_t wx_date_scan_day(const char *s, size_t n, wx_date *out)
{
    memset(out, 0, sizeof *out);
    size_t q = 0;
    int mm = 0, dd = 0, yy = 0;
    if (scan_month(s, n, &q, &mm)) {
        q = skip_spaces(s, n, q);
        if (!scan_mday(s, n, &q, &dd))
            return 0;
    } else if (scan_mday(s, n, &q, &dd)) {
        /* German "3. März": a day with a full stop. */
        if (q + 1 < n && s[q] == '.' && s[q + 1] == ' ')
            q++;
        q = skip_spaces(s, n, q);
        q = skip_de(s, n, q);
        if (!scan_month(s, n, &q, &mm))
            return 0;
    } else {
        return 0;
    }
    /* An optional year: ", 2021", " 2021" or " de 2021". */
    size_t r = q;
    if (r < n && s[r] == ',')
        r++;
    r = skip_spaces(s, n, r);
    r = skip_de(s, n, r);
    if (r > q && scan_year(s, n, &r, &yy))
        q = r;
    if (!wx_date_valid_day(yy != 0 ? yy : 2000, mm, dd))
        return 0;
    out->year = yy;
    out->month = mm;
    out->day = dd;
    return q;
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
        if (q + 1 < n && (s[q] == '.' || s[q] == ',') &&
            is_digit((unsigned char)s[q + 1])) {
            q++;
            while (q < n && is_digit((unsigned char)s[q]))
                q++;
        }
    }
    if (h > 23 || m > 59 || sec > 60)
        return false;
    d->hour = h;
    d->min = m;
    d->sec = sec > 59 ? 59 : sec;   /* a leap second sorts as :59 */
    d->has_time = true;
    *p = q;
    return true;
}

/* "HHMM[SS[.fff]]" after the "T" of an ISO basic date. */
static bool scan_basic_time(const char *s, size_t n, size_t *p, wx_date *d)
{
    size_t q = *p;
    int v;
    if (scan_num(s, n, &q, 6, 6, &v)) {
        d->hour = v / 10000, d->min = v / 100 % 100, d->sec = v % 100;
        if (q + 1 < n && s[q] == '.' && is_digit((unsigned char)s[q + 1]))
            for (q++; q < n && is_digit((unsigned char)s[q]); q++)
                ;
    } else if (q = *p, scan_num(s, n, &q, 4, 4, &v)) {
        d->hour = v / 100, d->min = v % 100, d->sec = 0;
    } else {
        return false;
    }
    if (d->hour > 23 || d->min > 59 || d->sec > 60)
        return false;
    if (d->sec > 59)
        d->sec = 59;
    d->has_time = true;
    *p = q;
    return true;
}

/* An AM/PM after a clock time at *p: the 12-hour clock to 24 hours.
 * False when the hour cannot be a 12-hour one. */
static bool scan_meridiem(const char *s, size_t n, size_t *p, wx_date *d)
{
    size_t q = skip_ws(s, n, *p), e = word_end(s, n, q);
    bool am = e == q + 2 && eq_fold(s + q, 2, "am");
    bool pm = e == q + 2 && eq_fold(s + q, 2, "pm");
    if (!am && !pm)
        return true;
    if (d->hour < 1 || d->hour > 12)
        return false;
    d->hour = d->hour % 12 + (pm ? 12 : 0);
    *p = e;
    return true;
}

/* A zone at *p: "Z", "+01:00", "+0100", "-05", "GMT", "CET". */
static bool scan_zone(const char *s, size_t n, size_t *p, wx_date *d)
{
    size_t q = *p;
    if (q < n && (s[q] == '+' || s[q] == '-')) {
        int sign = s[q] == '-' ? -1 : 1, h, m = 0;
        size_t r = q + 1;
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
    size_t e = word_end(s, n, q);
    int min;
    if (e == q || !wx_date_zone_name(s + q, e - q, &min))
        return false;
    d->tz_min = min;
    d->has_tz = true;
    *p = e;
    return true;
}

/* Optional " HH:MM[:SS] [AM|PM] [zone]" (or "THH:MM..." when iso). */
static bool scan_time_zone(const char *s, size_t n, size_t *p, bool iso,
                           bool basic, wx_date *d)
{
    size_t q = *p;
    if (iso && q < n && (s[q] == 'T' || s[q] == 't')) {
        q++;
        if (!(basic ? scan_basic_time(s, n, &q, d) : scan_time(s, n, &q, d)))
            return false;
    } else {
        if (basic || (q = skip_ws(s, n, q)) == *p)
            return true;
        if (!scan_time(s, n, &q, d))
            return true;    /* not a time: the caller sees what is left */
        if (!iso && !scan_meridiem(s, n, &q, d))
            return false;
    }
    *p = q;
    size_t r = q;
    if (scan_zone(s, n, &r, d)) {
        *p = r;
        return true;
    }
    r = skip_ws(s, n, q);
    if (r > q && scan_zone(s, n, &r, d))
        *p = r;
    return true;
}

/* "2022-03-03", "2022/03/03" or "20220303" at *p; *basic for the last. */
static bool scan_numeric_date(const char *s, size_t n, size_t *p,
                              wx_date *d, bool *basic)
{
    size_t q = *p;
    int y, m, dd;
    *basic = false;
    if (scan_num(s, n, &q, 8, 8, &y)) {
        dd = y % 100;
        m = y / 100 % 100;
        y /= 10000;
        *basic = true;
    } else {
        q = *p;
        if (!scan_num(s, n, &q, 4, 4, &y) || q >= n ||
            (s[q] != '-' && s[q] != '/'))
            return false;
        char sep = s[q++];
        if (!scan_num(s, n, &q, 2, 2, &m) || q >= n || s[q] != sep)
            return false;
        q++;
        if (!scan_num(s, n, &q, 2, 2, &dd))
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
    size_t q = *p, e = word_end(s, n, q);
    if (e > q && wx_date_weekday(s + q, e - q)) {
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
    wx_date day;
    size_t len = wx_date_scan_day(s + q, n - q, &day);
    if (len == 0 || day.year == 0)
        return false;
    d->year = day.year, d->month = day.month, d->day = day.day;
    q += len;
    if (q < n && s[q] == ',')
        q++;
    *p = q;
    return true;
}

size_t wx_date_scan(const char *s, size_t n, wx_date *out)
{
    memset(out, 0, sizeof *out);
    size_t p = skip_ws(s, n, 0);
    bool basic = false;
    bool iso = scan_numeric_date(s, n, &p, out, &basic);
    if ((!iso && !scan_text_date(s, n, &p, out)) ||
        !scan_time_zone(s, n, &p, iso, basic, out) ||
        !wx_date_valid_day(out->year, out->month, out->day)) {
        memset(out, 0, sizeof *out);
        return 0;
    }
    return p;
}

bool wx_date_parse(const char *s, size_t n, wx_date *out)
{
    size_t p = wx_date_scan(s, n, out);
    if (p == 0 || skip_ws(s, n, p) != n) {
        memset(out, 0, sizeof *out);
        return false;
    }
    return true;
}

size_t wx_date_iso(const wx_date *d, char *out, size_t outsz)
{
    if (!wx_date_valid_day(d->year, d->month, d->day) ||
        outsz < WX_DATE_ISO_MAX)
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
