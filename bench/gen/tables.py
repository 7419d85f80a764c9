#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# tables.py: the Markdown tables of bench/RESULTS.md, from what bench/run-all.sh measured.
#
#   python3 bench/gen/tables.py RESULTS_DIR CORPORA_DIR
#
# RESULTS_DIR holds Google Benchmark JSON files (bm_*.json, aggregates) and /usr/bin/time -v logs
# (time-<form>-r<N>-rep<k>-j<T>.txt); CORPORA_DIR the generated corpora (rN/authz, rN/entities.jsonl).
import glob
import json
import os
import re
import statistics
import sys


def medians(path):
    """{benchmark name: (median cpu_time, median real_time, unit, counters)} of one suite."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path) as f:
        data = json.load(f)
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        name = b.get("run_name", b["name"])
        counters = {k: v for k, v in b.items() if k in ("MB", "findings", "failed", "entities", "report_MB", "bytes_per_second", "items_per_second")}
        out[name] = (b["cpu_time"], b["real_time"], b["time_unit"], counters)
    return out


def fmt_time(v, unit):
    return f"{v:,.1f} {unit}" if v >= 10 else f"{v:,.2f} {unit}"


def suite_table(name, results):
    m = medians(os.path.join(results, name + ".json"))
    if not m:
        return
    print(f"\n### {name} (median of the repetitions)\n")
    print("| benchmark | CPU time | wall time | throughput |")
    print("|---|---|---|---|")
    for k, (cpu, real, unit, c) in m.items():
        # bytes when the suite counts them (parsers), else items (requests, rules, entities)
        tp = f"{c['items_per_second'] / 1e6:,.1f} M items/s" if "items_per_second" in c else ""
        if "bytes_per_second" in c:
            tp = f"{c['bytes_per_second'] / 1e6:,.0f} MB/s"
        print(f"| `{k}` | {fmt_time(cpu, unit)} | {fmt_time(real, unit)} | {tp} |")


def scan_tables(results):
    m = medians(os.path.join(results, "bm_scan.json"))
    if not m:
        return
    print("\n### End-to-end scan vs the parsers (bm_scan, 10^4-role corpus, median CPU time)\n")
    print("| form | rules | MB | nlohmann parse | simdjson parse | iamguard load | iamguard scan (load + rules + report) | scan / nlohmann | scan / simdjson |")
    print("|---|---|---|---|---|---|---|---|---|")
    for form in ("pages", "jsonl"):
        for bench, rules in (("BM_scan", "whole pack"), ("BM_scan_per_entity_rules", "per-entity rules")):
            try:
                n = m[f"BM_nlohmann_parse/{form}"]
                s = m[f"BM_simdjson_parse/{form}"]
                ld = m[f"BM_load/{form}"]
                sc = m[f"{bench}/{form}"]
            except KeyError:
                continue
            print(f"| {form} | {rules} | {n[3].get('MB', 0):.1f} | {fmt_time(n[0], n[2])} | {fmt_time(s[0], s[2])} | {fmt_time(ld[0], ld[2])} | "
                  f"{fmt_time(sc[0], sc[2])} | **{sc[0] / n[0]:.2f}x** | {sc[0] / s[0]:.1f}x |")
    lean, full = m.get("BM_load/pages"), m.get("BM_load/pages/all_joins")
    if lean and full:
        print(f"\nLoading the pages with every join (`combinedPolicies` too, which the pack does not read, so "
              f"`iamguard scan` and BM_scan skip it): BM_load/pages/all_joins {fmt_time(full[0], full[2])} against "
              f"{fmt_time(lean[0], lean[2])}.")
    one, two = m.get("BM_load/pages"), m.get("BM_load/pages/threads:2/real_time")
    if one and two:
        print(f"\nThe pages read on two threads (`load_options::threads`; the joins on them too since 2026-12-04, sixth session): BM_load/pages/threads:2 "
              f"{fmt_time(two[1], two[2])} wall against {fmt_time(one[1], one[2])} on one thread "
              f"(**{one[1] / two[1]:.2f}x**).")
    print("\n### Rules over loaded entities (bm_scan, 10^4-role corpus: entities already loaded and joined)\n")
    print("| rule | CPU time | findings | failed |")
    print("|---|---|---|---|")
    for k, (cpu, real, unit, c) in m.items():
        if k.startswith("BM_rule/") or k == "BM_pack":
            label = "whole pack" if k == "BM_pack" else k.split("/", 1)[1]
            print(f"| {label} | {fmt_time(cpu, unit)} | {int(c.get('findings', 0)):,} | {int(c['failed']) if 'failed' in c else ''} |")


def parse_time(path):
    text = open(path).read()

    def grab(pattern):
        mm = re.search(pattern, text)
        return mm.group(1) if mm else None

    wall = grab(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)")
    parts = [float(p) for p in wall.split(":")] if wall else [0]
    secs = 0.0
    for p in parts:
        secs = secs * 60 + p
    return {
        "wall": secs,
        "cpu": float(grab(r"User time \(seconds\): (\S+)") or 0) + float(grab(r"System time \(seconds\): (\S+)") or 0),
        "rss_mb": int(grab(r"Maximum resident set size \(kbytes\): (\d+)") or 0) / 1024,
        "status": int(grab(r"Exit status: (\d+)") or -1),
    }


def time_tables(results, corpora):
    runs = {}
    pairs = {}  # (form, n, rep) -> {threads: wall}: run-all.sh runs one thread then two per rep
    for path in glob.glob(os.path.join(results, "time-*.txt")):
        mm = re.match(r"time-(\w+)-r(\d+)-rep(\d+)-j(\d+)\.txt", os.path.basename(path))
        if not mm:
            continue
        t = parse_time(path)
        runs.setdefault((mm.group(1), int(mm.group(2)), int(mm.group(4))), []).append(t)
        pairs.setdefault((mm.group(1), int(mm.group(2)), int(mm.group(3))), {})[int(mm.group(4))] = t["wall"]
    if not runs:
        return
    print("\n### `iamguard scan`, timed with /usr/bin/time -v (median of the runs; peak RSS: the largest)\n")
    print("rules: `full` = the shipped pack; `per_entity` = the pack without its aggregate rule IG.IAM.010\n")
    print("| input | rules | roles | entities | bytes | threads | runs | wall | CPU (user+sys) | peak RSS | entities/s (wall) | exit |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    speed = {}
    for (form, n, t) in sorted(runs, key=lambda k: (k[0], k[1], k[2])):
        rs = runs[(form, n, t)]
        wall = statistics.median(r["wall"] for r in rs)
        cpu = statistics.median(r["cpu"] for r in rs)
        rss = max(r["rss_mb"] for r in rs)
        base = os.path.join(corpora, f"r{n}")
        kind, _, rules = form.partition("_")
        if kind == "jsonl":
            path = os.path.join(base, "entities.jsonl")
            size = os.path.getsize(path) if os.path.exists(path) else 0
            ents = sum(1 for _ in open(path)) if os.path.exists(path) else 0
        else:
            files = glob.glob(os.path.join(base, "authz", "*.json"))
            size = sum(os.path.getsize(f) for f in files)
            ents = sum(1 for _ in open(os.path.join(base, "entities.jsonl"))) if os.path.exists(os.path.join(base, "entities.jsonl")) else 0
        speed[(form, n, t)] = (wall, cpu)
        status = ",".join(sorted({str(r["status"]) for r in rs}))
        print(f"| {kind} | {rules} | {n:,} | {ents:,} | {size / 1e6:,.1f} MB | {t} | {len(rs)} | {wall:.2f} s | {cpu:.2f} s | "
              f"{rss:,.0f} MB | {ents / wall if wall else 0:,.0f} | {status} |")
    print("\n### Two threads against one\n")
    print("Speed-up: of the medians. Per round: the one-thread wall time over the two-thread one of the same round "
          "(run-all.sh times the inputs of a size on one thread, then on two, and repeats that).\n")
    print("| input | rules | roles | wall 1 thread | wall 2 threads | speed-up (wall) | per round | CPU 1 thread | CPU 2 threads |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (form, n, t), (wall, cpu) in sorted(speed.items()):
        if t != 1 or (form, n, 2) not in speed:
            continue
        w2, c2 = speed[(form, n, 2)]
        kind, _, rules = form.partition("_")
        ratios = sorted(p[1] / p[2] for (f, m, _), p in pairs.items() if f == form and m == n and 1 in p and 2 in p and p[2] > 0)
        spread = f"{ratios[0]:.2f}-{ratios[-1]:.2f}x" if len(ratios) > 1 else (f"{ratios[0]:.2f}x" if ratios else "")
        print(f"| {kind} | {rules} | {n:,} | {wall:.2f} s | {w2:.2f} s | **{wall / w2:.2f}x** | {spread} | {cpu:.2f} s | {c2:.2f} s |")
    print("\n### Peak memory against corpus size (streamed JSON Lines, the full pack, 2 threads)\n")
    print("| roles | JSON Lines bytes | peak RSS | RSS per 10^3 roles |")
    print("|---|---|---|---|")
    for (form, n, t) in sorted(runs):
        if form != "jsonl_full" or t != 2:
            continue
        rss = max(r["rss_mb"] for r in runs[(form, n, t)])
        path = os.path.join(corpora, f"r{n}", "entities.jsonl")
        size = os.path.getsize(path) if os.path.exists(path) else 0
        print(f"| {n:,} | {size / 1e6:,.0f} MB | {rss:,.0f} MB | {rss / (n / 1000):,.2f} MB |")


def org_tables(results, corpora):
    runs = {}
    for path in glob.glob(os.path.join(results, "time-org_*.txt")):
        mm = re.match(r"time-org_(\w+)-a(\d+)-r(\d+)-rep\d+-j(\d+)\.txt", os.path.basename(path))
        if mm:
            key = (mm.group(1), int(mm.group(2)), int(mm.group(3)), int(mm.group(4)))
            runs.setdefault(key, []).append(parse_time(path))
    if not runs:
        return
    print("\n### An organisation: account by account against loaded together (median of the runs; peak RSS: the largest)\n")
    print("| how | accounts | roles each | page bytes | threads | runs | wall | CPU (user+sys) | peak RSS | exit |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (how, a, n, t) in sorted(runs, key=lambda k: (k[0] != "units", k[1], k[2], k[3])):
        rs = runs[(how, a, n, t)]
        files = glob.glob(os.path.join(corpora, f"org{a}", "*", "authz", "*.json"))
        size = sum(os.path.getsize(f) for f in files)
        status = ",".join(sorted({str(r["status"]) for r in rs}))
        print(f"| {how} | {a} | {n:,} | {size / 1e6:,.1f} MB | {t} | {len(rs)} | {statistics.median(r['wall'] for r in rs):.2f} s | "
              f"{statistics.median(r['cpu'] for r in rs):.2f} s | {max(r['rss_mb'] for r in rs):,.0f} MB | {status} |")


def capacity_tables(results):
    """What two threads gain against what the host gives them (bench/host-capacity.sh)."""
    files = sorted(glob.glob(os.path.join(results, "capacity-*.txt")))
    if not files:
        return
    print("\n### Two threads against what the host gives them (bench/host-capacity.sh, medians of the rounds)\n")
    print("Each round back to back: a one-thread scan pinned to CPU 0, then to CPU 1 (alone); two one-thread "
          "scans started together, one on each CPU (pair); then the scan with one and with two threads. "
          "`pair rate` = t1 x (1/pair0 + 1/pair1): the speed-up of two scans that share nothing (no serial "
          "part, no coordination, but each with its own memory); `alone rate` = t1 x (1/alone0 + 1/alone1): "
          "the two CPUs' speeds added as if they did not slow each other down.\n")
    print("| input | rounds | alone CPU 0 | alone CPU 1 | pair CPU 0 / CPU 1 | t1 | t2 | **t1 / t2** | pair rate | alone rate |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for path in files:
        by_round = {}  # round -> {run name: wall ms}
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 5:
                    by_round.setdefault(parts[0], {})[parts[1]] = int(parts[2])
        rounds = [r for r in by_round.values() if len(r) == 6]  # complete rounds only
        if not rounds:
            continue
        med = lambda key: statistics.median(r[key] for r in rounds)
        ratio = statistics.median(r["t1"] / r["t2"] for r in rounds)
        pair = statistics.median(r["t1"] * (1 / r["pair0"] + 1 / r["pair1"]) for r in rounds)
        alone = statistics.median(r["t1"] * (1 / r["alone0"] + 1 / r["alone1"]) for r in rounds)
        label = os.path.basename(path)[len("capacity-"):-len(".txt")]
        print(f"| {label} | {len(rounds)} | {med('alone0'):,.0f} ms | {med('alone1'):,.0f} ms | {med('pair0'):,.0f} / "
              f"{med('pair1'):,.0f} ms | {med('t1'):,.0f} ms | {med('t2'):,.0f} ms | **{ratio:.2f}x** | {pair:.2f}x | {alone:.2f}x |")


def iam_simulate_table(results):
    """bm_eval's prepared evaluate() beside @cloud-copilot/iam-simulate on the same requests."""
    path = os.path.join(results, "iam-simulate.txt")
    m = medians(os.path.join(results, "bm_eval.json"))
    if not os.path.exists(path) or not m:
        return
    text = open(path).read().splitlines()
    lines = [l for l in text if l.startswith("[{")]  # bench.mjs ends with its results as JSON
    if not lines:
        return
    header = text[0].strip()  # the versions of node and iam-simulate
    print(f"\n### iam-simulate against bm_eval (same requests, cases.json; {header})\n")
    print("| case | iam-simulate `authorize` | iam-simulate `runSimulation` | iamguard `evaluate` (wall) | `authorize` / iamguard |")
    print("|---|---|---|---|---|")
    for r in json.loads(lines[-1]):
        ours = m.get(f"BM_evaluate/{r['case']}")
        if not ours:
            continue
        ns = ours[1] * {"ns": 1, "us": 1e3, "ms": 1e6}.get(ours[2], 1)
        print(f"| {r['case']} | {r['authorize_ns'] / 1e3:,.1f} µs | {r['run_simulation_ns'] / 1e3:,.0f} µs | "
              f"{ns:,.0f} ns | {r['authorize_ns'] / ns:,.0f}× |")


def main():
    results, corpora = sys.argv[1], sys.argv[2]
    machine = os.path.join(results, "machine.txt")
    if os.path.exists(machine):
        print(open(machine).read().strip())
    scan_tables(results)
    time_tables(results, corpora)
    org_tables(results, corpora)
    capacity_tables(results)
    for s in ("bm_condition", "bm_parse", "bm_load", "bm_eval", "bm_rules"):
        suite_table(s, results)
    iam_simulate_table(results)


if __name__ == "__main__":
    main()
