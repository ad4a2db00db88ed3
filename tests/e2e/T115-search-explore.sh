#!/usr/bin/env bash
# T115: exploring an archive (issue 20): histograms (one index, a stub
# over shards, remote xapian-tcpsrv shards), exports (--format
# text|json|jsonl|csv and the web's format=), highlighting in --show and
# on the article page, filters for people/orgs/exchanges/lang, unknown
# fields, unpaired parentheses, -word alone, "did you mean" keeping known
# words, paging past the end, --stats settings and facet shape, the
# indexer's output, option errors and make uninstall.
. "$(dirname "$0")/lib.sh"

db=$(sample_db)
cgi() {
    env -i PATH="$PATH" GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
        QUERY_STRING="$1" WIREDEX_DB="${2-$db}" "$WX_BIN/wiredex-search" \
        2>"$T/cgi.err"
}
headers_of() { sed -n '1,/^\r$/p' | tr -d '\r'; }
body_of() { sed '1,/^\r$/d'; }
hist() { wx_search --db "$1" --json --limit 0 "${@:2}" | jq -c '.histogram'; }

# ---- histogram ----
begin "--histogram year: every dated match once, in date order"
h=$(wx_search --db "$db" --json --limit 0 --histogram year '')
expect_equal "$(jq -c '[.histogram[].date] == ([.histogram[].date] | sort)' <<<"$h")" true
# The dated articles, counted another way: one --count per year.
for y in $(jq -r '.histogram[].date' <<<"$h"); do
    expect_equal "$(jq -r --arg y "$y" '.histogram[] | select(.date == $y) | .count' <<<"$h")" \
        "$(wx_search --db "$db" --count "year:$y")"
done
begin "--histogram month and day: periods spelled YYYY-MM and YYYY-MM-DD"
expect_match '^\["[0-9]{4}-[0-9]{2}"' "$(hist "$db" --histogram month '' | jq -c '[.[].date]')"
expect_match '^\["[0-9]{4}-[0-9]{2}-[0-9]{2}"' "$(hist "$db" --histogram day '' | jq -c '[.[].date]')"
begin "months add up to years"
expect_equal "$(hist "$db" --histogram month '' | jq -c 'group_by(.date[0:4]) | map({date: .[0].date[0:4], count: (map(.count) | add)})')" \
    "$(hist "$db" --histogram year '')"
begin "the histogram follows the query and filters"
# (Articles without a date are in no period.)
expect_equal "$(hist "$db" --histogram year agency:efe | jq '[.[].count] | add')" \
    "$(wx_search --db "$db" --count 'agency:efe date:1000..9999')"
begin "no histogram key unless asked for"
expect_equal "$(wx_search --db "$db" --json the | jq 'has("histogram")')" false
begin "--histogram week is a usage error naming the periods"
expect_exit 2 wx_search --db "$db" --histogram week the
expect_match 'year, month or day' "$(cat "$T/.err")"
begin "the text output draws the periods"
expect_match $'\nyear:\n  [0-9]{4} +[0-9]+  #' "$(wx_search --db "$db" --color=never --histogram year the)"

# Two shards of the sample, searched through a stub and through stock
# xapian-tcpsrv servers: the same histogram as one index of both.
mkdir -p "$T/sh"
wx_index --quiet --jobs 1 --db "$T/sh/a.db" fixtures/sample/reut2-000-excerpt.sgm \
    fixtures/sample/articles.jsonl >/dev/null 2>&1
wx_index --quiet --jobs 1 --db "$T/sh/b.db" fixtures/sample/afp_eng_199405 \
    fixtures/sample/xin_eng_199405.gz >/dev/null 2>&1
wx_index --quiet --jobs 1 --db "$T/sh/one.db" fixtures/sample/reut2-000-excerpt.sgm \
    fixtures/sample/articles.jsonl fixtures/sample/afp_eng_199405 \
    fixtures/sample/xin_eng_199405.gz >/dev/null 2>&1
printf 'auto a.db\nauto b.db\n' >"$T/sh/stub"
begin "a stub over two shards gives the histogram of one index"
want=$(hist "$T/sh/one.db" --histogram month '')
expect_match '^\[\{"date"' "$want"
expect_equal "$(hist "$T/sh/stub" --histogram month '')" "$want"

