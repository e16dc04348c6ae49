package org.emkit.fa;

/**
 * Hot loops of the factor-analysis package on primitive arrays: packed symmetric storage and the
 * two product shapes that every E-step reduces to.
 *
 * <p><b>Packed storage.</b> A symmetric r×r matrix is stored as its lower triangle, row by row:
 * element (i, j) with {@code i >= j} is at {@code i(i+1)/2 + j}; the length is {@code r(r+1)/2}.
 *
 * <p><b>Products.</b> {@link #mulAdd} computes {@code out += a · m} and {@link #mulTransAdd}
 * {@code out += aᵀ · m} on row-major arrays, restricted to a range of output columns. In both, the
 * sum behind each output element runs over the inner index in increasing order, whatever the
 * column range: a caller may split the columns over threads and still obtain bitwise the same
 * result as one sequential call. Zero coefficients of {@code a} are skipped (zero occupancies are
 * common in sparse posteriors); that skips adding exact zeros, which changes nothing.
 */
final class FaKernels {

  /** Output columns per tile of the blocked products: 4 KiB of doubles, so a tile stays in L1. */
  static final int COLUMN_TILE = 512;

  private FaKernels() {}

  /**
   * @param r order
   * @return {@code r(r+1)/2}
   */
  static int packedLength(int r) {
    return Math.toIntExact((long) r * (r + 1) / 2);
  }

  /**
   * @param i row, {@code >= j}
   * @param j column
   * @return index of (i, j) in packed storage
   */
  static int packedIndex(int i, int j) {
    return i * (i + 1) / 2 + j;
  }

  /**
   * Adds 1 to the diagonal of a packed matrix.
   *
   * @param packed packed r×r; modified
   * @param offset start of the matrix in {@code packed}
   * @param r order
   */
  static void addIdentity(double[] packed, int offset, int r) {
    for (int i = 0; i < r; i++) {
      packed[offset + i * (i + 1) / 2 + i] += 1.0;
    }
  }

