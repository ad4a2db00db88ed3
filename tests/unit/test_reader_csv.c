/*
 * Unit tests for indexer/reader_csv.c: the CSV fixtures against their
 * .expected files, then broken input (an unterminated quote, ragged rows,
 * a BOM, CRLF line ends, Latin-1 bytes, a 20 MB field generated here),
 * each reported from the row's first line with the rest still read.
 */
#include "wx_test_expected.h"

#include "wx_limits.h"
#include "wx_schema.h"
#include "wx_utf8.h"

#define OPS wx_reader_csv

/* A reader over p[0..n) with field options (may be NULL). */
static void open_with(wxt_run *r, const void *p, size_t n,
                      const wx_fieldmap *m)
{
    wx_reader_opts o = {.fields = m};
    r->ops = &OPS;
    assert_int_equal(wx_input_open_mem("mem", p, n, &r->in, &r->err),
                     WX_OK);
    assert_int_equal(OPS.open(r->in, &o, &r->st, &r->err), WX_OK);
}

static void test_fixtures(void **state)
{
    (void)state;
    wxt_check_file(&OPS, "fixtures/csv/with-header.csv", NULL);
    wx_fieldmap m;
    wx_fieldmap_init(&m);
    wx_err err;
    assert_int_equal(wx_fieldmap_parse_columns(&m, "topic,title,body", &err),
                     WX_OK);
    assert_int_equal(wx_fieldmap_parse_map(&m, "topic=1:World,2:Sports,"
                                           "3:Local", &err), WX_OK);
    wxt_opts o = {.reader = {.fields = &m}};
    wxt_check_file(&OPS, "fixtures/csv/headerless.csv", &o);
    wx_fieldmap_free(&m);
}

/* Without a header or --columns the file is refused, not guessed. */
static void test_headerless_needs_columns(void **state)
{
    (void)state;
    static const char text[] = "1,\"A\",\"B\"\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    open_with(&r, text, sizeof text - 1, NULL);
    assert_int_equal(wxt_run_next(&r, &a), WX_EIO);
    assert_non_null(strstr(r.err.msg, "mem:1: no header row"));
    wxt_run_close(&r);
}

/* Quoted fields keep commas, doubled quotes and line breaks; the
 * article starts at the row's first line. */
static void test_quoting(void **state)
{
    (void)state;
    static const char text[] =
        "title,body\n"
        "\"a, b\",\"say \"\"hi\"\"\n\nsecond para\"\n"
        "plain,text\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    open_with(&r, text, sizeof text - 1, NULL);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.title, "a, b");
    assert_string_equal(a.body, "say \"hi\"\nsecond para");
    assert_int_equal(a.src_line, 2);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.title, "plain");
    assert_int_equal(a.src_line, 5);
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wx_article_reset(&a);
    wxt_run_close(&r);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    static const char text[] =
        "title,body\n"
        "ok,fine\n"
        "\"broken,never closed\n"
        "more,lines\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    open_with(&r, text, sizeof text - 1, NULL);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.title, "ok");
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_non_null(strstr(r.err.msg, "mem:3: quoted field not closed"));
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wx_article_reset(&a);
    wxt_run_close(&r);
}

