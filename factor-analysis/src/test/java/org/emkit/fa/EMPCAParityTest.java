package org.emkit.fa;

import org.emkit.testing.NumericAssert;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The C++-era EMPCA test of bob.learn.em 2.1.8 ({@code test_em.py::test_EMPCA}, SPEC §11.3):
 * data [[1,2,3],[2,4,19],[3,6,5],[4,8,13]], latent dimension 2, the given initial W and σ²; after
 * one E+M step bob's log-likelihood is −32.8443 and after a second −30.8559 (Matlab references,
 * tolerance 2e-4 absolute as in bob). The values are inline in the test file (no data file).
 * bob's likelihood uses the scatter with divisor N − 1, hence {@link Numerics#BOB_COMPATIBLE}.
 */
@Tag("parity")
class EMPCAParityTest {

  /** bob's {@code abs(exp_llh − llh) < 2e-4} (the references have 6 significant digits). */
  private static final Tolerance ABS_2E_4 = new Tolerance(0, 2e-4);

  static final Matrix DATA = Matrix.of(new double[][] {{1, 2, 3}, {2, 4, 19}, {3, 6, 5},
      {4, 8, 13}});
  static final double[] W_INIT = {1.62945, 0.270954, 1.81158, 1.67002, 0.253974, 1.93774};
  static final double SIGMA2_INIT = 1.82675;
  static final double LL_1 = -32.8443;
  static final double LL_2 = -30.8559;

  private static EMPCA.Builder bobStart() {
    return EMPCA.builder(3, 2).w(Matrix.wrap(3, 2, W_INIT.clone())).sigma2(SIGMA2_INIT)
        .numerics(Numerics.BOB_COMPATIBLE);
  }

  @Test
  void twoEmStepsReproduceTheMatlabLikelihoods() {
    EMPCA m0 = bobStart().build().initialize(DATA);
    EMPCA m1 = m0.mStep(m0.eStep(DATA));
    NumericAssert.assertParity("empca/llh1", LL_1, m1.logLikelihood(DATA), ABS_2E_4);
    EMPCA m2 = m1.mStep(m1.eStep(DATA));
    NumericAssert.assertParity("empca/llh2", LL_2, m2.logLikelihood(DATA), ABS_2E_4);
  }

  @Test
  void fitReportsTheSameLikelihoods() {
    // objective k is the likelihood entering iteration k: the first two after-M-step values
    // are objectives 1 and 2 of a three-iteration fit
    EMPCA fitted = bobStart().iterations(3).build().fit(DATA);
    double[] obj = fitted.report().objectives();
    assertEquals(3, obj.length);
    NumericAssert.assertParity("empca/fit objective 2", LL_1, obj[1], ABS_2E_4);
    NumericAssert.assertParity("empca/fit objective 3", LL_2, obj[2], ABS_2E_4);
  }
}
