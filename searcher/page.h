/*
 * The HTML pages of the web front: the search page (box, results,
 * facets, active filters, pagination, "did you mean"), an article's full
 * text, the start page and the error pages. Self-contained documents
 * (inline CSS, no script, no external asset). Everything from the index
 * or the request is escaped here (wx_escape.h). Only the body: the HTTP
 * headers are cgi.c's. Links are relative ("?q=..."), so the pages work
 * under whatever path the server mounts the program.
 */
#ifndef WX_PAGE_H
#define WX_PAGE_H

#include "search.h"
#include "wx_article.h"
#include "wx_buf.h"
#include "wx_status.h"

/*
 * The results page for rq and its result r (hits, facets, suggestion);
 * with no hits, the empty state. Links keep rq's query, filters, dates,
 * sort and page size. Appends to out; returns out's status.
 */
wx_status wx_page_results(const wx_search_request *rq,
                          const wx_search_result *r, wx_buf *out);

/* The start page: an empty search box and a few tips. rq may be NULL. */
wx_status wx_page_home(const wx_search_request *rq, wx_buf *out);

/*
 * One article's full text and metadata; rq (may be NULL) is the search
 * it was opened from, for the search box and the link back.
 */
wx_status wx_page_article(const wx_search_request *rq, const wx_article *a,
                          wx_buf *out);

/*
 * An error page for HTTP status (400, 404, 405, 500...) with message, a
 * short text safe to show (it is escaped). rq (may be NULL) keeps the
 * search box filled.
 */
wx_status wx_page_error(const wx_search_request *rq, int status,
                        const char *message, wx_buf *out);

#endif
