#!/usr/bin/env bash
# The searcher's must-show checks on Reuters-21578 plus the EFE seed,
# against the index the suite builds once (lib.sh reuters_db). Skipped
# when ../shared is not there.
. "$(dirname "$0")/lib.sh"
have_shared || skip_all "no ../shared corpora"

db=$(reuters_db)
search() { wx_search --db "$db" "$@"; }
sgml=$WX_SHARED/corpora/reuters21578

search --json 'embassy response Canberra' >"$T/c.json"
begin "embassy response Canberra: the EFE seed article first"
expect_equal "$(jq -r '.hits[0].agency' "$T/c.json")" EFE
begin "its snippet_html has Canberra inside <mark>"
expect_match '<mark>Canberra</mark>' "$(jq -r '.hits[0].snippet_html' "$T/c.json")"
begin "its dateline and date"
expect_equal "$(jq -c '.hits[0] | [.dateline, .date]' "$T/c.json")" \
    '["Beijing","2021-07-20"]'

begin "--count topic:cocoa is 76"
expect_equal "$(search --count topic:cocoa)" 76
begin "--count agency:efe is 1"
expect_equal "$(search --count 'agency:efe')" 1
begin "--count of 26 Feb 1987 equals the SGML's"
expect_equal "$(search --count 'date:1987-02-26..1987-02-26')" \
    "$(cat "$sgml"/*.sgm | grep -c '<DATE> *26-FEB-1987')"
begin "a cocoa search counts cocoa in its topic facet"
expect_equal "$(search --json --facets topic cocoa | jq '[.facets.topic[] | select(.value == "cocoa") | .count > 0] | any')" true
begin "the topic facet of a cocoa search has cocoa first"
expect_equal "$(search --json --facets topic cocoa | jq -r '.facets.topic[0].value')" cocoa

begin "--show reuters21578-1 prints the BAHIA COCOA REVIEW"
search --show reuters21578-1 >"$T/show.txt"
expect_match 'BAHIA COCOA REVIEW' "$(cat "$T/show.txt")"
begin "--show reuters21578-1 has its body"
expect_match 'Showers continued throughout the week in' "$(cat "$T/show.txt")"
begin "--show --json of NEWID 1 has its metadata"
expect_equal "$(search --show reuters21578-1 --json | jq -c '[.id, .agency, .dateline, .topics]')" \
    '["reuters21578-1","Reuters","Salvador",["cocoa"]]'

begin "did you mean: cocao → cocoa"
expect_equal "$(search --json cocao | jq -r .suggestion)" cocoa
begin "facets over the whole corpus: 21,577 Reuters and 1 EFE"
expect_equal "$(search --json --limit 0 --facets agency '' | jq -c '[.facets.agency[] | [.value, .count]]')" \
    '[["Reuters",21577],["EFE",1]]'
begin "paging deep into a large result set"
expect_equal "$(search --json --limit 5 --offset 1000 oil | jq -c '[.hits[0].rank, (.hits|length)]')" \
    '[1001,5]'
begin "a large OR query with every facet counts the whole match set"
expect_equal "$(search --json --facets all 'oil OR dollar' |
                jq '.total_exact and .total > 2000 and (.facets.agency[0].count == .total)')" true
begin "English function words do not narrow a query, but phrases keep them"
expect_equal "$(search --count 'the year')" "$(search --count year)"
expect_equal "$(( $(search --count '"the year"') < $(search --count year) ))" 1

finish
