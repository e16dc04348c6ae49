package org.emkit.mixture;

/**
 * The one E-step kernel of emkit: log-likelihoods of a diagonal GMM, posteriors and the
 * accumulation of zeroth/first/second-order statistics, on a block of rows. Static methods on
 * primitive arrays; every caller (fit, transform, scoring, Fisher vectors, Spark) goes through
 * {@link GMMMachine}, which cuts the data into fixed chunks and calls these in order.
 *
 * <p><b>Formulas.</b> With \( v_{cj} = 1/\sigma^2_{cj} \) and the hoisted per-component constant
 * \( k_c = \ln w_c - \tfrac12 (D \ln 2\pi + \sum_j \ln \sigma^2_{cj}) \):
 *
 * <pre>
 *   ℓ_c(x) = k_c − ½ Σ_j (x_j − μ_cj)² v_cj                 (log w_c N(x | μ_c, σ²_c))
 *   log p(x) = m + log Σ_c exp(ℓ_c(x) − m),  m = max_c ℓ_c(x)  (log-sum-exp, max shift)
 *   γ_c(x) = exp(ℓ_c(x) − m) / Σ_c' exp(ℓ_c'(x) − m)
 *   n_c += γ_c;  sumPx[c] += γ_c x;  sumPxx[c] += (γ_c x) ⊙ x
 * </pre>
 *
 * <p><b>Numerics.</b> The quadratic form is evaluated directly on differences
 * {@code x − μ} (no ‖x‖² expansion), so there is no cancellation for data far from the origin;
 * agreement with bob.learn.em is at the level of a few ulps per term. The posteriors reuse the
 * exponentials of the log-sum-exp (one {@code exp} per row and component).
 *
 * <p><b>Blocking.</b> Callers pass blocks of at most {@link #BLOCK_ROWS} rows so that the
 * block's rows, the C×D parameters of one component and the block × C posterior buffer stay in
 * cache. The log-likelihood loop is register-tiled 2 rows × 2 components (four independent
 * accumulators). Statistics are accumulated component by component over the rows of the block
 * in row order, so the summation order depends only on the block boundaries, never on threads.
 */
final class GmmKernels {

  /** Rows per cache block: 64 rows × C doubles of posteriors stay in L2 for C up to 2048. */
  static final int BLOCK_ROWS = 64;

  /** {@code ln(2π)} as numpy computes {@code log(2*pi)}. */
  static final double LOG_2PI = 1.8378770664093453;

  private GmmKernels() {}

  /**
   * Log weighted likelihoods of a block of rows.
   *
   * <pre>
   *   for i in rows: for c in C:
   *     ll[i*C + c] = logConst[c] − ½ Σ_j (x[(from+i)*D + j] − means[c*D+j])² invVar[c*D+j]
   * </pre>
   *
   * @param x data, row-major with D columns; not modified
   * @param from first row of the block
   * @param rows number of rows in the block
   * @param d D
   * @param c number of components C
   * @param means C×D; not modified
   * @param invVar C×D inverse variances; not modified
   * @param logConst per-component constant k_c; not modified
   * @param ll output, at least {@code rows*C}; written
   */
  static void logWeightedLikelihoods(double[] x, int from, int rows, int d, int c, double[] means,
      double[] invVar, double[] logConst, double[] ll) {
    int i = 0;
    for (; i + 1 < rows; i += 2) {
      int x0 = (from + i) * d;
      int x1 = x0 + d;
      int k = 0;
      for (; k + 1 < c; k += 2) {
        int m0 = k * d;
        int m1 = m0 + d;
        double a00 = 0;
        double a01 = 0;
        double a10 = 0;
        double a11 = 0;
        for (int j = 0; j < d; j++) {
          double xa = x[x0 + j];
          double xb = x[x1 + j];
          double mu0 = means[m0 + j];
          double mu1 = means[m1 + j];
          double v0 = invVar[m0 + j];
          double v1 = invVar[m1 + j];
          double d00 = xa - mu0;
          double d01 = xa - mu1;
          double d10 = xb - mu0;
          double d11 = xb - mu1;
          a00 += d00 * d00 * v0;
          a01 += d01 * d01 * v1;
          a10 += d10 * d10 * v0;
          a11 += d11 * d11 * v1;
        }
        ll[i * c + k] = logConst[k] - 0.5 * a00;
        ll[i * c + k + 1] = logConst[k + 1] - 0.5 * a01;
        ll[(i + 1) * c + k] = logConst[k] - 0.5 * a10;
        ll[(i + 1) * c + k + 1] = logConst[k + 1] - 0.5 * a11;
      }
      for (; k < c; k++) {
        int m0 = k * d;
        double a0 = 0;
        double a1 = 0;
        for (int j = 0; j < d; j++) {
          double mu = means[m0 + j];
          double v = invVar[m0 + j];
          double d0 = x[x0 + j] - mu;
          double d1 = x[x1 + j] - mu;
          a0 += d0 * d0 * v;
          a1 += d1 * d1 * v;
        }
        ll[i * c + k] = logConst[k] - 0.5 * a0;
        ll[(i + 1) * c + k] = logConst[k] - 0.5 * a1;
      }
    }
    for (; i < rows; i++) {
      int x0 = (from + i) * d;
      for (int k = 0; k < c; k++) {
        int m0 = k * d;
        double a = 0;
        for (int j = 0; j < d; j++) {
          double df = x[x0 + j] - means[m0 + j];
          a += df * df * invVar[m0 + j];
        }
        ll[i * c + k] = logConst[k] - 0.5 * a;
      }
    }
  }

