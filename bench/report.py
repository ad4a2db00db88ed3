#!/usr/bin/env python3
"""report.py - the side-by-side report of `make bench` (bench/run.sh).

Subcommands:

  stored ENGINE PATH
      Print how many bytes the peer's index spends on stored documents
      (the text it returns and snippets from): fts5 = the pages of the
      doc_content table (sqlite3 dbstat), omega = docdata.glass, lucene =
      the stored-fields files (.fdt/.fdx/.fdm, also inside a compound
      .cfs). Compared with wiredex's raw_bytes (title + body text) this
      is the "stored text vs raw" row. Exit 1 when unknown.

  table ALL RESULTS --mode M --work DIR --queries FILE --settings JSON
      Read the JSON lines run.sh collected (ALL: "corpus" lines, one line
      per engine per corpus, "wiredex-web" lines), print a table per
      corpus - absolute figures, ratios wiredex/peer, the issue's targets
      met or missed - and the web table; write the same as one JSON
      document to RESULTS. DIR/<corpus>/<engine>/warm.* (the harness
      lines) give the per-query medians behind the slowest-query list.

Standard library only.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import statistics
import struct
import subprocess
import sys

WX = ("wiredex-default", "wiredex-fast", "wiredex-compact")
PEERS = ("fts5", "omega", "lucene")
MB = 1e6

# The issue-5 targets. Each: (key, label, function(entry, engines, corpus)
# -> (value shown, met?) or None when it cannot be evaluated).


def _ratio(a, b):
    if a is None or b in (None, 0):
        return None
    return a / b


def _wall_vs(peer, limit, label_fmt):
    def f(e, engines, corpus):
        p = engines.get(peer)
        r = _ratio(e.get("index_wall_s"), p and p.get("index_wall_s"))
        if r is None:
            return None
        return label_fmt(r), r <= limit
    return f


def _at_most(key, limit, fmt):
    def f(e, engines, corpus):
        v = e.get(key)
        if v is None:
            return None
        return fmt % v, v <= limit
    return f


def _size_vs_corpus(e, engines, corpus):
    v, c = e.get("index_bytes"), corpus.get("corpus_bytes")
    if v is None or not c:
        return None
    return "%.0f MB = %.2fx" % (v / MB, v / c), v <= c


def _stored_pct(e, engines, corpus):
    p = stored_pct(e, corpus)
    if p is None:
        return None
    return "%.1f %%" % p, p <= 33.0


TARGETS = [
    ("wall_vs_lucene", "index wall <= 2x Lucene",
     _wall_vs("lucene", 2.0, lambda r: "%.2fx Lucene" % r)),
    ("wall_vs_scriptindex", "index wall <= 1/4 of scriptindex",
     _wall_vs("omega", 0.25, lambda r: "%.2fx scriptindex" % r)),
    ("peak_rss", "peak memory <= 1 GiB",
     _at_most("peak_rss_mb", 1024.0, "%.0f MB")),
    ("index_size", "index size <= raw corpus (JSONL)", _size_vs_corpus),
    ("stored_text", "stored text <= 33 % of raw text", _stored_pct),
    ("warm_p99", "warm p99, snippets <= 5 ms",
     _at_most("warm_p99_ms", 5.0, "%.2f ms")),
    ("warm_facets_p99", "warm p99, + facets <= 8 ms",
     _at_most("warm_facets_p99_ms", 8.0, "%.2f ms")),
    ("cold", "one cold request <= 3 ms", _at_most("cold_ms", 3.0, "%.2f ms")),
]
TARGETS_1M = [
    ("index_1m", "1M: index wall < 180 s",
     _at_most("index_wall_s", 179.999, "%.1f s")),
    ("warm_p99_1m", "1M: warm p99 < 15 ms",
     _at_most("warm_p99_ms", 14.999, "%.2f ms")),
]

# Rows of the absolute table: (label, key or function, format).
ROWS = [
    ("index wall s", "index_wall_s", "%.2f"),
    ("index CPU s", "index_cpu_s", "%.2f"),
    ("peak RSS MB", "peak_rss_mb", "%.0f"),
    ("index MB", lambda e, c: e.get("index_bytes") and e["index_bytes"] / MB,
     "%.1f"),
    ("stored text % raw", lambda e, c: stored_pct(e, c), "%.1f"),
    ("warm p50 ms", "warm_p50_ms", "%.2f"),
    ("warm p95 ms", "warm_p95_ms", "%.2f"),
    ("warm p99 ms", "warm_p99_ms", "%.2f"),
    ("facets p50 ms", "warm_facets_p50_ms", "%.2f"),
    ("facets p95 ms", "warm_facets_p95_ms", "%.2f"),
    ("facets p99 ms", "warm_facets_p99_ms", "%.2f"),
    ("cold request ms", "cold_ms", "%.2f"),
]

# Ratios wiredex/peer: (key in JSON, label, value function).
RATIOS = [
    ("index_wall", "index wall", lambda e, c: e.get("index_wall_s")),
    ("index_size", "index size", lambda e, c: e.get("index_bytes")),
    ("stored_text", "stored text %", lambda e, c: stored_pct(e, c)),
    ("warm_p99", "warm p99", lambda e, c: e.get("warm_p99_ms")),
    ("warm_facets_p99", "facets p99",
     lambda e, c: e.get("warm_facets_p99_ms")),
    ("cold", "cold request", lambda e, c: e.get("cold_ms")),
]


def stored_pct(e, corpus):
    """Stored document bytes as % of the raw text (title + body) that
    wiredex counted on the same corpus."""
    raw = corpus.get("raw_text_bytes")
    s = e.get("stored_bytes")
    if s is None or not raw:
        return None
    return 100.0 * s / raw


# ------------------------------------------------------------ stored

def _vint(b, i):
    v = shift = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        if c < 0x80:
            return v, i
        shift += 7


def _lucene_cfe(path):
    """Entries of a Lucene 5+ compound-file table (.cfe): {name: length}.
    Layout: codec header (magic, name, version, 16-byte id, suffix),
    vint count, then per entry: string name, int64 offset, int64 length."""
    b = open(path, "rb").read()
    i = 4
    n, i = _vint(b, i)
    i += n + 4 + 16
    n = b[i]
    i += 1 + n
    count, i = _vint(b, i)
    out = {}
    for _ in range(count):
        n, i = _vint(b, i)
        name = b[i:i + n].decode()
        i += n
        _off, length = struct.unpack(">qq", b[i:i + 16])
        i += 16
        out[name] = length
    return out


def cmd_stored(engine, path):
    if engine == "fts5":
        sql = "SELECT sum(pgsize) FROM dbstat WHERE name = 'doc_content'"
        out = subprocess.run(["sqlite3", "-readonly", path, sql], check=True,
                             stdout=subprocess.PIPE, text=True).stdout.strip()
        print(int(out))
    elif engine == "omega":
        print(os.path.getsize(os.path.join(path, "docdata.glass")))
    elif engine == "lucene":
        total = 0
        for f in os.listdir(path):
            full = os.path.join(path, f)
            if f.endswith((".fdt", ".fdx", ".fdm")):
                total += os.path.getsize(full)
            elif f.endswith(".cfe"):
                total += sum(v for k, v in _lucene_cfe(full).items()
                             if k.endswith((".fdt", ".fdx", ".fdm")))
        print(total)
    else:
        sys.exit(1)


# ------------------------------------------------------------ table

def read_queries(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def per_query(workdir):
    """{mode: {query index: median ms}} over every warm.* file."""
    lat = {}
    for path in glob.glob(os.path.join(workdir, "warm.*")):
        with open(path) as f:
            for line in f:
                w = line.split()
                if len(w) == 4 and w[0] == "lat":
                    lat.setdefault(w[1], {}).setdefault(int(w[2]), []).append(
                        float(w[3]))
    return {m: {q: statistics.median(v) for q, v in d.items()}
            for m, d in lat.items()}


def spread_pct(e, key):
    """Half the min-max range as % of the median: how noisy the runs were."""
    s = e.get("spread", {}).get(key)
    v = e.get(key)
    if not s or not v or e.get("runs", 1) < 2:
        return None
    return 50.0 * (s[1] - s[0]) / v


def cell(e, corpus, key, fmt):
    v = key(e, corpus) if callable(key) else e.get(key)
    if v is None:
        return "-"
    text = fmt % v
    if not callable(key):
        sp = spread_pct(e, key)
        if sp is not None:
            text += " ±%.0f%%" % sp
    return text


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        xv = subprocess.run(["pkg-config", "--modversion", "xapian-core"],
                            stdout=subprocess.PIPE, text=True).stdout.strip()
    except OSError:
        xv = ""
    return {"cpus": os.cpu_count(), "cpu": model,
            "kernel": platform.release(), "xapian": xv}


def print_table(headers, rows, out):
    widths = [max(len(str(r[i])) for r in [headers] + rows)
              for i in range(len(headers))]
    fmt = lambda r: "  ".join(
        (str(c).ljust(widths[i]) if i == 0 else str(c).rjust(widths[i]))
        for i, c in enumerate(r))
    print(fmt(headers), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for r in rows:
        print(fmt(r), file=out)


def cmd_table(a):
    lines = [json.loads(l) for l in open(a.all) if l.strip()]
    settings = json.loads(a.settings)
    queries = read_queries(a.queries)
    corpora = {}
    web = []
    for l in lines:
        if l["engine"] == "corpus":
            corpora[l["corpus"]] = {"docs": l["docs"],
                                    "corpus_bytes": l["corpus_bytes"],
                                    "engines": {}}
        elif l["engine"] == "wiredex-web":
            web.append(l)
        else:
            corpora[l["corpus"]]["engines"][l["engine"]] = l
    out = sys.stdout
    doc = {"date": datetime.date.today().isoformat(), "mode": a.mode,
           "machine": machine(), "settings": settings, "corpora": {},
           "web": web}

    for cname, c in corpora.items():
        eng = c["engines"]
        wxd = eng.get("wiredex-default", {})
        c["raw_text_bytes"] = wxd.get("raw_bytes")
        names = [n for n in WX + PEERS if n in eng]
        wxs = [n for n in WX if n in eng]
        peers = [n for n in PEERS if n in eng]
        print("\n== %s: %d articles, corpus %.1f MB JSONL, raw text %s ==" % (
            cname, c["docs"], c["corpus_bytes"] / MB,
            "%.1f MB" % (c["raw_text_bytes"] / MB) if c["raw_text_bytes"]
            else "?"), file=out)
        runs = ", ".join("%s %d" % (n, eng[n].get("runs", 1)) for n in names)
        print("medians over runs (%s); ±: half the min-max range" % runs,
              file=out)
        print_table(["measure"] + names,
                    [[label] + [cell(eng[n], c, key, fmt) for n in names]
                     for label, key, fmt in ROWS], out)

        # Ratios wiredex / peer.
        ratios = {}
        rows = []
        for key, label, val in RATIOS:
            row = [label]
            for p in peers:
                for w in wxs:
                    r = _ratio(val(eng[w], c), val(eng[p], c))
                    ratios.setdefault(w, {}).setdefault(p, {})[key] = (
                        None if r is None else round(r, 3))
                    row.append("-" if r is None else "%.2f" % r)
            rows.append(row)
        if peers and wxs:
            print("\nratio wiredex / peer (below 1: wiredex is faster or "
                  "smaller)", file=out)
            print_table(["measure"] + ["%s %s" % (w.split("-")[1], p)
                                       for p in peers for w in wxs],
                        rows, out)

        # Targets of issue 5.
        targets = TARGETS + (TARGETS_1M if cname == "1m" else [])
        res = []
        rows = []
        for key, label, f in targets:
            row = [label]
            t = {"target": key, "label": label}
            for w in wxs:
                v = f(eng[w], eng, c)
                t[w] = None if v is None else {"value": v[0], "met": v[1]}
                row.append("-" if v is None else
                           "%s %s" % (v[0], "met" if v[1] else "MISSED"))
            res.append(t)
            rows.append(row)
        if wxs:
            print("\ntargets of issue 5 (set for 10x%s)" % (
                "; shown here for %s" % cname if cname != "10x" else ""),
                file=out)
            print_table(["target"] + wxs, rows, out)

        # Slowest queries for wiredex (per-query medians over all timed
        # samples), every engine's median for the same query beside them.
        pq = {n: per_query(os.path.join(a.work, cname, n)) for n in names}
        slowest = {}
        rows = []
        for mode in ("snip", "facet"):
            worst = {}
            for w in wxs:
                for q, v in pq[w].get(mode, {}).items():
                    worst[q] = max(worst.get(q, 0.0), v)
            for q in sorted(worst, key=worst.get, reverse=True)[:4]:
                vals = {n: pq[n].get(mode, {}).get(q) for n in names}
                text = queries[q] if q < len(queries) else str(q)
                slowest.setdefault(mode, []).append(dict(
                    {"query": text},
                    **{n: None if v is None else round(v, 3)
                       for n, v in vals.items()}))
                rows.append([text[:36], mode] +
                            ["-" if vals[n] is None else "%.2f" % vals[n]
                             for n in names])
        if rows:
            print("\nslowest queries for wiredex (median ms of each query)",
                  file=out)
            print_table(["query", "mode"] + names, rows, out)

        doc["corpora"][cname] = {
            "docs": c["docs"], "corpus_bytes": c["corpus_bytes"],
            "raw_text_bytes": c["raw_text_bytes"],
            "engines": eng, "ratios": ratios, "targets": res,
            "slowest_queries": slowest}

    if web:
        secs = {round(w.get("duration_s", 0)) for w in web}
        print("\n== web: wiredex-search behind lighttpd, wrk, %s s per run,"
              " default-config index ==" % "/".join(str(s) for s in secs),
              file=out)
        print_table(["corpus", "endpoint", "conc", "req/s", "p50 ms",
                     "p99 ms", "max ms", "errors"],
                    [[w["corpus"], w["endpoint"], w["concurrency"],
                      "%.0f" % w["rps"], "%.2f" % w["latency_p50_ms"],
                      "%.2f" % w["latency_p99_ms"],
                      "%.1f" % w["latency_max_ms"], w["errors"]]
                     for w in web], out)

    print("\nsettings: %s" % json.dumps(settings), file=out)
    with open(a.results, "w") as f:
        f.write(compact_json(doc) + "\n")


def compact_json(doc, depth=0, flat=4):
    """JSON indented down to depth `flat`, each deeper value on one line
    (one engine per line): the result files are committed, so keep them
    short and their diffs readable."""
    pad = " " * depth
    if depth >= flat or not isinstance(doc, (dict, list)) or not doc:
        return json.dumps(doc)
    if isinstance(doc, dict):
        items = ["%s %s: %s" % (pad, json.dumps(k),
                                compact_json(v, depth + 1, flat))
                 for k, v in doc.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = ["%s %s" % (pad, compact_json(v, depth + 1, flat)) for v in doc]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "stored" and len(sys.argv) == 4:
        return cmd_stored(sys.argv[2], sys.argv[3])
    if len(sys.argv) >= 2 and sys.argv[1] == "table":
        ap = argparse.ArgumentParser(prog="report.py table")
        ap.add_argument("all")
        ap.add_argument("results")
        ap.add_argument("--mode", required=True)
        ap.add_argument("--work", required=True)
        ap.add_argument("--queries", required=True)
        ap.add_argument("--settings", default="{}")
        return cmd_table(ap.parse_args(sys.argv[2:]))
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
