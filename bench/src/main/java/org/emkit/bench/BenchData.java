package org.emkit.bench;

import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.mixture.GMMMachine;
import org.emkit.testing.SyntheticGmm;

/**
 * Synthetic workloads shaped like the peer benchmark's W1 (see
 * {@code shared/bench/peers/common/gen_data.py}): frames drawn from a random diagonal GMM with
 * means ~ N(0, 0.4²), variances ~ U(0.3, 1) and weights ~ U(0.5, 1.5) normalised; the initial
 * model uses K distinct data rows as means, the global variance of each feature and uniform
 * weights. Generated from a fixed seed with numpy's legacy generator, once per trial, by
 * {@link SyntheticGmm} (em-core's test support, shared with em-spark's measurements).
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
    double[] x = SyntheticGmm.draw(r, k, d).frames(r, n);
    GMMMachine init = SyntheticGmm.initialModel(r, x, n, d, k).build();
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
