/*
 * --show ID: one stored article, decompressed, in the text form it was
 * indexed from (a "Key: value" header block, a blank line, the body), or
 * with --json its whole stored record with all metadata. Formats only;
 * the fetch is wx_search_article().
 */
#ifndef WX_SHOW_H
#define WX_SHOW_H

#include "search.h"
#include "wx_buf.h"
#include "wx_status.h"

#include <stdbool.h>

/*
 * Append the article with this id to out: its text form, or with json
 * its stored JSON object and a newline. In the text form, with query
 * (may be NULL) and color, the query's words are highlighted in ANSI
 * bold red (wx_search_article_marked); without color the text is the
 * same as with no query. WX_ENOTFOUND for an unknown id, WX_EFORMAT
 * when the stored data does not decode, WX_EINVAL for an id that cannot
 * be one, WX_EQUERY, WX_EDB, WX_ENOMEM / WX_ETOOBIG from out.
 */
wx_status wx_show_article(wx_search *s, const char *id, bool json,
                          const char *query, bool color, wx_buf *out,
                          wx_err *err);

#endif
