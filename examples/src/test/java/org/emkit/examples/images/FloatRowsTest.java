package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.linear.VectorSource;
import org.junit.jupiter.api.Test;

class FloatRowsTest {

  @Test
  void storesRowsInSinglePrecisionAndSelectsViews() {
    FloatRows r = new FloatRows(3, 2);
    r.set(0, new double[] {9, 0.1, 0.2}, 1);
    r.set(2, new double[] {1.0 / 3, -5}, 0);
    double[] out = new double[2];
    r.get(0, out);
    assertArrayEquals(new double[] {(float) 0.1, (float) 0.2}, out);
    assertEquals((double) (float) (1.0 / 3), r.at(2, 0));
    VectorSource v = r.select(new int[] {2, 0});
    assertEquals(2, v.size());
    assertEquals(2, v.dimension());
    v.get(0, out);
    assertArrayEquals(new double[] {(float) (1.0 / 3), -5}, out);
    assertThrows(IndexOutOfBoundsException.class, () -> r.get(3, out));
    assertThrows(IndexOutOfBoundsException.class, () -> r.select(new int[] {5}));
  }

  @Test
  void refusesMoreThanOneArray() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FloatRows(70000, 40000));
    assertTrue(e.getMessage().contains("70000·40000"), e.getMessage());
  }
}
