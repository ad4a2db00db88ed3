#!/usr/bin/env bash
# What wiredex-search prints: the JSON contract (checked by parsing),
# text output plain when piped and coloured on a terminal or on request,
# paging, sorting, facets, --count, --show, and the exit codes.
. "$(dirname "$0")/lib.sh"

db=$T/search.db
wx_index --quiet --db "$db" fixtures/search/corpus.jsonl >"$T/index.log" 2>&1
search() { wx_search --db "$db" "$@"; }

# ---- the JSON contract ----
search --json --facets topic 'cocoa' >"$T/c.json"
j=$T/c.json
begin "--json prints exactly one JSON document"
expect_equal "$(jq -s length "$j")" 1
begin "top-level keys and types"
expect_equal "$(jq -c '[(.query|type), (.total|type), (.total_exact|type),
    (.offset|type), (.limit|type), (.elapsed_ms|type), (.suggestion|type),
    (.hits|type), (.facets|type)]' "$j")" \
    '["string","number","boolean","number","number","number","null","array","object"]'
begin "query, total, offset and limit values"
expect_equal "$(jq -c '[.query, .total, .total_exact, .offset, .limit]' "$j")" \
    '["cocoa",4,true,0,10]'
begin "every hit has every key with its type"
expect_equal "$(jq -c '[.hits[] | [(.rank|type), (.id|type), (.score|type),
    (.title|type), (.agency|type), (.dateline|type), (.date|type),
    (.topics|type), (.places|type), (.snippet|type), (.snippet_html|type)]]
    | unique' "$j")" \
    '[["number","string","number","string","string","string","string","array","array","string","string"]]'
begin "ranks run 1..n"
expect_equal "$(jq -c '[.hits[].rank]' "$j")" '[1,2,3,4]'
begin "dates are YYYY-MM-DD"
expect_equal "$(jq -r '[.hits[].date | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] | all' "$j")" true
begin "snippet_html marks the matched word; snippet is plain"
expect_equal "$(jq -r '[.hits[] | (.snippet_html | test("<mark>[Cc]ocoa</mark>")),
    (.snippet | test("[<>\u0002\u0003]") | not)] | all' "$j")" true
begin "hit metadata of s02"
expect_equal "$(jq -c '.hits[] | select(.id == "s02") | [.title, .agency, .dateline, .date, .topics, .places]' "$j")" \
    '["BAHIA COCOA REVIEW","Reuters","Salvador","1987-02-26",["cocoa"],["brazil"]]'
begin "topic facet over the whole match set, top value first"
expect_equal "$(jq -c '.facets.topic' "$j")" \
    '[{"value":"cocoa","count":4},{"value":"sugar","count":1}]'

# ---- facets ----
begin "facets count all matches, not only the page shown"
expect_equal "$(search --json --limit 1 --facets agency,topic '' | jq -c '[.facets.agency[0], (.hits|length)]')" \
    '[{"value":"Reuters","count":6},1]'
begin "multi-valued topics count once per document"
expect_equal "$(search --json --facets topic topic:weather | jq -c '.facets.topic')" \
    '[{"value":"Weather","count":3},{"value":"Transport","count":1}]'
begin "--facets all gives every facet field"
expect_equal "$(search --json --facets all cocoa | jq -c '.facets | keys')" \
    '["agency","dateline","month","place","topic","type","year"]'
begin "--facet-limit keeps the top values"
expect_equal "$(search --json --facets place --facet-limit 2 '' | jq -c '[.facets.place[].value]')" \
    '["United States","China"]'
begin "year facet"
expect_equal "$(search --json --facets year '' | jq -c '.facets.year[0]')" \
    '{"value":"1987","count":6}'
begin "facets in the text output"
expect_match $'topic:\n +4  cocoa' "$(search --facets topic cocoa)"

# ---- paging and sorting ----
p1=$(search --json --limit 2 --offset 0 --sort date cocoa | jq -c '[.hits[].id]')
p2=$(search --json --limit 2 --offset 2 --sort date cocoa | jq -c '[.hits[].id]')
begin "pages are consecutive slices of the whole list"
expect_equal "$p1$p2" \
    "$(search --json --limit 2 --sort date cocoa | jq -c '[.hits[].id]')$(search --json --limit 4 --sort date cocoa | jq -c '[.hits[2:][].id]')"
begin "--sort date: oldest first"
expect_equal "$(search --json --sort date cocoa | jq -c '[.hits[].id]')" \
    '["s01","s02","s11","s03"]'
begin "--sort -date: newest first"
expect_equal "$(search --json --sort=-date cocoa | jq -c '[.hits[].id]')" \
    '["s03","s11","s02","s01"]'
begin "ranks continue across pages"
expect_equal "$(search --json --limit 2 --offset 2 cocoa | jq -c '[.hits[].rank, .offset, .limit]')" \
    '[3,4,2,2]'
begin "an offset past the end gives no hits but the total"
expect_equal "$(search --json --offset 50 cocoa | jq -c '[.total, (.hits|length)]')" '[4,0]'
begin "--sort relevance on an empty query is accepted"
expect_exit 0 search --sort relevance agency:efe

