#!/usr/bin/env bash
# Prepare the benchmark corpora (JSON Lines) in a cache directory.
#
#   bench/corpus.sh [1x|10x|1m ...]
#
# With no arguments: 1x and 10x, plus 1m when BENCH_SCALE=1m; with
# BENCH_QUICK=1 only 1x.  Files already present are reused (the tools are
# deterministic by seed, so a cached file is the file we would make again).
# Prints the path of each corpus on stdout, one per line.
#
# Env: BENCH_DIR (cache, default /tmp/wiredex-bench), BENCH_SCALE, BENCH_QUICK.
set -euo pipefail

# Paths are relative to the repo root whatever the caller's cwd.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=$ROOT/../shared
TOOLS=$SHARED/tools
DIR=${BENCH_DIR:-/tmp/wiredex-bench}
mkdir -p "$DIR"

# Write to a temporary name and rename, so that an interrupted run never
# leaves a truncated corpus that a later run would "reuse".
make_1x() {
    local out=$DIR/r1x.jsonl
    if [[ ! -s $out ]]; then
        echo "corpus: converting Reuters-21578 -> $out" >&2
        "$TOOLS/reuters-to-jsonl" -o "$out.tmp" "$SHARED"/corpora/reuters21578/reut2-*.sgm >&2
        mv "$out.tmp" "$out"
    fi
    echo "$out"
}

make_scaled() {  # $1 = name (10x|1m), $2 = article count
    local out=$DIR/r$1.jsonl
    make_1x >/dev/null
    if [[ ! -s $out ]]; then
        echo "corpus: scaling to $2 articles -> $out" >&2
        "$TOOLS/scale-corpus" --seed 1 -n "$2" -o "$out.tmp" "$DIR/r1x.jsonl" >&2
        mv "$out.tmp" "$out"
    fi
    echo "$out"
}

if (($# == 0)); then
    set -- 1x
    if [[ ${BENCH_QUICK:-0} != 1 ]]; then
        set -- 1x 10x
        [[ ${BENCH_SCALE:-} == 1m ]] && set -- 1x 10x 1m
    fi
fi

for c in "$@"; do
    case $c in
        1x)  make_1x ;;
        10x) make_scaled 10x 216000 ;;
        1m)  make_scaled 1m 1000000 ;;
        *)   echo "corpus.sh: unknown corpus '$c' (1x|10x|1m)" >&2; exit 2 ;;
    esac
done
