package org.emkit.fa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.emkit.core.Matrix;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;

/**
 * Properties of PLDA, the two-covariance PLDA and EMPCA over seeded random problems drawn by
 * jqwik: EM never decreases the training log-likelihood (no floor active); statistics merge
 * associatively into those of the union of identities; reordering identities changes results
 * only by rounding; results are bitwise identical for 1, 2 and 4 threads.
 *
 * <p>Tolerances: {@code MERGE} rtol 1e-12 (the same sums in another order, with atol for
 * cancelling entries), {@code REORDER} rtol 1e-9 (a few EM iterations amplify the rounding
 * mildly), monotonicity up to 1e-10 relative (rounding of the likelihood sum).
 */
class PLDAProperties {

  private static final Tolerance MERGE = new Tolerance(1e-12, 1e-12);
  private static final Tolerance REORDER = new Tolerance(1e-9, 1e-11);

  /** A problem drawn from a random PLDA model: I identities of 1..5 samples, rows shuffled. */
  private static final class Problem {
    final Matrix x;
    final int[] labels;
    final int d;

    Problem(long seed, int d, int identities) {
      Random rnd = new Random(seed);
      this.d = d;
      Matrix f = Naive.randomMatrix(rnd, d, 2, 1.0);
      Matrix g = Naive.randomMatrix(rnd, d, 1, 0.7);
      double[] sigma = PldaNaive.randomSigma(rnd, d);
      double[] mu = Naive.randomVector(rnd, d, 1.0);
      int n = 0;
      int[] sizes = new int[identities];
      for (int i = 0; i < identities; i++) {
        sizes[i] = 1 + rnd.nextInt(5);
        n += sizes[i];
      }
      sizes[0] = Math.max(sizes[0], 2);
      n = 0;
      for (int s : sizes) {
        n += s;
      }
      double[] data = new double[n * d];
      int[] lab = new int[n];
      int r = 0;
      for (int i = 0; i < identities; i++) {
        int[] tmp = new int[sizes[i]];
        Matrix xi = PldaNaive.sample(rnd, mu, f, g, sigma, 1, sizes[i], tmp);
        System.arraycopy(xi.data(), 0, data, r * d, sizes[i] * d);
        for (int j = 0; j < sizes[i]; j++) {
          lab[r + j] = 3 * i - 7;
        }
        r += sizes[i];
      }
      // shuffle rows (Fisher–Yates, seeded)
      for (int k = n - 1; k > 0; k--) {
        int j = rnd.nextInt(k + 1);
        for (int p = 0; p < d; p++) {
          double t = data[k * d + p];
          data[k * d + p] = data[j * d + p];
          data[j * d + p] = t;
        }
        int t = lab[k];
        lab[k] = lab[j];
        lab[j] = t;
      }
      this.x = Matrix.wrap(n, d, data);
      this.labels = lab;
    }

    /** Rows of the identities whose label is in [lo, hi). */
    int[] rowsOf(int lo, int hi) {
      return java.util.stream.IntStream.range(0, labels.length)
          .filter(r -> labels[r] >= lo && labels[r] < hi).toArray();
    }

    int[] labelsOf(int[] rows) {
      int[] out = new int[rows.length];
      for (int k = 0; k < rows.length; k++) {
        out[k] = labels[rows[k]];
      }
      return out;
    }
  }

  private static void assertNonDecreasing(double[] obj, String what) {
    for (int k = 1; k < obj.length; k++) {
      assertTrue(obj[k] >= obj[k - 1] - 1e-10 * Math.abs(obj[k - 1]),
          what + ": log-likelihood decreased at iteration " + (k + 1) + ": " + obj[k - 1] + " -> "
              + obj[k]);
    }
  }

  @Property(tries = 25)
  void pldaEmNeverDecreasesTheLogLikelihood(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
      @ForAll @IntRange(min = 1, max = 3) int rankF, @ForAll @IntRange(min = 0, max = 2) int rankG) {
    Problem p = new Problem(seed, 4, 12);
    PLDA fitted = PLDA.builder(4, rankF, rankG).iterations(15).seed(seed).build()
        .fit(p.x, p.labels);
    assertNonDecreasing(fitted.report().objectives(), "PLDA");
  }

  @Property(tries = 15)
  void twoCovarianceAndEmpcaEmNeverDecrease(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Problem p = new Problem(seed, 3, 10);
    assertNonDecreasing(TwoCovariancePLDA.builder(3).iterations(15).build().fit(p.x, p.labels)
        .report().objectives(), "TwoCovariancePLDA");
    assertNonDecreasing(EMPCA.builder(3, 1).iterations(15).seed(seed).build().fit(p.x).report()
        .objectives(), "EMPCA");
  }

