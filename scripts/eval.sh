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
mkdir "$work/hits"
while IFS=$'\t' read -r qid text; do
    "$bin/wiredex-search" --db "$db" --json --limit 1000 \
        --snippet-length 0 "${extra[@]}" -- "$text" >"$work/hits/$qid"
done <"$coll/queries.tsv"
# One TREC run line per hit; queries without hits are counted.
empty=$(python3 - "$work/hits" "$run" <<'PY'
import json, os, sys
hits_dir, run = sys.argv[1], sys.argv[2]
empty = 0
with open(run, "w") as out:
    for qid in sorted(os.listdir(hits_dir), key=int):
        hits = json.load(open(os.path.join(hits_dir, qid)))["hits"]
        empty += not hits
        for h in hits:
            print(qid, "Q0", h["id"], h["rank"], h["score"], "wiredex",
                  file=out)
print(empty)
PY
)

echo "Cranfield, 225 queries as written, 1000 hits each" \
     "(wiredex-search ${EVAL_ARGS:-})"
"$shared/tools/ir-eval" "$coll/qrels" "$run"
echo "queries without hits: $empty"
echo "peers (README, queries lower-cased, words OR'ed), nDCG@10:"
echo "  Xapian 1.4.22 BM25 defaults 0.350, SQLite FTS5 bm25 0.362," \
     "Lucene 8.7 BM25 0.368"
