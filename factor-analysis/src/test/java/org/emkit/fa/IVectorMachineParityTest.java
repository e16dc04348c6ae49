package org.emkit.fa;

import org.emkit.testing.NumericAssert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.testing.ReferenceData;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parity with bob.learn.em 3.3.0's IVectorMachine: the golden trace
 * {@code generated/golden/ivector_fit} (test_ivector_fit: 100 one-frame sessions, seed-0 T, two
 * iterations) with {@code ivector_results.hdf5}, the C++ per-step references
 * {@code ivector_ref_step{1,2}.hdf5} and {@code ivector_ref_nosigma_step{1,2}.hdf5}, and the
 * values of test_ivector_machine_projection/transformer/training (SPEC §11.2).
 *
 * <p>Tolerances: BOB_PARITY_NEAR_ZERO for the goldens (rtol 1e-10, atol 1e-8); the C++ reference
 * files store their values rounded to 9 significant digits and at most 8 decimals (for example
 * 34.8623823, 0.07221453), so they are compared with rtol 1e-8 and atol 1e-8 (bob's own test uses
 * decimal 5); the quoted 8-digit test values use bob's decimal 7 (|a − b| &lt; 1.5e-7), and the
 * 25-iteration training value bob's decimal 4.
 */
@Tag("parity")
class IVectorMachineParityTest {

  private static final String G = "golden/ivector_fit/";
  private static final Tolerance TOL = Tolerance.BOB_PARITY_NEAR_ZERO;
  private static final Tolerance DECIMAL_4 = new Tolerance(0, 1.5e-4);
  /** The C++ reference files hold 9 significant digits (at most 8 decimals). */
  private static final Tolerance CPP_9_DIGITS = new Tolerance(1e-8, 1e-8);

  static final double[][] T_FIXED = {{1, 2}, {4, 1}, {0, 3}, {5, 8}, {7, 10}, {11, 1}};

  static GMMMachine ubm(double[] weights) {
    return GMMMachine.fromParameters(weights, Matrix.of(new double[][] {{1, 7, 4}, {4, 5, 3}}),
        Matrix.of(new double[][] {{0.5, 1.0, 1.5}, {1.0, 1.5, 2.0}}));
  }

  static GMMStats hdf5Stats(String file) {
    double[] n = ReferenceData.hdf5(file, "n").values;
    double[] f = ReferenceData.hdf5(file, "sumPx").values;
    double[] s = ReferenceData.hdf5(file, "sumPxx").values;
    double ll = ReferenceData.hdf5(file, "log_likelihood").scalar();
    long t = (long) ReferenceData.hdf5(file, "T").scalar();
    return GMMStats.of(n, Matrix.wrap(2, 3, f), Matrix.wrap(2, 3, s), ll, t);
  }

  static List<GMMStats> gs() {
    return List.of(hdf5Stats("ivector_gs1.hdf5"), hdf5Stats("ivector_gs2.hdf5"));
  }

  private static double[] a(IVectorStats s) {
    double[] out = new double[s.numComponents() * s.rank() * s.rank()];
    for (int c = 0; c < s.numComponents(); c++) {
      double[] m = s.nijSigmaWij2(c).data();
      System.arraycopy(m, 0, out, c * m.length, m.length);
    }
    return out;
  }

  @Test
  void projectionOfCppReference() {
    IVectorMachine m = IVectorMachine.fromParameters(ubm(new double[] {0.4, 0.6}),
        Matrix.of(T_FIXED), Matrix.of(new double[][] {{1, 2, 1}, {3, 2, 4}}));
    GMMStats s = GMMStats.of(new double[] {0.4, 0.6},
        Matrix.of(new double[][] {{1, 2, 3}, {2, 4, 3}}),
        Matrix.of(new double[][] {{10, 20, 30}, {40, 50, 60}}), 0.0, 1);
    NumericAssert.assertParity("test_ivector_machine_projection", new double[] {-0.04213415, 0.21463343},
        m.project(s), Tolerance.BOB_DECIMAL_7);
  }

