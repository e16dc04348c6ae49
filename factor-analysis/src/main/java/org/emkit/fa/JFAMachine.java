package org.emkit.fa;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.emkit.core.FitMonitor;
import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.core.random.NumpyRandom;
import org.emkit.core.validation.Check;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * Joint factor analysis (JFA) on top of a GMM universal background model: the GMM mean
 * supervector of a session is the UBM mean plus a session offset in a low-rank subspace U, an
 * identity offset in a low-rank subspace V and a diagonal identity residual D.
 *
 * <p><b>Model.</b> For identity i and session h (m, Σ: UBM mean and variance supervectors, length
 * CD, index {@code c*D + d}):
 *
 * <pre>
 *   μ_{i,h} = m + U x_{i,h} + V y_i + D ⊙ z_i      x ~ N(0, I_{r_U}), y ~ N(0, I_{r_V}), z ~ N(0, I_{CD})
 * </pre>
 *
 * <p><b>Posteriors</b> (n_h, F_h: session statistics; N, F: their sums over the identity's sessions;
 * n and N repeated over the features of each component):
 *
 * <pre>
 *   x_h = (I + Σ_c n_{h,c} U_cᵀΣ_c⁻¹U_c)⁻¹ Uᵀ Σ⁻¹ (F_h − n_h ⊙ (m + D z) − n_h ⊙ V y)
 *   y   = (I + Σ_c N_c V_cᵀΣ_c⁻¹V_c)⁻¹ Vᵀ Σ⁻¹ (F − N ⊙ (m + D z) − Σ_h n_h ⊙ U x_h)
 *   z   = d ⊙ (D/Σ) ⊙ (F − N ⊙ (m + V y) − Σ_h n_h ⊙ U x_h),   d = 1 / (1 + (D²/Σ) ⊙ N)
 * </pre>
 *
 * <p><b>Algorithm.</b> {@link #fit(List, int[])} runs three phases of exactly {@code iterations}
 * EM iterations each (SPEC §6.6): <em>V phase</em> (x = 0, z = 0; y per identity; accumulators
 * {@code A1_c += N_c (Cov[y] + y yᵀ)}, {@code A2 += Fn_y yᵀ}; {@code V_c = A2_c A1_c⁻¹}), then y
 * re-estimated with the final V; <em>U phase</em> (x per session with that y and z = 0; the ISV
 * accumulators; {@code U_c = A2_c A1_c⁻¹}), then x re-estimated with the final U; <em>D phase</em>
 * (z per identity with those x and y; {@code A1 += (d + z⊙z) ⊙ N}, {@code A2 += Fn_z ⊙ z};
 * {@code D = A2 / A1}). Enrolment ({@link #enroll(List)}) repeats y, x, z for
 * {@code enrollIterations} rounds from zero. Scoring ({@link #score(Enrollment, List)}) is ISV's
 * rule with the model mean {@code m + V y + D z}.
 *
 * <p><b>Numerics.</b> {@link Numerics#STANDARD} (default) uses the sign above for the D z term of
 * y's centred statistics (the C++ version and the JFA literature; it reproduces the C++-era
 * "JFA cookbook" values, SPEC §11.3). {@link Numerics#BOB_COMPATIBLE} reproduces bob.learn.em
 * v3's {@code m − D z} (SPEC §6.4): invisible in training (z = 0 in the V phase) but it changes
 * enrolment with {@code enrollIterations > 1} when D z ≠ 0.
 *
 * <p><b>Shapes.</b> U: CD×r_U, V: CD×r_V (row-major), D: length CD; an {@link Enrollment} holds y
 * (length r_V) and z (length CD).
 *
 * <p><b>Parameters.</b> {@code rankU} in [1, CD], {@code rankV} in [1, CD] (required);
 * {@code relevanceFactor} &gt; 0 (default 4, for the initial D); {@code iterations} ≥ 0 per phase
 * (default 10); {@code enrollIterations} ≥ 1 (default 1); {@code seed} (default 0);
 * {@code parallelism} ≥ 1; {@code numerics}; optional initial {@code u}, {@code v}, {@code d}.
 *
 * <p><b>Initialisation.</b> bob's {@code create_UVD}: from numpy's {@code RandomState(seed)}, U =
 * normal(0, 1, (CD, r_U)) then V = normal(0, 1, (CD, r_V)) (drawn after U), and
 * {@code D = sqrt(Σ / relevanceFactor)}; given matrices replace the draws (V keeps its place in
 * the stream after U's draws).
 *
 * <p><b>Reproducibility and threads.</b> Every E-step runs over fixed chunks of identities with
 * one accumulator per chunk, merged in chunk order: bitwise identical results for every
 * {@code parallelism}. Immutable and thread-safe; {@code fit} returns a new machine.
 *
 * <p><b>Compatibility.</b> bob.learn.em 3.3.0's {@code JFAMachine} (goldens reproduced at rtol
 * 1e-10 with {@link Numerics#BOB_COMPATIBLE}; training results are identical in both modes).
 * Differences as for {@link ISVMachine}; additionally an element of D whose accumulator A1 is 0
 * keeps its value (bob divides 0 by 0).
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>P. Kenny, G. Boulianne, P. Ouellet, P. Dumouchel, "Joint factor analysis versus eigenchannels
 *       in speaker recognition", IEEE TASLP 15(4), 2007. https://doi.org/10.1109/TASL.2006.881693
 *   <li>R. Vogt, S. Sridharan, "Explicit modelling of session variability for speaker
 *       verification", Computer Speech &amp; Language 22(1), 2008.
 *   <li>C. McCool et al., "Session variability modelling for face authentication", IET Biometrics
 *       2(3), 2013.
 * </ol>
 *
 * @see ISVMachine
 */
public final class JFAMachine {

  private static final String OWNER = "JFAMachine";
  private static final Logger LOG = System.getLogger(JFAMachine.class.getName());

  /** An enrolled client: the posterior means of its identity factor y and residual z. */
  public static final class Enrollment {
    private final double[] y;
    private final double[] z;

    private Enrollment(double[] y, double[] z) {
      this.y = y;
      this.z = z;
    }

    /**
     * @param y E[y], length r_V; copied
     * @param z E[z], length CD; copied
     * @return the enrolment
     */
    public static Enrollment of(double[] y, double[] z) {
      Check.finite("JFAMachine.Enrollment", "y", y);
      Check.finite("JFAMachine.Enrollment", "z", z);
      return new Enrollment(y.clone(), z.clone());
    }

    /** @return a copy of E[y] */
    public double[] y() {
      return y.clone();
    }

    /** @return a copy of E[z] */
    public double[] z() {
      return z.clone();
    }

    @Override
    public String toString() {
      return "JFAMachine.Enrollment[y=" + Arrays.toString(y) + ", |z|=" + z.length + "]";
    }
  }

  private final GMMMachine ubmMachine;
  private final Ubm ubm;
  private final int rankU;
  private final int rankV;
  private final double relevanceFactor;
  private final int iterations;
  private final int enrollIterations;
  private final long seed;
  private final int parallelism;
  private final Numerics numerics;
  private final double[] u;
  private final double[] v;
  private final double[] d;
  private final FitReport report;
  private volatile FactorModel model;

  private JFAMachine(Builder b, double[] u, double[] v, double[] d, FitReport report) {
    this.ubmMachine = b.ubm;
    this.ubm = b.view;
    this.rankU = b.rankU;
    this.rankV = b.rankV;
    this.relevanceFactor = b.relevanceFactor;
    this.iterations = b.iterations;
    this.enrollIterations = b.enrollIterations;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
    this.numerics = b.numerics;
    this.u = u;
    this.v = v;
    this.d = d;
    this.report = report;
  }

  /**
   * @param ubm a fitted GMM (the UBM)
   * @param rankU r_U in [1, C·D]
   * @param rankV r_V in [1, C·D]
   * @return a builder with bob's defaults
   */
  public static Builder builder(GMMMachine ubm, int rankU, int rankV) {
    return new Builder(ubm, rankU, rankV);
  }

  /**
   * A machine from trained parameters (for a model loaded from a file).
   *
   * @param ubm the UBM
   * @param u U, CD×r_U; copied
   * @param v V, CD×r_V; copied
   * @param d D, length CD; copied
   * @return the machine (numerics {@link Numerics#STANDARD})
   */
  public static JFAMachine fromParameters(GMMMachine ubm, Matrix u, Matrix v, double[] d) {
    Objects.requireNonNull(u, "u");
    Objects.requireNonNull(v, "v");
    return builder(ubm, u.cols(), v.cols()).u(u).v(v).d(d).build();
  }

  /** @return a builder preset with this machine's hyperparameters and parameters */
  public Builder toBuilder() {
    Builder b = new Builder(ubmMachine, rankU, rankV);
    b.relevanceFactor = relevanceFactor;
    b.iterations = iterations;
    b.enrollIterations = enrollIterations;
    b.seed = seed;
    b.parallelism = parallelism;
    b.numerics = numerics;
    b.u = u.clone();
    b.v = v.clone();
    b.d = d.clone();
    return b;
  }

  /** Builder of {@link JFAMachine}. */
  public static final class Builder {
    private final GMMMachine ubm;
    private final Ubm view;
    private final int rankU;
    private final int rankV;
    private double relevanceFactor = 4.0;
    private int iterations = 10;
    private int enrollIterations = 1;
    private long seed;
    private int parallelism = 1;
    private Numerics numerics = Numerics.STANDARD;
    private double[] u;
    private double[] v;
    private double[] d;

    private Builder(GMMMachine ubm, int rankU, int rankV) {
      this.view = Ubm.of(OWNER + ".builder", ubm);
      this.ubm = ubm;
      this.rankU = Check.inClosed(OWNER + ".builder", "rankU", rankU, 1, view.supervectorLength);
      this.rankV = Check.inClosed(OWNER + ".builder", "rankV", rankV, 1, view.supervectorLength);
    }

    /**
     * @param relevanceFactor r &gt; 0 for the initial {@code D = sqrt(Σ / r)} (default 4)
     * @return this
     */
    public Builder relevanceFactor(double relevanceFactor) {
      this.relevanceFactor = Check.positive(OWNER, "relevanceFactor", relevanceFactor);
      return this;
    }

    /**
     * @param iterations EM iterations of each phase, {@code >= 0} (default 10)
     * @return this
     */
    public Builder iterations(int iterations) {
      this.iterations = Check.atLeast(OWNER, "iterations", iterations, 0);
      return this;
    }

    /**
     * @param enrollIterations rounds of (y, x, z) at enrolment, {@code >= 1} (default 1)
     * @return this
     */
    public Builder enrollIterations(int enrollIterations) {
      this.enrollIterations = Check.atLeast(OWNER, "enrollIterations", enrollIterations, 1);
      return this;
    }

    /**
     * @param seed seed in [0, 2³²−1] of numpy's RandomState for the initial U and V (default 0)
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
     * @param numerics sign convention of y's statistics (default STANDARD)
     * @return this
     */
    public Builder numerics(Numerics numerics) {
      this.numerics = Objects.requireNonNull(numerics, "numerics");
      return this;
    }

    /**
     * @param u U, CD×r_U; copied
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
     * @param v V, CD×r_V; copied
     * @return this
     */
    public Builder v(Matrix v) {
      Objects.requireNonNull(v, "v");
      Check.shape(OWNER, "v", v, view.supervectorLength, rankV);
      Check.finite(OWNER, "v", v);
      this.v = v.toArray();
      return this;
    }

    /**
     * @param d D, length CD; copied
     * @return this
     */
    public Builder d(double[] d) {
      Check.length(OWNER, "d", d, view.supervectorLength, "the UBM's C·D");
      Check.finite(OWNER, "d", d);
      this.d = d.clone();
      return this;
    }

    /** @return the machine; U, V and D not given are initialised as bob's {@code create_UVD} */
    public JFAMachine build() {
      int cd = view.supervectorLength;
      NumpyRandom rng = new NumpyRandom(seed);
      double[] uu = u;
      double[] vv = v;
      if (uu == null || vv == null) {
        double[] drawnU = rng.normal(0.0, 1.0, Math.multiplyExact(cd, rankU));
        uu = uu == null ? drawnU : uu.clone();
        vv = vv == null ? rng.normal(0.0, 1.0, Math.multiplyExact(cd, rankV)) : vv.clone();
      } else {
        uu = uu.clone();
        vv = vv.clone();
      }
      double[] dd = d != null ? d.clone() : ISVMachine.initialD(view, relevanceFactor);
      return new JFAMachine(this, uu, vv, dd, FitReport.NOT_FITTED);
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

  /** @return CD */
  public int supervectorLength() {
    return ubm.supervectorLength;
  }

  /** @return r_U */
  public int rankU() {
    return rankU;
  }

  /** @return r_V */
  public int rankV() {
    return rankV;
  }

  /** @return a copy of U, CD×r_U */
  public Matrix u() {
    return Matrix.copyOf(ubm.supervectorLength, rankU, u);
  }

  /** @return a copy of V, CD×r_V */
  public Matrix v() {
    return Matrix.copyOf(ubm.supervectorLength, rankV, v);
  }

  /** @return a copy of D, length CD */
  public double[] d() {
    return d.clone();
  }

  /** @return the relevance factor */
  public double relevanceFactor() {
    return relevanceFactor;
  }

  /** @return EM iterations per phase */
  public int iterations() {
    return iterations;
  }

  /** @return enrolment rounds */
  public int enrollIterations() {
    return enrollIterations;
  }

  /** @return the seed of the initial U and V */
  public long seed() {
    return seed;
  }

  /** @return threads for training */
  public int parallelism() {
    return parallelism;
  }

  /** @return the sign convention of y's statistics */
  public Numerics numerics() {
    return numerics;
  }

  /**
   * @return the fit report: {@code 3 × iterations} iterations (V, then U, then D phase), each with
   *     the relative Frobenius change of the matrix it updated; {@code converged()} is false
   */
  public FitReport report() {
    return report;
  }

  FactorModel model() {
    FactorModel m = model;
    if (m == null) {
      m = modelOf(u, true, v, true, d);
      model = m;
    }
    return m;
  }

  FactorModel modelOf(double[] uu, boolean withU, double[] vv, boolean withV, double[] dd) {
    Subspace us = withU ? new Subspace(uu, rankU, ubm.numComponents, ubm.numFeatures,
        ubm.variances, parallelism) : null;
    Subspace vs = withV ? new Subspace(vv, rankV, ubm.numComponents, ubm.numFeatures,
        ubm.variances, parallelism) : null;
    return new FactorModel(OWNER, ubm, uu, rankU, us, vv, rankV, vs, dd, numerics);
  }

  // ------------------------------------------------------------------------------------------
  // training

  /**
   * Trains V, then U, then D (see the class documentation).
   *
   * @param stats one GMMStats per session; not modified
   * @param labels identity of each session, {@code 0..I−1}, every identity present
   * @return a new machine with the trained U, V and D
   */
  public JFAMachine fit(List<GMMStats> stats, int[] labels) {
    return fit(stats, labels, FitMonitor.NONE);
  }

  /**
   * @param stats one GMMStats per session; not modified
   * @param labels identity of each session, {@code 0..I−1}
   * @param monitor receives (global iteration 1..3·iterations, relative change of the updated
   *     matrix); stopping it ends the fit after that iteration, with the remaining phases skipped
   * @return a new machine with the trained parameters
   */
  public JFAMachine fit(List<GMMStats> stats, int[] labels, FitMonitor monitor) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(monitor, "monitor");
    Identity[] ids = Identity.group(owner, ubm, stats, labels);
    double[] objectives = new double[3 * iterations];
    int done = 0;
    double[] vCur = v;
    double[] uCur = u;
    double[] dCur = d;
    for (int it = 0; it < iterations; it++) {
      double[] vNew = FactorModel.subspaceMStep(owner, accumulateV(ids, uCur, vCur, dCur), vCur,
          parallelism);
      objectives[done] = ISVMachine.relativeChange(vCur, vNew);
      vCur = vNew;
      if (!step(monitor, ++done, objectives[done - 1], "V")) {
        return stopped(uCur, vCur, dCur, objectives, done);
      }
    }
    double[][] vy = speakerOffsets(vCur, latentY(ids, uCur, vCur, dCur));
    for (int it = 0; it < iterations; it++) {
      double[] uNew = FactorModel.subspaceMStep(owner, accumulateU(ids, uCur, vCur, dCur, vy),
          uCur, parallelism);
      objectives[done] = ISVMachine.relativeChange(uCur, uNew);
      uCur = uNew;
      if (!step(monitor, ++done, objectives[done - 1], "U")) {
        return stopped(uCur, vCur, dCur, objectives, done);
      }
    }
    double[][] xs = latentX(ids, uCur, vCur, dCur, vy);
    for (int it = 0; it < iterations; it++) {
      double[] dNew = FactorModel.diagonalMStep(accumulateD(ids, uCur, vCur, dCur, xs, vy), dCur);
      objectives[done] = ISVMachine.relativeChange(dCur, dNew);
      dCur = dNew;
      if (!step(monitor, ++done, objectives[done - 1], "D")) {
        return stopped(uCur, vCur, dCur, objectives, done);
      }
    }
    return new JFAMachine(toBuilder(), uCur, vCur, dCur,
        new FitReport(done, false, false, Arrays.copyOf(objectives, done)));
  }

  private boolean step(FitMonitor monitor, int iteration, double objective, String phase) {
    LOG.log(Level.DEBUG, () -> OWNER + " " + phase + " phase, iteration " + iteration + "/"
        + 3 * iterations);
    return monitor.onIteration(iteration, objective);
  }

  private JFAMachine stopped(double[] uu, double[] vv, double[] dd, double[] objectives,
      int done) {
    return new JFAMachine(toBuilder(), uu, vv, dd,
        new FitReport(done, false, true, Arrays.copyOf(objectives, done)));
  }

  /** V-phase E-step: x = 0, z = 0, y per identity; V accumulators. */
  SubspaceStats accumulateV(Identity[] ids, double[] uu, double[] vv, double[] dd) {
    FactorModel fm = modelOf(uu, false, vv, true, dd);
    return fm.reduceIdentities(ids, parallelism,
        () -> new SubspaceStats(ubm.numComponents, ubm.numFeatures, rankV), SubspaceStats::reset,
        (i, a, ws) -> fm.accumulateV(ids[i], null, null, a, ws), SubspaceStats::merge);
  }

  /** U-phase E-step: x per session with the identity's V y and z = 0; U accumulators. */
  SubspaceStats accumulateU(Identity[] ids, double[] uu, double[] vv, double[] dd,
      double[][] vy) {
    FactorModel fm = modelOf(uu, true, vv, false, dd);
    return fm.reduceIdentities(ids, parallelism,
        () -> new SubspaceStats(ubm.numComponents, ubm.numFeatures, rankU), SubspaceStats::reset,
        (i, a, ws) -> fm.accumulateU(ids[i], null, vy[i], false, a, ws), SubspaceStats::merge);
  }

  /** D-phase E-step: z per identity from the given x and V y; D accumulators. */
  DiagonalStats accumulateD(Identity[] ids, double[] uu, double[] vv, double[] dd, double[][] xs,
      double[][] vy) {
    FactorModel fm = modelOf(uu, false, vv, false, dd);
    return fm.reduceIdentities(ids, parallelism,
        () -> new DiagonalStats(ubm.supervectorLength), DiagonalStats::reset,
        (i, a, ws) -> fm.accumulateD(ids[i], xs[i], vy[i], a, ws), DiagonalStats::merge);
  }

  /** y of every identity with x = 0 and z = 0 (bob's {@code finalize_v}); I × r_V. */
  double[][] latentY(Identity[] ids, double[] uu, double[] vv, double[] dd) {
    FactorModel fm = modelOf(uu, false, vv, true, dd);
    return fm.mapIdentities(ids, parallelism, (i, out, ws) -> {
      fm.latentY(ids[i], null, null, ws, false);
      out[i] = ws.y.clone();
    });
  }

  /** V y_i for every identity. */
  double[][] speakerOffsets(double[] vv, double[][] y) {
    double[][] out = new double[y.length][ubm.supervectorLength];
    for (int i = 0; i < y.length; i++) {
      FactorModel.times(vv, rankV, y[i], 0, out[i]);
    }
    return out;
  }

  /** x of every session given V y and z = 0 (bob's {@code finalize_u}); per identity H×r_U. */
  double[][] latentX(Identity[] ids, double[] uu, double[] vv, double[] dd, double[][] vy) {
    FactorModel fm = modelOf(uu, true, vv, false, dd);
    return fm.mapIdentities(ids, parallelism, (i, out, ws) -> {
      fm.latentX(ids[i], null, vy[i], ws, false);
      out[i] = Arrays.copyOf(ws.x, ids[i].size() * rankU);
    });
  }

  double[] uArray() {
    return u;
  }

  double[] vArray() {
    return v;
  }

  double[] dArray() {
    return d;
  }

  Ubm ubmView() {
    return ubm;
  }

  // ------------------------------------------------------------------------------------------
  // enrolment and scoring

  /**
   * Enrols a client: {@code enrollIterations} rounds of y (from x and z), x (from y and z), z
   * (from x and y), starting from zero.
   *
   * @param sessions the client's enrolment statistics; not modified
   * @return E[y] and E[z]
   */
  public Enrollment enroll(List<GMMStats> sessions) {
    String owner = OWNER + ".enroll";
    ubm.checkStats(owner, "sessions", sessions, true);
    Identity id = new Identity(ubm, sessions);
    FactorModel fm = model();
    FactorModel.Workspace ws = fm.workspace(id.size());
    int cd = ubm.supervectorLength;
    double[] xs = new double[id.size() * rankU];
    double[] y = new double[rankV];
    double[] z = new double[cd];
    double[] vy = new double[cd];
    double[] shift = new double[cd];
    for (int it = 0; it < enrollIterations; it++) {
      fm.latentY(id, xs, z, ws, false);
      System.arraycopy(ws.y, 0, y, 0, rankV);
      FactorModel.times(v, rankV, y, 0, vy);
      for (int q = 0; q < cd; q++) {
        shift[q] = d[q] * z[q];
      }
      fm.latentX(id, shift, vy, ws, false);
      System.arraycopy(ws.x, 0, xs, 0, xs.length);
      fm.latentZ(id, xs, vy, ws);
      System.arraycopy(ws.z, 0, z, 0, cd);
    }
    return new Enrollment(y, z);
  }

  /**
   * The channel factor of a probe template, estimated against the UBM mean.
   *
   * @param probe the template's statistics; not modified
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
   * Scores a probe template against an enrolled client: linear scoring of {@code m + V y + D z}
   * with the probe's channel offset {@code U x} and frame-length normalisation (t = 0 scores 0).
   *
   * @param client the enrolled client
   * @param probe the statistics of one probe template; not modified
   * @return the score
   */
  public double score(Enrollment client, List<GMMStats> probe) {
    String owner = OWNER + ".score";
    Objects.requireNonNull(client, "client");
    Check.length(owner, "client.y", client.y, rankV, "rankV");
    Check.length(owner, "client.z", client.z, ubm.supervectorLength, "the UBM's C·D");
    ubm.checkStats(owner, "probe", probe, true);
    double[] mean = new double[ubm.supervectorLength];
    FactorModel.times(v, rankV, client.y, 0, mean);
    for (int q = 0; q < mean.length; q++) {
      mean[q] = mean[q] + d[q] * client.z[q] + ubm.means[q];
    }
    return FactorScoring.score(ubm, model(), mean, probe);
  }

  @Override
  public String toString() {
    return OWNER + "[C=" + ubm.numComponents + ", D=" + ubm.numFeatures + ", rankU=" + rankU
        + ", rankV=" + rankV + ", relevanceFactor=" + relevanceFactor + ", iterations="
        + iterations + ", enrollIterations=" + enrollIterations + ", seed=" + seed
        + ", parallelism=" + parallelism + ", numerics=" + numerics + ", report=" + report + "]";
  }
}
