package org.emkit.fa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.NumericalFailureException;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two-covariance PLDA against brute-force Gaussian algebra (stacked samples with
 * {@code Cov[x_j, x_k] = B + δ_jk W}), against {@link PLDA} with {@code B = F Fᵀ},
 * {@code W = G Gᵀ + Σ}, its moment estimates against their formulas, EM monotonicity, recovery
 * of a known model and its error paths. Tolerance {@code ORACLE}: rtol 1e-10 (Gauss–Jordan on
 * the stacked covariance versus the diagonalised closed form).
 */
class TwoCovariancePLDATest {

  private static final Tolerance ORACLE = new Tolerance(1e-10, 1e-12);

  /** A random SPD matrix A Aᵀ + c I. */
  private static double[] spd(Random rnd, int d, double c) {
    double[] a = Naive.randomMatrix(rnd, d, d, 1.0).data();
    double[] s = PldaNaive.outer(a, d, d);
    for (int j = 0; j < d; j++) {
      s[j * d + j] += c;
    }
    return s;
  }

  private static TwoCovariancePLDA randomModel(Random rnd, int d) {
    return TwoCovariancePLDA.fromParameters(Naive.randomVector(rnd, d, 1.0),
        Matrix.wrap(d, d, spd(rnd, d, 0.1)), Matrix.wrap(d, d, spd(rnd, d, 0.3)));
  }

  @Test
  void scoresAndLikelihoodsEqualTheBruteForceJointGaussian() {
    Random rnd = new Random(101);
    int d = 3;
    TwoCovariancePLDA m = randomModel(rnd, d);
    double[] b = m.between().data();
    double[] w = m.within().data();
    int[][] sizes = {{1, 1}, {3, 1}, {1, 3}, {2, 4}};
    for (int[] sz : sizes) {
      Matrix e = PldaNaive.randomSamples(rnd, sz[0], d);
      Matrix p = PldaNaive.randomSamples(rnd, sz[1], d);
      NumericAssert.assertAllClose(new double[] {PldaNaive.llr(e, p, m.mean(), b, w)},
          new double[] {m.score(m.enroll(e), p)}, ORACLE, "LLR " + Arrays.toString(sz));
      NumericAssert.assertAllClose(new double[] {PldaNaive.setLogLikelihood(e, m.mean(), b, w)},
          new double[] {m.logLikelihood(e)}, ORACLE, "log p of " + sz[0] + " samples");
    }
  }

  @Test
  void agreesWithPldaWhenBetweenIsFFtAndWithinIsGGtPlusSigma() {
    Random rnd = new Random(103);
    int d = 4;
    Matrix f = Naive.randomMatrix(rnd, d, 2, 1.0);
    Matrix g = Naive.randomMatrix(rnd, d, 3, 0.7);
    double[] sigma = PldaNaive.randomSigma(rnd, d);
    double[] mu = Naive.randomVector(rnd, d, 1.0);
    PLDA plda = PLDA.fromParameters(mu, f, g, sigma, 0);
    // B = F Fᵀ has rank 2 < D: ψ has zeros, which the closed form handles
    TwoCovariancePLDA two = TwoCovariancePLDA.fromParameters(mu,
        Matrix.wrap(d, d, PldaNaive.pldaBetween(f)), Matrix.wrap(d, d,
            PldaNaive.pldaWithin(g, sigma)));
    for (int trial = 0; trial < 4; trial++) {
      Matrix e = PldaNaive.randomSamples(rnd, 1 + trial, d);
      Matrix p = PldaNaive.randomSamples(rnd, 1 + (trial * 2) % 3, d);
      assertEquals(plda.score(e, p), two.score(e, p), 1e-9 * Math.max(1, Math.abs(plda.score(e,
          p))), "trial " + trial);
      assertEquals(plda.logLikelihood(e), two.logLikelihood(e), 1e-9 * Math.abs(
          plda.logLikelihood(e)));
    }
    Matrix probes = PldaNaive.randomSamples(rnd, 5, d);
    List<TwoCovariancePLDA.Enrollment> models = List.of(two.enroll(probes.rows(0, 2)),
        two.enrollment(3, probes.row(4)));
    Matrix s = two.scores(models, probes);
    for (int k = 0; k < 2; k++) {
      for (int r = 0; r < 5; r++) {
        assertEquals(two.score(models.get(k), probes.rows(r, r + 1)), s.get(k, r), 1e-12);
      }
    }
  }

  private static final int[] LABELS = {5, 5, 5, 8, 8, 2, 2, 2, 2, 9, 9, 3};

