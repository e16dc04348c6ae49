package org.emkit.fa;

import java.util.List;
import java.util.Random;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Naive oracles (test level 2): the latent posteriors and the accumulators of ISV, JFA and the
 * i-vector model recomputed from their defining formulas with full CD×CD matrices and explicit
 * inverses ({@link Naive}), on seeded random problems.
 *
 * <p>Tolerance: the same mathematics in a different order (Cholesky solves and packed storage
 * against Gauss–Jordan inverses of full matrices): rtol 1e-12 plus atol 1e-12 for entries that
 * are sums with cancellation (values here are of order 1).
 */
class FactorModelOracleTest {

  private static final Tolerance ORACLE = new Tolerance(1e-12, 1e-12);
  private static final int C = 3;
  private static final int D = 2;
  private static final int CD = C * D;

  private static double[] centred(GMMStats s, double[] m, double[] shift, double[] vy) {
    double[] out = new double[CD];
    for (int q = 0; q < CD; q++) {
      double n = s.n(q / D);
      out[q] = s.sumPx(q / D, q % D) - n * (m[q] + (shift == null ? 0 : shift[q]))
          - (vy == null ? 0 : n * vy[q]);
    }
    return out;
  }

  private static double[] full(double[] packed, int offset, int r) {
    double[] f = new double[r * r];
    FaKernels.unpack(packed, offset, r, f);
    return f;
  }

  private static JFAMachine randomJfa(Random rnd, GMMMachine ubm, Numerics numerics) {
    return JFAMachine.builder(ubm, 2, 3).u(Naive.randomMatrix(rnd, CD, 2, 0.7))
        .v(Naive.randomMatrix(rnd, CD, 3, 0.7)).d(Naive.randomVector(rnd, CD, 0.8))
        .numerics(numerics).build();
  }

  @Test
  void sessionFactorPosteriorMatchesExplicitInverse() {
    Random rnd = new Random(11);
    for (int trial = 0; trial < 5; trial++) {
      GMMMachine ubm = Naive.randomUbm(rnd, C, D);
      JFAMachine m = randomJfa(rnd, ubm, Numerics.STANDARD);
      FactorModel fm = m.model();
      GMMStats s = Naive.randomStats(rnd, C, D);
      double[] shift = Naive.randomVector(rnd, CD, 0.5);
      double[] vy = Naive.randomVector(rnd, CD, 0.5);
      Identity id = new Identity(fm.ubm, List.of(s));
      FactorModel.Workspace ws = fm.workspace(1);
      fm.latentX(id, shift, vy, ws, true);
      double[] n = s.n();
      double[][] oracle = Naive.posterior(m.u().data(), 2, ubm.varianceSupervector(), n, D,
          centred(s, ubm.meanSupervector(), shift, vy));
      NumericAssert.assertAllClose(oracle[0], java.util.Arrays.copyOf(ws.x, 2), ORACLE, "E[x]");
      NumericAssert.assertAllClose(oracle[1], full(ws.prec, 0, 2), ORACLE, "Cov[x]");
    }
  }

  @Test
  void identityFactorPosteriorMatchesExplicitInverseForBothSigns() {
    Random rnd = new Random(12);
    for (Numerics numerics : Numerics.values()) {
      GMMMachine ubm = Naive.randomUbm(rnd, C, D);
      JFAMachine m = randomJfa(rnd, ubm, numerics);
      FactorModel fm = m.model();
      List<GMMStats> sessions = Naive.randomSessions(rnd, 3, C, D);
      Identity id = new Identity(fm.ubm, sessions);
      double[] xs = Naive.randomVector(rnd, 3 * 2, 0.6);
      double[] z = Naive.randomVector(rnd, CD, 0.6);
      FactorModel.Workspace ws = fm.workspace(3);
      fm.latentY(id, xs, z, ws, true);
      double sign = numerics == Numerics.STANDARD ? 1 : -1;
      double[] dd = m.d();
      double[] mm = ubm.meanSupervector();
      double[] u = m.u().data();
      double[] fn = new double[CD];
      for (int q = 0; q < CD; q++) {
        fn[q] = id.fSum[q] - id.nSum[q / D] * (mm[q] + sign * dd[q] * z[q]);
        for (int h = 0; h < 3; h++) {
          double ux = u[q * 2] * xs[2 * h] + u[q * 2 + 1] * xs[2 * h + 1];
          fn[q] -= sessions.get(h).n(q / D) * ux;
        }
      }
      double[][] oracle = Naive.posterior(m.v().data(), 3, ubm.varianceSupervector(), id.nSum, D,
          fn);
      NumericAssert.assertAllClose(oracle[0], ws.y.clone(), ORACLE, "E[y] " + numerics);
      NumericAssert.assertAllClose(oracle[1], full(ws.precV, 0, 3), ORACLE, "Cov[y] " + numerics);
    }
  }

