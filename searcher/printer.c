/*
 * The driver of the printer vtable: the one place that walks a result in
 * order (begin, hits, facets, end) and the table of formats by name.
 */
#include "printer.h"

#include <string.h>

const wx_printer_ops *wx_printer_find(const char *name)
{
    static const wx_printer_ops *const all[] = {
        &wx_printer_text_ops, &wx_printer_json_ops, &wx_printer_jsonl_ops,
        &wx_printer_csv_ops};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return NULL;
}

wx_status wx_printer_render(const wx_printer_ops *ops,
                            const wx_print_opts *opts,
                            const wx_search_result *r, wx_buf *out,
                            wx_err *err)
{
    wx_printer p = {.ops = ops, .out = out};
    if (opts != NULL)
        p.opts = *opts;
    wx_status st = ops->begin(&p, r);
    for (size_t i = 0; i < r->nhits && st == WX_OK; i++)
        st = ops->hit(&p, &r->hits[i]);
    for (size_t i = 0; i < r->nfacets && st == WX_OK; i++)
        st = ops->facet(&p, &r->facets[i]);
    if (st == WX_OK)
        st = ops->end(&p, r);
    if (ops->cleanup != NULL)
        ops->cleanup(&p);
    if (st == WX_OK)
        st = out->st;
    if (st == WX_ETOOBIG)
        return wx_err_set(err, st, "output: result too large to print");
    if (st == WX_ENOMEM)
        return wx_err_set(err, st, "output: out of memory");
    if (st != WX_OK)
        return wx_err_set(err, st, "output: cannot render the result as "
                          "%s", ops->name);
    return WX_OK;
}

wx_status wx_printer_json(const wx_search_result *r, wx_buf *out,
                          wx_err *err)
{
    return wx_printer_render(&wx_printer_json_ops, NULL, r, out, err);
}
