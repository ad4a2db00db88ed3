/*
 * Search policy that must touch Xapian classes (see wx_match.h): the
 * count and ranking passes, facet counters, the in-memory facet cache and
 * the two-thread split. Everything a remote server must run is stock
 * Xapian (ValueCountMatchSpy, BoolWeight); the custom counters and the
 * docid-range posting source are used only on a local database.
 */
#include "wx_match.h"
#include "wx_xapian_impl.hh"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

/* A facet's counts, however they were gathered. */
class FacetCounter {
  public:
    virtual ~FacetCounter() = default;
    virtual void each(wx_count_fn fn, void *ctx) const = 0;
    /* Add the counts of other, a counter of the same kind and facet (of
     * the other half of a split search). */
    virtual void absorb(const FacetCounter &other) = 0;
};

/* One stock ValueCountMatchSpy per slot of the facet; a value counts
 * once per document because a document holds it in one slot only. */
class SlotCounter : public FacetCounter {
  public:
    SlotCounter(const Xapian::Database &db, unsigned first, unsigned span)
    {
        for (unsigned i = 0; i < span; i++) {
            /* Values fill the span from its first slot: the first slot
             * no document uses ends it. */
            if (span > 1 && db.get_value_freq(first + i) == 0)
                break;
            spies.emplace_back(new Xapian::ValueCountMatchSpy(first + i));
        }
    }
    ~SlotCounter() override
    {
        for (auto *s : spies)
            delete s;
    }
    SlotCounter(const SlotCounter &) = delete;
    SlotCounter &operator=(const SlotCounter &) = delete;
    void each(wx_count_fn fn, void *ctx) const override
    {
        std::map<std::string, Xapian::doccount> all;
        for (const auto *s : spies)
            for (auto v = s->values_begin(); v != s->values_end(); ++v)
                all[*v] += v.get_termfreq();
        for (const auto &kv : all)
            if (!fn(ctx, kv.first.data(), kv.first.size(), kv.second))
                break;
    }
    void absorb(const FacetCounter &other) override
    {
        const auto &o = dynamic_cast<const SlotCounter &>(other);
        for (size_t k = 0; k < spies.size() && k < o.spies.size(); k++)
            spies[k]->merge_results(o.spies[k]->serialise_results());
    }
    std::vector<Xapian::ValueCountMatchSpy *> spies;
};

/* Counts by value, filled by a ValuesSpy. */
class MapCounter : public FacetCounter {
  public:
    void each(wx_count_fn fn, void *ctx) const override
    {
        for (const auto &kv : counts)
            if (!fn(ctx, kv.first.data(), kv.first.size(), kv.second))
                break;
    }
    void absorb(const FacetCounter &other) override
    {
        for (const auto &kv : dynamic_cast<const MapCounter &>(other).counts)
            counts[kv.first] += kv.second;
    }
    std::unordered_map<std::string, Xapian::doccount> counts;
};

/*
 * Every uncached facet of a request behind one spy, which reads a
 * multi-valued field's slots only up to the first empty one (values fill
 * a span from its first slot), where the stock spies ask every slot:
 * on 21,578 articles with all seven facets (40 slots) 16-31 ms instead of
 * 124-156. (Document::values_begin() would read all values at once, but
 * the matcher's document keeps returning the first match's values.)
 * Xapian cannot send this spy to a remote server (UnimplementedError):
 * then the stock spies count.
 */
class ValuesSpy : public Xapian::MatchSpy {
  public:
    struct Part {
        Xapian::valueno first, end;   /* slots [first, end) */
        MapCounter *counter;          /* not owned */
    };
    void operator()(const Xapian::Document &doc, double) override
    {
        for (const Part &p : parts)
            for (Xapian::valueno s = p.first; s < p.end; s++) {
                value_ = doc.get_value(s);
                if (value_.empty())
                    break;
                ++p.counter->counts[value_];
            }
    }
    std::string name() const override { return "wiredex.Values"; }
    std::vector<Part> parts;

  private:
    std::string value_;   /* reused: a seen value allocates nothing */
};

/* One facet of a facet cache: the value ordinals of document d are
 * ords[start[d]] .. ords[start[d + 1] - 1]; names[o] is ordinal o. */
struct SlotTable {
    Xapian::valueno slot;
    unsigned span;
    std::vector<uint32_t> start;
    std::vector<uint32_t> ords;
    std::vector<std::string> names;
};

