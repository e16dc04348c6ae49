package org.emkit.fa;

import org.emkit.testing.NumericAssert;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMStats;
import org.emkit.testing.ReferenceData;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parity with bob.learn.em 3.3.0's ISV: the golden trace {@code generated/golden/isv_train}
 * (test_ISV_train_and_enroll configuration: U = M_u, relevance 4, 10 iterations, enrolment with
 * 1..5 iterations) and the values asserted by test_ISV_train_and_enroll and test_ISVMachine
 * (SPEC §11.2). Tolerance: BOB_PARITY_NEAR_ZERO (rtol 1e-10, atol 1e-8, SPEC §14.6).
 */
@Tag("parity")
class ISVMachineParityTest {

  private static final String G = "golden/isv_train/";
  private static final Tolerance TOL = Tolerance.BOB_PARITY_NEAR_ZERO;

  private static ISVMachine initial() {
    return ISVMachine.builder(FaTestData.ubm(), 2).u(FaTestData.mu()).relevanceFactor(4.0)
        .iterations(10).enrollIterations(5).build();
  }

  @Test
  void initialisationMatchesGoldenD() {
    NumericAssert.assertParity("isv_train/D_init", ReferenceData.npyValues(G + "D_init.npy"),
        initial().d(), TOL);
  }

  @Test
  void identitySumsMatchGolden() {
    ISVMachine m = initial();
    Identity[] ids = Identity.group("test", Ubm.of("test", m.ubm()), FaTestData.training(),
        FaTestData.LABELS);
    double[] n = new double[4];
    double[] f = new double[12];
    for (int i = 0; i < 2; i++) {
      System.arraycopy(ids[i].nSum, 0, n, 2 * i, 2);
      System.arraycopy(ids[i].fSum, 0, f, 6 * i, 6);
    }
    NumericAssert.assertParity("isv_train/n_acc", ReferenceData.npyValues(G + "n_acc.npy"), n, TOL);
    NumericAssert.assertParity("isv_train/f_acc", ReferenceData.npyValues(G + "f_acc.npy"), f, TOL);
  }

  @Test
  void firstIterationInternalsMatchGolden() {
    ISVMachine m = initial();
    FactorModel fm = m.model();
    NumericAssert.assertParity("isv_train/iter1_UProd", ReferenceData.npyValues(G + "iter1_UProd.npy"),
        FaTestData.unpackAll(fm.uSpace.prod, 2, 2), TOL);
    Identity[] ids = Identity.group("test", fm.ubm, FaTestData.training(), FaTestData.LABELS);
    double[] z = new double[12];
    for (int i = 0; i < 2; i++) {
      FactorModel.Workspace ws = fm.workspace(2);
      fm.latentX(ids[i], null, null, ws, false);
      NumericAssert.assertParity("isv_train/iter1_latent_x_class" + i,
          ReferenceData.npyValues(G + "iter1_latent_x_class" + i + ".npy"),
          FaTestData.sessionsToColumns(ws.x, 2, 2), TOL);
      fm.latentZ(ids[i], ws.x, null, ws);
      System.arraycopy(ws.z, 0, z, 6 * i, 6);
    }
    NumericAssert.assertParity("isv_train/iter1_latent_z", ReferenceData.npyValues(G + "iter1_latent_z.npy"),
        z, TOL);
    SubspaceStats acc = m.eStep(FaTestData.training(), FaTestData.LABELS);
    double[] a1 = new double[8];
    for (int c = 0; c < 2; c++) {
      System.arraycopy(acc.a1(c).data(), 0, a1, 4 * c, 4);
    }
    NumericAssert.assertParity("isv_train/iter1_acc_U_A1", ReferenceData.npyValues(G + "iter1_acc_U_A1.npy"),
        a1, TOL);
    NumericAssert.assertParity("isv_train/iter1_acc_U_A2", ReferenceData.npyValues(G + "iter1_acc_U_A2.npy"),
        acc.a2().data(), TOL);
  }

