/*
 * The table of built-in dictionaries, each parsed once on first use.
 */
#include "wx_zdicts.h"

#include <pthread.h>

typedef struct builtin {
    const unsigned char *bytes;
    const size_t *len;
} builtin;

/* Index = number - 1. Append only: a record keeps its number forever. */
static const builtin TABLE[] = {
    {wx_zdict_v1, &wx_zdict_v1_len},
};
enum { COUNT = sizeof TABLE / sizeof TABLE[0] };

static pthread_once_t once = PTHREAD_ONCE_INIT;
static wx_zdict *parsed[COUNT];
static wx_err parse_err[COUNT];

static void parse_all(void)
{
    for (unsigned i = 0; i < COUNT; i++)
        wx_zdict_new_builtin(i + 1, TABLE[i].bytes, *TABLE[i].len,
                             &parsed[i], &parse_err[i]);
}

wx_status wx_zdicts_get(unsigned number, const wx_zdict **out, wx_err *err)
{
    *out = NULL;
    if (number == 0 || number > COUNT)
        return wx_err_set(err, WX_EFORMAT, "stored record uses dictionary "
                          "%u, which this wiredex does not have (it has 1 "
                          "to %u): written by a newer version?", number,
                          (unsigned)COUNT);
    pthread_once(&once, parse_all);
    if (parsed[number - 1] == NULL) {
        *err = parse_err[number - 1];
        return err->code != WX_OK ? err->code : WX_EINTERNAL;
    }
    *out = parsed[number - 1];
    return WX_OK;
}
