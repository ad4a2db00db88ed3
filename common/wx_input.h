/*
 * A byte source over a file, a gzip file or standard input, read in lines
 * while tracking the line number for "file:line: reason" messages. Gzip
 * is recognised by its magic bytes, not by the file name. Not a parser:
 * readers (indexer/reader_*.c) sit on top of it.
 */
#ifndef WX_INPUT_H
#define WX_INPUT_H

#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wx_input wx_input;

/*
 * Open path ("-" for standard input). The name shown in messages is path
 * ("<stdin>" for "-"). WX_EIO with the reason when it cannot be opened.
 * Caller frees with wx_input_close().
 */
wx_status wx_input_open(const char *path, wx_input **out, wx_err *err);

/* Open over a memory buffer (tests); the bytes are copied. */
wx_status wx_input_open_mem(const char *name, const void *p, size_t n,
                            wx_input **out, wx_err *err);

void wx_input_close(wx_input *in);

/* The name used in messages; owned by the input. */
const char *wx_input_name(const wx_input *in);

/*
 * Look at up to n bytes from the start without consuming them (format
 * sniffing). *out points into the input's buffer, valid until the next
 * read. Only valid before the first read. *got may be less than n at EOF.
 */
wx_status wx_input_peek(wx_input *in, size_t n, const char **out,
                        size_t *got, wx_err *err);

/*
 * Read the next line, without its "\n" (a "\r\n" ending loses the "\r"
 * too). *line points into the input's buffer, NUL-terminated, valid until
 * the next call; it may contain NUL bytes, so use *len. WX_EOF at the end;
 * WX_ETOOBIG for a line over WX_MAX_RECORD_BYTES (the rest of that line is
 * skipped and reading may continue); WX_EIO for a read or gzip error
 * (a truncated .gz file: "unexpected end of file").
 */
wx_status wx_input_getline(wx_input *in, const char **line, size_t *len,
                           wx_err *err);

/* The number of the line most recently returned (1-based). */
long wx_input_lineno(const wx_input *in);

/*
 * Read everything that is left, up to max bytes. *out is malloc'd and
 * NUL-terminated (caller frees). WX_ETOOBIG past max.
 */
wx_status wx_input_read_all(wx_input *in, size_t max, char **out,
                            size_t *len, wx_err *err);

/* Bytes consumed from the underlying file so far (compressed bytes for
 * gzip), and the file's size when known (0 otherwise): for progress. */
uint64_t wx_input_consumed(const wx_input *in);
uint64_t wx_input_size(const wx_input *in);

/* Total uncompressed bytes delivered so far. */
uint64_t wx_input_bytes(const wx_input *in);

#endif
