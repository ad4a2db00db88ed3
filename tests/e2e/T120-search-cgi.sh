#!/usr/bin/env bash
# T120: wiredex-search run as a CGI program through environment variables
# alone (no web server): the JSON it serves equals the CLI's --json for
# the same query (parsed with jq, elapsed_ms aside), the HTML page is
# escaped, and bad requests get 400, other methods 405, a broken index
# 500 with the details only on stderr.
. "$(dirname "$0")/lib.sh"

db=$(sample_db)
hostile=$T/hostile.db
wx_index --quiet --db "$hostile" fixtures/hostile/hostile.txt \
    fixtures/hostile/hostile.jsonl >/dev/null 2>&1

# cgi METHOD QUERY_STRING [DB]: the raw response on stdout, stderr in
# $T/cgi.err, exit status in $T/cgi.rc. A clean environment, as a web
# server gives.
cgi() {
    local rc=0
    env -i PATH="$PATH" GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
        REQUEST_METHOD="$1" QUERY_STRING="$2" WIREDEX_DB="${3-$db}" \
        "$WX_BIN/wiredex-search" 2>"$T/cgi.err" || rc=$?
    echo "$rc" >"$T/cgi.rc"
}
status_of() { head -n 1 | tr -d '\r'; }
headers_of() { sed -n '1,/^\r$/p' | tr -d '\r'; }
body_of() { sed '1,/^\r$/d'; }
# json_of QS: the body of a JSON response, normalised for comparison.
json_of() { cgi GET "$1" | body_of | jq -S 'del(.elapsed_ms)'; }
cli_json() { wx_search --db "$db" --json "$@" | jq -S 'del(.elapsed_ms)'; }

begin "the sample index was built"
expect_match "^[1-9]" "$(wx_search --db "$db" --count 'the' 2>&1)"

# ---- the JSON contract: same as the command line ----
compare() {
    local qs=$1
    shift
    begin "JSON of ?$qs equals wiredex-search --json $*"
    local a b
    a=$(json_of "$qs")
    b=$(cli_json "$@")
    if [ -z "$b" ] || [ "$b" == "null" ]; then
        expect_equal "CLI printed no JSON" "CLI JSON"
    else
        expect_equal "$a" "$b"
    fi
}
compare "q=embassy+response+Canberra&format=json" 'embassy response Canberra'
compare "format=json&q=embassy%20response%20Canberra" embassy response Canberra
compare "q=the&format=json&facets=topic,agency,year" \
    --facets topic,agency,year the
compare "q=the&format=json&facets=all&facet_limit=3" --facets all \
    --facet-limit 3 the
compare "q=the&format=json&n=3&page=2" --limit 3 --offset 3 the
compare "q=the&format=json&n=4&offset=5" --limit 4 --offset 5 the
compare "q=the&format=json&sort=-date&n=5" --sort -date --limit 5 the
compare "q=the&format=json&sort=date" --sort date the
compare "agency=AFP&format=json" --filter agency:AFP
compare "q=the&agency=AFP&agency=AP&format=json" --filter agency:AFP \
    --filter agency:AP the
compare "q=the&topic=politics&format=json" --filter topic:politics the
compare "q=%22European+Union%22&format=json" '"European Union"'
compare "q=embass*&format=json" 'embass*'
compare "q=agency%3Aefe&format=json" 'agency:efe'
compare "from=2021-01-01&to=2021-12-31&format=json" --from 2021-01-01 \
    --to 2021-12-31
compare "q=parliment&format=json" parliment

begin "the JSON response is application/json with a 200"
resp=$(cgi GET "q=cocoa&format=json")
expect_equal "$(status_of <<<"$resp")" "Status: 200 OK"
expect_match $'\nContent-Type: application/json\n' "$(headers_of <<<"$resp")"
expect_equal "$(cat "$T/cgi.rc")" 0

begin "show=ID&format=json equals --show ID --json"
id=$(json_of "q=embassy+response+Canberra&format=json" | jq -r '.hits[0].id')
expect_equal "$(cgi GET "show=$id&format=json" | body_of | jq -S .)" \
    "$(wx_search --db "$db" --show "$id" --json | jq -S .)"

