package org.emkit.scoring;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.ReferenceData;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ScoreNormalizationTest {

  static final Matrix A = Matrix.of(new double[][] {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 8}, {7, 6, 5, 4, 3}});
  static final Matrix B = Matrix.of(new double[][] {{5, 4, 7, 8}, {9, 8, 7, 4}, {5, 6, 3, 2}});
  static final Matrix C = Matrix.of(new double[][] {{5, 4, 3, 2, 1}, {2, 1, 2, 3, 4}});
  static final Matrix D = Matrix.of(new double[][] {{8, 6, 4, 2}, {0, 2, 4, 6}});

  @Test
  @Tag("parity")
  void ztNormWithSameIdentityMaskMatchesTheCppTest() {
    boolean[][] mask = ScoreNormalization.sameIdentityMask(new int[] {1, 5}, new int[] {1, 2, 3, 4});
    Matrix z = ScoreNormalization.ztNorm(A, B, C, D, mask);
    assertAllClose(new double[] {-4.45473107, -3.29289322, -15.0519101, -0.842086557, 0.00646544511,
        -0.827619927, 0.707106781, 11.3757710, 2.01641412, 0.763765080,
        2.52913570, 2.70710678, 12.4400233, 0.707106781, 0.00646544511}, z.data(), new Tolerance(0, 1e-7));
  }

  @Test
  @Tag("parity")
  void ztNormReproducesTheReferenceFiles() {
    Matrix a = ReferenceData.hdf5Matrix("ztnorm_eval_eval.hdf5");
    Matrix b = ReferenceData.hdf5Matrix("ztnorm_znorm_eval.hdf5");
    Matrix c = ReferenceData.hdf5Matrix("ztnorm_eval_tnorm.hdf5");
    Matrix d = ReferenceData.hdf5Matrix("ztnorm_znorm_tnorm.hdf5");
    Matrix expected = ReferenceData.hdf5Matrix("ztnorm_result.hdf5");
    assertAllClose(expected, ScoreNormalization.ztNorm(a, b, c, d, null), Tolerance.BOB_PARITY);
  }

  @Test
  void zNormOfTheCohortItselfHasMeanZeroAndStdOne() {
    NumpyRandom r = new NumpyRandom(2);
    Matrix b = Matrix.wrap(4, 30, r.normal(3, 2, 120));
    Matrix z = ScoreNormalization.zNorm(b, b);
    for (int i = 0; i < 4; i++) {
      double[] row = z.row(i);
      double mean = 0;
      for (double v : row) {
        mean += v / row.length;
      }
      double var = 0;
      for (double v : row) {
        var += (v - mean) * (v - mean) / (row.length - 1);
      }
      assertAllClose(new double[] {0, 1}, new double[] {mean, var}, new Tolerance(0, 1e-12));
    }
  }

  @Test
  void tNormIsZNormOfTheTransposes() {
    Matrix t = ScoreNormalization.tNorm(A, C);
    assertAllClose(ScoreNormalization.zNorm(A.transpose(), C.transpose()).transpose(), t, Tolerance.EXACT);
    // probe 0: cohort scores {5, 2}: mean 3.5, std sqrt(4.5)
    assertEquals((1 - 3.5) / Math.sqrt(4.5), t.get(0, 0), 1e-15);
  }

  @Test
  void singleColumnCohortsDoNotProduceNaN() {
    Matrix z = ScoreNormalization.zNorm(A, Matrix.of(new double[][] {{1}, {2}, {3}}));
    // std of one value is replaced by 1: the scores are only shifted
    assertAllClose(new double[] {0, 1, 2, 3, 4}, z.row(0), Tolerance.EXACT);
    Matrix constant = ScoreNormalization.zNorm(A, Matrix.of(new double[][] {{2, 2}, {2, 2}, {2, 2}}));
    assertAllClose(new double[] {-1, 0, 1, 2, 3}, constant.row(0), Tolerance.EXACT);
  }

  @Test
  void sNormIsSymmetricAndFullCohortEqualsAverageOfZAndT() {
    NumpyRandom r = new NumpyRandom(5);
    Matrix a = Matrix.wrap(3, 4, r.randn(12));
    Matrix mc = Matrix.wrap(3, 6, r.randn(18));
    Matrix cp = Matrix.wrap(6, 4, r.randn(24));
    Matrix s = ScoreNormalization.sNorm(a, mc, cp, 6);
    Matrix z = ScoreNormalization.zNorm(a, mc);
    Matrix t = ScoreNormalization.tNorm(a, cp);
    for (int q = 0; q < 12; q++) {
      assertEquals(0.5 * (z.data()[q] + t.data()[q]), s.data()[q], 1e-14);
    }
    Matrix top = ScoreNormalization.sNorm(a, mc, cp, 2);
    assertTrue(Double.isFinite(top.get(2, 3)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScoreNormalization.sNorm(a, mc, cp, 7));
    assertEquals("ScoreNormalization.sNorm: topN must be in [1, 6], got 7", e.getMessage());
  }

  @Test
  void emptyCohortsAndShapeErrorsAreTyped() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScoreNormalization.zNorm(A, Matrix.zeros(3, 0)));
    assertTrue(e.getMessage().contains("b must have at least 1 column"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ScoreNormalization.tNorm(A, Matrix.zeros(0, 5)));
    assertTrue(e.getMessage().contains("c must have at least 1 row"), e.getMessage());
    DimensionMismatchException d = assertThrows(DimensionMismatchException.class,
        () -> ScoreNormalization.zNorm(A, Matrix.zeros(2, 4)));
    assertTrue(d.getMessage().contains("b has 2 rows") && d.getMessage().contains("3 models"));
  }
}
