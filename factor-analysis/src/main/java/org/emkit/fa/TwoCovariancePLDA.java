package org.emkit.fa;

import java.lang.System.Logger;
import java.util.Arrays;
import java.util.List;
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
import org.emkit.core.validation.Check;

/**
 * The two-covariance (simplified) PLDA commonly used on length-normalised i-vectors: each
 * identity has a latent class mean with a full between-class covariance B, each sample adds
 * full-covariance within-class noise W, and verification scores are closed-form log-likelihood
 * ratios.
 *
 * <p><b>Model.</b>
 *
 * <pre>
 *   x_ij = y_i + ε_ij,     y_i ~ N(μ, B),     ε_ij ~ N(0, W)
 * </pre>
 *
 * so {@code Cov[x_ij, x_ik] = B + δ_jk W}. This is {@link PLDA} with a full-rank identity
 * subspace and full within-class covariance ({@code B = F Fᵀ}, {@code W = G Gᵀ + Σ}): a PLDA
 * machine and a two-covariance machine with those B and W give the same scores.
 *
 * <p><b>Simultaneous diagonalisation.</b> With the Cholesky factor {@code W = L Lᵀ} and the
 * eigen-decomposition {@code L⁻¹ B L⁻ᵀ = Q Ψ Qᵀ}, the transform {@code V = L⁻ᵀ Q} gives
 * {@code Vᵀ W V = I} and {@code Vᵀ B V = Ψ = diag(ψ)}. In the coordinates
 * {@code u = Vᵀ (x − μ)} the features are independent: {@code u_ijk = y_ik + e_ijk} with
 * {@code y_ik ~ N(0, ψ_k)}, {@code e_ijk ~ N(0, 1)}.
 *
 * <p><b>Scores.</b> Only the sample counts and the transformed means ū of the two sets matter.
 * For an enrolment of n samples and a probe of m samples, per feature k, with
 * {@code a = ψ + 1/n}, {@code b = ψ + 1/m}, {@code Δ = ab − ψ² = ψ/n + ψ/m + 1/(nm)}:
 *
 * <pre>
 *   LLR = Σ_k [ −½ ln(Δ/(ab)) − ½ ((b ū_e² − 2ψ ū_e ū_p + a ū_p²)/Δ − ū_e²/a − ū_p²/b) ]
 * </pre>
 *
 * which equals {@code log p(e ∪ p) − log p(e) − log p(p)} (the within-identity residuals
 * cancel). Cost: O(D) per comparison once the means are transformed (O(D²) per vector).
 *
 * <p><b>Likelihood of a set</b> of m samples of one identity ({@link #logLikelihood(Matrix)}):
 *
 * <pre>
 *   Σ_k [−½ ln 2π(ψ_k + 1/m) − ū_k²/(2(ψ_k + 1/m))] − m D/2 ln 2π + D/2 (ln 2π − ln m)
 *     − ½ Σ_j ‖Vᵀ(x_j − x̄)‖² − m/2 ln|W|
 * </pre>
 *
 * <p><b>Algorithm (training).</b> μ is the data mean (fixed). Moment estimates:
 * {@code W = S_w / N + εI} with the within-class scatter {@code S_w = Σ_ij (x_ij − x̄_i)(x_ij −
 * x̄_i)ᵀ} and ε = {@code regularization}; {@code B = (1/I) Σ_i (x̄_i − μ)(x̄_i − μ)ᵀ}. Then
 * {@code iterations} EM iterations (Kaldi's {@code ivector-compute-plda} recipe; Sizov et al.
 * 2014): the posterior of the class mean of identity i in the diagonal coordinates has variance
 * {@code p_ik = ψ_k / (1 + n_i ψ_k)} and mean {@code ŷ_ik = n_i ψ_k/(1 + n_i ψ_k) ū_ik}; then
 *
 * <pre>
 *   B_u = (1/I) Σ_i [diag(p_i) + ŷ_i ŷ_iᵀ]
 *   W_u = (1/N) [Vᵀ S_w V + Σ_i n_i ((ū_i − ŷ_i)(ū_i − ŷ_i)ᵀ + diag(p_i))]
 *   B = W V B_u Vᵀ W,   W = W V W_u Vᵀ W          (back from the diagonal coordinates: V⁻¹ = Vᵀ W)
 * </pre>
 *
 * An iteration costs O(I D² + D³), independent of the number of samples. The objective of
 * iteration k is the training log-likelihood (sum over identities of the set likelihood above) of
 * the parameters entering it; EM never decreases it.
 *
 * <p><b>Shapes.</b> x: N×D with {@code labels} (length N, arbitrary ints: the policy of
 * {@link PLDA}); μ: length D; B, W: D×D; {@link #scores}: models×probes.
 *
 * <p><b>Parameters.</b> {@code numFeatures} D ≥ 1 (required); {@code iterations} ≥ 0 (default
 * 10, Kaldi's {@code num-em-iters}; 0 gives the moment estimates); {@code regularization} ε ≥ 0
 * (default 0) added to the diagonal of the moment estimate of W; {@code parallelism} ≥ 1
 * (default 1). Training needs at least two identities and one identity with two or more samples.
 *
 * <p><b>Reproducibility and threads.</b> Deterministic (no randomness). Scatter and posterior
 * sums run over fixed chunks of identities merged in order, batch scoring splits models over
 * threads with disjoint outputs: results are bitwise identical for every {@code parallelism}.
 * Immutable and thread-safe.
 *
 * <p><b>Compatibility.</b> Not in bob.learn.em. It is the model of Kaldi's
 * {@code ivector-compute-plda} and of SIDEKIT's two-covariance scoring; results agree with the
 * brute-force Gaussian computation ({@code TwoCovariancePLDATest}) and with {@link PLDA} for
 * {@code B = F Fᵀ}, {@code W = G Gᵀ + Σ}.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>S. Ioffe, "Probabilistic linear discriminant analysis", ECCV 2006.
 *       https://doi.org/10.1007/11744085_41
 *   <li>N. Brümmer, E. de Villiers, "The speaker partitioning problem", Odyssey 2010.
 *   <li>D. Garcia-Romero, C. Y. Espy-Wilson, "Analysis of i-vector length normalization in
 *       speaker recognition systems", Interspeech 2011.
 *   <li>A. Sizov, K. A. Lee, T. Kinnunen, "Unifying probabilistic linear discriminant analysis
 *       variants in biometric authentication", S+SSPR 2014.
 *       https://doi.org/10.1007/978-3-662-44415-3_47
 * </ol>
 *
 * @see PLDA
 */
