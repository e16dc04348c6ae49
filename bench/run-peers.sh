#!/usr/bin/env bash
# Peer comparison (issue 10): runs VLFeat, scikit-learn/numpy and OpenBLAS (the shared harness
# in ../shared/bench/peers, copied to bench/target/peers because shared/ is read-only) and
# emkit (org.emkit.bench.PeerRunner) on the SAME data files, in ONE run, at 1 and 2 threads,
# through the harness's runner (waits for an idle machine, accounts foreign CPU, repeats
# disturbed runs). Writes bench/target/peers/emkit_vs_peers.{json,md}.
#
# usage: bench/run-peers.sh [--small] [--reps N] [--skip-peers] [--no-wait]
#   --small       tiny shapes (smoke test, ~1 min)
#   --skip-peers  reuse the peers' raw results of a previous run (emkit only)
# Runtime on an idle 2-core machine: about 10 minutes (peers ~6, emkit ~4).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
SHARED="$ROOT/../shared/bench/peers"
WORK="$HERE/target/peers"
SMALL=0; REPS=3; SKIP_PEERS=0; NOWAIT=()
while [ $# -gt 0 ]; do
  case "$1" in
    --small) SMALL=1 ;;
    --reps) REPS=$2; shift ;;
    --skip-peers) SKIP_PEERS=1 ;;
    --no-wait) NOWAIT=(--no-wait) ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -d "$SHARED" ] || { echo "run-peers: $SHARED is missing" >&2; exit 1; }
SUFFIX=""; DATA=${BENCHDATA:-/tmp/benchdata}; SMALLFLAG=()
if [ $SMALL = 1 ]; then SUFFIX="_small"; DATA=/tmp/benchdata_small; SMALLFLAG=(--small); fi
export BENCHDATA="$DATA"

if [ $SKIP_PEERS = 0 ]; then
  rm -rf "$WORK"; mkdir -p "$WORK"; cp -r "$SHARED"/. "$WORK"/; chmod -R u+w "$WORK"
  "$WORK/run_all.sh" "${SMALLFLAG[@]}" --reps "$REPS" "${NOWAIT[@]}" >&2
fi
RAW="$WORK/raw/results$SUFFIX.jsonl"
[ -f "$RAW" ] || { echo "run-peers: no peer results in $RAW (run without --skip-peers)" >&2; exit 1; }
grep -v '"peer": "emkit"' "$RAW" > "$RAW.tmp" || true; mv "$RAW.tmp" "$RAW"

(cd "$ROOT" && mvn -B -q -ntp package -pl bench -am -DskipTests -Demkit.doclint.skip=true)
JAR="$HERE/target/benchmarks.jar"
JAVA_OPTS=(-Xms6g -Xmx6g --add-modules jdk.incubator.vector,jdk.incubator.foreign --enable-native-access=ALL-UNNAMED)
echo 300 > "$WORK/build/.wait_budget_emkit"
for t in 1 2; do
  for mode in gmm kmeans fv fv-skip w4; do
    /usr/bin/python3 "$WORK/common/runner.py" --raw "$RAW" --cmdlog "$WORK/raw/commands$SUFFIX.txt" \
      --budget-file "$WORK/build/.wait_budget_emkit" "${NOWAIT[@]}" --variant default --threads "$t" -- \
      java "${JAVA_OPTS[@]}" -cp "$JAR" org.emkit.bench.PeerRunner "$DATA" "$mode" "$t" "$REPS"
  done
done
/usr/bin/python3 "$HERE/peer_table.py" "$RAW" "$WORK/emkit_vs_peers.json" "$WORK/emkit_vs_peers.md"
cat "$WORK/emkit_vs_peers.md"
# the table quoted in docs/performance.md, with the raw JSON lines of this run beside it
if [ $SMALL = 0 ]; then
  cp "$WORK/emkit_vs_peers.md" "$ROOT/docs/performance-peers.md"
  cp "$WORK/emkit_vs_peers.json" "$ROOT/docs/performance-peers.json"
  cp "$WORK/results_table.md" "$ROOT/docs/performance-peers-detail.md" 2>/dev/null || true
fi
