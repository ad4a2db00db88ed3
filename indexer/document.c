/*
 * Building one Xapian document from one article. Title words are indexed
 * twice: under the title prefix (for title: searches) and unprefixed with
 * a higher wdf, so free-text ranking favours title matches without a
 * second posting list per body word.
 */
#include "document.h"
#include "wx_limits.h"
#include "wx_schema.h"
#include "wx_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static wx_status build_doc(wx_docbuilder *b, const wx_article *a,
                           wx_doc **out, char **uterm, wx_err *err);

/* Deflate level of stored records: see docs/schema.md for what the
 * levels store and cost. */
enum { STORE_LEVEL = 9 };

wx_status wx_docbuilder_init(wx_docbuilder *b, const char *lang,
                             bool stem_all, wx_err *err)
{
    memset(b, 0, sizeof *b);
    wx_buf_init(&b->stored, WX_MAX_STORED_BYTES);
    wx_status st = wx_zcodec_new(STORE_LEVEL, &b->z, err);
    if (st != WX_OK)
        return st;
    return wx_termgen_new(lang, stem_all ? WX_TG_STEM_ALL : 0, NULL, &b->tg,
                          err);
}

void wx_docbuilder_free(wx_docbuilder *b)
{
    if (b == NULL)
        return;
    wx_termgen_free(b->tg);
    wx_zcodec_free(b->z);
    b->z = NULL;
    wx_buf_free(&b->stored);
    b->tg = NULL;
}

/* Add the boolean term of field f for value, if any. */
static wx_status add_term(wx_doc *doc, wx_field f, const char *value,
                          wx_err *err)
{
    if (value == NULL || *value == '\0')
        return WX_OK;
    char *t = wx_schema_term(f, value);
    if (t == NULL)
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    wx_status st = wx_doc_add_boolean_term(doc, t, err);
    free(t);
    return st;
}

static wx_status set_value(wx_doc *doc, wx_field f, const char *v,
                           size_t n, wx_err *err)
{
    if (v == NULL || n == 0)
        return WX_OK;
    return wx_doc_set_value(doc, (unsigned)wx_schema_get(f)->slot, v, n,
                            err);
}

/* Whether l->v[i] repeats an earlier value (ASCII case folded, as the
 * terms are). Lists are short: a quadratic scan is cheapest. */
static bool repeated(const wx_strlist *l, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (strcasecmp(l->v[k], l->v[i]) == 0)
            return true;
    return false;
}

/* Terms for each value, and the k-th distinct value in the field's
 * slot + k (wx_schema.h). A value the source repeats (Reuters-21578
 * lists "france" twice in places) goes in once, so facets count each
 * document once. */
static wx_status add_list(wx_doc *doc, wx_field f, const wx_strlist *l,
                          wx_err *err)
{
    const wx_schema_field *row = wx_schema_get(f);
    unsigned k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (repeated(l, i) || *l->v[i] == '\0')
            continue;
        if (k == wx_schema_span(f))
            return wx_err_set(err, WX_ETOOBIG, "more than %u %s values",
                              wx_schema_span(f), row->name);
        wx_status st = add_term(doc, f, l->v[i], err);
        if (st == WX_OK)
            st = wx_doc_set_value(doc, (unsigned)row->slot + k, l->v[i],
                                  strlen(l->v[i]), err);
        if (st != WX_OK)
            return st;
        k++;
    }
    return WX_OK;
}

/* Values derived from the ISO date: YYYYMMDD, year, month, sort key. */
static wx_status add_date(wx_doc *doc, const char *date, wx_err *err)
{
    if (date == NULL || strlen(date) < 10)
        return WX_OK;
    char ymd[9], year[5], month[8], sortkey[15];
    memcpy(year, date, 4);
    year[4] = '\0';
    memcpy(month, date, 7);
    month[7] = '\0';
    snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", date, date + 5, date + 8);
    /* "1987-02-26T15:01:01" → "19870226150101"; no time sorts first. */
    const char *t = strlen(date) >= 19 && date[10] == 'T' ? date + 11
                                                         : "00:00:00";
    snprintf(sortkey, sizeof sortkey, "%s%.2s%.2s%.2s", ymd, t, t + 3,
             t + 6);
    wx_status st;
    if ((st = set_value(doc, WX_FIELD_DATE, ymd, 8, err)) != WX_OK ||
        (st = set_value(doc, WX_FIELD_SORTDATE, sortkey, 14, err)) != WX_OK ||
        (st = set_value(doc, WX_FIELD_YEAR, year, 4, err)) != WX_OK ||
        (st = set_value(doc, WX_FIELD_MONTH, month, 7, err)) != WX_OK ||
        (st = add_term(doc, WX_FIELD_YEAR, year, err)) != WX_OK)
        return st;
    return add_term(doc, WX_FIELD_MONTH, month, err);
}

