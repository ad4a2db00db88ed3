/*
 * IPTC ninjs reader (News in JSON, 1.x and 2.x): a file holding one
 * item object, an array of them, or one per line (JSON Lines, or objects
 * simply written one after another, pretty-printed or not), parsed with
 * jansson. Items whose type is not text (pictures, video, packages...)
 * are reported as WX_ENOTEXT. Generic JSON Lines stay with reader_jsonl:
 * this reader claims a file only when its head has ninjs's own keys.
 */
#include "reader.h"

#include "dateline.h"
#include "sgml.h"
#include "wire.h"
#include "wx_buf.h"
#include "wx_limits.h"
#include "wx_log.h"
#include "wx_utf8.h"
#include "xmldoc.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ninjs_state {
    const char *name;    /* file name for messages, owned by the input */
    char *buf;           /* the whole file, NUL-terminated */
    size_t len, pos;     /* bytes, and where the next value starts */
    long pos_line;       /* the file line at pos */
    json_t *array;       /* a top-level array being handed out */
    size_t array_next;
    long array_line;     /* the line its '[' is on */
    wx_buf fix;          /* a repaired copy of the file */
    wx_buf tmp;          /* scratch: a body being assembled */
} ninjs_state;

/* ---- values ------------------------------------------------------- */

/* obj[key] as a non-empty string, or NULL. */
static const char *str(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s != NULL && s[0] != '\0' ? s : NULL;
}

/* The entry of a ninjs 2.x list (headlines, bodies, bylines...) whose
 * "role" is role, or NULL. */
static const json_t *role_entry(const json_t *list, const char *role)
{
    size_t i;
    const json_t *e;
    json_array_foreach(list, i, e)
        if (json_is_object(e) && str(e, "role") != NULL &&
            strcmp(str(e, "role"), role) == 0)
            return e;
    return NULL;
}

/* The entry whose role is role, else the first; NULL when the list is
 * empty or not a list. */
static const json_t *pick(const json_t *list, const char *role)
{
    const json_t *e = role_entry(list, role);
    return e != NULL ? e : json_array_get(list, 0);
}

/* Set *field from s unless already set; sticky on st. */
static void set(wx_status *st, char **field, const char *s)
{
    if (*st == WX_OK && *field == NULL && s != NULL)
        *st = wx_article_set(field, s, (size_t)-1);
}

/* Metadata key = s when s is not NULL; a full list drops the pair. */
static void meta(wx_status *st, wx_article *a, const char *key,
                 const char *s)
{
    if (*st != WX_OK || s == NULL)
        return;
    wx_status r = wx_article_add_meta(a, key, s);
    if (r != WX_ETOOBIG)
        *st = r;
}

/* A scalar of any JSON type as metadata ("version": 3 or "3"). */
static void meta_any(wx_status *st, wx_article *a, const char *key,
                     const json_t *v)
{
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        meta(st, a, key, s[0] != '\0' ? s : NULL);
        return;
    }
    if (!json_is_integer(v) && !json_is_real(v) && !json_is_boolean(v))
        return;
    char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (text == NULL) {
        if (*st == WX_OK)
            *st = WX_ENOMEM;
        return;
    }
    meta(st, a, key, text);
    free(text);
}

/* The names of a list of concepts ("subject": [{"name":..,"code":..}])
 * into l: the name, else the code; plain strings are taken too. */
static void concepts(wx_status *st, wx_strlist *l, const json_t *list)
{
    size_t i;
    const json_t *e;
    json_array_foreach(list, i, e) {
        const char *s = json_is_string(e) ? json_string_value(e)
                        : str(e, "name") ? str(e, "name") : str(e, "code");
        if (*st != WX_OK || s == NULL || s[0] == '\0')
            continue;
        wx_status r = wx_strlist_add_unique(l, s, (size_t)-1);
        if (r != WX_ETOOBIG)
            *st = r;
    }
}

/* A plain-text body: blank lines separate paragraphs, or, without any,
 * every line is one; each paragraph's white space collapsed. */
