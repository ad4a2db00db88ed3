#!/usr/bin/env bash
# make torture (minutes, not part of make check; issue 22): SIGKILLs at
# random moments over new builds (one job and parallel, merge
# included), updates and deletes, each followed by xapian-check, a
# read-back of every stored record and a rerun that must equal an
# uninterrupted run; a full disk on a small tmpfs; a gzip bomb, a 2 GB
# file with no newline and binary junk in bounded memory; wrk at 16
# connections on FastCGI while an indexer commits, 0 errors.
# The random moments are drawn by this script, never asserted on: a
# busy machine only moves where the kills land.
#   TORTURE_KILLS (100), TORTURE_WRK_SECONDS (60), TORTURE_BIG (2G),
#   TORTURE_BOMB (1G of zeros, gzipped), TORTURE_DISK (12m: the tmpfs), TORTURE_SMALL (1: one Reuters
#   file per step; make check's sample, T048), TORTURE_SEED (random;
#   printed, to replay a run)
. "$(dirname "$0")/../e2e/lib.sh"
_file=${TORTURE_NAME:-torture}
have_shared || skip_all "no ../shared corpora"
kills=${TORTURE_KILLS:-100}
seed=${TORTURE_SEED:-$$}
RANDOM=$seed
echo "torture: seed $seed, $kills kills"
c=$WX_SHARED/corpora/reuters21578
base=("$c/reut2-000.sgm" "$c/reut2-001.sgm" "$c/reut2-002.sgm")
more=("$c/reut2-003.sgm" "$c/reut2-004.sgm")
if [ "${TORTURE_SMALL:-0}" = 1 ]; then
    base=("$c/reut2-000.sgm")
    more=("$c/reut2-001.sgm")
fi
batch=200
stats() { wx_index --db "$1" --stats --json | jq -S 'del(.stored_bytes)'; }

# References: uninterrupted runs of each scenario. The kills land
# anywhere in the first build's time and a little past it.
now_ms() { date +%s%3N; }
t0=$(now_ms)
wx_index --quiet --jobs 1 --batch $batch --db "$T/ref-base.db" "${base[@]}"
span=$(( $(now_ms) - t0 + 200 ))
wx_index --quiet --jobs 1 --batch $batch --db "$T/ref-all.db" "${base[@]}" "${more[@]}"
del_ids=$(wx_index --db "$T/ref-base.db" --export | jq -r .id | head -300)
cp -r "$T/ref-base.db" "$T/ref-del.db"
wx_index --quiet --db "$T/ref-del.db" --delete $del_ids
ref_base=$(stats "$T/ref-base.db")
ref_all=$(stats "$T/ref-all.db")
ref_del=$(stats "$T/ref-del.db")

# check_after NAME DB: whatever a kill left must be sound.
check_after() {
    local name=$1 db=$2
    [ -d "$db" ] || return 0
    begin "$name: xapian-check passes"
    expect_exit 0 xapian-check "$db"
    begin "$name: every stored record reads back"
    local n e
    n=$(wx_index --db "$db" --stats --json | jq .documents)
    e=$(wx_index --db "$db" --export | jq -r .id | sort -u | wc -l)
    expect_equal "$e" "$n"
}

losses=0 done_kills=0
declare -A per=()
for ((k = 0; k < kills; k++)); do
    kind=$((k % 4))
    delay_ms=$((RANDOM % span))
    delay=$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))
    rm -rf "$T/k.db"*
    case $kind in
    0) name="new --jobs 1"; cmd=(--jobs 1 --batch $batch "${base[@]}") ;;
    1) name="new --jobs 2 (merge)"; cmd=(--jobs 2 --batch $batch "${base[@]}") ;;
    2) name="update"; cp -r "$T/ref-base.db" "$T/k.db"
       cmd=(--batch $batch "${base[@]}" "${more[@]}") ;;
    3) name="delete"; cp -r "$T/ref-base.db" "$T/k.db"
       cmd=(--delete $del_ids) ;;
    esac
    "$WX_BIN/wiredex-index" --quiet --db "$T/k.db" "${cmd[@]}" 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    done_kills=$((done_kills + 1))
    per[$name]=$(( ${per[$name]:-0} + 1 ))
    check_after "kill $k ($name at ${delay}s)" "$T/k.db"
    begin "kill $k ($name at ${delay}s): a rerun equals an uninterrupted run"
    rc=0
    wx_index --quiet --db "$T/k.db" "${cmd[@]}" 2>"$T/rerun.err" || rc=$?
    case $kind in 0|1) want=$ref_base ;; 2) want=$ref_all ;; 3) want=$ref_del ;; esac
    got=$(stats "$T/k.db" 2>/dev/null || echo "no index")
    # A delete killed after its commit finds its ids gone: exit 3.
    if { [ "$rc" = 0 ] || { [ "$kind" = 3 ] && [ "$rc" = 3 ]; }; } &&
        [ "$got" == "$want" ]; then
        _ok
    else
        losses=$((losses + 1))
        _bad "rerun exit $rc: $(head -c 300 "$T/rerun.err")" "$(diff <(echo "$want") <(echo "$got") | head -10)"
    fi
done
for n in "${!per[@]}"; do echo "torture: ${per[$n]} kills of $n"; done
echo "torture: $done_kills kills, $losses losses"

