#!/usr/bin/env bash
# `make bench`: wiredex side by side with the peers (SQLite FTS5, Xapian
# scriptindex/omega, Lucene) on the same corpora and queries, plus the web
# front ends under wrk. Prints a table per corpus (absolute figures, ratios
# wiredex/peer, the targets of issue 5) and writes the same as JSON to
# bench/results/<date>-<mode>.json. See bench/README.md.
#
#   bench/run.sh [CORPUS...]      CORPUS: 1x 10x 1m (default: corpus.sh's)
#
# Env (full defaults / quick defaults); the peers.sh and web.sh variables
# (BENCH_REPS, BENCH_WARMUP, BENCH_COLD_RUNS, BENCH_COLD_QUERY,
# BENCH_DROP_CACHES, BENCH_QUERIES, BENCH_WEB_*) apply to both sides:
#   BENCH_DIR       work dir, never inside the repo [/tmp/wiredex-bench]
#   BENCH_QUICK=1   1x only, one run of everything: 2-3 minutes
#   BENCH_SCALE=1m  also the 1,000,000-article corpus
#   BENCH_RUNS      repetitions of each measurement [3 / 1]
#   BENCH_SLOW_S    an index build longer than this many seconds is run
#                   once, not BENCH_RUNS times (peers: estimated from
#                   their 1x time); 0 = always BENCH_RUNS [60]
#   BENCH_PEERS     peers to run ["fts5 omega lucene"; "" for none]
#   BENCH_WX_CONFIGS  wiredex builds to measure ["default fast"]
#   BENCH_WEB       corpora whose wiredex index web.sh loads [1x 10x / 1x;
#                   "" for none]
#   BENCH_RESULTS   result file [bench/results/<date>-<mode>.json]
set -euo pipefail

# One { } block: bash parses it whole before running, so editing this file
# during a long run cannot change the running script.
{

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
DIR=${BENCH_DIR:-/tmp/wiredex-bench}
export BENCH_DIR=$DIR           # corpus.sh, peers.sh, web.sh use the same

if [[ ${BENCH_QUICK:-0} == 1 ]]; then
    MODE=quick
    d_runs=1 d_reps=2 d_warm=5 d_cold=5 d_web=1x
else
    MODE=full
    d_runs=3 d_reps=5 d_warm=10 d_cold=11 d_web="1x 10x"
    [[ ${BENCH_SCALE:-} == 1m ]] && MODE=full-1m
fi
RUNS=${BENCH_RUNS:-$d_runs}
REPS=${BENCH_REPS:-$d_reps}
WARMUP=${BENCH_WARMUP:-$d_warm}
COLD_RUNS=${BENCH_COLD_RUNS:-$d_cold}
COLD_QUERY=${BENCH_COLD_QUERY:-trade deficit japan}
SLOW_S=${BENCH_SLOW_S:-60}
PEERS=${BENCH_PEERS-fts5 omega lucene}
WEB=${BENCH_WEB-$d_web}
QUERIES=${BENCH_QUERIES:-$BENCH/queries.txt}
RESULTS=${BENCH_RESULTS:-$BENCH/results/$(date +%F)-$MODE.json}
LIB=$BENCH/peers/benchlib.py
PY=python3
[[ -x /usr/bin/python3 ]] && PY=/usr/bin/python3   # no pyenv shim delays
COLD_FLAGS=() CACHE=warm
[[ ${BENCH_DROP_CACHES:-0} == 1 ]] && COLD_FLAGS=(--drop-caches) CACHE=dropped
COMMIT=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)
# Every sub-script sees the same settings.
export BENCH_REPS=$REPS BENCH_WARMUP=$WARMUP BENCH_COLD_RUNS=$COLD_RUNS \
    BENCH_COLD_QUERY=$COLD_QUERY BENCH_QUERIES=$QUERIES

log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

for f in bin/wiredex-index bin/wiredex-search build/libwiredex.a; do
    [[ -f $ROOT/$f ]] || die "no $f: run make first"
done
for tool in jq /usr/bin/time; do
    command -v "$tool" >/dev/null ||
        die "$tool is missing (apt-get install ${tool##*/})"
done

t_start=$SECONDS
stamp=$(date +%Y%m%d-%H%M%S)
OUT=$DIR/run-$stamp             # this run's JSON lines and logs
mkdir -p "$OUT" "$DIR/bin" "$DIR/index"
ALL=$OUT/all.jsonl              # every result line of this run
: >"$ALL"
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)

