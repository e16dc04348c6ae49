package org.emkit.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.random.NumpyRandom;
import org.junit.jupiter.api.Test;

/**
 * The factories that rebuild fitted linear transforms from stored parameters (used by io-hdf5):
 * a rebuilt transform reproduces the original bit for bit, and bad values are typed errors
 * naming the parameter.
 */
class StoredParametersTest {

  private static Matrix data(long seed, int n, int d) {
    NumpyRandom r = new NumpyRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      double[] z = r.randn(d);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = z[j] * (j + 1) + (j > 0 ? 0.5 * z[j - 1] : 0) + (i % 3) * (j % 2);
      }
    }
    return Matrix.wrap(n, d, x);
  }

  private static int[] labels(int n) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
    }
    return y;
  }

  private static <T extends RuntimeException> T expect(Class<T> type, String fragment,
      org.junit.jupiter.api.function.Executable e) {
    T x = assertThrows(type, e);
    assertTrue(x.getMessage().contains(fragment), x.getMessage());
    return x;
  }

  @Test
  void ldaFromParametersReproducesTheFittedTransform() {
    Matrix x = data(1, 60, 4);
    LDA lda = LDA.create(2, 0.25, LDA.Normalization.UNIT_NORM).fit(x, labels(60));
    LDA back = LDA.fromParameters(lda.projection(), lda.eigenvalues(), lda.dimension(),
        lda.regularization(), lda.normalization());
    assertTrue(back.isFitted());
    assertEquals(lda.transform(x), back.transform(x));
    assertArrayEquals(lda.eigenvalues(), back.eigenvalues());
    assertEquals(2, back.dimension());
    assertEquals(0.25, back.regularization());
    assertEquals(LDA.Normalization.UNIT_NORM, back.normalization());
    LDA auto = LDA.create().fit(x, labels(60));
    assertEquals(0, LDA.fromParameters(auto.projection(), auto.eigenvalues(), 0, 0.0,
        LDA.Normalization.WITHIN_CLASS).dimension());
  }

  @Test
  void ldaFromParametersRejectsInconsistentValues() {
    LDA lda = LDA.create().fit(data(2, 30, 3), labels(30));
    Projection p = lda.projection();
    expect(DimensionMismatchException.class, "eigenvalues has length 1",
        () -> LDA.fromParameters(p, new double[] {1}, 0, 0, LDA.Normalization.WITHIN_CLASS));
    expect(IllegalArgumentException.class, "dimension must be 0 or the projection's K = 2, got 1",
        () -> LDA.fromParameters(p, lda.eigenvalues(), 1, 0, LDA.Normalization.WITHIN_CLASS));
    expect(IllegalArgumentException.class, "regularization",
        () -> LDA.fromParameters(p, lda.eigenvalues(), 0, -1, LDA.Normalization.WITHIN_CLASS));
    expect(IllegalArgumentException.class, "eigenvalues",
        () -> LDA.fromParameters(p, new double[] {1, Double.NaN}, 0, 0,
            LDA.Normalization.WITHIN_CLASS));
  }

  @Test
  void pcaBuildFittedKeepsSettingsAndTheExplainedVarianceRatio() {
    Matrix x = data(3, 80, 5);
    for (PCA.Scaling s : PCA.Scaling.values()) {
      PCA pca = PCA.builder(3).scaling(s).solver(PCA.Solver.SVD).parallelism(2).build().fit(x);
      PCA back = PCA.builder(3).scaling(s).solver(PCA.Solver.SVD).parallelism(2)
          .buildFitted(pca.mean(), pca.components(), pca.explainedVariance(),
              pca.totalVariance());
      assertEquals(pca.transform(x), back.transform(x), s.name());
      assertArrayEquals(pca.explainedVarianceRatio(), back.explainedVarianceRatio());
      assertEquals(pca.totalVariance(), back.totalVariance());
      assertEquals(PCA.Solver.SVD, back.solver());
      assertEquals(2, back.parallelism());
    }
    // fromParameters does not know the total variance: Σλ over the kept components
    PCA pca = PCA.builder(2).build().fit(x);
    double sum = pca.explainedVariance()[0] + pca.explainedVariance()[1];
    assertEquals(sum, PCA.fromParameters(pca.mean(), pca.components(), pca.explainedVariance(),
        PCA.Scaling.NONE).totalVariance());
    assertTrue(pca.totalVariance() > sum);
    assertThrows(NotFittedException.class, () -> PCA.builder(2).build().totalVariance());
  }

  @Test
  void pcaBuildFittedRejectsBadValues() {
    PCA pca = PCA.builder(2).build().fit(data(4, 30, 3));
    PCA.Builder b = PCA.builder(2);
    expect(DimensionMismatchException.class, "components has shape 2x3 but 2x2 is required",
        () -> b.buildFitted(new double[2], pca.components(), pca.explainedVariance(), 1));
    expect(DimensionMismatchException.class, "explainedVariance has length 1",
        () -> b.buildFitted(pca.mean(), pca.components(), new double[] {1}, 1));
    expect(IllegalArgumentException.class, "totalVariance",
        () -> b.buildFitted(pca.mean(), pca.components(), pca.explainedVariance(), -1));
    expect(IllegalArgumentException.class, "explainedVariance",
        () -> b.buildFitted(pca.mean(), pca.components(), new double[] {1, -1}, 1));
    assertThrows(NumericalFailureException.class, () -> PCA.builder(2)
        .scaling(PCA.Scaling.WHITEN)
        .buildFitted(pca.mean(), pca.components(), new double[] {1, 0}, 1));
  }

  @Test
  void lengthNormalizationWithMeanEqualsTheCentredOne() {
    Matrix x = data(5, 20, 3);
    LengthNormalization c = LengthNormalization.centeredOn(x);
    LengthNormalization back = LengthNormalization.withMean(c.mean());
    assertArrayEquals(c.mean(), back.mean());
    assertEquals(c.transform(x), back.transform(x));
    assertNull(LengthNormalization.create().mean());
    expect(IllegalArgumentException.class, "mean",
        () -> LengthNormalization.withMean(new double[] {1, Double.POSITIVE_INFINITY}));
    expect(IllegalArgumentException.class, "mean.length",
        () -> LengthNormalization.withMean(new double[0]));
  }

  @Test
  void sgdBuildFittedReproducesPredictions() {
    Matrix x = data(6, 90, 4);
    int[] y = labels(90);
    for (int[] cls : new int[][] {y, java.util.Arrays.stream(y).map(v -> v % 2).toArray()}) {
      SgdClassifier s = SgdClassifier.logisticRegression().lambda(1e-3).epochs(3).seed(7)
          .averaging(SgdClassifier.Averaging.ASGD).build().fit(x, cls);
      SgdClassifier back = s.toBuilder().buildFitted(s.classes(), s.weights(), s.biases());
      assertEquals(s.weights(), back.weights());
      assertArrayEquals(s.biases(), back.biases());
      assertArrayEquals(s.classes(), back.classes());
      assertArrayEquals(s.predict(VectorSource.of(x)), back.predict(VectorSource.of(x)));
      assertEquals(s.toString(), back.toString());
    }
  }

  @Test
  void sgdBuildFittedRejectsBadValues() {
    SgdClassifier.Builder b = SgdClassifier.linearSvm();
    Matrix w1 = Matrix.zeros(1, 2);
    expect(IllegalArgumentException.class, "classes must contain at least 2 labels, got 1",
        () -> b.buildFitted(new int[] {1}, w1, new double[1]));
    expect(IllegalArgumentException.class, "classes[0] = 2 and classes[1] = 2",
        () -> b.buildFitted(new int[] {2, 2}, w1, new double[1]));
    expect(DimensionMismatchException.class, "weights has shape 1x2 but 3x2 is required",
        () -> b.buildFitted(new int[] {0, 1, 2}, w1, new double[3]));
    expect(DimensionMismatchException.class, "biases has length 2",
        () -> b.buildFitted(new int[] {0, 1}, w1, new double[2]));
    expect(IllegalArgumentException.class, "biases",
        () -> b.buildFitted(new int[] {0, 1}, w1, new double[] {Double.NaN}));
  }
}
