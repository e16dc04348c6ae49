package org.emkit.fa;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.FitMonitor;
import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.Numerics;
import org.emkit.core.internal.FitLoop;
import org.emkit.core.internal.Linalg;
import org.emkit.core.internal.Parallel;
import org.emkit.core.random.NumpyRandom;
import org.emkit.core.validation.Check;

/**
 * Probabilistic principal component analysis trained by EM: a q-dimensional linear-Gaussian
 * latent model of f-dimensional data whose maximum-likelihood W spans the principal subspace.
 *
 * <p><b>Model.</b>
 *
 * <pre>
 *   t = W x + μ + ε,    x ~ N(0, I_q),    ε ~ N(0, σ² I_f),    so  t ~ N(μ, C),  C = σ² I + W Wᵀ
 * </pre>
 *
 * with W f×q. The log-likelihood of N samples with scatter {@code S = (1/N) Σ (t − μ)(t − μ)ᵀ}
 * is {@code −N/2 (f ln 2π + ln|C| + tr(C⁻¹ S))}; it is evaluated with
 * {@code |C| = σ^{2(f−q)} |M|} and {@code C⁻¹ = (I − W M⁻¹ Wᵀ)/σ²}, {@code M = Wᵀ W + σ² I}
 * (Sylvester and Woodbury), so nothing f×f is formed.
 *
 * <p><b>Algorithm.</b> E-step ({@link #eStep}): {@code E[x_n] = M⁻¹ Wᵀ (t_n − μ)},
 * {@code E[x_n x_nᵀ] = σ² M⁻¹ + E[x_n] E[x_n]ᵀ}, summed into {@link EMPCAStats}. M-step
 * ({@link #mStep}): {@code W' = (Σ t̃ E[x]ᵀ)(Σ E[x xᵀ])⁻¹} (Cholesky solve) and, with the new W',
 * {@code σ² = (1/(N f)) Σ_n (‖t̃_n‖² − 2 E[x_n]ᵀ W'ᵀ t̃_n + tr(E[x_n x_nᵀ] W'ᵀ W'))}, evaluated
 * from the summed statistics. μ is the data mean and stays fixed. {@link #fit} runs
 * {@code iterations} E+M iterations; the objective of iteration k is the log-likelihood of the
 * parameters entering it (computed by its E-step at no extra cost), and the fit stops early when
 * {@code |L_k − L_{k−1}| ≤ convergenceThreshold·|L_{k−1}|} (that iteration's M-step is applied).
 * EM never decreases the log-likelihood.
 *
 * <p><b>Initialisation.</b> μ = the data mean; W and σ² not given are drawn as bob does,
 * {@code W_ij = 2·U(0,1)} (row-major) then {@code σ² = 2·U(0,1)}, from numpy's
 * {@code RandomState(seed).rand}.
 *
 * <p><b>Shapes.</b> t: N×f (one sample per row); μ: length f; W: f×q; {@link #transform}: N×q.
 *
 * <p><b>Parameters.</b> {@code numFeatures} f ≥ 1 and {@code rank} q in [1, f] (required);
 * {@code iterations} ≥ 0 (default 50, bob's {@code train} default); {@code convergenceThreshold}
 * ≥ 0 (default 0: all iterations run unless the log-likelihood stops changing);
 * {@code numerics} (default STANDARD, see Compatibility); {@code seed} (default 0);
 * {@code parallelism} ≥ 1 (default 1); optional initial {@code w} and {@code sigma2}.
 *
 * <p><b>Reproducibility and threads.</b> The E-step runs over fixed chunks of 1024 rows with one
 * accumulator per chunk, merged in chunk order: bitwise identical for every {@code parallelism}.
 * Immutable and thread-safe.
 *
 * <p><b>Compatibility.</b> bob.learn.em 2.1.8's {@code EMPCATrainer} (E- and M-steps identical).
 * bob's {@code compute_likelihood} uses the scatter with divisor N − 1, which is not the data
 * log-likelihood (and EM does not maximise it); {@link Numerics#BOB_COMPATIBLE} makes
 * {@link #logLikelihood(Matrix)} and the fit objectives use it, reproducing bob's test values
 * (−32.8443 and −30.8559, SPEC §11.3); {@link Numerics#STANDARD} reports the true
 * log-likelihood. The random initialisation uses numpy's generator instead of boost's mt19937.
 * bob trains a linear machine whose output is {@code Wᵀ(t − μ)}; {@link #transform} returns the
 * posterior mean {@code M⁻¹ Wᵀ (t − μ)} instead.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>M. E. Tipping, C. M. Bishop, "Probabilistic principal component analysis", JRSS B 61(3),
 *       1999. https://doi.org/10.1111/1467-9868.00196
 *   <li>S. Roweis, "EM algorithms for PCA and SPCA", NIPS 10, 1998.
 *   <li>C. M. Bishop, Pattern Recognition and Machine Learning, Springer, 2006, §12.2.
 * </ol>
 *
 * @see EMPCAStats
 */
