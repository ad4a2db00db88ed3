#!/usr/bin/env bash
# T160: wiredex-search behind a real web server. Debian's lighttpd on a
# free loopback port, with a generated config serving the binary as CGI
# (mod_cgi) and as FastCGI (mod_fastcgi spawning it), tested over HTTP
# with curl: status codes, headers, the JSON contract (parsed with jq),
# filters and paging, escaping of hostile queries and hostile articles,
# bounds, 405/400/500, and FastCGI picking up a re-indexed database.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/httpd-lib.sh"

[ -x /usr/sbin/lighttpd ] || skip_all "lighttpd is not installed"
command -v curl >/dev/null || skip_all "curl is not installed"
trap 'httpd_stop; rm -rf "$T"' EXIT

# The sample plus the hostile fixtures (named one by one: their
# .expected files are not articles).
db=$T/web.db
wx_index --quiet --db "$db" fixtures/sample fixtures/hostile/hostile.txt \
    fixtures/hostile/hostile.jsonl >"$T/index.log" 2>&1

begin "lighttpd starts with the generated config"
httpd_start "$T/httpd" "$WX_BIN/wiredex-search" "$db" 2>"$T/start.err"
expect_equal "$? $(head -c 300 "$T/start.err")" "0 "
[ -n "$HTTPD_PID" ] || { finish; exit 1; }

