/*
 * Unit tests for common/wx_schema: the table is complete and consistent,
 * lookups by name, boolean terms (case folding, exact ids, truncation at
 * a character boundary), and docs/schema.md lists the same rows. Prefix
 * literals stay in wx_schema.c: expected terms are built from the table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wx_schema.h"
#include "wx_utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Xapian's term limit minus room kept by wx_schema_term(). */
enum { TERM_MAX = 240 };

static int nonempty(const char *s)
{
    return s != NULL && *s != '\0';
}

static void test_table_complete(void **state)
{
    (void)state;
    for (int f = 0; f < WX_FIELD_COUNT; f++) {
        const wx_schema_field *r = wx_schema_get((wx_field)f);
        assert_non_null(r);
        assert_int_equal(r->field, f);
        assert_true(nonempty(r->name));
        assert_true(r->slot >= -1);
        if (r->flags & WX_SF_FACET)
            assert_true(r->slot >= 0);
        if (r->flags & WX_SF_RANGE)
            assert_true(r->slot >= 0);
        if (r->flags & WX_SF_MULTI)
            assert_true(r->flags & WX_SF_FACET);
        if (r->flags & WX_SF_BOOLEAN)
            assert_true(nonempty(r->prefix));
        if (r->flags & WX_SF_TEXT)
            assert_non_null(r->prefix);
        /* Names are lower case: they are the query syntax. */
        for (const char *p = r->name; *p; p++)
            assert_false(isupper((unsigned char)*p));
    }
    assert_null(wx_schema_get(WX_FIELD_COUNT));
    assert_null(wx_schema_get((wx_field)-1));
    /* The unique id is the Q term, as Xapian's conventions say. */
    assert_string_equal(wx_schema_get(WX_FIELD_ID)->prefix, "Q");
    assert_string_equal(wx_schema_get(WX_FIELD_TITLE)->prefix, "S");
    assert_string_equal(wx_schema_get(WX_FIELD_BODY)->prefix, "");
}

static void test_table_unique(void **state)
{
    (void)state;
    for (int i = 0; i < WX_FIELD_COUNT; i++) {
        const wx_schema_field *a = wx_schema_get((wx_field)i);
        for (int j = i + 1; j < WX_FIELD_COUNT; j++) {
            const wx_schema_field *b = wx_schema_get((wx_field)j);
            if (strcasecmp(a->name, b->name) == 0)
                fail_msg("duplicate name %s", a->name);
            if (nonempty(a->prefix) && nonempty(b->prefix) &&
                strcmp(a->prefix, b->prefix) == 0)
                fail_msg("%s and %s share prefix %s", a->name, b->name,
                         a->prefix);
            if (a->slot >= 0 && a->slot == b->slot)
                fail_msg("%s and %s share slot %d", a->name, b->name,
                         a->slot);
        }
    }
}

static void test_lookup(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int field;  /* -1: not found */
    } cases[] = {
        {"id", WX_FIELD_ID},         {"ID", WX_FIELD_ID},
        {"agency", WX_FIELD_AGENCY}, {"Agency", WX_FIELD_AGENCY},
        {"AGENCY", WX_FIELD_AGENCY}, {"DateLine", WX_FIELD_DATELINE},
        {"topic", WX_FIELD_TOPIC},   {"PLACE", WX_FIELD_PLACE},
        {"date", WX_FIELD_DATE},     {"sortdate", WX_FIELD_SORTDATE},
        {"agenc", -1},               {"agencyx", -1},
        {"", -1},                    {"topics", -1},
        {"nope", -1},                {" id", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const wx_schema_field *r = wx_schema_lookup(cases[i].name);
        if (cases[i].field < 0) {
            if (r != NULL)
                fail_msg("'%s' found as %s", cases[i].name, r->name);
        } else {
            assert_non_null(r);
            assert_int_equal(r->field, cases[i].field);
            assert_ptr_equal(r, wx_schema_get((wx_field)cases[i].field));
        }
    }
    /* Every row is found by its own name. */
    for (int f = 0; f < WX_FIELD_COUNT; f++)
        assert_ptr_equal(wx_schema_lookup(wx_schema_get((wx_field)f)->name),
                         wx_schema_get((wx_field)f));
}

/* prefix of f + s, in a static buffer. */
static const char *with_prefix(wx_field f, const char *s)
{
    static char buf[1024];
    const char *p = wx_schema_get(f)->prefix;
    snprintf(buf, sizeof buf, "%s%s", p ? p : "", s);
    return buf;
}