public final class EMPCA {

  /** Rows per E-step chunk; fixed so that results do not depend on the thread count. */
  static final int CHUNK_ROWS = 1024;

  private static final String OWNER = "EMPCA";
  private static final Logger LOG = System.getLogger(EMPCA.class.getName());

  private final int numFeatures;
  private final int rank;
  private final int iterations;
  private final double convergenceThreshold;
  private final Numerics numerics;
  private final long seed;
  private final int parallelism;
  private final double[] mean;
  private final double[] w;
  private final double sigma2;
  private final FitReport report;
  /** M⁻¹ (q×q) and ln|C|, or null when not fitted. */
  private final double[] invM;
  private final double logDetC;

  private EMPCA(Builder b, double[] mean, double[] w, double sigma2, FitReport report) {
    this.numFeatures = b.numFeatures;
    this.rank = b.rank;
    this.iterations = b.iterations;
    this.convergenceThreshold = b.convergenceThreshold;
    this.numerics = b.numerics;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
    this.mean = mean;
    this.w = w;
    this.sigma2 = sigma2;
    this.report = report;
    if (mean != null && w != null && sigma2 > 0) {
      int q = rank;
      double[] m = new double[q * q];
      for (int i = 0; i < q; i++) {
        for (int j = 0; j <= i; j++) {
          double s = 0.0;
          for (int r = 0; r < numFeatures; r++) {
            s += w[r * q + i] * w[r * q + j];
          }
          m[i * q + j] = s;
          m[j * q + i] = s;
        }
        m[i * q + i] += sigma2;
      }
      double[] l = Linalg.choleskyLower(m, q);
      if (l == null) {
        throw new NumericalFailureException(OWNER + ": M = Wᵀ W + σ² I is not positive definite"
            + " (Cholesky failed); check that W and σ² are finite");
      }
      this.invM = PLDAModel.inverseFromCholesky(l, q);
      this.logDetC = (numFeatures - q) * Math.log(sigma2) + PLDAModel.logDetFromCholesky(l, q);
    } else {
      this.invM = null;
      this.logDetC = Double.NaN;
    }
  }

  /**
   * @param numFeatures f, {@code >= 1}
   * @param rank q, the latent dimension, in [1, f]
   * @return a builder with the defaults
   */
  public static Builder builder(int numFeatures, int rank) {
    return new Builder(numFeatures, rank);
  }

  /**
   * A ready-to-use machine from parameters.
   *
   * @param mean μ, length f; copied
   * @param w W, f×q; copied
   * @param sigma2 σ², in (0, inf)
   * @return the machine
   */
  public static EMPCA fromParameters(double[] mean, Matrix w, double sigma2) {
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(w, "w");
    return builder(mean.length, w.cols()).mean(mean).w(w).sigma2(sigma2).build();
  }

