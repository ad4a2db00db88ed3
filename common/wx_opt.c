/*
 * Option-value parsing and usage errors for the command-line fronts.
 */
#include "wx_opt.h"
#include "wx_exit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

bool wx_opt_num(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

int wx_opt_usage(const char *prog, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry '%s --help'.\n", prog);
    return WX_EXIT_USAGE;
}
