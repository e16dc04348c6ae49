package org.emkit.fa;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.FitMonitor;
import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.internal.FitLoop;
import org.emkit.core.internal.Linalg;
import org.emkit.core.internal.Parallel;
import org.emkit.core.random.NumpyRandom;
import org.emkit.core.validation.Check;

/**
 * Probabilistic linear discriminant analysis (PLDA) in the scalable formulation of El Shafey et
 * al.: a generative model of fixed-length vectors (i-vectors, face descriptors) with an identity
 * subspace F, a session subspace G and diagonal residual noise, trained by EM and scored by
 * exact log-likelihood ratios.
 *
 * <p><b>Model.</b> Sample j of identity i, a vector of D features:
 *
 * <pre>
 *   x_ij = μ + F h_i + G w_ij + ε_ij,    h_i ~ N(0, I_{n_f}),  w_ij ~ N(0, I_{n_g}),  ε_ij ~ N(0, Σ)
 * </pre>
 *
 * with F D×n_f, G D×n_g (n_g may be 0) and {@code Σ = diag(σ)}. The samples of one identity share
 * h_i, so they are jointly Gaussian with {@code Cov[x_ij, x_ik] = F Fᵀ + δ_jk (G Gᵀ + Σ)}.
 *
 * <p><b>Cached terms</b> (computed once per parameter value; SPEC §12.2):
 *
 * <pre>
 *   α = (I + Gᵀ Σ⁻¹ G)⁻¹,   β = Σ⁻¹ − Σ⁻¹ G α Gᵀ Σ⁻¹ = (Σ + G Gᵀ)⁻¹,   Fᵀβ,   Gᵀ Σ⁻¹,
 *   γ_a = (I + a Fᵀ β F)⁻¹  and  c_a = a/2·(−D ln 2π − ln|Σ| + ln|α|) + ½ ln|γ_a|
 * </pre>
 *
 * per sample count a, kept in a thread-safe map filled on first use ({@link #gamma(int)},
 * {@link #logLikelihoodConstant(int)}). β itself is formed only on request ({@link #beta()}):
 * quadratic forms use {@code x̃ᵀ β x̃ = Σ_d x̃_d²/σ_d − vᵀ α v}, {@code v = Gᵀ Σ⁻¹ x̃}.
 *
 * <p><b>Likelihood of a sample set.</b> For a samples of one identity with {@code x̃ = x − μ} and
 * {@code s = Fᵀβ Σ_j x̃_j}, the marginal log-likelihood (h and w integrated out) is
 *
 * <pre>
 *   log p(x_1 .. x_a) = c_a − ½ Σ_j x̃_jᵀ β x̃_j + ½ sᵀ γ_a s
 * </pre>
 *
 * ({@link #logLikelihood(Matrix)}). The verification score ({@link #score(Enrollment, Matrix)},
 * bob's {@code forward}) is the log-likelihood ratio of "same identity" against "different
 * identities" for an enrolment set e and a probe set p of any sizes:
 * {@code LLR = log p(e ∪ p) − log p(e) − log p(p)}. An {@link Enrollment} stores n, the weighted
 * sum {@code Fᵀβ Σ x̃} and {@code −½ Σ x̃ᵀβx̃}, so scoring costs O(m D n_f) for a probe of m
 * samples (the probe's own quadratic term cancels and is not computed).
 *
 * <p><b>Algorithm (training).</b> {@link #fit(Matrix, int[])}: initialise (below), then per
 * iteration an E-step ({@link #eStep}) and an M-step ({@link #mStep}). E-step, per identity i with
 * a_i samples ({@code z_ij = [h_i; w_ij]}):
 *
 * <pre>
 *   E[h_i]  = γ_a Fᵀβ Σ_j x̃_ij,          E[w_ij] = α Gᵀ Σ⁻¹ (x̃_ij − F E[h_i])
 *   E[z zᵀ] = [γ_a, ι_a; ι_aᵀ, ζ_a] + E[z] E[z]ᵀ,   η = Fᵀ Σ⁻¹ G α,  ι_a = −γ_a η,  ζ_a = α + ηᵀ γ_a η
 * </pre>
 *
 * summed into {@link PLDAStats} with the identity's marginal log-likelihood. M-step:
 * {@code [F G] = (Σ x̃ E[z]ᵀ)(Σ E[z zᵀ])⁻¹} (Cholesky solve), then, with the new [F G],
 * {@code σ = (1/N) Σ diag(x̃ x̃ᵀ − [F G] E[z] x̃ᵀ)} and {@code σ ← max(σ, varianceFloor)}. μ stays
 * at its initial value. The reported objective of iteration k is the training log-likelihood
 * (the sum over identities of the marginal log-likelihood above) of the parameters entering it;
 * EM never decreases it while the floor is inactive. The fit stops after {@code iterations}
 * iterations, or earlier when {@code |L_k − L_{k−1}| ≤ convergenceThreshold·|L_{k−1}|} (the
 * M-step of that iteration is still applied).
 *
 * <p><b>Initialisation</b> (parameters given to the builder are kept; the others are computed):
 * μ = the data mean; F: {@link FInit#RANDOM} ({@code randn · fInitRatio}) or
 * {@link FInit#BETWEEN_SCATTER} (leading left singular vectors of the centred class means,
 * divided by the square roots of their singular values); G: {@link GInit#RANDOM} or
 * {@link GInit#WITHIN_SCATTER} (the same with within-class-centred samples); σ:
 * {@link SigmaInit#RANDOM} ({@code |randn| · ratio}), {@link SigmaInit#VARIANCE_G}
 * ({@code |mean of row d of G| · ratio}), {@link SigmaInit#CONSTANT} (ratio) or
 * {@link SigmaInit#VARIANCE_DATA} (ratio × the per-feature variance with divisor N − 1); then the
 * floor. The random draws come from numpy's {@code RandomState(seed)} in the order F (D×n_f,
 * row-major), G, σ, each only when that parameter is initialised randomly.
 *
 * <p><b>Shapes.</b> x: N×D, one sample per row, with {@code labels} (length N) giving each
 * row's identity; μ, σ: length D; F: D×n_f; G: D×n_g; {@link #scores} returns models×probes.
 *
 * <p><b>Labels.</b> Arbitrary int values (negative values and gaps allowed); an identity exists
 * exactly when some row carries its label, so there are no empty identities. Identities are
 * processed in increasing label order and rows of an identity in matrix order. Training needs at
 * least one identity with two or more samples; identities of one sample are used (they inform
 * F Fᵀ + G Gᵀ + Σ) but contribute nothing to the within-class scatter of
 * {@link GInit#WITHIN_SCATTER}.
 *
 * <p><b>Parameters.</b> {@code numFeatures} D ≥ 1, {@code rankF} n_f in [1, D], {@code rankG} n_g
 * in [0, D] (required); {@code iterations} ≥ 0 (default 50, bob's {@code train} default);
 * {@code convergenceThreshold} ≥ 0 (default 0: all iterations run unless the log-likelihood stops
 * changing); {@code varianceFloor} ≥ 0 (default 0, bob's {@code variance_threshold});
 * {@code fInit}/{@code gInit}/{@code sigmaInit} (default RANDOM, as bob) with ratios &gt; 0
 * (default 1); {@code seed} (default 0); {@code parallelism} ≥ 1 (default 1); optional
 * {@code mu}, {@code f}, {@code g}, {@code sigma}. A machine built with all four parameters is
 * ready to enrol and score ({@link #fromParameters}); otherwise it must be fitted (or
 * {@link #initialize initialised}) first, and scoring throws {@link NotFittedException}.
 *
 * <p><b>Reproducibility and threads.</b> The E-step and the scatter of the initialisation run
 * over fixed chunks of identities with one accumulator per chunk, merged in chunk order; batch
 * scoring splits models over threads with disjoint outputs. Results are bitwise identical for
 * every {@code parallelism}. A fixed seed gives identical results. Machines are immutable and
 * thread-safe (the per-count cache is a concurrent map of values that depend only on the
 * parameters).
 *
 * <p><b>Compatibility.</b> bob.learn.em 2.1.8's {@code PLDABase}, {@code PLDAMachine} and
 * {@code PLDATrainer}: the same model, caches, initialisation methods, E- and M-steps, variance
 * floor, enrolment and scores; the "EM vs Prince" Matlab references of {@code test_plda_trainer.py}
 * and the machine references of {@code test_plda.py} are reproduced (errors in the report of
 * {@code PLDAParityTest}). Differences: the RNG is numpy's legacy generator instead of boost's
 * mt19937 (random initialisations are therefore not bob's); inverses and determinants use Cholesky
 * instead of LU; the training log-likelihood is computed (bob's trainer does not); identities are
 * given as labels instead of a list of arrays; the scatter initialisations use the
 * eigen-decomposition of the scatter instead of an SVD, with deterministic signs; a rank-deficient
 * scatter is an error (bob divides by a zero singular value); bob's {@code
 * use_sum_second_order = false} (per-sample second moments kept) is {@link #posteriors}.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>L. El Shafey, C. McCool, R. Wallace, S. Marcel, "A scalable formulation of probabilistic
 *       linear discriminant analysis: applied to face recognition", IEEE TPAMI 35(7), 2013.
 *       https://doi.org/10.1109/TPAMI.2013.38
 *   <li>S. J. D. Prince, J. H. Elder, "Probabilistic linear discriminant analysis for inferences
 *       about identity", ICCV 2007. https://doi.org/10.1109/ICCV.2007.4409052
 *   <li>A. P. Dempster, N. M. Laird, D. B. Rubin, "Maximum likelihood from incomplete data via
 *       the EM algorithm", JRSS B 39(1), 1977.
 * </ol>
 *
 * @see PLDAStats
 * @see TwoCovariancePLDA
 * @see IVectorMachine
 */
