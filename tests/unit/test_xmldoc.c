/*
 * Unit tests for indexer/xmldoc, the XML layer under the NITF and
 * NewsML readers: item hand-out and splitting, text collection and white
 * space, entities, attributes, paths, paragraphs, the sticky fill
 * helpers, sniffing, and the size bound.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "indexer/xmldoc.h"
#include "wx_article.h"
#include "wx_input.h"
#include "wx_limits.h"

#include <stdlib.h>
#include <string.h>

static const char *const items[] = {"item", "other", NULL};

typedef struct fx {
    wx_input *in;
    wx_xmldoc *x;
    wx_err err;
} fx;

static void fx_open(fx *f, const char *text)
{
    assert_int_equal(wx_input_open_mem("mem", text, strlen(text), &f->in,
                                       &f->err), WX_OK);
    assert_int_equal(wx_xmldoc_open(f->in, items, &f->x, &f->err), WX_OK);
    assert_string_equal(wx_xmldoc_name(f->x), "mem");
}

static xmlNode *fx_next(fx *f, long *line)
{
    xmlNode *n = NULL;
    long l = 0;
    wx_status st = wx_xmldoc_next(f->x, &n, &l, &f->err);
    if (st != WX_OK)
        fail_msg("next: %s %s", wx_status_str(st), f->err.msg);
    if (line != NULL)
        *line = l;
    return n;
}

static void fx_close(fx *f)
{
    wx_xmldoc_close(f->x);
    wx_input_close(f->in);
}

static void test_items(void **state)
{
    (void)state;
    fx f;
    fx_open(&f, "<set>\n<item n=\"1\"><item n=\"inner\"/></item>\n"
                "<x><other n=\"2\"/></x><y/>\n</set>\n"
                "<?xml version=\"1.0\"?>\n<item n=\"3\"/>");
    wx_buf b;
    wx_buf_init(&b, 100);
    long line;
    xmlNode *n = fx_next(&f, &line);
    assert_true(wx_xmldoc_is(n, "item"));
    assert_true(wx_xmldoc_attr(n, "n", &b));
    assert_string_equal(b.data, "1");
    assert_int_equal(line, 2);
    n = fx_next(&f, &line);
    assert_true(wx_xmldoc_is(n, "other"));
    assert_int_equal(line, 3);
    n = fx_next(&f, &line);
    assert_true(wx_xmldoc_attr(n, "n", &b));
    assert_string_equal(b.data, "3");
    assert_int_equal(line, 6);
    xmlNode *none;
    assert_int_equal(wx_xmldoc_next(f.x, &none, &line, &f.err), WX_EOF);
    assert_null(none);
    wx_buf_free(&b);
    fx_close(&f);
    wx_xmldoc_close(NULL);
}

/* White space: collapsed, trimmed, a separator between appends, block
 * elements separate words, inline ones do not. */