  /**
   * Expands a packed matrix into a full row-major one (both triangles).
   *
   * @param packed packed storage
   * @param offset start in {@code packed}
   * @param r order
   * @param full r×r destination; overwritten
   */
  static void unpack(double[] packed, int offset, int r, double[] full) {
    int p = offset;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j <= i; j++) {
        double v = packed[p++];
        full[i * r + j] = v;
        full[j * r + i] = v;
      }
    }
  }

  /**
   * Copies the lower triangle of a full row-major matrix into packed storage.
   *
   * @param full r×r source
   * @param offset start in {@code full}
   * @param r order
   * @param packed destination
   * @param pOffset start in {@code packed}
   */
  static void pack(double[] full, int offset, int r, double[] packed, int pOffset) {
    int p = pOffset;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j <= i; j++) {
        packed[p++] = full[offset + i * r + j];
      }
    }
  }

  /**
   * Packs {@code count} consecutive full r×r matrices into consecutive packed blocks.
   *
   * @param full count·r·r row-major values, matrix after matrix
   * @param count number of matrices
   * @param r order
   * @param packed count·packedLength(r) destination; overwritten
   */
  static void packAll(double[] full, int count, int r, double[] packed) {
    int pl = packedLength(r);
    for (int c = 0; c < count; c++) {
      pack(full, c * r * r, r, packed, c * pl);
    }
  }

  /**
   * @param packed packed storage
   * @param offset start of the r×r block in {@code packed}
   * @param r order
   * @return a new full r×r row-major array (both triangles)
   */
  static double[] unpacked(double[] packed, int offset, int r) {
    double[] full = new double[r * r];
    unpack(packed, offset, r, full);
    return full;
  }

  /**
   * Element-wise {@code into += from} (the merge of accumulators).
   *
   * @param into accumulator; modified
   * @param from accumulator of the same length; not modified
   */
  static void addTo(double[] into, double[] from) {
    for (int k = 0; k < into.length; k++) {
      into[k] += from[k];
    }
  }

  /**
   * Adds the outer product {@code x xᵀ} to a packed matrix.
   *
   * @param x vector of length r
   * @param r order
   * @param packed packed r×r; modified
   * @param offset start in {@code packed}
   */
  static void addOuter(double[] x, int r, double[] packed, int offset) {
    int p = offset;
    for (int i = 0; i < r; i++) {
      double xi = x[i];
      for (int j = 0; j <= i; j++) {
        packed[p++] += xi * x[j];
      }
    }
  }

  /**
   * {@code out[s, j] += Σ_k a[s, k] · m[k, j]} for rows {@code s} in {@code [s0, s1)} and columns
   * {@code j} in {@code [j0, j1)}; the sum over k runs from 0 to {@code inner − 1}.
   *
   * <pre>
   *   for k:  for s:  out[s, j0:j1] += a[s, k] · m[k, j0:j1]
   * </pre>
   *
   * @param a rows×inner, row stride {@code inner}; not modified
   * @param s0 first row of {@code a} and {@code out}, inclusive
   * @param s1 last row, exclusive
   * @param inner columns of {@code a}, rows of {@code m}
   * @param m inner×width, row stride {@code width}; not modified
   * @param width columns of {@code m} and {@code out}
   * @param out rows×width, row stride {@code width}; modified
   * @param j0 first column, inclusive
   * @param j1 last column, exclusive
   */
  static void mulAdd(double[] a, int s0, int s1, int inner, double[] m, int width, double[] out,
      int j0, int j1) {
    for (int k = 0; k < inner; k++) {
      int mk = k * width;
      for (int s = s0; s < s1; s++) {
        double av = a[s * inner + k];
        if (av == 0.0) {
          continue;
        }
        int os = s * width;
        for (int j = j0; j < j1; j++) {
          out[os + j] += av * m[mk + j];
        }
      }
    }
  }

  /**
   * {@code out[k, j] += Σ_s a[s, k] · m[s, j]} for output rows {@code k} in {@code [k0, k1)} and
   * columns {@code j} in {@code [j0, j1)}; the sum over s runs from 0 to {@code rows − 1}.
   *
   * <pre>
   *   for k:  for s:  out[k, j0:j1] += a[s, k] · m[s, j0:j1]
   * </pre>
   *
   * @param a rows×inner, row stride {@code inner}; not modified
   * @param rows rows of {@code a} and {@code m} (the summed index)
   * @param inner columns of {@code a}, rows of {@code out}
   * @param m rows×width, row stride {@code width}; not modified
   * @param width columns of {@code m} and {@code out}
   * @param out inner×width, row stride {@code width}; modified
   * @param k0 first output row, inclusive
   * @param k1 last output row, exclusive
   * @param j0 first column, inclusive
   * @param j1 last column, exclusive
   */
  static void mulTransAdd(double[] a, int rows, int inner, double[] m, int width, double[] out,
      int k0, int k1, int j0, int j1) {
    for (int k = k0; k < k1; k++) {
      int ok = k * width;
      for (int s = 0; s < rows; s++) {
        double av = a[s * inner + k];
        if (av == 0.0) {
          continue;
        }
        int ms = s * width;
        for (int j = j0; j < j1; j++) {
          out[ok + j] += av * m[ms + j];
        }
      }
    }
  }

  /**
   * Per-component products {@code prod_c = M_cᵀ diag(σ_c)⁻¹ M_c} in packed storage, for
   * components {@code [c0, c1)}: {@code prod_c(i, j) = Σ_d scaled[cD+d, i] · matrix[cD+d, j]}.
   *
   * @param matrix CD×r row-major
   * @param scaled CD×r row-major, {@code matrix[q, k] / σ_q}
   * @param numFeatures D
   * @param r rank
   * @param prod C×packed(r); rows {@code [c0, c1)} overwritten
   * @param c0 first component
   * @param c1 last component, exclusive
   */
  static void componentProducts(double[] matrix, double[] scaled, int numFeatures, int r,
      double[] prod, int c0, int c1) {
    int plen = packedLength(r);
    for (int c = c0; c < c1; c++) {
      int base = c * plen;
      java.util.Arrays.fill(prod, base, base + plen, 0.0);
      for (int d = 0; d < numFeatures; d++) {
        int row = (c * numFeatures + d) * r;
        int p = base;
        for (int i = 0; i < r; i++) {
          double si = scaled[row + i];
          for (int j = 0; j <= i; j++) {
            prod[p++] += si * matrix[row + j];
          }
        }
      }
    }
  }
}
