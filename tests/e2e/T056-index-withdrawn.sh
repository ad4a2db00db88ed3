#!/usr/bin/env bash
# Options withdrawn because stock xapian-tcpsrv servers cannot search
# what they build (issue 17): --positions compact and --append-only give
# a clear error, and an index built by --append-only (no termlist table;
# made here by removing it) is refused for indexing and through a stub,
# while it still searches alone.
. "$(dirname "$0")/lib.sh"

db=$(sample_db)
begin "--positions compact is withdrawn (exit 2, says why)"
expect_exit 2 wx_index --quiet --positions compact --db "$T/c.db" fixtures/sample
expect_match 'withdrawn.*position table' "$(cat "$T/.err")"
begin "--positions xapian, the only layout, is still accepted"
expect_exit 0 wx_index --quiet --positions xapian --db "$T/x.db" fixtures/sample
begin "--append-only is withdrawn (exit 2, says why)"
expect_exit 2 wx_index --quiet --append-only --db "$T/a.db" fixtures/sample
expect_match 'withdrawn.*termlist' "$(cat "$T/.err")"
begin "and builds nothing"
expect_equal "$(ls "$T" | grep -c '^a.db$')" 0

# An index as --append-only built them: no termlist table.
cp -r "$db" "$T/old.db"
rm "$T/old.db/termlist.glass"
want=$(wx_search --db "$db" --count the)
begin "such an index still searches alone"
expect_equal "$(wx_search --db "$T/old.db" --count the)" "$want"
begin "--stats says what it is"
expect_equal "$(wx_index --db "$T/old.db" --stats --json | jq .append_only)" true
begin "indexing into it is refused: rebuild (exit 2)"
expect_exit 2 wx_index --quiet --db "$T/old.db" fixtures/sample
expect_match 'append-only, which is withdrawn: rebuild' "$(cat "$T/.err")"
begin "deleting from it is refused (exit 2)"
expect_exit 2 wx_index --quiet --db "$T/old.db" --delete x
begin "a stub with it as a part is refused, not a failure at the first hit"
printf 'auto %s\nauto %s\n' "$db" "$T/old.db" >"$T/stub"
expect_exit 1 wx_search --db "$T/stub" the
expect_match 'part was built with --append-only, which is withdrawn' \
    "$(cat "$T/.err")"
begin "a stub of ordinary indexes searches"
printf 'auto %s\n' "$db" >"$T/stub1"
expect_equal "$(wx_search --db "$T/stub1" --count the)" "$want"
finish
