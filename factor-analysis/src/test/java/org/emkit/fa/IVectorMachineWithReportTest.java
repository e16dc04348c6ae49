package org.emkit.fa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.Test;

class IVectorMachineWithReportTest {

  @Test
  void withReportKeepsParametersAndHyperparameters() {
    GMMMachine ubm = GMMMachine.builder(2).weights(new double[] {0.5, 0.5})
        .means(Matrix.of(new double[][] {{0, 1}, {1, 0}}))
        .variances(Matrix.of(new double[][] {{1, 1}, {2, 2}})).build();
    IVectorMachine m = IVectorMachine.builder(ubm, 2).iterations(4).seed(3).build();
    FitReport rep = new FitReport(4, false, false, new double[] {1, 0.5, 0.25, 0.1});
    IVectorMachine r = m.withReport(rep);
    assertSame(rep, r.report());
    assertEquals(m.t(), r.t());
    assertEquals(m.sigma(), r.sigma());
    assertEquals(4, r.iterations());
    assertEquals(3, r.seed());
  }
}
