/*
 * XML wire files through libxml2, safely: no network, no DTD loading,
 * no entity substitution by the parser (so no billion laughs and no
 * external entity is ever read; libxml2 also refuses entity loops), and
 * our own bounded text collection that expands only plain-text internal
 * entities. Splits files holding several documents.
 */
#include "xmldoc.h"

#include "dateline.h"
#include "wire.h"
#include "wx_limits.h"
#include "wx_log.h"
#include "wx_utf8.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Never XML_PARSE_NOENT (substitute entities), XML_PARSE_DTDLOAD,
 * XML_PARSE_DTDATTR, XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE or
 * XML_PARSE_HUGE (lifts libxml2's depth and size limits).
 */
enum {
    PARSE_OPTS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                 XML_PARSE_BIG_LINES | XML_PARSE_COMPACT
};

struct wx_xmldoc {
    const char *name;          /* for messages; owned by the input */
    const char *const *items;  /* local names of item elements */
    char *buf;                 /* the whole file, NUL-terminated */
    size_t len;
    size_t pos;                /* start of the next document */
    long pos_line;             /* file line at pos (1-based) */
    size_t split;              /* if > 0, the next document's length */
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc;             /* the current document, or NULL */
    long line_off;             /* file line of its line 1, minus 1 */
    xmlNode **found;           /* its items, handed out in order */
    size_t nfound, cap, next;
    wx_buf fix;                /* a repaired copy of a document */
    /* The first error of the last parse: more telling than the last. */
    bool err_seen;
    int err_code;
    long err_line;
    int err_col;
    char err_msg[161];
};

/*
 * libxml2's structured error callback, called with the parser context
 * (its default user data) whose _private is our handle. Keeps the first
 * error of a parse; NOERROR keeps libxml2 from printing anything.
 */
static void on_error(void *data, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = data;
    wx_xmldoc *x = ctxt != NULL ? ctxt->_private : NULL;
    if (x == NULL || e == NULL || x->err_seen || e->level < XML_ERR_ERROR)
        return;
    x->err_seen = true;
    x->err_code = e->code;
    x->err_line = e->line;
    x->err_col = e->int2;
    const char *msg = e->message != NULL ? e->message : "unknown error";
    size_t n = strcspn(msg, "\n");
    if (n >= sizeof x->err_msg)
        n = sizeof x->err_msg - 1;
    memcpy(x->err_msg, msg, n);
    x->err_msg[n] = '\0';
}

wx_status wx_xmldoc_open(wx_input *in, const char *const *items,
                         wx_xmldoc **out, wx_err *err)
{
    *out = NULL;
    wx_xmldoc *x = calloc(1, sizeof *x);
    if (x == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    x->name = wx_input_name(in);
    x->items = items;
    x->pos_line = 1;
    /* A repair at most doubles the bytes. */
    wx_buf_init(&x->fix, 2 * (size_t)WX_MAX_RECORD_BYTES);
    wx_status st = wx_input_read_all(in, WX_MAX_RECORD_BYTES, &x->buf,
                                     &x->len, err);
    if (st == WX_ETOOBIG)
        wx_err_set(err, st, "%s: XML file larger than %d bytes", x->name,
                   WX_MAX_RECORD_BYTES);
    if (st == WX_OK) {
        x->ctxt = xmlNewParserCtxt();
        if (x->ctxt == NULL)
            st = wx_err_set(err, WX_ENOMEM, "%s: out of memory", x->name);
        else {
            x->ctxt->_private = x;
            x->ctxt->sax->serror = on_error;
        }
    }
    if (st != WX_OK) {
        wx_xmldoc_close(x);
        return st;
    }
    *out = x;
    return WX_OK;
}

const char *wx_xmldoc_name(const wx_xmldoc *x)
{
    return x->name;
}

static void drop_doc(wx_xmldoc *x)
{
    if (x->doc != NULL)
        xmlFreeDoc(x->doc);
    x->doc = NULL;
    x->nfound = x->next = 0;
}

void wx_xmldoc_close(wx_xmldoc *x)
{
    if (x == NULL)
        return;
    drop_doc(x);
    if (x->ctxt != NULL)
        xmlFreeParserCtxt(x->ctxt);
    free(x->found);
    free(x->buf);
    wx_buf_free(&x->fix);
    free(x);
}

wx_status wx_xmldoc_reader_open(wx_input *in, const char *const *items,
                                void **state, wx_err *err)
{
    *state = NULL;
    wx_xmldoc_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    wx_buf_init(&r->tmp, WX_MAX_BODY_BYTES);
    wx_buf_init(&r->tmp2, WX_MAX_BODY_BYTES);
    wx_buf_init(&r->body, WX_MAX_BODY_BYTES);
    wx_status st = wx_xmldoc_open(in, items, &r->x, err);
    if (st != WX_OK) {
        free(r);
        return st;
    }
    *state = r;
    return WX_OK;
}

void wx_xmldoc_reader_close(void *state)
{
    wx_xmldoc_reader *r = state;
    if (r == NULL)
        return;
    wx_xmldoc_close(r->x);
    wx_buf_free(&r->tmp);
    wx_buf_free(&r->tmp2);
    wx_buf_free(&r->body);
    free(r);
}

wx_status wx_xmldoc_fill_end(const wx_xmldoc *x, wx_article *a, long line,
                             wx_status st, wx_err *err)
{
    if (st != WX_OK) {
        wx_article_reset(a);
        if (st == WX_ETOOBIG)
            return wx_err_set(err, WX_EFORMAT, "%s:%ld: a field's text is "
                              "longer than %d bytes", x->name, line,
                              WX_MAX_BODY_BYTES);
        return wx_err_set(err, st, "%s:%ld: %s", x->name, line,
                          wx_status_str(st));
    }
    /* Agency furniture (sign-offs, MORE, dpa keyword blocks) stays out
     * of the body every XML reader builds. */
    st = wx_wire_strip_boilerplate(a);
    if (st != WX_OK) {
        wx_article_reset(a);
        return wx_err_set(err, st, "%s:%ld: %s", x->name, line,
                          wx_status_str(st));
    }
    a->src_file = x->name;
    a->src_line = line;
    return WX_OK;
}

bool wx_xmldoc_is(const xmlNode *n, const char *local)
{
    return n != NULL && n->type == XML_ELEMENT_NODE &&
           strcmp((const char *)n->name, local) == 0;
}

static bool is_item(const wx_xmldoc *x, const xmlNode *n)
{
    for (size_t i = 0; x->items[i] != NULL; i++)
        if (wx_xmldoc_is(n, x->items[i]))
            return true;
    return false;
}

/* Depth is bounded by libxml2 (256 without XML_PARSE_HUGE). */
static wx_status collect(wx_xmldoc *x, xmlNode *n)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!is_item(x, n)) {
            wx_status st = collect(x, n->children);
            if (st != WX_OK)
                return st;
            continue;
        }
        if (x->nfound == x->cap) {
            size_t cap = x->cap ? 2 * x->cap : 8;
            xmlNode **p = realloc(x->found, cap * sizeof *p);
            if (p == NULL)
                return WX_ENOMEM;
            x->found = p;
            x->cap = cap;
        }
        x->found[x->nfound++] = n;
    }
    return WX_OK;
}

