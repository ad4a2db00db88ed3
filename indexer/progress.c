/*
 * Progress line drawing with "\r" on stderr.
 */
#include "progress.h"

#include <stdio.h>
#include <time.h>

double wx_progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void wx_progress_init(wx_progress *p, bool on, uint64_t total_bytes)
{
    p->on = on;
    p->start = p->last_draw = wx_progress_now();
    p->total = total_bytes;
    p->width = 0;
}

/* Draw text over the last line, blanking what it leaves of it. */
static void draw(wx_progress *p, int w)
{
    if (w < p->width)
        fprintf(stderr, "%*s", p->width - w, "");
    p->width = w;
    fflush(stderr);
}

void wx_progress_update(wx_progress *p, uint64_t articles, uint64_t done)
{
    if (!p->on)
        return;
    double now = wx_progress_now();
    if (now - p->last_draw < 0.25)
        return;
    p->last_draw = now;
    double secs = now - p->start;
    double mbs = secs > 0 ? (double)done / 1e6 / secs : 0;
    char eta[32] = "";
    if (p->total > 0 && done > 0 && done <= p->total) {
        double left = secs * (double)(p->total - done) / (double)done;
        snprintf(eta, sizeof eta, ", ETA %d:%02d", (int)left / 60,
                 (int)left % 60);
    }
    char pct[16] = "";
    if (p->total > 0)
        snprintf(pct, sizeof pct, " (%d%%)",
                 (int)(100.0 * (double)done / (double)p->total));
    draw(p, fprintf(stderr, "\r%llu articles, %.1f MB/s%s%s",
                    (unsigned long long)articles, mbs, pct, eta));
}

void wx_progress_message(wx_progress *p, const char *msg)
{
    if (!p->on)
        return;
    draw(p, fprintf(stderr, "\r%s", msg));
}

void wx_progress_end(wx_progress *p)
{
    if (!p->on || p->width == 0)
        return;
    fprintf(stderr, "\r%*s\r", p->width, "");
    fflush(stderr);
    p->width = 0;
}
