/*
 * Safe reading of XML wire files for the NITF and NewsML-G2 readers:
 * one whole file, possibly several documents concatenated, parsed with
 * libxml2 without network, DTD loading or entity expansion, handed out
 * as item elements; plus tree helpers that match elements by local name
 * (namespaces ignored) and collect text. Not a reader of its own.
 */
#ifndef WX_XMLDOC_H
#define WX_XMLDOC_H

#include "wx_article.h"
#include "wx_buf.h"
#include "wx_input.h"
#include "wx_status.h"

#include <libxml/tree.h>

#include <stdbool.h>

typedef struct wx_xmldoc wx_xmldoc;

/*
 * Read all of in (at most WX_MAX_RECORD_BYTES) to hand out the elements
 * whose local name is one of items (NULL-terminated; the array must
 * outlive the handle). A file may hold several documents: they are split
 * before each "<?xml" that starts a line, and after a root element that
 * is followed by another ("Extra content at the end of the document").
 * WX_ETOOBIG (the file is too large), WX_EIO, WX_ENOMEM, with err set.
 * Caller frees with wx_xmldoc_close().
 */
wx_status wx_xmldoc_open(wx_input *in, const char *const *items,
                         wx_xmldoc **out /* OUT */, wx_err *err);

/*
 * The next item element, in document order. Items are not searched
 * inside items, so a wrapper may hold many but an item's own children
 * are never items. WX_OK: *node is valid until the next call or close,
 * *line is the file line its start tag ends on (libxml2's numbering).
 * WX_EFORMAT: a document did not parse, or held no item; err reads
 * "file:line: reason" with the line of libxml2's first error; call
 * again for the next document. WX_EOF at the end; WX_ENOMEM.
 */
wx_status wx_xmldoc_next(wx_xmldoc *x, xmlNode **node /* OUT */,
                         long *line /* OUT */, wx_err *err);

/* The file name used in messages; owned by the input. */
const char *wx_xmldoc_name(const wx_xmldoc *x);

/* Free everything, nodes handed out included. NULL-safe. */
void wx_xmldoc_close(wx_xmldoc *x);

/*
 * The state the XML readers keep between items (their wx_reader_ops
 * state): the document and scratch buffers of WX_MAX_BODY_BYTES each.
 */
typedef struct wx_xmldoc_reader {
    wx_xmldoc *x;
    wx_buf tmp;     /* one value at a time (wx_xmldoc_fill's tmp) */
    wx_buf tmp2;    /* more scratch (plain-text bodies) */
    wx_buf body;    /* the body being assembled */
} wx_xmldoc_reader;

/*
 * Allocate a wx_xmldoc_reader over in into *state, its document opened
 * by wx_xmldoc_open(in, items); errors as there (WX_ENOMEM too), *state
 * NULL then. Caller frees with wx_xmldoc_reader_close().
 */
wx_status wx_xmldoc_reader_open(wx_input *in, const char *const *items,
                                void **state /* OUT */, wx_err *err);

/* Free a state from wx_xmldoc_reader_open(). NULL-safe. */
void wx_xmldoc_reader_close(void *state);

/*
 * End the filling of a from the item at line, with status st: WX_OK
 * strips agency boilerplate from the body (wx_wire_strip_boilerplate())
 * and records the source (file and line) in a; any other status resets a
 * and returns an error for the item: WX_EFORMAT "file:line: a field's
 * text is longer than N bytes" for WX_ETOOBIG, else st itself.
 */
wx_status wx_xmldoc_fill_end(const wx_xmldoc *x, wx_article *a, long line,
                             wx_status st, wx_err *err);

/*
 * How sure (0..100) that head[0..n), the start of a file, is XML whose
 * root element has one of the local names in roots (NULL-terminated):
 * 95 when the first element (after a BOM, the XML declaration, comments,
 * processing instructions and a doctype) is one, 90 when only the
 * doctype names one, 60 when one opens somewhere later in the head (a
 * wrapper), else 0.
 */
int wx_xmldoc_sniff(const char *head, size_t n, const char *const *roots);

/* True when n is an element with local name local. NULL-safe. */
bool wx_xmldoc_is(const xmlNode *n, const char *local);

/* The first element child of parent named local, or the first element
 * sibling after n named local; NULL when none (or parent/n is NULL). */
xmlNode *wx_xmldoc_child(const xmlNode *parent, const char *local);
xmlNode *wx_xmldoc_next_sibling(const xmlNode *n, const char *local);

/* Follow a path of local names separated by '/' ("head/docdata/doc-id"),
 * taking the first match at each step; NULL when a step is missing. */
xmlNode *wx_xmldoc_path(const xmlNode *from, const char *path);

/* The first descendant element (document order) named local, or NULL. */
xmlNode *wx_xmldoc_find(const xmlNode *from, const char *local);

