package org.emkit.linear;

import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Length normalisation of vectors (Garcia-Romero and Espy-Wilson 2011): each row is centred by
 * an optional mean and scaled to unit Euclidean norm, \( y = (x - \mu)/\lVert x - \mu \rVert \).
 * A zero vector stays zero. Usually applied to i-vectors after whitening, before PLDA or cosine
 * scoring.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>D. Garcia-Romero, C. Y. Espy-Wilson, "Analysis of i-vector length normalization in
 *       speaker recognition systems", Interspeech 2011.
 * </ol>
 */
public final class LengthNormalization {

  private final double[] mean;

  private LengthNormalization(double[] mean) {
    this.mean = mean;
  }

  /** @return length normalisation without centring */
  public static LengthNormalization create() {
    return new LengthNormalization(null);
  }

  /**
   * @param x training vectors whose mean is subtracted before scaling
   * @return a centring length normalisation
   */
  public static LengthNormalization centeredOn(Matrix x) {
    Check.nonEmpty("LengthNormalization.centeredOn", "x", x);
    Check.finite("LengthNormalization.centeredOn", "x", x);
    double[] m = new double[x.cols()];
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < x.cols(); j++) {
        m[j] += x.get(i, j) / x.rows();
      }
    }
    return new LengthNormalization(m);
  }

  /**
   * A centring length normalisation with a given mean (for example one read back from a file).
   *
   * @param mean μ, length D ≥ 1, finite; copied
   * @return the transform
   */
  public static LengthNormalization withMean(double[] mean) {
    Objects.requireNonNull(mean, "mean");
    Check.atLeast("LengthNormalization.withMean", "mean.length", mean.length, 1);
    Check.finite("LengthNormalization.withMean", "mean", mean);
    return new LengthNormalization(mean.clone());
  }

  /** @return a copy of the centring mean, or {@code null} if none */
  public double[] mean() {
    return mean == null ? null : mean.clone();
  }

  /**
   * @param x N×D; not modified
   * @return N×D rows of unit norm (zero rows stay zero)
   */
  public Matrix transform(Matrix x) {
    Objects.requireNonNull(x, "x");
    Check.finite("LengthNormalization.transform", "x", x);
    if (mean != null) {
      Check.columns("LengthNormalization.transform", "x", x, mean.length, "the mean has D");
    }
    int d = x.cols();
    double[] out = x.toArray();
    for (int i = 0; i < x.rows(); i++) {
      double norm = 0;
      for (int j = 0; j < d; j++) {
        if (mean != null) {
          out[i * d + j] -= mean[j];
        }
        norm += out[i * d + j] * out[i * d + j];
      }
      if (norm > 0) {
        double inv = 1.0 / Math.sqrt(norm);
        for (int j = 0; j < d; j++) {
          out[i * d + j] *= inv;
        }
      }
    }
    return Matrix.wrap(x.rows(), d, out);
  }
}
