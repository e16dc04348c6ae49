package org.emkit.fa;

import org.emkit.core.NumericalFailureException;
import org.emkit.core.internal.Linalg;
import org.emkit.core.internal.Parallel;

/**
 * Data-dependent initialisation of PLDA (SPEC §12.2): the data mean, the scatter-based subspaces
 * and the data variance.
 *
 * <p><b>Scatter subspaces.</b> bob takes the SVD {@code S = U diag(s) Vᵀ} of the D×M matrix S
 * whose columns are centred vectors (class means for F, within-class-centred samples for G) and
 * sets the r columns of the subspace to {@code U_k / sqrt(s_k)}. The same quantities come from the
 * eigen-decomposition of the D×D scatter {@code S Sᵀ = U diag(λ) Uᵀ} with {@code s_k = sqrt(λ_k)},
 * so the columns are {@code U_k / λ_k^{1/4}}; the scatter is accumulated over fixed chunks of
 * identities and merged in chunk order (thread-count invariant) and costs O(M D²) without ever
 * holding S. Each eigenvector's largest-magnitude component is made positive (SVD signs are
 * arbitrary; the model's likelihood does not depend on them). The within-class columns are not
 * re-centred (bob subtracts their mean, which is zero up to rounding).
 */
final class PLDAInit {

  /**
   * An eigenvalue of the scatter at or below this fraction of the largest one counts as zero when
   * the rank of the scatter is checked (a singular-value ratio of 1e-6): well above the rounding
   * noise of an accumulated D×D scatter, about D·ε·λ_max (below 1e-12·λ_max up to D ≈ 4500).
   */
  static final double RANK_TOLERANCE = 1e-12;

  /** Identities per chunk of the scatter accumulation. */
  private static final int CHUNK = 16;

  private PLDAInit() {}

  /** @return the mean of all rows, length D */
  static double[] mean(double[] x, int n, int d) {
    double[] mu = new double[d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        mu[j] += x[r * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mu[j] /= n;
    }
    return mu;
  }

  /** @return per-identity means, I×D */
  static double[] classMeans(double[] x, int d, LabelGroups groups) {
    int ni = groups.size();
    double[] means = new double[ni * d];
    for (int i = 0; i < ni; i++) {
      for (int k = groups.offsets[i]; k < groups.offsets[i + 1]; k++) {
        int base = groups.rows[k] * d;
        for (int j = 0; j < d; j++) {
          means[i * d + j] += x[base + j];
        }
      }
      int count = groups.count(i);
      for (int j = 0; j < d; j++) {
        means[i * d + j] /= count;
      }
    }
    return means;
  }

  /** Adds the lower triangle of {@code v vᵀ} to {@code s} (D×D). */
  private static void addOuterLower(double[] s, double[] v, int d) {
    for (int p = 0; p < d; p++) {
      double vp = v[p];
      if (vp == 0.0) {
        continue;
      }
      int row = p * d;
      for (int q = 0; q <= p; q++) {
        s[row + q] += vp * v[q];
      }
    }
  }

  private static void mirror(double[] s, int d) {
    for (int p = 0; p < d; p++) {
      for (int q = 0; q < p; q++) {
        s[q * d + p] = s[p * d + q];
      }
    }
  }

  /**
   * @return {@code Σ_i (m_i − m̄)(m_i − m̄)ᵀ}, m̄ the unweighted mean of the class means
   */
  static double[] betweenScatter(double[] classMeans, int ni, int d, int parallelism) {
    double[] centre = mean(classMeans, ni, d);
    double[] s = Parallel.reduce(ni, CHUNK, parallelism, () -> new double[d * d],
        a -> java.util.Arrays.fill(a, 0.0), (chunk, from, to, acc) -> {
          double[] v = new double[d];
          for (int i = from; i < to; i++) {
            for (int j = 0; j < d; j++) {
              v[j] = classMeans[i * d + j] - centre[j];
            }
            addOuterLower(acc, v, d);
          }
        }, FaKernels::addTo);
    mirror(s, d);
    return s;
  }

  /** @return {@code Σ_i Σ_j (x_ij − m_i)(x_ij − m_i)ᵀ} */
  static double[] withinScatter(double[] x, int d, LabelGroups groups, double[] classMeans,
      int parallelism) {
    double[] s = Parallel.reduce(groups.size(), CHUNK, parallelism, () -> new double[d * d],
        a -> java.util.Arrays.fill(a, 0.0), (chunk, from, to, acc) -> {
          double[] v = new double[d];
          for (int i = from; i < to; i++) {
            for (int k = groups.offsets[i]; k < groups.offsets[i + 1]; k++) {
              int base = groups.rows[k] * d;
              for (int j = 0; j < d; j++) {
                v[j] = x[base + j] - classMeans[i * d + j];
              }
              addOuterLower(acc, v, d);
            }
          }
        }, FaKernels::addTo);
    mirror(s, d);
    return s;
  }

  /**
   * The r leading directions of a scatter scaled as bob does: column k is {@code U_k / λ_k^{1/4}}.
   *
   * @param owner caller for messages
   * @param what "between-class" or "within-class"
   * @param parameter "rankF" or "rankG"
   * @param method the init method's name, for the message
   * @param scatter D×D symmetric
   * @param d D
   * @param r number of columns
   * @return D×r row-major
   * @throws NumericalFailureException if the scatter has rank below r
   */
  static double[] leadingDirections(String owner, String what, String parameter, String method,
      double[] scatter, int d, int r) {
    Linalg.SymmetricEigen eig = Linalg.symmetricEigen(scatter, d);
    if (eig == null) {
      throw new NumericalFailureException(owner + ": eigen-decomposition of the " + what
          + " scatter did not converge (" + method + "); check the data for extreme values");
    }
    double top = eig.values[0];
    int numericalRank = 0;
    for (int k = 0; k < d; k++) {
      if (eig.values[k] > RANK_TOLERANCE * top && eig.values[k] > 0) {
        numericalRank++;
      }
    }
    if (numericalRank < r) {
      throw new NumericalFailureException(owner + ": the " + what + " scatter has rank "
          + numericalRank + " but " + parameter + " = " + r + " directions are needed for "
          + method + " (singular scatter); use more identities"
          + ("within-class".equals(what) ? " with several samples each" : "")
          + " than the rank, reduce " + parameter + ", reduce the dimension first (PCA/LDA), or"
          + " use the RANDOM initialisation");
    }
    double[] out = new double[d * r];
    for (int k = 0; k < r; k++) {
      double scale = 1.0 / Math.sqrt(Math.sqrt(eig.values[k]));
      for (int j = 0; j < d; j++) {
        out[j * r + k] = eig.vectors[j * d + k] * scale;
      }
    }
    return out;
  }

  /** @return per-dimension variance with divisor N − 1 */
  static double[] variance(double[] x, int n, int d, double[] mean) {
    double[] v = new double[d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        double c = x[r * d + j] - mean[j];
        v[j] += c * c;
      }
    }
    for (int j = 0; j < d; j++) {
      v[j] /= n - 1;
    }
    return v;
  }
}