static void advance(wx_xmldoc *x, size_t end)
{
    for (size_t i = x->pos; i < end; i++)
        if (x->buf[i] == '\n')
            x->pos_line++;
    x->pos = end;
}

/* Where the next document starts: before "<?xml" at the start of a
 * line, other than at pos itself. */
static size_t doc_end(const wx_xmldoc *x)
{
    if (x->split > 0)
        return x->pos + x->split;
    for (size_t i = x->pos + 1; i + 5 <= x->len; i++) {
        const char *p = memchr(x->buf + i, '<', x->len - i);
        if (p == NULL)
            break;
        i = (size_t)(p - x->buf);
        if (x->buf[i - 1] == '\n' && i + 5 <= x->len &&
            memcmp(p, "<?xml", 5) == 0)
            return i;
    }
    return x->len;
}

static bool all_blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return false;
    return true;
}

/*
 * The byte offset in p[0..n) of the extra content libxml2 found at
 * 1-based line and (character) column col: the next '<' that does not
 * close an element. 0 when it cannot be placed.
 */
static size_t extra_offset(const char *p, size_t n, int line, int col)
{
    size_t i = 0;
    for (int l = 1; l < line && i < n; i++)
        if (p[i] == '\n')
            l++;
    for (int c = 1; c < col && i < n && p[i] != '\n'; c++) {
        i++;
        while (i < n && ((unsigned char)p[i] & 0xC0) == 0x80)
            i++;
    }
    for (; i + 1 < n; i++)
        if (p[i] == '<' && p[i + 1] != '/')
            return i;
    return 0;
}

