package org.emkit.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.junit.jupiter.api.Test;

class SgdClassifierTest {

  /** Three well separated blobs in 5-D, labels 7, 8, 9. */
  static Object[] blobs(long seed, int perClass, double spread) {
    NumpyRandom r = new NumpyRandom(seed);
    int d = 5;
    int n = 3 * perClass;
    double[] x = new double[n * d];
    int[] y = new int[n];
    double[][] centres = {{4, 0, 0, 0, 1}, {0, 4, 0, 1, 0}, {0, 0, 4, 0, 0}};
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      y[i] = 7 + c;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = centres[c][j] + spread * r.randn();
      }
    }
    return new Object[] {Matrix.wrap(n, d, x), y};
  }

  @Test
  void reachesFullTrainingAccuracyOnSeparableData() {
    Object[] b = blobs(1, 100, 0.3);
    Matrix x = (Matrix) b[0];
    int[] y = (int[]) b[1];
    for (SgdClassifier.Builder builder : new SgdClassifier.Builder[] {SgdClassifier.linearSvm(),
        SgdClassifier.logisticRegression(), SgdClassifier.linearSvm().schedule(SgdClassifier.Schedule.PEGASOS).averaging(SgdClassifier.Averaging.ASGD),
        SgdClassifier.linearSvm().averaging(SgdClassifier.Averaging.ASGD)}) {
      SgdClassifier c = builder.lambda(1e-3).epochs(20).build().fit(x, y);
      assertEquals(1.0, c.accuracy(VectorSource.of(x), y), c.toString());
      assertArrayEquals(new int[] {7, 8, 9}, c.classes());
    }
  }

  @Test
  void hingeObjectiveDecreasesWithMoreEpochs() {
    Object[] b = blobs(2, 200, 1.5);
    Matrix x = (Matrix) b[0];
    int[] y = (int[]) b[1];
    double previous = Double.POSITIVE_INFINITY;
    for (int epochs : new int[] {1, 5, 40}) {
      SgdClassifier c = SgdClassifier.linearSvm().lambda(1e-2).epochs(epochs)
          .averaging(SgdClassifier.Averaging.ASGD).build().fit(x, y);
      double obj = c.objective(VectorSource.of(x), y, 0);
      assertTrue(obj < previous + 1e-3, epochs + " epochs: " + obj + " vs " + previous);
      previous = obj;
    }
  }

  @Test
  void logisticRegressionApproachesTheExactOptimumOnOneFeature() {
    // 1-D logistic regression: the exact optimum (a, b) found by Newton's method on the full objective
    NumpyRandom r = new NumpyRandom(6);
    int n = 2000;
    double[] x = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      x[i] = r.randn() + (y[i] == 1 ? 1 : -1);
    }
    double lambda = 1e-2;
    double a = 0;
    double bb = 0;
    for (int it = 0; it < 50; it++) {
      double ga = lambda * a;
      double gb = 0;
      double haa = lambda;
      double hab = 0;
      double hbb = 0;
      for (int i = 0; i < n; i++) {
        double s = y[i] == 1 ? 1 : -1;
        double z = s * (a * x[i] + bb);
        double p = 1 / (1 + Math.exp(z));
        ga -= s * p * x[i] / n;
        gb -= s * p / n;
        double h = p * (1 - p) / n;
        haa += h * x[i] * x[i];
        hab += h * x[i];
        hbb += h;
      }
      double det = haa * hbb - hab * hab;
      a -= (hbb * ga - hab * gb) / det;
      bb -= (haa * gb - hab * ga) / det;
    }
    SgdClassifier c = SgdClassifier.logisticRegression().lambda(lambda).epochs(30)
        .averaging(SgdClassifier.Averaging.ASGD).build().fit(Matrix.wrap(n, 1, x), y);
    assertEquals(a, c.weights().get(0, 0), 0.05 * Math.abs(a));
    assertEquals(bb, c.biases()[0], 0.05);
  }

  @Test
  void bitwiseIdenticalForAnyParallelismAndDeterministicForASeed() {
    Object[] b = blobs(3, 150, 1.0);
    Matrix x = (Matrix) b[0];
    int[] y = (int[]) b[1];
    SgdClassifier.Builder builder = SgdClassifier.linearSvm().seed(11).epochs(4);
    SgdClassifier one = builder.parallelism(1).build().fit(x, y);
    SgdClassifier three = builder.parallelism(3).build().fit(x, y);
    assertArrayEquals(one.weights().data(), three.weights().data());
    assertArrayEquals(one.biases(), three.biases());
    assertArrayEquals(one.weights().data(), builder.parallelism(1).build().fit(x, y).weights().data());
  }

  @Test
  void errorsNameTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SgdClassifier.linearSvm().lambda(0));
    assertEquals("SgdClassifier: lambda must be in (0, inf), got 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SgdClassifier.linearSvm().build().fit(Matrix.zeros(3, 2), new int[] {1, 1, 1}));
    assertEquals("SgdClassifier.fit: labels must contain at least 2 classes, got 1", e.getMessage());
    assertThrows(DimensionMismatchException.class,
        () -> SgdClassifier.linearSvm().build().fit(Matrix.zeros(3, 2), new int[] {1, 2}));
    SgdClassifier c = SgdClassifier.linearSvm().build().fit(Matrix.of(new double[][] {{1}, {-1}}), new int[] {0, 1});
    DimensionMismatchException d = assertThrows(DimensionMismatchException.class,
        () -> c.predict(new double[] {1, 2}));
    assertTrue(d.getMessage().contains("x has length 2") && d.getMessage().contains("D = 1"));
  }
}
