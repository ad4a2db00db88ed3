/*
 * The only C++ in wiredex: thin calls into Xapian behind the C API of
 * wx_xapian.h. Every exported function catches Xapian::Error,
 * std::exception and anything else, and classifies it through one helper
 * (fail()) into a wx_status and a message. No schema or policy here.
 */
#include "wx_xapian.h"
extern "C" {
#include "wx_phrase.h"
}

#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

struct wx_db {
    Xapian::Database *db;            /* the reader view (always set) */
    Xapian::WritableDatabase *wdb;   /* set when writable; db aliases it */
    std::string path;                /* as opened (read-only handles) */
    Xapian::Database *second = nullptr;   /* see second_reader() */
    bool batched = false;            /* WX_DB_BATCHED: in a transaction */
};

struct wx_doc {
    Xapian::Document doc;
    std::string data;   /* last get_data() result, see wx_doc_get_data */
};

struct wx_termgen {
    Xapian::TermGenerator tg;
    Xapian::Stem stem;
};

struct wx_qparser {
    Xapian::QueryParser qp;
    Xapian::SimpleStopper stopper;  /* must outlive qp's use of it */
    Xapian::Stem stem;
    std::string corrected;
};

struct wx_query {
    Xapian::Query q;
};

namespace {

/*
 * Counts the values in one slot over every document the matcher sees.
 * With a separator it splits multi-valued slots, so a document with two
 * topics counts once for each (Xapian's ValueCountMatchSpy cannot).
 */
/* A facet counter: a match spy that can list its counts. */
class FacetCounter : public Xapian::MatchSpy {
  public:
    virtual void each(wx_count_fn fn, void *ctx) const = 0;
    /* Add the counts of other, a counter of the same kind and facet (of
     * the other half of a split search). */
    virtual void absorb(const FacetCounter &other) = 0;
};

class MultiValueCountSpy : public FacetCounter {
  public:
    MultiValueCountSpy(Xapian::valueno slot, char sep)
        : slot_(slot), sep_(sep) {}
    void operator()(const Xapian::Document &doc, double) override
    {
        const std::string v = doc.get_value(slot_);
        if (v.empty())
            return;
        if (sep_ == '\0') {
            ++counts[v];
            return;
        }
        /* key_ is reused so that counting an already seen value, the
         * common case, allocates nothing. */
        size_t start = 0;
        for (;;) {
            size_t end = v.find(sep_, start);
            size_t len = (end == std::string::npos ? v.size() : end) - start;
            if (len > 0) {
                key_.assign(v, start, len);
                ++counts[key_];
            }
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
    }
    std::string name() const override { return "wiredex.MultiValueCount"; }
    void each(wx_count_fn fn, void *ctx) const override
    {
        for (const auto &kv : counts)
            if (!fn(ctx, kv.first.data(), kv.first.size(), kv.second))
                break;
    }
    void absorb(const FacetCounter &other) override
    {
        for (const auto &kv :
             dynamic_cast<const MultiValueCountSpy &>(other).counts)
            counts[kv.first] += kv.second;
    }
    std::unordered_map<std::string, Xapian::doccount> counts;

  private:
    Xapian::valueno slot_;
    char sep_;
    std::string key_;
};

/* One slot of a facet cache: the value ordinals of document d are
 * ords[start[d]] .. ords[start[d + 1] - 1]; names[o] is ordinal o. */
struct SlotTable {
    Xapian::valueno slot;
    std::vector<uint32_t> start;
    std::vector<uint32_t> ords;
    std::vector<std::string> names;
};

/* Counts from a facet cache: array increments, no document reads. */
class OrdinalCountSpy : public FacetCounter {
  public:
    explicit OrdinalCountSpy(const SlotTable *t)
        : t_(t), counts_(t->names.size(), 0) {}
    void operator()(const Xapian::Document &doc, double) override
    {
        count(doc.get_docid());
    }
    void count(Xapian::docid d)
    {
        if (d + 1 >= t_->start.size())
            return;
        for (uint32_t k = t_->start[d]; k < t_->start[d + 1]; k++)
            ++counts_[t_->ords[k]];
    }
    std::string name() const override { return "wiredex.OrdinalCount"; }
    void each(wx_count_fn fn, void *ctx) const override
    {
        for (size_t o = 0; o < counts_.size(); o++)
            if (counts_[o] != 0 &&
                !fn(ctx, t_->names[o].data(), t_->names[o].size(),
                    counts_[o]))
                break;
    }
    void absorb(const FacetCounter &other) override
    {
        const auto &o = dynamic_cast<const OrdinalCountSpy &>(other);
        for (size_t k = 0; k < counts_.size() && k < o.counts_.size(); k++)
            counts_[k] += o.counts_[k];
    }

  private:
    const SlotTable *t_;
    std::vector<Xapian::doccount> counts_;
};

/* All the cached facets of a request behind one spy: the matcher makes
 * one call per match instead of one per facet. */
class OrdinalGroupSpy : public FacetCounter {
  public:
    void operator()(const Xapian::Document &doc, double) override
    {
        count(doc.get_docid());
    }
    void count(Xapian::docid d)
    {
        for (OrdinalCountSpy *p : parts)
            p->count(d);
    }
    std::string name() const override { return "wiredex.OrdinalGroup"; }
    void each(wx_count_fn, void *) const override {}
    void absorb(const FacetCounter &) override {}   /* parts absorb */
    std::vector<OrdinalCountSpy *> parts;   /* not owned */
};

}  // namespace

struct wx_facet_cache {
    Xapian::rev rev;
    Xapian::docid lastdocid;
    std::vector<SlotTable> tables;
};

/* One search over the whole index, or over one docid range of it. */
struct Pass {
    Xapian::MSet mset;      /* ranked: hits offset+limit at most */
    Xapian::MSet counted;   /* the facet-counting pass, when there was one */
    bool has_counted = false;
    uint64_t exact = 0;     /* or its exact total, when it ran without */
    bool has_exact = false; /*   the matcher (see intersect()) */
    std::vector<FacetCounter *> spies;      /* one per facet, in order */
    OrdinalGroupSpy group;                  /* the cached ones, together */
    ~Pass()
    {
        for (auto *s : spies)
            delete s;
    }
};

/* A search's result: one pass, or two over the two halves of the docid
 * range (rankings without facets on a large index). */
struct wx_mset {
    Pass pass[2];
    unsigned npass = 1;
    /* The page: hit i is pass[page[i].first].mset[page[i].second]. */
    std::vector<std::pair<unsigned, Xapian::doccount>> page;
    Xapian::MSetIterator hit(size_t i) const
    {
        const auto &p = page[i];
        return pass[p.first].mset[p.second];
    }
};

namespace {

/* Rethrow the exception in flight and classify it. Called only from a
 * catch (...) block. */
wx_status fail(wx_err *err, const char *what)
{
    std::exception_ptr ep = std::current_exception();
    /* A full disk surfaces as whatever Xapian was writing ("Error
     * writing block 1558"); the errno it keeps says what to do. */
    try {
        std::rethrow_exception(ep);
    } catch (const Xapian::Error &e) {
        const char *why = e.get_error_string();
        const char *full = strerror(ENOSPC);
        if ((why != nullptr && strcmp(why, full) == 0) ||
            e.get_msg().find(full) != std::string::npos)
            return wx_err_set(err, WX_EIO, "%s: No space left on device "
                              "(%s): what was committed is intact; free "
                              "space and run the same command again", what,
                              e.get_msg().c_str());
    } catch (...) {
    }
    try {
        std::rethrow_exception(ep);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return wx_err_set(err, WX_EMODIFIED, "%s: %s", what,
                          e.get_msg().c_str());
    } catch (const Xapian::DatabaseLockError &e) {
        return wx_err_set(err, WX_ELOCKED, "%s: database is locked (%s)",
                          what, e.get_msg().c_str());
    } catch (const Xapian::DatabaseOpeningError &e) {
        return wx_err_set(err, WX_EDB, "%s: cannot open database (%s)",
                          what, e.get_msg().c_str());
    } catch (const Xapian::DocNotFoundError &e) {
        return wx_err_set(err, WX_ENOTFOUND, "%s: %s", what,
                          e.get_msg().c_str());
    } catch (const Xapian::QueryParserError &e) {
        return wx_err_set(err, WX_EQUERY, "%s", e.get_msg().c_str());
    } catch (const Xapian::InvalidArgumentError &e) {
        return wx_err_set(err, WX_EINVAL, "%s: %s", what,
                          e.get_msg().c_str());
    } catch (const Xapian::DatabaseError &e) {
        return wx_err_set(err, WX_EDB, "%s: %s: %s", what,
                          e.get_type(), e.get_msg().c_str());
    } catch (const Xapian::Error &e) {
        return wx_err_set(err, WX_EINTERNAL, "%s: %s: %s", what,
                          e.get_type(), e.get_msg().c_str());
    } catch (const std::bad_alloc &) {
        return wx_err_set(err, WX_ENOMEM, "%s: out of memory", what);
    } catch (const std::exception &e) {
        return wx_err_set(err, WX_EINTERNAL, "%s: %s", what, e.what());
    } catch (...) {
        return wx_err_set(err, WX_EINTERNAL, "%s: unknown exception", what);
    }
}

char *dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p != nullptr) {
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
    }
    return p;
}

