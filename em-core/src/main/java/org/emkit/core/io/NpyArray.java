package org.emkit.core.io;

import org.emkit.core.Matrix;

/**
 * An n-dimensional array read from or written to a {@code .npy} file: a shape and the values in
 * C (row-major) order, widened to {@code double}. The numpy dtype it came from is kept for
 * information (integers up to 2^53 are exact). Shape checks, accessors, equality and
 * {@code toString} are those of {@link NumericArray}.
 */
public final class NpyArray extends NumericArray {

  /**
   * @param shape dimensions (empty for a scalar); copied
   * @param values row-major values; copied; length must be the product of {@code shape}
   * @param dtype numpy dtype descriptor, e.g. {@code "<f8"}
   */
  public NpyArray(int[] shape, double[] values, String dtype) {
    super(shape, values, dtype);
  }

  /**
   * @param m a matrix
   * @return a 2-D float64 array with the matrix's values
   */
  public static NpyArray of(Matrix m) {
    return new NpyArray(new int[] {m.rows(), m.cols()}, m.data(), "<f8");
  }

  /**
   * @param v a vector
   * @return a 1-D float64 array
   */
  public static NpyArray of(double[] v) {
    return new NpyArray(new int[] {v.length}, v, "<f8");
  }

  /**
   * Views the array as a matrix: 2-D arrays as they are, 1-D arrays of length n as one row
   * (1×n), higher dimensions as {@code shape[0] × (product of the rest)}.
   *
   * @return a new matrix
   */
  @Override
  public Matrix toMatrix() {
    int[] shape = shape();
    double[] values = values();
    if (shape.length == 0) {
      return Matrix.wrap(1, 1, values);
    }
    if (shape.length == 1) {
      return Matrix.wrap(1, shape[0], values);
    }
    int rest = values.length / Math.max(1, shape[0]);
    if (shape[0] == 0) {
      rest = 1;
      for (int k = 1; k < shape.length; k++) {
        rest *= shape[k];
      }
    }
    return Matrix.wrap(shape[0], rest, values);
  }
}