  /** @return a builder preset with this machine's hyperparameters and parameters */
  public Builder toBuilder() {
    Builder b = new Builder(numFeatures, rank);
    b.iterations = iterations;
    b.convergenceThreshold = convergenceThreshold;
    b.numerics = numerics;
    b.seed = seed;
    b.parallelism = parallelism;
    b.mean = mean == null ? null : mean.clone();
    b.w = w == null ? null : w.clone();
    b.sigma2 = sigma2;
    return b;
  }

  /** Builder of {@link EMPCA}. */
  public static final class Builder {
    private final int numFeatures;
    private final int rank;
    private int iterations = 50;
    private double convergenceThreshold = 0.0;
    private Numerics numerics = Numerics.STANDARD;
    private long seed;
    private int parallelism = 1;
    private double[] mean;
    private double[] w;
    private double sigma2 = Double.NaN;

    private Builder(int numFeatures, int rank) {
      String owner = OWNER + ".builder";
      this.numFeatures = Check.atLeast(owner, "numFeatures", numFeatures, 1);
      this.rank = Check.inClosed(owner, "rank", rank, 1, numFeatures);
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
     * @param convergenceThreshold stop when the relative change of the log-likelihood is at
     *     most this, {@code >= 0} (default 0)
     * @return this
     */
    public Builder convergenceThreshold(double convergenceThreshold) {
      this.convergenceThreshold = Check.nonNegative(OWNER, "convergenceThreshold",
          convergenceThreshold);
      return this;
    }

    /**
     * @param numerics STANDARD (the true log-likelihood) or BOB_COMPATIBLE (bob's N − 1
     *     variant) for the reported likelihoods (default STANDARD)
     * @return this
     */
    public Builder numerics(Numerics numerics) {
      this.numerics = Objects.requireNonNull(numerics, "numerics");
      return this;
    }

    /**
     * @param seed seed in [0, 2³²−1] of numpy's RandomState for the initial W and σ² (default 0)
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
     * @param mean μ, length f; copied (kept by {@link #fit} instead of the data mean)
     * @return this
     */
    public Builder mean(double[] mean) {
      Check.length(OWNER, "mean", mean, numFeatures, "f");
      this.mean = Check.finite(OWNER, "mean", mean).clone();
      return this;
    }

    /**
     * @param w W, f×q; copied (the initial value of {@link #fit})
     * @return this
     */
    public Builder w(Matrix w) {
      Check.shape(OWNER, "w", w, numFeatures, rank);
      this.w = Check.finite(OWNER, "w", w).toArray();
      return this;
    }

    /**
     * @param sigma2 σ², in (0, inf) (the initial value of {@link #fit})
     * @return this
     */
    public Builder sigma2(double sigma2) {
      Check.positive(OWNER, "sigma2", sigma2);
      this.sigma2 = Check.finite(OWNER, "sigma2", sigma2);
      return this;
    }

    /** @return the machine (ready to use if mean, w and sigma2 were all given) */
    public EMPCA build() {
      return new EMPCA(this, mean == null ? null : mean.clone(), w == null ? null : w.clone(),
          sigma2, FitReport.NOT_FITTED);
    }
  }

  // ------------------------------------------------------------------------------------------
  // accessors

  /** @return f */
  public int numFeatures() {
    return numFeatures;
  }

  /** @return q */
  public int rank() {
    return rank;
  }

  /** @return EM iterations of {@link #fit} */
  public int iterations() {
    return iterations;
  }

  /** @return the relative log-likelihood change at which {@link #fit} stops */
  public double convergenceThreshold() {
    return convergenceThreshold;
  }

  /** @return which log-likelihood is reported */
  public Numerics numerics() {
    return numerics;
  }

  /** @return the seed of the random initialisation */
  public long seed() {
    return seed;
  }

  /** @return threads */
  public int parallelism() {
    return parallelism;
  }

