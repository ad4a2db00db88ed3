/*
 * wiredex-search: the command-line front of the search module. Parses
 * options into a wx_search_request, runs it (search.h), renders it with
 * a printer and maps the outcome to an exit code. Started by a web
 * server it hands over to the CGI front (cgi.h). No Xapian here.
 */
#include "cgi.h"
#include "printer.h"
#include "search.h"
#include "show.h"
#include "wx_exit.h"
#include "wx_log.h"
#include "wx_opt.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: wiredex-search [--db DIR] [options] QUERY...\n"
    "       wiredex-search [--db DIR] --show ID [--json] [QUERY...]\n"
    "       wiredex-search [--db DIR] --like ID [options]\n"
    "\n"
    "Search a wiredex index, ranked by BM25 with title matches weighing\n"
    "more. Text is read as words: a question or a pasted paragraph finds\n"
    "the articles that match it best; up to 4 words (stopwords dropped)\n"
    "must all match, unless no article has them all.\n"
    "Text clearly written as syntax is syntax: \"exact phrase\", +word,\n"
    "-word, AND, OR, NOT, NEAR between words, embass*, ( ), title:word,\n"
    "agency:EFE, dateline:\"new york\", topic:cocoa, place:usa, id:ID,\n"
    "year:1987, month:1987-02, type:T, date:1987-03-01..1987-03-31\n"
    "(either end may be left open). Field values match case-insensitively;\n"
    "quote multi-word values.\n"
    "\n"
    "  --db DIR             index (default $WIREDEX_DB, then ./wiredex.db)\n"
    "  --format FMT         text (default), json (one document, the\n"
    "                       CGI's contract), jsonl (one hit a line) or\n"
    "                       csv (one hit a row, for spreadsheets)\n"
    "  --json               the same as --format json\n"
    "  --count              print only the number of matches\n"
    "  --limit N            hits per page (default 10, at most 1000)\n"
    "  --offset N           first hit, from 0 (at most 100000)\n"
    "  --sort ORDER         relevance (default), date (oldest first),\n"
    "                       -date (newest first); no words: -date\n"
    "  --facets LIST        count agency,dateline,topic,place,year,month,\n"
    "                       type (or all) over all matches\n"
    "  --facet-limit N      values per facet (default 10, at most 1000)\n"
    "  --histogram PERIOD   matches per year, month or day, in date\n"
    "                       order, over all matches\n"
    "  --filter FIELD:VAL   keep matches with this field value\n"
    "                       (repeatable; like FIELD:\"VAL\" in the query)\n"
    "  --from DATE, --to DATE  date bounds (YYYY[-MM[-DD]])\n"
    "  --snippet-length N   snippet bytes (default 200, at most 2000;\n"
    "                       0 for none)\n"
    "  --color[=WHEN]       highlight: auto (default: on a terminal),\n"
    "                       always, never\n"
    "  --lang LANG          stemming language (default: the index's)\n"
    "  --no-stem            match words exactly as typed\n"
    "  --match MODE         auto (default), all (every word), any (ranked\n"
    "                       by how well the words match)\n"
    "  --syntax MODE        auto (default: syntax when written so and\n"
    "                       valid), on (malformed syntax is an error),\n"
    "                       off (all text is words)\n"
    "  --like ID            articles like this one (its most telling\n"
    "                       words, ranked; itself excluded)\n"
    "  --ranking SPEC       bm25:k1=K,b=B, bm25+:k1=K,b=B, lm:mu=M, dph,\n"
    "                       pl2:c=C (default: the index's, else\n"
    "                       bm25:k1=1.2,b=0.75)\n"
    "  --show ID [QUERY]    print the stored article (--json: record),\n"
    "                       QUERY's words highlighted when in colour\n"
    "  --version, --help\n"
    "\n"
    "Exit status: 0 success (also with no matches), 2 usage error or\n"
    "malformed query, 1 missing or unreadable index, other failures.\n";

enum { OPT_DB = 256, OPT_JSON, OPT_COUNT, OPT_LIMIT, OPT_OFFSET, OPT_SORT,
       OPT_FACETS, OPT_FACET_LIMIT, OPT_FILTER, OPT_FROM, OPT_TO,
       OPT_SNIPPET, OPT_COLOR, OPT_LANG, OPT_NO_STEM, OPT_SHOW, OPT_VERSION,
       OPT_HELP, OPT_MATCH, OPT_SYNTAX, OPT_RANKING, OPT_LIKE, OPT_FORMAT,
       OPT_HISTOGRAM };

