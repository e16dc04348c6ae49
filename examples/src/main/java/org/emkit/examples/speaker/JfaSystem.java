package org.emkit.examples.speaker;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.emkit.core.internal.Parallel;
import org.emkit.examples.ProgressListener;
import org.emkit.fa.JFAMachine;
import org.emkit.mixture.GMMMachine;

/**
 * Joint factor analysis: V (rank r_V), U (rank r_U) and D trained in three EM phases on the
 * development segments grouped by speaker; a model is {@code m + V y + D z}; a probe is scored by
 * linear scoring with its channel offset {@code U x} removed ({@link JFAMachine}). V and D need
 * many training speakers: with the handful of development speakers of DebVox the rank of V is
 * capped at their number, and by default D keeps its relevance-MAP value {@code sqrt(Σ / r)}
 * (Kenny et al.'s JFA with a MAP prior for z) instead of the trained D, which collapses towards 0
 * on nine speakers and leaves every model in the span of V.
 *
 * <p><b>References.</b> P. Kenny, G. Boulianne, P. Ouellet, P. Dumouchel, "Joint factor analysis
 * versus eigenchannels in speaker recognition", IEEE TASLP 15(4), 2007.
 */
public final class JfaSystem implements VerificationSystem {

  private final SystemKind kind;
  private final int rankU;
  private final int rankV;
  private final int iterations;
  private final double relevanceFactor;
  private final boolean trainD;

  /**
   * @param kind the kind reported in tables
   * @param config rankU, rankV, faIterations and relevanceFactor are used
   */
  public JfaSystem(SystemKind kind, ExperimentConfig config) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.rankU = config.rankU();
    this.rankV = config.rankV();
    this.iterations = config.faIterations();
    this.relevanceFactor = config.relevanceFactor();
    this.trainD = config.jfaTrainD();
  }

  @Override
  public SystemKind kind() {
    return kind;
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT,
        "r_U=%d, r_V=%d (at most the development speakers), %d EM iterations per phase, %s",
        rankU, rankV, iterations, trainD ? "D trained"
            : "D fixed at its relevance-MAP value (r=" + relevanceFactor + ")");
  }

  @Override
  public Scorer train(FoldContext ctx) {
    GMMMachine ubm = ctx.ubm();
    int cd = ubm.numComponents() * ubm.numFeatures();
    int ru = Math.min(rankU, cd);
    int rv = Math.min(Math.min(rankV, cd), ctx.plan().fold().devSpeakers().size());
    ctx.note("jfa_rank_v", Integer.toString(rv));
    JFAMachine jfa = JFAMachine.builder(ubm, ru, rv).relevanceFactor(relevanceFactor)
        .iterations(iterations).seed(ctx.seed("jfa")).parallelism(ctx.config().threads())
        .build();
    JFAMachine fitted;
    int[] dev = ctx.plan().devSegments();
    try (ProgressListener.Task task = ctx.progress().start(ctx.label() + ": JFA V, U, D (ranks "
        + rv + ", " + ru + ")", 3L * iterations)) {
      fitted = jfa.fit(ctx.stats(dev), ctx.plan().devLabels(), task.monitor("rel. change"));
    }
    // V and U are trained before D and do not depend on it: replacing D by its initial value is
    // JFA with the relevance-MAP D, as if the third phase had been skipped
    JFAMachine trained = trainD ? fitted : fitted.toBuilder().d(jfa.d()).build();
    double[] d = trained.d();
    double[] v = trained.v().data();
    double[] m = ubm.meanSupervector();
    FactorScoringCache cache = new FactorScoringCache(ctx,
        s -> trained.estimateUx(List.of(ctx.stats(s))));
    int threads = ctx.config().threads();
    return (models, probes) -> {
      double[][] means = new double[models.size()][];
      Parallel.forEachChunk(models.size(), 1, threads, (from, to) -> {
        for (int k = from; k < to; k++) {
          JFAMachine.Enrollment e = trained.enroll(ctx.stats(models.get(k)));
          means[k] = modelMean(v, rv, d, m, e.y(), e.z());
        }
      });
      return cache.score(List.of(means), probes);
    };
  }

  /**
   * {@code m + V y + D z} in JFAMachine.score's order of operations: {@code (V y)_q + d_q z_q +
   * m_q}, with {@code (V y)_q} summed over r in increasing order.
   */
  static double[] modelMean(double[] v, int rankV, double[] d, double[] m, double[] y,
      double[] z) {
    double[] mean = new double[m.length];
    for (int q = 0; q < mean.length; q++) {
      double s = 0;
      for (int r = 0; r < rankV; r++) {
        s += v[q * rankV + r] * y[r];
      }
      mean[q] = s + d[q] * z[q] + m[q];
    }
    return mean;
  }
}
