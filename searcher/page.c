/*
 * HTML rendering of the web front. Every string from the index or the
 * request goes through wx_escape_html (text and double-quoted
 * attributes) or, in links, wx_escape_url and then wx_escape_html; the
 * snippet goes through the same renderer as the JSON "snippet_html".
 * Builders append to one wx_buf and check its sticky status at the end.
 */
#include "page.h"

#include "snippet.h"
#include "wx_escape.h"
#include "wx_limits.h"
#include "wx_schema.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A link is at most every parameter of a bounded query string, each
 * percent-encoded (3 bytes per byte) plus names. */
enum { LINK_MAX = 4 * WX_MAX_CGI_BYTES + 4 * WX_MAX_QUERY_BYTES + 1024 };

/* Page numbers shown either side of the current one. */
enum { PAGER_SPAN = 2 };

/* The facets of the sidebar, in order. */
static const wx_field side_facets[] = {WX_FIELD_AGENCY, WX_FIELD_DATELINE,
                                       WX_FIELD_TOPIC, WX_FIELD_PLACE,
                                       WX_FIELD_YEAR, WX_FIELD_MONTH};

/* Values of a facet shown before its "more..." fold. */
enum { FACET_SHOWN = 5 };

/* Bars of the histogram: months spanning more than this many are drawn
 * as years; at most HIST_SLOTS periods are laid out on a time axis
 * (empty periods as gaps), more side by side. */
enum { HIST_MONTHS_MAX = 60, HIST_SLOTS = 240 };

