#!/usr/bin/env bash
# Writers that meet, and builds that stop half-way (issue 22). The lock
# is held by this shell with flock(1) (the same flock(2) the indexer
# takes), so nothing here depends on how fast anything runs. The
# states a kill can leave a new build in are made by hand, one each:
# shards only, shards and a half-merged index, a merged index not yet
# renamed into place.
. "$(dirname "$0")/lib.sh"

in1=(fixtures/sample)
in2=(fixtures/gigaword/afp_eng_199405 fixtures/jsonl/articles.jsonl fixtures/text)
docs() { wx_index --db "$1" --stats --json | jq .documents; }
stats() { wx_index --db "$1" --stats --json | jq -S 'del(.stored_bytes)'; }

wx_index --quiet --jobs 1 --db "$T/ref1.db" "${in1[@]}"
wx_index --quiet --jobs 1 --db "$T/ref12.db" "${in1[@]}" "${in2[@]}"
n1=$(docs "$T/ref1.db")
n12=$(docs "$T/ref12.db")

begin "a second writer fails at once with a clear message and no summary"
wx_index --quiet --db "$T/a.db" "${in1[@]}"
exec 9>"$T/a.db.lock"
flock 9
expect_exit 1 wx_index --db "$T/a.db" "${in2[@]}"
expect_equal "$(cat "$T/.err")" \
    "wiredex-index: error: $T/a.db: database is locked by another writer (--wait waits for it)"

begin "a second --delete fails at once the same way"
expect_exit 1 wx_index --db "$T/a.db" --delete some-id
expect_match 'database is locked by another writer' "$(cat "$T/.err")"

begin "a new index is locked before its folder exists"
exec 8>"$T/new.db.lock"
flock 8
expect_exit 1 wx_index --db "$T/new.db" "${in1[@]}"
expect_equal "$(ls -d "$T"/new.db* | sed "s|$T/||")" "new.db.lock"
exec 8>&-

begin "--wait=SECONDS gives up after waiting, saying so"
expect_exit 1 wx_index --wait=0 --db "$T/a.db" "${in2[@]}"
expect_exit 1 wx_index --wait=1 --db "$T/a.db" "${in2[@]}"
expect_match 'still held it after waiting 1 s' "$(cat "$T/.err")"

begin "--wait waits for the lock, then indexes everything"
wx_index --quiet --wait --db "$T/a.db" "${in2[@]}" 2>"$T/wait.err" 9>&- &
pid=$!
exec 9>&-
rc=0
wait "$pid" || rc=$?
expect_equal "$rc $(cat "$T/wait.err")" "0 "
expect_equal "$(docs "$T/a.db")" "$n12"

begin "the index the lock kept waiting equals one writer's"
expect_equal "$(stats "$T/a.db")" "$(stats "$T/ref12.db")"

# Two builds of one new index at once (the cron job and the manual
# run): each is refused or succeeds; nothing crashes; nothing is lost.
for jobs in "2 2" "2 1" "1 2"; do
    set -- $jobs
    rm -rf "$T/two.db"*
    wx_index --quiet --wait --jobs "$1" --db "$T/two.db" "${in1[@]}" \
        2>"$T/two1.err" &
    p1=$!
    wx_index --quiet --wait --jobs "$2" --db "$T/two.db" "${in2[@]}" \
        2>"$T/two2.err" &
    p2=$!
    r1=0 r2=0
    wait "$p1" || r1=$?
    wait "$p2" || r2=$?
    begin "two builds of one new index (--jobs $1 and $2, --wait) both succeed"
    expect_equal "$r1 $r2 $(cat "$T/two1.err" "$T/two2.err")" "0 0 "
    begin "two builds of one new index (--jobs $1 and $2): no article lost"
    expect_equal "$(docs "$T/two.db")" "$n12"
    expect_equal "$(ls -d "$T"/two.db.* | sed "s|$T/||")" "two.db.lock"
done

begin "without --wait the loser of two builds is refused, never crashes"
rm -rf "$T/two.db"*
wx_index --quiet --jobs 2 --db "$T/two.db" "${in1[@]}" 2>"$T/two1.err" &
p1=$!
wx_index --quiet --jobs 2 --db "$T/two.db" "${in1[@]}" 2>"$T/two2.err" &
p2=$!
r1=0 r2=0
wait "$p1" || r1=$?
wait "$p2" || r2=$?
for r in "$r1:$T/two1.err" "$r2:$T/two2.err"; do
    rc=${r%%:*} f=${r#*:}
    [ "$rc" = 0 ] && [ ! -s "$f" ] && continue
    expect_equal "$rc $(grep -c 'database is locked' "$f")" "1 1"
done
expect_equal "$(docs "$T/two.db")" "$n1"

# What a kill can leave of a new build, by hand: every one must leave
# no index at the path, and a rerun must clear it and say so.
killed_state() {
    rm -rf "$T/k.db"*
    case $1 in
    shards)
        mkdir -p "$T/k.db.shards"
        cp -r "$T/ref1.db" "$T/k.db.shards/0"
        cp -r "$T/ref1.db" "$T/k.db.shards/1" ;;
    half-merged)
        mkdir -p "$T/k.db.shards" "$T/k.db.new"
        cp -r "$T/ref1.db" "$T/k.db.shards/0"
        cp "$T/ref1.db"/postlist.glass "$T/k.db.new/postlist.tmp" ;;
    merged)
        cp -r "$T/ref12.db" "$T/k.db.new" ;;
    stamped-empty)
        mkdir -p "$T/k.db.new"
        : >"$T/k.db.new/flintlock" ;;
    esac
}
for state in shards half-merged merged stamped-empty; do
    killed_state "$state"
    begin "killed build ($state): no index at the path yet"
    expect_exit 1 wx_search --db "$T/k.db" cocoa
    expect_equal "$(ls -d "$T/k.db" 2>/dev/null)" ""
    for jobs in 1 2; do
        killed_state "$state"
        begin "killed build ($state): a --jobs $jobs rerun clears it and says so"
        expect_exit 0 wx_index --jobs "$jobs" --db "$T/k.db" "${in1[@]}"
        expect_match 'removed the scratch of a build that did not finish' \
            "$(cat "$T/.err")"
        expect_match '; the scratch of an unfinished build removed$' \
            "$(tail -1 "$T/.err")"
        begin "killed build ($state): the --jobs $jobs rerun equals an uninterrupted run"
        expect_equal "$(stats "$T/k.db")" "$(stats "$T/ref1.db")"
        expect_equal "$(ls -d "$T"/k.db.* | sed "s|$T/||")" "k.db.lock"
    done
done

begin "a run with no scratch to clear does not mention it"
rm -rf "$T/k.db"*
expect_exit 0 wx_index --db "$T/k.db" "${in1[@]}"
expect_equal "$(grep -c scratch "$T/.err")" 0

finish
