package org.emkit.examples.speaker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.examples.ProgressListener;
import org.emkit.scoring.ScoreNormalization;

/**
 * The speaker-verification experiment engine: manifest → front end → speaker-disjoint folds →
 * UBM and statistics → systems → (normalised) scores → error rates.
 *
 * <p><b>Steps.</b>
 *
 * <ol>
 *   <li>{@link Corpus#read}: the manifest; {@link FeatureBank#extract}: MFCC, VAD, CMVN of every
 *       segment, in parallel.
 *   <li>{@link SpeakerSplit#split}: folds whose development and evaluation speakers are disjoint.
 *   <li>Per fold: {@link TrialPlan#build} (enrolment, test, trials, cohort);
 *       {@link FoldContext#prepare} (UBM, statistics of every segment); every system of
 *       {@link ExperimentConfig#systems()} is trained and scores all trials; each requested
 *       {@link ScoreNorm} is applied with the fold's cohort.
 *   <li>{@link ExperimentResult}: the trials of all folds with the scores of every system
 *       variant, and the tables of {@link ResultTables}.
 * </ol>
 *
 * <p><b>Reproducibility and threads.</b> Same configuration and data ⇒ the same scores, bit for
 * bit, for any number of threads: every parallel step either writes disjoint outputs or merges
 * fixed chunks in order, and every random choice is seeded from {@link ExperimentConfig#seed()}.
 *
 * <p>Stateless; thread-safe.
 */
public final class SpeakerExperiment {

  private SpeakerExperiment() {}

