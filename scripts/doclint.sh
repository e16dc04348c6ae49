#!/usr/bin/env bash
# Runs javadoc with doclint (all checks, public and protected API) on one module's main sources
# and fails on any warning or error, except the JDK notice that incubator modules are used.
# Usage (from Maven's verify phase): doclint.sh MODULE_DIR CLASSPATH
set -euo pipefail
module=$1
cp=${2:-}
src="$module/src/main/java"
[ -d "$src" ] || exit 0
out="$module/target/doclint"
mkdir -p "$out"
pkgs=$(cd "$src" && find . -name '*.java' -printf '%h\n' | sed 's#^\./##; s#/#.#g' | sort -u | grep -v '\.internal' | grep -v '^org\.emkit\.bench' || true)
[ -n "$pkgs" ] || exit 0
log="$out/javadoc.log"
set +e
javadoc -quiet -Xdoclint:all --add-modules jdk.incubator.vector,jdk.incubator.foreign \
  --allow-script-in-comments -encoding UTF-8 -d "$out/html" -sourcepath "$src" -cp "$cp" $pkgs >"$log" 2>&1
rc=$?
set -e
problems=$(grep -E "(warning|error):" "$log" | grep -v "using incubating module" || true)
if [ $rc -ne 0 ] || [ -n "$problems" ]; then
  echo "doclint failed for $module:" >&2
  grep -v "using incubating module" "$log" | head -60 >&2
  exit 1
fi
