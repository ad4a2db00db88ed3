#!/usr/bin/env python3
"""jsonl2omega.py - benchmark corpus (JSON Lines) -> scriptindex dump format.

    jsonl2omega.py CORPUS.jsonl | scriptindex DB omega/wiredex.script

Each article becomes one record of name=value lines followed by a blank
line; a newline inside a value is written as newline + "=" (scriptindex's
continuation).  Topics and places repeat the field once per value, and are
lowercased here so filters are exact lowercase terms as in the other peers.
Standard library only; streams, so memory stays flat at any corpus size.
"""
import json
import sys


def field(out, name, value):
    # scriptindex continuation: "\n" inside a value becomes "\n=".
    out.write(name + "=" + str(value).replace("\n", "\n=") + "\n")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: jsonl2omega.py CORPUS.jsonl")
    out = sys.stdout
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            field(out, "id", a["id"])
            for name in ("date", "dateline", "title", "body"):
                if a.get(name):
                    field(out, name, a[name])
            for t in a.get("topics") or ():
                field(out, "topic", t.lower())
            for p in a.get("places") or ():
                field(out, "place", p.lower())
            if a.get("agency"):
                field(out, "agency", a["agency"].lower())
            out.write("\n")


if __name__ == "__main__":
    main()
