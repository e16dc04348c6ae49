#!/usr/bin/env python3
"""Worst error per test method from the lines NumericAssert writes when EMKIT_PARITY_REPORT is
set (class, method, message, values, max abs error, max rel error, tolerance): one markdown row
per method with its number of comparisons and values, the largest absolute error with the
tolerance of that comparison, and the largest relative error.

usage: parity_table.py REPORT.tsv
"""
import collections
import sys

worst = collections.OrderedDict()
for line in open(sys.argv[1], encoding="utf-8"):
    cls, method, msg, n, ab, rel, tol = line.rstrip("\n").split("\t")
    key = (cls.rsplit(".", 1)[-1], method)
    a, r, n = float(ab), float(rel), int(n)
    w = worst.setdefault(key, {"abs": -1.0, "rel": 0.0, "values": 0, "count": 0, "tol": tol})
    if a > w["abs"]:
        w["abs"], w["tol"] = a, tol
    w["rel"] = max(w["rel"], r)
    w["values"] += n
    w["count"] += 1
print("| test class | method | comparisons | values | worst abs error | its tolerance | worst rel error |")
print("|---|---|---:|---:|---:|---|---:|")
for (cls, method), w in sorted(worst.items()):
    tol = w["tol"].replace("Tolerance[", "").replace("]", "")
    print(f"| {cls} | {method} | {w['count']} | {w['values']} | {w['abs']:.2e} | {tol} | {w['rel']:.2e} |")
