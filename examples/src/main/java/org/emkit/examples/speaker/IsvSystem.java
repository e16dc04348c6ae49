package org.emkit.examples.speaker;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.emkit.core.internal.Parallel;
import org.emkit.examples.ProgressListener;
import org.emkit.fa.ISVMachine;
import org.emkit.mixture.GMMMachine;

/**
 * Inter-session variability modelling: U (rank r_U) is trained by EM on the development segments
 * grouped by speaker; a model is {@code m + D z} enrolled from its segments; a probe is scored by
 * linear scoring with its own channel offset {@code U x} removed ({@link ISVMachine}).
 *
 * <p><b>References.</b> R. Vogt, S. Sridharan, "Explicit modelling of session variability for
 * speaker verification", Computer Speech &amp; Language 22(1), 2008; C. McCool et al., "Session
 * variability modelling for face authentication", IET Biometrics 2(3), 2013.
 */
public final class IsvSystem implements VerificationSystem {

  private final SystemKind kind;
  private final int rankU;
  private final int iterations;
  private final double relevanceFactor;

  /**
   * @param kind the kind reported in tables
   * @param config rankU, faIterations and relevanceFactor are used
   */
  public IsvSystem(SystemKind kind, ExperimentConfig config) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.rankU = config.rankU();
    this.iterations = config.faIterations();
    this.relevanceFactor = config.relevanceFactor();
  }

  @Override
  public SystemKind kind() {
    return kind;
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "r_U=%d, %d EM iterations, D from r=%s", rankU, iterations,
        relevanceFactor);
  }

  @Override
  public Scorer train(FoldContext ctx) {
    GMMMachine ubm = ctx.ubm();
    int cd = ubm.numComponents() * ubm.numFeatures();
    int rank = Math.min(rankU, cd);
    ISVMachine isv = ISVMachine.builder(ubm, rank).relevanceFactor(relevanceFactor)
        .iterations(iterations).seed(ctx.seed("isv")).parallelism(ctx.config().threads())
        .build();
    ISVMachine trained;
    int[] dev = ctx.plan().devSegments();
    try (ProgressListener.Task task = ctx.progress().start(ctx.label() + ": ISV U (rank "
        + rank + ", " + dev.length + " segments)", iterations)) {
      trained = isv.fit(ctx.stats(dev), ctx.plan().devLabels(), task.monitor("rel. change"));
    }
    double[] d = trained.d();
    double[] m = ubm.meanSupervector();
    FactorScoringCache cache = new FactorScoringCache(ctx,
        s -> trained.estimateUx(List.of(ctx.stats(s))));
    int threads = ctx.config().threads();
    return (models, probes) -> {
      double[][] means = new double[models.size()][];
      Parallel.forEachChunk(models.size(), 1, threads, (from, to) -> {
        for (int k = from; k < to; k++) {
          double[] z = trained.enroll(ctx.stats(models.get(k)));
          double[] mean = new double[cd];
          for (int q = 0; q < cd; q++) {
            mean[q] = d[q] * z[q] + m[q];
          }
          means[k] = mean;
        }
      });
      return cache.score(List.of(means), probes);
    };
  }
}
