package org.emkit.fisher.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.linear.SgdClassifier;
import org.emkit.linear.VectorSource;
import org.junit.jupiter.api.Test;

class ProductQuantizerTest {

  static Matrix data(int n, int d, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      double shift = (i % 3) * 2.0;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = shift + r.randn() * (1 + j % 2);
      }
    }
    return Matrix.wrap(n, d, x);
  }

  static double meanSquaredError(ProductQuantizer pq, Matrix x) {
    double s = 0;
    for (int i = 0; i < x.rows(); i++) {
      double[] v = x.row(i);
      double[] w = pq.decode(pq.encode(v));
      for (int j = 0; j < v.length; j++) {
        s += (v[j] - w[j]) * (v[j] - w[j]);
      }
    }
    return s / x.rows();
  }

  @Test
  void reconstructionErrorDecreasesAsBitsGrow() {
    Matrix x = data(1500, 8, 1);
    double previous = Double.POSITIVE_INFINITY;
    for (int bits = 1; bits <= 3; bits++) {
      ProductQuantizer pq = ProductQuantizer.builder(2, bits).kmeansIterations(10).build().fit(x);
      assertEquals(4, pq.numSubspaces());
      assertEquals((4 * 2 * bits + 7) / 8, pq.codeBytes());
      double mse = meanSquaredError(pq, x);
      assertTrue(mse < previous, bits + " bits: " + mse + " vs " + previous);
      previous = mse;
    }
  }

  @Test
  void adcDistanceEqualsTheDistanceToTheDecodedVector() {
    Matrix x = data(600, 12, 2);
    ProductQuantizer pq = ProductQuantizer.builder(3, 2).kmeansIterations(5).build().fit(x);
    double[] query = data(1, 12, 9).row(0);
    double[] table = pq.distanceTable(query);
    byte[][] db = new byte[50][];
    for (int i = 0; i < 50; i++) {
      db[i] = pq.encode(x.row(i));
      double[] dec = pq.decode(db[i]);
      double direct = 0;
      for (int j = 0; j < 12; j++) {
        direct += (query[j] - dec[j]) * (query[j] - dec[j]);
      }
      assertEquals(direct, pq.adcDistance(table, db[i]), 1e-12 * Math.max(1, direct));
    }
    int[] top = pq.search(query, db, 5);
    for (int k = 1; k < top.length; k++) {
      assertTrue(pq.adcDistance(table, db[top[k - 1]]) <= pq.adcDistance(table, db[top[k]]));
    }
  }

  @Test
  void codesRoundTripThroughBitPackingAndAreDeterministic() {
    Matrix x = data(400, 6, 3);
    ProductQuantizer a = ProductQuantizer.builder(3, 2).seed(5).kmeansIterations(5).build().fit(x);
    ProductQuantizer b = ProductQuantizer.builder(3, 2).seed(5).kmeansIterations(5).parallelism(2).build().fit(x);
    for (int m = 0; m < a.numSubspaces(); m++) {
      assertArrayEquals(a.codebook(m), b.codebook(m), "parallelism does not change codebook " + m);
    }
    byte[] code = a.encode(x.row(7));
    ProductQuantizer copy = ProductQuantizer.fromCodebooks(6, 3, 2, new double[][] {a.codebook(0), a.codebook(1)});
    assertArrayEquals(a.decode(code), copy.decode(code));
    for (int v = 0; v < 64; v++) {
      byte[] buf = new byte[3];
      Bits.write(buf, 5, 6, v);
      assertEquals(v, Bits.read(buf, 5, 6));
    }
  }

  @Test
  void sgdTrainsOnCompressedVectorsDecodedOnTheFly() {
    Matrix x = data(900, 8, 4);
    int[] y = new int[900];
    for (int i = 0; i < 900; i++) {
      y[i] = i % 3;
    }
    ProductQuantizer pq = ProductQuantizer.builder(4, 2).kmeansIterations(10).build().fit(x);
    List<byte[]> codes = new ArrayList<>();
    for (int i = 0; i < 900; i++) {
      codes.add(pq.encode(x.row(i)));
    }
    VectorSource compressed = new VectorSource() {
      @Override
      public int size() {
        return codes.size();
      }

      @Override
      public int dimension() {
        return 8;
      }

      @Override
      public void get(int index, double[] out) {
        System.arraycopy(pq.decode(codes.get(index)), 0, out, 0, 8);
      }
    };
    SgdClassifier raw = SgdClassifier.linearSvm().epochs(10).build().fit(x, y);
    SgdClassifier comp = SgdClassifier.linearSvm().epochs(10).build().fit(compressed, y);
    double accRaw = raw.accuracy(VectorSource.of(x), y);
    double accComp = comp.accuracy(VectorSource.of(x), y);
    assertTrue(accRaw > 0.8 && accComp > accRaw - 0.1, "raw " + accRaw + ", compressed " + accComp);
  }

  @Test
  void badInputIsTyped() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProductQuantizer.builder(8, 3));
    assertEquals("ProductQuantizer: bitsPerDimension*subvectorLength must be in [1, 16], got 3*8 = 24", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ProductQuantizer.builder(3, 1).build().fit(data(100, 8, 1)));
    assertEquals("ProductQuantizer.fit: subvectorLength (3) must divide the vector length 8", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ProductQuantizer.builder(2, 1).build().fit(Matrix.zeros(0, 4)));
    assertTrue(e.getMessage().contains("at least 1 vector"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ProductQuantizer.builder(4, 2).build().fit(data(100, 8, 1)));
    assertTrue(e.getMessage().contains("must be >= 2^(b*G) = 256"), e.getMessage());
  }

  @Test
  void nearestSelectionEqualsAFullSortWithTiesToTheLowerIndex() {
    NumpyRandom r = new NumpyRandom(11);
    for (int n : new int[] {0, 1, 5, 200}) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = Math.floor(r.rand() * 20);
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
      for (int k : new int[] {1, 3, 50, 300}) {
        int[] got = Nearest.smallest(d, k);
        assertEquals(Math.min(k, n), got.length);
        for (int i = 0; i < got.length; i++) {
          assertEquals(order[i].intValue(), got[i], "n " + n + ", r " + k + ", rank " + i);
        }
      }
    }
  }

  @Test
  void buildFittedKeepsHyperparametersAndRejectsBadCodebooks() {
    ProductQuantizer pq = ProductQuantizer.builder(2, 1).seed(9).kmeansIterations(3).maxTrainingVectors(40)
        .buildFitted(4, new double[][] {{0, 0, 1, 1, 5, 5, 6, 6}, {2, 2, 3, 3, 7, 7, 8, 8}});
    assertEquals(9, pq.seed());
    assertEquals(3, pq.kmeansIterations());
    assertEquals(40, pq.maxTrainingVectors());
    assertArrayEquals(new double[] {1, 1, 3, 3}, pq.decode(pq.encode(new double[] {0.9, 1.2, 2.8, 3.1})));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProductQuantizer.builder(3, 1).buildFitted(4, new double[][] {new double[6]}));
    assertEquals("ProductQuantizer.Builder.buildFitted: subvectorLength (3) must divide length 4", e.getMessage());
    assertThrows(org.emkit.core.DimensionMismatchException.class,
        () -> ProductQuantizer.builder(2, 1).buildFitted(4, new double[][] {new double[8]}));
    e = assertThrows(IllegalArgumentException.class,
        () -> ProductQuantizer.builder(2, 1).buildFitted(2, new double[][] {{0, Double.NaN, 1, 1, 2, 2, 3, 3}}));
    assertTrue(e.getMessage().contains("codebooks[0]") && e.getMessage().contains("NaN"), e.getMessage());
  }
}
