/*
 * IPTC NewsML 1.x reader (the 2000-2008 NewsML, not NewsML-G2): every
 * NewsItem of a NewsML document is one article. Its metadata comes from
 * Identification, NewsManagement and the NewsLines, Administrative- and
 * DescriptiveMetadata of its (nested) NewsComponents; its text from the
 * main text ContentItem: NITF through reader_nitf, XHTML or plain text.
 * An item without text (photos, video, references only) is WX_ENOTEXT.
 */
#include "reader.h"
#include "reader_nitf_int.h"

#include "dateline.h"
#include "wx_limits.h"
#include "xmldoc.h"

#include <stdio.h>
#include <string.h>

static const char *const newsml1_items[] = {"NewsItem", NULL};
static const char *const newsml1_roots[] = {"NewsML", "NewsItem", NULL};

typedef wx_xmldoc_reader newsml1_state;

/* The FormalName of n's child named child ("Status" -> "Usable"). */
static void meta_formal(wx_xmldoc_fill *f, const char *key,
                        const xmlNode *n, const char *child)
{
    wx_xmldoc_fill_meta_attr(f, key, wx_xmldoc_child(n, child),
                             "FormalName");
}

/* A ContentItem's media type is Text (or it names none but holds text
 * formats: NITF, XHTML, plain). */
static bool is_text_item(const xmlNode *ci, wx_buf *tmp)
{
    if (wx_xmldoc_attr(wx_xmldoc_child(ci, "MediaType"), "FormalName", tmp))
        return strcmp(wx_buf_str(tmp), "Text") == 0;
    return wx_xmldoc_child(ci, "DataContent") != NULL;
}

/* Depth-first search for the text ContentItem: one in a component whose
 * Role is Main wins, else the first in document order. */
static void find_text(const xmlNode *comp, wx_buf *tmp, bool main_role,
                      const xmlNode **first, const xmlNode **main_ci)
{
    for (const xmlNode *c = comp->children; c != NULL; c = c->next) {
        if (wx_xmldoc_is(c, "ContentItem") && is_text_item(c, tmp) &&
            wx_xmldoc_child(c, "DataContent") != NULL) {
            if (*first == NULL)
                *first = c;
            if (main_role && *main_ci == NULL)
                *main_ci = c;
        } else if (wx_xmldoc_is(c, "NewsComponent")) {
            bool m = wx_xmldoc_attr(wx_xmldoc_child(c, "Role"), "FormalName",
                                    tmp) && strcmp(wx_buf_str(tmp),
                                                   "Main") == 0;
            find_text(c, tmp, m, first, main_ci);
        }
    }
}

/* The media types an item holds, for the message about one without
 * text: "Photo, Video" (at most out_sz bytes). */
static void media_types(const xmlNode *n, wx_buf *tmp, char *out,
                        size_t out_sz)
{
    for (const xmlNode *c = n->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (wx_xmldoc_is(c, "MediaType") &&
            wx_xmldoc_attr(c, "FormalName", tmp) &&
            strstr(out, wx_buf_str(tmp)) == NULL) {
            size_t used = strlen(out);
            snprintf(out + used, out_sz - used, "%s%s", used ? ", " : "",
                     wx_buf_str(tmp));
        }
        media_types(c, tmp, out, out_sz);
    }
}

/* The body from the text ContentItem ci: NITF, XHTML or plain text. */
static void fill_content(newsml1_state *s, wx_xmldoc_fill *f,
                         const xmlNode *ci)
{
    const xmlNode *dc = wx_xmldoc_child(ci, "DataContent");
    const xmlNode *nitf = wx_xmldoc_find(dc, "nitf");
    if (nitf != NULL) {
        f->st = wx_reader_nitf_fill(s, nitf, f->a);
        return;
    }
    wx_buf_reset(&s->body);
    bool markup = false;
    for (const xmlNode *c = dc->children; c != NULL && !markup; c = c->next)
        markup = c->type == XML_ELEMENT_NODE;
    if (markup)
        f->st = wx_xmldoc_paragraphs(dc, &s->body);
    else
        f->st = wx_xmldoc_plain_paragraphs(dc, &s->body, &s->tmp2);
    if (f->st == WX_OK && s->body.len > 0)
        f->st = wx_article_set(&f->a->body, s->body.data, s->body.len);
}

/* Identification: the id without its revision part, so that each
 * revision replaces the one before (as a G2 guid does). */
