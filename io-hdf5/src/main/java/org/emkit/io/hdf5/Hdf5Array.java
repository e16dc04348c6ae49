package org.emkit.io.hdf5;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;

/**
 * A numeric HDF5 dataset in memory: its shape (empty for a scalar), its values in C (row-major)
 * order widened to {@code double}, and the element type it was stored with ({@code "float64"},
 * {@code "float32"}, {@code "int64"}, {@code "int32"}, {@code "int16"}, {@code "int8"},
 * {@code "uint8"}, {@code "bool"}). Integers up to 2^53 are exact. Immutable.
 */
public final class Hdf5Array {

  private final int[] shape;
  private final double[] values;
  private final String dtype;

  /**
   * @param shape dimensions (empty for a scalar); copied
   * @param values row-major values, as many as the shape holds; copied
   * @param dtype element type name; for writing, {@code "float64"}, {@code "float32"},
   *     {@code "int64"} or {@code "int32"}
   */
  public Hdf5Array(int[] shape, double[] values, String dtype) {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(values, "values");
    long n = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("Hdf5Array: shape entries must be in [0, inf), got "
            + Arrays.toString(shape));
      }
      n *= s;
    }
    if (n != values.length) {
      throw new DimensionMismatchException("Hdf5Array: values has length " + values.length
          + " but shape " + Arrays.toString(shape) + " holds " + n);
    }
    this.shape = shape.clone();
    this.values = values.clone();
    this.dtype = Objects.requireNonNull(dtype, "dtype");
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

  /** @return a copy of the shape */
  public int[] shape() {
    return shape.clone();
  }

  /** @return number of dimensions (0 for a scalar) */
  public int ndim() {
    return shape.length;
  }

  /** @return a copy of the values in C order */
  public double[] values() {
    return values.clone();
  }

  /** @return number of elements */
  public int size() {
    return values.length;
  }

  /** @return the stored element type */
  public String dtype() {
    return dtype;
  }

  /**
   * The array as a matrix: 2-D as is, 1-D as one row, 0-D as 1×1; leading length-1 axes of
   * arrays with more than two dimensions are dropped ({@code (1, C, D)} → C×D).
   *
   * @return a new matrix
   * @throws DimensionMismatchException if more than two non-trivial dimensions remain
   */
  public Matrix toMatrix() {
    int first = 0;
    while (shape.length - first > 2 && shape[first] == 1) {
      first++;
    }
    int nd = shape.length - first;
    if (nd > 2) {
      throw new DimensionMismatchException("Hdf5Array.toMatrix: shape " + Arrays.toString(shape)
          + " has more than two dimensions");
    }
    if (nd == 0) {
      return Matrix.copyOf(1, 1, values);
    }
    if (nd == 1) {
      return Matrix.copyOf(1, shape[first], values);
    }
    return Matrix.copyOf(shape[first], shape[first + 1], values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hdf5Array && Arrays.equals(((Hdf5Array) o).shape, shape)
        && Arrays.equals(((Hdf5Array) o).values, values) && ((Hdf5Array) o).dtype.equals(dtype);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(values), dtype);
  }

  @Override
  public String toString() {
    return "Hdf5Array[shape=" + Arrays.toString(shape) + ", dtype=" + dtype + "]";
  }
}
