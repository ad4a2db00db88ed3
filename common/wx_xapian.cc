/*
 * Thin calls into Xapian behind the C API of wx_xapian.h. Every exported
 * function catches Xapian::Error, std::exception and anything else, and
 * classifies it through one helper (wx_xapian_fail()) into a wx_status
 * and a message. No schema or search policy here: that is the caller's
 * (searcher/wx_match.cc for the matcher).
 */
#include "wx_xapian_impl.hh"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <utility>
#include <vector>

struct wx_termgen {
    Xapian::TermGenerator tg;
    Xapian::Stem stem;
    Xapian::SimpleStopper stopper;  /* must outlive tg's use of it */
};

struct wx_qparser {
    Xapian::QueryParser qp;
    Xapian::SimpleStopper stopper;  /* must outlive qp's use of it */
    Xapian::Stem stem;
    std::string corrected;
};

/* Rethrow the exception in flight and classify it. */
wx_status wx_xapian_fail(wx_err *err, const char *what)
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
    } catch (const Xapian::NetworkError &e) {
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

char *wx_xapian_dup(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p != nullptr) {
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
    }
    return p;
}

Xapian::Stem wx_xapian_stem(const char *lang)
{
    if (lang == nullptr || *lang == '\0' || std::strcmp(lang, "none") == 0)
        return Xapian::Stem();
    return Xapian::Stem(lang);
}

namespace {

/* Whether path is one database directory, not a stub (a file, or a
 * directory holding a XAPIANDB stub file) that may list remote parts. */
bool is_local_dir(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return false;
    std::string stub = std::string(path) + "/XAPIANDB";
    return stat(stub.c_str(), &st) != 0;
}

}  // namespace

