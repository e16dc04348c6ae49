package org.emkit.fa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** Behaviour, identities and error paths of {@link IVectorMachine}. */
class IVectorMachineTest {

  private static final Tolerance ORACLE = new Tolerance(1e-12, 1e-12);

  /** Lower Cholesky factor by the textbook recurrence. */
  private static double[] cholesky(double[] a, int n) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * n + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * n + k] * l[j * n + k];
        }
        l[i * n + j] = i == j ? Math.sqrt(s) : s / l[j * n + j];
      }
    }
    return l;
  }

  @Test
  void minimumDivergenceReparametrisesTheZeroMeanPrior() {
    Random rnd = new Random(21);
    GMMMachine ubm = Naive.randomUbm(rnd, 3, 2);
    List<GMMStats> sessions = Naive.randomSessions(rnd, 12, 3, 2);
    int r = 2;
    IVectorMachine base = IVectorMachine.builder(ubm, r).seed(4).build();
    IVectorStats st = base.eStep(sessions);
    IVectorMachine plain = base.mStep(st);
    IVectorMachine md = base.toBuilder().minimumDivergence(true).build().mStep(st);
    double[] phi = st.sumWW().data();
    for (int k = 0; k < phi.length; k++) {
      phi[k] /= sessions.size();
    }
    double[] l = cholesky(phi, r);
    // T_md = T_ml L, σ unchanged
    NumericAssert.assertAllClose(Naive.mul(plain.t().data(), l, 6, r, r), md.t().data(), ORACLE,
        "T L");
    assertArrayEquals(plain.sigma().data(), md.sigma().data());
    // the same model: the posterior under (T_ml, prior N(0, Φ)) is L times that under (T_md, N(0, I))
    double[] phiInv = Naive.inverse(phi, r);
    double[] sigma = plain.sigma().data();
    double[] t = plain.t().data();
    double[] m = ubm.meanSupervector();
    for (GMMStats s : sessions.subList(0, 4)) {
      double[] prec = Naive.posterior(t, r, sigma, s.n(), 2, new double[6])[1];
      double[] precision = Naive.inverse(prec, r);
      for (int i = 0; i < r; i++) {
        precision[i * r + i] -= 1.0;
      }
      for (int k = 0; k < r * r; k++) {
        precision[k] += phiInv[k];
      }
      double[] fc = new double[6];
      for (int q = 0; q < 6; q++) {
        fc[q] = s.sumPx(q / 2, q % 2) - s.n(q / 2) * m[q];
      }
      double[] tts = new double[r];
      for (int k = 0; k < r; k++) {
        for (int q = 0; q < 6; q++) {
          tts[k] += t[q * r + k] / sigma[q] * fc[q];
        }
      }
      double[] w = Naive.mul(Naive.inverse(precision, r), tts, r, r, 1);
      NumericAssert.assertAllClose(w, Naive.mul(l, md.project(s), r, r, 1),
          new Tolerance(1e-10, 1e-12), "posterior under the re-estimated prior");
    }
  }

  @Test
  void sigmaIsFlooredAfterUpdateAndKeptWithoutOccupancy() {
    Random rnd = new Random(22);
    GMMMachine ubm = Naive.randomUbm(rnd, 3, 2);
    List<GMMStats> sessions = Naive.randomSessions(rnd, 5, 3, 2);
    // component 2 never occupied
    List<GMMStats> zeroed = new java.util.ArrayList<>();
    for (GMMStats s : sessions) {
      double[] n = s.n();
      n[2] = 0;
      double[] f = s.sumPx().data().clone();
      double[] ss = s.sumPxx().data().clone();
      for (int j = 4; j < 6; j++) {
        f[j] = 0;
        ss[j] = 0;
      }
      zeroed.add(GMMStats.of(n, Matrix.wrap(3, 2, f), Matrix.wrap(3, 2, ss), 0, 1));
    }
    IVectorMachine m = IVectorMachine.builder(ubm, 2).varianceFloor(1e6).build();
    IVectorMachine next = m.mStep(m.eStep(zeroed));
    double[] s0 = m.sigma().data();
    double[] s1 = next.sigma().data();
    for (int q = 0; q < 4; q++) {
      assertEquals(1e6, s1[q], "floored");
    }
    assertEquals(s0[4], s1[4], "no occupancy: kept");
    assertEquals(s0[5], s1[5], "no occupancy: kept");
    double[] t = next.t().data();
    for (int k = 8; k < 12; k++) {
      assertEquals(0.0, t[k], "T_c = 0 when the accumulator is zero (bob)");
    }
  }

  @Test
  void fitIsDeterministicAndReportsIterations() {
    Random rnd = new Random(23);
    GMMMachine ubm = Naive.randomUbm(rnd, 3, 2);
    List<GMMStats> sessions = Naive.randomSessions(rnd, 10, 3, 2);
    IVectorMachine m = IVectorMachine.builder(ubm, 2).iterations(4).seed(7).build();
    IVectorMachine a = m.fit(sessions);
    IVectorMachine b = m.fit(sessions);
    assertArrayEquals(a.t().data(), b.t().data());
    assertEquals(4, a.report().iterations());
    IVectorMachine stopped = m.fit(sessions, (it, obj) -> it < 2);
    assertEquals(2, stopped.report().iterations());
    assertTrue(stopped.report().stoppedByMonitor());
    IVectorMachine back = IVectorMachine.fromParameters(ubm, a.t(), a.sigma());
    assertArrayEquals(a.transform(sessions).data(), back.transform(sessions).data());
    assertTrue(a.toString().contains("rank=2") && a.toString().contains("updateSigma=true"));
  }

  @Test
  void errorsNameParameterAndValue() {
    GMMMachine ubm = IVectorMachineParityTest.ubm(new double[] {0.5, 0.5});
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> IVectorMachine.builder(ubm, 7));
    assertTrue(rank.getMessage().contains("rank") && rank.getMessage().contains("7"));
    IVectorMachine.Builder b = IVectorMachine.builder(ubm, 2);
    IllegalArgumentException floor = assertThrows(IllegalArgumentException.class,
        () -> b.varianceFloor(-1));
    assertTrue(floor.getMessage().contains("varianceFloor"));
    IllegalArgumentException sigma = assertThrows(IllegalArgumentException.class,
        () -> b.sigma(Matrix.of(new double[][] {{1, 1, 1}, {1, 0, 1}})));
    assertTrue(sigma.getMessage().contains("sigma[4]"), sigma.getMessage());
    DimensionMismatchException t = assertThrows(DimensionMismatchException.class,
        () -> b.t(Matrix.zeros(6, 3)));
    assertTrue(t.getMessage().contains("6x3"));
    IVectorMachine m = b.build();
    DimensionMismatchException stats = assertThrows(DimensionMismatchException.class,
        () -> m.mStep(new IVectorStats(2, 3, 3)));
    assertTrue(stats.getMessage().contains("(2, 3, 3)"));
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> m.mStep(new IVectorStats(2, 3, 2)));
    assertTrue(empty.getMessage().contains("at least 1 session"));
    DimensionMismatchException shape = assertThrows(DimensionMismatchException.class,
        () -> m.project(GMMStats.of(new double[] {1, 1}, Matrix.zeros(2, 2), Matrix.zeros(2, 2),
            0, 1)));
    assertTrue(shape.getMessage().contains("2x2"));
    assertThrows(IllegalArgumentException.class, () -> m.fit(List.of()));
    DimensionMismatchException merge = assertThrows(DimensionMismatchException.class,
        () -> new IVectorStats(2, 3, 2).merge(new IVectorStats(2, 3, 1)));
    assertTrue(merge.getMessage().contains("(2, 3, 1)"));
  }
}
