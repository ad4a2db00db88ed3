#!/usr/bin/env bash
# Web side of `make bench`: wiredex-search behind lighttpd, as CGI (one
# process per request) and as FastCGI (processes kept, index kept open),
# loaded with wrk at each concurrency for a fixed time, cycling through
# the benchmark queries. One JSON object per endpoint per concurrency:
# requests/s, latency p50/p99, errors (non-2xx and socket errors; the
# script fails if any).
#
#   bench/web.sh [DB]     DB: a wiredex index [default: the Reuters-21578 +
#                         seed index, built once into $BENCH_DIR]
#
# Env [defaults; quick mode after the slash]:
#   BENCH_DIR            work dir, never inside the repo [/tmp/wiredex-bench]
#   BENCH_QUICK=1        shorter runs
#   BENCH_WEB_SECONDS    seconds per run [10 / 3]
#   BENCH_WEB_CONC       concurrencies ["1 16"]
#   BENCH_WEB_FORMATS    response formats ["json"; "json html" for both]
#   BENCH_WEB_PROCS      FastCGI processes [nproc, at most 8]
#   BENCH_QUERIES        query file [bench/queries.txt]
#   WX_BIN               where wiredex-search is [bin/]
set -euo pipefail
{

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${BENCH_DIR:-/tmp/wiredex-bench}
BIN=${WX_BIN:-$ROOT/bin}
SHARED=${WX_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
if [[ ${BENCH_QUICK:-0} == 1 ]]; then secs_default=3; else secs_default=10; fi
SECS=${BENCH_WEB_SECONDS:-$secs_default}
CONC=${BENCH_WEB_CONC:-1 16}
FORMATS=${BENCH_WEB_FORMATS:-json}
QUERIES=${BENCH_QUERIES:-$ROOT/bench/queries.txt}
procs=$(nproc 2>/dev/null || echo 2)
((procs > 8)) && procs=8
PROCS=${BENCH_WEB_PROCS:-$procs}
log() { printf 'web: %s\n' "$*" >&2; }

for tool in wrk curl jq /usr/sbin/lighttpd; do
    if ! command -v "$tool" >/dev/null; then
        if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
            pkg=${tool##*/}
            log "installing $pkg"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" \
                >/dev/null
        else
            log "$tool is missing (apt-get install $tool)"
            exit 1
        fi
    fi
done
[ -x "$BIN/wiredex-search" ] || { log "no $BIN/wiredex-search: make"; exit 1; }

mkdir -p "$DIR"
db=${1:-}
if [ -z "$db" ]; then
    db=$DIR/web-reuters.db
    if [ ! -f "$DIR/web-reuters.ok" ]; then
        [ -d "$SHARED/corpora/reuters21578" ] || {
            log "no index given and no $SHARED/corpora/reuters21578"
            exit 1
        }
        log "indexing Reuters-21578 + seed into $db"
        rm -rf "$db"
        "$BIN/wiredex-index" --quiet --db "$db" \
            "$SHARED/corpora/reuters21578" "$SHARED/corpora/seed" >&2 || true
        [ -d "$db" ] && touch "$DIR/web-reuters.ok"
    fi
fi
docs=$("$BIN/wiredex-index" --db "$db" --stats --json 2>/dev/null |
       jq '.documents' 2>/dev/null || true)
[ -n "$docs" ] || docs=null

work=$(mktemp -d "$DIR/web.XXXXXX")
. "$ROOT/tests/e2e/httpd-lib.sh"
trap 'httpd_stop; rm -rf "$work"' EXIT
httpd_start "$work/httpd" "$BIN/wiredex-search" "$db" "" "$PROCS" || {
    log "lighttpd did not start"
    exit 1
}

# The query lines as URL query components (filters like topic:cocoa are
# query syntax, so each line is simply q).
grep -v '^[[:space:]]*\(#\|$\)' "$QUERIES" | jq -Rr '@uri' >"$work/q.txt"
nq=$(wc -l <"$work/q.txt")
((nq > 0)) || { log "no queries in $QUERIES"; exit 1; }

# run ENDPOINT PATH FORMAT CONC: one JSON line.
run() {
    local name=$1 path=$2 fmt=$3 c=$4 threads=$4
    ((threads > procs)) && threads=$procs
    {
        printf 'local paths = {\n'
        while IFS= read -r q; do
            printf '  "%s?q=%s&format=%s",\n' "$path" "$q" "$fmt"
        done <"$work/q.txt"
        cat <<EOF
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(s, lat, req)
  local e = s.errors
  io.write(string.format(
    '{"requests": %d, "duration_s": %.3f, "rps": %.1f, ' ..
    '"latency_p50_ms": %.3f, "latency_p99_ms": %.3f, ' ..
    '"latency_max_ms": %.3f, "non2xx": %d, "socket_errors": %d}\n',
    s.requests, s.duration / 1e6, s.requests / (s.duration / 1e6),
    lat:percentile(50) / 1000, lat:percentile(99) / 1000, lat.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
EOF
    } >"$work/bench.lua"
    # A short warm-up, so FastCGI processes and page cache are ready.
    curl -s -o /dev/null "$HTTPD_URL$path?q=oil&format=$fmt"
    wrk -t "$threads" -c "$c" -d "${SECS}s" --timeout 30s \
        -s "$work/bench.lua" "$HTTPD_URL" >"$work/wrk.out" 2>&1 || {
        cat "$work/wrk.out" >&2
        return 1
    }
    tail -n 1 "$work/wrk.out" | jq -c --arg e "$name" --arg f "$fmt" \
        --argjson c "$c" --argjson docs "$docs" --argjson procs "$PROCS" \
        --argjson nq "$nq" \
        '{engine: "wiredex-web", endpoint: $e, format: $f, concurrency: $c,
          docs: $docs, queries: $nq,
          fastcgi_procs: (if $e == "fastcgi" then $procs else null end)}
         + . + {errors: (.non2xx + .socket_errors)}'
}

fail=0
for fmt in $FORMATS; do
    for c in $CONC; do
        for ep in cgi fastcgi; do
            path=/search.cgi
            [ "$ep" == fastcgi ] && path=/fcgi/search
            log "$ep $fmt concurrency $c for ${SECS}s"
            line=$(run "$ep" "$path" "$fmt" "$c") || { fail=1; continue; }
            echo "$line"
            [ "$(jq .errors <<<"$line")" == 0 ] || {
                log "$ep $fmt c=$c: errors (see $work/httpd/error.log)"
                fail=1
            }
        done
    done
done
exit $fail
}
