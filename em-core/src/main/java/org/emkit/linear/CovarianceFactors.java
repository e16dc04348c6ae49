package org.emkit.linear;

import org.emkit.core.NumericalFailureException;
import org.emkit.core.internal.Linalg;

/** Shared step of WCCN and whitening: the lower Cholesky factor of an inverted covariance. */
final class CovarianceFactors {

  private CovarianceFactors() {}

  /**
   * Computes W with {@code S⁻¹ = W Wᵀ}, W lower triangular.
   *
   * @param owner caller for messages
   * @param what name of the matrix in messages
   * @param s D×D symmetric matrix; not modified
   * @param d D
   * @param inversion exact or pseudo inverse
   * @return W, row-major
   * @throws NumericalFailureException if S (or its inverse) is not positive definite
   */
  static double[] choleskyOfInverse(String owner, String what, double[] s, int d, Inversion inversion) {
    double[] inv;
    if (inversion == Inversion.EXACT) {
      inv = Linalg.invertSpd(s, d);
      if (inv == null) {
        throw new NumericalFailureException(owner + ": " + what + " is not positive definite"
            + " (Cholesky failed); add more samples than features, remove duplicated or constant"
            + " features, or use Inversion.PSEUDO");
      }
    } else {
      inv = Linalg.pinv(s, d, d);
      Linalg.symmetrize(inv, d);
    }
    double[] w = Linalg.choleskyLower(inv, d);
    if (w == null) {
      throw new NumericalFailureException(owner + ": the inverse of the " + what + " is not"
          + " positive definite, so it has no Cholesky factor; the matrix is singular — reduce"
          + " the dimension (PCA/LDA) or regularise the features");
    }
    return w;
  }
}