public final class PLDA {

  /** Initialisation of the identity subspace F. */
  public enum FInit {
    /** {@code randn · fInitRatio}. */
    RANDOM,
    /** Leading directions of the between-class scatter (class means), as bob. */
    BETWEEN_SCATTER
  }

  /** Initialisation of the session subspace G. */
  public enum GInit {
    /** {@code randn · gInitRatio}. */
    RANDOM,
    /** Leading directions of the within-class scatter, as bob. */
    WITHIN_SCATTER
  }

  /** Initialisation of the residual variances σ. */
  public enum SigmaInit {
    /** {@code |randn| · sigmaInitRatio}. */
    RANDOM,
    /** {@code |mean over the n_g columns of row d of G| · sigmaInitRatio}; needs n_g ≥ 1. */
    VARIANCE_G,
    /** {@code sigmaInitRatio} for every feature. */
    CONSTANT,
    /** {@code sigmaInitRatio ×} the per-feature data variance (divisor N − 1). */
    VARIANCE_DATA
  }

  /** Identities per E-step chunk; fixed so that results do not depend on the thread count. */
  static final int IDENTITY_CHUNK = 16;

  /** Models per task of {@link #scores}; probes per task of their projection. */
  private static final int SCORE_CHUNK = 64;

  private static final String OWNER = "PLDA";
  private static final Logger LOG = System.getLogger(PLDA.class.getName());

  private final int numFeatures;
  private final int rankF;
  private final int rankG;
  private final int iterations;
  private final double convergenceThreshold;
  private final double varianceFloor;
  private final FInit fInit;
  private final double fInitRatio;
  private final GInit gInit;
  private final double gInitRatio;
  private final SigmaInit sigmaInit;
  private final double sigmaInitRatio;
  private final long seed;
  private final int parallelism;
  private final double[] mu;
  private final double[] f;
  private final double[] g;
  private final double[] sigma;
  private final FitReport report;
  private final PLDAModel model;

  private PLDA(Builder b, double[] mu, double[] f, double[] g, double[] sigma, FitReport report) {
    this.numFeatures = b.numFeatures;
    this.rankF = b.rankF;
    this.rankG = b.rankG;
    this.iterations = b.iterations;
    this.convergenceThreshold = b.convergenceThreshold;
    this.varianceFloor = b.varianceFloor;
    this.fInit = b.fInit;
    this.fInitRatio = b.fInitRatio;
    this.gInit = b.gInit;
    this.gInitRatio = b.gInitRatio;
    this.sigmaInit = b.sigmaInit;
    this.sigmaInitRatio = b.sigmaInitRatio;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
    this.mu = mu;
    this.f = f;
    this.g = g;
    this.sigma = sigma;
    this.report = report;
    this.model = mu != null && f != null && g != null && sigma != null
        ? new PLDAModel(OWNER, mu, f, g, sigma, rankF, rankG)
        : null;
  }