Xapian::Stem make_stem(const char *lang)
{
    if (lang == nullptr || *lang == '\0' || std::strcmp(lang, "none") == 0)
        return Xapian::Stem();
    return Xapian::Stem(lang);
}

}  // namespace

#define WX_CATCH(what)                                                      \
    catch (...) { return fail(err, what); }

extern "C" {

/* ---- databases ---- */

wx_status wx_db_open(const char *path, wx_db **out, wx_err *err)
{
    *out = nullptr;
    try {
        wx_db *d = new wx_db;
        d->wdb = nullptr;
        d->path = path;
        try {
            d->db = new Xapian::Database(path);
        } catch (...) {
            delete d;
            throw;
        }
        *out = d;
        return WX_OK;
    }
    WX_CATCH(path)
}

wx_status wx_db_open_writable(const char *path, unsigned flags, wx_db **out,
                              wx_err *err)
{
    *out = nullptr;
    try {
        /* Xapian reopens a database that has no termlist table only when
         * told DB_NO_TERMLIST, which leaves one that has it untouched:
         * so every open says it, and a creation says it only when asked
         * for an append-only database. */
        int xf = (flags & WX_DB_BULK) ? Xapian::DB_NO_SYNC : 0;
        wx_db *d = new wx_db();
        try {
            try {
                d->wdb = new Xapian::WritableDatabase(
                    path, xf | Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
            } catch (const Xapian::DatabaseNotFoundError &) {
                if (!(flags & WX_DB_CREATE))
                    throw;
                if (flags & WX_DB_APPEND_ONLY)
                    xf |= Xapian::DB_NO_TERMLIST;
                d->wdb = new Xapian::WritableDatabase(
                    path, xf | Xapian::DB_CREATE_OR_OPEN);
            }
            if (flags & WX_DB_BATCHED) {
                d->wdb->begin_transaction(true);
                d->batched = true;
            }
        } catch (...) {
            delete d->wdb;
            delete d;
            throw;
        }
        d->db = d->wdb;
        *out = d;
        return WX_OK;
    }
    WX_CATCH(path)
}

wx_status wx_db_can_replace(wx_db *db, bool *out, wx_err *err)
{
    *out = true;
    try {
        /* No API names the tables; asking for a document's terms is what
         * fails without a termlist table. */
        Xapian::PostingIterator p = db->db->postlist_begin("");
        if (p != db->db->postlist_end(""))
            (void)db->db->termlist_begin(*p);
        return WX_OK;
    } catch (const Xapian::FeatureUnavailableError &) {
        *out = false;
        return WX_OK;
    }
    WX_CATCH("termlist")
}

wx_status wx_db_reopen(wx_db *db, wx_err *err)
{
    try {
        db->db->reopen();
        return WX_OK;
    }
    WX_CATCH("reopen")
}

void wx_db_close(wx_db *db)
{
    if (db == nullptr)
        return;
    try {
        if (db->wdb != nullptr)
            db->wdb->close();
    } catch (...) {
        /* Closing after a failure: nothing more can be done. */
    }
    delete db->second;
    delete db->db;
    delete db;
}

wx_status wx_db_doccount(wx_db *db, uint64_t *out, wx_err *err)
{
    try {
        *out = db->db->get_doccount();
        return WX_OK;
    }
    WX_CATCH("doccount")
}

wx_status wx_db_lastdocid(wx_db *db, wx_docid *out, wx_err *err)
{
    try {
        *out = db->db->get_lastdocid();
        return WX_OK;
    }
    WX_CATCH("lastdocid")
}

wx_status wx_db_commit(wx_db *db, wx_err *err)
{
    try {
        if (db->wdb == nullptr)
            return wx_err_set(err, WX_EINVAL, "commit: database is read-only");
        if (!db->batched) {
            db->wdb->commit();
            return WX_OK;
        }
        db->batched = false;    /* a failed commit ends the transaction */
        db->wdb->commit_transaction();
        db->wdb->begin_transaction(true);
        db->batched = true;
        return WX_OK;
    }
    WX_CATCH("commit")
}

wx_status wx_db_get_metadata(wx_db *db, const char *key, char **out,
                             size_t *outlen, wx_err *err)
{
    *out = nullptr;
    try {
        std::string v = db->db->get_metadata(key);
        if (outlen != nullptr)
            *outlen = v.size();
        if (v.empty())
            return WX_OK;
        *out = dup_string(v);
        return *out ? WX_OK : wx_err_set(err, WX_ENOMEM, "metadata");
    }
    WX_CATCH(key)
}

wx_status wx_db_set_metadata(wx_db *db, const char *key, const void *val,
                             size_t len, wx_err *err)
{
    try {
        if (db->wdb == nullptr)
            return wx_err_set(err, WX_EINVAL, "metadata: read-only");
        db->wdb->set_metadata(key,
                              std::string(static_cast<const char *>(val), len));
        return WX_OK;
    }
    WX_CATCH(key)
}

wx_status wx_db_termfreq(wx_db *db, const char *term, uint64_t *out,
                         wx_err *err)
{
    try {
        *out = db->db->get_termfreq(term);
        return WX_OK;
    }
    WX_CATCH("termfreq")
}

wx_status wx_db_find_term(wx_db *db, const char *term, wx_docid *out,
                          wx_err *err)
{
    try {
        Xapian::PostingIterator p = db->db->postlist_begin(term);
        if (p == db->db->postlist_end(term))
            return wx_err_set(err, WX_ENOTFOUND, "no document with %s", term);
        *out = *p;
        return WX_OK;
    }
    WX_CATCH("find")
}

wx_status wx_db_replace(wx_db *db, const char *uterm, wx_doc *doc,
                        wx_docid *docid, wx_err *err)
{
    try {
        if (db->wdb == nullptr)
            return wx_err_set(err, WX_EINVAL, "replace: read-only");
        Xapian::docid id = db->wdb->replace_document(uterm, doc->doc);
        if (docid != nullptr)
            *docid = id;
        return WX_OK;
    }
    WX_CATCH("replace")
}

wx_status wx_db_add(wx_db *db, wx_doc *doc, wx_docid *docid, wx_err *err)
{
    try {
        if (db->wdb == nullptr)
            return wx_err_set(err, WX_EINVAL, "add: read-only");
        Xapian::docid id = db->wdb->add_document(doc->doc);
        if (docid != nullptr)
            *docid = id;
        return WX_OK;
    }
    WX_CATCH("add")
}

wx_status wx_db_delete_term(wx_db *db, const char *term, bool *deleted,
                            wx_err *err)
{
    try {
        if (db->wdb == nullptr)
            return wx_err_set(err, WX_EINVAL, "delete: read-only");
        bool had = db->wdb->term_exists(term);
        if (had)
            db->wdb->delete_document(term);
        if (deleted != nullptr)
            *deleted = had;
        return WX_OK;
    }
    WX_CATCH("delete")
}

wx_status wx_db_get_doc(wx_db *db, wx_docid id, wx_doc **out, wx_err *err)
{
    *out = nullptr;
    try {
        wx_doc *d = new wx_doc;
        try {
            d->doc = db->db->get_document(id);
        } catch (...) {
            delete d;
            throw;
        }
        *out = d;
        return WX_OK;
    }
    WX_CATCH("document")
}

wx_status wx_db_each_value(wx_db *db, unsigned slot, wx_value_fn fn,
                           void *ctx, wx_err *err)
{
    try {
        for (Xapian::ValueIterator v = db->db->valuestream_begin(slot);
             v != db->db->valuestream_end(slot); ++v) {
            std::string s = *v;
            if (!fn(ctx, v.get_docid(), s.data(), s.size()))
                break;
        }
        return WX_OK;
    }
    WX_CATCH("values")
}

wx_status wx_db_each_doc(wx_db *db, wx_doc_fn fn, void *ctx, wx_err *err)
{
    try {
        /* The empty term's posting list is every document. */
        for (Xapian::PostingIterator p = db->db->postlist_begin("");
             p != db->db->postlist_end(""); ++p) {
            std::string data = db->db->get_document(*p).get_data();
            if (!fn(ctx, *p, data.data(), data.size()))
                break;
        }
        return WX_OK;
    }
    WX_CATCH("documents")
}

wx_status wx_db_each_term(wx_db *db, const char *prefix, wx_term_fn fn,
                          void *ctx, wx_err *err)
{
    try {
        for (Xapian::TermIterator t = db->db->allterms_begin(prefix);
             t != db->db->allterms_end(prefix); ++t) {
            std::string s = *t;
            if (!fn(ctx, s.data(), s.size(), t.get_termfreq()))
                break;
        }
        return WX_OK;
    }
    WX_CATCH("terms")
}

wx_status wx_db_compact(const char *const *paths, size_t n, const char *dst,
                        wx_err *err)
{
    try {
        Xapian::Database all;
        for (size_t i = 0; i < n; i++)
            all.add_database(Xapian::Database(paths[i]));
        all.compact(dst, Xapian::DBCOMPACT_MULTIPASS);
        return WX_OK;
    }
    WX_CATCH(dst)
}

namespace {
/* A word worth suggesting: lower-case letters (or any non-ASCII UTF-8,
 * for accented words), no digits or punctuation. Prefixed terms start
 * with an upper-case letter and are left out by this too. */
static bool spelling_word(const std::string &t, unsigned min_len)
{
    if (t.size() < min_len || t.size() > 32)
        return false;
    for (unsigned char c : t)
        if (!((c >= 'a' && c <= 'z') || c >= 0x80))
            return false;
    return true;
}
}  // namespace

wx_status wx_db_sync_spelling(wx_db *db, unsigned min_len, uint64_t *changed,
                              wx_err *err)
{
    try {
        if (db->wdb == nullptr)
            return wx_err_set(err, WX_EINVAL, "spelling: read-only");
        Xapian::WritableDatabase &w = *db->wdb;
        /* Both lists come sorted: merge them, collect the differences,
         * then apply (the table is not changed under its iterator). */
        std::vector<std::pair<std::string, long long>> delta;
        Xapian::TermIterator t = w.allterms_begin(), te = w.allterms_end();
        Xapian::TermIterator s = w.spellings_begin(),
                             se = w.spellings_end();
        while (t != te || s != se) {
            if (t != te && !spelling_word(*t, min_len)) {
                ++t;
                continue;
            }
            int c = t == te ? 1 : s == se ? -1 : (*t).compare(*s);
            if (c < 0) {
                delta.emplace_back(*t, (long long)t.get_termfreq());
                ++t;
            } else if (c > 0) {
                delta.emplace_back(*s, -(long long)s.get_termfreq());
                ++s;
            } else {
                long long d = (long long)t.get_termfreq() -
                              (long long)s.get_termfreq();
                if (d != 0)
                    delta.emplace_back(*t, d);
                ++t;
                ++s;
            }
        }
        for (const auto &d : delta) {
            if (d.second > 0)
                w.add_spelling(d.first, (Xapian::termcount)d.second);
            else
                w.remove_spelling(d.first, (Xapian::termcount)-d.second);
        }
        if (changed != nullptr)
            *changed = delta.size();
        return WX_OK;
    }
    WX_CATCH("spelling")
}

wx_status wx_db_check(const char *path, wx_err *err)
{
    try {
        size_t errors = Xapian::Database::check(path, 0, nullptr);
        if (errors != 0)
            return wx_err_set(err, WX_EDB, "%s: %zu consistency errors",
                              path, errors);
        return WX_OK;
    }
    WX_CATCH(path)
}

/* ---- documents ---- */

wx_status wx_doc_new(wx_doc **out, wx_err *err)
{
    *out = nullptr;
    try {
        *out = new wx_doc;
        return WX_OK;
    }
    WX_CATCH("document")
}

void wx_doc_free(wx_doc *doc)
{
    delete doc;
}

wx_status wx_doc_set_data(wx_doc *doc, const void *p, size_t n, wx_err *err)
{
    try {
        doc->doc.set_data(std::string(static_cast<const char *>(p), n));
        return WX_OK;
    }
    WX_CATCH("document data")
}

wx_status wx_doc_get_data(wx_doc *doc, const char **out, size_t *len,
                          wx_err *err)
{
    try {
        /* get_data() returns by value: keep the copy in the handle so the
         * pointer handed to C lives as long as the document. */
        doc->data = doc->doc.get_data();
        *out = doc->data.data();
        *len = doc->data.size();
        return WX_OK;
    }
    WX_CATCH("document data")
}

wx_status wx_doc_add_boolean_term(wx_doc *doc, const char *term, wx_err *err)
{
    try {
        doc->doc.add_boolean_term(term);
        return WX_OK;
    }
    WX_CATCH("term")
}

wx_status wx_doc_set_value(wx_doc *doc, unsigned slot, const void *p,
                           size_t n, wx_err *err)
{
    try {
        doc->doc.add_value(slot,
                           std::string(static_cast<const char *>(p), n));
        return WX_OK;
    }
    WX_CATCH("value")
}

wx_status wx_doc_get_value(wx_doc *doc, unsigned slot, char **out,
                           size_t *len, wx_err *err)
{
    *out = nullptr;
    try {
        std::string v = doc->doc.get_value(slot);
        if (len != nullptr)
            *len = v.size();
        *out = dup_string(v);
        return *out ? WX_OK : wx_err_set(err, WX_ENOMEM, "value");
    }
    WX_CATCH("value")
}

wx_status wx_doc_count_terms(wx_doc *doc, const char *prefix, size_t *out,
                             wx_err *err)
{
    try {
        size_t n = 0;
        Xapian::TermIterator t = doc->doc.termlist_begin();
        t.skip_to(prefix);
        size_t plen = std::strlen(prefix);
        for (; t != doc->doc.termlist_end(); ++t) {
            std::string s = *t;
            if (s.compare(0, plen, prefix) != 0)
                break;
            n++;
        }
        *out = n;
        return WX_OK;
    }
    WX_CATCH("terms")
}

wx_status wx_doc_pack_positions(wx_doc *doc, unsigned slot, wx_err *err)
{
    try {
        Xapian::Document &d = doc->doc;
        std::vector<std::pair<Xapian::termpos, uint32_t>> at;
        std::vector<std::pair<std::string, Xapian::termcount>> terms;
        for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
            const std::string term = *t;
            terms.emplace_back(term, t.get_wdf());
            if (t.positionlist_count() == 0)
                continue;
            uint32_t h = wx_phrase_hash(term.data(), term.size());
            for (auto p = t.positionlist_begin(); p != t.positionlist_end();
                 ++p)
                at.emplace_back(*p, h);
        }
        if (at.empty())
            return WX_OK;
        std::sort(at.begin(), at.end());
        std::vector<uint32_t> pos(at.size()), hash(at.size());
        for (size_t i = 0; i < at.size(); i++) {
            pos[i] = at[i].first;
            hash[i] = at[i].second;
        }
        std::string packed(8 * at.size(), '\0');
        size_t n = wx_phrase_encode(
            pos.data(), hash.data(), at.size(),
            reinterpret_cast<unsigned char *>(&packed[0]));
        packed.resize(n);
        d.add_value(slot, packed);
        /* Terms come back in the same (sorted) order with their wdfs;
         * boolean terms keep wdf 0. */
        d.clear_terms();
        for (const auto &tw : terms)
            d.add_term(tw.first, tw.second);
        return WX_OK;
    }
    WX_CATCH("positions")
}

/* ---- indexing text ---- */

wx_status wx_termgen_new(const char *lang, unsigned flags, wx_db *db,
                         wx_termgen **out, wx_err *err)
{
    *out = nullptr;
    try {
        wx_termgen *t = new wx_termgen;
        try {
            t->stem = (flags & WX_TG_STEM_NONE) ? Xapian::Stem()
                                                : make_stem(lang);
            t->tg.set_stemmer(t->stem);
            t->tg.set_stemming_strategy(
                (flags & WX_TG_STEM_ALL) ? Xapian::TermGenerator::STEM_ALL
                                         : Xapian::TermGenerator::STEM_SOME);
            if ((flags & WX_TG_SPELLING) && db != nullptr &&
                db->wdb != nullptr) {
                t->tg.set_database(*db->wdb);
                t->tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
            }
        } catch (...) {
            delete t;
            throw;
        }
        *out = t;
        return WX_OK;
    }
    WX_CATCH(lang ? lang : "termgen")
}

void wx_termgen_free(wx_termgen *tg)
{
    delete tg;
}

void wx_termgen_set_doc(wx_termgen *tg, wx_doc *doc)
{
    tg->tg.set_document(doc->doc);
}

wx_status wx_termgen_index(wx_termgen *tg, const char *text, size_t len,
                           unsigned wdf, const char *prefix, wx_err *err)
{
    try {
        tg->tg.index_text(Xapian::Utf8Iterator(text, len), wdf, prefix);
        return WX_OK;
    }
    WX_CATCH("index text")
}

void wx_termgen_gap(wx_termgen *tg)
{
    tg->tg.increase_termpos(100);
}

/* ---- queries ---- */

wx_status wx_qparser_new(const char *lang, wx_db *db, wx_qparser **out,
                         wx_err *err)
{
    *out = nullptr;
    try {
        wx_qparser *p = new wx_qparser;
        try {
            p->stem = make_stem(lang);
            p->qp.set_stemmer(p->stem);
            p->qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
            if (db != nullptr)
                p->qp.set_database(*db->db);
        } catch (...) {
            delete p;
            throw;
        }
        *out = p;
        return WX_OK;
    }
    WX_CATCH(lang ? lang : "query parser")
}

void wx_qparser_free(wx_qparser *qp)
{
    delete qp;
}

wx_status wx_qparser_add_prefix(wx_qparser *qp, const char *field,
                                const char *prefix, wx_err *err)
{
    try {
        qp->qp.add_prefix(field, prefix);
        return WX_OK;
    }
    WX_CATCH(field)
}

wx_status wx_qparser_add_boolean_prefix(wx_qparser *qp, const char *field,
                                        const char *prefix, bool exclusive,
                                        wx_err *err)
{
    try {
        /* Grouping by the field name ORs its values; an empty grouping
         * gives each filter a group of its own, so they are ANDed. */
        std::string none;
        qp->qp.add_boolean_prefix(field, prefix, exclusive ? nullptr : &none);
        return WX_OK;
    }
    WX_CATCH(field)
}

wx_status wx_qparser_add_date_range(wx_qparser *qp, const char *field,
                                    unsigned slot, wx_err *err)
{
    try {
        std::string pfx = std::string(field) + ":";
        /* YYYY-MM-DD is unambiguous; the processor turns it into the
         * YYYYMMDD the slot holds. The parser owns it once released. */
        Xapian::RangeProcessor *rp =
            new Xapian::DateRangeProcessor(slot, pfx, 0, 1970);
        qp->qp.add_rangeprocessor(rp->release());
        return WX_OK;
    }
    WX_CATCH(field)
}

void wx_qparser_set_default_op(wx_qparser *qp, int op)
{
    qp->qp.set_default_op(op == WX_OP_OR ? Xapian::Query::OP_OR
                                         : Xapian::Query::OP_AND);
}

void wx_qparser_set_stem_all(wx_qparser *qp, bool all)
{
    qp->qp.set_stemming_strategy(all ? Xapian::QueryParser::STEM_ALL
                                     : Xapian::QueryParser::STEM_SOME);
}

wx_status wx_qparser_set_stopwords(wx_qparser *qp, const char *const *words,
                                   size_t n, wx_err *err)
{
    try {
        for (size_t i = 0; i < n; i++)
            qp->stopper.add(words[i]);
        qp->qp.set_stopper(&qp->stopper);
        return WX_OK;
    }
    WX_CATCH("stopwords")
}

wx_status wx_qparser_set_max_wildcard(wx_qparser *qp, unsigned max,
                                      wx_err *err)
{
    try {
        qp->qp.set_max_expansion(max,
                                 Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                                 Xapian::QueryParser::FLAG_WILDCARD);
        return WX_OK;
    }
    WX_CATCH("wildcard limit")
}

wx_status wx_qparser_parse(wx_qparser *qp, const char *text, unsigned flags,
                           wx_query **out, wx_err *err)
{
    *out = nullptr;
    try {
        unsigned xf = 0;
        if (flags & WX_QP_BOOLEAN)
            xf |= Xapian::QueryParser::FLAG_BOOLEAN;
        if (flags & WX_QP_PHRASE)
            xf |= Xapian::QueryParser::FLAG_PHRASE;
        if (flags & WX_QP_LOVEHATE)
            xf |= Xapian::QueryParser::FLAG_LOVEHATE;
        if (flags & WX_QP_WILDCARD)
            xf |= Xapian::QueryParser::FLAG_WILDCARD;
        if (flags & WX_QP_SPELLING)
            xf |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
        if (flags & WX_QP_BOOLEAN_ANY_CASE)
            xf |= Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE;
        if (flags & WX_QP_PURE_NOT)
            xf |= Xapian::QueryParser::FLAG_PURE_NOT;
        wx_query *q = new wx_query;
        try {
            q->q = qp->qp.parse_query(text, xf);
            qp->corrected = (flags & WX_QP_SPELLING)
                                ? qp->qp.get_corrected_query_string()
                                : std::string();
        } catch (...) {
            delete q;
            throw;
        }
        *out = q;
        return WX_OK;
    }
    WX_CATCH("query")
}

char *wx_qparser_corrected(wx_qparser *qp)
{
    if (qp->corrected.empty())
        return nullptr;
    return dup_string(qp->corrected);
}

wx_status wx_query_term(const char *term, wx_query **out, wx_err *err)
{
    *out = nullptr;
    try {
        *out = new wx_query{Xapian::Query(term)};
        return WX_OK;
    }
    WX_CATCH("query")
}

wx_status wx_query_all(wx_query **out, wx_err *err)
{
    *out = nullptr;
    try {
        *out = new wx_query{Xapian::Query::MatchAll};
        return WX_OK;
    }
    WX_CATCH("query")
}

wx_status wx_query_range(unsigned slot, const char *lo, const char *hi,
                         wx_query **out, wx_err *err)
{
    *out = nullptr;
    try {
        Xapian::Query q;
        if (lo != nullptr && hi != nullptr)
            q = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
        else if (lo != nullptr)
            q = Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
        else if (hi != nullptr)
            q = Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
        else
            q = Xapian::Query::MatchAll;
        *out = new wx_query{q};
        return WX_OK;
    }
    WX_CATCH("range query")
}

wx_status wx_query_combine(int op, const wx_query *a, const wx_query *b,
                           wx_query **out, wx_err *err)
{
    *out = nullptr;
    try {
        Xapian::Query::op xop;
        switch (op) {
        case WX_OP_AND: xop = Xapian::Query::OP_AND; break;
        case WX_OP_OR: xop = Xapian::Query::OP_OR; break;
        case WX_OP_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
        case WX_OP_FILTER: xop = Xapian::Query::OP_FILTER; break;
        case WX_OP_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
        case WX_OP_ELITE_SET: xop = Xapian::Query::OP_ELITE_SET; break;
        default:
            return wx_err_set(err, WX_EINVAL, "unknown query operator %d",
                              op);
        }
        *out = new wx_query{Xapian::Query(xop, a->q, b->q)};
        return WX_OK;
    }
    WX_CATCH("query")
}

char *wx_query_describe(const wx_query *q)
{
    try {
        return dup_string(q->q.get_description());
    } catch (...) {
        return nullptr;
    }
}

bool wx_query_empty(const wx_query *q)
{
    return q->q.empty();
}

void wx_query_free(wx_query *q)
{
    delete q;
}

/* ---- searching ---- */

namespace {

/*
 * A second reader of the same database at the same revision as db's, for
 * searching on another core while db searches too; nullptr when there is
 * none to be had (a writable handle, whose uncommitted changes only it
 * sees; a revision that cannot be matched; databases without revisions,
 * such as sharded or remote ones), and everything then runs on db.
 */
static Xapian::Database *second_reader(wx_db *db)
{
    if (db->wdb != nullptr || db->path.empty())
        return nullptr;
    try {
        if (db->second == nullptr)
            db->second = new Xapian::Database(db->path);
        Xapian::rev want = db->db->get_revision();
        if (db->second->get_revision() != want)
            db->second->reopen();
        if (db->second->get_revision() == want)
            return db->second;
    } catch (const Xapian::Error &) {
        /* No second reader: search on the first. */
    }
    delete db->second;
    db->second = nullptr;
    return nullptr;
}

/* Every docid in [lo, hi]: filtering a query by it confines the match to
 * that range, and the matcher skips straight to it. Docids that do not
 * exist cost nothing: the query side never lands on them. */
class DocRange : public Xapian::PostingSource {
  public:
    DocRange(Xapian::docid lo, Xapian::docid hi) : lo_(lo), hi_(hi) {}
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return n_; }
    Xapian::doccount get_termfreq_max() const override { return n_; }
    void init(const Xapian::Database &db) override
    {
        cur_ = 0;
        Xapian::doccount all = db.get_doccount();
        n_ = hi_ - lo_ + 1 < all ? hi_ - lo_ + 1 : all;
    }
    void next(double) override { cur_ = cur_ < lo_ ? lo_ : cur_ + 1; }
    void skip_to(Xapian::docid d, double) override
    {
        if (d > cur_)
            cur_ = d < lo_ ? lo_ : d;
    }
    bool at_end() const override { return cur_ > hi_; }
    Xapian::docid get_docid() const override
    {
        return static_cast<Xapian::docid>(cur_);
    }
    std::string name() const override { return "wiredex.DocRange"; }

  private:
    uint64_t lo_, hi_, cur_ = 0;   /* 64 bits: hi_ + 1 must not wrap */
    Xapian::doccount n_ = 0;
};

/* One phrase or NEAR of a query, as matched on compact positions
 * (wx_phrase.h): the fingerprints of its words' spellings, its window
 * and whether its order counts. */
class PhrasePattern {
  public:
    PhrasePattern(const std::vector<std::vector<std::string>> &words,
                  unsigned window, bool ordered)
        : window_(window), ordered_(ordered)
    {
        for (const auto &alts : words) {
            std::vector<uint32_t> h;
            for (const std::string &t : alts)
                h.push_back(wx_phrase_hash(t.data(), t.size()));
            hashes_.push_back(std::move(h));
        }
        /* hashes_ no longer changes: the pattern can point into it. */
        for (const auto &h : hashes_)
            pattern_.push_back({h.data(), h.size()});
    }
    PhrasePattern(const PhrasePattern &) = delete;
    PhrasePattern &operator=(const PhrasePattern &) = delete;
    /* Whether the word sequence v (a slot value) holds the pattern. */
    bool matches(const std::string &v) const
    {
        return wx_phrase_match(
            reinterpret_cast<const unsigned char *>(v.data()), v.size(),
            pattern_.data(), pattern_.size(), window_, ordered_);
    }

  private:
    std::vector<std::vector<uint32_t>> hashes_;
    std::vector<wx_phrase_word> pattern_;   /* points into hashes_ */
    unsigned window_;
    bool ordered_;
};

/* A PHRASE or NEAR node taken apart: its subqueries, the spellings of each
 * word that has terms, its window and whether it is ordered. */
struct PhraseParts {
    std::vector<Xapian::Query> subs;
    std::vector<std::vector<std::string>> words;
    unsigned window = 0;
    bool ordered = false;
};

/* The window of a PHRASE or NEAR query, which Xapian 1.4 shows only in
 * its description: "Query((a PHRASE 2 b))". */
static unsigned window_of(const Xapian::Query &q, const char *op)
{
    const std::string d = q.get_description();
    size_t at = d.find(op);
    if (at == std::string::npos)
        return 0;
    return static_cast<unsigned>(
        std::strtoul(d.c_str() + at + std::strlen(op), nullptr, 10));
}

static PhraseParts phrase_parts(const Xapian::Query &q)
{
    PhraseParts p;
    p.ordered = q.get_type() == Xapian::Query::OP_PHRASE;
    for (size_t i = 0; i < q.get_num_subqueries(); i++) {
        const Xapian::Query s = q.get_subquery(i);
        p.subs.push_back(s);
        /* A word without terms (a wildcard) only widens the gap. */
        std::vector<std::string> alts(s.get_unique_terms_begin(),
                                      s.get_unique_terms_end());
        if (!alts.empty())
            p.words.push_back(std::move(alts));
    }
    p.window = window_of(q, p.ordered ? " PHRASE " : " NEAR ");
    return p;
}

/*
 * Phrase and NEAR matching on compact positions (wx_phrase.h). Used as a
 * filter beside the AND of the phrase's words, it is asked mostly to
 * check() documents that hold all of them; when it must lead, it walks
 * the posting list of its rarest word.
 */
class PhraseCheck : public Xapian::PostingSource {
  public:
    PhraseCheck(Xapian::valueno slot,
                std::vector<std::vector<std::string>> words, unsigned window,
                bool ordered)
        : slot_(slot), words_(std::move(words)),
          pattern_(words_, window, ordered)
    {
    }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return n_; }
    Xapian::doccount get_termfreq_max() const override { return n_; }
    void init(const Xapian::Database &db) override
    {
        db_ = db;
        vals_ = db.valuestream_begin(slot_);
        vals_done_ = vals_ == db.valuestream_end(slot_);
        /* Lead with the rarest word that has one spelling; with none,
         * every document. The estimate, above every word's frequency,
         * puts this filter after the words in the AND, which then asks
         * it only about documents holding them all. */
        lead_.clear();
        Xapian::doccount all = db.get_doccount(), lead_tf = all, most = 0;
        for (const auto &alts : words_) {
            Xapian::doccount tf = 0;
            for (const std::string &t : alts)
                tf += db.get_termfreq(t);
            most = std::max(most, tf);
            if (alts.size() == 1 && (lead_.empty() || tf < lead_tf)) {
                lead_ = alts[0];
                lead_tf = tf;
            }
        }
        n_ = std::min(all, most + 1);
        driver_ = Xapian::PostingIterator();
        started_ = false;
        done_ = false;
        cur_ = 0;
    }
    void next(double) override { advance_from(cur_ + 1); }
    void skip_to(Xapian::docid d, double) override
    {
        if (d > cur_ || !started_)
            advance_from(d > cur_ ? d : cur_ + 1);
    }
    bool check(Xapian::docid d, double) override
    {
        cur_ = d;
        return matches(d);
    }
    bool at_end() const override { return done_; }
    Xapian::docid get_docid() const override { return cur_; }
    std::string name() const override { return "wiredex.PhraseCheck"; }

  private:
    /* Move to the first match at or after d. */
    void advance_from(Xapian::docid d)
    {
        if (!started_) {
            driver_ = db_.postlist_begin(lead_);
            started_ = true;
        }
        const Xapian::PostingIterator end;
        if (driver_ != end)
            driver_.skip_to(d);
        for (; driver_ != end; ++driver_) {
            if (matches(*driver_)) {
                cur_ = *driver_;
                return;
            }
        }
        done_ = true;
    }
    /* Whether document d (asked in ascending order) holds the pattern. */
    bool matches(Xapian::docid d)
    {
        if (vals_done_)
            return false;
        if (!vals_.check(d))
            return false;
        if (vals_ == db_.valuestream_end(slot_)) {
            vals_done_ = true;
            return false;
        }
        if (vals_.get_docid() != d)
            return false;
        return pattern_.matches(*vals_);
    }

    Xapian::valueno slot_;
    std::vector<std::vector<std::string>> words_;
    PhrasePattern pattern_;
    Xapian::Database db_;
    Xapian::ValueIterator vals_;
    bool vals_done_ = true;
    std::string lead_;
    Xapian::PostingIterator driver_;
    Xapian::doccount n_ = 0;
    bool started_ = false, done_ = false;
    Xapian::docid cur_ = 0;
};

