package org.emkit.fa;

import org.emkit.testing.NumericAssert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.mixture.GMMStats;
import org.emkit.testing.ReferenceData;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parity with bob.learn.em 3.3.0's JFA: the golden traces {@code generated/golden/jfa_train}
 * (test_JFA_train_and_enroll configuration) and {@code jfa_enroll_untrained_Md} (both signs of the
 * Fn_y term), the values asserted by test_JFA_train_and_enroll and test_JFAMachine (SPEC §11.2),
 * and the C++-era "JFA cookbook" values of SPEC §11.3, which only the correct sign reproduces.
 * Tolerances: BOB_PARITY_NEAR_ZERO (rtol 1e-10, atol 1e-8; D and z are about 0 after training);
 * §11.3 values are quoted to 4 decimals and checked, as in the C++ test, to 2e-4.
 */
@Tag("parity")
class JFAMachineParityTest {

  private static final String G = "golden/jfa_train/";
  private static final String GE = "golden/jfa_enroll_untrained_Md/";
  private static final Tolerance TOL = Tolerance.BOB_PARITY_NEAR_ZERO;
  /** The C++ test's tolerance for its 4-decimal Matlab references (SPEC §11.3). */
  private static final Tolerance COOKBOOK = new Tolerance(0, 2e-4);

  private static JFAMachine initial(Numerics numerics) {
    return JFAMachine.builder(FaTestData.ubm(), 2, 2).u(FaTestData.mu()).v(FaTestData.mv())
        .d(FaTestData.M_D).iterations(10).enrollIterations(5).numerics(numerics).build();
  }

  private static Identity[] ids(JFAMachine m) {
    return Identity.group("test", m.ubmView(), FaTestData.training(), FaTestData.LABELS);
  }

  private static double[] a1(SubspaceStats acc) {
    double[] out = new double[acc.numComponents() * acc.rank() * acc.rank()];
    for (int c = 0; c < acc.numComponents(); c++) {
      double[] a = acc.a1(c).data();
      System.arraycopy(a, 0, out, c * a.length, a.length);
    }
    return out;
  }

  private static double[] slice(double[] golden, int index, int length) {
    return Arrays.copyOfRange(golden, index * length, (index + 1) * length);
  }

  @Test
  void trainingTraceMatchesGolden() {
    JFAMachine m = initial(Numerics.BOB_COMPATIBLE);
    Identity[] ids = ids(m);
    double[] u = m.uArray();
    double[] v = m.vArray();
    double[] d = m.dArray();
    SubspaceStats first = m.accumulateV(ids, u, v, d);
    NumericAssert.assertParity("jfa_train/iter1_acc_V_A1", ReferenceData.npyValues(G + "iter1_acc_V_A1.npy"),
        a1(first), TOL);
    NumericAssert.assertParity("jfa_train/iter1_acc_V_A2", ReferenceData.npyValues(G + "iter1_acc_V_A2.npy"),
        first.a2().data(), TOL);
    double[] vGolden = ReferenceData.npyValues(G + "V_per_iter.npy");
    for (int it = 0; it < 10; it++) {
      v = FactorModel.subspaceMStep("test", m.accumulateV(ids, u, v, d), v, 1);
      NumericAssert.assertParity("jfa_train/V_per_iter[" + it + "]", slice(vGolden, it, 12), v, TOL);
    }
    double[][] y = m.latentY(ids, u, v, d);
    NumericAssert.assertParity("jfa_train/latent_y_after_V",
        ReferenceData.npyValues(G + "latent_y_after_V.npy"), concat(y), TOL);
    double[][] vy = m.speakerOffsets(v, y);
    double[] uGolden = ReferenceData.npyValues(G + "U_per_iter.npy");
    for (int it = 0; it < 10; it++) {
      u = FactorModel.subspaceMStep("test", m.accumulateU(ids, u, v, d, vy), u, 1);
      NumericAssert.assertParity("jfa_train/U_per_iter[" + it + "]", slice(uGolden, it, 12), u, TOL);
    }
    double[][] xs = m.latentX(ids, u, v, d, vy);
    for (int i = 0; i < 2; i++) {
      NumericAssert.assertParity("jfa_train/latent_x_after_U_class" + i,
          ReferenceData.npyValues(G + "latent_x_after_U_class" + i + ".npy"),
          FaTestData.sessionsToColumns(xs[i], 2, 2), TOL);
    }
    double[] dGolden = ReferenceData.npyValues(G + "D_per_iter.npy");
    for (int it = 0; it < 10; it++) {
      d = FactorModel.diagonalMStep(m.accumulateD(ids, u, v, d, xs, vy), d);
      NumericAssert.assertParity("jfa_train/D_per_iter[" + it + "]", slice(dGolden, it, 6), d, TOL);
    }
    JFAMachine fitted = m.fit(FaTestData.training(), FaTestData.LABELS);
    assertEquals(30, fitted.report().iterations());
    NumericAssert.assertParity("jfa_train/fit_V", slice(vGolden, 9, 12), fitted.v().data(), TOL);
    NumericAssert.assertParity("jfa_train/fit_U", slice(uGolden, 9, 12), fitted.u().data(), TOL);
    NumericAssert.assertParity("jfa_train/fit_D", slice(dGolden, 9, 6), fitted.d(), TOL);
  }

