#!/usr/bin/env python3
"""Write the long-query set of the bench: paragraphs pasted from articles.

Reads JSON Lines articles (reuters-to-jsonl output) and prints N queries,
each WORDS consecutive words of the body of every STEP-th article long
enough, starting at its 10th word (past the dateline). Generated from the
corpus at bench time, so no article text is kept in the repository.

    bench/long-queries.py /tmp/r1x.jsonl > /tmp/long.txt [N WORDS]
"""
import json
import sys


def main():
    src = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    words = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    docs = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            body = (json.loads(line).get("body") or "").split()
            if len(body) >= words + 20:
                docs.append(body)
    step = max(1, len(docs) // n)
    print("# pasted paragraphs: %d words from every %d-th long article"
          % (words, step))
    for body in docs[::step][:n]:
        print(" ".join(body[10:10 + words]))


if __name__ == "__main__":
    main()
