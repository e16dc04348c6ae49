package org.emkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.emkit.core.Matrix;
import org.emkit.core.io.Npy;
import org.emkit.core.random.NumpyRandom;

/** Runs the command line in this JVM with captured streams, and makes seeded test data. */
final class Cli {

  /** Exit code and captured output of one run. */
  static final class Result {
    final int code;
    final String out;
    final String err;

    Result(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private Cli() {}

  /**
   * @param terminal whether stderr pretends to be a terminal
   * @param args arguments
   * @return the result; the clock advances 0.5 s per reading
   */
  static Result run(boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long[] t = {0};
    int code = Main.run(args, new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
        terminal, () -> t[0] += 500_000_000L));
    return new Result(code, out.toString(), err.toString());
  }

  static Result run(String... args) {
    return run(false, args);
  }

  /**
   * Three-dimensional frames around a centre, seeded.
   *
   * @param file target .npy
   * @param seed RNG seed
   * @param n rows
   * @param centre mean of every coordinate
   * @return the data written
   */
  static Matrix frames(Path file, long seed, int n, double centre) throws IOException {
    NumpyRandom rng = new NumpyRandom(seed);
    double[] v = new double[n * 3];
    for (int k = 0; k < v.length; k++) {
      v[k] = centre + rng.randn() + (k % 3) * 0.5;
    }
    Matrix m = Matrix.wrap(n, 3, v);
    Npy.write(file, m);
    return m;
  }

  /**
   * UBM training data: three blobs at -3, 0, 3.
   *
   * @param file target .npy
   * @return the data
   */
  static Matrix ubmData(Path file) throws IOException {
    NumpyRandom rng = new NumpyRandom(0);
    double[] v = new double[600 * 3];
    for (int i = 0; i < 600; i++) {
      for (int j = 0; j < 3; j++) {
        v[i * 3 + j] = (i % 3 - 1) * 3.0 + rng.randn();
      }
    }
    Matrix m = Matrix.wrap(600, 3, v);
    Npy.write(file, m);
    return m;
  }
}
