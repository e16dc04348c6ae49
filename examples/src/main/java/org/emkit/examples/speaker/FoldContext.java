package org.emkit.examples.speaker;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.core.internal.Parallel;
import org.emkit.examples.ProgressListener;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.mixture.VarianceFloor;

/**
 * Everything the systems of one fold share: the corpus and features, the fold's
 * {@link TrialPlan}, the UBM trained on the development segments, the UBM statistics of every
 * segment, derived seeds, and a cache for models several systems use (the i-vector extractor).
 *
 * <p><b>UBM.</b> Diagonal GMM with K components trained by ML (means, variances and weights) on
 * the frames of the development segments (every {@code ubmFrameStride}-th frame): k-means
 * initialisation ({@code kmeansIterations}), then {@code ubmIterations} EM steps, variance floor
 * {@code varianceFloor}. The statistics of each segment are one E-step against it
 * ({@link GMMMachine#accumulate(Matrix, int, int, GMMStats, org.emkit.mixture.PosteriorRule)}).
 *
 * <p><b>Reproducibility and threads.</b> Seeds come from {@link #seed(String)}; the UBM fit is
 * thread-count invariant and the statistics of a segment depend only on that segment, so a fold
 * is identical for every {@code threads}. Thread-safe after construction.
 */
public final class FoldContext {

  private final Corpus corpus;
  private final FeatureBank features;
  private final TrialPlan plan;
  private final ExperimentConfig config;
  private final ProgressListener progress;
  private final GMMMachine ubm;
  private final List<GMMStats> stats;
  private final Map<String, Object> shared = new HashMap<>();
  private final Map<String, String> notes = Collections.synchronizedMap(new LinkedHashMap<>());

  private FoldContext(Corpus corpus, FeatureBank features, TrialPlan plan, ExperimentConfig config,
      ProgressListener progress, GMMMachine ubm, List<GMMStats> stats) {
    this.corpus = corpus;
    this.features = features;
    this.plan = plan;
    this.config = config;
    this.progress = progress;
    this.ubm = ubm;
    this.stats = stats;
  }

  /**
   * Trains the fold's UBM and computes the statistics of every segment.
   *
   * @param corpus the corpus
   * @param features its features
   * @param plan the fold's plan
   * @param config the configuration
   * @param progress progress of the UBM fit and of the statistics
   * @return the context
   */
  public static FoldContext prepare(Corpus corpus, FeatureBank features, TrialPlan plan,
      ExperimentConfig config, ProgressListener progress) {
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(progress, "progress");
    String label = plan.fold().label();
    Matrix frames = ubmFrames(features, plan.devSegments(), config.ubmFrameStride());
    int k = config.components();
    if (frames.rows() < k) {
      throw new IllegalArgumentException("FoldContext.prepare: " + label + " has "
          + frames.rows() + " UBM training frames but components is " + k);
    }
    long ubmSeed = seed(config, plan.fold().index(), "ubm");
    KMeansMachine kmeans = KMeansMachine.builder(k).maxIterations(config.kmeansIterations())
        .seed(ubmSeed).parallelism(config.threads()).build();
    GMMMachine untrained = GMMMachine.builder(k)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .varianceFloor(VarianceFloor.scalar(config.varianceFloor()))
        .maxIterations(config.ubmIterations()).convergenceThreshold(0.0)
        .kmeans(kmeans).seed(ubmSeed).parallelism(config.threads()).build();
    GMMMachine trained;
    try (ProgressListener.Task task = progress.start(label + ": UBM K=" + k + " ("
        + frames.rows() + " frames, k-means then EM)", config.ubmIterations())) {
      trained = untrained.fit(frames, task.monitor("avg log-lik"));
    }
    // scoring copies run on the calling thread; the experiment parallelises over segments
    GMMMachine ubm = trained.toBuilder().parallelism(1).build();
    GMMStats[] all = new GMMStats[corpus.size()];
    try (ProgressListener.Task task = progress.start(label + ": UBM statistics",
        corpus.size())) {
      Parallel.forEachChunk(corpus.size(), 1, config.threads(), (from, to) -> {
        for (int i = from; i < to; i++) {
          all[i] = statsOf(ubm, features.get(i));
          task.step();
        }
      });
    }
    return new FoldContext(corpus, features, plan, config, progress, ubm, List.of(all));
  }

