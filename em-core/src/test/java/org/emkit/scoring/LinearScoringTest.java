package org.emkit.scoring;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.scoring.LinearScoring.FrameLengthNormalization;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** bob's {@code tests/test_linearscoring.py} (SPEC §5), every combination, plus identities. */
@Tag("parity")
class LinearScoringTest {

  static final GMMMachine UBM = GMMMachine.fromParameters(new double[] {0.5, 0.5},
      Matrix.of(new double[][] {{3, 70}, {4, 72}}), Matrix.of(new double[][] {{1, 10}, {2, 5}}));
  static final List<Matrix> MODELS = List.of(Matrix.of(new double[][] {{1, 2}, {3, 4}}),
      Matrix.of(new double[][] {{5, 6}, {7, 8}}));
  static final List<GMMStats> STATS = List.of(
      stats(new double[][] {{1, 2}, {3, 4}}, new double[] {1, 2}, 3),
      stats(new double[][] {{5, 6}, {7, 8}}, new double[] {3, 4}, 7),
      stats(new double[][] {{5, 6}, {7, 3}}, new double[] {3, 4}, 7));
  static final List<Matrix> OFFSETS = List.of(Matrix.of(new double[][] {{9, 8}, {7, 6}}),
      Matrix.of(new double[][] {{5, 4}, {3, 2}}), Matrix.of(new double[][] {{1, 0}, {1, 2}}));
  static final Tolerance DECIMAL7 = Tolerance.BOB_DECIMAL_7;

  static GMMStats stats(double[][] f, double[] n, long t) {
    return GMMStats.of(n, Matrix.of(f), Matrix.zeros(2, 2), 0, t);
  }

  @Test
  void allFourBobReferenceTables() {
    assertAllClose(new double[] {2372.9, 5207.7, 5275.7, 2215.7, 4868.1, 4932.1},
        LinearScoring.linearScoring(MODELS, UBM, STATS, null, FrameLengthNormalization.NONE).data(), DECIMAL7);
    assertAllClose(new double[] {790.9666666666667, 743.9571428571428, 753.6714285714285, 738.5666666666667,
        695.4428571428572, 704.5857142857144},
        LinearScoring.linearScoring(MODELS, UBM, STATS, null, FrameLengthNormalization.BY_FRAME_COUNT).data(), DECIMAL7);
    assertAllClose(new double[] {2615.5, 5434.1, 5392.5, 2381.5, 4999.3, 5022.5},
        LinearScoring.linearScoring(MODELS, UBM, STATS, OFFSETS, FrameLengthNormalization.NONE).data(), DECIMAL7);
    assertAllClose(new double[] {871.8333333333332, 776.3000000000001, 770.3571428571427, 793.8333333333333,
        714.1857142857143, 717.5},
        LinearScoring.linearScoring(MODELS, UBM, STATS, OFFSETS, FrameLengthNormalization.BY_FRAME_COUNT).data(), DECIMAL7);
  }

  @Test
  void machinesSingleModelAndMapUbmGiveTheSameScores() {
    List<GMMMachine> machines = List.of(GMMMachine.fromParameters(new double[] {0.5, 0.5}, MODELS.get(0), UBM.variances()),
        GMMMachine.fromParameters(new double[] {0.5, 0.5}, MODELS.get(1), UBM.variances()));
    Matrix a = LinearScoring.linearScoringMachines(machines, UBM, STATS, null, FrameLengthNormalization.NONE);
    assertAllClose(LinearScoring.linearScoring(MODELS, UBM, STATS, null, FrameLengthNormalization.NONE), a, Tolerance.EXACT);
    // a MAP machine passed as UBM is replaced by its prior (bob)
    GMMMachine map = GMMMachine.map(UBM).build();
    assertAllClose(a, LinearScoring.linearScoringMachines(machines, map, STATS, null, FrameLengthNormalization.NONE), Tolerance.EXACT);
    Matrix single = LinearScoring.linearScoring(List.of(MODELS.get(1)), UBM, List.of(STATS.get(2)), null,
        FrameLengthNormalization.NONE);
    assertAllClose(new double[] {4932.1}, single.data(), DECIMAL7);
  }

  @Test
  void zeroFrameTestsScoreZeroAndTheUbmScoresZero() {
    GMMStats empty = stats(new double[][] {{1, 2}, {3, 4}}, new double[] {1, 2}, 0);
    Matrix s = LinearScoring.linearScoring(MODELS, UBM, List.of(empty), null, FrameLengthNormalization.BY_FRAME_COUNT);
    assertAllClose(new double[] {0, 0}, s.data(), Tolerance.EXACT);
    Matrix u = LinearScoring.linearScoring(List.of(UBM.means()), UBM, STATS, OFFSETS, FrameLengthNormalization.NONE);
    assertAllClose(new double[] {0, 0, 0}, u.data(), Tolerance.EXACT);
  }

  @Test
  void shapeErrorsNameBothShapes() {
    DimensionMismatchException e = assertThrows(DimensionMismatchException.class, () ->
        LinearScoring.linearScoring(List.of(Matrix.zeros(3, 2)), UBM, STATS, null, FrameLengthNormalization.NONE));
    assertTrue(e.getMessage().contains("modelMeans[0] has shape 3x2") && e.getMessage().contains("2x2"), e.getMessage());
    e = assertThrows(DimensionMismatchException.class, () ->
        LinearScoring.linearScoring(MODELS, UBM, STATS, OFFSETS.subList(0, 2), FrameLengthNormalization.NONE));
    assertTrue(e.getMessage().contains("channelOffsets has 2 entries"), e.getMessage());
  }

  /**
   * The score's inner product: four interleaved fused partial sums, checked against the same
   * definition written out (bitwise) and against an exactly rounded sum (BigDecimal) to 1e-13
   * relative, on lengths that leave every tail size.
   */
  @Test
  void dotIsTheDocumentedFourWaySumAndCloseToTheExactValue() {
    org.emkit.core.random.NumpyRandom r = new org.emkit.core.random.NumpyRandom(11);
    for (int n : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 30720, 30723}) {
      double[] a = r.normal(0, 1, n);
      double[] b = r.normal(0, 1, n);
      double[] s = new double[4];
      java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
      for (int q = 0; q < n; q++) {
        s[q % 4] = Math.fma(a[q], b[q], s[q % 4]);
        exact = exact.add(new java.math.BigDecimal(a[q]).multiply(new java.math.BigDecimal(b[q])));
      }
      double expected = (s[0] + s[1]) + (s[2] + s[3]);
      double got = LinearScoring.dot(a, b, n);
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got), "n=" + n);
      double norm = 0;
      for (int q = 0; q < n; q++) {
        norm += Math.abs(a[q] * b[q]);
      }
      assertTrue(Math.abs(got - exact.doubleValue()) <= 1e-13 * Math.max(norm, 1e-300),
          "n=" + n + ": " + got + " vs " + exact.doubleValue());
    }
  }
}
