#!/usr/bin/env bash
# Real folders and exports as they come: every file of a walk accounted
# for (read, duplicate, excluded by a rule, skipped with a reason), exit
# codes, fields from the folder layout, each article's source, CSV and
# JSON in their common shapes and round trips through --export, walks
# that survive the file system, and warnings that do not flood.
. "$(dirname "$0")/lib.sh"

tree=fixtures/folder/news
ids() { jq -r .id | sort; }

# ---- a folder of headline-first articles ------------------------------
db=$T/folder.db
begin "a topic-folder tree indexes with exit 0"
expect_exit 0 wx_index --db "$db" --path-meta '{topic}/*' "$tree"
log=$(cat "$T/.err")
begin "every file is accounted for: 10 found, 7 read, 3 excluded, 0 skipped"
expect_match 'files: 10 found, 7 read, 3 excluded, 0 skipped' "$log"
begin "the summary names each default exclusion"
expect_match 'excluded 1: README\* \(fixtures/folder/news/README.TXT\)' "$log"
expect_match 'excluded 1: \.\* \(fixtures/folder/news/tech/\.draft\.txt\)' "$log"
expect_match 'excluded 1: \*~ ' "$log"
begin "the byte-identical copy is a duplicate, not a replacement"
expect_match '6 added, 0 replaced, 1 duplicates, 0 skipped' "$log"
expect_match 'sport/003.txt:1: same text as fixtures/folder/news/business/002.txt:1' "$log"

wx_index --db "$db" --stats --json >"$T/stats.json"
begin "topic facet counts come from the folders"
expect_equal "$(jq -c '.facets.topic | map({(.value): .count}) | add' "$T/stats.json")" \
    '{"business":3,"sport":2,"tech":1}'

begin "title is the first line, body the paragraphs that follow"
wx_search --db "$db" --json --limit 1 'harbour forecast' >"$T/hit.json"
id=$(jq -r '.hits[0].id' "$T/hit.json")
wx_search --db "$db" --show "$id" --json >"$T/show.json"
expect_equal "$(jq -r .title "$T/show.json")" \
    "Harbour operator lifts forecast after record quarter"
expect_equal "$(jq -r '.body | split("\n") | length' "$T/show.json")" 3

begin "--show --json and JSON hits give the source"
expect_equal "$(jq -r .source "$T/show.json")" \
    "fixtures/folder/news/business/001.txt:1"
expect_equal "$(jq -r '.hits[0].source' "$T/hit.json")" \
    "fixtures/folder/news/business/001.txt:1"

begin "a lead dateline in a headline-first file gives city and agency"
expect_equal "$(jq -c '.facets.dateline | map({(.value): .count}) | add' "$T/stats.json")" '{"Geneva":1}'

begin "a rerun replaces the six and still counts the duplicate"
wx_index --db "$db" --path-meta '{topic}/*' "$tree" 2>"$T/rerun.log"
expect_match '0 added, 6 replaced, 1 duplicates' "$(cat "$T/rerun.log")"

begin "--include and --exclude: the last matching rule decides"
expect_exit 0 wx_index --db "$T/rules.db" --exclude sport \
    --exclude 'tech/*' --include 'tech/001.txt' "$tree"
# With an --include, what no rule takes back is excluded too.
expect_match 'files: 8 found, 1 read, 7 excluded, 0 skipped' "$(cat "$T/.err")"
expect_match "excluded 1: --exclude 'sport' \(fixtures/folder/news/sport\)" \
    "$(cat "$T/.err")"
expect_match 'excluded 3: no --include matched' "$(cat "$T/.err")"
begin "--include alone leaves out what it does not match, and says so"
expect_exit 0 wx_index --db "$T/inc.db" --include '*1.txt' "$tree"
expect_match 'no --include matched' "$(cat "$T/.err")"
expect_equal "$(wx_index --db "$T/inc.db" --stats --json | jq .documents)" 3

# ---- walks that survive the file system --------------------------------
w=$T/walk
mkdir -p "$w"
cp -r "$tree" "$w/news"
ln -s nowhere "$w/news/sport/dangling.txt"
ln -s .. "$w/news/sport/loop"
ln -s self.lnk "$w/news/self.lnk"
mkfifo "$w/news/pipe"
head -c 4096 /dev/urandom >"$w/news/tech/blob.bin"
mkdir "$w/news/locked"
echo "Locked away" >"$w/news/locked/x.txt"
echo "Unreadable headline" >"$w/news/business/secret.txt"
chmod 000 "$w/news/locked" "$w/news/business/secret.txt"
chmod 755 "$T" "$w"
mkdir -m 777 "$T/u"
# Root reads everything: drop to nobody so permissions count.
as_user() {
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    else
        "$@"
    fi
}
begin "a walk past a dangling link, loops, a FIFO, junk and unreadable entries exits 3"
expect_exit 3 as_user "$WX_BIN/wiredex-index" --db "$T/u/walk.db" \
    --path-meta '{topic}/*' "$w/news"
log=$(cat "$T/.err")
begin "each is named with its reason"
expect_match 'sport/dangling.txt: dangling symbolic link, file skipped' "$log"
expect_match 'sport/loop: symbolic link loop, file skipped' "$log"
expect_match 'news/self.lnk: symbolic link loop, file skipped' "$log"
expect_match 'news/pipe: not a regular file, file skipped' "$log"
expect_match 'tech/blob.bin: not a recognised article format' "$log"
expect_match 'news/locked: folder unreadable: Permission denied' "$log"
expect_match 'business/secret.txt: unreadable: .*Permission denied' "$log"
begin "and the rest is indexed"
expect_match '6 added, 0 replaced, 1 duplicates, 0 skipped' "$log"
chmod 755 "$w/news/locked"
chmod 644 "$w/news/business/secret.txt"

