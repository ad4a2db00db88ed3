/*
 * stderr diagnostics with a program-name prefix. The state is two
 * process-wide settings made once at start-up, never query state.
 */
#include "wx_log.h"

#include <stdarg.h>
#include <stdio.h>

static const char *progname = "wiredex";
static bool quiet;

void wx_log_init(const char *name)
{
    if (name != NULL)
        progname = name;
}

void wx_log_set_quiet(bool q)
{
    quiet = q;
}

static void vlog(const char *level, const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: %s", progname, level);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void wx_errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog("error: ", fmt, ap);
    va_end(ap);
}

void wx_warnf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog("warning: ", fmt, ap);
    va_end(ap);
}

void wx_notef(const char *fmt, ...)
{
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vlog("", fmt, ap);
    va_end(ap);
}
