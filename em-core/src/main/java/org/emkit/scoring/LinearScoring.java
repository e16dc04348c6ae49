package org.emkit.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.mixture.VarianceFloor;

/**
 * Linear scoring of GMM models against test statistics: Glembek's first-order approximation of
 * the log-likelihood ratio between a MAP-adapted model and the UBM.
 *
 * <p><b>Model.</b> For model i with mean supervector M_i, UBM means μ and variances σ², test j
 * with statistics (n_j, F_j, t_j) and channel offset o_j (C×D, zero by default):
 *
 * <pre>
 *   A_i = (M_i − μ) / σ²                      C×D
 *   B_j = F_j − n_j ⊙ (μ + o_j)               C×D (n broadcast over features)
 *   B_j ← B_j / t_j   with frame-length normalisation (B_j = 0 when |t_j| ≤ EPS)
 *   score[i, j] = Σ_{c,d} A_i[c,d] · B_j[c,d]
 * </pre>
 *
 * <p><b>Shapes.</b> Model means C×D each; the result is models × tests.
 *
 * <p><b>Compatibility.</b> bob.learn.em's {@code linear_scoring}, including its rules that a
 * MAP machine passed as UBM is replaced by its prior and that a test with {@code t = 0} scores 0
 * under frame-length normalisation. Checked against bob's test values.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>O. Glembek, L. Burget, N. Dehak, N. Brümmer, P. Kenny, "Comparison of scoring methods
 *       used in speaker recognition with joint factor analysis", ICASSP 2009.
 *       https://doi.org/10.1109/ICASSP.2009.4960520
 * </ol>
 *
 * @see GMMMachine
 * @see GMMStats
 */
public final class LinearScoring {

  /** Whether B is divided by the frame count of the test. */
  public enum FrameLengthNormalization {
    /** Raw scores. */
    NONE,
    /** Scores divided by the number of test frames t (0 when t is 0). */
    BY_FRAME_COUNT
  }

  private static final String OWNER = "LinearScoring.linearScoring";

  private LinearScoring() {}