extern "C" {

/* ---- databases ---- */

wx_status wx_db_open(const char *path, wx_db **out, wx_err *err)
{
    *out = nullptr;
    try {
        wx_db *d = new wx_db;
        d->wdb = nullptr;
        d->path = path;
        d->local = is_local_dir(path);
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
         * told DB_NO_TERMLIST (else it would start an empty one), which
         * leaves one that has it untouched: so every open says it, and
         * no creation does. */
        int xf = (flags & WX_DB_BULK) ? Xapian::DB_NO_SYNC : 0;
        wx_db *d = new wx_db();
        try {
            try {
                d->wdb = new Xapian::WritableDatabase(
                    path, xf | Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
            } catch (const Xapian::DatabaseNotFoundError &) {
                if (!(flags & WX_DB_CREATE))
                    throw;
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
        d->local = true;
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
         * fails without a termlist table. Sub-database i of n holds the
         * combined docids i + 1, i + 1 + n, ...: its first few are tried
         * (a deleted one is skipped). */
        const Xapian::Database &d = *db->db;
        const Xapian::docid n = (Xapian::docid)std::max<size_t>(d.size(), 1);
        const Xapian::docid last = d.get_lastdocid();
        for (Xapian::docid i = 0; i < n; i++) {
            for (Xapian::docid k = 0, id = i + 1; k < 64 && id <= last;
                 k++, id += n) {
                try {
                    (void)d.termlist_begin(id);
                    break;
                } catch (const Xapian::DocNotFoundError &) {
                }
            }
        }
        return WX_OK;
    } catch (const Xapian::FeatureUnavailableError &) {
        *out = false;
        return WX_OK;
    }
    WX_CATCH("termlist")
}

bool wx_db_local(const wx_db *db)
{
    return db->local;
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
        *out = wx_xapian_dup(v);
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

wx_status wx_db_each_spelling(wx_db *db, wx_term_fn fn, void *ctx,
                              wx_err *err)
{
    try {
        for (Xapian::TermIterator t = db->db->spellings_begin();
             t != db->db->spellings_end(); ++t) {
            std::string s = *t;
            if (!fn(ctx, s.data(), s.size(), t.get_termfreq()))
                break;
        }
        return WX_OK;
    }
    WX_CATCH("spelling")
}

wx_status wx_db_add_spelling(wx_db *db, const char *word, size_t len,
                             int64_t delta, wx_err *err)
{
    try {
        if (db->wdb == nullptr)
            return wx_err_set(err, WX_EINVAL, "spelling: read-only");
        std::string w(word, len);
        if (delta > 0)
            db->wdb->add_spelling(w, (Xapian::termcount)delta);
        else if (delta < 0)
            db->wdb->remove_spelling(w, (Xapian::termcount)-delta);
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
        *out = wx_xapian_dup(v);
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

/* ---- indexing text ---- */

wx_status wx_termgen_new(const char *lang, unsigned flags, wx_db *db,
                         wx_termgen **out, wx_err *err)
{
    *out = nullptr;
    try {
        wx_termgen *t = new wx_termgen;
        try {
            t->stem = (flags & WX_TG_STEM_NONE) ? Xapian::Stem()
                                                : wx_xapian_stem(lang);
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

wx_status wx_termgen_set_stopwords(wx_termgen *tg, const char *const *words,
                                   size_t n, wx_err *err)
{
    try {
        for (size_t i = 0; i < n; i++)
            tg->stopper.add(words[i]);
        tg->tg.set_stopper(&tg->stopper);
        tg->tg.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
        return WX_OK;
    }
    WX_CATCH("stopwords")
}

wx_status wx_termgen_words_in_order(wx_termgen *tg, const char *text,
                                    size_t len, wx_term_fn fn, void *ctx,
                                    wx_err *err)
{
    try {
        Xapian::Document scratch;
        tg->tg.set_document(scratch);
        tg->tg.set_termpos(0);
        tg->tg.index_text(Xapian::Utf8Iterator(text, len));
        tg->tg.set_document(Xapian::Document());
        std::vector<std::pair<Xapian::termpos, std::string>> seq;
        for (Xapian::TermIterator t = scratch.termlist_begin();
             t != scratch.termlist_end(); ++t)
            for (Xapian::PositionIterator p = t.positionlist_begin();
                 p != t.positionlist_end(); ++p)
                seq.emplace_back(*p, *t);
        std::sort(seq.begin(), seq.end());
        for (const auto &pw : seq)
            if (!fn(ctx, pw.second.data(), pw.second.size(), pw.first))
                break;
        return WX_OK;
    }
    WX_CATCH("words")
}

wx_status wx_termgen_query_terms(wx_termgen *tg, const char *text,
                                 size_t len, wx_term_fn fn, void *ctx,
                                 wx_err *err)
{
    try {
        Xapian::Document scratch;
        tg->tg.set_document(scratch);
        tg->tg.index_text_without_positions(Xapian::Utf8Iterator(text, len));
        tg->tg.set_document(Xapian::Document());
        std::vector<std::pair<std::string, Xapian::termcount>> all;
        for (Xapian::TermIterator t = scratch.termlist_begin();
             t != scratch.termlist_end(); ++t)
            all.emplace_back(*t, t.get_wdf());
        auto has = [&all](const std::string &term) {
            auto it = std::lower_bound(
                all.begin(), all.end(), term,
                [](const std::pair<std::string, Xapian::termcount> &a,
                   const std::string &b) { return a.first < b; });
            return it != all.end() && it->first == term;
        };
        for (const auto &tw : all) {
            const std::string &term = tw.first;
            /* A word the generator also stemmed is searched by its
             * stem alone, which its other spellings share. */
            if (term[0] != 'Z' && has("Z" + tg->stem(term)))
                continue;
            if (!fn(ctx, term.data(), term.size(), tw.second))
                break;
        }
        return WX_OK;
    }
    WX_CATCH("words")
}

/* ---- queries ---- */

wx_status wx_qparser_new(const char *lang, wx_db *db, wx_qparser **out,
                         wx_err *err)
{
    *out = nullptr;
    try {
        wx_qparser *p = new wx_qparser;
        try {
            p->stem = wx_xapian_stem(lang);
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
    return wx_xapian_dup(qp->corrected);
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

wx_status wx_query_terms(int op, const char *const *terms,
                         const unsigned *wqf, size_t n, unsigned param,
                         wx_query **out, wx_err *err)
{
    *out = nullptr;
    try {
        Xapian::Query::op xop;
        switch (op) {
        case WX_OP_AND: xop = Xapian::Query::OP_AND; break;
        case WX_OP_OR: xop = Xapian::Query::OP_OR; break;
        case WX_OP_ELITE_SET: xop = Xapian::Query::OP_ELITE_SET; break;
        default:
            return wx_err_set(err, WX_EINVAL, "unknown query operator %d",
                              op);
        }
        std::vector<Xapian::Query> subs;
        subs.reserve(n);
        for (size_t i = 0; i < n; i++)
            subs.emplace_back(terms[i], wqf ? wqf[i] : 1);
        *out = new wx_query{Xapian::Query(xop, subs.begin(), subs.end(),
                                          param)};
        return WX_OK;
    }
    WX_CATCH("query")
}

wx_status wx_query_near(const char *a, const char *b, unsigned window,
                        wx_query **out, wx_err *err)
{
    *out = nullptr;
    try {
        Xapian::Query pair[2] = {Xapian::Query(a), Xapian::Query(b)};
        *out = new wx_query{
            Xapian::Query(Xapian::Query::OP_NEAR, pair, pair + 2, window)};
        return WX_OK;
    }
    WX_CATCH("query")
}

wx_status wx_query_scale(const wx_query *q, double factor, wx_query **out,
                         wx_err *err)
{
    *out = nullptr;
    try {
        *out = new wx_query{
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor)};
        return WX_OK;
    }
    WX_CATCH("query")
}

char *wx_query_describe(const wx_query *q)
{
    try {
        return wx_xapian_dup(q->q.get_description());
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

/* ---- text utilities ---- */

char *wx_xapian_lower(const char *s, size_t len)
{
    try {
        return wx_xapian_dup(Xapian::Unicode::tolower(std::string(s, len)));
    } catch (...) {
        return nullptr;
    }
}

const char *wx_xapian_version(void)
{
    return Xapian::version_string();
}

}  // extern "C"
