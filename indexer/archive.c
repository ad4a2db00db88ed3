/*
 * Archives of period shards under a stub (layout in archive.h). Every
 * shard written to stays open until the end of the run, and an id is
 * looked for in each other shard through the one handle this process has
 * on it: the writable one once it writes there (it sees the run's own
 * changes), else a read-only one. Never through the stub as a whole:
 * a reader of a shard that this process also commits to would lose its
 * revision under it. The lookup costs one term lookup per shard.
 */
#include "archive.h"
#include "spelling.h"
#include "wx_schema.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

enum { NAME_MAX_LEN = 16, STUB_LINE_MAX = 64,
       PATH_ROOM = 4000 };      /* an archive path, with room for names */

#define STUB "XAPIANDB"
#define UNDATED "undated"

typedef struct shard {
    char name[NAME_MAX_LEN];
    wx_db *db;              /* writable, once opened; NULL before */
    wx_db *ro;              /* read-only, until db is opened */
    bool listed;            /* in the stub the run started with */
} shard;

struct wx_archive {
    char *dir;
    wx_archive_by by;
    wx_archive_prepare prepare;
    void *ctx;
    wx_db *view;            /* the old stub, read-only; NULL when none */
    shard *s;               /* the old stub's shards first, in its order */
    size_t n, cap, nlisted;
};

static wx_status write_stub(wx_archive *ar, wx_err *err);

wx_status wx_archive_parse_by(const char *s, wx_archive_by *out, wx_err *err)
{
    if (strcmp(s, "year") == 0)
        *out = WX_ARCHIVE_YEAR;
    else if (strcmp(s, "month") == 0)
        *out = WX_ARCHIVE_MONTH;
    else
        return wx_err_set(err, WX_EINVAL, "--shard-by: year or month, not "
                          "'%.40s'", s);
    return WX_OK;
}

static void join(char *out, size_t cap, const char *dir, const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

bool wx_archive_is(const char *path)
{
    char p[4096];
    struct stat sb;
    join(p, sizeof p, path, STUB);
    return stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* A shard name is a period ("1987", "1987-03") or "undated": nothing a
 * stub line could misread, nothing outside the archive. */
static bool good_name(const char *s)
{
    if (strcmp(s, UNDATED) == 0)
        return true;
    size_t n = strlen(s);
    if (n != 4 && n != 7)
        return false;
    for (size_t i = 0; i < n; i++)
        if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

static shard *add_shard(wx_archive *a, const char *name, wx_err *err)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 16;
        shard *s = realloc(a->s, cap * sizeof *s);
        if (s == NULL) {
            wx_err_set(err, WX_ENOMEM, "out of memory");
            return NULL;
        }
        a->s = s;
        a->cap = cap;
    }
    shard *s = &a->s[a->n++];
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", name);
    return s;
}

/* The shards of the existing stub, in its order. Only stubs this module
 * writes are read: "auto NAME" lines. */
static wx_status read_stub(wx_archive *a, wx_err *err)
{
    char p[4096];
    join(p, sizeof p, a->dir, STUB);
    FILE *f = fopen(p, "r");
    if (f == NULL)
        return errno == ENOENT ? WX_OK
                               : wx_err_set(err, WX_EIO, "%s: %s", p,
                                            strerror(errno));
    char line[STUB_LINE_MAX];
    wx_status st = WX_OK;
    long lineno = 0;
    while (st == WX_OK && fgets(line, sizeof line, f) != NULL) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        if (strncmp(line, "auto ", 5) != 0 || !good_name(line + 5)) {
            st = wx_err_set(err, WX_EDB, "%s:%ld: not a line wiredex-index "
                            "--shard-by writes; edit the stub by hand or "
                            "rebuild", p, lineno);
            break;
        }
        if (add_shard(a, line + 5, err) == NULL)
            st = WX_ENOMEM;
        else
            a->s[a->n - 1].listed = true;
    }
    fclose(f);
    a->nlisted = a->n;
    return st;
}

/* Many months of shards stay open at once: lift the soft limit on open
 * files to the hard one (a glass database keeps about eight). */
