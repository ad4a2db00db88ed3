/*
 * Small helpers shared by the command-line fronts for option values and
 * usage errors, so both binaries parse numbers and word their complaints
 * the same way. Not an option parser: the fronts use getopt_long.
 */
#ifndef WX_OPT_H
#define WX_OPT_H

#include <stdbool.h>

/* Parse all of s as a decimal number in [lo, hi] into *out. False (and
 * *out untouched) for anything else: empty, trailing junk, overflow. */
bool wx_opt_num(const char *s, long lo, long hi, long *out);

/*
 * Print "PROG: <fmt with arg>" and a hint to run PROG --help on stderr;
 * returns WX_EXIT_USAGE, for `return wx_opt_usage(...)` in main().
 */
int wx_opt_usage(const char *prog, const char *fmt, const char *arg);

#endif
