package org.emkit.scoring;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Score normalisation with impostor cohorts: Z-norm, T-norm, ZT-norm (bob.learn.em's C++-era
 * semantics) and adaptive symmetric S-norm.
 *
 * <p><b>Inputs.</b> Raw scores {@code A} (models × probes); {@code B}: models × Z-cohort probes;
 * {@code C}: T-cohort models × probes; {@code D}: T-cohort models × Z-cohort probes; an optional
 * boolean {@code mask} (T-models × Z-probes) marking "same identity" pairs that are excluded
 * from the Z-statistics of the T-model scores.
 *
 * <p><b>Algorithm</b> (SPEC §12.4). Row statistics use the count of kept entries:
 * {@code mean = Σv / n}, {@code std = sqrt((Σv² − n·mean²) / (n − 1))}; a std that is not
 * greater than {@link #DBL_MIN} (including the single-column case, where it is defined as 0) is
 * replaced by 1, so no NaN or infinity arises.
 *
 * <pre>
 *   Z-norm:  zA[i,j] = (A[i,j] − mean_row_i(B)) / std_row_i(B)
 *   T-norm:  tA[i,j] = (A[i,j] − mean_col_j(C)) / std_col_j(C)
 *   ZT-norm: zC[t,j] = (C[t,j] − mean_row_t(D')) / std_row_t(D')      (D' = D without masked cells)
 *            result  = T-norm of zA with the cohort zC
 *   S-norm:  s[i,j]  = ½ [(A[i,j] − μ_i) / σ_i + (A[i,j] − μ_j) / σ_j]
 * </pre>
 *
 * For adaptive S-norm, μ_i, σ_i are the mean and std of the {@code topN} largest scores of model
 * i against the cohort ({@code modelVsCohort}, models × cohort) and μ_j, σ_j those of the
 * {@code topN} largest scores of probe j against the cohort ({@code cohortVsProbe}, cohort ×
 * probes); {@code topN} equal to the cohort size gives plain S-norm.
 *
 * <p>All methods are pure functions; thread-safe.
 *
 * <p><b>Compatibility.</b> Reproduces bob.learn.em ≤ 2.1.8's {@code ztnorm}, {@code znorm} and
 * {@code tnorm} (the reference files {@code ztnorm_*.hdf5} are matched to 1e-10 relative).
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>R. Auckenthaler, M. Carey, H. Lloyd-Thomas, "Score normalization for text-independent
 *       speaker verification systems", Digital Signal Processing 10(1–3), 2000.
 *       https://doi.org/10.1006/dspr.1999.0360
 *   <li>P. Matějka et al., "Analysis of score normalization in multilingual speaker recognition",
 *       Interspeech 2017 (adaptive S-norm).
 * </ol>
 */
public final class ScoreNormalization {

  /** Smallest positive normal double: standard deviations at or below it are replaced by 1. */
  public static final double DBL_MIN = Double.MIN_NORMAL;

  private ScoreNormalization() {}

  private static double std(double sum, double sumSq, int n) {
    if (n < 2) {
      return 1.0;
    }
    double mean = sum / n;
    double var = (sumSq - n * mean * mean) / (n - 1);
    double s = var > 0 ? Math.sqrt(var) : 0.0;
    return s <= DBL_MIN ? 1.0 : s;
  }

  private static void requireNonEmpty(String owner, String name, Matrix m) {
    Objects.requireNonNull(m, name);
    if (m.cols() == 0) {
      throw new IllegalArgumentException(owner + ": " + name + " must have at least 1 column"
          + " (cohort score), got shape " + m.rows() + "x" + m.cols());
    }
    Check.finite(owner, name, m);
  }

  /**
   * Z-norm: normalises each model's scores by the statistics of its impostor (Z-cohort) scores.
   *
   * @param a raw scores, models × probes
   * @param b models × Z-cohort probes (≥ 1 column)
   * @return normalised scores, models × probes
   */
  public static Matrix zNorm(Matrix a, Matrix b) {
    String owner = "ScoreNormalization.zNorm";
    Check.finite(owner, "a", a);
    requireNonEmpty(owner, "b", b);
    if (b.rows() != a.rows()) {
      throw new DimensionMismatchException(owner + ": b has " + b.rows() + " rows (shape "
          + b.rows() + "x" + b.cols() + ") but a has " + a.rows() + " models (shape " + a.rows()
          + "x" + a.cols() + ")");
    }
    return rowNormalize(a, b, null);
  }

  /** Row-wise normalisation of {@code a} by the statistics of the rows of {@code cohort}. */
  private static Matrix rowNormalize(Matrix a, Matrix cohort, boolean[][] mask) {
    int m = a.rows();
    int p = a.cols();
    double[] out = a.toArray();
    double[] c = cohort.data();
    int z = cohort.cols();
    for (int i = 0; i < m; i++) {
      double sum = 0;
      double sq = 0;
      int n = 0;
      for (int k = 0; k < z; k++) {
        if (mask != null && mask[i][k]) {
          continue;
        }
        double v = c[i * z + k];
        sum += v;
        sq += v * v;
        n++;
      }
      double mean = n > 0 ? sum / n : 0.0;
      double sd = std(sum, sq, n);
      for (int j = 0; j < p; j++) {
        out[i * p + j] = (out[i * p + j] - mean) / sd;
      }
    }
    return Matrix.wrap(m, p, out);
  }

  /**
   * T-norm: normalises each probe's scores by the statistics of the T-cohort models' scores on
   * that probe.
   *
   * @param a raw scores, models × probes
   * @param c T-cohort models × probes (≥ 1 row)
   * @return normalised scores, models × probes
   */
  public static Matrix tNorm(Matrix a, Matrix c) {
    String owner = "ScoreNormalization.tNorm";
    Check.finite(owner, "a", a);
    Objects.requireNonNull(c, "c");
    if (c.rows() == 0) {
      throw new IllegalArgumentException(owner + ": c must have at least 1 row (T-cohort model),"
          + " got shape 0x" + c.cols());
    }
    Check.finite(owner, "c", c);
    if (c.cols() != a.cols()) {
      throw new DimensionMismatchException(owner + ": c has " + c.cols() + " columns (shape "
          + c.rows() + "x" + c.cols() + ") but a has " + a.cols() + " probes (shape " + a.rows()
          + "x" + a.cols() + ")");
    }
    return rowNormalize(a.transpose(), c.transpose(), null).transpose();
  }

  /**
   * ZT-norm: Z-norm of the raw scores and of the T-cohort scores, then T-norm.
   *
   * @param a raw scores, models × probes
   * @param b models × Z-probes
   * @param c T-models × probes
   * @param d T-models × Z-probes
   * @param sameIdentity T-models × Z-probes: {@code true} excludes that cell from the Z-statistics
   *     of the T-model; may be {@code null}
   * @return normalised scores, models × probes
   */
  public static Matrix ztNorm(Matrix a, Matrix b, Matrix c, Matrix d, boolean[][] sameIdentity) {
    String owner = "ScoreNormalization.ztNorm";
    Matrix za = zNorm(a, b);
    requireNonEmpty(owner, "d", d);
    if (d.rows() != c.rows()) {
      throw new DimensionMismatchException(owner + ": d has " + d.rows() + " T-models but c has "
          + c.rows() + " (shapes " + d.rows() + "x" + d.cols() + " and " + c.rows() + "x" + c.cols() + ")");
    }
    if (d.cols() != b.cols()) {
      throw new DimensionMismatchException(owner + ": d has " + d.cols() + " Z-probes but b has "
          + b.cols());
    }
    if (sameIdentity != null) {
      if (sameIdentity.length != d.rows()) {
        throw new DimensionMismatchException(owner + ": sameIdentity has " + sameIdentity.length
            + " rows but d has " + d.rows());
      }
      for (int t = 0; t < sameIdentity.length; t++) {
        if (sameIdentity[t].length != d.cols()) {
          throw new DimensionMismatchException(owner + ": sameIdentity[" + t + "] has length "
              + sameIdentity[t].length + " but d has " + d.cols() + " columns");
        }
      }
    }
    Check.finite(owner, "c", c);
    Matrix zc = rowNormalize(c, d, sameIdentity);
    return tNorm(za, zc);
  }

  /**
   * The "same identity" mask from identity labels of the T-models and Z-probes.
   *
   * @param tModelIds identity of each T-cohort model
   * @param zProbeIds identity of each Z-cohort probe
   * @return mask[t][z] = (tModelIds[t] == zProbeIds[z])
   */
  public static boolean[][] sameIdentityMask(int[] tModelIds, int[] zProbeIds) {
    boolean[][] m = new boolean[tModelIds.length][zProbeIds.length];
    for (int t = 0; t < tModelIds.length; t++) {
      for (int z = 0; z < zProbeIds.length; z++) {
        m[t][z] = tModelIds[t] == zProbeIds[z];
      }
    }
    return m;
  }

  /**
   * Adaptive symmetric S-norm.
   *
   * @param a raw scores, models × probes
   * @param modelVsCohort models × cohort scores
   * @param cohortVsProbe cohort × probes scores
   * @param topN number of largest cohort scores used per model and per probe, in [1, cohort size]
   * @return normalised scores, models × probes
   */
  public static Matrix sNorm(Matrix a, Matrix modelVsCohort, Matrix cohortVsProbe, int topN) {
    String owner = "ScoreNormalization.sNorm";
    Check.finite(owner, "a", a);
    requireNonEmpty(owner, "modelVsCohort", modelVsCohort);
    Check.finite(owner, "cohortVsProbe", cohortVsProbe);
    if (modelVsCohort.rows() != a.rows()) {
      throw new DimensionMismatchException(owner + ": modelVsCohort has " + modelVsCohort.rows()
          + " rows but a has " + a.rows() + " models");
    }
    if (cohortVsProbe.cols() != a.cols() || cohortVsProbe.rows() != modelVsCohort.cols()) {
      throw new DimensionMismatchException(owner + ": cohortVsProbe has shape "
          + cohortVsProbe.rows() + "x" + cohortVsProbe.cols() + " but " + modelVsCohort.cols()
          + "x" + a.cols() + " (cohort × probes) is required");
    }
    int cohort = modelVsCohort.cols();
    Check.inClosed(owner, "topN", topN, 1, cohort);
    double[] mMean = new double[a.rows()];
    double[] mStd = new double[a.rows()];
    for (int i = 0; i < a.rows(); i++) {
      topStats(modelVsCohort.row(i), topN, mMean, mStd, i);
    }
    Matrix pc = cohortVsProbe.transpose();
    double[] pMean = new double[a.cols()];
    double[] pStd = new double[a.cols()];
    for (int j = 0; j < a.cols(); j++) {
      topStats(pc.row(j), topN, pMean, pStd, j);
    }
    double[] out = new double[a.rows() * a.cols()];
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        double s = a.get(i, j);
        out[i * a.cols() + j] = 0.5 * ((s - mMean[i]) / mStd[i] + (s - pMean[j]) / pStd[j]);
      }
    }
    return Matrix.wrap(a.rows(), a.cols(), out);
  }

  private static void topStats(double[] scores, int topN, double[] mean, double[] sd, int at) {
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    double sum = 0;
    double sq = 0;
    for (int k = sorted.length - topN; k < sorted.length; k++) {
      sum += sorted[k];
      sq += sorted[k] * sorted[k];
    }
    mean[at] = sum / topN;
    sd[at] = std(sum, sq, topN);
  }
}
