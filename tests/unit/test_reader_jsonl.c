/*
 * Unit tests for indexer/reader_jsonl: the fixtures (jsonl/, broken/,
 * hostile/) against their .expected files, field typing and metadata,
 * datelines, blank lines, BOM and CRLF, malformed and non-object lines,
 * invalid UTF-8, binary junk, an over-long line, sniffing, and the
 * output of ../shared/tools/reuters-to-jsonl when it is there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "indexer/reader.h"
#include "wx_article.h"
#include "wx_input.h"
#include "wx_limits.h"
#include "tests/unit/wx_test_expected.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OPS wx_reader_jsonl

static const char *meta(const wx_article *a, const char *key)
{
    return wx_article_meta(a, key);
}

static void test_fixtures(void **state)
{
    (void)state;
    static const char *const files[] = {
        "fixtures/jsonl/articles.jsonl",
        "fixtures/jsonl/mixed-bad-lines.jsonl",
        "fixtures/broken/control-chars.jsonl",
        "fixtures/hostile/hostile.jsonl",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        wxt_check_file(&OPS, files[i], NULL);
}

/* huge.jsonl is generated, not committed: make it when missing. */
static void test_huge_fixture(void **state)
{
    (void)state;
    const char *path = "fixtures/jsonl/huge.jsonl";
    if (access(path, R_OK) != 0)
        assert_int_equal(system("sh fixtures/jsonl/make-huge.sh "
                                "fixtures/jsonl/huge.jsonl"), 0);
    wxt_check_file(&OPS, path, NULL);
}

/* One line, one article: what the reader yields before finish. */
static void test_fields(void **state)
{
    (void)state;
    static const char line[] =
        "{\"id\": 884213, \"title\": \"  A title \", \"body\": \"P1\\n\\n"
        "  \\nP2\\n  indented\", \"agency\": \"AP\", \"dateline\": "
        "\"SALVADOR, Feb 26\", \"date\": \"1987-02-26T15:01:01\", "
        "\"topics\": [\"cocoa\", \"Cocoa\", \"\", \"grain\"], \"places\": "
        "\"usa\", \"version\": 2, \"real\": 1.5, \"flag\": true, "
        "\"nested\": {\"a\": [1, \"x\"]}, \"nothing\": null, "
        "\"slug\": \"S\", \"text\": \"kept as metadata\"}\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, line, strlen(line));
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.id, "884213");
    assert_string_equal(a.title, "A title");
    assert_string_equal(a.body, "P1\nP2\n  indented");
    assert_string_equal(a.agency, "AP");
    assert_string_equal(a.dateline, "SALVADOR");
    assert_string_equal(meta(&a, "dateline_text"), "SALVADOR, Feb 26");
    assert_string_equal(a.date, "1987-02-26T15:01:01");
    /* Lists are kept as given (the index counts a repeat once);
     * empties are dropped later by finish. */
    assert_int_equal(a.topics.n, 4);
    assert_string_equal(a.topics.v[0], "cocoa");
    assert_string_equal(a.topics.v[1], "Cocoa");
    assert_string_equal(a.topics.v[3], "grain");
    assert_int_equal(a.places.n, 1);
    assert_string_equal(a.places.v[0], "usa");
    assert_string_equal(meta(&a, "version"), "2");
    assert_string_equal(meta(&a, "real"), "1.5");
    assert_string_equal(meta(&a, "flag"), "true");
    assert_string_equal(meta(&a, "nested"), "{\"a\":[1,\"x\"]}");
    assert_string_equal(meta(&a, "slug"), "S");
    assert_string_equal(meta(&a, "text"), "kept as metadata");
    assert_null(meta(&a, "nothing"));
    assert_string_equal(a.src_file, "mem");
    assert_int_equal(a.src_line, 1);
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* Table: one line in, one outcome out. */
static const struct field_case {
    const char *line;
    wx_status st;
    const char *id, *title, *body, *agency, *dateline;
    const char *reason;      /* a substring of the message on failure */
} field_cases[] = {
    {"{\"id\": \"A-1\", \"title\": \"T\"}", WX_OK,
     "A-1", "T", NULL, NULL, NULL, NULL},
    {"{\"id\": -7, \"title\": \"T\"}", WX_OK,
     "-7", "T", NULL, NULL, NULL, NULL},
    {"{\"id\": null, \"title\": null, \"text\": \"B\"}", WX_OK,
     NULL, NULL, "B", NULL, NULL, NULL},
    {"{\"title\": \"T\", \"dateline\": \"WASHINGTON (AP) -\"}", WX_OK,
     NULL, "T", NULL, "AP", "WASHINGTON", NULL},
    {"{\"agency\": \"EFE\", \"dateline\": \"Madrid, Jul 20 (Reuters)\"}",
     WX_OK, NULL, NULL, NULL, "EFE", "Madrid", NULL},
    {"{\"dateline\": \"  Chicago \"}", WX_OK,
     NULL, NULL, NULL, NULL, "Chicago", NULL},
    {"{\"id\": 1.5, \"title\": \"T\"}", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL,
     "\"id\" must be a string or an integer, not a real number"},
    {"{\"id\": \"X\", \"title\": 12}", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL, "\"title\" must be a string"},
    {"{\"body\": [\"a\"]}", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL, "\"body\" must be a string, not an"},
    {"{\"date\": 19870226}", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL, "\"date\" must be a string"},
    {"{\"dateline\": {\"city\": \"X\"}}", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL, "\"dateline\" must be a string"},
    {"{\"topics\": [\"a\", 2]}", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL, "\"topics\"[1] must be a string"},
    {"{\"places\": 3}", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL,
     "\"places\" must be a string or an array of strings"},
    /* An array is read as an array of records: these are not objects. */
    {"[1, 2]", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL, "expected a JSON object, not '1'"},
    {"\"just a string\"", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL, "expected a JSON object, got a string"},
    {"{\"title\": \"unterminated}", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL, "invalid JSON: "},
    {"{\"title\": \"T\"} trailing", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL, "invalid JSON: "},
    {"{\"title\": \"T\", }", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL, "invalid JSON: "},
    {"{\"title\": \"a\\u0000b\"}", WX_EFORMAT,
     NULL, NULL, NULL, NULL, NULL, "invalid JSON: "},
};

