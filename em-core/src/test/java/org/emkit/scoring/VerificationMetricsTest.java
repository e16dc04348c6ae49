package org.emkit.scoring;

import static org.emkit.testing.NumericAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class VerificationMetricsTest {

  @Test
  void perfectSeparationHasZeroErrors() {
    double[] t = {3, 4, 5};
    double[] n = {0, 1, 2};
    assertEquals(0.0, VerificationMetrics.eer(t, n));
    assertEquals(0.0, VerificationMetrics.minDcf(t, n, 0.01, 1, 1));
  }

  @Test
  void completelyReversedScoresHaveEerOne() {
    assertEquals(1.0, VerificationMetrics.eer(new double[] {0, 1}, new double[] {2, 3}));
  }

  @Test
  void handCaseWithOneErrorOnEachSide() {
    // targets {2, 4, 5, 6}, non-targets {1, 2.5, 3, 7}: at θ = 3.5, P_miss = 1/4 and P_fa = 1/4
    assertEquals(0.25, VerificationMetrics.eer(new double[] {2, 4, 5, 6}, new double[] {1, 2.5, 3, 7}));
  }

  @Test
  void interpolatesBetweenSweepPoints() {
    // θ = 2: P_miss 0, P_fa 1/2; θ = 3: P_miss 1/2 (target 2 rejected? no) — computed by hand:
    // targets {1, 3}, non-targets {2}. θ=1: (0, 1); θ=2: (1/2, 1); θ=3: (1/2, 0); θ=∞: (1, 0)
    // P_fa − P_miss: 1, 1/2, −1/2 ⇒ crossing halfway between θ=2 and θ=3 ⇒ P_miss = 1/2
    assertEquals(0.5, VerificationMetrics.eer(new double[] {1, 3}, new double[] {2}));
  }

  @Test
  void gaussianScoresGiveTheTheoreticalEer() {
    NumpyRandom r = new NumpyRandom(1);
    double[] t = r.normal(2, 1, 40000);
    double[] n = r.normal(0, 1, 40000);
    // equal-variance Gaussians at distance 2: EER = Φ(−1) = 0.15866
    assertClose(0.15865525, VerificationMetrics.eer(t, n), new Tolerance(0.02, 0), "eer");
    double dcf = VerificationMetrics.minDcf(t, n, 0.5, 1, 1);
    assertClose(2 * 0.15865525, dcf, new Tolerance(0.03, 0), "min DCF at P_T = 0.5");
    DetCurve det = VerificationMetrics.detCurve(t, n);
    double[] pm = det.pMiss();
    double[] pf = det.pFa();
    for (int k = 1; k < det.size(); k++) {
      assertTrue(pm[k] >= pm[k - 1] && pf[k] <= pf[k - 1]);
    }
  }

  @Test
  void probitIsTheNormalQuantile() {
    assertEquals(0.0, VerificationMetrics.probit(0.5));
    assertClose(-1.0, VerificationMetrics.probit(0.15865525393145707), new Tolerance(1e-12, 0), "Φ⁻¹(Φ(−1))");
    assertClose(3.090232306167813, VerificationMetrics.probit(0.999), new Tolerance(1e-13, 0), "q(0.999)");
    assertClose(-8.292361405618372, VerificationMetrics.probit(5.55e-17), new Tolerance(1e-3, 0), "far tail");
  }

  @Test
  void badInputIsRejectedWithTheParameterName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VerificationMetrics.eer(new double[0], new double[] {1}));
    assertEquals("VerificationMetrics.eer: targets must have at least 1 score, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> VerificationMetrics.eer(new double[] {1}, new double[] {Double.NaN}));
    assertTrue(e.getMessage().contains("nontargets[0] is NaN"));
    e = assertThrows(IllegalArgumentException.class,
        () -> VerificationMetrics.minDcf(new double[] {1}, new double[] {0}, 1.5, 1, 1));
    assertEquals("VerificationMetrics.minDcf: pTarget must be in (0, 1), got 1.5", e.getMessage());
  }
}