/*
 * The phrases every match of a ranking must hold, checked on compact
 * positions as a MatchDecider. Xapian's matcher weighs a candidate before
 * it asks the decider, and once the top hits are full it drops those that
 * weigh too little to enter them: most candidates of a phrase of common
 * words are then never read. (As a filter in the query, each one is.)
 */
class PhraseDecider : public Xapian::MatchDecider {
  public:
    explicit PhraseDecider(Xapian::valueno slot) : slot_(slot) {}
    bool operator()(const Xapian::Document &doc) const override
    {
        const std::string v = doc.get_value(slot_);
        for (const auto &p : phrases)
            if (!p->matches(v))
                return false;
        return true;
    }
    bool empty() const { return phrases.empty(); }
    std::vector<std::unique_ptr<PhrasePattern>> phrases;

  private:
    Xapian::valueno slot_;
};

/* Whether q holds a PHRASE or NEAR anywhere. */
static bool has_positional(const Xapian::Query &q)
{
    Xapian::Query::op t = q.get_type();
    if (t == Xapian::Query::OP_PHRASE || t == Xapian::Query::OP_NEAR)
        return true;
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        if (has_positional(q.get_subquery(i)))
            return true;
    return false;
}

/*
 * q with every PHRASE and NEAR turned into the AND of its words filtered
 * by a PhraseCheck on slot. The AND keeps the words' weights, as
 * Xapian's own phrase does. Nodes without phrases are kept as they are;
 * the operators around phrases are those the query parser and
 * wx_query_combine() build, which take no parameters.
 */