  @Test
  void uAfterEveryIterationMatchesGolden() {
    double[] golden = ReferenceData.npyValues(G + "U_per_iter.npy");
    ISVMachine m = initial();
    for (int it = 0; it < 10; it++) {
      m = m.mStep(m.eStep(FaTestData.training(), FaTestData.LABELS));
      double[] expected = java.util.Arrays.copyOfRange(golden, 12 * it, 12 * it + 12);
      NumericAssert.assertParity("isv_train/U_per_iter[" + it + "]", expected, m.u().data(), TOL);
    }
    ISVMachine fitted = initial().fit(FaTestData.training(), FaTestData.LABELS);
    assertEquals(10, fitted.report().iterations());
    NumericAssert.assertParity("isv_train/U_fit", java.util.Arrays.copyOfRange(golden, 108, 120),
        fitted.u().data(), TOL);
  }

  @Test
  void trainAndEnrollReproducesBobTestValues() {
    // test_ISV_train_and_enroll (SPEC §11.2): the same numbers as the C++ test
    double[] uRef = {0.855125642430777, 0.563104284748032, -0.325497865404680, 1.923598985291687,
        0.511575659503837, 1.964288663083095, 9.330165761678115, 1.073623827995043,
        0.511099245664012, 0.278551249248978, 5.065578541930268, 0.509565618051587};
    double[] zRef = {-0.079315777443826, 0.092702428248543, -0.342488761656616,
        -0.059922635809136, 0.133539981073604, 0.213118695516570};
    double[] dRef = {0.39601136, 0.07348469, 0.47712682, 0.44738127, 0.43179856, 0.45086029};
    ISVMachine m = initial().fit(FaTestData.training(), FaTestData.LABELS);
    NumericAssert.assertParity("test_ISV_train_and_enroll/U", uRef, m.u().data(), TOL);
    // D is quoted to 8 decimals in the test (it checks rtol 1e-10 with atol 1e-8)
    NumericAssert.assertParity("test_ISV_train_and_enroll/D", dRef, m.d(), new Tolerance(1e-10, 1e-8));
    NumericAssert.assertParity("test_ISV_train_and_enroll/z", zRef, m.enroll(FaTestData.enrolment()), TOL);
  }

  @Test
  void enrolmentAndScoringOfTrainedMachineMatchGolden() {
    ISVMachine trained = initial().fit(FaTestData.training(), FaTestData.LABELS);
    for (int k = 1; k <= 5; k++) {
      double[] z = trained.toBuilder().enrollIterations(k).build().enroll(FaTestData.enrolment());
      NumericAssert.assertParity("isv_train/enroll_z_iters" + k,
          ReferenceData.npyValues(G + "enroll_z_iters" + k + ".npy"), z, TOL);
    }
    List<GMMStats> probe = List.of(FaTestData.gse1(1), FaTestData.gse2(1));
    NumericAssert.assertParity("isv_train/estimate_x_gse", ReferenceData.npyValues(G + "estimate_x_gse.npy"),
        trained.estimateX(probe), TOL);
    double[] z5 = trained.enroll(FaTestData.enrolment());
    NumericAssert.assertParity("isv_train/score_enroll5_vs_gse",
        ReferenceData.npyValues(G + "score_enroll5_vs_gse.npy")[0], trained.score(z5, probe), TOL);
    NumericAssert.assertParity("isv_train/score_enroll5_vs_gse0",
        ReferenceData.npyValues(G + "score_enroll5_vs_gse0.npy")[0],
        trained.score(z5, List.of(FaTestData.gse1(1))), TOL);
  }

  @Test
  void scoresOfTestIsvMachine() {
    // test_ISVMachine (SPEC §6.8): UBM weights [0.4, 0.6], U = 1..12, D = [0,1,0,1,0,1]
    ISVMachine m = ScoringFixture.isv();
    double[] z = {3, 4, 1, 2, 0, 1};
    NumericAssert.assertParity("test_ISVMachine/score", -3.280498193082100,
        m.score(z, List.of(ScoringFixture.probe())), TOL);
    Matrix frames = ReferenceData.npyMatrix("inputs/fa_score_probe_seed0_normal_50x3.npy");
    NumericAssert.assertParity("test_ISVMachine/score_using_array", -1.2343813195374242,
        m.score(z, List.of(m.ubm().transform(frames))), TOL);
  }
}
