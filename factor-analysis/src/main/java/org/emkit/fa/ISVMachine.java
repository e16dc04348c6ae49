package org.emkit.fa;

import java.lang.System.Logger;
import java.util.List;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.FitMonitor;
import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.core.internal.FitLoop;
import org.emkit.core.random.NumpyRandom;
import org.emkit.core.validation.Check;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.scoring.LinearScoring;

/**
 * Inter-session variability (ISV) modelling on top of a GMM universal background model: the
 * session variability of the GMM mean supervector lives in a low-rank subspace U, which is
 * learnt from many identities and suppressed at enrolment and scoring.
 *
 * <p><b>Model.</b> For identity i and session h, with m the UBM mean supervector (length CD,
 * index {@code c*D + d}) and Σ the UBM variance supervector:
 *
 * <pre>
 *   μ_{i,h} = m + U x_{i,h} + D ⊙ z_i        x ~ N(0, I_{r_U}),  z ~ N(0, I_{CD})
 * </pre>
 *
 * U is CD×r_U and D a diagonal (length CD). D is fixed at {@code sqrt(Σ / relevanceFactor)}
 * (unless given), which makes the client model a relevance-MAP adaptation with session
 * compensation.
 *
 * <p><b>Algorithm.</b> {@link #fit(List, int[])} runs exactly {@code iterations} EM iterations on
 * per-session statistics grouped by identity. E-step, per identity i: the posterior means of the
 * session factors with z = 0, {@code x_h = (I + Σ_c n_{h,c} U_cᵀΣ_c⁻¹U_c)⁻¹ Uᵀ Σ⁻¹ (F_h − n_h ⊙
 * m)}; then z_i from those x (see {@link JFAMachine} for the formulas); then the accumulators
 * {@code A1_c += n_{h,c} (Cov[x_h] + x_h x_hᵀ)} and {@code A2 += (F_h − n_h ⊙ (m + D z_i)) x_hᵀ}
 * (note: Fn_x recomputed with the new z, while x keeps the value computed with z = 0, as bob).
 * M-step: {@code U_c = A2_c A1_c⁻¹}. The per-component products {@code U_cᵀ Σ_c⁻¹ U_c} are
 * computed once per iteration. Enrolment ({@link #enroll(List)}) alternates x and z for
 * {@code enrollIterations} rounds starting from z = 0. Scoring ({@link #score(double[], List)})
 * estimates the probe's channel factor x against the UBM mean (not the client model; bob and its
 * C++ predecessor do so), then applies {@link LinearScoring} to the model mean {@code m + D z}
 * with the channel offset {@code U x} and frame-length normalisation, so a probe with t = 0
 * frames scores 0.
 *
 * <p><b>Shapes.</b> U: CD×r_U row-major ({@link #u()}); D, z, U x: length CD; x: length r_U.
 *
 * <p><b>Parameters.</b> {@code rankU} r_U in [1, CD] (required); {@code relevanceFactor} &gt; 0
 * (default 4); {@code iterations} ≥ 0 (default 10, exactly that many; no convergence test);
 * {@code enrollIterations} ≥ 1 (default 1); {@code seed} (default 0) for the initial U;
 * {@code parallelism} ≥ 1 (default 1); optional initial {@code u} and {@code d}.
 *
 * <p><b>Initialisation.</b> Exactly bob's {@code create_UVD}: U drawn from numpy's
 * {@code RandomState(seed).normal(0, 1, (CD, r_U))} (row-major) and {@code D = sqrt(Σ / r)};
 * given values replace the draws. A built machine is therefore usable for enrolment and scoring
 * before training (its {@link #report()} then says 0 iterations).
 *
 * <p><b>Reproducibility and threads.</b> The E-step runs over fixed chunks of identities, one
 * {@link SubspaceStats} per chunk, merged in chunk order: results are bitwise identical for every
 * {@code parallelism}. Machines are immutable and thread-safe; {@code fit} and {@code mStep}
 * return new machines. Posterior means use Cholesky solves; covariances come from the same
 * factorisation (bob uses explicit LU inverses, which agrees to ~1e-15 relative on these small
 * systems).
 *
 * <p><b>Compatibility.</b> bob.learn.em 3.3.0's {@code ISVMachine} (same initialisation, loop
 * order, enrolment and scoring); its goldens are reproduced at rtol 1e-10. Differences: labels
 * are validated (bob indexes arrays with them), a component with zero occupancy in every session
 * keeps its rows of U in the M-step (bob raises a singular-matrix error), the UBM is never
 * trained here (fit a {@link GMMMachine} first).
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>C. McCool, R. Wallace, M. McLaren, L. El Shafey, S. Marcel, "Session variability
 *       modelling for face authentication", IET Biometrics 2(3), 2013.
 *       https://doi.org/10.1049/iet-bmt.2012.0059
 *   <li>R. Vogt, S. Sridharan, "Explicit modelling of session variability for speaker
 *       verification", Computer Speech &amp; Language 22(1), 2008.
 *       https://doi.org/10.1016/j.csl.2007.05.003
 *   <li>O. Glembek, L. Burget, N. Dehak, N. Brümmer, P. Kenny, "Comparison of scoring methods
 *       used in speaker recognition with joint factor analysis", ICASSP 2009.
 * </ol>
 *
 * @see JFAMachine
 * @see SubspaceStats
 */