  /** @return the fit report (objective: log-likelihood entering each iteration) */
  public FitReport report() {
    return report;
  }

  /** @return whether μ, W and σ² are known */
  public boolean isFitted() {
    return invM != null;
  }

  private void requireFitted(String method) {
    if (invM == null) {
      throw NotFittedException.of(OWNER + "." + method);
    }
  }

  /** @return a copy of μ, length f */
  public double[] mean() {
    requireFitted("mean");
    return mean.clone();
  }

  /** @return a copy of W, f×q */
  public Matrix w() {
    requireFitted("w");
    return Matrix.copyOf(numFeatures, rank, w);
  }

  /** @return σ² */
  public double sigma2() {
    requireFitted("sigma2");
    return sigma2;
  }

  // ------------------------------------------------------------------------------------------
  // training

  private Matrix checkData(String owner, Matrix x) {
    Objects.requireNonNull(x, "x");
    Check.nonEmpty(owner, "x", x);
    Check.columns(owner, "x", x, numFeatures, "the model has f");
    return Check.finite(owner, "x", x);
  }

  /**
   * Sets μ to the data mean (unless given) and draws W and σ² not given, without running EM.
   *
   * @param x N×f samples; not modified
   * @return a new machine with all parameters set
   */
  public EMPCA initialize(Matrix x) {
    return initializeValidated(checkData(OWNER + ".initialize", x));
  }

  private EMPCA initializeValidated(Matrix x) {
    double[] mu = mean != null ? mean : PLDAInit.mean(x.data(), x.rows(), numFeatures);
    NumpyRandom rng = new NumpyRandom(seed);
    double[] w0 = w;
    if (w0 == null) {
      w0 = rng.rand(numFeatures * rank);
      for (int k = 0; k < w0.length; k++) {
        w0[k] *= 2.0;
      }
    }
    double s0 = Double.isNaN(sigma2) ? 2.0 * rng.rand() : sigma2;
    return new EMPCA(toBuilder(), mu, w0, s0, FitReport.NOT_FITTED);
  }

  /**
   * Trains W and σ² by EM.
   *
   * @param x N×f samples; not modified
   * @return a new trained machine
   */
  public EMPCA fit(Matrix x) {
    return fit(x, FitMonitor.NONE);
  }

  /**
   * @param x N×f samples; not modified
   * @param monitor receives the log-likelihood entering each iteration; may stop the fit
   * @return a new trained machine
   * @throws DimensionMismatchException if x has not f columns
   * @throws IllegalArgumentException if x is empty or not finite
   * @throws NumericalFailureException if an M-step breaks down (see {@link #mStep})
   */
  public EMPCA fit(Matrix x, FitMonitor monitor) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(monitor, "monitor");
    checkData(owner, x);
    EMPCA current = initializeValidated(x);
    FitLoop loop = FitLoop.convergingOnScaledDifference(owner, "log-likelihood", LOG, monitor,
        iterations, convergenceThreshold);
    while (loop.running()) {
      EMPCAStats stats = current.accumulate(x);
      double ll = current.reported(stats);
      current = current.update(owner, stats, FitReport.NOT_FITTED);
      loop.record(ll);
    }
    if (!loop.converged() && !loop.stopped() && convergenceThreshold > 0 && iterations > 0) {
      LOG.log(Level.WARNING, OWNER + ".fit: stopped after " + loop.iterations() + " iterations"
          + " without convergence (threshold " + convergenceThreshold + ")");
    }
    return new EMPCA(toBuilder(), current.mean, current.w, current.sigma2, loop.report());
  }

  /** The log-likelihood to report from statistics, per {@link #numerics}. */
  private double reported(EMPCAStats stats) {
    double ll = stats.logLikelihood();
    long n = stats.numSamples();
    if (numerics == Numerics.BOB_COMPATIBLE && n > 1) {
      // bob: tr(C⁻¹ S) with S = scatter / (N − 1): the quadratic part scaled by N / (N − 1)
      ll -= 0.5 * stats.quadraticSum() / (n - 1);
    }
    return ll;
  }

