package org.emkit.io.hdf5;

import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/** Seeded models for persistence tests. */
final class Fixtures {

  private Fixtures() {}

  /**
   * @param seed RNG seed
   * @param n rows
   * @param d columns
   * @return n×d standard normal data
   */
  static Matrix data(long seed, int n, int d) {
    NumpyRandom rng = new NumpyRandom(seed);
    double[] v = new double[n * d];
    for (int k = 0; k < v.length; k++) {
      v[k] = rng.randn() + (k % d);
    }
    return Matrix.wrap(n, d, v);
  }

  /**
   * @param seed RNG seed
   * @param c components
   * @param d features
   * @return a fitted ML machine with parameters that have full 64-bit mantissas
   */
  static GMMMachine ubm(long seed, int c, int d) {
    NumpyRandom rng = new NumpyRandom(seed);
    double[] w = new double[c];
    double sum = 0;
    for (int k = 0; k < c; k++) {
      w[k] = 0.1 + rng.rand();
      sum += w[k];
    }
    for (int k = 0; k < c; k++) {
      w[k] /= sum;
    }
    double[] mu = new double[c * d];
    double[] var = new double[c * d];
    for (int k = 0; k < mu.length; k++) {
      mu[k] = 3 * rng.randn();
      var[k] = 0.05 + rng.rand();
    }
    return GMMMachine.builder(c).weights(w).means(Matrix.wrap(c, d, mu))
        .variances(Matrix.wrap(c, d, var)).build();
  }

  /**
   * @param ubm a fitted machine
   * @param seed data seed
   * @return statistics of 50 frames under {@code ubm}
   */
  static GMMStats stats(GMMMachine ubm, long seed) {
    return ubm.transform(data(seed, 50, ubm.numFeatures()));
  }
}