public final class TwoCovariancePLDA {

  /** Identities per accumulation chunk; fixed so that results do not depend on the threads. */
  static final int IDENTITY_CHUNK = 64;

  /** Models (or probes) per scoring task. */
  private static final int SCORE_CHUNK = 64;

  /**
   * An eigenvalue ψ of {@code L⁻¹ B L⁻ᵀ} above {@code −NEGATIVE_TOLERANCE·max(1, ψ_max)} is
   * rounding noise of a positive semidefinite B and is set to 0; below that, B is rejected.
   */
  static final double NEGATIVE_TOLERANCE = 1e-10;

  private static final String OWNER = "TwoCovariancePLDA";
  private static final Logger LOG = System.getLogger(TwoCovariancePLDA.class.getName());

  private final int numFeatures;
  private final int iterations;
  private final double regularization;
  private final int parallelism;
  private final double[] mean;
  private final double[] between;
  private final double[] within;
  private final FitReport report;
  private final Diagonal diagonal;

  /** The simultaneous diagonalisation of (B, W) and the constants of the likelihood. */
  private static final class Diagonal {
    /** V, D×D: column k is a direction. */
    final double[] v;
    /** ψ, length D, non-negative. */
    final double[] psi;
    final double logDetWithin;

    Diagonal(double[] v, double[] psi, double logDetWithin) {
      this.v = v;
      this.psi = psi;
      this.logDetWithin = logDetWithin;
    }
  }