  /**
   * Runs the experiment.
   *
   * @param config the configuration
   * @param progress receives progress (use {@link ProgressListener#NONE} for none)
   * @return the result
   * @throws IOException if the manifest or an audio file cannot be read
   */
  public static ExperimentResult run(ExperimentConfig config, ProgressListener progress)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(progress, "progress");
    Map<String, Double> timings = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    Corpus corpus = Corpus.read(config.manifest());
    FeatureBank features = FeatureBank.extract(corpus, config.frontEnd(), config.threads(),
        progress);
    long t1 = System.nanoTime();
    timings.put("features", (t1 - t0) / 1e9);
    return run(config, corpus, features, progress, timings, t0);
  }

  /**
   * Runs the experiment on features already extracted (tests; several configurations on one
   * corpus).
   *
   * @param config the configuration (its manifest and front end are only recorded)
   * @param corpus the corpus
   * @param features the features of every segment of the corpus
   * @param progress receives progress
   * @return the result
   */
  public static ExperimentResult run(ExperimentConfig config, Corpus corpus,
      FeatureBank features, ProgressListener progress) {
    return run(config, corpus, features, progress, new LinkedHashMap<>(), System.nanoTime());
  }

  private static ExperimentResult run(ExperimentConfig config, Corpus corpus,
      FeatureBank features, ProgressListener progress, Map<String, Double> timings, long t0) {
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(features, "features");
    if (features.size() != corpus.size()) {
      throw new IllegalArgumentException("SpeakerExperiment.run: features has " + features.size()
          + " segments but the corpus has " + corpus.size());
    }
    List<Fold> folds = SpeakerSplit.split(corpus, config.folds(), config.foldScheme(),
        config.seed());
    List<Trial> trials = new ArrayList<>();
    Map<String, double[][]> perVariant = new LinkedHashMap<>();
    Map<String, SystemKind> variantKind = new LinkedHashMap<>();
    Map<String, ScoreNorm> variantNorm = new LinkedHashMap<>();
    Map<String, String> descriptions = new LinkedHashMap<>();
    Map<String, String> notes = new LinkedHashMap<>();
    List<VerificationSystem> systems = new ArrayList<>();
    for (SystemKind k : config.systems()) {
      systems.add(k.create(config));
    }
    for (VerificationSystem s : systems) {
      descriptions.put(s.kind().displayName(), s.description());
      for (ScoreNorm n : config.norms()) {
        if (n == ScoreNorm.NONE || s.supportsCohortNorm()) {
          String name = SystemScores.name(s.kind(), n);
          perVariant.put(name, new double[folds.size()][]);
          variantKind.put(name, s.kind());
          variantNorm.put(name, n);
        } else {
          notes.put(SystemScores.name(s.kind(), n), "not computed: " + s.kind().displayName()
              + " scores every model-segment pair from frames, too slow for cohort scoring");
        }
      }
    }
    for (Fold fold : folds) {
      long start = System.nanoTime();
      TrialPlan plan = TrialPlan.build(corpus, fold, config.enrolSegments(),
          config.enrolChannel(), config.cohortPerSpeaker());
      trials.addAll(plan.trials());
      progress.message(plan.toString());
      FoldContext ctx = FoldContext.prepare(corpus, features, plan, config, progress);
      long prepared = System.nanoTime();
      timings.put(fold.label() + ": UBM and statistics", (prepared - start) / 1e9);
      for (VerificationSystem s : systems) {
        long ts = System.nanoTime();
        VerificationSystem.Scorer scorer = s.train(ctx);
        long trained = System.nanoTime();
        Map<ScoreNorm, Matrix> scores = score(scorer, plan, config, s.supportsCohortNorm(),
            ctx, s.kind());
        for (Map.Entry<ScoreNorm, Matrix> e : scores.entrySet()) {
          perVariant.get(SystemScores.name(s.kind(), e.getKey()))[fold.index()] =
              e.getValue().toArray();
        }
        long done = System.nanoTime();
        timings.put(fold.label() + ": " + s.kind().displayName() + " training",
            (trained - ts) / 1e9);
        timings.put(fold.label() + ": " + s.kind().displayName() + " scoring",
            (done - trained) / 1e9);
      }
      ctx.notes().forEach((k, v) -> notes.put(fold.label() + ": " + k, v));
    }
    List<SystemScores> results = new ArrayList<>();
    for (Map.Entry<String, double[][]> e : perVariant.entrySet()) {
      int total = 0;
      for (double[] f : e.getValue()) {
        total += f.length;
      }
      double[] all = new double[total];
      int at = 0;
      for (double[] f : e.getValue()) {
        System.arraycopy(f, 0, all, at, f.length);
        at += f.length;
      }
      SystemKind k = variantKind.get(e.getKey());
      results.add(new SystemScores(k, variantNorm.get(e.getKey()),
          descriptions.get(k.displayName()), all));
    }
    timings.put("total", (System.nanoTime() - t0) / 1e9);
    return new ExperimentResult(config, corpus, folds, trials, results, descriptions, notes,
        timings);
  }

  /**
   * Raw scores of a fold's trials and their normalised versions.
   *
   * @return norm → models × tests scores (row-major = the plan's trial order)
   */
  private static Map<ScoreNorm, Matrix> score(VerificationSystem.Scorer scorer, TrialPlan plan,
      ExperimentConfig config, boolean cohortNorm, FoldContext ctx, SystemKind kind) {
    Map<ScoreNorm, Matrix> out = new LinkedHashMap<>();
    List<int[]> models = plan.enrolments();
    int[] tests = plan.testSegments();
    Matrix raw;
    try (ProgressListener.Task task = ctx.progress().start(ctx.label() + ": "
        + kind.displayName() + " scoring (" + models.size() + " models x " + tests.length
        + " segments)", 0)) {
      raw = scorer.score(models, tests);
      task.step();
    }
    out.put(ScoreNorm.NONE, raw);
    boolean wantZt = config.norms().contains(ScoreNorm.ZT);
    boolean wantS = config.norms().contains(ScoreNorm.S);
    if (!cohortNorm || !(wantZt || wantS)) {
      return orderByConfig(out, config);
    }
    int[] cohort = plan.cohortSegments();
    List<int[]> cohortModels = new ArrayList<>();
    for (int c : cohort) {
      cohortModels.add(new int[] {c});
    }
    Matrix b;
    Matrix c;
    Matrix d;
    try (ProgressListener.Task task = ctx.progress().start(ctx.label() + ": "
        + kind.displayName() + " cohort scores (" + cohort.length + " cohort segments)", 3)) {
      b = scorer.score(models, cohort);
      task.step();
      c = scorer.score(cohortModels, tests);
      task.step();
      d = scorer.score(cohortModels, cohort);
      task.step();
    }
    if (wantZt) {
      int[] labels = plan.cohortLabels();
      out.put(ScoreNorm.ZT, ScoreNormalization.ztNorm(raw, b, c, d,
          ScoreNormalization.sameIdentityMask(labels, labels)));
    }
    if (wantS) {
      int top = (int) Math.ceil(config.sNormTopFraction() * cohort.length);
      out.put(ScoreNorm.S, ScoreNormalization.sNorm(raw, b, c, Math.max(1, top)));
    }
    return orderByConfig(out, config);
  }

  private static Map<ScoreNorm, Matrix> orderByConfig(Map<ScoreNorm, Matrix> m,
      ExperimentConfig config) {
    Map<ScoreNorm, Matrix> out = new LinkedHashMap<>();
    for (ScoreNorm n : config.norms()) {
      if (m.containsKey(n)) {
        out.put(n, m.get(n));
      }
    }
    return out;
  }
}