  /**
   * @param numFeatures D, {@code >= 1}
   * @param rankF n_f, the identity-subspace dimension, in [1, D]
   * @param rankG n_g, the session-subspace dimension, in [0, D]
   * @return a builder with bob's defaults
   */
  public static Builder builder(int numFeatures, int rankF, int rankG) {
    return new Builder(numFeatures, rankF, rankG);
  }

  /**
   * A ready-to-use machine from trained parameters (for a model loaded from a file, for example
   * bob's legacy {@code PLDABase} layout: {@code mu}, {@code F}, {@code G}, {@code sigma},
   * {@code variance_threshold}; its cached datasets are recomputed from these).
   *
   * @param mu μ, length D; copied
   * @param f F, D×n_f; copied
   * @param g G, D×n_g (n_g may be 0); copied
   * @param sigma σ, length D, positive; copied, values below {@code varianceFloor} raised to it
   * @param varianceFloor the floor, {@code >= 0}
   * @return the machine
   */
  public static PLDA fromParameters(double[] mu, Matrix f, Matrix g, double[] sigma,
      double varianceFloor) {
    Objects.requireNonNull(mu, "mu");
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(g, "g");
    return builder(mu.length, f.cols(), g.cols()).varianceFloor(varianceFloor).mu(mu).f(f).g(g)
        .sigma(sigma).build();
  }

  /** @return a builder preset with this machine's hyperparameters and (given or fitted) parameters */
  public Builder toBuilder() {
    Builder b = new Builder(numFeatures, rankF, rankG);
    b.iterations = iterations;
    b.convergenceThreshold = convergenceThreshold;
    b.varianceFloor = varianceFloor;
    b.fInit = fInit;
    b.fInitRatio = fInitRatio;
    b.gInit = gInit;
    b.gInitRatio = gInitRatio;
    b.sigmaInit = sigmaInit;
    b.sigmaInitRatio = sigmaInitRatio;
    b.seed = seed;
    b.parallelism = parallelism;
    b.mu = mu == null ? null : mu.clone();
    b.f = f == null ? null : f.clone();
    b.g = g == null ? null : g.clone();
    b.sigma = sigma == null ? null : sigma.clone();
    return b;
  }

  /** Builder of {@link PLDA}. */
  public static final class Builder {
    private final int numFeatures;
    private final int rankF;
    private final int rankG;
    private int iterations = 50;
    private double convergenceThreshold = 0.0;
    private double varianceFloor = 0.0;
    private FInit fInit = FInit.RANDOM;
    private double fInitRatio = 1.0;
    private GInit gInit = GInit.RANDOM;
    private double gInitRatio = 1.0;
    private SigmaInit sigmaInit = SigmaInit.RANDOM;
    private double sigmaInitRatio = 1.0;
    private long seed;
    private int parallelism = 1;
    private double[] mu;
    private double[] f;
    private double[] g;
    private double[] sigma;

    private Builder(int numFeatures, int rankF, int rankG) {
      String owner = OWNER + ".builder";
      this.numFeatures = Check.atLeast(owner, "numFeatures", numFeatures, 1);
      this.rankF = Check.inClosed(owner, "rankF", rankF, 1, numFeatures);
      this.rankG = Check.inClosed(owner, "rankG", rankG, 0, numFeatures);
    }

    /**
     * @param iterations EM iterations of {@link #fit}, {@code >= 0} (default 50)
     * @return this
     */
    public Builder iterations(int iterations) {
      this.iterations = Check.atLeast(OWNER, "iterations", iterations, 0);
      return this;
    }

    /**
     * @param convergenceThreshold stop when the relative change of the training log-likelihood
     *     is at most this, {@code >= 0} (default 0)
     * @return this
     */
    public Builder convergenceThreshold(double convergenceThreshold) {
      this.convergenceThreshold = Check.nonNegative(OWNER, "convergenceThreshold",
          convergenceThreshold);
      return this;
    }

    /**
     * @param varianceFloor lower bound of σ, applied at initialisation and after every M-step,
     *     {@code >= 0} (default 0)
     * @return this
     */
    public Builder varianceFloor(double varianceFloor) {
      this.varianceFloor = Check.nonNegative(OWNER, "varianceFloor", varianceFloor);
      Check.finite(OWNER, "varianceFloor", varianceFloor);
      return this;
    }

    /**
     * @param fInit initialisation of F (default RANDOM)
     * @return this
     */
    public Builder fInit(FInit fInit) {
      this.fInit = Objects.requireNonNull(fInit, "fInit");
      return this;
    }

    /**
     * @param fInitRatio scale of the random F, in (0, inf) (default 1)
     * @return this
     */
    public Builder fInitRatio(double fInitRatio) {
      this.fInitRatio = positiveFinite("fInitRatio", fInitRatio);
      return this;
    }

    /**
     * @param gInit initialisation of G (default RANDOM)
     * @return this
     */
    public Builder gInit(GInit gInit) {
      this.gInit = Objects.requireNonNull(gInit, "gInit");
      return this;
    }

    /**
     * @param gInitRatio scale of the random G, in (0, inf) (default 1)
     * @return this
     */
    public Builder gInitRatio(double gInitRatio) {
      this.gInitRatio = positiveFinite("gInitRatio", gInitRatio);
      return this;
    }

    /**
     * @param sigmaInit initialisation of σ (default RANDOM)
     * @return this
     */
    public Builder sigmaInit(SigmaInit sigmaInit) {
      this.sigmaInit = Objects.requireNonNull(sigmaInit, "sigmaInit");
      return this;
    }

    /**
     * @param sigmaInitRatio the ratio of the σ initialisation, in (0, inf) (default 1)
     * @return this
     */
    public Builder sigmaInitRatio(double sigmaInitRatio) {
      this.sigmaInitRatio = positiveFinite("sigmaInitRatio", sigmaInitRatio);
      return this;
    }

    private static double positiveFinite(String name, double value) {
      Check.positive(OWNER, name, value);
      return Check.finite(OWNER, name, value);
    }

