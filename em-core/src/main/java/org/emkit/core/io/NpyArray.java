package org.emkit.core.io;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;

/**
 * An n-dimensional array read from or written to a {@code .npy} file: a shape and the values in
 * C (row-major) order, widened to {@code double}. The numpy dtype it came from is kept for
 * information (integers up to 2^53 are exact).
 */
public final class NpyArray {

  private final int[] shape;
  private final double[] values;
  private final String dtype;

  /**
   * @param shape dimensions (empty for a scalar); copied
   * @param values row-major values; copied; length must be the product of {@code shape}
   * @param dtype numpy dtype descriptor, e.g. {@code "<f8"}
   */
  public NpyArray(int[] shape, double[] values, String dtype) {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(values, "values");
    long n = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("NpyArray: shape entries must be in [0, inf), got "
            + Arrays.toString(shape));
      }
      n *= s;
    }
    if (n != values.length) {
      throw new DimensionMismatchException("NpyArray: values has length " + values.length
          + " but shape " + Arrays.toString(shape) + " holds " + n);
    }
    this.shape = shape.clone();
    this.values = values.clone();
    this.dtype = Objects.requireNonNull(dtype, "dtype");
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

  /** @return a copy of the shape */
  public int[] shape() {
    return shape.clone();
  }

  /** @return the number of dimensions */
  public int ndim() {
    return shape.length;
  }

  /** @return a copy of the values in C order */
  public double[] values() {
    return values.clone();
  }

  /** @return the numpy dtype descriptor it was read with or will be written as */
  public String dtype() {
    return dtype;
  }

  /** @return the number of elements */
  public int size() {
    return values.length;
  }

  /**
   * Views the array as a matrix: 2-D arrays as they are, 1-D arrays of length n as one row
   * (1×n), higher dimensions as {@code shape[0] × (product of the rest)}.
   *
   * @return a new matrix
   */
  public Matrix toMatrix() {
    if (shape.length == 0) {
      return Matrix.wrap(1, 1, values.clone());
    }
    if (shape.length == 1) {
      return Matrix.wrap(1, shape[0], values.clone());
    }
    int rest = values.length / Math.max(1, shape[0]);
    if (shape[0] == 0) {
      rest = 1;
      for (int k = 1; k < shape.length; k++) {
        rest *= shape[k];
      }
    }
    return Matrix.wrap(shape[0], rest, values.clone());
  }

  @Override
  public String toString() {
    return "NpyArray[shape=" + Arrays.toString(shape) + ", dtype=" + dtype + "]";
  }
}
