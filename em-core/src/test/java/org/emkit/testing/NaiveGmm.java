package org.emkit.testing;

import org.emkit.core.Matrix;
import org.emkit.mixture.GMMStats;

/**
 * Naive oracle of the E-step, straight from the formulas with nested loops and no
 * optimisation (sklearn's {@code _naive_lmvnpdf_diag} idea): for each frame, the D
 * one-dimensional normal log-densities are summed, the mixture likelihood is a log-sum-exp over
 * components, and statistics are accumulated frame by frame.
 */
public final class NaiveGmm {

  private NaiveGmm() {}

  public static double logNormal1d(double x, double mean, double var) {
    return -0.5 * Math.log(2 * Math.PI * var) - (x - mean) * (x - mean) / (2 * var);
  }

  public static double[] logLikelihoods(Matrix x, double[] w, Matrix mu, Matrix var) {
    double[] out = new double[x.rows()];
    for (int i = 0; i < x.rows(); i++) {
      out[i] = logp(x, i, w, mu, var, new double[w.length]);
    }
    return out;
  }

  private static double logp(Matrix x, int i, double[] w, Matrix mu, Matrix var, double[] lw) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < w.length; c++) {
      double l = Math.log(w[c]);
      for (int j = 0; j < x.cols(); j++) {
        l += logNormal1d(x.get(i, j), mu.get(c, j), var.get(c, j));
      }
      lw[c] = l;
      max = Math.max(max, l);
    }
    double s = 0;
    for (double l : lw) {
      s += Math.exp(l - max);
    }
    return max + Math.log(s);
  }

  public static GMMStats stats(Matrix x, double[] w, Matrix mu, Matrix var) {
    int c = w.length;
    int d = x.cols();
    double[] n = new double[c];
    double[] px = new double[c * d];
    double[] pxx = new double[c * d];
    double ll = 0;
    double[] lw = new double[c];
    for (int i = 0; i < x.rows(); i++) {
      double lp = logp(x, i, w, mu, var, lw);
      ll += lp;
      for (int k = 0; k < c; k++) {
        double g = Math.exp(lw[k] - lp);
        n[k] += g;
        for (int j = 0; j < d; j++) {
          px[k * d + j] += g * x.get(i, j);
          pxx[k * d + j] += g * x.get(i, j) * x.get(i, j);
        }
      }
    }
    return GMMStats.of(n, Matrix.wrap(c, d, px), Matrix.wrap(c, d, pxx), ll, x.rows());
  }
}
