package org.emkit.fa;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.Numerics;
import org.emkit.core.internal.Parallel;
import org.emkit.mixture.GMMStats;

/**
 * The latent-variable computations shared by ISV and JFA for one parameter value (m, Σ, U, V, D):
 * posteriors of the session factors x, the identity factor y and the identity offset z of one
 * identity, and the E-step accumulators of U, V and D (bob.learn.em's {@code FactorAnalysisBase},
 * SPEC §6.4).
 *
 * <pre>
 *   x_h = (I + Σ_c n_{h,c} UProd_c)⁻¹ Uᵀ Σ⁻¹ Fn_x,h     Fn_x,h = F_h − n_h ⊙ (m + D z) − n_h ⊙ V y
 *   y   = (I + Σ_c N_c VProd_c)⁻¹ Vᵀ Σ⁻¹ Fn_y          Fn_y = F − N ⊙ (m ± D z) − Σ_h n_h ⊙ U x_h
 *   z   = d ⊙ (D/Σ) ⊙ Fn_z,  d = 1 / (1 + (D²/Σ) ⊙ N)  Fn_z = F − N ⊙ (m + V y) − Σ_h n_h ⊙ U x_h
 * </pre>
 *
 * (n, N repeated over the D features of each component.) The sign in Fn_y is {@code +} with
 * {@link Numerics#STANDARD} and {@code −} with {@link Numerics#BOB_COMPATIBLE} (SPEC §6.4).
 * Posterior means are computed with Cholesky solves; the posterior covariances that the
 * accumulators need come from the same factorisation.
 *
 * <p>Immutable; per-thread scratch memory lives in a {@link Workspace}.
 */
final class FactorModel {

  /** Components per task of an M-step (one solver's buffers are allocated per task). */
  static final int M_STEP_COMPONENT_CHUNK = 8;

  final Ubm ubm;
  final int numComponents;
  final int numFeatures;
  final int supervectorLength;
  final double[] u;
  final int rankU;
  final Subspace uSpace;
  final double[] v;
  final int rankV;
  final Subspace vSpace;
  final double[] d;
  final Numerics numerics;
  final String owner;
  private final double[] dOverSigma;
  private final double[] dOverSigmaD;

  /**
   * @param owner caller for error messages
   * @param ubm the UBM view
   * @param u U (CD×rankU), by reference
   * @param rankU r_U
   * @param uSpace precomputations of U, or {@code null} if no x posterior is needed
   * @param v V (CD×rankV) or {@code null}
   * @param rankV r_V (0 without V)
   * @param vSpace precomputations of V, or {@code null} if no y posterior is needed
   * @param d D (CD), by reference
   * @param numerics sign convention of Fn_y
   */
  FactorModel(String owner, Ubm ubm, double[] u, int rankU, Subspace uSpace, double[] v, int rankV,
      Subspace vSpace, double[] d, Numerics numerics) {
    this.owner = owner;
    this.ubm = ubm;
    this.numComponents = ubm.numComponents;
    this.numFeatures = ubm.numFeatures;
    this.supervectorLength = ubm.supervectorLength;
    this.u = u;
    this.rankU = rankU;
    this.uSpace = uSpace;
    this.v = v;
    this.rankV = rankV;
    this.vSpace = vSpace;
    this.d = d;
    this.numerics = numerics;
    this.dOverSigma = new double[supervectorLength];
    this.dOverSigmaD = new double[supervectorLength];
    for (int q = 0; q < supervectorLength; q++) {
      dOverSigma[q] = d[q] / ubm.variances[q];
      dOverSigmaD[q] = dOverSigma[q] * d[q];
    }
  }

  /** Scratch memory of one thread, sized for identities of at most {@code maxSessions} sessions. */
  static final class Workspace {
    final int maxSessions;
    /** Occupancies of the sessions, H×C. */
    final double[] n;
    /** Centred first orders Fn_x of the sessions, H×CD. */
    final double[] fn;
    /** Posterior precisions of x (packed), then covariances, then second moments; H×P_U. */
    final double[] prec;
    /** Uᵀ Σ⁻¹ Fn_x, H×r_U. */
    final double[] proj;
    /** E[x_h], H×r_U. */
    final double[] x;
    /** U x_h or other CD scratch. */
    final double[] ux;
    /** Fn_z or Fn_y, CD. */
    final double[] fz;
    /** E[z], CD. */
    final double[] z;
    /** Posterior variance factor d of z, CD. */
    final double[] dPost;
    /** D ⊙ z, CD. */
    final double[] shift;
    /** Precision / covariance / second moment of y (packed P_V). */
    final double[] precV;
    /** Vᵀ Σ⁻¹ Fn_y, r_V. */
    final double[] projV;
    /** E[y], r_V. */
    final double[] y;
    final SpdSolver solverU;
    final SpdSolver solverV;

