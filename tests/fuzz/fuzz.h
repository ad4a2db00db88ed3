/*
 * What every fuzz target defines: libFuzzer's entry point, and an
 * optional one-time setup. The same sources build into libFuzzer
 * binaries (make fuzz, clang) and into replay binaries (replay.c, any
 * compiler) that make check runs over the saved corpora and crashes.
 */
#ifndef WX_FUZZ_H
#define WX_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif
