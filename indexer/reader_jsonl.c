/*
 * JSON Lines reader: one article per line, one JSON object per article,
 * parsed with jansson. Known keys fill the article; every other key is
 * kept as stored metadata. Not a streaming parser for pretty-printed
 * JSON: an object spread over several lines is several bad records.
 */
#include "reader.h"

/*
 * Keys, matched exactly (JSON is case-sensitive); null means absent:
 *   id        string, or integer written in decimal
 *   title, agency, date            string (finish normalises the date)
 *   body      string; "text" is its alias when there is no body, else
 *             stored as metadata. Blank lines are dropped: paragraphs
 *             are separated by one "\n".
 *   dateline  string: a city ("Madrid") or a whole dateline ("SALVADOR,
 *             Feb 26", "WASHINGTON (AP) -"), read by wx_dateline; the
 *             city goes to dateline, the full text and its parts to the
 *             dateline metadata, and a named agency is used when there
 *             is no "agency" key. Without it, the indexer reads the
 *             body's lead (wx_dateline_fill_from_body)
 *   topics, places                 array of strings, or one string
 *   anything else                  metadata: a string as it is, other
 *             values as compact JSON ("2", "true", "{\"a\":1}")
 * A value of the wrong type rejects the line (WX_EFORMAT, with the key
 * in the message) rather than guess. Lists and metadata stop at
 * WX_MAX_LIST_ITEMS; over-long values are cut by wx_article_finish.
 */

#include "dateline.h"
#include "wx_buf.h"
#include "wx_limits.h"
#include "wx_log.h"
#include "wx_utf8.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct jsonl_state {
    wx_input *in;
    const char *name;    /* file name for messages, owned by in */
    bool first;          /* before the first line: a BOM may follow */
    wx_buf fix;          /* scratch for a line with invalid UTF-8 */
} jsonl_state;

/* What a known key fills. */
typedef enum jkind {
    K_META,              /* not a known key: stored metadata */
    K_ID,
    K_TITLE,
    K_BODY,
    K_TEXT,              /* alias of body, used when body is absent */
    K_AGENCY,
    K_DATELINE,
    K_DATE,
    K_TOPICS,
    K_PLACES
} jkind;

static const struct {
    const char *key;
    jkind kind;
} known_keys[] = {
    {"id", K_ID},
    {"title", K_TITLE},
    {"body", K_BODY},
    {"text", K_TEXT},
    {"agency", K_AGENCY},
    {"dateline", K_DATELINE},
    {"date", K_DATE},
    {"topics", K_TOPICS},
    {"places", K_PLACES},
};

static jkind kind_of(const char *key)
{
    for (size_t i = 0; i < sizeof known_keys / sizeof known_keys[0]; i++)
        if (strcmp(key, known_keys[i].key) == 0)
            return known_keys[i].kind;
    return K_META;
}

/* "a string", "an array"... for messages. */
static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "an unknown value";
}

static int is_blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return 0;
    return 1;
}

/* Where a line's record fails: set err, leave *a reset. */
static wx_status bad(jsonl_state *s, wx_article *a, wx_err *err,
                     const char *key, const char *what, const json_t *v)
{
    wx_article_reset(a);
    return wx_err_set(err, WX_EFORMAT, "%s:%ld: \"%.64s\" must be %s, "
                      "not %s", s->name, wx_input_lineno(s->in), key, what,
                      type_name(v));
}

/* Add every string of v (an array of strings, or one string) to l.
 * Items past WX_MAX_LIST_ITEMS are dropped, as finish cuts fields. */
static wx_status add_list(jsonl_state *s, wx_article *a, wx_strlist *l,
                          const char *key, const json_t *v, wx_err *err)
{
    wx_status st = WX_OK;
    if (json_is_string(v)) {
        st = wx_strlist_add(l, json_string_value(v), json_string_length(v));
    } else if (json_is_array(v)) {
        size_t i;
        const json_t *item;
        json_array_foreach(v, i, item) {
            if (!json_is_string(item)) {
                wx_article_reset(a);
                return wx_err_set(err, WX_EFORMAT, "%s:%ld: \"%.64s\"[%zu]"
                                  " must be a string, not %s", s->name,
                                  wx_input_lineno(s->in), key, i,
                                  type_name(item));
            }
            /* Kept as given (repeats too): the store gives back what the
             * source said; the index counts each value once anyway. */
            st = wx_strlist_add(l, json_string_value(item),
                                json_string_length(item));
            if (st != WX_OK)
                break;
        }
    } else {
        return bad(s, a, err, key, "a string or an array of strings", v);
    }
    if (st == WX_ETOOBIG)
        st = WX_OK;
    if (st != WX_OK) {
        wx_article_reset(a);
        return wx_err_set(err, st, "%s:%ld: out of memory", s->name,
                          wx_input_lineno(s->in));
    }
    return WX_OK;
}

/*
 * Store a non-article key as metadata: a string as it is, anything else
 * as compact JSON text (numbers "2", booleans "true", objects and arrays
 * as written out by jansson). null is "no value" and is not stored.
 */
