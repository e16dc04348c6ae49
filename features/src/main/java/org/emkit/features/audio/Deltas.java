package org.emkit.features.audio;

import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Dynamic (Δ, ΔΔ) features by linear regression over ±M neighbouring frames.
 *
 * <p><b>Model.</b> For a T × D feature matrix x,
 * \[ \Delta x_t = \frac{\sum_{m=1}^{M} m\,(x_{t+m} - x_{t-m})}{2 \sum_{m=1}^{M} m^2} \]
 * per column, the least-squares slope of a line through the 2M + 1 frames around t (HTK
 * {@code DELTAWINDOW}). Frames beyond the ends are replaced by the first and last frame (HTK,
 * Kaldi). ΔΔ is Δ applied to Δ with the same M. A linear ramp x_t = a t + b therefore has
 * Δ = a and ΔΔ = 0 at every frame at least 2M frames from both ends.
 *
 * <p><b>Shapes.</b> Input T × D; {@link #delta} returns T × D; {@link #append} returns
 * T × D(1 + order) as [x | Δx | ΔΔx]. T = 0 gives T = 0.
 *
 * <p><b>Reproducibility and threads.</b> Stateless static methods; thread-safe; the input is
 * never modified.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>S. Furui, "Speaker-independent isolated word recognition using dynamic features of speech
 *       spectrum", IEEE Transactions on Acoustics, Speech, and Signal Processing 34(1):52–59,
 *       1986. https://doi.org/10.1109/TASSP.1986.1164788
 *   <li>S. Young et al., "The HTK Book (for HTK version 3.4)", 2006, §5.9, equation 5.16.
 * </ol>
 *
 * @see Mfcc
 */
public final class Deltas {

  private static final String OWNER = "Deltas";

  private Deltas() {}

  /**
   * Δ of every column.
   *
   * @param x T × D features; not modified
   * @param window M, the regression half-width in frames, {@code >= 1}
   * @return T × D deltas
   * @throws IllegalArgumentException if {@code window < 1}
   */
  public static Matrix delta(Matrix x, int window) {
    Objects.requireNonNull(x, "x");
    Check.atLeast(OWNER + ".delta", "window", window, 1);
    double[] out = new double[x.rows() * x.cols()];
    regress(x.data(), 0, x.cols(), x.rows(), window, out, 0, x.cols(), x.cols());
    return Matrix.wrap(x.rows(), x.cols(), out);
  }

  /**
   * Appends Δ (order 1) or Δ and ΔΔ (order 2) to the features.
   *
   * @param x T × D features; not modified
   * @param order 0, 1 or 2
   * @param window M, the regression half-width in frames, {@code >= 1}
   * @return T × D(1 + order) as [x | Δx | ΔΔx]
   * @throws IllegalArgumentException if {@code order} is not in [0, 2] or {@code window < 1}
   */
  public static Matrix append(Matrix x, int order, int window) {
    Objects.requireNonNull(x, "x");
    Check.inClosed(OWNER + ".append", "order", order, 0, 2);
    Check.atLeast(OWNER + ".append", "window", window, 1);
    int t = x.rows();
    int d = x.cols();
    int width = d * (1 + order);
    double[] out = new double[Math.multiplyExact(t, width)];
    double[] src = x.data();
    for (int i = 0; i < t; i++) {
      System.arraycopy(src, i * d, out, i * width, d);
    }
    for (int k = 1; k <= order; k++) {
      // Block k is the delta of block k-1, both read and written inside `out`.
      regress(out, (k - 1) * d, width, t, window, out, k * d, width, d);
    }
    return Matrix.wrap(t, width, out);
  }

  /**
   * out[t, outColumn + j] = Σ_{m=1}^{M} m (in[t+m, inColumn + j] − in[t−m, inColumn + j])
   * / (2 Σ m²) for j &lt; width, with frame indices clamped to [0, frames − 1]. Input and output
   * blocks may share an array when their columns are disjoint.
   */
  private static void regress(double[] in, int inColumn, int inStride, int frames, int window,
      double[] out, int outColumn, int outStride, int width) {
    double norm = 0.0;
    for (int m = 1; m <= window; m++) {
      norm += m * m;
    }
    norm *= 2.0;
    int last = frames - 1;
    for (int t = 0; t < frames; t++) {
      int o = t * outStride + outColumn;
      for (int j = 0; j < width; j++) {
        out[o + j] = 0.0;
      }
      for (int m = 1; m <= window; m++) {
        int ahead = Math.min(t + m, last) * inStride + inColumn;
        int behind = Math.max(t - m, 0) * inStride + inColumn;
        for (int j = 0; j < width; j++) {
          out[o + j] += m * (in[ahead + j] - in[behind + j]);
        }
      }
      for (int j = 0; j < width; j++) {
        out[o + j] /= norm;
      }
    }
  }
}
