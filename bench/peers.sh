#!/usr/bin/env bash
# Peer side of `make bench`: index and query the benchmark corpora with
# SQLite FTS5, Xapian omega (scriptindex + omega CGI) and Lucene 8.7, and
# print one JSON object per peer per corpus (see bench/README.md).
#
#   bench/peers.sh [CORPUS...]        CORPUS: 1x 10x 1m (default: see corpus.sh)
#
# Env (defaults in brackets; quick mode values after the slash):
#   BENCH_DIR        cache/work dir, never inside the repo [/tmp/wiredex-bench]
#   BENCH_QUICK=1    1x only, one run, fewer repetitions: about 1 minute
#   BENCH_RUNS       repetitions of each timing; median + min/max [3 / 1]
#   BENCH_REPS       timed passes over queries.txt in a warm run [5 / 2]
#   BENCH_WARMUP     untimed passes before them (Lucene needs ~10 for the
#                    JIT to settle) [10 / 5]
#   BENCH_COLD_RUNS  cold requests per run (median taken) [11 / 5]
#   BENCH_COLD_QUERY query line of the cold request ["trade deficit japan"]
#   BENCH_DROP_CACHES=1  drop the page cache before each cold request
#                    (root; whole machine) - default is a cold *process*
#                    with a warm page cache
#   BENCH_PEERS      subset/order of peers ["fts5 omega lucene"]
#   BENCH_QUERIES    query file [bench/queries.txt]
#   BENCH_SCALE=1m   also the 1M-article corpus (when no CORPUS given)
#
# Output: JSON Lines on stdout and in $BENCH_DIR/peers-<corpus>.json;
# progress on stderr.  Only local files are used; apt is the only network.
set -euo pipefail

# The whole script is one { } block, which bash parses before running it:
# editing this file during a (long) run cannot change the running script.
{

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
DIR=${BENCH_DIR:-/tmp/wiredex-bench}
export BENCH_DIR=$DIR           # corpus.sh must use the same cache

if [[ ${BENCH_QUICK:-0} == 1 ]]; then
    q_runs=1 q_reps=2 q_warm=5 q_cold=5
else
    q_runs=3 q_reps=5 q_warm=10 q_cold=11
fi
RUNS=${BENCH_RUNS:-$q_runs}
REPS=${BENCH_REPS:-$q_reps}
WARMUP=${BENCH_WARMUP:-$q_warm}
COLD_RUNS=${BENCH_COLD_RUNS:-$q_cold}
COLD_QUERY=${BENCH_COLD_QUERY:-trade deficit japan}
PEERS=${BENCH_PEERS:-fts5 omega lucene}
QUERIES=${BENCH_QUERIES:-$BENCH/queries.txt}
LIB=$BENCH/peers/benchlib.py
# Debian's interpreter, not a pyenv/venv shim found first on PATH: a shim
# adds tens of ms to every start (the converter runs inside a timing).
PY=python3
[[ -x /usr/bin/python3 ]] && PY=/usr/bin/python3
COLD_FLAGS=()
[[ ${BENCH_DROP_CACHES:-0} == 1 ]] && COLD_FLAGS=(--drop-caches)

log() { echo "peers: $*" >&2; }
die() { echo "peers: error: $*" >&2; exit 1; }

# ------------------------------------------------------------ packages

# Install only what `dpkg -s` says is missing, and only as root: the bench
# must not touch a developer's machine behind their back.
ensure_packages() {
    local missing=() p
    for p in "$@"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    ((${#missing[@]} == 0)) && return 0
    ((EUID == 0)) || die "missing packages: ${missing[*]} (run as root or apt-get install them)"
    log "installing ${missing[*]}"
    # A stale package list is the usual reason for failure: update, retry.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 ||
        { apt-get update -q >&2 &&
          DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2; }
}

pkgs=(time python3)
for peer in $PEERS; do
    case $peer in
        fts5)   pkgs+=(sqlite3 libsqlite3-dev gcc libc6-dev) ;;
        omega)  pkgs+=(xapian-omega) ;;
        lucene) pkgs+=(liblucene8-java default-jdk-headless) ;;
        *)      die "unknown peer '$peer' (fts5 omega lucene)" ;;
    esac
