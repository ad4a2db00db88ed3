/*
 * What reader_nitf shares with the readers of formats that wrap NITF
 * (NewsML 1.x DataContent): filling an article from one <nitf> element.
 * Not public: only indexer/reader_*.c include it.
 */
#ifndef WX_READER_NITF_INT_H
#define WX_READER_NITF_INT_H

#include "wx_article.h"
#include "xmldoc.h"

/*
 * Fill a from the <nitf> element root, using s's scratch buffers. Only
 * fields still NULL are set, so a wrapper's own metadata, filled first,
 * wins; metadata pairs are added. WX_OK, WX_ETOOBIG (a value past
 * WX_MAX_BODY_BYTES), WX_ENOMEM; err is not touched (the caller ends
 * with wx_xmldoc_fill_end()).
 */
wx_status wx_reader_nitf_fill(wx_xmldoc_reader *s, const xmlNode *root,
                              wx_article *a);

#endif
