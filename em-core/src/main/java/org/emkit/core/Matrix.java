package org.emkit.core;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.validation.Check;

/**
 * An immutable-by-contract dense matrix of doubles stored row-major in one flat array.
 *
 * <p><b>Layout.</b> Element {@code (i, j)} lives at {@code data[i * cols + j]}; rows are samples
 * and columns are features. The backing array has exactly {@code rows * cols} elements. This is
 * the layout of numpy C order, HDF5 datasets, VLFeat buffers and EJML {@code DMatrixRMaj}, so
 * no transposes are needed at any boundary. Example: the 2×3 matrix
 * {@code [[1,2,3],[4,5,6]]} is stored as {@code [1,2,3,4,5,6]}.
 *
 * <p><b>Copying.</b> {@link #copyOf(int, int, double[])} and {@link #of(double[][])} copy their
 * input; {@link #wrap(int, int, double[])} does not, and the caller must not mutate the array
 * afterwards. {@link #toArray()} and {@link #row(int)} return copies; {@link #data()} exposes
 * the backing array for kernels and must be treated as read-only. A matrix never changes shape.
 *
 * <p><b>Thread safety.</b> Instances are safe to share between threads as long as nobody writes
 * into the array returned by {@link #data()} or passed to {@link #wrap}.
 */
public final class Matrix {

  private static final String OWNER = "Matrix";

  private final int rows;
  private final int cols;
  private final double[] data;

  private Matrix(int rows, int cols, double[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * Wraps an array without copying.
   *
   * @param rows number of rows, {@code >= 0}
   * @param cols number of columns, {@code >= 0}
   * @param data row-major values of length {@code rows * cols}; not copied, must not be mutated
   *     afterwards
   * @return the matrix view
   * @throws IllegalArgumentException if a size is negative or the length does not match
   */
  public static Matrix wrap(int rows, int cols, double[] data) {
    Objects.requireNonNull(data, "data");
    Check.atLeast(OWNER + ".wrap", "rows", rows, 0);
    Check.atLeast(OWNER + ".wrap", "cols", cols, 0);
    if ((long) rows * cols != data.length) {
      throw new DimensionMismatchException(
          OWNER + ".wrap: data has length " + data.length + " but rows*cols = " + rows + "*" + cols
              + " = " + ((long) rows * cols));
    }
    return new Matrix(rows, cols, data);
  }

  /**
   * Copies a row-major array into a new matrix.
   *
   * @param rows number of rows
   * @param cols number of columns
   * @param data row-major values of length {@code rows * cols}; not modified
   * @return a matrix owning a copy of {@code data}
   */
  public static Matrix copyOf(int rows, int cols, double[] data) {
    Objects.requireNonNull(data, "data");
    return wrap(rows, cols, data.clone());
  }

  /**
   * Copies a rectangular {@code double[][]} (one inner array per row).
   *
   * @param rowsArray the rows; all must have the same length; not modified
   * @return a new matrix
   * @throws IllegalArgumentException if the rows are jagged
   */
  public static Matrix of(double[][] rowsArray) {
    Objects.requireNonNull(rowsArray, "rows");
    int n = rowsArray.length;
    int d = n == 0 ? 0 : Objects.requireNonNull(rowsArray[0], "rows[0]").length;
    double[] out = new double[Math.multiplyExact(n, d)];
    for (int i = 0; i < n; i++) {
      double[] r = Objects.requireNonNull(rowsArray[i], "rows[" + i + "]");
      if (r.length != d) {
        throw new DimensionMismatchException(
            OWNER + ".of: row " + i + " has length " + r.length + " but row 0 has length " + d
                + "; rows must not be jagged");
      }
      System.arraycopy(r, 0, out, i * d, d);
    }
    return new Matrix(n, d, out);
  }

  /**
   * A matrix with one row holding a copy of {@code values}.
   *
   * @param values the row; not modified
   * @return a 1×length matrix
   */
  public static Matrix rowVector(double... values) {
    Objects.requireNonNull(values, "values");
    return new Matrix(1, values.length, values.clone());
  }

  /**
   * A zero-filled matrix.
   *
   * @param rows number of rows
   * @param cols number of columns
   * @return a new matrix of zeros
   */
  public static Matrix zeros(int rows, int cols) {
    Check.atLeast(OWNER + ".zeros", "rows", rows, 0);
    Check.atLeast(OWNER + ".zeros", "cols", cols, 0);
    return new Matrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
  }

  /** @return the number of rows (samples) */
  public int rows() {
    return rows;
  }

  /** @return the number of columns (features) */
  public int cols() {
    return cols;
  }

  /**
   * Reads one element without copying.
   *
   * @param i row index
   * @param j column index
   * @return {@code data[i * cols + j]}
   */
  public double get(int i, int j) {
    Objects.checkIndex(i, rows);
    Objects.checkIndex(j, cols);
    return data[i * cols + j];
  }

  /**
   * The backing array, row-major, for kernels. <b>Read-only:</b> writing into it breaks the
   * immutability of this matrix and of every model built from it.
   *
   * @return the backing array of length {@code rows * cols}
   */
  public double[] data() {
    return data;
  }

  /** @return a copy of the row-major values */
  public double[] toArray() {
    return data.clone();
  }

  /**
   * @param i row index
   * @return a copy of row {@code i}
   */
  public double[] row(int i) {
    Objects.checkIndex(i, rows);
    return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
  }

  /**
   * Copies a contiguous block of rows.
   *
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @return a new {@code (to-from) × cols} matrix
   */
  public Matrix rows(int from, int to) {
    Objects.checkFromToIndex(from, to, rows);
    return new Matrix(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
  }

  /**
   * Copies the selected rows in the given order.
   *
   * @param indices row indices; duplicates allowed
   * @return a new {@code indices.length × cols} matrix
   */
  public Matrix selectRows(int[] indices) {
    Objects.requireNonNull(indices, "indices");
    double[] out = new double[Math.multiplyExact(indices.length, cols)];
    for (int k = 0; k < indices.length; k++) {
      int i = Objects.checkIndex(indices[k], rows);
      System.arraycopy(data, i * cols, out, k * cols, cols);
    }
    return new Matrix(indices.length, cols, out);
  }

  /** @return the transpose as a new matrix */
  public Matrix transpose() {
    double[] out = new double[data.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[j * rows + i] = data[i * cols + j];
      }
    }
    return new Matrix(cols, rows, out);
  }

  /** @return a copy as {@code double[rows][cols]} */
  public double[][] toArray2d() {
    double[][] out = new double[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = row(i);
    }
    return out;
  }

  /**
   * Exact equality of shape and of every element (bitwise, {@code NaN} equal to itself).
   *
   * @param o the other object
   * @return whether the two are identical
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Matrix)) {
      return false;
    }
    Matrix m = (Matrix) o;
    return rows == m.rows && cols == m.cols && Arrays.equals(data, m.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  /** @return the shape and, for small matrices, the values */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Matrix[").append(rows).append('x').append(cols).append(']');
    if (data.length <= 64) {
      sb.append(' ').append(Arrays.deepToString(toArray2d()));
    }
    return sb.toString();
  }
}
