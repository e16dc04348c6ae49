package org.emkit.core.random;

/**
 * Natural logarithm rounded to nearest, computed in double-double arithmetic (about 106
 * significant bits) and rounded once.
 *
 * <p>Why: numpy's Gaussian draws use the C library's {@code log}, which on glibc is (almost
 * always) correctly rounded, while {@link Math#log} and {@link StrictMath#log} are only
 * accurate to 1 ulp. Differences of one ulp in {@code log} change the Gaussian draws in their
 * last bit, so {@link NumpyRandom} uses this function to reproduce numpy bit for bit.
 *
 * <p><b>Algorithm.</b> {@code x = m·2^k} with {@code m ∈ [√½, √2)};
 * {@code ln x = k·ln 2 + 2 atanh(s)}, {@code s = (m − 1)/(m + 1)}, {@code |s| ≤ 0.172}; the
 * odd series {@code 2(s + s³/3 + s⁵/5 + …)} is summed in double-double until the terms fall
 * below 2⁻¹¹⁰ of the result. Products use Dekker's exact splitting (no fused multiply-add), so
 * results are identical on every platform. Cost: about 0.2 µs per call.
 *
 * <p>Thread-safe (stateless).
 */
final class ExactLog {

  /** ln 2, high part. */
  private static final double LN2_HI = 0.6931471805599453;
  /** ln 2, low part: ln 2 − LN2_HI. */
  private static final double LN2_LO = 2.3190468138462996e-17;
  /** Dekker's splitter 2^27 + 1. */
  private static final double SPLIT = 134217729.0;
  /** √2: the upper end of the reduced argument. */
  private static final double SQRT_TWO = 1.4142135623730951;

  private ExactLog() {}

  /**
   * @param x argument, positive and finite
   * @return ln x rounded to nearest (for other arguments: {@link Math#log})
   */
  static double log(double x) {
    if (!(x > 0) || Double.isInfinite(x) || x < Double.MIN_NORMAL) {
      return Math.log(x);
    }
    int k = Math.getExponent(x);
    double m = Math.scalb(x, -k);
    if (m >= SQRT_TWO) {
      m *= 0.5;
      k += 1;
    }
    // num = m - 1 exactly (Sterbenz: m in [0.70, 1.42)); den = m + 1 as double-double
    double num = m - 1.0;
    double denHi = m + 1.0;
    double denLo = (m - (denHi - 1.0)) + (1.0 - (denHi - (denHi - 1.0)));
    // s = num / den in double-double
    double[] s = div(num, 0.0, denHi, denLo);
    double[] s2 = mul(s[0], s[1], s[0], s[1]);
    // series: sum_{i>=0} s^(2i+1) / (2i+1)
    double sumHi = s[0];
    double sumLo = s[1];
    double powHi = s[0];
    double powLo = s[1];
    for (int i = 1; i < 60; i++) {
      double[] p = mul(powHi, powLo, s2[0], s2[1]);
      powHi = p[0];
      powLo = p[1];
      double[] term = div(powHi, powLo, 2 * i + 1, 0.0);
      double[] sum = add(sumHi, sumLo, term[0], term[1]);
      sumHi = sum[0];
      sumLo = sum[1];
      if (Math.abs(term[0]) <= Math.abs(sumHi) * 0x1p-110 || term[0] == 0) {
        break;
      }
    }
    // 2 * series + k * ln2
    double[] lm = {2 * sumHi, 2 * sumLo};
    double[] kl = mul(k, 0.0, LN2_HI, LN2_LO);
    double[] r = add(kl[0], kl[1], lm[0], lm[1]);
    return r[0] + r[1];
  }

  private static double[] twoSum(double a, double b) {
    double s = a + b;
    double bb = s - a;
    double err = (a - (s - bb)) + (b - bb);
    return new double[] {s, err};
  }

  private static double[] twoProd(double a, double b) {
    double p = a * b;
    double t = SPLIT * a;
    double ahi = t - (t - a);
    double alo = a - ahi;
    t = SPLIT * b;
    double bhi = t - (t - b);
    double blo = b - bhi;
    double err = ((ahi * bhi - p) + ahi * blo + alo * bhi) + alo * blo;
    return new double[] {p, err};
  }

  private static double[] add(double ah, double al, double bh, double bl) {
    double[] s = twoSum(ah, bh);
    double[] t = twoSum(al, bl);
    double hi = s[0];
    double lo = s[1] + t[0];
    double[] u = twoSum(hi, lo);
    lo = u[1] + t[1];
    return twoSum(u[0], lo);
  }

  private static double[] mul(double ah, double al, double bh, double bl) {
    double[] p = twoProd(ah, bh);
    double lo = p[1] + (ah * bl + al * bh);
    return twoSum(p[0], lo);
  }

  private static double[] div(double ah, double al, double bh, double bl) {
    double q1 = ah / bh;
    double[] r = mul(q1, 0.0, bh, bl);
    double[] rem = add(ah, al, -r[0], -r[1]);
    double q2 = rem[0] / bh;
    r = mul(q2, 0.0, bh, bl);
    rem = add(rem[0], rem[1], -r[0], -r[1]);
    double q3 = rem[0] / bh;
    double[] q = twoSum(q1, q2);
    return add(q[0], q[1], q3, 0.0);
  }
}
