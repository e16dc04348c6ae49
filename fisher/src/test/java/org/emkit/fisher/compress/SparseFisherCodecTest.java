package org.emkit.fisher.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.linear.VectorSource;
import org.junit.jupiter.api.Test;

class SparseFisherCodecTest {

  /** Vectors of 6 blocks of 4 values; about half the blocks are exactly zero, as after thresholding. */
  static Matrix sparseVectors(int n, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[] x = new double[n * 24];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 6; k++) {
        if (r.rand() < 0.5 && k != i % 6) {
          continue;
        }
        for (int j = 0; j < 4; j++) {
          x[i * 24 + k * 4 + j] = r.randn() + k;
        }
      }
    }
    return Matrix.wrap(n, 24, x);
  }

  @Test
  void zeroBlocksStayExactlyZeroAndCostOnlyTheirFlag() {
    Matrix x = sparseVectors(800, 1);
    SparseFisherCodec codec = SparseFisherCodec.fit(VectorSource.of(x), 6,
        ProductQuantizer.builder(4, 1).kmeansIterations(8).build(), SparseFisherCodec.Renormalization.NONE);
    assertEquals(1, codec.flagBytes());
    long bytes = 0;
    for (int i = 0; i < 100; i++) {
      double[] v = x.row(i);
      byte[] code = codec.encode(v);
      double[] d = codec.decode(code);
      int nonZero = 0;
      for (int k = 0; k < 6; k++) {
        boolean zero = true;
        for (int j = 0; j < 4; j++) {
          zero &= v[k * 4 + j] == 0.0;
        }
        if (zero) {
          for (int j = 0; j < 4; j++) {
            assertEquals(0.0, d[k * 4 + j], "block " + k + " of vector " + i);
          }
        } else {
          nonZero++;
        }
      }
      assertEquals(1 + nonZero * codec.quantizer(0).codeBytes(), code.length);
      bytes += code.length;
    }
    assertTrue(bytes < 100 * 24 * 4 / 10, "compressed " + bytes + " bytes for 100 vectors");
  }

  @Test
  void l2RenormalisationGivesUnitVectors() {
    Matrix x = sparseVectors(600, 2);
    SparseFisherCodec codec = SparseFisherCodec.fit(VectorSource.of(x), 6,
        ProductQuantizer.builder(2, 2).kmeansIterations(5).build(), SparseFisherCodec.Renormalization.L2);
    List<byte[]> codes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      codes.add(codec.encode(x.row(i)));
    }
    VectorSource src = codec.source(codes);
    double[] buf = new double[24];
    for (int i = 0; i < 10; i++) {
      src.get(i, buf);
      double n = 0;
      for (double v : buf) {
        n += v * v;
      }
      assertEquals(1.0, n, 1e-12);
    }
  }

  @Test
  void errorsNameTheProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparseFisherCodec.fit(VectorSource.of(sparseVectors(10, 3)), 6,
            ProductQuantizer.builder(4, 2).build(), SparseFisherCodec.Renormalization.NONE));
    assertTrue(e.getMessage().contains("needs at least 2^(b*G) = 256"), e.getMessage());
    assertThrows(org.emkit.core.DimensionMismatchException.class,
        () -> SparseFisherCodec.fit(VectorSource.of(sparseVectors(10, 3)), 5,
            ProductQuantizer.builder(4, 1).build(), SparseFisherCodec.Renormalization.NONE));
  }

  /** Vectors of 5 blocks of 6 values (G = 4 does not divide 6: the codec pads each block to 8). */
  static Matrix oddBlocks(int n, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[] x = new double[n * 30];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 5; k++) {
        if (k == 2 && i % 4 == 0) {
          continue;
        }
        for (int j = 0; j < 6; j++) {
          x[i * 30 + k * 6 + j] = r.randn() * (1 + j % 3) + k;
        }
      }
    }
    return Matrix.wrap(n, 30, x);
  }

  private static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return s;
  }

  @Test
  void paddedBlocksDecodeToTheirLengthAndAdcEqualsTheDistanceToTheDecodedVector() {
    Matrix x = oddBlocks(400, 4);
    SparseFisherCodec codec = SparseFisherCodec.fit(VectorSource.of(x), 5,
        ProductQuantizer.builder(4, 1).kmeansIterations(5).build(), SparseFisherCodec.Renormalization.NONE);
    assertEquals(8, codec.quantizer(0).length());
    assertEquals(1, codec.blockCodeBytes());
    double[] book = codec.quantizer(3).codebook(1);
    for (int c = 0; c < 16; c++) {
      assertEquals(0.0, book[c * 4 + 2], "padded coordinate of centroid " + c);
      assertEquals(0.0, book[c * 4 + 3], "padded coordinate of centroid " + c);
    }
    double[] query = oddBlocks(3, 99).row(1);
    double[] table = codec.distanceTable(query);
    List<byte[]> db = new ArrayList<>();
    double[] direct = new double[60];
    for (int i = 0; i < 60; i++) {
      byte[] code = codec.encode(x.row(i));
      db.add(code);
      double[] dec = codec.decode(code);
      assertEquals(30, dec.length);
      direct[i] = squaredDistance(query, dec);
      assertEquals(direct[i], codec.adcDistance(table, code), 1e-12 * Math.max(1, direct[i]), "vector " + i);
      assertEquals(i % 4 == 0 ? 4 : 5, codec.nonZeroBlocks(code));
    }
    int[] top = codec.search(query, db, 7);
    Integer[] order = new Integer[60];
    for (int i = 0; i < 60; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(direct[a], direct[b]));
    for (int k = 0; k < 7; k++) {
      assertEquals(direct[order[k]], direct[top[k]], 1e-9, "rank " + k);
    }
  }

  @Test
  void fitIsBitwiseDeterministicForASeedAndAnyParallelism() {
    Matrix x = sparseVectors(700, 5);
    ProductQuantizer one = ProductQuantizer.builder(2, 2).kmeansIterations(6).maxTrainingVectors(150).seed(3).build();
    SparseFisherCodec a = SparseFisherCodec.fit(VectorSource.of(x), 6, one, SparseFisherCodec.Renormalization.NONE);
    SparseFisherCodec b = SparseFisherCodec.fit(VectorSource.of(x), 6, one.toBuilder().parallelism(3).build(),
        SparseFisherCodec.Renormalization.NONE);
    SparseFisherCodec otherSeed = SparseFisherCodec.fit(VectorSource.of(x), 6, one.toBuilder().seed(4).build(),
        SparseFisherCodec.Renormalization.NONE);
    boolean differs = false;
    for (int k = 0; k < 6; k++) {
      for (int m = 0; m < 2; m++) {
        assertArrayEquals(a.quantizer(k).codebook(m), b.quantizer(k).codebook(m), "block " + k + " sub-space " + m);
        differs |= !java.util.Arrays.equals(a.quantizer(k).codebook(m), otherSeed.quantizer(k).codebook(m));
      }
    }
    assertTrue(differs, "another seed draws other training blocks and other k-means++ seeds");
    for (int i = 0; i < 50; i++) {
      assertArrayEquals(a.encode(x.row(i)), b.encode(x.row(i)));
    }
  }

  @Test
  void renormalisationCopySharesTheQuantisersAndFromQuantizersRebuildsTheCodec() {
    Matrix x = sparseVectors(500, 6);
    SparseFisherCodec codec = SparseFisherCodec.fit(VectorSource.of(x), 6,
        ProductQuantizer.builder(2, 1).kmeansIterations(4).build(), SparseFisherCodec.Renormalization.NONE);
    SparseFisherCodec l2 = codec.withRenormalization(SparseFisherCodec.Renormalization.L2);
    assertSame(codec.quantizer(2), l2.quantizer(2));
    byte[] code = codec.encode(x.row(3));
    double[] plain = codec.decode(code);
    double[] unit = l2.decode(code);
    double norm = Math.sqrt(squaredDistance(plain, new double[24]));
    for (int j = 0; j < 24; j++) {
      assertEquals(plain[j] / norm, unit[j], 1e-15);
    }
    ProductQuantizer[] q = new ProductQuantizer[6];
    for (int k = 0; k < 6; k++) {
      q[k] = codec.quantizer(k);
    }
    SparseFisherCodec again = SparseFisherCodec.fromQuantizers(6, 4, q, SparseFisherCodec.Renormalization.NONE);
    assertArrayEquals(plain, again.decode(code));
  }

  @Test
  void badInputIsTypedAndNamesTheProblem() {
    ProductQuantizer template = ProductQuantizer.builder(2, 1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparseFisherCodec.fit(VectorSource.of(Matrix.zeros(0, 24)), 6, template,
            SparseFisherCodec.Renormalization.NONE));
    assertEquals("SparseFisherCodec.fit: training must have at least 1 vector, got 0", e.getMessage());
    Matrix bad = sparseVectors(50, 1);
    double[] data = bad.toArray();
    data[7 * 24 + 5] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> SparseFisherCodec.fit(
        VectorSource.of(Matrix.wrap(50, 24, data)), 6, template, SparseFisherCodec.Renormalization.NONE));
    assertEquals("SparseFisherCodec.fit: training[7, 5] is NaN; inputs must be finite", e.getMessage());
    SparseFisherCodec codec = SparseFisherCodec.fit(VectorSource.of(sparseVectors(300, 2)), 6, template,
        SparseFisherCodec.Renormalization.NONE);
    byte[] code = codec.encode(sparseVectors(300, 2).row(0));
    byte[] truncated = java.util.Arrays.copyOf(code, code.length - 1);
    e = assertThrows(IllegalArgumentException.class, () -> codec.decode(truncated));
    assertTrue(e.getMessage().startsWith("SparseFisherCodec.decodeInto: code has " + truncated.length
        + " bytes but its flags announce " + code.length), e.getMessage());
    ProductQuantizer[] mixed = {codec.quantizer(0), codec.quantizer(1), codec.quantizer(2), codec.quantizer(3),
        codec.quantizer(4), ProductQuantizer.fromCodebooks(4, 4, 1, new double[][] {new double[64]})};
    e = assertThrows(IllegalArgumentException.class,
        () -> SparseFisherCodec.fromQuantizers(6, 4, mixed, SparseFisherCodec.Renormalization.NONE));
    assertEquals("SparseFisherCodec.fromQuantizers: quantizers[5] has G = 4, b = 1 but quantizers[0] has G = 2,"
        + " b = 1", e.getMessage());
    assertThrows(org.emkit.core.DimensionMismatchException.class,
        () -> SparseFisherCodec.fromQuantizers(5, 4, mixed, SparseFisherCodec.Renormalization.NONE));
  }
}