static Xapian::Query compact_phrases(const Xapian::Query &q,
                                     Xapian::valueno slot)
{
    if (!has_positional(q))
        return q;
    Xapian::Query::op t = q.get_type();
    if (t == Xapian::Query::OP_PHRASE || t == Xapian::Query::OP_NEAR) {
        PhraseParts p = phrase_parts(q);
        Xapian::Query all(Xapian::Query::OP_AND, p.subs.begin(),
                          p.subs.end());
        return Xapian::Query(
            Xapian::Query::OP_FILTER, all,
            Xapian::Query((new PhraseCheck(slot, std::move(p.words),
                                           p.window, p.ordered))
                              ->release()));
    }
    std::vector<Xapian::Query> subs;
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        subs.push_back(compact_phrases(q.get_subquery(i), slot));
    if (t == Xapian::Query::OP_SCALE_WEIGHT) {
        /* "Query(2 * ...)": the factor, too, only in the description. */
        double f = std::strtod(q.get_description().c_str() + 6, nullptr);
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, subs[0], f);
    }
    if (t == Xapian::Query::OP_ELITE_SET)
        return q;   /* not built by wiredex; its set size is not shown */
    return Xapian::Query(t, subs.begin(), subs.end());
}

/*
 * compact_phrases() for a ranking: the phrases that every match must hold
 * (the query itself, or parts of it joined by AND, FILTER, or the left of
 * AND_NOT and AND_MAYBE) become the AND of their words, and their patterns
 * go to dec; the others stay filters. Matches and weights are the same.
 */
