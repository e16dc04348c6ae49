package org.emkit.fisher;

import java.util.Arrays;
import org.emkit.mixture.GMMStats;

/**
 * VLAD from assignment statistics: \( v_k = s_{1,k} - n_k c_k \) (or \( s_{1,k}/n_k - c_k \)
 * with mass normalisation; zero if \( n_k = 0 \)), then power, intra and global L2, in
 * VLFeat's order and with its arithmetic ({@code vl/vlad.c}).
 */
final class VLADFinisher implements Finisher {

  private final int numComponents;
  private final int numFeatures;
  private final double[] centres;
  private final VLADOptions options;

  VLADFinisher(double[] centres, int numComponents, int numFeatures, VLADOptions options) {
    this.centres = centres;
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
        double s1 = stats.sumPx(k, j);
        double c = centres[k * d + j];
        if (!(mass > 0)) {
          out[o + j] = 0.0;
        } else if (massNorm) {
          // VLFeat: enc /= mass; enc -= mean
          out[o + j] = s1 / mass - c;
        } else {
          // Σ q (x − c) = Σ q x − mass·c
          out[o + j] = s1 - mass * c;
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
