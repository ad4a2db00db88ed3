/*
 * Snippets over Xapian's MSet::snippet(): the wrapper picks the window
 * and marks matches; here the private markers are kept unique, Xapian's
 * HTML escaping is undone (the printers escape for their own medium) and
 * white space is tidied for one-line display.
 */
#include "snippet.h"

#include <stdlib.h>
#include <string.h>

/*
 * Xapian's snippet modes, tried on real reports: the background model
 * (context words) often wins over the query and returns a window with
 * no match at all, and the exhaustive search prefers repeats of a
 * common word (three "embassy") over the rare one the user typed
 * ("Canberra"). Plain mode takes the first window that holds the
 * query's terms, which is what a reader scanning results wants.
 */
enum { SNIPPET_FLAGS = 0 };

static bool is_marker(char c)
{
    return c == WX_HL_START[0] || c == WX_HL_END[0];
}

wx_status wx_snippet_make(const wx_mset *ms, const char *text, size_t len,
                          size_t length, const char *lang, char **out,
                          wx_err *err)
{
    *out = NULL;
    char *clean = malloc(len + 1);
    if (clean == NULL)
        return wx_err_set(err, WX_ENOMEM, "snippet: out of memory");
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!is_marker(text[i]))
            clean[n++] = text[i];
    clean[n] = '\0';
    char *s = NULL;
    wx_status st = wx_mset_snippet(ms, clean, n, length, lang, SNIPPET_FLAGS,
                                   WX_HL_START, WX_HL_END, WX_SNIPPET_OMIT,
                                   &s, err);
    free(clean);
    if (st != WX_OK)
        return st;
    wx_snippet_plain(s, strlen(s));
    *out = s;
    return WX_OK;
}

/* The entities Xapian's snippet escaping produces. */
static const struct {
    const char *ent;
    char c;
} entities[] = {
    {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
    {"&#39;", '\''},
};

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

size_t wx_snippet_plain(char *s, size_t n)
{
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        size_t adv = 1;
        if (c == '&') {
            for (size_t k = 0; k < sizeof entities / sizeof entities[0];
                 k++) {
                size_t el = strlen(entities[k].ent);
                if (n - i >= el && memcmp(s + i, entities[k].ent, el) == 0) {
                    c = entities[k].c;
                    adv = el;
                    break;
                }
            }
        }
        i += adv;
        if (is_ws(c)) {
            space = o > 0;
            continue;
        }
        if (space) {
            s[o++] = ' ';
            space = false;
        }
        s[o++] = c;
    }
    s[o] = '\0';
    return o;
}

wx_status wx_snippet_render(const char *snippet, wx_medium medium,
                            wx_buf *out)
{
    if (snippet == NULL)
        return out->st;
    return wx_escape_snippet(snippet, strlen(snippet), medium, out);
}