  /**
   * The UBM statistics of one segment's frames.
   *
   * @param ubm the UBM
   * @param x T×D frames
   * @return zeroth, first and second order statistics
   */
  public static GMMStats statsOf(GMMMachine ubm, Matrix x) {
    GMMStats s = new GMMStats(ubm.numComponents(), ubm.numFeatures());
    ubm.accumulate(x, 0, x.rows(), s, ubm.posteriorRule());
    return s;
  }

  static Matrix ubmFrames(FeatureBank features, int[] segments, int stride) {
    long rows = 0;
    for (int s : segments) {
      rows += (features.get(s).rows() + stride - 1) / stride;
    }
    int d = features.dimension();
    double[] out = new double[Math.toIntExact(Math.multiplyExact(rows, (long) d))];
    int at = 0;
    for (int s : segments) {
      Matrix x = features.get(s);
      double[] a = x.data();
      for (int i = 0; i < x.rows(); i += stride) {
        System.arraycopy(a, i * d, out, at, d);
        at += d;
      }
    }
    return Matrix.wrap((int) rows, d, out);
  }

  /**
   * A seed for one purpose in one fold: a SplitMix64 mix of the configured seed, the fold index
   * and the purpose, reduced to [0, 2³²) (the range the machines accept).
   *
   * @param config the configuration
   * @param fold the fold index
   * @param purpose what the seed is for ("ubm", "isv", ...)
   * @return the seed
   */
  public static long seed(ExperimentConfig config, int fold, String purpose) {
    long h = config.seed() * 0x9E3779B97F4A7C15L + fold;
    for (int i = 0; i < purpose.length(); i++) {
      h = h * 31 + purpose.charAt(i);
    }
    h += 0x9E3779B97F4A7C15L;
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    h = h ^ (h >>> 31);
    return h & 0xFFFFFFFFL;
  }

  /**
   * @param purpose what the seed is for
   * @return the seed of that purpose in this fold
   */
  public long seed(String purpose) {
    return seed(config, plan.fold().index(), purpose);
  }

  /** @return the corpus */
  public Corpus corpus() {
    return corpus;
  }

  /** @return the features */
  public FeatureBank features() {
    return features;
  }

  /** @return the fold's plan */
  public TrialPlan plan() {
    return plan;
  }

  /** @return the configuration */
  public ExperimentConfig config() {
    return config;
  }

  /** @return the progress listener */
  public ProgressListener progress() {
    return progress;
  }

  /** @return the UBM (its parallelism is 1; callers parallelise over segments) */
  public GMMMachine ubm() {
    return ubm;
  }

  /**
   * @param segment a segment index
   * @return its UBM statistics (shared: do not modify)
   */
  public GMMStats stats(int segment) {
    return stats.get(segment);
  }

  /**
   * @param segments segment indices
   * @return their statistics, in order (shared: do not modify)
   */
  public List<GMMStats> stats(int[] segments) {
    GMMStats[] out = new GMMStats[segments.length];
    for (int i = 0; i < segments.length; i++) {
      out[i] = stats.get(segments[i]);
    }
    return List.of(out);
  }

  /** @return "fold 1/2" */
  public String label() {
    return plan.fold().label();
  }

  /**
   * A value computed once per fold and shared by systems (the i-vector extractor, say).
   *
   * @param key identifies the value and every setting it depends on
   * @param compute computes it
   * @param <T> its type
   * @return the value
   */
  @SuppressWarnings("unchecked")
  public synchronized <T> T shared(String key, Supplier<T> compute) {
    Object v = shared.get(key);
    if (v == null) {
      v = compute.get();
      shared.put(key, v);
    }
    return (T) v;
  }

  /**
   * Records a fact about this fold worth reporting (an effective dimension, a skipped step).
   *
   * @param key short key
   * @param value the fact
   */
  public void note(String key, String value) {
    notes.put(key, value);
  }

  /** @return the recorded facts, in insertion order */
  public Map<String, String> notes() {
    synchronized (notes) {
      return new LinkedHashMap<>(notes);
    }
  }
}