    /**
     * @param seed seed in [0, 2³²−1] of numpy's RandomState for the random initialisations
     *     (default 0)
     * @return this
     */
    public Builder seed(long seed) {
      this.seed = Check.seed(OWNER, seed);
      return this;
    }

    /**
     * @param parallelism threads, {@code >= 1} (default 1)
     * @return this
     */
    public Builder parallelism(int parallelism) {
      this.parallelism = Check.atLeast(OWNER, "parallelism", parallelism, 1);
      return this;
    }

    /**
     * @param mu μ, length D; copied (kept by {@link #fit} instead of the data mean)
     * @return this
     */
    public Builder mu(double[] mu) {
      Check.length(OWNER, "mu", mu, numFeatures, "D");
      this.mu = Check.finite(OWNER, "mu", mu).clone();
      return this;
    }

    /**
     * @param f F, D×n_f; copied (the initial value of {@link #fit})
     * @return this
     */
    public Builder f(Matrix f) {
      Check.shape(OWNER, "f", f, numFeatures, rankF);
      this.f = Check.finite(OWNER, "f", f).toArray();
      return this;
    }

    /**
     * @param g G, D×n_g; copied (the initial value of {@link #fit})
     * @return this
     */
    public Builder g(Matrix g) {
      Check.shape(OWNER, "g", g, numFeatures, rankG);
      this.g = Check.finite(OWNER, "g", g).toArray();
      return this;
    }

    /**
     * @param sigma σ, length D, positive; copied (the initial value of {@link #fit}; the floor is
     *     applied at build time)
     * @return this
     */
    public Builder sigma(double[] sigma) {
      Check.length(OWNER, "sigma", sigma, numFeatures, "D");
      this.sigma = Check.positive(OWNER, "sigma", sigma).clone();
      return this;
    }

    /** @return the machine */
    public PLDA build() {
      if (sigmaInit == SigmaInit.VARIANCE_G && rankG == 0 && sigma == null) {
        throw new IllegalArgumentException(OWNER + ".builder: sigmaInit VARIANCE_G needs rankG in"
            + " [1, D], got rankG = 0; use another sigmaInit");
      }
      double[] s = sigma == null ? null : floored(sigma.clone(), varianceFloor);
      return new PLDA(this, mu == null ? null : mu.clone(), f == null ? null : f.clone(),
          g == null ? null : g.clone(), s, FitReport.NOT_FITTED);
    }
  }

  private static double[] floored(double[] s, double floor) {
    for (int j = 0; j < s.length; j++) {
      if (s[j] < floor) {
        s[j] = floor;
      }
    }
    return s;
  }

  // ------------------------------------------------------------------------------------------
  // accessors

  /** @return D */
  public int numFeatures() {
    return numFeatures;
  }

  /** @return n_f */
  public int rankF() {
    return rankF;
  }

  /** @return n_g */
  public int rankG() {
    return rankG;
  }

  /** @return EM iterations of {@link #fit} */
  public int iterations() {
    return iterations;
  }

  /** @return the relative log-likelihood change at which {@link #fit} stops */
  public double convergenceThreshold() {
    return convergenceThreshold;
  }

  /** @return the floor of σ */
  public double varianceFloor() {
    return varianceFloor;
  }

  /** @return the initialisation of F */
  public FInit fInit() {
    return fInit;
  }

  /** @return the scale of the random F */
  public double fInitRatio() {
    return fInitRatio;
  }

  /** @return the initialisation of G */
  public GInit gInit() {
    return gInit;
  }

  /** @return the scale of the random G */
  public double gInitRatio() {
    return gInitRatio;
  }

  /** @return the initialisation of σ */
  public SigmaInit sigmaInit() {
    return sigmaInit;
  }

  /** @return the ratio of the σ initialisation */
  public double sigmaInitRatio() {
    return sigmaInitRatio;
  }

  /** @return the seed of the random initialisations */
  public long seed() {
    return seed;
  }

  /** @return threads */
  public int parallelism() {
    return parallelism;
  }

  /**
   * @return the fit report: iterations run and, per iteration, the training log-likelihood of the
   *     parameters entering it
   */
  public FitReport report() {
    return report;
  }

  /** @return whether μ, F, G and σ are all known (fitted, initialised or given) */
  public boolean isFitted() {
    return model != null;
  }

  private PLDAModel model(String method) {
    if (model == null) {
      throw NotFittedException.of(OWNER + "." + method);
    }
    return model;
  }

  /** @return a copy of μ, length D */
  public double[] mu() {
    return model("mu").mu.clone();
  }

  /** @return a copy of F, D×n_f */
  public Matrix f() {
    return Matrix.copyOf(numFeatures, rankF, model("f").f);
  }

  /** @return a copy of G, D×n_g */
  public Matrix g() {
    return Matrix.copyOf(numFeatures, rankG, model("g").g);
  }

  /** @return a copy of σ (the diagonal of Σ), length D */
  public double[] sigma() {
    return model("sigma").sigma.clone();
  }

  /** @return α = (I + Gᵀ Σ⁻¹ G)⁻¹, n_g×n_g (a copy) */
  public Matrix alpha() {
    return Matrix.copyOf(rankG, rankG, model("alpha").alpha);
  }

  /** @return β = (Σ + G Gᵀ)⁻¹, D×D (a copy; formed on the first call) */
  public Matrix beta() {
    return Matrix.copyOf(numFeatures, numFeatures, model("beta").beta());
  }

  /** @return Fᵀβ, n_f×D (a copy) */
  public Matrix ftBeta() {
    return Matrix.copyOf(rankF, numFeatures, model("ftBeta").ftBeta);
  }

  /** @return Gᵀ Σ⁻¹, n_g×D (a copy) */
  public Matrix gtInvSigma() {
    return Matrix.copyOf(rankG, numFeatures, model("gtInvSigma").gtInvSigma);
  }

  /** @return ln|α| */
  public double logDetAlpha() {
    return model("logDetAlpha").logDetAlpha;
  }

  /** @return ln|Σ| = Σ_d ln σ_d */
  public double logDetSigma() {
    return model("logDetSigma").logDetSigma;
  }

