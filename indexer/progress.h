/*
 * The indexer's progress line on a terminal: articles, MB/s and an ETA
 * when the total input size is known, or a message for a step such as
 * the merge of a parallel build. Redrawn at most a few times a
 * second; the caller turns it off when stderr is not a tty or --quiet.
 */
#ifndef WX_PROGRESS_H
#define WX_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct wx_progress {
    bool on;
    double start;        /* monotonic seconds */
    double last_draw;
    uint64_t total;      /* input bytes expected, 0 when unknown */
    int width;           /* of the last line drawn, to blank it */
} wx_progress;

void wx_progress_init(wx_progress *p, bool on, uint64_t total_bytes);

/* Redraw if enough time passed since the last draw. */
void wx_progress_update(wx_progress *p, uint64_t articles, uint64_t done);

/* Draw msg as the progress line now (a step with no count, such as the
 * merge of a parallel build's shards); erased by wx_progress_end. */
void wx_progress_message(wx_progress *p, const char *msg);

/* Erase the line so the summary prints on a clean line. */
void wx_progress_end(wx_progress *p);

/* Monotonic clock in seconds, for timing. */
double wx_progress_now(void);

#endif
