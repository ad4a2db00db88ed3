/*
 * IPTC NewsML-G2 reader: newsItem documents, alone or several in a
 * newsMessage/itemSet, parsed safely through xmldoc; elements matched by
 * local name, so any namespace prefix works. Package, concept, knowledge,
 * catalog and planning items, news items of a class other than text
 * (pictures, video...) and fragments outside any item hold no article:
 * each is reported, naming its class, as WX_ENOTEXT.
 */
#include "reader.h"

#include "dateline.h"
#include "sgml.h"
#include "wx_limits.h"
#include "xmldoc.h"

#include <string.h>

/* Items, then fragments the specification shows on their own (found
 * only outside items: xmldoc never looks inside an item). */
static const char *const newsml_items[] = {
    "newsItem", "packageItem", "conceptItem", "knowledgeItem",
    "planningItem", "catalogItem", "groupSet", "contentSet", "contentMeta",
    NULL
};

static const char *const newsml_roots[] = {
    "newsItem", "newsMessage", "packageItem", "conceptItem",
    "knowledgeItem", "planningItem", "catalogItem", "groupSet",
    "contentMeta", NULL
};

/* Any document in the NewsML-G2 namespace, whatever its root. */
#define G2_NAMESPACE "iptc.org/std/nar/"

/* The shared XML reader state (xmldoc.h): all this reader needs. */
typedef wx_xmldoc_reader newsml_state;

/* An agency from a party element (provider, copyrightHolder): its
 * <name>, its literal, or the code after the scheme ("nprov:AFP"). */
static void fill_party(wx_xmldoc_fill *f, const xmlNode *party)
{
    wx_article *a = f->a;
    if (party == NULL || a->agency != NULL)
        return;
    wx_xmldoc_fill_text(f, &a->agency, wx_xmldoc_child(party, "name"));
    wx_xmldoc_fill_attr(f, &a->agency, party, "literal");
    if (a->agency != NULL || f->st != WX_OK ||
        !wx_xmldoc_attr(party, "qcode", f->tmp))
        return;
    const char *code = f->tmp->data;
    const char *colon = strchr(code, ':');
    if (colon != NULL)
        code = colon + 1;
    f->st = wx_article_set(&a->agency, code, (size_t)-1);
}

/* Subjects with a name: places for geographic ones, topics otherwise. */
static void fill_subjects(wx_xmldoc_fill *f, const xmlNode *cm)
{
    wx_article *a = f->a;
    for (const xmlNode *s = wx_xmldoc_child(cm, "subject"); s != NULL;
         s = wx_xmldoc_next_sibling(s, "subject")) {
        bool geo = false;
        if (wx_xmldoc_attr(s, "type", f->tmp))
            geo = strcmp(f->tmp->data, "cpnat:geoArea") == 0 ||
                  strcmp(f->tmp->data, "cpnat:poi") == 0;
        wx_xmldoc_fill_list_text(f, geo ? &a->places : &a->topics,
                                 wx_xmldoc_child(s, "name"));
    }
}

static void fill_body(newsml_state *s, wx_xmldoc_fill *f,
                      const xmlNode *item)
{
    const xmlNode *set = wx_xmldoc_child(item, "contentSet");
    const xmlNode *html = wx_xmldoc_child(set, "inlineXML");
    wx_buf_reset(&s->body);
    if (html != NULL) {
        f->st = wx_xmldoc_paragraphs(html, &s->body);
    } else {
        const xmlNode *plain = wx_xmldoc_child(set, "inlineData");
        if (plain != NULL)
            f->st = wx_xmldoc_plain_paragraphs(plain, &s->body, &s->tmp2);
    }
    if (f->st == WX_OK && s->body.len > 0)
        f->st = wx_article_set(&f->a->body, s->body.data, s->body.len);
}