public final class ISVMachine {

  /** Identities per E-step chunk; fixed so that results do not depend on the thread count. */
  static final int IDENTITY_CHUNK = 8;

  private static final String OWNER = "ISVMachine";
  private static final Logger LOG = System.getLogger(ISVMachine.class.getName());

  private final GMMMachine ubmMachine;
  private final Ubm ubm;
  private final int rankU;
  private final double relevanceFactor;
  private final int iterations;
  private final int enrollIterations;
  private final long seed;
  private final int parallelism;
  private final double[] u;
  private final double[] d;
  private final FitReport report;
  private volatile FactorModel model;

  private ISVMachine(Builder b, double[] u, double[] d, FitReport report) {
    this.ubmMachine = b.ubm;
    this.ubm = b.view;
    this.rankU = b.rankU;
    this.relevanceFactor = b.relevanceFactor;
    this.iterations = b.iterations;
    this.enrollIterations = b.enrollIterations;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
    this.u = u;
    this.d = d;
    this.report = report;
  }

  private ISVMachine withU(double[] newU, FitReport r) {
    return new ISVMachine(toBuilder(), newU, d, r);
  }

  /**
   * @param ubm a fitted GMM (the UBM)
   * @param rankU r_U, in [1, C·D]
   * @return a builder with bob's defaults
   */
  public static Builder builder(GMMMachine ubm, int rankU) {
    return new Builder(ubm, rankU);
  }

  /**
   * A machine from trained parameters (for a model loaded from a file).
   *
   * @param ubm the UBM
   * @param u U, CD×r_U; copied
   * @param d D, length CD; copied
   * @return the machine
   */
  public static ISVMachine fromParameters(GMMMachine ubm, Matrix u, double[] d) {
    Objects.requireNonNull(u, "u");
    return builder(ubm, u.cols()).u(u).d(d).build();
  }

  /** @return a builder preset with this machine's hyperparameters and parameters */
  public Builder toBuilder() {
    Builder b = new Builder(ubmMachine, rankU);
    b.relevanceFactor = relevanceFactor;
    b.iterations = iterations;
    b.enrollIterations = enrollIterations;
    b.seed = seed;
    b.parallelism = parallelism;
    b.u = u.clone();
    b.d = d.clone();
    return b;
  }

  /** Builder of {@link ISVMachine}; setters validate their value, {@link #build()} the rest. */
  public static final class Builder {
    private final GMMMachine ubm;
    private final Ubm view;
    private final int rankU;
    private double relevanceFactor = 4.0;
    private int iterations = 10;
    private int enrollIterations = 1;
    private long seed;
    private int parallelism = 1;
    private double[] u;
    private double[] d;

