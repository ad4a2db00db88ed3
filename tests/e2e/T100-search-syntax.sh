#!/usr/bin/env bash
# The query syntax end to end: words (AND by default), OR, NOT, +/-,
# phrases, NEAR, wildcards, parentheses, every field prefix with
# case-insensitive and quoted values, date ranges with open ends,
# stemming, empty queries with filters, "did you mean", and malformed
# queries (exit 2 with a message saying what is wrong under --syntax on;
# read as words by default).
. "$(dirname "$0")/lib.sh"

db=$T/search.db
wx_index --quiet --db "$db" fixtures/search/corpus.jsonl >"$T/index.log" 2>&1
begin "the search fixture indexes"
expect_equal "$?" 0

# The ids a query finds, sorted, comma-separated.
ids() {
    wx_search --db "$db" --json --limit 100 "$@" |
        jq -r '[.hits[].id] | sort | join(",")'
}
# The ids in rank order.
ranked() {
    wx_search --db "$db" --json --limit 100 "$@" |
        jq -r '[.hits[].id] | join(",")'
}

while IFS='|' read -r query want; do
    [ -z "$query" ] && continue
    begin "query [$query] finds [$want]"
    expect_equal "$(ids "$query")" "$want"
done <<'CASES'
cocoa buffer|s01,s11
sugar OR grain|s03,s04
cocoa NOT london|s02,s03,s11
cocoa AND NOT buffer|s02,s03
cocoa -buffer|s02,s03
+cocoa +futures|s03
"cocoa talks"|s11
"talks cocoa"|
buffer NEAR/3 rules|s11
cocoa NEAR adjourned|s11
embass*|s05,s07
(sugar OR grain) futures|s03
(sugar OR grain) (futures OR wheat)|s03,s04
title:cocoa|s01,s02,s03,s11
title:buffer|
title:"cocoa review"|s02
agency:efe|s05,s12
agency:EFE|s05,s12
agency:Reuters cocoa talks|s11
agency:efe OR agency:afp|s05,s07,s12
dateline:SALVADOR|s02
dateline:"new york"|s03,s10
dateline:"NEW YORK" blizzard|s10
dateline:BOGOTÁ|s12
dateline:bogotá|s12
topic:"crime & justice"|s05
topic:"CRIME & JUSTICE"|s05
topic:COCOA|s01,s02,s03,s11
topic:cocoa topic:sugar|s03
topic:cocoa -topic:sugar|s01,s02,s11
topic:cocoa OR topic:sugar|s01,s02,s03,s11
agency:efe agency:afp|s05,s07,s12
place:"united states"|s06,s08,s10
id:s04|s04
year:1987 grain|s04
month:1987-02|s01,s02,s11
date:1987-02-26..1987-02-26|s01,s02
date:1987-02-26|s01,s02
date:..1987-02-26|s01,s02
date:2021-07-21..|s06,s07,s10,s12
date:1987-03|s03,s04
date:2019..2021|s05,s06,s07,s08,s12
date:19870226..19870227|s01,s02,s11
cocoa date:1987-02-27..1987-03-31|s03,s11
embassy|s05,s07
embassies|s05,s07
nosuchword|
CASES

begin "--no-stem matches the word as typed only"
expect_equal "$(ids --no-stem embassy)" "s05"
begin "stemmed variants are highlighted: embassies marks embassy"
expect_match '<mark>embassy</mark>' \
    "$(wx_search --db "$db" --json embassies | jq -r '.hits[] | select(.id == "s05") | .snippet_html')"

begin "the EFE article comes first for embassy response Canberra"
expect_equal "$(ranked 'embassy response Canberra' | cut -d, -f1)" "s05"
begin "title matches weigh more: China in s05's title beats s08's body"
expect_equal "$(ranked China)" "s05,s08"

begin "an empty query with a filter lists the filtered set, newest first"
expect_equal "$(ranked agency:reuters)" "s09,s04,s03,s11,s02,s01"
begin "--filter and --from/--to work without a query"
expect_equal "$(ranked --filter agency:efe --from 2021-07 --to 2021-07)" "s05"

begin "did you mean: cocao suggests cocoa"
expect_equal "$(wx_search --db "$db" --json cocao | jq -c '[.total, .suggestion]')" \
    '[0,"cocoa"]'
begin "no suggestion when the query finds enough"
expect_equal "$(wx_search --db "$db" --json cocoa | jq -c .suggestion)" null
begin "the text output offers the suggestion"
expect_match 'Did you mean "cocoa"\?' "$(wx_search --db "$db" cocao)"

while IFS='|' read -r query msg; do
    [ -z "$query" ] && continue
    begin "malformed [$query] exits 2 with --syntax on"
    expect_exit 2 wx_search --db "$db" --syntax on -- "$query"
    begin "malformed [$query] says: $msg"
    expect_match "$msg" "$(cat "$T/.err")"
    begin "malformed [$query] prints nothing on stdout"
    expect_equal "$(cat "$T/.out")" ""
    # By default the same text is read as words: never an error.
    begin "[$query] by default is read as words, exit 0"
    expect_exit 0 wx_search --db "$db" --json -- "$query"
    begin "[$query] by default says it was read as words"
    expect_equal "$(jq -r .syntax "$T/.out")" false
done <<'CASES'
cocoa AND|AND needs a search term on each side
OR cocoa|OR needs a search term on each side
cocoa NOT|NOT needs a search term
(cocoa OR|the "\(" at character 1 is never closed
oil )|the "\)" at character 5 closes nothing
foo:bar|unknown field "foo:" \(the fields are id, title, agency
topic:|"topic:" needs a value
date:1987-13-01..|bad date "1987-13-01"
date:1987-02-30|bad date "1987-02-30"
date:..|needs at least one end
date:1987-03-31..1987-03-01|ends before it starts
1..5|only for date ranges
CASES

finish
