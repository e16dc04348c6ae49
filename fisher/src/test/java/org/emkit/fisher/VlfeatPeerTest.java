package org.emkit.fisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.PosteriorRule;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Peer check against VLFeat 0.9.21 itself (Debian's {@code libvlfeat-dev}): the C program in
 * {@code src/test/c/vlfeat_peer.c} runs {@code vl_fisher_encode} (flags 0..7) and
 * {@code vl_vlad_encode} (flags 0..15, hard and soft assignments) in double precision on the
 * seeded data written here, and the encoders must reproduce every output in VLFEAT layout.
 * Missing gcc or VLFeat fails these tests. The worst errors per flag combination are written to
 * {@code target/vlfeat-peer/max-errors.txt}.
 */
@Tag("parity")
class VlfeatPeerTest {

  /**
   * VLFeat double API versus emkit: both sum γ·(x−μ) terms (VLFeat per descriptor and component
   * with its SIMD Mahalanobis distance, emkit through the shared E-step with moments about the
   * means), in different orders; both are exact to ~1e-15 relative per term, and the measured
   * worst element-wise error is ~2e-13 (max-errors.txt), so 1e-10 leaves a wide margin. The
   * absolute part (1e-14 of the vector's largest entry) covers entries that are zero up to
   * cancellation.
   */
  static final double PEER_RTOL = 1e-10;

  private static final List<String> REPORT = new ArrayList<>();

  private static Tolerance tolerance(double[] expected) {
    double max = 0;
    for (double v : expected) {
      max = Math.max(max, Math.abs(v));
    }
    return new Tolerance(PEER_RTOL, 1e-14 * max);
  }

  /** Records ‖a − e‖∞ / ‖e‖∞ and the largest element-wise relative error. */
  private static void record(String what, double[][] expected, double[][] actual) {
    double absNorm = 0;
    double rel = 0;
    for (int s = 0; s < expected.length; s++) {
      double max = 0;
      for (double v : expected[s]) {
        max = Math.max(max, Math.abs(v));
      }
      for (int i = 0; i < expected[s].length; i++) {
        double err = Math.abs(actual[s][i] - expected[s][i]);
        absNorm = Math.max(absNorm, max > 0 ? err / max : err);
        if (Math.abs(expected[s][i]) > 1e-6 * max) {
          rel = Math.max(rel, err / Math.abs(expected[s][i]));
        }
      }
    }
    synchronized (REPORT) {
      REPORT.add(String.format(Locale.ROOT, "%-44s max|err|/max|ref| %.2e   max rel err %.2e",
          what, absNorm, rel));
    }
  }

  @AfterAll
  static void writeReport() throws IOException {
    Files.createDirectories(VlfeatPeer.DIR);
    Files.write(VlfeatPeer.DIR.resolve("max-errors.txt"), REPORT, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------------------------------
  // Fisher vectors

  private static void fisherCase(String name, GMMMachine g, Matrix x, int[] lengths,
      double rtol) {
    VlfeatPeer.FisherResult ref = VlfeatPeer.fisher(name, g, x, lengths);
    GMMMachine truncating = g.toBuilder().posteriorRule(PosteriorRule.truncate(1e-6)).build();
    double[] post = truncating.posteriors(x).data();
    int k = g.numComponents();
    for (int flags = 0; flags < 8; flags++) {
      FisherVectorEncoder enc = FisherVectorEncoder.of(g, FisherOptions.fromVlfeatFlags(flags));
      Matrix ours = enc.encodeSets(x, lengths, 2);
      double[][] actual = new double[lengths.length][];
      int from = 0;
      for (int s = 0; s < lengths.length; s++) {
        actual[s] = ours.row(s);
        double[] e = ref.encodings()[flags][s];
        double max = 0;
        for (double v : e) {
          max = Math.max(max, Math.abs(v));
        }
        NumericAssert.assertAllClose(e, actual[s], new Tolerance(rtol, 1e-14 * max),
            name + " flags " + flags + " set " + s);
        // VLFeat's term count: FAST keeps one term per descriptor; otherwise every γ ≥ 1e-6
        long terms = 0;
        for (int i = from * k; i < (from + lengths[s]) * k; i++) {
          terms += post[i] != 0 ? 1 : 0;
        }
        long expectedTerms = (flags & FisherOptions.VL_FISHER_FLAG_FAST) != 0 ? lengths[s] : terms;
        assertEquals(expectedTerms, ref.numTerms()[flags][s], name + " numTerms, flags " + flags
            + " set " + s);
        from += lengths[s];
      }
      record("fisher " + name + " flags " + flags, ref.encodings()[flags], actual);
    }
  }

  @Test
  void fisherVectorsMatchVlfeatForEveryFlag() {
    GMMMachine g = Fixtures.gmm(8, 6, 0, 2, 21);
    int[] lengths = {1, 5, 40, 200, 17, 2};
    Matrix x = Fixtures.sample(g, Fixtures.sum(lengths), 0.8, 22);
    fisherCase("centred", g, x, lengths, PEER_RTOL);
  }

  @Test
  void fisherVectorsMatchVlfeatWithSmallPriorsAndOutliers() {
    // one prior of 2e-6 (VLFeat keeps priors >= 1e-6) and descriptors far from every mean, so
    // many posteriors fall around VLFeat's 1e-6 skip
    GMMMachine base = Fixtures.gmm(5, 4, 0, 3, 23);
    double[] w = base.weights();
    w[3] = 2e-6;
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    for (int c = 0; c < 5; c++) {
      w[c] /= sum;
    }
    GMMMachine g = GMMMachine.fromParameters(w, base.means(), base.variances());
    int[] lengths = {30, 3, 90};
    Matrix x = Fixtures.sample(g, Fixtures.sum(lengths), 3.0, 24);
    fisherCase("small-prior", g, x, lengths, PEER_RTOL);
  }

  @Test
  void fisherVectorsMatchVlfeatForDescriptorsFarFromTheOrigin() {
    // means near 1e4 with standard deviations 0.5..1.4: the raw-moment form Σγx² − 2μΣγx + μ²n
    // would lose ~8 digits here (measured 1.5e-5 relative); moments about the means do not
    GMMMachine g = Fixtures.gmm(6, 5, 1e4, 2, 25);
    int[] lengths = {4, 60, 150};
    Matrix x = Fixtures.sample(g, Fixtures.sum(lengths), 0.6, 26);
    fisherCase("offset-1e4", g, x, lengths, PEER_RTOL);
  }

  // ------------------------------------------------------------------------------------------
  // VLAD

  @Test
  void vladMatchesVlfeatForEveryFlagWithHardAndSoftAssignments() {
    Matrix centres = Fixtures.gmm(7, 5, 0, 2, 27).means();
    KMeansMachine km = KMeansMachine.fromCentroids(centres);
    int[] lengths = {1, 12, 0, 150, 33};
    Matrix x = Fixtures.sample(Fixtures.gmm(7, 5, 0, 2, 27), Fixtures.sum(lengths), 1.0, 28);
    double alpha = 0.7;
    double[][][][] ref = VlfeatPeer.vlad("vlad", centres, alpha, x, lengths);
    Assignment[] kinds = {Assignment.HARD, Assignment.softmax(alpha)};
    for (int kind = 0; kind < 2; kind++) {
      for (int flags = 0; flags < 16; flags++) {
        VLADEncoder enc = VLADEncoder.of(km, VLADOptions.fromVlfeatFlags(kinds[kind], flags));
        Matrix ours = enc.encodeSets(x, lengths, 2);
        double[][] actual = new double[lengths.length][];
        for (int s = 0; s < lengths.length; s++) {
          actual[s] = ours.row(s);
          double[] e = ref[kind][flags][s];
          NumericAssert.assertAllClose(e, actual[s], tolerance(e),
              (kind == 0 ? "hard" : "soft") + " flags " + flags + " set " + s);
        }
        record("vlad " + (kind == 0 ? "hard" : "soft") + " flags " + flags, ref[kind][flags],
            actual);
      }
    }
    // the empty set is the zero vector on both sides
    for (double v : ref[0][0][2]) {
      assertEquals(0.0, v);
    }
    assertTrue(REPORT.size() >= 32);
  }
}
