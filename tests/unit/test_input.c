/*
 * Unit tests for common/wx_input: line cutting (CRLF, no final newline,
 * NUL bytes, overlong lines), gzip by magic bytes (single, concatenated,
 * truncated, trailing bytes), peeking, read_all, counters and standard
 * input over a pipe. Gzip files are generated with zlib in a temp dir.
 */
#include "wx_input.h"
#include "wx_limits.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

static char tmpdir[] = "/tmp/wx_test_input.XXXXXX";

static int setup_dir(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void tmp_path(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", tmpdir, name);
}

static void write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* One gzip member of p[0, n) appended to out (out->len grows). */
typedef struct bytes {
    unsigned char *p;
    size_t len;
} bytes;

static void gzip_append(bytes *out, const void *p, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
                                  Z_DEFAULT_STRATEGY), Z_OK);
    size_t bound = deflateBound(&z, (uLong)n) + 64;
    out->p = realloc(out->p, out->len + bound);
    assert_non_null(out->p);
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)n;
    z.next_out = out->p + out->len;
    z.avail_out = (uInt)bound;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->len += bound - z.avail_out;
    deflateEnd(&z);
}

/* Expect these lines, then WX_EOF. */
static void expect_lines(wx_input *in, const char *const *lines,
                         const size_t *lens, size_t n)
{
    wx_err err;
    const char *line;
    size_t len;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(wx_input_getline(in, &line, &len, &err), WX_OK);
        size_t want = lens != NULL ? lens[i] : strlen(lines[i]);
        assert_int_equal(len, want);
        assert_memory_equal(line, lines[i], want);
        assert_int_equal(line[len], '\0');
        assert_int_equal(wx_input_lineno(in), (long)i + 1);
    }
    assert_int_equal(wx_input_getline(in, &line, &len, &err), WX_EOF);
    assert_int_equal(wx_input_getline(in, &line, &len, &err), WX_EOF);
}

typedef struct line_case {
    const char *input;
    size_t input_len;
    const char *lines[5];
    size_t lens[5];
    size_t n;
} line_case;

#define S(s) s, sizeof(s) - 1

static const line_case line_cases[] = {
    {S(""), {NULL}, {0}, 0},
    {S("\n"), {""}, {0}, 1},
    {S("a"), {"a"}, {1}, 1},
    {S("a\nb"), {"a", "b"}, {1, 1}, 2},
    {S("a\nb\n"), {"a", "b"}, {1, 1}, 2},
    {S("a\r\nb\r\n"), {"a", "b"}, {1, 1}, 2},
    {S("a\r\nb\r"), {"a", "b"}, {1, 1}, 2},
    {S("\r\n\r\n"), {"", ""}, {0, 0}, 2},
    {S("a\rb\n"), {"a\rb"}, {3}, 1},
    {S("\n\n\nx"), {"", "", "", "x"}, {0, 0, 0, 1}, 4},
    {S("n\0ul\nz\0"), {"n\0ul", "z\0"}, {4, 2}, 2},
    {S("\x1f"), {"\x1f"}, {1}, 1},
    {S("\x1f\x8c\n"), {"\x1f\x8c"}, {2}, 1},
};

static void test_lines_mem(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof line_cases / sizeof line_cases[0]; i++) {
        const line_case *c = &line_cases[i];
        wx_input *in;
        wx_err err;
        assert_int_equal(wx_input_open_mem("m", c->input, c->input_len,
                                           &in, &err), WX_OK);
        expect_lines(in, c->lines, c->lens, c->n);
        assert_int_equal(wx_input_bytes(in), c->input_len);
        wx_input_close(in);
    }
}