/*
 * A document with bytes that are not UTF-8, or with control characters
 * XML forbids, is repaired (Latin-1 reading, controls removed; line
 * breaks kept, so line numbers hold) into x->fix. False when nothing
 * needed repair or on failure.
 */
static bool repair(wx_xmldoc *x, const char *p, size_t n, size_t *repairs)
{
    wx_buf_reset(&x->fix);
    *repairs = 0;
    if (wx_utf8_repair(p, n, &x->fix, repairs) != WX_OK)
        return false;
    size_t m = wx_utf8_strip_controls(x->fix.data, x->fix.len);
    bool changed = *repairs > 0 || m < x->fix.len;
    x->fix.len = m;
    return changed;
}

/* The parse error as "file:line: malformed XML: reason". */
static wx_status parse_error(wx_xmldoc *x, wx_err *err)
{
    long line = x->pos_line + (x->err_line > 0 ? x->err_line - 1 : 0);
    return wx_err_set(err, WX_EFORMAT, "%s:%ld: malformed XML: %s",
                      x->name, line, x->err_seen ? x->err_msg
                                                 : "unknown error");
}

/* Parse p[0..n) into x->doc, noting the first error. */
static void parse(wx_xmldoc *x, const char *p, size_t n)
{
    x->err_seen = false;
    x->err_code = 0;
    x->err_line = 0;
    x->err_col = 0;
    x->doc = xmlCtxtReadMemory(x->ctxt, p, (int)n, x->name, NULL,
                               PARSE_OPTS);
}

/* Parse the next document into x->doc. WX_OK (maybe with no items),
 * WX_EFORMAT, WX_EOF, WX_ENOMEM. */
static wx_status parse_next(wx_xmldoc *x, wx_err *err)
{
    for (;;) {
        if (x->pos >= x->len)
            return WX_EOF;
        bool was_split = x->split > 0;
        size_t end = doc_end(x);
        x->split = 0;
        const char *p = x->buf + x->pos;
        size_t n = end - x->pos;
        if (all_blank(p, n)) {
            advance(x, end);
            continue;
        }
        x->line_off = x->pos_line - 1;
        parse(x, p, n);
        size_t repairs = 0;
        if (x->doc == NULL && x->err_code == XML_ERR_INVALID_CHAR &&
            repair(x, p, n, &repairs)) {
            parse(x, x->fix.data, x->fix.len);
            if (x->doc != NULL && repairs > 0)
                wx_warnf("%s:%ld: invalid UTF-8 repaired (%zu bytes read "
                         "as Latin-1)", x->name, x->pos_line, repairs);
        }
        if (x->doc == NULL && x->err_code == XML_ERR_DOCUMENT_END &&
            !was_split) {
            size_t at = extra_offset(p, n, (int)x->err_line, x->err_col);
            if (at > 0 && at < n) {
                x->split = at;  /* parse the first document alone */
                continue;
            }
        }
        if (x->doc == NULL) {
            wx_status st = parse_error(x, err);
            advance(x, end);
            return st;
        }
        advance(x, end);
        if (collect(x, xmlDocGetRootElement(x->doc)) != WX_OK)
            return wx_err_set(err, WX_ENOMEM, "%s: out of memory", x->name);
        return WX_OK;
    }
}

wx_status wx_xmldoc_next(wx_xmldoc *x, xmlNode **node, long *line,
                         wx_err *err)
{
    *node = NULL;
    *line = 0;
    while (x->next >= x->nfound) {
        drop_doc(x);
        wx_status st = parse_next(x, err);
        if (st != WX_OK)
            return st;
        if (x->nfound == 0) {
            const xmlNode *root = xmlDocGetRootElement(x->doc);
            long at = x->line_off + (root ? xmlGetLineNo(root) : 1);
            return wx_err_set(err, WX_EFORMAT, "%s:%ld: no <%s> element "
                              "(the root is <%.40s>)", x->name, at,
                              x->items[0], root ? (const char *)root->name
                                                : "");
        }
    }
    *node = x->found[x->next++];
    long l = xmlGetLineNo(*node);
    *line = x->line_off + (l > 0 ? l : 1);
    return WX_OK;
}

