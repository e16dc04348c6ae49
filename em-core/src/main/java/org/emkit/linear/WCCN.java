package org.emkit.linear;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;

/**
 * Within-class covariance normalisation (WCCN): a linear map that whitens the within-class
 * (session) scatter of labelled vectors such as i-vectors.
 *
 * <p><b>Model.</b> For classes k = 1..K with means μ_k and sizes n_k, the within-class
 * covariance is
 *
 * <pre>
 *   STANDARD (Hatch et al. 2006):  S_w = (1/K) Σ_k (1/n_k) Σ_{i∈k} (x_i − μ_k)(x_i − μ_k)ᵀ
 *   BOB_COMPATIBLE (bob.learn.em): S_w = (1/K) Σ_k        Σ_{i∈k} (x_i − μ_k)(x_i − μ_k)ᵀ
 * </pre>
 *
 * and the transform is \( y = x W \) with W the lower Cholesky factor of
 * \( S_w^{-1} = W W^\top \). The two definitions agree up to a constant factor when all classes
 * have the same size; bob divides the pooled scatter by the number of classes.
 *
 * <p><b>Algorithm.</b> Two-pass class means and scatter; inverse by Cholesky or SVD
 * pseudo-inverse ({@link Inversion}); Cholesky factor of the inverse. Labels are arbitrary
 * integers (bob requires 0..K−1); classes are taken in increasing label order.
 *
 * <p><b>Shapes.</b> x is N×D, labels length N; W is D×D lower triangular; output N×D (bob
 * returns a list of rows).
 *
 * <p><b>Reproducibility and threads.</b> Deterministic; immutable and thread-safe.
 *
 * <p><b>Compatibility.</b> {@link Numerics#BOB_COMPATIBLE} reproduces bob.learn.em's
 * {@code WCCN} test values.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>A. O. Hatch, S. Kajarekar, A. Stolcke, "Within-class covariance normalization for
 *       SVM-based speaker recognition", Interspeech 2006.
 * </ol>
 *
 * @see Whitening
 */
public final class WCCN {

  private static final String OWNER = "WCCN";

  private final Inversion inversion;
  private final Numerics numerics;
  private final Projection projection;

  private WCCN(Inversion inversion, Numerics numerics, Projection projection) {
    this.inversion = inversion;
    this.numerics = numerics;
    this.projection = projection;
  }

  /**
   * @param inversion exact (default in bob) or pseudo inverse
   * @param numerics STANDARD (Hatch's per-class normalisation) or BOB_COMPATIBLE
   * @return an unfitted WCCN
   */
  public static WCCN create(Inversion inversion, Numerics numerics) {
    return new WCCN(Objects.requireNonNull(inversion, "inversion"),
        Objects.requireNonNull(numerics, "numerics"), null);
  }

  /** @return an unfitted WCCN with exact inversion and STANDARD numerics */
  public static WCCN create() {
    return create(Inversion.EXACT, Numerics.STANDARD);
  }

  /**
   * A fitted WCCN from a stored weight matrix.
   *
   * @param weights W, D×D
   * @return the transform
   */
  public static WCCN fromWeights(Matrix weights) {
    return fromParameters(weights, Inversion.EXACT, Numerics.STANDARD);
  }

  /**
   * A fitted WCCN from stored parameters, keeping the settings it was fitted with (used by
   * io-hdf5 to reload a saved transform faithfully).
   *
   * @param weights W, D×D; copied
   * @param inversion how it was fitted
   * @param numerics how it was fitted
   * @return the transform
   */
  public static WCCN fromParameters(Matrix weights, Inversion inversion, Numerics numerics) {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(inversion, "inversion");
    Objects.requireNonNull(numerics, "numerics");
    double[] zeros = new double[weights.rows()];
    double[] ones = new double[weights.rows()];
    Arrays.fill(ones, 1.0);
    return new WCCN(inversion, numerics, new Projection(zeros, ones, weights));
  }

  /**
   * @param x N×D vectors; not modified
   * @param labels class of each row, length N; not modified
   * @return a fitted WCCN
   */
  public WCCN fit(Matrix x, int[] labels) {
    String owner = OWNER + ".fit";
    ClassScatter cs = ClassScatter.of(owner, x, labels);
    int d = cs.numFeatures;
    double[] sw = ClassScatter.scale(cs.within(numerics == Numerics.STANDARD), 1.0 / cs.numClasses);
    double[] w = CovarianceFactors.choleskyOfInverse(owner, "within-class covariance", sw, d,
        inversion);
    return new WCCN(inversion, numerics, new Projection(new double[d], cs.ones(), Matrix.wrap(d, d, w)));
  }

  /** @return whether fitted */
  public boolean isFitted() {
    return projection != null;
  }

  /** @return the inversion method */
  public Inversion inversion() {
    return inversion;
  }

  /** @return the numerics mode */
  public Numerics numerics() {
    return numerics;
  }

  /** @return a copy of W (D×D lower triangular) */
  public Matrix weights() {
    return Projection.fitted(projection, OWNER + ".weights").weights();
  }

  /** @return the fitted linear map */
  public Projection projection() {
    return Projection.fitted(projection, OWNER + ".projection");
  }

  /**
   * @param x N×D; not modified
   * @return {@code x W}, N×D
   */
  public Matrix transform(Matrix x) {
    return Projection.fitted(projection, OWNER + ".transform").apply(OWNER + ".transform", x);
  }

  @Override
  public String toString() {
    return "WCCN[inversion=" + inversion + ", numerics=" + numerics + ", fitted=" + isFitted() + "]";
  }
}
