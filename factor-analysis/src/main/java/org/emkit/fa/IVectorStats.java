package org.emkit.fa;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Sufficient statistics of one EM iteration of the total-variability (i-vector) model, summed over
 * sessions: the E-step output that the M-step of {@link IVectorMachine} consumes.
 *
 * <p><b>Model.</b> For session s with occupancies n_c, first order F_c, second order S_c and the
 * posterior of its i-vector, mean E[w] and second moment E[wwᵀ] = Cov[w] + E[w]E[w]ᵀ (m_c: UBM
 * means):
 *
 * <pre>
 *   nijSigmaWij2[c] += n_c · E[wwᵀ]                               C × (R×R), symmetric
 *   fnormSigmaWij[c] += (F_c − n_c m_c) E[w]ᵀ                     C × (D×R)
 *   snormij[c]       += S_c − 2 F_c ⊙ m_c + n_c m_c ⊙ m_c         C × D
 *   nij[c]           += n_c                                       C
 *   sumW             += E[w]          sumWW += E[wwᵀ]             R, R×R   (minimum divergence)
 *   numSessions      += 1
 * </pre>
 *
 * <p><b>Merging.</b> Additive: statistics of disjoint sets of sessions {@link #merge merge} into
 * those of their union (associative and commutative up to rounding); this is how partitions of a
 * distributed training set are reduced before {@link IVectorMachine#mStep(IVectorStats)}.
 *
 * <p><b>Storage.</b> The symmetric R×R blocks are kept as packed lower triangles (R(R+1)/2 values,
 * half of bob's (C,R,R) array: at C = 512, R = 400 that is 328 MB instead of 655 MB); the
 * accessors return them expanded. {@code fnormSigmaWij} is CD×R row-major ((C,D,R) in bob).
 *
 * <p><b>Thread safety.</b> Mutable and not thread-safe.
 *
 * <p><b>Compatibility.</b> bob.learn.em's {@code IVectorStats} (same four accumulators; the
 * minimum-divergence sums are an emkit addition).
 *
 * @see IVectorMachine#eStep(java.util.List)
 */
public final class IVectorStats {

  private static final String OWNER = "IVectorStats";

  private final int numComponents;
  private final int numFeatures;
  private final int rank;
  private final double[] nijSigmaWij2;
  private final double[] fnormSigmaWij;
  private final double[] snormij;
  private final double[] nij;
  private final double[] sumW;
  private final double[] sumWW;
  private long numSessions;

  /**
   * Zero statistics.
   *
   * @param numComponents C, {@code >= 1}
   * @param numFeatures D, {@code >= 1}
   * @param rank R, {@code >= 1}
   */
  public IVectorStats(int numComponents, int numFeatures, int rank) {
    Check.atLeast(OWNER, "numComponents", numComponents, 1);
    Check.atLeast(OWNER, "numFeatures", numFeatures, 1);
    Check.atLeast(OWNER, "rank", rank, 1);
    this.numComponents = numComponents;
    this.numFeatures = numFeatures;
    this.rank = rank;
    int pl = FaKernels.packedLength(rank);
    int cd = Math.multiplyExact(numComponents, numFeatures);
    this.nijSigmaWij2 = new double[Math.multiplyExact(numComponents, pl)];
    this.fnormSigmaWij = new double[Math.multiplyExact(cd, rank)];
    this.snormij = new double[cd];
    this.nij = new double[numComponents];
    this.sumW = new double[rank];
    this.sumWW = new double[pl];
  }

  /**
   * Statistics from values (for example read back from a file). Symmetric matrices are given
   * full; their lower triangles are kept.
   *
   * @param numComponents C
   * @param numFeatures D
   * @param rank R
   * @param nijSigmaWij2 C×R×R, component-major; copied
   * @param fnormSigmaWij CD×R (bob's (C,D,R)); copied
   * @param snormij C×D; copied
   * @param nij length C; copied
   * @param sumW length R; copied
   * @param sumWW R×R; copied
   * @param numSessions number of sessions, {@code >= 0}
   * @return the statistics
   */
  public static IVectorStats of(int numComponents, int numFeatures, int rank,
      double[] nijSigmaWij2, double[] fnormSigmaWij, double[] snormij, double[] nij,
      double[] sumW, double[] sumWW, long numSessions) {
    String owner = OWNER + ".of";
    IVectorStats s = new IVectorStats(numComponents, numFeatures, rank);
    Check.length(owner, "nijSigmaWij2", nijSigmaWij2, numComponents * rank * rank, "C·R·R");
    Check.length(owner, "fnormSigmaWij", fnormSigmaWij, s.fnormSigmaWij.length, "C·D·R");
    Check.length(owner, "snormij", snormij, s.snormij.length, "C·D");
    Check.length(owner, "nij", nij, numComponents, "C");
    Check.length(owner, "sumW", sumW, rank, "R");
    Check.length(owner, "sumWW", sumWW, rank * rank, "R·R");
    if (numSessions < 0) {
      throw new IllegalArgumentException(owner + ": numSessions must be in [0, inf), got "
          + numSessions);
    }
    FaKernels.packAll(nijSigmaWij2, numComponents, rank, s.nijSigmaWij2);
    FaKernels.pack(sumWW, 0, rank, s.sumWW, 0);
    System.arraycopy(fnormSigmaWij, 0, s.fnormSigmaWij, 0, fnormSigmaWij.length);
    System.arraycopy(snormij, 0, s.snormij, 0, snormij.length);
    System.arraycopy(nij, 0, s.nij, 0, nij.length);
    System.arraycopy(sumW, 0, s.sumW, 0, sumW.length);
    s.numSessions = numSessions;
    return s;
  }

  /** @return C */
  public int numComponents() {
    return numComponents;
  }

  /** @return D */
  public int numFeatures() {
    return numFeatures;
  }

  /** @return R */
  public int rank() {
    return rank;
  }

  /** @return number of sessions accumulated */
  public long numSessions() {
    return numSessions;
  }

  /**
   * @param c component
   * @return a copy of {@code Σ_s n_{s,c} E[w_s w_sᵀ]}, R×R
   */
  public Matrix nijSigmaWij2(int c) {
    Objects.checkIndex(c, numComponents);
    return Matrix.wrap(rank, rank,
        FaKernels.unpacked(nijSigmaWij2, c * FaKernels.packedLength(rank), rank));
  }

  /** @return a copy of {@code Σ_s F̃_s E[w_s]ᵀ}, CD×R (row {@code c*D + d}) */
  public Matrix fnormSigmaWij() {
    return Matrix.copyOf(numComponents * numFeatures, rank, fnormSigmaWij);
  }

  /** @return a copy of the centred second order, C×D */
  public Matrix snormij() {
    return Matrix.copyOf(numComponents, numFeatures, snormij);
  }

  /** @return a copy of the summed occupancies, length C */
  public double[] nij() {
    return nij.clone();
  }

  /** @return a copy of {@code Σ_s E[w_s]}, length R */
  public double[] sumW() {
    return sumW.clone();
  }

  /** @return a copy of {@code Σ_s E[w_s w_sᵀ]}, R×R */
  public Matrix sumWW() {
    return Matrix.wrap(rank, rank, FaKernels.unpacked(sumWW, 0, rank));
  }

  double[] nijSigmaWij2Packed() {
    return nijSigmaWij2;
  }

  double[] fnormArray() {
    return fnormSigmaWij;
  }

  double[] snormArray() {
    return snormij;
  }

  double[] nijArray() {
    return nij;
  }

  double[] sumWArray() {
    return sumW;
  }

  double[] sumWWPacked() {
    return sumWW;
  }

  void addSessions(long count) {
    numSessions += count;
  }

  /**
   * Adds {@code other} into this object.
   *
   * @param other statistics of the same shape; not modified
   * @return {@code this}
   * @throws DimensionMismatchException if the shapes differ
   */
  public IVectorStats merge(IVectorStats other) {
    Objects.requireNonNull(other, "other");
    if (other.numComponents != numComponents || other.numFeatures != numFeatures
        || other.rank != rank) {
      throw new DimensionMismatchException(OWNER + ".merge: shapes differ: this is (C, D, R) = ("
          + numComponents + ", " + numFeatures + ", " + rank + "), other is ("
          + other.numComponents + ", " + other.numFeatures + ", " + other.rank + ")");
    }
    FaKernels.addTo(nijSigmaWij2, other.nijSigmaWij2);
    FaKernels.addTo(fnormSigmaWij, other.fnormSigmaWij);
    FaKernels.addTo(snormij, other.snormij);
    FaKernels.addTo(nij, other.nij);
    FaKernels.addTo(sumW, other.sumW);
    FaKernels.addTo(sumWW, other.sumWW);
    numSessions += other.numSessions;
    return this;
  }

  /** @return a deep copy */
  public IVectorStats copy() {
    IVectorStats s = new IVectorStats(numComponents, numFeatures, rank);
    System.arraycopy(nijSigmaWij2, 0, s.nijSigmaWij2, 0, nijSigmaWij2.length);
    System.arraycopy(fnormSigmaWij, 0, s.fnormSigmaWij, 0, fnormSigmaWij.length);
    System.arraycopy(snormij, 0, s.snormij, 0, snormij.length);
    System.arraycopy(nij, 0, s.nij, 0, nij.length);
    System.arraycopy(sumW, 0, s.sumW, 0, sumW.length);
    System.arraycopy(sumWW, 0, s.sumWW, 0, sumWW.length);
    s.numSessions = numSessions;
    return s;
  }

  /** Sets every accumulator to zero. */
  public void reset() {
    Arrays.fill(nijSigmaWij2, 0.0);
    Arrays.fill(fnormSigmaWij, 0.0);
    Arrays.fill(snormij, 0.0);
    Arrays.fill(nij, 0.0);
    Arrays.fill(sumW, 0.0);
    Arrays.fill(sumWW, 0.0);
    numSessions = 0;
  }

  @Override
  public String toString() {
    return OWNER + "[C=" + numComponents + ", D=" + numFeatures + ", rank=" + rank
        + ", numSessions=" + numSessions + "]";
  }
}
