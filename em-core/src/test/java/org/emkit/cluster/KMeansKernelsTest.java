package org.emkit.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emkit.core.random.NumpyRandom;
import org.junit.jupiter.api.Test;

/** Vector and scalar distance kernels agree bitwise and equal the plain formula (fused). */
class KMeansKernelsTest {

  @Test
  void vectorScalarAndFormulaAgreeBitwiseOnAwkwardSizes() {
    int[][] shapes = {{1, 1, 1}, {3, 2, 5}, {7, 5, 3}, {64, 17, 13}, {9, 64, 256}, {5, 3, 8}};
    for (int[] sh : shapes) {
      int rows = sh[0];
      int d = sh[1];
      int k = sh[2];
      NumpyRandom r = new NumpyRandom(rows + 31L * d + 7L * k);
      double[] x = r.normal(0, 3, (rows + 1) * d);
      double[] mu = r.normal(0, 3, k * d);
      double[] ct = KMeansKernels.transpose(mu, k, d);
      double[] a = new double[rows * k];
      double[] b = new double[rows * k];
      KMeansVectorKernels.distances(x, 1, rows, d, ct, k, a);
      KMeansKernels.distancesScalar(x, 1, rows, d, ct, k, b, 0);
      assertArrayEquals(b, a, rows + "x" + d + " K=" + k);
      for (int i = 0; i < rows; i++) {
        for (int c = 0; c < k; c++) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            double e = x[(1 + i) * d + j] - mu[c * d + j];
            s = Math.fma(e, e, s);
          }
          assertEquals(s, b[i * k + c]);
        }
      }
    }
  }
}