  private static double[] concat(double[][] rows) {
    int n = 0;
    for (double[] r : rows) {
      n += r.length;
    }
    double[] out = new double[n];
    int k = 0;
    for (double[] r : rows) {
      System.arraycopy(r, 0, out, k, r.length);
      k += r.length;
    }
    return out;
  }

  @Test
  void enrolmentAndScoreOfTrainedMachineMatchGolden() {
    for (Numerics numerics : Numerics.values()) {
      // the trained D is about 1e-10, so D z is negligible and both signs agree with the golden
      JFAMachine trained = initial(numerics).fit(FaTestData.training(), FaTestData.LABELS);
      for (int k = 1; k <= 5; k++) {
        JFAMachine.Enrollment e = trained.toBuilder().enrollIterations(k).build()
            .enroll(FaTestData.enrolment());
        NumericAssert.assertParity("jfa_train/enroll_y_iters" + k + "/" + numerics,
            ReferenceData.npyValues(G + "enroll_y_iters" + k + ".npy"), e.y(), TOL);
        NumericAssert.assertParity("jfa_train/enroll_z_iters" + k + "/" + numerics,
            ReferenceData.npyValues(G + "enroll_z_iters" + k + ".npy"), e.z(), TOL);
      }
      JFAMachine.Enrollment e5 = trained.enroll(FaTestData.enrolment());
      NumericAssert.assertParity("jfa_train/score_enroll5_vs_gse/" + numerics,
          ReferenceData.npyValues(G + "score_enroll5_vs_gse.npy")[0],
          trained.score(e5, List.of(FaTestData.gse1(1), FaTestData.gse2(1))), TOL);
    }
  }

  @Test
  void trainAndEnrollReproducesBobTestValues() {
    // test_JFA_train_and_enroll (SPEC §11.2): the same numbers as the C++ test
    double[] vRef = {0.245364911936476, 0.978133261775424, 0.769646805052223, 0.940070736856596,
        0.310779202800089, 1.456332053893072, 0.184760934399551, 2.265139705602147,
        0.701987784039800, 0.081632150899400, 0.074344030229297, 1.090248340917255};
    double[] uRef = {0.049424652628448, 0.060480486336896, 0.178104127464007, 1.884873813495153,
        1.204011484266777, 2.281351307871720, 7.278512126426286, -0.390966087173334,
        -0.084424326581145, -0.081725474934414, 4.042143689831097, -0.262576386580701};
    double[] dRef = {9.648467e-18, 2.63720683155e-12, 2.11822157653706e-10, 9.1047243e-17,
        1.41163442535567e-10, 3.30581e-19};
    double[] yRef = {0.555991469319657, 0.002773650670010};
    double[] zRef = {8.2228e-20, 3.15216909492e-13, -1.48616735364395e-10, 1.0625905e-17,
        3.7150503117895e-11, 1.71104e-19};
    for (Numerics numerics : Numerics.values()) {
      JFAMachine m = initial(numerics).fit(FaTestData.training(), FaTestData.LABELS);
      NumericAssert.assertParity("test_JFA_train_and_enroll/V/" + numerics, vRef, m.v().data(), TOL);
      NumericAssert.assertParity("test_JFA_train_and_enroll/U/" + numerics, uRef, m.u().data(), TOL);
      NumericAssert.assertParity("test_JFA_train_and_enroll/D/" + numerics, dRef, m.d(), TOL);
      JFAMachine.Enrollment e = m.enroll(FaTestData.enrolment());
      NumericAssert.assertParity("test_JFA_train_and_enroll/y/" + numerics, yRef, e.y(), TOL);
      NumericAssert.assertParity("test_JFA_train_and_enroll/z/" + numerics, zRef, e.z(), TOL);
    }
  }

