/*
 * Human output for a terminal or a pipe: a summary line, then per hit
 * its rank and title, a line of date, agency, dateline and id, and the
 * snippet; facets last. Everything from the index passes through the
 * terminal escaper, so article text cannot drive the terminal; colour
 * (bold titles, highlighted matches) only when opts.color is set.
 */
#include "printer.h"

#include "snippet.h"
#include "wx_escape.h"

#include <inttypes.h>
#include <string.h>

#define BOLD "\x1b[1m"
#define DIM "\x1b[2m"
#define RESET "\x1b[0m"

static void put_term(wx_buf *b, const char *s)
{
    if (s != NULL)
        wx_escape_term(s, strlen(s), 0, b);
}

static void on(wx_printer *p, const char *seq)
{
    if (p->opts.color)
        wx_buf_puts(p->out, seq);
}

static wx_status text_begin(wx_printer *p, const wx_search_result *r)
{
    wx_buf *b = p->out;
    if (p->opts.count_only) {
        wx_buf_printf(b, "%" PRIu64 "\n", r->total);
        return b->st;
    }
    if (r->total == 0) {
        wx_buf_puts(b, "No matches");
    } else {
        wx_buf_printf(b, "%s%" PRIu64 " match%s", r->total_exact ? ""
                      : "About ", r->total, r->total == 1 ? "" : "es");
    }
    if (r->query != NULL && r->query[0] != '\0') {
        wx_buf_puts(b, " for \"");
        put_term(b, r->query);
        wx_buf_putc(b, '"');
    }
    wx_buf_printf(b, " (%.1f ms)", r->elapsed_ms);
    if (r->nhits > 0)
        wx_buf_printf(b, "; showing %u-%zu", r->offset + 1,
                      (size_t)r->offset + r->nhits);
    else if (r->total > 0 && r->limit > 0)
        wx_buf_printf(b, "; none from %u on: past the end, the last is "
                      "%s%" PRIu64, r->offset + 1,
                      r->total_exact ? "" : "about ", r->total);
    wx_buf_puts(b, ".\n");
    if (r->suggestion != NULL) {
        wx_buf_puts(b, "Did you mean \"");
        on(p, BOLD);
        put_term(b, r->suggestion);
        on(p, RESET);
        wx_buf_puts(b, "\"?\n");
    }
    return b->st;
}

static wx_status text_hit(wx_printer *p, const wx_search_hit *h)
{
    wx_buf *b = p->out;
    if (p->opts.count_only)
        return b->st;
    wx_buf_printf(b, "\n%3u. ", h->rank);
    on(p, BOLD);
    put_term(b, h->title ? h->title : "(no title)");
    on(p, RESET);
    wx_buf_puts(b, "\n     ");
    on(p, DIM);
    const char *parts[] = {h->date, h->agency, h->dateline};
    bool first = true;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (parts[i] == NULL)
            continue;
        if (!first)
            wx_buf_puts(b, "  ");
        put_term(b, parts[i]);
        first = false;
    }
    if (h->id != NULL) {
        wx_buf_puts(b, first ? "[" : "  [");
        put_term(b, h->id);
        wx_buf_putc(b, ']');
    }
    on(p, RESET);
    wx_buf_putc(b, '\n');
    if (h->snippet != NULL && h->snippet[0] != '\0') {
        wx_buf_puts(b, "     ");
        if (p->opts.color) {
            wx_snippet_render(h->snippet, WX_MEDIUM_ANSI, b);
        } else {
            /* Plain strips the markers; the terminal escaper then makes
             * sure nothing else in it can reach the terminal. */
            wx_buf plain;
            wx_buf_init(&plain, b->max);
            wx_snippet_render(h->snippet, WX_MEDIUM_PLAIN, &plain);
            if (plain.st != WX_OK)
                b->st = plain.st;
            else
                wx_escape_term(plain.data ? plain.data : "", plain.len, 0,
                               b);
            wx_buf_free(&plain);
        }
        wx_buf_putc(b, '\n');
    }
    return b->st;
}

static wx_status text_facet(wx_printer *p, const wx_search_facet *f)
{
    wx_buf *b = p->out;
    if (p->opts.count_only)
        return b->st;
    wx_buf_puts(b, "\n");
    on(p, BOLD);
    wx_buf_printf(b, "%s:", f->name);
    on(p, RESET);
    if (f->n == 0)
        wx_buf_puts(b, " (none)");
    wx_buf_putc(b, '\n');
    for (size_t i = 0; i < f->n; i++) {
        wx_buf_printf(b, "  %8" PRIu64 "  ", f->values[i].count);
        put_term(b, f->values[i].value);
        wx_buf_putc(b, '\n');
    }
    return b->st;
}

/* Width of the longest histogram bar, in characters. */
enum { BAR_MAX = 40 };

static wx_status text_end(wx_printer *p, const wx_search_result *r)
{
    wx_buf *b = p->out;
    if (p->opts.count_only || r->histogram == WX_HIST_NONE)
        return b->st;
    wx_buf_puts(b, "\n");
    on(p, BOLD);
    wx_buf_printf(b, "%s:", wx_search_hist_name(r->histogram));
    on(p, RESET);
    if (r->nbins == 0)
        wx_buf_puts(b, " (none)");
    wx_buf_putc(b, '\n');
    uint64_t top = 1;
    for (size_t i = 0; i < r->nbins; i++)
        if (r->bins[i].count > top)
            top = r->bins[i].count;
    for (size_t i = 0; i < r->nbins; i++) {
        uint64_t c = r->bins[i].count;
        /* Every period with articles shows at least one mark. */
        unsigned w = (unsigned)((c * BAR_MAX + top - 1) / top);
        wx_buf_printf(b, "  %-10s %8" PRIu64 "  ", r->bins[i].date, c);
        for (unsigned k = 0; k < w; k++)
            wx_buf_putc(b, '#');
        wx_buf_putc(b, '\n');
    }
    return b->st;
}

const wx_printer_ops wx_printer_text_ops = {
    .name = "text",
    .begin = text_begin,
    .hit = text_hit,
    .facet = text_facet,
    .end = text_end,
    .cleanup = NULL,
};