# ---- the HTML page ----
begin "the HTML page: 200, UTF-8, the EFE article first with marks"
resp=$(cgi GET "q=embassy+response+Canberra")
expect_equal "$(status_of <<<"$resp")" "Status: 200 OK"
h=$(headers_of <<<"$resp")
expect_match $'\nContent-Type: text/html; charset=utf-8\n' "$h"
expect_match $'\nContent-Security-Policy: default-src \'none\'' "$h"
page=$(body_of <<<"$resp")
expect_match '^<!DOCTYPE html>' "$page"
expect_match '<mark>Canberra</mark>' "$page"
expect_match 'value="embassy response Canberra"' "$page"
expect_match "href=\"\\?show=$id&amp;q=embassy%20response%20Canberra\"" \
    "$page"
begin "facet links keep the query and add the filter"
expect_match 'href="\?q=embassy%20response%20Canberra&amp;agency=EFE"' \
    "$page"
begin "an active filter is shown with a link that removes it"
page=$(cgi GET "q=the&agency=EFE" | body_of)
expect_match 'aria-label="Remove filter agency: EFE"' "$page"
expect_match 'href="\?q=the" aria-label="Remove filter agency: EFE"' "$page"
begin "pagination links carry the page size and page"
page=$(cgi GET "q=the&n=2" | body_of)
expect_match 'href="\?q=the&amp;n=2&amp;page=2" rel="next"' "$page"
begin "the article page shows the stored text, escaped"
page=$(cgi GET "show=$id" | body_of)
expect_match 'Canberra' "$page"
expect_match '<article class="full">' "$page"
begin "no script element in any page"
for qs in "" "q=the" "show=$id" "q=cocoa+AND" "q=%zz" "q=zzzxq"; do
    expect_equal "$(cgi GET "$qs" | body_of | grep -ci '<script')" 0
done

# ---- hostile queries and hostile articles ----
begin "a hostile query comes back escaped"
evil="q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E"
evil="$evil%3Cimg+src%3Dx+onerror%3Dalert(2)%3E"
page=$(cgi GET "$evil" | body_of)
expect_equal "$(grep -ci '<script\|<img' <<<"$page")" 0
want='value="&lt;script&gt;alert\(1\)&lt;/script&gt;&quot;&gt;&lt;img'
expect_match "$want" "$page"
begin "hostile article text is escaped in results and article pages"
page=$(cgi GET "q=alert" "$hostile" | body_of)
expect_match '&lt;script&gt;alert\(1\)&lt;/script&gt; Markets rally' "$page"
expect_match '&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;' "$page"
expect_equal "$(grep -ci '<script\|<img' <<<"$page")" 0
page=$(cgi GET "show=HOSTT-0001" "$hostile" | body_of)
expect_match '<h1>&lt;script&gt;alert\(1\)&lt;/script&gt;' "$page"
expect_equal "$(grep -ci '<script\|<img\|<b>' <<<"$page")" 0
begin "hostile article text is valid JSON with the same strings"
title=$(cgi GET "q=markets+rally&format=json" "$hostile" | body_of |
        jq -r '.hits[0].title')
expect_equal "$title" "<script>alert(1)</script> Markets rally on rate hopes"

# ---- bad requests: 400 in the requested format ----
big=$(head -c 5000 /dev/zero | tr '\0' 'a')
huge=$(head -c 20000 /dev/zero | tr '\0' 'a')
for qs in "q=%zz" "q=%" "q=%FF" "q=%C0%AF" "q=a%00b" "q=%1B%5B31m" \
          "n=1000&q=x" "n=0&q=x" "n=abc&q=x" "page=0&q=x" "offset=-1&q=x" \
          "offset=100001&q=x" "page=1&offset=0&q=x" "q=a&q=b" \
          "sort=sideways&q=x" "format=xml&q=x" "from=yesterday" \
          "q=cocoa+AND" "q=$big" "q=$huge" "facets=colour&q=x" \
          "=x&q=y"; do
    begin "400 for ?${qs:0:40}"
    resp=$(cgi GET "$qs")
    expect_equal "$(status_of <<<"$resp")" "Status: 400 Bad Request"
    expect_equal "$(cat "$T/cgi.rc")" 0
    begin "400 as JSON for ?${qs:0:40}&format=json"
    resp=$(cgi GET "$qs&format=json")
    expect_equal "$(status_of <<<"$resp")" "Status: 400 Bad Request"
    expect_equal "$(body_of <<<"$resp" | jq -r '.error.status')" 400
    expect_match '^.{3,}$' "$(body_of <<<"$resp" | jq -r '.error.message')"
