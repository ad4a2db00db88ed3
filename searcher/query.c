/*
 * User query text → Xapian query. Two passes: a small tokenizer that
 * normalises what Xapian's parser cannot know (the index folds filter
 * values to lower case; dates are stored as YYYYMMDD), then Xapian's
 * QueryParser with the prefixes registered from the schema table.
 */
#include "query.h"

#include "qbudget.h"
#include "wx_buf.h"
#include "wx_limits.h"
#include "wx_utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Normalised text grows (quotes, expanded dates), but boundedly. */
enum { NORM_MAX = 8 * WX_MAX_QUERY_BYTES };

wx_status wx_query_clean(const char *in, size_t len, char **out,
                         size_t *repairs, wx_err *err)
{
    *out = NULL;
    if (repairs != NULL)
        *repairs = 0;
    if (len > WX_MAX_QUERY_BYTES)
        return wx_err_set(err, WX_ETOOBIG,
                          "query is too long: %zu bytes (at most %d)", len,
                          (int)WX_MAX_QUERY_BYTES);
    wx_buf b;
    wx_buf_init(&b, 2 * (size_t)WX_MAX_QUERY_BYTES + 1);
    wx_utf8_repair(in, len, &b, repairs);
    wx_buf_putc(&b, '\0');  /* an empty query still yields a string */
    wx_status st = b.st;
    if (st != WX_OK) {
        wx_buf_free(&b);
        return wx_err_set(err, st, "query: out of memory");
    }
    size_t n = b.len - 1;
    char *s = wx_buf_steal(&b);
    if (s == NULL)
        return wx_err_set(err, WX_ENOMEM, "query: out of memory");
    /* NUL bytes would cut the query short: make them spaces. */
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0' || s[i] == '\t' || s[i] == '\n')
            s[i] = ' ';
    n = wx_utf8_strip_controls(s, n);
    s[n] = '\0';
    *out = s;
    return WX_OK;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int days_in(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

wx_status wx_query_date(const char *s, size_t len, bool end, char out[9],
                        wx_err *err)
{
    int y = 0, m = 0, d = 0;
    if (len == 4 && is_digits(s, 4)) {
        y = num(s, 4);
    } else if (len == 7 && s[4] == '-' && is_digits(s, 4) &&
               is_digits(s + 5, 2)) {
        y = num(s, 4);
        m = num(s + 5, 2);
    } else if (len == 10 && s[4] == '-' && s[7] == '-' && is_digits(s, 4) &&
               is_digits(s + 5, 2) && is_digits(s + 8, 2)) {
        y = num(s, 4);
        m = num(s + 5, 2);
        d = num(s + 8, 2);
    } else if (len == 8 && is_digits(s, 8)) {
        y = num(s, 4);
        m = num(s + 4, 2);
        d = num(s + 6, 2);
    } else {
        goto bad;
    }
    if (len > 4 && (m < 1 || m > 12))
        goto bad;
    if ((len == 10 || len == 8) && (d < 1 || d > days_in(y, m)))
        goto bad;
    if (m == 0)
        m = end ? 12 : 1;
    if (d == 0)
        d = end ? days_in(y, m) : 1;
    snprintf(out, 9, "%04d%02d%02d", y, m, d);
    return WX_OK;
bad:
    return wx_err_set(err, WX_EINVAL,
                      "bad date \"%.*s\": use YYYY-MM-DD, YYYY-MM or YYYY",
                      (int)(len > 40 ? 40 : len), s);
}

/* The Xapian operator words, which are neither text nor filters. */
static bool is_operator(const char *s, size_t n)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR",
                                      "ADJ"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t k = strlen(ops[i]);
        if (n == k && memcmp(s, ops[i], k) == 0)
            return true;
        /* NEAR/3, ADJ/2 */
        if (n > k + 1 && k >= 3 && memcmp(s, ops[i], k) == 0 &&
            s[k] == '/' && is_digits(s + k + 1, n - k - 1) &&
            (strcmp(ops[i], "NEAR") == 0 || strcmp(ops[i], "ADJ") == 0))
            return true;
    }
    return false;
}

