/*
 * wiredex-index: the command-line front of the indexer. Parses options
 * into wx_index_opts, calls the library (index.h, stats.h), prints the
 * summary and maps the outcome to an exit code. No Xapian and no format
 * knowledge here.
 */
#include "export.h"
#include "index.h"
#include "progress.h"
#include "stats.h"
#include "wx_exit.h"
#include "wx_log.h"
#include "wx_opt.h"
#include "wx_rank.h"
#include "wx_xapian.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: wiredex-index [--db DIR] [options] PATH...\n"
    "       wiredex-index [--db DIR] --delete ID...\n"
    "       wiredex-index [--db DIR] --stats [--json]\n"
    "\n"
    "Index news-wire article dumps (files, directories, - for stdin;\n"
    ".gz read transparently) into a wiredex database.\n"
    "\n"
    "  --db DIR           database (default $WIREDEX_DB, then ./wiredex.db)\n"
    "  --format FMT       auto (default), reuters-sgml, gigaword, text,\n"
    "                     jsonl (also JSON arrays and objects), ninjs,\n"
    "                     nitf, newsml, newsml1, anpa1312, iptc7901,\n"
    "                     teletype, csv, tsv\n"
    "  --include GLOB     in walks, read only files matching GLOB\n"
    "  --exclude GLOB     in walks, leave out files and folders matching\n"
    "                     GLOB (both repeatable; the last match decides;\n"
    "                     a GLOB with '/' matches the path below the\n"
    "                     folder, else the name)\n"
    "  --no-default-excludes  also read hidden files, README*, LICENSE*,\n"
    "                     COPYING*, editor backups and *.dtd\n"
    "  --path-meta PAT    fields from folder names: '{topic}/*',\n"
    "                     '{year}/{month}/*'\n"
    "  --columns LIST     CSV columns in order (title,body,-,date) or\n"
    "                     renames of CSV/JSON names (headline=title)\n"
    "  --map F=A:X,B:Y    map values of field F (topic=1:World,2:Sports)\n"
    "  --default-year Y   year for datelines that give none\n"
    "  --lang LANG        stemming language (default english; none)\n"
    "  --stemming MODE    some: words and stems (default; exact-word\n"
    "                     search works); all: stems only (faster, smaller)\n"
    "  --ranking SPEC     ranking the searcher uses on this index:\n"
    "                     bm25:k1=K,b=B (default bm25:k1=1.2,b=0.75),\n"
    "                     bm25+:k1=K,b=B, lm:mu=M, dph, pl2:c=C\n"
    "  --batch N          articles per commit (default 1000); memory\n"
    "                     grows with it, about 20 kB per article\n"
    "  --jobs N           build a new index with N threads (default:\n"
    "                     one per core, at most 8)\n"
    "  --shard-by PERIOD  year or month: DIR holds one index per period\n"
    "                     and a stub (XAPIANDB) listing them; search,\n"
    "                     --stats and --export read DIR as one index\n"
    "  --no-spelling      do not build spelling data (faster)\n"
    "  --strict           stop at the first malformed record or\n"
    "                     skipped file\n"
    "  --wait[=SECONDS]   wait for another writer of the index to finish\n"
    "                     (default: fail at once; no SECONDS: forever)\n"
    "  --progress         force the progress line; --quiet: no output\n"
    "  --delete ID...     remove articles by id\n"
    "  --stats [--json]   document count, sizes and facet counts\n"
    "  --export           every stored article as JSON Lines on stdout\n"
    "  --version, --help\n"
    "\n"
    "Exit status: 0 all indexed, 3 finished with skipped records or\n"
    "files,\n"
    "2 usage error, 1 fatal error.\n";

enum { OPT_INCLUDE = 300, OPT_EXCLUDE, OPT_NO_DEFAULT_EXCLUDES,
       OPT_PATH_META, OPT_COLUMNS, OPT_MAP };
enum { OPT_DB = 256, OPT_SHARD_BY, OPT_APPEND_ONLY, OPT_FORMAT, OPT_STEMMING, OPT_POSITIONS, OPT_RANKING, OPT_JOBS, OPT_EXPORT, OPT_DEFAULT_YEAR, OPT_LANG, OPT_BATCH,
       OPT_NO_SPELLING, OPT_STRICT, OPT_WAIT, OPT_PROGRESS, OPT_DELETE, OPT_STATS,
       OPT_JSON, OPT_VERSION, OPT_HELP };

