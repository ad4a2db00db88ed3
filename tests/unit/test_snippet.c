/*
 * Tests of snippets: the window lands where the query matches, matches
 * (stemmed variants too) carry the private markers and nothing else
 * does, Xapian's HTML escaping is undone into plain text, and rendering
 * escapes for each medium.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "searcher/query.h"
#include "searcher/snippet.h"
#include "wx_xapian.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_plain(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"a &amp; b", "a & b"},
        {"&lt;script&gt;", "<script>"},
        {"&quot;x&quot; &#39;y&#39;", "\"x\" 'y'"},
        {"&amp;lt;", "&lt;"},           /* one level only */
        {"AT&T &nbsp;", "AT&T &nbsp;"}, /* unknown entities stay */
        {"  a \n\n b\t c  ", "a b c"},
        {"\x02" "cocoa" "\x03" " crop", "\x02" "cocoa" "\x03" " crop"},
        {"&", "&"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", cases[i].in);
        size_t n = wx_snippet_plain(buf, strlen(buf));
        assert_string_equal(buf, cases[i].want);
        assert_int_equal(n, strlen(cases[i].want));
    }
}

static void test_render(void **state)
{
    (void)state;
    static const struct {
        wx_medium m;
        const char *want;
    } cases[] = {
        {WX_MEDIUM_PLAIN, "a <b> & cocoa crop"},
        {WX_MEDIUM_HTML, "a &lt;b&gt; &amp; <mark>cocoa</mark> crop"},
        {WX_MEDIUM_ANSI, "a <b> & " WX_ANSI_HL_ON "cocoa" WX_ANSI_HL_OFF
                         " crop"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_buf b;
        wx_buf_init(&b, 1024);
        assert_int_equal(wx_snippet_render("a <b> & \x02" "cocoa\x03 crop",
                                           cases[i].m, &b), WX_OK);
        assert_string_equal(wx_buf_str(&b), cases[i].want);
        wx_buf_free(&b);
    }
}

/* A one-document index, searched for query; returns the snippet. */
static char *snippet_of(const char *text, const char *query, size_t length)
{
    char dir[] = "/tmp/wx-test-snippet.XXXXXX";
    assert_non_null(mkdtemp(dir));
    wx_err err;
    wx_db *db = NULL;
    assert_int_equal(wx_db_open_writable(dir, WX_DB_CREATE, &db, &err),
                     WX_OK);
    wx_termgen *tg = NULL;
    assert_int_equal(wx_termgen_new("english", 0, NULL, &tg, &err), WX_OK);
    wx_doc *doc = NULL;
    assert_int_equal(wx_doc_new(&doc, &err), WX_OK);
    wx_termgen_set_doc(tg, doc);
    assert_int_equal(wx_termgen_index(tg, text, strlen(text), 1, "", &err),
                     WX_OK);
    assert_int_equal(wx_db_add(db, doc, NULL, &err), WX_OK);
    assert_int_equal(wx_db_commit(db, &err), WX_OK);

    wx_query *q = NULL;
    wx_query_opts o = {.db = db, .lang = "english", .syntax = WX_SYNTAX_ON};
    assert_int_equal(wx_query_parse_text(query, &o, &q, NULL, NULL, &err),
                     WX_OK);
    wx_search_spec spec = {.limit = 10};
    wx_mset *ms = NULL;
    assert_int_equal(wx_db_search(db, q, &spec, &ms, &err), WX_OK);
    assert_int_equal(wx_mset_size(ms), 1);
    char *s = NULL;
    assert_int_equal(wx_snippet_make(ms, text, strlen(text), length,
                                     "english", &s, &err), WX_OK);
    wx_mset_free(ms);
    wx_query_free(q);
    wx_doc_free(doc);
    wx_termgen_free(tg);
    wx_db_close(db);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    return s;
}

static void test_window(void **state)
{
    (void)state;
    /* The match sits at the end of a long text: the window moves there
     * and the cut start is marked. */
    char text[4096];
    size_t n = 0;
    for (int i = 0; i < 60; i++)
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "Filler sentence number %d says nothing. ", i);
    snprintf(text + n, sizeof text - n,
             "Then the Bahia cocoa zone had showers.\nThe end.");
    char *s = snippet_of(text, "cocoa showers", 100);
    assert_non_null(strstr(s, "\x02" "cocoa\x03"));
    assert_non_null(strstr(s, "\x02" "showers\x03"));
    assert_memory_equal(s, WX_SNIPPET_OMIT, strlen(WX_SNIPPET_OMIT));
    assert_null(strstr(s, "number 0 "));
    assert_null(strchr(s, '\n'));
    assert_true(strlen(s) < 200);
    free(s);
}

static void test_stems_and_escaping(void **state)
{
    (void)state;
    /* "embassies" highlights "embassy"; markup and stray markers in the
     * text come out as plain text without markers. */
    const char *text = "The embassy said <b>no</b> & \x02left\x03 it there.";
    char *s = snippet_of(text, "embassies", 200);
    assert_string_equal(s, "The \x02" "embassy\x03 said <b>no</b> & left "
                           "it there.");
    free(s);
    /* Without a match, the start of the text. */
    s = snippet_of("Grain prices held. Cocoa rose.", "grain OR zebra", 200);
    assert_non_null(strstr(s, "\x02Grain\x03 prices held."));
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_window),
        cmocka_unit_test(test_stems_and_escaping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