xmlNode *wx_xmldoc_next_sibling(const xmlNode *n, const char *local)
{
    if (n == NULL)
        return NULL;
    for (xmlNode *c = n->next; c != NULL; c = c->next)
        if (wx_xmldoc_is(c, local))
            return c;
    return NULL;
}

xmlNode *wx_xmldoc_child(const xmlNode *parent, const char *local)
{
    if (parent == NULL)
        return NULL;
    for (xmlNode *c = parent->children; c != NULL; c = c->next)
        if (wx_xmldoc_is(c, local))
            return c;
    return NULL;
}

xmlNode *wx_xmldoc_path(const xmlNode *from, const char *path)
{
    xmlNode *n = (xmlNode *)from;
    char step[64];
    while (n != NULL && *path != '\0') {
        size_t k = strcspn(path, "/");
        if (k >= sizeof step)
            return NULL;
        memcpy(step, path, k);
        step[k] = '\0';
        n = wx_xmldoc_child(n, step);
        path += k;
        if (*path == '/')
            path++;
    }
    return n;
}

xmlNode *wx_xmldoc_find(const xmlNode *from, const char *local)
{
    if (from == NULL)
        return NULL;
    for (xmlNode *c = from->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (wx_xmldoc_is(c, local))
            return c;
        xmlNode *d = wx_xmldoc_find(c, local);
        if (d != NULL)
            return d;
    }
    return NULL;
}

/* Text collection with white space collapsed as it goes. */
typedef struct collector {
    wx_buf *out;
    bool pending;    /* white space seen since the last text */
    bool soft;       /* an inline name's edge: a space unless punctuation
                        ("<city>India</city>." is "India.") */
    bool any;        /* text already appended (or in out before) */
} collector;

/* Does s[0..n) start with punctuation that closes up to what precedes
 * it: . , ; : ! ? ) ] } % ' and the closing quotes and guillemet? */
static bool closes_up(const char *s, size_t n)
{
    if (n > 0 && strchr(".,;:!?)]}%'\"", s[0]) != NULL)
        return true;
    static const char *const closers[] = {"\xC2\xBB", "\xE2\x80\x99",
                                          "\xE2\x80\x9D", NULL};
    for (size_t i = 0; closers[i] != NULL; i++)
        if (n >= strlen(closers[i]) &&
            memcmp(s, closers[i], strlen(closers[i])) == 0)
            return true;
    return false;
}

/* Does out end with an opening bracket or quote: ( [ { " « “ ‘? */
static bool opens_up(const wx_buf *out)
{
    if (out->len == 0)
        return false;
    if (strchr("([{\"/", out->data[out->len - 1]) != NULL)
        return true;
    static const char *const openers[] = {"\xC2\xAB", "\xE2\x80\x9C",
                                          "\xE2\x80\x98", NULL};
    for (size_t i = 0; openers[i] != NULL; i++) {
        size_t k = strlen(openers[i]);
        if (out->len >= k &&
            memcmp(out->data + out->len - k, openers[i], k) == 0)
            return true;
    }
    return false;
}

static void put(collector *c, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            c->pending = true;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' &&
               s[j] != '\r')
            j++;
        bool space = c->pending ||
                     (c->soft && !closes_up(s + i, j - i) &&
                      !opens_up(c->out));
        if (space && c->any)
            wx_buf_putc(c->out, ' ');
        c->pending = false;
        c->soft = false;
        c->any = true;
        wx_buf_append(c->out, s + i, j - i);
        i = j;
    }
}

static bool name_in(const xmlNode *n, const char *const *names)
{
    for (size_t i = 0; names[i] != NULL; i++)
        if (strcmp((const char *)n->name, names[i]) == 0)
            return true;
    return false;
}

/* Elements whose edges separate words. */
static bool is_block(const xmlNode *n)
{
    static const char *const names[] = {
        "p", "div", "br", "li", "td", "th", "tr", "hl1", "hl2", "block",
        "title", "h1", "h2", "h3", "h4", "h5", "h6", "table", "caption",
        "pre", NULL
    };
    return name_in(n, names);
}

/*
 * Inline place and date names: run together they are separate words
 * ("<city>Lima</city><country>Peru</country>"), but punctuation after
 * them closes up ("<location>India</location>." is "India.").
 */
