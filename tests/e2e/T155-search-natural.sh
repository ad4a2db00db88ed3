#!/usr/bin/env bash
# Natural queries on Reuters-21578 (the suite's shared index): pasted
# paragraphs find their own article first, capitals search like lower
# case, text that would be a syntax error is read as words, short
# queries match all words, and --like finds related articles without
# the article itself, also through a stub and a remote server.
. "$(dirname "$0")/lib.sh"
have_shared || skip_all "no ../shared corpora"

db=$(reuters_db)
search() { wx_search --db "$db" "$@"; }

# Articles spread over the corpus, by id; each must have 60 body words.
n=0
for num in 5 1001 2345 4711 7777 10005 13131 17000 19999 21001; do
    id=reuters21578-$num
    body=$(search --show "$id" --json 2>/dev/null | jq -r '.body // empty')
    words=$(wc -w <<<"$body")
    [ "$words" -ge 60 ] || continue
    n=$((n + 1))
    para=$(tr -s ' \n\t' '   ' <<<"$body" | cut -d' ' -f11-50)
    begin "a 40-word paragraph of article $id finds it first"
    expect_equal "$(search --json -- "$para" | jq -r '.hits[0].id')" "$id"
    begin "the same paragraph in capitals finds the same hits"
    upper=$(tr '[:lower:]' '[:upper:]' <<<"$para")
    expect_equal "$(search --json -- "$upper" | jq -c '[.hits[].id]')" \
        "$(search --json -- "$para" | jq -c '[.hits[].id]')"
    begin "a pasted paragraph is matched by any word, ranked"
    expect_equal "$(search --json -- "$para" | jq -r '.match, .syntax')" \
        $'any\nfalse'
done
begin "at least 6 articles were long enough to paste from"
expect_equal "$([ "$n" -ge 6 ] && echo yes)" yes

begin "SUPPRESSING finds what suppressing finds"
expect_equal "$(search --count SUPPRESSING)" "$(search --count suppressing)"
expect_match '^[1-9]' "$(search --count suppressing)"
begin "a headline in capitals with OR is text, not an operator"
expect_equal "$(search --json 'OIL PRICES RISE OR FALL' | jq -r .syntax)" false

for q in 'date: 1963' 'x OR' 'title: compilers' 'id: 5' 'oil - prices' \
         'cocoa AND'; do
    begin "[$q] is read as words and gives ranked hits"
    expect_exit 0 search --json -- "$q"
    expect_equal "$(jq -r '.syntax' "$T/.out")" false
    expect_match '^[1-9]' "$(jq -r '.total' "$T/.out")"
    expect_match '^[0-9.]+$' "$(jq -r '.hits[0].score' "$T/.out")"
done
begin "[-] alone has no word: exit 0, no hits, match none"
expect_exit 0 search --json -- '-'
expect_equal "$(jq -c '[.total, .match]' "$T/.out")" '[0,"none"]'

begin "a short query matches all its words"
expect_equal "$(search --json 'cocoa buffer stock' | jq -r '.match, .relaxed')" \
    $'all\nfalse'
all=$(search --count --match all 'cocoa buffer stock')
expect_equal "$(search --count 'cocoa buffer stock')" "$all"
begin "...and when no article has them all, those with most of them"
expect_equal "$(search --json 'cocoa zzyzx' | jq -r '.match, .relaxed')" \
    $'any\ntrue'
expect_equal "$(search --count --match all 'cocoa zzyzx')" 0
begin "--match any ranks more articles than --match all"
expect_equal "$(( $(search --count --match any 'cocoa buffer stock' | tr -d ' ') > all ))" 1
begin "syntax still works where written as syntax"
expect_equal "$(search --json 'cocoa OR sugar' | jq -r '.syntax')" true
begin "--syntax on keeps malformed queries errors"
expect_exit 2 search --syntax on 'x OR'

# ---- more like this ----
like_ids() { jq -r '[.hits[].id] | join(",")'; }
cocoa=$(search --json topic:cocoa --limit 1 | jq -r '.hits[0].id')
search --json --like "$cocoa" >"$T/like.json"
begin "--like finds other articles, never the article itself"
expect_equal "$(jq --arg i "$cocoa" '[.hits[] | select(.id == $i)] | length' \
                "$T/like.json")" 0
expect_equal "$(jq -r '.like' "$T/like.json")" "$cocoa"
begin "--like of a cocoa article finds cocoa articles first"
first=$(jq -r '.hits[0].id' "$T/like.json")
expect_match cocoa "$(search --show "$first" --json | jq -r '.topics | join(",")')"
begin "--like through a stub over the index gives the same hits"
printf 'auto %s\n' "$db" >"$T/stub"
expect_equal "$(wx_search --db "$T/stub" --json --like "$cocoa" | like_ids)" \
    "$(like_ids <"$T/like.json")"
begin "--like through a remote server (xapian-progsrv) gives the same hits"
printf 'remote :xapian-progsrv %s\n' "$db" >"$T/remote"
expect_equal "$(wx_search --db "$T/remote" --json --like "$cocoa" | like_ids)" \
    "$(like_ids <"$T/like.json")"
begin "--like of an unknown id says so"
expect_exit 1 search --like no-such-id
expect_match 'no article with id' "$(cat "$T/.err")"
# ---- ranking settings, stored per index ----
scores() { wx_search --db "$T/rk.db" --json "$@" cocoa | jq -c '[.hits[].score]'; }
wx_index --quiet --db "$T/rk.db" fixtures/search/corpus.jsonl
default=$(scores)
begin "--ranking on the searcher changes the scores"
expect_equal "$([ "$(scores --ranking dph)" != "$default" ] && echo changed)" changed
begin "wiredex-index --ranking stores settings the searcher then uses"
wx_index --quiet --db "$T/rk.db" --ranking dph fixtures/search/corpus.jsonl
expect_equal "$(scores)" "$(scores --ranking dph)"
begin "bad ranking settings are usage errors on both sides"
expect_exit 2 wx_index --db "$T/rk.db" --ranking bm25:k1=99 fixtures/search
expect_match 'k1 must be' "$(cat "$T/.err")"
expect_exit 2 wx_search --db "$T/rk.db" --ranking tfidf cocoa
expect_match 'unknown scheme' "$(cat "$T/.err")"

finish
