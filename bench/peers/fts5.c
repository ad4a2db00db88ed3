/*
 * fts5.c - SQLite FTS5 peer for the wiredex benchmark.
 *
 *   fts5bench index DB CORPUS.jsonl            bulk index (DB must not exist)
 *   fts5bench warm  DB QUERIES REPS [WARMUP]   one process: every query
 *                      WARMUP times untimed (default 1), then REPS times timed
 *   fts5bench cold  DB 'QUERY LINE'            open, one query, 10 snippets, exit
 *
 * Schema: an FTS5 table doc(title, body, date UNINDEXED, dateline UNINDEXED)
 * with rowid = article id and the porter tokenizer over unicode61, plus a
 * relational table facet(docid, kind, value) for topics, places and agency:
 * exact-value filters and facet counts are a join, which is how one would
 * do it with SQLite (FTS5 columns are tokenized, so "money-fx" would not be
 * one value there).
 *
 * JSON is parsed by SQLite's own json_extract()/json_each(), so parsing is
 * part of the indexing cost, as it is for the other peers.
 *
 * Query lines (see bench/queries.txt): bare words are ANDed, "..." is a
 * phrase, topic:V / place:V / agency:V are exact filters.  Each word or
 * phrase becomes an FTS5 string ("..."), so words such as AND/NOT or
 * hyphens are never read as FTS5 syntax.
 *
 * warm output, one line per measurement, for peers.sh to aggregate:
 *   hits Q N          size of the match set of query Q (untimed)
 *   lat snip Q MS     top 10 by bm25 with title and snippet
 *   lat facet Q MS    the same plus topic and place counts over all matches
 */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_FILTERS 8

struct query {
    char *match;                      /* FTS5 expression */
    int nfilter;
    char *kind[MAX_FILTERS];          /* "topic", "place", "agency" */
    char *value[MAX_FILTERS];
};

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fts5bench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void check(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        die("%s: %s", what, sqlite3_errmsg(db));
}

static void exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        die("%s: %s", sql, err ? err : "?");
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Append s to the growing string *buf (size tracked in *cap). */
static void append(char **buf, size_t *cap, const char *s)
{
    size_t len = *buf ? strlen(*buf) : 0, add = strlen(s);
    if (len + add + 1 > *cap) {
        *cap = (len + add + 1) * 2;
        *buf = realloc(*buf, *cap);
        if (!*buf)
            die("out of memory");
        (*buf)[len] = '\0';
    }
    memcpy(*buf + len, s, add + 1);
}

/* Append one word or phrase as an FTS5 string: "..." with "" escaping. */
static void append_fts_string(char **buf, size_t *cap, const char *s, size_t n)
{
    char one[2] = {0, 0};
    append(buf, cap, *buf && **buf ? " \"" : "\"");
    for (size_t i = 0; i < n; i++) {
        one[0] = s[i];
        append(buf, cap, s[i] == '"' ? "\"\"" : one);
    }
    append(buf, cap, "\"");
}

/* Parse one line of queries.txt; returns 0 on an empty or comment line. */
static int parse_query(const char *line, struct query *q)
{
    size_t cap = 0;
    const char *p = line;
    memset(q, 0, sizeof *q);
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p || (*p == '#' && p == line))
            break;
        if (*p == '"') {                      /* phrase */
            const char *end = strchr(p + 1, '"');
            size_t n = end ? (size_t)(end - p - 1) : strlen(p + 1);
            append_fts_string(&q->match, &cap, p + 1, n);
            p += n + 1 + (end != NULL);
            continue;
        }
        size_t n = strcspn(p, " \t\r\n");
        const char *colon = memchr(p, ':', n);
        if (colon && q->nfilter < MAX_FILTERS &&
            ((colon - p == 5 && !strncmp(p, "topic", 5)) ||
             (colon - p == 5 && !strncmp(p, "place", 5)) ||
             (colon - p == 6 && !strncmp(p, "agency", 6)))) {
            q->kind[q->nfilter] = strndup(p, colon - p);
            q->value[q->nfilter] = strndup(colon + 1, n - (colon - p) - 1);
            q->nfilter++;
        } else {
            append_fts_string(&q->match, &cap, p, n);
        }
        p += n;
    }
    return q->match != NULL || q->nfilter > 0;
}

/* Build "<head> WHERE doc MATCH ?1 AND +rowid IN (...) <tail>"; filter k
 * binds to ?(2k+2), ?(2k+3).  The unary + keeps the rowid constraint away
 * from FTS5: without it the planner hands FTS5 the whole filter list as
 * rowid lookups (one MATCH per filtered row, 700 ms for agency:reuters)
 * instead of scanning the match set once against a hashed IN list. */
