package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.emkit.core.Matrix;
import org.emkit.scoring.VerificationMetrics;
import org.junit.jupiter.api.Test;

class FeatureWarpingTest {

  @Test
  void shortUtteranceMapsRanksToNormalQuantiles() {
    double[] v = {3.2, -1.0, 7.5, 0.4, 2.2};
    Matrix y = FeatureWarping.withWindow(301).transform(Matrix.wrap(5, 1, v));
    // Ranks 4, 1, 5, 2, 3 of 5 -> Φ^{-1}((r - 1/2) / 5).
    int[] rank = {4, 1, 5, 2, 3};
    for (int i = 0; i < 5; i++) {
      assertEquals(VerificationMetrics.probit((rank[i] - 0.5) / 5), y.get(i, 0), 1e-15);
    }
    // Hand value: the median maps to 0, the top of 5 to Φ^{-1}(0.9) = 1.2815515655446004.
    assertEquals(1.2815515655446004, y.get(2, 0), 1e-12);
    assertEquals(0.0, y.get(4, 0), 1e-15);
  }

  @Test
  void tiesShareTheirAverageRank() {
    Matrix y = FeatureWarping.defaults().transform(Matrix.wrap(4, 1, new double[] {1, 1, 1, 1}));
    for (int i = 0; i < 4; i++) {
      assertEquals(0.0, y.get(i, 0), 1e-15);
    }
    Matrix z = FeatureWarping.defaults().transform(Matrix.wrap(3, 1, new double[] {5, 2, 5}));
    // 2 is rank 1; the two 5s share ranks 2 and 3 -> (2.5 - 0.5) / 3.
    assertEquals(VerificationMetrics.probit(0.5 / 3), z.get(1, 0), 1e-15);
    assertEquals(VerificationMetrics.probit(2.0 / 3), z.get(0, 0), 1e-15);
  }

  @Test
  void invariantToIncreasingMapsOfEachFeature() {
    Matrix x = Matrix.wrap(400, 2, TestSignals.noise(3, 800, 21));
    double[] mapped = x.toArray();
    for (int i = 0; i < 400; i++) {
      mapped[2 * i] = Math.exp(mapped[2 * i]);
      mapped[2 * i + 1] = 10 * mapped[2 * i + 1] - 4;
    }
    FeatureWarping w = FeatureWarping.withWindow(101);
    assertEquals(w.transform(x), w.transform(Matrix.wrap(400, 2, mapped)));
  }

  @Test
  void slidingWindowMatchesWarpingTheWindowAlone() {
    Matrix x = Matrix.wrap(50, 1, TestSignals.noise(1, 50, 23));
    FeatureWarping w = FeatureWarping.withWindow(11);
    Matrix y = w.transform(x);
    // Interior frame 20: window [15, 25]; the value's rank there decides.
    double[] window = Arrays.copyOfRange(x.toArray(), 15, 26);
    Matrix alone = FeatureWarping.withWindow(11).transform(Matrix.wrap(11, 1, window));
    assertEquals(alone.get(5, 0), y.get(20, 0), 1e-15);
    // Frame 2 lies near the start: the window is shifted to [0, 10].
    Matrix head = FeatureWarping.withWindow(11)
        .transform(Matrix.wrap(11, 1, Arrays.copyOfRange(x.toArray(), 0, 11)));
    assertEquals(head.get(2, 0), y.get(2, 0), 1e-15);
    // Frame 48 lies near the end: window [39, 49].
    Matrix tail = FeatureWarping.withWindow(11)
        .transform(Matrix.wrap(11, 1, Arrays.copyOfRange(x.toArray(), 39, 50)));
    assertEquals(tail.get(9, 0), y.get(48, 0), 1e-15);
  }

  @Test
  void rejectsInvalidWindowAndValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FeatureWarping.withWindow(0));
    assertTrue(e.getMessage().contains("windowFrames") && e.getMessage().contains("got 0"),
        e.getMessage());
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
        () -> FeatureWarping.defaults().transform(Matrix.wrap(2, 1,
            new double[] {0, Double.NEGATIVE_INFINITY})));
    assertTrue(n.getMessage().contains("x[1, 0]"), n.getMessage());
  }
}
