/*
 * The registry of input formats: the one place formats are listed.
 * Detection asks every reader how sure it is and takes the surest; ties
 * go to the earlier row, so specific formats come before plain text.
 */
#include "reader.h"

#include <string.h>

const wx_reader_ops *const wx_reader_registry[] = {
    &wx_reader_reuters_sgml,
    &wx_reader_gigaword,
    &wx_reader_nitf,
    &wx_reader_newsml,
    &wx_reader_newsml1,
    &wx_reader_ninjs,
    &wx_reader_jsonl,
    &wx_reader_csv,
    &wx_reader_tsv,
    &wx_reader_anpa,
    &wx_reader_iptc7901,
    &wx_reader_teletype,
    &wx_reader_text,
    NULL
};

const wx_reader_ops *wx_reader_find(const char *name)
{
    for (size_t i = 0; wx_reader_registry[i] != NULL; i++)
        if (strcmp(wx_reader_registry[i]->name, name) == 0)
            return wx_reader_registry[i];
    return NULL;
}

const wx_reader_ops *wx_reader_detect(const char *head, size_t n)
{
    const wx_reader_ops *best = NULL;
    int best_score = 0;
    for (size_t i = 0; wx_reader_registry[i] != NULL; i++) {
        int s = wx_reader_registry[i]->sniff(head, n);
        if (s > best_score) {
            best = wx_reader_registry[i];
            best_score = s;
        }
    }
    return best;
}
