package org.emkit.mixture;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.emkit.testing.NumericAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.Numerics;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.NaiveGmm;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** Hand cases from bob's tests (SPEC §4.2–4.5), oracles, identities and error paths. */
class GMMMachineTest {

  static final double EPS = VarianceFloor.EPS;
  static final Matrix FIVE = Matrix.of(new double[][] {{1, 2, 2}, {2, 1, 2}, {7, 8, 9}, {7, 7, 8}, {7, 9, 7}});
  static final Matrix TEST4 = Matrix.of(new double[][] {{1, 1, 1}, {1, 1, 2}, {8, 9, 9}, {8, 8, 8}});
  static final GMMMachine.Update[] ALL = {GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES,
      GMMMachine.Update.WEIGHTS};

  static Matrix fill(int rows, int cols, double... rowValues) {
    double[] a = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      java.util.Arrays.fill(a, i * cols, (i + 1) * cols, rowValues[i]);
    }
    return Matrix.wrap(rows, cols, a);
  }

  static GMMMachine threeComponents(double[] weights, Matrix variances) {
    return GMMMachine.builder(3).weights(weights).means(fill(3, 3, 0, 1, -1)).variances(variances).build();
  }

  static final Matrix LIK_DATA = Matrix.of(new double[][] {{1, 1, 1}, {-1, 0, 0}, {0, 0, 1}, {2, 2, 2}});

  @Test
  void likelihoodsMatchBobTestValues() {
    double[] third = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    assertAllClose(new double[] {-3.6519900964986527, -3.83151883210222, -3.83151883210222, -5.344374066745753},
        threeComponents(third, fill(3, 3, 1, 1, 1)).logLikelihood(LIK_DATA), Tolerance.KERNEL_VS_ORACLE);
    Matrix var = Matrix.of(new double[][] {{1.1, 1.2, 0.8}, {0.2, 0.4, 0.5}, {1, 1, 1}});
    assertAllClose(new double[] {-2.202846959440514, -3.8699524542323793, -4.229029034375473, -6.940892214952679},
        threeComponents(third, var).logLikelihood(LIK_DATA), Tolerance.KERNEL_VS_ORACLE);
    assertAllClose(new double[] {-4.206596356117164, -3.492325679996329, -3.634745457950943, -6.49485678536014},
        threeComponents(new double[] {0.6, 0.1, 0.3}, fill(3, 3, 1, 1, 1)).logLikelihood(LIK_DATA),
        Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void statsOperationsMatchBob() {
    Matrix data = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {7, 8, 9}});
    GMMMachine m = GMMMachine.builder(2).means(fill(2, 3, 0, 8)).variances(fill(2, 3, 1, 1)).build();
    GMMStats s = m.transform(data);
    assertClose(-37.2998511206581, s.logLikelihood(), Tolerance.KERNEL_VS_ORACLE, "ll");
    assertEquals(4, s.t());
    assertAllClose(new double[] {1, 3}, s.n(), new Tolerance(0, 1e-7));
    assertAllClose(new double[] {1, 2, 3, 18, 21, 24}, s.sumPx().data(), new Tolerance(0, 1e-7));
    assertAllClose(new double[] {1, 4, 9, 114, 153, 198}, s.sumPxx().data(), new Tolerance(0, 1e-7));
    GMMStats twice = s.plus(s);
    assertEquals(8, twice.t());
    assertAllClose(new double[] {2, 6}, twice.n(), new Tolerance(0, 1e-7));
    twice.merge(s);
    assertEquals(12, twice.t());
    assertClose(3 * -37.2998511206581, twice.logLikelihood(), Tolerance.KERNEL_VS_ORACLE, "ll x3");
  }

  @Test
  void mlStepMatchesBobTestMlEm() {
    GMMMachine m = GMMMachine.builder(2).means(fill(2, 3, 2, 8)).variances(fill(2, 3, 1, 1))
        .updates(ALL[0], ALL[1], ALL[2]).build();
    for (Numerics mode : Numerics.values()) {
      GMMMachine step = m.toBuilder().numerics(mode).build();
      step = step.mStep(step.transform(FIVE));
      assertAllClose(new double[] {1.5, 1.5, 2, 7, 8, 8}, step.means().data(), new Tolerance(0, 1e-7));
      assertAllClose(new double[] {0.4, 0.6}, step.weights(), new Tolerance(0, 1e-7));
      assertAllClose(new double[] {0.25, 0.25, EPS, EPS, 2.0 / 3, 2.0 / 3}, step.variances().data(),
          new Tolerance(0, 1e-7));
    }
  }

  @Test
  void mlTransformerFitThenAccStatsMatchBob() {
    GMMMachine fitted = GMMMachine.builder(2).means(fill(2, 3, 2, 8)).variances(fill(2, 3, 1, 1))
        .updates(ALL[0], ALL[1], ALL[2]).build().fit(FIVE);
    assertAllClose(new double[] {1.5, 1.5, 2, 7, 8, 8}, fitted.means().data(), new Tolerance(0, 1e-7));
    GMMStats s = fitted.transform(TEST4);
    GMMStats expected = GMMStats.of(new double[] {2, 2}, Matrix.of(new double[][] {{2, 2, 3}, {16, 17, 17}}),
        Matrix.of(new double[][] {{2, 2, 5}, {128, 145, 145}}), -6755399441055685.0, 4);
    assertTrue(s.isSimilarTo(expected, 1e-5, 1e-8), s.toString());
  }

  static GMMMachine bobPrior() {
    return GMMMachine.builder(2).weights(new double[] {0.5, 0.5}).means(fill(2, 3, 2, 8))
        .variances(fill(2, 3, 1, 1)).build();
  }

  @Test
  void mapStepMatchesBobTestMapEmInCompatibleMode() {
    GMMMachine map = GMMMachine.map(bobPrior()).numerics(Numerics.BOB_COMPATIBLE).updates(ALL[0], ALL[1], ALL[2]).build();
    assertAllClose(bobPrior().means(), map.means(), Tolerance.EXACT, "starts at the prior");
    GMMMachine step = map.mStep(map.transform(FIVE));
    assertAllClose(new double[] {1.83333333, 1.83333333, 2, 7.57142857, 8, 8}, step.means().data(), new Tolerance(0, 1e-7));
    assertAllClose(new double[] {0.46226415, 0.53773585}, step.weights(), new Tolerance(0, 1e-7));
    assertAllClose(new double[] {EPS, EPS, EPS, EPS, EPS, EPS}, step.variances().data(), new Tolerance(0, 1e-7));
    GMMStats s = map.toBuilder().maxIterations(1).build().fit(FIVE).transform(TEST4);
    GMMStats expected = GMMStats.of(new double[] {2, 2}, Matrix.of(new double[][] {{2, 2, 3}, {16, 17, 17}}),
        Matrix.of(new double[][] {{2, 2, 5}, {128, 145, 145}}), -1.3837590691807108e16, 4);
    assertTrue(s.isSimilarTo(expected, 1e-5, 1e-8), s.toString());
  }

  @Test
  void standardMapVarianceFollowsReynoldsEquation13() {
    GMMMachine map = GMMMachine.map(bobPrior()).updates(ALL[0], ALL[1], ALL[2]).build();
    GMMStats s = map.transform(FIVE);
    GMMMachine step = map.mStep(s);
    // oracle straight from Reynolds et al. 2000 eq. 11-13 with α_c = n_c/(n_c + 4)
    for (int c = 0; c < 2; c++) {
      double n = s.n(c);
      double a = n / (n + 4);
      for (int j = 0; j < 3; j++) {
        double m0 = c == 0 ? 2 : 8;
        double ex = s.sumPx(c, j) / n;
        double ex2 = s.sumPxx(c, j) / n;
        double mu = a * ex + (1 - a) * m0;
        double var = a * ex2 + (1 - a) * (1 + m0 * m0) - mu * mu;
        assertClose(mu, step.mean(c, j), Tolerance.KERNEL_VS_ORACLE, "mean " + c + "," + j);
        assertClose(Math.max(var, EPS), step.variance(c, j), new Tolerance(1e-10, 0), "variance " + c + "," + j);
      }
    }
  }

  @Test
  void mapWithHugeRelevanceFactorReturnsThePrior() {
    GMMMachine map = GMMMachine.map(bobPrior()).relevanceFactor(1e300).updates(ALL[0], ALL[1], ALL[2]).build();
    GMMMachine step = map.mStep(map.transform(FIVE));
    assertAllClose(bobPrior().means(), step.means(), new Tolerance(1e-12, 1e-12));
    assertAllClose(bobPrior().variances(), step.variances(), new Tolerance(1e-12, 1e-12));
    assertAllClose(bobPrior().weights(), step.weights(), new Tolerance(1e-12, 1e-12));
  }

  @Test
  void mapWithAlphaOneEqualsOneMlStepMeans() {
    GMMMachine map = GMMMachine.map(bobPrior()).alpha(1.0).build();
    GMMStats s = map.transform(FIVE);
    GMMMachine ml = bobPrior().mStep(s);
    assertAllClose(ml.means(), map.mStep(s).means(), Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void oneComponentMlStepGivesSampleMeanAndBiasedVariance() {
    Matrix x = new Matrix[] {randomData(50, 4, 11)}[0];
    GMMMachine one = GMMMachine.builder(1).means(Matrix.zeros(1, 4)).variances(fill(1, 4, 1))
        .updates(ALL[0], ALL[1], ALL[2]).build();
    GMMMachine step = one.mStep(one.transform(x));
    for (int j = 0; j < 4; j++) {
      double mean = 0;
      for (int i = 0; i < 50; i++) {
        mean += x.get(i, j);
      }
      mean /= 50;
      double var = 0;
      for (int i = 0; i < 50; i++) {
        var += (x.get(i, j) - mean) * (x.get(i, j) - mean);
      }
      var /= 50;
      assertClose(mean, step.mean(0, j), Tolerance.KERNEL_VS_ORACLE, "mean");
      assertClose(var, step.variance(0, j), new Tolerance(1e-11, 0), "variance");
    }
    assertEquals(1.0, step.weight(0));
  }

  static Matrix randomData(int n, int d, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    return Matrix.wrap(n, d, r.normal(0, 1, n * d));
  }

  @Test
  void eStepMatchesNaiveOracleOnRandomInputsOfAwkwardSizes() {
    int[][] shapes = {{1, 1, 1}, {3, 5, 1}, {130, 7, 3}, {2100, 3, 5}, {65, 1, 9}};
    for (int[] sh : shapes) {
      int n = sh[0];
      int d = sh[1];
      int c = sh[2];
      NumpyRandom r = new NumpyRandom(n + d + c);
      Matrix x = Matrix.wrap(n, d, r.normal(0, 2, n * d));
      double[] w = r.rand(c);
      Matrix mu = Matrix.wrap(c, d, r.normal(0, 2, c * d));
      double[] v = r.rand(c * d);
      for (int k = 0; k < v.length; k++) {
        v[k] = 0.2 + 2 * v[k];
      }
      GMMMachine m = GMMMachine.builder(c).weights(w).means(mu).variances(Matrix.wrap(c, d, v)).build();
      GMMStats oracle = NaiveGmm.stats(x, w, mu, Matrix.wrap(c, d, v));
      GMMStats s = m.transform(x);
      String shape = n + "x" + d + " C=" + c;
      assertClose(oracle.logLikelihood(), s.logLikelihood(), Tolerance.KERNEL_VS_ORACLE, shape);
      assertAllClose(oracle.n(), s.n(), Tolerance.KERNEL_VS_ORACLE, shape);
      assertAllClose(oracle.sumPx().data(), s.sumPx().data(), new Tolerance(1e-12, 1e-13), shape);
      assertAllClose(oracle.sumPxx().data(), s.sumPxx().data(), new Tolerance(1e-12, 1e-13), shape);
      assertAllClose(NaiveGmm.logLikelihoods(x, w, mu, Matrix.wrap(c, d, v)), m.logLikelihood(x), Tolerance.KERNEL_VS_ORACLE);
    }
  }

  @Test
  void resultsAreBitwiseIdenticalForAnyParallelism() {
    Matrix x = randomData(5000, 4, 3);
    GMMMachine.Builder b = GMMMachine.builder(4).updates(ALL[0], ALL[1], ALL[2]).maxIterations(5)
        .convergenceThreshold(0);
    GMMMachine one = b.parallelism(1).build().fit(x);
    for (int p : new int[] {2, 4}) {
      GMMMachine many = b.parallelism(p).build().fit(x);
      assertArrayEquals(one.means().data(), many.means().data(), "parallelism " + p);
      assertArrayEquals(one.variances().data(), many.variances().data());
      assertArrayEquals(one.weights(), many.weights());
      assertArrayEquals(one.report().objectives(), many.report().objectives());
      assertEquals(one.transform(x), many.toBuilder().parallelism(p).build().transform(x));
    }
  }

  @Test
  void rangeAccumulateEqualsTransformOfTheCopiedRows() {
    Matrix x = randomData(3000, 2, 5);
    GMMMachine m = GMMMachine.builder(3).build().fit(x);
    GMMStats s = new GMMStats(3, 2);
    m.accumulate(x, 100, 2900, s, PosteriorRule.EXACT);
    assertEquals(m.transform(x.rows(100, 2900)), s);
    List<GMMStats> sets = m.transformSets(x, new int[] {100, 2800, 100});
    assertEquals(s, sets.get(1));
    assertEquals(3000, m.transformRows(x).size());
  }

  @Test
  void posteriorRulesBehaveAsDocumented() {
    Matrix x = randomData(200, 2, 8);
    GMMMachine m = GMMMachine.builder(3).build().fit(x);
    Matrix exact = m.posteriors(x);
    Matrix hard = m.toBuilder().posteriorRule(PosteriorRule.HARD).build().posteriors(x);
    Matrix thr = m.toBuilder().posteriorRule(PosteriorRule.threshold(0.2)).build().posteriors(x);
    int[] labels = m.predict(x);
    for (int i = 0; i < 200; i++) {
      double se = 0;
      double st = 0;
      for (int c = 0; c < 3; c++) {
        double g = exact.get(i, c);
        assertTrue(g >= 0 && g <= 1);
        se += g;
        st += thr.get(i, c);
        assertEquals(c == labels[i] ? 1.0 : 0.0, hard.get(i, c));
        assertTrue(thr.get(i, c) == 0 || exact.get(i, c) >= 0.2 || c == labels[i]);
      }
      assertClose(1.0, se, Tolerance.KERNEL_VS_ORACLE, "row " + i);
      assertClose(1.0, st, Tolerance.KERNEL_VS_ORACLE, "row " + i);
    }
  }

  @Test
  void fitDoesNotModifyItsInputAndAccessorsCopy() {
    Matrix x = randomData(300, 3, 1);
    double[] before = x.toArray();
    GMMMachine m = GMMMachine.builder(2).build().fit(x);
    assertArrayEquals(before, x.data());
    m.means().data()[0] = 1e9;
    m.weights()[0] = 1e9;
    assertNotEquals(1e9, m.mean(0, 0));
    assertNotEquals(1e9, m.weight(0));
  }

  @Test
  void randomInitAndSamplingRecoverAKnownMixture() {
    GMMMachine truth = GMMMachine.builder(2).weights(new double[] {0.3, 0.7})
        .means(Matrix.of(new double[][] {{-5, 0}, {5, 2}})).variances(Matrix.of(new double[][] {{1, 0.5}, {2, 1}})).build();
    Matrix x = truth.sample(20000, 7);
    for (GMMMachine.Init init : new GMMMachine.Init[] {GMMMachine.Init.KMEANS, GMMMachine.Init.RANDOM}) {
      GMMMachine fit = GMMMachine.builder(2).init(init).updates(ALL[0], ALL[1], ALL[2]).build().fit(x);
      int lo = fit.mean(0, 0) < fit.mean(1, 0) ? 0 : 1;
      assertClose(-5, fit.mean(lo, 0), Tolerance.RECOVERY, init + " mean");
      assertClose(0.3, fit.weight(lo), Tolerance.RECOVERY, init + " weight");
      assertClose(2, fit.variance(1 - lo, 0), Tolerance.RECOVERY, init + " variance");
    }
  }

  @Test
  void errorsNameOwnerParameterAndValue() {
    Matrix x = randomData(10, 2, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GMMMachine.builder(12).build().fit(x));
    assertEquals("GMMMachine.fit: numComponents (12) exceeds number of samples N (10)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GMMMachine.builder(0));
    assertEquals("GMMMachine: numComponents must be in [1, inf), got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GMMMachine.builder(2).maxIterations(0));
    assertTrue(e.getMessage().contains("maxIterations") && e.getMessage().contains("got 0"));
    e = assertThrows(IllegalArgumentException.class, () -> GMMMachine.builder(2).convergenceThreshold(Double.NaN));
    assertTrue(e.getMessage().contains("convergenceThreshold") && e.getMessage().contains("NaN"));
    e = assertThrows(IllegalArgumentException.class, () -> GMMMachine.builder(2).relevanceFactor(-1));
    assertTrue(e.getMessage().contains("relevanceFactor") && e.getMessage().contains("-1.0"));
    e = assertThrows(IllegalArgumentException.class, () -> GMMMachine.builder(2).relevanceFactor(4).alpha(0.5));
    assertEquals("GMMMachine.Builder: relevanceFactor and alpha are mutually exclusive; got relevanceFactor=4.0,"
        + " alpha=0.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GMMMachine.builder(2).trainer(GMMMachine.Trainer.MAP).build());
    assertTrue(e.getMessage().contains("requires a prior"));
    Matrix bad = Matrix.of(new double[][] {{1, 2}, {3, Double.NaN}, {4, 5}});
    e = assertThrows(IllegalArgumentException.class, () -> GMMMachine.builder(1).build().fit(bad));
    assertEquals("GMMMachine.fit: x[1, 1] is NaN; inputs must be finite", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GMMMachine.builder(1).build().fit(Matrix.zeros(0, 2)));
    assertTrue(e.getMessage().contains("at least 1 row"));
    Matrix constant = Matrix.of(new double[][] {{1, 2}, {1, 3}, {1, 4}});
    e = assertThrows(IllegalArgumentException.class, () -> GMMMachine.builder(1).build().fit(constant));
    assertTrue(e.getMessage().contains("column 0 is constant"), e.getMessage());
    GMMMachine fitted = GMMMachine.builder(2).build().fit(x);
    DimensionMismatchException dm = assertThrows(DimensionMismatchException.class,
        () -> fitted.logLikelihood(Matrix.zeros(3, 5)));
    assertEquals("GMMMachine.logLikelihood: x has 5 columns (shape 3x5) but the model has D = 2", dm.getMessage());
    NotFittedException nf = assertThrows(NotFittedException.class, () -> GMMMachine.builder(2).build().transform(x));
    assertTrue(nf.getMessage().startsWith("GMMMachine.transform: machine is not fitted"));
    e = assertThrows(IllegalArgumentException.class, () -> GMMMachine.builder(2).means(Matrix.zeros(2, 2))
        .variances(Matrix.zeros(2, 2)).varianceFloor(0).build());
    assertTrue(e.getMessage().contains("variances[0, 0] must be in (0, inf) after flooring"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fitted.mStep(new GMMStats(2, 2)));
    assertTrue(e.getMessage().contains("stats.t must be in [1, inf), got 0"));
    DimensionMismatchException shape = assertThrows(DimensionMismatchException.class,
        () -> GMMMachine.map(fitted).varianceFloor(VarianceFloor.perFeature(new double[] {1, 1, 1})).build());
    assertTrue(shape.getMessage().contains("varianceFloor has shape (3,)"), shape.getMessage());
  }

  @Test
  void varianceFloorShapesApplyElementwise() {
    Matrix var = Matrix.of(new double[][] {{0.1, 0.1}, {0.1, 0.1}});
    GMMMachine.Builder b = GMMMachine.builder(2).means(Matrix.zeros(2, 2)).variances(var);
    assertAllClose(new double[] {0.5, 0.5, 0.5, 0.5}, b.varianceFloor(0.5).build().variances().data(), Tolerance.EXACT);
    assertAllClose(new double[] {0.3, 0.1, 0.3, 0.1},
        b.varianceFloor(VarianceFloor.perFeature(new double[] {0.3, 0})).build().variances().data(), Tolerance.EXACT);
    assertAllClose(new double[] {0.1, 0.1, 0.1, 0.7},
        b.varianceFloor(VarianceFloor.perComponent(Matrix.of(new double[][] {{0, 0}, {0, 0.7}}))).build()
            .variances().data(), Tolerance.EXACT);
  }

  @Test
  void equalityAndToStringListHyperparameters() {
    GMMMachine a = bobPrior();
    GMMMachine b = bobPrior();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.toBuilder().maxIterations(3).build());
    assertTrue(a.isSimilarTo(b, 0, 0));
    assertFalse(a.isSimilarTo(a.toBuilder().weights(new double[] {0.6, 0.4}).build(), 1e-5, 1e-8));
    String s = a.toBuilder().relevanceFactor(3).build().toString();
    for (String k : new String[] {"numComponents=2", "trainer=ML", "updates=[MEANS]", "relevanceFactor=3.0",
        "convergenceThreshold=1.0E-5", "maxIterations=200", "seed=0", "parallelism=1", "numerics=STANDARD"}) {
      assertTrue(s.contains(k), k + " in " + s);
    }
  }
}
