/*
 * Stored article records: JSON built with jansson, compressed per article
 * by wx_zcodec with a built-in dictionary. JSON keeps the record
 * self-describing (extra metadata survives without a schema change) and
 * the dictionary's preset absorbs the cost of the repeated key names.
 */
#include "wx_store.h"
#include "wx_limits.h"
#include "wx_zdicts.h"

#include <jansson.h>
#include <string.h>

static int set_str(json_t *o, const char *key, const char *val)
{
    if (val == NULL)
        return 0;
    return json_object_set_new(o, key, json_string(val));
}

static int set_list(json_t *o, const char *key, const wx_strlist *l)
{
    if (l->n == 0)
        return 0;
    json_t *arr = json_array();
    if (arr == NULL)
        return -1;
    for (size_t i = 0; i < l->n; i++)
        if (json_array_append_new(arr, json_string(l->v[i])) != 0) {
            json_decref(arr);
            return -1;
        }
    return json_object_set_new(o, key, arr);
}

/* A repeated metadata key (several keywords) keeps every value: the
 * second one turns the value into an array. */
static int add_meta(json_t *m, const char *key, const char *val)
{
    json_t *old = json_object_get(m, key);
    if (old == NULL)
        return json_object_set_new(m, key, json_string(val));
    if (json_is_array(old))
        return json_array_append_new(old, json_string(val));
    json_t *arr = json_pack("[O,s]", old, val);
    return arr ? json_object_set_new(m, key, arr) : -1;
}

static json_t *to_json(const wx_article *a)
{
    json_t *o = json_object();
    if (o == NULL)
        return NULL;
    int bad = set_str(o, "id", a->id) | set_str(o, "title", a->title) |
              set_str(o, "agency", a->agency) |
              set_str(o, "dateline", a->dateline) |
              set_str(o, "date", a->date) |
              set_list(o, "topics", &a->topics) |
              set_list(o, "places", &a->places);
    if (!bad && a->meta_keys.n > 0) {
        json_t *m = json_object();
        bad = m == NULL;
        for (size_t i = 0; !bad && i < a->meta_keys.n; i++)
            bad = add_meta(m, a->meta_keys.v[i], a->meta_vals.v[i]) != 0;
        if (m != NULL && json_object_set_new(o, "meta", m) != 0)
            bad = 1;
    }
    /* The body goes last so a reader of the raw JSON sees metadata first. */
    if (!bad)
        bad = set_str(o, "body", a->body);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

wx_status wx_store_encode_json(const wx_article *a, wx_buf *out,
                               wx_err *err)
{
    json_t *o = to_json(a);
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER)
                   : NULL;
    json_decref(o);
    if (text == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: cannot encode article",
                          a->id ? a->id : "?");
    wx_status st = wx_buf_puts(out, text);
    free(text);
    if (st != WX_OK)
        return wx_err_set(err, st, "%s: stored article too large",
                          a->id ? a->id : "?");
    return WX_OK;
}

wx_status wx_store_encode(const wx_article *a, wx_zcodec *z, wx_buf *out,
                          size_t *raw_len, wx_err *err)
{
    const wx_zdict *dict = NULL;
    wx_buf js;
    wx_buf_init(&js, WX_MAX_STORED_BYTES);
    wx_status st = wx_zdicts_get(WX_ZDICTS_CURRENT, &dict, err);
    if (st == WX_OK)
        st = wx_store_encode_json(a, &js, err);
    if (st == WX_OK)
        st = z != NULL ? wx_zcodec_pack(z, js.data, js.len, dict, out, err)
                       : wx_zcodec_compress(js.data, js.len, dict, 9, out,
                                            err);
    wx_buf_free(&js);
    if (raw_len != NULL)
        *raw_len = wx_store_raw_len(a);
    return st;
}

size_t wx_store_raw_len(const wx_article *a)
{
    return (a->title ? strlen(a->title) : 0) + (a->body ? strlen(a->body) : 0);
}

wx_status wx_store_decode_json(const void *p, size_t n, wx_zcodec *z,
                               wx_buf *out, wx_err *err)
{
    /* encode never writes more than WX_MAX_STORED_BYTES, so a header
     * claiming more is a corrupt record (WX_EFORMAT, which callers skip),
     * not a caller's limit (WX_ETOOBIG). */
    int format;
    uint32_t dict_id;
    size_t len;
    wx_status st = wx_zcodec_inspect(p, n, &format, &dict_id, &len, err);
    if (st != WX_OK)
        return st;
    if (len > WX_MAX_STORED_BYTES)
        return wx_err_set(err, WX_EFORMAT, "stored record claims %zu "
                          "bytes, over %d: corrupt", len,
                          WX_MAX_STORED_BYTES);
    /* Records carry their dictionary's number; those of a per-index
     * dictionary (schema 1) cannot be read without the old index. */
    const wx_zdict *dict = NULL;
    if (format == WX_ZCODEC_DEFLATE_DICT || format == WX_ZCODEC_WORDS_DICT)
        return wx_err_set(err, WX_EFORMAT, "stored record of an older "
                          "layout (per-index dictionary): rebuild the "
                          "index");
    if (format == WX_ZCODEC_WORDS_BUILTIN &&
        (st = wx_zdicts_get(dict_id, &dict, err)) != WX_OK)
        return st == WX_ENOMEM ? st : WX_EFORMAT;
    return z != NULL ? wx_zcodec_unpack(z, p, n, dict, WX_MAX_STORED_BYTES,
                                        out, err)
                     : wx_zcodec_decompress(p, n, dict, WX_MAX_STORED_BYTES,
                                            out, err);
}

