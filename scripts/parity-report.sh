#!/usr/bin/env bash
# Worst error reached per comparison test: runs the test suites (default: all modules; or the
# Maven -pl list given as $1) with EMKIT_PARITY_REPORT set, so that every passing
# NumericAssert comparison records its largest absolute and relative error, then prints one
# markdown row per test method (worst over its comparisons) to stdout and writes the raw lines
# to target/parity-report.tsv. Parity tests (bob goldens, VLFeat, sphinx, h5py) are the classes
# named *Parity*, *Golden*, *Vlfeat*; every other row is an oracle or identity test.
#
#   scripts/parity-report.sh                 # all modules (~ the duration of the README's mvn verify)
#   scripts/parity-report.sh em-core,fisher  # a subset
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
raw="$PWD/target/parity-report.tsv"
rm -f "$raw"
pl=()
[ -n "${1:-}" ] && pl=(-pl "$1")
EMKIT_PARITY_REPORT="$raw" mvn -B -q -ntp verify -Demkit.doclint.skip=true "${pl[@]}" >&2
/usr/bin/python3 scripts/parity_table.py "$raw"
