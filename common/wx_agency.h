/*
 * The one table of news agencies: each canonical name, its aliases
 * ("THE CANADIAN PRESS" -> CP, "reuters.com" -> Reuters), and the forms
 * each spelling takes in copy (in a dateline's parentheses, bare before
 * a dash, as a sign-off line or at the end of the last sentence). The
 * readers, the dateline module, wx_article and the query parser all ask
 * it, so a new agency is one row. Static data only: nothing to free.
 */
#ifndef WX_AGENCY_H
#define WX_AGENCY_H

#include <stdbool.h>
#include <stddef.h>

/* Where a spelling may stand in copy (a bit set). */
enum {
    WX_AGENCY_PAREN = 1,   /* in a dateline's parentheses: "(EFE)" */
    WX_AGENCY_LINE = 2,    /* alone on the last line: "EFE", "Enditem" */
    WX_AGENCY_TAIL = 4,    /* ending the last sentence: "... talks. EFE" */
    WX_AGENCY_BARE = 8,    /* without parentheses before a dash in a lead:
                              "SEOUL, Nov 26 AFP -", "Kyodo -" */
    WX_AGENCY_ANY = 15
};

/* Room for a credit or canonical name as the dateline keeps it. */
enum { WX_AGENCY_MAX = 64 };

/*
 * The canonical name for any spelling of a known agency, comparing
 * ASCII letters case-insensitively and ignoring everything but letters
 * and digits ("Agence France-Presse", "AGENCE FRANCE PRESSE" -> "AFP";
 * "reuters.com" -> "Reuters"). NULL when unknown. Static string.
 */
const char *wx_agency_canon(const char *s, size_t n);

/*
 * Like wx_agency_canon, but only spellings allowed in one of the given
 * forms (WX_AGENCY_* bits) match; WX_AGENCY_TAIL spellings must be
 * printed as in the table or in capitals. NULL when none.
 */
const char *wx_agency_find(const char *s, size_t n, int forms);

/*
 * The agencies a credit names, in order, at most two: "STT–AFP" gives
 * STT and AFP, "tca/dpa" gives dpa, "ats afp" ATS and AFP, "Reuters"
 * Reuters. The whole credit is tried first, then its parts split at
 * '/', '-', dashes, '+', '&', ',' and spaces. Returns how many were
 * found (0 when none is known) and stores them (static strings) in out;
 * *unknown (may be NULL) tells whether some part is not a known agency
 * ("tca" of "tca/dpa").
 */
size_t wx_agency_credits(const char *s, size_t n, const char *out[2],
                         bool *unknown /* OUT */);

#endif
