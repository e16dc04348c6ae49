package org.emkit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Writes results; a failure to write is reported as exit code 1 naming the file. */
final class Outputs {

  /** Writes one output file. */
  @FunctionalInterface
  interface Writer {
    void write(Path file) throws IOException;
  }

  private Outputs() {}

  /**
   * @param spec the {@code --out} value
   * @param writer writes the file (atomically)
   * @return the path written
   */
  static Path write(String spec, Writer writer) {
    Path p = Paths.get(spec);
    try {
      writer.write(p);
      return p;
    } catch (IOException e) {
      throw new CliException(CliException.FAILURE, "--out " + spec + ": cannot write: "
          + e.getMessage(), e);
    }
  }

  /**
   * Quotes a CSV field if it needs it (RFC 4180).
   *
   * @param s a field
   * @return the field as written
   */
  static String csvField(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
