/*
 * Unit tests for common/wx_phrase: fingerprints, the encoding's breaks
 * and shared positions, and phrase and NEAR matching against sequences
 * built the way the indexer builds them (words, a gap, more words).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_phrase.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAXW = 64 };

/* A sequence of words from a space-separated text; "|" leaves a gap of
 * 100 positions (as between title and body); "a/b" puts two terms at
 * one position. */
typedef struct seq {
    unsigned char bytes[8 * MAXW];
    size_t len;
} seq;

static void build(seq *s, const char *text)
{
    uint32_t pos[MAXW], hash[MAXW];
    size_t n = 0;
    uint32_t p = 0;
    char buf[512];
    strcpy(buf, text);
    for (char *w = strtok(buf, " "); w != NULL; w = strtok(NULL, " ")) {
        if (strcmp(w, "|") == 0) {
            p += 100;
            continue;
        }
        p++;
        for (char *alt = w; alt != NULL;) {
            char *slash = strchr(alt, '/');
            size_t len = slash ? (size_t)(slash - alt) : strlen(alt);
            assert_true(n < MAXW);
            pos[n] = p;
            hash[n] = wx_phrase_hash(alt, len);
            n++;
            alt = slash ? slash + 1 : NULL;
        }
    }
    s->len = wx_phrase_encode(pos, hash, n, s->bytes);
    assert_true(s->len <= sizeof s->bytes);
}

/* Whether the sequence holds the words of pattern (space-separated;
 * "a/b" is a word with two spellings). */
static bool match(const seq *s, const char *pattern, unsigned window,
                  bool ordered)
{
    uint32_t alts[MAXW];
    wx_phrase_word words[MAXW];
    size_t k = 0, na = 0;
    char buf[256];
    strcpy(buf, pattern);
    for (char *w = strtok(buf, " "); w != NULL; w = strtok(NULL, " ")) {
        words[k].alts = &alts[na];
        words[k].n = 0;
        for (char *alt = w; alt != NULL;) {
            char *slash = strchr(alt, '/');
            size_t len = slash ? (size_t)(slash - alt) : strlen(alt);
            alts[na++] = wx_phrase_hash(alt, len);
            words[k].n++;
            alt = slash ? slash + 1 : NULL;
        }
        k++;
    }
    seq copy = *s;
    return wx_phrase_match(copy.bytes, copy.len, words, k, window, ordered);
}

static bool phrase(const seq *s, const char *pattern)
{
    return match(s, pattern, 0, true);
}

static void test_hash(void **state)
{
    (void)state;
    uint32_t a = wx_phrase_hash("oil", 3);
    assert_int_equal(a, wx_phrase_hash("oil", 3));
    assert_int_not_equal(a, wx_phrase_hash("oils", 4));
    assert_int_not_equal(a, wx_phrase_hash("Soil", 4));
    /* 31 bits, never 0 (0 is the break marker). */
    char t[8];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(t, sizeof t, "w%d", i);
        uint32_t h = wx_phrase_hash(t, (size_t)n);
        assert_true(h != 0 && h <= 0x7fffffffu);
    }
    assert_true(wx_phrase_hash("", 0) != 0);
}

static void test_encode_layout(void **state)
{
    (void)state;
    seq s;
    build(&s, "a b | c");
    /* a, b, a break, c: four 32-bit entries, the third 0. */
    assert_int_equal(s.len, 16);
    static const unsigned char zero[4];
    assert_memory_equal(s.bytes + 8, zero, 4);
    build(&s, "a/b c");
    /* b shares a's position: bit 31 of its entry. */
    assert_int_equal(s.len, 12);
    assert_true(s.bytes[7] & 0x80);
    assert_false(s.bytes[3] & 0x80);
}

static void test_exact_phrases(void **state)
{
    (void)state;
    seq s;
    build(&s, "oil prices rose sharply on thursday as oil supply fell");
    assert_true(phrase(&s, "oil prices"));
    assert_true(phrase(&s, "oil prices rose"));
    assert_true(phrase(&s, "oil supply fell"));
    assert_true(phrase(&s, "thursday"));
    assert_false(phrase(&s, "prices oil"));
    assert_false(phrase(&s, "oil rose"));
    assert_false(phrase(&s, "oil prices fell"));
    assert_false(phrase(&s, "gold prices"));
    /* The later "oil" is the one followed by "supply". */
    assert_true(phrase(&s, "as oil supply"));
}

static void test_break_is_never_spanned(void **state)
{
    (void)state;
    seq s;
    build(&s, "north sea outage | sea oil");
    assert_true(phrase(&s, "north sea"));
    assert_true(phrase(&s, "sea oil"));
    assert_false(phrase(&s, "outage sea"));
    assert_false(match(&s, "outage oil", 50, false));
    assert_true(match(&s, "north outage", 3, false));
}

static void test_windows(void **state)
{
    (void)state;
    seq s;
    build(&s, "wheat for export to china and wheat");
    /* PHRASE with a window: in order, within the span. */
    assert_false(match(&s, "wheat export", 2, true));
    assert_true(match(&s, "wheat export", 3, true));
    assert_false(match(&s, "export wheat", 3, true));
    /* NEAR: any order. "export ... wheat" spans 5 positions. */
    assert_true(match(&s, "export wheat", 3, false));
    assert_true(match(&s, "china wheat", 3, false));
    assert_false(match(&s, "export and", 3, false));
    assert_true(match(&s, "export and", 4, false));
    /* A window below the word count is raised to it. */
    assert_true(match(&s, "wheat for export", 1, true));
}

static void test_alternatives(void **state)
{
    (void)state;
    seq s;
    build(&s, "the u.s./us trade deficit widened");
    assert_true(phrase(&s, "u.s. trade"));
    assert_true(phrase(&s, "us trade"));
    assert_true(phrase(&s, "the us"));
    assert_true(phrase(&s, "the us trade deficit"));
    /* Two terms at one position are not two positions. */
    assert_false(phrase(&s, "u.s. us"));
    /* A pattern word with several spellings matches any. */
    assert_true(phrase(&s, "trade deficit/surplus"));
    assert_true(phrase(&s, "trade surplus/deficit widened"));
    assert_false(phrase(&s, "trade surplus/gap"));
}

static void test_degenerate(void **state)
{
    (void)state;
    seq s;
    build(&s, "alone");
    assert_true(phrase(&s, "alone"));
    assert_false(match(&s, "", 0, true));
    wx_phrase_word w = {NULL, 0};
    assert_false(
        wx_phrase_match((const unsigned char *)"", 0, &w, 1, 2, true));
    /* Trailing bytes short of an entry are ignored. */
    seq t = s;
    t.len += 3;
    assert_true(phrase(&t, "alone"));
    /* Nothing but breaks. */
    static const unsigned char breaks[12];
    uint32_t h = wx_phrase_hash("x", 1);
    wx_phrase_word x = {&h, 1};
    assert_false(wx_phrase_match(breaks, sizeof breaks, &x, 1, 1, true));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_encode_layout),
        cmocka_unit_test(test_exact_phrases),
        cmocka_unit_test(test_break_is_never_spanned),
        cmocka_unit_test(test_windows),
        cmocka_unit_test(test_alternatives),
        cmocka_unit_test(test_degenerate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