# ---- a full disk ----
mkdir -p "$T/full"
if mount -t tmpfs -o "size=${TORTURE_DISK:-12m}" tmpfs "$T/full" 2>/dev/null; then
    trap 'umount "$T/full" 2>/dev/null; rm -rf "$T"' EXIT
    begin "full disk: the build stops with 'No space left on device' and what to do"
    rc=0
    wx_index --quiet --jobs 1 --batch 100 --db "$T/full/db" "${base[@]}" \
        2>"$T/full.err" || rc=$?
    expect_equal "$rc" 1
    expect_match 'No space left on device.*free space and run the same command again' \
        "$(cat "$T/full.err")"
    check_after "full disk" "$T/full/db"
    begin "full disk: an update meets it the same way, committed data intact"
    rc=0
    wx_index --quiet --batch 100 --db "$T/full/db" "${base[@]}" "${more[@]}" \
        2>"$T/full2.err" || rc=$?
    expect_equal "$rc" 1
    expect_match 'No space left on device' "$(cat "$T/full2.err")"
    check_after "full disk (update)" "$T/full/db"
    begin "full disk: after freeing space a rerun completes and equals an uninterrupted run"
    mount -o remount,size=200m "$T/full"
    expect_exit 0 wx_index --quiet --batch 100 --db "$T/full/db" "${base[@]}" "${more[@]}"
    expect_equal "$(stats "$T/full/db")" "$ref_all"
    umount "$T/full"
else
    echo "torture: full disk skipped (cannot mount a tmpfs here)"
fi

# ---- hostile files: a clear message, bounded memory ----
# max_rss_kb CMD...: runs it, prints "EXIT RSS_KB".
max_rss_kb() {
    local rc=0
    /usr/bin/time -f '%M' -o "$T/rss" "$@" >/dev/null 2>"$T/hostile.err" || rc=$?
    echo "$rc $(tail -1 "$T/rss")"
}
limit_kb=$((600 * 1024))
big=${TORTURE_BIG:-2G}
head -c "${TORTURE_BOMB:-1G}" /dev/zero | tr '\0' 'a' | gzip -1 >"$T/bomb.txt.gz"
head -c "$big" /dev/zero | tr '\0' 'x' >"$T/noline.txt"
head -c "${TORTURE_JUNK:-64M}" /dev/urandom >"$T/junk.bin"
for f in bomb.txt.gz noline.txt junk.bin; do
    for fmt in auto text jsonl; do
        rm -rf "$T/h.db"*
        set -- $(max_rss_kb "$WX_BIN/wiredex-index" --quiet --format "$fmt" \
                 --db "$T/h.db" "$T/$f")
        begin "$f as $fmt: a clear message, not a crash (exit $1)"
        expect_match '^[013]$' "$1"
        expect_match "$f" "$(head -c 2000 "$T/hostile.err")"
        begin "$f as $fmt: memory stays bounded ($(( $2 / 1024 )) MB)"
        expect_equal "$(( $2 < limit_kb ))" 1
        echo "torture: $f as $fmt: exit $1, max RSS $(( $2 / 1024 )) MB, $(wc -l <"$T/hostile.err") lines on stderr"
    done
done
rm -f "$T/bomb.txt.gz" "$T/noline.txt" "$T/junk.bin"

# ---- wrk at 16 connections on FastCGI while an indexer commits ----
if command -v wrk >/dev/null && command -v lighttpd >/dev/null; then
    . "$WX_ROOT/tests/e2e/httpd-lib.sh"
    secs=${TORTURE_WRK_SECONDS:-60}
    cp -r "$T/ref-base.db" "$T/web.db"
    trap 'httpd_stop; rm -rf "$T"' EXIT
    if httpd_start "$T/httpd" "$WX_BIN/wiredex-search" "$T/web.db" "" 2; then
        (
            end=$(( $(date +%s) + secs ))
            i=0
            while [ "$(date +%s)" -lt "$end" ]; do
                wx_index --quiet --wait --batch 20 --db "$T/web.db" \
                    "${more[$((i % ${#more[@]}))]}" || exit 1
                i=$((i + 1))
            done
        ) &
        ipid=$!
        cat >"$T/q.lua" <<'LUA'
local qs = {"cocoa", "oil%20prices", "embass*", "%22trade%20deficit%22",
            "wheat%20NEAR%20export", "topic:grain", "gold&facets=all"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/fcgi/search?format=json&q=" .. qs[i % #qs + 1])
end
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-200: %d\n", summary.errors.status))
end
LUA
        wrk -t 2 -c 16 -d "${secs}s" -s "$T/q.lua" "$HTTPD_URL" >"$T/wrk.out" 2>&1
        irc=0
        wait "$ipid" || irc=$?
        cat "$T/wrk.out" | sed 's/^/  wrk: /'
        reqs=$(grep -oE '^ *[0-9]+ requests' "$T/wrk.out" | grep -oE '[0-9]+')
        sockerr=$(grep -oE 'Socket errors:.*' "$T/wrk.out" || true)
        non200=$(grep -oE '^non-200: [0-9]+' "$T/wrk.out" | grep -oE '[0-9]+$')
        begin "wrk: 16 connections for ${secs}s on FastCGI while indexing: requests answered"
        expect_match '^[1-9][0-9]*$' "${reqs:-0}"
        begin "wrk: 0 non-200 answers, 0 socket errors"
        expect_equal "${non200:-?} ${sockerr:-none}" "0 none"
        begin "wrk: the indexer committed throughout"
        expect_equal "$irc" 0
        echo "torture: wrk ${reqs:-0} requests, ${non200:-?} non-200, ${sockerr:-no socket errors}"
        httpd_stop
    else
        echo "torture: wrk skipped (lighttpd did not start)"
    fi
else
    echo "torture: wrk skipped (no wrk or lighttpd)"
fi

finish