  @Test
  void zeroIterationsGiveTheMomentEstimates() {
    Random rnd = new Random(107);
    int d = 2;
    Matrix x = PldaNaive.randomSamples(rnd, LABELS.length, d);
    TwoCovariancePLDA m = TwoCovariancePLDA.builder(d).iterations(0).regularization(0.25).build()
        .fit(x, LABELS);
    LabelGroups groups = LabelGroups.of("test", x, LABELS);
    double[] means = PLDAInit.classMeans(x.data(), d, groups);
    double[] mu = PLDAInit.mean(x.data(), x.rows(), d);
    double[] w = new double[d * d];
    double[] b = new double[d * d];
    for (int r = 0; r < x.rows(); r++) {
      int i = Arrays.binarySearch(groups.labels, LABELS[r]);
      for (int p = 0; p < d; p++) {
        for (int q = 0; q < d; q++) {
          w[p * d + q] += (x.get(r, p) - means[i * d + p]) * (x.get(r, q) - means[i * d + q])
              / x.rows();
        }
      }
    }
    for (int i = 0; i < groups.size(); i++) {
      for (int p = 0; p < d; p++) {
        for (int q = 0; q < d; q++) {
          b[p * d + q] += (means[i * d + p] - mu[p]) * (means[i * d + q] - mu[q])
              / groups.size();
        }
      }
    }
    w[0] += 0.25;
    w[3] += 0.25;
    NumericAssert.assertAllClose(w, m.within().data(), Tolerance.KERNEL_VS_ORACLE, "W");
    NumericAssert.assertAllClose(b, m.between().data(), Tolerance.KERNEL_VS_ORACLE, "B");
    NumericAssert.assertAllClose(mu, m.mean(), Tolerance.KERNEL_VS_ORACLE, "μ");
  }

  @Test
  void emIncreasesTheTrainingLikelihoodWhichIsTheSumOverIdentities() {
    Random rnd = new Random(109);
    int d = 3;
    Matrix x = PldaNaive.randomSamples(rnd, LABELS.length, d);
    TwoCovariancePLDA fitted = TwoCovariancePLDA.builder(d).iterations(25).build().fit(x, LABELS);
    double[] obj = fitted.report().objectives();
    for (int k = 1; k < obj.length; k++) {
      assertTrue(obj[k] >= obj[k - 1] - 1e-10 * Math.abs(obj[k - 1]),
          "decrease at " + k + ": " + obj[k - 1] + " -> " + obj[k]);
    }
    // objective 2 = log-likelihood of the machine after 1 iteration, identity by identity
    TwoCovariancePLDA one = TwoCovariancePLDA.builder(d).iterations(1).build().fit(x, LABELS);
    LabelGroups groups = LabelGroups.of("test", x, LABELS);
    double sum = 0;
    for (int i = 0; i < groups.size(); i++) {
      int[] rows = Arrays.copyOfRange(groups.rows, groups.offsets[i], groups.offsets[i + 1]);
      sum += one.logLikelihood(x.selectRows(rows));
    }
    assertEquals(sum, obj[1], 1e-10 * Math.abs(sum));
  }

  @Test
  @Tag("slow")
  void recoversAKnownModel() {
    Random rnd = new Random(113);
    int d = 3;
    double[] b = {2.0, 0.5, 0.3, 0.5, 1.0, -0.3, 0.3, -0.3, 0.8};
    double[] w = {0.5, 0.1, 0.0, 0.1, 0.4, 0.05, 0.0, 0.05, 0.3};
    double[] lb = org.emkit.core.internal.Linalg.choleskyLower(b, d);
    double[] lw = org.emkit.core.internal.Linalg.choleskyLower(w, d);
    int ni = 20000;
    int per = 3;
    double[] x = new double[ni * per * d];
    int[] labels = new int[ni * per];
    for (int i = 0; i < ni; i++) {
      double[] y = Naive.mul(lb, Naive.randomVector(rnd, d, 1), d, d, 1);
      for (int j = 0; j < per; j++) {
        double[] e = Naive.mul(lw, Naive.randomVector(rnd, d, 1), d, d, 1);
        for (int p = 0; p < d; p++) {
          x[(i * per + j) * d + p] = 1.0 + y[p] + e[p];
        }
        labels[i * per + j] = i;
      }
    }
    TwoCovariancePLDA m = TwoCovariancePLDA.builder(d).iterations(200).build()
        .fit(Matrix.wrap(ni * per, d, x), labels);
    NumericAssert.assertAllClose(b, m.between().data(), Tolerance.RECOVERY, "B");
    NumericAssert.assertAllClose(w, m.within().data(), Tolerance.RECOVERY, "W");
  }

