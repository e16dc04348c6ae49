package org.emkit.fa;

import org.emkit.core.Matrix;

/**
 * The fixed inputs of bob.learn.em 2.1.8's PLDA tests ({@code test_plda.py},
 * {@code test_plda_trainer.py}): D = 7, n_f = 2, n_g = 3, the initial F ("PCA on G") and G, σ =
 * 0.01, the two training identities a (4 samples) and b (3 samples), and the likelihood samples
 * x1, x2, x3.
 */
final class PldaTestData {

  private PldaTestData() {}

  static final int D = 7;
  static final int NF = 2;
  static final int NG = 3;

  static final double[] G_INIT = {-1.1424, -0.5044, -0.1917, -0.6249, 0.1021, -0.8658, -1.1687,
      1.1963, 0.1807, 0.3926, 0.1203, 1.2665, 1.3018, -1.0368, -0.2512, -0.5936, -0.8571,
      -0.2046, 0.4364, -0.1699, -2.2015};

  static final double[] F_INIT = {-0.054222647972093, -0.000000000783146, 0.596449127693018,
      0.000000006265167, 0.298224563846509, 0.000000003132583, 0.447336845769764,
      0.000000009397750, -0.108445295944185, -0.000000001566292, -0.501559493741856,
      -0.000000006265167, -0.298224563846509, -0.000000003132583};

  /** Identity a (rows 0..3) then identity b (rows 4..6). */
  static final double[] TRAINING = {1, 2, 3, 4, 5, 6, 7, 7, 8, 3, 3, 1, 8, 2, 3, 2, 1, 4, 5, 1, 7,
      9, 0, 3, 2, 1, 4, 6, 5, 6, 3, 4, 2, 0, 2, 1, 7, 8, 9, 4, 4, 8, 8, 7, 2, 5, 1, 1, 1};

  static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1};

  static final double[] X1 = {0.8032, 0.3503, 0.4587, 0.9511, 0.1330, 0.0703, 0.7061};
  static final double[] X2 = {0.9317, 0.1089, 0.6517, 0.1461, 0.6940, 0.6256, 0.0437};
  static final double[] X3 = {0.7979, 0.9862, 0.4367, 0.3447, 0.0488, 0.2252, 0.5810};

  static Matrix f() {
    return Matrix.wrap(D, NF, F_INIT.clone());
  }

  static Matrix g() {
    return Matrix.wrap(D, NG, G_INIT.clone());
  }

  static double[] sigma() {
    double[] s = new double[D];
    java.util.Arrays.fill(s, 0.01);
    return s;
  }

  static Matrix training() {
    return Matrix.wrap(7, D, TRAINING.clone());
  }

  /** The machine of test_plda.py: μ = 0, F, G, σ = 0.01. */
  static PLDA machine() {
    return PLDA.fromParameters(new double[D], f(), g(), sigma(), 0.0);
  }

  static Matrix rows(double[]... rows) {
    return Matrix.of(rows);
  }
}
