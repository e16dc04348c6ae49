package org.emkit.mixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.emkit.cluster.ClusterMoments;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.FitMonitor;
import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.Numerics;
import org.emkit.core.internal.FitLoop;
import org.emkit.core.internal.Parallel;
import org.emkit.core.io.RowBlocks;
import org.emkit.core.random.NumpyRandom;
import org.emkit.core.validation.Check;

/**
 * A Gaussian mixture model with diagonal covariances, trained by maximum likelihood (EM) or
 * adapted from a universal background model by maximum a posteriori (MAP) estimation.
 *
 * <p><b>Model.</b>
 * \[ p(x) = \sum_{c=1}^{C} w_c \, \mathcal{N}(x \mid \mu_c, \mathrm{diag}(\sigma^2_c)) \]
 * with log-density
 * \( \ell_c(x) = \ln w_c - \tfrac12 (D \ln 2\pi + \sum_j \ln\sigma^2_{cj}) - \tfrac12 \sum_j
 * (x_j-\mu_{cj})^2/\sigma^2_{cj} \) and \( \ln p(x) = \mathrm{logsumexp}_c\, \ell_c(x) \).
 *
 * <p><b>Algorithm.</b> {@link #fit(Matrix)} runs, for at most {@code maxIterations} steps:
 * an E-step (the shared kernel: log-likelihoods, log-sum-exp posteriors and accumulation into
 * {@link GMMStats}), then the M-step of the trainer ({@link GMMUpdates}: ML, or MAP towards the
 * prior), then the convergence check. The objective of step k is the average log-likelihood per
 * frame of its E-step (parameters <em>before</em> its M-step); from the second step on the fit
 * stops when \( |\bar L_{k-1} - \bar L_k| / |\bar L_{k-1}| \le \) {@code convergenceThreshold},
 * after that step's M-step has been applied (bob.learn.em's loop order). Variances are floored
 * by {@code varianceFloor} after every update. Non-convergence is reported in
 * {@link #report()} and logged once as a WARNING.
 *
 * <p><b>Initialisation (ML).</b> {@link Init#KMEANS} (default when no parameters are given):
 * means = k-means centroids, variances and weights from {@link
 * KMeansMachine#variancesAndWeights(Matrix)} (variances around the recomputed cluster means,
 * then floored), as bob. {@link Init#RANDOM}: C distinct random rows as means, the global
 * biased variance of each feature, uniform weights. {@link Init#GIVEN} (default when parameters
 * are given): start from this machine's parameters. MAP always starts from the machine's current
 * parameters, which are the prior's when the machine is built.
 *
 * <p><b>Shapes and layout.</b> {@code x} is N×D row-major (rows are frames); weights length C;
 * means and variances C×D; {@link #logWeightedLikelihood(Matrix)} and {@link
 * #posteriors(Matrix)} N×C (bob returns C×N).
 *
 * <p><b>Parameters.</b>
 *
 * <ul>
 *   <li>{@code numComponents} C ≥ 1 (required).
 *   <li>{@code trainer} ML (default) or MAP; MAP needs a fitted {@code prior} with the same C.
 *   <li>{@code updates}: subset of {MEANS, VARIANCES, WEIGHTS}; default {MEANS} (bob).
 *   <li>{@code meanVarUpdateThreshold} thr ≥ 0, default EPS = 2.22e-16: components with count
 *       below it are not updated, and counts are floored at it in divisions.
 *   <li>{@code varianceFloor}: scalar, per feature or per component, ≥ 0; default: the prior's
 *       floor for MAP, otherwise a scalar equal to {@code meanVarUpdateThreshold} (bob).
 *   <li>{@code relevanceFactor} r &gt; 0 (default 4) or a fixed {@code alpha} in [0, 1] for MAP;
 *       mutually exclusive.
 *   <li>{@code convergenceThreshold} ≥ 0, default 1e-5 (relative change of the average
 *       log-likelihood); {@code maxIterations} ≥ 1, default 200.
 *   <li>{@code init}, {@code kmeans} (a configured, unfitted {@link KMeansMachine} for
 *       {@link Init#KMEANS}), {@code seed} (default 0), {@code parallelism} (default 1).
 *   <li>{@code numerics}: {@link Numerics#STANDARD} (default) or {@link
 *       Numerics#BOB_COMPATIBLE}.
 *   <li>{@code posteriorRule}: {@link PosteriorRule#EXACT} (default), thresholded or hard.
 * </ul>
 *
 * <p><b>Reproducibility and threads.</b> Random initialisation uses {@code seed} only. The E-step
 * runs on fixed 1024-row chunks, one {@link GMMStats} per chunk, merged in chunk order on a pool
 * owned by the call: models are bitwise identical for every {@code parallelism}. Machines are
 * immutable and thread-safe; {@code fit} returns a new machine.
 *
 * <p><b>Compatibility.</b> Same E-step, M-steps and loop order as bob.learn.em 3.3.0's
 * {@code GMMMachine}; its golden traces are reproduced at rtol 1e-10. With {@link
 * Numerics#BOB_COMPATIBLE} its quirks are reproduced too (MAP variances with {@code σ²⁰ + μ⁰},
 * ML weights from floored counts without renormalisation, an empty component's mean set to 0).
 * Differences in every mode: {@code fit} does not mutate the machine, a saved MAP machine keeps
 * its trainer, and invalid options raise errors instead of being coerced.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>A. P. Dempster, N. M. Laird, D. B. Rubin, "Maximum likelihood from incomplete data via
 *       the EM algorithm", J. R. Stat. Soc. B 39(1), 1977.
 *       https://doi.org/10.1111/j.2517-6161.1977.tb01600.x
 *   <li>D. A. Reynolds, T. F. Quatieri, R. B. Dunn, "Speaker verification using adapted Gaussian
 *       mixture models", Digital Signal Processing 10(1–3), 2000.
 *       https://doi.org/10.1006/dspr.1999.0361
 * </ol>
 *
 * @see GMMStats
 * @see KMeansMachine
 * @see org.emkit.scoring.LinearScoring
 */
public final class GMMMachine {

  /** How the parameters are estimated. */
  public enum Trainer {
    /** Maximum likelihood (EM). */
    ML,
    /** Maximum a posteriori adaptation from a prior (UBM). */
    MAP
  }

  /** Which parameters an M-step updates. */
  public enum Update {
    /** The means μ. */
    MEANS,
    /** The variances σ². */
    VARIANCES,
    /** The weights w. */
    WEIGHTS
  }

  /** Where ML training starts. */
  public enum Init {
    /** k-means centroids and per-cluster variances and weights. */
    KMEANS,
    /** Random distinct rows as means, global variances, uniform weights. */
    RANDOM,
    /** This machine's current parameters. */
    GIVEN
  }

  /** The MAP adaptation coefficient: Reynolds' relevance factor or a fixed α. */
  public static final class Adaptation {
    /** Kind of coefficient. */
    public enum Kind {
      /** α_c = n_c / (n_c + r). */
      RELEVANCE_FACTOR,
      /** α_c = α for every component. */
      FIXED_ALPHA
    }

    private final Kind kind;
    private final double value;

    private Adaptation(Kind kind, double value) {
      this.kind = kind;
      this.value = value;
    }