if command -v xapian-tcpsrv >/dev/null; then
    pids=()
    trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$T"' EXIT
    : >"$T/rstub"
    up=0
    for s in a b; do
        port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        timeout 300 xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" \
            "$T/sh/$s.db" >"$T/tcpsrv-$s.log" 2>&1 &
        pids+=($!)
        for ((i = 0; i < 300; i++)); do
            (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { up=$((up + 1)); break; }
            sleep 0.1
        done
        echo "remote 127.0.0.1:$port" >>"$T/rstub"
    done
    begin "two xapian-tcpsrv servers listen"
    expect_equal "$up" 2
    begin "remote shards give the histogram of one index"
    # The facet spies become serialisable with issue 17 (i17-search).
    grep -q 'MultiValueCountSpy' common/wx_xapian.cc &&
        known_broken "match spies not serialisable before issue 17"
    expect_equal "$(hist "$T/rstub" --histogram month '' 2>&1)" "$want"
fi

# ---- exports ----
begin "--format json is --json"
expect_equal "$(wx_search --db "$db" --format json the | jq -S 'del(.elapsed_ms)')" \
    "$(wx_search --db "$db" --json the | jq -S 'del(.elapsed_ms)')"
begin "--format jsonl: the hits of the JSON, one a line"
expect_equal "$(wx_search --db "$db" --format jsonl --limit 20 the | jq -sc .)" \
    "$(wx_search --db "$db" --json --limit 20 the | jq -c .hits)"
begin "--format csv: a header row and one RFC 4180 row per hit"
wx_search --db "$db" --format csv --limit 20 the >"$T/hits.csv"
expect_equal "$(head -n 1 "$T/hits.csv")" $'rank,id,date,agency,dateline,title,topics,places,score,snippet\r'
expect_equal "$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
print(len(rows) - 1, all(len(r) == 10 for r in rows))
print(",".join(r[1] for r in rows[1:]))' "$T/hits.csv")" \
    "$(printf '%s True\n%s' "$(wx_search --db "$db" --json --limit 20 the | jq '.hits | length')" \
       "$(wx_search --db "$db" --json --limit 20 the | jq -r '[.hits[].id] | join(",")')")"
begin "CSV cells that would start a formula are neutralised"
wx_index --quiet --db "$T/f.db" fixtures/search/formula.jsonl >/dev/null 2>&1
expect_equal "$(wx_search --db "$T/f.db" --format csv spreadsheet |
    python3 -c 'import csv, sys, json; print(json.dumps(sorted(r[5] for r in list(csv.reader(sys.stdin))[1:])))')" \
    '["'"'"'=HYPERLINK(\"http://example.invalid\",\"x\") spreadsheet", "'"'"'@SUM(A1) spreadsheet \"quoted\", with comma"]' 
begin "--limit up to the documented bound (1000), not past it"
expect_exit 0 wx_search --db "$db" --format csv --limit 1000 the
expect_exit 2 wx_search --db "$db" --format csv --limit 1001 the
begin "an unknown --format lists the formats"
expect_exit 2 wx_search --db "$db" --format xml the
expect_match "'xml' is not text, json, jsonl or csv" "$(cat "$T/.err")"
begin "web: format=csv is text/csv, an attachment, the same rows"
resp=$(cgi "q=the&n=20&format=csv")
expect_match $'\nContent-Type: text/csv; charset=utf-8; header=present\n' "$(headers_of <<<"$resp")"
expect_match $'\nContent-Disposition: attachment; filename="wiredex.csv"\n' "$(headers_of <<<"$resp")"
expect_equal "$(body_of <<<"$resp")" "$(cat "$T/hits.csv")"
begin "web: format=jsonl is application/x-ndjson, the same lines"
resp=$(cgi "q=the&n=20&format=jsonl")
expect_match $'\nContent-Type: application/x-ndjson\n' "$(headers_of <<<"$resp")"
expect_equal "$(body_of <<<"$resp" | jq -sc .)" \
    "$(wx_search --db "$db" --format jsonl --limit 20 the | jq -sc .)"
begin "web: an export's error is the JSON error object"
resp=$(cgi "q=cocoa+AND&syntax=on&format=csv")
expect_equal "$(body_of <<<"$resp" | jq -r .error.status)" 400
begin "web: histogram= in the JSON"
expect_equal "$(cgi "q=&year=1994&format=json&histogram=month" | body_of | jq -c .histogram)" \
    "$(hist "$db" --histogram month year:1994)"
begin "the page links the same results as CSV, JSON and JSON Lines"
page=$(cgi "q=the" | body_of)
expect_match 'href="\?q=the&amp;format=csv">CSV</a>' "$page"
expect_match 'href="\?q=the&amp;format=jsonl">JSON Lines</a>' "$page"

