/*
 * Wire datelines, in every shape the agencies print them: "Beijing,
 * Jul 20 (EFE).-", "WASHINGTON (AP) --", "(ANSA) - ROME, JUL 11 -",
 * "MOSCOW, January 21. /TASS/.", "JACKSON, Miss. (Reuters) -",
 * "MIAMI _", "CALGARY, Alberta, Dec. 03, 2019 (GLOBE NEWSWIRE) --".
 * Finds the city, its qualifier, other cities, the date and the credit
 * at the start of a lead or in a dateline field, and puts them in an
 * article the same way for every reader. Agencies come from wx_agency,
 * dates from wx_date; no canonical city spelling here (wx_article_finish
 * does that).
 */
#ifndef WX_DATELINE_H
#define WX_DATELINE_H

#include "wx_agency.h"
#include "wx_article.h"
#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>

enum {
    WX_DATELINE_CITY_MAX = 128,     /* city or qualifier bytes + NUL */
    WX_DATELINE_AGENCY_MAX = WX_AGENCY_MAX,
    WX_DATELINE_DATE_MAX = 64,      /* date as written + NUL */
    WX_DATELINE_TEXT_MAX = 256,     /* the whole dateline + NUL */
    WX_DATELINE_OTHERS = 3          /* other cities kept */
};

/*
 * What a dateline says. Plain value: no pointers, nothing to free.
 * Strings are NUL-terminated, "" when absent; numbers are 0 when absent.
 */
typedef struct wx_dateline {
    char text[WX_DATELINE_TEXT_MAX];    /* as written, up to the dash:
                                           "JACKSON, Miss. (Reuters) -" */
    char city[WX_DATELINE_CITY_MAX];    /* as printed: "JACKSON", the first
                                           of "SAO PAULO/BRASILIA"; "" for
                                           "(Reuters) - Officials..." */
    char qualifier[WX_DATELINE_CITY_MAX];   /* "Miss.", "Kenya" */
    char others[WX_DATELINE_OTHERS][WX_DATELINE_CITY_MAX]; /* "BRASILIA" */
    size_t nothers;
    char date[WX_DATELINE_DATE_MAX];    /* as written: "Dec. 03, 2019" */
    char credit[WX_DATELINE_AGENCY_MAX];   /* as written: "GLOBE NEWSWIRE",
                                              "ats afp", "TASS" */
    char agency[WX_DATELINE_AGENCY_MAX];   /* canonical: "GlobeNewswire";
                                              an unknown credit as printed */
    char agency_also[WX_DATELINE_AGENCY_MAX];  /* "AFP" of "ats afp" */
    int year;     /* 2021, or 0 */
    int month;    /* 1..12, or 0 */
    int day;      /* 1..31, or 0 */
    /*
     * Bytes of the input the dateline occupies, including what stands
     * before it (a byline, a correction, bullet lines), the dash and the
     * white space after it: lead + span is where the story starts.
     */
    size_t span;
} wx_dateline;

/*
 * Recognise a dateline at the start of the lead paragraph s[0..n)
 * (leading white space, a "By ..." byline, a parenthesised correction
 * and bullet lines allowed before it). docs/formats.md lists the shapes.
 * Strict: a reading that is not clearly a dateline is none, so prose,
 * headlines ending in a credit, label paragraphs ("NOTE TO EDITORS:"),
 * transcripts ("BLITZER: ...") and "Tuesday:" give false. Returns true
 * and fills *out, or false (and *out is zeroed).
 */
bool wx_dateline_parse_lead(const char *s, size_t n, wx_dateline *out);

/*
 * Parse a standalone dateline field ("    SALVADOR, Feb 26 - ",
 * "Beijing", "WASHINGTON, May 12 (AFP) -", "Sydney March 22 Aap"): like
 * the lead form but any capitalisation is accepted and the whole field
 * is the dateline. When the field does not fit the grammar, the city is
 * its text up to the first comma, parenthesis, slash or dash, if that
 * looks like a place (wx_dateline_place_like). Returns false (out
 * zeroed) when no city can be found.
 */
bool wx_dateline_parse_field(const char *s, size_t n, wx_dateline *out);

/*
 * True when s[0..n) (a metadata place: G2 <located>, an NITF dateline)
 * can be a place name: one to six words of letters, no digits, no
 * month or agency words, not a placeholder ("No-Data-Available",
 * "n/a", "unknown"). "2018-01-03 20:13:08 Gmt+00:00" is not.
 */
bool wx_dateline_place_like(const char *s, size_t n);

/* True when s[0..n) is a bullet line ("* Shares fall", "- Oil up",
 * "• Yen firm"): what may stand before a lead without counting. */
bool wx_dateline_bullet(const char *s, size_t n);

/*
 * The first dateline among the first paragraphs ("\n"-separated) of a
 * body (bullet lines not counted), as wx_dateline_parse_lead reads them:
 * what the XML and JSON readers call so that a lead reads as it does in
 * a text file. Returns true and fills *out, or false.
 */
bool wx_dateline_find_in_body(const char *body, size_t n,
                              wx_dateline *out /* OUT */);

/*
 * The dateline of the body's lead (wx_dateline_find_in_body) into the
 * article with WX_DATELINE_FILL: what the indexer does for every
 * reader before wx_article_finish, so a lead reads the same in every
 * format. A no-op without a body or a dateline. WX_ENOMEM.
 */
wx_status wx_dateline_fill_from_body(wx_article *a);

/* How wx_dateline_apply treats what the article already holds (bits). */
enum {
    WX_DATELINE_FILL = 0,       /* set only the fields still empty */
    WX_DATELINE_REPLACE = 1,    /* a lead: its city and dateline metadata
                                   replace metadata places */
    WX_DATELINE_NO_AGENCY = 2,  /* the reader picks the agency itself */
    WX_DATELINE_PARTS = 4       /* the source's own dateline_text stays;
                                   add the parts it lacks */
};

/*
 * Put a dateline into an article, the same for every reader: the city
 * to a->dateline, the agency to a->agency (only when empty), and the
 * metadata "dateline_text", "dateline_qualifier", "dateline_cities"
 * (one per other city), "dateline_date", "credit" and "agency_also"
 * (docs/schema.md). A dateline without a city changes no city.
 * WX_ENOMEM; a full metadata list drops the rest silently only after
 * the city and agency are set (WX_OK).
 */
wx_status wx_dateline_apply(wx_article *a, const wx_dateline *dl,
                            int how);

/*
 * The canonical agency for a name as printed in copy ("Reuter",
 * "KYODO", "Associated Press"), or NULL when the name is not known.
 * The one table is wx_agency's; this is wx_agency_canon.
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

#endif
