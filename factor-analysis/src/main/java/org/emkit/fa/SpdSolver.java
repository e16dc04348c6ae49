package org.emkit.fa;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A reusable Cholesky solver for one symmetric positive definite r×r system at a time (the
 * posterior precision of a session, or an M-step accumulator), backed by EJML. One instance per
 * thread: it owns its work buffers, so solving many small systems allocates nothing.
 *
 * <p>Usage: {@link #factor(double[], int)} a packed matrix, then any number of
 * {@link #solve(double[], int, double[], int)} and at most one {@link #inversePacked(double[], int)}.
 */
final class SpdSolver {

  private final int order;
  private final LinearSolverDense<DMatrixRMaj> solver;
  private final DMatrixRMaj work;
  private final DMatrixRMaj rhs;
  private final DMatrixRMaj solution;
  private final DMatrixRMaj inverse;

  /** @param order r */
  SpdSolver(int order) {
    this.order = order;
    this.solver = LinearSolverFactory_DDRM.chol(order);
    this.work = new DMatrixRMaj(order, order);
    this.rhs = new DMatrixRMaj(order, 1);
    this.solution = new DMatrixRMaj(order, 1);
    this.inverse = new DMatrixRMaj(order, order);
  }

  /** @return r */
  int order() {
    return order;
  }

  /**
   * Cholesky-factors a packed symmetric matrix.
   *
   * @param packed packed storage; not modified
   * @param offset start of the matrix
   * @return {@code false} if the matrix is not (numerically) positive definite
   */
  boolean factor(double[] packed, int offset) {
    FaKernels.unpack(packed, offset, order, work.data);
    return factorWork();
  }

  /**
   * Cholesky-factors a full row-major symmetric matrix.
   *
   * @param full r×r; not modified
   * @return {@code false} if not positive definite
   */
  boolean factorFull(double[] full) {
    System.arraycopy(full, 0, work.data, 0, order * order);
    return factorWork();
  }

  private boolean factorWork() {
    for (int i = 0; i < order; i++) {
      double v = work.data[i * order + i];
      if (!(v > 0) || !Double.isFinite(v)) {
        return false;
      }
    }
    if (!solver.setA(work)) {
      return false;
    }
    for (int i = 0; i < order; i++) {
      double v = work.data[i * order + i];
      if (!(v > 0) || !Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Solves {@code A x = b} with the last factored matrix.
   *
   * @param b right-hand side, {@code b[bOffset .. bOffset+r)}; not modified
   * @param bOffset start of b
   * @param x solution, written to {@code x[xOffset .. xOffset+r)}
   * @param xOffset start of x
   */
  void solve(double[] b, int bOffset, double[] x, int xOffset) {
    System.arraycopy(b, bOffset, rhs.data, 0, order);
    solver.solve(rhs, solution);
    System.arraycopy(solution.data, 0, x, xOffset, order);
  }

  /**
   * Writes the lower triangle of the inverse of the last factored matrix in packed storage.
   *
   * @param out destination
   * @param offset start in {@code out}
   */
  void inversePacked(double[] out, int offset) {
    solver.invert(inverse);
    double[] v = inverse.data;
    int p = offset;
    for (int i = 0; i < order; i++) {
      for (int j = 0; j <= i; j++) {
        out[p++] = v[i * order + j];
      }
    }
  }
}