static bool is_inline_name(const xmlNode *n)
{
    static const char *const names[] = {
        "location", "city", "state", "region", "country", "sublocation",
        "story.date", NULL
    };
    return name_in(n, names);
}

/* An entity reference: see wx_xmldoc_text() for the policy. */
static void put_entity(collector *c, const xmlNode *n)
{
    xmlEntityPtr ent = xmlGetDocEntity(n->doc, n->name);
    if (ent != NULL) {
        const char *v = (const char *)ent->content;
        bool plain = ent->etype == XML_INTERNAL_GENERAL_ENTITY ||
                     ent->etype == XML_INTERNAL_PREDEFINED_ENTITY;
        if (plain && v != NULL && strpbrk(v, "&<") == NULL)
            put(c, v, strlen(v));
        return;
    }
    const htmlEntityDesc *h = htmlEntityLookup(n->name);
    if (h == NULL)
        return;
    char u[4];
    size_t k = h->value == 0xA0 ? 0 : wx_utf8_encode(h->value, u);
    if (k == 0)
        put(c, " ", 1);
    else
        put(c, u, k);
}

static void put_tree(collector *c, const xmlNode *n);

/* One node and what is under it. */
static void put_node(collector *c, const xmlNode *n)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content != NULL)
            put(c, (const char *)n->content,
                strlen((const char *)n->content));
    } else if (n->type == XML_ENTITY_REF_NODE) {
        put_entity(c, n);
    } else if (n->type == XML_ELEMENT_NODE) {
        bool block = is_block(n), name = !block && is_inline_name(n);
        if (block)
            c->pending = true;
        if (name)
            c->soft = true;
        put_tree(c, n->children);
        if (block)
            c->pending = true;
        if (name)
            c->soft = true;
    }
}

/* A list of siblings, from n on. */
static void put_tree(collector *c, const xmlNode *n)
{
    for (; n != NULL; n = n->next)
        put_node(c, n);
}

static void collector_start(collector *c, wx_buf *out)
{
    c->out = out;
    c->pending = true;
    c->soft = false;
    c->any = out->len > 0 && out->data[out->len - 1] != ' ' &&
             out->data[out->len - 1] != '\n';
}

wx_status wx_xmldoc_text(const xmlNode *n, wx_buf *out)
{
    if (n == NULL)
        return out->st;
    collector c;
    collector_start(&c, out);
    if (n->type == XML_ATTRIBUTE_NODE)
        put_tree(&c, n->children);
    else
        put_node(&c, n);
    return out->st;
}

bool wx_xmldoc_attr(const xmlNode *n, const char *name, wx_buf *out)
{
    wx_buf_reset(out);
    if (n == NULL || n->type != XML_ELEMENT_NODE)
        return false;
    for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        collector c;
        collector_start(&c, out);
        put_tree(&c, a->children);
        return out->st == WX_OK && out->len > 0;
    }
    return false;
}

static bool is_para(const xmlNode *n)
{
    static const char *const names[] = {
        "p", "li", "hl2", "h1", "h2", "h3", "h4", "h5", "h6", NULL
    };
    for (size_t i = 0; names[i] != NULL; i++)
        if (wx_xmldoc_is(n, names[i]))
            return true;
    return false;
}

/* Append the text of n as one more paragraph, unless it is empty. */
static void put_para(const xmlNode *n, wx_buf *out)
{
    size_t len0 = out->len;
    if (len0 > 0)
        wx_buf_putc(out, '\n');
    size_t len1 = out->len;
    wx_xmldoc_text(n, out);
    if (out->st == WX_OK && out->len == len1 && len1 > len0) {
        out->len = len0;    /* nothing came: take back the "\n" */
        out->data[len0] = '\0';
    }
}

/* The separator between the cells of a table row. */
#define CELL_SEP " | "

/* One table row as a paragraph: its cells' text joined by CELL_SEP,
 * empty cells kept as empty columns so the columns still line up. */
static void put_row(const xmlNode *tr, wx_buf *out, size_t *count)
{
    size_t len0 = out->len;
    if (len0 > 0)
        wx_buf_putc(out, '\n');
    bool first = true, text = false;
    for (const xmlNode *c = tr->children; c != NULL; c = c->next) {
        if (!wx_xmldoc_is(c, "td") && !wx_xmldoc_is(c, "th"))
            continue;
        if (!first)
            wx_buf_puts(out, CELL_SEP);
        first = false;
        size_t before = out->len;
        collector k;
        collector_start(&k, out);
        k.any = false;
        put_tree(&k, c->children);
        text = text || out->len > before;
    }
    if (out->st == WX_OK && !text) {   /* a row of empty cells: none */
        out->len = len0;
        out->data[len0] = '\0';
        return;
    }
    (*count)++;
}

