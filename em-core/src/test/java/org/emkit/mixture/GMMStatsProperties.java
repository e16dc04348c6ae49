package org.emkit.mixture;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.Tolerance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of the statistics and the EM loop (CONVENTIONS C9 level 4). */
class GMMStatsProperties {

  static Matrix data(int n, int d, long seed) {
    return Matrix.wrap(n, d, new NumpyRandom(seed).normal(0, 1, n * d));
  }

  static GMMMachine model(int c, int d, long seed) {
    NumpyRandom r = new NumpyRandom(seed + 1);
    double[] v = r.rand(c * d);
    for (int k = 0; k < v.length; k++) {
      v[k] = 0.3 + v[k];
    }
    double[] w = r.rand(c);
    double sum = 0;
    for (int k = 0; k < c; k++) {
      w[k] += 0.1;
      sum += w[k];
    }
    for (int k = 0; k < c; k++) {
      w[k] /= sum; // a proper mixture, otherwise the first EM step may lower the "likelihood"
    }
    return GMMMachine.builder(c).weights(w).means(Matrix.wrap(c, d, r.normal(0, 1, c * d)))
        .variances(Matrix.wrap(c, d, v)).build();
  }

  static void assertStatsClose(GMMStats e, GMMStats a) {
    Tolerance tol = new Tolerance(1e-12, 1e-12);
    assertEquals(e.t(), a.t());
    assertAllClose(new double[] {e.logLikelihood()}, new double[] {a.logLikelihood()}, tol);
    assertAllClose(e.n(), a.n(), tol);
    assertAllClose(e.sumPx().data(), a.sumPx().data(), tol);
    assertAllClose(e.sumPxx().data(), a.sumPxx().data(), tol);
  }

  @Property(tries = 60)
  void statsOfAUnionEqualTheMergedStats(@ForAll @IntRange(min = 2, max = 64) int n,
      @ForAll @IntRange(min = 1, max = 8) int d, @ForAll @IntRange(min = 1, max = 5) int c,
      @ForAll @IntRange(min = 1, max = 63) int split, @ForAll @LongRange(min = 0, max = 1000) long seed) {
    int cut = Math.min(split, n - 1);
    Matrix x = data(n, d, seed);
    GMMMachine m = model(c, d, seed);
    GMMStats whole = m.transform(x);
    GMMStats a = m.transform(x.rows(0, cut));
    GMMStats b = m.transform(x.rows(cut, n));
    assertStatsClose(whole, a.plus(b));
    assertStatsClose(a.plus(b), b.plus(a));
    GMMStats third = m.transform(x.rows(0, 1));
    assertStatsClose(a.plus(b).merge(third), a.plus(b.plus(third)));
  }

  @Property(tries = 60)
  void responsibilitiesAreProbabilities(@ForAll @IntRange(min = 1, max = 64) int n,
      @ForAll @IntRange(min = 1, max = 8) int d, @ForAll @IntRange(min = 1, max = 5) int c,
      @ForAll @LongRange(min = 0, max = 1000) long seed) {
    Matrix p = model(c, d, seed).posteriors(data(n, d, seed));
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < c; k++) {
        double g = p.get(i, k);
        assertTrue(g >= 0 && g <= 1, "γ = " + g);
        s += g;
      }
      assertAllClose(new double[] {1}, new double[] {s}, Tolerance.KERNEL_VS_ORACLE);
    }
  }

  @Property(tries = 40)
  void emLogLikelihoodNeverDecreasesWithoutActiveFloor(@ForAll @IntRange(min = 20, max = 64) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 3) int c,
      @ForAll @LongRange(min = 0, max = 1000) long seed) {
    GMMMachine fit = model(c, d, seed).toBuilder().maxIterations(15).convergenceThreshold(0)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .varianceFloor(1e-12).build().fit(data(n, d, seed));
    double[] obj = fit.report().objectives();
    for (int k = 1; k < obj.length; k++) {
      assertTrue(obj[k] >= obj[k - 1] - 1e-9 * Math.abs(obj[k - 1]),
          "iteration " + (k + 1) + ": " + obj[k - 1] + " -> " + obj[k]);
    }
  }

  @Property(tries = 40)
  void rowPermutationDoesNotChangeStatsBeyondRounding(@ForAll @IntRange(min = 2, max = 64) int n,
      @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 4) int c,
      @ForAll @LongRange(min = 0, max = 1000) long seed) {
    Matrix x = data(n, d, seed);
    int[] perm = new NumpyRandom(seed).permutation(n);
    GMMMachine m = model(c, d, seed);
    assertStatsClose(m.transform(x), m.transform(x.selectRows(perm)));
  }

  @Property(tries = 20)
  void mergeRejectsOtherShapes(@ForAll @IntRange(min = 1, max = 4) int c, @ForAll @IntRange(min = 1, max = 4) int d) {
    GMMStats s = new GMMStats(c, d);
    DimensionMismatchException e = assertThrows(DimensionMismatchException.class, () -> s.merge(new GMMStats(c + 1, d)));
    assertTrue(e.getMessage().contains(c + "x" + d) && e.getMessage().contains((c + 1) + "x" + d));
  }
}
