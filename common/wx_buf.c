/*
 * Bounded growable buffer. Growth doubles; the maximum is checked before
 * any allocation so hostile input never makes us allocate past it.
 */
#include "wx_buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wx_buf_init(wx_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
    b->st = WX_OK;
}

void wx_buf_free(wx_buf *b)
{
    if (b == NULL)
        return;
    free(b->data);
    wx_buf_init(b, b->max);
}

void wx_buf_reset(wx_buf *b)
{
    b->len = 0;
    b->st = WX_OK;
    if (b->data != NULL)
        b->data[0] = '\0';
}

static wx_status reserve(wx_buf *b, size_t extra)
{
    if (b->st != WX_OK)
        return b->st;
    if (extra > b->max || b->len > b->max - extra)
        return b->st = WX_ETOOBIG;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return WX_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (p == NULL)
        return b->st = WX_ENOMEM;
    b->data = p;
    b->cap = cap;
    return WX_OK;
}

wx_status wx_buf_append(wx_buf *b, const void *p, size_t n)
{
    wx_status st = reserve(b, n);
    if (st != WX_OK)
        return st;
    if (n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return WX_OK;
}

wx_status wx_buf_puts(wx_buf *b, const char *s)
{
    return wx_buf_append(b, s, strlen(s));
}

wx_status wx_buf_putc(wx_buf *b, char c)
{
    return wx_buf_append(b, &c, 1);
}

wx_status wx_buf_printf(wx_buf *b, const char *fmt, ...)
{
    if (b->st != WX_OK)
        return b->st;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return b->st = WX_EINVAL;
    wx_status st = reserve(b, (size_t)n);
    if (st != WX_OK)
        return st;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return WX_OK;
}

const char *wx_buf_str(const wx_buf *b)
{
    return b->data != NULL ? b->data : "";
}

char *wx_buf_steal(wx_buf *b)
{
    if (b->st != WX_OK)
        return NULL;
    char *p = b->data;
    if (p == NULL) {
        p = malloc(1);
        if (p == NULL)
            return NULL;
        p[0] = '\0';
    }
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
