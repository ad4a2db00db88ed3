#!/usr/bin/env bash
# Shards built separately and joined by a stub file of two `auto` lines
# (what issue 17 found broken when records lived in shared blocks): every
# stored article must read back whole through the stub, and hits, --show,
# --stats and --export must equal one index holding the same articles.
. "$(dirname "$0")/lib.sh"

if have_shared; then
    c=$WX_SHARED/corpora/reuters21578
    one=("$c/reut2-000.sgm" "$c/reut2-001.sgm")
    two=("$c/reut2-002.sgm" "$WX_SHARED/corpora/seed")
    queries=('cocoa prices' 'oil' 'agency:efe' '"trade deficit"' 'topic:grain')
else
    one=(fixtures/sample/efe-2021-07-20-china-cyber.txt)
    two=(fixtures/sample)
    queries=('cocoa' 'agency:efe')
fi
wx_index --quiet --jobs 1 --db "$T/all.db" "${one[@]}" "${two[@]}"
wx_index --quiet --db "$T/s1.db" "${one[@]}"
wx_index --quiet --db "$T/s2.db" "${two[@]}"
printf 'auto s1.db\nauto s2.db\n' > "$T/stub"

begin "--show of ids from both shards through the stub equals the one index"
ids=$( (wx_index --db "$T/s1.db" --export | jq -r .id | awk 'NR % 50 == 1'
        wx_index --db "$T/s2.db" --export | jq -r .id | awk 'NR % 50 == 1'
        wx_index --db "$T/s2.db" --export | jq -r .id | tail -1) | sort -u)
for id in $ids; do
    expect_equal "$(wx_search --db "$T/stub" --show "$id")" \
        "$(wx_search --db "$T/all.db" --show "$id")"
    expect_equal "$(wx_search --db "$T/stub" --show "$id" --json | jq -r .id)" "$id"
done

begin "--export through the stub holds the same records"
expect_equal "$(wx_index --db "$T/stub" --export | sort | md5sum)" \
    "$(wx_index --db "$T/all.db" --export | sort | md5sum)"

begin "--stats through the stub reports the whole"
expect_equal "$(wx_index --db "$T/stub" --stats --json | jq -S .)" \
    "$(wx_index --db "$T/all.db" --stats --json | jq -S .)"

page() {
    wx_search --db "$1" --json --limit 10 "$2" |
        jq -c '[.hits[] | {(.id): [.title, .date, .agency, .snippet]}] | add // {}'
}
begin "every hit's title, date and agency equal the one index's"
for q in "${queries[@]}"; do
    a=$(page "$T/all.db" "$q") b=$(page "$T/stub" "$q")
    expect_equal "$(jq -cn --argjson a "$a" --argjson b "$b" \
        '[$a | keys[] | select(in($b)) | select($a[.][0:3] != $b[.][0:3])]')" "[]"
    expect_equal "$(jq -n --argjson a "$a" --argjson b "$b" \
        '[$a | keys[] | select(in($b))] | length > 0')" true
done
begin "every hit's snippet equals the one index's"
for q in "${queries[@]}"; do
    a=$(page "$T/all.db" "$q") b=$(page "$T/stub" "$q")
    expect_equal "$(jq -cn --argjson a "$a" --argjson b "$b" \
        '[$a | keys[] | select(in($b)) | select($a[.] != $b[.])]')" "[]"
done

# An index of the block layout (schema 1) is refused with a reason by
# both binaries, never read as something else.
cp -r "$T/s1.db" "$T/old.db"
xapian-metadata set "$T/old.db" wiredex.schema 1
begin "a schema 1 index: the searcher says to rebuild (exit 1)"
expect_exit 1 wx_search --db "$T/old.db" cocoa
expect_match 'rebuild' "$(wx_search --db "$T/old.db" cocoa 2>&1)"
begin "a schema 1 index: the indexer says to rebuild (exit 1)"
expect_exit 1 wx_index --quiet --db "$T/old.db" "${one[@]}"
expect_match 'rebuild' "$(wx_index --db "$T/old.db" "${one[@]}" 2>&1)"

finish
