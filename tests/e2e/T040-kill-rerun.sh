#!/usr/bin/env bash
# SIGKILL the indexer at many points: the database must open, every
# article it holds must read back whole (its record is its document's data),
# and a rerun must end equal to an uninterrupted run. --jobs 1: the
# sequential build, which commits in batches (a killed parallel build,
# which commits nothing until its merge, is T050's); then an archive of
# month shards (--shard-by).
. "$(dirname "$0")/lib.sh"
have_shared || skip_all "no ../shared corpora"

c=$WX_SHARED/corpora/reuters21578
input=("$c/reut2-000.sgm" "$c/reut2-001.sgm" "$c/reut2-002.sgm")
batch=250

wx_index --quiet --jobs 1 --db "$T/ref.db" --batch $batch "${input[@]}"
wx_index --db "$T/ref.db" --stats --json >"$T/ref.json"
ref_top=$(wx_search --db "$T/ref.db" --json --limit 5 'oil prices' |
          jq -c '[.hits[].id]' 2>/dev/null || echo none)

for delay in 0.05 0.2 0.4 0.7 1.0 1.5; do
    rm -rf "$T/k.db"
    "$WX_BIN/wiredex-index" --quiet --jobs 1 --db "$T/k.db" --batch $batch \
        "${input[@]}" &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null

    begin "killed after ${delay}s: the database opens"
    if [ -d "$T/k.db" ]; then
        n=$(wx_index --db "$T/k.db" --stats --json | jq .documents)
        expect_match '^[0-9]+$' "$n"
        begin "killed after ${delay}s: every committed article reads back"
        expect_equal "$(wx_index --db "$T/k.db" --export | jq -r .id |
                        sort -u | wc -l)" "$n"
        begin "killed after ${delay}s: commits come every $batch articles"
        expect_equal "$((n == 0 || n >= batch))" 1
    else
        expect_equal "no database yet" "no database yet"
    fi

    begin "killed after ${delay}s: a rerun equals the uninterrupted run"
    wx_index --quiet --jobs 1 --db "$T/k.db" --batch $batch "${input[@]}"
    wx_index --db "$T/k.db" --stats --json >"$T/k.json"
    expect_equal "$(jq -S . "$T/k.json")" "$(jq -S . "$T/ref.json")"
    begin "killed after ${delay}s: the same top results after the rerun"
    expect_equal "$(wx_search --db "$T/k.db" --json --limit 5 'oil prices' |
                    jq -c '[.hits[].id]' 2>/dev/null || echo none)" "$ref_top"
done

# The same for an archive of month shards (--shard-by): every shard is
# in the stub before anything is committed to it, so a killed build
# leaves an archive that opens, and a rerun completes it.
for delay in 0.1 0.5 1.2; do
    rm -rf "$T/ka.db"
    "$WX_BIN/wiredex-index" --quiet --shard-by month --db "$T/ka.db" \
        --batch $batch "${input[@]}" &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null

    begin "archive killed after ${delay}s: it opens, its articles read back"
    if [ -f "$T/ka.db/XAPIANDB" ]; then
        n=$(wx_index --db "$T/ka.db" --stats --json | jq .documents)
        expect_match '^[0-9]+$' "$n"
        expect_equal "$(wx_index --db "$T/ka.db" --export | jq -r .id |
                        sort -u | wc -l)" "$n"
    else
        expect_equal "no stub yet" "no stub yet"
    fi
    begin "archive killed after ${delay}s: a rerun equals the uninterrupted run"
    wx_index --quiet --shard-by month --db "$T/ka.db" --batch $batch "${input[@]}"
    expect_equal "$(wx_index --db "$T/ka.db" --stats --json | jq -S .)" \
        "$(jq -S . "$T/ref.json")"
done

finish
