package org.emkit.linear;

import java.util.Objects;
import org.emkit.core.Matrix;

/**
 * Random access to a set of equal-length vectors that need not be materialised: a dense matrix,
 * or compressed vectors decoded on demand (product-quantised Fisher vectors). Learners such as
 * {@link SgdClassifier} read training samples only through this interface, one at a time into a
 * caller-owned buffer, so memory stays bounded by the compressed size.
 *
 * <p>Implementations must be safe for concurrent reads from several threads (each thread passes
 * its own buffer).
 */
public interface VectorSource {

  /** @return number of vectors */
  int size();

  /** @return dimension of each vector */
  int dimension();

  /**
   * Writes vector {@code index} into {@code out}.
   *
   * @param index vector index in [0, size)
   * @param out buffer of length at least {@link #dimension()}; written
   */
  void get(int index, double[] out);

  /**
   * @param m a matrix whose rows are the vectors (not copied; must not be mutated)
   * @return a view of the rows
   */
  static VectorSource of(Matrix m) {
    Objects.requireNonNull(m, "m");
    return new VectorSource() {
      @Override
      public int size() {
        return m.rows();
      }

      @Override
      public int dimension() {
        return m.cols();
      }

      @Override
      public void get(int index, double[] out) {
        System.arraycopy(m.data(), index * m.cols(), out, 0, m.cols());
      }
    };
  }
}
