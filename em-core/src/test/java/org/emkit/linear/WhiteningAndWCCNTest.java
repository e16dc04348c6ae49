package org.emkit.linear;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.Numerics;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.Tolerance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class WhiteningAndWCCNTest {

  static double[] covariance(Matrix y) {
    int n = y.rows();
    int d = y.cols();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += y.get(i, j) / n;
      }
    }
    double[] c = new double[d * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          c[j * d + k] += (y.get(i, j) - mean[j]) * (y.get(i, k) - mean[k]) / (n - 1);
        }
      }
    }
    return c;
  }

  static double[] identity(int d) {
    double[] e = new double[d * d];
    for (int j = 0; j < d; j++) {
      e[j * d + j] = 1;
    }
    return e;
  }

  @Property(tries = 50)
  void whitenedTrainingDataHasIdentityCovariance(@ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll @IntRange(min = 0, max = 50) int extra, @ForAll @LongRange(min = 0, max = 10000) long seed) {
    int n = d + 2 + extra;
    NumpyRandom r = new NumpyRandom(seed);
    double[] a = r.normal(0, 1, n * d);
    for (int i = 0; i < n; i++) {
      for (int j = 1; j < d; j++) {
        a[i * d + j] += 0.5 * a[i * d + j - 1] + 3;
      }
    }
    Matrix x = Matrix.wrap(n, d, a);
    Matrix y = Whitening.create().fit(x).transform(x);
    assertAllClose(identity(d), covariance(y), new Tolerance(1e-8, 1e-8));
  }

  @Test
  void standardWccnWhitensTheAverageClassCovariance() {
    NumpyRandom r = new NumpyRandom(4);
    int d = 3;
    int[] sizes = {5, 9, 14};
    int n = 28;
    double[] a = new double[n * d];
    int[] labels = new int[n];
    int row = 0;
    for (int k = 0; k < 3; k++) {
      double[] centre = r.normal(0, 5, d);
      for (int s = 0; s < sizes[k]; s++, row++) {
        labels[row] = 10 * k + 7; // arbitrary labels, not 0..K-1
        for (int j = 0; j < d; j++) {
          a[row * d + j] = centre[j] + r.randn() * (j + 1);
        }
      }
    }
    Matrix x = Matrix.wrap(n, d, a);
    WCCN w = WCCN.create().fit(x, labels);
    // oracle: S = mean over classes of the biased class covariance; W Wᵀ must equal S⁻¹, i.e. Wᵀ S W = I
    double[] s = new double[d * d];
    row = 0;
    for (int k = 0; k < 3; k++) {
      Matrix cls = x.rows(row, row + sizes[k]);
      double[] cov = covariance(cls);
      for (int q = 0; q < d * d; q++) {
        s[q] += cov[q] * (sizes[k] - 1) / sizes[k] / 3;
      }
      row += sizes[k];
    }
    double[] wm = w.weights().data();
    double[] wtsw = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        for (int p = 0; p < d; p++) {
          for (int q = 0; q < d; q++) {
            wtsw[i * d + j] += wm[p * d + i] * s[p * d + q] * wm[q * d + j];
          }
        }
      }
      for (int j = i + 1; j < d; j++) {
        assertEquals(0.0, wm[i * d + j], "W is lower triangular");
      }
    }
    assertAllClose(identity(d), wtsw, new Tolerance(1e-10, 1e-10));
    // with equal class sizes the bob definition differs by the constant factor n_k
    WCCN bob = WCCN.create(Inversion.EXACT, Numerics.BOB_COMPATIBLE).fit(x.rows(0, 10), new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
    WCCN std = WCCN.create().fit(x.rows(0, 10), new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
    double[] scaled = bob.weights().toArray();
    for (int q = 0; q < scaled.length; q++) {
      scaled[q] *= Math.sqrt(5);
    }
    assertAllClose(std.weights().data(), scaled, new Tolerance(1e-10, 1e-12));
  }

  @Test
  void singularCovarianceGivesATypedErrorWithARemedy() {
    Matrix dup = Matrix.of(new double[][] {{1, 1}, {2, 2}, {3, 3}, {4, 4.0}});
    NumericalFailureException e = assertThrows(NumericalFailureException.class, () -> Whitening.create().fit(dup));
    assertTrue(e.getMessage().startsWith("Whitening.fit: covariance of x is not positive definite"), e.getMessage());
    assertTrue(e.getMessage().contains("remove duplicated"));
    e = assertThrows(NumericalFailureException.class, () -> WCCN.create().fit(dup, new int[] {0, 0, 1, 1}));
    assertTrue(e.getMessage().contains("within-class covariance"), e.getMessage());
    assertThrows(NumericalFailureException.class, () -> Whitening.create(Inversion.PSEUDO).fit(dup));
  }

  @Test
  void badInputsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Whitening.create().fit(Matrix.rowVector(1, 2)));
    assertEquals("Whitening.fit: x must have at least 2 rows for an unbiased covariance, got 1", e.getMessage());
    DimensionMismatchException dm = assertThrows(DimensionMismatchException.class,
        () -> WCCN.create().fit(Matrix.zeros(3, 2), new int[] {0, 1}));
    assertTrue(dm.getMessage().contains("labels has length 2") && dm.getMessage().contains("N = 3"));
    assertThrows(NotFittedException.class, () -> Whitening.create().transform(Matrix.zeros(1, 2)));
    Whitening w = Whitening.create().fit(WhiteningAndWCCNParityTest.X);
    dm = assertThrows(DimensionMismatchException.class, () -> w.transform(Matrix.zeros(1, 2)));
    assertTrue(dm.getMessage().contains("2 columns") && dm.getMessage().contains("D = 3"));
  }
}
