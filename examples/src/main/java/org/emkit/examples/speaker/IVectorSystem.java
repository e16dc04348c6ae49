package org.emkit.examples.speaker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.examples.ProgressListener;
import org.emkit.fa.IVectorMachine;
import org.emkit.mixture.GMMMachine;

/**
 * i-vector systems: a total-variability matrix T (rank R) trained by EM on the development
 * segments' statistics (no labels), the i-vector of every segment of the fold, then a
 * {@link VectorBackend} trained on the development i-vectors with speaker labels.
 *
 * <p>The extractor and the i-vectors are computed once per fold and shared by every i-vector
 * system of the experiment ({@link FoldContext#shared}), so a second back-end costs only its own
 * training.
 *
 * <p><b>References.</b> N. Dehak, P. Kenny, R. Dehak, P. Dumouchel, P. Ouellet, "Front-end
 * factor analysis for speaker verification", IEEE TASLP 19(4), 2011.
 */
public final class IVectorSystem implements VerificationSystem {

  private final SystemKind kind;
  private final int rank;
  private final int iterations;
  private final VectorBackend backend;

  /**
   * @param kind the kind reported in tables
   * @param config ivectorRank and ivectorIterations are used
   * @param backend the back-end
   */
  public IVectorSystem(SystemKind kind, ExperimentConfig config, VectorBackend backend) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.rank = config.ivectorRank();
    this.iterations = config.ivectorIterations();
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  @Override
  public SystemKind kind() {
    return kind;
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "R=%d, %d EM iterations (minimum divergence); %s", rank,
        iterations, backend.description());
  }

  /**
   * The i-vectors of every segment of the fold, from an extractor trained on the development
   * segments (computed once per fold and configuration).
   *
   * @param ctx the fold
   * @param rank R
   * @param iterations EM iterations
   * @return N×R, row i the i-vector of segment i
   */
  public static Matrix ivectors(FoldContext ctx, int rank, int iterations) {
    return ctx.shared("ivectors:R=" + rank + ":it=" + iterations, () -> {
      GMMMachine ubm = ctx.ubm();
      int r = Math.min(rank, ubm.numComponents() * ubm.numFeatures());
      IVectorMachine machine = IVectorMachine.builder(ubm, r).iterations(iterations)
          .minimumDivergence(true).seed(ctx.seed("ivector"))
          .parallelism(ctx.config().threads()).build();
      int[] dev = ctx.plan().devSegments();
      IVectorMachine trained;
      try (ProgressListener.Task task = ctx.progress().start(ctx.label() + ": i-vector T (rank "
          + r + ", " + dev.length + " segments)", iterations)) {
        trained = machine.fit(ctx.stats(dev), task.monitor("rel. change"));
      }
      int n = ctx.corpus().size();
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return trained.transform(ctx.stats(all));
    });
  }

  @Override
  public Scorer train(FoldContext ctx) {
    Matrix iv = ivectors(ctx, rank, iterations);
    int[] dev = ctx.plan().devSegments();
    Map<String, String> notes = new LinkedHashMap<>();
    VectorBackend.Trained trained = backend.fit(iv.selectRows(dev), ctx.plan().devLabels(), notes);
    notes.forEach(ctx::note);
    return (models, probes) -> {
      List<Matrix> enrol = new ArrayList<>();
      for (int[] m : models) {
        enrol.add(iv.selectRows(m));
      }
      return trained.score(enrol, iv.selectRows(probes));
    };
  }
}
