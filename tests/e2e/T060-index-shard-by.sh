#!/usr/bin/env bash
# --shard-by month|year: an archive directory of one index per period and
# a stub (XAPIANDB) listing them. Built a month at a time, it must answer
# like one index holding the same articles: stats, searches, --show; an
# article whose date moves it to another period leaves its old shard;
# --delete reaches every shard; mixing layouts is refused.
. "$(dirname "$0")/lib.sh"

if have_shared; then
    c=$WX_SHARED/corpora/reuters21578
    first=("$c/reut2-000.sgm" "$c/reut2-001.sgm")
    next=("$c/reut2-002.sgm" "$WX_SHARED/corpora/seed")
    queries=('oil prices' 'cocoa' 'topic:cocoa' '"trade deficit"'
             'date:1987-02-26..1987-03-01' 'agency:efe' 'embassy')
else
    first=(fixtures/sample)
    next=()
    queries=('embassy response Canberra' 'agency:efe' 'rain*' 'cocoa')
fi
A=$T/archive.db

wx_index --quiet --jobs 1 --db "$T/one.db" "${first[@]}" "${next[@]}"
begin "the first months build an archive (exit 0)"
expect_exit 0 wx_index --quiet --shard-by month --db "$A" "${first[@]}"
shards_before=$(grep -c . "$A/XAPIANDB")
if [ ${#next[@]} -gt 0 ]; then
    begin "the next month is one more build into the same archive"
    expect_exit 0 wx_index --quiet --shard-by month --db "$A" "${next[@]}"
fi
begin "the stub lists one shard per month, in order, each a directory"
expect_equal "$(sed 's/^auto //' "$A/XAPIANDB" | sort -c && echo sorted)" sorted
for s in $(sed 's/^auto //' "$A/XAPIANDB"); do
    [ -f "$A/$s/iamglass" ] || expect_equal "$s has no database" ""
done
expect_equal "$(grep -cvE '^auto [0-9]{4}-[0-9]{2}$' "$A/XAPIANDB")" 0
if have_shared; then
    begin "adding the seed added its month (2021-07)"
    expect_match 'auto 2021-07' "$(cat "$A/XAPIANDB")"
    expect_equal "$(( $(grep -c . "$A/XAPIANDB") > shards_before ))" 1
fi

begin "rerunning the first months in small batches replaces, adds nothing"
# Many commits to shards the run's starting view also reads.
expect_match ' 0 added, [0-9]+ replaced, 0 skipped' \
    "$(wx_index --shard-by month --batch 20 --db "$A" "${first[@]}" 2>&1)"

begin "--stats over the archive reports the whole, to the stored byte"
expect_equal "$(wx_index --db "$A" --stats --json | jq -S .)" \
    "$(wx_index --db "$T/one.db" --stats --json | jq -S .)"

expect_same_search "$T/one.db" "$A" "${queries[@]}"

# Hits of equal score may trade places at the page's edge: compare the
# articles both pages hold, and require nearly all to be in both.
page() {
    wx_search --db "$1" --json --limit 20 "$2" |
        jq -c '[.hits[] | {(.id): [.title, .date, .snippet]}] | add // {}'
}
begin "hits show the same titles, dates and snippets"
for q in "${queries[@]}"; do
    a=$(page "$T/one.db" "$q") b=$(page "$A" "$q")
    # Xapian's MSet::snippet picks another window through a stub for some
    # hits (reuters21578-1306 for "oil prices"): search policy, issue 17's
    # search half.
    known_broken "snippets through a stub can differ"
    expect_equal "$(jq -cn --argjson a "$a" --argjson b "$b" \
        '[$a | keys[] | select(in($b)) | select($a[.] != $b[.])]')" "[]"
    expect_equal "$(jq -cn --argjson a "$a" --argjson b "$b" \
        '[$a | keys[] | select(in($b)) | select($a[.][0:2] != $b[.][0:2])]')" "[]"
    expect_equal "$(jq -n --argjson a "$a" --argjson b "$b" \
        '([$a | keys[] | select(in($b))] | length) >= ([$a | length] | .[0] - 2)')" true
done

ids=$(wx_index --db "$T/one.db" --export | jq -r .id | awk 'NR % 97 == 1')
begin "--show of ids from every month equals the single index's"
for id in $ids; do
    expect_equal "$(wx_search --db "$A" --show "$id")" \
        "$(wx_search --db "$T/one.db" --show "$id")"
done

# An article re-dated into another month moves there: one copy, the new.
one_id=$(echo "$ids" | head -1)
printf '{"id":"%s","title":"MOVED","date":"1999-12-31","body":"Re-dated."}\n' \
    "$one_id" > "$T/moved.jsonl"
docs=$(wx_index --db "$A" --stats --json | jq .documents)
begin "a re-dated article is replaced, not added"
expect_match '0 added, 1 replaced' "$(wx_index --db "$A" --shard-by month "$T/moved.jsonl" 2>&1)"
expect_equal "$(wx_index --db "$A" --stats --json | jq .documents)" "$docs"
begin "it lives in its new month's shard only"
expect_match 'auto 1999-12' "$(cat "$A/XAPIANDB")"
expect_equal "$(wx_search --db "$A" --show "$one_id" --json | jq -r .title)" MOVED
expect_equal "$(wx_search --db "$A/1999-12" --json 'moved' | jq .total)" 1
old_total=0
for s in $(sed 's/^auto //' "$A/XAPIANDB"); do
    [ "$s" = 1999-12 ] && continue
    n=$(wx_search --db "$A/$s" --json "id:$one_id" | jq .total)
    old_total=$((old_total + n))
done
expect_equal "$old_total" 0

begin "--delete finds the article in whichever shard holds it"
expect_exit 0 wx_index --db "$A" --delete "$one_id"
expect_equal "$(wx_index --db "$A" --stats --json | jq .documents)" $((docs - 1))
expect_exit 1 wx_search --db "$A" --show "$one_id"

begin "an article without a date goes to the undated shard"
printf 'Title: NO DATE HERE\n\nA report that gives no date at all.\n' \
    > "$T/undated.txt"
expect_exit 0 wx_index --quiet --db "$A" --shard-by month "$T/undated.txt"
expect_match 'auto undated' "$(cat "$A/XAPIANDB")"
expect_equal "$(wx_search --db "$A" --json '"gives no date"' | jq .total)" 1

begin "by year: one shard per year"
expect_exit 0 wx_index --quiet --shard-by year --db "$T/years.db" \
    "${first[@]}" "${next[@]}"
expect_equal "$(grep -cvE '^auto [0-9]{4}$' "$T/years.db/XAPIANDB")" 0
expect_equal "$(wx_index --db "$T/years.db" --stats --json | jq -S .)" \
    "$(wx_index --db "$T/one.db" --stats --json | jq -S .)"

begin "mixing layouts is refused with a reason (exit 2)"
expect_exit 2 wx_index --quiet --shard-by year --db "$A" "$T/moved.jsonl"
expect_match 'sharded by month' "$(wx_index --shard-by year --db "$A" "$T/moved.jsonl" 2>&1)"
expect_exit 2 wx_index --quiet --db "$A" "$T/moved.jsonl"
expect_match 'add --shard-by' "$(wx_index --db "$A" "$T/moved.jsonl" 2>&1)"
expect_exit 2 wx_index --quiet --shard-by month --db "$T/one.db" "$T/moved.jsonl"
expect_exit 2 wx_index --quiet --shard-by week --db "$T/w.db" "$T/moved.jsonl"

finish