  @Property(tries = 15)
  void statsMergeIsAssociativeAndEqualsTheUnion(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Problem p = new Problem(seed, 3, 9);
    PLDA m = PLDA.builder(3, 2, 1).iterations(0).seed(seed).build().fit(p.x, p.labels)
        .toBuilder().build();
    int[][] parts = {p.rowsOf(-100, -1), p.rowsOf(-1, 8), p.rowsOf(8, 100)};
    PLDAStats[] s = new PLDAStats[3];
    for (int k = 0; k < 3; k++) {
      s[k] = m.eStep(p.x.selectRows(parts[k]), p.labelsOf(parts[k]));
    }
    PLDAStats left = s[0].copy().merge(s[1]).merge(s[2]);
    PLDAStats right = s[0].copy().merge(s[1].copy().merge(s[2]));
    PLDAStats all = m.eStep(p.x, p.labels);
    for (PLDAStats other : List.of(right, all)) {
      NumericAssert.assertAllClose(other.numerator().data(), left.numerator().data(), MERGE,
          "numerator");
      NumericAssert.assertAllClose(other.secondOrder().data(), left.secondOrder().data(), MERGE,
          "secondOrder");
      NumericAssert.assertAllClose(other.squares(), left.squares(), MERGE, "squares");
      NumericAssert.assertAllClose(new double[] {other.logLikelihood()},
          new double[] {left.logLikelihood()}, MERGE, "logLikelihood");
      assertEquals(left.numSamples(), other.numSamples());
      assertEquals(left.numIdentities(), other.numIdentities());
    }
  }

  @Property(tries = 10)
  void reorderingRowsOnlyChangesRounding(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Problem p = new Problem(seed, 3, 8);
    int n = p.labels.length;
    int[] reversed = new int[n];
    for (int k = 0; k < n; k++) {
      reversed[k] = n - 1 - k;
    }
    PLDA b = PLDA.builder(3, 1, 1).iterations(4).seed(seed).build();
    PLDA a1 = b.fit(p.x, p.labels);
    PLDA a2 = b.fit(p.x.selectRows(reversed), p.labelsOf(reversed));
    NumericAssert.assertAllClose(a1.f().data(), a2.f().data(), REORDER, "F");
    NumericAssert.assertAllClose(a1.g().data(), a2.g().data(), REORDER, "G");
    NumericAssert.assertAllClose(a1.sigma(), a2.sigma(), REORDER, "sigma");
  }

  @Property(tries = 3)
  void resultsAreBitwiseIdenticalForAnyParallelism(@ForAll @IntRange(min = 0, max = 1000) int seed) {
    // 70 identities: five E-step chunks of 16, two of 64 for the two-covariance model
    Problem p = new Problem(seed, 4, 70);
    Random rnd = new Random(seed);
    Matrix probes = PldaNaive.randomSamples(rnd, 140, 4);
    double[][] ref = null;
    for (int threads : new int[] {1, 2, 4}) {
      PLDA plda = PLDA.builder(4, 2, 1).fInit(PLDA.FInit.BETWEEN_SCATTER)
          .gInit(PLDA.GInit.WITHIN_SCATTER).iterations(3).parallelism(threads).build()
          .fit(p.x, p.labels);
      List<PLDA.Enrollment> models = List.of(plda.enroll(probes.rows(0, 3)),
          plda.enroll(probes.rows(3, 4)));
      TwoCovariancePLDA two = TwoCovariancePLDA.builder(4).iterations(3).parallelism(threads)
          .build().fit(p.x, p.labels);
      Matrix big = PldaNaive.randomSamples(new Random(seed), 2500, 4);
      EMPCA empca = EMPCA.builder(4, 2).iterations(3).parallelism(threads).build().fit(big);
      double[][] now = {plda.f().data(), plda.g().data(), plda.sigma(),
          plda.scores(models, probes).data(), two.between().data(), two.within().data(),
          two.scores(List.of(two.enroll(probes.rows(0, 2))), probes).data(), empca.w().data(),
          new double[] {empca.sigma2()}, empca.transform(big).data()};
      if (ref == null) {
        ref = now;
      } else {
        for (int k = 0; k < ref.length; k++) {
          assertArrayEquals(ref[k], now[k], "array " + k + " with " + threads + " threads");
        }
      }
    }
  }
}