    private Builder(GMMMachine ubm, int rankU) {
      this.view = Ubm.of(OWNER + ".builder", ubm);
      this.ubm = ubm;
      this.rankU = Check.inClosed(OWNER + ".builder", "rankU", rankU, 1, view.supervectorLength);
    }

    /**
     * @param relevanceFactor r &gt; 0, used for the initial {@code D = sqrt(Σ / r)} (default 4)
     * @return this
     */
    public Builder relevanceFactor(double relevanceFactor) {
      this.relevanceFactor = Check.positive(OWNER, "relevanceFactor", relevanceFactor);
      return this;
    }

    /**
     * @param iterations number of EM iterations, {@code >= 0} (default 10)
     * @return this
     */
    public Builder iterations(int iterations) {
      this.iterations = Check.atLeast(OWNER, "iterations", iterations, 0);
      return this;
    }

    /**
     * @param enrollIterations rounds of (x, z) updates at enrolment, {@code >= 1} (default 1)
     * @return this
     */
    public Builder enrollIterations(int enrollIterations) {
      this.enrollIterations = Check.atLeast(OWNER, "enrollIterations", enrollIterations, 1);
      return this;
    }

    /**
     * @param seed seed in [0, 2³²−1] of numpy's RandomState for the initial U (default 0)
     * @return this
     */
    public Builder seed(long seed) {
      this.seed = Check.seed(OWNER, seed);
      return this;
    }

    /**
     * @param parallelism threads for training, {@code >= 1} (default 1)
     * @return this
     */
    public Builder parallelism(int parallelism) {
      this.parallelism = Check.atLeast(OWNER, "parallelism", parallelism, 1);
      return this;
    }

    /**
     * @param u initial (or trained) U, CD×r_U; copied
     * @return this
     */
    public Builder u(Matrix u) {
      Objects.requireNonNull(u, "u");
      Check.shape(OWNER, "u", u, view.supervectorLength, rankU);
      Check.finite(OWNER, "u", u);
      this.u = u.toArray();
      return this;
    }

    /**
     * @param d D (length CD); copied
     * @return this
     */
    public Builder d(double[] d) {
      Check.length(OWNER, "d", d, view.supervectorLength, "the UBM's C·D");
      Check.finite(OWNER, "d", d);
      this.d = d.clone();
      return this;
    }

    /**
     * Builds the machine, drawing U and computing D where they were not given (bob's
     * {@code create_UVD}).
     *
     * @return the machine
     */
    public ISVMachine build() {
      int cd = view.supervectorLength;
      double[] uu = u != null ? u.clone()
          : new NumpyRandom(seed).normal(0.0, 1.0, Math.multiplyExact(cd, rankU));
      double[] dd = d != null ? d.clone() : initialD(view, relevanceFactor);
      return new ISVMachine(this, uu, dd, FitReport.NOT_FITTED);
    }
  }

