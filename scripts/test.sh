#!/usr/bin/env bash
# The test command of README.md (and of .ci/run): installs the Debian packages the tests need
# when missing, runs every module's tests and documentation checks (mvn verify: unit, property,
# parity, interop, example tests + doclint), the DebVox preparation unit tests, and the JMH
# smoke pass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --deps-only
mvn -B -ntp verify
/usr/bin/python3 -B scripts/test_debvox.py
scripts/bench-smoke.sh
