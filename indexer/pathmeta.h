/*
 * --path-meta: a folder layout read as fields. A pattern is segments
 * separated by '/', matched against the last segments of a file's path
 * below the walked folder: "{topic}/STAR" (STAR being '*') reads
 * "business/001.txt" as topic business, "{year}/{month}/{day}/STAR" as a
 * date. A segment is {FIELD}
 * (the whole folder name; FIELD is a schema field or year, month, day),
 * or an fnmatch glob the segment must match ("*", "*.txt").
 */
#ifndef WX_PATHMETA_H
#define WX_PATHMETA_H

#include "fieldmap.h"
#include "wx_article.h"
#include "wx_status.h"

#include <stddef.h>

enum { WX_PATHMETA_MAX = 16 };

typedef struct wx_pathmeta {
    size_t n;                          /* 0: no pattern */
    int field[WX_PATHMETA_MAX];        /* wx_field, WX_PATHMETA_*, or
                                          WX_COL_SKIP for a glob */
    char *glob[WX_PATHMETA_MAX];       /* owned, for globs */
} wx_pathmeta;

enum { WX_PATHMETA_YEAR = -10, WX_PATHMETA_MONTH = -11,
       WX_PATHMETA_DAY = -12 };

/* Parse spec into *pm (zeroed first). WX_EINVAL with a message. */
wx_status wx_pathmeta_parse(const char *spec, wx_pathmeta *pm, wx_err *err);

/*
 * Apply to a file at rel (path below the walked folder): when the
 * pattern matches its last segments, fill a's fields. A date from the
 * path is used only when the article has none of its own; one without a
 * day is dated the 1st and says so in metadata "path_date" ("1996-08").
 * Returns WX_OK (also when nothing matched) or WX_ENOMEM; *matched
 * (may be NULL) says whether the pattern matched.
 */
wx_status wx_pathmeta_apply(const wx_pathmeta *pm, const char *rel,
                            wx_article *a, bool *matched);

void wx_pathmeta_free(wx_pathmeta *pm);

#endif
