#!/usr/bin/env bash
# Every format indexes its fixtures through the binary: per fixture file,
# the document count and the agency, dateline, topic and year facets of
# --stats equal what its .expected file says, and the exit status tells
# whether records were skipped. (Field-by-field checks live in the
# reader unit tests; this checks the whole path into the index.)
. "$(dirname "$0")/lib.sh"

# Facet counts an .expected file implies, as sorted "facet value count".
expected_facets() {
    awk -F': ' '
        $1 == "agency" || $1 == "dateline" || $1 == "topic" {
            n[$1 "\t" substr($0, length($1) + 3)]++ }
        $1 == "date" { n["year\t" substr($2, 1, 4)]++ }
        END { for (k in n) print k "\t" n[k] }' "$1" | sort
}

actual_facets() {
    jq -r '.facets | to_entries[] | select(.key == "agency" or
           .key == "dateline" or .key == "topic" or .key == "year") |
           .key as $f | .value[] |
           "\($f)\t\(.value)\t\(.count)"' "$1" | sort
}

for exp in fixtures/{sgml,gigaword,text,jsonl,nitf,newsml,hostile}/*.expected; do
    input=${exp%.expected}
    [ -f "$input" ] || continue
    name=${input#fixtures/}
    db=$T/$(echo "$name" | tr '/.' '__').db
    docs=$(grep -c '^id: ' "$exp")
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
