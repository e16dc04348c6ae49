package org.emkit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.emkit.core.Matrix;

/**
 * Array comparison with numpy {@code allclose} semantics and a report that names the first
 * failing index, the values, the absolute and relative errors, the number of failing cells and
 * the largest error. NaN or infinity on either side fails.
 */
public final class NumericAssert {

  private NumericAssert() {}

  /**
   * @param expected reference values
   * @param actual values under test
   * @param tol tolerance
   */
  public static void assertAllClose(double[] expected, double[] actual, Tolerance tol) {
    assertAllClose(expected, actual, tol, 0, "");
  }

  /**
   * @param expected reference values
   * @param actual values under test
   * @param tol tolerance
   * @param message context for the failure message
   */
  public static void assertAllClose(double[] expected, double[] actual, Tolerance tol, String message) {
    assertAllClose(expected, actual, tol, 0, message);
  }

  /**
   * @param expected reference matrix
   * @param actual matrix under test
   * @param tol tolerance
   */
  public static void assertAllClose(Matrix expected, Matrix actual, Tolerance tol) {
    assertAllClose(expected, actual, tol, "");
  }

  /**
   * @param expected reference matrix
   * @param actual matrix under test
   * @param tol tolerance
   * @param message context
   */
  public static void assertAllClose(Matrix expected, Matrix actual, Tolerance tol, String message) {
    if (expected.rows() != actual.rows() || expected.cols() != actual.cols()) {
      fail(prefix(message) + "shape differs: expected " + expected.rows() + "x" + expected.cols()
          + ", actual " + actual.rows() + "x" + actual.cols());
    }
    assertAllClose(expected.data(), actual.data(), tol, expected.cols(), message);
  }

  /**
   * @param expected reference scalar
   * @param actual scalar under test
   * @param tol tolerance
   * @param message context
   */
  public static void assertClose(double expected, double actual, Tolerance tol, String message) {
    assertAllClose(new double[] {expected}, new double[] {actual}, tol, 0, message);
  }

  /**
   * @param expected reference scalar
   * @param actual scalar under test
   * @param tol tolerance
   */
  public static void assertClose(double expected, double actual, Tolerance tol) {
    assertClose(expected, actual, tol, "");
  }

  private static String prefix(String message) {
    return message == null || message.isEmpty() ? "" : message + ": ";
  }

  /**
   * Largest relative error |a−e|/|e| (absolute error where e is 0), for reporting.
   *
   * @param expected reference
   * @param actual under test
   * @return the maximum error
   */
  public static double maxRelativeError(double[] expected, double[] actual) {
    double worst = 0;
    for (int k = 0; k < expected.length; k++) {
      double e = Math.abs(actual[k] - expected[k]);
      worst = Math.max(worst, expected[k] == 0 ? e : e / Math.abs(expected[k]));
    }
    return worst;
  }

  private static void assertAllClose(double[] expected, double[] actual, Tolerance tol, int cols,
      String message) {
    if (expected.length != actual.length) {
      fail(prefix(message) + "length differs: expected " + expected.length + ", actual " + actual.length);
    }
    int failing = 0;
    int first = -1;
    double worstAbs = 0;
    int worstIdx = -1;
    for (int k = 0; k < expected.length; k++) {
      if (!tol.accepts(expected[k], actual[k])) {
        failing++;
        if (first < 0) {
          first = k;
        }
        double abs = Math.abs(actual[k] - expected[k]);
        if (worstIdx < 0 || !(abs <= worstAbs)) {
          worstAbs = abs;
          worstIdx = k;
        }
      }
    }
    if (failing > 0) {
      double e = expected[first];
      double a = actual[first];
      String where = cols > 0 ? "[" + (first / cols) + ", " + (first % cols) + "]" : "[" + first + "]";
      fail(prefix(message) + failing + " of " + expected.length + " values outside " + tol
          + "; first at " + where + ": expected " + e + ", actual " + a + ", abs error "
          + Math.abs(a - e) + ", rel error " + Math.abs(a - e) / Math.abs(e) + "; largest abs error "
          + worstAbs + " at index " + worstIdx);
    }
  }
}