/* The same cases through a plain file and a gzip file. */
static void test_lines_files(void **state)
{
    (void)state;
    char plain[256], gz[256];
    tmp_path(plain, sizeof plain, "lines.txt");
    tmp_path(gz, sizeof gz, "lines.dat");
    for (size_t i = 0; i < sizeof line_cases / sizeof line_cases[0]; i++) {
        const line_case *c = &line_cases[i];
        bytes b = {NULL, 0};
        gzip_append(&b, c->input, c->input_len);
        write_file(plain, c->input, c->input_len);
        write_file(gz, b.p, b.len);
        const char *paths[2] = {plain, gz};
        for (int k = 0; k < 2; k++) {
            wx_input *in;
            wx_err err;
            assert_int_equal(wx_input_open(paths[k], &in, &err), WX_OK);
            assert_string_equal(wx_input_name(in), paths[k]);
            expect_lines(in, c->lines, c->lens, c->n);
            assert_int_equal(wx_input_bytes(in), c->input_len);
            uint64_t size = k == 0 ? c->input_len : b.len;
            assert_int_equal(wx_input_size(in), size);
            assert_int_equal(wx_input_consumed(in), size);
            wx_input_close(in);
        }
        free(b.p);
    }
}

/* Many numbered lines: exercises refills across buffer boundaries. */
static char *numbered(size_t nlines, size_t *len)
{
    size_t cap = nlines * 40 + 1, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    for (size_t i = 0; i < nlines; i++)
        n += (size_t)snprintf(s + n, cap - n, "line %zu %.*s\n", i + 1,
                              (int)(i % 23), "abcdefghijklmnopqrstuvw");
    *len = n;
    return s;
}

static void read_numbered(wx_input *in, size_t nlines, wx_status last,
                          size_t *got, wx_err *err)
{
    const char *line;
    size_t len;
    char want[64];
    size_t i = 0;
    wx_status st;
    while ((st = wx_input_getline(in, &line, &len, err)) == WX_OK) {
        int n = snprintf(want, sizeof want, "line %zu %.*s", i + 1,
                         (int)(i % 23), "abcdefghijklmnopqrstuvw");
        assert_int_equal(len, (size_t)n);
        assert_memory_equal(line, want, len);
        i++;
        assert_int_equal(wx_input_lineno(in), (long)i);
    }
    assert_int_equal(st, last);
    if (got != NULL)
        *got = i;
    else
        assert_int_equal(i, nlines);
}

static void test_big_plain_and_gzip(void **state)
{
    (void)state;
    size_t len, nlines = 200000;
    char *text = numbered(nlines, &len);
    char path[256];
    tmp_path(path, sizeof path, "big.txt");
    write_file(path, text, len);
    wx_input *in;
    wx_err err;
    assert_int_equal(wx_input_open(path, &in, &err), WX_OK);
    read_numbered(in, nlines, WX_EOF, NULL, &err);
    assert_int_equal(wx_input_consumed(in), len);
    assert_int_equal(wx_input_bytes(in), len);
    wx_input_close(in);

    /* Three members, split mid-line, plus zero padding at the end. */
    bytes b = {NULL, 0};
    gzip_append(&b, text, len / 3 + 5);
    gzip_append(&b, text + len / 3 + 5, 0);
    gzip_append(&b, text + len / 3 + 5, len - (len / 3 + 5));
    b.p = realloc(b.p, b.len + 512);
    memset(b.p + b.len, 0, 512);
    b.len += 512;
    tmp_path(path, sizeof path, "big.gz");
    write_file(path, b.p, b.len);
    assert_int_equal(wx_input_open(path, &in, &err), WX_OK);
    read_numbered(in, nlines, WX_EOF, NULL, &err);
    assert_int_equal(wx_input_consumed(in), b.len);
    assert_int_equal(wx_input_size(in), b.len);
    assert_int_equal(wx_input_bytes(in), len);
    wx_input_close(in);

    /* Truncated: the complete lines come out, then WX_EIO. */
    size_t cut = b.len / 2;
    write_file(path, b.p, cut);
    assert_int_equal(wx_input_open(path, &in, &err), WX_OK);
    size_t got;
    read_numbered(in, nlines, WX_EIO, &got, &err);
    assert_true(got > nlines / 4 && got < nlines);
    char want[300];
    snprintf(want, sizeof want, "%s: unexpected end of compressed data",
             path);
    assert_int_equal(err.code, WX_EIO);
    assert_string_equal(err.msg, want);
    /* The error is sticky. */
    const char *line;
    assert_int_equal(wx_input_getline(in, &line, &len, &err), WX_EIO);
    wx_input_close(in);

    /* read_all sees the same truncation. */
    assert_int_equal(wx_input_open(path, &in, &err), WX_OK);
    char *all;
    assert_int_equal(wx_input_read_all(in, SIZE_MAX, &all, &len, &err),
                     WX_EIO);
    assert_null(all);
    wx_input_close(in);
    free(b.p);
    free(text);
}