static wx_status get_str(json_t *o, const char *key, char **field)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        return WX_OK;
    return wx_article_set(field, json_string_value(v),
                          json_string_length(v));
}

static wx_status get_list(json_t *o, const char *key, wx_strlist *l)
{
    json_t *arr = json_object_get(o, key);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (!json_is_string(v))
            continue;
        wx_status st = wx_strlist_add(l, json_string_value(v),
                                      json_string_length(v));
        if (st != WX_OK)
            return st;
    }
    return WX_OK;
}

wx_status wx_store_decode(const void *p, size_t n, wx_zcodec *z,
                          wx_article *a, wx_err *err)
{
    wx_buf js;
    wx_buf_init(&js, WX_MAX_STORED_BYTES);
    wx_status st = wx_store_decode_json(p, n, z, &js, err);
    if (st == WX_OK)
        st = wx_store_parse(wx_buf_str(&js), js.len, a, err);
    wx_buf_free(&js);
    return st;
}

wx_status wx_store_parse(const char *json, size_t n, wx_article *a,
                         wx_err *err)
{
    wx_status st = WX_OK;
    json_t *o = NULL;
    json_error_t jerr;
    o = json_loadb(json, n, 0, &jerr);
    if (!json_is_object(o)) {
        st = wx_err_set(err, WX_EFORMAT, "stored record is not an article: "
                        "%s", jerr.text);
        goto done;
    }
    if ((st = get_str(o, "id", &a->id)) != WX_OK ||
        (st = get_str(o, "title", &a->title)) != WX_OK ||
        (st = get_str(o, "agency", &a->agency)) != WX_OK ||
        (st = get_str(o, "dateline", &a->dateline)) != WX_OK ||
        (st = get_str(o, "date", &a->date)) != WX_OK ||
        (st = get_list(o, "topics", &a->topics)) != WX_OK ||
        (st = get_list(o, "places", &a->places)) != WX_OK)
        goto done;
    /* The body is kept verbatim: no trimming, the round trip is exact. */
    json_t *body = json_object_get(o, "body");
    if (json_is_string(body)) {
        size_t len = json_string_length(body);
        a->body = malloc(len + 1);
        if (a->body == NULL) {
            st = WX_ENOMEM;
            goto done;
        }
        memcpy(a->body, json_string_value(body), len + 1);
    }
    const char *key;
    json_t *v;
    json_object_foreach(json_object_get(o, "meta"), key, v) {
        if (json_is_string(v) &&
            (st = wx_article_add_meta(a, key, json_string_value(v))) != WX_OK)
            goto done;
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) {
            if (json_is_string(item) &&
                (st = wx_article_add_meta(a, key, json_string_value(item))) !=
                    WX_OK)
                goto done;
        }
    }
done:
    if (st == WX_ENOMEM)
        wx_err_set(err, st, "out of memory decoding a stored article");
    json_decref(o);
    return st;
}

static void header(wx_buf *out, const char *key, const char *val)
{
    if (val != NULL && *val != '\0')
        wx_buf_printf(out, "%s: %s\n", key, val);
}

static void header_list(wx_buf *out, const char *key, const wx_strlist *l)
{
    if (l->n == 0)
        return;
    wx_buf_printf(out, "%s: ", key);
    for (size_t i = 0; i < l->n; i++)
        wx_buf_printf(out, "%s%s", i ? "; " : "", l->v[i]);
    wx_buf_putc(out, '\n');
}

wx_status wx_store_format_text(const wx_article *a, wx_buf *out)
{
    header(out, "Id", a->id);
    header(out, "Title", a->title);
    header(out, "Agency", a->agency);
    header(out, "Date", a->date);
    header(out, "Dateline", a->dateline);
    header_list(out, "Topics", &a->topics);
    header_list(out, "Places", &a->places);
    for (size_t i = 0; i < a->meta_keys.n; i++) {
        /* Header keys are one line; keep multi-line values out. */
        if (strchr(a->meta_vals.v[i], '\n') == NULL)
            header(out, a->meta_keys.v[i], a->meta_vals.v[i]);
    }
    wx_buf_putc(out, '\n');
    if (a->body != NULL) {
        wx_buf_puts(out, a->body);
        wx_buf_putc(out, '\n');
    }
    return out->st;
}
