/*
 * Escaping of untrusted text (article fields, snippets, user queries) for
 * each output medium: HTML, a JSON string body, a URL query component, a
 * terminal. Each function appends to a wx_buf and returns its (sticky)
 * status, so long chains are checked once. Every escaper's output is
 * valid UTF-8: a byte that is not well-formed input becomes U+FFFD.
 */
#ifndef WX_ESCAPE_H
#define WX_ESCAPE_H

#include "wx_buf.h"
#include "wx_status.h"

#include <stddef.h>

/*
 * Private highlight markers around matched terms in snippets (passed to
 * Xapian as hl_start/hl_end). Control characters, so they can never come
 * from stored article text: wx_article_finish() strips them.
 */
#define WX_HL_START "\x02"
#define WX_HL_END "\x03"

/*
 * HTML text or a quoted attribute value: & < > " ' become &amp; &lt;
 * &gt; &quot; &#39;. Control characters other than tab, newline and CR
 * (including DEL and U+0080..U+009F) are dropped. Returns out->st.
 */
wx_status wx_escape_html(const char *s, size_t n, wx_buf *out);

/*
 * The body of a JSON string (no surrounding quotes): " and \ are
 * backslashed; \b \f \n \r \t use their short forms; other C0 controls,
 * DEL and U+0080..U+009F become \u00XX; U+2028 and U+2029 become \u2028
 * and \u2029 (they end lines in JavaScript); "</" becomes "<\/" so the
 * JSON can sit inside an HTML <script> element. Everything else is copied
 * as UTF-8. Returns out->st.
 */
wx_status wx_escape_json(const char *s, size_t n, wx_buf *out);

/*
 * A URL query-string component (RFC 3986): the unreserved characters
 * A-Z a-z 0-9 - . _ ~ are kept, every other byte becomes %XX (upper-case
 * hex; a space is %20). Invalid UTF-8 is encoded as U+FFFD. Returns
 * out->st.
 */
wx_status wx_escape_url(const char *s, size_t n, wx_buf *out);

/*
 * One CSV field (RFC 4180), quotes included: the value between double
 * quotes, each " doubled; newlines are kept (a quoted field may hold
 * them), other C0 controls, DEL and C1 controls dropped. A value whose
 * first character (once those are dropped) is = + - @ or tab gets a
 * leading ' so that a spreadsheet shows it as text instead of running
 * it as a formula.
 * Returns out->st.
 */
wx_status wx_escape_csv(const char *s, size_t n, wx_buf *out);

/* Flags for wx_escape_term(). */
enum {
    WX_TERM_KEEP_NL = 1 << 0   /* keep newlines (else they become spaces) */
};

/*
 * Text for a terminal, so that article text cannot drive it: tab becomes
 * a space, newline is kept with WX_TERM_KEEP_NL and otherwise a space,
 * CR is dropped, every other C0 control (ESC included), DEL and the C1
 * controls U+0080..U+009F become "?", and the bidirectional embedding,
 * override and isolate controls (U+202A..U+202E, U+2066..U+2069), which
 * can make text display in a misleading order, are dropped. Returns
 * out->st.
 */
wx_status wx_escape_term(const char *s, size_t n, unsigned flags,
                         wx_buf *out);

/* The media wx_escape_snippet() renders for. */
typedef enum wx_medium {
    WX_MEDIUM_PLAIN,   /* markers removed, text as is (valid UTF-8) */
    WX_MEDIUM_HTML,    /* wx_escape_html, markers -> <mark>...</mark> */
    WX_MEDIUM_ANSI     /* wx_escape_term, markers -> bold red ... reset */
} wx_medium;

/* The ANSI sequences wrapped around a match (WX_MEDIUM_ANSI). */
#define WX_ANSI_HL_ON "\x1b[1;31m"
#define WX_ANSI_HL_OFF "\x1b[0m"

/*
 * Render a snippet carrying WX_HL_START/WX_HL_END markers for medium.
 * The markers are balanced in the output whatever the input holds: a
 * start inside a match and an end outside one are ignored, and a match
 * still open at the end is closed, so HTML output is always well-formed
 * and a terminal is always reset. Newlines become spaces in ANSI output.
 * Returns out->st, or WX_EINVAL (out untouched) for an unknown medium.
 */
wx_status wx_escape_snippet(const char *s, size_t n, wx_medium medium,
                            wx_buf *out);

#endif
