/*
 * The indexing loop: for each input file pick a reader, read articles,
 * finish them, build documents and replace them by id, committing every
 * opts->batch articles. Replacing by the unique id term makes a rerun
 * idempotent, and Xapian's atomic commits make a killed run resumable:
 * every committed batch survives, and the rerun replaces what it finds.
 */
#include "index.h"
#include "archive.h"
#include "dateline.h"
#include "document.h"
#include "pathmeta.h"
#include "progress.h"
#include "reader.h"
#include "seen.h"
#include "shards.h"
#include "spelling.h"
#include "wx_rank.h"
#include "walk.h"
#include "warncap.h"
#include "writer.h"
#include "wx_article.h"
#include "wx_input.h"
#include "wx_log.h"
#include "wx_limits.h"
#include "wx_schema.h"
#include "wx_xapian.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void wx_index_opts_init(wx_index_opts *o)
{
    memset(o, 0, sizeof *o);
    o->batch = 1000;
    o->jobs = 0;
    o->spelling = true;
}

/* A new index is built on every core unless told otherwise: on two
 * cores 10x Reuters takes 63 s instead of 118 s and, merged by the
 * compactor, 752 MB instead of 1215 MB. Past 8 shards the merge and the
 * shared input reader gain nothing. */
static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 8 ? 8 : (unsigned)n;
}

/* State of one run, shared by the per-file and per-article steps. */
typedef struct run {
    const wx_index_opts *opts;
    wx_index_counts *c;
    wx_db *db;
    wx_docbuilder b;
    wx_progress prog;
    uint64_t committed;     /* documents written at the last commit */
    uint64_t raw_committed; /* text bytes written at the last commit */
    char lang[64];          /* stemmer language of the index */
    bool stem_all;          /* stems only (--stemming all) */
    uint64_t done_bytes;    /* input bytes of finished files */
    bool stop;              /* --strict hit a bad record */
    bool parallel;          /* building a new index in shards */
    unsigned jobs;          /* shards of a parallel build */
    bool bulk;              /* a new index: no disk flush per commit */
    const char *shard_dir;  /* where (the writer's), when parallel */
    wx_shards *shards;      /* the workers, once started */
    wx_warncap warn;        /* caps the warnings of the current file */
    wx_fieldmap fields;     /* --columns, --map */
    wx_pathmeta pathmeta;   /* --path-meta */
    char *last_mapping;     /* CSV columns as last printed */
    wx_seen seen;           /* content-hash ids read in this run */
    uint64_t sent;          /* articles handed to the shards, for the
                               progress line (the workers count later) */
    wx_archive *archive;    /* --shard-by: the period shards */
    wx_writer *w;           /* the writer lock, held throughout */
    bool unpublished;       /* a new index still at its scratch path */
} run;

/* ---- files excluded or skipped, grouped by reason -------------------- */

/*
 * Count a file excluded by a rule or skipped, in the group of its
 * reason. Skipped files are reported one by one (the first
 * WX_WARNCAP_SHOWN of each reason; the summary counts the rest);
 * excluded ones only in the summary.
 */
static wx_status file_fate(run *r, const char *path, const char *why,
                           bool skipped)
{
    wx_index_counts *c = r->c;
    wx_index_group *g = NULL;
    for (size_t i = 0; i < c->ngroups; i++)
        if (c->groups[i].skipped == skipped &&
            strcmp(c->groups[i].why, why) == 0)
            g = &c->groups[i];
    if (g == NULL) {
        wx_index_group *v = realloc(c->groups, (c->ngroups + 1) * sizeof *v);
        if (v == NULL)
            return WX_ENOMEM;
        c->groups = v;
        g = &v[c->ngroups++];
        *g = (wx_index_group){strdup(why), skipped, 0, strdup(path)};
        if (g->why == NULL || g->example == NULL)
            return WX_ENOMEM;
    }
    g->n++;
    if (skipped) {
        c->files_skipped++;
        if (r->opts->strict)
            r->stop = true;     /* a lost file is as bad as a lost record */
        if (g->n <= WX_WARNCAP_SHOWN) {
            wx_progress_end(&r->prog);
            wx_warnf("%s: %s, file skipped", path, why);
        }
    } else {
        c->files_excluded++;
    }
    return WX_OK;
}