  private TwoCovariancePLDA(Builder b, double[] mean, double[] between, double[] within,
      FitReport report) {
    this.numFeatures = b.numFeatures;
    this.iterations = b.iterations;
    this.regularization = b.regularization;
    this.parallelism = b.parallelism;
    this.mean = mean;
    this.between = between;
    this.within = within;
    this.report = report;
    this.diagonal = mean == null ? null : diagonalise(OWNER, between, within, numFeatures);
  }

  /**
   * @param numFeatures D, {@code >= 1}
   * @return a builder with the defaults
   */
  public static Builder builder(int numFeatures) {
    return new Builder(numFeatures);
  }

  /**
   * A ready-to-use machine from parameters.
   *
   * @param mean μ, length D; copied
   * @param between B, D×D symmetric positive semidefinite; copied
   * @param within W, D×D symmetric positive definite; copied
   * @return the machine
   * @throws IllegalArgumentException if B or W is not symmetric, B has a negative eigenvalue
   *     (relative to W) or W is not positive definite
   */
  public static TwoCovariancePLDA fromParameters(double[] mean, Matrix between, Matrix within) {
    Objects.requireNonNull(mean, "mean");
    Check.atLeast(OWNER + ".fromParameters", "mean.length", mean.length, 1);
    return new Builder(mean.length).fitted(OWNER + ".fromParameters", mean, between, within);
  }

