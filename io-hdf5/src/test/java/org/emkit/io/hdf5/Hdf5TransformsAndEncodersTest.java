package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.fisher.Assignment;
import org.emkit.fisher.BagOfWordsEncoder;
import org.emkit.fisher.BagOfWordsOptions;
import org.emkit.fisher.FisherBlock;
import org.emkit.fisher.FisherLayout;
import org.emkit.fisher.FisherNormalization;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.MassNormalization;
import org.emkit.fisher.PowerNormalization;
import org.emkit.fisher.TermWeighting;
import org.emkit.fisher.VLADEncoder;
import org.emkit.fisher.VLADOptions;
import org.emkit.fisher.VectorNormalization;
import org.emkit.linear.LDA;
import org.emkit.linear.LengthNormalization;
import org.emkit.linear.PCA;
import org.emkit.linear.SgdClassifier;
import org.emkit.linear.VectorSource;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.PosteriorRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LDA, PCA, length normalisation, SGD classifiers and the set encoders: bitwise round trips. */
class Hdf5TransformsAndEncodersTest {

  @TempDir Path dir;

  private static int[] labels(int n, int classes) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = 10 * (i % classes) - 7;
    }
    return y;
  }

  private static Matrix data(long seed, int n, int d, int classes) {
    Matrix x = Fixtures.data(seed, n, d);
    double[] v = x.toArray();
    for (int i = 0; i < n; i++) {
      v[i * d + (i % d)] += 2.5 * (i % classes);
    }
    return Matrix.wrap(n, d, v);
  }

  @Test
  void ldaRoundTrip() throws Exception {
    Matrix x = data(1, 60, 4, 3);
    for (LDA lda : new LDA[] {LDA.create().fit(x, labels(60, 3)),
        LDA.create(1, 0.5, LDA.Normalization.UNIT_NORM).fit(x, labels(60, 3))}) {
      Path f = dir.resolve("lda.h5");
      Hdf5.saveLda(f, lda);
      LDA back = Hdf5.loadLda(f);
      assertEquals(lda.projection().weights(), back.projection().weights());
      assertArrayEquals(lda.projection().inputSubtract(), back.projection().inputSubtract());
      assertArrayEquals(lda.projection().inputDivide(), back.projection().inputDivide());
      assertArrayEquals(lda.eigenvalues(), back.eigenvalues());
      assertEquals(lda.dimension(), back.dimension());
      assertEquals(lda.regularization(), back.regularization());
      assertEquals(lda.normalization(), back.normalization());
      assertEquals(lda.transform(x), back.transform(x));
    }
  }

  @Test
  void pcaRoundTripKeepsTheExplainedVarianceRatio() throws Exception {
    Matrix x = data(2, 50, 5, 2);
    for (PCA.Scaling s : PCA.Scaling.values()) {
      PCA pca = PCA.builder(3).scaling(s).solver(PCA.Solver.SVD).build().fit(x);
      Path f = dir.resolve("pca.h5");
      Hdf5.savePca(f, pca);
      PCA back = Hdf5.loadPca(f);
      assertArrayEquals(pca.mean(), back.mean());
      assertEquals(pca.components(), back.components());
      assertArrayEquals(pca.explainedVariance(), back.explainedVariance());
      assertArrayEquals(pca.explainedVarianceRatio(), back.explainedVarianceRatio());
      assertEquals(s, back.scaling());
      assertEquals(PCA.Solver.SVD, back.solver());
      assertEquals(pca.transform(x), back.transform(x));
    }
  }

  @Test
  void lengthNormalizationRoundTripWithAndWithoutMean() throws Exception {
    Matrix x = data(3, 20, 3, 2);
    Path f = dir.resolve("ln.h5");
    LengthNormalization c = LengthNormalization.centeredOn(x);
    Hdf5.saveLengthNormalization(f, c);
    LengthNormalization back = Hdf5.loadLengthNormalization(f);
    assertArrayEquals(c.mean(), back.mean());
    assertEquals(c.transform(x), back.transform(x));
    Hdf5.saveLengthNormalization(f, LengthNormalization.create());
    assertNull(Hdf5.loadLengthNormalization(f).mean());
    assertTrue(Hdf5.inspect(f).summary().contains("without centring"));
  }

  @Test
  void sgdClassifierRoundTripBinaryAndMulticlass() throws Exception {
    Matrix x = data(4, 90, 3, 3);
    for (int classes : new int[] {2, 3}) {
      SgdClassifier s = SgdClassifier.logisticRegression().lambda(1e-3).epochs(4)
          .schedule(SgdClassifier.Schedule.PEGASOS).averaging(SgdClassifier.Averaging.ASGD)
          .seed(12).build().fit(x, labels(90, classes));
      Path f = dir.resolve("sgd.h5");
      Hdf5.saveSgdClassifier(f, s);
      SgdClassifier back = Hdf5.loadSgdClassifier(f);
      assertArrayEquals(s.classes(), back.classes());
      assertEquals(s.weights(), back.weights());
      assertArrayEquals(s.biases(), back.biases());
      assertEquals(s.toString(), back.toString());
      assertEquals(s.lambda(), back.lambda());
      assertArrayEquals(s.predict(VectorSource.of(x)), back.predict(VectorSource.of(x)));
    }
  }

  private static GMMMachine gmm() {
    return Fixtures.ubm(5, 4, 3);
  }

  @Test
  void fisherEncoderRoundTripForEveryNormalisation() throws Exception {
    GMMMachine g = gmm();
    Matrix x = Fixtures.data(6, 60, 3);
    int[] sets = {20, 25, 15};
    FisherOptions vl = FisherOptions.fromVlfeatFlags(FisherOptions.VL_FISHER_FLAG_IMPROVED);
    FisherOptions empirical = FisherOptions.builder()
        .blocks(EnumSet.allOf(FisherBlock.class))
        .fisherNormalization(FisherNormalization.EMPIRICAL)
        .power(PowerNormalization.signedPower(0.3)).l2(VectorNormalization.NONE)
        .posteriorRule(PosteriorRule.threshold(0.01)).layout(FisherLayout.EMKIT).build();
    FisherVectorEncoder[] encoders = {FisherVectorEncoder.improved(g),
        FisherVectorEncoder.of(g, vl), FisherVectorEncoder.of(g, empirical),
        FisherVectorEncoder.of(g, empirical).fit(x, sets, 1)};
    for (FisherVectorEncoder e : encoders) {
      Path f = dir.resolve("fv.h5");
      Hdf5.saveFisherEncoder(f, e);
      FisherVectorEncoder back = Hdf5.loadFisherEncoder(f);
      assertEquals(e.gmm(), back.gmm());
      assertEquals(e.options(), back.options());
      assertEquals(e.isFitted(), back.isFitted());
      if (e.isFitted()) {
        assertEquals(e.encodeSets(x, sets, 1), back.encodeSets(x, sets, 1));
      }
      if (e.isFitted() && e.options().fisherNormalization() == FisherNormalization.EMPIRICAL) {
        assertArrayEquals(e.empiricalMean(), back.empiricalMean());
        assertArrayEquals(e.empiricalScale(), back.empiricalScale());
      }
    }
    assertEquals(PosteriorRule.truncate(FisherOptions.VLFEAT_POSTERIOR_SKIP),
        vl.posteriorRule());
    assertFalse(encoders[2].isFitted());
  }

  @Test
  void vladAndBagOfWordsRoundTripFromKMeansAndFromAGmm() throws Exception {
    GMMMachine g = gmm();
    KMeansMachine km = KMeansMachine.fromCentroids(g.means());
    Matrix x = Fixtures.data(7, 30, 3);
    VLADOptions vo = new VLADOptions(Assignment.softmax(2.5), MassNormalization.COMPONENT_MASS,
        PowerNormalization.SIGNED_SQUARE_ROOT, VectorNormalization.L2, VectorNormalization.NONE);
    VLADOptions vp = vo.toBuilder().assignment(Assignment.posteriors(PosteriorRule.HARD)).build();
    VLADEncoder[] vlads = {VLADEncoder.of(km, vo), VLADEncoder.of(g, vo), VLADEncoder.of(g, vp),
        VLADEncoder.of(km, VLADOptions.vlfeatDefault())};
    for (VLADEncoder e : vlads) {
      Path f = dir.resolve("vlad.h5");
      Hdf5.saveVladEncoder(f, e);
      VLADEncoder back = Hdf5.loadVladEncoder(f);
      assertEquals(e.options(), back.options());
      assertEquals(e.centres(), back.centres());
      assertEquals(e.gmm(), back.gmm());
      assertArrayEquals(e.encode(x), back.encode(x));
    }
    BagOfWordsOptions bo = new BagOfWordsOptions(Assignment.posteriors(
        PosteriorRule.truncate(1e-3)), TermWeighting.COUNTS, PowerNormalization.SIGNED_SQUARE_ROOT,
        VectorNormalization.L2);
    BagOfWordsEncoder[] bows = {BagOfWordsEncoder.of(km, BagOfWordsOptions.hardFrequencies()),
        BagOfWordsEncoder.of(g, bo)};
    for (BagOfWordsEncoder e : bows) {
      Path f = dir.resolve("bow.h5");
      Hdf5.saveBagOfWordsEncoder(f, e);
      BagOfWordsEncoder back = Hdf5.loadBagOfWordsEncoder(f);
      assertEquals(e.options(), back.options());
      assertEquals(e.centres(), back.centres());
      assertEquals(e.gmm(), back.gmm());
      assertArrayEquals(e.encode(x), back.encode(x));
    }
  }

  @Test
  void gmmWithATruncatedPosteriorRuleRoundTrips() throws Exception {
    GMMMachine g = gmm().toBuilder().posteriorRule(PosteriorRule.truncate(1e-6)).build();
    Path f = dir.resolve("g.h5");
    Hdf5.saveGmm(f, g);
    assertEquals(g, Hdf5.loadGmm(f));
  }
}
