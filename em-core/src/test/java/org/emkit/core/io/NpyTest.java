package org.emkit.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.emkit.core.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

  @TempDir Path dir;

  /**
   * Builds a version-1.0 .npy file by hand (fixture generator, documented here rather than
   * stored as binary): magic, version, little-endian header length, header, raw data.
   */
  static byte[] npyBytes(String header, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    out.write(0x93);
    out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
    out.write(1);
    out.write(0);
    out.write(h.length & 0xff);
    out.write(h.length >>> 8);
    out.writeBytes(h);
    out.writeBytes(data);
    return out.toByteArray();
  }

  private Path file(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  @Test
  void arraysCheckTheirShapeNamingTheClassAndCompareByValue() {
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
        () -> new NpyArray(new int[] {2, -1}, new double[0], "<f8"));
    assertTrue(neg.getMessage().startsWith("NpyArray: shape entries"), neg.getMessage());
    assertTrue(neg.getMessage().contains("[2, -1]"), neg.getMessage());
    org.emkit.core.DimensionMismatchException len = assertThrows(
        org.emkit.core.DimensionMismatchException.class,
        () -> new NpyArray(new int[] {2, 2}, new double[3], "<f8"));
    assertTrue(len.getMessage().contains("values has length 3 but shape [2, 2] holds 4"),
        len.getMessage());
    NpyArray a = new NpyArray(new int[] {1, 2}, new double[] {1, 2}, "<f8");
    NpyArray b = NpyArray.of(Matrix.of(new double[][] {{1, 2}}));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertTrue(!a.equals(new NpyArray(new int[] {2}, new double[] {1, 2}, "<f8")));
    assertTrue(!a.equals(new NpyArray(new int[] {1, 2}, new double[] {1, 2}, "<f4")));
    assertEquals("NpyArray[shape=[1, 2], dtype=<f8]", a.toString());
    assertEquals(1, new NpyArray(new int[0], new double[] {7}, "<f8").toMatrix().rows());
    assertEquals(Matrix.of(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}),
        new NpyArray(new int[] {2, 2, 2}, new double[] {1, 2, 3, 4, 5, 6, 7, 8}, "<f8").toMatrix());
  }

  @Test
  void roundTripIsBitwise() throws IOException {
    Matrix m = Matrix.of(new double[][] {{1.5, -2, Math.PI}, {Double.MIN_VALUE, 1e300, -0.0}});
    Path p = dir.resolve("m.npy");
    Npy.write(p, m);
    NpyArray a = Npy.read(p);
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertEquals("<f8", a.dtype());
    assertArrayEquals(m.data(), a.values());
    assertEquals(0, Files.size(p) % 64 == 0 ? 0 : (Files.size(p) - 48) % 8, "data aligned after header");
  }

  @Test
  void headerIsPaddedToSixtyFourBytesAsNumpyDoes() throws IOException {
    Path p = dir.resolve("v.npy");
    Npy.write(p, new double[] {1, 2, 3});
    byte[] b = Files.readAllBytes(p);
    int headerLen = (b[8] & 0xff) | ((b[9] & 0xff) << 8);
    assertEquals(0, (10 + headerLen) % 64);
    String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
    assertTrue(header.contains("'shape': (3,)"), header);
    assertEquals('\n', header.charAt(header.length() - 1));
  }

  @Test
  void readsFloat32IntAndBigEndian() throws IOException {
    ByteBuffer f32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-3f);
    NpyArray a = Npy.read(file("f.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n", f32.array())));
    assertArrayEquals(new double[] {0.5, -3}, a.values());
    ByteBuffer i64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-7).putLong(1L << 40);
    NpyArray b = Npy.read(file("i.npy", npyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }\n", i64.array())));
    assertArrayEquals(new double[] {-7, 1L << 40}, b.values());
    ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(2.25);
    NpyArray c = Npy.read(file("b.npy", npyBytes("{'descr': '>f8', 'fortran_order': False, 'shape': (), }\n", be.array())));
    assertEquals(0, c.ndim());
    assertArrayEquals(new double[] {2.25}, c.values());
    NpyArray u = Npy.read(file("u.npy", npyBytes("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }\n", new byte[] {(byte) 255, 3})));
    assertArrayEquals(new double[] {255, 3}, u.values());
  }

  @Test
  void fortranOrderIsRejectedWithAClearMessage() throws IOException {
    Path p = file("fo.npy", npyBytes("{'descr': '<f8', 'fortran_order': True, 'shape': (1, 1), }\n", new byte[8]));
    ArrayFormatException e = assertThrows(ArrayFormatException.class, () -> Npy.read(p));
    assertTrue(e.getMessage().contains("Fortran-order") && e.getMessage().contains("fo.npy"), e.getMessage());
  }

  @Test
  void unknownDtypeIsRejectedNamingIt() throws IOException {
    Path p = file("c.npy", npyBytes("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }\n", new byte[16]));
    ArrayFormatException e = assertThrows(ArrayFormatException.class, () -> Npy.read(p));
    assertTrue(e.getMessage().contains("'<c16'"), e.getMessage());
  }

  @Test
  void truncatedDataAndHeaderAreRejected() throws IOException {
    Path ok = dir.resolve("ok.npy");
    Npy.write(ok, new double[] {1, 2, 3, 4});
    byte[] all = Files.readAllBytes(ok);
    Path cut = file("cut.npy", Arrays.copyOf(all, all.length - 5));
    ArrayFormatException e = assertThrows(ArrayFormatException.class, () -> Npy.read(cut));
    assertTrue(e.getMessage().contains("truncated data") && e.getMessage().contains("expected 4"), e.getMessage());
    Path head = file("head.npy", Arrays.copyOf(all, 20));
    assertThrows(ArrayFormatException.class, () -> Npy.read(head));
    Path magic = file("magic.npy", "hello world, not numpy".getBytes(StandardCharsets.US_ASCII));
    ArrayFormatException m = assertThrows(ArrayFormatException.class, () -> Npy.read(magic));
    assertTrue(m.getMessage().contains("not a .npy file"), m.getMessage());
  }

  @Test
  void rowReaderStreamsBlocks() throws IOException {
    double[] v = new double[10 * 3];
    for (int k = 0; k < v.length; k++) {
      v[k] = k * 0.5;
    }
    Path p = dir.resolve("rows.npy");
    Npy.write(p, Matrix.wrap(10, 3, v));
    try (Npy.RowReader r = Npy.openRows(p)) {
      assertEquals(10, r.rows());
      assertEquals(3, r.cols());
      Matrix b1 = r.next(4);
      Matrix b2 = r.next(4);
      Matrix b3 = r.next(4);
      assertEquals(4, b1.rows());
      assertEquals(2, b3.rows());
      assertEquals(v[3 * 4], b2.get(0, 0));
      assertEquals(null, r.next(4));
    }
  }
}
