package org.emkit.fa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;

/**
 * Asserts closeness to a reference and records the worst absolute and relative error of each
 * named comparison in {@code target/parity-errors.tsv} (name, max abs error, max rel error,
 * tolerance), so that parity reports can quote measured errors without printing from tests.
 */
final class ParityLog {

  private static final Path FILE = Paths.get("target", "parity-errors.tsv");

  private ParityLog() {}

  static void check(String name, double[] expected, double[] actual, Tolerance tol) {
    NumericAssert.assertAllClose(expected, actual, tol, name);
    record(name, expected, actual, tol);
  }

  static void check(String name, double expected, double actual, Tolerance tol) {
    check(name, new double[] {expected}, new double[] {actual}, tol);
  }

  private static synchronized void record(String name, double[] expected, double[] actual,
      Tolerance tol) {
    double abs = 0;
    double rel = 0;
    for (int k = 0; k < expected.length; k++) {
      double e = Math.abs(actual[k] - expected[k]);
      abs = Math.max(abs, e);
      if (expected[k] != 0) {
        rel = Math.max(rel, e / Math.abs(expected[k]));
      }
    }
    String line = name + "\t" + abs + "\t" + rel + "\t" + tol + System.lineSeparator();
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
