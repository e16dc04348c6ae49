package org.emkit.io.hdf5;

import java.util.Arrays;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.io.NumericArray;

/**
 * A numeric HDF5 dataset in memory: its shape (empty for a scalar), its values in C (row-major)
 * order widened to {@code double}, and the element type it was stored with ({@code "float64"},
 * {@code "float32"}, {@code "int64"}, {@code "int32"}, {@code "int16"}, {@code "int8"},
 * {@code "uint8"}, {@code "bool"}). Integers up to 2^53 are exact. Immutable. Shape checks,
 * accessors, equality and {@code toString} are those of {@link NumericArray}, shared with
 * {@link org.emkit.core.io.NpyArray}.
 */
public final class Hdf5Array extends NumericArray {

  /**
   * @param shape dimensions (empty for a scalar); copied
   * @param values row-major values, as many as the shape holds; copied
   * @param dtype element type name; for writing, {@code "float64"}, {@code "float32"},
   *     {@code "int64"} or {@code "int32"}
   */
  public Hdf5Array(int[] shape, double[] values, String dtype) {
    super(shape, values, dtype);
  }

  /**
   * @param m a matrix
   * @return a 2-D float64 array with its values
   */
  public static Hdf5Array of(Matrix m) {
    return new Hdf5Array(new int[] {m.rows(), m.cols()}, m.data(), "float64");
  }

  /**
   * @param v a vector
   * @return a 1-D float64 array
   */
  public static Hdf5Array of(double[] v) {
    return new Hdf5Array(new int[] {v.length}, v, "float64");
  }

  /**
   * The array as a matrix: 2-D as is, 1-D as one row, 0-D as 1×1; leading length-1 axes of
   * arrays with more than two dimensions are dropped ({@code (1, C, D)} → C×D).
   *
   * @return a new matrix
   * @throws DimensionMismatchException if more than two non-trivial dimensions remain
   */
  @Override
  public Matrix toMatrix() {
    int[] shape = shape();
    int[] s = Hdf5.dropLeadingOnes(shape, 2);
    if (s.length > 2) {
      throw new DimensionMismatchException("Hdf5Array.toMatrix: shape " + Arrays.toString(shape)
          + " has more than two dimensions");
    }
    double[] values = values();
    if (s.length == 0) {
      return Matrix.wrap(1, 1, values);
    }
    if (s.length == 1) {
      return Matrix.wrap(1, s[0], values);
    }
    return Matrix.wrap(s[0], s[1], values);
  }
}
