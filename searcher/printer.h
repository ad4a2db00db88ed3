/*
 * Output media for search results behind one small vtable: a printer
 * renders a wx_search_result into a bounded buffer, hit by hit and facet
 * by facet, and the front end writes the buffer where it wants (stdout,
 * a CGI response). Adding a format is one printer_<name>.c and one row
 * in wx_printer_find(). Not the search: printers only format.
 */
#ifndef WX_PRINTER_H
#define WX_PRINTER_H

#include "search.h"
#include "wx_buf.h"
#include "wx_status.h"

#include <stdbool.h>

/* How to render, beyond the format itself. */
typedef struct wx_print_opts {
    bool color;         /* ANSI bold/colour (text printer only) */
    bool count_only;    /* just the number of matches (text) */
} wx_print_opts;

typedef struct wx_printer wx_printer;

/*
 * One output format. Every call appends to p->out; the buffer's status
 * is sticky, so the driver checks once at the end. begin sees the whole
 * result first (counts, suggestion), then each hit in rank order, then
 * each facet, then end.
 */
typedef struct wx_printer_ops {
    const char *name;   /* "text", "json", "jsonl", "csv" */
    wx_status (*begin)(wx_printer *p, const wx_search_result *r);
    wx_status (*hit)(wx_printer *p, const wx_search_hit *h);
    wx_status (*facet)(wx_printer *p, const wx_search_facet *f);
    wx_status (*end)(wx_printer *p, const wx_search_result *r);
    void (*cleanup)(wx_printer *p);  /* free priv; NULL-safe on priv */
} wx_printer_ops;

struct wx_printer {
    const wx_printer_ops *ops;
    wx_print_opts opts;
    wx_buf *out;        /* not owned */
    void *priv;         /* the format's own state */
};

extern const wx_printer_ops wx_printer_text_ops;
extern const wx_printer_ops wx_printer_json_ops;
extern const wx_printer_ops wx_printer_jsonl_ops;  /* one hit a line */
extern const wx_printer_ops wx_printer_csv_ops;    /* RFC 4180 rows */

/* The printer named name ("text", "json", "jsonl", "csv"), or NULL. */
const wx_printer_ops *wx_printer_find(const char *name);

/*
 * Render r with ops into out (appended). WX_ENOMEM or WX_ETOOBIG from
 * the buffer, with a message in err; WX_EINTERNAL when a JSON value
 * cannot be built.
 */
wx_status wx_printer_render(const wx_printer_ops *ops,
                            const wx_print_opts *opts,
                            const wx_search_result *r, wx_buf *out,
                            wx_err *err);

/*
 * The JSON contract (issue 3) of r as one compact JSON document plus a
 * newline, appended to out: what --json prints and the CGI serves.
 */
wx_status wx_printer_json(const wx_search_result *r, wx_buf *out,
                          wx_err *err);

#endif