/*
 * Append the text of n and its descendants to out, white space runs
 * collapsed to one space and trimmed at both ends of what is appended
 * (a space separates it from text already in out). Block elements (p,
 * td, br...) separate words; inline place names (location, city...)
 * too, except before closing punctuation ("India." not "India .");
 * other inline markup (b, em, a) joins what it holds to its
 * neighbours as written. Entity references:
 * an internal entity whose value is plain text is replaced by it, an
 * undeclared one by its HTML meaning (&nbsp; &mdash;...), any other
 * (external, or holding markup or references) is dropped. Returns out's
 * status (WX_ETOOBIG past its maximum, WX_ENOMEM; sticky).
 */
wx_status wx_xmldoc_text(const xmlNode *n, wx_buf *out);

/*
 * Reset out and put the value of n's attribute with local name name in
 * it, collapsed and trimmed as above. True when the attribute exists and
 * its value is not empty (check out->st for WX_ENOMEM).
 */
bool wx_xmldoc_attr(const xmlNode *n, const char *name, wx_buf *out);

/*
 * Append the paragraphs under n to out, separated by "\n": the text of
 * each p, li, h1..h6 and hl2 element (not looking inside it for more);
 * each table row (td/th cells joined by " | ", a caption on its own) and
 * each line of a pre, so agate and market tables stay searchable; or,
 * when there is none, all of n's text as one paragraph. Empty
 * paragraphs are left out. Returns out's status, as wx_xmldoc_text().
 */
wx_status wx_xmldoc_paragraphs(const xmlNode *n, wx_buf *out);

/*
 * Append the paragraphs of an HTML fragment html[0..n) (a ninjs
 * body_html, not a whole file) to out, as wx_xmldoc_paragraphs() does;
 * parsed by libxml2's HTML parser without network access, which keeps
 * going over broken markup (a fragment it cannot read at all adds
 * nothing). Returns out's status.
 */
wx_status wx_xmldoc_html_paragraphs(const char *html, size_t n,
                                    wx_buf *out);

/*
 * Append the plain text under n (inlineData, pre) to out as paragraphs:
 * blank lines separate paragraphs, or, when the text has none, every
 * line is one; white space within a paragraph is collapsed. Returns
 * out's status. tmp is scratch space (its contents are replaced).
 */
wx_status wx_xmldoc_plain_paragraphs(const xmlNode *n, wx_buf *out,
                                     wx_buf *tmp);

/*
 * Filling an article from a tree, in the sticky-error style: once st is
 * not WX_OK every call is a no-op, so a reader makes its calls and
 * checks st once. Fields are set only while still NULL, so calls made in
 * order of preference give the first source that has a value. Strings
 * are collapsed and trimmed as by wx_xmldoc_text(). tmp is the caller's
 * scratch buffer; its maximum bounds any one value (WX_ETOOBIG past it).
 */
typedef struct wx_xmldoc_fill {
    wx_article *a;
    wx_buf *tmp;
    wx_status st;
} wx_xmldoc_fill;

/* Set *field from n's attribute attr / from n's text. True when set
 * (now or before). n may be NULL. */
bool wx_xmldoc_fill_attr(wx_xmldoc_fill *f, char **field, const xmlNode *n,
                         const char *attr);
bool wx_xmldoc_fill_text(wx_xmldoc_fill *f, char **field, const xmlNode *n);

/* Add metadata key from n's attribute / text when not empty. Pairs past
 * the list limit are dropped, as finish cuts overlong fields. */
void wx_xmldoc_fill_meta_attr(wx_xmldoc_fill *f, const char *key,
                              const xmlNode *n, const char *attr);
void wx_xmldoc_fill_meta_text(wx_xmldoc_fill *f, const char *key,
                              const xmlNode *n);

/* Add n's attribute / text to list l (topics, places) unless empty or
 * already there; items past WX_MAX_LIST_ITEMS are dropped. */
void wx_xmldoc_fill_list_attr(wx_xmldoc_fill *f, wx_strlist *l,
                              const xmlNode *n, const char *attr);
void wx_xmldoc_fill_list_text(wx_xmldoc_fill *f, wx_strlist *l,
                              const xmlNode *n);

/* What a dateline string text[0..len) (NUL-terminated at len) holds:
 * set a->dateline from the city (unless set), keep the text as
 * "dateline_text" when it says more, and return the agency it names in
 * agency (agency_sz bytes; "" when none). */
void wx_xmldoc_fill_dateline(wx_xmldoc_fill *f, const char *text,
                             size_t len, char *agency, size_t agency_sz);

/* Set the dateline city from metadata place n (G2 <located>, NITF
 * <city>) when none is set yet and it looks like a place
 * (wx_dateline_place_like): not "No-Data-Available", not a timestamp. */
void wx_xmldoc_fill_place(wx_xmldoc_fill *f, const xmlNode *n);

/* Read the dateline of the body's lead, as the text reader does; when
 * there is one it replaces metadata places (wx_dateline_apply REPLACE).
 * Call after the body is filled. */
void wx_xmldoc_fill_lead(wx_xmldoc_fill *f);

#endif