    /** @return the kind */
    public Kind kind() {
      return kind;
    }

    /** @return r or α */
    public double value() {
      return value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Adaptation && ((Adaptation) o).kind == kind
          && Double.compare(((Adaptation) o).value, value) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, value);
    }

    @Override
    public String toString() {
      return (kind == Kind.RELEVANCE_FACTOR ? "relevanceFactor=" : "alpha=") + value;
    }
  }

  /** Rows per chunk of the E-step; fixed so that results do not depend on the thread count. */
  static final int CHUNK_ROWS = 1024;

  private static final String OWNER = "GMMMachine";
  private static final Logger LOG = System.getLogger(GMMMachine.class.getName());

  private final int numComponents;
  private final Trainer trainer;
  private final GMMMachine prior;
  private final Set<Update> updates;
  private final double meanVarUpdateThreshold;
  private final VarianceFloor varianceFloor;
  private final Adaptation adaptation;
  private final double convergenceThreshold;
  private final int maxIterations;
  private final Init init;
  private final KMeansMachine kmeans;
  private final long seed;
  private final int parallelism;
  private final Numerics numerics;
  private final PosteriorRule posteriorRule;
  private final Gaussians params;
  private final FitReport report;

  private GMMMachine(Builder b, VarianceFloor floor, Init init, Gaussians params, FitReport report) {
    this.numComponents = b.numComponents;
    this.trainer = b.trainer;
    this.prior = b.prior;
    this.updates = Collections.unmodifiableSet(EnumSet.copyOf(b.updates));
    this.meanVarUpdateThreshold = b.meanVarUpdateThreshold;
    this.varianceFloor = floor;
    this.adaptation = b.adaptation;
    this.convergenceThreshold = b.convergenceThreshold;
    this.maxIterations = b.maxIterations;
    this.init = init;
    this.kmeans = b.kmeans;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
    this.numerics = b.numerics;
    this.posteriorRule = b.posteriorRule;
    this.params = params;
    this.report = report;
  }

  private GMMMachine withParams(Gaussians g, FitReport r) {
    return new GMMMachine(toBuilder(), varianceFloor, init, g, r);
  }

  /**
   * @param numComponents C, {@code >= 1}
   * @return a builder with bob's defaults (ML, means-only updates)
   */
  public static Builder builder(int numComponents) {
    return new Builder(numComponents);
  }

  /**
   * A builder for MAP adaptation from {@code ubm}: trainer MAP, prior {@code ubm}, C of the UBM,
   * relevance factor 4, means-only updates.
   *
   * @param ubm a fitted GMM
   * @return the builder
   */
  public static Builder map(GMMMachine ubm) {
    Objects.requireNonNull(ubm, "ubm");
    return new Builder(ubm.numComponents).trainer(Trainer.MAP).prior(ubm);
  }

  /**
   * A fitted ML machine from parameters (for a UBM loaded from a file).
   *
   * @param weights length C; copied
   * @param means C×D; copied
   * @param variances C×D; copied, then floored at EPS
   * @return the machine
   */
  public static GMMMachine fromParameters(double[] weights, Matrix means, Matrix variances) {
    return builder(weights.length).weights(weights).means(means).variances(variances).build();
  }

  /**
   * This machine with another fit report (for EM loops driven elsewhere, for example a
   * distributed one that calls {@link #accumulate(Matrix, int, int, GMMStats, PosteriorRule)} on
   * partitions and {@link #mStep(GMMStats)} on the merged statistics).
   *
   * @param report the report of that loop
   * @return a machine equal to this one except for its report
   */
  public GMMMachine withReport(FitReport report) {
    Objects.requireNonNull(report, "report");
    return new GMMMachine(toBuilder(), varianceFloor, init, params, report);
  }

  /** @return a builder preset with this machine's hyperparameters and parameters */
  public Builder toBuilder() {
    Builder b = new Builder(numComponents);
    b.trainer = trainer;
    b.prior = prior;
    b.updates = EnumSet.copyOf(updates);
    b.meanVarUpdateThreshold = meanVarUpdateThreshold;
    b.varianceFloor = varianceFloor;
    b.adaptation = adaptation;
    b.alphaSet = false;
    b.relevanceSet = false;
    b.convergenceThreshold = convergenceThreshold;
    b.maxIterations = maxIterations;
    b.init = init;
    b.kmeans = kmeans;
    b.seed = seed;
    b.parallelism = parallelism;
    b.numerics = numerics;
    b.posteriorRule = posteriorRule;
    if (params != null) {
      b.weights = params.weights.clone();
      b.means = Matrix.wrap(numComponents, params.numFeatures, params.means.clone());
      b.variances = Matrix.wrap(numComponents, params.numFeatures, params.variances.clone());
    }
    return b;
  }

  /** Builder of {@link GMMMachine}; each setter validates its value. */
  public static final class Builder {
    private final int numComponents;
    private Trainer trainer = Trainer.ML;
    private GMMMachine prior;
    private EnumSet<Update> updates = EnumSet.of(Update.MEANS);
    private double meanVarUpdateThreshold = VarianceFloor.EPS;
    private VarianceFloor varianceFloor;
    private Adaptation adaptation = new Adaptation(Adaptation.Kind.RELEVANCE_FACTOR, 4.0);
    private boolean relevanceSet;
    private boolean alphaSet;
    private double convergenceThreshold = 1e-5;
    private int maxIterations = 200;
    private Init init;
    private KMeansMachine kmeans;
    private long seed = 0;
    private int parallelism = 1;
    private Numerics numerics = Numerics.STANDARD;
    private PosteriorRule posteriorRule = PosteriorRule.EXACT;
    private double[] weights;
    private Matrix means;
    private Matrix variances;

    private Builder(int numComponents) {
      this.numComponents = Check.atLeast(OWNER, "numComponents", numComponents, 1);
    }

    /**
     * @param trainer ML (default) or MAP
     * @return this
     */
    public Builder trainer(Trainer trainer) {
      this.trainer = Objects.requireNonNull(trainer, "trainer");
      return this;
    }

    /**
     * The prior (UBM) of MAP adaptation; its parameters become this machine's starting
     * parameters unless parameters are given explicitly.
     *
     * @param prior a fitted GMM with C components
     * @return this
     */
    public Builder prior(GMMMachine prior) {
      Objects.requireNonNull(prior, "prior");
      if (!prior.isFitted()) {
        throw new IllegalArgumentException(OWNER + ".Builder: prior must be a fitted GMMMachine,"
            + " got an unfitted one");
      }
      if (prior.numComponents != numComponents) {
        throw new DimensionMismatchException(OWNER + ".Builder: prior has C = "
            + prior.numComponents + " components but numComponents = " + numComponents);
      }
      this.prior = prior;
      return this;
    }

    /**
     * @param first a parameter to update
     * @param rest more parameters to update
     * @return this
     */
    public Builder updates(Update first, Update... rest) {
      this.updates = EnumSet.of(Objects.requireNonNull(first, "updates"), rest);
      return this;
    }

    /**
     * @param updates parameters the M-step updates (may be empty)
     * @return this
     */
    public Builder updates(Set<Update> updates) {
      Objects.requireNonNull(updates, "updates");
      this.updates = updates.isEmpty() ? EnumSet.noneOf(Update.class) : EnumSet.copyOf(updates);
      return this;
    }

    /**
     * @param threshold count threshold of the M-step, in {@code [0, inf)} (default EPS)
     * @return this
     */
    public Builder meanVarUpdateThreshold(double threshold) {
      this.meanVarUpdateThreshold = Check.nonNegative(OWNER, "meanVarUpdateThreshold", threshold);
      return this;
    }

    /**
     * @param floor a scalar variance floor, in {@code [0, inf)}
     * @return this
     */
    public Builder varianceFloor(double floor) {
      this.varianceFloor = VarianceFloor.scalar(floor);
      return this;
    }

    /**
     * @param floor the variance floor in any of its shapes
     * @return this
     */
    public Builder varianceFloor(VarianceFloor floor) {
      this.varianceFloor = Objects.requireNonNull(floor, "varianceFloor");
      return this;
    }

    /**
     * @param relevanceFactor Reynolds' r in {@code (0, inf)} (default 4); excludes {@code alpha}
     * @return this
     */
    public Builder relevanceFactor(double relevanceFactor) {
      if (alphaSet) {
        throw new IllegalArgumentException(OWNER + ".Builder: relevanceFactor and alpha are"
            + " mutually exclusive; got relevanceFactor=" + relevanceFactor + ", alpha="
            + adaptation.value);
      }
      Check.positive(OWNER, "relevanceFactor", relevanceFactor);
      this.adaptation = new Adaptation(Adaptation.Kind.RELEVANCE_FACTOR, relevanceFactor);
      this.relevanceSet = true;
      return this;
    }

    /**
     * @param alpha fixed MAP adaptation coefficient in {@code [0, 1]}; excludes
     *     {@code relevanceFactor}
     * @return this
     */
    public Builder alpha(double alpha) {
      if (relevanceSet) {
        throw new IllegalArgumentException(OWNER + ".Builder: relevanceFactor and alpha are"
            + " mutually exclusive; got relevanceFactor=" + adaptation.value + ", alpha=" + alpha);
      }
      Check.inClosed(OWNER, "alpha", alpha, 0.0, 1.0);
      this.adaptation = new Adaptation(Adaptation.Kind.FIXED_ALPHA, alpha);
      this.alphaSet = true;
      return this;
    }

    /**
     * @param threshold relative change of the average log-likelihood at which to stop, in
     *     {@code [0, inf)} (default 1e-5; 0 runs all iterations unless the value repeats exactly)
     * @return this
     */
    public Builder convergenceThreshold(double threshold) {
      this.convergenceThreshold = Check.nonNegative(OWNER, "convergenceThreshold", threshold);
      return this;
    }

    /**
     * @param maxIterations maximum EM steps, {@code >= 1} (default 200)
     * @return this
     */
    public Builder maxIterations(int maxIterations) {
      this.maxIterations = Check.atLeast(OWNER, "maxIterations", maxIterations, 1);
      return this;
    }

    /**
     * @param init where ML training starts (default KMEANS, or GIVEN when parameters are set)
     * @return this
     */
    public Builder init(Init init) {
      this.init = Objects.requireNonNull(init, "init");
      return this;
    }

    /**
     * @param kmeans an unfitted, configured k-means machine with C clusters used by
     *     {@link Init#KMEANS} (default: bob's defaults with this seed and parallelism)
     * @return this
     */
    public Builder kmeans(KMeansMachine kmeans) {
      Objects.requireNonNull(kmeans, "kmeans");
      if (kmeans.numClusters() != numComponents) {
        throw new IllegalArgumentException(OWNER + ".Builder: kmeans has numClusters = "
            + kmeans.numClusters() + " but numComponents = " + numComponents);
      }
      this.kmeans = kmeans;
      return this;
    }

    /**
     * @param seed RNG seed in {@code [0, 2^32 − 1]} (default 0)
     * @return this
     */
    public Builder seed(long seed) {
      this.seed = Check.seed(OWNER, seed);
      return this;
    }

    /**
     * @param parallelism number of threads, {@code >= 1} (default 1)
     * @return this
     */
    public Builder parallelism(int parallelism) {
      this.parallelism = Check.atLeast(OWNER, "parallelism", parallelism, 1);
      return this;
    }

    /**
     * @param numerics STANDARD (default) or BOB_COMPATIBLE
     * @return this
     */
    public Builder numerics(Numerics numerics) {
      this.numerics = Objects.requireNonNull(numerics, "numerics");
      return this;
    }

    /**
     * @param rule how E-step responsibilities are formed (default EXACT)
     * @return this
     */
    public Builder posteriorRule(PosteriorRule rule) {
      this.posteriorRule = Objects.requireNonNull(rule, "posteriorRule");
      return this;
    }

    /**
     * @param weights length C, non-negative with a positive sum; copied (not renormalised)
     * @return this
     */
    public Builder weights(double[] weights) {
      Objects.requireNonNull(weights, "weights");
      Check.length(OWNER + ".Builder", "weights", weights, numComponents, "numComponents");
      Check.finite(OWNER + ".Builder", "weights", weights);
      Check.nonNegative(OWNER + ".Builder", "weights", weights);
      double s = 0;
      for (double w : weights) {
        s += w;
      }
      if (!(s > 0)) {
        throw new IllegalArgumentException(OWNER + ".Builder: weights must have a positive sum,"
            + " got " + s);
      }
      this.weights = weights.clone();
      return this;
    }

    /**
     * @param means C×D; copied
     * @return this
     */
    public Builder means(Matrix means) {
      Objects.requireNonNull(means, "means");
      if (means.rows() != numComponents) {
        throw new DimensionMismatchException(OWNER + ".Builder: means has " + means.rows()
            + " rows (shape " + means.rows() + "x" + means.cols() + ") but numComponents = "
            + numComponents);
      }
      Check.atLeast(OWNER + ".Builder", "means.cols", means.cols(), 1);
      Check.finite(OWNER + ".Builder", "means", means);
      this.means = Matrix.copyOf(means.rows(), means.cols(), means.data());
      return this;
    }

    /**
     * @param variances C×D, positive after flooring; copied
     * @return this
     */
    public Builder variances(Matrix variances) {
      Objects.requireNonNull(variances, "variances");
      if (variances.rows() != numComponents) {
        throw new DimensionMismatchException(OWNER + ".Builder: variances has " + variances.rows()
            + " rows but numComponents = " + numComponents);
      }
      Check.finite(OWNER + ".Builder", "variances", variances);
      Check.nonNegative(OWNER + ".Builder", "variances", variances.data());
      this.variances = Matrix.copyOf(variances.rows(), variances.cols(), variances.data());
      return this;
    }

    /**
     * Builds the machine. It is fitted (usable for scoring) when parameters were given, or
     * when it is a MAP machine (it then starts as a copy of its prior).
     *
     * @return the machine
     * @throws IllegalArgumentException if MAP has no prior, or parameters are incomplete or
     *     inconsistent
     */
    public GMMMachine build() {
      String owner = OWNER + ".Builder.build";
      if (trainer == Trainer.MAP && prior == null) {
        throw new IllegalArgumentException(owner + ": trainer MAP requires a prior (UBM); call"
            + " prior(ubm) or use GMMMachine.map(ubm)");
      }
      if ((means == null) != (variances == null)) {
        throw new IllegalArgumentException(owner + ": means and variances must be given together;"
            + " got " + (means == null ? "variances only" : "means only"));
      }
      if (weights != null && means == null && prior == null) {
        throw new IllegalArgumentException(owner + ": weights given without means and variances");
      }
      if (means != null && variances.cols() != means.cols()) {
        throw new DimensionMismatchException(owner + ": variances has shape " + variances.rows()
            + "x" + variances.cols() + " but means has shape " + means.rows() + "x" + means.cols());
      }
      VarianceFloor floor = varianceFloor;
      if (floor == null) {
        floor = trainer == Trainer.MAP ? prior.varianceFloor : VarianceFloor.scalar(meanVarUpdateThreshold);
      }
      Gaussians g = null;
      if (means != null) {
        int d = means.cols();
        floor.checkFits(owner, numComponents, d);
        double[] w = weights != null ? weights.clone() : uniform(numComponents);
        g = makeGaussians(owner, w, means.toArray(), variances.toArray(), d, floor);
      } else if (trainer == Trainer.MAP) {
        Gaussians p = prior.params;
        floor.checkFits(owner, numComponents, p.numFeatures);
        double[] w = weights != null ? weights.clone() : p.weights.clone();
        g = makeGaussians(owner, w, p.means.clone(), p.variances.clone(), p.numFeatures, floor);
      }
      if (g != null && prior != null && prior.params.numFeatures != g.numFeatures) {
        throw new DimensionMismatchException(owner + ": prior has D = " + prior.params.numFeatures
            + " features but the parameters have D = " + g.numFeatures);
      }
      Init effective = init != null ? init : (g != null ? Init.GIVEN : Init.KMEANS);
      if (effective == Init.GIVEN && g == null) {
        throw new IllegalArgumentException(owner + ": init GIVEN requires parameters (means,"
            + " variances) or a prior");
      }
      return new GMMMachine(this, floor, effective, g, FitReport.NOT_FITTED);
    }
  }

  private static double[] uniform(int c) {
    double[] w = new double[c];
    java.util.Arrays.fill(w, 1.0 / c);
    return w;
  }

  private static Gaussians makeGaussians(String owner, double[] w, double[] mu, double[] var, int d,
      VarianceFloor floor) {
    floor.apply(var, d);
    for (int k = 0; k < var.length; k++) {
      if (!(var[k] > 0)) {
        throw new IllegalArgumentException(owner + ": variances[" + (k / d) + ", " + (k % d)
            + "] must be in (0, inf) after flooring, got " + var[k] + "; set a positive"
            + " varianceFloor");
      }
    }
    return new Gaussians(w, mu, var, d);
  }

  // ------------------------------------------------------------------------------------------
  // accessors

  /** @return C */
  public int numComponents() {
    return numComponents;
  }

  /** @return D, or 0 if unfitted */
  public int numFeatures() {
    return params == null ? 0 : params.numFeatures;
  }

  /** @return whether parameters are set */
  public boolean isFitted() {
    return params != null;
  }

  private Gaussians fitted(String owner) {
    if (params == null) {
      throw NotFittedException.of(owner);
    }
    return params;
  }

  /** @return a copy of the weights, length C */
  public double[] weights() {
    return fitted(OWNER + ".weights").weights.clone();
  }

  /** @return a copy of the means, C×D */
  public Matrix means() {
    Gaussians g = fitted(OWNER + ".means");
    return Matrix.copyOf(numComponents, g.numFeatures, g.means);
  }

  /** @return a copy of the (floored) variances, C×D */
  public Matrix variances() {
    Gaussians g = fitted(OWNER + ".variances");
    return Matrix.copyOf(numComponents, g.numFeatures, g.variances);
  }

  /**
   * @param c component
   * @return weight w_c
   */
  public double weight(int c) {
    return fitted(OWNER + ".weight").weights[c];
  }

  /**
   * @param c component
   * @param j feature
   * @return μ[c, j]
   */
  public double mean(int c, int j) {
    Gaussians g = fitted(OWNER + ".mean");
    Objects.checkIndex(j, g.numFeatures);
    return g.means[c * g.numFeatures + j];
  }

  /**
   * @param c component
   * @param j feature
   * @return σ²[c, j]
   */
  public double variance(int c, int j) {
    Gaussians g = fitted(OWNER + ".variance");
    Objects.checkIndex(j, g.numFeatures);
    return g.variances[c * g.numFeatures + j];
  }

  /** @return a copy of the mean supervector m (length C·D, index c·D + j) */
  public double[] meanSupervector() {
    return fitted(OWNER + ".meanSupervector").means.clone();
  }

  /** @return a copy of the variance supervector Σ (length C·D) */
  public double[] varianceSupervector() {
    return fitted(OWNER + ".varianceSupervector").variances.clone();
  }

  /** @return a copy of ln w_c */
  public double[] logWeights() {
    return fitted(OWNER + ".logWeights").logWeights.clone();
  }

  /** @return a copy of g_c = D ln 2π + Σ_j ln σ²_cj */
  public double[] gNorms() {
    return fitted(OWNER + ".gNorms").gNorms.clone();
  }

  /** @return the trainer */
  public Trainer trainer() {
    return trainer;
  }

  /** @return the MAP prior, if any */
  public Optional<GMMMachine> prior() {
    return Optional.ofNullable(prior);
  }

  /** @return the parameters updated by the M-step (unmodifiable) */
  public Set<Update> updates() {
    return updates;
  }

  /** @return the M-step count threshold */
  public double meanVarUpdateThreshold() {
    return meanVarUpdateThreshold;
  }

  /** @return the variance floor */
  public VarianceFloor varianceFloor() {
    return varianceFloor;
  }

  /** @return the MAP adaptation coefficient */
  public Adaptation adaptation() {
    return adaptation;
  }

  /** @return the relative convergence threshold */
  public double convergenceThreshold() {
    return convergenceThreshold;
  }

  /** @return the maximum number of EM steps */
  public int maxIterations() {
    return maxIterations;
  }

  /** @return the initialisation policy */
  public Init init() {
    return init;
  }

  /** @return RNG seed */
  public long seed() {
    return seed;
  }

  /** @return number of threads */
  public int parallelism() {
    return parallelism;
  }

  /** @return the numerics mode */
  public Numerics numerics() {
    return numerics;
  }

  /** @return the E-step responsibility rule */
  public PosteriorRule posteriorRule() {
    return posteriorRule;
  }

  /** @return the fit report ({@link FitReport#NOT_FITTED} if built from parameters) */
  public FitReport report() {
    return report;
  }

  // ------------------------------------------------------------------------------------------
  // E-step

  /** Scratch and statistics of one chunk. */
  /** Per-thread scratch of {@link #accumulateRange} (one slot; replaced when C or D differ). */
  private static final ThreadLocal<Work[]> SCRATCH = ThreadLocal.withInitial(() -> new Work[1]);

  private static Work scratch(int c, int d) {
    Work[] slot = SCRATCH.get();
    Work w = slot[0];
    if (w == null || w.counts.length != c || w.stats.numFeatures() != d) {
      w = new Work(new GMMStats(c, d), c, new GMMStats(c, d));
      slot[0] = w;
    }
    return w;
  }

  private static final class Work {
    final GMMStats stats;
    /** Sum over chunks in {@link #accumulateRange}; null in the per-chunk work of transform. */
    final GMMStats total;
    final double[] ll;
    final double[] postT;
    final double[] logp;
    final int[] rowIndex;
    final int[] counts;

    Work(int c, int d) {
      this(new GMMStats(c, d), c);
    }

    Work(GMMStats stats, int c) {
      this(stats, c, null);
    }

    Work(GMMStats stats, int c, GMMStats total) {
      this.stats = stats;
      this.total = total;
      ll = new double[GmmKernels.BLOCK_ROWS * c];
      postT = new double[GmmKernels.BLOCK_ROWS * c];
      logp = new double[GmmKernels.BLOCK_ROWS];
      rowIndex = new int[GmmKernels.BLOCK_ROWS * c];
      counts = new int[c];
    }
  }

  private static void eStepRange(double[] xd, int d, int from, int to, Gaussians g,
      PosteriorRule rule, GMMStats stats, Work w, boolean centred) {
    double[] ll = w.ll;
    double[] logp = w.logp;
    int c = g.numComponents;
    double[] n = stats.nArray();
    double[] px = stats.sumPxArray();
    double[] pxx = stats.sumPxxArray();
    for (int b = from; b < to; b += GmmKernels.BLOCK_ROWS) {
      int rows = Math.min(GmmKernels.BLOCK_ROWS, to - b);
      GmmKernels.logWeightedLikelihoods(xd, b, rows, d, c, g.scaleT, g.shiftT, g.logConst, ll);
      GmmKernels.posteriors(ll, rows, c, rule, logp);
      double sum = 0;
      for (int i = 0; i < rows; i++) {
        sum += logp[i];
      }
      stats.addScalars(sum, rows);
      GmmKernels.transpose(ll, rows, c, w.postT);
      GmmKernels.accumulate(xd, b, rows, d, w.postT, c, centred ? g.means : null, n, px, pxx,
          w.rowIndex, w.counts);
    }
  }

  private static GMMStats eStep(Matrix x, Gaussians g, PosteriorRule rule, int parallelism) {
    GMMStats stats = new GMMStats(g.numComponents, g.numFeatures);
    eStepInto(x, g, rule, parallelism, stats);
    return stats;
  }

  /**
   * Adds the statistics of {@code x} to {@code into}, chunk by chunk in chunk order: consecutive
   * row blocks whose sizes are multiples of {@link #CHUNK_ROWS} give the same bits as one call
   * on all their rows.
   */
  private static void eStepInto(Matrix x, Gaussians g, PosteriorRule rule, int parallelism,
      GMMStats into) {
    int c = g.numComponents;
    int d = g.numFeatures;
    double[] xd = x.data();
    Parallel.reduceInto(new Work(into, c), x.rows(), CHUNK_ROWS, parallelism,
        () -> new Work(c, d), w -> w.stats.reset(),
        (chunk, from, to, w) -> eStepRange(xd, d, from, to, g, rule, w.stats, w, false),
        (result, from) -> result.stats.merge(from.stats));
  }

  private void checkData(String owner, Matrix x, Gaussians g) {
    Objects.requireNonNull(x, "x");
    Check.columns(owner, "x", x, g.numFeatures, "the model has D");
    Check.finite(owner, "x", x);
  }

  /**
   * The E-step: statistics of all rows of {@code x} (bob's {@code acc_stats}; note that bob's
   * {@code transform} returns one statistics object per row, see {@link #transformRows}).
   *
   * @param x N×D frames; not modified
   * @return new statistics with {@code t = N}
   */
  public GMMStats transform(Matrix x) {
    String owner = OWNER + ".transform";
    Gaussians g = fitted(owner);
    checkData(owner, x, g);
    return eStep(x, g, posteriorRule, parallelism);
  }

  /**
   * Adds the statistics of all rows of {@code x} into {@code stats}.
   *
   * @param x N×D frames; not modified
   * @param stats C×D statistics; modified
   */
  public void accumulate(Matrix x, GMMStats stats) {
    String owner = OWNER + ".accumulate";
    Gaussians g = fitted(owner);
    checkData(owner, x, g);
    checkStats(owner, stats, g);
    eStepInto(x, g, posteriorRule, parallelism, stats);
  }

  /**
   * Adds the statistics of rows {@code [from, to)} of {@code x} into {@code stats} on the calling
   * thread, with an explicit responsibility rule. This is the entry point of encoders (Fisher
   * vectors, VLAD with soft assignment) that process many small sets, one set per thread.
   *
   * @param x frames with D columns; not modified
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @param stats C×D statistics; modified
   * @param rule responsibility rule
   */
  public void accumulate(Matrix x, int from, int to, GMMStats stats, PosteriorRule rule) {
    accumulateRange(OWNER + ".accumulate", x, from, to, stats, rule, false);
  }

  /**
   * As {@link #accumulate(Matrix, int, int, GMMStats, PosteriorRule)}, but the first- and
   * second-order fields receive the moments about this machine's means,
   * \( \sum_t \gamma_t(c)(x_t - \mu_c) \) and \( \sum_t \gamma_t(c)(x_t - \mu_c)^2 \)
   * (element-wise), instead of the raw moments; {@code n}, {@code logLikelihood} and {@code t}
   * are the same. The raw form {@code Σγx² − 2μΣγx + μ²n} loses about
   * \( \log_{10}(\mu^2/\sigma^2) \) digits to cancellation when the data lie far from the
   * origin relative to a component's spread; these centred sums do not (Fisher vectors and
   * VLAD use them). The result is a container for those sums only: do not merge it with raw
   * statistics or pass it to {@link #mStep(GMMStats)}, scoring or factor analysis.
   *
   * @param x frames with D columns; not modified
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @param stats C×D centred statistics; modified
   * @param rule responsibility rule
   */
  public void accumulateCentred(Matrix x, int from, int to, GMMStats stats, PosteriorRule rule) {
    accumulateRange(OWNER + ".accumulateCentred", x, from, to, stats, rule, true);
  }

  private void accumulateRange(String owner, Matrix x, int from, int to, GMMStats stats,
      PosteriorRule rule, boolean centred) {
    Gaussians g = fitted(owner);
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(rule, "rule");
    Check.columns(owner, "x", x, g.numFeatures, "the model has D");
    Objects.checkFromToIndex(from, to, x.rows());
    double[] xd = x.data();
    int d = g.numFeatures;
    for (int k = from * d; k < to * d; k++) {
      if (!Double.isFinite(xd[k])) {
        throw new IllegalArgumentException(owner + ": x[" + (k / d) + ", " + (k % d) + "] is "
            + xd[k] + "; inputs must be finite");
      }
    }
    checkStats(owner, stats, g);
    // same chunking and merge order as transform(x.rows(from, to)), so both agree bitwise;
    // the scratch is reused across calls on the same thread (callers such as the Spark
    // adapters accumulate thousands of 1024-row blocks: allocating ~(4·64·C + 4·C·D)·8 bytes
    // per block cost them a third of their time)
    Work w = scratch(g.numComponents, d);
    GMMStats total = w.total;
    total.reset();
    for (int s = from; s < to; s += CHUNK_ROWS) {
      w.stats.reset();
      eStepRange(xd, d, s, Math.min(to, s + CHUNK_ROWS), g, rule, w.stats, w, centred);
      total.merge(w.stats);
    }
    stats.merge(total);
  }

  private void checkStats(String owner, GMMStats stats, Gaussians g) {
    Objects.requireNonNull(stats, "stats");
    if (stats.numComponents() != g.numComponents || stats.numFeatures() != g.numFeatures) {
      throw new DimensionMismatchException(owner + ": stats have C×D = " + stats.numComponents()
          + "x" + stats.numFeatures() + " but the model has " + g.numComponents + "x"
          + g.numFeatures);
    }
  }

  /**
   * One statistics object per row (bob's {@code transform} on a 2-D array: one-frame sessions).
   *
   * @param x N×D frames; not modified
   * @return N statistics objects, each with {@code t = 1}
   */
  public List<GMMStats> transformRows(Matrix x) {
    String owner = OWNER + ".transformRows";
    Gaussians g = fitted(owner);
    checkData(owner, x, g);
    List<GMMStats> out = new ArrayList<>(x.rows());
    for (int i = 0; i < x.rows(); i++) {
      GMMStats s = new GMMStats(numComponents, g.numFeatures);
      accumulate(x, i, i + 1, s, posteriorRule);
      out.add(s);
    }
    return out;
  }

  /**
   * One statistics object per consecutive set of rows (sets run in parallel with
   * {@code parallelism} threads; results are identical for any thread count).
   *
   * @param x frames; not modified
   * @param setLengths lengths of consecutive sets, summing to N
   * @return one statistics object per set
   */
  public List<GMMStats> transformSets(Matrix x, int[] setLengths) {
    String owner = OWNER + ".transformSets";
    Gaussians g = fitted(owner);
    checkData(owner, x, g);
    int[] offsets = setOffsets(owner, setLengths, x.rows());
    GMMStats[] out = new GMMStats[setLengths.length];
    // sets are independent: each is accumulated on one thread with the same chunking as
    // transform(x.rows(from, to)), so the result does not depend on parallelism
    Parallel.forEachChunk(setLengths.length, 1, parallelism, (from, to) -> {
      for (int s = from; s < to; s++) {
        GMMStats st = new GMMStats(numComponents, g.numFeatures);
        accumulate(x, offsets[s], offsets[s + 1], st, posteriorRule);
        out[s] = st;
      }
    });
    return java.util.Arrays.asList(out);
  }

  /**
   * Validates set lengths against a row count.
   *
   * @param owner caller for messages
   * @param setLengths non-negative lengths
   * @param rows total rows they must sum to
   * @return offsets of length {@code setLengths.length + 1}
   */
  public static int[] setOffsets(String owner, int[] setLengths, int rows) {
    Objects.requireNonNull(setLengths, "setLengths");
    int[] off = new int[setLengths.length + 1];
    for (int s = 0; s < setLengths.length; s++) {
      if (setLengths[s] < 0) {
        throw new IllegalArgumentException(owner + ": setLengths[" + s + "] must be in [0, inf),"
            + " got " + setLengths[s]);
      }
      off[s + 1] = Math.addExact(off[s], setLengths[s]);
    }
    if (off[setLengths.length] != rows) {
      throw new DimensionMismatchException(owner + ": setLengths sum to "
          + off[setLengths.length] + " but x has N = " + rows + " rows");
    }
    return off;
  }

  // ------------------------------------------------------------------------------------------
  // likelihoods and posteriors

  private interface BlockSink {
    void accept(int from, int rows, double[] ll, double[] logp);
  }

  private void forEachBlock(Matrix x, Gaussians g, boolean posteriors, BlockSink sink) {
    int c = g.numComponents;
    int d = g.numFeatures;
    double[] xd = x.data();
    Parallel.forEachChunk(x.rows(), CHUNK_ROWS, parallelism, (from, to) -> {
      double[] ll = new double[GmmKernels.BLOCK_ROWS * c];
      double[] logp = new double[GmmKernels.BLOCK_ROWS];
      for (int b = from; b < to; b += GmmKernels.BLOCK_ROWS) {
        int rows = Math.min(GmmKernels.BLOCK_ROWS, to - b);
        GmmKernels.logWeightedLikelihoods(xd, b, rows, d, c, g.scaleT, g.shiftT, g.logConst, ll);
        if (posteriors) {
          GmmKernels.posteriors(ll, rows, c, posteriorRule, logp);
        }
        sink.accept(b, rows, ll, logp);
      }
    });
  }

  /**
   * Per-frame, per-component \( \ln w_c + \ln \mathcal N(x_t \mid c) \).
   *
   * @param x N×D frames; not modified
   * @return N×C (bob's {@code log_weighted_likelihood} is the C×N transpose)
   */
  public Matrix logWeightedLikelihood(Matrix x) {
    String owner = OWNER + ".logWeightedLikelihood";
    Gaussians g = fitted(owner);
    checkData(owner, x, g);
    double[] out = new double[Math.multiplyExact(x.rows(), numComponents)];
    forEachBlock(x, g, false, (from, rows, ll, logp) ->
        System.arraycopy(ll, 0, out, from * numComponents, rows * numComponents));
    return Matrix.wrap(x.rows(), numComponents, out);
  }

  /**
   * Per-frame log-likelihood \( \ln p(x_t) \) (bob's {@code log_likelihood}).
   *
   * @param x N×D frames; not modified
   * @return length N
   */
  public double[] logLikelihood(Matrix x) {
    String owner = OWNER + ".logLikelihood";
    Gaussians g = fitted(owner);
    checkData(owner, x, g);
    double[] out = new double[x.rows()];
    forEachBlock(x, g, true, (from, rows, ll, logp) -> System.arraycopy(logp, 0, out, from, rows));
    return out;
  }

  /**
   * scikit-learn's name for {@link #logLikelihood(Matrix)}.
   *
   * @param x N×D frames; not modified
   * @return per-frame log-likelihood, length N
   */
  public double[] scoreSamples(Matrix x) {
    return logLikelihood(x);
  }

  /**
   * Average log-likelihood per frame (scikit-learn's {@code score}).
   *
   * @param x N×D frames, N ≥ 1; not modified
   * @return \( \frac1N \sum_t \ln p(x_t) \)
   */
  public double score(Matrix x) {
    Check.nonEmpty(OWNER + ".score", "x", x);
    double[] ll = logLikelihood(x);
    double s = 0;
    for (double v : ll) {
      s += v;
    }
    return s / ll.length;
  }

  /**
   * Responsibilities \( \gamma_t(c) \) under this machine's {@link #posteriorRule()}.
   *
   * @param x N×D frames; not modified
   * @return N×C, rows summing to 1
   */
  public Matrix posteriors(Matrix x) {
    String owner = OWNER + ".posteriors";
    Gaussians g = fitted(owner);
    checkData(owner, x, g);
    double[] out = new double[Math.multiplyExact(x.rows(), numComponents)];
    forEachBlock(x, g, true, (from, rows, ll, logp) ->
        System.arraycopy(ll, 0, out, from * numComponents, rows * numComponents));
    return Matrix.wrap(x.rows(), numComponents, out);
  }

  /**
   * Most likely component of each frame (ties to the lowest index).
   *
   * @param x N×D frames; not modified
   * @return labels, length N
   */
  public int[] predict(Matrix x) {
    Matrix lwl = logWeightedLikelihood(x);
    int[] out = new int[x.rows()];
    double[] a = lwl.data();
    for (int i = 0; i < out.length; i++) {
      int arg = 0;
      for (int c = 1; c < numComponents; c++) {
        if (a[i * numComponents + c] > a[i * numComponents + arg]) {
          arg = c;
        }
      }
      out[i] = arg;
    }
    return out;
  }

  /**
   * Draws frames from the mixture: a component by its weight, then a diagonal Gaussian sample.
   *
   * @param n number of frames, ≥ 0
   * @param seed RNG seed in [0, 2³² − 1]
   * @return n×D samples
   */
  public Matrix sample(int n, long seed) {
    Gaussians g = fitted(OWNER + ".sample");
    Check.atLeast(OWNER + ".sample", "n", n, 0);
    NumpyRandom rng = new NumpyRandom(seed);
    int d = g.numFeatures;
    int[] comp = rng.choice(g.weights, n);
    double[] out = new double[Math.multiplyExact(n, d)];
    for (int i = 0; i < n; i++) {
      int c = comp[i];
      for (int j = 0; j < d; j++) {
        out[i * d + j] = g.means[c * d + j] + Math.sqrt(g.variances[c * d + j]) * rng.randn();
      }
    }
    return Matrix.wrap(n, d, out);
  }

  // ------------------------------------------------------------------------------------------
  // M-step and fit

  /**
   * The M-step of this machine's trainer as a pure function of accumulated statistics.
   *
   * @param stats statistics accumulated against this machine (t ≥ 1)
   * @return a new machine with updated parameters
   */
  public GMMMachine mStep(GMMStats stats) {
    String owner = OWNER + ".mStep";
    Gaussians g = fitted(owner);
    checkStats(owner, stats, g);
    if (stats.t() <= 0) {
      throw new IllegalArgumentException(owner + ": stats.t must be in [1, inf), got "
          + stats.t() + "; accumulate at least one frame");
    }
    return withParams(step(g, stats), report);
  }

  private Gaussians step(Gaussians g, GMMStats stats) {
    if (trainer == Trainer.MAP) {
      return GMMUpdates.map(g, prior.params, stats, updates, meanVarUpdateThreshold, adaptation,
          varianceFloor, numerics);
    }
    return GMMUpdates.ml(g, stats, updates, meanVarUpdateThreshold, varianceFloor, numerics);
  }

  /**
   * Trains on {@code x}.
   *
   * @param x N×D frames; not modified
   * @return a new fitted machine with the same hyperparameters and a fit report
   */
  public GMMMachine fit(Matrix x) {
    return fit(x, FitMonitor.NONE);
  }

  /**
   * Trains on {@code x}, reporting each iteration.
   *
   * @param x N×D frames; not modified
   * @param monitor receives (iteration, average log-likelihood) and may stop the fit
   * @return a new fitted machine
   * @throws IllegalArgumentException if {@code x} is empty, not finite, has the wrong number of
   *     columns, has fewer rows than components (k-means/random init), or has a constant column
   *     when variances must be estimated by ML
   * @throws NumericalFailureException if the log-likelihood becomes NaN
   */
  public GMMMachine fit(Matrix x, FitMonitor monitor) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(monitor, "monitor");
    Check.nonEmpty(owner, "x", x);
    if (params != null) {
      Check.columns(owner, "x", x, params.numFeatures, "the model has D");
    }
    Check.finite(owner, "x", x);
    Gaussians g = trainer == Trainer.MAP || init == Init.GIVEN ? params : initialize(owner, x);
    if (trainer == Trainer.ML
        && (init != Init.GIVEN || updates.contains(Update.VARIANCES))) {
      rejectConstantColumns(owner, x);
    }
    return em(owner, g, gg -> eStep(x, gg, posteriorRule, parallelism), monitor);
  }

  /** Rows per block read by {@link #fit(RowBlocks, int, FitMonitor)}: 64 chunks. */
  static final int STREAM_BLOCK_ROWS = 64 * CHUNK_ROWS;

  /**
   * Trains on a data set read in blocks, one pass per EM iteration, for data larger than memory
   * (for instance {@link RowBlocks#npy(java.nio.file.Path)} over a {@code .npy} file of any size). Memory is
   * bounded by one block of {@value #STREAM_BLOCK_ROWS} rows plus the model, whatever N.
   *
   * <p>Initialisation ({@link Init#KMEANS} or {@link Init#RANDOM}) runs on an evenly spaced
   * subsample of at most {@code initSampleRows} rows (rows {@code ⌊i·N/M⌋}, i = 0..M−1, read in
   * one pass); with {@link Init#GIVEN} or MAP no sample is read. The EM passes see every row,
   * block by block, and merge the chunk statistics in chunk order, so with the same initial
   * model the result is <b>bitwise identical</b> to {@link #fit(Matrix, FitMonitor)} on the
   * rows in memory, for any thread count. Every block is checked for non-finite values.
   *
   * @param data the rows, re-read on every pass
   * @param initSampleRows rows used to initialise, {@code >= numComponents}; ignored with a
   *     given model or MAP
   * @param monitor receives (iteration, average log-likelihood) and may stop the fit
   * @return a new fitted machine
   * @throws IllegalArgumentException if {@code data} is empty, has the wrong number of columns,
   *     holds a non-finite value, or the sample is smaller than the number of components
   * @throws UncheckedIOException if reading fails (a truncated file, for instance)
   * @throws NumericalFailureException if the log-likelihood becomes NaN
   */
  public GMMMachine fit(RowBlocks data, int initSampleRows, FitMonitor monitor) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(monitor, "monitor");
    if (data.rows() == 0 || data.cols() == 0) {
      throw new IllegalArgumentException(owner + ": data must be non-empty, got shape "
          + data.rows() + "x" + data.cols());
    }
    if (params != null && data.cols() != params.numFeatures) {
      throw new IllegalArgumentException(owner + ": data has " + data.cols()
          + " columns but the model has D = " + params.numFeatures);
    }
    Gaussians g;
    if (trainer == Trainer.MAP || init == Init.GIVEN) {
      g = params;
    } else {
      Check.atLeast(owner, "initSampleRows", initSampleRows, numComponents);
      Matrix sample = sampleRows(owner, data, initSampleRows);
      g = initialize(owner, sample);
      if (trainer == Trainer.ML) {
        rejectConstantColumns(owner, sample);
      }
    }
    return em(owner, g, gg -> {
      GMMStats stats = new GMMStats(gg.numComponents, gg.numFeatures);
      passOver(data, block -> {
        checkData(owner, block, gg);
        eStepInto(block, gg, posteriorRule, parallelism, stats);
      });
      return stats;
    }, monitor);
  }

  /** Reads rows {@code ⌊i·N/M⌋}, i = 0..M−1, with M = min(N, maxRows), in one pass. */
  private static Matrix sampleRows(String owner, RowBlocks data, int maxRows) {
    long n = data.rows();
    int m = (int) Math.min(n, maxRows);
    int d = data.cols();
    double[] out = new double[Math.multiplyExact(m, d)];
    int[] next = {0};
    passOver(data, (first, block) -> {
      while (next[0] < m) {
        long row = next[0] * n / m;
        if (row >= first + block.rows()) {
          break;
        }
        System.arraycopy(block.data(), (int) (row - first) * d, out, next[0] * d, d);
        next[0]++;
      }
    });
    Matrix sample = Matrix.wrap(m, d, out);
    Check.finite(owner, "data (initialisation sample)", sample);
    return sample;
  }

  private static void passOver(RowBlocks data, Consumer<Matrix> visitor) {
    passOver(data, (first, block) -> visitor.accept(block));
  }

  private static void passOver(RowBlocks data, BiConsumer<Long, Matrix> v) {
    try {
      data.forEachBlock(STREAM_BLOCK_ROWS, (first, block) -> v.accept(first, block));
    } catch (IOException e) {
      throw new UncheckedIOException(data + ": " + e.getMessage(), e);
    }
  }

  /** The EM loop shared by the in-memory and streamed fits. */
  private GMMMachine em(String owner, Gaussians start, Function<Gaussians, GMMStats> eStep,
      FitMonitor monitor) {
    Gaussians g = start;
    FitLoop loop = FitLoop.converging(owner, "average log-likelihood", LOG, monitor,
        maxIterations, convergenceThreshold);
    while (loop.running()) {
      GMMStats stats = eStep.apply(g);
      double avg = stats.logLikelihood() / stats.t();
      if (Double.isNaN(avg)) {
        throw new NumericalFailureException(owner + ": average log-likelihood is NaN at iteration "
            + (loop.iterations() + 1) + "; check the data scale or raise varianceFloor");
      }
      g = step(g, stats);
      loop.record(avg);
    }
    if (!loop.converged() && !loop.stopped() && maxIterations > 1) {
      LOG.log(Level.WARNING, owner + ": stopped after " + loop.iterations() + " iterations without"
          + " convergence (last change " + loop.lastChange() + " > threshold "
          + convergenceThreshold + ")");
    }
    return withParams(g, loop.report());
  }

  private static void rejectConstantColumns(String owner, Matrix x) {
    if (x.rows() < 2) {
      throw new IllegalArgumentException(owner + ": x has N = " + x.rows() + " row; ML estimation"
          + " of variances needs at least 2 rows with variance in every column");
    }
    int d = x.cols();
    double[] a = x.data();
    for (int j = 0; j < d; j++) {
      double first = a[j];
      boolean constant = true;
      for (int i = 1; i < x.rows() && constant; i++) {
        constant = a[i * d + j] == first;
      }
      if (constant) {
        throw new IllegalArgumentException(owner + ": x column " + j + " is constant (zero"
            + " variance, every value " + first + "); remove the column or standardise the"
            + " features before ML training");
      }
    }
  }

  private Gaussians initialize(String owner, Matrix x) {
    int n = x.rows();
    int d = x.cols();
    if (numComponents > n) {
      throw new IllegalArgumentException(owner + ": numComponents (" + numComponents
          + ") exceeds number of samples N (" + n + ")");
    }
    varianceFloor.checkFits(owner, numComponents, d);
    if (init == Init.RANDOM) {
      NumpyRandom rng = new NumpyRandom(seed);
      int[] idx = rng.choice(n, numComponents, false);
      double[] mu = x.selectRows(idx).toArray();
      double[] gv = globalVariance(x);
      double[] var = new double[numComponents * d];
      for (int c = 0; c < numComponents; c++) {
        System.arraycopy(gv, 0, var, c * d, d);
      }
      return makeGaussians(owner, uniform(numComponents), mu, var, d, varianceFloor);
    }
    KMeansMachine km = (kmeans != null ? kmeans
        : KMeansMachine.builder(numComponents).seed(seed).parallelism(parallelism).build()).fit(x);
    ClusterMoments mom = km.variancesAndWeights(x);
    double[] var = mom.variances().toArray();
    return makeGaussians(owner, mom.weights(), km.centroids().toArray(), var, d, varianceFloor);
  }

  private static double[] globalVariance(Matrix x) {
    int n = x.rows();
    int d = x.cols();
    double[] a = x.data();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += a[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] var = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double df = a[i * d + j] - mean[j];
        var[j] += df * df;
      }
    }
    for (int j = 0; j < d; j++) {
      var[j] /= n;
    }
    return var;
  }

  // ------------------------------------------------------------------------------------------
  // comparison

  /**
   * numpy {@code allclose} of weights, means and variances (bob's {@code is_similar_to}).
   *
   * @param other machine to compare
   * @param rtol relative tolerance
   * @param atol absolute tolerance
   * @return whether both are fitted with equal shapes and close parameters
   */
  public boolean isSimilarTo(GMMMachine other, double rtol, double atol) {
    if (other == null || params == null || other.params == null
        || other.numComponents != numComponents || other.numFeatures() != numFeatures()) {
      return false;
    }
    return close(params.weights, other.params.weights, rtol, atol)
        && close(params.means, other.params.means, rtol, atol)
        && close(params.variances, other.params.variances, rtol, atol);
  }

  private static boolean close(double[] a, double[] b, double rtol, double atol) {
    for (int k = 0; k < a.length; k++) {
      if (!(Math.abs(a[k] - b[k]) <= atol + rtol * Math.abs(b[k]))) {
        return false;
      }
    }
    return true;
  }

  /** Exact equality of hyperparameters and parameters. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GMMMachine)) {
      return false;
    }
    GMMMachine m = (GMMMachine) o;
    boolean same = numComponents == m.numComponents && trainer == m.trainer
        && updates.equals(m.updates)
        && Double.compare(meanVarUpdateThreshold, m.meanVarUpdateThreshold) == 0
        && varianceFloor.equals(m.varianceFloor) && adaptation.equals(m.adaptation)
        && Double.compare(convergenceThreshold, m.convergenceThreshold) == 0
        && maxIterations == m.maxIterations && numerics == m.numerics
        && posteriorRule.equals(m.posteriorRule) && (params == null) == (m.params == null);
    if (!same || params == null) {
      return same;
    }
    return java.util.Arrays.equals(params.weights, m.params.weights)
        && java.util.Arrays.equals(params.means, m.params.means)
        && java.util.Arrays.equals(params.variances, m.params.variances);
  }

  @Override
  public int hashCode() {
    return Objects.hash(numComponents, trainer, updates, maxIterations,
        params == null ? 0 : java.util.Arrays.hashCode(params.means));
  }

  @Override
  public String toString() {
    return "GMMMachine[numComponents=" + numComponents + ", numFeatures=" + numFeatures()
        + ", trainer=" + trainer + ", updates=" + updates + ", varianceFloor=" + varianceFloor
        + ", meanVarUpdateThreshold=" + meanVarUpdateThreshold + ", " + adaptation
        + ", convergenceThreshold=" + convergenceThreshold + ", maxIterations=" + maxIterations
        + ", init=" + init + ", seed=" + seed + ", parallelism=" + parallelism + ", numerics="
        + numerics + ", posteriorRule=" + posteriorRule + ", fitted=" + isFitted() + "]";
  }
}
