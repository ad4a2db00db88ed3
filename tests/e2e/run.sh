#!/usr/bin/env bash
# Runs every tests/e2e/T*.sh in order and prints a closing
# "e2e: N passed, M failed" line counting checks across all files.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export WX_E2E_CACHE=${WX_E2E_CACHE:-$root/build/e2e-cache}
rm -rf "$WX_E2E_CACHE"
mkdir -p "$WX_E2E_CACHE"
pass=0 fail=0 files_failed=0
for t in "$here"/T*.sh; do
    out=$(bash "$t" 2>&1)
    rc=$?
    printf '%s\n' "$out"
    line=$(printf '%s\n' "$out" | tail -n 1)
    if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
        pass=$((pass + BASH_REMATCH[1]))
        fail=$((fail + BASH_REMATCH[2]))
    fi
    if [ "$rc" -ne 0 ]; then
        files_failed=$((files_failed + 1))
        # A script that died before finish() still counts as a failure.
        [[ $line =~ failed ]] || fail=$((fail + 1))
    fi
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$files_failed" -eq 0 ]
