#!/usr/bin/env bash
# CI smoke pass of every JMH benchmark (CONVENTIONS C10): smallest @Param only, one measurement,
# no warm-up, in-process; asserts that each benchmark runs and the JSON result parses. Never
# asserts on timings.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q -ntp package -pl bench -am -DskipTests
out=bench/target/smoke.json
java --add-modules jdk.incubator.vector,jdk.incubator.foreign --enable-native-access=ALL-UNNAMED \
  -jar "$jar" -f 0 -wi 0 -i 1 -r 200ms -foe true \
  -p size=small -p threads=1 -p components=256 -rf json -rff "$out" >bench/target/smoke.log 2>&1 || {
    tail -40 bench/target/smoke.log >&2; exit 1; }
/usr/bin/python3 - "$out" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
names = sorted({r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1] for r in runs})
assert runs and all(r["primaryMetric"]["score"] > 0 for r in runs), "empty or zero benchmark results"
print("bench smoke: %d benchmark methods ran: %s" % (len(names), ", ".join(names)), file=sys.stderr)
PY
