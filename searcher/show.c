/*
 * --show: the stored article, exactly as indexed. The text form comes
 * from wx_store_format_text(), the inverse of the text reader, so what
 * --show prints indexes back to the same article.
 */
#include "show.h"

#include "wx_article.h"
#include "wx_escape.h"
#include "wx_store.h"

#include <string.h>

/* The text form with its highlight markers turned into ANSI colour
 * (color) or removed, appended to out. */
static wx_status render_marks(const char *s, size_t n, bool color,
                              wx_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == WX_HL_START[0]) {
            if (color)
                wx_buf_puts(out, WX_ANSI_HL_ON);
        } else if (s[i] == WX_HL_END[0]) {
            if (color)
                wx_buf_puts(out, WX_ANSI_HL_OFF);
        } else {
            wx_buf_putc(out, s[i]);
        }
    }
    return out->st;
}

wx_status wx_show_article(wx_search *s, const char *id, bool json,
                          const char *query, bool color, wx_buf *out,
                          wx_err *err)
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
    wx_buf text;
    wx_buf_init(&text, out->max);
    wx_status st = wx_search_article_marked(s, id, color ? query : NULL, &a,
                                            err);
    if (st == WX_OK && (wx_store_format_text(&a, &text) != WX_OK ||
                        render_marks(text.data ? text.data : "", text.len,
                                     color, out) != WX_OK))
        st = wx_err_set(err, text.st != WX_OK ? text.st : out->st,
                        "%s: article too large to print", id);
    wx_buf_free(&text);
    wx_article_reset(&a);
    return st;
}
