/*
 * Status codes and the error record shared by every wiredex module.
 * A function that can fail returns wx_status and, on failure, fills a
 * caller-owned wx_err with a message naming the object (file, record, db).
 * The error path never allocates, so it works when memory is exhausted.
 */
#ifndef WX_STATUS_H
#define WX_STATUS_H

#include <stddef.h>

typedef enum wx_status {
    WX_OK = 0,       /* success */
    WX_EOF,          /* a reader or iterator has nothing more */
    WX_ENOMEM,       /* an allocation failed */
    WX_EIO,          /* reading or writing a file failed */
    WX_EINVAL,       /* bad argument or option value */
    WX_ETOOBIG,      /* input exceeded a named limit (wx_limits.h) */
    WX_EFORMAT,      /* malformed record or file: skip it, go on */
    WX_ENOTEXT,      /* a well-formed record with no article text (a
                        picture, a package, an empty record): left
                        out with a note, not an error */
    WX_ENOTFOUND,    /* no such document, file or key */
    WX_EQUERY,       /* the user's query does not parse */
    WX_EDB,          /* the database is missing, corrupt or not ours */
    WX_ELOCKED,      /* another writer holds the database lock */
    WX_EMODIFIED,    /* the database changed under a reader: reopen */
    WX_ETIMEOUT,     /* a search ran past its time limit */
    WX_EINTERNAL,    /* a bug or an unexpected library failure */
    WX_STATUS_COUNT
} wx_status;

enum { WX_ERR_MSG_MAX = 256 };

typedef struct wx_err {
    wx_status code;
    char msg[WX_ERR_MSG_MAX];
} wx_err;

/* The fixed English name of a status; never NULL. */
const char *wx_status_str(wx_status st);

/*
 * Record an error: sets err->code and formats err->msg (truncated to fit).
 * Returns st, so failures read `return wx_err_set(err, WX_EIO, ...)`.
 * err may be NULL, in which case only st is returned.
 */
wx_status wx_err_set(wx_err *err, wx_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Reset to WX_OK with an empty message. */
void wx_err_clear(wx_err *err);

#endif