begin "a file named on the command line is still checked"
expect_exit 3 wx_index --db "$T/junk.db" "$w/news/tech/blob.bin"
expect_match 'blob.bin: not a recognised article format' "$(cat "$T/.err")"

begin "--strict stops at a skipped file as at a bad record"
expect_exit 1 wx_index --db "$T/strict.db" --strict "$w/news/tech/blob.bin"

# ---- bounded warnings ---------------------------------------------------
begin "a gzip of repeated junk lines prints a bounded number of warnings"
{ echo '{"id": "ok", "title": "fine"}'
  yes '{"junk": ' | head -n 200000; } | gzip -9 >"$T/junk.jsonl.gz"
expect_exit 3 wx_index --db "$T/flood.db" "$T/junk.jsonl.gz"
expect_equal "$(grep -c 'warning' "$T/.err")" 11
expect_match '199990 more skipped records not shown \(200000 in all\)' \
    "$(cat "$T/.err")"
expect_equal "$(wx_index --db "$T/flood.db" --stats --json | jq .documents)" 1

# ---- CSV ---------------------------------------------------------------
begin "a CSV export with a header is detected and its mapping printed once"
expect_exit 0 wx_index --db "$T/csv.db" fixtures/csv/with-header.csv
expect_equal "$(grep -c 'columns:' "$T/.err")" 1
expect_match '2 text -> body, 3 subject -> topic' "$(cat "$T/.err")"
wx_index --db "$T/csv.db" --export >"$T/csv.jsonl"
begin "its quoted multi-line field keeps its paragraphs and quotes"
expect_equal "$(jq -r 'select(.topics == ["Transport"]) | .body' "$T/csv.jsonl")" \
    "$(printf 'HELSINKI (Reuters) - Ferry crossings across the gulf resumed on Wednesday after a two-day storm.\nOperators said some sailings would still run late, "as crews catch up".')"
begin "its lead dateline gives city and agency"
expect_equal "$(jq -r 'select(.topics == ["Transport"]) | [.dateline, .agency] | join(",")' "$T/csv.jsonl")" \
    "Helsinki,Reuters"
begin "each row's source is the line it starts on"
expect_equal "$(jq -r .source "$T/csv.jsonl" | tr '\n' ' ')" \
    "fixtures/csv/with-header.csv:2 fixtures/csv/with-header.csv:5 fixtures/csv/with-header.csv:6 "

begin "a folder of exports of one layout prints the mapping once"
mkdir "$T/exports"
cp fixtures/csv/with-header.csv "$T/exports/a.csv"
sed 's/Transport/Shipping/' fixtures/csv/with-header.csv >"$T/exports/b.csv"
expect_exit 0 wx_index --db "$T/exports.db" "$T/exports"
expect_equal "$(grep -c 'columns:' "$T/.err")" 1
begin "TSV with a header is detected by its tabs"
printf 'headline\tstory\tcategory\nTram fares frozen\tFares stay the same.\tTransport\n' \
    >"$T/fares.tsv"
expect_exit 0 wx_index --db "$T/tsv.db" "$T/fares.tsv"
expect_equal "$(wx_index --db "$T/tsv.db" --export | jq -c '[.title, .topics]')" \
    '["Tram fares frozen",["Transport"]]'

begin "a headerless CSV is not guessed: exit 3 and a reason"
expect_exit 3 wx_index --db "$T/bare.db" --format csv fixtures/csv/headerless.csv
expect_match 'no header row naming the columns' "$(cat "$T/.err")"
begin "with --columns and --map it indexes, class numbers as names"
expect_exit 0 wx_index --db "$T/bare.db" --format csv \
    --columns topic,title,body --map topic=1:World,2:Sports,3:Local \
    fixtures/csv/headerless.csv
expect_equal "$(wx_index --db "$T/bare.db" --stats --json | jq -c '.facets.topic | map({(.value): .count}) | add')" \
    '{"Local":1,"Sports":1,"World":1}'

begin "CSV round trip: the export indexes again into the same records"
wx_index --quiet --db "$T/csv2.db" "$T/csv.jsonl"
expect_equal "$(wx_index --db "$T/csv2.db" --export | sort | md5sum)" \
    "$(sort "$T/csv.jsonl" | md5sum)"

# ---- JSON ---------------------------------------------------------------
begin "a pretty-printed JSON array is detected and read element by element"
expect_exit 0 wx_index --db "$T/json.db" fixtures/json/pretty-array.json
wx_index --db "$T/json.db" --export >"$T/json.jsonl"
expect_equal "$(ids <"$T/json.jsonl" | tr '\n' ' ')" "PA-0001 PA-0002 PA-0003 "
expect_equal "$(jq -r 'select(.id == "PA-0003") | .source' "$T/json.jsonl")" \
    "fixtures/json/pretty-array.json:16"
begin "JSON with other key names, mapped by --columns"
expect_exit 0 wx_index --db "$T/json.db" \
    --columns guid=id,headline=title,story=body,published=date,category=topic \
    fixtures/json/other-keys.json
wx_index --db "$T/json.db" --export >"$T/json.jsonl"
expect_equal "$(jq -r 'select(.id == "OK-17") | [.title, .dateline, .date] | join("|")' "$T/json.jsonl")" \
    "Port strike ends after pay deal|Rotterdam|2024-03-01"
begin "JSON round trip through --export"
wx_index --quiet --db "$T/json2.db" "$T/json.jsonl"
expect_equal "$(wx_index --db "$T/json2.db" --export | sort | md5sum)" \
    "$(sort "$T/json.jsonl" | md5sum)"

finish
