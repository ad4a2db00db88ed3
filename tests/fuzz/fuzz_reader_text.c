/* Fuzz target: the plain-text wire reports reader (reader_fuzz.h). */
#include "reader_fuzz.h"

WX_FUZZ_READER(wx_reader_text)