typedef struct norm {
    const char *s;
    size_t i;
    wx_buf out;
    size_t positive;    /* terms or filters that select documents */
    size_t hated;       /* -terms */
    wx_query_info info;
    wx_err *err;
} norm;

/* Append text with double quotes doubled, as Xapian's quoted boolean
 * values expect. */
static void put_quoted(wx_buf *b, const char *v)
{
    wx_buf_putc(b, '"');
    for (; *v; v++) {
        if (*v == '"')
            wx_buf_putc(b, '"');
        wx_buf_putc(b, *v);
    }
    wx_buf_putc(b, '"');
}

/* A filter field's value, folded; n->i is just after the colon. */
static wx_status boolean_value(norm *n, const wx_schema_field *f)
{
    const char *s = n->s;
    wx_buf v;
    wx_buf_init(&v, WX_MAX_QUERY_BYTES + 1);
    if (s[n->i] == '"') {
        n->i++;
        while (s[n->i] != '\0') {
            if (s[n->i] == '"') {
                if (s[n->i + 1] != '"')
                    break;
                n->i++;  /* "" inside quotes is one quote */
            }
            wx_buf_putc(&v, s[n->i++]);
        }
        if (s[n->i] == '"')
            n->i++;
        /* An unterminated quote runs to the end, as Xapian reads it. */
    } else {
        while (s[n->i] != '\0' && !is_space(s[n->i]) && s[n->i] != ')')
            wx_buf_putc(&v, s[n->i++]);
    }
    if (v.st != WX_OK) {
        wx_buf_free(&v);
        return wx_err_set(n->err, v.st, "query: out of memory");
    }
    if (v.len == 0) {
        wx_buf_free(&v);
        return wx_err_set(n->err, WX_EQUERY,
                          "\"%s:\" needs a value, e.g. %s:\"some value\"",
                          f->name, f->name);
    }
    char *val = f->field == WX_FIELD_ID
                    ? wx_buf_steal(&v)
                    : wx_xapian_lower(v.data, v.len);
    wx_buf_free(&v);
    if (val == NULL)
        return wx_err_set(n->err, WX_ENOMEM, "query: out of memory");
    wx_buf_puts(&n->out, f->name);
    wx_buf_putc(&n->out, ':');
    put_quoted(&n->out, val);
    free(val);
    n->info.has_filter = true;
    return WX_OK;
}

/* date:A..B and friends, rewritten as date:YYYYMMDD..YYYYMMDD. */
static wx_status date_value(norm *n, const wx_schema_field *f)
{
    const char *s = n->s + n->i;
    size_t len = 0;
    while (s[len] != '\0' && !is_space(s[len]) && s[len] != ')')
        len++;
    n->i += len;
    if (len == 0)
        return wx_err_set(n->err, WX_EQUERY,
                          "\"%s:\" needs a date or a range, e.g. "
                          "%s:1987-03-01..1987-03-31", f->name, f->name);
    const char *dots = NULL;
    for (size_t k = 0; k + 1 < len; k++)
        if (s[k] == '.' && s[k + 1] == '.') {
            dots = s + k;
            break;
        }
    char lo[9] = "", hi[9] = "";
    wx_status st;
    if (dots == NULL) {
        st = wx_query_date(s, len, false, lo, n->err);
        if (st == WX_OK)
            st = wx_query_date(s, len, true, hi, n->err);
    } else {
        size_t alen = (size_t)(dots - s);
        size_t blen = len - alen - 2;
        if (alen == 0 && blen == 0)
            return wx_err_set(n->err, WX_EQUERY,
                              "\"%s:..\" needs at least one end, e.g. "
                              "%s:..1987-03-31", f->name, f->name);
        st = WX_OK;
        if (alen > 0)
            st = wx_query_date(s, alen, false, lo, n->err);
        if (st == WX_OK && blen > 0)
            st = wx_query_date(dots + 2, blen, true, hi, n->err);
    }
    if (st != WX_OK) {
        char why[WX_ERR_MSG_MAX];
        snprintf(why, sizeof why, "%s", n->err ? n->err->msg : "bad date");
        return wx_err_set(n->err, WX_EQUERY, "%s: %s", f->name, why);
    }
    if (lo[0] && hi[0] && strcmp(lo, hi) > 0)
        return wx_err_set(n->err, WX_EQUERY,
                          "date range %.*s ends before it starts",
                          (int)(len > 60 ? 60 : len), s);
    wx_buf_printf(&n->out, "%s:%s..%s", f->name, lo, hi);
    n->info.has_filter = true;
    return WX_OK;
}

