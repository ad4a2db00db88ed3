/* Fuzz target: the Reuters-21578 SGML reader (reader_fuzz.h). */
#include "reader_fuzz.h"

WX_FUZZ_READER(wx_reader_reuters_sgml)