static const struct option options[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"include", required_argument, NULL, OPT_INCLUDE},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"no-default-excludes", no_argument, NULL, OPT_NO_DEFAULT_EXCLUDES},
    {"path-meta", required_argument, NULL, OPT_PATH_META},
    {"columns", required_argument, NULL, OPT_COLUMNS},
    {"map", required_argument, NULL, OPT_MAP},
    {"default-year", required_argument, NULL, OPT_DEFAULT_YEAR},
    {"lang", required_argument, NULL, OPT_LANG},
    {"stemming", required_argument, NULL, OPT_STEMMING},
    {"positions", required_argument, NULL, OPT_POSITIONS},
    {"ranking", required_argument, NULL, OPT_RANKING},
    {"batch", required_argument, NULL, OPT_BATCH},
    {"jobs", required_argument, NULL, OPT_JOBS},
    {"append-only", no_argument, NULL, OPT_APPEND_ONLY},
    {"shard-by", required_argument, NULL, OPT_SHARD_BY},
    {"no-spelling", no_argument, NULL, OPT_NO_SPELLING},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"wait", optional_argument, NULL, OPT_WAIT},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"quiet", no_argument, NULL, 'q'},
    {"delete", no_argument, NULL, OPT_DELETE},
    {"stats", no_argument, NULL, OPT_STATS},
    {"export", no_argument, NULL, OPT_EXPORT},
    {"json", no_argument, NULL, OPT_JSON},
    {"version", no_argument, NULL, OPT_VERSION},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static int usage_error(const char *fmt, const char *arg)
{
    return wx_opt_usage("wiredex-index", fmt, arg);
}

/* "812 B", "27.6 kB", "1.3 MB": sizes people read at a glance. */
static const char *human(uint64_t n, char *buf, size_t size)
{
    static const char *const units[] = {"B", "kB", "MB", "GB", "TB"};
    double v = (double)n;
    size_t u = 0;
    while (v >= 1000 && u + 1 < sizeof units / sizeof *units) {
        v /= 1000;
        u++;
    }
    snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", v, units[u]);
    return buf;
}

/*
 * Every file accounted for: how many were found, read, excluded and
 * skipped, then one line per reason ("3 README*, e.g. x/README.TXT").
 */
static void file_summary(const wx_index_counts *c)
{
    if (c->files_excluded + c->files_skipped == 0)
        return;
    wx_notef("files: %llu found, %llu read, %llu excluded, %llu skipped",
             (unsigned long long)c->files_seen,
             (unsigned long long)c->files,
             (unsigned long long)c->files_excluded,
             (unsigned long long)c->files_skipped);
    for (int skipped = 0; skipped < 2; skipped++)
        for (size_t i = 0; i < c->ngroups; i++) {
            const wx_index_group *g = &c->groups[i];
            if (g->skipped != (skipped == 1))
                continue;
            wx_notef("  %s %llu: %s (%s%s)", skipped ? "skipped" : "excluded",
                     (unsigned long long)g->n, g->why,
                     g->n > 1 ? "e.g. " : "", g->example);
        }
}

static void summary(const wx_index_counts *c, double secs)
{
    char in[16], raw[16], stored[16], threads[32] = "", kept[96] = "";
    char notext[48] = "";
    if (c->notext > 0)
        snprintf(notext, sizeof notext, ", %llu without text",
                 (unsigned long long)c->notext);
    const char *scratch = c->scratch_cleared
                              ? "; the scratch of an unfinished build "
                                "removed"
                              : "";
    if (c->jobs > 1)
        snprintf(threads, sizeof threads, " on %u threads", c->jobs);
    file_summary(c);
    int k = 0;
    if (c->kept > 0)
        k = snprintf(kept, sizeof kept, ", %llu kept",
                     (unsigned long long)c->kept);
    if (c->duplicates > 0)
        snprintf(kept + k, sizeof kept - (size_t)k, ", %llu duplicates",
                 (unsigned long long)c->duplicates);
    wx_notef("%llu added, %llu replaced%s, %llu skipped%s; %s read, %s of "
             "text stored in %s (%.1f%%); %.1f s%s%s",
             (unsigned long long)c->added, (unsigned long long)c->replaced,
             kept, (unsigned long long)c->skipped, notext,
             human(c->bytes_in, in, sizeof in),
             human(c->raw_bytes, raw, sizeof raw),
             human(c->stored_bytes, stored, sizeof stored),
             c->raw_bytes ? 100.0 * (double)c->stored_bytes /
                                (double)c->raw_bytes : 0.0, secs, threads,
             scratch);
}