/* At a token start: "name:" for a field of the schema? Returns the row
 * and sets *after to the byte after the colon. */
static const wx_schema_field *field_at(const char *s, size_t *after)
{
    size_t k = 0;
    char name[16];
    while (is_alpha(s[k]) && k < sizeof name - 1) {
        name[k] = s[k];
        k++;
    }
    if (k == 0 || s[k] != ':')
        return NULL;
    name[k] = '\0';
    const wx_schema_field *f = wx_schema_lookup(name);
    if (f == NULL || !(f->flags & WX_SF_QUERY))
        return NULL;
    *after = k + 1;
    return f;
}

/* Copy a "phrase" verbatim (to its closing quote or the end). */
static void copy_phrase(norm *n)
{
    const char *s = n->s;
    wx_buf_putc(&n->out, s[n->i++]);
    while (s[n->i] != '\0' && s[n->i] != '"')
        wx_buf_putc(&n->out, s[n->i++]);
    if (s[n->i] == '"')
        wx_buf_putc(&n->out, s[n->i++]);
}

static wx_status norm_token(norm *n, bool hate)
{
    const char *s = n->s;
    size_t after;
    const wx_schema_field *f = field_at(s + n->i, &after);
    if (f != NULL) {
        if (hate)
            n->hated++;
        else
            n->positive++;
        if (f->flags & WX_SF_BOOLEAN) {
            n->i += after;
            return boolean_value(n, f);
        }
        if (f->flags & WX_SF_RANGE) {
            n->i += after;
            return date_value(n, f);
        }
        /* A free-text field (title:): the name in lower case, then the
         * word or phrase as typed. */
        wx_buf_puts(&n->out, f->name);
        wx_buf_putc(&n->out, ':');
        n->i += after;
        n->info.has_text = true;
        if (s[n->i] == '"') {
            copy_phrase(n);
            return WX_OK;
        }
    } else if (s[n->i] == '"') {
        copy_phrase(n);
        n->info.has_text = true;
        if (hate)
            n->hated++;
        else
            n->positive++;
        return WX_OK;
    }
    size_t start = n->i;
    while (s[n->i] != '\0' && !is_space(s[n->i]))
        n->i++;
    size_t len = n->i - start;
    wx_buf_append(&n->out, s + start, len);
    if (f != NULL)
        return WX_OK;
    /* Classify: ")" and operator words select nothing themselves. */
    while (len > 0 && s[start + len - 1] == ')')
        len--;
    if (len == 0 || is_operator(s + start, len))
        return WX_OK;
    n->info.has_text = true;
    if (hate)
        n->hated++;
    else
        n->positive++;
    return WX_OK;
}

