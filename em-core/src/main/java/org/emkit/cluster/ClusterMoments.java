package org.emkit.cluster;

import org.emkit.core.Matrix;

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

  /** @return a copy of the per-cluster variances, K×D */
  public Matrix variances() {
    return Matrix.copyOf(variances.rows(), variances.cols(), variances.data());
  }

  /** @return a copy of the cluster weights (fractions of rows), length K */
  public double[] weights() {
    return weights.clone();
  }
}