  @Test
  void residualPosteriorMatchesFullMatrixFormula() {
    Random rnd = new Random(13);
    GMMMachine ubm = Naive.randomUbm(rnd, C, D);
    JFAMachine m = randomJfa(rnd, ubm, Numerics.STANDARD);
    FactorModel fm = m.model();
    List<GMMStats> sessions = Naive.randomSessions(rnd, 2, C, D);
    Identity id = new Identity(fm.ubm, sessions);
    double[] xs = Naive.randomVector(rnd, 2 * 2, 0.6);
    double[] vy = Naive.randomVector(rnd, CD, 0.6);
    FactorModel.Workspace ws = fm.workspace(2);
    fm.latentZ(id, xs, vy, ws);
    double[] u = m.u().data();
    double[] mm = ubm.meanSupervector();
    double[] fn = new double[CD];
    for (int q = 0; q < CD; q++) {
      fn[q] = id.fSum[q] - id.nSum[q / D] * (mm[q] + vy[q]);
      for (int h = 0; h < 2; h++) {
        fn[q] -= sessions.get(h).n(q / D) * (u[q * 2] * xs[2 * h] + u[q * 2 + 1] * xs[2 * h + 1]);
      }
    }
    double[] diagD = new double[CD * CD];
    double[] dd = m.d();
    for (int q = 0; q < CD; q++) {
      diagD[q * CD + q] = dd[q];
    }
    double[][] oracle = Naive.posterior(diagD, CD, ubm.varianceSupervector(), id.nSum, D, fn);
    NumericAssert.assertAllClose(oracle[0], ws.z.clone(), ORACLE, "E[z]");
    double[] var = new double[CD];
    for (int q = 0; q < CD; q++) {
      var[q] = oracle[1][q * CD + q];
    }
    NumericAssert.assertAllClose(var, ws.dPost.clone(), ORACLE, "Var[z]");
  }

  @Test
  void isvAccumulatorsMatchTheirDefinition() {
    Random rnd = new Random(14);
    GMMMachine ubm = Naive.randomUbm(rnd, C, D);
    ISVMachine m = ISVMachine.builder(ubm, 2).u(Naive.randomMatrix(rnd, CD, 2, 0.7))
        .relevanceFactor(2.5).build();
    List<GMMStats> stats = Naive.randomSessions(rnd, 5, C, D);
    int[] labels = {0, 1, 0, 1, 1};
    SubspaceStats acc = m.eStep(stats, labels);
    double[] mm = ubm.meanSupervector();
    double[] sigma = ubm.varianceSupervector();
    double[] u = m.u().data();
    double[] dd = m.d();
    double[][] a1 = new double[C][4];
    double[] a2 = new double[CD * 2];
    for (int i = 0; i < 2; i++) {
      List<GMMStats> mine = new java.util.ArrayList<>();
      for (int h = 0; h < 5; h++) {
        if (labels[h] == i) {
          mine.add(stats.get(h));
        }
      }
      double[][][] post = new double[mine.size()][][];
      double[] nSum = new double[C];
      double[] fz = new double[CD];
      for (int h = 0; h < mine.size(); h++) {
        GMMStats s = mine.get(h);
        post[h] = Naive.posterior(u, 2, sigma, s.n(), D, centred(s, mm, null, null));
        for (int q = 0; q < CD; q++) {
          fz[q] += s.sumPx(q / D, q % D) - s.n(q / D) * mm[q]
              - s.n(q / D) * (u[2 * q] * post[h][0][0] + u[2 * q + 1] * post[h][0][1]);
        }
        for (int c = 0; c < C; c++) {
          nSum[c] += s.n(c);
        }
      }
      double[] shift = new double[CD];
      for (int q = 0; q < CD; q++) {
        double prec = 1 + dd[q] * dd[q] / sigma[q] * nSum[q / D];
        shift[q] = dd[q] * (dd[q] / sigma[q] * fz[q] / prec);
      }
      for (int h = 0; h < mine.size(); h++) {
        GMMStats s = mine.get(h);
        double[] x = post[h][0];
        double[] fn = centred(s, mm, shift, null);
        for (int c = 0; c < C; c++) {
          for (int k = 0; k < 4; k++) {
            a1[c][k] += s.n(c) * (post[h][1][k] + x[k / 2] * x[k % 2]);
          }
        }
        for (int q = 0; q < CD; q++) {
          a2[2 * q] += fn[q] * x[0];
          a2[2 * q + 1] += fn[q] * x[1];
        }
      }
    }
    for (int c = 0; c < C; c++) {
      NumericAssert.assertAllClose(a1[c], acc.a1(c).data(), ORACLE, "A1_" + c);
    }
    NumericAssert.assertAllClose(a2, acc.a2().data(), ORACLE, "A2");
    // M-step: U_c = A2_c inv(A1_c)
    double[] newU = m.mStep(acc).u().data();
    for (int c = 0; c < C; c++) {
      double[] block = java.util.Arrays.copyOfRange(a2, c * D * 2, (c + 1) * D * 2);
      NumericAssert.assertAllClose(Naive.mul(block, Naive.inverse(a1[c], 2), D, 2, 2),
          java.util.Arrays.copyOfRange(newU, c * D * 2, (c + 1) * D * 2), ORACLE, "U_" + c);
    }
  }

