package org.emkit.fisher;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;

/**
 * Runs VLFeat itself through the test-support program {@code src/test/c/vlfeat_peer.c}: compiles
 * it once per JVM with {@code gcc ... -lvl -lm} into {@code target/vlfeat-peer/}, writes inputs
 * as little-endian binary files there, runs it and reads its outputs. A missing compiler or
 * VLFeat makes the calling test fail (never skip), with the packages to install.
 */
final class VlfeatPeer {

  static final Path MODULE = Paths.get(System.getProperty("basedir",
      System.getProperty("user.dir")));
  static final Path DIR = MODULE.resolve("target").resolve("vlfeat-peer");
  private static final Path SOURCE = MODULE.resolve("src/test/c/vlfeat_peer.c");
  private static final Path EXE = DIR.resolve("vlfeat_peer");
  private static final String REMEDY = "; the VLFeat peer test needs a C compiler and VLFeat's"
      + " headers and library: apt-get install gcc libvlfeat-dev";

  private static boolean built;

  private VlfeatPeer() {}

  /** Compiles the program if this JVM has not yet done so. */
  static synchronized Path executable() {
    if (built) {
      return EXE;
    }
    try {
      Files.createDirectories(DIR);
      Path log = DIR.resolve("gcc.log");
      List<String> cmd = List.of("gcc", "-O2", "-std=c99", "-Wall", "-o", EXE.toString(),
          SOURCE.toString(), "-lvl", "-lm");
      int rc = run(cmd, log, 120);
      if (rc != 0) {
        fail("compiling " + SOURCE + " failed (exit " + rc + "): "
            + Files.readString(log, StandardCharsets.UTF_8) + REMEDY);
      }
    } catch (IOException e) {
      fail("cannot run gcc: " + e.getMessage() + REMEDY);
    }
    built = true;
    return EXE;
  }

  private static int run(List<String> cmd, Path log, int timeoutSeconds) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(cmd.get(0) + " did not finish within " + timeoutSeconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while running " + cmd);
    }
    return p.exitValue();
  }

  /** Runs {@code vlfeat_peer mode in out} and returns the output file's bytes. */
  static ByteBuffer call(String mode, String name, ByteBuffer input) {
    Path exe = executable();
    try {
      Path in = DIR.resolve(name + ".in");
      Path out = DIR.resolve(name + ".out");
      Path log = DIR.resolve(name + ".log");
      Files.write(in, input.array());
      Files.deleteIfExists(out);
      int rc = run(List.of(exe.toString(), mode, in.toString(), out.toString()), log, 120);
      if (rc != 0) {
        fail("vlfeat_peer " + mode + " failed (exit " + rc + "): "
            + Files.readString(log, StandardCharsets.UTF_8) + REMEDY);
      }
      return ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      fail("vlfeat_peer " + mode + ": " + e.getMessage());
      return null;
    }
  }

  /** A little-endian buffer builder. */
  static final class Writer {
    private final List<Object> items = new ArrayList<>();
    private int bytes;

    Writer i64(long v) {
      items.add(v);
      bytes += 8;
      return this;
    }

    Writer f64(double v) {
      items.add(v);
      bytes += 8;
      return this;
    }

    Writer f64(double[] a) {
      for (double v : a) {
        f64(v);
      }
      return this;
    }

    Writer i64(int[] a) {
      for (int v : a) {
        i64(v);
      }
      return this;
    }

    ByteBuffer build() {
      ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
      for (Object o : items) {
        if (o instanceof Long) {
          b.putLong((Long) o);
        } else {
          b.putDouble((Double) o);
        }
      }
      return b;
    }
  }

  /** Result of {@code vlfeat_peer fisher}: [flags][set] encodings and term counts. */
  record FisherResult(double[][][] encodings, long[][] numTerms) {}

  static FisherResult fisher(String name, GMMMachine gmm, Matrix x, int[] lengths) {
    int k = gmm.numComponents();
    int d = gmm.numFeatures();
    ByteBuffer in = new Writer().i64(d).i64(k).i64(x.rows()).i64(lengths.length)
        .f64(gmm.weights()).f64(gmm.meanSupervector()).f64(gmm.varianceSupervector())
        .f64(x.data()).i64(lengths).build();
    ByteBuffer out = call("fisher", name, in);
    double[][][] enc = new double[8][lengths.length][2 * k * d];
    long[][] terms = new long[8][lengths.length];
    for (int f = 0; f < 8; f++) {
      for (int s = 0; s < lengths.length; s++) {
        terms[f][s] = out.getLong();
        for (int i = 0; i < 2 * k * d; i++) {
          enc[f][s][i] = out.getDouble();
        }
      }
    }
    if (out.hasRemaining()) {
      fail("vlfeat_peer fisher wrote " + out.remaining() + " unexpected bytes");
    }
    return new FisherResult(enc, terms);
  }

  /** Result of {@code vlfeat_peer vlad}: [kind: 0 hard, 1 soft][flags][set] encodings. */
  static double[][][][] vlad(String name, Matrix centres, double alpha, Matrix x, int[] lengths) {
    int k = centres.rows();
    int d = centres.cols();
    ByteBuffer in = new Writer().i64(d).i64(k).i64(x.rows()).i64(lengths.length).f64(alpha)
        .f64(centres.data()).f64(x.data()).i64(lengths).build();
    ByteBuffer out = call("vlad", name, in);
    double[][][][] enc = new double[2][16][lengths.length][k * d];
    for (int kind = 0; kind < 2; kind++) {
      for (int f = 0; f < 16; f++) {
        for (int s = 0; s < lengths.length; s++) {
          for (int i = 0; i < k * d; i++) {
            enc[kind][f][s][i] = out.getDouble();
          }
        }
      }
    }
    if (out.hasRemaining()) {
      fail("vlfeat_peer vlad wrote " + out.remaining() + " unexpected bytes");
    }
    return enc;
  }
}
