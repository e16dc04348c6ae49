package org.emkit.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class PCATest {

  /** Eigen-equation residuals and covariances of sums: a few hundred ulps of the data scale. */
  private static final Tolerance DECOMPOSITION = new Tolerance(1e-9, 1e-11);

  /** Correlated Gaussian data: x = μ + z A with a fixed mixing matrix A (D = 4). */
  private static Matrix correlated(int n, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[][] a = {{2.0, 0.3, 0.0, 0.1}, {0.0, 1.0, 0.5, 0.0}, {0.4, 0.0, 0.5, 0.2},
        {0.0, 0.1, 0.0, 0.05}};
    double[] mu = {5, -3, 10, 0.5};
    double[] x = new double[n * 4];
    double[] z = new double[4];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        z[j] = r.randn();
      }
      for (int j = 0; j < 4; j++) {
        double s = mu[j];
        for (int q = 0; q < 4; q++) {
          s += z[q] * a[q][j];
        }
        x[i * 4 + j] = s;
      }
    }
    return Matrix.wrap(n, 4, x);
  }

  /** Naive two-pass unbiased covariance, straight from the definition. */
  private static double[][] covariance(Matrix x) {
    int n = x.rows();
    int d = x.cols();
    double[] mu = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mu[j] += x.get(i, j) / n;
      }
    }
    double[][] c = new double[d][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        for (int q = 0; q < d; q++) {
          c[j][q] += (x.get(i, j) - mu[j]) * (x.get(i, q) - mu[q]) / (n - 1);
        }
      }
    }
    return c;
  }

  @Test
  void pointsOnALineGiveThatLineAsFirstComponent() {
    // x = (1, 1) + t (1, 2), t = -2..2: the axis is (1, 2)/√5, variance 5·var(t) = 5·2.5
    double[][] rows = new double[5][];
    for (int t = -2; t <= 2; t++) {
      rows[t + 2] = new double[] {1 + t, 1 + 2 * t};
    }
    PCA p = PCA.builder(1).build().fit(Matrix.of(rows));
    double s = Math.sqrt(5);
    NumericAssert.assertAllClose(new double[] {1 / s, 2 / s}, p.components().data(),
        Tolerance.KERNEL_VS_ORACLE);
    NumericAssert.assertAllClose(new double[] {12.5}, p.explainedVariance(), DECOMPOSITION);
    NumericAssert.assertAllClose(new double[] {1, 1}, p.mean(), Tolerance.KERNEL_VS_ORACLE);
    NumericAssert.assertAllClose(new double[] {1.0}, p.explainedVarianceRatio(), DECOMPOSITION);
    // the point t = 2 projects to t·√5
    Matrix y = p.transform(Matrix.of(new double[][] {{3, 5}}));
    NumericAssert.assertAllClose(new double[] {2 * s}, y.data(), DECOMPOSITION);
  }

  @Test
  void componentsSolveTheEigenEquationOfTheNaiveCovarianceInDecreasingOrder() {
    for (PCA.Solver solver : PCA.Solver.values()) {
      Matrix x = correlated(500, 1);
      PCA p = PCA.builder(4).solver(solver).build().fit(x);
      double[][] c = covariance(x);
      double[] lambda = p.explainedVariance();
      Matrix v = p.components();
      double trace = 0;
      for (int k = 0; k < 4; k++) {
        trace += c[k][k];
        if (k > 0) {
          assertTrue(lambda[k - 1] >= lambda[k], solver + ": eigenvalues decrease");
        }
        double[] cv = new double[4];
        double[] lv = new double[4];
        int arg = 0;
        for (int j = 0; j < 4; j++) {
          for (int q = 0; q < 4; q++) {
            cv[j] += c[j][q] * v.get(k, q);
          }
          lv[j] = lambda[k] * v.get(k, j);
          if (Math.abs(v.get(k, j)) > Math.abs(v.get(k, arg))) {
            arg = j;
          }
        }
        NumericAssert.assertAllClose(cv, lv, DECOMPOSITION, solver + ": Σ v_" + k + " = λ v");
        assertTrue(v.get(k, arg) > 0, "largest entry of each axis is positive");
        for (int q = 0; q < 4; q++) {
          double dot = 0;
          for (int j = 0; j < 4; j++) {
            dot += v.get(k, j) * v.get(q, j);
          }
          NumericAssert.assertClose(k == q ? 1.0 : 0.0, dot, DECOMPOSITION, "orthonormal");
        }
      }
      double sum = 0;
      for (double r : p.explainedVarianceRatio()) {
        sum += r;
      }
      NumericAssert.assertClose(1.0, sum, DECOMPOSITION, "all components explain everything");
      NumericAssert.assertClose(trace, lambda[0] + lambda[1] + lambda[2] + lambda[3],
          DECOMPOSITION, "Σλ = trace");
    }
  }

  @Test
  void bothSolversAgree() {
    Matrix x = correlated(300, 2);
    PCA a = PCA.builder(3).solver(PCA.Solver.COVARIANCE_EIGEN).build().fit(x);
    PCA b = PCA.builder(3).solver(PCA.Solver.SVD).build().fit(x);
    NumericAssert.assertAllClose(a.explainedVariance(), b.explainedVariance(), DECOMPOSITION);
    NumericAssert.assertAllClose(a.components(), b.components(), new Tolerance(1e-8, 1e-10));
    NumericAssert.assertAllClose(a.transform(x), b.transform(x), new Tolerance(1e-8, 1e-9));
  }

  @Test
  void projectedTrainingDataHasDiagonalCovarianceAndWhitenedDataTheIdentity() {
    Matrix x = correlated(400, 3);
    PCA plain = PCA.builder(3).build().fit(x);
    double[][] c = covariance(plain.transform(x));
    double[] lambda = plain.explainedVariance();
    for (int k = 0; k < 3; k++) {
      for (int q = 0; q < 3; q++) {
        NumericAssert.assertClose(k == q ? lambda[k] : 0.0, c[k][q], DECOMPOSITION,
            "cov(y)[" + k + "," + q + "]");
      }
    }
    PCA white = PCA.builder(3).scaling(PCA.Scaling.WHITEN).build().fit(x);
    double[][] w = covariance(white.transform(x));
    for (int k = 0; k < 3; k++) {
      for (int q = 0; q < 3; q++) {
        NumericAssert.assertClose(k == q ? 1.0 : 0.0, w[k][q], DECOMPOSITION,
            "whitened cov[" + k + "," + q + "]");
      }
    }
  }

  @Test
  void inverseTransformWithAllComponentsReconstructsTheData() {
    Matrix x = correlated(50, 4);
    for (PCA.Scaling s : PCA.Scaling.values()) {
      PCA p = PCA.builder(4).scaling(s).build().fit(x);
      NumericAssert.assertAllClose(x, p.inverseTransform(p.transform(x)), DECOMPOSITION);
    }
  }

  @Test
  void fitIsBitwiseIdenticalForAnyParallelismAndLeavesItsInputUnchanged() {
    Matrix x = correlated(3000, 5);
    double[] before = x.toArray();
    PCA one = PCA.builder(2).parallelism(1).build().fit(x);
    PCA three = PCA.builder(2).parallelism(3).build().fit(x);
    assertArrayEquals(one.mean(), three.mean());
    assertArrayEquals(one.components().data(), three.components().data());
    assertArrayEquals(one.explainedVariance(), three.explainedVariance());
    assertArrayEquals(before, x.data());
  }

  @Test
  void fromParametersReproducesTheFittedTransform() {
    Matrix x = correlated(100, 6);
    PCA p = PCA.builder(2).scaling(PCA.Scaling.WHITEN).build().fit(x);
    PCA q = PCA.fromParameters(p.mean(), p.components(), p.explainedVariance(),
        PCA.Scaling.WHITEN);
    assertArrayEquals(p.transform(x).data(), q.transform(x).data());
    assertEquals(2, q.numComponents());
    assertEquals(4, q.numFeatures());
  }

  @Test
  void accessorsReturnCopies() {
    PCA p = PCA.builder(2).build().fit(correlated(20, 7));
    p.mean()[0] = 1e9;
    p.explainedVariance()[0] = -1;
    p.components().data()[0] = 1e9;
    assertTrue(p.mean()[0] < 1e3);
    assertTrue(p.explainedVariance()[0] > 0);
    assertTrue(p.components().get(0, 0) < 2);
  }

  @Test
  void rejectsBadHyperparametersAndDataNamingParameterAndValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PCA.builder(0));
    assertTrue(e.getMessage().contains("numComponents") && e.getMessage().contains("0"));
    e = assertThrows(IllegalArgumentException.class, () -> PCA.builder(1).parallelism(0));
    assertTrue(e.getMessage().contains("parallelism"));
    e = assertThrows(IllegalArgumentException.class,
        () -> PCA.builder(5).build().fit(correlated(10, 1)));
    assertTrue(e.getMessage().contains("numComponents (5)") && e.getMessage().contains("D (4)"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> PCA.builder(3).build().fit(correlated(2, 1)));
    assertTrue(e.getMessage().contains("N (2)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> PCA.builder(1).build().fit(correlated(1, 1)));
    assertTrue(e.getMessage().contains("at least 2 rows"), e.getMessage());
    double[] bad = correlated(6, 1).toArray();
    bad[2 * 4 + 3] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class,
        () -> PCA.builder(1).build().fit(Matrix.wrap(6, 4, bad)));
    assertTrue(e.getMessage().contains("x[2, 3] is NaN"), e.getMessage());
  }

  @Test
  void whiteningAZeroVarianceDirectionFailsWithARemedy() {
    // the second column is an exact copy of the first: one direction has zero variance
    double[][] rows = new double[10][];
    for (int i = 0; i < 10; i++) {
      rows[i] = new double[] {i, i};
    }
    NumericalFailureException e = assertThrows(NumericalFailureException.class,
        () -> PCA.builder(2).scaling(PCA.Scaling.WHITEN).build().fit(Matrix.of(rows)));
    assertTrue(e.getMessage().contains("component 1"), e.getMessage());
    assertTrue(e.getMessage().contains("Scaling.NONE"), e.getMessage());
    // without whitening the same fit is fine and the second variance is (numerically) zero
    PCA p = PCA.builder(2).build().fit(Matrix.of(rows));
    assertTrue(p.explainedVariance()[1] < 1e-12 * p.explainedVariance()[0]);
  }

  @Test
  void unfittedAndMismatchedUseIsRejected() {
    PCA unfitted = PCA.builder(1).build();
    assertFalse(unfitted.isFitted());
    NotFittedException e = assertThrows(NotFittedException.class,
        () -> unfitted.transform(correlated(3, 1)));
    assertTrue(e.getMessage().contains("PCA.transform"));
    PCA p = PCA.builder(2).build().fit(correlated(20, 1));
    DimensionMismatchException d = assertThrows(DimensionMismatchException.class,
        () -> p.transform(Matrix.zeros(2, 3)));
    assertTrue(d.getMessage().contains("3") && d.getMessage().contains("4"), d.getMessage());
    d = assertThrows(DimensionMismatchException.class,
        () -> p.inverseTransform(Matrix.zeros(2, 3)));
    assertTrue(d.getMessage().contains("y"), d.getMessage());
    assertThrows(DimensionMismatchException.class, () -> PCA.fromParameters(new double[3],
        Matrix.zeros(1, 4), new double[] {1}, PCA.Scaling.NONE));
  }
}
