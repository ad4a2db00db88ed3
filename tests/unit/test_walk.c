/*
 * Unit tests for indexer/walk.c (every entry gets a fate; rules; links
 * and loops), indexer/pathmeta.c (folder names as fields) and
 * indexer/warncap.c (bounded warnings) and indexer/seen.c (texts read
 * before). The trees are built in a
 * temporary folder by the tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "indexer/pathmeta.h"
#include "indexer/seen.h"
#include "indexer/walk.h"
#include "indexer/warncap.h"
#include "wx_schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64];

static void put(const char *rel, const char *text)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void dir(const char *rel)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    assert_int_equal(mkdir(p, 0755), 0);
}

static void link_to(const char *target, const char *rel)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    assert_int_equal(symlink(target, p), 0);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/wx-test-walk-XXXXXX");
    if (mkdtemp(root) == NULL)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

/* The entry whose path ends in rel, or fail. */
static const wx_walk_file *entry(const wx_walk *w, const char *rel)
{
    for (size_t i = 0; i < w->n; i++) {
        size_t n = strlen(w->files[i].path), k = strlen(rel);
        if (n >= k && strcmp(w->files[i].path + n - k, rel) == 0)
            return &w->files[i];
    }
    fail_msg("no entry %s", rel);
    return NULL;
}

static void expect(const wx_walk *w, const char *rel, wx_walk_fate fate,
                   const char *why)
{
    const wx_walk_file *f = entry(w, rel);
    if (f->fate != fate)
        fail_msg("%s: fate %d, want %d (%s)", rel, (int)f->fate, (int)fate,
                 f->why ? f->why : "-");
    if (why == NULL)
        assert_null(f->why);
    else if (f->why == NULL || strcmp(f->why, why) != 0)
        fail_msg("%s: why \"%s\", want \"%s\"", rel, f->why ? f->why : "-",
                 why);
}

static void test_fates(void **state)
{
    (void)state;
    dir("news");
    dir("news/business");
    put("news/business/001.txt", "a\n");
    put("news/README.md", "r\n");
    put("news/business/001.txt~", "b\n");
    put("news/.hidden", "h\n");
    link_to("nowhere", "news/dangling");
    link_to("..", "news/business/up");
    link_to("self", "news/self");
    const char *paths[] = {root};
    wx_walk w;
    wx_err err;
    assert_int_equal(wx_walk_expand(paths, 1, NULL, &w, &err), WX_OK);
    expect(&w, "news/business/001.txt", WX_WALK_READ, NULL);
    expect(&w, "news/README.md", WX_WALK_EXCLUDED, "README*");
    expect(&w, "news/business/001.txt~", WX_WALK_EXCLUDED, "*~");
    expect(&w, "news/.hidden", WX_WALK_EXCLUDED, ".*");
    expect(&w, "news/dangling", WX_WALK_SKIPPED, "dangling symbolic link");
    expect(&w, "news/business/up", WX_WALK_SKIPPED, "symbolic link loop");
    expect(&w, "news/self", WX_WALK_SKIPPED, "symbolic link loop");
    /* rel is the part below the walked folder. */
    const wx_walk_file *f = entry(&w, "news/business/001.txt");
    assert_string_equal(f->path + f->rel, "news/business/001.txt");
    assert_int_equal(w.total_size, 2);
    wx_walk_free(&w);

    /* The last matching rule decides; defaults come first. */
    wx_walk_rule rules[] = {
        {"business", false}, {"README*", true}, {"*.txt", true},
    };
    wx_walk_opts o = {rules, 3, false};
    assert_int_equal(wx_walk_expand(paths, 1, &o, &w, &err), WX_OK);
    expect(&w, "news/business", WX_WALK_EXCLUDED, "--exclude 'business'");
    expect(&w, "news/README.md", WX_WALK_READ, NULL);
    expect(&w, "news/.hidden", WX_WALK_EXCLUDED, ".*");
    wx_walk_free(&w);

    /* A missing argument is still fatal: it is the caller's mistake. */
    const char *missing[] = {"/nonexistent/wx-walk"};
    assert_int_equal(wx_walk_expand(missing, 1, NULL, &w, &err), WX_EIO);
}