static wx_status newsml_fill(newsml_state *s, const xmlNode *item,
                             wx_article *a)
{
    wx_xmldoc_fill f = {a, &s->tmp, WX_OK};
    const xmlNode *im = wx_xmldoc_child(item, "itemMeta");
    const xmlNode *cm = wx_xmldoc_child(item, "contentMeta");

    wx_xmldoc_fill_attr(&f, &a->id, item, "guid");
    wx_xmldoc_fill_meta_attr(&f, "version", item, "version");
    wx_xmldoc_fill_meta_attr(&f, "status", wx_xmldoc_child(im, "pubStatus"),
                             "qcode");
    wx_xmldoc_fill_meta_attr(&f, "item_class",
                             wx_xmldoc_child(im, "itemClass"), "qcode");
    for (const xmlNode *g = wx_xmldoc_child(im, "signal"); g != NULL;
         g = wx_xmldoc_next_sibling(g, "signal"))
        wx_xmldoc_fill_meta_attr(&f, "signal", g, "qcode");
    wx_xmldoc_fill_meta_text(&f, "ed_note", wx_xmldoc_child(im, "edNote"));
    wx_xmldoc_fill_meta_text(&f, "version_created",
                             wx_xmldoc_child(im, "versionCreated"));

    /* When the content was made, then when the item was first sent. */
    wx_xmldoc_fill_text(&f, &a->date, wx_xmldoc_child(cm, "contentCreated"));
    wx_xmldoc_fill_text(&f, &a->date, wx_xmldoc_child(im, "firstCreated"));
    wx_xmldoc_fill_text(&f, &a->date, wx_xmldoc_child(im, "versionCreated"));

    wx_xmldoc_fill_text(&f, &a->title, wx_xmldoc_child(cm, "headline"));
    wx_xmldoc_fill_text(&f, &a->title, wx_xmldoc_child(im, "title"));
    wx_xmldoc_fill_meta_text(&f, "slug", wx_xmldoc_child(cm, "slugline"));
    wx_xmldoc_fill_meta_text(&f, "byline", wx_xmldoc_child(cm, "by"));
    wx_xmldoc_fill_meta_text(&f, "urgency", wx_xmldoc_child(cm, "urgency"));
    for (const xmlNode *k = wx_xmldoc_child(cm, "keyword"); k != NULL;
         k = wx_xmldoc_next_sibling(k, "keyword"))
        wx_xmldoc_fill_meta_text(&f, "keyword", k);

    /* Dateline city: the lead's (below), else the located place's name
     * when it looks like a place, else the dateline text. */
    wx_xmldoc_fill_place(&f, wx_xmldoc_path(cm, "located/name"));
    char dl_agency[WX_DATELINE_AGENCY_MAX] = "";
    const xmlNode *dl = wx_xmldoc_child(cm, "dateline");
    if (dl != NULL && f.st == WX_OK) {
        wx_buf_reset(&s->tmp);
        wx_xmldoc_text(dl, &s->tmp);
        if (s->tmp.st == WX_OK)
            wx_xmldoc_fill_dateline(&f, wx_buf_str(&s->tmp), s->tmp.len,
                                    dl_agency, sizeof dl_agency);
    }

    /* Agency: the credit line, the provider, the agency the dateline
     * names, and last the copyright holder. */
    wx_xmldoc_fill_text(&f, &a->agency, wx_xmldoc_child(cm, "creditline"));
    fill_party(&f, wx_xmldoc_child(im, "provider"));
    if (a->agency == NULL && dl_agency[0] != '\0' && f.st == WX_OK)
        f.st = wx_article_set(&a->agency, dl_agency, (size_t)-1);
    fill_subjects(&f, cm);
    if (f.st == WX_OK)
        fill_body(s, &f, item);
    /* The lead's dateline and credit, before the copyright holder. */
    wx_xmldoc_fill_lead(&f);
    fill_party(&f, wx_xmldoc_path(item, "rightsInfo/copyrightHolder"));
    return f.st;
}

static wx_status newsml_next(void *state, wx_article *a, wx_err *err)
{
    newsml_state *s = state;
    xmlNode *item;
    long line;
    wx_status st = wx_xmldoc_next(s->x, &item, &line, err);
    if (st != WX_OK)
        return st;
    const char *name = wx_xmldoc_name(s->x);
    /* The item's class: text is read; "ninat:picture", a package's
     * "ninat:composite", a concept's "cinat:concept"... are not. */
    const xmlNode *cls = wx_xmldoc_path(item, "itemMeta/itemClass");
    bool has_cls = wx_xmldoc_attr(cls, "qcode", &s->tmp);
    const char *qc = has_cls ? wx_buf_str(&s->tmp) : "";
    const char *colon = strchr(qc, ':');
    bool text = !has_cls || strcmp(colon != NULL ? colon + 1 : qc,
                                   "text") == 0;
    if (!wx_xmldoc_is(item, "newsItem") || !text) {
        if (!wx_xmldoc_is(item, "newsItem") &&
            !wx_xmldoc_is(item, "packageItem") && !has_cls &&
            strstr((const char *)item->name, "Item") == NULL)
            return wx_err_set(err, WX_ENOTEXT, "%s:%ld: NewsML-G2 fragment "
                              "<%s> outside any item: no article; not "
                              "stored", name, line,
                              (const char *)item->name);
        return wx_err_set(err, WX_ENOTEXT, "%s:%ld: <%s> of class %.40s "
                          "holds no article text; not stored", name, line,
                          (const char *)item->name,
                          has_cls ? qc : "(none)");
    }
    st = newsml_fill(s, item, a);
    return wx_xmldoc_fill_end(s->x, a, line, st, err);
}

static wx_status newsml_open(wx_input *in, const wx_reader_opts *opts,
                             void **state, wx_err *err)
{
    (void)opts;
    return wx_xmldoc_reader_open(in, newsml_items, state, err);
}

/* Sure when the root is newsItem or newsMessage. */
static int newsml_sniff(const char *head, size_t n)
{
    int s = wx_xmldoc_sniff(head, n, newsml_roots);
    if (s == 0 && wx_sgml_find(head, n, G2_NAMESPACE,
                               strlen(G2_NAMESPACE)) != NULL)
        s = 50;
    return s;
}

const wx_reader_ops wx_reader_newsml = {
    .name = "newsml",
    .sniff = newsml_sniff,
    .open = newsml_open,
    .next = newsml_next,
    .close = wx_xmldoc_reader_close,
};
