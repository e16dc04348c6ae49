package org.emkit.mixture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Regression test for the boxing of the vector accumulation kernel: once the zero-skipping
 * branch had been taken (HARD, threshold or truncate rules, or underflowing posteriors), C2
 * boxed the loop-carried vector accumulators and the E-step allocated about 0.5 MB per row at
 * C = 256, D = 64. In steady state the per-call cost must not grow with the number of rows.
 */
class GMMMachineAllocationTest {

  private static final PosteriorRule[] RULES = {PosteriorRule.EXACT, PosteriorRule.HARD,
      PosteriorRule.truncate(1e-6), PosteriorRule.threshold(1e-4)};

  @Test
  @Tag("slow")
  void accumulationAllocatesNothingPerRowWhateverTheRuleHistory() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    int c = 16;
    int d = 23; // 16-wide, 4-wide and scalar feature loops
    NumpyRandom r = new NumpyRandom(3);
    double[] w = new double[c];
    java.util.Arrays.fill(w, 1.0 / c);
    double[] var = new double[c * d];
    java.util.Arrays.fill(var, 1.0);
    GMMMachine g = GMMMachine.fromParameters(w, Matrix.wrap(c, d, r.normal(0, 2, c * d)),
        Matrix.wrap(c, d, var));
    Matrix x = g.sample(4096, 4);
    long growth = Long.MAX_VALUE;
    // warm up with every rule (the profile that used to trigger boxing) until C2 has compiled
    // the kernels; stop as soon as a steady state without per-row allocation is seen
    for (int round = 0; round < 60 && growth >= 4096; round++) {
      growth = 0;
      for (PosteriorRule rule : RULES) {
        for (boolean centred : new boolean[] {false, true}) {
          GMMStats s = new GMMStats(c, d);
          long a0 = bean.getThreadAllocatedBytes(id);
          run(g, x, 256, s, rule, centred);
          long a1 = bean.getThreadAllocatedBytes(id);
          run(g, x, 4096, s, rule, centred);
          long a2 = bean.getThreadAllocatedBytes(id);
          growth = Math.max(growth, (a2 - a1) - (a1 - a0));
        }
      }
    }
    // 3840 more rows: less than about one byte each (a boxed 4-lane vector is ~64 bytes)
    assertTrue(growth < 4096, "allocation grows with the rows by " + growth + " bytes");
  }

  private static void run(GMMMachine g, Matrix x, int rows, GMMStats s, PosteriorRule rule,
      boolean centred) {
    if (centred) {
      g.accumulateCentred(x, 0, rows, s, rule);
    } else {
      g.accumulate(x, 0, rows, s, rule);
    }
  }
}