void wx_index_counts_free(wx_index_counts *c)
{
    for (size_t i = 0; i < c->ngroups; i++) {
        free(c->groups[i].why);
        free(c->groups[i].example);
    }
    free(c->groups);
    c->groups = NULL;
    c->ngroups = 0;
}

/* Commit the documents written so far, once the device has room for
 * them (writer.h: a disk filling up inside a commit can abort). A
 * merged parallel build has written its bulk already. */
static wx_status commit(run *r, wx_err *err)
{
    wx_status st = r->parallel ? WX_OK
                               : wx_writer_room(r->opts->db_path,
                                                r->c->raw_bytes -
                                                    r->raw_committed,
                                                err);
    if (st != WX_OK)
        return st;
    r->raw_committed = r->c->raw_bytes;
    st = r->archive != NULL ? wx_archive_commit(r->archive, err)
         : r->db != NULL    ? wx_db_commit(r->db, err)
                            : WX_OK;
    r->committed = wx_index_written(r->c);
    return st;
}

/* Record the ranking settings asked for (else the defaults) for the
 * searcher. */
static wx_status ranking(run *r, wx_err *err)
{
    wx_rank rk;
    wx_rank_default(&rk);
    if (r->opts->ranking != NULL &&
        wx_rank_parse(r->opts->ranking, &rk, err) != WX_OK)
        return WX_EINVAL;
    char text[96];
    wx_rank_format(&rk, text, sizeof text);
    return wx_db_set_metadata(r->db, WX_META_RANKING, text, strlen(text),
                              err);
}

/*
 * An existing index keeps the language and stemming it was built with:
 * mixing two in one index would make half of it unsearchable. Asking for
 * other ones is an error rather than a silent change.
 */
static wx_status settings(run *r, wx_err *err)
{
    char *lang = NULL, *stem = NULL, *pos = NULL;
    wx_status st = wx_db_get_metadata(r->db, WX_META_LANG, &lang, NULL, err);
    if (st == WX_OK)
        st = wx_db_get_metadata(r->db, WX_META_STEM, &stem, NULL, err);
    if (st == WX_OK)
        st = wx_db_get_metadata(r->db, WX_META_POSITIONS, &pos, NULL, err);
    bool can_replace = true;
    if (st == WX_OK)
        st = wx_db_can_replace(r->db, &can_replace, err);
    if (st != WX_OK)
        goto done;
    /* An index without a termlist (the withdrawn --append-only) cannot
     * replace its articles, nor serve them to remote clients. */
    if (!can_replace) {
        st = wx_err_set(err, WX_EINVAL, "%s: index built with "
                        "--append-only, which is withdrawn: rebuild it",
                        r->opts->db_path);
        goto done;
    }
    /* Ranking is a search setting: it may change at any time. */
    if (r->opts->ranking != NULL && (st = ranking(r, err)) != WX_OK)
        goto done;
    snprintf(r->lang, sizeof r->lang, "%s", lang ? lang : "english");
    r->stem_all = stem != NULL && strcmp(stem, "all") == 0;
    const char *want_stem = r->opts->stemming;
    if (r->opts->lang != NULL && strcmp(r->opts->lang, r->lang) != 0)
        st = wx_err_set(err, WX_EINVAL, "%s: index built with --lang %s, "
                        "not %s", r->opts->db_path, r->lang, r->opts->lang);
    else if (want_stem != NULL &&
             strcmp(want_stem, r->stem_all ? "all" : "some") != 0)
        st = wx_err_set(err, WX_EINVAL, "%s: index built with --stemming "
                        "%s, not %s", r->opts->db_path,
                        r->stem_all ? "all" : "some", want_stem);
    else if (pos != NULL && strcmp(pos, "compact") == 0)
        st = wx_err_set(err, WX_EINVAL, "%s: index built with --positions "
                        "compact, which is withdrawn: rebuild it",
                        r->opts->db_path);
done:
    free(lang);
    free(stem);
    free(pos);
    return st;
}

/* A new index's language and stemming: as asked, else the
 * defaults. */
static void new_settings(run *r)
{
    const wx_index_opts *o = r->opts;
    snprintf(r->lang, sizeof r->lang, "%s", o->lang ? o->lang : "english");
    r->stem_all = o->stemming != NULL && strcmp(o->stemming, "all") == 0;
}

