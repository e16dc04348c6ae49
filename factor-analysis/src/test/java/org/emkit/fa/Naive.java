package org.emkit.fa;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * Test-side reference implementations written straight from the formulas with full matrices and
 * explicit inverses (Gauss–Jordan with partial pivoting), plus seeded random problem generators.
 * Nothing here is optimised; it exists to be obviously correct.
 */
final class Naive {

  private Naive() {}

  /** Inverse of an n×n row-major matrix by Gauss–Jordan elimination with partial pivoting. */
  static double[] inverse(double[] a, int n) {
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = a[i * n + j];
      }
      m[i][n + i] = 1.0;
    }
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
          piv = r;
        }
      }
      double[] tmp = m[col];
      m[col] = m[piv];
      m[piv] = tmp;
      double p = m[col][col];
      for (int j = 0; j < 2 * n; j++) {
        m[col][j] /= p;
      }
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = m[r][col];
          for (int j = 0; j < 2 * n; j++) {
            m[r][j] -= f * m[col][j];
          }
        }
      }
    }
    double[] inv = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        inv[i * n + j] = m[i][n + j];
      }
    }
    return inv;
  }

  /** {@code a (r×k) · b (k×c)}. */
  static double[] mul(double[] a, double[] b, int r, int k, int c) {
    double[] out = new double[r * c];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        double s = 0;
        for (int l = 0; l < k; l++) {
          s += a[i * k + l] * b[l * c + j];
        }
        out[i * c + j] = s;
      }
    }
    return out;
  }

  static double[] transpose(double[] a, int r, int c) {
    double[] out = new double[r * c];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        out[j * r + i] = a[i * c + j];
      }
    }
    return out;
  }

  /**
   * Posterior of a factor w with prior N(0, I) under the linear-Gaussian model {@code F̃ = N M w
   * + noise}: precision {@code L = I + Mᵀ Σ⁻¹ N M} with N = diag(rep(n)) as a full CD×CD matrix,
   * mean {@code L⁻¹ Mᵀ Σ⁻¹ F̃}.
   *
   * @return {mean (r), covariance (r×r)}
   */
  static double[][] posterior(double[] matrix, int r, double[] sigma, double[] n, int d,
      double[] centred) {
    int cd = sigma.length;
    double[] nFull = new double[cd * cd];
    double[] sInv = new double[cd * cd];
    for (int q = 0; q < cd; q++) {
      nFull[q * cd + q] = n[q / d];
      sInv[q * cd + q] = 1.0 / sigma[q];
    }
    double[] mt = transpose(matrix, cd, r);
    double[] mtS = mul(mt, sInv, r, cd, cd);
    double[] prec = mul(mul(mtS, nFull, r, cd, cd), matrix, r, cd, r);
    for (int i = 0; i < r; i++) {
      prec[i * r + i] += 1.0;
    }
    double[] cov = inverse(prec, r);
    double[] mean = mul(cov, mul(mtS, centred, r, cd, 1), r, r, 1);
    return new double[][] {mean, cov};
  }

  /** A random positive-definite-friendly problem: UBM with C components in D dimensions. */
  static GMMMachine randomUbm(Random rnd, int c, int d) {
    double[][] means = new double[c][d];
    double[][] vars = new double[c][d];
    double[] w = new double[c];
    for (int k = 0; k < c; k++) {
      w[k] = 1.0 / c;
      for (int j = 0; j < d; j++) {
        means[k][j] = rnd.nextGaussian();
        vars[k][j] = 0.5 + rnd.nextDouble();
      }
    }
    return GMMMachine.fromParameters(w, Matrix.of(means), Matrix.of(vars));
  }

  /** Random statistics: counts in [0, 3), first and second orders consistent in scale. */
  static GMMStats randomStats(Random rnd, int c, int d) {
    double[] n = new double[c];
    double[] f = new double[c * d];
    double[] s = new double[c * d];
    for (int k = 0; k < c; k++) {
      n[k] = 3 * rnd.nextDouble();
      for (int j = 0; j < d; j++) {
        double mean = rnd.nextGaussian();
        f[k * d + j] = n[k] * mean;
        s[k * d + j] = n[k] * (mean * mean + 0.5 + rnd.nextDouble());
      }
    }
    return GMMStats.of(n, Matrix.wrap(c, d, f), Matrix.wrap(c, d, s), -1.0, 1 + rnd.nextInt(5));
  }

  static List<GMMStats> randomSessions(Random rnd, int count, int c, int d) {
    List<GMMStats> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(randomStats(rnd, c, d));
    }
    return out;
  }

  static Matrix randomMatrix(Random rnd, int rows, int cols, double scale) {
    double[] v = new double[rows * cols];
    for (int k = 0; k < v.length; k++) {
      v[k] = scale * rnd.nextGaussian();
    }
    return Matrix.wrap(rows, cols, v);
  }

  static double[] randomVector(Random rnd, int n, double scale) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = scale * rnd.nextGaussian();
    }
    return v;
  }
}
