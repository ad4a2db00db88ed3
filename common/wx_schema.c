/*
 * The one schema table. Prefixes follow Xapian's conventions: Q for the
 * unique id, S for the title, X... for our own fields. Prefix literals
 * appear nowhere else in the tree (tests/check-source.sh enforces it).
 */
#include "wx_schema.h"
#include "wx_xapian.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const wx_schema_field table[WX_FIELD_COUNT] = {
    {WX_FIELD_ID, "id", "Q", -1, WX_SF_BOOLEAN | WX_SF_QUERY, 0},
    {WX_FIELD_TITLE, "title", "S", -1, WX_SF_TEXT | WX_SF_QUERY, 1},
    {WX_FIELD_BODY, "body", "", -1, WX_SF_TEXT, 1},
    {WX_FIELD_AGENCY, "agency", "XAGENCY", 1,
     WX_SF_BOOLEAN | WX_SF_FACET | WX_SF_QUERY, 0},
    {WX_FIELD_DATELINE, "dateline", "XDATELINE", 2,
     WX_SF_BOOLEAN | WX_SF_FACET | WX_SF_QUERY, 0},
    {WX_FIELD_TOPIC, "topic", "XTOPIC", 1000,
     WX_SF_BOOLEAN | WX_SF_FACET | WX_SF_MULTI | WX_SF_QUERY, 0},
    {WX_FIELD_PLACE, "place", "XPLACE", 2000,
     WX_SF_BOOLEAN | WX_SF_FACET | WX_SF_MULTI | WX_SF_QUERY, 0},
    {WX_FIELD_YEAR, "year", "XYEAR", 5,
     WX_SF_BOOLEAN | WX_SF_FACET | WX_SF_QUERY, 0},
    {WX_FIELD_MONTH, "month", "XMONTH", 6,
     WX_SF_BOOLEAN | WX_SF_FACET | WX_SF_QUERY, 0},
    {WX_FIELD_TYPE, "type", "XTYPE", 7,
     WX_SF_BOOLEAN | WX_SF_FACET | WX_SF_QUERY, 0},
    {WX_FIELD_DATE, "date", NULL, 0, WX_SF_RANGE | WX_SF_QUERY, 0},
    {WX_FIELD_SORTDATE, "sortdate", NULL, 8, 0, 0},
    {WX_FIELD_SIZES, "sizes", NULL, 9, 0, 0},
};

const wx_schema_field *wx_schema_get(wx_field f)
{
    if ((unsigned)f >= WX_FIELD_COUNT)
        return NULL;
    return &table[f];
}

unsigned wx_schema_span(wx_field f)
{
    return (table[f].flags & WX_SF_MULTI) ? WX_MULTI_SLOTS : 1;
}

const wx_schema_field *wx_schema_lookup(const char *name)
{
    for (size_t i = 0; i < WX_FIELD_COUNT; i++)
        if (strcasecmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

/* Xapian rejects terms over 245 bytes; keep room for the prefix. */
enum { TERM_MAX = 240 };

char *wx_schema_term(wx_field f, const char *value)
{
    const char *prefix = table[f].prefix ? table[f].prefix : "";
    /* Ids are exact; every other value matches case-insensitively. */
    char *folded = f == WX_FIELD_ID ? NULL
                                    : wx_xapian_lower(value, strlen(value));
    if (folded != NULL)
        value = folded;
    else if (f != WX_FIELD_ID)
        return NULL;
    size_t plen = strlen(prefix);
    size_t vlen = strlen(value);
    if (plen + vlen > TERM_MAX) {
        vlen = TERM_MAX - plen;
        /* Back up to a UTF-8 character boundary. */
        while (vlen > 0 && ((unsigned char)value[vlen] & 0xC0) == 0x80)
            vlen--;
    }
    char *t = malloc(plen + vlen + 1);
    if (t != NULL) {
        memcpy(t, prefix, plen);
        memcpy(t + plen, value, vlen);
        t[plen + vlen] = '\0';
    }
    free(folded);
    return t;
}
