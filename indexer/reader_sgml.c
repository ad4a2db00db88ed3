/*
 * Reuters-21578 SGML (Lewis DTD, reut2-*.sgm): one article per
 * <REUTERS> record, streamed a record at a time. Text is read exactly as
 * ../shared/tools/reuters-to-jsonl reads it (the reference); this file
 * adds what the reference leaves out (dateline city, codes of people,
 * organisations and exchanges, byline, split attributes) as metadata.
 */
#include "reader.h"

#include "sgml.h"
#include "wx_date.h"
#include "wx_buf.h"
#include "wx_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Nothing beyond the shared record state: txt is the field being built. */
typedef wx_sgml_rec sgml_state;

static int sgml_sniff(const char *head, size_t n)
{
    if (wx_sgml_find(head, n, "<!DOCTYPE lewis", 15) != NULL)
        return 100;
    const char *p = wx_sgml_find(head, n, "<REUTERS", 8);
    if (p != NULL && (p + 8 == head + n || p[8] == ' ' || p[8] == '>' ||
                      p[8] == '\n' || p[8] == '\r' || p[8] == '\t'))
        return 95;
    return 0;
}

static wx_status sgml_open(wx_input *in, const wx_reader_opts *opts,
                           void **state, wx_err *err)
{
    (void)opts;
    *state = NULL;
    sgml_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    wx_sgml_rec_init(s, in, "<REUTERS", "</REUTERS>");
    *state = s;
    return WX_OK;
}

static void sgml_close(void *state)
{
    sgml_state *s = state;
    if (s == NULL)
        return;
    wx_sgml_rec_free(s);
    free(s);
}

/*
 * The <D> codes of one category element (TOPICS, PLACES...). With list,
 * each code is added to it; otherwise they are joined with ", " into
 * metadata key.
 */
static wx_status codes(sgml_state *s, wx_article *a, wx_sgml_span inner,
                       const char *tag, wx_strlist *list, const char *key,
                       wx_err *err)
{
    wx_sgml_span blk;
    if (!wx_sgml_element(inner.p, inner.n, tag, NULL, &blk))
        return WX_OK;
    wx_buf joined;
    wx_buf_init(&joined, WX_MAX_FIELD_BYTES);
    wx_status st = WX_OK;
    size_t count = 0;
    const char *p = blk.p;
    const char *end = blk.p + blk.n;
    for (;;) {
        const char *o = wx_sgml_find(p, (size_t)(end - p), "<D>", 3);
        if (o == NULL)
            break;
        const char *c = wx_sgml_find(o + 3, (size_t)(end - o - 3), "</D>", 4);
        if (c == NULL)
            break;
        p = c + 4;
        st = wx_sgml_rec_shape(s, o + 3, (size_t)(c - o - 3), WX_SGML_LINE,
                               WX_MAX_FIELD_BYTES, tag, err);
        if (st != WX_OK)
            goto done;
        if (s->txt.len == 0)
            continue;
        if (++count > WX_MAX_LIST_ITEMS) {
            st = wx_err_set(err, WX_EFORMAT, "%s:%ld: more than %d %s "
                            "codes", wx_input_name(s->sc.in),
                            s->sc.rec_line, WX_MAX_LIST_ITEMS, tag);
            goto done;
        }
        if (list != NULL) {
            if (wx_strlist_add(list, s->txt.data, s->txt.len) != WX_OK) {
                st = wx_sgml_rec_err(s, WX_ENOMEM, "", 0, err);
                goto done;
            }
        } else {
            if (joined.len > 0)
                wx_buf_puts(&joined, ", ");
            wx_buf_append(&joined, s->txt.data, s->txt.len);
        }
    }
    if (list == NULL) {
        if (joined.st != WX_OK) {
            st = wx_sgml_rec_err(s, joined.st, tag, joined.max, err);
            goto done;
        }
        st = wx_sgml_rec_meta(s, a, key, wx_buf_str(&joined), err);
    }
done:
    wx_buf_free(&joined);
    return st;
}

/*
 * "26-FEB-1987 15:01:01.79" (anywhere in s) to "1987-02-26T15:01:01",
 * through the one date parser. No time gives T00:00:00, and so do a
 * time without seconds and an impossible hour (one article has
 * "605:12:19.12"), as the reference does. False when there is no date.
 */
