package org.emkit.core.validation;

import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;

/**
 * The one validation helper of emkit. Every method returns its (valid) argument so that
 * compact constructors stay one line per parameter, and every failure message follows one
 * template: <em>owner</em> ({@code Class} or {@code Class.method}), the exact parameter name, the
 * constraint in interval or set notation, and the value received, for example
 * {@code KMeansMachine: numClusters must be in [1, inf), got 0}.
 */
public final class Check {

  private Check() {}

  /**
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name as in the API
   * @param value value received
   * @param min inclusive lower bound
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value < min}
   */
  public static int atLeast(String owner, String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(
          owner + ": " + name + " must be in [" + min + ", inf), got " + value);
    }
    return value;
  }

  /**
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param value value received
   * @param min inclusive lower bound
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value < min} or it is NaN
   */
  public static double atLeast(String owner, String name, double value, double min) {
    if (!(value >= min) || Double.isNaN(value)) {
      throw new IllegalArgumentException(
          owner + ": " + name + " must be in [" + min + ", inf), got " + value);
    }
    return value;
  }

  /**
   * Validates a seed of numpy's legacy generator (an unsigned 32-bit integer).
   *
   * @param owner {@code Class} or {@code Class.method}
   * @param seed value received
   * @return {@code seed}
   * @throws IllegalArgumentException unless {@code 0 <= seed <= 2^32 − 1}
   */
  public static long seed(String owner, long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(owner + ": seed must be in [0, 4294967295], got " + seed);
    }
    return seed;
  }

  /**
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param value value received
   * @param lo inclusive lower bound
   * @param hi inclusive upper bound
   * @return {@code value}
   */
  public static int inClosed(String owner, String name, int value, int lo, int hi) {
    if (value < lo || value > hi) {
      throw new IllegalArgumentException(
          owner + ": " + name + " must be in [" + lo + ", " + hi + "], got " + value);
    }
    return value;
  }

  /**
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param value value received
   * @param lo inclusive lower bound
   * @param hi inclusive upper bound
   * @return {@code value}
   */
  public static double inClosed(String owner, String name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(
          owner + ": " + name + " must be in [" + lo + ", " + hi + "], got " + value);
    }
    return value;
  }

  /**
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param value value received
   * @param lo exclusive lower bound
   * @param hi inclusive upper bound
   * @return {@code value}
   */
  public static double inOpenClosed(String owner, String name, double value, double lo, double hi) {
    if (!(value > lo && value <= hi)) {
      throw new IllegalArgumentException(
          owner + ": " + name + " must be in (" + lo + ", " + hi + "], got " + value);
    }
    return value;
  }

  /**
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param value value received
   * @return {@code value}
   * @throws IllegalArgumentException unless {@code 0 < value < inf}
   */
  public static double positive(String owner, String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          owner + ": " + name + " must be in (0, inf), got " + value);
    }
    return value;
  }

  /**
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param value value received
   * @return {@code value}
   * @throws IllegalArgumentException unless {@code 0 <= value < inf}
   */
  public static double nonNegative(String owner, String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          owner + ": " + name + " must be in [0, inf), got " + value);
    }
    return value;
  }

  /**
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param value value received
   * @return {@code value}
   * @throws IllegalArgumentException if NaN or infinite
   */
  public static double finite(String owner, String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          owner + ": " + name + " must be finite, got " + value);
    }
    return value;
  }

  /**
   * Rejects the first non-finite element, naming its index.
   *
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param values values; not modified
   * @return {@code values}
   */
  public static double[] finite(String owner, String name, double[] values) {
    Objects.requireNonNull(values, name);
    for (int k = 0; k < values.length; k++) {
      if (!Double.isFinite(values[k])) {
        throw new IllegalArgumentException(
            owner + ": " + name + "[" + k + "] is " + values[k] + "; inputs must be finite");
      }
    }
    return values;
  }

  /**
   * Rejects the first non-finite cell, naming row and column.
   *
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param x matrix; not modified
   * @return {@code x}
   */
  public static Matrix finite(String owner, String name, Matrix x) {
    Objects.requireNonNull(x, name);
    double[] a = x.data();
    int d = x.cols();
    for (int k = 0; k < a.length; k++) {
      double v = a[k];
      if (v - v != 0) { // NaN or +-Inf, one comparison
        throw new IllegalArgumentException(
            owner + ": " + name + "[" + (k / d) + ", " + (k % d) + "] is " + v
                + "; inputs must be finite");
      }
    }
    return x;
  }

  /**
   * Rejects a negative element, naming its index.
   *
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param values values; not modified
   * @return {@code values}
   */
  public static double[] nonNegative(String owner, String name, double[] values) {
    for (int k = 0; k < values.length; k++) {
      if (!(values[k] >= 0)) {
        throw new IllegalArgumentException(
            owner + ": " + name + "[" + k + "] must be in [0, inf), got " + values[k]);
      }
    }
    return values;
  }

  /**
   * Rejects a non-positive element, naming its index.
   *
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param values values; not modified
   * @return {@code values}
   */
  public static double[] positive(String owner, String name, double[] values) {
    for (int k = 0; k < values.length; k++) {
      if (!(values[k] > 0) || Double.isInfinite(values[k])) {
        throw new IllegalArgumentException(
            owner + ": " + name + "[" + k + "] must be in (0, inf), got " + values[k]);
      }
    }
    return values;
  }

  /**
   * Requires at least one row.
   *
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param x matrix
   * @return {@code x}
   */
  public static Matrix nonEmpty(String owner, String name, Matrix x) {
    Objects.requireNonNull(x, name);
    if (x.rows() == 0) {
      throw new IllegalArgumentException(
          owner + ": " + name + " must have at least 1 row, got 0 rows (shape 0x" + x.cols() + ")");
    }
    return x;
  }

  /**
   * Requires {@code x.cols() == expected}.
   *
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param x matrix
   * @param expected required number of columns
   * @param what description of where {@code expected} comes from, e.g. "the model has D"
   * @return {@code x}
   */
  public static Matrix columns(String owner, String name, Matrix x, int expected, String what) {
    Objects.requireNonNull(x, name);
    if (x.cols() != expected) {
      throw new DimensionMismatchException(
          owner + ": " + name + " has " + x.cols() + " columns (shape " + x.rows() + "x" + x.cols()
              + ") but " + what + " = " + expected);
    }
    return x;
  }

  /**
   * Requires an array of a given length.
   *
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param values array
   * @param expected required length
   * @param what description of where {@code expected} comes from
   * @return {@code values}
   */
  public static double[] length(String owner, String name, double[] values, int expected, String what) {
    Objects.requireNonNull(values, name);
    if (values.length != expected) {
      throw new DimensionMismatchException(
          owner + ": " + name + " has length " + values.length + " but " + what + " = " + expected);
    }
    return values;
  }

  /**
   * Requires a matrix of a given shape.
   *
   * @param owner {@code Class} or {@code Class.method}
   * @param name parameter name
   * @param x matrix
   * @param rows required rows
   * @param cols required columns
   * @return {@code x}
   */
  public static Matrix shape(String owner, String name, Matrix x, int rows, int cols) {
    Objects.requireNonNull(x, name);
    if (x.rows() != rows || x.cols() != cols) {
      throw new DimensionMismatchException(
          owner + ": " + name + " has shape " + x.rows() + "x" + x.cols() + " but " + rows + "x"
              + cols + " is required");
    }
    return x;
  }
}
