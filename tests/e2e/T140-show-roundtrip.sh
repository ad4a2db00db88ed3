#!/usr/bin/env bash
# The store gives back exactly what was indexed: every Reuters-21578
# article, exported from the index, equals the reference reading of the
# SGML (reuters-to-jsonl); and --show prints the stored text.
. "$(dirname "$0")/lib.sh"
have_shared || skip_all "no ../shared corpora"
command -v python3 >/dev/null || skip_all "no python3"

db=$(reuters_db)
"$WX_SHARED/tools/reuters-to-jsonl" -o "$T/ref.jsonl" \
    "$WX_SHARED"/corpora/reuters21578/reut2-*.sgm 2>/dev/null

begin "--export writes one record per article"
wx_index --db "$db" --export >"$T/export.jsonl"
expect_equal "$(wc -l <"$T/export.jsonl")" 21578
begin "every stored article equals the source: title, body, date, dateline, topics, places"
python3 tests/tools/compare-reuters.py "$T/export.jsonl" "$T/ref.jsonl" \
    >"$T/compare.out" 2>&1
expect_equal "$(tail -n 1 "$T/compare.out")" "compared 21578 articles: 0 differ, 1 empty and not stored"

begin "--show prints the stored body exactly (NEWID 1, 5000 and 21578)"
for n in 1 5000 21578; do
    want=$(jq -r --argjson n "$n" 'select(.id == $n) | .body' "$T/ref.jsonl")
    got=$(wx_search --db "$db" --show "reuters21578-$n" | sed '1,/^$/d')
    expect_equal "$got" "$want"
done

begin "--show --json has the same record as the export"
expect_equal "$(wx_search --db "$db" --show reuters21578-2 --json | jq -cS '.body, .title')" \
    "$(grep -F '"id":"reuters21578-2"' "$T/export.jsonl" | jq -cS '.body, .title')"

begin "the seed's stored text ends before its sign-off and web furniture"
seed=$(wx_search --db "$db" --json 'embassy response Canberra' | jq -r '.hits[0].id')
expect_match 'technology and diplomacy\.$' "$(wx_search --db "$db" --show "$seed")"

begin "an export indexes again into the very same records"
head -n 2000 "$T/export.jsonl" >"$T/part.jsonl"
wx_index --quiet --db "$T/again.db" "$T/part.jsonl"
wx_index --db "$T/again.db" --export >"$T/again.jsonl"
expect_equal "$(sort "$T/again.jsonl" | md5sum)" "$(sort "$T/part.jsonl" | md5sum)"

finish