typedef struct gz_case {
    const char *name;
    size_t keep;                /* bytes of the member kept (0: all) */
    const char *tail;           /* appended after the member */
    size_t tail_len;
    wx_status last;
    const char *msg_end;        /* suffix of the error message */
} gz_case;

static void test_gzip_edges(void **state)
{
    (void)state;
    static const gz_case cases[] = {
        {"header only", 10, "", 0, WX_EIO,
         "unexpected end of compressed data"},
        {"magic only", 2, "", 0, WX_EIO,
         "unexpected end of compressed data"},
        {"no trailer", 0, "", 0, WX_EIO,
         "unexpected end of compressed data"},
        {"trailing zeros", 0, "\0\0\0", 3, WX_EOF, NULL},
        {"trailing garbage", 0, "junk", 4, WX_EIO,
         "trailing garbage after compressed data"},
        {"bad second member", 0, "\x1f\x8b\x09\0\0\0", 6, WX_EIO,
         NULL},
    };
    const char *text = "one\ntwo\n";
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const gz_case *c = &cases[i];
        bytes b = {NULL, 0};
        gzip_append(&b, text, strlen(text));
        if (c->keep > 0)
            b.len = c->keep;
        else if (strcmp(c->name, "no trailer") == 0)
            b.len -= 8;
        unsigned char *p = malloc(b.len + c->tail_len);
        assert_non_null(p);
        memcpy(p, b.p, b.len);
        memcpy(p + b.len, c->tail, c->tail_len);
        wx_input *in;
        wx_err err;
        assert_int_equal(wx_input_open_mem("g.gz", p, b.len + c->tail_len,
                                           &in, &err), WX_OK);
        const char *line;
        size_t len;
        wx_status st;
        int n = 0;
        while ((st = wx_input_getline(in, &line, &len, &err)) == WX_OK)
            n++;
        assert_int_equal(st, c->last);
        if (c->last == WX_EOF || c->keep == 0)
            assert_int_equal(n, 2);
        if (c->msg_end != NULL) {
            size_t ml = strlen(err.msg), el = strlen(c->msg_end);
            assert_true(ml >= el);
            assert_string_equal(err.msg + ml - el, c->msg_end);
            assert_memory_equal(err.msg, "g.gz: ", 6);
        }
        wx_input_close(in);
        free(p);
        free(b.p);
    }
}

static char *long_input(size_t pre, size_t linelen, const char *ending,
                        const char *post, size_t *n)
{
    size_t el = strlen(ending), pl = strlen(post);
    char *s = malloc(pre * 2 + linelen + el + pl);
    assert_non_null(s);
    size_t k = 0;
    for (size_t i = 0; i < pre; i++) {
        s[k++] = 'p';
        s[k++] = '\n';
    }
    memset(s + k, 'x', linelen);
    k += linelen;
    memcpy(s + k, ending, el);
    k += el;
    memcpy(s + k, post, pl);
    *n = k + pl;
    return s;
}

typedef struct long_case {
    size_t linelen;
    const char *ending;
    const char *post;
    bool gzip;
    wx_status st;
} long_case;

