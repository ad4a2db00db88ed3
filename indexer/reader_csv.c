/*
 * CSV and TSV exports: one article per row, read with libcsv (RFC 4180
 * quoting: quoted fields may hold the delimiter, doubled quotes and line
 * breaks). The columns are named by a header row, matched to fields
 * through fieldmap.h ("text", "description" -> body; "subject",
 * "class" -> topic...), or by --columns in order; the mapping is printed
 * once. A row that does not fit (a different number of fields, a field
 * over the limits, a quote never closed) is reported from the line it
 * starts on and skipped; the rest of the file reads on.
 */
#include "reader.h"

#include "wx_buf.h"
#include "wx_limits.h"
#include "wx_log.h"
#include "wx_schema.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    HEADER_NAME_MAX = 64,     /* a header cell is a short name */
    CSV_BLOCK = 64 * 1024     /* libcsv grows its field buffer by this */
};

/* libcsv keeps one field in a buffer it grows: refuse past the record
 * limit, so a runaway quoted field is an error, not a memory blow-up. */
static void *bounded_realloc(void *p, size_t n)
{
    return n > (size_t)WX_MAX_RECORD_BYTES ? NULL : realloc(p, n);
}

typedef struct cell {
    char *s;        /* NUL-terminated copy (may hold NULs: use n) */
    size_t n;
} cell;

typedef struct row {
    cell *v;
    size_t n, cap;
} row;

typedef struct csv_state {
    wx_input *in;
    const char *name;
    unsigned char delim;
    struct csv_parser p;
    const wx_fieldmap *fields;
    char **last_mapping;
    row cur;             /* the row libcsv is filling */
    row ready;           /* a complete row, waiting for next() */
    bool have_ready;
    bool oom;            /* a cell could not be copied */
    bool first_line;     /* BOM may follow */
    bool started;        /* a row is under way (for its first line) */
    long row_line;       /* where the row libcsv fills began */
    long ready_line;
    bool eof;
    bool resync;         /* after a runaway field: skip to a quote */
    /* Column mapping, fixed by the first row. */
    bool mapped;
    int *target;         /* per column: wx_field or WX_COL_* */
    char **key;          /* per column: the header name, or NULL */
    size_t ncols;
} csv_state;

static void row_clear(row *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].s);
    r->n = 0;
}

static void row_free(row *r)
{
    row_clear(r);
    free(r->v);
    memset(r, 0, sizeof *r);
}

static void on_field(void *s, size_t n, void *data)
{
    csv_state *c = data;
    if (c->oom)
        return;
    if (c->cur.n == c->cur.cap) {
        size_t cap = c->cur.cap ? c->cur.cap * 2 : 16;
        cell *v = realloc(c->cur.v, cap * sizeof *v);
        if (v == NULL) {
            c->oom = true;
            return;
        }
        c->cur.v = v;
        c->cur.cap = cap;
    }
    char *copy = malloc(n + 1);
    if (copy == NULL) {
        c->oom = true;
        return;
    }
    if (n > 0)
        memcpy(copy, s, n);
    copy[n] = '\0';
    c->cur.v[c->cur.n++] = (cell){copy, n};
}

static void on_row(int term, void *data)
{
    (void)term;
    csv_state *c = data;
    row t = c->ready;
    c->ready = c->cur;
    c->cur = t;
    row_clear(&c->cur);
    c->have_ready = true;
    c->ready_line = c->row_line;
    c->started = false;
}

/* Rows end at line feeds only (a CR inside a field is data; CRLF line
 * ends lose their CR before libcsv sees them); only spaces are trimmed
 * around unquoted fields, so tabs can be TSV's delimiter. */
static int is_term(unsigned char ch)
{
    return ch == '\n';
}

static int is_space(unsigned char ch)
{
    return ch == ' ';
}

static wx_status setup_parser(csv_state *c)
{
    if (csv_init(&c->p, CSV_APPEND_NULL) != 0)
        return WX_ENOMEM;
    csv_set_delim(&c->p, c->delim);
    csv_set_realloc_func(&c->p, bounded_realloc);
    csv_set_blk_size(&c->p, CSV_BLOCK);
    csv_set_term_func(&c->p, is_term);
    csv_set_space_func(&c->p, is_space);
    return WX_OK;
}