  /**
   * @param count number of samples a, {@code >= 1}
   * @return γ_a = (I + a Fᵀ β F)⁻¹, n_f×n_f (a copy; cached)
   */
  public Matrix gamma(int count) {
    Check.atLeast(OWNER + ".gamma", "count", count, 1);
    return Matrix.copyOf(rankF, rankF, model("gamma").terms(count).gamma);
  }

  /**
   * @param count number of samples a, {@code >= 1}
   * @return c_a = a/2·(−D ln 2π − ln|Σ| + ln|α|) + ½ ln|γ_a| (cached)
   */
  public double logLikelihoodConstant(int count) {
    Check.atLeast(OWNER + ".logLikelihoodConstant", "count", count, 1);
    return model("logLikelihoodConstant").terms(count).constant;
  }

  /** @return the sample counts a whose γ_a and c_a are currently cached, increasing */
  public int[] cachedSampleCounts() {
    return model("cachedSampleCounts").cachedCounts();
  }

  // ------------------------------------------------------------------------------------------
  // training

  /**
   * Initialises the parameters that were not given (see the class documentation) without
   * running EM.
   *
   * @param x N×D samples; not modified
   * @param labels identity of each row (arbitrary ints); not modified
   * @return a new machine with all parameters set (its report counts 0 iterations)
   * @throws NumericalFailureException if a scatter initialisation meets a singular scatter, or
   *     σ is not positive after initialisation and flooring (both messages give a remedy)
   */
  public PLDA initialize(Matrix x, int[] labels) {
    String owner = OWNER + ".initialize";
    LabelGroups groups = LabelGroups.validated(owner, x, numFeatures, labels);
    groups.requireRepeatedIdentity(owner);
    return initializeValidated(owner, x, groups);
  }

  private PLDA initializeValidated(String owner, Matrix x, LabelGroups groups) {
    double[] xd = x.data();
    int n = x.rows();
    int d = numFeatures;
    double[] newMu = mu != null ? mu : PLDAInit.mean(xd, n, d);
    NumpyRandom rng = new NumpyRandom(seed);
    double[] classMeans = null;
    if ((f == null && fInit == FInit.BETWEEN_SCATTER)
        || (g == null && gInit == GInit.WITHIN_SCATTER)) {
      classMeans = PLDAInit.classMeans(xd, d, groups);
    }
    double[] newF = f;
    if (newF == null) {
      if (fInit == FInit.RANDOM) {
        newF = scaled(rng.randn(d * rankF), fInitRatio);
      } else {
        newF = PLDAInit.leadingDirections(owner, "between-class", "rankF", "fInit BETWEEN_SCATTER",
            PLDAInit.betweenScatter(classMeans, groups.size(), d, parallelism), d, rankF);
      }
    }
    double[] newG = g;
    if (newG == null) {
      if (gInit == GInit.RANDOM || rankG == 0) {
        newG = scaled(rng.randn(d * rankG), gInitRatio);
      } else {
        newG = PLDAInit.leadingDirections(owner, "within-class", "rankG", "gInit WITHIN_SCATTER",
            PLDAInit.withinScatter(xd, d, groups, classMeans, parallelism), d, rankG);
      }
    }
    double[] newSigma = sigma;
    if (newSigma == null) {
      newSigma = new double[d];
      switch (sigmaInit) {
        case RANDOM:
          newSigma = rng.randn(d);
          for (int j = 0; j < d; j++) {
            newSigma[j] = Math.abs(newSigma[j]) * sigmaInitRatio;
          }
          break;
        case VARIANCE_G:
          for (int j = 0; j < d; j++) {
            double s = 0.0;
            for (int k = 0; k < rankG; k++) {
              s += newG[j * rankG + k];
            }
            newSigma[j] = Math.abs(s / rankG) * sigmaInitRatio;
          }
          break;
        case CONSTANT:
          Arrays.fill(newSigma, sigmaInitRatio);
          break;
        case VARIANCE_DATA:
          newSigma = PLDAInit.variance(xd, n, d, PLDAInit.mean(xd, n, d));
          for (int j = 0; j < d; j++) {
            newSigma[j] *= sigmaInitRatio;
          }
          break;
        default:
          throw new IllegalStateException("unknown sigmaInit " + sigmaInit);
      }
      floored(newSigma, varianceFloor);
      requirePositive(owner, newSigma, "initial sigma (sigmaInit " + sigmaInit + ")");
    }
    return new PLDA(toBuilder(), newMu, newF, newG, newSigma, FitReport.NOT_FITTED);
  }

  private static double[] scaled(double[] v, double ratio) {
    for (int k = 0; k < v.length; k++) {
      v[k] *= ratio;
    }
    return v;
  }

  private void requirePositive(String owner, double[] s, String what) {
    for (int j = 0; j < s.length; j++) {
      if (!(s[j] > 0) || Double.isInfinite(s[j])) {
        throw new NumericalFailureException(owner + ": " + what + " has sigma[" + j + "] = " + s[j]
            + ", which must be in (0, inf) (varianceFloor = " + varianceFloor + "); set"
            + " varianceFloor > 0, or remove constant or duplicated features");
      }
    }
  }

  /**
   * Trains the model by EM.
   *
   * @param x N×D samples; not modified
   * @param labels identity of each row (arbitrary ints); not modified
   * @return a new trained machine
   */
  public PLDA fit(Matrix x, int[] labels) {
    return fit(x, labels, FitMonitor.NONE);
  }

