package org.emkit.spark;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.emkit.core.Matrix;
import org.emkit.fa.IVectorMachine;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs Spark jobs on the shared local[2] test session: seconds, not milliseconds. */
@Tag("slow")
class SparkIVectorTest {

  /** Sessions' statistics from Spark, in their row order, and the same as emkit objects. */
  static Dataset<Row> stats(GMMMachine ubm, int partitions) {
    return SparkSets.statistics(KeyedSets.fromFrames(SparkSetsTest.longRows(), "key",
        "features"), ubm).repartition(partitions).sortWithinPartitions("key");
  }

  static List<GMMStats> sessions(Dataset<Row> stats, int c, int d) {
    List<GMMStats> out = new ArrayList<>();
    for (Row r : stats.collectAsList()) {
      out.add(SparkIVector.readStats("test", r, 1, c, d, "key"));
    }
    return out;
  }

  @Test
  void trainingMatchesTheSingleJvmFitAndIsBitwiseWithOnePartition() {
    GMMMachine ubm = SparkSetsTest.ubm();
    IVectorMachine m = IVectorMachine.builder(ubm, 2).iterations(3).minimumDivergence(true)
        .seed(4).build();
    Dataset<Row> one = stats(ubm, 1).cache();
    IVectorMachine expected = m.fit(sessions(one, 2, 3));
    IVectorMachine single = SparkIVector.fit(one, m);
    assertArrayEquals(expected.t().toArray(), single.t().toArray());
    assertArrayEquals(expected.sigma().toArray(), single.sigma().toArray());
    assertEquals(3, single.report().iterations());
    Dataset<Row> three = stats(ubm, 3).cache();
    IVectorMachine expected3 = m.fit(sessions(three, 2, 3));
    IVectorMachine multi = SparkIVector.fit(three, m);
    assertAllClose(expected3.t(), multi.t(), Tolerance.KERNEL_VS_ORACLE);
    assertAllClose(expected3.sigma(), multi.sigma(), Tolerance.KERNEL_VS_ORACLE);
    assertAllClose(expected3.report().objectives(), multi.report().objectives(),
        Tolerance.KERNEL_VS_ORACLE);
    IVectorMachine again = SparkIVector.fit(three, m);
    assertArrayEquals(multi.t().toArray(), again.t().toArray());
  }

  @Test
  void extractionIsBitwiseTheSingleJvmIVectors() {
    GMMMachine ubm = SparkSetsTest.ubm();
    IVectorMachine m = IVectorMachine.builder(ubm, 2).iterations(2).seed(9).build();
    Dataset<Row> st = stats(ubm, 2).cache();
    List<GMMStats> list = sessions(st, 2, 3);
    Matrix expected = m.transform(list);
    List<Row> keys = st.select("key").collectAsList();
    Map<String, Row> got = SparkSetsTest.byKey(SparkIVector.transform(st, "key", m));
    for (int s = 0; s < list.size(); s++) {
      assertArrayEquals(expected.row(s),
          SparkSetsTest.doubles(got.get(keys.get(s).getString(0)), 1));
    }
  }
}
