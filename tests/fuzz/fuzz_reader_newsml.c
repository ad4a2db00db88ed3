/* Fuzz target: the NewsML-G2 XML reader (reader_fuzz.h). */
#include "reader_fuzz.h"

WX_FUZZ_READER(wx_reader_newsml)
