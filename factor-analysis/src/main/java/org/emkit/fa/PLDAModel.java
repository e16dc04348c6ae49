package org.emkit.fa;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.internal.Linalg;

/**
 * The parameters of a PLDA model (μ, F, G, σ) with everything that is computed once per parameter
 * value (El Shafey et al., TPAMI 2013, §3; SPEC §12.2), and the per-identity kernels of the
 * E-step, enrolment and scoring.
 *
 * <pre>
 *   α        = (I + Gᵀ Σ⁻¹ G)⁻¹                         n_g×n_g
 *   β        = Σ⁻¹ − Σ⁻¹ G α Gᵀ Σ⁻¹  = (Σ + G Gᵀ)⁻¹     D×D   (only on request: {@link #beta()})
 *   η        = Fᵀ Σ⁻¹ G α                                n_f×n_g
 *   Fᵀβ      = Fᵀ Σ⁻¹ − η Gᵀ Σ⁻¹                         n_f×D
 *   γ_a      = (I + a Fᵀ β F)⁻¹                          n_f×n_f, one per sample count a
 *   c_a      = a/2 (−D ln 2π − ln|Σ| + ln|α|) + ½ ln|γ_a|
 * </pre>
 *
 * The quadratic form of a centred sample x̃ is evaluated without β:
 * {@code x̃ᵀ β x̃ = Σ_d x̃_d²/σ_d − vᵀ α v} with {@code v = Gᵀ Σ⁻¹ x̃} (O(D n_g) instead of O(D²)).
 * The symmetric positive definite inverses (α, γ_a) and their log-determinants come from Cholesky
 * factorisations.
 *
 * <p>The per-count terms are cached in a {@link ConcurrentHashMap}, filled lazily; the values
 * depend only on the parameters and the count, so concurrent fills are harmless. Otherwise
 * immutable; the parameter arrays are shared with the owning machine and never modified.
 */
final class PLDAModel {

  /** ln 2π. */
  static final double LOG_2PI = Math.log(2 * Math.PI);

  final int numFeatures;
  final int rankF;
  final int rankG;
  final int rank;
  final double[] mu;
  final double[] f;
  final double[] g;
  final double[] sigma;
  final double[] invSigma;
  /** Gᵀ Σ⁻¹, n_g×D. */
  final double[] gtInvSigma;
  /** α, n_g×n_g. */
  final double[] alpha;
  /** η = Fᵀ Σ⁻¹ G α, n_f×n_g. */
  final double[] eta;
  /** Fᵀ β, n_f×D. */
  final double[] ftBeta;
  /** Fᵀ β F, n_f×n_f. */
  final double[] ftBetaF;
  final double logDetAlpha;
  final double logDetSigma;
  private final ConcurrentHashMap<Integer, CountTerms> terms = new ConcurrentHashMap<>();
  private volatile double[] beta;

  /** The terms that depend on the number of samples a of an identity. */
  static final class CountTerms {
    final int count;
    /** γ_a, n_f×n_f. */
    final double[] gamma;
    final double logDetGamma;
    /** c_a, the constant of the log-likelihood of a samples. */
    final double constant;
    /** Cov[h, w_j] = −γ_a η, n_f×n_g. */
    final double[] iota;
    /** Cov[w_j] = α + ηᵀ γ_a η, n_g×n_g. */
    final double[] zeta;

    CountTerms(int count, double[] gamma, double logDetGamma, double constant, double[] iota,
        double[] zeta) {
      this.count = count;
      this.gamma = gamma;
      this.logDetGamma = logDetGamma;
      this.constant = constant;
      this.iota = iota;
      this.zeta = zeta;
    }
  }