  @Test
  void untrainedEnrolmentPinsBothSigns() {
    for (int k = 1; k <= 3; k++) {
      JFAMachine.Enrollment bob = initial(Numerics.BOB_COMPATIBLE).toBuilder().enrollIterations(k)
          .build().enroll(FaTestData.enrolment());
      NumericAssert.assertParity("jfa_enroll_untrained_Md/enroll_y_iters" + k,
          ReferenceData.npyValues(GE + "enroll_y_iters" + k + ".npy"), bob.y(), TOL);
      NumericAssert.assertParity("jfa_enroll_untrained_Md/enroll_z_iters" + k,
          ReferenceData.npyValues(GE + "enroll_z_iters" + k + ".npy"), bob.z(), TOL);
      JFAMachine.Enrollment std = initial(Numerics.STANDARD).toBuilder().enrollIterations(k)
          .build().enroll(FaTestData.enrolment());
      NumericAssert.assertParity("jfa_enroll_untrained_Md/cpp_sign_enroll_y_iters" + k,
          ReferenceData.npyValues(GE + "cpp_sign_enroll_y_iters" + k + ".npy"), std.y(), TOL);
      NumericAssert.assertParity("jfa_enroll_untrained_Md/cpp_sign_enroll_z_iters" + k,
          ReferenceData.npyValues(GE + "cpp_sign_enroll_z_iters" + k + ".npy"), std.z(), TOL);
      if (k >= 2) {
        // from the second round on the two signs give different models
        assertTrue(Math.abs(bob.y()[0] - std.y()[0]) > 0.1, "signs must differ at round " + k);
      }
    }
  }

  @Test
  void scoresOfTestJfaMachine() {
    // test_JFAMachine (SPEC §6.8)
    JFAMachine m = JFAMachine.fromParameters(ScoringFixture.ubm(), ScoringFixture.u(),
        ScoringFixture.v(), ScoringFixture.d());
    JFAMachine.Enrollment client = JFAMachine.Enrollment.of(new double[] {1, 2},
        new double[] {3, 4, 1, 2, 0, 1});
    NumericAssert.assertParity("test_JFAMachine/score", -2.111577181208289,
        m.score(client, List.of(ScoringFixture.probe())), TOL);
    Matrix frames = ReferenceData.npyMatrix("inputs/fa_score_probe_seed0_normal_50x3.npy");
    NumericAssert.assertParity("test_JFAMachine/score_using_array", 2.028009315286946,
        m.score(client, List.of(m.ubm().transform(frames))), TOL);
  }

  // ------------------------------------------------------------------------------------------
  // SPEC §11.3: C++-era JFA cookbook (Matlab) values, reproduced only with the correct sign

  private static FactorModel cookbookModel(Numerics numerics, boolean withU, boolean withV) {
    return initial(numerics).modelOf(FaTestData.M_U.clone(), withU, FaTestData.M_V.clone(),
        withV, FaTestData.M_D.clone());
  }

  private static double[][] cookbookY(Numerics numerics, SubspaceStats acc) {
    FactorModel fm = cookbookModel(numerics, false, true);
    Identity[] ids = ids(initial(numerics));
    double[][] y = new double[2][];
    for (int i = 0; i < 2; i++) {
      FactorModel.Workspace ws = fm.workspace(2);
      fm.accumulateV(ids[i], FaTestData.X_STATE[i], FaTestData.Z_STATE[i], acc, ws);
      y[i] = ws.y.clone();
    }
    return y;
  }

