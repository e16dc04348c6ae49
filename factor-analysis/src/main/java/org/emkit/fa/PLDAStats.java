package org.emkit.fa;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Sufficient statistics of one EM iteration of {@link PLDA}, summed over identities: the E-step
 * output that {@link PLDA#mStep(PLDAStats)} consumes.
 *
 * <p><b>Model.</b> With {@code x̃_ij = x_ij − μ} and the posterior moments of the latent vector
 * {@code z_ij = [h_i; w_ij]} (length K = n_f + n_g) given all samples of identity i:
 *
 * <pre>
 *   numerator    += x̃_ij E[z_ij]ᵀ                  D×K
 *   secondOrder  += E[z_ij z_ijᵀ]                   K×K, symmetric
 *   squares      += x̃_ij ⊙ x̃_ij                     D
 *   logLikelihood += log p(x_i1 .. x_iJ)            the marginal log-likelihood of identity i
 *   numSamples += J_i,   numIdentities += 1
 * </pre>
 *
 * Only the sums of the second moments are kept (bob's {@code use_sum_second_order = true}, its
 * default); the per-sample moments are available from {@link PLDA#posteriors}.
 *
 * <p><b>Merging.</b> Additive: statistics of disjoint sets of identities {@link #merge merge} into
 * those of their union (associative and commutative up to rounding). An identity must not be
 * split between two parts: its posterior depends on all its samples, and a split identity is
 * treated as two identities.
 *
 * <p><b>Thread safety.</b> Mutable and not thread-safe.
 *
 * @see PLDA#eStep(Matrix, int[])
 */
public final class PLDAStats {

  private static final String OWNER = "PLDAStats";

  private final int numFeatures;
  private final int rankF;
  private final int rankG;
  private final double[] numerator;
  private final double[] secondOrder;
  private final double[] squares;
  private double logLikelihood;
  private long numSamples;
  private long numIdentities;

  /**
   * Zero statistics.
   *
   * @param numFeatures D, {@code >= 1}
   * @param rankF n_f, {@code >= 1}
   * @param rankG n_g, {@code >= 0}
   */
  public PLDAStats(int numFeatures, int rankF, int rankG) {
    Check.atLeast(OWNER, "numFeatures", numFeatures, 1);
    Check.atLeast(OWNER, "rankF", rankF, 1);
    Check.atLeast(OWNER, "rankG", rankG, 0);
    this.numFeatures = numFeatures;
    this.rankF = rankF;
    this.rankG = rankG;
    int k = rankF + rankG;
    this.numerator = new double[Math.multiplyExact(numFeatures, k)];
    this.secondOrder = new double[Math.multiplyExact(k, k)];
    this.squares = new double[numFeatures];
  }

  /**
   * Statistics from values (for example read back from a file or received from another process).
   *
   * @param numFeatures D
   * @param rankF n_f
   * @param rankG n_g
   * @param numerator D×K row-major; copied
   * @param secondOrder K×K; copied
   * @param squares length D; copied
   * @param logLikelihood summed marginal log-likelihood
   * @param numSamples number of samples, {@code >= 0}
   * @param numIdentities number of identities, {@code >= 0}
   * @return the statistics
   */
  public static PLDAStats of(int numFeatures, int rankF, int rankG, double[] numerator,
      double[] secondOrder, double[] squares, double logLikelihood, long numSamples,
      long numIdentities) {
    String owner = OWNER + ".of";
    PLDAStats s = new PLDAStats(numFeatures, rankF, rankG);
    Check.length(owner, "numerator", numerator, s.numerator.length, "D·K");
    Check.length(owner, "secondOrder", secondOrder, s.secondOrder.length, "K·K");
    Check.length(owner, "squares", squares, numFeatures, "D");
    if (numSamples < 0) {
      throw new IllegalArgumentException(owner + ": numSamples must be in [0, inf), got "
          + numSamples);
    }
    if (numIdentities < 0 || numIdentities > numSamples) {
      throw new IllegalArgumentException(owner + ": numIdentities must be in [0, numSamples = "
          + numSamples + "], got " + numIdentities);
    }
    System.arraycopy(numerator, 0, s.numerator, 0, numerator.length);
    System.arraycopy(secondOrder, 0, s.secondOrder, 0, secondOrder.length);
    System.arraycopy(squares, 0, s.squares, 0, squares.length);
    s.logLikelihood = logLikelihood;
    s.numSamples = numSamples;
    s.numIdentities = numIdentities;
    return s;
  }

  /** @return D */
  public int numFeatures() {
    return numFeatures;
  }

  /** @return n_f */
  public int rankF() {
    return rankF;
  }

  /** @return n_g */
  public int rankG() {
    return rankG;
  }

  /** @return number of samples accumulated */
  public long numSamples() {
    return numSamples;
  }

  /** @return number of identities accumulated */
  public long numIdentities() {
    return numIdentities;
  }

  /** @return the summed marginal log-likelihood of the accumulated identities */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** @return a copy of {@code Σ x̃ E[z]ᵀ}, D×K (columns: the n_f identity factors, then n_g) */
  public Matrix numerator() {
    return Matrix.copyOf(numFeatures, rankF + rankG, numerator);
  }

  /** @return a copy of {@code Σ E[z zᵀ]}, K×K */
  public Matrix secondOrder() {
    int k = rankF + rankG;
    return Matrix.copyOf(k, k, secondOrder);
  }

  /** @return a copy of {@code Σ x̃ ⊙ x̃}, length D */
  public double[] squares() {
    return squares.clone();
  }

  double[] numeratorArray() {
    return numerator;
  }

  double[] secondOrderArray() {
    return secondOrder;
  }

  double[] squaresArray() {
    return squares;
  }

  void addIdentity(int samples, double identityLogLikelihood) {
    numSamples += samples;
    numIdentities++;
    logLikelihood += identityLogLikelihood;
  }

  /**
   * Adds {@code other} into this object.
   *
   * @param other statistics of the same shape; not modified
   * @return {@code this}
   * @throws DimensionMismatchException if the shapes differ
   */
  public PLDAStats merge(PLDAStats other) {
    Objects.requireNonNull(other, "other");
    if (other.numFeatures != numFeatures || other.rankF != rankF || other.rankG != rankG) {
      throw new DimensionMismatchException(OWNER + ".merge: shapes differ: this is (D, n_f, n_g) = ("
          + numFeatures + ", " + rankF + ", " + rankG + "), other is (" + other.numFeatures + ", "
          + other.rankF + ", " + other.rankG + ")");
    }
    FaKernels.addTo(numerator, other.numerator);
    FaKernels.addTo(secondOrder, other.secondOrder);
    FaKernels.addTo(squares, other.squares);
    logLikelihood += other.logLikelihood;
    numSamples += other.numSamples;
    numIdentities += other.numIdentities;
    return this;
  }

  /** @return a deep copy */
  public PLDAStats copy() {
    return of(numFeatures, rankF, rankG, numerator, secondOrder, squares, logLikelihood,
        numSamples, numIdentities);
  }

  /** Sets every accumulator to zero. */
  public void reset() {
    Arrays.fill(numerator, 0.0);
    Arrays.fill(secondOrder, 0.0);
    Arrays.fill(squares, 0.0);
    logLikelihood = 0.0;
    numSamples = 0;
    numIdentities = 0;
  }

  @Override
  public String toString() {
    return OWNER + "[D=" + numFeatures + ", rankF=" + rankF + ", rankG=" + rankG
        + ", numIdentities=" + numIdentities + ", numSamples=" + numSamples + ", logLikelihood="
        + logLikelihood + "]";
  }
}
