package org.emkit.spark;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.cluster.ClusterMoments;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs Spark jobs on the shared local[2] test session: seconds, not milliseconds. */
@Tag("slow")
class SparkKMeansTest {

  static final Matrix X = SparkTests.blobs(2500, 3, 4, 5);

  static Matrix firstRows(int k) {
    return X.rows(0, k);
  }

  @Test
  void lloydFromGivenCentroidsMatchesTheSingleJvmFit() {
    KMeansMachine m = KMeansMachine.builder(4).initialCentroids(firstRows(4)).maxIterations(8)
        .convergenceThreshold(0).build();
    KMeansMachine expected = m.fit(X);
    try (FrameSet one = FrameSet.of(SparkTests.frames(X, 2500), "features");
        FrameSet many = FrameSet.of(SparkTests.frames(X, 300, 0, 1200, 1000), "features")) {
      KMeansMachine a = SparkKMeans.fit(one, m);
      assertEquals(expected.centroids(), a.centroids());
      assertArrayEquals(expected.report().objectives(), a.report().objectives());
      KMeansMachine b = SparkKMeans.fit(many.withFanIn(2), m);
      assertAllClose(expected.centroids(), b.centroids(), Tolerance.KERNEL_VS_ORACLE);
      assertAllClose(expected.report().objectives(), b.report().objectives(),
          Tolerance.KERNEL_VS_ORACLE);
      assertEquals(expected.report().iterations(), b.report().iterations());
      assertEquals(m.seed(), b.seed());
    }
  }

  @Test
  void emptyClustersAreReseededAtTheFarthestRowsAsOnOneJvm() {
    // two centroids far outside the data receive no row in the first iteration
    double[] c = firstRows(4).toArray();
    for (int j = 0; j < 3; j++) {
      c[2 * 3 + j] = 1e3;
      c[3 * 3 + j] = -1e3;
    }
    KMeansMachine m = KMeansMachine.builder(4).initialCentroids(Matrix.wrap(4, 3, c))
        .maxIterations(4).convergenceThreshold(0).build();
    KMeansMachine expected = m.fit(X);
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 1000, 0, 1500), "features")) {
      KMeansMachine a = SparkKMeans.fit(f, m);
      assertAllClose(expected.centroids(), a.centroids(), Tolerance.KERNEL_VS_ORACLE);
      KMeansMachine keep = SparkKMeans.fit(f, m.toBuilder().initialCentroids(Matrix.wrap(4, 3, c))
          .emptyClusterPolicy(KMeansMachine.EmptyClusterPolicy.KEEP_PREVIOUS).build());
      assertEquals(1e3, keep.centroid(2, 0));
    }
  }

  @Test
  void randomInitialisationDrawsTheSingleJvmRows() {
    KMeansMachine m = KMeansMachine.builder(4).init(KMeansMachine.Init.RANDOM).seed(8)
        .maxIterations(3).build();
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 700, 1800), "features")) {
      KMeansMachine expected = m.fit(X);
      KMeansMachine a = SparkKMeans.fit(f, m);
      assertAllClose(expected.centroids(), a.centroids(), Tolerance.KERNEL_VS_ORACLE);
    }
  }

  @Test
  void kmeansParallelIsReproducibleAndFindsTheBlobs() {
    KMeansMachine m = KMeansMachine.builder(4).seed(3).maxIterations(10).build();
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 800, 0, 900, 800), "features")) {
      KMeansMachine a = SparkKMeans.fit(f, m);
      KMeansMachine b = SparkKMeans.fit(f, m);
      assertEquals(a.centroids(), b.centroids());
      // the blobs have unit variance in 3-D: the objective is about 3 at the optimum
      double j = a.report().objectives()[a.report().iterations() - 1];
      assertTrue(j < 3.5, "objective " + j);
      KMeansMachine viaInit = SparkKMeans.fit(f, m.toBuilder()
          .initialCentroids(SparkKMeans.initialCentroids(f, m)).build());
      assertEquals(a.centroids(), viaInit.centroids());
    }
  }

  @Test
  void distributedMomentsEqualTheSingleJvmVariancesAndWeights() {
    KMeansMachine km = KMeansMachine.builder(4).initialCentroids(firstRows(4)).maxIterations(5)
        .build().fit(X);
    ClusterMoments e = km.variancesAndWeights(X);
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 2500), "features");
        FrameSet g = FrameSet.of(SparkTests.frames(X, 1250, 0, 1250), "features")) {
      ClusterMoments a = SparkKMeans.variancesAndWeights(f, km);
      assertArrayEquals(e.weights(), a.weights());
      assertEquals(e.variances(), a.variances());
      ClusterMoments b = SparkKMeans.variancesAndWeights(g, km);
      assertArrayEquals(e.weights(), b.weights());
      assertAllClose(e.variances(), b.variances(), Tolerance.KERNEL_VS_ORACLE);
    }
  }

  @Test
  void kmeansPlusPlusIsRefusedWithTheRemedy() {
    KMeansMachine m = KMeansMachine.builder(4).init(KMeansMachine.Init.KMEANS_PLUS_PLUS).build();
    try (FrameSet f = FrameSet.of(SparkTests.frames(X, 2500), "features")) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> SparkKMeans.fit(f, m));
      assertTrue(e.getMessage().contains("KMEANS_PARALLEL"), e.getMessage());
    }
  }
}
