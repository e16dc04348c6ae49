package org.emkit.fisher;

/**
 * Whether a vector (a whole encoding, or one component's block of it) is divided by its
 * Euclidean norm.
 *
 * <p>The norm is floored at {@link #L2_NORM_FLOOR} before dividing, exactly as VLFeat does
 * ({@code n = max(sqrt(Σ z²), 1e-12); z /= n}): a zero vector stays zero, and an almost-zero
 * vector is not blown up to unit norm.
 */
public enum VectorNormalization {
  /** Left as is. */
  NONE,
  /** Divided by \( \max(\lVert z \rVert_2, 10^{-12}) \). */
  L2;

  /**
   * VLFeat's floor of the norm in every L2 normalisation ({@code VL_MAX(n, 1e-12)} in
   * {@code vl/fisher.c} and {@code vl/vlad.c}); keeping it makes the results agree with VLFeat
   * for (almost) empty sets, and makes the normalisation of a zero vector a zero vector.
   */
  public static final double L2_NORM_FLOOR = 1e-12;

  /**
   * Applies the normalisation in place; the squared norm is summed in index order.
   *
   * @param v values; modified in {@code [offset, offset + length)}
   * @param offset first index
   * @param length number of values
   */
  void apply(double[] v, int offset, int length) {
    if (this == NONE) {
      return;
    }
    l2(v, offset, length);
  }

  /**
   * Unconditional L2 normalisation with the floor.
   *
   * @param v values; modified in {@code [offset, offset + length)}
   * @param offset first index
   * @param length number of values
   */
  static void l2(double[] v, int offset, int length) {
    int end = offset + length;
    double n = 0;
    for (int i = offset; i < end; i++) {
      n += v[i] * v[i];
    }
    n = Math.max(Math.sqrt(n), L2_NORM_FLOOR);
    for (int i = offset; i < end; i++) {
      v[i] /= n;
    }
  }
}