static Xapian::Query lift_phrases(const Xapian::Query &q,
                                  Xapian::valueno slot, PhraseDecider &dec)
{
    if (!has_positional(q))
        return q;
    Xapian::Query::op t = q.get_type();
    if (t == Xapian::Query::OP_PHRASE || t == Xapian::Query::OP_NEAR) {
        PhraseParts p = phrase_parts(q);
        if (p.words.empty())
            return compact_phrases(q, slot);
        dec.phrases.push_back(std::unique_ptr<PhrasePattern>(
            new PhrasePattern(p.words, p.window, p.ordered)));
        return Xapian::Query(Xapian::Query::OP_AND, p.subs.begin(),
                             p.subs.end());
    }
    size_t every;   /* the subqueries every match holds: [0, every) */
    if (t == Xapian::Query::OP_AND || t == Xapian::Query::OP_FILTER)
        every = q.get_num_subqueries();
    else if (t == Xapian::Query::OP_AND_NOT ||
             t == Xapian::Query::OP_AND_MAYBE)
        every = 1;
    else
        return compact_phrases(q, slot);
    std::vector<Xapian::Query> subs;
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        subs.push_back(i < every
                           ? lift_phrases(q.get_subquery(i), slot, dec)
                           : compact_phrases(q.get_subquery(i), slot));
    return Xapian::Query(t, subs.begin(), subs.end());
}