done
ensure_packages "${pkgs[@]}"

# ------------------------------------------------------------ build

# Build products live in $DIR/bin, never in the repo; rebuilt when the
# source is newer.
mkdir -p "$DIR/bin"
FTS5BIN=$DIR/bin/fts5bench
LUCENE_CP=
for peer in $PEERS; do
    case $peer in
    fts5)
        if [[ ! -x $FTS5BIN || $BENCH/peers/fts5.c -nt $FTS5BIN ]]; then
            log "building $FTS5BIN"
            cc -O2 -Wall -Wextra -o "$FTS5BIN" "$BENCH/peers/fts5.c" -lsqlite3
        fi ;;
    lucene)
        # Debian ships versioned jar names (lucene-core-8.7.0.jar).
        for j in core analyzers-common queries highlighter facet memory; do
            jar=$(ls /usr/share/java/lucene-"$j"-8*.jar 2>/dev/null | head -n1) ||
                true
            [[ -n $jar ]] || die "no lucene-$j-8*.jar in /usr/share/java"
            LUCENE_CP+=${LUCENE_CP:+:}$jar
        done
        if [[ ! -f $DIR/bin/lucene/LuceneBench.class ||
              $BENCH/peers/LuceneBench.java -nt $DIR/bin/lucene/LuceneBench.class ]]; then
            log "compiling LuceneBench"
            rm -rf "$DIR/bin/lucene"
            javac -d "$DIR/bin/lucene" -cp "$LUCENE_CP" "$BENCH/peers/LuceneBench.java"
        fi
        LUCENE_CP=$DIR/bin/lucene:$LUCENE_CP ;;
    omega)
        # omega reads its config from OMEGA_CONFIG_FILE; the template
        # "bench" prints plain-text hits (id, date, title, snippet).
        mkdir -p "$DIR"/omega-{db,templates,log,cdb}
        cp "$BENCH/peers/omega/bench" "$DIR/omega-templates/bench"
        sed "s|@DIR@|$DIR|g" "$BENCH/peers/omega/omega.conf.in" >"$DIR/omega.conf" ;;
    esac
done
OMEGA=/usr/lib/cgi-bin/omega/omega

# ------------------------------------------------------------ peers

# Each peer provides: <peer>_index_path CNAME, <peer>_index CORPUS INDEX
# (run under /usr/bin/time, hence exported), <peer>_warm INDEX CNAME,
# <peer>_cold INDEX (sets COLD_CMD, the command benchlib timecmd times),
# <peer>_version, <peer>_note.

fts5_index_path() { echo "$DIR/index/fts5-$1.db"; }
fts5_index()      { "$FTS5BIN" index "$2" "$1" >/dev/null; }
fts5_warm()       { "$FTS5BIN" warm "$1" "$QUERIES" "$REPS" "$WARMUP"; }
fts5_cold()       { COLD_CMD=("$FTS5BIN" cold "$1"); }
fts5_version()    { echo "sqlite $(sqlite3 --version | cut -d' ' -f1)"; }
fts5_note()       { echo "porter unicode61, bm25(3,1), snippet(); filters and facets via a (docid,kind,value) table"; }

omega_index_path() { echo "$DIR/omega-db/$1"; }
# Converter and scriptindex run as one pipeline (both cores): indexing
# cost is from JSONL, as for the other peers.
omega_index() {
    bash -c 'set -o pipefail; "$PY" "$0" "$1" | scriptindex "$2" "$3" >/dev/null' \
        "$BENCH/peers/jsonl2omega.py" "$1" "$2" "$BENCH/peers/omega/wiredex.script"
}
omega_warm() { "$PY" "$LIB" omega-warm "$DIR/omega.conf" "$2" "$QUERIES" "$REPS" "$WARMUP"; }
omega_cold() { COLD_CMD=("$OMEGA"); }
omega_version() { echo "xapian-omega $(dpkg-query -W -f='${Version}' xapian-omega)"; }
omega_note() { echo "warm = one CGI process per request (omega has no resident mode); no facet counts in omega"; }

