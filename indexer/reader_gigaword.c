/*
 * LDC Gigaword-style agency SGML: several <DOC id="AFP_ENG_19940512.0001"
 * type="story"> records per (often gzipped) monthly file, each with
 * <HEADLINE>, <DATELINE> and <TEXT> made of <P> paragraphs or bare text.
 * Agency, language and date come from the id. The older TREC-style
 * <DOC><DOCNO>APW19980601.0001</DOCNO> form is read too.
 */
#include "reader.h"

#include "sgml.h"
#include "wx_agency.h"
#include "wx_buf.h"
#include "wx_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct giga_state {
    wx_sgml_rec r;  /* txt holds the field or paragraph being built */
    wx_buf body;    /* the body being assembled from paragraphs */
} giga_state;

static int giga_sniff(const char *head, size_t n)
{
    if (wx_sgml_find(head, n, "<DOC id=", 8) != NULL)
        return 90;
    if (wx_sgml_find(head, n, "<DOC>", 5) != NULL &&
        wx_sgml_find(head, n, "<DOCNO>", 7) != NULL)
        return 80;
    return 0;
}

static wx_status giga_open(wx_input *in, const wx_reader_opts *opts,
                           void **state, wx_err *err)
{
    (void)opts;
    *state = NULL;
    giga_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    wx_sgml_rec_init(&s->r, in, "<DOC", "</DOC>");
    wx_buf_init(&s->body, WX_MAX_BODY_BYTES);
    *state = s;
    return WX_OK;
}

static void giga_close(void *state)
{
    giga_state *s = state;
    if (s == NULL)
        return;
    wx_sgml_rec_free(&s->r);
    wx_buf_free(&s->body);
    free(s);
}

/* Append the shaped text to the body as one more paragraph (or several). */
static wx_status add_para(giga_state *s, wx_err *err)
{
    const wx_buf *txt = &s->r.txt;
    if (txt->len == 0)
        return WX_OK;
    if (s->body.len > 0)
        wx_buf_putc(&s->body, '\n');
    wx_buf_append(&s->body, txt->data, txt->len);
    if (s->body.st != WX_OK)
        return wx_sgml_rec_err(&s->r, s->body.st, "TEXT", s->body.max, err);
    return WX_OK;
}

/*
 * The body from <TEXT>: each <P> element is one paragraph; text outside
 * them (or a TEXT without any) follows the wire-copy paragraph rules.
 */
static wx_status build_body(giga_state *s, wx_sgml_span text, wx_err *err)
{
    const char *p = text.p;
    const char *end = text.p + text.n;
    wx_status st;
    wx_buf_reset(&s->body);
    while (p < end) {
        const char *o = NULL;
        const char *q = p;
        /* The next "<P>" or "<P attr...>", not "<PRE>". */
        while ((q = wx_sgml_find(q, (size_t)(end - q), "<P", 2)) != NULL) {
            if (q + 2 == end || q[2] == '>' || q[2] == ' ' ||
                q[2] == '\t' || q[2] == '\n') {
                o = q;
                break;
            }
            q += 2;
        }
        const char *seg_end = o != NULL ? o : end;
        st = wx_sgml_rec_shape(&s->r, p, (size_t)(seg_end - p),
                               WX_SGML_PARAS | WX_SGML_STRIP,
                               WX_MAX_BODY_BYTES, "TEXT", err);
        if (st != WX_OK || (st = add_para(s, err)) != WX_OK)
            return st;
        if (o == NULL)
            break;
        const char *gt = memchr(o, '>', (size_t)(end - o));
        if (gt == NULL)
            break;
        const char *c = wx_sgml_find(gt + 1, (size_t)(end - gt - 1),
                                     "</P>", 4);
        const char *next = wx_sgml_find(gt + 1, (size_t)(end - gt - 1),
                                        "<P>", 3);
        const char *pend = end;
        if (c != NULL)
            pend = c;
        if (next != NULL && next < pend)
            pend = next;    /* an unclosed <P> ends at the next one */
        st = wx_sgml_rec_shape(&s->r, gt + 1, (size_t)(pend - gt - 1),
                               WX_SGML_STRIP, WX_MAX_BODY_BYTES, "P", err);
        if (st != WX_OK || (st = add_para(s, err)) != WX_OK)
            return st;
        p = pend == c ? c + 4 : pend;
    }
    return WX_OK;
}

static bool all_digits(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return false;
    return true;
}

static bool all_upper(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] < 'A' || p[i] > 'Z')
            return false;
    return true;
}

/*
 * Agency, language and date from an id: "AFP_ENG_19940512.0001" (the
 * Gigaword form) or "APW19980601.0001" (the TREC form, no language).
 */
