#!/usr/bin/env bash
# Every format indexes its fixtures through the binary: per fixture file,
# the document count and the agency, dateline, topic and year facets of
# --stats equal what its .expected file says, and the exit status tells
# whether records were skipped. (Field-by-field checks live in the
# reader unit tests; this checks the whole path into the index.)
. "$(dirname "$0")/lib.sh"

# The article blocks of an .expected file as the index keeps them: a
# later block with the same id (an update, a kill) replaces the earlier.
kept_blocks() {
    awk -v RS= -v ORS='\n\n' '
        { id = ""; if (match($0, /(^|\n)id: [^\n]*/)) id = substr($0, RSTART, RLENGTH)
          sub(/^\n/, "", id)
          if (id == "" || id == "id: <hash>") id = "#" NR
          if (!(id in pos)) order[++n] = id
          pos[id] = $0 }
        END { for (i = 1; i <= n; i++) print pos[order[i]] }' "$1"
}

# Facet counts an .expected file implies, as sorted "facet value count".
expected_facets() {
    awk -F': ' '
        $1 == "agency" || $1 == "dateline" || $1 == "topic" {
            n[$1 "\t" substr($0, length($1) + 3)]++ }
        $1 == "date" { n["year\t" substr($2, 1, 4)]++ }
        END { for (k in n) print k "\t" n[k] }' <(kept_blocks "$1") | sort
}

actual_facets() {
    jq -r '.facets | to_entries[] | select(.key == "agency" or
           .key == "dateline" or .key == "topic" or .key == "year") |
           .key as $f | .value[] |
           "\($f)\t\(.value)\t\(.count)"' "$1" | sort
}

for exp in fixtures/{sgml,gigaword,text,jsonl,nitf,newsml,newsml1,ninjs,anpa,iptc7901,teletype,hostile}/*.expected; do
    input=${exp%.expected}
    [ -f "$input" ] || continue
    name=${input#fixtures/}
    db=$T/$(echo "$name" | tr '/.' '__').db
    docs=$(kept_blocks "$exp" | grep -c '^id: ')
    skips=$(sed -n 's/^skip: //p' "$exp")
    want_exit=0
    [ "${skips:-0}" -gt 0 ] && want_exit=3

    begin "$name: exit status $want_exit"
    expect_exit "$want_exit" wx_index --db "$db" "$input"
    [ "$docs" -eq 0 ] && continue
    wx_index --db "$db" --stats --json >"$T/stats.json" 2>/dev/null
    begin "$name: $docs documents"
    expect_equal "$(jq .documents "$T/stats.json")" "$docs"
    begin "$name: agency, dateline, topic and year facets"
    expect_equal "$(actual_facets "$T/stats.json")" "$(expected_facets "$exp")"
done

tbl=fixtures/nitf/dpa-20240310-bundesliga-table.xml
wx_index --quiet --db "$T/table.db" "$tbl"
begin "a score in an NITF table is searchable"
expect_equal "$(wx_search --db "$T/table.db" --count 'Leverkusen 64')" 1
begin "--show prints the table one row per line, and inline names close up"
show=$(wx_search --db "$T/table.db" --show dpa-20240310-sp-0412)
expect_match $'\n1 \\| Bayer Leverkusen \\| 64\n' "$show"
expect_match 'bleibt in Deutschland\.' "$show"
begin "the dpa keyword block and sign-off are not in the stored body"
expect_equal "$(printf '%s\n' "$show" | grep -c -x -e Fußball -e Extra -e 'dpa ck yyzz')" 0

begin "records without text: exit 0, a note each, counted, --strict goes on"
expect_exit 0 wx_index --strict --db "$T/nt.db" fixtures/ninjs/non-text-array.json
expect_match '1 added, 0 replaced, 0 skipped, 4 without text;' "$(cat "$T/.err")"
expect_match 'non-text-array\.json:1: ninjs item urn:example:wire:20240314:storm-photo of type picture holds no article text; not stored' \
    "$(cat "$T/.err")"
begin "--quiet silences the notes about records without text"
expect_exit 0 wx_index --quiet --db "$T/nt2.db" fixtures/newsml1/photo-and-refs.xml
expect_equal "$(cat "$T/.err")" ""

begin "the bundled sample indexes with no skip"
expect_exit 0 wx_index --db "$T/sample.db" fixtures/sample
begin "the bundled sample holds every agency of the fixtures"
expect_equal "$(wx_index --db "$T/sample.db" --stats --json |
                jq -r '.facets.agency | length >= 8')" true

begin "gzip input is detected by content, not by name"
gzip -c fixtures/jsonl/articles.jsonl >"$T/articles.data"
expect_exit 0 wx_index --db "$T/gz.db" "$T/articles.data"
expect_equal "$(wx_index --db "$T/gz.db" --stats --json | jq .documents)" \
    "$(grep -c '^id: ' fixtures/jsonl/articles.jsonl.expected)"

begin "standard input with --format"
expect_exit 0 sh -c "cat fixtures/jsonl/articles.jsonl |
    \"$WX_BIN/wiredex-index\" --db \"$T/stdin.db\" --format jsonl -"

begin "no progress line when stderr is not a terminal"
wx_index --db "$T/p.db" fixtures/sample 2>"$T/p.err"
expect_equal "$(grep -c $'\r' "$T/p.err")" 0

finish