# ---- the page: histogram, dates, facets ----
begin "the page draws an inline SVG histogram whose bars link to their period"
expect_match '<figure class="hist"><svg role="img"' "$page"
bar=$(grep -o '<a href="[^"]*"><title>[0-9-]*: [0-9,]* articles\?</title>' <<<"$page" | head -n 1)
period=$(sed 's/.*<title>\([0-9-]*\):.*/\1/' <<<"$bar")
count=$(sed 's/.*: \([0-9,]*\) article.*/\1/; s/,//g' <<<"$bar")
expect_match "from=$period&amp;to=$period" "$bar"
expect_equal "$(cgi "q=the&from=$period&to=$period&format=json" | body_of | jq .total)" "$count"
begin "the page has from and to date fields, filled from the request"
expect_match '<input id="from" name="from"[^>]*value="1994">' "$(cgi "q=the&from=1994" | body_of)"
begin "the month facet is listed in date order"
months=$(cgi "q=the" | body_of | tr -d '\n' | sed 's/<aside.*//' | grep -o '?q=the&amp;month=[0-9-]*' | sed 's/.*=//')
expect_equal "$months" "$(sort <<<"$months")"
expect_match '[0-9]' "$months"
begin "values past the fifth are folded under more"
expect_match '<details class="more"><summary>more' "$page"
begin "the facets come twice: first, folded, for a phone; in the sidebar otherwise"
expect_match '^[^<]*(<[^>]*>[^<]*)*<details class="refine"><summary>Refine' "$(tr -d '\n' <<<"$page" | sed 's/<main.*//')"
expect_match '<aside aria-label="Refine the results">' "$page"

# ---- full text highlighting ----
id=$(wx_search --db "$db" --json 'embassy Canberra' | jq -r '.hits[0].id')
begin "--show ID QUERY highlights the query's words, stems too, in colour"
shown=$(wx_search --db "$db" --color=always --show "$id" embassy response)
expect_match $'\x1b\\[1;31mresponse\x1b\\[0m' "$shown"
expect_match $'\x1b\\[1;31m[Ee]mbass(y|ies)\x1b\\[0m' "$shown"
begin "without colour --show ID QUERY prints the article exactly"
expect_equal "$(wx_search --db "$db" --color=never --show "$id" embassy)" \
    "$(wx_search --db "$db" --show "$id")"
begin "with colour, only the markers differ"
expect_equal "$(sed 's/\x1b\[[0-9;]*m//g' <<<"$shown")" "$(wx_search --db "$db" --show "$id")"
begin "the article page marks the query's words, escaped"
art=$(cgi "show=$id&q=embassy+response" | body_of)
expect_match '<mark>response</mark>' "$art"
expect_match '<mark>[Ee]mbass' "$art"
begin "a hostile article keeps its markup as text when marked"
wx_index --quiet --db "$T/h.db" fixtures/hostile/hostile.jsonl >/dev/null 2>&1
hid=$(wx_search --db "$T/h.db" --json alert | jq -r '.hits[0].id')
hart=$(cgi "show=$hid&q=alert" "$T/h.db" | body_of)
expect_match '<mark>alert</mark>' "$hart"
expect_equal "$(grep -c '<script' <<<"$hart")" 0

# ---- syntax ----
begin "in syntax (--syntax on), an unpaired ( or ) is an error saying where"
expect_exit 2 wx_search --db "$db" --syntax on -- '(oil OR gas'
expect_match 'the "\(" at character 1 is never closed' "$(cat "$T/.err")"
expect_exit 2 wx_search --db "$db" --syntax on -- ')'
expect_match 'the "\)" at character 1 closes nothing' "$(cat "$T/.err")"
begin "an unknown field is an error naming the fields"
expect_exit 2 wx_search --db "$db" --syntax on foo:bar
expect_match 'unknown field "foo:" \(the fields are id, title, .*people, orgs, exchanges' "$(cat "$T/.err")"
begin "-word alone and NOT word alone are the same: every article without it"
all=$(wx_search --db "$db" --count '')
with=$(wx_search --db "$db" --count embassy)
expect_equal "$(wx_search --db "$db" --count -- -embassy)" "$((all - with))"
expect_equal "$(wx_search --db "$db" --count 'NOT embassy')" "$((all - with))"
expect_equal "$(wx_search --db "$db" --json --limit 50 -- -embassy | jq -c '[.hits[].id] | sort')" \
    "$(wx_search --db "$db" --json --limit 50 'NOT embassy' | jq -c '[.hits[].id] | sort')"

# ---- paging past the end ----
begin "a page past the end says where the matches end"
n=$(wx_search --db "$db" --count the)
expect_match "none from 501 on: past the end, the last is $n" "$(wx_search --db "$db" --offset 500 the)"
begin "the page past the end: a clear message, no links to pages that do not exist"
past=$(cgi "q=the&page=40" | body_of)
expect_match 'Page 40 is past the end of the results' "$past"
last=$(( (n + 9) / 10 ))
expect_match "the last is on page $last" "$past"
expect_equal "$(grep -o 'page=[0-9]*' <<<"$past" | sed 's/page=//' | sort -un | awk -v l="$last" '$1 > l' | wc -l)" 0
expect_equal "$(grep -c 'class="pager"' <<<"$past")" 0

