#!/usr/bin/env bash
# em-spark measurements (docs/performance.md): Spark overhead on local[2] for W1 and the 10M-frame
# scaling simulation. Not part of CI (minutes of CPU). Usage:
#   scripts/spark-measure.sh overhead [N D K iterations partitions mllibIterations]
#   scripts/spark-measure.sh scaling  [N D K iterations partitions]
# Heap: EMKIT_SPARK_XMX (default 8g). Prints the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
cpfile=em-spark/target/measure-classpath.txt
mvn -B -q -ntp -pl em-spark -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cpfile" >&2
opens=$(sed -n 's:.*<emkit.spark.opens>\(.*\)</emkit.spark.opens>.*:\1:p' em-spark/pom.xml)
# shellcheck disable=SC2086
exec java -Xmx"${EMKIT_SPARK_XMX:-8g}" --add-modules jdk.incubator.vector,jdk.incubator.foreign \
  --enable-native-access=ALL-UNNAMED $opens \
  -Dlog4j2.configurationFile=em-spark/src/test/resources/log4j2.properties \
  -Djava.util.logging.config.file=em-core/src/test/resources/logging.properties \
  -cp "em-spark/target/test-classes:em-spark/target/classes:$(cat "$cpfile")" \
  org.emkit.spark.measure.SparkOverhead "$@"
