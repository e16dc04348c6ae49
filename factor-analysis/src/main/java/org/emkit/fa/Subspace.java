package org.emkit.fa;

import org.emkit.core.internal.Parallel;

/**
 * A low-rank subspace M (CD×r: ISV/JFA's U or V, or the i-vector T) with the quantities every
 * posterior needs, computed once per parameter value (that is, once per EM iteration):
 *
 * <pre>
 *   scaled[q, k] = M[q, k] / Σ_q                       CD×r   (Mᵀ Σ⁻¹, stored transposed)
 *   prod_c       = M_cᵀ Σ_c⁻¹ M_c                      C × r(r+1)/2 packed (M_c = rows of component c)
 * </pre>
 *
 * <p>The posterior of a latent factor w with prior N(0, I) given statistics (n, F̃) (F̃ the
 * centred first order) is Gaussian with precision {@code L = I + Σ_c n_c prod_c} and mean
 * {@code L⁻¹ Mᵀ Σ⁻¹ F̃} — the building block of ISV, JFA and i-vectors alike.
 *
 * <p>Immutable after construction; the arrays are never modified and may be shared between
 * threads.
 */
final class Subspace {

  /** Components per parallel task when the products are computed. */
  private static final int COMPONENT_CHUNK = 8;

  final int numComponents;
  final int numFeatures;
  final int rank;
  final int packedLength;
  /** M, CD×r row-major (shared with the owning machine; never modified). */
  final double[] matrix;
  /** M[q, k] / Σ_q, CD×r. */
  final double[] scaled;
  /** prod_c in packed storage, C×packedLength. */
  final double[] prod;

  /**
   * @param matrix CD×r row-major; kept by reference, not modified
   * @param rank r
   * @param numComponents C
   * @param numFeatures D
   * @param variances Σ, length CD
   * @param parallelism threads for the products
   */
  Subspace(double[] matrix, int rank, int numComponents, int numFeatures, double[] variances,
      int parallelism) {
    this.numComponents = numComponents;
    this.numFeatures = numFeatures;
    this.rank = rank;
    this.packedLength = FaKernels.packedLength(rank);
    this.matrix = matrix;
    int cd = numComponents * numFeatures;
    this.scaled = new double[matrix.length];
    for (int q = 0; q < cd; q++) {
      double s = variances[q];
      int row = q * rank;
      for (int k = 0; k < rank; k++) {
        scaled[row + k] = matrix[row + k] / s;
      }
    }
    this.prod = new double[Math.multiplyExact(numComponents, packedLength)];
    Parallel.forEachChunk(numComponents, COMPONENT_CHUNK, parallelism,
        (c0, c1) -> FaKernels.componentProducts(matrix, scaled, numFeatures, rank, prod, c0, c1));
  }

  /**
   * Precisions of a block of sessions: {@code out_s = I + Σ_c n[s, c] prod_c} (packed), the sum
   * over c in increasing order.
   *
   * @param n rows×C occupancies
   * @param rows number of sessions
   * @param out rows×packedLength; overwritten
   * @param parallelism threads (columns are split; results do not depend on it)
   */
  void precisions(double[] n, int rows, double[] out, int parallelism) {
    java.util.Arrays.fill(out, 0, rows * packedLength, 0.0);
    Parallel.forEachChunk(packedLength, FaKernels.COLUMN_TILE, parallelism,
        (j0, j1) -> FaKernels.mulAdd(n, 0, rows, numComponents, prod, packedLength, out, j0, j1));
    for (int s = 0; s < rows; s++) {
      FaKernels.addIdentity(out, s * packedLength, rank);
    }
  }

  /**
   * Projections of a block of centred first orders: {@code out[s, k] = Σ_q fn[s, q] · M[q, k] /
   * Σ_q} (that is, {@code Mᵀ Σ⁻¹ F̃_s}), the sum over q in increasing order.
   *
   * @param fn rows×CD
   * @param rows number of sessions
   * @param out rows×r; overwritten
   * @param parallelism threads (rows are split; results do not depend on it)
   */
  void project(double[] fn, int rows, double[] out, int parallelism) {
    java.util.Arrays.fill(out, 0, rows * rank, 0.0);
    int cd = numComponents * numFeatures;
    int chunk = Math.max(1, (rows + parallelism - 1) / parallelism);
    Parallel.forEachChunk(rows, chunk, parallelism,
        (s0, s1) -> FaKernels.mulAdd(fn, s0, s1, cd, scaled, rank, out, 0, rank));
  }

  /**
   * {@code out = M x} (length CD).
   *
   * @param x latent vector, {@code x[xOffset .. xOffset+r)}
   * @param xOffset start of x
   * @param out destination, length CD; overwritten
   */
  void times(double[] x, int xOffset, double[] out) {
    int cd = numComponents * numFeatures;
    for (int q = 0; q < cd; q++) {
      int row = q * rank;
      double acc = 0.0;
      for (int k = 0; k < rank; k++) {
        acc += matrix[row + k] * x[xOffset + k];
      }
      out[q] = acc;
    }
  }
}
