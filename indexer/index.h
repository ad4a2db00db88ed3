/*
 * The indexing library entry points the wiredex-index front end calls:
 * expand paths, detect formats, read articles, turn them into Xapian
 * documents through the schema table, and commit in batches. No option
 * parsing and no printing of results here (progress and per-record
 * diagnostics go to stderr through wx_log and progress.h).
 */
#ifndef WX_INDEX_H
#define WX_INDEX_H

#include "walk.h"
#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wx_index_opts {
    const char *db_path;
    const char *format;          /* a reader name, or NULL for detection */
    const char *const *paths;    /* files, directories, "-" for stdin */
    size_t npaths;
    const char *lang;            /* stemmer language; NULL: the index's,
                                    "english" for a new one */
    const char *stemming;        /* "some" (words and stems) or "all"
                                    (stems only); NULL: the index's,
                                    "some" for a new one */
    const char *ranking;         /* wx_rank.h text recorded for the
                                    searcher; NULL: the index's, the
                                    defaults for a new one */
    unsigned batch;              /* articles per commit */
    unsigned jobs;               /* worker threads for a new index;
                                    0: one per core, at most 8 */
    int default_year;            /* for dates without a year; 0 unset */
    const wx_walk_rule *rules;   /* --include/--exclude, in order */
    size_t nrules;
    bool no_default_excludes;    /* --no-default-excludes */
    const char *path_meta;       /* --path-meta pattern, or NULL */
    const char *columns;         /* --columns, or NULL */
    const char *const *maps;     /* --map specs */
    size_t nmaps;
    bool strict;                 /* stop at the first bad record */
    bool progress;               /* draw a progress line on stderr */
    bool spelling;               /* keep Xapian's spelling table in step */
    const char *shard_by;        /* "year" or "month": db_path is an
                                    archive of period shards under a stub
                                    (archive.h); NULL: one index */
    double wait;                 /* seconds to wait for another writer's
                                    lock; 0 fail at once, < 0 forever */
} wx_index_opts;

/* Files excluded or skipped for one reason: for the summary. */
typedef struct wx_index_group {
    char *why;               /* "README*", "unrecognised format"... */
    bool skipped;            /* skipped (exit 3), else excluded by a rule */
    uint64_t n;
    char *example;           /* the first such file */
} wx_index_group;

typedef struct wx_index_counts {
    uint64_t added;          /* new articles */
    uint64_t replaced;       /* articles whose id was already indexed */
    uint64_t kept;           /* the same, left as they were (an
                                append-only index) */
    uint64_t skipped;        /* malformed records, reported on stderr */
    uint64_t notext;         /* records without article text (pictures,
                                packages, empty records): noted, left
                                out, not an error */
    uint64_t deleted;        /* --delete */
    uint64_t files;          /* files read */
    uint64_t files_seen;     /* every entry the paths named or a walk met */
    uint64_t files_excluded; /* left out by a rule (not an error) */
    uint64_t files_skipped;  /* could not be read or recognised (exit 3) */
    uint64_t duplicates;     /* texts identical to one read before in this
                                run (no id of their own), not indexed */
    wx_index_group *groups;  /* excluded and skipped files by reason */
    size_t ngroups;
    uint64_t repaired;       /* articles whose invalid UTF-8 was repaired */
    uint64_t bytes_in;       /* input bytes read (uncompressed) */
    uint64_t raw_bytes;      /* article text bytes (title + body) */
    uint64_t stored_bytes;   /* compressed stored records */
    unsigned jobs;           /* threads of a parallel build; 0: one */
    bool scratch_cleared;    /* a killed build's leftovers were removed */
} wx_index_counts;

/* Documents written into the database so far (added or replaced). */
static inline uint64_t wx_index_written(const wx_index_counts *c)
{
    return c->added + c->replaced;
}

/* Free the groups of a run's counts (the numbers stay). */
void wx_index_counts_free(wx_index_counts *c);

/* Set the defaults every front end starts from. */
void wx_index_opts_init(wx_index_opts *o);

/*
 * Index opts->paths into opts->db_path (created when missing). Each bad
 * record is reported as "file:line: reason" on stderr, counted as
 * skipped, and indexing goes on (WX_EFORMAT at the first with strict).
 * Returns WX_OK even when records were skipped (see counts->skipped);
 * WX_EIO/WX_EDB/WX_ELOCKED/... for failures that stop the run. Every
 * batch committed before a failure or a kill stays committed.
 * The writer lock (writer.h) is taken before anything is touched:
 * WX_ELOCKED with nothing counted when another writer keeps it past
 * opts->wait. A new index is built beside db_path and renamed into
 * place once stamped (a sequential build, before its first batch; a
 * parallel one, once merged), so it appears whole or not at all.
 */
wx_status wx_index_run(const wx_index_opts *opts, wx_index_counts *counts,
                       wx_err *err);

/* Delete the articles with the given ids; missing ids are reported on
 * stderr and counted as skipped. Takes the writer lock as
 * wx_index_run does, waiting wait seconds (< 0 forever). */
wx_status wx_index_delete(const char *db_path, const char *const *ids,
                          size_t n, double wait, wx_index_counts *counts,
                          wx_err *err);

#endif
