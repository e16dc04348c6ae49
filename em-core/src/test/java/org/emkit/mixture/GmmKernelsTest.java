package org.emkit.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.internal.FastExp;
import org.emkit.core.internal.VectorSupport;
import org.emkit.core.random.NumpyRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels perform exactly the scalar kernels' operations: results are compared
 * bitwise on random inputs of awkward sizes (D not a multiple of 4 or 16, C odd, row counts not
 * multiples of the 4-row tile).
 */
class GmmKernelsTest {

  @Test
  void testJvmRunsTheVectorKernels() {
    assertTrue(VectorSupport.ENABLED, "tests must exercise the Vector API path (--add-modules jdk.incubator.vector)");
  }

  @Test
  void vectorAndScalarKernelsAgreeBitwise() {
    int[][] shapes = {{1, 1, 1}, {3, 3, 2}, {7, 4, 3}, {64, 17, 5}, {33, 64, 7}, {9, 35, 1}, {64, 16, 256},
        {6, 5, 13}, {5, 2, 9}, {130, 21, 6}, {1024, 19, 3}};
    for (int[] sh : shapes) {
      int rows = sh[0];
      int d = sh[1];
      int c = sh[2];
      NumpyRandom r = new NumpyRandom(rows * 1000 + d * 10 + c);
      int from = 2;
      double[] x = r.normal(0, 2, (rows + from) * d);
      double[] mu = r.normal(0, 2, c * d);
      double[] iv = r.rand(c * d);
      for (int k = 0; k < iv.length; k++) {
        iv[k] = 0.3 + iv[k];
      }
      double[] lc = r.normal(-5, 1, c);
      double[] scaleT = new double[c * d];
      double[] shiftT = new double[c * d];
      for (int k = 0; k < c; k++) {
        for (int j = 0; j < d; j++) {
          double scale = 1.0 / Math.sqrt(1.0 / iv[k * d + j]);
          scaleT[j * c + k] = scale;
          shiftT[j * c + k] = -mu[k * d + j] * scale;
        }
      }
      double[] a = new double[rows * c];
      double[] b = new double[rows * c];
      GmmVectorKernels.logWeightedLikelihoods(x, from, rows, d, c, scaleT, shiftT, lc, a);
      GmmKernels.logWeightedLikelihoodsScalar(x, from, rows, d, c, scaleT, shiftT, lc, b, 0);
      for (int i = 0; i < rows; i++) {
        for (int k = 0; k < c; k++) {
          // the documented operation sequence, exactly
          double s = 0;
          // the textbook formula Σ (x − μ)² / σ², within rounding
          double naive = 0;
          for (int j = 0; j < d; j++) {
            double e = Math.fma(x[(from + i) * d + j], scaleT[j * c + k], shiftT[j * c + k]);
            s = Math.fma(e, e, s);
            double diff = x[(from + i) * d + j] - mu[k * d + j];
            naive += diff * diff * iv[k * d + j];
          }
          assertEquals(lc[k] - 0.5 * s, b[i * c + k], "formula " + i + "," + k);
          assertEquals(naive, s, 1e-13 * (naive + d), "textbook formula " + i + "," + k);
        }
      }
      String shape = rows + "x" + d + " C=" + c;
      assertArrayEquals(b, a, "log-likelihoods " + shape);
      double[] a2 = a.clone();
      double[] b2 = b.clone();
      for (int i = 0; i < rows; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
          max = Math.max(max, a[i * c + k]);
        }
        assertEquals(GmmKernels.expShiftedSum(b2, i * c, c, max),
            GmmVectorKernels.expShiftedSum(a2, i * c, c, max), "exp sum " + shape);
      }
      assertArrayEquals(b2, a2, "exponentials " + shape);
      double[] post = r.rand(rows * c);
      post[0] = 0.0; // exercised skip of exact zeros
      double[] n1 = r.rand(c);
      double[] n2 = n1.clone();
      double[] px1 = r.normal(0, 1, c * d);
      double[] px2 = px1.clone();
      double[] pxx1 = r.rand(c * d);
      double[] pxx2 = pxx1.clone();
      GmmVectorKernels.accumulate(x, from, rows, d, post, c, null, n1, px1, pxx1,
          new int[rows * c], new int[c]);
      GmmKernels.accumulateScalar(x, from, rows, d, post, c, null, n2, px2, pxx2);
      assertArrayEquals(n2, n1, "n " + shape);
      assertArrayEquals(px2, px1, "sumPx " + shape);
      assertArrayEquals(pxx2, pxx1, "sumPxx " + shape);
    }
  }

  @Test
  void fastExpIsWithinTwoUlpsOfMathExp() {
    NumpyRandom r = new NumpyRandom(9);
    double worst = 0;
    for (int t = 0; t < 200000; t++) {
      double x = t < 100000 ? -708 * r.rand() : -40 * r.rand();
      double e = Math.exp(x);
      double f = FastExp.exp(x);
      double ulps = Math.abs(f - e) / Math.ulp(e);
      worst = Math.max(worst, ulps);
    }
    assertTrue(worst <= 2.0, "worst error " + worst + " ulp");
    assertEquals(1.0, FastExp.exp(0.0));
    assertEquals(0.0, FastExp.exp(-709));
    assertEquals(0.0, FastExp.exp(Double.NEGATIVE_INFINITY));
  }
}