static const char css[] =
    ":root{--bg:#f5f6f8;--fg:#1c2230;--muted:#5a6374;--card:#fff;"
    "--line:#dfe3e9;--accent:#0a58a8;--on-accent:#fff;--mark:#ffe17a;"
    "--chip:#e7effa;--focus:#e07b00;--bad:#b3261e}"
    "@media (prefers-color-scheme:dark){:root{--bg:#11151b;--fg:#e5e8ee;"
    "--muted:#9aa3b3;--card:#1a1f28;--line:#2b3340;--accent:#7ab1ff;"
    "--on-accent:#0b1220;--mark:#806200;--chip:#1e2b40;--focus:#ffb454;"
    "--bad:#ff8a80}}"
    "*{box-sizing:border-box}"
    "html{-webkit-text-size-adjust:100%}"
    "body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 "
    "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,"
    "sans-serif}"
    "a{color:var(--accent)}"
    "a:focus-visible,button:focus-visible,input:focus-visible,"
    "select:focus-visible,summary:focus-visible{outline:3px solid "
    "var(--focus);outline-offset:2px;border-radius:.25rem}"
    ".skip{position:absolute;left:-9999px;top:.5rem;z-index:9;"
    "background:var(--card);padding:.5rem 1rem;border-radius:.5rem}"
    ".skip:focus{left:.5rem}"
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip:rect(0 0 0 0);white-space:nowrap}"
    "header.top{background:var(--card);border-bottom:1px solid "
    "var(--line)}"
    ".bar{max-width:1120px;margin:0 auto;padding:.8rem 1rem;display:flex;"
    "flex-wrap:wrap;gap:.6rem 1.25rem;align-items:center}"
    ".brand{font-weight:800;font-size:1.3rem;letter-spacing:-.02em;"
    "text-decoration:none;color:var(--fg)}"
    ".brand span{color:var(--accent)}"
    "form.search{flex:1 1 26rem;display:flex;flex-wrap:wrap;gap:.5rem}"
    "form.search input[type=search]{flex:1 1 14rem;min-width:0;"
    "font:inherit;padding:.6rem .85rem;border:1px solid var(--line);"
    "border-radius:.6rem;background:var(--bg);color:var(--fg)}"
    "form.search select,form.search button{font:inherit;border-radius:"
    ".6rem;padding:.55rem .8rem}"
    "form.search select{border:1px solid var(--line);background:"
    "var(--card);color:var(--fg)}"
    "form.search button{border:0;font-weight:600;background:var(--accent);"
    "color:var(--on-accent);cursor:pointer;padding:.6rem 1.2rem}"
    ".wrap{max-width:1120px;margin:0 auto;padding:1.25rem 1rem;"
    "display:grid;grid-template-columns:15rem minmax(0,1fr);"
    "grid-template-areas:\"side main\";gap:1.5rem;align-items:start}"
    ".wrap.single{grid-template-columns:minmax(0,1fr);"
    "grid-template-areas:\"main\"}"
    "main{grid-area:main;min-width:0}aside{grid-area:side;min-width:0}"
    ".refine{display:none;grid-area:refine}"
    "@media (max-width:760px){.wrap{grid-template-columns:minmax(0,1fr);"
    "grid-template-areas:\"refine\" \"main\"}aside{display:none}"
    ".refine{display:block}}"
    ".refine>summary{font-weight:700;cursor:pointer;background:var(--card);"
    "border:1px solid var(--line);border-radius:.8rem;padding:.5rem .8rem;"
    "margin:0 0 .6rem}"
    ".facet details.more summary{font-weight:400;text-transform:none;"
    "letter-spacing:0;color:var(--accent);font-size:.875rem}"
    ".hist{background:var(--card);border:1px solid var(--line);"
    "border-radius:.8rem;padding:.6rem .8rem;margin:0 0 1rem}"
    ".hist svg{display:block;width:100%;height:5rem}"
    ".hist rect{fill:var(--accent)}.hist a:hover rect,.hist a:focus rect"
    "{fill:var(--focus)}"
    ".hist .axis{display:flex;justify-content:space-between;color:"
    "var(--muted);font-size:.75rem}"
    ".export{color:var(--muted);font-size:.875rem;margin:-.6rem 0 1rem}"
    "form.search .dates{display:flex;gap:.4rem;align-items:center;"
    "font-size:.875rem;color:var(--muted)}"
    "form.search .dates input{font:inherit;width:7.5rem;padding:.45rem "
    ".5rem;border:1px solid var(--line);border-radius:.5rem;background:"
    "var(--bg);color:var(--fg)}"
    ".summary{color:var(--muted);margin:0 0 1rem}"
    ".summary strong{color:var(--fg)}"
    ".hits{list-style:none;margin:0;padding:0}"
    ".hit{background:var(--card);border:1px solid var(--line);"
    "border-radius:.8rem;padding:1rem 1.15rem;margin:0 0 .8rem}"
    ".hit h2{font-size:1.1rem;line-height:1.35;margin:0 0 .3rem}"
    ".hit h2 a{text-decoration:none}.hit h2 a:hover{text-decoration:"
    "underline}"
    ".untitled{font-style:italic}"
    ".meta{color:var(--muted);font-size:.875rem;margin:0 0 .45rem}"
    ".meta .agency{font-weight:600;color:var(--fg)}"
    ".meta span+span:before{content:\"\\00B7\";margin:0 .45em}"
    ".snippet{margin:0;overflow-wrap:anywhere}"
    "mark{background:var(--mark);color:inherit;border-radius:.2em;"
    "padding:0 .12em}"
    ".tags{display:flex;flex-wrap:wrap;gap:.35rem;list-style:none;"
    "margin:.6rem 0 0;padding:0}"
    ".tags a,.tags span{display:inline-block;font-size:.75rem;"
    "background:var(--chip);border-radius:999px;padding:.1rem .6rem;"
    "color:var(--fg);text-decoration:none}"
    ".tags a:hover{text-decoration:underline}"
    ".facet{background:var(--card);border:1px solid var(--line);"
    "border-radius:.8rem;padding:.4rem .8rem;margin:0 0 .8rem}"
    ".facet summary{font-weight:700;cursor:pointer;padding:.3rem 0;"
    "font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;"
    "color:var(--muted)}"
    ".facet ul{list-style:none;margin:0 0 .3rem;padding:0}"
    ".facet a{display:flex;justify-content:space-between;gap:.6rem;"
    "padding:.25rem .45rem;margin:0 -.45rem;border-radius:.4rem;"
    "text-decoration:none;color:var(--fg);overflow-wrap:anywhere}"
    ".facet a:hover{background:var(--chip)}"
    ".facet a[aria-current]{background:var(--chip);font-weight:600}"
    ".facet a[aria-current] .v:before{content:\"\\2713\\00A0\"}"
    ".count{color:var(--muted);font-variant-numeric:tabular-nums}"
    ".chips{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;"
    "margin:0 0 1rem;padding:0;align-items:center}"
    ".chips a{display:inline-block;background:var(--chip);color:"
    "var(--fg);text-decoration:none;border-radius:999px;padding:.2rem "
    ".4rem .2rem .8rem;font-size:.875rem}"
    ".chips a:hover{text-decoration:line-through}"
    ".chips .x{display:inline-block;margin-left:.35rem;width:1.3rem;"
    "height:1.3rem;line-height:1.3rem;text-align:center;border-radius:50%;"
    "background:var(--card)}"
    ".suggest,.notice{background:var(--card);border:1px solid var(--line);"
    "border-left:4px solid var(--accent);border-radius:.5rem;"
    "padding:.75rem 1rem;margin:0 0 1rem}"
    ".notice.error{border-left-color:var(--bad)}"
    ".notice h1,.notice h2{font-size:1.15rem;margin:0 0 .4rem}"
    ".notice ul{margin:.4rem 0 0;padding-left:1.2rem}"
    ".pager{display:flex;flex-wrap:wrap;gap:.4rem;margin:1.25rem 0;"
    "list-style:none;padding:0}"
    ".pager a,.pager span{display:inline-block;min-width:2.6rem;"
    "text-align:center;padding:.45rem .75rem;border:1px solid "
    "var(--line);border-radius:.55rem;background:var(--card);"
    "text-decoration:none}"
    ".pager [aria-current]{background:var(--accent);color:"
    "var(--on-accent);border-color:var(--accent);font-weight:600}"
    ".pager .gap{border:0;background:none;min-width:1rem}"
    "article.full{background:var(--card);border:1px solid var(--line);"
    "border-radius:.8rem;padding:1.25rem 1.5rem;max-width:46rem}"
    "article.full h1{font-size:1.6rem;line-height:1.25;margin:0 0 .5rem}"
    "article.full .body p{margin:0 0 .9rem;overflow-wrap:anywhere}"
    "dl.fields{display:grid;grid-template-columns:max-content "
    "minmax(0,1fr);gap:.25rem 1rem;font-size:.875rem;margin:1.25rem 0 0;"
    "padding-top:1rem;border-top:1px solid var(--line)}"
    "dl.fields dt{color:var(--muted)}dl.fields dd{margin:0;"
    "overflow-wrap:anywhere}"
    ".back{display:inline-block;margin:0 0 1rem}"
    ".tips code{background:var(--chip);border-radius:.3rem;"
    "padding:.05rem .35rem}"
    ".tips li{margin:.3rem 0}"
    "footer{max-width:1120px;margin:0 auto;padding:1rem;color:"
    "var(--muted);font-size:.8rem}";

/* ---- small writers ---- */

static void put(wx_buf *b, const char *s)
{
    wx_buf_puts(b, s);
}

/* Escaped text or double-quoted attribute value. */
static void text(wx_buf *b, const char *s)
{
    if (s != NULL)
        wx_escape_html(s, strlen(s), b);
}

static void put_count(wx_buf *b, unsigned long long v)
{
    /* Thousands separated by commas: 1,234,567. */
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", v);
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            wx_buf_putc(b, ',');
        wx_buf_putc(b, digits[i]);
    }
}

