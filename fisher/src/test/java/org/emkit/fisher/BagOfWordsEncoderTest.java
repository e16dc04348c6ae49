package org.emkit.fisher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.cluster.KMeansMachine;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.PosteriorRule;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class BagOfWordsEncoderTest {

  @Test
  void hardCountsAreTheHistogramOfKMeansLabels() {
    GMMMachine g = Fixtures.gmm(6, 3, 0, 2, 41);
    KMeansMachine km = KMeansMachine.fromCentroids(g.means());
    Matrix x = Fixtures.sample(g, 80, 1, 42);
    double[] expected = new double[6];
    for (int label : km.predict(x)) {
      expected[label]++;
    }
    BagOfWordsEncoder counts = BagOfWordsEncoder.of(km, BagOfWordsOptions.builder()
        .weighting(TermWeighting.COUNTS).build());
    assertArrayEquals(expected, counts.encode(x));
    for (int k = 0; k < 6; k++) {
      expected[k] /= 80;
    }
    NumericAssert.assertAllClose(expected,
        BagOfWordsEncoder.of(km, BagOfWordsOptions.hardFrequencies()).encode(x),
        Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void softBagOfWordsIsTheMeanPosterior() {
    GMMMachine g = Fixtures.gmm(5, 4, 0, 2, 43);
    Matrix x = Fixtures.sample(g, 70, 1, 44);
    double[] post = g.posteriors(x).data();
    double[] mean = new double[5];
    for (int t = 0; t < 70; t++) {
      for (int k = 0; k < 5; k++) {
        mean[k] += post[t * 5 + k] / 70;
      }
    }
    BagOfWordsEncoder soft = BagOfWordsEncoder.of(g, BagOfWordsOptions.builder()
        .assignment(Assignment.posteriors(PosteriorRule.EXACT)).build());
    NumericAssert.assertAllClose(mean, soft.encode(x), Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void softmaxAssignmentPowerAndL2MatchTheNaiveFormula() {
    GMMMachine g = Fixtures.gmm(4, 2, 0, 2, 45);
    KMeansMachine km = KMeansMachine.fromCentroids(g.means());
    Matrix x = Fixtures.sample(g, 40, 1, 46);
    double alpha = 0.6;
    double[] h = new double[4];
    for (int t = 0; t < 40; t++) {
      double[] e = new double[4];
      double sum = 0;
      for (int k = 0; k < 4; k++) {
        double d2 = 0;
        for (int j = 0; j < 2; j++) {
          d2 += Math.pow(x.get(t, j) - g.mean(k, j), 2);
        }
        e[k] = Math.exp(-alpha * d2);
        sum += e[k];
      }
      for (int k = 0; k < 4; k++) {
        h[k] += e[k] / sum;
      }
    }
    double n = 0;
    for (int k = 0; k < 4; k++) {
      h[k] = Math.pow(h[k], 0.3);
      n += h[k] * h[k];
    }
    for (int k = 0; k < 4; k++) {
      h[k] /= Math.sqrt(n);
    }
    BagOfWordsOptions o = BagOfWordsOptions.builder().assignment(Assignment.softmax(alpha))
        .weighting(TermWeighting.COUNTS).power(PowerNormalization.signedPower(0.3))
        .l2(VectorNormalization.L2).build();
    NumericAssert.assertAllClose(h, BagOfWordsEncoder.of(km, o).encode(x),
        FisherVectorEncoderTest.RAW_MOMENTS_VS_ORACLE);
  }

  @Test
  void emptySetBatchInvarianceAndBadInput() {
    GMMMachine g = Fixtures.gmm(3, 2, 0, 2, 47);
    BagOfWordsEncoder enc = BagOfWordsEncoder.of(g, BagOfWordsOptions.builder()
        .assignment(Assignment.posteriors(PosteriorRule.threshold(1e-3))).build());
    assertArrayEquals(new double[3], enc.encode(Matrix.zeros(0, 2)));
    int[] lengths = {5, 0, 12, 7};
    Matrix x = Fixtures.sample(g, 24, 1, 48);
    Matrix one = enc.encodeSets(x, lengths, 1);
    assertArrayEquals(one.data(), enc.encodeSets(x, lengths, 3).data());
    assertArrayEquals(new double[3], one.row(1));
    assertArrayEquals(enc.encode(x, 5, 17), one.row(2));
    DimensionMismatchException d = assertThrows(DimensionMismatchException.class,
        () -> enc.encode(Matrix.zeros(2, 5)));
    assertTrue(d.getMessage().contains("BagOfWordsEncoder.encode"), d.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BagOfWordsEncoder.of(KMeansMachine.fromCentroids(g.means()),
            BagOfWordsOptions.builder().assignment(Assignment.posteriors(PosteriorRule.EXACT))
                .build()));
    assertTrue(e.getMessage().contains("BagOfWordsEncoder.of"), e.getMessage());
  }

  @Test
  void theWordsAndTheirSourceAreExposed() {
    KMeansMachine km = KMeansMachine.fromCentroids(Matrix.of(new double[][] {{0, 1}, {10, 11}}));
    BagOfWordsEncoder k = BagOfWordsEncoder.of(km, BagOfWordsOptions.hardFrequencies());
    assertTrue(k.gmm().isEmpty());
    assertEquals(km.centroids(), k.centres());
    GMMMachine g = Fixtures.gmm(3, 2, 0, 2, 49);
    BagOfWordsEncoder b = BagOfWordsEncoder.of(g, BagOfWordsOptions.hardFrequencies());
    assertTrue(b.gmm().orElseThrow() == g);
    assertEquals(g.means(), b.centres());
  }
}
