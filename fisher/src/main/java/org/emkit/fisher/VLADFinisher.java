package org.emkit.fisher;

import java.util.Arrays;
import org.emkit.mixture.GMMStats;

/**
 * VLAD from assignment statistics about the centres: \( v_k = r_k = \sum_t q_t(k)(x_t - c_k) \)
 * (or \( r_k / n_k \) with mass normalisation; zero if \( n_k = 0 \)), then power, intra and
 * global L2, in VLFeat's order ({@code vl/vlad.c}; VLFeat forms \( \sum q x - n c \) from raw
 * sums, which cancels for data far from the origin).
 */
final class VLADFinisher implements Finisher {

  private final int numComponents;
  private final int numFeatures;
  private final VLADOptions options;

  VLADFinisher(int numComponents, int numFeatures, VLADOptions options) {
    this.numComponents = numComponents;
    this.numFeatures = numFeatures;
    this.options = options;
  }

  @Override
  public int length() {
    return numComponents * numFeatures;
  }

  @Override
  public VectorNormalization finalNormalization() {
    return options.global();
  }

  @Override
  public void finish(GMMStats stats, double[] out, int offset, boolean finalNormalization) {
    int d = numFeatures;
    if (stats.t() == 0) {
      Arrays.fill(out, offset, offset + length(), 0.0);
      return;
    }
    boolean massNorm = options.mass() == MassNormalization.COMPONENT_MASS;
    for (int k = 0; k < numComponents; k++) {
      double mass = stats.n(k);
      int o = offset + k * d;
      for (int j = 0; j < d; j++) {
        // r = Σ_t q_t(k)(x_t − c_k), accumulated about the centre
        double r = stats.sumPx(k, j);
        if (!(mass > 0)) {
          out[o + j] = 0.0;
        } else if (massNorm) {
          out[o + j] = r / mass;
        } else {
          out[o + j] = r;
        }
      }
      options.power().apply(out, o, d);
      options.intra().apply(out, o, d);
    }
    if (finalNormalization) {
      options.global().apply(out, offset, length());
    }
  }
}
