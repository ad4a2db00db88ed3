/*
 * Worker threads for parallel builds. Each worker owns a shard database
 * and a document builder (Xapian objects are not shared between
 * threads); the reading thread only moves articles into bounded queues.
 */
#include "shards.h"
#include "writer.h"
#include "document.h"
#include "wx_log.h"
#include "wx_xapian.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Articles waiting per worker: enough to ride out uneven article sizes,
 * few enough to keep memory flat. */
enum { QUEUE = 256 };

typedef struct worker {
    struct wx_shards *s;
    pthread_t thread;
    bool started;
    char *path;
    wx_db *db;
    wx_docbuilder b;
    wx_article q[QUEUE];
    size_t head, count;
    pthread_cond_t more;        /* queue not empty, or closing */
    pthread_cond_t room;        /* queue not full */
    uint64_t committed;         /* documents written at the last commit */
    uint64_t raw_committed;     /* text bytes written at the last commit */
    wx_index_counts c;
    wx_status st;               /* first failure; stops the worker */
    wx_err err;
} worker;

struct wx_shards {
    wx_shards_opts o;
    pthread_mutex_t lock;       /* guards every queue and status */
    bool closing;
    bool failed;                /* a worker stopped on an error */
    worker *w;
    unsigned n;
};

/* FNV-1a of the id: the same story always lands in the same shard. */
static unsigned shard_of(const char *id, unsigned n)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h % n;
}

static void fail(worker *w, wx_status st, const wx_err *why)
{
    wx_shards *s = w->s;
    pthread_mutex_lock(&s->lock);
    if (w->st == WX_OK) {
        w->st = st;
        w->err = *why;
    }
    s->failed = true;
    pthread_cond_broadcast(&w->room);
    pthread_mutex_unlock(&s->lock);
}

static wx_status commit(worker *w, wx_err *err)
{
    wx_status st = wx_writer_room(w->path, w->c.raw_bytes - w->raw_committed,
                                  err);
    if (st != WX_OK)
        return st;
    w->raw_committed = w->c.raw_bytes;
    st = wx_db_commit(w->db, err);
    w->committed = wx_index_written(&w->c);
    return st;
}

static void work(worker *w, wx_article *a)
{
    wx_err why;
    wx_err_clear(&why);
    wx_status st = wx_docbuilder_write(&w->b, w->db, a, &w->c, &why);
    if (st == WX_EFORMAT || st == WX_ETOOBIG || st == WX_EINVAL) {
        wx_warnf("%s", why.msg);
        w->c.skipped++;
        if (w->s->o.strict)
            fail(w, WX_EFORMAT, &why);
        return;
    }
    if (st == WX_OK &&
        wx_index_written(&w->c) - w->committed >= w->s->o.batch)
        st = commit(w, &why);
    if (st != WX_OK)
        fail(w, st, &why);
}

static void *run_worker(void *arg)
{
    worker *w = arg;
    wx_shards *s = w->s;
    for (;;) {
        pthread_mutex_lock(&s->lock);
        while (w->count == 0 && !s->closing && w->st == WX_OK)
            pthread_cond_wait(&w->more, &s->lock);
        if (w->count == 0 || w->st != WX_OK) {
            pthread_mutex_unlock(&s->lock);
            break;
        }
        wx_article a = w->q[w->head];
        w->head = (w->head + 1) % QUEUE;
        w->count--;
        pthread_cond_signal(&w->room);
        pthread_mutex_unlock(&s->lock);
        work(w, &a);
        wx_article_reset(&a);
    }
    if (w->st == WX_OK) {
        wx_err why;
        wx_status st = commit(w, &why);
        if (st != WX_OK)
            fail(w, st, &why);
    }
    return NULL;
}

const char *wx_shards_path(const wx_shards *s, unsigned i)
{
    return s->w[i].path;
}

