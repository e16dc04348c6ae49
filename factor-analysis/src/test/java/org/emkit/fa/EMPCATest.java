package org.emkit.fa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.Numerics;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * EMPCA against naive oracles: the log-likelihood against the explicit f×f covariance
 * {@code C = σ² I + W Wᵀ} (determinant and inverse by elimination), one EM step against bob's
 * per-sample loop ({@code EMPCATrainer.cpp}: E[x], E[x xᵀ], W and σ² with the new W), the
 * posterior mean, the initialisation draws, recovery of a known model and the error paths.
 */
class EMPCATest {

  private static final Tolerance ORACLE = new Tolerance(1e-11, 1e-12);

  private static final Matrix DATA = EMPCAParityTest.DATA;

  private static EMPCA bobStart(Numerics numerics) {
    return EMPCA.builder(3, 2).w(Matrix.wrap(3, 2, EMPCAParityTest.W_INIT.clone()))
        .sigma2(EMPCAParityTest.SIGMA2_INIT).numerics(numerics).build().initialize(DATA);
  }

  /** −N/2 (f ln 2π + ln|C| + tr(C⁻¹ S)), S = scatter / divisor, with explicit C. */
  private static double naiveLogLikelihood(EMPCA m, Matrix x, double divisor) {
    int f = m.numFeatures();
    int n = x.rows();
    double[] c = PldaNaive.outer(m.w().data(), f, m.rank());
    for (int j = 0; j < f; j++) {
      c[j * f + j] += m.sigma2();
    }
    double[] ci = Naive.inverse(c, f);
    double[] mu = m.mean();
    double tr = 0;
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < f; i++) {
        for (int j = 0; j < f; j++) {
          tr += ci[i * f + j] * (x.get(r, j) - mu[j]) * (x.get(r, i) - mu[i]) / divisor;
        }
      }
    }
    return -n / 2.0 * (f * Math.log(2 * Math.PI) + PldaNaive.logAbsDet(c, f) + tr);
  }

  @Test
  void logLikelihoodEqualsTheExplicitGaussian() {
    EMPCA m = bobStart(Numerics.STANDARD);
    double exact = 0;
    double[] c = PldaNaive.outer(m.w().data(), 3, 2);
    for (int j = 0; j < 3; j++) {
      c[j * 3 + j] += m.sigma2();
    }
    for (int r = 0; r < 4; r++) {
      exact += PldaNaive.gaussianLogDensity(DATA.row(r), m.mean(), c, 3);
    }
    NumericAssert.assertAllClose(new double[] {exact}, new double[] {m.logLikelihood(DATA)},
        ORACLE, "STANDARD log-likelihood");
    assertEquals(naiveLogLikelihood(m, DATA, 4), exact, 1e-10);
    EMPCA bob = bobStart(Numerics.BOB_COMPATIBLE);
    NumericAssert.assertAllClose(new double[] {naiveLogLikelihood(bob, DATA, 3)},
        new double[] {bob.logLikelihood(DATA)}, ORACLE, "BOB_COMPATIBLE log-likelihood");
  }

  @Test
  void oneEmStepFollowsBobsPerSampleLoop() {
    EMPCA m = bobStart(Numerics.STANDARD);
    int f = 3;
    int q = 2;
    int n = 4;
    double[] w = m.w().data();
    double s2 = m.sigma2();
    double[] mm = Naive.mul(Naive.transpose(w, f, q), w, q, f, q);
    mm[0] += s2;
    mm[3] += s2;
    double[] invM = Naive.inverse(mm, q);
    double[] a = new double[f * q];
    double[] bsum = new double[q * q];
    double[][] ex = new double[n][];
    double[][] exx = new double[n][];
    double[] mu = m.mean();
    for (int r = 0; r < n; r++) {
      double[] t = new double[f];
      for (int j = 0; j < f; j++) {
        t[j] = DATA.get(r, j) - mu[j];
      }
      ex[r] = Naive.mul(Naive.mul(invM, Naive.transpose(w, f, q), q, q, f), t, q, f, 1);
      exx[r] = new double[q * q];
      for (int i = 0; i < q; i++) {
        for (int j = 0; j < q; j++) {
          exx[r][i * q + j] = s2 * invM[i * q + j] + ex[r][i] * ex[r][j];
          bsum[i * q + j] += exx[r][i * q + j];
        }
      }
      for (int i = 0; i < f; i++) {
        for (int j = 0; j < q; j++) {
          a[i * q + j] += t[i] * ex[r][j];
        }
      }
    }
    double[] newW = Naive.mul(a, Naive.inverse(bsum, q), f, q, q);
    double[] wtw = Naive.mul(Naive.transpose(newW, f, q), newW, q, f, q);
    double sig = 0;
    for (int r = 0; r < n; r++) {
      double[] t = new double[f];
      for (int j = 0; j < f; j++) {
        t[j] = DATA.get(r, j) - mu[j];
        sig += t[j] * t[j];
      }
      double[] wt = Naive.mul(Naive.transpose(newW, f, q), t, q, f, 1);
      for (int k = 0; k < q; k++) {
        sig -= 2 * ex[r][k] * wt[k];
      }
      double[] prod = Naive.mul(exx[r], wtw, q, q, q);
      sig += prod[0] + prod[3];
    }
    sig /= n * f;
    EMPCAStats st = m.eStep(DATA);
    NumericAssert.assertAllClose(a, st.numerator().data(), ORACLE, "Σ t̃ E[x]ᵀ");
    NumericAssert.assertAllClose(bsum, st.secondOrder().data(), ORACLE, "Σ E[x xᵀ]");
    EMPCA next = m.mStep(st);
    NumericAssert.assertAllClose(newW, next.w().data(), ORACLE, "W");
    assertEquals(sig, next.sigma2(), 1e-11 * sig);
    NumericAssert.assertAllClose(Naive.mul(Naive.mul(Naive.inverse(mm, q),
        Naive.transpose(w, f, q), q, q, f), new double[] {DATA.get(1, 0) - mu[0],
            DATA.get(1, 1) - mu[1], DATA.get(1, 2) - mu[2]}, q, f, 1),
        m.transform(DATA).row(1), ORACLE, "posterior mean");
  }

  @Test
  void emNeverDecreasesTheLogLikelihoodAndStopsOnConvergence() {
    Random rnd = new Random(201);
    Matrix x = Naive.randomMatrix(rnd, 60, 5, 1.0);
    EMPCA fitted = EMPCA.builder(5, 2).iterations(40).seed(3).build().fit(x);
    double[] obj = fitted.report().objectives();
    for (int k = 1; k < obj.length; k++) {
      assertTrue(obj[k] >= obj[k - 1] - 1e-10 * Math.abs(obj[k - 1]),
          "decrease at " + k + ": " + obj[k - 1] + " -> " + obj[k]);
    }
    EMPCA early = EMPCA.builder(5, 2).iterations(5000).convergenceThreshold(1e-9).seed(3).build()
        .fit(x);
    assertTrue(early.report().converged() && early.report().iterations() < 5000);
  }

  @Test
  void initialisationDrawsWThenSigma2FromNumpyRand() {
    EMPCA m = EMPCA.builder(3, 2).seed(9).build().initialize(DATA);
    NumpyRandom np = new NumpyRandom(9);
    double[] w = np.rand(6);
    for (int k = 0; k < 6; k++) {
      w[k] *= 2;
    }
    assertArrayEquals(w, m.w().data());
    assertEquals(2 * np.rand(), m.sigma2(), 0.0);
    assertArrayEquals(new double[] {2.5, 5, 10}, m.mean());
  }

  @Test
  @Tag("slow")
  void recoversTheCovarianceOfAKnownModel() {
    Random rnd = new Random(203);
    int f = 4;
    double[] w = {1.0, 0.0, 0.5, 1.2, -0.7, 0.3, 0.2, -0.9};
    double s2 = 0.1;
    int n = 20000;
    double[] x = new double[n * f];
    for (int r = 0; r < n; r++) {
      double[] z = Naive.randomVector(rnd, 2, 1);
      for (int j = 0; j < f; j++) {
        x[r * f + j] = 3 + w[j * 2] * z[0] + w[j * 2 + 1] * z[1] + Math.sqrt(s2)
            * rnd.nextGaussian();
      }
    }
    EMPCA m = EMPCA.builder(f, 2).iterations(500).convergenceThreshold(1e-12).build()
        .fit(Matrix.wrap(n, f, x));
    double[] c = PldaNaive.outer(w, f, 2);
    double[] ce = PldaNaive.outer(m.w().data(), f, 2);
    for (int j = 0; j < f; j++) {
      c[j * f + j] += s2;
      ce[j * f + j] += m.sigma2();
    }
    NumericAssert.assertAllClose(c, ce, Tolerance.RECOVERY, "W Wᵀ + σ² I");
    NumericAssert.assertAllClose(new double[] {s2}, new double[] {m.sigma2()}, Tolerance.RECOVERY,
        "σ²");
  }

  @Test
  void badInputsAreRejectedWithTheirNames() {
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> EMPCA.builder(3, 4));
    assertTrue(rank.getMessage().contains("rank") && rank.getMessage().contains("4"));
    IllegalArgumentException s2 = assertThrows(IllegalArgumentException.class,
        () -> EMPCA.builder(3, 2).sigma2(0.0));
    assertTrue(s2.getMessage().contains("sigma2") && s2.getMessage().contains("0.0"));
    DimensionMismatchException w = assertThrows(DimensionMismatchException.class,
        () -> EMPCA.builder(3, 2).w(Matrix.zeros(2, 2)));
    assertTrue(w.getMessage().contains("w has shape 2x2"), w.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> EMPCA.builder(3, 2).build().fit(Matrix.of(new double[][] {{1, 2, Double.NaN}})));
    assertTrue(nan.getMessage().contains("x[0, 2] is NaN"), nan.getMessage());
    DimensionMismatchException cols = assertThrows(DimensionMismatchException.class,
        () -> EMPCA.builder(3, 2).build().fit(Matrix.zeros(4, 2)));
    assertTrue(cols.getMessage().contains("x has 2 columns"), cols.getMessage());
    NotFittedException nf = assertThrows(NotFittedException.class,
        () -> EMPCA.builder(3, 2).build().transform(DATA));
    assertTrue(nf.getMessage().contains("EMPCA.transform"), nf.getMessage());
    // statistics that imply σ² < 0 (no residual energy left: Σ‖t̃‖² = 0)
    EMPCAStats degenerate = EMPCAStats.of(3, 2, new double[] {1, 0, 0, 1, 1, 1},
        new double[] {1, 0, 0, 1}, 0.0, 0.0, 0.0, 4);
    NumericalFailureException collapse = assertThrows(NumericalFailureException.class,
        () -> bobStart(Numerics.STANDARD).mStep(degenerate));
    assertTrue(collapse.getMessage().contains("σ²") && collapse.getMessage().contains(
        "smaller rank"), collapse.getMessage());
    EMPCAStats other = new EMPCAStats(4, 2);
    DimensionMismatchException shape = assertThrows(DimensionMismatchException.class,
        () -> bobStart(Numerics.STANDARD).mStep(other));
    assertTrue(shape.getMessage().contains("(4, 2)"), shape.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> bobStart(Numerics.STANDARD).mStep(new EMPCAStats(3, 2)));
    assertTrue(empty.getMessage().contains("at least 1 sample"), empty.getMessage());
  }

  @Test
  void statsMergeAndParametersRoundTrip() {
    EMPCA m = bobStart(Numerics.STANDARD);
    EMPCAStats all = m.eStep(DATA);
    EMPCAStats merged = m.eStep(DATA.rows(0, 1)).merge(m.eStep(DATA.rows(1, 4)));
    NumericAssert.assertAllClose(all.numerator().data(), merged.numerator().data(),
        new Tolerance(1e-12, 1e-12), "numerator");
    assertEquals(all.logLikelihood(), merged.logLikelihood(), 1e-12 * Math.abs(all
        .logLikelihood()));
    EMPCAStats back = EMPCAStats.of(3, 2, all.numerator().data(), all.secondOrder().data(),
        all.sumSquares(), all.quadraticSum(), all.logLikelihood(), all.numSamples());
    assertArrayEquals(m.mStep(all).w().data(), m.mStep(back).w().data());
    EMPCA copy = EMPCA.fromParameters(m.mean(), m.w(), m.sigma2());
    assertArrayEquals(m.transform(DATA).data(), copy.transform(DATA).data());
  }
}
