package org.emkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.fa.IVectorMachine;
import org.emkit.fa.IVectorStats;
import org.emkit.fisher.Assignment;
import org.emkit.fisher.FisherBlock;
import org.emkit.fisher.FisherLayout;
import org.emkit.fisher.FisherNormalization;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.MassNormalization;
import org.emkit.fisher.PowerNormalization;
import org.emkit.fisher.VLADEncoder;
import org.emkit.fisher.VLADOptions;
import org.emkit.fisher.VectorNormalization;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.mixture.PosteriorRule;
import org.emkit.mixture.VarianceFloor;
import org.junit.jupiter.api.Test;

/** The serialisable carriers rebuild equal machines, encoders and statistics (no Spark). */
class SpecsTest {

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  static final Matrix X = SparkTests.blobs(200, 3, 2, 41);

  static GMMMachine ubm() {
    return GMMMachine.builder(2).maxIterations(3).seed(2)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .varianceFloor(VarianceFloor.perFeature(new double[] {1e-3, 2e-3, 3e-3}))
        .posteriorRule(PosteriorRule.threshold(1e-3)).build().fit(X);
  }

  @Test
  void gmmSpecRebuildsAnEqualMapMachineWithItsPrior() throws Exception {
    GMMMachine ubm = ubm();
    GMMMachine map = GMMMachine.map(ubm).alpha(0.3).maxIterations(7)
        .varianceFloor(VarianceFloor.perComponent(Matrix.of(new double[][] {{1e-3, 1e-3, 1e-3},
            {2e-3, 2e-3, 2e-3}})))
        .numerics(Numerics.BOB_COMPATIBLE).posteriorRule(PosteriorRule.truncate(1e-6))
        .convergenceThreshold(1e-7).build();
    GMMMachine back = roundTrip(GmmSpec.of(map)).machine();
    assertEquals(map, back);
    assertEquals(ubm, back.prior().orElseThrow());
    assertEquals(map.posteriorRule(), back.posteriorRule());
    assertEquals(map.varianceFloor(), back.varianceFloor());
    assertEquals(Numerics.BOB_COMPATIBLE, back.numerics());
    assertEquals(0.3, back.adaptation().value());
    GMMMachine plain = roundTrip(GmmSpec.of(ubm)).machine();
    assertEquals(ubm, plain);
    assertEquals(PosteriorRule.HARD, roundTrip(GmmSpec.of(ubm.toBuilder()
        .posteriorRule(PosteriorRule.HARD).build())).machine().posteriorRule());
  }

  @Test
  void encoderSpecsRebuildEncodersThatEncodeBitwiseAlike() throws Exception {
    GMMMachine gmm = ubm();
    FisherVectorEncoder fv = FisherVectorEncoder.of(gmm, new FisherOptions(
        java.util.EnumSet.of(FisherBlock.WEIGHTS, FisherBlock.MEANS), FisherNormalization.ANALYTIC,
        PowerNormalization.signedPower(0.3), VectorNormalization.L2, PosteriorRule.HARD,
        FisherLayout.VLFEAT));
    assertArrayEquals(fv.encode(X), roundTrip(EncoderSpec.of(fv)).encoder().encode(X));
    FisherVectorEncoder emp = FisherVectorEncoder.of(gmm, FisherOptions.builder()
        .fisherNormalization(FisherNormalization.EMPIRICAL).build())
        .fit(X, new int[] {50, 50, 100}, 1);
    assertArrayEquals(emp.encode(X), roundTrip(EncoderSpec.of(emp)).encoder().encode(X));
    VLADOptions vo = new VLADOptions(Assignment.softmax(0.4), MassNormalization.COMPONENT_MASS,
        PowerNormalization.SIGNED_SQUARE_ROOT, VectorNormalization.L2, VectorNormalization.NONE);
    org.emkit.cluster.KMeansMachine km = org.emkit.cluster.KMeansMachine.fromCentroids(
        gmm.means());
    assertArrayEquals(VLADEncoder.of(km, vo).encode(X),
        roundTrip(EncoderSpec.vlad(km, vo)).encoder().encode(X));
    VLADOptions po = VLADOptions.builder()
        .assignment(Assignment.posteriors(PosteriorRule.threshold(0.01))).build();
    assertArrayEquals(VLADEncoder.of(gmm, po).encode(X),
        roundTrip(EncoderSpec.vlad(gmm, po)).encoder().encode(X));
  }

  @Test
  void boxedStatisticsOpenBitwiseAndMergeLikeTheOriginals() throws Exception {
    GMMMachine gmm = ubm();
    GMMStats a = gmm.transform(X.rows(0, 120));
    GMMStats b = gmm.transform(X.rows(120, 200));
    assertEquals(a, roundTrip(new Boxes.Gmm(a)).open());
    assertEquals(a.copy().merge(b), Boxes.Gmm.merge(new Boxes.Gmm(a), new Boxes.Gmm(b)).open());
    IVectorMachine iv = IVectorMachine.builder(gmm, 2).seed(1).build();
    IVectorStats s = iv.eStep(List.of(a, b));
    IVectorStats t = roundTrip(new Boxes.IVector(s)).open();
    assertArrayEquals(s.fnormSigmaWij().data(), t.fnormSigmaWij().data());
    assertArrayEquals(s.nijSigmaWij2(1).data(), t.nijSigmaWij2(1).data());
    assertArrayEquals(s.sumWW().data(), t.sumWW().data());
    assertEquals(s.numSessions(), t.numSessions());
  }

  @Test
  void partitionSeedsAreDistinct32BitValues() {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int r = 0; r < 5; r++) {
      for (int p = 0; p < 200; p++) {
        long s = SparkKMeans.mixSeed(7, r, p);
        assertTrue(s >= 0 && s <= 0xFFFFFFFFL);
        seen.add(s);
      }
    }
    assertEquals(1000, seen.size());
  }

  @Test
  void commandLineOptionsParseAndReportMisuse() {
    SparkMain.Options o = SparkMain.Options.parse(new String[] {"gmm", "--components", "8",
        "--intra-norm", "--seed", "5"});
    assertEquals("gmm", o.command);
    assertEquals(8, o.intValue("components"));
    assertEquals(5, o.longValue("seed", 0));
    assertTrue(o.has("intra-norm"));
    assertThrows(IllegalArgumentException.class,
        () -> SparkMain.Options.parse(new String[] {"gmm", "components"}));
    SparkMain.UsageException e = assertThrows(SparkMain.UsageException.class,
        () -> o.intValue("clusters"));
    assertTrue(e.getMessage().contains("--clusters"), e.getMessage());
    assertThrows(SparkMain.UsageException.class, () -> SparkMain.Options.parse(
        new String[] {"gmm", "--max-iter", "x"}).intValue("max-iter", 1));
  }
}