# fetch URL [CURL-ARGS...]: status in $code, headers in $T/h, body $T/b.
fetch() {
    local url=$1
    shift
    code=$(curl -s -g --max-time 20 -o "$T/b" -D "$T/h" -w '%{http_code}' \
           "$@" "$url")
}
hdr() { grep -i "^$1:" "$T/h" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
cli_json() { wx_search --db "$db" --json "$@" | jq -S 'del(.elapsed_ms)'; }

# The FastCGI responders lighttpd started (CGI children run as
# search.cgi, not under the binary's own name).
fcgi_pids() {
    pgrep -P "$HTTPD_PID" -f "$WX_BIN/wiredex-search" | sort | xargs
}
fetch "$HTTPD_URL/fcgi/search?q=x"
fetch "$HTTPD_URL/fcgi/broken?q=x"
pids=$(fcgi_pids)
begin "lighttpd started one FastCGI process per endpoint"
expect_equal "$(wc -w <<<"$pids")" 2

for ep in /search.cgi /fcgi/search; do
    u=$HTTPD_URL$ep
    kind=CGI
    [ "$ep" == /fcgi/search ] && kind=FastCGI

    begin "$kind: JSON search: 200, application/json, the EFE article"
    fetch "$u?q=embassy+response+Canberra&format=json"
    expect_equal "$code" 200
    expect_equal "$(hdr Content-Type)" "application/json"
    expect_equal "$(jq -r '.hits[0].agency' "$T/b")" EFE
    expect_match '<mark>Canberra</mark>' \
        "$(jq -r '.hits[0].snippet_html' "$T/b")"
    begin "$kind: the JSON contract equals the CLI's --json"
    expect_equal "$(jq -S 'del(.elapsed_ms)' "$T/b")" \
        "$(cli_json 'embassy response Canberra')"
    fetch "$u?q=the&format=json&facets=agency,topic,year&n=5&page=2"
    expect_equal "$(jq -S 'del(.elapsed_ms)' "$T/b")" \
        "$(cli_json --facets agency,topic,year --limit 5 --offset 5 the)"
    begin "$kind: every key of the contract has its JSON type"
    expect_equal "$(jq -r '[(.query|type), (.total|type),
        (.total_exact|type), (.offset|type), (.limit|type),
        (.elapsed_ms|type), (.hits|type), (.facets|type),
        (.hits[0]|.rank,.id,.score,.title,.agency,.dateline,.date,
         .topics,.places,.snippet,.snippet_html|type)] | join(",")' "$T/b")" \
        "$(printf '%s,' string number boolean number number number array \
           object number string number string string string string \
           array array string string | sed 's/,$//')"

    begin "$kind: HTML page: 200, text/html with charset, safety headers"
    fetch "$u?q=embassy+response+Canberra"
    expect_equal "$code" 200
    expect_equal "$(hdr Content-Type)" "text/html; charset=utf-8"
    expect_match "^default-src 'none'; style-src 'unsafe-inline'" \
        "$(hdr Content-Security-Policy)"
    expect_equal "$(hdr X-Content-Type-Options)" nosniff
    expect_match '<mark>Canberra</mark>' "$(cat "$T/b")"
    expect_equal "$(hdr Content-Length)" "$(wc -c <"$T/b")"

    begin "$kind: filters combine (agency OR agency, AND topic)"
    fetch "$u?q=the&agency=AFP&agency=Reuters&format=json&n=100"
    expect_equal "$code" 200
    expect_equal "$(jq -r '[.hits[].agency] | unique | join(",")' "$T/b")" \
        "AFP,Reuters"
    expect_equal "$(jq .total "$T/b")" "$(jq '.hits | length' "$T/b")"
    fetch "$u?agency=AFP&topic=Law&format=json"
    expect_equal "$(jq -r '[.hits[] | .agency + "/" + (.topics | join("+"))]
                  | unique | join(",")' "$T/b")" "AFP/Law"
    begin "$kind: dates filter"
    fetch "$u?from=2021-07-20&to=2021-07-20&format=json&n=100"
    expect_equal "$(jq -r '[.hits[].date] | unique | join(",")' "$T/b")" \
        "2021-07-20"

    begin "$kind: paging walks the same list as one big page"
    fetch "$u?q=the&format=json&n=9&sort=date"
    all=$(jq -r '[.hits[].id] | join(" ")' "$T/b")
    pages=""
    for p in 1 2 3; do
        fetch "$u?q=the&format=json&n=3&page=$p&sort=date"
        pages="$pages $(jq -r '[.hits[].id] | join(" ")' "$T/b")"
    done
    expect_equal "${pages# }" "$all"
    fetch "$u?q=the&format=json&n=3&offset=3&sort=date"
    expect_equal "$(jq -r '.offset, .limit, .hits[0].rank' "$T/b" | xargs)" \
        "3 3 4"

    begin "$kind: a hostile query comes back escaped"
    fetch "$u?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
    expect_equal "$code" 200
    expect_equal "$(grep -ci '<script' "$T/b")" 0
    expect_match 'value="&lt;script&gt;alert\(1\)&lt;/script&gt;"' \
        "$(cat "$T/b")"
    begin "$kind: hostile article text comes back escaped"
    fetch "$u?q=alert"
    expect_equal "$(grep -ci '<script\|<img' "$T/b")" 0
    expect_match '&lt;script&gt;alert\(1\)&lt;/script&gt; Markets rally' \
        "$(cat "$T/b")"
    fetch "$u?show=HOSTT-0001"
    expect_equal "$code" 200
    expect_equal "$(grep -ci '<script\|<img\|<b>' "$T/b")" 0
    expect_match '&lt;b&gt;weak&lt;/b&gt;' "$(cat "$T/b")"
    begin "$kind: hostile article text in JSON parses to the same text"
    fetch "$u?show=HOSTT-0001&format=json"
    expect_equal "$(jq -r .title "$T/b")" \
        "<script>alert(1)</script> Markets rally on rate hopes"
    begin "$kind: an unknown article is a 404"
    fetch "$u?show=no-such-id"
    expect_equal "$code" 404

    begin "$kind: bounds: long query, long request, page size, offset"
    fetch "$u?q=$(head -c 5000 /dev/zero | tr '\0' a)&format=json"
    expect_equal "$code" 400
    expect_match 'too long' "$(jq -r .error.message "$T/b")"
    fetch "$u?q=x&pad=$(head -c 20000 /dev/zero | tr '\0' a)"
    expect_equal "$code" 400
    fetch "$u?q=x&n=101"
    expect_equal "$code" 400
    fetch "$u?q=x&offset=100001&format=json"
    expect_equal "$code" 400
    expect_equal "$(hdr Content-Type)" "application/json"
    expect_equal "$(jq -r .error.status "$T/b")" 400

    # lighttpd itself rewrites a bad %-escape ("%zz" reaches us as
    # "%25zz") and refuses invalid UTF-8 with its own 400, so those are
    # tested without a server in T120.
    begin "$kind: invalid UTF-8 in the URL is a 400"
    fetch "$u?q=%FF&format=json"
    expect_equal "$code" 400
    begin "$kind: bad parameters are 400 in the requested format"
    for qs in "q=cocoa+AND" "sort=up&q=x" "n=ten&q=x" "from=someday" \
              "page=0&q=x" "q=a&q=b" "format=yaml&q=x"; do
        fetch "$u?$qs&format=json"
        expect_equal "$code $(jq -r .error.status "$T/b")" "400 400"
        fetch "$u?$qs"
        expect_equal "$code $(hdr Content-Type)" \
            "400 text/html; charset=utf-8"
    done

    begin "$kind: POST, PUT, DELETE get 405 with Allow"
    for m in POST PUT DELETE; do
        fetch "$u?q=x" -X "$m" --data-binary x
        expect_equal "$code $(hdr Allow)" "405 GET, HEAD"
    done
    begin "$kind: HEAD gives the headers of GET and no body"
    fetch "$u?q=cocoa"
    len=$(hdr Content-Length)
    fetch "$u?q=cocoa" -I
    # The page shows the search time: a digit more or less is the clock.
    d=$(( $(hdr Content-Length) - len ))
    expect_equal "$code $((d >= -2 && d <= 2))" "200 1"
    expect_equal "$(grep -c 'DOCTYPE' "$T/b")" 0