/* Write the schema stamp and the index's language and stemming. */
static wx_status stamp(run *r, wx_err *err)
{
    const char *stem = r->stem_all ? "all" : "some";
    wx_status st = wx_db_set_metadata(r->db, WX_META_SCHEMA,
                                      WX_SCHEMA_VERSION,
                                      strlen(WX_SCHEMA_VERSION), err);
    if (st == WX_OK)
        st = wx_db_set_metadata(r->db, WX_META_LANG, r->lang,
                                strlen(r->lang), err);
    if (st == WX_OK)
        st = wx_db_set_metadata(r->db, WX_META_STEM, stem, strlen(stem),
                                err);
    const char *pos = "xapian";
    if (st == WX_OK)
        st = wx_db_set_metadata(r->db, WX_META_POSITIONS, pos, strlen(pos),
                                err);
    if (st == WX_OK)
        st = ranking(r, err);
    return st;
}

static wx_status check_schema(run *r, wx_err *err)
{
    uint64_t docs = 0;
    char *v = NULL;
    wx_status st = wx_db_doccount(r->db, &docs, err);
    if (st == WX_OK)
        st = wx_db_get_metadata(r->db, WX_META_SCHEMA, &v, NULL, err);
    if (st != WX_OK)
        return st;
    if (v == NULL && docs > 0)
        return wx_err_set(err, WX_EDB, "%s: not a wiredex index (no %s)",
                          r->opts->db_path, WX_META_SCHEMA);
    if (v != NULL) {
        if (strcmp(v, WX_SCHEMA_VERSION) != 0)
            st = wx_err_set(err, WX_EDB, "%s: index schema %.20s, this "
                            "wiredex writes schema %s: rebuild the index "
                            "(in a new directory)", r->opts->db_path, v,
                            WX_SCHEMA_VERSION);
        free(v);
        return st == WX_OK ? settings(r, err) : st;
    }
    new_settings(r);
    if ((st = stamp(r, err)) != WX_OK)
        return st;
    /* Stamp a new database at once, so one killed before its first batch
     * is still recognisably ours. */
    return wx_db_commit(r->db, err);
}

/* A record that cannot be indexed: say why, count it, go on. */
static void skip(run *r, const wx_err *why)
{
    wx_progress_end(&r->prog);
    wx_warncap_warn(&r->warn, WX_WARN_RECORD, "%s", why->msg);
    r->c->skipped++;
    if (r->opts->strict)
        r->stop = true;
}

/* A record without article text: say which, count it, go on. Not an
 * error (the exit status stays 0) and --strict does not stop for it. */
static void no_text(run *r, const wx_err *why)
{
    wx_progress_end(&r->prog);
    wx_notef("%s", why->msg);
    r->c->notext++;
}

/* The workers start with the first article written. */
static wx_status start_shards(run *r, wx_err *err)
{
    unsigned jobs = r->jobs;
    wx_shards_opts so = {r->shard_dir, jobs, r->lang, r->stem_all,
                         r->opts->batch / jobs ? r->opts->batch / jobs : 1,
                         r->opts->strict};
    return wx_shards_start(&so, &r->shards, err);
}

/* The shard of a's period, with any copy of a elsewhere deleted. */
static wx_status archive_shard(run *r, const wx_article *a, wx_db **db,
                               bool *moved, wx_err *err)
{
    char *uterm = wx_schema_term(WX_FIELD_ID, a->id);
    if (uterm == NULL)
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    wx_status st = wx_archive_shard_for(r->archive, a, uterm, db, moved, err);
    free(uterm);
    return st;
}

/* A shard the archive opens: a new one gets the run's settings, an
 * existing one must have them (every shard of a stub is searched with
 * the first one's). */
static wx_status prepare_shard(void *ctx, wx_db *shard, const char *path,
                               bool fresh, wx_err *err)
{
    run *r = ctx;
    wx_db *keep = r->db;
    wx_index_opts o = *r->opts;
    o.db_path = path;
    const wx_index_opts *keep_opts = r->opts;
    r->db = shard;
    r->opts = &o;
    wx_status st;
    if (fresh) {
        st = stamp(r, err);
        if (st == WX_OK)
            st = wx_db_commit(shard, err);
    } else {
        /* Settings must equal the run's: ask for exactly those. */
        char lang[64];
        bool stem_all = r->stem_all;
        snprintf(lang, sizeof lang, "%s", r->lang);
        o.lang = lang;
        o.stemming = stem_all ? "all" : "some";
        st = check_schema(r, err);
    }
    r->db = keep;
    r->opts = keep_opts;
    return st;
}