  /**
   * Scores model mean matrices against test statistics.
   *
   * @param modelMeans one C×D mean matrix per model; not modified
   * @param ubm the UBM (if it is a MAP machine, its prior is used)
   * @param tests test statistics
   * @param channelOffsets {@code null} (no offset), one C×D offset for all tests, or one per test
   * @param normalization frame-length normalisation
   * @return models × tests scores
   */
  public static Matrix linearScoring(List<Matrix> modelMeans, GMMMachine ubm, List<GMMStats> tests,
      List<Matrix> channelOffsets, FrameLengthNormalization normalization) {
    Objects.requireNonNull(modelMeans, "modelMeans");
    Objects.requireNonNull(ubm, "ubm");
    Objects.requireNonNull(tests, "tests");
    Objects.requireNonNull(normalization, "normalization");
    GMMMachine u = ubm.trainer() == GMMMachine.Trainer.MAP && ubm.prior().isPresent()
        ? ubm.prior().get() : ubm;
    int c = u.numComponents();
    int d = u.numFeatures();
    int cd = c * d;
    double[] mu = u.meanSupervector();
    double[] var = u.varianceSupervector();
    int m = modelMeans.size();
    int t = tests.size();
    if (channelOffsets != null && channelOffsets.size() != 1 && channelOffsets.size() != t) {
      throw new DimensionMismatchException(OWNER + ": channelOffsets has " + channelOffsets.size()
          + " entries but there are " + t + " tests (give 1 or one per test)");
    }
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) {
      Matrix mm = Objects.requireNonNull(modelMeans.get(i), "modelMeans[" + i + "]");
      if (mm.rows() != c || mm.cols() != d) {
        throw new DimensionMismatchException(OWNER + ": modelMeans[" + i + "] has shape "
            + mm.rows() + "x" + mm.cols() + " but the UBM has C×D = " + c + "x" + d);
      }
      double[] md = mm.data();
      a[i] = new double[cd];
      for (int q = 0; q < cd; q++) {
        a[i][q] = (md[q] - mu[q]) / var[q];
      }
    }
    double[][] b = new double[t][];
    for (int j = 0; j < t; j++) {
      GMMStats s = Objects.requireNonNull(tests.get(j), "tests[" + j + "]");
      if (s.numComponents() != c || s.numFeatures() != d) {
        throw new DimensionMismatchException(OWNER + ": tests[" + j + "] has C×D = "
            + s.numComponents() + "x" + s.numFeatures() + " but the UBM has " + c + "x" + d);
      }
      double[] off = null;
      if (channelOffsets != null) {
        Matrix o = channelOffsets.get(channelOffsets.size() == 1 ? 0 : j);
        if (o.rows() != c || o.cols() != d) {
          throw new DimensionMismatchException(OWNER + ": channelOffsets[" + j + "] has shape "
              + o.rows() + "x" + o.cols() + " but the UBM has C×D = " + c + "x" + d);
        }
        off = o.data();
      }
      double[] f = s.sumPx().data();
      double[] bj = new double[cd];
      for (int k = 0; k < c; k++) {
        double nk = s.n(k);
        for (int q = k * d; q < (k + 1) * d; q++) {
          bj[q] = f[q] - nk * (mu[q] + (off == null ? 0.0 : off[q]));
        }
      }
      if (normalization == FrameLengthNormalization.BY_FRAME_COUNT) {
        double tj = s.t();
        if (Math.abs(tj) <= VarianceFloor.EPS) {
          java.util.Arrays.fill(bj, 0.0);
        } else {
          for (int q = 0; q < cd; q++) {
            bj[q] /= tj;
          }
        }
      }
      b[j] = bj;
    }
    double[] out = new double[m * t];
    for (int i = 0; i < m; i++) {
      double[] ai = a[i];
      for (int j = 0; j < t; j++) {
        out[i * t + j] = dot(ai, b[j], cd);
      }
    }
    return Matrix.wrap(m, t, out);
  }

  /**
   * {@code Σ_q a[q]·b[q]} in four interleaved partial sums (element q goes to sum {@code q mod 4},
   * one fused multiply-add each, in increasing q), combined as {@code (s0 + s1) + (s2 + s3)}: four
   * independent dependency chains instead of one, so the loop is bound by the FMA units rather
   * than by the latency of a single running sum (C·D = 30 720 terms per score at K = 512, D = 60).
   */
  static double dot(double[] a, double[] b, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int n4 = n & ~3;
    int q = 0;
    for (; q < n4; q += 4) {
      s0 = Math.fma(a[q], b[q], s0);
      s1 = Math.fma(a[q + 1], b[q + 1], s1);
      s2 = Math.fma(a[q + 2], b[q + 2], s2);
      s3 = Math.fma(a[q + 3], b[q + 3], s3);
    }
    if (q < n) {
      s0 = Math.fma(a[q], b[q], s0);
    }
    if (q + 1 < n) {
      s1 = Math.fma(a[q + 1], b[q + 1], s1);
    }
    if (q + 2 < n) {
      s2 = Math.fma(a[q + 2], b[q + 2], s2);
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Scores GMM machines (their means) against test statistics.
   *
   * @param models adapted models
   * @param ubm the UBM
   * @param tests test statistics
   * @param channelOffsets {@code null}, one offset, or one per test (C×D each)
   * @param normalization frame-length normalisation
   * @return models × tests scores
   */
  public static Matrix linearScoringMachines(List<GMMMachine> models, GMMMachine ubm,
      List<GMMStats> tests, List<Matrix> channelOffsets, FrameLengthNormalization normalization) {
    Objects.requireNonNull(models, "models");
    List<Matrix> means = new ArrayList<>(models.size());
    for (GMMMachine g : models) {
      means.add(g.means());
    }
    return linearScoring(means, ubm, tests, channelOffsets, normalization);
  }
}