# ---- the indexer ----
begin "--stats: settings and facets in the search JSON's shape"
st=$(wx_index --db "$db" --stats --json)
expect_equal "$(jq -c '[.lang, .stemming, .positions, .append_only]' <<<"$st")" \
    '["english","some","xapian",false]'
expect_equal "$(jq -c '.facets.agency | map(keys) | unique' <<<"$st")" '[["count","value"]]'
expect_equal "$(jq '[.facets.agency[].count] | add' <<<"$st")" "$(jq .documents <<<"$st")"
expect_match $'\nlanguage +english\nstemming +some\npositions +xapian\n' "$(wx_index --db "$db" --stats)"
begin "an unknown --format lists the formats, and no summary follows"
expect_exit 2 wx_index --db "$T/x.db" --format bogus fixtures/sample
expect_equal "$(cat "$T/.err")" \
    "wiredex-index: error: unknown format 'bogus' (the formats are auto, reuters-sgml, gigaword, nitf, newsml, newsml1, ninjs, jsonl, csv, tsv, anpa1312, iptc7901, teletype, text)"
begin "a missing path: the error, and no summary of nothing"
expect_exit 1 wx_index --db "$T/x.db" "$T/no-such-dir"
expect_equal "$(grep -c 'added' "$T/.err")" 0
begin "an error comes before the summary line"
wx_index --db "$T/strict.db" --strict fixtures/broken/control-chars.jsonl \
    fixtures/jsonl/mixed-bad-lines.jsonl >/dev/null 2>"$T/strict.err"
expect_match 'error: .*\n.*added' "$(tr '\n' '~' <"$T/strict.err" | sed 's/~/\\n/g' | sed 's/\\n/\n/g')"
expect_match 'added' "$(tail -n 1 "$T/strict.err")"
begin "the progress line counts articles in a parallel build and shows the merge"
if command -v script >/dev/null; then
    script -qec "$WX_BIN/wiredex-index --db $T/par.db --jobs 2 --progress fixtures/sample" \
        /dev/null >"$T/tty.out" 2>&1 </dev/null
    expect_match 'articles read; merging 2 shards' "$(tr '\r' '\n' <"$T/tty.out")"
fi
begin "option errors name the program, not its path"
expect_exit 2 wx_index --bogus
expect_match "^wiredex-index: unrecognized option '--bogus'" "$(cat "$T/.err")"
expect_exit 2 wx_search --bogus
expect_match "^wiredex-search: unrecognized option '--bogus'" "$(cat "$T/.err")"

# ---- the Reuters-21578 corpus: people, orgs, exchanges, did you mean ----
if have_shared; then
    rdb=$(reuters_db)
    R=$WX_SHARED/corpora/reuters21578
    codes() {  # TAG CODE: articles whose TAG block lists CODE
        cat "$R"/*.sgm | grep -o "<$1>.*</$1>" | grep -c "<D>$2</D>"
    }
    begin "people:subroto finds the articles tagged subroto"
    expect_equal "$(wx_search --db "$rdb" --count people:subroto)" "$(codes PEOPLE subroto)"
    begin "orgs:opec and exchanges:nyse find their tagged articles"
    expect_equal "$(wx_search --db "$rdb" --count orgs:opec)" "$(codes ORGS opec)"
    expect_equal "$(wx_search --db "$rdb" --count exchanges:nyse)" "$(codes EXCHANGES nyse)"
    begin "the filters work on the web too"
    expect_equal "$(cgi "people=subroto&format=json&n=1" "$rdb" | body_of | jq .total)" \
        "$(codes PEOPLE subroto)"
    begin "did you mean keeps the words the index knows"
    expect_equal "$(wx_search --db "$rdb" --json 'Bundesbank interst rates' | jq -r .suggestion)" \
        "Bundesbank interest rates"
    begin "month histogram of cocoa adds up to its total, months in order"
    h=$(wx_search --db "$rdb" --json --limit 0 --histogram month cocoa)
    expect_equal "$(jq '[.histogram[].count] | add' <<<"$h")" "$(jq .total <<<"$h")"
    expect_equal "$(jq -c '[.histogram[].date] == ([.histogram[].date] | sort)' <<<"$h")" true
fi

# ---- make uninstall ----
begin "make uninstall removes the binaries and the man pages"
# What make install puts there (install itself would build first).
mkdir -p "$T/inst/usr/local/bin" "$T/inst/usr/local/share/man/man1"
touch "$T/inst/usr/local/bin/wiredex-index" "$T/inst/usr/local/bin/wiredex-search" \
    "$T/inst/usr/local/share/man/man1/wiredex-index.1" \
    "$T/inst/usr/local/share/man/man1/wiredex-search.1"
make -s uninstall DESTDIR="$T/inst" PREFIX=/usr/local >/dev/null 2>&1
expect_equal "$(cd "$T/inst" && find . -type f | wc -l)" 0

finish
