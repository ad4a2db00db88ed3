/*
 * Line source over a plain file, a gzip file (any number of concatenated
 * members) or standard input. Two buffers: `raw` holds bytes as read from
 * the descriptor (so sniffing the gzip magic never loses pipe bytes) and
 * `buf` holds uncompressed bytes that getline scans with memchr. Not a
 * parser: it only cuts lines and counts them.
 */
#include "wx_input.h"

#include "wx_buf.h"
#include "wx_limits.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

enum {
    RAW_CHUNK = 256 << 10,      /* one read(2) from the descriptor */
    BUF_INIT = 512 << 10,       /* initial line buffer */
    FILL_MIN = 64 << 10,        /* least free space before a fill */
    GZIP_WINDOW = 15 + 16,      /* inflate: gzip wrapper only */
    /* Largest line buffer: a line at the limit, "\r\n", a fill, NUL. */
    BUF_MAX = WX_MAX_RECORD_BYTES + 2 + FILL_MIN + 1
};

struct wx_input {
    char *name;                 /* for messages */
    int fd;                     /* -1 for memory inputs */
    bool close_fd;              /* false for standard input */

    unsigned char *raw;         /* bytes as read from fd (or the copy) */
    size_t raw_cap, raw_pos, raw_len;
    bool raw_eof;               /* fd has nothing more */

    bool gzip;
    bool z_ready;               /* inflateInit2 done: inflateEnd needed */
    bool z_member_done;         /* between members: next must be 1f 8b */
    z_stream z;

    char *buf;                  /* uncompressed bytes */
    size_t cap, start, end;     /* unread bytes are buf[start, end) */
    size_t scan;                /* buf[start, scan) holds no '\n' */
    bool eof;                   /* no more uncompressed bytes */
    bool skipping;              /* discarding the rest of a long line */
    bool reading;               /* a read happened: no more peeking */

    wx_status fail;             /* sticky source error (WX_OK if none) */
    wx_err fail_err;

    long lineno;
    uint64_t consumed;          /* bytes taken from the underlying file */
    uint64_t size;              /* file size when known */
    uint64_t delivered;         /* uncompressed bytes consumed by reads */
};

static wx_status set_fail(wx_input *in, wx_err *err, wx_status st,
                          const char *what)
{
    in->fail = st;
    wx_err_set(&in->fail_err, st, "%s: %s", in->name, what);
    in->eof = true;
    if (err != NULL)
        *err = in->fail_err;
    return st;
}

/* Read more raw bytes after compacting; WX_OK with raw_eof at the end. */
static wx_status raw_read(wx_input *in, wx_err *err)
{
    if (in->raw_pos > 0) {
        size_t left = in->raw_len - in->raw_pos;
        memmove(in->raw, in->raw + in->raw_pos, left);
        in->raw_pos = 0;
        in->raw_len = left;
    }
    if (in->raw_eof || in->fd < 0) {
        in->raw_eof = true;
        return WX_OK;
    }
    for (;;) {
        ssize_t r = read(in->fd, in->raw + in->raw_len,
                         in->raw_cap - in->raw_len);
        if (r > 0) {
            in->raw_len += (size_t)r;
            return WX_OK;
        }
        if (r == 0) {
            in->raw_eof = true;
            return WX_OK;
        }
        if (errno != EINTR)
            return set_fail(in, err, WX_EIO, strerror(errno));
    }
}

/* Plain source: raw leftovers first, then read(2) straight into buf. */
static wx_status fill_plain(wx_input *in, wx_err *err)
{
    size_t space = in->cap - 1 - in->end;
    size_t left = in->raw_len - in->raw_pos;
    if (left > 0) {
        size_t n = left < space ? left : space;
        memcpy(in->buf + in->end, in->raw + in->raw_pos, n);
        in->raw_pos += n;
        in->end += n;
        in->consumed += n;
        return WX_OK;
    }
    if (in->raw_eof || in->fd < 0) {
        in->eof = true;
        return WX_OK;
    }
    for (;;) {
        ssize_t r = read(in->fd, in->buf + in->end, space);
        if (r > 0) {
            in->end += (size_t)r;
            in->consumed += (uint64_t)r;
            return WX_OK;
        }
        if (r == 0) {
            in->raw_eof = in->eof = true;
            return WX_OK;
        }
        if (errno != EINTR)
            return set_fail(in, err, WX_EIO, strerror(errno));
    }
}

/*
 * After a member ends, the next byte decides: 1f starts another member
 * (inflate checks the rest of the header), zero bytes are padding some
 * tools append and are ignored, anything else is an error.
 */
