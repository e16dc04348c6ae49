package org.emkit.core.io;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;

/**
 * An n-dimensional array of numbers held in memory: its shape (empty for a scalar), its values
 * in C (row-major) order widened to {@code double}, and the name of the element type it was read
 * with or will be written as. Integers up to 2^53 are exact.
 *
 * <p>This is the one implementation behind the arrays of emkit's file formats:
 * {@link NpyArray} ({@code .npy} files; numpy dtype descriptors such as {@code "<f8"}) and
 * {@code org.emkit.io.hdf5.Hdf5Array} (HDF5 datasets; type names such as {@code "float64"}).
 * Each format adds its factories and its rule for viewing the array as a {@link Matrix}
 * ({@link #toMatrix()}); code that only needs the shape and the values can accept either as a
 * {@code NumericArray}.
 *
 * <p>Immutable and thread-safe: arrays are copied on the way in and out. Two arrays are equal
 * when they are of the same class and have equal shapes, values (compared as by
 * {@link Arrays#equals(double[], double[])}) and element types.
 */
public abstract class NumericArray {

  private final int[] shape;
  private final double[] values;
  private final String dtype;

  /**
   * @param shape dimensions (empty for a scalar), each {@code >= 0}; copied
   * @param values row-major values, as many as the shape holds; copied
   * @param dtype element type name in the vocabulary of the subclass's format
   * @throws IllegalArgumentException if a dimension is negative
   * @throws DimensionMismatchException if {@code values} does not hold the product of
   *     {@code shape} elements
   */
  protected NumericArray(int[] shape, double[] values, String dtype) {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(values, "values");
    String owner = getClass().getSimpleName();
    long n = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException(owner + ": shape entries must be in [0, inf), got "
            + Arrays.toString(shape));
      }
      n *= s;
    }
    if (n != values.length) {
      throw new DimensionMismatchException(owner + ": values has length " + values.length
          + " but shape " + Arrays.toString(shape) + " holds " + n);
    }
    this.shape = shape.clone();
    this.values = values.clone();
    this.dtype = Objects.requireNonNull(dtype, "dtype");
  }

  /** @return a copy of the shape */
  public final int[] shape() {
    return shape.clone();
  }

  /** @return the number of dimensions (0 for a scalar) */
  public final int ndim() {
    return shape.length;
  }

  /** @return a copy of the values in C order */
  public final double[] values() {
    return values.clone();
  }

  /** @return the number of elements */
  public final int size() {
    return values.length;
  }

  /** @return the element type it was read with or will be written as */
  public final String dtype() {
    return dtype;
  }

  /**
   * Views the array as a matrix, by the rule of its format (see the subclass).
   *
   * @return a new matrix holding a copy of the values
   */
  public abstract Matrix toMatrix();

  @Override
  public final boolean equals(Object o) {
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    NumericArray a = (NumericArray) o;
    return Arrays.equals(a.shape, shape) && Arrays.equals(a.values, values)
        && a.dtype.equals(dtype);
  }

  @Override
  public final int hashCode() {
    return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(values), dtype);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[shape=" + Arrays.toString(shape) + ", dtype=" + dtype
        + "]";
  }
}
