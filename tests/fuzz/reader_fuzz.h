/*
 * One reader over fuzz input: open it over the bytes, take every
 * article, finish it as the indexer does, stop where the indexer
 * would. Included by the per-format targets (fuzz_reader_*.c).
 */
#ifndef WX_READER_FUZZ_H
#define WX_READER_FUZZ_H

#include "fuzz.h"
#include "indexer/reader.h"
#include "wx_article.h"
#include "wx_input.h"

/* Articles taken from one input at most: bounded time per input. */
enum { FUZZ_MAX_ARTICLES = 10000 };

static inline void fuzz_reader(const wx_reader_ops *ops, const uint8_t *data,
                               size_t size)
{
    wx_input *in = NULL;
    wx_err err;
    wx_err_clear(&err);
    if (wx_input_open_mem("fuzz", data, size, &in, &err) != WX_OK)
        return;
    wx_reader_opts ropts = {.default_year = 1987};
    void *state = NULL;
    if (ops->open(in, &ropts, &state, &err) == WX_OK) {
        wx_article a;
        wx_article_init(&a);
        for (int i = 0; i < FUZZ_MAX_ARTICLES; i++) {
            wx_status st = ops->next(state, &a, &err);
            if (st == WX_OK) {
                size_t repairs = 0;
                a.src_file = "fuzz";
                wx_article_finish(&a, &repairs, &err);
            } else if (st != WX_EFORMAT && st != WX_ETOOBIG) {
                break;
            }
            wx_article_reset(&a);
        }
        wx_article_reset(&a);
        ops->close(state);
    }
    wx_input_close(in);
}

#define WX_FUZZ_READER(ops)                                              \
    int LLVMFuzzerInitialize(int *argc, char ***argv)                    \
    {                                                                    \
        (void)argc;                                                      \
        (void)argv;                                                      \
        return 0;                                                        \
    }                                                                    \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)         \
    {                                                                    \
        fuzz_reader(&(ops), data, size);                                 \
        return 0;                                                        \
    }

#endif
