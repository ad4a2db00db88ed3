#!/usr/bin/env bash
# T180: Reuters-21578 + the seed as one index, and as three shards built
# separately, searched through a stub file,
# through a stub of `remote` lines to three stock xapian-tcpsrv servers on
# loopback, and as a copy made by xapian-replicate: every one answers 30
# queries (words, phrases, wildcards, filters, dates, sorting, paging, all
# facets) with the single index's JSON (elapsed time aside; hits of equal
# score may come in another order; "did you mean" only from a local index),
# shows the same 50 stored articles, and serves the CGI page.
. "$(dirname "$0")/lib.sh"

have_shared || skip_all "no ../shared corpora"
command -v xapian-tcpsrv >/dev/null &&
    command -v xapian-replicate >/dev/null ||
    skip_all "xapian-tools not installed (scripts/deps.sh)"
command -v python3 >/dev/null || skip_all "no python3 (to find free ports)"

R=$WX_SHARED/corpora/reuters21578
one=$(reuters_db)
[ "$(cat "$WX_E2E_CACHE/reuters.ok")" == 0 ] ||
    [ "$(cat "$WX_E2E_CACHE/reuters.ok")" == 3 ] ||
    { echo "reuters index failed: $(tail -3 "$WX_E2E_CACHE/reuters.log")"; exit 1; }

# Servers started here are always stopped, whatever happens; each is
# also bounded in time by timeout(1).
pids=()
stop_servers() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
}
trap 'stop_servers; rm -rf "$T"' EXIT

