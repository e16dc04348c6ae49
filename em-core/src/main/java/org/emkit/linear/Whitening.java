package org.emkit.linear;

import java.util.Objects;
import org.emkit.core.Matrix;

/**
 * Whitening transform: centres the data and maps its covariance to the identity.
 *
 * <p><b>Model.</b> With sample mean μ and unbiased covariance
 * \( \Sigma = \frac{1}{N-1} \sum_i (x_i - \mu)(x_i - \mu)^\top \), the transform is
 * \( y = (x - \mu) W \) where W is the lower Cholesky factor of \( \Sigma^{-1} = W W^\top \).
 * Then \( \mathrm{cov}(y) = W^\top \Sigma W = I \).
 *
 * <p><b>Algorithm.</b> Two-pass mean and covariance (no raw-moment cancellation), inverse by
 * Cholesky ({@link Inversion#EXACT}) or SVD pseudo-inverse ({@link Inversion#PSEUDO}), then
 * the Cholesky factor of the inverse, as bob.
 *
 * <p><b>Shapes.</b> x is N×D (N ≥ 2); W is D×D lower triangular; the output N×D.
 *
 * <p><b>Reproducibility and threads.</b> Deterministic; immutable and thread-safe.
 *
 * <p><b>Compatibility.</b> bob.learn.em's {@code Whitening}: same mean, W and transform
 * (checked against its test values); bob's {@code input_divide} is 1.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>A. Kessy, A. Lewin, K. Strimmer, "Optimal whitening and decorrelation", The American
 *       Statistician 72(4), 2018. https://doi.org/10.1080/00031305.2016.1277159
 * </ol>
 *
 * @see WCCN
 * @see Projection
 */
public final class Whitening {

  private static final String OWNER = "Whitening";

  private final Inversion inversion;
  private final Projection projection;

  private Whitening(Inversion inversion, Projection projection) {
    this.inversion = inversion;
    this.projection = projection;
  }

  /**
   * @param inversion how the covariance is inverted (bob default: EXACT)
   * @return an unfitted whitening transform
   */
  public static Whitening create(Inversion inversion) {
    return new Whitening(Objects.requireNonNull(inversion, "inversion"), null);
  }

  /** @return an unfitted whitening transform with exact inversion */
  public static Whitening create() {
    return create(Inversion.EXACT);
  }

  /**
   * A fitted transform from stored parameters.
   *
   * @param mean μ, length D
   * @param weights W, D×D
   * @return the transform
   */
  public static Whitening fromParameters(double[] mean, Matrix weights) {
    return fromParameters(mean, weights, Inversion.EXACT);
  }

  /**
   * A fitted transform from stored parameters, keeping the inversion it was fitted with (used
   * by io-hdf5 to reload a saved transform faithfully).
   *
   * @param mean μ, length D; copied
   * @param weights W, D×D; copied
   * @param inversion how it was fitted
   * @return the transform
   */
  public static Whitening fromParameters(double[] mean, Matrix weights, Inversion inversion) {
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(inversion, "inversion");
    double[] ones = new double[mean.length];
    java.util.Arrays.fill(ones, 1.0);
    return new Whitening(inversion, new Projection(mean, ones, weights));
  }

  /**
   * @param x N×D training data, N ≥ 2; not modified
   * @return a fitted transform
   * @throws org.emkit.core.NumericalFailureException if the covariance is singular
   */
  public Whitening fit(Matrix x) {
    String owner = OWNER + ".fit";
    ClassScatter cs = ClassScatter.oneClass(owner, x);
    if (x.rows() < 2) {
      throw new IllegalArgumentException(owner + ": x must have at least 2 rows for an unbiased"
          + " covariance, got " + x.rows());
    }
    int d = cs.numFeatures;
    double[] cov = ClassScatter.scale(cs.within(false), 1.0 / (x.rows() - 1));
    double[] w = CovarianceFactors.choleskyOfInverse(owner, "covariance of x", cov, d, inversion);
    return new Whitening(inversion, new Projection(cs.mean, cs.ones(), Matrix.wrap(d, d, w)));
  }

  /** @return whether fitted */
  public boolean isFitted() {
    return projection != null;
  }

  /** @return the inversion method */
  public Inversion inversion() {
    return inversion;
  }

  /** @return a copy of the mean μ ({@code input_subtract}) */
  public double[] mean() {
    return Projection.fitted(projection, OWNER + ".mean").inputSubtract();
  }

  /** @return a copy of W (D×D lower triangular) */
  public Matrix weights() {
    return Projection.fitted(projection, OWNER + ".weights").weights();
  }

  /** @return the fitted affine map */
  public Projection projection() {
    return Projection.fitted(projection, OWNER + ".projection");
  }

  /**
   * @param x N×D; not modified
   * @return {@code (x − μ) W}, N×D
   */
  public Matrix transform(Matrix x) {
    return Projection.fitted(projection, OWNER + ".transform").apply(OWNER + ".transform", x);
  }

  @Override
  public String toString() {
    return "Whitening[inversion=" + inversion + ", fitted=" + isFitted()
        + (isFitted() ? ", D=" + projection.inputDimension() : "") + "]";
  }
}
