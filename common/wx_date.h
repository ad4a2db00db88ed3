/*
 * Calendar dates as the wires print them: the one calendar (leap years,
 * month lengths), the one table of month and weekday names (English,
 * Spanish, Italian, Portuguese, French, German, Dutch, Danish), the one
 * table of time-zone names, and the one parser of header dates. Every
 * reader, the dateline module and wx_article use it. Pure byte parsing:
 * no allocation, no I/O, no clock.
 */
#ifndef WX_DATE_H
#define WX_DATE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A calendar date with an optional time. hour/min/sec are meaningful
 * when has_time; tz_min is the offset from UTC in minutes when has_tz.
 */
typedef struct wx_date {
    int year, month, day;
    int hour, min, sec;
    bool has_time;
    bool has_tz;
    int tz_min;
} wx_date;

/* Room for the longest wx_date_iso() result, with NUL. */
enum { WX_DATE_ISO_MAX = 20 };

/* True when y is a Gregorian leap year. */
bool wx_date_leap(int y);

/* True when year/month/day is a real calendar day (year 1..9999). */
bool wx_date_valid_day(int year, int month, int day);

/*
 * The month number 1..12 for a month name or abbreviation in one of the
 * languages above (ASCII and Latin-1 case ignored, one final "."
 * allowed), or 0.
 */
int wx_date_month(const char *s, size_t n);

/* True for a weekday name or abbreviation ("Tuesday", "Tue.", "martes"),
 * or "today"/"yesterday"/"tomorrow"; case ignored as for months. */
bool wx_date_weekday(const char *s, size_t n);

/*
 * The offset from UTC in minutes of a zone name ("GMT", "CET", "BST",
 * "EST"...; ASCII case ignored) in *min. False for an unknown name.
 */
bool wx_date_zone_name(const char *s, size_t n, int *min /* OUT */);

/*
 * A dateline date at the start of s[0..n): "Jul 20", "Nov. 25",
 * "July 20, 2021", "12 MAG", "3. März", "20 Jul.", "15 de julio de
 * 2021", "January 21". The year is optional (0 when absent; the day
 * must exist in a leap year then). Returns the bytes it spans (0 when
 * s does not start with one) and fills *out (no time).
 */
size_t wx_date_scan_day(const char *s, size_t n, wx_date *out /* OUT */);

/*
 * Parse a whole date as wire headers print it: ISO 8601 extended
 * ("2022-03-03", "2022-03-03T14:05[:00[.123]]", with "T" or a space,
 * then an optional zone) or basic ("20220303", "20220303T1405[00]"),
 * "2022/03/03", RFC 2822 ("Mon, 25 Nov 2019 16:40:00 +0100"),
 * Reuters-21578 ("26-FEB-1987 15:01:01.79"), "25 Nov 2019",
 * "July 4th, 2023 8:30 PM EST", "20 de julio de 2021". A zone is "Z",
 * "+hh", "+hhmm", "+hh:mm" or a name wx_date_zone_name knows. Surrounding
 * white space is allowed, nothing else. Returns true and fills *out with
 * a valid calendar date and time, or false (out zeroed).
 */
bool wx_date_parse(const char *s, size_t n, wx_date *out /* OUT */);

/*
 * Like wx_date_parse, but s need only start with the date (white space
 * first allowed): returns the bytes the date and any time and zone span,
 * or 0 (out zeroed). A time that is not one ("605:12:19") is left
 * unread: the date stands alone.
 */
size_t wx_date_scan(const char *s, size_t n, wx_date *out /* OUT */);

/*
 * Write d as ISO 8601 into out: "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS"
 * when it has a time. The time is the wall-clock time as printed: an
 * offset is not applied, since wires date a story in its dateline's
 * local time. Returns the length, or 0 when the date is invalid or out
 * is smaller than WX_DATE_ISO_MAX.
 */
size_t wx_date_iso(const wx_date *d, char *out /* OUT */, size_t outsz);

#endif
