package org.emkit.cluster;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.Tolerance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class KMeansMachineTest {

  @Test
  void transformAndPredictMatchBobTestKMeansMachine() {
    KMeansMachine m = KMeansMachine.fromCentroids(Matrix.of(new double[][] {{3, 70, 0}, {4, 72, 0}}));
    assertAllClose(new double[] {1, 6}, m.transform(Matrix.rowVector(3, 70, 1)).data(), Tolerance.EXACT);
    assertArrayEquals(new int[] {0}, m.predict(Matrix.rowVector(3, 70, 1)));
    assertArrayEquals(new int[] {0, 1}, m.predict(Matrix.of(new double[][] {{3, 70, 1}, {5, 72, 0}})));
    KMeansMachine moved = KMeansMachine.fromCentroids(Matrix.of(new double[][] {{4, 70, 0}, {4, 72, 0}}));
    assertNotEquals(m, moved);
    assertEquals(m, KMeansMachine.fromCentroids(m.centroids()));
  }

  @Test
  void variancesAndWeightsMatchBobHandCase() {
    KMeansMachine m = KMeansMachine.fromCentroids(Matrix.of(new double[][] {{1.2, 1.3}, {0.2, -0.3}}));
    ClusterMoments mom = m.variancesAndWeights(
        Matrix.of(new double[][] {{1, 1}, {1.2, 3}, {0, 0}, {0.3, 0.2}, {0.2, 0}}));
    assertAllClose(new double[] {0.01, 1.0, 0.01555556, 0.00888889}, mom.variances().data(), Tolerance.BOB_DECIMAL_7);
    assertAllClose(new double[] {0.4, 0.6}, mom.weights(), Tolerance.EXACT);
  }

  @Test
  void emptyClustersNeverProduceNaN() {
    Matrix x = Matrix.of(new double[][] {{0, 0}, {0.1, 0}, {10, 10}, {10.1, 10}, {20, 20}});
    Matrix init = Matrix.of(new double[][] {{0, 0}, {100, 100}, {10, 10}});
    for (KMeansMachine.EmptyClusterPolicy p : KMeansMachine.EmptyClusterPolicy.values()) {
      KMeansMachine m = KMeansMachine.builder(3).initialCentroids(init).emptyClusterPolicy(p).build().fit(x);
      for (double v : m.centroids().data()) {
        assertTrue(Double.isFinite(v), p + " produced " + v);
      }
      if (p == KMeansMachine.EmptyClusterPolicy.RESEED_FARTHEST) {
        // the empty centre moves to the farthest row, (20, 20), and keeps it
        assertAllClose(new double[] {20, 20}, m.centroids().row(1), Tolerance.EXACT);
      } else {
        assertAllClose(new double[] {100, 100}, m.centroids().row(1), Tolerance.EXACT);
      }
    }
  }

  @Test
  void errorsAreTypedAndNamed() {
    Matrix x = Matrix.wrap(10, 2, new NumpyRandom(0).randn(20));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KMeansMachine.builder(12).build().fit(x));
    assertEquals("KMeansMachine.fit: numClusters (12) exceeds number of samples N (10)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KMeansMachine.builder(0));
    assertEquals("KMeansMachine: numClusters must be in [1, inf), got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KMeansMachine.builder(2).convergenceThreshold(-1));
    assertEquals("KMeansMachine: convergenceThreshold must be in [0, inf), got -1.0", e.getMessage());
    Matrix inf = Matrix.of(new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 0}});
    e = assertThrows(IllegalArgumentException.class, () -> KMeansMachine.builder(1).build().fit(inf));
    assertEquals("KMeansMachine.fit: x[1, 0] is Infinity; inputs must be finite", e.getMessage());
    KMeansMachine fitted = KMeansMachine.builder(2).build().fit(x);
    DimensionMismatchException dm = assertThrows(DimensionMismatchException.class,
        () -> fitted.predict(Matrix.zeros(1, 3)));
    assertTrue(dm.getMessage().contains("3 columns") && dm.getMessage().contains("D = 2"));
    assertThrows(NotFittedException.class, () -> KMeansMachine.builder(2).build().predict(x));
    String s = KMeansMachine.builder(3).seed(7).build().toString();
    assertTrue(s.contains("numClusters=3") && s.contains("seed=7") && s.contains("init=KMEANS_PARALLEL"), s);
  }

  @Test
  void bitwiseIdenticalForAnyParallelismAndSeedDeterministic() {
    Matrix x = Matrix.wrap(6000, 3, new NumpyRandom(2).normal(0, 3, 18000));
    for (KMeansMachine.Init init : KMeansMachine.Init.values()) {
      KMeansMachine.Builder b = KMeansMachine.builder(5).init(init).seed(11);
      KMeansMachine one = b.parallelism(1).build().fit(x);
      assertEquals(one, b.parallelism(1).build().fit(x), "same seed, same result");
      for (int p : new int[] {2, 4}) {
        assertArrayEquals(one.centroids().data(), b.parallelism(p).build().fit(x).centroids().data(),
            init + " parallelism " + p);
      }
    }
  }

  @Property(tries = 40)
  void objectiveNeverIncreases(@ForAll @IntRange(min = 10, max = 64) int n, @ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll @IntRange(min = 1, max = 5) int k, @ForAll @LongRange(min = 0, max = 10000) long seed) {
    Matrix x = Matrix.wrap(n, d, new NumpyRandom(seed).normal(0, 1, n * d));
    KMeansMachine m = KMeansMachine.builder(k).init(KMeansMachine.Init.RANDOM).seed(seed)
        .convergenceThreshold(0).maxIterations(10).build().fit(x);
    double[] obj = m.report().objectives();
    for (int i = 1; i < obj.length; i++) {
      assertTrue(obj[i] <= obj[i - 1] * (1 + 1e-12), obj[i - 1] + " -> " + obj[i]);
    }
    assertTrue(m.meanMinDistance(x) <= obj[obj.length - 1] * (1 + 1e-12));
  }

  @Property(tries = 40)
  void centroidsAreEquivariantUnderAffineMaps(@ForAll @IntRange(min = 10, max = 64) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @LongRange(min = 0, max = 10000) long seed,
      @ForAll @DoubleRange(min = 0.5, max = 4) double a, @ForAll @DoubleRange(min = -5, max = 5) double b) {
    Matrix x = Matrix.wrap(n, d, new NumpyRandom(seed).normal(0, 1, n * d));
    double[] y = x.toArray();
    for (int i = 0; i < y.length; i++) {
      y[i] = a * y[i] + b;
    }
    KMeansMachine.Builder base = KMeansMachine.builder(3).init(KMeansMachine.Init.RANDOM).seed(seed);
    KMeansMachine mx = base.build().fit(x);
    KMeansMachine my = base.build().fit(Matrix.wrap(n, d, y));
    assertArrayEquals(mx.predict(x), my.predict(Matrix.wrap(n, d, y)));
    double[] expected = mx.centroids().toArray();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = a * expected[i] + b;
    }
    assertAllClose(expected, my.centroids().data(), new Tolerance(1e-9, 1e-9));
  }

  @Property(tries = 20)
  void fitLeavesInputUnchanged(@ForAll @IntRange(min = 5, max = 40) int n, @ForAll @LongRange(min = 0, max = 100) long seed) {
    Matrix x = Matrix.wrap(n, 2, new NumpyRandom(seed).normal(0, 1, 2 * n));
    double[] before = x.toArray();
    KMeansMachine.builder(2).seed(seed).build().fit(x);
    assertArrayEquals(before, x.data());
  }
}
