package org.emkit.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.junit.jupiter.api.Test;

class CheckTest {

  @Test
  void atLeastNamesOwnerParameterIntervalAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Check.atLeast("KMeansMachine", "numClusters", 0, 1));
    assertEquals("KMeansMachine: numClusters must be in [1, inf), got 0", e.getMessage());
    assertEquals(5, Check.atLeast("X", "n", 5, 1));
  }

  @Test
  void doubleChecksRejectNaN() {
    assertThrows(IllegalArgumentException.class, () -> Check.atLeast("X", "v", Double.NaN, 0.0));
    assertThrows(IllegalArgumentException.class, () -> Check.positive("X", "v", Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Check.nonNegative("X", "v", Double.NaN));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Check.inOpenClosed("X", "alpha", 0.0, 0.0, 1.0));
    assertEquals("X: alpha must be in (0.0, 1.0], got 0.0", e.getMessage());
  }

  @Test
  void finiteMatrixNamesTheFirstBadCell() {
    Matrix m = Matrix.of(new double[][] {{1, 2}, {3, Double.NaN}, {Double.POSITIVE_INFINITY, 0}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Check.finite("GMMMachine.fit", "x", m));
    assertEquals("GMMMachine.fit: x[1, 1] is NaN; inputs must be finite", e.getMessage());
  }

  @Test
  void columnsNamesBothShapes() {
    Matrix m = Matrix.zeros(4, 39);
    DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
        () -> Check.columns("GMMMachine.scoreSamples", "x", m, 60, "the model has D"));
    assertEquals("GMMMachine.scoreSamples: x has 39 columns (shape 4x39) but the model has D = 60",
        e.getMessage());
    assertSame(m, Check.columns("O", "x", m, 39, "D"));
  }

  @Test
  void nonEmptyRejectsZeroRows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Check.nonEmpty("KMeansMachine.fit", "x", Matrix.zeros(0, 3)));
    assertEquals("KMeansMachine.fit: x must have at least 1 row, got 0 rows (shape 0x3)", e.getMessage());
  }
}
