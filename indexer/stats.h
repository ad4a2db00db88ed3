/*
 * wiredex-index --stats: what an index holds. Document count, article
 * text bytes against stored (compressed) bytes, and every facet's values
 * with their counts, as text for people or JSON for scripts.
 */
#ifndef WX_STATS_H
#define WX_STATS_H

#include "wx_status.h"

#include <stdbool.h>
#include <stdio.h>

/* Print the statistics of the database at db_path to out. */
wx_status wx_stats_print(const char *db_path, bool json, FILE *out,
                         wx_err *err);

#endif