static bool iso_date(const char *s, size_t n, char *out, size_t outlen)
{
    for (size_t p = 0; p < n; p++) {
        /* Only the Reuters form: one or two digits and a '-'. */
        size_t q = p;
        while (q < n && q < p + 2 && s[q] >= '0' && s[q] <= '9')
            q++;
        if (q == p || q >= n || s[q] != '-')
            continue;
        wx_date d;
        size_t k = wx_date_scan(s + p, n - p, &d);
        if (k == 0)
            continue;
        /* The reference reads a time only as H:MM:SS. */
        const char *c1 = memchr(s + p, ':', k);
        size_t rest = c1 != NULL ? k - (size_t)(c1 + 1 - (s + p)) : 0;
        if (c1 == NULL || memchr(c1 + 1, ':', rest) == NULL)
            d.hour = d.min = d.sec = 0;
        d.has_time = true;  /* midnight when none was read */
        return wx_date_iso(&d, out, outlen) > 0;
    }
    return false;
}

static bool digits(const char *p, const char *end, size_t n)
{
    if ((size_t)(end - p) < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return false;
    return true;
}

/* The NEWID attribute as a number; false when absent or not digits. */
static bool newid(wx_sgml_span attrs, long long *id)
{
    wx_sgml_span v;
    if (!wx_sgml_attr(attrs, "NEWID", &v) || v.n == 0 || v.n > 18)
        return false;
    if (!digits(v.p, v.p + v.n, v.n))
        return false;
    long long x = 0;
    for (size_t i = 0; i < v.n; i++)
        x = x * 10 + (v.p[i] - '0');
    *id = x;
    return true;
}

/* Copy an attribute value (if present) into metadata key, lower-cased
 * when lower is set. */
static wx_status attr_meta(sgml_state *s, wx_article *a, wx_sgml_span attrs,
                           const char *name, const char *key, bool lower,
                           wx_err *err)
{
    wx_sgml_span v;
    if (!wx_sgml_attr(attrs, name, &v))
        return WX_OK;
    wx_status st = wx_sgml_rec_shape(s, v.p, v.n,
                                     lower ? WX_SGML_LOWER : WX_SGML_LINE,
                                     WX_MAX_FIELD_BYTES, name, err);
    if (st != WX_OK)
        return st;
    return wx_sgml_rec_meta(s, a, key, wx_buf_str(&s->txt), err);
}

/* Strip the trailing " - " of a one-line dateline, as the reference. */
static void drop_dash(wx_buf *b)
{
    size_t n = b->len;
    while (n > 0 && b->data[n - 1] == ' ')
        n--;
    if (n > 0 && b->data[n - 1] == '-') {
        n--;
        while (n > 0 && b->data[n - 1] == ' ')
            n--;
        b->len = n;
        b->data[n] = '\0';
    }
}

static wx_status parse_record(sgml_state *s, wx_article *a, wx_err *err)
{
    const char *name = wx_input_name(s->sc.in);
    long line = s->sc.rec_line;
    const char *rec = s->sc.rec.data;
    size_t len = s->sc.rec.len;
    a->src_file = name;
    a->src_line = line;

    /* "<REUTERS" is at rec[0]; its attributes run to the first ">". */
    const char *gt = memchr(rec + 8, '>', len - 8);
    if (gt == NULL)
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: <REUTERS> tag not "
                          "closed", name, line);
    wx_sgml_span attrs = {rec + 8, (size_t)(gt - rec - 8)};
    wx_sgml_span inner = {gt + 1, (size_t)(rec + len - gt - 1)};

    long long nid;
    if (!newid(attrs, &nid))
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: <REUTERS> without a "
                          "numeric NEWID", name, line);
    char idbuf[48];
    snprintf(idbuf, sizeof idbuf, "reuters21578-%lld", nid);
    wx_status st = wx_article_set(&a->id, idbuf, (size_t)-1);
    if (st == WX_OK)
        st = wx_article_set(&a->agency, "Reuters", (size_t)-1);
    if (st != WX_OK)
        return wx_sgml_rec_err(s, st, "", 0, err);

    wx_sgml_span v;
    if (wx_sgml_element(inner.p, inner.n, "DATE", NULL, &v)) {
        char date[40];
        if (iso_date(v.p, v.n, date, sizeof date) &&
            wx_article_set(&a->date, date, (size_t)-1) != WX_OK)
            return wx_sgml_rec_err(s, WX_ENOMEM, "", 0, err);
    }
    if ((st = codes(s, a, inner, "TOPICS", &a->topics, NULL, err)) ||
        (st = codes(s, a, inner, "PLACES", &a->places, NULL, err)) ||
        (st = codes(s, a, inner, "PEOPLE", NULL, "people", err)) ||
        (st = codes(s, a, inner, "ORGS", NULL, "orgs", err)) ||
        (st = codes(s, a, inner, "EXCHANGES", NULL, "exchanges", err)) ||
        (st = codes(s, a, inner, "COMPANIES", NULL, "companies", err)))
        return st;

    wx_sgml_span tattrs = {NULL, 0}, text = {"", 0};
    wx_sgml_element(inner.p, inner.n, "TEXT", &tattrs, &text);
    wx_sgml_span title, dateline, body, author;
    bool has_title = wx_sgml_element(text.p, text.n, "TITLE", NULL, &title);
    bool has_dl = wx_sgml_element(text.p, text.n, "DATELINE", NULL,
                                  &dateline);
    bool has_body = wx_sgml_element(text.p, text.n, "BODY", NULL, &body);

    if (has_title) {
        if ((st = wx_sgml_rec_shape(s, title.p, title.n, WX_SGML_LINE,
                                    WX_MAX_FIELD_BYTES, "TITLE",
                                    err)) != WX_OK ||
            (st = wx_sgml_rec_set(s, &a->title, err)) != WX_OK)
            return st;
    }
    if (has_dl) {
        st = wx_sgml_rec_shape(s, dateline.p, dateline.n, WX_SGML_LINE,
                               WX_MAX_FIELD_BYTES, "DATELINE", err);
        if (st != WX_OK)
            return st;
        drop_dash(&s->txt);
        if ((st = wx_sgml_rec_dateline(s, a, err)) != WX_OK)
            return st;
    }
    if (has_body) {
        st = wx_sgml_rec_shape(s, body.p, body.n, WX_SGML_PARAS,
                               WX_MAX_BODY_BYTES, "BODY", err);
    } else if (!has_title && !has_dl) {
        /* TYPE="UNPROC": the bare text of <TEXT> is the body. */
        st = wx_sgml_rec_shape(s, text.p, text.n,
                               WX_SGML_PARAS | WX_SGML_STRIP,
                               WX_MAX_BODY_BYTES, "TEXT", err);
    } else {
        wx_buf_reset(&s->txt);
    }
    if (st != WX_OK || (st = wx_sgml_rec_set(s, &a->body, err)) != WX_OK)
        return st;

    if (wx_sgml_element(text.p, text.n, "AUTHOR", NULL, &author)) {
        if ((st = wx_sgml_rec_shape(s, author.p, author.n, WX_SGML_LINE,
                                    WX_MAX_FIELD_BYTES, "AUTHOR",
                                    err)) != WX_OK ||
            (st = wx_sgml_rec_meta(s, a, "byline", wx_buf_str(&s->txt),
                                   err)))
            return st;
    }
    if ((st = attr_meta(s, a, tattrs, "TYPE", "type", true, err)) ||
        (st = attr_meta(s, a, attrs, "OLDID", "oldid", false, err)) ||
        (st = attr_meta(s, a, attrs, "LEWISSPLIT", "lewissplit", false,
                        err)) ||
        (st = attr_meta(s, a, attrs, "CGISPLIT", "cgisplit", false, err)) ||
        (st = attr_meta(s, a, attrs, "TOPICS", "topics_attr", false, err)))
        return st;
    return WX_OK;
}

static wx_status sgml_next(void *state, wx_article *a, wx_err *err)
{
    sgml_state *s = state;
    wx_status st = wx_sgml_scan_next(&s->sc, err);
    if (st != WX_OK)
        return st;
    st = parse_record(s, a, err);
    if (st != WX_OK)
        wx_article_reset(a);
    return st;
}

const wx_reader_ops wx_reader_reuters_sgml = {
    .name = "reuters-sgml",
    .sniff = sgml_sniff,
    .open = sgml_open,
    .next = sgml_next,
    .close = sgml_close,
};
