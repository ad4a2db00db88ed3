/*
 * The index schema: which article field becomes which Xapian term prefix
 * and value slot. One table (wx_schema.c), used by the indexer to build
 * documents and by the searcher to parse queries and count facets;
 * docs/schema.md mirrors it row for row (a unit test diffs the two).
 */
#ifndef WX_SCHEMA_H
#define WX_SCHEMA_H

#include "wx_limits.h"
#include "wx_status.h"

#include <stddef.h>

/* Schema version written to the database metadata key WX_META_SCHEMA.
 * 2: every stored record is the whole of its document's data, packed
 * with a built-in dictionary (1: records in blocks under metadata). */
#define WX_SCHEMA_VERSION "2"
#define WX_META_SCHEMA "wiredex.schema"

/* Metadata keys recording how the index was built, so the searcher
 * parses queries the same way: stemmer language and strategy. */
#define WX_META_LANG "wiredex.lang"
#define WX_META_STEM "wiredex.stem_strategy"
/* "xapian": word positions in Xapian's position table. "compact" (a
 * layout that remote servers could not search) is withdrawn: such an
 * index is refused. */
#define WX_META_POSITIONS "wiredex.positions"

/* A multi-valued field (topics, places) keeps its i-th distinct value in
 * value slot slot + i, one value per slot, so that Xapian's stock
 * ValueCountMatchSpy counts each value exactly, on remote servers too.
 * Its slots run from slot to slot + WX_MULTI_SLOTS - 1: as many as an
 * article can hold values (wx_article.c stops lists there). */
enum { WX_MULTI_SLOTS = WX_MAX_LIST_ITEMS };

typedef enum wx_field {
    WX_FIELD_ID,
    WX_FIELD_TITLE,
    WX_FIELD_BODY,
    WX_FIELD_AGENCY,
    WX_FIELD_DATELINE,
    WX_FIELD_TOPIC,
    WX_FIELD_PLACE,
    WX_FIELD_YEAR,
    WX_FIELD_MONTH,
    WX_FIELD_TYPE,
    WX_FIELD_DATE,
    WX_FIELD_SORTDATE,
    WX_FIELD_SIZES,
    WX_FIELD_COUNT
} wx_field;

enum {
    WX_SF_BOOLEAN = 1 << 0,  /* exact-match filter term, value case-folded */
    WX_SF_TEXT = 1 << 1,     /* free text with positions */
    WX_SF_FACET = 1 << 2,    /* values counted as a facet */
    WX_SF_MULTI = 1 << 3,    /* several values, one per slot from slot */
    WX_SF_RANGE = 1 << 4,    /* slot searched by range (date:A..B) */
    WX_SF_QUERY = 1 << 5     /* usable as "name:" in queries */
};

typedef struct wx_schema_field {
    wx_field field;
    const char *name;     /* user-facing name: query prefix, facet name */
    const char *prefix;   /* Xapian term prefix, "" for none, NULL if no terms */
    int slot;             /* value slot (the first, WX_SF_MULTI), or -1 */
    unsigned flags;       /* WX_SF_* */
    unsigned wdf;         /* within-document frequency per occurrence */
} wx_schema_field;

/* The row for a field; never NULL for a valid wx_field. */
const wx_schema_field *wx_schema_get(wx_field f);

/* How many value slots field f spans: WX_MULTI_SLOTS for a
 * multi-valued field, else 1. */
unsigned wx_schema_span(wx_field f);

/* The row whose user-facing name is name (case-insensitive), or NULL. */
const wx_schema_field *wx_schema_lookup(const char *name);

/*
 * Build the boolean term for a field value: prefix + value folded to
 * lower case (Unicode-aware; ids are kept exact) and truncated at a character boundary to Xapian's term
 * length limit. Returns a malloc'd string, or NULL on ENOMEM.
 */
char *wx_schema_term(wx_field f, const char *value);

/* Title terms are also indexed unprefixed with this wdf, so a title match
 * outweighs a body match without a second set of postings per word. */
enum { WX_TITLE_BODY_WDF = 3 };

#endif
