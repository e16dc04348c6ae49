package org.emkit.core.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Small dense linear algebra on row-major {@code double[]} square matrices, backed by EJML
 * (arrays are wrapped with {@link DMatrixRMaj#wrap}, not copied, where EJML allows). Failures
 * are return values ({@code null}), as in EJML; public estimators turn them into
 * {@link org.emkit.core.NumericalFailureException} with a remedy.
 *
 * <p>Not API: this package is internal to emkit.
 */
public final class Linalg {

  private Linalg() {}

  /**
   * Lower Cholesky factor: {@code a = L Lᵀ}.
   *
   * @param a n×n symmetric positive definite, row-major; not modified
   * @param n size
   * @return L (row-major, upper triangle zero), or {@code null} if {@code a} is not positive
   *     definite
   */
  public static double[] choleskyLower(double[] a, int n) {
    DMatrixRMaj m = DMatrixRMaj.wrap(n, n, a.clone());
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
    if (!chol.decompose(m)) {
      return null;
    }
    DMatrixRMaj l = chol.getT(null);
    // EJML leaves the upper triangle as it was in the decomposed matrix for in-place variants
    double[] out = l.data.clone();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        out[i * n + j] = 0;
      }
    }
    for (int i = 0; i < n; i++) {
      if (!(out[i * n + i] > 0) || !Double.isFinite(out[i * n + i])) {
        return null;
      }
    }
    return out;
  }

  /**
   * Inverse of a symmetric positive definite matrix through its Cholesky factor.
   *
   * @param a n×n SPD, row-major; not modified
   * @param n size
   * @return the inverse, or {@code null} if {@code a} is not positive definite
   */
  public static double[] invertSpd(double[] a, int n) {
    if (choleskyLower(a, n) == null) {
      return null;
    }
    DMatrixRMaj inv = new DMatrixRMaj(n, n);
    if (!CommonOps_DDRM.invertSPD(DMatrixRMaj.wrap(n, n, a.clone()), inv)) {
      return null;
    }
    symmetrize(inv.data, n);
    return inv.data;
  }

  /**
   * General inverse by LU with partial pivoting.
   *
   * @param a n×n, row-major; not modified
   * @param n size
   * @return the inverse, or {@code null} if singular
   */
  public static double[] invert(double[] a, int n) {
    DMatrixRMaj inv = new DMatrixRMaj(n, n);
    if (!CommonOps_DDRM.invert(DMatrixRMaj.wrap(n, n, a.clone()), inv)) {
      return null;
    }
    for (double v : inv.data) {
      if (!Double.isFinite(v)) {
        return null;
      }
    }
    return inv.data;
  }

  /**
   * Moore–Penrose pseudo-inverse by SVD (singular values below EJML's default relative
   * tolerance are treated as zero).
   *
   * @param a m×n, row-major; not modified
   * @param m rows
   * @param n columns
   * @return the n×m pseudo-inverse
   */
  public static double[] pinv(double[] a, int m, int n) {
    DMatrixRMaj inv = new DMatrixRMaj(n, m);
    CommonOps_DDRM.pinv(DMatrixRMaj.wrap(m, n, a.clone()), inv);
    return inv.data;
  }

  /**
   * Makes a square matrix exactly symmetric: {@code a[i,j] = a[j,i] = (a[i,j] + a[j,i]) / 2}.
   *
   * @param a n×n; modified
   * @param n size
   */
  public static void symmetrize(double[] a, int n) {
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double v = 0.5 * (a[i * n + j] + a[j * n + i]);
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
  }

  /** Eigenvalues (descending) and unit eigenvectors (as columns, row-major n×n) of a symmetric matrix. */
  public static final class SymmetricEigen {
    /** Eigenvalues, largest first. */
    public final double[] values;
    /** Eigenvectors as columns: vector k is {@code vectors[j*n + k]} for j in [0, n). */
    public final double[] vectors;

    SymmetricEigen(double[] values, double[] vectors) {
      this.values = values;
      this.vectors = vectors;
    }
  }

  /**
   * Eigen-decomposition of a symmetric matrix, sorted by decreasing eigenvalue; each eigenvector
   * has unit norm and its largest-magnitude component positive (a deterministic sign).
   *
   * @param a n×n symmetric, row-major; not modified
   * @param n size
   * @return the decomposition, or {@code null} if EJML fails to converge
   */
  public static SymmetricEigen symmetricEigen(double[] a, int n) {
    double[] sym = a.clone();
    symmetrize(sym, n);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(DMatrixRMaj.wrap(n, n, sym))) {
      return null;
    }
    Integer[] order = new Integer[n];
    double[] vals = new double[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
      vals[k] = eig.getEigenvalue(k).getReal();
    }
    java.util.Arrays.sort(order, (p, q) -> Double.compare(vals[q], vals[p]));
    double[] values = new double[n];
    double[] vectors = new double[n * n];
    for (int r = 0; r < n; r++) {
      int k = order[r];
      values[r] = vals[k];
      DMatrixRMaj v = eig.getEigenVector(k);
      double norm = 0;
      int big = 0;
      for (int j = 0; j < n; j++) {
        norm += v.data[j] * v.data[j];
        if (Math.abs(v.data[j]) > Math.abs(v.data[big])) {
          big = j;
        }
      }
      double scale = (v.data[big] < 0 ? -1 : 1) / Math.sqrt(norm);
      for (int j = 0; j < n; j++) {
        vectors[j * n + r] = v.data[j] * scale;
      }
    }
    return new SymmetricEigen(values, vectors);
  }
}