  /**
   * @param x N×D samples; not modified
   * @param labels identity of each row; not modified
   * @param monitor receives the training log-likelihood of each iteration; may stop the fit
   * @return a new trained machine
   * @throws DimensionMismatchException if x has not D columns or labels has not N entries
   * @throws IllegalArgumentException if x is empty or not finite, or no identity has two samples
   * @throws NumericalFailureException see {@link #initialize} and {@link #mStep}
   */
  public PLDA fit(Matrix x, int[] labels, FitMonitor monitor) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(monitor, "monitor");
    LabelGroups groups = LabelGroups.validated(owner, x, numFeatures, labels);
    groups.requireRepeatedIdentity(owner);
    PLDA current = initializeValidated(owner, x, groups);
    FitLoop loop = FitLoop.convergingOnScaledDifference(owner, "log-likelihood", LOG, monitor,
        iterations, convergenceThreshold);
    while (loop.running()) {
      PLDAStats stats = current.accumulate(x.data(), groups, null);
      current = current.update(owner, stats, FitReport.NOT_FITTED);
      loop.record(stats.logLikelihood());
    }
    if (!loop.converged() && !loop.stopped() && convergenceThreshold > 0 && iterations > 0) {
      LOG.log(Level.WARNING, OWNER + ".fit: stopped after " + loop.iterations() + " iterations"
          + " without convergence (threshold " + convergenceThreshold + ")");
    }
    return new PLDA(toBuilder(), current.mu, current.f, current.g, current.sigma,
        loop.report());
  }

  /**
   * The E-step: the statistics of the given identities under this machine's parameters.
   *
   * @param x N×D samples; not modified
   * @param labels identity of each row; not modified
   * @return new statistics
   * @throws NotFittedException if the parameters are not all known
   */
  public PLDAStats eStep(Matrix x, int[] labels) {
    String owner = OWNER + ".eStep";
    model("eStep");
    LabelGroups groups = LabelGroups.validated(owner, x, numFeatures, labels);
    return accumulate(x.data(), groups, null);
  }

  private PLDAStats accumulate(double[] x, LabelGroups groups, double[] firstOrder) {
    PLDAModel m = model;
    return Parallel.reduce(groups.size(), IDENTITY_CHUNK, parallelism,
        () -> new PLDAStats(numFeatures, rankF, rankG), PLDAStats::reset,
        (chunk, from, to, acc) -> {
          int capacity = 1;
          for (int i = from; i < to; i++) {
            capacity = Math.max(capacity, groups.count(i));
          }
          PLDAModel.Workspace ws = new PLDAModel.Workspace(m, capacity);
          for (int i = from; i < to; i++) {
            m.accumulateIdentity(x, groups.rows, groups.offsets[i], groups.offsets[i + 1], acc, ws,
                firstOrder);
          }
        }, PLDAStats::merge);
  }

  /**
   * The M-step.
   *
   * @param stats statistics of the whole training set (every identity whole); not modified
   * @return a new machine with the updated F, G and σ (μ unchanged; its report counts one
   *     iteration whose objective is the statistics' log-likelihood)
   * @throws DimensionMismatchException if the statistics' shape differs
   * @throws NumericalFailureException if {@code Σ E[z zᵀ]} is not positive definite or a new σ
   *     is not positive (messages give a remedy)
   */
  public PLDA mStep(PLDAStats stats) {
    String owner = OWNER + ".mStep";
    model("mStep");
    return update(owner, stats, new FitReport(1, false, false,
        new double[] {stats.logLikelihood()}));
  }

  private PLDA update(String owner, PLDAStats stats, FitReport r) {
    Objects.requireNonNull(stats, "stats");
    if (stats.numFeatures() != numFeatures || stats.rankF() != rankF
        || stats.rankG() != rankG) {
      throw new DimensionMismatchException(owner + ": stats have (D, n_f, n_g) = ("
          + stats.numFeatures() + ", " + stats.rankF() + ", " + stats.rankG()
          + ") but the machine has (" + numFeatures + ", " + rankF + ", " + rankG + ")");
    }
    if (stats.numSamples() < 1) {
      throw new IllegalArgumentException(owner + ": stats must contain at least 1 sample, got "
          + stats.numSamples());
    }
    int d = numFeatures;
    int kk = rankF + rankG;
    double[] so = stats.secondOrderArray().clone();
    Linalg.symmetrize(so, kk);
    double[] l = Linalg.choleskyLower(so, kk);
    if (l == null) {
      throw new NumericalFailureException(owner + ": the summed second moment Σ E[z zᵀ] of the"
          + " latent variables is not positive definite (Cholesky failed); reduce rankF or rankG,"
          + " or provide more identities and samples");
    }
    // B = numerator · (Σ E[z zᵀ])⁻¹, row by row (the matrix is symmetric)
    double[] b = stats.numeratorArray().clone();
    for (int j = 0; j < d; j++) {
      PLDAModel.choleskySolve(l, kk, b, j * kk);
    }
    double[] num = stats.numeratorArray();
    double[] sq = stats.squaresArray();
    double[] newSigma = new double[d];
    double inv = stats.numSamples();
    for (int j = 0; j < d; j++) {
      double s = 0.0;
      for (int k = 0; k < kk; k++) {
        s += b[j * kk + k] * num[j * kk + k];
      }
      newSigma[j] = (sq[j] - s) / inv;
    }
    floored(newSigma, varianceFloor);
    requirePositive(owner, newSigma, "the M-step");
    double[] newF = new double[d * rankF];
    double[] newG = new double[d * rankG];
    for (int j = 0; j < d; j++) {
      System.arraycopy(b, j * kk, newF, j * rankF, rankF);
      System.arraycopy(b, j * kk + rankF, newG, j * rankG, rankG);
    }
    return new PLDA(toBuilder(), mu, newF, newG, newSigma, r);
  }

  /**
   * The posterior moments of the latent variables of every sample (bob's trainer state
   * {@code z_first_order} and, with {@code use_sum_second_order = false}, {@code z_second_order}).
   *
   * @param x N×D samples; not modified
   * @param labels identity of each row; not modified
   * @return the posteriors
   * @throws NotFittedException if the parameters are not all known
   */
  public Posteriors posteriors(Matrix x, int[] labels) {
    String owner = OWNER + ".posteriors";
    PLDAModel m = model("posteriors");
    LabelGroups groups = LabelGroups.validated(owner, x, numFeatures, labels);
    int kk = rankF + rankG;
    double[] first = new double[Math.multiplyExact(x.rows(), kk)];
    PLDAStats stats = accumulate(x.data(), groups, first);
    int[] counts = new int[x.rows()];
    Map<Integer, double[]> constant = new HashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      int a = groups.count(i);
      for (int k = groups.offsets[i]; k < groups.offsets[i + 1]; k++) {
        counts[groups.rows[k]] = a;
      }
      constant.computeIfAbsent(a, c -> covarianceBlock(m.terms(c)));
    }
    return new Posteriors(x.rows(), kk, first, counts, constant, stats);
  }

  private double[] covarianceBlock(PLDAModel.CountTerms t) {
    int nf = rankF;
    int ng = rankG;
    int kk = nf + ng;
    double[] c = new double[kk * kk];
    for (int l = 0; l < nf; l++) {
      System.arraycopy(t.gamma, l * nf, c, l * kk, nf);
      for (int k = 0; k < ng; k++) {
        c[l * kk + nf + k] = t.iota[l * ng + k];
        c[(nf + k) * kk + l] = t.iota[l * ng + k];
      }
    }
    for (int k = 0; k < ng; k++) {
      System.arraycopy(t.zeta, k * ng, c, (nf + k) * kk + nf, ng);
    }
    return c;
  }

  /**
   * Posterior moments of {@code z_ij = [h_i; w_ij]} for each sample, given all samples of its
   * identity: first order {@code E[z]} per row, second order
   * {@code E[z zᵀ] = Cov[z] + E[z] E[z]ᵀ}, where the covariance depends only on the size of the
   * identity (so it is stored once per size and expanded on request).
   */
  public static final class Posteriors {
    private final int rows;
    private final int rank;
    private final double[] firstOrder;
    private final int[] counts;
    private final Map<Integer, double[]> covariance;
    private final PLDAStats stats;

    private Posteriors(int rows, int rank, double[] firstOrder, int[] counts,
        Map<Integer, double[]> covariance, PLDAStats stats) {
      this.rows = rows;
      this.rank = rank;
      this.firstOrder = firstOrder;
      this.counts = counts;
      this.covariance = covariance;
      this.stats = stats;
    }

    /** @return E[z] of every sample, N×K (row = the row of x; columns: n_f then n_g); a copy */
    public Matrix firstOrder() {
      return Matrix.copyOf(rows, rank, firstOrder);
    }

    /**
     * @param row a row of x
     * @return E[z zᵀ] of that sample, K×K
     */
    public Matrix secondOrder(int row) {
      Objects.checkIndex(row, rows);
      double[] c = covariance.get(counts[row]).clone();
      int off = row * rank;
      for (int i = 0; i < rank; i++) {
        for (int j = 0; j < rank; j++) {
          c[i * rank + j] += firstOrder[off + i] * firstOrder[off + j];
        }
      }
      return Matrix.wrap(rank, rank, c);
    }

    /** @return a copy of the E-step statistics of the same pass (incl. Σ E[z zᵀ]) */
    public PLDAStats stats() {
      return stats.copy();
    }
  }

  // ------------------------------------------------------------------------------------------
  // enrolment and scoring

  /**
   * An enrolled identity: what scoring needs from its n enrolment samples (bob's
   * {@code PLDAMachine} state {@code n_samples}, {@code weighted_sum},
   * {@code nh_sum_xit_beta_xi}, {@code loglikelihood}). Valid only with the {@link PLDA} that
   * produced it. Immutable.
   */
  public static final class Enrollment {
    private final int numSamples;
    private final double[] weightedSum;
    private final double quadraticTerm;
    private final double logLikelihood;

    private Enrollment(int numSamples, double[] weightedSum, double quadraticTerm,
        double logLikelihood) {
      this.numSamples = numSamples;
      this.weightedSum = weightedSum;
      this.quadraticTerm = quadraticTerm;
      this.logLikelihood = logLikelihood;
    }

    /**
     * An enrolment from stored values (for example read back from a file).
     *
     * @param numSamples n, {@code >= 1}
     * @param weightedSum {@code Fᵀβ Σ x̃}, length n_f; copied
     * @param quadraticTerm {@code −½ Σ x̃ᵀ β x̃}
     * @param logLikelihood the log-likelihood of the enrolment samples
     * @return the enrolment
     */
    public static Enrollment of(int numSamples, double[] weightedSum, double quadraticTerm,
        double logLikelihood) {
      String owner = OWNER + ".Enrollment.of";
      Check.atLeast(owner, "numSamples", numSamples, 1);
      Objects.requireNonNull(weightedSum, "weightedSum");
      Check.finite(owner, "weightedSum", weightedSum);
      Check.finite(owner, "quadraticTerm", quadraticTerm);
      Check.finite(owner, "logLikelihood", logLikelihood);
      return new Enrollment(numSamples, weightedSum.clone(), quadraticTerm, logLikelihood);
    }

    /** @return n, the number of enrolment samples */
    public int numSamples() {
      return numSamples;
    }

    /** @return a copy of {@code Fᵀβ Σ x̃}, length n_f */
    public double[] weightedSum() {
      return weightedSum.clone();
    }

    /** @return {@code −½ Σ x̃ᵀ β x̃} */
    public double quadraticTerm() {
      return quadraticTerm;
    }

    /** @return the log-likelihood of the enrolment samples */
    public double logLikelihood() {
      return logLikelihood;
    }

    @Override
    public String toString() {
      return OWNER + ".Enrollment[numSamples=" + numSamples + ", logLikelihood=" + logLikelihood
          + "]";
    }
  }

  private Matrix checkSamples(String owner, String name, Matrix x) {
    Objects.requireNonNull(x, name);
    Check.nonEmpty(owner, name, x);
    Check.columns(owner, name, x, numFeatures, "the model has D");
    return Check.finite(owner, name, x);
  }

  private void checkEnrollment(String owner, Enrollment e) {
    Objects.requireNonNull(e, "enrollment");
    if (e.weightedSum.length != rankF) {
      throw new DimensionMismatchException(owner + ": enrollment has a weighted sum of length "
          + e.weightedSum.length + " but the model has n_f = " + rankF);
    }
  }

  /**
   * Enrols an identity from any number of samples.
   *
   * @param samples n×D, n ≥ 1; not modified
   * @return the enrolment
   */
  public Enrollment enroll(Matrix samples) {
    String owner = OWNER + ".enroll";
    PLDAModel m = model("enroll");
    checkSamples(owner, "samples", samples);
    int n = samples.rows();
    PLDAModel.Workspace ws = new PLDAModel.Workspace(m, 1);
    double[] st = m.setStatistics(samples.data(), 0, n, ws);
    PLDAModel.CountTerms t = m.terms(n);
    double ll = t.constant + st[rankF] + 0.5 * m.gammaQuadratic(st, 0, t.gamma);
    return new Enrollment(n, Arrays.copyOf(st, rankF), st[rankF], ll);
  }

  /**
   * The marginal log-likelihood of a set of samples of one identity.
   *
   * @param samples m×D, m ≥ 1; not modified
   * @return {@code log p(x_1 .. x_m)}
   */
  public double logLikelihood(Matrix samples) {
    String owner = OWNER + ".logLikelihood";
    PLDAModel m = model("logLikelihood");
    checkSamples(owner, "samples", samples);
    int n = samples.rows();
    double[] st = m.setStatistics(samples.data(), 0, n, new PLDAModel.Workspace(m, 1));
    PLDAModel.CountTerms t = m.terms(n);
    return t.constant + st[rankF] + 0.5 * m.gammaQuadratic(st, 0, t.gamma);
  }

  /**
   * The joint marginal log-likelihood of the enrolment samples and {@code samples} as one
   * identity (bob's {@code compute_log_likelihood(samples, enroll=True)}).
   *
   * @param enrollment an enrolment of this model
   * @param samples m×D, m ≥ 1; not modified
   * @return {@code log p(e ∪ samples)}
   */
  public double logLikelihood(Enrollment enrollment, Matrix samples) {
    String owner = OWNER + ".logLikelihood";
    PLDAModel m = model("logLikelihood");
    checkEnrollment(owner, enrollment);
    checkSamples(owner, "samples", samples);
    int n = samples.rows();
    double[] st = m.setStatistics(samples.data(), 0, n, new PLDAModel.Workspace(m, 1));
    for (int l = 0; l < rankF; l++) {
      st[l] += enrollment.weightedSum[l];
    }
    PLDAModel.CountTerms t = m.terms(enrollment.numSamples + n);
    return t.constant + enrollment.quadraticTerm + st[rankF]
        + 0.5 * m.gammaQuadratic(st, 0, t.gamma);
  }

  /**
   * The verification score of a probe set against an enrolled identity (bob's {@code forward}):
   * {@code log p(e ∪ p) − log p(p) − log p(e)}, with {@code log p(e)} the enrolment's stored
   * log-likelihood.
   *
   * @param enrollment an enrolment of this model
   * @param probe m×D probe samples, m ≥ 1 (one-vs-one with m = 1); not modified
   * @return the log-likelihood ratio
   */
  public double score(Enrollment enrollment, Matrix probe) {
    String owner = OWNER + ".score";
    PLDAModel m = model("score");
    checkEnrollment(owner, enrollment);
    checkSamples(owner, "probe", probe);
    int mm = probe.rows();
    PLDAModel.Workspace ws = new PLDAModel.Workspace(m, 1);
    double[] sp = new double[rankF];
    double[] one = new double[rankF];
    for (int r = 0; r < mm; r++) {
      m.project(probe.data(), r, ws, one, 0);
      for (int l = 0; l < rankF; l++) {
        sp[l] += one[l];
      }
    }
    return llr(m, enrollment, sp, 0, mm, m.terms(mm));
  }

  /**
   * {@code c_{n+m} − c_m + q_e − L_e + ½ (s'ᵀ γ_{n+m} s' − s_pᵀ γ_m s_p)} with
   * {@code s' = s_e + s_p}: the LLR with the probe's quadratic term cancelled analytically.
   */
  private double llr(PLDAModel m, Enrollment e, double[] sp, int offset, int mm,
      PLDAModel.CountTerms probeTerms) {
    PLDAModel.CountTerms joint = m.terms(e.numSamples + mm);
    double[] both = new double[rankF];
    for (int l = 0; l < rankF; l++) {
      both[l] = e.weightedSum[l] + sp[offset + l];
    }
    return joint.constant - probeTerms.constant + e.quadraticTerm - e.logLikelihood
        + 0.5 * (m.gammaQuadratic(both, 0, joint.gamma)
            - m.gammaQuadratic(sp, offset, probeTerms.gamma));
  }

  /**
   * Enrols {@code enrollment} and scores {@code probe} against it.
   *
   * @param enrollment n×D enrolment samples; not modified
   * @param probe m×D probe samples; not modified
   * @return the log-likelihood ratio
   */
  public double score(Matrix enrollment, Matrix probe) {
    return score(enroll(enrollment), probe);
  }

  /**
   * Scores every probe vector (one sample each) against every enrolled identity.
   *
   * @param models enrolments of this model
   * @param probes P×D, one probe per row; not modified
   * @return models.size()×P log-likelihood ratios
   */
  public Matrix scores(List<Enrollment> models, Matrix probes) {
    String owner = OWNER + ".scores";
    PLDAModel m = model("scores");
    Objects.requireNonNull(models, "models");
    for (Enrollment e : models) {
      checkEnrollment(owner, e);
    }
    checkSamples(owner, "probes", probes);
    int p = probes.rows();
    int nf = rankF;
    double[] sp = new double[Math.multiplyExact(p, nf)];
    Parallel.forEachChunk(p, SCORE_CHUNK, parallelism, (r0, r1) -> {
      PLDAModel.Workspace ws = new PLDAModel.Workspace(m, 1);
      for (int r = r0; r < r1; r++) {
        m.project(probes.data(), r, ws, sp, r * nf);
      }
    });
    PLDAModel.CountTerms one = m.terms(1);
    double[] out = new double[Math.multiplyExact(models.size(), p)];
    Parallel.forEachChunk(models.size(), SCORE_CHUNK, parallelism, (m0, m1) -> {
      for (int k = m0; k < m1; k++) {
        Enrollment e = models.get(k);
        for (int r = 0; r < p; r++) {
          out[k * p + r] = llr(m, e, sp, r * nf, 1, one);
        }
      }
    });
    return Matrix.wrap(models.size(), p, out);
  }

  @Override
  public String toString() {
    return OWNER + "[D=" + numFeatures + ", rankF=" + rankF + ", rankG=" + rankG + ", iterations="
        + iterations + ", convergenceThreshold=" + convergenceThreshold + ", varianceFloor="
        + varianceFloor + ", fInit=" + fInit + "(" + fInitRatio + "), gInit=" + gInit + "("
        + gInitRatio + "), sigmaInit=" + sigmaInit + "(" + sigmaInitRatio + "), seed=" + seed
        + ", parallelism=" + parallelism + ", fitted=" + isFitted() + ", report=" + report + "]";
  }
}
