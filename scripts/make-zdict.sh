#!/bin/bash
# Generate built-in stored-record dictionary NUMBER (common/wx_zdict_vNUMBER.c)
# from news-wire samples: Reuters-21578, the EFE seed and the IPTC NewsML-G2
# examples of ../shared by default, or the PATHs given. The samples are
# indexed with the wiredex-index in BIN (default bin/) and exported as
# stored records, which build/make-zdict turns into the dictionary
# (method in scripts/make-zdict.c and docs/schema.md).
#
#   scripts/make-zdict.sh NUMBER [PATH...]
#
# A dictionary already shipped must never change (records name it by
# number): a new one takes the next number, and WX_ZDICTS_CURRENT in
# common/wx_zdicts.h moves to it.
set -euo pipefail
cd "$(dirname "$0")/.."
num=${1:?usage: scripts/make-zdict.sh NUMBER [PATH...]}
shift
if [ $# -eq 0 ]; then
    set -- ../shared/corpora/reuters21578 ../shared/corpora/seed \
        ../shared/corpora/iptc-newsml-g2
fi
BIN=${BIN:-bin}
make -s build/make-zdict
[ "$BIN" != bin ] || make -s all
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN/wiredex-index" --db "$tmp/db" --jobs 1 --no-spelling --quiet "$@" ||
    [ $? -eq 3 ]    # a skipped record is no reason to stop
"$BIN/wiredex-index" --db "$tmp/db" --export > "$tmp/records.jsonl"
# docid order is input order: the same input gives the same dictionary
build/make-zdict "$num" "common/wx_zdict_v$num.c" < "$tmp/records.jsonl"
