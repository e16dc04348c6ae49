package org.emkit.examples.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.emkit.scoring.VerificationMetrics;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class DetPlotTest {

  @Test
  void pointsAreClippedMonotoneAndEndAtTheCorners() {
    SplittableRandom r = new SplittableRandom(5);
    double[] t = new double[300];
    double[] n = new double[3000];
    for (int i = 0; i < t.length; i++) {
      t[i] = 1 + SyntheticFeatures.gaussian(r);
    }
    for (int i = 0; i < n.length; i++) {
      n[i] = SyntheticFeatures.gaussian(r);
    }
    double[][] p = DetPlot.points(t, n);
    double lo = VerificationMetrics.probit(DetPlot.LOW);
    double hi = VerificationMetrics.probit(DetPlot.HIGH);
    for (int k = 0; k < p[0].length; k++) {
      assertTrue(p[0][k] >= lo && p[0][k] <= hi && p[1][k] >= lo && p[1][k] <= hi);
      if (k > 0) {
        assertTrue(p[0][k] <= p[0][k - 1], "P_fa must not increase along the sweep");
        assertTrue(p[1][k] >= p[1][k - 1], "P_miss must not decrease along the sweep");
      }
    }
    // the sweep starts at (P_fa, P_miss) = (1, 0) and ends at (0, 1), clipped to the frame
    assertEquals(hi, p[0][0]);
    assertEquals(lo, p[1][0]);
    assertEquals(lo, p[0][p[0].length - 1]);
    assertEquals(hi, p[1][p[1].length - 1]);
    assertTrue(p[0].length < 3302, "points are thinned");
  }

  @Test
  void labelsArePercentages() {
    assertEquals("0.1", DetPlot.label(0.001));
    assertEquals("0.5", DetPlot.label(0.005));
    assertEquals("1", DetPlot.label(0.01));
    assertEquals("40", DetPlot.label(0.4));
  }

  @Test
  void chartHasOneSeriesPerCurvePlusTheDiagonal() {
    XYChart c = DetPlot.chart("t", List.of(
        new DetPlot.Curve("a", new double[] {1, 2}, new double[] {0, 1.5}),
        new DetPlot.Curve("b", new double[] {1, 2}, new double[] {3, 4})), 300, 200);
    assertEquals(3, c.getSeriesMap().size());
    assertTrue(c.getSeriesMap().containsKey("a (EER 50.00%)"), c.getSeriesMap().keySet()
        .toString());
    assertTrue(c.getSeriesMap().containsKey("b (EER 100.00%)"));
  }

  @Test
  void chartNeedsACurve() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DetPlot.chart("t", List.of(), 300, 200));
    assertTrue(e.getMessage().contains("curves must hold at least 1 curve, got 0"),
        e.getMessage());
  }
}
