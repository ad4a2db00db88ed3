/*
 * Snippets: the stretch of an article's text where the query matches
 * best, with matched words (stemmed variants included) between the
 * private markers WX_HL_START/WX_HL_END of wx_escape.h. The window is
 * Xapian's choice; this module makes the text safe and plain, and
 * renders it for a medium. Not the printers: they decide the medium.
 */
#ifndef WX_SNIPPET_H
#define WX_SNIPPET_H

#include "wx_buf.h"
#include "wx_escape.h"
#include "wx_status.h"
#include "wx_match.h"

#include <stddef.h>

/* Put where text was cut at either end of a snippet. */
#define WX_SNIPPET_OMIT "\xE2\x80\xA6" /* U+2026 HORIZONTAL ELLIPSIS */

/*
 * A snippet of about length bytes of text for a hit of ms, with words
 * stemmed by lang ("none" for none). The result is plain UTF-8 (Xapian's
 * HTML escaping undone), white space runs collapsed to one space,
 * matches between WX_HL_START and WX_HL_END. *out is malloc'd (caller
 * frees) on success, NULL on failure. Markers already in text are
 * removed first, so only matches carry them. WX_ENOMEM, WX_EINTERNAL.
 */
wx_status wx_snippet_make(const wx_mset *ms, const char *text, size_t len,
                          size_t length, const char *lang, char **out,
                          wx_err *err);

/*
 * Undo Xapian's snippet escaping (&amp; &lt; &gt; &quot; &#39;) and
 * collapse white space in place; returns the new length and
 * NUL-terminates. Other '&' sequences are left as they are.
 */
size_t wx_snippet_plain(char *s, size_t n);

/* Render a snippet for medium (plain, HTML with <mark>, ANSI colours),
 * appended to out. Returns out's status (or WX_EINVAL). */
wx_status wx_snippet_render(const char *snippet, wx_medium medium,
                            wx_buf *out);

#endif
