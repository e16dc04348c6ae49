package org.emkit.bench;

import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.mixture.GMMMachine;
import org.emkit.testing.SyntheticGmm;

/**
 * Encoding workloads shaped like the peer benchmark's W2 (500 sets of 1000 descriptors, D = 64,
 * K = 256): a random diagonal GMM with means ~ N(0, 0.4²), variances ~ U(0.3, 1) and weights ~
 * U(0.5, 1.5) normalised (the distribution of {@link BenchData}), and descriptor sets drawn from
 * it. The encoders use this generating GMM. {@code fisher/src/test/c/vlfeat_peer.c}'s
 * {@code time-fisher-synthetic} mode draws the same distribution (with its own generator) to
 * time VLFeat beside these benchmarks.
 */
public final class FisherData {

  /** The GMM (also the VLAD/BoW centres, its means). */
  public final GMMMachine gmm;
  /** All descriptors, (sets·T)×D. */
  public final Matrix x;
  /** Set lengths (all T). */
  public final int[] setLengths;

  private FisherData(GMMMachine gmm, Matrix x, int[] setLengths) {
    this.gmm = gmm;
    this.x = x;
    this.setLengths = setLengths;
  }

  /**
   * @param sets number of sets
   * @param t descriptors per set
   * @param d features
   * @param k components
   * @param seed RNG seed
   * @return the workload
   */
  public static FisherData of(int sets, int t, int d, int k, long seed) {
    GMMMachine gmm = SyntheticGmm.draw(new NumpyRandom(seed), k, d).machine();
    Matrix x = gmm.sample(sets * t, seed + 1);
    int[] lengths = new int[sets];
    java.util.Arrays.fill(lengths, t);
    return new FisherData(gmm, x, lengths);
  }

  /**
   * @param size "small" (8 sets of 256, D=16, K=16) or "w2" (20 sets of 1000, D=64, K=256)
   * @return the workload
   */
  public static FisherData of(String size) {
    switch (size) {
      case "small":
        return of(8, 256, 16, 16, 20240611L);
      case "w2":
        return of(20, 1000, 64, 256, 20240611L);
      default:
        throw new IllegalArgumentException("FisherData: size must be in {small, w2}, got " + size);
    }
  }
}
