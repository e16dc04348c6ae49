package org.emkit.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.DimensionMismatchException;
import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The public hooks that let k-means run elsewhere (em-spark): candidate reduction of k-means||,
 * fitted machines from centroids and a report, statistics and moments from values.
 */
class KMeansDistributedHooksTest {

  @Test
  void candidateReductionOfTwoSeparatedPairsGivesTheirWeightedMeans() {
    // candidates: two pairs far apart; the result must be each pair's weighted mean
    Matrix cand = Matrix.of(new double[][] {{0, 0}, {1, 0}, {100, 100}, {100, 103}});
    double[] w = {3, 1, 1, 2};
    Matrix mu = KMeansMachine.builder(2).seed(7).build().initialCentroidsFromCandidates(cand, w);
    double[][] expected = {{0.25, 0}, {100, 102}};
    boolean firstIsLow = mu.get(0, 0) < 50;
    NumericAssert.assertAllClose(expected[firstIsLow ? 0 : 1], mu.row(0), Tolerance.KERNEL_VS_ORACLE);
    NumericAssert.assertAllClose(expected[firstIsLow ? 1 : 0], mu.row(1), Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void candidateReductionIsAWeightedLloydFixedPointAndDeterministic() {
    NumpyRandom r = new NumpyRandom(3);
    Matrix cand = Matrix.wrap(40, 3, r.normal(0, 1, 120));
    double[] w = r.rand(40);
    KMeansMachine m = KMeansMachine.builder(4).seed(11).build();
    Matrix mu = m.initialCentroidsFromCandidates(cand, w);
    assertEquals(mu, m.initialCentroidsFromCandidates(cand, w));
    // naive oracle: every centre is the weighted mean of the candidates nearest to it
    double[] sums = new double[12];
    double[] mass = new double[4];
    for (int i = 0; i < 40; i++) {
      int best = 0;
      double bd = Double.POSITIVE_INFINITY;
      for (int c = 0; c < 4; c++) {
        double dd = 0;
        for (int j = 0; j < 3; j++) {
          double e = cand.get(i, j) - mu.get(c, j);
          dd += e * e;
        }
        if (dd < bd) {
          bd = dd;
          best = c;
        }
      }
      mass[best] += w[i];
      for (int j = 0; j < 3; j++) {
        sums[best * 3 + j] += w[i] * cand.get(i, j);
      }
    }
    for (int c = 0; c < 4; c++) {
      for (int j = 0; j < 3; j++) {
        NumericAssert.assertClose(sums[c * 3 + j] / mass[c], mu.get(c, j), Tolerance.KERNEL_VS_ORACLE);
      }
    }
  }

  @Test
  void candidateReductionRejectsBadInputsNamingTheParameter() {
    KMeansMachine m = KMeansMachine.builder(3).build();
    Matrix two = Matrix.of(new double[][] {{0}, {1}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.initialCentroidsFromCandidates(two, new double[] {1, 1}));
    assertTrue(e.getMessage().contains("candidates") && e.getMessage().contains("2"), e.getMessage());
    Matrix three = Matrix.of(new double[][] {{0}, {1}, {2}});
    e = assertThrows(IllegalArgumentException.class,
        () -> m.initialCentroidsFromCandidates(three, new double[] {1, -1, 1}));
    assertTrue(e.getMessage().contains("weights"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> m.initialCentroidsFromCandidates(three, new double[] {0, 0, 0}));
    assertTrue(e.getMessage().contains("positive sum"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> m.initialCentroidsFromCandidates(three, new double[] {1, 1}));
  }

  @Test
  void withCentroidsKeepsHyperparametersAndTakesTheReport() {
    KMeansMachine m = KMeansMachine.builder(2).seed(9).maxIterations(7).build();
    FitReport rep = new FitReport(3, true, false, new double[] {3, 2, 1});
    KMeansMachine f = m.withCentroids(Matrix.of(new double[][] {{1, 2}, {3, 4}}), rep);
    assertTrue(f.isFitted());
    assertEquals(9, f.seed());
    assertEquals(7, f.maxIterations());
    assertSame(rep, f.report());
    assertEquals(3.0, f.centroid(1, 0));
    assertThrows(DimensionMismatchException.class,
        () -> m.withCentroids(Matrix.of(new double[][] {{1, 2}}), rep));
  }

  @Test
  void initialCentroidsAccessorReturnsACopyOfTheGivenOnes() {
    Matrix c = Matrix.of(new double[][] {{1, 2}, {3, 4}});
    KMeansMachine m = KMeansMachine.builder(2).initialCentroids(c).build();
    assertEquals(c, m.initialCentroids().orElseThrow());
    m.initialCentroids().orElseThrow().data()[0] = 99;
    assertEquals(c, m.initialCentroids().orElseThrow());
    assertFalse(KMeansMachine.builder(2).build().initialCentroids().isPresent());
  }

  @Test
  void statsFromValuesRoundTripAndMergeLikeAccumulatedOnes() {
    NumpyRandom r = new NumpyRandom(5);
    Matrix x = Matrix.wrap(100, 2, r.normal(0, 1, 200));
    KMeansMachine km = KMeansMachine.fromCentroids(x.rows(0, 3));
    KMeansStats a = new KMeansStats(3, 2);
    km.accumulate(x.rows(0, 60), a);
    KMeansStats b = new KMeansStats(3, 2);
    km.accumulate(x.rows(60, 100), b);
    KMeansStats copy = KMeansStats.of(a.counts(), a.sums(), a.sumMinDistance(), a.numSamples());
    assertArrayEquals(a.counts(), copy.counts());
    assertEquals(a.sums(), copy.sums());
    assertEquals(a.sumMinDistance(), copy.sumMinDistance());
    assertEquals(a.numSamples(), copy.numSamples());
    KMeansStats all = new KMeansStats(3, 2);
    km.accumulate(x, all);
    copy.merge(b);
    NumericAssert.assertAllClose(all.sums().data(), copy.sums().data(), Tolerance.KERNEL_VS_ORACLE);
    assertEquals(100, copy.numSamples());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KMeansStats.of(new double[] {1, 2, 3}, a.sums(), -1, 3));
    assertTrue(e.getMessage().contains("sumMinDistance"), e.getMessage());
    assertThrows(DimensionMismatchException.class,
        () -> KMeansStats.of(new double[] {1, 2}, a.sums(), 0, 3));
  }

  @Test
  void numEmptyCountsClustersWithZeroCount() {
    Matrix sums = Matrix.of(new double[][] {{1}, {0}, {2}, {0}});
    assertEquals(2, KMeansStats.of(new double[] {1, 0, 2, 0}, sums, 0, 3).numEmpty());
    assertEquals(0, KMeansStats.of(new double[] {1, 1, 2, 3}, sums, 0, 7).numEmpty());
    assertEquals(4, new KMeansStats(4, 1).numEmpty());
  }

  @Test
  void momentsFromSumsEqualVariancesAndWeightsOnHandData() {
    // cluster 0: {0, 2} -> mean 1, variance 1; cluster 1: {10} -> variance 0; cluster 2 empty
    ClusterMoments m = ClusterMoments.fromSums(new double[] {2, 1, 0},
        Matrix.of(new double[][] {{2}, {10}, {0}}), Matrix.of(new double[][] {{4}, {100}, {0}}));
    assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3, 0}, m.weights());
    assertArrayEquals(new double[] {1, 0, 0}, m.variances().data());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterMoments.fromSums(new double[] {0, 0}, Matrix.zeros(2, 1), Matrix.zeros(2, 1)));
    assertTrue(e.getMessage().contains("positive sum"), e.getMessage());
  }
}
