#!/usr/bin/env bash
# The full Reuters-21578 corpus plus the EFE seed: every article indexes,
# counts and facets are right, and a rerun changes nothing.
. "$(dirname "$0")/lib.sh"
have_shared || skip_all "no ../shared corpora"

db=$(reuters_db)
begin "indexing Reuters-21578 + seed exits 0"
expect_equal "$(cat "$WX_E2E_CACHE/reuters.ok")" "0"

begin "the invalid byte of reut2-017.sgm is repaired with a warning"
expect_match 'reut2-017\.sgm:[0-9]+: invalid UTF-8 repaired' \
    "$(cat "$WX_E2E_CACHE/reuters.log")"

wx_index --db "$db" --stats --json >"$T/stats.json"
s=$T/stats.json
# The facets as objects of value: count, for short lookups below.
jq '.facets |= map_values(map({(.value): .count}) | add // {})' "$s" >"$T/f.json"
s=$T/f.json
begin "21,579 documents"
expect_equal "$(jq .documents "$s")" 21579
begin "agency facet: Reuters 21578, EFE 1"
expect_equal "$(jq -c '[.facets.agency.Reuters, .facets.agency.EFE]' "$s")" \
    "[21578,1]"
begin "topic cocoa counts 76"
expect_equal "$(jq '.facets.topic.cocoa' "$s")" 76
begin "the seed's dateline is Beijing and its topic Crime & Justice"
expect_equal "$(jq -c '[.facets.dateline.Beijing, .facets.topic["Crime & Justice"]]' "$s")" \
    "[1,1]"
begin "dateline spellings are canonical (Salvador, not SALVADOR)"
expect_equal "$(jq -c '[.facets.dateline.SALVADOR, (.facets.dateline.Salvador > 0)]' "$s")" \
    "[null,true]"
begin "stored bytes are well under raw bytes"
expect_equal "$(jq '.stored_bytes < .raw_bytes * 0.6' "$s")" true
begin "year facet: 1987 for the corpus"
expect_equal "$(jq '.facets.year["1987"]' "$s")" 21578

begin "a rerun replaces every article and adds none"
wx_index --db "$db" "$WX_SHARED/corpora/reuters21578" \
    "$WX_SHARED/corpora/seed" 2>"$T/rerun.log"
expect_match '0 added, 21579 replaced, 0 skipped' "$(cat "$T/rerun.log")"
begin "still 21,579 documents after the rerun"
expect_equal "$(wx_index --db "$db" --stats --json | jq .documents)" 21579

finish
