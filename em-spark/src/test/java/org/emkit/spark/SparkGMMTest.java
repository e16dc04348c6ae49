package org.emkit.spark;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs Spark jobs on the shared local[2] test session: seconds, not milliseconds. */
@Tag("slow")
class SparkGMMTest {

  static final Matrix X = SparkTests.blobs(3000, 4, 3, 11);

  /** A starting machine: three data rows as means, unit variances, uniform weights. */
  static GMMMachine start() {
    double[] mu = new double[3 * 4];
    for (int c = 0; c < 3; c++) {
      System.arraycopy(X.row(c * 997), 0, mu, c * 4, 4);
    }
    double[] var = new double[12];
    java.util.Arrays.fill(var, 1.0);
    return GMMMachine.builder(3).weights(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3})
        .means(Matrix.wrap(3, 4, mu)).variances(Matrix.wrap(3, 4, var))
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .maxIterations(6).convergenceThreshold(0).build();
  }

  @Test
  void transformWithOnePartitionIsBitwiseTheSingleJvmEStep() {
    GMMMachine m = start();
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 3000), "features", "key")) {
      assertEquals(m.transform(X), SparkGMM.transform(f, m));
    }
  }

  @Test
  void transformOverUnevenPartitionsWithAnEmptyOneMatchesTheSingleJvmEStep() {
    GMMMachine m = start();
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 700, 0, 1500, 800), "features", "key")) {
      assertEquals(4, f.numPartitions());
      assertArrayEquals(new long[] {700, 0, 1500, 800}, f.partitionRows());
      GMMStats expected = m.transform(X);
      GMMStats actual = SparkGMM.transform(f, m);
      assertEquals(expected.t(), actual.t());
      assertAllClose(expected.n(), actual.n(), Tolerance.KERNEL_VS_ORACLE);
      assertAllClose(expected.sumPx(), actual.sumPx(), Tolerance.KERNEL_VS_ORACLE);
      assertAllClose(expected.sumPxx(), actual.sumPxx(), Tolerance.KERNEL_VS_ORACLE);
      assertAllClose(new double[] {expected.logLikelihood()},
          new double[] {actual.logLikelihood()}, Tolerance.KERNEL_VS_ORACLE);
    }
  }

  @Test
  void mlFitMatchesTheSingleJvmFitForAnyPartitioningAndTreeFanIn() {
    GMMMachine m = start();
    GMMMachine expected = m.fit(X);
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 400, 600, 0, 900, 300, 800), "features")) {
      for (FrameSet g : List.of(f, f.withFanIn(2))) {
        GMMMachine actual = SparkGMM.fit(g, m);
        assertAllClose(expected.weights(), actual.weights(), Tolerance.KERNEL_VS_ORACLE);
        assertAllClose(expected.means(), actual.means(), Tolerance.KERNEL_VS_ORACLE);
        assertAllClose(expected.variances(), actual.variances(), Tolerance.KERNEL_VS_ORACLE);
        FitReport r = actual.report();
        assertEquals(expected.report().iterations(), r.iterations());
        assertEquals(expected.report().converged(), r.converged());
        assertAllClose(expected.report().objectives(), r.objectives(), Tolerance.KERNEL_VS_ORACLE);
      }
    }
  }

  @Test
  void mlFitWithOnePartitionIsBitwiseTheSingleJvmFit() {
    GMMMachine m = start();
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 3000), "features")) {
      GMMMachine actual = SparkGMM.fit(f, m);
      GMMMachine expected = m.fit(X);
      assertEquals(expected, actual);
      assertArrayEquals(expected.report().objectives(), actual.report().objectives());
    }
  }

  @Test
  void fitIsBitwiseReproducibleForAFixedPartitioning() {
    GMMMachine m = start();
    GMMMachine first;
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 1000, 0, 2000), "features")) {
      first = SparkGMM.fit(f.withFanIn(2), m);
    }
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 1000, 0, 2000), "features")) {
      GMMMachine second = SparkGMM.fit(f.withFanIn(2), m);
      assertEquals(first, second);
      assertArrayEquals(first.report().objectives(), second.report().objectives());
    }
  }

  @Test
  void mapAdaptationMatchesTheSingleJvmFit() {
    GMMMachine ubm = start().fit(X);
    Matrix client = X.rows(0, 500);
    GMMMachine map = GMMMachine.map(ubm).relevanceFactor(4).maxIterations(2)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.WEIGHTS).build();
    GMMMachine expected = map.fit(client);
    try (FrameSet f = FrameSet.of(SparkTests.frames(client, 100, 0, 400), "features")) {
      GMMMachine actual = SparkGMM.fit(f, map);
      assertEquals(GMMMachine.Trainer.MAP, actual.trainer());
      assertAllClose(expected.means(), actual.means(), Tolerance.KERNEL_VS_ORACLE);
      assertAllClose(expected.weights(), actual.weights(), Tolerance.KERNEL_VS_ORACLE);
      assertEquals(ubm.variances(), actual.variances());
    }
  }

  @Test
  void aNaNRowFailsTheJobWithItsKeyNamed() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      double[] v = X.row(i);
      if (i == 37) {
        v[2] = Double.NaN;
      }
      rows.add(RowFactory.create("utt-" + i, SparkTests.toList(v)));
    }
    NonFiniteRowException e = assertThrows(NonFiniteRowException.class,
        () -> FrameSet.of(SparkTests.frames(rows, SparkTests.FRAMES, 20, 30), "features", "key"));
    assertEquals("utt-37", e.key());
    assertTrue(e.getMessage().contains("key=utt-37"), e.getMessage());
    assertTrue(e.getMessage().contains("element 2 is NaN"), e.getMessage());
  }

  @Test
  void kmeansInitialisationBuildsTheGmmFromDistributedMoments() {
    GMMMachine m = GMMMachine.builder(3).maxIterations(3).seed(5)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .build();
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 1000, 2000), "features")) {
      GMMMachine fitted = SparkGMM.fit(f, m);
      // three well-separated blobs: every component takes about a third of the frames
      for (double w : fitted.weights()) {
        assertTrue(w > 0.2 && w < 0.5, "weight " + w);
      }
      assertEquals(3, fitted.report().iterations());
    }
  }
}