    Workspace(FactorModel m, int maxSessions) {
      this.maxSessions = maxSessions;
      int cd = m.supervectorLength;
      this.n = new double[maxSessions * m.numComponents];
      this.fn = new double[Math.multiplyExact(maxSessions, cd)];
      int pu = FaKernels.packedLength(m.rankU);
      this.prec = new double[Math.multiplyExact(maxSessions, pu)];
      this.proj = new double[maxSessions * m.rankU];
      this.x = new double[maxSessions * m.rankU];
      this.ux = new double[cd];
      this.fz = new double[cd];
      this.z = new double[cd];
      this.dPost = new double[cd];
      this.shift = new double[cd];
      this.solverU = new SpdSolver(m.rankU);
      if (m.rankV > 0) {
        this.precV = new double[FaKernels.packedLength(m.rankV)];
        this.projV = new double[m.rankV];
        this.y = new double[m.rankV];
        this.solverV = new SpdSolver(m.rankV);
      } else {
        this.precV = null;
        this.projV = null;
        this.y = null;
        this.solverV = null;
      }
    }
  }

  /**
   * @param maxSessions largest identity
   * @return scratch memory for one thread
   */
  Workspace workspace(int maxSessions) {
    return new Workspace(this, maxSessions);
  }

  /**
   * {@code out = M x} for a CD×r matrix M.
   *
   * @param matrix M
   * @param rank r
   * @param x vector {@code x[offset .. offset+r)}
   * @param offset start of x
   * @param out length CD; overwritten
   */
  static void times(double[] matrix, int rank, double[] x, int offset, double[] out) {
    for (int q = 0; q < out.length; q++) {
      int row = q * rank;
      double acc = 0.0;
      for (int k = 0; k < rank; k++) {
        acc += matrix[row + k] * x[offset + k];
      }
      out[q] = acc;
    }
  }

  /**
   * Posterior means of the session factors of an identity, into {@code ws.x} (H×r_U). Also leaves
   * the occupancies in {@code ws.n} and the centred first orders Fn_x in {@code ws.fn}; with
   * {@code withCovariance} the posterior covariances (packed) in {@code ws.prec}.
   *
   * @param id the identity
   * @param shift D z (length CD) or {@code null} for z = 0
   * @param vy V y (length CD) or {@code null} for y = 0
   * @param ws scratch
   * @param withCovariance whether to compute the covariances
   */
  void latentX(Identity id, double[] shift, double[] vy, Workspace ws, boolean withCovariance) {
    int h = id.size();
    for (int s = 0; s < h; s++) {
      sessionInputs(id.sessions[s], shift, vy, ws, s);
    }
    posteriorX(h, ws, withCovariance);
  }

  private void sessionInputs(GMMStats st, double[] shift, double[] vy, Workspace ws, int s) {
    int c0 = s * numComponents;
    int q0 = s * supervectorLength;
    ubm.copyN(st, ws.n, c0);
    ubm.centredFirstOrder(st, shift, ws.fn, q0);
    if (vy != null) {
      for (int c = 0; c < numComponents; c++) {
        double nc = ws.n[c0 + c];
        for (int j = 0; j < numFeatures; j++) {
          int q = c * numFeatures + j;
          ws.fn[q0 + q] -= nc * vy[q];
        }
      }
    }
  }

  private void posteriorX(int h, Workspace ws, boolean withCovariance) {
    int pu = uSpace.packedLength;
    uSpace.precisions(ws.n, h, ws.prec, 1);
    uSpace.project(ws.fn, h, ws.proj, 1);
    for (int s = 0; s < h; s++) {
      if (!ws.solverU.factor(ws.prec, s * pu)) {
        throw notPositiveDefinite("the posterior precision of session factor x");
      }
      ws.solverU.solve(ws.proj, s * rankU, ws.x, s * rankU);
      if (withCovariance) {
        ws.solverU.inversePacked(ws.prec, s * pu);
      }
    }
  }

  NumericalFailureException notPositiveDefinite(String what) {
    return new NumericalFailureException(owner + ": " + what + " is not positive definite;"
        + " check that the statistics' counts n are finite and non-negative and that U, V and D"
        + " are finite");
  }

