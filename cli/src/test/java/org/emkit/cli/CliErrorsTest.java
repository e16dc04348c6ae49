package org.emkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emkit.core.Matrix;
import org.emkit.core.io.Npy;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.io.hdf5.Hdf5Array;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gives its exit code and a one-line message naming the file or option. */
class CliErrorsTest {

  @TempDir Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @BeforeEach
  void models() throws Exception {
    Cli.ubmData(dir.resolve("x.npy"));
    Cli.frames(dir.resolve("two.npy"), 3, 40, 0);
    assertEquals(0, Cli.run("gmm", "train", "--data", p("x.npy"), "--components", "2", "-q",
        "--max-iter", "3", "--out", p("ubm.h5")).code);
    assertEquals(0, Cli.run("stats", "--ubm", p("ubm.h5"), "--data", p("two.npy"), "-q", "--out",
        p("s.h5")).code);
  }

  private static void expect(int code, String fragment, Cli.Result r) {
    assertEquals(code, r.code, r.toString());
    assertTrue(r.err.contains(fragment), r.toString());
    assertFalse(r.err.contains("\tat "), "no stack trace without --debug: " + r.err);
    assertFalse(r.err.contains("Exception in thread"), r.err);
  }

  @Test
  void usageErrorsExitWith2() {
    expect(2, "Unknown option: '--bogus'", Cli.run("kmeans", "--bogus", "--data", p("x.npy"),
        "--clusters", "2", "--out", p("k.h5")));
    expect(2, "Missing required options", Cli.run("kmeans", "--data", p("x.npy")));
    expect(2, "missing subcommand", Cli.run());
    expect(2, "missing subcommand: train or map", Cli.run("gmm"));
    expect(2, "--clusters must be >= 1, got 0", Cli.run("kmeans", "--data", p("x.npy"),
        "--clusters", "0", "--out", p("k.h5")));
    expect(2, "--threads must be >= 1, got 0", Cli.run("kmeans", "--data", p("x.npy"),
        "--clusters", "2", "--threads", "0", "--out", p("k.h5")));
    expect(2, "--seed must be in [0, 4294967295], got -1", Cli.run("kmeans", "--data", p("x.npy"),
        "--clusters", "2", "--seed", "-1", "--out", p("k.h5")));
    expect(2, "--init must be one of kmeans++, random, kmeans||; got 'best'", Cli.run("kmeans",
        "--data", p("x.npy"), "--clusters", "2", "--init", "best", "--out", p("k.h5")));
    expect(2, "Invalid value for option '--clusters'", Cli.run("kmeans", "--data", p("x.npy"),
        "--clusters", "two", "--out", p("k.h5")));
    expect(2, "--update takes letters among m, v, w; got 'mx'", Cli.run("gmm", "train", "--data",
        p("x.npy"), "--components", "2", "--update", "mx", "--out", p("g.h5")));
    expect(2, "give --components K", Cli.run("gmm", "train", "--data", p("x.npy"), "--out", p("g.h5")));
    expect(2, "--components 3 differs from --init-model", Cli.run("gmm", "train", "--data",
        p("x.npy"), "--components", "3", "--init-model", p("ubm.h5"), "--out", p("g.h5")));
    expect(2, "--relevance-factor and --alpha are mutually exclusive", Cli.run("gmm", "map",
        "--ubm", p("ubm.h5"), "--data", p("two.npy"), "--alpha", "0.5", "--relevance-factor", "3",
        "--out", p("c.h5")));
    expect(2, "--alpha must be in [0, 1], got 2.0", Cli.run("gmm", "map", "--ubm", p("ubm.h5"),
        "--data", p("two.npy"), "--alpha", "2", "--out", p("c.h5")));
    expect(2, "--method must be linear or llr, got 'cosine'", Cli.run("score", "--ubm",
        p("ubm.h5"), "--models", p("ubm.h5"), "--probes", p("s.h5"), "--method", "cosine", "--out",
        p("o.csv")));
    expect(2, "unknown array format", Cli.run("kmeans", "--data", p("x.txt"), "--clusters", "2",
        "--out", p("k.h5")));
    expect(2, "--models has an empty item", Cli.run("score", "--ubm", p("ubm.h5"), "--models",
        p("ubm.h5") + ",", "--probes", p("s.h5"), "--out", p("o.csv")));
  }

