package org.emkit.fa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** Behaviour, identities and error paths of {@link ISVMachine}. */
class ISVMachineTest {

  private static ISVMachine machine() {
    return ISVMachine.builder(FaTestData.ubm(), 2).u(FaTestData.mu()).build();
  }

  private static <T extends Throwable> T assertMessage(Class<T> type, Runnable r,
      String... parts) {
    T e = assertThrows(type, r::run);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
    }
    return e;
  }

  @Test
  void enrolmentWithZeroSubspaceIsRelevanceMapAdaptation() {
    // With U = 0, the client mean m + D z, D = sqrt(Σ/r), is (F + r m) / (N + r): Reynolds' MAP
    Random rnd = new Random(3);
    GMMMachine ubm = Naive.randomUbm(rnd, 4, 3);
    List<GMMStats> sessions = Naive.randomSessions(rnd, 3, 4, 3);
    double r = 2.5;
    ISVMachine isv = ISVMachine.builder(ubm, 1).u(Matrix.zeros(12, 1)).relevanceFactor(r).build();
    double[] z = isv.enroll(sessions);
    double[] d = isv.d();
    double[] m = ubm.meanSupervector();
    double[] model = new double[12];
    for (int q = 0; q < 12; q++) {
      model[q] = m[q] + d[q] * z[q];
    }
    GMMStats sum = sessions.get(0).copy().merge(sessions.get(1)).merge(sessions.get(2));
    GMMMachine map = GMMMachine.map(ubm).relevanceFactor(r).build().mStep(sum);
    NumericAssert.assertAllClose(map.meanSupervector(), model, new Tolerance(1e-12, 1e-14),
        "ISV(U=0) client mean vs MAP means");
  }

  @Test
  void probeWithZeroFramesScoresZero() {
    GMMStats p = ScoringFixture.probe();
    GMMStats zeroT = GMMStats.of(p.n(), p.sumPx(), p.sumPxx(), p.logLikelihood(), 0);
    assertEquals(0.0, ScoringFixture.isv().score(new double[] {3, 4, 1, 2, 0, 1},
        List.of(zeroT)));
  }

  @Test
  void estimateUxIsUTimesX() {
    ISVMachine m = ScoringFixture.isv();
    List<GMMStats> probe = List.of(ScoringFixture.probe());
    double[] x = m.estimateX(probe);
    double[] ux = Naive.mul(m.u().data(), x, 6, 2, 1);
    NumericAssert.assertAllClose(ux, m.estimateUx(probe), Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void fitIsDeterministicDoesNotMutateInputsAndReturnsANewMachine() {
    List<GMMStats> stats = FaTestData.training();
    List<GMMStats> copies = new ArrayList<>();
    for (GMMStats s : stats) {
      copies.add(s.copy());
    }
    ISVMachine m = ISVMachine.builder(FaTestData.ubm(), 2).seed(5).iterations(3).build();
    double[] before = m.u().data();
    ISVMachine a = m.fit(stats, FaTestData.LABELS);
    ISVMachine b = m.fit(stats, FaTestData.LABELS);
    assertArrayEquals(a.u().data(), b.u().data());
    assertArrayEquals(before, m.u().data(), "fit must not change the machine");
    assertEquals(copies, stats, "fit must not change its inputs");
    assertEquals(3, a.report().iterations());
    assertEquals(0, m.report().iterations());
    assertFalse(a.report().converged());
  }

  @Test
  void seedSelectsTheInitialSubspace() {
    ISVMachine a = ISVMachine.builder(FaTestData.ubm(), 2).seed(0).build();
    NumericAssert.assertParity("inputs/create_UVD_U_seed0_6x2",
        org.emkit.testing.ReferenceData.npyValues("inputs/create_UVD_U_seed0_6x2.npy"),
        a.u().data(), Tolerance.EXACT);
    assertNotEquals(a.u(), ISVMachine.builder(FaTestData.ubm(), 2).seed(1).build().u());
  }

  @Test
  void accessorsReturnCopies() {
    ISVMachine m = machine();
    m.u().data()[0] = 99;
    m.d()[0] = 99;
    assertEquals(0.5118, m.u().get(0, 0));
    assertEquals(Math.sqrt(0.6273 / 4), m.d()[0]);
  }

  @Test
  void monitorCanStopTheFit() {
    List<Double> seen = new ArrayList<>();
    ISVMachine m = machine().fit(FaTestData.training(), FaTestData.LABELS, (it, obj) -> {
      seen.add(obj);
      return it < 4;
    });
    assertEquals(4, m.report().iterations());
    assertTrue(m.report().stoppedByMonitor());
    assertEquals(4, seen.size());
    assertTrue(seen.get(0) > 0, "relative change of U is reported");
  }

  @Test
  void toStringListsHyperparameters() {
    String s = ISVMachine.builder(FaTestData.ubm(), 2).relevanceFactor(3).iterations(7)
        .enrollIterations(2).seed(9).parallelism(2).build().toString();
    for (String part : new String[] {"rankU=2", "relevanceFactor=3.0", "iterations=7",
        "enrollIterations=2", "seed=9", "parallelism=2"}) {
      assertTrue(s.contains(part), s);
    }
  }

  @Test
  void fromParametersRoundTrips() {
    ISVMachine m = machine().fit(FaTestData.training(), FaTestData.LABELS);
    ISVMachine back = ISVMachine.fromParameters(m.ubm(), m.u(), m.d());
    assertArrayEquals(m.enroll(FaTestData.enrolment()), back.enroll(FaTestData.enrolment()));
  }

  // ------------------------------------------------------------------------------------------
  // errors

  @Test
  void rankLargerThanSupervectorIsRejected() {
    assertMessage(IllegalArgumentException.class,
        () -> ISVMachine.builder(FaTestData.ubm(), 7), "rankU", "[1, 6]", "7");
    assertMessage(IllegalArgumentException.class,
        () -> ISVMachine.builder(FaTestData.ubm(), 0), "rankU", "0");
  }

  @Test
  void hyperparametersAreValidated() {
    ISVMachine.Builder b = ISVMachine.builder(FaTestData.ubm(), 2);
    assertMessage(IllegalArgumentException.class, () -> b.relevanceFactor(0), "relevanceFactor",
        "0.0");
    assertMessage(IllegalArgumentException.class, () -> b.iterations(-1), "iterations", "-1");
    assertMessage(IllegalArgumentException.class, () -> b.enrollIterations(0),
        "enrollIterations", "0");
    assertMessage(IllegalArgumentException.class, () -> b.parallelism(0), "parallelism", "0");
    assertMessage(IllegalArgumentException.class, () -> b.seed(-1), "seed", "-1");
    assertMessage(DimensionMismatchException.class, () -> b.u(Matrix.zeros(6, 3)), "u", "6x3");
    assertMessage(DimensionMismatchException.class, () -> b.d(new double[5]), "d", "5");
    assertMessage(IllegalArgumentException.class,
        () -> b.d(new double[] {0, 0, Double.NaN, 0, 0, 0}), "d[2]", "NaN");
  }

  @Test
  void unfittedUbmIsRejected() {
    assertMessage(NotFittedException.class,
        () -> ISVMachine.builder(GMMMachine.builder(2).build(), 1), "ISVMachine", "ubm");
  }

  @Test
  void statisticsOfAnotherShapeAreRejected() {
    List<GMMStats> stats = new ArrayList<>(FaTestData.training());
    stats.set(1, GMMStats.of(new double[] {1, 1}, Matrix.zeros(2, 4), Matrix.zeros(2, 4), 0, 1));
    assertMessage(DimensionMismatchException.class,
        () -> machine().fit(stats, FaTestData.LABELS), "stats[1]", "2x4", "2x3");
    assertMessage(DimensionMismatchException.class,
        () -> machine().score(new double[6], List.of(stats.get(1))), "probe[0]", "2x4");
  }

  @Test
  void invalidStatisticsValuesAreRejected() {
    List<GMMStats> stats = new ArrayList<>(FaTestData.training());
    stats.set(2, GMMStats.of(new double[] {0.1, -1}, Matrix.zeros(2, 3), Matrix.zeros(2, 3), 0,
        1));
    assertMessage(IllegalArgumentException.class, () -> machine().fit(stats, FaTestData.LABELS),
        "stats[2].n[1]", "-1.0");
    stats.set(2, GMMStats.of(new double[] {0.1, 1}, Matrix.wrap(2, 3,
        new double[] {0, 0, 0, 0, Double.POSITIVE_INFINITY, 0}), Matrix.zeros(2, 3), 0, 1));
    assertMessage(IllegalArgumentException.class, () -> machine().fit(stats, FaTestData.LABELS),
        "stats[2].sumPx[1, 1]", "Infinity");
  }

  @Test
  void labelsMustCoverZeroToIMinusOne() {
    List<GMMStats> stats = FaTestData.training();
    assertMessage(IllegalArgumentException.class,
        () -> machine().fit(stats, new int[] {0, 0, 2, 2}), "identity 1 has no sessions", "I = ");
    assertMessage(IllegalArgumentException.class,
        () -> machine().fit(stats, new int[] {0, -1, 1, 1}), "labels[1]", "-1");
    assertMessage(DimensionMismatchException.class,
        () -> machine().fit(stats, new int[] {0, 0, 1}), "labels", "3", "4");
    assertMessage(IllegalArgumentException.class,
        () -> machine().fit(List.of(), new int[0]), "stats", "got 0");
  }

  @Test
  void emptyEnrolmentOrProbeIsRejected() {
    assertMessage(IllegalArgumentException.class, () -> machine().enroll(List.of()), "sessions",
        "got 0");
    assertMessage(IllegalArgumentException.class, () -> machine().score(new double[6], List.of()),
        "probe", "got 0");
    assertMessage(DimensionMismatchException.class,
        () -> machine().score(new double[5], List.of(FaTestData.gse1(1))), "z", "5", "6");
  }

  @Test
  void accumulatorsOfAnotherShapeAreRejected() {
    assertMessage(DimensionMismatchException.class,
        () -> machine().mStep(new SubspaceStats(2, 3, 1)), "stats", "(2, 3, 1)", "(2, 3, 2)");
    assertMessage(DimensionMismatchException.class,
        () -> new SubspaceStats(2, 3, 2).merge(new SubspaceStats(2, 2, 2)), "merge", "(2, 2, 2)");
    assertMessage(DimensionMismatchException.class,
        () -> new DiagonalStats(6).merge(new DiagonalStats(5)), "merge", "5");
  }
}
