package org.emkit.bench;

import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.mixture.GMMMachine;

/**
 * Synthetic workloads shaped like the peer benchmark's W1 (see
 * {@code shared/bench/peers/common/gen_data.py}): frames drawn from a random diagonal GMM with
 * means ~ N(0, 0.4²), variances ~ U(0.3, 1) and weights ~ U(0.5, 1.5) normalised; the initial
 * model uses K distinct data rows as means, the global variance of each feature and uniform
 * weights. Generated from a fixed seed with numpy's legacy generator, once per trial.
 */
public final class BenchData {

  /** Frames, N×D. */
  public final Matrix x;
  /** The initial model (EM starts here every time). */
  public final GMMMachine init;

  private BenchData(Matrix x, GMMMachine init) {
    this.x = x;
    this.init = init;
  }

  /**
   * @param n frames
   * @param d features
   * @param k components
   * @param seed RNG seed
   * @return the workload
   */
  public static BenchData gmm(int n, int d, int k, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[] means = r.normal(0, 0.4, k * d);
    double[] vars = new double[k * d];
    for (int q = 0; q < vars.length; q++) {
      vars[q] = r.uniform(0.3, 1.0);
    }
    double[] w = new double[k];
    double sum = 0;
    for (int c = 0; c < k; c++) {
      w[c] = r.uniform(0.5, 1.5);
      sum += w[c];
    }
    for (int c = 0; c < k; c++) {
      w[c] /= sum;
    }
    int[] comp = r.choice(w, n);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int c = comp[i];
      for (int j = 0; j < d; j++) {
        x[i * d + j] = means[c * d + j] + Math.sqrt(vars[c * d + j]) * r.randn();
      }
    }
    int[] rows = r.choice(n, k, false);
    java.util.Arrays.sort(rows);
    double[] initMeans = new double[k * d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(x, rows[c] * d, initMeans, c * d, d);
    }
    double[] mean = new double[d];
    double[] gvar = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[i * d + j] / n;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double e = x[i * d + j] - mean[j];
        gvar[j] += e * e / n;
      }
    }
    double[] initVars = new double[k * d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(gvar, 0, initVars, c * d, d);
    }
    double[] uniform = new double[k];
    java.util.Arrays.fill(uniform, 1.0 / k);
    GMMMachine init = GMMMachine.builder(k).weights(uniform).means(Matrix.wrap(k, d, initMeans))
        .variances(Matrix.wrap(k, d, initVars))
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .build();
    return new BenchData(Matrix.wrap(n, d, x), init);
  }

  /**
   * @param size "small" (4096×16, K=16), "medium" (20000×64, K=64) or "w1" (200000×64, K=256)
   * @return the workload
   */
  public static BenchData gmm(String size) {
    switch (size) {
      case "small":
        return gmm(4096, 16, 16, 20240611L);
      case "medium":
        return gmm(20000, 64, 64, 20240611L);
      case "w1":
        return gmm(200000, 64, 256, 20240611L);
      default:
        throw new IllegalArgumentException("BenchData: size must be in {small, medium, w1}, got " + size);
    }
  }
}
