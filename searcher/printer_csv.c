/*
 * CSV for spreadsheets (RFC 4180): a header row, then one row per hit
 * with rank, id, date, agency, dateline, title, topics, places, score
 * and the plain snippet; lists joined by "; ". Every field goes through
 * wx_escape_csv (quoted, formula characters neutralised); rows end in
 * CRLF. Counts, facets and the histogram are not part of it: the JSON
 * carries those.
 */
#include "printer.h"

#include "snippet.h"
#include "wx_escape.h"

#include <stdio.h>
#include <string.h>

static void cell(wx_buf *b, const char *s, bool last)
{
    wx_escape_csv(s ? s : "", s ? strlen(s) : 0, b);
    wx_buf_puts(b, last ? "\r\n" : ",");
}

static void list_cell(wx_buf *b, const wx_strlist *l)
{
    wx_buf joined;
    wx_buf_init(&joined, b->max);
    for (size_t i = 0; i < l->n; i++) {
        if (i > 0)
            wx_buf_puts(&joined, "; ");
        wx_buf_puts(&joined, l->v[i]);
    }
    if (joined.st != WX_OK)
        b->st = joined.st;
    else
        cell(b, wx_buf_str(&joined), false);
    wx_buf_free(&joined);
}

static wx_status csv_begin(wx_printer *p, const wx_search_result *r)
{
    (void)r;
    wx_buf_puts(p->out, "rank,id,date,agency,dateline,title,topics,places,"
                        "score,snippet\r\n");
    return p->out->st;
}

static wx_status csv_hit(wx_printer *p, const wx_search_hit *h)
{
    wx_buf *b = p->out;
    char num[32];
    snprintf(num, sizeof num, "%u", h->rank);
    cell(b, num, false);
    cell(b, h->id, false);
    cell(b, h->date, false);
    cell(b, h->agency, false);
    cell(b, h->dateline, false);
    cell(b, h->title, false);
    list_cell(b, &h->topics);
    list_cell(b, &h->places);
    snprintf(num, sizeof num, "%.3f", h->score);
    cell(b, num, false);
    wx_buf plain;
    wx_buf_init(&plain, b->max);
    if (h->snippet != NULL)
        wx_snippet_render(h->snippet, WX_MEDIUM_PLAIN, &plain);
    if (plain.st != WX_OK)
        b->st = plain.st;
    else
        cell(b, wx_buf_str(&plain), true);
    wx_buf_free(&plain);
    return b->st;
}

static wx_status csv_facet(wx_printer *p, const wx_search_facet *f)
{
    (void)f;
    return p->out->st;
}

static wx_status csv_end(wx_printer *p, const wx_search_result *r)
{
    (void)r;
    return p->out->st;
}

const wx_printer_ops wx_printer_csv_ops = {
    .name = "csv",
    .begin = csv_begin,
    .hit = csv_hit,
    .facet = csv_facet,
    .end = csv_end,
    .cleanup = NULL,
};
