/*
 * Fuzz target: the query path before the index, as the searcher runs
 * it: clean the bytes, bound the cost, normalise, parse with Xapian.
 */
#include "fuzz.h"
#include "searcher/qbudget.h"
#include "searcher/query.h"

#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wx_err err;
    wx_err_clear(&err);
    char *text = NULL;
    if (wx_query_clean((const char *)data, size, &text, NULL, &err) != WX_OK)
        return 0;
    /* Stemmed and not, as indexes are built either way. */
    wx_query_opts opts = {
        .lang = size % 2 ? "english" : "none",
        .stem_all = size % 3 == 0,
        /* Every reading: syntax when written so, always, never. */
        .syntax = (wx_query_syntax)(size % WX_SYNTAX_COUNT),
        .match = (wx_query_match)((size / 3) % WX_MATCH_COUNT),
    };
    wx_query *q = NULL;
    if (wx_query_parse_text(text, &opts, &q, NULL, NULL, &err) == WX_OK &&
        q != NULL) {
        char *d = wx_query_describe(q);
        free(d);
    }
    wx_query_free(q);
    free(text);
    return 0;
}
