package org.emkit.fa;

import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * The shared inputs of bob.learn.em's factor-analysis tests (SPEC §11.2, "Shared inputs"): four
 * training sessions of two identities with C = 2, D = 3, the UBM, the fixed matrices M_u, M_v,
 * M_d, the enrolment sessions gse1/gse2, and the C++-era latent states of §11.3.
 */
final class FaTestData {

  private FaTestData() {}

  static final double[] UBM_MEAN = {0.1806, 0.0451, 0.7232, 0.3474, 0.6606, 0.3839};
  static final double[] UBM_VAR = {0.6273, 0.0216, 0.9106, 0.8006, 0.7458, 0.8131};

  static final double[] M_U = {0.5118, 0.3464, 0.0826, 0.8865, 0.7196, 0.4547, 0.9962, 0.4134,
      0.3545, 0.2177, 0.9713, 0.1257};
  static final double[] M_V = {0.3367, 0.4116, 0.6624, 0.6026, 0.2442, 0.7505, 0.2955, 0.5835,
      0.6802, 0.5518, 0.5278, 0.5836};
  static final double[] M_D = {0.4106, 0.9843, 0.9456, 0.6766, 0.9883, 0.7668};

  /** §11.3 states: z per identity. */
  static final double[][] Z_STATE = {{0.3089, 0.7261, 0.7829, 0.6938, 0.0098, 0.8432},
      {0.9223, 0.7710, 0.0427, 0.3782, 0.7043, 0.7295}};
  /** §11.3 states: y per identity. */
  static final double[][] Y_STATE = {{0.2243, 0.2691}, {0.6730, 0.4775}};
  /** §11.3 states: x per identity, session-major (H×r_U); the spec lists them r_U×H. */
  static final double[][] X_STATE = {{0.9976, 0.1375, 0.8116, 0.3900},
      {0.4857, 0.9274, 0.8944, 0.9175}};

  static final int[] LABELS = {0, 0, 1, 1};

  static GMMMachine ubm() {
    return GMMMachine.fromParameters(new double[] {0.5, 0.5}, Matrix.wrap(2, 3, UBM_MEAN.clone()),
        Matrix.wrap(2, 3, UBM_VAR.clone()));
  }

  static GMMStats stats(double[] n, double[] f, long t) {
    return GMMStats.of(n, Matrix.wrap(2, 3, f), Matrix.zeros(2, 3), 0.0, t);
  }

  /** gs11, gs12, gs21, gs22 (t = 0 as in bob's test). */
  static List<GMMStats> training() {
    return List.of(
        stats(new double[] {0.1379, 0.2178},
            new double[] {0.3833, 0.6173, 0.5755, 0.5301, 0.2751, 0.2486}, 0),
        stats(new double[] {0.1821, 0.0418},
            new double[] {0.4516, 0.2277, 0.8044, 0.9861, 0.0300, 0.5357}, 0),
        stats(new double[] {0.1069, 0.6164},
            new double[] {0.0871, 0.8021, 0.9891, 0.0669, 0.9394, 0.0182}, 0),
        stats(new double[] {0.9397, 0.3545},
            new double[] {0.6838, 0.7837, 0.5341, 0.8854, 0.8990, 0.6259}, 0));
  }

  static GMMStats gse1(long t) {
    return stats(new double[] {0.1579, 0.1323},
        new double[] {0.1579, 0.3242, 0.2354, 0.2514, 0.3345, 0.4789}, t);
  }

  static GMMStats gse2(long t) {
    return stats(new double[] {0.9245, 0.2458},
        new double[] {0.1925, 0.1234, 0.2734, 0.5874, 0.2463, 0.5236}, t);
  }

  /** The enrolment sessions of bob's tests (t = 0). */
  static List<GMMStats> enrolment() {
    return List.of(gse1(0), gse2(0));
  }

  static Matrix mu() {
    return Matrix.wrap(6, 2, M_U.clone());
  }

  static Matrix mv() {
    return Matrix.wrap(6, 2, M_V.clone());
  }

  /** @return a (C, r, r) array of per-component packed matrices expanded, component-major */
  static double[] unpackAll(double[] packed, int c, int r) {
    int pl = FaKernels.packedLength(r);
    double[] out = new double[c * r * r];
    double[] full = new double[r * r];
    for (int k = 0; k < c; k++) {
      FaKernels.unpack(packed, k * pl, r, full);
      System.arraycopy(full, 0, out, k * r * r, r * r);
    }
    return out;
  }

  /** Transposes an H×r session-major block into bob's r×H layout. */
  static double[] sessionsToColumns(double[] x, int h, int r) {
    double[] out = new double[h * r];
    for (int s = 0; s < h; s++) {
      for (int k = 0; k < r; k++) {
        out[k * h + s] = x[s * r + k];
      }
    }
    return out;
  }
}
