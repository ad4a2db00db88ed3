#!/usr/bin/env bash
# make eval: rank the Cranfield collection's 225 queries as written
# through wiredex-search and score them with ir-eval (MAP, nDCG@10,
# P@10) beside the peers' figures from the collection's README. Not a
# test: it prints figures, and fails only when a step fails.
#
# EVAL_DB (default: a temporary directory) keeps the index; extra
# wiredex-search options come from EVAL_ARGS (e.g. "--match all").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${WX_BIN:-$root/bin}
shared=${WX_SHARED:-$root/../shared}
coll=$shared/corpora/ir/cranfield
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=${EVAL_DB:-$work/db}
read -r -a extra <<<"${EVAL_ARGS:-}"

if [ ! -d "$db" ]; then
    "$bin/wiredex-index" --quiet --db "$db" --format jsonl \
        ${EVAL_INDEX_ARGS:-} "$coll/docs.jsonl"
fi
run=$work/run.txt
empty=0
while IFS=$'\t' read -r qid text; do
    "$bin/wiredex-search" --db "$db" --json --limit 1000 \
        --snippet-length 0 "${extra[@]}" -- "$text" >"$work/q.json"
    python3 - "$qid" "$work/q.json" >>"$run" <<'PY' || empty=$((empty + 1))
import json, sys
qid, path = sys.argv[1], sys.argv[2]
hits = json.load(open(path))["hits"]
for h in hits:
    print(qid, "Q0", h["id"], h["rank"], h["score"], "wiredex")
sys.exit(0 if hits else 1)
PY
done <"$coll/queries.tsv"

echo "Cranfield, 225 queries as written, 1000 hits each" \
     "(wiredex-search ${EVAL_ARGS:-})"
"$shared/tools/ir-eval" "$coll/qrels" "$run"
echo "queries without hits: $empty"
echo "peers (README, queries lower-cased, words OR'ed), nDCG@10:"
echo "  Xapian 1.4.22 BM25 defaults 0.350, SQLite FTS5 bm25 0.362," \
     "Lucene 8.7 BM25 0.368"