static void test_field_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof field_cases / sizeof field_cases[0]; i++) {
        const struct field_case *c = &field_cases[i];
        wxt_run r;
        wx_article a;
        wx_article_init(&a);
        wxt_run_open(&r, &OPS, c->line, strlen(c->line));
        wx_status st = wxt_run_next(&r, &a);
        if (st != c->st)
            fail_msg("case %zu (%s): status %s, want %s (%s)", i, c->line,
                     wx_status_str(st), wx_status_str(c->st), r.err.msg);
        if (st == WX_OK) {
#define CHECK(field)                                                        \
            if (c->field == NULL)                                           \
                assert_null(a.field);                                       \
            else if (a.field == NULL || strcmp(a.field, c->field) != 0)     \
                fail_msg("case %zu: " #field " \"%s\", want \"%s\"", i,     \
                         a.field ? a.field : "(null)", c->field);
            CHECK(id) CHECK(title) CHECK(body) CHECK(agency) CHECK(dateline)
#undef CHECK
        } else {
            if (!wxt_msg_ok(r.err.msg, "mem"))
                fail_msg("case %zu: message \"%s\"", i, r.err.msg);
            if (strstr(r.err.msg, c->reason) == NULL)
                fail_msg("case %zu: message \"%s\" lacks \"%s\"", i,
                         r.err.msg, c->reason);
            /* On failure the article is left reset. */
            assert_null(a.id);
            assert_null(a.title);
            assert_int_equal(a.topics.n, 0);
            assert_int_equal(a.meta_keys.n, 0);
        }
        assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
        wx_article_reset(&a);
        wxt_run_close(&r);
    }
}

/* Blank lines are skipped silently; line numbers stay the file's. A
 * bad line is reported with its number and reading goes on. */
static void test_lines(void **state)
{
    (void)state;
    static const char text[] =
        "\xEF\xBB\xBF{\"id\": \"one\"}\r\n"
        "\n"
        "   \t \r\n"
        "{\"id\": \"two\"\n"
        "{\"id\": \"three\"}\r\n"
        "42\n"
        "\n"
        "{\"id\": \"four\"}";     /* no final newline */
    static const struct {
        wx_status st;
        const char *id;
        long line;
    } want[] = {
        {WX_OK, "one", 1}, {WX_EFORMAT, NULL, 4}, {WX_OK, "three", 5},
        {WX_EFORMAT, NULL, 6}, {WX_OK, "four", 8}, {WX_EOF, NULL, 0},
    };
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, text, sizeof text - 1);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        wx_status st = wxt_run_next(&r, &a);
        assert_int_equal(st, want[i].st);
        if (st == WX_OK) {
            assert_string_equal(a.id, want[i].id);
            assert_int_equal(a.src_line, want[i].line);
        } else if (st == WX_EFORMAT) {
            char prefix[32];
            snprintf(prefix, sizeof prefix, "mem:%ld: ", want[i].line);
            if (strncmp(r.err.msg, prefix, strlen(prefix)) != 0)
                fail_msg("step %zu: \"%s\" does not start \"%s\"", i,
                         r.err.msg, prefix);
        }
    }
    wx_article_reset(&a);
    wxt_run_close(&r);
}