# Measure a snapshot of the build: someone running `make` in the tree
# during a 20-minute run must not swap the programs under it.
WXBIN=$OUT/bin
mkdir -p "$WXBIN"
cp "$ROOT/bin/wiredex-index" "$ROOT/bin/wiredex-search" \
    "$ROOT/build/libwiredex.a" "$WXBIN/"
export WX_BIN=$WXBIN            # web.sh serves this wiredex-search

# ------------------------------------------------------------ harness

# wxbench links against the library of the snapshot, like the two
# programs do (the Makefile's link line).
WXBENCH=$WXBIN/wxbench
log "building $WXBENCH"
PKGS="xapian-core zlib libxml-2.0 jansson"
# shellcheck disable=SC2046  # pkg-config output is word lists
${CC:-cc} -std=c11 -O2 -g -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
    -D_DEFAULT_SOURCE -I"$ROOT" -I"$ROOT/common" -I"$ROOT/searcher" \
    -I"$ROOT/indexer" $(pkg-config --cflags $PKGS) \
    -c "$BENCH/wxbench.c" -o "$WXBIN/wxbench.o"
# shellcheck disable=SC2046
${CXX:-g++} -o "$WXBENCH" "$WXBIN/wxbench.o" "$WXBIN/libwiredex.a" \
    $(pkg-config --libs $PKGS) -lfcgi -lpthread

# ------------------------------------------------------------ wiredex

# The build configurations measured (name -> wiredex-index options).
declare -A WX_OPTS=([default]=""
                  [fast]="--jobs 2 --stemming all")
WX_CONFIGS=${BENCH_WX_CONFIGS:-default fast}

wx_index_path() { echo "$DIR/index/wiredex-$1-$2"; }   # CONFIG CNAME

# run_wiredex CONFIG CNAME CORPUS -> one JSON line on stdout, in the
# peers' format (benchlib.py report) plus raw/stored bytes and options.
run_wiredex() {
    local cfg=$1 cname=$2 corpus=$3 idx work i n t0 dt stats
    local -a opts
    read -r -a opts <<<"${WX_OPTS[$cfg]}"
    idx=$(wx_index_path "$cfg" "$cname")
    work=$DIR/work/$cname/wiredex-$cfg
    rm -rf "$work"
    mkdir -p "$work"

    # Bulk index from scratch; the corpus file is in the page cache. A
    # slow build is measured once (BENCH_SLOW_S) to keep the run bounded.
    n=$RUNS
    for ((i = 1; i <= n; i++)); do
        log "wiredex-$cfg $cname: index run $i/$n"
        rm -rf "$idx"
        t0=$SECONDS
        /usr/bin/time -f '%e %U %S %M' -o "$work/index-time.$i" \
            "$WXBIN/wiredex-index" --quiet --db "$idx" "${opts[@]}" "$corpus" ||
            die "wiredex-index $cfg failed on $corpus"
        dt=$((SECONDS - t0))
        if ((i == 1 && SLOW_S > 0 && dt > SLOW_S && n > 1)); then
            log "wiredex-$cfg $cname: ${dt}s > BENCH_SLOW_S=$SLOW_S, one run"
            n=1
        fi
    done

    # Warm: one process, one session, all queries (wxbench.c).
    for ((i = 1; i <= n; i++)); do
        log "wiredex-$cfg $cname: warm run $i/$n"
        "$WXBENCH" "$idx" "$QUERIES" "$REPS" "$WARMUP" >"$work/warm.$i"
    done

    # Cold: the whole CLI process per request, JSON output.
    for ((i = 1; i <= n; i++)); do
        log "wiredex-$cfg $cname: cold run $i/$n"
        "$PY" "$LIB" timecmd "$COLD_RUNS" "${COLD_FLAGS[@]}" -- \
            "$WXBIN/wiredex-search" --db "$idx" --json "$COLD_QUERY" \
            >"$work/cold.$i"
    done

    stats=$("$WXBIN/wiredex-index" --db "$idx" --stats --json)
    {
        echo "docs=$(jq .documents <<<"$stats")"
        echo "runs=$n"
        echo "index_bytes=$(du -sb "$idx" | cut -f1)"
        echo "cold_query=$COLD_QUERY"
        echo "version=wiredex $COMMIT"
        echo "note=wiredex-index ${WX_OPTS[$cfg]:-(defaults)};" \
             "warm: wxbench (one session, search + JSON render);" \
             "cold: wiredex-search --json"
        echo "cold_page_cache=$CACHE"
    } >"$work/meta"
    "$PY" "$LIB" report "wiredex-$cfg" "$cname" "$work" |
        jq -c --argjson raw "$(jq .raw_bytes <<<"$stats")" \
              --argjson stored "$(jq .stored_bytes <<<"$stats")" \
              --arg opts "${WX_OPTS[$cfg]}" \
              '. + {raw_bytes: $raw, stored_bytes: $stored, options: $opts}'
}

