/*
 * The stored-record dictionaries built into the binaries. Every record
 * names the dictionary it was packed with by number (wx_zcodec format
 * 0x04), so any database Xapian can open (one index, a stub over shards
 * built at different times, a remote server) decodes its records with no
 * metadata lookup. A new dictionary gets the next number and becomes the
 * current one; the older ones stay here so old records still read.
 * scripts/make-zdict.sh generates each one; docs/schema.md says how.
 */
#ifndef WX_ZDICTS_H
#define WX_ZDICTS_H

#include "wx_status.h"
#include "wx_zcodec.h"

#include <stddef.h>

/* The number new records are packed with. */
enum { WX_ZDICTS_CURRENT = 1 };

/*
 * Built-in dictionary number (1 to 255) into *out, owned by this module
 * and valid for the life of the process. WX_EFORMAT for a number this
 * binary does not have (a record from a newer wiredex), WX_ENOMEM.
 * Thread-safe.
 */
wx_status wx_zdicts_get(unsigned number, const wx_zdict **out /* OUT */,
                        wx_err *err);

/* The generated values (common/wx_zdict_v*.c), for this module's
 * table: use wx_zdicts_get. */
extern const unsigned char wx_zdict_v1[];
extern const size_t wx_zdict_v1_len;

#endif