  /**
   * Turns a block of log weighted likelihoods into responsibilities, in place, and returns the
   * per-row log-likelihoods.
   *
   * @param ll {@code rows × C} log weighted likelihoods; overwritten with responsibilities
   * @param rows number of rows
   * @param c C
   * @param rule how responsibilities are formed
   * @param logp output per-row {@code log p(x)}, at least {@code rows}; written
   */
  static void posteriors(double[] ll, int rows, int c, PosteriorRule rule, double[] logp) {
    PosteriorRule.Kind kind = rule.kind();
    double theta = rule.threshold();
    for (int i = 0; i < rows; i++) {
      int o = i * c;
      double max = Double.NEGATIVE_INFINITY;
      int arg = 0;
      for (int k = 0; k < c; k++) {
        if (ll[o + k] > max) {
          max = ll[o + k];
          arg = k;
        }
      }
      if (max == Double.NEGATIVE_INFINITY) {
        // every component has zero density: no responsibility anywhere
        logp[i] = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
          ll[o + k] = 0.0;
        }
        continue;
      }
      double sum = 0;
      for (int k = 0; k < c; k++) {
        double e = Math.exp(ll[o + k] - max);
        ll[o + k] = e;
        sum += e;
      }
      logp[i] = max + Math.log(sum);
      if (kind == PosteriorRule.Kind.HARD) {
        for (int k = 0; k < c; k++) {
          ll[o + k] = 0.0;
        }
        ll[o + arg] = 1.0;
        continue;
      }
      double inv = 1.0 / sum;
      for (int k = 0; k < c; k++) {
        ll[o + k] *= inv;
      }
      if (kind == PosteriorRule.Kind.THRESHOLD) {
        double kept = 0;
        for (int k = 0; k < c; k++) {
          if (ll[o + k] < theta && k != arg) {
            ll[o + k] = 0.0;
          } else {
            kept += ll[o + k];
          }
        }
        double renorm = 1.0 / kept;
        for (int k = 0; k < c; k++) {
          ll[o + k] *= renorm;
        }
      }
    }
  }

  /**
   * Accumulates statistics of a block of rows from their responsibilities.
   *
   * <pre>
   *   for c in C: for i in rows (in order): g = post[i*C + c]
   *     n[c] += g;  sumPx[c*D + j] += g·x_ij;  sumPxx[c*D + j] += (g·x_ij)·x_ij
   * </pre>
   *
   * Exact zero responsibilities (hard or thresholded rules) are skipped; adding {@code 0·x}
   * would not change the sums.
   *
   * @param x data, row-major with D columns; not modified
   * @param from first row of the block
   * @param rows rows in the block
   * @param d D
   * @param post {@code rows × C} responsibilities; not modified
   * @param c C
   * @param n zeroth order, length C; modified
   * @param sumPx first order, C×D; modified
   * @param sumPxx second order, C×D; modified, or {@code null} to skip second order
   */
  static void accumulate(double[] x, int from, int rows, int d, double[] post, int c, double[] n,
      double[] sumPx, double[] sumPxx) {
    for (int k = 0; k < c; k++) {
      int s = k * d;
      double nk = n[k];
      for (int i = 0; i < rows; i++) {
        double g = post[i * c + k];
        if (g == 0.0) {
          continue;
        }
        nk += g;
        int xo = (from + i) * d;
        if (sumPxx != null) {
          for (int j = 0; j < d; j++) {
            double xv = x[xo + j];
            double t = g * xv;
            sumPx[s + j] += t;
            sumPxx[s + j] += t * xv;
          }
        } else {
          for (int j = 0; j < d; j++) {
            sumPx[s + j] += g * x[xo + j];
          }
        }
      }
      n[k] = nk;
    }
  }
}