static void test_long_lines(void **state)
{
    (void)state;
    const size_t max = WX_MAX_RECORD_BYTES;
    const long_case cases[] = {
        {max, "\n", "after\n", false, WX_OK},
        {max, "\r\n", "after\n", false, WX_OK},
        {max, "", "", false, WX_OK},
        {max + 1, "\n", "after\n", false, WX_ETOOBIG},
        {max + 1, "\r\n", "after", false, WX_ETOOBIG},
        {max + 5000000, "\n", "after\n", false, WX_ETOOBIG},
        {max + 5000000, "\n", "after\n", true, WX_ETOOBIG},
        {max + 5000000, "", "", false, WX_ETOOBIG},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const long_case *c = &cases[i];
        size_t n;
        char *s = long_input(3, c->linelen, c->ending, c->post, &n);
        bytes b = {NULL, 0};
        if (c->gzip)
            gzip_append(&b, s, n);
        wx_input *in;
        wx_err err;
        assert_int_equal(wx_input_open_mem("long", c->gzip ? (void *)b.p
                                           : (void *)s,
                                           c->gzip ? b.len : n, &in, &err),
                         WX_OK);
        const char *line;
        size_t len;
        for (int k = 0; k < 3; k++) {
            assert_int_equal(wx_input_getline(in, &line, &len, &err),
                             WX_OK);
            assert_string_equal(line, "p");
        }
        assert_int_equal(wx_input_getline(in, &line, &len, &err), c->st);
        assert_int_equal(wx_input_lineno(in), 4);
        if (c->st == WX_OK) {
            assert_int_equal(len, max);
            assert_int_equal(line[0], 'x');
            assert_int_equal(line[max - 1], 'x');
            assert_int_equal(line[max], '\0');
        } else {
            char want[64];
            snprintf(want, sizeof want, "long:4: line longer than %d "
                     "bytes", WX_MAX_RECORD_BYTES);
            assert_string_equal(err.msg, want);
            assert_int_equal(err.code, WX_ETOOBIG);
        }
        if (c->post[0] != '\0') {
            assert_int_equal(wx_input_getline(in, &line, &len, &err),
                             WX_OK);
            assert_string_equal(line, "after");
            assert_int_equal(wx_input_lineno(in), 5);
        }
        assert_int_equal(wx_input_getline(in, &line, &len, &err), WX_EOF);
        assert_int_equal(wx_input_bytes(in), n);
        wx_input_close(in);
        free(b.p);
        free(s);
    }
}

static void test_peek(void **state)
{
    (void)state;
    const char *text = "hello\nworld\n";
    bytes b = {NULL, 0};
    gzip_append(&b, text, strlen(text));
    for (int k = 0; k < 2; k++) {
        wx_input *in;
        wx_err err;
        assert_int_equal(wx_input_open_mem("p", k ? (void *)b.p
                                           : (const void *)text,
                                           k ? b.len : strlen(text),
                                           &in, &err), WX_OK);
        const char *p;
        size_t got;
        assert_int_equal(wx_input_peek(in, 3, &p, &got, &err), WX_OK);
        assert_int_equal(got, 3);
        assert_memory_equal(p, "hel", 3);
        assert_int_equal(wx_input_peek(in, 1000, &p, &got, &err), WX_OK);
        assert_int_equal(got, strlen(text));
        assert_memory_equal(p, text, got);
        const char *line;
        size_t len;
        assert_int_equal(wx_input_getline(in, &line, &len, &err), WX_OK);
        assert_string_equal(line, "hello");
        assert_int_equal(wx_input_peek(in, 3, &p, &got, &err), WX_EINVAL);
        assert_int_equal(wx_input_getline(in, &line, &len, &err), WX_OK);
        assert_string_equal(line, "world");
        assert_int_equal(wx_input_getline(in, &line, &len, &err), WX_EOF);
        wx_input_close(in);
    }
    free(b.p);

    /* Peek past the end of an empty input. */
    wx_input *in;
    wx_err err;
    const char *p;
    size_t got = 99;
    assert_int_equal(wx_input_open_mem("e", "", 0, &in, &err), WX_OK);
    assert_int_equal(wx_input_peek(in, 16, &p, &got, &err), WX_OK);
    assert_int_equal(got, 0);
    wx_input_close(in);
}

