package org.emkit.scoring;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.linear.LengthNormalization;
import org.emkit.linear.Projection;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class CalibrationAndCosineTest {

  @Test
  void calibrationRecoversTheTrueLlrMapOfGaussianScores() {
    // targets ~ N(1, 1), non-targets ~ N(−1, 1): the true LLR is 2s (slope 2, offset 0)
    NumpyRandom r = new NumpyRandom(3);
    double[] t = r.normal(1, 1, 20000);
    double[] n = r.normal(-1, 1, 20000);
    LinearCalibration cal = LinearCalibration.fit(t, n, 0.5);
    assertAllClose(new double[] {2, 0}, new double[] {cal.slope(), cal.offset()}, new Tolerance(0, 0.05));
    double raw = VerificationMetrics.cllr(t, n);
    double calibrated = VerificationMetrics.cllr(cal.apply(t), cal.apply(n));
    assertTrue(calibrated < raw, calibrated + " < " + raw);
    // shifting and scaling the raw scores does not change the calibrated result
    double[] t2 = new double[t.length];
    double[] n2 = new double[n.length];
    for (int k = 0; k < t.length; k++) {
      t2[k] = 3 * t[k] + 7;
      n2[k] = 3 * n[k] + 7;
    }
    LinearCalibration cal2 = LinearCalibration.fit(t2, n2, 0.5);
    assertAllClose(cal.apply(t), cal2.apply(t2), new Tolerance(1e-6, 1e-6));
  }

  @Test
  void calibrationIsMonotone() {
    NumpyRandom r = new NumpyRandom(4);
    LinearCalibration cal = LinearCalibration.fit(r.normal(2, 1, 300), r.normal(0, 2, 900), 0.1);
    assertTrue(cal.slope() > 0);
    double[] s = {-3, -1, 0, 1, 5};
    double[] l = cal.apply(s);
    for (int k = 1; k < s.length; k++) {
      assertTrue(l[k] > l[k - 1]);
    }
  }

  @Test
  void cllrAndActualDcfHandCases() {
    assertEquals(1.0, VerificationMetrics.cllr(new double[] {0, 0}, new double[] {0}), 1e-15);
    assertTrue(VerificationMetrics.cllr(new double[] {30}, new double[] {-30}) < 1e-12);
    // threshold 0 at P_T = 0.5: one miss of 2 targets, no false alarm → 0.5
    assertEquals(0.5, VerificationMetrics.actualDcf(new double[] {-1, 2}, new double[] {-3}, 0.5, 1, 1), 1e-15);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LinearCalibration.fit(new double[0], new double[] {1}, 0.5));
    assertTrue(e.getMessage().contains("at least 1 score"));
  }

  @Test
  void cosineScoringMatchesTheFormulaAndIgnoresLength() {
    Matrix m = Matrix.of(new double[][] {{1, 0}, {1, 1}});
    Matrix t = Matrix.of(new double[][] {{2, 0}, {0, 3}, {0, 0}});
    Matrix s = CosineScoring.of().score(m, t);
    assertAllClose(new double[] {1, 0, 0, Math.sqrt(0.5), Math.sqrt(0.5), 0}, s.data(), Tolerance.KERNEL_VS_ORACLE);
    // a projection chain is applied to both sides; doubling the axis 0 changes the cosine
    Projection stretch = new Projection(new double[] {0, 0}, new double[] {1, 1},
        Matrix.of(new double[][] {{2, 0}, {0, 1}}));
    assertAllClose(new double[] {2 / Math.sqrt(5)}, CosineScoring.of(stretch)
        .score(m.rows(1, 2), t.rows(0, 1)).data(), Tolerance.KERNEL_VS_ORACLE);
    Matrix unit = LengthNormalization.create().transform(Matrix.of(new double[][] {{3, 4}, {0, 0}}));
    assertAllClose(new double[] {0.6, 0.8, 0, 0}, unit.data(), Tolerance.KERNEL_VS_ORACLE);
  }
}