static wx_status gzip_between_members(wx_input *in, wx_err *err,
                                      bool *more)
{
    *more = false;
    for (;;) {
        if (in->raw_pos == in->raw_len) {
            if (in->raw_eof) {
                in->eof = true;
                return WX_OK;
            }
            wx_status st = raw_read(in, err);
            if (st != WX_OK)
                return st;
            continue;
        }
        if (in->raw[in->raw_pos] == 0x1f) {
            if (inflateReset(&in->z) != Z_OK)
                return set_fail(in, err, WX_EINTERNAL,
                                "cannot reset the gzip decoder");
            in->z_member_done = false;
            *more = true;
            return WX_OK;
        }
        if (in->raw[in->raw_pos] != 0)
            return set_fail(in, err, WX_EIO,
                            "trailing garbage after compressed data");
        in->raw_pos++;
        in->consumed++;
    }
}

/* Gzip source: inflate raw bytes into buf until some output appears. */
static wx_status fill_gzip(wx_input *in, wx_err *err)
{
    size_t before = in->end;
    while (in->end == before && !in->eof) {
        if (in->z_member_done) {
            bool more;
            wx_status st = gzip_between_members(in, err, &more);
            if (st != WX_OK || !more)
                return st;
        }
        if (in->raw_pos == in->raw_len && !in->raw_eof) {
            wx_status st = raw_read(in, err);
            if (st != WX_OK)
                return st;
        }
        size_t avail = in->raw_len - in->raw_pos;
        if (avail > UINT_MAX)
            avail = UINT_MAX;
        in->z.next_in = in->raw + in->raw_pos;
        in->z.avail_in = (uInt)avail;
        in->z.next_out = (Bytef *)in->buf + in->end;
        size_t space = in->cap - 1 - in->end;
        in->z.avail_out = space > UINT_MAX ? UINT_MAX : (uInt)space;
        int zr = inflate(&in->z, Z_NO_FLUSH);
        size_t used = avail - in->z.avail_in;
        in->raw_pos += used;
        in->consumed += used;
        in->end = (size_t)((char *)in->z.next_out - in->buf);
        switch (zr) {
        case Z_STREAM_END:
            in->z_member_done = true;
            break;
        case Z_OK:
            break;
        case Z_BUF_ERROR:
            /* No progress: only possible when input ran out. */
            if (in->raw_pos == in->raw_len && in->raw_eof)
                return set_fail(in, err, WX_EIO,
                                "unexpected end of compressed data");
            break;
        case Z_MEM_ERROR:
            return set_fail(in, err, WX_ENOMEM,
                            "out of memory in the gzip decoder");
        default:
            {
                char msg[160];
                snprintf(msg, sizeof msg, "invalid compressed data (%s)",
                         in->z.msg != NULL ? in->z.msg : "unknown");
                return set_fail(in, err, WX_EIO, msg);
            }
        }
    }
    return WX_OK;
}

/*
 * Make room for at least FILL_MIN more bytes after end: slide unread
 * bytes to the front, then grow. Growth stops at what a maximal line
 * needs; the caller never asks for more than that.
 */
