/*
 * Fuzz target: the stored-record decoder, over raw bytes as found in a
 * damaged index, and (first byte 'J') over the JSON of a record, which
 * must then survive an encode and decode round trip unchanged.
 */
#include "fuzz.h"
#include "wx_store.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void round_trip(const uint8_t *data, size_t size)
{
    wx_err err;
    wx_err_clear(&err);
    wx_article a, b;
    wx_article_init(&a);
    wx_article_init(&b);
    wx_buf enc, j1, j2;
    wx_buf_init(&enc, 64 << 20);
    wx_buf_init(&j1, 64 << 20);
    wx_buf_init(&j2, 64 << 20);
    if (wx_store_parse((const char *)data, size, &a, &err) == WX_OK &&
        wx_store_encode(&a, NULL, &enc, NULL, &err) == WX_OK) {
        if (wx_store_decode(enc.data, enc.len, NULL, &b, &err) != WX_OK)
            abort();
        if (wx_store_encode_json(&a, &j1, &err) != WX_OK ||
            wx_store_encode_json(&b, &j2, &err) != WX_OK ||
            j1.len != j2.len || memcmp(j1.data, j2.data, j1.len) != 0)
            abort();
    }
    wx_buf_free(&enc);
    wx_buf_free(&j1);
    wx_buf_free(&j2);
    wx_article_reset(&a);
    wx_article_reset(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 0 && data[0] == 'J') {
        round_trip(data + 1, size - 1);
        return 0;
    }
    wx_err err;
    wx_err_clear(&err);
    wx_article a;
    wx_article_init(&a);
    wx_store_decode(data, size, NULL, &a, &err);
    wx_article_reset(&a);
    wx_buf json;
    wx_buf_init(&json, 64 << 20);
    wx_store_decode_json(data, size, NULL, &json, &err);
    wx_buf_free(&json);
    return 0;
}