/* "20 Jul 2021" for an ISO date; other text is shown as it is. */
static void put_date(wx_buf *b, const char *iso)
{
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May",
                                      "Jun", "Jul", "Aug", "Sep", "Oct",
                                      "Nov", "Dec"};
    size_t n = iso ? strlen(iso) : 0;
    bool ok = n >= 10 && iso[4] == '-' && iso[7] == '-';
    for (size_t i = 0; ok && i < 10; i++)
        if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
            ok = false;
    int m = ok ? (iso[5] - '0') * 10 + (iso[6] - '0') : 0;
    int d = ok ? (iso[8] - '0') * 10 + (iso[9] - '0') : 0;
    if (!ok || m < 1 || m > 12 || d < 1) {
        text(b, iso);
        return;
    }
    put(b, "<time datetime=\"");
    wx_buf_append(b, iso, 10);
    wx_buf_printf(b, "\">%d %s ", d, mon[m - 1]);
    wx_buf_append(b, iso, 4);
    put(b, "</time>");
}

static const char *field_name(wx_field f)
{
    return wx_schema_get(f)->name;
}

/* "Agency" for "agency". */
static void put_label(wx_buf *b, const char *name)
{
    if (name[0] >= 'a' && name[0] <= 'z') {
        wx_buf_putc(b, (char)(name[0] - 'a' + 'A'));
        name++;
    }
    text(b, name);
}

/* ---- links ---- */

/* What a link changes in the current request. */
typedef struct edit {
    const char *query;      /* replacement query, or NULL to keep */
    int drop;               /* filter index to leave out, or -1 */
    bool add;               /* add (add_field, add_value) */
    wx_field add_field;
    const char *add_value;
    bool drop_dates;        /* leave out from and to */
    bool set_dates;         /* from and to become from, to */
    const char *from;
    const char *to;
    const char *format;     /* format=...: an export of the results */
    unsigned page;          /* 1-based page; 0 or 1 for the first */
    const char *show;       /* an article id: a link to its text */
    const char *like;       /* an article id: articles like it */
} edit;

static const edit keep = {.drop = -1};

static void url_param(wx_buf *u, const char *name, const char *value)
{
    if (value == NULL || *value == '\0')
        return;
    if (u->len > 1)   /* the buffer starts with '?' */
        wx_buf_putc(u, '&');
    wx_buf_puts(u, name);
    wx_buf_putc(u, '=');
    wx_escape_url(value, strlen(value), u);
}

static const char *sort_param(wx_search_sort s)
{
    switch (s) {
    case WX_SEARCH_SORT_RELEVANCE: return "relevance";
    case WX_SEARCH_SORT_DATE: return "date";
    case WX_SEARCH_SORT_DATE_DESC: return "-date";
    case WX_SEARCH_SORT_AUTO: break;
    }
    return NULL;
}

/* An href value (escaped for a double-quoted attribute): the request rq
 * (may be NULL) with the changes in e. */
static void put_href(wx_buf *b, const wx_search_request *rq, const edit *e)
{
    wx_buf u;
    wx_buf_init(&u, LINK_MAX);
    wx_buf_putc(&u, '?');
    url_param(&u, "show", e->show);
    /* A "more like" link replaces the query; other links keep one. */
    url_param(&u, "like", e->like ? e->like
                          : rq != NULL && e->query == NULL ? rq->like
                                                           : NULL);
    if (rq != NULL && e->like == NULL) {
        url_param(&u, "q", e->query ? e->query : rq->query);
        if (rq->match != 0)
            url_param(&u, "match", wx_search_match_name(rq->match));
        if (rq->syntax != 0)
            url_param(&u, "syntax", wx_search_syntax_name(rq->syntax));
    }
    if (rq != NULL) {
        for (size_t i = 0; i < rq->nfilters; i++)
            if ((int)i != e->drop)
                url_param(&u, field_name(rq->filters[i].field),
                          rq->filters[i].value);
    } else if (e->query != NULL) {
        url_param(&u, "q", e->query);
    }
    if (e->add)
        url_param(&u, field_name(e->add_field), e->add_value);
    if (e->set_dates) {
        url_param(&u, "from", e->from);
        url_param(&u, "to", e->to);
    } else if (rq != NULL && !e->drop_dates) {
        url_param(&u, "from", rq->date_from);
        url_param(&u, "to", rq->date_to);
    }
    if (rq != NULL) {
        url_param(&u, "sort", sort_param(rq->sort));
        if (rq->limit != WX_DEFAULT_LIMIT && rq->limit > 0) {
            char n[16];
            snprintf(n, sizeof n, "%u", rq->limit);
            url_param(&u, "n", n);
        }
    }
    if (e->page > 1) {
        char p[16];
        snprintf(p, sizeof p, "%u", e->page);
        url_param(&u, "page", p);
    }
    url_param(&u, "format", e->format);
    if (u.st == WX_OK)
        wx_escape_html(u.data, u.len, b);
    else if (b->st == WX_OK)
        b->st = u.st;
    wx_buf_free(&u);
}

/* ---- page frame ---- */