/* --shard-by: open the archive; its settings are its first shard's, or
 * those asked for when it is new. */
static wx_status begin_archive(run *r, wx_err *err)
{
    wx_archive_by by;
    wx_status st = wx_archive_parse_by(r->opts->shard_by, &by, err);
    if (st == WX_OK)
        st = wx_archive_open(r->opts->db_path, by, prepare_shard, r,
                             &r->archive, err);
    if (st != WX_OK)
        return st;
    wx_db *view = wx_archive_view(r->archive);
    if (view == NULL) {
        new_settings(r);
    } else {
        r->db = view;
        st = check_schema(r, err);
        r->db = NULL;
    }
    return st;
}

/* Write one finished article: into the database, or (parallel build)
 * to the shard its id belongs to, which takes it over and resets *a. */
static wx_status write_article(run *r, wx_article *a, wx_err *err)
{
    if (r->parallel) {
        wx_status st = r->shards ? WX_OK : start_shards(r, err);
        if (st == WX_OK && (st = wx_shards_put(r->shards, a, err)) == WX_OK)
            r->sent++;
        return st;
    }
    wx_err why;
    wx_err_clear(&why);
    wx_db *db = r->db;
    bool moved = false;
    uint64_t added = r->c->added;
    wx_status st = r->archive != NULL ? archive_shard(r, a, &db, &moved, err)
                                      : WX_OK;
    if (st != WX_OK)
        return st;
    st = wx_docbuilder_write(&r->b, db, a, r->c, &why);
    /* An article moved from another period's shard was replaced. */
    if (st == WX_OK && moved && r->c->added > added) {
        r->c->added--;
        r->c->replaced++;
    }
    if (st == WX_EFORMAT || st == WX_ETOOBIG || st == WX_EINVAL) {
        skip(r, &why);
        return WX_OK;
    }
    if (st != WX_OK)
        return wx_err_set(err, st, "%s", why.msg);
    if (wx_index_written(r->c) - r->committed >= r->opts->batch)
        return commit(r, err);
    return WX_OK;
}

static wx_status index_article(run *r, wx_article *a, wx_err *err)
{
    bool own_id = a->id != NULL;
    size_t repairs = 0;
    wx_err why;
    wx_err_clear(&why);
    /* Every reader's lead reads as the text reader reads it. */
    wx_status st = wx_dateline_fill_from_body(a);
    if (st == WX_OK)
        st = wx_article_finish(a, &repairs, &why);
    else
        wx_err_set(&why, st, "%s:%ld: out of memory",
                   a->src_file != NULL ? a->src_file : "(input)",
                   a->src_line);
    if (st == WX_EFORMAT) {
        skip(r, &why);
        return WX_OK;
    }
    if (st == WX_ENOTEXT) {
        no_text(r, &why);
        return WX_OK;
    }
    if (st != WX_OK)
        return wx_err_set(err, st, "%s", why.msg);
    if (repairs > 0) {
        wx_progress_end(&r->prog);
        wx_warncap_warn(&r->warn, WX_WARN_REPAIR, "%s:%ld: invalid UTF-8 "
                        "repaired (%zu bytes read as Latin-1)", a->src_file,
                        a->src_line, repairs);
        r->c->repaired++;
    }
    if (!own_id) {
        const char *first = NULL;
        if (wx_seen_add(&r->seen, a->id, a->source, &first) != WX_OK)
            return wx_err_set(err, WX_ENOMEM, "out of memory");
        if (first != NULL) {
            /* Byte-identical text: counted, not indexed twice. */
            if (++r->c->duplicates <= WX_WARNCAP_SHOWN) {
                wx_progress_end(&r->prog);
                wx_notef("%s: same text as %s, counted as a duplicate",
                         a->source, first);
            }
            return WX_OK;
        }
    }
    return write_article(r, a, err);
}

/* msg without the "path: " it starts with, if it does. */
static const char *after_path(const char *msg, const char *path)
{
    size_t n = strlen(path);
    return strncmp(msg, path, n) == 0 && strncmp(msg + n, ": ", 2) == 0
               ? msg + n + 2
               : msg;
}

