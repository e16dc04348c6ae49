package org.emkit.testing;

/**
 * A numpy-style tolerance: {@code |actual − expected| <= atol + rtol·|expected|}. The named
 * constants are the only tolerances tests use; each states why it is what it is.
 */
public final class Tolerance {

  /** Same mathematics in a different order (kernel vs naive oracle): a few ulps per term. */
  public static final Tolerance KERNEL_VS_ORACLE = new Tolerance(1e-12, 0);

  /**
   * bob.learn.em parity for EM of at most 10 iterations (SPEC §14.6): numpy's pairwise and BLAS
   * summation orders differ from ours at the ulp level, amplified mildly by EM.
   */
  public static final Tolerance BOB_PARITY = new Tolerance(1e-10, 0);

  /** bob parity where the reference is about 0 (e.g. JFA D): only an absolute bound is meaningful. */
  public static final Tolerance BOB_PARITY_NEAR_ZERO = new Tolerance(1e-10, 1e-8);

  /** bob's own test assertions of the form {@code decimal=7} (|a−b| < 1.5e-7). */
  public static final Tolerance BOB_DECIMAL_7 = new Tolerance(0, 1.5e-7);

  /** Parameter recovery from sampled data (sklearn's habit). */
  public static final Tolerance RECOVERY = new Tolerance(0.1, 1e-2);

  /** Exact equality, for values that are computed identically (bitwise). */
  public static final Tolerance EXACT = new Tolerance(0, 0);

  private final double rtol;
  private final double atol;

  /**
   * @param rtol relative tolerance
   * @param atol absolute tolerance
   */
  public Tolerance(double rtol, double atol) {
    this.rtol = rtol;
    this.atol = atol;
  }

  /** @return relative tolerance */
  public double rtol() {
    return rtol;
  }

  /** @return absolute tolerance */
  public double atol() {
    return atol;
  }

  /**
   * @param expected reference
   * @param actual value under test
   * @return whether they agree
   */
  public boolean accepts(double expected, double actual) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return false;
    }
    if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
      return expected == actual;
    }
    return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
  }

  @Override
  public String toString() {
    return "Tolerance[rtol=" + rtol + ", atol=" + atol + "]";
  }
}