lucene_index_path() { echo "$DIR/index/lucene-$1"; }
lucene_index() { java -cp "$LUCENE_CP" LuceneBench index "$2" "$1" >/dev/null; }
lucene_warm()  { java -cp "$LUCENE_CP" LuceneBench warm "$1" "$QUERIES" "$REPS" "$WARMUP"; }
lucene_cold()  { COLD_CMD=(java -cp "$LUCENE_CP" LuceneBench cold "$1"); }
lucene_version() {
    echo "lucene $(basename /usr/share/java/lucene-core-8*.jar .jar | sed 's/lucene-core-//'),"\
         "java $(java -version 2>&1 | head -n1 | cut -d'"' -f2)"
}
lucene_note() { echo "EnglishAnalyzer, BM25, title boost 3, UnifiedHighlighter, SortedSetDocValues facets; JVM default flags, cold includes JVM start"; }

# /usr/bin/time runs the index functions in a child bash.
export BENCH FTS5BIN LUCENE_CP PY
export -f fts5_index omega_index lucene_index

# run_peer PEER CNAME CORPUS -> one JSON line on stdout
run_peer() {
    local peer=$1 cname=$2 corpus=$3 idx work i
    idx=$("${peer}_index_path" "$cname")
    work=$DIR/work/$cname/$peer
    rm -rf "$work"
    mkdir -p "$work" "$DIR/index"

    # Bulk index, RUNS times from scratch; the corpus is in the page cache.
    for ((i = 1; i <= RUNS; i++)); do
        log "$peer $cname: index run $i/$RUNS"
        rm -rf "$idx"
        /usr/bin/time -f '%e %U %S %M' -o "$work/index-time.$i" \
            bash -c '"$0" "$@"' "${peer}_index" "$corpus" "$idx" ||
            die "$peer: indexing failed"
    done

    # Warm: one long-lived process (omega: one process per request).
    for ((i = 1; i <= RUNS; i++)); do
        log "$peer $cname: warm run $i/$RUNS"
        "${peer}_warm" "$idx" "$cname" >"$work/warm.$i"
    done

    # Cold: a fresh process per request.  omega takes its query from the
    # environment, the others from argv.
    "${peer}_cold" "$idx"
    for ((i = 1; i <= RUNS; i++)); do
        log "$peer $cname: cold run $i/$RUNS"
        if [[ $peer == omega ]]; then
            OMEGA_CONFIG_FILE=$DIR/omega.conf REQUEST_METHOD=GET \
            QUERY_STRING=$("$PY" "$LIB" omega-qs "$cname" "$COLD_QUERY") \
                "$PY" "$LIB" timecmd "$COLD_RUNS" "${COLD_FLAGS[@]}" -- "${COLD_CMD[@]}" >"$work/cold.$i"
        else
            "$PY" "$LIB" timecmd "$COLD_RUNS" "${COLD_FLAGS[@]}" -- "${COLD_CMD[@]}" "$COLD_QUERY" >"$work/cold.$i"
        fi
    done

    {
        echo "docs=$(grep -c . "$corpus")"
        echo "runs=$RUNS"
        echo "index_bytes=$(du -sb "$idx" | cut -f1)"
        echo "cold_query=$COLD_QUERY"
        echo "version=$("${peer}_version")"
        echo "note=$("${peer}_note")"
        echo "cold_page_cache=$([[ ${BENCH_DROP_CACHES:-0} == 1 ]] && echo dropped || echo warm)"
    } >"$work/meta"
    "$PY" "$LIB" report "$peer" "$cname" "$work"
}

# ------------------------------------------------------------ main

mapfile -t corpora < <("$BENCH/corpus.sh" "$@")
for corpus in "${corpora[@]}"; do
    cname=$(basename "$corpus" .jsonl)
    cname=${cname#r}                    # r1x.jsonl -> 1x
    out=$DIR/peers-$cname.json
    : >"$out.tmp"
    for peer in $PEERS; do
        run_peer "$peer" "$cname" "$corpus" | tee -a "$out.tmp"
    done
    mv "$out.tmp" "$out"
    log "wrote $out"
done
exit 0
}
