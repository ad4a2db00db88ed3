#!/usr/bin/env bash
# Runs every unit-test binary (cmocka) given as arguments from the repo
# root, so fixtures resolve as fixtures/...; prints one line per binary and
# a closing "unit: N passed, M failed" line. Exit 1 if any failed.
set -u
cd "$(dirname "$0")/.."
pass=0 fail=0 failed=()
for t in "$@"; do
    log=$(mktemp)
    if "$t" >"$log" 2>&1; then
        pass=$((pass + 1))
        printf 'ok   %s\n' "$(basename "$t")"
    else
        fail=$((fail + 1))
        failed+=("$t")
        printf 'FAIL %s\n' "$(basename "$t")"
        sed 's/^/     /' "$log"
    fi
    rm -f "$log"
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
