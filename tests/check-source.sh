#!/usr/bin/env bash
# Mechanical source checks (make check): the C/C++ wall, banned functions,
# exported symbols, file banners, schema prefixes in one place, and a unit
# test per common module. Usage: check-source.sh BUILD_DIR
set -u
cd "$(dirname "$0")/.."
build=${1:-build}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf '  FAIL: %s\n' "$1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/      /'; }

srcs=$(git ls-files -co --exclude-standard -- '*.c' '*.h' '*.cc' '*.hh' 2>/dev/null |
       grep -Ev '^(bench|fixtures)/')

# 1. Only the wrapper includes Xapian (its C++ face, wx_xapian_impl.hh,
# serves the one other C++ file: search policy in searcher/wx_match.cc).
cxx='^(common/wx_xapian\.cc|common/wx_xapian_impl\.hh|searcher/wx_match\.cc)$'
hits=$(grep -l '<xapian.h>' $srcs | grep -Ev '^common/wx_xapian(\.cc|_impl\.hh)$')
[ -z "$hits" ] && ok || bad "<xapian.h> outside the wrapper" "$hits"
cc_files=$(printf '%s\n' $srcs | grep -E '\.(cc|hh)$' | grep -Ev "$cxx")
[ -z "$cc_files" ] && ok || bad "C++ outside the wrapper and wx_match.cc" "$cc_files"
hits=$(grep -l 'wx_xapian_impl.hh' $srcs | grep -Ev "$cxx")
[ -z "$hits" ] && ok || bad "wx_xapian_impl.hh included by C" "$hits"

# 2. Banned functions (unbounded or error-swallowing).
hits=$(grep -nE '\b(sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|strtok)\s*\(' \
       $(printf '%s\n' $srcs | grep -v '^tests/') || true)
[ -z "$hits" ] && ok || bad "banned functions" "$hits"

# 3. Only wx_* symbols (and main) are exported by our objects. Mangled
# C++ names are the wrapper's template instantiations, not our API;
# __odr_asan.* are AddressSanitizer's shadows of our own globals.
objs=$(find "$build/common" "$build/indexer" "$build/searcher" -name '*.o' 2>/dev/null)
if [ -n "$objs" ]; then
    hits=$(nm -g --defined-only $objs 2>/dev/null | awk 'NF==3 {print $3}' |
           grep -Ev '^(wx_|main$|_Z|__odr_asan\.wx_|DW\.ref)' | sort -u)
    [ -z "$hits" ] && ok || bad "exported symbols without the wx_ prefix" "$hits"
fi

# 4. Every source file opens with a comment saying what it is for.
hits=$(for f in $srcs; do
    head -c 2 "$f" | grep -q '/\*' || echo "$f"; done)
[ -z "$hits" ] && ok || bad "files without an opening comment" "$hits"

# 5. Term prefixes are spelled only in the schema table.
hits=$(grep -nE '"X(AGENCY|DATELINE|TOPIC|PLACE|YEAR|MONTH|TYPE)' $srcs |
       grep -v '^common/wx_schema.c:' || true)
[ -z "$hits" ] && ok || bad "term prefix literals outside wx_schema.c" "$hits"

# 6. Each common module has its unit test.
hits=$(for h in common/wx_*.h; do
    m=$(basename "$h" .h); m=${m#wx_}
    case $m in limits|exit|log) continue ;; esac
    [ -f "tests/unit/test_$m.c" ] || echo "$h has no tests/unit/test_$m.c"
done)
[ -z "$hits" ] && ok || bad "modules without unit tests" "$hits"

# 7. The schema table and docs/schema.md list the same prefixes.
code=$(grep -oE '"(Q|S|X[A-Z]+)", *-?[0-9]+' common/wx_schema.c |
       sed 's/"//g; s/, */ /' | sort)
doc=$(grep -oE '^\| *`[a-z]+` *\| *`(Q|S|X[A-Z]+)` *\| *-?[0-9]+' docs/schema.md |
      awk -F'|' '{gsub(/[ `]/,"",$3); gsub(/ /,"",$4); print $3" "$4}' | sort)
[ "$code" == "$doc" ] && ok || bad "docs/schema.md disagrees with wx_schema.c" \
    "$(diff <(echo "$code") <(echo "$doc"))"

echo "check-source: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