int main(int argc, char **argv)
{
    wx_log_init("wiredex-index");
    /* getopt names the program by argv[0]: the name, not the path. */
    static char prog[] = "wiredex-index";
    if (argc > 0)
        argv[0] = prog;
    wx_index_opts o;
    wx_index_opts_init(&o);
    bool quiet = false, force_progress = false, del = false, stats = false,
         json = false, export = false;
    enum { MAX_RULES = 128 };
    wx_walk_rule rules[MAX_RULES];
    const char *maps[MAX_RULES];
    o.rules = rules;
    o.maps = maps;
    long v;
    int c;
    while ((c = getopt_long(argc, argv, "q", options, NULL)) != -1) {
        switch (c) {
        case OPT_DB: o.db_path = optarg; break;
        case OPT_FORMAT:
            o.format = strcmp(optarg, "auto") == 0 ? NULL : optarg;
            break;
        case OPT_DEFAULT_YEAR:
            if (!wx_opt_num(optarg, 1, 9999, &v))
                return usage_error("--default-year: bad year '%s'", optarg);
            o.default_year = (int)v;
            break;
        case OPT_LANG: o.lang = optarg; break;
        case OPT_INCLUDE:
        case OPT_EXCLUDE:
            if (*optarg == '\0' || o.nrules == MAX_RULES)
                return usage_error("--include/--exclude: empty, or more "
                                   "than 128 (at '%s')", optarg);
            rules[o.nrules++] = (wx_walk_rule){optarg, c == OPT_INCLUDE};
            break;
        case OPT_NO_DEFAULT_EXCLUDES: o.no_default_excludes = true; break;
        case OPT_PATH_META: o.path_meta = optarg; break;
        case OPT_COLUMNS: o.columns = optarg; break;
        case OPT_MAP:
            if (o.nmaps == MAX_RULES)
                return usage_error("--map: more than 128 (at '%s')", optarg);
            maps[o.nmaps++] = optarg;
            break;
        case OPT_STEMMING:
            if (strcmp(optarg, "some") != 0 && strcmp(optarg, "all") != 0)
                return usage_error("--stemming: 'some' or 'all', not '%s'",
                                   optarg);
            o.stemming = optarg;
            break;
        case OPT_POSITIONS:
            /* Compact positions needed a MatchDecider and PostingSource
             * that stock xapian-tcpsrv servers cannot run (issue 17):
             * Xapian's position table is the only layout now. */
            if (strcmp(optarg, "xapian") != 0)
                return usage_error("--positions %s is withdrawn: word "
                                   "positions are kept in Xapian's "
                                   "position table, which shards and "
                                   "remote servers search alike",
                                   optarg);
            break;
        case OPT_RANKING: {
            wx_rank rk;
            wx_err e;
            if (wx_rank_parse(optarg, &rk, &e) != WX_OK)
                return usage_error("--ranking: %s", e.msg);
            o.ranking = optarg;
            break;
        }
        case OPT_BATCH:
            if (!wx_opt_num(optarg, 1, 10000000, &v))
                return usage_error("--batch: bad number '%s'", optarg);
            o.batch = (unsigned)v;
            break;
        case OPT_JOBS:
            if (!wx_opt_num(optarg, 1, 64, &v))
                return usage_error("--jobs: a number from 1 to 64, not '%s'",
                                   optarg);
            o.jobs = (unsigned)v;
            break;
        case OPT_APPEND_ONLY:
            /* A database without Xapian's termlist table cannot hand its
             * documents to a stock xapian-tcpsrv client (issue 17). */
            return usage_error("--append-only is withdrawn: %s",
                               "remote servers cannot read the documents "
                               "of an index without Xapian's termlist "
                               "table");
        case OPT_SHARD_BY:
            if (strcmp(optarg, "year") != 0 && strcmp(optarg, "month") != 0)
                return usage_error("--shard-by: 'year' or 'month', not '%s'",
                                   optarg);
            o.shard_by = optarg;
            break;
        case OPT_NO_SPELLING: o.spelling = false; break;
        case OPT_STRICT: o.strict = true; break;
        case OPT_WAIT:
            if (optarg == NULL)
                o.wait = -1;
            else if (wx_opt_num(optarg, 0, 31536000, &v))
                o.wait = (double)v;
            else
                return usage_error("--wait: seconds from 0 to 31536000, "
                                   "not '%s'", optarg);
            break;
        case OPT_PROGRESS: force_progress = true; break;
        case 'q': quiet = true; break;
        case OPT_DELETE: del = true; break;
        case OPT_STATS: stats = true; break;
        case OPT_EXPORT: export = true; break;
        case OPT_JSON: json = true; break;
        case OPT_VERSION:
            printf("wiredex-index 0.1 (Xapian %s)\n", wx_xapian_version());
            return wx_exit_close_stdout(WX_EXIT_OK);
        case OPT_HELP:
            fputs(usage, stdout);
            return wx_exit_close_stdout(WX_EXIT_OK);
        default:
            fputs("Try 'wiredex-index --help'.\n", stderr);
            return WX_EXIT_USAGE;
        }
    }
    if (o.db_path == NULL)
        o.db_path = getenv("WIREDEX_DB");
    if (o.db_path == NULL || *o.db_path == '\0')
        o.db_path = "./wiredex.db";
    wx_log_set_quiet(quiet);
    o.paths = (const char *const *)argv + optind;
    o.npaths = (size_t)(argc - optind);

    wx_err err;
    wx_err_clear(&err);
    wx_status st;
    if (stats || export) {
        if (o.npaths > 0)
            return usage_error("--stats and --export take no paths (got "
                               "'%s')", o.paths[0]);
        st = stats ? wx_stats_print(o.db_path, json, stdout, &err)
                   : wx_export_jsonl(o.db_path, stdout, &err);
        if (st != WX_OK)
            wx_errorf("%s", err.msg);
        return wx_exit_close_stdout(wx_exit_from_status(st));
    }
    if (o.npaths == 0)
        return usage_error("%s", del ? "--delete needs at least one id"
                                     : "no input paths given");
    wx_index_counts counts;
    double t0 = wx_progress_now();
    if (del) {
        st = wx_index_delete(o.db_path, o.paths, o.npaths, o.wait,
                             &counts, &err);
        if (st == WX_OK)
            wx_notef("%llu deleted, %llu not found",
                     (unsigned long long)counts.deleted,
                     (unsigned long long)counts.skipped);
    } else {
        o.progress = force_progress || (!quiet && isatty(STDERR_FILENO));
        st = wx_index_run(&o, &counts, &err);
        /* The error first; a summary only of a run that read something
         * (not "0 added ... 0 B read" after a bad option or path), and
         * none for a writer turned away by the lock: it did nothing. */
        if (st != WX_OK)
            wx_errorf("%s", err.msg);
        if (st != WX_ELOCKED &&
            (st == WX_OK || counts.bytes_in > 0 || counts.added > 0 ||
             counts.replaced > 0 || counts.skipped > 0))
            summary(&counts, wx_progress_now() - t0);
        wx_index_counts_free(&counts);
    }
    if (st != WX_OK) {
        if (del)
            wx_errorf("%s", err.msg);
        /* A --strict stop is a failure of the run, not a partial one. */
        return wx_exit_close_stdout(st == WX_EFORMAT
                                        ? WX_EXIT_FATAL
                                        : wx_exit_from_status(st));
    }
    return wx_exit_close_stdout(counts.skipped || counts.files_skipped
                                    ? WX_EXIT_PARTIAL
                                    : WX_EXIT_OK);
}
