#!/usr/bin/env bash
# --append-only builds a new index without Xapian's termlist table. It
# must search exactly like an ordinary index; articles whose id it
# already holds are kept as they are (a rerun resumes rather than
# replaces), and deleting is refused with a clear error.
. "$(dirname "$0")/lib.sh"

if have_shared; then
    c=$WX_SHARED/corpora/reuters21578
    input=("$c/reut2-000.sgm" "$c/reut2-001.sgm" "$WX_SHARED/corpora/seed")
    queries=('oil prices' 'embassy response Canberra' 'cocao' 'topic:cocoa'
             '"trade deficit"' 'wheat NEAR export' 'embass*')
else
    input=(fixtures/sample)
    queries=('embassy response Canberra' 'agency:efe' 'rain*' 'cocoa')
fi

wx_index --quiet --db "$T/full.db" "${input[@]}"
begin "an append-only build exits 0, on every core and on one"
expect_exit 0 wx_index --quiet --append-only --db "$T/ao.db" "${input[@]}"
expect_exit 0 wx_index --quiet --append-only --jobs 1 --db "$T/ao1.db" \
    "${input[@]}"
begin "an append-only index has no termlist table, an ordinary one has"
expect_equal "$(ls "$T/ao.db" "$T/ao1.db" | grep -c '^termlist')" 0
expect_equal "$(ls "$T/full.db" | grep -c '^termlist')" 1
begin "and is smaller"
a=$(du -sk "$T/ao.db" | cut -f1) f=$(du -sk "$T/full.db" | cut -f1)
expect_equal "$((a < f))" 1

stats() { wx_index --db "$1" --stats --json | jq -S 'del(.stored_bytes)'; }
begin "--stats says which kind an index is"
expect_equal "$(wx_index --db "$T/ao.db" --stats --json | jq .append_only)" true
expect_equal "$(wx_index --db "$T/full.db" --stats --json | jq .append_only)" \
    false
expect_equal "$(wx_index --db "$T/ao1.db" --stats | grep -c '^append-only  *yes$')" 1
begin "documents, text bytes and facets equal the ordinary build's"
expect_equal "$(stats "$T/ao.db" | jq 'del(.append_only)')" \
    "$(stats "$T/full.db" | jq 'del(.append_only)')"
expect_equal "$(stats "$T/ao1.db")" "$(stats "$T/ao.db")"

expect_same_search "$T/full.db" "$T/ao.db" "${queries[@]}"

begin "a rerun keeps every article it finds (exit 0, none replaced)"
n=$(stats "$T/ao1.db" | jq .documents)
expect_exit 0 wx_index --db "$T/ao1.db" "${input[@]}"
expect_match "^wiredex-index: 0 added, 0 replaced, $n kept, 0 skipped" \
    "$(tail -1 "$T/.err")"
expect_equal "$(stats "$T/ao1.db")" "$(stats "$T/ao.db")"

begin "new articles are added to an append-only index"
for i in 1 2; do
    printf '{"id": "NEW-%s", "title": "Molybdenum report %s", "body": "SANTIAGO, May 3 (EFE).- Molybdenum prices rose.", "agency": "EFE", "date": "2024-05-03"}\n' $i $i
done >"$T/new.jsonl"
expect_exit 0 wx_index --db "$T/ao1.db" "$T/new.jsonl"
expect_match "^wiredex-index: 2 added, 0 replaced, 0 skipped" \
    "$(tail -1 "$T/.err")"
expect_equal "$(stats "$T/ao1.db" | jq .documents)" "$((n + 2))"
expect_equal "$(wx_search --db "$T/ao1.db" --count molybdenum)" 2

begin "within one build, the first article with an id is the one kept"
{
    printf '%s\n' '{"id": "DUP-1", "title": "First version", "body": "LIMA, May 2 (EFE).- Copper output rose.", "agency": "EFE", "date": "2024-05-02"}'
    printf '%s\n' '{"id": "DUP-2", "title": "Other story", "body": "LIMA, May 2 (EFE).- Zinc output fell.", "agency": "EFE", "date": "2024-05-02"}'
    printf '%s\n' '{"id": "DUP-1", "title": "Second version", "body": "LIMA, May 2 (EFE).- Copper output fell.", "agency": "EFE", "date": "2024-05-02"}'
} >"$T/dup.jsonl"
for j in 1 2; do
    expect_exit 0 wx_index --append-only --jobs $j --db "$T/dup$j.db" \
        "$T/dup.jsonl"
    expect_match '^wiredex-index: 2 added, 0 replaced, 1 kept, 0 skipped' \
        "$(tail -1 "$T/.err")"
    expect_equal "$(wx_search --db "$T/dup$j.db" --show DUP-1 --json |
                    jq -r .title)" "First version"
done
begin "an ordinary index replaces it instead"
expect_exit 0 wx_index --db "$T/dup3.db" "$T/dup.jsonl"
expect_equal "$(wx_search --db "$T/dup3.db" --show DUP-1 --json |
                jq -r .title)" "Second version"

begin "deleting from an append-only index is refused, nothing changes"
before=$(stats "$T/dup1.db")
expect_exit 2 wx_index --db "$T/dup1.db" --delete DUP-1
expect_match 'append-only index keeps every article' "$(cat "$T/.err")"
expect_equal "$(stats "$T/dup1.db")" "$before"
expect_equal "$(wx_search --db "$T/dup1.db" --count 'copper')" 1

begin "--append-only on an ordinary index notes it and still replaces"
expect_exit 0 wx_index --append-only --db "$T/full.db" "${input[@]}"
expect_match 'shapes new indexes only' "$(cat "$T/.err")"
expect_match ' 0 added, [1-9][0-9]* replaced, 0 skipped' "$(tail -1 "$T/.err")"

finish
