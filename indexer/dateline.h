/*
 * Wire datelines: "Beijing, Jul 20 (EFE).-", "WASHINGTON (AP) --",
 * "ROME, 12 MAG (ANSA) -", "SALVADOR, Feb 26 -". Finds the city, the
 * agency and the date at the start of a lead or in a dateline field, and
 * keeps the one table of agency conventions (names as printed, sign-offs).
 * Pure byte parsing: no allocation, no I/O, no canonical city spelling
 * (wx_article_finish does that).
 */
#ifndef WX_DATELINE_H
#define WX_DATELINE_H

#include <stdbool.h>
#include <stddef.h>

enum {
    WX_DATELINE_CITY_MAX = 128,    /* city bytes + NUL */
    WX_DATELINE_AGENCY_MAX = 64    /* agency bytes + NUL */
};

/*
 * What a dateline says. Plain value: no pointers, nothing to free.
 * Strings are NUL-terminated, "" when absent; numbers are 0 when absent.
 */
typedef struct wx_dateline {
    char city[WX_DATELINE_CITY_MAX];    /* as printed: "BEIJING", the first
                                           of "SAO PAULO/BRASILIA" */
    char agency[WX_DATELINE_AGENCY_MAX]; /* canonical: "EFE", "Reuters";
                                            an unknown name as printed */
    int year;     /* 2021, or 0 */
    int month;    /* 1..12, or 0 */
    int day;      /* 1..31, or 0 */
    /*
     * Bytes of the input the dateline occupies, including the dash and
     * the white space after it: lead + span is where the story starts.
     */
    size_t span;
} wx_dateline;

/*
 * Recognise a dateline at the very start of the lead paragraph s[0..n)
 * (leading white space allowed). The city must be short (at most five
 * words, capitalised apart from connectors such as "de" or "upon") and be
 * followed by a known form: an agency in parentheses ("(Bernama)", not
 * in the table, only when a dash follows), a comma and a date (month-day
 * or day-month, English, Spanish, Italian, French, German or Portuguese
 * month names; then an agency, a dash or the end), a comma and a region
 * ("COLUMBUS, Ohio (AP)"; then an agency or a dash), or a dash after an
 * all-capitals city ("LONDON -"). Returns true and fills *out, or false
 * (and *out is zeroed) when s does not start with a dateline, as for an
 * ordinary sentence.
 */
bool wx_dateline_parse_lead(const char *s, size_t n, wx_dateline *out);

/*
 * Parse a standalone dateline field ("    SALVADOR, Feb 26 - ",
 * "Beijing", "WASHINGTON, May 12 (AFP) -"): like the lead form but any
 * capitalisation is accepted and the whole field is the dateline. When
 * the field does not fit the grammar, the city is its text up to the
 * first comma, parenthesis, slash or dash. Returns false (out zeroed)
 * only when no city can be found (empty field, or over the size limit).
 */
bool wx_dateline_parse_field(const char *s, size_t n, wx_dateline *out);

/*
 * The canonical agency for a name as printed in copy ("Reuter",
 * "KYODO", "Associated Press"; ASCII case is ignored), or NULL when the
 * name is not in the table. The result is a static string.
 */
const char *wx_dateline_agency(const char *name, size_t n);

/*
 * When s[0..n) (white space trimmed) is a bare agency sign-off line,
 * such as "EFE", "(Reuters)", "dpa" or Xinhua's "Enditem", return the
 * canonical agency (static string); otherwise NULL.
 */
const char *wx_dateline_signoff(const char *s, size_t n);

/*
 * When paragraph s[0..n) ends in a sign-off after the last sentence
 * ("... and diplomacy. EFE"), return the length of the paragraph without
 * it (trailing white space dropped too) and set *agency (may be NULL) to
 * the canonical agency. Returns n (and leaves *agency alone) when there
 * is none. Only the agencies that sign off this way are matched, with
 * their printed or all-capitals spelling.
 */
size_t wx_dateline_strip_signoff(const char *s, size_t n,
                                 const char **agency /* OUT */);

/*
 * A calendar date with an optional time, as parsed from a Date field.
 * hour/min/sec are meaningful when has_time; tz_min is the offset from
 * UTC in minutes when has_tz.
 */
typedef struct wx_date {
    int year, month, day;
    int hour, min, sec;
    bool has_time;
    bool has_tz;
    int tz_min;
} wx_date;

/*
 * Parse a date as wire headers print it: ISO 8601 ("2022-03-03",
 * "2022-03-03T14:05:00Z", "2022-03-03 14:05:00+01:00"), "20220303",
 * "2022/03/03", RFC 2822 ("Mon, 25 Nov 2019 16:40:00 +0100"),
 * "25 Nov 2019", "July 4, 2023", "20 de julio de 2021". Surrounding
 * white space is allowed, nothing else. Returns true and fills *out with
 * a valid calendar date, or false (out zeroed).
 */
bool wx_dateline_parse_date(const char *s, size_t n, wx_date *out);

/*
 * Write d as ISO 8601 into out (at least 20 bytes): "YYYY-MM-DD", or
 * "YYYY-MM-DDTHH:MM:SS" when it has a time. The time is the wall-clock
 * time as printed: an offset is not applied, so the day stays the day
 * the source gave. Returns the length, or 0 when the date is invalid or
 * out is too small.
 */
size_t wx_dateline_iso(const wx_date *d, char *out, size_t outsz);

/* True when year/month/day is a real calendar day (year 1..9999). */
bool wx_dateline_valid_day(int year, int month, int day);

/* The month number 1..12 for a month name or abbreviation in one of the
 * languages above (ASCII and Latin-1 case ignored, one final "." allowed),
 * or 0. */
int wx_dateline_month(const char *s, size_t n);

#endif
