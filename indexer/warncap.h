/*
 * Bounded warnings: a file with a million bad lines must not print a
 * million lines. Within one file, the first WX_WARNCAP_SHOWN warnings of
 * each kind are printed; the rest are counted, and one line at the end of
 * the file says how many more there were. Plain state owned by the
 * caller (one per run), no globals.
 */
#ifndef WX_WARNCAP_H
#define WX_WARNCAP_H

#include "wx_log.h"

#include <stdbool.h>
#include <stdint.h>

enum { WX_WARNCAP_SHOWN = 10 };

typedef enum wx_warn_kind {
    WX_WARN_RECORD,     /* a record skipped */
    WX_WARN_REPAIR,     /* invalid UTF-8 read as Latin-1 */
    WX_WARN_KINDS
} wx_warn_kind;

typedef struct wx_warncap {
    const char *file;              /* not owned; NULL outside a file */
    uint64_t seen[WX_WARN_KINDS];  /* warnings of each kind in the file */
} wx_warncap;

/* Start counting for file (its name must outlive wx_warncap_end). */
void wx_warncap_begin(wx_warncap *c, const char *file);

/* Print the warning unless WX_WARNCAP_SHOWN of its kind were printed for
 * this file already; count it either way. c may be NULL (always print).
 * Returns whether it was printed. */
bool wx_warncap_warn(wx_warncap *c, wx_warn_kind kind, const char *fmt, ...)
    WX_PRINTF(3, 4);

/* Say how many warnings of each kind were not shown, then forget the
 * file. NULL-safe. */
void wx_warncap_end(wx_warncap *c);

#endif