  private static double[] symmetric(String owner, String name, Matrix m, int d) {
    Check.shape(owner, name, m, d, d);
    Check.finite(owner, name, m);
    double[] a = m.toArray();
    double scale = 0.0;
    for (double v : a) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(a[i * d + j] - a[j * d + i]) > 1e-12 * scale) {
          throw new IllegalArgumentException(owner + ": " + name + " must be symmetric, got "
              + name + "[" + i + ", " + j + "] = " + a[i * d + j] + " and " + name + "[" + j + ", "
              + i + "] = " + a[j * d + i]);
        }
      }
    }
    Linalg.symmetrize(a, d);
    return a;
  }

  /** @return a builder preset with this machine's hyperparameters */
  public Builder toBuilder() {
    Builder b = new Builder(numFeatures);
    b.iterations = iterations;
    b.regularization = regularization;
    b.parallelism = parallelism;
    return b;
  }

  /** Builder of {@link TwoCovariancePLDA}. */
  public static final class Builder {
    private final int numFeatures;
    private int iterations = 10;
    private double regularization = 0.0;
    private int parallelism = 1;

    private Builder(int numFeatures) {
      this.numFeatures = Check.atLeast(OWNER + ".builder", "numFeatures", numFeatures, 1);
    }

    /**
     * @param iterations EM iterations after the moment estimates, {@code >= 0} (default 10)
     * @return this
     */
    public Builder iterations(int iterations) {
      this.iterations = Check.atLeast(OWNER, "iterations", iterations, 0);
      return this;
    }

    /**
     * @param regularization ε added to the diagonal of the moment estimate of W, {@code >= 0}
     *     (default 0)
     * @return this
     */
    public Builder regularization(double regularization) {
      Check.nonNegative(OWNER, "regularization", regularization);
      this.regularization = Check.finite(OWNER, "regularization", regularization);
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

    /** @return an unfitted machine */
    public TwoCovariancePLDA build() {
      return new TwoCovariancePLDA(this, null, null, null, FitReport.NOT_FITTED);
    }

    /**
     * A ready-to-use machine with this builder's hyperparameters and given parameters (for a
     * model read back from a file; {@link TwoCovariancePLDA#fromParameters} uses the default
     * hyperparameters).
     *
     * @param mean μ, length D; copied
     * @param between B, D×D symmetric positive semidefinite; copied
     * @param within W, D×D symmetric positive definite; copied
     * @return the machine
     * @throws IllegalArgumentException if B or W is not symmetric, B has a negative eigenvalue
     *     (relative to W) or W is not positive definite
     * @throws org.emkit.core.DimensionMismatchException if a shape differs from D or D×D
     */
    public TwoCovariancePLDA buildFitted(double[] mean, Matrix between, Matrix within) {
      return fitted(OWNER + ".Builder.buildFitted", mean, between, within);
    }

    private TwoCovariancePLDA fitted(String owner, double[] mean, Matrix between,
        Matrix within) {
      Objects.requireNonNull(mean, "mean");
      int d = numFeatures;
      Check.length(owner, "mean", mean, d, "numFeatures");
      Check.finite(owner, "mean", mean);
      double[] b = symmetric(owner, "between", between, d);
      double[] w = symmetric(owner, "within", within, d);
      if (Linalg.choleskyLower(w, d) == null) {
        throw new IllegalArgumentException(owner + ": within must be positive definite (Cholesky"
            + " failed)");
      }
      return new TwoCovariancePLDA(this, mean.clone(), b, w, FitReport.NOT_FITTED);
    }
  }

  // ------------------------------------------------------------------------------------------
  // accessors

  /** @return D */
  public int numFeatures() {
    return numFeatures;
  }

  /** @return EM iterations of {@link #fit} */
  public int iterations() {
    return iterations;
  }

  /** @return ε added to the moment estimate of W */
  public double regularization() {
    return regularization;
  }

  /** @return threads */
  public int parallelism() {
    return parallelism;
  }

  /** @return the fit report (objective: training log-likelihood entering each iteration) */
  public FitReport report() {
    return report;
  }

  /** @return whether the parameters are known */
  public boolean isFitted() {
    return diagonal != null;
  }

  private Diagonal diagonal(String method) {
    if (diagonal == null) {
      throw NotFittedException.of(OWNER + "." + method);
    }
    return diagonal;
  }

  /** @return a copy of μ, length D */
  public double[] mean() {
    diagonal("mean");
    return mean.clone();
  }

  /** @return a copy of B, D×D */
  public Matrix between() {
    diagonal("between");
    return Matrix.copyOf(numFeatures, numFeatures, between);
  }

  /** @return a copy of W, D×D */
  public Matrix within() {
    diagonal("within");
    return Matrix.copyOf(numFeatures, numFeatures, within);
  }

  // ------------------------------------------------------------------------------------------
  // linear algebra

  private static Diagonal diagonalise(String owner, double[] b, double[] w, int d) {
    double[] l = Linalg.choleskyLower(w, d);
    if (l == null) {
      throw new NumericalFailureException(owner + ": the within-class covariance W is not positive"
          + " definite (Cholesky failed); use regularization > 0, reduce the dimension first"
          + " (PCA/LDA), or provide more samples per identity than features");
    }
    double[] li = Linalg.invert(l, d);
    if (li == null) {
      throw new NumericalFailureException(owner + ": the Cholesky factor of W is singular; use"
          + " regularization > 0");
    }
    // M = L⁻¹ B L⁻ᵀ
    double[] t = multiply(li, b, d);
    double[] m = multiplyTransB(t, li, d);
    Linalg.SymmetricEigen eig = Linalg.symmetricEigen(m, d);
    if (eig == null) {
      throw new NumericalFailureException(owner + ": eigen-decomposition of L⁻¹ B L⁻ᵀ did not"
          + " converge; check the parameters for extreme values");
    }
    double[] psi = eig.values.clone();
    double limit = -NEGATIVE_TOLERANCE * Math.max(1.0, psi[0]);
    for (int k = 0; k < d; k++) {
      if (psi[k] < limit) {
        throw new IllegalArgumentException(owner + ": between must be positive semidefinite,"
            + " got an eigenvalue " + psi[k] + " of W^(-1/2) B W^(-T/2)");
      }
      psi[k] = Math.max(psi[k], 0.0);
    }
    // V = L⁻ᵀ Q
    double[] v = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int r = i; r < d; r++) {
        double lri = li[r * d + i];
        if (lri == 0.0) {
          continue;
        }
        for (int k = 0; k < d; k++) {
          v[i * d + k] += lri * eig.vectors[r * d + k];
        }
      }
    }
    return new Diagonal(v, psi, PLDAModel.logDetFromCholesky(l, d));
  }

  /** @return {@code a · b}, both d×d */
  private static double[] multiply(double[] a, double[] b, int d) {
    return PLDAModel.multiply(a, d, d, b, d);
  }

  /** @return {@code a · bᵀ}, both d×d */
  private static double[] multiplyTransB(double[] a, double[] b, int d) {
    double[] out = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0.0;
        for (int k = 0; k < d; k++) {
          s += a[i * d + k] * b[j * d + k];
        }
        out[i * d + j] = s;
      }
    }
    return out;
  }

  /** {@code out[offset..] = Vᵀ (x − c)} for one row. */
  private static void transform(double[] v, int d, double[] x, int xOffset, double[] c,
      double[] centred, double[] out, int offset) {
    for (int j = 0; j < d; j++) {
      centred[j] = x[xOffset + j] - c[j];
    }
    Arrays.fill(out, offset, offset + d, 0.0);
    for (int j = 0; j < d; j++) {
      double cj = centred[j];
      if (cj == 0.0) {
        continue;
      }
      int row = j * d;
      for (int k = 0; k < d; k++) {
        out[offset + k] += v[row + k] * cj;
      }
    }
  }

  /** Per-feature log-density of a transformed mean ū of m samples: ln N(ū; 0, ψ + 1/m). */
  private static double meanLogDensity(double[] psi, double[] u, int offset, int m) {
    double s = 0.0;
    for (int k = 0; k < psi.length; k++) {
      double var = psi[k] + 1.0 / m;
      double uk = u[offset + k];
      s += -0.5 * (PLDAModel.LOG_2PI + Math.log(var)) - 0.5 * uk * uk / var;
    }
    return s;
  }

  /**
   * The set log-likelihood from its sufficient statistics.
   *
   * @param psi ψ
   * @param logDetW ln|W|
   * @param ubar transformed mean (offset)
   * @param m number of samples
   * @param residual Σ_j ‖Vᵀ(x_j − x̄)‖²
   */
  private static double setLogLikelihood(double[] psi, double logDetW, double[] ubar, int offset,
      int m, double residual) {
    int d = psi.length;
    return meanLogDensity(psi, ubar, offset, m) - 0.5 * (m - 1) * d * PLDAModel.LOG_2PI
        - 0.5 * d * Math.log(m) - 0.5 * residual - 0.5 * m * logDetW;
  }

  // ------------------------------------------------------------------------------------------
  // training

  /**
   * Trains μ, B and W.
   *
   * @param x N×D samples; not modified
   * @param labels identity of each row (arbitrary ints); not modified
   * @return a new fitted machine
   */
  public TwoCovariancePLDA fit(Matrix x, int[] labels) {
    return fit(x, labels, FitMonitor.NONE);
  }

  /**
   * @param x N×D samples; not modified
   * @param labels identity of each row; not modified
   * @param monitor receives the training log-likelihood of each EM iteration; may stop the fit
   * @return a new fitted machine
   * @throws DimensionMismatchException if x has not D columns or labels has not N entries
   * @throws IllegalArgumentException if x is empty or not finite, there are fewer than two
   *     identities, or no identity has two samples
   * @throws NumericalFailureException if W is singular (remedy: regularization or PCA first)
   */
  public TwoCovariancePLDA fit(Matrix x, int[] labels, FitMonitor monitor) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(monitor, "monitor");
    LabelGroups groups = LabelGroups.validated(owner, x, numFeatures, labels);
    if (groups.size() < 2) {
      throw new IllegalArgumentException(owner + ": labels must contain at least 2 identities, got "
          + groups.size());
    }
    groups.requireRepeatedIdentity(owner);
    int d = numFeatures;
    int n = x.rows();
    int ni = groups.size();
    double[] xd = x.data();
    double[] mu = PLDAInit.mean(xd, n, d);
    double[] classMeans = PLDAInit.classMeans(xd, d, groups);
    double[] sw = PLDAInit.withinScatter(xd, d, groups, classMeans, parallelism);
    double[] w = new double[d * d];
    for (int k = 0; k < w.length; k++) {
      w[k] = sw[k] / n;
    }
    for (int j = 0; j < d; j++) {
      w[j * d + j] += regularization;
    }
    double[] centredMeans = new double[ni * d];
    for (int i = 0; i < ni; i++) {
      for (int j = 0; j < d; j++) {
        centredMeans[i * d + j] = classMeans[i * d + j] - mu[j];
      }
    }
    double[] b = Parallel.reduce(ni, IDENTITY_CHUNK, parallelism, () -> new double[d * d],
        a -> Arrays.fill(a, 0.0), (chunk, from, to, acc) -> {
          for (int i = from; i < to; i++) {
            addOuter(acc, centredMeans, i * d, d, 1.0);
          }
        }, FaKernels::addTo);
    for (int k = 0; k < b.length; k++) {
      b[k] /= ni;
    }
    Linalg.symmetrize(b, d);
    FitLoop loop = FitLoop.withoutConvergence(owner, "log-likelihood", LOG, monitor,
        iterations);
    double[] ll = new double[1];
    while (loop.running()) {
      double[][] next = emStep(owner, b, w, sw, centredMeans, groups, n, ll);
      b = next[0];
      w = next[1];
      loop.record(ll[0]);
    }
    return new TwoCovariancePLDA(toBuilder(), mu, b, w, loop.report());
  }

  /** Adds {@code scale · v vᵀ} to {@code s} (d×d), v at {@code offset}. */
  private static void addOuter(double[] s, double[] v, int offset, int d, double scale) {
    for (int p = 0; p < d; p++) {
      double vp = scale * v[offset + p];
      if (vp == 0.0) {
        continue;
      }
      for (int q = 0; q < d; q++) {
        s[p * d + q] += vp * v[offset + q];
      }
    }
  }

  /** One EM iteration; writes the log-likelihood of (b, w) into {@code ll[0]}. */
  private double[][] emStep(String owner, double[] b, double[] w, double[] sw,
      double[] centredMeans, LabelGroups groups, int n, double[] ll) {
    int d = numFeatures;
    int ni = groups.size();
    Diagonal dg = diagonalise(owner, b, w, d);
    double[] psi = dg.psi;
    double[] ubar = new double[ni * d];
    double[] zero = new double[d];
    Parallel.forEachChunk(ni, IDENTITY_CHUNK, parallelism, (i0, i1) -> {
      double[] centred = new double[d];
      for (int i = i0; i < i1; i++) {
        transform(dg.v, d, centredMeans, i * d, zero, centred, ubar, i * d);
      }
    });
    // sums over identities: [B_u (d×d) | W_u part (d×d) | log-likelihood terms (1)]
    double[] sums = Parallel.reduce(ni, IDENTITY_CHUNK, parallelism, () -> new double[2 * d * d + 1],
        a -> Arrays.fill(a, 0.0), (chunk, from, to, acc) -> {
          double[] yhat = new double[d];
          double[] resid = new double[d];
          for (int i = from; i < to; i++) {
            int count = groups.count(i);
            for (int k = 0; k < d; k++) {
              double shrink = count * psi[k] / (1.0 + count * psi[k]);
              double post = psi[k] / (1.0 + count * psi[k]);
              yhat[k] = shrink * ubar[i * d + k];
              resid[k] = ubar[i * d + k] - yhat[k];
              acc[k * d + k] += post;
              acc[d * d + k * d + k] += count * post;
            }
            addOuter(acc, yhat, 0, d, 1.0);
            for (int p = 0; p < d; p++) {
              double rp = count * resid[p];
              if (rp == 0.0) {
                continue;
              }
              int row = d * d + p * d;
              for (int q = 0; q < d; q++) {
                acc[row + q] += rp * resid[q];
              }
            }
            acc[2 * d * d] += meanLogDensity(psi, ubar, i * d, count)
                - 0.5 * (count - 1) * d * PLDAModel.LOG_2PI - 0.5 * d * Math.log(count);
          }
        }, FaKernels::addTo);
    // Vᵀ S_w V and its trace (the summed within-identity residuals)
    double[] swv = multiply(sw, dg.v, d);
    double[] vtswv = new double[d * d];
    for (int p = 0; p < d; p++) {
      for (int q = 0; q < d; q++) {
        double s = 0.0;
        for (int r = 0; r < d; r++) {
          s += dg.v[r * d + p] * swv[r * d + q];
        }
        vtswv[p * d + q] = s;
      }
    }
    double trace = 0.0;
    for (int k = 0; k < d; k++) {
      trace += vtswv[k * d + k];
    }
    ll[0] = sums[2 * d * d] - 0.5 * trace - 0.5 * n * dg.logDetWithin;
    double[] bu = new double[d * d];
    double[] wu = new double[d * d];
    for (int k = 0; k < d * d; k++) {
      bu[k] = sums[k] / ni;
      wu[k] = (vtswv[k] + sums[d * d + k]) / n;
    }
    // back: X = (W V) X_u (W V)ᵀ
    double[] wv = multiply(w, dg.v, d);
    double[] newB = multiplyTransB(multiply(wv, bu, d), wv, d);
    double[] newW = multiplyTransB(multiply(wv, wu, d), wv, d);
    Linalg.symmetrize(newB, d);
    Linalg.symmetrize(newW, d);
    return new double[][] {newB, newW};
  }

  // ------------------------------------------------------------------------------------------
  // likelihoods and scores

  /**
   * An enrolled identity: its number of samples and their mean. Valid only with the machine that
   * produced it. Immutable.
   */
  public static final class Enrollment {
    private final int numSamples;
    private final double[] mean;
    private final double[] transformed;

    private Enrollment(int numSamples, double[] mean, double[] transformed) {
      this.numSamples = numSamples;
      this.mean = mean;
      this.transformed = transformed;
    }

    /** @return n */
    public int numSamples() {
      return numSamples;
    }

    /** @return a copy of the mean of the enrolment samples, length D */
    public double[] mean() {
      return mean.clone();
    }

    @Override
    public String toString() {
      return OWNER + ".Enrollment[numSamples=" + numSamples + "]";
    }
  }

  private Matrix checkSamples(String owner, String name, Matrix x) {
    Objects.requireNonNull(x, name);
    Check.nonEmpty(owner, name, x);
    Check.columns(owner, name, x, numFeatures, "the model has D");
    return Check.finite(owner, name, x);
  }

  /**
   * Enrols an identity from any number of samples.
   *
   * @param samples n×D, n ≥ 1; not modified
   * @return the enrolment
   */
  public Enrollment enroll(Matrix samples) {
    String owner = OWNER + ".enroll";
    diagonal("enroll");
    checkSamples(owner, "samples", samples);
    return enrollment(samples.rows(), PLDAInit.mean(samples.data(), samples.rows(), numFeatures));
  }

  /**
   * An enrolment from stored values (for example read back from a file).
   *
   * @param numSamples n, {@code >= 1}
   * @param sampleMean the mean of the n enrolment samples, length D; copied
   * @return the enrolment
   */
  public Enrollment enrollment(int numSamples, double[] sampleMean) {
    String owner = OWNER + ".enrollment";
    Diagonal dg = diagonal("enrollment");
    Check.atLeast(owner, "numSamples", numSamples, 1);
    Check.length(owner, "sampleMean", sampleMean, numFeatures, "D");
    Check.finite(owner, "sampleMean", sampleMean);
    double[] t = new double[numFeatures];
    transform(dg.v, numFeatures, sampleMean, 0, mean, new double[numFeatures], t, 0);
    return new Enrollment(numSamples, sampleMean.clone(), t);
  }

  /**
   * The marginal log-likelihood of a set of samples of one identity.
   *
   * @param samples m×D, m ≥ 1; not modified
   * @return {@code log p(x_1 .. x_m)}
   */
  public double logLikelihood(Matrix samples) {
    String owner = OWNER + ".logLikelihood";
    Diagonal dg = diagonal("logLikelihood");
    checkSamples(owner, "samples", samples);
    int d = numFeatures;
    int m = samples.rows();
    double[] xm = PLDAInit.mean(samples.data(), m, d);
    double[] centred = new double[d];
    double[] ubar = new double[d];
    transform(dg.v, d, xm, 0, mean, centred, ubar, 0);
    double[] r = new double[d];
    double residual = 0.0;
    for (int j = 0; j < m; j++) {
      transform(dg.v, d, samples.data(), j * d, xm, centred, r, 0);
      for (int k = 0; k < d; k++) {
        residual += r[k] * r[k];
      }
    }
    return setLogLikelihood(dg.psi, dg.logDetWithin, ubar, 0, m, residual);
  }

  /** The closed-form LLR of transformed means (see the class documentation). */
  private static double llr(double[] psi, double[] ue, int eOffset, int n, double[] up,
      int pOffset, int m) {
    double invN = 1.0 / n;
    double invM = 1.0 / m;
    double s = 0.0;
    for (int k = 0; k < psi.length; k++) {
      double p = psi[k];
      double a = p + invN;
      double b = p + invM;
      double delta = p * invN + p * invM + invN * invM;
      double e = ue[eOffset + k];
      double q = up[pOffset + k];
      s += -0.5 * Math.log(delta / (a * b))
          - 0.5 * ((b * e * e - 2 * p * e * q + a * q * q) / delta - e * e / a - q * q / b);
    }
    return s;
  }

  /**
   * The log-likelihood ratio of "same identity" for an enrolled identity and a probe set.
   *
   * @param enrollment an enrolment of this machine
   * @param probe m×D, m ≥ 1; not modified
   * @return {@code log p(e ∪ p) − log p(e) − log p(p)}
   */
  public double score(Enrollment enrollment, Matrix probe) {
    String owner = OWNER + ".score";
    Diagonal dg = diagonal("score");
    Objects.requireNonNull(enrollment, "enrollment");
    checkEnrollment(owner, enrollment);
    checkSamples(owner, "probe", probe);
    int d = numFeatures;
    int m = probe.rows();
    double[] up = new double[d];
    transform(dg.v, d, PLDAInit.mean(probe.data(), m, d), 0, mean, new double[d], up, 0);
    return llr(dg.psi, enrollment.transformed, 0, enrollment.numSamples, up, 0, m);
  }

  private void checkEnrollment(String owner, Enrollment e) {
    if (e.transformed.length != numFeatures) {
      throw new DimensionMismatchException(owner + ": enrollment has D = " + e.transformed.length
          + " but the model has D = " + numFeatures);
    }
  }

  /**
   * Enrols {@code enrollment} and scores {@code probe} against it.
   *
   * @param enrollment n×D; not modified
   * @param probe m×D; not modified
   * @return the log-likelihood ratio
   */
  public double score(Matrix enrollment, Matrix probe) {
    return score(enroll(enrollment), probe);
  }

  /**
   * Scores every probe vector (one sample each) against every enrolled identity.
   *
   * @param models enrolments of this machine
   * @param probes P×D; not modified
   * @return models.size()×P log-likelihood ratios
   */
  public Matrix scores(List<Enrollment> models, Matrix probes) {
    String owner = OWNER + ".scores";
    Diagonal dg = diagonal("scores");
    Objects.requireNonNull(models, "models");
    for (Enrollment e : models) {
      Objects.requireNonNull(e, "models element");
      checkEnrollment(owner, e);
    }
    checkSamples(owner, "probes", probes);
    int d = numFeatures;
    int p = probes.rows();
    double[] up = new double[Math.multiplyExact(p, d)];
    Parallel.forEachChunk(p, SCORE_CHUNK, parallelism, (r0, r1) -> {
      double[] centred = new double[d];
      for (int r = r0; r < r1; r++) {
        transform(dg.v, d, probes.data(), r * d, mean, centred, up, r * d);
      }
    });
    double[] out = new double[Math.multiplyExact(models.size(), p)];
    Parallel.forEachChunk(models.size(), SCORE_CHUNK, parallelism, (m0, m1) -> {
      for (int k = m0; k < m1; k++) {
        Enrollment e = models.get(k);
        for (int r = 0; r < p; r++) {
          out[k * p + r] = llr(dg.psi, e.transformed, 0, e.numSamples, up, r * d, 1);
        }
      }
    });
    return Matrix.wrap(models.size(), p, out);
  }

  @Override
  public String toString() {
    return OWNER + "[D=" + numFeatures + ", iterations=" + iterations + ", regularization="
        + regularization + ", parallelism=" + parallelism + ", fitted=" + isFitted() + ", report="
        + report + "]";
  }
}