  /**
   * Posterior mean of z for an identity, into {@code ws.z}; leaves Fn_z in {@code ws.fz} and the
   * posterior variance factor d in {@code ws.dPost}.
   *
   * @param id the identity
   * @param xs E[x_h] (H×r_U) or {@code null} for x = 0
   * @param vy V y (length CD) or {@code null} for y = 0
   * @param ws scratch
   */
  void latentZ(Identity id, double[] xs, double[] vy, Workspace ws) {
    double[] fz = ws.fz;
    double[] m = ubm.means;
    for (int c = 0; c < numComponents; c++) {
      double nc = id.nSum[c];
      for (int j = 0; j < numFeatures; j++) {
        int q = c * numFeatures + j;
        fz[q] = vy == null ? id.fSum[q] - nc * m[q] : id.fSum[q] - nc * (m[q] + vy[q]);
      }
    }
    if (xs != null) {
      subtractSessionOffsets(id, xs, ws);
    }
    for (int c = 0; c < numComponents; c++) {
      double nc = id.nSum[c];
      for (int j = 0; j < numFeatures; j++) {
        int q = c * numFeatures + j;
        double post = 1.0 / (1.0 + dOverSigmaD[q] * nc);
        ws.dPost[q] = post;
        ws.z[q] = post * dOverSigma[q] * fz[q];
      }
    }
  }

  /** {@code ws.fz −= Σ_h n_h ⊙ U x_h}, session by session. */
  private void subtractSessionOffsets(Identity id, double[] xs, Workspace ws) {
    for (int s = 0; s < id.size(); s++) {
      GMMStats st = id.sessions[s];
      times(u, rankU, xs, s * rankU, ws.ux);
      for (int c = 0; c < numComponents; c++) {
        double nc = st.n(c);
        for (int j = 0; j < numFeatures; j++) {
          int q = c * numFeatures + j;
          ws.fz[q] -= nc * ws.ux[q];
        }
      }
    }
  }

  /**
   * Posterior mean of y for an identity, into {@code ws.y}; leaves Fn_y in {@code ws.fz} and, with
   * {@code withCovariance}, the posterior covariance (packed) in {@code ws.precV}.
   *
   * @param id the identity
   * @param xs E[x_h] (H×r_U) or {@code null} for x = 0
   * @param z E[z] (CD) or {@code null} for z = 0
   * @param ws scratch
   * @param withCovariance whether to compute the covariance
   */
  void latentY(Identity id, double[] xs, double[] z, Workspace ws, boolean withCovariance) {
    double[] fy = ws.fz;
    double[] m = ubm.means;
    boolean bobSign = numerics == Numerics.BOB_COMPATIBLE;
    for (int c = 0; c < numComponents; c++) {
      double nc = id.nSum[c];
      for (int j = 0; j < numFeatures; j++) {
        int q = c * numFeatures + j;
        if (z == null) {
          fy[q] = id.fSum[q] - nc * m[q];
        } else if (bobSign) {
          fy[q] = id.fSum[q] - nc * (m[q] - d[q] * z[q]);
        } else {
          fy[q] = id.fSum[q] - nc * (m[q] + d[q] * z[q]);
        }
      }
    }
    if (xs != null) {
      subtractSessionOffsets(id, xs, ws);
    }
    vSpace.precisions(id.nSum, 1, ws.precV, 1);
    vSpace.project(fy, 1, ws.projV, 1);
    if (!ws.solverV.factor(ws.precV, 0)) {
      throw notPositiveDefinite("the posterior precision of identity factor y");
    }
    ws.solverV.solve(ws.projV, 0, ws.y, 0);
    if (withCovariance) {
      ws.solverV.inversePacked(ws.precV, 0);
    }
  }

