#!/usr/bin/env bash
# Bad input: each bad record named as file:line: reason, the rest indexes,
# exit codes tell scripts what happened; --strict stops; usage errors.
. "$(dirname "$0")/lib.sh"

begin "a dump with malformed lines exits 3"
expect_exit 3 wx_index --db "$T/a.db" fixtures/jsonl/mixed-bad-lines.jsonl
begin "each skipped record is reported as file:line: reason"
expect_match 'mixed-bad-lines\.jsonl:[0-9]+: ' "$(cat "$T/.err")"
begin "the good records of that dump are indexed"
good=$(grep -c '^id:' fixtures/jsonl/mixed-bad-lines.jsonl.expected)
expect_equal "$(wx_index --db "$T/a.db" --stats --json | jq .documents)" "$good"
begin "the summary line counts the skips"
expect_match "$good added, 0 replaced, [1-9][0-9]* skipped" "$(cat "$T/.err")"

begin "--strict stops at the first bad record with exit 1"
expect_exit 1 wx_index --strict --db "$T/s.db" fixtures/jsonl/mixed-bad-lines.jsonl

begin "a truncated .gz: complete articles index, the cut is reported"
expect_exit 3 wx_index --db "$T/gz.db" fixtures/broken/truncated-afp_eng_199406.gz
expect_match 'truncated-afp_eng_199406\.gz' "$(cat "$T/.err")"

begin "binary junk named on the command line is refused, exit 3"
expect_exit 3 wx_index --db "$T/j.db" fixtures/broken/binary-junk.txt
expect_match 'binary-junk\.txt: not a recognised article format' "$(cat "$T/.err")"

begin "an empty file indexes nothing and says so"
expect_exit 3 wx_index --db "$T/e.db" fixtures/broken/empty.txt

begin "a missing path is an error naming it"
expect_exit 1 wx_index --db "$T/m.db" "$T/no-such-file"
expect_match 'no-such-file: No such file or directory' "$(cat "$T/.err")"

begin "unknown option: exit 2"
expect_exit 2 wx_index --no-such-option
begin "bad --default-year: exit 2"
expect_exit 2 wx_index --default-year abc fixtures/text
begin "unknown --format: exit 2"
expect_exit 2 wx_index --db "$T/f.db" --format nope fixtures/text
begin "no paths: exit 2"
expect_exit 2 wx_index --db "$T/f.db"
begin "--stats on a missing database: exit 1"
expect_exit 1 wx_index --db "$T/none.db" --stats

begin "--stats on a directory that is not a database: exit 1"
expect_exit 1 wx_index --db /etc --stats

begin "--delete removes an article, and a missing id exits 3"
wx_index --quiet --db "$T/d.db" fixtures/sgml >/dev/null 2>&1
before=$(wx_index --db "$T/d.db" --stats --json | jq .documents)
expect_exit 0 wx_index --db "$T/d.db" --delete reuters21578-1
expect_equal "$(wx_index --db "$T/d.db" --stats --json | jq .documents)" $((before - 1))
expect_exit 3 wx_index --db "$T/d.db" --delete reuters21578-1

begin "writing to a full disk is an error"
[ -w /dev/full ] && expect_exit 1 sh -c "\"$WX_BIN/wiredex-index\" --db \"$T/d.db\" --stats --json >/dev/full"

finish
