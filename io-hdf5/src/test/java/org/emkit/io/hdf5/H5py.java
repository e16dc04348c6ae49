package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python snippets with Debian's {@code /usr/bin/python3} and its {@code python3-h5py}, the
 * independent HDF5 implementation (libhdf5) the interop tests compare against. A missing
 * interpreter or h5py <b>fails</b> the calling test; it never skips.
 */
final class H5py {

  static final Path PYTHON = Paths.get("/usr/bin/python3");

  /** Prints every attribute and dataset of a file, one line each, values by repr. */
  static final String DUMP = String.join("\n",
      "import sys, h5py, numpy as np",
      "def kind(dt):",
      "    si = h5py.check_string_dtype(dt)",
      "    if si is not None:",
      "        return 'vlen-str' if si.length is None else 'fixed-str'",
      "    return str(dt)",
      "def text(x):",
      "    return x.decode('utf-8') if isinstance(x, bytes) else str(x)",
      "def visit(name, obj):",
      "    if isinstance(obj, h5py.Dataset):",
      "        a = np.ravel(np.array(obj[()], dtype=object if h5py.check_string_dtype(obj.dtype) else None))",
      "        if h5py.check_string_dtype(obj.dtype) is not None:",
      "            vals = [text(x) for x in a]",
      "        else:",
      "            vals = [repr(float(x)) for x in a]",
      "        print('D|/' + name + '|' + kind(obj.dtype) + '|' + ','.join(map(str, obj.shape)) + '|'",
      "              + '\\t'.join(vals))",
      "    for k, v in obj.attrs.items():",
      "        print('A|/' + name + '|' + k + '|' + type(v).__name__ + '|' + text(v))",
      "with h5py.File(sys.argv[1], 'r') as f:",
      "    for k, v in f.attrs.items():",
      "        print('A|/|' + k + '|' + type(v).__name__ + '|' + text(v))",
      "    f.visititems(visit)");

  /** A dataset as h5py sees it. */
  static final class Entry {
    final String dtype;
    final int[] shape;
    final List<String> values;

    Entry(String dtype, int[] shape, List<String> values) {
      this.dtype = dtype;
      this.shape = shape;
      this.values = values;
    }

    double[] doubles() {
      return values.stream().mapToDouble(Double::parseDouble).toArray();
    }
  }

  /** What h5py reports for a file. */
  static final class Dump {
    final Map<String, Entry> datasets = new LinkedHashMap<>();
    /** "objectPath attrName" → "pythonType|value". */
    final Map<String, String> attributes = new LinkedHashMap<>();
  }

  private H5py() {}

  /**
   * @param script Python source
   * @param args command-line arguments
   * @return standard output
   */
  static String run(String script, String... args) {
    if (!Files.isExecutable(PYTHON)) {
      fail(PYTHON + " is missing: the interop tests need Debian's python3 and python3-h5py"
          + " (apt-get install python3-h5py)");
    }
    try {
      Path f = Files.createTempFile("emkit-h5py", ".py");
      try {
        Files.writeString(f, script, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), f.toString()));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> copy(p.getErrorStream(), err));
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          fail("python timed out");
        }
        t.join();
        String e = err.toString(StandardCharsets.UTF_8);
        if (e.contains("No module named 'h5py'")) {
          fail("python3-h5py is missing: apt-get install python3-h5py\n" + e);
        }
        if (p.exitValue() != 0) {
          fail("python failed (exit " + p.exitValue() + "):\n" + e + "\nstdout:\n" + out);
        }
        return out;
      } finally {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run python: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      // the process died; its exit code reports the failure
    }
  }

  /**
   * @param file an HDF5 file
   * @return every dataset and attribute as h5py reads them
   */
  static Dump dump(Path file) {
    Dump d = new Dump();
    for (String line : run(DUMP, file.toString()).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] p = line.split("\\|", 5);
      if (p[0].equals("A")) {
        d.attributes.put(p[1] + " " + p[2], p[3] + "|" + p[4]);
      } else {
        int[] shape = p[3].isEmpty() ? new int[0]
            : Arrays.stream(p[3].split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> vals = p[4].isEmpty() ? new ArrayList<>() : Arrays.asList(p[4].split("\t"));
        d.datasets.put(p[1], new Entry(p[2], shape, vals));
      }
    }
    return d;
  }
}