static wx_status from_id(giga_state *s, wx_article *a, const char *id,
                         size_t n, wx_err *err)
{
    const char *lang = NULL, *date = NULL;
    if (n >= 17 && all_upper(id, 3) && id[3] == '_' &&
        all_upper(id + 4, 3) && id[7] == '_' && all_digits(id + 8, 8)) {
        lang = id + 4;
        date = id + 8;
    } else if (n >= 11 && all_upper(id, 3) && all_digits(id + 3, 8)) {
        date = id + 3;
    } else {
        return WX_OK;   /* an id of another shape: keep it, guess nothing */
    }
    /* The source code of the id ("APW"), through the agency table. */
    char code[4] = {id[0], id[1], id[2], '\0'};
    const char *agency = wx_agency_canon(code, 3);
    if (wx_article_set(&a->agency, agency ? agency : code, (size_t)-1))
        return wx_sgml_rec_err(&s->r, WX_ENOMEM, "", 0, err);
    if (lang != NULL) {
        char l[4] = {lang[0], lang[1], lang[2], '\0'};
        if (wx_article_add_meta(a, "lang", l) != WX_OK)
            return wx_sgml_rec_err(&s->r, WX_ENOMEM, "", 0, err);
    }
    int mon = (date[4] - '0') * 10 + (date[5] - '0');
    int day = (date[6] - '0') * 10 + (date[7] - '0');
    if (mon >= 1 && mon <= 12 && day >= 1 && day <= 31) {
        char iso[11];
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", date, date + 4,
                 date + 6);
        if (wx_article_set(&a->date, iso, (size_t)-1) != WX_OK)
            return wx_sgml_rec_err(&s->r, WX_ENOMEM, "", 0, err);
    }
    return WX_OK;
}

/* A short field (id, type, headline, dateline) on one line. */
static wx_status one_line(giga_state *s, wx_sgml_span v, int how,
                          const char *what, wx_err *err)
{
    return wx_sgml_rec_shape(&s->r, v.p, v.n, how, WX_MAX_FIELD_BYTES, what,
                             err);
}

static wx_status parse_record(giga_state *s, wx_article *a, wx_err *err)
{
    wx_buf *txt = &s->r.txt;
    const char *name = wx_input_name(s->r.sc.in);
    long line = s->r.sc.rec_line;
    const char *rec = s->r.sc.rec.data;
    size_t len = s->r.sc.rec.len;
    wx_status st;
    a->src_file = name;
    a->src_line = line;

    /* "<DOC" is at rec[0]; its attributes run to the first ">". */
    const char *gt = memchr(rec + 4, '>', len - 4);
    if (gt == NULL)
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: <DOC> tag not closed",
                          name, line);
    wx_sgml_span attrs = {rec + 4, (size_t)(gt - rec - 4)};
    wx_sgml_span inner = {gt + 1, (size_t)(rec + len - gt - 1)};
    wx_sgml_span v;

    if (wx_sgml_attr(attrs, "id", &v))
        st = one_line(s, v, WX_SGML_LINE, "id", err);
    else if (wx_sgml_element(inner.p, inner.n, "DOCNO", NULL, &v))
        st = one_line(s, v, WX_SGML_LINE, "DOCNO", err);
    else
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: <DOC> without an id",
                          name, line);
    if (st != WX_OK)
        return st;
    if (txt->len == 0)
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: <DOC> with an empty id",
                          name, line);
    if (wx_article_set(&a->id, txt->data, txt->len) != WX_OK)
        return wx_sgml_rec_err(&s->r, WX_ENOMEM, "", 0, err);
    if ((st = from_id(s, a, a->id, strlen(a->id), err)) != WX_OK)
        return st;

    if (wx_sgml_attr(attrs, "type", &v))
        st = one_line(s, v, WX_SGML_LOWER, "type", err);
    else if (wx_sgml_element(inner.p, inner.n, "DOCTYPE", NULL, &v))
        st = one_line(s, v, WX_SGML_LOWER, "DOCTYPE", err);
    else
        wx_buf_reset(txt);
    if (st != WX_OK ||
        (st = wx_sgml_rec_meta(&s->r, a, "type", wx_buf_str(txt), err)))
        return st;

    if (wx_sgml_element(inner.p, inner.n, "HEADLINE", NULL, &v)) {
        if ((st = one_line(s, v, WX_SGML_LINE, "HEADLINE", err)) != WX_OK ||
            (st = wx_sgml_rec_set(&s->r, &a->title, err)) != WX_OK)
            return st;
    }
    if (wx_sgml_element(inner.p, inner.n, "DATELINE", NULL, &v)) {
        if ((st = one_line(s, v, WX_SGML_LINE, "DATELINE", err)) != WX_OK ||
            (st = wx_sgml_rec_dateline(&s->r, a, err)) != WX_OK)
            return st;
    }
    if (wx_sgml_element(inner.p, inner.n, "TEXT", NULL, &v)) {
        if ((st = build_body(s, v, err)) != WX_OK)
            return st;
        if (wx_article_set(&a->body, wx_buf_str(&s->body), s->body.len))
            return wx_sgml_rec_err(&s->r, WX_ENOMEM, "", 0, err);
    }
    return WX_OK;
}

static wx_status giga_next(void *state, wx_article *a, wx_err *err)
{
    giga_state *s = state;
    wx_status st = wx_sgml_scan_next(&s->r.sc, err);
    if (st != WX_OK)
        return st;
    st = parse_record(s, a, err);
    if (st != WX_OK)
        wx_article_reset(a);
    return st;
}

const wx_reader_ops wx_reader_gigaword = {
    .name = "gigaword",
    .sniff = giga_sniff,
    .open = giga_open,
    .next = giga_next,
    .close = giga_close,
};