static void more_files(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

wx_status wx_archive_open(const char *dir, wx_archive_by by,
                          wx_archive_prepare prepare, void *ctx,
                          wx_archive **out, wx_err *err)
{
    *out = NULL;
    char p[4096];
    struct stat sb;
    if (strlen(dir) > PATH_ROOM)
        return wx_err_set(err, WX_EINVAL, "%.100s...: path too long", dir);
    join(p, sizeof p, dir, "iamglass");
    if (stat(p, &sb) == 0)
        return wx_err_set(err, WX_EINVAL, "%s: a single index, not an "
                          "archive built with --shard-by", dir);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return wx_err_set(err, WX_EIO, "%s: cannot create: %s", dir,
                          strerror(errno));
    wx_archive *a = calloc(1, sizeof *a);
    if (a == NULL || (a->dir = strdup(dir)) == NULL) {
        free(a);
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    }
    a->by = by;
    a->prepare = prepare;
    a->ctx = ctx;
    more_files();
    wx_status st = read_stub(a, err);
    /* One archive, one period: the names tell which. */
    for (size_t i = 0; st == WX_OK && prepare != NULL && i < a->n; i++) {
        size_t len = strlen(a->s[i].name);
        if (strcmp(a->s[i].name, UNDATED) != 0 &&
            (len == 4) != (by == WX_ARCHIVE_YEAR))
            st = wx_err_set(err, WX_EINVAL, "%s: an archive sharded by %s "
                            "(shard %s), not by %s", dir,
                            len == 4 ? "year" : "month", a->s[i].name,
                            by == WX_ARCHIVE_YEAR ? "year" : "month");
    }
    if (st == WX_OK && a->n > 0)
        st = wx_db_open(dir, &a->view, err);
    if (st != WX_OK) {
        wx_archive_free(a);
        return st;
    }
    *out = a;
    return WX_OK;
}

wx_db *wx_archive_view(wx_archive *a)
{
    return a->view;
}

/* The shard name of an article's period. */
static void period_of(const wx_archive *ar, const wx_article *a,
                      char out[NAME_MAX_LEN])
{
    const char *d = a->date;
    bool dated = d != NULL && strlen(d) >= 7 && d[4] == '-';
    for (int i = 0; dated && i < 7; i++)
        dated = i == 4 || (d[i] >= '0' && d[i] <= '9');
    if (!dated)
        snprintf(out, NAME_MAX_LEN, "%s", UNDATED);
    else
        snprintf(out, NAME_MAX_LEN, "%.*s",
                 ar->by == WX_ARCHIVE_YEAR ? 4 : 7, d);
}

static shard *find(wx_archive *a, const char *name)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->s[i].name, name) == 0)
            return &a->s[i];
    return NULL;
}

/* A shard directory that a killed run made but never committed to (no
 * iamglass) is removed, so that it can be created afresh. */
static void clear_unfinished(const char *path)
{
    char p[4096 + 512];
    struct stat sb;
    snprintf(p, sizeof p, "%s/iamglass", path);
    if (stat(p, &sb) == 0)
        return;
    DIR *d = opendir(path);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(path);
}

/* Open shard s for writing, creating it when new. */
static wx_status open_shard(wx_archive *a, shard *s, wx_err *err)
{
    if (s->db != NULL)
        return WX_OK;
    char p[4096];
    join(p, sizeof p, a->dir, s->name);
    wx_db_close(s->ro);
    s->ro = NULL;
    if (!s->listed)
        clear_unfinished(p);
    wx_db *db = NULL;
    uint64_t docs = 0;
    char *schema = NULL;
    wx_status st = wx_db_open_writable(p, WX_DB_CREATE, &db, err);
    if (st == WX_OK)
        st = wx_db_doccount(db, &docs, err);
    if (st == WX_OK)
        st = wx_db_get_metadata(db, WX_META_SCHEMA, &schema, NULL, err);
    if (st == WX_OK && a->prepare != NULL)
        st = a->prepare(a->ctx, db, p, docs == 0 && schema == NULL, err);
    free(schema);
    if (st != WX_OK) {
        wx_db_close(db);
        return st;
    }
    s->db = db;
    return WX_OK;
}

/* Delete uterm's documents from shard s (opened for it). */
static wx_status delete_in(wx_archive *a, shard *s, const char *uterm,
                           bool *moved, wx_err *err)
{
    bool deleted = false;
    wx_status st = open_shard(a, s, err);
    if (st == WX_OK)
        st = wx_db_delete_term(s->db, uterm, &deleted, err);
    if (deleted)
        *moved = true;
    return st;
}

