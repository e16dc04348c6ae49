package org.emkit.features.audio;

import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;
import org.emkit.scoring.VerificationMetrics;

/**
 * Short-time Gaussianisation of each feature ("feature warping", Pelecanos and Sridharan 2001):
 * every value is replaced by the standard normal quantile of its rank within a sliding window.
 *
 * <p><b>Model.</b> For feature j at frame t, let the window hold N frames around t,
 * \( r_{\mathrm{lt}} \) the number of window values below x_tj and \( r_{\mathrm{eq}} \) the number
 * equal to it (itself included). The warped value is
 * \[ y_{tj} = \Phi^{-1}\!\Big(\frac{r_{\mathrm{lt}} + r_{\mathrm{eq}}/2}{N}\Big), \]
 * which is Pelecanos and Sridharan's \( \Phi^{-1}((N + \tfrac12 - R)/N) \) for descending rank R
 * without ties, with tied values given their average rank. Over a window the output follows a
 * standard normal in distribution whatever the channel did to the marginal of the feature.
 *
 * <p><b>Algorithm.</b> The window is centred, [t − h, t + h] with h = ⌊N/2⌋ (N odd: exactly
 * centred), shifted inwards near the ends so that it always holds min(N, T) frames; an utterance
 * of at most N frames is warped as a whole. Ranks are counted directly, O(T·N·D) operations
 * (about 20 ms for 15 s of 38-dimensional features with N = 301) and no allocation per frame.
 * Φ⁻¹ is {@link VerificationMetrics#probit}. Arguments lie in [1/(2N), 1 − 1/(2N)], so outputs are
 * finite (|y| ≤ 2.94 for N = 301).
 *
 * <p><b>Parameters.</b> {@code windowFrames} N [301 = 3.01 s at 100 frames/s; the paper uses
 * 3 s], {@code >= 1}.
 *
 * <p><b>Shapes.</b> T × D in, T × D out.
 *
 * <p><b>Reproducibility and threads.</b> Immutable, deterministic and thread-safe; the input is
 * not modified.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>J. Pelecanos, S. Sridharan, "Feature warping for robust speaker verification", Proc.
 *       2001: A Speaker Odyssey, The Speaker Recognition Workshop, Crete, pp. 213–218, 2001.
 * </ol>
 *
 * @see Cmvn
 * @see FrontEnd
 */
public final class FeatureWarping {

  private static final String OWNER = "FeatureWarping";

  /** Default window: 301 frames, a centred 3 s window at a 10 ms shift. */
  public static final int DEFAULT_WINDOW_FRAMES = 301;

  private final int windowFrames;

  private FeatureWarping(int windowFrames) {
    this.windowFrames = Check.atLeast(OWNER, "windowFrames", windowFrames, 1);
  }

  /**
   * @param windowFrames N, the window length in frames, {@code >= 1}
   * @return a warping transform
   * @throws IllegalArgumentException if {@code windowFrames < 1}
   */
  public static FeatureWarping withWindow(int windowFrames) {
    return new FeatureWarping(windowFrames);
  }

  /** @return a warping transform with a 301-frame window */
  public static FeatureWarping defaults() {
    return new FeatureWarping(DEFAULT_WINDOW_FRAMES);
  }

  /** @return N */
  public int windowFrames() {
    return windowFrames;
  }

  /**
   * Warps one utterance.
   *
   * @param x T × D features; not modified
   * @return T × D warped features
   * @throws IllegalArgumentException if a value is not finite (naming the cell)
   */
  public Matrix transform(Matrix x) {
    Objects.requireNonNull(x, "x");
    int t = x.rows();
    int d = x.cols();
    double[] in = x.data();
    for (int i = 0; i < in.length; i++) {
      if (!Double.isFinite(in[i])) {
        throw new IllegalArgumentException(OWNER + ".transform: x[" + i / d + ", " + i % d
            + "] is " + in[i] + "; inputs must be finite");
      }
    }
    int n = Math.min(windowFrames, t);
    int h = windowFrames / 2;
    double[] out = new double[in.length];
    for (int i = 0; i < t; i++) {
      // Window [from, from + n): centred on i, shifted inwards at the ends.
      int from = Math.max(0, Math.min(i - h, t - n));
      int to = from + n;
      for (int j = 0; j < d; j++) {
        double v = in[i * d + j];
        int below = 0;
        int equal = 0;
        for (int s = from; s < to; s++) {
          double u = in[s * d + j];
          if (u < v) {
            below++;
          } else if (u == v) {
            equal++;
          }
        }
        out[i * d + j] = VerificationMetrics.probit((below + 0.5 * equal) / n);
      }
    }
    return Matrix.wrap(t, d, out);
  }

  /** @return the window length */
  @Override
  public String toString() {
    return "FeatureWarping[windowFrames=" + windowFrames + "]";
  }
}