done
begin "too many filters is a 400"
qs=$(for i in $(seq 1 33); do printf 'topic=t%d&' "$i"; done)
expect_equal "$(cgi GET "${qs}q=x" | status_of)" "Status: 400 Bad Request"
begin "a JSON request with nothing to search is a 400"
expect_equal "$(cgi GET "format=json" | status_of)" "Status: 400 Bad Request"
begin "the HTML start page needs no query"
expect_equal "$(cgi GET "" | status_of)" "Status: 200 OK"

# ---- methods ----
for m in POST PUT DELETE PATCH OPTIONS; do
    begin "405 for $m, with Allow"
    resp=$(cgi "$m" "q=x")
    expect_equal "$(status_of <<<"$resp")" "Status: 405 Method Not Allowed"
    expect_match $'\nAllow: GET, HEAD\n' "$(headers_of <<<"$resp")"
done
begin "HEAD: the GET headers, no body"
# The page shows the search time ("(9.8 ms)"), so the two lengths may
# differ by a digit or two; every other header is the same.
get=$(cgi GET "q=cocoa" | headers_of)
head=$(cgi HEAD "q=cocoa")
nolen() { grep -v '^Content-Length:'; }
lenof() { sed -n 's/^Content-Length: //p'; }
expect_equal "$(headers_of <<<"$head" | nolen)" "$(nolen <<<"$get")"
d=$(( $(headers_of <<<"$head" | lenof) - $(lenof <<<"$get") ))
expect_equal "$((d >= -2 && d <= 2))" 1
expect_equal "$(body_of <<<"$head" | wc -c)" 0

# ---- server-side failures: 500, generic message, details on stderr ----
mkdir -p "$T/not-an-index"
for where in "$T/not-an-index" "$T/missing"; do
    begin "500 for WIREDEX_DB=$(basename "$where")"
    resp=$(cgi GET "q=cocoa" "$where")
    expect_equal "$(status_of <<<"$resp")" \
        "Status: 500 Internal Server Error"
    expect_equal "$(body_of <<<"$resp" | grep -c "$where")" 0
    expect_match "$where" "$(cat "$T/cgi.err")"
    resp=$(cgi GET "q=cocoa&format=json" "$where")
    expect_equal "$(body_of <<<"$resp" | jq -r .error.status)" 500
done
begin "500 when WIREDEX_DB is not set"
resp=$(env -i PATH="$PATH" GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
       QUERY_STRING=q=x "$WX_BIN/wiredex-search" 2>"$T/cgi.err")
expect_equal "$(status_of <<<"$resp")" "Status: 500 Internal Server Error"
expect_match 'WIREDEX_DB' "$(cat "$T/cgi.err")"

# ---- how it is recognised; the request cannot choose the index ----
begin "a name ending in .cgi is enough to answer as CGI"
ln -s "$WX_BIN/wiredex-search" "$T/search.cgi"
resp=$(env -i PATH="$PATH" REQUEST_METHOD=GET QUERY_STRING="q=cocoa" \
       WIREDEX_DB="$db" "$T/search.cgi" 2>/dev/null)
expect_equal "$(status_of <<<"$resp")" "Status: 200 OK"
begin "parameters cannot name the index"
resp=$(cgi GET "q=cocoa&db=/etc&WIREDEX_DB=/etc&format=json" "$db")
expect_equal "$(status_of <<<"$resp")" "Status: 200 OK"
expect_equal "$(body_of <<<"$resp" | jq -S 'del(.elapsed_ms)')" \
    "$(cli_json cocoa)"

# ---- the Reuters-21578 index, when the corpus is here ----
if have_shared; then
    db=$(reuters_db)
    begin "Reuters: topic=cocoa over CGI counts 76, like the CLI"
    expect_equal "$(json_of 'topic=cocoa&format=json&n=1' | jq .total)" 76
    compare "q=cocoa&format=json&facets=topic" --facets topic cocoa
    compare "q=embassy+response+Canberra&format=json" \
        'embassy response Canberra'
    compare "q=oil&format=json&n=50&page=3&sort=-date" --limit 50 \
        --offset 100 --sort -date oil
    begin "Reuters: the EFE article comes first"
    expect_equal "$(json_of 'q=embassy+response+Canberra&format=json' |
                    jq -r '.hits[0].agency')" EFE
fi

finish
