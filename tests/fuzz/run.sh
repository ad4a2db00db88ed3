#!/usr/bin/env bash
# make fuzz: run each libFuzzer target for SECONDS, one at a time (the
# machine's cores are shared), from a scratch corpus seeded as
# targets.sh says; crashes, leaks and UB are saved under
# tests/fuzz/crashes/TARGET/ for make check to replay. Prints the
# executions of each. Usage: run.sh FUZZ_BIN_DIR BIN_DIR SECONDS
set -u
cd "$(dirname "$0")/../.."
. tests/fuzz/targets.sh
dir=$1 bin=$2 secs=$3
work=${WX_FUZZ_WORK:-build-fuzz/corpus}
mkdir -p "$work"
"$bin/wiredex-index" --quiet --db "$work/sample.db" fixtures/sample \
    >/dev/null 2>&1 || true
export WX_FUZZ_DB=$PWD/$work/sample.db
bad=0
for t in "$dir"/fuzz_*; do
    name=$(basename "$t")
    [ -n "${WX_FUZZ_ONLY:-}" ] && [ "$name" != "$WX_FUZZ_ONLY" ] && continue
    mkdir -p "$work/$name" "tests/fuzz/crashes/$name"
    dict=$(fuzz_dict "$name")
    log=$work/$name.log
    nice "$t" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 \
        -timeout=20 -print_final_stats=1 ${WX_FUZZ_FLAGS:-} \
        -artifact_prefix="tests/fuzz/crashes/$name/" \
        ${dict:+-dict="$dict"} "$work/$name" $(fuzz_seeds "$name") \
        >"$log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" |
           grep -o '[0-9]*$' | tail -1)
    printf '%-22s %12s executions, exit %s\n' "$name" "${runs:-?}" "$rc"
    [ "$rc" -eq 0 ] || { bad=$((bad + 1)); grep -m3 -E 'ERROR|SUMMARY|runtime error' "$log"; }
done
exit $((bad > 0))
