#!/usr/bin/env bash
# --positions compact keeps word positions in one value per article
# (common/wx_phrase.h) instead of Xapian's position table. Phrase and
# NEAR searches must find exactly what they find on a default index,
# and an index keeps the positions layout it was built with.
. "$(dirname "$0")/lib.sh"

if have_shared; then
    c=$WX_SHARED/corpora/reuters21578
    input=("$c/reut2-000.sgm" "$c/reut2-001.sgm" "$WX_SHARED/corpora/seed")
else
    input=(fixtures/sample)
fi
queries=('"oil prices"' '"trade deficit"' '"bank of japan"' '"mln dlrs"'
         '"the company said"' '"prices oil"' 'wheat NEAR export'
         'export NEAR/2 wheat' 'title:"oil prices"' '"crude oil" OR cocoa'
         '"interest rates" -japan' 'u.s.-japan' '"embassy response"'
         '"response embassy"' 'oil prices' 'embassy response Canberra'
         '"north sea" topic:crude' '"oil * rose"')

wx_index --quiet --db "$T/xap.db" "${input[@]}"
begin "a compact-positions build exits 0"
expect_exit 0 wx_index --quiet --positions compact --db "$T/cmp.db" \
    "${input[@]}"
begin "a compact index writes no Xapian positions"
size=$(stat -c %s "$T/cmp.db/position.glass" 2>/dev/null || echo 0)
expect_equal "$((size <= 16384))" 1

expect_same_search "$T/xap.db" "$T/cmp.db" "${queries[@]}"

begin "some of those phrases match (the comparison is not vacuous)"
n=$(wx_search --db "$T/cmp.db" --count '"embassy response" OR "oil prices"')
expect_equal "$((n > 0))" 1
begin "a phrase in the wrong order matches nothing"
expect_equal "$(wx_search --db "$T/cmp.db" --count '"response embassy"')" 0

begin "adding to a compact index keeps it compact"
expect_exit 0 wx_index --quiet --db "$T/cmp.db" fixtures/sample
expect_equal "$(wx_search --db "$T/cmp.db" --count '"embassy response"')" \
    "$(wx_index --quiet --db "$T/xap.db" fixtures/sample >/dev/null &&
       wx_search --db "$T/xap.db" --count '"embassy response"')"
begin "asking for the other layout on an existing index is an error"
expect_exit 2 wx_index --quiet --positions xapian --db "$T/cmp.db" \
    fixtures/sample
expect_match 'built with --positions compact' "$(cat "$T/.err")"
begin "--positions takes compact or xapian"
expect_exit 2 wx_index --positions tiny --db "$T/x.db" fixtures/sample
expect_match "'compact' or 'xapian'" "$(cat "$T/.err")"

finish
