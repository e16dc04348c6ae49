package org.emkit.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** The truncating rule (VLFeat's Fisher-vector posterior skip) against the exact posteriors. */
class PosteriorRuleTest {

  private static GMMMachine machine() {
    // well separated 2-D components so that many responsibilities fall below 1e-3
    double[] w = {0.5, 0.3, 0.2};
    Matrix mu = Matrix.of(new double[][] {{0, 0}, {3, 1}, {-2, 4}});
    Matrix var = Matrix.of(new double[][] {{1, 0.5}, {0.7, 1.2}, {0.4, 0.9}});
    return GMMMachine.fromParameters(w, mu, var);
  }

  private static Matrix data(int n) {
    NumpyRandom r = new NumpyRandom(11);
    double[] x = new double[n * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = 3 * r.randn();
    }
    return Matrix.wrap(n, 2, x);
  }

  @Test
  void truncateRejectsThetaOutsideTheOpenUnitIntervalNamingTheValue() {
    for (double bad : new double[] {0.0, 1.0, -0.5, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PosteriorRule.truncate(bad));
      assertTrue(e.getMessage().contains("PosteriorRule.truncate"), e.getMessage());
      assertTrue(e.getMessage().contains("theta"), e.getMessage());
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }

  @Test
  void truncateKeepsTheExactPosteriorsAboveThetaAndZeroesTheOthersWithoutRenormalising() {
    double theta = 1e-3;
    GMMMachine exact = machine();
    GMMMachine trunc = machine().toBuilder().posteriorRule(PosteriorRule.truncate(theta)).build();
    Matrix x = data(200);
    double[] pe = exact.posteriors(x).data();
    double[] pt = trunc.posteriors(x).data();
    int dropped = 0;
    boolean someRowBelowOne = false;
    for (int i = 0; i < 200; i++) {
      double rowSum = 0;
      for (int c = 0; c < 3; c++) {
        double e = pe[i * 3 + c];
        double t = pt[i * 3 + c];
        if (e < theta) {
          assertEquals(0.0, t, "row " + i + " component " + c);
          dropped++;
        } else {
          assertEquals(e, t, 0.0, "kept posteriors are the exact ones, bitwise");
        }
        rowSum += t;
      }
      someRowBelowOne |= rowSum < 1 - 1e-12;
    }
    assertTrue(dropped > 50, "the data must exercise the rule; dropped " + dropped);
    assertTrue(someRowBelowOne, "no renormalisation: some rows sum to less than 1");
  }

  @Test
  void accumulateWithTruncateSumsTheKeptExactPosteriors() {
    double theta = 1e-3;
    GMMMachine m = machine();
    Matrix x = data(150);
    double[] pe = m.posteriors(x).data();
    double[] n = new double[3];
    double[] px = new double[6];
    double[] pxx = new double[6];
    for (int i = 0; i < 150; i++) {
      for (int c = 0; c < 3; c++) {
        double g = pe[i * 3 + c];
        if (g < theta) {
          continue;
        }
        n[c] += g;
        for (int j = 0; j < 2; j++) {
          double v = x.get(i, j);
          px[c * 2 + j] += g * v;
          pxx[c * 2 + j] += g * v * v;
        }
      }
    }
    GMMStats s = new GMMStats(3, 2);
    m.accumulate(x, 0, 150, s, PosteriorRule.truncate(theta));
    NumericAssert.assertAllClose(n, s.n(), Tolerance.KERNEL_VS_ORACLE, "n");
    NumericAssert.assertAllClose(px, s.sumPx().data(), Tolerance.KERNEL_VS_ORACLE, "sumPx");
    NumericAssert.assertAllClose(pxx, s.sumPxx().data(), Tolerance.KERNEL_VS_ORACLE, "sumPxx");
    assertEquals(150, s.t());
    double total = 0;
    for (double v : s.n()) {
      total += v;
    }
    assertTrue(total < 150, "dropped mass is not redistributed: Σn = " + total);
  }

  @Test
  void truncateIsAValueWithItsOwnKind() {
    PosteriorRule a = PosteriorRule.truncate(1e-6);
    assertEquals(PosteriorRule.Kind.TRUNCATE, a.kind());
    assertEquals(1e-6, a.threshold());
    assertEquals(a, PosteriorRule.truncate(1e-6));
    assertEquals(a.hashCode(), PosteriorRule.truncate(1e-6).hashCode());
    assertNotEquals(a, PosteriorRule.threshold(1e-6));
    assertEquals("TRUNCATE(1.0E-6)", a.toString());
  }
}