/* Set up the spies of pass p for the request's facets. */
static void make_spies(Pass &p, const wx_search_spec *spec,
                std::vector<FacetCounter *> &registered)
{
    for (size_t j = 0; j < spec->nfacets; j++) {
        const SlotTable *t = nullptr;
        if (spec->facet_cache != nullptr)
            for (const SlotTable &st : spec->facet_cache->tables)
                if (st.slot == spec->facet_slots[j])
                    t = &st;
        if (t != nullptr) {
            auto *spy = new OrdinalCountSpy(t);
            p.spies.push_back(spy);
            p.group.parts.push_back(spy);
        } else {
            p.spies.push_back(new MultiValueCountSpy(spec->facet_slots[j],
                                                     spec->multi_sep));
            registered.push_back(p.spies.back());
        }
    }
    if (!p.group.parts.empty())
        registered.push_back(&p.group);
}

/* The terms of q when it is only terms ANDed or filtered together (the
 * usual "words" and "words field:value" queries). */
static bool and_of_terms(const Xapian::Query &q, std::vector<std::string> &out)
{
    switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
        out.push_back(*q.get_terms_begin());
        return true;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
        for (size_t i = 0; i < q.get_num_subqueries(); i++)
            if (!and_of_terms(q.get_subquery(i), out))
                return false;
        return !out.empty();
    default:
        return false;
    }
}