static void fill_ident(newsml1_state *s, wx_xmldoc_fill *f,
                       const xmlNode *item)
{
    const xmlNode *ni = wx_xmldoc_path(item, "Identification/NewsIdentifier");
    const xmlNode *rev = wx_xmldoc_child(ni, "RevisionId");
    wx_xmldoc_fill_meta_text(f, "public_identifier",
                             wx_xmldoc_child(ni, "PublicIdentifier"));
    wx_xmldoc_fill_meta_text(f, "revision", rev);
    wx_xmldoc_fill_meta_text(f, "version", rev);
    wx_xmldoc_fill_meta_attr(f, "previous_revision", rev,
                             "PreviousRevision");
    wx_xmldoc_fill_meta_attr(f, "update", rev, "Update");
    wx_xmldoc_fill_meta_text(f, "name_label",
                             wx_xmldoc_path(item, "Identification/"
                                            "NameLabel"));
    const char *parts[] = {"ProviderId", "DateId", "NewsItemId"};
    wx_buf_reset(&s->tmp2);
    wx_buf_puts(&s->tmp2, "urn:newsml:");
    for (size_t i = 0; i < 3 && f->st == WX_OK; i++) {
        wx_buf_reset(f->tmp);
        wx_xmldoc_text(wx_xmldoc_child(ni, parts[i]), f->tmp);
        if (f->tmp->len == 0) {
            wx_buf_reset(&s->tmp2);
            break;
        }
        wx_buf_printf(&s->tmp2, "%s%s", i ? ":" : "", wx_buf_str(f->tmp));
    }
    if (s->tmp2.st != WX_OK && f->st == WX_OK)
        f->st = s->tmp2.st;
    if (f->st == WX_OK && s->tmp2.len > 0)
        f->st = wx_article_set(&f->a->id, s->tmp2.data, s->tmp2.len);
    wx_xmldoc_fill_text(f, &f->a->id, wx_xmldoc_child(ni,
                                                      "PublicIdentifier"));
}

/* A Party's FormalName under meta element m's child who. */
static void fill_party(wx_xmldoc_fill *f, const char *key,
                       const xmlNode *m, const char *who)
{
    const xmlNode *p = wx_xmldoc_child(wx_xmldoc_child(m, who), "Party");
    wx_xmldoc_fill_meta_attr(f, key, p, "FormalName");
}

static void fill_descriptive(wx_xmldoc_fill *f, const xmlNode *dm)
{
    wx_article *a = f->a;
    meta_formal(f, "language", dm, "Language");
    meta_formal(f, "genre", dm, "Genre");
    for (const xmlNode *o = wx_xmldoc_child(dm, "OfInterestTo"); o != NULL;
         o = wx_xmldoc_next_sibling(o, "OfInterestTo"))
        wx_xmldoc_fill_meta_attr(f, "of_interest_to", o, "FormalName");
    for (const xmlNode *sc = wx_xmldoc_child(dm, "SubjectCode"); sc != NULL;
         sc = wx_xmldoc_next_sibling(sc, "SubjectCode"))
        for (const xmlNode *c = sc->children; c != NULL; c = c->next)
            if (wx_xmldoc_is(c, "Subject") ||
                wx_xmldoc_is(c, "SubjectMatter") ||
                wx_xmldoc_is(c, "SubjectDetail"))
                wx_xmldoc_fill_list_attr(f, &a->topics, c, "FormalName");
    /* Location: its Country and City properties are places; the
     * origin's city is the dateline when DateLine gives none. */
    for (const xmlNode *l = wx_xmldoc_child(dm, "Location"); l != NULL;
         l = wx_xmldoc_next_sibling(l, "Location")) {
        bool origin = wx_xmldoc_attr(l, "HowPresent", f->tmp) &&
                      strcmp(wx_buf_str(f->tmp), "Origin") == 0;
        for (const xmlNode *p = wx_xmldoc_child(l, "Property"); p != NULL;
             p = wx_xmldoc_next_sibling(p, "Property")) {
            if (!wx_xmldoc_attr(p, "FormalName", f->tmp))
                continue;
            bool city = strcmp(wx_buf_str(f->tmp), "City") == 0;
            bool country = strcmp(wx_buf_str(f->tmp), "Country") == 0;
            if (city || country)
                wx_xmldoc_fill_list_attr(f, &a->places, p, "Value");
            if (city && origin)
                wx_xmldoc_fill_attr(f, &a->dateline, p, "Value");
        }
    }
}