static void put_head(wx_buf *b, const wx_search_request *rq,
                     const char *title)
{
    put(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
           "<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\">\n"
           "<meta name=\"referrer\" content=\"no-referrer\">\n"
           "<meta name=\"color-scheme\" content=\"light dark\">\n<title>");
    if (title != NULL && *title != '\0') {
        text(b, title);
        put(b, " \xE2\x80\x94 ");
    }
    put(b, "wiredex</title>\n<style>");
    put(b, css);
    put(b, "</style>\n</head>\n<body>\n"
           "<a class=\"skip\" href=\"#main\">Skip to results</a>\n"
           "<header class=\"top\"><div class=\"bar\">"
           "<a class=\"brand\" href=\"?\">wire<span>dex</span></a>\n"
           "<form class=\"search\" method=\"get\" role=\"search\">\n"
           "<label class=\"vh\" for=\"q\">Search the news archive</label>\n"
           "<input id=\"q\" name=\"q\" type=\"search\" "
           "placeholder=\"Search news wires\xE2\x80\xA6\" "
           "autocomplete=\"off\" value=\"");
    if (rq != NULL)
        text(b, rq->query);
    put(b, "\">\n");
    /* Active filters and dates ride along with a new query; they are
     * shown, and removable, as chips above the results. */
    for (size_t i = 0; rq != NULL && i < rq->nfilters; i++) {
        put(b, "<input type=\"hidden\" name=\"");
        text(b, field_name(rq->filters[i].field));
        put(b, "\" value=\"");
        text(b, rq->filters[i].value);
        put(b, "\">\n");
    }
    /* From and to, editable: YYYY, YYYY-MM or YYYY-MM-DD. */
    const char *dates[2][3] = {{"from", "From", rq ? rq->date_from : NULL},
                               {"to", "to", rq ? rq->date_to : NULL}};
    put(b, "<span class=\"dates\">");
    for (int i = 0; i < 2; i++) {
        wx_buf_printf(b, "<label for=\"%s\">%s</label><input id=\"%s\" "
                      "name=\"%s\" placeholder=\"YYYY-MM-DD\" "
                      "inputmode=\"numeric\" maxlength=\"10\" value=\"",
                      dates[i][0], dates[i][1], dates[i][0], dates[i][0]);
        text(b, dates[i][2]);
        put(b, "\">");
    }
    put(b, "</span>\n");
    if (rq != NULL && rq->limit != WX_DEFAULT_LIMIT && rq->limit > 0)
        wx_buf_printf(b, "<input type=\"hidden\" name=\"n\" value=\"%u\">\n",
                      rq->limit);
    static const char *const sorts[][2] = {{"", "Best match"},
                                           {"-date", "Newest first"},
                                           {"date", "Oldest first"}};
    const char *cur = rq ? sort_param(rq->sort) : NULL;
    if (cur != NULL && strcmp(cur, "relevance") == 0)
        cur = NULL;
    put(b, "<label class=\"vh\" for=\"sort\">Order</label>\n"
           "<select id=\"sort\" name=\"sort\">");
    for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++) {
        bool sel = cur ? strcmp(cur, sorts[i][0]) == 0 : i == 0;
        wx_buf_printf(b, "<option value=\"%s\"%s>%s</option>", sorts[i][0],
                      sel ? " selected" : "", sorts[i][1]);
    }
    put(b, "</select>\n<button type=\"submit\">Search</button>\n"
           "</form></div></header>\n");
}

static void put_foot(wx_buf *b)
{
    put(b, "<footer>wiredex \xC2\xB7 full-text search of news-wire "
           "archives</footer>\n</body>\n</html>\n");
}

/* ---- results ---- */

static bool filter_active(const wx_search_request *rq, wx_field f,
                          const char *value, int *index)
{
    for (size_t i = 0; i < rq->nfilters; i++)
        if (rq->filters[i].field == f &&
            strcasecmp(rq->filters[i].value, value) == 0) {
            *index = (int)i;
            return true;
        }
    return false;
}

static void put_chips(wx_buf *b, const wx_search_request *rq)
{
    bool dates = (rq->date_from && *rq->date_from) ||
                 (rq->date_to && *rq->date_to);
    if (rq->nfilters == 0 && !dates)
        return;
    put(b, "<ul class=\"chips\" aria-label=\"Active filters\">\n");
    for (size_t i = 0; i < rq->nfilters; i++) {
        const char *name = field_name(rq->filters[i].field);
        edit e = keep;
        e.drop = (int)i;
        put(b, "<li><a href=\"");
        put_href(b, rq, &e);
        put(b, "\" aria-label=\"Remove filter ");
        text(b, name);
        put(b, ": ");
        text(b, rq->filters[i].value);
        put(b, "\">");
        put_label(b, name);
        put(b, ": <strong>");
        text(b, rq->filters[i].value);
        put(b, "</strong><span class=\"x\" aria-hidden=\"true\">"
               "\xC3\x97</span></a></li>\n");
    }
    if (dates) {
        edit e = keep;
        e.drop_dates = true;
        put(b, "<li><a href=\"");
        put_href(b, rq, &e);
        put(b, "\" aria-label=\"Remove date range\">Dates: <strong>");
        const char *open = "\xE2\x80\xA6"; /* an open end */
        text(b, rq->date_from && *rq->date_from ? rq->date_from : open);
        put(b, " \xE2\x80\x93 ");
        text(b, rq->date_to && *rq->date_to ? rq->date_to : open);
        put(b, "</strong><span class=\"x\" aria-hidden=\"true\">"
               "\xC3\x97</span></a></li>\n");
    }
    put(b, "</ul>\n");
}