static wx_status start_worker(wx_shards *s, unsigned i, wx_err *err)
{
    worker *w = &s->w[i];
    w->s = s;
    size_t len = strlen(s->o.dir) + 16;
    if ((w->path = malloc(len)) == NULL)
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    snprintf(w->path, len, "%s/%u", s->o.dir, i);
    pthread_cond_init(&w->more, NULL);
    pthread_cond_init(&w->room, NULL);
    /* Shards are scratch space, merged and removed at the end: no fsync
     * per commit. */
    wx_status st = wx_db_open_writable(
        w->path,
        WX_DB_CREATE | WX_DB_BULK | WX_DB_BATCHED,
        &w->db, err);
    if (st == WX_OK)
        st = wx_docbuilder_init(&w->b, s->o.lang, s->o.stem_all, err);
    if (st != WX_OK)
        return st;
    if (pthread_create(&w->thread, NULL, run_worker, w) != 0)
        return wx_err_set(err, WX_EINTERNAL, "cannot start a thread");
    w->started = true;
    return WX_OK;
}

wx_status wx_shards_start(const wx_shards_opts *o, wx_shards **out,
                          wx_err *err)
{
    *out = NULL;
    wx_shards *s = calloc(1, sizeof *s);
    if (s == NULL || (s->w = calloc(o->n, sizeof *s->w)) == NULL) {
        free(s);
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    }
    s->o = *o;
    s->n = o->n;
    pthread_mutex_init(&s->lock, NULL);
    wx_status st = WX_OK;
    if (mkdir(o->dir, 0777) != 0)
        st = wx_err_set(err, WX_EIO, "%s: cannot create the shard "
                        "directory", o->dir);
    for (unsigned i = 0; st == WX_OK && i < o->n; i++)
        st = start_worker(s, i, err);
    if (st != WX_OK) {
        wx_shards_free(s);
        return st;
    }
    *out = s;
    return WX_OK;
}

/* The first worker failure, copied to err. Called with the lock held. */
static wx_status first_failure(wx_shards *s, wx_err *err)
{
    for (unsigned i = 0; i < s->n; i++)
        if (s->w[i].st != WX_OK) {
            *err = s->w[i].err;
            return s->w[i].st;
        }
    return WX_OK;
}

wx_status wx_shards_put(wx_shards *s, wx_article *a, wx_err *err)
{
    worker *w = &s->w[shard_of(a->id, s->n)];
    pthread_mutex_lock(&s->lock);
    while (w->count == QUEUE && !s->failed)
        pthread_cond_wait(&w->room, &s->lock);
    wx_status st = first_failure(s, err);
    if (st == WX_OK) {
        w->q[(w->head + w->count) % QUEUE] = *a;
        w->count++;
        wx_article_init(a);
        pthread_cond_signal(&w->more);
    }
    pthread_mutex_unlock(&s->lock);
    return st;
}

/* Close the queues and wait for every worker. */
static void stop(wx_shards *s)
{
    pthread_mutex_lock(&s->lock);
    s->closing = true;
    for (unsigned i = 0; i < s->n; i++)
        pthread_cond_broadcast(&s->w[i].more);
    pthread_mutex_unlock(&s->lock);
    for (unsigned i = 0; i < s->n; i++)
        if (s->w[i].started) {
            pthread_join(s->w[i].thread, NULL);
            s->w[i].started = false;
        }
}

wx_status wx_shards_finish(wx_shards *s, wx_index_counts *c, wx_err *err)
{
    stop(s);
    for (unsigned i = 0; i < s->n; i++) {
        const wx_index_counts *wc = &s->w[i].c;
        c->added += wc->added;
        c->replaced += wc->replaced;
        c->kept += wc->kept;
        c->skipped += wc->skipped;
        c->raw_bytes += wc->raw_bytes;
        c->stored_bytes += wc->stored_bytes;
    }
    pthread_mutex_lock(&s->lock);
    wx_status st = first_failure(s, err);
    pthread_mutex_unlock(&s->lock);
    return st;
}

void wx_shards_free(wx_shards *s)
{
    if (s == NULL)
        return;
    stop(s);
    for (unsigned i = 0; i < s->n; i++) {
        worker *w = &s->w[i];
        while (w->count > 0) {
            wx_article_reset(&w->q[w->head]);
            w->head = (w->head + 1) % QUEUE;
            w->count--;
        }
        wx_docbuilder_free(&w->b);
        wx_db_close(w->db);
        if (w->path != NULL) {
            pthread_cond_destroy(&w->more);
            pthread_cond_destroy(&w->room);
        }
        free(w->path);
    }
    pthread_mutex_destroy(&s->lock);
    free(s->w);
    free(s);
}