static void test_read_all(void **state)
{
    (void)state;
    const char *text = "first\nsecond\r\nthird";
    wx_input *in;
    wx_err err;
    char *all;
    size_t len;
    assert_int_equal(wx_input_open_mem("r", text, strlen(text), &in, &err),
                     WX_OK);
    const char *line;
    assert_int_equal(wx_input_getline(in, &line, &len, &err), WX_OK);
    assert_int_equal(wx_input_read_all(in, 100, &all, &len, &err), WX_OK);
    assert_int_equal(len, strlen("second\r\nthird"));
    assert_string_equal(all, "second\r\nthird");
    free(all);
    assert_int_equal(wx_input_bytes(in), strlen(text));
    wx_input_close(in);

    assert_int_equal(wx_input_open_mem("r", text, strlen(text), &in, &err),
                     WX_OK);
    assert_int_equal(wx_input_read_all(in, 5, &all, &len, &err),
                     WX_ETOOBIG);
    assert_null(all);
    wx_input_close(in);

    assert_int_equal(wx_input_open_mem("r", "", 0, &in, &err), WX_OK);
    assert_int_equal(wx_input_read_all(in, 5, &all, &len, &err), WX_OK);
    assert_int_equal(len, 0);
    assert_string_equal(all, "");
    free(all);
    wx_input_close(in);
}

static void test_open_errors(void **state)
{
    (void)state;
    wx_input *in = (wx_input *)&in;
    wx_err err;
    char path[256];
    tmp_path(path, sizeof path, "missing.txt");
    assert_int_equal(wx_input_open(path, &in, &err), WX_EIO);
    assert_null(in);
    assert_int_equal(err.code, WX_EIO);
    assert_memory_equal(err.msg, path, strlen(path));
    assert_non_null(strstr(err.msg, "No such file"));
    assert_int_equal(wx_input_open(tmpdir, &in, &err), WX_EIO);
    assert_null(in);
    assert_non_null(strstr(err.msg, "directory"));
    wx_input_close(NULL);
}

/* Standard input from a pipe whose writer dribbles: no byte is lost. */
static void test_stdin_pipe(void **state)
{
    (void)state;
    bytes b = {NULL, 0};
    gzip_append(&b, "piped\nlines\n", 12);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        for (size_t i = 0; i < b.len; i++) {
            if (write(fds[1], b.p + i, 1) != 1)
                _exit(1);
            if (i < 3)
                usleep(20000);
        }
        _exit(0);
    }
    close(fds[1]);
    int saved = dup(STDIN_FILENO);
    assert_true(saved >= 0);
    assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
    close(fds[0]);
    wx_input *in;
    wx_err err;
    assert_int_equal(wx_input_open("-", &in, &err), WX_OK);
    assert_string_equal(wx_input_name(in), "<stdin>");
    assert_int_equal(wx_input_size(in), 0);
    const char *p;
    size_t got;
    assert_int_equal(wx_input_peek(in, 5, &p, &got, &err), WX_OK);
    assert_int_equal(got, 5);
    assert_memory_equal(p, "piped", 5);
    static const char *const want[] = {"piped", "lines"};
    expect_lines(in, want, NULL, 2);
    assert_int_equal(wx_input_consumed(in), b.len);
    wx_input_close(in);
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    free(b.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_mem),
        cmocka_unit_test(test_lines_files),
        cmocka_unit_test(test_big_plain_and_gzip),
        cmocka_unit_test(test_gzip_edges),
        cmocka_unit_test(test_long_lines),
        cmocka_unit_test(test_peek),
        cmocka_unit_test(test_read_all),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_stdin_pipe),
    };
    return cmocka_run_group_tests(tests, setup_dir, remove_dir);
}