/* A table: its caption, then each row (inside thead, tbody, tfoot or
 * not) as one paragraph. A table inside a cell is part of that cell. */
static void put_table(const xmlNode *t, wx_buf *out, size_t *count)
{
    for (const xmlNode *c = t->children; c != NULL; c = c->next) {
        if (wx_xmldoc_is(c, "caption")) {
            (*count)++;
            put_para(c, out);
        } else if (wx_xmldoc_is(c, "tr")) {
            put_row(c, out, count);
        } else if (wx_xmldoc_is(c, "thead") || wx_xmldoc_is(c, "tbody") ||
                   wx_xmldoc_is(c, "tfoot")) {
            put_table(c, out, count);
        }
    }
}

/* The text of the nodes from n on, raw, each line break ending a
 * paragraph (pre: agate and market tables set in columns). */
static void put_pre_lines(collector *k, const xmlNode *n, size_t *count)
{
    for (; n != NULL; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            put_pre_lines(k, n->children, count);
            continue;
        }
        if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE)
            continue;
        const char *s = (const char *)n->content;
        while (s != NULL && *s != '\0') {
            size_t len = strcspn(s, "\n");
            put(k, s, len);
            if (s[len] != '\n')
                break;
            if (k->any) {      /* end the line's paragraph */
                wx_buf_putc(k->out, '\n');
                (*count)++;
                k->any = false;
                k->pending = false;
            }
            s += len + 1;
        }
    }
}

static void put_pre(const xmlNode *pre, wx_buf *out, size_t *count)
{
    if (out->len > 0 && out->data[out->len - 1] != '\n')
        wx_buf_putc(out, '\n');
    collector k;
    collector_start(&k, out);
    k.any = false;
    put_pre_lines(&k, pre->children, count);
    if (k.any)
        (*count)++;
    /* No trailing "\n": the next paragraph adds its own. */
    while (out->st == WX_OK && out->len > 0 &&
           out->data[out->len - 1] == '\n') {
        out->len--;
        out->data[out->len] = '\0';
    }
}

/* Append each paragraph element under n; *count counts them. */
static void put_paras(const xmlNode *n, wx_buf *out, size_t *count)
{
    for (const xmlNode *c = n->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (wx_xmldoc_is(c, "table")) {
            put_table(c, out, count);
        } else if (wx_xmldoc_is(c, "pre")) {
            put_pre(c, out, count);
        } else if (is_para(c)) {
            (*count)++;
            put_para(c, out);
        } else {
            put_paras(c, out, count);
        }
    }
}

wx_status wx_xmldoc_paragraphs(const xmlNode *n, wx_buf *out)
{
    if (n == NULL)
        return out->st;
    size_t count = 0;
    put_paras(n, out, &count);
    if (count == 0)
        put_para(n, out);
    return out->st;
}

wx_status wx_xmldoc_html_paragraphs(const char *html, size_t n,
                                    wx_buf *out)
{
    if (n == 0)
        return out->st;
    if (n > (size_t)WX_MAX_RECORD_BYTES)
        return out->st = WX_ETOOBIG;
    htmlDocPtr doc = htmlReadMemory(html, (int)n, NULL, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                    HTML_PARSE_NOWARNING);
    if (doc == NULL)        /* nothing libxml2 could make a tree of */
        return out->st;
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *body = wx_xmldoc_find(root, "body");
    if (body != NULL || root != NULL)
        wx_xmldoc_paragraphs(body != NULL ? body : root, out);
    xmlFreeDoc(doc);
    return out->st;
}

