/*
 * NITF 3.x reader (News Industry Text Format, IPTC): one <nitf> document
 * per file, or several (concatenated, or inside any wrapper element),
 * parsed safely through xmldoc. Maps docdata, hedline, dateline and
 * body.content to an article; where a field has several sources, the
 * order of preference is stated at the code that reads it.
 */
#include "reader.h"
#include "reader_nitf_int.h"

#include "dateline.h"
#include "wx_limits.h"
#include "xmldoc.h"

#include <stdio.h>
#include <string.h>

static const char *const nitf_items[] = {"nitf", NULL};

/* The shared XML reader state (xmldoc.h): all this reader needs. */
typedef wx_xmldoc_reader nitf_state;

/* Topics from tobject.subject, places from evloc, metadata from the
 * rest of head (docdata, tobject, meta). */
static void fill_head(wx_xmldoc_fill *f, const xmlNode *head)
{
    wx_article *a = f->a;
    const xmlNode *tobj = wx_xmldoc_child(head, "tobject");
    for (const xmlNode *s = wx_xmldoc_child(tobj, "tobject.subject");
         s != NULL; s = wx_xmldoc_next_sibling(s, "tobject.subject")) {
        wx_xmldoc_fill_list_attr(f, &a->topics, s, "tobject.subject.type");
        wx_xmldoc_fill_list_attr(f, &a->topics, s,
                                 "tobject.subject.matter");
    }
    wx_xmldoc_fill_meta_attr(f, "type", tobj, "tobject.type");

    const xmlNode *dd = wx_xmldoc_child(head, "docdata");
    wx_xmldoc_fill_meta_attr(f, "status", dd, "management-status");
    const xmlNode *docid = wx_xmldoc_child(dd, "doc-id");
    wx_xmldoc_fill_meta_attr(f, "regsrc", docid, "regsrc");
    const xmlNode *du = wx_xmldoc_child(dd, "du-key");
    wx_xmldoc_fill_meta_attr(f, "version", du, "version");
    wx_xmldoc_fill_meta_attr(f, "slug", du, "key");
    wx_xmldoc_fill_meta_attr(f, "generation", du, "generation");
    wx_xmldoc_fill_meta_attr(f, "ed_msg", wx_xmldoc_child(dd, "ed-msg"),
                             "info");
    wx_xmldoc_fill_meta_attr(f, "correction",
                             wx_xmldoc_child(dd, "correction"), "info");
    wx_xmldoc_fill_meta_attr(f, "urgency", wx_xmldoc_child(dd, "urgency"),
                             "ed-urg");
    wx_xmldoc_fill_meta_attr(f, "copyright",
                             wx_xmldoc_child(dd, "doc.copyright"), "holder");
    for (const xmlNode *k = wx_xmldoc_path(dd, "key-list/keyword");
         k != NULL; k = wx_xmldoc_next_sibling(k, "keyword"))
        wx_xmldoc_fill_meta_attr(f, "keyword", k, "key");
    for (const xmlNode *e = wx_xmldoc_child(dd, "evloc"); e != NULL;
         e = wx_xmldoc_next_sibling(e, "evloc")) {
        wx_xmldoc_attr(e, "country", f->tmp);
        if (f->tmp->len > 0)
            wx_xmldoc_fill_list_attr(f, &a->places, e, "country");
        else
            wx_xmldoc_fill_list_attr(f, &a->places, e, "iso-cc");
        wx_xmldoc_fill_list_attr(f, &a->places, e, "state-prov");
        wx_xmldoc_fill_list_attr(f, &a->places, e, "city");
    }
    /* <meta name="..." content="..."/>: the source's own extras. */
    for (const xmlNode *m = wx_xmldoc_child(head, "meta"); m != NULL;
         m = wx_xmldoc_next_sibling(m, "meta")) {
        char key[64];
        if (!wx_xmldoc_attr(m, "name", f->tmp) || f->tmp->len >= sizeof key)
            continue;
        memcpy(key, f->tmp->data, f->tmp->len + 1);
        if (wx_article_meta(a, key) == NULL)
            wx_xmldoc_fill_meta_attr(f, key, m, "content");
    }
}

/* True when some text comes before dl's <story.date> (or dl has none). */
static bool place_before_date(const xmlNode *dl, wx_buf *tmp)
{
    wx_buf_reset(tmp);
    for (const xmlNode *c = dl->children; c != NULL; c = c->next) {
        if (wx_xmldoc_is(c, "story.date"))
            return tmp->len > 0;
        wx_xmldoc_text(c, tmp);
    }
    return true;
}

/*
 * The dateline city from the <dateline> element, used only when the
 * lead has none (wx_xmldoc_fill_lead) and only when it looks like a
 * place: <location><city> when the dateline is structured,
 * otherwise the text before the comma ("NAIROBI, Feb 3 (AFP) -"), whose
 * agency is returned in agency. A dateline that is only a story.date
 * names no city.
 */
