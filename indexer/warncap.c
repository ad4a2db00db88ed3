/*
 * Per-file warning caps (warncap.h).
 */
#include "warncap.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[WX_WARN_KINDS] = {
    [WX_WARN_RECORD] = "skipped records",
    [WX_WARN_REPAIR] = "invalid UTF-8 repairs",
};

void wx_warncap_begin(wx_warncap *c, const char *file)
{
    memset(c, 0, sizeof *c);
    c->file = file;
}

bool wx_warncap_warn(wx_warncap *c, wx_warn_kind kind, const char *fmt, ...)
{
    bool show = c == NULL || c->seen[kind] < WX_WARNCAP_SHOWN;
    if (c != NULL)
        c->seen[kind]++;
    if (!show)
        return false;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    wx_warnf("%s", msg);
    return true;
}

void wx_warncap_end(wx_warncap *c)
{
    if (c == NULL)
        return;
    for (int k = 0; k < WX_WARN_KINDS; k++)
        if (c->seen[k] > WX_WARNCAP_SHOWN)
            wx_warnf("%s: %llu more %s not shown (%llu in all)",
                     c->file ? c->file : "(input)",
                     (unsigned long long)(c->seen[k] - WX_WARNCAP_SHOWN),
                     kind_names[k], (unsigned long long)c->seen[k]);
    memset(c, 0, sizeof *c);
}