wx_status wx_query_normalize(const char *text, char **out,
                             wx_query_info *info, wx_err *err)
{
    *out = NULL;
    norm n = {.s = text, .err = err};
    wx_buf_init(&n.out, NORM_MAX);
    wx_status st = WX_OK;
    bool at_start = true;
    bool hate = false;
    while (st == WX_OK && text[n.i] != '\0') {
        char c = text[n.i];
        if (is_space(c) || c == '(' || c == ')') {
            wx_buf_putc(&n.out, c);
            n.i++;
            at_start = c != ')';
            hate = false;
            continue;
        }
        if (at_start && (c == '+' || c == '-')) {
            wx_buf_putc(&n.out, c);
            n.i++;
            hate = c == '-';
            at_start = false;
            if (text[n.i] != '\0' && !is_space(text[n.i]))
                st = norm_token(&n, hate);
            hate = false;
            continue;
        }
        st = norm_token(&n, hate);
        at_start = false;
    }
    if (st == WX_OK && n.out.st != WX_OK)
        st = wx_err_set(err, n.out.st, "query: too long once normalised");
    if (st == WX_OK && n.hated > 0 && n.positive == 0)
        st = wx_err_set(err, WX_EQUERY,
                        "the query only excludes words (-word): add a "
                        "word or a filter to search for");
    if (st == WX_OK) {
        wx_buf_putc(&n.out, '\0');
        *out = n.out.st == WX_OK ? wx_buf_steal(&n.out) : NULL;
        if (*out == NULL)
            st = wx_err_set(err, WX_ENOMEM, "query: out of memory");
    }
    wx_buf_free(&n.out);
    if (info != NULL)
        *info = n.info;
    return st;
}

/* Xapian's parser messages, reworded for people who typed the query. */
static wx_status explain(const char *text, wx_err *err)
{
    static const char *const ops[] = {"AND NOT", "AND", "OR", "XOR",
                                      "NOT", "NEAR", "ADJ"};
    char why[WX_ERR_MSG_MAX];
    snprintf(why, sizeof why, "%s", err ? err->msg : "");
    const char *what = NULL;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0] && what == NULL;
         i++) {
        char pat[48];
        snprintf(pat, sizeof pat, "<expression> %s <expression>", ops[i]);
        if (strstr(why, pat) != NULL)
            what = ops[i];
    }
    if (what != NULL)
        return wx_err_set(err, WX_EQUERY,
                          "malformed query \"%.60s\": %s needs a search "
                          "term on each side", text, what);
    if (strstr(why, "range") != NULL)
        return wx_err_set(err, WX_EQUERY,
                          "malformed query \"%.60s\": \"..\" is only for "
                          "date ranges, e.g. date:1987-03-01..1987-03-31",
                          text);
    return wx_err_set(err, WX_EQUERY, "malformed query \"%.60s\": %s", text,
                      why);
}

static wx_status add_prefixes(wx_qparser *qp, wx_err *err)
{
    wx_status st = WX_OK;
    for (int f = 0; f < WX_FIELD_COUNT && st == WX_OK; f++) {
        const wx_schema_field *row = wx_schema_get((wx_field)f);
        if (!(row->flags & WX_SF_QUERY))
            continue;
        if (row->flags & WX_SF_BOOLEAN)
            st = wx_qparser_add_boolean_prefix(
                qp, row->name, row->prefix, !(row->flags & WX_SF_MULTI), err);
        else if (row->flags & WX_SF_RANGE)
            st = wx_qparser_add_date_range(qp, row->name,
                                           (unsigned)row->slot, err);
        else if ((row->flags & WX_SF_TEXT) && row->prefix != NULL)
            st = wx_qparser_add_prefix(qp, row->name, row->prefix, err);
    }
    return st;
}

/* Words so common in English wire copy that they do not select. */
static const char *const english_stopwords[] = {
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has",
    "have", "in", "is", "it", "its", "of", "on", "or", "that", "the",
    "to", "was", "were", "will", "with",
};

