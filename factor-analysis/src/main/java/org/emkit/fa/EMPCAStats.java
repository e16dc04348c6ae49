package org.emkit.fa;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Sufficient statistics of one EM iteration of {@link EMPCA}, summed over samples: the E-step
 * output that {@link EMPCA#mStep(EMPCAStats)} consumes.
 *
 * <p><b>Model.</b> With {@code t̃_n = t_n − μ} and the posterior moments of the latent vector
 * x_n (length q):
 *
 * <pre>
 *   numerator     += t̃_n E[x_n]ᵀ                       f×q
 *   secondOrder   += E[x_n x_nᵀ]                        q×q
 *   sumSquares    += ‖t̃_n‖²
 *   quadraticSum  += t̃_nᵀ C⁻¹ t̃_n                       C = σ² I + W Wᵀ (E-step parameters)
 *   logLikelihood += ln N(t_n; μ, C)
 *   numSamples    += 1
 * </pre>
 *
 * <p><b>Merging.</b> Additive over disjoint sets of samples: {@link #merge} is associative and
 * commutative up to rounding (chunked, parallel or distributed E-steps).
 *
 * <p><b>Thread safety.</b> Mutable and not thread-safe.
 *
 * @see EMPCA#eStep(Matrix)
 */
public final class EMPCAStats {

  private static final String OWNER = "EMPCAStats";

  private final int numFeatures;
  private final int rank;
  private final double[] numerator;
  private final double[] secondOrder;
  private double sumSquares;
  private double quadraticSum;
  private double logLikelihood;
  private long numSamples;

  /**
   * Zero statistics.
   *
   * @param numFeatures f, {@code >= 1}
   * @param rank q, {@code >= 1}
   */
  public EMPCAStats(int numFeatures, int rank) {
    Check.atLeast(OWNER, "numFeatures", numFeatures, 1);
    Check.atLeast(OWNER, "rank", rank, 1);
    this.numFeatures = numFeatures;
    this.rank = rank;
    this.numerator = new double[Math.multiplyExact(numFeatures, rank)];
    this.secondOrder = new double[Math.multiplyExact(rank, rank)];
  }

  /**
   * Statistics from values (for example received from another process).
   *
   * @param numFeatures f
   * @param rank q
   * @param numerator f×q; copied
   * @param secondOrder q×q; copied
   * @param sumSquares {@code Σ ‖t̃‖²}
   * @param quadraticSum {@code Σ t̃ᵀ C⁻¹ t̃}
   * @param logLikelihood summed log-likelihood
   * @param numSamples number of samples, {@code >= 0}
   * @return the statistics
   */
  public static EMPCAStats of(int numFeatures, int rank, double[] numerator,
      double[] secondOrder, double sumSquares, double quadraticSum, double logLikelihood,
      long numSamples) {
    String owner = OWNER + ".of";
    EMPCAStats s = new EMPCAStats(numFeatures, rank);
    Check.length(owner, "numerator", numerator, s.numerator.length, "f·q");
    Check.length(owner, "secondOrder", secondOrder, s.secondOrder.length, "q·q");
    if (numSamples < 0) {
      throw new IllegalArgumentException(owner + ": numSamples must be in [0, inf), got "
          + numSamples);
    }
    System.arraycopy(numerator, 0, s.numerator, 0, numerator.length);
    System.arraycopy(secondOrder, 0, s.secondOrder, 0, secondOrder.length);
    s.sumSquares = sumSquares;
    s.quadraticSum = quadraticSum;
    s.logLikelihood = logLikelihood;
    s.numSamples = numSamples;
    return s;
  }

  /** @return f */
  public int numFeatures() {
    return numFeatures;
  }

  /** @return q */
  public int rank() {
    return rank;
  }

  /** @return number of samples */
  public long numSamples() {
    return numSamples;
  }

  /** @return {@code Σ ‖t̃‖²} */
  public double sumSquares() {
    return sumSquares;
  }

  /** @return {@code Σ t̃ᵀ C⁻¹ t̃} under the E-step parameters */
  public double quadraticSum() {
    return quadraticSum;
  }

  /** @return {@code Σ ln N(t; μ, C)} under the E-step parameters */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** @return a copy of {@code Σ t̃ E[x]ᵀ}, f×q */
  public Matrix numerator() {
    return Matrix.copyOf(numFeatures, rank, numerator);
  }

  /** @return a copy of {@code Σ E[x xᵀ]}, q×q */
  public Matrix secondOrder() {
    return Matrix.copyOf(rank, rank, secondOrder);
  }

  double[] numeratorArray() {
    return numerator;
  }

  double[] secondOrderArray() {
    return secondOrder;
  }

  void add(long samples, double squares, double quadratic, double ll) {
    numSamples += samples;
    sumSquares += squares;
    quadraticSum += quadratic;
    logLikelihood += ll;
  }

  /**
   * Adds {@code other} into this object.
   *
   * @param other statistics of the same shape; not modified
   * @return {@code this}
   * @throws DimensionMismatchException if the shapes differ
   */
  public EMPCAStats merge(EMPCAStats other) {
    Objects.requireNonNull(other, "other");
    if (other.numFeatures != numFeatures || other.rank != rank) {
      throw new DimensionMismatchException(OWNER + ".merge: shapes differ: this is (f, q) = ("
          + numFeatures + ", " + rank + "), other is (" + other.numFeatures + ", " + other.rank
          + ")");
    }
    FaKernels.addTo(numerator, other.numerator);
    FaKernels.addTo(secondOrder, other.secondOrder);
    add(other.numSamples, other.sumSquares, other.quadraticSum, other.logLikelihood);
    return this;
  }

  /** @return a deep copy */
  public EMPCAStats copy() {
    return of(numFeatures, rank, numerator, secondOrder, sumSquares, quadraticSum, logLikelihood,
        numSamples);
  }

  /** Sets every accumulator to zero. */
  public void reset() {
    Arrays.fill(numerator, 0.0);
    Arrays.fill(secondOrder, 0.0);
    sumSquares = 0.0;
    quadraticSum = 0.0;
    logLikelihood = 0.0;
    numSamples = 0;
  }

  @Override
  public String toString() {
    return OWNER + "[f=" + numFeatures + ", q=" + rank + ", numSamples=" + numSamples
        + ", logLikelihood=" + logLikelihood + "]";
  }
}
