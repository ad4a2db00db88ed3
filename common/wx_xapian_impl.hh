/*
 * The wrapper's handles as C++ sees them, for the few C++ files that
 * must reach Xapian objects behind wx_xapian.h's opaque handles (search
 * policy in searcher/wx_match.cc). C code never includes this; it keeps
 * to wx_xapian.h.
 */
#ifndef WX_XAPIAN_IMPL_HH
#define WX_XAPIAN_IMPL_HH

#include "wx_xapian.h"

#include <xapian.h>

#include <string>

struct wx_db {
    Xapian::Database *db = nullptr;  /* the reader view (always set) */
    Xapian::WritableDatabase *wdb = nullptr; /* when writable; db aliases it */
    std::string path;                /* as opened (read-only handles) */
    bool local = false;              /* one database directory on this
                                        machine: no stub, no remote */
    Xapian::Database *second = nullptr;   /* see wx_match.cc */
    bool has_remote = false;         /* a search found a remote part
                                        (set by wx_match.cc) */
    bool batched = false;            /* WX_DB_BATCHED: in a transaction */
};

struct wx_doc {
    Xapian::Document doc;
    std::string data;   /* last get_data() result, see wx_doc_get_data */
};

struct wx_query {
    Xapian::Query q;
};

/* Rethrow the exception in flight and classify it into a status and a
 * message. Call only from a catch (...) block. */
wx_status wx_xapian_fail(wx_err *err, const char *what);

/* s as a malloc'd C string; NULL on ENOMEM. */
char *wx_xapian_dup(const std::string &s);

/* The stemmer for a language name; "none", "" or NULL: no stemming. */
Xapian::Stem wx_xapian_stem(const char *lang);

#define WX_CATCH(what)                                                      \
    catch (...) { return wx_xapian_fail(err, what); }

#endif
