/* Fuzz target: format detection, every reader's sniff over one head. */
#include "fuzz.h"
#include "indexer/reader.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The indexer sniffs at most 8 KiB; shorter heads are the edge. */
    const wx_reader_ops *ops =
        wx_reader_detect((const char *)data, size > 8192 ? 8192 : size);
    (void)ops;
    return 0;
}