done

# ---- server-side failures ----
for ep in /broken/search.cgi /fcgi/broken; do
    begin "$ep: an index that is not one gives 500, details in the log"
    fetch "$HTTPD_URL$ep?q=cocoa"
    expect_equal "$code" 500
    expect_equal "$(grep -c 'not-an-index' "$T/b")" 0
    expect_match 'The search service is not available' "$(cat "$T/b")"
    fetch "$HTTPD_URL$ep?q=cocoa&format=json"
    expect_equal "$code $(jq -r .error.status "$T/b")" "500 500"
done
begin "the details of the 500s are in the server's error log"
sleep 0.2
expect_match 'not-an-index: no wiredex index here' \
    "$(cat "$T/httpd/error.log" "$T/httpd/lighttpd.out" 2>/dev/null)"

# ---- FastCGI keeps the index open, and sees a re-index ----
begin "FastCGI serves a document indexed while it runs"
mkdir -p "$T/new"
printf '%s\n' "Title: Zyxwvut harvest report" "Agency: Reuters" \
    "Date: 2024-01-02" "Dateline: LONDON" "Id: NEW-0001" "" \
    "LONDON (Reuters) - The zyxwvut harvest was large." >"$T/new/new.txt"
fetch "$HTTPD_URL/fcgi/search?q=zyxwvut&format=json"
expect_equal "$(jq .total "$T/b")" 0
wx_index --quiet --db "$db" "$T/new/new.txt" >/dev/null 2>&1
fetch "$HTTPD_URL/fcgi/search?q=zyxwvut&format=json"
expect_equal "$(jq -r '.total, .hits[0].id' "$T/b" | xargs)" "1 NEW-0001"
begin "FastCGI: the same processes answered every request"
expect_equal "$(fcgi_pids)" "$pids"
httpd_stop

# ---- the Reuters-21578 index, when the corpus is here ----
if have_shared; then
    rdb=$(reuters_db)
    begin "Reuters: lighttpd starts on the full index"
    httpd_start "$T/httpd-reuters" "$WX_BIN/wiredex-search" "$rdb" \
        2>"$T/start.err"
    expect_equal "$?" 0
    for ep in /search.cgi /fcgi/search; do
        u=$HTTPD_URL$ep
        begin "Reuters $ep: topic=cocoa counts 76"
        fetch "$u?topic=cocoa&format=json&n=1"
        expect_equal "$(jq .total "$T/b")" 76
        begin "Reuters $ep: the EFE article first, Canberra marked"
        fetch "$u?q=embassy+response+Canberra&format=json"
        expect_equal "$(jq -r '.hits[0].agency' "$T/b")" EFE
        expect_match '<mark>Canberra</mark>' \
            "$(jq -r '.hits[0].snippet_html' "$T/b")"
        begin "Reuters $ep: facets count over the whole match set"
        fetch "$u?q=cocoa&format=json&facets=topic&n=1"
        expect_match '^[1-9]' \
            "$(jq -r '.facets.topic[] | select(.value | ascii_downcase ==
                      "cocoa") | .count' "$T/b")"
        begin "Reuters $ep: a deep page"
        fetch "$u?q=oil&format=json&n=100&page=5"
        expect_equal "$(jq -r '.offset, (.hits | length > 0)' "$T/b" |
                        xargs)" "400 true"
    done
    httpd_stop
fi

finish
