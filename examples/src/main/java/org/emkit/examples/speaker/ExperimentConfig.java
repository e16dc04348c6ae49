package org.emkit.examples.speaker;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.emkit.core.validation.Check;
import org.emkit.features.audio.FrontEnd;

/**
 * Every setting of a speaker-verification experiment: data, front end, protocol, model sizes,
 * systems, score normalisation, operating point, threads and seed.
 *
 * <p><b>Parameters</b> (builder setters, with defaults):
 *
 * <ul>
 *   <li>{@code manifest}: the corpus manifest ({@code segments.tsv}); required.
 *   <li>{@code frontEnd} ({@link FrontEnd#defaults()}: MFCC c1..c19 + Δ, energy VAD, CMVN).
 *   <li>Protocol: {@code folds} (2), {@code foldScheme} ({@link FoldScheme#EVALUATE_EACH_GROUP}),
 *       {@code enrolSegments} (2), {@code enrolChannel} ({@code clean}), {@code cohortPerSpeaker}
 *       (8).
 *   <li>UBM: {@code components} K (128), {@code ubmIterations} EM iterations (10),
 *       {@code kmeansIterations} (10), {@code ubmFrameStride} (1: every frame; s uses every s-th
 *       frame of each segment), {@code varianceFloor} (1e-3, absolute, on CMVN features).
 *   <li>{@code relevanceFactor} r of MAP and of D in ISV/JFA (4).
 *   <li>{@code rankU} (30), {@code rankV} (2), {@code faIterations} per ISV/JFA phase (10),
 *       {@code jfaTrainD} (false: D stays at its relevance-MAP value).
 *   <li>{@code ivectorRank} (200), {@code ivectorIterations} (10), {@code ldaDimension} (16,
 *       capped at the number of development speakers − 1; 0 skips LDA) and {@code wccn} (true)
 *       of the LDA/WCCN back-end, {@code pldaIterations} (10) of the PLDA back-end.
 *   <li>{@code systems} (all of {@link SystemKind}), {@code norms} ({@link ScoreNorm#NONE}
 *       only), {@code sNormTopFraction} (1: plain S-norm; f &lt; 1 keeps the top ⌈f·cohort⌉
 *       scores).
 *   <li>Operating point of minDCF: {@code pTarget} (0.01), {@code costMiss} (1),
 *       {@code costFalseAlarm} (1).
 *   <li>{@code threads} (the available processors), {@code seed} (0).
 * </ul>
 *
 * <p><b>Reproducibility.</b> Every random choice (fold split, k-means, U/V/T initialisation) is
 * derived from {@code seed}; results do not depend on {@code threads}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExperimentConfig {

  private static final String OWNER = "ExperimentConfig";

  private final Path manifest;
  private final FrontEnd frontEnd;
  private final int folds;
  private final FoldScheme foldScheme;
  private final int enrolSegments;
  private final String enrolChannel;
  private final int cohortPerSpeaker;
  private final int components;
  private final int ubmIterations;
  private final int kmeansIterations;
  private final int ubmFrameStride;
  private final double varianceFloor;
  private final double relevanceFactor;
  private final int rankU;
  private final int rankV;
  private final int faIterations;
  private final boolean jfaTrainD;
  private final int ivectorRank;
  private final int ivectorIterations;
  private final int ldaDimension;
  private final boolean wccn;
  private final int pldaIterations;
  private final Set<SystemKind> systems;
  private final Set<ScoreNorm> norms;
  private final double sNormTopFraction;
  private final double pTarget;
  private final double costMiss;
  private final double costFalseAlarm;
  private final int threads;
  private final long seed;

  private ExperimentConfig(Builder b) {
    this.manifest = b.manifest;
    this.frontEnd = b.frontEnd;
    this.folds = b.folds;
    this.foldScheme = b.foldScheme;
    this.enrolSegments = b.enrolSegments;
    this.enrolChannel = b.enrolChannel;
    this.cohortPerSpeaker = b.cohortPerSpeaker;
    this.components = b.components;
    this.ubmIterations = b.ubmIterations;
    this.kmeansIterations = b.kmeansIterations;
    this.ubmFrameStride = b.ubmFrameStride;
    this.varianceFloor = b.varianceFloor;
    this.relevanceFactor = b.relevanceFactor;
    this.rankU = b.rankU;
    this.rankV = b.rankV;
    this.faIterations = b.faIterations;
    this.jfaTrainD = b.jfaTrainD;
    this.ivectorRank = b.ivectorRank;
    this.ivectorIterations = b.ivectorIterations;
    this.ldaDimension = b.ldaDimension;
    this.wccn = b.wccn;
    this.pldaIterations = b.pldaIterations;
    this.systems = Collections.unmodifiableSet(EnumSet.copyOf(b.systems));
    this.norms = Collections.unmodifiableSet(EnumSet.copyOf(b.norms));
    this.sNormTopFraction = b.sNormTopFraction;
    this.pTarget = b.pTarget;
    this.costMiss = b.costMiss;
    this.costFalseAlarm = b.costFalseAlarm;
    this.threads = b.threads;
    this.seed = b.seed;
  }

  /**
   * @param manifest the corpus manifest ({@code segments.tsv})
   * @return a builder with the defaults
   */
  public static Builder builder(Path manifest) {
    return new Builder(manifest);
  }

  /** @return a builder preset with this configuration */
  public Builder toBuilder() {
    Builder b = new Builder(manifest);
    b.frontEnd = frontEnd;
    b.folds = folds;
    b.foldScheme = foldScheme;
    b.enrolSegments = enrolSegments;
    b.enrolChannel = enrolChannel;
    b.cohortPerSpeaker = cohortPerSpeaker;
    b.components = components;
    b.ubmIterations = ubmIterations;
    b.kmeansIterations = kmeansIterations;
    b.ubmFrameStride = ubmFrameStride;
    b.varianceFloor = varianceFloor;
    b.relevanceFactor = relevanceFactor;
    b.rankU = rankU;
    b.rankV = rankV;
    b.faIterations = faIterations;
    b.jfaTrainD = jfaTrainD;
    b.ivectorRank = ivectorRank;
    b.ivectorIterations = ivectorIterations;
    b.ldaDimension = ldaDimension;
    b.wccn = wccn;
    b.pldaIterations = pldaIterations;
    b.systems = EnumSet.copyOf(systems);
    b.norms = EnumSet.copyOf(norms);
    b.sNormTopFraction = sNormTopFraction;
    b.pTarget = pTarget;
    b.costMiss = costMiss;
    b.costFalseAlarm = costFalseAlarm;
    b.threads = threads;
    b.seed = seed;
    return b;
  }

  /** @return the manifest */
  public Path manifest() {
    return manifest;
  }

  /** @return the front end */
  public FrontEnd frontEnd() {
    return frontEnd;
  }

  /** @return number of speaker groups and folds */
  public int folds() {
    return folds;
  }

  /** @return how groups become folds */
  public FoldScheme foldScheme() {
    return foldScheme;
  }

  /** @return enrolment segments per model */
  public int enrolSegments() {
    return enrolSegments;
  }

  /** @return channel of the enrolment segments */
  public String enrolChannel() {
    return enrolChannel;
  }

  /** @return cohort segments per development speaker */
  public int cohortPerSpeaker() {
    return cohortPerSpeaker;
  }

  /** @return UBM components K */
  public int components() {
    return components;
  }

  /** @return UBM EM iterations */
  public int ubmIterations() {
    return ubmIterations;
  }

  /** @return k-means iterations of the UBM initialisation */
  public int kmeansIterations() {
    return kmeansIterations;
  }

  /** @return UBM training uses every s-th frame */
  public int ubmFrameStride() {
    return ubmFrameStride;
  }

  /** @return absolute variance floor of the UBM */
  public double varianceFloor() {
    return varianceFloor;
  }

  /** @return MAP relevance factor */
  public double relevanceFactor() {
    return relevanceFactor;
  }

  /** @return rank of the session subspace U (ISV, JFA) */
  public int rankU() {
    return rankU;
  }

  /** @return rank of the speaker subspace V (JFA) */
  public int rankV() {
    return rankV;
  }

  /** @return EM iterations of ISV and of each JFA phase */
  public int faIterations() {
    return faIterations;
  }

  /** @return whether JFA's third phase trains D (otherwise D stays at its relevance-MAP value) */
  public boolean jfaTrainD() {
    return jfaTrainD;
  }

  /** @return i-vector dimension */
  public int ivectorRank() {
    return ivectorRank;
  }

  /** @return EM iterations of the total-variability matrix */
  public int ivectorIterations() {
    return ivectorIterations;
  }

  /** @return requested LDA dimension (0: no LDA) */
  public int ldaDimension() {
    return ldaDimension;
  }

  /** @return whether WCCN follows LDA */
  public boolean wccn() {
    return wccn;
  }

  /** @return EM iterations of the two-covariance PLDA back-end */
  public int pldaIterations() {
    return pldaIterations;
  }

  /** @return the systems to run */
  public Set<SystemKind> systems() {
    return systems;
  }

  /** @return the score normalisations to report */
  public Set<ScoreNorm> norms() {
    return norms;
  }

  /** @return fraction of the cohort used by S-norm */
  public double sNormTopFraction() {
    return sNormTopFraction;
  }

  /** @return target prior of minDCF */
  public double pTarget() {
    return pTarget;
  }

  /** @return cost of a miss in minDCF */
  public double costMiss() {
    return costMiss;
  }

  /** @return cost of a false alarm in minDCF */
  public double costFalseAlarm() {
    return costFalseAlarm;
  }

  /** @return worker threads */
  public int threads() {
    return threads;
  }

  /** @return the seed of every random choice */
  public long seed() {
    return seed;
  }

  /**
   * The settings as ordered key/value text, recorded beside the results. {@code threads} is
   * included although results do not depend on it.
   *
   * @return the settings
   */
  public Map<String, String> settings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("manifest", String.valueOf(manifest));
    m.put("front_end", frontEnd.toString());
    m.put("folds", Integer.toString(folds));
    m.put("fold_scheme", foldScheme.name());
    m.put("enrol_segments", Integer.toString(enrolSegments));
    m.put("enrol_channel", enrolChannel);
    m.put("cohort_per_speaker", Integer.toString(cohortPerSpeaker));
    m.put("ubm_components", Integer.toString(components));
    m.put("ubm_iterations", Integer.toString(ubmIterations));
    m.put("kmeans_iterations", Integer.toString(kmeansIterations));
    m.put("ubm_frame_stride", Integer.toString(ubmFrameStride));
    m.put("variance_floor", Double.toString(varianceFloor));
    m.put("relevance_factor", Double.toString(relevanceFactor));
    m.put("rank_u", Integer.toString(rankU));
    m.put("rank_v", Integer.toString(rankV));
    m.put("fa_iterations", Integer.toString(faIterations));
    m.put("jfa_train_d", Boolean.toString(jfaTrainD));
    m.put("ivector_rank", Integer.toString(ivectorRank));
    m.put("ivector_iterations", Integer.toString(ivectorIterations));
    m.put("lda_dimension", Integer.toString(ldaDimension));
    m.put("wccn", Boolean.toString(wccn));
    m.put("plda_iterations", Integer.toString(pldaIterations));
    StringBuilder s = new StringBuilder();
    for (SystemKind k : systems) {
      s.append(s.length() == 0 ? "" : ",").append(k.id());
    }
    m.put("systems", s.toString());
    StringBuilder n = new StringBuilder();
    for (ScoreNorm k : norms) {
      n.append(n.length() == 0 ? "" : ",").append(k.label());
    }
    m.put("norms", n.toString());
    m.put("snorm_top_fraction", Double.toString(sNormTopFraction));
    m.put("min_dcf_operating_point", String.format(Locale.ROOT,
        "P_target=%s, C_miss=%s, C_fa=%s", pTarget, costMiss, costFalseAlarm));
    m.put("threads", Integer.toString(threads));
    m.put("seed", Long.toString(seed));
    return m;
  }

  @Override
  public String toString() {
    return OWNER + settings();
  }

  /** Builder of {@link ExperimentConfig}; every setter validates its value. */
  public static final class Builder {
    private final Path manifest;
    private FrontEnd frontEnd = FrontEnd.defaults();
    private int folds = 2;
    private FoldScheme foldScheme = FoldScheme.EVALUATE_EACH_GROUP;
    private int enrolSegments = 2;
    private String enrolChannel = "clean";
    private int cohortPerSpeaker = 8;
    private int components = 128;
    private int ubmIterations = 10;
    private int kmeansIterations = 10;
    private int ubmFrameStride = 1;
    private double varianceFloor = 1e-3;
    private double relevanceFactor = 4.0;
    private int rankU = 30;
    private int rankV = 2;
    private int faIterations = 10;
    private boolean jfaTrainD = false;
    private int ivectorRank = 200;
    private int ivectorIterations = 10;
    private int ldaDimension = 16;
    private boolean wccn = true;
    private int pldaIterations = 10;
    private Set<SystemKind> systems = EnumSet.allOf(SystemKind.class);
    private Set<ScoreNorm> norms = EnumSet.of(ScoreNorm.NONE);
    private double sNormTopFraction = 1.0;
    private double pTarget = 0.01;
    private double costMiss = 1.0;
    private double costFalseAlarm = 1.0;
    private int threads = Runtime.getRuntime().availableProcessors();
    private long seed = 0;

    private Builder(Path manifest) {
      this.manifest = Objects.requireNonNull(manifest, "manifest");
    }

    /**
     * @param frontEnd the front end (default MFCC 19 + Δ, VAD, CMVN)
     * @return this builder
     */
    public Builder frontEnd(FrontEnd frontEnd) {
      this.frontEnd = Objects.requireNonNull(frontEnd, "frontEnd");
      return this;
    }

    /**
     * @param folds number of speaker groups and folds, ≥ 2 (default 2)
     * @return this builder
     */
    public Builder folds(int folds) {
      this.folds = Check.atLeast(OWNER, "folds", folds, 2);
      return this;
    }

    /**
     * @param scheme how groups become folds (default EVALUATE_EACH_GROUP)
     * @return this builder
     */
    public Builder foldScheme(FoldScheme scheme) {
      this.foldScheme = Objects.requireNonNull(scheme, "foldScheme");
      return this;
    }

    /**
     * @param n enrolment segments per model, ≥ 1 (default 2)
     * @return this builder
     */
    public Builder enrolSegments(int n) {
      this.enrolSegments = Check.atLeast(OWNER, "enrolSegments", n, 1);
      return this;
    }

    /**
     * @param channel channel of the enrolment segments (default clean)
     * @return this builder
     */
    public Builder enrolChannel(String channel) {
      this.enrolChannel = Objects.requireNonNull(channel, "enrolChannel");
      return this;
    }

    /**
     * @param n cohort segments per development speaker, ≥ 1 (default 8)
     * @return this builder
     */
    public Builder cohortPerSpeaker(int n) {
      this.cohortPerSpeaker = Check.atLeast(OWNER, "cohortPerSpeaker", n, 1);
      return this;
    }

    /**
     * @param k UBM components, ≥ 1 (default 128)
     * @return this builder
     */
    public Builder components(int k) {
      this.components = Check.atLeast(OWNER, "components", k, 1);
      return this;
    }

    /**
     * @param n UBM EM iterations, ≥ 1 (default 10)
     * @return this builder
     */
    public Builder ubmIterations(int n) {
      this.ubmIterations = Check.atLeast(OWNER, "ubmIterations", n, 1);
      return this;
    }

    /**
     * @param n k-means iterations, ≥ 1 (default 10)
     * @return this builder
     */
    public Builder kmeansIterations(int n) {
      this.kmeansIterations = Check.atLeast(OWNER, "kmeansIterations", n, 1);
      return this;
    }

    /**
     * @param stride UBM training uses every stride-th frame, ≥ 1 (default 1)
     * @return this builder
     */
    public Builder ubmFrameStride(int stride) {
      this.ubmFrameStride = Check.atLeast(OWNER, "ubmFrameStride", stride, 1);
      return this;
    }

    /**
     * @param floor absolute UBM variance floor, &gt; 0 (default 1e-3)
     * @return this builder
     */
    public Builder varianceFloor(double floor) {
      this.varianceFloor = Check.positive(OWNER, "varianceFloor", floor);
      return this;
    }

    /**
     * @param r MAP relevance factor, &gt; 0 (default 4)
     * @return this builder
     */
    public Builder relevanceFactor(double r) {
      this.relevanceFactor = Check.positive(OWNER, "relevanceFactor", r);
      return this;
    }

    /**
     * @param rank rank of U, ≥ 1 (default 30)
     * @return this builder
     */
    public Builder rankU(int rank) {
      this.rankU = Check.atLeast(OWNER, "rankU", rank, 1);
      return this;
    }

    /**
     * @param rank rank of V, ≥ 1 (default 2)
     * @return this builder
     */
    public Builder rankV(int rank) {
      this.rankV = Check.atLeast(OWNER, "rankV", rank, 1);
      return this;
    }

    /**
     * @param n EM iterations of ISV and of each JFA phase, ≥ 1 (default 10)
     * @return this builder
     */
    public Builder faIterations(int n) {
      this.faIterations = Check.atLeast(OWNER, "faIterations", n, 1);
      return this;
    }

    /**
     * @param train whether JFA trains D in its third phase; otherwise D keeps its relevance-MAP
     *     value {@code sqrt(Σ / r)} (default false: with a handful of development speakers the
     *     trained D collapses and the model falls back on the speaker subspace V)
     * @return this builder
     */
    public Builder jfaTrainD(boolean train) {
      this.jfaTrainD = train;
      return this;
    }

    /**
     * @param rank i-vector dimension, ≥ 1 (default 200)
     * @return this builder
     */
    public Builder ivectorRank(int rank) {
      this.ivectorRank = Check.atLeast(OWNER, "ivectorRank", rank, 1);
      return this;
    }

    /**
     * @param n EM iterations of T, ≥ 1 (default 10)
     * @return this builder
     */
    public Builder ivectorIterations(int n) {
      this.ivectorIterations = Check.atLeast(OWNER, "ivectorIterations", n, 1);
      return this;
    }

    /**
     * @param dimension LDA output dimension, ≥ 0; 0 skips LDA; capped at the number of
     *     development speakers − 1 (default 16)
     * @return this builder
     */
    public Builder ldaDimension(int dimension) {
      this.ldaDimension = Check.atLeast(OWNER, "ldaDimension", dimension, 0);
      return this;
    }

    /**
     * @param enabled whether WCCN follows LDA (default true)
     * @return this builder
     */
    public Builder wccn(boolean enabled) {
      this.wccn = enabled;
      return this;
    }

    /**
     * @param n EM iterations of the two-covariance PLDA, ≥ 0; 0 keeps the moment estimates
     *     (default 10)
     * @return this builder
     */
    public Builder pldaIterations(int n) {
      this.pldaIterations = Check.atLeast(OWNER, "pldaIterations", n, 0);
      return this;
    }

    /**
     * @param kinds the systems to run, non-empty (default all)
     * @return this builder
     */
    public Builder systems(Set<SystemKind> kinds) {
      Objects.requireNonNull(kinds, "systems");
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException(OWNER + ": systems must name at least 1 system, got []");
      }
      this.systems = EnumSet.copyOf(kinds);
      return this;
    }

    /**
     * @param kinds the score normalisations to report, non-empty (default raw only)
     * @return this builder
     */
    public Builder norms(Set<ScoreNorm> kinds) {
      Objects.requireNonNull(kinds, "norms");
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException(OWNER + ": norms must name at least 1 normalisation"
            + " (raw for none), got []");
      }
      this.norms = EnumSet.copyOf(kinds);
      return this;
    }

    /**
     * @param fraction fraction of the cohort whose top scores S-norm uses, in (0, 1] (default 1)
     * @return this builder
     */
    public Builder sNormTopFraction(double fraction) {
      this.sNormTopFraction = Check.inOpenClosed(OWNER, "sNormTopFraction", fraction, 0, 1);
      return this;
    }

    /**
     * @param p target prior of minDCF, in (0, 1) (default 0.01)
     * @return this builder
     */
    public Builder pTarget(double p) {
      if (!(p > 0 && p < 1)) {
        throw new IllegalArgumentException(OWNER + ": pTarget must be in (0, 1), got " + p);
      }
      this.pTarget = p;
      return this;
    }

    /**
     * @param cost cost of a miss, &gt; 0 (default 1)
     * @return this builder
     */
    public Builder costMiss(double cost) {
      this.costMiss = Check.positive(OWNER, "costMiss", cost);
      return this;
    }

    /**
     * @param cost cost of a false alarm, &gt; 0 (default 1)
     * @return this builder
     */
    public Builder costFalseAlarm(double cost) {
      this.costFalseAlarm = Check.positive(OWNER, "costFalseAlarm", cost);
      return this;
    }

    /**
     * @param n worker threads, ≥ 1 (default: available processors)
     * @return this builder
     */
    public Builder threads(int n) {
      this.threads = Check.atLeast(OWNER, "threads", n, 1);
      return this;
    }

    /**
     * @param seed seed of every random choice, in [0, 2³² − 1] (default 0)
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = Check.seed(OWNER, seed);
      return this;
    }

    /** @return the configuration */
    public ExperimentConfig build() {
      return new ExperimentConfig(this);
    }
  }
}