  static double[] initialD(Ubm ubm, double relevanceFactor) {
    double[] dd = new double[ubm.supervectorLength];
    for (int q = 0; q < dd.length; q++) {
      dd[q] = Math.sqrt(ubm.variances[q] / relevanceFactor);
    }
    return dd;
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

  /** @return CD */
  public int supervectorLength() {
    return ubm.supervectorLength;
  }

  /** @return r_U */
  public int rankU() {
    return rankU;
  }

  /** @return a copy of U, CD×r_U */
  public Matrix u() {
    return Matrix.copyOf(ubm.supervectorLength, rankU, u);
  }

  /** @return a copy of D, length CD */
  public double[] d() {
    return d.clone();
  }

  /** @return the relevance factor */
  public double relevanceFactor() {
    return relevanceFactor;
  }

  /** @return EM iterations of {@link #fit} */
  public int iterations() {
    return iterations;
  }

  /** @return enrolment rounds */
  public int enrollIterations() {
    return enrollIterations;
  }

  /** @return the seed of the initial U */
  public long seed() {
    return seed;
  }

  /** @return threads for training */
  public int parallelism() {
    return parallelism;
  }

  /**
   * @return the fit report: iterations run and, per iteration, the relative change
   *     {@code ‖U_new − U_old‖_F / ‖U_old‖_F}; {@code converged()} is always false (there is no
   *     convergence rule)
   */
  public FitReport report() {
    return report;
  }

  FactorModel model() {
    FactorModel m = model;
    if (m == null) {
      Subspace us = new Subspace(u, rankU, ubm.numComponents, ubm.numFeatures, ubm.variances,
          parallelism);
      m = new FactorModel(OWNER, ubm, u, rankU, us, null, 0, null, d, Numerics.STANDARD);
      model = m;
    }
    return m;
  }

  double[] uArray() {
    return u;
  }

  // ------------------------------------------------------------------------------------------
  // training

  /**
   * Trains U by EM (see the class documentation).
   *
   * @param stats one GMMStats per session (from the UBM); not modified
   * @param labels identity of each session, {@code 0..I−1}, every identity present
   * @return a new machine with the trained U
   */
  public ISVMachine fit(List<GMMStats> stats, int[] labels) {
    return fit(stats, labels, FitMonitor.NONE);
  }

  /**
   * @param stats one GMMStats per session; not modified
   * @param labels identity of each session, {@code 0..I−1}
   * @param monitor receives the relative change of U after every iteration; may stop the fit
   * @return a new machine with the trained U
   */
  public ISVMachine fit(List<GMMStats> stats, int[] labels, FitMonitor monitor) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(monitor, "monitor");
    Identity[] ids = Identity.group(owner, ubm, stats, labels);
    ISVMachine current = this;
    FitLoop loop = FitLoop.withoutConvergence(owner, "relative change of U", LOG, monitor,
        iterations);
    while (loop.running()) {
      SubspaceStats acc = current.eStep(ids);
      double[] newU = FactorModel.subspaceMStep(owner, acc, current.u, parallelism);
      double change = relativeChange(current.u, newU);
      current = current.withU(newU, FitReport.NOT_FITTED);
      loop.record(change);
    }
    return withU(current.u, loop.report());
  }

  /**
   * The E-step over a set of identities (for example one partition of a distributed training
   * set): the U accumulators of all their sessions with this machine's U and D.
   *
   * @param stats one GMMStats per session
   * @param labels identity of each session within this set, {@code 0..I−1}
   * @return the accumulators
   */
  public SubspaceStats eStep(List<GMMStats> stats, int[] labels) {
    return eStep(Identity.group(OWNER + ".eStep", ubm, stats, labels));
  }

  SubspaceStats eStep(Identity[] ids) {
    FactorModel fm = model();
    return fm.reduceIdentities(ids, parallelism,
        () -> new SubspaceStats(ubm.numComponents, ubm.numFeatures, rankU), SubspaceStats::reset,
        (i, acc, ws) -> fm.accumulateU(ids[i], null, null, true, acc, ws), SubspaceStats::merge);
  }

  /**
   * Adds the U accumulators of one identity's sessions to {@code into}.
   *
   * @param sessions all sessions of one identity
   * @param into accumulators of shape (C, D, r_U); modified
   */
  public void accumulate(List<GMMStats> sessions, SubspaceStats into) {
    String owner = OWNER + ".accumulate";
    ubm.checkStats(owner, "sessions", sessions, true);
    checkAccumulator(owner, into);
    Identity id = new Identity(ubm, sessions);
    FactorModel fm = model();
    fm.accumulateU(id, null, null, true, into, fm.workspace(id.size()));
  }

  /**
   * The M-step: {@code U_c = A2_c A1_c⁻¹}.
   *
   * @param stats accumulators of a whole training set
   * @return a new machine with the updated U (its report counts one iteration)
   */
  public ISVMachine mStep(SubspaceStats stats) {
    String owner = OWNER + ".mStep";
    checkAccumulator(owner, stats);
    double[] newU = FactorModel.subspaceMStep(owner, stats, u, parallelism);
    return withU(newU, new FitReport(1, false, false,
        new double[] {relativeChange(u, newU)}));
  }