  @Test
  void badInputFilesExitWith3AndNameTheFile() throws Exception {
    expect(3, "--data " + p("absent.npy") + ": no such file", Cli.run("kmeans", "--data",
        p("absent.npy"), "--clusters", "2", "--out", p("k.h5")));
    expect(3, "--ubm " + p("absent.h5") + ": no such file", Cli.run("stats", "--ubm",
        p("absent.h5"), "--data", p("x.npy"), "--out", p("o.h5")));
    Files.writeString(dir.resolve("junk.h5"), "not hdf5");
    expect(3, "junk.h5: /: not a readable HDF5 file", Cli.run("stats", "--ubm", p("junk.h5"),
        "--data", p("x.npy"), "--out", p("o.h5")));
    Files.writeString(dir.resolve("ragged.csv"), "1,2,3\n4,5\n");
    expect(3, "ragged.csv: line 2 has 2 fields", Cli.run("kmeans", "--data", p("ragged.csv"),
        "--clusters", "1", "--out", p("k.h5")));
    Files.writeString(dir.resolve("nan.csv"), "1,2,3\n4,NaN,6\n7,8,9\n");
    expect(3, "x[1, 1] is NaN", Cli.run("gmm", "train", "--data", p("nan.csv"), "--components",
        "1", "--out", p("g.h5")));
    Files.write(dir.resolve("bad.npy"), new byte[] {1, 2, 3});
    expect(3, "--data " + p("bad.npy"), Cli.run("kmeans", "--data", p("bad.npy"), "--clusters",
        "1", "--out", p("k.h5")));
    Npy.write(dir.resolve("d4.npy"), Matrix.of(new double[][] {{1, 2, 3, 4}, {2, 3, 4, 5}}));
    expect(3, "has 4 columns but --ubm " + p("ubm.h5") + " has D = 3", Cli.run("stats", "--ubm",
        p("ubm.h5"), "--data", p("d4.npy"), "--out", p("o.h5")));
    expect(3, "has 4 columns but --ubm", Cli.run("gmm", "map", "--ubm", p("ubm.h5"), "--data",
        p("d4.npy"), "--out", p("o.h5")));
    expect(3, "has 2 rows, fewer than --clusters 3", Cli.run("kmeans", "--data", p("d4.npy"),
        "--clusters", "3", "--out", p("k.h5")));
    Npy.write(dir.resolve("const.npy"), Matrix.of(new double[][] {{1, 2}, {1, 3}, {1, 4}}));
    expect(3, "column 0 is constant", Cli.run("gmm", "train", "--data", p("const.npy"),
        "--components", "1", "--out", p("g.h5")));
    Hdf5.writeArray(dir.resolve("arr.h5"), "/a", Hdf5Array.of(new double[] {1, 2}));
    expect(3, "arr.h5: /b: missing dataset", Cli.run("kmeans", "--data", p("arr.h5") + ":/b",
        "--clusters", "1", "--out", p("k.h5")));
    java.util.Map<String, Hdf5Array> two = new java.util.LinkedHashMap<>();
    two.put("/a", Hdf5Array.of(new double[] {1}));
    two.put("/b", Hdf5Array.of(new double[] {2}));
    Hdf5.writeArrays(dir.resolve("two.h5"), two);
    expect(3, "holds 2 numeric datasets [/a, /b]; name one as", Cli.run("kmeans", "--data",
        p("two.h5"), "--clusters", "1", "--out", p("k.h5")));
    expect(3, "--models " + p("s.h5") + ": not a GMM file", Cli.run("score", "--ubm", p("ubm.h5"),
        "--models", p("s.h5"), "--probes", p("s.h5"), "--out", p("o.csv")));
    expect(3, "--probes " + p("ubm.h5") + ": not a GMMStats file", Cli.run("score", "--ubm",
        p("ubm.h5"), "--models", p("ubm.h5"), "--probes", p("ubm.h5"), "--out", p("o.csv")));
    expect(3, "--probes " + p("s.h5"), Cli.run("score", "--ubm", p("ubm.h5"), "--models",
        p("ubm.h5"), "--probes", p("s.h5"), "--method", "llr", "--out", p("o.csv")));
    assertEquals(0, Cli.run("gmm", "train", "--data", p("x.npy"), "--components", "3", "-q",
        "--max-iter", "2", "--out", p("ubm3.h5")).code);
    expect(3, "--models " + p("ubm3.h5") + ": has C×D = 3x3 but --ubm", Cli.run("score", "--ubm",
        p("ubm.h5"), "--models", p("ubm3.h5"), "--probes", p("s.h5"), "--out", p("o.csv")));
    expect(3, "--init-model " + p("s.h5") + ": not a GMM file", Cli.run("gmm", "train", "--data",
        p("x.npy"), "--init-model", p("s.h5"), "--out", p("g.h5")));
    expect(3, p("s.h5.missing") + ": no such file", Cli.run("info", p("s.h5.missing")));
    expect(3, "not a readable HDF5 file", Cli.run("info", p("junk.h5")));
    assertFalse(Files.exists(dir.resolve("k.h5")), "no output is written on failure");
  }

  @Test
  void debugPrintsTheStackTraceAndOutputFailuresExitWith1() throws Exception {
    Cli.Result r = Cli.run("stats", "--ubm", p("absent.h5"), "--data", p("x.npy"), "--debug",
        "--out", p("o.h5"));
    assertEquals(3, r.code);
    assertTrue(r.err.contains("\tat "), r.err);
    Files.createDirectory(dir.resolve("dir.h5"));
    Cli.Result w = Cli.run("stats", "--ubm", p("ubm.h5"), "--data", p("two.npy"), "-q", "--out",
        p("dir.h5"));
    assertEquals(1, w.code, w.toString());
    assertTrue(w.err.contains("--out " + p("dir.h5") + ": cannot write"), w.err);
  }
}
