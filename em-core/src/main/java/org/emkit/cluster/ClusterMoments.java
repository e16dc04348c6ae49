package org.emkit.cluster;

import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Per-cluster variances (K×D) and weights (K) of a data set under a k-means partition, as
 * returned by {@link KMeansMachine#variancesAndWeights(Matrix)}. Immutable; accessors copy.
 */
public final class ClusterMoments {

  private final Matrix variances;
  private final double[] weights;

  ClusterMoments(Matrix variances, double[] weights) {
    this.variances = variances;
    this.weights = weights;
  }

  /**
   * Moments from per-cluster sums (for sums accumulated elsewhere, for example merged over the
   * partitions of a distributed data set): for cluster c with count n_c, sum s_c and
   * element-wise square sum q_c, {@code weights_c = n_c / Σ n}, {@code mean_c = s_c / n_c} and
   * {@code variances_c = q_c / n_c − mean_c²} (biased, no floor); a cluster with n_c = 0 gets
   * weight 0 and variance 0. {@link KMeansMachine#variancesAndWeights(Matrix)} is this applied
   * to the sums of its assignment.
   *
   * @param counts n, length K, non-negative with a positive sum; not modified
   * @param sums s, K×D; not modified
   * @param squares q, K×D; not modified
   * @return the moments
   */
  public static ClusterMoments fromSums(double[] counts, Matrix sums, Matrix squares) {
    String owner = "ClusterMoments.fromSums";
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(sums, "sums");
    Objects.requireNonNull(squares, "squares");
    int k = counts.length;
    int d = sums.cols();
    Check.shape(owner, "sums", sums, k, d);
    Check.shape(owner, "squares", squares, k, d);
    Check.nonNegative(owner, "counts", counts);
    double total = 0;
    for (double v : counts) {
      total += v;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException(owner + ": counts must have a positive sum, got " + total);
    }
    double[] sum = sums.data();
    double[] sq = squares.data();
    double[] weights = new double[k];
    double[] variances = new double[k * d];
    for (int c = 0; c < k; c++) {
      weights[c] = counts[c] / total;
      if (counts[c] == 0) {
        continue;
      }
      for (int j = 0; j < d; j++) {
        double mean = sum[c * d + j] / counts[c];
        variances[c * d + j] = sq[c * d + j] / counts[c] - mean * mean;
      }
    }
    return new ClusterMoments(Matrix.wrap(k, d, variances), weights);
  }

  /** @return a copy of the per-cluster variances, K×D */
  public Matrix variances() {
    return Matrix.copyOf(variances.rows(), variances.cols(), variances.data());
  }

  /** @return a copy of the cluster weights (fractions of rows), length K */
  public double[] weights() {
    return weights.clone();
  }
}