/* "path:line" (just the path when the line is unknown). */
static wx_status set_source(wx_article *a, const char *path)
{
    if (a->source != NULL)
        return WX_OK;       /* the record's own (an --export read back) */
    char line[24] = "";
    if (a->src_line > 0)
        snprintf(line, sizeof line, ":%ld", a->src_line);
    size_t n = strlen(path) + strlen(line) + 1;
    if ((a->source = malloc(n)) == NULL)
        return WX_ENOMEM;
    snprintf(a->source, n, "%s%s", path, line);
    return WX_OK;
}

static wx_status index_file(run *r, const wx_walk_file *f, wx_err *err)
{
    wx_input *in = NULL;
    wx_err why;
    wx_err_clear(&why);
    wx_status st = wx_input_open(f->path, &in, &why);
    if (st != WX_OK) {
        /* Gone or unreadable since the walk listed it. */
        char reason[300];
        snprintf(reason, sizeof reason, "unreadable: %s",
                 after_path(why.msg, f->path));
        return file_fate(r, f->path, reason, true) == WX_OK
                   ? WX_OK
                   : wx_err_set(err, WX_ENOMEM, "out of memory");
    }
    const wx_reader_ops *ops = NULL;
    const char *head;
    size_t n = 0;
    if (r->opts->format != NULL)
        ops = wx_reader_find(r->opts->format);
    else if ((st = wx_input_peek(in, 8192, &head, &n, &why)) == WX_OK)
        ops = wx_reader_detect(head, n);
    if (st != WX_OK || ops == NULL) {
        const char *reason = st != WX_OK ? after_path(why.msg, f->path)
                             : n == 0    ? "empty file"
                                         : "not a recognised article format "
                                           "(try --format)";
        wx_input_close(in);
        return file_fate(r, f->path, reason, true) == WX_OK
                   ? WX_OK
                   : wx_err_set(err, WX_ENOMEM, "out of memory");
    }
    r->c->files++;
    wx_reader_opts ropts = {r->opts->default_year, &r->fields, &r->warn,
                            &r->last_mapping};
    void *state = NULL;
    if ((st = ops->open(in, &ropts, &state, &why)) != WX_OK) {
        wx_input_close(in);
        if (st == WX_ENOMEM)
            return wx_err_set(err, st, "%s", why.msg);
        skip(r, &why);
        return WX_OK;
    }
    const char *name = strcmp(f->path, "-") == 0 ? "<stdin>" : f->path;
    wx_warncap_begin(&r->warn, name);
    wx_article a;
    wx_article_init(&a);
    while (!r->stop) {
        st = ops->next(state, &a, &why);
        if (st == WX_EOF) {
            st = WX_OK;
            break;
        }
        if (st == WX_OK) {
            a.src_file = name;
            st = set_source(&a, name);
            if (st == WX_OK)
                st = wx_pathmeta_apply(&r->pathmeta, f->path + f->rel, &a,
                                       NULL);
            if (st != WX_OK) {
                wx_err_set(err, st, "out of memory");
                break;
            }
            st = index_article(r, &a, err);
            wx_article_reset(&a);
            if (st != WX_OK)
                break;
        } else if (st == WX_EFORMAT || st == WX_ETOOBIG) {
            skip(r, &why);
            st = WX_OK;
        } else if (st == WX_ENOTEXT) {
            no_text(r, &why);
            st = WX_OK;
        } else if (st == WX_ENOMEM) {
            wx_err_set(err, st, "%s", why.msg);
            break;
        } else {
            /* The rest of this file is unreadable (a truncated .gz, an
             * I/O error): report it and go on with the next file. */
            skip(r, &why);
            st = WX_OK;
            break;
        }
        wx_progress_update(&r->prog, r->c->added + r->c->replaced + r->sent,
                           r->done_bytes + wx_input_consumed(in));
    }
    wx_warncap_end(&r->warn);
    wx_article_reset(&a);
    r->c->bytes_in += wx_input_bytes(in);
    r->done_bytes += f->size;
    ops->close(state);
    wx_input_close(in);
    return st;
}

/*
 * Flush every file of the database at dir to disk, and the directory
 * itself: what a bulk build skipped at each commit, done once.
 */
