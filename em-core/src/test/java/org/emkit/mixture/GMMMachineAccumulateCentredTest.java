package org.emkit.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** Moments about the means (the Fisher-vector / VLAD accumulation) against oracles. */
class GMMMachineAccumulateCentredTest {

  private static GMMMachine machine(double shift) {
    double[] w = {0.5, 0.3, 0.2};
    Matrix mu = Matrix.of(new double[][] {{shift, shift + 1}, {shift + 2, shift - 1},
        {shift - 1.5, shift + 0.5}});
    Matrix var = Matrix.of(new double[][] {{1, 0.5}, {0.75, 1.25}, {0.5, 1}});
    return GMMMachine.fromParameters(w, mu, var);
  }

  /** Values on a 1/64 grid in [-4, 4]: adding a shift of 2^20 stays exact. */
  private static Matrix gridData(int n, double shift) {
    NumpyRandom r = new NumpyRandom(5);
    double[] x = new double[n * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = shift + Math.rint(64 * 2 * r.randn()) / 64;
    }
    return Matrix.wrap(n, 2, x);
  }

  @Test
  void centredMomentsEqualTheNaiveSumsForEveryRule() {
    GMMMachine m = machine(0);
    Matrix x = gridData(300, 0);
    for (PosteriorRule rule : new PosteriorRule[] {PosteriorRule.EXACT, PosteriorRule.HARD,
        PosteriorRule.truncate(1e-2), PosteriorRule.threshold(1e-2)}) {
      double[] post = m.toBuilder().posteriorRule(rule).build().posteriors(x).data();
      double[] s1 = new double[6];
      double[] s2 = new double[6];
      for (int i = 0; i < 300; i++) {
        for (int c = 0; c < 3; c++) {
          for (int j = 0; j < 2; j++) {
            double diff = x.get(i, j) - m.mean(c, j);
            s1[c * 2 + j] += post[i * 3 + c] * diff;
            s2[c * 2 + j] += post[i * 3 + c] * diff * diff;
          }
        }
      }
      GMMStats centred = new GMMStats(3, 2);
      m.accumulateCentred(x, 0, 300, centred, rule);
      NumericAssert.assertAllClose(s1, centred.sumPx().data(), Tolerance.KERNEL_VS_ORACLE,
          rule + " first order");
      NumericAssert.assertAllClose(s2, centred.sumPxx().data(), Tolerance.KERNEL_VS_ORACLE,
          rule + " second order");
      GMMStats raw = new GMMStats(3, 2);
      m.accumulate(x, 0, 300, raw, rule);
      assertArrayEquals(raw.n(), centred.n(), "same responsibilities");
      assertEquals(raw.logLikelihood(), centred.logLikelihood());
      assertEquals(raw.t(), centred.t());
    }
  }

  @Test
  void centredMomentsAreShiftInvariantWhereRawMomentsCancel() {
    double shift = 1 << 20;
    GMMMachine near = machine(0);
    GMMMachine far = machine(shift);
    Matrix x = gridData(2000, 0);
    Matrix y = gridData(2000, shift);
    GMMStats a = new GMMStats(3, 2);
    GMMStats b = new GMMStats(3, 2);
    near.accumulateCentred(x, 0, 2000, a, PosteriorRule.EXACT);
    far.accumulateCentred(y, 0, 2000, b, PosteriorRule.EXACT);
    // x − μ is computed exactly on both sides; the responsibilities differ only by the
    // log-likelihood kernel's rounding of −μ/σ (absolute error ≤ ε·|μ|/σ per feature, here
    // μ/σ ≈ 2^20), so the centred moments agree to ~1e-10 relative
    double[] sa = a.sumPxx().data();
    double[] sb = b.sumPxx().data();
    for (int t = 0; t < sa.length; t++) {
      assertEquals(sa[t], sb[t], 1e-9 * Math.abs(sa[t]), "centred second moment " + t);
      assertEquals(a.sumPx().data()[t], b.sumPx().data()[t], 1e-9 * Math.sqrt(sa[t] * a.n(t / 2)),
          "centred first moment " + t);
    }
    // the raw-moment route to the same quantity loses ~12 digits at this offset
    GMMStats raw = new GMMStats(3, 2);
    far.accumulate(y, 0, 2000, raw, PosteriorRule.EXACT);
    double worst = 0;
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 2; j++) {
        double mu = far.mean(c, j);
        double viaRaw = raw.sumPxx(c, j) - 2 * mu * raw.sumPx(c, j) + mu * mu * raw.n(c);
        worst = Math.max(worst, Math.abs(viaRaw - a.sumPxx(c, j)) / a.sumPxx(c, j));
      }
    }
    assertTrue(worst > 1e-6, "the raw form should visibly cancel here, worst " + worst);
  }

  @Test
  void vectorAndScalarCentredKernelsAgreeBitwise() {
    // awkward shapes: D not a multiple of 4 or 16, C odd, rows not a multiple of the tile
    int[][] shapes = {{1, 1, 1}, {7, 4, 3}, {64, 17, 5}, {33, 64, 7}, {9, 35, 1}, {5, 2, 9}, {130, 21, 6},
        {1024, 19, 3}};
    for (int[] sh : shapes) {
      int rows = sh[0];
      int d = sh[1];
      int c = sh[2];
      NumpyRandom r = new NumpyRandom(rows * 1000 + d * 10 + c);
      int from = 2;
      double[] x = r.normal(50, 2, (rows + from) * d);
      double[] mu = r.normal(50, 2, c * d);
      double[] post = r.rand(rows * c);
      for (int z = 0; z < post.length; z += 3) {
        post[z] = 0.0; // exact zeros are skipped
      }
      double[] n1 = r.rand(c);
      double[] n2 = n1.clone();
      double[] px1 = r.normal(0, 1, c * d);
      double[] px2 = px1.clone();
      double[] pxx1 = r.rand(c * d);
      double[] pxx2 = pxx1.clone();
      GmmVectorKernels.accumulate(x, from, rows, d, post, c, mu, n1, px1, pxx1,
          new int[rows * c], new int[c]);
      GmmKernels.accumulateScalar(x, from, rows, d, post, c, mu, n2, px2, pxx2);
      String shape = rows + "x" + d + " C=" + c;
      assertArrayEquals(n2, n1, "n " + shape);
      assertArrayEquals(px2, px1, "sumPx " + shape);
      assertArrayEquals(pxx2, pxx1, "sumPxx " + shape);
    }
  }

  @Test
  void accumulateCentredChecksItsArgumentsUnderItsOwnName() {
    GMMMachine m = machine(0);
    double[] bad = gridData(4, 0).toArray();
    bad[5] = Double.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.accumulateCentred(Matrix.wrap(4, 2, bad), 0, 4, new GMMStats(3, 2),
            PosteriorRule.EXACT));
    assertTrue(e.getMessage().contains("GMMMachine.accumulateCentred: x[2, 1] is NaN"),
        e.getMessage());
    DimensionMismatchException d = assertThrows(DimensionMismatchException.class,
        () -> m.accumulateCentred(gridData(4, 0), 0, 4, new GMMStats(2, 2),
            PosteriorRule.EXACT));
    assertTrue(d.getMessage().contains("2x2") && d.getMessage().contains("3x2"), d.getMessage());
  }
}