static void fill_dateline(wx_xmldoc_fill *f, const xmlNode *dl,
                          char *agency, size_t agency_sz)
{
    agency[0] = '\0';
    if (dl == NULL || f->st != WX_OK)
        return;
    const xmlNode *city = wx_xmldoc_find(dl, "city");
    if (city != NULL) {
        wx_xmldoc_fill_place(f, city);
        return;
    }
    bool place = place_before_date(dl, f->tmp);
    wx_buf_reset(f->tmp);
    wx_xmldoc_text(dl, f->tmp);
    if (f->tmp->st != WX_OK)
        return;
    if (place) {
        wx_xmldoc_fill_dateline(f, wx_buf_str(f->tmp), f->tmp->len, agency,
                                agency_sz);
        return;
    }
    wx_dateline d;
    if (wx_dateline_parse_field(wx_buf_str(f->tmp), f->tmp->len, &d))
        snprintf(agency, agency_sz, "%s", d.agency);
}

wx_status wx_reader_nitf_fill(wx_xmldoc_reader *s, const xmlNode *root,
                              wx_article *a)
{
    wx_xmldoc_fill f = {a, &s->tmp, WX_OK};
    const xmlNode *head = wx_xmldoc_child(root, "head");
    const xmlNode *dd = wx_xmldoc_child(head, "docdata");
    const xmlNode *body = wx_xmldoc_child(root, "body");
    const xmlNode *bh = wx_xmldoc_child(body, "body.head");
    const xmlNode *dl = wx_xmldoc_child(bh, "dateline");

    if (!wx_xmldoc_fill_attr(&f, &a->id, wx_xmldoc_child(dd, "doc-id"),
                             "id-string"))
        wx_xmldoc_fill_attr(&f, &a->id, root, "uno");

    /* The headline as printed, then the document title. */
    wx_xmldoc_fill_text(&f, &a->title, wx_xmldoc_path(bh, "hedline/hl1"));
    wx_xmldoc_fill_text(&f, &a->title, wx_xmldoc_child(head, "title"));
    wx_xmldoc_fill_meta_text(&f, "subtitle",
                             wx_xmldoc_path(bh, "hedline/hl2"));
    wx_xmldoc_fill_meta_text(&f, "byline", wx_xmldoc_child(bh, "byline"));
    wx_xmldoc_fill_meta_text(&f, "abstract", wx_xmldoc_child(bh, "abstract"));

    wx_xmldoc_fill_attr(&f, &a->date, wx_xmldoc_child(dd, "date.issue"),
                        "norm");
    wx_xmldoc_fill_attr(&f, &a->date, wx_xmldoc_child(dl, "story.date"),
                        "norm");
    wx_xmldoc_fill_text(&f, &a->date, wx_xmldoc_child(dl, "story.date"));
    wx_xmldoc_fill_attr(&f, &a->date, wx_xmldoc_child(head, "pubdata"),
                        "date.publication");
    wx_xmldoc_fill_attr(&f, &a->date, wx_xmldoc_child(dd, "date.release"),
                        "norm");

    char dl_agency[WX_DATELINE_AGENCY_MAX];
    fill_dateline(&f, dl, dl_agency, sizeof dl_agency);

    /*
     * Agency: who distributes the copy, then the agency the dateline
     * names ("(EFE)"), then the copyright holder, the registering source
     * of the id, and last the publication's name.
     */
    wx_xmldoc_fill_text(&f, &a->agency, wx_xmldoc_child(bh, "distributor"));
    if (a->agency == NULL && dl_agency[0] != '\0' && f.st == WX_OK)
        f.st = wx_article_set(&a->agency, dl_agency, (size_t)-1);
    if (f.st == WX_OK) {
        wx_buf_reset(&s->body);
        const xmlNode *content = wx_xmldoc_child(body, "body.content");
        if (content != NULL)
            f.st = wx_xmldoc_paragraphs(content, &s->body);
        if (f.st == WX_OK && s->body.len > 0)
            f.st = wx_article_set(&a->body, s->body.data, s->body.len);
    }
    /* The lead's dateline and credit, before the fallbacks below. */
    wx_xmldoc_fill_lead(&f);
    wx_xmldoc_fill_attr(&f, &a->agency, wx_xmldoc_child(dd, "doc.copyright"),
                        "holder");
    wx_xmldoc_fill_attr(&f, &a->agency, wx_xmldoc_child(dd, "doc-id"),
                        "regsrc");
    wx_xmldoc_fill_attr(&f, &a->agency, wx_xmldoc_child(head, "pubdata"),
                        "name");

    if (head != NULL)
        fill_head(&f, head);

    return f.st;
}

static wx_status nitf_next(void *state, wx_article *a, wx_err *err)
{
    nitf_state *s = state;
    xmlNode *root;
    long line;
    wx_status st = wx_xmldoc_next(s->x, &root, &line, err);
    if (st != WX_OK)
        return st;
    st = wx_reader_nitf_fill(s, root, a);
    return wx_xmldoc_fill_end(s->x, a, line, st, err);
}

static wx_status nitf_open(wx_input *in, const wx_reader_opts *opts,
                           void **state, wx_err *err)
{
    (void)opts;
    return wx_xmldoc_reader_open(in, nitf_items, state, err);
}

/* Sure when the root element is <nitf> or the doctype names it; less
 * sure when "<nitf" only appears somewhere in the head (a wrapper). */
static int nitf_sniff(const char *head, size_t n)
{
    return wx_xmldoc_sniff(head, n, nitf_items);
}

const wx_reader_ops wx_reader_nitf = {
    .name = "nitf",
    .sniff = nitf_sniff,
    .open = nitf_open,
    .next = nitf_next,
    .close = wx_xmldoc_reader_close,
};