static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"json", no_argument, NULL, OPT_JSON},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"histogram", required_argument, NULL, OPT_HISTOGRAM},
    {"count", no_argument, NULL, OPT_COUNT},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"offset", required_argument, NULL, OPT_OFFSET},
    {"sort", required_argument, NULL, OPT_SORT},
    {"facets", required_argument, NULL, OPT_FACETS},
    {"facet-limit", required_argument, NULL, OPT_FACET_LIMIT},
    {"filter", required_argument, NULL, OPT_FILTER},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"snippet-length", required_argument, NULL, OPT_SNIPPET},
    {"color", optional_argument, NULL, OPT_COLOR},
    {"colour", optional_argument, NULL, OPT_COLOR},
    {"lang", required_argument, NULL, OPT_LANG},
    {"no-stem", no_argument, NULL, OPT_NO_STEM},
    {"match", required_argument, NULL, OPT_MATCH},
    {"syntax", required_argument, NULL, OPT_SYNTAX},
    {"ranking", required_argument, NULL, OPT_RANKING},
    {"like", required_argument, NULL, OPT_LIKE},
    {"show", required_argument, NULL, OPT_SHOW},
    {"version", no_argument, NULL, OPT_VERSION},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

/* Everything the options asked for beyond the request itself. */
typedef struct cli {
    wx_search_request rq;
    const char *db;
    const char *show;
    const wx_printer_ops *format;   /* text unless --format or --json */
    bool json;
    bool count;
    int color;          /* -1 auto, 0 never, 1 always */
    char *query;        /* the QUERY words joined; owned */
} cli;

/* Output larger than this is refused rather than buffered. */
enum { OUT_MAX = 256 << 20 };

static int usage_error(const char *fmt, const char *arg)
{
    return wx_opt_usage("wiredex-search", fmt, arg);
}

/* A bounded number option; on failure prints why and returns false. */
static bool num_opt(const char *name, const char *arg, long hi,
                    unsigned *out)
{
    long v;
    if (!wx_opt_num(arg, 0, hi, &v)) {
        fprintf(stderr, "wiredex-search: %s: '%s' is not a number from 0 "
                "to %ld\nTry 'wiredex-search --help'.\n", name, arg, hi);
        return false;
    }
    *out = (unsigned)v;
    return true;
}

/* --filter FIELD:VALUE (or FIELD=VALUE). */
static wx_status add_filter(wx_search_request *rq, char *arg, wx_err *err)
{
    char *sep = strpbrk(arg, ":=");
    if (sep == NULL)
        return wx_err_set(err, WX_EINVAL, "--filter: '%.60s' is not "
                          "FIELD:VALUE", arg);
    *sep = '\0';
    return wx_search_request_add_filter(rq, arg, sep + 1, err);
}

/* Parse argv into c; returns -1 to go on, or an exit code (main closes
 * stdout once either way). */
static int parse_args(int argc, char **argv, cli *c)
{
    wx_err err;
    wx_err_clear(&err);
    int o;
    while ((o = getopt_long(argc, argv, "hn:", options, NULL)) != -1) {
        wx_status st = WX_OK;
        switch (o) {
        case OPT_DB: c->db = optarg; break;
        case OPT_JSON:
            c->json = true;
            c->format = &wx_printer_json_ops;
            break;
        case OPT_FORMAT:
            c->format = wx_printer_find(optarg);
            if (c->format == NULL)
                return usage_error("--format: '%s' is not text, json, "
                                   "jsonl or csv", optarg);
            c->json = c->format == &wx_printer_json_ops;
            break;
        case OPT_HISTOGRAM:
            st = wx_search_request_set_histogram(&c->rq, optarg, &err);
            break;
        case OPT_COUNT: c->count = true; break;
        case 'n':
        case OPT_LIMIT:
            if (!num_opt("--limit", optarg, WX_MAX_LIMIT, &c->rq.limit))
                return WX_EXIT_USAGE;
            break;
        case OPT_OFFSET:
            if (!num_opt("--offset", optarg, WX_MAX_OFFSET, &c->rq.offset))
                return WX_EXIT_USAGE;
            break;
        case OPT_SORT:
            st = wx_search_request_set_sort(&c->rq, optarg, &err);
            break;
        case OPT_FACETS:
            st = wx_search_request_set_facets(&c->rq, optarg, &err);
            break;
        case OPT_FACET_LIMIT:
            if (!num_opt("--facet-limit", optarg, WX_MAX_FACET_LIMIT,
                         &c->rq.facet_limit))
                return WX_EXIT_USAGE;
            if (c->rq.facet_limit == 0)
                return usage_error("--facet-limit: %s", "must be at least 1");
            break;
        case OPT_FILTER: st = add_filter(&c->rq, optarg, &err); break;
        case OPT_FROM: c->rq.date_from = optarg; break;
        case OPT_TO: c->rq.date_to = optarg; break;
        case OPT_SNIPPET:
            if (!num_opt("--snippet-length", optarg, WX_MAX_SNIPPET,
                         &c->rq.snippet_length))
                return WX_EXIT_USAGE;
            break;
        case OPT_COLOR:
            if (optarg == NULL || strcmp(optarg, "always") == 0)
                c->color = 1;
            else if (strcmp(optarg, "never") == 0)
                c->color = 0;
            else if (strcmp(optarg, "auto") == 0)
                c->color = -1;
            else
                return usage_error("--color: '%s' is not auto, always or "
                                   "never", optarg);
            break;
        case OPT_LANG: c->rq.lang = optarg; break;
        case OPT_NO_STEM: c->rq.no_stem = true; break;
        case OPT_MATCH:
            st = wx_search_request_set_match(&c->rq, optarg, &err);
            break;
        case OPT_SYNTAX:
            st = wx_search_request_set_syntax(&c->rq, optarg, &err);
            break;
        case OPT_LIKE: c->rq.like = optarg; break;
        case OPT_RANKING:
            c->rq.ranking = optarg;
            st = wx_search_request_check(&c->rq, &err);
            break;
        case OPT_SHOW: c->show = optarg; break;
        case OPT_VERSION:
            printf("wiredex-search 0.1\n");
            return WX_EXIT_OK;
        case 'h':
        case OPT_HELP:
            fputs(usage, stdout);
            return WX_EXIT_OK;
        default:
            fputs("Try 'wiredex-search --help'.\n", stderr);
            return WX_EXIT_USAGE;
        }
        if (st != WX_OK)
            return usage_error("%s", err.msg);
    }
    /* The query is every remaining word, joined by spaces; its size is
     * checked by the search module (WX_MAX_QUERY_BYTES). */
    wx_buf q;
    wx_buf_init(&q, OUT_MAX);
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            wx_buf_putc(&q, ' ');
        wx_buf_puts(&q, argv[i]);
    }
    wx_buf_putc(&q, '\0');
    c->query = wx_buf_steal(&q);
    wx_buf_free(&q);
    if (c->query == NULL) {
        wx_errorf("out of memory");
        return WX_EXIT_FATAL;
    }
    c->rq.query = c->query;
    if (c->rq.like != NULL && optind < argc)
        return usage_error("--like takes no query (got '%s')", argv[optind]);
    bool browse = c->rq.like != NULL || c->rq.nfilters > 0 ||
                  c->rq.nfacets > 0 ||
                  c->rq.histogram != WX_HIST_NONE ||
                  c->rq.date_from != NULL || c->rq.date_to != NULL;
    if (c->show == NULL && optind == argc && !browse)
        return usage_error("%s", "no query given");
    return -1;
}

