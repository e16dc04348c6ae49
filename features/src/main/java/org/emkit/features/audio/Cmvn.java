package org.emkit.features.audio;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.Matrix;

/**
 * Per-utterance cepstral mean (and variance) normalisation.
 *
 * <p><b>Model.</b> For a T × D utterance x with column means \( \mu_j \) and population standard
 * deviations \( \sigma_j = \sqrt{\frac1T\sum_t (x_{tj}-\mu_j)^2} \):
 * {@link #meanAndVariance()} returns \( (x_{tj} - \mu_j)/\sigma_j \) (every column then has mean
 * 0 and standard deviation 1); {@link #meanOnly()} returns \( x_{tj} - \mu_j \). Subtracting
 * the mean removes a stationary convolutive channel, which is additive in the cepstral domain.
 *
 * <p><b>Algorithm.</b> Two passes (mean, then centred sum of squares), so there is no
 * cancellation. A column with σ = 0 (constant, or T = 1) is only centred (it becomes 0): there
 * is no scale to normalise.
 *
 * <p><b>Shapes.</b> T × D in, T × D out; T = 0 returns an empty matrix.
 *
 * <p><b>Reproducibility and threads.</b> Immutable, deterministic and thread-safe; the input is
 * not modified.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>B. S. Atal, "Effectiveness of linear prediction characteristics of the speech wave for
 *       automatic speaker identification and verification", Journal of the Acoustical Society of
 *       America 55(6):1304–1312, 1974 (cepstral mean subtraction). https://doi.org/10.1121/1.1914702
 *   <li>O. Viikki, K. Laurila, "Cepstral domain segmental feature vector normalization for noise
 *       robust speech recognition", Speech Communication 25(1–3):133–147, 1998 (variance
 *       normalisation). https://doi.org/10.1016/S0167-6393(98)00033-8
 * </ol>
 *
 * @see FeatureWarping
 * @see FrontEnd
 */
public final class Cmvn {

  private static final Cmvn MEAN_AND_VARIANCE = new Cmvn(true);
  private static final Cmvn MEAN_ONLY = new Cmvn(false);

  private final boolean normalizeVariance;

  private Cmvn(boolean normalizeVariance) {
    this.normalizeVariance = normalizeVariance;
  }

  /** @return mean and variance normalisation (CMVN) */
  public static Cmvn meanAndVariance() {
    return MEAN_AND_VARIANCE;
  }

  /** @return mean subtraction only (CMN) */
  public static Cmvn meanOnly() {
    return MEAN_ONLY;
  }

  /** @return whether columns are also divided by their standard deviation */
  public boolean normalizesVariance() {
    return normalizeVariance;
  }

  /**
   * Normalises one utterance.
   *
   * @param x T × D features; not modified
   * @return the normalised T × D features
   * @throws IllegalArgumentException if a value is not finite (naming the cell)
   */
  public Matrix transform(Matrix x) {
    Objects.requireNonNull(x, "x");
    int t = x.rows();
    int d = x.cols();
    double[] in = x.data();
    for (int i = 0; i < in.length; i++) {
      if (!Double.isFinite(in[i])) {
        throw new IllegalArgumentException("Cmvn.transform: x[" + i / d + ", " + i % d + "] is "
            + in[i] + "; inputs must be finite");
      }
    }
    double[] mean = new double[d];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += in[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= t;
    }
    double[] scale = new double[d];
    Arrays.fill(scale, 1.0);
    if (normalizeVariance) {
      double[] ss = new double[d];
      for (int i = 0; i < t; i++) {
        for (int j = 0; j < d; j++) {
          double c = in[i * d + j] - mean[j];
          ss[j] += c * c;
        }
      }
      for (int j = 0; j < d; j++) {
        double sd = Math.sqrt(ss[j] / t);
        scale[j] = sd > 0 ? 1.0 / sd : 1.0;
      }
    }
    double[] out = new double[in.length];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < d; j++) {
        out[i * d + j] = (in[i * d + j] - mean[j]) * scale[j];
      }
    }
    return Matrix.wrap(t, d, out);
  }

  /** @return the mode */
  @Override
  public String toString() {
    return normalizeVariance ? "Cmvn[meanAndVariance]" : "Cmvn[meanOnly]";
  }
}