static void test_empty(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "", "\n", "\n \n\t\n", "\xEF\xBB\xBF"
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        wxt_run r;
        wx_article a;
        wx_article_init(&a);
        wxt_run_open(&r, &OPS, inputs[i], strlen(inputs[i]));
        assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
        wxt_run_close(&r);
    }
}

/* jansson refuses invalid UTF-8: the line is repaired (Latin-1), not
 * lost, in keys and values alike. */
static void test_invalid_utf8(void **state)
{
    (void)state;
    static const char line[] =
        "{\"id\": \"u1\", \"title\": \"caf\xE9\", \"body\": \"\xFC"
        "ber \xC3\xA9t\xE9\", \"k\xE9y\": \"v\"}\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, line, sizeof line - 1);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.title, "caf\xC3\xA9");
    assert_string_equal(a.body, "\xC3\xBC" "ber \xC3\xA9t\xC3\xA9");
    assert_string_equal(meta(&a, "k\xC3\xA9y"), "v");
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* Binary junk: every line is a bad record with a reason, no crash. */
static void test_junk(void **state)
{
    (void)state;
    unsigned char junk[4096];
    wxt_junk_xorshift(junk, sizeof junk, 2463534242u);
    junk[0] = '{';      /* looks like JSON at first glance */
    junk[1] = '\0';
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, junk, sizeof junk);
    int bad = 0;
    wx_status st;
    while ((st = wxt_run_next(&r, &a)) != WX_EOF) {
        assert_int_equal(st, WX_EFORMAT);
        assert_true(wxt_msg_ok(r.err.msg, "mem"));
        bad++;
    }
    assert_true(bad > 0);
    wxt_run_close(&r);
    assert_true(OPS.sniff((const char *)junk, sizeof junk) <= 10);
}

/* A line past WX_MAX_RECORD_BYTES is one bad record; the next line is
 * read. A big but legal body (4 MB) goes through whole. */
static void test_long_lines(void **state)
{
    (void)state;
    size_t big = 4u << 20, over = (size_t)WX_MAX_RECORD_BYTES + 100;
    size_t cap = big + over + 256;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = 0;
    n += (size_t)snprintf(text + n, cap - n, "{\"id\": \"big\", \"body\": \"");
    memset(text + n, 'x', big);
    n += big;
    n += (size_t)snprintf(text + n, cap - n, "\"}\n{\"title\": \"");
    memset(text + n, 'y', over);
    n += over;
    n += (size_t)snprintf(text + n, cap - n, "\"}\n{\"id\": \"after\"}\n");
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, text, n);
    free(text);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.id, "big");
    assert_int_equal(strlen(a.body), big);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_non_null(strstr(r.err.msg, "mem:2: line longer than"));
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.id, "after");
    assert_int_equal(a.src_line, 3);
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* A source's own dateline_text wins over the derived one. */
static void test_dateline_text_key(void **state)
{
    (void)state;
    static const char line[] = "{\"dateline\": \"ROME, 12 MAG (ANSA) -\", "
                               "\"dateline_text\": \"mine\"}";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, line, sizeof line - 1);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.dateline, "ROME");
    assert_string_equal(a.agency, "ANSA");
    assert_int_equal(a.meta_keys.n, 2);
    assert_string_equal(meta(&a, "dateline_text"), "mine");
    assert_string_equal(meta(&a, "dateline_date"), "12 MAG");
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* Lists and metadata stop at WX_MAX_LIST_ITEMS rather than failing. */
static void test_list_limit(void **state)
{
    (void)state;
    size_t cap = 64 * (size_t)WX_MAX_LIST_ITEMS + 64;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, cap, "{\"title\": \"T\", \"topics\": [");
    for (int i = 0; i < 2 * WX_MAX_LIST_ITEMS; i++)
        n += (size_t)snprintf(text + n, cap - n, "%s\"t%d\"", i ? "," : "",
                              i);
    n += (size_t)snprintf(text + n, cap - n, "]}");
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    wxt_run_open(&r, &OPS, text, n);
    free(text);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_int_equal(a.topics.n, WX_MAX_LIST_ITEMS);
    assert_string_equal(a.topics.v[0], "t0");
    wx_article_reset(&a);
    wxt_run_close(&r);
}

