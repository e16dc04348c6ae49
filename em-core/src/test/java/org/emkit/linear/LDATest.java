package org.emkit.linear;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.Matrix;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class LDATest {

  /** Three Gaussian classes in 4-D with different means and a shared correlated covariance. */
  static Object[] data(long seed, int perClass) {
    NumpyRandom r = new NumpyRandom(seed);
    int d = 4;
    int n = 3 * perClass;
    double[] x = new double[n * d];
    int[] y = new int[n];
    double[][] centres = {{0, 0, 0, 0}, {3, 1, 0, 0}, {0, 4, 1, -1}};
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      y[i] = c * 5 - 2; // arbitrary label values
      double[] z = r.randn(d);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = centres[c][j] + z[j] + (j > 0 ? 0.7 * z[j - 1] : 0);
      }
    }
    return new Object[] {Matrix.wrap(n, d, x), y};
  }

  static double[][] scatter(Matrix x, int[] y, boolean within) {
    int d = x.cols();
    java.util.Map<Integer, double[]> means = new java.util.TreeMap<>();
    java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
    double[] mean = new double[d];
    for (int i = 0; i < x.rows(); i++) {
      double[] m = means.computeIfAbsent(y[i], k -> new double[d]);
      counts.merge(y[i], 1, Integer::sum);
      for (int j = 0; j < d; j++) {
        m[j] += x.get(i, j);
        mean[j] += x.get(i, j) / x.rows();
      }
    }
    for (var e : means.entrySet()) {
      for (int j = 0; j < d; j++) {
        e.getValue()[j] /= counts.get(e.getKey());
      }
    }
    double[][] s = new double[d][d];
    if (within) {
      for (int i = 0; i < x.rows(); i++) {
        double[] m = means.get(y[i]);
        for (int p = 0; p < d; p++) {
          for (int q = 0; q < d; q++) {
            s[p][q] += (x.get(i, p) - m[p]) * (x.get(i, q) - m[q]);
          }
        }
      }
    } else {
      for (var e : means.entrySet()) {
        double[] m = e.getValue();
        for (int p = 0; p < d; p++) {
          for (int q = 0; q < d; q++) {
            s[p][q] += counts.get(e.getKey()) * (m[p] - mean[p]) * (m[q] - mean[q]);
          }
        }
      }
    }
    return s;
  }

  @Test
  void directionsSolveTheGeneralisedEigenproblemAndWhitenWithinClassScatter() {
    Object[] dy = data(3, 60);
    Matrix x = (Matrix) dy[0];
    int[] y = (int[]) dy[1];
    LDA lda = LDA.create().fit(x, y);
    double[] lambda = lda.eigenvalues();
    assertEquals(2, lambda.length, "classes − 1 directions");
    assertTrue(lambda[0] >= lambda[1] && lambda[1] > 0);
    Matrix w = lda.projection().weights();
    double[][] sw = scatter(x, y, true);
    double[][] sb = scatter(x, y, false);
    int d = 4;
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        double v = 0;
        for (int p = 0; p < d; p++) {
          for (int q = 0; q < d; q++) {
            v += w.get(p, a) * sw[p][q] * w.get(q, b);
          }
        }
        assertEquals(a == b ? 1.0 : 0.0, v, 1e-10, "Wᵀ S_w W");
      }
      for (int p = 0; p < d; p++) {
        double lhs = 0;
        double rhs = 0;
        for (int q = 0; q < d; q++) {
          lhs += sb[p][q] * w.get(q, a);
          rhs += lambda[a] * sw[p][q] * w.get(q, a);
        }
        assertEquals(rhs, lhs, 1e-9 * Math.max(1, Math.abs(rhs)), "S_b w = λ S_w w");
      }
    }
  }

  @Test
  void twoClassDirectionIsSwInverseTimesMeanDifference() {
    Object[] dy = data(8, 50);
    Matrix x = (Matrix) dy[0];
    int[] y = ((int[]) dy[1]).clone();
    for (int i = 0; i < y.length; i++) {
      y[i] = y[i] == -2 ? 0 : 1;
    }
    Matrix w = LDA.create(1, 0, LDA.Normalization.UNIT_NORM).fit(x, y).projection().weights();
    // classic Fisher: w ∝ S_w⁻¹ (μ1 − μ0)
    double[][] sw = scatter(x, y, true);
    double[] m0 = new double[4];
    double[] m1 = new double[4];
    int n0 = 0;
    for (int i = 0; i < y.length; i++) {
      double[] m = y[i] == 0 ? m0 : m1;
      n0 += y[i] == 0 ? 1 : 0;
      for (int j = 0; j < 4; j++) {
        m[j] += x.get(i, j);
      }
    }
    double[] diff = new double[4];
    for (int j = 0; j < 4; j++) {
      diff[j] = m1[j] / (y.length - n0) - m0[j] / n0;
    }
    double[] swFlat = new double[16];
    for (int p = 0; p < 4; p++) {
      System.arraycopy(sw[p], 0, swFlat, p * 4, 4);
    }
    double[] inv = org.emkit.core.internal.Linalg.invertSpd(swFlat, 4);
    double[] dir = new double[4];
    double norm = 0;
    for (int p = 0; p < 4; p++) {
      for (int q = 0; q < 4; q++) {
        dir[p] += inv[p * 4 + q] * diff[q];
      }
      norm += dir[p] * dir[p];
    }
    double sign = Math.signum(dir[0] * w.get(0, 0));
    for (int p = 0; p < 4; p++) {
      dir[p] = sign * dir[p] / Math.sqrt(norm);
    }
    assertAllClose(dir, w.transpose().data(), new Tolerance(1e-9, 1e-12));
  }

  @Test
  void errorsAreTypedWithRemedies() {
    Matrix x = Matrix.of(new double[][] {{1, 1}, {2, 2}, {3, 3}, {4, 4}});
    NumericalFailureException e = assertThrows(NumericalFailureException.class,
        () -> LDA.create().fit(x, new int[] {0, 0, 1, 1}));
    assertTrue(e.getMessage().contains("within-class scatter is not positive definite")
        && e.getMessage().contains("regularization"), e.getMessage());
    LDA ridge = LDA.create(0, 1e-3, LDA.Normalization.WITHIN_CLASS).fit(x, new int[] {0, 0, 1, 1});
    assertEquals(1, ridge.transform(x).cols());
    IllegalArgumentException i = assertThrows(IllegalArgumentException.class,
        () -> LDA.create().fit(x, new int[] {3, 3, 3, 3}));
    assertEquals("LDA.fit: labels must contain at least 2 classes, got 1", i.getMessage());
    i = assertThrows(IllegalArgumentException.class,
        () -> LDA.create(2, 1e-3, LDA.Normalization.WITHIN_CLASS).fit(x, new int[] {0, 0, 1, 1}));
    assertTrue(i.getMessage().contains("dimension must be in [1, min(classes − 1, D) = 1], got 2"), i.getMessage());
  }
}
