/*
 * wiredex-index --export: every stored article as JSON Lines, exactly
 * the records the index keeps (docs/schema.md), in index order. For
 * backups, moving an archive, and checking the store against a source.
 */
#ifndef WX_EXPORT_H
#define WX_EXPORT_H

#include "wx_status.h"

#include <stdio.h>

/* Write one JSON object per article of the index at db_path to out. */
wx_status wx_export_jsonl(const char *db_path, FILE *out, wx_err *err);

#endif