static void test_sniff(void **state)
{
    (void)state;
    static const wxt_sniff_case cases[] = {
        {"{\"id\": 1, \"title\": \"x\"}\n{\"id\": 2}\n", 90, 100},
        {"\n\n  {\"id\": 1}\n", 90, 100},
        {"\xEF\xBB\xBF{\"id\": 1}", 90, 100},
        {"{\"id\": 1, \"body\": \"a line longer than the head", 60, 80},
        {"{}\n", 90, 100},
        {"{ not json at all }\n", 1, 20},
        {"[1, 2, 3]\n", 0, 0},
        {"<REUTERS NEWID=\"1\">\n", 0, 0},
        {"<?xml version=\"1.0\"?><nitf/>", 0, 0},
        {"Title: x\n\nBody\n", 0, 0},
        {"", 0, 0},
    };
    static const char jl[] = "{\"id\": 1, \"title\": \"x\"}\n";
    wxt_check_sniff(&OPS, cases, sizeof cases / sizeof cases[0],
                    "jsonl", jl);
}

/* The reference JSON Lines of the Reuters corpus: every record reads,
 * with integer ids as decimal and "CITY, Mon D" datelines split. */
static void test_reuters_jsonl(void **state)
{
    (void)state;
    const char *tool = "../shared/tools/reuters-to-jsonl";
    const char *sgm = "../shared/corpora/reuters21578/reut2-000.sgm";
    if (access(tool, X_OK) != 0 || access(sgm, R_OK) != 0) {
        skip();
        return;
    }
    char out[] = "/tmp/wx-test-jsonl-XXXXXX";
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    close(fd);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s %s > %s", tool, sgm, out);
    assert_int_equal(system(cmd), 0);
    wx_input *in;
    wx_err err;
    assert_int_equal(wx_input_open(out, &in, &err), WX_OK);
    wx_reader_opts o = {0};
    void *st;
    assert_int_equal(OPS.open(in, &o, &st, &err), WX_OK);
    wx_article a;
    wx_article_init(&a);
    long n = 0, with_dateline = 0;
    wx_status s;
    while ((s = OPS.next(st, &a, &err)) == WX_OK) {
        n++;
        char id[32];
        snprintf(id, sizeof id, "%ld", n);
        assert_string_equal(a.id, id);
        assert_string_equal(a.agency, "Reuters");
        assert_non_null(a.date);
        if (a.dateline != NULL) {
            with_dateline++;
            assert_null(strchr(a.dateline, ','));
        }
        assert_int_equal(wx_article_finish(&a, NULL, &err), WX_OK);
        assert_int_equal(strlen(a.date), 19);
        wx_article_reset(&a);
    }
    assert_int_equal(s, WX_EOF);
    assert_int_equal(n, 1000);
    assert_true(with_dateline > 900);
    OPS.close(st);
    wx_input_close(in);
    unlink(out);
}

/* ---- JSON beyond lines: arrays, pretty objects, broken framing ------- */

static void open_with(wxt_run *r, const void *p, size_t n,
                      const wx_fieldmap *m)
{
    wx_reader_opts o = {.fields = m};
    r->ops = &OPS;
    assert_int_equal(wx_input_open_mem("mem", p, n, &r->in, &r->err),
                     WX_OK);
    assert_int_equal(OPS.open(r->in, &o, &r->st, &r->err), WX_OK);
}

static void test_json_fixtures(void **state)
{
    (void)state;
    wxt_check_file(&OPS, "fixtures/json/pretty-array.json", NULL);
    wx_fieldmap m;
    wx_err err;
    wx_fieldmap_init(&m);
    assert_int_equal(wx_fieldmap_parse_columns(&m, "guid=id,headline=title,"
                                               "story=body,published=date,"
                                               "category=topic", &err),
                     WX_OK);
    wxt_opts o = {.reader = {.fields = &m}};
    wxt_check_file(&OPS, "fixtures/json/other-keys.json", &o);
    wx_fieldmap_free(&m);
}

/* Each element of an array, pretty or compact, is a record from the line
 * it opens on; a broken element is one skip and the next one reads. */