/*
 * Count the documents holding every term (leapfrogging along the posting
 * lists from the rarest) into the spy, among docids [lo, hi] when hi > 0.
 * The matcher does the same at several times the cost per match, which is
 * what a facet count over a very common word pays.
 */
static uint64_t intersect(const Xapian::Database &d,
                          std::vector<std::string> terms,
                          OrdinalGroupSpy &spy, Xapian::docid lo,
                          Xapian::docid hi)
{
    std::sort(terms.begin(), terms.end(),
              [&d](const std::string &a, const std::string &b) {
                  return d.get_termfreq(a) < d.get_termfreq(b);
              });
    std::vector<Xapian::PostingIterator> it;
    for (const std::string &t : terms)
        it.push_back(d.postlist_begin(t));
    const Xapian::PostingIterator end;
    uint64_t n = 0;
    Xapian::PostingIterator &lead = it[0];
    if (lo > 1 && lead != end)
        lead.skip_to(lo);
    while (lead != end) {
        Xapian::docid target = *lead;
        if (hi > 0 && target > hi)
            break;
        bool all = true;
        for (size_t k = 1; k < it.size(); k++) {
            it[k].skip_to(target);
            if (it[k] == end)
                return n;
            if (*it[k] != target) {
                lead.skip_to(*it[k]);
                all = false;
                break;
            }
        }
        if (all) {
            n++;
            spy.count(target);
            ++lead;
        }
    }
    return n;
}

/* The facet pass over d into p: every match of q (as parsed) among
 * docids [lo, hi] when hi > 0, no weights. Every match is checked, so
 * phrases stay filters. */
static void count_pass(const Xapian::Database &d, const Xapian::Query &parsed,
                       const wx_search_spec *spec, Pass &p,
                       Xapian::docid lo = 0, Xapian::docid hi = 0)
{
    Xapian::Query q =
        spec->compact_positions
            ? compact_phrases(parsed, spec->positions_slot)
            : parsed;
    std::vector<FacetCounter *> registered;
    make_spies(p, spec, registered);
    std::vector<std::string> terms;
    if (registered.size() == 1 && registered[0] == &p.group &&
        and_of_terms(q, terms)) {
        p.exact = intersect(d, terms, p.group, lo, hi);
        p.has_exact = true;
        return;
    }
    if (hi > 0)
        q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                          Xapian::Query((new DocRange(lo, hi))->release()));
    Xapian::Enquire counter(d);
    counter.set_query(q);
    counter.set_weighting_scheme(Xapian::BoolWeight());
    for (FacetCounter *spy : registered)
        counter.add_matchspy(spy);
    if (spec->time_limit > 0)
        counter.set_time_limit(spec->time_limit);
    p.counted = counter.get_mset(0, 0, spec->check_at_least);
    p.has_counted = true;
}

/* The ranking pass over d into p: hits offset+limit at most, of the
 * matches of q (as parsed: phrases are made compact here) among docids
 * [lo, hi] when hi > 0. */
static void rank_pass(const Xapian::Database &d, const Xapian::Query &q,
                      const wx_search_spec *spec, unsigned check, Pass &p,
                      Xapian::docid lo = 0, Xapian::docid hi = 0)
{
    PhraseDecider dec(spec->positions_slot);
    Xapian::Query rq =
        spec->compact_positions ? lift_phrases(q, spec->positions_slot, dec)
                                : q;
    if (hi > 0)
        rq = Xapian::Query(Xapian::Query::OP_FILTER, rq,
                           Xapian::Query((new DocRange(lo, hi))->release()));
    Xapian::Enquire enq(d);
    enq.set_query(rq);
    if (spec->sort == WX_SORT_VALUE_ASC || spec->sort == WX_SORT_VALUE_DESC)
        enq.set_sort_by_value_then_relevance(
            spec->sort_slot, spec->sort == WX_SORT_VALUE_DESC);
    if (spec->time_limit > 0)
        enq.set_time_limit(spec->time_limit);
    p.mset = enq.get_mset(0, spec->offset + spec->limit, check, nullptr,
                          dec.empty() ? nullptr : &dec);
}

/* Whether hit a ranks before hit b, in the matcher's own order: sort key
 * (when sorting by value), then weight, then docid. */
static bool before(const Xapian::MSetIterator &a, const Xapian::MSetIterator &b,
            int sort)
{
    if (sort != WX_SORT_RELEVANCE) {
        int c = a.get_sort_key().compare(b.get_sort_key());
        if (c != 0)
            return sort == WX_SORT_VALUE_DESC ? c > 0 : c < 0;
    }
    if (a.get_weight() != b.get_weight())
        return a.get_weight() > b.get_weight();
    return *a < *b;
}

/* The page [offset, offset + limit) of the passes' merged rankings. */
static void merge_page(wx_mset *ms, const wx_search_spec *spec)
{
    Xapian::doccount k[2] = {0, 0};
    size_t end = (size_t)spec->offset + spec->limit;
    for (size_t r = 0; r < end; r++) {
        bool has0 = k[0] < ms->pass[0].mset.size();
        bool has1 = ms->npass > 1 && k[1] < ms->pass[1].mset.size();
        if (!has0 && !has1)
            break;
        unsigned w = !has1 ? 0
                     : !has0 ? 1
                     : before(ms->pass[1].mset[k[1]], ms->pass[0].mset[k[0]],
                              spec->sort)
                         ? 1
                         : 0;
        if (r >= spec->offset)
            ms->page.emplace_back(w, k[w]);
        k[w]++;
    }
}

}  // namespace

