package org.emkit.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.emkit.core.Matrix;

/**
 * Reads and writes numeric matrices as comma-separated text, one row per line.
 *
 * <p>Reading: an optional header line (recognised because one of its fields is not a number)
 * is skipped; blank lines are ignored; every other line must have the same number of numeric
 * fields. Values are parsed with {@link Double#parseDouble} (so {@code NaN} and
 * {@code Infinity} parse; estimators reject them later with the cell named). A ragged or
 * non-numeric line throws {@link ArrayFormatException} naming the file, the line and the field.
 *
 * <p>Writing uses {@link Double#toString} (shortest round-trip form) through
 * {@link AtomicFiles}.
 */
public final class Csv {

  private Csv() {}

  /**
   * @param path file to read
   * @return the matrix
   * @throws IOException if unreadable or malformed
   */
  public static Matrix readMatrix(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    DoubleList values = new DoubleList();
    int cols = -1;
    int rows = 0;
    int lineNo = 0;
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        String t = line.trim();
        if (t.isEmpty()) {
          continue;
        }
        String[] parts = t.split(",", -1);
        if (rows == 0 && cols < 0 && !isNumeric(parts[0].trim())) {
          cols = parts.length; // header
          continue;
        }
        if (cols >= 0 && parts.length != cols) {
          throw new ArrayFormatException(path + ": line " + lineNo + " has " + parts.length
              + " fields but the first line has " + cols);
        }
        cols = parts.length;
        for (int j = 0; j < parts.length; j++) {
          String f = parts[j].trim();
          try {
            values.add(Double.parseDouble(f));
          } catch (NumberFormatException e) {
            throw new ArrayFormatException(path + ": line " + lineNo + ", field " + (j + 1)
                + ": expected a number, found '" + f + "'", e);
          }
        }
        rows++;
      }
    }
    if (rows == 0) {
      return Matrix.zeros(0, Math.max(cols, 0));
    }
    return Matrix.wrap(rows, cols, values.toArray());
  }

  private static boolean isNumeric(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Writes a matrix, optionally with a header line.
   *
   * @param path target file
   * @param m values
   * @param header column names, or {@code null} for none
   * @throws IOException on failure (the target is then unchanged)
   */
  public static void write(Path path, Matrix m, String[] header) throws IOException {
    AtomicFiles.write(path, (Path tmp) -> {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        if (header != null) {
          w.write(String.join(",", header));
          w.write('\n');
        }
        double[] a = m.data();
        for (int i = 0; i < m.rows(); i++) {
          for (int j = 0; j < m.cols(); j++) {
            if (j > 0) {
              w.write(',');
            }
            w.write(Double.toString(a[i * m.cols() + j]));
          }
          w.write('\n');
        }
      }
    });
  }

  /** Growable primitive list, to avoid boxing while parsing. */
  private static final class DoubleList {
    private double[] a = new double[1024];
    private int n;

    void add(double v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[n++] = v;
    }

    double[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