static wx_status reset_parser(csv_state *c, wx_err *err)
{
    csv_free(&c->p);
    if (setup_parser(c) != WX_OK)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", c->name);
    row_clear(&c->cur);
    c->started = false;
    return WX_OK;
}

/*
 * Feed lines until a row is complete (WX_OK), the file ends (WX_EOF), or
 * a row fails (WX_EFORMAT, reported from its first line).
 */
static wx_status fill_row(csv_state *c, wx_err *err)
{
    while (!c->have_ready) {
        if (c->eof)
            return WX_EOF;
        const char *line;
        size_t len;
        wx_status st = wx_input_getline(c->in, &line, &len, err);
        long no = wx_input_lineno(c->in);
        if (st == WX_EOF) {
            c->eof = true;
            /* Every line was fed with its line feed: a row still under
             * way is inside a quote that never closed, not a field that
             * may silently swallow the rest of the file. */
            if (c->started) {
                long from = c->row_line;
                if ((st = reset_parser(c, err)) != WX_OK)
                    return st;
                return wx_err_set(err, WX_EFORMAT, "%s:%ld: quoted field "
                                  "not closed at the end of the file; row "
                                  "skipped", c->name, from);
            }
            if (csv_fini(&c->p, on_field, on_row, c) != 0 || c->oom)
                return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                                  c->name);
            continue;
        }
        if (st == WX_ETOOBIG) {
            long from = c->started ? c->row_line : no;
            if ((st = reset_parser(c, err)) != WX_OK)
                return st;
            return wx_err_set(err, WX_EFORMAT, "%s:%ld: line longer than "
                              "%d bytes; row skipped", c->name, from,
                              WX_MAX_RECORD_BYTES);
        }
        if (st != WX_OK)
            return st;
        if (c->first_line) {
            c->first_line = false;
            if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
                line += 3, len -= 3;
        }
        if (c->resync) {
            /* The tail of a field too long to keep: up to its quote. */
            if (memchr(line, '"', len) != NULL)
                c->resync = false;
            continue;
        }
        if (!c->started) {
            size_t i = 0;
            while (i < len && (line[i] == ' ' || line[i] == '\t'))
                i++;
            if (i == len)
                continue;       /* blank lines between rows */
            c->started = true;
            c->row_line = no;
        }
        bool ok = csv_parse(&c->p, line, len, on_field, on_row, c) == len &&
                  csv_parse(&c->p, "\n", 1, on_field, on_row, c) == 1;
        if (c->oom)
            return wx_err_set(err, WX_ENOMEM, "%s:%ld: out of memory",
                              c->name, no);
        if (!ok) {
            long from = c->row_line;
            int e = csv_error(&c->p);
            if ((st = reset_parser(c, err)) != WX_OK)
                return st;
            c->have_ready = false;
            if (e == CSV_ENOMEM || e == CSV_ETOOBIG) {
                c->resync = memchr(line, '"', len) == NULL;
                return wx_err_set(err, WX_EFORMAT, "%s:%ld: a field longer "
                                  "than %d bytes; row skipped", c->name,
                                  from, WX_MAX_RECORD_BYTES);
            }
            return wx_err_set(err, WX_EFORMAT, "%s:%ld: %s; row skipped",
                              c->name, from, csv_strerror(e));
        }
    }
    return WX_OK;
}

/* A cell that names a column: short, letters first, no line break. */
static bool name_like(const cell *x)
{
    if (x->n == 0 || x->n > HEADER_NAME_MAX)
        return false;
    if (!((x->s[0] >= 'A' && x->s[0] <= 'Z') ||
          (x->s[0] >= 'a' && x->s[0] <= 'z') || x->s[0] == '_'))
        return false;
    for (size_t i = 0; i < x->n; i++) {
        char ch = x->s[i];
        bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                  (ch >= '0' && ch <= '9') || ch == '_' || ch == ' ' ||
                  ch == '-' || ch == '.';
        if (!ok)
            return false;
    }
    return true;
}