static void test_array(void **state)
{
    (void)state;
    static const char text[] =
        "\xEF\xBB\xBF[\r\n"
        "  {\"id\": \"a\",\r\n"
        "   \"body\": \"x\"},\r\n"
        "  {\"id\": \"b\", \"title\": 3},\r\n"
        "  {\"id\": \"c\"}, {\"id\": \"d\"}\r\n"
        "]\r\n";
    static const struct {
        wx_status st;
        const char *id;
        long line;
    } want[] = {
        {WX_OK, "a", 2}, {WX_EFORMAT, NULL, 4}, {WX_OK, "c", 5},
        {WX_OK, "d", 5}, {WX_EOF, NULL, 0},
    };
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    open_with(&r, text, sizeof text - 1, NULL);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        wx_status st = wxt_run_next(&r, &a);
        if (st != want[i].st)
            fail_msg("step %zu: %s (%s)", i, wx_status_str(st), r.err.msg);
        if (st == WX_OK) {
            assert_string_equal(a.id, want[i].id);
            assert_int_equal(a.src_line, want[i].line);
        } else if (st == WX_EFORMAT) {
            assert_non_null(strstr(r.err.msg, "mem:4: \"title\" must be"));
        }
    }
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* A pretty object left open, or a string broken across lines: reported
 * from the object's first line; reading resumes after it. */
static void test_broken_pretty(void **state)
{
    (void)state;
    static const char text[] =
        "{\n"
        "  \"id\": \"one\",\n"
        "  \"title\": \"cut\n"
        "}\n"
        "{\n"
        "  \"id\": \"two\"\n"
        "}\n"
        "{\n"
        "  \"id\": \"never closed\"\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    open_with(&r, text, sizeof text - 1, NULL);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_non_null(strstr(r.err.msg, "mem:1: invalid JSON: a string runs"));
    /* The rest of the broken object is junk until the next object. */
    wx_status st;
    while ((st = wxt_run_next(&r, &a)) == WX_EFORMAT)
        ;
    assert_int_equal(st, WX_OK);
    assert_string_equal(a.id, "two");
    assert_int_equal(a.src_line, 5);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_non_null(strstr(r.err.msg, "mem:8: invalid JSON: object not "
                                      "closed at the end of the file"));
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* Latin-1 bytes in a pretty object are repaired; a 20 MB string in one
 * is over the record limit and skipped, and the next object reads. */
static void test_pretty_latin1_and_big(void **state)
{
    (void)state;
    static const char latin[] = "{\n \"title\": \"Caf\xE9\"\n}\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    open_with(&r, latin, sizeof latin - 1, NULL);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.title, "Caf\xC3\xA9");
    wxt_run_close(&r);

    size_t big = 20u << 20, cap = big + 256, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)snprintf(text, cap, "{\n  \"id\": \"big\",\n  \"body\": \"");
    memset(text + n, 'x', big);
    n += big;
    n += (size_t)snprintf(text + n, cap - n, "\"\n}\n{\n  \"id\": \"next\"\n}\n");
    open_with(&r, text, n, NULL);
    free(text);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_non_null(strstr(r.err.msg, "mem:1: invalid JSON: a line of the "
                                      "object is longer"));
    wx_status st;
    while ((st = wxt_run_next(&r, &a)) == WX_EFORMAT)
        ;
    assert_int_equal(st, WX_OK);
    assert_string_equal(a.id, "next");
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* A record whose body opens with a wire dateline gets city and agency;
 * a bare "WORD -" opening does not make a dateline. */
static void test_lead_dateline(void **state)
{
    (void)state;
    static const char text[] =
        "{\"title\": \"T\", \"body\": \"WASHINGTON (Reuters) - Words.\"}\n"
        "{\"title\": \"U\", \"body\": \"CORRECTION - An item.\"}\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    open_with(&r, text, sizeof text - 1, NULL);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.dateline, "WASHINGTON");
    assert_string_equal(a.agency, "Reuters");
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_null(a.dateline);
    wx_article_reset(&a);
    wxt_run_close(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_huge_fixture),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_field_table),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_junk),
        cmocka_unit_test(test_long_lines),
        cmocka_unit_test(test_dateline_text_key),
        cmocka_unit_test(test_list_limit),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_reuters_jsonl),
        cmocka_unit_test(test_json_fixtures),
        cmocka_unit_test(test_array),
        cmocka_unit_test(test_broken_pretty),
        cmocka_unit_test(test_pretty_latin1_and_big),
        cmocka_unit_test(test_lead_dateline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