static wx_status make_room(wx_input *in, wx_err *err)
{
    if (in->start > 0) {
        size_t n = in->end - in->start;
        memmove(in->buf, in->buf + in->start, n);
        in->scan -= in->start;
        in->end = n;
        in->start = 0;
    }
    if (in->cap - 1 - in->end >= FILL_MIN)
        return WX_OK;
    /* Unread bytes never exceed a maximal line plus "\r" (getline). */
    size_t ncap = in->cap * 2;
    if (ncap > BUF_MAX)
        ncap = BUF_MAX;
    if (ncap <= in->cap)
        return WX_OK;
    char *p = realloc(in->buf, ncap);
    if (p == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", in->name);
    in->buf = p;
    in->cap = ncap;
    return WX_OK;
}

/* Append more uncompressed bytes at end; sets in->eof at the end. */
static wx_status fill(wx_input *in, wx_err *err)
{
    if (in->fail != WX_OK) {
        if (err != NULL)
            *err = in->fail_err;
        return in->fail;
    }
    if (in->eof)
        return WX_OK;
    wx_status st = make_room(in, err);
    if (st != WX_OK)
        return st;
    return in->gzip ? fill_gzip(in, err) : fill_plain(in, err);
}

/* Consume bytes up to and including the next '\n'; *done when found. */
static wx_status skip_line(wx_input *in, wx_err *err)
{
    for (;;) {
        char *nl = memchr(in->buf + in->start, '\n', in->end - in->start);
        if (nl != NULL) {
            size_t n = (size_t)(nl - in->buf) + 1 - in->start;
            in->delivered += n;
            in->start += n;
            in->scan = in->start;
            in->skipping = false;
            return WX_OK;
        }
        in->delivered += in->end - in->start;
        in->start = in->end = in->scan = 0;
        if (in->eof) {
            in->skipping = false;
            return WX_OK;
        }
        wx_status st = fill(in, err);
        if (st != WX_OK)
            return st;
    }
}

static wx_status input_new(const char *name, wx_input **out, wx_err *err)
{
    wx_input *in = calloc(1, sizeof *in);
    if (in == NULL)
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", name);
    in->fd = -1;
    in->name = strdup(name);
    in->buf = malloc(BUF_INIT);
    in->cap = BUF_INIT;
    if (in->name == NULL || in->buf == NULL) {
        wx_input_close(in);
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", name);
    }
    *out = in;
    return WX_OK;
}

/* Look at the first raw bytes and set up inflate for gzip input. */
static wx_status sniff(wx_input *in, wx_err *err)
{
    while (in->raw_len < 2 && !in->raw_eof) {
        wx_status st = raw_read(in, err);
        if (st != WX_OK)
            return st;
    }
    if (in->raw_len < 2 || in->raw[0] != 0x1f || in->raw[1] != 0x8b)
        return WX_OK;
    in->gzip = true;
    if (inflateInit2(&in->z, GZIP_WINDOW) != Z_OK)
        return wx_err_set(err, WX_ENOMEM, "%s: cannot start the gzip "
                          "decoder", in->name);
    in->z_ready = true;
    return WX_OK;
}

wx_status wx_input_open(const char *path, wx_input **out, wx_err *err)
{
    *out = NULL;
    bool is_stdin = strcmp(path, "-") == 0;
    wx_input *in;
    wx_status st = input_new(is_stdin ? "<stdin>" : path, &in, err);
    if (st != WX_OK)
        return st;
    in->raw_cap = RAW_CHUNK;
    in->raw = malloc(in->raw_cap);
    if (in->raw == NULL) {
        wx_input_close(in);
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", path);
    }
    if (is_stdin) {
        in->fd = STDIN_FILENO;
    } else {
        in->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (in->fd < 0) {
            st = wx_err_set(err, WX_EIO, "%s: %s", path, strerror(errno));
            wx_input_close(in);
            return st;
        }
        in->close_fd = true;
    }
    struct stat sb;
    if (fstat(in->fd, &sb) == 0) {
        if (S_ISDIR(sb.st_mode)) {
            wx_input_close(in);
            return wx_err_set(err, WX_EIO, "%s: is a directory", path);
        }
        if (S_ISREG(sb.st_mode)) {
            in->size = (uint64_t)sb.st_size;
#if defined(POSIX_FADV_SEQUENTIAL)
            posix_fadvise(in->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
        }
    }
    st = sniff(in, err);
    if (st != WX_OK) {
        wx_input_close(in);
        return st;
    }
    *out = in;
    return WX_OK;
}

wx_status wx_input_open_mem(const char *name, const void *p, size_t n,
                            wx_input **out, wx_err *err)
{
    *out = NULL;
    wx_input *in;
    wx_status st = input_new(name, &in, err);
    if (st != WX_OK)
        return st;
    /* The copy is the raw buffer, already at end of file. */
    in->raw = malloc(n > 0 ? n : 1);
    if (in->raw == NULL) {
        wx_input_close(in);
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", name);
    }
    if (n > 0)
        memcpy(in->raw, p, n);
    in->raw_cap = in->raw_len = n;
    in->raw_eof = true;
    in->size = n;
    st = sniff(in, err);
    if (st != WX_OK) {
        wx_input_close(in);
        return st;
    }
    *out = in;
    return WX_OK;
}

void wx_input_close(wx_input *in)
{
    if (in == NULL)
        return;
    if (in->z_ready)
        inflateEnd(&in->z);
    if (in->close_fd && in->fd >= 0)
        close(in->fd);
    free(in->raw);
    free(in->buf);
    free(in->name);
    free(in);
}

const char *wx_input_name(const wx_input *in)
{
    return in->name;
}

wx_status wx_input_peek(wx_input *in, size_t n, const char **out,
                        size_t *got, wx_err *err)
{
    *out = NULL;
    *got = 0;
    if (in->reading)
        return wx_err_set(err, WX_EINVAL, "%s: peek after a read",
                          in->name);
    if (n > WX_MAX_RECORD_BYTES)
        n = WX_MAX_RECORD_BYTES;
    while (in->end - in->start < n && !in->eof) {
        wx_status st = fill(in, err);
        /* A source error is sticky and reported by the next read; the
         * bytes before it can still be sniffed. */
        if (st != WX_OK && in->fail == WX_OK)
            return st;
    }
    size_t have = in->end - in->start;
    *out = in->buf + in->start;
    *got = have < n ? have : n;
    return WX_OK;
}

/* Hand out buf[start, nl) as a line; nl is the '\n' or end at EOF. */
static wx_status take_line(wx_input *in, size_t nl, bool has_nl,
                           const char **line, size_t *len, wx_err *err)
{
    size_t n = nl - in->start;
    char *p = in->buf + in->start;
    in->lineno++;
    in->delivered += n + (has_nl ? 1 : 0);
    in->start = nl + (has_nl ? 1 : 0);
    in->scan = in->start;
    if (n > 0 && p[n - 1] == '\r')
        n--;
    if (n > WX_MAX_RECORD_BYTES)
        return wx_err_set(err, WX_ETOOBIG, "%s:%ld: line longer than %d "
                          "bytes", in->name, in->lineno,
                          WX_MAX_RECORD_BYTES);
    p[n] = '\0';
    *line = p;
    *len = n;
    return WX_OK;
}

wx_status wx_input_getline(wx_input *in, const char **line, size_t *len,
                           wx_err *err)
{
    *line = NULL;
    *len = 0;
    in->reading = true;
    if (in->skipping) {
        wx_status st = skip_line(in, err);
        if (st != WX_OK)
            return st;
    }
    for (;;) {
        char *nl = memchr(in->buf + in->scan, '\n', in->end - in->scan);
        if (nl != NULL)
            return take_line(in, (size_t)(nl - in->buf), true, line, len,
                             err);
        in->scan = in->end;
        /* Content plus a possible '\r' already past the limit. */
        if (in->end - in->start > (size_t)WX_MAX_RECORD_BYTES + 1) {
            in->lineno++;
            in->delivered += in->end - in->start;
            in->start = in->end = in->scan = 0;
            in->skipping = true;
            return wx_err_set(err, WX_ETOOBIG, "%s:%ld: line longer than "
                              "%d bytes", in->name, in->lineno,
                              WX_MAX_RECORD_BYTES);
        }
        if (in->eof) {
            if (in->fail != WX_OK) {
                /* A partial last line of a broken source is not data. */
                if (err != NULL)
                    *err = in->fail_err;
                return in->fail;
            }
            if (in->end > in->start)
                return take_line(in, in->end, false, line, len, err);
            return WX_EOF;
        }
        wx_status st = fill(in, err);
        if (st != WX_OK && in->fail == WX_OK)
            return st;
    }
}

long wx_input_lineno(const wx_input *in)
{
    return in->lineno;
}

wx_status wx_input_read_all(wx_input *in, size_t max, char **out,
                            size_t *len, wx_err *err)
{
    *out = NULL;
    *len = 0;
    in->reading = true;
    if (in->skipping) {
        wx_status st = skip_line(in, err);
        if (st != WX_OK)
            return st;
    }
    wx_buf b;
    wx_buf_init(&b, max);
    for (;;) {
        size_t n = in->end - in->start;
        if (wx_buf_append(&b, in->buf + in->start, n) != WX_OK)
            break;
        in->delivered += n;
        in->start = in->end = in->scan = 0;
        if (in->eof)
            break;
        wx_status st = fill(in, err);
        if (st != WX_OK) {
            wx_buf_free(&b);
            return st;
        }
    }
    if (b.st == WX_ETOOBIG) {
        wx_buf_free(&b);
        return wx_err_set(err, WX_ETOOBIG, "%s: input longer than %zu "
                          "bytes", in->name, max);
    }
    if (b.st != WX_OK) {
        wx_buf_free(&b);
        return wx_err_set(err, b.st, "%s: out of memory", in->name);
    }
    if (in->fail != WX_OK) {
        wx_buf_free(&b);
        if (err != NULL)
            *err = in->fail_err;
        return in->fail;
    }
    *len = b.len;
    *out = wx_buf_steal(&b);
    if (*out == NULL) {
        *len = 0;
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", in->name);
    }
    return WX_OK;
}

uint64_t wx_input_consumed(const wx_input *in)
{
    return in->consumed;
}

uint64_t wx_input_size(const wx_input *in)
{
    return in->size;
}

uint64_t wx_input_bytes(const wx_input *in)
{
    return in->delivered;
}