# A loopback port nothing listens on now (the kernel's choice).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# Wait until something accepts connections on port $1 (at most 30 s).
wait_port() {
    local i
    for ((i = 0; i < 300; i++)); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# ---- three shards, built apart ----
mkdir -p "$T/shards"
begin "shard 1 (reut2-000..006) builds"
expect_exit 0 wx_index --quiet --db "$T/shards/s1.db" "$R"/reut2-00[0-6].sgm
begin "shard 2 (reut2-007..013) builds"
expect_exit 0 wx_index --quiet --db "$T/shards/s2.db" \
    "$R"/reut2-00[7-9].sgm "$R"/reut2-01[0-3].sgm
begin "shard 3 (reut2-014..021 and the seed) builds"
wx_index --quiet --db "$T/shards/s3.db" "$R"/reut2-01[4-9].sgm \
    "$R"/reut2-02[01].sgm "$WX_SHARED/corpora/seed" >/dev/null 2>&1
expect_match '^[03]$' "$?"
printf 'auto s1.db\nauto s2.db\nauto s3.db\n' >"$T/shards/stub"

# ---- served by stock xapian-tcpsrv ----
: >"$T/rstub"
n=0
for s in s1 s2 s3; do
    port=$(free_port)
    timeout 900 xapian-tcpsrv --interface 127.0.0.1 --port "$port" \
        "$T/shards/$s.db" >"$T/tcpsrv-$s.log" 2>&1 &
    pids+=($!)
    wait_port "$port" && n=$((n + 1))
    echo "remote 127.0.0.1:$port" >>"$T/rstub"
done
begin "three xapian-tcpsrv servers listen"
expect_equal "$n" 3

begin "the stub and the remote stub hold as many articles as the index"
want=$(wx_search --db "$one" --count '')
expect_equal "$(wx_search --db "$T/shards/stub" --count '') $(wx_search --db "$T/rstub" --count '')" \
    "$want $want"

# ---- 30 queries ----
# The answer as compared: no timing, no suggestion (a local index's
# only); the ranking as the ordered list of sort keys (date when sorted
# by date, score to 6 decimals), then the hits sorted by key and id, so
# hits of equal key may come in any order (a stub numbers documents
# otherwise than one index).
norm() {
    jq -S '(.hits | map([(if $date then .date else null end), (.score * 1e6 | round)])) as $keys
        | del(.elapsed_ms, .suggestion)
        | .hits |= (map(del(.rank)) | sort_by([(if $date then .date else null end), -(.score * 1e6 | round), .id]))
        | .keys = $keys' --argjson date "$1"
}
# answers DB ARGS...: the normalised JSON of one query.
answers() {
    local db=$1 date=false a
    shift
    for a in "$@"; do [[ $a == date || $a == -date ]] && date=true; done
    wx_search --db "$db" --json --facets all "$@" | norm "$date"
}

queries=(
    "cocoa"
    "cocoa prices"
    '"trade deficit"'
    '"bank of japan"'
    "oil AND price*"
    "embass*"
    "gold OR silver"
    "gold -silver"
    "grain NEAR export"
    "title:coffee"
    "agency:reuters opec"
    "topic:grain"
    "place:japan trade"
    "date:1987-03-01..1987-03-15 oil"
    "cyber china"
    "(sugar OR cocoa) AND NOT coffee"
    "dateline:london sugar"
    "year:1987 month:1987-04 bank"
)
# Option sets, one per query in turn ("" for none).
opts=(
    "" "--limit 20" "" "--sort -date" "" "--limit 30" "--offset 10"
    "--sort date --limit 5 --offset 10" "" "--facet-limit 1000" ""
    "--facet-limit 1000 --limit 50" "" "--sort date" "" "--limit 3 --offset 3"
    "" "--facet-limit 1000"
)
more=(
    "--filter topic:cocoa"
    "--filter place:usa --filter topic:grain --limit 20"
    "--from 1987-03-01 --to 1987-03-31 --sort date crude"
    "--sort -date --limit 25 cocoa"
    "--facet-limit 1000"
    "--filter year:1987 --facet-limit 1000 --limit 0 export"
    "--offset 100 --limit 20 the"
    "--no-stem prices"
    "--filter agency:efe"
    "--snippet-length 400 --limit 20 bank rates"
    "--offset 40 --limit 40 --sort date --filter topic:crude"
    "--from 1987-04 trade"
)
cases=()
for i in "${!queries[@]}"; do cases+=("${opts[$i]} '${queries[$i]}'"); done
cases+=("${more[@]}")

begin "30 queries"
expect_equal "${#cases[@]}" 30

id1=$(wx_search --db "$one" --json --limit 1 cocoa | jq -r '.hits[0].id')
# Snippets through a local stub: Xapian 1.4 sums each shard's largest
# term weight into the MSet's (get_termweight), which its snippet scorer
# uses, so a snippet may come from another window of the same article.
# They are compared apart, and most must still agree.
nosnip() { jq -S 'del(.hits[].snippet, .hits[].snippet_html)'; }
snips() { jq -c '.hits[] | [.id, .snippet]'; }

nonempty=0 snip_all=0 snip_same=0
wants=()
for c in "${cases[@]}"; do
    eval "args=($c)"
    want=$(answers "$one" "${args[@]}")
    wants+=("$want")
    [ "$(jq '.total' <<<"$want")" -gt 0 ] && nonempty=$((nonempty + 1))
    begin "[$c] through the remote stub as from one index"
    expect_equal "$(answers "$T/rstub" "${args[@]}")" "$want"
    got=$(answers "$T/shards/stub" "${args[@]}")
    begin "[$c] through the stub as from one index (snippets apart)"
    expect_equal "$(nosnip <<<"$got")" "$(nosnip <<<"$want")"
    snip_all=$((snip_all + $(snips <<<"$want" | wc -l)))
    snip_same=$((snip_same + $(comm -12 <(snips <<<"$want" | sort) <(snips <<<"$got" | sort) | wc -l)))
done
begin "at least 28 of the 30 queries match something (the comparison has teeth)"
expect_match '^(2[89]|30)$' "$nonempty"
begin "snippets through the stub: at least 95% as from one index ($snip_same of $snip_all)"
expect_equal "$((snip_all > 200 && snip_same * 100 >= snip_all * 95))" 1

begin "facets through the remote stub count a multi-valued field exactly"
expect_equal "$(wx_search --db "$T/rstub" --json --facets topic --facet-limit 1000 '' | jq -c '.facets.topic | map(.count) | add')" \
    "$(wx_search --db "$one" --json --facets topic --facet-limit 1000 '' | jq -c '.facets.topic | map(.count) | add')"

begin "a spelling suggestion from one index, none (quietly) through the remote stub"
expect_equal "$(wx_search --db "$one" --json cocao | jq -r '.suggestion') $(wx_search --db "$T/rstub" --json cocao | jq -r '.suggestion')" \
    "cocoa null"

# ---- --show of 50 ids ----
ids=$(wx_search --db "$one" --json --limit 49 --sort date '' | jq -r '.hits[].id')
ids="$ids $(wx_search --db "$one" --json --limit 1 cyber | jq -r '.hits[0].id')"
begin "50 ids to show"
expect_equal "$(wc -w <<<"$ids" | tr -d ' ')" 50
for via in "$T/shards/stub" "$T/rstub"; do
    same=0
    for id in $ids; do
        [ "$(wx_search --db "$via" --show "$id" --json 2>&1)" == \
          "$(wx_search --db "$one" --show "$id" --json 2>&1)" ] && same=$((same + 1))
    done
    begin "--show of 50 ids through $(basename "$via") as from one index"
    expect_equal "$same" 50
done

begin "a stub with a server that cannot be reached: exit 1, says which"
printf 'remote 127.0.0.1:1\n' >>"$T/badstub"
cat "$T/rstub" >>"$T/badstub"
expect_exit 1 wx_search --db "$T/badstub" cocoa
expect_match 'server of this stub cannot be searched.*NetworkError' "$(cat "$T/.err")"

# ---- the CGI through the remote stub ----
cgi() {
    env -i PATH="$PATH" GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
        REQUEST_METHOD=GET QUERY_STRING="$1" WIREDEX_DB="$2" \
        "$WX_BIN/wiredex-search" 2>>"$T/cgi.err"
}
body_of() { sed '1,/^\r$/d'; }
begin "the HTML page through the remote stub: 200"
page=$(cgi "q=cocoa&facets=all" "$T/rstub")
expect_equal "$(head -n 1 <<<"$page" | tr -d '\r')" "Status: 200 OK"
begin "the HTML page through the remote stub shows the topic counts"
expect_match 'cocoa.{0,200}73' "$page"
begin "the JSON page through the remote stub answers as the single index's"
expect_equal "$(cgi "q=cocoa&facets=all&format=json" "$T/rstub" | body_of | norm false)" \
    "$(cgi "q=cocoa&facets=all&format=json" "$one" | body_of | norm false)"

# ---- a copy kept by xapian-replicate ----
port=$(free_port)
timeout 300 xapian-replicate-server --interface 127.0.0.1 --port "$port" \
    "$(dirname "$one")" >"$T/repl-server.log" 2>&1 &
pids+=($!)
wait_port "$port" || true
begin "xapian-replicate copies the index"
expect_exit 0 timeout 300 xapian-replicate --host 127.0.0.1 --port "$port" \
    --master "$(basename "$one")" --one-shot --quiet "$T/replica.db"
same=0
for i in "${!cases[@]}"; do
    eval "args=(${cases[$i]})"
    [ "$(answers "$T/replica.db" "${args[@]}")" == "${wants[$i]}" ] &&
        same=$((same + 1))
done
begin "the replica answers the 30 queries as the index does"
expect_equal "$same" 30
begin "the replica shows an article as the index does"
expect_equal "$(wx_search --db "$T/replica.db" --show "$id1")" \
    "$(wx_search --db "$one" --show "$id1")"

finish