static void put_hit(wx_buf *b, const wx_search_request *rq,
                    const wx_search_hit *h)
{
    edit e = keep;
    e.show = h->id;
    e.page = rq->limit ? rq->offset / rq->limit + 1 : 1;
    put(b, "<li class=\"hit\"><h2><a href=\"");
    put_href(b, rq, &e);
    put(b, "\">");
    if (h->title != NULL && *h->title != '\0')
        text(b, h->title);
    else
        put(b, "<span class=\"untitled\">Untitled report</span>");
    put(b, "</a></h2>\n<p class=\"meta\">");
    if (h->date) {
        put(b, "<span>");
        put_date(b, h->date);
        put(b, "</span>");
    }
    if (h->agency) {
        put(b, "<span class=\"agency\">");
        text(b, h->agency);
        put(b, "</span>");
    }
    if (h->dateline) {
        put(b, "<span>");
        text(b, h->dateline);
        put(b, "</span>");
    }
    if (h->id != NULL) {
        edit m = keep;
        m.like = h->id;
        put(b, "<span><a class=\"similar\" href=\"");
        put_href(b, rq, &m);
        put(b, "\">similar</a></span>");
    }
    put(b, "</p>\n");
    if (h->snippet != NULL && *h->snippet != '\0') {
        put(b, "<p class=\"snippet\">");
        wx_snippet_render(h->snippet, WX_MEDIUM_HTML, b);
        put(b, "</p>\n");
    }
    if (h->topics.n + h->places.n > 0) {
        /* Each tag is a link that adds it as a filter. */
        put(b, "<ul class=\"tags\" aria-label=\"Topics and places\">");
        const wx_strlist *lists[2] = {&h->topics, &h->places};
        const wx_field fields[2] = {WX_FIELD_TOPIC, WX_FIELD_PLACE};
        for (int l = 0; l < 2; l++)
            for (size_t i = 0; i < lists[l]->n; i++) {
                int at = -1;
                const char *v = lists[l]->v[i];
                if (filter_active(rq, fields[l], v, &at) ||
                    rq->nfilters >= WX_MAX_FILTERS) {
                    put(b, "<li><span>");
                    text(b, v);
                    put(b, "</span></li>");
                    continue;
                }
                edit t = keep;
                t.add = true;
                t.add_field = fields[l];
                t.add_value = v;
                put(b, "<li><a href=\"");
                put_href(b, rq, &t);
                put(b, "\" title=\"Only ");
                text(b, field_name(fields[l]));
                put(b, ": ");
                text(b, v);
                put(b, "\">");
                text(b, v);
                put(b, "</a></li>");
            }
        put(b, "</ul>\n");
    }
    put(b, "</li>\n");
}

static const wx_search_facet *find_facet(const wx_search_result *r,
                                         wx_field f)
{
    for (size_t i = 0; i < r->nfacets; i++)
        if (r->facets[i].field == f)
            return &r->facets[i];
    return NULL;
}

static void put_facet_value(wx_buf *b, const wx_search_request *rq,
                            const wx_search_facet *f,
                            const wx_search_facet_value *v)
{
    int at = -1;
    bool on = filter_active(rq, f->field, v->value, &at);
    edit e = keep;
    if (!on && rq->nfilters >= WX_MAX_FILTERS) {
        /* No room for one more filter: a count, not a link. */
        put(b, "<li><span class=\"v\">");
        text(b, v->value);
        put(b, "</span> <span class=\"count\">");
        put_count(b, v->count);
        put(b, "</span></li>\n");
        return;
    }
    if (on) {
        e.drop = at;
    } else {
        e.add = true;
        e.add_field = f->field;
        e.add_value = v->value;
    }
    put(b, "<li><a href=\"");
    put_href(b, rq, &e);
    put(b, on ? "\" aria-current=\"true\" title=\"Remove this filter\">"
              : "\">");
    put(b, "<span class=\"v\">");
    text(b, v->value);
    put(b, "</span><span class=\"count\">");
    put_count(b, v->count);
    put(b, "</span></a></li>\n");
}

static int by_value(const void *pa, const void *pb)
{
    const wx_search_facet_value *a = pa, *b = pb;
    return strcmp(a->value, b->value);
}

/*
 * The facet lists: the first FACET_SHOWN values of each, the rest folded
 * under "more"; months in date order. folded: every list closed (the
 * phone layout, where they come before the results).
 */
static void put_facet_lists(wx_buf *b, const wx_search_request *rq,
                            const wx_search_result *r, bool folded)
{
    for (size_t k = 0; k < sizeof side_facets / sizeof side_facets[0];
         k++) {
        const wx_search_facet *f = find_facet(r, side_facets[k]);
        if (f == NULL || f->n == 0)
            continue;
        wx_search_facet_value order[WX_MAX_FACET_LIMIT];
        size_t n = f->n < WX_MAX_FACET_LIMIT ? f->n : WX_MAX_FACET_LIMIT;
        memcpy(order, f->values, n * sizeof *order);
        if (f->field == WX_FIELD_MONTH)
            qsort(order, n, sizeof *order, by_value);
        put(b, folded ? "<details class=\"facet\"><summary>"
                      : "<details class=\"facet\" open><summary>");
        put_label(b, f->name);
        put(b, "</summary>\n<ul>\n");
        for (size_t i = 0; i < n && i < FACET_SHOWN; i++)
            put_facet_value(b, rq, f, &order[i]);
        put(b, "</ul>\n");
        if (n > FACET_SHOWN) {
            wx_buf_printf(b, "<details class=\"more\"><summary>more"
                          "\xE2\x80\xA6 (%zu)</summary>\n<ul>\n",
                          n - FACET_SHOWN);
            for (size_t i = FACET_SHOWN; i < n; i++)
                put_facet_value(b, rq, f, &order[i]);
            put(b, "</ul></details>\n");
        }
        put(b, "</details>\n");
    }
}

/* Beside the results on a wide screen; on a narrow one (CSS) a folded
 * "Refine" block before them instead. */
static void put_facets(wx_buf *b, const wx_search_request *rq,
                       const wx_search_result *r, bool phone)
{
    if (phone) {
        put(b, "<details class=\"refine\"><summary>Refine the results"
               "</summary>\n");
        put_facet_lists(b, rq, r, true);
        put(b, "</details>\n");
        return;
    }
    put(b, "<aside aria-label=\"Refine the results\">\n");
    put_facet_lists(b, rq, r, false);
    put(b, "</aside>\n");
}

/* The period of a histogram bin as a number on a time axis: years, or
 * months since year 0; -1 for days (laid out side by side). */
static long period_ordinal(const char *date)
{
    size_t n = strlen(date);
    long y = (date[0] - '0') * 1000L + (date[1] - '0') * 100L +
             (date[2] - '0') * 10L + (date[3] - '0');
    if (n == 4)
        return y;
    if (n == 7)
        return y * 12 + (date[5] - '0') * 10L + (date[6] - '0') - 1;
    return -1;
}

/*
 * The histogram as an inline SVG bar chart: one bar per period, each a
 * link to the results of that period alone (from = to = the period).
 * Months over more than five years are summed into years first.
 */