/* A header row: every cell a name, one at least a field we know. */
static bool is_header(const row *r)
{
    bool known = false;
    for (size_t i = 0; i < r->n; i++) {
        if (!name_like(&r->v[i]))
            return false;
        if (wx_fieldmap_lookup(r->v[i].s) != WX_COL_META)
            known = true;
    }
    return known;
}

/* Fix the mapping from the first row; *header says it was a header. */
static wx_status map_columns(csv_state *c, const row *r, bool *header,
                             wx_err *err)
{
    const wx_fieldmap *m = c->fields;
    bool positional = m != NULL && m->positional && m->ncols > 0;
    *header = is_header(r);
    if (!positional && !*header)
        return wx_err_set(err, WX_EIO, "%s:%ld: no header row naming the "
                          "columns: give them with --columns (for example "
                          "--columns topic,title,body); file skipped",
                          c->name, c->ready_line);
    c->ncols = positional ? m->ncols : r->n;
    c->target = calloc(c->ncols, sizeof *c->target);
    c->key = calloc(c->ncols, sizeof *c->key);
    if (c->target == NULL || c->key == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", c->name);
    wx_buf note;
    wx_buf_init(&note, 4096);
    for (size_t i = 0; i < c->ncols; i++) {
        const char *name = *header && i < r->n ? r->v[i].s : NULL;
        if (name != NULL && (c->key[i] = strdup(name)) == NULL) {
            wx_buf_free(&note);
            return wx_err_set(err, WX_ENOMEM, "%s: out of memory", c->name);
        }
        if (positional)
            c->target[i] = m->cols[i].field;
        else
            c->target[i] = wx_fieldmap_rename(m, name,
                                               wx_fieldmap_lookup(name));
        wx_buf_printf(&note, "%s%zu", i ? ", " : "", i + 1);
        if (name != NULL)
            wx_buf_printf(&note, " %.64s", name);
        wx_buf_printf(&note, " -> %s", wx_fieldmap_name(c->target[i]));
    }
    const char *text = wx_buf_str(&note);
    char **last = c->last_mapping;
    if (last == NULL || *last == NULL || strcmp(*last, text) != 0) {
        wx_notef("%s: columns: %s", c->name, text);
        if (last != NULL) {
            free(*last);
            *last = strdup(text);   /* NULL on ENOMEM: printed again */
        }
    }
    wx_buf_free(&note);
    c->mapped = true;
    return WX_OK;
}

static wx_status to_article(csv_state *c, const row *r, wx_article *a,
                            wx_err *err)
{
    if (r->n != c->ncols)
        return wx_err_set(err, WX_EFORMAT, "%s:%ld: %zu fields where the "
                          "%s has %zu; row skipped", c->name, c->ready_line,
                          r->n, c->key[0] != NULL ? "header" : "--columns",
                          c->ncols);
    wx_status st = WX_OK;
    for (size_t i = 0; st == WX_OK && i < r->n; i++) {
        int f = c->target[i];
        size_t limit = f == WX_FIELD_BODY ? (size_t)WX_MAX_BODY_BYTES
                                          : (size_t)WX_MAX_RECORD_BYTES;
        if (r->v[i].n > limit) {
            wx_article_reset(a);
            return wx_err_set(err, WX_EFORMAT, "%s:%ld: field %zu is %zu "
                              "bytes, over the %zu-byte limit; row skipped",
                              c->name, c->ready_line, i + 1, r->v[i].n,
                              limit);
        }
        char fallback[32];
        const char *key = c->key[i];
        if (key == NULL) {
            snprintf(fallback, sizeof fallback, "column%zu", i + 1);
            key = fallback;
        }
        st = wx_fieldmap_put(c->fields, a, f, key, r->v[i].s, r->v[i].n);
    }
    if (st == WX_OK)
        st = wx_fieldmap_lead_dateline(a);
    if (st != WX_OK) {
        wx_article_reset(a);
        return wx_err_set(err, st, "%s:%ld: %s", c->name, c->ready_line,
                          wx_status_str(st));
    }
    a->src_file = c->name;
    a->src_line = c->ready_line;
    return WX_OK;
}

static wx_status csv_next(void *state, wx_article *a, wx_err *err)
{
    csv_state *c = state;
    for (;;) {
        wx_status st = fill_row(c, err);
        if (st != WX_OK)
            return st;
        c->have_ready = false;
        if (!c->mapped) {
            bool header;
            if ((st = map_columns(c, &c->ready, &header, err)) != WX_OK)
                return st;
            if (header)
                continue;
        }
        return to_article(c, &c->ready, a, err);
    }
}

static wx_status open_delim(wx_input *in, const wx_reader_opts *opts,
                            unsigned char delim, void **state, wx_err *err)
{
    *state = NULL;
    csv_state *c = calloc(1, sizeof *c);
    if (c == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    c->in = in;
    c->name = wx_input_name(in);
    c->delim = delim;
    c->fields = opts != NULL ? opts->fields : NULL;
    c->last_mapping = opts != NULL ? opts->last_mapping : NULL;
    c->first_line = true;
    if (setup_parser(c) != WX_OK) {
        free(c);
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory",
                          wx_input_name(in));
    }
    *state = c;
    return WX_OK;
}

static wx_status csv_open(wx_input *in, const wx_reader_opts *opts,
                          void **state, wx_err *err)
{
    return open_delim(in, opts, CSV_COMMA, state, err);
}

static wx_status tsv_open(wx_input *in, const wx_reader_opts *opts,
                          void **state, wx_err *err)
{
    return open_delim(in, opts, CSV_TAB, state, err);
}

static void csv_close(void *state)
{
    csv_state *c = state;
    if (c == NULL)
        return;
    csv_free(&c->p);
    row_free(&c->cur);
    row_free(&c->ready);
    for (size_t i = 0; i < c->ncols; i++)
        free(c->key != NULL ? c->key[i] : NULL);
    free(c->key);
    free(c->target);
    free(c);
}

/*
 * Claimed only when unambiguous: a first line that is a header row of
 * short names split by the delimiter, at least two of them fields we
 * know (title, body, text, description, date...), no other delimiter
 * competing. A headerless export needs --format csv and --columns.
 */
static int sniff_delim(const char *head, size_t n, char delim)
{
    size_t i = n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const char *nl = memchr(head + i, '\n', n - i);
    if (nl == NULL)
        return 0;
    size_t end = (size_t)(nl - head);
    if (end > i && head[end - 1] == '\r')
        end--;
    int known = 0, cells = 0;
    while (i <= end) {
        size_t j = i;
        while (j < end && head[j] != delim)
            j++;
        size_t b = i, e = j;
        if (e > b && head[b] == '"' && head[e - 1] == '"' && e - b >= 2)
            b++, e--;
        char name[HEADER_NAME_MAX + 1];
        cell x = {name, e - b};
        if (e - b > HEADER_NAME_MAX)
            return 0;
        memcpy(name, head + b, e - b);
        name[e - b] = '\0';
        if (!name_like(&x))
            return 0;
        if (wx_fieldmap_lookup(name) != WX_COL_META)
            known++;
        cells++;
        i = j + 1;
    }
    return cells >= 2 && known >= 2 ? 60 : 0;
}

static int csv_sniff(const char *head, size_t n)
{
    return sniff_delim(head, n, ',');
}

static int tsv_sniff(const char *head, size_t n)
{
    return sniff_delim(head, n, '\t');
}

const wx_reader_ops wx_reader_csv = {
    .name = "csv",
    .sniff = csv_sniff,
    .open = csv_open,
    .next = csv_next,
    .close = csv_close,
};

const wx_reader_ops wx_reader_tsv = {
    .name = "tsv",
    .sniff = tsv_sniff,
    .open = tsv_open,
    .next = csv_next,
    .close = csv_close,
};
