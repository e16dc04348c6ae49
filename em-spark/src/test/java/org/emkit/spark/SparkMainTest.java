package org.emkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.fa.IVectorMachine;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs Spark jobs on the shared local[2] test session: seconds, not milliseconds. */
@Tag("slow")
class SparkMainTest {

  @TempDir
  Path dir;

  /** Frames of 12 keyed sets written as Parquet (one file: a fixed partitioning on reading). */
  Path data() {
    Path p = dir.resolve("frames.parquet");
    SparkSetsTest.longRows().coalesce(1).write().parquet(p.toString());
    return p;
  }

  static String s(Path p) {
    return p.toString();
  }

  @Test
  void gmmStatsFvAndIVectorCommandsWriteWhatTheLibraryComputes() throws Exception {
    Path data = data();
    Path ubm = dir.resolve("ubm.h5");
    assertEquals(0, SparkMain.run(new String[] {"gmm", "--data", s(data), "--components", "2",
        "--max-iter", "4", "--seed", "3", "--out", s(ubm)}));
    GMMMachine saved = Hdf5.loadGmm(ubm);
    Dataset<Row> df = SparkTests.spark().read().parquet(s(data));
    GMMMachine expected;
    try (FrameSet f = FrameSet.of(df, "features")) {
      expected = SparkGMM.fit(f, GMMMachine.builder(2).maxIterations(4).seed(3)
          .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES,
              GMMMachine.Update.WEIGHTS).build());
    }
    assertArrayEquals(expected.meanSupervector(), saved.meanSupervector());
    assertArrayEquals(expected.weights(), saved.weights());

    Path stats = dir.resolve("stats");
    assertEquals(0, SparkMain.run(new String[] {"stats", "--data", s(data), "--key", "key",
        "--ubm", s(ubm), "--out", s(stats)}));
    Map<String, Row> got = SparkSetsTest.byKey(SparkTests.spark().read().parquet(s(stats)));
    Map<String, Row> want = SparkSetsTest.byKey(SparkSets.statistics(
        KeyedSets.fromFrames(df, "key", "features"), saved));
    assertEquals(want.keySet(), got.keySet());
    for (String k : want.keySet()) {
      assertArrayEquals(SparkSetsTest.doubles(want.get(k), 4), SparkSetsTest.doubles(got.get(k), 4));
    }

    Path fv = dir.resolve("fv");
    assertEquals(0, SparkMain.run(new String[] {"fv", "--data", s(data), "--key", "key",
        "--gmm", s(ubm), "--out", s(fv)}));
    Map<String, Row> fvs = SparkSetsTest.byKey(SparkTests.spark().read().parquet(s(fv)));
    assertEquals(FisherVectorEncoder.improved(saved).length(),
        SparkSetsTest.doubles(fvs.get("s0"), 1).length);

    Path tv = dir.resolve("tv.h5");
    assertEquals(0, SparkMain.run(new String[] {"ivector-train", "--stats", s(stats), "--ubm",
        s(ubm), "--rank", "2", "--iterations", "2", "--out", s(tv)}));
    IVectorMachine loaded = Hdf5.loadIVector(tv);
    IVectorMachine trained = SparkIVector.fit(SparkTests.spark().read().parquet(s(stats)),
        IVectorMachine.builder(saved, 2).iterations(2).build());
    assertEquals(trained.t(), loaded.t());
    assertEquals(trained.sigma(), loaded.sigma());
    Path iv = dir.resolve("iv");
    assertEquals(0, SparkMain.run(new String[] {"ivector-extract", "--stats", s(stats), "--key",
        "key", "--model", s(tv), "--out", s(iv)}));
    assertEquals(12, SparkTests.spark().read().parquet(s(iv)).count());
  }

  @Test
  void kmeansAndVladCommandsRun() throws Exception {
    Path data = data();
    Path km = dir.resolve("km.h5");
    assertEquals(0, SparkMain.run(new String[] {"kmeans", "--data", s(data), "--clusters", "2",
        "--seed", "1", "--out", s(km)}));
    KMeansMachine m = Hdf5.loadKMeans(km);
    assertEquals(2, m.numClusters());
    Path vlad = dir.resolve("vlad");
    assertEquals(0, SparkMain.run(new String[] {"vlad", "--data", s(data), "--key", "key",
        "--kmeans", s(km), "--intra-norm", "--out", s(vlad)}));
    assertEquals(12, SparkTests.spark().read().parquet(s(vlad)).count());
  }

  @Test
  void usageErrorsAndBadInputsGiveTheirExitCodes() throws Exception {
    assertEquals(SparkMain.USAGE, SparkMain.run(new String[0]));
    assertEquals(SparkMain.USAGE, SparkMain.run(new String[] {"nope"}));
    assertEquals(SparkMain.USAGE, SparkMain.run(new String[] {"kmeans", "--clusters"}));
    Path data = data();
    assertEquals(SparkMain.USAGE, SparkMain.run(new String[] {"kmeans", "--data", s(data),
        "--out", s(dir.resolve("k.h5"))}));
    assertEquals(SparkMain.USAGE, SparkMain.run(new String[] {"gmm", "--data", s(data),
        "--components", "2", "--update", "q", "--out", s(dir.resolve("g.h5"))}));
    assertEquals(SparkMain.BAD_INPUT, SparkMain.run(new String[] {"stats", "--data", s(data),
        "--key", "key", "--ubm", s(dir.resolve("missing.h5")), "--out", s(dir.resolve("st"))}));
    // a NaN frame: bad input, nothing written
    List<Row> rows = new ArrayList<>();
    Matrix x = SparkSetsTest.X;
    for (int i = 0; i < 20; i++) {
      double[] v = x.row(i);
      if (i == 13) {
        v[1] = Double.NaN;
      }
      rows.add(RowFactory.create("u" + i, SparkTests.toList(v)));
    }
    Path bad = dir.resolve("bad.parquet");
    SparkTests.frames(rows, SparkTests.FRAMES, 20).write().parquet(s(bad));
    Path out = dir.resolve("never.h5");
    assertEquals(SparkMain.BAD_INPUT, SparkMain.run(new String[] {"gmm", "--data", s(bad),
        "--key", "key", "--components", "2", "--out", s(out)}));
    assertTrue(Files.notExists(out));
  }
}
