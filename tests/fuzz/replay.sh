#!/usr/bin/env bash
# make check: every fuzz target (replay build, any compiler) over its
# seeds, saved corpus and past crashes (targets.sh). Seconds, not
# minutes. Usage: replay.sh FUZZ_BIN_DIR BIN_DIR
set -u
cd "$(dirname "$0")/../.."
. tests/fuzz/targets.sh
dir=$1 bin=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wx-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The CGI target searches a real index.
"$bin/wiredex-index" --quiet --db "$tmp/sample.db" fixtures/sample \
    >/dev/null 2>&1
export WX_FUZZ_DB=$tmp/sample.db
pass=0 fail=0
for t in "$dir"/fuzz_*; do
    name=$(basename "$t")
    if out=$("$t" $(fuzz_seeds "$name") 2>&1); then
        pass=$((pass + 1))
        printf 'ok   %s\n' "$(printf '%s\n' "$out" | tail -1)"
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n' "$name"
        printf '%s\n' "$out" | tail -30 | sed 's/^/     /'
    fi
done
echo "fuzz replay: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
