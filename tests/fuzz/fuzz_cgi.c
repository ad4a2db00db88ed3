/*
 * Fuzz target: one whole CGI request (the query string; the first byte
 * picks the method) answered by the same handler FastCGI uses, over
 * the index named by $WX_FUZZ_DB (make check builds one from
 * fixtures/sample; without it every search is the 500 of a missing
 * index, which is worth fuzzing too).
 */
#include "fuzz.h"
#include "searcher/cgi.h"
#include "wx_buf.h"

#include <stdlib.h>
#include <string.h>

static wx_cgi *cgi;     /* kept across inputs, as a FastCGI process does */
static const char *db;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    db = getenv("WX_FUZZ_DB");
    if (db == NULL)
        db = "/nonexistent/wiredex.db";
    cgi = wx_cgi_new();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const methods[] = {"GET", "HEAD", "POST", "PUT"};
    if (cgi == NULL || size == 0)
        return 0;
    char *qs = malloc(size);
    if (qs == NULL)
        return 0;
    memcpy(qs, data + 1, size - 1);
    qs[size - 1] = '\0';
    wx_cgi_env env = {methods[data[0] % 4], qs, db};
    wx_buf out, log;
    wx_buf_init(&out, 64 << 20);
    wx_buf_init(&log, 1 << 20);
    int status = wx_cgi_handle(cgi, &env, &out, &log);
    /* Every answer is an HTTP status; a 500 must come with a reason
     * in the log, never a crash. */
    if (status < 200 || status > 599)
        abort();
    wx_buf_free(&out);
    wx_buf_free(&log);
    free(qs);
    return 0;
}