static wx_status add_meta(wx_article *a, const char *key, const json_t *v)
{
    if (json_is_null(v))
        return WX_OK;
    /* wiredex-index --export writes metadata as a "meta" object (a
     * repeated key as an array): read it back as the pairs it was. */
    if (strcmp(key, "meta") == 0 && json_is_object(v)) {
        const char *k;
        json_t *m;
        json_object_foreach((json_t *)v, k, m) {
            size_t i;
            json_t *item;
            wx_status st = WX_OK;
            if (json_is_array(m))
                json_array_foreach(m, i, item) {
                    if (st == WX_OK)
                        st = add_meta(a, k, item);
                }
            else
                st = add_meta(a, k, m);
            if (st != WX_OK)
                return st;
        }
        return WX_OK;
    }
    if (json_is_string(v))
        return wx_article_add_meta(a, key, json_string_value(v));
    char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (text == NULL)
        return WX_ENOMEM;
    wx_status st = wx_article_add_meta(a, key, text);
    free(text);
    return st;
}

/*
 * The model separates paragraphs with one "\n"; JSON bodies often use
 * blank lines ("a\n\nb"). Drop lines holding only white space, in place.
 */
static void drop_blank_lines(char *s)
{
    char *nl = s != NULL ? strchr(s, '\n') : NULL;
    if (nl == NULL)
        return;
    char *w = nl;
    const char *r = nl;
    while (*r != '\0') {
        if (*r == '\n') {
            /* Skip to the last newline of a run of blank lines. */
            const char *q = r + 1;
            while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n') {
                if (*q == '\n')
                    r = q;
                q++;
            }
        }
        *w++ = *r++;
    }
    *w = '\0';
}

/* Read the dateline field as wx_dateline reads any dateline: the city
 * goes to a->dateline, the rest to dateline metadata (wx_dateline_apply).
 * The agency the dateline names, if any, is copied to agency_out (may
 * stay empty): an "agency" key wins over it whatever the key order. */
static wx_status set_dateline(wx_article *a, const json_t *obj,
                              const json_t *v, char *agency_out,
                              size_t agency_sz)
{
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    wx_dateline dl;
    /* A record that carries its full dateline text (as --export writes
     * it, under "meta", or as its own key) gives the city itself. */
    bool own_text = json_object_get(json_object_get(obj, "meta"),
                                    "dateline_text") != NULL;
    if (own_text || !wx_dateline_parse_field(s, n, &dl))
        return wx_article_set(&a->dateline, s, n);
    snprintf(agency_out, agency_sz, "%s", dl.agency);
    /* A source's own "dateline_text" key wins over the derived one. */
    if (json_object_get(obj, "dateline_text") != NULL)
        dl.text[0] = '\0';
    return wx_dateline_apply(a, &dl, WX_DATELINE_NO_AGENCY);
}

/* Fill *a from one parsed object. */
static wx_status fill(jsonl_state *s, json_t *obj, wx_article *a,
                      wx_err *err)
{
    const json_t *body = json_object_get(obj, "body");
    bool has_body = body != NULL && !json_is_null(body);
    char dl_agency[WX_DATELINE_AGENCY_MAX] = "";
    const char *key;
    json_t *v;
    wx_status st = WX_OK;

    json_object_foreach(obj, key, v) {
        jkind k = kind_of(key);
        if (k == K_TEXT && has_body)
            k = K_META;
        if (json_is_null(v))
            continue;
        char **field = NULL;
        switch (k) {
        case K_ID:
            if (json_is_integer(v)) {
                char num[32];
                int len = snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
                                   json_integer_value(v));
                st = wx_article_set(&a->id, num, (size_t)len);
                break;
            }
            if (!json_is_string(v))
                return bad(s, a, err, key, "a string or an integer", v);
            field = &a->id;
            break;
        case K_TITLE:
            field = &a->title;
            break;
        case K_BODY:
        case K_TEXT:
            field = &a->body;
            break;
        case K_AGENCY:
            field = &a->agency;
            break;
        case K_DATE:
            field = &a->date;
            break;
        case K_DATELINE:
            if (!json_is_string(v))
                return bad(s, a, err, key, "a string", v);
            st = set_dateline(a, obj, v, dl_agency, sizeof dl_agency);
            break;
        case K_TOPICS:
            st = add_list(s, a, &a->topics, key, v, err);
            if (st != WX_OK)
                return st;
            break;
        case K_PLACES:
            st = add_list(s, a, &a->places, key, v, err);
            if (st != WX_OK)
                return st;
            break;
        case K_META:
            st = add_meta(a, key, v);
            if (st == WX_ETOOBIG)   /* past WX_MAX_LIST_ITEMS pairs */
                st = WX_OK;
            break;
        }
        if (field != NULL) {
            if (!json_is_string(v))
                return bad(s, a, err, key, "a string", v);
            st = wx_article_set(field, json_string_value(v),
                                json_string_length(v));
        }
        if (st != WX_OK)
            break;
    }
    drop_blank_lines(a->body);
    if (st == WX_OK && a->agency == NULL && dl_agency[0] != '\0')
        st = wx_article_set(&a->agency, dl_agency, (size_t)-1);

    if (st != WX_OK) {
        wx_article_reset(a);
        return wx_err_set(err, st, "%s:%ld: %s", s->name,
                          wx_input_lineno(s->in), wx_status_str(st));
    }
    return WX_OK;
}