static wx_status newsml1_fill(newsml1_state *s, const xmlNode *item,
                              wx_article *a)
{
    wx_xmldoc_fill f = {a, &s->tmp, WX_OK};
    const xmlNode *nm = wx_xmldoc_child(item, "NewsManagement");
    const xmlNode *lines = wx_xmldoc_find(item, "NewsLines");
    const xmlNode *am = wx_xmldoc_find(item, "AdministrativeMetadata");
    const xmlNode *dm = wx_xmldoc_find(item, "DescriptiveMetadata");

    fill_ident(s, &f, item);
    meta_formal(&f, "status", nm, "Status");
    meta_formal(&f, "urgency", nm, "Urgency");
    meta_formal(&f, "item_type", nm, "NewsItemType");
    wx_xmldoc_fill_meta_text(&f, "first_created",
                             wx_xmldoc_child(nm, "FirstCreated"));
    wx_xmldoc_fill_meta_text(&f, "version_created",
                             wx_xmldoc_child(nm, "ThisRevisionCreated"));
    /* The story's date is when it was first created. */
    wx_xmldoc_fill_text(&f, &a->date, wx_xmldoc_child(nm, "FirstCreated"));
    wx_xmldoc_fill_text(&f, &a->date,
                        wx_xmldoc_child(nm, "ThisRevisionCreated"));

    wx_xmldoc_fill_text(&f, &a->title, wx_xmldoc_child(lines, "HeadLine"));
    wx_xmldoc_fill_meta_text(&f, "subtitle",
                             wx_xmldoc_child(lines, "SubHeadLine"));
    wx_xmldoc_fill_meta_text(&f, "byline", wx_xmldoc_child(lines, "ByLine"));
    wx_xmldoc_fill_meta_text(&f, "slug", wx_xmldoc_child(lines,
                                                         "SlugLine"));
    wx_xmldoc_fill_meta_text(&f, "credit",
                             wx_xmldoc_child(lines, "CreditLine"));
    wx_xmldoc_fill_meta_text(&f, "copyright",
                             wx_xmldoc_child(lines, "CopyrightLine"));
    for (const xmlNode *k = wx_xmldoc_child(lines, "KeywordLine");
         k != NULL; k = wx_xmldoc_next_sibling(k, "KeywordLine"))
        wx_xmldoc_fill_meta_text(&f, "keyword", k);

    char dl_agency[WX_DATELINE_AGENCY_MAX] = "";
    const xmlNode *dl = wx_xmldoc_child(lines, "DateLine");
    if (dl != NULL && f.st == WX_OK) {
        wx_buf_reset(&s->tmp2);
        wx_xmldoc_text(dl, &s->tmp2);
        if (s->tmp2.st == WX_OK)
            wx_xmldoc_fill_dateline(&f, wx_buf_str(&s->tmp2), s->tmp2.len,
                                    dl_agency, sizeof dl_agency);
    }

    fill_party(&f, "provider", am, "Provider");
    fill_party(&f, "creator", am, "Creator");
    fill_party(&f, "source", am, "Source");
    /* Agency: the credit line, the provider, the agency the dateline
     * names, then the source. */
    wx_xmldoc_fill_text(&f, &a->agency, wx_xmldoc_child(lines,
                                                        "CreditLine"));
    wx_xmldoc_fill_attr(&f, &a->agency, wx_xmldoc_child(
        wx_xmldoc_child(am, "Provider"), "Party"), "FormalName");
    if (a->agency == NULL && dl_agency[0] != '\0' && f.st == WX_OK)
        f.st = wx_article_set(&a->agency, dl_agency, (size_t)-1);
    wx_xmldoc_fill_attr(&f, &a->agency, wx_xmldoc_child(
        wx_xmldoc_child(am, "Source"), "Party"), "FormalName");

    if (dm != NULL)
        fill_descriptive(&f, dm);

    const xmlNode *first = NULL, *main_ci = NULL;
    for (const xmlNode *c = wx_xmldoc_child(item, "NewsComponent");
         c != NULL; c = wx_xmldoc_next_sibling(c, "NewsComponent"))
        find_text(c, &s->tmp, true, &first, &main_ci);
    if (f.st == WX_OK && (main_ci != NULL || first != NULL))
        fill_content(s, &f, main_ci != NULL ? main_ci : first);
    return f.st;
}

static wx_status newsml1_next(void *state, wx_article *a, wx_err *err)
{
    newsml1_state *s = state;
    xmlNode *item;
    long line;
    wx_status st = wx_xmldoc_next(s->x, &item, &line, err);
    if (st != WX_OK)
        return st;
    /* An item of photos, graphics or video, or of references only. */
    const xmlNode *first = NULL, *main_ci = NULL;
    for (const xmlNode *c = wx_xmldoc_child(item, "NewsComponent");
         c != NULL; c = wx_xmldoc_next_sibling(c, "NewsComponent"))
        find_text(c, &s->tmp, true, &first, &main_ci);
    if (first == NULL) {
        char types[128] = "";
        media_types(item, &s->tmp, types, sizeof types);
        return wx_err_set(err, WX_ENOTEXT, "%s:%ld: <NewsItem> of %s holds "
                          "no article text; not stored",
                          wx_xmldoc_name(s->x), line,
                          types[0] ? types : "references only");
    }
    st = newsml1_fill(s, item, a);
    return wx_xmldoc_fill_end(s->x, a, line, st, err);
}

static wx_status newsml1_open(wx_input *in, const wx_reader_opts *opts,
                              void **state, wx_err *err)
{
    (void)opts;
    return wx_xmldoc_reader_open(in, newsml1_items, state, err);
}

/* Sure when the root is NewsML (or a bare NewsItem); names are
 * case-sensitive, so G2's newsItem is not taken. */
static int newsml1_sniff(const char *head, size_t n)
{
    return wx_xmldoc_sniff(head, n, newsml1_roots);
}

const wx_reader_ops wx_reader_newsml1 = {
    .name = "newsml1",
    .sniff = newsml1_sniff,
    .open = newsml1_open,
    .next = newsml1_next,
    .close = wx_xmldoc_reader_close,
};