wx_status wx_xmldoc_plain_paragraphs(const xmlNode *n, wx_buf *out,
                                     wx_buf *tmp)
{
    wx_buf_reset(tmp);
    if (n == NULL)
        return out->st;
    for (const xmlNode *c = n->children; c != NULL; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            && c->content != NULL)
            wx_buf_puts(tmp, (const char *)c->content);
    if (tmp->st != WX_OK)
        return out->st = tmp->st;
    const char *s = wx_buf_str(tmp);
    size_t len = tmp->len;
    /* Is there a blank line (two newlines with only white space)? */
    bool blank_lines = false;
    int nl = 0;
    for (size_t i = 0; i < len && !blank_lines; i++) {
        if (s[i] == '\n')
            blank_lines = ++nl >= 2;
        else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            nl = 0;
    }
    size_t i = 0;
    while (i < len) {
        /* One paragraph: up to a blank line, or up to a line end. */
        size_t j = i;
        nl = 0;
        for (; j < len; j++) {
            if (s[j] == '\n') {
                if (!blank_lines || ++nl >= 2)
                    break;
            } else if (s[j] != ' ' && s[j] != '\t' && s[j] != '\r') {
                nl = 0;
            }
        }
        size_t len0 = out->len;
        if (len0 > 0)
            wx_buf_putc(out, '\n');
        size_t len1 = out->len;
        collector c;
        collector_start(&c, out);
        put(&c, s + i, j - i);
        if (out->st == WX_OK && out->len == len1 && len1 > len0) {
            out->len = len0;
            out->data[len0] = '\0';
        }
        i = j + 1;
    }
    return out->st;
}

/* tmp's status into f's; true when f is still good. */
static bool fill_ok(wx_xmldoc_fill *f)
{
    if (f->st == WX_OK && f->tmp->st != WX_OK)
        f->st = f->tmp->st;
    return f->st == WX_OK;
}

static bool fill_set(wx_xmldoc_fill *f, char **field)
{
    if (!fill_ok(f) || f->tmp->len == 0)
        return false;
    f->st = wx_article_set(field, f->tmp->data, f->tmp->len);
    return f->st == WX_OK && *field != NULL;
}

bool wx_xmldoc_fill_attr(wx_xmldoc_fill *f, char **field, const xmlNode *n,
                         const char *attr)
{
    if (*field != NULL)
        return true;
    if (f->st != WX_OK || n == NULL)
        return false;
    wx_xmldoc_attr(n, attr, f->tmp);
    return fill_set(f, field);
}

bool wx_xmldoc_fill_text(wx_xmldoc_fill *f, char **field, const xmlNode *n)
{
    if (*field != NULL)
        return true;
    if (f->st != WX_OK || n == NULL)
        return false;
    wx_buf_reset(f->tmp);
    wx_xmldoc_text(n, f->tmp);
    return fill_set(f, field);
}

static void fill_meta(wx_xmldoc_fill *f, const char *key)
{
    if (!fill_ok(f) || f->tmp->len == 0)
        return;
    wx_status st = wx_article_add_meta(f->a, key, f->tmp->data);
    if (st != WX_ETOOBIG)
        f->st = st;
}

void wx_xmldoc_fill_meta_attr(wx_xmldoc_fill *f, const char *key,
                              const xmlNode *n, const char *attr)
{
    if (f->st != WX_OK || n == NULL)
        return;
    wx_xmldoc_attr(n, attr, f->tmp);
    fill_meta(f, key);
}

void wx_xmldoc_fill_meta_text(wx_xmldoc_fill *f, const char *key,
                              const xmlNode *n)
{
    if (f->st != WX_OK || n == NULL)
        return;
    wx_buf_reset(f->tmp);
    wx_xmldoc_text(n, f->tmp);
    fill_meta(f, key);
}

static void fill_list(wx_xmldoc_fill *f, wx_strlist *l)
{
    if (!fill_ok(f) || f->tmp->len == 0)
        return;
    wx_status st = wx_strlist_add_unique(l, f->tmp->data, f->tmp->len);
    if (st != WX_ETOOBIG)
        f->st = st;
}

void wx_xmldoc_fill_list_attr(wx_xmldoc_fill *f, wx_strlist *l,
                              const xmlNode *n, const char *attr)
{
    if (f->st != WX_OK || n == NULL)
        return;
    wx_xmldoc_attr(n, attr, f->tmp);
    fill_list(f, l);
}

void wx_xmldoc_fill_list_text(wx_xmldoc_fill *f, wx_strlist *l,
                              const xmlNode *n)
{
    if (f->st != WX_OK || n == NULL)
        return;
    wx_buf_reset(f->tmp);
    wx_xmldoc_text(n, f->tmp);
    fill_list(f, l);
}