static void put_histogram(wx_buf *b, const wx_search_request *rq,
                          const wx_search_result *r)
{
    if (r->histogram == WX_HIST_NONE || r->nbins == 0)
        return;
    const wx_search_bin *bins = r->bins;
    size_t n = r->nbins;
    wx_search_bin years[HIST_SLOTS];
    long month_span = r->histogram == WX_HIST_MONTH
                          ? period_ordinal(bins[n - 1].date) -
                                period_ordinal(bins[0].date) + 1
                          : 0;
    if (r->histogram == WX_HIST_MONTH &&
        (n > HIST_MONTHS_MAX || month_span > HIST_MONTHS_MAX)) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (k > 0 && strncmp(years[k - 1].date, bins[i].date, 4) == 0) {
                years[k - 1].count += bins[i].count;
                continue;
            }
            if (k == HIST_SLOTS)
                break;  /* 240 years of months: the rest are not drawn */
            memcpy(years[k].date, bins[i].date, 4);
            years[k].date[4] = '\0';
            years[k].count = bins[i].count;
            k++;
        }
        bins = years;
        n = k;
    }
    uint64_t top = 1;
    for (size_t i = 0; i < n; i++)
        if (bins[i].count > top)
            top = bins[i].count;
    long first = period_ordinal(bins[0].date);
    long span = first < 0 ? -1 : period_ordinal(bins[n - 1].date) - first + 1;
    size_t slots = span > 0 && span <= HIST_SLOTS ? (size_t)span : n;
    enum { BAR = 10, HEIGHT = 100 };
    put(b, "<figure class=\"hist\"><svg role=\"img\" aria-label=\"Articles "
           "per period\" preserveAspectRatio=\"none\" ");
    wx_buf_printf(b, "viewBox=\"0 0 %zu %d\">\n", slots * BAR, HEIGHT);
    for (size_t i = 0; i < n; i++) {
        size_t at = slots == n ? i
                               : (size_t)(period_ordinal(bins[i].date) -
                                          first);
        unsigned h = (unsigned)((bins[i].count * HEIGHT + top - 1) / top);
        edit e = keep;
        e.set_dates = true;
        e.from = bins[i].date;
        e.to = bins[i].date;
        put(b, "<a href=\"");
        put_href(b, rq, &e);
        put(b, "\"><title>");
        text(b, bins[i].date);
        put(b, ": ");
        put_count(b, bins[i].count);
        put(b, bins[i].count == 1 ? " article" : " articles");
        wx_buf_printf(b, "</title><rect x=\"%zu\" y=\"%u\" width=\"%d\" "
                      "height=\"%u\"/></a>\n", at * BAR + 1, HEIGHT - h,
                      BAR - 2, h);
    }
    put(b, "</svg><figcaption class=\"axis\"><span>");
    text(b, bins[0].date);
    put(b, "</span><span>");
    text(b, bins[n - 1].date);
    put(b, "</span></figcaption></figure>\n");
}

/* Links to the same results as CSV, JSON and JSON Lines. */
static void put_exports(wx_buf *b, const wx_search_request *rq)
{
    static const char *const fmts[][2] = {
        {"csv", "CSV"}, {"json", "JSON"}, {"jsonl", "JSON Lines"}};
    put(b, "<p class=\"export\">These results as ");
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        edit e = keep;
        e.format = fmts[i][0];
        e.page = rq->limit ? rq->offset / rq->limit + 1 : 1;
        put(b, i == 0 ? "" : i + 1 == sizeof fmts / sizeof fmts[0]
                                 ? " or " : ", ");
        put(b, "<a href=\"");
        put_href(b, rq, &e);
        wx_buf_printf(b, "\">%s</a>", fmts[i][1]);
    }
    put(b, ".</p>\n");
}

static void put_page_link(wx_buf *b, const wx_search_request *rq,
                          unsigned page, const char *label,
                          const char *rel, bool current)
{
    if (current) {
        wx_buf_printf(b, "<li><span aria-current=\"page\">%u</span></li>",
                      page);
        return;
    }
    edit e = keep;
    e.page = page;
    put(b, "<li><a href=\"");
    put_href(b, rq, &e);
    put(b, "\"");
    if (rel != NULL)
        wx_buf_printf(b, " rel=\"%s\"", rel);
    if (label != NULL)
        wx_buf_printf(b, ">%s</a></li>", label);
    else
        wx_buf_printf(b, " aria-label=\"Page %u\">%u</a></li>", page, page);
}

/* The last page a link may lead to: within the total and within
 * WX_MAX_OFFSET (1 when there are no pages). */
static unsigned last_page(const wx_search_request *rq,
                          const wx_search_result *r)
{
    unsigned n = rq->limit;
    if (n == 0 || r->total == 0)
        return 1;
    unsigned long long total = r->total;
    unsigned long long reach = (unsigned long long)WX_MAX_OFFSET + n;
    if (total > reach)
        total = reach;
    unsigned last = (unsigned)((total + n - 1) / n);
    while (last > 1 && (unsigned long long)(last - 1) * n > WX_MAX_OFFSET)
        last--;
    return last;
}

/* Page links, only to pages that hold results: none on a page past the
 * end (put_past_end says so instead). */
