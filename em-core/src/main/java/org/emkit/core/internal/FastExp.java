package org.emkit.core.internal;

/**
 * The exponential used by emkit's E-step for responsibilities, {@code exp(x)} for
 * {@code x ≤ 0}, written with plain multiplications, additions and fused multiply-adds so that
 * the scalar code here and the vector code in {@code GmmVectorKernels} produce <em>identical
 * bits</em>. Results then do
 * not depend on whether the JVM provides the Vector API.
 *
 * <p><b>Algorithm.</b> {@code x = k·ln2 + r} with {@code k = round(x·log₂e)} (round to nearest by
 * adding and subtracting 1.5·2⁵²) and Cody–Waite reduction
 * {@code r = (x − k·LN2_HI) − k·LN2_LO}, {@code |r| ≤ 0.3466}; {@code e^r} by the degree-13
 * Taylor polynomial in Horner form, one fused multiply-add per step; {@code 2^k} by writing the exponent bits. For
 * {@code x < −708} the result is 0 (the true value is below 3.3e-308, i.e. subnormal, and
 * negligible as a responsibility); {@code exp(−∞) = 0}.
 *
 * <p><b>Accuracy.</b> Truncation error of the polynomial < 5e-18 relative; rounding in
 * Horner's scheme (one rounding per step) gives at most about 2 ulp; the test suite checks ≤ 2 ulp against
 * {@link Math#exp} on [−708, 0].
 *
 * <p>Not API: internal to emkit.
 */
public final class FastExp {

  /** log₂ e. */
  public static final double LOG2E = 1.4426950408889634;
  /** High part of ln 2 with 11 trailing zero bits, so that k·LN2_HI is exact for |k| ≤ 2¹¹. */
  public static final double LN2_HI = 6.93147180369123816490e-01;
  /** ln 2 − LN2_HI. */
  public static final double LN2_LO = 1.90821492927058770002e-10;
  /** 1.5·2⁵²: adding and subtracting it rounds to the nearest integer; its low bits hold k. */
  public static final double SHIFTER = 6755399441055744.0;
  /** Below this argument the result is flushed to 0 (exp(−708) ≈ 3.3e-308). */
  public static final double LOWER_LIMIT = -708.0;
  /** Taylor coefficients 1/n! for n = 13 down to 0 (Horner order). */
  public static final double[] COEFFICIENTS = {
    1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
    1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0
  };

  private FastExp() {}

  /**
   * @param x argument, ≤ 0 (larger arguments are computed but not covered by the tests)
   * @return e^x
   */
  public static double exp(double x) {
    if (!(x >= LOWER_LIMIT)) {
      return 0.0; // also for −∞ and NaN-free inputs below the limit
    }
    double t = x * LOG2E + SHIFTER;
    double k = t - SHIFTER;
    long kBits = Double.doubleToRawLongBits(t) - Double.doubleToRawLongBits(SHIFTER);
    double r = (x - k * LN2_HI) - k * LN2_LO;
    double[] c = COEFFICIENTS;
    double p = c[0];
    for (int q = 1; q < c.length; q++) {
      p = Math.fma(p, r, c[q]);
    }
    double scale = Double.longBitsToDouble((kBits + 1023) << 52);
    return p * scale;
  }
}