  /**
   * The E-step.
   *
   * @param x N×f samples; not modified
   * @return new statistics under this machine's parameters
   */
  public EMPCAStats eStep(Matrix x) {
    String owner = OWNER + ".eStep";
    requireFitted("eStep");
    return accumulate(checkData(owner, x));
  }

  private EMPCAStats accumulate(Matrix x) {
    int f = numFeatures;
    int q = rank;
    double[] xd = x.data();
    double constant = f * PLDAModel.LOG_2PI + logDetC;
    return Parallel.reduce(x.rows(), CHUNK_ROWS, parallelism, () -> new EMPCAStats(f, q),
        EMPCAStats::reset, (chunk, from, to, acc) -> {
          double[] t = new double[f];
          double[] wt = new double[q];
          double[] ex = new double[q];
          double[] num = acc.numeratorArray();
          double[] so = acc.secondOrderArray();
          double squares = 0.0;
          double quadratic = 0.0;
          for (int r = from; r < to; r++) {
            double sq = 0.0;
            for (int j = 0; j < f; j++) {
              t[j] = xd[r * f + j] - mean[j];
              sq += t[j] * t[j];
            }
            // wt = Wᵀ t̃, E[x] = M⁻¹ wt
            Arrays.fill(wt, 0.0);
            for (int j = 0; j < f; j++) {
              double tj = t[j];
              for (int k = 0; k < q; k++) {
                wt[k] += w[j * q + k] * tj;
              }
            }
            double proj = 0.0;
            for (int k = 0; k < q; k++) {
              double s = 0.0;
              for (int l = 0; l < q; l++) {
                s += invM[k * q + l] * wt[l];
              }
              ex[k] = s;
              proj += wt[k] * s;
            }
            // t̃ᵀ C⁻¹ t̃ = (‖t̃‖² − (Wᵀt̃)ᵀ M⁻¹ Wᵀt̃) / σ²
            double quad = (sq - proj) / sigma2;
            squares += sq;
            quadratic += quad;
            for (int j = 0; j < f; j++) {
              double tj = t[j];
              for (int k = 0; k < q; k++) {
                num[j * q + k] += tj * ex[k];
              }
            }
            for (int k = 0; k < q; k++) {
              for (int l = 0; l < q; l++) {
                so[k * q + l] += ex[k] * ex[l];
              }
            }
          }
          int count = to - from;
          for (int k = 0; k < q * q; k++) {
            so[k] += count * sigma2 * invM[k];
          }
          acc.add(count, squares, quadratic, -0.5 * (count * constant + quadratic));
        }, EMPCAStats::merge);
  }

  /**
   * The M-step.
   *
   * @param stats statistics of the whole training set; not modified
   * @return a new machine with the updated W and σ² (its report counts one iteration whose
   *     objective is the statistics' log-likelihood)
   * @throws NumericalFailureException if {@code Σ E[x xᵀ]} is not positive definite or the new
   *     σ² is not positive (choose a smaller rank)
   */
  public EMPCA mStep(EMPCAStats stats) {
    requireFitted("mStep");
    return update(OWNER + ".mStep", stats,
        new FitReport(1, false, false, new double[] {reported(stats)}));
  }