/* Counts from a facet cache: array increments, no document reads. */
class OrdinalCounter : public FacetCounter {
  public:
    explicit OrdinalCounter(const SlotTable *t)
        : t_(t), counts_(t->names.size(), 0) {}
    void count(Xapian::docid d)
    {
        if (d + 1 >= t_->start.size())
            return;
        for (uint32_t k = t_->start[d]; k < t_->start[d + 1]; k++)
            ++counts_[t_->ords[k]];
    }
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
        const auto &o = dynamic_cast<const OrdinalCounter &>(other);
        for (size_t k = 0; k < counts_.size() && k < o.counts_.size(); k++)
            counts_[k] += o.counts_[k];
    }

  private:
    const SlotTable *t_;
    std::vector<Xapian::doccount> counts_;
};

/* All the cached facets of a request behind one spy: the matcher makes
 * one call per match instead of one per facet. Local searches only:
 * remote servers do not know this class. */
class OrdinalGroupSpy : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document &doc, double) override
    {
        count(doc.get_docid());
    }
    void count(Xapian::docid d)
    {
        for (OrdinalCounter *p : parts)
            p->count(d);
    }
    std::string name() const override { return "wiredex.OrdinalGroup"; }
    std::vector<OrdinalCounter *> parts;   /* not owned */
};

}  // namespace

struct wx_facet_cache {
    Xapian::rev rev = 0;
    Xapian::docid lastdocid = 0;
    std::vector<SlotTable> tables;
};

namespace {

/* One search over the whole index, or over one docid range of it. */
struct Pass {
    Xapian::MSet mset;      /* ranked: hits offset+limit at most */
    Xapian::MSet counted;   /* the facet-counting pass, when there was one */
    bool has_counted = false;
    uint64_t exact = 0;     /* or its exact total, when it ran without */
    bool has_exact = false; /*   the matcher (see intersect()) */
    std::vector<FacetCounter *> facets;    /* one per facet, in order */
    OrdinalGroupSpy group;                 /* the cached ones, together */
    ValuesSpy values;                      /* or the others, together */
    Pass() = default;
    Pass(const Pass &) = delete;
    Pass &operator=(const Pass &) = delete;
    ~Pass() { clear(); }
    void clear()
    {
        for (auto *f : facets)
            delete f;
        facets.clear();
        group.parts.clear();
        values.parts.clear();
        mset = Xapian::MSet();
        counted = Xapian::MSet();
        has_counted = has_exact = false;
        exact = 0;
    }
};

}  // namespace

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

/*
 * A second reader of the same local database at the same revision as
 * db's, for searching on another core while db searches too; nullptr
 * when there is none to be had (a writable handle, whose uncommitted
 * changes only it sees; a revision that cannot be matched), and
 * everything then runs on db.
 */