# ---- text output ----
out=$(search --limit 1 --sort date cocoa)
begin "text: summary line"
expect_match '^4 matches for "cocoa" \([0-9.]+ ms\); showing 1-1\.' "$out"
begin "text: rank and title"
expect_match $'\n  1\\. COCOA PRICES FIRM IN LONDON\n' "$out"
begin "text: date, agency, dateline, id"
expect_match '1987-02-26  Reuters  London  \[s01\]' "$out"
begin "text: snippet"
expect_match 'Cocoa prices were firm in London' "$out"
begin "piped output has no escape sequences"
expect_equal "$(printf '%s' "$out" | tr -d -c '\033' | wc -c)" 0
begin "--color=always highlights matches in bold red"
expect_match $'\033\\[1;31mCocoa\033\\[0m' "$(search --color=always --limit 1 --sort date cocoa)"
begin "on a terminal colour is on by default"
script -qec "$WX_BIN/wiredex-search --db $db --limit 1 cocoa" /dev/null \
    >"$T/tty.out" 2>&1
expect_match $'\033\\[1;31m' "$(cat "$T/tty.out")"
begin "on a terminal --color=never is plain"
script -qec "$WX_BIN/wiredex-search --db $db --color=never --limit 1 cocoa" \
    /dev/null >"$T/tty.out" 2>&1
expect_equal "$(tr -d -c '\033' <"$T/tty.out" | wc -c)" 0
begin "NO_COLOR turns auto colour off on a terminal"
NO_COLOR=1 script -qec "$WX_BIN/wiredex-search --db $db --limit 1 cocoa" \
    /dev/null >"$T/tty.out" 2>&1
expect_equal "$(tr -d -c '\033' <"$T/tty.out" | wc -c)" 0
begin "no matches says so"
expect_match '^No matches for "nosuchword"' "$(search nosuchword)"

# ---- --count ----
begin "--count prints the number only"
expect_equal "$(search --count topic:cocoa)" 4
begin "--count of nothing is 0"
expect_equal "$(search --count nosuchword)" 0
begin "--count --json gives the contract with no hits"
expect_equal "$(search --count --json cocoa | jq -c '[.total, .total_exact, (.hits|length)]')" \
    '[4,true,0]'

# ---- --show ----
begin "--show prints the stored article"
search --show s02 >"$T/show.txt"
expect_match $'Title: BAHIA COCOA REVIEW' "$(cat "$T/show.txt")"
begin "--show keeps the body as indexed"
expect_match 'Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao\.' \
    "$(cat "$T/show.txt")"
begin "--show --json gives the stored record with its metadata"
expect_equal "$(search --show s05 --json | jq -c '[.id, .agency, .dateline, .topics]')" \
    '["s05","EFE","Beijing",["Crime & Justice"]]'
begin "--show --json body is exact (newlines kept)"
expect_equal "$(search --show s05 --json | jq -r .body | wc -l)" 3
begin "--show of an unknown id exits 1"
expect_exit 1 search --show nosuch
expect_match 'no article with id "nosuch"' "$(cat "$T/.err")"

# ---- database resolution and exit codes ----
begin "\$WIREDEX_DB is the default database"
expect_equal "$(WIREDEX_DB=$db wx_search --count cocoa)" 4
begin "./wiredex.db is the last default"
mkdir -p "$T/cwd" && ln -s "$db" "$T/cwd/wiredex.db"
expect_equal "$(cd "$T/cwd" && env -u WIREDEX_DB "$WX_BIN/wiredex-search" --count cocoa)" 4
begin "a missing database exits 1 with a message"
expect_exit 1 wx_search --db "$T/nope.db" cocoa
expect_match 'nope\.db: no wiredex index' "$(cat "$T/.err")"
begin "a directory that is not an index exits 1"
expect_exit 1 wx_search --db "$T/cwd" cocoa
begin "writing to a full disk exits 1"
expect_exit 1 sh -c "'$WX_BIN/wiredex-search' --db '$db' cocoa >/dev/full"
begin "--help exits 0"
expect_exit 0 search --help
begin "--version exits 0"
expect_exit 0 search --version
for bad in "--limit 1001" "--limit -1" "--limit x" "--offset 100001" \
    "--sort best" "--facets nope" "--facet-limit 0" "--color=pink" \
    "--snippet-length 5000" "--filter title:x" "--bogus"; do
    begin "bad option [$bad] exits 2"
    # shellcheck disable=SC2086
    expect_exit 2 search $bad cocoa
done
begin "no query at all exits 2"
expect_exit 2 search
begin "--limit 1000 and --offset 100000 are allowed"
expect_exit 0 search --limit 1000 --offset 100000 cocoa
begin "--snippet-length bounds the snippet"
expect_equal "$(search --json --snippet-length 40 --sort date cocoa | jq '[.hits[].snippet | length < 80] | all')" true
begin "--snippet-length 0: empty snippets"
expect_equal "$(search --json --snippet-length 0 cocoa | jq -c '[.hits[].snippet] | unique')" '[""]'

# ---- searching while the indexer commits ----
begin "searches during indexer commits never fail"
(for i in 1 2 3 4 5; do
    wx_index --quiet --batch 1 --db "$db" fixtures/search/corpus.jsonl \
        >/dev/null 2>&1
done) &
writer=$!
fails=0
# A filter query: word queries with few hits also ask Xapian's parser for
# spelling corrections, and when a commit interrupts that parse Xapian
# 1.4 leaks a few bytes as it unwinds (a library bug that only matters
# to ASan runs of this very race).
for i in $(seq 1 60); do
    n=$(search --count topic:cocoa 2>>"$T/race.err") || fails=$((fails + 1))
    [ "$n" = 4 ] || fails=$((fails + 1))
done
wait "$writer"
expect_equal "$fails" 0

finish