static wx_status sync_db_dir(const char *dir, wx_err *err)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return wx_err_set(err, WX_EIO, "%s: cannot open to flush: %s", dir,
                          strerror(errno));
    wx_status st = WX_OK;
    struct dirent *e;
    char path[4096];
    while (st == WX_OK && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        int fd = open(path, O_RDONLY);
        if (fd < 0 || fsync(fd) != 0)
            st = wx_err_set(err, WX_EIO, "%s: cannot flush to disk: %s",
                            path, strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    closedir(d);
    return st;
}

/*
 * A parallel build needs a new index: the shards are merged by Xapian's
 * compactor into a database that must not exist yet. An existing one
 * qualifies only when it holds no article (it is then replaced).
 */
static wx_status new_index(const char *path, bool *fresh, wx_err *err)
{
    struct stat sb;
    *fresh = false;
    if (stat(path, &sb) != 0) {
        *fresh = errno == ENOENT;
        return WX_OK;
    }
    wx_db *db = NULL;
    uint64_t docs = 1;
    if (wx_db_open(path, &db, err) == WX_OK)
        wx_db_doccount(db, &docs, err);
    wx_db_close(db);
    wx_err_clear(err);
    if (docs == 0) {
        wx_writer_remove_db(path);
        *fresh = true;
    }
    return WX_OK;
}

static void begin_parallel(run *r)
{
    new_settings(r);
    r->shard_dir = wx_writer_shards_path(r->w);
}

/* Merge the shards into the new index beside the final path, then write
 * what a sequential build would have: the schema stamp and the spelling
 * data. It is renamed into place once committed. */
static wx_status end_parallel(run *r, wx_err *err)
{
    wx_status st = WX_OK;
    const char *path = wx_writer_new_path(r->w);
    bool merged = r->shards != NULL;
    if (merged) {
        st = wx_shards_finish(r->shards, r->c, err);
        const char *paths[64];
        unsigned n = r->jobs;
        for (unsigned i = 0; i < n; i++)
            paths[i] = wx_shards_path(r->shards, i);
        if (st == WX_OK)
            st = wx_db_compact(paths, n, path, err);
        wx_shards_free(r->shards);
        r->shards = NULL;
        wx_writer_remove_db(r->shard_dir);
    }
    if (st == WX_OK)
        st = wx_db_open_writable(path, WX_DB_CREATE, &r->db, err);
    if (st == WX_OK)
        st = stamp(r, err);
    return st;
}

/*
 * Open the database a sequential run writes to. A new one is created
 * beside its path, stamped, and only then renamed into place: a kill in
 * its first moments leaves nothing rather than a folder nothing opens.
 * Each batch is a transaction: a failed run discards its last one whole.
 */
static wx_status open_sequential(run *r, wx_err *err)
{
    const wx_index_opts *o = r->opts;
    unsigned flags = WX_DB_CREATE | WX_DB_BATCHED |
                     (r->bulk ? WX_DB_BULK : 0);
    const char *path = r->unpublished ? wx_writer_new_path(r->w)
                                      : o->db_path;
    wx_status st = wx_db_open_writable(path, flags, &r->db, err);
    if (st == WX_OK)
        st = check_schema(r, err);
    if (st != WX_OK || !r->unpublished)
        return st;
    wx_db_close(r->db);
    r->db = NULL;
    if ((st = wx_writer_publish(r->w, err)) != WX_OK)
        return st;
    r->unpublished = false;
    return wx_db_open_writable(o->db_path, flags, &r->db, err);
}

wx_status wx_index_run(const wx_index_opts *opts, wx_index_counts *counts,
                       wx_err *err)
{
    memset(counts, 0, sizeof *counts);
    if (opts->format != NULL && wx_reader_find(opts->format) == NULL) {
        char names[256] = "";
        size_t k = 0;
        for (size_t i = 0; wx_reader_registry[i] != NULL; i++) {
            int w = snprintf(names + k, sizeof names - k, "%s%s",
                             i ? ", " : "", wx_reader_registry[i]->name);
            if (w < 0 || (size_t)w >= sizeof names - k)
                break;
            k += (size_t)w;
        }
        return wx_err_set(err, WX_EINVAL, "unknown format '%.40s' (the "
                          "formats are auto, %s)", opts->format, names);
    }
    run r;
    memset(&r, 0, sizeof r);
    r.opts = opts;
    r.c = counts;
    wx_walk w;
    memset(&w, 0, sizeof w);
    wx_fieldmap_init(&r.fields);
    wx_status st = WX_OK;
    if (opts->columns != NULL)
        st = wx_fieldmap_parse_columns(&r.fields, opts->columns, err);
    for (size_t i = 0; st == WX_OK && i < opts->nmaps; i++)
        st = wx_fieldmap_parse_map(&r.fields, opts->maps[i], err);
    if (st == WX_OK && opts->path_meta != NULL)
        st = wx_pathmeta_parse(opts->path_meta, &r.pathmeta, err);
    wx_walk_opts wo = {opts->rules, opts->nrules, opts->no_default_excludes};
    if (st == WX_OK)
        st = wx_walk_expand(opts->paths, opts->npaths, &wo, &w, err);
    if (st != WX_OK) {
        wx_fieldmap_free(&r.fields);
        wx_pathmeta_free(&r.pathmeta);
        return st;
    }
    counts->files_seen = w.n;
    if ((st = wx_writer_lock(opts->db_path, opts->wait, &r.w, err)) !=
        WX_OK)
        goto done;
    if ((st = wx_writer_clear_scratch(r.w, &counts->scratch_cleared,
                                      err)) != WX_OK)
        goto done;
    if (counts->scratch_cleared)
        wx_notef("%s: removed the scratch of a build that did not finish",
                 opts->db_path);
    /* A new index is written without a disk flush per commit (a killed
     * run still keeps every commit; only a system crash could cost the
     * half-built index) and flushed once at the end. */
    bool fresh = false;
    if (opts->shard_by == NULL && wx_archive_is(opts->db_path)) {
        st = wx_err_set(err, WX_EINVAL, "%s: an archive of shards: add "
                        "--shard-by year or month", opts->db_path);
        goto done;
    }
    if (opts->shard_by == NULL &&
        (st = new_index(opts->db_path, &fresh, err)) != WX_OK)
        goto done;
    r.jobs = opts->jobs != 0 ? opts->jobs : default_jobs();
    r.parallel = fresh && r.jobs > 1 && opts->shard_by == NULL;
    counts->jobs = r.parallel ? r.jobs : 0;
    r.bulk = fresh && !r.parallel;
    r.unpublished = fresh;
    if (opts->jobs > 1 && opts->shard_by != NULL)
        wx_notef("%s: --shard-by builds its shards with one job",
                 opts->db_path);
    else if (opts->jobs > 1 && !r.parallel)
        wx_notef("%s: --jobs builds new indexes only; adding to this one "
                 "with one job", opts->db_path);
    if (opts->shard_by != NULL) {
        r.bulk = false;
        if ((st = begin_archive(&r, err)) == WX_OK)
            st = wx_docbuilder_init(&r.b, r.lang, r.stem_all, err);
    } else if (r.parallel)
        begin_parallel(&r);
    else if ((st = open_sequential(&r, err)) == WX_OK)
        st = wx_docbuilder_init(&r.b, r.lang, r.stem_all, err);
    if (st != WX_OK)
        goto done;
    wx_progress_init(&r.prog, opts->progress, w.total_size);
    for (size_t i = 0; i < w.n && !r.stop && st == WX_OK; i++) {
        const wx_walk_file *f = &w.files[i];
        if (f->fate == WX_WALK_READ)
            st = index_file(&r, f, err);
        else if (file_fate(&r, f->path, f->why,
                           f->fate == WX_WALK_SKIPPED) != WX_OK)
            st = wx_err_set(err, WX_ENOMEM, "out of memory");
    }
    if (r.parallel && (st == WX_OK || st == WX_EFORMAT)) {
        char what[96];
        snprintf(what, sizeof what, "%llu articles read; merging %u shards"
                 "\xE2\x80\xA6", (unsigned long long)r.sent, r.jobs);
        wx_progress_message(&r.prog, what);
        wx_status pst = end_parallel(&r, err);
        if (st == WX_OK)
            st = pst;
    }
    wx_progress_end(&r.prog);
    if (r.archive != NULL && (st == WX_OK || st == WX_EFORMAT)) {
        wx_status ast = wx_archive_finish(r.archive, opts->spelling, err);
        if (st == WX_OK)
            st = ast;
    }
    if (opts->spelling && (st == WX_OK || st == WX_EFORMAT) &&
        r.db != NULL && r.c->added + r.c->replaced > 0) {
        wx_status sst = wx_spelling_sync(r.db, 3, NULL, err);
        if (st == WX_OK)
            st = sst;
    }
    /* Commit what was read even when stopping early: every article
     * indexed so far is whole, and a rerun replaces rather than doubles. */
    if (st == WX_OK || st == WX_EFORMAT) {
        wx_status cst = commit(&r, err);
        if (cst == WX_OK && r.bulk)
            cst = sync_db_dir(opts->db_path, err);
        if (cst == WX_OK && r.unpublished) {
            /* The merged index, whole and stamped: now it may appear. */
            wx_db_close(r.db);
            r.db = NULL;
            cst = wx_writer_publish(r.w, err);
            r.unpublished = cst != WX_OK;
        }
        if (st == WX_OK)
            st = cst;
    }
    if (st == WX_OK && r.stop)
        st = wx_err_set(err, WX_EFORMAT, "stopped at the first bad record "
                        "(--strict)");
done:
    /* The workers first: they are joined before anything is freed. */
    wx_shards_free(r.shards);
    wx_docbuilder_free(&r.b);
    wx_archive_free(r.archive);
    wx_db_close(r.db);
    /* A new index that failed before it was published is scratch. */
    if (r.shard_dir != NULL)
        wx_writer_remove_db(r.shard_dir);
    if (r.unpublished)
        wx_writer_remove_db(wx_writer_new_path(r.w));
    wx_writer_unlock(r.w);
    wx_walk_free(&w);
    wx_fieldmap_free(&r.fields);
    wx_pathmeta_free(&r.pathmeta);
    free(r.last_mapping);
    wx_seen_free(&r.seen);
    return st;
}

/* --delete over an archive: each id from whichever shard holds it. */
static wx_status delete_in_archive(const char *db_path,
                                   const char *const *ids, size_t n,
                                   wx_index_counts *counts, wx_err *err)
{
    wx_archive *ar = NULL;
    wx_status st = wx_archive_open(db_path, WX_ARCHIVE_YEAR, NULL, NULL, &ar,
                                   err);
    for (size_t i = 0; st == WX_OK && i < n; i++) {
        char *t = wx_schema_term(WX_FIELD_ID, ids[i]);
        bool deleted = false;
        st = t != NULL ? wx_archive_delete(ar, t, &deleted, err)
                       : wx_err_set(err, WX_ENOMEM, "out of memory");
        free(t);
        if (st == WX_OK && deleted) {
            counts->deleted++;
        } else if (st == WX_OK) {
            wx_warnf("%s: no article with id '%s'", db_path, ids[i]);
            counts->skipped++;
        }
    }
    if (st == WX_OK)
        st = wx_archive_commit(ar, err);
    wx_archive_free(ar);
    return st;
}

static wx_status delete_ids(const char *db_path, const char *const *ids,
                            size_t n, wx_index_counts *counts, wx_err *err)
{
    if (wx_archive_is(db_path))
        return delete_in_archive(db_path, ids, n, counts, err);
    wx_db *db = NULL;
    wx_status st = wx_db_open_writable(db_path, 0, &db, err);
    bool can = true;
    if (st == WX_OK && (st = wx_db_can_replace(db, &can, err)) == WX_OK &&
        !can)
        st = wx_err_set(err, WX_EINVAL, "%s: an append-only index keeps "
                        "every article it has: rebuild it without "
                        "--append-only to delete", db_path);
    for (size_t i = 0; st == WX_OK && i < n; i++) {
        char *t = wx_schema_term(WX_FIELD_ID, ids[i]);
        if (t == NULL) {
            st = wx_err_set(err, WX_ENOMEM, "out of memory");
            break;
        }
        bool deleted = false;
        st = wx_db_delete_term(db, t, &deleted, err);
        free(t);
        if (st == WX_OK && deleted) {
            counts->deleted++;
        } else if (st == WX_OK) {
            wx_warnf("%s: no article with id '%s'", db_path, ids[i]);
            counts->skipped++;
        }
    }
    if (st == WX_OK)
        st = wx_db_commit(db, err);
    wx_db_close(db);
    return st;
}

wx_status wx_index_delete(const char *db_path, const char *const *ids,
                          size_t n, double wait, wx_index_counts *counts,
                          wx_err *err)
{
    memset(counts, 0, sizeof *counts);
    wx_writer *w = NULL;
    wx_status st = wx_writer_lock(db_path, wait, &w, err);
    if (st == WX_OK)
        st = delete_ids(db_path, ids, n, counts, err);
    wx_writer_unlock(w);
    return st;
}
