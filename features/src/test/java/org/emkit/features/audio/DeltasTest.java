package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.Matrix;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class DeltasTest {

  @Test
  void deltasOfALinearRampAreConstantAwayFromTheEnds() {
    int t = 30;
    double[] x = new double[t * 2];
    for (int i = 0; i < t; i++) {
      x[2 * i] = 0.5 * i + 3; // slope 0.5
      x[2 * i + 1] = -2.0 * i; // slope -2
    }
    Matrix m = Matrix.wrap(t, 2, x);
    for (int window = 1; window <= 3; window++) {
      Matrix all = Deltas.append(m, 2, window);
      assertEquals(6, all.cols());
      for (int i = 2 * window; i < t - 2 * window; i++) {
        assertEquals(0.5, all.get(i, 2), 1e-12, "Δ at " + i);
        assertEquals(-2.0, all.get(i, 3), 1e-12, "Δ at " + i);
        assertEquals(0.0, all.get(i, 4), 1e-12, "ΔΔ at " + i);
        assertEquals(0.0, all.get(i, 5), 1e-12, "ΔΔ at " + i);
      }
    }
    // Hand value at the first frame, M = 2, first frame replicated backwards:
    // Σ m (x_m − x_0) / (2 Σ m²) = (1·0.5 + 2·1.0) / 10 = 0.25.
    assertEquals(0.25, Deltas.delta(m, 2).get(0, 0), 1e-15);
  }

  @Test
  void matchesTheRegressionFormulaWithClampedIndices() {
    Matrix x = Matrix.wrap(9, 3, TestSignals.noise(1, 27, 5));
    int window = 2;
    double[] expected = new double[27];
    for (int t = 0; t < 9; t++) {
      for (int j = 0; j < 3; j++) {
        double num = 0;
        for (int m = 1; m <= window; m++) {
          num += m * (x.get(Math.min(t + m, 8), j) - x.get(Math.max(t - m, 0), j));
        }
        expected[t * 3 + j] = num / 10.0;
      }
    }
    NumericAssert.assertAllClose(Matrix.wrap(9, 3, expected), Deltas.delta(x, window),
        Tolerance.KERNEL_VS_ORACLE);
    Matrix appended = Deltas.append(x, 1, window);
    for (int t = 0; t < 9; t++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(x.get(t, j), appended.get(t, j));
        assertEquals(expected[t * 3 + j], appended.get(t, 3 + j), 1e-15);
      }
    }
  }

  @Test
  void edgeCasesKeepShape() {
    assertEquals(0, Deltas.append(Matrix.zeros(0, 4), 2, 2).rows());
    assertEquals(12, Deltas.append(Matrix.zeros(0, 4), 2, 2).cols());
    Matrix one = Matrix.rowVector(1, 2);
    assertEquals(Matrix.rowVector(1, 2, 0, 0), Deltas.append(one, 1, 2));
    assertEquals(one, Deltas.append(one, 0, 2));
  }

  @Test
  void rejectsInvalidOrderAndWindow() {
    IllegalArgumentException o = assertThrows(IllegalArgumentException.class,
        () -> Deltas.append(Matrix.zeros(2, 2), 3, 2));
    assertTrue(o.getMessage().contains("Deltas.append: order") && o.getMessage().contains("got 3"),
        o.getMessage());
    IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
        () -> Deltas.delta(Matrix.zeros(2, 2), 0));
    assertTrue(w.getMessage().contains("Deltas.delta: window") && w.getMessage().contains("got 0"),
        w.getMessage());
  }
}
