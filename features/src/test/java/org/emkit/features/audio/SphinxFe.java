package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.emkit.core.Matrix;

/**
 * Runs CMU sphinx_fe (Debian package {@code sphinxbase-utils}) and reads its cepstral files: a
 * 4-byte count of floats, then float32 values, frame after frame. The byte order is whatever
 * sphinx_fe wrote (it follows {@code -mach_endian}); like sphinx's own reader, it is detected from
 * the header, which must equal (file length − 4) / 4 in exactly one order.
 */
final class SphinxFe {

  /** The Debian package that provides sphinx_fe. */
  static final String PACKAGE = "sphinxbase-utils";

  private SphinxFe() {}

  /** The sphinx_fe executable on PATH; fails the test (never skips) when it is missing. */
  static Path executable() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, "sphinx_fe");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    fail("sphinx_fe not found on PATH; install it: apt-get install -y --no-install-recommends "
        + PACKAGE);
    throw new AssertionError("unreachable");
  }

  /** Runs sphinx_fe on a WAV file with the given extra arguments and returns its frames. */
  static Matrix run(Path wav, Path out, int ncep, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable().toString());
    cmd.add("-i");
    cmd.add(wav.toString());
    cmd.add("-o");
    cmd.add(out.toString());
    cmd.add("-mswav");
    cmd.add("yes");
    cmd.add("-ncep");
    cmd.add(String.valueOf(ncep));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(out.getParent(), "sphinx_fe", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("sphinx_fe did not finish within 60 s: " + cmd);
    }
    if (p.exitValue() != 0) {
      fail("sphinx_fe failed with exit code " + p.exitValue() + ": " + cmd + "\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return read(out, ncep);
  }

  /** Reads a sphinx cepstral file of {@code ncep} coefficients per frame. */
  static Matrix read(Path file, int ncep) throws IOException {
    byte[] b = Files.readAllBytes(file);
    long floats = (b.length - 4L) / 4;
    ByteBuffer buf = ByteBuffer.wrap(b);
    int little = buf.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    int big = buf.order(ByteOrder.BIG_ENDIAN).getInt(0);
    ByteOrder order;
    if (little == floats) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (big == floats) {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new IOException(file + ": header " + little + " (LE) / " + big
          + " (BE) matches neither order for " + floats + " floats");
    }
    assertEquals(0, floats % ncep, "float count is a multiple of ncep");
    int frames = (int) (floats / ncep);
    double[] v = new double[(int) floats];
    buf.order(order);
    for (int i = 0; i < v.length; i++) {
      v[i] = buf.getFloat(4 + 4 * i);
    }
    return Matrix.wrap(frames, ncep, v);
  }
}