static void put_pager(wx_buf *b, const wx_search_request *rq,
                      const wx_search_result *r)
{
    unsigned n = rq->limit;
    if (n == 0 || r->total <= n || r->nhits == 0)
        return;
    unsigned last = last_page(rq, r);
    unsigned cur = rq->offset / n + 1;
    put(b, "<nav aria-label=\"Pages\"><ul class=\"pager\">");
    if (cur > 1)
        put_page_link(b, rq, cur - 1, "\xE2\x80\xB9 Previous", "prev",
                      false);
    unsigned lo = cur > PAGER_SPAN ? cur - PAGER_SPAN : 1;
    unsigned hi = cur + PAGER_SPAN < last ? cur + PAGER_SPAN : last;
    if (lo > 1) {
        put_page_link(b, rq, 1, NULL, NULL, false);
        if (lo > 2)
            put(b, "<li><span class=\"gap\">\xE2\x80\xA6</span></li>");
    }
    for (unsigned p = lo; p <= hi; p++)
        put_page_link(b, rq, p, NULL, NULL, p == cur);
    if (hi < last) {
        if (hi + 1 < last)
            put(b, "<li><span class=\"gap\">\xE2\x80\xA6</span></li>");
        if (r->total_exact)
            put_page_link(b, rq, last, NULL, NULL, false);
    }
    if (cur < last)
        put_page_link(b, rq, cur + 1, "Next \xE2\x80\xBA", "next", false);
    put(b, "</ul></nav>\n");
}

static void put_suggestion(wx_buf *b, const wx_search_request *rq,
                           const wx_search_result *r)
{
    if (r->suggestion == NULL || *r->suggestion == '\0')
        return;
    edit e = keep;
    e.query = r->suggestion;
    put(b, "<p class=\"suggest\">Did you mean <a href=\"");
    put_href(b, rq, &e);
    put(b, "\"><strong>");
    text(b, r->suggestion);
    put(b, "</strong></a>?</p>\n");
}

/* One line on how the text was read and matched. */
static void put_match(wx_buf *b, const wx_search_result *r)
{
    const char *what = NULL;
    if (r->like != NULL) {
        put(b, "<p class=\"how\">Articles like <strong>");
        text(b, r->like);
        put(b, "</strong>, by its most telling words.</p>\n");
        return;
    }
    if (r->match == NULL)
        return;
    if (r->relaxed)
        what = "No article has all the words: these match most of them.";
    else if (strcmp(r->match, "all") == 0)
        what = r->words ? "Articles with all the words."
                        : "Read as query syntax; words must all match.";
    else if (strcmp(r->match, "any") == 0)
        what = r->words ? "Ranked by how well they match the words."
                        : "Read as query syntax; any word may match.";
    else
        what = "The query has no word to search for.";
    put(b, "<p class=\"how\">");
    text(b, what);
    put(b, "</p>\n");
}

static void put_empty(wx_buf *b, const wx_search_request *rq)
{
    put(b, "<div class=\"notice\" role=\"status\"><h2>No articles "
           "match");
    if (rq->query != NULL && *rq->query != '\0') {
        put(b, " \xE2\x80\x9C");
        text(b, rq->query);
        put(b, "\xE2\x80\x9D");
    }
    put(b, "</h2>\n<ul><li>Check the spelling, or try fewer or more "
           "general words.</li>\n"
           "<li>Short queries must match every word; "
           "<code>match=any</code> ranks articles with any of them."
           "</li>\n");
    if (rq->nfilters > 0 || rq->date_from || rq->date_to)
        put(b, "<li>Remove a filter above to widen the search.</li>\n");
    put(b, "</ul></div>\n");
}

/* A page past the last result of a search that has results. */
static void put_past_end(wx_buf *b, const wx_search_request *rq,
                         const wx_search_result *r)
{
    unsigned last = last_page(rq, r);
    put(b, "<div class=\"notice\" role=\"status\"><h2>");
    wx_buf_printf(b, "Page %u is past the end of the results</h2>\n<p>",
                  rq->limit ? rq->offset / rq->limit + 1 : 1);
    if (!r->total_exact)
        put(b, "About ");
    put_count(b, r->total);
    put(b, r->total == 1 ? " article matches" : " articles match");
    wx_buf_printf(b, ": %s on page %u. ", last == 1 ? "it is" : "the last is",
                  last);
    edit e = keep;
    e.page = last;
    put(b, "<a href=\"");
    put_href(b, rq, &e);
    put(b, "\">Go to the last page</a>");
    if (last > 1) {
        e.page = 1;
        put(b, " or <a href=\"");
        put_href(b, rq, &e);
        put(b, "\">the first</a>");
    }
    put(b, ".</p></div>\n");
}

wx_status wx_page_results(const wx_search_request *rq,
                          const wx_search_result *r, wx_buf *out)
{
    bool side = false;
    for (size_t i = 0; i < r->nfacets; i++)
        side = side || r->facets[i].n > 0;
    put_head(out, rq, rq->query);
    put(out, side ? "<div class=\"wrap\">\n" : "<div class=\"wrap single\">\n");
    if (side)
        put_facets(out, rq, r, true);
    put(out, "<main id=\"main\">\n<h1 class=\"vh\">Search results</h1>\n");
    put_chips(out, rq);
    put_suggestion(out, rq, r);
    put_match(out, r);
    if (r->nhits == 0 && r->total > 0 && rq->offset > 0) {
        put_past_end(out, rq, r);
    } else if (r->nhits == 0) {
        put_empty(out, rq);
    } else {
        put(out, "<p class=\"summary\" role=\"status\">");
        bool all = r->total_exact && rq->offset == 0 &&
                   r->nhits == r->total;
        if (!all)
            wx_buf_printf(out, "<strong>%u\xE2\x80\x93%u</strong> of ",
                          r->hits[0].rank, r->hits[r->nhits - 1].rank);
        if (!r->total_exact)
            put(out, "about ");
        put(out, "<strong>");
        put_count(out, r->total);
        put(out, r->total == 1 ? "</strong> article" : "</strong> articles");
        wx_buf_printf(out, " (%.1f ms)</p>\n", r->elapsed_ms);
        put_exports(out, rq);
        put_histogram(out, rq, r);
        wx_buf_printf(out, "<ol class=\"hits\" start=\"%u\">\n",
                      r->hits[0].rank);
        for (size_t i = 0; i < r->nhits; i++)
            put_hit(out, rq, &r->hits[i]);
        put(out, "</ol>\n");
    }
    put_pager(out, rq, r);
    put(out, "</main>\n");
    if (side)
        put_facets(out, rq, r, false);
    put(out, "</div>\n");
    put_foot(out);
    return out->st;
}

