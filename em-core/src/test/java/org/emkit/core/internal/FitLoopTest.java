package org.emkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.emkit.core.FitMonitor;
import org.emkit.core.FitReport;
import org.junit.jupiter.api.Test;

class FitLoopTest {

  private static final System.Logger LOG = System.getLogger(FitLoopTest.class.getName());

  /** Runs a loop over the given objectives until it stops; returns its report. */
  private static FitReport run(FitLoop loop, double... objectives) {
    int k = 0;
    while (loop.running()) {
      loop.record(objectives[k++]);
    }
    return loop.report();
  }

  private static FitLoop converging(int max, double threshold) {
    return FitLoop.converging("Test.fit", "objective", LOG, FitMonitor.NONE, max, threshold);
  }

  @Test
  void stopsWhenTheRelativeChangeReachesTheThreshold() {
    // changes: |(10 - 5)/10| = 0.5, |(5 - 4.9)/5| = 0.02 <= 0.05
    FitReport r = run(converging(10, 0.05), 10, 5, 4.9, 1, 1);
    assertEquals(3, r.iterations());
    assertTrue(r.converged());
    assertFalse(r.stoppedByMonitor());
    assertArrayEquals(new double[] {10, 5, 4.9}, r.objectives());
  }

  @Test
  void aRepeatedValueConvergesEvenFromZeroOrInfinity() {
    assertTrue(run(converging(5, 0.0), 0, 0, 7).converged());
    FitReport inf = run(converging(5, 0.0), Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
    assertEquals(2, inf.iterations());
    assertTrue(inf.converged());
  }

  @Test
  void aChangeFromZeroToNonZeroIsInfinite() {
    FitReport r = run(converging(2, 1e300), 0, 1);
    assertEquals(2, r.iterations());
    assertFalse(r.converged());
  }

  @Test
  void runsAllIterationsWithoutConvergence() {
    FitLoop loop = converging(4, 1e-9);
    FitReport r = run(loop, 8, 4, 2, 1);
    assertEquals(4, r.iterations());
    assertFalse(r.converged());
    assertEquals(0.5, loop.lastChange());
    assertTrue(Double.isNaN(converging(1, 0).lastChange()));
  }

  @Test
  void theMonitorSeesEveryIterationAndItsStopWinsOverConvergence() {
    List<String> seen = new ArrayList<>();
    FitMonitor stopAtTwo = (iteration, objective) -> {
      seen.add(iteration + ":" + objective);
      return iteration < 2;
    };
    FitLoop loop = FitLoop.converging("Test.fit", "objective", LOG, stopAtTwo, 10, 0.5);
    FitReport r = run(loop, 1, 1, 1);
    assertEquals(List.of("1:1.0", "2:1.0"), seen);
    assertEquals(2, r.iterations());
    assertTrue(r.stoppedByMonitor());
    assertFalse(r.converged());
  }

  @Test
  void theScaledDifferenceRuleIsTestedEvenOnAStoppedIteration() {
    FitLoop plain = FitLoop.convergingOnScaledDifference("Test.fit", "ll", LOG, FitMonitor.NONE,
        10, 0.1);
    // |(-95) - (-100)| = 5 <= 0.1 * 100 = 10 at iteration 2; 0 -> 0 converges (0 <= 0)
    FitReport r = run(plain, -100, -95, -94);
    assertEquals(2, r.iterations());
    assertTrue(r.converged());
    assertTrue(run(FitLoop.convergingOnScaledDifference("Test.fit", "ll", LOG, FitMonitor.NONE,
        5, 0), 0, 0, 1).converged());
    FitLoop stopped = FitLoop.convergingOnScaledDifference("Test.fit", "ll", LOG,
        (iteration, objective) -> iteration < 2, 10, 0.1);
    FitReport both = run(stopped, -100, -95, -94);
    assertEquals(2, both.iterations());
    assertTrue(both.converged());
    assertTrue(both.stoppedByMonitor());
  }

  @Test
  void aFixedLoopNeverConvergesAndMayRunZeroIterations() {
    FitReport r = run(FitLoop.withoutConvergence("Test.fit", "change", LOG, FitMonitor.NONE, 3),
        1, 1, 1);
    assertEquals(3, r.iterations());
    assertFalse(r.converged());
    FitLoop none = FitLoop.withoutConvergence("Test.fit", "change", LOG, FitMonitor.NONE, 0);
    assertFalse(none.running());
    assertEquals(0, none.report().iterations());
  }

  @Test
  void keepsObjectivesBeyondTheInitialCapacity() {
    double[] values = new double[200];
    for (int k = 0; k < values.length; k++) {
      values[k] = 1000 - k;
    }
    FitReport r = run(FitLoop.withoutConvergence("Test.fit", "x", LOG, FitMonitor.NONE, 200),
        values);
    assertArrayEquals(values, r.objectives());
  }
}
