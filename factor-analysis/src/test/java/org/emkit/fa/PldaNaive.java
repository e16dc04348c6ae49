package org.emkit.fa;

import java.util.Random;
import org.emkit.core.Matrix;

/**
 * Test-side brute-force Gaussian algebra for PLDA-type models: the joint covariance of the stacked
 * samples of one identity built from full matrices, its determinant by Gaussian elimination and
 * its inverse by Gauss–Jordan ({@link Naive#inverse}), and a generator of data drawn from a known
 * model. Nothing here uses the scalable formulas of the code under test.
 */
final class PldaNaive {

  private PldaNaive() {}

  /** ln|det a| by Gaussian elimination with partial pivoting (a n×n, not modified). */
  static double logAbsDet(double[] a, int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = a[i * n + j];
      }
    }
    double logDet = 0.0;
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
      logDet += Math.log(Math.abs(p));
      for (int r = col + 1; r < n; r++) {
        double f = m[r][col] / p;
        for (int j = col; j < n; j++) {
          m[r][j] -= f * m[col][j];
        }
      }
    }
    return logDet;
  }

  /** ln N(x; mean, cov) with an explicit determinant and inverse. */
  static double gaussianLogDensity(double[] x, double[] mean, double[] cov, int n) {
    double[] inv = Naive.inverse(cov, n);
    double q = 0.0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        q += (x[i] - mean[i]) * inv[i * n + j] * (x[j] - mean[j]);
      }
    }
    return -0.5 * (n * Math.log(2 * Math.PI) + logAbsDet(cov, n) + q);
  }

  /** {@code a aᵀ} for a r×c. */
  static double[] outer(double[] a, int r, int c) {
    return Naive.mul(a, Naive.transpose(a, r, c), r, c, r);
  }

  /**
   * The covariance of {@code count} stacked samples of one identity:
   * {@code Cov[x_j, x_k] = between + δ_jk within} (each d×d).
   */
  static double[] jointCovariance(double[] between, double[] within, int d, int count) {
    int n = d * count;
    double[] c = new double[n * n];
    for (int j = 0; j < count; j++) {
      for (int k = 0; k < count; k++) {
        for (int p = 0; p < d; p++) {
          for (int q = 0; q < d; q++) {
            double v = between[p * d + q] + (j == k ? within[p * d + q] : 0.0);
            c[(j * d + p) * n + k * d + q] = v;
          }
        }
      }
    }
    return c;
  }

  /** ln p(rows of x) as one identity under (μ, between, within). */
  static double setLogLikelihood(Matrix x, double[] mu, double[] between, double[] within) {
    int d = x.cols();
    int count = x.rows();
    double[] stackedMean = new double[d * count];
    for (int j = 0; j < count; j++) {
      System.arraycopy(mu, 0, stackedMean, j * d, d);
    }
    return gaussianLogDensity(x.data(), stackedMean, jointCovariance(between, within, d, count),
        d * count);
  }

  /** {@code F Fᵀ}. */
  static double[] pldaBetween(Matrix f) {
    return outer(f.data(), f.rows(), f.cols());
  }

  /** {@code G Gᵀ + diag(σ)}. */
  static double[] pldaWithin(Matrix g, double[] sigma) {
    int d = g.rows();
    double[] w = outer(g.data(), d, g.cols());
    for (int j = 0; j < d; j++) {
      w[j * d + j] += sigma[j];
    }
    return w;
  }

  /** Brute-force LLR: ln p(e ∪ p) − ln p(e) − ln p(p). */
  static double llr(Matrix e, Matrix p, double[] mu, double[] between, double[] within) {
    double[] both = new double[e.data().length + p.data().length];
    System.arraycopy(e.data(), 0, both, 0, e.data().length);
    System.arraycopy(p.data(), 0, both, e.data().length, p.data().length);
    Matrix joint = Matrix.wrap(e.rows() + p.rows(), e.cols(), both);
    return setLogLikelihood(joint, mu, between, within) - setLogLikelihood(e, mu, between, within)
        - setLogLikelihood(p, mu, between, within);
  }

  /** A random sample set of m rows around a random point. */
  static Matrix randomSamples(Random rnd, int m, int d) {
    return Naive.randomMatrix(rnd, m, d, 1.0);
  }

  /** Random positive σ in [0.2, 1.2]. */
  static double[] randomSigma(Random rnd, int d) {
    double[] s = new double[d];
    for (int j = 0; j < d; j++) {
      s[j] = 0.2 + rnd.nextDouble();
    }
    return s;
  }

  /**
   * Data drawn from a PLDA model: {@code identities} identities of {@code perIdentity} samples,
   * rows grouped by identity (labels 0..I−1).
   */
  static Matrix sample(Random rnd, double[] mu, Matrix f, Matrix g, double[] sigma,
      int identities, int perIdentity, int[] labelsOut) {
    int d = mu.length;
    int nf = f.cols();
    int ng = g.cols();
    double[] x = new double[identities * perIdentity * d];
    int r = 0;
    for (int i = 0; i < identities; i++) {
      double[] h = Naive.randomVector(rnd, nf, 1.0);
      for (int j = 0; j < perIdentity; j++) {
        double[] w = Naive.randomVector(rnd, ng, 1.0);
        for (int p = 0; p < d; p++) {
          double v = mu[p] + Math.sqrt(sigma[p]) * rnd.nextGaussian();
          for (int k = 0; k < nf; k++) {
            v += f.get(p, k) * h[k];
          }
          for (int k = 0; k < ng; k++) {
            v += g.get(p, k) * w[k];
          }
          x[r * d + p] = v;
        }
        labelsOut[r] = i;
        r++;
      }
    }
    return Matrix.wrap(identities * perIdentity, d, x);
  }
}