# ------------------------------------------------------------ peers

# peer_stored PEER CNAME: bytes the peer keeps its stored documents in
# (report.py reads the index files), or null.
peer_stored() {
    local path
    case $1 in
        fts5)   path=$DIR/index/fts5-$2.db ;;
        omega)  path=$DIR/omega-db/$2 ;;
        lucene) path=$DIR/index/lucene-$2 ;;
        *)      echo null; return ;;
    esac
    "$PY" "$BENCH/report.py" stored "$1" "$path" 2>/dev/null || echo null
}

# run_peer PEER CNAME -> one JSON line. Slow builds run once: estimated
# from this run's 1x index time scaled by the document count.
run_peer() {
    local peer=$1 cname=$2 n=$RUNS est line
    if [[ $cname != 1x && $n -gt 1 && $SLOW_S -gt 0 ]]; then
        est=$(jq -r --arg p "$peer" --argjson d "${DOCS[$cname]}" \
            'select(.engine == $p and .corpus == "1x")
             | .index_wall_s * $d / .docs | floor' "$ALL" | head -n1)
        if [[ -n $est ]] && ((est > SLOW_S)); then
            log "$peer $cname: about ${est}s per build" \
                "> BENCH_SLOW_S=$SLOW_S, one run"
            n=1
        fi
    fi
    line=$(BENCH_PEERS=$peer BENCH_RUNS=$n bash "$BENCH/peers.sh" "$cname") ||
        die "peers.sh $peer $cname failed"
    jq -c --argjson stored "$(peer_stored "$peer" "$cname")" \
        '. + {stored_bytes: $stored}' <<<"$line"
}

# ------------------------------------------------------------ main

declare -A DOCS
mapfile -t corpora < <(bash "$BENCH/corpus.sh" "$@")
for corpus in "${corpora[@]}"; do
    cname=$(basename "$corpus" .jsonl)
    cname=${cname#r}                    # r10x.jsonl -> 10x
    DOCS[$cname]=$(grep -c . "$corpus")
    jq -nc --arg c "$cname" --argjson d "${DOCS[$cname]}" \
        --argjson b "$(stat -c %s "$corpus")" \
        '{engine: "corpus", corpus: $c, docs: $d, corpus_bytes: $b}' >>"$ALL"

    for cfg in $WX_CONFIGS; do
        run_wiredex "$cfg" "$cname" "$corpus" | tee -a "$ALL"
    done
    for peer in $PEERS; do
        run_peer "$peer" "$cname" | tee -a "$ALL"
    done
    # Web: CGI and FastCGI under wrk, on the default-config index. A web
    # failure is reported but does not lose the rest of the run.
    if [[ " $WEB " == *" $cname "* ]]; then
        log "web $cname"
        bash "$BENCH/web.sh" "$(wx_index_path default "$cname")" \
            >"$OUT/web-$cname.jsonl" || log "web.sh $cname reported errors"
        jq -c --arg c "$cname" '. + {corpus: $c}' "$OUT/web-$cname.jsonl" |
            tee -a "$ALL"
    fi
done

# ------------------------------------------------------------ report

mkdir -p "$(dirname "$RESULTS")"
"$PY" "$BENCH/report.py" table "$ALL" "$RESULTS" \
    --mode "$MODE" --work "$DIR/work" --queries "$QUERIES" \
    --settings "$(jq -nc --argjson runs "$RUNS" --argjson reps "$REPS" \
        --argjson warmup "$WARMUP" --argjson cold_runs "$COLD_RUNS" \
        --arg cold_query "$COLD_QUERY" --argjson slow_s "$SLOW_S" \
        --arg commit "$COMMIT" \
        --argjson seconds "$((SECONDS - t_start))" \
        --argjson load_start "$LOAD_START" \
        --argjson load_end "$(cut -d' ' -f1 /proc/loadavg)" \
        '{runs: $runs, reps: $reps, warmup: $warmup, cold_runs: $cold_runs,
          cold_query: $cold_query, slow_s: $slow_s, commit: $commit,
          bench_seconds: $seconds, loadavg_start: $load_start,
          loadavg_end: $load_end}')"
log "wrote $RESULTS (raw lines: $ALL) in $((SECONDS - t_start)) s"
exit 0
}