Xapian::Database *second_reader(wx_db *db)
{
    if (db->wdb != nullptr || !db->local)
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
 * exist cost nothing: the query side never lands on them. Local only. */
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

/* Whether q holds an OP_WILDCARD anywhere. */
bool has_wildcard(const Xapian::Query &q)
{
    if (q.get_type() == Xapian::Query::OP_WILDCARD)
        return true;
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        if (has_wildcard(q.get_subquery(i)))
            return true;
    return false;
}

/*
 * q with every wildcard expanded against the whole of d, into the same
 * operator over explicit terms (the max most frequent ones when max >
 * 0). Xapian expands an OP_WILDCARD in each sub-database on its own:
 * over shards each would keep its own most frequent terms and weigh the
 * synonym with its own statistics, so a stub or remote servers would
 * rank differently from one index. Explicit terms carry statistics that
 * Xapian combines exactly. Xapian 1.4 shows a wildcard's pattern and
 * operator only in its description: "Query(WILDCARD SYNONYM embass)".
 */
Xapian::Query expand_wildcards(const Xapian::Database &d,
                               const Xapian::Query &q, unsigned max)
{
    if (!has_wildcard(q))
        return q;
    Xapian::Query::op t = q.get_type();
    if (t == Xapian::Query::OP_WILDCARD) {
        std::string desc = q.get_description();
        const std::string head = "Query(WILDCARD ";
        size_t sp = desc.find(' ', head.size());
        if (desc.compare(0, head.size(), head) != 0 ||
            sp == std::string::npos || desc.back() != ')')
            return q;   /* a form this code does not know: Xapian's own */
        std::string opname = desc.substr(head.size(), sp - head.size());
        std::string pattern = desc.substr(sp + 1, desc.size() - sp - 2);
        Xapian::Query::op combine =
            opname == "OR" ? Xapian::Query::OP_OR
            : opname == "MAX" ? Xapian::Query::OP_MAX
                              : Xapian::Query::OP_SYNONYM;
        std::vector<std::pair<Xapian::doccount, std::string>> found;
        for (auto it = d.allterms_begin(pattern);
             it != d.allterms_end(pattern); ++it)
            found.emplace_back(it.get_termfreq(), *it);
        if (max > 0 && found.size() > max) {
            std::stable_sort(found.begin(), found.end(),
                             [](const std::pair<Xapian::doccount, std::string> &a,
                                const std::pair<Xapian::doccount, std::string> &b) {
                                 return a.first > b.first;
                             });
            found.resize(max);
            std::sort(found.begin(), found.end(),
                      [](const std::pair<Xapian::doccount, std::string> &a,
                         const std::pair<Xapian::doccount, std::string> &b) {
                          return a.second < b.second;
                      });
        }
        std::vector<Xapian::Query> terms;
        for (const auto &f : found)
            terms.emplace_back(f.second);
        return Xapian::Query(combine, terms.begin(), terms.end());
    }
    /* Operators with a parameter that only the description shows are
     * kept as they are (the query parser puts no wildcard under them). */
    if (t == Xapian::Query::OP_ELITE_SET || t == Xapian::Query::OP_PHRASE ||
        t == Xapian::Query::OP_NEAR)
        return q;
    std::vector<Xapian::Query> subs;
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        subs.push_back(expand_wildcards(d, q.get_subquery(i), max));
    if (t == Xapian::Query::OP_SCALE_WEIGHT) {
        /* "Query(2 * ...)": the factor, too, only in the description. */
        double f = std::strtod(q.get_description().c_str() + 6, nullptr);
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, subs[0], f);
    }
    return Xapian::Query(t, subs.begin(), subs.end());
}

/* What one search may use: the cache and a second reader only on a
 * local database; the one-pass ValuesSpy wherever no part is remote
 * (wx_db_search() drops all three after an UnimplementedError). */
struct Plan {
    const wx_facet_cache *cache;
    Xapian::Database *second;
    bool values_spy;
};

/* Set up the facet counters of pass p; spies receives the match spies
 * the count must register. */
void make_counters(const Xapian::Database &d, Pass &p,
                   const wx_search_spec *spec, const Plan &plan,
                   std::vector<Xapian::MatchSpy *> &spies)
{
    for (size_t j = 0; j < spec->nfacets; j++) {
        unsigned first = spec->facet_slots[j];
        unsigned span = spec->facet_spans ? spec->facet_spans[j] : 1;
        const SlotTable *t = nullptr;
        if (plan.cache != nullptr)
            for (const SlotTable &st : plan.cache->tables)
                if (st.slot == first && st.span == span)
                    t = &st;
        if (t != nullptr) {
            auto *c = new OrdinalCounter(t);
            p.facets.push_back(c);
            p.group.parts.push_back(c);
        } else if (plan.values_spy) {
            auto *c = new MapCounter;
            p.facets.push_back(c);
            p.values.parts.push_back({first, first + span, c});
        } else {
            auto *c = new SlotCounter(d, first, span);
            p.facets.push_back(c);
            for (auto *s : c->spies)
                spies.push_back(s);
        }
    }
    if (!p.group.parts.empty())
        spies.push_back(&p.group);
    if (!p.values.parts.empty())
        spies.push_back(&p.values);
}

/* The terms of q when it is only terms ANDed or filtered together (the
 * usual "words" and "words field:value" queries). */
bool and_of_terms(const Xapian::Query &q, std::vector<std::string> &out)
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
 * what a facet count over a very common word pays. Local only, with
 * every facet cached.
 */
uint64_t intersect(const Xapian::Database &d, std::vector<std::string> terms,
                   OrdinalGroupSpy &spy, Xapian::docid lo, Xapian::docid hi)
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

/* The facet pass over d into p: every match of q among docids [lo, hi]
 * when hi > 0, no weights. */
