package org.emkit.examples.speaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.internal.Parallel;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.scoring.LinearScoring;

/**
 * The GMM-UBM baseline: each model is the UBM with its means MAP-adapted to the merged statistics
 * of the enrolment segments (one MAP step, relevance factor r).
 *
 * <p><b>Scoring.</b> {@link Scoring#LINEAR}: Glembek's linear scoring of the adapted means against
 * the probe's statistics, divided by the probe's frame count ({@link LinearScoring}).
 * {@link Scoring#FRAME_LLR}: the average over the probe's frames of
 * \( \ln p(x_t \mid \text{model}) - \ln p(x_t \mid \text{UBM}) \), the classical
 * Reynolds et al. score (all components, no top-C shortcut).
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>D. A. Reynolds, T. F. Quatieri, R. B. Dunn, "Speaker verification using adapted Gaussian
 *       mixture models", Digital Signal Processing 10(1–3), 2000.
 *       https://doi.org/10.1006/dspr.1999.0361
 *   <li>O. Glembek, L. Burget, N. Dehak, N. Brümmer, P. Kenny, "Comparison of scoring methods used
 *       in speaker recognition with joint factor analysis", ICASSP 2009.
 * </ol>
 */
public final class GmmUbmSystem implements VerificationSystem {

  /** How a probe is scored against an adapted model. */
  public enum Scoring {
    /** Linear scoring of the statistics (fast). */
    LINEAR,
    /** Average frame log-likelihood ratio (needs the probe's frames). */
    FRAME_LLR
  }

  private final SystemKind kind;
  private final double relevanceFactor;
  private final Scoring scoring;

  /**
   * @param kind the kind reported in tables
   * @param relevanceFactor MAP relevance factor, &gt; 0
   * @param scoring the scoring rule
   */
  public GmmUbmSystem(SystemKind kind, double relevanceFactor, Scoring scoring) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.relevanceFactor = org.emkit.core.validation.Check.positive("GmmUbmSystem",
        "relevanceFactor", relevanceFactor);
    this.scoring = Objects.requireNonNull(scoring, "scoring");
  }

  @Override
  public SystemKind kind() {
    return kind;
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "MAP means, r=%s, %s", relevanceFactor,
        scoring == Scoring.LINEAR ? "linear scoring" : "average frame LLR");
  }

  @Override
  public boolean supportsCohortNorm() {
    return scoring == Scoring.LINEAR;
  }

  /**
   * The MAP-adapted model of a set of enrolment statistics.
   *
   * @param ubm the UBM
   * @param relevanceFactor r
   * @param enrolment statistics of the enrolment segments (against the UBM)
   * @return the adapted model
   */
  public static GMMMachine adapt(GMMMachine ubm, double relevanceFactor,
      List<GMMStats> enrolment) {
    GMMStats sum = enrolment.get(0).copy();
    for (int i = 1; i < enrolment.size(); i++) {
      sum.merge(enrolment.get(i));
    }
    return GMMMachine.map(ubm).relevanceFactor(relevanceFactor).build().mStep(sum);
  }

  @Override
  public Scorer train(FoldContext ctx) {
    GMMMachine ubm = ctx.ubm();
    int threads = ctx.config().threads();
    return (models, probes) -> {
      GMMMachine[] adapted = new GMMMachine[models.size()];
      Parallel.forEachChunk(models.size(), 1, threads, (from, to) -> {
        for (int m = from; m < to; m++) {
          adapted[m] = adapt(ubm, relevanceFactor, ctx.stats(models.get(m)));
        }
      });
      if (scoring == Scoring.LINEAR) {
        List<Matrix> means = new ArrayList<>();
        for (GMMMachine g : adapted) {
          means.add(g.means());
        }
        return LinearScoring.linearScoring(means, ubm, ctx.stats(probes), null,
            LinearScoring.FrameLengthNormalization.BY_FRAME_COUNT);
      }
      double[] ubmLl = new double[probes.length];
      double[] out = new double[models.size() * probes.length];
      Parallel.forEachChunk(probes.length, 1, threads, (from, to) -> {
        for (int j = from; j < to; j++) {
          ubmLl[j] = ubm.score(ctx.features().get(probes[j]));
        }
      });
      int p = probes.length;
      Parallel.forEachChunk(models.size() * p, 1, threads, (from, to) -> {
        for (int k = from; k < to; k++) {
          int m = k / p;
          int j = k % p;
          out[k] = adapted[m].score(ctx.features().get(probes[j])) - ubmLl[j];
        }
      });
      return Matrix.wrap(models.size(), p, out);
    };
  }
}
