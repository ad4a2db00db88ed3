/*
 * One place for the wording of diagnostics on stderr: every line starts
 * with the program name ("wiredex-index: warning: ..."). Not for output
 * that scripts read; that goes to stdout through the printers.
 */
#ifndef WX_LOG_H
#define WX_LOG_H

#include <stdbool.h>

/* Set once from main(); the string must outlive all logging. */
void wx_log_init(const char *progname);

/* With quiet on, notes are dropped; warnings and errors still print. */
void wx_log_set_quiet(bool quiet);

#if defined(__GNUC__)
#define WX_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define WX_PRINTF(a, b)
#endif

void wx_errorf(const char *fmt, ...) WX_PRINTF(1, 2);
void wx_warnf(const char *fmt, ...) WX_PRINTF(1, 2);
void wx_notef(const char *fmt, ...) WX_PRINTF(1, 2);

#endif
