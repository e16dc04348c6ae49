package org.emkit.fisher;

import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.mixture.GMMMachine;

/** Seeded random models and descriptor sets for the fisher tests. */
final class Fixtures {

  private Fixtures() {}

  /**
   * A random diagonal GMM: means N(offset, spread²), variances U(0.3, 2), weights U(0.2, 1)
   * normalised.
   */
  static GMMMachine gmm(int k, int d, double offset, double spread, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[] w = new double[k];
    double sum = 0;
    for (int c = 0; c < k; c++) {
      w[c] = 0.2 + 0.8 * r.rand();
      sum += w[c];
    }
    for (int c = 0; c < k; c++) {
      w[c] /= sum;
    }
    double[] mu = new double[k * d];
    double[] var = new double[k * d];
    for (int i = 0; i < k * d; i++) {
      mu[i] = offset + spread * r.randn();
      var[i] = 0.3 + 1.7 * r.rand();
    }
    return GMMMachine.fromParameters(w, Matrix.wrap(k, d, mu), Matrix.wrap(k, d, var));
  }

  /** n descriptors drawn from the GMM, plus Gaussian noise of the given scale. */
  static Matrix sample(GMMMachine gmm, int n, double noise, long seed) {
    Matrix x = gmm.sample(n, seed);
    NumpyRandom r = new NumpyRandom(seed + 1);
    double[] a = x.toArray();
    for (int i = 0; i < a.length; i++) {
      a[i] += noise * r.randn();
    }
    return Matrix.wrap(n, gmm.numFeatures(), a);
  }

  /** Uniform random positions in a width×height image. */
  static Matrix positions(int n, double width, double height, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[] c = new double[2 * n];
    for (int i = 0; i < n; i++) {
      c[2 * i] = width * r.rand();
      c[2 * i + 1] = height * r.rand();
    }
    return Matrix.wrap(n, 2, c);
  }

  static int sum(int[] lengths) {
    int s = 0;
    for (int v : lengths) {
      s += v;
    }
    return s;
  }

  /** Rows [from, to) as a double[][] (for the naive oracles). */
  static double[][] rows(Matrix x, int from, int to) {
    double[][] out = new double[to - from][];
    for (int i = from; i < to; i++) {
      out[i - from] = x.row(i);
    }
    return out;
  }
}
