/*
 * A growable byte buffer with a hard maximum and a sticky error: after
 * the first failed append every later append is a no-op, so builders
 * check the status once at the end. Always NUL-terminated when non-empty.
 */
#ifndef WX_BUF_H
#define WX_BUF_H

#include "wx_status.h"

#include <stdarg.h>
#include <stddef.h>

typedef struct wx_buf {
    char *data;       /* owned; NULL until the first append */
    size_t len;       /* bytes used, excluding the terminating NUL */
    size_t cap;       /* bytes allocated */
    size_t max;       /* hard limit on len; appends past it fail */
    wx_status st;     /* WX_OK, or the first failure (sticky) */
} wx_buf;

/* Start empty with a maximum length of max bytes. Cannot fail. */
void wx_buf_init(wx_buf *b, size_t max);

/* Free the storage; the buffer may be initialised again. NULL-safe. */
void wx_buf_free(wx_buf *b);

/* Empty the buffer and clear its error, keeping the allocation. */
void wx_buf_reset(wx_buf *b);

/* Append bytes. WX_ENOMEM or WX_ETOOBIG (sticky) on failure. */
wx_status wx_buf_append(wx_buf *b, const void *p, size_t n);
wx_status wx_buf_puts(wx_buf *b, const char *s);
wx_status wx_buf_putc(wx_buf *b, char c);
wx_status wx_buf_printf(wx_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The contents as a C string ("" when empty); owned by the buffer. */
const char *wx_buf_str(const wx_buf *b);

/*
 * Hand the contents to the caller (caller frees with free()) and leave
 * the buffer empty. Returns NULL if the buffer is in error or on ENOMEM.
 */
char *wx_buf_steal(wx_buf *b);

#endif
