package org.emkit.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.junit.jupiter.api.Test;

class GMMMachineWithReportTest {

  @Test
  void withReportChangesOnlyTheReport() {
    GMMMachine m = GMMMachine.builder(2).weights(new double[] {0.5, 0.5})
        .means(Matrix.of(new double[][] {{0}, {1}})).variances(Matrix.of(new double[][] {{1}, {2}}))
        .maxIterations(9).build();
    FitReport rep = new FitReport(2, true, false, new double[] {-3, -2});
    GMMMachine r = m.withReport(rep);
    assertEquals(m, r);
    assertSame(rep, r.report());
    assertEquals(9, r.maxIterations());
    assertSame(FitReport.NOT_FITTED, m.report());
    assertThrows(NullPointerException.class, () -> m.withReport(null));
  }
}