static wx_status index_text(wx_docbuilder *b, wx_doc *doc,
                            const wx_article *a, wx_err *err)
{
    wx_status st = WX_OK;
    wx_termgen_set_doc(b->tg, doc);
    if (a->title != NULL) {
        size_t n = strlen(a->title);
        const wx_schema_field *title = wx_schema_get(WX_FIELD_TITLE);
        if ((st = wx_termgen_index(b->tg, a->title, n, title->wdf,
                                   title->prefix, err)) != WX_OK)
            return st;
        wx_termgen_gap(b->tg);
        if ((st = wx_termgen_index(b->tg, a->title, n, WX_TITLE_BODY_WDF,
                                   "", err)) != WX_OK)
            return st;
        wx_termgen_gap(b->tg);
    }
    if (a->body != NULL)
        st = wx_termgen_index(b->tg, a->body, strlen(a->body),
                              wx_schema_get(WX_FIELD_BODY)->wdf, "", err);
    return st;
}

wx_status wx_docbuilder_write(wx_docbuilder *b, wx_db *db,
                              const wx_article *a, wx_index_counts *c,
                              wx_err *err)
{
    wx_doc *doc = NULL;
    char *uterm = NULL;
    size_t raw = 0, stored = 0;
    uint64_t had = 0;
    wx_status st = wx_docbuilder_build(b, a, &doc, &uterm, &raw, &stored,
                                       err);
    if (st != WX_OK) {
        if (st == WX_EFORMAT || st == WX_ETOOBIG || st == WX_EINVAL) {
            wx_err e = *err;
            wx_err_set(err, st, "%s:%ld: %s", a->src_file, a->src_line,
                       e.msg);
        }
        return st;
    }
    /* Past this point the article was fine: failures are the database's. */
    st = wx_db_termfreq(db, uterm, &had, err);
    if (st == WX_OK && (st = wx_db_replace(db, uterm, doc, NULL, err)) ==
                           WX_OK) {
        if (had > 0)
            c->replaced++;
        else
            c->added++;
        c->raw_bytes += raw;
        c->stored_bytes += stored;
    }
    wx_doc_free(doc);
    free(uterm);
    return st == WX_EFORMAT || st == WX_EINVAL ? WX_EDB : st;
}

/* The document's terms and values (no data yet) and its id term. */
static wx_status build_doc(wx_docbuilder *b, const wx_article *a,
                           wx_doc **out, char **uterm, wx_err *err)
{
    *out = NULL;
    *uterm = NULL;
    wx_doc *doc = NULL;
    char *ut = wx_schema_term(WX_FIELD_ID, a->id);
    if (ut == NULL)
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    wx_status st = wx_doc_new(&doc, err);
    if (st != WX_OK)
        goto done;
    const char *type = wx_article_meta(a, "type");
    if ((st = wx_doc_add_boolean_term(doc, ut, err)) != WX_OK ||
        (st = index_text(b, doc, a, err)) != WX_OK ||
        (st = add_term(doc, WX_FIELD_AGENCY, a->agency, err)) != WX_OK ||
        (st = add_term(doc, WX_FIELD_DATELINE, a->dateline, err)) != WX_OK ||
        (st = add_term(doc, WX_FIELD_TYPE, type, err)) != WX_OK ||
        (st = add_list(doc, WX_FIELD_TOPIC, &a->topics, err)) != WX_OK ||
        (st = add_list(doc, WX_FIELD_PLACE, &a->places, err)) != WX_OK ||
        (st = add_date(doc, a->date, err)) != WX_OK)
        goto done;
    if ((st = set_value(doc, WX_FIELD_AGENCY, a->agency,
                        a->agency ? strlen(a->agency) : 0, err)) != WX_OK ||
        (st = set_value(doc, WX_FIELD_DATELINE, a->dateline,
                        a->dateline ? strlen(a->dateline) : 0, err)) !=
            WX_OK ||
        (st = set_value(doc, WX_FIELD_TYPE, type, type ? strlen(type) : 0,
                        err)) != WX_OK)
        goto done;
    *out = doc;
    *uterm = ut;
    return WX_OK;
done:
    wx_doc_free(doc);
    free(ut);
    return st;
}

wx_status wx_docbuilder_build(wx_docbuilder *b, const wx_article *a,
                              wx_doc **out, char **uterm, size_t *raw,
                              size_t *stored, wx_err *err)
{
    wx_status st = build_doc(b, a, out, uterm, err);
    if (st != WX_OK)
        return st;
    char sizes[48];
    wx_buf_reset(&b->stored);
    if ((st = wx_store_encode(a, b->z, &b->stored, raw, err)) ==
        WX_OK) {
        *stored = b->stored.len;
        int n = snprintf(sizes, sizeof sizes, "%zu %zu", *raw, *stored);
        st = wx_doc_set_value(*out,
                              (unsigned)wx_schema_get(WX_FIELD_SIZES)->slot,
                              sizes, (size_t)n, err);
    }
    if (st == WX_OK)
        st = wx_doc_set_data(*out, b->stored.data, b->stored.len, err);
    if (st != WX_OK) {
        wx_doc_free(*out);
        free(*uterm);
        *out = NULL;
        *uterm = NULL;
    }
    return st;
}