void count_pass(const Xapian::Database &d, const Xapian::Query &q,
                const wx_search_spec *spec, const Plan &plan, Pass &p,
                Xapian::docid lo = 0, Xapian::docid hi = 0)
{
    std::vector<Xapian::MatchSpy *> spies;
    make_counters(d, p, spec, plan, spies);
    std::vector<std::string> terms;
    if (spies.size() == 1 && spies[0] == &p.group && and_of_terms(q, terms)) {
        p.exact = intersect(d, terms, p.group, lo, hi);
        p.has_exact = true;
        return;
    }
    Xapian::Query cq = q;
    if (hi > 0)
        cq = Xapian::Query(Xapian::Query::OP_FILTER, q,
                           Xapian::Query((new DocRange(lo, hi))->release()));
    Xapian::Enquire counter(d);
    counter.set_query(cq);
    counter.set_weighting_scheme(Xapian::BoolWeight());
    for (Xapian::MatchSpy *spy : spies)
        counter.add_matchspy(spy);
    if (spec->time_limit > 0)
        counter.set_time_limit(spec->time_limit);
    p.counted = counter.get_mset(0, 0, spec->check_at_least);
    p.has_counted = true;
}

/* The ranking pass over d into p: hits offset+limit at most, of the
 * matches of q among docids [lo, hi] when hi > 0. */
void rank_pass(const Xapian::Database &d, const Xapian::Query &q,
               const wx_search_spec *spec, unsigned check, Pass &p,
               Xapian::docid lo = 0, Xapian::docid hi = 0)
{
    Xapian::Query rq = q;
    if (hi > 0)
        rq = Xapian::Query(Xapian::Query::OP_FILTER, q,
                           Xapian::Query((new DocRange(lo, hi))->release()));
    Xapian::Enquire enq(d);
    enq.set_query(rq);
    if (spec->sort == WX_SORT_VALUE_ASC || spec->sort == WX_SORT_VALUE_DESC)
        enq.set_sort_by_value_then_relevance(
            spec->sort_slot, spec->sort == WX_SORT_VALUE_DESC);
    if (spec->time_limit > 0)
        enq.set_time_limit(spec->time_limit);
    p.mset = enq.get_mset(0, spec->offset + spec->limit, check);
}

/* Whether hit a ranks before hit b, in the matcher's own order: sort key
 * (when sorting by value), then weight, then docid. */
bool before(const Xapian::MSetIterator &a, const Xapian::MSetIterator &b,
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
void merge_page(wx_mset *ms, const wx_search_spec *spec)
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

/* One search into ms with the plan's speed-ups. Facets need every match
 * and rankings only the best: with facets there is a count that computes
 * no weights, then a ranking that may stop early. With a second reader
 * two cores share the work: without facets each ranks one half of the
 * docid range and the rankings are merged; with facets one counts while
 * the other ranks. */
void search(wx_db *db, const Xapian::Query &query, const wx_search_spec *spec,
            const Plan &plan, wx_mset *ms)
{
    const bool facets = spec->nfacets > 0;
    Xapian::Database *second = plan.second;
    if (second == nullptr) {
        if (facets)
            count_pass(*db->db, query, spec, plan, ms->pass[0]);
        rank_pass(*db->db, query, spec, facets ? 0 : spec->check_at_least,
                  ms->pass[0]);
        merge_page(ms, spec);
        return;
    }
    const bool halves = !facets;
    if (halves)
        ms->npass = 2;
    Xapian::docid last = db->db->get_lastdocid();
    Xapian::docid mid = last / 2;
    unsigned check = spec->check_at_least / 2 + 1;
    /* Xapian objects are not shared between threads: the other thread
     * gets its own query, rebuilt from the serialised form (DocRange is
     * added after), and its own database. */
    std::string qs = query.serialise();
    std::exception_ptr failed;
    std::thread t([&]() {
        try {
            Xapian::Query mine = Xapian::Query::unserialise(qs);
            if (halves)
                rank_pass(*second, mine, spec, check, ms->pass[1], 1, mid);
            else
                count_pass(*second, mine, spec, plan, ms->pass[0]);
        } catch (...) {
            failed = std::current_exception();
        }
    });
    try {
        if (halves)
            rank_pass(*db->db, query, spec, check, ms->pass[0], mid + 1,
                      last);
        else
            rank_pass(*db->db, query, spec, 0, ms->pass[0]);
    } catch (...) {
        t.join();
        throw;
    }
    t.join();
    if (failed)
        std::rethrow_exception(failed);
    merge_page(ms, spec);
}

}  // namespace

