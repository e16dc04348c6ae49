#!/usr/bin/env bash
# The checks of the README's test command that are not Maven tests: the unit tests of the
# DebVox preparation script (Python) and the JMH smoke pass (every benchmark once at its
# smallest size; the JSON output must parse). Run after `mvn verify` (it uses bench's jar).
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 -B scripts/test_debvox.py
scripts/bench-smoke.sh
