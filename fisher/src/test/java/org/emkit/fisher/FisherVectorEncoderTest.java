package org.emkit.fisher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.mixture.PosteriorRule;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class FisherVectorEncoderTest {

  /**
   * Encoder versus the naive oracle: the same mathematics in a different order (the oracle
   * normalises each term, the encoder sums first; posteriors by different code), then power
   * normalisation with ρ = 0.3, which amplifies the relative error of small entries by 1/ρ;
   * the absolute part covers entries that are zero up to rounding.
   */
  static final Tolerance RAW_MOMENTS_VS_ORACLE = new Tolerance(1e-10, 1e-13);

  // ------------------------------------------------------------------------------------------
  // hand cases

  private static GMMMachine oneGaussian() {
    return GMMMachine.fromParameters(new double[] {1.0}, Matrix.of(new double[][] {{1, 2}}),
        Matrix.of(new double[][] {{4, 9}}));
  }

  @Test
  void oneGaussianOneDescriptorByHand() {
    // μ = (1, 2), σ = (2, 3), x = (5, 2): (x−μ)/σ = (2, 0), γ = 1, T = 1, w = 1
    Matrix x = Matrix.of(new double[][] {{5, 2}});
    FisherOptions all = FisherOptions.builder()
        .blocks(FisherBlock.WEIGHTS, FisherBlock.MEANS, FisherBlock.VARIANCES)
        .power(PowerNormalization.NONE).l2(VectorNormalization.NONE).build();
    double r2 = Math.sqrt(2);
    // α: γ − w = 0; μ: (2, 0); σ: ((2² − 1), (0 − 1))/√2
    NumericAssert.assertAllClose(new double[] {0, 2, 0, 3 / r2, -1 / r2},
        FisherVectorEncoder.of(oneGaussian(), all).encode(x), Tolerance.KERNEL_VS_ORACLE);
    // unnormalised: μ: (x−μ)/σ² = (1, 0); σ: (x−μ)²/σ³ − 1/σ = (16/8 − 1/2, −1/3)
    FisherOptions identity = all.toBuilder().fisherNormalization(FisherNormalization.IDENTITY)
        .build();
    NumericAssert.assertAllClose(new double[] {0, 1, 0, 1.5, -1.0 / 3},
        FisherVectorEncoder.of(oneGaussian(), identity).encode(x), Tolerance.KERNEL_VS_ORACLE);
    // VLFeat layout puts μ, then σ, then α
    FisherOptions vl = all.toBuilder().layout(FisherLayout.VLFEAT).build();
    NumericAssert.assertAllClose(new double[] {2, 0, 3 / r2, -1 / r2, 0},
        FisherVectorEncoder.of(oneGaussian(), vl).encode(x), Tolerance.KERNEL_VS_ORACLE);
    // improved: signed square roots (√2, 0, √(3/√2), −√(1/√2)), then unit norm
    double[] z = {Math.sqrt(2), 0, Math.sqrt(3 / r2), -Math.sqrt(1 / r2)};
    double n = Math.sqrt(2 + 3 / r2 + 1 / r2);
    for (int i = 0; i < 4; i++) {
      z[i] /= n;
    }
    NumericAssert.assertAllClose(z, FisherVectorEncoder.improved(oneGaussian()).encode(x),
        Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void lengthAndIndexFollowTheDocumentedLayouts() {
    GMMMachine g = Fixtures.gmm(3, 4, 0, 1, 1);
    FisherOptions all = FisherOptions.builder()
        .blocks(EnumSet.allOf(FisherBlock.class)).build();
    FisherVectorEncoder emkit = FisherVectorEncoder.of(g, all);
    assertEquals(3 * 9, emkit.length());
    assertEquals(2 * 9, emkit.index(FisherBlock.WEIGHTS, 2, 0));
    assertEquals(9 + 1 + 3, emkit.index(FisherBlock.MEANS, 1, 3));
    assertEquals(9 + 1 + 4 + 2, emkit.index(FisherBlock.VARIANCES, 1, 2));
    FisherVectorEncoder vl = FisherVectorEncoder.of(g, all.toBuilder()
        .layout(FisherLayout.VLFEAT).build());
    assertEquals(1 * 4 + 3, vl.index(FisherBlock.MEANS, 1, 3));
    assertEquals(12 + 4 + 2, vl.index(FisherBlock.VARIANCES, 1, 2));
    assertEquals(24 + 2, vl.index(FisherBlock.WEIGHTS, 2, 0));
    assertEquals(2 * 3 * 4, FisherVectorEncoder.improved(g).length());
    FisherVectorEncoder sigmaOnly = FisherVectorEncoder.of(g, FisherOptions.builder()
        .blocks(FisherBlock.VARIANCES).layout(FisherLayout.VLFEAT).build());
    assertEquals(4 + 1, sigmaOnly.index(FisherBlock.VARIANCES, 1, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sigmaOnly.index(FisherBlock.MEANS, 0, 0));
    assertTrue(e.getMessage().contains("block") && e.getMessage().contains("MEANS"));
    e = assertThrows(IllegalArgumentException.class,
        () -> emkit.index(FisherBlock.MEANS, 0, 4));
    assertTrue(e.getMessage().contains("feature") && e.getMessage().contains("4"));
  }

  // ------------------------------------------------------------------------------------------
  // naive oracle, every option combination

  private static List<Set<FisherBlock>> blockSubsets() {
    List<Set<FisherBlock>> out = new ArrayList<>();
    FisherBlock[] all = FisherBlock.values();
    for (int mask = 1; mask < 8; mask++) {
      EnumSet<FisherBlock> s = EnumSet.noneOf(FisherBlock.class);
      for (int b = 0; b < 3; b++) {
        if ((mask & (1 << b)) != 0) {
          s.add(all[b]);
        }
      }
      out.add(s);
    }
    return out;
  }

  @Test
  void everyOptionCombinationMatchesTheNaiveOracle() {
    GMMMachine g = Fixtures.gmm(3, 2, 0, 1.5, 3);
    int[] lengths = {1, 9, 0, 15, 4};
    Matrix x = Fixtures.sample(g, Fixtures.sum(lengths), 0.5, 4);
    int[] trainLengths = {6, 8, 0, 5, 11, 7};
    Matrix train = Fixtures.sample(g, Fixtures.sum(trainLengths), 0.5, 5);
    PosteriorRule[] rules = {PosteriorRule.EXACT, PosteriorRule.threshold(0.05),
        PosteriorRule.truncate(0.05), PosteriorRule.HARD};
    PowerNormalization[] powers = {PowerNormalization.NONE, PowerNormalization.SIGNED_SQUARE_ROOT,
        PowerNormalization.signedPower(0.3)};
    int combos = 0;
    for (Set<FisherBlock> blocks : blockSubsets()) {
      for (FisherNormalization fn : FisherNormalization.values()) {
        for (PowerNormalization power : powers) {
          for (VectorNormalization l2 : VectorNormalization.values()) {
            for (PosteriorRule rule : rules) {
              for (FisherLayout layout : FisherLayout.values()) {
                FisherOptions o = new FisherOptions(blocks, fn, power, l2, rule, layout);
                checkAgainstOracle(g, o, x, lengths, train, trainLengths);
                combos++;
              }
            }
          }
        }
      }
    }
    assertEquals(7 * 3 * 3 * 2 * 4 * 2, combos);
  }

  private static void checkAgainstOracle(GMMMachine g, FisherOptions o, Matrix x, int[] lengths,
      Matrix train, int[] trainLengths) {
    FisherVectorEncoder enc = FisherVectorEncoder.of(g, o);
    double[] m = null;
    double[] s = null;
    if (o.fisherNormalization() == FisherNormalization.EMPIRICAL) {
      enc = enc.fit(train, trainLengths, 1);
      // oracle of the standardisation: mean and biased std of the raw gradients of the
      // non-empty training sets
      List<double[]> raw = new ArrayList<>();
      int from = 0;
      for (int len : trainLengths) {
        if (len > 0) {
          raw.add(FisherOracle.gradients(g, Fixtures.rows(train, from, from + len), o));
        }
        from += len;
      }
      int l = raw.get(0).length;
      m = new double[l];
      s = new double[l];
      double largest = 0;
      for (int i = 0; i < l; i++) {
        for (double[] r : raw) {
          m[i] += r[i] / raw.size();
        }
        for (double[] r : raw) {
          s[i] += (r[i] - m[i]) * (r[i] - m[i]) / raw.size();
        }
        s[i] = Math.sqrt(s[i]);
        largest = Math.max(largest, s[i]);
      }
      for (int i = 0; i < l; i++) {
        s[i] = Math.max(s[i], 1e-8 * largest);
      }
      NumericAssert.assertAllClose(m, enc.empiricalMean(), RAW_MOMENTS_VS_ORACLE, o + " mean");
      NumericAssert.assertAllClose(s, enc.empiricalScale(), RAW_MOMENTS_VS_ORACLE, o + " scale");
    }
    Matrix all = enc.encodeSets(x, lengths, 1);
    int from = 0;
    for (int set = 0; set < lengths.length; set++) {
      double[] expected = FisherOracle.encode(g, Fixtures.rows(x, from, from + lengths[set]), o,
          m, s);
      NumericAssert.assertAllClose(expected, all.row(set), RAW_MOMENTS_VS_ORACLE,
          o + ", set " + set);
      from += lengths[set];
    }
  }

  // ------------------------------------------------------------------------------------------
  // identities

  @Test
  void improvedVectorsHaveUnitNorm() {
    for (long seed = 0; seed < 20; seed++) {
      GMMMachine g = Fixtures.gmm(4, 3, 0, 2, seed);
      Matrix x = Fixtures.sample(g, 1 + (int) (seed * 7 % 40), 1.0, seed + 100);
      double[] v = FisherVectorEncoder.improved(g).encode(x);
      double n = 0;
      for (double z : v) {
        n += z * z;
      }
      NumericAssert.assertClose(1.0, Math.sqrt(n), Tolerance.KERNEL_VS_ORACLE, "seed " + seed);
    }
  }

  @Test
  void meanBlockIsVladScaledByOneOverTSqrtWUnderEqualPriorsUnitVariancesAndHardAssignment() {
    int k = 4;
    int d = 3;
    Matrix centres = Fixtures.gmm(k, d, 0, 3, 7).means();
    double[] w = {0.25, 0.25, 0.25, 0.25};
    double[] ones = new double[k * d];
    java.util.Arrays.fill(ones, 1.0);
    GMMMachine g = GMMMachine.fromParameters(w, centres, Matrix.wrap(k, d, ones));
    Matrix x = Fixtures.sample(g, 37, 0.5, 8);
    FisherOptions fo = FisherOptions.builder().blocks(FisherBlock.MEANS)
        .power(PowerNormalization.NONE).l2(VectorNormalization.NONE)
        .posteriorRule(PosteriorRule.HARD).build();
    double[] fv = FisherVectorEncoder.of(g, fo).encode(x);
    VLADOptions vo = VLADOptions.builder().global(VectorNormalization.NONE).build();
    double[] vlad = VLADEncoder.of(org.emkit.cluster.KMeansMachine.fromCentroids(centres), vo)
        .encode(x);
    double[] scaled = new double[vlad.length];
    for (int i = 0; i < vlad.length; i++) {
      scaled[i] = vlad[i] / (37 * Math.sqrt(0.25));
    }
    NumericAssert.assertAllClose(scaled, fv, Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void weightBlockIsSoftBagOfWordsMinusPriorOverSqrtPrior() {
    GMMMachine g = Fixtures.gmm(5, 3, 0, 2, 9);
    Matrix x = Fixtures.sample(g, 60, 0.8, 10);
    double[] alpha = FisherVectorEncoder.of(g, FisherOptions.builder().blocks(FisherBlock.WEIGHTS)
        .power(PowerNormalization.NONE).l2(VectorNormalization.NONE).build()).encode(x);
    double[] bov = BagOfWordsEncoder.of(g, BagOfWordsOptions.builder()
        .assignment(Assignment.posteriors(PosteriorRule.EXACT)).build()).encode(x);
    double[] expected = new double[5];
    for (int k = 0; k < 5; k++) {
      expected[k] = (bov[k] - g.weight(k)) / Math.sqrt(g.weight(k));
    }
    NumericAssert.assertAllClose(expected, alpha, RAW_MOMENTS_VS_ORACLE);
  }

  @Test
  void encodingFromStatisticsEqualsEncodingFromDescriptors() {
    GMMMachine g = Fixtures.gmm(4, 3, 0, 2, 11);
    Matrix x = Fixtures.sample(g, 50, 1, 12);
    FisherOptions o = FisherOptions.builder().posteriorRule(PosteriorRule.threshold(1e-4))
        .blocks(EnumSet.allOf(FisherBlock.class)).build();
    FisherVectorEncoder enc = FisherVectorEncoder.of(g, o);
    GMMStats stats = new GMMStats(4, 3);
    g.accumulate(x, 0, 50, stats, PosteriorRule.threshold(1e-4));
    // raw moments (ordinary GMMStats) versus the encoder's moments about the means
    NumericAssert.assertAllClose(enc.encode(x), enc.encode(stats), RAW_MOMENTS_VS_ORACLE);
    DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
        () -> enc.encode(new GMMStats(4, 2)));
    assertTrue(e.getMessage().contains("4x2") && e.getMessage().contains("4x3"), e.getMessage());
  }

  @Test
  void zeroWeightComponentContributesZeros() {
    Matrix mu = Matrix.of(new double[][] {{0, 0}, {5, 5}});
    Matrix var = Matrix.of(new double[][] {{1, 1}, {1, 1}});
    GMMMachine g = GMMMachine.fromParameters(new double[] {1.0, 0.0}, mu, var);
    FisherOptions all = FisherOptions.builder().blocks(EnumSet.allOf(FisherBlock.class))
        .power(PowerNormalization.NONE).l2(VectorNormalization.NONE).build();
    double[] v = FisherVectorEncoder.of(g, all).encode(Matrix.of(new double[][] {{4, 5}, {1, 0}}));
    for (int i = 5; i < 10; i++) {
      assertEquals(0.0, v[i], "component 1 entry " + i);
    }
    for (double z : v) {
      assertTrue(Double.isFinite(z));
    }
  }

  // ------------------------------------------------------------------------------------------
  // empty sets, batch determinism, allocation

  @Test
  void anEmptySetEncodesToTheZeroVector() {
    GMMMachine g = Fixtures.gmm(3, 2, 0, 1, 13);
    FisherVectorEncoder enc = FisherVectorEncoder.improved(g);
    assertArrayEquals(new double[12], enc.encode(Matrix.zeros(0, 2)));
    Matrix x = Fixtures.sample(g, 5, 0.1, 14);
    assertArrayEquals(new double[12], enc.encode(x, 2, 2));
    Matrix rows = enc.encodeSets(x, new int[] {0, 5, 0}, 2);
    assertArrayEquals(new double[12], rows.row(0));
    assertArrayEquals(new double[12], rows.row(2));
    assertArrayEquals(enc.encode(x), rows.row(1));
  }

  @Test
  void batchEncodingIsBitwiseIndependentOfThreadsAndEqualToSingleEncodings() {
    GMMMachine g = Fixtures.gmm(6, 4, 0, 2, 15);
    int[] lengths = {30, 0, 1, 77, 12, 40, 5, 9, 64, 2, 18};
    Matrix x = Fixtures.sample(g, Fixtures.sum(lengths), 0.7, 16);
    FisherVectorEncoder enc = FisherVectorEncoder.of(g, FisherOptions.builder()
        .blocks(EnumSet.allOf(FisherBlock.class)).build());
    Matrix one = enc.encodeSets(x, lengths, 1);
    Matrix three = enc.encodeSets(x, lengths, 3);
    assertArrayEquals(one.data(), three.data());
    int from = 0;
    for (int s = 0; s < lengths.length; s++) {
      assertArrayEquals(enc.encode(x, from, from + lengths[s]), one.row(s), "set " + s);
      from += lengths[s];
    }
    // determinism across encoder instances
    assertArrayEquals(one.data(), FisherVectorEncoder.of(g, enc.options())
        .encodeSets(x, lengths, 2).data());
  }

  @Test
  @Tag("slow")
  void encodingAllocatesNothingPerDescriptor() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    GMMMachine g = Fixtures.gmm(8, 20, 0, 2, 17);
    Matrix x = Fixtures.sample(g, 4096, 0.5, 18);
    List<DescriptorEncoder> encoders = List.of(FisherVectorEncoder.improved(g),
        FisherVectorEncoder.of(g, FisherOptions.fromVlfeatFlags(3)),
        FisherVectorEncoder.of(g, FisherOptions.fromVlfeatFlags(7)),
        VLADEncoder.of(g, VLADOptions.builder().assignment(Assignment.softmax(0.5)).build()),
        BagOfWordsEncoder.of(g, BagOfWordsOptions.hardFrequencies()));
    long growth = Long.MAX_VALUE;
    // warm up (every encoder, so the JIT sees every posterior rule) until a steady state
    for (int round = 0; round < 60 && growth >= 3840; round++) {
      growth = 0;
      for (DescriptorEncoder enc : encoders) {
        long a0 = bean.getThreadAllocatedBytes(id);
        enc.encode(x, 0, 256);
        long a1 = bean.getThreadAllocatedBytes(id);
        enc.encode(x, 0, 4096);
        long a2 = bean.getThreadAllocatedBytes(id);
        growth = Math.max(growth, (a2 - a1) - (a1 - a0));
      }
    }
    // 3840 more descriptors: less than one byte each (one double[D] each would be 176)
    assertTrue(growth < 3840, "allocation grows with T by " + growth + " bytes");
  }

  // ------------------------------------------------------------------------------------------
  // bad input

  @Test
  void descriptorsWithTheWrongDimensionAreRejectedNamingBothShapes() {
    FisherVectorEncoder enc = FisherVectorEncoder.improved(Fixtures.gmm(3, 4, 0, 1, 1));
    DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
        () -> enc.encode(Matrix.zeros(5, 3)));
    assertTrue(e.getMessage().contains("FisherVectorEncoder.encode"), e.getMessage());
    assertTrue(e.getMessage().contains("3 columns") && e.getMessage().contains("D = 4"),
        e.getMessage());
    e = assertThrows(DimensionMismatchException.class,
        () -> enc.encodeSets(Matrix.zeros(5, 3), new int[] {5}, 1));
    assertTrue(e.getMessage().contains("FisherVectorEncoder.encodeSets"), e.getMessage());
  }

  @Test
  void aNonFiniteDescriptorIsRejectedWithItsIndex() {
    GMMMachine g = Fixtures.gmm(3, 2, 0, 1, 1);
    FisherVectorEncoder enc = FisherVectorEncoder.improved(g);
    double[] a = Fixtures.sample(g, 8, 0.1, 2).toArray();
    a[6 * 2 + 1] = Double.NaN;
    Matrix x = Matrix.wrap(8, 2, a);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> enc.encode(x));
    assertTrue(e.getMessage().contains("descriptors[6, 1] is NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> enc.encodeSets(x, new int[] {3, 5}, 2));
    assertTrue(e.getMessage().contains("descriptors[6, 1] is NaN"), e.getMessage());
    // rows outside the encoded range are not read
    assertEquals(12, enc.encode(x, 0, 6).length);
    a[0] = Double.POSITIVE_INFINITY;
    e = assertThrows(IllegalArgumentException.class, () -> enc.encode(x, 0, 3));
    assertTrue(e.getMessage().contains("descriptors[0, 0] is Infinity"), e.getMessage());
  }

  @Test
  void badSetLengthsAndParallelismAreRejected() {
    GMMMachine g = Fixtures.gmm(3, 2, 0, 1, 1);
    FisherVectorEncoder enc = FisherVectorEncoder.improved(g);
    Matrix x = Fixtures.sample(g, 6, 0.1, 2);
    DimensionMismatchException d = assertThrows(DimensionMismatchException.class,
        () -> enc.encodeSets(x, new int[] {2, 3}, 1));
    assertTrue(d.getMessage().contains("sum to 5") && d.getMessage().contains("N = 6"),
        d.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> enc.encodeSets(x, new int[] {7, -1}, 1));
    assertTrue(e.getMessage().contains("setLengths[1]") && e.getMessage().contains("-1"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> enc.encodeSets(x, new int[] {6}, 0));
    assertTrue(e.getMessage().contains("parallelism") && e.getMessage().contains("0"),
        e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> enc.encode(x, 4, 7));
  }

  @Test
  void optionsAndFittingErrorsNameTheirParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FisherOptions.builder().blocks(EnumSet.noneOf(FisherBlock.class)).build());
    assertTrue(e.getMessage().contains("blocks"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PowerNormalization.signedPower(1.5));
    assertTrue(e.getMessage().contains("rho") && e.getMessage().contains("1.5"));
    e = assertThrows(IllegalArgumentException.class, () -> PowerNormalization.signedPower(0));
    assertTrue(e.getMessage().contains("rho"));
    e = assertThrows(IllegalArgumentException.class, () -> FisherOptions.fromVlfeatFlags(8));
    assertTrue(e.getMessage().contains("flags") && e.getMessage().contains("8"));

    GMMMachine g = Fixtures.gmm(3, 2, 0, 1, 1);
    Matrix x = Fixtures.sample(g, 20, 0.5, 2);
    FisherVectorEncoder empirical = FisherVectorEncoder.of(g, FisherOptions.builder()
        .fisherNormalization(FisherNormalization.EMPIRICAL).build());
    assertFalse(empirical.isFitted());
    NotFittedException nf = assertThrows(NotFittedException.class, () -> empirical.encode(x));
    assertTrue(nf.getMessage().contains("FisherVectorEncoder.encode"), nf.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> empirical.fit(x, new int[] {20, 0}, 1));
    assertTrue(e.getMessage().contains("at least 2 non-empty") && e.getMessage().contains("1"),
        e.getMessage());
    FisherVectorEncoder fitted = empirical.fit(x, new int[] {10, 10}, 1);
    assertTrue(fitted.isFitted());
    assertEquals(fitted.length(), fitted.encode(x).length);
    UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
        () -> FisherVectorEncoder.improved(g).fit(x, new int[] {10, 10}, 1));
    assertTrue(u.getMessage().contains("ANALYTIC") && u.getMessage().contains("EMPIRICAL"));
    e = assertThrows(IllegalArgumentException.class,
        () -> empirical.withEmpiricalStandardization(new double[12], new double[12]));
    assertTrue(e.getMessage().contains("scale[0]"), e.getMessage());
    FisherVectorEncoder restored = empirical.withEmpiricalStandardization(
        fitted.empiricalMean(), fitted.empiricalScale());
    assertArrayEquals(fitted.encode(x), restored.encode(x));
    GMMMachine unfitted = GMMMachine.builder(2).build();
    assertThrows(NotFittedException.class, () -> FisherVectorEncoder.improved(unfitted));
  }

  @Test
  void vlfeatFlagsMapToTheDocumentedOptions() {
    FisherOptions plain = FisherOptions.fromVlfeatFlags(0);
    assertEquals(EnumSet.of(FisherBlock.MEANS, FisherBlock.VARIANCES), plain.blocks());
    assertEquals(FisherLayout.VLFEAT, plain.layout());
    assertEquals(PosteriorRule.truncate(1e-6), plain.posteriorRule());
    assertEquals(PowerNormalization.NONE, plain.power());
    assertEquals(VectorNormalization.NONE, plain.l2());
    FisherOptions all = FisherOptions.fromVlfeatFlags(7);
    assertEquals(PosteriorRule.HARD, all.posteriorRule());
    assertEquals(PowerNormalization.SIGNED_SQUARE_ROOT, all.power());
    assertEquals(VectorNormalization.L2, all.l2());
    assertEquals(FisherOptions.improved().toBuilder().layout(FisherLayout.VLFEAT)
        .posteriorRule(PosteriorRule.truncate(1e-6)).build(),
        FisherOptions.fromVlfeatFlags(FisherOptions.VL_FISHER_FLAG_IMPROVED));
  }
}
