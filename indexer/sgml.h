/*
 * Shared pieces of the SGML-ish wire formats (Reuters-21578, Gigaword):
 * a streaming record scanner over wx_input, element and attribute lookup
 * inside one record, character-reference decoding and the white space
 * rules of the reference reading. Not a general SGML parser: no DTD, no
 * nesting of same-named elements, no omitted end tags.
 */
#ifndef WX_SGML_H
#define WX_SGML_H

#include "wx_article.h"
#include "wx_buf.h"
#include "wx_input.h"
#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>

/* A piece of a record: not NUL-terminated, points into the record. */
typedef struct wx_sgml_span {
    const char *p;
    size_t n;
} wx_sgml_span;

/*
 * The first occurrence of pat[0..plen) in s[0..n), or NULL (memmem(),
 * which is a GNU extension).
 */
const char *wx_sgml_find(const char *s, size_t n, const char *pat,
                         size_t plen);

/*
 * Cuts a stream into records from an open tag ("<REUTERS", followed by
 * white space, ">" or the end of the line) to the matching close tag
 * ("</REUTERS>"), one line at a time, so memory stays bounded by the
 * size of one record. Text outside records is ignored.
 */
typedef struct wx_sgml_scan {
    wx_input *in;           /* not owned */
    const char *open;       /* "<REUTERS" */
    const char *close;      /* "</REUTERS>" */
    wx_buf rec;             /* the current record, open tag included */
    long rec_line;          /* line where the current record starts */
    size_t records;         /* records started so far */
    bool seen_text;         /* any non-blank byte seen in the file */
    /* The rest of a line not consumed yet (points into the input). */
    const char *line;
    size_t line_len;
    size_t line_pos;
    bool have_line;
    bool in_rec;
    bool oversize;          /* the current record outgrew rec.max */
    bool done;              /* EOF reached and reported */
} wx_sgml_scan;

/* Start a scanner over in; open/close are static strings. Cannot fail. */
void wx_sgml_scan_init(wx_sgml_scan *sc, wx_input *in, const char *open,
                       const char *close);

/* Free the record buffer. NULL-safe. */
void wx_sgml_scan_free(wx_sgml_scan *sc);

/*
 * The next record: WX_OK with sc->rec holding the text from the open tag
 * up to (not including) the close tag, lines joined with "\n", and
 * sc->rec_line its first line. WX_EOF at the end. WX_EFORMAT ("file:line:
 * reason", the line where the record starts) for a record cut short by
 * the end of the file or by the next open tag, for a record longer than
 * WX_MAX_RECORD_BYTES, for a line longer than that outside a record, and
 * once at the end for a non-blank file without any record; call again to
 * go on. WX_EIO (and other input errors) are fatal for the file.
 */
wx_status wx_sgml_scan_next(wx_sgml_scan *sc, wx_err *err);

/*
 * Find the first element named tag in s[0..n): "<tag" followed by a
 * non-name character, attributes up to ">", content up to "</tag>".
 * Fills *attrs (may be NULL) and *content. False when absent or never
 * closed. Tag names are matched case-sensitively.
 */
bool wx_sgml_element(const char *s, size_t n, const char *tag,
                     wx_sgml_span *attrs, wx_sgml_span *content);

/*
 * The value of attribute name (ASCII case-insensitive) in an attribute
 * list such as ` id="AFP_ENG_1" type=story`; quotes are optional. False
 * when absent.
 */
bool wx_sgml_attr(wx_sgml_span attrs, const char *name, wx_sgml_span *val);

/*
 * Append s[0..n) to out with character references decoded (&lt; &gt;
 * &amp; &quot; &apos;, their upper-case forms, &#N; and &#xN;, the ";"
 * optional where the next character ends the name) and control
 * characters other than "\n" and "\t" dropped, as HTML does it: &#0;
 * and out-of-range numbers become U+FFFD, &#128;..&#159; the Windows-1252
 * characters. Unknown entities stay as written. Bytes that are not valid
 * UTF-8 are copied unchanged (wx_article_finish() repairs them). Returns
 * out's status (WX_ETOOBIG past its maximum, WX_ENOMEM).
 */