static char *build_sql(const struct query *q, const char *head, const char *tail)
{
    char *sql = NULL, frag[160];
    size_t cap = 0;
    append(&sql, &cap, head);
    append(&sql, &cap, " WHERE doc MATCH ?1");
    for (int k = 0; k < q->nfilter; k++) {
        snprintf(frag, sizeof frag,
                 " AND +doc.rowid IN (SELECT docid FROM facet WHERE kind=?%d AND value=?%d)",
                 2 * k + 2, 2 * k + 3);
        append(&sql, &cap, frag);
    }
    append(&sql, &cap, " ");
    append(&sql, &cap, tail);
    return sql;
}

static sqlite3_stmt *prepare_query(sqlite3 *db, const struct query *q,
                                   const char *head, const char *tail)
{
    sqlite3_stmt *st;
    /* FTS5 needs a MATCH expression; queries.txt has no filter-only line. */
    if (!q->match)
        die("filter-only queries are not supported");
    char *sql = build_sql(q, head, tail);
    check(db, sqlite3_prepare_v2(db, sql, -1, &st, NULL), sql);
    free(sql);
    sqlite3_bind_text(st, 1, q->match, -1, SQLITE_STATIC);
    for (int k = 0; k < q->nfilter; k++) {
        sqlite3_bind_text(st, 2 * k + 2, q->kind[k], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2 * k + 3, q->value[k], -1, SQLITE_STATIC);
    }
    return st;
}

/* Top 10 by bm25 (title weighted 3x), with title, date and a body snippet
 * of about 25 tokens.  Output goes to out, or is only touched when NULL
 * (so the work cannot be skipped). */
static unsigned long top10(sqlite3 *db, const struct query *q, FILE *out)
{
    unsigned long sum = 0;
    sqlite3_stmt *st = prepare_query(db, q,
        "SELECT rowid, title, date, snippet(doc, 1, '<b>', '</b>', '...', 25)"
        " FROM doc",
        "ORDER BY bm25(doc, 3.0, 1.0) LIMIT 10");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *title = (const char *)sqlite3_column_text(st, 1);
        const char *date = (const char *)sqlite3_column_text(st, 2);
        const char *snip = (const char *)sqlite3_column_text(st, 3);
        if (out)
            fprintf(out, "%lld\t%s\t%s\t%s\n", sqlite3_column_int64(st, 0),
                    date ? date : "", title ? title : "", snip ? snip : "");
        sum += (snip ? strlen(snip) : 0) + (title ? strlen(title) : 0);
    }
    check(db, rc, "top10");
    sqlite3_finalize(st);
    return sum;
}

/* Counts of topics and places over the whole match set (the facet
 * sidebar of a search page); one GROUP BY over the joined match set. */
static unsigned long facets(sqlite3 *db, const struct query *q)
{
    unsigned long sum = 0;
    sqlite3_stmt *st = prepare_query(db, q,
        "SELECT f.kind, f.value, count(*) AS c FROM facet f"
        " WHERE f.kind IN ('topic','place') AND f.docid IN (SELECT doc.rowid FROM doc",
        ") GROUP BY f.kind, f.value ORDER BY f.kind, c DESC");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        sum += sqlite3_column_int(st, 2);
    check(db, rc, "facets");
    sqlite3_finalize(st);
    return sum;
}

static long count_hits(sqlite3 *db, const struct query *q)
{
    sqlite3_stmt *st = prepare_query(db, q, "SELECT count(*) FROM doc", "");
    check(db, sqlite3_step(st), "count");
    long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static sqlite3 *open_db(const char *path, int flags)
{
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK)
        die("%s: %s", path, sqlite3_errmsg(db));
    return db;
}