  @Test
  void cookbookYAndVStepNeedTheCorrectSign() {
    SubspaceStats acc = new SubspaceStats(2, 3, 2);
    double[][] y = cookbookY(Numerics.STANDARD, acc);
    NumericAssert.assertParity("cpp_cookbook/y_class0", new double[] {0.9630, 1.3868}, y[0], COOKBOOK);
    NumericAssert.assertParity("cpp_cookbook/y_class1", new double[] {0.0426, -0.3721}, y[1], COOKBOOK);
    double[] vNew = FactorModel.subspaceMStep("test", acc, FaTestData.M_V.clone(), 1);
    NumericAssert.assertParity("cpp_cookbook/V", new double[] {0.7228, 0.7892, 0.6475, 0.6080, 0.8631,
        0.8416, 1.6512, 1.6068, 0.0500, 0.0101, 0.4325, 0.6719}, vNew, COOKBOOK);
    // bob v3's sign gives y = [1.98, 2.41] and [1.58, 0.35] (SPEC §6.4): far from the cookbook
    double[][] bob = cookbookY(Numerics.BOB_COMPATIBLE, new SubspaceStats(2, 3, 2));
    assertTrue(Math.abs(bob[0][0] - 0.9630) > 0.5 && Math.abs(bob[1][0] - 0.0426) > 0.5,
        "bob's sign must not reproduce the cookbook: " + Arrays.toString(bob[0]));
  }

  @Test
  void cookbookXAndUStep() {
    FactorModel fm = cookbookModel(Numerics.STANDARD, true, false);
    Identity[] ids = ids(initial(Numerics.STANDARD));
    SubspaceStats acc = new SubspaceStats(2, 3, 2);
    double[][] expectedX = {{0.2143, 1.8275, 3.1979, 0.1227}, {-1.3861, 0.2359, 5.3326, -0.7914}};
    for (int i = 0; i < 2; i++) {
      double[] vy = new double[6];
      FactorModel.times(FaTestData.M_V, 2, FaTestData.Y_STATE[i], 0, vy);
      double[] shift = new double[6];
      for (int q = 0; q < 6; q++) {
        shift[q] = FaTestData.M_D[q] * FaTestData.Z_STATE[i][q];
      }
      FactorModel.Workspace ws = fm.workspace(2);
      fm.accumulateU(ids[i], shift, vy, false, acc, ws);
      NumericAssert.assertParity("cpp_cookbook/x_class" + i, expectedX[i],
          FaTestData.sessionsToColumns(ws.x, 2, 2), COOKBOOK);
    }
    double[] uNew = FactorModel.subspaceMStep("test", acc, FaTestData.M_U.clone(), 1);
    NumericAssert.assertParity("cpp_cookbook/U", new double[] {0.6729, 0.3408, 0.0544, 1.0653, 0.5399,
        1.3035, 2.4995, 0.4385, 0.1292, -0.0576, 1.1962, 0.0117}, uNew, COOKBOOK);
  }

  @Test
  void cookbookZAndDStep() {
    FactorModel fm = cookbookModel(Numerics.STANDARD, false, false);
    Identity[] ids = ids(initial(Numerics.STANDARD));
    DiagonalStats acc = new DiagonalStats(6);
    double[][] expectedZ = {{0.3256, 1.8633, 0.6480, 0.8085, -0.0432, 0.2885},
        {-0.3324, -0.1474, -0.4404, -0.4529, 0.0484, -0.5848}};
    for (int i = 0; i < 2; i++) {
      double[] vy = new double[6];
      FactorModel.times(FaTestData.M_V, 2, FaTestData.Y_STATE[i], 0, vy);
      FactorModel.Workspace ws = fm.workspace(2);
      fm.accumulateD(ids[i], FaTestData.X_STATE[i], vy, acc, ws);
      NumericAssert.assertParity("cpp_cookbook/z_class" + i, expectedZ[i], ws.z.clone(), COOKBOOK);
    }
    double[] dNew = FactorModel.diagonalMStep(acc, FaTestData.M_D.clone());
    NumericAssert.assertParity("cpp_cookbook/D", new double[] {0.3110, 1.0138, 0.8297, 1.0382, 0.0095,
        0.6320}, dNew, COOKBOOK);
  }

  @Test
  void probeWithZeroFramesScoresZero() {
    JFAMachine m = JFAMachine.fromParameters(ScoringFixture.ubm(), ScoringFixture.u(),
        ScoringFixture.v(), ScoringFixture.d());
    GMMStats p = ScoringFixture.probe();
    GMMStats zeroT = GMMStats.of(p.n(), p.sumPx(), p.sumPxx(), p.logLikelihood(), 0);
    assertEquals(0.0, m.score(JFAMachine.Enrollment.of(new double[] {1, 2},
        new double[] {3, 4, 1, 2, 0, 1}), List.of(zeroT)));
  }
}