  /**
   * U accumulators of one identity (ISV E-step, or JFA U phase).
   *
   * <p>ISV ({@code updateZ}): x with z = 0, then z from these x, then the accumulators with Fn_x
   * recomputed with the new z (SPEC §6.5, §9.2 item 3). JFA U phase: x with the given y and z = 0,
   * the accumulators with the same Fn_x.
   *
   * @param id the identity
   * @param shift D z of the identity for x and the accumulators, or {@code null} for z = 0
   *     (ignored for the accumulators when {@code updateZ})
   * @param vy V y of the identity, or {@code null}
   * @param updateZ whether to estimate z before accumulating (ISV)
   * @param acc accumulators; modified
   * @param ws scratch
   */
  void accumulateU(Identity id, double[] shift, double[] vy, boolean updateZ, SubspaceStats acc,
      Workspace ws) {
    int h = id.size();
    latentX(id, shift, vy, ws, true);
    if (updateZ) {
      latentZ(id, ws.x, vy, ws);
      for (int q = 0; q < supervectorLength; q++) {
        ws.shift[q] = d[q] * ws.z[q];
      }
      for (int s = 0; s < h; s++) {
        sessionInputs(id.sessions[s], ws.shift, vy, ws, s);
      }
    }
    int pu = uSpace.packedLength;
    for (int s = 0; s < h; s++) {
      System.arraycopy(ws.x, s * rankU, ws.proj, 0, rankU);
      FaKernels.addOuter(ws.proj, rankU, ws.prec, s * pu);
    }
    FaKernels.mulTransAdd(ws.n, h, numComponents, ws.prec, pu, acc.a1Packed(), 0, numComponents,
        0, pu);
    FaKernels.mulTransAdd(ws.fn, h, supervectorLength, ws.x, rankU, acc.a2Array(), 0,
        supervectorLength, 0, rankU);
  }

  /**
   * V accumulators of one identity (JFA V phase).
   *
   * @param id the identity
   * @param xs E[x_h] or {@code null} for 0
   * @param z E[z] or {@code null} for 0
   * @param acc accumulators; modified
   * @param ws scratch
   */
  void accumulateV(Identity id, double[] xs, double[] z, SubspaceStats acc, Workspace ws) {
    latentY(id, xs, z, ws, true);
    FaKernels.addOuter(ws.y, rankV, ws.precV, 0);
    int pv = vSpace.packedLength;
    FaKernels.mulTransAdd(id.nSum, 1, numComponents, ws.precV, pv, acc.a1Packed(), 0,
        numComponents, 0, pv);
    FaKernels.mulTransAdd(ws.fz, 1, supervectorLength, ws.y, rankV, acc.a2Array(), 0,
        supervectorLength, 0, rankV);
  }

  /**
   * D accumulators of one identity (JFA D phase).
   *
   * @param id the identity
   * @param xs E[x_h] or {@code null}
   * @param vy V y or {@code null}
   * @param acc accumulators; modified
   * @param ws scratch
   */
  void accumulateD(Identity id, double[] xs, double[] vy, DiagonalStats acc, Workspace ws) {
    latentZ(id, xs, vy, ws);
    double[] a1 = acc.a1Array();
    double[] a2 = acc.a2Array();
    for (int c = 0; c < numComponents; c++) {
      double nc = id.nSum[c];
      for (int j = 0; j < numFeatures; j++) {
        int q = c * numFeatures + j;
        a1[q] += (ws.dPost[q] + ws.z[q] * ws.z[q]) * nc;
        a2[q] += ws.fz[q] * ws.z[q];
      }
    }
  }

  /**
   * The subspace M-step {@code M_c = A2_c A1_c⁻¹} (by Cholesky solves of the symmetric A1_c). A
   * component whose A1_c is exactly zero (no occupancy anywhere) keeps its previous rows.
   *
   * @param owner caller for messages
   * @param acc accumulators
   * @param previous the current matrix (CD×r); not modified
   * @param parallelism threads (components are independent)
   * @return the new matrix
   */
  static double[] subspaceMStep(String owner, SubspaceStats acc, double[] previous,
      int parallelism) {
    int c = acc.numComponents();
    int dd = acc.numFeatures();
    int r = acc.rank();
    int pl = FaKernels.packedLength(r);
    double[] a1 = acc.a1Packed();
    double[] a2 = acc.a2Array();
    double[] out = previous.clone();
    Parallel.forEachChunk(c, M_STEP_COMPONENT_CHUNK, parallelism, (c0, c1) -> {
      SpdSolver solver = new SpdSolver(r);
      for (int k = c0; k < c1; k++) {
        if (allZero(a1, k * pl, pl)) {
          continue;
        }
        if (!solver.factor(a1, k * pl)) {
          throw new NumericalFailureException(owner + ": accumulator A1 of component " + k
              + " is not positive definite; check the statistics (counts must be finite and"
              + " non-negative)");
        }
        for (int j = 0; j < dd; j++) {
          int row = (k * dd + j) * r;
          solver.solve(a2, row, out, row);
        }
      }
    });
    return out;
  }

