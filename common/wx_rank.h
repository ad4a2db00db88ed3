/*
 * Ranking settings: which of Xapian's weighting schemes ranks hits and
 * with which parameters, written as text ("bm25:k1=1.2,b=0.75") for an
 * option, the web and the index metadata (WX_META_RANKING), so that an
 * index carries the settings chosen for it. Parsing and printing only;
 * the searcher hands the result to the Xapian wrapper.
 */
#ifndef WX_RANK_H
#define WX_RANK_H

#include "wx_status.h"

#include <stddef.h>

typedef enum wx_rank_scheme {
    WX_RANK_BM25,       /* k1, b */
    WX_RANK_BM25PLUS,   /* k1, b (delta 1) */
    WX_RANK_LM,         /* Dirichlet language model: mu */
    WX_RANK_DPH,        /* divergence from randomness, no parameters */
    WX_RANK_PL2,        /* divergence from randomness: c */
    WX_RANK_SCHEME_COUNT
} wx_rank_scheme;

typedef struct wx_rank {
    wx_rank_scheme scheme;
    double k1, b;       /* BM25, BM25+ */
    double param;       /* LM: mu; PL2: c */
    double fb;          /* pseudo-relevance feedback: the top fb hits'
                           telling words are added to a ranked query of
                           words (0: off) */
    double fbterms;     /* that many words */
    double fbw;         /* weighing this much against the query's own */
    double prox;        /* weight of neighbouring query words found near
                           each other in an article (0: off) */
} wx_rank;

/* The defaults, chosen with `make eval` (README.md, "Ranking"):
 * bm25:k1=1.2,b=0.75,fb=3,fbterms=20,fbw=0.3,prox=0. */
void wx_rank_default(wx_rank *r);

/*
 * Parse "SCHEME[:NAME=VALUE[,NAME=VALUE]...]" into *r: schemes bm25,
 * bm25+, lm, dph, pl2; names k1 (0..10), b (0..1) for the BM25 schemes,
 * mu (1..100000) for lm, c (0.01..100) for pl2, and for any scheme fb
 * (0..50 feedback hits), fbterms (1..100), fbw (0..2), prox (0..2); unnamed
 * parameters keep their defaults. WX_EINVAL names what is wrong; *r unchanged then.
 */
wx_status wx_rank_parse(const char *s, wx_rank *r, wx_err *err);

/* The canonical text of r into out (parseable by wx_rank_parse). */
void wx_rank_format(const wx_rank *r, char *out, size_t size);

#endif
