package org.emkit.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatrixTest {

  @Test
  void storesRowMajor() {
    Matrix m = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(2, m.rows());
    assertEquals(3, m.cols());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.data());
    assertEquals(6.0, m.get(1, 2));
    assertArrayEquals(new double[] {4, 5, 6}, m.row(1));
  }

  @Test
  void ofRejectsJaggedRowsNamingTheRow() {
    DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
        () -> Matrix.of(new double[][] {{1, 2}, {3}}));
    assertTrue(e.getMessage().contains("row 1 has length 1"), e.getMessage());
  }

  @Test
  void wrapRejectsWrongLengthWithBothSizes() {
    DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
        () -> Matrix.wrap(2, 2, new double[3]));
    assertTrue(e.getMessage().contains("length 3") && e.getMessage().contains("2*2"), e.getMessage());
  }

  @Test
  void copyOfAndAccessorsCopyWhileWrapShares() {
    double[] a = {1, 2, 3, 4};
    Matrix copied = Matrix.copyOf(2, 2, a);
    Matrix wrapped = Matrix.wrap(2, 2, a);
    a[0] = 99;
    assertEquals(1.0, copied.get(0, 0));
    assertEquals(99.0, wrapped.get(0, 0));
    copied.toArray()[1] = -1;
    copied.row(0)[1] = -1;
    assertEquals(2.0, copied.get(0, 1));
  }

  @Test
  void selectRowsTransposeAndRowRanges() {
    Matrix m = Matrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    assertEquals(Matrix.of(new double[][] {{5, 6}, {1, 2}, {5, 6}}), m.selectRows(new int[] {2, 0, 2}));
    assertEquals(Matrix.of(new double[][] {{1, 3, 5}, {2, 4, 6}}), m.transpose());
    assertEquals(Matrix.of(new double[][] {{3, 4}, {5, 6}}), m.rows(1, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> m.selectRows(new int[] {3}));
  }

  @Test
  void equalityIsExactAndShapeAware() {
    Matrix a = Matrix.wrap(1, 2, new double[] {1, 2});
    assertEquals(a, Matrix.wrap(1, 2, new double[] {1, 2}));
    assertEquals(a.hashCode(), Matrix.wrap(1, 2, new double[] {1, 2}).hashCode());
    assertNotEquals(a, Matrix.wrap(2, 1, new double[] {1, 2}));
    assertNotEquals(a, Matrix.wrap(1, 2, new double[] {1, Math.nextUp(2.0)}));
  }
}
