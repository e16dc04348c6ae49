package org.emkit.fa;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Sufficient statistics of the M-step of a subspace matrix M (ISV/JFA's U, or JFA's V): the two
 * accumulators of the E-step, summed over sessions (for U) or identities (for V).
 *
 * <p><b>Model.</b> For a latent factor x with posterior mean E[x] and covariance Cov[x], seen with
 * occupancies n_c and centred first order F̃ (F minus n times the offsets of the other factors):
 *
 * <pre>
 *   A1_c += n_c · (Cov[x] + E[x] E[x]ᵀ)        one r×r matrix per component c
 *   A2   += F̃ E[x]ᵀ                            CD×r
 *   M-step:  M_c = A2_c · A1_c⁻¹               (A2_c = the D rows of component c)
 * </pre>
 *
 * <p><b>Merging.</b> Accumulators are additive: statistics of disjoint sets of identities
 * {@link #merge(SubspaceStats) merge} into the statistics of their union (associative and
 * commutative up to rounding), which is how multi-threaded and distributed training reduce
 * their partial results.
 *
 * <p><b>Shapes and storage.</b> A1 is symmetric and stored as C packed lower triangles
 * (r(r+1)/2 values each); {@link #a1(int)} returns it expanded. A2 is CD×r row-major
 * (supervector index {@code c*D + d}).
 *
 * <p><b>Thread safety.</b> Mutable and not thread-safe: one instance per thread, then merge.
 *
 * <p><b>Compatibility.</b> bob.learn.em's {@code acc_U_A1}/{@code acc_U_A2} and
 * {@code acc_V_A1}/{@code acc_V_A2} ((C,r,r) and (CD,r) arrays).
 *
 * @see ISVMachine#accumulate(java.util.List, SubspaceStats)
 * @see ISVMachine#mStep(SubspaceStats)
 */
public final class SubspaceStats {

  private static final String OWNER = "SubspaceStats";

  private final int numComponents;
  private final int numFeatures;
  private final int rank;
  private final double[] a1;
  private final double[] a2;

  /**
   * Zero accumulators.
   *
   * @param numComponents C, {@code >= 1}
   * @param numFeatures D, {@code >= 1}
   * @param rank r, {@code >= 1}
   */
  public SubspaceStats(int numComponents, int numFeatures, int rank) {
    Check.atLeast(OWNER, "numComponents", numComponents, 1);
    Check.atLeast(OWNER, "numFeatures", numFeatures, 1);
    Check.atLeast(OWNER, "rank", rank, 1);
    this.numComponents = numComponents;
    this.numFeatures = numFeatures;
    this.rank = rank;
    this.a1 = new double[Math.multiplyExact(numComponents, FaKernels.packedLength(rank))];
    this.a2 = new double[Math.multiplyExact(Math.multiplyExact(numComponents, numFeatures), rank)];
  }

  /**
   * Accumulators from values (for example read back from a file).
   *
   * @param numComponents C
   * @param numFeatures D
   * @param rank r
   * @param a1 the C symmetric r×r matrices A1_c, component-major (length C·r·r); copied (the
   *     lower triangles are kept)
   * @param a2 A2, CD×r row-major; copied
   * @return the accumulators
   */
  public static SubspaceStats of(int numComponents, int numFeatures, int rank, double[] a1,
      double[] a2) {
    SubspaceStats s = new SubspaceStats(numComponents, numFeatures, rank);
    Check.length(OWNER + ".of", "a1", a1, numComponents * rank * rank, "C·r·r");
    Check.length(OWNER + ".of", "a2", a2, s.a2.length, "C·D·r");
    FaKernels.packAll(a1, numComponents, rank, s.a1);
    System.arraycopy(a2, 0, s.a2, 0, a2.length);
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

  /** @return r */
  public int rank() {
    return rank;
  }

  /**
   * @param c component
   * @return a copy of A1_c, r×r (symmetric)
   */
  public Matrix a1(int c) {
    Objects.checkIndex(c, numComponents);
    return Matrix.wrap(rank, rank, FaKernels.unpacked(a1, c * FaKernels.packedLength(rank), rank));
  }

  /** @return a copy of A2, CD×r */
  public Matrix a2() {
    return Matrix.copyOf(numComponents * numFeatures, rank, a2);
  }

  /** @return A1 in packed storage (C × r(r+1)/2), read-only view for the M-step */
  double[] a1Packed() {
    return a1;
  }

  /** @return A2 (CD×r), read-only view for the M-step */
  double[] a2Array() {
    return a2;
  }

  /**
   * Adds {@code other} into this object.
   *
   * @param other accumulators of the same shape; not modified
   * @return {@code this}
   * @throws DimensionMismatchException if the shapes differ
   */
  public SubspaceStats merge(SubspaceStats other) {
    Objects.requireNonNull(other, "other");
    if (other.numComponents != numComponents || other.numFeatures != numFeatures
        || other.rank != rank) {
      throw new DimensionMismatchException(OWNER + ".merge: shapes differ: this is (C, D, r) = ("
          + numComponents + ", " + numFeatures + ", " + rank + "), other is ("
          + other.numComponents + ", " + other.numFeatures + ", " + other.rank + ")");
    }
    FaKernels.addTo(a1, other.a1);
    FaKernels.addTo(a2, other.a2);
    return this;
  }

  /** @return a deep copy */
  public SubspaceStats copy() {
    SubspaceStats s = new SubspaceStats(numComponents, numFeatures, rank);
    System.arraycopy(a1, 0, s.a1, 0, a1.length);
    System.arraycopy(a2, 0, s.a2, 0, a2.length);
    return s;
  }

  /** Sets both accumulators to zero. */
  public void reset() {
    Arrays.fill(a1, 0.0);
    Arrays.fill(a2, 0.0);
  }

  @Override
  public String toString() {
    return "SubspaceStats[C=" + numComponents + ", D=" + numFeatures + ", rank=" + rank + "]";
  }
}