static void test_text(void **state)
{
    (void)state;
    fx f;
    fx_open(&f, "<item>\n  <a>  one\n\ttwo  </a><b>x<i>y</i>z</b>"
                "<c><p>p1</p><p>p2</p>tail<br/>end</c><d>  </d>"
                "<e><![CDATA[ c d ]]>&amp;&#233;</e></item>");
    xmlNode *n = fx_next(&f, NULL);
    wx_buf b;
    wx_buf_init(&b, 1000);
    static const struct {
        const char *path, *text;
    } cases[] = {
        {"a", "one two"}, {"b", "xyz"}, {"c", "p1 p2 tail end"}, {"d", ""},
        {"e", "c d &\xC3\xA9"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_buf_reset(&b);
        assert_int_equal(wx_xmldoc_text(wx_xmldoc_path(n, cases[i].path), &b),
                         WX_OK);
        assert_string_equal(wx_buf_str(&b), cases[i].text);
    }
    wx_buf_reset(&b);
    wx_buf_puts(&b, "pre");
    wx_xmldoc_text(wx_xmldoc_child(n, "a"), &b);
    wx_xmldoc_text(wx_xmldoc_child(n, "d"), &b);
    wx_xmldoc_text(wx_xmldoc_child(n, "b"), &b);
    assert_string_equal(b.data, "pre one two xyz");
    wx_buf_reset(&b);
    assert_int_equal(wx_xmldoc_text(NULL, &b), WX_OK);
    assert_int_equal(b.len, 0);

    /* A bounded buffer fails with WX_ETOOBIG, sticky. */
    wx_buf small;
    wx_buf_init(&small, 4);
    assert_int_equal(wx_xmldoc_text(wx_xmldoc_child(n, "a"), &small),
                     WX_ETOOBIG);
    assert_int_equal(wx_xmldoc_text(wx_xmldoc_child(n, "d"), &small),
                     WX_ETOOBIG);
    wx_buf_free(&small);
    wx_buf_free(&b);
    fx_close(&f);
}

static void test_navigation(void **state)
{
    (void)state;
    fx f;
    fx_open(&f, "<item xmlns=\"urn:a\" xmlns:p=\"urn:p\"><p:head>"
                "<meta k=\"1\"/><meta k=\"2\"/>"
                "<deep><deeper><t>T</t></deeper></deep>"
                "</p:head><t>top</t></item>");
    xmlNode *n = fx_next(&f, NULL);
    wx_buf b;
    wx_buf_init(&b, 100);
    xmlNode *head = wx_xmldoc_child(n, "head");
    assert_non_null(head);
    xmlNode *m = wx_xmldoc_child(head, "meta");
    assert_true(wx_xmldoc_attr(m, "k", &b));
    assert_string_equal(b.data, "1");
    m = wx_xmldoc_next_sibling(m, "meta");
    assert_true(wx_xmldoc_attr(m, "k", &b));
    assert_string_equal(b.data, "2");
    assert_null(wx_xmldoc_next_sibling(m, "meta"));
    assert_false(wx_xmldoc_attr(m, "missing", &b));
    assert_int_equal(b.len, 0);
    wx_xmldoc_text(wx_xmldoc_path(n, "head/deep/deeper/t"), &b);
    assert_string_equal(b.data, "T");
    assert_null(wx_xmldoc_path(n, "head/nope/t"));
    assert_null(wx_xmldoc_path(NULL, "head"));
    assert_null(wx_xmldoc_child(NULL, "head"));
    wx_buf_reset(&b);
    wx_xmldoc_text(wx_xmldoc_find(n, "t"), &b);
    assert_string_equal(b.data, "T");     /* document order, depth first */
    assert_null(wx_xmldoc_find(n, "absent"));
    assert_false(wx_xmldoc_is(NULL, "item"));
    wx_buf_free(&b);
    fx_close(&f);
}

static void test_paragraphs(void **state)
{
    (void)state;
    fx f;
    fx_open(&f, "<item><a><p> One\n two </p><div><p>Three</p><p> </p></div>"
                "<ul><li>Four <p>nested</p></li></ul></a>"
                "<b>  no paragraphs\n here </b><c/></item>");
    xmlNode *n = fx_next(&f, NULL);
    wx_buf b;
    wx_buf_init(&b, 1000);
    assert_int_equal(wx_xmldoc_paragraphs(wx_xmldoc_child(n, "a"), &b),
                     WX_OK);
    assert_string_equal(b.data, "One two\nThree\nFour nested");
    wx_xmldoc_paragraphs(wx_xmldoc_child(n, "b"), &b);
    assert_string_equal(b.data, "One two\nThree\nFour nested\n"
                                "no paragraphs here");
    size_t len = b.len;
    wx_xmldoc_paragraphs(wx_xmldoc_child(n, "c"), &b);
    assert_int_equal(b.len, len);
    wx_buf_free(&b);
    fx_close(&f);
}

/* Inline names close up to punctuation; other inline markup joins as
 * written; blocks separate. */
static void test_inline_spacing(void **state)
{
    (void)state;
    static const struct {
        const char *xml, *text;
    } cases[] = {
        {"<item>in <location>India</location>.</item>", "in India."},
        {"<item>(<city>Pune</city>), <country>India</country>;</item>",
         "(Pune), India;"},
        {"<item><city>Lima</city><country>Peru</country></item>",
         "Lima Peru"},
        {"<item><location>Rome</location>'s mayor</item>", "Rome's mayor"},
        {"<item>a<b>b</b>c <em>d</em> e</item>", "abc d e"},
        {"<item>x<p>y</p>z</item>", "x y z"},
        {"<item><story.date>Jan 5</story.date>, 2024</item>",
         "Jan 5, 2024"},
    };
    wx_buf b;
    wx_buf_init(&b, 1000);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fx f;
        fx_open(&f, cases[i].xml);
        wx_buf_reset(&b);
        wx_xmldoc_text(fx_next(&f, NULL), &b);
        if (strcmp(wx_buf_str(&b), cases[i].text) != 0)
            fail_msg("case %zu: \"%s\"", i, wx_buf_str(&b));
        fx_close(&f);
    }
    wx_buf_free(&b);
}

