/*
 * What the readers of framed wire text share (ANPA-1312, IPTC 7901,
 * ZCZC teletype): cutting a message into lines, telling furniture lines
 * (keyword and version lines, bylines) from text, cleaning a headline,
 * building a body; and the boilerplate rules every agency reader applies
 * to a finished body (sign-offs, MORE, = lines, dpa keyword blocks).
 * Not a reader of its own.
 */
#ifndef WX_WIRE_H
#define WX_WIRE_H

#include "wx_article.h"
#include "wx_buf.h"
#include "wx_input.h"
#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>

/* Wire control characters (ASCII). */
enum {
    WX_WIRE_SOH = 0x01, WX_WIRE_STX = 0x02, WX_WIRE_ETX = 0x03,
    WX_WIRE_EOT = 0x04, WX_WIRE_SYN = 0x16
};

/* One line of a message: p[0..n), no line end, control characters and
 * trailing white space not yet removed. */
typedef struct wx_wire_line {
    const char *p;
    size_t n;
} wx_wire_line;

/*
 * The next line of s[*pos..end): a line ends at LF, CR LF or a lone CR.
 * False at end. *pos moves past the line end; *lines (when not NULL)
 * counts the LFs passed, for messages.
 */
bool wx_wire_next_line(const char *s, size_t end, size_t *pos,
                       wx_wire_line *line /* OUT */, long *lines);

/*
 * Copy line into out (reset first) without control characters, wire
 * markers at its ends (ANPA's leading '^', trailing '<' and '=' quads)
 * and surrounding white space; inner white space runs collapse to one
 * space. Returns out's status.
 */
wx_status wx_wire_clean(const wx_wire_line *line, wx_buf *out);

/* A version line: "1ST LEAD", "2nd Ld-Writethru", "URGENT", "KILL",
 * "CORRECTION", "UPDATE 2", "REPEAT"... (clean text, any case). */
bool wx_wire_is_version(const char *s);

/* A byline: "By JANE DOE", "Von Anna Schmidt, dpa", "Por ..." of at most
 * eight words, not ending a sentence. */
bool wx_wire_is_byline(const char *s);

/* A keyword or slug line: one token of letters, digits and - / : _ .
 * ("BC-EU-Fishing", "Fußball/Bundesliga/", "FED:Budget"), or text ending
 * in '/'. */
bool wx_wire_is_keyword(const char *s);

/*
 * Append clean line s as body text to out: a new paragraph when
 * new_para (a blank line or an indent came before it), otherwise joined
 * to the current one with a space. Returns out's status.
 */
wx_status wx_wire_body_line(wx_buf *out, const char *s, bool new_para);

/*
 * A framed wire file, read whole (at most WX_MAX_RECORD_BYTES), as the
 * framed readers keep it between messages.
 */
typedef struct wx_wire_file {
    const char *name;   /* for messages; owned by the input */
    char *buf;          /* the file, NUL-terminated */
    size_t len;
    size_t pos;         /* where the next message is looked for */
    long line;          /* file line at pos (1-based) */
    wx_buf tmp;         /* scratch: one clean line */
    wx_buf body;        /* scratch: the body being built */
} wx_wire_file;

/*
 * Read all of in into a new wx_wire_file. WX_EFORMAT ("file: ... larger
 * than N bytes"), WX_EIO, WX_ENOMEM, with err set. Caller frees with
 * wx_wire_file_close().
 */
wx_status wx_wire_file_open(wx_input *in, wx_wire_file **out /* OUT */,
                            wx_err *err);

/* Free f. NULL-safe. */
void wx_wire_file_close(wx_wire_file *f);

/* Move f->pos to to, counting the lines passed. */
void wx_wire_advance(wx_wire_file *f, size_t to);

/*
 * Fill a from the text of one message, s[0..n): the furniture lines at
 * its top (a line repeating the keyword, keyword/slug lines, version
 * lines, "Eds:" notes, bylines) go to metadata ("slug", "version",
 * "ed_note", "byline"); the first other line is the title (lines marked
 * '^' after it: "subtitle"); the rest is the body, a blank line or an
 * indent starting a paragraph. Then boilerplate is removed
 * (wx_wire_strip_boilerplate) and the lead's dateline read
 * (wx_wire_lead_dateline). keyword (may be NULL) is the header's
 * slug. WX_ETOOBIG (body limit), WX_ENOMEM.
 */
wx_status wx_wire_fill_text(wx_wire_file *f, const char *s, size_t n,
                            const char *keyword, wx_article *a);

/*
 * End one message read from f at line: on st == WX_OK give a its source
 * and return WX_OK; otherwise reset a and return the reader's error for
 * that message (an over-long body is WX_EFORMAT, a skipped record).
 */
wx_status wx_wire_finish(const wx_wire_file *f, long line, wx_status st,
                         wx_article *a, wx_err *err);

/* Add metadata key = s[0..n) trimmed, unless empty; a full list drops
 * it. WX_ENOMEM. */
wx_status wx_wire_meta(wx_article *a, const char *key, const char *s,
                       size_t n);

/*
 * When a has no dateline city yet, read the dateline at the start of its
 * body's first paragraph ("WASHINGTON (AP) _ ...", wx_dateline_parse_lead)
 * into dateline, agency (when unset) and metadata "dateline_text".
 * WX_ENOMEM.
 */
wx_status wx_wire_lead_dateline(wx_article *a);

/*
 * "YYYY-MM-DDTHH:MM:00" into out (WX_DATE_MAX bytes) from the parts of a
 * wire time stamp; false when they do not make a date (year 0-99 is
 * taken as 1970-2069).
 */
bool wx_wire_date(int year, int month, int day, int hour, int min,
                  char *out /* OUT */);

/*
 * A day-time stamp "DDHHMM [ZONE] Mon YY" ("111530 Mar 24",
 * "121405 AEDT MAR 24"; the zone is read and not applied) as
 * "YYYY-MM-DDTHH:MM:00" into out (WX_DATE_MAX bytes). False when s is
 * not one.
 */
bool wx_wire_stamp_date(const char *s, char *out /* OUT */);

/*
 * Remove agency boilerplate from a->body in place, so that it stays out
 * of the index and of snippets: paragraphs that are only MORE, (END),
 * "=" or rule lines, NNNN, an "Extra" label; a trailing " =" on a
 * paragraph; sign-offs at the end (REUTER, AP-WF-03-11-24 0940GMT,
 * "dpa wo xx", "AAP ab/cd", initials "jh/kr"), kept as metadata
 * "signoff"; and a leading dpa keyword block (three or more short lines
 * of words, or two and an "Extra" label), kept as "keywords". A body
 * left empty becomes NULL. WX_ENOMEM.
 */
wx_status wx_wire_strip_boilerplate(wx_article *a);

#endif
