#!/usr/bin/env bash
# --jobs builds shards in parallel and merges them with Xapian's
# compactor: the index must search exactly like a sequential build
# (document and facet counts, totals, top results, suggestions), and a
# killed parallel build must leave nothing that a rerun trips over.
# Without --jobs a new index is built on every core (at most 8).
. "$(dirname "$0")/lib.sh"

if have_shared; then
    c=$WX_SHARED/corpora/reuters21578
    input=("$c/reut2-000.sgm" "$c/reut2-001.sgm" "$c/reut2-002.sgm"
           "$c/reut2-003.sgm" "$WX_SHARED/corpora/seed")
    queries=('oil prices' 'embassy response Canberra' 'cocao'
             'topic:cocoa' 'date:1987-02-26..1987-03-01' '"trade deficit"'
             'wheat NEAR export' 'agency:reuters bank' 'embass*')
else
    input=(fixtures/sample)
    queries=('embassy response Canberra' 'agency:efe' 'rain*' 'cocoa')
fi

wx_index --quiet --jobs 1 --db "$T/seq.db" "${input[@]}"
begin "a parallel build with --jobs 3 exits 0"
expect_exit 0 wx_index --quiet --jobs 3 --batch 300 --db "$T/par.db" "${input[@]}"
begin "no shard directory is left behind"
expect_equal "$(ls -d "$T"/par.db.shards 2>/dev/null)" ""

# Each record is packed on its own with the built-in dictionary, so the
# stored bytes too are those of the sequential build, to the byte.
stats() { wx_index --db "$1" --stats --json | jq -S .; }
begin "document counts, text and stored bytes and every facet equal the sequential build"
expect_equal "$(stats "$T/par.db")" "$(stats "$T/seq.db")"

expect_same_search "$T/seq.db" "$T/par.db" "${queries[@]}"

cores=$(nproc)
((cores > 8)) && cores=8
begin "without --jobs a new index is built on every core ($cores)"
expect_exit 0 wx_index --db "$T/def.db" "${input[@]}"
if ((cores > 1)); then
    expect_match "; [0-9.]+ s on $cores threads\$" "$(tail -1 "$T/.err")"
else
    expect_match "; [0-9.]+ s\$" "$(tail -1 "$T/.err")"
fi
expect_equal "$(stats "$T/def.db")" "$(stats "$T/seq.db")"
begin "without --jobs, an index that has articles is updated on one thread"
expect_exit 0 wx_index --db "$T/def.db" "${input[@]}"
expect_match "; [0-9.]+ s\$" "$(tail -1 "$T/.err")"
expect_equal "$(grep -c 'builds new indexes only' "$T/.err")" 0

begin "--jobs on an index that has articles adds to it sequentially"
expect_exit 0 wx_index --jobs 2 --db "$T/seq.db" "${input[@]}"
expect_match 'builds new indexes only' "$(cat "$T/.err")"
expect_equal "$(stats "$T/seq.db")" "$(stats "$T/par.db")"

begin "a killed parallel build is redone from scratch by a rerun"
"$WX_BIN/wiredex-index" --quiet --jobs 2 --batch 100 --db "$T/k.db" \
    "${input[@]}" &
pid=$!
sleep 0.5
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
expect_exit 0 wx_index --quiet --jobs 2 --db "$T/k.db" "${input[@]}"
expect_equal "$(stats "$T/k.db")" "$(stats "$T/seq.db")"
expect_equal "$(ls -d "$T"/k.db.shards 2>/dev/null)" ""

finish
