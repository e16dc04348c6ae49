#!/usr/bin/env python3
"""Combine the raw JSON lines of one peer run (VLFeat, scikit-learn/numpy, OpenBLAS, emkit) into
the comparison table of docs/performance.md: min / median seconds of each workload at 1 and 2
threads, and emkit's speed-up against each peer.

usage: peer_table.py RAW.jsonl OUT.json OUT.md
"""
import json
import statistics
import sys

raw, out_json, out_md = sys.argv[1:4]
recs = [json.loads(l) for l in open(raw) if l.strip()]
recs = [r for r in recs if not r.get("_failed") and r.get("variant", "default") == "default"]

ROWS = [
    # (label, workload, op, field, peer, type)
    ("W1 EM iteration", "W1", "gmm_em_1iter", "em_iter_s"),
    ("W1 E-step", "W1", "gmm_em_1iter", "estep_s"),
    ("W2 500 improved FVs", "W2", ("fisher_improved", "fisher_improved_skip_1e-6", "fisher_improved_numpy", "fisher_improved_outer_parallel"), "fv_total_s"),
    ("W3 Lloyd iteration", "W3", "kmeans_lloyd", "lloyd_iter_s"),
    ("W4 stats + MAP + scoring", "W4", "ubm_stats_map_linscore", "w4_total_s"),
]


def name(r):
    p = r["peer"]
    if r["op"] == "fisher_improved_outer_parallel":
        p += " (sets over threads)"
    if r["op"] == "fisher_improved_skip_1e-6":
        p += " (VLFeat's p < 1e-6 skip)"
    if r["peer"] in ("vlfeat", "sklearn"):
        p += " " + r.get("type", "")
    return p


table = []
for label, wl, ops, field in ROWS:
    ops = ops if isinstance(ops, tuple) else (ops,)
    for r in recs:
        if r.get("workload") != wl or r.get("op") not in ops or field not in r:
            continue
        v = r[field]
        table.append({"workload": label, "peer": name(r), "threads": r["threads"],
                      "min_s": min(v), "median_s": statistics.median(v),
                      "foreign_cpu_frac": r.get("_process", {}).get("foreign_cpu_frac")})

gemm = {}
for r in recs:
    if r.get("peer") == "openblas" and r.get("op") == "gemm_square2000":
        gemm[(r["type"], r["threads"])] = r["best_gflops"]

lines = ["| workload | implementation | 1 thread: min / median (s) | 2 threads: min / median (s) | emkit speed-up (min, 1t / 2t) |",
         "|---|---|---|---|---|"]
summary = []
for label, *_ in ROWS:
    rows = [t for t in table if t["workload"] == label]
    peers = sorted({t["peer"] for t in rows}, key=lambda p: (p != "emkit", p))
    em = {t["threads"]: t for t in rows if t["peer"] == "emkit"}
    # emkit variants ("emkit (...)"): no ratio of their own; peers also get a ratio against them
    variants = sorted({t["peer"] for t in rows if t["peer"].startswith("emkit (")})
    for p in peers:
        cells = []
        speed = []
        for th in (1, 2):
            t = next((t for t in rows if t["peer"] == p and t["threads"] == th), None)
            if t is None:
                cells.append("–")
                speed.append("–")
                continue
            flag = " (busy %.0f%%)" % (100 * t["foreign_cpu_frac"]) if (t["foreign_cpu_frac"] or 0) > 0.05 else ""
            cells.append("%.3f / %.3f%s" % (t["min_s"], t["median_s"], flag))
            if not p.startswith("emkit") and th in em:
                ratio = t["min_s"] / em[th]["min_s"]
                speed.append("%.2f×" % ratio)
                summary.append({"workload": label, "peer": p, "threads": th, "emkit_speedup": round(ratio, 3)})
            else:
                speed.append("")
        text = " / ".join(speed) if not p.startswith("emkit") else ""
        if not p.startswith("emkit"):
            for v in variants:
                vr = []
                for th in (1, 2):
                    t = next((t for t in rows if t["peer"] == p and t["threads"] == th), None)
                    e = next((t for t in rows if t["peer"] == v and t["threads"] == th), None)
                    vr.append("%.2f×" % (t["min_s"] / e["min_s"]) if t and e else "–")
                    if t and e:
                        summary.append({"workload": label, "peer": p, "threads": th, "emkit_variant": v,
                                        "emkit_speedup": round(t["min_s"] / e["min_s"], 3)})
                text += "; vs %s: %s" % (v, " / ".join(vr))
        lines.append("| %s | %s | %s | %s | %s |" % (label, p, cells[0], cells[1], text))
if gemm:
    lines.append("")
    lines.append("Machine: OpenBLAS dgemm 2000³ %.1f / %.1f GFLOP/s, sgemm %.1f / %.1f GFLOP/s (1 / 2 threads)." % (
        gemm.get(("double", 1), float("nan")), gemm.get(("double", 2), float("nan")),
        gemm.get(("float", 1), float("nan")), gemm.get(("float", 2), float("nan"))))
json.dump({"rows": table, "speedups": summary, "gemm_gflops": {"%s_%dt" % k: v for k, v in gemm.items()}},
          open(out_json, "w"), indent=1)
open(out_md, "w").write("\n".join(lines) + "\n")