wx_status wx_query_parse_text(const char *text, const wx_query_opts *opts,
                              wx_query **out, wx_query_info *info,
                              char **corrected, wx_err *err)
{
    *out = NULL;
    if (corrected != NULL)
        *corrected = NULL;
    wx_query_info qi = {0};
    char *norm_text = NULL;
    wx_qparser *qp = NULL;
    wx_query *q = NULL;
    wx_status st = wx_query_normalize(text, &norm_text, &qi, err);
    if (info != NULL)
        *info = qi;
    if (st == WX_OK)    /* what it may cost, before Xapian sees it */
        st = wx_qbudget_check(norm_text, opts->db, WX_QUERY_MAX_WILDCARD,
                              NULL, err);
    if (st != WX_OK)
        goto done;
    st = wx_qparser_new(opts->lang, opts->db, &qp, err);
    if (st != WX_OK) {
        if (st != WX_ENOMEM)
            st = wx_err_set(err, WX_EINVAL, "unknown stemming language "
                            "\"%.40s\" (try english, french, none...)",
                            opts->lang ? opts->lang : "");
        goto done;
    }
    st = add_prefixes(qp, err);
    if (st != WX_OK)
        goto done;
    wx_qparser_set_default_op(qp, WX_OP_AND);
    wx_qparser_set_stem_all(qp, opts->stem_all);
    /*
     * English function words match nearly every article: requiring them
     * (AND) changes no ranking but makes the matcher walk the whole
     * index ("the year": 6.6 ms on 216,000 articles). They are dropped
     * from English queries unless nothing else is left; phrases keep
     * them, as positions are indexed for every word.
     */
    if (opts->lang != NULL && strcmp(opts->lang, "english") == 0 &&
        (st = wx_qparser_set_stopwords(qp, english_stopwords,
                                       sizeof english_stopwords /
                                           sizeof *english_stopwords,
                                       err)) != WX_OK)
        goto done;
    unsigned flags = WX_QP_BOOLEAN | WX_QP_PHRASE | WX_QP_LOVEHATE |
                     WX_QP_WILDCARD | WX_QP_PURE_NOT;
    if (opts->db != NULL) {
        st = wx_qparser_set_max_wildcard(qp, WX_QUERY_MAX_WILDCARD, err);
        if (st != WX_OK)
            goto done;
        if (opts->spelling)
            flags |= WX_QP_SPELLING;
    }
    st = wx_qparser_parse(qp, norm_text, flags, &q, err);
    if (st == WX_EQUERY) {
        st = explain(text, err);
        goto done;
    }
    if (st != WX_OK)
        goto done;
    if (corrected != NULL && (flags & WX_QP_SPELLING))
        *corrected = wx_qparser_corrected(qp);
    if (wx_query_empty(q)) {
        wx_query_free(q);
        q = NULL;
    }
    *out = q;
    q = NULL;
done:
    wx_query_free(q);
    wx_qparser_free(qp);
    free(norm_text);
    return st;
}

wx_status wx_query_filter(wx_field f, const char *value, wx_query **out,
                          wx_err *err)
{
    *out = NULL;
    const wx_schema_field *row = wx_schema_get(f);
    if (row == NULL || !(row->flags & WX_SF_BOOLEAN))
        return wx_err_set(err, WX_EINVAL, "not a filter field");
    char *term = wx_schema_term(f, value);
    if (term == NULL)
        return wx_err_set(err, WX_ENOMEM, "filter: out of memory");
    wx_status st = wx_query_term(term, out, err);
    free(term);
    return st;
}

wx_status wx_query_date_range(const char *from, const char *to,
                              wx_query **out, wx_err *err)
{
    *out = NULL;
    char lo[9], hi[9];
    if (from != NULL && *from == '\0')
        from = NULL;
    if (to != NULL && *to == '\0')
        to = NULL;
    if (from == NULL && to == NULL)
        return WX_OK;
    if (from != NULL &&
        wx_query_date(from, strlen(from), false, lo, err) != WX_OK)
        return WX_EINVAL;
    if (to != NULL && wx_query_date(to, strlen(to), true, hi, err) != WX_OK)
        return WX_EINVAL;
    if (from != NULL && to != NULL && strcmp(lo, hi) > 0)
        return wx_err_set(err, WX_EINVAL, "date range ends before it "
                          "starts: %.20s..%.20s", from, to);
    const wx_schema_field *row = wx_schema_get(WX_FIELD_DATE);
    return wx_query_range((unsigned)row->slot, from ? lo : NULL,
                          to ? hi : NULL, out, err);
}
