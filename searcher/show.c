/*
 * --show: the stored article, exactly as indexed. The text form comes
 * from wx_store_format_text(), the inverse of the text reader, so what
 * --show prints indexes back to the same article.
 */
#include "show.h"

#include "wx_article.h"
#include "wx_store.h"

wx_status wx_show_article(wx_search *s, const char *id, bool json,
                          wx_buf *out, wx_err *err)
{
    if (json) {
        wx_status st = wx_search_article(s, id, NULL, out, err);
        if (st == WX_OK && wx_buf_putc(out, '\n') != WX_OK)
            st = wx_err_set(err, out->st, "%s: article too large to print",
                            id);
        return st;
    }
    wx_article a;
    wx_article_init(&a);
    wx_status st = wx_search_article(s, id, &a, NULL, err);
    if (st == WX_OK && wx_store_format_text(&a, out) != WX_OK)
        st = wx_err_set(err, out->st, "%s: article too large to print", id);
    wx_article_reset(&a);
    return st;
}
