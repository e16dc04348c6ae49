package org.emkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emkit gmm train --stream}: the same model as the in-memory run, typed usage errors. */
class CliStreamTest {

  @TempDir Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void streamedTrainingFromAGivenModelEqualsTheInMemoryRun() throws Exception {
    Cli.ubmData(dir.resolve("x.npy"));
    Cli.Result init = Cli.run("gmm", "train", "--data", p("x.npy"), "--components", "3",
        "--max-iter", "1", "--seed", "4", "--out", p("init.h5"), "--quiet");
    assertEquals(0, init.code, init.toString());
    Cli.Result mem = Cli.run("gmm", "train", "--data", p("x.npy"), "--init-model", p("init.h5"),
        "--max-iter", "4", "--out", p("mem.h5"), "--quiet");
    Cli.Result str = Cli.run("gmm", "train", "--data", p("x.npy"), "--init-model", p("init.h5"),
        "--max-iter", "4", "--stream", "--threads", "2", "--out", p("str.h5"), "--quiet");
    assertEquals(0, mem.code, mem.toString());
    assertEquals(0, str.code, str.toString());
    GMMMachine a = Hdf5.loadGmm(dir.resolve("mem.h5"));
    GMMMachine b = Hdf5.loadGmm(dir.resolve("str.h5"));
    assertArrayEquals(a.means().data(), b.means().data());
    assertArrayEquals(a.variances().data(), b.variances().data());
    assertArrayEquals(a.weights(), b.weights());
  }

  @Test
  void streamedTrainingFromKMeansOnTheFullSampleEqualsTheInMemoryRun() throws Exception {
    Cli.ubmData(dir.resolve("x.npy"));
    Cli.Result mem = Cli.run("gmm", "train", "--data", p("x.npy"), "--components", "3",
        "--max-iter", "3", "--seed", "2", "--out", p("mem.h5"), "--quiet");
    Cli.Result str = Cli.run("gmm", "train", "--data", p("x.npy"), "--components", "3",
        "--max-iter", "3", "--seed", "2", "--stream", "--init-sample-rows", "600",
        "--out", p("str.h5"), "--quiet");
    assertEquals(0, mem.code, mem.toString());
    assertEquals(0, str.code, str.toString());
    assertArrayEquals(Hdf5.loadGmm(dir.resolve("mem.h5")).means().data(),
        Hdf5.loadGmm(dir.resolve("str.h5")).means().data());
  }

  @Test
  void streamRejectsNonNpyDataAndTooSmallSamples() throws Exception {
    Cli.ubmData(dir.resolve("x.npy"));
    Cli.Result csv = Cli.run("gmm", "train", "--data", p("x.csv"), "--components", "3",
        "--stream", "--out", p("o.h5"));
    assertEquals(2, csv.code, csv.toString());
    assertTrue(csv.err.contains("--stream reads a 2-D .npy file"), csv.err);
    Cli.Result small = Cli.run("gmm", "train", "--data", p("x.npy"), "--components", "3",
        "--stream", "--init-sample-rows", "2", "--out", p("o.h5"));
    assertEquals(2, small.code, small.toString());
    assertTrue(small.err.contains("--init-sample-rows must be >= K = 3, got 2"), small.err);
  }
}