/* Tables: a row per paragraph, cells joined by " | "; pre: a line per
 * paragraph; rows of empty cells dropped; a caption on its own. */
static void test_tables(void **state)
{
    (void)state;
    fx f;
    fx_open(&f, "<item><p>Results:</p><table><caption>Group A</caption>"
                "<thead><tr><th>Team</th><th>Pts</th></tr></thead><tbody>"
                "<tr><td>Ajax</td><td> 7 </td></tr><tr><td></td><td></td>"
                "</tr><tr><td>PSV</td><td/></tr></tbody></table>"
                "<pre>\nGOLD   1,234.50 +2.1\n\n  SILVER 22.10\n</pre>"
                "<p>After.</p></item>");
    wx_buf b;
    wx_buf_init(&b, 1000);
    assert_int_equal(wx_xmldoc_paragraphs(fx_next(&f, NULL), &b), WX_OK);
    assert_string_equal(wx_buf_str(&b), "Results:\nGroup A\nTeam | Pts\n"
                        "Ajax | 7\nPSV | \nGOLD 1,234.50 +2.1\n"
                        "SILVER 22.10\nAfter.");
    wx_buf_free(&b);
    fx_close(&f);

    /* a table alone is still paragraphs, not one run of words */
    wx_buf_init(&b, 1000);
    fx_open(&f, "<item><table><tr><td>a</td><td>b</td></tr></table></item>");
    wx_xmldoc_paragraphs(fx_next(&f, NULL), &b);
    assert_string_equal(wx_buf_str(&b), "a | b");
    wx_buf_free(&b);
    fx_close(&f);

    /* HTML fragments (ninjs body_html) go the same way */
    wx_buf_init(&b, 1000);
    static const char html[] = "<p>One &amp; <b>two</b></p><table><tr>"
                               "<td>x</td><td>1</td></tr></table><p>unclosed";
    assert_int_equal(wx_xmldoc_html_paragraphs(html, strlen(html), &b),
                     WX_OK);
    assert_string_equal(wx_buf_str(&b), "One & two\nx | 1\nunclosed");
    wx_buf_free(&b);
}

/* The fill helpers: first source wins, metadata and lists skip empty
 * values, and an over-long value makes the status stick. */
