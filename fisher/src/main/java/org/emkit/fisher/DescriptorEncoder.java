package org.emkit.fisher;

import java.util.Objects;
import org.emkit.core.Matrix;

/**
 * An encoder of a set of local descriptors (the rows of a matrix) into one fixed-length vector:
 * {@link FisherVectorEncoder}, {@link VLADEncoder}, {@link BagOfWordsEncoder}.
 *
 * <p><b>Shapes.</b> Descriptors are T×D row-major (one descriptor per row, D the model's
 * dimension); an encoding is a {@code double[length()]}; batch results are S×{@code length()},
 * one row per set. A set of T = 0 descriptors encodes to the zero vector.
 *
 * <p><b>Threads.</b> Encoders are immutable and thread-safe. {@link #encodeSets} runs on a pool
 * owned by the call and gives bitwise the same rows for every {@code parallelism} (each set is
 * encoded by one thread from its own rows only).
 */
public interface DescriptorEncoder {

  /** @return the length of an encoding */
  int length();

  /** @return D, the number of columns descriptors must have */
  int numFeatures();

  /**
   * Encodes all rows of {@code descriptors} as one set.
   *
   * @param descriptors T×D, T ≥ 0, finite; not modified
   * @return the encoding, length {@link #length()}
   * @throws org.emkit.core.DimensionMismatchException if the matrix does not have D columns
   * @throws IllegalArgumentException if a descriptor is not finite (its row and column named)
   */
  default double[] encode(Matrix descriptors) {
    Objects.requireNonNull(descriptors, "descriptors");
    return encode(descriptors, 0, descriptors.rows());
  }

  /**
   * Encodes rows {@code [from, to)} as one set.
   *
   * @param descriptors N×D; only rows {@code [from, to)} are read; not modified
   * @param from first row, inclusive
   * @param to last row, exclusive ({@code from <= to <= N})
   * @return the encoding, length {@link #length()}
   */
  double[] encode(Matrix descriptors, int from, int to);

  /**
   * Encodes consecutive sets of rows: set s is rows
   * {@code [Σ_{r<s} setLengths[r], Σ_{r≤s} setLengths[r])}.
   *
   * @param descriptors N×D, finite; not modified
   * @param setLengths non-negative lengths summing to N (zero-length sets give zero rows)
   * @param parallelism threads, ≥ 1; results do not depend on it
   * @return S×{@link #length()}, row s the encoding of set s
   * @throws org.emkit.core.DimensionMismatchException if the lengths do not sum to N or the
   *     columns are not D
   * @throws IllegalArgumentException for a negative length, a non-finite descriptor or
   *     parallelism &lt; 1
   */
  Matrix encodeSets(Matrix descriptors, int[] setLengths, int parallelism);
}