wx_status wx_archive_shard_for(wx_archive *ar, const wx_article *a,
                               const char *uterm, wx_db **db, bool *moved,
                               wx_err *err)
{
    *db = NULL;
    *moved = false;
    char name[NAME_MAX_LEN];
    period_of(ar, a, name);
    shard *s = find(ar, name);
    bool added = s == NULL;
    if (added && (s = add_shard(ar, name, err)) == NULL)
        return WX_ENOMEM;
    size_t target = (size_t)(s - ar->s);
    wx_status st = open_shard(ar, s, err);
    /* A new shard joins the stub at once (empty until its first commit),
     * so the stub lists every shard on disk even after a kill. */
    if (st == WX_OK && added)
        st = write_stub(ar, err);
    if (st != WX_OK) {
        if (added && ar->s[ar->n - 1].db == NULL)
            ar->n--;
        return st;
    }
    /* Every other shard: through its writable handle when this run has
     * written there, else a read-only one. */
    for (size_t i = 0; st == WX_OK && i < ar->n; i++) {
        shard *o = &ar->s[i];
        if (i == target || (o->db == NULL && !o->listed))
            continue;
        char p[4096];
        join(p, sizeof p, ar->dir, o->name);
        if (o->db == NULL && o->ro == NULL)
            st = wx_db_open(p, &o->ro, err);
        uint64_t n = 0;
        for (int tries = 0; st == WX_OK; tries++) {
            st = wx_db_termfreq(o->db ? o->db : o->ro, uterm, &n, err);
            /* Another process's commit: read its latest revision. */
            if (st != WX_EMODIFIED || o->db != NULL || tries == 2 ||
                (st = wx_db_reopen(o->ro, err)) != WX_OK)
                break;
        }
        if (st == WX_OK && n > 0)
            st = delete_in(ar, o, uterm, moved, err);
    }
    if (st == WX_OK)
        *db = ar->s[target].db;
    return st;
}

wx_status wx_archive_delete(wx_archive *ar, const char *uterm,
                            bool *deleted, wx_err *err)
{
    *deleted = false;
    wx_status st = WX_OK;
    for (size_t i = 0; st == WX_OK && i < ar->nlisted; i++)
        st = delete_in(ar, &ar->s[i], uterm, deleted, err);
    return st;
}

wx_status wx_archive_commit(wx_archive *ar, wx_err *err)
{
    wx_status st = WX_OK;
    for (size_t i = 0; st == WX_OK && i < ar->n; i++)
        if (ar->s[i].db != NULL)
            st = wx_db_commit(ar->s[i].db, err);
    return st;
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Write the stub beside its shards, in period order, then rename it
 * into place. */
static wx_status write_stub(wx_archive *ar, wx_err *err)
{
    char tmp[4096 + 8], p[4096];
    join(p, sizeof p, ar->dir, STUB);
    snprintf(tmp, sizeof tmp, "%s.tmp", p);
    const char **names = malloc(ar->n * sizeof *names);
    if (names == NULL)
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    for (size_t i = 0; i < ar->n; i++)
        names[i] = ar->s[i].name;
    qsort(names, ar->n, sizeof *names, by_name);
    FILE *f = fopen(tmp, "w");
    if (f == NULL) {
        free(names);
        return wx_err_set(err, WX_EIO, "%s: %s", tmp, strerror(errno));
    }
    for (size_t i = 0; i < ar->n; i++)
        fprintf(f, "auto %s\n", names[i]);
    free(names);
    bool bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
    if (fclose(f) != 0 || bad || rename(tmp, p) != 0) {
        wx_status st = wx_err_set(err, WX_EIO, "%s: cannot write: %s", p,
                                  strerror(errno));
        unlink(tmp);
        return st;
    }
    return WX_OK;
}

wx_status wx_archive_finish(wx_archive *ar, bool spelling, wx_err *err)
{
    wx_status st = WX_OK;
    for (size_t i = 0; st == WX_OK && i < ar->n; i++) {
        if (ar->s[i].db == NULL)
            continue;
        if (spelling)
            st = wx_spelling_sync(ar->s[i].db, 3, NULL, err);
        if (st == WX_OK)
            st = wx_db_commit(ar->s[i].db, err);
    }
    return st;
}

void wx_archive_free(wx_archive *ar)
{
    if (ar == NULL)
        return;
    for (size_t i = 0; i < ar->n; i++) {
        wx_db_close(ar->s[i].db);
        wx_db_close(ar->s[i].ro);
    }
    wx_db_close(ar->view);
    free(ar->s);
    free(ar->dir);
    free(ar);
}