static int cmd_index(const char *dbpath, const char *jsonl)
{
    FILE *in = fopen(jsonl, "r");
    if (!in)
        die("%s: cannot open", jsonl);
    sqlite3 *db = open_db(dbpath, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    /* Bulk load: no journal, no fsync, one transaction - the fastest way
     * SQLite can build a database, as a bulk import would be done. */
    exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
             " PRAGMA cache_size=-65536; BEGIN;"
             " CREATE VIRTUAL TABLE doc USING fts5(title, body, date UNINDEXED,"
             "   dateline UNINDEXED, tokenize='porter unicode61');"
             " CREATE TABLE facet(docid INTEGER, kind TEXT, value TEXT,"
             "   PRIMARY KEY(docid, kind, value)) WITHOUT ROWID;");
    sqlite3_stmt *ins_doc, *ins_facet;
    check(db, sqlite3_prepare_v2(db,
        "INSERT INTO doc(rowid, title, body, date, dateline) SELECT"
        " json_extract(?1,'$.id'), json_extract(?1,'$.title'),"
        " json_extract(?1,'$.body'), json_extract(?1,'$.date'),"
        " json_extract(?1,'$.dateline')", -1, &ins_doc, NULL), "prepare doc");
    check(db, sqlite3_prepare_v2(db,
        "INSERT OR IGNORE INTO facet(docid, kind, value)"
        " SELECT json_extract(?1,'$.id'), 'topic', lower(value) FROM json_each(?1,'$.topics')"
        " UNION ALL SELECT json_extract(?1,'$.id'), 'place', lower(value) FROM json_each(?1,'$.places')"
        " UNION ALL SELECT json_extract(?1,'$.id'), 'agency', lower(json_extract(?1,'$.agency'))"
        "   WHERE coalesce(json_extract(?1,'$.agency'),'') <> ''", -1, &ins_facet, NULL),
        "prepare facet");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long n = 0;
    while ((len = getline(&line, &cap, in)) > 0) {
        if (len <= 1)
            continue;
        sqlite3_stmt *sts[2] = {ins_doc, ins_facet};
        for (int i = 0; i < 2; i++) {
            sqlite3_bind_text(sts[i], 1, line, (int)len, SQLITE_STATIC);
            check(db, sqlite3_step(sts[i]), "insert");
            sqlite3_reset(sts[i]);
        }
        n++;
    }
    sqlite3_finalize(ins_doc);
    sqlite3_finalize(ins_facet);
    /* Secondary index for filters (kind, value) -> docid; built after the
     * load because one sort is cheaper than incremental B-tree inserts. */
    exec(db, "CREATE INDEX facet_kv ON facet(kind, value, docid); COMMIT;");
    sqlite3_close(db);
    fclose(in);
    free(line);
    fprintf(stderr, "fts5bench: indexed %ld articles\n", n);
    printf("docs %ld\n", n);
    return 0;
}

static int cmd_warm(const char *dbpath, const char *qfile, int reps, int warmup)
{
    FILE *in = fopen(qfile, "r");
    if (!in)
        die("%s: cannot open", qfile);
    struct query qs[512];
    int nq = 0;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, in) > 0 && nq < 512)
        if (parse_query(line, &qs[nq]))
            nq++;
    fclose(in);
    free(line);

    sqlite3 *db = open_db(dbpath, SQLITE_OPEN_READONLY);
    unsigned long sink = 0;
    /* Untimed: match-set sizes (for cross-checking peers), then warm-up
     * passes for the page cache and SQLite's own page cache. */
    for (int i = 0; i < nq; i++)
        printf("hits %d %ld\n", i, count_hits(db, &qs[i]));
    for (int w = 0; w < warmup; w++)
        for (int i = 0; i < nq; i++)
            sink += top10(db, &qs[i], NULL) + facets(db, &qs[i]);
    for (int r = 0; r < reps; r++)
        for (int i = 0; i < nq; i++) {
            double t0 = now_ms();
            sink += top10(db, &qs[i], NULL);
            printf("lat snip %d %.4f\n", i, now_ms() - t0);
        }
    for (int r = 0; r < reps; r++)
        for (int i = 0; i < nq; i++) {
            double t0 = now_ms();
            sink += top10(db, &qs[i], NULL) + facets(db, &qs[i]);
            printf("lat facet %d %.4f\n", i, now_ms() - t0);
        }
    sqlite3_close(db);
    fprintf(stderr, "fts5bench: checksum %lu\n", sink);
    return 0;
}

static int cmd_cold(const char *dbpath, const char *qline)
{
    struct query q;
    if (!parse_query(qline, &q))
        die("empty query");
    sqlite3 *db = open_db(dbpath, SQLITE_OPEN_READONLY);
    top10(db, &q, stdout);
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "index"))
        return cmd_index(argv[2], argv[3]);
    if ((argc == 5 || argc == 6) && !strcmp(argv[1], "warm"))
        return cmd_warm(argv[2], argv[3], atoi(argv[4]), argc == 6 ? atoi(argv[5]) : 1);
    if (argc == 4 && !strcmp(argv[1], "cold"))
        return cmd_cold(argv[2], argv[3]);
    fprintf(stderr, "usage: fts5bench index DB CORPUS.jsonl\n"
                    "       fts5bench warm DB QUERIES REPS [WARMUP]\n"
                    "       fts5bench cold DB 'QUERY'\n");
    return 2;
}
