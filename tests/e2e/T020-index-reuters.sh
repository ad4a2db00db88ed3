#!/usr/bin/env bash
# The full Reuters-21578 corpus plus the EFE seed: every article indexes
# (but NEWID 12793, which is empty and refused with a note), counts and
# facets are right, and a rerun changes nothing.
. "$(dirname "$0")/lib.sh"
have_shared || skip_all "no ../shared corpora"

db=$(reuters_db)
# The corpus folder also holds lewis.dtd (a default exclusion) and
# cat-descriptions_120396.txt, prose notes no reader claims: that one
# file is skipped and named, so the walk exits 3.
begin "indexing Reuters-21578 + seed exits 3: one file no reader claims"
expect_equal "$(cat "$WX_E2E_CACHE/reuters.ok")" "3"
begin "the notes file is the one file skipped (the DTD is excluded quietly)"
expect_match 'cat-descriptions_120396\.txt: not a recognised article format' \
    "$(cat "$WX_E2E_CACHE/reuters.log")"
expect_equal "$(grep -c 'file skipped' "$WX_E2E_CACHE/reuters.log")" 1
begin "no record of the corpus is skipped: the only other warning is the repair"
expect_equal "$(grep 'warning:' "$WX_E2E_CACHE/reuters.log" |
                grep -vc 'file skipped\|invalid UTF-8 repaired')" 0

begin "the invalid byte of reut2-017.sgm is repaired with a warning"
expect_match 'reut2-017\.sgm:[0-9]+: invalid UTF-8 repaired' \
    "$(cat "$WX_E2E_CACHE/reuters.log")"

wx_index --db "$db" --stats --json >"$T/stats.json"
s=$T/stats.json
# The facets as objects of value: count, for short lookups below.
jq '.facets |= map_values(map({(.value): .count}) | add // {})' "$s" >"$T/f.json"
s=$T/f.json
begin "21,578 documents"
expect_equal "$(jq .documents "$s")" 21578
begin "agency facet: Reuters 21577, EFE 1"
expect_equal "$(jq -c '[.facets.agency.Reuters, .facets.agency.EFE]' "$s")" \
    "[21577,1]"
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
expect_equal "$(jq '.facets.year["1987"]' "$s")" 21577

begin "a rerun replaces every article and adds none"
wx_index --db "$db" "$WX_SHARED/corpora/reuters21578" \
    "$WX_SHARED/corpora/seed" 2>"$T/rerun.log"
expect_match '0 added, 21578 replaced, 0 skipped, 1 without text' \
    "$(cat "$T/rerun.log")"
begin "the empty record NEWID 12793 is refused with a note"
expect_match 'reut2-012\.sgm:[0-9]+: record reuters21578-12793 has neither title nor body; not stored' \
    "$(cat "$T/rerun.log")"
begin "still 21,578 documents after the rerun"
expect_equal "$(wx_index --db "$db" --stats --json | jq .documents)" 21578

finish
