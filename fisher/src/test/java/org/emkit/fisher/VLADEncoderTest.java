package org.emkit.fisher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.cluster.KMeansMachine;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.PosteriorRule;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class VLADEncoderTest {

  private static KMeansMachine twoCentres() {
    return KMeansMachine.fromCentroids(Matrix.of(new double[][] {{0}, {10}}));
  }

  private static final Matrix THREE_POINTS = Matrix.of(new double[][] {{1}, {2}, {12}});

  private static double[] vlad(int flags, Assignment a) {
    return VLADEncoder.of(twoCentres(), VLADOptions.fromVlfeatFlags(a, flags))
        .encode(THREE_POINTS);
  }

  @Test
  void threeOneDimensionalPointsByHand() {
    // centres 0 and 10; 1 and 2 go to 0 (residuals 1 + 2 = 3), 12 goes to 10 (residual 2)
    Tolerance t = Tolerance.KERNEL_VS_ORACLE;
    NumericAssert.assertAllClose(new double[] {3, 2},
        vlad(VLADOptions.VL_VLAD_FLAG_UNNORMALIZED, Assignment.HARD), t);
    double s13 = Math.sqrt(13);
    NumericAssert.assertAllClose(new double[] {3 / s13, 2 / s13}, vlad(0, Assignment.HARD), t);
    NumericAssert.assertAllClose(new double[] {1.5, 2}, vlad(VLADOptions.VL_VLAD_FLAG_UNNORMALIZED
        | VLADOptions.VL_VLAD_FLAG_NORMALIZE_MASS, Assignment.HARD), t);
    NumericAssert.assertAllClose(new double[] {Math.sqrt(3), Math.sqrt(2)},
        vlad(VLADOptions.VL_VLAD_FLAG_UNNORMALIZED | VLADOptions.VL_VLAD_FLAG_SQUARE_ROOT,
            Assignment.HARD), t);
    double h = 1 / Math.sqrt(2);
    NumericAssert.assertAllClose(new double[] {h, h},
        vlad(VLADOptions.VL_VLAD_FLAG_NORMALIZE_COMPONENTS, Assignment.HARD), t);
    // default options are VLFeat's flags 0
    NumericAssert.assertAllClose(new double[] {3 / s13, 2 / s13},
        VLADEncoder.of(twoCentres(), VLADOptions.vlfeatDefault()).encode(THREE_POINTS), t);
  }

  /** Naive VLAD straight from the definition and VLFeat's normalisation order. */
  private static double[] oracle(Matrix centres, double[][] x, double[][] q, VLADOptions o) {
    int k = centres.rows();
    int d = centres.cols();
    double[] v = new double[k * d];
    for (int c = 0; c < k; c++) {
      double mass = 0;
      for (int t = 0; t < x.length; t++) {
        mass += q[t][c];
        for (int j = 0; j < d; j++) {
          v[c * d + j] += q[t][c] * (x[t][j] - centres.get(c, j));
        }
      }
      for (int j = 0; j < d; j++) {
        if (o.mass() == MassNormalization.COMPONENT_MASS && mass > 0) {
          v[c * d + j] /= mass;
        }
        v[c * d + j] = Math.signum(v[c * d + j])
            * Math.pow(Math.abs(v[c * d + j]), o.power().rho());
      }
      if (o.intra() == VectorNormalization.L2) {
        double n = 0;
        for (int j = 0; j < d; j++) {
          n += v[c * d + j] * v[c * d + j];
        }
        for (int j = 0; j < d; j++) {
          v[c * d + j] /= Math.max(Math.sqrt(n), 1e-12);
        }
      }
    }
    if (o.global() == VectorNormalization.L2) {
      double n = 0;
      for (double z : v) {
        n += z * z;
      }
      for (int i = 0; i < v.length; i++) {
        v[i] /= Math.max(Math.sqrt(n), 1e-12);
      }
    }
    return v;
  }

  /** Hard or soft-max weights, naively. */
  private static double[][] weights(Matrix centres, double[][] x, Assignment a) {
    int k = centres.rows();
    double[][] q = new double[x.length][k];
    for (int t = 0; t < x.length; t++) {
      double[] d2 = new double[k];
      int best = 0;
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < centres.cols(); j++) {
          d2[c] += Math.pow(x[t][j] - centres.get(c, j), 2);
        }
        if (d2[c] < d2[best]) {
          best = c;
        }
      }
      if (a.kind() == Assignment.Kind.HARD) {
        q[t][best] = 1;
        continue;
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        q[t][c] = Math.exp(-a.alpha() * (d2[c] - d2[best]));
        sum += q[t][c];
      }
      for (int c = 0; c < k; c++) {
        q[t][c] /= sum;
      }
    }
    return q;
  }

  @Test
  void everyFlagCombinationMatchesTheNaiveOracleForHardAndSoftAssignment() {
    GMMMachine g = Fixtures.gmm(5, 3, 0, 2, 31);
    Matrix centres = g.means();
    KMeansMachine km = KMeansMachine.fromCentroids(centres);
    int[] lengths = {1, 17, 40, 6};
    Matrix x = Fixtures.sample(g, Fixtures.sum(lengths), 1.0, 32);
    for (Assignment a : new Assignment[] {Assignment.HARD, Assignment.softmax(0.4),
        Assignment.softmax(3.0)}) {
      for (int flags = 0; flags < 16; flags++) {
        VLADOptions o = VLADOptions.fromVlfeatFlags(a, flags);
        Matrix rows = VLADEncoder.of(km, o).encodeSets(x, lengths, 1);
        int from = 0;
        for (int s = 0; s < lengths.length; s++) {
          double[][] xs = Fixtures.rows(x, from, from + lengths[s]);
          NumericAssert.assertAllClose(oracle(centres, xs, weights(centres, xs, a), o),
              rows.row(s), FisherVectorEncoderTest.RAW_MOMENTS_VS_ORACLE,
              a + " flags " + flags + " set " + s);
          from += lengths[s];
        }
      }
    }
  }

  @Test
  void gmmPosteriorAssignmentUsesTheResponsibilities() {
    GMMMachine g = Fixtures.gmm(4, 3, 0, 2, 33);
    Matrix x = Fixtures.sample(g, 30, 1.0, 34);
    for (PosteriorRule rule : new PosteriorRule[] {PosteriorRule.EXACT, PosteriorRule.HARD,
        PosteriorRule.truncate(0.1)}) {
      VLADOptions o = VLADOptions.builder().assignment(Assignment.posteriors(rule))
          .power(PowerNormalization.SIGNED_SQUARE_ROOT).build();
      double[][] xs = Fixtures.rows(x, 0, 30);
      double[][] q = new double[30][];
      for (int t = 0; t < 30; t++) {
        q[t] = FisherOracle.posteriors(g, xs[t], rule);
      }
      NumericAssert.assertAllClose(oracle(g.means(), xs, q, o), VLADEncoder.of(g, o).encode(x),
          FisherVectorEncoderTest.RAW_MOMENTS_VS_ORACLE, rule.toString());
    }
    // HARD and SOFTMAX on a GMM use its means as centres
    VLADOptions hard = VLADOptions.vlfeatDefault();
    assertArrayEquals(VLADEncoder.of(KMeansMachine.fromCentroids(g.means()), hard).encode(x),
        VLADEncoder.of(g, hard).encode(x));
  }

  @Test
  void softAssignmentTendsToHardAsTheTemperatureGrows() {
    GMMMachine g = Fixtures.gmm(4, 2, 0, 3, 35);
    KMeansMachine km = KMeansMachine.fromCentroids(g.means());
    Matrix x = Fixtures.sample(g, 25, 0.3, 36);
    double[] hard = VLADEncoder.of(km, VLADOptions.vlfeatDefault()).encode(x);
    double[] soft = VLADEncoder.of(km, VLADOptions.fromVlfeatFlags(Assignment.softmax(1e6), 0))
        .encode(x);
    NumericAssert.assertAllClose(hard, soft, Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void residualsAreAccumulatedAboutTheCentresSoFarDataKeepTheirPrecision() {
    // values on a 1/64 grid: shifting data and centres by 2^20 is exact, so the residuals are too
    double shift = 1 << 20;
    double[][] c0 = {{0, 1}, {2, -1}, {-1.5, 0.5}};
    double[][] c1 = new double[3][2];
    Matrix x0 = Fixtures.sample(Fixtures.gmm(3, 2, 0, 1, 37), 100, 1, 38);
    double[] a0 = x0.toArray();
    double[] a1 = new double[a0.length];
    for (int i = 0; i < a0.length; i++) {
      a0[i] = Math.rint(64 * a0[i]) / 64;
      a1[i] = a0[i] + shift;
    }
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 2; j++) {
        c1[c][j] = c0[c][j] + shift;
      }
    }
    for (Assignment a : new Assignment[] {Assignment.HARD, Assignment.softmax(0.5)}) {
      VLADOptions o = VLADOptions.fromVlfeatFlags(a, VLADOptions.VL_VLAD_FLAG_UNNORMALIZED);
      double[] near = VLADEncoder.of(KMeansMachine.fromCentroids(Matrix.of(c0)), o)
          .encode(Matrix.wrap(100, 2, a0));
      double[] far = VLADEncoder.of(KMeansMachine.fromCentroids(Matrix.of(c1)), o)
          .encode(Matrix.wrap(100, 2, a1));
      assertArrayEquals(near, far, a.toString());
    }
  }

  @Test
  void emptySetsAndEmptyClustersGiveZeros() {
    VLADEncoder enc = VLADEncoder.of(twoCentres(), VLADOptions.fromVlfeatFlags(Assignment.HARD,
        VLADOptions.VL_VLAD_FLAG_NORMALIZE_COMPONENTS | VLADOptions.VL_VLAD_FLAG_NORMALIZE_MASS));
    assertArrayEquals(new double[2], enc.encode(Matrix.zeros(0, 1)));
    // every point near centre 0: centre 1 keeps a zero block even with mass normalisation
    double[] v = enc.encode(Matrix.of(new double[][] {{1}, {2}}));
    assertEquals(1.0, v[0]);
    assertEquals(0.0, v[1]);
  }

  @Test
  void batchEncodingIsBitwiseIndependentOfThreads() {
    GMMMachine g = Fixtures.gmm(6, 4, 0, 2, 39);
    int[] lengths = {20, 0, 3, 50, 9, 31, 1};
    Matrix x = Fixtures.sample(g, Fixtures.sum(lengths), 1, 40);
    VLADEncoder enc = VLADEncoder.of(KMeansMachine.fromCentroids(g.means()),
        VLADOptions.builder().assignment(Assignment.softmax(0.8))
            .intra(VectorNormalization.L2).build());
    Matrix one = enc.encodeSets(x, lengths, 1);
    assertArrayEquals(one.data(), enc.encodeSets(x, lengths, 4).data());
    assertArrayEquals(enc.encode(x, 23, 73), one.row(3));
    assertEquals(24, enc.length());
    assertEquals(6, enc.numCentres());
  }

  @Test
  void badInputAndOptionsAreRejectedNamingParameterAndValue() {
    KMeansMachine km = KMeansMachine.fromCentroids(Matrix.of(new double[][] {{0, 0}, {1, 1}}));
    VLADEncoder enc = VLADEncoder.of(km, VLADOptions.vlfeatDefault());
    DimensionMismatchException d = assertThrows(DimensionMismatchException.class,
        () -> enc.encode(Matrix.zeros(3, 3)));
    assertTrue(d.getMessage().contains("VLADEncoder.encode") && d.getMessage().contains("D = 2"),
        d.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> enc.encode(Matrix.of(new double[][] {{0, 0}, {Double.NaN, 1}})));
    assertTrue(e.getMessage().contains("descriptors[1, 0] is NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> VLADEncoder.of(km,
        VLADOptions.builder().assignment(Assignment.posteriors(PosteriorRule.EXACT)).build()));
    assertTrue(e.getMessage().contains("POSTERIOR") && e.getMessage().contains("GMMMachine"),
        e.getMessage());
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e308}) {
      e = assertThrows(IllegalArgumentException.class, () -> Assignment.softmax(bad));
      assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains(String.valueOf(bad)),
          e.getMessage());
    }
    e = assertThrows(IllegalArgumentException.class,
        () -> VLADOptions.fromVlfeatFlags(Assignment.HARD, 16));
    assertTrue(e.getMessage().contains("flags") && e.getMessage().contains("16"));
    assertThrows(NotFittedException.class,
        () -> VLADEncoder.of(KMeansMachine.builder(2).build(), VLADOptions.vlfeatDefault()));
  }

  @Test
  void vlfeatFlagsMapOneToOne() {
    VLADOptions all = VLADOptions.fromVlfeatFlags(Assignment.HARD, 15);
    assertEquals(MassNormalization.COMPONENT_MASS, all.mass());
    assertEquals(PowerNormalization.SIGNED_SQUARE_ROOT, all.power());
    assertEquals(VectorNormalization.L2, all.intra());
    assertEquals(VectorNormalization.NONE, all.global());
    VLADOptions none = VLADOptions.vlfeatDefault();
    assertEquals(new VLADOptions(Assignment.HARD, MassNormalization.NONE,
        PowerNormalization.NONE, VectorNormalization.NONE, VectorNormalization.L2), none);
  }

  @Test
  void theSourceOfTheCentresIsExposed() {
    VLADEncoder k = VLADEncoder.of(twoCentres(), VLADOptions.vlfeatDefault());
    assertTrue(k.gmm().isEmpty());
    assertEquals(twoCentres().centroids(), k.centres());
    GMMMachine g = Fixtures.gmm(3, 2, 0, 2, 49);
    VLADEncoder v = VLADEncoder.of(g, VLADOptions.vlfeatDefault());
    assertTrue(v.gmm().orElseThrow() == g);
    assertEquals(g.means(), v.centres());
  }
}
