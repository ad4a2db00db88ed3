# The end-to-end test harness, sourced by every tests/e2e/T*.sh.
# Each test file gets a private temporary directory ($T) removed at exit.
#
#   begin "what is being checked"
#   expect_equal ACTUAL EXPECTED           string equality
#   expect_match REGEX ACTUAL              extended-regex match
#   expect_exit CODE CMD [ARG...]          exit status of a command
#   known_broken "why"                     next check may fail (not counted)
#   finish                                 prints "FILE: N passed, M failed"
#
# Helpers: wx_index / wx_search run the binaries in $WX_BIN; sample_db
# builds (once per file) an index of fixtures/sample; reuters_db builds
# (once per suite run) the full Reuters-21578 + seed index when
# ../shared is there, else the calling test is skipped.
set -u

WX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WX_BIN=${WX_BIN:-$WX_ROOT/bin}
WX_SHARED=${WX_SHARED:-$(cd "$WX_ROOT/.." && pwd)/shared}
WX_E2E_CACHE=${WX_E2E_CACHE:-$WX_ROOT/build/e2e-cache}
T=$(mktemp -d "${TMPDIR:-/tmp}/wx-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$WX_ROOT"

_pass=0 _fail=0 _broken=0 _kb="" _name=""
_file=$(basename "$0")

begin() { _name=$1; }

_ok() { _pass=$((_pass + 1)); }

_bad() {
    if [ -n "$_kb" ]; then
        _broken=$((_broken + 1))
        printf '  known broken: %s (%s)\n' "$_name" "$_kb"
    else
        _fail=$((_fail + 1))
        printf '  FAIL: %s\n' "$_name"
        printf '%s\n' "$@" | sed 's/^/      /' | head -40
    fi
}

_check() {
    if "$@"; then _ok; fi
    _kb=""
}

expect_equal() {
    if [ "$1" == "$2" ]; then
        _pass=$((_pass + 1))
    else
        _bad "expected: $2" "actual:   $1"
    fi
    _kb=""
}

expect_match() {
    if [[ $2 =~ $1 ]]; then
        _pass=$((_pass + 1))
    else
        _bad "expected to match: $1" "actual: ${2:0:2000}"
    fi
    _kb=""
}

expect_exit() {
    local want=$1
    shift
    local got=0
    "$@" >"$T/.out" 2>"$T/.err" || got=$?
    if [ "$got" == "$want" ]; then
        _pass=$((_pass + 1))
    else
        _bad "command: $*" "expected exit $want, got $got" \
            "stderr: $(head -c 1500 "$T/.err")"
    fi
    _kb=""
}

known_broken() { _kb=$1; }

finish() {
    echo "$_file: $_pass passed, $_fail failed${_broken:+, $_broken known broken}" \
        | sed 's/, 0 known broken//'
    [ "$_fail" -eq 0 ]
}

skip_all() {
    echo "$_file: skipped ($1)"
    exit 0
}

wx_index() { "$WX_BIN/wiredex-index" "$@"; }
wx_search() { "$WX_BIN/wiredex-search" "$@"; }

# Two checks per query that indexes $1 and $2 answer it alike: total,
# suggestion, every facet and the top 20 hits with their scores; then the
# top 5 alone, a ranking that may skip light candidates. Hits of
# equal score come in docid order, which differs between builds: within
# a score they are compared by id.
expect_same_search() {
    local a=$1 b=$2 q
    local hits='[.hits[] | [(.score * 1e6 | round), .id]] | sort_by(-.[0], .[1])'
    shift 2
    for q in "$@"; do
        begin "same totals, top hits, facets and suggestion for [$q]"
        _same_answer "$a" "$b" "[.total, .suggestion, ($hits), .facets]" \
            --facets all --limit 20 "$q"
        begin "same top 5 without facets for [$q]"
        _same_answer "$a" "$b" "$hits" --limit 5 "$q"
    done
}

# A B FILTER SEARCH-ARGS...: B's JSON answer, filtered, equals A's.
_same_answer() {
    local a=$1 b=$2 filter=$3
    shift 3
    expect_equal "$(wx_search --db "$b" --json "$@" | jq -c "$filter")" \
        "$(wx_search --db "$a" --json "$@" | jq -c "$filter")"
}

# An index of the bundled sample, built once per test file.
sample_db() {
    if [ ! -d "$T/sample.db" ]; then
        wx_index --quiet --db "$T/sample.db" fixtures/sample >/dev/null \
            2>"$T/sample.log" || true
    fi
    echo "$T/sample.db"
}

have_shared() { [ -d "$WX_SHARED/corpora/reuters21578" ]; }

# The Reuters-21578 + seed index, built once per suite run (run.sh clears
# the cache first). Prints its path.
reuters_db() {
    local db=$WX_E2E_CACHE/reuters.db
    if [ ! -f "$WX_E2E_CACHE/reuters.ok" ]; then
        mkdir -p "$WX_E2E_CACHE"
        rm -rf "$db"
        wx_index --quiet --db "$db" "$WX_SHARED/corpora/reuters21578" \
            "$WX_SHARED/corpora/seed" >"$WX_E2E_CACHE/reuters.log" 2>&1
        echo $? >"$WX_E2E_CACHE/reuters.ok"
    fi
    echo "$db"
}
