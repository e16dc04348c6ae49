package org.emkit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.emkit.core.Matrix;

/**
 * Array comparison with numpy {@code allclose} semantics and a report that names the first
 * failing index, the values, the absolute and relative errors, the number of failing cells and
 * the largest error. NaN or infinity on either side fails.
 *
 * <p>When the environment variable {@code EMKIT_PARITY_REPORT} names a file, every comparison
 * that passes appends one tab-separated line to it: calling test class, method, message, number
 * of values, largest absolute error, largest relative error and the tolerance. {@code
 * scripts/parity-report.sh} runs the suites with it and prints the worst error per test (the
 * numbers quoted in the issues' closing notes).
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

  /**
   * A named comparison with a reference (a golden or a peer's output): {@link
   * #assertAllClose(double[], double[], Tolerance, String)} with the name first, so parity tests
   * read as a list of named checks.
   *
   * @param name what is compared (for example {@code "cpp_cookbook/D"})
   * @param expected reference values
   * @param actual values under test
   * @param tol tolerance
   */
  public static void assertParity(String name, double[] expected, double[] actual, Tolerance tol) {
    assertAllClose(expected, actual, tol, 0, name);
  }

  /**
   * Scalar form of {@link #assertParity(String, double[], double[], Tolerance)}.
   *
   * @param name what is compared
   * @param expected reference value
   * @param actual value under test
   * @param tol tolerance
   */
  public static void assertParity(String name, double expected, double actual, Tolerance tol) {
    assertAllClose(new double[] {expected}, new double[] {actual}, tol, 0, name);
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
    if (failing == 0) {
      record(expected, actual, tol, message);
      return;
    }
    double e = expected[first];
    double a = actual[first];
    String where = cols > 0 ? "[" + (first / cols) + ", " + (first % cols) + "]" : "[" + first + "]";
    fail(prefix(message) + failing + " of " + expected.length + " values outside " + tol
        + "; first at " + where + ": expected " + e + ", actual " + a + ", abs error "
        + Math.abs(a - e) + ", rel error " + Math.abs(a - e) / Math.abs(e) + "; largest abs error "
        + worstAbs + " at index " + worstIdx);
  }

  private static final String REPORT = System.getenv("EMKIT_PARITY_REPORT");

  private static void record(double[] expected, double[] actual, Tolerance tol, String message) {
    if (REPORT == null || REPORT.isEmpty()) {
      return;
    }
    double abs = 0;
    for (int k = 0; k < expected.length; k++) {
      abs = Math.max(abs, Math.abs(actual[k] - expected[k]));
    }
    StackWalker.StackFrame caller = StackWalker.getInstance()
        .walk(frames -> frames.filter(f -> !f.getClassName().equals(NumericAssert.class.getName()))
            .findFirst().orElseThrow());
    String line = String.join("\t", caller.getClassName(), caller.getMethodName(),
        message == null ? "" : message.replace('\t', ' ').replace('\n', ' '),
        Integer.toString(expected.length), String.format(Locale.ROOT, "%.3e", abs),
        String.format(Locale.ROOT, "%.3e", maxRelativeError(expected, actual)), tol.toString())
        + "\n";
    synchronized (NumericAssert.class) {
      try {
        Files.writeString(Path.of(REPORT), line, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
