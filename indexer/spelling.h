/*
 * The spelling table behind "did you mean", kept in step with the terms
 * of the index: which words are worth suggesting, and the difference
 * from what the table holds. Policy in C over wx_xapian.h's primitives.
 */
#ifndef WX_SPELLING_H
#define WX_SPELLING_H

#include "wx_status.h"
#include "wx_xapian.h"

#include <stdint.h>

/*
 * Make the spelling table list the database's own words: every
 * unprefixed term of min_len to 32 bytes made of lower-case letters (or
 * any non-ASCII UTF-8, for accented words) gets its document frequency
 * as spelling frequency, and words no longer indexed are removed.
 * Idempotent; costs one pass over the term dictionary instead of one
 * update per word occurrence. *changed (may be NULL) receives how many
 * words changed. Commit to keep it.
 */
wx_status wx_spelling_sync(wx_db *db, unsigned min_len, uint64_t *changed,
                           wx_err *err);

#endif