  @Test
  void transformerOfOneFrame() {
    GMMMachine u = ubm(new double[] {0.5, 0.5});
    IVectorMachine m = IVectorMachine.fromParameters(u, Matrix.of(T_FIXED), u.variances());
    Matrix w = m.transform(List.of(u.transform(Matrix.rowVector(1, 2, 3))));
    NumericAssert.assertParity("test_ivector_machine_transformer", new double[] {0.02774721, -0.35237828},
        w.row(0), Tolerance.BOB_DECIMAL_7);
  }

  @Test
  void trainingFromSeedZero() {
    GMMMachine u = GMMMachine.fromParameters(new double[] {0.5, 0.5},
        Matrix.of(new double[][] {{1, 2, 3}, {6, 7, 8}}), Matrix.of(new double[][] {{1, 1, 1},
            {1, 1, 1}}));
    IVectorMachine m = IVectorMachine.builder(u, 2).seed(0).build().fit(gs());
    assertEquals(25, m.report().iterations());
    GMMStats test = GMMStats.of(new double[] {0.5, 0.5},
        Matrix.of(new double[][] {{8, 0, 4}, {6, 6, 6}}),
        Matrix.of(new double[][] {{10, 20, 30}, {60, 70, 80}}), -0.5, 1);
    NumericAssert.assertParity("test_ivector_machine_training", new double[] {0.94234370, -0.61558459},
        m.project(test), DECIMAL_4);
  }

  private static void checkCppSteps(String prefix, boolean updateSigma) {
    double[][] sigma0 = {{1, 2, 1}, {3, 2, 4}};
    IVectorMachine m = IVectorMachine.builder(ubm(new double[] {0.4, 0.6}), 2)
        .t(Matrix.of(T_FIXED)).sigma(Matrix.of(sigma0)).updateSigma(updateSigma)
        .varianceFloor(1e-5).build();
    for (int it = 1; it <= 2; it++) {
      String file = prefix + it + ".hdf5";
      IVectorStats st = m.eStep(gs());
      NumericAssert.assertParity(file + "/nij_sigma_wij2",
          ReferenceData.hdf5(file, "nij_sigma_wij2").values, a(st), CPP_9_DIGITS);
      NumericAssert.assertParity(file + "/fnorm_sigma_wij",
          ReferenceData.hdf5(file, "fnorm_sigma_wij").values, st.fnormSigmaWij().data(), CPP_9_DIGITS);
      NumericAssert.assertParity(file + "/snormij", ReferenceData.hdf5(file, "snormij").values,
          st.snormij().data(), CPP_9_DIGITS);
      NumericAssert.assertParity(file + "/nij", ReferenceData.hdf5(file, "nij").values, st.nij(), CPP_9_DIGITS);
      m = m.mStep(st);
      NumericAssert.assertParity(file + "/T", ReferenceData.hdf5(file, "T").values, m.t().data(), CPP_9_DIGITS);
      if (updateSigma) {
        NumericAssert.assertParity(file + "/sigma", ReferenceData.hdf5(file, "sigma").values,
            m.sigma().data(), CPP_9_DIGITS);
      } else {
        assertArrayEquals(new double[] {1, 2, 1, 3, 2, 4}, m.sigma().data(),
            "sigma must stay exactly as initialised");
      }
    }
  }

  @Test
  void cppReferenceStepsWithSigmaUpdate() {
    checkCppSteps("ivector_ref_step", true);
  }

  @Test
  void cppReferenceStepsWithoutSigmaUpdate() {
    checkCppSteps("ivector_ref_nosigma_step", false);
  }

