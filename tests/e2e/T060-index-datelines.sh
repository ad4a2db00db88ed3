#!/usr/bin/env bash
# Datelines read the same in every format: one article as plain text,
# JSON Lines (the dateline only in the body), NITF (whose <dateline> is a
# timestamp) and NewsML-G2 (located at the desk, Bangalore) gets the same
# dateline fields in --show --json, in --export and in search hits; the
# agency and dateline filters match aliases and accents; the seed keeps
# its EFE/Beijing dateline.
. "$(dirname "$0")/lib.sh"

db=$T/dl.db
expect_exit 0 wx_index --quiet --db "$db" fixtures/dateline/jackson.txt \
    fixtures/dateline/jackson.jsonl fixtures/dateline/jackson.nitf.xml \
    fixtures/dateline/jackson.newsml.xml fixtures/dateline/queries.jsonl

# The dateline part of a stored record, as compact sorted JSON.
dl_fields='{agency, dateline, meta: ((.meta // {}) | with_entries(
    select(.key | test("^(dateline_|credit$|agency_also$)"))))}'

ids=$(wx_search --db "$db" --json --limit 10 levy | jq -r '.hits[].id' | sort)
begin "the four formats give four articles"
expect_equal "$(echo "$ids" | wc -l)" 4

begin "every format has the lead's dateline fields in --show --json"
want='{"agency":"Reuters","dateline":"Jackson","meta":{"dateline_date":"March 5","dateline_qualifier":"Miss.","dateline_text":"JACKSON, Miss., March 5 (Reuters) -"}}'
for id in $ids; do
    expect_equal "$(wx_search --db "$db" --show "$id" --json |
        jq -cS "$dl_fields")" "$want"
done

begin "--export carries the same fields"
expect_equal "$(wx_index --db "$db" --export | jq -cS "select(.title |
    test(\"levy\")) | $dl_fields" | sort -u)" "$want"

begin "search hits (JSON) give them too"
expect_equal "$(wx_search --db "$db" --json levy | jq -c '[.hits[] |
    [.dateline, .dateline_qualifier, .dateline_date, .agency]] | unique')" \
    '[["Jackson","Miss.","March 5","Reuters"]]'

begin "metadata places lose to the lead: no Bangalore, no timestamp"
expect_equal "$(wx_search --db "$db" --json 'dateline:bangalore' |
    jq '.total')" 0
expect_equal "$(wx_index --db "$db" --export | grep -c 'Gmt+00:00')" 0

begin "agency:\"associated press\" finds what agency:ap finds"
expect_equal "$(wx_search --db "$db" --json 'agency:"associated press"' |
    jq -r '[.hits[].id] | join(" ")')" dl-q-ap
expect_equal "$(wx_search --db "$db" --json 'agency:AP' |
    jq -r '[.hits[].id] | join(" ")')" dl-q-ap

begin "dateline:\"sao paulo\" finds what dateline:\"são paulo\" finds"
expect_equal "$(wx_search --db "$db" --json 'dateline:"sao paulo"' |
    jq -r '[.hits[].id] | join(" ")')" dl-q-sp
expect_equal "$(wx_search --db "$db" --json 'dateline:"São Paulo"' |
    jq -r '[.hits[].id] | join(" ")')" dl-q-sp

begin "TASS's slashes: city, date as written, agency"
expect_equal "$(wx_search --db "$db" --show dl-q-tass --json |
    jq -c '[.dateline, .agency, .meta.dateline_date]')" \
    '["Moscow","TASS","January 21"]'

begin "an editorial label is no dateline"
expect_equal "$(wx_search --db "$db" --show dl-q-none --json |
    jq -c '[.dateline, .meta.dateline_text]')" '[null,null]'

if have_shared; then
    begin "the seed still reads EFE, Beijing, Crime & Justice"
    wx_index --quiet --db "$T/seed.db" "$WX_SHARED/corpora/seed"
    expect_equal "$(wx_search --db "$T/seed.db" --json --limit 1 embassy |
        jq -c '.hits[0] | [.agency, .dateline, .topics[0]]')" \
        '["EFE","Beijing","Crime & Justice"]'
fi

finish
