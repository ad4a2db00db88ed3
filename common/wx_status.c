/*
 * Status names and the error-record helpers. wx_status_str() is a switch
 * with no default so that -Wswitch-enum flags a status without a name.
 */
#include "wx_status.h"

#include <stdarg.h>
#include <stdio.h>

const char *wx_status_str(wx_status st)
{
    switch (st) {
    case WX_OK: return "success";
    case WX_EOF: return "end of input";
    case WX_ENOMEM: return "out of memory";
    case WX_EIO: return "input/output error";
    case WX_EINVAL: return "invalid argument";
    case WX_ETOOBIG: return "input too large";
    case WX_EFORMAT: return "malformed input";
    case WX_ENOTEXT: return "no article text";
    case WX_ENOTFOUND: return "not found";
    case WX_EQUERY: return "malformed query";
    case WX_EDB: return "database error";
    case WX_ELOCKED: return "database is locked";
    case WX_EMODIFIED: return "database modified during read";
    case WX_ETIMEOUT: return "time limit exceeded";
    case WX_EINTERNAL: return "internal error";
    case WX_STATUS_COUNT: break;
    }
    return "unknown status";
}

wx_status wx_err_set(wx_err *err, wx_status st, const char *fmt, ...)
{
    if (err == NULL)
        return st;
    err->code = st;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        err->msg[0] = '\0';
    return st;
}

void wx_err_clear(wx_err *err)
{
    if (err == NULL)
        return;
    err->code = WX_OK;
    err->msg[0] = '\0';
}