static void plain_body(ninjs_state *s, const char *text)
{
    bool blank_lines = false;
    for (const char *p = strchr(text, '\n'); p != NULL && !blank_lines;
         p = strchr(p + 1, '\n')) {
        const char *q = p + 1;
        while (*q == ' ' || *q == '\t' || *q == '\r')
            q++;
        blank_lines = *q == '\n';
    }
    const char *p = text;
    bool gap = false;
    size_t para0 = s->tmp.len;
    while (*p != '\0') {
        if (*p == '\n') {
            const char *q = p + 1;
            while (*q == ' ' || *q == '\t' || *q == '\r')
                q++;
            bool end = !blank_lines || *q == '\n';
            if (end && s->tmp.len > para0) {
                wx_buf_putc(&s->tmp, '\n');
                para0 = s->tmp.len;
                gap = false;
            } else {
                gap = s->tmp.len > para0;
            }
            p++;
            continue;
        }
        if (*p == ' ' || *p == '\t' || *p == '\r') {
            gap = s->tmp.len > para0;
            p++;
            continue;
        }
        if (gap)
            wx_buf_putc(&s->tmp, ' ');
        gap = false;
        wx_buf_putc(&s->tmp, *p++);
    }
}

/* The body: body_text, else body_html, else the main entry of bodies
 * (2.x: text/plain or HTML by its contenttype). */
static void fill_body(ninjs_state *s, const json_t *o, wx_article *a,
                      wx_status *st)
{
    wx_buf_reset(&s->tmp);
    const char *text = str(o, "body_text"), *html = str(o, "body_html");
    const json_t *b = pick(json_object_get(o, "bodies"), "main");
    if (text == NULL && html == NULL && b != NULL) {
        const char *ct = str(b, "contenttype");
        if (ct != NULL && strstr(ct, "html") != NULL)
            html = str(b, "value");
        else
            text = str(b, "value");
    }
    if (text != NULL)
        plain_body(s, text);
    else if (html != NULL)
        wx_xmldoc_html_paragraphs(html, strlen(html), &s->tmp);
    while (s->tmp.len > 0 && s->tmp.data[s->tmp.len - 1] == '\n')
        s->tmp.data[--s->tmp.len] = '\0';
    if (s->tmp.st != WX_OK && *st == WX_OK)
        *st = s->tmp.st;
    if (*st == WX_OK && s->tmp.len > 0)
        *st = wx_article_set(&a->body, s->tmp.data, s->tmp.len);
}

/* "located": a dateline string ("GENEVA" or "GENEVA, March 3 (AP)"), or
 * an object with a "name". The agency it names goes to agency. */
static void fill_located(const json_t *o, wx_article *a, wx_status *st,
                         char *agency, size_t agency_sz)
{
    const json_t *v = json_object_get(o, "located");
    const char *s = json_is_object(v) ? str(v, "name")
                                      : json_string_value(v);
    if (*st != WX_OK || s == NULL || s[0] == '\0')
        return;
    wx_dateline dl;
    if (wx_dateline_parse_field(s, strlen(s), &dl)) {
        snprintf(agency, agency_sz, "%s", dl.agency);
        set(st, &a->dateline, dl.city);
        if (strcmp(dl.city, s) != 0)
            meta(st, a, "dateline_text", s);
    } else {
        set(st, &a->dateline, s);
    }
}

/*
 * Fill a from item o. WX_ENOTEXT (err set) for an item of another type
 * than text; WX_ENOMEM.
 */
