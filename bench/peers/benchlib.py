#!/usr/bin/env python3
"""benchlib.py - the measuring and arithmetic half of bench/peers.sh.

Subcommands (all output to stdout):

  timecmd N [--drop-caches] -- CMD ARGS...
      Run CMD once untimed (so binaries and index pages are in the page
      cache, unless --drop-caches), then N times timed; print one wall
      time in ms per line.  The environment is passed through, so omega
      gets QUERY_STRING etc.  Output of CMD is discarded; a failure aborts.
      --drop-caches: sync and drop the page cache before every timed run
      (root only; affects the whole machine).

  omega-warm CONF DB QUERIES REPS WARMUP
      Omega is a CGI: every request is one process.  Run the omega binary
      once per query line, WARMUP untimed passes then REPS timed ones, and
      print the harness line format ("hits Q N", "lat snip Q MS").

  omega-qs DB 'QUERY LINE'
      Print the omega QUERY_STRING for one query line (for cold runs).

  pct FILE
      Percentiles of one warm run: reads "lat MODE Q MS" lines, prints JSON
      {"snip": {"p50":..,"p95":..,"p99":..,"n":..}, "facet": {...},
       "hits": [N, ...]}.

  report ENGINE CORPUS WORKDIR
      Combine the per-run files peers.sh left in WORKDIR into one JSON
      object (one line): medians over runs plus min/max spread.

Standard library only.
"""
import json
import math
import os
import statistics
import subprocess
import sys
import time
import urllib.parse

OMEGA = "/usr/lib/cgi-bin/omega/omega"


def percentile(sorted_values, p):
    """Nearest-rank percentile (no interpolation: an observed latency)."""
    if not sorted_values:
        return None
    k = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[k - 1]


def drop_caches():
    subprocess.run(["sync"], check=True)
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def cmd_timecmd(args):
    n = int(args[0])
    drop = "--drop-caches" in args[1:args.index("--")]
    cmd = args[args.index("--") + 1:]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    for _ in range(n):
        if drop:
            drop_caches()
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        print("%.3f" % ((time.perf_counter() - t0) * 1e3))


def read_queries(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def omega_query_string(db, line, extra=None):
    # P carries the whole line: words, "phrases" and topic:/place:/agency:
    # filters (boolprefix map in the template).  DEFAULTOP=AND is omega's
    # default since 1.3, spelt out to match the other peers.
    return urllib.parse.urlencode({
        "DB": db, "FMT": "bench", "HITSPERPAGE": "10",
        "DEFAULTOP": "AND", "P": line, **(extra or {})})


def cmd_omega_qs(args):
    print(omega_query_string(args[0], args[1]))


def omega_env(conf, db, line, extra=None):
    env = dict(os.environ)
    env.update({"OMEGA_CONFIG_FILE": conf, "REQUEST_METHOD": "GET",
                "QUERY_STRING": omega_query_string(db, line, extra)})
    return env


def omega_run(env):
    out = subprocess.run([OMEGA], env=env, stdout=subprocess.PIPE, check=True).stdout
    return out


def cmd_omega_warm(args):
    conf, db, qfile, reps, warmup = args[0], args[1], args[2], int(args[3]), int(args[4])
    queries = read_queries(qfile)
    envs = [omega_env(conf, db, q) for q in queries]
    for i, q in enumerate(queries):
        # Untimed: the template's last line is "matches $msize"; a huge
        # MINHITS makes that estimate exact (timed runs keep the default).
        out = omega_run(omega_env(conf, db, q, {"MINHITS": "1000000000"}))
        last = out.decode("utf-8", "replace").rstrip().rsplit("\n", 1)[-1].split()
        print("hits %d %s" % (i, last[1] if len(last) == 2 and last[0] == "matches" else "-1"))
    for _ in range(warmup):
        for env in envs:
            omega_run(env)
    for _ in range(reps):
        for i, env in enumerate(envs):
            t0 = time.perf_counter()
            omega_run(env)
            print("lat snip %d %.4f" % (i, (time.perf_counter() - t0) * 1e3))


def pct(path):
    lat = {}
    hits = {}
    with open(path) as f:
        for line in f:
            w = line.split()
            if len(w) == 4 and w[0] == "lat":
                lat.setdefault(w[1], []).append(float(w[3]))
            elif len(w) == 3 and w[0] == "hits":
                hits[int(w[1])] = int(w[2])
    out = {}
    for mode, values in lat.items():
        values.sort()
        out[mode] = {"p50": percentile(values, 50), "p95": percentile(values, 95),
                     "p99": percentile(values, 99), "n": len(values)}
    out["hits"] = [hits[i] for i in sorted(hits)]
    return out


def cmd_pct(args):
    print(json.dumps(pct(args[0])))


def summary(values, ndigits):
    """(median, [min, max]) of the non-None values, rounded."""
    values = [v for v in values if v is not None]
    if not values:
        return None, None
    r = lambda v: round(v, ndigits)
    return r(statistics.median(values)), [r(min(values)), r(max(values))]


def cmd_report(args):
    engine, corpus, work = args
    result = {"engine": engine, "corpus": corpus}
    meta = {}
    with open(os.path.join(work, "meta")) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            meta[k] = v
    result["docs"] = int(meta["docs"])
    result["runs"] = int(meta["runs"])
    spread = {}

    def put(key, values, ndigits):
        med, mm = summary(values, ndigits)
        result[key] = med
        if mm is not None:
            spread[key] = mm

    # index: /usr/bin/time -f '%e %U %S %M' lines, one file per run
    wall, cpu, rss = [], [], []
    for i in range(1, result["runs"] + 1):
        with open(os.path.join(work, "index-time.%d" % i)) as f:
            e, u, s, m = f.read().split()[-4:]
        wall.append(float(e))
        cpu.append(float(u) + float(s))
        rss.append(int(m) / 1024.0)
    put("index_wall_s", wall, 2)
    put("index_cpu_s", cpu, 2)
    put("peak_rss_mb", rss, 1)
    result["index_bytes"] = int(meta["index_bytes"])

    # warm: per run p50/p95/p99, then median over runs
    warm = [pct(os.path.join(work, "warm.%d" % i)) for i in range(1, result["runs"] + 1)]
    for mode, prefix in (("snip", "warm_"), ("facet", "warm_facets_")):
        for p in ("p50", "p95", "p99"):
            put(prefix + p + "_ms", [w.get(mode, {}).get(p) for w in warm], 3)
    result["warm_queries"] = len(warm[0]["hits"])
    result["warm_samples_per_run"] = warm[0].get("snip", {}).get("n")

    # cold: median of each run's timed requests, then median over runs
    cold = []
    for i in range(1, result["runs"] + 1):
        with open(os.path.join(work, "cold.%d" % i)) as f:
            v = [float(x) for x in f.read().split()]
        cold.append(statistics.median(v))
    put("cold_ms", cold, 2)
    result["cold_requests_per_run"] = len(v)
    result["cold_query"] = meta.get("cold_query")
    result["cold_page_cache"] = meta.get("cold_page_cache")
    result["version"] = meta.get("version")
    result["spread"] = spread
    result["hits"] = warm[0]["hits"]
    if meta.get("note"):
        result["note"] = meta["note"]
    print(json.dumps(result))


def main():
    cmds = {"timecmd": cmd_timecmd, "omega-warm": cmd_omega_warm, "omega-qs": cmd_omega_qs,
            "pct": cmd_pct, "report": cmd_report}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