static bool want_color(int color)
{
    if (color >= 0)
        return color == 1;
    const char *term = getenv("TERM");
    const char *no = getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && (term == NULL || strcmp(term, "dumb")) &&
           (no == NULL || *no == '\0');
}

static const char *db_path(const char *opt)
{
    if (opt != NULL)
        return opt;
    const char *env = getenv("WIREDEX_DB");
    return env != NULL && *env != '\0' ? env : "./wiredex.db";
}

static int run(cli *c)
{
    wx_err err;
    wx_err_clear(&err);
    wx_search *s = NULL;
    wx_search_result res;
    wx_search_result_init(&res);
    wx_buf out;
    wx_buf_init(&out, OUT_MAX);

    wx_status st = wx_search_open(db_path(c->db), &s, &err);
    if (st == WX_OK && c->show != NULL) {
        st = wx_show_article(s, c->show, c->json, c->query,
                             want_color(c->color), &out, &err);
    } else if (st == WX_OK) {
        if (c->count) {
            c->rq.limit = 0;
            c->rq.exact_total = true;
        }
        st = wx_search_run(s, &c->rq, &res, &err);
        bool text = c->format == &wx_printer_text_ops;
        wx_print_opts po = {.color = text && want_color(c->color),
                            .count_only = c->count && text};
        if (st == WX_OK)
            st = wx_printer_render(c->format, &po, &res, &out, &err);
    }
    if (st == WX_OK && out.len > 0 &&
        fwrite(out.data, 1, out.len, stdout) != out.len)
        st = WX_EIO;  /* reported by wx_exit_close_stdout() */
    if (st != WX_OK && st != WX_EIO)
        wx_errorf("%s", err.msg);
    wx_buf_free(&out);
    wx_search_result_free(&res);
    wx_search_close(s);
    return st == WX_EIO ? WX_EXIT_FATAL : wx_exit_from_status(st);
}

int main(int argc, char **argv)
{
    /*
     * CGI HOOK (issue 4): started by a web server (GATEWAY_INTERFACE set)
     * or under a name ending in ".cgi", the same binary serves HTTP
     * through the same search module. cgi.c owns everything from here.
     */
    if (wx_cgi_detect(argc > 0 ? argv[0] : NULL))
        return wx_cgi_main(argc, argv);

    wx_log_init("wiredex-search");
    cli c;
    memset(&c, 0, sizeof c);
    wx_search_request_init(&c.rq);
    c.color = -1;
    c.format = &wx_printer_text_ops;
    /* getopt names the program by argv[0]: the name, not the path. */
    static char prog[] = "wiredex-search";
    if (argc > 0)
        argv[0] = prog;
    int code = parse_args(argc, argv, &c);
    if (code < 0)
        code = run(&c);
    free(c.query);
    return wx_exit_close_stdout(code);
}
