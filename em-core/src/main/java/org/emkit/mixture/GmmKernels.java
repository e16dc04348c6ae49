package org.emkit.mixture;

import org.emkit.core.internal.FastExp;
import org.emkit.core.internal.VectorSupport;

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
 * exponentials of the log-sum-exp (one {@link FastExp} per row and component, ≤ 2 ulp).
 *
 * <p><b>Vectorisation.</b> With the Vector API ({@link VectorSupport}) the same arithmetic runs in
 * {@code GmmVectorKernels} on 4-lane vectors, register-tiled 4 rows × 2 components; without it,
 * this scalar code runs. Both perform identical operations in identical order (no fused
 * multiply-add), so results are bitwise equal on either path.
 *
 * <p><b>Blocking.</b> Callers pass blocks of at most {@link #BLOCK_ROWS} rows so that the
 * block's rows, the C×D parameters of one component and the block × C posterior buffer stay in
 * cache. Statistics are accumulated component by component over the rows of the block in row
 * order, so the summation order depends only on the block boundaries, never on threads.
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
   *   for i in rows: for c in C:  (s = scaleT = 1/σ, t = shiftT = −μ/σ, both transposed D×C)
   *     a = 0;  for j in D (in order):  e = fma(x[(from+i)*D + j], s[j*C + c], t[j*C + c]);  a = fma(e, e, a)
   *     ll[i*C + c] = logConst[c] − ½ a
   * </pre>
   *
   * <p>Each feature costs two fused multiply-adds ({@code e = (x − μ)/σ} in one rounding, then
   * {@code a += e²}) instead of a subtraction and two products. The rounding of {@code t = −μ/σ}
   * adds an absolute error of at most {@code ε·|μ|/σ} to e; unlike the GEMM expansion
   * {@code x²/σ² − 2xμ/σ² + μ²/σ²} (scikit-learn, VLFeat), whose error grows with
   * {@code (μ/σ)²} relative to the distance, this one grows linearly. The sum over j runs
   * sequentially in increasing j; the vector kernel puts four components in the four lanes of a
   * vector and performs the same operations in the same order.
   *
   * @param x data, row-major with D columns; not modified
   * @param from first row of the block
   * @param rows number of rows in the block
   * @param d D
   * @param c number of components C
   * @param scaleT {@code 1/σ} transposed, D×C; not modified
   * @param shiftT {@code −μ/σ} transposed, D×C; not modified
   * @param logConst per-component constant k_c; not modified
   * @param ll output, at least {@code rows*C}; written
   */
  static void logWeightedLikelihoods(double[] x, int from, int rows, int d, int c, double[] scaleT,
      double[] shiftT, double[] logConst, double[] ll) {
    if (VectorSupport.ENABLED) {
      GmmVectorKernels.logWeightedLikelihoods(x, from, rows, d, c, scaleT, shiftT, logConst, ll);
    } else {
      logWeightedLikelihoodsScalar(x, from, rows, d, c, scaleT, shiftT, logConst, ll, 0);
    }
  }

  /**
   * Scalar implementation of {@link #logWeightedLikelihoods} for components {@code [c0, C)}.
   */
  static void logWeightedLikelihoodsScalar(double[] x, int from, int rows, int d, int c,
      double[] scaleT, double[] shiftT, double[] logConst, double[] ll, int c0) {
    for (int i = 0; i < rows; i++) {
      int xo = (from + i) * d;
      for (int k = c0; k < c; k++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double e = Math.fma(x[xo + j], scaleT[j * c + k], shiftT[j * c + k]);
          s = Math.fma(e, e, s);
        }
        ll[i * c + k] = logConst[k] - 0.5 * s;
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
      // e_k = exp(ℓ_k − max) in place, sum in 4 partial sums (k mod 4) as the vector kernel
      double sum = VectorSupport.ENABLED
          ? GmmVectorKernels.expShiftedSum(ll, o, c, max)
          : expShiftedSum(ll, o, c, max);
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
      if (kind == PosteriorRule.Kind.TRUNCATE) {
        // VLFeat's vl_fisher_encode: drop γ < θ, keep the rest as they are (no renormalisation)
        for (int k = 0; k < c; k++) {
          if (ll[o + k] < theta) {
            ll[o + k] = 0.0;
          }
        }
      } else if (kind == PosteriorRule.Kind.THRESHOLD) {
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
   * {@code a[o+k] ← exp(a[o+k] − max)} for k in [0, n) and the sum of the results, accumulated
   * in four partial sums (k mod 4) combined as {@code (s0 + s1) + (s2 + s3)}.
   */
  static double expShiftedSum(double[] a, int o, int n, double max) {
    double[] s = new double[4];
    for (int k = 0; k < n; k++) {
      double e = FastExp.exp(a[o + k] - max);
      a[o + k] = e;
      s[k & 3] += e;
    }
    return (s[0] + s[1]) + (s[2] + s[3]);
  }

  /**
   * Transposes a {@code rows × C} block into {@code C × rows} (component-major), the layout
   * {@link #accumulate} reads.
   *
   * @param post row-major posteriors; not modified
   * @param rows rows
   * @param c C
   * @param postT output, at least {@code rows*C}; written
   */
  static void transpose(double[] post, int rows, int c, double[] postT) {
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < c; k++) {
        postT[k * rows + i] = post[i * c + k];
      }
    }
  }

  /**
   * Accumulates statistics of a block of rows from their responsibilities: moments about the
   * origin ({@code centre == null}) or about each component's centre.
   *
   * <pre>
   *   for c in C: for i in rows (in order): g = postT[c*rows + i]
   *     n[c] += g
   *     uncentred:  sumPx[c*D+j] = fma(x_ij, g, sumPx[c*D+j]);  sumPxx[c*D+j] = fma(x_ij·x_ij, g, sumPxx[c*D+j])
   *     centred:    e = x_ij − centre[c*D+j];  t = e·g;  sumPx[c*D+j] += t;  sumPxx[c*D+j] = fma(t, e, sumPxx[c*D+j])
   * </pre>
   *
   * Centred moments avoid the cancellation of {@code Σγx² − 2μΣγx + μ²n} for data far from the
   * origin relative to a component's spread (Fisher vectors, VLAD). Exact zero responsibilities
   * (hard or thresholded rules, or underflow) are skipped; adding {@code 0·x} would not change
   * the sums. The vector kernel runs features in lanes, 16 at a time, with the same operations
   * in the same per-element order, so both paths are bitwise equal. Fused multiply-adds halve
   * the instruction count of the uncentred update (2 FMAs per element and component); on a CPU
   * without FMA instructions {@link Math#fma} is emulated in software and this kernel is slow.
   *
   * @param x data, row-major with D columns; not modified
   * @param from first row of the block
   * @param rows rows in the block
   * @param d D
   * @param postT {@code C × rows} responsibilities (component-major); not modified
   * @param c C
   * @param centre C×D centres (row-major) for centred moments, or {@code null} for moments about
   *     the origin; not modified
   * @param n zeroth order, length C; modified
   * @param sumPx first order, C×D; modified
   * @param sumPxx second order, C×D; modified
   * @param rowIndex scratch of at least {@code rows·C} ints (the vector kernel lists each
   *     component's rows with a non-zero responsibility there); overwritten
   * @param counts scratch of at least {@code C} ints; overwritten
   */
  static void accumulate(double[] x, int from, int rows, int d, double[] postT, int c,
      double[] centre, double[] n, double[] sumPx, double[] sumPxx, int[] rowIndex, int[] counts) {
    if (VectorSupport.ENABLED) {
      GmmVectorKernels.accumulate(x, from, rows, d, postT, c, centre, n, sumPx, sumPxx, rowIndex,
          counts);
    } else {
      accumulateScalar(x, from, rows, d, postT, c, centre, n, sumPx, sumPxx);
    }
  }

  /** Scalar implementation of {@link #accumulate}. */
  static void accumulateScalar(double[] x, int from, int rows, int d, double[] postT, int c,
      double[] centre, double[] n, double[] sumPx, double[] sumPxx) {
    for (int k = 0; k < c; k++) {
      int s = k * d;
      int po = k * rows;
      double nk = n[k];
      for (int i = 0; i < rows; i++) {
        double g = postT[po + i];
        if (g == 0.0) {
          continue;
        }
        nk += g;
        int xo = (from + i) * d;
        for (int j = 0; j < d; j++) {
          double xv = x[xo + j];
          if (centre == null) {
            sumPx[s + j] = Math.fma(xv, g, sumPx[s + j]);
            sumPxx[s + j] = Math.fma(xv * xv, g, sumPxx[s + j]);
          } else {
            double e = xv - centre[s + j];
            double t = e * g;
            sumPx[s + j] += t;
            sumPxx[s + j] = Math.fma(t, e, sumPxx[s + j]);
          }
        }
      }
      n[k] = nk;
    }
  }
}
