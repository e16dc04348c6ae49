package org.emkit.fisher.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