void wx_xmldoc_fill_dateline(wx_xmldoc_fill *f, const char *text,
                             size_t len, char *agency, size_t agency_sz)
{
    if (agency_sz > 0)
        agency[0] = '\0';
    if (f->st != WX_OK || len == 0)
        return;
    wx_dateline dl;
    if (!wx_dateline_parse_field(text, len, &dl))
        return;
    snprintf(agency, agency_sz, "%s", dl.agency);
    f->st = wx_dateline_apply(f->a, &dl, WX_DATELINE_NO_AGENCY);
}

void wx_xmldoc_fill_place(wx_xmldoc_fill *f, const xmlNode *n)
{
    if (f->st != WX_OK || n == NULL || f->a->dateline != NULL)
        return;
    wx_buf_reset(f->tmp);
    wx_xmldoc_text(n, f->tmp);
    if (f->tmp->st == WX_OK &&
        wx_dateline_place_like(wx_buf_str(f->tmp), f->tmp->len))
        f->st = wx_article_set(&f->a->dateline, wx_buf_str(f->tmp),
                               f->tmp->len);
}

void wx_xmldoc_fill_lead(wx_xmldoc_fill *f)
{
    wx_dateline dl;
    if (f->st == WX_OK && f->a->body != NULL &&
        wx_dateline_find_in_body(f->a->body, strlen(f->a->body), &dl))
        f->st = wx_dateline_apply(f->a, &dl, WX_DATELINE_REPLACE);
}

/* p[0..n) starts with name (optionally "prefix:" first) followed by a
 * character that ends a tag name. */
static bool tag_is(const char *p, size_t n, const char *name)
{
    const char *colon = memchr(p, ':', n < 64 ? n : 64);
    const char *stop = p;
    while (stop < p + n && *stop != ' ' && *stop != '>' && *stop != '/' &&
           *stop != '\t' && *stop != '\r' && *stop != '\n')
        stop++;
    if (colon != NULL && colon < stop) {
        n -= (size_t)(colon + 1 - p);
        p = colon + 1;
    }
    size_t k = strlen(name);
    if (n <= k || memcmp(p, name, k) != 0)
        return false;
    char c = p[k];
    return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' ||
           c == '\n';
}

static bool tag_in(const char *p, size_t n, const char *const *roots)
{
    for (size_t i = 0; roots[i] != NULL; i++)
        if (tag_is(p, n, roots[i]))
            return true;
    return false;
}

/* Skip from p (at "<!" or "<?") past the construct; NULL if it does not
 * end within the head. */
static const char *skip_decl(const char *p, const char *end)
{
    if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
        for (const char *q = p + 4; q + 3 <= end; q++)
            if (memcmp(q, "-->", 3) == 0)
                return q + 3;
        return NULL;
    }
    if (p[1] == '?') {
        for (const char *q = p + 2; q + 2 <= end; q++)
            if (q[0] == '?' && q[1] == '>')
                return q + 2;
        return NULL;
    }
    /* <!DOCTYPE ...> with an optional [internal subset]. */
    int depth = 0;
    for (const char *q = p + 2; q < end; q++) {
        if (*q == '[')
            depth++;
        else if (*q == ']' && depth > 0)
            depth--;
        else if (*q == '>' && depth == 0)
            return q + 1;
    }
    return NULL;
}

int wx_xmldoc_sniff(const char *head, size_t n, const char *const *roots)
{
    const char *p = head, *end = head + n;
    bool doctype = false;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
                           *p == '\n'))
            p++;
        if (end - p < 2 || *p != '<')
            break;
        if (p[1] != '!' && p[1] != '?') {
            if (tag_in(p + 1, (size_t)(end - p - 1), roots))
                return 95;
            break;
        }
        if (end - p > 10 && memcmp(p, "<!DOCTYPE", 9) == 0) {
            const char *q = p + 9;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '\n'))
                q++;
            doctype = tag_in(q, (size_t)(end - q), roots) ||
                      doctype;
        }
        const char *q = skip_decl(p, end);
        if (q == NULL)
            break;
        p = q;
    }
    if (doctype)
        return 90;
    /* A wrapper: an item opens somewhere in the head. */
    for (const char *q = head; q + 1 < end; q++) {
        q = memchr(q, '<', (size_t)(end - q));
        if (q == NULL || q + 1 >= end)
            break;
        if (tag_in(q + 1, (size_t)(end - q - 1), roots))
            return 60;
    }
    return 0;
}