  /**
   * @param owner caller for error messages
   * @param mu μ, length D (by reference)
   * @param f F, D×n_f (by reference)
   * @param g G, D×n_g (by reference)
   * @param sigma σ, length D, positive (by reference)
   * @param rankF n_f
   * @param rankG n_g
   */
  PLDAModel(String owner, double[] mu, double[] f, double[] g, double[] sigma, int rankF,
      int rankG) {
    int d = mu.length;
    this.numFeatures = d;
    this.rankF = rankF;
    this.rankG = rankG;
    this.rank = rankF + rankG;
    this.mu = mu;
    this.f = f;
    this.g = g;
    this.sigma = sigma;
    this.invSigma = new double[d];
    double lds = 0.0;
    for (int j = 0; j < d; j++) {
      invSigma[j] = 1.0 / sigma[j];
      lds += Math.log(sigma[j]);
    }
    this.logDetSigma = lds;
    int ng = rankG;
    int nf = rankF;
    gtInvSigma = new double[ng * d];
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < ng; k++) {
        gtInvSigma[k * d + j] = g[j * ng + k] * invSigma[j];
      }
    }
    // M = I + Gᵀ Σ⁻¹ G, α = M⁻¹, ln|α| = −ln|M|
    double[] m = new double[ng * ng];
    for (int k = 0; k < ng; k++) {
      for (int l = 0; l <= k; l++) {
        double s = 0.0;
        for (int j = 0; j < d; j++) {
          s += gtInvSigma[k * d + j] * g[j * ng + l];
        }
        m[k * ng + l] = s;
        m[l * ng + k] = s;
      }
      m[k * ng + k] += 1.0;
    }
    double[] lm = ng == 0 ? new double[0] : Linalg.choleskyLower(m, ng);
    if (lm == null) {
      throw new NumericalFailureException(owner + ": I + Gᵀ Σ⁻¹ G is not positive definite"
          + " (Cholesky failed); check that G and σ are finite and σ is not tiny (raise"
          + " varianceFloor)");
    }
    this.alpha = inverseFromCholesky(lm, ng);
    this.logDetAlpha = -logDetFromCholesky(lm, ng);
    // A = Fᵀ Σ⁻¹ G (n_f×n_g), η = A α
    double[] a = new double[nf * ng];
    for (int l = 0; l < nf; l++) {
      for (int k = 0; k < ng; k++) {
        double s = 0.0;
        for (int j = 0; j < d; j++) {
          s += f[j * nf + l] * gtInvSigma[k * d + j];
        }
        a[l * ng + k] = s;
      }
    }
    this.eta = multiply(a, nf, ng, alpha, ng);
    // Fᵀβ = Fᵀ Σ⁻¹ − η Gᵀ Σ⁻¹
    ftBeta = new double[nf * d];
    for (int l = 0; l < nf; l++) {
      for (int j = 0; j < d; j++) {
        ftBeta[l * d + j] = f[j * nf + l] * invSigma[j];
      }
      for (int k = 0; k < ng; k++) {
        double e = eta[l * ng + k];
        for (int j = 0; j < d; j++) {
          ftBeta[l * d + j] -= e * gtInvSigma[k * d + j];
        }
      }
    }
    ftBetaF = new double[nf * nf];
    for (int l = 0; l < nf; l++) {
      for (int p = 0; p < nf; p++) {
        double s = 0.0;
        for (int j = 0; j < d; j++) {
          s += ftBeta[l * d + j] * f[j * nf + p];
        }
        ftBetaF[l * nf + p] = s;
      }
    }
    Linalg.symmetrize(ftBetaF, nf);
  }

  /** @return β = (Σ + G Gᵀ)⁻¹, D×D, computed on first request (read-only) */
  double[] beta() {
    double[] b = beta;
    if (b == null) {
      int d = numFeatures;
      int ng = rankG;
      b = new double[d * d];
      double[] ga = new double[ng];
      for (int i = 0; i < d; i++) {
        // ga = (Σ⁻¹ G α)_i
        for (int k = 0; k < ng; k++) {
          double s = 0.0;
          for (int l = 0; l < ng; l++) {
            s += gtInvSigma[l * d + i] * alpha[l * ng + k];
          }
          ga[k] = s;
        }
        for (int j = 0; j < d; j++) {
          double s = 0.0;
          for (int k = 0; k < ng; k++) {
            s += ga[k] * gtInvSigma[k * d + j];
          }
          b[i * d + j] = -s;
        }
        b[i * d + i] += invSigma[i];
      }
      Linalg.symmetrize(b, d);
      beta = b;
    }
    return b;
  }

  /**
   * @param a number of samples, {@code >= 1}
   * @return the cached terms of a samples
   */
  CountTerms terms(int a) {
    return terms.computeIfAbsent(a, this::computeTerms);
  }

  /** @return the sample counts whose terms are cached, increasing */
  int[] cachedCounts() {
    int[] out = terms.keySet().stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(out);
    return out;
  }

  private CountTerms computeTerms(int a) {
    int nf = rankF;
    int ng = rankG;
    double[] p = new double[nf * nf];
    for (int k = 0; k < p.length; k++) {
      p[k] = a * ftBetaF[k];
    }
    for (int l = 0; l < nf; l++) {
      p[l * nf + l] += 1.0;
    }
    double[] lp = Linalg.choleskyLower(p, nf);
    if (lp == null) {
      throw new NumericalFailureException("PLDA: I + a·Fᵀ β F is not positive definite for a = "
          + a + " (Cholesky failed); check that F is finite");
    }
    double[] gamma = inverseFromCholesky(lp, nf);
    double logDetGamma = -logDetFromCholesky(lp, nf);
    double ah = a / 2.0;
    double constant = -ah * numFeatures * LOG_2PI - ah * logDetSigma + ah * logDetAlpha
        + logDetGamma / 2.0;
    double[] iota = multiply(gamma, nf, nf, eta, ng);
    for (int k = 0; k < iota.length; k++) {
      iota[k] = -iota[k];
    }
    // ζ = α + ηᵀ γ η = α − ηᵀ ι
    double[] zeta = alpha.clone();
    for (int k = 0; k < ng; k++) {
      for (int q = 0; q < ng; q++) {
        double s = 0.0;
        for (int l = 0; l < nf; l++) {
          s += eta[l * ng + k] * iota[l * ng + q];
        }
        zeta[k * ng + q] -= s;
      }
    }
    Linalg.symmetrize(zeta, ng);
    return new CountTerms(a, gamma, logDetGamma, constant, iota, zeta);
  }

  // ------------------------------------------------------------------------------------------
  // per-identity kernels

  /** Scratch memory of one task; sized for identities of up to {@code capacity} samples. */
  static final class Workspace {
    final double[] xt;
    final double[] sumX;
    final double[] v;
    final double[] s;
    final double[] h;
    final double[] wSum;
    final double[] ww;
    double[] u;

    Workspace(PLDAModel m, int capacity) {
      this.xt = new double[m.numFeatures];
      this.sumX = new double[m.numFeatures];
      this.v = new double[m.rankG];
      this.s = new double[m.rankF];
      this.h = new double[m.rankF];
      this.wSum = new double[m.rankG];
      this.ww = new double[m.rankG * m.rankG];
      this.u = new double[Math.multiplyExact(Math.max(1, capacity), m.rankG)];
    }

    void ensure(int samples, int rankG) {
      if (u.length < samples * rankG) {
        u = new double[Math.multiplyExact(samples, rankG)];
      }
    }
  }

  /**
   * Centres one sample into {@code ws.xt}, returns {@code x̃ᵀ β x̃} and leaves
   * {@code u = α Gᵀ Σ⁻¹ x̃} in {@code u[uOffset .. uOffset + n_g)}.
   */
  private double centredQuadratic(double[] x, int base, Workspace ws, double[] u, int uOffset) {
    int d = numFeatures;
    int ng = rankG;
    double[] xt = ws.xt;
    double q = 0.0;
    for (int j = 0; j < d; j++) {
      double v = x[base + j] - mu[j];
      xt[j] = v;
      q += v * v * invSigma[j];
    }
    // v = Gᵀ Σ⁻¹ x̃;  u = α v;  x̃ᵀ β x̃ = Σ x̃²/σ − vᵀ u
    double[] v = ws.v;
    for (int k = 0; k < ng; k++) {
      double s = 0.0;
      int row = k * d;
      for (int j = 0; j < d; j++) {
        s += gtInvSigma[row + j] * xt[j];
      }
      v[k] = s;
    }
    for (int k = 0; k < ng; k++) {
      double s = 0.0;
      int row = k * ng;
      for (int l = 0; l < ng; l++) {
        s += alpha[row + l] * v[l];
      }
      u[uOffset + k] = s;
      q -= v[k] * s;
    }
    return q;
  }

  /** {@code out = Fᵀβ · sumX}. */
  private void projectSum(double[] sumX, double[] out) {
    int d = numFeatures;
    for (int l = 0; l < rankF; l++) {
      double s = 0.0;
      int row = l * d;
      for (int j = 0; j < d; j++) {
        s += ftBeta[row + j] * sumX[j];
      }
      out[l] = s;
    }
  }

  /**
   * E-step of one identity: its marginal log-likelihood and the moments of its latent variables
   * added to {@code acc}; with {@code firstOrder != null}, E[z] of each sample written to row
   * {@code rows[k]} of it (N×K).
   *
   * <pre>
   *   E[h]   = γ_a Fᵀβ Σ_j x̃_j
   *   E[w_j] = α Gᵀ Σ⁻¹ (x̃_j − F E[h]) = u_j − ηᵀ E[h]
   *   Σ_j E[z_j z_jᵀ] = a [γ_a ι_a; ι_aᵀ ζ_a] + Σ_j E[z_j] E[z_j]ᵀ
   *   log p = c_a − ½ Σ_j x̃_jᵀ β x̃_j + ½ sᵀ γ_a s,   s = Fᵀβ Σ_j x̃_j
   * </pre>
   *
   * @param x samples, row-major N×D
   * @param rows row indices of the identity: {@code rows[from .. to)}
   * @param from first index
   * @param to end index
   * @param acc statistics; modified
   * @param ws scratch
   * @param firstOrder N×K output or {@code null}
   */
  void accumulateIdentity(double[] x, int[] rows, int from, int to, PLDAStats acc, Workspace ws,
      double[] firstOrder) {
    int d = numFeatures;
    int nf = rankF;
    int ng = rankG;
    int kk = rank;
    int a = to - from;
    CountTerms t = terms(a);
    ws.ensure(a, ng);
    double[] u = ws.u;
    double[] sumX = ws.sumX;
    double[] squares = acc.squaresArray();
    Arrays.fill(sumX, 0.0);
    double quad = 0.0;
    for (int j = 0; j < a; j++) {
      int base = rows[from + j] * d;
      quad += centredQuadratic(x, base, ws, u, j * ng);
      double[] xt = ws.xt;
      for (int q = 0; q < d; q++) {
        sumX[q] += xt[q];
        squares[q] += xt[q] * xt[q];
      }
    }
    double[] s = ws.s;
    double[] h = ws.h;
    projectSum(sumX, s);
    double sh = 0.0;
    for (int l = 0; l < nf; l++) {
      double v = 0.0;
      for (int p = 0; p < nf; p++) {
        v += t.gamma[l * nf + p] * s[p];
      }
      h[l] = v;
    }
    for (int l = 0; l < nf; l++) {
      sh += s[l] * h[l];
    }
    // w_j = u_j − ηᵀ h, in place in u
    double[] wSum = ws.wSum;
    Arrays.fill(wSum, 0.0);
    double[] ww = ws.ww;
    Arrays.fill(ww, 0.0);
    for (int j = 0; j < a; j++) {
      int off = j * ng;
      for (int k = 0; k < ng; k++) {
        double v = u[off + k];
        for (int l = 0; l < nf; l++) {
          v -= eta[l * ng + k] * h[l];
        }
        u[off + k] = v;
        wSum[k] += v;
      }
      for (int k = 0; k < ng; k++) {
        double wk = u[off + k];
        for (int q = 0; q <= k; q++) {
          ww[k * ng + q] += wk * u[off + q];
        }
      }
    }
    // numerator: identity columns += (Σ_j x̃_j) hᵀ, session columns += Σ_j x̃_j w_jᵀ
    double[] num = acc.numeratorArray();
    for (int q = 0; q < d; q++) {
      int row = q * kk;
      double sx = sumX[q];
      for (int l = 0; l < nf; l++) {
        num[row + l] += sx * h[l];
      }
    }
    if (ng > 0) {
      double[] xt = ws.xt;
      for (int j = 0; j < a; j++) {
        int base = rows[from + j] * d;
        int off = j * ng;
        for (int q = 0; q < d; q++) {
          double v = x[base + q] - mu[q];
          xt[q] = v;
          int row = q * kk + nf;
          for (int k = 0; k < ng; k++) {
            num[row + k] += v * u[off + k];
          }
        }
      }
    }
    // second order
    double[] so = acc.secondOrderArray();
    for (int l = 0; l < nf; l++) {
      for (int p = 0; p < nf; p++) {
        so[l * kk + p] += a * (t.gamma[l * nf + p] + h[l] * h[p]);
      }
      for (int k = 0; k < ng; k++) {
        double v = a * t.iota[l * ng + k] + h[l] * wSum[k];
        so[l * kk + nf + k] += v;
        so[(nf + k) * kk + l] += v;
      }
    }
    for (int k = 0; k < ng; k++) {
      for (int q = 0; q < ng; q++) {
        double wkq = k >= q ? ww[k * ng + q] : ww[q * ng + k];
        so[(nf + k) * kk + nf + q] += a * t.zeta[k * ng + q] + wkq;
      }
    }
    if (firstOrder != null) {
      for (int j = 0; j < a; j++) {
        int out = rows[from + j] * kk;
        System.arraycopy(h, 0, firstOrder, out, nf);
        System.arraycopy(u, j * ng, firstOrder, out + nf, ng);
      }
    }
    acc.addIdentity(a, t.constant - 0.5 * quad + 0.5 * sh);
  }

  /**
   * The sufficient statistics of a sample set for enrolment and likelihoods:
   * {@code out[0 .. n_f) = Fᵀβ Σ x̃}, {@code out[n_f] = −½ Σ x̃ᵀ β x̃}.
   *
   * @param x samples, row-major
   * @param from first row
   * @param to end row
   * @param ws scratch
   * @return array of length n_f + 1
   */
  double[] setStatistics(double[] x, int from, int to, Workspace ws) {
    int d = numFeatures;
    double[] sumX = ws.sumX;
    Arrays.fill(sumX, 0.0);
    double quad = 0.0;
    for (int r = from; r < to; r++) {
      quad += centredQuadratic(x, r * d, ws, ws.u, 0);
      double[] xt = ws.xt;
      for (int q = 0; q < d; q++) {
        sumX[q] += xt[q];
      }
    }
    double[] out = new double[rankF + 1];
    projectSum(sumX, out);
    out[rankF] = -0.5 * quad;
    return out;
  }

  /**
   * The projection {@code Fᵀβ x̃} of one sample (no quadratic term).
   *
   * @param x samples, row-major
   * @param r row
   * @param ws scratch
   * @param out destination, n_f values at {@code offset}
   * @param offset start in {@code out}
   */
  void project(double[] x, int r, Workspace ws, double[] out, int offset) {
    int d = numFeatures;
    double[] xt = ws.xt;
    for (int j = 0; j < d; j++) {
      xt[j] = x[r * d + j] - mu[j];
    }
    projectSum(xt, ws.s);
    System.arraycopy(ws.s, 0, out, offset, rankF);
  }

  /**
   * @param s a weighted sum, length n_f, at {@code offset}
   * @param offset start
   * @param gamma γ_a
   * @return {@code sᵀ γ s}
   */
  double gammaQuadratic(double[] s, int offset, double[] gamma) {
    int nf = rankF;
    double total = 0.0;
    for (int l = 0; l < nf; l++) {
      double v = 0.0;
      for (int p = 0; p < nf; p++) {
        v += gamma[l * nf + p] * s[offset + p];
      }
      total += s[offset + l] * v;
    }
    return total;
  }

  // ------------------------------------------------------------------------------------------
  // small dense helpers

  /**
   * @return {@code a · b} with a r×c and b c×k (row-major)
   */
  static double[] multiply(double[] a, int r, int c, double[] b, int k) {
    double[] out = new double[r * k];
    for (int i = 0; i < r; i++) {
      for (int p = 0; p < c; p++) {
        double v = a[i * c + p];
        if (v == 0.0) {
          continue;
        }
        for (int j = 0; j < k; j++) {
          out[i * k + j] += v * b[p * k + j];
        }
      }
    }
    return out;
  }

  /**
   * @param l lower Cholesky factor of A, n×n
   * @param n order
   * @return ln|A| = 2 Σ ln l_ii
   */
  static double logDetFromCholesky(double[] l, int n) {
    double s = 0.0;
    for (int i = 0; i < n; i++) {
      s += Math.log(l[i * n + i]);
    }
    return 2.0 * s;
  }

  /**
   * @param l lower Cholesky factor of A, n×n
   * @param n order
   * @return A⁻¹ = L⁻ᵀ L⁻¹, exactly symmetric
   */
  static double[] inverseFromCholesky(double[] l, int n) {
    // Linv: forward substitution column by column
    double[] li = new double[n * n];
    for (int c = 0; c < n; c++) {
      for (int i = c; i < n; i++) {
        double s = i == c ? 1.0 : 0.0;
        for (int k = c; k < i; k++) {
          s -= l[i * n + k] * li[k * n + c];
        }
        li[i * n + c] = s / l[i * n + i];
      }
    }
    double[] inv = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0.0;
        for (int k = i; k < n; k++) {
          s += li[k * n + i] * li[k * n + j];
        }
        inv[i * n + j] = s;
        inv[j * n + i] = s;
      }
    }
    return inv;
  }

  /**
   * Solves {@code A x = b} in place given the lower Cholesky factor of A.
   *
   * @param l factor, n×n
   * @param n order
   * @param b right-hand side at {@code offset}; overwritten by x
   * @param offset start in {@code b}
   */
  static void choleskySolve(double[] l, int n, double[] b, int offset) {
    for (int i = 0; i < n; i++) {
      double s = b[offset + i];
      for (int k = 0; k < i; k++) {
        s -= l[i * n + k] * b[offset + k];
      }
      b[offset + i] = s / l[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[offset + i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k * n + i] * b[offset + k];
      }
      b[offset + i] = s / l[i * n + i];
    }
  }
}