/*
 * Parse one line. jansson refuses invalid UTF-8, but wire archives hold
 * Latin-1 bytes; such a line is repaired (bytes read as Latin-1, as
 * wx_article_finish does for other formats) and parsed again, with a
 * warning, since finish will not see the repair.
 */
static wx_status parse_line(jsonl_state *s, const char *line, size_t len,
                            json_t **out, wx_err *err)
{
    json_error_t jerr;
    *out = json_loadb(line, len, JSON_DECODE_ANY, &jerr);
    if (*out == NULL && json_error_code(&jerr) == json_error_invalid_utf8 &&
        !wx_utf8_valid(line, len)) {
        size_t repairs = 0;
        wx_buf_reset(&s->fix);
        wx_status st = wx_utf8_repair(line, len, &s->fix, &repairs);
        if (st == WX_ENOMEM)
            return wx_err_set(err, st, "%s:%ld: out of memory", s->name,
                              wx_input_lineno(s->in));
        if (st == WX_OK) {
            *out = json_loadb(s->fix.data, s->fix.len, JSON_DECODE_ANY,
                              &jerr);
            if (*out != NULL)
                wx_warnf("%s:%ld: invalid UTF-8 repaired (%zu bytes read "
                         "as Latin-1)", s->name, wx_input_lineno(s->in),
                         repairs);
        }
    }
    if (*out == NULL)
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: invalid JSON: %.120s "
                          "(column %d)", s->name, wx_input_lineno(s->in),
                          jerr.text, jerr.column);
    if (!json_is_object(*out)) {
        wx_status st = wx_err_set(err, WX_EFORMAT, "%s:%ld: expected a JSON"
                                  " object, got %s", s->name,
                                  wx_input_lineno(s->in), type_name(*out));
        json_decref(*out);
        *out = NULL;
        return st;
    }
    return WX_OK;
}

static wx_status jsonl_next(void *state, wx_article *a, wx_err *err)
{
    jsonl_state *s = state;
    const char *line;
    size_t len;
    for (;;) {
        wx_status st = wx_input_getline(s->in, &line, &len, err);
        if (st == WX_ETOOBIG)
            return wx_err_set(err, WX_EFORMAT, "%s:%ld: line longer than "
                              "%d bytes", s->name, wx_input_lineno(s->in),
                              WX_MAX_RECORD_BYTES);
        if (st != WX_OK)
            return st;
        if (s->first) {
            s->first = false;
            if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
                line += 3, len -= 3;
        }
        if (!is_blank(line, len))
            break;
    }
    json_t *obj;
    wx_status st = parse_line(s, line, len, &obj, err);
    if (st != WX_OK)
        return st;
    st = fill(s, obj, a, err);
    json_decref(obj);
    if (st == WX_OK) {
        a->src_file = s->name;
        a->src_line = wx_input_lineno(s->in);
    }
    return st;
}

static wx_status jsonl_open(wx_input *in, const wx_reader_opts *opts,
                            void **state, wx_err *err)
{
    (void)opts;
    *state = NULL;
    jsonl_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    s->in = in;
    s->name = wx_input_name(in);
    s->first = true;
    /* A repaired line at most doubles (each bad byte becomes two). */
    wx_buf_init(&s->fix, 2 * (size_t)WX_MAX_RECORD_BYTES);
    *state = s;
    return WX_OK;
}

static void jsonl_close(void *state)
{
    jsonl_state *s = state;
    if (s == NULL)
        return;
    wx_buf_free(&s->fix);
    free(s);
}

/*
 * Sure (95) when the first non-blank byte is '{' and the first line is
 * a JSON object; fairly sure (70) when that line runs past the head but
 * opens like an object ('{' then '"' or '}'); unsure otherwise.
 */
static int jsonl_sniff(const char *head, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' ||
                     head[i] == '\n'))
        i++;
    if (i >= n || head[i] != '{')
        return 0;
    const char *nl = memchr(head + i, '\n', n - i);
    size_t end = nl != NULL ? (size_t)(nl - head) : n;
    json_error_t jerr;
    json_t *v = json_loadb(head + i, end - i, 0, &jerr);
    if (v != NULL) {
        int score = json_is_object(v) ? 95 : 10;
        json_decref(v);
        return score;
    }
    if (nl != NULL)
        return 10;      /* a complete first line that is not JSON */
    size_t j = i + 1;
    while (j < n && (head[j] == ' ' || head[j] == '\t' || head[j] == '\r'))
        j++;
    if (j < n && (head[j] == '"' || head[j] == '}'))
        return 70;
    return 10;
}

const wx_reader_ops wx_reader_jsonl = {
    .name = "jsonl",
    .sniff = jsonl_sniff,
    .open = jsonl_open,
    .next = jsonl_next,
    .close = jsonl_close,
};