static wx_status fill(ninjs_state *s, const json_t *o, long line,
                      wx_article *a, wx_err *err)
{
    const char *type = str(o, "type");
    const char *id = str(o, "uri") ? str(o, "uri") : str(o, "guid");
    if (type != NULL && strcmp(type, "text") != 0)
        return wx_err_set(err, WX_ENOTEXT, "%s:%ld: ninjs item %.100s of "
                          "type %.40s holds no article text; not stored",
                          s->name, line, id ? id : "", type);
    wx_status st = WX_OK;
    set(&st, &a->id, id);
    if (str(o, "uri") != NULL)
        meta(&st, a, "guid", str(o, "guid"));

    /* Title: 1.x headline, else 2.x headlines' main entry. */
    set(&st, &a->title, str(o, "headline"));
    const json_t *hl = json_object_get(o, "headlines");
    set(&st, &a->title, str(pick(hl, "main"), "value"));
    const json_t *sub = role_entry(hl, "sub");
    const char *subtitle = str(sub, "value");
    if (subtitle != NULL && (a->title == NULL ||
                             strcmp(subtitle, a->title) != 0))
        meta(&st, a, "subtitle", subtitle);

    /* When the content was made, then first sent, then this version. */
    set(&st, &a->date, str(o, "contentcreated"));
    set(&st, &a->date, str(o, "firstcreated"));
    set(&st, &a->date, str(o, "versioncreated"));

    meta_any(&st, a, "version", json_object_get(o, "version"));
    meta(&st, a, "version_created", str(o, "versioncreated"));
    meta(&st, a, "first_created", str(o, "firstcreated"));
    meta(&st, a, "status", str(o, "pubstatus"));
    meta_any(&st, a, "urgency", json_object_get(o, "urgency"));
    meta(&st, a, "embargoed", str(o, "embargoed"));
    meta(&st, a, "slug", str(o, "slugline"));
    meta(&st, a, "language", str(o, "language"));
    meta(&st, a, "type", type);
    meta(&st, a, "profile", str(o, "profile"));
    meta(&st, a, "copyright", str(o, "copyrightholder"));
    meta(&st, a, "usageterms", str(o, "usageterms"));
    meta(&st, a, "ed_note", str(o, "ednote"));
    meta(&st, a, "byline", str(o, "byline"));
    const json_t *by;
    size_t i;
    json_array_foreach(json_object_get(o, "bylines"), i, by)
        meta(&st, a, "byline", str(by, "byline"));
    const json_t *std = json_object_get(o, "standard");
    if (str(std, "version") != NULL)
        meta(&st, a, "ninjs", str(std, "version"));

    char dl_agency[WX_DATELINE_AGENCY_MAX] = "";
    fill_located(o, a, &st, dl_agency, sizeof dl_agency);

    /* Agency: 2.x's first information source, the agency the dateline
     * names, then the copyright holder. */
    const json_t *src = json_array_get(json_object_get(o, "infosources"), 0);
    set(&st, &a->agency, str(src, "name"));
    set(&st, &a->agency, dl_agency[0] != '\0' ? dl_agency : NULL);
    set(&st, &a->agency, str(o, "copyrightholder"));

    concepts(&st, &a->topics, json_object_get(o, "subject"));
    concepts(&st, &a->topics, json_object_get(o, "subjects"));
    concepts(&st, &a->places, json_object_get(o, "place"));
    concepts(&st, &a->places, json_object_get(o, "places"));

    fill_body(s, o, a, &st);
    if (st == WX_OK)
        st = wx_wire_strip_boilerplate(a);
    if (st != WX_OK) {
        wx_article_reset(a);
        return wx_err_set(err, st, "%s:%ld: %s", s->name, line,
                          wx_status_str(st));
    }
    a->src_file = s->name;
    a->src_line = line;
    return WX_OK;
}

/* ---- the file ------------------------------------------------------ */

static void advance(ninjs_state *s, size_t to)
{
    for (size_t i = s->pos; i < to && i < s->len; i++)
        if (s->buf[i] == '\n')
            s->pos_line++;
    s->pos = to < s->len ? to : s->len;
}

static void skip_blank(ninjs_state *s)
{
    size_t i = s->pos;
    while (i < s->len && (s->buf[i] == ' ' || s->buf[i] == '\t' ||
                          s->buf[i] == '\r' || s->buf[i] == '\n' ||
                          s->buf[i] == ','))
        i++;
    advance(s, i);
}

/* An item that is not an object, in an array or alone. */
static wx_status not_object(ninjs_state *s, long line, const json_t *v,
                            wx_err *err)
{
    return wx_err_set(err, WX_EFORMAT, "%s:%ld: expected a ninjs object, "
                      "got %s", s->name, line,
                      json_is_array(v) ? "an array" : json_is_string(v)
                      ? "a string" : "a scalar");
}

static wx_status ninjs_next(void *state, wx_article *a, wx_err *err)
{
    ninjs_state *s = state;
    if (s->array != NULL) {
        if (s->array_next < json_array_size(s->array)) {
            size_t k = s->array_next++;
            const json_t *o = json_array_get(s->array, k);
            if (!json_is_object(o))
                return not_object(s, s->array_line, o, err);
            return fill(s, o, s->array_line, a, err);
        }
        json_decref(s->array);
        s->array = NULL;
    }
    skip_blank(s);
    if (s->pos >= s->len)
        return WX_EOF;
    long line = s->pos_line;
    json_error_t jerr;
    json_t *v = json_loadb(s->buf + s->pos, s->len - s->pos,
                           JSON_DISABLE_EOF_CHECK, &jerr);
    if (v == NULL) {
        /* Go on at the next line: a JSON Lines file's next record. */
        const char *nl = memchr(s->buf + s->pos, '\n', s->len - s->pos);
        long at = line + (jerr.line > 0 ? jerr.line - 1 : 0);
        advance(s, nl != NULL ? (size_t)(nl - s->buf) + 1 : s->len);
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: invalid JSON: %.120s",
                          s->name, at, jerr.text);
    }
    advance(s, s->pos + (size_t)jerr.position);
    if (json_is_array(v)) {
        s->array = v;
        s->array_next = 0;
        s->array_line = line;
        return ninjs_next(s, a, err);
    }
    wx_status st = json_is_object(v) ? fill(s, v, line, a, err)
                                     : not_object(s, line, v, err);
    json_decref(v);
    return st;
}