extern "C" {

wx_status wx_db_search(wx_db *db, const wx_query *q,
                       const wx_search_spec *spec, wx_mset **out,
                       wx_err *err)
{
    *out = nullptr;
    try {
        wx_mset *ms = new wx_mset;
        try {
            Plan plan = {nullptr, nullptr,
                         !spec->stock_spies && !db->has_remote};
            if (db->local) {
                plan.cache = spec->facet_cache;
                if (spec->split_min > 0 &&
                    db->db->get_doccount() >= spec->split_min)
                    plan.second = second_reader(db);
            }
            const Xapian::Query query =
                expand_wildcards(*db->db, q->q, spec->max_wildcard);
            try {
                search(db, query, spec, plan, ms);
            } catch (const Xapian::UnimplementedError &) {
                /* A remote part, which cannot run a local speed-up: the
                 * stock search gives the same answer, and this handle
                 * goes straight to it from now on. */
                if (plan.cache == nullptr && plan.second == nullptr &&
                    !plan.values_spy)
                    throw;
                db->has_remote = true;
                for (Pass &p : ms->pass)
                    p.clear();
                ms->npass = 1;
                ms->page.clear();
                search(db, query, spec, Plan{nullptr, nullptr, false}, ms);
            }
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
        std::string s = ms->pass[0].mset.snippet(
            std::string(text, len), length, wx_xapian_stem(lang), xf,
            hl_start, hl_end, omit);
        *out = wx_xapian_dup(s);
        return *out ? WX_OK : wx_err_set(err, WX_ENOMEM, "snippet");
    }
    WX_CATCH("snippet")
}

void wx_mset_each_facet(const wx_mset *ms, size_t j, wx_count_fn fn,
                        void *ctx)
{
    if (j < ms->pass[0].facets.size())
        ms->pass[0].facets[j]->each(fn, ctx);
}

/* ---- facet caches ---- */

wx_status wx_facet_cache_new(wx_db *db, const unsigned *slots,
                             const unsigned *spans, size_t n,
                             wx_facet_cache **out, wx_err *err)
{
    *out = nullptr;
    try {
        wx_facet_cache *fc = new wx_facet_cache;
        try {
            fc->rev = db->local ? db->db->get_revision() : 0;
            fc->lastdocid = db->db->get_lastdocid();
            if (db->local)
                fc->tables.resize(n);
            for (size_t j = 0; j < fc->tables.size(); j++) {
                SlotTable &t = fc->tables[j];
                t.slot = slots[j];
                t.span = spans ? spans[j] : 1;
                std::unordered_map<std::string, uint32_t> ordinal;
                /* (docid, ordinal) over every slot of the facet, then
                 * grouped by document. */
                std::vector<std::pair<Xapian::docid, uint32_t>> at;
                for (unsigned i = 0; i < t.span; i++) {
                    Xapian::valueno s = t.slot + i;
                    if (t.span > 1 && db->db->get_value_freq(s) == 0)
                        break;
                    for (auto v = db->db->valuestream_begin(s);
                         v != db->db->valuestream_end(s); ++v) {
                        const std::string val = *v;
                        auto it = ordinal.find(val);
                        if (it == ordinal.end()) {
                            it = ordinal
                                     .emplace(val, (uint32_t)t.names.size())
                                     .first;
                            t.names.push_back(val);
                        }
                        at.emplace_back(v.get_docid(), it->second);
                    }
                }
                std::stable_sort(at.begin(), at.end(),
                                 [](const std::pair<Xapian::docid, uint32_t> &a,
                                    const std::pair<Xapian::docid, uint32_t> &b) {
                                     return a.first < b.first;
                                 });
                t.start.reserve((size_t)fc->lastdocid + 2);
                t.ords.reserve(at.size());
                for (const auto &e : at) {
                    while (t.start.size() <= e.first)
                        t.start.push_back((uint32_t)t.ords.size());
                    t.ords.push_back(e.second);
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
        if (fc == nullptr)
            return false;
        if (!db->local)
            return true;   /* empty: nothing to keep current */
        return fc->rev == db->db->get_revision() &&
               fc->lastdocid == db->db->get_lastdocid();
    } catch (...) {
        return false;
    }
}

}  // extern "C"
