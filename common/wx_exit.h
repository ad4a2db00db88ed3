/*
 * Process exit codes, the contract with scripts (README "Exit status").
 */
#ifndef WX_EXIT_H
#define WX_EXIT_H

#include "wx_status.h"

enum {
    WX_EXIT_OK = 0,      /* everything done */
    WX_EXIT_FATAL = 1,   /* could not do the job: I/O, database, bug */
    WX_EXIT_USAGE = 2,   /* bad options or a malformed query */
    WX_EXIT_PARTIAL = 3  /* finished, but some records were skipped */
};

/* The exit code a front end uses for a status from the library. */
int wx_exit_from_status(wx_status st);

/*
 * Flush and close stdout; a full disk or a closed pipe becomes an error
 * message on stderr and WX_EXIT_FATAL. Returns code unchanged otherwise.
 */
int wx_exit_close_stdout(int code);

#endif
