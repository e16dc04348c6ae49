package org.emkit.cluster;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.testing.ReferenceData;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * bob.learn.em parity of k-means (SPEC §2, §11.2) and the golden traces {@code kmeans_pp} and
 * {@code kmeans_fixed_init} (SPEC §11.4).
 */
@Tag("parity")
class KMeansMachineParityTest {

  static Matrix data() {
    return ReferenceData.npyMatrix("inputs/kmeans_fit_data_seed0_4000x3.npy");
  }

  /** Rows sorted by their first coordinate, as bob's tests compare centroids. */
  static double[] sortedRows(Matrix m) {
    double[][] rows = m.toArray2d();
    Arrays.sort(rows, Comparator.comparingDouble(r -> r[0]));
    return Matrix.of(rows).data();
  }

  @Test
  void plusPlusGoldenTraceStepByStep() {
    Matrix x = data();
    Matrix init = ReferenceData.npyMatrix("golden/kmeans_pp/init_centroids.npy");
    double[] centroids = ReferenceData.npyValues("golden/kmeans_pp/centroids_per_step.npy");
    double[] dist = ReferenceData.npyValues("golden/kmeans_pp/average_min_distance_per_step.npy");
    KMeansMachine.Builder b = KMeansMachine.builder(2).initialCentroids(init);
    KMeansMachine full = b.build().fit(x);
    assertEquals(7, full.report().iterations(), "bob's trace has 7 steps");
    // bob reports (mean min distance)/N (SPEC §2.4); emkit reports the true mean
    double[] bobScaled = full.report().objectives();
    for (int k = 0; k < bobScaled.length; k++) {
      bobScaled[k] /= x.rows();
    }
    assertAllClose(dist, bobScaled, Tolerance.BOB_PARITY, "average min distance");
    for (int step = 1; step <= 7; step++) {
      KMeansMachine m = b.maxIterations(step).build().fit(x);
      double[] expected = new double[6];
      System.arraycopy(centroids, (step - 1) * 6, expected, 0, 6);
      assertAllClose(expected, m.centroids().data(), Tolerance.BOB_PARITY, "step " + step);
    }
    ClusterMoments mom = full.variancesAndWeights(x);
    assertAllClose(ReferenceData.npyValues("golden/kmeans_pp/final_variances.npy"),
        mom.variances().data(), Tolerance.BOB_PARITY);
    assertAllClose(ReferenceData.npyValues("golden/kmeans_pp/final_weights.npy"), mom.weights(),
        Tolerance.BOB_PARITY);
  }

  @Test
  void plusPlusInitialisationReproducesSklearnOnNumpyStream() {
    KMeansMachine m = KMeansMachine.builder(2).init(KMeansMachine.Init.KMEANS_PLUS_PLUS)
        .maxIterations(1).build();
    // one iteration from the k-means++ centres equals one iteration from the golden init
    KMeansMachine fromGolden = KMeansMachine.builder(2)
        .initialCentroids(ReferenceData.npyMatrix("golden/kmeans_pp/init_centroids.npy"))
        .maxIterations(1).build();
    assertAllClose(fromGolden.fit(data()).centroids(), m.fit(data()).centroids(), Tolerance.EXACT);
  }

  @Test
  void fixedInitGoldenAndGmmInitialisedFromIt() {
    Matrix x = data();
    Matrix init = ReferenceData.npyMatrix("golden/kmeans_fixed_init/init_centroids.npy");
    assertAllClose(init, x.selectRows(new int[] {10, 3000}), Tolerance.EXACT, "rows 10 and 3000");
    KMeansMachine km = KMeansMachine.builder(2).initialCentroids(init).build();
    KMeansMachine fitted = km.fit(x);
    assertAllClose(ReferenceData.npyValues("golden/kmeans_fixed_init/final_centroids.npy"),
        fitted.centroids().data(), Tolerance.BOB_PARITY);
    ClusterMoments mom = fitted.variancesAndWeights(x);
    assertAllClose(ReferenceData.npyValues("golden/kmeans_fixed_init/final_variances.npy"),
        mom.variances().data(), Tolerance.BOB_PARITY);
    assertAllClose(ReferenceData.npyValues("golden/kmeans_fixed_init/final_weights.npy"),
        mom.weights(), Tolerance.BOB_PARITY);
    GMMMachine gmm = GMMMachine.builder(2).kmeans(km).maxIterations(10).convergenceThreshold(0)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .build().fit(x);
    assertEquals(10, gmm.report().iterations());
    assertAllClose(ReferenceData.npyValues("golden/kmeans_fixed_init/gmm_ml10_means.npy"),
        gmm.means().data(), Tolerance.BOB_PARITY);
    assertAllClose(ReferenceData.npyValues("golden/kmeans_fixed_init/gmm_ml10_variances.npy"),
        gmm.variances().data(), Tolerance.BOB_PARITY);
    assertAllClose(ReferenceData.npyValues("golden/kmeans_fixed_init/gmm_ml10_weights.npy"),
        gmm.weights(), Tolerance.BOB_PARITY);
  }

  @Test
  void bobFitTestsWithPlusPlusAndRandomInit() {
    Matrix x = data();
    double[] expectedPp = {-1.07173464, -1.06200356, -1.00724920, 0.99479125, 0.99665564, 0.97689017};
    KMeansMachine pp = KMeansMachine.builder(2).init(KMeansMachine.Init.KMEANS_PLUS_PLUS).build().fit(x);
    assertAllClose(expectedPp, sortedRows(pp.centroids()), Tolerance.BOB_DECIMAL_7, "k-means++");
    KMeansMachine par = KMeansMachine.builder(2).build().fit(x);
    assertAllClose(expectedPp, sortedRows(par.centroids()), Tolerance.BOB_DECIMAL_7, "k-means||");
    double[] expectedRandom = {-1.07329460, -1.06207104, -1.00714365, 0.99529015, 0.99570570, 0.97580858};
    KMeansMachine rnd = KMeansMachine.builder(2).init(KMeansMachine.Init.RANDOM).build().fit(x);
    assertAllClose(expectedRandom, sortedRows(rnd.centroids()), Tolerance.BOB_DECIMAL_7, "random");
    KMeansMachine.builder(2).maxIterations(2).build().fit(x); // bob: max_iter=2 must run
  }
}
