package org.emkit.linear;

/**
 * How a covariance matrix is inverted before its Cholesky factor is taken (bob's {@code pinv}
 * flag of WCCN and Whitening).
 */
public enum Inversion {
  /** Exact inverse of a symmetric positive definite matrix (bob {@code pinv=False}). */
  EXACT,
  /** Moore–Penrose pseudo-inverse by SVD (bob {@code pinv=True}, {@code scipy.linalg.pinv}). */
  PSEUDO
}
