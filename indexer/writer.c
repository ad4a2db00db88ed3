/*
 * The writer lock and the scratch of a build (writer.h). The lock is
 * flock(2) on db_path.lock: the kernel drops it when the holder dies,
 * so a killed writer never leaves a stale lock, and it is held before
 * any scratch or database file is touched. Xapian's own lock lives
 * inside the database folder and cannot cover a folder not yet made.
 */
#include "writer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

struct wx_writer {
    int fd;              /* the open lock file, flock'ed */
    char *db;            /* db_path without trailing slashes */
    char *lock;          /* db.lock */
    char *fresh;         /* db.new */
    char *shards;        /* db.shards */
};

/* db with suffix appended (malloc'd), or NULL. */
static char *sibling(const char *db, const char *suffix)
{
    size_t n = strlen(db) + strlen(suffix) + 1;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s%s", db, suffix);
    return s;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void wx_writer_unlock(wx_writer *w)
{
    if (w == NULL)
        return;
    if (w->fd >= 0)
        close(w->fd);       /* releases the flock */
    free(w->db);
    free(w->lock);
    free(w->fresh);
    free(w->shards);
    free(w);
}

wx_status wx_writer_lock(const char *db_path, double wait_secs,
                         wx_writer **out, wx_err *err)
{
    *out = NULL;
    wx_writer *w = calloc(1, sizeof *w);
    if (w == NULL)
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    w->fd = -1;
    size_t len = strlen(db_path);
    while (len > 1 && db_path[len - 1] == '/')
        len--;
    if ((w->db = strndup(db_path, len)) == NULL ||
        (w->lock = sibling(w->db, ".lock")) == NULL ||
        (w->fresh = sibling(w->db, ".new")) == NULL ||
        (w->shards = sibling(w->db, ".shards")) == NULL) {
        wx_writer_unlock(w);
        return wx_err_set(err, WX_ENOMEM, "out of memory");
    }
    w->fd = open(w->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (w->fd < 0) {
        wx_status st = wx_err_set(err, WX_EIO, "%s: cannot open the writer "
                                  "lock: %s", w->lock, strerror(errno));
        wx_writer_unlock(w);
        return st;
    }
    /* A retry loop rather than a blocking flock: the wait is bounded
     * without signals, and 50 ms is far below a commit's length. */
    double deadline = now() + wait_secs;
    for (;;) {
        if (flock(w->fd, LOCK_EX | LOCK_NB) == 0)
            break;
        int e = errno;
        if (e != EWOULDBLOCK && e != EINTR) {
            wx_status st = wx_err_set(err, WX_EIO, "%s: cannot lock: %s",
                                      w->lock, strerror(e));
            wx_writer_unlock(w);
            return st;
        }
        if (wait_secs >= 0 && now() >= deadline) {
            wx_status st =
                wait_secs > 0
                    ? wx_err_set(err, WX_ELOCKED, "%s: database is locked: "
                                 "another writer still held it after "
                                 "waiting %g s", w->db, wait_secs)
                    : wx_err_set(err, WX_ELOCKED, "%s: database is locked "
                                 "by another writer (--wait waits for it)",
                                 w->db);
            wx_writer_unlock(w);
            return st;
        }
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    *out = w;
    return WX_OK;
}

const char *wx_writer_new_path(const wx_writer *w)
{
    return w->fresh;
}

const char *wx_writer_shards_path(const wx_writer *w)
{
    return w->shards;
}

/* Unlink every entry of dir (one level; subfolders emptied first when
 * depth allows), then dir itself. */
static void remove_tree(int parent, const char *name, int depth)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
                                      O_CLOEXEC);
    if (fd < 0) {
        unlinkat(parent, name, 0);      /* a file or a link, not a dir */
        return;
    }
    DIR *d = fdopendir(fd);
    if (d == NULL) {
        close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (unlinkat(fd, e->d_name, 0) != 0 && depth > 0)
            remove_tree(fd, e->d_name, depth - 1);
    }
    closedir(d);
    unlinkat(parent, name, AT_REMOVEDIR);
}

void wx_writer_remove_db(const char *dir)
{
    /* A database's files are flat; shards are one level of them. */
    remove_tree(AT_FDCWD, dir, 1);
}

static bool exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

wx_status wx_writer_clear_scratch(wx_writer *w, bool *cleared, wx_err *err)
{
    *cleared = false;
    const char *paths[] = {w->fresh, w->shards};
    for (size_t i = 0; i < 2; i++) {
        if (!exists(paths[i]))
            continue;
        *cleared = true;
        wx_writer_remove_db(paths[i]);
        if (exists(paths[i]))
            return wx_err_set(err, WX_EIO, "%s: cannot remove the scratch "
                              "of an unfinished build: remove it by hand",
                              paths[i]);
    }
    return WX_OK;
}

/* Flush the folder holding path, so a rename in it is on disk. */
static void sync_parent(const char *path)
{
    char *dir = strdup(path);
    if (dir == NULL)
        return;
    char *slash = strrchr(dir, '/');
    const char *p = slash == NULL ? "." : slash == dir ? "/" : dir;
    if (slash != NULL && slash != dir)
        *slash = '\0';
    int fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

wx_status wx_writer_publish(wx_writer *w, wx_err *err)
{
    if (rename(w->fresh, w->db) != 0)
        return wx_err_set(err, WX_EIO, "%s: cannot move the new index into "
                          "place: %s", w->db, strerror(errno));
    sync_parent(w->db);
    return WX_OK;
}

/* A commit writes new copies of the blocks it changes before the old
 * ones are freed: a floor, plus a generous multiple of the new text. */
enum { FREE_FLOOR = 4 << 20, FREE_PER_TEXT_BYTE = 4 };

wx_status wx_writer_room(const char *path, uint64_t text_bytes,
                         wx_err *err)
{
    struct statvfs sv;
    if (statvfs(path, &sv) != 0)
        return WX_OK;           /* no answer: let the write say */
    uint64_t avail = (uint64_t)sv.f_bavail * sv.f_frsize;
    uint64_t need = FREE_FLOOR + FREE_PER_TEXT_BYTE * text_bytes;
    if (avail >= need)
        return WX_OK;
    return wx_err_set(err, WX_EIO, "%s: No space left on device (%llu kB "
                      "free, a commit needs about %llu kB): what was "
                      "committed is intact; free space and run the same "
                      "command again", path,
                      (unsigned long long)(avail >> 10),
                      (unsigned long long)(need >> 10));
}
