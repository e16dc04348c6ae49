package org.emkit.fa;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.validation.Check;

/**
 * Sufficient statistics of the M-step of JFA's diagonal matrix D, summed over identities.
 *
 * <p><b>Model.</b> For identity i with occupancies N_i (repeated over the D features of each
 * component), posterior mean E[z_i] and elementwise posterior variance d_i, and centred first
 * order F̃_i (F_i minus the offsets of the other factors):
 *
 * <pre>
 *   A1 += (d_i + E[z_i] ⊙ E[z_i]) ⊙ rep(N_i)       length CD
 *   A2 += F̃_i ⊙ E[z_i]                             length CD
 *   M-step:  D = A2 / A1  (elementwise)
 * </pre>
 *
 * <p><b>Merging.</b> Additive and shape-checked, like every accumulator of emkit; merging is
 * associative and commutative up to rounding.
 *
 * <p><b>Thread safety.</b> Mutable and not thread-safe: one instance per thread, then merge.
 *
 * <p><b>Compatibility.</b> bob.learn.em's {@code acc_D_A1}/{@code acc_D_A2}.
 *
 * @see JFAMachine
 */
public final class DiagonalStats {

  private static final String OWNER = "DiagonalStats";

  private final int supervectorLength;
  private final double[] a1;
  private final double[] a2;

  /**
   * Zero accumulators.
   *
   * @param supervectorLength CD, {@code >= 1}
   */
  public DiagonalStats(int supervectorLength) {
    Check.atLeast(OWNER, "supervectorLength", supervectorLength, 1);
    this.supervectorLength = supervectorLength;
    this.a1 = new double[supervectorLength];
    this.a2 = new double[supervectorLength];
  }

  /**
   * Accumulators from values (for example read back from a file).
   *
   * @param a1 A1, length CD; copied
   * @param a2 A2, same length; copied
   * @return the accumulators
   */
  public static DiagonalStats of(double[] a1, double[] a2) {
    Objects.requireNonNull(a1, "a1");
    DiagonalStats s = new DiagonalStats(a1.length);
    Check.length(OWNER + ".of", "a2", a2, a1.length, "the length of a1");
    System.arraycopy(a1, 0, s.a1, 0, a1.length);
    System.arraycopy(a2, 0, s.a2, 0, a2.length);
    return s;
  }

  /** @return CD */
  public int supervectorLength() {
    return supervectorLength;
  }

  /** @return a copy of A1 (length CD) */
  public double[] a1() {
    return a1.clone();
  }

  /** @return a copy of A2 (length CD) */
  public double[] a2() {
    return a2.clone();
  }

  double[] a1Array() {
    return a1;
  }

  double[] a2Array() {
    return a2;
  }

  /**
   * Adds {@code other} into this object.
   *
   * @param other accumulators of the same length; not modified
   * @return {@code this}
   * @throws DimensionMismatchException if the lengths differ
   */
  public DiagonalStats merge(DiagonalStats other) {
    Objects.requireNonNull(other, "other");
    if (other.supervectorLength != supervectorLength) {
      throw new DimensionMismatchException(OWNER + ".merge: lengths differ: this has CD = "
          + supervectorLength + ", other has CD = " + other.supervectorLength);
    }
    FaKernels.addTo(a1, other.a1);
    FaKernels.addTo(a2, other.a2);
    return this;
  }

  /** @return a deep copy */
  public DiagonalStats copy() {
    DiagonalStats s = new DiagonalStats(supervectorLength);
    System.arraycopy(a1, 0, s.a1, 0, supervectorLength);
    System.arraycopy(a2, 0, s.a2, 0, supervectorLength);
    return s;
  }

  /** Sets both accumulators to zero. */
  public void reset() {
    Arrays.fill(a1, 0.0);
    Arrays.fill(a2, 0.0);
  }

  @Override
  public String toString() {
    return "DiagonalStats[CD=" + supervectorLength + "]";
  }
}
