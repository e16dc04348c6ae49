package org.emkit.mixture;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Sufficient statistics of a set of frames under a diagonal GMM: the one object every consumer
 * of the E-step reads (MAP/ML M-steps, linear scoring, ISV/JFA/i-vectors, Fisher vectors, Spark
 * reductions) and what HDF5 stores.
 *
 * <p><b>Model.</b> For frames \( x_1..x_T \) and posteriors \( \gamma_t(c) = P(c \mid x_t) \):
 *
 * <pre>
 *   n_c        = Σ_t γ_t(c)                      zeroth order, length C
 *   sumPx[c]   = Σ_t γ_t(c) x_t                  first order, C×D
 *   sumPxx[c]  = Σ_t (γ_t(c) x_t) ⊙ x_t          second order (elementwise), C×D
 *   logLikelihood = Σ_t log p(x_t)               total, not average
 *   t          = T                               number of frames
 * </pre>
 *
 * <p><b>Merging.</b> Statistics are additive: {@link #merge(GMMStats)} adds every field
 * (including {@code t} and {@code logLikelihood}) and is associative and commutative up to
 * floating-point rounding. Chunked, multi-threaded and distributed accumulation all reduce to
 * merges in a fixed order.
 *
 * <p><b>Shapes.</b> {@code n} is {@code double[C]}; {@code sumPx} and {@code sumPxx} are C×D
 * row-major (supervector index {@code c*D + j}).
 *
 * <p><b>Thread safety.</b> Mutable and not thread-safe: use one instance per chunk or thread and
 * merge.
 *
 * <p><b>Compatibility.</b> Same fields and meaning as bob.learn.em's {@code GMMStats}
 * ({@code n}, {@code sum_px}, {@code sum_pxx}, {@code log_likelihood}, {@code t}); bob's
 * {@code ==} is {@link #equals(Object)} (exact) and {@code is_similar_to} is
 * {@link #isSimilarTo(GMMStats, double, double)}.
 *
 * @see GMMMachine#transform(Matrix)
 * @see GMMMachine#accumulate(Matrix, GMMStats)
 */
public final class GMMStats {

  private static final String OWNER = "GMMStats";

  private final int numComponents;
  private final int numFeatures;
  private final double[] n;
  private final double[] sumPx;
  private final double[] sumPxx;
  private double logLikelihood;
  private long t;

  /**
   * Zero statistics.
   *
   * @param numComponents C, {@code >= 1}
   * @param numFeatures D, {@code >= 1}
   */
  public GMMStats(int numComponents, int numFeatures) {
    Check.atLeast(OWNER, "numComponents", numComponents, 1);
    Check.atLeast(OWNER, "numFeatures", numFeatures, 1);
    this.numComponents = numComponents;
    this.numFeatures = numFeatures;
    this.n = new double[numComponents];
    int cd = Math.multiplyExact(numComponents, numFeatures);
    this.sumPx = new double[cd];
    this.sumPxx = new double[cd];
  }

  /**
   * Statistics from given values (copied), as bob's {@code init_fields}.
   *
   * @param n zeroth order, length C
   * @param sumPx first order, C×D
   * @param sumPxx second order, C×D
   * @param logLikelihood total log-likelihood
   * @param t number of frames, {@code >= 0}
   * @return new statistics
   * @throws DimensionMismatchException if the shapes disagree
   */
  public static GMMStats of(double[] n, Matrix sumPx, Matrix sumPxx, double logLikelihood, long t) {
    Objects.requireNonNull(n, "n");
    Objects.requireNonNull(sumPx, "sumPx");
    Objects.requireNonNull(sumPxx, "sumPxx");
    GMMStats s = new GMMStats(n.length, sumPx.cols());
    Check.shape(OWNER + ".of", "sumPx", sumPx, n.length, sumPx.cols());
    Check.shape(OWNER + ".of", "sumPxx", sumPxx, n.length, sumPx.cols());
    if (t < 0) {
      throw new IllegalArgumentException(OWNER + ".of: t must be in [0, inf), got " + t);
    }
    System.arraycopy(n, 0, s.n, 0, n.length);
    System.arraycopy(sumPx.data(), 0, s.sumPx, 0, s.sumPx.length);
    System.arraycopy(sumPxx.data(), 0, s.sumPxx, 0, s.sumPxx.length);
    s.logLikelihood = logLikelihood;
    s.t = t;
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

  /** @return total log-likelihood Σ_t log p(x_t) */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** @return number of frames T */
  public long t() {
    return t;
  }

  /** @return a copy of the zeroth-order statistics (length C) */
  public double[] n() {
    return n.clone();
  }

  /**
   * @param c component
   * @return {@code n[c]}
   */
  public double n(int c) {
    return n[c];
  }

  /** @return a copy of the first-order statistics, C×D */
  public Matrix sumPx() {
    return Matrix.copyOf(numComponents, numFeatures, sumPx);
  }

  /** @return a copy of the second-order statistics, C×D */
  public Matrix sumPxx() {
    return Matrix.copyOf(numComponents, numFeatures, sumPxx);
  }

  /**
   * @param c component
   * @param j feature
   * @return {@code sumPx[c, j]}
   */
  public double sumPx(int c, int j) {
    Objects.checkIndex(j, numFeatures);
    return sumPx[c * numFeatures + j];
  }

  /**
   * @param c component
   * @param j feature
   * @return {@code sumPxx[c, j]}
   */
  public double sumPxx(int c, int j) {
    Objects.checkIndex(j, numFeatures);
    return sumPxx[c * numFeatures + j];
  }

  /** @return the zeroth order as a read-only view for kernels; do not modify */
  double[] nArray() {
    return n;
  }

  /** @return the first order (C×D row-major) as a read-only view for kernels; do not modify */
  double[] sumPxArray() {
    return sumPx;
  }

  /** @return the second order (C×D row-major) as a read-only view for kernels; do not modify */
  double[] sumPxxArray() {
    return sumPxx;
  }

  void addScalars(double logLikelihoodDelta, long frames) {
    logLikelihood += logLikelihoodDelta;
    t += frames;
  }

  /**
   * Adds {@code other} into this object (bob's {@code +=}).
   *
   * @param other statistics of the same shape; not modified
   * @return {@code this}
   * @throws DimensionMismatchException if the shapes differ
   */
  public GMMStats merge(GMMStats other) {
    Objects.requireNonNull(other, "other");
    requireSameShape(OWNER + ".merge", other);
    for (int c = 0; c < numComponents; c++) {
      n[c] += other.n[c];
    }
    for (int k = 0; k < sumPx.length; k++) {
      sumPx[k] += other.sumPx[k];
    }
    for (int k = 0; k < sumPxx.length; k++) {
      sumPxx[k] += other.sumPxx[k];
    }
    logLikelihood += other.logLikelihood;
    t += other.t;
    return this;
  }

  /**
   * @param other statistics of the same shape
   * @return a new object holding {@code this + other} (bob's {@code +})
   */
  public GMMStats plus(GMMStats other) {
    return copy().merge(other);
  }

  /** @return a deep copy */
  public GMMStats copy() {
    GMMStats s = new GMMStats(numComponents, numFeatures);
    System.arraycopy(n, 0, s.n, 0, n.length);
    System.arraycopy(sumPx, 0, s.sumPx, 0, sumPx.length);
    System.arraycopy(sumPxx, 0, s.sumPxx, 0, sumPxx.length);
    s.logLikelihood = logLikelihood;
    s.t = t;
    return s;
  }

  /** Sets every field to zero (bob's {@code reset}). */
  public void reset() {
    Arrays.fill(n, 0.0);
    Arrays.fill(sumPx, 0.0);
    Arrays.fill(sumPxx, 0.0);
    logLikelihood = 0.0;
    t = 0;
  }

  /**
   * Approximate equality of all five fields ({@code |a−b| <= atol + rtol·|b|}, numpy
   * {@code allclose}), as bob's {@code is_similar_to}.
   *
   * @param other statistics to compare with
   * @param rtol relative tolerance
   * @param atol absolute tolerance
   * @return whether shapes are equal and every field is close
   */
  public boolean isSimilarTo(GMMStats other, double rtol, double atol) {
    if (other == null || other.numComponents != numComponents || other.numFeatures != numFeatures) {
      return false;
    }
    return close(logLikelihood, other.logLikelihood, rtol, atol)
        && close(t, other.t, rtol, atol)
        && allClose(n, other.n, rtol, atol)
        && allClose(sumPx, other.sumPx, rtol, atol)
        && allClose(sumPxx, other.sumPxx, rtol, atol);
  }

  private static boolean close(double a, double b, double rtol, double atol) {
    return Math.abs(a - b) <= atol + rtol * Math.abs(b) || a == b;
  }

  private static boolean allClose(double[] a, double[] b, double rtol, double atol) {
    for (int k = 0; k < a.length; k++) {
      if (!close(a[k], b[k], rtol, atol)) {
        return false;
      }
    }
    return true;
  }

  void requireSameShape(String owner, GMMStats other) {
    if (other.numComponents != numComponents || other.numFeatures != numFeatures) {
      throw new DimensionMismatchException(owner + ": shapes differ: this is C×D = "
          + numComponents + "x" + numFeatures + ", other is " + other.numComponents + "x"
          + other.numFeatures);
    }
  }

  /**
   * Exact equality of shape and all five fields (bob's {@code ==}). Note that statistics are
   * mutable: do not use them as hash keys while they change.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof GMMStats)) {
      return false;
    }
    GMMStats s = (GMMStats) o;
    return numComponents == s.numComponents && numFeatures == s.numFeatures && t == s.t
        && Double.compare(logLikelihood, s.logLikelihood) == 0 && Arrays.equals(n, s.n)
        && Arrays.equals(sumPx, s.sumPx) && Arrays.equals(sumPxx, s.sumPxx);
  }

  @Override
  public int hashCode() {
    return Objects.hash(numComponents, numFeatures, t, logLikelihood, Arrays.hashCode(n));
  }

  @Override
  public String toString() {
    return "GMMStats[C=" + numComponents + ", D=" + numFeatures + ", t=" + t + ", logLikelihood="
        + logLikelihood + "]";
  }
}
