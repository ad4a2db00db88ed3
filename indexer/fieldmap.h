/*
 * From other people's column and key names to article fields, shared by
 * the CSV/TSV and JSON readers: --columns (positional "title,body,-,date"
 * or by name "headline=title,story=body"), the header names a CSV export
 * commonly uses ("text", "description" are the body; "subject", "class"
 * the topic...), --map value tables ("topic=1:World,2:Sports"), and the
 * dateline of a lead that starts "WASHINGTON (Reuters) -". Field names
 * are the schema's (common/wx_schema.c), plurals accepted.
 */
#ifndef WX_FIELDMAP_H
#define WX_FIELDMAP_H

#include "wx_article.h"
#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>

/* Where a column goes: a wx_field, or one of these. */
enum {
    WX_COL_SKIP = -1,    /* "-": left out */
    WX_COL_META = -2,    /* kept as stored metadata under its name */
    WX_COL_SOURCE = -3   /* the record's own "source" (an --export) */
};

typedef struct wx_fieldmap_col {
    char *name;     /* the column or key name; NULL for a positional one */
    int field;      /* wx_field or WX_COL_* */
} wx_fieldmap_col;

typedef struct wx_fieldmap_value {
    int field;      /* the wx_field whose values are mapped */
    char *from, *to;
} wx_fieldmap_value;

typedef struct wx_fieldmap {
    wx_fieldmap_col *cols;     /* --columns, in order */
    size_t ncols;
    bool positional;           /* --columns named fields, not renames */
    wx_fieldmap_value *values; /* --map pairs */
    size_t nvalues;
} wx_fieldmap;

void wx_fieldmap_init(wx_fieldmap *m);
void wx_fieldmap_free(wx_fieldmap *m);

/*
 * Parse --columns: comma-separated items, each a field name or "-"
 * (positional), or all of the form NAME=FIELD (renames). WX_EINVAL with
 * a message for an unknown field or a mix of both forms.
 */
wx_status wx_fieldmap_parse_columns(wx_fieldmap *m, const char *spec,
                                    wx_err *err);

/* Parse one --map: FIELD=FROM:TO,FROM:TO... WX_EINVAL with a message. */
wx_status wx_fieldmap_parse_map(wx_fieldmap *m, const char *spec,
                                wx_err *err);

/*
 * Where a column or key called name goes: a field name ("title",
 * "topics"), a common alias (text, description, content, story, article
 * -> body; headline, subject line -> title; subject, class, category,
 * label, section -> topic; ...; case ignored), else WX_COL_META
 * ("source" too: in exports it is often an agency's name).
 */
int wx_fieldmap_lookup(const char *name);

/* Where --columns renames key name to (WX_COL_META when it does not). */
int wx_fieldmap_rename(const wx_fieldmap *m, const char *name, int dflt);

/* The name of a wx_field or WX_COL_* for messages ("body", "-"). */
const char *wx_fieldmap_name(int field);

/*
 * Put s[0..n) into field f of a (through --map when a table applies):
 * scalars replace (the first non-empty value wins for title and body),
 * topics and places add (split on ';'), a dateline is read as one
 * (city, and the agency it names when none is set), metadata goes under
 * key. WX_ENOMEM; WX_ETOOBIG is absorbed (lists and metadata full).
 */
wx_status wx_fieldmap_put(const wx_fieldmap *m, wx_article *a, int f,
                          const char *key, const char *s, size_t n);

/* The model separates paragraphs with one "\n": drop lines of only
 * white space from s, in place (NULL-safe). */
void wx_fieldmap_paragraphs(char *s);

/*
 * A record with no dateline whose body starts with one ("WASHINGTON
 * (Reuters) - ...", "Beijing, Jul 20 (EFE).-") gets its city, the agency
 * when it has none, and the date when it has none and the dateline
 * gives a year. A city with neither agency nor date ("CORRECTION - ")
 * is not taken. WX_ENOMEM only.
 */
wx_status wx_fieldmap_lead_dateline(wx_article *a);

#endif
