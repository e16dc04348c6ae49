package org.emkit.features.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.DimensionMismatchException;
import org.junit.jupiter.api.Test;

class IdxArrayTest {

  @Test
  void unsignedBytesReadAsZeroTo255AndAreCopied() {
    byte[] v = {0, (byte) 128, (byte) 255, 7};
    IdxArray a = IdxArray.ofUnsignedBytes(new int[] {2, 2}, v);
    v[0] = 99;
    assertArrayEquals(new double[] {0, 128, 255, 7}, a.toDoubleArray());
    int[] shape = a.shape();
    shape[0] = 5;
    assertArrayEquals(new int[] {2, 2}, a.shape());
    assertEquals(2, a.rank());
    assertEquals(2, a.dimension(1));
    double[] out = new double[5];
    a.copyTo(1, 3, out, 2);
    assertArrayEquals(new double[] {0, 0, 128, 255, 7}, out);
  }

  @Test
  void integerTypesRejectValuesTheyCannotHold() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IdxArray.of(IdxType.UNSIGNED_BYTE, new int[] {2}, new double[] {1, 256}));
    assertEquals("IdxArray.of: values[1] must be an integer in [0, 255], got 256.0",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> IdxArray.of(IdxType.SHORT, new int[] {1}, new double[] {0.5}));
    assertTrue(e.getMessage().contains("values[0]") && e.getMessage().contains("0.5"));
    e = assertThrows(IllegalArgumentException.class,
        () -> IdxArray.of(IdxType.INT, new int[] {1}, new double[] {Double.NaN}));
    assertTrue(e.getMessage().contains("NaN"));
  }

  @Test
  void shapeErrorsNameTheParameter() {
    DimensionMismatchException d = assertThrows(DimensionMismatchException.class,
        () -> IdxArray.of(IdxType.DOUBLE, new int[] {2, 2}, new double[3]));
    assertTrue(d.getMessage().contains("length 3") && d.getMessage().contains("4 elements"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IdxArray.of(IdxType.DOUBLE, new int[] {2, -1}, new double[0]));
    assertEquals("IdxArray.of: shape[1] must be in [0, inf), got -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> IdxArray.of(IdxType.DOUBLE, new int[0], new double[0]));
    assertTrue(e.getMessage().contains("between 1 and 255") && e.getMessage().contains("got 0"));
  }

  @Test
  void floatingPointArraysHaveNoIntView() {
    IdxArray a = IdxArray.of(IdxType.FLOAT, new int[] {1}, new double[] {0.1});
    assertEquals((double) 0.1f, a.get(0));
    assertThrows(UnsupportedOperationException.class, a::toIntArray);
  }

  @Test
  void equalityIsByTypeShapeAndValues() {
    IdxArray a = IdxArray.of(IdxType.INT, new int[] {2}, new double[] {1, 2});
    assertEquals(a, IdxArray.of(IdxType.INT, new int[] {2}, new double[] {1, 2}));
    assertEquals(a.hashCode(), IdxArray.of(IdxType.INT, new int[] {2}, new double[] {1, 2})
        .hashCode());
    assertNotEquals(a, IdxArray.of(IdxType.SHORT, new int[] {2}, new double[] {1, 2}));
    assertNotEquals(a, IdxArray.of(IdxType.INT, new int[] {1, 2}, new double[] {1, 2}));
    assertTrue(a.toString().contains("INT") && a.toString().contains("[2]"));
  }
}
