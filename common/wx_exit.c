/*
 * Mapping from library status to process exit code, and the final check
 * of stdout that turns a lost write into a failure instead of silence.
 */
#include "wx_exit.h"
#include "wx_log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int wx_exit_from_status(wx_status st)
{
    switch (st) {
    case WX_OK:
    case WX_EOF:
        return WX_EXIT_OK;
    case WX_EINVAL:
    case WX_EQUERY:
    case WX_ETOOBIG:
        return WX_EXIT_USAGE;
    case WX_EFORMAT:
        return WX_EXIT_PARTIAL;
    case WX_ENOTEXT:
        return WX_EXIT_OK;
    case WX_ENOMEM:
    case WX_EIO:
    case WX_ENOTFOUND:
    case WX_EDB:
    case WX_ELOCKED:
    case WX_EMODIFIED:
    case WX_ETIMEOUT:
    case WX_EINTERNAL:
    case WX_STATUS_COUNT:
        break;
    }
    return WX_EXIT_FATAL;
}

int wx_exit_close_stdout(int code)
{
    int bad = ferror(stdout);
    if (fclose(stdout) != 0)
        bad = 1;
    if (bad) {
        wx_errorf("error writing to standard output: %s",
                  errno ? strerror(errno) : "write failed");
        return WX_EXIT_FATAL;
    }
    return code;
}
