/*
 * User query text → Xapian query. Syntax takes two passes: a small
 * tokenizer that normalises what Xapian's parser cannot know (the index
 * folds filter values to lower case; dates are stored as YYYYMMDD),
 * then Xapian's QueryParser with the prefixes registered from the
 * schema table. Words (natural queries) go through the indexer's term
 * generator instead, so that both sides tokenise alike.
 */
#include "query.h"

#include "qbudget.h"
#include "wx_buf.h"
#include "wx_date.h"
#include "wx_limits.h"
#include "wx_utf8.h"

#include <math.h>
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

/* The last day of month m of year y. */
static int days_in(int y, int m)
{
    int d = 31;
    while (d > 28 && !wx_date_valid_day(y, m, d))
        d--;
    return d;
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
    size_t hated;       /* -terms, and terms after a NOT */
    bool not_next;      /* the last token was NOT: the next one excludes */
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
    /* Folded as the index folds it (aliases, case, accents). */
    wx_buf_putc(&v, '\0');
    char *val = v.st == WX_OK ? wx_schema_value(f->field, v.data) : NULL;
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

/* "name:value" with a name of letters that is not a field of the
 * schema (URLs, "http://...", are left as words). */
static wx_status unknown_field(norm *n)
{
    const char *s = n->s + n->i;
    size_t k = 0;
    while (is_alpha(s[k]))
        k++;
    if (k == 0 || s[k] != ':' || s[k + 1] == '\0' || is_space(s[k + 1]) ||
        s[k + 1] == '/')
        return WX_OK;
    char names[256];
    wx_schema_names(WX_SF_QUERY, names, sizeof names);
    return wx_err_set(n->err, WX_EQUERY, "unknown field \"%.*s:\" (the "
                      "fields are %s)", (int)(k > 40 ? 40 : k), s, names);
}

/* Parentheses must pair up (outside "phrases"): an error says which one
 * does not, by its character position from 1. */
static wx_status check_parens(const char *text, wx_err *err)
{
    size_t depth = 0, open_at = 0, chars = 0;
    bool quoted = false;
    for (size_t i = 0; text[i] != '\0'; i++) {
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            chars++;
        if (text[i] == '"')
            quoted = !quoted;
        if (quoted)
            continue;
        if (text[i] == '(' && depth++ == 0)
            open_at = chars;
        if (text[i] == ')' && depth-- == 0)
            return wx_err_set(err, WX_EQUERY, "malformed query: the \")\" "
                              "at character %zu closes nothing", chars);
    }
    if (depth > 0)
        return wx_err_set(err, WX_EQUERY, "malformed query: the \"(\" at "
                          "character %zu is never closed", open_at);
    return WX_OK;
}

static wx_status norm_token(norm *n, bool hate)
{
    const char *s = n->s;
    size_t after;
    hate = hate || n->not_next;
    n->not_next = false;
    const wx_schema_field *f = field_at(s + n->i, &after);
    if (f == NULL && s[n->i] != '"') {
        wx_status st = unknown_field(n);
        if (st != WX_OK)
            return st;
    }
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
    /* NOT word excludes word, as -word does (wx_query_normalize). */
    if (len == 3 && memcmp(s + start, "NOT", 3) == 0)
        n->not_next = true;
    if (len == 0 || is_operator(s + start, len))
        return WX_OK;
    n->info.has_text = true;
    if (hate)
        n->hated++;
    else
        n->positive++;
    return WX_OK;
}

/* One normalising pass over text into n. pure_not: the query only
 * excludes, and -word is written NOT word, which Xapian reads as every
 * article but those (its -word alone would match word instead). */
static wx_status norm_run(norm *n, bool pure_not)
{
    const char *text = n->s;
    wx_status st = WX_OK;
    bool at_start = true;
    bool hate = false;
    while (st == WX_OK && text[n->i] != '\0') {
        char c = text[n->i];
        if (is_space(c) || c == '(' || c == ')') {
            wx_buf_putc(&n->out, c);
            n->i++;
            at_start = c != ')';
            hate = false;
            if (c == '(')
                n->not_next = false;
            continue;
        }
        if (at_start && (c == '+' || c == '-')) {
            if (pure_not && c == '-')
                wx_buf_puts(&n->out, "NOT ");
            else
                wx_buf_putc(&n->out, c);
            n->i++;
            hate = c == '-';
            at_start = false;
            if (text[n->i] != '\0' && !is_space(text[n->i]))
                st = norm_token(n, hate);
            hate = false;
            continue;
        }
        st = norm_token(n, hate);
        at_start = false;
    }
    if (st == WX_OK && n->out.st != WX_OK)
        st = wx_err_set(n->err, n->out.st, "query: too long once "
                        "normalised");
    return st;
}

wx_status wx_query_normalize(const char *text, char **out,
                             wx_query_info *info, wx_err *err)
{
    *out = NULL;
    norm n = {.s = text, .err = err};
    wx_buf_init(&n.out, NORM_MAX);
    wx_status st = check_parens(text, err);
    if (st == WX_OK)
        st = norm_run(&n, false);
    /* "-cocoa" alone means what "NOT cocoa" alone means: every article
     * without cocoa. */
    if (st == WX_OK && n.hated > 0 && n.positive == 0) {
        wx_buf_free(&n.out);
        n = (norm){.s = text, .err = err};
        wx_buf_init(&n.out, NORM_MAX);
        st = norm_run(&n, true);
    }
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

static wx_status parse_syntax(const char *text, const wx_query_opts *opts,
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
    wx_qparser_set_default_op(qp, opts->match == WX_MATCH_ANY ? WX_OP_OR
                                                              : WX_OP_AND);
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

/* ---- natural queries ---- */

static bool is_english(const char *lang)
{
    return lang != NULL && strcmp(lang, "english") == 0;
}

/*
 * Function words of English questions and prose: they select nothing
 * ("what", "must", "been" are in most articles' neighbourhood) and under
 * OR would make every article a match. Used for natural queries only;
 * syntax keeps the shorter list above, as before.
 */
static const char *const natural_stopwords[] = {
    "a", "about", "above", "after", "again", "against", "all", "also",
    "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
    "before", "being", "below", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "done", "down", "during",
    "each", "few", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "herself", "him", "himself",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
    "just", "may", "me", "might", "more", "most", "must", "my", "myself",
    "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
    "other", "our", "ours", "ourselves", "out", "over", "own", "said",
    "same", "say", "says", "shall", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "theirs", "them", "themselves",
    "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "under", "until", "up", "upon", "us", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "would", "you", "your", "yours", "yourself",
};

/* The words of a natural query: terms with their counts. */
typedef struct words {
    char **term;
    unsigned *wqf;
    uint64_t *df;       /* document frequency (0 without a database) */
    size_t n, cap;
    wx_status st;
} words;

static bool add_word(void *ctx, const char *term, size_t len,
                     uint64_t count)
{
    words *w = ctx;
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 32;
        char **t = realloc(w->term, cap * sizeof *t);
        if (t != NULL)
            w->term = t;
        unsigned *q = t ? realloc(w->wqf, cap * sizeof *q) : NULL;
        if (q != NULL)
            w->wqf = q;
        if (q == NULL) {
            w->st = WX_ENOMEM;
            return false;
        }
        w->cap = cap;
    }
    w->term[w->n] = strndup(term, len);
    if (w->term[w->n] == NULL) {
        w->st = WX_ENOMEM;
        return false;
    }
    w->wqf[w->n++] = count > 1000 ? 1000 : (unsigned)count;
    return true;
}

static void words_free(words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->term[i]);
    free(w->term);
    free(w->wqf);
    free(w->df);
    memset(w, 0, sizeof *w);
}

/* A term generator set up as the indexer's; stopwords dropped when
 * stop. */
static wx_status make_termgen(const wx_query_opts *opts, bool stop,
                              wx_termgen **tg, wx_err *err)
{
    const char *lang = opts->lang ? opts->lang : "english";
    unsigned flags = opts->stem_all ? WX_TG_STEM_ALL : 0;
    if (strcmp(lang, "none") == 0)
        flags = WX_TG_STEM_NONE;
    wx_status st = wx_termgen_new(lang, flags, NULL, tg, err);
    if (st != WX_OK) {
        if (st != WX_ENOMEM)
            st = wx_err_set(err, WX_EINVAL, "unknown stemming language "
                            "\"%.40s\" (try english, french, none...)",
                            lang);
        return st;
    }
    if (stop && is_english(lang))
        st = wx_termgen_set_stopwords(
            *tg, natural_stopwords,
            sizeof natural_stopwords / sizeof *natural_stopwords, err);
    if (st != WX_OK) {
        wx_termgen_free(*tg);
        *tg = NULL;
    }
    return st;
}

/* Tokenise text as the indexer does; stopwords dropped when stop. */
static wx_status collect_words(const char *text, const wx_query_opts *opts,
                               bool stop, words *w, wx_err *err)
{
    wx_termgen *tg = NULL;
    wx_status st = make_termgen(opts, stop, &tg, err);
    if (st == WX_OK)
        st = wx_termgen_query_terms(tg, text, strlen(text), add_word, w,
                                    err);
    if (st == WX_OK && w->st != WX_OK)
        st = wx_err_set(err, w->st, "query: out of memory");
    wx_termgen_free(tg);
    return st;
}

/* Pairs of neighbouring words (positional terms, in text order) that
 * lie near each other in an article: a proximity bonus of weight
 * opts->prox over *q. */
enum { PROX_WINDOW = 4, PROX_MAX_PAIRS = 20 };

static wx_status add_proximity(const char *text, const wx_query_opts *opts,
                               wx_query **q, wx_err *err)
{
    wx_termgen *tg = NULL;
    words seq = {0};
    wx_query *pairs = NULL, *scaled = NULL, *both = NULL;
    wx_status st = make_termgen(opts, true, &tg, err);
    if (st == WX_OK)
        st = wx_termgen_words_in_order(tg, text, strlen(text), add_word,
                                       &seq, err);
    if (st == WX_OK && seq.st != WX_OK)
        st = wx_err_set(err, seq.st, "query: out of memory");
    size_t npairs = 0;
    for (size_t i = 0; st == WX_OK && i + 1 < seq.n &&
                       npairs < PROX_MAX_PAIRS; i++) {
        if (strcmp(seq.term[i], seq.term[i + 1]) == 0)
            continue;
        wx_query *near = NULL, *acc = NULL;
        st = wx_query_near(seq.term[i], seq.term[i + 1], PROX_WINDOW, &near,
                           err);
        if (st == WX_OK && pairs != NULL) {
            st = wx_query_combine(WX_OP_OR, pairs, near, &acc, err);
            wx_query_free(near);
            wx_query_free(pairs);
            pairs = acc;
        } else if (st == WX_OK) {
            pairs = near;
        }
        npairs++;
    }
    if (st == WX_OK && pairs != NULL)
        st = wx_query_scale(pairs, opts->prox, &scaled, err);
    if (st == WX_OK && scaled != NULL)
        st = wx_query_combine(WX_OP_OR, *q, scaled, &both, err);
    if (st == WX_OK && both != NULL) {
        wx_query_free(*q);
        *q = both;
    }
    wx_query_free(scaled);
    wx_query_free(pairs);
    words_free(&seq);
    wx_termgen_free(tg);
    return st;
}

/* Keep the WX_QUERY_MAX_WORDS rarest words of too long a text. */
static wx_status keep_rarest(words *w, wx_db *db, wx_err *err)
{
    if (w->n <= WX_QUERY_MAX_WORDS || db == NULL)
        return WX_OK;
    w->df = calloc(w->n, sizeof *w->df);
    if (w->df == NULL)
        return wx_err_set(err, WX_ENOMEM, "query: out of memory");
    for (size_t i = 0; i < w->n; i++) {
        wx_status st = wx_db_termfreq(db, w->term[i], &w->df[i], err);
        if (st != WX_OK)
            return st;
    }
    /* Selection by repeated minimum: n is bounded by the query size. */
    for (size_t k = 0; k < WX_QUERY_MAX_WORDS; k++) {
        size_t best = k;
        for (size_t i = k + 1; i < w->n; i++)
            if (w->df[i] < w->df[best])
                best = i;
        char *t = w->term[k];
        unsigned q = w->wqf[k];
        uint64_t d = w->df[k];
        w->term[k] = w->term[best];
        w->wqf[k] = w->wqf[best];
        w->df[k] = w->df[best];
        w->term[best] = t;
        w->wqf[best] = q;
        w->df[best] = d;
    }
    for (size_t i = WX_QUERY_MAX_WORDS; i < w->n; i++)
        free(w->term[i]);
    w->n = WX_QUERY_MAX_WORDS;
    return WX_OK;
}

/* The spelling-corrected words, through Xapian's parser without any
 * syntax (lower-cased, so capitals are corrected as words too). */
static wx_status spell_words(const char *lower, const wx_query_opts *opts,
                             char **corrected, wx_err *err)
{
    wx_qparser *qp = NULL;
    wx_query *q = NULL;
    wx_status st = wx_qparser_new(opts->lang, opts->db, &qp, err);
    if (st == WX_OK)
        st = wx_qparser_parse(qp, lower, WX_QP_SPELLING, &q, err);
    if (st == WX_OK)
        *corrected = wx_qparser_corrected(qp);
    wx_query_free(q);
    wx_qparser_free(qp);
    return st;
}

static wx_status parse_words(const char *text, const wx_query_opts *opts,
                             wx_query **out, wx_query_info *info,
                             char **corrected, wx_err *err)
{
    words w = {0};
    /* The generator folds case itself, after spotting acronyms (U.N.)
     * by their capitals: the text goes to it as typed. */
    wx_status st = collect_words(text, opts, true, &w, err);
    /* Only stopwords ("the who"): search them rather than nothing. */
    if (st == WX_OK && w.n == 0)
        st = collect_words(text, opts, false, &w, err);
    if (st == WX_OK)
        st = keep_rarest(&w, opts->db, err);
    wx_query_match m = opts->match;
    if (m == WX_MATCH_AUTO)
        m = w.n <= WX_QUERY_SHORT_WORDS ? WX_MATCH_ALL : WX_MATCH_ANY;
    info->words = true;
    info->match = m;
    info->nwords = w.n;
    info->has_text = info->has_text || w.n > 0;
    /* Pasted text: its best-weighted words carry the ranking, and
     * leaving the rest out keeps the matcher's pruning effective. */
    bool elite = m == WX_MATCH_ANY && w.n > WX_QUERY_PASTED_WORDS;
    if (st == WX_OK && w.n > 0)
        st = wx_query_terms(m == WX_MATCH_ALL ? WX_OP_AND
                            : elite           ? WX_OP_ELITE_SET
                                              : WX_OP_OR,
                            (const char *const *)w.term, w.wqf, w.n,
                            elite ? WX_QUERY_ELITE_WORDS : 0, out, err);
    info->pasted = elite;
    if (st == WX_OK && *out != NULL && m == WX_MATCH_ANY && !elite &&
        opts->prox > 0 && w.n > 1)
        st = add_proximity(text, opts, out, err);
    if (st == WX_OK && corrected != NULL && opts->spelling &&
        opts->db != NULL) {
        char *lower = wx_xapian_lower(text, strlen(text));
        st = lower ? spell_words(lower, opts, corrected, err)
                   : wx_err_set(err, WX_ENOMEM, "query: out of memory");
        free(lower);
    }
    words_free(&w);
    return st;
}

wx_status wx_query_like(const char *text, const wx_query_opts *opts,
                        wx_query **out, wx_err *err)
{
    *out = NULL;
    words w = {0};
    double *score = NULL;
    uint64_t docs = 0;
    wx_status st = wx_db_doccount(opts->db, &docs, err);
    if (st == WX_OK)
        st = collect_words(text, opts, true, &w, err);
    if (st == WX_OK && w.n > 0) {
        score = calloc(w.n, sizeof *score);
        if (score == NULL)
            st = wx_err_set(err, WX_ENOMEM, "like: out of memory");
    }
    for (size_t i = 0; i < w.n && st == WX_OK; i++) {
        uint64_t df = 0;
        st = wx_db_termfreq(opts->db, w.term[i], &df, err);
        /* A word in no other article cannot bring one. */
        score[i] = df <= 1 ? 0
                           : w.wqf[i] * log((double)(docs + 1) / (double)df);
    }
    /* Selection of the best scores to the front (n is one article). */
    size_t keep = 0;
    size_t most = opts->like_terms ? opts->like_terms : WX_QUERY_LIKE_TERMS;
    for (size_t k = 0; st == WX_OK && k < w.n && k < most; k++) {
        size_t best = k;
        for (size_t i = k + 1; i < w.n; i++)
            if (score[i] > score[best] ||
                (score[i] == score[best] &&
                 strcmp(w.term[i], w.term[best]) < 0))
                best = i;
        if (score[best] <= 0)
            break;
        char *t = w.term[k];
        unsigned q = w.wqf[k];
        double sc = score[k];
        w.term[k] = w.term[best];
        w.wqf[k] = w.wqf[best];
        score[k] = score[best];
        w.term[best] = t;
        w.wqf[best] = q;
        score[best] = sc;
        keep = k + 1;
    }
    if (st == WX_OK && keep > 0)
        st = wx_query_terms(WX_OP_OR, (const char *const *)w.term, w.wqf,
                            keep, 0, out, err);
    free(score);
    words_free(&w);
    return st;
}

wx_status wx_query_parse_text(const char *text, const wx_query_opts *opts,
                              wx_query **out, wx_query_info *info,
                              char **corrected, wx_err *err)
{
    *out = NULL;
    if (corrected != NULL)
        *corrected = NULL;
    wx_query_info qi = {0};
    wx_status st = WX_OK;
    bool syntax = opts->syntax == WX_SYNTAX_ON ||
                  (opts->syntax == WX_SYNTAX_AUTO && wx_query_is_syntax(text));
    if (syntax) {
        wx_query_opts so = *opts;
        if (so.match == WX_MATCH_AUTO)
            so.match = WX_MATCH_ALL;
        st = parse_syntax(text, &so, out, &qi, corrected, err);
        qi.match = so.match;
        /* Text that only looked like syntax is read as words. */
        if (st == WX_EQUERY && opts->syntax == WX_SYNTAX_AUTO) {
            syntax = false;
            qi = (wx_query_info){0};
            wx_err_clear(err);
            st = WX_OK;
        }
    }
    if (!syntax) {
        /* Filters typed in the text (agency:efe) stay filters only in
         * syntax: words are words. */
        st = parse_words(text, opts, out, &qi, corrected, err);
    }
    if (info != NULL)
        *info = qi;
    return st;
}

/* ---- the syntax rule ---- */

static bool is_word_byte(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

bool wx_query_is_syntax(const char *text)
{
    bool lower_seen = false;
    size_t ntok = 0;
    for (const char *p = text; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            lower_seen = true;
        if (!is_space(*p) && (p == text || is_space(p[-1])))
            ntok++;
    }
    /* In prose, quotes, dashes and stars are punctuation. */
    bool short_query = ntok <= WX_QUERY_SYNTAX_WORDS;
    bool prev_word = false;  /* the token before was a word */
    const char *p = text;
    while (*p) {
        while (is_space(*p))
            p++;
        if (*p == '\0')
            break;
        const char *t = p;
        while (*p && !is_space(*p))
            p++;
        size_t n = (size_t)(p - t);
        if (short_query && memchr(t, '"', n) != NULL)
            return true;
        if (short_query && (t[0] == '+' || t[0] == '-') && n > 1 &&
            (is_word_byte(t[1]) || t[1] == '"'))
            return true;
        if (short_query && n > 1 && t[n - 1] == '*' &&
            is_word_byte(t[n - 2]))
            return true;
        size_t after;
        if (field_at(t, &after) != NULL && after < n)
            return true;
        if (is_operator(t, n)) {
            /* A word after it, too, and not a shouted headline. */
            const char *q = p;
            while (is_space(*q) || *q == '(')
                q++;
            /* A leading NOT of a short query excludes, as -word does. */
            bool lead_not = t == text + strspn(text, " \t\r\n") &&
                            short_query && n == 3 && memcmp(t, "NOT", 3) == 0;
            if ((prev_word || lead_not) && *q != '\0' && lower_seen)
                return true;
            prev_word = false;
            continue;
        }
        prev_word = is_word_byte(t[n - 1]) || t[n - 1] == ')' ||
                    t[n - 1] == '"';
    }
    return false;
}

const char *wx_query_match_name(wx_query_match m)
{
    switch (m) {
    case WX_MATCH_AUTO: return "auto";
    case WX_MATCH_ALL: return "all";
    case WX_MATCH_ANY: return "any";
    case WX_MATCH_COUNT: break;
    }
    return NULL;
}

wx_status wx_query_match_parse(const char *s, wx_query_match *out,
                               wx_err *err)
{
    for (int m = 0; m < WX_MATCH_COUNT; m++)
        if (strcmp(s, wx_query_match_name((wx_query_match)m)) == 0) {
            *out = (wx_query_match)m;
            return WX_OK;
        }
    return wx_err_set(err, WX_EINVAL, "bad match \"%.40s\": use all, any "
                      "or auto", s);
}

const char *wx_query_syntax_name(wx_query_syntax m)
{
    switch (m) {
    case WX_SYNTAX_AUTO: return "auto";
    case WX_SYNTAX_ON: return "on";
    case WX_SYNTAX_OFF: return "off";
    case WX_SYNTAX_COUNT: break;
    }
    return NULL;
}

wx_status wx_query_syntax_parse(const char *s, wx_query_syntax *out,
                                wx_err *err)
{
    for (int m = 0; m < WX_SYNTAX_COUNT; m++)
        if (strcmp(s, wx_query_syntax_name((wx_query_syntax)m)) == 0) {
            *out = (wx_query_syntax)m;
            return WX_OK;
        }
    return wx_err_set(err, WX_EINVAL, "bad syntax \"%.40s\": use auto, on "
                      "or off", s);
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