static void test_pathmeta(void **state)
{
    (void)state;
    wx_pathmeta pm;
    wx_err err;
    wx_article a;
    bool matched;
    wx_article_init(&a);
    assert_int_equal(wx_pathmeta_parse("{topic}/*", &pm, &err), WX_OK);
    assert_int_equal(wx_pathmeta_apply(&pm, "x/business/001.txt", &a,
                                       &matched), WX_OK);
    assert_true(matched);
    assert_int_equal(a.topics.n, 1);
    assert_string_equal(a.topics.v[0], "business");
    wx_article_reset(&a);
    assert_int_equal(wx_pathmeta_apply(&pm, "001.txt", &a, &matched), WX_OK);
    assert_false(matched);
    wx_pathmeta_free(&pm);

    assert_int_equal(wx_pathmeta_parse("{year}/{month}/*.txt", &pm, &err),
                     WX_OK);
    assert_int_equal(wx_pathmeta_apply(&pm, "1996/08/a.txt", &a, &matched),
                     WX_OK);
    assert_string_equal(a.date, "1996-08-01");
    assert_string_equal(wx_article_meta(&a, "path_date"), "1996-08");
    wx_article_reset(&a);
    /* The glob must match; an article's own date wins. */
    assert_int_equal(wx_pathmeta_apply(&pm, "1996/08/a.xml", &a, &matched),
                     WX_OK);
    assert_false(matched);
    assert_int_equal(wx_article_set(&a.date, "2001-01-02", (size_t)-1),
                     WX_OK);
    assert_int_equal(wx_pathmeta_apply(&pm, "1996/08/a.txt", &a, &matched),
                     WX_OK);
    assert_string_equal(a.date, "2001-01-02");
    wx_article_reset(&a);
    wx_pathmeta_free(&pm);

    assert_int_equal(wx_pathmeta_parse("{body}/*", &pm, &err), WX_EINVAL);
    assert_int_equal(wx_pathmeta_parse("{nonsense}/*", &pm, &err),
                     WX_EINVAL);
    assert_int_equal(wx_pathmeta_parse("a//b", &pm, &err), WX_EINVAL);
}

static void test_warncap(void **state)
{
    (void)state;
    wx_warncap c;
    wx_warncap_begin(&c, "f");
    int shown = 0;
    for (int i = 0; i < 25; i++)
        shown += wx_warncap_warn(&c, WX_WARN_RECORD, "f:%d: bad", i);
    shown += wx_warncap_warn(&c, WX_WARN_REPAIR, "f:1: repaired");
    assert_int_equal(shown, WX_WARNCAP_SHOWN + 1);
    assert_int_equal(c.seen[WX_WARN_RECORD], 25);
    wx_warncap_end(&c);
    assert_int_equal(c.seen[WX_WARN_RECORD], 0);
    /* A new file starts over. */
    wx_warncap_begin(&c, "g");
    assert_true(wx_warncap_warn(&c, WX_WARN_RECORD, "g:1: bad"));
    wx_warncap_end(&c);
}

/* Copies are found whatever their number; the first source is kept. */
static void test_seen(void **state)
{
    (void)state;
    wx_seen s = {0};
    const char *first;
    char id[32], src[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "h%016x", (unsigned)i * 2654435761u);
        snprintf(src, sizeof src, "f%d.txt:1", i);
        assert_int_equal(wx_seen_add(&s, id, src, &first), WX_OK);
        assert_null(first);
    }
    snprintf(id, sizeof id, "h%016x", 4321u * 2654435761u);
    assert_int_equal(wx_seen_add(&s, id, "copy.txt:1", &first), WX_OK);
    assert_string_equal(first, "f4321.txt:1");
    assert_int_equal(s.n, 5000);
    wx_seen_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fates, setup, teardown),
        cmocka_unit_test(test_pathmeta),
        cmocka_unit_test(test_warncap),
        cmocka_unit_test(test_seen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