static void test_ragged_rows(void **state)
{
    (void)state;
    static const char text[] =
        "title,body,date\n"
        "one,two\n"
        "a,b,2024-01-02,extra\n"
        "good,row,2024-01-03\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    open_with(&r, text, sizeof text - 1, NULL);
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_non_null(strstr(r.err.msg, "mem:2: 2 fields where the header "
                                      "has 3"));
    assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
    assert_non_null(strstr(r.err.msg, "mem:3: 4 fields"));
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.title, "good");
    assert_string_equal(a.date, "2024-01-03");
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* A BOM before the header and CRLF line ends change nothing. */
static void test_bom_crlf(void **state)
{
    (void)state;
    static const char text[] =
        "\xEF\xBB\xBFtitle,text\r\n"
        "\"Two\r\nlines\",body here\r\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    open_with(&r, text, sizeof text - 1, NULL);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    assert_string_equal(a.title, "Two\nlines");
    assert_string_equal(a.body, "body here");
    assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* Latin-1 bytes reach finish, which repairs them as Latin-1. */
static void test_latin1(void **state)
{
    (void)state;
    static const char text[] = "title,body\nCaf\xE9,na\xEFve\n";
    wxt_run r;
    wx_article a;
    wx_article_init(&a);
    open_with(&r, text, sizeof text - 1, NULL);
    assert_int_equal(wxt_run_next(&r, &a), WX_OK);
    size_t repairs = 0;
    wx_err err;
    assert_int_equal(wx_article_finish(&a, &repairs, &err), WX_OK);
    assert_int_equal(repairs, 2);
    assert_string_equal(a.title, "Caf\xC3\xA9");
    assert_true(wx_utf8_valid(a.body, strlen(a.body)));
    wx_article_reset(&a);
    wxt_run_close(&r);
}

/* A 20 MB field: on one line it is a line over the record limit; quoted
 * over many lines it is a field over libcsv's bound. Either way one row
 * is skipped and the next is read. */
static void test_20mb_field(void **state)
{
    (void)state;
    size_t big = 20u << 20;
    for (int quoted = 0; quoted < 2; quoted++) {
        size_t cap = big + big / 1000 + 256, n = 0;
        char *text = malloc(cap);
        assert_non_null(text);
        n += (size_t)snprintf(text, cap, "title,body\nbig,%s",
                              quoted ? "\"" : "");
        for (size_t i = 0; i < big; i++)
            text[n++] = quoted && i % 1000 == 999 ? '\n' : 'x';
        n += (size_t)snprintf(text + n, cap - n, "%s\nafter,row\n",
                              quoted ? "\"" : "");
        wxt_run r;
        wx_article a;
        wx_article_init(&a);
        open_with(&r, text, n, NULL);
        free(text);
        assert_int_equal(wxt_run_next(&r, &a), WX_EFORMAT);
        assert_non_null(strstr(r.err.msg, "mem:2: "));
        assert_non_null(strstr(r.err.msg, quoted ? "a field longer than"
                                                 : "line longer than"));
        assert_int_equal(wxt_run_next(&r, &a), WX_OK);
        assert_string_equal(a.title, "after");
        assert_int_equal(wxt_run_next(&r, &a), WX_EOF);
        wx_article_reset(&a);
        wxt_run_close(&r);
    }
}

/* Only a header of field names is claimed; TSV by its tabs. */
static void test_sniff(void **state)
{
    (void)state;
    static const char hdr[] = "title,text,subject,date\nx,y,z,w\n";
    static const char bare[] = "1,\"A\",\"B\"\n";
    static const char prose[] = "Hello, world\n";
    static const char tsv[] = "title\tbody\nx\ty\n";
    assert_int_equal(wx_reader_csv.sniff(hdr, sizeof hdr - 1), 60);
    assert_int_equal(wx_reader_csv.sniff(bare, sizeof bare - 1), 0);
    assert_int_equal(wx_reader_csv.sniff(prose, sizeof prose - 1), 0);
    assert_int_equal(wx_reader_csv.sniff(tsv, sizeof tsv - 1), 0);
    assert_int_equal(wx_reader_tsv.sniff(tsv, sizeof tsv - 1), 60);
    assert_ptr_equal(wx_reader_detect(hdr, sizeof hdr - 1), &wx_reader_csv);
}

/* --columns and --map parse, and refuse what they cannot do. */
static void test_fieldmap(void **state)
{
    (void)state;
    wx_fieldmap m;
    wx_err err;
    wx_fieldmap_init(&m);
    assert_int_equal(wx_fieldmap_parse_columns(&m, "title,-,topics,date",
                                               &err), WX_OK);
    assert_true(m.positional);
    assert_int_equal(m.ncols, 4);
    assert_int_equal(m.cols[1].field, WX_COL_SKIP);
    assert_int_equal(m.cols[2].field, WX_FIELD_TOPIC);
    wx_fieldmap_free(&m);
    assert_int_equal(wx_fieldmap_parse_columns(&m, "title,nonsense", &err),
                     WX_EINVAL);
    assert_non_null(strstr(err.msg, "unknown field 'nonsense'"));
    wx_fieldmap_free(&m);
    assert_int_equal(wx_fieldmap_parse_columns(&m, "a=title,body", &err),
                     WX_EINVAL);
    wx_fieldmap_free(&m);
    assert_int_equal(wx_fieldmap_parse_map(&m, "topic=1", &err), WX_EINVAL);
    wx_fieldmap_free(&m);
    assert_int_equal(wx_fieldmap_lookup("Description"), WX_FIELD_BODY);
    assert_int_equal(wx_fieldmap_lookup("class"), WX_FIELD_TOPIC);
    assert_int_equal(wx_fieldmap_lookup("source"), WX_COL_META);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_headerless_needs_columns),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_ragged_rows),
        cmocka_unit_test(test_bom_crlf),
        cmocka_unit_test(test_latin1),
        cmocka_unit_test(test_20mb_field),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_fieldmap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