static void ninjs_close(void *state)
{
    ninjs_state *s = state;
    if (s == NULL)
        return;
    json_decref(s->array);
    free(s->buf);
    wx_buf_free(&s->fix);
    wx_buf_free(&s->tmp);
    free(s);
}

static wx_status ninjs_open(wx_input *in, const wx_reader_opts *opts,
                            void **state, wx_err *err)
{
    (void)opts;
    *state = NULL;
    ninjs_state *s = calloc(1, sizeof *s);
    if (s == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    s->name = wx_input_name(in);
    s->pos_line = 1;
    wx_buf_init(&s->fix, 2 * (size_t)WX_MAX_RECORD_BYTES);
    wx_buf_init(&s->tmp, WX_MAX_BODY_BYTES);
    wx_status st = wx_input_read_all(in, WX_MAX_RECORD_BYTES, &s->buf,
                                     &s->len, err);
    if (st == WX_ETOOBIG)
        wx_err_set(err, WX_EFORMAT, "%s: ninjs file larger than %d bytes",
                   s->name, WX_MAX_RECORD_BYTES);
    if (st == WX_ETOOBIG)
        st = WX_EFORMAT;
    /* jansson refuses bytes that are not UTF-8: read them as Latin-1. */
    if (st == WX_OK && !wx_utf8_valid(s->buf, s->len)) {
        size_t repairs = 0;
        st = wx_utf8_repair(s->buf, s->len, &s->fix, &repairs);
        if (st == WX_OK) {
            wx_warnf("%s:1: invalid UTF-8 repaired (%zu bytes read as "
                     "Latin-1)", s->name, repairs);
            free(s->buf);
            s->len = s->fix.len;
            s->buf = wx_buf_steal(&s->fix);
            st = s->buf != NULL ? WX_OK : WX_ENOMEM;
        }
        if (st != WX_OK)
            wx_err_set(err, st, "%s: %s", s->name, wx_status_str(st));
    }
    if (st != WX_OK) {
        ninjs_close(s);
        return st;
    }
    if (s->len >= 3 && memcmp(s->buf, "\xEF\xBB\xBF", 3) == 0)
        s->pos = 3;
    *state = s;
    return WX_OK;
}

/* A key of the head, written as JSON writes it: "\"key\"" then ':'. */
static bool has_key(const char *head, size_t n, const char *key)
{
    char pat[40];
    int k = snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *p = head;
    size_t left = n;
    while ((p = wx_sgml_find(p, left, pat, (size_t)k)) != NULL) {
        const char *q = p + k;
        while (q < head + n && (*q == ' ' || *q == '\t' || *q == '\r' ||
                                *q == '\n'))
            q++;
        if (q < head + n && *q == ':')
            return true;
        p += k;
        left = (size_t)(head + n - p);
    }
    return false;
}

/*
 * Sure (97, ahead of generic JSON Lines' 95) when the head opens a JSON
 * object or array and has an item id ("uri" or "guid") with a key only
 * ninjs uses ("versioncreated", "firstcreated", "pubstatus",
 * "body_text", "body_html", "bodies", "headlines"), or names the ninjs
 * schema; otherwise 0, leaving JSON to reader_jsonl.
 */
static int ninjs_sniff(const char *head, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' ||
                     head[i] == '\n'))
        i++;
    if (i >= n || (head[i] != '{' && head[i] != '['))
        return 0;
    static const char *const own[] = {
        "versioncreated", "firstcreated", "pubstatus", "body_text",
        "body_html", "bodies", "headlines", NULL
    };
    if (wx_sgml_find(head, n, "ninjs", 5) != NULL &&
        (has_key(head, n, "uri") || has_key(head, n, "$schema") ||
         has_key(head, n, "standard")))
        return 97;
    if (!has_key(head, n, "uri") && !has_key(head, n, "guid"))
        return 0;
    for (size_t k = 0; own[k] != NULL; k++)
        if (has_key(head, n, own[k]))
            return 97;
    return 0;
}

const wx_reader_ops wx_reader_ninjs = {
    .name = "ninjs",
    .sniff = ninjs_sniff,
    .open = ninjs_open,
    .next = ninjs_next,
    .close = ninjs_close,
};
