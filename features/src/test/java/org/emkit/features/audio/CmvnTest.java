package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.Matrix;
import org.junit.jupiter.api.Test;

class CmvnTest {

  private static Matrix sample() {
    double[] v = TestSignals.noise(1, 200 * 4, 9);
    for (int i = 0; i < 200; i++) {
      v[i * 4] = 50 + 3 * v[i * 4]; // large offset, small spread
      v[i * 4 + 3] = 7; // constant column
    }
    return Matrix.wrap(200, 4, v);
  }

  @Test
  void meanAndVarianceGivesZeroMeanUnitStandardDeviation() {
    Matrix y = Cmvn.meanAndVariance().transform(sample());
    for (int j = 0; j < 3; j++) {
      double m = 0;
      for (int t = 0; t < 200; t++) {
        m += y.get(t, j) / 200;
      }
      double s = 0;
      for (int t = 0; t < 200; t++) {
        s += (y.get(t, j) - m) * (y.get(t, j) - m) / 200;
      }
      assertEquals(0.0, m, 1e-13, "mean of column " + j);
      assertEquals(1.0, Math.sqrt(s), 1e-13, "std of column " + j);
    }
    for (int t = 0; t < 200; t++) {
      assertEquals(0.0, y.get(t, 3), "a constant column is only centred");
    }
  }

  @Test
  void meanOnlyKeepsTheSpreadAndOrder() {
    Matrix x = sample();
    Matrix y = Cmvn.meanOnly().transform(x);
    double mean0 = 0;
    for (int t = 0; t < 200; t++) {
      mean0 += x.get(t, 0) / 200;
    }
    for (int t = 0; t < 200; t++) {
      assertEquals(x.get(t, 0) - mean0, y.get(t, 0), 1e-12);
    }
    assertTrue(Cmvn.meanAndVariance().normalizesVariance());
    assertTrue(!Cmvn.meanOnly().normalizesVariance());
  }

  @Test
  void handCaseAndEmptyInput() {
    Matrix y = Cmvn.meanAndVariance().transform(Matrix.of(new double[][] {{1}, {3}}));
    assertEquals(-1.0, y.get(0, 0));
    assertEquals(1.0, y.get(1, 0));
    assertEquals(0, Cmvn.meanAndVariance().transform(Matrix.zeros(0, 3)).rows());
  }

  @Test
  void rejectsNonFiniteValuesNamingTheCell() {
    Matrix x = Matrix.of(new double[][] {{1, 2}, {3, Double.NaN}});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cmvn.meanOnly().transform(x));
    assertTrue(e.getMessage().contains("x[1, 1]") && e.getMessage().contains("NaN"),
        e.getMessage());
  }
}