  private void checkAccumulator(String owner, SubspaceStats s) {
    Objects.requireNonNull(s, "stats");
    if (s.numComponents() != ubm.numComponents || s.numFeatures() != ubm.numFeatures
        || s.rank() != rankU) {
      throw new DimensionMismatchException(owner + ": stats have (C, D, r) = ("
          + s.numComponents() + ", " + s.numFeatures() + ", " + s.rank()
          + ") but the machine has (" + ubm.numComponents + ", " + ubm.numFeatures + ", "
          + rankU + ")");
    }
  }

  static double relativeChange(double[] old, double[] updated) {
    double num = 0;
    double den = 0;
    for (int k = 0; k < old.length; k++) {
      double diff = updated[k] - old[k];
      num += diff * diff;
      den += old[k] * old[k];
    }
    return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
  }

  // ------------------------------------------------------------------------------------------
  // enrolment and scoring

  /**
   * Enrols a client: z after {@code enrollIterations} rounds of (x_h with the current z, then z
   * from the x_h), starting from z = 0.
   *
   * @param sessions the client's enrolment statistics (one per session); not modified
   * @return E[z], length CD (the client model mean is {@code m + D ⊙ z})
   */
  public double[] enroll(List<GMMStats> sessions) {
    String owner = OWNER + ".enroll";
    ubm.checkStats(owner, "sessions", sessions, true);
    Identity id = new Identity(ubm, sessions);
    FactorModel fm = model();
    FactorModel.Workspace ws = fm.workspace(id.size());
    double[] z = new double[ubm.supervectorLength];
    double[] shift = new double[ubm.supervectorLength];
    for (int it = 0; it < enrollIterations; it++) {
      for (int q = 0; q < shift.length; q++) {
        shift[q] = d[q] * z[q];
      }
      fm.latentX(id, shift, null, ws, false);
      fm.latentZ(id, ws.x, null, ws);
      System.arraycopy(ws.z, 0, z, 0, z.length);
    }
    return z;
  }

  /**
   * The channel factor of a probe template, estimated against the UBM mean.
   *
   * @param probe the template's statistics (summed); not modified
   * @return E[x], length r_U
   */
  public double[] estimateX(List<GMMStats> probe) {
    ubm.checkStats(OWNER + ".estimateX", "probe", probe, true);
    return model().estimateX(probe);
  }

  /**
   * @param probe the template's statistics; not modified
   * @return the channel offset {@code U x}, length CD
   */
  public double[] estimateUx(List<GMMStats> probe) {
    ubm.checkStats(OWNER + ".estimateUx", "probe", probe, true);
    return model().estimateUx(probe);
  }

  /**
   * Scores a probe template against an enrolled client: linear scoring of the model mean
   * {@code m + D ⊙ z} against the summed probe statistics, with the channel offset {@code U x}
   * and frame-length normalisation (a probe with t = 0 scores 0).
   *
   * @param z the client's E[z] (length CD), from {@link #enroll(List)}
   * @param probe the statistics of one probe template; not modified
   * @return the score
   */
  public double score(double[] z, List<GMMStats> probe) {
    String owner = OWNER + ".score";
    Check.length(owner, "z", z, ubm.supervectorLength, "the UBM's C·D");
    Check.finite(owner, "z", z);
    ubm.checkStats(owner, "probe", probe, true);
    double[] mean = new double[ubm.supervectorLength];
    for (int q = 0; q < mean.length; q++) {
      mean[q] = d[q] * z[q] + ubm.means[q];
    }
    return FactorScoring.score(ubm, model(), mean, probe);
  }

  @Override
  public String toString() {
    return OWNER + "[C=" + ubm.numComponents + ", D=" + ubm.numFeatures + ", rankU=" + rankU
        + ", relevanceFactor=" + relevanceFactor + ", iterations=" + iterations
        + ", enrollIterations=" + enrollIterations + ", seed=" + seed + ", parallelism="
        + parallelism + ", report=" + report + "]";
  }
}