static void test_fill(void **state)
{
    (void)state;
    fx f;
    fx_open(&f, "<item id=\"I\" empty=\" \"><a>Alpha</a><b>Beta</b><e/>"
                "<long>0123456789abcdef</long></item>");
    xmlNode *n = fx_next(&f, NULL);
    wx_article a;
    wx_article_init(&a);
    wx_buf tmp;
    wx_buf_init(&tmp, 10);
    wx_xmldoc_fill fl = {&a, &tmp, WX_OK};
    assert_false(wx_xmldoc_fill_attr(&fl, &a.id, n, "empty"));
    assert_false(wx_xmldoc_fill_attr(&fl, &a.id, NULL, "id"));
    assert_true(wx_xmldoc_fill_attr(&fl, &a.id, n, "id"));
    assert_true(wx_xmldoc_fill_text(&fl, &a.id, wx_xmldoc_child(n, "a")));
    assert_string_equal(a.id, "I");
    assert_false(wx_xmldoc_fill_text(&fl, &a.title, wx_xmldoc_child(n, "e")));
    assert_true(wx_xmldoc_fill_text(&fl, &a.title, wx_xmldoc_child(n, "b")));
    assert_string_equal(a.title, "Beta");
    wx_xmldoc_fill_meta_text(&fl, "k", wx_xmldoc_child(n, "a"));
    wx_xmldoc_fill_meta_text(&fl, "k", wx_xmldoc_child(n, "e"));
    wx_xmldoc_fill_meta_attr(&fl, "k2", n, "empty");
    assert_int_equal(a.meta_keys.n, 1);
    assert_string_equal(wx_article_meta(&a, "k"), "Alpha");
    wx_xmldoc_fill_list_text(&fl, &a.topics, wx_xmldoc_child(n, "a"));
    wx_xmldoc_fill_list_text(&fl, &a.topics, wx_xmldoc_child(n, "a"));
    wx_xmldoc_fill_list_attr(&fl, &a.topics, n, "id");
    assert_int_equal(a.topics.n, 2);
    assert_int_equal(fl.st, WX_OK);

    char agency[64];
    wx_xmldoc_fill_dateline(&fl, "PARIS, Nov 25 (AFP) -", 21, agency,
                            sizeof agency);
    assert_string_equal(a.dateline, "PARIS");
    assert_string_equal(agency, "AFP");
    assert_string_equal(wx_article_meta(&a, "dateline_text"),
                        "PARIS, Nov 25 (AFP) -");

    wx_xmldoc_fill_text(&fl, &a.body, wx_xmldoc_child(n, "long"));
    assert_int_equal(fl.st, WX_ETOOBIG);
    assert_null(a.body);
    /* Sticky: nothing more happens. */
    wx_xmldoc_fill_meta_text(&fl, "k3", wx_xmldoc_child(n, "a"));
    assert_false(wx_xmldoc_fill_text(&fl, &a.agency,
                                     wx_xmldoc_child(n, "a")));
    assert_null(a.agency);
    assert_null(wx_article_meta(&a, "k3"));
    assert_int_equal(fl.st, WX_ETOOBIG);
    wx_article_reset(&a);
    wx_buf_free(&tmp);
    fx_close(&f);
}

static void test_plain_paragraphs(void **state)
{
    (void)state;
    fx f;
    fx_open(&f, "<item><a>x\n\n\n y\n z</a><b>l1\nl2</b></item>");
    xmlNode *n = fx_next(&f, NULL);
    wx_buf b, tmp;
    wx_buf_init(&b, 1000);
    wx_buf_init(&tmp, 1000);
    wx_xmldoc_plain_paragraphs(wx_xmldoc_child(n, "a"), &b, &tmp);
    assert_string_equal(b.data, "x\ny z");
    wx_buf_reset(&b);
    wx_xmldoc_plain_paragraphs(wx_xmldoc_child(n, "b"), &b, &tmp);
    assert_string_equal(b.data, "l1\nl2");
    wx_buf_free(&b);
    wx_buf_free(&tmp);
    fx_close(&f);
}

static void test_sniff(void **state)
{
    (void)state;
    static const char *const roots[] = {"item", "other", NULL};
    static const struct {
        const char *head;
        int score;
    } cases[] = {
        {"<item/>", 95},
        {"<other>", 95},
        {"<p:item xmlns:p=\"u\">", 95},
        {"<?xml version='1.0'?><!-- <nope> --><item>", 95},
        {"<!DOCTYPE item [ <!ENTITY a '>'> ]><item>", 95},
        {"<!DOCTYPE item [ <!ENTITY a 'unterminated", 90},
        {"<!-- unterminated comment <item>", 60},
        {"<wrap>\n<item>", 60},
        {"<items>", 0},
        {"<it", 0},
        {"plain text", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int s = wx_xmldoc_sniff(cases[i].head, strlen(cases[i].head), roots);
        if (s != cases[i].score)
            fail_msg("case %zu: %d, want %d", i, s, cases[i].score);
    }
}

/* A file past WX_MAX_RECORD_BYTES is refused at open. */
static void test_too_big(void **state)
{
    (void)state;
    size_t n = (size_t)WX_MAX_RECORD_BYTES + 10;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, ' ', n);
    memcpy(big, "<item>", 6);
    wx_input *in;
    wx_err err;
    assert_int_equal(wx_input_open_mem("big", big, n, &in, &err), WX_OK);
    free(big);
    wx_xmldoc *x = (wx_xmldoc *)&err;     /* must be reset to NULL */
    assert_int_equal(wx_xmldoc_open(in, items, &x, &err), WX_ETOOBIG);
    assert_null(x);
    assert_non_null(strstr(err.msg, "big: XML file larger than"));
    wx_input_close(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_items),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_navigation),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_inline_spacing),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_fill),
        cmocka_unit_test(test_plain_paragraphs),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_too_big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