  @Test
  void ivectorStatisticsAndMStepMatchTheirDefinition() {
    Random rnd = new Random(15);
    GMMMachine ubm = Naive.randomUbm(rnd, C, D);
    int r = 3;
    Matrix sigma0 = Naive.randomMatrix(rnd, C, D, 0.1);
    double[] sv = sigma0.data();
    for (int k = 0; k < sv.length; k++) {
      sv[k] = 0.6 + Math.abs(sv[k]);
    }
    IVectorMachine m = IVectorMachine.builder(ubm, r).t(Naive.randomMatrix(rnd, CD, r, 0.8))
        .sigma(sigma0).varianceFloor(1e-3).build();
    List<GMMStats> sessions = Naive.randomSessions(rnd, 7, C, D);
    IVectorStats st = m.eStep(sessions);
    double[] mm = ubm.meanSupervector();
    double[] t = m.t().data();
    double[][] a = new double[C][r * r];
    double[] fnorm = new double[CD * r];
    double[] snorm = new double[CD];
    double[] nij = new double[C];
    double[] sumW = new double[r];
    for (GMMStats s : sessions) {
      double[] fc = centred(s, mm, null, null);
      double[][] post = Naive.posterior(t, r, sv, s.n(), D, fc);
      for (int c = 0; c < C; c++) {
        nij[c] += s.n(c);
        for (int k = 0; k < r * r; k++) {
          a[c][k] += s.n(c) * (post[1][k] + post[0][k / r] * post[0][k % r]);
        }
      }
      for (int q = 0; q < CD; q++) {
        double f = s.sumPx(q / D, q % D);
        snorm[q] += s.sumPxx(q / D, q % D) - 2 * f * mm[q] + s.n(q / D) * mm[q] * mm[q];
        for (int k = 0; k < r; k++) {
          fnorm[q * r + k] += fc[q] * post[0][k];
        }
      }
      for (int k = 0; k < r; k++) {
        sumW[k] += post[0][k];
      }
      NumericAssert.assertAllClose(post[0], m.project(s), ORACLE, "i-vector");
    }
    for (int c = 0; c < C; c++) {
      NumericAssert.assertAllClose(a[c], st.nijSigmaWij2(c).data(), ORACLE, "nijSigmaWij2_" + c);
    }
    NumericAssert.assertAllClose(fnorm, st.fnormSigmaWij().data(), ORACLE, "fnormSigmaWij");
    NumericAssert.assertAllClose(snorm, st.snormij().data(), ORACLE, "snormij");
    NumericAssert.assertAllClose(nij, st.nij(), ORACLE, "nij");
    NumericAssert.assertAllClose(sumW, st.sumW(), ORACLE, "sumW");
    IVectorMachine next = m.mStep(st);
    double[] newT = next.t().data();
    double[] newSigma = next.sigma().data();
    for (int c = 0; c < C; c++) {
      double[] block = java.util.Arrays.copyOfRange(fnorm, c * D * r, (c + 1) * D * r);
      double[] tc = Naive.mul(block, Naive.inverse(a[c], r), D, r, r);
      NumericAssert.assertAllClose(tc, java.util.Arrays.copyOfRange(newT, c * D * r,
          (c + 1) * D * r), ORACLE, "T_" + c);
      for (int j = 0; j < D; j++) {
        int q = c * D + j;
        double dot = 0;
        for (int k = 0; k < r; k++) {
          dot += fnorm[q * r + k] * tc[j * r + k];
        }
        double expected = Math.max(1e-3, (snorm[q] - dot) / nij[c]);
        NumericAssert.assertClose(expected, newSigma[q], ORACLE, "sigma_" + q);
      }
    }
  }
}