static void test_term_values(void **state)
{
    (void)state;
    static const struct {
        wx_field f;
        const char *in;
        const char *out;  /* without the prefix */
    } cases[] = {
        {WX_FIELD_DATELINE, "SÃO PAULO", "sao paulo"},
        {WX_FIELD_DATELINE, "São Paulo", "sao paulo"},
        {WX_FIELD_DATELINE, "København", "kobenhavn"},
        {WX_FIELD_PLACE, "SÃO PAULO", "são paulo"},
        {WX_FIELD_AGENCY, "Associated Press", "ap"},
        {WX_FIELD_AGENCY, "THE CANADIAN PRESS", "cp"},
        {WX_FIELD_AGENCY, "STT\xe2\x80\x93" "AFP", "stt"},
        {WX_FIELD_AGENCY, "Agência Lusa", "agencia lusa"},
        {WX_FIELD_DATELINE, "Salvador", "salvador"},
        {WX_FIELD_DATELINE, "ΑΘΉΝΑ", "αθήνα"},
        {WX_FIELD_DATELINE, "МОСКВА", "москва"},
        {WX_FIELD_AGENCY, "Reuters", "reuters"},
        {WX_FIELD_TOPIC, "Crime & Justice", "crime & justice"},
        {WX_FIELD_PLACE, "el-salvador", "el-salvador"},
        {WX_FIELD_MONTH, "1987-02", "1987-02"},
        {WX_FIELD_TYPE, "STORY", "story"},
        {WX_FIELD_ID, "AFP_ENG_19940512.0001", "AFP_ENG_19940512.0001"},
        {WX_FIELD_ID, "ÉtÉ-Mixed", "ÉtÉ-Mixed"},
        {WX_FIELD_ID, "", ""},
        {WX_FIELD_TOPIC, "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *t = wx_schema_term(cases[i].f, cases[i].in);
        assert_non_null(t);
        assert_string_equal(t, with_prefix(cases[i].f, cases[i].out));
        free(t);
    }
    /* The documented example, spelled out once. */
    char *t = wx_schema_term(WX_FIELD_DATELINE, "SÃO PAULO");
    assert_non_null(t);
    size_t pl = strlen(wx_schema_get(WX_FIELD_DATELINE)->prefix);
    assert_memory_equal(t + pl, "sao paulo", 9);
    assert_int_equal(strlen(t), pl + 9);
    free(t);
}

/* Is s[0..n) a byte-exact prefix of the whole string w? */
static int is_prefix_of(const char *s, size_t n, const char *w)
{
    return strlen(w) >= n && memcmp(s, w, n) == 0;
}

static void test_term_truncation(void **state)
{
    (void)state;
    static const char *const chars[] = {
        "e", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9d\x84\x9e"};
    static const wx_field fields[] = {WX_FIELD_ID, WX_FIELD_PLACE,
                                      WX_FIELD_TOPIC};
    for (size_t fi = 0; fi < sizeof fields / sizeof fields[0]; fi++) {
        wx_field f = fields[fi];
        size_t plen = strlen(wx_schema_get(f)->prefix);
        size_t budget = TERM_MAX - plen;
        for (size_t ci = 0; ci < 4; ci++) {
            size_t cl = strlen(chars[ci]);
            /* Put the cut at every offset inside and around a char. */
            for (size_t pad = 0; pad < 6; pad++) {
                char value[600];
                size_t n = 0;
                for (size_t k = 0; k + pad < budget; k++)
                    value[n++] = 'a';
                while (n + cl < sizeof value - 1) {
                    memcpy(value + n, chars[ci], cl);
                    n += cl;
                }
                value[n] = '\0';
                char whole[700];
                snprintf(whole, sizeof whole, "%s%s",
                         wx_schema_get(f)->prefix, value);
                char *t = wx_schema_term(f, value);
                assert_non_null(t);
                size_t tl = strlen(t);
                assert_true(tl <= TERM_MAX);
                /* Longest cut: one more character would not fit. */
                assert_true(tl + cl > TERM_MAX);
                assert_true(is_prefix_of(t, tl, whole));
                if (!wx_utf8_valid(t, tl))
                    fail_msg("field %d char %zu pad %zu: split char",
                             (int)f, ci, pad);
                free(t);
            }
        }
        /* A value of exactly the budget is kept whole; one more byte is
         * cut. */
        char v[300];
        memset(v, 'b', budget);
        v[budget] = '\0';
        char *t = wx_schema_term(f, v);
        assert_non_null(t);
        assert_int_equal(strlen(t), TERM_MAX);
        free(t);
        v[budget] = 'b';
        v[budget + 1] = '\0';
        t = wx_schema_term(f, v);
        assert_non_null(t);
        assert_int_equal(strlen(t), TERM_MAX);
        free(t);
    }
    /* Upper case folded before the cut: the term is all lower case. */
    char v[600] = "";
    size_t n = 0;
    while (n + 2 < sizeof v - 1) {
        memcpy(v + n, "\xc3\x89", 2);  /* É */
        n += 2;
    }
    v[n] = '\0';
    char *t = wx_schema_term(WX_FIELD_PLACE, v);
    assert_non_null(t);
    size_t pl = strlen(wx_schema_get(WX_FIELD_PLACE)->prefix);
    size_t tl = strlen(t);
    assert_true(tl <= TERM_MAX && tl + 2 > TERM_MAX);
    assert_true(wx_utf8_valid(t, tl));
    for (size_t i = pl; i < tl; i += 2)
        assert_memory_equal(t + i, "\xc3\xa9", 2);
    free(t);
}

/* One row of the docs' field table: | `name` | `PREFIX` | slot | */
static int parse_field_row(const char *line, char *name, size_t nsz,
                           char *prefix, size_t psz, int *slot)
{
    const char *p = line;
    if (strncmp(p, "| `", 3) != 0)
        return 0;
    p += 3;
    const char *e = strchr(p, '`');
    if (e == NULL || (size_t)(e - p) >= nsz)
        return 0;
    memcpy(name, p, (size_t)(e - p));
    name[e - p] = '\0';
    p = e + 1;
    if (strncmp(p, " | `", 4) != 0)
        return 0;
    p += 4;
    e = strchr(p, '`');
    if (e == NULL || (size_t)(e - p) >= psz)
        return 0;
    memcpy(prefix, p, (size_t)(e - p));
    prefix[e - p] = '\0';
    p = e + 1;
    if (strncmp(p, " | ", 3) != 0)
        return 0;
    p += 3;
    char *end;
    long v = strtol(p, &end, 10);
    if (end == p || strncmp(end, " |", 2) != 0)
        return 0;
    *slot = (int)v;
    return 1;
}

static void test_docs_match(void **state)
{
    (void)state;
    FILE *fp = fopen("docs/schema.md", "r");
    if (fp == NULL)
        fail_msg("docs/schema.md: cannot open (run from the repo root)");
    int seen[WX_FIELD_COUNT] = {0};
    int slot_seen[64] = {0};
    int rows = 0, slot_rows = 0;
    char line[1024];
    while (fgets(line, sizeof line, fp) != NULL) {
        char name[64], prefix[64];
        int slot;
        if (parse_field_row(line, name, sizeof name, prefix, sizeof prefix,
                            &slot)) {
            const wx_schema_field *r = wx_schema_lookup(name);
            if (r == NULL)
                fail_msg("docs/schema.md: field %s not in the table", name);
            if (r->prefix == NULL || strcmp(r->prefix, prefix) != 0)
                fail_msg("docs/schema.md: %s has prefix %s, code %s", name,
                         prefix, r->prefix ? r->prefix : "(none)");
            if (r->slot != slot)
                fail_msg("docs/schema.md: %s has slot %d, code %d", name,
                         slot, r->slot);
            assert_false(seen[r->field]);
            seen[r->field] = 1;
            rows++;
            continue;
        }
        /* The table of slots without terms: | N | holds | */
        char *end;
        if (strncmp(line, "| ", 2) == 0 && isdigit((unsigned char)line[2])) {
            long s = strtol(line + 2, &end, 10);
            if (strncmp(end, " |", 2) == 0 && s >= 0 && s < 64) {
                assert_false(slot_seen[s]);
                slot_seen[s] = 1;
                slot_rows++;
            }
        }
    }
    fclose(fp);
    /* Every field with a term prefix is in the field table... */
    int want = 0;
    for (int f = 0; f < WX_FIELD_COUNT; f++) {
        const wx_schema_field *r = wx_schema_get((wx_field)f);
        if (nonempty(r->prefix)) {
            want++;
            if (!seen[f])
                fail_msg("docs/schema.md lacks field %s", r->name);
        }
    }
    assert_int_equal(rows, want);
    /* ...and every slot without terms is in the slot table. */
    int want_slots = 0;
    for (int f = 0; f < WX_FIELD_COUNT; f++) {
        const wx_schema_field *r = wx_schema_get((wx_field)f);
        if (r->prefix == NULL && r->slot >= 0) {
            want_slots++;
            if (!slot_seen[r->slot])
                fail_msg("docs/schema.md lacks slot %d (%s)", r->slot,
                         r->name);
        }
    }
    assert_int_equal(slot_rows, want_slots);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_complete),
        cmocka_unit_test(test_table_unique),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_term_values),
        cmocka_unit_test(test_term_truncation),
        cmocka_unit_test(test_docs_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
