package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.emkit.core.Matrix;
import org.emkit.linear.SgdClassifier;
import org.emkit.linear.VectorSource;
import org.junit.jupiter.api.Test;

class LinearSvmSelectionTest {

  /** Three Gaussian classes in 6 dimensions with means 2 apart; rows [fit | val | test]. */
  private static Matrix data(int n, int[] labels, long seed, double scale) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * 6];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int j = 0; j < 6; j++) {
        x[i * 6 + j] = scale * (rng.nextGaussian() + (j == labels[i] ? 2 : 0));
      }
    }
    return Matrix.wrap(n, 6, x);
  }

  @Test
  void theTestRowsNeverInfluenceTheChoiceOrTheModel() {
    int[] y = new int[600];
    Matrix x = data(600, y, 1, 1);
    List<Double> grid = List.of(1e-1, 1e-3, 1e-5);
    LinearSvmSelection.Outcome a = LinearSvmSelection.run(VectorSource.of(x), 300, 150, y, grid,
        3, SgdClassifier.Averaging.ASGD, 0, 1);
    // scramble the test rows and labels: validation scores and λ must not move
    int[] y2 = y.clone();
    double[] x2 = x.toArray();
    for (int i = 450; i < 600; i++) {
      y2[i] = (y[i] + 1) % 3;
      for (int j = 0; j < 6; j++) {
        x2[i * 6 + j] = -x2[i * 6 + j];
      }
    }
    LinearSvmSelection.Outcome b = LinearSvmSelection.run(VectorSource.of(Matrix.wrap(600, 6, x2)),
        300, 150, y2, grid, 3, SgdClassifier.Averaging.ASGD, 0, 1);
    assertArrayEquals(a.validationAccuracy, b.validationAccuracy);
    assertEquals(a.lambda, b.lambda);
    assertTrue(a.testAccuracy > 0.8, "separable-ish classes: " + a.testAccuracy);
    assertEquals(150, a.testPredictions.length);
    double best = 0;
    for (double v : a.validationAccuracy) {
      best = Math.max(best, v);
    }
    assertEquals(best, a.bestValidationAccuracy());
  }

  @Test
  void gridIsRelativeToTheMeanSquaredNorm() {
    int[] y = new int[90];
    Matrix x = data(90, y, 2, 1);
    // oracle: mean of row squared norms over the fit rows
    double expected = 0;
    for (int i = 0; i < 60; i++) {
      for (double v : x.row(i)) {
        expected += v * v;
      }
    }
    expected /= 60;
    double got = LinearSvmSelection.meanSquaredNorm(VectorSource.of(x), 60, 3);
    assertEquals(expected, got, 1e-12 * expected);
    LinearSvmSelection.Outcome o = LinearSvmSelection.run(VectorSource.of(x), 60, 0, y,
        List.of(1e-3), 2, SgdClassifier.Averaging.NONE, 0, 1);
    assertEquals(1e-3, o.lambda);
    assertEquals(1e-3 * got, o.absoluteLambda, 1e-15);
    assertEquals(0.0, o.searchSeconds, 0.5);
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    int[] y = new int[300];
    Matrix x = data(300, y, 3, 4);
    LinearSvmSelection.Outcome one = LinearSvmSelection.run(VectorSource.of(x), 150, 75, y,
        List.of(1e-2, 1e-4), 2, SgdClassifier.Averaging.ASGD, 9, 1);
    LinearSvmSelection.Outcome two = LinearSvmSelection.run(VectorSource.of(x), 150, 75, y,
        List.of(1e-2, 1e-4), 2, SgdClassifier.Averaging.ASGD, 9, 2);
    assertArrayEquals(one.testPredictions, two.testPredictions);
    assertArrayEquals(one.validationAccuracy, two.validationAccuracy);
  }
}
