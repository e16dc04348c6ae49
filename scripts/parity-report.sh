#!/usr/bin/env bash
# Worst error reached per comparison test: runs the test suites (default: all modules; or the
# Maven -pl list given as $1) with EMKIT_PARITY_REPORT set, so that every passing
# NumericAssert comparison records its largest absolute and relative error, then prints one
# markdown row per test method (worst over its comparisons) to stdout and writes the raw lines
# to target/parity-report.tsv. Parity tests (bob goldens, VLFeat, sphinx, h5py) are the classes
# named *Parity*, *Golden*, *Vlfeat*; every other row is an oracle or identity test.
#
#   scripts/parity-report.sh                 # all modules (~ the duration of scripts/test.sh)
#   scripts/parity-report.sh em-core,fisher  # a subset
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
raw="$PWD/target/parity-report.tsv"
rm -f "$raw"
pl=()
[ -n "${1:-}" ] && pl=(-pl "$1")
EMKIT_PARITY_REPORT="$raw" mvn -B -q -ntp verify -Demkit.doclint.skip=true "${pl[@]}" >&2
/usr/bin/python3 - "$raw" <<'PY'
import sys, collections
worst = collections.OrderedDict()
for line in open(sys.argv[1], encoding="utf-8"):
    cls, method, msg, n, ab, rel, tol = line.rstrip("\n").split("\t")
    key = (cls.rsplit(".", 1)[-1], method)
    a, r, n = float(ab), float(rel), int(n)
    w = worst.get(key)
    if w is None:
        worst[key] = [a, r, n, 1, tol]
    else:
        w[0] = max(w[0], a); w[1] = max(w[1], r); w[2] += n; w[3] += 1
print("| test class | method | comparisons | values | worst abs error | worst rel error | tolerance (last) |")
print("|---|---|---:|---:|---:|---:|---|")
for (cls, method), (a, r, n, c, tol) in sorted(worst.items()):
    print(f"| {cls} | {method} | {c} | {n} | {a:.2e} | {r:.2e} | {tol} |")
PY
