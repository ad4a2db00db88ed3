#!/usr/bin/env bash
# T170: the search page in a real browser. Starts lighttpd (as T160) on
# the sample + hostile index and runs tests/browser/search.mjs in
# Debian's headless chromium through playwright-core, once through CGI
# and once through FastCGI. Screenshots are kept in tests/artifacts/.
# Skips (and passes) when chromium, node or playwright-core cannot be had.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/httpd-lib.sh"

chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || skip_all "chromium is not installed"
command -v node >/dev/null || skip_all "node is not installed"
[ -x /usr/sbin/lighttpd ] || skip_all "lighttpd is not installed"
command -v curl >/dev/null || skip_all "curl is not installed"

browser=$WX_ROOT/tests/browser
if [ ! -d "$browser/node_modules/playwright-core" ]; then
    command -v npm >/dev/null || skip_all "npm is not installed"
    (cd "$browser" && npm ci --no-audit --no-fund >"$T/npm.log" 2>&1) ||
        skip_all "playwright-core could not be installed (npm ci failed)"
fi
trap 'httpd_stop; rm -rf "$T"' EXIT

db=$T/web.db
wx_index --quiet --db "$db" fixtures/sample fixtures/hostile/hostile.txt \
    fixtures/hostile/hostile.jsonl >"$T/index.log" 2>&1

begin "lighttpd starts"
httpd_start "$T/httpd" "$WX_BIN/wiredex-search" "$db" 2>"$T/start.err"
expect_equal "$?" 0
[ -n "$HTTPD_PID" ] || { finish; exit 1; }

# Each "ok - NAME" / "not ok - NAME: DETAIL" line of the script is one
# check here.
run_browser() {
    local label=$1 url=$2 art=$3 line rc=0
    CHROMIUM=$chromium timeout 180 node "$browser/search.mjs" "$url" "$art" \
        >"$T/browser.out" 2>"$T/browser.err" || rc=$?
    while IFS= read -r line; do
        case $line in
        "ok - "*)
            begin "$label: ${line#ok - }"
            expect_equal ok ok ;;
        "not ok - "*)
            begin "$label: ${line#not ok - }"
            expect_equal "$line" "ok" ;;
        esac
    done <"$T/browser.out"
    begin "$label: the browser script finished cleanly"
    expect_equal "$rc $(head -c 600 "$T/browser.err")" "0 "
}

run_browser "CGI" "$HTTPD_URL/search.cgi" "$WX_ROOT/tests/artifacts"
run_browser "FastCGI" "$HTTPD_URL/fcgi/search" \
    "$WX_ROOT/tests/artifacts/fastcgi"

begin "the screenshots were kept"
for f in search-results search-facet article search-phone hostile; do
    expect_match '^[1-9][0-9]{3,}$' \
        "$(wc -c <"$WX_ROOT/tests/artifacts/$f.png" 2>/dev/null)"
done

finish