/* ---- other pages ---- */

wx_status wx_page_home(const wx_search_request *rq, wx_buf *out)
{
    put_head(out, rq, NULL);
    put(out, "<div class=\"wrap single\">\n<main id=\"main\">\n"
             "<div class=\"notice tips\"><h1>Search the news-wire "
             "archive</h1>\n<p>Type words to find reports that contain "
             "all of them, best matches first. Refine with the facets "
             "beside the results.</p>\n<ul>\n");
    static const char *const tips[][2] = {
        {"\"central bank\"", "an exact phrase"},
        {"cocoa OR coffee", "either word"},
        {"oil -opec", "leave out a word"},
        {"embass*", "words starting with \xE2\x80\x9C" "embass\xE2\x80\x9D"},
        {"agency:efe", "one agency (also dateline:, topic:, place:)"},
        {"date:1987-03-01..1987-03-31", "a date range"},
    };
    for (size_t i = 0; i < sizeof tips / sizeof tips[0]; i++) {
        edit e = keep;
        e.query = tips[i][0];
        put(out, "<li><a href=\"");
        put_href(out, NULL, &e);
        put(out, "\"><code>");
        text(out, tips[i][0]);
        put(out, "</code></a> \xE2\x80\x94 ");
        text(out, tips[i][1]);
        put(out, "</li>\n");
    }
    put(out, "</ul></div>\n</main>\n</div>\n");
    put_foot(out);
    return out->st;
}

static void put_field(wx_buf *b, const char *name, const char *value)
{
    if (value == NULL || *value == '\0')
        return;
    put(b, "<dt>");
    text(b, name);
    put(b, "</dt><dd>");
    text(b, value);
    put(b, "</dd>\n");
}

static void put_list_field(wx_buf *b, const char *name,
                           const wx_strlist *l)
{
    if (l->n == 0)
        return;
    put(b, "<dt>");
    text(b, name);
    put(b, "</dt><dd>");
    for (size_t i = 0; i < l->n; i++) {
        if (i > 0)
            put(b, ", ");
        text(b, l->v[i]);
    }
    put(b, "</dd>\n");
}

wx_status wx_page_article(const wx_search_request *rq, const wx_article *a,
                          wx_buf *out)
{
    put_head(out, rq, a->title ? a->title : a->id);
    put(out, "<div class=\"wrap single\">\n<main id=\"main\">\n");
    bool searched = rq != NULL && ((rq->query && *rq->query) ||
                                   rq->nfilters > 0 || rq->date_from ||
                                   rq->date_to);
    if (searched) {
        edit e = keep;
        e.page = rq->limit ? rq->offset / rq->limit + 1 : 1;
        put(out, "<a class=\"back\" href=\"");
        put_href(out, rq, &e);
        put(out, "\">\xE2\x80\xB9 Back to the results</a>\n");
    }
    put(out, "<article class=\"full\">\n<h1>");
    /* Title and body may carry the query's matches as snippet markers
     * (wx_search_article_marked): rendered as <mark>, escaped. */
    if (a->title != NULL)
        wx_escape_snippet(a->title, strlen(a->title), WX_MEDIUM_HTML, out);
    else
        put(out, "<span class=\"untitled\">Untitled report</span>");
    put(out, "</h1>\n<p class=\"meta\">");
    if (a->date) {
        put(out, "<span>");
        put_date(out, a->date);
        put(out, "</span>");
    }
    if (a->agency) {
        put(out, "<span class=\"agency\">");
        text(out, a->agency);
        put(out, "</span>");
    }
    if (a->dateline) {
        put(out, "<span>");
        text(out, a->dateline);
        put(out, "</span>");
    }
    put(out, "</p>\n<div class=\"body\">\n");
    /* Paragraphs are separated by "\n" in the model. */
    const char *p = a->body ? a->body : "";
    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        size_t k = 0;
        while (k < len && (p[k] == ' ' || p[k] == '\t'))
            k++;
        if (k < len) {
            put(out, "<p>");
            wx_escape_snippet(p, len, WX_MEDIUM_HTML, out);
            put(out, "</p>\n");
        }
        p += len + (nl != NULL);
    }
    put(out, "</div>\n<dl class=\"fields\">\n");
    put_field(out, "Id", a->id);
    put_field(out, "Date", a->date);
    put_field(out, "Agency", a->agency);
    put_field(out, "Dateline", a->dateline);
    put_list_field(out, "Topics", &a->topics);
    put_list_field(out, "Places", &a->places);
    for (size_t i = 0; i < a->meta_keys.n && i < a->meta_vals.n; i++)
        put_field(out, a->meta_keys.v[i], a->meta_vals.v[i]);
    put(out, "</dl>\n</article>\n</main>\n</div>\n");
    put_foot(out);
    return out->st;
}

static const char *status_title(int status)
{
    switch (status) {
    case 400: return "That search could not be run";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    default: return "Something went wrong on our side";
    }
}

wx_status wx_page_error(const wx_search_request *rq, int status,
                        const char *message, wx_buf *out)
{
    put_head(out, rq, status_title(status));
    put(out, "<div class=\"wrap single\">\n<main id=\"main\">\n"
             "<div class=\"notice error\" role=\"alert\"><h1>");
    text(out, status_title(status));
    put(out, "</h1>\n<p>");
    text(out, message);
    put(out, "</p>\n");
    if (status == 400)
        put(out, "<p>Check the query and try again; <a href=\"?\">the "
                 "start page</a> lists what the search understands.</p>\n");
    else if (status >= 500)
        put(out, "<p>Please try again in a moment.</p>\n");
    put(out, "</div>\n</main>\n</div>\n");
    put_foot(out);
    return out->st;
}
