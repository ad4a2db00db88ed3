#!/usr/bin/env python3
"""Compare `wiredex-index --export` with the reference reading of
Reuters-21578 (reuters-to-jsonl): every article must be there once, with
the same title, body, date, dateline text, topics and places. A dateline
the SGML leaves out but the lead states (one of the first four body
paragraphs starts with it) is counted, not a difference; a record
with neither title nor body (NEWID 12793) must be absent: the indexer
refuses empty records.

Usage: compare-reuters.py EXPORT.jsonl REFERENCE.jsonl
Prints one line per mismatch (at most 20) and a summary; exit 1 on any.
"""
import json
import sys


def main():
    export, reference = sys.argv[1], sys.argv[2]
    stored = {}
    with open(export, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            stored[rec["id"]] = rec
    bad = 0
    seen = 0
    derived = 0
    empty = 0
    with open(reference, encoding="utf-8") as f:
        for line in f:
            ref = json.loads(line)
            seen += 1
            key = "reuters21578-%d" % ref["id"]
            got = stored.pop(key, None)
            if not ref["title"] and not ref["body"]:
                empty += 1
                problems = [] if got is None else ["empty, yet stored"]
            elif got is None:
                problems = ["missing"]
            else:
                meta = got.get("meta", {})
                text = meta.get("dateline_text", "")
                paras = [" ".join(p.split())
                         for p in got.get("body", "").split("\n")[:4]]
                if not ref["dateline"] and text and \
                        any(p.startswith(text) for p in paras):
                    # The SGML has no DATELINE; the lead states one.
                    derived += 1
                    text = ""
                pairs = [
                    ("title", ref["title"], got.get("title", "")),
                    ("body", ref["body"], got.get("body", "")),
                    ("date", ref["date"], got.get("date", "")),
                    ("dateline", ref["dateline"], text),
                    ("topics", ref["topics"], got.get("topics", [])),
                    ("places", ref["places"], got.get("places", [])),
                ]
                problems = ["%s: %r != %r" % (k, w[:60] if isinstance(w, str) else w,
                                              g[:60] if isinstance(g, str) else g)
                            for k, w, g in pairs if w != g]
            if problems:
                bad += 1
                if bad <= 20:
                    print("%s: %s" % (key, "; ".join(problems)))
    extra = [k for k in stored if k.startswith("reuters21578-")]
    if extra:
        bad += len(extra)
        print("not in the source: %s" % ", ".join(sorted(extra)[:10]))
    print("%d datelines read from the lead where the SGML has none" % derived)
    print("compared %d articles: %d differ, %d empty and not stored"
          % (seen, bad, empty))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