  @Test
  void buildFittedKeepsTheHyperparametersAndReproducesScores() {
    Random rnd = new Random(137);
    int d = 3;
    Matrix x = PldaNaive.randomSamples(rnd, LABELS.length, d);
    TwoCovariancePLDA fitted = TwoCovariancePLDA.builder(d).iterations(4).regularization(0.01)
        .parallelism(2).build().fit(x, LABELS);
    TwoCovariancePLDA back = fitted.toBuilder().buildFitted(fitted.mean(), fitted.between(),
        fitted.within());
    assertArrayEquals(fitted.mean(), back.mean());
    assertEquals(fitted.between(), back.between());
    assertEquals(fitted.within(), back.within());
    assertEquals(4, back.iterations());
    assertEquals(0.01, back.regularization());
    assertEquals(2, back.parallelism());
    Matrix e = PldaNaive.randomSamples(rnd, 2, d);
    Matrix p = PldaNaive.randomSamples(rnd, 3, d);
    assertEquals(fitted.score(fitted.enroll(e), p), back.score(back.enroll(e), p));
    assertEquals(fitted.logLikelihood(p), back.logLikelihood(p));
    DimensionMismatchException dm = assertThrows(DimensionMismatchException.class,
        () -> TwoCovariancePLDA.builder(2).buildFitted(fitted.mean(), fitted.between(),
            fitted.within()));
    assertTrue(dm.getMessage().contains("TwoCovariancePLDA.Builder.buildFitted")
        && dm.getMessage().contains("mean has length 3"), dm.getMessage());
    IllegalArgumentException sym = assertThrows(IllegalArgumentException.class,
        () -> TwoCovariancePLDA.builder(2).buildFitted(new double[2],
            Matrix.of(new double[][] {{1, 0.5}, {0.4, 1}}), Matrix.of(new double[][] {{1, 0},
                {0, 1}})));
    assertTrue(sym.getMessage().contains("between must be symmetric"), sym.getMessage());
  }

  @Test
  void singularWithinScatterIsATypedErrorWithARemedy() {
    Random rnd = new Random(127);
    // D = 5 features, 3 identities of 2 samples: within-class scatter of rank 3
    Matrix x = PldaNaive.randomSamples(rnd, 6, 5);
    int[] labels = {0, 0, 1, 1, 2, 2};
    NumericalFailureException e = assertThrows(NumericalFailureException.class,
        () -> TwoCovariancePLDA.builder(5).build().fit(x, labels));
    assertTrue(e.getMessage().contains("TwoCovariancePLDA.fit")
        && e.getMessage().contains("regularization"), e.getMessage());
    assertTrue(TwoCovariancePLDA.builder(5).regularization(0.1).build().fit(x, labels)
        .isFitted());
  }

  @Test
  void badInputsAreRejectedWithTheirNames() {
    Random rnd = new Random(131);
    Matrix x = PldaNaive.randomSamples(rnd, 4, 2);
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> TwoCovariancePLDA.builder(2).build().fit(x, new int[] {1, 1, 1, 1}));
    assertTrue(one.getMessage().contains("labels") && one.getMessage().contains("got 1"),
        one.getMessage());
    IllegalArgumentException singles = assertThrows(IllegalArgumentException.class,
        () -> TwoCovariancePLDA.builder(2).build().fit(x, new int[] {1, 2, 3, 4}));
    assertTrue(singles.getMessage().contains("2 or more samples"), singles.getMessage());
    DimensionMismatchException cols = assertThrows(DimensionMismatchException.class,
        () -> TwoCovariancePLDA.builder(3).build().fit(x, new int[] {1, 1, 2, 2}));
    assertTrue(cols.getMessage().contains("x has 2 columns"), cols.getMessage());
    IllegalArgumentException it = assertThrows(IllegalArgumentException.class,
        () -> TwoCovariancePLDA.builder(2).iterations(-1));
    assertTrue(it.getMessage().contains("iterations") && it.getMessage().contains("-1"));
    IllegalArgumentException reg = assertThrows(IllegalArgumentException.class,
        () -> TwoCovariancePLDA.builder(2).regularization(-0.5));
    assertTrue(reg.getMessage().contains("regularization") && reg.getMessage().contains("-0.5"));
    Matrix asym = Matrix.of(new double[][] {{1, 0.5}, {0.4, 1}});
    IllegalArgumentException sym = assertThrows(IllegalArgumentException.class,
        () -> TwoCovariancePLDA.fromParameters(new double[2], asym, Matrix.of(new double[][] {{1,
            0}, {0, 1}})));
    assertTrue(sym.getMessage().contains("between must be symmetric"), sym.getMessage());
    IllegalArgumentException pd = assertThrows(IllegalArgumentException.class,
        () -> TwoCovariancePLDA.fromParameters(new double[2], Matrix.zeros(2, 2),
            Matrix.of(new double[][] {{1, 2}, {2, 1}})));
    assertTrue(pd.getMessage().contains("within must be positive definite"), pd.getMessage());
    IllegalArgumentException psd = assertThrows(IllegalArgumentException.class,
        () -> TwoCovariancePLDA.fromParameters(new double[2], Matrix.of(new double[][] {{-1, 0},
            {0, 1}}), Matrix.of(new double[][] {{1, 0}, {0, 1}})));
    assertTrue(psd.getMessage().contains("positive semidefinite"), psd.getMessage());
    NotFittedException nf = assertThrows(NotFittedException.class,
        () -> TwoCovariancePLDA.builder(2).build().enroll(x));
    assertTrue(nf.getMessage().contains("TwoCovariancePLDA.enroll"), nf.getMessage());
    TwoCovariancePLDA m = randomModel(rnd, 2);
    TwoCovariancePLDA.Enrollment other = randomModel(rnd, 3).enroll(
        PldaNaive.randomSamples(rnd, 1, 3));
    DimensionMismatchException dm = assertThrows(DimensionMismatchException.class,
        () -> m.score(other, x));
    assertTrue(dm.getMessage().contains("D = 3"), dm.getMessage());
  }
}
