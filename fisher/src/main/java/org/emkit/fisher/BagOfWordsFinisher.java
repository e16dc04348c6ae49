package org.emkit.fisher;

import java.util.Arrays;
import org.emkit.mixture.GMMStats;

/** Histogram h_k = n_k (or n_k / T), then power and L2. */
final class BagOfWordsFinisher implements Finisher {

  private final int numComponents;
  private final BagOfWordsOptions options;

  BagOfWordsFinisher(int numComponents, BagOfWordsOptions options) {
    this.numComponents = numComponents;
    this.options = options;
  }

  @Override
  public int length() {
    return numComponents;
  }

  @Override
  public VectorNormalization finalNormalization() {
    return options.l2();
  }

  @Override
  public void finish(GMMStats stats, double[] out, int offset, boolean finalNormalization) {
    long t = stats.t();
    if (t == 0) {
      Arrays.fill(out, offset, offset + numComponents, 0.0);
      return;
    }
    boolean freq = options.weighting() == TermWeighting.FREQUENCIES;
    double total = t;
    for (int k = 0; k < numComponents; k++) {
      out[offset + k] = freq ? stats.n(k) / total : stats.n(k);
    }
    options.power().apply(out, offset, numComponents);
    if (finalNormalization) {
      options.l2().apply(out, offset, numComponents);
    }
  }
}