  @Test
  void fitTraceMatchesGolden() {
    GMMMachine u = ubm(new double[] {0.4, 0.6});
    Matrix fit = ReferenceData.hdf5Matrix("ivector_fit_data.hdf5");
    List<GMMStats> stats = u.transformRows(fit);
    double[] n = new double[200];
    double[] f = new double[600];
    double[] s = new double[600];
    double[] ll = new double[100];
    for (int i = 0; i < 100; i++) {
      System.arraycopy(stats.get(i).n(), 0, n, 2 * i, 2);
      System.arraycopy(stats.get(i).sumPx().data(), 0, f, 6 * i, 6);
      System.arraycopy(stats.get(i).sumPxx().data(), 0, s, 6 * i, 6);
      ll[i] = stats.get(i).logLikelihood();
    }
    NumericAssert.assertParity("ivector_fit/ubm_stats_n_per_sample",
        ReferenceData.npyValues(G + "ubm_stats_n_per_sample.npy"), n, TOL);
    NumericAssert.assertParity("ivector_fit/ubm_stats_sum_px_per_sample",
        ReferenceData.npyValues(G + "ubm_stats_sum_px_per_sample.npy"), f, TOL);
    NumericAssert.assertParity("ivector_fit/ubm_stats_sum_pxx_per_sample",
        ReferenceData.npyValues(G + "ubm_stats_sum_pxx_per_sample.npy"), s, TOL);
    NumericAssert.assertParity("ivector_fit/ubm_stats_loglik_per_sample",
        ReferenceData.npyValues(G + "ubm_stats_loglik_per_sample.npy"), ll, TOL);

    IVectorMachine m = IVectorMachine.builder(u, 2).iterations(2).seed(0).build();
    NumericAssert.assertParity("ivector_fit/T_init", ReferenceData.npyValues(G + "T_init.npy"),
        m.t().data(), Tolerance.EXACT);
    for (int it = 1; it <= 2; it++) {
      String p = G + "iter" + it + "_";
      IVectorStats st = m.eStep(stats);
      NumericAssert.assertParity("ivector_fit/iter" + it + "_nij_sigma_wij2",
          ReferenceData.npyValues(p + "nij_sigma_wij2.npy"), a(st), TOL);
      NumericAssert.assertParity("ivector_fit/iter" + it + "_fnorm_sigma_wij",
          ReferenceData.npyValues(p + "fnorm_sigma_wij.npy"), st.fnormSigmaWij().data(), TOL);
      NumericAssert.assertParity("ivector_fit/iter" + it + "_snormij",
          ReferenceData.npyValues(p + "snormij.npy"), st.snormij().data(), TOL);
      NumericAssert.assertParity("ivector_fit/iter" + it + "_nij", ReferenceData.npyValues(p + "nij.npy"),
          st.nij(), TOL);
      m = m.mStep(st);
      NumericAssert.assertParity("ivector_fit/iter" + it + "_T", ReferenceData.npyValues(p + "T.npy"),
          m.t().data(), TOL);
      NumericAssert.assertParity("ivector_fit/iter" + it + "_sigma", ReferenceData.npyValues(p + "sigma.npy"),
          m.sigma().data(), TOL);
    }
    IVectorMachine fitted = IVectorMachine.builder(u, 2).iterations(2).seed(0).build().fit(stats);
    assertArrayEquals(m.t().data(), fitted.t().data(), "fit = two explicit E/M steps");
    List<GMMStats> test = u.transformRows(ReferenceData.hdf5Matrix("ivector_test_data.hdf5"));
    double[] ivectors = fitted.transform(test).data();
    NumericAssert.assertParity("ivector_fit/ivectors_test", ReferenceData.npyValues(G + "ivectors_test.npy"),
        ivectors, TOL);
    NumericAssert.assertParity("ivector_results.hdf5", ReferenceData.hdf5Values("ivector_results.hdf5"),
        ivectors, TOL);
    List<double[]> one = new ArrayList<>();
    for (GMMStats t : test) {
      one.add(fitted.project(t));
    }
    for (int i = 0; i < test.size(); i++) {
      assertArrayEquals(Arrays.copyOfRange(ivectors, 2 * i, 2 * i + 2), one.get(i),
          "project and transform agree bitwise");
    }
  }
}
