#!/usr/bin/env bash
# Hostile input to the searcher: control characters, oversized queries,
# invalid UTF-8, deep nesting, and article text carrying markup and
# scripts. Never a crash; a clear error and exit 2 where input is
# refused; output always valid (JSON parses, text has no escapes).
. "$(dirname "$0")/lib.sh"

db=$T/search.db
wx_index --quiet --db "$db" fixtures/search/corpus.jsonl >"$T/index.log" 2>&1
search() { wx_search --db "$db" "$@"; }

begin "control characters are removed from the query"
expect_equal "$(search --count $'co\x01co\x7fa')" 4
begin "escape sequences in the query do not reach the output"
search $'\e[2J\e]0;pwned\a cocoa' >"$T/o.txt" 2>&1
expect_equal "$(tr -d -c '\033\007' <"$T/o.txt" | wc -c)" 0
begin "a query with escape sequences still gives valid JSON"
expect_equal "$(search --json $'\e[31mcocoa\e[0m' | jq -r .query)" '[31mcocoa[0m'

big=$(head -c 102400 /dev/zero | tr '\0' a)
begin "a 100 KB query exits 2"
expect_exit 2 search "$big"
begin "a 100 KB query gets a clear message"
expect_match 'query is too long: 102400 bytes \(at most 4096\)' "$(cat "$T/.err")"
begin "a 100 KB query of many words exits 2 too"
expect_exit 2 search $(head -c 51200 /dev/zero | tr '\0' 'a' | sed 's/a/a /g')
begin "a query of exactly 4096 bytes is accepted"
expect_exit 0 search "$(head -c 4096 /dev/zero | tr '\0' a)"
begin "a 4097-byte query is refused"
expect_exit 2 search "$(head -c 4097 /dev/zero | tr '\0' a)"

begin "invalid UTF-8 is repaired (as Latin-1), not a crash"
expect_exit 0 search --json $'caf\xe9 \xff\xfe'
begin "the repaired query is valid UTF-8 in the JSON"
expect_equal "$(search --json $'caf\xe9' | jq -r .query)" 'café'
begin "stray bytes repaired as Latin-1; C1 controls among them dropped"
expect_equal "$(search --json $'\x80cocoa\xe2\x82' | jq -r .query)" 'cocoaâ'
begin "Latin-1 field values match once repaired"
expect_equal "$(search --count $'dateline:BOGOT\xc1')" 1

deep=$(printf '(%.0s' $(seq 1 2000))cocoa$(printf ')%.0s' $(seq 1 2000))
begin "2000 nested parentheses: no crash"
search --count "$deep" >/dev/null 2>&1
rc=$?
expect_match '^(0|2)$' "$rc"
begin "a huge single term finds nothing, quietly"
expect_equal "$(search --count "$(head -c 3000 /dev/zero | tr '\0' x)")" 0
begin "unbalanced quotes are tolerated"
expect_equal "$(search --count '"cocoa talks')" 1
begin "an empty quoted value is refused as syntax"
expect_exit 2 search --syntax on 'topic:"'
begin "an empty quoted value is read as words by default"
expect_exit 0 search 'topic:"'
begin "a lone wildcard does not crash"
expect_exit 0 search --count 'a*'
begin "an id with control characters is just not found"
expect_exit 1 search --show $'s0\x01'
begin "an id that is not UTF-8 is refused"
expect_exit 2 search --show $'\xff'

# Article text with markup and scripts (fixture s09).
search --json yen >"$T/y.json"
begin "a title with <script> is kept as text in JSON"
expect_equal "$(jq -r '.hits[0].title' "$T/y.json")" \
    'YEN HITS RECORD <script>alert(1)</script>'
begin "snippet_html escapes the article's markup"
expect_equal "$(jq -r '.hits[0].snippet_html | test("<(script|b)")' "$T/y.json")" false
begin "snippet_html contains only <mark> elements"
expect_equal "$(jq -r '.hits[0].snippet_html | [scan("<[^>]*>")] | unique | join(" ")' "$T/y.json")" \
    '</mark> <mark>'
begin "the plain snippet keeps the article's text as written"
expect_match '"<b>buy</b> & hold"' "$(jq -r '.hits[0].snippet' "$T/y.json")"
begin "--show --json of hostile text is valid JSON"
expect_equal "$(search --show s09 --json | jq -r .id)" s09

finish