  private EMPCA update(String owner, EMPCAStats stats, FitReport r) {
    Objects.requireNonNull(stats, "stats");
    if (stats.numFeatures() != numFeatures || stats.rank() != rank) {
      throw new DimensionMismatchException(owner + ": stats have (f, q) = (" + stats.numFeatures()
          + ", " + stats.rank() + ") but the machine has (" + numFeatures + ", " + rank + ")");
    }
    if (stats.numSamples() < 1) {
      throw new IllegalArgumentException(owner + ": stats must contain at least 1 sample, got "
          + stats.numSamples());
    }
    int f = numFeatures;
    int q = rank;
    double[] so = stats.secondOrderArray().clone();
    Linalg.symmetrize(so, q);
    double[] l = Linalg.choleskyLower(so, q);
    if (l == null) {
      throw new NumericalFailureException(owner + ": Σ E[x xᵀ] is not positive definite"
          + " (Cholesky failed); choose a smaller rank or provide more samples");
    }
    double[] newW = stats.numeratorArray().clone();
    for (int j = 0; j < f; j++) {
      PLDAModel.choleskySolve(l, q, newW, j * q);
    }
    double[] num = stats.numeratorArray();
    double cross = 0.0;
    for (int k = 0; k < newW.length; k++) {
      cross += newW[k] * num[k];
    }
    // tr(Σ E[x xᵀ] · W'ᵀ W')
    double trace = 0.0;
    for (int a = 0; a < q; a++) {
      for (int b = 0; b < q; b++) {
        double wtw = 0.0;
        for (int j = 0; j < f; j++) {
          wtw += newW[j * q + b] * newW[j * q + a];
        }
        trace += so[a * q + b] * wtw;
      }
    }
    double s2 = (stats.sumSquares() - 2 * cross + trace) / ((double) stats.numSamples() * f);
    if (!(s2 > 0) || Double.isInfinite(s2)) {
      throw new NumericalFailureException(owner + ": the new σ² = " + s2 + " must be in (0, inf);"
          + " the data lie in a subspace of dimension <= rank = " + q + "; choose a smaller rank");
    }
    return new EMPCA(toBuilder(), mean, newW, s2, r);
  }

  // ------------------------------------------------------------------------------------------
  // inference

  /**
   * The log-likelihood of samples: with STANDARD numerics {@code Σ_n ln N(t_n; μ, C)}; with
   * BOB_COMPATIBLE, bob's {@code −N/2 (f ln 2π + ln|C| + tr(C⁻¹ S))} with
   * {@code S = Σ (t − μ)(t − μ)ᵀ / (N − 1)}.
   *
   * @param x N×f samples; not modified
   * @return the log-likelihood
   */
  public double logLikelihood(Matrix x) {
    String owner = OWNER + ".logLikelihood";
    requireFitted("logLikelihood");
    return reported(accumulate(checkData(owner, x)));
  }

  /**
   * The posterior means of the latent vectors.
   *
   * @param x N×f samples; not modified
   * @return N×q, row n = {@code M⁻¹ Wᵀ (t_n − μ)}
   */
  public Matrix transform(Matrix x) {
    String owner = OWNER + ".transform";
    requireFitted("transform");
    checkData(owner, x);
    int f = numFeatures;
    int q = rank;
    double[] xd = x.data();
    double[] out = new double[Math.multiplyExact(x.rows(), q)];
    Parallel.forEachChunk(x.rows(), CHUNK_ROWS, parallelism, (r0, r1) -> {
      double[] wt = new double[q];
      for (int r = r0; r < r1; r++) {
        Arrays.fill(wt, 0.0);
        for (int j = 0; j < f; j++) {
          double tj = xd[r * f + j] - mean[j];
          for (int k = 0; k < q; k++) {
            wt[k] += w[j * q + k] * tj;
          }
        }
        for (int k = 0; k < q; k++) {
          double s = 0.0;
          for (int l = 0; l < q; l++) {
            s += invM[k * q + l] * wt[l];
          }
          out[r * q + k] = s;
        }
      }
    });
    return Matrix.wrap(x.rows(), q, out);
  }

  @Override
  public String toString() {
    return OWNER + "[f=" + numFeatures + ", q=" + rank + ", iterations=" + iterations
        + ", convergenceThreshold=" + convergenceThreshold + ", numerics=" + numerics + ", seed="
        + seed + ", parallelism=" + parallelism + ", fitted=" + isFitted() + ", report=" + report
        + "]";
  }
}