wx_status wx_db_search(wx_db *db, const wx_query *q,
                       const wx_search_spec *spec, wx_mset **out,
                       wx_err *err)
{
    *out = nullptr;
    try {
        wx_mset *ms = new wx_mset;
        try {
            /* Facets need every match and rankings only the best: with
             * facets there is a count that computes no weights, then a
             * ranking that may stop early. On a large index two cores
             * share the work. Without facets each ranks one half of the
             * docid range and the rankings are merged. With facets one
             * counts while the other ranks, unless the count checks
             * compact phrases, which costs far more than the ranking:
             * then each counts and ranks one half, and the counts are
             * added. */
            Xapian::Database *second =
                spec->split_min > 0 &&
                        db->db->get_doccount() >= spec->split_min
                    ? second_reader(db)
                    : nullptr;
            const Xapian::Query &query = q->q;
            const bool facets = spec->nfacets > 0;
            if (second == nullptr) {
                if (facets)
                    count_pass(*db->db, query, spec, ms->pass[0]);
                rank_pass(*db->db, query, spec,
                          facets ? 0 : spec->check_at_least, ms->pass[0]);
            } else {
                const bool halves =
                    !facets ||
                    (spec->compact_positions && has_positional(query));
                if (halves)
                    ms->npass = 2;
                Xapian::docid last = db->db->get_lastdocid();
                Xapian::docid mid = last / 2;
                unsigned check = facets ? 0 : spec->check_at_least / 2 + 1;
                /* Xapian objects are not shared between threads: the
                 * other thread gets its own query, rebuilt from the
                 * serialised form, and its own database. */
                std::string qs = query.serialise();
                std::exception_ptr failed;
                std::thread t([&]() {
                    try {
                        Xapian::Query mine = Xapian::Query::unserialise(qs);
                        if (!halves) {
                            count_pass(*second, mine, spec, ms->pass[0]);
                            return;
                        }
                        if (facets)
                            count_pass(*second, mine, spec, ms->pass[1], 1,
                                       mid);
                        rank_pass(*second, mine, spec, check, ms->pass[1], 1,
                                  mid);
                    } catch (...) {
                        failed = std::current_exception();
                    }
                });
                try {
                    if (!halves) {
                        rank_pass(*db->db, query, spec, 0, ms->pass[0]);
                    } else {
                        if (facets)
                            count_pass(*db->db, query, spec, ms->pass[0],
                                       mid + 1, last);
                        rank_pass(*db->db, query, spec, check, ms->pass[0],
                                  mid + 1, last);
                    }
                } catch (...) {
                    t.join();
                    throw;
                }
                t.join();
                if (failed)
                    std::rethrow_exception(failed);
                /* One set of facet counts: the second half's added to
                 * the first's. */
                if (halves)
                    for (size_t j = 0; j < ms->pass[0].spies.size() &&
                                       j < ms->pass[1].spies.size();
                         j++)
                        ms->pass[0].spies[j]->absorb(*ms->pass[1].spies[j]);
            }
            merge_page(ms, spec);
        } catch (...) {
            delete ms;
            throw;
        }
        *out = ms;
        return WX_OK;
    }
    WX_CATCH("search")
}

void wx_mset_free(wx_mset *ms)
{
    delete ms;
}

size_t wx_mset_size(const wx_mset *ms)
{
    return ms->page.size();
}

void wx_mset_total(const wx_mset *ms, uint64_t *estimate, uint64_t *lower,
                   uint64_t *upper)
{
    uint64_t e = 0, l = 0, u = 0;
    for (unsigned p = 0; p < ms->npass; p++) {
        const Pass &ps = ms->pass[p];
        if (ps.has_exact) {
            e += ps.exact;
            l += ps.exact;
            u += ps.exact;
            continue;
        }
        const Xapian::MSet &m = ps.has_counted ? ps.counted : ps.mset;
        e += m.get_matches_estimated();
        l += m.get_matches_lower_bound();
        u += m.get_matches_upper_bound();
    }
    if (estimate != nullptr)
        *estimate = e;
    if (lower != nullptr)
        *lower = l;
    if (upper != nullptr)
        *upper = u;
}

wx_docid wx_mset_docid(const wx_mset *ms, size_t i)
{
    return *ms->hit(i);
}

double wx_mset_weight(const wx_mset *ms, size_t i)
{
    return ms->hit(i).get_weight();
}

wx_status wx_mset_doc(const wx_mset *ms, size_t i, wx_doc **out, wx_err *err)
{
    *out = nullptr;
    try {
        wx_doc *d = new wx_doc;
        try {
            d->doc = ms->hit(i).get_document();
        } catch (...) {
            delete d;
            throw;
        }
        *out = d;
        return WX_OK;
    }
    WX_CATCH("hit")
}

wx_status wx_mset_snippet(const wx_mset *ms, const char *text, size_t len,
                          size_t length, const char *lang, unsigned flags,
                          const char *hl_start, const char *hl_end,
                          const char *omit, char **out, wx_err *err)
{
    *out = nullptr;
    try {
        unsigned xf = 0;
        if (flags & WX_SNIPPET_BACKGROUND)
            xf |= Xapian::MSet::SNIPPET_BACKGROUND_MODEL;
        if (flags & WX_SNIPPET_EXHAUSTIVE)
            xf |= Xapian::MSet::SNIPPET_EXHAUSTIVE;
        /* Either pass knows the query's terms and their weights. */
        std::string s = ms->pass[0].mset.snippet(std::string(text, len),
                                                 length,
                                         make_stem(lang), xf, hl_start,
                                         hl_end, omit);
        *out = dup_string(s);
        return *out ? WX_OK : wx_err_set(err, WX_ENOMEM, "snippet");
    }
    WX_CATCH("snippet")
}

void wx_mset_each_facet(const wx_mset *ms, size_t j, wx_count_fn fn,
                        void *ctx)
{
    if (j < ms->pass[0].spies.size())
        ms->pass[0].spies[j]->each(fn, ctx);
}

/* ---- facet caches ---- */

wx_status wx_facet_cache_new(wx_db *db, const unsigned *slots, size_t n,
                             char sep, wx_facet_cache **out, wx_err *err)
{
    *out = nullptr;
    try {
        wx_facet_cache *fc = new wx_facet_cache;
        try {
            fc->rev = db->db->get_revision();
            fc->lastdocid = db->db->get_lastdocid();
            fc->tables.resize(n);
            for (size_t j = 0; j < n; j++) {
                SlotTable &t = fc->tables[j];
                t.slot = slots[j];
                t.start.reserve(fc->lastdocid + 2);
                std::unordered_map<std::string, uint32_t> ordinal;
                std::string one;
                auto add = [&](const std::string &v) {
                    auto it = ordinal.find(v);
                    if (it == ordinal.end()) {
                        it = ordinal.emplace(v, (uint32_t)t.names.size())
                                 .first;
                        t.names.push_back(v);
                    }
                    t.ords.push_back(it->second);
                };
                Xapian::ValueIterator v = db->db->valuestream_begin(slots[j]);
                Xapian::ValueIterator ve = db->db->valuestream_end(slots[j]);
                for (; v != ve; ++v) {
                    Xapian::docid d = v.get_docid();
                    while (t.start.size() <= d)
                        t.start.push_back((uint32_t)t.ords.size());
                    const std::string s = *v;
                    size_t from = 0;
                    for (;;) {
                        size_t end = sep ? s.find(sep, from)
                                         : std::string::npos;
                        size_t len =
                            (end == std::string::npos ? s.size() : end) -
                            from;
                        if (len > 0) {
                            one.assign(s, from, len);
                            add(one);
                        }
                        if (end == std::string::npos)
                            break;
                        from = end + 1;
                    }
                }
                while (t.start.size() <= (size_t)fc->lastdocid + 1)
                    t.start.push_back((uint32_t)t.ords.size());
            }
        } catch (...) {
            delete fc;
            throw;
        }
        *out = fc;
        return WX_OK;
    }
    WX_CATCH("facet cache")
}

void wx_facet_cache_free(wx_facet_cache *fc)
{
    delete fc;
}

bool wx_facet_cache_current(const wx_facet_cache *fc, wx_db *db)
{
    try {
        return fc != nullptr && fc->rev == db->db->get_revision() &&
               fc->lastdocid == db->db->get_lastdocid();
    } catch (...) {
        return false;
    }
}

/* ---- text utilities ---- */

char *wx_xapian_lower(const char *s, size_t len)
{
    try {
        return dup_string(Xapian::Unicode::tolower(std::string(s, len)));
    } catch (...) {
        return nullptr;
    }
}

const char *wx_xapian_version(void)
{
    return Xapian::version_string();
}

}  // extern "C"