wx_status wx_sgml_decode(wx_buf *out, const char *s, size_t n);

/* Append s[0..n) with every tag ("<" ... ">") replaced by one space. */
wx_status wx_sgml_strip_tags(wx_buf *out, const char *s, size_t n);

/*
 * Append s[0..n) on one line: runs of white space (ASCII, Unicode spaces,
 * and stray Latin-1 bytes 0x85 and 0xA0) become one space, none at the
 * ends.
 */
wx_status wx_sgml_line(wx_buf *out, const char *s, size_t n);

/*
 * Append s[0..n) as paragraphs separated by "\n": hard-wrapped lines are
 * joined with one space, and a blank line or a line starting with a space
 * or a tab starts a new paragraph (how wire copy marks them). Each
 * paragraph is white-space-collapsed as by wx_sgml_line().
 */
wx_status wx_sgml_paragraphs(wx_buf *out, const char *s, size_t n);

/*
 * Append the city of a one-line dateline ("SALVADOR, Feb 26",
 * "CHICAGO (AP)", "****LONDON, March 3"): the text before the first comma
 * or parenthesis, without leading punctuation or a trailing dash. Appends
 * nothing when that does not look like a place name (digits, no letter,
 * longer than 64 bytes), as in the table rows some datelines hold.
 */
wx_status wx_sgml_city(wx_buf *out, const char *s, size_t n);

/*
 * What the SGML readers share while they turn a record into an article:
 * the scanner, work buffers for shaping one field's text at a time, and
 * messages that name the file and the record's first line.
 */
typedef struct wx_sgml_rec {
    wx_sgml_scan sc;
    wx_buf raw;     /* text with tags stripped */
    wx_buf dec;     /* text with references decoded */
    wx_buf txt;     /* the shaped field */
} wx_sgml_rec;

/* Start over in, as wx_sgml_scan_init(). Cannot fail. */
void wx_sgml_rec_init(wx_sgml_rec *r, wx_input *in, const char *open,
                      const char *close);

/* Free the scanner and the buffers. NULL-safe. */
void wx_sgml_rec_free(wx_sgml_rec *r);

/*
 * The error for field what that did not fit in max bytes (st is
 * WX_ETOOBIG: WX_EFORMAT "file:line: what longer than max bytes"), or
 * for another failure st ("file:line: out of memory", status st).
 */
wx_status wx_sgml_rec_err(const wx_sgml_rec *r, wx_status st,
                          const char *what, size_t max, wx_err *err);

/* How wx_sgml_rec_shape() shapes a field; flags, or-ed. */
enum {
    WX_SGML_LINE = 0,   /* one line, as wx_sgml_line() */
    WX_SGML_PARAS = 1,  /* paragraphs, as wx_sgml_paragraphs() */
    WX_SGML_STRIP = 2,  /* strip tags before decoding */
    WX_SGML_LOWER = 4   /* ASCII lower case after shaping */
};

/*
 * Decode p[0..n) (tags stripped first with WX_SGML_STRIP) and shape it
 * into r->txt, at most max bytes; how is a set of WX_SGML_ flags. Errors
 * as wx_sgml_rec_err(), what naming the field.
 */
wx_status wx_sgml_rec_shape(wx_sgml_rec *r, const char *p, size_t n,
                            int how, size_t max, const char *what,
                            wx_err *err);

/* Set *field to r->txt. WX_ENOMEM, with err set. */
wx_status wx_sgml_rec_set(wx_sgml_rec *r, char **field, wx_err *err);

/* Add metadata key = val unless val is empty. WX_ENOMEM, with err set. */
wx_status wx_sgml_rec_meta(wx_sgml_rec *r, wx_article *a, const char *key,
                           const char *val, wx_err *err);

/*
 * r->txt holds a one-line dateline: keep it as metadata "dateline_text"
 * and its city (wx_sgml_city()) as a->dateline. WX_ENOMEM, with err set.
 */
wx_status wx_sgml_rec_dateline(wx_sgml_rec *r, wx_article *a, wx_err *err);

#endif
