package org.emkit.fa;

import java.lang.System.Logger;
import java.util.List;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.FitMonitor;
import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.internal.FitLoop;
import org.emkit.core.internal.Linalg;
import org.emkit.core.internal.Parallel;
import org.emkit.core.random.NumpyRandom;
import org.emkit.core.validation.Check;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * The total-variability model: every session's GMM mean supervector is the UBM mean plus a
 * low-rank offset {@code T w}, and the posterior mean of w given the session's statistics is its
 * <em>i-vector</em>, a fixed-length representation for downstream WCCN, LDA or PLDA.
 *
 * <p><b>Model.</b> With m the UBM means and T_c the D×R block of component c:
 *
 * <pre>
 *   μ_s = m + T w_s,     w_s ~ N(0, I_R),     frames of component c ~ N(μ_{s,c}, diag(σ_c))
 * </pre>
 *
 * where σ (C×D) is the residual covariance, initialised to the UBM variances.
 *
 * <p><b>Posterior of w</b> for statistics (n, F) (P_c = T_cᵀ diag(σ_c)⁻¹, F̃_c = F_c − n_c m_c):
 *
 * <pre>
 *   L = I + Σ_c n_c P_c T_c,    E[w] = L⁻¹ Σ_c P_c F̃_c,    E[wwᵀ] = L⁻¹ + E[w] E[w]ᵀ
 * </pre>
 *
 * {@link #project(GMMStats)} returns E[w] (computed with a Cholesky solve of L).
 *
 * <p><b>Algorithm.</b> {@link #fit(List)} runs exactly {@code iterations} EM iterations. E-step
 * ({@link #eStep(List)}): the per-component products {@code P_c T_c} are computed once, then the
 * posterior of every session is accumulated into an {@link IVectorStats}. M-step
 * ({@link #mStep(IVectorStats)}): {@code T_c = fnorm_c · A_c⁻¹} with {@code A_c = Σ_s n_{s,c}
 * E[w_s w_sᵀ]} (Cholesky solves; {@code T_c = 0} when A_c is all zeros, as bob); if
 * {@code updateSigma}, {@code σ_{c,d} = (snorm_{c,d} − Σ_r fnorm_{c,d,r} T_{c,d,r}) / n_c}, then
 * values below {@code varianceFloor} are set to it (a component with n_c = 0 keeps its σ; bob
 * divides by zero).
 *
 * <p><b>Minimum divergence</b> (optional, off by default; not in bob). After the M-step, with
 * {@code Φ = (1/S) Σ_s E[w_s w_sᵀ]} the second moment of the S session posteriors of this
 * iteration and {@code Φ = L Lᵀ} its Cholesky factor, T is replaced by {@code T L}. This is the
 * divergence-minimisation step of Kenny et al. for the zero-mean prior: re-estimating the prior
 * of w as N(0, Φ) and absorbing Φ into T leaves the model likelihood unchanged but restores the
 * standard-normal prior, which speeds up convergence. The posterior mean is not absorbed
 * because the supervector offset is the fixed UBM mean (the uncentred second moment is the
 * maximum-likelihood covariance of a zero-mean prior). σ is not affected.
 *
 * <p><b>Shapes.</b> T: CD×R row-major, row {@code c*D + d} (the same memory order as bob's
 * (C,D,R) array); σ: C×D; i-vectors: length R; {@link #transform(List)} returns one row per
 * session.
 *
 * <p><b>Parameters.</b> {@code rank} R in [1, CD] (bob's {@code dim_t}); {@code iterations} ≥ 0
 * (default 25, bob's {@code max_iterations}, always all run); {@code updateSigma} (default true);
 * {@code varianceFloor} ≥ 0 (default 1e-10); {@code minimumDivergence} (default false);
 * {@code seed} (default 0); {@code parallelism} ≥ 1; optional initial {@code t} and
 * {@code sigma}.
 *
 * <p><b>Initialisation.</b> T = numpy's {@code RandomState(seed).normal(0, 1, (C, D, R))} (bob
 * draws from the global RNG, which its tests seed with 0), σ = the UBM variances.
 *
 * <p><b>Performance and threads.</b> Sessions are processed in fixed blocks of 64. For each block,
 * the precisions {@code L_s} are one product of the block's occupancies (B×C) with the packed
 * per-component matrices (C × R(R+1)/2), the projections one product of the centred first orders
 * with {@code TΣ⁻¹}; each session's Cholesky factorisation, solve and inverse are independent;
 * the accumulation into {@code nijSigmaWij2} and {@code fnormSigmaWij} is again a product with
 * the block. Threads split columns, rows or sessions of these products, never the order of a
 * sum, so every value is computed by the same operations in the same order as a sequential run:
 * results are bitwise identical for every {@code parallelism}, and no per-thread copy of the
 * (large) accumulators is needed. Machines are immutable and thread-safe.
 *
 * <p><b>Compatibility.</b> bob.learn.em 3.3.0's {@code IVectorMachine}: E/M steps, the flooring
 * of σ only in the M-step, the zero-accumulator rule and the initialisation; the goldens and the
 * C++ reference files are reproduced at rtol 1e-10. Differences: the RNG is per machine (seeded),
 * bob's ignored {@code convergence_threshold} does not exist, minimum divergence is added.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>N. Dehak, P. Kenny, R. Dehak, P. Dumouchel, P. Ouellet, "Front-end factor analysis for
 *       speaker verification", IEEE TASLP 19(4), 2011. https://doi.org/10.1109/TASL.2010.2064307
 *   <li>P. Kenny, G. Boulianne, P. Dumouchel, "Eigenvoice modeling with sparse training data",
 *       IEEE TSAP 13(3), 2005 (divergence minimisation). https://doi.org/10.1109/TSA.2004.840940
 *   <li>P. Kenny, "A small footprint i-vector extractor", Odyssey 2012 (minimum divergence for
 *       i-vector extractors).
 * </ol>
 *
 * @see IVectorStats
 */
public final class IVectorMachine {

  /** Sessions per block of the E-step and of {@link #transform(List)}. */
  static final int SESSION_BLOCK = 64;

  /** Supervector rows per task of the first-order accumulation. */
  private static final int ROW_CHUNK = 256;

  private static final String OWNER = "IVectorMachine";
  private static final Logger LOG = System.getLogger(IVectorMachine.class.getName());

  private final GMMMachine ubmMachine;
  private final Ubm ubm;
  private final int rank;
  private final int iterations;
  private final boolean updateSigma;
  private final double varianceFloor;
  private final boolean minimumDivergence;
  private final long seed;
  private final int parallelism;
  private final double[] t;
  private final double[] sigma;
  private final FitReport report;
  private volatile Subspace space;

  private IVectorMachine(Builder b, double[] t, double[] sigma, FitReport report) {
    this.ubmMachine = b.ubm;
    this.ubm = b.view;
    this.rank = b.rank;
    this.iterations = b.iterations;
    this.updateSigma = b.updateSigma;
    this.varianceFloor = b.varianceFloor;
    this.minimumDivergence = b.minimumDivergence;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
    this.t = t;
    this.sigma = sigma;
    this.report = report;
  }

  /**
   * @param ubm a fitted GMM (the UBM)
   * @param rank R, the i-vector dimension, in [1, C·D]
   * @return a builder with bob's defaults
   */
  public static Builder builder(GMMMachine ubm, int rank) {
    return new Builder(ubm, rank);
  }

  /**
   * A machine from trained parameters (for a model loaded from a file).
   *
   * @param ubm the UBM
   * @param t T, CD×R; copied
   * @param sigma σ, C×D; copied
   * @return the machine
   */
  public static IVectorMachine fromParameters(GMMMachine ubm, Matrix t, Matrix sigma) {
    Objects.requireNonNull(t, "t");
    return builder(ubm, t.cols()).t(t).sigma(sigma).build();
  }

  /**
   * This machine with another fit report (for EM loops driven elsewhere, for example a
   * distributed one that calls {@link #eStep(List)} on partitions and {@link
   * #mStep(IVectorStats)} on the merged statistics).
   *
   * @param report the report of that loop
   * @return a machine equal to this one except for its report
   */
  public IVectorMachine withReport(FitReport report) {
    Objects.requireNonNull(report, "report");
    return new IVectorMachine(toBuilder(), t, sigma, report);
  }

  /** @return a builder preset with this machine's hyperparameters and parameters */
  public Builder toBuilder() {
    Builder b = new Builder(ubmMachine, rank);
    b.iterations = iterations;
    b.updateSigma = updateSigma;
    b.varianceFloor = varianceFloor;
    b.minimumDivergence = minimumDivergence;
    b.seed = seed;
    b.parallelism = parallelism;
    b.t = t.clone();
    b.sigma = sigma.clone();
    return b;
  }

  /** Builder of {@link IVectorMachine}. */
  public static final class Builder {
    private final GMMMachine ubm;
    private final Ubm view;
    private final int rank;
    private int iterations = 25;
    private boolean updateSigma = true;
    private double varianceFloor = 1e-10;
    private boolean minimumDivergence;
    private long seed;
    private int parallelism = 1;
    private double[] t;
    private double[] sigma;

    private Builder(GMMMachine ubm, int rank) {
      this.view = Ubm.of(OWNER + ".builder", ubm);
      this.ubm = ubm;
      this.rank = Check.inClosed(OWNER + ".builder", "rank", rank, 1, view.supervectorLength);
    }

    /**
     * @param iterations EM iterations, {@code >= 0} (default 25)
     * @return this
     */
    public Builder iterations(int iterations) {
      this.iterations = Check.atLeast(OWNER, "iterations", iterations, 0);
      return this;
    }

    /**
     * @param updateSigma whether the M-step re-estimates σ (default true)
     * @return this
     */
    public Builder updateSigma(boolean updateSigma) {
      this.updateSigma = updateSigma;
      return this;
    }

    /**
     * @param varianceFloor lower bound applied to σ after its update, {@code >= 0} (default 1e-10)
     * @return this
     */
    public Builder varianceFloor(double varianceFloor) {
      this.varianceFloor = Check.nonNegative(OWNER, "varianceFloor", varianceFloor);
      return this;
    }

    /**
     * @param minimumDivergence whether to apply the minimum-divergence re-estimation after each
     *     M-step (default false, as bob)
     * @return this
     */
    public Builder minimumDivergence(boolean minimumDivergence) {
      this.minimumDivergence = minimumDivergence;
      return this;
    }

    /**
     * @param seed seed in [0, 2³²−1] of numpy's RandomState for the initial T (default 0)
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
     * @param t T, CD×R (row {@code c*D + d}); copied
     * @return this
     */
    public Builder t(Matrix t) {
      Objects.requireNonNull(t, "t");
      Check.shape(OWNER, "t", t, view.supervectorLength, rank);
      Check.finite(OWNER, "t", t);
      this.t = t.toArray();
      return this;
    }

    /**
     * @param sigma σ, C×D, positive; copied (not floored)
     * @return this
     */
    public Builder sigma(Matrix sigma) {
      Objects.requireNonNull(sigma, "sigma");
      Check.shape(OWNER, "sigma", sigma, view.numComponents, view.numFeatures);
      Check.positive(OWNER, "sigma", sigma.data());
      this.sigma = sigma.toArray();
      return this;
    }

    /** @return the machine; T and σ not given are initialised as bob does */
    public IVectorMachine build() {
      double[] tt = t != null ? t.clone()
          : new NumpyRandom(seed).normal(0.0, 1.0, Math.multiplyExact(view.supervectorLength,
              rank));
      double[] ss = sigma != null ? sigma.clone() : view.variances.clone();
      return new IVectorMachine(this, tt, ss, FitReport.NOT_FITTED);
    }
  }

  // ------------------------------------------------------------------------------------------
  // accessors

  /** @return the UBM */
  public GMMMachine ubm() {
    return ubmMachine;
  }

  /** @return C */
  public int numComponents() {
    return ubm.numComponents;
  }

  /** @return D (features) */
  public int numFeatures() {
    return ubm.numFeatures;
  }

  /** @return R */
  public int rank() {
    return rank;
  }

  /** @return a copy of T, CD×R */
  public Matrix t() {
    return Matrix.copyOf(ubm.supervectorLength, rank, t);
  }

  /** @return a copy of σ, C×D */
  public Matrix sigma() {
    return Matrix.copyOf(ubm.numComponents, ubm.numFeatures, sigma);
  }

  /** @return EM iterations of {@link #fit} */
  public int iterations() {
    return iterations;
  }

  /** @return whether σ is re-estimated */
  public boolean updateSigma() {
    return updateSigma;
  }

  /** @return the floor applied to σ after its update */
  public double varianceFloor() {
    return varianceFloor;
  }

  /** @return whether minimum divergence is applied */
  public boolean minimumDivergence() {
    return minimumDivergence;
  }

  /** @return the seed of the initial T */
  public long seed() {
    return seed;
  }

  /** @return threads */
  public int parallelism() {
    return parallelism;
  }

  /**
   * @return the fit report: iterations run and, per iteration, the relative change
   *     {@code ‖T_new − T_old‖_F / ‖T_old‖_F}; {@code converged()} is false (no convergence rule)
   */
  public FitReport report() {
    return report;
  }

  private Subspace space() {
    Subspace s = space;
    if (s == null) {
      s = new Subspace(t, rank, ubm.numComponents, ubm.numFeatures, sigma, parallelism);
      space = s;
    }
    return s;
  }

  // ------------------------------------------------------------------------------------------
  // training

  /**
   * Trains T (and σ) by EM from per-session statistics.
   *
   * @param sessions one GMMStats per session (from the UBM); not modified
   * @return a new trained machine
   */
  public IVectorMachine fit(List<GMMStats> sessions) {
    return fit(sessions, FitMonitor.NONE);
  }

  /**
   * @param sessions one GMMStats per session; not modified
   * @param monitor receives the relative change of T after each iteration; may stop the fit
   * @return a new trained machine
   */
  public IVectorMachine fit(List<GMMStats> sessions, FitMonitor monitor) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(monitor, "monitor");
    ubm.checkStats(owner, "sessions", sessions, true);
    IVectorMachine current = this;
    FitLoop loop = FitLoop.withoutConvergence(owner, "relative change of T", LOG, monitor,
        iterations);
    while (loop.running()) {
      IVectorMachine next = current.update(owner, current.accumulateAll(sessions), FitReport.NOT_FITTED);
      double change = ISVMachine.relativeChange(current.t, next.t);
      current = next;
      loop.record(change);
    }
    return new IVectorMachine(toBuilder(), current.t, current.sigma, loop.report());
  }

  /**
   * The E-step: the statistics of the given sessions under this machine's T and σ.
   *
   * @param sessions one GMMStats per session; not modified
   * @return new statistics
   */
  public IVectorStats eStep(List<GMMStats> sessions) {
    ubm.checkStats(OWNER + ".eStep", "sessions", sessions, false);
    return accumulateAll(sessions);
  }

  /**
   * The M-step (plus minimum divergence when enabled).
   *
   * @param stats statistics of the whole training set; at least one session
   * @return a new machine with the updated T and σ (its report counts one iteration)
   */
  public IVectorMachine mStep(IVectorStats stats) {
    String owner = OWNER + ".mStep";
    Objects.requireNonNull(stats, "stats");
    IVectorMachine next = update(owner, stats, FitReport.NOT_FITTED);
    return new IVectorMachine(toBuilder(), next.t, next.sigma, new FitReport(1, false, false,
        new double[] {ISVMachine.relativeChange(t, next.t)}));
  }

  /** Per-block scratch memory. */
  private final class Block {
    final int capacity;
    final double[] n;
    final double[] ft;
    final double[] prec;
    final double[] proj;
    final double[] w;

    Block(int capacity) {
      this.capacity = capacity;
      int pl = FaKernels.packedLength(rank);
      this.n = new double[capacity * ubm.numComponents];
      this.ft = new double[Math.multiplyExact(capacity, ubm.supervectorLength)];
      this.prec = new double[Math.multiplyExact(capacity, pl)];
      this.proj = new double[capacity * rank];
      this.w = new double[capacity * rank];
    }

    void load(List<GMMStats> sessions, int first, int rows) {
      int chunk = Math.max(1, (rows + parallelism - 1) / parallelism);
      Parallel.forEachChunk(rows, chunk, parallelism, (r0, r1) -> {
        for (int r = r0; r < r1; r++) {
          GMMStats s = sessions.get(first + r);
          ubm.copyN(s, n, r * ubm.numComponents);
          ubm.centredFirstOrder(s, null, ft, r * ubm.supervectorLength);
        }
      });
    }

    /** E[w] of every row into {@code w}; with {@code secondMoment}, E[wwᵀ] (packed) into prec. */
    void posteriors(Subspace ts, int rows, boolean secondMoment) {
      ts.precisions(n, rows, prec, parallelism);
      ts.project(ft, rows, proj, parallelism);
      int pl = ts.packedLength;
      int chunk = Math.max(1, (rows + parallelism - 1) / parallelism);
      Parallel.forEachChunk(rows, chunk, parallelism, (r0, r1) -> {
        SpdSolver solver = new SpdSolver(rank);
        for (int r = r0; r < r1; r++) {
          if (!solver.factor(prec, r * pl)) {
            throw new NumericalFailureException(OWNER + ": the posterior precision of a session"
                + " is not positive definite; check that the statistics' counts n are finite and"
                + " non-negative and that σ is positive");
          }
          solver.solve(proj, r * rank, w, r * rank);
          if (secondMoment) {
            solver.inversePacked(prec, r * pl);
            addOuter(w, r * rank, prec, r * pl);
          }
        }
      });
    }

    private void addOuter(double[] x, int offset, double[] packed, int pOffset) {
      int p = pOffset;
      for (int i = 0; i < rank; i++) {
        double xi = x[offset + i];
        for (int j = 0; j <= i; j++) {
          packed[p++] += xi * x[offset + j];
        }
      }
    }
  }

  private IVectorStats accumulateAll(List<GMMStats> sessions) {
    IVectorStats acc = new IVectorStats(ubm.numComponents, ubm.numFeatures, rank);
    if (sessions.isEmpty()) {
      return acc;
    }
    Subspace ts = space();
    Block block = new Block(Math.min(SESSION_BLOCK, sessions.size()));
    int c = ubm.numComponents;
    int cd = ubm.supervectorLength;
    int pl = ts.packedLength;
    for (int first = 0; first < sessions.size(); first += block.capacity) {
      int rows = Math.min(block.capacity, sessions.size() - first);
      block.load(sessions, first, rows);
      block.posteriors(ts, rows, true);
      double[] nij2 = acc.nijSigmaWij2Packed();
      Parallel.forEachChunk(pl, FaKernels.COLUMN_TILE, parallelism,
          (j0, j1) -> FaKernels.mulTransAdd(block.n, rows, c, block.prec, pl, nij2, 0, c, j0, j1));
      double[] fnorm = acc.fnormArray();
      Parallel.forEachChunk(cd, ROW_CHUNK, parallelism,
          (k0, k1) -> FaKernels.mulTransAdd(block.ft, rows, cd, block.w, rank, fnorm, k0, k1, 0,
              rank));
      accumulateSmall(acc, sessions, first, rows, block);
    }
    return acc;
  }

  /** Centred second order, counts and the minimum-divergence sums, session by session. */
  private void accumulateSmall(IVectorStats acc, List<GMMStats> sessions, int first, int rows,
      Block block) {
    double[] snorm = acc.snormArray();
    double[] nij = acc.nijArray();
    double[] sumW = acc.sumWArray();
    double[] sumWW = acc.sumWWPacked();
    double[] m = ubm.means;
    int d = ubm.numFeatures;
    int pl = FaKernels.packedLength(rank);
    for (int r = 0; r < rows; r++) {
      GMMStats s = sessions.get(first + r);
      for (int c = 0; c < ubm.numComponents; c++) {
        double nc = s.n(c);
        nij[c] += nc;
        for (int j = 0; j < d; j++) {
          int q = c * d + j;
          snorm[q] += (s.sumPxx(c, j) - 2 * s.sumPx(c, j) * m[q]) + nc * m[q] * m[q];
        }
      }
      for (int k = 0; k < rank; k++) {
        sumW[k] += block.w[r * rank + k];
      }
      for (int p = 0; p < pl; p++) {
        sumWW[p] += block.prec[r * pl + p];
      }
    }
    acc.addSessions(rows);
  }

  private IVectorMachine update(String owner, IVectorStats stats, FitReport r) {
    if (stats.numComponents() != ubm.numComponents || stats.numFeatures() != ubm.numFeatures
        || stats.rank() != rank) {
      throw new DimensionMismatchException(owner + ": stats have (C, D, R) = ("
          + stats.numComponents() + ", " + stats.numFeatures() + ", " + stats.rank()
          + ") but the machine has (" + ubm.numComponents + ", " + ubm.numFeatures + ", " + rank
          + ")");
    }
    if (stats.numSessions() < 1) {
      throw new IllegalArgumentException(owner + ": stats must contain at least 1 session, got "
          + stats.numSessions());
    }
    int c = ubm.numComponents;
    int d = ubm.numFeatures;
    int pl = FaKernels.packedLength(rank);
    double[] a = stats.nijSigmaWij2Packed();
    double[] fnorm = stats.fnormArray();
    double[] newT = new double[t.length];
    Parallel.forEachChunk(c, FactorModel.M_STEP_COMPONENT_CHUNK, parallelism, (c0, c1) -> {
      SpdSolver solver = new SpdSolver(rank);
      for (int k = c0; k < c1; k++) {
        if (FactorModel.allZero(a, k * pl, pl)) {
          continue;
        }
        if (!solver.factor(a, k * pl)) {
          throw new NumericalFailureException(owner + ": accumulator nijSigmaWij2 of component "
              + k + " is not positive definite; check the statistics");
        }
        for (int j = 0; j < d; j++) {
          int row = (k * d + j) * rank;
          solver.solve(fnorm, row, newT, row);
        }
      }
    });
    double[] newSigma = sigma.clone();
    if (updateSigma) {
      double[] snorm = stats.snormArray();
      double[] nij = stats.nijArray();
      for (int k = 0; k < c; k++) {
        if (nij[k] == 0.0) {
          continue;
        }
        for (int j = 0; j < d; j++) {
          int q = k * d + j;
          double dot = 0.0;
          for (int i = 0; i < rank; i++) {
            dot += fnorm[q * rank + i] * newT[q * rank + i];
          }
          double v = (snorm[q] - dot) / nij[k];
          newSigma[q] = v < varianceFloor ? varianceFloor : v;
        }
      }
    }
    if (minimumDivergence) {
      applyMinimumDivergence(owner, stats, newT);
    }
    return new IVectorMachine(toBuilder(), newT, newSigma, r);
  }

  /** {@code T ← T L} with {@code L Lᵀ = (1/S) Σ_s E[w_s w_sᵀ]}. */
  private void applyMinimumDivergence(String owner, IVectorStats stats, double[] tt) {
    double[] phi = new double[rank * rank];
    FaKernels.unpack(stats.sumWWPacked(), 0, rank, phi);
    double inv = 1.0 / stats.numSessions();
    for (int k = 0; k < phi.length; k++) {
      phi[k] *= inv;
    }
    double[] l = Linalg.choleskyLower(phi, rank);
    if (l == null) {
      throw new NumericalFailureException(owner + ": the second moment of the i-vector posteriors"
          + " is not positive definite; minimum divergence cannot be applied (disable it)");
    }
    double[] row = new double[rank];
    for (int q = 0; q < ubm.supervectorLength; q++) {
      System.arraycopy(tt, q * rank, row, 0, rank);
      for (int j = 0; j < rank; j++) {
        double acc = 0.0;
        for (int k = j; k < rank; k++) {
          acc += row[k] * l[k * rank + j];
        }
        tt[q * rank + j] = acc;
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // projection

  /**
   * The i-vector of one session: E[w] given its statistics.
   *
   * @param stats the session's statistics; not modified
   * @return the i-vector, length R
   */
  public double[] project(GMMStats stats) {
    ubm.checkOne(OWNER + ".project", "stats", stats);
    return transformValidated(List.of(stats)).row(0);
  }

  /**
   * The i-vectors of many sessions.
   *
   * @param sessions statistics, one per session; not modified
   * @return S×R, row s the i-vector of session s
   */
  public Matrix transform(List<GMMStats> sessions) {
    ubm.checkStats(OWNER + ".transform", "sessions", sessions, true);
    return transformValidated(sessions);
  }

  private Matrix transformValidated(List<GMMStats> sessions) {
    Subspace ts = space();
    double[] out = new double[Math.multiplyExact(sessions.size(), rank)];
    Block block = new Block(Math.min(SESSION_BLOCK, sessions.size()));
    for (int first = 0; first < sessions.size(); first += block.capacity) {
      int rows = Math.min(block.capacity, sessions.size() - first);
      block.load(sessions, first, rows);
      block.posteriors(ts, rows, false);
      System.arraycopy(block.w, 0, out, first * rank, rows * rank);
    }
    return Matrix.wrap(sessions.size(), rank, out);
  }

  @Override
  public String toString() {
    return OWNER + "[C=" + ubm.numComponents + ", D=" + ubm.numFeatures + ", rank=" + rank
        + ", iterations=" + iterations + ", updateSigma=" + updateSigma + ", varianceFloor="
        + varianceFloor + ", minimumDivergence=" + minimumDivergence + ", seed=" + seed
        + ", parallelism=" + parallelism + ", report=" + report + "]";
  }
}
