package org.emkit.fisher.explain;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.fisher.FisherBlock;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.PowerNormalization;
import org.emkit.fisher.VectorNormalization;
import org.emkit.mixture.GMMMachine;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class FisherRelevanceTest {

  static GMMMachine gmm(long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    return GMMMachine.fromParameters(new double[] {0.2, 0.5, 0.3},
        Matrix.wrap(3, 4, r.normal(0, 1.5, 12)),
        Matrix.wrap(3, 4, new double[] {1, 0.7, 1.2, 0.9, 0.8, 1.1, 1, 0.6, 1.3, 1, 0.9, 0.7}));
  }

  static Matrix descriptors(int n, long seed) {
    return Matrix.wrap(n, 4, new NumpyRandom(seed).normal(0, 1.5, n * 4));
  }

  static FisherRelevance explainer(FisherVectorEncoder enc, long seed) {
    return FisherRelevance.of(enc, new NumpyRandom(seed).normal(0, 1, enc.length()), 0.3);
  }

  @Test
  void handCaseWithOneGaussianAndTwoDescriptors() {
    // K = 1, D = 1, μ = 0, σ² = 1, w = 1, means block only, no power/L2: ψ(x) = x, G = mean(x)
    GMMMachine one = GMMMachine.fromParameters(new double[] {1}, Matrix.of(new double[][] {{0}}),
        Matrix.of(new double[][] {{1}}));
    FisherOptions o = FisherOptions.builder().blocks(FisherBlock.MEANS).power(PowerNormalization.NONE)
        .l2(VectorNormalization.NONE).build();
    FisherRelevance e = FisherRelevance.of(FisherVectorEncoder.of(one, o), new double[] {0.5}, 1.0);
    Matrix x = Matrix.of(new double[][] {{-1}, {3}});
    // G = 1, f = 1 + 0.5·1 = 1.5, R_d = 0.5; m = (−0.5, 1.5)
    assertAllClose(new double[] {0.5}, e.dimensionRelevance(x), Tolerance.KERNEL_VS_ORACLE);
    assertAllClose(new double[] {-0.25, 0.75}, e.descriptorRelevance(x, Decomposition.PLAIN), Tolerance.KERNEL_VS_ORACLE);
    assertAllClose(new double[] {0.125, 0.375}, e.descriptorRelevance(x, Decomposition.ABSOLUTE), Tolerance.KERNEL_VS_ORACLE);
    assertAllClose(new double[] {-0.125, 0.375}, e.descriptorRelevance(x, Decomposition.epsilon(1)), Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void plainAndAbsoluteConserveRelevanceAndEpsilonLosesExactlyItsShare() {
    FisherVectorEncoder enc = FisherVectorEncoder.improved(gmm(1));
    FisherRelevance e = explainer(enc, 2);
    Matrix x = descriptors(40, 3);
    double[] rd = e.dimensionRelevance(x);
    double total = 0;
    for (double v : rd) {
      total += v;
    }
    assertEquals(e.decision(enc.encode(x)) - e.bias(), total, 1e-12, "Σ_d R_d = f − b");
    for (Decomposition rule : new Decomposition[] {Decomposition.PLAIN, Decomposition.ABSOLUTE}) {
      double s = 0;
      for (double v : e.descriptorRelevance(x, rule)) {
        s += v;
      }
      assertEquals(total, s, 1e-9, rule + " conserves");
    }
    Matrix m = e.mappings(x);
    double expected = 0;
    for (int d = 0; d < rd.length; d++) {
      double g = 0;
      for (int l = 0; l < 40; l++) {
        g += m.get(l, d);
      }
      expected += g == 0 ? 0 : rd[d] * g / (g + 100 * Math.signum(g));
    }
    double s = 0;
    for (double v : e.descriptorRelevance(x, Decomposition.epsilon())) {
      s += v;
    }
    assertEquals(expected, s, 1e-12, "ε = 100 passes on Σ_d R_d G_d / (G_d + ε sgn G_d)");
    assertTrue(Math.abs(s) < Math.abs(total), "ε loses relevance");
  }

  @Test
  void encodingIsTheNormalisedMeanOfTheDescriptorMappings() {
    FisherVectorEncoder enc = FisherVectorEncoder.improved(gmm(4));
    Matrix x = descriptors(25, 5);
    double[] g = new double[enc.length()];
    Matrix m = explainer(enc, 1).mappings(x);
    for (int l = 0; l < 25; l++) {
      for (int d = 0; d < g.length; d++) {
        g[d] += m.get(l, d);
      }
    }
    assertAllClose(enc.encode(x), enc.normalize(g), new Tolerance(1e-12, 1e-14));
    assertAllClose(enc.encode(x), enc.normalize(enc.unnormalized().encode(x)), Tolerance.EXACT);
  }

  @Test
  void incrementalResamplingEqualsRecomputingFromScratch() {
    FisherVectorEncoder enc = FisherVectorEncoder.improved(gmm(6));
    FisherRelevance e = explainer(enc, 7);
    Matrix x = descriptors(30, 8);
    int[] order = ResamplingEvaluation.mostRelevantFirst(e.descriptorRelevance(x, Decomposition.PLAIN));
    ResamplingEvaluation.Trace t = ResamplingEvaluation.run(e, x, order, 7, 9);
    double[] f = t.decisions();
    assertEquals(1 + 5, f.length, "30 descriptors in batches of 7: 5 steps");
    Matrix samples = enc.gmm().sample(30, 9);
    double[] xs = x.toArray();
    int next = 0;
    for (int step = 1; step <= 5; step++) {
      for (int b = 0; b < 7 && next < 30; b++, next++) {
        System.arraycopy(samples.data(), next * 4, xs, order[next] * 4, 4);
      }
      double direct = e.decision(enc.encode(Matrix.wrap(30, 4, xs)));
      assertEquals(direct, f[step], 1e-10 * Math.max(1, Math.abs(direct)), "step " + step);
    }
    assertArrayEquals(f, ResamplingEvaluation.run(e, x, order, 7, 9).decisions(), "same seed");
  }

  @Test
  void zeroClassifierHasZeroAreaAndRelevanceOrderBeatsRandomOnAverage() {
    FisherVectorEncoder enc = FisherVectorEncoder.improved(gmm(10));
    Matrix x = descriptors(20, 11);
    FisherRelevance zero = FisherRelevance.of(enc, new double[enc.length()], 0.0);
    assertEquals(0.0, ResamplingEvaluation.run(zero, x, ResamplingEvaluation.randomOrder(20, 1), 4, 2).area());
    double relevanceArea = 0;
    double randomArea = 0;
    for (int k = 0; k < 20; k++) {
      FisherRelevance e = explainer(enc, 100 + k);
      Matrix xi = descriptors(20, 200 + k);
      relevanceArea += ResamplingEvaluation.run(e, xi,
          ResamplingEvaluation.mostRelevantFirst(e.descriptorRelevance(xi, Decomposition.PLAIN)), 2, k).area();
      randomArea += ResamplingEvaluation.run(e, xi, ResamplingEvaluation.randomOrder(20, k), 2, k).area();
    }
    assertTrue(relevanceArea > randomArea, relevanceArea + " vs random " + randomArea);
  }

  @Test
  void heatmapSpreadsRelevanceOverPatches() {
    double[] map = Heatmap.render(new double[] {4, -2}, new int[][] {{0, 0, 2, 2}, {1, 1, 2, 1}}, 3, 3);
    assertAllClose(new double[] {1, 1, 0, 1, 0, -1, 0, 0, 0}, map, Tolerance.EXACT);
    assertThrows(IllegalArgumentException.class,
        () -> Heatmap.render(new double[] {1}, new int[][] {{0, 0, 0, 1}}, 3, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Decomposition.epsilon(0));
    assertEquals("Decomposition: epsilon must be in (0, inf), got 0.0", e.getMessage());
  }

  @Test
  void handCaseAttributesThePowerNormalisationToTheKernel() {
    // K = 1, D = 1, μ = 0, σ² = 1, means block, signed square root, no L2: ψ(x) = x.
    // Descriptors {2, 6}: G = 4, Φ = √4 = 2; w = 0.5, b = 1: f = 2, R_d = w Φ = 1 = f − b.
    // m = (2/2, 6/2) = (1, 3); plain: R_l = 1·m/4 = (0.25, 0.75); ε = 1: Z = 4 + 1 = 5, R_l =
    // (0.2, 0.6) (0.2 of R_d lost); absolute equals plain since all m > 0.
    GMMMachine one = GMMMachine.fromParameters(new double[] {1}, Matrix.of(new double[][] {{0}}),
        Matrix.of(new double[][] {{1}}));
    FisherOptions o = FisherOptions.builder().blocks(FisherBlock.MEANS)
        .power(PowerNormalization.SIGNED_SQUARE_ROOT).l2(VectorNormalization.NONE).build();
    FisherVectorEncoder enc = FisherVectorEncoder.of(one, o);
    FisherRelevance e = FisherRelevance.of(enc, new double[] {0.5}, 1.0);
    Matrix x = Matrix.of(new double[][] {{2}, {6}});
    assertEquals(2.0, e.decision(enc.encode(x)), 1e-15);
    assertAllClose(new double[] {1.0}, e.dimensionRelevance(x), Tolerance.KERNEL_VS_ORACLE);
    assertAllClose(new double[] {1, 3}, e.mappings(x).data(), Tolerance.KERNEL_VS_ORACLE);
    assertAllClose(new double[] {0.25, 0.75}, e.descriptorRelevance(x, Decomposition.PLAIN),
        Tolerance.KERNEL_VS_ORACLE);
    assertAllClose(new double[] {0.2, 0.6}, e.descriptorRelevance(x, Decomposition.epsilon(1)),
        Tolerance.KERNEL_VS_ORACLE);
    assertAllClose(new double[] {0.25, 0.75}, e.descriptorRelevance(x, Decomposition.ABSOLUTE),
        Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void traceAreaIsTheMeanDropAndFlipDetectsASignChange() {
    ResamplingEvaluation.Trace t = new ResamplingEvaluation.Trace(new double[] {2, 1, -1, 0.5});
    // A = ((2 − 1) + (2 + 1) + (2 − 0.5)) / 3
    assertEquals(5.5 / 3, t.area(), 1e-15);
    assertTrue(t.flipped());
    ResamplingEvaluation.Trace rising = new ResamplingEvaluation.Trace(new double[] {1, 0.5, 3});
    assertEquals((0.5 - 2) / 2, rising.area(), 1e-15);
    assertEquals(false, rising.flipped());
    assertEquals(0.0, new ResamplingEvaluation.Trace(new double[] {1}).area());
  }

  @Test
  void resamplingRejectsInvalidArgumentsNamingThem() {
    FisherVectorEncoder enc = FisherVectorEncoder.improved(gmm(12));
    FisherRelevance e = explainer(enc, 13);
    Matrix x = descriptors(5, 14);
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> ResamplingEvaluation.run(e, x, new int[] {0, 3, 3}, 1, 0));
    assertEquals("ResamplingEvaluation.run: order lists descriptor 3 twice", twice.getMessage());
    IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
        () -> ResamplingEvaluation.run(e, x, new int[] {0}, 0, 0));
    assertTrue(batch.getMessage().contains("batchSize") && batch.getMessage().contains("got 0"),
        batch.getMessage());
    assertThrows(IndexOutOfBoundsException.class,
        () -> ResamplingEvaluation.run(e, x, new int[] {5}, 1, 0));
    assertThrows(org.emkit.core.DimensionMismatchException.class,
        () -> ResamplingEvaluation.run(e, descriptors(5, 1).transpose(), new int[] {0}, 1, 0));
  }

  @Test
  void ordersAreMostRelevantFirstWithTiesToTheLowerIndexAndRandomOrdersArePermutations() {
    assertArrayEquals(new int[] {1, 2, 0, 3},
        ResamplingEvaluation.mostRelevantFirst(new double[] {1, 3, 3, -2}));
    int[] r = ResamplingEvaluation.randomOrder(50, 3);
    assertArrayEquals(r, ResamplingEvaluation.randomOrder(50, 3), "seeded");
    int[] sorted = r.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < 50; i++) {
      assertEquals(i, sorted[i]);
    }
    assertTrue(!java.util.Arrays.equals(r, ResamplingEvaluation.randomOrder(50, 4)));
  }

  @Test
  void heatmapConservesTheRelevanceOfPatchesInsideTheImage() {
    NumpyRandom rng = new NumpyRandom(15);
    double[] rel = rng.normal(0, 1, 30);
    int[][] patches = new int[30][];
    double inside = 0;
    for (int l = 0; l < 30; l++) {
      int size = 2 + (int) rng.randint(0, 5);
      patches[l] = new int[] {(int) rng.randint(0, 12 - size + 1),
          (int) rng.randint(0, 10 - size + 1), size, size};
      inside += rel[l];
    }
    double[] map = Heatmap.render(rel, patches, 12, 10);
    assertEquals(120, map.length);
    double s = 0;
    for (double v : map) {
      s += v;
    }
    assertEquals(inside, s, 1e-12);
    // a 2×2 patch half outside the left edge keeps half its relevance
    double[] half = Heatmap.render(new double[] {8}, new int[][] {{-1, 0, 2, 2}}, 3, 3);
    assertAllClose(new double[] {2, 0, 0, 2, 0, 0, 0, 0, 0}, half, Tolerance.EXACT);
  }
}