  static boolean allZero(double[] a, int from, int length) {
    for (int k = from; k < from + length; k++) {
      if (a[k] != 0.0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The D M-step {@code D = A2 / A1} (elementwise); entries with {@code A1 = 0} keep their value.
   *
   * @param acc accumulators
   * @param previous current D; not modified
   * @return the new D
   */
  static double[] diagonalMStep(DiagonalStats acc, double[] previous) {
    double[] a1 = acc.a1Array();
    double[] a2 = acc.a2Array();
    double[] out = previous.clone();
    for (int q = 0; q < out.length; q++) {
      if (a1[q] != 0.0) {
        out[q] = a2[q] / a1[q];
      }
    }
    return out;
  }

  /**
   * x for a probe template, against the UBM mean (SPEC §6.8): N and F summed over the probe's
   * statistics, {@code x = (I + Σ_c N_c UProd_c)⁻¹ Uᵀ Σ⁻¹ (F − N ⊙ m)}.
   *
   * @param probe one template's statistics (validated)
   * @return E[x], length r_U
   */
  double[] estimateX(List<GMMStats> probe) {
    Workspace ws = workspace(1);
    for (GMMStats s : probe) {
      for (int c = 0; c < numComponents; c++) {
        ws.n[c] += s.n(c);
        for (int j = 0; j < numFeatures; j++) {
          ws.ux[c * numFeatures + j] += s.sumPx(c, j);
        }
      }
    }
    double[] m = ubm.means;
    for (int c = 0; c < numComponents; c++) {
      for (int j = 0; j < numFeatures; j++) {
        int q = c * numFeatures + j;
        ws.fn[q] = ws.ux[q] - m[q] * ws.n[c];
      }
    }
    posteriorX(1, ws, false);
    return java.util.Arrays.copyOf(ws.x, rankU);
  }

  /** Work on one identity, with a workspace owned by the chunk that runs it. */
  @FunctionalInterface
  interface IdentityTask<A> {
    /**
     * @param identity index into the identities
     * @param acc the chunk's accumulator
     * @param ws the chunk's workspace
     */
    void run(int identity, A acc, Workspace ws);
  }

  /**
   * Runs {@code task} for every identity over fixed chunks of {@link ISVMachine#IDENTITY_CHUNK}
   * identities, one accumulator and one workspace (sized for the largest identity) per chunk,
   * merged in chunk order: bitwise the same result for every {@code parallelism}.
   *
   * @param ids the identities
   * @param parallelism threads
   * @param factory a zero accumulator
   * @param reset sets an accumulator to zero
   * @param task the work on one identity
   * @param merger adds one accumulator into another
   * @param <A> accumulator type
   * @return the merged accumulator
   */
  <A> A reduceIdentities(Identity[] ids, int parallelism, Supplier<A> factory,
      Consumer<A> reset, IdentityTask<A> task, Parallel.Merger<A> merger) {
    int maxSessions = Identity.maxSessions(ids);
    return Parallel.reduce(ids.length, ISVMachine.IDENTITY_CHUNK, parallelism, factory, reset,
        (chunk, from, to, acc) -> {
          Workspace ws = workspace(maxSessions);
          for (int i = from; i < to; i++) {
            task.run(i, acc, ws);
          }
        },
        merger);
  }

  /**
   * One result per identity, computed over the fixed chunks of
   * {@link #reduceIdentities} with one workspace per chunk.
   *
   * @param ids the identities
   * @param parallelism threads
   * @param task stores the result of identity {@code i} into {@code out[i]} (its accumulator
   *     argument is {@code out})
   * @return {@code out}: the results, in identity order
   */
  double[][] mapIdentities(Identity[] ids, int parallelism, IdentityTask<double[][]> task) {
    double[][] out = new double[ids.length][];
    int maxSessions = Identity.maxSessions(ids);
    Parallel.forEachChunk(ids.length, ISVMachine.IDENTITY_CHUNK, parallelism, (from, to) -> {
      Workspace ws = workspace(maxSessions);
      for (int i = from; i < to; i++) {
        task.run(i, out, ws);
      }
    });
    return out;
  }

  /**
   * The channel offset of a probe template, {@code U x} with x from {@link #estimateX}.
   *
   * @param probe one template's statistics (validated)
   * @return U E[x], length CD
   */
  double[] estimateUx(List<GMMStats> probe) {
    double[] ux = new double[ubm.supervectorLength];
    times(u, rankU, estimateX(probe), 0, ux);
    return ux;
  }
}
